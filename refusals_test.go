package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
	"sanapati-desk/tui"
)

// The command line driven as a script would drive it: each refusal of a
// workflow rule exits 1 with the catalogue's sentence for the store's
// error and changes nothing; each allowed path exits 0 and leaves an
// audit event. The interface's tests show the same sentences.

// classified is a message that declares itself Rahasia, as the intake
// stores it.
func classified(n int) store.Incoming {
	in := sample(n)
	in.Raw = []byte("From: Biro Umum BSSN <umum@bssn.go.id>\r\nSubject: RAHASIA - Laporan\r\n\r\nSifat : Rahasia\r\n")
	in.Class = store.ClassSecret
	return in
}

// overdue is a message received ten days ago.
func overdue(n int) store.Incoming {
	in := sample(n)
	in.ReceivedAt = time.Now().AddDate(0, 0, -10)
	return in
}

// snapshot is a letter as `show --json` prints it.
func (d *desk) snapshot(id string) string {
	d.t.Helper()
	return d.must("show", id, "--json")
}

// letter decodes `show --json`.
func (d *desk) letter(id string) letterJSON {
	d.t.Helper()
	var l letterJSON
	if err := json.Unmarshal([]byte(d.snapshot(id)), &l); err != nil {
		d.t.Fatalf("show --json: %v", err)
	}
	return l
}

// refused runs args, which must exit 1 with want on stderr, and checks
// that letter id did not change and that the store still verifies.
func (d *desk) refused(id, want string, args ...string) {
	d.t.Helper()
	before := d.snapshot(id)
	code, _, errOut := d.run(args...)
	if code != 1 || !strings.Contains(errOut, want) {
		d.t.Fatalf("%v: exit %d, stderr %q; want exit 1 and %q", args, code, errOut, want)
	}
	if after := d.snapshot(id); after != before {
		d.t.Fatalf("%v changed the letter:\n%s\nwas\n%s", args, after, before)
	}
	d.must("verify")
}

// sentence is what the catalogue says for a store error.
func sentence(e *store.Error) string { return tui.Catalog("id").Error(e) }

// deskTime is a moment as the command line takes it.
func deskTime(t time.Time) string {
	return t.In(jakarta()).Format(store.TimeLayout)
}

func jakarta() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		panic(err)
	}
	return loc
}

func TestCommandLineRefusesClassifiedLetters(t *testing.T) {
	d := newDesk(t, classified(1))
	if l := d.letter("1"); l.Class != "R" {
		t.Fatalf("show --json class = %q, want R from receipt", l.Class)
	}
	held := sentence(&store.Error{Code: store.ErrClassified, Subject: "R"})
	d.refused("1", held, "route", "1", "--to", "Walikota")
	d.refused("1", held, "copies", "1", "-o", t.TempDir())
	d.refused("1", held, "register", "1", "--class", "B")
	d.refused("1", sentence(&store.Error{Code: store.ErrReasonRequired}), "classify", "1", "--class", "B")
	d.refused("1", sentence(&store.Error{Code: store.ErrReleaseClass, Subject: "SR"}), "classify", "1", "--class", "SR", "--reason", "x")

	// Released with a reason, it goes on; the event names the operator and
	// the reason.
	d.must("classify", "1", "--class", "B", "--reason", "Salah tanda: undangan biasa")
	d.must("route", "1", "--to", "Walikota")
	db := d.store()
	defer db.Close()
	events, err := db.Events(1)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range events {
		if e.Action == store.ActionClassify {
			found = e.Reason == "Salah tanda: undangan biasa" && e.Operator == "Operator Uji" &&
				string(e.Before["class"]) == `"R"` && string(e.After["class"]) == `"B"`
		}
	}
	if !found {
		t.Fatalf("no classify event with the operator, the reason and the class change in %+v", events)
	}
}

func TestCommandLineRefusesANonClassifiedRelease(t *testing.T) {
	d := newDesk(t, sample(1))
	d.refused("1", sentence(&store.Error{Code: store.ErrNotClassified}), "classify", "1", "--class", "B", "--reason", "x")
}

func TestCommandLineChecksRecordedTimes(t *testing.T) {
	d := newDesk(t, sample(30))
	d.must("route", "1", "--to", "Walikota")
	d.must("copies", "1", "-o", t.TempDir())
	d.must("register", "1")
	d.must("card", "1", "-o", t.TempDir()+"/kartu.pdf")
	l := d.letter("1")
	received, err := time.Parse(time.RFC3339, l.ReceivedAt)
	if err != nil {
		t.Fatal(err)
	}
	received = received.In(jakarta())
	// received is whole seconds; the bound shown is the arrival itself.
	d.refused("1", sentence(&store.Error{Code: store.ErrBeforeArrival, At: received}),
		"initial", "1", "--at", deskTime(received.Add(-time.Hour)))
	// Five minutes of slack, no more.
	d.refused("1", "Waktu itu di depan jam meja; paling lambat",
		"initial", "1", "--at", deskTime(time.Now().Add(time.Hour)))
	if code, _, errOut := d.run("initial", "1", "--at", "besok"); code != 2 || !strings.Contains(errOut, `--at "besok" bukan waktu`) {
		t.Fatalf("initial --at besok: exit %d, stderr %q; want a usage error", code, errOut)
	}
	for range 3 {
		d.must("initial", "1")
	}
	d.must("assign", "1", "--courier", "Pak Darto")
	assigned := d.store()
	al, err := assigned.Letter(1)
	assigned.Close()
	if err != nil {
		t.Fatal(err)
	}
	d.refused("1", sentence(&store.Error{Code: store.ErrBeforeStep, Action: store.ActionAssign, At: al.AssignedAt.In(jakarta())}),
		"deliver", "1", "--to", "Walikota", "--received-by", "Ajudan", "--at", deskTime(received.Add(time.Minute)))
	// The arrival cannot move past the first step taken.
	d.refused("1", `Waktu diterima tidak boleh sesudah langkah "cetak salinan"`,
		"correct", "1", "--received", deskTime(time.Now().Add(3*time.Minute)), "--reason", "x")
}

func TestCommandLineNamesDuplicates(t *testing.T) {
	d := newDesk(t, sample(1), sample(2))
	for _, id := range []string{"1", "2"} {
		d.must("route", id, "--to", "Walikota")
		d.must("copies", id, "-o", t.TempDir())
	}
	d.must("register", "1")
	first := d.letter("1").AgendaNumber
	d.refused("2", sentence(&store.Error{Code: store.ErrDuplicate, Subject: first}), "register", "2")
	d.must("register", "2", "--duplicate")
	if l := d.letter("2"); l.DuplicateOf != first || l.AgendaNumber == first {
		t.Fatalf("the second registration: agenda %s duplicate_of %q, want its own number and %s", l.AgendaNumber, l.DuplicateOf, first)
	}
}

func TestCommandLineLateReasons(t *testing.T) {
	d := newDesk(t, sample(1), overdue(2))
	d.refused("1", sentence(&store.Error{Code: store.ErrNotLate}), "late", "1", "--reason", "Caraka sakit")
	d.refused("2", sentence(&store.Error{Code: store.ErrReasonRequired}), "late", "2")
	d.must("late", "2", "--reason", "Caraka sakit")
	if l := d.letter("2"); l.LateReason != "Caraka sakit" || !l.Overdue {
		t.Fatalf("late_reason = %q (overdue %v), want the reason", l.LateReason, l.Overdue)
	}
}

func TestCommandLineReceiptSheetWaitsForInitials(t *testing.T) {
	d := newDesk(t, sample(1))
	d.must("route", "1", "--to", "Walikota")
	want := sentence(&store.Error{Code: store.ErrOutOfOrder, Action: store.ActionPrintReceipt, Stage: store.StageChecked})
	d.refused("1", want, "receipt", "1", "-o", t.TempDir()+"/tt.pdf")
}

func TestCommandLineCorrectsTheArrival(t *testing.T) {
	d := newDesk(t, sample(1))
	at := time.Now().Add(-26 * time.Hour).In(jakarta()).Truncate(time.Minute)
	d.refused("1", sentence(&store.Error{Code: store.ErrReasonRequired}), "correct", "1", "--received", deskTime(at))
	d.must("correct", "1", "--received", deskTime(at), "--reason", "Tercetak di kop faks")
	l := d.letter("1")
	if got, err := time.Parse(time.RFC3339, l.ReceivedAt); err != nil || !got.Equal(at) || l.ReceivedEstimated {
		t.Fatalf("received_at = %s (estimated %v), want %s", l.ReceivedAt, l.ReceivedEstimated, at)
	}
}

// TestCommandLineSetsAsideARegisteredClassifiedLetter: a letter found to be
// classified after its registration leaves the books' subject blank.
func TestCommandLineSetsAsideARegisteredClassifiedLetter(t *testing.T) {
	d := newDesk(t, sample(1))
	d.must("route", "1", "--to", "Walikota")
	d.must("copies", "1", "-o", t.TempDir())
	d.must("register", "1")
	d.refused("1", `"B"`, "set-aside", "1", "--class", "B", "--reason", "x")
	d.must("set-aside", "1", "--class", "SR", "--reason", "Ternyata sangat rahasia: ke Kasi Persandian")
	if l := d.letter("1"); l.Class != "SR" || l.Stage != store.StageSetAside {
		t.Fatalf("set aside as SR: class %q stage %s", l.Class, l.Stage)
	}
	book := filepath.Join(t.TempDir(), "agenda.csv")
	d.must("agenda", "-o", book)
	data, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "Undangan Rapat") || !strings.Contains(string(data), "(rahasia)") {
		t.Fatalf("the agenda book prints the subject of an SR letter:\n%s", data)
	}
}
