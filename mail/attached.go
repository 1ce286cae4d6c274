package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// maxLetters bounds the PDF attachments read to propose a letter's fields:
// the letter is the first, the rest are its lampiran.
const maxLetters = 3

// IsPDF reports whether an attachment is a PDF, by its type or its name.
func IsPDF(a Attachment) bool {
	t := strings.ToLower(a.Type)
	return strings.HasPrefix(t, "application/pdf") || strings.HasPrefix(t, "application/x-pdf") ||
		strings.HasSuffix(strings.ToLower(a.Name), ".pdf")
}

// PDFAttachments returns the indexes of m's attachments that are PDFs.
func PDFAttachments(m *Message) []int {
	var out []int
	for i, a := range m.Attachments {
		if !a.Inline && IsPDF(a) {
			out = append(out, i)
		}
	}
	return out
}

// attachmentBytes decodes attachment index of raw, at most limit bytes.
func attachmentBytes(raw []byte, m *Message, index int, limit int64) ([]byte, error) {
	if index < 0 || index >= len(m.Attachments) {
		return nil, fmt.Errorf("read attachment %d: the message has %d attachments", index+1, len(m.Attachments))
	}
	a := m.Attachments[index]
	if a.Size > limit {
		return nil, fmt.Errorf("%w: %d bytes", letter.ErrTooLarge, a.Size)
	}
	var buf bytes.Buffer
	buf.Grow(int(a.Size))
	if err := WriteAttachment(&buf, raw, a); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadAttachment returns the text of attachment index (from 0) of letter
// id, whose raw message is raw: the text kept in the store when it holds
// the pages asked for, else read now (pdftotext, or OCR for a scan unless
// opt.NoOCR), sanitised, and kept with an audit event naming its source.
// opt.Pages bounds the pages read (letter.DefaultPages when 0); asking for
// more than were kept reads the rest on demand. It blocks while the
// programs run: call it from a goroutine (a tea.Cmd) and cancel ctx to
// stop it. A scan read with NoOCR is neither an error nor kept.
func ReadAttachment(ctx context.Context, db *store.DB, id uint64, raw []byte, index int, opt letter.Options) (*store.AttachmentText, error) {
	want := opt.Pages
	if want <= 0 {
		want = letter.DefaultPages
	}
	kept, ok, err := db.AttachmentText(id, index)
	if err != nil {
		return nil, err
	}
	if ok && (len(kept.Pages) >= want || kept.Complete()) {
		return kept, nil
	}
	m := Read(raw)
	max := opt.MaxBytes
	if max <= 0 {
		max = letter.DefaultMaxBytes
	}
	pdf, err := attachmentBytes(raw, m, index, max)
	if err != nil {
		return nil, err
	}
	t := store.AttachmentText{Index: index}
	if ok {
		t = *kept
		opt.FirstPage, opt.Pages = len(kept.Pages)+1, want-len(kept.Pages)
		if kept.Source == letter.SourceText {
			opt.NoOCR = true // the rest of a text PDF is text too
		}
	} else {
		opt.FirstPage, opt.Pages = 1, want
	}
	txt, err := letter.Read(ctx, pdf, opt)
	if err != nil {
		return nil, err
	}
	if txt.Source == letter.SourceText && !hasLetters(txt.Pages) && !ok {
		// A scan read with NoOCR: nothing to keep, OCR may read it later.
		return &store.AttachmentText{Index: index, Source: txt.Source, PageCount: txt.PageCount}, nil
	}
	if !ok {
		t.Source = txt.Source
	}
	t.PageCount = txt.PageCount
	for _, p := range txt.Pages {
		t.Pages = append(t.Pages, Sanitize(p))
	}
	if err := db.PutAttachmentText(id, t); err != nil {
		return nil, err
	}
	return &t, nil
}

// hasLetters reports whether pages hold any text at all.
func hasLetters(pages []string) bool {
	for _, p := range pages {
		if strings.TrimSpace(p) != "" {
			return true
		}
	}
	return false
}

// ProposeFor proposes the registration fields and recipients of letter id
// from its attached letters and its own text. The PDFs are read as
// ReadAttachment reads them (kept texts first; OCR only when ocr is set).
// What could not be read is returned beside the proposal, one error per
// attachment: the proposal then comes from the e-mail alone, and the
// operator works by hand.
func ProposeFor(ctx context.Context, db *store.DB, id uint64, ocr bool) (LetterProposal, []error) {
	raw, err := db.Raw(id)
	if err != nil {
		return LetterProposal{}, []error{err}
	}
	dir, err := db.Directory()
	if err != nil {
		return LetterProposal{}, []error{err}
	}
	return ProposeMessage(ctx, db, id, raw, Read(raw), dir, ocr)
}

// ProposeMessage is ProposeFor for a caller that has already read the
// letter's message m from raw, and the directory dir.
func ProposeMessage(ctx context.Context, db *store.DB, id uint64, raw []byte, m *Message, dir *store.Directory, ocr bool) (LetterProposal, []error) {
	var texts []AttachedText
	var errs []error
	for n, i := range PDFAttachments(m) {
		if n == maxLetters {
			break
		}
		t, err := ReadAttachment(ctx, db, id, raw, i, letter.Options{NoOCR: !ocr})
		if err != nil {
			errs = append(errs, fmt.Errorf("attachment %d (%s): %w", i+1, m.Attachments[i].Name, err))
			if errors.Is(err, context.Canceled) {
				break
			}
			continue
		}
		if len(t.Pages) > 0 {
			texts = append(texts, AttachedText{Index: i, Source: t.Source, Text: strings.Join(t.Pages, letter.PageBreak)})
		}
	}
	return ProposeLetter(m, texts, dir, db.Calendar().Location()), errs
}

// classCheckTimeout bounds the intake's look at an attached letter.
const classCheckTimeout = 5 * time.Second

// attachedClass is the class an attached text PDF declares on its first
// page ("Sifat : Rahasia", a RAHASIA stamp): pdftotext only, never OCR, so
// the intake stays cheap; "" when no PDF says one. A PDF that cannot be
// read (not a PDF, broken, locked, too large or slow, no poppler) says
// nothing, as a letter without one; err is only for a reading cut short
// (ctx ended, pdftotext stopped by a signal), which may be tried again.
func attachedClass(ctx context.Context, raw []byte, m *Message) (_ store.SecurityClass, err error) {
	var best store.SecurityClass
	for n, i := range PDFAttachments(m) {
		if n == 2 {
			break
		}
		// A file typed as a PDF that is not one is left at its first
		// kilobyte, not decoded whole.
		if !attachmentBeginsAsPDF(raw, m.Attachments[i]) {
			continue
		}
		pdf, err := attachmentBytes(raw, m, i, 16<<20)
		if err != nil {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, classCheckTimeout)
		txt, err := letter.Read(cctx, pdf, letter.Options{Pages: 1, NoOCR: true})
		cancel()
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if errors.Is(err, letter.ErrStopped) {
			return "", err
		}
		if err != nil {
			continue
		}
		if c := ReadLetterFields(Sanitize(txt.String()), time.UTC).Class; rank(c) > rank(best) {
			best = c
		}
	}
	return best, nil
}

// attachmentBeginsAsPDF reports whether attachment a of raw begins as a
// PDF does, decoding only its first letter.HeadSize bytes.
func attachmentBeginsAsPDF(raw []byte, a Attachment) bool {
	w := &headWriter{buf: make([]byte, 0, letter.HeadSize)}
	if err := WriteAttachment(w, raw, a); err != nil && !errors.Is(err, errHeadFull) {
		return false
	}
	return letter.BeginsAsPDF(w.buf)
}

// errHeadFull ends a copy into a headWriter that has its fill.
var errHeadFull = errors.New("the head is read")

// headWriter keeps the first cap(buf) bytes written to it and then
// refuses the rest, which ends the copy feeding it.
type headWriter struct{ buf []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	n := min(len(p), cap(w.buf)-len(w.buf))
	w.buf = append(w.buf, p[:n]...)
	if n < len(p) {
		return n, errHeadFull
	}
	return n, nil
}
