package tui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// The attached letter on the Letter screen: v switches the text pane
// between the e-mail's body and the text of each PDF attachment, read in
// the background (pdftotext, or Tesseract for a scan) and kept in the
// store, so that a key is never held by a reading and a second look is
// instant.

// attachTextMsg is the text of one attachment, read for letter id (seq is
// the reading asked for); prop is the proposal made again when the text
// is new to the proposal (a scan read by OCR).
type attachTextMsg struct {
	id, seq uint64
	index   int
	text    *store.AttachmentText
	prop    *mail.LetterProposal
	err     error
}

// attachView is the attachment text state of one Letter screen.
type attachView struct {
	// shown is the attachment whose text the pane shows, -1 for the body.
	shown int
	texts map[int]*store.AttachmentText
	errs  map[int]error
	// reading is the attachment being read, -1 when none is; readSeq the
	// last reading asked for, cancel stops it.
	reading int
	readSeq uint64
	cancel  context.CancelFunc
}

func newAttachView() attachView {
	return attachView{shown: -1, reading: -1, texts: map[int]*store.AttachmentText{}, errs: map[int]error{}}
}

// stop cancels a reading in flight.
func (a *attachView) stop() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
	a.reading = -1
}

// pdfs are the indexes of the letter's PDF attachments.
func (m *letterModel) pdfs() []int {
	if m.msg == nil {
		return nil
	}
	return mail.PDFAttachments(m.msg)
}

// switchText shows the next of: the body, then each PDF attachment's
// text. A letter classified R or SR is not opened at the desk: the key is
// refused with the store's sentence, as the command line's show --text is.
func (m *letterModel) switchText(e *env) tea.Cmd {
	pdfs := m.pdfs()
	if len(pdfs) == 0 {
		if m.att.shown >= 0 {
			m.att.shown = -1
			m.refreshText(e)
			return nil
		}
		return failNow(errNoPDF)
	}
	if err := m.sealed(); err != nil {
		return failNow(err)
	}
	next := pdfs[0]
	if m.att.shown >= 0 {
		next = -1
		for i, p := range pdfs {
			if p == m.att.shown && i+1 < len(pdfs) {
				next = pdfs[i+1]
			}
		}
	}
	m.att.shown = next
	m.scroll = 0
	var cmd tea.Cmd
	if next >= 0 {
		m.file = next
		if _, ok := m.att.texts[next]; !ok && m.att.reading != next {
			cmd = m.readText(e, next, letter.DefaultPages)
		}
	}
	m.refreshText(e)
	return cmd
}

// morePages reads the next pages of the attachment shown, when it has
// more than were read (a long PDF is read a few pages at a time).
func (m *letterModel) morePages(e *env) tea.Cmd {
	t, ok := m.att.texts[m.att.shown]
	if m.att.shown < 0 || !ok || t.Complete() || m.att.reading >= 0 {
		return nil
	}
	cmd := m.readText(e, m.att.shown, len(t.Pages)+letter.DefaultPages)
	m.refreshText(e)
	return cmd
}

// readText reads pages of attachment index in the background. A scan
// read by OCR changes what the letter proposes, so the proposal is made
// again from the text read.
func (m *letterModel) readText(e *env, index, pages int) tea.Cmd {
	m.att.stop()
	ctx, cancel := context.WithCancel(context.Background())
	m.att.cancel, m.att.reading = cancel, index
	db, id := e.db, m.l.ID
	seq := loadSeq.Add(1)
	m.att.readSeq = seq
	return func() (msg tea.Msg) {
		defer cancel()
		defer func() {
			if r := recover(); r != nil {
				msg = attachTextMsg{id: id, seq: seq, index: index, err: &panicError{value: r, stack: debug.Stack()}}
			}
		}()
		out := attachTextMsg{id: id, seq: seq, index: index}
		raw, err := db.Raw(id)
		if err != nil {
			out.err = err
			return out
		}
		out.text, out.err = mail.ReadAttachment(ctx, db, id, raw, index, letter.Options{Pages: pages})
		if out.err == nil && out.text.Source == letter.SourceOCR {
			if p, errs := mail.ProposeFor(ctx, db, id, false); len(errs) == 0 {
				out.prop = &p
			}
		}
		return out
	}
}

// textRead takes an attachment's text read in the background; when it
// was not the letter, the next scan is read.
func (m letterModel) textRead(e *env, msg attachTextMsg) (letterModel, tea.Cmd) {
	if m.l == nil || msg.id != m.l.ID || msg.seq != m.att.readSeq {
		return m, nil
	}
	m.att.reading, m.att.cancel = -1, nil
	switch {
	case errors.Is(msg.err, context.Canceled):
		// Stopped (the letter was left): nothing was learnt, and the
		// next look reads it again.
	case msg.err != nil:
		m.att.errs[msg.index] = msg.err
		if m.readErr == nil {
			m.readErr = msg.err // said on the letter too (no Tesseract, a broken scan)
		}
	default:
		delete(m.att.errs, msg.index)
		m.att.texts[msg.index] = msg.text
	}
	if msg.prop != nil {
		m.prop = *msg.prop
		if m.form != nil && m.form.kind == formRegister && m.prop.Letter >= 0 {
			// The form was filled before the scan was read: say how to
			// have it filled again, rather than change what is typed.
			m.form.note = e.t.T("register.ocr_done")
		}
	}
	m.refreshText(e)
	return m, m.readScan(e)
}

// refreshText draws the text pane again with what it now holds.
func (m *letterModel) refreshText(e *env) {
	m.wrapW = 0
	m.rewrap(e)
}

// attachmentText is the pane's text for the attachment shown: a heading
// naming it (and OCR), its pages each under a page mark, and what is
// still being read or could not be read.
func (m *letterModel) attachmentText(e *env) string {
	t, i := e.t, m.att.shown
	var b strings.Builder
	name := ""
	if i < len(m.msg.Attachments) {
		name = m.msg.Attachments[i].Name
	}
	if txt, ok := m.att.texts[i]; ok {
		how := ""
		if txt.Source == letter.SourceOCR {
			how = t.T("letter.ocr")
		}
		fmt.Fprintln(&b, t.T("letter.text_heading", i+1, name, how, len(txt.Pages), txt.PageCount))
		if len(txt.Pages) == 0 {
			fmt.Fprintln(&b, "\n"+t.T("letter.text_empty"))
		}
		for n, p := range txt.Pages {
			fmt.Fprintln(&b, "\n"+t.T("letter.page", n+1))
			fmt.Fprintln(&b, strings.TrimRight(p, "\n "))
		}
		if !txt.Complete() && m.att.reading != i {
			fmt.Fprintln(&b, "\n"+t.T("letter.more_pages", txt.PageCount-len(txt.Pages)))
		}
	} else {
		fmt.Fprintln(&b, t.T("letter.text_heading_unread", i+1, name))
	}
	if m.att.reading == i {
		fmt.Fprintln(&b, "\n"+t.T("letter.reading"))
	}
	if err, ok := m.att.errs[i]; ok {
		fmt.Fprintln(&b, "\n"+t.Sentence(err))
	}
	return b.String()
}
