package mail

import (
	"bytes"
	"encoding/base64"
	"mime"
	netmail "net/mail"
	"strings"
	"unicode/utf8"

	message "github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
)

// Header fields as real mail writes them: raw 8-bit bytes in any charset,
// RFC 2047 words with raw bytes inside, bad padding, charsets nobody
// registered, multibyte characters split over several words. The reading
// here follows mature parsers (enmime's among them): take what is there,
// decode what can be decoded, and fall back as the body does.

// encodedWord matches one RFC 2047 word. The text may hold what the RFC
// forbids (raw 8-bit bytes, spaces), and a fold may split the word before
// its encoding letter: senders write it and readers cope.
var encodedWord = lazyRegexp(`=\?([^?\s]+)\?\s*([bBqQ])\?(.*?)\?=`)

// addressParser reads address fields once headerAddresses has made every
// encoded word in them well-formed UTF-8.
var addressParser = &netmail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader}}

// headerText decodes a field's value for display: raw 8-bit bytes are read
// as rawDecoder says, RFC 2047 words in their own charsets. cs is the charset
// the entity declares in its Content-Type, "" for none.
func headerText(v, cs string) string {
	return decodeField(v, cs, false)
}

// headerAddresses prepares an address field for net/mail: raw 8-bit bytes
// become UTF-8 and every encoded word is rewritten as a well-formed UTF-8
// word, so the address syntax is untouched and the standard decoder can
// read every name.
func headerAddresses(v, cs string) string {
	return decodeField(v, cs, true)
}

// decodeField decodes v; words are re-encoded as UTF-8 words when keep is
// set, else decoded into the text.
func decodeField(v, cs string, keep bool) string {
	if v == "" {
		return ""
	}
	if !strings.Contains(v, "=?") && utf8.ValidString(v) {
		// No word to decode (every word starts "=?") and the raw text
		// is read as it is.
		return v
	}
	locs := encodedWord().FindAllStringSubmatchIndex(v, -1)
	// The raw text between words is judged as a whole.
	var outside []byte
	prev := 0
	for _, l := range locs {
		outside = append(outside, v[prev:l[0]]...)
		prev = l[1]
	}
	outside = append(outside, v[prev:]...)
	raw := rawDecoder(outside, cs)

	var (
		out      strings.Builder
		run      []byte // bytes of adjacent words in one charset
		runCS    string
		inRun    bool
		lastWord = -1 // end of the last word written
	)
	flush := func() {
		if !inRun {
			return
		}
		text := toUTF8(runCS, run)
		if keep {
			out.WriteString("=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(text)) + "?=")
		} else {
			out.WriteString(text)
		}
		run, runCS, inRun = nil, "", false
	}
	prev = 0
	for _, l := range locs {
		between := v[prev:l[0]]
		// RFC 2047: white space between two words is not shown.
		if lastWord >= 0 && strings.Trim(between, " \t\r\n") == "" {
			between = ""
		}
		if between != "" {
			flush()
			out.WriteString(raw(between))
		}
		wcs := wordCharset(v[l[2]:l[3]])
		b := wordBytes(v[l[4]:l[5]], v[l[6]:l[7]])
		if inRun && !strings.EqualFold(wcs, runCS) {
			flush()
		}
		run, runCS, inRun = append(run, b...), wcs, true
		prev, lastWord = l[1], l[1]
	}
	flush()
	out.WriteString(raw(v[prev:]))
	return out.String()
}

// wordCharset drops the RFC 2231 language of a word's charset
// ("utf-8*de").
func wordCharset(cs string) string {
	cs, _, _ = strings.Cut(cs, "*")
	return cs
}

// wordBytes undoes a word's B or Q encoding, tolerantly: bad padding, stray
// bytes and broken escapes are kept rather than refused.
func wordBytes(enc, text string) []byte {
	if enc == "b" || enc == "B" {
		return lenientBase64(text)
	}
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			out = append(out, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return out
}

// lenientBase64 decodes what it can of s: padding and white space are
// ignored, and the text before a broken character is kept.
func lenientBase64(s string) []byte {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '=' {
			return -1
		}
		return r
	}, s)
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err == nil {
		return b
	}
	if ce, ok := err.(base64.CorruptInputError); ok {
		n := int(ce) - int(ce)%4
		if b, err := base64.RawStdEncoding.DecodeString(s[:n]); err == nil {
			return b
		}
	}
	return nil
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// rawDecoder returns how to read the raw text of a field, given all of it:
// as it is when it is valid UTF-8 (RFC 6532); else in the charset the entity
// declares; else, when it is UTF-8 with a few stray bytes, as UTF-8 with
// those bytes replaced; else as Windows-1252, like a body whose charset is
// unknown.
func rawDecoder(all []byte, cs string) func(string) string {
	if utf8.Valid(all) {
		return func(s string) string { return s }
	}
	if cs != "" && !isUTF8Charset(cs) && knownCharset(cs) {
		return func(s string) string { return toUTF8(cs, []byte(s)) }
	}
	if mostlyUTF8(all) {
		return func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	}
	return func(s string) string { return toUTF8("", []byte(s)) }
}

// mostlyUTF8 reports whether b holds more UTF-8 multibyte characters than
// bytes that are not UTF-8.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			good++
		}
		b = b[n:]
	}
	return good > bad
}

// isUTF8Charset reports whether cs names UTF-8 or its ASCII subset.
func isUTF8Charset(cs string) bool {
	switch strings.ToLower(strings.TrimSpace(cs)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}

// messageStart skips what may come before a message's header: an mbox
// "From " envelope line, lines of white space, and the indentation of a
// first field ("  From: ..."). It skips them only when a header field
// follows, so text that merely starts that way is left whole.
func messageStart(raw []byte) []byte {
	rest := raw
	if bytes.HasPrefix(rest, []byte("From ")) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return raw
		}
		rest = rest[i+1:]
	}
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		line := bytes.TrimRight(rest[:i], "\r")
		if len(line) == 0 || len(bytes.Trim(line, " \t")) != 0 {
			break
		}
		rest = rest[i+1:]
	}
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) == len(raw) {
		return raw
	}
	line := rest
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		line = rest[:i]
	}
	if _, ok := fieldName(line); !ok {
		return raw
	}
	return rest
}

// headers reads the fields of the message's header h; t is h's content
// type, nil to read it here.
func (r *reader) headers(h message.Header, t *mediaType) {
	m := r.m
	if t == nil {
		t = readMediaType(h)
	}
	// Raw 8-bit text in the header is read in the charset the entity
	// declares, when it is not UTF-8 already.
	cs := t.params["charset"]
	m.Subject = sanitizeLine(headerText(h.Get("Subject"), cs))
	m.From, m.FromName, m.FromAddress = r.addresses(h, "From", cs)
	if !r.summary {
		// The store's record keeps no addressees, and reading them
		// reports nothing.
		m.To, _, _ = r.addresses(h, "To", cs)
		m.Cc, _, _ = r.addresses(h, "Cc", cs)
	}
	if id := strings.TrimSpace(h.Get("Message-Id")); id != "" {
		m.MessageID = sanitizeLine(strings.Trim(id, "<>"))
	}
	if v := h.Get("Date"); v != "" {
		d, err := parseDate(v)
		if err != nil {
			r.problem("", "the date %q could not be read", SanitizeLine(v))
		}
		m.Date = d
	}
}

// addresses formats an address field; the first address's name and
// address are returned too. cs is the charset of raw 8-bit text.
func (r *reader) addresses(h message.Header, key, cs string) (all, name, addr string) {
	v := h.Get(key)
	if v == "" {
		return "", "", ""
	}
	if n, a, ok := simpleMailbox(v); ok {
		if n == "" {
			return a, "", a
		}
		return n + " <" + a + ">", n, a
	}
	return parseAddresses(v, cs)
}

// parseAddresses is addresses for any value v.
func parseAddresses(v, cs string) (all, name, addr string) {
	list, err := addressParser.ParseList(headerAddresses(v, cs))
	if err != nil || len(list) == 0 {
		s := SanitizeLine(headerText(v, cs))
		return s, "", s
	}
	out := make([]string, len(list))
	for i, a := range list {
		n, ad := SanitizeLine(decodeWords(a.Name)), SanitizeLine(a.Address)
		if i == 0 {
			name, addr = n, ad
		}
		if n != "" {
			out[i] = n + " <" + ad + ">"
		} else {
			out[i] = ad
		}
	}
	return strings.Join(out, ", "), name, addr
}
