package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"mime"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/phpdave11/gofpdf"
)

// The corpus generator: go test -run TestLetterCorpus -update-letters
// rewrites testdata/letters/ from corpus() (letters_data_test.go): for each
// letter NAME.pdf (a text PDF), NAME-scan.pdf (its pages rendered at 150 dpi,
// turned slightly, speckled, and wrapped back into a PDF), NAME.json (the
// fields that should be proposed) and NAME.eml (an e-mail carrying the text
// PDF). It needs pdftoppm. The documents are built here with gofpdf, not
// through package print: they stand for letters other offices write.

var updateLetters = flag.Bool("update-letters", false, "rewrite the letter corpus in testdata/letters/")

const lettersDir = "testdata/letters"

func TestLetterCorpus(t *testing.T) {
	if !*updateLetters {
		files, _ := filepath.Glob(filepath.Join(lettersDir, "*.json"))
		if len(files) != len(corpus()) {
			t.Fatalf("testdata/letters holds %d truths for %d letters: run go test -run TestLetterCorpus -update-letters", len(files), len(corpus()))
		}
		return
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed to make the scans")
	}
	if err := os.MkdirAll(lettersDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, l := range corpus() {
		pdf, pages, err := renderLetter(l)
		if err != nil {
			t.Fatalf("%s: %v", l.Name, err)
		}
		scan, err := scanPDF(t, pdf, uint64(i+1))
		if err != nil {
			t.Fatalf("%s: scan: %v", l.Name, err)
		}
		truth := l.Truth
		truth.Pages = pages
		js, _ := json.MarshalIndent(truth, "", "  ")
		base := filepath.Join(lettersDir, l.Name)
		for name, b := range map[string][]byte{
			base + ".pdf": pdf, base + "-scan.pdf": scan, base + ".json": append(js, '\n'),
			base + ".eml": letterMail(l, l.Name+".pdf", pdf, i),
		} {
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// renderLetter lays a letter out on A4 in Times, as offices write them.
func renderLetter(l corpusLetter) ([]byte, int, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetCatalogSort(true)
	pdf.SetMargins(25, 20, 20)
	pdf.SetAutoPageBreak(true, 25)
	stamp := func() {
		if l.Stamp != "" {
			pdf.SetFont("Times", "B", 13)
			pdf.SetXY(25, 10)
			pdf.CellFormat(165, 6, l.Stamp, "", 0, "C", false, 0, "")
			pdf.SetXY(25, 282)
			pdf.CellFormat(165, 6, l.Stamp, "", 0, "C", false, 0, "")
		}
	}
	pdf.SetHeaderFunc(stamp)
	pdf.AddPage()
	const lh = 6.0
	line := func(x float64, s string, style string) {
		pdf.SetFont("Times", style, 12)
		pdf.SetX(x)
		pdf.CellFormat(0, lh, s, "", 1, "L", false, 0, "")
	}
	// Letterhead.
	pdf.SetY(18)
	for i, h := range l.Head {
		size := 14.0
		if i > 0 && l.Layout != "se" {
			size = 16
		}
		pdf.SetFont("Times", "B", size)
		pdf.CellFormat(0, 7, h, "", 1, "C", false, 0, "")
	}
	if l.Address != "" {
		pdf.SetFont("Times", "", 9)
		pdf.MultiCell(0, 4.5, l.Address, "", "C", false)
	}
	pdf.SetLineWidth(0.8)
	y := pdf.GetY() + 2
	pdf.Line(25, y, 190, y)
	pdf.SetY(y + 5)

	field := func(label, value string, more ...string) {
		pdf.SetFont("Times", "", 12)
		pdf.SetX(25)
		pdf.CellFormat(25, lh, label, "", 0, "L", false, 0, "")
		pdf.CellFormat(4, lh, ":", "", 0, "L", false, 0, "")
		pdf.CellFormat(0, lh, value, "", 1, "L", false, 0, "")
		for _, m := range more {
			pdf.SetX(54)
			pdf.CellFormat(0, lh, m, "", 1, "L", false, 0, "")
		}
	}
	addressees := func(x float64, tail bool) {
		if len(l.Yth) == 1 {
			line(x, "Yth. "+l.Yth[0], "")
		} else {
			line(x, "Yth.", "")
			for i, a := range l.Yth {
				pdf.SetFont("Times", "", 12)
				pdf.SetX(x)
				pdf.CellFormat(7, lh, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
				pdf.MultiCell(190-x-7, lh, a+";", "", "L", false)
			}
		}
		if tail {
			line(x, "di", "")
			line(x+5, "Tempat", "")
		}
	}
	body := func() {
		pdf.SetFont("Times", "", 12)
		pdf.Ln(3)
		for _, p := range l.Body {
			pdf.SetX(25)
			pdf.MultiCell(165, lh, p, "", "L", false)
			pdf.Ln(2)
		}
	}
	signature := func(dated bool) {
		pdf.Ln(4)
		if pdf.GetY() > 215 {
			pdf.AddPage()
		}
		if dated {
			line(110, "Ditetapkan di "+l.Place, "")
			line(110, "pada tanggal "+l.Date, "")
			pdf.Ln(2)
		}
		for _, s := range l.Sign {
			line(110, s, "")
		}
		pdf.Ln(18)
		line(110, l.Signer, "BU")
		if l.Rank != "" {
			line(110, l.Rank, "")
		}
		if l.Layout != "se" {
			line(110, "NIP 19720315 199803 1 004", "")
		}
	}
	tembusan := func() {
		if len(l.Tembusan) == 0 {
			return
		}
		pdf.Ln(6)
		line(25, "Tembusan:", "")
		for i, t := range l.Tembusan {
			line(25, fmt.Sprintf("%d. %s;", i+1, t), "")
		}
	}

	switch l.Layout {
	case "2023":
		pdf.SetFont("Times", "", 12)
		pdf.CellFormat(0, lh, l.Date, "", 1, "R", false, 0, "")
		pdf.Ln(2)
		field("Nomor", l.Number)
		field("Sifat", l.Sifat)
		field("Lampiran", l.Lampiran)
		field("Hal", l.Hal[0], l.Hal[1:]...)
		pdf.Ln(5)
		addressees(25, true)
		body()
		signature(false)
		tembusan()
	case "classic":
		top := pdf.GetY()
		field("Nomor", l.Number)
		field("Sifat", l.Sifat)
		field("Lampiran", l.Lampiran)
		field("Hal", l.Hal[0], l.Hal[1:]...)
		after := pdf.GetY()
		pdf.SetY(top)
		line(122, l.Date, "")
		pdf.Ln(lh)
		line(122, "Kepada", "")
		if len(l.Yth) == 1 {
			pdf.SetX(122)
			pdf.MultiCell(68, lh, "Yth. "+l.Yth[0], "", "L", false)
		} else {
			line(122, "Yth.", "")
			for i, a := range l.Yth {
				pdf.SetX(122)
				pdf.MultiCell(68, lh, fmt.Sprintf("%d. %s;", i+1, a), "", "L", false)
			}
		}
		line(122, "di -", "")
		line(130, "TEMPAT", "U")
		pdf.SetY(math.Max(after, pdf.GetY()) + 4)
		line(25, "Dengan hormat,", "")
		body()
		signature(false)
		tembusan()
	case "se":
		pdf.Ln(2)
		for _, s := range []string{"SURAT EDARAN", "NOMOR " + l.Number, "TENTANG"} {
			pdf.SetFont("Times", "B", 12)
			pdf.CellFormat(0, lh, s, "", 1, "C", false, 0, "")
		}
		for _, s := range l.Title {
			pdf.CellFormat(0, lh, s, "", 1, "C", false, 0, "")
		}
		pdf.Ln(5)
		addressees(25, false)
		body()
		signature(true)
	case "nota":
		pdf.SetFont("Times", "B", 13)
		pdf.CellFormat(0, lh, "NOTA DINAS", "", 1, "C", false, 0, "")
		pdf.SetFont("Times", "B", 12)
		pdf.CellFormat(0, lh, "NOMOR "+l.Number, "", 1, "C", false, 0, "")
		pdf.Ln(4)
		field("Yth.", l.Yth[0])
		field("Dari", l.Dari)
		field("Tembusan", strings.Join(l.Tembusan, ", "))
		field("Tanggal", l.Date)
		field("Sifat", l.Sifat)
		field("Lampiran", l.Lampiran)
		field("Hal", l.Hal[0], l.Hal[1:]...)
		y := pdf.GetY() + 2
		pdf.SetLineWidth(0.3)
		pdf.Line(25, y, 190, y)
		pdf.SetY(y + 2)
		body()
		signature(false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), pdf.PageNo(), nil
}

// scanPDF makes a scan of a text PDF: each page rendered at 150 dpi in
// grey, turned by up to a degree, speckled, saved as JPEG and wrapped back
// into a PDF with no text layer.
func scanPDF(t *testing.T, pdf []byte, seed uint64) ([]byte, error) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	rng := rand.New(rand.NewPCG(seed, 7))
	doc := gofpdf.New("P", "mm", "A4", "")
	doc.SetCreationDate(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	doc.SetCatalogSort(true)
	doc.SetAutoPageBreak(false, 0)
	for i, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		angle := (rng.Float64()*2 - 1) * 1.0 // degrees
		scanned := roughen(img, angle, rng)
		var jb bytes.Buffer
		if err := jpeg.Encode(&jb, scanned, &jpeg.Options{Quality: 55}); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("page%d", i)
		doc.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "JPG"}, &jb)
		doc.AddPage()
		doc.ImageOptions(name, 0, 0, 210, 297, false, gofpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	}
	var buf bytes.Buffer
	err := doc.Output(&buf)
	return buf.Bytes(), err
}

// roughen turns img by angle degrees about its centre (white where the
// page moved away), greys the paper a little and adds specks.
func roughen(img image.Image, angle float64, rng *rand.Rand) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(b)
	sin, cos := math.Sincos(angle * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	gray := func(x, y int) float64 {
		if x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y {
			return 255
		}
		return float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := gray(x0, y0)*(1-fx)*(1-fy) + gray(x0+1, y0)*fx*(1-fy) + gray(x0, y0+1)*(1-fx)*fy + gray(x0+1, y0+1)*fx*fy
			v = v*0.92 + 8 + rng.NormFloat64()*6
			if rng.IntN(1500) == 0 {
				v = float64(rng.IntN(90))
			}
			out.SetGray(x, y, color.Gray{Y: uint8(math.Max(0, math.Min(255, v)))})
		}
	}
	return out
}

// letterMail is an e-mail carrying the letter as its attachment, as the
// sending offices write them: a subject, a short body, the PDF.
func letterMail(l corpusLetter, name string, pdf []byte, i int) []byte {
	var b bytes.Buffer
	date := time.Date(2026, 12, 4, 8, 0, 0, 0, time.FixedZone("WIB", 7*3600)).Add(time.Duration(i) * 17 * time.Minute)
	fmt.Fprintf(&b, "From: Tata Usaha <tu%d@instansi.go.id>\r\n", i+1)
	b.WriteString("To: Diskominfo Kota Pekalongan <sanapati@pekalongankota.go.id>\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", l.MailSubject))
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <corpus-%s@instansi.go.id>\r\n", l.Name)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"batas\"\r\n\r\n")
	b.WriteString("--batas\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString("Yth. Operator Sanapati Kota Pekalongan,\r\n\r\nTerlampir kami sampaikan surat sebagaimana terlampir untuk ditindaklanjuti.\r\n")
	for _, line := range l.MailLines {
		b.WriteString(line + "\r\n")
	}
	b.WriteString("\r\nTerima kasih.\r\n\r\n")
	fmt.Fprintf(&b, "--batas\r\nContent-Type: application/pdf; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", name, name)
	enc := base64.StdEncoding.EncodeToString(pdf)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--batas--\r\n")
	return b.Bytes()
}
