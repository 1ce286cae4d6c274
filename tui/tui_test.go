package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"sanapati-desk/store"
)

// TestScreens walks through the desk and compares each screen with its
// golden file, at 80x24 and 120x40.
func TestScreens(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"today", nil},
		{"inbox", []string{"tab"}},
		{"letter", []string{"tab", "enter"}},
		{"route", []string{"tab", "enter", "t"}},
		{"register", []string{"tab", "enter", "enter", "enter", "enter", "enter"}},
		{"card-printed", []string{"tab", "enter", "enter", "enter", "enter", "enter", "enter", "enter"}},
		{"classified", []string{"tab", "j", "enter"}},
		{"agenda", []string{"tab", "tab"}},
		{"agenda-letter", []string{"tab", "tab", "j", "enter"}},
		{"archive-search", []string{"tab", "tab", "tab", "/", "u", "n", "d", "a", "n", "g", "enter"}},
		{"directory", []string{"shift+tab"}},
		{"directory-calendar", []string{"shift+tab", "]", "]", "]", "]", "]"}},
		{"help", []string{"tab", "?"}},
		{"letter-help", []string{"tab", "enter", "?"}},
		{"overdue", []string{"j", "j", "enter"}},
		{"deliver", []string{"tab", "tab", "j", "enter", "d"}},
	} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", tc.name, sz[0], sz[1]), func(t *testing.T) {
				h := newHarness(t, sz[0], sz[1], seedDesk(t))
				h.press(tc.keys...)
				h.golden(tc.name)
			})
		}
	}
}

// TestEnglish shows the same desk in English.
func TestEnglish(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"en-today", nil},
		{"en-letter", []string{"tab", "enter"}},
		{"en-register", []string{"tab", "enter", "enter", "enter", "enter", "enter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 80, 24, seedDesk(t), withLang("en"))
			h.press(tc.keys...)
			h.golden(tc.name)
		})
	}
}

// TestNewLetterToCard is the operator effort the README promises: from a
// new message on the Inbox to its control card printed, with the default
// choices, in 7 keystrokes (enter each time). It presses enter until the
// card is printed, and fails when that takes another number of keys.
func TestNewLetterToCard(t *testing.T) {
	const promised = 7 // README.md: "From a new message to its control card: 7 keys."
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab") // the start screen to the Inbox: not counted
	var keys []string
	for len(keys) < 15 && h.letter(5).Stage != store.StageForwarded {
		h.press("enter")
		keys = append(keys, "enter")
	}
	if len(keys) != promised {
		t.Fatalf("the card took %d keystrokes (letter at %s), the README promises %d\n%s", len(keys), h.letter(5).Stage, promised, h.screen())
	}
	l := h.letter(5)
	if l.Stage != store.StageForwarded {
		t.Fatalf("after %v the letter is %s, want %s\n%s", keys, l.Stage, store.StageForwarded, h.screen())
	}
	if l.Agenda.String() != "0003/2026" || l.LetterNumber != "005/4512/SJ" || l.Origin != "Tata Usaha Kemendagri" {
		t.Errorf("registered as %s, number %q, origin %q", l.Agenda, l.LetterNumber, l.Origin)
	}
	if len(l.Recipients) != 2 || l.Recipients[0].Name != "Walikota" || l.Recipients[1].Name != "Sekretaris Daerah" {
		t.Errorf("recipients = %+v, want Walikota and Sekretaris Daerah (named in the letter)", l.Recipients)
	}
	for _, name := range []string{"0003-2026-kartu.pdf", "surat-5-salinan-walikota.pdf", "surat-5-salinan-sekretaris-daerah.pdf"} {
		if b, err := os.ReadFile(filepath.Join(h.spool, name)); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s: %v", name, err)
		}
	}
	h.contains("Kartu kendali disimpan: $SPOOL/0003-2026-kartu.pdf", "▶  6 Paraf")
}

// TestEveryStep walks a letter through all eleven steps with the step keys.
func TestEveryStep(t *testing.T) {
	h := newHarness(t, 120, 40, seedDesk(t))
	h.press("tab", "enter", "t", "enter", "p", "r", "enter", "c", "i", "i", "i")
	if l := h.letter(5); l.Stage != store.StageInitialled {
		t.Fatalf("after the initials the letter is %s\n%s", l.Stage, h.screen())
	}
	h.press("a", "/")
	h.typeText("Pak Darto")
	h.press("enter", "e")
	h.contains("Tanda terima dicetak: $SPOOL/0003-2026-tanda-terima.pdf")
	h.press("d", "enter") // two recipients: the first, Walikota
	h.typeText("Ajudan Walikota")
	h.press("enter", "d")
	h.typeText("Staf Sekda")
	h.press("enter")
	if l := h.letter(5); l.Stage != store.StageDelivered || l.Courier != "Pak Darto" || !l.AllDelivered() {
		t.Fatalf("after the receipts the letter is %+v\n%s", l, h.screen())
	}
	h.press("A", "enter")
	l := h.letter(5)
	if l.Stage != store.StageArchived || l.ArchiveLocation != "Lemari arsip 2026 / Boks 11 / Map 0003/2026" {
		t.Fatalf("archived as %s at %q", l.Stage, l.ArchiveLocation)
	}
	h.contains("Selesai: diarsipkan di", "✓ 11 Arsip")
	h.press("u", "enter")
	h.contains("Tuliskan alasannya.")
	h.typeText("salah lokasi")
	h.press("enter")
	if l := h.letter(5); l.Stage != store.StageDelivered {
		t.Fatalf("after the undo the letter is %s", l.Stage)
	}
}

// TestStepOutOfOrder refuses a step the letter is not ready for, with
// the sentence that names the next one.
func TestStepOutOfOrder(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "enter", "c")
	h.contains(`Langkah "cetak kartu kendali" tidak dapat dilakukan untuk naskah berstatus`, "berikutnya: pilih penerima.")
	if l := h.letter(5); l.Stage != store.StageReceived {
		t.Errorf("the letter moved to %s", l.Stage)
	}
}

// TestClassifiedStops: a letter marked Rahasia is not offered the
// ordinary path; enter sets it aside with the reason filled in.
func TestClassifiedStops(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "j", "enter")
	h.contains("Bersifat Rahasia: tidak boleh lewat jalur biasa.", "enter › sisihkan")
	h.press("enter")
	h.contains("Bersifat Rahasia: tidak melalui jalur naskah biasa")
	h.press("enter")
	if l := h.letter(3); l.Stage != store.StageSetAside {
		t.Fatalf("the classified letter is %s, want set aside", l.Stage)
	}
	// The message declares it Rahasia, so from receipt choosing its
	// recipients is refused by the store, in one sentence.
	h2 := newHarness(t, 100, 30, seedDesk(t))
	h2.press("tab", "j", "enter", "t")
	h2.contains("Naskah bersifat Rahasia tidak boleh melalui jalur biasa:")
	if l := h2.letter(3); l.Stage != store.StageReceived || len(l.Recipients) != 0 {
		t.Fatalf("the refused letter is %s with recipients %v", l.Stage, l.Recipients)
	}
}

// TestResize follows the terminal: every frame fills it exactly.
func TestResize(t *testing.T) {
	h := newHarness(t, 80, 24, seedDesk(t))
	for _, keys := range [][]string{nil, {"tab"}, {"enter"}, {"t"}} {
		h.press(keys...)
		for _, sz := range [][2]int{{80, 24}, {100, 30}, {150, 50}, {81, 25}} {
			h.send(teaSize(sz[0], sz[1]))
			lines := strings.Split(h.m.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Fatalf("after %v at %dx%d: %d lines", keys, sz[0], sz[1], len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w != sz[0] {
					t.Fatalf("after %v at %dx%d: line %d is %d wide: %q", keys, sz[0], sz[1], i, w, l)
				}
			}
		}
	}
}
