package print

import (
	"fmt"
	"io"
	"strings"

	"sanapati-desk/store"
)

// ControlCard writes the letter's control card (step 5) as a PDF: one page
// per copy in opts.CardCopies, each labelled, in the layout opts.CardLayout
// chooses: the kartu kendali or the lembar pengantar surat biasa. Each page
// carries one initial box per official, in order.
func ControlCard(w io.Writer, l *store.Letter, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("control card: %w", err)
	}
	title := s.lab.cardTitle
	if s.CardLayout == "cover" {
		title = s.lab.coverTitle
	}
	d, err := newDoc(s, title+" "+s.agenda(l), false)
	if err != nil {
		return fmt.Errorf("control card: %w", err)
	}
	d.footerNote = s.agenda(l)
	for i, colour := range s.CardCopies {
		d.pdf.AddPage()
		label := ""
		if colour != "" || len(s.CardCopies) > 1 {
			label = fmt.Sprintf(s.lab.copyLabel, i+1)
			if colour != "" {
				label += " (" + colour + ")"
			}
		}
		if s.CardLayout == "cover" {
			d.coverSheet(l, label)
		} else {
			d.card(l, label)
		}
	}
	return d.finish(w)
}

// officials are the letter's initials once the card went out, else the
// configured officials, else the default directory's.
func (s *settings) officials(l *store.Letter) []store.Initial {
	if len(l.Initials) > 0 {
		return l.Initials
	}
	offs := s.Officials
	if len(offs) == 0 {
		offs = store.DefaultDirectory().Officials
	}
	out := make([]store.Initial, len(offs))
	for i, o := range offs {
		out[i] = store.Initial{Position: o.Position}
	}
	return out
}

// examiner is the letter's examiner, or the configured one.
func (s *settings) examiner(l *store.Letter) string {
	if l.Examiner != "" {
		return l.Examiner
	}
	dir := store.Directory{Officials: s.Officials}
	if len(dir.Officials) == 0 {
		dir = store.DefaultDirectory()
	}
	return dir.Examiner()
}

// card draws the kartu kendali on the current page.
func (d *doc) card(l *store.Letter, copyLabel string) {
	s, lab := d.s, d.s.lab
	y := d.cardHead(d.top, lab.cardTitle, copyLabel)
	// Left column labels are lw wide; the right column is rw wide with
	// labels rlw wide, so that the boxes line up from row to row.
	const lw, rw, rlw = 24.0, 80.0, 20.0
	rows := [][]field{
		{
			{label: lab.index, value: orDash(l.Index), labelW: lw},
			{label: lab.classCode, value: orDash(l.ClassCode), labelW: lw},
			{label: lab.serial, value: s.agenda(l), labelW: rlw, w: rw, big: true},
		},
		{{label: lab.summary, value: orDash(l.Title()), labelW: lw, lines: 6, minH: 14}},
		{
			{label: lab.attachments, value: orDash(l.Attachments), labelW: lw},
			{label: lab.registered, value: s.date(l.RegisteredAt), labelW: rlw, w: rw},
		},
		{{label: lab.from, value: orDash(l.Sender()), labelW: lw}},
		{
			{label: lab.letterDate, value: s.date(l.LetterDate), labelW: lw},
			{label: lab.letterNumber, value: orDash(l.LetterNumber), labelW: rlw, w: rw},
		},
		{{label: lab.to, value: s.recipientList(l, "; ", 8), labelW: lw, lines: 5}},
		{
			{label: lab.received, value: s.received(l), labelW: lw},
			{label: lab.due, value: s.dateTime(s.due(l)), labelW: rlw, w: rw},
		},
		{
			{label: lab.class, value: s.class(l.Class), labelW: lw},
			{label: lab.urgency, value: s.urgency(l.Urgency), labelW: lw},
			{label: lab.handler, value: orDash(s.examiner(l)), labelW: rlw, w: rw},
		},
	}
	for _, r := range rows {
		y += d.fieldRow(y, r)
	}
	y += d.initialBoxes(y, s.officials(l))
	d.fieldRow(y, []field{{label: lab.notes, value: s.remarks(l), labelW: lw, lines: 4, minH: 24}})
}

// cardHead draws the card's top box: the letterhead on the left, the copy
// label on the right, the title under both. It returns the y below it.
func (d *doc) cardHead(y float64, title, copyLabel string) float64 {
	s := d.s
	top := y
	labelW := 0.0
	if copyLabel != "" {
		d.setFont(bold, 9)
		labelW = d.measure(d.clean(copyLabel, false)) + 2*pad
		labelW = min(labelW, d.width()/3)
		d.text(d.right-labelW-pad, y+pad, labelW, []string{d.fit(copyLabel, labelW)}, "R")
	}
	y += pad
	for _, l := range []struct {
		st   style
		text string
	}{{bold, s.Office}, {bold, s.Unit}} {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		d.setFont(l.st, 9)
		y += d.text(d.left+pad, y, d.width()-labelW-3*pad, d.wrap(l.text, d.width()-labelW-3*pad, 2), "L")
	}
	d.setFont(bold, 11)
	y += 1
	y += d.text(d.left+pad, y, d.width()-2*pad, d.wrap(title, d.width()-2*pad, 2), "L")
	y += pad
	d.pdf.Rect(d.left, top, d.width(), y-top, "D")
	return y
}

// initialBoxes draws the Paraf row: a label cell, then one box per official
// (at most four to a row) with the position, room for the initial, and the
// date. It returns the height drawn.
func (d *doc) initialBoxes(y float64, ins []store.Initial) float64 {
	lab := d.s.lab
	const labelW, perRow, room = 24.0, 4, 16.0
	top := y
	for start := 0; start < len(ins) || start == 0; start += perRow {
		group := ins[start:min(start+perRow, len(ins))]
		n := max(len(group), 1)
		w := (d.width() - labelW) / float64(n)
		d.setFont(bold, labelPt)
		posH := 0.0
		laid := make([][]string, len(group))
		for i, in := range group {
			laid[i] = d.wrap(in.Position, w-2*pad, 3)
			posH = max2(posH, float64(len(laid[i]))*d.lineH())
		}
		d.setFont(regular, labelPt)
		h := 2*pad + posH + room + d.lineH()
		for i, in := range group {
			x := d.left + labelW + float64(i)*w
			d.pdf.Rect(x, y, w, h, "D")
			d.setFont(bold, labelPt)
			d.text(x+pad, y+pad, w-2*pad, laid[i], "L")
			d.setFont(regular, labelPt)
			date := lab.initialDate + " ________________"
			if in.Done() {
				date = lab.initialDate + " " + d.s.shortDateTime(in.At)
			}
			d.text(x+pad, y+h-pad-d.lineH(), w-2*pad, []string{d.fit(date, w-2*pad)}, "L")
		}
		if len(group) == 0 {
			d.pdf.Rect(d.left+labelW, y, w, h, "D")
		}
		y += h
		if start+perRow >= len(ins) {
			break
		}
	}
	d.pdf.Rect(d.left, top, labelW, y-top, "D")
	d.setFont(bold, labelPt)
	d.text(d.left+pad, top+pad, labelW-2*pad, d.wrap(lab.initials, labelW-2*pad, 2), "L")
	return y - top
}

// coverSheet draws the lembar pengantar surat biasa on the current page.
func (d *doc) coverSheet(l *store.Letter, copyLabel string) {
	s, lab := d.s, d.s.lab
	y := d.kop(d.top)
	if copyLabel != "" {
		d.setFont(bold, 9)
		d.text(d.left, y, d.width(), []string{d.fit(copyLabel, d.width())}, "R")
		y += d.lineH()
	}
	y = d.title(y, lab.coverTitle, "")
	const lw = 38
	rows := []field{
		{label: lab.serial, value: s.agenda(l), big: true},
		{label: lab.received, value: s.received(l)},
		{label: lab.due, value: s.dateTime(s.due(l))},
		{label: lab.from, value: orDash(l.Sender())},
		{label: lab.letterNumber, value: orDash(l.LetterNumber)},
		{label: lab.letterDate, value: s.date(l.LetterDate)},
		{label: lab.summary, value: orDash(l.Title()), lines: 6},
		{label: lab.attachments, value: orDash(l.Attachments)},
		{label: lab.classAndUrgency, value: s.class(l.Class) + " / " + s.urgency(l.Urgency)},
		{label: lab.classCode + " / " + lab.index, value: orDash(l.ClassCode) + " / " + orDash(l.Index)},
		{label: lab.to, value: s.recipientList(l, "\n", 10), lines: 11},
		{label: lab.handler, value: orDash(s.examiner(l))},
	}
	for _, f := range rows {
		f.labelW = lw
		y += d.fieldRow(y, []field{f})
	}
	y += 4
	t := d.newTable([]column{
		{title: lab.no, weight: 8, align: "C"},
		{title: lab.position, weight: 62},
		{title: lab.initials, weight: 30},
		{title: lab.dateCol, weight: 30, align: "C"},
		{title: lab.notes, weight: 50},
	}, 8)
	t.minH, t.lines = 13, 3
	y = t.header(y)
	for i, in := range s.officials(l) {
		date := ""
		if in.Done() {
			date = s.shortDateTime(in.At)
		}
		y = t.row(y, []string{fmt.Sprint(i + 1), in.Position, "", date, ""})
	}
	if y+26 <= d.bottom {
		d.fieldRow(y+4, []field{{label: lab.notes, value: s.remarks(l), labelW: lw, lines: 3, minH: 22}})
	}
}

// recipientList lists at most limit recipients, numbered one to a line
// when sep is a newline, and says how many more there are.
func (s *settings) recipientList(l *store.Letter, sep string, limit int) string {
	if len(l.Recipients) == 0 {
		return "-"
	}
	var items []string
	for i, r := range l.Recipients {
		if i == limit && len(l.Recipients) > limit+1 {
			items = append(items, fmt.Sprintf(s.lab.more, len(l.Recipients)-limit))
			break
		}
		if sep == "\n" {
			items = append(items, fmt.Sprintf("%d. %s", i+1, r.Name))
		} else {
			items = append(items, r.Name)
		}
	}
	return strings.Join(items, sep)
}
