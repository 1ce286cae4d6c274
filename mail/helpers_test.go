package mail

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"sanapati-desk/store"
)

func init() {
	// Reconnections in tests need not wait a second.
	backoffBase = 50 * time.Millisecond
}

// memServer is go-imap's in-memory server on a loopback port, for unit
// tests.
type memServer struct {
	Addr string
	mem  *imapmemserver.Server
	User *imapmemserver.User
	srv  *imapserver.Server
}

const (
	testUser     = "operator"
	testPassword = "rahasia-uji"
)

// startMemServer starts an in-memory server with one user who has an
// INBOX. caps nil means IMAP4rev1 (which go-imap's server extends with
// IDLE once logged in).
func startMemServer(t testing.TB, caps imap.CapSet) *memServer {
	t.Helper()
	s := &memServer{mem: imapmemserver.New()}
	s.User = imapmemserver.NewUser(testUser, testPassword)
	if err := s.User.Create("INBOX", nil); err != nil {
		t.Fatalf("Create(INBOX) = %v", err)
	}
	s.mem.AddUser(s.User)
	if caps == nil {
		caps = imap.CapSet{imap.CapIMAP4rev1: {}}
	}
	s.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	s.Addr = ln.Addr().String()
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// appendMessages delivers raw messages to the user's INBOX.
func (s *memServer) appendMessages(t testing.TB, msgs ...[]byte) {
	t.Helper()
	for _, m := range msgs {
		if _, err := s.User.Append("INBOX", literal{bytes.NewReader(m), int64(len(m))},
			&imap.AppendOptions{Time: time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)}); err != nil {
			t.Fatalf("Append() = %v", err)
		}
	}
}

// account returns an account for addr (imap://, plaintext on loopback)
// with the test password.
func testAccount(t testing.TB, addr, password string) *Account {
	t.Helper()
	a, err := NewAccount(AccountConfig{URL: "imap://" + testUser + "@" + addr + "/INBOX", Timeout: 10 * time.Second},
		envMap(map[string]string{EnvPassword: password}), nil)
	if err != nil {
		t.Fatalf("NewAccount() = %v", err)
	}
	return a
}

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// openStore opens a fresh store in a temporary folder.
func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testMessage is a small plain message, numbered so each is different.
func testMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: Tata Usaha Kemendagri <tu@kemendagri.go.id>\r\n"+
		"To: persandian@pekalongankota.go.id\r\n"+
		"Subject: Surat uji nomor %d\r\n"+
		"Date: Mon, 23 Nov 2026 08:14:00 +0700\r\n"+
		"Message-ID: <uji-%d@kemendagri.go.id>\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n"+
		"\r\n"+
		"Nomor : 005/%d/SJ\r\nHal : Surat uji nomor %d\r\n\r\n%s\r\n", i, i, i, i, strings.Repeat("isi surat ", 20)))
}

// storedCount returns the number of letters in db.
func storedCount(t testing.TB, db *store.DB) int {
	t.Helper()
	n, err := db.Count()
	if err != nil {
		t.Fatalf("Count() = %v", err)
	}
	return n
}

// proxy is a TCP proxy in front of a server that can cut every connection,
// or cut each one after a number of bytes from the server.
type proxy struct {
	Addr   string
	target string
	ln     net.Listener

	mu        sync.Mutex
	conns     []net.Conn
	cutAfter  int64 // cut a connection after this many server bytes; 0 never
	cuts      int   // connections still to cut that way
	accepted  int
	delay     time.Duration // one-way delay added to each direction
	refuseAll bool
}

// startProxy starts a proxy to target on a loopback port.
func startProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	p := &proxy{Addr: ln.Addr().String(), target: target, ln: ln}
	go p.serve()
	t.Cleanup(func() { p.Close() })
	return p
}

// cutConnections makes the next n connections drop after the server sent
// after bytes.
func (p *proxy) cutConnections(n int, after int64) {
	p.mu.Lock()
	p.cuts, p.cutAfter = n, after
	p.mu.Unlock()
}

// setDelay adds d in each direction (a round trip of 2d).
func (p *proxy) setDelay(d time.Duration) {
	p.mu.Lock()
	p.delay = d
	p.mu.Unlock()
}

// Accepted is the number of connections made through the proxy.
func (p *proxy) Accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// Close stops the proxy and drops every connection.
func (p *proxy) Close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.accepted++
		p.conns = append(p.conns, c, s)
		limit := int64(0)
		if p.cuts > 0 {
			p.cuts--
			limit = p.cutAfter
		}
		delay := p.delay
		p.mu.Unlock()
		cut := func() { c.Close(); s.Close() }
		go p.pipe(c, s, 0, delay, cut)
		go p.pipe(s, c, limit, delay, cut)
	}
}

// pipe copies from src to dst, cutting both after limit bytes, delaying
// each chunk by delay.
func (p *proxy) pipe(src, dst net.Conn, limit int64, delay time.Duration, cut func()) {
	defer cut()
	if delay == 0 && limit == 0 {
		io.Copy(dst, src)
		return
	}
	type chunk struct {
		b  []byte
		at time.Time
	}
	ch := make(chan chunk, 1024)
	go func() {
		defer close(ch)
		var n int64
		buf := make([]byte, 32<<10)
		for {
			k, err := src.Read(buf)
			if k > 0 {
				b := append([]byte(nil), buf[:k]...)
				if limit > 0 && n+int64(k) >= limit {
					b = b[:limit-n]
					ch <- chunk{b, time.Now().Add(delay)}
					return
				}
				n += int64(k)
				ch <- chunk{b, time.Now().Add(delay)}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range ch {
		time.Sleep(time.Until(c.at))
		if _, err := dst.Write(c.b); err != nil {
			return
		}
	}
}

// eventually polls cond until it holds or d passes.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
