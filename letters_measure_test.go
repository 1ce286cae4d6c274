package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/phpdave11/gofpdf"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// The measurement of issue 13: the share of fields proposed right from the
// corpus's letters, text PDFs and scans apart, the letters whose
// recipients are right, and every R/SR letter held. It fails below the
// thresholds the issue sets.

var deskZone = time.FixedZone("WIB", 7*3600)

// needOCR skips t when Tesseract is missing, or fails it under
// SANAPATI_STRICT=1.
func needOCR(t testing.TB) {
	t.Helper()
	if err := letter.HaveOCR(context.Background()); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatalf("%v, and SANAPATI_STRICT=1 makes that a failure", err)
		}
		t.Skipf("%v (apt-get install tesseract-ocr tesseract-ocr-ind); set SANAPATI_STRICT=1 to fail instead", err)
	}
}

// corpusCase is one letter of testdata/letters with its truth.
type corpusCase struct {
	name  string
	truth letterTruth
	eml   []byte
}

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(lettersDir, "*.json"))
	if len(files) < 20 {
		t.Fatalf("testdata/letters holds %d letters, want at least 20", len(files))
	}
	var out []corpusCase
	for _, f := range files {
		var c corpusCase
		c.name = strings.TrimSuffix(filepath.Base(f), ".json")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &c.truth); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if c.eml, err = os.ReadFile(filepath.Join(lettersDir, c.name+".eml")); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// proposeFromPDF reads a PDF of the corpus and proposes from it and the
// e-mail that carries the letter.
func proposeFromPDF(t testing.TB, eml []byte, pdf string) (mail.LetterProposal, letter.Text) {
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := letter.Read(context.Background(), b, letter.Options{})
	if err != nil {
		t.Fatalf("%s: Read() = %v", pdf, err)
	}
	dir := store.DefaultDirectory()
	m := mail.Read(eml)
	text := mail.Sanitize(txt.String())
	p := mail.ProposeLetter(m, []mail.AttachedText{{Index: 0, Source: txt.Source, Text: text}}, &dir, deskZone)
	return p, txt
}

// fieldsRight compares a proposal with the truth: the fields right, the
// fields compared, and what was wrong.
func fieldsRight(p mail.LetterProposal, want letterTruth) (right, total int, wrong []string) {
	date := ""
	if !p.LetterDate.IsZero() {
		date = p.LetterDate.Format("2006-01-02")
	}
	norm := func(s string) string {
		return strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), " .;,")
	}
	for _, f := range []struct{ name, got, want string }{
		{"number", p.LetterNumber, want.Number},
		{"date", date, want.Date},
		{"subject", p.Subject, want.Subject},
		{"origin", p.Sender, want.Origin},
		{"class", string(p.Class), want.Class},
		{"urgency", string(p.Urgency), want.Urgency},
		{"attachments", p.Attachments, want.Attachments},
	} {
		total++
		if norm(f.got) == norm(f.want) {
			right++
		} else {
			wrong = append(wrong, fmt.Sprintf("%s %q, want %q", f.name, f.got, f.want))
		}
	}
	return right, total, wrong
}

func recipientsRight(p mail.LetterProposal, want letterTruth) bool {
	got, w := slices.Clone(p.Recipients), slices.Clone(want.Recipients)
	slices.Sort(got)
	slices.Sort(w)
	gn, wn := slices.Clone(p.NewRecipients), slices.Clone(want.NewRecipients)
	slices.Sort(gn)
	slices.Sort(wn)
	return slices.Equal(got, w) && slices.Equal(gn, wn)
}

// measure reads every letter of the corpus from its text PDF (scan false)
// or its scan, and reports the shares.
func measure(t *testing.T, scan bool) (fieldShare, recipientShare float64) {
	cases := loadCorpus(t)
	right, total, recRight := 0, 0, 0
	for _, c := range cases {
		pdf := filepath.Join(lettersDir, c.name+".pdf")
		if scan {
			pdf = filepath.Join(lettersDir, c.name+"-scan.pdf")
		}
		p, txt := proposeFromPDF(t, c.eml, pdf)
		want := c.truth
		if scan != (txt.Source == letter.SourceOCR) {
			t.Errorf("%s: read by %s", c.name, txt.Source)
		}
		r, n, wrong := fieldsRight(p, want)
		right, total = right+r, total+n
		recOK := recipientsRight(p, want)
		if recOK {
			recRight++
		}
		if len(wrong) > 0 || !recOK {
			t.Logf("%s: %s", c.name, strings.Join(wrong, "; "))
			if !recOK {
				t.Logf("%s: recipients %q new %q, want %q new %q", c.name, p.Recipients, p.NewRecipients, want.Recipients, want.NewRecipients)
			}
		}
		if store.SecurityClass(want.Class).Classified() && p.Class != store.SecurityClass(want.Class) {
			t.Errorf("%s: class %q proposed, want %q: an R/SR letter must be held", c.name, p.Class, want.Class)
		}
	}
	fieldShare = float64(right) / float64(total)
	recipientShare = float64(recRight) / float64(len(cases))
	kind := "text PDFs"
	if scan {
		kind = "scans"
	}
	t.Logf("%s: %d letters, fields right %d/%d = %.1f %%, recipients right %d/%d = %.1f %%",
		kind, len(cases), right, total, 100*fieldShare, recRight, len(cases), 100*recipientShare)
	return fieldShare, recipientShare
}

func TestLetterFieldsText(t *testing.T) {
	fields, recipients := measure(t, false)
	if fields < 0.97 {
		t.Errorf("fields right from text PDFs: %.1f %%, want at least 97 %%", 100*fields)
	}
	if recipients < 0.95 {
		t.Errorf("recipients right from text PDFs: %.1f %%, want at least 95 %%", 100*recipients)
	}
}

func TestLetterFieldsScan(t *testing.T) {
	needOCR(t)
	if testing.Short() {
		t.Skip("OCR of the whole corpus takes a minute; not with -short")
	}
	fields, recipients := measure(t, true)
	if fields < 0.90 {
		t.Errorf("fields right from scans: %.1f %%, want at least 90 %%", 100*fields)
	}
	if recipients < 0.95 {
		t.Errorf("recipients right from scans: %.1f %%, want at least 95 %%", 100*recipients)
	}
}

// benchmarkLetter reads a one-page PDF of the corpus and proposes from it,
// as register does when nothing was kept yet.
func benchmarkLetter(b *testing.B, pdf string) {
	raw, err := os.ReadFile(filepath.Join(lettersDir, pdf))
	if err != nil {
		b.Fatal(err)
	}
	eml, err := os.ReadFile(filepath.Join(lettersDir, "05-dinkes-provinsi.eml"))
	if err != nil {
		b.Fatal(err)
	}
	dir := store.DefaultDirectory()
	m := mail.Read(eml)
	b.ResetTimer()
	for b.Loop() {
		txt, err := letter.Read(context.Background(), raw, letter.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p := mail.ProposeLetter(m, []mail.AttachedText{{Source: txt.Source, Text: mail.Sanitize(txt.String())}}, &dir, deskZone)
		if p.LetterNumber != "443.5/00987" {
			b.Fatalf("number %q", p.LetterNumber)
		}
	}
}

// BenchmarkLetterText: one page of a text PDF, read and proposed (goal:
// under 50 ms).
func BenchmarkLetterText(b *testing.B) { benchmarkLetter(b, "05-dinkes-provinsi.pdf") }

// BenchmarkLetterScan: one scanned page, rendered, read by OCR and
// proposed (goal: under 3 s on two cores).
func BenchmarkLetterScan(b *testing.B) {
	needOCR(b)
	benchmarkLetter(b, "05-dinkes-provinsi-scan.pdf")
}

// hostilePDF makes the PDFs a sender could do harm with: many pages, a
// huge blank page (a scan that would render into gigabytes), a password.
func hostilePDF(t *testing.T, kind string) []byte {
	t.Helper()
	var pdf *gofpdf.Fpdf
	switch kind {
	case "pages":
		pdf = gofpdf.New("P", "mm", "A4", "")
		pdf.SetFont("Times", "", 12)
		for i := 1; i <= 200; i++ {
			pdf.AddPage()
			pdf.Cell(0, 10, fmt.Sprintf("Halaman %d dari surat yang panjang sekali", i))
		}
	case "huge":
		pdf = gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 14000, Ht: 14000}})
		pdf.AddPage()
	case "password":
		pdf = gofpdf.New("P", "mm", "A4", "")
		pdf.SetProtection(gofpdf.CnProtectPrint, "rahasia", "pemilik")
		pdf.SetFont("Times", "", 12)
		pdf.AddPage()
		pdf.Cell(0, 10, "Nomor : 1/2/3")
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLetterHostile(t *testing.T) {
	start := time.Now()
	txt, err := letter.Read(context.Background(), hostilePDF(t, "pages"), letter.Options{})
	if err != nil || txt.PageCount != 200 || len(txt.Pages) != 3 || txt.Complete() || !strings.Contains(txt.Pages[2], "Halaman 3") {
		t.Fatalf("200 pages: %v, %d of %d pages", err, len(txt.Pages), txt.PageCount)
	}
	t.Logf("the first 3 of 200 pages in %v", time.Since(start))
	more, err := letter.Read(context.Background(), hostilePDF(t, "pages"), letter.Options{FirstPage: 150, Pages: 2})
	if err != nil || len(more.Pages) != 2 || !strings.Contains(more.Pages[0], "Halaman 150") {
		t.Fatalf("pages 150-151 on demand: %v, %q", err, more.Pages)
	}
	if _, err := letter.Read(context.Background(), hostilePDF(t, "huge"), letter.Options{}); !errors.Is(err, letter.ErrTooLarge) {
		t.Fatalf("a huge blank page: %v, want ErrTooLarge", err)
	}
	if _, err := letter.Read(context.Background(), hostilePDF(t, "password"), letter.Options{}); !errors.Is(err, letter.ErrEncrypted) {
		t.Fatalf("a PDF with a password: %v, want ErrEncrypted", err)
	}
}
