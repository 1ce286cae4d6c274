package mail

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	message "github.com/emersion/go-message"
)

// Limits that keep a hostile message from exhausting the desk.
const (
	maxTextBytes = 1 << 20 // body text shown, after decoding
	maxDepth     = 16      // nesting of multiparts and attached messages
	maxParts     = 1000    // MIME parts read in one message
)

// Message is a message read for the operator. Every string in it has been
// through Sanitize; header fields are single lines.
type Message struct {
	// From is the sender as "Name <address>", FromName and FromAddress its
	// parts.
	From, FromName, FromAddress string
	// To and Cc list the addressees, comma-separated.
	To, Cc string
	// Subject is the decoded subject.
	Subject string
	// MessageID is the Message-ID without angle brackets.
	MessageID string
	// Date is the Date header; zero when missing or unreadable.
	Date time.Time
	// Text is the body as readable text: the plain-text part preferred,
	// else the HTML part turned into text.
	Text string
	// FromHTML reports that Text was made from HTML.
	FromHTML bool
	// Attachments lists the parts that are files, in message order.
	Attachments []Attachment
	// Problems says what could not be read, one sentence each.
	Problems []string

	// mayHideClass is true when the message holds what a search of its raw
	// bytes for a class word would not see as the operator reads it: text
	// with a transfer encoding, a charset other than UTF-8, HTML, encoded
	// words in a header, an encoded attached message, or a PDF.
	mayHideClass bool
}

// Problem joins the problems into one line, "" when the message read
// cleanly. It is what store.Letter.ParseProblem holds.
func (m *Message) Problem() string { return strings.Join(m.Problems, "; ") }

// Attachment is one file carried by a message.
type Attachment struct {
	// Name is the decoded file name; a name is made up when the part has
	// none.
	Name string
	// Type is the media type, e.g. application/pdf.
	Type string
	// Size is the decoded size in bytes.
	Size int64
	// Inline is true for parts meant to be shown in the text (images of an
	// HTML body, mostly).
	Inline bool

	index int // position among the message's attachments, for extraction
}

// Read reads a raw message. It never fails and never panics: what cannot
// be read is described in Problems and the rest is shown.
func Read(raw []byte) (m *Message) {
	r := &reader{m: &Message{}, target: -1}
	defer func() {
		if v := recover(); v != nil {
			m = &Message{Text: Sanitize(string(truncate(raw, maxTextBytes)))}
			m.Problems = []string{SanitizeLine(fmt.Sprintf("the message could not be read (%v); its raw text is shown", v))}
		}
	}()
	r.read(raw)
	return r.m
}

// skim reads raw as Read does, except that attachments are listed and
// measured without being decoded where that is safe: what the intake's
// look for a declared class needs.
func skim(raw []byte) (m *Message) {
	r := &reader{m: &Message{}, target: -1, skim: true}
	defer func() {
		if v := recover(); v != nil {
			m = &Message{Text: Sanitize(string(truncate(raw, maxTextBytes)))}
		}
	}()
	r.read(raw)
	return r.m
}

// summarize reads raw for the store's record: headers, attachments and
// problems, without assembling the text.
func summarize(raw []byte) (m *Message) {
	r := &reader{m: &Message{}, target: -1, summary: true}
	defer func() {
		if v := recover(); v != nil {
			m = &Message{Problems: []string{SanitizeLine(fmt.Sprintf("the message could not be read (%v)", v))},
				mayHideClass: true}
		}
	}()
	r.read(raw)
	return r.m
}

type reader struct {
	m        *Message
	parts    int
	attached int // attachments met so far
	// Extraction of one attachment.
	target int
	out    io.Writer
	found  bool
	outErr error
	// summary reads for the store's record: problems are found, but no
	// text is assembled.
	summary bool
	// skim assembles the text but only measures the attachments, without
	// decoding them where their size can be told from their encoding.
	skim bool
}

// piece is text found in the body.
type piece struct {
	text string
	html bool
}

func (r *reader) problem(label, format string, args ...any) {
	if len(r.m.Problems) >= 20 {
		return
	}
	p := fmt.Sprintf(format, args...)
	if label != "" {
		p = label + ": " + p
	}
	r.m.Problems = append(r.m.Problems, SanitizeLine(p))
}

func (r *reader) read(raw []byte) {
	hb, body := splitMessage(messageStart(raw))
	if hb == nil {
		r.problem("", "the message has no header")
	}
	h, probs := parseHeader(hb)
	for _, p := range probs {
		r.problem("", "%s", p)
	}
	if bytes.Contains(hb, []byte("=?")) {
		r.m.mayHideClass = true
	}
	t := readMediaType(h)
	r.headers(h, t)
	pieces := r.entityOf(h, t, body, 0, "")
	if r.summary || r.target >= 0 {
		return
	}
	var sb strings.Builder
	for _, p := range pieces {
		if strings.TrimSpace(p.text) == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(strings.TrimRight(p.text, "\n "))
		if p.html {
			r.m.FromHTML = true
		}
	}
	text := sb.String()
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
		r.problem("", "the text is longer than %d bytes and was cut", maxTextBytes)
	}
	r.m.Text = Sanitize(text)
}

// entity reads one entity's body and returns the text it contributes.
func (r *reader) entity(h message.Header, body []byte, depth int, label string) []piece {
	return r.entityOf(h, nil, body, depth, label)
}

// mediaType is what contentType returns.
type mediaType struct {
	ct     string
	params map[string]string
	err    error
}

func readMediaType(h message.Header) *mediaType {
	ct, params, err := contentType(h)
	return &mediaType{ct, params, err}
}

// entityOf is entity with h's content type t already read; nil to read it
// here.
func (r *reader) entityOf(h message.Header, t *mediaType, body []byte, depth int, label string) []piece {
	r.parts++
	if r.parts > maxParts {
		if r.parts == maxParts+1 {
			r.problem("", "more than %d parts; the rest are not read", maxParts)
		}
		return nil
	}
	if t == nil {
		t = readMediaType(h)
	}
	ct, params, err := t.ct, t.params, t.err
	if err != nil {
		r.problem(partLabel(label), "the content type %q could not be read", SanitizeLine(h.Get("Content-Type")))
	}
	disp, dparams := disposition(h)
	switch {
	case strings.HasPrefix(ct, "multipart/"):
		return r.multipart(ct, params, body, depth, label)
	case ct == "message/rfc822" || ct == "message/global":
		return r.attachedMessage(h, ct, params, dparams, body, depth, label)
	}
	name := fileName(h, params, dparams)
	if disp == "attachment" || name != "" || !strings.HasPrefix(ct, "text/") ||
		(ct != "text/plain" && ct != "text/html") {
		r.noteAttachment(h, ct, name, disp == "inline", body, label)
		return nil
	}
	plain := plainDecoding(h, params)
	if !plain || ct == "text/html" {
		r.m.mayHideClass = true
	}
	if r.target >= 0 || (r.summary && plain) {
		return nil
	}
	text := r.decodeText(h, params, body, label)
	if r.summary {
		return nil
	}
	if ct == "text/html" {
		return []piece{{text: htmlToText(strings.NewReader(text)), html: true}}
	}
	return []piece{{text: text}}
}

func partLabel(label string) string {
	if label == "" {
		return ""
	}
	return "part " + label
}

func childLabel(label string, i int) string {
	if label == "" {
		return fmt.Sprint(i)
	}
	return fmt.Sprintf("%s.%d", label, i)
}

func (r *reader) multipart(ct string, params map[string]string, body []byte, depth int, label string) []piece {
	if depth >= maxDepth {
		r.problem(partLabel(label), "nested more than %d levels deep; not read further", maxDepth)
		return nil
	}
	boundary := params["boundary"]
	if boundary == "" {
		r.problem(partLabel(label), "%s without a boundary; shown as text", ct)
		return []piece{{text: toUTF8("", truncate(body, maxTextBytes))}}
	}
	parts, closed := splitMultipart(body, boundary)
	if len(parts) == 0 {
		r.problem(partLabel(label), "%s has no parts; shown as text", ct)
		return []piece{{text: toUTF8("", truncate(body, maxTextBytes))}}
	}
	if !closed {
		r.problem(partLabel(label), "%s is not closed (the message may be cut short)", ct)
	}
	var children [][]piece
	for i, p := range parts {
		l := childLabel(label, i+1)
		hb, pb := splitMessage(p)
		h, probs := parseHeader(hb)
		for _, pr := range probs {
			r.problem(partLabel(l), "%s", pr)
		}
		if ct == "multipart/digest" && h.Get("Content-Type") == "" {
			// RFC 2046, 5.1.5: a digest's parts are messages by default.
			h.Set("Content-Type", "message/rfc822")
		}
		children = append(children, r.entity(h, pb, depth+1, l))
	}
	if ct == "multipart/alternative" {
		return chooseAlternative(children)
	}
	var out []piece
	for _, c := range children {
		out = append(out, c...)
	}
	return out
}

// chooseAlternative prefers plain text, then HTML, then whatever has text.
func chooseAlternative(children [][]piece) []piece {
	for _, wantHTML := range []bool{false, true} {
		for _, c := range children {
			for _, p := range c {
				if p.html == wantHTML && strings.TrimSpace(p.text) != "" {
					return c
				}
			}
		}
	}
	for _, c := range children {
		if len(c) > 0 {
			return c
		}
	}
	return nil
}

func (r *reader) attachedMessage(h message.Header, ct string, params, dparams map[string]string, body []byte, depth int, label string) []piece {
	decoded, err := decodeTransfer(h, body)
	if err != nil {
		r.problem(partLabel(label), "%s", err)
	}
	if depth >= maxDepth {
		r.problem(partLabel(label), "nested more than %d levels deep; not read further", maxDepth)
		return nil
	}
	decoded = messageStart(decoded)
	inner := &reader{m: &Message{}, target: -1, summary: true}
	ih, _ := splitMessage(decoded)
	if !identityTransfer(h) || bytes.Contains(ih, []byte("=?")) {
		r.m.mayHideClass = true
	}
	ihh, _ := parseHeader(ih)
	inner.headers(ihh, nil)
	name := fileName(h, params, dparams)
	if name == "" {
		name = inner.m.Subject
		if name == "" {
			name = "pesan"
		}
		name = safeName(name) + ".eml"
	}
	r.attachment(h, "message/rfc822", name, false, body, label)
	hb, b := splitMessage(decoded)
	hh, probs := parseHeader(hb)
	for _, p := range probs {
		r.problem(partLabel(label), "%s", p)
	}
	pieces := r.entity(hh, b, depth+1, childLabel(label, 1))
	if r.summary || r.target >= 0 {
		return nil
	}
	head := fmt.Sprintf("---- Pesan terlampir ----\nDari: %s\nPerihal: %s", inner.m.From, inner.m.Subject)
	if !inner.m.Date.IsZero() {
		head += "\nTanggal: " + inner.m.Date.Format("2 Jan 2006 15:04 -0700")
	}
	return append([]piece{{text: head}}, pieces...)
}

// plainDecoding reports whether a text part needs no decoding that could
// fail: no transfer encoding, and UTF-8 or ASCII.
func plainDecoding(h message.Header, params map[string]string) bool {
	if !identityTransfer(h) {
		return false
	}
	switch strings.ToLower(params["charset"]) {
	case "", "utf-8", "utf8", "us-ascii":
		return true
	}
	return false
}

// identityTransfer reports whether a part's body is as it was written: no
// transfer encoding, or one that only names the bytes used.
func identityTransfer(h message.Header) bool {
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "", "7bit", "8bit", "binary":
		return true
	}
	return false
}

// decodeText undoes the transfer encoding and converts the charset to
// UTF-8; what cannot be decoded is shown raw and reported.
func (r *reader) decodeText(h message.Header, params map[string]string, body []byte, label string) string {
	e, err := message.New(h, bytes.NewReader(body))
	switch {
	case message.IsUnknownCharset(err):
		r.problem(partLabel(label), "unknown charset %q; shown as Windows-1252", SanitizeLine(params["charset"]))
	case message.IsUnknownEncoding(err):
		r.problem(partLabel(label), "unknown transfer encoding %q; shown undecoded", SanitizeLine(h.Get("Content-Transfer-Encoding")))
	case err != nil:
		r.problem(partLabel(label), "%s", SanitizeLine(err.Error()))
	}
	if e == nil {
		return toUTF8("", truncate(body, maxTextBytes))
	}
	var out bytes.Buffer
	_, rerr := io.Copy(&out, io.LimitReader(e.Body, maxTextBytes+1))
	if rerr != nil {
		r.problem(partLabel(label), "text: %s after %d bytes", describeDecodeError(h, rerr), out.Len())
	}
	b := out.Bytes()
	if !utf8.Valid(b) {
		return toUTF8("", b)
	}
	return string(b)
}
