//go:build linux

package mail

// The speed bench: run with
//
//	SANAPATI_BENCH=1 go test ./mail -run TestBench -v -timeout 30m
//
// It seeds Dovecot with 10,000 messages of about 5 KB and five with a 1 MB
// attachment, then times, in the same run: our full sync into an empty
// store against mbsync (isync) to a Maildir, three times each in turns,
// comparing medians; `sanapati-desk fetch` with nothing new as a whole
// process against a bare STARTTLS session, in this process and as a
// process of its own (bench_noop_test.go), 20 times each in turns; and the
// full sync through a proxy adding 20 ms of round trip.
// Our full syncs run in child processes so their peak resident memory is
// measured alone. The figures also go to the file $SANAPATI_FIGURES
// names. SANAPATI_BENCH_100K=1 also times the no-op sync against a
// mailbox of 100,000 messages; SANAPATI_BENCH_PROFILE=DIR keeps a CPU
// profile of each child process in DIR.

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"sanapati-desk/store"
)

const envBenchChild = "SANAPATI_BENCH_CHILD"

// envBenchProfile names a folder where each child process of the bench
// writes its CPU profile and execution trace (child-01.prof and
// child-01.trace are the first full sync).
const envBenchProfile = "SANAPATI_BENCH_PROFILE"

var benchProfiles atomic.Int64

// benchMessage is a realistic message of about size bytes.
func benchMessage(i, size int) []byte {
	head := fmt.Sprintf("From: Tata Usaha Kemendagri <tu@kemendagri.go.id>\r\nTo: persandian@pekalongankota.go.id\r\n"+
		"Subject: Undangan Rapat Koordinasi Persandian nomor %d\r\nDate: Mon, 23 Nov 2026 08:14:00 +0700\r\n"+
		"Message-ID: <bench-%d@kemendagri.go.id>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"Jakarta, 23 November 2026\r\n\r\nNomor    : 005/%d/SJ\r\nSifat    : Biasa\r\nLampiran : -\r\nHal      : Undangan Rapat Koordinasi\r\n\r\n", i, i, i)
	line := "Dalam rangka penyusunan rencana kerja persandian pemerintah daerah, dengan hormat kami mengundang.\r\n"
	var b strings.Builder
	b.WriteString(head)
	for b.Len() < size {
		b.WriteString(line)
	}
	return []byte(b.String())
}

// bigMessage carries a 1 MB PDF-typed attachment.
func bigMessage(i int) []byte {
	data := make([]byte, 1<<20)
	rand.Read(data)
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	fmt.Fprintf(&b, "From: BSSN <persuratan@bssn.go.id>\r\nSubject: Lampiran besar %d\r\nMessage-ID: <big-%d@bssn.go.id>\r\n"+
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nTerlampir.\r\n"+
		"--b\r\nContent-Type: application/pdf; name=besar.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n", i, i)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--b--\r\n")
	return []byte(b.String())
}

// childResult is what a child process reports.
type childResult struct {
	New     int           `json:"new"`
	Total   int           `json:"total"`
	Elapsed time.Duration `json:"elapsed"`
	Err     string        `json:"err,omitempty"`
	// CPU is the child's user and system time, which runChild reads.
	CPU time.Duration `json:"-"`
}

// TestBenchChild is the child process of the bench: it syncs once and
// prints the result. It does nothing in a normal test run.
func TestBenchChild(t *testing.T) {
	if os.Getenv(envBenchChild) == "" {
		t.Skip("only run as the bench's child process")
	}
	start := time.Now()
	var res childResult
	// As the desk's fetch does: the connection starts, then the store opens
	// while the server prepares its greeting.
	acct, err := NewAccount(AccountConfig{URL: os.Getenv(EnvURL), CAFile: os.Getenv("BENCH_CA")}, os.Getenv, nil)
	if err == nil {
		acct.Preconnect(context.Background())
		var db *store.DB
		if db, err = store.Open(os.Getenv("BENCH_DB"), store.Options{}); err == nil {
			var r SyncResult
			r, err = Sync(context.Background(), db, acct, SyncOptions{})
			res.New, res.Total = r.New, r.Total
			db.Close()
		}
	}
	if err != nil {
		res.Err = err.Error()
	}
	res.Elapsed = time.Since(start)
	json.NewEncoder(os.Stdout).Encode(res)
	if os.Getenv(envBenchProfile) == "" {
		os.Exit(0) // nothing of the test framework in the process's time
	}
}

// runChild syncs url into dbPath in a child process; it returns the
// result, the wall time of the whole process and its peak RSS in MB.
func runChild(t *testing.T, url, ca, password, dbPath string) (childResult, time.Duration, int64) {
	t.Helper()
	args := []string{"-test.run=^TestBenchChild$"}
	if dir := os.Getenv(envBenchProfile); dir != "" {
		n := benchProfiles.Add(1)
		args = append(args, fmt.Sprintf("-test.cpuprofile=%s/child-%02d.prof", dir, n),
			fmt.Sprintf("-test.trace=%s/child-%02d.trace", dir, n))
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), envBenchChild+"=1", EnvURL+"="+url, EnvPassword+"="+password,
		"BENCH_CA="+ca, "BENCH_DB="+dbPath)
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		t.Fatalf("child sync: %v\n%s", err, out)
	}
	var res childResult
	line := out
	if i := strings.IndexByte(string(out), '{'); i >= 0 {
		line = out[i:]
	}
	if err := json.Unmarshal([]byte(strings.SplitN(string(line), "\n", 2)[0]), &res); err != nil {
		t.Fatalf("child output %q: %v", out, err)
	}
	if res.Err != "" {
		t.Fatalf("child sync: %s", res.Err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	res.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return res, wall, ru.Maxrss / 1024
}

// benchSyncRounds is how many times the bench times each full sync.
const benchSyncRounds = 3

// roundFig rounds a duration for the figures.
func roundFig(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

func TestBenchSyncVsMbsync(t *testing.T) {
	if os.Getenv("SANAPATI_BENCH") != "1" {
		t.Skip("set SANAPATI_BENCH=1 to run the speed bench")
	}
	if _, err := exec.LookPath("mbsync"); err != nil {
		SkipOrFail(t, "mbsync is not installed (apt-get install isync)")
	}
	d := StartDovecot(t)
	start := time.Now()
	var total int64
	for i := 1; i <= 10_000; i++ {
		m := benchMessage(i, 5000)
		total += int64(len(m))
		d.Deliver(t, m)
	}
	for i := 1; i <= 5; i++ {
		m := bigMessage(i)
		total += int64(len(m))
		d.Deliver(t, m)
	}
	d.chown(t)
	syscall.Sync() // the seeding's writeback must not land in anyone's timing
	t.Logf("seeded 10,005 messages, %.1f MB, in %v", float64(total)/1e6, time.Since(start))
	start = time.Now()
	d.Doveadm(t, "fetch", "-u", d.User, "uid size.physical", "mailbox", "INBOX") // build the index: time a warm mailbox
	t.Logf("Dovecot indexed the mailbox in %v", time.Since(start))

	tmp := t.TempDir()
	// Ours, full sync into an empty store (fsync on, as the desk runs),
	// and mbsync, same mailbox, to a Maildir with its defaults (FSync
	// yes), in turns, benchSyncRounds times: the ratio is of the medians,
	// so that one slow moment of the machine does not make the figure.
	var ours, mbs []time.Duration
	var inProcess []time.Duration
	var rss int64
	fullDB := filepath.Join(tmp, "full.db")
	for r := range benchSyncRounds {
		db := fullDB
		if r > 0 {
			db = filepath.Join(tmp, fmt.Sprintf("full-%d.db", r))
		}
		res, wall, peak := runChild(t, d.URL(""), d.CAFile, d.Password, db)
		if res.New != 10_005 {
			t.Fatalf("full sync stored %d, want 10005", res.New)
		}
		if r > 0 {
			os.Remove(db)
		}
		ours, inProcess, rss = append(ours, wall), append(inProcess, res.Elapsed), max(rss, peak)
		dir := filepath.Join(tmp, fmt.Sprintf("mbsync-%d", r))
		mbs = append(mbs, runMbsync(t, d, dir, true, 10_005))
		os.RemoveAll(dir)
		syscall.Sync()
		t.Logf("round %d: ours %v as a process (%v in-process, %v of CPU), mbsync %v: %.3f", r+1,
			wall.Round(time.Millisecond), res.Elapsed.Round(time.Millisecond), res.CPU.Round(time.Millisecond),
			roundFig(mbs[r]), wall.Seconds()/mbs[r].Seconds())
	}
	// Nothing given up for the speed: the store of the first sync verifies
	// (hash chain, each record against its event, each message against its
	// SHA-256) and holds every message.
	if db, err := store.Open(fullDB, store.Options{}); err != nil {
		t.Fatalf("open the synced store: %v", err)
	} else {
		rep, err := db.Verify()
		db.Close()
		if err != nil || !rep.OK() || rep.Letters != 10_005 || rep.Events != 10_005 {
			t.Fatalf("Verify() after the full sync = %s %v, %v", rep.Summary(), rep.Problems, err)
		}
	}
	mbNoFsync := runMbsync(t, d, filepath.Join(tmp, "mbsync-nofsync"), false, 10_005)
	syscall.Sync()
	ratio := median(ours).Seconds() / median(mbs).Seconds()
	figures(t, "full sync of 10,005 messages (57 MB) from Dovecot: ours %v as a process (median of %d; %v in-process), peak RSS %d MB; "+
		"mbsync %v (FSync yes, its default; %v with FSync no); ours/mbsync = %.3f (target <= 0.10)",
		roundFig(median(ours)), benchSyncRounds, roundFig(median(inProcess)), rss, roundFig(median(mbs)), roundFig(mbNoFsync), ratio)

	// Nothing new: a bare STARTTLS session against the desk's fetch as a
	// whole process, both over STARTTLS on loopback.
	bare, noop, bareProc := benchNoop(t, d, fullDB)
	// The minimal client as a program of its own: what any process pays
	// above the session it runs, the floor of "a whole process".
	figures(t, "nothing new, context: an empty Go program runs in %v; the bare session as a process of its own %v, %.2fx the same session in-process; desk/that process = %.2f",
		roundFig(emptyProgram(t)), roundFig(bareProc), bareProc.Seconds()/bare.Seconds(), noop.Seconds()/bareProc.Seconds())
	figures(t, "nothing new, 10,005 messages: sanapati-desk fetch %v as a whole process, bare STARTTLS session %v in-process (medians of %d, in turns with the bare session as a process); desk/bare = %.2f (target <= 1.5)",
		roundFig(noop), roundFig(bare), noopRuns, noop.Seconds()/bare.Seconds())

	// 20 ms of round trip.
	p := StartProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
	p.SetDelay(10 * time.Millisecond)
	res, rttWall, rttRSS := runChild(t, d.URL(p.Addr), d.CAFile, d.Password, filepath.Join(tmp, "rtt.db"))
	if res.New != 10_005 {
		t.Fatalf("sync over 20 ms RTT stored %d", res.New)
	}
	t.Logf("ours, full sync over 20 ms RTT: %v as a process, peak RSS %d MB; ratio to loopback %.2f (target <= 1.5)",
		rttWall, rttRSS, rttWall.Seconds()/median(ours).Seconds())
	_, noopRTT, _ := runChild(t, d.URL(p.Addr), d.CAFile, d.Password, filepath.Join(tmp, "rtt.db"))
	t.Logf("ours, nothing new over 20 ms RTT: %v as a process", noopRTT)

	if os.Getenv("SANAPATI_BENCH_100K") == "1" {
		for i := 10_006; i <= 100_000; i++ {
			d.Deliver(t, benchMessage(i, 1000))
		}
		d.chown(t)
		d.Doveadm(t, "fetch", "-u", d.User, "uid", "mailbox", "INBOX")
		db := fullDB
		runChild(t, d.URL(""), d.CAFile, d.Password, db) // fetch the new ones
		var best time.Duration
		for i := 0; i < 5; i++ {
			_, w, _ := runChild(t, d.URL(""), d.CAFile, d.Password, db)
			if best == 0 || w < best {
				best = w
			}
		}
		t.Logf("ours, nothing new, 100,000 messages: %v as a whole process (best of 5)", best)
	}
}

// runMbsync pulls the INBOX, of want messages, with mbsync into dir and
// returns the wall time.
func runMbsync(t *testing.T, d *Dovecot, dir string, fsync bool, want int) time.Duration {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	fs := "yes"
	if !fsync {
		fs = "no"
	}
	rc := fmt.Sprintf(`FSync %s

IMAPAccount bench
Host localhost
Port %d
User %s
Pass %s
SSLType IMAPS
CertificateFile %s

IMAPStore remote
Account bench

MaildirStore local
Path %s/
Inbox %s/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
`, fs, d.TLSPort, d.User, d.Password, d.CAFile, dir, dir)
	rcPath := filepath.Join(dir, "mbsyncrc")
	if err := os.WriteFile(rcPath, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := exec.Command("mbsync", "-q", "-c", rcPath, "-a").CombinedOutput()
	el := time.Since(start)
	if err != nil {
		t.Fatalf("mbsync: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "INBOX", "cur", "*"))
	news, _ := filepath.Glob(filepath.Join(dir, "INBOX", "new", "*"))
	if len(files)+len(news) != want {
		t.Fatalf("mbsync fetched %d messages, want %d", len(files)+len(news), want)
	}
	return el
}
