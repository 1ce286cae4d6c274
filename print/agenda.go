package print

import (
	"fmt"
	"io"
	"time"

	"sanapati-desk/store"
)

// agendaRow is one row of the agenda book, as every format shows it.
type agendaRow struct {
	seq          int // 0 before registration
	number       string
	received     time.Time
	origin       string
	letterNumber string
	letterDate   time.Time
	summary      string
	attachments  string
	forwardedTo  string
	remarks      string
}

func (s *settings) agendaRow(l *store.Letter) agendaRow {
	return agendaRow{
		seq:          l.Agenda.Seq,
		number:       s.agenda(l),
		received:     l.ReceivedAt,
		origin:       l.Sender(),
		letterNumber: l.LetterNumber,
		letterDate:   l.LetterDate,
		summary:      l.BookTitle(),
		attachments:  l.Attachments,
		forwardedTo:  recipientNames(l),
		remarks:      s.remarks(l),
	}
}

// remarks are the book's and the card's Keterangan: the operator's
// remarks, and the earlier agenda number of a letter registered twice.
func (s *settings) remarks(l *store.Letter) string {
	if l.DuplicateOf.IsZero() {
		return l.Remarks
	}
	dup := fmt.Sprintf(s.lab.duplicateOf, l.DuplicateOf.Format(s.AgendaFormat))
	if l.Remarks == "" {
		return dup
	}
	return dup + "; " + l.Remarks
}

// agendaColumns are the book's columns with their share of the width.
func (s *settings) agendaColumns() []column {
	lab := s.lab
	return []column{
		{title: lab.serial, weight: 17, align: "C"},
		{title: lab.received, weight: 20, align: "C"},
		{title: lab.origin, weight: 33},
		{title: lab.letterNumber, weight: 27},
		{title: lab.letterDate, weight: 19, align: "C"},
		{title: lab.subjectSummary, weight: 60},
		{title: lab.attachments, weight: 16},
		{title: lab.forwardedTo, weight: 45},
		{title: lab.remarks, weight: 32},
	}
}

// AgendaBook writes the agenda book (buku agenda surat masuk) of letters,
// in the order given, as a landscape PDF: the book's columns, the header
// repeated on every page, page numbers, and a closing line with the count.
// title says which period the book covers, for example "Tahun 2026".
func AgendaBook(w io.Writer, letters []store.Letter, title string, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("agenda book: %w", err)
	}
	lab := s.lab
	d, err := newDoc(s, lab.agendaTitle+" "+title, true)
	if err != nil {
		return fmt.Errorf("agenda book: %w", err)
	}
	d.footerNote = lab.agendaTitle + " " + title
	d.pdf.AddPage()
	y := d.kop(d.top)
	y = d.title(y, lab.agendaTitle, title)
	t := d.newTable(s.agendaColumns(), 7.5)
	t.lines, t.shade = 6, true
	y = t.header(y)
	for i := range letters {
		r := s.agendaRow(&letters[i])
		y = t.row(y, []string{
			r.number, s.shortDateTime(r.received), orDash(r.origin), orDash(r.letterNumber), s.shortDate(r.letterDate),
			orDash(r.summary), orDash(r.attachments), orDash(r.forwardedTo), r.remarks,
		})
	}
	if len(letters) == 0 {
		y = t.row(y, []string{"", "", "", "", "", lab.noLetters, "", "", ""})
	}
	d.setFont(bold, 9)
	y = d.ensure(y+3, d.lineH())
	d.paragraph(y, fmt.Sprintf(lab.agendaTotal, s.count(len(letters))))
	return d.finish(w)
}
