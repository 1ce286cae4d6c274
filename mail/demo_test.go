package mail

import (
	"context"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	now := time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)
	d, err := StartDemo(ctx, DemoOptions{Every: 100 * time.Millisecond, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("StartDemo() = %v", err)
	}
	defer d.Close()
	if !strings.HasPrefix(d.URL, "imap://operator@127.0.0.1:") || !strings.HasSuffix(d.URL, "/INBOX") || d.Password == "" {
		t.Errorf("demo URL %q, password %q", d.URL, d.Password)
	}
	acct, err := d.Account()
	if err != nil {
		t.Fatalf("Account() = %v", err)
	}
	db := openStore(t)
	res, err := Sync(ctx, db, acct, SyncOptions{})
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if res.New < 25 || res.Problems != 0 {
		t.Errorf("Sync() of the demo = %+v, want at least 25 new without problems", res)
	}
	letters, err := db.List(store.Query{OldestFirst: true})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	oldest, newest := letters[0].ReceivedAt, letters[24].ReceivedAt
	if !newest.Before(now) || now.Sub(oldest) > 5*24*time.Hour || !oldest.Before(newest) {
		t.Errorf("demo received from %v to %v, want the last days before %v", oldest, newest, now)
	}
	withFiles := 0
	for _, l := range letters {
		if l.HasAttachments {
			withFiles++
		}
		if strings.ContainsRune(l.Subject, 0x1b) {
			t.Errorf("subject %q kept an escape", l.Subject)
		}
	}
	if withFiles < 4 {
		t.Errorf("%d demo letters with attachments, want at least 4", withFiles)
	}

	// New messages keep arriving, each one new.
	eventually(t, 5*time.Second, "a new demo message", func() bool {
		r, err := Sync(ctx, db, acct, SyncOptions{})
		return err == nil && r.New > 0
	})
	if err := d.Deliver(); err != nil {
		t.Fatalf("Deliver() = %v", err)
	}
	cancel()
}
