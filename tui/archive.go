package tui

import "sanapati-desk/store"

// The Archive search finds letters of every year and stage.
func newSearch(e *env) listModel {
	return newList(e, screenSearch, filter{}, store.Stages)
}

func (m Model) searchView(h int) string {
	t, cal := m.e.t, m.e.db.Calendar()
	head := m.st.heading.Render(t.T("search.title")) + "  " + m.st.dim.Render(m.search.describe(t))
	if m.search.searching {
		head = m.search.searchView(&m.st, m.w)
	}
	cols := []column{
		{title: t.T("col.agenda"), width: 10, cell: func(l *store.Letter) (string, bool) {
			return l.Agenda.Format(m.e.agendaFormat), false
		}},
		{title: t.T("col.received"), width: 11, cell: func(l *store.Letter) (string, bool) {
			return t.ShortDateTime(l.ReceivedAt.In(cal.Location())), false
		}},
		{title: t.T("col.from"), width: min(max(m.w/5, 12), 30), cell: func(l *store.Letter) (string, bool) {
			return senderName(l), false
		}},
		{title: t.T("col.subject"), cell: func(l *store.Letter) (string, bool) { return l.Title(), false }},
		{title: t.T("col.stage"), width: 13, cell: func(l *store.Letter) (string, bool) {
			_, late := timeLeft(t, l, cal, m.now)
			return t.Stage(l.Stage), late
		}},
	}
	if m.w >= 100 {
		cols = append(cols, column{title: t.T("col.location"), width: 16, cell: func(l *store.Letter) (string, bool) {
			return l.ArchiveLocation, false
		}})
	}
	// The selected letter's shelf location, whole: a column cannot hold it.
	where := ""
	if l := m.search.selected(); l != nil && l.ArchiveLocation != "" {
		where = m.st.label.Render(t.T("col.location")+": ") + m.st.value.Render(l.ArchiveLocation)
	}
	return head + "\n" + fit(m.search.view(&m.st, cols, m.w, h-2), m.w, h-2) + "\n" + truncate(where, m.w)
}
