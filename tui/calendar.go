package tui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// The Directory's calendar section keeps the working-day calendar from
// the desk: the usual hours, the periods with hours of their own, and a
// year's listed days; a year's list is loaded from a file, a day or a
// period added or taken out, each with a reason the store records as an
// audit event. Due times follow at once, since every screen computes them
// from db.Calendar().

// calItem is a row of the calendar section the cursor can stand on: a
// period or a listed day, named by the key the store removes it by.
type calItem struct {
	key string // "2026-12-24" or "2026-02-19..2026-03-19"
}

// calYear is the year the section shows.
func (m directoryModel) calYearShown(e *env) int {
	if m.calYear != 0 {
		return m.calYear
	}
	cal := e.db.Calendar()
	return e.db.Now().In(cal.Location()).Year()
}

// calItems are the periods, then the listed days of the year shown.
func (m directoryModel) calItems(e *env) []calItem {
	cal := e.db.Calendar()
	var out []calItem
	for _, p := range cal.Periods() {
		out = append(out, calItem{key: p.From.Format(time.DateOnly) + ".." + p.To.Format(time.DateOnly)})
	}
	for _, d := range cal.Days(m.calYearShown(e)) {
		out = append(out, calItem{key: d.Date.Format(time.DateOnly)})
	}
	return out
}

// calendarKey takes a key of the calendar section; ok is false for a key
// it does not own.
func (m directoryModel) calendarKey(e *env, msg tea.KeyPressMsg) (directoryModel, tea.Cmd, bool) {
	k := &e.keys
	items := m.calItems(e)
	c := &m.cursor[secCalendar]
	switch {
	case key.Matches(msg, k.Down):
		*c = min(*c+1, max(len(items)-1, 0))
	case key.Matches(msg, k.Up):
		*c = max(*c-1, 0)
	case key.Matches(msg, k.Top):
		*c = 0
	case key.Matches(msg, k.Bottom):
		*c = max(len(items)-1, 0)
	case key.Matches(msg, k.CalPrevYear, k.CalNextYear):
		y := m.calYearShown(e)
		if key.Matches(msg, k.CalPrevYear) {
			y--
		} else {
			y++
		}
		m.calYear, *c = y, 0
	case key.Matches(msg, k.CalLoad):
		m.openCalForm(e, formCalLoad, "")
	case key.Matches(msg, k.CalAdd):
		m.openCalForm(e, formCalAdd, "")
	case key.Matches(msg, k.CalRemove):
		value := ""
		if *c < len(items) {
			value = items[*c].key
		}
		m.openCalForm(e, formCalRemove, value)
	default:
		return m, nil, false
	}
	return m, nil, true
}

func (m *directoryModel) openCalForm(e *env, kind formKind, value string) {
	t := e.t
	var f formModel
	switch kind {
	case formCalLoad:
		f = newForm(kind, t.T("cal.load_title", m.calYearShown(e)),
			formField{label: t.T("cal.path"), hint: t.T("cal.path_hint")},
			formField{label: t.T("form.reason"), hint: t.T("cal.reason_hint")})
	case formCalAdd:
		f = newForm(kind, t.T("cal.add_title"),
			formField{label: t.T("cal.line"), value: value, hint: t.T("cal.line_hint", m.calYearShown(e))},
			formField{label: t.T("form.reason"), hint: t.T("cal.reason_hint")})
	case formCalRemove:
		f = newForm(kind, t.T("cal.remove_title"),
			formField{label: t.T("cal.key"), value: value, hint: t.T("cal.key_hint")},
			formField{label: t.T("form.reason"), hint: t.T("cal.reason_hint")})
		if value != "" {
			f.setFocus(1)
		}
	}
	m.form = &f
}

// submitCalForm checks the calendar form and runs its change as a job;
// the form stays open until the store answers, so that a refusal shows
// in it.
func (m *directoryModel) submitCalForm(e *env) tea.Cmd {
	t, db, f := e.t, e.db, m.form
	first, why := f.value(0), f.value(1)
	if first == "" {
		f.err = t.T("cal.required")
		return nil
	}
	if why == "" && f.kind != formCalLoad {
		f.err = t.T("err.reason_required")
		return nil
	}
	kind := f.kind
	m.busy = true
	return job(func() jobMsg {
		var err error
		note := t.T("calendar.changed")
		switch kind {
		case formCalLoad:
			var text []byte
			if text, err = os.ReadFile(first); err != nil {
				return jobMsg{err: fmt.Errorf("read %s: %w", first, err), owner: ownerDir}
			}
			if why == "" {
				why = first
			}
			var n int
			if n, err = db.LoadCalendarYears(string(text), why); err == nil {
				note = t.T("calendar.loaded", n)
			}
		case formCalAdd:
			err = db.AddCalendarLine(first, why)
		case formCalRemove:
			err = db.RemoveCalendar(first, why)
		}
		if err != nil {
			return jobMsg{err: err, owner: ownerDir}
		}
		return jobMsg{changed: true, note: note, owner: ownerDir}
	})
}

// calendarRows describe the calendar: the usual hours, the periods, the
// year shown with whether it has a list, its days, and the years whose
// missing list makes a due time an estimate. cur is the row of the
// cursor's item.
func (m directoryModel) calendarRows(e *env, st *styles, w int) (rows []string, cur int) {
	t, cal := e.t, e.db.Calendar()
	year := m.calYearShown(e)
	items := m.calItems(e)
	cursor := min(m.cursor[secCalendar], max(len(items)-1, 0))
	item := func(i int, line string) string {
		if i == cursor {
			cur = len(rows)
			return st.selected.Render(cell("› "+line, w))
		}
		return st.row.Render(truncate("  "+line, w))
	}
	rows = append(rows, st.label.Render(cell(t.T("cal.week"), 12))+st.value.Render(truncate(weekText(t, cal.Week()), max(w-12, 1))))
	if len(cal.Periods()) > 0 {
		rows = append(rows, st.label.Render(t.T("cal.periods")))
	}
	i := 0
	for _, p := range cal.Periods() {
		rows = append(rows, item(i, fmt.Sprintf("%s - %s  %s", t.Date(p.From), t.Date(p.To), p.Name)))
		rows = append(rows, st.dim.Render(truncate("    "+weekText(t, p.Hours), w)))
		i++
	}
	rows = append(rows, "")
	listed := t.T("cal.listed", len(cal.Days(year)))
	style := st.good
	if !cal.HasYear(year) {
		listed, style = t.T("calendar.unlisted", year), st.warn
	}
	head := st.heading.Render(t.T("cal.year", year)) + "  "
	for _, l := range wrapLines(listed, max(w-len(t.T("cal.year", year))-2, 20)) {
		rows = append(rows, head+style.Render(l))
		head = ""
	}
	for _, d := range cal.Days(year) {
		rows = append(rows, item(i, fmt.Sprintf("%-20s %-14s %s", t.Date(d.Date), t.T("dir.kind_"+d.Kind), d.Name)))
		i++
	}
	if len(m.unlisted) > 0 {
		rows = append(rows, "")
		for _, l := range wrapLines(t.T("cal.unlisted_years", yearList(m.unlisted)), w) {
			rows = append(rows, st.warn.Render(l))
		}
	}
	rows = append(rows, "", st.dim.Render(truncate(t.T("cal.keys"), w)))
	if len(items) == 0 {
		cur = 0
	}
	return rows, cur
}

// weekText shows a week's hours with equal neighbours joined:
// "Senin-Kamis 07.30-16.30 · Jumat 07.30-14.30".
func weekText(t *Text, w store.Week) string {
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var parts []string
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && w[order[j+1]] == w[order[i]] {
			j++
		}
		if !w[order[i]].IsZero() {
			days := t.Weekday(order[i])
			if j > i {
				days += "-" + t.Weekday(order[j])
			}
			parts = append(parts, days+" "+w[order[i]].String())
		}
		i = j + 1
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " · ")
}

// yearList writes years as "2027" or "2027, 2028".
func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = fmt.Sprint(y)
	}
	return strings.Join(s, ", ")
}

// unlistedMsg is the years without a holiday list that an open letter's
// clock reaches (store.DB.UnlistedYears).
type unlistedMsg struct{ years []int }

func loadUnlisted(db *store.DB) tea.Cmd {
	return run(func() tea.Msg {
		ys, err := db.UnlistedYears()
		return failed(err, unlistedMsg{ys})
	})
}
