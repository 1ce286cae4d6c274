package print

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"sanapati-desk/store"
)

// MonthlyReport writes the monthly service report for the month containing
// month as a PDF: letters received, finished within one working day (count
// and share over the letters handled through the standard, the others
// counted apart), a bar chart of the daily volume, the late ones with their
// delay and reason, the office hours from arrival to each step, the
// deliveries by destination and by channel, and the signature block.
func MonthlyReport(w io.Writer, letters []store.Letter, month time.Time, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("monthly report: %w", err)
	}
	f := MonthFigures(letters, month, s.Calendar, s.now)
	lab, rl := s.lab, s.rep()
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
		share = s.percentText(f.OnTimeShare)
	}
	for _, r := range [][2]string{
		{lab.standard, lab.oneWorkingDay},
		{lab.receivedCount, s.count(f.Received)},
		{lab.classified, s.count(f.Classified)},
		{lab.setAside, s.count(f.SetAside)},
		{rl.estimated, s.count(f.Estimated)},
		{lab.onTime, s.count(f.OnTime)},
		{lab.late, s.count(f.Late)},
		{rl.shareBasis, s.count(f.OnTime + f.Late)},
		{lab.onTimeShare, share},
		{lab.pending, s.count(f.Pending)},
	} {
		y = t.row(y, r[:])
	}
	d.setFont(italic, 8)
	y = d.paragraph(y+1.5, rl.shareNote)
	if f.NoHolidays {
		y = d.paragraph(y, fmt.Sprintf(lab.noHolidays, f.Month.Year()))
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

	y = d.stepTable(y+4, f)
	y = d.destinationTable(y+4, f)

	y = d.section(y+4, lab.channelHeading)
	t = d.newTable([]column{
		{title: lab.channel, weight: 28},
		{title: lab.deliveries, weight: 18, align: "R"},
		{title: lab.averageDays, weight: 18, align: "R"},
		{title: rl.averageHours, weight: 18, align: "R"},
		{title: rl.medianHours, weight: 18, align: "R"},
	}, 9)
	y = t.header(y)
	for _, c := range f.Channels {
		y = t.row(y, []string{s.channel(c.Channel), s.count(c.Deliveries), s.number(c.AverageDays, 2),
			s.hoursText(c.AverageHours), s.hoursText(c.MedianHours)})
	}
	if len(f.Channels) == 0 {
		y = t.row(y, []string{lab.noDeliveries, "", "", "", ""})
	}
	d.signatures(y + 8)
	return d.finish(w)
}

// stepTable draws the office hours from arrival to each step and returns
// the y below it.
func (d *doc) stepTable(y float64, f Figures) float64 {
	s, rl := d.s, d.s.rep()
	y = d.section(y, rl.stepsHeading)
	t := d.newTable([]column{
		{title: rl.step, weight: 40},
		{title: rl.count, weight: 15, align: "R"},
		{title: rl.medianHours, weight: 20, align: "R"},
		{title: rl.p90Hours, weight: 25, align: "R"},
	}, 9)
	y = t.header(y)
	for _, st := range f.Steps {
		median, p90 := "-", "-"
		if st.Count > 0 {
			median, p90 = s.hoursText(st.MedianHours), s.hoursText(st.P90Hours)
		}
		y = t.row(y, []string{rl.steps[st.Step], s.count(st.Count), median, p90})
	}
	return y
}

// destinationTable draws the deliveries to each recipient and returns the
// y below it.
func (d *doc) destinationTable(y float64, f Figures) float64 {
	s, rl := d.s, d.s.rep()
	y = d.section(y, rl.destHeading)
	t := d.newTable([]column{
		{title: rl.destination, weight: 40},
		{title: s.lab.deliveries, weight: 16, align: "R"},
		{title: rl.averageHours, weight: 14, align: "R"},
		{title: rl.medianHours, weight: 14, align: "R"},
		{title: rl.lateCopies, weight: 12, align: "R"},
		{title: rl.onTimeShare, weight: 14, align: "R"},
	}, 9)
	y = t.header(y)
	for _, r := range f.Destinations {
		avg, median, share := "-", "-", "-"
		if r.Deliveries > 0 {
			avg, median = s.hoursText(r.AverageHours), s.hoursText(r.MedianHours)
		}
		if r.OnTime+r.Late > 0 {
			share = s.percentText(r.OnTimeShare)
		}
		y = t.row(y, []string{r.Name, s.count(r.Deliveries), avg, median, s.count(r.Late), share})
	}
	if len(f.Destinations) == 0 {
		y = t.row(y, []string{rl.noDestinations, "", "", "", "", ""})
	}
	return y
}

// signatures draws the signature block from y: on the right the place and
// date and the Kepala Seksi who signs, on the left the Kepala Dinas who
// acknowledges (Mengetahui), each with a name and NIP or blank lines to
// write them on.
func (d *doc) signatures(y float64) {
	s, rl := d.s, d.s.rep()
	const gap = 20.0 // room to sign
	colW := d.width() / 2
	d.setFont(regular, 10)
	titles := [2][]string{d.wrap(rl.headTitle, colW-4, 0), d.wrap(rl.signerTitle, colW-4, 0)}
	titleLines := max(len(titles[0]), len(titles[1]))
	y = d.ensure(y, float64(titleLines+4)*d.lineH()+gap)
	place := s.Place
	if place == "" {
		place = rl.blankPlace
	}
	cols := [2]struct {
		first, name, nip string
	}{
		{rl.acknowledged, s.HeadName, s.HeadNIP},
		{place + ", " + s.date(s.now), s.SignerName, s.SignerNIP},
	}
	for i, c := range cols {
		x := d.left + float64(i)*colW
		d.setFont(regular, 10)
		at := y + d.text(x, y, colW, []string{d.fit(c.first, colW)}, "C")
		d.text(x, at, colW, titles[i], "C")
		at += float64(titleLines)*d.lineH() + gap
		name := d.fit(rl.blankName, colW)
		if c.name != "" {
			d.setFont(bold, 10)
			name = d.fit(c.name, colW-4)
			w := d.measure(name)
			d.pdf.Line(x+(colW-w)/2, at+d.lineH()-0.6, x+(colW+w)/2, at+d.lineH()-0.6)
		}
		at += d.text(x, at, colW, []string{name}, "C")
		d.setFont(regular, 10)
		nip := c.nip
		if nip == "" {
			nip = rl.blankNIP
		}
		d.text(x, at, colW, []string{d.fit(rl.nip+" "+nip, colW)}, "C")
	}
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

// FiguresJSON is the monthly report's figures for another office tool, as
// `report --json` prints them. Its keys are snake_case and stable; hours
// and working days are rounded to two decimals, shares (0 to 1) to four;
// times are RFC 3339 in the calendar's zone, "" when there is none; a
// share or a time per step with nothing to count is null.
type FiguresJSON struct {
	Month               string   `json:"month"` // "2026-11"
	StandardWorkingDays int      `json:"standard_working_days"`
	Received            int      `json:"received"`
	Classified          int      `json:"classified"`
	SetAside            int      `json:"set_aside"`
	EstimatedDue        int      `json:"estimated_due"`
	OnTime              int      `json:"on_time"`
	Late                int      `json:"late"`
	ShareBasis          int      `json:"share_basis"` // on_time + late
	OnTimeShare         *float64 `json:"on_time_share"`
	Pending             int      `json:"pending"`
	NoHolidayList       bool     `json:"no_holiday_list"`

	Steps        []StepJSON        `json:"steps"`
	Destinations []DestinationJSON `json:"destinations"`
	Channels     []ChannelJSON     `json:"channels"`
	LateLetters  []LateLetterJSON  `json:"late_letters"`
	Daily        []DayJSON         `json:"daily"`
}

// StepJSON is a StepFigure in FiguresJSON.
type StepJSON struct {
	Step        Step     `json:"step"`
	Count       int      `json:"count"`
	MedianHours *float64 `json:"median_hours"`
	P90Hours    *float64 `json:"p90_hours"`
}

// DestinationJSON is a DestinationFigure in FiguresJSON.
type DestinationJSON struct {
	Recipient    string   `json:"recipient"`
	Deliveries   int      `json:"deliveries"`
	AverageHours *float64 `json:"average_hours"`
	MedianHours  *float64 `json:"median_hours"`
	OnTime       int      `json:"on_time"`
	Late         int      `json:"late"`
	OnTimeShare  *float64 `json:"on_time_share"`
}

// ChannelJSON is a ChannelFigure in FiguresJSON.
type ChannelJSON struct {
	Channel            store.Channel `json:"channel"`
	Deliveries         int           `json:"deliveries"`
	AverageWorkingDays float64       `json:"average_working_days"`
	AverageHours       float64       `json:"average_hours"`
	MedianHours        float64       `json:"median_hours"`
}

// LateLetterJSON is a LateLetter in FiguresJSON.
type LateLetterJSON struct {
	ID               uint64  `json:"id"`
	AgendaNumber     string  `json:"agenda_number"`
	Subject          string  `json:"subject"`
	ReceivedAt       string  `json:"received_at"`
	DueAt            string  `json:"due_at"`
	DoneAt           string  `json:"done_at"`
	DelayWorkingDays float64 `json:"delay_working_days"`
	Reason           string  `json:"reason"`
}

// DayJSON is one day's count of letters received in FiguresJSON.
type DayJSON struct {
	Date     string `json:"date"` // "2026-11-01"
	Received int    `json:"received"`
}

// JSON returns the figures in their JSON form, agenda numbers shown with
// agendaFormat ("" means store.DefaultAgendaFormat).
func (f Figures) JSON(agendaFormat string) FiguresJSON {
	round := func(v float64, places int) float64 {
		p := math.Pow(10, float64(places))
		return math.Round(v*p) / p
	}
	some := func(ok bool, v float64, places int) *float64 {
		if !ok {
			return nil
		}
		v = round(v, places)
		return &v
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(f.Month.Location()).Format(time.RFC3339)
	}
	j := FiguresJSON{
		Month: f.Month.Format("2006-01"), StandardWorkingDays: 1,
		Received: f.Received, Classified: f.Classified, SetAside: f.SetAside, EstimatedDue: f.Estimated,
		OnTime: f.OnTime, Late: f.Late, ShareBasis: f.OnTime + f.Late,
		OnTimeShare: some(f.OnTime+f.Late > 0, f.OnTimeShare, 4),
		Pending:     f.Pending, NoHolidayList: f.NoHolidays,
		Steps:        make([]StepJSON, len(f.Steps)),
		Destinations: make([]DestinationJSON, len(f.Destinations)),
		Channels:     make([]ChannelJSON, len(f.Channels)),
		LateLetters:  make([]LateLetterJSON, len(f.LateLetters)),
		Daily:        make([]DayJSON, len(f.Daily)),
	}
	for i, st := range f.Steps {
		j.Steps[i] = StepJSON{Step: st.Step, Count: st.Count,
			MedianHours: some(st.Count > 0, st.MedianHours, 2), P90Hours: some(st.Count > 0, st.P90Hours, 2)}
	}
	for i, d := range f.Destinations {
		j.Destinations[i] = DestinationJSON{Recipient: d.Name, Deliveries: d.Deliveries,
			AverageHours: some(d.Deliveries > 0, d.AverageHours, 2), MedianHours: some(d.Deliveries > 0, d.MedianHours, 2),
			OnTime: d.OnTime, Late: d.Late, OnTimeShare: some(d.OnTime+d.Late > 0, d.OnTimeShare, 4)}
	}
	for i, c := range f.Channels {
		j.Channels[i] = ChannelJSON{Channel: c.Channel, Deliveries: c.Deliveries,
			AverageWorkingDays: round(c.AverageDays, 2), AverageHours: round(c.AverageHours, 2), MedianHours: round(c.MedianHours, 2)}
	}
	for i, l := range f.LateLetters {
		j.LateLetters[i] = LateLetterJSON{ID: l.ID, AgendaNumber: l.Agenda.Format(agendaFormat), Subject: l.Subject,
			ReceivedAt: stamp(l.ReceivedAt), DueAt: stamp(l.Due), DoneAt: stamp(l.DoneAt),
			DelayWorkingDays: round(l.Delay, 2), Reason: l.Reason}
	}
	for i, n := range f.Daily {
		j.Daily[i] = DayJSON{Date: f.Month.AddDate(0, 0, i).Format("2006-01-02"), Received: n}
	}
	return j
}

// MonthlyReportJSON writes the figures of the month containing month as
// indented FiguresJSON, judged at opts' clock on opts' calendar.
func MonthlyReportJSON(w io.Writer, letters []store.Letter, month time.Time, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("monthly report: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(MonthFigures(letters, month, s.Calendar, s.now).JSON(s.AgendaFormat)); err != nil {
		return fmt.Errorf("monthly report: %w", err)
	}
	return nil
}
