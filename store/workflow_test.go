package store

import (
	"bytes"
	"crypto/sha256"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestTransitionTable(t *testing.T) {
	for _, s := range Stages {
		if _, ok := transitions[s]; !ok {
			t.Fatalf("stage %s is missing from the transition table", s)
		}
	}
	tests := []struct {
		from, to Stage
		want     bool
	}{
		{StageReceived, StageChecked, true},
		{StageReceived, StageRegistered, false},
		{StageChecked, StageChecked, true},
		{StageForwarded, StageInitialled, true},
		{StageInitialled, StageForwarded, false},
		{StageArchived, StageReceived, false},
		{StageSetAside, StageChecked, false},
		{StageDelivered, StageSetAside, false},
	}
	for _, tt := range tests {
		if got := CanFollow(tt.from, tt.to); got != tt.want {
			t.Errorf("CanFollow(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	next := map[Stage]Action{
		StageReceived: ActionRoute, StageChecked: ActionPrintCopies, StagePrinted: ActionRegister,
		StageRegistered: ActionPrintCard, StageForwarded: ActionInitial, StageInitialled: ActionAssign,
		StageAssigned: ActionDeliver, StageDelivered: ActionArchive, StageArchived: "", StageSetAside: "",
	}
	for s, want := range next {
		if got := NextAction(s); got != want {
			t.Errorf("NextAction(%s) = %q, want %q", s, got, want)
		}
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	db.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u32(SchemaVersion+1)) })
	b.Close()
	_, err = Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer sanapati-desk") {
		t.Fatalf("Open(newer schema) = %v, want a refusal", err)
	}
}

// TestMigrationFromSchema1 makes a store look as schema 1 wrote it (no
// stage counters, no received times in the stage index, message hashes of
// the raw bytes) and checks that opening it brings it up to date.
func TestMigrationFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	addOne(t, db, 1)
	addOne(t, db, 2)
	walk(t, db, 2, StageRegistered)
	db.Close()

	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, s := range Stages {
			meta.Delete(stageCountKey(s))
		}
		stages := tx.Bucket(bucketByStage)
		var keys [][]byte
		stages.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		for _, k := range keys {
			stages.Put(k, nil)
		}
		tx.DeleteBucket(bucketByHash)
		byHash, _ := tx.CreateBucket(bucketByHash)
		tx.Bucket(bucketRaw).ForEach(func(k, v []byte) error {
			return byHash.Put([]byte(sha256Hex(v)), append([]byte(nil), k...))
		})
		return meta.Put(keySchema, u32(1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("Open(schema 1) = %v", err)
	}
	defer db.Close()
	if rep, _ := db.Verify(); !rep.OK() {
		t.Fatalf("Verify() after migration = %v", rep.Problems)
	}
	counts, _ := db.StageCounts()
	if counts[StageReceived] != 1 || counts[StageRegistered] != 1 {
		t.Fatalf("StageCounts() after migration = %v", counts)
	}
	again := message(1)
	again.Source.UIDValidity = 99
	if res, err := db.Add([]Incoming{again}); err != nil || res.Duplicates != 1 {
		t.Fatalf("Add(stored message) after migration = %+v, %v; want a duplicate", res, err)
	}
}

// TestMigrationFromSchema3 makes a store look as schema 3 wrote it (content
// keys of the message with CRLF read as LF) and checks that opening it
// rebuilds the keys: the same message, fetched again or imported with LF
// lines, is found as a duplicate.
func TestMigrationFromSchema3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	addOne(t, db, 1)
	db.Close()

	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		tx.DeleteBucket(bucketByHash)
		byHash, _ := tx.CreateBucket(bucketByHash)
		tx.Bucket(bucketRaw).ForEach(func(k, v []byte) error {
			old := sha256.Sum256(bytes.ReplaceAll(v, []byte("\r\n"), []byte("\n")))
			return byHash.Put(old[:], append([]byte(nil), k...))
		})
		return tx.Bucket(bucketMeta).Put(keySchema, u32(3))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("Open(schema 3) = %v", err)
	}
	defer db.Close()
	again := message(1)
	again.Source.UIDValidity = 99
	lf := message(1)
	lf.Source = Source{}
	lf.Raw = bytes.ReplaceAll(lf.Raw, []byte("\r\n"), []byte("\n"))
	for name, in := range map[string]Incoming{"fetched again": again, "imported with LF lines": lf} {
		if res, err := db.Add([]Incoming{in}); err != nil || res.Duplicates != 1 {
			t.Errorf("Add(stored message %s) after migration = %+v, %v; want a duplicate", name, res, err)
		}
	}
}

func TestPaperStep(t *testing.T) {
	tests := []struct {
		a      Action
		s      Stage
		record bool
		err    bool
	}{
		{ActionPrintCopies, StageReceived, false, true},
		{ActionPrintCopies, StageChecked, true, false},
		{ActionPrintCopies, StagePrinted, false, false},
		{ActionPrintCopies, StageArchived, false, false},
		{ActionPrintCopies, StageSetAside, false, true},
		{ActionPrintCard, StagePrinted, false, true},
		{ActionPrintCard, StageRegistered, true, false},
		{ActionPrintCard, StageInitialled, false, false},
	}
	for _, tt := range tests {
		record, err := (&Letter{Stage: tt.s}).PaperStep(tt.a)
		if record != tt.record || (err != nil) != tt.err || (err != nil && Code(err) != ErrOutOfOrder) {
			t.Errorf("PaperStep(%s, %s) = %v, %v; want %v, error %v", tt.a, tt.s, record, err, tt.record, tt.err)
		}
	}
}
