// Package store keeps the desk's books: the letters received through Sanapati,
// their journey through the 11-step service standard, the audit trail of every
// change, the directories of recipients, officials and couriers, and the
// working-day calendar that sets each letter's due time.
//
// The domain types and rules live in files that do not import bbolt
// (letter.go, workflow.go, calendar.go, directory.go, event.go); the
// persistence lives in db*.go.
package store

import (
	"fmt"
	"strings"
	"time"
)

// Stage is where a letter stands in the service standard.
type Stage string

// The stages, in the order the standard walks them.
const (
	StageReceived   Stage = "received"   // step 1: in the mailbox, fetched
	StageChecked    Stage = "checked"    // step 2: read, recipients chosen
	StagePrinted    Stage = "printed"    // step 3: one copy per recipient printed
	StageRegistered Stage = "registered" // step 4: in the agenda book
	StageForwarded  Stage = "forwarded"  // step 5: control card printed, sent to the examiner
	StageInitialled Stage = "initialled" // step 6: every official has initialled
	StageAssigned   Stage = "assigned"   // step 7: a courier carries it
	StageDelivered  Stage = "delivered"  // steps 8-10: every recipient signed a receipt
	StageArchived   Stage = "archived"   // step 11
	StageSetAside   Stage = "set_aside"  // not an official message, or classified R/SR
)

// Stages lists every stage in workflow order, set-aside last.
var Stages = []Stage{
	StageReceived, StageChecked, StagePrinted, StageRegistered, StageForwarded,
	StageInitialled, StageAssigned, StageDelivered, StageArchived, StageSetAside,
}

// ParseStage returns the stage named s, or an error naming the valid ones.
func ParseStage(s string) (Stage, error) {
	for _, st := range Stages {
		if string(st) == s {
			return st, nil
		}
	}
	return "", invalid("unknown stage %q (one of %s)", s, stageNames())
}

func stageNames() string {
	names := make([]string, len(Stages))
	for i, s := range Stages {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// Channel is how a copy reaches its recipient.
type Channel string

// The delivery channels of steps 8 and 9.
const (
	ChannelAide    Channel = "ajudan" // through the official's aide
	ChannelCourier Channel = "caraka" // carried by the courier
	ChannelFax     Channel = "fax"
	ChannelOnline  Channel = "online" // the online letter application
)

// Channels lists the delivery channels.
var Channels = []Channel{ChannelAide, ChannelCourier, ChannelFax, ChannelOnline}

// ParseChannel returns the channel named s; "faks" and "aplikasi" are accepted
// as the Indonesian spellings.
func ParseChannel(s string) (Channel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ajudan", "aide":
		return ChannelAide, nil
	case "caraka", "courier":
		return ChannelCourier, nil
	case "fax", "faks":
		return ChannelFax, nil
	case "online", "aplikasi", "app":
		return ChannelOnline, nil
	}
	return "", invalid("unknown channel %q (one of ajudan, caraka, fax, online)", s)
}

// SecurityClass is the letter's sifat.
type SecurityClass string

// The security classes. The standard covers Biasa; Terbatas passes with a
// warning; Rahasia and Sangat Rahasia must be set aside.
const (
	ClassOrdinary   SecurityClass = "B"
	ClassRestricted SecurityClass = "T"
	ClassSecret     SecurityClass = "R"
	ClassTopSecret  SecurityClass = "SR"
)

// ParseClass reads a security class from its letter code or its Indonesian name.
func ParseClass(s string) (SecurityClass, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "B", "BIASA":
		return ClassOrdinary, nil
	case "T", "TERBATAS":
		return ClassRestricted, nil
	case "R", "RAHASIA":
		return ClassSecret, nil
	case "SR", "SANGAT RAHASIA":
		return ClassTopSecret, nil
	}
	return "", invalid("unknown security class %q (one of B, T, R, SR)", s)
}

// Classified reports whether a letter of this class must not go down the
// ordinary path.
func (c SecurityClass) Classified() bool { return c == ClassSecret || c == ClassTopSecret }

// Urgency is the letter's urgency, kept apart from its security class.
type Urgency string

// The urgencies; some offices add Kilat.
const (
	UrgencyOrdinary   Urgency = "Biasa"
	UrgencyUrgent     Urgency = "Segera"
	UrgencyVeryUrgent Urgency = "Sangat Segera"
	UrgencyFlash      Urgency = "Kilat"
)

// ParseUrgency reads an urgency, case-insensitively.
func ParseUrgency(s string) (Urgency, error) {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "", "biasa":
		return UrgencyOrdinary, nil
	case "segera":
		return UrgencyUrgent, nil
	case "sangat segera", "sangat-segera":
		return UrgencyVeryUrgent, nil
	case "kilat":
		return UrgencyFlash, nil
	}
	return "", invalid("unknown urgency %q (one of Biasa, Segera, Sangat Segera, Kilat)", s)
}

// Source says where a letter's raw message came from: a mailbox (name,
// UIDVALIDITY, UID) or a file that was imported.
type Source struct {
	Mailbox     string `json:"mailbox,omitempty"`
	UIDValidity uint32 `json:"uidvalidity,omitempty"`
	UID         uint32 `json:"uid,omitempty"`
	File        string `json:"file,omitempty"`
}

// FromFile reports whether the message was imported from a file.
func (s Source) FromFile() bool { return s.File != "" }

// Recipient is one addressee of a letter who gets a copy, with how it travels
// and whether its receipt has come back.
type Recipient struct {
	Name        string    `json:"name"`
	Channel     Channel   `json:"channel"`
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
	ReceivedBy  string    `json:"received_by,omitempty"`
}

// Delivered reports whether the recipient's receipt is recorded.
func (r Recipient) Delivered() bool { return !r.DeliveredAt.IsZero() }

// Initial is one official's paraf on the control card.
type Initial struct {
	Position string    `json:"position"`
	At       time.Time `json:"at,omitzero"`
}

// Done reports whether the official has initialled.
func (i Initial) Done() bool { return !i.At.IsZero() }

// AgendaNumber is a letter's place in the agenda book: a serial per calendar
// year of registration, from 1, with no gaps.
type AgendaNumber struct {
	Year int `json:"year"`
	Seq  int `json:"seq"`
}

// IsZero reports whether no number was given yet.
func (a AgendaNumber) IsZero() bool { return a.Seq == 0 }

// DefaultAgendaFormat shows an agenda number as 0042/2026.
const DefaultAgendaFormat = "%04d/%d"

// Format shows the number with a Printf format that takes the serial and the
// year, in that order; an empty format means DefaultAgendaFormat.
func (a AgendaNumber) Format(format string) string {
	if a.IsZero() {
		return ""
	}
	if format == "" {
		format = DefaultAgendaFormat
	}
	return fmt.Sprintf(format, a.Seq, a.Year)
}

// String shows the number in the default format.
func (a AgendaNumber) String() string { return a.Format("") }

// Letter is one official message received through Sanapati and everything the
// paper records about it.
type Letter struct {
	ID    uint64 `json:"id"`
	Stage Stage  `json:"stage"`

	// The raw message, stored byte-exact apart from this record.
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Source Source `json:"source"`

	// What the message's headers say (sanitised by mail before it gets here).
	MessageID      string    `json:"message_id"`
	From           string    `json:"from"`
	Subject        string    `json:"subject"`
	Date           time.Time `json:"date,omitzero"`
	HasAttachments bool      `json:"has_attachments,omitempty"`
	// ParseProblem says what could not be read when the parser failed; the raw
	// message is kept whatever it says.
	ParseProblem string `json:"parse_problem,omitempty"`

	// ReceivedAt is when the message reached the mailbox (the server's
	// INTERNALDATE) or was imported; the working-day clock runs from it.
	ReceivedAt time.Time `json:"received_at"`
	// DoneAt is when the last recipient's receipt was recorded: the clock stops.
	DoneAt time.Time `json:"done_at,omitzero"`

	// Step 2.
	Recipients []Recipient `json:"recipients,omitempty"`
	// Step 3.
	CopiesPrintedAt time.Time `json:"copies_printed_at,omitzero"`

	// Step 4: the agenda book's row.
	Agenda       AgendaNumber  `json:"agenda,omitzero"`
	RegisteredAt time.Time     `json:"registered_at,omitzero"`
	LetterNumber string        `json:"letter_number,omitempty"`
	LetterDate   time.Time     `json:"letter_date,omitzero"`
	Origin       string        `json:"origin,omitempty"`
	Summary      string        `json:"summary,omitempty"`
	Attachments  string        `json:"attachments,omitempty"`
	Class        SecurityClass `json:"class,omitempty"`
	Urgency      Urgency       `json:"urgency,omitempty"`
	ClassCode    string        `json:"class_code,omitempty"`
	Index        string        `json:"index,omitempty"`
	Remarks      string        `json:"remarks,omitempty"`

	// Step 5.
	CardPrintedAt time.Time `json:"card_printed_at,omitzero"`
	Examiner      string    `json:"examiner,omitempty"`
	// Step 6, in initialling order.
	Initials []Initial `json:"initials,omitempty"`
	// Step 7.
	Courier    string    `json:"courier,omitempty"`
	AssignedAt time.Time `json:"assigned_at,omitzero"`
	// Step 11.
	ArchiveLocation string    `json:"archive_location,omitempty"`
	ArchivedAt      time.Time `json:"archived_at,omitzero"`

	SetAsideReason string `json:"set_aside_reason,omitempty"`

	// ReceivedEstimated says that the arrival time came from neither the
	// IMAP server nor a Received header (an imported file's time) until an
	// operator corrects it.
	ReceivedEstimated bool `json:"received_estimated,omitempty"`
	// LateReason is why an overdue letter is late, in the operator's words.
	LateReason string `json:"late_reason,omitempty"`
	// DuplicateOf is the agenda number of the earlier registration of the
	// same letter (same origin and letter number), when the operator
	// registered it again knowingly.
	DuplicateOf AgendaNumber `json:"duplicate_of,omitzero"`
	// ProposedFrom says, for each registered field the desk proposed and
	// the operator kept, where it was read: "pdf", "ocr", "email" or
	// "header" (mail.Source), by the field's JSON name.
	ProposedFrom map[string]string `json:"proposed_from,omitempty"`
	// ClassPending says the letter's class is still to be read from its
	// attached PDF (the intake stores first and reads after): until it is
	// (DB.SettleClasses), the letter is held as one classified R or SR is.
	ClassPending bool `json:"class_pending,omitempty"`
}

// Title is the letter's subject as the operator should read it: the
// registered summary when there is one, else the message's subject.
func (l *Letter) Title() string {
	if l.Summary != "" {
		return l.Summary
	}
	return l.Subject
}

// classifiedTitle stands for the subject of an R or SR letter wherever the
// books and reports would print it.
const classifiedTitle = "(rahasia)"

// BookTitle is the subject as the books and reports print it: never the
// subject of a letter classified R or SR, or of one whose class is still
// being read.
func (l *Letter) BookTitle() string {
	if l.Class.Classified() || l.ClassPending {
		return classifiedTitle
	}
	return l.Title()
}

// Sender is the letter's origin once registered, else the From header.
func (l *Letter) Sender() string {
	if l.Origin != "" {
		return l.Origin
	}
	return l.From
}

// Recipient returns the recipient named name (case-insensitively) and its
// index, or -1.
func (l *Letter) Recipient(name string) (Recipient, int) {
	for i, r := range l.Recipients {
		if strings.EqualFold(r.Name, name) {
			return r, i
		}
	}
	return Recipient{}, -1
}

// AllDelivered reports whether every recipient has a receipt.
func (l *Letter) AllDelivered() bool {
	if len(l.Recipients) == 0 {
		return false
	}
	for _, r := range l.Recipients {
		if !r.Delivered() {
			return false
		}
	}
	return true
}

// NextInitial returns the index of the first official who has not initialled,
// or -1 when all have.
func (l *Letter) NextInitial() int {
	for i, in := range l.Initials {
		if !in.Done() {
			return i
		}
	}
	return -1
}

// Timing is a letter's place on the working-day clock at a moment.
type Timing struct {
	Due     time.Time
	Overdue bool
	// Left is the time until Due (negative once past it); zero once the clock
	// has stopped.
	Left time.Duration
	// Estimated says Due was counted through a year with no holiday list:
	// only weekends and the fixed-date holidays were known there.
	Estimated bool
}

// Timing computes the letter's due time on cal and whether it is overdue at now.
// The clock stops when the last receipt is recorded; a set-aside letter has no
// clock running.
func (l *Letter) Timing(cal *Calendar, now time.Time) Timing {
	due := cal.Due(l.ReceivedAt)
	t := Timing{Due: due, Estimated: cal.DueEstimated(l.ReceivedAt, due)}
	switch {
	case !l.DoneAt.IsZero():
		t.Overdue = l.DoneAt.After(due)
	case l.Stage == StageSetAside:
	default:
		t.Left = due.Sub(now)
		t.Overdue = t.Left < 0
	}
	return t
}
