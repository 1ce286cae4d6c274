package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/print"
	"sanapati-desk/store"
)

// The print jobs of the interface: each runs Paperwork in a command, and
// records the step once the paper went out.

var errReceiptEarly = errors.New("the receipt sheet is printed once every official has initialled")

// printTimeout bounds one print job; a printer that hangs must not hold the
// desk.
const printTimeout = 2 * time.Minute

func printContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), printTimeout)
}

// printCopiesJob prints one copy per recipient (step 3) and, when record
// is set, records the step once every copy went out.
func (e *env) printCopiesJob(l store.Letter, record bool) tea.Cmd {
	db, t, pw := e.db, e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: ErrNoSpool}
		}
		raw, err := db.Raw(l.ID)
		if err != nil {
			return jobMsg{err: err}
		}
		ctx, cancel := printContext()
		defer cancel()
		paths, err := pw.Copies(ctx, &l, raw)
		if err != nil {
			return jobMsg{err: err}
		}
		note := t.T("done.copies", len(paths), filepath.Dir(paths[len(paths)-1]))
		if !record {
			return jobMsg{note: note}
		}
		nl, err := db.PrintCopies(l.ID)
		return jobMsg{letter: nl, changed: true, note: note, err: err}
	})
}

// printCardJob prints the control card (step 5) and, when record is set,
// records that it went to the examiner. The card is drawn as the step
// will leave the letter, with one initial box per official of today's
// directory.
func (e *env) printCardJob(l store.Letter, record bool) tea.Cmd {
	db, t, pw := e.db, e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: ErrNoSpool}
		}
		dir, err := db.Directory()
		if err != nil {
			return jobMsg{err: err}
		}
		ctx, cancel := printContext()
		defer cancel()
		path, err := pw.Card(ctx, &l, dir)
		if err != nil {
			return jobMsg{err: err}
		}
		note := t.T("done.card", path)
		if !record {
			return jobMsg{note: note}
		}
		nl, err := db.PrintCard(l.ID)
		return jobMsg{letter: nl, changed: true, note: note, err: err}
	})
}

// printReceiptJob prints the courier's receipt sheet.
func (e *env) printReceiptJob(l store.Letter) tea.Cmd {
	t, pw := e.t, e.paper
	return job(func() jobMsg {
		if pw == nil {
			return jobMsg{err: ErrNoSpool}
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
			return jobMsg{err: ErrNoSpool}
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
			return jobMsg{err: ErrNoSpool}
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
			return jobMsg{err: ErrNoSpool}
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
