package mail

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Charsets real mail declares that go-message's table does not know:
// Microsoft's names for UTF-16 and UTF-7 (RFC 2152), which Outlook still
// writes. Registered with go-message, they serve headers and bodies alike.
func init() {
	be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	for name, enc := range map[string]encoding.Encoding{
		"unicodebig":          be,
		"unicodebigunmarked":  be,
		"unicode":             le,
		"unicodelittle":       le,
		"utf-7":               utf7,
		"utf7":                utf7,
		"unicode-1-1-utf-7":   utf7,
		"csunicode11utf7":     utf7,
		"x-unicode-2-0-utf-7": utf7,
	} {
		charset.RegisterEncoding(name, enc)
	}
}

// knownCharset reports whether go-message can decode cs.
func knownCharset(cs string) bool {
	_, err := charset.Reader(cs, bytes.NewReader(nil))
	return err == nil
}

// utf7 decodes UTF-7 (RFC 2152); encoding is never needed here.
var utf7 encoding.Encoding = utf7Encoding{}

type utf7Encoding struct{}

func (utf7Encoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: &utf7Decoder{}}
}

func (utf7Encoding) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: encoding.UTF8Validator}
}

// utf7Decoder turns UTF-7 into UTF-8. Bytes outside ASCII, and halves of
// surrogate pairs left alone, become U+FFFD.
type utf7Decoder struct {
	b64   bool   // inside a "+...-" run
	first bool   // right after the '+'
	bits  uint32 // base64 bits not yet used
	n     uint   // how many
	hi    rune   // a high surrogate waiting for its pair
}

func (d *utf7Decoder) Reset() { *d = utf7Decoder{} }

func (d *utf7Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	put := func(r rune) {
		nDst += utf8.EncodeRune(dst[nDst:], r)
	}
	for nSrc < len(src) {
		if len(dst)-nDst < 2*utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if !d.b64 {
			switch {
			case c == '+':
				d.b64, d.first, d.bits, d.n = true, true, 0, 0
			case c >= utf8.RuneSelf:
				put(utf8.RuneError)
			default:
				dst[nDst] = c
				nDst++
			}
			nSrc++
			continue
		}
		v := base64Value(c)
		if v < 0 {
			d.b64 = false
			if d.hi != 0 {
				put(utf8.RuneError)
				d.hi = 0
			}
			if c == '-' {
				if d.first {
					dst[nDst] = '+'
					nDst++
				}
				nSrc++
			}
			continue // any other byte is read again as direct text
		}
		d.first = false
		d.bits, d.n = d.bits<<6|uint32(v), d.n+6
		if d.n >= 16 {
			u := rune(d.bits >> (d.n - 16) & 0xffff)
			d.n -= 16
			d.bits &= 1<<d.n - 1
			switch {
			case utf16.IsSurrogate(u) && u < 0xdc00:
				if d.hi != 0 {
					put(utf8.RuneError)
				}
				d.hi = u
			case utf16.IsSurrogate(u):
				if d.hi != 0 {
					put(utf16.DecodeRune(d.hi, u))
				} else {
					put(utf8.RuneError)
				}
				d.hi = 0
			default:
				if d.hi != 0 {
					put(utf8.RuneError)
					d.hi = 0
				}
				put(u)
			}
		}
		nSrc++
	}
	if atEOF && d.hi != 0 {
		if len(dst)-nDst < utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		put(utf8.RuneError)
		d.hi = 0
	}
	return nDst, nSrc, nil
}

func base64Value(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// toUTF8 converts b from charset cs; unknown charsets and invalid bytes are
// read as Windows-1252, the usual suspect.
func toUTF8(cs string, b []byte) string {
	if cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		if r, err := charset.Reader(cs, bytes.NewReader(b)); err == nil {
			var out bytes.Buffer
			if _, err := out.ReadFrom(r); err == nil {
				return out.String()
			}
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// decodeWords decodes RFC 2047 words and raw 8-bit text in a value that
// declares no charset of its own.
func decodeWords(s string) string { return headerText(s, "") }
