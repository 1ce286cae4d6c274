package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Incoming is one raw message handed to the store by the intake, with what
// the intake read from its headers (already sanitised).
type Incoming struct {
	Raw []byte
	// ReceivedAt is the server's INTERNALDATE, or the import time.
	ReceivedAt     time.Time
	Source         Source
	MessageID      string
	From           string
	Subject        string
	Date           time.Time
	HasAttachments bool
	ParseProblem   string
	// Class is the security class the message declares (a Sifat line, a
	// subject marked RAHASIA, a header); "" when it declares none.
	Class SecurityClass
	// ReceivedEstimated says ReceivedAt came from neither the server nor a
	// Received header.
	ReceivedEstimated bool
	// ClassPending says the message declares no class to hold, but carries
	// a PDF whose first page may: the letter is stored held, and its class
	// read after (DB.SettleClasses).
	ClassPending bool

	digest *earlyDigest // set by Digest
}

// AddResult says what Add did with a batch.
type AddResult struct {
	// Added are the IDs of the new letters, in the batch's order.
	Added []uint64
	// Duplicates counts messages already in the store.
	Duplicates int
}

// MailboxState is how far the store has synced a mailbox.
type MailboxState struct {
	UIDValidity uint32 `json:"uidvalidity"`
	// UIDNext is the lowest UID not yet known to be stored.
	UIDNext uint32 `json:"uidnext"`
}

// Add stores a batch of messages in one transaction. A message is a
// duplicate, and is not stored again, when its (mailbox, UIDVALIDITY, UID)
// or its content (its bytes, with CRLF and LF line endings alike) is already
// in the store; two different messages that share a Message-ID are two
// letters.
func (db *DB) Add(in []Incoming) (AddResult, error) {
	var res AddResult
	sums := startDigests(in)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		res, err = db.add(tx, in, sums)
		return err
	})
	return res, err
}

// AddFromMailbox stores a batch like Add and, in the same transaction,
// records how far the mailbox is synced. UIDNext never moves backwards
// while UIDVALIDITY is unchanged.
func (db *DB) AddFromMailbox(mailbox string, st MailboxState, in []Incoming) (AddResult, error) {
	var res AddResult
	sums := startDigests(in)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		if res, err = db.add(tx, in, sums); err != nil {
			return err
		}
		b := tx.Bucket(bucketMailboxes)
		var old MailboxState
		if err := getJSON(b, []byte(mailbox), &old); err != nil {
			return err
		}
		if old.UIDValidity == st.UIDValidity && old.UIDNext > st.UIDNext {
			st.UIDNext = old.UIDNext
		}
		return putJSON(b, []byte(mailbox), &st)
	})
	return res, err
}

// MailboxState returns how far mailbox is synced; the zero value when it
// never was.
func (db *DB) MailboxState(mailbox string) (MailboxState, error) {
	var st MailboxState
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bucketMailboxes), []byte(mailbox), &st)
	})
	return st, err
}

func sourceKey(s Source) []byte {
	k := make([]byte, 0, len(s.Mailbox)+9)
	k = append(k, s.Mailbox...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint32(k, s.UIDValidity)
	return binary.BigEndian.AppendUint32(k, s.UID)
}

// add stores the messages in, whose digests sums hands out, in tx.
func (db *DB) add(tx *bolt.Tx, in []Incoming, sums *digester) (AddResult, error) {
	var res AddResult
	if len(in) == 0 {
		return res, nil
	}
	w := newWriter(db, tx)
	w.appending()
	for i := range in {
		m := &in[i]
		var skey []byte
		if m.Source.Mailbox != "" {
			skey = sourceKey(m.Source)
			if w.bySource.Get(skey) != nil {
				res.Duplicates++
				continue
			}
		}
		sum := sums.get(i)
		hkey := sum.content
		if id := w.byHash.Get(hkey); id != nil {
			res.Duplicates++
			if skey != nil {
				// Remember the new UID of a message already stored (a changed
				// UIDVALIDITY), so the next sync skips it without hashing.
				if err := w.bySource.Put(skey, id); err != nil {
					return res, err
				}
			}
			continue
		}
		id, err := w.letters.NextSequence()
		if err != nil {
			return res, err
		}
		l := &Letter{
			ID: id, Stage: StageReceived, SHA256: sum.sha256, Size: int64(len(m.Raw)),
			Source: m.Source, MessageID: m.MessageID, From: m.From, Subject: m.Subject,
			Date: m.Date, HasAttachments: m.HasAttachments, ParseProblem: m.ParseProblem,
			ReceivedAt: m.ReceivedAt, ReceivedEstimated: m.ReceivedEstimated,
		}
		if m.Class != ClassOrdinary {
			l.Class = m.Class
		}
		if m.ClassPending && !l.Class.Classified() {
			l.ClassPending = true
			if err := w.classPending.Put(u64(id), nil); err != nil {
				return res, err
			}
		}
		if l.ReceivedAt.IsZero() {
			l.ReceivedAt = db.now()
		}
		key := u64(id)
		if err := w.raw.Put(key, m.Raw); err != nil {
			return res, fmt.Errorf("store message: %w", err)
		}
		if skey != nil {
			if err := w.bySource.Put(skey, key); err != nil {
				return res, err
			}
		}
		if err := w.byHash.Put(hkey, key); err != nil {
			return res, err
		}
		if err := w.byReceived.Put(receivedKey(l), nil); err != nil {
			return res, err
		}
		if err := w.save(nil, l, ActionReceive, "", ""); err != nil {
			return res, err
		}
		res.Added = append(res.Added, id)
	}
	return res, w.flush()
}

func receivedKey(l *Letter) []byte {
	k := u64(uint64(l.ReceivedAt.UnixNano()))
	return append(k, u64(l.ID)...)
}

func stageKey(s Stage, id uint64) []byte {
	return append(append([]byte(s), 0), u64(id)...)
}

func stageCountKey(s Stage) []byte { return []byte("count/" + string(s)) }

func agendaKey(a AgendaNumber) []byte {
	return append(u32(uint32(a.Year)), u32(uint32(a.Seq))...)
}

// The fields of a letter's search text, in order.
const (
	searchAgenda = iota
	searchNumber
	searchFrom
	searchOrigin
	searchSubject
	searchSummary
	searchMessageID
	searchID
	searchFields
)

// searchText is what Search looks in: the fields an operator searches by,
// lower-cased, separated by a byte no query contains.
func searchText(l *Letter) []byte {
	fields := []string{l.Agenda.String(), l.LetterNumber, l.From, l.Origin, l.Subject, l.Summary,
		l.MessageID, strconv.FormatUint(l.ID, 10)}
	return []byte(strings.ToLower(strings.Join(fields, "\x1f")))
}

// hashLen is the length of the hex hash stored before each event's body.
const hashLen = 64

func decodeEvent(v []byte) (*Event, error) {
	if len(v) < hashLen {
		return nil, fmt.Errorf("event record is %d bytes, shorter than its hash", len(v))
	}
	e := &Event{}
	if err := json.Unmarshal(v[hashLen:], e); err != nil {
		return nil, fmt.Errorf("decode event: %w", err)
	}
	e.Hash = string(v[:hashLen])
	return e, nil
}

// Letter returns the letter with the given ID, or an *Error of code
// ErrNotFound.
func (db *DB) Letter(id uint64) (*Letter, error) {
	var l *Letter
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		l, _, err = getLetter(tx, id)
		return err
	})
	return l, err
}

func getLetter(tx *bolt.Tx, id uint64) (*Letter, []byte, error) {
	v := tx.Bucket(bucketLetters).Get(u64(id))
	if v == nil {
		return nil, nil, &Error{Code: ErrNotFound, Subject: strconv.FormatUint(id, 10)}
	}
	l := &Letter{}
	if err := json.Unmarshal(v, l); err != nil {
		return nil, nil, fmt.Errorf("decode letter %d: %w", id, err)
	}
	return l, bytes.Clone(v), nil
}

// Raw returns the letter's message exactly as it was received.
func (db *DB) Raw(id uint64) ([]byte, error) {
	var raw []byte
	err := db.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRaw).Get(u64(id))
		if v == nil {
			return &Error{Code: ErrNotFound, Subject: strconv.FormatUint(id, 10)}
		}
		raw = bytes.Clone(v)
		return nil
	})
	return raw, err
}

// Events returns the audit trail of one letter, oldest first.
func (db *DB) Events(id uint64) ([]Event, error) {
	var out []Event
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		out, err = letterEvents(tx, id)
		return err
	})
	return out, err
}

func letterEvents(tx *bolt.Tx, id uint64) ([]Event, error) {
	var out []Event
	prefix := u64(id)
	events := tx.Bucket(bucketEvents)
	c := tx.Bucket(bucketLetterEvents).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		e, err := decodeEvent(events.Get(k[8:]))
		if err != nil {
			return nil, fmt.Errorf("letter %d: %w", id, err)
		}
		out = append(out, *e)
	}
	return out, nil
}

// getJSON decodes the value at key into v; a missing key leaves v alone.
func getJSON(b *bolt.Bucket, key []byte, v any) error {
	data := b.Get(key)
	if data == nil {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s: %w", key, err)
	}
	return nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, data)
}
