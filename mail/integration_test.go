package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

// crlfMessage is testMessage with a larger body, as Dovecot serves it.
func crlfMessage(i, size int) []byte {
	m := testMessage(i)
	pad := strings.Repeat("Isi naskah berita untuk uji integrasi. ", size/30+1)[:size]
	return append(m, []byte(pad+"\r\n")...)
}

func TestDovecotSync(t *testing.T) {
	d := StartDovecot(t)
	var msgs [][]byte
	for i := 1; i <= 300; i++ {
		msgs = append(msgs, crlfMessage(i, 4000))
	}
	d.Deliver(t, msgs...)
	db := openStore(t)
	acct := d.Account(t, d.URL(""), d.Password)
	ctx := context.Background()

	// Initial sync, pipelined: several batches in flight.
	res, err := Sync(ctx, db, acct, SyncOptions{BatchSize: 40, InFlight: 4})
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if res.New != 300 || res.Total != 300 {
		t.Fatalf("Sync() = %+v, want 300 new of 300", res)
	}
	letters, err := db.List(store.Query{})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	want := map[string]bool{}
	for _, m := range msgs {
		want[string(m)] = true
	}
	for _, l := range letters {
		raw, err := db.Raw(l.ID)
		if err != nil {
			t.Fatalf("Raw() = %v", err)
		}
		if !want[string(raw)] {
			t.Errorf("letter %d (UID %d) is not byte-exact", l.ID, l.Source.UID)
		}
		delete(want, string(raw))
	}
	if len(want) != 0 {
		t.Errorf("%d messages missing", len(want))
	}

	// Flags untouched: BODY.PEEK does not set \Seen.
	if out := d.Doveadm(t, "search", "-u", d.User, "mailbox", "INBOX", "SEEN"); strings.TrimSpace(out) != "" {
		t.Errorf("messages marked seen by the sync: %s", out)
	}

	// Nothing new.
	start := time.Now()
	res, err = Sync(ctx, db, acct, SyncOptions{})
	if err != nil || res.New != 0 {
		t.Fatalf("Sync() with nothing new = %+v, %v", res, err)
	}
	t.Logf("no-op sync against Dovecot over TLS: %v", time.Since(start))

	// Incremental.
	d.Deliver(t, crlfMessage(301, 100), crlfMessage(302, 100))
	res, err = Sync(ctx, db, acct, SyncOptions{})
	if err != nil || res.New != 2 || res.Duplicates != 0 {
		t.Fatalf("Sync() incremental = %+v, %v; want 2 new", res, err)
	}

	// UIDVALIDITY changes: everything is re-listed, nothing doubles.
	before, _ := db.MailboxState("INBOX")
	d.Doveadm(t, "mailbox", "update", "-u", d.User, "--uid-validity", strconv.Itoa(int(before.UIDValidity)+7), "INBOX")
	d.Deliver(t, crlfMessage(303, 100))
	res, err = Sync(ctx, db, acct, SyncOptions{})
	if err != nil {
		t.Fatalf("Sync() after UIDVALIDITY change = %v", err)
	}
	if res.New != 1 || res.Duplicates != 302 {
		t.Errorf("Sync() after UIDVALIDITY change = %+v, want 1 new and 302 duplicates", res)
	}
	after, _ := db.MailboxState("INBOX")
	if after.UIDValidity != before.UIDValidity+7 {
		t.Errorf("state after UIDVALIDITY change = %+v", after)
	}
	if got := storedCount(t, db); got != 303 {
		t.Errorf("stored %d letters, want 303", got)
	}
}

func TestDovecotCutMidFetch(t *testing.T) {
	d := StartDovecot(t)
	for i := 1; i <= 200; i++ {
		d.Deliver(t, crlfMessage(i, 5000))
	}
	p := StartProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
	// The first connection drops after about 300 KB: in the middle of the
	// fetch.
	p.CutConnections(1, 300_000)
	db := openStore(t)
	acct := d.Account(t, d.URL(p.Addr), d.Password)
	var retried error
	res, err := Sync(context.Background(), db, acct, SyncOptions{BatchSize: 25, InFlight: 4, CommitBytes: 50_000,
		OnRetry: func(err error, _ time.Duration) { retried = err }})
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if retried == nil || p.Accepted() < 2 {
		t.Errorf("the cut was not noticed: retried %v, %d connections", retried, p.Accepted())
	}
	if got := storedCount(t, db); got != 200 || res.New != 200 {
		t.Errorf("stored %d letters (%+v), want 200", got, res)
	}
}

func TestDovecotAuthFailure(t *testing.T) {
	d := StartDovecot(t)
	p := StartProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
	db := openStore(t)
	acct := d.Account(t, d.URL(p.Addr), "bukan-sandinya")
	_, err := Sync(context.Background(), db, acct, SyncOptions{Retries: 5})
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("Sync() with a wrong password = %v, want ErrAuth", err)
	}
	if p.Accepted() != 1 {
		t.Errorf("%d connections; an authentication failure must not be retried", p.Accepted())
	}
	t.Logf("error shown: %v", err)
}

func TestDovecotTLSPolicy(t *testing.T) {
	d := StartDovecot(t)
	db := openStore(t)
	// STARTTLS on the plain port, verified against the test CA.
	acct := d.Account(t, fmt.Sprintf("imap://%s@localhost:%d/INBOX", d.User, d.Port), d.Password)
	d.Deliver(t, crlfMessage(1, 100))
	if res, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil || res.New != 1 {
		t.Fatalf("Sync() over STARTTLS = %+v, %v", res, err)
	}
	// Without the CA the certificate is refused, and not retried.
	a, err := NewAccount(AccountConfig{URL: d.URL("")}, envMap(map[string]string{EnvPassword: d.Password}), nil)
	if err != nil {
		t.Fatalf("NewAccount() = %v", err)
	}
	_, err = Sync(context.Background(), db, a, SyncOptions{})
	if err == nil || retryable(err) || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("Sync() with an unknown CA = %v, want a certificate error, not retried", err)
	}
}

func TestDovecotWatch(t *testing.T) {
	d := StartDovecot(t)
	d.Deliver(t, crlfMessage(1, 100))
	db := openStore(t)
	acct := d.Account(t, d.URL(""), d.Password)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := Watch(ctx, db, acct, WatchOptions{})
	if e := nextEvent(t, ch, StateConnected, 5*time.Second); !e.Idle {
		t.Error("Dovecot offers IDLE but the watcher polls")
	}
	nextEvent(t, ch, StateWatching, 5*time.Second)
	time.Sleep(200 * time.Millisecond) // let IDLE start
	delivered := time.Now()
	d.Deliver(t, crlfMessage(2, 100))
	e := nextEvent(t, ch, StateWatching, 5*time.Second)
	if e.Result.New != 1 {
		t.Errorf("after delivery: %+v", e.Result)
	}
	t.Logf("new message visible %v after delivery", time.Since(delivered))

	// Dovecot restarts: the watcher goes offline and comes back.
	d.Stop()
	e = nextEvent(t, ch, StateOffline, 20*time.Second)
	t.Logf("offline: %v, retry at %v", e.Err, e.Retry.Format(time.TimeOnly))
	d.Restart(t)
	d.Deliver(t, crlfMessage(3, 100))
	e = nextEvent(t, ch, StateWatching, 15*time.Second)
	if e.Result.New != 1 {
		t.Errorf("after restart: %+v", e.Result)
	}
}
