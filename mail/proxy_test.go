package mail

import (
	"net"
	"sync"
	"testing"
	"time"
)

// Proxy is a TCP proxy in front of a server that can cut every connection,
// or cut each one after a number of bytes from the server.
type Proxy struct {
	Addr   string
	target string
	ln     net.Listener

	mu        sync.Mutex
	conns     []net.Conn
	cutAfter  int64 // cut a connection after this many server bytes; 0 never
	cuts      int   // connections still to cut that way
	plan      func(conn int) int64
	trip      int64 // call tripFn when a connection has passed this many server bytes
	tripFn    func(at int64)
	cutLog    []ProxyCut
	served    int64 // server bytes passed on, all connections
	servedAt  time.Time
	accepted  int
	delay     time.Duration // one-way delay added to each direction
	refuseAll bool
}

// ProxyCut is one connection the proxy dropped on purpose.
type ProxyCut struct {
	Conn int   // the connection's number, from 0
	At   int64 // server bytes passed on before the cut
}

// StartProxy starts a proxy to target on a loopback port.
func StartProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, ln: ln}
	go p.serve()
	t.Cleanup(func() { p.Close() })
	return p
}

// CutConnections makes the next n connections drop after the server sent
// after bytes.
func (p *Proxy) CutConnections(n int, after int64) {
	p.mu.Lock()
	p.cuts, p.cutAfter = n, after
	p.mu.Unlock()
}

// PlanCuts makes plan decide, as each connection is accepted (numbered
// from 0), after how many server bytes it drops; 0 means it does not.
// It runs on the proxy's goroutine and takes precedence over
// CutConnections.
func (p *Proxy) PlanCuts(plan func(conn int) int64) {
	p.mu.Lock()
	p.plan = plan
	p.mu.Unlock()
}

// Trip makes fn run once per connection accepted from now on, when that
// connection has passed after bytes from the server (and before it passes
// any more); after 0 turns it off.
func (p *Proxy) Trip(after int64, fn func(at int64)) {
	p.mu.Lock()
	p.trip, p.tripFn = after, fn
	p.mu.Unlock()
}

// Cuts lists the connections dropped after a number of bytes so far.
func (p *Proxy) Cuts() []ProxyCut {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]ProxyCut(nil), p.cutLog...)
}

// Served is the number of bytes from the server passed on so far, over all
// connections.
func (p *Proxy) Served() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.served
}

// LastServed is when the proxy last passed on bytes from the server.
func (p *Proxy) LastServed() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.servedAt
}

// SetDelay adds d in each direction (a round trip of 2d).
func (p *Proxy) SetDelay(d time.Duration) {
	p.mu.Lock()
	p.delay = d
	p.mu.Unlock()
}

// Accepted is the number of connections made through the proxy.
func (p *Proxy) Accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// Close stops the proxy and drops every connection.
func (p *Proxy) Close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// leg is what one direction of a connection does besides copying.
type leg struct {
	conn   int
	limit  int64 // cut after this many bytes; 0 never
	trip   int64 // call tripFn after this many bytes; 0 never
	tripFn func(int64)
	count  bool // add the bytes to p.served
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		n := p.accepted
		p.accepted++
		p.conns = append(p.conns, c, s)
		down := leg{conn: n, trip: p.trip, tripFn: p.tripFn, count: true}
		if p.plan != nil {
			plan := p.plan
			p.mu.Unlock()
			down.limit = plan(n)
			p.mu.Lock()
		} else if p.cuts > 0 {
			p.cuts--
			down.limit = p.cutAfter
		}
		delay := p.delay
		p.mu.Unlock()
		cut := func() { c.Close(); s.Close() }
		go p.pipe(c, s, leg{conn: n}, delay, cut)
		go p.pipe(s, c, down, delay, cut)
	}
}

// pipe copies from src to dst, cutting both after l.limit bytes, delaying
// each chunk by delay.
func (p *Proxy) pipe(src, dst net.Conn, l leg, delay time.Duration, cut func()) {
	defer cut()
	type chunk struct {
		b    []byte
		at   time.Time
		trip bool // call l.tripFn once this chunk is written
		last bool // cut once this chunk is written
	}
	ch := make(chan chunk, 1024)
	go func() {
		defer close(ch)
		var n int64
		buf := make([]byte, 32<<10)
		for {
			k, err := src.Read(buf)
			b := buf[:k]
			for len(b) > 0 {
				// Split at the trip and at the cut, so that each happens
				// exactly at its byte.
				c := chunk{b: b, at: time.Now().Add(delay)}
				if l.trip > 0 && n < l.trip && n+int64(len(b)) >= l.trip {
					c.b, c.trip = b[:l.trip-n], true
				}
				if l.limit > 0 && n+int64(len(c.b)) >= l.limit {
					c.b, c.last, c.trip = c.b[:l.limit-n], true, c.trip && l.limit == l.trip
				}
				c.b = append([]byte(nil), c.b...)
				ch <- c
				n += int64(len(c.b))
				b = b[len(c.b):]
				if c.last {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	var written int64
	for c := range ch {
		time.Sleep(time.Until(c.at))
		if _, err := dst.Write(c.b); err != nil {
			return
		}
		written += int64(len(c.b))
		if l.count {
			p.mu.Lock()
			p.served += int64(len(c.b))
			p.servedAt = time.Now()
			p.mu.Unlock()
		}
		if c.trip && l.tripFn != nil {
			l.tripFn(written)
		}
		if c.last {
			p.mu.Lock()
			p.cutLog = append(p.cutLog, ProxyCut{Conn: l.conn, At: written})
			p.mu.Unlock()
			return
		}
	}
}

// CutAll drops every open connection.
func (p *Proxy) CutAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}
