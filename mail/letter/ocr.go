package letter

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// HaveOCR reports whether Tesseract and its Indonesian data are installed;
// when not, the error is ErrNoOCR with what is missing.
func HaveOCR(ctx context.Context) error {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return ErrNoOCR
	}
	out, err := run(ctx, "tesseract", "--list-langs")
	if err != nil {
		return err
	}
	for _, l := range splitLines(string(out)) {
		if l == "ind" {
			return nil
		}
	}
	return fmt.Errorf("%w: the Indonesian data (tesseract-ocr-ind) is missing", ErrNoOCR)
}

// ocr renders pages first..last of the PDF at path and reads each with
// Tesseract, two pages at a time (each Tesseract on one thread: on two
// cores that is faster than one Tesseract on both).
func ocr(ctx context.Context, dir, path string, first, last, dpi int) ([]string, error) {
	if err := HaveOCR(ctx); err != nil {
		return nil, err
	}
	prefix := filepath.Join(dir, "page")
	// PGM, not PNG: compressing a speckled scan to PNG costs pdftoppm
	// seconds a page.
	// -W and -H crop every page to 9 x 14 inches, not only the first that
	// pdfinfo measured: a page claiming to be huge renders no larger.
	if _, err := run(ctx, "pdftoppm", "-r", strconv.Itoa(dpi), "-x", "0", "-y", "0",
		"-W", strconv.Itoa(dpi*9), "-H", strconv.Itoa(dpi*14), "-gray",
		"-f", strconv.Itoa(first), "-l", strconv.Itoa(last), path, prefix); err != nil {
		return nil, err
	}
	images, _ := filepath.Glob(prefix + "-*.pgm")
	sort.Slice(images, func(i, j int) bool { return pageNumber(images[i]) < pageNumber(images[j]) })
	pages := make([]string, len(images))
	errs := make([]error, len(images))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, img := range images {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out, err := run(ctx, "tesseract", img, "-", "-l", "ind", "--psm", "3", "tsv")
			text := layoutFromTSV(string(out))
			if len(text) > maxText {
				text = text[:maxText]
			}
			pages[i], errs[i] = text, err
			os.Remove(img)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// pageNumber reads the page number pdftoppm put in an image's name
// (page-1.pgm, page-01.pgm, page-001.pgm).
func pageNumber(name string) int {
	base := filepath.Base(name)
	base = base[len("page-") : len(base)-len(".pgm")]
	n, _ := strconv.Atoi(base)
	return n
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
