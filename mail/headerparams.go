package mail

import (
	"strings"

	message "github.com/emersion/go-message"
)

// The parameters of Content-Type and Content-Disposition, file names
// among them, read as mail writes them: duplicated, unquoted, or split
// into RFC 2231 sections in any charset.

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
