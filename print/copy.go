package print

import (
	"fmt"
	"io"
	"strings"
	"time"

	"sanapati-desk/store"
)

// Body is what a message says, as the mail package read it: the caller
// turns the MIME message into this, print only lays it out.
type Body struct {
	// The message's headers, as read and sanitised by mail; empty ones are
	// left off the copy.
	From, To, Cc, Subject string
	Date                  time.Time
	// Text is the readable text of the message.
	Text string
	// Attachments lists the message's attachments.
	Attachments []Attachment
	// LetterNumber is the sender's number as the message gives it ("Nomor
	// :"), printed while the letter has none registered.
	LetterNumber string
}

// Attachment describes one attachment of a message.
type Attachment struct {
	Name, Type string
	Size       int64
	// Printed marks an attachment printed along with the copy.
	Printed bool
}

// Copy writes the copy of a letter for one recipient (step 3) as a PDF:
// who it is for and through which channel, the agenda number when known
// and else a blank box to write it in, the letter number (registered, or
// as the message gives it), the received and due times, the message's headers, its full text wrapped
// to the page, and its attachments. Every page's footer names the
// recipient, so loose pages find their way back.
func Copy(w io.Writer, l *store.Letter, r store.Recipient, body Body, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	lab := s.lab
	d, err := newDoc(s, lab.copyTitle+" "+r.Name, false)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	d.footerNote = fmt.Sprintf(lab.copyFor, r.Name)
	if !l.Agenda.IsZero() {
		d.footerNote += " · " + s.agenda(l)
	}
	d.pdf.AddPage()
	y := d.kop(d.top)
	y = d.title(y, lab.copyTitle, "")

	const lw = 30
	// Before registration the agenda box is left blank and tall enough to
	// write the number in by hand.
	agenda := field{label: lab.serial, value: s.agenda(l), labelW: lw}
	if l.Agenda.IsZero() {
		agenda.value, agenda.minH = "", 11
	}
	number := l.LetterNumber
	if number == "" {
		number = body.LetterNumber
	}
	y += d.fieldRow(y, []field{
		{label: lab.copyRecipient, value: r.Name, labelW: lw, big: true},
		{label: lab.via, value: s.channel(r.Channel), labelW: 18, w: 55},
	})
	y += d.fieldRow(y, []field{
		agenda,
		{label: lab.letterNumber, value: orDash(number), labelW: 18, w: 85},
	})
	y += d.fieldRow(y, []field{
		{label: lab.received, value: s.received(l), labelW: lw},
		{label: lab.due, value: s.dueTime(l), labelW: 18, w: 85},
	})
	y += 4

	if body.From == "" && body.Subject == "" {
		body.From, body.Subject = l.From, l.Subject
	}
	date := ""
	if !body.Date.IsZero() {
		date = s.dateTime(body.Date)
	}
	for _, h := range [][2]string{{lab.from, body.From}, {lab.to, body.To}, {lab.cc, body.Cc},
		{lab.msgDate, date}, {lab.subject, body.Subject}} {
		if h[1] != "" && h[1] != "-" {
			y = d.header(y, h[0], h[1])
		}
	}
	y += 1.5
	d.pdf.Line(d.left, y, d.right, y)
	y += 3

	d.setFont(mono, 9)
	text := body.Text
	if strings.TrimSpace(text) == "" {
		d.setFont(italic, 9)
		text = lab.noText
	}
	y = d.paragraph(y, strings.TrimRight(text, "\n\r\t "))

	y += 4
	d.setFont(bold, 9)
	y = d.ensure(y, 3*d.lineH())
	y += d.text(d.left, y, d.width(), []string{d.fit(lab.attachmentList, d.width())}, "L")
	d.setFont(regular, 9)
	if len(body.Attachments) == 0 {
		y = d.paragraph(y, lab.none)
	}
	for i, a := range body.Attachments {
		line := fmt.Sprintf("%d. %s (%s, %s)", i+1, orDash(a.Name), orDash(a.Type), s.bytes(a.Size))
		if a.Printed {
			line += " · " + lab.printedAlong
		}
		y = d.paragraph(y, line)
	}
	return d.finish(w)
}

// header draws one message header: the name in bold, the value wrapped in
// a column beside it. It returns the y below.
func (d *doc) header(y float64, name, value string) float64 {
	const nameW = 28
	d.setFont(bold, 8.5)
	names := d.wrap(name, nameW-2, 2)
	d.setFont(regular, 8.5)
	lh := d.lineH()
	values := d.wrap(orDash(value), d.width()-nameW, 8)
	for i := range max(len(names), len(values)) {
		y = d.ensure(y, lh)
		if i < len(names) {
			d.setFont(bold, 8.5)
			d.text(d.left, y, nameW-2, names[i:i+1], "L")
			d.setFont(regular, 8.5)
		}
		if i < len(values) {
			d.text(d.left+nameW, y, d.width()-nameW, values[i:i+1], "L")
		}
		y += lh
	}
	return y
}

// bytes shows a size as "12 KB" or "1,2 MB".
func (s *settings) bytes(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return s.number(float64(n)/1024, 0) + " KB"
	default:
		return s.number(float64(n)/(1024*1024), 1) + " MB"
	}
}
