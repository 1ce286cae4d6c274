package tui

import (
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// burst gives the model every key before any command runs, as a fast
// typist (or tmux send-keys) does: each key arrives while the work of the
// ones before it is still in flight.
func (h *harness) burst(keys ...string) {
	var cmds []tea.Cmd
	for _, k := range keys {
		next, cmd := h.m.Update(keyMsg(k))
		h.m = next.(Model)
		cmds = append(cmds, cmd)
	}
	h.run(tea.Batch(cmds...))
}

// TestBurstKeysWait types the README's paths at once: every key is applied
// in order, each on the result of the one before.
func TestBurstKeysWait(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"enter", []string{"enter", "enter", "enter", "enter", "enter", "enter", "enter"}},
		{"step keys", []string{"enter", "t", "enter", "p", "r", "enter", "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 100, 30, seedDesk(t))
			h.press("tab")
			h.burst(tc.keys...)
			if len(h.m.pending) != 0 {
				t.Fatalf("%d keys still wait", len(h.m.pending))
			}
			l := h.letter(5)
			if l.Stage != store.StageForwarded || l.CardPrintedAt.IsZero() {
				t.Fatalf("letter 5 after the burst: stage %s, card printed %v\n%s", l.Stage, l.CardPrintedAt, h.screen())
			}
			cards, _ := filepath.Glob(filepath.Join(h.spool, "*kartu*.pdf"))
			if len(cards) != 1 {
				t.Fatalf("cards in the spool: %v", cards)
			}
			h.burst("i", "i", "i")
			if l := h.letter(5); l.Stage != store.StageInitialled {
				t.Fatalf("i i i recorded %d initials:\n%s", countInitials(l), h.screen())
			}
		})
	}
}

func countInitials(l *store.Letter) int {
	n := 0
	for _, in := range l.Initials {
		if in.Done() {
			n++
		}
	}
	return n
}

// TestBurstDirectory changes a recipient's channel twice with c c typed at
// once: the second change starts from the first one saved.
func TestBurstDirectory(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("shift+tab")
	d, err := h.db.Directory()
	if err != nil {
		t.Fatal(err)
	}
	want := cycleChannel(cycleChannel(d.Recipients[0].Channel, true), true)
	h.burst("c", "c")
	if d, _ = h.db.Directory(); d.Recipients[0].Channel != want {
		t.Fatalf("c c: channel %s, want %s", d.Recipients[0].Channel, want)
	}
}

// TestBurstWaitsForJob holds keys while a job runs and applies them in
// order when it ends; q still asks at once, ctrl+c still quits.
func TestBurstWaitsForJob(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.send(busyMsg{id: 7})
	h.press("tab", "j")
	if len(h.m.pending) != 2 || h.m.screen != screenToday {
		t.Fatalf("keys during a job: pending %d, screen %d", len(h.m.pending), h.m.screen)
	}
	h.contains("1 pekerjaan berjalan · 2 tombol menunggu")
	h.send(jobMsg{id: 7})
	if len(h.m.pending) != 0 || h.m.screen != screenInbox || h.m.inbox.cursor != 1 {
		t.Fatalf("after the job: pending %d, screen %d, cursor %d", len(h.m.pending), h.m.screen, h.m.inbox.cursor)
	}
}
