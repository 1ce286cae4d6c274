package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// pageMsg is a page of letters loaded for one of the lists.
type pageMsg struct {
	screen screen
	gen    int
	pg     page
	// back is true when the page was loaded by paging backwards: the
	// cursor goes to its last row.
	back bool
}

// column is one column of a letter table.
type column struct {
	title string
	// width is the column's width; 0 shares what the fixed columns leave.
	width int
	cell  func(l *store.Letter) (string, bool)
}

// listModel is a paged table of letters, the body of the Inbox, the Agenda
// book and the Archive search. It holds one page; moving past either end
// loads the next or the previous one from the store.
type listModel struct {
	screen screen
	// base is the screen's own filter; stageChoices are the stages f cycles.
	base         filter
	f            filter
	stageChoices []store.Stage
	stageIdx     int // -1: every stage of base

	pg      page
	history [][2]int // start and before of the pages behind this one
	cursor  int
	top     int
	rows    int // table rows shown, set on resize
	loaded  bool
	loading bool
	gen     int

	searching bool
	search    textinput.Model
}

func newList(e *env, s screen, base filter, stageChoices []store.Stage) listModel {
	in := newInput("/ ")
	in.Placeholder = e.t.T("list.search_hint")
	return listModel{screen: s, base: base, f: base, stageChoices: stageChoices, stageIdx: -1, search: in}
}

// load asks for the page at start; gen drops answers to older questions.
func (m *listModel) load(e *env, start, before int, back bool) tea.Cmd {
	m.gen++
	m.loading = true
	gen, f, s, db := m.gen, m.f, m.screen, e.db
	return run(func() tea.Msg {
		pg, err := loadPage(db, f, start, before)
		if err != nil {
			return errMsg{err}
		}
		for i := range pg.rows {
			cleanLetter(&pg.rows[i])
		}
		return pageMsg{screen: s, gen: gen, pg: pg, back: back}
	})
}

// first loads the first page, forgetting the pages behind.
func (m *listModel) first(e *env) tea.Cmd {
	m.history = nil
	m.cursor, m.top = 0, 0
	return m.load(e, 0, 0, false)
}

// reload loads the current page again, after the store changed.
func (m *listModel) reload(e *env) tea.Cmd {
	return m.load(e, m.pg.start, m.pg.before, false)
}

func (m *listModel) setPage(msg pageMsg) {
	if msg.gen != m.gen {
		return
	}
	m.loading, m.loaded = false, true
	if len(msg.pg.rows) == 0 && msg.pg.start > 0 && len(m.pg.rows) > 0 {
		// Nothing past the end after all: stay on the last page.
		if len(m.history) > 0 && m.history[len(m.history)-1][0] == m.pg.start {
			m.history = m.history[:len(m.history)-1]
		}
		m.pg.more = false
		return
	}
	m.pg = msg.pg
	switch {
	case msg.back:
		m.cursor = len(m.pg.rows) - 1
	case m.cursor >= len(m.pg.rows):
		m.cursor = max(len(m.pg.rows)-1, 0)
	}
	m.follow(m.rows)
}

func (m *listModel) selected() *store.Letter {
	if m.cursor < 0 || m.cursor >= len(m.pg.rows) {
		return nil
	}
	return &m.pg.rows[m.cursor]
}

// update handles a key on the list; open is the letter enter chose.
func (m listModel) update(e *env, msg tea.KeyPressMsg) (listModel, tea.Cmd, *store.Letter) {
	m, cmd, open := m.handle(e, msg, m.rows)
	m.follow(m.rows)
	return m, cmd, open
}

func (m listModel) handle(e *env, msg tea.KeyPressMsg, rows int) (listModel, tea.Cmd, *store.Letter) {
	k := &e.keys
	if m.searching {
		return m.updateSearch(e, msg)
	}
	switch {
	case key.Matches(msg, k.Down):
		return m.move(e, 1)
	case key.Matches(msg, k.Up):
		return m.move(e, -1)
	case key.Matches(msg, k.PageDown):
		return m.move(e, max(rows, 1))
	case key.Matches(msg, k.PageUp):
		return m.move(e, -max(rows, 1))
	case key.Matches(msg, k.Top):
		if len(m.history) > 0 {
			return m, m.first(e), nil
		}
		m.cursor = 0
	case key.Matches(msg, k.Bottom):
		m.cursor = max(len(m.pg.rows)-1, 0)
	case key.Matches(msg, k.Open):
		return m, nil, m.selected()
	case key.Matches(msg, k.Search):
		m.searching = true
		m.search.SetValue(m.f.text)
		m.search.CursorEnd()
		return m, m.search.Focus(), nil
	case key.Matches(msg, k.Filter) && m.stageChoices != nil:
		m.stageIdx++
		if m.stageIdx >= len(m.stageChoices) {
			m.stageIdx = -1
		}
		m.applyStage()
		return m, m.first(e), nil
	case key.Matches(msg, k.Overdue) && m.stageChoices != nil:
		m.f.overdue = !m.f.overdue
		return m, m.first(e), nil
	}
	return m, nil, nil
}

func (m *listModel) applyStage() {
	m.f.stages = m.base.stages
	if m.stageIdx >= 0 {
		m.f.stages = []store.Stage{m.stageChoices[m.stageIdx]}
	}
}

// move moves the cursor by n rows, loading the next or previous page when
// it runs off the loaded one.
func (m listModel) move(e *env, n int) (listModel, tea.Cmd, *store.Letter) {
	if m.loading {
		return m, nil, nil
	}
	c := m.cursor + n
	switch {
	case c >= len(m.pg.rows) && m.pg.more:
		m.history = append(m.history, [2]int{m.pg.start, m.pg.before})
		m.cursor, m.top = 0, 0
		return m, m.load(e, m.pg.next, m.pg.before+len(m.pg.rows), false), nil
	case c < 0 && len(m.history) > 0:
		prev := m.history[len(m.history)-1]
		m.history = m.history[:len(m.history)-1]
		return m, m.load(e, prev[0], prev[1], true), nil
	}
	m.cursor = min(max(c, 0), max(len(m.pg.rows)-1, 0))
	return m, nil, nil
}

func (m listModel) updateSearch(e *env, msg tea.KeyPressMsg) (listModel, tea.Cmd, *store.Letter) {
	switch {
	case key.Matches(msg, e.keys.Submit):
		m.searching = false
		m.search.Blur()
		m.f.text = strings.TrimSpace(m.search.Value())
		return m, m.first(e), nil
	case key.Matches(msg, e.keys.Cancel):
		m.searching = false
		m.search.Blur()
		return m, nil, nil
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	return m, cmd, nil
}

// clear drops the operator's filters; it reports whether there were any.
func (m *listModel) clear(e *env) (tea.Cmd, bool) {
	if m.f.text == "" && !m.f.overdue && !m.f.dueToday && m.stageIdx < 0 && slicesEqual(m.f.stages, m.base.stages) {
		return nil, false
	}
	m.f, m.stageIdx = m.base, -1
	return m.first(e), true
}

func slicesEqual(a, b []store.Stage) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// describe says which part of the list is shown and with what filters.
func (m *listModel) describe(t *Text) string {
	var parts []string
	switch {
	case !m.loaded:
		parts = append(parts, t.T("list.loading"))
	case len(m.pg.rows) == 0:
		parts = append(parts, t.T("list.empty"))
	default:
		from, to := m.pg.before+1, m.pg.before+len(m.pg.rows)
		pos := t.T("list.range", t.Num(from), t.Num(to))
		if m.pg.total >= 0 {
			pos = t.T("list.range_of", t.Num(from), t.Num(to), t.Num(m.pg.total))
		} else if m.pg.more {
			pos += "+"
		}
		parts = append(parts, pos)
	}
	if m.stageIdx >= 0 {
		parts = append(parts, t.T("list.only", t.Stage(m.stageChoices[m.stageIdx])))
	}
	if m.f.overdue {
		parts = append(parts, t.T("list.only_overdue"))
	}
	if m.f.dueToday {
		parts = append(parts, t.T("list.only_due_today"))
	}
	if m.f.text != "" {
		parts = append(parts, t.T("list.matching", m.f.text))
	}
	return strings.Join(parts, " · ")
}

// searchView is the search field, styled.
func (m *listModel) searchView(st *styles, w int) string {
	in := m.search
	in.SetStyles(st.input)
	in.SetWidth(max(w-3, 1))
	return in.View()
}

// view draws the table in w x h cells: the column titles, then the rows
// around the cursor.
func (m *listModel) view(st *styles, cols []column, w, h int) string {
	widths := columnWidths(cols, w)
	var b strings.Builder
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	b.WriteString(st.header.Render(joinCells(titles, widths)))
	rows := h - 1
	if rows <= 0 {
		return b.String()
	}
	top := followTop(m.top, m.cursor, rows)
	end := min(top+rows, len(m.pg.rows))
	for i := top; i < end; i++ {
		l := &m.pg.rows[i]
		cells := make([]string, len(cols))
		late := false
		for j, c := range cols {
			var o bool
			cells[j], o = c.cell(l)
			late = late || o
		}
		line := joinCells(cells, widths)
		switch {
		case i == m.cursor:
			line = st.selected.Render(line)
		case late:
			line = st.overdue.Render(line)
		default:
			line = st.row.Render(line)
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

// follow scrolls so that the cursor is among the rows shown.
func (m *listModel) follow(rows int) { m.top = followTop(m.top, m.cursor, rows) }

// resize sets how many table rows are shown.
func (m *listModel) resize(rows int) {
	m.rows = max(rows, 1)
	m.follow(m.rows)
}

// followTop is the first row to show so that cursor is among rows rows,
// moving from top as little as possible.
func followTop(top, cursor, rows int) int {
	if rows <= 0 {
		return 0
	}
	if cursor < top {
		top = cursor
	}
	if cursor >= top+rows {
		top = cursor - rows + 1
	}
	return max(top, 0)
}

// timeLeft is the list cell for a letter's clock and whether it is late.
func timeLeft(t *Text, l *store.Letter, cal *store.Calendar, now time.Time) (string, bool) {
	switch {
	case l.Stage == store.StageSetAside:
		return "-", false
	case !l.DoneAt.IsZero():
		tm := l.Timing(cal, now)
		if tm.Overdue {
			return t.T("left.done_late"), false
		}
		return t.T("left.done"), false
	}
	tm := l.Timing(cal, now)
	if tm.Overdue {
		return t.T("left.overdue", t.Span(-tm.Left)), true
	}
	return t.Span(tm.Left), false
}
