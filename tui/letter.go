package tui

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// letterMsg is a letter loaded for the Letter screen: its record, the
// steps that stand with their events, the message as read, what it
// proposes for the agenda book, and the directory its steps pick from.
type letterMsg struct {
	id, seq uint64
	err     error
	l       *store.Letter
	done    map[store.Action]store.Event
	msg     *mail.Message
	prop    mail.LetterProposal
	// readErrs are what kept the attached letters from being read for
	// the proposal (a broken or locked PDF).
	readErrs []error
	// texts are the attachments' texts kept in the store.
	texts  map[int]*store.AttachmentText
	dir    *store.Directory
	late   bool
	events []store.Event
}

// letterModel is the Letter screen: the message, safely shown, and its
// journey through the eleven steps, each a key away.
type letterModel struct {
	l     *store.Letter
	done  map[store.Action]store.Event
	msg   *mail.Message
	prop  mail.LetterProposal
	dir   *store.Directory
	ready bool
	// att is the attached letters' text (v shows it); readErr says why an
	// attached letter could not be read for the proposal.
	att     attachView
	readErr error
	// late says the letter is overdue and its reason may be recorded.
	late bool
	// events are the letter's audit trail; history says the history view
	// shows them, scrolled to histScroll.
	events     []store.Event
	history    bool
	histScroll int

	lines  []string // the body, wrapped to wrapW
	wrapW  int
	scroll int
	file   int // the attachment [ and ] select
	w, h   int

	// t is the catalogue, kept for counting the lines of the warnings
	// where no env is at hand.
	t *Text

	// busy is true while a step runs, loading while the letter is read
	// (seq is the last read asked for): keys wait for both.
	busy    bool
	loading bool
	seq     uint64
	form    *formModel
	picker  *pickerModel
	// deliverTo is the recipient the deliver form is for.
	deliverTo store.Recipient
}

func newLetter(l *store.Letter) letterModel {
	cp := *l
	return letterModel{l: &cp, att: newAttachView()}
}

// loadSeq numbers the reads of a letter, so that an answer to an older
// one (read before the last step) is dropped.
var loadSeq atomic.Uint64

func (m *letterModel) load(e *env, id uint64) tea.Cmd {
	db := e.db
	seq := loadSeq.Add(1)
	m.seq, m.loading, m.t = seq, true, e.t
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = letterMsg{id: id, seq: seq, err: &panicError{value: r, stack: debug.Stack()}}
			}
		}()
		fail := func(err error) tea.Msg { return letterMsg{id: id, seq: seq, err: err} }
		l, err := db.Letter(id)
		if err != nil {
			return fail(err)
		}
		evs, err := db.Events(id)
		if err != nil {
			return fail(err)
		}
		raw, err := db.Raw(id)
		if err != nil {
			return fail(err)
		}
		dir, err := db.Directory()
		if err != nil {
			return fail(err)
		}
		read := mail.Read(raw)
		cleanLetter(l)
		// The attached letter proposes the fields (its text layer; a scan
		// is read by OCR once the screen shows, in the background). A
		// classified letter's attachments are not opened at the desk.
		var prop mail.LetterProposal
		var errs []error
		texts := map[int]*store.AttachmentText{}
		if l.Class.Classified() {
			prop = mail.ProposeLetter(read, nil, dir, db.Calendar().Location())
		} else {
			prop, errs = mail.ProposeMessage(context.Background(), db, id, raw, read, dir, false)
			for _, i := range mail.PDFAttachments(read) {
				if t, ok, err := db.AttachmentText(id, i); err == nil && ok {
					texts[i] = t
				}
			}
		}
		return letterMsg{id: id, seq: seq, l: l, done: standing(evs), events: evs, msg: read, prop: prop, readErrs: errs, dir: dir,
			texts: texts, late: lateUnexplained(e, l, db.Now())}
	}
}

// standing returns, for each action, the last event of it that no undo
// took back.
func standing(evs []store.Event) map[store.Action]store.Event {
	var stack []store.Event
	for _, e := range evs {
		switch {
		case e.Action == store.ActionUndo:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case e.Action != store.ActionReceive && e.Action != store.ActionDirectory:
			stack = append(stack, e)
		}
	}
	out := map[store.Action]store.Event{}
	for _, e := range stack {
		out[e.Action] = e
	}
	return out
}

// loaded takes a letter read for the screen. An attached letter that is
// a scan, on a letter not yet registered, is read by OCR in the
// background at once, so that its fields are proposed by the time the
// operator registers it.
func (m letterModel) loaded(e *env, msg letterMsg) (letterModel, tea.Cmd) {
	if m.l == nil || msg.id != m.l.ID || msg.seq != m.seq {
		return m, nil
	}
	m.loading = false
	if msg.err != nil {
		return m, nil
	}
	m.l, m.done, m.msg, m.prop, m.dir, m.ready = msg.l, msg.done, msg.msg, msg.prop, msg.dir, true
	m.late, m.events = msg.late, msg.events
	m.readErr = nil
	if len(msg.readErrs) > 0 {
		m.readErr = msg.readErrs[0]
	}
	for i, t := range msg.texts {
		if _, ok := m.att.texts[i]; !ok {
			m.att.texts[i] = t
		}
	}
	// A reading that failed in the background (no Tesseract) is still
	// said after the letter is read again.
	for _, i := range m.pdfs() {
		if err, ok := m.att.errs[i]; ok && m.readErr == nil {
			m.readErr = err
		}
	}
	m.file = min(m.file, max(len(m.msg.Attachments)-1, 0))
	m.refreshText(e)
	return m, m.readScan(e)
}

// readScan starts reading by OCR the first attached letter that gave no
// text, when the letter still waits for its registration and nothing is
// being read.
func (m *letterModel) readScan(e *env) tea.Cmd {
	if m.prop.Letter >= 0 || !m.l.Agenda.IsZero() || m.class().Classified() || m.att.reading >= 0 || m.readErr != nil {
		return nil
	}
	for _, i := range m.pdfs() {
		if _, tried := m.att.errs[i]; tried {
			continue
		}
		if _, ok := m.att.texts[i]; !ok {
			return m.readText(e, i, letter.DefaultPages)
		}
	}
	return nil
}

func (m *letterModel) resize(w, h int) {
	m.w, m.h = w, h
}

// panelWidth is the width of the step panel at the right.
func (m *letterModel) panelWidth() int {
	if m.w >= 110 {
		return 42
	}
	return 32
}

// rewrap wraps the body to the text pane's width when it changed.
func (m *letterModel) rewrap(e *env) {
	w := m.w - m.panelWidth() - 1
	if m.msg == nil || w == m.wrapW {
		return
	}
	m.wrapW = w
	t := e.t
	var b strings.Builder
	for _, h := range [][2]string{{t.T("hdr.to"), m.msg.To}, {t.T("hdr.cc"), m.msg.Cc}, {t.T("hdr.date"), t.DateTime(m.msg.Date)}} {
		if h[1] != "" && h[1] != "-" {
			fmt.Fprintf(&b, "%s: %s\n", h[0], h[1])
		}
	}
	for _, p := range m.msg.Problems {
		fmt.Fprintf(&b, "%s: %s\n", t.T("letter.problem"), p)
	}
	if m.att.shown >= 0 {
		b.Reset()
		b.WriteString(m.attachmentText(e))
	} else {
		b.WriteString("\n" + mail.Reflow(m.msg.Text))
	}
	m.lines = wrapLines(b.String(), w)
	m.scroll = min(m.scroll, max(len(m.lines)-1, 0))
}

// bodyRows is how many lines of the body show under the info block.
func (m *letterModel) bodyRows() int { return max(m.h-m.infoLines()-1, 1) }

// update takes a key on the Letter screen; back is true when esc leaves it.
func (m letterModel) update(e *env, msg tea.KeyPressMsg) (letterModel, tea.Cmd, bool) {
	switch {
	case m.picker != nil:
		return m.pickerKey(e, msg)
	case m.form != nil:
		return m.formKey(e, msg)
	case m.history:
		return m.historyKey(e, msg), nil, false
	}
	k := &e.keys
	rows := m.bodyRows()
	switch {
	case key.Matches(msg, k.Back):
		m.att.stop()
		return m, nil, true
	case key.Matches(msg, k.ViewText):
		return m, m.switchText(e), false
	case key.Matches(msg, k.Down):
		m.scrollBy(1)
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.PageDown):
		m.scrollBy(rows - 1)
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-(rows - 1))
	case key.Matches(msg, k.Top):
		m.scroll = 0
	case key.Matches(msg, k.Bottom):
		m.scrollBy(len(m.lines))
		return m, m.morePages(e), false
	case key.Matches(msg, k.NextFile):
		m.pickFile(1)
	case key.Matches(msg, k.PrevFile):
		m.pickFile(-1)
	case key.Matches(msg, k.OpenFile, k.SaveFile, k.SaveAll):
		return m, m.attachmentCmd(e, msg), false
	case key.Matches(msg, k.History):
		m.history, m.histScroll = true, 0
	default:
		return m.stepKey(e, msg)
	}
	return m, nil, false
}

func (m *letterModel) scrollBy(n int) {
	m.scroll = min(max(m.scroll+n, 0), max(len(m.lines)-m.bodyRows(), 0))
}

func (m *letterModel) pickFile(d int) {
	if m.msg == nil || len(m.msg.Attachments) == 0 {
		return
	}
	n := len(m.msg.Attachments)
	m.file = (m.file + d + n) % n
}

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
func (m *letterModel) class() store.SecurityClass {
	if m.l.Class != "" {
		return m.l.Class
	}
	return m.prop.Class
}

func (m letterModel) view(e *env, st *styles, now time.Time, w, h int) string {
	if m.l == nil {
		return ""
	}
	pw := m.panelWidth()
	lw := w - pw - 1
	var left string
	switch {
	case m.picker != nil:
		left = m.picker.view(st, e.t, lw, h)
	case m.form != nil:
		left = m.form.view(st, e.t, lw, h)
	case m.history:
		left = m.historyView(e, st, lw, h)
	default:
		info := m.info(e, st, now, lw)
		rows := max(h-len(info)-1, 1)
		body := st.dim.Render(strings.Repeat("─", lw))
		if !m.ready {
			body += "\n" + st.dim.Render(e.t.T("list.loading"))
		}
		for i := m.scroll; i < min(m.scroll+rows, len(m.lines)); i++ {
			body += "\n" + m.lines[i]
		}
		left = strings.Join(info, "\n") + "\n" + body
	}
	return sideBySide(left, st.panel.Render(fit(m.stepPanel(e, st, pw-2, h), pw-2, h)), lw+1, pw, h)
}

// undoReason is the reason of the last step taken back, "" when none was.
func (m *letterModel) undoReason() string {
	for i := len(m.events) - 1; i >= 0; i-- {
		if m.events[i].Action == store.ActionUndo {
			return mail.SanitizeLine(m.events[i].Reason)
		}
	}
	return ""
}
