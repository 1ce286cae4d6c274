package store_test

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func wib(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatalf("LoadLocation() = %v", err)
	}
	return loc
}

// at is a time in Asia/Jakarta.
func at(t *testing.T, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	return time.Date(y, m, d, h, min, 0, 0, wib(t))
}

func TestDue(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, time.UTC)
	}
	tests := []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		// The cases of issue 11: Kota Pekalongan's hours, Monday to
		// Thursday 07.30-16.30 and Friday 07.30-14.30, Ramadan 1447 H
		// 08.00-15.15 and Friday 08.00-14.30.
		{"Thursday afternoon is due by Friday's closing", at(t, 2026, 11, 26, 15, 30), at(t, 2026, 11, 27, 14, 30)},
		{"Friday morning", at(t, 2026, 11, 27, 10, 0), at(t, 2026, 11, 30, 10, 0)},
		{"Friday after closing", at(t, 2026, 11, 27, 15, 0), at(t, 2026, 12, 1, 7, 30)},
		{"Ramadan in hours", at(t, 2026, 3, 4, 15, 0), at(t, 2026, 3, 5, 15, 0)},
		{"Ramadan after closing", at(t, 2026, 3, 4, 15, 30), at(t, 2026, 3, 6, 8, 0)},
		{"Nyepi and Lebaran week", at(t, 2026, 3, 17, 10, 0), at(t, 2026, 3, 25, 10, 0)},
		{"Christmas", at(t, 2026, 12, 23, 9, 0), at(t, 2026, 12, 28, 9, 0)},
		{"New Year in a year with no list", at(t, 2026, 12, 31, 10, 0), at(t, 2027, 1, 4, 10, 0)},

		{"Saturday", at(t, 2026, 11, 28, 9, 0), at(t, 2026, 12, 1, 7, 30)},
		{"before opening", at(t, 2026, 12, 1, 6, 0), at(t, 2026, 12, 2, 7, 30)},
		{"exactly at opening", at(t, 2026, 12, 1, 7, 30), at(t, 2026, 12, 2, 7, 30)},
		{"just before closing", time.Date(2026, 11, 30, 16, 29, 59, 0, wib(t)), time.Date(2026, 12, 1, 16, 29, 59, 0, wib(t))},
		{"exactly at closing", at(t, 2026, 11, 30, 16, 30), at(t, 2026, 12, 2, 7, 30)},
		{"Ramadan opening is later", at(t, 2026, 2, 18, 7, 45), at(t, 2026, 2, 19, 8, 0)},
		{"weekday holiday", at(t, 2026, 1, 1, 9, 0), at(t, 2026, 1, 5, 7, 30)},
		{"collective leave", at(t, 2026, 5, 15, 10, 0), at(t, 2026, 5, 19, 7, 30)},
		{"Independence Day in a year with no list", at(t, 2027, 8, 16, 10, 0), at(t, 2027, 8, 18, 10, 0)},
		{"UTC input", utc(2026, 3, 17, 3, 0), at(t, 2026, 3, 25, 10, 0)},
		{"UTC evening is next morning in Jakarta", utc(2026, 11, 30, 23, 0), at(t, 2026, 12, 2, 7, 30)},
		{"UTC afternoon is after closing in Jakarta", utc(2026, 11, 27, 8, 0), at(t, 2026, 12, 1, 7, 30)},
	}
	cal := store.DefaultCalendar()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.Due(tt.received)
			if !got.Equal(tt.want) {
				t.Fatalf("Due(%v) = %v, want %v", tt.received, got, tt.want)
			}
			if got.Location() != cal.Location() {
				t.Fatalf("Due(%v) is in %v, want %v", tt.received, got.Location(), cal.Location())
			}
		})
	}
}

func TestDueAfterHoursSameDay(t *testing.T) {
	s := store.DefaultCalendarSettings()
	s.AfterHoursNextDay = false
	cal, err := store.LoadCalendar(strings.NewReader(""), s)
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	tests := []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		{"after closing is due at closing", at(t, 2026, 11, 25, 17, 30), at(t, 2026, 11, 26, 16, 30)},
		{"exactly at closing", at(t, 2026, 11, 25, 16, 30), at(t, 2026, 11, 26, 16, 30)},
		{"Thursday after closing is due at Friday's", at(t, 2026, 11, 26, 17, 0), at(t, 2026, 11, 27, 14, 30)},
		{"before opening still counts from opening", at(t, 2026, 11, 26, 6, 0), at(t, 2026, 11, 27, 7, 30)},
		{"in hours unchanged", at(t, 2026, 11, 26, 10, 0), at(t, 2026, 11, 27, 10, 0)},
		{"weekend still counts from next opening", at(t, 2026, 11, 28, 20, 0), at(t, 2026, 12, 1, 7, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.Due(tt.received); !got.Equal(tt.want) {
				t.Fatalf("Due(%v) = %v, want %v", tt.received, got, tt.want)
			}
		})
	}
}

func TestDueSettings(t *testing.T) {
	s := store.CalendarSettings{
		Location: time.UTC,
		OpenAt:   8 * time.Hour,
		CloseAt:  17 * time.Hour,
	}
	cal, err := store.LoadCalendar(strings.NewReader("2026-11-30  libur  Test\n"), s)
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	tests := []struct {
		name           string
		received, want time.Time
	}{
		{"in hours", time.Date(2026, 11, 26, 16, 30, 0, 0, time.UTC), time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC)},
		{"before opening", time.Date(2026, 11, 26, 7, 45, 0, 0, time.UTC), time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)},
		// AfterHoursNextDay is false in a zero CalendarSettings.
		{"after closing", time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)},
		{"Jakarta input read in UTC", at(t, 2026, 11, 27, 9, 0), time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.Due(tt.received); !got.Equal(tt.want) {
				t.Fatalf("Due(%v) = %v, want %v", tt.received, got, tt.want)
			}
		})
	}
}

func TestLoadCalendarSettingsDefaults(t *testing.T) {
	cal, err := store.LoadCalendar(strings.NewReader(""), store.CalendarSettings{})
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	if got := cal.Location().String(); got != "Asia/Jakarta" {
		t.Fatalf("Location() = %v, want Asia/Jakarta", got)
	}
	// 07:29 is before the default opening, 07:30 is not.
	if got, want := cal.Due(at(t, 2026, 11, 26, 7, 29)), at(t, 2026, 11, 27, 7, 30); !got.Equal(want) {
		t.Fatalf("Due(07:29) = %v, want %v", got, want)
	}
	if got, want := cal.Due(at(t, 2026, 11, 25, 16, 29)), at(t, 2026, 11, 26, 16, 29); !got.Equal(want) {
		t.Fatalf("Due(16:29) = %v, want %v", got, want)
	}
}

func TestLoadCalendarBadSettings(t *testing.T) {
	tests := []struct {
		name string
		s    store.CalendarSettings
	}{
		{"opens after closing", store.CalendarSettings{OpenAt: 17 * time.Hour}},
		{"opens at closing", store.CalendarSettings{OpenAt: 9 * time.Hour, CloseAt: 9 * time.Hour}},
		{"closes after midnight", store.CalendarSettings{CloseAt: 25 * time.Hour}},
		{"negative opening", store.CalendarSettings{OpenAt: -time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := store.LoadCalendar(strings.NewReader(""), tt.s); err == nil {
				t.Fatalf("LoadCalendar(%+v) = nil error, want one", tt.s)
			}
		})
	}
}

func TestDefaultCalendarMatchesDomain(t *testing.T) {
	// The 2026 lists as domain.md states them.
	libur := []string{"01-01", "01-16", "02-17", "03-19", "03-21", "03-22", "04-03", "04-05",
		"05-01", "05-14", "05-27", "05-31", "06-01", "06-16", "08-17", "08-25", "12-25"}
	cuti := []string{"02-16", "03-18", "03-20", "03-23", "03-24", "05-15", "05-28", "12-24"}
	want := map[string]string{}
	for _, d := range libur {
		want["2026-"+d] = store.KindHoliday
	}
	for _, d := range cuti {
		want["2026-"+d] = store.KindLeave
	}

	cal := store.DefaultCalendar()
	got := map[string]string{}
	for _, d := range cal.Days(2026) {
		got[d.Date.Format(time.DateOnly)] = d.Kind
		if d.Name == "" {
			t.Errorf("Days(2026): %v has no name", d.Date)
		}
		if d.Kind == store.KindLeave && !strings.HasPrefix(d.Name, "Cuti bersama ") {
			t.Errorf("Days(2026): leave day %v is named %q, want \"Cuti bersama ...\"", d.Date, d.Name)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Days(2026) = %v, want %v", got, want)
	}
}

func TestDays(t *testing.T) {
	cal := store.DefaultCalendar()
	days := cal.Days(2026)
	for i, d := range days {
		if h, m, s := d.Date.Clock(); h+m+s != 0 || d.Date.Location() != cal.Location() {
			t.Fatalf("Days(2026)[%d].Date = %v, want midnight in %v", i, d.Date, cal.Location())
		}
		if i > 0 && !days[i-1].Date.Before(d.Date) {
			t.Fatalf("Days(2026) not sorted: %v before %v", days[i-1].Date, d.Date)
		}
	}
	if got := cal.Days(2027); len(got) != 0 {
		t.Fatalf("Days(2027) = %v, want none", got)
	}
}

func TestHoliday(t *testing.T) {
	cal := store.DefaultCalendar()
	tests := []struct {
		name    string
		day     time.Time
		want    string
		ok      bool
		working bool
	}{
		{"new year", at(t, 2026, 1, 1, 12, 0), "Tahun Baru Masehi", true, false},
		{"independence day", at(t, 2026, 8, 17, 0, 0), "Hari Kemerdekaan RI", true, false},
		{"christmas eve leave", at(t, 2026, 12, 24, 23, 59), "Cuti bersama Hari Natal", true, false},
		// 16 Aug 2026 18:00 UTC is already 17 Aug in Jakarta.
		{"UTC read in Jakarta", time.Date(2026, 8, 16, 18, 0, 0, 0, time.UTC), "Hari Kemerdekaan RI", true, false},
		{"ordinary Monday", at(t, 2026, 11, 30, 9, 0), "", false, true},
		{"Saturday", at(t, 2026, 11, 28, 9, 0), "", false, false},
		{"unlisted year new year", at(t, 2027, 1, 1, 9, 0), "Tahun Baru Masehi", true, false},
		{"unlisted year Pancasila", at(t, 2027, 6, 1, 9, 0), "Hari Lahir Pancasila", true, false},
		{"unlisted year ordinary day", at(t, 2027, 6, 2, 9, 0), "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, ok := cal.Holiday(tt.day)
			if name != tt.want || ok != tt.ok {
				t.Fatalf("Holiday(%v) = %q, %v, want %q, %v", tt.day, name, ok, tt.want, tt.ok)
			}
			if got := cal.IsWorkingDay(tt.day); got != tt.working {
				t.Fatalf("IsWorkingDay(%v) = %v, want %v", tt.day, got, tt.working)
			}
		})
	}
}

func TestYearsAndWarnings(t *testing.T) {
	cal := store.DefaultCalendar()
	if got := cal.Years(); !reflect.DeepEqual(got, []int{2026}) {
		t.Fatalf("Years() = %v, want [2026]", got)
	}
	if !cal.HasYear(2026) || cal.HasYear(2027) {
		t.Fatalf("HasYear(2026), HasYear(2027) = %v, %v, want true, false", cal.HasYear(2026), cal.HasYear(2027))
	}
	got := cal.Warnings(2026, 2027, 2027, 2028)
	want := []string{
		"no holiday list for 2027: due times that year count Monday-Friday only",
		"no holiday list for 2028: due times that year count Monday-Friday only",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Warnings(2026, 2027, 2027, 2028) = %q, want %q", got, want)
	}
	if got := cal.Warnings(2026); len(got) != 0 {
		t.Fatalf("Warnings(2026) = %q, want none", got)
	}
}

func TestLoadCalendar(t *testing.T) {
	file := "\uFEFF# kalender kantor\r\n" +
		"\r\n" +
		"2027-01-01\tlibur\tTahun Baru   Masehi\r\n" +
		"  # indented comment\n" +
		"2026-12-25  libur  Hari Natal\n" +
		"2026-12-24  cuti   Cuti bersama Hari Natal\n"
	cal, err := store.LoadCalendar(strings.NewReader(file), store.DefaultCalendarSettings())
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	if got := cal.Years(); !reflect.DeepEqual(got, []int{2026, 2027}) {
		t.Fatalf("Years() = %v, want [2026 2027]", got)
	}
	if name, ok := cal.Holiday(at(t, 2027, 1, 1, 9, 0)); !ok || name != "Tahun Baru Masehi" {
		t.Fatalf("Holiday(2027-01-01) = %q, %v, want \"Tahun Baru Masehi\", true", name, ok)
	}
	// Only the file's days and the fixed-date holidays count: Ascension
	// (14 May 2026) is not in it, Independence Day is known anyway.
	if !cal.IsWorkingDay(at(t, 2026, 5, 14, 9, 0)) {
		t.Fatalf("IsWorkingDay(2026-05-14) = false, want true for a file without it")
	}
	if cal.IsWorkingDay(at(t, 2026, 8, 17, 9, 0)) {
		t.Fatalf("IsWorkingDay(2026-08-17) = true, want Independence Day known without a list")
	}
	if got, want := cal.Due(at(t, 2026, 12, 23, 9, 0)), at(t, 2026, 12, 28, 9, 0); !got.Equal(want) {
		t.Fatalf("Due(2026-12-23 09:00) = %v, want %v", got, want)
	}
}

func TestLoadCalendarErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string
	}{
		{"bad date", "# ok\n2026-13-01  libur  X\n", "line 2: bad date \"2026-13-01\""},
		{"short date", "2026-1-1  libur  X\n", "line 1: bad date"},
		{"bad kind", "\n\n2026-01-01  holiday  X\n", "line 3: bad kind \"holiday\""},
		{"no name", "2026-01-01  libur\n", "line 1: want YYYY-MM-DD, libur or cuti, and a name"},
		{"duplicate", "2026-01-01  libur  X\n2026-01-01  cuti  Y\n", "line 2: 2026-01-01 is listed twice"},
		{"not UTF-8", "2026-01-01  libur  \xff\n", "line 1: not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.LoadCalendar(strings.NewReader(tt.file), store.DefaultCalendarSettings())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadCalendar(%q) = %v, want an error containing %q", tt.file, err, tt.want)
			}
		})
	}
}

func TestLoadCalendarWrapsDateError(t *testing.T) {
	_, err := store.LoadCalendar(strings.NewReader("2026-02-30  libur  X\n"), store.DefaultCalendarSettings())
	var pe *time.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("LoadCalendar() = %v, want a wrapped *time.ParseError", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	cal := store.DefaultCalendar()
	var buf bytes.Buffer
	if err := cal.Write(&buf); err != nil {
		t.Fatalf("Write() = %v", err)
	}
	back, err := store.LoadCalendar(bytes.NewReader(buf.Bytes()), store.DefaultCalendarSettings())
	if err != nil {
		t.Fatalf("LoadCalendar(Write()) = %v\n%s", err, buf.String())
	}
	if got, want := back.Days(2026), cal.Days(2026); !reflect.DeepEqual(got, want) {
		t.Fatalf("LoadCalendar(Write()).Days(2026) = %v, want %v", got, want)
	}
	var again bytes.Buffer
	if err := back.Write(&again); err != nil {
		t.Fatalf("Write() = %v", err)
	}
	if again.String() != buf.String() {
		t.Fatalf("second Write() =\n%s\nwant\n%s", again.String(), buf.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := store.DefaultCalendar().Write(failWriter{}); err == nil {
		t.Fatalf("Write(failing writer) = nil, want an error")
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := store.DefaultCalendar()
	tests := []struct {
		name string
		a, b time.Time
		want float64
	}{
		{"same instant", at(t, 2026, 11, 30, 10, 0), at(t, 2026, 11, 30, 10, 0), 0},
		{"one working day", at(t, 2026, 11, 30, 10, 0), at(t, 2026, 12, 1, 10, 0), 1},
		{"half an office day", at(t, 2026, 11, 30, 7, 30), at(t, 2026, 11, 30, 12, 0), 0.5},
		{"half a Friday by the clock of a long day", at(t, 2026, 11, 27, 7, 30), at(t, 2026, 11, 27, 12, 0), 0.5},
		{"Thursday afternoon done by Friday's closing", at(t, 2026, 11, 26, 15, 30), at(t, 2026, 11, 27, 14, 30), 8.0 / 9},
		{"Ramadan day to day", at(t, 2026, 3, 4, 15, 0), at(t, 2026, 3, 5, 15, 0), 1},
		{"night counts nothing", at(t, 2026, 11, 30, 16, 30), at(t, 2026, 12, 1, 7, 30), 0},
		{"weekend counts nothing", at(t, 2026, 11, 27, 10, 0), at(t, 2026, 11, 30, 10, 0), 1},
		{"across Nyepi and Lebaran", at(t, 2026, 3, 17, 10, 0), at(t, 2026, 3, 25, 10, 0), 1},
		{"after-hours arrival done at due", at(t, 2026, 11, 27, 17, 30), at(t, 2026, 12, 1, 7, 30), 1},
		{"Saturday arrival a day late", at(t, 2026, 11, 28, 9, 0), at(t, 2026, 12, 2, 7, 30), 2},
		{"reversed is negative", at(t, 2026, 12, 1, 10, 0), at(t, 2026, 11, 30, 10, 0), -1},
		{"UTC input", time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC), at(t, 2026, 12, 1, 10, 0), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.WorkingDaysBetween(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("WorkingDaysBetween(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// Whenever a letter comes, it is due within the office hours of a working
// day, after it came, about one working day later: at most one, but for
// a due day that opens later than the usual week (Ramadan's 08.00 against
// 07.30, 0.056 of a day).
func TestDueIsInOfficeHours(t *testing.T) {
	cal := store.DefaultCalendar()
	for received := at(t, 2026, 2, 10, 0, 0); received.Before(at(t, 2026, 4, 10, 0, 0)); received = received.Add(47 * time.Minute) {
		due := cal.Due(received)
		span, _ := cal.Hours(due)
		clock := time.Duration(due.Hour())*time.Hour + time.Duration(due.Minute())*time.Minute
		if !cal.IsWorkingDay(due) || clock < span.Open || clock > span.Close || !due.After(received) {
			t.Fatalf("Due(%v) = %v, outside %v or not after it came", received, due, span)
		}
		if days := cal.WorkingDaysBetween(received, due); days > 1+0.5/9+1e-9 || days < 0.5 {
			t.Fatalf("WorkingDaysBetween(%v, Due() = %v) = %v, want about one", received, due, days)
		}
	}
}

// The hours come from the settings' week and periods; a period's hours
// win inside it.
func TestHoursAndPeriods(t *testing.T) {
	cal := store.DefaultCalendar()
	tests := []struct {
		day    time.Time
		want   string
		period string
	}{
		{at(t, 2026, 11, 26, 9, 0), "07.30-16.30", ""},
		{at(t, 2026, 11, 27, 9, 0), "07.30-14.30", ""},
		{at(t, 2026, 11, 28, 9, 0), "-", ""},
		{at(t, 2026, 3, 5, 9, 0), "08.00-15.15", "Ramadan 1447 H"},
		{at(t, 2026, 3, 6, 9, 0), "08.00-14.30", "Ramadan 1447 H"},
		{at(t, 2026, 3, 19, 9, 0), "-", ""}, // Nyepi, within Ramadan
	}
	for _, tt := range tests {
		span, period := cal.Hours(tt.day)
		if span.String() != tt.want || period != tt.period {
			t.Errorf("Hours(%v) = %s %q, want %s %q", tt.day, span, period, tt.want, tt.period)
		}
	}
	w, err := store.ParseHours(map[string]string{"mon-thu": "08.00-16.00", "fri": "08.00-11.00", "sat": "08:00-12:00"})
	if err != nil || w[time.Saturday].String() != "08.00-12.00" || w[time.Wednesday].String() != "08.00-16.00" || !w[time.Sunday].IsZero() {
		t.Fatalf("ParseHours() = %v, %v", w, err)
	}
	for _, bad := range []map[string]string{{"fri": "14.30-07.30"}, {"jumat": "07.30-14.30"}, {"mon": "pagi"}} {
		if _, err := store.ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%v) = nil error", bad)
		}
	}
	// A Saturday office counts Saturdays.
	s := store.DefaultCalendarSettings()
	s.Hours = w
	sat, err := store.LoadCalendar(strings.NewReader(""), s)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sat.Due(at(t, 2026, 11, 27, 10, 0)), at(t, 2026, 11, 28, 10, 0); !got.Equal(want) {
		t.Fatalf("Due(Friday 10.00) with Saturday hours = %v, want %v", got, want)
	}
}

// A calendar file may carry periods; they are written back.
func TestCalendarFilePeriods(t *testing.T) {
	file := "2027-02-08..2027-03-09  jam  mon-thu=08.00-15.00 fri=08.00-11.30  Ramadan 1448 H\n2027-03-10 libur Idul Fitri\n"
	s := store.DefaultCalendarSettings()
	s.Periods = nil
	cal, err := store.LoadCalendar(strings.NewReader(file), s)
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	if span, p := cal.Hours(at(t, 2027, 2, 12, 9, 0)); span.String() != "08.00-11.30" || p != "Ramadan 1448 H" {
		t.Fatalf("Hours(Friday in Ramadan 1448) = %s %q", span, p)
	}
	var buf bytes.Buffer
	if err := cal.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "2027-02-08..2027-03-09  jam  mon=08.00-15.00 tue=08.00-15.00 wed=08.00-15.00 thu=08.00-15.00 fri=08.00-11.30  Ramadan 1448 H") {
		t.Fatalf("Write() lost the period:\n%s", buf.String())
	}
	for _, bad := range []string{"2027-02-08  jam  mon=08.00-15.00 Ramadan\n", "2027-02-08..2027-03-09  jam  Ramadan\n", "2027-03-09..2027-02-08  jam  mon=08.00-15.00 R\n"} {
		if _, err := store.LoadCalendar(strings.NewReader(bad), s); err == nil {
			t.Errorf("LoadCalendar(%q) = nil error", bad)
		}
	}
}

// A due time counted through a year with no holiday list is estimated.
func TestDueEstimated(t *testing.T) {
	cal := store.DefaultCalendar()
	l := store.Letter{ReceivedAt: at(t, 2026, 12, 31, 10, 0)}
	if tm := l.Timing(cal, at(t, 2026, 12, 31, 11, 0)); !tm.Estimated {
		t.Fatalf("Timing() of a letter due in 2027 is not estimated")
	}
	l.ReceivedAt = at(t, 2026, 12, 1, 10, 0)
	if tm := l.Timing(cal, at(t, 2026, 12, 1, 11, 0)); tm.Estimated {
		t.Fatalf("Timing() of a letter due in 2026 is estimated")
	}
}
