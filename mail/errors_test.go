package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// TestClassify: each failure gets the kind that decides whether it is
// retried, and a sentence in each language without the server's escapes.
func TestClassify(t *testing.T) {
	no := func(code imap.ResponseCode, text string) error {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: code, Text: text}
	}
	tests := []struct {
		name  string
		op    string
		err   error
		cause *causeError
		kind  Kind
		retry bool
	}{
		{"wrong password", "LOGIN", no(imap.ResponseCodeAuthenticationFailed, "bad"), nil, KindAuth, false},
		{"plain NO at LOGIN", "LOGIN", no("", "no"), nil, KindAuth, false},
		{"BAD at LOGIN", "LOGIN", &imap.Error{Type: imap.StatusResponseTypeBad, Text: "?"}, nil, KindAuth, false},
		{"UNAVAILABLE at LOGIN", "LOGIN", no(imap.ResponseCodeUnavailable, "\x1b]0;x\x07busy"), nil, KindUnavailable, true},
		{"INUSE", "EXAMINE INBOX", no(imap.ResponseCodeInUse, "locked"), nil, KindUnavailable, true},
		{"LIMIT", "LOGIN", no(imap.ResponseCodeLimit, "too many"), nil, KindUnavailable, true},
		{"BYE at greeting", "greeting", &imap.Error{Type: imap.StatusResponseTypeBye, Text: "bye"}, nil, KindUnavailable, true},
		{"missing mailbox", "EXAMINE Arsip", no(imap.ResponseCodeNonExistent, "no such"), nil, KindRefused, false},
		{"STARTTLS refused", "STARTTLS", &imap.Error{Type: imap.StatusResponseTypeBad, Text: "no"}, nil, KindInsecure, false},
		{"reset", "STATUS INBOX", fmt.Errorf("read: %w", syscall.ECONNRESET), nil, KindNetwork, true},
		{"EOF", "STATUS INBOX", io.ErrUnexpectedEOF, nil, KindNetwork, true},
		{"refused", "connect", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, nil, KindNetwork, true},
		{"decoder", "STATUS INBOX", errors.New("in response: imapwire: expected SP"), nil, KindProtocol, false},
		{"flattened reset seen by the connection", "STATUS INBOX", errors.New("in response: read tcp: connection reset by peer"),
			&causeError{kind: KindNetwork, err: syscall.ECONNRESET}, KindNetwork, true},
		{"line too long", "UID FETCH", errors.New("in response: boom"), &causeError{kind: KindProtocol, err: errLineTooLong}, KindProtocol, false},
		{"stall", "UID FETCH", errors.New("use of closed network connection"), &causeError{kind: KindNetwork, err: errors.New("the server sent only 3 bytes")}, KindNetwork, true},
		{"the server's NO wins over a later cut", "LOGIN", no("", "no"), &causeError{kind: KindNetwork, err: io.EOF}, KindAuth, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := classify("imap.example:993", tc.op, tc.err, tc.cause)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("classify() = %v (%T), want an *Error", err, err)
			}
			if e.Kind != tc.kind {
				t.Errorf("Kind = %v, want %v", e.Kind, tc.kind)
			}
			if retryable(err) != tc.retry {
				t.Errorf("retryable() = %v, want %v", retryable(err), tc.retry)
			}
			if errors.Is(err, ErrAuth) != (tc.kind == KindAuth) || errors.Is(err, ErrInsecure) != (tc.kind == KindInsecure) {
				t.Errorf("errors.Is(ErrAuth) = %v, errors.Is(ErrInsecure) = %v for kind %v", errors.Is(err, ErrAuth), errors.Is(err, ErrInsecure), tc.kind)
			}
			// commandError, as fetch.go and sync.go call it, keeps the kind.
			if c := commandError(tc.op, err); !errors.As(c, &e) || e.Kind != tc.kind {
				t.Errorf("commandError() = %v, kind changed", c)
			}
			id, en := e.Message("id"), e.Message("en")
			for _, s := range []string{err.Error(), id, en} {
				if hasControl(s) || strings.Contains(s, "]0;") {
					t.Errorf("%q holds an escape", s)
				}
			}
			if id == en || !strings.Contains(id, "imap.example:993") {
				t.Errorf("Message(id) = %q, Message(en) = %q", id, en)
			}
		})
	}
	// Cancellation and the store's failures pass as they are.
	if err := classify("s", "x", context.Canceled, nil); err != context.Canceled {
		t.Errorf("classify(context.Canceled) = %v", err)
	}
	se := &storeError{errors.New("disk full")}
	if err := classify("s", "x", se, nil); err != se || retryable(err) {
		t.Errorf("classify(storeError) = %v, retryable %v", err, retryable(err))
	}
	// fetchError names the UIDs asked for.
	var set imap.UIDSet
	set.AddRange(5, 9)
	err := fetchError(set, classify("s", "", io.ErrUnexpectedEOF, nil))
	if e := (*Error)(nil); !errors.As(err, &e) || e.UIDs != "5:9" || !strings.Contains(e.Message("en"), "UID FETCH 5:9") {
		t.Errorf("fetchError() = %v, want UID FETCH 5:9", err)
	}
}

// TestEverySentenceFormats: each kind has its sentence in both languages,
// naming the server, with every argument in place.
func TestEverySentenceFormats(t *testing.T) {
	for k := Kind(0); k <= KindProtocol; k++ {
		e := &Error{Kind: k, Server: "imap.uji:993", Op: "UID FETCH", UIDs: "5"}
		id, en := e.Message("id"), e.Message("en")
		for _, s := range []string{id, en} {
			if !strings.Contains(s, "imap.uji:993") || strings.Contains(s, "%!") {
				t.Errorf("kind %v: sentence %q", k, s)
			}
		}
		if id == en {
			t.Errorf("kind %v: the same sentence in both languages: %q", k, id)
		}
	}
}
