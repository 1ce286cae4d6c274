package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// record is letter id's record as stored.
func record(t *testing.T, db *DB, id uint64) []byte {
	t.Helper()
	var rec []byte
	db.bolt.View(func(tx *bolt.Tx) error {
		rec = bytes.Clone(tx.Bucket(bucketLetters).Get(u64(id)))
		return nil
	})
	if rec == nil {
		t.Fatalf("letter %d has no record", id)
	}
	return rec
}

// sameRecord reports whether two letter records hold the same letter,
// whatever the order of their fields.
func sameRecord(t *testing.T, a, b []byte) bool {
	t.Helper()
	var la, lb Letter
	if err := json.Unmarshal(a, &la); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &lb); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(&la)
	jb, _ := json.Marshal(&lb)
	return bytes.Equal(ja, jb)
}

// receivedState walks the audit trail back from the record as it stands,
// taking back each step's change, to the record as the letter was
// received.
func receivedState(t *testing.T, db *DB, id uint64) []byte {
	t.Helper()
	events, err := db.Events(id)
	if err != nil {
		t.Fatal(err)
	}
	cur := record(t, db, id)
	for i := len(events) - 1; i > 0; i-- {
		if cur, err = revert(cur, &events[i]); err != nil {
			t.Fatal(err)
		}
	}
	if events[0].Action != ActionReceive {
		t.Fatalf("the first event of letter %d is %s", id, events[0].Action)
	}
	return cur
}

func TestReceiveEventIsCompact(t *testing.T) {
	db, _ := openTest(t)
	// Large enough for the digests to be computed on every core; the
	// last message is the first with LF endings: the same letter.
	var in []Incoming
	for n := 1; n <= 40; n++ {
		m := message(n)
		m.Raw = append(m.Raw, strings.Repeat("Dengan hormat, kami mengundang.\r\n", 300)...)
		in = append(in, m)
	}
	lf := message(41)
	lf.Raw = bytes.ReplaceAll(in[0].Raw, []byte("\r\n"), []byte("\n"))
	in = append(in, lf)
	res, err := db.Add(in)
	if err != nil || len(res.Added) != 40 || res.Duplicates != 1 {
		t.Fatalf("Add() = %d added, %d duplicates, %v; want 40, 1", len(res.Added), res.Duplicates, err)
	}
	for i, id := range res.Added {
		l, err := db.Letter(id)
		if err != nil {
			t.Fatal(err)
		}
		if l.SHA256 != sha256Hex(in[i].Raw) {
			t.Fatalf("letter %d: SHA256 %s, want that of message %d", id, l.SHA256, i+1)
		}
		events, err := db.Events(id)
		if err != nil || len(events) != 1 {
			t.Fatalf("Events(%d) = %d events, %v", id, len(events), err)
		}
		e := events[0]
		want := map[string]string{"sha256": `"` + l.SHA256 + `"`, "stage": `"received"`}
		if e.Action != ActionReceive || e.To != StageReceived || len(e.Before) != 0 || len(e.After) != len(want) {
			t.Fatalf("receive event of letter %d = %+v", id, e)
		}
		for k, v := range want {
			if string(e.After[k]) != v {
				t.Fatalf("receive event of letter %d: After[%s] = %s, want %s", id, k, e.After[k], v)
			}
		}
		if e.LetterSHA256 != sha256Hex(record(t, db, id)) {
			t.Fatalf("receive event of letter %d does not bind the record", id)
		}
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() || rep.Events != 40 {
		t.Fatalf("Verify() = %s %v, %v", rep.Summary(), rep.Problems, err)
	}
}

// An event of a received letter once held every field of the record as a
// diff; stores written so hold such events for good. Both kinds verify,
// list, undo back to the receipt, and give the received record back.
func TestReceiveEventsOldAndNew(t *testing.T) {
	db, _ := openTest(t)
	newID := addOne(t, db, 1)
	newAtReceipt := record(t, db, newID)

	// A letter received the way earlier versions wrote it.
	var oldID uint64
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		w := newWriter(db, tx)
		m := message(2)
		id, _ := w.letters.NextSequence()
		l := &Letter{ID: id, Stage: StageReceived, SHA256: sha256Hex(m.Raw), Size: int64(len(m.Raw)),
			Source: m.Source, MessageID: m.MessageID, From: m.From, Subject: m.Subject, ReceivedAt: m.ReceivedAt}
		after, _ := json.Marshal(l)
		w.letters.Put(u64(id), after)
		w.raw.Put(u64(id), m.Raw)
		w.bySource.Put(sourceKey(m.Source), u64(id))
		w.byHash.Put(contentKey(m.Raw), u64(id))
		w.byReceived.Put(receivedKey(l), nil)
		w.search.Put(u64(id), searchText(l))
		if err := w.moveStage(l, ""); err != nil {
			return err
		}
		e := &Event{LetterID: id, Action: ActionReceive, To: StageReceived, LetterSHA256: sha256Hex(after)}
		var err error
		if e.Before, e.After, err = diff(nil, after); err != nil {
			return err
		}
		oldID = id
		if err := w.appendEvent(e); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	oldAtReceipt := record(t, db, oldID)
	if evs, _ := db.Events(oldID); len(evs) != 1 || len(evs[0].After) < 8 {
		t.Fatalf("the old-style receive event holds %d fields", len(evs[0].After))
	}

	for _, c := range []struct {
		name    string
		id      uint64
		receipt []byte
	}{{"new", newID, newAtReceipt}, {"old", oldID, oldAtReceipt}} {
		t.Run(c.name, func(t *testing.T) {
			walk(t, db, c.id, StageRegistered)
			if got := receivedState(t, db, c.id); !sameRecord(t, got, c.receipt) {
				t.Fatalf("the trail walked back gives\n%s\nwant\n%s", got, c.receipt)
			}
			for range 3 {
				if _, err := db.Undo(c.id, "salah langkah"); err != nil {
					t.Fatalf("Undo() = %v", err)
				}
			}
			l, err := db.Letter(c.id)
			if err != nil || l.Stage != StageReceived {
				t.Fatalf("after three undos the letter is %v, %v", l.Stage, err)
			}
			if _, err := db.Undo(c.id, "sekali lagi"); Code(err) != ErrNothingToUndo {
				t.Fatalf("Undo() past the receipt = %v, want %s", err, ErrNothingToUndo)
			}
		})
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() {
		t.Fatalf("Verify() = %s %v, %v", rep.Summary(), rep.Problems, err)
	}
	counts, _ := db.StageCounts()
	if counts[StageReceived] != 2 || counts[StageChecked]+counts[StagePrinted]+counts[StageRegistered] != 0 {
		t.Fatalf("StageCounts() = %v, want 2 received", counts)
	}
}

func TestBatchWritesChainHeadAndCountersOnce(t *testing.T) {
	db, _ := openTest(t)
	var in []Incoming
	for n := 1; n <= 25; n++ {
		in = append(in, message(n))
	}
	in = append(in, message(3)) // a duplicate in the same batch
	res, err := db.AddFromMailbox("INBOX", MailboxState{UIDValidity: 7, UIDNext: 26}, in)
	if err != nil || len(res.Added) != 25 || res.Duplicates != 1 {
		t.Fatalf("AddFromMailbox() = %d added, %d duplicates, %v", len(res.Added), res.Duplicates, err)
	}
	counts, _ := db.StageCounts()
	if counts[StageReceived] != 25 {
		t.Fatalf("StageCounts() = %v, want 25 received", counts)
	}
	var head string
	var last []byte
	db.bolt.View(func(tx *bolt.Tx) error {
		head = string(tx.Bucket(bucketMeta).Get(keyChainHead))
		_, last = tx.Bucket(bucketEvents).Cursor().Last()
		last = bytes.Clone(last)
		return nil
	})
	if head != string(last[:hashLen]) {
		t.Fatalf("chain head %s is not the last event's hash %s", head, last[:hashLen])
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() || rep.Events != 25 {
		t.Fatalf("Verify() = %s %v, %v", rep.Summary(), rep.Problems, err)
	}
	if l, err := db.List(Query{Stages: []Stage{StageReceived}}); err != nil || len(l) != 25 {
		t.Fatalf("List(received) = %d, %v", len(l), err)
	}
}
