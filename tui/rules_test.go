package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The refusals of the store as the Letter screen shows them: each with
// exactly the sentence the catalogue gives for the store's error, and
// nothing changed. The command line's tests show the same refusals.

// open shows letter id on the Letter screen.
func (h *harness) open(id uint64) {
	h.t.Helper()
	next, cmd := h.m.openLetter(h.letter(id))
	h.m = next.(Model)
	h.run(cmd)
}

// refused fails unless the status line holds, as an error, exactly the
// sentence the catalogue gives for err, and the screen shows it whole.
func (h *harness) refused(err error) {
	h.t.Helper()
	want := Catalog("id").Error(err)
	if h.m.status != want || !h.m.isErr {
		h.t.Errorf("status = %q (error: %v), want the error %q", h.m.status, h.m.isErr, want)
	}
	if screen := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(screen, strings.Join(strings.Fields(want), " ")) {
		h.t.Errorf("the screen does not show %q:\n%s", want, h.screen())
	}
}

// setField clears the focused field and types s into it.
func (h *harness) setField(s string) {
	for range 40 {
		h.press("backspace")
	}
	h.typeText(s)
}

// events returns the actions recorded on letter id, oldest first.
func (h *harness) events(id uint64) []store.Event {
	h.t.Helper()
	evs, err := h.db.Events(id)
	if err != nil {
		h.t.Fatalf("Events(%d) = %v", id, err)
	}
	return evs
}

// unchanged fails when the letter's trail grew since n events.
func (h *harness) unchanged(id uint64, n int) {
	h.t.Helper()
	if evs := h.events(id); len(evs) != n {
		h.t.Errorf("letter %d: %d events after the refusal, want %d (last %s)", id, len(evs), n, evs[len(evs)-1].Action)
	}
}

// seedClassified stores one message the intake marked Rahasia, and one
// whose arrival time is an estimate.
func seedClassified(t testing.TB) func(db *store.DB) {
	return func(db *store.DB) {
		m := deskMessages[2] // the BSSN letter, Sifat: Rahasia
		in := mail.NewIncoming(m.raw(), m.date.Add(9*time.Minute), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
		in.Class = store.ClassSecret
		e := deskMessages[3]
		est := mail.NewIncoming(e.raw(), e.date.Add(24*time.Hour), store.Source{File: "bappeda.eml"})
		est.ReceivedEstimated = true
		if res, err := db.Add([]store.Incoming{in, est}); err != nil || len(res.Added) != 2 {
			t.Fatalf("Add() = %+v, %v", res, err)
		}
		settleClasses(t, db)
	}
}

// TestRefusedClassified: choosing recipients, printing copies,
// registering and printing the card of a letter classified R are each
// refused with the classified sentence, and nothing is recorded.
func TestRefusedClassified(t *testing.T) {
	h := newHarness(t, 200, 40, seedClassified(t))
	h.open(1)
	if l := h.letter(1); l.Class != store.ClassSecret {
		t.Fatalf("the seed letter is class %q", l.Class)
	}
	n := len(h.events(1))
	for _, k := range []string{"t", "p", "r", "c"} {
		h.press(k)
		h.refused(&store.Error{Code: store.ErrClassified, Subject: "R"})
		if h.m.letter.form != nil || h.m.letter.picker != nil {
			t.Fatalf("%s opened a form on a classified letter", k)
		}
	}
	h.unchanged(1, n)
	if l := h.letter(1); l.Stage != store.StageReceived {
		t.Fatalf("the classified letter is %s", l.Stage)
	}
}

// TestRefusedOutOfOrder: a step the letter is not ready for, and the
// courier's receipt sheet before every initial is in.
func TestRefusedOutOfOrder(t *testing.T) {
	h := newHarness(t, 200, 40, seedDesk(t))
	h.open(5)
	n := len(h.events(5))
	h.press("c")
	h.refused(&store.Error{Code: store.ErrOutOfOrder, Action: store.ActionPrintCard, Stage: store.StageReceived})
	h.unchanged(5, n)

	h.press("t", "enter", "p", "r", "enter", "c")
	if l := h.letter(5); l.Stage != store.StageForwarded {
		t.Fatalf("the letter is %s, want forwarded", l.Stage)
	}
	h.press("e")
	h.refused(&store.Error{Code: store.ErrOutOfOrder, Action: store.ActionPrintReceipt, Stage: store.StageForwarded})
}

// TestRefusedTimes: a receipt timed before the letter arrived or ahead
// of the clock, a courier handed the letter in the future, an initial
// before the card was printed, a time that does not read.
func TestRefusedTimes(t *testing.T) {
	h := newHarness(t, 200, 40, seedDesk(t))
	loc := h.db.Calendar().Location()
	h.open(1) // with the courier, one receipt in
	n := len(h.events(1))
	h.press("d")
	if f := h.m.letter.form; f == nil || f.kind != formDeliver {
		t.Fatalf("d did not open the receipt form:\n%s", h.screen())
	}
	h.typeText("Staf Camat")
	h.press("tab")
	h.setField("2026-11-20 10:00")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrBeforeArrival, At: h.letter(1).ReceivedAt.In(loc)})
	h.setField("2026-11-27 10:00")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrInFuture, At: testNow.Add(store.Slack)})
	h.setField("27-11-2026 08.00")
	h.press("enter")
	if f := h.m.letter.form; f == nil || f.err != "Tulis waktu seperti 2026-11-27 14:05." {
		t.Fatalf("a time that does not read: form %+v", f)
	}
	h.unchanged(1, n)

	// The courier's picker takes a time too (tab moves to it).
	h.open(5)
	h.press("t", "enter", "p", "r", "enter", "c", "i", "i", "i", "a", "tab")
	h.setField("2026-11-28 08:00")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrInFuture, At: testNow.Add(store.Slack)})
	if l := h.letter(5); l.Stage != store.StageInitialled {
		t.Fatalf("the refused courier moved the letter to %s", l.Stage)
	}

	// An initial recorded after the fact, before the card was printed.
	h.press("esc", "u")
	h.typeText("paraf ulang")
	h.press("enter")
	if l := h.letter(5); l.Stage != store.StageForwarded {
		t.Fatalf("after the undo the letter is %s", l.Stage)
	}
	card := h.letter(5).CardPrintedAt.In(loc)
	h.press("I")
	h.setField(card.Add(-20 * time.Minute).Format(store.TimeLayout))
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrBeforeStep, Action: store.ActionPrintCard, At: card})
}

// TestTimedSteps records an initial, a courier, a receipt and the archive
// at times written in the forms; an untouched time field records now.
func TestTimedSteps(t *testing.T) {
	h := newHarness(t, 200, 40, seedDesk(t))
	loc := h.db.Calendar().Location()
	at := testNow.Add(3 * time.Minute)
	h.open(5)
	h.press("t", "enter", "p", "r", "enter", "c", "I")
	h.setField(at.Format(store.TimeLayout))
	h.press("enter", "i", "i")
	h.press("a", "tab")
	h.setField(at.Format(store.TimeLayout))
	h.press("enter", "d", "enter")
	h.typeText("Ajudan Walikota")
	h.press("enter", "d")
	h.typeText("Staf Sekda")
	h.press("tab")
	h.setField(at.Add(time.Minute).Format(store.TimeLayout))
	h.press("enter", "A", "tab")
	h.setField(at.Add(2 * time.Minute).Format(store.TimeLayout))
	h.press("enter")
	l := h.letter(5)
	if l.Stage != store.StageArchived {
		t.Fatalf("the letter is %s:\n%s", l.Stage, h.screen())
	}
	for name, got := range map[string]time.Time{
		"first initial": l.Initials[0].At, "courier": l.AssignedAt, "archive": l.ArchivedAt,
		"second receipt": l.Recipients[1].DeliveredAt, "first receipt": l.Recipients[0].DeliveredAt,
		"second initial": l.Initials[1].At,
	} {
		want := map[string]time.Time{
			"first initial": at, "courier": at, "archive": at.Add(2 * time.Minute),
			"second receipt": at.Add(time.Minute), "first receipt": at, "second initial": at,
		}[name]
		if !got.Equal(want) {
			t.Errorf("%s at %s, want %s", name, got.In(loc).Format(store.TimeLayout), want.In(loc).Format(store.TimeLayout))
		}
	}
}

// TestRelease: a letter that is not classified has nothing to release; a
// classified one is released from the screen with a reason, as its own
// audit event, and may then go down the ordinary path.
func TestRelease(t *testing.T) {
	h := newHarness(t, 200, 40, seedClassified(t))
	h.open(2)
	n := len(h.events(2))
	h.press("R")
	h.refused(&store.Error{Code: store.ErrNotClassified})
	if h.m.letter.form != nil {
		t.Fatal("R opened a form on a letter that is not classified")
	}
	h.unchanged(2, n)

	h.open(1)
	h.contains("R › lepaskan sifat rahasia")
	h.press("R")
	h.contains("Lepaskan sifat rahasia naskah #1 (kini R)")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrReasonRequired})
	h.press("shift+tab")
	h.setField("R")
	h.press("tab")
	h.typeText("tanda sifat salah ketik")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrReleaseClass, Subject: "R"})
	h.press("shift+tab")
	h.setField("B")
	h.press("enter")
	l := h.letter(1)
	if l.Class != store.ClassOrdinary {
		t.Fatalf("after the release the letter is class %q:\n%s", l.Class, h.screen())
	}
	evs := h.events(1)
	if last := evs[len(evs)-1]; last.Action != store.ActionClassify || last.Reason != "tanda sifat salah ketik" || last.Operator != "operator" {
		t.Fatalf("last event = %+v, want classify with the reason", last)
	}
	h.contains("Sifat dilepaskan menjadi B; alasannya dicatat.")
	h.press("t")
	if h.m.letter.picker == nil {
		t.Fatalf("t after the release did not open the recipients:\n%s", h.screen())
	}
}

// TestLate: a letter that is not late has no reason to record; an overdue
// one offers L, records the reason as an event and shows it.
func TestLate(t *testing.T) {
	h := newHarness(t, 200, 40, seedDesk(t))
	h.open(5)
	n := len(h.events(5))
	h.press("L")
	h.refused(&store.Error{Code: store.ErrNotLate})
	if h.m.letter.form != nil {
		t.Fatal("L opened a form on a letter that is not late")
	}
	h.unchanged(5, n)

	h.open(1)
	h.contains("Terlambat: tekan L untuk mencatat alasannya.")
	h.press("L")
	h.typeText("caraka sakit")
	h.press("enter")
	if l := h.letter(1); l.LateReason != "caraka sakit" {
		t.Fatalf("late reason = %q:\n%s", l.LateReason, h.screen())
	}
	evs := h.events(1)
	if last := evs[len(evs)-1]; last.Action != store.ActionLate || last.Reason != "caraka sakit" {
		t.Fatalf("last event = %+v, want late with the reason", last)
	}
	h.contains("Alasan keterlambatan dicatat.", "Lambat   caraka sakit")
	if strings.Contains(h.screen(), "tekan L") {
		t.Errorf("the hint stays once the reason is recorded:\n%s", h.screen())
	}
}

// TestLateAfterArchive offers the late reason when an overdue letter is
// archived.
func TestLateAfterArchive(t *testing.T) {
	h := newHarness(t, 200, 40, seedDesk(t))
	h.open(1)
	h.press("d")
	h.typeText("Staf Camat")
	h.press("enter", "A", "enter")
	if l := h.letter(1); l.Stage != store.StageArchived {
		t.Fatalf("the letter is %s:\n%s", l.Stage, h.screen())
	}
	h.contains("Terlambat: tekan L untuk mencatat alasannya.")
	if !strings.HasSuffix(h.m.status, "Terlambat: tekan L untuk mencatat alasannya.") {
		t.Errorf("status after archiving = %q", h.m.status)
	}
}

// TestCorrectArrival marks an estimated arrival and corrects it with a
// reason, as an event; a time after the first step is refused.
func TestCorrectArrival(t *testing.T) {
	h := newHarness(t, 200, 40, seedClassified(t))
	loc := h.db.Calendar().Location()
	h.open(2)
	h.contains("(perkiraan)")
	h.press("W")
	h.contains(h.letter(2).ReceivedAt.In(loc).Format(store.TimeLayout), "Waktu diterima ini perkiraan")
	h.setField("25-11-2026")
	h.press("tab")
	h.typeText("cap pos server")
	h.press("enter")
	if f := h.m.letter.form; f == nil || f.err != "Tulis waktu seperti 2026-11-27 14:05." {
		t.Fatalf("a time that does not read: form %+v", f)
	}
	h.press("shift+tab")
	h.setField("2026-11-25 10:05")
	h.press("enter")
	l := h.letter(2)
	want := time.Date(2026, 11, 25, 10, 5, 0, 0, loc)
	if !l.ReceivedAt.Equal(want) || l.ReceivedEstimated {
		t.Fatalf("arrival = %s (estimated %v), want %s", l.ReceivedAt, l.ReceivedEstimated, want)
	}
	evs := h.events(2)
	if last := evs[len(evs)-1]; last.Action != store.ActionCorrect || last.Reason != "cap pos server" {
		t.Fatalf("last event = %+v, want correct with the reason", last)
	}
	if strings.Contains(h.screen(), "(perkiraan)") {
		t.Errorf("the estimate mark stays after the correction:\n%s", h.screen())
	}
	h.press("W")
	h.setField("2026-11-27 10:00")
	h.press("tab")
	h.typeText("salah")
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrInFuture, Action: store.ActionCorrect, At: testNow.Add(store.Slack)})
}

// TestDuplicate: registering a letter whose sender and number already
// hold an agenda number is refused with that number; n goes back to the
// form, y registers it as a duplicate, shown on the Letter screen.
func TestDuplicate(t *testing.T) {
	seed := func(db *store.DB) {
		a := deskMessages[3]
		b := a
		b.subject, b.date = a.subject+" (kirim ulang)", a.date.Add(2*time.Hour)
		var in []store.Incoming
		for i, m := range []message{a, b} {
			in = append(in, mail.NewIncoming(m.raw(), m.date.Add(time.Minute), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1)}))
		}
		if _, err := db.Add(in); err != nil {
			t.Fatalf("Add() = %v", err)
		}
		settleClasses(t, db)
		for _, id := range []uint64{1, 2} {
			if _, err := db.Route(id, []store.Recipient{{Name: "Camat Pekalongan Utara"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.RecordCopiesPrinted(id); err != nil {
				t.Fatal(err)
			}
		}
	}
	h := newHarness(t, 200, 40, seed)
	h.open(1)
	h.press("r", "enter")
	first := h.letter(1)
	if first.Agenda.String() != "0001/2026" {
		t.Fatalf("the first letter is registered as %q:\n%s", first.Agenda, h.screen())
	}
	h.open(2)
	n := len(h.events(2))
	h.press("r", "enter")
	h.refused(&store.Error{Code: store.ErrDuplicate, Subject: "0001/2026"})
	h.contains("Agendakan juga sebagai duplikat? y/n", "y ya • n tidak")
	h.unchanged(2, n)
	h.press("n")
	if f := h.m.letter.form; f == nil || f.question != "" {
		t.Fatalf("n did not go back to the form: %+v", f)
	}
	h.press("enter")
	h.refused(&store.Error{Code: store.ErrDuplicate, Subject: "0001/2026"})
	h.press("y")
	l := h.letter(2)
	if l.Stage != store.StageRegistered || l.DuplicateOf.String() != "0001/2026" || l.Agenda.String() != "0002/2026" {
		t.Fatalf("after y: %s, agenda %s, duplicate of %q:\n%s", l.Stage, l.Agenda, l.DuplicateOf, h.screen())
	}
	h.contains("Diagendakan dengan nomor 0002/2026, duplikat dari 0001/2026.", "Duplikat dari 0001/2026")
}

// TestQuitWaitsForPrint: quitting while the copies print waits for them
// and records step 3 before the desk ends; a print that fails keeps the
// desk open and says nothing was recorded.
func TestQuitWaitsForPrint(t *testing.T) {
	seed := func(db *store.DB) {
		seedDesk(t)(db)
		if _, err := db.Route(5, []store.Recipient{{Name: "Walikota"}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, fail := range []bool{false, true} {
		h := newHarness(t, 200, 40, seed)
		e := *h.m.e
		if fail {
			e.paper = nil
		}
		batch, ok := runCmd(e.printCopiesJob(*h.letter(5))).(tea.BatchMsg)
		if !ok || len(batch) != 2 {
			t.Fatalf("a job is not a batch of its start and its work: %T", batch)
		}
		work := make(chan tea.Msg, 1)
		go func() { work <- batch[1]() }() // the printer runs while the operator quits
		h.send(batch[0]())
		h.press("q", "y")
		if h.quit {
			t.Fatal("the desk quit while the copies printed")
		}
		h.contains("Menunggu 1 pekerjaan selesai")
		h.send(<-work)
		l := h.letter(5)
		if !fail {
			if !h.quit || l.Stage != store.StagePrinted {
				t.Fatalf("after the print: quit %v, letter %s", h.quit, l.Stage)
			}
			continue
		}
		if h.quit || h.m.quitting || l.Stage != store.StageChecked {
			t.Fatalf("after the failed print: quit %v, quitting %v, letter %s", h.quit, h.m.quitting, l.Stage)
		}
		h.contains("Langkahnya tidak dicatat; desk tetap terbuka.")
	}
}
