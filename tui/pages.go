package tui

import (
	"time"

	"sanapati-desk/store"
)

// filter selects the letters a list shows.
type filter struct {
	// text is searched by the store (agenda number, letter number,
	// sender, subject).
	text string
	// stages keeps letters at one of these stages; nil keeps all.
	stages []store.Stage
	// overdue and dueToday keep letters whose clock ran out, or runs out
	// before the end of today.
	overdue, dueToday bool
	// year keeps letters whose agenda number is of that year; 0 keeps all.
	year int
}

// wholeBook reports whether f is a year's whole agenda book, which the
// store pages in agenda-number order, newest first.
func (f filter) wholeBook() bool {
	return f.year != 0 && f.text == "" && !f.overdue && !f.dueToday && sameStages(f.stages, agendaStages)
}

func sameStages(a, b []store.Stage) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		if !hasStage(b, s) {
			return false
		}
	}
	return true
}

func (f filter) match(l *store.Letter, cal *store.Calendar, now time.Time) bool {
	if f.stages != nil && !hasStage(f.stages, l.Stage) {
		return false
	}
	if f.year != 0 && l.Agenda.Year != f.year {
		return false
	}
	if f.overdue || f.dueToday {
		t := l.Timing(cal, now)
		if !l.DoneAt.IsZero() || l.Stage == store.StageSetAside {
			return false
		}
		if f.overdue && !t.Overdue {
			return false
		}
		if f.dueToday && (t.Overdue || !sameDay(t.Due, now, cal.Location())) {
			return false
		}
	}
	return true
}

// onlyStages reports whether the filter is by stage alone, so that the
// store's stage counts give its total.
func (f filter) onlyStages() bool {
	return f.text == "" && !f.overdue && !f.dueToday && f.year == 0
}

func hasStage(stages []store.Stage, s store.Stage) bool {
	for _, x := range stages {
		if x == s {
			return true
		}
	}
	return false
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// page is one loaded page of a list, newest received first.
type page struct {
	rows []store.Letter
	// start and next are positions in the order the page was read from:
	// where this page began and where the next one begins.
	start, next int
	// before counts the matching letters before this page.
	before int
	more   bool
	// total is the number of matching letters, -1 when unknown.
	total int
}

const (
	pageSize = 50
	// directLimit is how many letters the stages of a filter may hold for
	// the store to read them all at once; above it the list walks the
	// received-time order a chunk at a time and stops at a full page.
	directLimit = 5000
	scanChunk   = 200
	// countChunk is how many letters the start screen's counts read at a
	// time when the open letters are too many to read at once.
	countChunk = 2000
)

// loadPage reads the page of letters matching f that starts at start, with
// before matching letters ahead of it. It reads from the store in one of two
// ways, whichever touches fewer letters: a text search or a small set of
// stages is read whole and sliced; anything else walks the received order
// newest first and stops at a full page, so that the first page of a
// 100,000-letter store costs a page, not the book.
func loadPage(db *store.DB, f filter, start, before int) (page, error) {
	if f.wholeBook() {
		rows, total, err := db.AgendaPage(f.year, start, pageSize, true)
		end := start + len(rows)
		return page{rows: rows, start: start, next: end, before: start, more: end < total, total: total}, err
	}
	counts, err := db.StageCounts()
	if err != nil {
		return page{}, err
	}
	inStages := 0
	for s, n := range counts {
		if f.stages == nil || hasStage(f.stages, s) {
			inStages += n
		}
	}
	if f.text != "" || (f.stages != nil && inStages <= directLimit) {
		return loadDirect(db, f, start)
	}
	total := -1
	if f.onlyStages() {
		total = inStages
	}
	return loadScan(db, f, start, before, total)
}

func loadDirect(db *store.DB, f filter, start int) (page, error) {
	all, err := db.List(store.Query{Text: f.text, Stages: f.stages, Overdue: f.overdue})
	if err != nil {
		return page{}, err
	}
	now, cal := db.Now(), db.Calendar()
	kept := all[:0]
	for i := range all {
		if f.match(&all[i], cal, now) {
			kept = append(kept, all[i])
		}
	}
	start = min(max(start, 0), len(kept))
	end := min(start+pageSize, len(kept))
	p := page{start: start, next: end, before: start, more: end < len(kept), total: len(kept)}
	p.rows = append([]store.Letter(nil), kept[start:end]...)
	return p, nil
}

func loadScan(db *store.DB, f filter, start, before, total int) (page, error) {
	now, cal := db.Now(), db.Calendar()
	p := page{start: start, next: start, before: before, total: total, more: true}
	// Chunks grow while matches are rare, so that a long walk costs few
	// calls; the first stays small, as a page is usually found at once.
	for size := scanChunk; len(p.rows) < pageSize; size = min(2*size, countChunk) {
		if total >= 0 && before+len(p.rows) >= total {
			p.more = false
			break
		}
		chunk, err := db.List(store.Query{Offset: p.next, Limit: size})
		if err != nil {
			return page{}, err
		}
		for i := range chunk {
			p.next++
			if f.match(&chunk[i], cal, now) {
				p.rows = append(p.rows, chunk[i])
				if len(p.rows) == pageSize {
					break
				}
			}
		}
		if len(chunk) < size && len(p.rows) < pageSize {
			p.more = false
			break
		}
	}
	if p.more && total >= 0 && before+len(p.rows) >= total {
		p.more = false
	}
	return p, nil
}
