package store

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// encodeEvent is json.Marshal(e), byte for byte, without reflection: the
// intake writes one event per letter, thousands in a batch. An event whose
// Before or After holds a value this encoder would have to compact or
// escape goes through encoding/json.
func encodeEvent(e *Event) ([]byte, error) {
	if b, ok := appendEvent(make([]byte, 0, 512), e); ok {
		return b, nil
	}
	return json.Marshal(e)
}

// appendEvent appends e as encoding/json writes it, or reports false when
// it cannot be sure to.
func appendEvent(b []byte, e *Event) ([]byte, bool) {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"time":"`...)
	b, err := e.Time.AppendText(b)
	if err != nil {
		return nil, false // json.Marshal reports it
	}
	b = append(b, `","operator":`...)
	b = appendJSONString(b, e.Operator)
	if e.LetterID != 0 {
		b = append(b, `,"letter_id":`...)
		b = strconv.AppendUint(b, e.LetterID, 10)
	}
	b = append(b, `,"action":`...)
	b = appendJSONString(b, string(e.Action))
	if e.From != "" {
		b = append(b, `,"from":`...)
		b = appendJSONString(b, string(e.From))
	}
	if e.To != "" {
		b = append(b, `,"to":`...)
		b = appendJSONString(b, string(e.To))
	}
	if e.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, e.Reason)
	}
	var ok bool
	if len(e.Before) > 0 {
		b = append(b, `,"before":`...)
		if b, ok = appendFields(b, e.Before); !ok {
			return nil, false
		}
	}
	if len(e.After) > 0 {
		b = append(b, `,"after":`...)
		if b, ok = appendFields(b, e.After); !ok {
			return nil, false
		}
	}
	if e.LetterSHA256 != "" {
		b = append(b, `,"letter_sha256":`...)
		b = appendJSONString(b, e.LetterSHA256)
	}
	b = append(b, `,"prev":`...)
	b = appendJSONString(b, e.Prev)
	return append(b, '}'), true
}

// appendFields appends a Before or After map with its keys sorted, as
// encoding/json does. encoding/json compacts each value and escapes <, >,
// &, U+2028 and U+2029 in it; a value is taken as it is only when that
// changes nothing, which is so of every value encoding/json wrote.
func appendFields(b []byte, m map[string]json.RawMessage) ([]byte, bool) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		v := m[k]
		if !compactJSON(v) {
			return nil, false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = append(b, v...)
	}
	return append(b, '}'), true
}

// compactJSON reports whether v is valid JSON that encoding/json's
// compacting with HTML escaping leaves as it is: no space between tokens,
// no <, > or &, no U+2028 or U+2029.
func compactJSON(v []byte) bool {
	if !json.Valid(v) {
		return false
	}
	inString, escaped := false, false
	for i, c := range v {
		switch {
		case c == '<' || c == '>' || c == '&':
			return false
		case c == 0xE2 && i+2 < len(v) && v[i+1] == 0x80 && v[i+2]&^1 == 0xA8:
			return false
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return false
		}
	}
	return true
}

// appendJSONString appends s as a JSON string the way encoding/json does:
// with <, > and & escaped, invalid UTF-8 as U+FFFD, and U+2028 and U+2029
// escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
