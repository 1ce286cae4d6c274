package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a test testClock that moves only when told.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var testZone = DefaultCalendar().Location()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, testZone)
	if err != nil {
		panic(err)
	}
	return t
}

func openTest(t testing.TB) (*DB, *testClock) {
	t.Helper()
	c := &testClock{t: at("2026-11-23 08:00")}
	db, err := Open(filepath.Join(t.TempDir(), "desk.db"), Options{Now: c.Now, Operator: "tester"})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, c
}

func message(n int) Incoming {
	return Incoming{
		Raw:        []byte(fmt.Sprintf("From: a@kemendagri.go.id\r\nSubject: Surat %d\r\n\r\nIsi %d\r\n", n, n)),
		ReceivedAt: at("2026-11-23 08:14").Add(time.Duration(n) * time.Minute),
		Source:     Source{Mailbox: "INBOX", UIDValidity: 7, UID: uint32(n)},
		From:       "Tata Usaha Kemendagri",
		Subject:    fmt.Sprintf("Surat %d", n),
		MessageID:  fmt.Sprintf("<%d@kemendagri.go.id>", n),
	}
}

func addOne(t testing.TB, db *DB, n int) uint64 {
	t.Helper()
	res, err := db.Add([]Incoming{message(n)})
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("Add(message %d) = %+v, %v", n, res, err)
	}
	return res.Added[0]
}

// walk takes letter id through every step up to and including stop.
func walk(t testing.TB, db *DB, id uint64, stop Stage) *Letter {
	t.Helper()
	steps := []struct {
		stage Stage
		do    func() (*Letter, error)
	}{
		{StageChecked, func() (*Letter, error) {
			return db.Route(id, []Recipient{{Name: "Walikota"}, {Name: "Kepala Dinas Kesehatan", Channel: ChannelFax}})
		}},
		{StagePrinted, func() (*Letter, error) { return db.RecordCopiesPrinted(id) }},
		{StageRegistered, func() (*Letter, error) {
			return db.Register(id, Registration{LetterNumber: fmt.Sprintf("005/%d/SJ", id), Summary: "Undangan Rapat"})
		}},
		{StageForwarded, func() (*Letter, error) { return db.RecordCardPrinted(id) }},
		{StageInitialled, func() (*Letter, error) {
			for range 2 {
				if _, err := db.Initial(id, "", time.Time{}); err != nil {
					return nil, err
				}
			}
			return db.Initial(id, "", time.Time{})
		}},
		{StageAssigned, func() (*Letter, error) { return db.Assign(id, "Pak Darto", time.Time{}) }},
		{StageDelivered, func() (*Letter, error) {
			if _, err := db.Deliver(id, "Walikota", "", "Ajudan Budi", time.Time{}); err != nil {
				return nil, err
			}
			return db.Deliver(id, "kepala dinas kesehatan", ChannelCourier, "Sekretariat Dinkes", time.Time{})
		}},
		{StageArchived, func() (*Letter, error) { return db.Archive(id, "Lemari 2 / Box 11", time.Time{}) }},
	}
	var l *Letter
	for _, s := range steps {
		var err error
		if l, err = s.do(); err != nil {
			t.Fatalf("step to %s: %v", s.stage, err)
		}
		if l.Stage != s.stage {
			t.Fatalf("after step to %s the letter is %s", s.stage, l.Stage)
		}
		if s.stage == stop {
			break
		}
	}
	return l
}

func TestWorkflowWholeJourney(t *testing.T) {
	db, clk := openTest(t)
	id := addOne(t, db, 1)
	clk.Set(at("2026-11-23 10:00"))
	l := walk(t, db, id, StageArchived)
	if got := l.Agenda.String(); got != "0001/2026" {
		t.Fatalf("agenda number = %q, want 0001/2026", got)
	}
	if l.Courier != "Pak Darto" || l.ArchiveLocation != "Lemari 2 / Box 11" {
		t.Fatalf("courier %q, location %q", l.Courier, l.ArchiveLocation)
	}
	if r, _ := l.Recipient("Kepala Dinas Kesehatan"); r.Channel != ChannelCourier || r.ReceivedBy != "Sekretariat Dinkes" {
		t.Fatalf("recipient = %+v, want delivered by caraka to Sekretariat Dinkes", r)
	}
	if l.DoneAt.IsZero() {
		t.Fatalf("the testClock did not stop at the last receipt")
	}
	if tm := l.Timing(db.Calendar(), at("2026-12-31 10:00")); tm.Overdue {
		t.Fatalf("a letter delivered the same day is overdue: %+v", tm)
	}
	dir, err := db.Directory()
	if err != nil {
		t.Fatalf("Directory() = %v", err)
	}
	if _, ok := dir.Courier("Pak Darto"); !ok {
		t.Fatalf("a new courier did not join the directory: %+v", dir.Couriers)
	}
	events, err := db.Events(id)
	if err != nil {
		t.Fatalf("Events() = %v", err)
	}
	// receive, route, print, register, card, 3 initials, assign, 2 deliveries, archive
	if len(events) != 12 {
		t.Fatalf("got %d events, want 12: %+v", len(events), events)
	}
	for _, e := range events {
		if e.Operator != "tester" || e.Time.IsZero() || e.Hash == "" || len(e.After) == 0 {
			t.Fatalf("event %d is incomplete: %+v", e.Seq, e)
		}
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() {
		t.Fatalf("Verify() = %+v, %v", rep, err)
	}
}

func TestStepOutOfOrderChangesNothing(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	tests := []struct {
		name string
		do   func() (*Letter, error)
		code ErrorCode
	}{
		{"register before routing", func() (*Letter, error) { return db.Register(id, Registration{}) }, ErrOutOfOrder},
		{"archive at once", func() (*Letter, error) { return db.Archive(id, "Lemari 1", time.Time{}) }, ErrOutOfOrder},
		{"initial before the card", func() (*Letter, error) { return db.Initial(id, "", time.Time{}) }, ErrOutOfOrder},
		{"unknown recipient", func() (*Letter, error) { return db.Route(id, []Recipient{{Name: "Presiden"}}) }, ErrUnknownRecipient},
		{"no recipient", func() (*Letter, error) { return db.Route(id, nil) }, ErrInvalid},
		{"set aside without reason", func() (*Letter, error) { return db.SetAside(id, "  ") }, ErrReasonRequired},
		{"undo without reason", func() (*Letter, error) { return db.Undo(id, "") }, ErrReasonRequired},
		{"undo with nothing done", func() (*Letter, error) { return db.Undo(id, "salah") }, ErrNothingToUndo},
		{"missing letter", func() (*Letter, error) { return db.RecordCopiesPrinted(999) }, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.do()
			if Code(err) != tt.code {
				t.Fatalf("err = %v (code %q), want code %q", err, Code(err), tt.code)
			}
			events, _ := db.Events(id)
			if len(events) != 1 {
				t.Fatalf("a refused step wrote events: %+v", events)
			}
		})
	}
}

func TestInitialsInOrder(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	l := walk(t, db, id, StageForwarded)
	if len(l.Initials) != 3 || l.Examiner != l.Initials[0].Position {
		t.Fatalf("card initials = %+v, examiner %q", l.Initials, l.Examiner)
	}
	last := l.Initials[2].Position
	if _, err := db.Initial(id, last, time.Time{}); Code(err) != ErrInitialOrder {
		t.Fatalf("Initial(%q) out of order = %v, want %s", last, err, ErrInitialOrder)
	}
	if _, err := db.Initial(id, "Kepala Desa", time.Time{}); Code(err) != ErrUnknownOfficial {
		t.Fatalf("Initial(unknown) = %v, want %s", err, ErrUnknownOfficial)
	}
	l, err := db.Initial(id, l.Initials[0].Position, time.Time{})
	if err != nil || l.Stage != StageForwarded || l.NextInitial() != 1 {
		t.Fatalf("Initial(first by name) = %+v, %v", l, err)
	}
}

func TestClassifiedLetterIsStopped(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	walk(t, db, id, StagePrinted)
	if _, err := db.Register(id, Registration{Class: ClassSecret}); Code(err) != ErrClassified {
		t.Fatalf("Register(R) = %v, want %s", err, ErrClassified)
	}
	next := addOne(t, db, 2)
	walk(t, db, next, StagePrinted)
	l, err := db.Register(next, Registration{})
	if err != nil || l.Agenda.Seq != 1 {
		t.Fatalf("the refused registration used up a number: %+v, %v", l, err)
	}
	l, err = db.SetAside(id, "Sifat Rahasia: diserahkan langsung ke Kepala Dinas")
	if err != nil || l.Stage != StageSetAside {
		t.Fatalf("SetAside() = %+v, %v", l, err)
	}
}

func TestUndoStepsBackAndKeepsTheAgendaNumber(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	walk(t, db, id, StageForwarded)
	l, err := db.Undo(id, "kartu salah cetak")
	if err != nil || l.Stage != StageRegistered || len(l.Initials) != 0 || !l.CardPrintedAt.IsZero() {
		t.Fatalf("Undo(card) = %+v, %v", l, err)
	}
	if l, err = db.Undo(id, "data registrasi salah"); err != nil || l.Stage != StagePrinted {
		t.Fatalf("Undo(register) = %+v, %v", l, err)
	}
	if l.Agenda.String() != "0001/2026" || l.LetterNumber != "" {
		t.Fatalf("after undoing the registration: agenda %q, letter number %q", l.Agenda, l.LetterNumber)
	}
	other := addOne(t, db, 2)
	walk(t, db, other, StagePrinted)
	if o, err := db.Register(other, Registration{}); err != nil || o.Agenda.Seq != 2 {
		t.Fatalf("the next letter got %v, %v; want 0002/2026", o.Agenda, err)
	}
	if l, err = db.Register(id, Registration{LetterNumber: "005/1/SJ"}); err != nil || l.Agenda.Seq != 1 {
		t.Fatalf("re-registration got %v, %v; want its own 0001/2026", l.Agenda, err)
	}
	events, _ := db.Events(id)
	var undos int
	for _, e := range events {
		if e.Action == ActionUndo {
			undos++
			if e.Reason == "" {
				t.Fatalf("undo event without reason: %+v", e)
			}
		}
	}
	if undos != 2 {
		t.Fatalf("%d undo events, want 2", undos)
	}
	if rep, _ := db.Verify(); !rep.OK() {
		t.Fatalf("Verify() problems: %v", rep.Problems)
	}
}

func TestAgendaNumbersPerYear(t *testing.T) {
	db, clk := openTest(t)
	register := func(n int, when string) string {
		t.Helper()
		clk.Set(at(when))
		id := addOne(t, db, n)
		l := walk(t, db, id, StageRegistered)
		return l.Agenda.String()
	}
	got := []string{
		register(1, "2026-12-30 09:00"),
		register(2, "2026-12-31 15:00"),
		register(3, "2027-01-04 08:00"),
		register(4, "2027-01-04 09:00"),
	}
	want := []string{"0001/2026", "0002/2026", "0001/2027", "0002/2027"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("agenda numbers = %v, want %v", got, want)
	}
	book, err := db.Agenda(2027, 0)
	if err != nil || len(book) != 2 || book[0].Agenda.Seq != 1 {
		t.Fatalf("Agenda(2027) = %d rows, %v", len(book), err)
	}
	if dec, _ := db.Agenda(2026, time.December); len(dec) != 2 {
		t.Fatalf("Agenda(2026, December) = %d rows, want 2", len(dec))
	}
}

func TestAddDedupes(t *testing.T) {
	db, _ := openTest(t)
	first := message(1)
	res, err := db.Add([]Incoming{first, message(2), first})
	if err != nil || len(res.Added) != 2 || res.Duplicates != 1 {
		t.Fatalf("Add() = %+v, %v; want 2 added, 1 duplicate", res, err)
	}
	// Same bytes at a new UIDVALIDITY: matched on content.
	moved := first
	moved.Source.UIDValidity, moved.Source.UID = 8, 40
	if res, err = db.Add([]Incoming{moved}); err != nil || len(res.Added) != 0 || res.Duplicates != 1 {
		t.Fatalf("Add(new UIDVALIDITY) = %+v, %v; want a duplicate", res, err)
	}
	// Same Message-ID, different message: two letters.
	twin := message(3)
	twin.MessageID = first.MessageID
	if res, err = db.Add([]Incoming{twin}); err != nil || len(res.Added) != 1 {
		t.Fatalf("Add(same Message-ID) = %+v, %v; want a new letter", res, err)
	}
	raw, err := db.Raw(res.Added[0])
	if err != nil || string(raw) != string(twin.Raw) {
		t.Fatalf("Raw() = %q, %v", raw, err)
	}
	if n, _ := db.Count(); n != 3 {
		t.Fatalf("Count() = %d, want 3", n)
	}
}

func TestMailboxStateIsMonotonic(t *testing.T) {
	db, _ := openTest(t)
	if _, err := db.AddFromMailbox("INBOX", MailboxState{UIDValidity: 7, UIDNext: 50}, []Incoming{message(1)}); err != nil {
		t.Fatalf("AddFromMailbox() = %v", err)
	}
	if _, err := db.AddFromMailbox("INBOX", MailboxState{UIDValidity: 7, UIDNext: 20}, nil); err != nil {
		t.Fatalf("AddFromMailbox() = %v", err)
	}
	if st, _ := db.MailboxState("INBOX"); st.UIDNext != 50 {
		t.Fatalf("UIDNext moved back to %d", st.UIDNext)
	}
	if _, err := db.AddFromMailbox("INBOX", MailboxState{UIDValidity: 9, UIDNext: 3}, nil); err != nil {
		t.Fatalf("AddFromMailbox() = %v", err)
	}
	if st, _ := db.MailboxState("INBOX"); st != (MailboxState{UIDValidity: 9, UIDNext: 3}) {
		t.Fatalf("state after a UIDVALIDITY change = %+v", st)
	}
}

func TestListAndSearch(t *testing.T) {
	db, _ := openTest(t)
	for n := 1; n <= 30; n++ {
		addOne(t, db, n)
	}
	walk(t, db, 5, StageRegistered)
	page, err := db.List(Query{Limit: 10, Offset: 10})
	if err != nil || len(page) != 10 || page[0].ID != 20 || page[9].ID != 11 {
		t.Fatalf("List(page 2) = %d letters from %d, %v", len(page), page[0].ID, err)
	}
	tests := []struct {
		q    Query
		want []uint64
	}{
		{Query{Text: "0001/2026"}, []uint64{5}},
		{Query{Text: "1/2026"}, []uint64{5}},
		{Query{Text: "005/5/sj"}, []uint64{5}},
		{Query{Text: "SURAT 17"}, []uint64{17}},
		{Query{Text: "surat 2", OldestFirst: true}, []uint64{2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29}},
		{Query{Stages: []Stage{StageRegistered}}, []uint64{5}},
		{Query{Stages: []Stage{StageReceived}, Text: "surat 5"}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.q), func(t *testing.T) {
			got, err := db.List(tt.q)
			if err != nil {
				t.Fatalf("List() = %v", err)
			}
			var ids []uint64
			for _, l := range got {
				ids = append(ids, l.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.want) {
				t.Fatalf("List() = %v, want %v", ids, tt.want)
			}
		})
	}
	counts, _ := db.StageCounts()
	if counts[StageReceived] != 29 || counts[StageRegistered] != 1 {
		t.Fatalf("StageCounts() = %v", counts)
	}
}

func TestOverdue(t *testing.T) {
	db, clk := openTest(t)
	id := addOne(t, db, 1) // received Mon 23 Nov 2026 08:15, due Tue 24 08:15
	clk.Set(at("2026-11-24 08:00"))
	if got, _ := db.List(Query{Overdue: true}); len(got) != 0 {
		t.Fatalf("overdue before the due time: %d letters", len(got))
	}
	clk.Set(at("2026-11-24 08:16"))
	got, _ := db.List(Query{Overdue: true})
	if len(got) != 1 || got[0].ID != id {
		t.Fatalf("List(overdue) = %d letters, want letter %d", len(got), id)
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	defer db.Close()
	start := time.Now()
	_, err = Open(path, Options{Timeout: 200 * time.Millisecond})
	if Code(err) != ErrLocked {
		t.Fatalf("second Open() = %v, want %s", err, ErrLocked)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("second Open() took %v", d)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("store mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
}

func TestBackupVerifiesAndMatches(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	addOne(t, db, 2)
	walk(t, db, id, StageAssigned)
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.BackupFile(path); err != nil {
		t.Fatalf("BackupFile() = %v", err)
	}
	copyDB, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open(backup) = %v", err)
	}
	defer copyDB.Close()
	if rep, err := copyDB.Verify(); err != nil || !rep.OK() {
		t.Fatalf("Verify(backup) = %+v, %v", rep, err)
	}
	// Everything the original holds, the copy holds the same.
	want, _ := db.List(Query{})
	got, err := copyDB.List(Query{})
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("backup letters = %+v, %v; want %+v", got, err, want)
	}
	for _, l := range want {
		we, _ := db.Events(l.ID)
		ge, _ := copyDB.Events(l.ID)
		wr, _ := db.Raw(l.ID)
		gr, _ := copyDB.Raw(l.ID)
		if fmt.Sprint(ge) != fmt.Sprint(we) || string(gr) != string(wr) {
			t.Fatalf("backup of letter %d differs in its events or its message", l.ID)
		}
	}
}

func TestOverviewCountsWithoutReading(t *testing.T) {
	db, clk := openTest(t)
	for n := 1; n <= 6; n++ {
		addOne(t, db, n) // received Mon 23 Nov 2026 from 08:15, a minute apart
	}
	walk(t, db, 6, StageDelivered)
	if _, err := db.SetAside(5, "bukan naskah dinas"); err != nil {
		t.Fatalf("SetAside() = %v", err)
	}
	clk.Set(at("2026-11-24 08:17")) // letters 1 and 2 are due by now
	ov, err := db.Overview(db.Now())
	if err != nil {
		t.Fatalf("Overview() = %v", err)
	}
	if ov.Overdue != 2 || ov.DueToday != 2 || ov.Stages[StageReceived] != 4 || ov.Stages[StageDelivered] != 1 || ov.Stages[StageSetAside] != 1 {
		t.Fatalf("Overview() = %+v, want 2 overdue, 2 due today, 4 received, 1 delivered, 1 set aside", ov)
	}
}

func TestAgendaPage(t *testing.T) {
	db, _ := openTest(t)
	for n := 1; n <= 5; n++ {
		walk(t, db, addOne(t, db, n), StageRegistered)
	}
	page, total, err := db.AgendaPage(2026, 1, 2, true)
	if err != nil || total != 5 || len(page) != 2 || page[0].Agenda.Seq != 4 || page[1].Agenda.Seq != 3 {
		t.Fatalf("AgendaPage(newest, 1, 2) = %v, %d, %v", page, total, err)
	}
	page, _, _ = db.AgendaPage(2026, 3, 10, false)
	if len(page) != 2 || page[0].Agenda.Seq != 4 {
		t.Fatalf("AgendaPage(oldest, 3, 10) = %d rows", len(page))
	}
	if page, total, _ = db.AgendaPage(2027, 0, 10, true); len(page) != 0 || total != 0 {
		t.Fatalf("AgendaPage(2027) = %d rows, total %d", len(page), total)
	}
}

func TestListByStageWalksReceivedOrder(t *testing.T) {
	old := scanAbove
	scanAbove = 3
	defer func() { scanAbove = old }()
	db, _ := openTest(t)
	for n := 1; n <= 12; n++ {
		addOne(t, db, n)
	}
	for _, id := range []uint64{2, 5, 7, 11} {
		walk(t, db, id, StageChecked)
	}
	for _, q := range []Query{{Stages: []Stage{StageReceived}, Offset: 2, Limit: 3}, {Stages: []Stage{StageChecked}, Limit: 2}} {
		got, err := db.List(q)
		if err != nil {
			t.Fatalf("List() = %v", err)
		}
		scanAbove = 1000
		want, _ := db.List(q)
		scanAbove = 3
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) || len(got) == 0 {
			t.Fatalf("List(%+v) walking = %v, reading all = %v", q, ids(got), ids(want))
		}
	}
	if rep, _ := db.Verify(); !rep.OK() {
		t.Fatalf("Verify() = %v", rep.Problems)
	}
}

func ids(ls []Letter) []uint64 {
	var out []uint64
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return out
}

func TestSameMessageWithOtherLineEndingsIsOneLetter(t *testing.T) {
	db, _ := openTest(t)
	fetched := message(1) // CRLF, as a server serves it
	exported := Incoming{Raw: []byte(strings.ReplaceAll(string(fetched.Raw), "\r\n", "\n")), Source: Source{File: "/tmp/a.eml"}}
	res, err := db.Add([]Incoming{exported, fetched})
	if err != nil || len(res.Added) != 1 || res.Duplicates != 1 {
		t.Fatalf("Add(LF, CRLF) = %+v, %v; want one letter", res, err)
	}
	other := message(1)
	other.Raw = append(other.Raw, "\r\n-- \r\n"...)
	other.Source.UID = 2
	if res, err = db.Add([]Incoming{other}); err != nil || len(res.Added) != 1 {
		t.Fatalf("Add(different content) = %+v, %v; want a new letter", res, err)
	}
}
