package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/store"
)

// Errors the printing keys can meet before any paper moves.
var (
	errNoSpool      = errors.New("printing is not set up")
	errReceiptEarly = errors.New("the receipt sheet is printed once every official has initialled")
)

// printTimeout bounds one print job; a printer that hangs must not hold the
// desk.
const printTimeout = 2 * time.Minute

// spoolPDF draws a document with write and hands it to the spooler, which
// saves it and sends it to the printer; it returns where it was saved.
func (e *env) spoolPDF(name string, extra []print.Extra, write func(w io.Writer) error) (string, error) {
	if e.spool == nil {
		return "", errNoSpool
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	return e.spool.Print(ctx, print.Document{Name: name, PDF: buf.Bytes(), Copies: 1, Extra: extra})
}

// printCopiesJob prints one copy per recipient (step 3) and, when record
// is set, records the step once every copy went out.
func (e *env) printCopiesJob(l store.Letter, msg *mail.Message, record bool) tea.Cmd {
	db, t := e.db, e.t
	return job(func() jobMsg {
		if e.spool == nil {
			return jobMsg{err: errNoSpool}
		}
		raw, err := db.Raw(l.ID)
		if err != nil {
			return jobMsg{err: err}
		}
		if msg == nil {
			msg = mail.Read(raw)
		}
		body, extra := e.bodyOf(msg, raw)
		var last string
		for _, r := range l.Recipients {
			name := print.FileName(&l, print.KindCopy, r.Name, e.agendaFormat)
			last, err = e.spoolPDF(name, extra, func(w io.Writer) error { return print.Copy(w, &l, r, body, e.paper) })
			if err != nil {
				return jobMsg{err: err}
			}
		}
		note := t.T("done.copies", len(l.Recipients), filepath.Dir(last))
		if !record {
			return jobMsg{note: note}
		}
		nl, err := db.PrintCopies(l.ID)
		return jobMsg{letter: nl, changed: true, note: note, err: err}
	})
}

// bodyOf is what a copy shows of the message, and its PDF attachments to
// print along when the office wants them.
func (e *env) bodyOf(msg *mail.Message, raw []byte) (print.Body, []print.Extra) {
	t := e.t
	body := print.Body{Text: msg.Text}
	for _, h := range [][2]string{{t.T("hdr.from"), msg.From}, {t.T("hdr.to"), msg.To}, {t.T("hdr.cc"), msg.Cc},
		{t.T("hdr.date"), t.DateTime(msg.Date)}, {t.T("hdr.subject"), msg.Subject}} {
		if h[1] != "" && h[1] != "-" {
			body.Headers = append(body.Headers, h)
		}
	}
	var extra []print.Extra
	for _, a := range msg.Attachments {
		pdf := e.printAttachments && strings.EqualFold(a.Type, "application/pdf")
		if pdf {
			var buf bytes.Buffer
			if err := mail.WriteAttachment(&buf, raw, a); err == nil && bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				extra = append(extra, print.Extra{Name: a.Name, PDF: buf.Bytes()})
			} else {
				pdf = false
			}
		}
		body.Attachments = append(body.Attachments, print.Attachment{Name: a.Name, Type: a.Type, Size: a.Size, Printed: pdf})
	}
	return body, extra
}

// printCardJob prints the control card (step 5) and, when record is set,
// records that it went to the examiner. The card is drawn as the step
// will leave the letter: with one initial box per official of today's
// directory (read here when dir is nil).
func (e *env) printCardJob(l store.Letter, dir *store.Directory, record bool) tea.Cmd {
	db, t := e.db, e.t
	return job(func() jobMsg {
		card := l
		if record && dir == nil {
			var err error
			if dir, err = db.Directory(); err != nil {
				return jobMsg{err: err}
			}
		}
		if record {
			if err := card.PrintCard(dir, db.Now()); err != nil {
				return jobMsg{err: err}
			}
		}
		kind := print.KindCard
		if e.paper.CardLayout == "cover" {
			kind = print.KindCover
		}
		opts := e.paper
		if dir != nil {
			opts.Officials = dir.Officials
		}
		path, err := e.spoolPDF(print.FileName(&card, kind, "", e.agendaFormat), nil,
			func(w io.Writer) error { return print.ControlCard(w, &card, opts) })
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
	t := e.t
	return job(func() jobMsg {
		path, err := e.spoolPDF(print.FileName(&l, print.KindReceipt, "", e.agendaFormat), nil,
			func(w io.Writer) error { return print.Receipt(w, &l, e.paper) })
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.receipt", path)}
	})
}

// printBookJob prints the agenda book of a year.
func (e *env) printBookJob(year int) tea.Cmd {
	db, t := e.db, e.t
	return job(func() jobMsg {
		letters, err := db.Agenda(year, 0)
		if err != nil {
			return jobMsg{err: err}
		}
		title := t.T("agenda.book_title", year)
		path, err := e.spoolPDF(fmt.Sprintf("%s-%d", print.KindAgenda, year), nil,
			func(w io.Writer) error { return print.AgendaBook(w, letters, title, e.paper) })
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.book", len(letters), path)}
	})
}

// exportBookJob writes the agenda book of a year as a spreadsheet.
func (e *env) exportBookJob(year int) tea.Cmd {
	db, t := e.db, e.t
	return job(func() jobMsg {
		letters, err := db.Agenda(year, 0)
		if err != nil {
			return jobMsg{err: err}
		}
		path := filepath.Join(e.exportDir, fmt.Sprintf("%s-%d.xlsx", print.KindAgenda, year))
		if err := print.ExportAgenda(path, letters, t.T("agenda.book_title", year), e.paper); err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.export", path)}
	})
}

// reportJob prints the monthly service report, or writes it as a
// spreadsheet when export is set.
func (e *env) reportJob(month time.Time, export bool) tea.Cmd {
	db, t := e.db, e.t
	return job(func() jobMsg {
		letters, err := db.Received(month, month.AddDate(0, 1, 0))
		if err != nil {
			return jobMsg{err: err}
		}
		name := fmt.Sprintf("%s-%s", print.KindReport, month.Format("2006-01"))
		if export {
			path := filepath.Join(e.exportDir, name+".xlsx")
			if err := print.ExportReport(path, letters, month, e.paper); err != nil {
				return jobMsg{err: err}
			}
			return jobMsg{note: t.T("done.export", path)}
		}
		path, err := e.spoolPDF(name, nil, func(w io.Writer) error { return print.MonthlyReport(w, letters, month, e.paper) })
		if err != nil {
			return jobMsg{err: err}
		}
		return jobMsg{note: t.T("done.report", path)}
	})
}
