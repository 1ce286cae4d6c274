package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// ActionReadClass records the class read from a letter's attached PDF
// after the intake stored it (Letter.ClassPending).
const ActionReadClass Action = "read_class"

// bucketClassPending holds the IDs of the letters whose class is still to
// be read from their attached PDF: letter ID -> nothing.
var bucketClassPending = []byte("class_pending")

// Sealed says why the letter's text must not be opened at the desk: it is
// classified R or SR (ErrClassified), or its class is still being read
// (ErrClassPending); nil when it may be.
func (l *Letter) Sealed() error {
	switch {
	case l.Class.Classified():
		return &Error{Code: ErrClassified, Subject: string(l.Class)}
	case l.ClassPending:
		return &Error{Code: ErrClassPending}
	}
	return nil
}

// ClassPending returns the IDs of the letters whose class is still to be
// read from their attached PDF, oldest first.
func (db *DB) ClassPending() ([]uint64, error) {
	var ids []uint64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClassPending).ForEach(func(k, _ []byte) error {
			ids = append(ids, binary.BigEndian.Uint64(k))
			return nil
		})
	})
	return ids, err
}

// ClassRead is the class read from a letter's attached PDF.
type ClassRead struct {
	ID    uint64
	Class SecurityClass
}

// SettleClasses ends the wait for the class of each letter read, read
// from its attached PDF: a class to hold (R, SR) or T is recorded, B or
// none leaves the letter as it was, and either way it may then go its way.
// Each change is an audit event, all in one transaction (one flush of the
// disk). A letter not waiting is left alone.
func (db *DB) SettleClasses(read []ClassRead) error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		pending := tx.Bucket(bucketClassPending)
		w := newWriter(db, tx)
		for _, r := range read {
			if pending.Get(u64(r.ID)) == nil {
				continue // read already
			}
			l, before, err := getLetter(tx, r.ID)
			if err != nil {
				return err
			}
			l.ClassPending = false
			if r.Class != "" && r.Class != ClassOrdinary && !l.Class.Classified() {
				l.Class = r.Class
			}
			if err := pending.Delete(u64(r.ID)); err != nil {
				return err
			}
			if err := w.save(before, l, ActionReadClass, l.Stage, ""); err != nil {
				return err
			}
		}
		return w.flush()
	})
}
