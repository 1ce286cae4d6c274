package mail

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"
)

// The watchdog's bounds. A wait for the server is cut when the server
// sends nothing for the account's Timeout, or when, over stallWindow of
// waiting, it sends something but less than stallFloor bytes a second (a
// trickle that would keep a silence watchdog happy for ever). Tests
// shorten them.
var (
	stallWindow = 20 * time.Second
	stallFloor  = int64(1024)
	// cutGrace is how long a cut waits for go-imap's goroutines to notice
	// before the desk goes on without them.
	cutGrace = 5 * time.Second
	// quitGrace is the same when the operator cancelled, and the most a
	// close or a failed write waits for go-imap's reader.
	quitGrace = 300 * time.Millisecond
)

// errUnreadable is the cause when go-imap gave up on what the server sent.
var errUnreadable = errors.New("the server sent something that is not IMAP")

// watchedConn is the TCP connection. It counts what it reads and how long
// reads wait, so the watchdog can tell a silent or trickling server from a
// desk busy elsewhere, and it remembers why it failed: go-imap flattens
// errors into text, so the cause is kept here.
type watchedConn struct {
	net.Conn
	bytes   atomic.Int64 // bytes read
	waited  atomic.Int64 // nanoseconds spent in reads that returned
	reading atomic.Int64 // when the read in progress began (UnixNano); 0 none
	framed  atomic.Int64 // bytes outside literals, as imapConn counts them
	cause   atomic.Pointer[causeError]
	closing atomic.Bool // the desk closed it: later failures are its own
}

func newWatchedConn(c net.Conn) *watchedConn { return &watchedConn{Conn: c} }

func (w *watchedConn) Read(p []byte) (int, error) {
	start := time.Now()
	w.reading.Store(start.UnixNano())
	n, err := w.Conn.Read(p)
	w.reading.Store(0)
	w.waited.Add(int64(time.Since(start)))
	w.bytes.Add(int64(n))
	if err != nil {
		w.failed(KindNetwork, err)
	}
	return n, err
}

func (w *watchedConn) Write(p []byte) (int, error) {
	n, err := w.Conn.Write(p)
	if err != nil {
		w.failed(KindNetwork, err)
	}
	return n, err
}

// failed notes err as the cause, unless the desk closed the connection or
// a cause is known already.
func (w *watchedConn) failed(kind Kind, err error) {
	if w.closing.Load() {
		return
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("the server closed the connection")
	}
	w.cause.CompareAndSwap(nil, &causeError{kind: kind, err: err})
}

// cut notes why and closes the connection, which ends every read and
// write on it at once, whatever goroutine waits in them.
func (w *watchedConn) cut(why *causeError) {
	if why != nil {
		w.cause.CompareAndSwap(nil, why)
	}
	w.closing.Store(true)
	w.Conn.Close()
}

// Close closes the connection; what fails after is the desk's doing.
func (w *watchedConn) Close() error {
	w.closing.Store(true)
	return w.Conn.Close()
}

// whyFailed is the cause noted, or nil.
func (w *watchedConn) whyFailed() *causeError { return w.cause.Load() }

// meter is one watch's memory of the connection: samples of the time
// spent waiting in reads and of the bytes read, one a tick.
type meter struct {
	samples []sample
	framed  int64 // bytes outside literals when the watch began
	started bool
}

type sample struct{ wait, bytes int64 }

// check looks at the connection at now and returns why it should be cut,
// or nil: the read in progress has waited more than silence, over the
// last stallWindow of waiting fewer than stallFloor bytes a second came,
// or the wait has brought more than maxWaitBytes outside literals.
func (w *watchedConn) check(m *meter, now time.Time, silence time.Duration) *causeError {
	if !m.started {
		m.framed, m.started = w.framed.Load(), true
	}
	if got := w.framed.Load() - m.framed; got > maxWaitBytes {
		return &causeError{kind: KindProtocol, err: fmt.Errorf("the server sent more than %d MiB of responses without finishing", maxWaitBytes>>20)}
	}
	wait := w.waited.Load()
	if r := w.reading.Load(); r != 0 {
		since := now.Sub(time.Unix(0, r))
		if since > silence {
			return &causeError{kind: KindNetwork, err: fmt.Errorf("the server sent nothing for %v", silence.Round(time.Second/10))}
		}
		wait += int64(since)
	}
	s := sample{wait: wait, bytes: w.bytes.Load()}
	m.samples = append(m.samples, s)
	win := int64(stallWindow)
	for len(m.samples) > 1 && s.wait-m.samples[1].wait >= win {
		m.samples = m.samples[1:]
	}
	if old := m.samples[0]; s.wait-old.wait >= win {
		got := s.bytes - old.bytes
		if got > 0 && got < stallFloor*int64(stallWindow/time.Second) {
			return &causeError{kind: KindNetwork, err: fmt.Errorf("the server sent only %d bytes in %v, less than %d bytes a second", got, stallWindow, stallFloor)}
		}
	}
	return nil
}

// watchTick is how often the watchdog looks.
func watchTick(timeout time.Duration) time.Duration {
	return max(min(timeout/10, time.Second, stallWindow/10), 5*time.Millisecond)
}

// imapConn is what go-imap reads and writes: the connection (TLS or not)
// with the greeting the desk already read replayed first, each response
// line bounded, go-imap's read deadlines left to the watchdog (go-imap
// has none while a command waits, and five minutes for a literal) and its
// write deadlines set to the account's timeout.
type imapConn struct {
	net.Conn              // TLS or the watched connection itself
	raw      *watchedConn // the TCP connection under it
	prefix   []byte       // read before the connection
	limit    lineLimit
	sent     io.Writer // tests: a copy of what the desk writes
	timeout  time.Duration
	// readerDone is go-imap's Closed channel, once the client runs.
	readerDone atomic.Pointer[<-chan struct{}]
}

func (c *imapConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		return n, nil
	}
	n, err := c.Conn.Read(p)
	if n > 0 {
		before := c.limit.total
		lerr := c.limit.feed(p[:n])
		c.raw.framed.Add(c.limit.total - before)
		if lerr != nil {
			c.raw.cut(&causeError{kind: KindProtocol, err: lerr})
			return 0, lerr
		}
	}
	if err != nil {
		// A failure above TCP (TLS) the TCP connection did not see.
		k := KindNetwork
		if !isNetwork(err) {
			k = KindProtocol
		}
		c.raw.failed(k, err)
	}
	return n, err
}

// Write writes; when the write fails, it returns only once go-imap's
// reader has stopped. go-imap (v2.0.0-beta.8) answers a failed write by
// completing every pending command, closing a FETCH's channel while its
// reader may be sending on it: a data race, and a panic when it loses.
// Cutting the connection ends the reader first.
func (c *imapConn) Write(p []byte) (int, error) {
	if c.sent != nil {
		c.sent.Write(p)
	}
	n, err := c.Conn.Write(p)
	if err != nil {
		c.raw.cut(&causeError{kind: KindNetwork, err: err})
		if done := c.readerDone.Load(); done != nil {
			select {
			case <-*done:
			case <-time.After(quitGrace):
			}
		}
	}
	return n, err
}

// SetReadDeadline is left to the watchdog.
func (c *imapConn) SetReadDeadline(time.Time) error { return nil }

// SetWriteDeadline bounds a write by the account's timeout.
func (c *imapConn) SetWriteDeadline(t time.Time) error {
	if !t.IsZero() {
		t = time.Now().Add(c.timeout)
	}
	return c.Conn.SetWriteDeadline(t)
}

// SetDeadline sets the write deadline only.
func (c *imapConn) SetDeadline(t time.Time) error { return c.SetWriteDeadline(t) }

// Close closes the TCP connection first: a TLS close would otherwise try
// to tell a server that may not be reading, for up to five seconds.
func (c *imapConn) Close() error {
	if !c.raw.closing.Load() {
		// go-imap closes on its own only when it could not read what the
		// server sent (a failed read or write noted its cause already).
		c.raw.cause.CompareAndSwap(nil, &causeError{kind: KindProtocol, err: errUnreadable, guess: true})
	}
	c.raw.Close()
	c.Conn.Close()
	return nil
}
