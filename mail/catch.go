package mail

import (
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// catcher keeps message bodies that go-imap could not hand to the FETCH
// command that asked for them. go-imap matches a FETCH response to its
// command by the UID it has read before the first literal, and only once
// per UID: a body that comes after an unsolicited flag update of the same
// message (another client marking it read), or before its UID (the grammar
// allows any order), reaches the unilateral handler instead. Without the
// catcher those bodies were discarded while the batch counted as done.
type catcher struct {
	mu     sync.Mutex
	idle   *sync.Cond // signalled when busy drops to zero
	busy   int        // handlers still reading a response
	bodies map[imap.UID]fetched
}

// handle reads one unsolicited FETCH response, keeping it if it carries a
// body and a UID. go-imap runs it in its own goroutine; when the response
// holds a literal, go-imap's reader waits until handle has read it, so a
// body counted here is counted before the command's tagged OK is read.
func (c *catcher) handle(msg *imapclient.FetchMessageData) {
	c.mu.Lock()
	c.busy++
	c.mu.Unlock()
	defer c.done()
	f, err := readMessage(msg)
	if err != nil || f.uid == 0 || !f.body {
		return
	}
	c.mu.Lock()
	if c.bodies == nil {
		c.bodies = map[imap.UID]fetched{}
	}
	if old, ok := c.bodies[f.uid]; !ok || old.tooBig {
		c.bodies[f.uid] = f
	}
	c.mu.Unlock()
}

func (c *catcher) done() {
	c.mu.Lock()
	c.busy--
	if c.busy == 0 && c.idle != nil {
		c.idle.Broadcast()
	}
	c.mu.Unlock()
}

// take waits until no handler is reading, then removes and returns the
// bodies caught with a UID in lo..hi (hi 0: no upper bound).
func (c *catcher) take(lo, hi imap.UID) []fetched {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle == nil {
		c.idle = sync.NewCond(&c.mu)
	}
	for c.busy > 0 {
		c.idle.Wait()
	}
	var out []fetched
	for uid, f := range c.bodies {
		if uid >= lo && (hi == 0 || uid <= hi) {
			out = append(out, f)
			delete(c.bodies, uid)
		}
	}
	return out
}
