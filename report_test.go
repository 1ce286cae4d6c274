package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

// walkedDesk is a desk whose November 2026 holds one letter walked through
// every step on the morning of Monday 2 November, at known times, and one
// letter set aside.
func walkedDesk(t *testing.T) *desk {
	t.Helper()
	wib := store.DefaultCalendar().Location()
	mon := func(h, m int) time.Time { return time.Date(2026, time.November, 2, h, m, 0, 0, wib) }
	first, second := sample(1), sample(2)
	first.ReceivedAt, second.ReceivedAt = mon(8, 0), mon(8, 5)
	second.MessageID = "<2@kemendagri.go.id>"
	d := newDesk(t, first, second)

	now := mon(8, 0)
	db, err := store.Open(d.db, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	defer db.Close()
	step := func(what string, at time.Time, do func() (*store.Letter, error)) {
		t.Helper()
		now = at
		if _, err := do(); err != nil {
			t.Fatalf("%s at %v = %v", what, at, err)
		}
	}
	step("Route", mon(8, 10), func() (*store.Letter, error) {
		return db.Route(1, []store.Recipient{{Name: "Walikota", Channel: store.ChannelAide}})
	})
	step("RecordCopiesPrinted", mon(8, 20), func() (*store.Letter, error) { return db.RecordCopiesPrinted(1) })
	step("Register", mon(8, 30), func() (*store.Letter, error) {
		return db.Register(1, store.Registration{LetterNumber: "005/4512/SJ"})
	})
	step("RecordCardPrinted", mon(9, 0), func() (*store.Letter, error) { return db.RecordCardPrinted(1) })
	l, err := db.Letter(1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range l.Initials { // the last at 10.00
		at := mon(9, 30+i*30/len(l.Initials))
		if i == len(l.Initials)-1 {
			at = mon(10, 0)
		}
		step("Initial", at, func() (*store.Letter, error) { return db.Initial(1, "", at) })
	}
	step("Assign", mon(10, 30), func() (*store.Letter, error) { return db.Assign(1, "Pak Darto", mon(10, 30)) })
	step("Deliver", mon(11, 0), func() (*store.Letter, error) {
		return db.Deliver(1, "Walikota", store.ChannelAide, "Ajudan", mon(11, 0))
	})
	step("Archive", mon(11, 30), func() (*store.Letter, error) { return db.Archive(1, "Lemari 1", mon(11, 30)) })
	step("SetAside", mon(8, 30), func() (*store.Letter, error) { return db.SetAside(2, "bukan naskah dinas") })
	return d
}

func TestReportJSON(t *testing.T) {
	d := walkedDesk(t)
	out := d.must("report", "--month", "2026-11", "--json")
	var got struct {
		Month        string   `json:"month"`
		Received     int      `json:"received"`
		SetAside     int      `json:"set_aside"`
		OnTime       int      `json:"on_time"`
		Late         int      `json:"late"`
		ShareBasis   int      `json:"share_basis"`
		OnTimeShare  *float64 `json:"on_time_share"`
		EstimatedDue *int     `json:"estimated_due"`
		Steps        []struct {
			Step        string   `json:"step"`
			Count       int      `json:"count"`
			MedianHours *float64 `json:"median_hours"`
			P90Hours    *float64 `json:"p90_hours"`
		} `json:"steps"`
		Destinations []map[string]any `json:"destinations"`
		Channels     []map[string]any `json:"channels"`
		LateLetters  []map[string]any `json:"late_letters"`
		Daily        []map[string]any `json:"daily"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("report --json printed %q: %v", out, err)
	}
	if got.Month != "2026-11" || got.Received != 2 || got.SetAside != 1 || got.OnTime != 1 || got.Late != 0 ||
		got.ShareBasis != 1 || got.OnTimeShare == nil || *got.OnTimeShare != 1 || got.EstimatedDue == nil || *got.EstimatedDue != 0 {
		t.Fatalf("report --json = %+v; want 2026-11, 2 received, 1 set aside, 1 on time of 1, share 1, 0 estimated:\n%s", got, out)
	}
	want := map[string]float64{
		"registration": 0.5, "card": 1, "last_initial": 2, "courier": 2.5, "delivery": 3, "archive": 3.5,
	}
	if len(got.Steps) != len(want) {
		t.Fatalf("report --json steps = %+v, want %d", got.Steps, len(want))
	}
	for _, s := range got.Steps {
		w, ok := want[s.Step]
		if !ok || s.Count != 1 || s.MedianHours == nil || *s.MedianHours != w || s.P90Hours == nil || *s.P90Hours != w {
			t.Fatalf("report --json step %+v, want 1 letter at %v hours:\n%s", s, w, out)
		}
	}
	if len(got.Destinations) != 1 || got.Destinations[0]["recipient"] != "Walikota" || got.Destinations[0]["median_hours"] != 3.0 {
		t.Fatalf("report --json destinations = %v, want Walikota at 3 hours", got.Destinations)
	}
	if len(got.Channels) != 1 || got.Channels[0]["channel"] != "ajudan" || got.Channels[0]["deliveries"] != 1.0 {
		t.Fatalf("report --json channels = %v, want one by ajudan", got.Channels)
	}
	if len(got.LateLetters) != 0 || len(got.Daily) != 30 || got.Daily[1]["received"] != 2.0 {
		t.Fatalf("report --json late %v, daily %v; want none late and 2 on 2 November", got.LateLetters, got.Daily)
	}
	if dec.More() {
		t.Fatalf("report --json printed more than one value:\n%s", out)
	}

	if code, _, errOut := d.run("report", "--month", "2026-11", "--json", "-o", filepath.Join(t.TempDir(), "r.pdf")); code != 2 {
		t.Fatalf("report --json -o: exit %d (%q), want 2", code, errOut)
	}
}

// The [paper] settings of the signature block reach the report.
func TestReportSignatureSettings(t *testing.T) {
	d := walkedDesk(t)
	conf := "operator = \"Operator Uji\"\n[paper]\nplace = \"Pekalongan\"\n" +
		"signer_name = \"Bambang Wicaksono, S.Kom.\"\nsigner_nip = \"19800202 200501 1 002\"\n" +
		"head_name = \"Dr. Siti Aminah, M.Kom.\"\nhead_nip = \"19700101 199503 2 001\"\n"
	if err := os.WriteFile(d.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "laporan.pdf")
	d.must("report", "--month", "2026-11", "-o", pdf)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatalf("pdftotext is not installed and SANAPATI_STRICT=1")
		}
		t.Skip("pdftotext is not installed (poppler-utils); set SANAPATI_STRICT=1 to fail instead")
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, w := range []string{"Pekalongan, ", "Bambang Wicaksono, S.Kom.", "NIP. 19800202 200501 1 002",
		"Dr. Siti Aminah, M.Kom.", "NIP. 19700101 199503 2 001", "Mengetahui,"} {
		if !bytes.Contains([]byte(flat), []byte(w)) {
			t.Fatalf("report PDF lacks %q:\n%s", w, flat)
		}
	}
}
