package store

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // operators' PCs (often Windows) may have no zone database
	"unicode/utf8"
)

// The kinds of listed day, as written in the calendar file.
const (
	KindHoliday = "libur" // libur nasional
	KindLeave   = "cuti"  // cuti bersama
)

const (
	defaultOpen  = 7*time.Hour + 30*time.Minute
	defaultClose = 16 * time.Hour
)

//go:embed holidays/*.txt
var holidayFiles embed.FS

// CalendarSettings are the office's choices that the calendar file does not hold.
type CalendarSettings struct {
	// Location is the zone times are read in; nil means Asia/Jakarta.
	Location *time.Location
	// OpenAt and CloseAt are the office's opening and closing times as offsets
	// from midnight; zero means 07:30 and 16:00.
	OpenAt, CloseAt time.Duration
	// AfterHoursNextDay makes a letter received after closing on a working day
	// count from the next opening; see Calendar.Due.
	AfterHoursNextDay bool
}

// DefaultCalendarSettings returns Asia/Jakarta, office hours 07:30-16:00, and
// after-hours letters counted from the next opening.
func DefaultCalendarSettings() CalendarSettings {
	return CalendarSettings{
		Location:          jakarta(),
		OpenAt:            defaultOpen,
		CloseAt:           defaultClose,
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
// Working days are Monday to Friday minus the listed days. A Calendar does
// not change once built and is safe for concurrent use.
type Calendar struct {
	loc               *time.Location
	open, close       time.Duration
	afterHoursNextDay bool
	days              map[date]listed
	years             map[int]bool
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
	c, err := newCalendar(DefaultCalendarSettings(), days)
	if err != nil {
		panic(err)
	}
	return c
})

// LoadCalendar reads a calendar file and builds a calendar from its days and
// the settings; the embedded lists are not added, so the file holds every
// year the office wants counted (write DefaultCalendar to start one).
//
// The file is UTF-8 text, one day per line:
//
//	YYYY-MM-DD  libur|cuti  Name of the day
//
// Fields are separated by spaces or tabs, the name is the rest of the line,
// lines starting with # and blank lines are ignored. A bad line is an error
// naming the line number and what is wrong.
func LoadCalendar(r io.Reader, s CalendarSettings) (*Calendar, error) {
	days := map[date]listed{}
	if err := parseDays(r, days); err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	return newCalendar(s, days)
}

func newCalendar(s CalendarSettings, days map[date]listed) (*Calendar, error) {
	c := &Calendar{
		loc:               s.Location,
		open:              s.OpenAt,
		close:             s.CloseAt,
		afterHoursNextDay: s.AfterHoursNextDay,
		days:              days,
		years:             map[int]bool{},
	}
	if c.loc == nil {
		c.loc = jakarta()
	}
	if c.open == 0 {
		c.open = defaultOpen
	}
	if c.close == 0 {
		c.close = defaultClose
	}
	if c.open < 0 || c.close > 24*time.Hour || c.open >= c.close {
		return nil, fmt.Errorf("calendar settings: office hours %s-%s are not within one day", clock(c.open), clock(c.close))
	}
	for d := range days {
		c.years[d.y] = true
	}
	return c, nil
}

func clock(off time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(off/time.Hour), int(off%time.Hour/time.Minute))
}

// parseDays adds the days of one calendar file to days.
func parseDays(r io.Reader, days map[date]listed) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // Notepad writes a BOM
		}
		if err := parseLine(line, days); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

func parseLine(line string, days map[date]listed) error {
	if !utf8.ValidString(line) {
		return fmt.Errorf("not UTF-8 text")
	}
	f := strings.Fields(line)
	if len(f) == 0 || strings.HasPrefix(f[0], "#") {
		return nil
	}
	if len(f) < 3 {
		return fmt.Errorf("want YYYY-MM-DD, libur or cuti, and a name, got %q", line)
	}
	t, err := time.Parse(time.DateOnly, f[0])
	if err != nil {
		return fmt.Errorf("bad date %q, want YYYY-MM-DD: %w", f[0], err)
	}
	if f[1] != KindHoliday && f[1] != KindLeave {
		return fmt.Errorf("bad kind %q, want libur or cuti", f[1])
	}
	d := dateOf(t)
	if _, dup := days[d]; dup {
		return fmt.Errorf("%s is listed twice", f[0])
	}
	days[d] = listed{kind: f[1], name: strings.Join(f[2:], " ")}
	return nil
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
		if d.y == year {
			out = append(out, CalendarDay{Date: c.at(d, 0), Kind: l.kind, Name: l.name})
		}
	}
	slices.SortFunc(out, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	return out
}

// Holiday returns the name of the listed day that day falls on, read as a
// date in the calendar's zone.
func (c *Calendar) Holiday(day time.Time) (name string, ok bool) {
	l, ok := c.days[dateOf(day.In(c.loc))]
	return l.name, ok
}

// IsWorkingDay reports whether day, read as a date in the calendar's zone, is
// a Monday to Friday that is not listed. A year with no list counts Monday
// to Friday only.
func (c *Calendar) IsWorkingDay(day time.Time) bool {
	return c.working(dateOf(day.In(c.loc)))
}

func (c *Calendar) working(d date) bool {
	switch time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, listed := c.days[d]
	return !listed
}

func (c *Calendar) nextWorkingDay(d date) date {
	d = d.addDays(1)
	for !c.working(d) {
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
// clock time on the next working day, in the calendar's zone.
//
// A letter received before opening, at or after closing, or on a day that is
// not a working day counts from the next opening, so it is due at opening
// time on the working day after that opening's day. When AfterHoursNextDay is
// false, a letter received at or after closing on a working day counts from
// its arrival instead; the same clock time would fall after hours, so it is
// due at closing time on the next working day, the end of the one full
// office day it had.
func (c *Calendar) Due(received time.Time) time.Time {
	t := received.In(c.loc)
	d := dateOf(t)
	off := wallClock(t)
	switch {
	case !c.working(d):
		d, off = c.nextWorkingDay(d), c.open
	case off < c.open:
		off = c.open
	case off >= c.close && c.afterHoursNextDay:
		d, off = c.nextWorkingDay(d), c.open
	case off >= c.close:
		off = c.close
	}
	return c.at(c.nextWorkingDay(d), off)
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
	last := dateOf(b.In(c.loc))
	for d := dateOf(a.In(c.loc)); !last.before(d); d = d.addDays(1) {
		if !c.working(d) {
			continue
		}
		from, to := c.at(d, c.open), c.at(d, c.close)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return total
}

// WorkingDaysBetween measures the working time from a to b in working days:
// the part of that span that falls within office hours (OpenAt to CloseAt)
// on working days, divided by the length of the office day. Nights,
// weekends and listed days count nothing, so one full office day is 1, and
// a letter done exactly at its Due time measures 1 whatever the hour it
// arrived. It is negative when b is before a. It measures how long; whether
// a letter was late is decided by comparing with Due.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) float64 {
	if b.Before(a) {
		return -c.WorkingDaysBetween(b, a)
	}
	var total time.Duration
	last := dateOf(b.In(c.loc))
	for d := dateOf(a.In(c.loc)); !last.before(d); d = d.addDays(1) {
		if !c.working(d) {
			continue
		}
		from, to := c.at(d, c.open), c.at(d, c.close)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return float64(total) / float64(c.close-c.open)
}

const fileHeader = `# Hari libur nasional dan cuti bersama, satu hari per baris:
#   YYYY-MM-DD  libur|cuti  Nama hari
# libur = libur nasional, cuti = cuti bersama. Baris yang diawali # dan baris
# kosong diabaikan. Tahun tanpa daftar dihitung Senin-Jumat saja.
`

// Write writes the calendar's listed days in the file format LoadCalendar
// reads, a section per year; comments of the file it was read from are not
// kept.
func (c *Calendar) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileHeader)
	for _, y := range c.Years() {
		fmt.Fprintf(bw, "\n# %d\n", y)
		for _, d := range c.Days(y) {
			fmt.Fprintf(bw, "%s  %-5s  %s\n", d.Date.Format(time.DateOnly), d.Kind, d.Name)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}
