package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/store"
)

// The key of the Letter screen that is not a store action: the step the
// letter is at, whatever it is.
const (
	actionNext store.Action = "next"
)

// stepRow is one of the eleven steps in the step panel.
type stepRow struct {
	num    int
	label  string
	action store.Action
	key    func(k *keyMap) key.Binding
}

var stepRows = []stepRow{
	{1, "step.receive", store.ActionReceive, nil},
	{2, "step.route", store.ActionRoute, func(k *keyMap) key.Binding { return k.Route }},
	{3, "step.copies", store.ActionPrintCopies, func(k *keyMap) key.Binding { return k.Copies }},
	{4, "step.register", store.ActionRegister, func(k *keyMap) key.Binding { return k.Register }},
	{5, "step.card", store.ActionPrintCard, func(k *keyMap) key.Binding { return k.Card }},
	{6, "step.initial", store.ActionInitial, func(k *keyMap) key.Binding { return k.Initial }},
	{7, "step.assign", store.ActionAssign, func(k *keyMap) key.Binding { return k.Assign }},
	{8, "step.aide", store.ActionDeliver, nil},
	{9, "step.direct", store.ActionDeliver, nil},
	{10, "step.receipts", store.ActionDeliver, func(k *keyMap) key.Binding { return k.Deliver }},
	{11, "step.archive", store.ActionArchive, func(k *keyMap) key.Binding { return k.Archive }},
}

// rowState is what the panel shows for one step: done or not, and the
// count so far for steps done one by one.
func (m *letterModel) rowState(r stepRow) (done bool, progress string) {
	l := m.l
	count := func(ok func(store.Recipient) bool) (int, int) {
		n, of := 0, 0
		for _, rc := range l.Recipients {
			if ok(rc) {
				of++
				if rc.Delivered() {
					n++
				}
			}
		}
		return n, of
	}
	switch r.num {
	case 1:
		return true, ""
	case 2:
		return len(l.Recipients) > 0, ""
	case 3:
		return !l.CopiesPrintedAt.IsZero(), ""
	case 4:
		return !l.RegisteredAt.IsZero(), ""
	case 5:
		return !l.CardPrintedAt.IsZero(), ""
	case 6:
		n := 0
		for _, in := range l.Initials {
			if in.Done() {
				n++
			}
		}
		return len(l.Initials) > 0 && n == len(l.Initials), fmt.Sprintf("%d/%d", n, len(l.Initials))
	case 7:
		return !l.AssignedAt.IsZero(), ""
	case 8, 9:
		aide := r.num == 8
		n, of := count(func(rc store.Recipient) bool { return (rc.Channel == store.ChannelAide) == aide })
		// A step with nobody to deliver to is done once the others are.
		return n == of && (of > 0 || l.AllDelivered()), fmt.Sprintf("%d/%d", n, of)
	case 10:
		n, of := count(func(store.Recipient) bool { return true })
		return l.AllDelivered(), fmt.Sprintf("%d/%d", n, of)
	case 11:
		return !l.ArchivedAt.IsZero(), ""
	}
	return false, ""
}

// nextAction is what enter does on this letter, "" when nothing is left.
func (m *letterModel) nextAction() store.Action {
	if m.class().Classified() && store.Allowed(store.ActionSetAside, m.l.Stage) {
		return store.ActionSetAside
	}
	return store.NextAction(m.l.Stage)
}

// stepPanel lists the eleven steps: done ones with when (and who, when
// there is room), the next one marked with its key.
func (m *letterModel) stepPanel(e *env, st *styles, w, h int) string {
	t, k := e.t, &e.keys
	loc := e.db.Calendar().Location()
	next := m.nextAction()
	labelW := 13
	rightW := max(w-5-labelW, 6)
	lines := []string{st.heading.Render(t.T("step.title"))}
	for _, r := range stepRows {
		done, progress := m.rowState(r)
		mark, style, right := "·", st.stepTodo, ""
		switch {
		case done && r.num == 1:
			mark, style, right = "✓", st.stepDone, t.ShortDateTime(m.l.ReceivedAt.In(loc))
		case done:
			mark, style = "✓", st.stepDone
			if ev, ok := m.done[r.action]; ok && r.num != 8 && r.num != 9 {
				right = t.ShortDateTime(ev.Time.In(loc))
				if rightW >= 18 {
					right += " " + ev.Operator
				}
			}
		default:
			switch {
			case r.num == 6 && len(m.l.Initials) > 0:
				right = progress + " "
			case r.num >= 8 && r.num <= 10 && progress == "0/0" && len(m.l.Recipients) > 0:
				right = "- "
			case r.num >= 8 && r.num <= 10 && len(m.l.Recipients) > 0:
				right = progress + " "
			}
			if r.key != nil {
				right += "[" + r.key(k).Help().Key + "]"
			}
			if r.action == next && r.key != nil && m.l.Stage != store.StageSetAside {
				mark, style = "▶", st.stepNext
			}
		}
		line := fmt.Sprintf("%s %2d %s %s", mark, r.num, cell(t.T(r.label), labelW), truncate(right, rightW))
		lines = append(lines, style.Render(line))
	}
	lines = append(lines, "")
	switch {
	case m.busy:
		lines = append(lines, st.warn.Render(t.T("letter.busy")))
	case next != "":
		lines = append(lines, st.stepNext.Render(truncate("enter › "+t.Action(next), w)))
	default:
		for _, l := range wrapLines(m.endSentence(e), w) {
			lines = append(lines, st.dim.Render(l))
		}
	}
	if cp := *m.l; !m.busy && cp.Classify(store.ClassOrdinary, "-") == nil {
		lines = append(lines, st.stepNext.Render(truncate(k.Release.Help().Key+" › "+t.Action(store.ActionClassify), w)))
	}
	lines = append(lines, m.peopleLines(e, st, w)...)
	return strings.Join(lines, "\n")
}

// peopleLines list the recipients and the officials who initial, each
// marked when done.
func (m *letterModel) peopleLines(e *env, st *styles, w int) []string {
	t, loc := e.t, e.db.Calendar().Location()
	var out []string
	if len(m.l.Recipients) > 0 {
		out = append(out, "", st.label.Render(t.T("step.recipients")))
		for _, r := range m.l.Recipients {
			mark := "·"
			if r.Delivered() {
				mark = "✓"
			}
			out = append(out, truncate(fmt.Sprintf("%s %s · %s", mark, r.Name, t.Channel(r.Channel)), w))
			if r.Delivered() {
				out = append(out, st.dim.Render(truncate("  "+t.ShortDateTime(r.DeliveredAt.In(loc))+" "+r.ReceivedBy, w)))
			}
		}
	}
	if len(m.l.Initials) > 0 {
		out = append(out, "", st.label.Render(t.T("step.officials")))
		for _, in := range m.l.Initials {
			line := "· " + in.Position
			if in.Done() {
				line = "✓ " + t.ShortDateTime(in.At.In(loc)) + " " + in.Position
			}
			out = append(out, truncate(line, w))
		}
	}
	return out
}

// stepKey takes a step key of the Letter screen.
func (m letterModel) stepKey(e *env, msg tea.KeyPressMsg) (letterModel, tea.Cmd, bool) {
	k := &e.keys
	var a store.Action
	switch {
	case key.Matches(msg, k.Next):
		a = actionNext
	case key.Matches(msg, k.Route):
		a = store.ActionRoute
	case key.Matches(msg, k.Copies):
		a = store.ActionPrintCopies
	case key.Matches(msg, k.Register):
		a = store.ActionRegister
	case key.Matches(msg, k.Card):
		a = store.ActionPrintCard
	case key.Matches(msg, k.Initial):
		a = store.ActionInitial
	case key.Matches(msg, k.Assign):
		a = store.ActionAssign
	case key.Matches(msg, k.Receipt):
		a = store.ActionPrintReceipt
	case key.Matches(msg, k.Deliver):
		a = store.ActionDeliver
	case key.Matches(msg, k.Archive):
		a = store.ActionArchive
	case key.Matches(msg, k.SetAside):
		a = store.ActionSetAside
	case key.Matches(msg, k.Undo):
		a = store.ActionUndo
	case key.Matches(msg, k.InitialAt):
		a = actionInitialAt
	case key.Matches(msg, k.Release):
		a = store.ActionClassify
	case key.Matches(msg, k.Late):
		a = store.ActionLate
	case key.Matches(msg, k.Correct):
		a = store.ActionCorrect
	default:
		return m, nil, false
	}
	cmd := m.begin(e, a)
	return m, cmd, false
}

// begin starts step a: a form or picker opens, or the step (a print, an
// initial) runs at once. A step out of order is refused with the sentence
// that names the next one.
func (m *letterModel) begin(e *env, a store.Action) tea.Cmd {
	if !m.ready {
		return nil
	}
	if m.busy {
		return notice(e.t.T("letter.busy"))
	}
	l := m.l
	if a == actionNext {
		if a = m.nextAction(); a == "" {
			return notice(m.endSentence(e))
		}
	}
	switch a {
	case store.ActionPrintCopies, store.ActionPrintCard:
		if _, err := l.PaperStep(a); err != nil {
			return failNow(err)
		}
		m.busy = true
		if a == store.ActionPrintCopies {
			return e.printCopiesJob(*l)
		}
		return e.printCardJob(*l)
	case store.ActionPrintReceipt:
		if err := l.Check(a); err != nil {
			return failNow(err)
		}
		m.busy = true
		return e.printReceiptJob(*l)
	case store.ActionUndo:
		m.openUndo(e)
		return nil
	}
	if cmd, ok := m.beginAmend(e, a); ok {
		return cmd
	}
	if err := l.Check(a); err != nil {
		return failNow(err)
	}
	switch a {
	case store.ActionRoute:
		m.openRoute(e)
	case store.ActionRegister:
		m.openRegister(e)
	case store.ActionInitial:
		m.busy = true
		id, db, t := l.ID, e.db, e.t
		pos := ""
		if i := l.NextInitial(); i >= 0 {
			pos = l.Initials[i].Position
		}
		return stepJob(func() (*store.Letter, error) { return db.Initial(id, "", time.Time{}) },
			func(*store.Letter) string { return t.T("done.initial", pos) })
	case store.ActionAssign:
		m.openAssign(e)
	case store.ActionDeliver:
		m.openDeliver(e)
	case store.ActionArchive:
		m.openArchive(e)
	case store.ActionSetAside:
		m.openSetAside(e)
	}
	return nil
}

// finished ends the step in flight: its form closes on success, or shows
// what went wrong; a registration refused as a duplicate asks whether to
// register it as one.
func (m *letterModel) finished(e *env, err error) {
	if !m.busy {
		return // not this letter's job: its forms keep their own errors
	}
	m.busy = false
	switch {
	case err == nil:
		m.form, m.picker = nil, nil
	case m.form != nil:
		m.form.err = e.t.Sentence(err)
		if m.form.kind == formRegister && store.Code(err) == store.ErrDuplicate {
			m.form.question = e.t.T("register.duplicate_ask")
		}
	case m.picker != nil:
		m.picker.err = e.t.Sentence(err)
	}
}

// helpMap is the Letter screen's keys right now.
func (m letterModel) helpMap(e *env) helpMap {
	k := &e.keys
	switch {
	case m.picker != nil:
		return k.pickerHelp(m.picker.multi, m.picker.channels, m.picker.at != nil)
	case m.form != nil && m.form.question != "":
		return k.questionHelp()
	case m.form != nil:
		return k.formHelp()
	}
	if m.history {
		return k.historyHelp()
	}
	next := k.Next
	if m.l == nil {
		return k.letterHelp(next)
	}
	a := m.nextAction()
	if a == "" {
		return k.finishedHelp() // no next step to offer
	}
	next = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", e.t.Action(a)))
	return k.letterHelp(next)
}

// endSentence says why a letter has no next step: set aside (and why),
// archived (and where), or every step done.
func (m *letterModel) endSentence(e *env) string {
	t := e.t
	switch {
	case m.l.Stage == store.StageSetAside:
		return t.T("letter.set_aside_end", m.l.SetAsideReason)
	case m.l.Stage == store.StageArchived && m.l.ArchiveLocation != "":
		return t.T("letter.archived_end", m.l.ArchiveLocation)
	}
	return t.T("letter.journey_done")
}

func notice(s string) tea.Cmd { return func() tea.Msg { return noticeMsg{s} } }

func failNow(err error) tea.Cmd { return func() tea.Msg { return errMsg{err} } }
