package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// styles holds every style the screens use. It is built once by newStyles,
// and again only when the terminal reports its background, so that colours
// read well on light and dark terminals; View never builds a style.
type styles struct {
	bar, tab, tabActive, clock lipgloss.Style

	heading, label, value, dim, key lipgloss.Style
	header, row, selected           lipgloss.Style

	overdue, warn, good, stop lipgloss.Style
	status, errLine, notice   lipgloss.Style

	stepDone, stepNext, stepTodo lipgloss.Style
	panel, box                   lipgloss.Style

	help  help.Styles
	input textinput.Styles
}

// palette is the few colours the desk uses, each a light and a dark variant.
type palette struct {
	accent, text, subtle, faint, red, amber, green, barBg color.Color
}

func newPalette(dark, noColor bool) palette {
	if noColor {
		nc := lipgloss.NoColor{}
		return palette{nc, nc, nc, nc, nc, nc, nc, nc}
	}
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	return palette{
		accent: ld(c("#1F5FAD"), c("#7AB8FF")),
		text:   ld(c("#1A1A1A"), c("#E6E6E6")),
		subtle: ld(c("#555555"), c("#A8A8A8")),
		faint:  ld(c("#8A8A8A"), c("#6E6E6E")),
		red:    ld(c("#B3261E"), c("#FF6B60")),
		amber:  ld(c("#8A5A00"), c("#F2C14E")),
		green:  ld(c("#1B6E2E"), c("#6BD48A")),
		barBg:  ld(c("#DCE6F2"), c("#23324A")),
	}
}

// newStyles builds the styles for a dark or light background. With noColor
// (NO_COLOR is set) no colour is used at all: emphasis is bold, underline and
// reverse video, and every state also shows as text.
func newStyles(dark, noColor bool) styles {
	p := newPalette(dark, noColor)
	ns := lipgloss.NewStyle
	s := styles{
		bar:       ns().Background(p.barBg).Foreground(p.text),
		tab:       ns().Background(p.barBg).Foreground(p.subtle).Padding(0, 1),
		tabActive: ns().Background(p.accent).Foreground(p.barBg).Bold(true).Padding(0, 1),
		clock:     ns().Background(p.barBg).Foreground(p.subtle).Padding(0, 1),

		heading:  ns().Foreground(p.accent).Bold(true),
		label:    ns().Foreground(p.subtle),
		value:    ns().Foreground(p.text),
		dim:      ns().Foreground(p.faint),
		key:      ns().Foreground(p.accent).Bold(true),
		header:   ns().Foreground(p.subtle).Bold(true).Underline(true),
		row:      ns().Foreground(p.text),
		selected: ns().Reverse(true).Bold(true),

		overdue: ns().Foreground(p.red).Bold(true),
		warn:    ns().Foreground(p.amber).Bold(true),
		good:    ns().Foreground(p.green),
		stop:    ns().Foreground(p.red).Bold(true).Reverse(true),

		status:  ns().Foreground(p.subtle),
		errLine: ns().Foreground(p.red).Bold(true),
		notice:  ns().Foreground(p.green),

		stepDone: ns().Foreground(p.green),
		stepNext: ns().Foreground(p.accent).Bold(true),
		stepTodo: ns().Foreground(p.faint),
		panel:    ns().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(p.faint).PaddingLeft(1),
		box:      ns().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),
	}
	if noColor {
		s.tab = ns().Padding(0, 1)
		s.tabActive = ns().Reverse(true).Bold(true).Padding(0, 1)
		s.bar, s.clock = ns(), ns().Padding(0, 1)
	}
	s.help = help.Styles{
		ShortKey:       ns().Foreground(p.subtle).Bold(true),
		ShortDesc:      ns().Foreground(p.faint),
		ShortSeparator: ns().Foreground(p.faint),
		Ellipsis:       ns().Foreground(p.faint),
		FullKey:        ns().Foreground(p.accent).Bold(true),
		FullDesc:       ns().Foreground(p.text),
		FullSeparator:  ns().Foreground(p.faint),
	}
	s.input = textinput.DefaultStyles(dark)
	s.input.Cursor.Blink = false // a steady cursor: calmer, and the same in every frame
	if noColor {
		s.input.Focused = textinput.StyleState{Text: ns(), Placeholder: ns(), Suggestion: ns(), Prompt: ns()}
		s.input.Blurred = s.input.Focused
		s.input.Cursor.Color = lipgloss.NoColor{}
	} else {
		s.input.Focused.Prompt = ns().Foreground(p.accent)
		s.input.Focused.Placeholder = ns().Foreground(p.faint)
		s.input.Blurred.Placeholder = ns().Foreground(p.faint)
	}
	return s
}
