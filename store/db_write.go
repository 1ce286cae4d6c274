package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// writer writes letters and their audit events inside one transaction. It
// holds the buckets, the head of the hash chain and the stage counters for
// the whole transaction and writes the head and the counters once, in
// flush: a batch of a thousand new letters costs two writes to the meta
// bucket, not two thousand. Nothing it wrote stands unless flush ran and
// the transaction commits.
type writer struct {
	db *DB
	tx *bolt.Tx

	letters, raw, bySource, byHash, byReceived, byStage, agenda, search, classPending,
	events, letterEvents, meta *bolt.Bucket

	head      string          // hash of the last event
	headDirty bool            // head moved since it was read
	counts    map[Stage]int64 // change of each stage's counter
}

func newWriter(db *DB, tx *bolt.Tx) *writer {
	w := &writer{db: db, tx: tx,
		letters: tx.Bucket(bucketLetters), raw: tx.Bucket(bucketRaw),
		bySource: tx.Bucket(bucketBySource), byHash: tx.Bucket(bucketByHash),
		byReceived: tx.Bucket(bucketByReceived), byStage: tx.Bucket(bucketByStage),
		agenda: tx.Bucket(bucketAgenda), search: tx.Bucket(bucketSearch), classPending: tx.Bucket(bucketClassPending),
		events: tx.Bucket(bucketEvents), letterEvents: tx.Bucket(bucketLetterEvents),
		meta: tx.Bucket(bucketMeta),
	}
	w.head = string(w.meta.Get(keyChainHead))
	return w
}

// appending tells bbolt that the buckets keyed by letter ID or event
// sequence only grow at their end in this transaction, so their pages are
// filled before a new one starts instead of split in half: a full sync
// writes fewer pages and leaves a smaller file. Records that a later step
// rewrites longer (the letter, its search text) leave a little room.
func (w *writer) appending() {
	for _, b := range []*bolt.Bucket{w.raw, w.events, w.letterEvents} {
		b.FillPercent = 1
	}
	for _, b := range []*bolt.Bucket{w.letters, w.search, w.bySource, w.byReceived, w.byStage} {
		b.FillPercent = 0.9
	}
}

// save writes the letter l, which was before (nil for a new letter), keeps
// the indexes in step, and appends the audit event.
func (w *writer) save(before []byte, l *Letter, action Action, from Stage, reason string) error {
	after, err := encodeLetter(l)
	if err != nil {
		return fmt.Errorf("encode letter %d: %w", l.ID, err)
	}
	id := u64(l.ID)
	if err := w.letters.Put(id, after); err != nil {
		return fmt.Errorf("write letter %d: %w", l.ID, err)
	}
	if from != l.Stage {
		if err := w.moveStage(l, from); err != nil {
			return err
		}
	}
	if !l.Agenda.IsZero() {
		if err := w.agenda.Put(agendaKey(l.Agenda), id); err != nil {
			return err
		}
	}
	if err := w.search.Put(id, searchText(l)); err != nil {
		return err
	}
	e := &Event{LetterID: l.ID, Action: action, From: from, To: l.Stage, Reason: reason,
		LetterSHA256: sha256Hex(after)}
	if before == nil {
		// A new letter's record is all new: the event holds what identifies
		// it, and LetterSHA256 binds the whole record. Each later event's
		// Before holds what it changed, so walking the trail back from the
		// record still gives every state the letter was in.
		e.After = receivedSummary(l)
	} else if e.Before, e.After, err = diff(before, after); err != nil {
		return err
	}
	return w.appendEvent(e)
}

// moveStage keeps the stage index in step with a letter that moved from
// stage from ("" for a new letter) to its stage, and counts the move.
func (w *writer) moveStage(l *Letter, from Stage) error {
	if w.counts == nil {
		w.counts = map[Stage]int64{}
	}
	if from != "" {
		if err := w.byStage.Delete(stageKey(from, l.ID)); err != nil {
			return err
		}
		w.counts[from]--
	}
	w.counts[l.Stage]++
	return w.byStage.Put(stageKey(l.Stage, l.ID), u64(uint64(l.ReceivedAt.UnixNano())))
}

// appendEvent completes e (sequence, time, operator, chain) and appends it.
func (w *writer) appendEvent(e *Event) error {
	seq, err := w.events.NextSequence()
	if err != nil {
		return err
	}
	e.Seq, e.Time, e.Operator = seq, w.db.now(), w.db.operator()
	body, err := sealEvent(e, w.head)
	if err != nil {
		return err
	}
	if err := w.events.Put(u64(seq), append([]byte(e.Hash), body...)); err != nil {
		return fmt.Errorf("write event: %w", err)
	}
	w.head, w.headDirty = e.Hash, true
	if e.LetterID != 0 {
		return w.letterEvents.Put(append(u64(e.LetterID), u64(seq)...), nil)
	}
	return nil
}

// flush writes the chain head and the stage counters.
func (w *writer) flush() error {
	if w.headDirty {
		if err := w.meta.Put(keyChainHead, []byte(w.head)); err != nil {
			return err
		}
		w.headDirty = false
	}
	for s, d := range w.counts {
		if d == 0 {
			continue
		}
		var n uint64
		if v := w.meta.Get(stageCountKey(s)); v != nil {
			n = binary.BigEndian.Uint64(v)
		}
		if err := w.meta.Put(stageCountKey(s), u64(uint64(int64(n)+d))); err != nil {
			return err
		}
	}
	clear(w.counts)
	return nil
}

// save writes one letter and its event in tx (see writer.save).
func (db *DB) save(tx *bolt.Tx, before []byte, l *Letter, action Action, from Stage, reason string) error {
	w := newWriter(db, tx)
	if err := w.save(before, l, action, from, reason); err != nil {
		return err
	}
	return w.flush()
}

// appendEvent appends e, which concerns no letter record, in tx.
func (db *DB) appendEvent(tx *bolt.Tx, e *Event) error {
	w := newWriter(db, tx)
	if err := w.appendEvent(e); err != nil {
		return err
	}
	return w.flush()
}
