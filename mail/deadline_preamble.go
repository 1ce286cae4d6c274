package mail

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// preamble is the exchange before go-imap takes over: the greeting, and
// CAPABILITY and STARTTLS when needed, on the same connection. go-imap
// cannot start TLS on a client it already runs, and its STARTTLS leaves
// the handshake without a deadline.
type preamble struct {
	conn net.Conn
	br   *bufio.Reader
	sent io.Writer
}

func newPreamble(c net.Conn, sent io.Writer) *preamble {
	return &preamble{conn: c, br: bufio.NewReader(c), sent: sent}
}

// line reads one line, without its CRLF, of at most maxLineBytes.
func (p *preamble) line() (string, error) {
	var buf []byte
	for {
		frag, err := p.br.ReadSlice('\n')
		buf = append(buf, frag...)
		if len(buf) > maxLineBytes {
			return "", &causeError{kind: KindProtocol, err: errLineTooLong}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(buf), "\r\n"), nil
	}
}

func (p *preamble) send(cmd string) error {
	b := []byte(cmd + "\r\n")
	if p.sent != nil {
		p.sent.Write(b)
	}
	_, err := p.conn.Write(b)
	return err
}

// rest is what the server sent past what the preamble read.
func (p *preamble) rest() []byte {
	b, _ := p.br.Peek(p.br.Buffered())
	return append([]byte(nil), b...)
}

// greeting is the server's first line.
type greeting struct {
	preauth bool
	caps    []string // nil when the greeting did not list them
}

func (g *greeting) replay(caps []string) []byte { return greetingLine(g.preauth, caps) }

func (p *preamble) greeting() (*greeting, error) {
	l, err := p.line()
	if err != nil {
		return nil, err
	}
	st := parseStatus(l)
	if st.tag != "*" {
		return nil, &causeError{kind: KindProtocol, err: fmt.Errorf("the server's first line is not an IMAP greeting: %q", shorten(l))}
	}
	g := &greeting{}
	switch st.typ {
	case "OK":
	case "PREAUTH":
		g.preauth = true
	case "BYE":
		return nil, &imap.Error{Type: imap.StatusResponseTypeBye, Code: imap.ResponseCode(st.code), Text: st.text}
	default:
		return nil, &causeError{kind: KindProtocol, err: fmt.Errorf("the server's first line is not an IMAP greeting: %q", shorten(l))}
	}
	if st.code == "CAPABILITY" {
		g.caps = strings.Fields(st.args)
	}
	return g, nil
}

// capability asks for the capabilities.
func (p *preamble) capability() ([]string, error) {
	if err := p.send("S1 CAPABILITY"); err != nil {
		return nil, err
	}
	caps := []string{}
	for range 64 {
		l, err := p.line()
		if err != nil {
			return nil, err
		}
		st := parseStatus(l)
		switch {
		case st.tag == "*" && st.typ == "CAPABILITY":
			caps = strings.Fields(strings.TrimSpace(l[len("* CAPABILITY"):]))
		case st.tag == "*" && st.typ == "BYE":
			return nil, &imap.Error{Type: imap.StatusResponseTypeBye, Code: imap.ResponseCode(st.code), Text: st.text}
		case st.tag == "S1":
			return caps, nil
		}
	}
	return nil, &causeError{kind: KindProtocol, err: errors.New("no end to the answer to CAPABILITY")}
}

// startTLS asks for TLS; the handshake is the caller's.
func (p *preamble) startTLS() error {
	if err := p.send("S2 STARTTLS"); err != nil {
		return err
	}
	for range 64 {
		l, err := p.line()
		if err != nil {
			return err
		}
		st := parseStatus(l)
		switch {
		case st.tag == "*" && st.typ == "BYE":
			return &imap.Error{Type: imap.StatusResponseTypeBye, Code: imap.ResponseCode(st.code), Text: st.text}
		case st.tag != "S2":
			continue
		case st.typ == "OK":
			if p.br.Buffered() > 0 {
				// Bytes sent before the handshake would pass for part of
				// the encrypted conversation.
				return &causeError{kind: KindProtocol, err: errors.New("the server sent data after agreeing to STARTTLS")}
			}
			return nil
		case st.typ == "NO" || st.typ == "BAD":
			return &imap.Error{Type: imap.StatusResponseType(st.typ), Code: imap.ResponseCode(st.code), Text: st.text}
		default:
			return &causeError{kind: KindProtocol, err: fmt.Errorf("not an answer to STARTTLS: %q", shorten(l))}
		}
	}
	return &causeError{kind: KindProtocol, err: errors.New("no answer to STARTTLS")}
}

// status is a response line taken apart: tag, type (upper case), response
// code (upper case) and its arguments, text.
type status struct{ tag, typ, code, args, text string }

func parseStatus(l string) status {
	var st status
	st.tag, l, _ = strings.Cut(l, " ")
	st.typ, l, _ = strings.Cut(l, " ")
	st.typ = strings.ToUpper(st.typ)
	if strings.HasPrefix(l, "[") {
		if end := strings.IndexByte(l, ']'); end > 0 {
			code := l[1:end]
			st.code, st.args, _ = strings.Cut(code, " ")
			st.code = strings.ToUpper(st.code)
			l = strings.TrimPrefix(l[end+1:], " ")
		}
	}
	st.text = l
	return st
}

// greetingLine is a greeting for go-imap listing caps (IMAP4rev1 when
// there are none), so that it does not ask for them.
func greetingLine(preauth bool, caps []string) []byte {
	typ := "OK"
	if preauth {
		typ = "PREAUTH"
	}
	var b strings.Builder
	b.WriteString("* " + typ + " [CAPABILITY")
	n := 0
	for _, c := range caps {
		if validAtom(c) {
			b.WriteString(" " + c)
			n++
		}
	}
	if n == 0 {
		b.WriteString(" " + string(imap.CapIMAP4rev1))
	}
	b.WriteString("] ready\r\n")
	return []byte(b.String())
}

func validAtom(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`(){%*"\]`, c) >= 0 {
			return false
		}
	}
	return true
}

func hasCap(caps []string, c imap.Cap) bool {
	for _, x := range caps {
		if strings.EqualFold(x, string(c)) {
			return true
		}
	}
	return false
}

// isAnswer reports whether err is the server's NO or BAD.
func isAnswer(err error) bool {
	var ierr *imap.Error
	return errors.As(err, &ierr) && ierr.Type != imap.StatusResponseTypeBye
}

// shorten keeps the start of a long line, for an error message.
func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
