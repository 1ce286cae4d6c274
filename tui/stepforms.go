package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// The forms and pickers of the steps: each opens pre-filled with the
// likely answer, so that enter alone accepts it.

func dateField(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("02-01-2006")
}

// parseDate reads a letter's date as 23-11-2026, 23/11/2026 or 2026-11-23.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006", time.DateOnly} {
		if d, err := time.ParseInLocation(layout, s, loc); err == nil {
			return d, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

func (m *letterModel) openAssign(e *env) {
	items := make([]pickItem, len(m.dir.Couriers))
	for i, c := range m.dir.Couriers {
		items[i] = pickItem{name: c.Name}
	}
	p := newPicker(e.t, formAssign, e.t.T("assign.title", m.l.ID), items)
	p.allowNew = true
	p.withTime(e, e.t.T("assign.at"))
	if len(items) == 0 {
		p.filtering = true
		p.filter.Focus()
	}
	m.picker = &p
}

func (m *letterModel) openDeliver(e *env) {
	var items []pickItem
	for _, r := range m.l.Recipients {
		if !r.Delivered() {
			items = append(items, pickItem{name: r.Name, channel: r.Channel, note: "· " + e.t.Channel(r.Channel)})
		}
	}
	if len(items) == 1 {
		m.openDeliverForm(e, store.Recipient{Name: items[0].name, Channel: items[0].channel})
		return
	}
	p := newPicker(e.t, formDeliverTo, e.t.T("deliver.pick", m.l.ID), items)
	m.picker = &p
}

func (m *letterModel) openDeliverForm(e *env, r store.Recipient) {
	t := e.t
	f := newForm(formDeliver, t.T("deliver.title", r.Name),
		formField{label: t.T("deliver.by"), hint: t.T("deliver.by_hint")},
		atField(e, t.T("deliver.at")),
		formField{label: t.T("deliver.via"), value: string(r.Channel), hint: t.T("deliver.via_hint")},
	)
	m.form, m.picker, m.deliverTo = &f, nil, r
}

func (m *letterModel) openArchive(e *env) {
	t := e.t
	now := e.db.Now().In(e.db.Calendar().Location())
	f := newForm(formArchive, t.T("archive.title", m.l.ID),
		formField{label: t.T("archive.location"), value: t.T("archive.default", now.Year(), int(now.Month()), m.l.Agenda.Format(e.agendaFormat)), hint: t.T("archive.hint")},
		atField(e, t.T("archive.at")))
	m.form = &f
}

func (m *letterModel) openSetAside(e *env) {
	t := e.t
	reason := ""
	if c := m.class(); c.Classified() {
		reason = t.T("setaside.classified", t.Class(c))
	}
	f := newForm(formSetAside, t.T("setaside.title", m.l.ID),
		formField{label: t.T("form.reason"), value: reason, hint: t.T("setaside.hint")})
	m.form = &f
}

func (m *letterModel) openUndo(e *env) {
	t := e.t
	f := newForm(formUndo, t.T("undo.title", m.l.ID),
		formField{label: t.T("form.reason"), hint: t.T("undo.hint")})
	m.form = &f
}

func (m letterModel) pickerKey(e *env, msg tea.KeyPressMsg) (letterModel, tea.Cmd, bool) {
	if m.busy {
		return m, nil, false
	}
	p, res := m.picker.update(e, msg, m.picker.rows(m.h))
	m.picker = &p
	switch res {
	case formCancel:
		m.picker = nil
	case formSubmit:
		return m, m.submitPicker(e), false
	}
	return m, nil, false
}

func (m *letterModel) submitPicker(e *env) tea.Cmd {
	t, db, id := e.t, e.db, m.l.ID
	switch m.picker.kind {
	case formRoute:
		return m.submitRoute(e)
	case formAssign:
		c, ok := m.picker.choice()
		if !ok {
			m.picker.err = t.T("assign.none")
			return nil
		}
		at, err := m.picker.when(db.Calendar().Location())
		if err != nil {
			m.picker.err = t.T("form.bad_time")
			return nil
		}
		m.busy = true
		return stepJob(func() (*store.Letter, error) { return db.Assign(id, c.name, at) },
			func(l *store.Letter) string { return t.T("done.assign", l.Courier) })
	case formDeliverTo:
		if c, ok := m.picker.choice(); ok {
			m.openDeliverForm(e, store.Recipient{Name: c.name, Channel: c.channel})
		}
	}
	return nil
}

func (m letterModel) formKey(e *env, msg tea.KeyPressMsg) (letterModel, tea.Cmd, bool) {
	if m.busy {
		return m, nil, false
	}
	if m.form.question != "" {
		return m.answer(e, msg)
	}
	f, res := m.form.update(e, msg)
	m.form = &f
	switch res {
	case formCancel:
		m.form = nil
	case formSubmit:
		return m, m.submitForm(e), false
	}
	return m, nil, false
}

func (m *letterModel) submitForm(e *env) tea.Cmd {
	t, db, id, f := e.t, e.db, m.l.ID, m.form
	loc := db.Calendar().Location()
	var do func() (*store.Letter, error)
	var note func(*store.Letter) string
	switch f.kind {
	case formRegister:
		r, err := registration(f, loc)
		if err != nil {
			f.err = t.T("register.bad", err.Error())
			return nil
		}
		r.Duplicate, r.Sources = f.duplicate, f.sources()
		do = func() (*store.Letter, error) { return db.Register(id, r) }
		note = func(l *store.Letter) string {
			if !l.DuplicateOf.IsZero() {
				return t.T("done.register_duplicate", l.Agenda.Format(e.agendaFormat), l.DuplicateOf.Format(e.agendaFormat))
			}
			return t.T("done.register", l.Agenda.Format(e.agendaFormat))
		}
	case formDeliver:
		to, by := m.deliverTo, f.value(0)
		at, err := fieldTime(f.fields[1], loc)
		if err != nil {
			f.err = t.T("form.bad_time")
			return nil
		}
		via, err := store.ParseChannel(f.value(2))
		if err != nil {
			f.err = t.T("deliver.bad_via")
			return nil
		}
		do = func() (*store.Letter, error) { return db.Deliver(id, to.Name, via, by, at) }
		note = func(*store.Letter) string { return t.T("done.deliver", to.Name, by) }
	case formArchive:
		where := f.value(0)
		at, err := fieldTime(f.fields[1], loc)
		if err != nil {
			f.err = t.T("form.bad_time")
			return nil
		}
		do = func() (*store.Letter, error) { return db.Archive(id, where, at) }
		note = func(l *store.Letter) string {
			if lateUnexplained(e, l, db.Now()) {
				return t.T("done.archive", where) + " " + t.T("late.offer")
			}
			return t.T("done.archive", where)
		}
	case formSetAside:
		why := f.value(0)
		do = func() (*store.Letter, error) { return db.SetAside(id, why) }
		note = func(*store.Letter) string { return t.T("done.set_aside") }
	case formUndo:
		why := f.value(0)
		do = func() (*store.Letter, error) { return db.Undo(id, why) }
		note = func(l *store.Letter) string { return t.T("done.undo", t.Stage(l.Stage)) }
	default:
		var ok bool
		if do, note, ok = m.submitAmend(e); !ok || do == nil {
			return nil
		}
	}
	m.busy = true
	return stepJob(do, note)
}

// registration reads the register form.
func registration(f *formModel, loc *time.Location) (store.Registration, error) {
	r := store.Registration{
		LetterNumber: f.value(0), Origin: f.value(2), Summary: f.value(3), Attachments: f.value(4),
		ClassCode: f.value(7), Index: f.value(8), Remarks: f.value(9),
	}
	var err error
	if s := f.value(1); s != "" {
		if r.LetterDate, err = parseDate(s, loc); err != nil {
			return r, err
		}
	}
	if r.Class, err = store.ParseClass(f.value(5)); err != nil {
		return r, err
	}
	if r.Urgency, err = store.ParseUrgency(f.value(6)); err != nil {
		return r, err
	}
	return r, nil
}
