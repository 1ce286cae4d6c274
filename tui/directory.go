package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sanapati-desk/store"
)

// dirMsg is the directory as loaded.
type dirMsg struct{ d *store.Directory }

// The sections of the Directory screen.
const (
	secRecipients = iota
	secOfficials
	secCouriers
	secGroups
	secPlaces
	secCalendar
	secSettings
	sectionCount
)

var sectionKeys = [sectionCount]string{"dir.recipients", "dir.officials", "dir.couriers", "dir.groups", "dir.places", "dir.calendar", "dir.settings"}

// listSection reports whether section s is a list the keys edit.
func listSection(s int) bool { return s <= secPlaces }

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
	case secGroups:
		return len(m.d.Groups)
	case secPlaces:
		return len(m.d.Places)
	}
	return 0
}

func (m directoryModel) update(e *env, msg tea.KeyPressMsg) (directoryModel, tea.Cmd) {
	if m.form != nil {
		return m.formKey(e, msg)
	}
	k, s := &e.keys, m.section
	editable := listSection(s) && m.d != nil
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
		m.openForm(e, formDirAdd, -1)
	case editable && key.Matches(msg, k.Edit) && m.size(s) > 0:
		m.openForm(e, formDirEdit, m.cursor[s])
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
	case secGroups:
		return m.d.Groups[i].Name
	case secPlaces:
		return m.d.Places[i].Name
	}
	return m.d.Couriers[i].Name
}

// openForm opens the form that adds an entry to the section shown (i < 0)
// or edits entry i: its name, and for a recipient its aliases, for a
// group its aliases and members, for a place whether it is the desk's own.
func (m *directoryModel) openForm(e *env, kind formKind, i int) {
	t, s := e.t, m.section
	title := t.T("dir.add", t.T(sectionKeys[s]))
	values := make([]string, 3)
	if i >= 0 {
		title = t.T("dir.edit", m.name(s, i))
		values = entryValues(m.d, s, i, t.T("form.yes_word"))
	}
	hint := t.T("dir.name_hint")
	switch s {
	case secCouriers:
		hint = t.T("dir.courier_hint") // a courier is a person, named
	case secGroups:
		hint = t.T("dir.group_hint")
	case secPlaces:
		hint = t.T("dir.place_hint")
	}
	fields := []formField{{label: t.T("dir.name"), value: values[0], hint: hint}}
	switch s {
	case secRecipients:
		fields = append(fields, formField{label: t.T("dir.aliases"), value: values[1], hint: t.T("dir.aliases_hint")})
	case secGroups:
		fields = append(fields,
			formField{label: t.T("dir.aliases"), value: values[1], hint: t.T("dir.aliases_hint")},
			formField{label: t.T("dir.members"), value: values[2], hint: t.T("dir.members_hint")})
	case secPlaces:
		fields = append(fields, formField{label: t.T("dir.own"), value: values[1], hint: t.T("dir.own_hint")})
	}
	for i := range fields {
		fields[i].long = true // a group of thirty offices is longer than a line
	}
	f := newForm(kind, title, fields...)
	m.form = &f
}

// entryValues are the form's values for entry i of section s: the name,
// then the aliases (or whether a place is the desk's own), then a group's
// members; lists are written "a; b".
func entryValues(d *store.Directory, s, i int, yesWord string) []string {
	out := make([]string, 3)
	switch s {
	case secRecipients:
		out[0], out[1] = d.Recipients[i].Name, strings.Join(d.Recipients[i].Aliases, "; ")
	case secOfficials:
		out[0] = d.Officials[i].Position
	case secCouriers:
		out[0] = d.Couriers[i].Name
	case secGroups:
		g := d.Groups[i]
		out[0], out[1], out[2] = g.Name, strings.Join(g.Aliases, "; "), strings.Join(g.Members, "; ")
	case secPlaces:
		out[0] = d.Places[i].Name
		if d.Places[i].Own {
			out[1] = yesWord
		}
	}
	return out
}

// splitNames reads a list written "a; b". Only the semicolon separates:
// names of offices hold commas ("Kepala Dinas Koperasi, Usaha Kecil dan
// Menengah").
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// yes reads a yes/no field.
func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "ya", "yes", "1", "true", "benar":
		return true
	}
	return false
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
		second, third := f.value(1), f.value(2)
		if kind == formDirAdd {
			m.cursor[s] = m.size(s)
		}
		cmd := m.change(e, func(d *store.Directory, i int) {
			if kind == formDirAdd {
				i = addTo(d, s)
			}
			setEntry(d, s, i, name, second, third)
		})
		return m, cmd
	}
	return m, nil
}

// change applies edit to a copy of the directory and saves it, as one
// audited change. A form open stays open until the store took the change,
// and shows its refusal (a group's member not in the directory).
func (m *directoryModel) change(e *env, edit func(d *store.Directory, i int)) tea.Cmd {
	d := cloneDir(m.d)
	edit(d, m.cursor[m.section])
	db, t := e.db, e.t
	m.busy = true
	return job(func() jobMsg {
		if err := db.SetDirectory(d, t.T("dir.reason")); err != nil {
			return jobMsg{err: err, owner: ownerDir}
		}
		return jobMsg{changed: true, note: t.T("dir.saved"), owner: ownerDir}
	})
}

// cloneDir copies the directory deeply enough for an edit: every list,
// and the lists inside its entries.
func cloneDir(d *store.Directory) *store.Directory {
	c := &store.Directory{
		Recipients: slices.Clone(d.Recipients),
		Officials:  slices.Clone(d.Officials),
		Couriers:   slices.Clone(d.Couriers),
		Groups:     slices.Clone(d.Groups),
		Places:     slices.Clone(d.Places),
	}
	for i := range c.Recipients {
		c.Recipients[i].Aliases = slices.Clone(c.Recipients[i].Aliases)
	}
	for i := range c.Groups {
		c.Groups[i].Aliases = slices.Clone(c.Groups[i].Aliases)
		c.Groups[i].Members = slices.Clone(c.Groups[i].Members)
	}
	return c
}

// addTo adds an empty entry to section s and returns its index.
func addTo(d *store.Directory, s int) int {
	switch s {
	case secRecipients:
		d.Recipients = append(d.Recipients, store.DirectoryRecipient{Channel: store.ChannelCourier})
		return len(d.Recipients) - 1
	case secOfficials:
		d.Officials = append(d.Officials, store.Official{})
		return len(d.Officials) - 1
	case secCouriers:
		d.Couriers = append(d.Couriers, store.Courier{})
		return len(d.Couriers) - 1
	case secGroups:
		d.Groups = append(d.Groups, store.Group{})
		return len(d.Groups) - 1
	case secPlaces:
		d.Places = append(d.Places, store.Place{})
		return len(d.Places) - 1
	}
	return -1
}

// setEntry writes the form's values into entry i of section s. A
// recipient renamed keeps its old name as an alias, so that letters
// naming it the old way still find it.
func setEntry(d *store.Directory, s, i int, name, second, third string) {
	switch s {
	case secRecipients:
		r := &d.Recipients[i]
		aliases := splitNames(second)
		if old := r.Name; old != "" && !strings.EqualFold(old, name) && !slices.ContainsFunc(aliases, func(a string) bool { return strings.EqualFold(a, old) }) {
			aliases = append(aliases, old)
		}
		r.Name, r.Position, r.Aliases = name, name, aliases
	case secOfficials:
		d.Officials[i].Position = name
	case secCouriers:
		d.Couriers[i].Name = name
	case secGroups:
		d.Groups[i] = store.Group{Name: name, Aliases: splitNames(second), Members: splitNames(third)}
	case secPlaces:
		d.Places[i] = store.Place{Name: name, Own: yes(second)}
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
	case secGroups:
		d.Groups = slices.Delete(d.Groups, i, i+1)
	case secPlaces:
		d.Places = slices.Delete(d.Places, i, i+1)
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
	case secGroups:
		d.Groups[i], d.Groups[j] = d.Groups[j], d.Groups[i]
	case secPlaces:
		d.Places[i], d.Places[j] = d.Places[j], d.Places[i]
	}
}

func (m directoryModel) view(e *env, st *styles, now time.Time, w, h int) string {
	if m.form != nil {
		return m.form.view(st, e.t, w, h)
	}
	t := e.t
	// The sections with their sizes; where they do not fit, without.
	var bar string
	for _, counts := range []bool{true, false} {
		var tabs []string
		for s := range sectionCount {
			label := t.T(sectionKeys[s])
			if n := m.size(s); counts && listSection(s) && m.d != nil {
				label += fmt.Sprintf(" %d", n)
			}
			if s == m.section {
				tabs = append(tabs, st.tabActive.Render(label))
			} else {
				tabs = append(tabs, st.tab.Render(label))
			}
		}
		if bar = strings.Join(tabs, " "); lipgloss.Width(bar) <= w {
			break
		}
	}
	head := st.heading.Render(t.T("dir.title")) + "\n" + truncate(bar, w) + "\n"
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
			r := m.d.Recipients[i]
			if len(r.Aliases) > 0 {
				line += " (" + strings.Join(r.Aliases, "; ") + ")"
			}
			line = cell(line, max(w-14, 10)) + "  " + t.Channel(r.Channel)
		case secGroups:
			line += ": " + strings.Join(m.d.Groups[i].Members, "; ")
		case secPlaces:
			if m.d.Places[i].Own {
				line += "  " + t.T("dir.own_mark")
			}
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
	if err != nil && m.d != nil {
		// A refused add left the cursor past the last entry.
		for s := range m.cursor {
			m.cursor[s] = min(m.cursor[s], max(m.size(s)-1, 0))
		}
	}
	switch {
	case m.form == nil:
	case err == nil:
		m.form = nil
	default:
		m.form.err = e.t.Sentence(err)
	}
}
