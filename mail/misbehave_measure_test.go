package mail

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMisbehaviourDefaultBounds measures, with the desk's own bounds (30 s
// timeout, 20 s stall window), how long the first attempt against each
// misbehaving server takes to fail: when the operator's first sentence
// (the retry notice, or the Inbox's offline line) appears. It takes about
// half a minute, so it runs under SANAPATI_MEASURE=1 only.
func TestMisbehaviourDefaultBounds(t *testing.T) {
	if os.Getenv("SANAPATI_MEASURE") != "1" {
		t.Skip("set SANAPATI_MEASURE=1 to measure")
	}
	silent := func(n int, c net.Conn, r *bufio.Reader) { io.Copy(io.Discard, r) }
	plays := []struct {
		name string
		play func(n int, c net.Conn, r *bufio.Reader)
	}{
		{"silent from the start", silent},
		{"STARTTLS OK then silence", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
			if tag, _, err := readCommand(r); err == nil {
				fmt.Fprintf(c, "%s OK begin TLS now\r\n", tag)
			}
			io.Copy(io.Discard, r)
		}},
		{"silence after the greeting", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			io.Copy(io.Discard, r)
		}},
		{"silence after LOGIN", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			answerUntil(c, r, "EXAMINE")
			io.Copy(io.Discard, r)
		}},
		{"a byte every 3 s mid-response", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			io.WriteString(c, "* 3 EXISTS\r\n* OK [UIDNEXT 4] ")
			for {
				if _, err := c.Write([]byte("a")); err != nil {
					return
				}
				time.Sleep(3 * time.Second)
			}
		}},
		{"200 MB line", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			streamLongLine(c, 200<<20)
		}},
		{"NO [UNAVAILABLE] at LOGIN", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if tag, _, err := readCommand(r); err == nil {
				fmt.Fprintf(c, "%s NO [UNAVAILABLE] \x1b]0;X\x07busy\x1b[2J\r\n", tag)
			}
		}},
		{"garbage", func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			io.WriteString(c, "%%% \x00 not IMAP\r\n")
			io.Copy(io.Discard, r)
		}},
	}
	for _, p := range plays {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			srv := startScripted(t, p.play)
			a, err := NewAccount(AccountConfig{URL: "imap://" + testUser + "@" + srv.Addr + "/INBOX"},
				envMap(map[string]string{EnvPassword: testPassword}), nil)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, err = Sync(context.Background(), openStore(t), a, SyncOptions{Retries: -1})
			took := time.Since(start)
			var e *Error
			errors.As(err, &e)
			sentence := ""
			if e != nil {
				sentence = e.Message("en")
			}
			t.Logf("first sentence after %v (retried: %v): %s", took.Round(10*time.Millisecond), retryable(err), sentence)
			if took > 60*time.Second || e == nil {
				t.Errorf("first sentence after %v (%v), want an *Error within 60 s", took, err)
			}
		})
	}
}

// TestNoopAgainstDovecot times a sync with nothing new over STARTTLS on
// loopback against a bare STARTTLS session (connect, STARTTLS, TLS, LOGIN,
// STATUS, LOGOUT) of a minimal client, both in this process, and counts
// what the desk sends. Under SANAPATI_MEASURE=1 only.
func TestNoopAgainstDovecot(t *testing.T) {
	if os.Getenv("SANAPATI_MEASURE") != "1" {
		t.Skip("set SANAPATI_MEASURE=1 to measure")
	}
	d := StartDovecot(t)
	d.Deliver(t, crlfMessage(1, 100))
	addr := net.JoinHostPort("localhost", strconv.Itoa(d.Port))
	acct := d.Account(t, "imap://"+d.User+"@"+addr+"/INBOX", d.Password)
	db := openStore(t)
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("first Sync() = %v", err)
	}
	var conv bytes.Buffer
	acct.sent = &lockedWriter{w: &conv}
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("no-op Sync() = %v", err)
	}
	acct.sent = nil
	var sent []string
	for _, l := range strings.Split(strings.TrimSpace(conv.String()), "\r\n") {
		if f := strings.Fields(l); len(f) > 1 {
			sent = append(sent, f[1])
		}
	}
	t.Logf("a no-op sync sent: %s", strings.Join(sent, " "))
	if got := strings.Join(sent, " "); got != "STARTTLS LOGIN STATUS LOGOUT" {
		t.Errorf("a no-op sync sent %q, want STARTTLS LOGIN STATUS LOGOUT", got)
	}

	pem, _ := os.ReadFile(d.CAFile)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	var bare, desk []time.Duration
	for range 21 {
		start := time.Now()
		if err := bareNoop(addr, d.User, d.Password, cfg); err != nil {
			t.Fatalf("bare session: %v", err)
		}
		bare = append(bare, time.Since(start))
		start = time.Now()
		if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
			t.Fatalf("no-op Sync() = %v", err)
		}
		desk = append(desk, time.Since(start))
	}
	slices.Sort(bare)
	slices.Sort(desk)
	b, k := bare[len(bare)/2], desk[len(desk)/2]
	t.Logf("no-op sync over STARTTLS, in-process medians of 21: desk %v, bare session %v, desk/bare = %.2f", k, b, k.Seconds()/b.Seconds())
}

// bareNoop is a minimal client's no-op: connect, greeting, STARTTLS, TLS,
// LOGIN, STATUS, LOGOUT (not waited for).
func bareNoop(addr, user, password string, cfg *tls.Config) error {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer raw.Close()
	r := bufio.NewReader(raw)
	if _, err := r.ReadString('\n'); err != nil {
		return err
	}
	if err := bareCmd(raw, r, "a STARTTLS"); err != nil {
		return err
	}
	tc := tls.Client(raw, cfg)
	if err := tc.Handshake(); err != nil {
		return err
	}
	r = bufio.NewReader(tc)
	if err := bareCmd(tc, r, fmt.Sprintf("b LOGIN %s %s", user, password)); err != nil {
		return err
	}
	if err := bareCmd(tc, r, "c STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)"); err != nil {
		return err
	}
	_, err = io.WriteString(tc, "d LOGOUT\r\n")
	return err
}

func bareCmd(w io.Writer, r *bufio.Reader, cmd string) error {
	if _, err := io.WriteString(w, cmd+"\r\n"); err != nil {
		return err
	}
	tag, _, _ := strings.Cut(cmd, " ")
	for {
		l, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		if strings.HasPrefix(l, tag+" ") {
			if !strings.HasPrefix(l, tag+" OK") {
				return fmt.Errorf("%s: %s", cmd, l)
			}
			return nil
		}
	}
}

// TestNoopProcessAgainstDovecot times `sanapati-desk fetch` with nothing
// new as a whole process (imap:// on loopback, so STARTTLS) against a bare
// STARTTLS session. Under SANAPATI_MEASURE=1 only.
func TestNoopProcessAgainstDovecot(t *testing.T) {
	if os.Getenv("SANAPATI_MEASURE") != "1" {
		t.Skip("set SANAPATI_MEASURE=1 to measure")
	}
	d := StartDovecot(t)
	d.Deliver(t, crlfMessage(1, 100))
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "sanapati-desk")
	if b := os.Getenv("SANAPATI_MEASURE_BIN"); b != "" {
		bin = b
	} else if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	conf := filepath.Join(tmp, "desk.toml")
	url := fmt.Sprintf("imap://%s@localhost:%d/INBOX", d.User, d.Port)
	if err := os.WriteFile(conf, []byte(fmt.Sprintf("[mail]\nurl = %q\nca-file = %q\n", url, d.CAFile)), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(tmp, "desk.db")
	fetch := func() error {
		cmd := exec.Command(bin, "--db", dbPath, "--config", conf, "fetch", "--json")
		cmd.Env = append(os.Environ(), EnvPassword+"="+d.Password, "HOME="+tmp)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("fetch: %v\n%s", err, out)
		}
		if os.Getenv("SANAPATI_MEASURE_BIN") != "" {
			t.Logf("%s", out)
		}
		return nil
	}
	if err := fetch(); err != nil {
		t.Fatal(err)
	}
	pem, _ := os.ReadFile(d.CAFile)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	addr := net.JoinHostPort("localhost", strconv.Itoa(d.Port))
	var bare, desk []time.Duration
	for range 21 {
		start := time.Now()
		if err := bareNoop(addr, d.User, d.Password, cfg); err != nil {
			t.Fatal(err)
		}
		bare = append(bare, time.Since(start))
		start = time.Now()
		if err := fetch(); err != nil {
			t.Fatal(err)
		}
		desk = append(desk, time.Since(start))
	}
	slices.Sort(bare)
	slices.Sort(desk)
	b, k := bare[len(bare)/2], desk[len(desk)/2]
	t.Logf("fetch with nothing new as a process, medians of 21: desk %v, bare session %v, desk/bare = %.2f", k, b, k.Seconds()/b.Seconds())
}
