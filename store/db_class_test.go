package store

import (
	"slices"
	"testing"
)

// A letter stored with its class pending is held as an R or SR letter is
// until SettleClasses records what its PDF declares; the change is an audit
// event and the chain verifies.
func TestClassPendingHoldsTheLetter(t *testing.T) {
	db, _ := openTest(t)
	secret, plain, ordinary := message(1), message(2), message(3)
	secret.ClassPending, plain.ClassPending = true, true
	res, err := db.Add([]Incoming{secret, plain, ordinary})
	if err != nil || len(res.Added) != 3 {
		t.Fatalf("Add() = %+v, %v", res, err)
	}
	if ids, err := db.ClassPending(); err != nil || !slices.Equal(ids, []uint64{1, 2}) {
		t.Fatalf("ClassPending() = %v, %v; want [1 2]", ids, err)
	}
	l, err := db.Letter(1)
	if err != nil || !l.ClassPending || Code(l.Sealed()) != ErrClassPending {
		t.Fatalf("Letter(1) pending = %v, sealed %v, %v", l.ClassPending, l.Sealed(), err)
	}
	for _, id := range []uint64{1, 2} {
		if _, err := db.Route(id, []Recipient{{Name: "Walikota"}}); Code(err) != ErrClassPending {
			t.Errorf("Route(%d) while its class is read = %v, want %s", id, err, ErrClassPending)
		}
	}
	if _, err := db.Route(3, []Recipient{{Name: "Walikota"}}); err != nil {
		t.Fatalf("Route(3), no PDF to wait for = %v", err)
	}

	if err := db.SettleClasses([]ClassRead{{1, ClassSecret}, {2, ClassOrdinary}}); err != nil {
		t.Fatalf("SettleClasses(1 R, 2 B) = %v", err)
	}
	if err := db.SettleClasses([]ClassRead{{2, ClassSecret}}); err != nil {
		t.Fatalf("SettleClasses(2) again = %v", err)
	}
	if ids, _ := db.ClassPending(); len(ids) != 0 {
		t.Fatalf("ClassPending() after settling = %v", ids)
	}
	if _, err := db.Route(1, []Recipient{{Name: "Walikota"}}); Code(err) != ErrClassified {
		t.Errorf("Route(1) of an R letter = %v, want %s", err, ErrClassified)
	}
	if l, _ := db.Letter(2); l.Class.Classified() || l.ClassPending {
		t.Errorf("letter 2 after B was read = class %q pending %v; a second settle must change nothing", l.Class, l.ClassPending)
	}
	if _, err := db.Route(2, []Recipient{{Name: "Walikota"}}); err != nil {
		t.Errorf("Route(2) once its class is read = %v", err)
	}
	events, err := db.Events(1)
	if err != nil || len(events) != 2 || events[1].Action != ActionReadClass {
		t.Fatalf("events of letter 1 = %+v, %v; want receive, read_class", events, err)
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() {
		t.Fatalf("Verify() = %v, %v", rep.Problems, err)
	}
}
