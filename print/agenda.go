package print

import (
	"fmt"
	"io"
	"strings"
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
	class        string
	classCode    string
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
		class:        s.class(l.Class),
		classCode:    l.ClassCode,
		forwardedTo:  recipientNames(l),
		remarks:      s.remarks(l),
	}
}

// remarks are the book's and the card's Keterangan: why a letter was set
// aside, the earlier agenda number of a letter registered twice, and the
// operator's remarks, in that order.
func (s *settings) remarks(l *store.Letter) string {
	var parts []string
	if l.Stage == store.StageSetAside {
		parts = append(parts, fmt.Sprintf(s.lab.setAsideBecause, orDash(l.SetAsideReason)))
	}
	if !l.DuplicateOf.IsZero() {
		parts = append(parts, fmt.Sprintf(s.lab.duplicateOf, l.DuplicateOf.Format(s.AgendaFormat)))
	}
	if strings.TrimSpace(l.Remarks) != "" {
		parts = append(parts, l.Remarks)
	}
	return strings.Join(parts, "; ")
}

// agendaColumns are the book's columns with their share of the width.
func (s *settings) agendaColumns() []column {
	lab := s.lab
	return []column{
		{title: lab.serial, weight: 17, align: "C"},
		{title: lab.received, weight: 19, align: "C"},
		{title: lab.origin, weight: 31},
		{title: lab.letterNumber, weight: 25},
		{title: lab.letterDate, weight: 17, align: "C"},
		{title: lab.subjectSummary, weight: 53},
		{title: lab.class, weight: 15, align: "C"},
		{title: lab.classCode, weight: 17, align: "C"},
		{title: lab.attachments, weight: 15},
		{title: lab.forwardedTo, weight: 41},
		{title: lab.remarks, weight: 30},
	}
}

// AgendaBook writes the agenda book (buku agenda surat masuk) of letters,
// in the order given, as a landscape PDF: one title, the book's columns,
// the header repeated on every page, page numbers, and a closing line with
// the count. title says which period the book covers, for example "Tahun
// 2026"; a title that names the book itself ("Buku Agenda Surat Masuk
// Tahun 2026") gives only its period, so the page carries one title.
func AgendaBook(w io.Writer, letters []store.Letter, title string, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("agenda book: %w", err)
	}
	lab := s.lab
	heading := s.bookTitle(title)
	d, err := newDoc(s, heading, true)
	if err != nil {
		return fmt.Errorf("agenda book: %w", err)
	}
	d.footerNote = heading
	d.pdf.AddPage()
	y := d.kop(d.top)
	y = d.title(y, heading, "")
	t := d.newTable(s.agendaColumns(), 7.5)
	t.lines, t.shade = 6, true
	y = t.header(y)
	for i := range letters {
		r := s.agendaRow(&letters[i])
		y = t.row(y, []string{
			r.number, s.shortDateTime(r.received), orDash(r.origin), orDash(r.letterNumber), s.shortDate(r.letterDate),
			orDash(r.summary), r.class, orDash(r.classCode), orDash(r.attachments), orDash(r.forwardedTo), r.remarks,
		})
	}
	if len(letters) == 0 {
		y = t.row(y, []string{"", "", "", "", "", lab.noLetters, "", "", "", "", ""})
	}
	d.setFont(bold, 9)
	y = d.ensure(y+3, d.lineH())
	d.paragraph(y, fmt.Sprintf(lab.agendaTotal, s.count(len(letters))))
	return d.finish(w)
}

// bookTitle is the agenda book's one title: the book's name and the period
// the caller names, in capitals. A caller's title that already names an
// agenda book keeps only its period: from "Tahun" (or "Year") or its
// first digit on.
func (s *settings) bookTitle(title string) string {
	period := strings.TrimSpace(title)
	if lower := strings.ToLower(period); strings.Contains(lower, "agenda") {
		cut := -1
		for _, word := range []string{"tahun ", "year "} {
			if i := strings.Index(lower, word); i >= 0 && len(lower) == len(period) && (cut < 0 || i < cut) {
				cut = i
			}
		}
		if cut < 0 {
			cut = strings.IndexAny(period, "0123456789")
		}
		if cut < 0 {
			cut = len(period)
		}
		period = strings.TrimSpace(period[cut:])
	}
	if period == "" {
		return s.lab.agendaTitle
	}
	return s.lab.agendaTitle + " " + strings.ToUpper(period)
}
