package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"net"
	"os"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// session is one logged-in IMAP connection.
type session struct {
	acct   *Account
	c      *imapclient.Client
	raw    *watchedConn
	exists chan struct{} // a token when the server reports new messages
	caught catcher       // message bodies that came outside their FETCH command
	stop   func() bool   // stops closing the client when ctx ends
}

// dial connects, secures and logs in, all within the account's timeout.
// The session closes when ctx ends.
func dial(ctx context.Context, a *Account) (*session, error) {
	// Asked before connecting: the operator may take a while to answer.
	pw, err := a.Password(ctx)
	if err != nil {
		return nil, err
	}
	s := &session{acct: a, exists: make(chan struct{}, 1)}
	opts := &imapclient.Options{
		TLSConfig:   a.tlsConfig,
		WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader},
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					s.notify()
				}
			},
			Fetch: s.caught.handle,
		},
	}
	until := time.Now().Add(a.Timeout)
	conn, err := s.connect(ctx, until)
	if err != nil {
		return nil, err
	}
	s.c = imapclient.New(conn, opts)
	closed := s.c.Closed()
	conn.readerDone.Store(&closed)
	s.stop = context.AfterFunc(ctx, func() { s.raw.cut(&causeError{kind: KindNetwork, err: context.Canceled}) })
	if err := s.login(ctx, pw, until); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *session) notify() {
	select {
	case s.exists <- struct{}{}:
	default:
	}
}

// connect makes the TCP connection, reads the greeting, and secures the
// connection: TLS from the start for imaps://, else STARTTLS on the same
// connection (required unless plaintext is allowed, and used when offered
// even then). Every step ends by until. It returns the connection for
// go-imap, which replays the greeting.
func (s *session) connect(ctx context.Context, until time.Time) (*imapConn, error) {
	a := s.acct
	dctx, cancel := context.WithDeadline(ctx, until)
	defer cancel()
	c, err := a.dialTCP(dctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if isTimeout(err) {
			err = errNoAnswer(a.Timeout)
		}
		return nil, &Error{Kind: KindNetwork, Server: a.Addr(), Op: "connect", Err: err}
	}
	raw := newWatchedConn(c)
	s.raw = raw
	_ = raw.SetDeadline(until)
	stop := context.AfterFunc(ctx, func() { raw.cut(nil) })
	defer stop()

	conn, err := s.secure(dctx, raw)
	if err != nil {
		raw.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	_ = raw.SetDeadline(time.Time{})
	return conn, nil
}

// secure runs the exchange before go-imap takes over.
func (s *session) secure(ctx context.Context, raw *watchedConn) (*imapConn, error) {
	a := s.acct
	fail := func(op string, err error) error {
		cause := raw.whyFailed()
		if isTimeout(err) || (cause != nil && isTimeout(cause.err)) {
			cause = &causeError{kind: KindNetwork, err: errNoAnswer(a.Timeout)}
		}
		return classify(a.Addr(), op, err, cause)
	}
	if a.ImplicitTLS {
		cfg := a.tlsConfig.Clone()
		cfg.NextProtos = []string{"imap"}
		tc := tls.Client(newReadAheadConn(raw), cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fail("TLS", err)
		}
		p := newPreamble(tc, a.sent)
		g, err := p.greeting()
		if err != nil {
			return nil, fail("greeting", err)
		}
		return s.handOver(tc, g.replay(g.caps), p)
	}

	p := newPreamble(raw, a.sent)
	g, err := p.greeting()
	if err != nil {
		return nil, fail("greeting", err)
	}
	plainOK := a.Loopback() || a.InsecurePlaintext
	if g.preauth {
		if !plainOK {
			return nil, &Error{Kind: KindInsecure, Server: a.Addr(), Op: "greeting", Err: errPreauth}
		}
		// Logged in already: STARTTLS is no longer possible.
		return s.handOver(raw, g.replay(g.caps), p)
	}
	caps := g.caps
	if plainOK && caps == nil {
		if caps, err = p.capability(); err != nil {
			return nil, fail("CAPABILITY", err)
		}
	}
	if plainOK && !hasCap(caps, imap.CapStartTLS) {
		return s.handOver(raw, g.replay(caps), p)
	}
	if err := p.startTLS(); err != nil {
		if plainOK && isAnswer(err) {
			// Offered and then refused; plaintext is allowed here.
			return s.handOver(raw, g.replay(caps), p)
		}
		e := fail("STARTTLS", err)
		if isAnswer(err) {
			e.(*Error).Kind = KindInsecure
			e.(*Error).Err = errNoTLS
		}
		return nil, e
	}
	cfg := a.tlsConfig.Clone()
	tc := tls.Client(newReadAheadConn(raw), cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, fail("TLS", err)
	}
	// What the server said before TLS is not to be trusted after it: go-imap
	// learns the capabilities again from the LOGIN answer.
	return s.handOver(tc, greetingLine(false, []string{string(imap.CapIMAP4rev1)}), nil)
}

// handOver wraps conn for go-imap, with the greeting to replay and any
// bytes the preamble read past it.
func (s *session) handOver(conn net.Conn, greeting []byte, p *preamble) (*imapConn, error) {
	if p != nil {
		greeting = append(greeting, p.rest()...)
	}
	return &imapConn{Conn: conn, raw: s.raw, prefix: greeting, sent: s.acct.sent, timeout: s.acct.Timeout}, nil
}

// login logs in, by until, and makes sure the capabilities are known, so
// that no later call waits for them unwatched.
func (s *session) login(ctx context.Context, pw string, until time.Time) error {
	if s.c.State() != imap.ConnStateAuthenticated {
		if err := s.watchUntil(ctx, waitDone(s.c.Login(s.acct.User, pw)), until); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			err = commandError("LOGIN", err)
			if e, ok := err.(*Error); ok {
				e.Server, e.User = s.acct.Addr(), s.acct.User
				if e.Kind == KindAuth {
					s.acct.forgetPassword()
				}
			}
			return err
		}
	}
	done := make(chan error, 1)
	go func() {
		if s.c.Caps() == nil {
			done <- errNoCaps
		}
		close(done)
	}()
	if err := s.watchUntil(ctx, done, until); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return commandError("CAPABILITY", err)
	}
	return nil
}

// close ends the session without waiting on the server. The TCP
// connection goes first, so nothing go-imap waits in can block.
func (s *session) close() {
	if s.stop != nil {
		s.stop()
	}
	s.raw.Close()
	done := make(chan struct{})
	go func() {
		s.c.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(quitGrace):
	}
}

// logout says goodbye and closes without waiting for the answer: a round
// trip saved, nothing left to lose.
func (s *session) logout() {
	if !s.raw.closing.Load() {
		s.c.Logout()
	}
	s.close()
}

// waiter is any go-imap command.
type waiter interface{ Wait() error }

func waitDone(cmd waiter) <-chan error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return done
}

// wait waits for cmd while watching the connection.
func (s *session) wait(ctx context.Context, cmd waiter) error {
	return s.watch(ctx, waitDone(cmd))
}

// watch waits for done, cutting the connection when the server falls
// silent for longer than the account's timeout or sends too slowly (see
// stallWindow), or when ctx ends. The error is classified (an *Error)
// unless ctx ended.
func (s *session) watch(ctx context.Context, done <-chan error) error {
	return s.watchUntil(ctx, done, time.Time{})
}

// watchUntil is watch that also cuts at until, unless it is zero.
func (s *session) watchUntil(ctx context.Context, done <-chan error, until time.Time) error {
	tick := time.NewTicker(watchTick(s.acct.Timeout))
	defer tick.Stop()
	m := meter{framed: s.raw.framed.Load(), started: true}
	for {
		select {
		case err := <-done:
			if err != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			return classify(s.acct.Addr(), "", err, s.raw.whyFailed())
		case <-ctx.Done():
			s.raw.cut(&causeError{kind: KindNetwork, err: context.Canceled})
			s.drain(done, quitGrace)
			return ctx.Err()
		case now := <-tick.C:
			why := s.raw.check(&m, now, s.acct.Timeout)
			if why == nil && !until.IsZero() && now.After(until) {
				why = &causeError{kind: KindNetwork, err: errSlowLogin(s.acct.Timeout)}
			}
			if why != nil {
				s.raw.cut(why)
				s.drain(done, cutGrace)
				return classify(s.acct.Addr(), "", why, s.raw.whyFailed())
			}
		}
	}
}

// drain waits a while for what was waited on to notice the cut.
func (s *session) drain(done <-chan error, grace time.Duration) {
	select {
	case <-done:
	case <-time.After(grace):
	}
}

var (
	errPreauth = errors.New("the server logged in before TLS (PREAUTH), so the connection cannot be secured")
	errNoTLS   = errors.New("the server does not offer TLS on this port (use imaps://, or insecure-plaintext if you must)")
	errNoCaps  = errors.New("the server did not say what it supports")
)

func errNoAnswer(d time.Duration) error {
	return fmt.Errorf("no complete answer within %v", d)
}

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var nerr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		(errors.As(err, &nerr) && nerr.Timeout())
}

func errSlowLogin(d time.Duration) error {
	return fmt.Errorf("connecting and logging in took more than %v", d)
}
