package tui

import (
	"strings"

	"sanapati-desk/store"
)

// The Inbox is the letters not yet in the agenda book, newest first, under
// the mailbox's live state.
func newInbox(e *env) listModel {
	return newList(e, screenInbox, filter{stages: inboxStages}, inboxStages)
}

func (m Model) inboxView(h int) string {
	t, cal := m.e.t, m.e.db.Calendar()
	top := m.intake.line(t, &m.st, cal.Location(), m.w)
	second := m.st.dim.Render(m.inbox.describe(t))
	if m.inbox.searching {
		second = m.inbox.searchView(&m.st, m.w)
	}
	w := m.w
	cols := []column{
		{title: t.T("col.received"), width: 11, cell: func(l *store.Letter) (string, bool) {
			return t.ShortDateTime(l.ReceivedAt.In(cal.Location())), false
		}},
		{title: t.T("col.from"), width: min(max(w/4, 14), 32), cell: func(l *store.Letter) (string, bool) {
			return senderName(l), false
		}},
		{title: t.T("col.subject"), cell: func(l *store.Letter) (string, bool) { return l.Title(), false }},
		{title: "+", width: 1, cell: func(l *store.Letter) (string, bool) {
			if l.HasAttachments {
				return "+", false
			}
			return " ", false
		}},
	}
	if w >= 100 {
		cols = append(cols, column{title: t.T("col.stage"), width: 12, cell: func(l *store.Letter) (string, bool) {
			return t.Stage(l.Stage), false
		}})
	}
	cols = append(cols, column{title: t.T("col.left"), width: 13, cell: func(l *store.Letter) (string, bool) {
		return timeLeft(t, l, cal, m.now)
	}})
	return top + "\n" + second + "\n" + m.inbox.view(&m.st, cols, w, h-2)
}

// senderName is who sent the letter, without the address when the From
// header carries a name.
func senderName(l *store.Letter) string {
	s := l.Sender()
	if i := strings.LastIndex(s, " <"); i > 0 && strings.HasSuffix(s, ">") {
		return strings.Trim(s[:i], `" `)
	}
	return s
}
