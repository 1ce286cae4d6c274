package store

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The errors an operator can cause and fix: one code each, so that the
// front ends branch on it and the catalogue says it in their language.

// Code returns the ErrorCode of err, or "" when err is not an *Error.
func Code(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorCode says what kind of thing went wrong, so callers can branch on it
// and the interface can say it in the operator's language.
type ErrorCode string

// The error codes.
const (
	ErrNotFound         ErrorCode = "not_found"
	ErrOutOfOrder       ErrorCode = "out_of_order"
	ErrUnknownRecipient ErrorCode = "unknown_recipient"
	ErrUnknownOfficial  ErrorCode = "unknown_official"
	ErrInitialOrder     ErrorCode = "initial_order"
	ErrClassified       ErrorCode = "classified"
	ErrClassPending     ErrorCode = "class_pending"
	ErrReasonRequired   ErrorCode = "reason_required"
	ErrNothingToUndo    ErrorCode = "nothing_to_undo"
	ErrAlreadyDelivered ErrorCode = "already_delivered"
	ErrInvalid          ErrorCode = "invalid"
	ErrLocked           ErrorCode = "locked"
	ErrNotClassified    ErrorCode = "not_classified"
	ErrReleaseClass     ErrorCode = "release_class"
	ErrBeforeArrival    ErrorCode = "before_arrival"
	ErrBeforeStep       ErrorCode = "before_step"
	ErrInFuture         ErrorCode = "in_future"
	ErrNotLate          ErrorCode = "not_late"
	ErrDuplicate        ErrorCode = "duplicate"
	ErrAfterStep        ErrorCode = "after_step"
)

// Error is an error the operator caused and can fix. Code is for callers to
// branch on; Subject names the thing concerned (a stage, a name, a field);
// At is the bound a refused time crossed, and Action then the step that set
// it.
type Error struct {
	Code    ErrorCode
	Action  Action
	Stage   Stage
	Subject string
	Detail  string
	At      time.Time
	// Format and Args are Detail before formatting, for the catalogue to
	// say in the operator's language.
	Format string
	Args   []any
	// Err is the cause, for errors.Is and errors.As; it is not shown.
	Err error
}

// Unwrap returns the cause: Err, or the first error among Args (a line of
// a calendar file wraps what is wrong with it).
func (e *Error) Unwrap() error {
	if e.Err != nil {
		return e.Err
	}
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			return err
		}
	}
	return nil
}

func (e *Error) Error() string {
	switch e.Code {
	case ErrNotFound:
		return fmt.Sprintf("letter %s does not exist", e.Subject)
	case ErrOutOfOrder:
		return fmt.Sprintf("cannot %s a letter that is %s", strings.ReplaceAll(string(e.Action), "_", " "), e.Stage)
	case ErrUnknownRecipient:
		return fmt.Sprintf("%q is not a recipient of this letter or in the directory", e.Subject)
	case ErrUnknownOfficial:
		return fmt.Sprintf("%q is not an official who initials this letter", e.Subject)
	case ErrInitialOrder:
		return fmt.Sprintf("the card goes to %s first", e.Subject)
	case ErrClassified:
		return fmt.Sprintf("the letter is classified %s: set it aside, it must not go down the ordinary path", e.Subject)
	case ErrClassPending:
		return "the letter's class is still being read from its attached PDF: fetch again, or wait for the open desk"
	case ErrReasonRequired:
		return "a reason is required"
	case ErrNothingToUndo:
		return "there is no step to undo"
	case ErrAlreadyDelivered:
		return fmt.Sprintf("the receipt of %s is already recorded", e.Subject)
	case ErrLocked:
		return "the desk is already open elsewhere: close the other window first"
	case ErrNotClassified:
		return "the letter is not classified R or SR: there is nothing to release"
	case ErrReleaseClass:
		return fmt.Sprintf("a classified letter is released only to class B or T, not %q", e.Subject)
	case ErrBeforeArrival:
		return fmt.Sprintf("the time is before the letter arrived (%s)", e.At.Format(TimeLayout))
	case ErrBeforeStep:
		return fmt.Sprintf("the time is before the step it follows, %s (%s)", e.Action, e.At.Format(TimeLayout))
	case ErrAfterStep:
		return fmt.Sprintf("the time is after the step %s (%s)", e.Action, e.At.Format(TimeLayout))
	case ErrInFuture:
		return fmt.Sprintf("the time is ahead of the clock (latest %s)", e.At.Format(TimeLayout))
	case ErrNotLate:
		return "the letter is not late"
	case ErrDuplicate:
		return fmt.Sprintf("the same letter from the same sender is already registered as %s", e.Subject)
	}
	if e.Detail != "" {
		return e.Detail
	}
	return string(e.Code)
}

// asInvalid is err as an invalid input: itself when it is one of the
// store's errors, else wrapped with its text as the detail.
func asInvalid(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: ErrInvalid, Detail: err.Error(), Err: err}
}

func invalid(format string, args ...any) error {
	return &Error{Code: ErrInvalid, Detail: fmt.Sprintf(format, args...), Format: format, Args: args}
}
