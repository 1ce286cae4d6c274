package store

import (
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
