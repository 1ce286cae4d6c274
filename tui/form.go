package tui

import (
	"sanapati-desk/mail"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// formKind says what a form or picker is for, so its answer goes to the
// right step.
type formKind int

// The forms and pickers of the desk.
const (
	formNone formKind = iota
	formPassword
	formRoute
	formRegister
	formAssign
	formDeliverTo
	formDeliver
	formArchive
	formSetAside
	formUndo
	formReport
	formExportReport
	formDirAdd
	formDirEdit
	formInitial
	formRelease
	formLate
	formCorrect
	formCalLoad
	formCalAdd
	formCalRemove
	formImport
)

// formResult is what a key did to a form.
type formResult int

const (
	formKeep formResult = iota
	formSubmit
	formCancel
)

// newInput is a text field with a steady cursor: a blinking one would
// wake the program twice a second for nothing. Its colours are set when
// it is drawn.
func newInput(prompt string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// formField is one labelled line of a form.
type formField struct {
	label, value, hint string
	// source says where a proposed value was read; alt is the value
	// another source (altSource) gives instead, taken with ctrl+t.
	source, altSource mail.Source
	alt               string
	// proposed is the value source gave, to tell whether the operator
	// kept it; field is the letter's JSON name of the value.
	proposed, field string
	// long lifts the length limit of a line (a list of names).
	long  bool
	input textinput.Model
}

// swapAlt takes the focused field's alternative value, keeping its own as
// the alternative, so that ctrl+t again takes it back.
func (f *formModel) swapAlt() {
	fl := &f.fields[f.focus]
	if fl.alt == "" {
		return
	}
	cur := fl.input.Value()
	fl.input.SetValue(fl.alt)
	fl.input.CursorEnd()
	fl.alt, fl.proposed = cur, fl.input.Value()
	fl.source, fl.altSource = fl.altSource, fl.source
}

// sources are where the values kept as proposed were read, by the
// letter's JSON name of each field (store.Registration.Sources).
func (f formModel) sources() map[string]string {
	out := map[string]string{}
	for i, fl := range f.fields {
		if fl.source != "" && fl.field != "" && f.value(i) == strings.TrimSpace(fl.proposed) {
			out[fl.field] = string(fl.source)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// formModel is a small form: labelled text fields, the first focused.
// enter saves from any field (the values are checked when saved), tab and
// the arrows move between fields, esc cancels.
type formModel struct {
	kind   formKind
	title  string
	fields []formField
	focus  int
	// note is a warning shown above the fields; err what was wrong with
	// the last attempt to save; question a y/n question about it (saving
	// a duplicate) that the form waits for.
	note, err, question string
	// duplicate says the operator answered yes: register a duplicate.
	duplicate bool
}

func newForm(kind formKind, title string, fields ...formField) formModel {
	f := formModel{kind: kind, title: title, fields: fields}
	for i := range f.fields {
		in := newInput("")
		in.CharLimit = 500
		if f.fields[i].long {
			in.CharLimit = 0
		}
		in.SetValue(f.fields[i].value)
		in.CursorEnd()
		f.fields[i].input = in
	}
	f.setFocus(0)
	return f
}

func (f *formModel) setFocus(i int) {
	if len(f.fields) == 0 {
		return
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	for j := range f.fields {
		if j == f.focus {
			f.fields[j].input.Focus()
		} else {
			f.fields[j].input.Blur()
		}
	}
}

// value is the trimmed text of field i.
func (f formModel) value(i int) string {
	if i < 0 || i >= len(f.fields) {
		return ""
	}
	return strings.TrimSpace(f.fields[i].input.Value())
}

func (f formModel) update(e *env, msg tea.KeyPressMsg) (formModel, formResult) {
	k := &e.keys
	switch {
	case key.Matches(msg, k.Submit):
		return f, formSubmit
	case key.Matches(msg, k.Cancel):
		return f, formCancel
	case key.Matches(msg, k.NextField):
		f.setFocus(f.focus + 1)
	case key.Matches(msg, k.PrevField):
		f.setFocus(f.focus - 1)
	case key.Matches(msg, k.SwapAlt) && len(f.fields) > 0:
		f.swapAlt()
	default:
		if len(f.fields) > 0 {
			f.fields[f.focus].input, _ = f.fields[f.focus].input.Update(msg)
			f.err = ""
		}
	}
	return f, formKeep
}

func (f *formModel) paste(msg tea.PasteMsg) {
	if len(f.fields) > 0 {
		f.fields[f.focus].input, _ = f.fields[f.focus].input.Update(msg)
	}
}

func (f formModel) view(st *styles, t *Text, w, h int) string {
	var b strings.Builder
	b.WriteString(st.heading.Render(truncate(f.title, w)) + "\n")
	if f.note != "" {
		for _, l := range wrapLines(f.note, w) {
			b.WriteString(st.warn.Render(l) + "\n")
		}
	}
	b.WriteString("\n")
	labelW := 4
	for _, fl := range f.fields {
		labelW = max(labelW, len([]rune(fl.label)))
	}
	labelW = min(labelW, w/3)
	srcW := 0
	for _, fl := range f.fields {
		if fl.source != "" {
			srcW = max(srcW, len([]rune(sourceLabel(t, fl.source))))
		}
	}
	if srcW > 0 {
		srcW = min(srcW+1, 8) // room for the * of an alternative
	}
	inW := max(w-labelW-5-srcW-1, 8)
	for i, fl := range f.fields {
		mark, label := "  ", st.label.Render(cell(fl.label, labelW))
		if i == f.focus {
			mark, label = st.key.Render("› "), st.key.Render(cell(fl.label, labelW))
		}
		in := fl.input
		in.SetStyles(st.input)
		in.SetWidth(inW)
		line := mark + label + "  " + in.View()
		if srcW > 0 {
			tag := cell(sourceLabel(t, fl.source), srcW)
			if fl.alt != "" {
				tag = cell(sourceLabel(t, fl.source)+"*", srcW)
			}
			line = cell(line, w-srcW-1) + " " + st.dim.Render(tag)
		}
		b.WriteString(line + "\n")
	}
	if len(f.fields) > 0 {
		fl := f.fields[f.focus]
		if fl.hint != "" {
			b.WriteString("\n" + st.dim.Render(truncate(fl.hint, w)))
		}
		if fl.source != "" {
			b.WriteString("\n" + st.dim.Render(truncate(t.T("source_long."+string(fl.source)), w)))
		}
		if fl.alt != "" {
			for _, l := range wrapLines(t.T("form.alternative", sourceLabel(t, fl.altSource), fl.alt), w) {
				b.WriteString("\n" + st.warn.Render(l))
			}
		}
	}
	if f.err != "" {
		for _, l := range wrapLines(f.err, w) {
			b.WriteString("\n" + st.errLine.Render(l))
		}
	}
	if f.question != "" {
		b.WriteString("\n" + st.warn.Render(truncate(f.question, w)))
	}
	return b.String()
}
