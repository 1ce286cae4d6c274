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
	// OnTimeShare is OnTime among the letters whose outcome is known
	// (OnTime + Late), from 0 to 1; 0 when there are none.
	OnTimeShare float64
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

// ChannelFigure is the average time to deliver through one channel.
type ChannelFigure struct {
	Channel store.Channel
	// Deliveries counts the receipts recorded through the channel.
	Deliveries int
	// AverageDays is the mean working time from receipt of the letter to
	// delivery of the copy, in working days.
	AverageDays float64
}

// MonthFigures computes the figures of the month containing month (its
// year and month as written, not converted) from letters, which may hold
// letters of other months: they are skipped. Open letters are judged at
// now. It reads nothing but its arguments.
func MonthFigures(letters []store.Letter, month time.Time, cal *store.Calendar, now time.Time) Figures {
	loc := cal.Location()
	first := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, loc)
	next := first.AddDate(0, 1, 0)
	f := Figures{
		Month:      first,
		Daily:      make([]int, next.AddDate(0, 0, -1).Day()),
		NoHolidays: !cal.HasYear(first.Year()),
	}
	type sum struct {
		n     int
		total float64
	}
	channels := map[store.Channel]*sum{}
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
		for _, r := range l.Recipients {
			if !r.Delivered() {
				continue
			}
			c := channels[r.Channel]
			if c == nil {
				c = &sum{}
				channels[r.Channel] = c
			}
			c.n++
			c.total += cal.WorkingDaysBetween(l.ReceivedAt, r.DeliveredAt)
		}
		t := l.Timing(cal, now)
		switch {
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
	for c, s := range channels {
		f.Channels = append(f.Channels, ChannelFigure{Channel: c, Deliveries: s.n, AverageDays: s.total / float64(s.n)})
	}
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
