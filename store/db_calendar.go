package store

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The operator keeps the calendar from the desk: days added or taken out
// and periods added are kept in the store, one line of the calendar file
// per key, over the calendar the settings give; each change is an audit
// event, and due times follow at once since they are computed from it.

// bucketCalendar holds the operator's changes: "YYYY-MM-DD" -> "libur
// Name", "cuti Name" or "-" (not a holiday after all), and
// "YYYY-MM-DD..YYYY-MM-DD" -> "jam mon=... Name" or "-". It is made when
// first written.
var bucketCalendar = []byte("calendar")

// removed marks a day or period the operator took out.
const removed = "-"

// ActionCalendar is a change of the calendar.
const ActionCalendar Action = "calendar"

// loadCalendar builds the calendar the desk counts with: the settings'
// calendar with the stored changes.
func (db *DB) loadCalendar() error {
	changes := map[string]string{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCalendar)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			changes[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	cal, err := db.base.with(changes)
	if err != nil {
		return fmt.Errorf("the calendar kept in the store: %w", err)
	}
	db.cal.Store(cal)
	return nil
}

// with returns a copy of c with changes applied (see bucketCalendar).
func (c *Calendar) with(changes map[string]string) (*Calendar, error) {
	n := *c
	n.days = maps.Clone(c.days)
	n.years = maps.Clone(c.years)
	n.periods = slices.Clone(c.periods)
	for _, key := range slices.Sorted(maps.Keys(changes)) {
		v := changes[key]
		if from, to, ok := strings.Cut(key, ".."); ok {
			n.periods = slices.DeleteFunc(n.periods, func(p period) bool {
				return p.from.String() == from && p.to.String() == to
			})
			if v == removed {
				continue
			}
			p, err := parsePeriod(strings.Fields(key + " " + v))
			if err != nil {
				return nil, err
			}
			n.periods = append(n.periods, period{name: p.Name, from: dateOf(p.From), to: dateOf(p.To), hours: p.Hours})
			continue
		}
		t, err := time.Parse(time.DateOnly, key)
		if err != nil {
			return nil, invalid("bad day %q", key)
		}
		d := dateOf(t)
		n.years[d.y] = true
		if v == removed {
			n.days[d] = listed{kind: removed}
			continue
		}
		kind, name, _ := strings.Cut(v, " ")
		n.days[d] = listed{kind: kind, name: name}
	}
	return &n, nil
}

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

// LoadCalendarYears takes a calendar file (the format LoadCalendar reads)
// as the holiday list of each year it names: its days are added, and the
// days of those years it leaves out are taken out; its periods are added.
// It returns how many lines changed.
func (db *DB) LoadCalendarYears(text, reason string) (int, error) {
	days := map[date]listed{}
	var periods []Period
	if err := parseFile(strings.NewReader(text), days, &periods); err != nil {
		return 0, asInvalid(err)
	}
	changes := map[string]string{}
	cal := db.Calendar()
	for y := range yearsOf(days) {
		for _, d := range cal.Days(y) {
			changes[dateOf(d.Date).String()] = removed
		}
	}
	for d, l := range days {
		changes[d.String()] = l.kind + " " + l.name
	}
	for _, p := range periods {
		changes[periodKey(p)] = KindHours + " " + formatWeek(p.Hours) + " " + p.Name
	}
	return db.changeCalendar(changes, reason)
}

func yearsOf(days map[date]listed) map[int]bool {
	years := map[int]bool{}
	for d := range days {
		years[d.y] = true
	}
	return years
}

func periodKey(p Period) string {
	return dateOf(p.From).String() + ".." + dateOf(p.To).String()
}

// AddCalendarLine adds one line of the calendar file: a day
// ("2027-01-01 libur Tahun Baru Masehi") or a period
// ("2027-02-08..2027-03-09 jam mon-thu=08.00-15.00 fri=08.00-11.30 Ramadan 1448 H").
func (db *DB) AddCalendarLine(line, reason string) error {
	days := map[date]listed{}
	var periods []Period
	if err := parseLine(line, days, &periods); err != nil {
		return asInvalid(err)
	}
	if len(days)+len(periods) == 0 {
		return invalid("an empty line adds nothing")
	}
	changes := map[string]string{}
	for d, l := range days {
		changes[d.String()] = l.kind + " " + l.name
	}
	for _, p := range periods {
		changes[periodKey(p)] = KindHours + " " + formatWeek(p.Hours) + " " + p.Name
	}
	_, err := db.changeCalendar(changes, reason)
	return err
}

// RemoveCalendar takes out a listed day ("2026-12-24", then a working
// day after all) or a period ("2027-02-08..2027-03-09").
func (db *DB) RemoveCalendar(key, reason string) error {
	key = strings.TrimSpace(key)
	cal := db.Calendar()
	if from, to, ok := strings.Cut(key, ".."); ok {
		if !slices.ContainsFunc(cal.periods, func(p period) bool { return p.from.String() == from && p.to.String() == to }) {
			return &Error{Code: ErrInvalid, Detail: fmt.Sprintf("no period %s in the calendar", key)}
		}
	} else {
		t, err := time.ParseInLocation(time.DateOnly, key, cal.Location())
		if err != nil {
			return &Error{Code: ErrInvalid, Detail: fmt.Sprintf("%q is not a day like 2026-12-24 or a period like 2027-02-08..2027-03-09", key)}
		}
		if _, ok := cal.Holiday(t); !ok {
			return &Error{Code: ErrInvalid, Detail: fmt.Sprintf("%s is not a holiday in the calendar", key)}
		}
	}
	_, err := db.changeCalendar(map[string]string{key: removed}, reason)
	return err
}

// changeCalendar writes changes and their audit event in one transaction,
// then counts with the new calendar. Lines already as asked are left out;
// it returns how many changed.
func (db *DB) changeCalendar(changes map[string]string, reason string) (int, error) {
	current := db.Calendar()
	var next *Calendar
	n := 0
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketCalendar)
		if err != nil {
			return err
		}
		e := &Event{Action: ActionCalendar, Reason: strings.TrimSpace(reason),
			Before: map[string]json.RawMessage{}, After: map[string]json.RawMessage{}}
		all := map[string]string{}
		if err := b.ForEach(func(k, v []byte) error { all[string(k)] = string(v); return nil }); err != nil {
			return err
		}
		for _, key := range slices.Sorted(maps.Keys(changes)) {
			v := changes[key]
			old, had := all[key]
			if had && old == v || !had && v == current.line(key) {
				continue
			}
			if had {
				e.Before[key], _ = json.Marshal(old)
			} else if line := current.line(key); line != "" {
				e.Before[key], _ = json.Marshal(line)
			}
			e.After[key], _ = json.Marshal(v)
			if err := b.Put([]byte(key), []byte(v)); err != nil {
				return err
			}
			all[key] = v
			n++
		}
		if n == 0 {
			return nil
		}
		if next, err = db.base.with(all); err != nil {
			return asInvalid(err)
		}
		return db.appendEvent(tx, e)
	})
	if err != nil {
		return 0, err
	}
	if next != nil {
		db.cal.Store(next)
	}
	return n, nil
}

// line is how the calendar holds key now, as a stored value: "libur
// Name", "jam ... Name", or "" when it holds nothing under key.
func (c *Calendar) line(key string) string {
	if from, to, ok := strings.Cut(key, ".."); ok {
		for _, p := range c.periods {
			if p.from.String() == from && p.to.String() == to {
				return KindHours + " " + formatWeek(p.hours) + " " + p.name
			}
		}
		return ""
	}
	t, err := time.Parse(time.DateOnly, key)
	if err != nil {
		return ""
	}
	if l, ok := c.days[dateOf(t)]; ok && l.kind != removed {
		return l.kind + " " + l.name
	}
	return ""
}
