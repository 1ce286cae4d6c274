package locale

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	wib := time.FixedZone("", 7*3600)
	at := time.Date(2026, 11, 27, 8, 14, 0, 0, wib)
	tests := []struct{ got, want string }{
		{DateTime(at, "id"), "27 November 2026 08.14 WIB"},
		{DateTime(at, "en"), "27 November 2026 08:14 WIB"},
		{Date(time.Date(2026, 8, 17, 0, 0, 0, 0, wib), "id"), "17 Agustus 2026"},
		{Date(time.Date(2026, 8, 17, 0, 0, 0, 0, wib), "en"), "17 August 2026"},
		{Date(time.Time{}, "id"), "-"},
		{Clock(time.Date(2026, 1, 1, 23, 5, 0, 0, time.FixedZone("", 9*3600)), "id"), "23.05 WIT"},
		{Clock(time.Date(2026, 1, 1, 23, 5, 0, 0, time.UTC), "en"), "23:05 UTC"},
		{Clock(time.Date(2026, 1, 1, 23, 5, 0, 0, time.FixedZone("", 3*3600)), "en"), "23:05 UTC+03:00"},
		{Number(33.333, 1, "id"), "33,3"},
		{Number(33.333, 1, "en"), "33.3"},
		{Count(99520, "id"), "99.520"},
		{Count(-1234567, "en"), "-1,234,567"},
		{Count(12, "id"), "12"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

// TestCatalogueFormats: every sentence of the catalogue formats in both
// languages with the same number of arguments, and no pair is left half
// translated.
func TestCatalogueFormats(t *testing.T) {
	keys := Keys()
	if len(keys) < 600 || len(helpID) < 100 {
		t.Fatalf("the catalogue holds %d keyed sentences and %d help texts: some part is not in it", len(keys), len(helpID))
	}
	t.Logf("the catalogue: %d keyed sentences in %d parts, %d texts of the command line's help", len(keys), len(parts), len(helpID))
	for _, key := range keys {
		pair, _ := Lookup(key)
		// Names (the desk's, an office's position) and blank lines to
		// write on are the same in both.
		name := key == "app.title" || key == "paper.report.signer_title" || strings.Trim(pair[0], "(.)") == ""
		same := pair[0] == pair[1] && len(pair[0]) > 12 && !name
		if pair[0] == "" || pair[1] == "" || same {
			t.Errorf("%s: %q / %q is not in both languages", key, pair[0], pair[1])
		}
		if countVerbs(pair[0]) != countVerbs(pair[1]) {
			t.Errorf("%s: the two languages take different arguments: %q / %q", key, pair[0], pair[1])
		}
	}
}

// countVerbs counts the arguments a Printf format takes.
func countVerbs(format string) int {
	n, explicit := 0, 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		if i+2 < len(format) && format[i] == '[' {
			if k := int(format[i+1] - '0'); k > explicit {
				explicit = k
			}
			continue
		}
		n++
	}
	return max(n, explicit)
}

// TestPlural: "{one|other}" takes the form of the nearest number before
// it, with explicit argument indexes too.
func TestPlural(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"%d {copy|copies} printed", []any{1}, "1 copy printed"},
		{"%d {copy|copies} printed", []any{2}, "2 copies printed"},
		{"%d {copy|copies} printed", []any{0}, "0 copies printed"},
		{"%d {file|files}, %d {message|messages}", []any{1, 3}, "1 file, 3 messages"},
		{"%s: %d of %d {page|pages}", []any{"a", 1, 1}, "a: 1 of 1 page"},
		{"%[2]d {item|items} in %[1]s", []any{"x", 1}, "1 item in x"},
		{"100%% of %d {day|days}", []any{1}, "100% of 1 day"},
		{"{before|no number yet} %d", []any{1}, "no number yet 1"},
		{"%s {a|b}", []any{"s"}, "s b"},
		{"%*d {item|items}", []any{4, 1}, "   1 item"},
		{"%-5s|%d {day|days}", []any{"ab", 1}, "ab   |1 day"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(plural(tt.format, tt.args), tt.args...); got != tt.want {
			t.Errorf("plural(%q, %v) = %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
	if got := plural("%d {a|b} 5%", []any{1}); got != "%d a 5%" {
		t.Errorf("a lone %% at the end: %q", got)
	}
	if got := T("en", "done.copies", 1, "/x"); got != "1 copy printed; file in /x." {
		t.Errorf("T(done.copies, 1) = %q", got)
	}
	if got := T("id", "done.copies", 1, "/x"); got != "1 salinan dicetak; berkas di /x." {
		t.Errorf("T(id, done.copies, 1) = %q", got)
	}
}
