package print

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The documents use the Go fonts by Bigelow & Holmes, compiled into the
// binary through golang.org/x/image/font/gofont; their license is in
// fonts/LICENSE and must travel with the binary.

// style is one embedded face.
type style int

const (
	regular style = iota
	bold
	italic
	mono
	numStyles
)

// face is how gofpdf knows a style, and the font it is drawn with.
type face struct {
	family, style string
	ttf           []byte
}

var faces = [numStyles]face{
	regular: {"go", "", goregular.TTF},
	bold:    {"go", "B", gobold.TTF},
	italic:  {"go", "I", goitalic.TTF},
	mono:    {"gomono", "", gomono.TTF},
}

// coverage says which runes of the Basic Multilingual Plane a face has a
// glyph for; gofpdf's width tables stop at U+FFFF, so nothing above prints.
type coverage struct {
	bits        [0x10000 / 64]uint64
	placeholder rune
}

func (c *coverage) has(r rune) bool {
	return r >= 0 && r < 0x10000 && c.bits[r/64]&(1<<(uint(r)%64)) != 0
}

// coverages parses every face once per process: the glyph maps are shared,
// read-only, by all documents.
var coverages = sync.OnceValues(func() (*[numStyles]coverage, error) {
	var out [numStyles]coverage
	var buf sfnt.Buffer
	for st, fc := range faces {
		f, err := sfnt.Parse(fc.ttf)
		if err != nil {
			return nil, fmt.Errorf("parse font %s%s: %w", fc.family, fc.style, err)
		}
		c := &out[st]
		for r := rune(0); r < 0x10000; r++ {
			if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
				c.bits[r/64] |= 1 << (uint(r) % 64)
			}
		}
		c.placeholder = '?'
		if c.has(placeholder) {
			c.placeholder = placeholder
		}
	}
	return &out, nil
})

// placeholder stands in for a character the font cannot draw.
const placeholder = '\uFFFD'

// cleaner turns any text a message can carry into text a face can draw.
type cleaner struct {
	cov *coverage
}

// clean returns s in NFC with control and invisible format characters
// removed and every rune the face lacks replaced by a placeholder. With
// multiline, newlines are kept and tabs expanded to stops of eight;
// otherwise both become spaces.
func (c cleaner) clean(s string, multiline bool) string {
	if isPlainASCII(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	col := 0
	for i, r := range s {
		switch {
		case r == '\n' || r == '\r':
			if r == '\r' && strings.HasPrefix(s[i+1:], "\n") {
				continue
			}
			if multiline {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
			continue
		case r == '\t':
			n := 1
			if multiline {
				n = 8 - col%8
			}
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsSpace(r):
			r = ' '
		case !c.cov.has(r):
			r = c.cov.placeholder
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// isPlainASCII reports whether s holds only printable ASCII, which every
// face draws as it is.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// plain cleans text for a spreadsheet cell or a CSV field: NFC, no control
// or invisible format characters, newlines kept. No face is involved, so
// every printable character stays.
func plain(s string) string {
	if isPlainASCII(s) {
		return s
	}
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}
