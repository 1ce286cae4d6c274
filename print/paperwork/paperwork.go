// Package paperwork is where the paper and the books meet: it draws a
// letter's documents, hands them to the spooler, and records the step the
// paper stands for once it went out. The interface and the command line
// share it, so a card printed from a key and one printed by
// `sanapati-desk card` are the same paper and the same step.
package paperwork

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/store"
)

// Clerk draws a letter's documents, hands them to the spooler and
// records their steps.
type Clerk struct {
	Spooler          *print.Spooler
	Options          print.Options
	AgendaFormat     string
	PrintAttachments bool
}

func (p *Clerk) now() time.Time {
	if p.Options.Now != nil {
		return p.Options.Now()
	}
	return time.Now()
}

// SavesOnly reports whether the paper is only saved, no printer or print
// command being set: the operator is then told "saved", not "printed".
func (p *Clerk) SavesOnly() bool {
	return p.Spooler != nil && p.Spooler.Printer == "" && p.Spooler.Command == ""
}

// ErrNoSpool is returned when printing was asked of a desk with no spooler.
var ErrNoSpool = errors.New("printing is not set up")

// Send draws a document with write and saves and prints it under name;
// it returns where it was saved.
func (p *Clerk) Send(ctx context.Context, name string, copies int, extra []print.Extra, write func(w io.Writer) error) (string, error) {
	if p.Spooler == nil {
		return "", ErrNoSpool
	}
	// A cancelled print (ctrl+c, the interface quitting) sends nothing
	// more, so that its step is not recorded.
	if err := ctx.Err(); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return "", err
	}
	return p.Spooler.Print(ctx, print.Document{Name: name, PDF: buf.Bytes(), Copies: copies, Extra: extra})
}

// Copies prints one copy of the message per recipient (step 3), each with
// the message's PDF attachments when the office wants them, and returns
// the saved files.
func (p *Clerk) Copies(ctx context.Context, l *store.Letter, raw []byte) ([]string, error) {
	if len(l.Recipients) == 0 {
		return nil, &store.Error{Code: store.ErrOutOfOrder, Action: store.ActionPrintCopies, Stage: l.Stage}
	}
	msg := mail.Read(raw)
	body, extra := p.Body(l, msg, raw)
	var paths []string
	for _, r := range l.Recipients {
		name := print.FileName(l, print.KindCopy, r.Name, p.AgendaFormat)
		path, err := p.Send(ctx, name, 1, extra, func(w io.Writer) error { return print.Copy(w, l, r, body, p.Options) })
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// Body is what a copy of l shows of the message, and the PDF attachments
// to print along with it. A letter with no number registered yet shows
// the number the message gives.
func (p *Clerk) Body(l *store.Letter, msg *mail.Message, raw []byte) (print.Body, []print.Extra) {
	body := print.Body{From: msg.From, To: msg.To, Cc: msg.Cc, Date: msg.Date, Subject: msg.Subject, Text: msg.Text}
	if l.LetterNumber == "" {
		loc := time.Local
		if p.Options.Calendar != nil {
			loc = p.Options.Calendar.Location()
		}
		body.LetterNumber = mail.Propose(msg, loc).LetterNumber
	}
	var extra []print.Extra
	for _, a := range msg.Attachments {
		pdf := p.PrintAttachments && strings.EqualFold(a.Type, "application/pdf")
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

// Card prints the control card (step 5). A letter not yet forwarded is
// drawn as the step will leave it: examiner named, one initial box per
// official of dir.
func (p *Clerk) Card(ctx context.Context, l *store.Letter, dir *store.Directory) (string, error) {
	card := *l
	if card.Stage == store.StageRegistered && dir != nil {
		if err := card.PrintCard(dir, p.now()); err != nil {
			return "", err
		}
	}
	opts := p.Options
	if dir != nil {
		opts.Officials = dir.Officials
	}
	kind := print.KindCard
	if opts.CardLayout == "cover" {
		kind = print.KindCover
	}
	return p.Send(ctx, print.FileName(&card, kind, "", p.AgendaFormat), 1, nil,
		func(w io.Writer) error { return print.ControlCard(w, &card, opts) })
}

// Receipt prints the courier's receipt sheet.
func (p *Clerk) Receipt(ctx context.Context, l *store.Letter) (string, error) {
	if err := l.Check(store.ActionPrintReceipt); err != nil {
		return "", err
	}
	return p.Send(ctx, print.FileName(l, print.KindReceipt, "", p.AgendaFormat), 1, nil,
		func(w io.Writer) error { return print.Receipt(w, l, p.Options) })
}

// CopiesStep prints the copies of step 3 and records the step, or, for a
// letter past it, reprints them; a letter before it is refused. It returns
// the saved files and the letter as the step left it (nil for a reprint).
// The step is recorded only once every copy went out.
func (p *Clerk) CopiesStep(ctx context.Context, db *store.DB, l *store.Letter) ([]string, *store.Letter, error) {
	record, err := l.PaperStep(store.ActionPrintCopies)
	if err != nil {
		return nil, nil, err
	}
	raw, err := db.Raw(l.ID)
	if err != nil {
		return nil, nil, err
	}
	paths, err := p.Copies(ctx, l, raw)
	if err != nil || !record {
		return paths, nil, err
	}
	nl, err := db.RecordCopiesPrinted(l.ID)
	return paths, nl, err
}

// CardStep prints the control card of step 5 and records that it went to
// the examiner, or, for a letter past it, reprints it; a letter before it
// is refused. It returns the saved file and the letter as the step left it
// (nil for a reprint).
func (p *Clerk) CardStep(ctx context.Context, db *store.DB, l *store.Letter) (string, *store.Letter, error) {
	record, err := l.PaperStep(store.ActionPrintCard)
	if err != nil {
		return "", nil, err
	}
	dir, err := db.Directory()
	if err != nil {
		return "", nil, err
	}
	path, err := p.Card(ctx, l, dir)
	if err != nil || !record {
		return path, nil, err
	}
	nl, err := db.RecordCardPrinted(l.ID)
	return path, nl, err
}
