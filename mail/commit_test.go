package mail

import (
	"context"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// TestCommitterGathers queues jobs of several batches, out of order and
// some not final, before the committer starts: it stores them all, takes
// what waits into fewer transactions, and the watermark stops below the
// first batch not complete.
func TestCommitterGathers(t *testing.T) {
	db := openStore(t)
	batches := planBatches([]imap.UID{1, 2, 3, 4, 5, 6, 7, 8}, 1, 9, 2)
	wm := newWatermark(db, "INBOX", 7, 1, batches)
	in := func(uids ...uint32) []store.Incoming {
		var out []store.Incoming
		for _, u := range uids {
			out = append(out, NewIncoming(testMessage(int(u)), time.Time{}, store.Source{Mailbox: "INBOX", UIDValidity: 7, UID: u}))
		}
		return out
	}
	jobs := []commitJob{
		{batch: 0, in: in(1), final: false},
		{batch: 1, in: in(3, 4), final: true},
		{batch: 0, in: in(2), final: true},
		{batch: 3, in: in(7, 8), final: true},
		{batch: 2, in: in(5), final: false}, // batch 2 stays open
	}
	stored := &storedUIDs{}
	tl := &tally{}
	_, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	com := &committer{wm: wm, stored: stored, t: tl, jobs: make(chan commitJob, len(jobs)), done: make(chan struct{}), cancel: cancel}
	for _, j := range jobs {
		com.jobs <- j
	}
	if got := com.gather(<-com.jobs); len(got) != len(jobs) {
		t.Fatalf("gather() took %d jobs, want %d", len(got), len(jobs))
	}
	for _, j := range jobs {
		com.jobs <- j
	}
	close(com.jobs)
	com.run()
	if com.err != nil {
		t.Fatalf("committer: %v", com.err)
	}
	if tl.res.New != 7 {
		t.Errorf("stored %d new, want 7", tl.res.New)
	}
	if got := storedCount(t, db); got != 7 {
		t.Errorf("store holds %d letters, want 7", got)
	}
	st, err := db.MailboxState("INBOX")
	if err != nil {
		t.Fatalf("MailboxState() = %v", err)
	}
	if want := uint32(batches[2].lo); st.UIDNext != want {
		t.Errorf("UIDNext = %d, want %d (batch 2 is open)", st.UIDNext, want)
	}
	if _, n := stored.missing("INBOX", 7, 1, 8); n != 7 {
		t.Errorf("storedUIDs notes %d of 1..8, want 7", n)
	}
}
