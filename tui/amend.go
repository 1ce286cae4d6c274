package tui

import (
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// The corrections of the Letter screen: an initial recorded after the
// fact, a classification released, why a letter is late, when it really
// arrived. The store decides each; these forms only ask.

// actionInitialAt is the key that records an initial with its time: the
// same step as store.ActionInitial, through a form.
const actionInitialAt store.Action = "initial_at"

// errBadTime is a time written other than as store.TimeLayout.
var errBadTime = errors.New("bad time")

// atField is a form's time field, filled with now in the desk's zone:
// left as it is, the step is recorded at the moment it is saved.
func atField(e *env, label string) formField {
	now := e.db.Now().In(e.db.Calendar().Location())
	return formField{label: label, value: now.Format(store.TimeLayout), hint: e.t.T("form.at_hint")}
}

// fieldTime reads a time field: the zero time (now, for the store) when it
// still holds what it was filled with, else the time written in the
// desk's zone.
func fieldTime(f formField, loc *time.Location) (time.Time, error) {
	s := strings.TrimSpace(f.input.Value())
	if s == f.value {
		return time.Time{}, nil
	}
	at, err := time.ParseInLocation(store.TimeLayout, s, loc)
	if err != nil {
		return time.Time{}, errBadTime
	}
	return at, nil
}

// beginAmend opens the form of a correction, or refuses it at once with
// the store's own sentence: the rule is tried on a copy of the letter. ok
// is false for an action that is not a correction.
func (m *letterModel) beginAmend(e *env, a store.Action) (cmd tea.Cmd, ok bool) {
	cp := *m.l
	var err error
	switch a {
	case actionInitialAt:
		err = cp.Check(store.ActionInitial)
	case store.ActionClassify:
		err = cp.Classify(store.ClassOrdinary, "-")
	case store.ActionLate:
		err = cp.Late(e.db.Calendar(), "-", e.db.Now())
	case store.ActionCorrect:
	default:
		return nil, false
	}
	if err != nil {
		return failNow(err), true
	}
	t := e.t
	var f formModel
	switch a {
	case actionInitialAt:
		pos := ""
		if i := m.l.NextInitial(); i >= 0 {
			pos = m.l.Initials[i].Position
		}
		f = newForm(formInitial, t.T("initial.title", m.l.ID),
			formField{label: t.T("initial.official"), value: pos, hint: t.T("initial.hint")},
			atField(e, t.T("initial.at")))
		f.setFocus(1)
	case store.ActionClassify:
		f = newForm(formRelease, t.T("classify.title", m.l.ID, string(m.l.Class)),
			formField{label: t.T("register.class"), value: string(store.ClassOrdinary), hint: t.T("classify.class_hint")},
			formField{label: t.T("form.reason"), hint: t.T("classify.hint")})
		f.setFocus(1)
	case store.ActionLate:
		f = newForm(formLate, t.T("late.title", m.l.ID),
			formField{label: t.T("form.reason"), value: m.l.LateReason, hint: t.T("late.hint")})
	case store.ActionCorrect:
		loc := e.db.Calendar().Location()
		f = newForm(formCorrect, t.T("correct.title", m.l.ID),
			formField{label: t.T("hdr.received"), value: m.l.ReceivedAt.In(loc).Format(store.TimeLayout), hint: t.T("correct.at_hint")},
			formField{label: t.T("form.reason"), hint: t.T("correct.hint")})
		if m.l.ReceivedEstimated {
			f.note = t.T("correct.estimated")
		}
	}
	m.form = &f
	return nil, true
}

// submitAmend saves a correction's form; ok is false for a form that is
// not one.
func (m *letterModel) submitAmend(e *env) (do func() (*store.Letter, error), note func(*store.Letter) string, ok bool) {
	t, db, id, f := e.t, e.db, m.l.ID, m.form
	loc := db.Calendar().Location()
	switch f.kind {
	case formInitial:
		pos := f.value(0)
		at, err := fieldTime(f.fields[1], loc)
		if err != nil {
			f.err = t.T("form.bad_time")
			return nil, nil, true
		}
		do = func() (*store.Letter, error) { return db.Initial(id, pos, at) }
		note = func(l *store.Letter) string { return t.T("done.initial", pos) }
	case formRelease:
		class, err := store.ParseClass(f.value(0))
		if err != nil {
			f.err = t.T("classify.bad_class")
			return nil, nil, true
		}
		why := f.value(1)
		do = func() (*store.Letter, error) { return db.Classify(id, class, why) }
		note = func(l *store.Letter) string { return t.T("done.classify", string(l.Class)) }
	case formLate:
		why := f.value(0)
		do = func() (*store.Letter, error) { return db.Late(id, why) }
		note = func(*store.Letter) string { return t.T("done.late") }
	case formCorrect:
		at, err := time.ParseInLocation(store.TimeLayout, f.value(0), loc)
		if err != nil {
			f.err = t.T("form.bad_time")
			return nil, nil, true
		}
		why := f.value(1)
		do = func() (*store.Letter, error) { return db.CorrectReceived(id, at, why) }
		note = func(l *store.Letter) string {
			return t.T("done.correct", t.DateTime(l.ReceivedAt.In(loc)))
		}
	default:
		return nil, nil, false
	}
	return do, note, true
}

// lateUnexplained says whether the store would take a reason for the
// letter's lateness that it does not have yet.
func lateUnexplained(e *env, l *store.Letter, now time.Time) bool {
	cp := *l
	return l.LateReason == "" && cp.Late(e.db.Calendar(), "-", now) == nil
}

// answer takes y or n to the form's question: y registers the letter as
// a duplicate of the earlier one, n goes back to the form.
func (m letterModel) answer(e *env, msg tea.KeyPressMsg) (letterModel, tea.Cmd, bool) {
	k := &e.keys
	switch {
	case key.Matches(msg, k.Yes):
		m.form.question, m.form.duplicate = "", true
		return m, m.submitForm(e), false
	case key.Matches(msg, k.No):
		m.form.question, m.form.duplicate = "", false
	}
	return m, nil, false
}
