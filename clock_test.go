package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDueTimesThroughTheCommandLine runs issue 11's table of due times
// through `import` (the arrival from each message's Received header) and
// `list --json`, with the default settings: Kota Pekalongan's hours and
// Ramadan 1447 H.
func TestDueTimesThroughTheCommandLine(t *testing.T) {
	cases := []struct {
		received, due string
		estimated     bool
	}{
		{"2026-11-26 15:30", "2026-11-27T14:30:00+07:00", false},
		{"2026-11-27 10:00", "2026-11-30T10:00:00+07:00", false},
		{"2026-11-27 15:00", "2026-12-01T07:30:00+07:00", false},
		{"2026-03-04 15:00", "2026-03-05T15:00:00+07:00", false},
		{"2026-03-04 15:30", "2026-03-06T08:00:00+07:00", false},
		{"2026-03-17 10:00", "2026-03-25T10:00:00+07:00", false},
		{"2026-12-23 09:00", "2026-12-28T09:00:00+07:00", false},
		{"2026-12-31 10:00", "2027-01-04T10:00:00+07:00", true},
	}
	d := newDesk(t)
	dir := t.TempDir()
	var files []string
	for i, c := range cases {
		at, err := time.ParseInLocation("2006-01-02 15:04", c.received, jakarta())
		if err != nil {
			t.Fatal(err)
		}
		raw := fmt.Sprintf("Received: from mx.sanapati.go.id by mail.pekalongankota.go.id; %s\r\n"+
			"From: Tata Usaha <tu@kemendagri.go.id>\r\nSubject: Surat %d\r\nMessage-ID: <%d@uji>\r\n\r\nIsi.\r\n",
			at.Format(time.RFC1123Z), i, i)
		path := filepath.Join(dir, fmt.Sprintf("%d.eml", i))
		if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	d.must(append([]string{"import"}, files...)...)
	var letters []letterJSON
	if err := json.Unmarshal([]byte(d.must("list", "--json")), &letters); err != nil {
		t.Fatal(err)
	}
	bySubject := map[string]letterJSON{}
	for _, l := range letters {
		bySubject[l.Subject] = l
	}
	for i, c := range cases {
		l := bySubject[fmt.Sprintf("Surat %d", i)]
		if l.DueAt != c.due || l.DueEstimated != c.estimated {
			t.Errorf("received %s: due_at %s (estimated %v), want %s (%v)", c.received, l.DueAt, l.DueEstimated, c.due, c.estimated)
		}
	}
}

// TestClockSettings: the hours of each weekday and periods come from the
// settings; a bad setting is refused with a sentence naming it.
func TestClockSettings(t *testing.T) {
	d := newDesk(t, sample(1))
	conf := `[clock]
hours = { mon-fri = "08.00-16.00", sat = "08.00-12.00" }
[[clock.period]]
name = "Masa uji"
from = "2027-02-01"
to = "2027-02-28"
hours = { mon-fri = "09.00-12.00" }
`
	if err := os.WriteFile(d.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(d.conf, true)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := cfg.calendar()
	if err != nil {
		t.Fatalf("calendar() = %v", err)
	}
	friday := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta())
	if got, want := cal.Due(friday), friday.AddDate(0, 0, 1); !got.Equal(want) {
		t.Fatalf("Due(Friday 10.00) with Saturday hours = %v, want %v", got, want)
	}
	if span, name := cal.Hours(time.Date(2027, 2, 3, 10, 0, 0, 0, jakarta())); span.String() != "09.00-12.00" || name != "Masa uji" {
		t.Fatalf("Hours in the period = %s %q", span, name)
	}
	for _, bad := range []string{
		"[clock]\nhours = { fri = \"14.30-07.30\" }\n",
		"[clock]\nhours = { jumat = \"07.30-14.30\" }\n",
		"[clock]\nfriday_close = \"14.30\"\n",
		"[[clock.period]]\nname = \"x\"\nfrom = \"2027-02-01\"\nhours = { mon = \"08.00-12.00\" }\n",
	} {
		if err := os.WriteFile(d.conf, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := d.run("list"); code == 0 || errOut == "" {
			t.Errorf("settings %q: exit %d, stderr %q; want refused", bad, code, errOut)
		}
	}
}

// TestCalendarCommand: loading a year's list from the command line moves
// the due time of an open letter at once and takes off its estimate.
func TestCalendarCommand(t *testing.T) {
	in := sample(1)
	in.ReceivedAt = time.Date(2026, 12, 31, 10, 0, 0, 0, jakarta())
	d := newDesk(t, in)
	if l := d.letter("1"); l.DueAt != "2027-01-04T10:00:00+07:00" || !l.DueEstimated {
		t.Fatalf("before the list: due_at %s estimated %v", l.DueAt, l.DueEstimated)
	}
	if _, _, errOut := d.run("list"); !strings.Contains(errOut, "belum ada daftar hari libur tahun 2027") {
		t.Fatalf("no warning for 2027 before its list: %q", errOut)
	}
	list := filepath.Join(t.TempDir(), "2027.txt")
	if err := os.WriteFile(list, []byte("2027-01-01 libur Tahun Baru Masehi\n2027-01-04 cuti Cuti bersama\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := d.must("calendar", "--load", list, "--reason", "SKB 2027"); !strings.Contains(out, "2 baris berubah") {
		t.Fatalf("calendar --load printed %q", out)
	}
	if l := d.letter("1"); l.DueAt != "2027-01-05T10:00:00+07:00" || l.DueEstimated {
		t.Fatalf("after the list: due_at %s estimated %v, want 5 January, not estimated", l.DueAt, l.DueEstimated)
	}
	if _, _, errOut := d.run("list"); strings.Contains(errOut, "2027") {
		t.Fatalf("the warning stays after the list was loaded: %q", errOut)
	}
	var cal calendarJSON
	if err := json.Unmarshal([]byte(d.must("calendar", "--year", "2027", "--json")), &cal); err != nil {
		t.Fatal(err)
	}
	if !cal.Listed || len(cal.Days) != 2 || cal.Hours["fri"] != "07.30-14.30" {
		t.Fatalf("calendar --json = %+v", cal)
	}
	d.refused("1", "Isian tidak valid", "calendar", "--remove", "2027-06-02")
	d.must("verify")
}
