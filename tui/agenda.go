package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// agendaStages are the stages of letters in the agenda book.
var agendaStages = []store.Stage{store.StageRegistered, store.StageForwarded, store.StageInitialled,
	store.StageAssigned, store.StageDelivered, store.StageArchived, store.StageSetAside}

// agendaModel is the Agenda book: one year's register as a table, with the
// control card one key away and the book and the monthly report printed or
// exported from here.
type agendaModel struct {
	list listModel
	year int
	// form asks which month the report is for.
	form *formModel
}

func newAgenda(e *env, year int) agendaModel {
	return agendaModel{list: newList(e, screenAgenda, filter{stages: agendaStages, year: year}, agendaStages[:6]), year: year}
}

func (m agendaModel) update(e *env, msg tea.KeyPressMsg) (agendaModel, tea.Cmd, *store.Letter) {
	if m.form != nil {
		return m.formKey(e, msg)
	}
	k := &e.keys
	if !m.list.searching {
		switch {
		case key.Matches(msg, k.PrevYear), key.Matches(msg, k.NextYear):
			m.year--
			if key.Matches(msg, k.NextYear) {
				m.year += 2
			}
			m.list.base.year, m.list.f.year = m.year, m.year
			return m, m.list.first(e), nil
		case key.Matches(msg, k.Card):
			return m, m.printCard(e), nil
		case key.Matches(msg, k.PrintBook):
			return m, e.printBookJob(m.year), nil
		case key.Matches(msg, k.ExportBook):
			return m, e.exportBookJob(m.year), nil
		case key.Matches(msg, k.PrintReport), key.Matches(msg, k.ExportReport):
			m.openReport(e, key.Matches(msg, k.ExportReport))
			return m, nil, nil
		}
	}
	var cmd tea.Cmd
	var open *store.Letter
	m.list, cmd, open = m.list.update(e, msg)
	return m, cmd, open
}

// printCard prints the selected letter's control card: the step itself
// when the letter waits for it, a reprint once it went out.
func (m agendaModel) printCard(e *env) tea.Cmd {
	l := m.list.selected()
	if l == nil {
		return nil
	}
	if _, err := l.PaperStep(store.ActionPrintCard); err != nil {
		return failNow(err)
	}
	return e.printCardJob(*l)
}

func (m *agendaModel) openReport(e *env, export bool) {
	t := e.t
	now := e.db.Now().In(e.db.Calendar().Location())
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	if now.Day() <= 7 {
		month = month.AddDate(0, -1, 0) // early in the month the report is for the last one
	}
	kind, title := formReport, t.T("report.title")
	if export {
		kind, title = formExportReport, t.T("report.export_title")
	}
	f := newForm(kind, title, formField{label: t.T("report.month"), value: month.Format("2006-01"), hint: t.T("report.hint")})
	m.form = &f
}

func (m agendaModel) formKey(e *env, msg tea.KeyPressMsg) (agendaModel, tea.Cmd, *store.Letter) {
	f, res := m.form.update(e, msg)
	m.form = &f
	switch res {
	case formCancel:
		m.form = nil
	case formSubmit:
		loc := e.db.Calendar().Location()
		month, err := time.ParseInLocation("2006-01", f.value(0), loc)
		if err != nil {
			m.form.err = e.t.T("report.bad_month")
			return m, nil, nil
		}
		m.form = nil
		return m, e.reportJob(month, f.kind == formExportReport), nil
	}
	return m, nil, nil
}

func (m agendaModel) view(e *env, st *styles, now time.Time, w, h int) string {
	if m.form != nil {
		return m.form.view(st, e.t, w, h)
	}
	t, cal := e.t, e.db.Calendar()
	head := st.heading.Render(t.T("agenda.title", m.year)) + "  " + st.dim.Render(m.list.describe(t))
	if m.list.searching {
		head = m.list.searchView(st, w)
	}
	cols := []column{
		{title: t.T("col.agenda"), width: 10, cell: func(l *store.Letter) (string, bool) {
			return l.Agenda.Format(e.agendaFormat), false
		}},
	}
	if w >= 100 {
		cols = append(cols,
			column{title: t.T("col.received"), width: 11, cell: func(l *store.Letter) (string, bool) {
				return t.ShortDateTime(l.ReceivedAt.In(cal.Location())), false
			}},
			column{title: t.T("col.number"), width: 16, cell: func(l *store.Letter) (string, bool) {
				return l.LetterNumber, false
			}})
	}
	cols = append(cols,
		column{title: t.T("col.origin"), width: min(max(w/5, 12), 28), cell: func(l *store.Letter) (string, bool) {
			return senderName(l), false
		}},
		column{title: t.T("col.subject"), cell: func(l *store.Letter) (string, bool) { return l.Title(), false }},
		column{title: t.T("col.stage"), width: 13, cell: func(l *store.Letter) (string, bool) { return t.Stage(l.Stage), false }},
		column{title: t.T("col.left"), width: 18, cell: func(l *store.Letter) (string, bool) { return timeLeft(t, l, cal, now) }},
	)
	return head + "\n" + m.list.view(st, cols, w, h-1)
}
