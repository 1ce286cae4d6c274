package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ActionReadAttachment records that the text of an attached letter was
// read and kept: by which means (pdftotext or OCR) and how many pages.
const ActionReadAttachment Action = "read_attachment"

// bucketAttachText holds the texts read from attached letters: letter ID,
// attachment index -> AttachmentText JSON. It is created by the first
// text kept, so a store that never read a PDF does not have it.
var bucketAttachText = []byte("attach_text")

// AttachmentText is the text read from one attachment of a letter, kept so
// that it is read once.
type AttachmentText struct {
	// Index is the attachment's position among the message's attachments,
	// from 0.
	Index int `json:"index"`
	// Source is "pdftotext" (the PDF's text layer) or "ocr".
	Source string `json:"source"`
	// Pages holds the text of the pages read, from page 1, already
	// sanitised.
	Pages []string `json:"pages"`
	// PageCount is how many pages the PDF has; Pages may hold fewer.
	PageCount int       `json:"page_count"`
	ReadAt    time.Time `json:"read_at"`
}

// Complete reports whether every page was read.
func (t *AttachmentText) Complete() bool { return len(t.Pages) >= t.PageCount }

func attachTextKey(id uint64, index int) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, id)
	binary.BigEndian.PutUint32(k[8:], uint32(index))
	return k
}

// AttachmentText returns the text kept for attachment index of letter id;
// ok is false when none was kept.
func (db *DB) AttachmentText(id uint64, index int) (t *AttachmentText, ok bool, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAttachText)
		if b == nil {
			return nil
		}
		v := b.Get(attachTextKey(id, index))
		if v == nil {
			return nil
		}
		t = &AttachmentText{}
		if err := json.Unmarshal(v, t); err != nil {
			return fmt.Errorf("read text of attachment %d of letter %d: %w", index+1, id, err)
		}
		ok = true
		return nil
	})
	return t, ok, err
}

// PutAttachmentText keeps the text read from attachment t.Index of letter
// id, replacing what was kept (more pages, say), and records it in the
// audit trail with its source and pages: one transaction.
func (db *DB) PutAttachmentText(id uint64, t AttachmentText) error {
	if t.ReadAt.IsZero() {
		t.ReadAt = db.now()
	}
	body, err := json.Marshal(&t)
	if err != nil {
		return err
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		record := tx.Bucket(bucketLetters).Get(u64(id))
		if record == nil {
			return &Error{Code: ErrNotFound, Subject: strconv.FormatUint(id, 10)}
		}
		b, err := tx.CreateBucketIfNotExists(bucketAttachText)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketAttachText, err)
		}
		if err := b.Put(attachTextKey(id, t.Index), body); err != nil {
			return fmt.Errorf("keep text of attachment %d of letter %d: %w", t.Index+1, id, err)
		}
		after, err := json.Marshal(map[string]any{
			"attachment": t.Index + 1, "source": t.Source, "pages_read": len(t.Pages), "page_count": t.PageCount,
		})
		if err != nil {
			return err
		}
		// The letter's record is unchanged: the event binds it as it is.
		e := &Event{LetterID: id, Action: ActionReadAttachment,
			After:        map[string]json.RawMessage{"attachment_text": after},
			LetterSHA256: sha256Hex(record)}
		return db.appendEvent(tx, e)
	})
}
