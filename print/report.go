package print

import (
	"fmt"
	"io"
	"time"

	"sanapati-desk/store"
)

// MonthlyReport writes the monthly service report for the month containing
// month as a PDF: letters received, finished within one working day (count
// and share), the late ones with their delay and reason, the average time to
// deliver by channel, and a bar chart of the daily volume.
func MonthlyReport(w io.Writer, letters []store.Letter, month time.Time, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("monthly report: %w", err)
	}
	f := MonthFigures(letters, month, s.Calendar, s.now)
	lab := s.lab
	period := s.month(f.Month)
	d, err := newDoc(s, lab.reportTitle+" "+period, false)
	if err != nil {
		return fmt.Errorf("monthly report: %w", err)
	}
	d.footerNote = lab.reportShort + " " + period
	d.pdf.AddPage()
	y := d.kop(d.top)
	y = d.title(y, lab.reportTitle, period)

	y = d.section(y, lab.summaryHeading)
	t := d.newTable([]column{{title: lab.measure, weight: 70}, {title: lab.value, weight: 30, align: "R"}}, 9)
	y = t.header(y)
	share := "-"
	if f.OnTime+f.Late > 0 {
		share = s.number(f.OnTimeShare*100, 1) + "%"
	}
	for _, r := range [][2]string{
		{lab.standard, lab.oneWorkingDay},
		{lab.receivedCount, s.count(f.Received)},
		{lab.classified, s.count(f.Classified)},
		{lab.setAside, s.count(f.SetAside)},
		{lab.onTime, s.count(f.OnTime)},
		{lab.onTimeShare, share},
		{lab.late, s.count(f.Late)},
		{lab.pending, s.count(f.Pending)},
	} {
		y = t.row(y, r[:])
	}
	if f.NoHolidays {
		d.setFont(italic, 8)
		y = d.paragraph(y+1.5, fmt.Sprintf(lab.noHolidays, f.Month.Year()))
	}

	y = d.section(y+4, lab.dailyHeading)
	y = d.dailyChart(y, f)

	y = d.section(y+4, lab.lateHeading)
	t = d.newTable([]column{
		{title: lab.no, weight: 7, align: "C"},
		{title: lab.serial, weight: 16, align: "C"},
		{title: lab.subject, weight: 44},
		{title: lab.received, weight: 21, align: "C"},
		{title: lab.due, weight: 21, align: "C"},
		{title: lab.done, weight: 21, align: "C"},
		{title: lab.delay, weight: 16, align: "R"},
		{title: lab.reason, weight: 35},
	}, 7.5)
	t.lines = 4
	y = t.header(y)
	for i, l := range f.LateLetters {
		done := lab.stillOpen
		if !l.DoneAt.IsZero() {
			done = s.shortDateTime(l.DoneAt)
		}
		y = t.row(y, []string{
			fmt.Sprint(i + 1), orDash(l.Agenda.Format(s.AgendaFormat)), l.Subject,
			s.shortDateTime(l.ReceivedAt), s.shortDateTime(l.Due), done,
			s.number(l.Delay, 2), orDash(l.Reason),
		})
	}
	if len(f.LateLetters) == 0 {
		y = t.row(y, []string{"", "", lab.noneLate, "", "", "", "", ""})
	}

	y = d.section(y+4, lab.channelHeading)
	t = d.newTable([]column{
		{title: lab.channel, weight: 40},
		{title: lab.deliveries, weight: 30, align: "R"},
		{title: lab.averageDays, weight: 30, align: "R"},
	}, 9)
	y = t.header(y)
	for _, c := range f.Channels {
		y = t.row(y, []string{s.channel(c.Channel), s.count(c.Deliveries), s.number(c.AverageDays, 2)})
	}
	if len(f.Channels) == 0 {
		t.row(y, []string{lab.noDeliveries, "", ""})
	}
	return d.finish(w)
}

// section draws a bold heading, on a new page when too little room is
// left for what follows it.
func (d *doc) section(y float64, heading string) float64 {
	d.setFont(bold, 10)
	y = d.ensure(y, 4*d.lineH())
	return y + d.text(d.left, y, d.width(), []string{d.fit(heading, d.width())}, "L") + 1
}

// dailyChart draws one bar per day of the month, days that are not working
// days shaded, and returns the y below it.
func (d *doc) dailyChart(y float64, f Figures) float64 {
	const plotH, axisW, labelsH = 38.0, 10.0, 5.0
	y = d.ensure(y, plotH+labelsH+4)
	peak := 1
	for _, n := range f.Daily {
		peak = max(peak, n)
	}
	x0, top := d.left+axisW, y+3
	base := top + plotH
	slot := (d.width() - axisW) / float64(len(f.Daily))
	for i, n := range f.Daily {
		x := x0 + float64(i)*slot
		if !d.s.Calendar.IsWorkingDay(f.Month.AddDate(0, 0, i)) {
			d.pdf.SetFillColor(232, 232, 232)
			d.pdf.Rect(x, top, slot, plotH, "F")
		}
		if n > 0 {
			h := plotH * float64(n) / float64(peak)
			d.pdf.SetFillColor(60, 60, 60)
			d.pdf.Rect(x+slot*0.18, base-h, slot*0.64, h, "F")
			d.setFont(regular, 5.5)
			d.text(x, base-h-d.lineH(), slot, []string{fmt.Sprint(n)}, "C")
		}
		d.setFont(regular, 6)
		d.text(x, base+0.8, slot, []string{fmt.Sprint(i + 1)}, "C")
	}
	d.pdf.Line(x0, top, x0, base)
	d.pdf.Line(x0, base, d.right, base)
	d.setFont(regular, 6.5)
	d.text(d.left, top-d.lineH()/2, axisW-1.5, []string{fmt.Sprint(peak)}, "R")
	d.text(d.left, base-d.lineH()/2, axisW-1.5, []string{"0"}, "R")
	d.pdf.SetFillColor(232, 232, 232)
	d.pdf.Rect(d.left+axisW, base+labelsH, 3, 2.5, "F")
	d.setFont(italic, 7)
	d.text(d.left+axisW+4, base+labelsH-0.2, d.width()-axisW-4, []string{d.fit(d.s.lab.nonWorkingDay, d.width()-axisW-4)}, "L")
	return base + labelsH + 4
}
