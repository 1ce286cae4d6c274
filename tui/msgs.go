package tui

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The messages commands send back to Update. Every store, mail and print
// call runs in a command; its result or its error comes back as one of
// these.
type (
	// errMsg is a failure to show in the status line.
	errMsg struct{ err error }
	// noticeMsg is a sentence to show in the status line.
	noticeMsg struct{ text string }
	// tickMsg moves the clock, so that time left and overdue marks stay true.
	tickMsg time.Time
	// intakeMsg is one event of the mailbox watcher; ok is false when the
	// watcher's channel closed.
	intakeMsg struct {
		ev mail.Event
		ok bool
	}
	// promptMsg asks the operator for the mailbox password.
	promptMsg struct{ req promptRequest }
	// busyMsg says job id (a step, a print, an export) started; the
	// jobMsg of the same id ends it. tea.Batch may deliver the two in
	// either order. Quitting asks first while a job runs.
	busyMsg struct{ id uint64 }
	// jobMsg is the result of job id: the letter it changed, whether the
	// store changed at all, a sentence for the status line, or the error.
	jobMsg struct {
		id      uint64
		letter  *store.Letter
		changed bool
		note    string
		err     error
		// owner is the part of the desk waiting for the job to end.
		owner jobOwner
	}
)

// jobOwner says whose form or picker a job's end closes (or fills with
// its error): the Letter screen's steps and prints, the Directory's
// changes, or nobody (a saved attachment, an import, a backup).
type jobOwner int

const (
	ownerLetter jobOwner = iota
	ownerDir
	ownerNone
)

// jobIDs numbers the jobs, so that a job's start and end pair up
// whichever arrives first.
var jobIDs atomic.Uint64

// job runs f as a job: quitting waits until it ends, and a panic in it
// ends it with an error.
func job(f func() jobMsg) tea.Cmd {
	id := jobIDs.Add(1)
	return tea.Batch(
		func() tea.Msg { return busyMsg{id} },
		func() (msg tea.Msg) {
			defer func() {
				if r := recover(); r != nil {
					msg = jobMsg{id: id, err: &panicError{value: r, stack: debug.Stack()}}
				}
			}()
			done := f()
			done.id = id
			return done
		},
	)
}

// stepJob runs a store step as a job; the changed letter comes back.
func stepJob(do func() (*store.Letter, error), note func(*store.Letter) string) tea.Cmd {
	return job(func() jobMsg {
		l, err := do()
		if err != nil {
			return jobMsg{err: err}
		}
		n := ""
		if note != nil {
			n = note(l)
		}
		return jobMsg{letter: l, changed: true, note: n}
	})
}

// panicError is a panic caught inside a command.
type panicError struct {
	value any
	stack []byte
}

// Error says what panicked.
func (p *panicError) Error() string { return fmt.Sprintf("internal error: %v", p.value) }

// run wraps f as a command whose panic becomes an errMsg instead of a
// wrecked terminal.
func run(f func() tea.Msg) tea.Cmd {
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = errMsg{&panicError{value: r, stack: debug.Stack()}}
			}
		}()
		return f()
	}
}

// failed turns err into an errMsg, or returns ok when err is nil.
func failed(err error, ok tea.Msg) tea.Msg {
	if err != nil {
		return errMsg{err}
	}
	return ok
}

// tick asks for the next clock tick.
func (e *env) tickCmd() tea.Cmd {
	if !e.tick {
		return nil
	}
	return tea.Tick(20*time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// outsideChangeMsg says the store changed outside the interface.
type outsideChangeMsg struct{}

// waitChanged waits for the next change made outside the interface.
func waitChanged(ch <-chan struct{}) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return outsideChangeMsg{}
	}
}

// waitIntake reads the next event of the mailbox watcher.
func waitIntake(ch <-chan mail.Event) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		return intakeMsg{ev: ev, ok: ok}
	}
}

// cleanLetter passes every field of l that came from a message through the
// sanitiser once more, so that no stored string can reach the terminal
// with an escape sequence in it, whatever wrote the store.
func cleanLetter(l *store.Letter) {
	for _, f := range []*string{&l.From, &l.Subject, &l.Origin, &l.Summary, &l.LetterNumber,
		&l.Attachments, &l.ClassCode, &l.Index, &l.Remarks, &l.ParseProblem, &l.MessageID,
		&l.Courier, &l.ArchiveLocation, &l.SetAsideReason, &l.Examiner, &l.LateReason} {
		*f = mail.SanitizeLine(*f)
	}
	for i := range l.Recipients {
		l.Recipients[i].Name = mail.SanitizeLine(l.Recipients[i].Name)
		l.Recipients[i].ReceivedBy = mail.SanitizeLine(l.Recipients[i].ReceivedBy)
	}
	for i := range l.Initials {
		l.Initials[i].Position = mail.SanitizeLine(l.Initials[i].Position)
	}
}
