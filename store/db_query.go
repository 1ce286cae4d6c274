package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Query selects letters for List. The zero value lists every letter, newest
// first.
type Query struct {
	// Stages keeps only letters at one of these stages.
	Stages []Stage
	// Overdue keeps only letters whose working-day clock has run out.
	Overdue bool
	// Text keeps letters whose agenda number, letter number, sender,
	// subject or Message-ID contains it (case-insensitively), or whose
	// agenda number it is (42/2026, 0042/2026).
	Text string
	// OldestFirst lists in received order instead of newest first.
	OldestFirst bool
	// Offset and Limit select a page; Limit 0 means no limit.
	Offset, Limit int
}

// List returns the letters that match q, ordered by received time.
func (db *DB) List(q Query) ([]Letter, error) {
	var out []Letter
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		if q.Text == "" && (len(q.Stages) == 0 || stagesHold(tx, q.Stages) > scanAbove) {
			out, err = db.scanReceived(tx, q)
			return err
		}
		ids, err := db.candidates(tx, q)
		if err != nil {
			return err
		}
		out, err = db.load(tx, ids, q)
		return err
	})
	return out, err
}

// scanAbove is the number of letters in a query's stages above which List
// walks the received-time index and stops at the page, rather than reading
// every letter of those stages and sorting them.
var scanAbove = 2000

func stagesHold(tx *bolt.Tx, stages []Stage) int {
	counts, n := stageCounts(tx), 0
	for _, s := range stages {
		n += counts[s]
	}
	return n
}

// scanReceived walks the received-time index, decoding only the page.
func (db *DB) scanReceived(tx *bolt.Tx, q Query) ([]Letter, error) {
	var out []Letter
	c := tx.Bucket(bucketByReceived).Cursor()
	first, next := c.Last, c.Prev
	if q.OldestFirst {
		first, next = c.First, c.Next
	}
	now := db.now()
	skip := q.Offset
	stages := tx.Bucket(bucketByStage)
	member := func(id uint64) bool {
		for _, s := range q.Stages {
			if stages.Get(stageKey(s, id)) != nil {
				return true
			}
		}
		return len(q.Stages) == 0
	}
	for k, _ := first(); k != nil; k, _ = next() {
		id := binary.BigEndian.Uint64(k[8:])
		if !member(id) {
			continue
		}
		if !q.Overdue && skip > 0 {
			skip--
			continue
		}
		l, _, err := getLetter(tx, id)
		if err != nil {
			return nil, err
		}
		if q.Overdue && !l.Timing(db.Calendar(), now).Overdue {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, *l)
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
	}
	return out, nil
}

// candidates returns the IDs matching the query's stages and text, unordered.
func (db *DB) candidates(tx *bolt.Tx, q Query) ([]uint64, error) {
	var byStage map[uint64]bool
	if len(q.Stages) > 0 {
		byStage = map[uint64]bool{}
		c := tx.Bucket(bucketByStage).Cursor()
		for _, s := range q.Stages {
			prefix := append([]byte(s), 0)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				byStage[binary.BigEndian.Uint64(k[len(prefix):])] = true
			}
		}
	}
	var ids []uint64
	if q.Text == "" {
		for id := range byStage {
			ids = append(ids, id)
		}
		return ids, nil
	}
	keep := func(id uint64) bool { return byStage == nil || byStage[id] }
	seen := map[uint64]bool{}
	if a, ok := parseAgendaNumber(q.Text); ok {
		if v := tx.Bucket(bucketAgenda).Get(agendaKey(a)); v != nil {
			id := binary.BigEndian.Uint64(v)
			if keep(id) {
				ids = append(ids, id)
				seen[id] = true
			}
		}
	}
	needle := []byte(strings.ToLower(strings.TrimSpace(q.Text)))
	c := tx.Bucket(bucketSearch).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if bytes.Contains(v, needle) {
			id := binary.BigEndian.Uint64(k)
			if !seen[id] && keep(id) {
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

// agendaPattern is compiled on first use: a command that searches nothing
// should not pay for it at start.
var agendaPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*0*(\d{1,6})\s*/\s*(\d{4})\s*$`)
})

// parseAgendaNumber reads 42/2026 or 0042/2026.
func parseAgendaNumber(s string) (AgendaNumber, bool) {
	m := agendaPattern().FindStringSubmatch(s)
	if m == nil {
		return AgendaNumber{}, false
	}
	seq, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[2])
	return AgendaNumber{Year: year, Seq: seq}, seq > 0
}

// load decodes the letters ids, filters, orders by received time and pages.
func (db *DB) load(tx *bolt.Tx, ids []uint64, q Query) ([]Letter, error) {
	now := db.now()
	out := make([]Letter, 0, len(ids))
	for _, id := range ids {
		l, _, err := getLetter(tx, id)
		if err != nil {
			return nil, err
		}
		if q.Overdue && !l.Timing(db.Calendar(), now).Overdue {
			continue
		}
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if !a.ReceivedAt.Equal(b.ReceivedAt) {
			return a.ReceivedAt.After(b.ReceivedAt) != q.OldestFirst
		}
		return (a.ID > b.ID) != q.OldestFirst
	})
	if q.Offset >= len(out) {
		return nil, nil
	}
	out = out[q.Offset:]
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// Agenda returns the agenda book of a year in agenda-number order, or only
// the rows registered in month when month is not zero (any day of it).
func (db *DB) Agenda(year int, month time.Month) ([]Letter, error) {
	var out []Letter
	err := db.bolt.View(func(tx *bolt.Tx) error {
		prefix := u32(uint32(year))
		c := tx.Bucket(bucketAgenda).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			l, _, err := getLetter(tx, binary.BigEndian.Uint64(v))
			if err != nil {
				return err
			}
			if month != 0 && l.RegisteredAt.In(db.Calendar().Location()).Month() != month {
				continue
			}
			out = append(out, *l)
		}
		return nil
	})
	return out, err
}

// Received returns the letters received in [from, to), oldest first: the
// monthly report's population.
func (db *DB) Received(from, to time.Time) ([]Letter, error) {
	var out []Letter
	err := db.EachReceived(from, to, func(l *Letter) error {
		out = append(out, *l)
		return nil
	})
	return out, err
}

// EachReceived calls fn with each letter received in [from, to), oldest
// first, without holding them all: for figures over many letters. The
// letter is fn's to keep.
func (db *DB) EachReceived(from, to time.Time, fn func(l *Letter) error) error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByReceived).Cursor()
		start, end := u64(uint64(from.UnixNano())), u64(uint64(to.UnixNano()))
		for k, _ := c.Seek(start); k != nil && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
			l, _, err := getLetter(tx, binary.BigEndian.Uint64(k[8:]))
			if err != nil {
				return err
			}
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	})
}

// StageCounts counts the letters at each stage, from counters kept with
// the stage index: no letter is read.
func (db *DB) StageCounts() (map[Stage]int, error) {
	counts := map[Stage]int{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		counts = stageCounts(tx)
		return nil
	})
	return counts, err
}

func stageCounts(tx *bolt.Tx) map[Stage]int {
	counts := map[Stage]int{}
	meta := tx.Bucket(bucketMeta)
	for _, s := range Stages {
		if v := meta.Get(stageCountKey(s)); v != nil {
			counts[s] = int(binary.BigEndian.Uint64(v))
		}
	}
	return counts
}

// OpenStages are the stages whose working-day clock is running.
var OpenStages = []Stage{StageReceived, StageChecked, StagePrinted, StageRegistered,
	StageForwarded, StageInitialled, StageAssigned}

// Overview is what the start screen counts.
type Overview struct {
	// Stages counts the letters at each stage.
	Stages map[Stage]int
	// Overdue counts open letters past their due time; DueToday those due
	// later today.
	Overdue, DueToday int
}

// Overview counts the letters by stage and, among the open ones, those
// overdue and due later today at now. It reads the stage index, which
// carries each letter's received time, and no letter.
func (db *DB) Overview(now time.Time) (Overview, error) {
	var ov Overview
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ov.Stages = stageCounts(tx)
		loc := db.Calendar().Location()
		y, m, d := now.In(loc).Date()
		endOfDay := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
		c := tx.Bucket(bucketByStage).Cursor()
		for _, s := range OpenStages {
			prefix := append([]byte(s), 0)
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				due := db.Calendar().Due(time.Unix(0, int64(binary.BigEndian.Uint64(v))))
				switch {
				case due.Before(now):
					ov.Overdue++
				case due.Before(endOfDay):
					ov.DueToday++
				}
			}
		}
		return nil
	})
	return ov, err
}

// AgendaPage returns one page of a year's agenda book in agenda-number
// order (newest first when newestFirst), and the number of rows the book
// has.
func (db *DB) AgendaPage(year, offset, limit int, newestFirst bool) ([]Letter, int, error) {
	var out []Letter
	total := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get([]byte(fmt.Sprintf("agenda/%d", year))); v != nil {
			total = int(binary.BigEndian.Uint32(v))
		}
		prefix := u32(uint32(year))
		c := tx.Bucket(bucketAgenda).Cursor()
		var k, v []byte
		next := c.Next
		if !newestFirst {
			k, v = c.Seek(prefix)
		} else {
			k, v = c.Seek(u32(uint32(year) + 1))
			if k == nil {
				k, v = c.Last()
			} else {
				k, v = c.Prev()
			}
			next = c.Prev
		}
		for skip := offset; k != nil && bytes.HasPrefix(k, prefix); k, v = next() {
			if skip > 0 {
				skip--
				continue
			}
			l, _, err := getLetter(tx, binary.BigEndian.Uint64(v))
			if err != nil {
				return err
			}
			out = append(out, *l)
			if limit > 0 && len(out) == limit {
				break
			}
		}
		return nil
	})
	return out, total, err
}

// Count returns how many letters the store holds.
func (db *DB) Count() (int, error) {
	n := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketLetters).Stats().KeyN
		return nil
	})
	return n, err
}

// registeredAs returns the agenda number of another registered letter with
// l's origin and letter number, or the zero number. It reads the search
// index, whose fields hold both, so that no letter record is decoded.
func registeredAs(tx *bolt.Tx, l *Letter) (AgendaNumber, error) {
	number, origin := sameText(l.LetterNumber), sameText(l.Origin)
	if number == "" || origin == "" {
		return AgendaNumber{}, nil
	}
	own := strconv.FormatUint(l.ID, 10)
	c := tx.Bucket(bucketSearch).Cursor()
	needle := []byte(strings.Fields(number)[0])
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if !bytes.Contains(v, needle) {
			continue
		}
		f := strings.Split(string(v), "\x1f")
		if len(f) < searchFields || f[searchAgenda] == "" || f[searchID] == own ||
			sameText(f[searchNumber]) != number || sameText(f[searchOrigin]) != origin {
			continue
		}
		if a, ok := parseAgendaNumber(f[searchAgenda]); ok {
			return a, nil
		}
	}
	return AgendaNumber{}, nil
}

// sameText is s as two letter numbers or origins are compared: case and
// runs of spaces do not count.
func sameText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// UnlistedYears returns the years without a holiday list that the clock
// of some open letter reaches: the due times counted through them are
// estimates until their lists are loaded. It reads the received times the
// stage index keeps, not the letters, and counts a due time only for a
// letter received in a year without a list or in the last weeks of one
// before such a year: a command asks it every time.
func (db *DB) UnlistedYears() ([]int, error) {
	cal := db.Calendar()
	loc := cal.Location()
	seen := map[int]bool{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByStage).Cursor()
		for _, s := range OpenStages {
			prefix := append([]byte(s), 0)
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if len(v) != 8 {
					continue
				}
				received := time.Unix(0, int64(binary.BigEndian.Uint64(v))).In(loc)
				year := received.Year()
				switch {
				case !cal.HasYear(year):
					seen[year] = true
				case received.Month() == time.December && received.Day() > 10 && !cal.HasYear(year+1):
					if due := cal.Due(received); due.Year() != year {
						seen[due.Year()] = true
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(seen)), nil
}
