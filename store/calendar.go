package store

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"
	_ "time/tzdata" // operators' PCs (often Windows) may have no zone database
)

// The kinds of line of the calendar file: a listed day, or a period with
// hours of its own.
const (
	KindHoliday = "libur" // libur nasional
	KindLeave   = "cuti"  // cuti bersama
	KindHours   = "jam"   // jam kerja of a period
)

//go:embed holidays/*.txt
var holidayFiles embed.FS

// CalendarSettings are the office's choices that the calendar file does not hold.
type CalendarSettings struct {
	// Location is the zone times are read in; nil means Asia/Jakarta.
	Location *time.Location
	// Hours are the office hours of each weekday; a weekday without hours
	// is not a working day. The zero Week means OpenAt to CloseAt Monday to
	// Friday when those are set, else DefaultWeek.
	Hours Week
	// OpenAt and CloseAt are one opening and closing time for Monday to
	// Friday, as offsets from midnight (the settings of earlier versions).
	OpenAt, CloseAt time.Duration
	// Periods have hours of their own (Ramadan), beside those of the
	// calendar file.
	Periods []Period
	// AfterHoursNextDay makes a letter received after closing on a working day
	// count from the next opening; see Calendar.Due.
	AfterHoursNextDay bool
}

// DefaultCalendarSettings returns Asia/Jakarta, Kota Pekalongan's office
// hours (DefaultWeek) with Ramadan 1447 H, and after-hours letters counted
// from the next opening.
func DefaultCalendarSettings() CalendarSettings {
	return CalendarSettings{
		Location:          jakarta(),
		Hours:             DefaultWeek(),
		Periods:           []Period{ramadan2026()},
		AfterHoursNextDay: true,
	}
}

// jakarta cannot fail to load with time/tzdata embedded; the fixed zone is
// only a guard, and Jakarta has had no daylight saving since 1964.
var jakarta = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("WIB", 7*60*60)
	}
	return loc
})

// CalendarDay is one listed day: a national holiday or a collective leave day.
type CalendarDay struct {
	Date time.Time // midnight in the calendar's zone
	Kind string    // KindHoliday or KindLeave
	Name string
}

// Calendar decides which days are working days and computes due times.
// Working days are the weekdays with office hours (in a period, the
// period's) minus the listed days and the fixed-date holidays. A Calendar
// does not change once built and is safe for concurrent use.
type Calendar struct {
	loc               *time.Location
	week              Week
	periods           []period
	afterHoursNextDay bool
	days              map[date]listed
	years             map[int]bool
}

type period struct {
	name     string
	from, to date
	hours    Week
}

type listed struct{ kind, name string }

// date is a day on the civil calendar, free of zones and daylight saving.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

func (d date) addDays(n int) date {
	return dateOf(time.Date(d.y, d.m, d.d+n, 0, 0, 0, 0, time.UTC))
}

func (d date) before(e date) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

// DefaultCalendar returns the calendar built from the embedded holiday lists
// with DefaultCalendarSettings.
func DefaultCalendar() *Calendar {
	return defaultCalendar()
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	days := map[date]listed{}
	names, err := fs.Glob(holidayFiles, "holidays/*.txt")
	if err != nil {
		panic(err)
	}
	for _, name := range names {
		f, err := holidayFiles.Open(name)
		if err != nil {
			panic(err)
		}
		err = parseDays(f, days)
		f.Close()
		if err != nil {
			panic(fmt.Sprintf("embedded %s: %v", name, err))
		}
	}
	c, err := newCalendar(DefaultCalendarSettings(), days, nil)
	if err != nil {
		panic(err)
	}
	return c
})

func newCalendar(s CalendarSettings, days map[date]listed, filePeriods []Period) (*Calendar, error) {
	c := &Calendar{
		loc:               s.Location,
		week:              s.Hours,
		afterHoursNextDay: s.AfterHoursNextDay,
		days:              days,
		years:             map[int]bool{},
	}
	if c.loc == nil {
		c.loc = jakarta()
	}
	if c.week.IsZero() {
		c.week = DefaultWeek()
		if s.OpenAt != 0 || s.CloseAt != 0 {
			span := DefaultWeek()[time.Monday]
			if s.OpenAt != 0 {
				span.Open = s.OpenAt
			}
			if s.CloseAt != 0 {
				span.Close = s.CloseAt
			}
			c.week = workweek(span)
		}
	}
	if err := checkWeek(c.week, ""); err != nil {
		return nil, err
	}
	if c.week == (Week{}) {
		return nil, invalid("calendar settings: no weekday has office hours")
	}
	for _, p := range append(slices.Clone(s.Periods), filePeriods...) {
		if slices.ContainsFunc(c.periods, func(q period) bool {
			return q.name == p.Name && q.from == dateOf(p.From) && q.to == dateOf(p.To) && q.hours == p.Hours
		}) {
			continue // a settings period the file repeats
		}
		if err := checkWeek(p.Hours, p.Name); err != nil {
			return nil, err
		}
		from, to := dateOf(p.From), dateOf(p.To)
		if to.before(from) {
			return nil, invalid("calendar settings: period %s ends (%s) before it starts (%s)", p.Name,
				p.To.Format(time.DateOnly), p.From.Format(time.DateOnly))
		}
		c.periods = append(c.periods, period{name: p.Name, from: from, to: to, hours: p.Hours})
	}
	for d := range days {
		c.years[d.y] = true
	}
	return c, nil
}

// Location returns the zone the calendar reads times in.
func (c *Calendar) Location() *time.Location { return c.loc }

// HasYear reports whether year has a holiday list.
func (c *Calendar) HasYear(year int) bool { return c.years[year] }

// Years returns the years that have a holiday list, in order.
func (c *Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.years))
}

// Warnings returns one warning for each of years that has no holiday list,
// for the operator to see before trusting due times in that year.
func (c *Calendar) Warnings(years ...int) []string {
	var ws []string
	seen := map[int]bool{}
	for _, y := range years {
		if c.years[y] || seen[y] {
			continue
		}
		seen[y] = true
		ws = append(ws, fmt.Sprintf("no holiday list for %d: due times that year count Monday-Friday only", y))
	}
	return ws
}

// Days returns the listed days of year in date order.
func (c *Calendar) Days(year int) []CalendarDay {
	var out []CalendarDay
	for d, l := range c.days {
		if d.y == year && l.kind != removed {
			out = append(out, CalendarDay{Date: c.at(d, 0), Kind: l.kind, Name: l.name})
		}
	}
	slices.SortFunc(out, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	return out
}

// Holiday returns the name of the listed day, or the fixed-date holiday,
// that day falls on, read as a date in the calendar's zone.
func (c *Calendar) Holiday(day time.Time) (name string, ok bool) {
	return c.holiday(dateOf(day.In(c.loc)))
}

func (c *Calendar) holiday(d date) (string, bool) {
	if l, ok := c.days[d]; ok {
		return l.name, l.kind != removed
	}
	name, ok := fixedHolidays[[2]int{int(d.m), d.d}]
	return name, ok
}

// IsWorkingDay reports whether day, read as a date in the calendar's zone,
// is a weekday with office hours that is not a holiday. A year with no
// list knows only its fixed-date holidays.
func (c *Calendar) IsWorkingDay(day time.Time) bool {
	return c.working(dateOf(day.In(c.loc)))
}

// Hours returns the office hours of day (read as a date in the calendar's
// zone) and the period that sets them ("" for the usual week); the zero
// Span on a day that is not a working day.
func (c *Calendar) Hours(day time.Time) (Span, string) {
	d := dateOf(day.In(c.loc))
	if !c.working(d) {
		return Span{}, ""
	}
	return c.hours(d)
}

// Week returns the usual office hours of each weekday.
func (c *Calendar) Week() Week { return c.week }

// Periods returns the periods with hours of their own, in date order.
func (c *Calendar) Periods() []Period {
	out := make([]Period, len(c.periods))
	for i, p := range c.periods {
		out[i] = Period{Name: p.name, From: c.at(p.from, 0), To: c.at(p.to, 0), Hours: p.hours}
	}
	slices.SortStableFunc(out, func(a, b Period) int { return a.From.Compare(b.From) })
	return out
}

// hours are the office hours of d by its weekday: the last period that
// covers d, else the usual week.
func (c *Calendar) hours(d date) (Span, string) {
	wd := time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC).Weekday()
	for i := len(c.periods) - 1; i >= 0; i-- {
		if p := c.periods[i]; !d.before(p.from) && !p.to.before(d) {
			return p.hours[wd], p.name
		}
	}
	return c.week[wd], ""
}

func (c *Calendar) working(d date) bool {
	if span, _ := c.hours(d); span.IsZero() {
		return false
	}
	_, holiday := c.holiday(d)
	return !holiday
}

// maxClosedDays bounds the search for the next working day, so that a
// period closing the office for good cannot hang the clock.
const maxClosedDays = 400

func (c *Calendar) nextWorkingDay(d date) date {
	d = d.addDays(1)
	for i := 0; !c.working(d) && i < maxClosedDays; i++ {
		d = d.addDays(1)
	}
	return d
}

// wallClock returns t's clock time as an offset from midnight, read off the
// clock rather than measured, so a daylight-saving shift does not move it.
func wallClock(t time.Time) time.Duration {
	h, m, s := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(t.Nanosecond())
}

// at returns the wall-clock time off after midnight of d in the calendar's zone.
func (c *Calendar) at(d date, off time.Duration) time.Time {
	h, m := int(off/time.Hour), int(off%time.Hour/time.Minute)
	s, ns := int(off%time.Minute/time.Second), int(off%time.Second)
	return time.Date(d.y, d.m, d.d, h, m, s, ns, c.loc)
}

// Due returns when a letter received at received must be done: the same
// clock time on the next working day, in the calendar's zone, but never
// after that day's closing (nor before its opening).
//
// A letter received before opening counts from the opening. One received
// at or after closing, or on a day that is not a working day, counts from
// the next opening, so it is due at opening time on the working day after
// that opening's day. When AfterHoursNextDay is false, a letter received
// at or after closing on a working day counts from its arrival instead,
// and is due at closing time on the next working day, the end of the one
// full office day it had.
func (c *Calendar) Due(received time.Time) time.Time {
	t := received.In(c.loc)
	d := dateOf(t)
	off := wallClock(t)
	hours, _ := c.hours(d)
	switch {
	case !c.working(d) || (off >= hours.Close && c.afterHoursNextDay):
		d = c.nextWorkingDay(d)
		next, _ := c.hours(d)
		off = next.Open
	case off < hours.Open:
		off = hours.Open
	case off >= hours.Close:
		off = 24 * time.Hour // the next day's closing
	}
	due := c.nextWorkingDay(d)
	span, _ := c.hours(due)
	off = min(max(off, span.Open), span.Close)
	return c.at(due, off)
}

// DueEstimated reports whether a due time counted from received to due
// went through a year with no holiday list.
func (c *Calendar) DueEstimated(received, due time.Time) bool {
	return !c.years[received.In(c.loc).Year()] || !c.years[due.In(c.loc).Year()]
}

// WorkingHoursBetween measures the office time from a to b: the part of
// that span within office hours on working days. It is negative when b is
// before a.
func (c *Calendar) WorkingHoursBetween(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -c.WorkingHoursBetween(b, a)
	}
	var total time.Duration
	c.eachWorkingDay(a, b, func(within time.Duration) { total += within })
	return total
}

// WorkingDaysBetween measures the working time from a to b in working
// days: the working days from the one a counts in to the one b counts in,
// plus how far b is through its office day less how far a is through its.
// A time outside office hours counts as the next opening, and how far
// through the day is read on the clock of the week's longest office day,
// so that the same clock time on the next working day is exactly 1
// whatever the length of either day, and a letter done at its Due time
// measures 1 at most. It is negative when b is before a. It measures how
// long; whether a letter was late is decided by comparing with Due.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) float64 {
	if b.Before(a) {
		return -c.WorkingDaysBetween(b, a)
	}
	da, fa := c.position(a)
	db, fb := c.position(b)
	n := 0
	for d := da; d.before(db); d = d.addDays(1) {
		if c.working(d) {
			n++
		}
	}
	return float64(n) + fb - fa
}

// position returns the working day t counts in and how far through the
// office day it is, from 0 at the week's earliest opening to 1 at its
// latest closing.
func (c *Calendar) position(t time.Time) (date, float64) {
	t = t.In(c.loc)
	d, off := dateOf(t), wallClock(t)
	span, _ := c.hours(d)
	if !c.working(d) || off > span.Close {
		return c.nextWorkingDay(d), 0
	}
	ref := c.longestDay()
	f := float64(max(off, span.Open)-ref.Open) / float64(ref.Close-ref.Open)
	return d, min(max(f, 0), 1)
}

// longestDay spans the usual week's earliest opening to its latest
// closing.
func (c *Calendar) longestDay() Span {
	var ref Span
	for _, span := range c.week {
		if span.IsZero() {
			continue
		}
		if ref.IsZero() {
			ref = span
		}
		ref.Open, ref.Close = min(ref.Open, span.Open), max(ref.Close, span.Close)
	}
	return ref
}

// eachWorkingDay calls fn with the office time of each working day from a
// to b (a before b) that falls within the span.
func (c *Calendar) eachWorkingDay(a, b time.Time, fn func(within time.Duration)) {
	last := dateOf(b.In(c.loc))
	for d := dateOf(a.In(c.loc)); !last.before(d); d = d.addDays(1) {
		if !c.working(d) {
			continue
		}
		span, _ := c.hours(d)
		from, to := c.at(d, span.Open), c.at(d, span.Close)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			fn(to.Sub(from))
		}
	}
}
