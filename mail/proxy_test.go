package mail

import (
	"io"
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
	accepted  int
	delay     time.Duration // one-way delay added to each direction
	refuseAll bool
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
		p.accepted++
		p.conns = append(p.conns, c, s)
		limit := int64(0)
		if p.cuts > 0 {
			p.cuts--
			limit = p.cutAfter
		}
		delay := p.delay
		p.mu.Unlock()
		cut := func() { c.Close(); s.Close() }
		go p.pipe(c, s, 0, delay, cut)
		go p.pipe(s, c, limit, delay, cut)
	}
}

// pipe copies from src to dst, cutting both after limit bytes, delaying
// each chunk by delay.
func (p *Proxy) pipe(src, dst net.Conn, limit int64, delay time.Duration, cut func()) {
	defer cut()
	if delay == 0 && limit == 0 {
		io.Copy(dst, src)
		return
	}
	type chunk struct {
		b  []byte
		at time.Time
	}
	ch := make(chan chunk, 1024)
	go func() {
		defer close(ch)
		var n int64
		buf := make([]byte, 32<<10)
		for {
			k, err := src.Read(buf)
			if k > 0 {
				b := append([]byte(nil), buf[:k]...)
				if limit > 0 && n+int64(k) >= limit {
					b = b[:limit-n]
					ch <- chunk{b, time.Now().Add(delay)}
					return
				}
				n += int64(k)
				ch <- chunk{b, time.Now().Add(delay)}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range ch {
		time.Sleep(time.Until(c.at))
		if _, err := dst.Write(c.b); err != nil {
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
