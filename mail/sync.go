package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// SyncOptions tune a sync. The zero value is a good default.
type SyncOptions struct {
	// BatchSize is the number of messages one UID FETCH asks for; 0 means
	// 1000.
	BatchSize int
	// InFlight is the number of FETCH commands sent before the first
	// answer is read; 0 means 4.
	InFlight int
	// CommitBytes bounds the bytes read before a commit to the store, and
	// so the memory a batch holds; 0 means 8 MiB.
	CommitBytes int64
	// Retries is how many times a sync reconnects after the network failed;
	// 0 means 5, a negative number none. An authentication failure or a
	// server's refusal is never retried.
	Retries int
	// Progress, when set, is called after every message fetched. Calls do
	// not overlap.
	Progress func(Progress)
	// OnRetry, when set, is told why the sync is offline and how long it
	// waits before the next attempt.
	OnRetry func(err error, wait time.Duration)
}

func (o SyncOptions) withDefaults() SyncOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	if o.InFlight <= 0 {
		o.InFlight = 4
	}
	if o.CommitBytes <= 0 {
		o.CommitBytes = 8 << 20
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	return o
}

// Progress is how far a sync has come.
type Progress struct {
	// Messages were fetched so far, of Total to fetch in this sync.
	Messages, Total int
	// Bytes were fetched so far.
	Bytes int64
}

// SyncResult is what a sync did.
type SyncResult struct {
	// New counts letters added to the store; Added are their IDs.
	New   int
	Added []uint64
	// Total is the number of messages in the mailbox.
	Total int
	// Duplicates counts fetched messages the store already had (after a
	// UIDVALIDITY change, or a resumed batch).
	Duplicates int
	// Problems counts fetched messages with a ParseProblem (stored raw and
	// flagged).
	Problems int
}

func (r *SyncResult) add(o SyncResult) {
	r.New += o.New
	r.Added = append(r.Added, o.Added...)
	r.Duplicates += o.Duplicates
	r.Problems += o.Problems
	r.Total = o.Total
}

// backoffBase is the first wait after a failure; tests shorten it.
var backoffBase = time.Second

// backoff is the wait before attempt n+1: exponential from backoffBase,
// capped at 30 s, with a little jitter so desks do not reconnect in step.
func backoff(n int) time.Duration {
	d := backoffBase << min(n, 10)
	if d > 30*time.Second || d <= 0 {
		d = 30 * time.Second
	}
	return d - time.Duration(rand.Int64N(int64(d)/10+1))
}

// Sync brings every new message of the account's mailbox into db and
// returns what it did. A dropped connection is retried with exponential
// backoff and the sync resumes where it stopped; an authentication failure
// (ErrAuth) or a server's NO or BAD stops it at once.
func Sync(ctx context.Context, db *store.DB, acct *Account, opts SyncOptions) (SyncResult, error) {
	opts = opts.withDefaults()
	var total SyncResult
	for attempt := 0; ; attempt++ {
		res, err := syncOnce(ctx, db, acct, opts)
		total.add(res)
		if err == nil {
			return total, nil
		}
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		if !retryable(err) || attempt >= opts.Retries {
			return total, err
		}
		wait := backoff(attempt)
		if opts.OnRetry != nil {
			opts.OnRetry(err, wait)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return total, ctx.Err()
		}
	}
}

func syncOnce(ctx context.Context, db *store.DB, acct *Account, opts SyncOptions) (SyncResult, error) {
	s, err := dial(ctx, acct)
	if err != nil {
		return SyncResult{}, err
	}
	defer s.logout()
	return s.sync(ctx, db, opts)
}

// waitFor waits for a command that returns data, watching the connection.
func waitFor[T any](ctx context.Context, s *session, wait func() (T, error)) (T, error) {
	var v T
	done := make(chan error, 1)
	go func() {
		var err error
		v, err = wait()
		done <- err
	}()
	err := s.watch(ctx, done)
	return v, err
}

// sync runs one sync on a logged-in session. With nothing new it costs one
// STATUS; otherwise the mailbox is examined (read-only, flags untouched)
// and the new UIDs fetched in pipelined batches.
func (s *session) sync(ctx context.Context, db *store.DB, opts SyncOptions) (SyncResult, error) {
	var res SyncResult
	mailbox := s.acct.Mailbox
	st, err := db.MailboxState(mailbox)
	if err != nil {
		return res, &storeError{err}
	}
	sd, err := waitFor(ctx, s, s.c.Status(mailbox, &imap.StatusOptions{
		NumMessages: true, UIDNext: true, UIDValidity: true,
	}).Wait)
	if err != nil {
		return res, commandError("STATUS "+mailbox, err)
	}
	if sd.NumMessages != nil {
		res.Total = int(*sd.NumMessages)
	}
	if sd.UIDValidity == st.UIDValidity && sd.UIDNext != 0 && uint32(sd.UIDNext) <= st.UIDNext {
		return res, nil
	}

	sel, err := waitFor(ctx, s, s.c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait)
	if err != nil {
		return res, commandError("EXAMINE "+mailbox, err)
	}
	res.Total = int(sel.NumMessages)
	validity, end := sel.UIDValidity, sel.UIDNext
	from := imap.UID(1)
	if validity == st.UIDValidity && st.UIDNext > 1 {
		from = imap.UID(st.UIDNext)
	}
	if end != 0 && from >= end {
		if st.UIDValidity != validity {
			_, err := db.AddFromMailbox(mailbox, store.MailboxState{UIDValidity: validity, UIDNext: uint32(end)}, nil)
			if err != nil {
				return res, &storeError{err}
			}
		}
		return res, nil
	}

	var batches []batch
	expected := 0
	if end != 0 && int(end-from) <= opts.BatchSize {
		// Few enough to ask for the range outright: no SEARCH round trip.
		batches = []batch{{lo: from, hi: end - 1, end: end}}
		expected = int(end - from)
	} else {
		var set imap.UIDSet
		if end != 0 {
			set.AddRange(from, end-1)
		} else {
			set.AddRange(from, 0)
		}
		var sopts *imap.SearchOptions
		if s.c.Caps().Has(imap.CapESearch) || s.c.Caps().Has(imap.CapIMAP4rev2) {
			sopts = &imap.SearchOptions{ReturnAll: true}
		}
		data, err := waitFor(ctx, s, s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, sopts).Wait)
		if err != nil {
			return res, commandError(fmt.Sprintf("UID SEARCH UID %s", set), err)
		}
		uids := sortUIDs(data.AllUIDs(), from, end)
		if end == 0 {
			end = from
			if len(uids) > 0 {
				end = uids[len(uids)-1] + 1
			}
		}
		batches = planBatches(uids, from, end, opts.BatchSize)
		expected = len(uids)
	}
	if len(batches) == 0 {
		_, err := db.AddFromMailbox(mailbox, store.MailboxState{UIDValidity: validity, UIDNext: uint32(end)}, nil)
		if err != nil {
			return res, &storeError{err}
		}
		return res, nil
	}
	t := &tally{report: opts.Progress, progress: Progress{Total: expected}}
	wm := newWatermark(db, mailbox, validity, from, batches)
	err = s.fetchBatches(ctx, wm, batches, opts, t)
	t.mu.Lock()
	fetched := t.res
	t.mu.Unlock()
	fetched.Total = res.Total
	return fetched, err
}
