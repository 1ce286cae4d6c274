package tui

import (
	"fmt"
	"sanapati-desk/store"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
)

// The block above the Letter screen's text: the heading with the clock,
// the facts of the letter, its attachments and its warnings.

// infoLines is how many lines info draws.
func (m *letterModel) infoLines() int {
	n := 1 + len(m.facts(nil))
	if m.msg != nil && len(m.msg.Attachments) > 0 {
		n++
	}
	for _, b := range m.banners(nil) {
		n += len(m.bannerLines(b, m.w-m.panelWidth()-1))
	}
	return n
}

// bannerLines is a warning wrapped to w cells, two lines at most: a long
// sentence (why an attached letter cannot be read) is not cut mid-word.
func (m *letterModel) bannerLines(b banner, w int) []string {
	lines := wrapLines(b.text, max(w, 10))
	if len(lines) > 2 {
		lines = append(lines[:1], truncate(strings.Join(lines[1:], " "), w))
	}
	return lines
}

// facts are the labelled rows under the letter's heading: who, what, when
// it arrived (marked when estimated), and, once recorded, why it is late
// and which letter it duplicates.
func (m *letterModel) facts(e *env) [][2]string {
	l := m.l
	received, format := "", store.DefaultAgendaFormat
	if e != nil {
		received = e.t.DateTime(l.ReceivedAt.In(e.db.Calendar().Location()))
		format = e.agendaFormat
	}
	if l.ReceivedEstimated {
		received += " " + tr(e, "letter.estimated")
	}
	rows := [][2]string{
		{tr(e, "hdr.from"), l.From},
		{tr(e, "hdr.subject"), l.Subject},
		{tr(e, "hdr.received"), received},
	}
	for _, f := range [][2]string{
		{"hdr.courier", l.Courier}, {"hdr.location", l.ArchiveLocation}, {"hdr.remarks", l.Remarks},
		{"hdr.late_reason", l.LateReason}, {"hdr.undo", m.undoReason()},
	} {
		if f[1] != "" {
			rows = append(rows, [2]string{tr(e, f[0]), f[1]})
		}
	}
	if !l.DuplicateOf.IsZero() {
		rows = append(rows, [2]string{tr(e, "hdr.duplicate"), tr(e, "letter.duplicate_of", l.DuplicateOf.Format(format))})
	}
	return rows
}

// info is the block above the body: who, what, when, the clock, the
// attachments, and any warning.
func (m *letterModel) info(e *env, st *styles, now time.Time, w int) []string {
	t, l := e.t, m.l
	loc := e.db.Calendar().Location()
	row := func(label, value string) string {
		return st.label.Render(cell(label, 9)) + st.value.Render(truncate(value, max(w-9, 1)))
	}
	short := fmt.Sprintf("#%d", l.ID)
	if !l.Agenda.IsZero() {
		short += " · " + l.Agenda.Format(e.agendaFormat)
	}
	head := short + " · " + t.Stage(l.Stage)
	left, late := timeLeft(t, l, e.db.Calendar(), now)
	if !late && l.DoneAt.IsZero() && l.Stage != store.StageSetAside {
		left = t.T("letter.left", left)
	}
	tm := l.Timing(e.db.Calendar(), now)
	due := t.ShortDateTime(tm.Due.In(loc))
	if tm.Estimated {
		due += " " + t.T("letter.estimated")
	}
	// The due time matters most: where the line is short, the stage goes
	// first (the step panel shows it), then the time left.
	clock := t.T("letter.due", left, due)
	fits := func(h, c string) bool { return lipgloss.Width(h)+2+lipgloss.Width(c) <= w }
	switch {
	case fits(head, clock):
	case fits(short, clock):
		head = short
	default:
		head, clock = short, t.T("letter.due_only", due)
	}
	room := max(w-lipgloss.Width(head)-2, 1)
	clockStyle := st.dim
	if late {
		clockStyle = st.overdue
	}
	lines := []string{st.heading.Render(head) + "  " + clockStyle.Render(truncate(clock, room))}
	for _, f := range m.facts(e) {
		lines = append(lines, row(f[0], f[1]))
	}
	if m.msg != nil && len(m.msg.Attachments) > 0 {
		var parts []string
		for i, a := range m.msg.Attachments {
			p := fmt.Sprintf("%d) %s %s", i+1, a.Name, t.Size(a.Size))
			if i == m.file {
				p = "[" + p + "]"
			}
			parts = append(parts, p)
		}
		lines = append(lines, row(t.T("hdr.files"), strings.Join(parts, "  ")))
	}
	for _, b := range m.banners(e) {
		for _, l := range m.bannerLines(b, w) {
			lines = append(lines, b.style(st).Render(l))
		}
	}
	return lines
}

// banner is a warning line of the Letter screen.
type banner struct {
	text string
	stop bool
}

func (b banner) style(st *styles) lipgloss.Style {
	if b.stop {
		return st.stop
	}
	return st.warn
}

// banners are the letter's warnings: a classification that stops it or
// asks for care, a set-aside reason, a message that could not be read.
func (m *letterModel) banners(e *env) []banner {
	if e == nil && m.t != nil {
		e = &env{t: m.t} // the words only, to count the lines they take
	}
	var out []banner
	class := m.class()
	switch {
	case m.l.Stage == store.StageSetAside:
		out = append(out, banner{text: tr(e, "letter.set_aside", m.l.SetAsideReason)})
	case m.l.ClassPending:
		out = append(out, banner{text: tr(e, "letter.class_pending"), stop: true})
	case class.Classified() && store.Allowed(store.ActionSetAside, m.l.Stage):
		name := string(class)
		if e != nil {
			name = e.t.Class(class)
		}
		out = append(out, banner{text: tr(e, "letter.classified", name), stop: true})
	case class == store.ClassRestricted && m.l.Agenda.IsZero():
		out = append(out, banner{text: tr(e, "letter.restricted")})
	}
	if m.late {
		out = append(out, banner{text: tr(e, "late.offer")})
	}
	if m.l.ParseProblem != "" {
		out = append(out, banner{text: tr(e, "letter.parse_problem")})
	}
	if m.readErr != nil && m.l.Agenda.IsZero() {
		text := "letter.read_failed"
		if e != nil {
			text = e.t.Sentence(m.readErr)
		}
		out = append(out, banner{text: text})
	}
	return out
}

// tr is e.t.T, or the key when there is no env (counting lines only).
func tr(e *env, k string, args ...any) string {
	if e == nil {
		return k
	}
	return e.t.T(k, args...)
}

// class is the letter's security class: as registered, else as the
// message says.
// sealed says why the letter's text is not opened at the desk (classified
// R or SR, or its class still being read), nil when it may be.
func (m *letterModel) sealed() error {
	if c := m.class(); c.Classified() {
		return &store.Error{Code: store.ErrClassified, Subject: string(c)}
	}
	return m.l.Sealed()
}

func (m *letterModel) class() store.SecurityClass {
	if m.l.Class != "" {
		return m.l.Class
	}
	return m.prop.Class
}
