package store

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Opening a store that is up to date writes nothing: a no-op fetch or the
// interface's start waits for no fsync.
func TestOpenWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	txid := func() int {
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("Open() = %v", err)
		}
		defer db.Close()
		var id int
		db.bolt.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		return id
	}
	first := txid()
	if again := txid(); again != first {
		t.Fatalf("opening an up-to-date store wrote %d transactions", again-first)
	}
}
