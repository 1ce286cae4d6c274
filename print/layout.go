package print

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/phpdave11/gofpdf"
)

// Layout constants; lengths are in millimetres.
const (
	mmPerPt  = 25.4 / 72
	leading  = 1.22 // line height as a multiple of the font size
	pad      = 1.4  // inner padding of a box
	ellipsis = "…"
)

// fixedDate is the creation date of deterministic documents.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// doc is one PDF being drawn: gofpdf plus the fonts, the text cleaner and
// the page geometry. Every string reaches gofpdf through wrap or fit,
// which clean it for the current face first.
type doc struct {
	pdf   *gofpdf.Fpdf
	s     *settings
	cov   *[numStyles]coverage
	added [numStyles]bool
	cur   style
	size  float64 // points
	// widths caches glyph advances in thousandths of an em, per face.
	widths [numStyles]map[rune]int

	pageW, pageH float64
	left, right  float64 // x of the content's edges
	top, bottom  float64 // y of the content's edges
	footerNote   string
	// dense draws boxes in smaller type, for cards that share a sheet.
	dense bool
}

// newDoc starts a document on the office's paper; landscape turns it.
func newDoc(s *settings, title string, landscape bool) (*doc, error) {
	margin := 15.0
	if landscape {
		margin = 12
	}
	return newDocOn(s, title, papers[s.Paper], landscape, margin)
}

// newDocOn starts a document on paper of the given size in millimetres,
// portrait, with the given margin.
func newDocOn(s *settings, title string, size [2]float64, landscape bool, margin float64) (*doc, error) {
	cov, err := coverages()
	if err != nil {
		return nil, err
	}
	orient := "P"
	w, h := size[0], size[1]
	if landscape {
		orient = "L"
		w, h = h, w
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: orient,
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: size[0], Ht: size[1]},
	})
	created := s.now
	if s.Deterministic {
		created = fixedDate
	}
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCreator("sanapati-desk", true)
	pdf.SetTitle(title, true)
	if s.Unit != "" {
		pdf.SetAuthor(s.Unit, true)
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetMargins(margin, margin, margin)
	d := &doc{
		pdf: pdf, s: s, cov: cov,
		pageW: w, pageH: h,
		left: margin, right: w - margin,
		top: margin, bottom: h - margin - 6, // room for the footer
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.25)
	return d, nil
}

// width is the content's width.
func (d *doc) width() float64 { return d.right - d.left }

// setFont selects a face and size, registering the face with gofpdf the
// first time a document uses it: each registration costs gofpdf a parse
// and, at the end, a subset, so faces a document never uses are left out.
func (d *doc) setFont(st style, size float64) {
	if !d.added[st] {
		f := faces[st]
		d.pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.ttf)) // gofpdf appends into what it is given: each document its own copy
		d.added[st] = true
		d.widths[st] = make(map[rune]int, 128)
	}
	d.pdf.SetFont(faces[st].family, faces[st].style, size)
	d.cur, d.size = st, size
}

// lineH is the height of one line in the current size.
func (d *doc) lineH() float64 { return d.size * mmPerPt * leading }

// clean readies s for the current face.
func (d *doc) clean(s string, multiline bool) string {
	return cleaner{cov: &d.cov[d.cur]}.clean(s, multiline)
}

// advance is a clean rune's width in thousandths of an em.
func (d *doc) advance(r rune) int {
	w, ok := d.widths[d.cur][r]
	if !ok {
		w = d.pdf.GetStringSymbolWidth(string(r))
		d.widths[d.cur][r] = w
	}
	return w
}

// units converts a width in millimetres to thousandths of an em.
func (d *doc) units(mm float64) int {
	return int(mm * 1000 / (d.size * mmPerPt))
}

// measure is the width of clean text in millimetres.
func (d *doc) measure(s string) float64 {
	n := 0
	for _, r := range s {
		n += d.advance(r)
	}
	return float64(n) * d.size * mmPerPt / 1000
}

// wrap cleans s and breaks it into lines no wider than w, at spaces where
// it can and inside a word that is wider than a line. Newlines are kept.
// With maxLines > 0 it keeps at most that many lines, ending the last with
// an ellipsis when text was cut.
func (d *doc) wrap(s string, w float64, maxLines int) []string {
	s = d.clean(s, true)
	limit := d.units(w)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = d.wrapParagraph(lines, []rune(para), limit)
		if maxLines > 0 && len(lines) > maxLines {
			break
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = d.cut(lines[maxLines-1]+" ", limit)
	}
	return lines
}

// wrapParagraph appends the lines of one paragraph. A line breaks at the
// last space (dropped) or after the last slash or hyphen (kept) that fits,
// else inside the word.
func (d *doc) wrapParagraph(lines []string, rs []rune, limit int) []string {
	start, width := 0, 0
	end, next := -1, -1 // the last break in the current line
	for i := 0; i < len(rs); i++ {
		width += d.advance(rs[i])
		if width > limit && i > start && rs[i] != ' ' {
			e, n := i, i
			if end > start {
				e, n = end, next
			}
			lines = append(lines, strings.TrimRight(string(rs[start:e]), " "))
			start, width, end, next = n, 0, -1, -1
			for j := start; j <= i; j++ {
				width += d.advance(rs[j])
				end, next = breakAt(rs, j, start, end, next)
			}
			continue
		}
		end, next = breakAt(rs, i, start, end, next)
	}
	return append(lines, strings.TrimRight(string(rs[start:]), " "))
}

// breakAt returns the break the rune at i offers, or the one given.
func breakAt(rs []rune, i, start, end, next int) (int, int) {
	switch rs[i] {
	case ' ':
		return i, i + 1
	case '/', '-', '–', '—':
		if i > start {
			return i + 1, i + 1
		}
	}
	return end, next
}

// cut shortens a clean line until it and an ellipsis fit in limit.
func (d *doc) cut(line string, limit int) string {
	mark := ellipsis
	if !d.cov[d.cur].has('…') {
		mark = "..."
	}
	rs := []rune(strings.TrimRight(line, " "))
	markW := 0
	for _, r := range mark {
		markW += d.advance(r)
	}
	width := 0
	for _, r := range rs {
		width += d.advance(r)
	}
	for len(rs) > 0 && width+markW > limit {
		width -= d.advance(rs[len(rs)-1])
		rs = rs[:len(rs)-1]
	}
	return string(rs) + mark
}

// fit cleans s into a single line no wider than w, cut with an ellipsis.
func (d *doc) fit(s string, w float64) string {
	s = d.clean(s, false)
	if d.measure(s) <= w {
		return s
	}
	return d.cut(s, d.units(w))
}

// text draws clean lines from the top-left corner (x, y) in a column of
// width w, aligned "L", "C" or "R"; it returns the height used.
func (d *doc) text(x, y, w float64, lines []string, align string) float64 {
	lh := d.lineH()
	for i, line := range lines {
		d.pdf.SetXY(x, y+float64(i)*lh)
		d.pdf.CellFormat(w, lh, line, "", 0, align+"M", false, 0, "")
	}
	return float64(len(lines)) * lh
}

// paragraph wraps s across the content width from y with the current font
// and returns the y below it, starting new pages as needed.
func (d *doc) paragraph(y float64, s string) float64 {
	lh := d.lineH()
	for _, line := range d.wrap(s, d.width(), 0) {
		y = d.ensure(y, lh)
		d.text(d.left, y, d.width(), []string{line}, "L")
		y += lh
	}
	return y
}

// ensure returns y when h more millimetres fit on the page, else starts a
// new page and returns its top.
func (d *doc) ensure(y, h float64) float64 {
	if y+h <= d.bottom {
		return y
	}
	st, size := d.cur, d.size
	d.pdf.AddPage()
	d.setFont(st, size)
	return d.top
}

// footers print, on every page once all are drawn, when the document was
// printed, its note, and "page n of total". Drawing them last gives the
// true total without gofpdf's page-count alias, which would copy every
// page twice more on output.
func (d *doc) footers() {
	lab := d.s.lab
	total := d.pdf.PageCount()
	left := lab.printedAt + " " + d.s.dateTime(d.s.now)
	if d.footerNote != "" {
		left = d.footerNote + " · " + left
	}
	y := d.pageH - d.top + 1
	for p := 1; p <= total; p++ {
		d.pdf.SetPage(p)
		// gofpdf writes the font into each page's stream as it is set, so
		// it is set again for every page.
		d.setFont(regular, 7)
		d.pdf.SetTextColor(90, 90, 90)
		pageNo := fmt.Sprintf(lab.pageOf, p, total)
		pageW := d.measure(pageNo) + 2
		d.text(d.left, y, d.width()-pageW, []string{d.fit(left, d.width()-pageW)}, "L")
		d.text(d.right-pageW, y, pageW, []string{pageNo}, "R")
	}
}

// kop draws the letterhead from y and returns the y below its rule.
func (d *doc) kop(y float64) float64 {
	s := d.s
	if s.Office == "" && s.Unit == "" && s.Address == "" {
		return y
	}
	for _, l := range []struct {
		st   style
		size float64
		text string
	}{{bold, 11, s.Office}, {bold, 13, s.Unit}, {regular, 8, s.Address}} {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		d.setFont(l.st, l.size)
		y += d.text(d.left, y, d.width(), d.wrap(l.text, d.width(), 2), "C")
	}
	y += 1.2
	d.pdf.SetLineWidth(0.7)
	d.pdf.Line(d.left, y, d.right, y)
	d.pdf.SetLineWidth(0.25)
	d.pdf.Line(d.left, y+0.9, d.right, y+0.9)
	return y + 4
}

// title draws a centred heading, and a second line if sub is set.
func (d *doc) title(y float64, title, sub string) float64 {
	d.setFont(bold, 12)
	y += d.text(d.left, y, d.width(), d.wrap(title, d.width(), 2), "C")
	if sub != "" {
		d.setFont(regular, 10)
		y += d.text(d.left, y, d.width(), d.wrap(sub, d.width(), 2), "C")
	}
	return y + 3
}

// third is where the nth card of three on a sheet goes: its top and
// bottom, and the cut line above it.
func (d *doc) third(n int) (top, bottom, cut float64) {
	const gap = 3 // between a card and a cut line
	slot := (d.bottom - d.top) / 3
	top, bottom = d.top+float64(n)*slot, d.top+float64(n+1)*slot
	cut = top
	if n > 0 {
		top += gap
	}
	if n < 2 {
		bottom -= gap
	}
	return top, bottom, cut
}

// cutLine draws a dashed line across the whole sheet at y, where the
// cards that share it are cut apart, with a word that says so.
func (d *doc) cutLine(y float64) {
	lab := d.s.lab
	d.pdf.SetDrawColor(90, 90, 90)
	d.pdf.SetDashPattern([]float64{2, 1.2}, 0)
	d.pdf.Line(3, y, d.pageW-3, y)
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.SetDrawColor(0, 0, 0)
	d.setFont(italic, 6)
	word := d.fit(lab.cutHere, 40)
	w := d.measure(word) + 2
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.Rect(d.left+6, y-d.lineH()/2, w, d.lineH(), "F")
	d.pdf.SetTextColor(90, 90, 90)
	d.text(d.left+7, y-d.lineH()/2, w, []string{word}, "L")
	d.pdf.SetTextColor(0, 0, 0)
}

// finish adds the footers, closes the document and writes it to w.
func (d *doc) finish(w io.Writer) error {
	d.footers()
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}
