package mail

import (
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"sanapati-desk/store"
)

// batchReader reads one batch to its end: it reads the batch's FETCH,
// takes the bodies the catcher kept for its range, asks once more for the
// messages the server named or the search found but sent no body for, and
// hands what it read to the committer in slices of at most
// opts.CommitBytes. The batch is marked complete, so that the watermark may
// pass it, only when every message of it is stored or recorded as skipped.
type batchReader struct {
	s    *session
	com  *committer
	i    int // the batch's index; -1 for bodies outside every batch
	b    batch
	opts SyncOptions
	t    *tally

	pending  []store.Incoming
	skipped  []store.SkippedMessage
	bytes    int64
	problems int
	slab     slab              // the bodies read
	filled   [][]byte          // slab blocks free once what is kept so far is committed
	got      map[imap.UID]bool // a body came: stored or skipped
	seen     map[imap.UID]bool // named in a FETCH response, with or without a body
}

// run reads the batch from cmd, the FETCH of set already sent. A nil cmd
// is a batch with nothing left to ask for.
func (r *batchReader) run(set imap.UIDSet, cmd *imapclient.FetchCommand) error {
	if cmd == nil {
		r.flush(true)
		return nil
	}
	for pass := 0; ; pass++ {
		if err := r.read(cmd, set); err != nil {
			// Keep what arrived whole; the batch stays open for the next
			// attempt.
			r.flush(false)
			return err
		}
		r.keep(r.s.caught.take(r.b.lo, r.b.hi))
		missing, named := r.missing(set)
		if len(missing) == 0 {
			r.flush(true)
			return nil
		}
		if pass > 0 {
			if len(named) > 0 {
				r.flush(false)
				return &Error{Kind: KindProtocol, Server: r.s.acct.Addr(), Op: "UID FETCH", UIDs: named.String(), Err: errNoBody}
			}
			// Found by the search, never named by two FETCHes: expunged
			// meanwhile by another client.
			r.t.vanished(len(missingUIDs(missing)))
			r.flush(true)
			return nil
		}
		set = missing
		cmd = r.s.c.Fetch(set, fetchOptions)
	}
}

// keepAhead is how many messages read may be ahead of keep.
const keepAhead = 256

// read reads one FETCH command to its end. Each message is kept (read for
// the store's record and queued) on a goroutine of its own: go-imap's
// reader waits until a body is read before it reads on, so a message kept
// between two bodies would hold up the connection meanwhile.
func (r *batchReader) read(cmd *imapclient.FetchCommand, set imap.UIDSet) error {
	var readErr error
	read := make(chan fetched, keepAhead)
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		for f := range read {
			r.keep([]fetched{f})
		}
	}()
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		f, err := readMessageInto(msg, &r.slab)
		if err != nil {
			readErr = fetchError(set, err)
			break
		}
		read <- f
	}
	close(read)
	<-kept
	if readErr != nil {
		// A literal that failed half-way is read again by go-imap's
		// discard, racing its reader goroutine: end that goroutine first.
		// Close alone does not wait for it when the TLS close_notify
		// cannot be written to a peer that is gone (a cut line): wait.
		r.s.raw.cut(nil)
		select {
		case <-r.s.c.Closed():
		case <-time.After(cutGrace):
		}
	}
	cerr := cmd.Close()
	if readErr == nil && cerr != nil {
		readErr = fetchError(set, cerr)
	}
	return readErr
}

// keep notes each message and queues its body for the store; a body too
// large for the desk is queued as skipped. A second body for the same UID
// is dropped.
func (r *batchReader) keep(fs []fetched) {
	if r.got == nil {
		r.got, r.seen = map[imap.UID]bool{}, map[imap.UID]bool{}
	}
	for _, f := range fs {
		r.filled = append(r.filled, f.filled...)
		if f.uid == 0 {
			continue
		}
		r.seen[f.uid] = true
		if !f.body || r.got[f.uid] {
			continue
		}
		r.got[f.uid] = true
		src := store.Source{Mailbox: r.com.wm.mailbox, UIDValidity: r.com.wm.validity, UID: uint32(f.uid)}
		r.t.message(len(f.raw))
		if f.tooBig {
			r.skipped = append(r.skipped, store.SkippedMessage{Source: src, Size: f.size,
				Reason: fmt.Sprintf("%d bytes, more than the desk accepts (%d)", f.size, maxMessageBytes)})
			continue
		}
		in := NewIncoming(f.raw, f.date, src)
		// Hashed here, beside the connection, so that the store's one
		// writer does not wait for it.
		in.Digest()
		if in.ParseProblem != "" {
			r.problems++
		}
		r.pending = append(r.pending, in)
		r.bytes += int64(len(in.Raw))
		if r.bytes >= r.opts.CommitBytes {
			r.flush(false)
		}
	}
}

// flush hands what is queued to the committer; final marks the batch
// complete.
func (r *batchReader) flush(final bool) {
	if len(r.pending) > 0 || len(r.skipped) > 0 || (final && r.i >= 0) {
		j := commitJob{batch: r.i, in: r.pending, skipped: r.skipped, final: final && r.i >= 0, problems: r.problems,
			blocks: r.filled}
		if j.final {
			j.blocks = append(j.blocks, r.slab.release()...)
		}
		r.com.jobs <- j
		r.filled = nil
	}
	// The next job is about as long as this one.
	r.pending, r.skipped, r.bytes, r.problems = make([]store.Incoming, 0, len(r.pending)), nil, 0, 0
}

// missing returns the UIDs of set that the search found or the server
// named but that came without a body, and of those, the ones the server
// named.
func (r *batchReader) missing(set imap.UIDSet) (missing, named imap.UIDSet) {
	want := map[imap.UID]bool{}
	for _, u := range r.b.uids {
		if set.Contains(u) {
			want[u] = true
		}
	}
	for u := range r.seen {
		if set.Contains(u) {
			want[u] = true
		}
	}
	for _, u := range sortedKeys(want) {
		if r.got[u] {
			continue
		}
		missing.AddNum(u)
		if r.seen[u] {
			named.AddNum(u)
		}
	}
	return missing, named
}

func sortedKeys(m map[imap.UID]bool) []imap.UID {
	out := make([]imap.UID, 0, len(m))
	for u := range m {
		out = append(out, u)
	}
	return sortUIDs(out, 0, 0)
}

// missingUIDs lists the UIDs of a set of single numbers and ranges.
func missingUIDs(set imap.UIDSet) []imap.UID {
	var out []imap.UID
	for _, r := range set {
		for u := r.Start; u <= r.Stop && u != 0; u++ {
			out = append(out, u)
		}
	}
	return out
}

// errNoBody is the failure of a server that named messages in its FETCH
// responses but never sent their bodies, even when asked again. The
// watermark stays below them, so the next sync asks again.
var errNoBody = errors.New("the server named the message but sent no body for it, even when asked again")
