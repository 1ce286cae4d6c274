package print

import (
	"fmt"
	"io"

	"sanapati-desk/store"
)

// Receipt writes the receipt sheet the courier carries (step 10) as a PDF:
// a heading with the agenda number, letter number, subject and courier,
// then one row per recipient with the channel and columns for the
// receiver's name, the date and time, and the receiver's paraf. Receipts
// already recorded are filled in; the others are left for the pen.
func Receipt(w io.Writer, l *store.Letter, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("receipt: %w", err)
	}
	lab := s.lab
	d, err := newDoc(s, lab.receiptTitle+" "+s.agenda(l), false)
	if err != nil {
		return fmt.Errorf("receipt: %w", err)
	}
	d.footerNote = s.agenda(l)
	d.pdf.AddPage()
	y := d.kop(d.top)
	y = d.title(y, lab.receiptTitle, "")

	const lw = 30
	y += d.fieldRow(y, []field{
		{label: lab.serial, value: s.agenda(l), labelW: lw, big: true},
		{label: lab.letterNumber, value: orDash(l.LetterNumber), labelW: 18, w: 90},
	})
	y += d.fieldRow(y, []field{{label: lab.summary, value: orDash(l.Title()), labelW: lw, lines: 4}})
	y += d.fieldRow(y, []field{
		{label: lab.from, value: orDash(l.Sender()), labelW: lw},
		{label: lab.letterDate, value: s.date(l.LetterDate), labelW: 18, w: 90},
	})
	y += d.fieldRow(y, []field{{label: lab.courier, value: orDash(l.Courier), labelW: lw}})
	y += 5

	t := d.newTable([]column{
		{title: lab.no, weight: 7, align: "C"},
		{title: lab.recipient, weight: 52},
		{title: lab.viaChannels, weight: 28, align: "C"},
		{title: lab.receiverName, weight: 36},
		{title: lab.dateTime, weight: 30, align: "C"},
		{title: lab.initials, weight: 27},
	}, 8.5)
	t.minH, t.lines = 14, 4
	y = t.header(y)
	for i, r := range l.Recipients {
		when := ""
		if r.Delivered() {
			when = s.shortDateTime(r.DeliveredAt)
		}
		y = t.row(y, []string{fmt.Sprint(i + 1), r.Name, s.channel(r.Channel), r.ReceivedBy, when, ""})
	}
	if len(l.Recipients) == 0 {
		y = t.row(y, []string{"", lab.noRecipients, "", "", "", ""})
	}
	d.setFont(italic, 8)
	y = d.ensure(y+3, d.lineH())
	d.paragraph(y, lab.receiptNote)
	return d.finish(w)
}
