package tui

import (
	"slices"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The registration form and the recipient picker open with what the
// letter proposes (mail.LetterProposal: the attached letter first, then
// the e-mail's lines, then its headers), each field naming where it was
// read; where a second source disagrees, ctrl+t takes its value instead.

// sourceLabel names where a proposed value was read, briefly.
func sourceLabel(t *Text, s mail.Source) string {
	if s == "" {
		return ""
	}
	return t.T("source." + string(s))
}

// proposed is a register form field filled from the proposal's field f:
// the value kept on the letter when it has one, else the proposal's with
// its source and the alternative another source gives.
func proposed(p mail.LetterProposal, f mail.Field, label, kept, value string) formField {
	ff := formField{label: label, value: kept}
	if kept != "" {
		return ff
	}
	ff.value, ff.proposed, ff.field = value, value, f.LetterField()
	if value != "" {
		ff.source = p.Sources[f]
	}
	for _, a := range p.Alternatives {
		if a.Field == f && a.Value != value {
			ff.alt, ff.altSource = a.Value, a.Source
			if f == mail.FieldDate {
				if d, err := time.Parse(time.DateOnly, a.Value); err == nil {
					ff.alt = dateField(d)
				}
			}
			break
		}
	}
	return ff
}

func (m *letterModel) openRegister(e *env) {
	t, l, p := e.t, m.l, m.prop
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	class := pick(string(l.Class), string(p.Class))
	classField := proposed(p, mail.FieldClass, t.T("register.class"), string(l.Class), pick(string(p.Class), string(store.ClassOrdinary)))
	classField.hint = t.T("register.class_hint")
	urgencyField := proposed(p, mail.FieldUrgency, t.T("register.urgency"), string(l.Urgency), pick(string(p.Urgency), string(store.UrgencyOrdinary)))
	urgencyField.hint = t.T("register.urgency_hint")
	dateValue := dateField(p.LetterDate)
	dateFld := proposed(p, mail.FieldDate, t.T("register.date"), dateField(l.LetterDate), dateValue)
	dateFld.hint = t.T("register.date_hint")
	f := newForm(formRegister, t.T("register.title", l.ID),
		proposed(p, mail.FieldNumber, t.T("register.number"), l.LetterNumber, p.LetterNumber),
		dateFld,
		proposed(p, mail.FieldOrigin, t.T("register.origin"), l.Origin, p.Sender),
		proposed(p, mail.FieldSubject, t.T("register.summary"), l.Summary, p.Subject),
		proposed(p, mail.FieldAttachments, t.T("register.attachments"), l.Attachments, p.Attachments),
		classField,
		urgencyField,
		formField{label: t.T("register.code"), value: l.ClassCode, hint: t.T("register.code_hint")},
		formField{label: t.T("register.index"), value: l.Index},
		formField{label: t.T("register.remarks"), value: l.Remarks},
	)
	switch c := store.SecurityClass(class); {
	case c.Classified():
		f.note = t.T("letter.classified", t.Class(store.SecurityClass(class)))
	case c == store.ClassRestricted:
		f.note = t.T("letter.restricted")
	case p.Letter >= 0 && !p.OriginChecked && l.Origin == "":
		f.note = t.T("register.origin_unchecked")
	}
	m.form = &f
}

func (m *letterModel) openRoute(e *env) {
	chosen := suggestRecipients(m.dir, m.l, m.prop)
	items := make([]pickItem, 0, len(m.dir.Recipients)+len(m.prop.NewRecipients))
	for _, r := range m.dir.Recipients {
		ch, ok := chosen[strings.ToLower(r.Name)]
		if !ok || ch == "" {
			ch = r.Channel
		}
		items = append(items, pickItem{name: r.Name, channel: ch, checked: ok})
	}
	// The chosen ones first, so that they show without scrolling.
	sort.SliceStable(items, func(i, j int) bool { return items[i].checked && !items[j].checked })
	// Addressees the directory lacks: offered right after them,
	// unchecked; checking one adds it to the directory as the letter is
	// routed.
	if len(m.l.Recipients) == 0 {
		n := 0
		for n < len(items) && items[n].checked {
			n++
		}
		var fresh []pickItem
		for _, name := range m.prop.NewRecipients {
			if _, known := m.dir.Recipient(name); !known {
				fresh = append(fresh, pickItem{name: name, channel: store.ChannelCourier, note: e.t.T("route.new_note"), fresh: true})
			}
		}
		items = slices.Insert(items, n, fresh...)
	}
	p := newPicker(e.t, formRoute, e.t.T("route.title", m.l.ID), items)
	p.multi, p.channels = true, true
	m.picker = &p
}

// suggestRecipients proposes the recipients of a letter with their
// channels, by lower-case name: those already chosen; else those the
// letter is addressed and copied to (its attached letter's Yth. and
// Tembusan, or the e-mail's lines, the sender's side left out); else the
// directory's first recipient.
func suggestRecipients(dir *store.Directory, l *store.Letter, p mail.LetterProposal) map[string]store.Channel {
	out := map[string]store.Channel{}
	if len(l.Recipients) > 0 {
		for _, r := range l.Recipients {
			out[strings.ToLower(r.Name)] = r.Channel
		}
		return out
	}
	for _, n := range p.Recipients {
		out[strings.ToLower(n)] = ""
	}
	if len(out) == 0 && len(dir.Recipients) > 0 {
		out[strings.ToLower(dir.Recipients[0].Name)] = ""
	}
	return out
}

// submitRoute routes the letter to the recipients checked; a new
// addressee checked is first added to the directory, with the letter
// named as the reason.
func (m *letterModel) submitRoute(e *env) tea.Cmd {
	t, db, id := e.t, e.db, m.l.ID
	var rs []store.Recipient
	var fresh []store.DirectoryRecipient
	for _, it := range m.picker.checked() {
		rs = append(rs, store.Recipient{Name: it.name, Channel: it.channel})
		if it.fresh {
			fresh = append(fresh, store.DirectoryRecipient{Name: it.name, Channel: it.channel})
		}
	}
	if len(rs) == 0 {
		m.picker.err = t.T("route.none")
		return nil
	}
	m.busy = true
	return stepJob(func() (*store.Letter, error) {
		if len(fresh) > 0 {
			d, err := db.Directory()
			if err != nil {
				return nil, err
			}
			for _, r := range fresh {
				if _, known := d.Recipient(r.Name); !known {
					d.Recipients = append(d.Recipients, r)
				}
			}
			if err := db.SetDirectory(d, t.T("route.added_reason", id)); err != nil {
				return nil, err
			}
		}
		return db.Route(id, rs)
	}, func(l *store.Letter) string { return t.T("done.route", len(l.Recipients)) })
}
