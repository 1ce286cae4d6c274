package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// newYearsEve is a desk on Thursday 31 December 2026 at 12.00 with one
// letter received at 10.00: due on Monday 4 January 2027 (New Year's Day
// is a fixed holiday), an estimate since 2027 has no list yet.
func newYearsEve(t *testing.T, w, h int) *harness {
	now := time.Date(2026, 12, 31, 12, 0, 0, 0, wib)
	return newHarnessAt(t, now, w, h, func(db *store.DB) {
		m := deskMessages[1]
		m.date = time.Date(2026, 12, 31, 9, 50, 0, 0, wib)
		in := mail.NewIncoming(m.raw(), time.Date(2026, 12, 31, 10, 0, 0, 0, wib), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
		if res, err := db.Add([]store.Incoming{in}); err != nil || len(res.Added) != 1 {
			t.Fatalf("Add() = %+v, %v", res, err)
		}
		settleClasses(t, db)
	})
}

// flat is the screen's text with its lines joined, so that a wrapped
// sentence reads whole.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestCalendarLoadMovesDueTime loads next year's list from the Directory's
// calendar section: the Today warning that asked for it goes, and the due
// time on the Inbox and the Letter screen moves at once to the day after
// the collective leave day the list adds.
func TestCalendarLoadMovesDueTime(t *testing.T) {
	h := newYearsEve(t, 80, 24)
	warning := "Peringatan: belum ada daftar hari libur tahun 2027; batas waktu yang melewati tahun itu hanya perkiraan. " +
		"Tekan L untuk memuat daftarnya (Direktori, bagian Kalender)."
	if s := flat(h.screen()); !strings.Contains(s, warning) {
		t.Fatalf("Today lacks the whole warning %q:\n%s", warning, h.screen())
	}
	if strings.Contains(h.screen(), "…") {
		t.Errorf("Today cuts something at 80 columns:\n%s", h.screen())
	}
	h.press("tab")
	h.contains("3hr 22j") // Monday 4 January 10.00
	h.press("enter")
	h.contains("batas 04/01 10.00")
	h.press("esc", "esc", "shift+tab", "]", "]", "]", "]", "]")
	h.contains("Tahun 2026", "daftar libur ada")
	h.press("right")
	h.contains("Tahun 2027", "Belum ada daftar hari libur tahun 2027", "Belum ada daftar hari libur tahun 2027, padahal")

	file := filepath.Join(t.TempDir(), "libur-2027.txt")
	list := "# 2027\n2027-01-01 libur Tahun Baru Masehi\n2027-01-04 cuti Cuti bersama uji coba\n"
	if err := os.WriteFile(file, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	h.press("esc", "esc") // back to Today: its L opens the form for the year missing
	h.press("L")
	h.contains("Muat daftar hari libur (mis. tahun 2027)")
	h.typeText(file)
	h.press("tab")
	h.typeText("SKB 2027")
	h.press("enter")
	h.contains("Kalender diperbarui: 2 baris berubah", "daftar libur ada (2 hari)", "4 Januari 2027", "Cuti bersama uji coba")
	if s := h.screen(); strings.Contains(s, "padahal") {
		t.Errorf("the calendar section still warns of 2027:\n%s", s)
	}
	if !h.db.Calendar().HasYear(2027) {
		t.Fatal("2027 has no list after loading it")
	}

	h.press("tab") // Today
	if s := flat(h.screen()); strings.Contains(s, "Peringatan") {
		t.Errorf("Today still warns once the list is loaded:\n%s", h.screen())
	}
	h.press("tab")
	h.contains("4hr 22j") // Tuesday 5 January 10.00
	h.press("enter")
	h.contains("batas 05/01 10.00")
}

// TestCalendarAddRemove adds a day and takes it out again from the
// calendar section, each with a reason; a line the store refuses, or no
// reason, keeps the form open with the sentence that says why.
func TestCalendarAddRemove(t *testing.T) {
	h := newHarness(t, 80, 24, seedDesk(t))
	h.press("shift+tab", "]", "]", "]", "]", "]", "n")
	h.contains("Tambah hari libur atau masa jam kerja")
	h.typeText("2026-13-01 libur salah")
	h.press("tab")
	h.typeText("uji")
	h.press("enter")
	h.contains("Isian tidak valid", "Tambah hari libur")
	h.press("shift+tab")
	for range len("2026-13-01 libur salah") {
		h.press("backspace")
	}
	h.typeText("2026-12-31 cuti Cuti bersama akhir tahun")
	h.press("tab")
	for range len("uji") {
		h.press("backspace")
	}
	h.press("enter")
	h.contains("Tuliskan alasannya.")
	h.typeText("SKB perubahan")
	h.press("enter")
	h.contains("Kalender diperbarui.")
	day := time.Date(2026, 12, 31, 9, 0, 0, 0, wib)
	if h.db.Calendar().IsWorkingDay(day) {
		t.Fatal("31 December is a working day after it was added as leave")
	}
	for i := 0; i < 60 && !strings.Contains(h.screen(), "› 31 Desember 2026"); i++ {
		h.press("down")
	}
	h.press("D")
	h.contains("Hapus hari libur", "2026-12-31")
	h.press("enter")
	h.contains("Tuliskan alasannya.")
	h.typeText("cuti dibatalkan")
	h.press("enter")
	h.contains("Kalender diperbarui.")
	if !h.db.Calendar().IsWorkingDay(day) {
		t.Fatal("31 December is still a holiday after it was removed")
	}
	if strings.Contains(h.screen(), "31 Desember 2026") {
		t.Errorf("the removed day still shows:\n%s", h.screen())
	}
	// A day that is no holiday cannot be removed: the store says so.
	h.press("D", "shift+tab")
	for range 30 {
		h.press("backspace")
	}
	h.typeText("2026-12-30")
	h.press("tab")
	h.typeText("uji")
	h.press("enter")
	h.contains("Isian tidak valid", "Hapus hari libur")
	h.press("esc")
	if h.m.dir.form != nil {
		t.Fatal("esc left the calendar form open")
	}
}
