package tui

import (
	"errors"
	"os"
	"os/exec"
	"runtime"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
)

var (
	errNoAttachments = errors.New("the letter has no attachments")
	errNoPDF         = errors.New("the letter has no PDF attachment")
	errNoBackup      = errors.New("backups are not set up")
)

// attachmentCmd saves the selected attachment (s), all of them (S), or
// opens the selected one with the system's viewer (o).
func (m letterModel) attachmentCmd(e *env, msg tea.KeyPressMsg) tea.Cmd {
	if m.msg == nil || len(m.msg.Attachments) == 0 {
		return failNow(errNoAttachments)
	}
	k, db, t, id := &e.keys, e.db, e.t, m.l.ID
	chosen := m.msg.Attachments[m.file : m.file+1]
	if key.Matches(msg, k.SaveAll) {
		chosen = m.msg.Attachments
	}
	open := key.Matches(msg, k.OpenFile)
	if err := m.sealed(); open && err != nil {
		return failNow(err) // saved to be handed on, but not opened here
	}
	return job(func() jobMsg {
		raw, err := db.Raw(id)
		if err != nil {
			return jobMsg{err: err, owner: ownerNone}
		}
		dir := e.saveDir
		if open {
			if dir, err = os.MkdirTemp("", "sanapati-lampiran-"); err != nil {
				return jobMsg{err: err, owner: ownerNone}
			}
		} else if dir == "" {
			dir = "."
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return jobMsg{err: err, owner: ownerNone}
		}
		var last string
		for _, a := range chosen {
			if last, err = mail.SaveAttachment(raw, a, dir); err != nil {
				return jobMsg{err: err, owner: ownerNone}
			}
		}
		if open {
			if err := e.open(last); err != nil {
				return jobMsg{err: err, owner: ownerNone}
			}
			return jobMsg{note: t.T("done.opened", chosen[0].Name), owner: ownerNone}
		}
		if len(chosen) > 1 {
			return jobMsg{note: t.T("done.saved_all", len(chosen), dir), owner: ownerNone}
		}
		return jobMsg{note: t.T("done.saved", last), owner: ownerNone}
	})
}

// openError is a file the system's viewer could not be started for.
type openError struct {
	path string
	err  error
}

func (e *openError) Error() string { return "open " + e.path + ": " + e.err.Error() }
func (e *openError) Unwrap() error { return e.err }

// openWithSystem shows a file with the platform's usual opener and does
// not wait for the viewer to close.
func openWithSystem(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return &openError{path: path, err: err}
	}
	go cmd.Wait() //nolint:errcheck // the viewer's exit status says nothing about the desk
	return nil
}
