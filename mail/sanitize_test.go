package mail

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain", "Undangan Rapat Koordinasi", "Undangan Rapat Koordinasi"},
		{"tab and newline kept", "a\tb\nc", "a\tb\nc"},
		{"crlf", "baris satu\r\nbaris dua", "baris satu\nbaris dua"},
		{"lone cr", "rahasia\rpalsu", "rahasiapalsu"},
		{"csi colour", "\x1b[31mmerah\x1b[0m", "merah"},
		{"csi clear screen", "a\x1b[2J\x1b[Hb", "ab"},
		{"csi private mode", "a\x1b[?1049hb", "ab"},
		{"osc title bel", "\x1b]0;DIRETAS\x07judul", "judul"},
		{"osc title st", "\x1b]2;DIRETAS\x1b\\judul", "judul"},
		{"osc 52 clipboard", "x\x1b]52;c;ZWNobyBoYWNrZWQ=\x07y", "xy"},
		{"osc 8 hyperlink", "\x1b]8;;http://jahat.example\x1b\\klik\x1b]8;;\x1b\\", "klik"},
		{"osc unterminated stops at newline", "\x1b]0;judul palsu\nbaris", "\nbaris"},
		{"dcs", "a\x1bPq#0;2;0;0;0#1~~@@vv\x1b\\b", "ab"},
		{"apc pm sos", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"},
		{"other esc", "a\x1bcb\x1b7c\x1b(Bd", "abcd"},
		{"lone esc at end", "akhir\x1b", "akhir"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;judul\u009cb", "ab"},
		{"c1 controls", "a\u0085b\u0086c", "abc"},
		{"c1 dcs runs to st", "a\u0090q#1\u009cb", "ab"},
		{"c0 controls", "a\x00b\x07c\x08d\x0be\x0cf\x7fg", "abcdefg"},
		{"bidi override", "nomor \u202e1234\u202c", "nomor 1234"},
		{"bidi isolates and marks", "\u2066a\u2069\u2067b\u2068c\u200e\u200f\u061c", "abc"},
		{"line separator", "a\u2028b", "a\nb"},
		{"invalid utf-8", "caf\xe9", "caf\uFFFD"},
		{"indonesian and symbols kept", "± 25°C – “kutip” € Ω 日本", "± 25°C – “kutip” € Ω 日本"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sanitize(tc.in); got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	in := "  Undangan\r\n\tRapat \x1b[2J Koordinasi\n"
	if got, want := SanitizeLine(in), "Undangan Rapat Koordinasi"; got != want {
		t.Errorf("SanitizeLine(%q) = %q, want %q", in, got, want)
	}
}

// terminalUnsafe says why s could still act on a terminal, or "".
func terminalUnsafe(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("C0 control %U at %d", r, i)
		case r >= 0x80 && r <= 0x9f:
			return fmt.Sprintf("C1 control %U at %d", r, i)
		case isBidiControl(r):
			return fmt.Sprintf("bidi control %U at %d", r, i)
		case r == 0x2028 || r == 0x2029:
			return fmt.Sprintf("separator %U at %d", r, i)
		}
	}
	return ""
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x1b]52;c;AAAA\x1b\\",
		"\x1bP1$r\x1b\\", "\u009b2J", "\u202eevil", "caf\xe9\r\n", "\x1b", "\x1b]", "\x1b[",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if why := terminalUnsafe(out); why != "" {
			t.Fatalf("Sanitize(%q) = %q: %s", s, out, why)
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("Sanitize is not idempotent: %q -> %q -> %q", s, out, again)
		}
		if line := SanitizeLine(s); strings.ContainsAny(line, "\n\t") || terminalUnsafe(line) != "" {
			t.Fatalf("SanitizeLine(%q) = %q", s, line)
		}
	})
}
