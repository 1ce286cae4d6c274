package mail

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

func TestSyncInitialAndIncremental(t *testing.T) {
	srv := startMemServer(t, nil)
	var msgs [][]byte
	for i := 1; i <= 30; i++ {
		msgs = append(msgs, testMessage(i))
	}
	srv.appendMessages(t, msgs...)
	db := openStore(t)
	acct := testAccount(t, srv.Addr, testPassword)
	ctx := context.Background()

	var progress []Progress
	var mu sync.Mutex
	res, err := Sync(ctx, db, acct, SyncOptions{BatchSize: 7, InFlight: 3, Progress: func(p Progress) {
		mu.Lock()
		progress = append(progress, p)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if res.New != 30 || res.Total != 30 {
		t.Fatalf("Sync() = %+v, want 30 new of 30", res)
	}
	if got := storedCount(t, db); got != 30 {
		t.Fatalf("stored %d letters, want 30", got)
	}
	last := progress[len(progress)-1]
	if last.Messages != 30 || last.Total != 30 || last.Bytes == 0 {
		t.Errorf("last progress = %+v, want 30 of 30 with bytes", last)
	}
	st, err := db.MailboxState("INBOX")
	if err != nil {
		t.Fatalf("MailboxState() = %v", err)
	}
	if st.UIDNext != 31 || st.UIDValidity == 0 {
		t.Errorf("MailboxState() = %+v, want UIDNext 31", st)
	}

	// Byte-exact, with INTERNALDATE as received time and the source kept.
	letters, err := db.List(store.Query{})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	for _, l := range letters {
		raw, err := db.Raw(l.ID)
		if err != nil {
			t.Fatalf("Raw(%d) = %v", l.ID, err)
		}
		want := msgs[l.Source.UID-1]
		if !bytes.Equal(raw, want) {
			t.Errorf("letter %d (UID %d): raw differs from what was delivered", l.ID, l.Source.UID)
		}
		if !l.ReceivedAt.Equal(time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)) {
			t.Errorf("letter %d: ReceivedAt = %v, want the INTERNALDATE", l.ID, l.ReceivedAt)
		}
		if l.Source.Mailbox != "INBOX" || l.Source.UIDValidity != st.UIDValidity {
			t.Errorf("letter %d: Source = %+v", l.ID, l.Source)
		}
	}

	// Nothing new: one STATUS, nothing stored.
	var conv bytes.Buffer
	acct.sent = &lockedWriter{w: &conv}
	res, err = Sync(ctx, db, acct, SyncOptions{})
	acct.sent = nil
	if err != nil {
		t.Fatalf("Sync() with nothing new = %v", err)
	}
	if res.New != 0 {
		t.Errorf("Sync() with nothing new = %+v", res)
	}
	if cmds := commands(conv.String()); strings.Join(cmds, " ") != "LOGIN STATUS LOGOUT" {
		t.Errorf("a sync with nothing new sent %v, want LOGIN STATUS LOGOUT", cmds)
	}

	// Incremental: only the new ones.
	srv.appendMessages(t, testMessage(31), testMessage(32))
	res, err = Sync(ctx, db, acct, SyncOptions{})
	if err != nil {
		t.Fatalf("Sync() incremental = %v", err)
	}
	if res.New != 2 || res.Duplicates != 0 || res.Total != 32 {
		t.Errorf("Sync() incremental = %+v, want 2 new, no duplicates", res)
	}
	if got := storedCount(t, db); got != 32 {
		t.Errorf("stored %d letters, want 32", got)
	}
}

// lockedWriter serialises writes from go-imap's reader and writer.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

var reCommand = regexp.MustCompile(`\bT\d+ (UID [A-Z]+|[A-Z]+)`)

// commands lists the commands a client sent in an IMAP conversation.
func commands(conv string) []string {
	var out []string
	for _, m := range reCommand.FindAllStringSubmatch(conv, -1) {
		switch m[1] {
		case "OK", "NO", "BAD":
		default:
			out = append(out, m[1])
		}
	}
	return out
}

func TestSyncNoopOnLargeMailboxIsOneStatus(t *testing.T) {
	srv := startMemServer(t, nil)
	for i := 1; i <= 2500; i++ {
		srv.appendMessages(t, testMessage(i))
	}
	db := openStore(t)
	acct := testAccount(t, srv.Addr, testPassword)
	var conv bytes.Buffer
	acct.sent = &lockedWriter{w: &conv}
	res, err := Sync(context.Background(), db, acct, SyncOptions{BatchSize: 300})
	if err != nil || res.New != 2500 {
		t.Fatalf("Sync() = %+v, %v; want 2500 new", res, err)
	}
	// A large first sync uses SEARCH then pipelined fetches.
	cmds := strings.Join(commands(conv.String()), " ")
	if !strings.Contains(cmds, "UID SEARCH") || strings.Count(cmds, "UID FETCH") != 9 {
		t.Errorf("first sync sent %s; want a UID SEARCH and 9 UID FETCH", cmds)
	}
	conv.Reset()
	start := time.Now()
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if cmds := commands(conv.String()); strings.Join(cmds, " ") != "LOGIN STATUS LOGOUT" {
		t.Errorf("no-op sync sent %v", cmds)
	}
	t.Logf("no-op sync of 2,500 messages: %v", time.Since(start))
}

func TestSyncResumesAfterCut(t *testing.T) {
	srv := startMemServer(t, nil)
	var msgs [][]byte
	for i := 1; i <= 200; i++ {
		msgs = append(msgs, testMessage(i))
	}
	srv.appendMessages(t, msgs...)
	p := StartProxy(t, srv.Addr)
	// The first two connections drop in the middle of the fetch.
	p.CutConnections(2, 40_000)
	db := openStore(t)
	acct := testAccount(t, p.Addr, testPassword)
	var retries int
	res, err := Sync(context.Background(), db, acct, SyncOptions{BatchSize: 20, InFlight: 3, CommitBytes: 8_000,
		OnRetry: func(error, time.Duration) { retries++ }})
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if retries != 2 || p.Accepted() != 3 {
		t.Errorf("retries = %d, connections = %d; want 2 and 3", retries, p.Accepted())
	}
	if got := storedCount(t, db); got != 200 {
		t.Fatalf("stored %d letters, want 200", got)
	}
	if res.New != 200 {
		t.Errorf("Sync() = %+v, want 200 new over all attempts", res)
	}
	// Every UID once.
	letters, err := db.List(store.Query{})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	seen := map[uint32]bool{}
	for _, l := range letters {
		if seen[l.Source.UID] {
			t.Errorf("UID %d stored twice", l.Source.UID)
		}
		seen[l.Source.UID] = true
	}
}

func TestSyncCutWithoutRetriesKeepsWatermarkBelowHoles(t *testing.T) {
	srv := startMemServer(t, nil)
	for i := 1; i <= 100; i++ {
		srv.appendMessages(t, testMessage(i))
	}
	p := StartProxy(t, srv.Addr)
	p.CutConnections(1, 30_000)
	db := openStore(t)
	acct := testAccount(t, p.Addr, testPassword)
	res, err := Sync(context.Background(), db, acct, SyncOptions{BatchSize: 10, InFlight: 4, CommitBytes: 3_000, Retries: -1})
	if err == nil {
		t.Fatalf("Sync() through a cut connection = %+v, nil; want an error", res)
	}
	st, serr := db.MailboxState("INBOX")
	if serr != nil {
		t.Fatalf("MailboxState() = %v", serr)
	}
	// Everything below the watermark must be stored.
	letters, lerr := db.List(store.Query{})
	if lerr != nil {
		t.Fatalf("List() = %v", lerr)
	}
	have := map[uint32]bool{}
	for _, l := range letters {
		have[l.Source.UID] = true
	}
	for uid := uint32(1); uid < st.UIDNext; uid++ {
		if !have[uid] {
			t.Errorf("UID %d is below the watermark %d but not stored", uid, st.UIDNext)
		}
	}
	if len(letters) == 0 || len(letters) == 100 {
		t.Logf("stored %d letters before the cut", len(letters))
	}
	// The next sync completes the rest without duplicates.
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("Sync() after the cut = %v", err)
	}
	if got := storedCount(t, db); got != 100 {
		t.Errorf("stored %d letters, want 100", got)
	}
}

func TestWatermarkOutOfOrder(t *testing.T) {
	db := openStore(t)
	batches := planBatches([]imap.UID{3, 4, 5, 9, 10, 11, 12}, 3, 20, 2)
	want := []batch{
		{3, 4, 5, []imap.UID{3, 4}},
		{5, 9, 10, []imap.UID{5, 9}},
		{10, 11, 12, []imap.UID{10, 11}},
		{12, 12, 20, []imap.UID{12}},
	}
	if !reflect.DeepEqual(batches, want) {
		t.Fatalf("planBatches() = %v, want %v", batches, want)
	}
	wm := newWatermark(db, "INBOX", 7, 3, batches)
	steps := []struct {
		batch int
		want  uint32
	}{{2, 3}, {1, 3}, {0, 12}, {3, 20}}
	for _, s := range steps {
		if _, err := wm.commit(s.batch, nil, true); err != nil {
			t.Fatalf("commit(%d) = %v", s.batch, err)
		}
		st, err := db.MailboxState("INBOX")
		if err != nil {
			t.Fatalf("MailboxState() = %v", err)
		}
		if st.UIDNext != s.want || st.UIDValidity != 7 {
			t.Errorf("after batch %d: state %+v, want UIDNext %d", s.batch, st, s.want)
		}
	}
}

func TestSyncUIDValidityChange(t *testing.T) {
	srv := startMemServer(t, nil)
	msgs := [][]byte{testMessage(1), testMessage(2), testMessage(3)}
	srv.appendMessages(t, msgs...)
	db := openStore(t)
	acct := testAccount(t, srv.Addr, testPassword)
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	before, _ := db.MailboxState("INBOX")

	// The mailbox is rebuilt: new UIDVALIDITY, same messages, one more.
	if err := srv.User.Delete("INBOX"); err != nil {
		t.Fatalf("Delete(INBOX) = %v", err)
	}
	if err := srv.User.Create("INBOX", nil); err != nil {
		t.Fatalf("Create(INBOX) = %v", err)
	}
	srv.appendMessages(t, testMessage(4))
	srv.appendMessages(t, msgs...)

	res, err := Sync(context.Background(), db, acct, SyncOptions{})
	if err != nil {
		t.Fatalf("Sync() after UIDVALIDITY change = %v", err)
	}
	if res.New != 1 || res.Duplicates != 3 {
		t.Errorf("Sync() after UIDVALIDITY change = %+v, want 1 new and 3 duplicates", res)
	}
	if got := storedCount(t, db); got != 4 {
		t.Errorf("stored %d letters, want 4", got)
	}
	after, _ := db.MailboxState("INBOX")
	if after.UIDValidity == before.UIDValidity || after.UIDNext != 5 {
		t.Errorf("state %+v after change from %+v; want the new UIDVALIDITY and UIDNext 5", after, before)
	}
	// And then nothing new.
	res, err = Sync(context.Background(), db, acct, SyncOptions{})
	if err != nil || res.New != 0 || res.Duplicates != 0 {
		t.Errorf("Sync() again = %+v, %v; want nothing", res, err)
	}
}

func TestSyncAuthFailureStops(t *testing.T) {
	srv := startMemServer(t, nil)
	p := StartProxy(t, srv.Addr)
	db := openStore(t)
	acct := testAccount(t, p.Addr, "salah")
	start := time.Now()
	_, err := Sync(context.Background(), db, acct, SyncOptions{Retries: 5})
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("Sync() with a wrong password = %v, want ErrAuth", err)
	}
	if p.Accepted() != 1 {
		t.Errorf("connections = %d, want 1: no retry after an authentication failure", p.Accepted())
	}
	if !strings.Contains(err.Error(), "refused the login of operator") {
		t.Errorf("error %q does not say what happened", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("auth failure took %v", time.Since(start))
	}
}

func TestSyncNamesRefusedCommand(t *testing.T) {
	srv := startMemServer(t, nil)
	db := openStore(t)
	acct := testAccount(t, srv.Addr, testPassword)
	acct.Mailbox = "Arsip"
	_, err := Sync(context.Background(), db, acct, SyncOptions{})
	if err == nil || !strings.Contains(err.Error(), "EXAMINE Arsip") || !strings.Contains(err.Error(), "NO") {
		t.Fatalf("Sync() of a missing mailbox = %v, want an error naming EXAMINE Arsip and NO", err)
	}
	if retryable(err) {
		t.Errorf("a NO answer is retryable: %v", err)
	}
}

func TestSyncServerDownRetriesThenFails(t *testing.T) {
	db := openStore(t)
	acct := testAccount(t, "127.0.0.1:1", testPassword)
	var waits []time.Duration
	_, err := Sync(context.Background(), db, acct, SyncOptions{Retries: 3, OnRetry: func(_ error, d time.Duration) {
		waits = append(waits, d)
	}})
	if err == nil {
		t.Fatal("Sync() to a closed port = nil")
	}
	if len(waits) != 3 || !(waits[0] < waits[1] && waits[1] < waits[2]) {
		t.Errorf("waits = %v, want 3 growing waits", waits)
	}
}

func TestBackoffCapped(t *testing.T) {
	saved := backoffBase
	backoffBase = time.Second
	defer func() { backoffBase = saved }()
	for n, want := range map[int]time.Duration{0: time.Second, 3: 8 * time.Second, 5: 30 * time.Second, 40: 30 * time.Second} {
		got := backoff(n)
		if got > want || got < want*85/100 {
			t.Errorf("backoff(%d) = %v, want about %v", n, got, want)
		}
	}
}

// TestSyncThroughALineThatDropsOften is the case the cut-lines campaign
// (campaign_cut_test.go) brought up: a line that drops every 300 KB under
// a sync whose one batch is 1 MB. A retry that asks again for the whole
// batch never gets to its end, however often it tries; each attempt must
// ask only for what the attempts before it did not store.
func TestSyncThroughALineThatDropsOften(t *testing.T) {
	srv := startMemServer(t, nil)
	for i := 1; i <= 200; i++ {
		srv.appendMessages(t, crlfMessage(i, 5000))
	}
	p := StartProxy(t, srv.Addr)
	p.CutConnections(1000, 300_000)
	db := openStore(t)
	acct := testAccount(t, p.Addr, testPassword)
	res, err := Sync(context.Background(), db, acct, SyncOptions{CommitBytes: 50_000, Retries: 12,
		backoff: func(int) time.Duration { return time.Millisecond }})
	if err != nil {
		t.Fatalf("Sync() through a line that drops every 300 KB = %v after %d connections; stored %d of 200",
			err, p.Accepted(), storedCount(t, db))
	}
	if got := storedCount(t, db); got != 200 || res.New != 200 {
		t.Errorf("stored %d letters (Sync() = %d new), want 200", got, res.New)
	}
	if res.Duplicates > 20 {
		t.Errorf("%d messages fetched again after a cut; each attempt should ask only for what is missing", res.Duplicates)
	}
	t.Logf("%d connections, %d cut, %d messages fetched twice", p.Accepted(), len(p.Cuts()), res.Duplicates)
}
