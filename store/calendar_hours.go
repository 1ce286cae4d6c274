package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Office hours: a day's span, a week of them, the periods that have hours
// of their own, and how the settings and the calendar file write them.

// Span is the office hours of one day, from Open to Close, as offsets
// from midnight. The zero Span is a day the office is closed.
type Span struct{ Open, Close time.Duration }

// IsZero reports whether the office is closed that day.
func (s Span) IsZero() bool { return s == Span{} }

// String shows the span as "07.30-16.30", or "-" when closed.
func (s Span) String() string {
	if s.IsZero() {
		return "-"
	}
	return strings.ReplaceAll(clock(s.Open)+"-"+clock(s.Close), ":", ".")
}

func (s Span) valid() bool {
	return s.IsZero() || (s.Open >= 0 && s.Close <= 24*time.Hour && s.Open < s.Close)
}

// Week holds the office hours of each weekday, indexed by time.Weekday.
type Week [7]Span

// IsZero reports whether no weekday has hours.
func (w Week) IsZero() bool { return w == Week{} }

// workweek is the same span Monday to Friday.
func workweek(s Span) Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = s
	}
	return w
}

func hm(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }

// DefaultWeek is Kota Pekalongan's office hours since 1 September 2023
// (Surat Edaran Wali Kota Nomor 800.1.6.2/54 Tahun 2023): Monday to
// Thursday 07.30-16.30, Friday 07.30-14.30.
func DefaultWeek() Week {
	w := workweek(Span{hm(7, 30), hm(16, 30)})
	w[time.Friday] = Span{hm(7, 30), hm(14, 30)}
	return w
}

// Period is a stretch of days with hours of their own, such as Ramadan.
type Period struct {
	Name string
	// From and To are the first and last day, midnight in any zone: only
	// their dates count.
	From, To time.Time
	Hours    Week
}

// ramadan2026 is Ramadan 1447 H in Kota Pekalongan (Surat Edaran Wali Kota
// Nomor B/111/800 Tahun 2026): Monday to Thursday 08.00-15.15, Friday
// 08.00-14.30.
func ramadan2026() Period {
	w := workweek(Span{hm(8, 0), hm(15, 15)})
	w[time.Friday] = Span{hm(8, 0), hm(14, 30)}
	return Period{Name: "Ramadan 1447 H", From: time.Date(2026, 2, 19, 0, 0, 0, 0, time.UTC),
		To: time.Date(2026, 3, 19, 0, 0, 0, 0, time.UTC), Hours: w}
}

// fixedHolidays are the national holidays on the same date every year,
// known even in a year whose list is missing.
var fixedHolidays = map[[2]int]string{
	{1, 1}:   "Tahun Baru Masehi",
	{5, 1}:   "Hari Buruh Internasional",
	{6, 1}:   "Hari Lahir Pancasila",
	{8, 17}:  "Hari Kemerdekaan Republik Indonesia",
	{12, 25}: "Kelahiran Yesus Kristus",
}

// checkWeek checks the office hours of the week, or of the period named.
func checkWeek(w Week, period string) error {
	for d, span := range w {
		switch {
		case span.valid():
		case period == "":
			return invalid("calendar settings: office hours of %s, %s, are not within one day", dayNames[d], span.String())
		default:
			return invalid("calendar settings: period %s: hours of %s, %s, are not within one day", period, dayNames[d], span.String())
		}
	}
	return nil
}

func clock(off time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(off/time.Hour), int(off%time.Hour/time.Minute))
}

// dayNames are the weekdays as the settings and the calendar file name
// them, indexed by time.Weekday.
var dayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseSpan reads office hours written "07.30-16.30" (or with colons).
func ParseSpan(text string) (Span, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(text), "-")
	open, err1 := parseClockText(a)
	close, err2 := parseClockText(b)
	if !ok || err1 != nil || err2 != nil {
		return Span{}, invalid("%q is not office hours like 07.30-16.30", text)
	}
	s := Span{open, close}
	if s.IsZero() || !s.valid() {
		return Span{}, invalid("office hours %q do not open before they close within one day", text)
	}
	return s, nil
}

func parseClockText(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.ReplaceAll(strings.TrimSpace(s), ".", ":"))
	if err != nil {
		return 0, err
	}
	return hm(t.Hour(), t.Minute()), nil
}

// ParseHours reads the hours of each weekday, keyed mon, tue, ... sun (a
// key may name a range, "mon-thu"); a weekday not named has no hours.
func ParseHours(hours map[string]string) (Week, error) {
	var w Week
	for _, key := range slices.Sorted(maps.Keys(hours)) {
		days, err := parseDayRange(key)
		if err != nil {
			return Week{}, err
		}
		span, err := ParseSpan(hours[key])
		if err != nil {
			return Week{}, invalid("%s: %v", key, err)
		}
		for _, d := range days {
			w[d] = span
		}
	}
	return w, nil
}

// parseDayRange reads "fri" or "mon-thu".
func parseDayRange(key string) ([]time.Weekday, error) {
	index := func(name string) (int, bool) {
		i := slices.Index(dayNames[:], strings.ToLower(strings.TrimSpace(name)))
		return i, i >= 0
	}
	a, b, isRange := strings.Cut(key, "-")
	from, ok1 := index(a)
	to, ok2 := from, true
	if isRange {
		to, ok2 = index(b)
	}
	if !ok1 || !ok2 {
		return nil, invalid("%q is not a weekday (mon, tue, wed, thu, fri, sat, sun) or a range like mon-thu", key)
	}
	var out []time.Weekday
	for d := from; ; d = (d + 1) % 7 {
		out = append(out, time.Weekday(d))
		if d == to {
			return out, nil
		}
	}
}

// String shows the week as the calendar file writes it:
// "mon=07.30-16.30 ... fri=07.30-14.30".
func (w Week) String() string { return formatWeek(w) }

// formatWeek writes a week as the calendar file and the settings do:
// "mon=07.30-16.30 ... fri=07.30-14.30", closed days left out.
func formatWeek(w Week) string {
	var parts []string
	for _, d := range []time.Weekday{1, 2, 3, 4, 5, 6, 0} {
		if !w[d].IsZero() {
			parts = append(parts, dayNames[d]+"="+w[d].String())
		}
	}
	return strings.Join(parts, " ")
}
