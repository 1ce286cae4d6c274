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
		// classified letter's attachments are not opened at the desk, nor
		// those of one whose class is still being read.
		var prop mail.LetterProposal
		var errs []error
		texts := map[int]*store.AttachmentText{}
		if l.Sealed() != nil {
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
	if m.prop.Letter >= 0 || !m.l.Agenda.IsZero() || m.sealed() != nil || m.att.reading >= 0 || m.readErr != nil {
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
