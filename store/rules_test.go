package store

import (
	"testing"
	"time"
)

// TestRules is the table of the workflow's refusals, applied to a letter
// without a store: each rule the front ends rely on, with the code it
// refuses with.
func TestRules(t *testing.T) {
	cal := DefaultCalendar()
	received := at("2026-11-23 08:00")
	now := at("2026-11-23 12:00")
	base := func() *Letter { return &Letter{ID: 1, Stage: StageReceived, ReceivedAt: received} }
	forwarded := func() *Letter {
		l := base()
		l.Stage, l.CardPrintedAt = StageForwarded, at("2026-11-23 09:00")
		l.Initials = []Initial{{Position: "Kepala Dinas"}, {Position: "Sekretaris"}}
		return l
	}
	assigned := func() *Letter {
		l := base()
		l.Stage, l.AssignedAt = StageAssigned, at("2026-11-23 10:00")
		l.Initials = []Initial{{Position: "Kepala Dinas", At: at("2026-11-23 09:30")}}
		l.Recipients = []Recipient{{Name: "Walikota", Channel: ChannelAide}}
		return l
	}
	secret := func() *Letter { l := base(); l.Class = ClassSecret; return l }
	dir := &Directory{Recipients: []DirectoryRecipient{{Name: "Walikota", Channel: ChannelAide}}}
	tests := []struct {
		name string
		l    func() *Letter
		do   func(l *Letter) error
		want ErrorCode
	}{
		{"route a classified letter", secret, func(l *Letter) error { return l.Route(dir, []Recipient{{Name: "Walikota"}}) }, ErrClassified},
		{"print copies of a classified letter", func() *Letter { l := secret(); l.Stage = StageChecked; return l },
			func(l *Letter) error { _, err := l.PaperStep(ActionPrintCopies); return err }, ErrClassified},
		{"register a classified letter as B", func() *Letter { l := secret(); l.Stage = StagePrinted; return l },
			func(l *Letter) error {
				return l.register(Registration{Class: ClassOrdinary}, AgendaNumber{2026, 1}, now)
			}, ErrClassified},
		{"register an ordinary letter as R", func() *Letter { l := base(); l.Stage = StagePrinted; return l },
			func(l *Letter) error { return l.register(Registration{Class: ClassSecret}, AgendaNumber{2026, 1}, now) }, ErrClassified},
		{"set aside a classified letter", secret, func(l *Letter) error { return l.SetAside("ke Kasi Persandian") }, ""},
		{"release without a reason", secret, func(l *Letter) error { return l.Classify(ClassOrdinary, " ") }, ErrReasonRequired},
		{"release to SR", secret, func(l *Letter) error { return l.Classify(ClassTopSecret, "x") }, ErrReleaseClass},
		{"release an ordinary letter", base, func(l *Letter) error { return l.Classify(ClassOrdinary, "x") }, ErrNotClassified},
		{"release to B", secret, func(l *Letter) error { return l.Classify(ClassOrdinary, "salah tanda") }, ""},
		{"initial before arrival", forwarded, func(l *Letter) error { return l.Initial("", at("2026-11-23 07:00"), now) }, ErrBeforeArrival},
		{"initial before the card", forwarded, func(l *Letter) error { return l.Initial("", at("2026-11-23 08:30"), now) }, ErrBeforeStep},
		{"initial ahead of the clock", forwarded, func(l *Letter) error { return l.Initial("", now.Add(6*time.Minute), now) }, ErrInFuture},
		{"initial within the slack", forwarded, func(l *Letter) error { return l.Initial("", now.Add(4*time.Minute), now) }, ""},
		{"assign before the last initial", func() *Letter { l := assigned(); l.Stage, l.AssignedAt = StageInitialled, time.Time{}; return l },
			func(l *Letter) error { return l.Assign("Pak Darto", at("2026-11-23 09:00"), now) }, ErrBeforeStep},
		{"deliver before the courier", assigned, func(l *Letter) error {
			return l.Deliver("Walikota", "", "Ajudan", at("2026-11-23 09:45"), now)
		}, ErrBeforeStep},
		{"archive before the last receipt", func() *Letter { l := assigned(); l.Stage, l.DoneAt = StageDelivered, at("2026-11-23 11:00"); return l },
			func(l *Letter) error { return l.Archive("Lemari 1", at("2026-11-23 10:30"), now) }, ErrBeforeStep},
		{"late reason for a letter not late", base, func(l *Letter) error { return l.Late(cal, "x", now) }, ErrNotLate},
		{"late reason for an overdue letter", base, func(l *Letter) error { return l.Late(cal, "caraka sakit", at("2026-11-25 08:00")) }, ""},
		{"late reason for a letter set aside", func() *Letter { l := base(); l.Stage = StageSetAside; return l },
			func(l *Letter) error { return l.Late(cal, "x", at("2026-11-25 08:00")) }, ErrNotLate},
		{"arrival after the first step", assigned, func(l *Letter) error { return l.CorrectReceived(at("2026-11-23 10:30"), "x", now) }, ErrAfterStep},
		{"arrival ahead of the clock", base, func(l *Letter) error { return l.CorrectReceived(now.Add(time.Hour), "x", now) }, ErrInFuture},
		{"arrival without a reason", base, func(l *Letter) error { return l.CorrectReceived(received, "", now) }, ErrReasonRequired},
		{"receipt sheet before the initials", forwarded, func(l *Letter) error { return l.Check(ActionPrintReceipt) }, ErrOutOfOrder},
		{"receipt sheet with the courier", assigned, func(l *Letter) error { return l.Check(ActionPrintReceipt) }, ""},
	}
	for _, tt := range tests {
		l := tt.l()
		if got := Code(tt.do(l)); got != tt.want {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestDuplicateRegistration: the same origin and letter number get one
// agenda number unless the operator says it is a duplicate.
func TestDuplicateRegistration(t *testing.T) {
	db, _ := openTest(t)
	a, b := addOne(t, db, 1), addOne(t, db, 2)
	r := Registration{LetterNumber: "005/77/SJ", Origin: "Kemendagri"}
	walk(t, db, a, StagePrinted)
	walk(t, db, b, StagePrinted)
	first, err := db.Register(a, r)
	if err != nil {
		t.Fatal(err)
	}
	r.LetterNumber, r.Origin = " 005/77/sj ", "KEMENDAGRI"
	if _, err := db.Register(b, r); Code(err) != ErrDuplicate || err.(*Error).Subject != first.Agenda.String() {
		t.Fatalf("second registration = %v, want a duplicate of %s", err, first.Agenda)
	}
	r.Duplicate = true
	second, err := db.Register(b, r)
	if err != nil || second.DuplicateOf != first.Agenda || second.Agenda == first.Agenda {
		t.Fatalf("registration as a duplicate = %+v, %v", second, err)
	}
}
