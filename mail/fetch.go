package mail

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"sanapati-desk/store"
)

// maxMessageBytes refuses a literal no desk should hold in memory.
const maxMessageBytes = 512 << 20

// batch is one UID FETCH: the UIDs lo..hi, and end, the UID from which the
// next batch starts (everything in [lo, end) that exists is in this batch).
type batch struct {
	lo, hi, end imap.UID
}

// planBatches cuts the sorted UIDs into batches of at most size, covering
// [from, end) without gaps between batches.
func planBatches(uids []imap.UID, from, end imap.UID, size int) []batch {
	var out []batch
	for i := 0; i < len(uids); i += size {
		j := min(i+size, len(uids))
		b := batch{lo: uids[i], hi: uids[j-1]}
		if i == 0 {
			b.lo = from
		}
		out = append(out, b)
	}
	for i := range out {
		if i+1 < len(out) {
			out[i].end = out[i+1].lo
		} else {
			out[i].end = end
		}
	}
	return out
}

// watermark advances the stored UIDNext only past batches that are all
// stored: batches finish out of order, the watermark never jumps a hole.
type watermark struct {
	mu       sync.Mutex
	db       *store.DB
	mailbox  string
	validity uint32
	base     imap.UID
	batches  []batch
	done     []bool
	next     int // first batch not done
}

func newWatermark(db *store.DB, mailbox string, validity uint32, base imap.UID, batches []batch) *watermark {
	return &watermark{db: db, mailbox: mailbox, validity: validity, base: base, batches: batches, done: make([]bool, len(batches))}
}

// commit stores messages of batch i; final marks the batch complete, which
// may move the watermark, in the same transaction.
func (w *watermark) commit(i int, in []store.Incoming, final bool) (store.AddResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	next := w.next
	if final {
		w.done[i] = true
		for next < len(w.done) && w.done[next] {
			next++
		}
	}
	uidNext := w.base
	if next > 0 {
		uidNext = w.batches[next-1].end
	}
	res, err := w.db.AddFromMailbox(w.mailbox, store.MailboxState{UIDValidity: w.validity, UIDNext: uint32(uidNext)}, in)
	if err != nil {
		if final {
			w.done[i] = false
		}
		return res, &storeError{err}
	}
	w.next = next
	return res, nil
}

// tally adds up what the consumers stored, and reports progress.
type tally struct {
	mu       sync.Mutex
	res      SyncResult
	progress Progress
	report   func(Progress)
}

func (t *tally) message(size int) {
	t.mu.Lock()
	t.progress.Messages++
	t.progress.Bytes += int64(size)
	if t.report != nil {
		t.report(t.progress)
	}
	t.mu.Unlock()
}

func (t *tally) stored(r store.AddResult, problems int) {
	t.mu.Lock()
	t.res.New += len(r.Added)
	t.res.Added = append(t.res.Added, r.Added...)
	t.res.Duplicates += r.Duplicates
	t.res.Problems += problems
	t.mu.Unlock()
}

// commitJob is a slice of a batch for the committer to store.
type commitJob struct {
	batch    int
	in       []store.Incoming
	final    bool
	problems int
}

// committer writes to the store in its own goroutine, so the connection is
// read on while a transaction commits.
type committer struct {
	wm     *watermark
	stored *storedUIDs
	t      *tally
	jobs   chan commitJob
	done   chan struct{}
	err    error
	cancel context.CancelCauseFunc
}

func (c *committer) run() {
	defer close(c.done)
	for j := range c.jobs {
		if c.err != nil {
			continue
		}
		res, err := c.wm.commit(j.batch, j.in, j.final)
		if err != nil {
			c.err = err
			c.cancel(err)
			continue
		}
		c.stored.add(c.wm.mailbox, c.wm.validity, j.in)
		c.t.stored(res, j.problems)
	}
}

// fetchBatches runs the batches with up to opts.InFlight FETCH commands in
// flight. Each command has its own consumer goroutine: go-imap's reader
// hands a command's literals to whoever reads that command, and Dovecot
// may hold one command's tagged OK until it has streamed the next one, so
// reading pipelined commands one after the other deadlocks.
func (s *session) fetchBatches(ctx context.Context, wm *watermark, batches []batch, opts SyncOptions, t *tally) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	com := &committer{wm: wm, stored: opts.stored, t: t, jobs: make(chan commitJob, opts.InFlight), done: make(chan struct{}), cancel: cancel}
	go com.run()
	sem := make(chan struct{}, opts.InFlight)
	var wg sync.WaitGroup
	issued := make(chan struct{})
	go func() {
		defer close(issued)
		for i, b := range batches {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			if ctx.Err() != nil {
				<-sem
				return
			}
			// Not what an earlier attempt stored: a batch is asked for
			// again only in part after a cut.
			set, _ := opts.stored.missing(wm.mailbox, wm.validity, b.lo, b.hi)
			var cmd *imapclient.FetchCommand
			if len(set) > 0 {
				cmd = s.c.Fetch(set, &imap.FetchOptions{
					UID:          true,
					InternalDate: true,
					BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
				})
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				if err := s.consume(com, i, b, cmd, opts, t); err != nil {
					cancel(err)
				}
			}()
		}
	}()
	// Wait for every consumer and the last commit, watching the connection
	// meanwhile.
	finished := make(chan error, 1)
	go func() {
		<-issued
		wg.Wait()
		close(com.jobs)
		<-com.done
		finished <- context.Cause(ctx)
	}()
	return s.watch(context.Background(), finished)
}

// consume reads one FETCH command to its end and hands what it read to the
// committer in slices of at most opts.CommitBytes; the last slice, sent
// when the server says OK, marks the batch complete. A nil cmd is a batch
// with nothing left to ask for.
func (s *session) consume(com *committer, i int, b batch, cmd *imapclient.FetchCommand, opts SyncOptions, t *tally) error {
	if cmd == nil {
		com.jobs <- commitJob{batch: i, final: true}
		return nil
	}
	var (
		pending  []store.Incoming
		bytes    int64
		problems int
		readErr  error
	)
	flush := func(final bool) {
		if len(pending) > 0 || final {
			com.jobs <- commitJob{batch: i, in: pending, final: final, problems: problems}
		}
		pending, bytes, problems = nil, 0, 0
	}
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		in, err := readFetched(msg, com.wm.mailbox, com.wm.validity)
		if err != nil {
			readErr = err
			break
		}
		if in == nil {
			continue
		}
		if in.ParseProblem != "" {
			problems++
		}
		pending = append(pending, *in)
		bytes += int64(len(in.Raw))
		t.message(len(in.Raw))
		if bytes >= opts.CommitBytes {
			flush(false)
		}
	}
	if readErr != nil {
		// A literal that failed half-way is read again by go-imap's
		// discard, racing its reader goroutine: end that goroutine first.
		// Close alone does not wait for it when the TLS close_notify
		// cannot be written to a peer that is gone (a cut line): wait.
		s.c.Close()
		<-s.c.Closed()
	}
	cerr := cmd.Close()
	if readErr == nil && cerr != nil {
		readErr = commandError(fmt.Sprintf("UID FETCH %d:%d", b.lo, b.hi), cerr)
	}
	// Keep what arrived whole; a failed batch stays open for the next sync.
	flush(readErr == nil)
	return readErr
}

// readFetched reads one message of a FETCH response: its UID, its
// INTERNALDATE and its bytes. A response without a body (a flag update the
// server slipped in) gives nil.
func readFetched(msg *imapclient.FetchMessageData, mailbox string, validity uint32) (*store.Incoming, error) {
	var (
		uid  imap.UID
		date time.Time
		raw  []byte
		got  bool
	)
	for {
		item := msg.Next()
		if item == nil {
			break
		}
		switch item := item.(type) {
		case imapclient.FetchItemDataUID:
			uid = item.UID
		case imapclient.FetchItemDataInternalDate:
			date = item.Time
		case imapclient.FetchItemDataBodySection:
			if item.Literal == nil {
				continue
			}
			n := item.Literal.Size()
			if n < 0 || n > maxMessageBytes {
				return nil, fmt.Errorf("message UID %d is %d bytes, more than the desk accepts", uid, n)
			}
			raw = make([]byte, n)
			if _, err := io.ReadFull(item.Literal, raw); err != nil {
				return nil, fmt.Errorf("read message UID %d: %w", uid, err)
			}
			got = true
		}
	}
	if !got || uid == 0 {
		return nil, nil
	}
	in := NewIncoming(raw, date, store.Source{Mailbox: mailbox, UIDValidity: validity, UID: uint32(uid)})
	return &in, nil
}

// sortUIDs sorts in place and drops UIDs outside [from, end).
func sortUIDs(uids []imap.UID, from, end imap.UID) []imap.UID {
	sort.Slice(uids, func(i, j int) bool { return uids[i] < uids[j] })
	out := uids[:0]
	for _, u := range uids {
		if u >= from && (end == 0 || u < end) && (len(out) == 0 || out[len(out)-1] != u) {
			out = append(out, u)
		}
	}
	return out
}
