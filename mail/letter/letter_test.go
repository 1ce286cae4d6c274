package letter

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func corpusFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/letters/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// needOCR skips t when Tesseract is missing, or fails it under
// SANAPATI_STRICT=1.
func needOCR(t *testing.T) {
	t.Helper()
	if err := HaveOCR(context.Background()); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatalf("%v, and SANAPATI_STRICT=1 makes that a failure", err)
		}
		t.Skipf("%v (apt-get install tesseract-ocr tesseract-ocr-ind); set SANAPATI_STRICT=1 to fail instead", err)
	}
}

func TestReadText(t *testing.T) {
	txt, err := Read(context.Background(), corpusFile(t, "10-kemenkes-undangan.pdf"), Options{Pages: 1})
	if err != nil {
		t.Fatalf("Read() = %v", err)
	}
	if txt.Source != SourceText || txt.PageCount != 2 || len(txt.Pages) != 1 || txt.Complete() {
		t.Fatalf("Read() = source %q, %d of %d pages, complete %v; want pdftotext, 1 of 2", txt.Source, len(txt.Pages), txt.PageCount, txt.Complete())
	}
	if !strings.Contains(txt.Pages[0], "PS.01.02/III/4567/2026") {
		t.Fatalf("page 1 lacks the letter number:\n%s", txt.Pages[0])
	}
	rest, err := Read(context.Background(), corpusFile(t, "10-kemenkes-undangan.pdf"), Options{FirstPage: 2})
	if err != nil || len(rest.Pages) != 1 || !strings.Contains(rest.Pages[0], "Tembusan") {
		t.Fatalf("Read(page 2) = %v, %q", err, rest.Pages)
	}
}

func TestReadScan(t *testing.T) {
	needOCR(t)
	start := time.Now()
	txt, err := Read(context.Background(), corpusFile(t, "05-dinkes-provinsi-scan.pdf"), Options{})
	if err != nil {
		t.Fatalf("Read() = %v", err)
	}
	t.Logf("OCR of one page: %v", time.Since(start))
	if txt.Source != SourceOCR || !strings.Contains(txt.String(), "443.5/00987") {
		t.Fatalf("Read() = %q:\n%s", txt.Source, txt.String())
	}
	if noOCR, err := Read(context.Background(), corpusFile(t, "05-dinkes-provinsi-scan.pdf"), Options{NoOCR: true}); err != nil || hasText(noOCR.Pages) {
		t.Fatalf("Read(NoOCR) = %v, %q", err, noOCR.Pages)
	}
}

func TestReadRefuses(t *testing.T) {
	good := corpusFile(t, "02-bssn-permohonan-data.pdf")
	for _, tc := range []struct {
		name string
		pdf  []byte
		opt  Options
		want error
	}{
		{"not a PDF", []byte("PK\x03\x04 a zip"), Options{}, ErrNotPDF},
		{"truncated", good[:len(good)/3], Options{}, ErrBroken},
		{"garbage after the header", []byte("%PDF-1.4\n" + strings.Repeat("x", 5000)), Options{}, ErrBroken},
		{"over the size limit", good, Options{MaxBytes: 100}, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), tc.pdf, tc.opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Read() = %v, want %v", err, tc.want)
			}
			if Key(err) == "" {
				t.Fatalf("Key(%v) is empty", err)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, corpusFile(t, "02-bssn-permohonan-data.pdf"), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Read(cancelled) = %v, want context.Canceled", err)
	}
}

func TestReadWithoutTesseract(t *testing.T) {
	bin := t.TempDir()
	for _, p := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		path, err := exec.LookPath(p)
		if err != nil {
			t.Skipf("%s is not installed", p)
		}
		if err := os.Symlink(path, filepath.Join(bin, p)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	_, err := Read(context.Background(), corpusFile(t, "05-dinkes-provinsi-scan.pdf"), Options{})
	if !errors.Is(err, ErrNoOCR) || Key(err) != "letter.err_no_ocr" {
		t.Fatalf("Read(scan) without tesseract = %v, want ErrNoOCR", err)
	}
	if txt, err := Read(context.Background(), corpusFile(t, "05-dinkes-provinsi.pdf"), Options{}); err != nil || txt.Source != SourceText {
		t.Fatalf("Read(text PDF) without tesseract = %v", err)
	}
}
