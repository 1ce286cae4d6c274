package tui

import (
	"regexp"
	"strings"
	"testing"
)

// Words that give away the other language on a screen: none of them is in
// the seeded letters' data that the screens below show (the subjects and
// senders of every letter, the bodies of letters 1, 3 and 4).
var (
	englishWords    = regexp.MustCompile(`(?i)\b(the|is not|unknown|give|letter|letters|step|steps|usage|print|choose|default|receipt|recipient|recipients|not yet|save|cancel|back|next|help|quit|search|due|left|new|archive|today)\b`)
	indonesianWords = regexp.MustCompile(`(?i)\b(tidak|yang|untuk|naskah|langkah|belum|atau|pilihan|sebutkan|bukan|tersampaikan|berkas|peringatan|simpan|batal|kembali|berikutnya|bantuan|keluar|cari|batas|sisa|baru|arsip|hari ini|penerima|cetak)\b`)
)

// TestScreensOneLanguage walks every screen, form, picker, help and
// history view of the desk in both languages, and fails on a word of the
// other language.
func TestScreensOneLanguage(t *testing.T) {
	walk := []struct {
		name string
		keys []string
		open uint64 // a letter opened before the keys
	}{
		{"today", nil, 0},
		{"today help", []string{"?"}, 0},
		{"import form", []string{"esc", "I"}, 0},
		{"inbox", []string{"esc", "tab"}, 0},
		{"inbox help", []string{"?"}, 0},
		{"inbox search", []string{"esc", "/"}, 0},
		{"letter 4", []string{"esc", "j", "j", "enter"}, 0},
		{"letter help", []string{"?"}, 0},
		{"route picker", []string{"esc", "t"}, 0},
		{"picker help", []string{"?"}, 0},
		{"copies", []string{"esc", "enter", "p"}, 0},
		{"register form", []string{"r"}, 0},
		{"registered", []string{"enter"}, 0},
		{"history", []string{"h"}, 0},
		{"set aside form", []string{"h", "x"}, 0},
		{"undo form", []string{"esc", "u"}, 0},
		{"classified letter", []string{"esc", "esc"}, 3},
		{"text refused", []string{"v"}, 0},
		{"agenda", []string{"esc", "tab"}, 0},
		{"agenda help", []string{"?"}, 0},
		{"report form", []string{"esc", "m"}, 0},
		{"archive", []string{"esc", "tab"}, 0},
		{"letter 1", []string{"G", "enter"}, 0},
		{"directory", []string{"esc", "tab"}, 0},
		{"directory help", []string{"?"}, 0},
		{"officials", []string{"esc", "]"}, 0},
		{"couriers", []string{"]"}, 0},
		{"groups", []string{"]"}, 0},
		{"group form", []string{"enter"}, 0},
		{"places", []string{"esc", "]"}, 0},
		{"place form", []string{"enter"}, 0},
		{"calendar", []string{"esc", "]"}, 0},
		{"calendar help", []string{"?"}, 0},
		{"settings", []string{"esc", "]"}, 0},
		{"add form", []string{"[", "[", "[", "[", "[", "[", "n"}, 0},
	}
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			other := englishWords
			if lang == "en" {
				other = indonesianWords
			}
			h := newHarness(t, 120, 40, seedDesk(t), withLang(lang))
			for _, step := range walk {
				h.press(step.keys...)
				if step.open != 0 {
					h.open(step.open)
				}
				screen := h.screen()
				if testing.Verbose() {
					t.Logf("%s %s: %s", lang, step.name, strings.SplitN(screen, "\n", 3)[1])
				}
				// Data, the same in both languages: the program's name, the
				// official names of holidays, the harness's printer setting.
				data := strings.NewReplacer("sanapati-desk", "", "Tahun Baru", "", "save only", "")
				if w := other.FindString(data.Replace(screen)); w != "" {
					t.Errorf("%s, %s: %q is the other language:\n%s", lang, step.name, w, screen)
				}
			}
		})
	}
}
