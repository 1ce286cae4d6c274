package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sanapati-desk/store"
)

// pickItem is one choice of a picker.
type pickItem struct {
	name, note string
	channel    store.Channel
	checked    bool
	// fresh marks a name the directory lacks, added when chosen.
	fresh bool
}

// pickerModel chooses from a list: several with checkboxes (recipients,
// each with a channel that can be changed) or one (a courier, a
// recipient). / filters the list by typing; with allowNew, a filter that
// matches nothing is itself the choice (a courier not yet listed).
type pickerModel struct {
	kind                      formKind
	title                     string
	items                     []pickItem
	multi, channels, allowNew bool

	filter    textinput.Model
	filtering bool
	cursor    int // index into shown
	top       int
	shown     []int
	err       string

	// at is the time the step is recorded at, for a picker that takes
	// one (the courier's); tab moves the keyboard to it and back.
	at   *formField
	onAt bool
}

func newPicker(t *Text, kind formKind, title string, items []pickItem) pickerModel {
	in := newInput("/ ")
	in.Placeholder = t.T("picker.filter_hint")
	p := pickerModel{kind: kind, title: title, items: items, filter: in}
	p.refilter()
	return p
}

func (p *pickerModel) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it.name), q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, p.last())
}

// current is the item under the cursor, nil when none is shown.
func (p *pickerModel) current() *pickItem {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return nil
	}
	return &p.items[p.shown[p.cursor]]
}

// checked returns the checked items, in list order.
func (p pickerModel) checked() []pickItem {
	var out []pickItem
	for _, it := range p.items {
		if it.checked {
			out = append(out, it)
		}
	}
	return out
}

// choice is the one item chosen, or the typed name when allowNew and the
// filter matches nothing.
func (p pickerModel) choice() (pickItem, bool) {
	if c := p.current(); c != nil {
		return *c, true
	}
	if typed := p.typed(); typed != "" {
		return pickItem{name: typed}, true
	}
	return pickItem{}, false
}

// withTime gives the picker a time field, filled with now.
func (p *pickerModel) withTime(e *env, label string) {
	f := atField(e, label)
	f.input = newInput("")
	f.input.CharLimit = 40
	f.input.SetValue(f.value)
	f.input.CursorEnd()
	p.at = &f
}

// when is the picker's time: the zero time (now) when its field was left
// as it was filled.
func (p pickerModel) when(loc *time.Location) (time.Time, error) {
	if p.at == nil {
		return time.Time{}, nil
	}
	return fieldTime(*p.at, loc)
}

// focusAt moves the keyboard to the time field (on) or back to the list.
func (p *pickerModel) focusAt(on bool) {
	p.onAt = on
	if on {
		p.filtering = false
		p.filter.Blur()
		p.at.input.Focus()
	} else {
		p.at.input.Blur()
	}
}

func (p pickerModel) update(e *env, msg tea.KeyPressMsg, rows int) (pickerModel, formResult) {
	k := &e.keys
	if p.at != nil && key.Matches(msg, k.EditTime, k.PrevField) && msg.String() != "up" && msg.String() != "down" {
		p.focusAt(!p.onAt)
		return p, formKeep
	}
	if p.onAt {
		switch {
		case key.Matches(msg, k.Submit):
			return p, formSubmit
		case key.Matches(msg, k.Cancel):
			return p, formCancel
		}
		p.at.input, _ = p.at.input.Update(msg)
		p.err = ""
		return p, formKeep
	}
	if p.filtering {
		switch {
		case key.Matches(msg, k.Submit):
			p.filtering = false
			p.filter.Blur()
			if !p.multi {
				return p, formSubmit
			}
			return p, formKeep
		case key.Matches(msg, k.Cancel):
			p.filtering = false
			p.filter.Blur()
			p.filter.SetValue("")
			p.refilter()
			return p, formKeep
		case msg.String() == "up" || msg.String() == "down":
			return p.move(msg, rows), formKeep
		case p.multi && msg.String() == "space":
			p.toggle()
			return p, formKeep
		case p.channels && (msg.String() == "left" || msg.String() == "right"):
			if c := p.current(); c != nil {
				c.channel = cycleChannel(c.channel, msg.String() == "right")
			}
			return p, formKeep
		}
		p.filter, _ = p.filter.Update(msg)
		p.refilter()
		return p, formKeep
	}
	switch {
	case key.Matches(msg, k.Submit):
		return p, formSubmit
	case key.Matches(msg, k.Cancel) && p.filter.Value() != "":
		p.filter.SetValue("") // esc clears the filter first, keeping the checks
		p.refilter()
	case key.Matches(msg, k.Cancel):
		return p, formCancel
	case key.Matches(msg, k.Search):
		p.filtering = true
		p.filter.Focus()
	case p.multi && key.Matches(msg, k.Toggle):
		p.toggle()
	case p.channels && key.Matches(msg, k.ChannelRight, k.ChannelLeft):
		if c := p.current(); c != nil {
			c.channel = cycleChannel(c.channel, key.Matches(msg, k.ChannelRight))
		}
	default:
		return p.move(msg, rows), formKeep
	}
	return p, formKeep
}

func (p pickerModel) move(msg tea.KeyPressMsg, rows int) pickerModel {
	switch msg.String() {
	case "down", "j", "ctrl+n":
		p.cursor++
	case "up", "k", "ctrl+p":
		p.cursor--
	case "pgdown", "ctrl+f":
		p.cursor += rows
	case "pgup", "ctrl+b":
		p.cursor -= rows
	case "g", "home":
		p.cursor = 0
	case "G", "end":
		p.cursor = p.last()
	}
	p.cursor = min(max(p.cursor, 0), p.last())
	p.top = followTop(p.top, p.cursor, rows)
	return p
}

func (p *pickerModel) paste(msg tea.PasteMsg) {
	if p.onAt {
		p.at.input, _ = p.at.input.Update(msg)
		return
	}
	if p.filtering {
		p.filter, _ = p.filter.Update(msg)
		p.refilter()
	}
}

// cycleChannel is the next (or previous) delivery channel after c.
func cycleChannel(c store.Channel, forward bool) store.Channel {
	n := len(store.Channels)
	for i, x := range store.Channels {
		if x == c {
			if forward {
				return store.Channels[(i+1)%n]
			}
			return store.Channels[(i-1+n)%n]
		}
	}
	return store.Channels[0]
}

// rows is how many items the picker shows in h lines.
func (p *pickerModel) rows(h int) int {
	if p.at != nil {
		h -= 2
	}
	return max(h-5, 1)
}

func (p pickerModel) view(st *styles, t *Text, w, h int) string {
	var b strings.Builder
	head := p.title
	if p.multi {
		head += "  " + t.T("picker.checked", len(p.checked()))
	}
	b.WriteString(st.heading.Render(truncate(head, w)) + "\n")
	if p.filtering || p.filter.Value() != "" {
		in := p.filter
		in.SetStyles(st.input)
		in.SetWidth(max(w-3, 1))
		b.WriteString(in.View() + "\n")
	} else {
		b.WriteString(st.dim.Render(truncate(t.T("picker.hint"), w)) + "\n")
	}
	rows := p.rows(h)
	top := followTop(p.top, p.cursor, rows)
	chW := 0
	if p.channels {
		chW = 10
	}
	for i := top; i < min(top+rows, len(p.shown)); i++ {
		it := p.items[p.shown[i]]
		box := ""
		if p.multi {
			box = "[ ] "
			if it.checked {
				box = "[x] "
			}
		}
		name := it.name
		if it.note != "" {
			name += "  " + it.note
		}
		line := box + cell(name, w-len([]rune(box))-chW-1)
		if p.channels {
			line += " " + cell(t.Channel(it.channel), chW)
		}
		switch {
		case i == p.cursor:
			line = st.selected.Render(line)
		case it.checked:
			line = st.key.Render(line)
		default:
			line = st.row.Render(line)
		}
		b.WriteString(line + "\n")
	}
	if typed := p.typed(); typed != "" {
		line := cell("+ "+t.T("picker.new", typed), w)
		if p.cursor == len(p.shown) {
			line = st.selected.Render(line)
		} else {
			line = st.dim.Render(line)
		}
		b.WriteString(line + "\n")
	} else if len(p.shown) == 0 {
		b.WriteString(st.dim.Render(truncate(t.T("picker.none"), w)) + "\n")
	}
	if p.at != nil {
		label, in := st.label.Render(p.at.label), p.at.input
		if p.onAt {
			label = st.key.Render("› " + p.at.label)
		}
		in.SetStyles(st.input)
		in.SetWidth(max(w-lipgloss.Width(label)-3, 8))
		b.WriteString("\n" + label + "  " + in.View() + "\n")
		b.WriteString(st.dim.Render(truncate(p.at.hint, w)) + "\n")
	}
	if p.err != "" {
		lines := wrapLines(p.err, w)
		for i := range lines {
			lines[i] = st.errLine.Render(lines[i])
		}
		b.WriteString(strings.Join(lines, "\n"))
	}
	return b.String()
}

// toggle checks or unchecks the item under the cursor.
func (p *pickerModel) toggle() {
	if c := p.current(); c != nil {
		c.checked = !c.checked
		p.err = ""
	}
}

// typed is the name typed in the filter when it may be a new choice: a
// picker that allows new names, a filter that names no item exactly.
func (p *pickerModel) typed() string {
	if !p.allowNew {
		return ""
	}
	name := strings.Join(strings.Fields(p.filter.Value()), " ")
	for _, it := range p.items {
		if strings.EqualFold(it.name, name) {
			return ""
		}
	}
	return name
}

// last is the last cursor position: the new-name row after the items
// when there is one.
func (p *pickerModel) last() int {
	if p.typed() != "" {
		return len(p.shown)
	}
	return max(len(p.shown)-1, 0)
}
