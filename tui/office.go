package tui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
)

// The office's keys on the Today screen: B takes a backup of the store
// now (beside the desk's daily one), I imports .eml and mbox files (a
// file, or a folder of them) as the command line's import does.

// officeKey takes the Today screen's B and I, and the import form's keys
// while it is open; ok is false for any other key.
func (m todayModel) officeKey(e *env, msg tea.KeyPressMsg) (todayModel, tea.Cmd, bool) {
	k := &e.keys
	if m.form != nil {
		f, res := m.form.update(e, msg)
		m.form = &f
		switch res {
		case formCancel:
			m.form = nil
		case formSubmit:
			path := f.value(0)
			if path == "" {
				m.form.err = e.t.T("import.none")
				return m, nil, true
			}
			m.form = nil
			return m, importJob(e, path), true
		}
		return m, nil, true
	}
	switch {
	case key.Matches(msg, k.BackupNow):
		return m, backupJob(e), true
	case key.Matches(msg, k.Import):
		f := newForm(formImport, e.t.T("import.title"),
			formField{label: e.t.T("import.path"), value: e.importDir, hint: e.t.T("import.hint")})
		m.form = &f
		return m, nil, true
	}
	return m, nil, false
}

// backupJob copies the store to the backup folder, as the command line's
// backup does while the desk runs.
func backupJob(e *env) tea.Cmd {
	if e.backup == nil {
		return failNow(errNoBackup)
	}
	t := e.t
	return job(func() jobMsg {
		path, err := e.backup()
		if err != nil {
			return jobMsg{err: err, owner: ownerNone}
		}
		return jobMsg{note: t.T("done.backup", path), owner: ownerNone}
	})
}

// notedError is a failure that comes after part of the work was done:
// the sentence says the part first.
type notedError struct {
	note string
	err  error
}

func (e *notedError) Error() string { return e.note + ": " + e.err.Error() }
func (e *notedError) Unwrap() error { return e.err }

// importJob stores the messages of the files at path; the lists reload.
func importJob(e *env, path string) tea.Cmd {
	t, db := e.t, e.db
	return job(func() jobMsg {
		res, err := mail.Import(db, path)
		// As after a sync: the classes the letters' PDFs declare.
		if _, serr := mail.SettleClasses(context.Background(), db); serr != nil {
			err = errors.Join(err, serr)
		}
		note := t.T("cli.imported", res.Files, res.Messages, res.New, res.Duplicates)
		if len(res.Estimated) > 0 {
			note += " " + t.T("import.estimated", len(res.Estimated))
		}
		if err != nil {
			if res.Files > 0 {
				err = &notedError{note: note, err: err} // what was imported, then what was not
			}
			return jobMsg{err: err, changed: res.New > 0, owner: ownerNone}
		}
		return jobMsg{note: note, changed: res.New > 0, owner: ownerNone}
	})
}
