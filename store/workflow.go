package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Action is one thing the operator (or the intake) does to a letter. Every
// action is recorded as an audit event of the same name.
type Action string

// The actions, in the order of the standard.
const (
	ActionReceive     Action = "receive"      // step 1: fetched or imported
	ActionRoute       Action = "route"        // step 2: recipients chosen
	ActionPrintCopies Action = "print_copies" // step 3
	ActionRegister    Action = "register"     // step 4
	ActionPrintCard   Action = "print_card"   // step 5
	ActionInitial     Action = "initial"      // step 6, once per official
	ActionAssign      Action = "assign"       // step 7
	ActionDeliver     Action = "deliver"      // steps 8-10, once per recipient
	ActionArchive     Action = "archive"      // step 11
	ActionSetAside    Action = "set_aside"
	ActionUndo        Action = "undo"
	ActionDirectory   Action = "directory" // the directory was edited
	ActionClassify    Action = "classify"  // a letter wrongly marked R/SR released
	ActionLate        Action = "late"      // why an overdue letter is late
	ActionCorrect     Action = "correct"   // the arrival time corrected
	// ActionPrintReceipt prints the courier's receipt sheet: paper of step
	// 7 that records nothing.
	ActionPrintReceipt Action = "print_receipt"
)

// transitions says which stages may follow each stage: the one table the
// workflow obeys. A stage following itself is a partial step (one more
// official initialled, one more receipt, new recipients chosen again).
var transitions = map[Stage][]Stage{
	StageReceived:   {StageChecked, StageSetAside},
	StageChecked:    {StageChecked, StagePrinted, StageSetAside},
	StagePrinted:    {StageRegistered, StageSetAside},
	StageRegistered: {StageForwarded, StageSetAside},
	StageForwarded:  {StageForwarded, StageInitialled},
	StageInitialled: {StageAssigned},
	StageAssigned:   {StageAssigned, StageDelivered},
	StageDelivered:  {StageArchived},
	StageArchived:   nil,
	StageSetAside:   nil,
}

// CanFollow reports whether a letter at stage from may move to stage to.
func CanFollow(from, to Stage) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// actionFrom says at which stages each action may be taken.
var actionFrom = map[Action][]Stage{
	ActionRoute:        {StageReceived, StageChecked},
	ActionPrintCopies:  {StageChecked},
	ActionRegister:     {StagePrinted},
	ActionPrintCard:    {StageRegistered},
	ActionInitial:      {StageForwarded},
	ActionAssign:       {StageInitialled},
	ActionDeliver:      {StageAssigned},
	ActionArchive:      {StageDelivered},
	ActionSetAside:     {StageReceived, StageChecked, StagePrinted, StageRegistered},
	ActionClassify:     {StageReceived, StageChecked, StagePrinted},
	ActionPrintReceipt: {StageInitialled, StageAssigned, StageDelivered, StageArchived},
}

// heldWhenClassified are the steps of the ordinary path that a letter
// classified R or SR may not take: it goes unopened to the Kepala Seksi
// Persandian and is set aside.
var heldWhenClassified = map[Action]bool{
	ActionRoute: true, ActionPrintCopies: true, ActionRegister: true, ActionPrintCard: true,
}

// Allowed reports whether action may be taken on a letter at stage s.
func Allowed(a Action, s Stage) bool {
	for _, from := range actionFrom[a] {
		if from == s {
			return true
		}
	}
	return false
}

// Reached reports whether a letter at stage s has gone through stage
// target; a letter set aside has reached nothing.
func Reached(s, target Stage) bool {
	if s == StageSetAside {
		return false
	}
	return slices.Index(Stages, s) >= slices.Index(Stages, target)
}

// paperStages says which stage each printing step leaves a letter at.
var paperStages = map[Action]Stage{ActionPrintCopies: StagePrinted, ActionPrintCard: StageForwarded}

// PaperStep says whether printing the paper of action (copies or the
// control card) for the letter takes the step (true) or reprints the paper
// of a step already taken (false). Before the step, or for a letter set
// aside, it is an *Error of code ErrOutOfOrder; for a letter classified R
// or SR, of code ErrClassified.
func (l *Letter) PaperStep(a Action) (bool, error) {
	if err := l.check(a); err == nil {
		return true, nil
	} else if c := Code(err); c == ErrClassified || c == ErrClassPending {
		return false, err
	}
	if after, ok := paperStages[a]; ok && Reached(l.Stage, after) {
		return false, nil
	}
	return false, &Error{Code: ErrOutOfOrder, Action: a, Stage: l.Stage}
}

// NextAction is the step the operator takes next on a letter at stage s, or
// "" when the letter's journey is over: the furthest step allowed, since an
// earlier one (choosing recipients again) may still be allowed too.
func NextAction(s Stage) Action {
	steps := []Action{ActionRoute, ActionPrintCopies, ActionRegister, ActionPrintCard,
		ActionInitial, ActionAssign, ActionDeliver, ActionArchive}
	for i := len(steps) - 1; i >= 0; i-- {
		if Allowed(steps[i], s) {
			return steps[i]
		}
	}
	return ""
}

// check refuses action a on the letter when its stage does not allow it,
// or when the letter is classified R or SR and a is a step of the ordinary
// path.
func (l *Letter) check(a Action) error {
	if l.ClassPending && heldWhenClassified[a] && l.Stage != StageSetAside {
		return &Error{Code: ErrClassPending, Action: a}
	}
	if l.Class.Classified() && heldWhenClassified[a] && l.Stage != StageSetAside {
		return &Error{Code: ErrClassified, Action: a, Subject: string(l.Class)}
	}
	if !Allowed(a, l.Stage) {
		return &Error{Code: ErrOutOfOrder, Action: a, Stage: l.Stage}
	}
	return nil
}

// Check says whether action a may be taken on the letter now, with the
// same error the step itself would give: the front ends ask it before they
// open a form or print paper.
func (l *Letter) Check(a Action) error {
	if a == ActionLate {
		return nil
	}
	return l.check(a)
}

// move sets the letter's stage after checking the transition table.
func (l *Letter) move(to Stage) {
	if !CanFollow(l.Stage, to) {
		panic(fmt.Sprintf("store: transition %s -> %s is not in the table", l.Stage, to))
	}
	l.Stage = to
}

// Route chooses the recipients (step 2). Each name must be in the directory;
// a recipient with no channel takes the directory's default.
func (l *Letter) Route(dir *Directory, rs []Recipient) error {
	if err := l.check(ActionRoute); err != nil {
		return err
	}
	if len(rs) == 0 {
		return invalid("choose at least one recipient")
	}
	out := make([]Recipient, 0, len(rs))
	seen := map[string]bool{}
	for _, r := range rs {
		d, ok := dir.Recipient(r.Name)
		if !ok {
			return &Error{Code: ErrUnknownRecipient, Subject: r.Name}
		}
		if seen[strings.ToLower(d.Name)] {
			continue
		}
		seen[strings.ToLower(d.Name)] = true
		ch := r.Channel
		if ch == "" {
			ch = d.Channel
		}
		if _, err := ParseChannel(string(ch)); err != nil {
			return err
		}
		out = append(out, Recipient{Name: d.Name, Channel: ch})
	}
	l.Recipients = out
	l.move(StageChecked)
	return nil
}

// PrintCopies records that one copy per recipient was printed (step 3).
func (l *Letter) PrintCopies(at time.Time) error {
	if err := l.check(ActionPrintCopies); err != nil {
		return err
	}
	l.CopiesPrintedAt = at
	l.move(StagePrinted)
	return nil
}

// Registration is what the operator writes in the agenda book (step 4).
// Empty fields keep what the letter already has.
type Registration struct {
	LetterNumber string
	LetterDate   time.Time
	Origin       string
	Summary      string
	Attachments  string
	Class        SecurityClass
	Urgency      Urgency
	ClassCode    string
	Index        string
	Remarks      string
	// Duplicate registers the letter although its origin and letter number
	// already hold an agenda number.
	Duplicate bool
	// Sources says where the desk read each field it proposed and the
	// operator kept (Letter.ProposedFrom); the register event records it.
	Sources map[string]string
}

// register fills the agenda row; the number is given by the store in the
// same transaction. A letter registered before (and then corrected) keeps
// its number: numbers are never reused.
func (l *Letter) register(r Registration, number AgendaNumber, at time.Time) error {
	if err := l.check(ActionRegister); err != nil {
		return err
	}
	if r.Class != "" {
		l.Class = r.Class
	}
	if l.Class == "" {
		l.Class = ClassOrdinary
	}
	if l.Class.Classified() {
		return &Error{Code: ErrClassified, Subject: string(l.Class)}
	}
	set := func(dst *string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
		}
	}
	set(&l.LetterNumber, r.LetterNumber)
	set(&l.Origin, r.Origin)
	set(&l.Summary, r.Summary)
	set(&l.Attachments, r.Attachments)
	set(&l.ClassCode, r.ClassCode)
	set(&l.Index, r.Index)
	set(&l.Remarks, r.Remarks)
	if !r.LetterDate.IsZero() {
		l.LetterDate = r.LetterDate
	}
	if len(r.Sources) > 0 {
		l.ProposedFrom = maps.Clone(r.Sources)
	}
	if r.Urgency != "" {
		l.Urgency = r.Urgency
	}
	if l.Urgency == "" {
		l.Urgency = UrgencyOrdinary
	}
	if l.Origin == "" {
		l.Origin = l.From
	}
	if l.Summary == "" {
		l.Summary = l.Subject
	}
	if l.Agenda.IsZero() {
		l.Agenda = number
	}
	l.RegisteredAt = at
	l.move(StageRegistered)
	return nil
}

// PrintCard records that the control card was printed and the letter
// forwarded to the examiner (step 5); the card carries one initial box per
// official, in the directory's order.
func (l *Letter) PrintCard(dir *Directory, at time.Time) error {
	if err := l.check(ActionPrintCard); err != nil {
		return err
	}
	if len(dir.Officials) == 0 {
		return invalid("no officials in the directory to initial the card")
	}
	l.Initials = make([]Initial, len(dir.Officials))
	for i, o := range dir.Officials {
		l.Initials[i] = Initial{Position: o.Position}
	}
	l.Examiner = dir.Examiner()
	l.CardPrintedAt = at
	l.move(StageForwarded)
	return nil
}

// Initial records one official's paraf (step 6) at the time at: the next
// one in order, or the one named, who must be the next one. The letter is
// initialled when all have.
func (l *Letter) Initial(position string, at, now time.Time) error {
	if err := l.check(ActionInitial); err != nil {
		return err
	}
	if err := l.checkTime(ActionInitial, at, now); err != nil {
		return err
	}
	next := l.NextInitial()
	if next < 0 {
		return &Error{Code: ErrOutOfOrder, Action: ActionInitial, Stage: l.Stage}
	}
	if position = strings.TrimSpace(position); position != "" && !strings.EqualFold(position, l.Initials[next].Position) {
		found := false
		for _, in := range l.Initials {
			found = found || strings.EqualFold(in.Position, position)
		}
		if !found {
			return &Error{Code: ErrUnknownOfficial, Subject: position}
		}
		return &Error{Code: ErrInitialOrder, Subject: l.Initials[next].Position}
	}
	l.Initials[next].At = at
	if l.NextInitial() < 0 {
		l.move(StageInitialled)
	} else {
		l.move(StageForwarded)
	}
	return nil
}

// Assign hands the letter to a courier (step 7) at the time at.
func (l *Letter) Assign(courier string, at, now time.Time) error {
	if err := l.check(ActionAssign); err != nil {
		return err
	}
	if err := l.checkTime(ActionAssign, at, now); err != nil {
		return err
	}
	if courier = strings.TrimSpace(courier); courier == "" {
		return invalid("name the courier")
	}
	l.Courier = courier
	l.AssignedAt = at
	l.move(StageAssigned)
	return nil
}

// Deliver records a recipient's receipt (steps 8-10). The channel may differ
// from the one chosen at routing (a fax that failed went by courier); the
// clock stops with the last receipt.
func (l *Letter) Deliver(name string, via Channel, receivedBy string, at, now time.Time) error {
	if err := l.check(ActionDeliver); err != nil {
		return err
	}
	if err := l.checkTime(ActionDeliver, at, now); err != nil {
		return err
	}
	r, i := l.Recipient(name)
	if i < 0 {
		return &Error{Code: ErrUnknownRecipient, Subject: name}
	}
	if r.Delivered() {
		return &Error{Code: ErrAlreadyDelivered, Subject: r.Name}
	}
	if receivedBy = strings.TrimSpace(receivedBy); receivedBy == "" {
		return invalid("name who received the copy")
	}
	if via != "" {
		r.Channel = via
	}
	r.DeliveredAt = at
	r.ReceivedBy = receivedBy
	l.Recipients[i] = r
	if l.AllDelivered() {
		l.DoneAt = l.lastDelivery()
		l.move(StageDelivered)
	} else {
		l.move(StageAssigned)
	}
	return nil
}

// lastDelivery is when the last receipt came back: receipts recorded
// after the fact need not be recorded in order.
func (l *Letter) lastDelivery() time.Time {
	var last time.Time
	for _, r := range l.Recipients {
		if r.DeliveredAt.After(last) {
			last = r.DeliveredAt
		}
	}
	return last
}

// Archive records where the paper is kept (step 11) at the time at.
func (l *Letter) Archive(location string, at, now time.Time) error {
	if err := l.check(ActionArchive); err != nil {
		return err
	}
	if err := l.checkTime(ActionArchive, at, now); err != nil {
		return err
	}
	if location = strings.TrimSpace(location); location == "" {
		return invalid("say where the paper is kept")
	}
	l.ArchiveLocation = location
	l.ArchivedAt = at
	l.move(StageArchived)
	return nil
}

// SetAside takes the letter off the ordinary path: not an official message,
// or classified R/SR.
func (l *Letter) SetAside(reason string) error {
	if err := l.check(ActionSetAside); err != nil {
		return err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return &Error{Code: ErrReasonRequired}
	}
	l.SetAsideReason = reason
	l.move(StageSetAside)
	return nil
}
