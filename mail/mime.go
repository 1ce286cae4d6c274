package mail

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	netmail "net/mail"
	"strings"
	"unicode/utf8"

	message "github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/encoding/charmap"
)

// addressParser reads address fields once headerAddresses has made every
// encoded word in them well-formed UTF-8.
var addressParser = &netmail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader}}

// splitMessage cuts an entity into its header and its body at the first
// empty line. An entity whose first line is not a header field is all body.
func splitMessage(raw []byte) (header, body []byte) {
	if !looksLikeHeader(raw) {
		return nil, raw
	}
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '\n')
		if j < 0 {
			return raw, nil
		}
		line := raw[i : i+j]
		if len(line) == 0 || (len(line) == 1 && line[0] == '\r') {
			return raw[:i], raw[i+j+1:]
		}
		i += j + 1
	}
	return raw, nil
}

// looksLikeHeader reports whether raw starts with a header field (or with
// the empty line of an empty header).
func looksLikeHeader(raw []byte) bool {
	if len(raw) == 0 || raw[0] == '\n' || bytes.HasPrefix(raw, []byte("\r\n")) {
		return true
	}
	line := raw
	if i := bytes.IndexByte(raw, '\n'); i >= 0 {
		line = raw[:i]
	}
	_, ok := fieldName(line)
	return ok
}

// fieldName returns the name of a header line "Name: value".
func fieldName(line []byte) (string, bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return "", false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return "", false
	}
	for _, c := range name {
		if c <= ' ' || c >= 0x7f {
			return "", false
		}
	}
	return string(name), true
}

// parseHeader reads a header leniently: lines that are not fields are
// dropped and reported, what remains is parsed by go-message.
func parseHeader(b []byte) (message.Header, []string) {
	var problems []string
	src := b
	if dropped, first := badHeaderLines(b); dropped > 0 {
		problems = append(problems, fmt.Sprintf("%d header line(s) could not be read, the first: %q", dropped, first))
		src = cleanHeader(b)
	}
	r := io.MultiReader(bytes.NewReader(src), strings.NewReader("\r\n\r\n"))
	if len(src) > 0 && src[len(src)-1] == '\n' {
		r = io.MultiReader(bytes.NewReader(src), strings.NewReader("\r\n"))
	}
	h, err := textproto.ReadHeader(bufio.NewReader(r))
	if err != nil {
		problems = append(problems, "header: "+SanitizeLine(err.Error()))
	}
	return message.Header{Header: h}, problems
}

// headerLines calls fn for each line of a header (with its line end) and
// whether it belongs: a field, or the continuation of a field that does.
func headerLines(b []byte, fn func(line []byte, ok bool)) {
	kept := false
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		if line[0] == ' ' || line[0] == '\t' {
			fn(line, kept)
			continue
		}
		_, kept = fieldName(line)
		fn(line, kept)
	}
}

// badHeaderLines counts the lines that are not fields, and shows the first.
func badHeaderLines(b []byte) (n int, first string) {
	headerLines(b, func(line []byte, ok bool) {
		if !ok {
			if n == 0 {
				first = SanitizeLine(string(truncate(line, 60)))
			}
			n++
		}
	})
	return n, first
}

// cleanHeader keeps the lines that belong to fields.
func cleanHeader(b []byte) []byte {
	var out bytes.Buffer
	headerLines(b, func(line []byte, ok bool) {
		if ok {
			out.Write(line)
		}
	})
	return out.Bytes()
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// splitMultipart cuts a multipart body into its parts. closed is false when
// the closing boundary is missing; the last part then runs to the end.
func splitMultipart(body []byte, boundary string) (parts [][]byte, closed bool) {
	delim := []byte("--" + boundary)
	start := -1
	for pos := 0; pos < len(body); {
		next := len(body)
		end := next
		if i := bytes.IndexByte(body[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		line := bytes.TrimRight(body[pos:end], " \t\r")
		if bytes.HasPrefix(line, delim) {
			rest := line[len(delim):]
			if len(rest) == 0 || string(rest) == "--" {
				if start >= 0 {
					stop := pos
					if stop > start && body[stop-1] == '\n' {
						stop--
						if stop > start && body[stop-1] == '\r' {
							stop--
						}
					}
					parts = append(parts, body[start:stop])
				}
				if len(rest) > 0 {
					return parts, true
				}
				start = next
			}
		}
		pos = next
	}
	if start >= 0 && start <= len(body) {
		parts = append(parts, body[start:])
	}
	return parts, false
}

// contentType returns the lower-case media type and its parameters; a
// header go-message cannot parse is read leniently.
func contentType(h message.Header) (string, map[string]string, error) {
	if h.Get("Content-Type") == "" {
		return "text/plain", map[string]string{}, nil
	}
	t, params, err := h.ContentType()
	if err != nil {
		t, params = lenientParams(h.Get("Content-Type"))
	}
	t = strings.ToLower(strings.TrimSpace(t))
	if !strings.Contains(t, "/") {
		t = "application/octet-stream"
	}
	return t, params, err
}

// disposition returns the lower-case disposition and its parameters.
func disposition(h message.Header) (string, map[string]string) {
	v := h.Get("Content-Disposition")
	if v == "" {
		return "", map[string]string{}
	}
	d, params, err := h.ContentDisposition()
	if err != nil {
		d, params = lenientParams(v)
	}
	return strings.ToLower(strings.TrimSpace(d)), params
}

// lenientParams reads "value; k=v; k2="v 2"" where mime.ParseMediaType
// gives up (duplicate, unquoted or broken parameters). RFC 2231 forms
// are decoded here too, in any charset go-message knows.
func lenientParams(v string) (string, map[string]string) {
	params := map[string]string{}
	fields := splitParams(v)
	value := strings.TrimSpace(fields[0])
	ext := map[string]map[int]section{} // name -> section number -> section
	for _, f := range fields[1:] {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
			val = strings.ReplaceAll(val[1:len(val)-1], `\"`, `"`)
		}
		if name, sec, ok := rfc2231Key(k); ok {
			if ext[name] == nil {
				ext[name] = map[int]section{}
			}
			ext[name][sec] = section{val, strings.HasSuffix(k, "*")}
			continue
		}
		if _, seen := params[k]; !seen {
			params[k] = decodeWords(val)
		}
	}
	for name, secs := range ext {
		params[name] = decode2231(secs)
	}
	return value, params
}

// splitParams splits at semicolons outside quotes.
func splitParams(v string) []string {
	var (
		out   []string
		quote bool
		start int
	)
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			quote = !quote
		case '\\':
			i++
		case ';':
			if !quote {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	return append(out, v[start:])
}

// rfc2231Key reads "name*", "name*0" or "name*0*" into the name and the
// section number.
func rfc2231Key(k string) (string, int, bool) {
	name, rest, ok := strings.Cut(k, "*")
	if !ok || name == "" {
		return "", 0, false
	}
	rest = strings.TrimSuffix(rest, "*")
	if rest == "" {
		return name, 0, true
	}
	n := 0
	for _, c := range rest {
		if c < '0' || c > '9' {
			return "", 0, false
		}
		n = n*10 + int(c-'0')
	}
	return name, n, true
}

// section is one RFC 2231 section of a parameter; encoded ones ("name*0*=")
// hold %XX escapes, and the first of them the charset'lang' prefix.
type section struct {
	text    string
	encoded bool
}

// decode2231 joins RFC 2231 sections (RFC 2231, section 4.1): the bytes of
// the encoded sections are unescaped, all are joined, and the whole is read
// in the charset the first section names, so a character split between
// sections survives.
func decode2231(secs map[int]section) string {
	var (
		joined []byte
		cs     string
		isEnc  bool
	)
	for i := 0; ; i++ {
		s, ok := secs[i]
		if !ok {
			break
		}
		text := s.text
		if s.encoded {
			isEnc = true
			if i == 0 {
				if c, rest, ok := strings.Cut(text, "'"); ok {
					if _, t, ok := strings.Cut(rest, "'"); ok {
						cs, text = c, t
					}
				}
			}
			joined = append(joined, percentBytes(text)...)
			continue
		}
		joined = append(joined, text...)
	}
	if !isEnc {
		return decodeWords(string(joined))
	}
	return toUTF8(cs, joined)
}

// percentBytes undoes %XX escapes; a '%' that starts no escape is kept.
func percentBytes(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
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

// fileName returns the decoded file name of a part, from the disposition's
// filename or the type's name, RFC 2231 and RFC 2047 forms included.
func fileName(h message.Header, ctParams, dParams map[string]string) string {
	for _, f := range []struct {
		field, param string
		parsed       map[string]string
	}{{"Content-Disposition", "filename", dParams}, {"Content-Type", "name", ctParams}} {
		// mime.ParseMediaType drops RFC 2231 sections in charsets other
		// than UTF-8 and ASCII, and with them the first section of a name
		// split over several: read those forms here.
		v := h.Get(f.field)
		if strings.Contains(strings.ToLower(v), f.param+"*") {
			if _, p := lenientParams(v); p[f.param] != "" {
				return SanitizeLine(p[f.param])
			}
		}
		if n := f.parsed[f.param]; n != "" {
			return SanitizeLine(decodeWords(n))
		}
	}
	return ""
}
