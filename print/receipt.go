package print

import (
	"fmt"
	"io"
	"strings"

	"sanapati-desk/store"
)

// Receipt writes the receipt sheet the courier carries (step 10) as a PDF:
// a heading with the agenda number, letter number, subject and courier,
// then one row per recipient with the channel and columns for the
// receiver's name, the date and time, the receiver's paraf and remarks,
// and at the foot a place for the courier's signature. A fax or online
// row, where no one can initial, has a line for the proof of sending (the
// fax report, the application's reference) instead. Receipts already
// recorded are filled in; the others are left for the pen.
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
		{title: lab.recipient, weight: 38},
		{title: lab.viaChannels, weight: 26, align: "C"},
		{title: lab.receiverName, weight: 29},
		{title: lab.dateTime, weight: 22, align: "C"},
		{title: lab.initialOrProof, weight: 32},
		{title: lab.remarks, weight: 26},
	}, 8)
	t.minH, t.lines = 14, 4
	y = t.header(y)
	for i, r := range l.Recipients {
		when := ""
		if r.Delivered() {
			when = s.shortDateTime(r.DeliveredAt)
		}
		y = t.row(y, []string{fmt.Sprint(i + 1), r.Name, s.channel(r.Channel), r.ReceivedBy, when, s.proofLine(r.Channel), ""})
	}
	if len(l.Recipients) == 0 {
		y = t.row(y, []string{"", lab.noRecipients, "", "", "", "", ""})
	}
	d.setFont(italic, 8)
	y = d.ensure(y+3, d.lineH())
	y = d.paragraph(y, lab.receiptNote)
	d.courierSignature(y+4, l.Courier)
	return d.finish(w)
}

// proofLine is what a receipt row asks for in the paraf column: nothing
// (room for the initial) where a person receives the copy, a line for the
// proof of sending where a fax or the online application does.
func (s *settings) proofLine(c store.Channel) string {
	const line = "________________"
	switch c {
	case store.ChannelFax:
		return s.lab.proofFax + "\n" + line
	case store.ChannelOnline:
		return s.lab.proofOnline + "\n" + line
	}
	return ""
}

// courierSignature draws, at the right from y (on a new page when it does
// not fit), the courier's signature: a caption, room to sign, and the
// name under a line.
func (d *doc) courierSignature(y float64, courier string) {
	lab := d.s.lab
	const w, room = 70.0, 16.0
	d.setFont(regular, 9)
	lh := d.lineH()
	y = d.ensure(y, 2*lh+room+1)
	x := d.right - w
	d.text(x, y, w, []string{d.fit(lab.courierSignature, w)}, "C")
	y += lh + room
	d.pdf.Line(x+5, y, x+w-5, y)
	name := "( " + strings.Repeat(" ", 30) + " )"
	if strings.TrimSpace(courier) != "" {
		name = "( " + courier + " )"
	}
	d.text(x, y+0.5, w, []string{d.fit(name, w)}, "C")
}
