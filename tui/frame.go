package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// render draws the whole frame, exactly w x h cells.
func (m Model) render() string {
	status := m.statusLines()
	bh := m.h - 2 - len(status)
	return m.tabBar() + "\n" + fit(m.body(bh), m.w, bh) + "\n" + strings.Join(status, "\n") + "\n" + m.helpLine()
}

func (m Model) body(h int) string {
	switch {
	case m.password != nil:
		return m.password.view(&m.st, m.e.t, m.w, h)
	case m.showHelp:
		return m.fullHelp(h)
	}
	switch m.screen {
	case screenToday:
		return m.today.view(m.e, &m.st, m.now, m.w, h)
	case screenInbox:
		return m.inboxView(h)
	case screenAgenda:
		return m.agenda.view(m.e, &m.st, m.now, m.w, h)
	case screenSearch:
		return m.searchView(h)
	case screenDirectory:
		return m.dir.view(m.e, &m.st, m.now, m.w, h)
	case screenLetter:
		return m.letter.view(m.e, &m.st, m.now, m.w, h)
	}
	return ""
}

// tabBar is the top line: the screens, the one shown marked, and the clock.
func (m Model) tabBar() string {
	t := m.e.t
	cur := m.screen
	if cur == screenLetter {
		cur = m.back
	}
	var parts []string
	for _, s := range tabs {
		label := t.T(tabKeys[s])
		if s == screenInbox && m.today.counts != nil {
			if n := m.today.inboxCount(); n > 0 {
				label += " " + t.Num(n)
			}
		}
		if s == cur {
			parts = append(parts, m.st.tabActive.Render(label))
		} else {
			parts = append(parts, m.st.tab.Render(label))
		}
	}
	left := strings.Join(parts, "")
	if m.screen == screenLetter && m.letter.l != nil {
		left += m.st.tab.Render("› " + t.T("letter.tab", m.letter.l.ID))
	}
	now := m.now.In(m.e.db.Calendar().Location())
	clock := t.Date(now) + " " + t.Clock(now)
	if lipgloss.Width(left)+lipgloss.Width(clock)+2 > m.w {
		clock = t.ShortDateTime(now)
	}
	right := m.st.clock.Render(clock)
	gap := m.w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 0 {
		return fit(left, m.w, 1)
	}
	return left + m.st.bar.Render(strings.Repeat(" ", gap)) + right
}

var tabKeys = map[screen]string{
	screenToday: "tab.today", screenInbox: "tab.inbox", screenAgenda: "tab.agenda",
	screenSearch: "tab.search", screenDirectory: "tab.directory",
}

// statusLines say what just happened, or ask before quitting, on one
// line or, for a long sentence, two; the mailbox's state and the jobs in
// flight stand at the right of the first.
func (m Model) statusLines() []string {
	t := m.e.t
	text, style := m.status, m.st.notice
	switch {
	case m.quitting:
		text, style = t.T("quit.waiting", m.busy()), m.st.warn
	case m.asking:
		text, style = t.T("quit.ask"), m.st.warn
	case m.isErr:
		style = m.st.errLine
	}
	var right []string
	if n := m.busy(); n > 0 {
		right = append(right, t.T("status.busy", n))
	}
	if n := len(m.pending); n > 0 {
		right = append(right, t.T("status.pending", n))
	}
	if s := m.intake.short(t); s != "" {
		right = append(right, s)
	}
	r := m.st.status.Render(strings.Join(right, " · "))
	rw := lipgloss.Width(r)
	if rw >= m.w/2 {
		r, rw = "", 0
	}
	first := max(m.w-rw-1, 1)
	lines := wrapLines(text, first)
	if len(lines) == 1 || m.h < 12 {
		return []string{fit(style.Render(truncate(lines[0], first)), m.w-rw, 1) + r}
	}
	rest := strings.Join(lines[1:], " ")
	return []string{
		fit(style.Render(lines[0]), m.w-rw, 1) + r,
		fit(style.Render(truncate(rest, m.w)), m.w, 1),
	}
}

// helpLine is the short help of what the keyboard does right now.
func (m Model) helpLine() string {
	return fit(m.help.ShortHelpView(m.helpMap().short), m.w, 1)
}

// fullHelp lists every binding of the screen, its groups side by side as
// far as the width allows and below each other beyond.
func (m Model) fullHelp(h int) string {
	var blocks []string
	for _, g := range m.helpMap().full {
		var keys, descs []string
		for _, b := range g {
			if b.Enabled() {
				keys = append(keys, m.st.help.FullKey.Render(b.Help().Key))
				descs = append(descs, m.st.help.FullDesc.Render(b.Help().Desc))
			}
		}
		blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top,
			strings.Join(keys, "\n"), "  ", strings.Join(descs, "\n"), "    "))
	}
	var rows []string
	var row []string
	width := 0
	for _, b := range blocks {
		if bw := lipgloss.Width(b); width+bw > m.w && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, width = nil, 0
		}
		row = append(row, b)
		width += lipgloss.Width(b)
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	title := m.st.heading.Render(m.e.t.T("help.title"))
	return title + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" + m.st.dim.Render(m.e.t.T("help.close"))
}

// helpMap is the bindings that work right now.
func (m Model) helpMap() helpMap {
	k := &m.e.keys
	switch {
	case m.password != nil:
		return k.formHelp()
	case m.asking:
		return k.questionHelp()
	case m.quitting:
		return k.quittingHelp()
	}
	switch m.screen {
	case screenToday:
		if m.today.form != nil {
			return k.formHelp()
		}
		return k.todayHelp(len(m.today.unlisted) > 0)
	case screenInbox:
		if m.inbox.searching {
			return k.formHelp()
		}
		return k.inboxHelp()
	case screenAgenda:
		if m.agenda.list.searching || m.agenda.form != nil {
			return k.formHelp()
		}
		return k.agendaHelp()
	case screenSearch:
		if m.search.searching {
			return k.formHelp()
		}
		return k.listHelp()
	case screenDirectory:
		if m.dir.form != nil {
			return k.formHelp()
		}
		return k.directoryHelp(m.dir.section == secCalendar)
	case screenLetter:
		return m.letter.helpMap(m.e)
	}
	return k.todayHelp(false)
}
