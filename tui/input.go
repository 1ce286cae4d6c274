package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// handleKey takes a key press: the modal parts first (password, question,
// help), then the keys every screen shares, then the screen's own.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.e.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m, tea.Quit
	case m.quitting:
		return m, nil // only ctrl+c, while the last jobs end
	case m.password != nil:
		return m.passwordKey(msg)
	case m.asking:
		m.asking = false
		if !key.Matches(msg, k.Yes) {
			return m, nil
		}
		if m.busy() == 0 {
			return m, tea.Quit
		}
		// Paper being printed is recorded before the desk ends.
		m.quitting = true
		return m, nil
	case m.showHelp:
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			m.showHelp = false
		}
		return m, nil
	}
	m.status, m.isErr = "", false
	if p := m.letter.picker; m.screen == screenLetter && p != nil && !p.filtering && !p.onAt && key.Matches(msg, k.Help) {
		m.showHelp = true // ? is not text in a picker's list
		return m, nil
	}
	if !m.capturing() {
		switch {
		case key.Matches(msg, k.Quit):
			if m.busy() > 0 || m.intake.syncing() {
				m.asking = true
				return m, nil
			}
			return m, tea.Quit
		case key.Matches(msg, k.Help):
			m.showHelp = true
			return m, nil
		case key.Matches(msg, k.NextTab):
			return m.switchTo(m.nextTab(1))
		case key.Matches(msg, k.PrevTab):
			return m.switchTo(m.nextTab(-1))
		case key.Matches(msg, k.Reload):
			cmd := m.refresh(m.letter.l)
			return m, cmd
		}
	}
	return m.screenKey(msg)
}

// capturing reports whether a text field has the keyboard, so that
// letters type instead of acting.
func (m *Model) capturing() bool {
	switch m.screen {
	case screenToday:
		return m.today.form != nil
	case screenInbox:
		return m.inbox.searching
	case screenAgenda:
		return m.agenda.list.searching || m.agenda.form != nil
	case screenSearch:
		return m.search.searching
	case screenLetter:
		return m.letter.form != nil || m.letter.picker != nil
	case screenDirectory:
		return m.dir.form != nil
	}
	return false
}

func (m *Model) nextTab(d int) screen {
	cur := m.screen
	if cur == screenLetter {
		cur = m.back
	}
	for i, s := range tabs {
		if s == cur {
			return tabs[(i+d+len(tabs))%len(tabs)]
		}
	}
	return screenToday
}

func (m Model) screenKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	e := m.e
	var (
		cmd  tea.Cmd
		open *store.Letter
	)
	switch m.screen {
	case screenToday:
		var ok bool
		if m.today, cmd, ok = m.today.officeKey(e, msg); ok {
			return m, cmd
		}
		var target *todayTarget
		m.today, target = m.today.updateKeys(e, msg)
		if target != nil {
			return m.goTarget(*target)
		}
	case screenInbox, screenSearch:
		l := &m.inbox
		if m.screen == screenSearch {
			l = &m.search
		}
		if !l.searching && key.Matches(msg, e.keys.Back) {
			return m.backFromList()
		}
		*l, cmd, open = l.update(e, msg)
	case screenAgenda:
		if !m.capturing() && key.Matches(msg, e.keys.Back) {
			return m.backFromList()
		}
		m.agenda, cmd, open = m.agenda.update(e, msg)
	case screenDirectory:
		m.dir, cmd = m.dir.update(e, msg)
	case screenLetter:
		var back bool
		m.letter, cmd, back = m.letter.update(e, msg)
		if back {
			return m.switchTo(m.back)
		}
	}
	if open != nil {
		return m.openLetter(open)
	}
	return m, cmd
}

// backFromList clears the shown list's filters, or goes back to the start
// screen.
func (m Model) backFromList() (tea.Model, tea.Cmd) {
	l := &m.inbox
	switch m.screen {
	case screenAgenda:
		l = &m.agenda.list
	case screenSearch:
		l = &m.search
	}
	if cmd, ok := l.clear(m.e); ok {
		return m, cmd
	}
	return m.switchTo(screenToday)
}

// goTarget opens the list a row of the start screen stands for.
func (m Model) goTarget(t todayTarget) (tea.Model, tea.Cmd) {
	switch {
	case t.screen == screenInbox:
		return m.switchTo(screenInbox)
	case t.loadYear != 0:
		m.dir.section, m.dir.calYear = secCalendar, t.loadYear
		m.dir.openCalForm(m.e, formCalLoad, "")
		return m.switchTo(screenDirectory)
	}
	m.screen = screenSearch
	m.search.f = m.search.base
	m.search.f.stages, m.search.f.overdue, m.search.f.dueToday = t.stages, t.overdue, t.dueToday
	m.search.stageIdx = -1
	return m, m.search.first(m.e)
}

// paste gives pasted text to the field that has the keyboard.
func (m Model) paste(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	switch {
	case m.password != nil:
		m.password.paste(msg)
	case m.screen == screenToday && m.today.form != nil:
		m.today.form.paste(msg)
	case m.screen == screenInbox && m.inbox.searching:
		m.inbox.search, _ = m.inbox.search.Update(msg)
	case m.screen == screenSearch && m.search.searching:
		m.search.search, _ = m.search.search.Update(msg)
	case m.screen == screenAgenda && m.agenda.list.searching:
		m.agenda.list.search, _ = m.agenda.list.search.Update(msg)
	case m.screen == screenAgenda && m.agenda.form != nil:
		m.agenda.form.paste(msg)
	case m.screen == screenLetter && m.letter.form != nil:
		m.letter.form.paste(msg)
	case m.screen == screenLetter && m.letter.picker != nil:
		m.letter.picker.paste(msg)
	case m.screen == screenDirectory && m.dir.form != nil:
		m.dir.form.paste(msg)
	}
	return m, nil
}
