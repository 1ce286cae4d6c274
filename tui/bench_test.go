package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// The speed targets: with 100,000 letters in the store, the first frame
// within 200 ms of start, and a key press on the Inbox or the Agenda
// handled and drawn within 5 ms. Run:
//
//	go test ./tui/ -run '^$' -bench . -benchtime 20x

const benchLetters = 100_000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchStore builds, once per test binary, a store of benchLetters letters
// of about 4 KB, one in ten registered, all received before testNow, and
// returns its path.
func benchStore(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if keep := os.Getenv("SANAPATI_BENCH_STORE"); keep != "" {
			// Kept for measuring the real binary on it (README, Speed).
			if _, err := os.Stat(keep); err == nil {
				benchPath = keep
				return
			}
			benchErr = seedBench(keep)
			benchPath = keep
			return
		}
		dir, err := os.MkdirTemp("", "sanapati-tui-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "desk.db")
		benchErr = seedBench(benchPath)
	})
	if benchErr != nil {
		b.Fatalf("seed the bench store: %v", benchErr)
	}
	return benchPath
}

func seedBench(path string) error {
	db, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return testNow }, Operator: "bench"})
	if err != nil {
		return err
	}
	defer db.Close()
	body := strings.Repeat("Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi.\r\n", 60)
	start := testNow.Add(-benchLetters * 3 * time.Minute)
	const batch = 5000
	for n := 0; n < benchLetters; n += batch {
		in := make([]store.Incoming, batch)
		for i := range in {
			k := n + i
			in[i] = store.Incoming{
				Raw:        []byte(fmt.Sprintf("From: tu%d@instansi.go.id\r\nSubject: Surat %d\r\n\r\n%s", k%500, k, body)),
				ReceivedAt: start.Add(time.Duration(k) * 3 * time.Minute),
				From:       fmt.Sprintf("Instansi %d <tu%d@instansi.go.id>", k%500, k%500),
				Subject:    fmt.Sprintf("Undangan rapat koordinasi nomor %d", k),
			}
		}
		if _, err := db.Add(in); err != nil {
			return err
		}
	}
	for id := uint64(1); id <= benchLetters; id += 10 {
		if _, err := db.Route(id, []store.Recipient{{Name: "Walikota"}}); err != nil {
			return err
		}
		if _, err := db.RecordCopiesPrinted(id); err != nil {
			return err
		}
		if _, err := db.Register(id, store.Registration{LetterNumber: fmt.Sprintf("005/%d/SJ", id)}); err != nil {
			return err
		}
	}
	return nil
}

// TestMain removes the bench store once the benchmarks are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" && os.Getenv("SANAPATI_BENCH_STORE") == "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}

// openBench opens the bench store, as the desk does at start.
func openBench(b *testing.B) *store.DB {
	b.Helper()
	db, err := store.Open(benchStore(b), store.Options{Now: func() time.Time { return testNow }, Operator: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// benchModel is the desk over the bench store at 120x40 with its first
// frame's data loaded.
func benchModel(b *testing.B, db *store.DB) *harness {
	m := New(Config{DB: db, NoColor: true})
	m.e.tick = false
	h := &harness{db: db, m: m}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.run(loadCounts(db))
	h.run(h.m.inbox.first(h.m.e))
	return h
}

// BenchmarkFirstFrame measures start to first frame: open the store,
// build the model, count the letters by stage, load the Inbox's first page
// and draw the start screen. The clock counts (overdue, due today) and the
// 30-day chart fill in afterwards; BenchmarkTodayCounts measures them.
func BenchmarkFirstFrame(b *testing.B) {
	benchStore(b)
	for b.Loop() {
		db := openBench(b)
		h := benchModel(b, db)
		if v := h.m.View().Content; !strings.Contains(v, "Masuk 90.000") {
			b.Fatalf("the first frame lacks the Inbox count:\n%s", v)
		}
		db.Close()
	}
}

// BenchmarkTodayCounts measures the start screen's slower counts: overdue
// and due today over every open letter, and the 30 working days' chart.
func BenchmarkTodayCounts(b *testing.B) {
	db := openBench(b)
	defer db.Close()
	h := benchModel(b, db)
	for b.Loop() {
		h.run(loadOverview(db))
		h.run(loadChart(db))
	}
	if h.m.today.ov == nil || h.m.today.ov.overdue < 80000 {
		b.Fatalf("overview = %+v", h.m.today.ov)
	}
}

// benchKeys presses j and k in turn on a loaded list and draws each frame.
func benchKeys(b *testing.B, h *harness) {
	j, k := keyMsg("j"), keyMsg("k")
	for i := 0; b.Loop(); i++ {
		key := j
		if i%2 == 1 {
			key = k
		}
		next, cmd := h.m.Update(key)
		h.m = next.(Model)
		if cmd != nil {
			b.Fatal("a key inside the page asked for a command")
		}
		_ = h.m.View()
	}
}

// BenchmarkKeyInbox measures one key press on the Inbox, handled and drawn.
func BenchmarkKeyInbox(b *testing.B) {
	db := openBench(b)
	defer db.Close()
	h := benchModel(b, db)
	h.press("tab")
	if !strings.Contains(h.screen(), "1-50 dari 90.000") {
		b.Fatalf("the Inbox is not loaded:\n%s", h.screen())
	}
	benchKeys(b, h)
}

// BenchmarkKeyAgenda measures one key press on the Agenda, handled and
// drawn.
func BenchmarkKeyAgenda(b *testing.B) {
	db := openBench(b)
	defer db.Close()
	h := benchModel(b, db)
	h.press("tab", "tab")
	if !strings.Contains(h.screen(), "1-50") {
		b.Fatalf("the Agenda is not loaded:\n%s", h.screen())
	}
	benchKeys(b, h)
}

// BenchmarkNextPage measures loading the next page of 50 when the cursor
// runs off the loaded one (in a command, off the key's path).
func BenchmarkNextPage(b *testing.B) {
	db := openBench(b)
	defer db.Close()
	for _, tc := range []struct {
		name string
		f    filter
	}{
		{"inbox", filter{stages: inboxStages}},
		{"agenda", filter{stages: agendaStages, year: 2026}},
		{"archive", filter{}},
		{"search", filter{text: "nomor 9999"}},
		{"due-today", filter{stages: openStages, dueToday: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				start := (i % 20) * pageSize
				if tc.f.dueToday {
					start = 0
				}
				p, err := loadPage(db, tc.f, start, start)
				if err != nil || (len(p.rows) == 0 && tc.f.text == "") {
					b.Fatalf("loadPage() = %d rows, %v", len(p.rows), err)
				}
			}
		})
	}
}
