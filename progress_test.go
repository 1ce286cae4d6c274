package main

import (
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
)

func TestProgressText(t *testing.T) {
	tests := []struct {
		name    string
		p       mail.Progress
		elapsed time.Duration
		want    string
	}{
		{"at once", mail.Progress{Messages: 10, Total: 100, Bytes: 52_000}, 100 * time.Millisecond, "INBOX 0.1 MB  10/100 pesan"},
		{"with a rate", mail.Progress{Messages: 500, Total: 1500, Bytes: 2_500_000}, 2 * time.Second, "INBOX 2.5 MB  500/1500 pesan  250 pesan/s, sisa 4s"},
		{"done", mail.Progress{Messages: 1500, Total: 1500, Bytes: 7_500_000}, 3 * time.Second, "INBOX 7.5 MB  1500/1500 pesan  500 pesan/s"},
		{"a hostile mailbox name", mail.Progress{Total: 1}, 0, "INBOX 0.0 MB  0/1 pesan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			box := "INBOX"
			if strings.Contains(tt.name, "hostile") {
				box = "INBOX\x1b]0;pwned\a"
			}
			if got := progressText(box, tt.p, tt.elapsed); got != tt.want {
				t.Fatalf("progressText() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProgressLineRedrawsAtMostTenTimesASecond(t *testing.T) {
	var b strings.Builder
	l := &progressLine{w: &b, mailbox: "INBOX"}
	start := time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC)
	for i := range 100 {
		l.update(mail.Progress{Messages: i, Total: 100}, start.Add(time.Duration(i)*10*time.Millisecond))
	}
	l.update(mail.Progress{Messages: 100, Total: 100}, start.Add(time.Second))
	if n := strings.Count(b.String(), "\r\x1b[K"); n != 11 {
		t.Fatalf("drew %d times in a second of 101 updates, want 11 (ten, and the last)", n)
	}
	l.finish()
	if !strings.HasSuffix(b.String(), "pesan/s\r\x1b[K") {
		t.Fatalf("finish() did not clear the line: %q", b.String()[max(0, b.Len()-40):])
	}
}
