package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

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
	// so the memory a batch holds; 0 means 2 MiB (small commits keep the
	// store's writer in step with the network).
	CommitBytes int64
	// Retries is how many times a sync reconnects after the network failed
	// or the server said it cannot serve now (NO [UNAVAILABLE], [INUSE] or
	// [LIMIT], BYE); 0 means 5, a negative number none. An authentication
	// failure, a server's refusal and an answer that is not IMAP are never
	// retried (see Kind).
	Retries int
	// Progress, when set, is called after every message fetched. Calls do
	// not overlap.
	Progress func(Progress)
	// OnRetry, when set, is told why the sync is offline and how long it
	// waits before the next attempt.
	OnRetry func(err error, wait time.Duration)

	backoff func(attempt int) time.Duration // tests: the wait before a retry; nil means backoff
	stored  *storedUIDs                     // what earlier attempts stored; withDefaults makes it
}

func (o SyncOptions) withDefaults() SyncOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	if o.InFlight <= 0 {
		o.InFlight = 4
	}
	if o.CommitBytes <= 0 {
		o.CommitBytes = 2 << 20
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	if o.backoff == nil {
		o.backoff = backoff
	}
	if o.stored == nil {
		o.stored = &storedUIDs{}
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
	// Skipped are the messages too large for the desk: read through, not
	// stored, recorded in the store (store.DB.Skipped) and passed.
	Skipped []store.SkippedMessage
	// Vanished counts messages the search found but that were expunged
	// before they could be fetched.
	Vanished int
	// Mailbox is the mailbox synced.
	Mailbox string
	// Resynced is true when the stored watermark was found ahead of the
	// server's UIDNEXT under the same UIDVALIDITY (a server restored from a
	// backup, or a bad report once), and the mailbox was read again from
	// its first UID.
	Resynced bool
}

func (r *SyncResult) add(o SyncResult) {
	r.New += o.New
	r.Added = append(r.Added, o.Added...)
	r.Duplicates += o.Duplicates
	r.Problems += o.Problems
	r.Skipped = append(r.Skipped, o.Skipped...)
	r.Vanished += o.Vanished
	r.Resynced = r.Resynced || o.Resynced
	r.Total = o.Total
	if o.Mailbox != "" {
		r.Mailbox = o.Mailbox
	}
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
// returns what it did. A dropped connection or a server that cannot serve
// now is retried with exponential backoff and the sync resumes where it
// stopped; an authentication failure (ErrAuth), a server's refusal or an
// answer that is not IMAP stops it at once, as an *Error.
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
		wait := opts.backoff(attempt)
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

// sync runs one sync on a logged-in session. A mailbox synced before
// costs one STATUS when nothing is new; otherwise the mailbox is examined
// (read-only, flags untouched) and the new UIDs fetched in pipelined
// batches.
func (s *session) sync(ctx context.Context, db *store.DB, opts SyncOptions) (SyncResult, error) {
	mailbox := s.acct.Mailbox
	res := SyncResult{Mailbox: mailbox}
	st, err := db.MailboxState(mailbox)
	if err != nil {
		return res, &storeError{err}
	}
	guess := imap.UID(1) // where the new UIDs start if UIDVALIDITY holds
	searchNow := true    // a mailbox never synced is searched at once
	if st.UIDValidity != 0 {
		sd, err := waitFor(ctx, s, s.c.Status(mailbox, &imap.StatusOptions{
			NumMessages: true, UIDNext: true, UIDValidity: true,
		}).Wait)
		if err != nil {
			return res, commandError("STATUS "+mailbox, err)
		}
		if sd.NumMessages != nil {
			res.Total = int(*sd.NumMessages)
		}
		if sd.UIDValidity == st.UIDValidity && sd.UIDNext != 0 {
			if uint32(sd.UIDNext) == st.UIDNext {
				return res, nil
			}
			if uint32(sd.UIDNext) < st.UIDNext {
				if st, err = resetWatermark(db, mailbox, st); err != nil {
					return res, err
				}
				res.Resynced = true
			}
		}
		if sd.UIDValidity == st.UIDValidity && st.UIDNext > 1 {
			guess = imap.UID(st.UIDNext)
		}
		searchNow = sd.UIDNext == 0 || sd.UIDNext < guess || int(sd.UIDNext-guess) > opts.BatchSize
	}

	examine := s.c.Select(mailbox, &imap.SelectOptions{ReadOnly: true})
	var search *imapclient.SearchCommand
	if searchNow {
		// Sent behind EXAMINE without waiting: one round trip less.
		search = s.uidSearch(guess)
	}
	sel, err := waitFor(ctx, s, examine.Wait)
	if err != nil {
		if search != nil {
			search.Wait()
		}
		return res, commandError("EXAMINE "+mailbox, err)
	}
	res.Total = int(sel.NumMessages)
	validity, end := sel.UIDValidity, sel.UIDNext
	if validity == st.UIDValidity && end != 0 && uint32(end) < st.UIDNext {
		// STATUS said nothing of UIDNEXT, EXAMINE does.
		if st, err = resetWatermark(db, mailbox, st); err != nil {
			if search != nil {
				search.Wait()
			}
			return res, err
		}
		res.Resynced = true
	}
	from := imap.UID(1)
	if validity == st.UIDValidity && st.UIDNext > 1 {
		from = imap.UID(st.UIDNext)
	}
	var uids []imap.UID
	searched := false
	if search != nil {
		data, err := waitFor(ctx, s, search.Wait)
		if err != nil {
			return res, commandError(fmt.Sprintf("UID SEARCH UID %d:*", guess), err)
		}
		uids, searched = data.AllUIDs(), from == guess
	}
	if res.Resynced && !searched {
		data, err := waitFor(ctx, s, s.uidSearch(from).Wait)
		if err != nil {
			return res, commandError(fmt.Sprintf("UID SEARCH UID %d:*", from), err)
		}
		uids, searched = data.AllUIDs(), true
	}
	if end != 0 && from >= end {
		if st.UIDValidity != validity {
			if _, err := db.AddFromMailbox(mailbox, store.MailboxState{UIDValidity: validity, UIDNext: uint32(end)}, nil); err != nil {
				return res, &storeError{err}
			}
		}
		return res, nil
	}
	if !searched && (end == 0 || int(end-from) > opts.BatchSize) {
		data, err := waitFor(ctx, s, s.uidSearch(from).Wait)
		if err != nil {
			return res, commandError(fmt.Sprintf("UID SEARCH UID %d:*", from), err)
		}
		uids, searched = data.AllUIDs(), true
	}

	var batches []batch
	expected := 0
	if searched {
		uids = sortUIDs(uids, from, end)
		if end == 0 {
			end = from
			if len(uids) > 0 {
				end = uids[len(uids)-1] + 1
			}
		}
		// What an attempt before this one stored is not asked for again.
		uids = slices.DeleteFunc(uids, func(u imap.UID) bool { return opts.stored.has(mailbox, validity, u) })
		if res.Resynced {
			if uids, err = lacking(db, mailbox, validity, uids); err != nil {
				return res, err
			}
		}
		batches = planBatches(uids, from, end, opts.BatchSize)
		expected = len(uids)
	} else {
		// Few enough to ask for the range outright.
		batches = []batch{{lo: from, hi: end - 1, end: end}}
		_, have := opts.stored.missing(mailbox, validity, from, end-1)
		expected = int(end-from) - have
	}
	if len(batches) == 0 {
		if _, err := db.AddFromMailbox(mailbox, store.MailboxState{UIDValidity: validity, UIDNext: uint32(end)}, nil); err != nil {
			return res, &storeError{err}
		}
		opts.stored.forget()
		return res, nil
	}
	t := &tally{report: opts.Progress, progress: Progress{Total: expected}}
	wm := newWatermark(db, mailbox, validity, from, batches)
	err = s.fetchBatches(ctx, wm, batches, opts, t)
	if err == nil {
		opts.stored.forget()
	}
	t.mu.Lock()
	fetched := t.res
	t.mu.Unlock()
	fetched.Total = res.Total
	fetched.Resynced, fetched.Mailbox = res.Resynced, mailbox
	return fetched, err
}

// resetWatermark starts a mailbox again from its first UID: the stored
// watermark is ahead of the server's UIDNEXT under the same UIDVALIDITY, so
// it cannot be trusted to mark what was stored. The messages the store
// holds are not fetched again (lacking); the rest are.
func resetWatermark(db *store.DB, mailbox string, st store.MailboxState) (store.MailboxState, error) {
	st.UIDNext = 1
	if err := db.ResetMailbox(mailbox, st); err != nil {
		return st, &storeError{err}
	}
	return st, nil
}

// lacking keeps the UIDs whose message the store does not hold.
func lacking(db *store.DB, mailbox string, validity uint32, uids []imap.UID) ([]imap.UID, error) {
	nums := make([]uint32, len(uids))
	for i, u := range uids {
		nums[i] = uint32(u)
	}
	have, err := db.HasSources(mailbox, validity, nums)
	if err != nil {
		return nil, &storeError{err}
	}
	out := uids[:0]
	for i, u := range uids {
		if !have[i] {
			out = append(out, u)
		}
	}
	return out, nil
}

// uidSearch asks for the UIDs from from on. "n:*" always includes the last
// message, even below n: callers filter.
func (s *session) uidSearch(from imap.UID) *imapclient.SearchCommand {
	var set imap.UIDSet
	set.AddRange(from, 0)
	var opts *imap.SearchOptions
	if caps := s.c.Caps(); caps.Has(imap.CapESearch) || caps.Has(imap.CapIMAP4rev2) {
		opts = &imap.SearchOptions{ReturnAll: true}
	}
	return s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, opts)
}
