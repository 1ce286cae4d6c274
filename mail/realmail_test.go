package mail

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// EnvRealmail names the folder of the real-world corpus; unset, it is
// ../../shared/realmail/corpus from this package's folder.
const EnvRealmail = "SANAPATI_REALMAIL"

// realmailWant is what a careful reader sees in one message of the corpus.
type realmailWant struct {
	Subject     string   `json:"subject"`
	Sender      string   `json:"sender"`
	Attachments []string `json:"attachments"`
	Text        bool     `json:"text"`
}

// attachedHeading matches the lines the reader puts before the text of an
// attached message; they are not text of the message itself.
var attachedHeading = regexp.MustCompile(`(?m)^---- Pesan terlampir ----\nDari: .*\nPerihal: .*(\nTanggal: .*)?$`)

// TestRealmail reads the 400 messages nobody on this project wrote
// (/work/shared/realmail, see its README: eleven public mail projects'
// test suites, read in place, never copied here) and checks each against
// testdata/realmail.json, keyed by file name. A file that begins with an
// mbox "From " line is a one-message mbox: the message after that line is
// meant. What is compared, white space runs counting as one space:
//
//   - subject: Message.Subject, the Subject field decoded (RFC 2047 words in
//     their charsets, raw 8-bit text as UTF-8, else in the declared
//     charset, else as Windows-1252) on one line, controls removed; "" when
//     there is none.
//   - sender: Message.From, the first From field as the desk shows it: each
//     address as "Name <address>" or the bare address, comma-separated; a
//     field that is not an address list is shown decoded as written.
//   - attachments: the names of Message.Attachments in order, which is what
//     the letter screen lists and the paperwork prints: every part that is
//     not body text (body text being text/plain or text/html with no file
//     name and no "attachment" disposition), inline images included, by its
//     decoded file name (filename, else name; RFC 2231 and RFC 2047 forms);
//     every attached message (message/rfc822 or message/global, and the
//     parts of a multipart/digest) by its file name, else its subject made
//     safe for a file system plus ".eml", followed by the attachments inside
//     it. A multipart whose parts cannot be found is shown as text, not
//     listed. "" in the golden file is a part with no name: the reader
//     makes one up, "lampiran-N.ext", N its place in the list.
//   - text: whether Message.Text has anything but white space besides the
//     headings of attached messages, i.e. whether some body text part, at
//     any depth, shows visible text (for HTML: outside head, title, script
//     and style).
//
// The expected values were first drafted with an independent reader
// (Python's email package, policy.default), then every disagreement with
// this reader was settled by reading the raw message; they are not made by
// this reader, so there is no -update flag.
func TestRealmail(t *testing.T) {
	dir := os.Getenv(EnvRealmail)
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "realmail", "corpus")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		SkipOrFail(t, fmt.Sprintf("the real-mail corpus is not at %s (set %s): %v", dir, EnvRealmail, err))
		return
	}
	var want map[string]realmailWant
	if err := json.Unmarshal(readFile(t, filepath.Join("testdata", "realmail.json")), &want); err != nil {
		t.Fatalf("Unmarshal(realmail.json) = %v", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	for name := range want {
		if !slices.Contains(names, name) {
			t.Errorf("%s is in realmail.json but not in %s", name, dir)
		}
	}
	if len(names) != len(want) {
		t.Errorf("%d files in %s, %d in realmail.json", len(names), dir, len(want))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expected values in realmail.json")
			}
			raw := readFile(t, filepath.Join(dir, name))
			m := Read(raw)
			checkSafe(t, m)
			if got := oneSpace(m.Subject); got != w.Subject {
				t.Errorf("Subject = %q, want %q", got, w.Subject)
			}
			if got := oneSpace(m.From); got != w.Sender {
				t.Errorf("From = %q, want %q", got, w.Sender)
			}
			if !attachmentsMatch(m.Attachments, w.Attachments) {
				t.Errorf("attachments = %q, want %q", attachmentNames(m.Attachments), w.Attachments)
			}
			text := strings.TrimSpace(attachedHeading.ReplaceAllString(m.Text, "")) != ""
			if text != w.Text {
				t.Errorf("text present = %v, want %v (Text = %.80q)", text, w.Text, m.Text)
			}
			// The store's record is read by summarize: it must agree.
			s := summarize(raw)
			if s.Subject != m.Subject || s.From != m.From || !slices.Equal(attachmentNames(s.Attachments), attachmentNames(m.Attachments)) {
				t.Errorf("summarize = %q, %q, %q; Read = %q, %q, %q", s.Subject, s.From, attachmentNames(s.Attachments),
					m.Subject, m.From, attachmentNames(m.Attachments))
			}
		})
	}
}

func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func attachmentNames(as []Attachment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

// attachmentsMatch compares names; "" wants a made-up name.
func attachmentsMatch(got []Attachment, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i, a := range got {
		if want[i] == "" {
			if !strings.HasPrefix(a.Name, fmt.Sprintf("lampiran-%d.", i+1)) {
				return false
			}
		} else if oneSpace(a.Name) != want[i] {
			return false
		}
	}
	return true
}
