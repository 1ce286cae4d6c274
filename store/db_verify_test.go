package store

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestVerifyNamesTampering(t *testing.T) {
	tests := []struct {
		name   string
		bucket []byte
		key    []byte
		want   string
	}{
		{"event body", bucketEvents, u64(3), "event 3: content does not match its hash"},
		{"raw message", bucketRaw, u64(2), "raw 2: the original message does not match its SHA-256"},
		{"letter record", bucketLetters, u64(1), "letter 1: record does not match its last audit event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "desk.db")
			db, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("Open() = %v", err)
			}
			addOne(t, db, 1)
			addOne(t, db, 2)
			walk(t, db, 1, StageRegistered)
			db.Close()

			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatalf("bolt.Open() = %v", err)
			}
			err = b.Update(func(tx *bolt.Tx) error {
				bk := tx.Bucket(tt.bucket)
				v := bytes.Clone(bk.Get(tt.key))
				i := bytes.IndexByte(v, 'S') // a byte inside the content
				if i < 0 {
					i = len(v) - 2
				}
				v[i] ^= 0x20
				return bk.Put(tt.key, v)
			})
			b.Close()
			if err != nil {
				t.Fatalf("tamper: %v", err)
			}

			db, err = Open(path, Options{})
			if err != nil {
				t.Fatalf("Open(tampered) = %v", err)
			}
			defer db.Close()
			rep, err := db.Verify()
			if err != nil {
				t.Fatalf("Verify() = %v", err)
			}
			var found []string
			for _, p := range rep.Problems {
				found = append(found, p.String())
			}
			if !strings.Contains(strings.Join(found, "\n"), tt.want) {
				t.Fatalf("Verify() problems = %q, want one with %q", found, tt.want)
			}
		})
	}
}

func TestVerifyFindsRemovedEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	addOne(t, db, 1)
	walk(t, db, 1, StagePrinted)
	db.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatalf("bolt.Open() = %v", err)
	}
	b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketEvents).Delete(u64(3)) })
	b.Close()
	db, _ = Open(path, Options{})
	defer db.Close()
	rep, _ := db.Verify()
	if rep.OK() {
		t.Fatalf("Verify() found nothing after the last event was removed")
	}
}
