package mail

import (
	"math"
	"strings"

	message "github.com/emersion/go-message"
)

// noDecode is a target no attachment has: reader.attachment then notes the
// attachment without decoding it.
const noDecode = math.MaxInt

// noteAttachment is reader.attachment for the store's record, which needs
// to know that a file is attached and whether its encoding is broken, not
// its bytes: a body whose decoding cannot fail is measured instead of
// decoded. Every other body is decoded as Read decodes it, so the problems
// found are the same.
func (r *reader) noteAttachment(h message.Header, ct, name string, inline bool, body []byte, label string) {
	if !(r.summary || r.skim) || r.target >= 0 {
		r.attachment(h, ct, name, inline, body, label)
		return
	}
	size, ok := cleanDecodedSize(h, body)
	if !ok {
		r.attachment(h, ct, name, inline, body, label)
		return
	}
	r.target = noDecode
	r.attachment(h, ct, name, inline, body, label)
	r.target = -1
	r.m.Attachments[len(r.m.Attachments)-1].Size = size
}

// cleanDecodedSize returns the size of body with its transfer encoding
// undone, and true, when copyDecoded would decode it without an error; false
// when it might fail. It reads the encoding as go-message does.
func cleanDecodedSize(h message.Header, body []byte) (int64, bool) {
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "7bit", "8bit", "binary", "":
		return int64(len(body)), true
	case "base64":
		return cleanBase64Size(body)
	}
	return 0, false
}

// base64Alphabet marks the characters of the standard base64 alphabet (1)
// and the white space go-message's decoder drops (2).
var base64Alphabet = func() (t [256]uint8) {
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" {
		t[c] = 1
	}
	for _, c := range " \t\r\n" {
		t[c] = 2
	}
	return t
}()

// cleanBase64Size reports whether body decodes without error as go-message
// decodes base64 (space and tab made line ends, line ends dropped, then
// encoding/base64's StdEncoding), and the decoded size: it does when what
// is left is whole quanta of the alphabet, with at most two '=' of padding
// at its very end. Anything else (stray bytes, padding inside, a cut
// quantum) is left for the decoder to describe.
func cleanBase64Size(body []byte) (int64, bool) {
	n, pad := 0, 0
	for _, c := range body {
		switch base64Alphabet[c] {
		case 1:
			if pad > 0 {
				return 0, false
			}
			n++
		case 2:
		default:
			if c != '=' || pad == 2 {
				return 0, false
			}
			pad++
		}
	}
	if (n+pad)%4 != 0 {
		return 0, false
	}
	return int64(n/4*3 + max(0, n%4-1)), true
}
