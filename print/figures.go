package print

import (
	"cmp"
	"slices"
	"time"

	"sanapati-desk/store"
)

// Figures are one month's service figures against the standard of one
// working day, as the monthly report shows them.
type Figures struct {
	// Month is midnight on the month's first day in the calendar's zone.
	Month time.Time
	// Received counts the letters received in the month, set-aside and
	// classified ones included; Classified counts the letters classified R
	// or SR (they go to the Kepala Seksi Persandian, not down the ordinary
	// path), SetAside the others taken off the ordinary path. Neither
	// counts in the service figures below.
	Received, Classified, SetAside int
	// OnTime counts letters whose last receipt came by the due time; Late
	// those whose last receipt came after it or that are still open past
	// it; Pending those still open and not yet due.
	OnTime, Late, Pending int
	// Estimated counts the other letters whose due time was counted
	// through a year with no holiday list: their due time is a guess, so
	// they are kept out of OnTime, Late and Pending and counted here.
	Estimated int
	// OnTimeShare is OnTime among the letters whose outcome is known
	// (OnTime + Late), from 0 to 1; 0 when there are none. Classified,
	// set-aside and estimated letters are not in it.
	OnTimeShare float64
	// Steps holds the working time from arrival to each step, one entry
	// per step in the order of Steps.
	Steps []StepFigure
	// Destinations holds the deliveries to each recipient, by name.
	Destinations []DestinationFigure
	// LateLetters are the late ones, in order of receipt.
	LateLetters []LateLetter
	// Channels holds the average time to deliver by channel, in the order
	// of store.Channels and then by name.
	Channels []ChannelFigure
	// Daily counts the letters received on each day: Daily[0] is day 1.
	Daily []int
	// NoHolidays is set when the calendar lists no holidays for the
	// month's year, so working days were counted as Monday to Friday.
	NoHolidays bool
}

// LateLetter is a letter that missed its due time.
type LateLetter struct {
	ID      uint64
	Agenda  store.AgendaNumber
	Subject string
	// ReceivedAt, Due and DoneAt (zero while the letter is still open).
	ReceivedAt, Due, DoneAt time.Time
	// Delay is the working time past Due, in working days, until DoneAt or,
	// for an open letter, until the report's time.
	Delay float64
	// Reason is why the letter was late, as the operator recorded it.
	Reason string
}

// ChannelFigure is the time to deliver through one channel.
type ChannelFigure struct {
	Channel store.Channel
	// Deliveries counts the receipts recorded through the channel.
	Deliveries int
	// AverageDays is the mean working time from receipt of the letter to
	// delivery of the copy, in working days.
	AverageDays float64
	// AverageHours and MedianHours are the same time in office hours.
	AverageHours, MedianHours float64
}

// Step names a step of the standard whose time the report measures.
type Step string

// The measured steps, with the time that marks each.
const (
	StepRegistration Step = "registration" // RegisteredAt, step 4
	StepCard         Step = "card"         // CardPrintedAt, step 5
	StepLastInitial  Step = "last_initial" // the last of the initials, step 6
	StepCourier      Step = "courier"      // AssignedAt, step 7
	StepDelivery     Step = "delivery"     // each copy's DeliveredAt, steps 8-10
	StepArchive      Step = "archive"      // ArchivedAt, step 11
)

// Steps lists the measured steps in the order the standard walks them.
var Steps = []Step{StepRegistration, StepCard, StepLastInitial, StepCourier, StepDelivery, StepArchive}

// StepFigure is the working time from a letter's arrival to one step, in
// office hours (store.Calendar.WorkingHoursBetween), over the letters
// that reached the step; for StepDelivery, over the delivered copies.
type StepFigure struct {
	Step Step
	// Count is how many letters (copies, for deliveries) reached the step.
	Count int
	// MedianHours is the middle time (the mean of the two middle ones for
	// an even count); P90Hours the time that 90 % reached the step within
	// (nearest rank). Both are 0 when Count is.
	MedianHours, P90Hours float64
}

// DestinationFigure is the deliveries to one recipient.
type DestinationFigure struct {
	// Name is the recipient as the letters name it.
	Name string
	// Deliveries counts the copies delivered to the recipient.
	Deliveries int
	// AverageHours and MedianHours are the working time from the letter's
	// arrival to the copy's delivery, in office hours.
	AverageHours, MedianHours float64
	// OnTime counts copies delivered by their letter's due time; Late those
	// delivered after it or still undelivered past it. Copies of letters
	// whose due time is estimated count in neither.
	OnTime, Late int
	// OnTimeShare is OnTime among OnTime + Late, from 0 to 1; 0 when both are 0.
	OnTimeShare float64
}

// MonthFigures computes the figures of the month containing month (its
// year and month as written, not converted) from letters, which may hold
// letters of other months: they are skipped. Open letters are judged at
// now. Times to each step, by destination and by channel count every letter
// on the ordinary path (not classified, not set aside), estimated ones
// included: only whether they were on time is unknown. It reads nothing
// but its arguments.
func MonthFigures(letters []store.Letter, month time.Time, cal *store.Calendar, now time.Time) Figures {
	loc := cal.Location()
	first := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, loc)
	next := first.AddDate(0, 1, 0)
	f := Figures{
		Month:      first,
		Daily:      make([]int, next.AddDate(0, 0, -1).Day()),
		NoHolidays: !cal.HasYear(first.Year()),
	}
	tl := newTally(cal, now)
	for i := range letters {
		l := &letters[i]
		at := l.ReceivedAt.In(loc)
		if at.Before(first) || !at.Before(next) {
			continue
		}
		f.Received++
		f.Daily[at.Day()-1]++
		if l.Class.Classified() {
			f.Classified++
			continue
		}
		if l.Stage == store.StageSetAside {
			f.SetAside++
			continue
		}
		t := l.Timing(cal, now)
		tl.add(l, t)
		switch {
		case t.Estimated:
			f.Estimated++
		case t.Overdue:
			f.Late++
			end := l.DoneAt
			if end.IsZero() {
				end = now
			}
			f.LateLetters = append(f.LateLetters, LateLetter{
				ID: l.ID, Agenda: l.Agenda, Subject: l.BookTitle(),
				ReceivedAt: l.ReceivedAt, Due: t.Due, DoneAt: l.DoneAt,
				Delay:  cal.WorkingDaysBetween(t.Due, end),
				Reason: l.LateReason,
			})
		case l.DoneAt.IsZero():
			f.Pending++
		default:
			f.OnTime++
		}
	}
	if known := f.OnTime + f.Late; known > 0 {
		f.OnTimeShare = float64(f.OnTime) / float64(known)
	}
	slices.SortStableFunc(f.LateLetters, func(a, b LateLetter) int {
		return cmp.Or(a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID))
	})
	tl.fill(&f)
	slices.SortFunc(f.Channels, func(a, b ChannelFigure) int {
		return cmp.Or(cmp.Compare(channelRank(a.Channel), channelRank(b.Channel)), cmp.Compare(a.Channel, b.Channel))
	})
	return f
}

// channelRank orders the known channels as store.Channels does, others after.
func channelRank(c store.Channel) int {
	if i := slices.Index(store.Channels, c); i >= 0 {
		return i
	}
	return len(store.Channels)
}

// tally gathers the office hours to each step, by destination and by
// channel, of the letters on the ordinary path.
type tally struct {
	cal      *store.Calendar
	now      time.Time
	steps    map[Step][]float64
	dests    map[string]*destTally
	channels map[store.Channel]*channelTally
}

type destTally struct {
	hours        []float64
	onTime, late int
}

type channelTally struct {
	days  float64 // the sum of working days
	hours []float64
}

func newTally(cal *store.Calendar, now time.Time) *tally {
	return &tally{cal: cal, now: now, steps: map[Step][]float64{},
		dests: map[string]*destTally{}, channels: map[store.Channel]*channelTally{}}
}

// add counts a letter whose timing is t: the time to each step it reached,
// and each copy by destination and by channel. A copy is on time when
// delivered by the due time and late when delivered after it or still out
// past it; copies of a letter whose due time is estimated are neither.
func (tl *tally) add(l *store.Letter, t store.Timing) {
	hoursTo := func(at time.Time) float64 { return tl.cal.WorkingHoursBetween(l.ReceivedAt, at).Hours() }
	for step, at := range stepTimes(l) {
		tl.steps[step] = append(tl.steps[step], hoursTo(at))
	}
	for _, r := range l.Recipients {
		d := tl.dests[r.Name]
		if d == nil {
			d = &destTally{}
			tl.dests[r.Name] = d
		}
		switch {
		case t.Estimated:
		case r.Delivered() && !r.DeliveredAt.After(t.Due):
			d.onTime++
		case r.Delivered(), tl.now.After(t.Due):
			d.late++
		}
		if !r.Delivered() {
			continue
		}
		h := hoursTo(r.DeliveredAt)
		tl.steps[StepDelivery] = append(tl.steps[StepDelivery], h)
		d.hours = append(d.hours, h)
		c := tl.channels[r.Channel]
		if c == nil {
			c = &channelTally{}
			tl.channels[r.Channel] = c
		}
		c.days += tl.cal.WorkingDaysBetween(l.ReceivedAt, r.DeliveredAt)
		c.hours = append(c.hours, h)
	}
}

// fill sets f's Steps, Destinations (by name) and Channels (unsorted).
func (tl *tally) fill(f *Figures) {
	for _, step := range Steps {
		hs := tl.steps[step]
		f.Steps = append(f.Steps, StepFigure{Step: step, Count: len(hs), MedianHours: median(hs), P90Hours: p90(hs)})
	}
	for name, d := range tl.dests {
		df := DestinationFigure{
			Name: name, Deliveries: len(d.hours), AverageHours: mean(d.hours), MedianHours: median(d.hours),
			OnTime: d.onTime, Late: d.late,
		}
		if d.onTime+d.late > 0 {
			df.OnTimeShare = float64(d.onTime) / float64(d.onTime+d.late)
		}
		f.Destinations = append(f.Destinations, df)
	}
	slices.SortFunc(f.Destinations, func(a, b DestinationFigure) int { return cmp.Compare(a.Name, b.Name) })
	for ch, c := range tl.channels {
		n := len(c.hours)
		f.Channels = append(f.Channels, ChannelFigure{
			Channel: ch, Deliveries: n, AverageDays: c.days / float64(n),
			AverageHours: mean(c.hours), MedianHours: median(c.hours),
		})
	}
}

// stepTimes are the times at which the letter reached each step it has
// reached, deliveries apart (a letter has one per copy). The last initial
// counts only once every official has initialled.
func stepTimes(l *store.Letter) map[Step]time.Time {
	ts := make(map[Step]time.Time, len(Steps))
	for step, at := range map[Step]time.Time{
		StepRegistration: l.RegisteredAt, StepCard: l.CardPrintedAt,
		StepCourier: l.AssignedAt, StepArchive: l.ArchivedAt,
	} {
		if !at.IsZero() {
			ts[step] = at
		}
	}
	if len(l.Initials) > 0 && l.NextInitial() < 0 {
		var last time.Time
		for _, in := range l.Initials {
			if in.At.After(last) {
				last = in.At
			}
		}
		ts[StepLastInitial] = last
	}
	return ts
}

// mean is the average of vs, 0 for none.
func mean(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	total := 0.0
	for _, v := range vs {
		total += v
	}
	return total / float64(len(vs))
}

// median is the middle of vs, the mean of the two middle values for an
// even count, 0 for none. vs is sorted in place.
func median(vs []float64) float64 {
	n := len(vs)
	if n == 0 {
		return 0
	}
	slices.Sort(vs)
	if n%2 == 1 {
		return vs[n/2]
	}
	return (vs[n/2-1] + vs[n/2]) / 2
}

// p90 is the 90th percentile of vs by nearest rank: the smallest value
// that at least 90 % of vs are at or below; 0 for none. vs is sorted in
// place.
func p90(vs []float64) float64 {
	n := len(vs)
	if n == 0 {
		return 0
	}
	slices.Sort(vs)
	// ceil(0.9 n) in integers, so that 0.9*10 is 9 and not 9.000000000000002.
	rank := (9*n + 9) / 10
	return vs[rank-1]
}
