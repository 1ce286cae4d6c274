package tui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sanapati-desk/mail"
)

// intakeState is the mailbox watcher's last word.
type intakeState struct {
	ev     mail.Event
	heard  bool // an event came
	closed bool // the watcher is gone
	// lastSync is when the mailbox was last known to be up to date.
	lastSync time.Time
}

func (s intakeState) syncing() bool { return s.heard && !s.closed && s.ev.State == mail.StateSyncing }

// handleIntake takes one event of the watcher: new letters reload what
// shows them, and the watcher is listened to again.
func (m Model) handleIntake(msg intakeMsg) (tea.Model, tea.Cmd) {
	if !msg.ok {
		m.intake.closed = true
		return m, nil
	}
	cmds := []tea.Cmd{waitIntake(m.e.intake)}
	if msg.ev.State == mail.StateClassesRead {
		// Not the mailbox's state: the letters whose class was read from
		// their PDF are shown again, the open one with them.
		if msg.ev.Err != nil {
			m.setError(msg.ev.Err)
		}
		if msg.ev.Settled > 0 {
			cmds = append(cmds, m.refresh(nil))
			if l := m.letter.l; l != nil && l.ClassPending {
				cmds = append(cmds, m.letter.load(m.e, l.ID))
			}
		}
		return m, tea.Batch(cmds...)
	}
	m.intake.ev, m.intake.heard = msg.ev, true
	if msg.ev.State == mail.StateWatching {
		m.intake.lastSync = msg.ev.At
		if n := msg.ev.Result.New; n > 0 {
			m.setNotice(m.e.t.T("intake.new", n))
			cmds = append(cmds, m.refresh(nil))
		}
		if notes := IntakeNotes(m.e.t, msg.ev.Result); len(notes) > 0 {
			m.setNotice(strings.Join(notes, " "))
		}
	}
	return m, tea.Batch(cmds...)
}

// IntakeNotes are the sentences a sync's result owes the operator beyond
// its count: a mailbox read again from the start, a message too large to
// keep. The command line prints the same.
func IntakeNotes(t *Text, res mail.SyncResult) []string {
	var out []string
	for _, sk := range res.Skipped {
		out = append(out, t.T("intake.skipped", sk.Source.UID, mail.SanitizeLine(sk.Source.Mailbox), t.Size(sk.Size), t.Size(mail.MaxMessageBytes())))
	}
	if res.Resynced {
		out = append(out, t.T("intake.resynced", mail.SanitizeLine(res.Mailbox)))
	}
	return out
}

// short is the mailbox's state in a few words, for the status line.
func (s intakeState) short(t *Text) string {
	switch {
	case s.closed || (s.heard && s.ev.State == mail.StateStopped):
		return "○ " + t.T("intake.short_stopped")
	case !s.heard:
		return ""
	}
	switch s.ev.State {
	case mail.StateOffline:
		return "○ " + t.T("intake.short_offline")
	case mail.StateSyncing:
		return "⟳ " + t.T("intake.short_syncing")
	case mail.StateWatching:
		return "● " + t.T("intake.short_online")
	}
	return "… " + t.T("intake.short_connecting")
}

// line is the Inbox's first line: the mailbox's state in full, with a
// progress bar while it syncs and the reason and next try while offline.
func (s intakeState) line(t *Text, st *styles, loc *time.Location, w int) string {
	ev := s.ev
	switch {
	case !s.heard && !s.closed:
		return st.dim.Render(t.T("intake.none"))
	case s.closed && ev.State != mail.StateStopped:
		return st.warn.Render(truncate(t.T("intake.closed"), w))
	}
	switch ev.State {
	case mail.StateConnecting:
		return st.dim.Render(t.T("intake.connecting"))
	case mail.StateConnected:
		return st.good.Render(t.T("intake.connected"))
	case mail.StateSyncing:
		p := ev.Progress
		text := t.T("intake.syncing", t.Num(p.Messages), t.Num(p.Total))
		barW := min(30, w-lipgloss.Width(text)-4)
		return st.value.Render(text) + "  " + st.heading.Render(progressBar(p.Messages, p.Total, barW))
	case mail.StateWatching:
		how := t.T("intake.polling")
		if ev.Idle {
			how = t.T("intake.idle")
		}
		text := "● " + t.T("intake.watching", how)
		if !s.lastSync.IsZero() {
			text += " · " + t.T("intake.last_sync", t.Clock(s.lastSync.In(loc)))
		}
		return st.good.Render(truncate(text, w))
	case mail.StateOffline:
		text := "○ " + t.T("intake.offline", intakeReason(t, ev.Err))
		if me := (*mail.Error)(nil); errors.As(ev.Err, &me) {
			text = "○ " + t.T("intake.offline_mail", mail.SanitizeLine(me.Message(t.Lang)))
		}
		if !ev.Retry.IsZero() {
			text += " " + t.T("intake.retry", t.Clock(ev.Retry.In(loc)))
		}
		return st.warn.Render(truncate(text, w))
	}
	if me := (*mail.Error)(nil); errors.As(ev.Err, &me) {
		return st.overdue.Render(truncate("○ "+t.T("intake.stopped_mail", mail.SanitizeLine(me.Message(t.Lang))), w))
	}
	return st.overdue.Render(truncate("○ "+t.T("intake.stopped", intakeReason(t, ev.Err)), w))
}

// intakeReason says why the mailbox is out of reach, in one clause.
func intakeReason(t *Text, err error) string {
	switch {
	case err == nil:
		return t.T("intake.reason_unknown")
	case errors.Is(err, mail.ErrAuth):
		return t.T("intake.reason_auth")
	case errors.Is(err, mail.ErrInsecure):
		return t.T("intake.reason_insecure")
	}
	return mail.SanitizeLine(t.Sentence(err))
}

// progressBar draws done of total as a bar w cells wide.
func progressBar(done, total, w int) string {
	if w < 3 {
		return ""
	}
	inner := w - 2
	filled := 0
	if total > 0 {
		filled = min(done*inner/total, inner)
	}
	return "[" + strings.Repeat("=", filled) + strings.Repeat(" ", inner-filled) + "]"
}
