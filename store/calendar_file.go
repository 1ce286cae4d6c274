package store

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// The calendar file: one listed day or one period per line, read by
// LoadCalendar and written by Calendar.Write.

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
	var periods []Period
	if err := parseFile(r, days, &periods); err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	return newCalendar(s, days, periods)
}

// parseDays adds the days of one calendar file to days; a file with
// periods is refused here (the embedded lists carry none).
func parseDays(r io.Reader, days map[date]listed) error {
	var periods []Period
	if err := parseFile(r, days, &periods); err != nil {
		return err
	}
	if len(periods) > 0 {
		return invalid("periods are not read here")
	}
	return nil
}

// parseFile adds the days and periods of one calendar file.
func parseFile(r io.Reader, days map[date]listed, periods *[]Period) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // Notepad writes a BOM
		}
		if err := parseLine(line, days, periods); err != nil {
			return invalid("line %d: %v", n, err)
		}
	}
	return sc.Err()
}

func parseLine(line string, days map[date]listed, periods *[]Period) error {
	if !utf8.ValidString(line) {
		return invalid("not UTF-8 text")
	}
	f := strings.Fields(line)
	if len(f) == 0 || strings.HasPrefix(f[0], "#") {
		return nil
	}
	if len(f) > 1 && f[1] == KindHours {
		p, err := parsePeriod(f)
		if err != nil {
			return err
		}
		*periods = append(*periods, p)
		return nil
	}
	if len(f) < 3 {
		return invalid("want YYYY-MM-DD, libur or cuti, and a name, got %q", line)
	}
	t, err := time.Parse(time.DateOnly, f[0])
	if err != nil {
		e := invalid("bad date %q, want YYYY-MM-DD", f[0]).(*Error)
		e.Err = err
		return e
	}
	if f[1] != KindHoliday && f[1] != KindLeave {
		return invalid("bad kind %q, want libur, cuti or jam", f[1])
	}
	d := dateOf(t)
	if _, dup := days[d]; dup {
		return invalid("%s is listed twice", f[0])
	}
	days[d] = listed{kind: f[1], name: strings.Join(f[2:], " ")}
	return nil
}

// parsePeriod reads a period line of the calendar file:
//
//	2026-02-19..2026-03-19  jam  mon-thu=08.00-15.15  fri=08.00-14.30  Ramadan 1447 H
func parsePeriod(f []string) (Period, error) {
	a, b, ok := strings.Cut(f[0], "..")
	from, err1 := time.Parse(time.DateOnly, a)
	to, err2 := time.Parse(time.DateOnly, b)
	if !ok || err1 != nil || err2 != nil {
		return Period{}, invalid("a period starts with its days as YYYY-MM-DD..YYYY-MM-DD, not %q", f[0])
	}
	hours := map[string]string{}
	i := 2
	for ; i < len(f) && strings.Contains(f[i], "="); i++ {
		k, v, _ := strings.Cut(f[i], "=")
		hours[k] = v
	}
	if len(hours) == 0 || i == len(f) {
		return Period{}, invalid("a period needs hours like mon-thu=08.00-15.15 and a name")
	}
	w, err := ParseHours(hours)
	if err != nil {
		return Period{}, err
	}
	if to.Before(from) {
		return Period{}, invalid("period %s ends before it starts", f[0])
	}
	return Period{Name: strings.Join(f[i:], " "), From: from, To: to, Hours: w}, nil
}

const fileHeader = `# Hari libur nasional dan cuti bersama, satu hari per baris:
#   YYYY-MM-DD  libur|cuti  Nama hari
# libur = libur nasional, cuti = cuti bersama. Baris yang diawali # dan baris
# kosong diabaikan. Tahun tanpa daftar hanya mengenal hari libur bertanggal
# tetap (1 Januari, 1 Mei, 1 Juni, 17 Agustus, 25 Desember).
# Masa dengan jam kerja sendiri (Ramadan), satu baris per masa:
#   YYYY-MM-DD..YYYY-MM-DD  jam  mon-thu=08.00-15.15 fri=08.00-14.30  Nama masa
`

// Write writes the calendar's listed days in the file format LoadCalendar
// reads, a section per year; comments of the file it was read from are not
// kept.
func (c *Calendar) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileHeader)
	if ps := c.Periods(); len(ps) > 0 {
		bw.WriteString("\n# jam kerja\n")
		for _, p := range ps {
			fmt.Fprintf(bw, "%s..%s  %s  %s  %s\n", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly),
				KindHours, formatWeek(p.Hours), p.Name)
		}
	}
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
