package mail

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"

	"sanapati-desk/store"
)

// scripted is a raw-socket IMAP server that plays what no well-behaved
// server sends. play runs once per connection, numbered from 0.
type scripted struct {
	Addr string
	ln   net.Listener

	mu       sync.Mutex
	accepted int
	conns    []net.Conn
}

func startScripted(t testing.TB, play func(n int, c net.Conn, r *bufio.Reader)) *scripted {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	s := &scripted{Addr: ln.Addr().String(), ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			n := s.accepted
			s.accepted++
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			go func() {
				defer c.Close()
				play(n, c, bufio.NewReader(c))
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.mu.Lock()
		for _, c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
	})
	return s
}

func (s *scripted) Accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}

// readCommand reads the client's next command line and returns its tag
// and name (upper case).
func readCommand(r *bufio.Reader) (tag, name string, err error) {
	l, err := r.ReadString('\n')
	if err != nil {
		return "", "", err
	}
	f := strings.Fields(l)
	if len(f) < 2 {
		return "", "", fmt.Errorf("not a command: %q", l)
	}
	return f[0], strings.ToUpper(f[1]), nil
}

// answerUntil answers OK to every command until one named name comes, and
// returns its tag. LOGIN's OK carries the capabilities.
func answerUntil(c net.Conn, r *bufio.Reader, name string) (string, bool) {
	for {
		tag, cmd, err := readCommand(r)
		if err != nil {
			return "", false
		}
		if cmd == name {
			return tag, true
		}
		switch cmd {
		case "LOGIN":
			fmt.Fprintf(c, "%s OK [CAPABILITY IMAP4rev1] logged in\r\n", tag)
		case "LOGOUT":
			fmt.Fprintf(c, "* BYE\r\n%s OK bye\r\n", tag)
			return "", false
		default:
			fmt.Fprintf(c, "%s OK done\r\n", tag)
		}
	}
}

const greet = "* OK [CAPABILITY IMAP4rev1] scripted server ready\r\n"

// shortBounds makes the watchdog's bounds test-sized for one test.
func shortBounds(t *testing.T, window time.Duration) {
	old := [...]time.Duration{stallWindow, cutGrace}
	oldWait := maxWaitBytes
	stallWindow, cutGrace, maxWaitBytes = window, time.Second, 4<<20
	t.Cleanup(func() { stallWindow, cutGrace, maxWaitBytes = old[0], old[1], oldWait })
}

// misbehaveAccount is an account for addr with a short timeout, trusting
// the test CA in dir when dir is not empty.
func misbehaveAccount(t *testing.T, addr, caDir string, timeout time.Duration) *Account {
	t.Helper()
	cfg := AccountConfig{URL: "imap://" + testUser + "@" + addr + "/INBOX", Timeout: timeout}
	if caDir != "" {
		cfg.CAFile = filepath.Join(caDir, "ca.pem")
	}
	a, err := NewAccount(cfg, envMap(map[string]string{EnvPassword: testPassword}), nil)
	if err != nil {
		t.Fatalf("NewAccount() = %v", err)
	}
	return a
}

// hasControl reports whether s holds a byte that can act on a terminal.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return true
		}
	}
	return false
}

// afterMisbehaviour checks that the store is whole and that an honest
// server is synced into it at once.
func afterMisbehaviour(t *testing.T, db *store.DB) {
	t.Helper()
	rep, err := db.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("Verify() = %+v, %v; want a whole store", rep, err)
	}
	srv := startMemServer(t, nil)
	srv.appendMessages(t, testMessage(1), testMessage(2))
	res, err := Sync(context.Background(), db, testAccount(t, srv.Addr, testPassword), SyncOptions{})
	if err != nil || res.New != 2 {
		t.Fatalf("honest Sync() afterwards = %+v, %v; want 2 new", res, err)
	}
}

// TestMisbehavingServers plays each misbehaviour against a sync with
// test-sized bounds: the sync gives up within the bound with the right
// kind of error, a sentence free of control bytes, retries only what is
// worth retrying, and leaves the store whole.
func TestMisbehavingServers(t *testing.T) {
	certs := t.TempDir()
	writeTestCerts(t, certs)
	const timeout = time.Second
	tests := []struct {
		name    string
		play    func(n int, c net.Conn, r *bufio.Reader)
		kind    Kind
		op      string // in Error()
		within  time.Duration
		retried bool
		says    string // in Error()
	}{{
		name: "STARTTLS OK then silence",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
			if tag, _, err := readCommand(r); err == nil {
				fmt.Fprintf(c, "%s OK begin TLS now\r\n", tag)
			}
			io.Copy(io.Discard, r) // the handshake never gets an answer
		},
		kind: KindNetwork, op: "TLS", within: timeout + 3*time.Second, retried: true,
	}, {
		name: "silence after the greeting",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			io.Copy(io.Discard, r)
		},
		kind: KindNetwork, op: "LOGIN", within: timeout + 3*time.Second, retried: true,
	}, {
		name: "trickle mid-response",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			io.WriteString(c, "* 3 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [UIDNEXT 4] ")
			for {
				if _, err := c.Write([]byte("a")); err != nil {
					return
				}
				time.Sleep(200 * time.Millisecond)
			}
		},
		kind: KindNetwork, op: "EXAMINE", within: 2*time.Second + 4*time.Second, retried: true, says: "bytes in",
	}, {
		name: "200 MB response line",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			streamLongLine(c, 200<<20)
		},
		kind: KindProtocol, op: "EXAMINE", within: 5 * time.Second, says: "longer than the desk accepts",
	}, {
		name: "NO [UNAVAILABLE] with escapes at LOGIN",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			tag, _, err := readCommand(r)
			if err != nil {
				return
			}
			fmt.Fprintf(c, "%s NO [UNAVAILABLE] \x1b]0;DIRETAS\x07maintenance\x1b[2J\x9b2J, back soon\r\n", tag)
		},
		kind: KindUnavailable, op: "LOGIN", within: 3 * time.Second, retried: true, says: "maintenance",
	}, {
		name: "garbage response",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			io.WriteString(c, "%%% \x00\x01 this is not IMAP\r\n")
			io.Copy(io.Discard, r)
		},
		kind: KindProtocol, op: "EXAMINE", within: 3 * time.Second,
	}, {
		name: "responses without end",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			flood := bytes.Repeat([]byte("* 1 EXISTS\r\n"), 4096)
			for {
				if _, err := c.Write(flood); err != nil {
					return
				}
			}
		},
		// 4 MiB of tiny responses go through go-imap's parser, which -race
		// on a loaded machine slows several times: seen at 15 s.
		kind: KindProtocol, op: "EXAMINE", within: 10 * time.Second, says: "without finishing",
	}, {
		name: "trickled greeting",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			for {
				if _, err := c.Write([]byte("*")); err != nil {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		},
		kind: KindNetwork, op: "greeting", within: timeout + 3*time.Second, retried: true, says: "no complete answer within",
	}, {
		name: "garbage greeting",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, "HTTP/1.1 400 Bad Request\r\n\r\n")
			io.Copy(io.Discard, r)
		},
		kind: KindProtocol, op: "greeting", within: 3 * time.Second,
	}, {
		name: "BYE at the greeting",
		play: func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, "* BYE [UNAVAILABLE] too many connections \x1b]52;c;ZGlyZXRhcw==\x07\r\n")
		},
		kind: KindUnavailable, op: "greeting", within: 3 * time.Second, retried: true, says: "too many connections",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shortBounds(t, 2*time.Second)
			srv := startScripted(t, tc.play)
			db := openStore(t)
			acct := misbehaveAccount(t, srv.Addr, certs, timeout)
			var notices []string
			start := time.Now()
			_, err := Sync(context.Background(), db, acct, SyncOptions{Retries: 1,
				backoff: func(int) time.Duration { return 10 * time.Millisecond },
				OnRetry: func(err error, _ time.Duration) {
					notices = append(notices, err.Error())
					t.Logf("notice: %v", err)
					if len(notices) == 1 {
						t.Logf("first notice after %v", time.Since(start).Round(time.Millisecond))
					}
				}})
			took := time.Since(start)
			t.Logf("gave up after %v: %v", took.Round(time.Millisecond), err)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Sync() = %v (%T), want an *Error", err, err)
			}
			if e.Kind != tc.kind {
				t.Errorf("Kind = %v, want %v (%v)", e.Kind, tc.kind, err)
			}
			if !strings.Contains(err.Error(), tc.op) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("Error() = %q, want it to name %q and say %q", err, tc.op, tc.says)
			}
			if retryable(err) != tc.retried {
				t.Errorf("retryable() = %v, want %v", retryable(err), tc.retried)
			}
			wantConns := 1
			if tc.retried {
				wantConns = 2
			}
			if got := srv.Accepted(); got != wantConns {
				t.Errorf("connections = %d, want %d", got, wantConns)
			}
			// Each attempt ends within the bound, retries included; three
			// times the bound, since -race on a loaded 2-core machine runs
			// the reading side several times slower. What is proved is that
			// the wait ends, not how fast.
			if limit := 3 * time.Duration(wantConns) * tc.within; took > limit {
				t.Errorf("gave up after %v, want within %v", took, limit)
			}
			for _, s := range append(notices, err.Error(), e.Message("id"), e.Message("en")) {
				if hasControl(s) {
					t.Errorf("sentence %q holds control bytes", s)
				}
			}
			if errors.Is(err, ErrAuth) {
				t.Errorf("errors.Is(%v, ErrAuth), want not", err)
			}
			afterMisbehaviour(t, db)
		})
	}
}

// streamLongLine writes an untagged OK whose text is n bytes, without
// holding it.
func streamLongLine(w io.Writer, n int) {
	if _, err := io.WriteString(w, "* OK "); err != nil {
		return
	}
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := w.Write(chunk[:k]); err != nil {
			return
		}
		n -= k
	}
	io.WriteString(w, "\r\n")
}

// TestLoginRefusedIsAuth: a plain NO at LOGIN is a refused password, not
// retried, and the password is asked again next time.
func TestLoginRefusedIsAuth(t *testing.T) {
	for _, answer := range []string{"NO [AUTHENTICATIONFAILED] wrong \x1b[2Jpassword", "NO wrong", "BAD no"} {
		srv := startScripted(t, func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if tag, _, err := readCommand(r); err == nil {
				fmt.Fprintf(c, "%s %s\r\n", tag, answer)
			}
		})
		_, err := Sync(context.Background(), openStore(t), misbehaveAccount(t, srv.Addr, "", time.Second), SyncOptions{Retries: 3})
		var e *Error
		if !errors.Is(err, ErrAuth) || !errors.As(err, &e) || e.Kind != KindAuth || retryable(err) {
			t.Errorf("LOGIN answered %q: Sync() = %v, want a KindAuth error, not retried", answer, err)
		}
		if srv.Accepted() != 1 {
			t.Errorf("LOGIN answered %q: %d connections, want 1", answer, srv.Accepted())
		}
		if e != nil && (hasControl(err.Error()) || hasControl(e.Message("id"))) {
			t.Errorf("sentence %q holds control bytes", err)
		}
	}
}

// TestCancelEndsSyncAtOnce: whatever the server does, a cancelled sync
// returns within a second.
func TestCancelEndsSyncAtOnce(t *testing.T) {
	plays := map[string]func(n int, c net.Conn, r *bufio.Reader){
		"silent greeting": func(n int, c net.Conn, r *bufio.Reader) { io.Copy(io.Discard, r) },
		"silent after LOGIN": func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			io.Copy(io.Discard, r)
		},
		"trickle": func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			io.WriteString(c, "* OK ")
			for {
				if _, err := c.Write([]byte("a")); err != nil {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		},
		"STARTTLS then silence": func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
			if tag, _, err := readCommand(r); err == nil {
				fmt.Fprintf(c, "%s OK go\r\n", tag)
			}
			io.Copy(io.Discard, r)
		},
		"not reading": func(n int, c net.Conn, r *bufio.Reader) {
			io.WriteString(c, greet)
			if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
				return
			}
			select {} // never reads again: the desk's writes fill the socket
		},
	}
	for name, play := range plays {
		t.Run(name, func(t *testing.T) {
			srv := startScripted(t, play)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				_, err := Sync(ctx, openStore(t), misbehaveAccount(t, srv.Addr, "", time.Minute), SyncOptions{})
				done <- err
			}()
			time.Sleep(300 * time.Millisecond)
			cancelWithinASecond(t, cancel, done)
		})
	}
}

// TestStartTLSOneConnection: a loopback server that offers STARTTLS is
// synced over TLS on the one connection, in the fewest round trips.
func TestStartTLSOneConnection(t *testing.T) {
	srv := startMemServer(t, nil)
	// The same mailbox served with STARTTLS and no plaintext LOGIN: a
	// LOGIN that gets through went over TLS.
	addr, certs := serveTLS(t, srv, false)
	p := StartProxy(t, addr)
	srv.appendMessages(t, testMessage(1), testMessage(2), testMessage(3))

	db := openStore(t)
	acct := misbehaveAccount(t, p.Addr, certs, 10*time.Second)
	res, err := Sync(context.Background(), db, acct, SyncOptions{})
	if err != nil || res.New != 3 {
		t.Fatalf("first Sync() = %+v, %v; want 3 new", res, err)
	}
	if p.Accepted() != 1 {
		t.Errorf("first sync made %d connections, want 1", p.Accepted())
	}
	var conv bytes.Buffer
	acct.sent = &lockedWriter{w: &conv}
	if res, err = Sync(context.Background(), db, acct, SyncOptions{}); err != nil || res.New != 0 {
		t.Fatalf("no-op Sync() = %+v, %v", res, err)
	}
	if p.Accepted() != 2 {
		t.Errorf("no-op sync made %d connections, want 1", p.Accepted()-1)
	}
	lines := strings.Split(strings.TrimSpace(conv.String()), "\r\n")
	var sent []string
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) > 1 {
			sent = append(sent, f[1])
		}
	}
	if got := strings.Join(sent, " "); got != "STARTTLS LOGIN STATUS LOGOUT" {
		t.Errorf("a no-op sync sent %q, want STARTTLS LOGIN STATUS LOGOUT", got)
	}
}

// serveTLS serves srv's mailbox with the test certificate on a loopback
// port: TLS from the start when implicit, else STARTTLS with no plaintext
// LOGIN. It returns the address and the folder of the certificates.
func serveTLS(t *testing.T, srv *memServer, implicit bool) (addr, certs string) {
	t.Helper()
	certs = t.TempDir()
	writeTestCerts(t, certs)
	cert, err := tls.LoadX509KeyPair(filepath.Join(certs, "cert.pem"), filepath.Join(certs, "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return srv.mem.NewSession(), nil, nil
		},
		Caps:   imap.CapSet{imap.CapIMAP4rev1: {}},
		Logger: log.New(io.Discard, "", 0),
	}
	var ln net.Listener
	if implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", cfg)
	} else {
		opts.TLSConfig = cfg
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	tlsSrv := imapserver.New(opts)
	go tlsSrv.Serve(ln)
	t.Cleanup(func() { tlsSrv.Close() })
	return ln.Addr().String(), certs
}

// TestImplicitTLSGreeting: imaps:// reads the greeting over TLS and syncs.
func TestImplicitTLSGreeting(t *testing.T) {
	srv := startMemServer(t, nil)
	addr, certs := serveTLS(t, srv, true)
	srv.appendMessages(t, testMessage(1))
	a, err := NewAccount(AccountConfig{URL: "imaps://" + testUser + "@" + addr + "/INBOX",
		CAFile: filepath.Join(certs, "ca.pem"), Timeout: 5 * time.Second},
		envMap(map[string]string{EnvPassword: testPassword}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := Sync(context.Background(), openStore(t), a, SyncOptions{}); err != nil || res.New != 1 {
		t.Fatalf("Sync() over imaps = %+v, %v", res, err)
	}
}

// TestLineLimit follows the framing: literals pass uncounted, however
// big; a status line that ends in "{n}" is text and counted; SEARCH may be
// longer.
func TestLineLimit(t *testing.T) {
	big := strings.Repeat("x", 3<<20)
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"literal", "* 1 FETCH (UID 1 BODY[] {3145728}\r\n" + big + ")\r\nT1 OK done\r\n", true},
		{"non-sync literal", "* 1 FETCH (BODY[] {3145728+}\r\n" + big + ")\r\n", true},
		{"literal8", "* 1 FETCH (BINARY[] ~{3145728}\r\n" + big + ")\r\n", true},
		{"long text", "* OK " + big + "\r\n", false},
		{"text posing as literal", "* OK see {3145728}\r\n" + big + "\r\n", false},
		{"tagged text posing as literal", "T1 NO {3145728}\r\n" + big + "\r\n", false},
		{"long atom in FETCH", "* 1 FETCH (X-" + big + ")\r\n", false},
		{"long search", "* SEARCH" + strings.Repeat(" 1234567", 1<<20) + "\r\n", true},
		{"short lines", strings.Repeat("* 1 EXISTS\r\n", 1<<18), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l lineLimit
			var err error
			in := []byte(tc.in)
			for len(in) > 0 && err == nil { // in uneven pieces
				k := min(len(in), 4093)
				err = l.feed(in[:k])
				in = in[k:]
			}
			if (err == nil) != tc.ok {
				t.Errorf("feed() = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// TestLongLineMemory syncs against a 200 MB response line in a child
// process and reads its peak resident memory.
func TestLongLineMemory(t *testing.T) {
	if os.Getenv("SANAPATI_LONGLINE_ADDR") != "" {
		t.Skip("the child's own run")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	srv := startScripted(t, func(n int, c net.Conn, r *bufio.Reader) {
		io.WriteString(c, greet)
		if _, ok := answerUntil(c, r, "EXAMINE"); !ok {
			return
		}
		streamLongLine(c, 200<<20)
	})
	cmd := exec.Command(os.Args[0], "-test.run=^TestLongLineChild$", "-test.v")
	cmd.Env = append(os.Environ(), "SANAPATI_LONGLINE_ADDR="+srv.Addr)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	i := bytes.Index(out, []byte("VmHWM:"))
	if i < 0 {
		t.Fatalf("child printed no VmHWM:\n%s", out)
	}
	f := strings.Fields(string(out[i:]))
	kb, _ := strconv.Atoi(f[1])
	t.Logf("peak resident memory under a 200 MB line: %d kB", kb)
	if kb > 100<<10 {
		t.Errorf("peak resident memory %d kB, want under 100 MB", kb)
	}
	if !bytes.Contains(out, []byte("kind=protocol")) {
		t.Errorf("child did not fail with a protocol error:\n%s", out)
	}
}

func TestLongLineChild(t *testing.T) {
	addr := os.Getenv("SANAPATI_LONGLINE_ADDR")
	if addr == "" {
		t.Skip("run by TestLongLineMemory")
	}
	_, err := Sync(context.Background(), openStore(t), misbehaveAccount(t, addr, "", 10*time.Second), SyncOptions{Retries: -1})
	var e *Error
	if errors.As(err, &e) {
		fmt.Printf("kind=%v\n", e.Kind)
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			fmt.Println(l)
		}
	}
}

// TestCancelDuringFetch: a cancel in the middle of pipelined fetches ends
// the sync within a second and leaves a whole store that a later sync
// completes.
func TestCancelDuringFetch(t *testing.T) {
	srv := startMemServer(t, nil)
	for i := 1; i <= 300; i++ {
		srv.appendMessages(t, testMessage(i))
	}
	p := StartProxy(t, srv.Addr)
	p.SetDelay(20 * time.Millisecond)
	db := openStore(t)
	acct := testAccount(t, p.Addr, testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		_, err := Sync(ctx, db, acct, SyncOptions{BatchSize: 20, InFlight: 3,
			Progress: func(Progress) { once.Do(func() { close(started) }) }})
		done <- err
	}()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no message fetched within 10 s")
	}
	cancelWithinASecond(t, cancel, done)
	p.SetDelay(0)
	rep, err := db.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("Verify() = %+v, %v", rep, err)
	}
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil || storedCount(t, db) != 300 {
		t.Fatalf("Sync() after the cancel = %v, stored %d; want all 300", err, storedCount(t, db))
	}
}

// TestWatchStalledServerGoesOffline: the watcher meets a server that falls
// silent after LOGIN and reports the interface's sentence within the
// bound, then keeps trying.
func TestWatchStalledServerGoesOffline(t *testing.T) {
	shortBounds(t, 2*time.Second)
	srv := startScripted(t, func(n int, c net.Conn, r *bufio.Reader) {
		io.WriteString(c, greet)
		answerUntil(c, r, "EXAMINE")
		io.Copy(io.Discard, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	ch := Watch(ctx, openStore(t), misbehaveAccount(t, srv.Addr, "", time.Second), WatchOptions{})
	for e := range ch {
		if e.State == StateStopped {
			t.Fatalf("watcher stopped: %v", e.Err)
		}
		if e.State != StateOffline {
			continue
		}
		var me *Error
		if !errors.As(e.Err, &me) || me.Kind != KindNetwork {
			t.Fatalf("offline: %v, want a network *Error", e.Err)
		}
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("offline after %v, want within 4 s", d)
		}
		t.Logf("offline after %v: %s", time.Since(start).Round(time.Millisecond), me.Message("id"))
		return
	}
}

// TestCAFileTrust: a server whose certificate the ca-file's CA signed is
// trusted; one signed by another CA is refused as insecure, not retried.
func TestCAFileTrust(t *testing.T) {
	certs, other := t.TempDir(), t.TempDir()
	writeTestCerts(t, certs)
	writeTestCerts(t, other)
	cert, err := tls.LoadX509KeyPair(filepath.Join(certs, "cert.pem"), filepath.Join(certs, "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	srv := startMemServer(t, nil)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	go srv.srv.Serve(ln)
	for _, tc := range []struct {
		ca   string
		host string
		ok   bool
	}{{certs, "127.0.0.1", true}, {certs, "localhost", true}, {other, "127.0.0.1", false}} {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		a, err := NewAccount(AccountConfig{URL: "imaps://" + testUser + "@" + net.JoinHostPort(tc.host, port) + "/INBOX",
			CAFile: filepath.Join(tc.ca, "ca.pem"), Timeout: 5 * time.Second},
			envMap(map[string]string{EnvPassword: testPassword}), nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Sync(context.Background(), openStore(t), a, SyncOptions{Retries: 2})
		if tc.ok && err != nil {
			t.Errorf("%s with its own CA: Sync() = %v", tc.host, err)
		}
		if !tc.ok && (!errors.Is(err, ErrInsecure) || retryable(err) || !strings.Contains(err.Error(), "certificate")) {
			t.Errorf("%s with another CA: Sync() = %v, want an insecure certificate error, not retried", tc.host, err)
		}
	}
}

// cancelWithinASecond cancels a running Sync and fails t unless it returns
// context.Canceled on done within a second.
func cancelWithinASecond(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Sync() = %v, want context.Canceled", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Sync() returned %v after the cancel, want within a second", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sync() still running 5 s after the cancel")
	}
}
