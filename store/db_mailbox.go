package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketSkipped holds the messages a sync could not keep (too large for the
// desk): sourceKey -> SkippedMessage JSON. It is made when first needed.
var bucketSkipped = []byte("skipped")

// SkippedMessage is a message of a mailbox that the sync passed without
// storing, and why. It is kept so that the desk can go on naming it.
type SkippedMessage struct {
	Source Source `json:"source"`
	// Size is the message's size as the server announced it.
	Size int64 `json:"size"`
	// Reason says why it was not stored, in English, for the log.
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// AddSkipped records messages a sync passed without storing. Recording one
// again replaces the earlier record.
func (db *DB) AddSkipped(msgs []SkippedMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSkipped)
		if err != nil {
			return err
		}
		for i := range msgs {
			m := msgs[i]
			if m.At.IsZero() {
				m.At = db.now()
			}
			if err := putJSON(b, sourceKey(m.Source), &m); err != nil {
				return err
			}
		}
		return nil
	})
}

// Skipped returns the messages of mailbox that a sync passed without
// storing, in UID order ("" for every mailbox).
func (db *DB) Skipped(mailbox string) ([]SkippedMessage, error) {
	var out []SkippedMessage
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSkipped)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var m SkippedMessage
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("read a skipped message: %w", err)
			}
			if mailbox == "" || m.Source.Mailbox == mailbox {
				out = append(out, m)
			}
			return nil
		})
	})
	return out, err
}

// HasSources reports, for each UID, whether the store holds the message of
// that UID in mailbox under validity.
func (db *DB) HasSources(mailbox string, validity uint32, uids []uint32) ([]bool, error) {
	out := make([]bool, len(uids))
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBySource)
		for i, uid := range uids {
			out[i] = b.Get(sourceKey(Source{Mailbox: mailbox, UIDValidity: validity, UID: uid})) != nil
		}
		return nil
	})
	return out, err
}

// ResetMailbox sets how far mailbox is synced, even below where it was: a
// sync found the stored UIDNext ahead of the server's and starts again
// from st.
func (db *DB) ResetMailbox(mailbox string, st MailboxState) error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketMailboxes), []byte(mailbox), &st)
	})
}
