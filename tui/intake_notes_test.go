package tui

import (
	"strings"
	"testing"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// TestIntakeNotes: a sync that skipped a message too large for the desk,
// or read the mailbox again from the start, says so on screen in the
// operator's sentence; the command line prints the same sentences.
func TestIntakeNotes(t *testing.T) {
	res := mail.SyncResult{Mailbox: "INBOX", Resynced: true,
		Skipped: []store.SkippedMessage{{Source: store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 42}, Size: 4 << 30}}}
	for _, lang := range []string{"id", "en"} {
		notes := IntakeNotes(Catalog(lang), res)
		if len(notes) != 2 || !strings.Contains(notes[0], "UID 42") || !strings.Contains(notes[0], "4096.0 MB") {
			t.Fatalf("%s: IntakeNotes() = %q; want the skipped UID with its size, then the resync", lang, notes)
		}
	}
	if notes := IntakeNotes(Catalog("id"), mail.SyncResult{New: 3}); len(notes) != 0 {
		t.Errorf("IntakeNotes() of an ordinary sync = %q, want none", notes)
	}
	h := newHarness(t, 200, 30, seedDesk(t))
	h.press("tab")
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateWatching, At: testNow, Result: res}})
	h.contains("Pesan UID 42 di INBOX", "dibaca ulang dari awal")
}
