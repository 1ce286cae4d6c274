package store

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A new store file has pages of pageSize; a file made with another page
// size (every store before this one: 4 KB) keeps it, and opens, stores and
// verifies as before.
func TestPageSize(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	b, err := bolt.Open(old, 0o600, &bolt.Options{PageSize: 4096})
	if err != nil {
		t.Fatalf("bolt.Open() = %v", err)
	}
	b.Close()
	for _, tc := range []struct {
		name string
		path string
		want int
	}{
		{"new file", filepath.Join(dir, "new.db"), pageSize},
		{"4 KB file", old, 4096},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(tc.path, Options{Operator: "tester"})
			if err != nil {
				t.Fatalf("Open() = %v", err)
			}
			defer db.Close()
			if got := db.bolt.Info().PageSize; got != tc.want {
				t.Errorf("page size = %d, want %d", got, tc.want)
			}
			in := make([]Incoming, 20)
			for i := range in {
				in[i] = message(i + 1)
			}
			if res, err := db.Add(in); err != nil || len(res.Added) != len(in) {
				t.Fatalf("Add() = %+v, %v", res, err)
			}
			rep, err := db.Verify()
			if err != nil || !rep.OK() || rep.Letters != len(in) {
				t.Fatalf("Verify() = %s %v, %v", rep.Summary(), rep.Problems, err)
			}
		})
	}
}
