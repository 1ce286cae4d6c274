package store

import (
	"strings"
	"time"
)

// When a step may be recorded: after the letter arrived, after the step it
// follows, and not ahead of the clock; and the corrections of a letter's
// record that are not steps (its class, its lateness, its arrival).

// TimeLayout is how a recorded time is written on the command line and in
// the forms, in the desk's time zone.
const TimeLayout = "2006-01-02 15:04"

// Slack is how far ahead of the clock a recorded time may be: a clock a
// few minutes fast on the courier's phone is not an error.
const Slack = 5 * time.Minute

// after returns the time the step of action a follows, and that step: the
// lower bound of the time a may be recorded at.
func (l *Letter) after(a Action) (time.Time, Action) {
	switch a {
	case ActionInitial:
		bound, by := l.CardPrintedAt, ActionPrintCard
		for _, in := range l.Initials {
			if in.Done() && in.At.After(bound) {
				bound, by = in.At, ActionInitial
			}
		}
		return bound, by
	case ActionAssign:
		var bound time.Time
		for _, in := range l.Initials {
			if in.At.After(bound) {
				bound = in.At
			}
		}
		return bound, ActionInitial
	case ActionDeliver:
		return l.AssignedAt, ActionAssign
	case ActionArchive:
		return l.DoneAt, ActionDeliver
	}
	return time.Time{}, ""
}

// checkTime refuses a time for action a that is before the letter arrived,
// before the step a follows, or more than Slack ahead of now.
func (l *Letter) checkTime(a Action, at, now time.Time) error {
	if limit := now.Add(Slack); at.After(limit) {
		return &Error{Code: ErrInFuture, Action: a, At: limit}
	}
	if at.Before(l.ReceivedAt) {
		return &Error{Code: ErrBeforeArrival, Action: ActionReceive, At: l.ReceivedAt}
	}
	if bound, by := l.after(a); !bound.IsZero() && at.Before(bound) {
		return &Error{Code: ErrBeforeStep, Action: by, At: bound}
	}
	return nil
}

// firstStep returns the earliest time a step was recorded on the letter,
// and that step; the zero time when none was.
func (l *Letter) firstStep() (time.Time, Action) {
	var first time.Time
	var by Action
	note := func(t time.Time, a Action) {
		if !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first, by = t, a
		}
	}
	note(l.CopiesPrintedAt, ActionPrintCopies)
	note(l.RegisteredAt, ActionRegister)
	note(l.CardPrintedAt, ActionPrintCard)
	for _, in := range l.Initials {
		note(in.At, ActionInitial)
	}
	note(l.AssignedAt, ActionAssign)
	for _, r := range l.Recipients {
		note(r.DeliveredAt, ActionDeliver)
	}
	note(l.ArchivedAt, ActionArchive)
	return first, by
}

// SetAsideClassified sets aside a letter found to be classified class (R
// or SR) only after it was registered or marked otherwise: the books then
// print no subject for it.
func (l *Letter) SetAsideClassified(class SecurityClass, reason string) error {
	if !class.Classified() {
		return invalid("a letter is set aside as classified R or SR, not %q", class)
	}
	if err := l.SetAside(reason); err != nil {
		return err
	}
	l.Class = class
	return nil
}

// Classify releases a letter wrongly marked R or SR to class B or T, for a
// reason; it may then go down the ordinary path.
func (l *Letter) Classify(class SecurityClass, reason string) error {
	if err := l.check(ActionClassify); err != nil {
		return err
	}
	if !l.Class.Classified() {
		return &Error{Code: ErrNotClassified}
	}
	if class != ClassOrdinary && class != ClassRestricted {
		return &Error{Code: ErrReleaseClass, Subject: string(class)}
	}
	if strings.TrimSpace(reason) == "" {
		return &Error{Code: ErrReasonRequired}
	}
	l.Class = class
	return nil
}

// Late records why an overdue letter is late. Only a letter past its due
// time on cal at now (or finished after it) is late.
func (l *Letter) Late(cal *Calendar, reason string, now time.Time) error {
	if l.Stage == StageSetAside || !l.Timing(cal, now).Overdue {
		return &Error{Code: ErrNotLate}
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return &Error{Code: ErrReasonRequired}
	}
	l.LateReason = reason
	return nil
}

// CorrectReceived sets the letter's arrival time, for a reason: it may be
// no later than the clock (plus Slack) and no later than the first step
// recorded on the letter. The due time follows from it.
func (l *Letter) CorrectReceived(at time.Time, reason string, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return &Error{Code: ErrReasonRequired}
	}
	if limit := now.Add(Slack); at.After(limit) {
		return &Error{Code: ErrInFuture, Action: ActionCorrect, At: limit}
	}
	if first, by := l.firstStep(); !first.IsZero() && at.After(first) {
		return &Error{Code: ErrAfterStep, Action: by, At: first}
	}
	l.ReceivedAt = at
	l.ReceivedEstimated = false
	return nil
}
