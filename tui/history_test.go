package tui

import (
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// TestLetterJourney follows a letter to the archive: the Letter screen
// shows its courier, who received each copy and when, the initials with
// their times, the shelf location and the reason of a step taken back;
// the history lists every event with its reason and what changed; once
// archived the letter says so and offers no next step.
func TestLetterJourney(t *testing.T) {
	h := newHarness(t, 120, 40, seedDesk(t))
	if _, err := h.db.Deliver(1, "Camat Pekalongan Utara", "", "Sekcam Utara", testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Archive(1, "Lemari 1 / Boks 02 / Map 0001", testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Undo(1, "lokasi keliru ditulis"); err != nil {
		t.Fatal(err)
	}
	h.open(1)
	h.contains("Caraka   Pak Darto", "Koreksi  lokasi keliru ditulis", "Ajudan Sekda", "Sekcam Utara",
		"✓ 27/11 09.00 Kepala Seksi")
	h.press("A", "enter")
	if l := h.letter(1); l.Stage != store.StageArchived {
		t.Fatalf("stage %s after archiving", l.Stage)
	}
	h.contains("Lokasi   Lemari arsip", "Selesai: diarsipkan di Lemari arsip")
	if s := h.screen(); strings.Contains(s, "enter ") || strings.Contains(s, "langkah berikutnya") {
		t.Errorf("an archived letter offers a next step:\n%s", s)
	}
	h.press("h")
	h.contains("Riwayat naskah #1", "operator", "pilih penerima", "(Diterima → Penerima dipilih)", "nomor surat: B/411/M.SM.02.03/2026", "nomor agenda: 0001/2026")
	h.press("G")
	for _, want := range []string{"alasan: lokasi keliru ditulis", "batalkan langkah", "(Tersampaikan → Diarsipkan)",
		"penerima: Camat Pekalongan Utara · caraka · 27 November 2026 09.00 WIB", "· Sekcam Utara",
		"lokasi simpan: Lemari 1 / Boks 02 / Map 0001 → -", "lokasi simpan: Lemari arsip"} {
		// The history's lines as drawn 200 cells wide, so that no value
		// wraps beside the step panel.
		history := flat(strings.Join(h.m.letter.historyLines(h.m.e, &styles{}, 200), "\n"))
		if !strings.Contains(history, want) {
			t.Errorf("the history lacks %q:\n%s", want, h.screen())
		}
	}
	h.press("h")
	h.contains("Selesai: diarsipkan")

	// A set-aside letter says so, and why, and has no next step either.
	h.open(3)
	h.press("x", "enter")
	if l := h.letter(3); l.Stage != store.StageSetAside {
		t.Fatalf("stage %s after setting aside", l.Stage)
	}
	h.contains("Naskah ini disisihkan (Bersifat Rahasia")
	if s := h.screen(); strings.Contains(s, "Semua langkah naskah ini selesai") || strings.Contains(s, "enter ") {
		t.Errorf("a set-aside letter reads as done or offers a step:\n%s", s)
	}
}

// TestArchiveShowsShelf shows the selected letter's whole shelf location
// on the Archive at 80x24, where no column could hold it.
func TestArchiveShowsShelf(t *testing.T) {
	h := newHarness(t, 80, 24, seedDesk(t))
	if _, err := h.db.Deliver(1, "Camat Pekalongan Utara", "", "Sekcam Utara", testNow); err != nil {
		t.Fatal(err)
	}
	where := "Lemari arsip 2026 / Boks 11 / Map 0001/2026 (rak timur)"
	if _, err := h.db.Archive(1, where, testNow); err != nil {
		t.Fatal(err)
	}
	h.press("tab", "tab", "tab", "G")
	h.contains("Lokasi simpan: " + where)
}

// TestBodyReflowed shows a body a mail program wrapped by hand at about 72
// columns as paragraphs: on a wide screen no word is left alone on a line.
func TestBodyReflowed(t *testing.T) {
	para := "Sehubungan dengan pelaksanaan evaluasi penyelenggaraan persandian\r\n" +
		"di lingkungan pemerintah daerah tahun 2026, bersama ini kami mohon\r\n" +
		"kesediaan Saudara untuk menyampaikan data pendukung sebagaimana\r\n" +
		"tercantum dalam lampiran surat ini paling lambat tanggal 4 Desember."
	h := newHarness(t, 160, 40, func(db *store.DB) {
		m := deskMessages[1]
		m.body = para
		in := mail.NewIncoming(m.raw(), testNow.Add(-time.Hour), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
		if _, err := db.Add([]store.Incoming{in}); err != nil {
			t.Fatal(err)
		}
		settleClasses(t, db)
	})
	h.open(1)
	h.contains("persandian di lingkungan pemerintah daerah")
}
