package mail

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes a string from a message safe to write to a terminal. It
// removes escape sequences (CSI, OSC including window-title and clipboard
// writes, DCS, SOS, PM, APC and every other ESC sequence, in both their 7-bit
// and C1 forms), every C0 and C1 control character except tab and newline
// (a CRLF pair becomes a newline), DEL, and the bidirectional embeddings,
// overrides, isolates and marks that can hide or reorder text. Bytes that
// are not UTF-8 become U+FFFD. Everything else is kept as it is.
//
// It is the only sanitiser of the package: every header, body line and file
// name that mail hands to a caller has been through it.
func Sanitize(s string) string {
	i := 0
	for i < len(s) && safeASCII(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if safeASCII(c) {
			j := i + 1
			for j < len(s) && safeASCII(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == 0x1b:
				i = skipEscape(s, i+1)
			case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
				b.WriteByte('\n')
				i += 2
			default: // other C0 controls, a lone CR, DEL
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("\uFFFD")
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d, r == 0x90, r == 0x98, r == 0x9e, r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size, r == 0x9d)
			continue
		case r <= 0x9f: // other C1 controls
		case isBidiControl(r):
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// safeASCII reports whether c is printable ASCII, tab or newline: a byte
// that is kept as it is.
func safeASCII(c byte) bool {
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n'
}

// isBidiControl reports whether r is one of the Unicode bidirectional
// formatting characters: embeddings and overrides (U+202A-U+202E), isolates
// (U+2066-U+2069), and the marks LRM, RLM and ALM.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index just past the escape sequence whose ESC ended
// at i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']':
		return skipString(s, i+1, true)
	case 'P', 'X', '^', '_':
		return skipString(s, i+1, false)
	}
	// nF sequences: intermediates 0x20-0x2F, then one final byte 0x30-0x7E.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI returns the index just past a control sequence whose introducer
// ended at i: parameter bytes, intermediate bytes, one final byte. A
// malformed sequence ends at the first byte that cannot belong to it.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index just past a control string (OSC, DCS, SOS,
// PM, APC) whose introducer ended at i. It ends with ST (ESC \ or U+009C),
// or BEL for OSC; an unterminated string runs to the end of the line, so a
// hostile payload cannot swallow the rest of the message.
func skipString(s string, i int, bel bool) int {
	for i < len(s) {
		switch {
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // a new sequence starts: let the caller handle it
		case bel && s[i] == 0x07:
			return i + 1
		case s[i] == '\n':
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// SanitizeLine is Sanitize for a one-line field (a subject, a name, a file
// name): it also turns every run of white space, newlines and tabs included,
// into a single space and trims both ends.
func SanitizeLine(s string) string {
	return strings.Join(strings.Fields(Sanitize(s)), " ")
}
