package mail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sanapati-desk/store"
	"testing"
	"time"
)

// nextEvent returns the next event in state want, failing after d.
func nextEvent(t *testing.T, ch <-chan Event, want State, d time.Duration) Event {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("events closed while waiting for %v", want)
			}
			if e.State == want {
				return e
			}
			if e.State == StateStopped {
				t.Fatalf("watcher stopped while waiting for %v: %v", want, e.Err)
			}
		case <-timeout:
			t.Fatalf("no %v event within %v", want, d)
		}
	}
}

func TestWatchSeesNewMail(t *testing.T) {
	for _, tc := range []struct {
		name string
		poll bool
	}{{"idle", false}, {"poll", true}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startMemServer(t, nil)
			srv.appendMessages(t, testMessage(1), testMessage(2))
			db := openStore(t)
			acct := testAccount(t, srv.Addr, testPassword)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch := Watch(ctx, db, acct, WatchOptions{noIdle: tc.poll})

			e := nextEvent(t, ch, StateConnected, 5*time.Second)
			if e.Idle == tc.poll {
				t.Errorf("Connected.Idle = %v, want %v", e.Idle, !tc.poll)
			}
			e = nextEvent(t, ch, StateWatching, 5*time.Second)
			if e.Result.New != 2 {
				t.Errorf("first sync: %+v, want 2 new", e.Result)
			}
			// go-imap's in-memory server only reports mail queued while
			// IDLE runs: deliver once the watcher is idling.
			time.Sleep(200 * time.Millisecond)
			delivered := time.Now()
			srv.appendMessages(t, testMessage(3))
			e = nextEvent(t, ch, StateWatching, 5*time.Second)
			if e.Result.New != 1 || len(e.Result.Added) != 1 {
				t.Errorf("after delivery: %+v, want 1 new", e.Result)
			}
			t.Logf("new message visible after %v", time.Since(delivered))
			cancel()
			for e := range ch {
				if e.State == StateStopped && !errors.Is(e.Err, context.Canceled) {
					t.Errorf("stopped with %v, want context.Canceled", e.Err)
				}
			}
		})
	}
}

func TestWatchReconnects(t *testing.T) {
	srv := startMemServer(t, nil)
	srv.appendMessages(t, testMessage(1))
	p := StartProxy(t, srv.Addr)
	db := openStore(t)
	acct := testAccount(t, p.Addr, testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := Watch(ctx, db, acct, WatchOptions{})
	nextEvent(t, ch, StateWatching, 5*time.Second)

	// The network drops: every open connection is cut.
	p.CutAll()
	e := nextEvent(t, ch, StateOffline, 5*time.Second)
	if e.Err == nil || e.Retry.IsZero() {
		t.Errorf("Offline event %+v lacks a reason or a retry time", e)
	}
	srv.appendMessages(t, testMessage(2))
	e = nextEvent(t, ch, StateWatching, 10*time.Second)
	if e.Result.New != 1 {
		t.Errorf("after reconnecting: %+v, want the message that came while offline", e.Result)
	}
}

func TestWatchStopsOnAuthFailure(t *testing.T) {
	srv := startMemServer(t, nil)
	db := openStore(t)
	acct := testAccount(t, srv.Addr, "salah")
	ch := Watch(context.Background(), db, acct, WatchOptions{})
	e := nextEventAny(t, ch, StateStopped, 5*time.Second)
	if !errors.Is(e.Err, ErrAuth) {
		t.Errorf("Stopped.Err = %v, want ErrAuth", e.Err)
	}
	if _, ok := <-ch; ok {
		t.Error("events not closed after Stopped")
	}
}

// nextEventAny is nextEvent that may wait for StateStopped.
func nextEventAny(t *testing.T, ch <-chan Event, want State, d time.Duration) Event {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("events closed while waiting for %v", want)
			}
			if e.State == want {
				return e
			}
		case <-timeout:
			t.Fatalf("no %v event within %v", want, d)
		}
	}
}

// TestWatchReadsClasses: the classes of a few new letters with their PDF
// are read before the sync reports them; those of many are read beside
// the connection after it, and a StateClassesRead event says so.
func TestWatchReadsClasses(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		SkipOrFail(t, "pdftotext is not installed (apt-get install poppler-utils)")
	}
	letter := func(t *testing.T, name string, n int) []byte {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", name+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		return append([]byte(fmt.Sprintf("X-Copy: %d\r\n", n)), raw...)
	}
	for _, n := range []int{2, settleInline + 4} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			srv := startMemServer(t, nil)
			for i := range n {
				srv.appendMessages(t, letter(t, "07-kesbangpol-rahasia", i))
			}
			db := openStore(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch := Watch(ctx, db, testAccount(t, srv.Addr, testPassword), WatchOptions{})
			if e := nextEvent(t, ch, StateWatching, 10*time.Second); e.Result.New != n {
				t.Fatalf("first sync: %+v, want %d new", e.Result, n)
			}
			if n > settleInline {
				for read := 0; read < n; {
					e := nextEvent(t, ch, StateClassesRead, 20*time.Second)
					if e.Err != nil {
						t.Fatalf("classes read: %v", e.Err)
					}
					read += e.Settled
				}
			}
			if ids, _ := db.ClassPending(); len(ids) != 0 {
				t.Fatalf("%d letters still wait for their class", len(ids))
			}
			for id := uint64(1); id <= uint64(n); id++ {
				if l, err := db.Letter(id); err != nil || l.Class != store.ClassSecret {
					t.Fatalf("letter %d: %v, %v; want R, read from its PDF", id, l, err)
				}
			}
			cancel()
			stopped := false
			for e := range ch {
				if stopped {
					t.Errorf("a %v event after StateStopped", e.State)
				}
				stopped = e.State == StateStopped
			}
		})
	}
}
