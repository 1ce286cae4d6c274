package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The forms and pickers of the steps: each opens pre-filled with the
// likely answer, so that enter alone accepts it.

func (m *letterModel) openRoute(e *env) {
	chosen := suggestRecipients(m.dir, m.l, m.msg)
	items := make([]pickItem, len(m.dir.Recipients))
	for i, r := range m.dir.Recipients {
		ch, ok := chosen[strings.ToLower(r.Name)]
		if !ok || ch == "" {
			ch = r.Channel
		}
		items[i] = pickItem{name: r.Name, channel: ch, checked: ok}
	}
	// The chosen ones first, so that they show without scrolling.
	sort.SliceStable(items, func(i, j int) bool { return items[i].checked && !items[j].checked })
	p := newPicker(e.t, formRoute, e.t.T("route.title", m.l.ID), items)
	p.multi, p.channels = true, true
	m.picker = &p
}

// suggestRecipients proposes the recipients of a letter with their
// channels, by lower-case name: those already chosen; else those the
// message names, the sender's side left out (mail.ProposeRecipients); else
// the directory's first recipient.
func suggestRecipients(dir *store.Directory, l *store.Letter, msg *mail.Message) map[string]store.Channel {
	out := map[string]store.Channel{}
	if len(l.Recipients) > 0 {
		for _, r := range l.Recipients {
			out[strings.ToLower(r.Name)] = r.Channel
		}
		return out
	}
	if msg != nil {
		for _, n := range mail.ProposeRecipients(dir, msg, l.Origin) {
			out[strings.ToLower(n)] = ""
		}
	}
	if len(out) == 0 && len(dir.Recipients) > 0 {
		out[strings.ToLower(dir.Recipients[0].Name)] = ""
	}
	return out
}

func (m *letterModel) openRegister(e *env) {
	t, l, p := e.t, m.l, m.prop
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	date := l.LetterDate
	if date.IsZero() {
		date = p.LetterDate
	}
	class := pick(string(l.Class), string(p.Class))
	urgency := pick(string(l.Urgency), string(p.Urgency))
	f := newForm(formRegister, t.T("register.title", l.ID),
		formField{label: t.T("register.number"), value: pick(l.LetterNumber, p.LetterNumber)},
		formField{label: t.T("register.date"), value: dateField(date), hint: t.T("register.date_hint")},
		formField{label: t.T("register.origin"), value: pick(l.Origin, p.Sender)},
		formField{label: t.T("register.summary"), value: pick(l.Summary, p.Subject)},
		formField{label: t.T("register.attachments"), value: pick(l.Attachments, p.Attachments)},
		formField{label: t.T("register.class"), value: pick(class, string(store.ClassOrdinary)), hint: t.T("register.class_hint")},
		formField{label: t.T("register.urgency"), value: pick(urgency, string(store.UrgencyOrdinary)), hint: t.T("register.urgency_hint")},
		formField{label: t.T("register.code"), value: l.ClassCode, hint: t.T("register.code_hint")},
		formField{label: t.T("register.index"), value: l.Index},
		formField{label: t.T("register.remarks"), value: l.Remarks},
	)
	switch c := store.SecurityClass(class); {
	case c.Classified():
		f.note = t.T("letter.classified", t.Class(store.SecurityClass(class)))
	case c == store.ClassRestricted:
		f.note = t.T("letter.restricted")
	}
	m.form = &f
}

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
		var rs []store.Recipient
		for _, it := range m.picker.checked() {
			rs = append(rs, store.Recipient{Name: it.name, Channel: it.channel})
		}
		if len(rs) == 0 {
			m.picker.err = t.T("route.none")
			return nil
		}
		m.busy = true
		return stepJob(func() (*store.Letter, error) { return db.Route(id, rs) },
			func(l *store.Letter) string { return t.T("done.route", len(l.Recipients)) })
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
		r.Duplicate = f.duplicate
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
