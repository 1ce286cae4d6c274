package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// pickItem is one choice of a picker.
type pickItem struct {
	name, note string
	channel    store.Channel
	checked    bool
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
	p.cursor = min(p.cursor, max(len(p.shown)-1, 0))
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
	if typed := strings.Join(strings.Fields(p.filter.Value()), " "); p.allowNew && typed != "" {
		return pickItem{name: typed}, true
	}
	return pickItem{}, false
}

func (p pickerModel) update(e *env, msg tea.KeyPressMsg, rows int) (pickerModel, formResult) {
	k := &e.keys
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
		}
		p.filter, _ = p.filter.Update(msg)
		p.refilter()
		return p, formKeep
	}
	switch {
	case key.Matches(msg, k.Submit):
		return p, formSubmit
	case key.Matches(msg, k.Cancel):
		return p, formCancel
	case key.Matches(msg, k.Search):
		p.filtering = true
		p.filter.Focus()
	case p.multi && key.Matches(msg, k.Toggle):
		if c := p.current(); c != nil {
			c.checked = !c.checked
			p.err = ""
		}
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
		p.cursor = len(p.shown) - 1
	}
	p.cursor = min(max(p.cursor, 0), max(len(p.shown)-1, 0))
	p.top = followTop(p.top, p.cursor, rows)
	return p
}

func (p *pickerModel) paste(msg tea.PasteMsg) {
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

// pickerRows is how many items a picker shows in h lines.
func pickerRows(h int) int { return max(h-5, 1) }

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
	rows := pickerRows(h)
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
	if len(p.shown) == 0 {
		msg := t.T("picker.none")
		if p.allowNew && p.filter.Value() != "" {
			msg = t.T("picker.new", strings.TrimSpace(p.filter.Value()))
		}
		b.WriteString(st.dim.Render(truncate(msg, w)) + "\n")
	}
	if p.err != "" {
		b.WriteString(st.errLine.Render(truncate(p.err, w)))
	}
	return b.String()
}
