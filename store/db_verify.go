package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Verify found wrong.
type Problem struct {
	// What is "store", "event", "letter", "raw" or "agenda".
	What string
	// ID is the event sequence or letter ID concerned, 0 when none.
	ID     uint64
	Detail string
}

func (p Problem) String() string {
	if p.ID == 0 {
		return fmt.Sprintf("%s: %s", p.What, p.Detail)
	}
	return fmt.Sprintf("%s %d: %s", p.What, p.ID, p.Detail)
}

// VerifyReport is what Verify checked and what it found.
type VerifyReport struct {
	Letters, Events int
	RawBytes        int64
	Problems        []Problem
}

// OK reports whether nothing was found wrong.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Verify checks the whole store: bbolt's own consistency, the audit trail's
// hash chain, each letter record against the hash its last event recorded,
// each raw message against its SHA-256, and the agenda book's numbering.
// The error is for a store that cannot be read at all; what is wrong in a
// readable store is in the report.
func (db *DB) Verify() (*VerifyReport, error) {
	r := &VerifyReport{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			r.add("store", 0, "%v", err)
		}
		lastHash := verifyChain(tx, r)
		verifyLetters(tx, r, lastHash)
		verifyAgenda(tx, r)
		verifyStages(tx, r)
		return nil
	})
	return r, err
}

func (r *VerifyReport) add(what string, id uint64, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{What: what, ID: id, Detail: fmt.Sprintf(format, args...)})
}

// verifyChain checks every event's hash and link, and returns the letter
// hash each letter's last event recorded.
func verifyChain(tx *bolt.Tx, r *VerifyReport) map[uint64]string {
	last := map[uint64]string{}
	prev := ""
	var want uint64 = 1
	c := tx.Bucket(bucketEvents).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Events++
		seq := binary.BigEndian.Uint64(k)
		if seq != want {
			r.add("event", want, "missing from the audit trail (next is %d)", seq)
		}
		want = seq + 1
		if len(v) < hashLen {
			r.add("event", seq, "record is truncated")
			continue
		}
		sum := sha256.Sum256(v[hashLen:])
		if hex.EncodeToString(sum[:]) != string(v[:hashLen]) {
			r.add("event", seq, "content does not match its hash: the record was changed")
		}
		e, err := decodeEvent(v)
		if err != nil {
			r.add("event", seq, "%v", err)
			prev = string(v[:hashLen])
			continue
		}
		if e.Prev != prev {
			r.add("event", seq, "does not follow the event before it: the chain is broken")
		}
		if e.Seq != seq {
			r.add("event", seq, "says it is event %d", e.Seq)
		}
		if e.LetterID != 0 {
			last[e.LetterID] = e.LetterSHA256
		}
		prev = e.Hash
	}
	if head := string(tx.Bucket(bucketMeta).Get(keyChainHead)); head != prev {
		r.add("event", 0, "the last event is not the one the store recorded: events were removed")
	}
	return last
}

func verifyLetters(tx *bolt.Tx, r *VerifyReport, lastHash map[uint64]string) {
	raw := tx.Bucket(bucketRaw)
	c := tx.Bucket(bucketLetters).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Letters++
		id := binary.BigEndian.Uint64(k)
		want, ok := lastHash[id]
		switch {
		case !ok:
			r.add("letter", id, "has no event in the audit trail")
		case sha256Hex(v) != want:
			r.add("letter", id, "record does not match its last audit event: it was changed outside the desk")
		}
		var l Letter
		if err := json.Unmarshal(v, &l); err != nil {
			r.add("letter", id, "cannot be read: %v", err)
			continue
		}
		msg := raw.Get(k)
		r.RawBytes += int64(len(msg))
		switch {
		case msg == nil:
			r.add("raw", id, "the original message is missing")
		case sha256Hex(msg) != l.SHA256:
			r.add("raw", id, "the original message does not match its SHA-256: it was changed")
		case int64(len(msg)) != l.Size:
			r.add("raw", id, "the original message is %d bytes, recorded as %d", len(msg), l.Size)
		}
		delete(lastHash, id)
	}
	for id := range lastHash {
		r.add("letter", id, "has audit events but no record: it was deleted")
	}
}

// verifyAgenda checks that each year's numbers run from 1 without gaps and
// point at letters that carry them.
func verifyAgenda(tx *bolt.Tx, r *VerifyReport) {
	letters, meta := tx.Bucket(bucketLetters), tx.Bucket(bucketMeta)
	year, seq := uint32(0), uint32(0)
	check := func() {
		if year == 0 {
			return
		}
		v := meta.Get([]byte(fmt.Sprintf("agenda/%d", year)))
		if v == nil || binary.BigEndian.Uint32(v) != seq {
			r.add("agenda", 0, "the %d book ends at %d but its counter says otherwise", year, seq)
		}
	}
	c := tx.Bucket(bucketAgenda).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		y, s := binary.BigEndian.Uint32(k[:4]), binary.BigEndian.Uint32(k[4:])
		if y != year {
			check()
			year, seq = y, 0
		}
		if s != seq+1 {
			r.add("agenda", 0, "number %04d/%d is followed by %04d/%d: numbers are missing", seq, y, s, y)
		}
		seq = s
		var l Letter
		lv := letters.Get(v)
		if lv == nil || json.Unmarshal(lv, &l) != nil || l.Agenda != (AgendaNumber{Year: int(y), Seq: int(s)}) {
			r.add("agenda", binary.BigEndian.Uint64(v), "does not carry agenda number %04d/%d", s, y)
		}
	}
	check()
}

// Summary is a one-line account of the report.
func (r *VerifyReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d letters, %d events, %d bytes of messages", r.Letters, r.Events, r.RawBytes)
	if n := len(r.Problems); n > 0 {
		fmt.Fprintf(&b, ": %d problems", n)
	}
	return b.String()
}

// verifyStages checks that the stage index holds each letter once, at its
// stage, and that the stage counters agree with it.
func verifyStages(tx *bolt.Tx, r *VerifyReport) {
	letters := tx.Bucket(bucketLetters)
	counted := map[Stage]int{}
	c := tx.Bucket(bucketByStage).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(k) != i+9 {
			r.add("store", 0, "the stage index has a malformed key")
			continue
		}
		s, id := Stage(k[:i]), binary.BigEndian.Uint64(k[i+1:])
		counted[s]++
		var l Letter
		if v := letters.Get(k[i+1:]); v == nil || json.Unmarshal(v, &l) != nil || l.Stage != s {
			r.add("letter", id, "is listed at stage %s but is not there", s)
		}
	}
	for s, n := range stageCounts(tx) {
		if counted[s] != n {
			r.add("store", 0, "the %s counter says %d letters, the index holds %d", s, n, counted[s])
		}
	}
}
