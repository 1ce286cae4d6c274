package tui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/print"
	"sanapati-desk/print/locale"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// Sentence turns any error into the one sentence the status line shows.
func (t *Text) Sentence(err error) string {
	var (
		pe *panicError
		se *print.SpoolError
		me *mail.Error
		ce *store.Error
	)
	var fe *fs.PathError
	var oe *openError
	var ne *notedError
	var ie *mail.ImportError
	switch {
	case errors.As(err, &ne):
		return ne.note + " " + t.Sentence(ne.err)
	case errors.As(err, &oe):
		return t.T("err.no_viewer", mail.SanitizeLine(oe.path))
	case errors.Is(err, context.Canceled):
		return t.T("err.cancelled")
	case errors.As(err, &fe) && errors.Is(err, fs.ErrNotExist):
		return t.T("err.file_missing", mail.SanitizeLine(fe.Path))
	case errors.As(err, &fe) && errors.Is(err, fs.ErrPermission):
		return t.T("err.file_denied", mail.SanitizeLine(fe.Path))
	case errors.As(err, &pe):
		return t.T("err.panic", pe.value)
	case errors.As(err, &se):
		return se.Message(t.Lang)
	case errors.As(err, &me):
		return mail.SanitizeLine(me.Message(t.Lang))
	case errors.As(err, &ce):
		return t.Error(err)
	case errors.Is(err, paperwork.ErrNoSpool):
		return t.T("err.no_spool")
	case letter.Key(err) != "":
		return t.T(letter.Key(err))
	case errors.Is(err, errNoPDF):
		return t.T("err.no_pdf")
	case errors.Is(err, errNoBackup):
		return t.T("err.no_backup")
	case errors.Is(err, mail.ErrEmptyFolder):
		return t.T("err.empty_folder")
	case errors.As(err, &ie):
		path := mail.SanitizeLine(ie.Path)
		switch {
		case errors.Is(ie.Err, mail.ErrEmptyFile):
			return t.T("err.import_empty", path)
		case errors.Is(ie.Err, mail.ErrIsFolder):
			return t.T("err.import_folder", path)
		case errors.Is(ie.Err, mail.ErrMessageTooLarge):
			return t.T("err.import_too_large", path, mail.MaxMessageMB())
		}
		return t.T("err.import_file", path, strings.TrimSuffix(t.Sentence(ie.Err), "."))
	case errors.Is(err, errNoAttachments):
		return t.T("err.no_attachments")
	case errors.Is(err, ErrPromptCancelled):
		return t.T("err.prompt_cancelled")
	case errors.Is(err, mail.ErrAuth):
		return t.T("intake.reason_auth")
	}
	return t.T("err.other", strings.TrimSuffix(mail.SanitizeLine(err.Error()), "."))
}

// Num shows a count with the thousands separated: 99.520 (Indonesian) or
// 99,520.
func (t *Text) Num(n int) string { return locale.Count(n, t.Lang) }

// Span shows a duration briefly: "3j 05m" or "1hr 2j" in Indonesian (jam,
// menit, hari: "hr" so that it does not read as hours), "3h 05m" or
// "1d 2h" in English.
func (t *Text) Span(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	dd, hh, mm := "hr", "j", "m"
	if t.Lang == "en" {
		dd, hh, mm = "d", "h", "m"
	}
	if days > 0 {
		return fmt.Sprintf("%d%s %d%s", days, dd, hours, hh)
	}
	return fmt.Sprintf("%d%s %02d%s", hours, hh, mins, mm)
}

// ShortDateTime shows a moment in 11 cells: "27/11 08.14".
func (t *Text) ShortDateTime(tm time.Time) string {
	if tm.IsZero() {
		return "-"
	}
	return tm.Format("02/01 " + locale.ClockLayout(t.Lang))
}

// LongDate shows a day with its weekday: "Jumat, 27 November 2026".
func (t *Text) LongDate(tm time.Time) string {
	return t.Weekday(tm.Weekday()) + ", " + t.Date(tm)
}

// Size shows a file size: "120 KB".
func (t *Text) Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
