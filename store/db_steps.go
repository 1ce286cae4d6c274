package store

import (
	"encoding/binary"
	"encoding/json"
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

// PrintCopies records that the copies were printed (step 3).
func (db *DB) PrintCopies(id uint64) (*Letter, error) {
	return db.step(id, ActionPrintCopies, "", func(_ *bolt.Tx, l *Letter) error {
		return l.PrintCopies(db.now())
	})
}

// Register writes the letter in the agenda book (step 4) and gives it the
// next agenda number of the year of registration, in the same transaction:
// numbers start at 1 each year, have no gaps and are never reused. A letter
// registered before and corrected keeps its number.
func (db *DB) Register(id uint64, r Registration) (*Letter, error) {
	return db.step(id, ActionRegister, "", func(tx *bolt.Tx, l *Letter) error {
		now := db.now()
		number := l.Agenda
		if number.IsZero() && Allowed(ActionRegister, l.Stage) {
			year := now.In(db.cal.Location()).Year()
			seq, err := nextAgendaSeq(tx, year)
			if err != nil {
				return err
			}
			number = AgendaNumber{Year: year, Seq: seq}
		}
		return l.register(r, number, now)
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

// PrintCard records that the control card was printed and the letter
// forwarded to the examiner (step 5).
func (db *DB) PrintCard(id uint64) (*Letter, error) {
	return db.step(id, ActionPrintCard, "", func(tx *bolt.Tx, l *Letter) error {
		dir, err := directory(tx)
		if err != nil {
			return err
		}
		return l.PrintCard(dir, db.now())
	})
}

// Initial records the next official's initial, or the named one's, who
// must be next (step 6).
func (db *DB) Initial(id uint64, position string) (*Letter, error) {
	return db.step(id, ActionInitial, "", func(_ *bolt.Tx, l *Letter) error {
		return l.Initial(position, db.now())
	})
}

// Assign hands the letter to a courier (step 7); a courier not yet in the
// directory joins it in the same transaction.
func (db *DB) Assign(id uint64, courier string) (*Letter, error) {
	return db.step(id, ActionAssign, "", func(tx *bolt.Tx, l *Letter) error {
		dir, err := directory(tx)
		if err != nil {
			return err
		}
		courier = strings.Join(strings.Fields(courier), " ")
		if c, ok := dir.Courier(courier); ok {
			courier = c.Name
		}
		if err := l.Assign(courier, db.now()); err != nil {
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
	if at.IsZero() {
		at = db.now()
	}
	return db.step(id, ActionDeliver, "", func(_ *bolt.Tx, l *Letter) error {
		return l.Deliver(recipient, via, receivedBy, at)
	})
}

// Archive records where the letter's paper is kept (step 11).
func (db *DB) Archive(id uint64, location string) (*Letter, error) {
	return db.step(id, ActionArchive, "", func(_ *bolt.Tx, l *Letter) error {
		return l.Archive(location, db.now())
	})
}

// SetAside takes the letter off the ordinary path, with a reason.
func (db *DB) SetAside(id uint64, reason string) (*Letter, error) {
	return db.step(id, ActionSetAside, strings.TrimSpace(reason), func(_ *bolt.Tx, l *Letter) error {
		return l.SetAside(reason)
	})
}

// undoable says which actions Undo takes back.
var undoable = map[Action]bool{
	ActionRoute: true, ActionPrintCopies: true, ActionRegister: true, ActionPrintCard: true,
	ActionInitial: true, ActionAssign: true, ActionDeliver: true, ActionArchive: true,
	ActionSetAside: true,
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
		return &Error{Code: ErrInvalid, Detail: err.Error()}
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
