package print

import (
	"fmt"
	"io"
	"strings"

	"sanapati-desk/store"
)

// ControlCard writes the letter's control card (step 5) as a PDF: one card
// per copy in opts.CardCopies, each labelled with its colour and what it
// is for, in the layout opts.CardLayout chooses: the kartu kendali on a
// full page, on A5, or three to a sheet with cut lines between them, or
// the lembar pengantar surat biasa. Each card carries one initial box per
// official, in order.
func ControlCard(w io.Writer, l *store.Letter, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("control card: %w", err)
	}
	title := s.lab.cardTitle
	if s.CardLayout == "cover" {
		title = s.lab.coverTitle
	}
	d, err := cardDoc(s, title+" "+s.agenda(l))
	if err != nil {
		return fmt.Errorf("control card: %w", err)
	}
	d.footerNote = s.agenda(l)
	copies := s.cardCopies()
	for i, c := range copies {
		switch s.CardLayout {
		case "cover":
			d.pdf.AddPage()
			d.coverSheet(l, c)
		case "three":
			top, bottom, cut := d.third(i % 3)
			if i%3 == 0 {
				d.pdf.AddPage()
			} else {
				d.cutLine(cut)
			}
			d.card(l, c, top, bottom)
		case "a5":
			d.pdf.AddPage()
			d.card(l, c, d.top, d.bottom)
		default:
			d.pdf.AddPage()
			d.card(l, c, d.top, 0)
		}
	}
	return d.finish(w)
}

// cardDoc starts the document of the settings' card layout: the office's
// paper, or A5, in smaller type for the card-size layouts.
func cardDoc(s *settings, title string) (*doc, error) {
	var d *doc
	var err error
	switch s.CardLayout {
	case "a5":
		d, err = newDocOn(s, title, a5, false, 10)
	case "three":
		d, err = newDocOn(s, title, papers[s.Paper], false, 8)
	default:
		return newDoc(s, title, false)
	}
	if err != nil {
		return nil, err
	}
	d.dense = true
	return d, nil
}

// cardCopy is one copy of the card: its label ("Lembar 1 (putih)") and
// what it is for ("untuk arsip operator"); both empty for a single
// unlabelled copy.
type cardCopy struct{ label, purpose string }

// cardCopies labels the copies Options.CardCopies names.
func (s *settings) cardCopies() []cardCopy {
	out := make([]cardCopy, len(s.CardCopies))
	for i, entry := range s.CardCopies {
		colour, purpose, named := strings.Cut(entry, ":")
		colour, purpose = strings.TrimSpace(colour), strings.TrimSpace(purpose)
		if !named && i < len(s.lab.cardPurposes) && len(s.CardCopies) > 1 {
			purpose = s.lab.cardPurposes[i]
		}
		if colour == "" && purpose == "" && len(s.CardCopies) == 1 {
			continue
		}
		out[i].label = fmt.Sprintf(s.lab.copyLabel, i+1)
		if colour != "" {
			out[i].label += " (" + colour + ")"
		}
		if purpose != "" {
			out[i].purpose = fmt.Sprintf(s.lab.copyPurpose, purpose)
		}
	}
	return out
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

// narrow reports whether the page is card-size (A5): too narrow for the
// full page's rows.
func (d *doc) narrow() bool { return d.width() < 150 }

// handler is who handles the letter at the desk: the configured handler,
// else the operator's position.
func (s *settings) handler() string {
	if h := strings.TrimSpace(s.Handler); h != "" {
		return h
	}
	return s.lab.operator
}

// card draws the kartu kendali from top; with bottom > 0 the card fills
// down to bottom, its notes taking what the fields leave. On a dense page
// each value keeps to one or two lines, so that the card fits a third of
// a sheet. It returns the y below the card.
func (d *doc) card(l *store.Letter, c cardCopy, top, bottom float64) float64 {
	s, lab := d.s, d.s.lab
	y := d.cardHead(top, lab.cardTitle, c)
	// Labels are lw wide; the right column is rw wide, so that the boxes
	// line up from row to row.
	lw, rw := 24.0, d.width()*0.45
	summaryLines, toLines, one, minSummary := 6, 5, 3, 14.0
	lw3 := lw
	switch {
	case d.narrow():
		// On A5 the rows of three boxes put their labels above the
		// values, which would have no room beside them, and every value
		// keeps to a few lines.
		lw, lw3, summaryLines, toLines, one, minSummary = 22, 0, 4, 3, 2, 0
	case d.dense:
		lw, lw3, summaryLines, toLines, one, minSummary = 22, 22, 2, 2, 1, 0
	}
	rows := [][]field{
		{
			{label: lab.index, value: orDash(l.Index), labelW: lw3, lines: one},
			{label: lab.classCode, value: orDash(l.ClassCode), labelW: lw3, lines: one},
			{label: lab.serial, value: s.agenda(l), labelW: lw, w: rw, big: true, lines: 1},
		},
		{{label: lab.summary, value: orDash(l.Title()), labelW: lw, lines: summaryLines, minH: minSummary}},
		{
			{label: lab.attachments, value: orDash(l.Attachments), labelW: lw3, lines: one},
			{label: lab.class, value: s.class(l.Class), labelW: lw3, lines: one},
			{label: lab.urgency, value: s.urgency(l.Urgency), labelW: lw, w: rw, lines: one},
		},
		{{label: lab.from, value: orDash(l.Sender()), labelW: lw, lines: one}},
		{
			{label: lab.letterDate, value: s.date(l.LetterDate), labelW: lw, lines: one},
			{label: lab.letterNumber, value: orDash(l.LetterNumber), labelW: lw, w: rw, lines: one},
		},
		{{label: lab.to, value: s.recipientList(l, "; ", 8), labelW: lw, lines: toLines}},
		{
			{label: lab.receivedDate, value: s.received(l), labelW: lw, lines: one},
			{label: lab.due, value: s.dueTime(l), labelW: lw, w: rw, lines: one},
		},
		{
			{label: lab.registeredDate, value: s.dateTime(l.RegisteredAt), labelW: lw, lines: one},
			{label: lab.forwardedDate, value: s.dateTime(l.CardPrintedAt), labelW: lw, w: rw, lines: one},
		},
		{
			{label: lab.handler, value: orDash(s.handler()), labelW: lw, lines: one},
			{label: lab.examiner, value: orDash(s.examiner(l)), labelW: lw, w: rw, lines: one},
		},
	}
	for _, r := range rows {
		y += d.fieldRow(y, r)
	}
	y += d.initialBoxes(y, s.officials(l))
	notes := field{label: lab.notes, value: s.remarks(l), labelW: lw, lines: 4, minH: 24}
	if bottom > 0 {
		// The notes fill the card; a dense card keeps its notes to the
		// lines that fit.
		notes.minH = bottom - y
		if d.dense {
			_, valueSize, _, in := d.sizes()
			d.setFont(regular, valueSize)
			notes.lines = max(1, int((bottom-y-2*in)/d.lineH()))
		}
	}
	return y + d.fieldRow(y, []field{notes})
}

// cardHead draws the card's top box: the letterhead on the left, the copy
// label and what the copy is for on the right, the title under the
// letterhead. It returns the y below it.
func (d *doc) cardHead(y float64, title string, c cardCopy) float64 {
	s := d.s
	_, _, _, in := d.sizes()
	headPt, titlePt, maxLines := 9.0, 11.0, 2
	head := []string{s.Office, s.Unit}
	if d.dense {
		// One line of letterhead on a card a third of a sheet high.
		headPt, titlePt, maxLines = 7, 9, 1
		head = []string{strings.Join(nonEmpty(s.Office, s.Unit), " · ")}
	}
	top := y
	labelW, labelBottom := 0.0, y
	if c.label != "" {
		d.setFont(bold, headPt)
		labelW = max2(d.measure(d.clean(c.label, false)), d.measure(d.clean(c.purpose, false))) + 2*in
		labelW = min(labelW, d.width()/3)
		x := d.right - labelW - in
		labelBottom = y + in + d.text(x, y+in, labelW, []string{d.fit(c.label, labelW)}, "R")
		if c.purpose != "" {
			d.setFont(regular, headPt)
			labelBottom += d.text(x, labelBottom, labelW, []string{d.fit(c.purpose, labelW)}, "R")
		}
	}
	textW := d.width() - labelW - 3*in
	y += in
	d.setFont(bold, headPt)
	for _, text := range head {
		if strings.TrimSpace(text) != "" {
			y += d.text(d.left+in, y, textW, d.wrap(text, textW, maxLines), "L")
		}
	}
	d.setFont(bold, titlePt)
	y += 1
	y += d.text(d.left+in, y, textW, d.wrap(title, textW, maxLines), "L")
	y = max2(y, labelBottom) + in
	d.pdf.Rect(d.left, top, d.width(), y-top, "D")
	return y
}

// initialBoxes draws the Paraf row: a label cell, then one box per official
// (at most four to a row; all in one row on a third of a sheet) with the
// position, room for the initial, and the date. It returns the height drawn.
func (d *doc) initialBoxes(y float64, ins []store.Initial) float64 {
	lab := d.s.lab
	labelPt, _, _, pad := d.sizes()
	labelW, perRow, room, posLines := 24.0, 4, 16.0, 3
	switch {
	case d.narrow():
		labelW, room = 22, 10
	case d.dense:
		// A card a third of a sheet high has one row of boxes for all the
		// officials, and less room to initial.
		labelW, perRow, room, posLines = 22, max(6, len(ins)), 6, 2
	}
	top := y
	for start := 0; start < len(ins) || start == 0; start += perRow {
		group := ins[start:min(start+perRow, len(ins))]
		n := max(len(group), 1)
		w := (d.width() - labelW) / float64(n)
		d.setFont(bold, labelPt)
		posH := 0.0
		laid := make([][]string, len(group))
		for i, in := range group {
			laid[i] = d.wrap(in.Position, w-2*pad, posLines)
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
func (d *doc) coverSheet(l *store.Letter, c cardCopy) {
	s, lab := d.s, d.s.lab
	y := d.kop(d.top)
	if c.label != "" {
		d.setFont(bold, 9)
		line := c.label
		if c.purpose != "" {
			line += ": " + c.purpose
		}
		d.text(d.left, y, d.width(), []string{d.fit(line, d.width())}, "R")
		y += d.lineH()
	}
	y = d.title(y, lab.coverTitle, "")
	const lw, rlw = 38.0, 30.0
	rw := d.width() / 2
	rows := [][]field{
		{{label: lab.serial, value: s.agenda(l), big: true}},
		{{label: lab.receivedDate, value: s.received(l)}},
		{{label: lab.due, value: s.dueTime(l)}},
		{{label: lab.from, value: orDash(l.Sender())}},
		{{label: lab.letterNumber, value: orDash(l.LetterNumber)}},
		{{label: lab.letterDate, value: s.date(l.LetterDate)}},
		{{label: lab.summary, value: orDash(l.Title()), lines: 6}},
		{{label: lab.attachments, value: orDash(l.Attachments)}},
		{{label: lab.classAndUrgency, value: s.class(l.Class) + " / " + s.urgency(l.Urgency)}},
		{{label: lab.classCode + " / " + lab.index, value: orDash(l.ClassCode) + " / " + orDash(l.Index)}},
		{{label: lab.to, value: s.recipientList(l, "\n", 10), lines: 11}},
		{
			{label: lab.registeredDate, value: s.dateTime(l.RegisteredAt)},
			{label: lab.forwardedDate, value: s.dateTime(l.CardPrintedAt), labelW: rlw, w: rw},
		},
		{
			{label: lab.handler, value: orDash(s.handler())},
			{label: lab.examiner, value: orDash(s.examiner(l)), labelW: rlw, w: rw},
		},
	}
	for _, r := range rows {
		r[0].labelW = lw
		y += d.fieldRow(y, r)
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
