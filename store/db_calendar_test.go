package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCalendarKeptInTheStore: a year's list loaded, a day taken out, a
// period added, each an audit event; due times follow at once and after
// the store is opened again.
func TestCalendarKeptInTheStore(t *testing.T) {
	db, _ := openTest(t)
	path := db.Path()
	newYear := at("2026-12-31 10:00")
	l := Letter{ReceivedAt: newYear}
	if tm := l.Timing(db.Calendar(), newYear); !tm.Estimated || !tm.Due.Equal(at("2027-01-04 10:00")) {
		t.Fatalf("before the 2027 list: due %v estimated %v", tm.Due, tm.Estimated)
	}
	list := "# 2027\n2027-01-01 libur Tahun Baru Masehi\n2027-01-04 cuti Cuti bersama uji\n"
	n, err := db.LoadCalendarYears(list, "SKB 2027")
	if err != nil || n != 2 {
		t.Fatalf("LoadCalendarYears() = %d, %v; want 2 changes", n, err)
	}
	if tm := l.Timing(db.Calendar(), newYear); tm.Estimated || !tm.Due.Equal(at("2027-01-05 10:00")) {
		t.Fatalf("after the 2027 list: due %v estimated %v, want 5 January, not estimated", tm.Due, tm.Estimated)
	}
	// Loading the same list again changes nothing and writes no event.
	if n, err := db.LoadCalendarYears(list, "lagi"); err != nil || n != 0 {
		t.Fatalf("the same list again = %d, %v; want no change", n, err)
	}
	// A day taken out is a working day again; a built-in one too.
	if err := db.RemoveCalendar("2027-01-04", "cuti dibatalkan"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveCalendar("2026-12-24", "kantor buka"); err != nil {
		t.Fatal(err)
	}
	if !db.Calendar().IsWorkingDay(at("2026-12-24 09:00")) {
		t.Fatal("24 December is still a holiday after it was taken out")
	}
	if err := db.AddCalendarLine("2027-02-08..2027-03-09 jam mon-thu=08.00-15.00 fri=08.00-11.30 Ramadan 1448 H", "SE Wali Kota"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"2027-13-01 libur x", "2027-02-08..2027-03-09 jam Ramadan", ""} {
		if err := db.AddCalendarLine(bad, ""); Code(err) != ErrInvalid {
			t.Errorf("AddCalendarLine(%q) = %v, want invalid", bad, err)
		}
	}
	if err := db.RemoveCalendar("2027-06-02", ""); Code(err) != ErrInvalid {
		t.Errorf("RemoveCalendar(an ordinary day) = %v, want invalid", err)
	}
	var reasons []string
	err = db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(_, v []byte) error {
			e, err := decodeEvent(v)
			if err == nil && e.Action == ActionCalendar {
				reasons = append(reasons, e.Reason)
			}
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(reasons, "|"); got != "SKB 2027|cuti dibatalkan|kantor buka|SE Wali Kota" {
		t.Fatalf("calendar events = %q", got)
	}
	if r, err := db.Verify(); err != nil || !r.OK() {
		t.Fatalf("Verify() = %+v, %v", r, err)
	}
	db.Close()

	again, err := Open(path, Options{Operator: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	cal := again.Calendar()
	if !cal.HasYear(2027) || !cal.IsWorkingDay(at("2027-01-04 09:00")) || !cal.IsWorkingDay(at("2026-12-24 09:00")) {
		t.Fatalf("the changes are lost on reopening: 2027 %v, 4 Jan working %v, 24 Dec working %v",
			cal.HasYear(2027), cal.IsWorkingDay(at("2027-01-04 09:00")), cal.IsWorkingDay(at("2026-12-24 09:00")))
	}
	if span, name := cal.Hours(at("2027-02-12 09:00")); span.String() != "08.00-11.30" || name != "Ramadan 1448 H" {
		t.Fatalf("the period is lost on reopening: %s %q", span, name)
	}
}
