package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Event is one entry of the append-only audit trail: who changed what, when,
// and the fields as they were before and after. Events form a hash chain:
// each one carries the SHA-256 of the one before it, and the hash of the
// letter record it left behind, so that an edit anywhere is detectable.
type Event struct {
	Seq      uint64    `json:"seq"`
	Time     time.Time `json:"time"`
	Operator string    `json:"operator"`
	LetterID uint64    `json:"letter_id,omitempty"`
	Action   Action    `json:"action"`
	From     Stage     `json:"from,omitempty"`
	To       Stage     `json:"to,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	// Before and After hold only the fields that changed, by their JSON
	// name. The event of a new letter has no Before, and in After its stage
	// and the SHA-256 of its message, not every field of the record (which
	// LetterSHA256 binds); such events written by earlier versions hold
	// every field.
	Before map[string]json.RawMessage `json:"before,omitempty"`
	After  map[string]json.RawMessage `json:"after,omitempty"`
	// LetterSHA256 is the hash of the letter record as this event left it.
	LetterSHA256 string `json:"letter_sha256,omitempty"`
	// Prev is the hash of the previous event ("" for the first).
	Prev string `json:"prev"`
	// Hash is the SHA-256 of the event's stored body; it is kept beside the
	// body, not inside it.
	Hash string `json:"-"`
}

// Step is the event's action as a step of the standard (1-11), or 0 for an
// action that is not one of the eleven.
func (e *Event) Step() int {
	switch e.Action {
	case ActionReceive:
		return 1
	case ActionRoute:
		return 2
	case ActionPrintCopies:
		return 3
	case ActionRegister:
		return 4
	case ActionPrintCard:
		return 5
	case ActionInitial:
		return 6
	case ActionAssign:
		return 7
	case ActionDeliver:
		return 10
	case ActionArchive:
		return 11
	}
	return 0
}

// diff returns the fields of two JSON objects that differ: their values in
// before and in after. A field missing on one side is missing from that map.
func diff(before, after []byte) (b, a map[string]json.RawMessage, err error) {
	var mb, ma map[string]json.RawMessage
	if len(before) > 0 {
		if err := json.Unmarshal(before, &mb); err != nil {
			return nil, nil, fmt.Errorf("read record before change: %w", err)
		}
	}
	if err := json.Unmarshal(after, &ma); err != nil {
		return nil, nil, fmt.Errorf("read record after change: %w", err)
	}
	b, a = map[string]json.RawMessage{}, map[string]json.RawMessage{}
	for k, v := range mb {
		if w, ok := ma[k]; !ok || !bytes.Equal(v, w) {
			b[k] = v
		}
	}
	for k, v := range ma {
		if w, ok := mb[k]; !ok || !bytes.Equal(v, w) {
			a[k] = v
		}
	}
	return b, a, nil
}

// revert applies an event's Before to a record that is in the event's After
// state, keeping the fields named in keep as they are.
func revert(current []byte, e *Event, keep ...string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(current, &m); err != nil {
		return nil, fmt.Errorf("read record: %w", err)
	}
	kept := map[string]bool{}
	for _, k := range keep {
		kept[k] = true
	}
	keys := make([]string, 0, len(e.After)+len(e.Before))
	for k := range e.After {
		keys = append(keys, k)
	}
	for k := range e.Before {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if kept[k] {
			continue
		}
		if v, ok := e.Before[k]; ok {
			m[k] = v
		} else {
			delete(m, k)
		}
	}
	return json.Marshal(m)
}

// sealEvent encodes e with prev as its predecessor's hash and returns the
// stored body and its hash.
func sealEvent(e *Event, prev string) ([]byte, error) {
	e.Prev = prev
	body, err := encodeEvent(e)
	if err != nil {
		return nil, fmt.Errorf("encode event: %w", err)
	}
	sum := sha256.Sum256(body)
	e.Hash = hex.EncodeToString(sum[:])
	return body, nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// receivedSummary is the After of a new letter's event: what identifies the
// letter (its stage and the SHA-256 of its raw message), not a copy of the
// whole record, which the event's LetterSHA256 binds.
func receivedSummary(l *Letter) map[string]json.RawMessage {
	return map[string]json.RawMessage{
		"sha256": jsonString(l.SHA256),
		"stage":  jsonString(string(l.Stage)),
	}
}

// jsonString is s as a JSON string, exactly as encoding/json writes it.
func jsonString(s string) json.RawMessage {
	return appendJSONString(make([]byte, 0, len(s)+2), s)
}
