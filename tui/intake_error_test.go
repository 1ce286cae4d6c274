package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
)

// TestIntakeErrorSentence: a classified intake error shows as its sentence,
// in the operator's language, on the Inbox's line and in the status line,
// and the server's words in it cannot act on the terminal.
func TestIntakeErrorSentence(t *testing.T) {
	hostile := "\x1b]0;DIRETAS\x07maintenance\x1b[2J back soon"
	e := &mail.Error{Kind: mail.KindUnavailable, Server: "imap.example:993", Op: "LOGIN", Text: hostile}
	wrapped := fmt.Errorf("sync: %w", e)
	st := newStyles(true, true)
	for _, lang := range []string{"id", "en"} {
		tx := Catalog(lang)
		want := e.Message(lang)
		for _, state := range []mail.State{mail.StateOffline, mail.StateStopped} {
			s := intakeState{ev: mail.Event{State: state, Err: wrapped, Retry: time.Now()}, heard: true}
			line := s.line(tx, &st, time.UTC, 400)
			if !strings.Contains(line, "maintenance") || strings.ContainsAny(line, "\x07\x9b") || strings.Contains(line, "]0;") || strings.Contains(line, "[2J") {
				t.Errorf("%s, %v: line %q, want the sentence without the escapes", lang, state, line)
			}
		}
		got := tx.Sentence(wrapped)
		if got != want || strings.ContainsAny(got, "\x1b\x07") {
			t.Errorf("%s: Sentence() = %q, want %q", lang, got, want)
		}
	}
	if id, en := e.Message("id"), e.Message("en"); id == en || !strings.Contains(id, "Desk mencoba lagi") {
		t.Errorf("Message(id) = %q, Message(en) = %q: want an Indonesian sentence saying what comes next", id, en)
	}
	// Authentication failures are still recognised.
	auth := &mail.Error{Kind: mail.KindAuth, Server: "s", Op: "LOGIN"}
	if !errors.Is(auth, mail.ErrAuth) {
		t.Error("errors.Is(KindAuth error, ErrAuth) = false")
	}
}
