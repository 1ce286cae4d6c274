package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// tricky are strings encoding/json escapes in each of its ways.
var tricky = []string{
	"", "operator", "Budi Santoso", `kutip " dan \ garis`, "<b>&amp;</b>", "baris\nbaru\ttab\r\b\f",
	"\x00\x01\x1f\x7f", "Ñandú é ü € Ω 漢字", "pisah\u2028baris\u2029", "rusak \xff\xfe utf-8 \xe2\x80",
	"emoji 📨",
}

func TestEncodeEventIsEncodingJSON(t *testing.T) {
	var events []*Event
	for _, s := range tricky {
		events = append(events,
			&Event{Seq: 1, Time: time.Date(2026, 11, 23, 8, 14, 0, 123456789, testZone), Operator: s, LetterID: 9,
				Action: ActionReceive, To: StageReceived, After: map[string]json.RawMessage{"sha256": jsonString(s), "stage": jsonString("received")},
				LetterSHA256: "ab", Prev: s},
			&Event{Seq: 1 << 40, Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Operator: "x", Action: ActionUndo,
				From: StagePrinted, To: StageChecked, Reason: s,
				Before: map[string]json.RawMessage{"stage": []byte(`"printed"`), "summary": jsonString(s), "n": []byte(`{"a":[1,2.5e3,null,true]}`)},
				After:  map[string]json.RawMessage{"stage": []byte(`"checked"`)}},
		)
	}
	// Values encoding/json would change: taken through it.
	for _, v := range []string{`{"a": 1}`, "\"<\"", `"a\u2028"`, "\"\xe2\x80\xa8\"", " 1", `"x"` + "\n", "nul", ""} {
		events = append(events, &Event{Seq: 2, Operator: "x", Action: ActionRoute, After: map[string]json.RawMessage{"v": json.RawMessage(v)}})
	}
	for i, e := range events {
		want, werr := json.Marshal(e)
		got, gerr := encodeEvent(e)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Errorf("event %d:\n got %s, %v\nwant %s, %v", i, got, gerr, want, werr)
		}
	}
	// A year encoding/json refuses is refused still.
	if _, err := encodeEvent(&Event{Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Errorf("encodeEvent() of the year 10000 = nil error, as json.Marshal does not")
	}
}

// Every event a letter's life and a directory change write re-encodes to its stored body, and
// the fast encoder, not encoding/json, wrote it.
func TestStoredEventsReencode(t *testing.T) {
	db, _ := openTest(t)
	id := addOne(t, db, 1)
	walk(t, db, id, StageArchived)
	if _, err := db.Undo(id, "salah <arsip> & lemari"); err != nil {
		t.Fatal(err)
	}
	d, err := db.Directory()
	if err != nil {
		t.Fatal(err)
	}
	d.Couriers = append(d.Couriers, Courier{Name: "Pak Darto \"Caraka\""})
	if err := db.SetDirectory(d, "caraka baru"); err != nil {
		t.Fatal(err)
	}
	var events []Event
	err = db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(_, v []byte) error {
			e, err := decodeEvent(v)
			if err == nil {
				events = append(events, *e)
			}
			return err
		})
	})
	if err != nil || len(events) < 12 || events[len(events)-1].Action != ActionDirectory {
		t.Fatalf("the events bucket holds %d, %v", len(events), err)
	}
	fast := 0
	for _, e := range events {
		body, err := encodeEvent(&e)
		if err != nil {
			t.Fatal(err)
		}
		if sha256Hex(body) != e.Hash {
			t.Fatalf("event %d (%s) does not re-encode to its stored body:\n%s", e.Seq, e.Action, body)
		}
		if _, ok := appendEvent(nil, &e); ok {
			fast++
		}
	}
	if fast != len(events) {
		t.Errorf("%d of %d events went through encoding/json", len(events)-fast, len(events))
	}
}

func FuzzEncodeEvent(f *testing.F) {
	for _, s := range tricky {
		f.Add(s, s, []byte(`"`+s+`"`))
	}
	f.Fuzz(func(t *testing.T, operator, reason string, value []byte) {
		e := &Event{Seq: 3, Time: time.Unix(1790000000, 5), Operator: operator, LetterID: 1, Action: ActionRegister,
			From: StagePrinted, To: StageRegistered, Reason: reason,
			Before: map[string]json.RawMessage{"v": value, reason: []byte(`1`)}, Prev: operator}
		want, werr := json.Marshal(e)
		got, gerr := encodeEvent(e)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("\n got %s, %v\nwant %s, %v", got, gerr, want, werr)
		}
	})
}
