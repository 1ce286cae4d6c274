package mail

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
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
