package mail

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sanapati-desk/store"
)

// scriptedServer is a small raw-socket IMAP server for the answers no
// well-behaved server gives. It serves one mailbox, INBOX, to any LOGIN, and
// answers each message of a UID FETCH through fetch, which the test
// replaces to misbehave.
type scriptedServer struct {
	Addr string

	mu       sync.Mutex
	validity uint32
	uidNext  uint32 // reported by STATUS and EXAMINE; 0: the last UID + 1
	msgs     []scriptedMessage
	fetches  int // UID FETCH commands answered
	// fetch writes the FETCH response(s) for message seq (1-based) of the
	// pass'th UID FETCH (0-based). nil: a well-formed response.
	fetch func(w io.Writer, seq int, m scriptedMessage, pass int)
}

type scriptedMessage struct {
	uid uint32
	raw []byte
}

func startScriptedServer(t testing.TB) *scriptedServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	s := &scriptedServer{Addr: ln.Addr().String(), validity: 7}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				s.serve(c)
			}()
		}
	}()
	return s
}

// add appends messages with the next UIDs.
func (s *scriptedServer) add(raws ...[]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, raw := range raws {
		uid := uint32(1)
		if n := len(s.msgs); n > 0 {
			uid = s.msgs[n-1].uid + 1
		}
		s.msgs = append(s.msgs, scriptedMessage{uid: uid, raw: raw})
	}
}

// set changes the server's behaviour under its lock.
func (s *scriptedServer) set(f func(s *scriptedServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *scriptedServer) next() uint32 {
	if s.uidNext != 0 {
		return s.uidNext
	}
	if n := len(s.msgs); n > 0 {
		return s.msgs[n-1].uid + 1
	}
	return 1
}

// wellFormed is the FETCH response a careful server gives.
func wellFormed(w io.Writer, seq int, m scriptedMessage) {
	fmt.Fprintf(w, "* %d FETCH (UID %d INTERNALDATE \"23-Nov-2026 08:14:00 +0700\" BODY[] {%d}\r\n%s)\r\n", seq, m.uid, len(m.raw), m.raw)
}

func (s *scriptedServer) serve(c net.Conn) {
	r := bufio.NewReader(c)
	w := bufio.NewWriter(c)
	defer w.Flush()
	fmt.Fprintf(w, "* OK [CAPABILITY IMAP4rev1] scripted server ready\r\n")
	w.Flush()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		tag, cmd, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		upper := strings.ToUpper(cmd)
		s.mu.Lock()
		switch {
		case strings.HasPrefix(upper, "LOGIN"):
			fmt.Fprintf(w, "%s OK LOGIN completed\r\n", tag)
		case strings.HasPrefix(upper, "CAPABILITY"):
			fmt.Fprintf(w, "* CAPABILITY IMAP4rev1\r\n%s OK done\r\n", tag)
		case strings.HasPrefix(upper, "STATUS"):
			fmt.Fprintf(w, "* STATUS INBOX (MESSAGES %d UIDNEXT %d UIDVALIDITY %d)\r\n%s OK done\r\n", len(s.msgs), s.next(), s.validity, tag)
		case strings.HasPrefix(upper, "EXAMINE"), strings.HasPrefix(upper, "SELECT"):
			fmt.Fprintf(w, "* %d EXISTS\r\n* OK [UIDVALIDITY %d] ok\r\n* OK [UIDNEXT %d] ok\r\n* FLAGS (\\Seen)\r\n%s OK [READ-ONLY] done\r\n",
				len(s.msgs), s.validity, s.next(), tag)
		case strings.HasPrefix(upper, "UID SEARCH"):
			f := strings.Fields(cmd)
			fmt.Fprintf(w, "* SEARCH")
			for _, m := range s.msgs {
				if s.contains(f[len(f)-1], m.uid) {
					fmt.Fprintf(w, " %d", m.uid)
				}
			}
			fmt.Fprintf(w, "\r\n%s OK done\r\n", tag)
		case strings.HasPrefix(upper, "UID FETCH"):
			set := strings.Fields(cmd)[2]
			for i, m := range s.msgs {
				if !s.contains(set, m.uid) {
					continue
				}
				if s.fetch != nil {
					s.fetch(w, i+1, m, s.fetches)
				} else {
					wellFormed(w, i+1, m)
				}
			}
			s.fetches++
			fmt.Fprintf(w, "%s OK done\r\n", tag)
		case strings.HasPrefix(upper, "LOGOUT"):
			fmt.Fprintf(w, "* BYE\r\n%s OK done\r\n", tag)
			s.mu.Unlock()
			return
		default:
			fmt.Fprintf(w, "%s OK done\r\n", tag)
		}
		s.mu.Unlock()
		if err := w.Flush(); err != nil {
			return
		}
	}
}

// contains reports whether uid is in an IMAP UID set such as "3,5:7,9:*".
func (s *scriptedServer) contains(set string, uid uint32) bool {
	max := s.next() - 1
	num := func(v string) uint32 {
		if v == "*" {
			return max
		}
		n, _ := strconv.ParseUint(v, 10, 32)
		return uint32(n)
	}
	for _, part := range strings.Split(set, ",") {
		lo, hi, ok := strings.Cut(part, ":")
		a, b := num(lo), num(lo)
		if ok {
			b = num(hi)
		}
		if a > b {
			a, b = b, a
		}
		if uid >= a && uid <= b {
			return true
		}
	}
	return false
}

// syncScripted runs one sync against s into db, without retries.
func syncScripted(t *testing.T, s *scriptedServer, db *store.DB) (SyncResult, error) {
	t.Helper()
	return Sync(context.Background(), db, testAccount(t, s.Addr, testPassword), SyncOptions{Retries: -1, BatchSize: 3})
}

// checkStore fails t unless db verifies and holds exactly want letters,
// with the raw bytes of each message of s it holds byte-exact.
func checkStore(t *testing.T, db *store.DB, want int) {
	t.Helper()
	rep, err := db.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("Verify() = %v, %v", rep.Problems, err)
	}
	if n := storedCount(t, db); n != want {
		t.Fatalf("the store holds %d letters, want %d", n, want)
	}
}

// watermarkOf returns the stored UIDNEXT of INBOX.
func watermarkOf(t *testing.T, db *store.DB) uint32 {
	t.Helper()
	st, err := db.MailboxState("INBOX")
	if err != nil {
		t.Fatalf("MailboxState() = %v", err)
	}
	return st.UIDNext
}
