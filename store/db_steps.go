package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// step runs change on letter id inside one transaction and records it with
// its audit event; nothing is written when change fails.
func (db *DB) step(id uint64, action Action, reason string, change func(tx *bolt.Tx, l *Letter) error) (*Letter, error) {
	var out *Letter
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		l, before, err := getLetter(tx, id)
		if err != nil {
			return err
		}
		from := l.Stage
		if err := change(tx, l); err != nil {
			return err
		}
		out = l
		return db.save(tx, before, l, action, from, reason)
	})
	if e := (*Error)(nil); errors.As(err, &e) && !e.At.IsZero() {
		e.At = e.At.In(db.Calendar().Location())
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func directory(tx *bolt.Tx) (*Directory, error) {
	d := &Directory{}
	if err := getJSON(tx.Bucket(bucketDirectory), keyDirectory, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Route chooses the letter's recipients (step 2).
func (db *DB) Route(id uint64, rs []Recipient) (*Letter, error) {
	return db.step(id, ActionRoute, "", func(tx *bolt.Tx, l *Letter) error {
		dir, err := directory(tx)
		if err != nil {
			return err
		}
		return l.Route(dir, rs)
	})
}

// RecordCopiesPrinted records that the copies were printed (step 3); it
// prints nothing.
func (db *DB) RecordCopiesPrinted(id uint64) (*Letter, error) {
	return db.step(id, ActionPrintCopies, "", func(_ *bolt.Tx, l *Letter) error {
		return l.PrintCopies(db.now())
	})
}

// Register writes the letter in the agenda book (step 4) and gives it the
// next agenda number of the year of registration, in the same transaction:
// numbers start at 1 each year, have no gaps and are never reused. A letter
// registered before and corrected keeps its number. A letter whose origin
// and letter number already hold an agenda number is refused unless
// r.Duplicate says it is registered again knowingly.
func (db *DB) Register(id uint64, r Registration) (*Letter, error) {
	return db.step(id, ActionRegister, "", func(tx *bolt.Tx, l *Letter) error {
		now := db.now()
		number := l.Agenda
		if number.IsZero() && Allowed(ActionRegister, l.Stage) {
			year := now.In(db.Calendar().Location()).Year()
			seq, err := nextAgendaSeq(tx, year)
			if err != nil {
				return err
			}
			number = AgendaNumber{Year: year, Seq: seq}
		}
		if err := l.register(r, number, now); err != nil {
			return err
		}
		earlier, err := registeredAs(tx, l)
		if err != nil || earlier.IsZero() {
			return err
		}
		if !r.Duplicate {
			return &Error{Code: ErrDuplicate, Subject: earlier.String()}
		}
		l.DuplicateOf = earlier
		return nil
	})
}

func nextAgendaSeq(tx *bolt.Tx, year int) (int, error) {
	meta := tx.Bucket(bucketMeta)
	key := []byte(fmt.Sprintf("agenda/%d", year))
	var seq uint32
	if v := meta.Get(key); v != nil {
		seq = binary.BigEndian.Uint32(v)
	}
	seq++
	if err := meta.Put(key, u32(seq)); err != nil {
		return 0, fmt.Errorf("give agenda number: %w", err)
	}
	return int(seq), nil
}

// RecordCardPrinted records that the control card was printed and the
// letter forwarded to the examiner (step 5); it prints nothing.
func (db *DB) RecordCardPrinted(id uint64) (*Letter, error) {
	return db.step(id, ActionPrintCard, "", func(tx *bolt.Tx, l *Letter) error {
		dir, err := directory(tx)
		if err != nil {
			return err
		}
		return l.PrintCard(dir, db.now())
	})
}

// Initial records the next official's initial, or the named one's, who
// must be next (step 6); at is when, the zero time meaning now.
func (db *DB) Initial(id uint64, position string, at time.Time) (*Letter, error) {
	return db.step(id, ActionInitial, "", func(_ *bolt.Tx, l *Letter) error {
		at, now := when(l, ActionInitial, at, db.now())
		return l.Initial(position, at, now)
	})
}

// when is the time a step is recorded at: at as the operator gave it, or,
// for the zero time, now, but never before the arrival or the step it
// follows (a server clock a little ahead of the desk's must not make a
// step precede its letter).
// The clock it is checked against is then that time.
func when(l *Letter, a Action, at, now time.Time) (time.Time, time.Time) {
	if !at.IsZero() {
		return at, now
	}
	bound, _ := l.after(a)
	for _, t := range []time.Time{l.ReceivedAt, bound} {
		if now.Before(t) {
			now = t
		}
	}
	return now, now
}

// Assign hands the letter to a courier (step 7) at the time at (zero:
// now); a courier not yet in the directory joins it in the same
// transaction.
func (db *DB) Assign(id uint64, courier string, at time.Time) (*Letter, error) {
	return db.step(id, ActionAssign, "", func(tx *bolt.Tx, l *Letter) error {
		dir, err := directory(tx)
		if err != nil {
			return err
		}
		courier = strings.Join(strings.Fields(courier), " ")
		if c, ok := dir.Courier(courier); ok {
			courier = c.Name
		}
		at, now := when(l, ActionAssign, at, db.now())
		if err := l.Assign(courier, at, now); err != nil {
			return err
		}
		if _, ok := dir.Courier(courier); !ok {
			next := *dir
			next.Couriers = append(append([]Courier(nil), dir.Couriers...), Courier{Name: courier})
			return db.putDirectory(tx, dir, &next, "")
		}
		return nil
	})
}

// Deliver records a recipient's receipt (steps 8-10); at is when the copy
// was received, the zero time meaning now.
func (db *DB) Deliver(id uint64, recipient string, via Channel, receivedBy string, at time.Time) (*Letter, error) {
	return db.step(id, ActionDeliver, "", func(_ *bolt.Tx, l *Letter) error {
		at, now := when(l, ActionDeliver, at, db.now())
		return l.Deliver(recipient, via, receivedBy, at, now)
	})
}

// Archive records where the letter's paper is kept (step 11) at the time
// at (zero: now).
func (db *DB) Archive(id uint64, location string, at time.Time) (*Letter, error) {
	return db.step(id, ActionArchive, "", func(_ *bolt.Tx, l *Letter) error {
		at, now := when(l, ActionArchive, at, db.now())
		return l.Archive(location, at, now)
	})
}

// Classify releases a letter wrongly marked R or SR to class B or T; the
// audit event names the operator and the reason.
func (db *DB) Classify(id uint64, class SecurityClass, reason string) (*Letter, error) {
	return db.step(id, ActionClassify, strings.TrimSpace(reason), func(_ *bolt.Tx, l *Letter) error {
		return l.Classify(class, reason)
	})
}

// Late records why an overdue letter is late.
func (db *DB) Late(id uint64, reason string) (*Letter, error) {
	return db.step(id, ActionLate, strings.TrimSpace(reason), func(_ *bolt.Tx, l *Letter) error {
		return l.Late(db.Calendar(), reason, db.now())
	})
}

// CorrectReceived corrects the letter's arrival time, for a reason; its
// due time follows.
func (db *DB) CorrectReceived(id uint64, at time.Time, reason string) (*Letter, error) {
	return db.step(id, ActionCorrect, strings.TrimSpace(reason), func(tx *bolt.Tx, l *Letter) error {
		old := receivedKey(l)
		if err := l.CorrectReceived(at, reason, db.now()); err != nil {
			return err
		}
		b := tx.Bucket(bucketByReceived)
		if err := b.Delete(old); err != nil {
			return err
		}
		return b.Put(receivedKey(l), nil)
	})
}

// SetAside takes the letter off the ordinary path, with a reason.
func (db *DB) SetAside(id uint64, reason string) (*Letter, error) {
	return db.step(id, ActionSetAside, strings.TrimSpace(reason), func(_ *bolt.Tx, l *Letter) error {
		return l.SetAside(reason)
	})
}

// SetAsideClassified takes off the ordinary path a letter found to be
// classified R or SR, marking its class, with a reason.
func (db *DB) SetAsideClassified(id uint64, class SecurityClass, reason string) (*Letter, error) {
	return db.step(id, ActionSetAside, strings.TrimSpace(reason), func(_ *bolt.Tx, l *Letter) error {
		return l.SetAsideClassified(class, reason)
	})
}

// undoable says which actions Undo takes back.
var undoable = map[Action]bool{
	ActionRoute: true, ActionPrintCopies: true, ActionRegister: true, ActionPrintCard: true,
	ActionInitial: true, ActionAssign: true, ActionDeliver: true, ActionArchive: true,
	ActionSetAside: true, ActionClassify: true,
}

// Undo corrects the letter's last step, which must be given a reason: the
// letter returns to what it was before that step, and the correction is
// itself an event. Undo again to go further back. An agenda number once
// given stays with the letter.
func (db *DB) Undo(id uint64, reason string) (*Letter, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, &Error{Code: ErrReasonRequired}
	}
	var out *Letter
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		l, before, err := getLetter(tx, id)
		if err != nil {
			return err
		}
		events, err := letterEvents(tx, id)
		if err != nil {
			return err
		}
		target := lastStep(events)
		if target == nil {
			return &Error{Code: ErrNothingToUndo}
		}
		reverted, err := revert(before, target, "agenda")
		if err != nil {
			return err
		}
		next := &Letter{}
		if err := json.Unmarshal(reverted, next); err != nil {
			return fmt.Errorf("undo letter %d: %w", id, err)
		}
		out = next
		return db.save(tx, before, next, ActionUndo, l.Stage, reason)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lastStep finds the latest step not already undone: each undo cancels the
// latest step before it that is still standing.
func lastStep(events []Event) *Event {
	pending := 0
	for i := len(events) - 1; i >= 0; i-- {
		switch e := &events[i]; {
		case e.Action == ActionUndo:
			pending++
		case undoable[e.Action]:
			if pending == 0 {
				return e
			}
			pending--
		case e.Action == ActionReceive:
			return nil
		}
	}
	return nil
}

// Directory returns the recipients, officials and couriers.
func (db *DB) Directory() (*Directory, error) {
	var d *Directory
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		d, err = directory(tx)
		return err
	})
	return d, err
}

// SetDirectory replaces the directory after validating it; the change is an
// audit event.
func (db *DB) SetDirectory(d *Directory, reason string) error {
	if err := d.Validate(); err != nil {
		return asInvalid(err)
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		old, err := directory(tx)
		if err != nil {
			return err
		}
		return db.putDirectory(tx, old, d, reason)
	})
}

func (db *DB) putDirectory(tx *bolt.Tx, old, d *Directory, reason string) error {
	before, err := json.Marshal(old)
	if err != nil {
		return err
	}
	after, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketDirectory).Put(keyDirectory, after); err != nil {
		return fmt.Errorf("write directory: %w", err)
	}
	e := &Event{Action: ActionDirectory, Reason: reason}
	if e.Before, e.After, err = diff(before, after); err != nil {
		return err
	}
	return db.appendEvent(tx, e)
}
