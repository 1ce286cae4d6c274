package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// seedMany stores n letters, one every 20 minutes before the test's clock;
// every third is registered, every seventh archived after delivery.
func seedMany(t testing.TB, n int) func(db *store.DB) {
	return func(db *store.DB) {
		in := make([]store.Incoming, n)
		for i := range in {
			in[i] = store.Incoming{
				Raw:        []byte(fmt.Sprintf("Subject: Surat %d\r\n\r\nIsi %d\r\n", i, i)),
				ReceivedAt: testNow.Add(-time.Duration(n-i) * 20 * time.Minute),
				From:       fmt.Sprintf("Instansi %d <tu%d@instansi.go.id>", i%7, i%7),
				Subject:    fmt.Sprintf("Surat nomor %d", i),
			}
		}
		if _, err := db.Add(in); err != nil {
			t.Fatalf("Add() = %v", err)
		}
		for id := uint64(1); id <= uint64(n); id++ {
			if id%3 != 0 {
				continue
			}
			steps := []func() (*store.Letter, error){
				func() (*store.Letter, error) { return db.Route(id, []store.Recipient{{Name: "Walikota"}}) },
				func() (*store.Letter, error) { return db.RecordCopiesPrinted(id) },
				func() (*store.Letter, error) { return db.Register(id, store.Registration{}) },
			}
			if id%7 == 0 {
				steps = append(steps,
					func() (*store.Letter, error) { return db.RecordCardPrinted(id) },
					func() (*store.Letter, error) { return db.Initial(id, "", time.Time{}) },
					func() (*store.Letter, error) { return db.Initial(id, "", time.Time{}) },
					func() (*store.Letter, error) { return db.Initial(id, "", time.Time{}) },
					func() (*store.Letter, error) { return db.Assign(id, "Pak Darto", time.Time{}) },
					func() (*store.Letter, error) { return db.Deliver(id, "Walikota", "", "Ajudan", time.Time{}) },
					func() (*store.Letter, error) { return db.Archive(id, "Lemari 1", time.Time{}) },
				)
			}
			for _, s := range steps {
				if _, err := s(); err != nil {
					t.Fatalf("seed letter %d: %v", id, err)
				}
			}
		}
	}
}

// TestLoadPageWays reads every page of several filters both ways the lists
// read the store (all at once, and walking the received order) and gets
// the same letters in the same order.
func TestLoadPageWays(t *testing.T) {
	h := newHarness(t, 80, 24, seedMany(t, 260))
	for _, f := range []filter{
		{},
		{stages: inboxStages},
		{stages: agendaStages, year: 2026},
		{stages: []store.Stage{store.StageArchived}},
		{stages: openStages, overdue: true},
		{stages: openStages, dueToday: true},
	} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			var direct, scan []uint64
			for start, before, more := 0, 0, true; more; {
				p, err := loadDirect(h.db, f, start)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range p.rows {
					direct = append(direct, l.ID)
				}
				start, before, more = p.next, before+len(p.rows), p.more
			}
			total := -1
			for start, before, more := 0, 0, true; more; {
				p, err := loadScan(h.db, f, start, before, total)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range p.rows {
					scan = append(scan, l.ID)
				}
				start, before, more = p.next, before+len(p.rows), p.more
			}
			if fmt.Sprint(direct) != fmt.Sprint(scan) {
				t.Fatalf("direct %v\nscan   %v", direct, scan)
			}
			if f.stages == nil && len(direct) != 260 {
				t.Fatalf("the whole store lists %d letters, want 260", len(direct))
			}
		})
	}
}

// TestPaging moves past the loaded page: the next page loads, and the
// previous one again going back.
func TestPaging(t *testing.T) {
	h := newHarness(t, 100, 30, seedMany(t, 130))
	h.press("tab", "tab", "tab") // the Archive search: every letter
	h.contains("1-50 dari 130", "Surat nomor 129")
	h.press("G", "j")
	h.contains("51-100 dari 130", "Surat nomor 79")
	h.press("pgdown", "pgdown", "pgdown", "G", "j")
	h.contains("101-130 dari 130", "Surat nomor 0")
	h.press("g")
	h.contains("1-50 dari 130")
	h.press("G", "j", "k")
	h.contains("1-50 dari 130", "Surat nomor 80")
	if c := h.m.search.selected(); c == nil || c.Subject != "Surat nomor 80" {
		t.Fatalf("after paging back the cursor is on %+v", c)
	}
	h.press("f")
	h.contains("hanya Diterima", "1-50 dari 87")
	h.press("f", "f", "f", "f", "f", "f", "f", "f")
	h.contains("hanya Diarsipkan", "1-6 dari 6", "Lemari 1")
	h.press("o")
	h.contains("hanya yang terlambat", "Tidak ada naskah")
	h.press("esc")
	h.contains("1-50 dari 130")
}

// TestAgendaActions prints the card from the Agenda book, and prints and
// exports the book and the monthly report.
func TestAgendaActions(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "tab", "c")
	if l := h.letter(2); l.Stage != store.StageForwarded {
		t.Fatalf("c on the Agenda left letter 2 %s", l.Stage)
	}
	h.contains("Kartu kendali disimpan: $SPOOL/0002-2026-kartu.pdf")
	h.press("j", "c")
	h.contains("Kartu kendali disimpan: $SPOOL/0001-2026-kartu.pdf")
	h.press("b", "E", "m", "enter", "M", "enter")
	for _, name := range []string{"0002-2026-kartu.pdf", "0001-2026-kartu.pdf", "agenda-2026.pdf", "agenda-2026.xlsx", "laporan-2026-11.pdf", "laporan-2026-11.xlsx"} {
		if _, err := os.Stat(filepath.Join(h.spool, name)); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
	}
	h.press("[")
	h.contains("Buku agenda 2025", "Tidak ada naskah")
}

// TestDirectoryEdits adds a courier, moves an official and changes a
// recipient's channel, each saved to the store.
func TestDirectoryEdits(t *testing.T) {
	h := newHarness(t, 100, 30, nil)
	h.press("shift+tab", "c")
	h.press("]", "J", "]", "n")
	h.typeText("Bu Sari")
	h.press("enter")
	d, err := h.db.Directory()
	if err != nil {
		t.Fatal(err)
	}
	if d.Recipients[0].Channel != store.ChannelCourier {
		t.Errorf("Walikota's channel is %s after c", d.Recipients[0].Channel)
	}
	if d.Officials[1].Position != "Kepala Seksi Persandian dan Keamanan Informasi" {
		t.Errorf("officials after J: %+v", d.Officials)
	}
	if len(d.Couriers) != 1 || d.Couriers[0].Name != "Bu Sari" {
		t.Errorf("couriers = %+v", d.Couriers)
	}
	h.contains("Direktori disimpan.", "Bu Sari")
}

// TestCatalogue checks that every text the desk shows exists in both
// languages, with the same Printf verbs.
func TestCatalogueKeysOnce(t *testing.T) {
	seen := map[string]int{}
	for i, part := range locale.Parts() {
		for k := range part {
			if j, dup := seen[k]; dup {
				t.Errorf("catalogue key %q is defined in part %d and in part %d", k, j, i)
			}
			seen[k] = i
		}
	}
	if len(seen) < 200 {
		t.Fatalf("the catalogue holds %d keys, want hundreds", len(seen))
	}
}

func TestCatalogue(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	main, _ := filepath.Glob("../*.go") // the command line speaks from the same catalogue
	files = append(files, main...)
	literal := regexp.MustCompile(`"((?:app|warn|tab|help|quit|status|col|left|today|list|search|agenda|intake|hdr|letter|step|err|key|picker|route|assign|register|deliver|archive|setaside|undo|form|report|password|done|dir|settings|initial|classify|late|correct)\.[a-z_]+)"`)
	verbs := regexp.MustCompile(`%[-0-9.]*[a-z%]`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(filepath.Base(f), "text") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			seen++
			k := m[1]
			if strings.HasSuffix(k, "_") {
				continue // a prefix completed at run time
			}
			v, ok := locale.Lookup(k)
			if !ok || v[0] == "" || v[1] == "" {
				t.Errorf("%s: %q is missing from the catalogue", f, k)
				continue
			}
			if a, b := verbs.FindAllString(v[0], -1), verbs.FindAllString(v[1], -1); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%q: Indonesian has %v, English %v", k, a, b)
			}
		}
	}
	if seen < 200 {
		t.Fatalf("found only %d catalogue keys in the source: the check is broken", seen)
	}
	for _, k := range []string{"dir.kind_libur", "dir.kind_cuti"} {
		if _, ok := locale.Lookup(k); !ok {
			t.Errorf("%q is missing", k)
		}
	}
}

// TestDirectoryAliasesGroupsPlaces: the Directory screen edits a
// recipient's other names, a group and a place, and an edit elsewhere
// keeps them all (the copy an edit works on once dropped them).
func TestDirectoryAliasesGroupsPlaces(t *testing.T) {
	h := newHarness(t, 120, 40, nil)
	before, err := h.db.Directory()
	if err != nil || len(before.Groups) == 0 || len(before.Places) == 0 {
		t.Fatalf("the default directory has no groups or places: %+v, %v", before, err)
	}
	h.press("shift+tab") // the Directory
	h.press("enter", "tab", "ctrl+u")
	h.typeText("Wali Kota; Wali Kota Pekalongan")
	h.press("enter")
	d, _ := h.db.Directory()
	first := d.Recipients[0]
	if !slices.Equal(first.Aliases, []string{"Wali Kota", "Wali Kota Pekalongan"}) {
		t.Errorf("aliases %q after the edit", first.Aliases)
	}
	if len(d.Groups) != len(before.Groups) || len(d.Places) != len(before.Places) {
		t.Errorf("an edit of a recipient changed the groups (%d → %d) or places (%d → %d)",
			len(before.Groups), len(d.Groups), len(before.Places), len(d.Places))
	}
	if m := d.Match("Wali Kota Pekalongan"); len(m.Recipients) != 1 || m.Recipients[0] != first.Name {
		t.Errorf("Match(Wali Kota Pekalongan) = %+v, want %s", m, first.Name)
	}

	// An entry saved unchanged stays as it was: an alias with a comma in
	// it, and a group longer than a line of the form.
	for i, r := range d.Recipients {
		if !slices.ContainsFunc(r.Aliases, func(a string) bool { return strings.Contains(a, ",") }) {
			continue
		}
		h.press("g")
		for range i {
			h.press("j")
		}
		h.press("enter", "enter")
		if got, _ := h.db.Directory(); !slices.Equal(got.Recipients[i].Aliases, r.Aliases) {
			t.Errorf("%s saved unchanged: aliases %q, were %q", r.Name, got.Recipients[i].Aliases, r.Aliases)
		}
		break
	}
	h.press("]", "]", "]", "g", "enter", "enter")
	if got, _ := h.db.Directory(); !slices.Equal(got.Groups[0].Members, d.Groups[0].Members) {
		t.Errorf("group %s saved unchanged: %d members, were %d", d.Groups[0].Name, len(got.Groups[0].Members), len(d.Groups[0].Members))
	}
	h.press("[", "[", "[")

	// A group: a member the directory lacks is refused with the store's
	// sentence, and the form stays open to fix it.
	h.press("]", "]", "]", "n")
	h.typeText("Para Kepala Dinas")
	h.press("tab", "tab")
	h.typeText("Kepala Dinas Kesehatan; Kepala Dinas Tidak Ada")
	h.press("enter")
	h.contains(`kelompok "Para Kepala Dinas": "Kepala Dinas Tidak Ada" tidak ada di direktori`)
	if h.m.dir.form == nil {
		t.Fatal("the refused group's form closed")
	}
	h.press("esc", "enter") // the cursor is on an entry that is there
	if h.m.dir.form == nil {
		t.Fatal("enter after a refused add opened no form")
	}
	h.press("esc", "n")
	h.typeText("Para Kepala Dinas")
	h.press("tab", "tab")
	h.typeText("Kepala Dinas Kesehatan; Kepala Dinas Tidak Ada")
	h.press("enter")
	h.press("ctrl+u")
	h.typeText("Kepala Dinas Kesehatan")
	h.press("enter")
	d, _ = h.db.Directory()
	g := d.Groups[len(d.Groups)-1]
	if g.Name != "Para Kepala Dinas" || !slices.Equal(g.Members, []string{"Kepala Dinas Kesehatan"}) {
		t.Errorf("new group %+v", g)
	}
	if m := d.Match("Para Kepala Dinas"); len(m.Recipients) != 1 {
		t.Errorf("Match(Para Kepala Dinas) = %+v", m)
	}

	// A place of the desk's own area.
	h.press("]", "n")
	h.typeText("Kota Batang")
	h.press("tab")
	h.typeText("ya")
	h.press("enter")
	d, _ = h.db.Directory()
	if p := d.Places[len(d.Places)-1]; p.Name != "Kota Batang" || !p.Own {
		t.Errorf("new place %+v", p)
	}
	h.contains("Kota Batang  (wilayah sendiri)")
}
