package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// dirMsg is the directory as loaded.
type dirMsg struct{ d *store.Directory }

// The sections of the Directory screen.
const (
	secRecipients = iota
	secOfficials
	secCouriers
	secCalendar
	secSettings
	sectionCount
)

var sectionKeys = [sectionCount]string{"dir.recipients", "dir.officials", "dir.couriers", "dir.calendar", "dir.settings"}

// directoryModel is the Directory and settings screen: the recipients with
// their channels, the officials in initialling order, the couriers, the
// holiday calendar and the settings in force.
type directoryModel struct {
	d          *store.Directory
	loadedOnce bool
	section    int
	cursor     [sectionCount]int
	form       *formModel
	// calYear is the year the calendar section shows, 0 for this year;
	// unlisted the years whose missing list makes a due time an estimate.
	calYear  int
	unlisted []int
	// busy is true while a change runs, loading while the directory is
	// read: keys typed meanwhile wait (see Model.waiting).
	busy, loading bool
}

func newDirectory() directoryModel { return directoryModel{} }

func (m *directoryModel) load(e *env) tea.Cmd {
	m.loading = true
	db := e.db
	return run(func() tea.Msg {
		d, err := db.Directory()
		return failed(err, dirMsg{d})
	})
}

func (m directoryModel) loaded(msg dirMsg) directoryModel {
	m.d, m.loadedOnce, m.loading = msg.d, true, false
	for s := range m.cursor {
		m.cursor[s] = min(m.cursor[s], max(m.size(s)-1, 0))
	}
	return m
}

// size is the number of rows in section s.
func (m directoryModel) size(s int) int {
	if m.d == nil {
		return 0
	}
	switch s {
	case secRecipients:
		return len(m.d.Recipients)
	case secOfficials:
		return len(m.d.Officials)
	case secCouriers:
		return len(m.d.Couriers)
	}
	return 0
}

func (m directoryModel) update(e *env, msg tea.KeyPressMsg) (directoryModel, tea.Cmd) {
	if m.form != nil {
		return m.formKey(e, msg)
	}
	k, s := &e.keys, m.section
	editable := s <= secCouriers && m.d != nil
	switch {
	case key.Matches(msg, k.NextSection):
		m.section = (s + 1) % sectionCount
	case key.Matches(msg, k.PrevSection):
		m.section = (s - 1 + sectionCount) % sectionCount
	case s == secCalendar:
		m, cmd, _ := m.calendarKey(e, msg)
		return m, cmd
	case key.Matches(msg, k.Down) && s == secSettings:
		m.cursor[s] = min(m.cursor[s]+1, len(e.settings)+2) // the cursor is the first row shown
	case key.Matches(msg, k.Down):
		m.cursor[s] = min(m.cursor[s]+1, max(m.size(s)-1, 0))
	case key.Matches(msg, k.Up):
		m.cursor[s] = max(m.cursor[s]-1, 0)
	case key.Matches(msg, k.Top):
		m.cursor[s] = 0
	case key.Matches(msg, k.Bottom) && s == secSettings:
		m.cursor[s] = len(e.settings) + 2
	case key.Matches(msg, k.Bottom):
		m.cursor[s] = max(m.size(s)-1, 0)
	case editable && key.Matches(msg, k.Add):
		m.openForm(e, formDirAdd, "")
	case editable && key.Matches(msg, k.Edit) && m.size(s) > 0:
		m.openForm(e, formDirEdit, m.name(s, m.cursor[s]))
	case editable && key.Matches(msg, k.Delete) && m.size(s) > 0:
		cmd := m.change(e, func(d *store.Directory, i int) { deleteAt(d, s, i) })
		return m, cmd
	case editable && key.Matches(msg, k.MoveUp) && m.cursor[s] > 0:
		m.cursor[s]--
		cmd := m.change(e, func(d *store.Directory, i int) { swap(d, s, i+1, i) })
		return m, cmd
	case editable && key.Matches(msg, k.MoveDown) && m.cursor[s] < m.size(s)-1:
		m.cursor[s]++
		cmd := m.change(e, func(d *store.Directory, i int) { swap(d, s, i-1, i) })
		return m, cmd
	case s == secRecipients && m.d != nil && key.Matches(msg, k.Channel) && m.size(s) > 0:
		cmd := m.change(e, func(d *store.Directory, i int) {
			d.Recipients[i].Channel = cycleChannel(d.Recipients[i].Channel, true)
		})
		return m, cmd
	}
	return m, nil
}

func (m directoryModel) name(s, i int) string {
	switch s {
	case secRecipients:
		return m.d.Recipients[i].Name
	case secOfficials:
		return m.d.Officials[i].Position
	}
	return m.d.Couriers[i].Name
}

func (m *directoryModel) openForm(e *env, kind formKind, value string) {
	t := e.t
	title := t.T("dir.add", t.T(sectionKeys[m.section]))
	if kind == formDirEdit {
		title = t.T("dir.edit", value)
	}
	hint := t.T("dir.name_hint")
	if m.section == secCouriers {
		hint = t.T("dir.courier_hint") // a courier is a person, named
	}
	f := newForm(kind, title, formField{label: t.T("dir.name"), value: value, hint: hint})
	m.form = &f
}

func (m directoryModel) formKey(e *env, msg tea.KeyPressMsg) (directoryModel, tea.Cmd) {
	if m.busy {
		return m, nil
	}
	f, res := m.form.update(e, msg)
	m.form = &f
	switch {
	case res == formCancel:
		m.form = nil
	case res == formSubmit && m.section == secCalendar:
		cmd := m.submitCalForm(e)
		return m, cmd
	case res == formSubmit:
		name := strings.Join(strings.Fields(f.value(0)), " ")
		if name == "" {
			m.form.err = e.t.T("dir.name_required")
			return m, nil
		}
		s, kind := m.section, f.kind
		m.form = nil
		if kind == formDirAdd {
			m.cursor[s] = m.size(s)
		}
		cmd := m.change(e, func(d *store.Directory, i int) {
			if kind == formDirAdd {
				addTo(d, s, name)
			} else {
				rename(d, s, i, name)
			}
		})
		return m, cmd
	}
	return m, nil
}

// change applies edit to a copy of the directory and saves it, as one
// audited change.
func (m *directoryModel) change(e *env, edit func(d *store.Directory, i int)) tea.Cmd {
	d := cloneDir(m.d)
	edit(d, m.cursor[m.section])
	db, t := e.db, e.t
	m.busy = true
	return job(func() jobMsg {
		if err := db.SetDirectory(d, t.T("dir.reason")); err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{changed: true, note: t.T("dir.saved")}
	})
}

func cloneDir(d *store.Directory) *store.Directory {
	return &store.Directory{
		Recipients: slices.Clone(d.Recipients),
		Officials:  slices.Clone(d.Officials),
		Couriers:   slices.Clone(d.Couriers),
	}
}

func addTo(d *store.Directory, s int, name string) {
	switch s {
	case secRecipients:
		d.Recipients = append(d.Recipients, store.DirectoryRecipient{Name: name, Position: name, Channel: store.ChannelCourier})
	case secOfficials:
		d.Officials = append(d.Officials, store.Official{Position: name})
	case secCouriers:
		d.Couriers = append(d.Couriers, store.Courier{Name: name})
	}
}

func rename(d *store.Directory, s, i int, name string) {
	switch s {
	case secRecipients:
		d.Recipients[i].Name, d.Recipients[i].Position = name, name
	case secOfficials:
		d.Officials[i].Position = name
	case secCouriers:
		d.Couriers[i].Name = name
	}
}

func deleteAt(d *store.Directory, s, i int) {
	switch s {
	case secRecipients:
		d.Recipients = slices.Delete(d.Recipients, i, i+1)
	case secOfficials:
		d.Officials = slices.Delete(d.Officials, i, i+1)
	case secCouriers:
		d.Couriers = slices.Delete(d.Couriers, i, i+1)
	}
}

func swap(d *store.Directory, s, i, j int) {
	switch s {
	case secRecipients:
		d.Recipients[i], d.Recipients[j] = d.Recipients[j], d.Recipients[i]
	case secOfficials:
		d.Officials[i], d.Officials[j] = d.Officials[j], d.Officials[i]
	case secCouriers:
		d.Couriers[i], d.Couriers[j] = d.Couriers[j], d.Couriers[i]
	}
}

func (m directoryModel) view(e *env, st *styles, now time.Time, w, h int) string {
	if m.form != nil {
		return m.form.view(st, e.t, w, h)
	}
	t := e.t
	var tabs []string
	for s := range sectionCount {
		label := t.T(sectionKeys[s])
		if n := m.size(s); s <= secCouriers && m.d != nil {
			label += fmt.Sprintf(" %d", n)
		}
		if s == m.section {
			tabs = append(tabs, st.tabActive.Render(label))
		} else {
			tabs = append(tabs, st.tab.Render(label))
		}
	}
	head := st.heading.Render(t.T("dir.title")) + "\n" + truncate(strings.Join(tabs, " "), w) + "\n"
	var rows []string
	switch m.section {
	case secCalendar:
		var cur int
		rows, cur = m.calendarRows(e, st, w)
		body := h - 3
		top := followTop(0, min(cur+1, len(rows)-1), body)
		return head + "\n" + strings.Join(rows[min(top, len(rows)):min(top+body, len(rows))], "\n")
	case secSettings:
		for _, kv := range e.settings {
			rows = append(rows, st.label.Render(cell(kv[0], 22))+" "+st.value.Render(truncate(kv[1], max(w-23, 1))))
		}
		rows = append(rows, "", st.dim.Render(truncate(t.T("dir.settings_hint"), w)))
	default:
		rows = m.sectionRows(e, st, w)
	}
	body := h - 3
	top := followTop(0, m.cursor[m.section], body)
	if m.section == secSettings {
		top = min(m.cursor[m.section], max(len(rows)-body, 0))
	}
	return head + "\n" + strings.Join(rows[min(top, len(rows)):min(top+body, len(rows))], "\n")
}

func (m directoryModel) sectionRows(e *env, st *styles, w int) []string {
	t := e.t
	if m.d == nil {
		return []string{st.dim.Render(t.T("list.loading"))}
	}
	s := m.section
	rows := make([]string, 0, m.size(s))
	for i := 0; i < m.size(s); i++ {
		line := m.name(s, i)
		switch s {
		case secRecipients:
			line = cell(line, max(w-14, 10)) + "  " + t.Channel(m.d.Recipients[i].Channel)
		case secOfficials:
			line = fmt.Sprintf("%d. %s", i+1, line)
			if m.d.Officials[i].Examiner {
				line += "  " + t.T("dir.examiner")
			}
		}
		if i == m.cursor[s] {
			rows = append(rows, st.selected.Render(cell(line, w)))
		} else {
			rows = append(rows, st.row.Render(truncate(line, w)))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, st.dim.Render(t.T("dir.empty")))
	}
	return rows
}

// finished ends the change in flight: a calendar form closes on success
// or shows the store's refusal.
func (m *directoryModel) finished(e *env, err error) {
	if !m.busy {
		return
	}
	m.busy = false
	switch {
	case m.form == nil:
	case err == nil:
		m.form = nil
	default:
		m.form.err = e.t.Sentence(err)
	}
}
