// Package letter reads the official letter a message carries as a PDF
// attachment: its text page by page, from the PDF's text layer with
// poppler's pdftotext, or, for a scan with no text layer, by rendering the
// pages with pdftoppm and reading them with Tesseract's Indonesian model.
//
// Each reading runs external programs under the caller's context, a time
// limit and a page limit, so a caller can run it in a goroutine of its own
// and cancel it; nothing here starts a goroutine that outlives a call. The
// PDF is never modified: it is copied into a private temporary folder that
// is removed when the call returns.
//
// The text returned is as the programs give it; the caller (package mail)
// sanitises it like every other text before anyone sees it.
package letter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Sources of a text.
const (
	// SourceText is a text read from the PDF's own text layer.
	SourceText = "pdftotext"
	// SourceOCR is a text read from rendered pages by Tesseract.
	SourceOCR = "ocr"
)

// The failures a caller can branch on, and the catalogue turns into a
// sentence (see Key). Each leaves the letter workable by hand.
var (
	// ErrNoOCR: the PDF is a scan and Tesseract (with its Indonesian data)
	// is not installed.
	ErrNoOCR = errors.New("the attachment is a scan and tesseract-ocr with tesseract-ocr-ind is not installed")
	// ErrNoPoppler: pdftotext, pdfinfo or pdftoppm (poppler-utils) is not
	// installed.
	ErrNoPoppler = errors.New("poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed")
	// ErrEncrypted: the PDF needs a password to be read.
	ErrEncrypted = errors.New("the PDF is protected by a password")
	// ErrBroken: the PDF cannot be parsed.
	ErrBroken = errors.New("the PDF cannot be read")
	// ErrTooLarge: the PDF is over the size, page or page-size limits.
	ErrTooLarge = errors.New("the PDF is too large to read")
	// ErrTimeout: reading took longer than the limit.
	ErrTimeout = errors.New("reading the PDF took too long")
	// ErrNotPDF: the attachment is not a PDF.
	ErrNotPDF = errors.New("the attachment is not a PDF")
	// ErrStopped: a program was stopped by a signal (ctrl+c reaches it
	// too); reading again may well work.
	ErrStopped = errors.New("reading the PDF was stopped")
)

// Key is the catalogue key of the sentence for err (an error of this
// package, wrapped or not), or "" for any other error.
func Key(err error) string {
	for _, k := range []struct {
		err error
		key string
	}{
		{ErrNoOCR, "letter.err_no_ocr"}, {ErrNoPoppler, "letter.err_no_poppler"},
		{ErrEncrypted, "letter.err_encrypted"}, {ErrBroken, "letter.err_broken"},
		{ErrTooLarge, "letter.err_too_large"}, {ErrTimeout, "letter.err_timeout"},
		{ErrNotPDF, "letter.err_not_pdf"}, {ErrStopped, "letter.err_stopped"},
	} {
		if errors.Is(err, k.err) {
			return k.key
		}
	}
	return ""
}

// Options bound a reading. The zero value takes the defaults.
type Options struct {
	// FirstPage and Pages choose the pages read: from FirstPage (1 when
	// 0) on, at most Pages of them (DefaultPages when 0). The fields of a
	// letter sit on its first pages; the rest is read on demand.
	FirstPage, Pages int
	// Timeout bounds the whole reading (DefaultTimeout, or DefaultOCRTimeout
	// once the PDF turns out to be a scan).
	Timeout time.Duration
	// MaxBytes is the largest PDF read (DefaultMaxBytes when 0).
	MaxBytes int64
	// NoOCR reads the text layer only: a scan gives an empty Text, no error
	// (what the intake's class check wants: cheap or nothing).
	NoOCR bool
	// Resolution of the rendered pages for OCR, in dots per inch
	// (DefaultResolution when 0).
	Resolution int
}

// Defaults of Options.
const (
	DefaultPages      = 3
	DefaultTimeout    = 15 * time.Second
	DefaultOCRTimeout = 90 * time.Second
	DefaultMaxBytes   = 64 << 20
	DefaultResolution = 200
	// maxPagePoints bounds a page's sides (in points) that is rendered: a
	// hostile PDF's huge page would make a huge image (A0 is 3370 points).
	maxPagePoints = 3400
	// maxText bounds the text one reading keeps, per page.
	maxText = 256 << 10
)

func (o Options) withDefaults() Options {
	if o.FirstPage <= 0 {
		o.FirstPage = 1
	}
	if o.Pages <= 0 {
		o.Pages = DefaultPages
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Resolution <= 0 {
		o.Resolution = DefaultResolution
	}
	return o
}

// Text is what a reading found.
type Text struct {
	// Pages holds the text of each page read, in order, from FirstPage.
	Pages []string
	// FirstPage is the number of the first page in Pages.
	FirstPage int
	// PageCount is the number of pages the PDF has.
	PageCount int
	// Source is SourceText or SourceOCR.
	Source string
}

// PageBreak marks the end of a page in String.
const PageBreak = "\f"

// Complete reports whether every page of the PDF was read.
func (t Text) Complete() bool { return t.FirstPage <= 1 && len(t.Pages) >= t.PageCount }

// String is the text with each page's end marked by a form feed.
func (t Text) String() string { return strings.Join(t.Pages, PageBreak) }

// Info is what pdfinfo says about a PDF.
type Info struct {
	Pages     int
	Encrypted bool
	// Width and Height of the first page, in points.
	Width, Height float64
}

// HeadSize is how much of a file BeginsAsPDF looks at.
const HeadSize = 1024

// BeginsAsPDF reports whether a file's first bytes are a PDF's header
// (after blank bytes some writers put first). Only the first HeadSize
// bytes are looked at.
func BeginsAsPDF(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(head[:min(len(head), HeadSize)], "\x00\t\r\n "), []byte("%PDF-"))
}

// Read reads the text of a PDF's pages (by default the first three): from
// its text layer, or, when the pages read have none, by OCR unless
// opt.NoOCR. It blocks until the programs end, ctx is cancelled or the
// time limit passes: run it in a goroutine of its own to keep a screen
// responsive.
func Read(ctx context.Context, pdf []byte, opt Options) (Text, error) {
	opt = opt.withDefaults()
	if !BeginsAsPDF(pdf) {
		return Text{}, ErrNotPDF
	}
	if int64(len(pdf)) > opt.MaxBytes {
		return Text{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(pdf), opt.MaxBytes)
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "sanapati-letter-")
	if err != nil {
		return Text{}, fmt.Errorf("read letter: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		return Text{}, fmt.Errorf("read letter: %w", err)
	}
	// pdftotext alone when the PDF's page tree says how many pages it has
	// (one program: a one-page letter costs one start of poppler); else
	// pdfinfo beside it, on the other core.
	last := opt.FirstPage + opt.Pages - 1
	hint := pageCountHint(pdf)
	type infoResult struct {
		info Info
		err  error
	}
	infoDone := make(chan infoResult, 1)
	if hint > 0 {
		infoDone <- infoResult{info: Info{Pages: hint}}
	} else {
		go func() {
			i, err := pdfInfo(ctx, path)
			infoDone <- infoResult{i, err}
		}()
	}
	var out []byte
	if hint == 0 || opt.FirstPage <= hint {
		out, err = run(ctx, "pdftotext", "-layout", "-enc", "UTF-8",
			"-f", strconv.Itoa(opt.FirstPage), "-l", strconv.Itoa(last), path, "-")
	}
	ir := <-infoDone
	if ir.err != nil {
		return Text{}, ir.err
	}
	info := ir.info
	t := Text{FirstPage: opt.FirstPage, PageCount: info.Pages, Source: SourceText}
	if opt.FirstPage > info.Pages {
		return t, nil
	}
	if err != nil {
		return Text{}, err
	}
	last = min(info.Pages, last)
	t.Pages = splitPages(out, last-opt.FirstPage+1)
	if hasText(t.Pages) || opt.NoOCR {
		return t, nil
	}
	if opt.Timeout <= 0 {
		// A scan: give OCR its own, longer limit from here.
		var cancelOCR context.CancelFunc
		ctx, cancelOCR = context.WithTimeout(parent, DefaultOCRTimeout)
		defer cancelOCR()
	}
	if info.Width == 0 {
		if info, err = pdfInfo(ctx, path); err != nil {
			return Text{}, err
		}
	}
	if info.Width > maxPagePoints || info.Height > maxPagePoints {
		return Text{}, fmt.Errorf("%w: the page is %.0f x %.0f points", ErrTooLarge, info.Width, info.Height)
	}
	pages, err := ocr(ctx, dir, path, opt.FirstPage, last, opt.Resolution)
	if err != nil {
		return Text{}, err
	}
	t.Pages, t.Source = pages, SourceOCR
	return t, nil
}

// rePageTree is compiled on first use, not when the program starts.
var rePageTree = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d{1,6})|/Count\s+(\d{1,6})[^>]*?/Type\s*/Pages\b`)
})

// pageCountHint reads the page count from the PDF's page tree when its
// objects are written plainly (the root Pages node has the largest
// Count); 0 when they are compressed out of sight, and pdfinfo is asked.
func pageCountHint(pdf []byte) int {
	n := 0
	for _, m := range rePageTree().FindAllSubmatch(pdf, 64) {
		v := m[1]
		if len(v) == 0 {
			v = m[2]
		}
		if c, err := strconv.Atoi(string(v)); err == nil && c > n {
			n = c
		}
	}
	return n
}

// hasText reports whether any page holds a letter or digit: a scan's text
// layer is empty or white space.
func hasText(pages []string) bool {
	n := 0
	for _, p := range pages {
		for _, r := range p {
			if r > ' ' {
				n++
			}
		}
	}
	return n >= 20
}

// splitPages cuts pdftotext's output at its form feeds into n pages.
func splitPages(out []byte, n int) []string {
	parts := strings.Split(string(out), "\f")
	pages := make([]string, 0, n)
	for i := 0; i < n; i++ {
		p := ""
		if i < len(parts) {
			p = parts[i]
		}
		if len(p) > maxText {
			p = p[:maxText]
		}
		pages = append(pages, p)
	}
	return pages
}

// pdfInfo runs pdfinfo: the page count, encryption and page size.
func pdfInfo(ctx context.Context, path string) (Info, error) {
	out, err := run(ctx, "pdfinfo", path)
	if err != nil {
		return Info{}, err
	}
	var info Info
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Pages":
			info.Pages, _ = strconv.Atoi(v)
		case "Encrypted":
			info.Encrypted = strings.HasPrefix(v, "yes")
		case "Page size":
			// "595.28 x 841.89 pts (A4)"
			f := strings.Fields(v)
			if len(f) >= 3 {
				info.Width, _ = strconv.ParseFloat(f[0], 64)
				info.Height, _ = strconv.ParseFloat(f[2], 64)
			}
		}
	}
	if info.Pages <= 0 {
		return Info{}, fmt.Errorf("%w: no pages", ErrBroken)
	}
	return info, nil
}

// maxOutput bounds what a program may write to its standard output.
const maxOutput = 8 << 20

// run runs a program and returns its standard output, turning its
// failures into the package's errors.
func run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1", "LC_ALL=C.UTF-8")
	var stdout, stderr limitedBuffer
	stdout.limit, stderr.limit = maxOutput, 64<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if stdout.over {
		return nil, fmt.Errorf("%w: %s wrote more than %d bytes", ErrTooLarge, name, maxOutput)
	}
	if err == nil {
		return stdout.Bytes(), nil
	}
	if errors.Is(err, exec.ErrNotFound) {
		if name == "tesseract" {
			return nil, ErrNoOCR
		}
		return nil, fmt.Errorf("%w: %s is missing", ErrNoPoppler, name)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (%s)", ErrTimeout, name)
		}
		return nil, ctxErr
	}
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && !ee.Exited() {
		return nil, fmt.Errorf("%w: %s: %v", ErrStopped, name, err)
	}
	msg := strings.TrimSpace(stderr.String())
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "password") || strings.Contains(low, "encrypt"):
		return nil, fmt.Errorf("%w: %s", ErrEncrypted, firstLine(msg))
	case name == "tesseract" && strings.Contains(low, "failed loading language"):
		return nil, fmt.Errorf("%w: %s", ErrNoOCR, firstLine(msg))
	case name == "tesseract":
		return nil, fmt.Errorf("ocr: %s: %w", firstLine(msg), err)
	}
	return nil, fmt.Errorf("%w: %s: %s", ErrBroken, name, firstLine(msg))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// limitedBuffer keeps at most limit bytes and notes that more came.
type limitedBuffer struct {
	bytes.Buffer
	limit int
	over  bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.limit - b.Len(); len(p) > room {
		b.over = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
