package mail

import (
	"errors"
	"fmt"
)

// maxLineBytes bounds the bytes of one server response outside its
// literals. go-imap's decoder holds a line's atoms, quoted strings and text
// whole in memory: without a bound, a server could make the desk hold as
// much as it cares to send.
const maxLineBytes = 1 << 20

// maxSearchLineBytes bounds a SEARCH or SORT response, which lists one
// number per message and may be long in a big mailbox without ESEARCH.
const maxSearchLineBytes = 16 << 20

// maxWaitBytes bounds the bytes outside literals that one wait for the
// server may bring: a server that answers a command with responses without
// end is cut. A first sync of a million messages brings about 80 MB.
// Tests lower it.
var maxWaitBytes = int64(256 << 20)

// errLineTooLong is the protocol failure of a response line over the bound.
var errLineTooLong = errors.New("the server sent a response line longer than the desk accepts")

// lineLimit follows the IMAP framing of what the server sends, far enough
// to count the bytes of each response outside its literals ({n}, {n+} and
// ~{n} at the end of a line announce n bytes that go-imap streams). It is
// fed every byte read, in order.
type lineLimit struct {
	count int64 // bytes of the current response outside literals
	total int64 // bytes outside literals, all responses
	max   int64 // its bound, known once the response's first words are
	lit   int64 // bytes of a literal still to pass uncounted

	head    [16]byte // the response's first bytes, to tell its kind
	headLen int
	status  bool // a status response or continuation: {n} is text there

	brace   int   // 0 none; 1 after '{'; 2 in digits; 3 after '+'; 4 after '}'
	size    int64 // the literal size being read
	afterCR bool
}

// feed takes bytes the server sent and returns an error once a response
// grows past its bound.
func (l *lineLimit) feed(p []byte) error {
	for len(p) > 0 {
		if l.lit > 0 {
			n := min(l.lit, int64(len(p)))
			l.lit -= n
			p = p[n:]
			continue
		}
		c := p[0]
		p = p[1:]
		if l.headLen < len(l.head) && l.count == int64(l.headLen) {
			l.head[l.headLen] = c
			l.headLen++
			l.classify()
		}
		l.count++
		l.total++
		if l.count > l.bound() {
			return fmt.Errorf("%w (more than %d bytes)", errLineTooLong, l.bound())
		}
		switch {
		case c == '\n':
			if l.brace == 4 && !l.status {
				l.lit = l.size
			} else {
				l.endResponse()
			}
			l.brace, l.size, l.afterCR = 0, 0, false
			continue
		case c == '\r' && l.brace == 4 && !l.afterCR:
			l.afterCR = true
			continue
		}
		l.afterCR = false
		switch {
		case c == '{':
			l.brace, l.size = 1, 0
		case c >= '0' && c <= '9' && (l.brace == 1 || l.brace == 2):
			l.brace = 2
			if l.size < 1<<40 {
				l.size = l.size*10 + int64(c-'0')
			}
		case c == '+' && l.brace == 2:
			l.brace = 3
		case c == '}' && (l.brace == 2 || l.brace == 3):
			l.brace = 4
		default:
			l.brace = 0
		}
	}
	return nil
}

func (l *lineLimit) endResponse() {
	l.count, l.max, l.headLen, l.status = 0, 0, 0, false
}

func (l *lineLimit) bound() int64 {
	if l.max > 0 {
		return l.max
	}
	return maxLineBytes
}

// classify looks at the response's first words: a status response (OK,
// NO, BAD, BYE, PREAUTH, tagged or not) and a continuation end in text, in
// which "{5}" is just text; SEARCH and SORT may be long.
func (l *lineLimit) classify() {
	h := string(l.head[:l.headLen])
	if h[0] == '+' {
		l.status = true
		return
	}
	sp := -1
	for i := range len(h) {
		if h[i] == ' ' {
			sp = i
			break
		}
	}
	if sp < 0 {
		return
	}
	rest := h[sp+1:]
	for _, w := range [...]string{"OK", "NO", "BAD", "BYE", "PREAUTH"} {
		if len(rest) > len(w) && upperEq(rest[:len(w)], w) && (rest[len(w)] == ' ' || rest[len(w)] == '\r' || rest[len(w)] == '\n') {
			l.status = true
		}
	}
	if h[0] == '*' {
		for _, w := range [...]string{"SEARCH", "SORT"} {
			if len(rest) > len(w) && upperEq(rest[:len(w)], w) && (rest[len(w)] == ' ' || rest[len(w)] == '\r') {
				l.max = maxSearchLineBytes
			}
		}
	}
}

func upperEq(s, upper string) bool {
	for i := range len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}
