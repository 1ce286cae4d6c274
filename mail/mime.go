package mail

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync"

	message "github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

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
	end := "\r\n\r\n"
	if len(src) > 0 && src[len(src)-1] == '\n' {
		end = "\r\n"
	}
	hr := headerReaders.Get().(*headerReader)
	hr.src, hr.end = src, end
	hr.br.Reset(hr)
	h, err := textproto.ReadHeader(hr.br)
	hr.src, hr.end = nil, ""
	hr.br.Reset(nil)
	headerReaders.Put(hr)
	if err != nil {
		problems = append(problems, "header: "+SanitizeLine(err.Error()))
	}
	return message.Header{Header: h}, problems
}

// headerReader gives textproto.ReadHeader a header and the end that
// closes it. ReadHeader copies every line it keeps, so the reader and
// its buffer are used again for the next header.
type headerReader struct {
	src []byte
	end string
	br  *bufio.Reader
}

var headerReaders = sync.Pool{New: func() any {
	hr := &headerReader{}
	hr.br = bufio.NewReader(hr)
	return hr
}}

func (hr *headerReader) Read(p []byte) (int, error) {
	if len(hr.src) > 0 {
		n := copy(p, hr.src)
		hr.src = hr.src[n:]
		return n, nil
	}
	if hr.end != "" {
		n := copy(p, hr.end)
		hr.end = hr.end[n:]
		return n, nil
	}
	return 0, io.EOF
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
