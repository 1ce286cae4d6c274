package tui

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The history view of the Letter screen lists every audit event of the
// letter, oldest first: when, who, the action in the catalogue's words,
// the reason, and each field it changed with its value before and after,
// every stored string passed through the sanitiser.

// historyLines draws the letter's events for a pane w cells wide.
func (m *letterModel) historyLines(e *env, st *styles, w int) []string {
	t, loc := e.t, e.db.Calendar().Location()
	lines := []string{st.heading.Render(truncate(t.T("history.title", m.l.ID, len(m.events)), w))}
	for _, ev := range m.events {
		head := fmt.Sprintf("%s  %s  %s", t.ShortDateTime(ev.Time.In(loc)), mail.SanitizeLine(ev.Operator), t.Action(ev.Action))
		if ev.From != "" && ev.To != "" && ev.From != ev.To {
			head += "  (" + t.Stage(ev.From) + " → " + t.Stage(ev.To) + ")"
		}
		lines = append(lines, "", st.label.Render(truncate(head, w)))
		if ev.Reason != "" {
			for _, l := range wrapLines(t.T("history.reason", mail.SanitizeLine(ev.Reason)), max(w-2, 10)) {
				lines = append(lines, "  "+st.value.Render(l))
			}
		}
		for _, name := range changedFields(ev) {
			if name == "stage" {
				continue // shown with the action
			}
			before, had := ev.Before[name]
			after := ev.After[name]
			label := fieldName(t, name)
			if items, ok := listChanges(t, before, after, loc); ok {
				for _, it := range items {
					for _, l := range wrapLines(label+": "+it, max(w-4, 10)) {
						lines = append(lines, "    "+st.dim.Render(l))
					}
				}
				continue
			}
			value := func(raw json.RawMessage) string {
				if a, ok := agendaValue(raw); ok {
					return a.Format(e.agendaFormat)
				}
				if name == "proposed_from" {
					return sourcesValue(t, raw)
				}
				return fieldValue(t, raw, loc)
			}
			change := value(after)
			if had {
				change = value(before) + " → " + change
			}
			for _, l := range wrapLines(label+": "+change, max(w-4, 10)) {
				lines = append(lines, "    "+st.dim.Render(l))
			}
		}
	}
	if len(m.events) == 0 {
		lines = append(lines, "", st.dim.Render(t.T("list.loading")))
	}
	return lines
}

// changedFields are the names of the fields an event changed, in order.
func changedFields(ev store.Event) []string {
	names := map[string]bool{}
	for k := range ev.Before {
		names[k] = true
	}
	for k := range ev.After {
		names[k] = true
	}
	return slices.Sorted(maps.Keys(names))
}

// fieldName is a stored field's name in the catalogue's words, or the
// name itself when the catalogue has none.
func fieldName(t *Text, name string) string {
	if s := t.T("field." + name); s != "field."+name {
		return s
	}
	return name
}

// sourcesValue shows where each registered field was read: "nomor
// surat: PDF · perihal: e-mail".
func sourcesValue(t *Text, raw json.RawMessage) string {
	var m map[string]string
	if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
		return "-"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fieldName(t, k)+": "+sourceLabel(t, mail.Source(mail.SanitizeLine(m[k]))))
	}
	return strings.Join(parts, " · ")
}

// agendaValue reads an agenda number ({"year":2026,"seq":3}).
func agendaValue(raw json.RawMessage) (store.AgendaNumber, bool) {
	var a store.AgendaNumber
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &a) != nil || a.IsZero() {
		return a, false
	}
	return a, true
}

// fieldValue shows a stored value: text as it is, a time in the desk's
// zone, a list or record as compact JSON; sanitised, and cut at 200
// characters so that a raw message hash or a long list stays one line.
func fieldValue(t *Text, raw json.RawMessage, loc *time.Location) string {
	if len(raw) == 0 || string(raw) == "null" {
		return "-"
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if tm, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.DateTime(tm.In(loc))
		}
		if s == "" {
			return `""`
		}
		return truncate(mail.SanitizeLine(s), 200)
	}
	return truncate(mail.SanitizeLine(string(raw)), 200)
}

// historyKey takes a key of the history view; h or esc closes it.
func (m letterModel) historyKey(e *env, msg tea.KeyPressMsg) letterModel {
	k := &e.keys
	rows := max(m.h-1, 1)
	n := len(m.historyLines(e, &styles{}, max(m.w-m.panelWidth()-1, 20)))
	top := max(n-rows, 0)
	switch {
	case key.Matches(msg, k.History, k.Back):
		m.history = false
	case key.Matches(msg, k.Down):
		m.histScroll++
	case key.Matches(msg, k.Up):
		m.histScroll--
	case key.Matches(msg, k.PageDown):
		m.histScroll += rows - 1
	case key.Matches(msg, k.PageUp):
		m.histScroll -= rows - 1
	case key.Matches(msg, k.Top):
		m.histScroll = 0
	case key.Matches(msg, k.Bottom):
		m.histScroll = top
	}
	m.histScroll = min(max(m.histScroll, 0), top)
	return m
}

// historyView is the left pane while the history shows.
func (m *letterModel) historyView(e *env, st *styles, w, h int) string {
	lines := m.historyLines(e, st, w)
	top := min(m.histScroll, max(len(lines)-h, 0))
	return strings.Join(lines[top:min(top+h, len(lines))], "\n")
}

// listChanges shows a list of records (recipients, initials) by the
// records that changed, each as its values: "Walikota · ajudan · 27
// November 2026 10.00 WIB · Ajudan". ok is false for a value that is not
// such a list.
func listChanges(t *Text, before, after json.RawMessage, loc *time.Location) (out []string, ok bool) {
	var b, a []map[string]json.RawMessage
	if json.Unmarshal(after, &a) != nil {
		return nil, false
	}
	if len(before) > 0 && json.Unmarshal(before, &b) != nil {
		return nil, false
	}
	for i, rec := range a {
		if i < len(b) && maps.EqualFunc(rec, b[i], func(x, y json.RawMessage) bool { return string(x) == string(y) }) {
			continue
		}
		var vals []string
		for _, k := range recordOrder(rec) {
			vals = append(vals, fieldValue(t, rec[k], loc))
		}
		out = append(out, strings.Join(vals, " · "))
	}
	if len(a) < len(b) {
		out = append(out, fmt.Sprintf("-%d", len(b)-len(a)))
	}
	return out, true
}

// recordOrder is the order a record's fields show in: who first, then
// how and when, then the rest.
func recordOrder(rec map[string]json.RawMessage) []string {
	first := []string{"name", "position", "channel", "at", "delivered_at", "received_by"}
	var out []string
	for _, k := range first {
		if _, ok := rec[k]; ok {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(rec)) {
		if !slices.Contains(first, k) {
			out = append(out, k)
		}
	}
	return out
}
