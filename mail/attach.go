package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"

	message "github.com/emersion/go-message"
)

// SaveAttachment writes attachment a of the raw message into dir under its
// own name, made safe for a file system; an existing file is never
// overwritten: "name (2).pdf" is tried instead. It returns the path written.
func SaveAttachment(raw []byte, a Attachment, dir string) (string, error) {
	name := safeName(a.Name)
	if name == "" {
		name = fmt.Sprintf("lampiran-%d%s", a.index+1, extensionFor(a.Type))
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		p := filepath.Join(dir, name)
		if i > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", base, i, ext))
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("save attachment: %w", err)
		}
		werr := WriteAttachment(f, raw, a)
		cerr := f.Close()
		if werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(p)
			return "", werr
		}
		return p, nil
	}
	return "", fmt.Errorf("save attachment %q: too many files of that name in %s", a.Name, dir)
}

// safeName makes a file name safe on Linux, macOS and Windows: sanitised,
// no path separators or reserved characters, no leading dots, not a
// reserved device name, at most 120 bytes.
func safeName(name string) string {
	name = SanitizeLine(name)
	name = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|':
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if len(name) > 120 {
		ext := filepath.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		cut := 120 - len(ext)
		for cut > 0 && !validCut(name, cut) {
			cut--
		}
		name = name[:cut] + ext
	}
	stem := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		name = "_" + name
	}
	return name
}

// validCut reports whether s[:i] ends on a rune boundary.
func validCut(s string, i int) bool {
	return i >= len(s) || s[i] < 0x80 || s[i] >= 0xc0
}

// extensionFor returns a file extension for a media type, ".bin" when none
// is known.
func extensionFor(ct string) string {
	switch ct {
	case "application/pdf":
		return ".pdf"
	case "message/rfc822":
		return ".eml"
	case "text/plain":
		return ".txt"
	case "text/html":
		return ".html"
	}
	if exts, err := mime.ExtensionsByType(ct); err == nil && len(exts) > 0 {
		return exts[0]
	}
	return ".bin"
}

// WriteAttachment writes attachment a of the raw message to w, decoded,
// byte for byte as the sender attached it.
func WriteAttachment(w io.Writer, raw []byte, a Attachment) (err error) {
	r := &reader{m: &Message{}, target: a.index, out: w}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("extract attachment %q: %v", a.Name, v)
		}
	}()
	r.read(raw)
	if !r.found {
		return fmt.Errorf("extract attachment %q: no such part in the message", a.Name)
	}
	if r.outErr != nil {
		return fmt.Errorf("extract attachment %q: %w", a.Name, r.outErr)
	}
	return nil
}

// attachment lists one file, measures it, and writes it out when it is the
// one being extracted.
func (r *reader) attachment(h message.Header, ct, name string, inline bool, body []byte, label string) {
	idx := r.attached
	r.attached++
	if name == "" {
		name = fmt.Sprintf("lampiran-%d%s", idx+1, extensionFor(ct))
	}
	a := Attachment{Name: name, Type: SanitizeLine(ct), Inline: inline, index: idx}
	switch {
	case r.target == idx:
		r.found = true
		cw := &countWriter{w: r.out}
		err := copyDecoded(cw, h, body)
		if cw.err != nil {
			r.outErr = cw.err
		} else if err != nil {
			r.outErr = err
		}
	case r.target >= 0:
	default:
		cw := &countWriter{w: io.Discard}
		if err := copyDecoded(cw, h, body); err != nil {
			r.problem(partLabel(label), "attachment %q: %s after %d bytes", name, err, cw.n)
		}
		a.Size = cw.n
	}
	r.m.Attachments = append(r.m.Attachments, a)
	if !a.Inline && IsPDF(a) {
		r.m.mayHideClass = true // the letter itself may be the PDF
	}
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

// copyDecoded writes the body with its transfer encoding undone and no
// charset conversion, so a file comes out as it was attached.
func copyDecoded(w io.Writer, h message.Header, body []byte) error {
	hc := h.Copy()
	hc.Set("Content-Type", "application/octet-stream")
	e, err := message.New(hc, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("unknown transfer encoding %q", SanitizeLine(h.Get("Content-Transfer-Encoding")))
	}
	if _, err := io.Copy(w, e.Body); err != nil {
		return describeDecodeError(h, err)
	}
	return nil
}

func decodeTransfer(h message.Header, body []byte) ([]byte, error) {
	var out bytes.Buffer
	err := copyDecoded(&out, h, body)
	if err != nil && out.Len() == 0 {
		return body, err
	}
	return out.Bytes(), err
}

func describeDecodeError(h message.Header, err error) error {
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	if enc == "" {
		enc = "7bit"
	}
	return fmt.Errorf("broken %s encoding (%s)", enc, SanitizeLine(err.Error()))
}
