package mail

import (
	"errors"
	netmail "net/mail"
	"strconv"
	"strings"
	"time"
)

// parseDate reads a Date header, forgiving the usual mistakes: comments,
// missing seconds, named zones, asctime and ISO forms.
func parseDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if t, ok := parseDateFast(v); ok {
		return t, nil
	}
	if t, err := netmail.ParseDate(v); err == nil {
		return t, nil
	}
	clean := v
	if i := strings.IndexByte(clean, '('); i > 0 {
		clean = strings.TrimSpace(clean[:i])
	}
	clean = strings.Join(strings.Fields(clean), " ")
	if t, err := netmail.ParseDate(clean); err == nil {
		return t, nil
	}
	for _, layout := range []string{
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04 -0700",
		"2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 2 Jan 06 15:04:05 -0700",
		"Mon Jan 2 15:04:05 2006",
		"Mon Jan 2 15:04:05 -0700 2006",
		time.RFC3339,
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05",
	} {
		if t, err := time.Parse(layout, clean); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("unreadable date")
}

// parseDateFast reads the Date most mail carries, "Mon, 2 Jan 2006
// 15:04:05 -0700" with or without the weekday, nothing after the zone, and
// gives what net/mail.ParseDate gives for it: ParseDate tries its layouts
// in order, those without the weekday first, and for such a value the first
// layout that can succeed is the one tried here (the ones before it start
// with a digit, or a weekday, where the value has the other). Its
// preprocessing (CRLF, comments, text after the zone) changes nothing in a
// value without CR, LF or '(' that ends at the zone. A time.Parse that
// fails costs an error's allocations, and ParseDate fails twelve of them
// for a value with a weekday; anything else goes to ParseDate itself.
func parseDateFast(v string) (time.Time, bool) {
	if len(v) < 16 || strings.ContainsAny(v, "\r\n(") {
		return time.Time{}, false
	}
	i := strings.IndexAny(v, "+-")
	if i < 0 || len(v) != i+5 {
		return time.Time{}, false
	}
	layout := "2 Jan 2006 15:04:05 -0700"
	if c := v[0]; c < '0' || c > '9' {
		layout = "Mon, 2 Jan 2006 15:04:05 -0700"
	}
	t, err := time.Parse(layout, v)
	return t, err == nil
}

// indonesianMonths maps month names and their usual abbreviations, in
// Indonesian and English, to months.
var indonesianMonths = map[string]time.Month{
	"januari": 1, "jan": 1, "january": 1,
	"februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
	"maret": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "aug": 8, "august": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "oct": 10, "october": 10,
	"november": 11, "nov": 11, "nop": 11, "nopember": 11,
	"desember": 12, "des": 12, "dec": 12, "december": 12,
}

var (
	reNamedDate   = lazyRegexp(`(?i)\b(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})\b`)
	reNumericDate = lazyRegexp(`\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b`)
	reISODate     = lazyRegexp(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// parseLetterDate finds a date written the Indonesian way in s: "23
// November 2026", "23 Nov 2026", "23-11-2026", "23/11/2026" or
// "2026-11-23". It returns the date at midnight in loc.
func parseLetterDate(s string, loc *time.Location) (time.Time, bool) {
	if m := reNamedDate().FindStringSubmatch(s); m != nil {
		if mon, ok := indonesianMonths[strings.ToLower(m[2])]; ok {
			return makeDate(m[3], int(mon), m[1], loc)
		}
	}
	if m := reNumericDate().FindStringSubmatch(s); m != nil {
		mon, _ := strconv.Atoi(m[2])
		return makeDate(m[3], mon, m[1], loc)
	}
	if m := reISODate().FindStringSubmatch(s); m != nil {
		mon, _ := strconv.Atoi(m[2])
		return makeDate(m[1], mon, m[3], loc)
	}
	return time.Time{}, false
}

func makeDate(year string, month int, day string, loc *time.Location) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(month), d, 0, 0, 0, 0, loc)
	if t.Day() != d { // 31 November
		return time.Time{}, false
	}
	return t, true
}
