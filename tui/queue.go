package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// No key is lost: a key (or a paste) that arrives while a step saves, a
// document prints or the screen's data loads waits in Model.pending, and
// the keys waiting are taken in order once it ends, each after the result
// of the one before it: enter t enter typed at once on the Inbox opens the
// letter, then chooses its recipients on the letter as loaded.

// holds reports whether msg must wait for the work in flight.
func (m *Model) holds(msg tea.Msg) bool {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := &m.e.keys
		switch {
		case key.Matches(k, keys.ForceQuit):
			return false
		case len(m.pending) == 0 && key.Matches(k, keys.Quit) && !m.capturing():
			return false // q asks at once whether to quit once the job ends
		}
	}
	if m.password != nil || m.asking || m.quitting {
		return false
	}
	return len(m.pending) > 0 || m.waiting()
}

// waiting reports whether a job runs, or the data the next key works on
// is still loading.
func (m *Model) waiting() bool {
	if m.busy() > 0 || m.letter.busy || m.dir.busy {
		return true
	}
	switch m.screen {
	case screenLetter:
		return m.letter.loading
	case screenInbox:
		return m.inbox.loading
	case screenAgenda:
		return m.agenda.list.loading
	case screenSearch:
		return m.search.loading
	case screenDirectory:
		return m.dir.loading
	}
	return false
}

// drain takes the keys that waited, in order, until one of them starts
// work of its own; cmd is the command of the message just handled.
func (m Model) drain(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{cmd}
	for len(m.pending) > 0 && !m.waiting() && m.password == nil && !m.asking && !m.quitting {
		msg := m.pending[0]
		m.pending = m.pending[1:]
		next, c := m.update(msg)
		m = next.(Model)
		cmds = append(cmds, c)
	}
	if len(m.pending) == 0 {
		m.pending = nil
	}
	return m, tea.Batch(cmds...)
}

// loadFailed ends the loads in flight when one of them fails, so that the
// keys waiting for them are not held for ever.
func (m *Model) loadFailed() {
	m.inbox.loading, m.agenda.list.loading, m.search.loading = false, false, false
	m.dir.loading = false
}
