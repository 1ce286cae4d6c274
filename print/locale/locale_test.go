package locale

import (
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
