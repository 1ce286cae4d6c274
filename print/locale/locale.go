// Package locale writes dates, times and numbers the way the desk's two
// languages do, in one place for the screens, the paper and the command
// line: "27 November 2026 08.14 WIB" and "1.234" and "33,3" in Indonesian,
// "27 November 2026 08:14 WIB", "1,234" and "33.3" in English.
package locale

import (
	"fmt"
	"strings"
	"time"
)

var monthsID = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Month names a month in lang ("id" or "en"; anything else is Indonesian).
func Month(m time.Month, lang string) string {
	if lang == "en" {
		return m.String()
	}
	return monthsID[m-1]
}

// Date shows a day as "27 November 2026", or "-" for the zero time.
func Date(t time.Time, lang string) string {
	if t.IsZero() {
		return "-"
	}
	return fmt.Sprintf("%d %s %d", t.Day(), Month(t.Month(), lang), t.Year())
}

// ClockLayout is the time-of-day layout of lang: 08.14 or 08:14.
func ClockLayout(lang string) string {
	if lang == "en" {
		return "15:04"
	}
	return "15.04"
}

// Clock shows a time of day with its zone: "08.14 WIB".
func Clock(t time.Time, lang string) string {
	return t.Format(ClockLayout(lang)) + " " + Zone(t)
}

// DateTime shows "27 November 2026 08.14 WIB", or "-" for the zero time.
func DateTime(t time.Time, lang string) string {
	if t.IsZero() {
		return "-"
	}
	return Date(t, lang) + " " + Clock(t, lang)
}

// Zone is the zone's abbreviation; Indonesia's three zones have names even
// where the zone database gives only an offset.
func Zone(t time.Time) string {
	name, off := t.Zone()
	if name != "" && name[0] != '+' && name[0] != '-' {
		return name
	}
	switch off {
	case 7 * 3600:
		return "WIB"
	case 8 * 3600:
		return "WITA"
	case 9 * 3600:
		return "WIT"
	}
	return "UTC" + t.Format("-07:00")
}

// Number shows v with places decimals: "33,3" or "33.3".
func Number(v float64, places int, lang string) string {
	out := fmt.Sprintf("%.*f", places, v)
	if lang != "en" {
		out = strings.Replace(out, ".", ",", 1)
	}
	return out
}

// Count shows an integer with the thousands separated: "99.520" or
// "99,520".
func Count(n int, lang string) string {
	sep := byte('.')
	if lang == "en" {
		sep = ','
	}
	digits := fmt.Sprint(n)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

var weekdaysID = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// Weekday names a day of the week in lang.
func Weekday(d time.Weekday, lang string) string {
	if lang == "en" {
		return d.String()
	}
	return weekdaysID[d]
}
