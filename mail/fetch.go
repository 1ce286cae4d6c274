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
var maxMessageBytes int64 = 512 << 20

// MaxMessageBytes is the size of the largest message the desk stores; a
// larger one is recorded as skipped (store.SkippedMessage).
func MaxMessageBytes() int64 { return maxMessageBytes }

// batch is one UID FETCH: the UIDs lo..hi, and end, the UID from which the
// next batch starts (everything in [lo, end) that exists is in this batch).
// uids are the batch's UIDs as a search found them; nil when the range was
// asked for outright.
type batch struct {
	lo, hi, end imap.UID
	uids        []imap.UID
}

// ask returns the UIDs of b to ask the server for: those the search found,
// or the whole range when there was no search, less what an earlier attempt
// stored, so that a batch is asked for again only in part after a cut.
func (b batch) ask(wm *watermark, stored *storedUIDs) imap.UIDSet {
	if b.uids == nil {
		set, _ := stored.missing(wm.mailbox, wm.validity, b.lo, b.hi)
		return set
	}
	var set imap.UIDSet
	for _, u := range b.uids {
		if !stored.has(wm.mailbox, wm.validity, u) {
			set.AddNum(u)
		}
	}
	return set
}

// planBatches cuts the sorted UIDs into batches of at most size, covering
// [from, end) without gaps between batches.
func planBatches(uids []imap.UID, from, end imap.UID, size int) []batch {
	var out []batch
	for i := 0; i < len(uids); i += size {
		j := min(i+size, len(uids))
		b := batch{lo: uids[i], hi: uids[j-1], uids: uids[i:j]}
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
	var finals []int
	if final {
		finals = []int{i}
	}
	return w.commitBatches(finals, in)
}

// commitBatches stores messages of one or more batches in one transaction
// and marks the batches finals complete, which may move the watermark.
func (w *watermark) commitBatches(finals []int, in []store.Incoming) (store.AddResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, i := range finals {
		w.done[i] = true
	}
	next := w.next
	for next < len(w.done) && w.done[next] {
		next++
	}
	uidNext := w.base
	if next > 0 {
		uidNext = w.batches[next-1].end
	}
	res, err := w.db.AddFromMailbox(w.mailbox, store.MailboxState{UIDValidity: w.validity, UIDNext: uint32(uidNext)}, in)
	if err != nil {
		for _, i := range finals {
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

func (t *tally) vanished(n int) {
	t.mu.Lock()
	t.res.Vanished += n
	t.mu.Unlock()
}

func (t *tally) stored(r store.AddResult, problems int, skipped []store.SkippedMessage) {
	t.mu.Lock()
	t.res.Skipped = append(t.res.Skipped, skipped...)
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
	skipped  []store.SkippedMessage
	final    bool
	problems int
	// blocks are slab blocks whose every body is in this job or an earlier
	// one: once this job is committed, they are free to use again.
	blocks [][]byte
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
		jobs := c.gather(j)
		if c.err != nil {
			continue
		}
		var (
			skipped []store.SkippedMessage
			finals  []int
		)
		in, problems := jobs[0].in, 0
		if len(jobs) > 1 {
			n := 0
			for _, j := range jobs {
				n += len(j.in)
			}
			in = make([]store.Incoming, 0, n)
		}
		for _, j := range jobs {
			if len(jobs) > 1 {
				in = append(in, j.in...)
			}
			skipped = append(skipped, j.skipped...)
			problems += j.problems
			if j.final {
				finals = append(finals, j.batch)
			}
		}
		// Recorded before the watermark may pass them: a crash in between
		// records them again at the next sync.
		if err := c.wm.db.AddSkipped(skipped); err != nil {
			c.err = &storeError{err}
			c.cancel(c.err)
			continue
		}
		res, err := c.wm.commitBatches(finals, in)
		if err != nil {
			c.err = err
			c.cancel(err)
			continue
		}
		c.stored.add(c.wm.mailbox, c.wm.validity, in)
		for _, sk := range skipped {
			c.stored.add(c.wm.mailbox, c.wm.validity, []store.Incoming{{Source: sk.Source}})
		}
		c.t.stored(res, problems, skipped)
		for _, j := range jobs {
			recycle(j.blocks) // committed: no body in them is needed any more
		}
	}
}

// maxGather bounds the jobs one transaction takes.
const maxGather = 16

// gather returns j and the jobs already waiting behind it, which go to the
// store in one transaction: when the store falls behind the network, its
// commits grow and there are fewer of them, each of which ends with the
// disk's flush. A job waits for no other.
func (c *committer) gather(j commitJob) []commitJob {
	jobs := []commitJob{j}
	for len(jobs) < maxGather {
		select {
		case next, ok := <-c.jobs:
			if !ok {
				return jobs
			}
			jobs = append(jobs, next)
		default:
			return jobs
		}
	}
	return jobs
}

// fetchOptions ask for what the store keeps of a message, without setting
// its \Seen flag.
var fetchOptions = &imap.FetchOptions{
	UID:          true,
	InternalDate: true,
	BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
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
			set := b.ask(wm, opts.stored)
			var cmd *imapclient.FetchCommand
			if len(set) > 0 {
				cmd = s.c.Fetch(set, fetchOptions)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				r := &batchReader{s: s, com: com, i: i, b: b, opts: opts, t: t}
				if err := r.run(set, cmd); err != nil {
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
		if ctx.Err() == nil {
			// A body the server sent outside every batch's range is a
			// message of the mailbox all the same.
			r := &batchReader{s: s, com: com, i: -1, opts: opts, t: t}
			r.keep(s.caught.take(0, 0))
			r.flush(false)
		}
		close(com.jobs)
		<-com.done
		finished <- context.Cause(ctx)
	}()
	return s.watch(context.Background(), finished)
}

// fetched is one message as a FETCH response gave it.
type fetched struct {
	uid  imap.UID
	date time.Time
	raw  []byte
	// body is true when a body section came, whole or too big to keep.
	body bool
	// size is the body's size as the server announced it.
	size int64
	// tooBig is true when the body was larger than maxMessageBytes: it was
	// read through and dropped, and the message is recorded as skipped.
	tooBig bool
	// filled are slab blocks whose every body was cut before this one:
	// free to use again once this message is committed.
	filled [][]byte
}

// name is "message UID n", or "a message" before its UID came.
func (f *fetched) name() string {
	if f.uid == 0 {
		return "a message"
	}
	return fmt.Sprintf("message UID %d", f.uid)
}

// readMessage reads one message of a FETCH response, in whatever order the
// server sends its items. A body larger than the desk accepts is drained,
// so that the connection goes on, and marked tooBig.
func readMessage(msg *imapclient.FetchMessageData) (fetched, error) {
	return readMessageInto(msg, nil)
}

// readMessageInto is readMessage with the body kept in s.
func readMessageInto(msg *imapclient.FetchMessageData, s *slab) (fetched, error) {
	var f fetched
	for {
		item := msg.Next()
		if item == nil {
			return f, nil
		}
		switch item := item.(type) {
		case imapclient.FetchItemDataUID:
			f.uid = item.UID
		case imapclient.FetchItemDataInternalDate:
			f.date = item.Time
		case imapclient.FetchItemDataBodySection:
			if item.Literal == nil || f.body {
				continue
			}
			f.body, f.size = true, item.Literal.Size()
			if f.size < 0 || f.size > maxMessageBytes {
				f.tooBig = true
				if _, err := io.Copy(io.Discard, item.Literal); err != nil {
					return f, fmt.Errorf("read past %s of %d bytes: %w", f.name(), f.size, err)
				}
				continue
			}
			f.raw = s.take(f.size)
			f.filled = s.takeFilled()
			if _, err := io.ReadFull(item.Literal, f.raw); err != nil {
				return f, fmt.Errorf("read %s of %d bytes: %w", f.name(), f.size, err)
			}
		}
	}
}

// slab hands out the bodies of one batch's small messages from larger
// blocks: ten thousand bodies of 5 KB are a few dozen allocations instead
// of ten thousand, each of which the runtime would size, zero and track.
// A block lives as long as any body in it, which the store copies at its
// commit; a body is cut to its length and capacity, so nothing written
// to one reaches another.
//
// A block is filled once a body no longer fits in what is left of it.
// Every body in a filled block was cut before the body that opened the
// next block, and the store commits bodies in the order they were cut: so
// once that body is committed, the filled block goes back to blockPool for
// the bodies after it. A block used again is already in memory, where a
// new one costs its zeroing and a page fault every 4 KB (about a sixth of
// a full sync's CPU).
type slab struct {
	free   []byte
	cur    []byte   // the block bodies are cut from, whole
	filled [][]byte // blocks filled since takeFilled last ran
}

// blockPool holds blocks whose bodies are in the store, for reuse.
var blockPool = make(chan []byte, 32)

// newBlock is a block from the pool, or a new one.
func newBlock() []byte {
	select {
	case b := <-blockPool:
		return b
	default:
		return make([]byte, slabBlock)
	}
}

// takeFilled hands over the blocks filled before the body last cut, to be
// recycled once the store has committed that body.
func (s *slab) takeFilled() [][]byte {
	if s == nil {
		return nil
	}
	bs := s.filled
	s.filled = nil
	return bs
}

// release hands over every block left, to be recycled once the store has
// committed every body in them, and empties the slab.
func (s *slab) release() [][]byte {
	bs := s.filled
	if s.cur != nil {
		bs = append(bs, s.cur)
	}
	s.free, s.cur, s.filled = nil, nil, nil
	return bs
}

// recycle puts blocks whose bodies the store has committed back in the
// pool; what does not fit is left to the collector.
func recycle(blocks [][]byte) {
	for _, b := range blocks {
		select {
		case blockPool <- b:
		default:
			return
		}
	}
}

const (
	slabBlock = 1 << 20  // bytes of one block
	slabMax   = 64 << 10 // a larger body has its own allocation
)

// take returns n bytes for a body; a nil slab allocates them on their own.
func (s *slab) take(n int64) []byte {
	if s == nil || n > slabMax {
		return make([]byte, n)
	}
	if int64(len(s.free)) < n {
		if s.cur != nil {
			s.filled = append(s.filled, s.cur)
		}
		s.cur = newBlock()
		s.free = s.cur
	}
	b := s.free[:n:n]
	s.free = s.free[n:]
	return b
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
