package tui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// ErrPromptCancelled is what Prompter.Ask returns when the operator
// declines to type the password.
var ErrPromptCancelled = errors.New("the password prompt was cancelled")

// Prompter lets the mailbox ask the operator for its password through the
// interface, when no password is configured. Give its Ask to
// mail.NewAccount and the Prompter itself to Config.
type Prompter struct {
	reqs chan promptRequest
}

type promptRequest struct {
	user, host string
	reply      chan promptReply
}

type promptReply struct {
	password string
	err      error
}

// NewPrompter returns a Prompter for one interface.
func NewPrompter() *Prompter { return &Prompter{reqs: make(chan promptRequest)} }

// Ask shows the password prompt for user at host and waits for the answer;
// it has the signature of mail.PromptFunc. The password is never stored.
func (p *Prompter) Ask(ctx context.Context, user, host string) (string, error) {
	reply := make(chan promptReply, 1)
	select {
	case p.reqs <- promptRequest{user: user, host: host, reply: reply}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	select {
	case r := <-reply:
		return r.password, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// wait listens for the next question.
func (p *Prompter) wait() tea.Cmd {
	if p == nil {
		return nil
	}
	return func() tea.Msg { return promptMsg{<-p.reqs} }
}

func (m *Model) askPassword(req promptRequest) {
	f := newForm(formPassword, m.e.t.T("password.title", req.user, req.host),
		formField{label: m.e.t.T("password.label"), hint: m.e.t.T("password.hint")})
	f.fields[0].input.EchoMode = textinput.EchoPassword
	m.password, m.pwReq = &f, req
}

// passwordKey types into the password prompt; enter answers, esc declines.
func (m Model) passwordKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.e.keys.Submit):
		m.pwReq.reply <- promptReply{password: m.password.value(0)}
	case key.Matches(msg, m.e.keys.Cancel):
		m.pwReq.reply <- promptReply{err: ErrPromptCancelled}
	default:
		f, _ := m.password.update(m.e, msg)
		m.password = &f
		return m, nil
	}
	m.password = nil
	return m, m.e.prompter.wait()
}
