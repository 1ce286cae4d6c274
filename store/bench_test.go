package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchLetters is the size of the store the speed targets name.
const benchLetters = 100_000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchStore builds, once per test binary, a store of benchLetters letters
// of about 5 KB each, one in ten registered, and returns its path.
func benchStore(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sanapati-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "desk.db")
		benchErr = seedBench(benchPath)
	})
	if benchErr != nil {
		b.Fatalf("seed bench store: %v", benchErr)
	}
	return benchPath
}

func seedBench(path string) error {
	clk := &testClock{t: at("2026-01-05 08:00")}
	db, err := Open(path, Options{NoSync: true, Now: clk.Now})
	if err != nil {
		return err
	}
	defer db.Close()
	body := strings.Repeat("Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi.\r\n", 70)
	start := at("2026-01-05 08:00")
	const batch = 2000
	for n := 0; n < benchLetters; n += batch {
		in := make([]Incoming, batch)
		for i := range in {
			k := n + i
			in[i] = Incoming{
				Raw:        []byte(fmt.Sprintf("From: tu%d@instansi.go.id\r\nSubject: Surat nomor %d\r\nMessage-ID: <%d@x>\r\n\r\n%s", k%500, k, k, body)),
				ReceivedAt: start.Add(time.Duration(k) * 3 * time.Minute),
				Source:     Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(k + 1)},
				From:       fmt.Sprintf("Instansi %d <tu%d@instansi.go.id>", k%500, k%500),
				Subject:    fmt.Sprintf("Undangan rapat koordinasi nomor %d", k),
				MessageID:  fmt.Sprintf("<%d@x>", k),
			}
		}
		if _, err := db.Add(in); err != nil {
			return err
		}
	}
	// One in ten goes through registration, so the agenda book is real.
	for id := uint64(1); id <= benchLetters; id += 10 {
		clk.Set(at("2026-01-05 08:00").Add(time.Duration(id) * 3 * time.Minute))
		if _, err := db.Route(id, []Recipient{{Name: "Walikota"}}); err != nil {
			return err
		}
		if _, err := db.PrintCopies(id); err != nil {
			return err
		}
		if _, err := db.Register(id, Registration{LetterNumber: fmt.Sprintf("005/%d/SJ", id)}); err != nil {
			return err
		}
	}
	return nil
}

// openBench opens a private copy of the bench store, so benchmarks that
// write do not change what the others measure.
func openBench(b *testing.B, opts Options) (*DB, string) {
	b.Helper()
	src, err := os.ReadFile(benchStore(b))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "desk.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := Open(path, opts)
	if err != nil {
		b.Fatal(err)
	}
	return db, path
}

func BenchmarkOpen(b *testing.B) {
	db, path := openBench(b, Options{})
	db.Close()
	fi, _ := os.Stat(path)
	for b.Loop() {
		db, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.ReportMetric(float64(fi.Size())/benchLetters, "filebytes/letter")
}

func BenchmarkPage50(b *testing.B) {
	db, _ := openBench(b, Options{})
	defer db.Close()
	for i := 0; b.Loop(); i++ {
		page, err := db.List(Query{Limit: 50, Offset: (i % 100) * 50})
		if err != nil || len(page) != 50 {
			b.Fatalf("List() = %d, %v", len(page), err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	db, _ := openBench(b, Options{})
	defer db.Close()
	for _, q := range []struct{ name, text string }{
		{"agenda", "0421/2026"},
		{"letter_number", "005/4201/sj"},
		{"sender", "instansi 317 "},
		{"subject", "koordinasi nomor 99999"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				got, err := db.List(Query{Text: q.text, Limit: 50})
				if err != nil || len(got) == 0 {
					b.Fatalf("List(%q) = %d, %v", q.text, len(got), err)
				}
			}
		})
	}
}

func BenchmarkRegister(b *testing.B) {
	db, _ := openBench(b, Options{})
	defer db.Close()
	ids := make([]uint64, 0, b.N)
	for id := uint64(2); len(ids) < 5000 && id <= benchLetters; id++ {
		if id%10 == 1 {
			continue
		}
		if _, err := db.Route(id, []Recipient{{Name: "Walikota"}}); err != nil {
			b.Fatal(err)
		}
		if _, err := db.PrintCopies(id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i == len(ids) {
			b.Fatalf("ran out of letters to register")
		}
		if _, err := db.Register(ids[i], Registration{LetterNumber: "1/2/3"}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAddBatch measures storing fetched messages: 1,000 of about 5 KB
// in one transaction, as the intake commits them.
func BenchmarkAddBatch(b *testing.B) {
	db, _ := openTest(b)
	body := strings.Repeat("Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi.\r\n", 70)
	n := 0
	for b.Loop() {
		in := make([]Incoming, 1000)
		for i := range in {
			n++
			in[i] = Incoming{Raw: []byte(fmt.Sprintf("Subject: %d\r\n\r\n%s", n, body)), ReceivedAt: at("2026-11-23 08:00"),
				Source: Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(n)}, From: "Instansi <tu@instansi.go.id>", Subject: fmt.Sprint(n)}
		}
		if _, err := db.Add(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/letter")
}
