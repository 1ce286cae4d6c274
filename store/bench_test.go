package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
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
		if _, err := db.RecordCopiesPrinted(id); err != nil {
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
		if _, err := db.RecordCopiesPrinted(id); err != nil {
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

// BenchmarkFullSyncStore is the store's side of the intake bench's full
// sync: 10,000 messages of about 5 KB and five of 1 MB, committed with
// AddFromMailbox in slices of 2 MiB as the intake hands them over (and of
// 8 MiB), with fsync as the desk runs (and without). One op is the whole
// sync into an empty store.
func BenchmarkFullSyncStore(b *testing.B) {
	body := strings.Repeat("Dalam rangka penyusunan rencana kerja persandian pemerintah daerah, dengan hormat kami mengundang.\r\n", 50)
	big := strings.Repeat(strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0", 1)+"\r\n", 1<<20/78)
	var all []Incoming
	for i := 1; i <= 10_005; i++ {
		raw := fmt.Sprintf("From: Tata Usaha <tu@kemendagri.go.id>\r\nSubject: Undangan nomor %d\r\nMessage-ID: <bench-%d@kemendagri.go.id>\r\n\r\n%s", i, i, body)
		if i > 10_000 {
			raw = fmt.Sprintf("Subject: Lampiran %d\r\n\r\n%s", i, big)
		}
		all = append(all, Incoming{Raw: []byte(raw), ReceivedAt: at("2026-11-23 08:00").Add(time.Duration(i) * time.Second),
			Source: Source{Mailbox: "INBOX", UIDValidity: 7, UID: uint32(i)}, From: "Tata Usaha <tu@kemendagri.go.id>",
			Subject: fmt.Sprintf("Undangan nomor %d", i), MessageID: fmt.Sprintf("<bench-%d@kemendagri.go.id>", i),
			Date: at("2026-11-23 08:14")})
	}
	for _, commit := range []int{2 << 20, 8 << 20} {
		var batches [][]Incoming
		for lo := 0; lo < len(all); {
			hi, n := lo, 0
			for hi < len(all) && n < commit {
				n += len(all[hi].Raw)
				hi++
			}
			batches = append(batches, all[lo:hi])
			lo = hi
		}
		for _, nosync := range []bool{false, true} {
			name := fmt.Sprintf("commit=%dMiB/fsync", commit>>20)
			if nosync {
				name = fmt.Sprintf("commit=%dMiB/nosync", commit>>20)
			}
			b.Run(name, func(b *testing.B) { benchFullSync(b, batches, len(all), nosync) })
		}
	}
}

func benchFullSync(b *testing.B, batches [][]Incoming, n int, nosync bool) {
	var size int64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "desk.db")
		db, err := Open(path, Options{Operator: "bench", NoSync: nosync})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		before := cpuTime()
		for i, in := range batches {
			st := MailboxState{UIDValidity: 7, UIDNext: in[len(in)-1].Source.UID + 1}
			if _, err := db.AddFromMailbox("INBOX", st, in); err != nil {
				b.Fatalf("batch %d: %v", i, err)
			}
		}
		b.StopTimer()
		cpu += cpuTime() - before
		db.Close()
		fi, _ := os.Stat(path)
		size = fi.Size()
		b.StartTimer()
	}
	b.ReportMetric(float64(size)/float64(n), "filebytes/letter")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*n), "cpu-µs/letter")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/letter")
}

// cpuTime is the CPU time the process has used, user and system: on a
// shared machine it moves less than the wall clock with what else runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
