package print

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

// need skips the test when a program is missing, and fails it instead when
// SANAPATI_STRICT=1, as CI sets it: there a missing program is a broken
// machine, not a reason to pass.
func need(t testing.TB, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if program(p) == "" {
			if os.Getenv("SANAPATI_STRICT") == "1" {
				t.Fatalf("%s is not installed and SANAPATI_STRICT=1: install it (poppler-utils, cups, cups-client)", p)
			}
			t.Skipf("%s is not installed (poppler-utils, cups, cups-client); set SANAPATI_STRICT=1 to fail instead", p)
		}
	}
}

// program finds a program on PATH or in the system folders that a normal
// user's PATH often lacks (cupsd and lpadmin live in /usr/sbin); "" when
// it is nowhere.
func program(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// pdfText reads a PDF back with pdftotext in the given mode ("-layout" or
// "-raw"); pages are separated by form feeds.
func pdfText(t testing.TB, pdf []byte, mode string) string {
	t.Helper()
	need(t, "pdftotext")
	cmd := exec.Command("pdftotext", mode, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v: %s", mode, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Fatalf("pdftotext %s complained: %s", mode, stderr.String())
	}
	return string(out)
}

// flat reads a PDF back in content order with all runs of white space made
// one space, so text wrapped inside a box reads as one line again.
func flat(t testing.TB, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdfText(t, pdf, "-raw")), " ")
}

// contains reports whether text holds want, white space aside: a box may
// wrap a line anywhere its text allows.
func contains(text, want string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.Contains(squeeze(text), squeeze(want))
}

// pages counts a PDF's pages by pdftotext's form feeds.
func pages(text string) int { return strings.Count(text, "\f") }

// bboxDoc is what pdftotext -bbox writes: every word with its box.
type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Words  []struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"word"`
	} `xml:"body>doc>page"`
}

// inside fails the test when any word of the PDF lies outside its page
// less a margin of 8 points (about 3 mm): nothing may run off the paper.
func inside(t testing.TB, pdf []byte) {
	t.Helper()
	need(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatalf("pdftotext -bbox found no pages")
	}
	const margin = 8
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			if w.XMin < margin || w.YMin < margin || w.XMax > p.Width-margin || w.YMax > p.Height-margin {
				t.Fatalf("page %d: word %q at (%.1f,%.1f)-(%.1f,%.1f) runs off the %.0fx%.0f page",
					i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax, p.Width, p.Height)
			}
		}
	}
}

// pageSize returns the size of the PDF's first page in points.
func pageSize(t testing.TB, pdf []byte) (w, h float64) {
	t.Helper()
	need(t, "pdfinfo")
	cmd := exec.Command("pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Page size:"); ok {
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%g x %g", &w, &h); err != nil {
				t.Fatalf("pdfinfo page size %q: %v", rest, err)
			}
			return w, h
		}
	}
	t.Fatalf("pdfinfo printed no page size:\n%s", out)
	return 0, 0
}

// images draws every page with pdftoppm at dpi and returns the images,
// page by page.
func images(t testing.TB, pdf []byte, dpi int) []image.Image {
	t.Helper()
	need(t, "pdftoppm")
	dir := t.TempDir()
	cmd := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-png", "-", filepath.Join(dir, "page"))
	cmd.Stdin = bytes.NewReader(pdf)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(files) == 0 {
		t.Fatalf("pdftoppm drew no pages")
	}
	sort.Strings(files) // pdftoppm pads the page numbers
	var out []image.Image
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		out = append(out, img)
	}
	return out
}

// dark reports whether a pixel is ink rather than paper.
func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r+g+b < 3*0x8000
}

// render draws every page with pdftoppm at 50 dpi and checks that each
// image is a PNG with ink on it; it returns the number of pages drawn.
func render(t testing.TB, pdf []byte) int {
	t.Helper()
	imgs := images(t, pdf, 50)
	for i, img := range imgs {
		n := 0
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				if dark(img, x, y) {
					n++
				}
			}
		}
		if n < 200 {
			t.Fatalf("page %d has %d dark pixels: the page is blank", i+1, n)
		}
	}
	return len(imgs)
}

// bboxWord is one word pdftotext -bbox found, with its page (from 1).
type bboxWord struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

// words reads every word of a PDF with its box, in points from the top
// left of its page.
func words(t testing.TB, pdf []byte) []bboxWord {
	t.Helper()
	need(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	var ws []bboxWord
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			ws = append(ws, bboxWord{page: i + 1, text: w.Text, xMin: w.XMin, yMin: w.YMin, xMax: w.XMax, yMax: w.YMax})
		}
	}
	return ws
}

// wib is the zone the fixtures are written in.
var wib = store.DefaultCalendar().Location()

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, wib)
}

// testNow is the clock of every test document.
func testNow() time.Time { return at(2026, time.November, 27, 10, 0) }

func testOptions() Options {
	return Options{
		Office:        "PEMERINTAH KOTA PEKALONGAN",
		Unit:          "DINAS KOMUNIKASI DAN INFORMATIKA",
		Address:       "Jl. Mataram No. 1, Pekalongan",
		Now:           testNow,
		Deterministic: true,
	}
}

// Text that must survive the trip to paper exactly: accents and
// typographic punctuation.
const (
	testSubject = "Undangan Rapat Koordinasi Persandian “Keamanan Informasi” Tahun 2027 – Café Pemda"
	testOrigin  = "Tata Usaha Kementerian Dalam Negeri"
	testNumber  = "005/4512/SJ"
)

var testRecipients = []store.Recipient{
	{Name: "Walikota", Channel: store.ChannelAide},
	{Name: "Sekretaris Daerah", Channel: store.ChannelAide},
	{Name: "Kepala Dinas Kesehatan", Channel: store.ChannelCourier},
	{Name: "Camat Pekalongan Utara", Channel: store.ChannelFax},
}

// testLetter is a letter registered and forwarded, with the default
// officials' boxes, one of them initialled.
func testLetter() *store.Letter {
	dir := store.DefaultDirectory()
	l := &store.Letter{
		ID:            42,
		Stage:         store.StageForwarded,
		MessageID:     "<a1@kemendagri.go.id>",
		From:          "tu@kemendagri.go.id",
		Subject:       testSubject,
		ReceivedAt:    at(2026, time.November, 23, 8, 14),
		Recipients:    append([]store.Recipient(nil), testRecipients...),
		Agenda:        store.AgendaNumber{Year: 2026, Seq: 42},
		RegisteredAt:  at(2026, time.November, 23, 8, 40),
		CardPrintedAt: at(2026, time.November, 23, 8, 55),
		LetterNumber:  testNumber,
		LetterDate:    at(2026, time.November, 20, 0, 0),
		Origin:        testOrigin,
		Summary:       testSubject,
		Attachments:   "1 berkas",
		Class:         store.ClassOrdinary,
		Urgency:       store.UrgencyUrgent,
		ClassCode:     "000.1.2",
		Index:         "PERSANDIAN",
		Remarks:       "Mohon segera – dibahas Senin",
		Examiner:      dir.Examiner(),
	}
	for _, o := range dir.Officials {
		l.Initials = append(l.Initials, store.Initial{Position: o.Position})
	}
	l.Initials[0].At = at(2026, time.November, 23, 9, 5)
	return l
}
