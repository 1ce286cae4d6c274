package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"sanapati-desk/print/locale"
	"strings"
	"syscall"

	"github.com/emersion/go-imap/v2"
)

// ErrAuth is wrapped by the error of a sync or watch that the server refused
// to log in: a wrong user name or password. It is never retried.
var ErrAuth = errors.New("authentication failed")

// ErrInsecure is wrapped by the error of a connection refused because it
// would send the password in clear, or because the server's certificate
// could not be trusted.
var ErrInsecure = errors.New("connection would not be encrypted")

// Kind sorts a failure of the intake by what the operator can do about it.
type Kind int

// The kinds of failure. Network and Unavailable are retried; the others
// are not, since another attempt would meet the same answer.
const (
	// KindNetwork: the connection could not be made, broke, or the server
	// fell silent or sent too slowly.
	KindNetwork Kind = iota + 1
	// KindUnavailable: the server said it cannot serve now (NO
	// [UNAVAILABLE], [INUSE] or [LIMIT], or BYE at the greeting).
	KindUnavailable
	// KindAuth: the server refused the user name or the password.
	KindAuth
	// KindInsecure: the connection would not be encrypted, or the server's
	// certificate is not trusted.
	KindInsecure
	// KindRefused: the server answered NO or BAD to a command other than
	// LOGIN (a mailbox that does not exist, say).
	KindRefused
	// KindProtocol: the server sent something that is not IMAP, or a line
	// longer than the desk accepts.
	KindProtocol
)

var kindNames = [...]string{"", "network", "unavailable", "auth", "insecure", "refused", "protocol"}

// String names the kind in English, for logs.
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Error is a failure of a sync or a watch, classified. Every text in it
// that came from the server has been through SanitizeLine.
type Error struct {
	// Kind is what sort of failure it is.
	Kind Kind
	// Server is HOST:PORT.
	Server string
	// Op is what the desk was doing: "connect", "greeting", "STARTTLS",
	// "TLS", "LOGIN", "STATUS INBOX", "UID FETCH", ...
	Op string
	// UIDs is the UID set being fetched when the failure came, if any.
	UIDs string
	// User is the login name refused, for KindAuth.
	User string
	// Text is the server's own words (a NO's text, say), sanitised; empty
	// when the server said nothing.
	Text string
	// Err is the underlying error.
	Err error
}

// Error says what failed, in English, on one line with no control bytes.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.op())
	if e.Server != "" {
		b.WriteString(" at " + e.Server)
	}
	b.WriteString(": ")
	switch e.Kind {
	case KindAuth:
		b.WriteString("the server refused the login")
		if e.User != "" {
			b.WriteString(" of " + e.User)
		}
		b.WriteString("; check the user name and the password")
	case 0:
		b.WriteString("failed")
	default:
		b.WriteString(e.Kind.String() + " failure")
	}
	var ierr *imap.Error
	if errors.As(e.Err, &ierr) {
		b.WriteString(": server answered " + string(ierr.Type))
		if ierr.Code != "" {
			b.WriteString(" [" + string(ierr.Code) + "]")
		}
	} else if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	if e.Text != "" {
		b.WriteString(" (server said: " + e.Text + ")")
	}
	return SanitizeLine(b.String())
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrAuth) and errors.Is(err, ErrInsecure) hold for
// the kinds they name.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrAuth:
		return e.Kind == KindAuth
	case ErrInsecure:
		return e.Kind == KindInsecure
	}
	return false
}

// Retryable reports whether another attempt may go better.
func (e *Error) Retryable() bool { return e.Kind == KindNetwork || e.Kind == KindUnavailable }

// kindKeys name each kind's sentence in the catalogue (print/locale).
var kindKeys = map[Kind]string{
	KindNetwork: "mail.network", KindUnavailable: "mail.unavailable", KindAuth: "mail.auth",
	KindInsecure: "mail.insecure", KindRefused: "mail.refused", KindProtocol: "mail.protocol",
}

// Message is the operator's sentence for the failure, in lang ("id", the
// default, or "en"): what happened and what to do next. It holds no control
// bytes.
func (e *Error) Message(lang string) string {
	server := e.Server
	if server == "" {
		server = "?"
	}
	said := e.detail()
	op := e.op()
	if e.Op == "" {
		op = "sinkronisasi"
		if lang == "en" {
			op = "the sync"
		}
	}
	key, ok := kindKeys[e.Kind]
	if !ok {
		key = "mail.other"
	}
	s := locale.T(lang, key, server, op, said)
	return SanitizeLine(s)
}

func (e *Error) op() string {
	op := e.Op
	if op == "" {
		op = "sync"
	}
	if e.UIDs != "" {
		op += " " + e.UIDs
	}
	return op
}

// detail is the cause in a few words, for the sentence: the server's own
// words when it answered, else what went wrong, with the server's words
// after it.
func (e *Error) detail() string {
	var ierr *imap.Error
	switch {
	case errors.As(e.Err, &ierr) && e.Text != "":
		return e.Text
	case errors.As(e.Err, &ierr):
		return SanitizeLine(string(ierr.Type) + " " + string(ierr.Code))
	case e.Err == nil && e.Text != "":
		return e.Text
	case e.Err == nil:
		return e.Kind.String()
	case e.Text != "":
		return SanitizeLine(e.Err.Error() + "; " + e.Text)
	}
	return SanitizeLine(e.Err.Error())
}

// causeError is what the connection itself saw go wrong: a cut by the
// watchdog, a line too long, a read that failed. It wins over whatever
// go-imap made of it, since go-imap flattens its errors into text.
type causeError struct {
	kind Kind
	err  error
	// guess: inferred rather than seen (go-imap closed the connection on
	// its own); the error go-imap gave, when it is not the network's, says
	// more.
	guess bool
}

// replaces reports whether the cause should stand for err in the message.
func (c *causeError) replaces(err error) bool {
	return c != nil && !(c.guess && !isNetwork(err))
}

func (c *causeError) Error() string { return c.err.Error() }
func (c *causeError) Unwrap() error { return c.err }

// unavailableCodes are the response codes that make a NO the server's
// passing trouble (a refused LOGIN too) rather than a final answer.
var unavailableCodes = map[imap.ResponseCode]bool{
	imap.ResponseCodeUnavailable: true,
	imap.ResponseCodeInUse:       true,
	imap.ResponseCodeLimit:       true,
	"SERVERBUG":                  true,
}

// classify turns err, met while doing op at server, into an *Error. cause,
// when not nil, is what the connection saw go wrong; it decides the kind
// unless the server answered (a NO or BAD says more than a broken line).
// An *Error whose kind is known keeps it. Cancellation and store errors
// pass as they are.
func classify(server, op string, err error, cause *causeError) error {
	if err == nil {
		return nil
	}
	var se *storeError
	if errors.As(err, &se) || errors.Is(err, context.Canceled) {
		return err
	}
	var ierr *imap.Error
	answered := errors.As(err, &ierr)
	var e *Error
	if errors.As(err, &e) {
		c := *e
		if c.Server == "" {
			c.Server = server
		}
		if c.Op == "" {
			c.Op = op
		}
		if c.Kind == 0 {
			// Made without sight of the connection: decided here.
			c.Kind = kindOf(c.Op, c.Err, cause)
			if !answered && cause.replaces(c.Err) {
				c.Err = withCause(cause, c.Err)
			}
		}
		return &c
	}
	out := &Error{Server: server, Op: op, Err: err, Kind: kindOf(op, err, cause)}
	if answered {
		out.Text = SanitizeLine(ierr.Text)
	} else if cause.replaces(err) {
		out.Err = withCause(cause, err)
	}
	return out
}

// withCause is cause, with err after it when err says something more than
// that the connection is closed.
func withCause(cause *causeError, err error) error {
	msg := err.Error()
	if errors.Is(err, net.ErrClosed) || strings.Contains(msg, "use of closed network connection") || isTimeout(err) ||
		strings.Contains(msg, cause.Error()) || msg == "" {
		return cause
	}
	return fmt.Errorf("%w (%w)", cause, err)
}

// kindOf decides the kind of err, met while doing op.
func kindOf(op string, err error, cause *causeError) Kind {
	var ierr *imap.Error
	if errors.As(err, &ierr) {
		switch {
		case ierr.Type == imap.StatusResponseTypeBye || unavailableCodes[ierr.Code]:
			return KindUnavailable
		case op == "LOGIN":
			return KindAuth
		case op == "STARTTLS":
			return KindInsecure
		}
		return KindRefused
	}
	if cause != nil {
		return cause.kind
	}
	var cerr *causeError
	if errors.As(err, &cerr) {
		return cerr.kind
	}
	if errors.Is(err, ErrAuth) {
		return KindAuth
	}
	if errors.Is(err, ErrInsecure) {
		return KindInsecure
	}
	var (
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		ierr2 x509.CertificateInvalidError
		rerr  tls.RecordHeaderError
		aerr  tls.AlertError
	)
	if errors.As(err, &verr) || errors.As(err, &uaerr) || errors.As(err, &herr) || errors.As(err, &ierr2) {
		return KindInsecure
	}
	if errors.As(err, &rerr) || errors.As(err, &aerr) {
		// Not TLS at all where TLS was promised, or a refused handshake.
		return KindProtocol
	}
	if isNetwork(err) {
		return KindNetwork
	}
	return KindProtocol
}

// isNetwork reports whether err is the network's doing: a refused, reset
// or closed connection, a timeout, an unexpected end.
func isNetwork(err error) bool {
	var nerr net.Error
	return errors.As(err, &nerr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, context.DeadlineExceeded)
}

// commandError names the IMAP command that failed. The kind is decided
// here when the server answered (a NO, a BAD), else by the session's watch,
// which sees the connection, or failing that by retryable.
func commandError(command string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Op = command
		if ierr := (*imap.Error)(nil); errors.As(c.Err, &ierr) {
			c.Kind = kindOf(command, c.Err, nil)
		}
		return &c
	}
	var ierr *imap.Error
	if errors.As(err, &ierr) {
		return classify("", command, err, nil)
	}
	return &Error{Op: command, Err: err}
}

// fetchError is the failure of the UID FETCH of set.
func fetchError(set imap.UIDSet, err error) error {
	if err == nil {
		return nil
	}
	out := commandError("UID FETCH", err)
	if e, ok := out.(*Error); ok {
		e.UIDs = set.String()
	}
	return out
}

// retryable reports whether err is worth a reconnection: the network
// failed or the server said it cannot serve now, rather than the server
// or the configuration saying no.
func retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var se *storeError
	if errors.As(err, &se) {
		return false
	}
	var e *Error
	if errors.As(err, &e) && e.Kind != 0 {
		return e.Retryable()
	}
	// Not seen by a watch: only what is known to be final is not retried.
	switch kindOf("", err, nil) {
	case KindAuth, KindInsecure, KindRefused:
		return false
	}
	var cerr *causeError
	return !errors.As(err, &cerr) || cerr.kind == KindNetwork
}

// storeError is a failure to write the store, which no reconnection cures.
type storeError struct{ err error }

func (e *storeError) Error() string { return "write the store: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }
