package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// ErrAuth is wrapped by the error of a sync or watch that the server refused
// to log in: a wrong user name or password. It is never retried.
var ErrAuth = errors.New("authentication failed")

// ErrInsecure is wrapped by the error of a connection refused because it
// would send the password in clear.
var ErrInsecure = errors.New("connection would not be encrypted")

// session is one logged-in IMAP connection.
type session struct {
	acct   *Account
	c      *imapclient.Client
	raw    *watchedConn
	exists chan struct{} // a token when the server reports new messages
	caught catcher       // message bodies that came outside their FETCH command
	stop   func() bool   // stops closing the client when ctx ends
}

// watchedConn notes when it last read, so a watchdog can cut a connection
// that stopped answering (go-imap waits for a response without a deadline).
type watchedConn struct {
	net.Conn
	lastRead atomic.Int64
	sent     io.Writer
}

func (w *watchedConn) Write(p []byte) (int, error) {
	if w.sent != nil {
		w.sent.Write(p)
	}
	return w.Conn.Write(p)
}

func (w *watchedConn) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	if n > 0 {
		w.lastRead.Store(time.Now().UnixNano())
	}
	return n, err
}

func (w *watchedConn) idleFor() time.Duration {
	return time.Since(time.Unix(0, w.lastRead.Load()))
}

// dial connects, secures and logs in. The session closes when ctx ends.
func dial(ctx context.Context, a *Account) (*session, error) {
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
	if err := s.connect(ctx, opts); err != nil {
		return nil, err
	}
	s.stop = context.AfterFunc(ctx, func() { s.c.Close() })
	if err := s.login(ctx); err != nil {
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

func (s *session) tcp(ctx context.Context) (*watchedConn, error) {
	d := net.Dialer{Timeout: s.acct.Timeout, KeepAlive: 15 * time.Second}
	c, err := d.DialContext(ctx, "tcp", s.acct.Addr())
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", s.acct.Addr(), err)
	}
	w := &watchedConn{Conn: c, sent: s.acct.sent}
	w.lastRead.Store(time.Now().UnixNano())
	return w, nil
}

func (s *session) connect(ctx context.Context, opts *imapclient.Options) error {
	a := s.acct
	raw, err := s.tcp(ctx)
	if err != nil {
		return err
	}
	// Bound the handshake and greeting; go-imap's own deadlines take over
	// once the client runs.
	_ = raw.SetDeadline(time.Now().Add(a.Timeout))
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()

	if a.ImplicitTLS {
		cfg := a.tlsConfig.Clone()
		cfg.NextProtos = []string{"imap"}
		tc := tls.Client(raw, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return fmt.Errorf("secure the connection to %s: %w", a.Addr(), err)
		}
		_ = raw.SetDeadline(time.Time{})
		s.raw, s.c = raw, imapclient.New(tc, opts)
		return s.greeting()
	}

	if a.Loopback() || a.InsecurePlaintext {
		// Plaintext is allowed here, but TLS is still used when offered.
		c := imapclient.New(raw, opts)
		if err := c.WaitGreeting(); err != nil {
			c.Close()
			return fmt.Errorf("greeting from %s: %w", a.Addr(), err)
		}
		if !c.Caps().Has(imap.CapStartTLS) {
			_ = raw.SetDeadline(time.Time{})
			s.raw, s.c = raw, c
			return nil
		}
		c.Close()
		if raw, err = s.tcp(ctx); err != nil {
			return err
		}
		_ = raw.SetDeadline(time.Now().Add(a.Timeout))
		stop := context.AfterFunc(ctx, func() { raw.Close() })
		defer stop()
	}
	c, err := imapclient.NewStartTLS(raw, opts)
	if err != nil {
		raw.Close()
		var ierr *imap.Error
		if errors.As(err, &ierr) {
			return fmt.Errorf("STARTTLS at %s: %w: the server does not offer TLS on this port (use imaps://, or insecure-plaintext if you must): %w", a.Addr(), ErrInsecure, err)
		}
		return fmt.Errorf("STARTTLS at %s: %w", a.Addr(), err)
	}
	_ = raw.SetDeadline(time.Time{})
	s.raw, s.c = raw, c
	return nil
}

func (s *session) greeting() error {
	if err := s.c.WaitGreeting(); err != nil {
		s.c.Close()
		return fmt.Errorf("greeting from %s: %w", s.acct.Addr(), err)
	}
	return nil
}

func (s *session) login(ctx context.Context) error {
	pw, err := s.acct.Password(ctx)
	if err != nil {
		return err
	}
	if err := s.wait(ctx, s.c.Login(s.acct.User, pw)); err != nil {
		var ierr *imap.Error
		if errors.As(err, &ierr) {
			s.acct.forgetPassword()
			return fmt.Errorf("the server at %s refused the login of %s; check the user name and the password (server said: %s): %w",
				s.acct.Addr(), s.acct.User, SanitizeLine(ierr.Text), ErrAuth)
		}
		return fmt.Errorf("LOGIN: %w", err)
	}
	return nil
}

func (s *session) close() {
	if s.stop != nil {
		s.stop()
	}
	s.c.Close()
}

// logout says goodbye and closes without waiting for the answer: a round
// trip saved, nothing left to lose.
func (s *session) logout() {
	s.c.Logout()
	s.close()
}

// waiter is any go-imap command.
type waiter interface{ Wait() error }

// wait waits for cmd while watching the connection: when the server sends
// nothing for the account's timeout, the connection is cut.
func (s *session) wait(ctx context.Context, cmd waiter) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return s.watch(ctx, done)
}

// watch waits for done, cutting the connection when the server falls
// silent for longer than the account's timeout.
func (s *session) watch(ctx context.Context, done <-chan error) error {
	tick := time.NewTicker(s.acct.Timeout / 4)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			s.c.Close()
			<-done
			return ctx.Err()
		case <-tick.C:
			if s.raw.idleFor() > s.acct.Timeout {
				s.c.Close()
				<-done
				return fmt.Errorf("the server at %s stopped answering for %v", s.acct.Addr(), s.acct.Timeout)
			}
		}
	}
}

// commandError names the IMAP command that failed, with what it was about.
func commandError(command string, err error) error {
	var ierr *imap.Error
	if errors.As(err, &ierr) {
		return fmt.Errorf("server answered %s to %s: %w", ierr.Type, command, err)
	}
	return fmt.Errorf("%s: %w", command, err)
}

// retryable reports whether err is worth a reconnection: the network failed,
// rather than the server or the configuration saying no.
func retryable(err error) bool {
	if err == nil || errors.Is(err, ErrAuth) || errors.Is(err, ErrInsecure) ||
		errors.Is(err, context.Canceled) {
		return false
	}
	var (
		serr  *storeError
		ierr  *imap.Error
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		cerr  x509.CertificateInvalidError
	)
	if errors.As(err, &serr) {
		return false
	}
	if errors.As(err, &ierr) {
		switch ierr.Code {
		case imap.ResponseCodeUnavailable, imap.ResponseCodeInUse, imap.ResponseCodeLimit:
			return true
		}
		return false
	}
	if errors.As(err, &verr) || errors.As(err, &uaerr) || errors.As(err, &herr) || errors.As(err, &cerr) {
		return false
	}
	return true
}

// storeError is a failure to write the store, which no reconnection cures.
type storeError struct{ err error }

func (e *storeError) Error() string { return "write the store: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }
