// Package tui is the operator's screen: Bubble Tea models over the store,
// the intake and the paper, and the catalogue of every text the desk shows.
package tui

import (
	"errors"
	"slices"
	"time"

	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// Text is the catalogue of every sentence and label the desk shows, in one
// language. Indonesian is the default; English is the other.
type Text struct {
	// Lang is "id" or "en".
	Lang string
}

// Catalog returns the catalogue for lang ("id" or "en"; anything else is
// Indonesian).
func Catalog(lang string) *Text {
	if lang == "en" {
		return &Text{Lang: "en"}
	}
	return &Text{Lang: "id"}
}

// T returns the sentence for key with args filled in (locale.T); an
// unknown key is returned as it is, so a missing entry shows rather than
// hides.
func (t *Text) T(key string, args ...any) string { return locale.T(t.Lang, key, args...) }

// Stage names a stage.
func (t *Text) Stage(s store.Stage) string { return t.T("stage." + string(s)) }

// Class names a security class: Biasa, Terbatas, Rahasia, Sangat Rahasia.
func (t *Text) Class(c store.SecurityClass) string {
	if c == "" {
		c = store.ClassOrdinary
	}
	return t.T("class." + string(c))
}

// Channel names a delivery channel.
func (t *Text) Channel(c store.Channel) string { return t.T("channel." + string(c)) }

// Action names an action.
func (t *Text) Action(a store.Action) string { return t.T("action." + string(a)) }

// Error turns an error into one sentence that says what to do next. Errors
// the operator caused are translated; others are shown as they are.
func (t *Text) Error(err error) string {
	var e *store.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	switch e.Code {
	case store.ErrClassified:
		return t.T("err.classified", t.Class(store.SecurityClass(e.Subject)))
	case store.ErrNotFound, store.ErrUnknownRecipient, store.ErrUnknownOfficial,
		store.ErrInitialOrder, store.ErrAlreadyDelivered:
		return t.T("err."+string(e.Code), e.Subject)
	case store.ErrOutOfOrder:
		if next := store.NextAction(e.Stage); next != "" {
			return t.T("err.out_of_order", t.Action(e.Action), t.Stage(e.Stage), t.Action(next))
		}
		return t.T("err.out_of_order_end", t.Action(e.Action), t.Stage(e.Stage))
	case store.ErrReasonRequired, store.ErrNothingToUndo, store.ErrLocked, store.ErrNotClassified, store.ErrNotLate,
		store.ErrClassPending:
		return t.T("err." + string(e.Code))
	case store.ErrReleaseClass, store.ErrDuplicate:
		return t.T("err."+string(e.Code), e.Subject)
	case store.ErrBeforeArrival, store.ErrInFuture:
		return t.T("err."+string(e.Code), t.DateTime(e.At))
	case store.ErrBeforeStep, store.ErrAfterStep:
		return t.T("err."+string(e.Code), t.Action(e.Action), t.DateTime(e.At))
	case store.ErrInvalid:
		return t.T("err.invalid", t.detail(e))
	}
	return err.Error()
}

// detail says what is wrong with an invalid input in the catalogue's
// words: the store's format looked up as the command line's help is, and
// an error among its arguments (a line of a calendar file, a recipient's
// channel) said the same way.
func (t *Text) detail(e *store.Error) string {
	if e.Format == "" {
		return e.Detail
	}
	args := slices.Clone(e.Args)
	for i, a := range args {
		inner, ok := a.(error)
		if !ok {
			continue
		}
		var ie *store.Error
		if errors.As(inner, &ie) && ie.Code == store.ErrInvalid {
			args[i] = t.detail(ie)
		} else {
			args[i] = t.Sentence(inner)
		}
	}
	return t.Helpf(e.Format, args...)
}

// Date shows a day as "27 November 2026" (print/locale writes it for the
// screens and the paper alike).
func (t *Text) Date(tm time.Time) string { return locale.Date(tm, t.Lang) }

// DateTime shows a moment as "27 November 2026 08.14 WIB" (08:14 in
// English).
func (t *Text) DateTime(tm time.Time) string { return locale.DateTime(tm, t.Lang) }

// Clock shows a time of day with its zone, "08.14 WIB" (08:14 in English).
func (t *Text) Clock(tm time.Time) string { return locale.Clock(tm, t.Lang) }

// Weekday names a day of the week.
func (t *Text) Weekday(d time.Weekday) string { return locale.Weekday(d, t.Lang) }
