package tui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/print"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// The print jobs of the interface: each runs the paperwork.Clerk in a command, and
// records the step once the paper went out.

// printTimeout bounds one print job; a printer that hangs must not hold the
// desk.
const printTimeout = 2 * time.Minute

func printContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), printTimeout)
}

// printCopiesJob prints one copy per recipient (step 3, or a reprint).
func (e *env) printCopiesJob(l store.Letter) tea.Cmd {
	db, t, pw := e.db, e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		ctx, cancel := printContext()
		defer cancel()
		paths, nl, err := pw.CopiesStep(ctx, db, &l)
		if err != nil {
			return jobMsg{err: err}
		}
		done := "done.copies"
		if pw.SavesOnly() {
			done = "done.copies_saved"
		}
		return jobMsg{letter: nl, changed: nl != nil, note: t.T(done, len(paths), filepath.Dir(paths[len(paths)-1]))}
	})
}

// printCardJob prints the control card (step 5, or a reprint).
func (e *env) printCardJob(l store.Letter) tea.Cmd {
	db, t, pw := e.db, e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		ctx, cancel := printContext()
		defer cancel()
		path, nl, err := pw.CardStep(ctx, db, &l)
		if err != nil {
			return jobMsg{err: err}
		}
		done := "done.card"
		if pw.SavesOnly() {
			done = "done.card_saved"
		}
		return jobMsg{letter: nl, changed: nl != nil, note: t.T(done, path)}
	})
}

// printReceiptJob prints the courier's receipt sheet.
func (e *env) printReceiptJob(l store.Letter) tea.Cmd {
	t, pw := e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		ctx, cancel := printContext()
		defer cancel()
		path, err := pw.Receipt(ctx, &l)
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.receipt", path)}
	})
}

// printBookJob prints the agenda book of a year.
func (e *env) printBookJob(year int) tea.Cmd {
	db, t, pw := e.db, e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		letters, err := db.Agenda(year, 0)
		if err != nil {
			return jobMsg{err: err}
		}
		title := t.T("agenda.book_title", year)
		ctx, cancel := printContext()
		defer cancel()
		path, err := pw.Send(ctx, fmt.Sprintf("%s-%d", print.KindAgenda, year), 1, nil,
			func(w io.Writer) error { return print.AgendaBook(w, letters, title, pw.Options) })
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.book", len(letters), path)}
	})
}

// exportBookJob writes the agenda book of a year as a spreadsheet.
func (e *env) exportBookJob(year int) tea.Cmd {
	db, t, pw, dir := e.db, e.t, e.paper, e.exportDir
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		letters, err := db.Agenda(year, 0)
		if err != nil {
			return jobMsg{err: err}
		}
		path := filepath.Join(dir, fmt.Sprintf("%s-%d.xlsx", print.KindAgenda, year))
		if err := print.ExportAgenda(path, letters, t.T("agenda.book_title", year), pw.Options); err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.export", path)}
	})
}

// reportJob prints the monthly service report, or writes it as a
// spreadsheet when export is set.
func (e *env) reportJob(month time.Time, export bool) tea.Cmd {
	db, t, pw, dir := e.db, e.t, e.paper, e.exportDir
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: paperwork.ErrNoSpool}
		}
		letters, err := db.Received(month, month.AddDate(0, 1, 0))
		if err != nil {
			return jobMsg{err: err}
		}
		name := fmt.Sprintf("%s-%s", print.KindReport, month.Format("2006-01"))
		if export {
			path := filepath.Join(dir, name+".xlsx")
			if err := print.ExportReport(path, letters, month, pw.Options); err != nil {
				return jobMsg{err: err}
			}
			return jobMsg{note: t.T("done.export", path)}
		}
		ctx, cancel := printContext()
		defer cancel()
		path, err := pw.Send(ctx, name, 1, nil, func(w io.Writer) error { return print.MonthlyReport(w, letters, month, pw.Options) })
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.report", path)}
	})
}
