package mail

import (
	"context"
	"net"
	"strings"
	"time"
)

// earlyFresh is how long a connection Preconnect made may wait for its
// taker: a server drops a client that stays silent after its greeting,
// though none in under half a minute.
const earlyFresh = 10 * time.Second

// early is the outcome of a connection started by Preconnect.
type early struct {
	conn net.Conn
	err  error
	at   time.Time // when the dial ended
}

// tcpDialer is how the desk makes its TCP connections. A line that dies
// while the desk waits in IDLE, when nothing is asked and silence is
// normal, is noticed in about 30 s.
func tcpDialer() *net.Dialer {
	return &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3}}
}

// Preconnect starts the TCP connection to the server in the background,
// so that resolving the name, connecting and the server's greeting happen
// while the caller does other work (the command line opens its store
// meanwhile). The next connection Sync makes takes it up; a connection
// nobody took is closed when ctx ends. It does nothing when the password
// is still to be asked or run for: an operator's answer may take longer
// than a server waits for a silent client.
func (a *Account) Preconnect(ctx context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.early != nil || (a.password == "" && a.envPassword == "") {
		return
	}
	ch := make(chan early, 1)
	a.early = ch
	go func() {
		dctx, cancel := context.WithTimeout(ctx, a.Timeout)
		defer cancel()
		c, err := a.dialNow(dctx)
		ch <- early{conn: c, err: err, at: time.Now()}
	}()
	context.AfterFunc(ctx, func() {
		if ch := a.takeEarly(); ch != nil {
			if e := <-ch; e.conn != nil {
				e.conn.Close()
			}
		}
	})
}

// takeEarly returns the pending outcome of Preconnect, if any, and
// forgets it.
func (a *Account) takeEarly() chan early {
	a.mu.Lock()
	defer a.mu.Unlock()
	ch := a.early
	a.early = nil
	return ch
}

// dialTCP connects to the server: the connection Preconnect started when
// there is one and it worked and is fresh, else a new one.
func (a *Account) dialTCP(ctx context.Context) (net.Conn, error) {
	if ch := a.takeEarly(); ch != nil {
		select {
		case e := <-ch:
			if e.err == nil && time.Since(e.at) < earlyFresh {
				return e.conn, nil
			}
			if e.conn != nil {
				e.conn.Close()
			}
			// A failed or stale early dial: dial again, so that the
			// error is the one the server gives now.
		case <-ctx.Done():
			go func() {
				if e := <-ch; e.conn != nil {
					e.conn.Close()
				}
			}()
			return nil, ctx.Err()
		}
	}
	return a.dialNow(ctx)
}

// dialNow makes a new TCP connection to the server. localhost is the
// loopback address by definition (RFC 6761, 6.3), so it is dialled
// without asking the resolver: 127.0.0.1, then ::1.
func (a *Account) dialNow(ctx context.Context) (net.Conn, error) {
	d := tcpDialer()
	if !strings.EqualFold(a.Host, "localhost") {
		return d.DialContext(ctx, "tcp", a.Addr())
	}
	c, err := d.DialContext(ctx, "tcp4", net.JoinHostPort("127.0.0.1", a.Port))
	if err == nil || ctx.Err() != nil {
		return c, err
	}
	if c, err6 := d.DialContext(ctx, "tcp6", net.JoinHostPort("::1", a.Port)); err6 == nil {
		return c, nil
	}
	return nil, err
}
