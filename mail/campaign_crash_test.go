//go:build linux

package mail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// killMoment is where in a run the crash campaign kills the desk.
type killMoment int

const (
	killStartup killMoment = iota // 0-30 ms after exec: start-up, opening the store, connecting (nothing read yet)
	killLogin                     // at a byte of the TLS handshake, greeting or login
	killMid                       // when the desk has read 5-80% of the run's stream
	killLate                      // when it has read 85-99% of it
	killTail                      // within a quarter of the calibrated tail after it read the last byte: last commits, exit
)

var killMomentNames = [...]string{"before reading a byte", "during login", "mid-fetch", "near the end", "after the last byte"}

// crashPlan is the campaign's 20 kills: start-up, login and mid-fetch in
// random order, then those near the end and after the last byte, which
// may land after the last commit (a burst of reading can carry the desk
// past the aimed byte) and leave later runs nothing to fetch.
func crashPlan(rng *rand.Rand) []killMoment {
	var plan []killMoment
	for _, k := range []struct {
		m killMoment
		n int
	}{{killStartup, 3}, {killLogin, 4}, {killMid, 8}} {
		for range k.n {
			plan = append(plan, k.m)
		}
	}
	rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	return append(plan, killLate, killLate, killLate, killTail, killTail)
}

// TestCampaignCrashDuringSync is campaign 1: `sanapati-desk fetch --json`
// against Dovecot with 2,000 messages, killed with SIGKILL at 20 random
// moments and restarted each time, then run to completion.
//
// The desk reaches Dovecot through a proxy that passes everything on and
// counts the bytes. A kill falls when the desk has read a chosen number of
// them (what the proxy passed on, less what still waits in the socket
// queues, which on loopback hold megabytes): a byte of the login, or a
// fraction of what the run has to fetch. A first fetch into a scratch
// store measures that stream and how long the desk goes on after reading
// its end, to aim the last two kills at the final commits. Start-up kills
// fall 0-30 ms after exec. After each kill the store must open, verify,
// and hold only whole messages, once each, none missing below the
// watermark; at the end all 2,000, `sanapati-desk verify` passes and a
// further fetch finds nothing new.
func TestCampaignCrashDuringSync(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash campaign is not run with -short")
	}
	d := StartDovecot(t)
	rng := campaignRand(t)
	m := seedCampaign(t, d, rng)
	start := time.Now()
	bin := buildDesk(t)
	t.Logf("built the desk in %v", time.Since(start).Round(time.Millisecond))

	p := StartProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
	login := loginBytes(t, d, p)
	tmp := t.TempDir()
	confPath := filepath.Join(tmp, "desk.toml")
	conf := fmt.Sprintf("[mail]\nurl = %q\nca-file = %q\n", d.URL(p.Addr), d.CAFile)
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	desk := func(dbPath string, args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"--db", dbPath, "--config", confPath}, args...)...)
		cmd.Env = append(os.Environ(), EnvPassword+"="+d.Password, "HOME="+tmp,
			"XDG_CONFIG_HOME="+filepath.Join(tmp, "config"), "XDG_DATA_HOME="+filepath.Join(tmp, "data"))
		return cmd
	}

	// Calibration: one whole fetch into a scratch store, watched.
	proxyPort := p.ln.Addr().(*net.TCPAddr).Port
	type mark struct {
		at   time.Time
		read int64
	}
	var marks []mark
	base := p.Served()
	start = time.Now()
	stop := watchRead(p, proxyPort, base, func(read int64) bool {
		marks = append(marks, mark{time.Now(), read})
		return false
	})
	out, err := desk(filepath.Join(tmp, "calibration.db"), "fetch", "--json").Output()
	full, exited := time.Since(start), time.Now()
	stop()
	if err != nil {
		t.Fatalf("calibration fetch: %v\n%s%s", err, out, exitStderr(err))
	}
	stream := p.Served() - base
	tail := full
	for _, mk := range marks {
		if mk.read >= stream-8192 {
			tail = exited.Sub(mk.at)
			break
		}
	}
	perMessage := float64(stream-login-m.bytes) / float64(len(m.uids))
	streamFrom := func(from imap.UID) int64 { // the server's bytes for a fetch from a watermark
		n := 0
		for _, u := range m.uids {
			if u >= from {
				n++
			}
		}
		return login + m.bytesFrom(from) + int64(perMessage*float64(n))
	}
	t.Logf("calibration: a whole fetch is %d bytes from the server (%.0f per message besides the message), %v; "+
		"the desk exits %v after reading its last 8 KB", stream, perMessage, full.Round(time.Millisecond), tail.Round(time.Millisecond))

	dbPath := filepath.Join(tmp, "data", "desk.db")
	plan := crashPlan(rng)
	start = time.Now()
	var (
		runs, kills, early int
		byMoment           [len(killMomentNames)]int
		wm                 = imap.UID(1)
	)
	for i := 0; i < len(plan); i++ {
		want := plan[i]
		if runs++; runs > 2*campaignKills {
			t.Fatalf("%d runs and only %d kills landed", runs, kills)
		}
		end := streamFrom(wm)
		if end <= login+4096 && want > killLogin {
			want = killLogin // nothing left to fetch: only the login remains
		}
		var stdout, stderr bytes.Buffer
		cmd := desk(dbPath, "fetch", "--json")
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		var (
			mu     sync.Mutex
			proc   *os.Process
			timer  *time.Timer
			killed bool
			at     int64 // server bytes the desk had read when killed
		)
		base := p.Served()
		kill := func() {
			mu.Lock()
			defer mu.Unlock()
			if killed || proc == nil {
				return
			}
			read := p.Served() - base - clientUnread(proxyPort)
			if proc.Kill() == nil {
				killed, at = true, read
			}
		}
		killAt := func(threshold int64, after time.Duration) func(int64) bool {
			return func(read int64) bool {
				if read < threshold {
					return false
				}
				mu.Lock()
				timer = time.AfterFunc(after, kill)
				mu.Unlock()
				return true
			}
		}
		stop := func() {}
		switch want {
		case killLogin:
			p.Trip(1+rng.Int64N(login), func(int64) { kill() })
		case killMid:
			stop = watchRead(p, proxyPort, base, killAt(login+int64(float64(end-login)*(0.05+0.75*rng.Float64())), 0))
		case killLate:
			stop = watchRead(p, proxyPort, base, killAt(login+int64(float64(end-login)*(0.85+0.14*rng.Float64())), 0))
		case killTail:
			stop = watchRead(p, proxyPort, base, killAt(end-8192, time.Duration(rng.Int64N(int64(tail/4)+1))))
		}
		runStart := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatalf("run %d: start the desk: %v", runs, err)
		}
		mu.Lock()
		proc = cmd.Process
		if want == killStartup {
			timer = time.AfterFunc(time.Duration(rng.IntN(30_000))*time.Microsecond, kill)
		}
		mu.Unlock()
		err := cmd.Wait()
		stop()
		p.Trip(0, nil)
		elapsed := time.Since(runStart)
		mu.Lock()
		if timer != nil {
			timer.Stop()
		}
		wasKilled, got := killed, at
		mu.Unlock()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		switch {
		case wasKilled && ws.Signaled() && ws.Signal() == syscall.SIGKILL:
			kills++
			moment := killMid
			switch {
			case got <= 0:
				moment = killStartup
			case got <= login:
				moment = killLogin
			case got >= end-8192:
				moment = killTail
			case float64(got-login) >= 0.85*float64(end-login):
				moment = killLate
			}
			byMoment[moment]++
			t.Logf("run %d: killed %s, %v after exec, having read %d of about %d bytes",
				runs, killMomentNames[moment], elapsed.Round(time.Millisecond), got, end)
		case err == nil:
			early++
			plan = append(plan, killLogin)
			t.Logf("run %d: the fetch finished before its kill (%s), in %v: %s",
				runs, killMomentNames[want], elapsed.Round(time.Millisecond), bytes.TrimSpace(stdout.Bytes()))
		default:
			t.Fatalf("run %d: the fetch failed on its own: %v\n%s", runs, err, stderr.Bytes())
		}

		db, err := store.Open(dbPath, store.Options{})
		if err != nil {
			t.Fatalf("run %d: store.Open() after a kill = %v", runs, err)
		}
		tl := m.checkStore(t, db, fmt.Sprintf("run %d", runs))
		db.Close()
		if t.Failed() {
			t.FailNow()
		}
		wm = max(imap.UID(tl.uidNext), 1)
		t.Logf("run %d: the store opens and verifies; %d messages stored, watermark UID %d", runs, tl.stored, tl.uidNext)
	}

	// One more fetch to the end, then verify, then nothing new.
	runs++
	out, err = desk(dbPath, "fetch", "--json").Output()
	if err != nil {
		t.Fatalf("the last fetch: %v\n%s", err, exitStderr(err))
	}
	type fetchResult struct{ New, Total, Duplicates, Problems int }
	var last, again fetchResult
	if err := json.Unmarshal(out, &last); err != nil {
		t.Fatalf("the last fetch printed %q: %v", out, err)
	}
	if last.Total != campaignMessages {
		t.Errorf("the last fetch saw %d messages in the mailbox, want %d", last.Total, campaignMessages)
	}
	verified := "verify OK"
	if out, err := desk(dbPath, "verify").Output(); err != nil {
		t.Errorf("sanapati-desk verify: %v\n%s%s", err, out, exitStderr(err))
		verified = "verify FAILED"
	}
	out, err = desk(dbPath, "fetch", "--json").Output()
	if err != nil || json.Unmarshal(out, &again) != nil || again.New != 0 {
		t.Errorf("a fetch with nothing new: %v: %s", err, out)
	}
	elapsed := time.Since(start)
	db, err := store.Open(dbPath, store.Options{})
	if err != nil {
		t.Fatalf("store.Open() after the campaign = %v", err)
	}
	defer db.Close()
	tl := m.checkStore(t, db, "after the campaign")
	lost := len(m.uids) - tl.stored
	if lost != 0 || tl.duplicated != 0 {
		t.Errorf("after the campaign: %d of %d stored, %d duplicated", tl.stored, len(m.uids), tl.duplicated)
	}
	if want := uint32(m.uids[len(m.uids)-1]) + 1; tl.uidNext != want {
		t.Errorf("watermark after the campaign = UID %d, want %d", tl.uidNext, want)
	}
	if kills != campaignKills {
		t.Errorf("%d kills landed, want %d", kills, campaignKills)
	}
	var moments []string
	for k, n := range byMoment {
		moments = append(moments, fmt.Sprintf("%d %s", n, killMomentNames[k]))
	}
	figures(t, "crash during sync: %d runs, %d kills, %d lost, %d duplicated (kills %s; %d run(s) finished before their kill; "+
		"%d messages, %.1f MB, %d of 1 MB; last fetch %d new, %d already stored; %s; %v, one whole fetch %v)",
		runs, kills, lost, tl.duplicated, strings.Join(moments, ", "), early, len(m.uids), float64(m.bytes)/1e6, len(m.large),
		last.New, last.Duplicates, verified, elapsed.Round(100*time.Millisecond), full.Round(10*time.Millisecond))
}

// watchRead calls fn, every millisecond until it returns true or
// stop is called, with the number of server bytes the desk has read
// through p since base: what p passed on, less what still waits in the
// receive queue of the desk's connection to p's port.
func watchRead(p *Proxy, port int, base int64, fn func(read int64) bool) (stop func()) {
	done, quit := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				if fn(p.Served() - base - clientUnread(port)) {
					return
				}
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

// clientUnread is how many bytes p has passed on that the desk has not
// read yet, from Linux's /proc/net/tcp: what waits in the send queue of
// p's side of the established IPv4 connections on port, and in the
// receive queue of the desk's side. On loopback these hold megabytes.
func clientUnread(port int) int64 {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return 0
	}
	suffix := fmt.Sprintf(":%04X", port)
	var n int64
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 5 || f[3] != "01" {
			continue
		}
		tx, rx, _ := strings.Cut(f[4], ":")
		q := ""
		switch {
		case strings.HasSuffix(f[1], suffix): // p's side: what it wrote, not yet taken
			q = tx
		case strings.HasSuffix(f[2], suffix): // the desk's side: received, not yet read
			q = rx
		}
		if v, err := strconv.ParseInt(q, 16, 64); err == nil {
			n += v
		}
	}
	return n
}
