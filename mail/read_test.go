package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("ReadFile(%s) = %v", path, err)
	}
	return b
}

// checkSafe fails when any string of m could act on a terminal.
func checkSafe(t testing.TB, m *Message) {
	t.Helper()
	fields := map[string]string{"From": m.From, "FromName": m.FromName, "FromAddress": m.FromAddress,
		"To": m.To, "Cc": m.Cc, "Subject": m.Subject, "MessageID": m.MessageID, "Text": m.Text}
	for i, a := range m.Attachments {
		fields[fmt.Sprintf("Attachments[%d].Name", i)] = a.Name
		fields[fmt.Sprintf("Attachments[%d].Type", i)] = a.Type
	}
	for i, p := range m.Problems {
		fields[fmt.Sprintf("Problems[%d]", i)] = p
	}
	for k, v := range fields {
		if why := terminalUnsafe(v); why != "" {
			t.Errorf("%s = %q: %s", k, v, why)
		}
	}
	for _, k := range []string{"From", "Subject", "To", "MessageID"} {
		if strings.ContainsAny(fields[k], "\n\t") {
			t.Errorf("%s = %q spans lines", k, fields[k])
		}
	}
}

func TestReadMalformed(t *testing.T) {
	for _, tc := range []struct {
		file     string
		problem  string // in Problem(), "" for none
		text     string // in Text
		subject  string
		attached []string // attachment names
	}{
		{"unclosed-multipart.eml", "not closed", "Isi yang masih terbaca.", "Multipart tanpa penutup", []string{"potong.pdf"}},
		{"bad-base64.eml", "broken base64", "Surat dengan lampiran rusak.", "Lampiran rusak", []string{"rusak.pdf"}},
		{"unknown-cte.eml", `unknown transfer encoding "x-bogus"`, "Teks yang tetap bisa dibaca mentah.", "Pengodean asing", nil},
		{"unknown-charset.eml", `unknown charset "x-klingon"`, "Teks dengan charset tak dikenal.", "Charset asing", nil},
		{"nul-bytes.eml", "", "Barissatu", "Ada NUL di subjek", nil},
		{"8bit-headers.eml", "", "Isi 8-bit: André.", "Café Persandian ± 2 jam", nil},
		{"no-header.eml", "no header", "Ini hanya teks tanpa header", "", nil},
		{"broken-header-lines.eml", `could not be read, the first: "ini bukan header"`, "Isi tetap terbaca.", "Header rusak", nil},
		{"rfc2231-latin1.eml", "", "Lihat lampiran.", "Lampiran café", []string{"café menu.pdf", "Daftar Hadir.txt"}},
		{"nested-message.eml", "", "Nomor : B-99/BSSN/2026", "Fwd: Surat asli yang diteruskan", []string{"Surat asli yang diteruskan.eml", "asli.pdf"}},
		{"hostile-html.eml", "", "Teks terlihat", "Judul cod.exe", nil},
		{"attachment-escape-name.eml", "", "Lihat.", "Nama berkas jahat", []string{"../../etc/passwd.pdf"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m := Read(readFile(t, filepath.Join("testdata", "messages", tc.file)))
			checkSafe(t, m)
			if tc.problem == "" && len(m.Problems) > 0 {
				t.Errorf("Problems = %q, want none", m.Problems)
			}
			if tc.problem != "" && !strings.Contains(m.Problem(), tc.problem) {
				t.Errorf("Problem() = %q, want it to contain %q", m.Problem(), tc.problem)
			}
			if !strings.Contains(m.Text, tc.text) {
				t.Errorf("Text = %q, want it to contain %q", m.Text, tc.text)
			}
			if m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			var names []string
			for _, a := range m.Attachments {
				names = append(names, a.Name)
			}
			if strings.Join(names, "|") != strings.Join(tc.attached, "|") {
				t.Errorf("attachments = %q, want %q", names, tc.attached)
			}
		})
	}
}

// TestReadTolerant covers what real mail does to a reader (issue 9), one
// message per way; the real-mail corpus covers them at scale.
func TestReadTolerant(t *testing.T) {
	for _, tc := range []struct {
		name     string
		raw      string
		subject  string
		from     string
		attached []string
		text     string // in Text
	}{
		{"mbox envelope line",
			"From tu@kemendagri.go.id  Mon Nov 23 08:14:00 2026\nFrom: TU <tu@kemendagri.go.id>\nSubject: Undangan\n\nIsi.\n",
			"Undangan", "TU <tu@kemendagri.go.id>", nil, "Isi."},
		{"line of spaces before the header",
			"      \nFrom: tu@kemendagri.go.id\nSubject: Undangan\n\nIsi.\n",
			"Undangan", "tu@kemendagri.go.id", nil, "Isi."},
		{"first field indented",
			"  From: tu@kemendagri.go.id\nSubject: Undangan\n\nIsi.\n",
			"Undangan", "tu@kemendagri.go.id", nil, "Isi."},
		{"raw 8-bit header in the declared charset",
			"From: \xbei\xbc\xd6\xa6h <c@example.org>\nSubject: \xbei\xbc\xd6\xa6h\nContent-Type: text/plain; charset=big5\n\nbody\n",
			"養樂多", "養樂多 <c@example.org>", nil, "body"},
		{"forwarded message with an envelope line",
			"From: a@example.org\nSubject: Fwd: Nota\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nTeruskan.\n--b\n" +
				"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" +
				"RnJvbSB4QGV4YW1wbGUub3JnICBNb24gTm92IDIzIDA4OjE0OjAwIDIwMjYKRnJvbTogeEBleGFtcGxlLm9yZwpTdWJqZWN0OiBOb3RhCkNvbnRlbnQtVHlwZTogbXVsdGlwYXJ0L21peGVkOyBib3VuZGFyeT1jCgotLWMKCklzaSBub3RhLgotLWMKQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9wZGY7IG5hbWU9bm90YS5wZGYKCiVQREYKLS1jLS0K\n--b--\n",
			"Fwd: Nota", "a@example.org", []string{"Nota.eml", "nota.pdf"}, "Isi nota."},
		{"digest",
			"From: a@example.org\nSubject: Rangkuman\nContent-Type: multipart/digest; boundary=d\n\n--d\n\nFrom: x@example.org\nSubject: Satu\nContent-Type: multipart/mixed; boundary=e\n\n--e\n\nIsi satu.\n--e\nContent-Type: application/pdf; name=satu.pdf\n\n%PDF\n--e--\n" +
				"--d\n\nFrom: y@example.org\nSubject: Dua\n\nIsi dua.\n--d--\n",
			"Rangkuman", "a@example.org", []string{"Satu.eml", "satu.pdf", "Dua.eml"}, "Isi dua."},
		{"HTML without </head>",
			"From: a@example.org\nSubject: Html\nContent-Type: text/html\n\n<html><head><meta charset=utf-8><title>judul</title>\n<p>Teks surat.</p></html>\n",
			"Html", "a@example.org", nil, "Teks surat."},
		{"Outlook file name over RFC 2231 sections",
			"From: a@example.org\nSubject: Lampiran\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nLihat.\n--b\nContent-Type: application/pdf\n" +
				"Content-Disposition: attachment; filename*0*=iso-8859-1''Caf%E9%20; filename*1*=menu.pdf\n\n%PDF\n--b--\n",
			"Lampiran", "a@example.org", []string{"Café menu.pdf"}, "Lihat."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Read([]byte(tc.raw))
			checkSafe(t, m)
			if m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			if m.From != tc.from {
				t.Errorf("From = %q, want %q", m.From, tc.from)
			}
			if got := attachmentNames(m.Attachments); strings.Join(got, "|") != strings.Join(tc.attached, "|") {
				t.Errorf("attachments = %q, want %q", got, tc.attached)
			}
			if !strings.Contains(m.Text, tc.text) {
				t.Errorf("Text = %q, want it to contain %q", m.Text, tc.text)
			}
		})
	}
}

func TestReadHostileHTML(t *testing.T) {
	m := Read(readFile(t, "testdata/messages/hostile-html.eml"))
	if !m.FromHTML {
		t.Error("FromHTML = false")
	}
	for _, bad := range []string{"alert", "display:none", "judul tersembunyi", "track.example", "jahat.example", "javascript", "ns"} {
		if strings.Contains(m.Text, bad) {
			t.Errorf("Text %q contains %q", m.Text, bad)
		}
	}
	if !strings.Contains(m.Text, "tautan") {
		t.Errorf("Text %q lost the link text", m.Text)
	}
}

func TestReadExtremes(t *testing.T) {
	long := strings.Repeat("Undangan ", 250)[:2000]
	deep := "Subject: dalam\r\n"
	for i := 0; i < 100; i++ {
		deep += fmt.Sprintf("Content-Type: multipart/mixed; boundary=\"d%d\"\r\n\r\n--d%d\r\n", i, i)
	}
	deep += "Content-Type: text/plain\r\n\r\nterdalam\r\n"
	many := "Subject: banyak\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n" + strings.Repeat("--m\r\nContent-Type: text/plain\r\n\r\nx\r\n", 3000) + "--m--\r\n"
	for _, tc := range []struct {
		name, raw, problem string
	}{
		{"2000-character subject", "Subject: " + long + "\r\n\r\nisi\r\n", ""},
		{"deep nesting", deep, "nested more than"},
		{"thousands of parts", many, "more than 1000 parts"},
		{"empty", "", ""},
		{"only a blank line", "\r\n", ""},
		{"multipart without boundary", "Content-Type: multipart/mixed\r\n\r\nisi\r\n", "without a boundary"},
		{"garbage content type", "Content-Type: ;;;===\r\n\r\nisi\r\n", ""},
		{"bad date", "Date: kemarin sore\r\n\r\nisi\r\n", `the date "kemarin sore" could not be read`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Read([]byte(tc.raw))
			checkSafe(t, m)
			if tc.problem != "" && !strings.Contains(m.Problem(), tc.problem) {
				t.Errorf("Problem() = %q, want %q", m.Problem(), tc.problem)
			}
		})
	}
	if m := Read([]byte("Subject: " + long + "\r\n\r\nisi\r\n")); len(m.Subject) != len(strings.TrimSpace(long)) {
		t.Errorf("long subject cut to %d characters", len(m.Subject))
	}
}

// withAttachment builds a message carrying data as a base64 attachment.
func withAttachment(name string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("From: a@b.go.id\r\nSubject: lampiran\r\nContent-Type: multipart/mixed; boundary=\"xx\"\r\n\r\n")
	b.WriteString("--xx\r\nContent-Type: text/plain\r\n\r\nLihat lampiran.\r\n")
	fmt.Fprintf(&b, "--xx\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", name)
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--xx--\r\n")
	return b.Bytes()
}

func TestAttachmentByteExact(t *testing.T) {
	for _, size := range []int{0, 1, 300_000, 25 << 20} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			data := make([]byte, size)
			rand.Read(data)
			raw := withAttachment("Surat Edaran.pdf", data)
			start := time.Now()
			m := Read(raw)
			// A bound that catches a quadratic reader, not a speed target
			// (-race on a loaded machine took 6.5 s for 25 MB).
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("Read() of a %d-byte attachment took %v", size, d)
			}
			if len(m.Attachments) != 1 || m.Attachments[0].Size != int64(size) || m.Attachments[0].Type != "application/pdf" {
				t.Fatalf("Attachments = %+v, want one PDF of %d bytes", m.Attachments, size)
			}
			var out bytes.Buffer
			if err := WriteAttachment(&out, raw, m.Attachments[0]); err != nil {
				t.Fatalf("WriteAttachment() = %v", err)
			}
			if !bytes.Equal(out.Bytes(), data) {
				t.Fatalf("WriteAttachment() wrote %d bytes that differ from the %d attached", out.Len(), size)
			}
		})
	}
}

func TestSaveAttachment(t *testing.T) {
	dir := t.TempDir()
	data := []byte("%PDF-1.4 isi\n")
	raw := withAttachment("../../Surat\x1b]0;x\x07 Edaran.pdf", data)
	m := Read(raw)
	for i := 1; i <= 2; i++ {
		p, err := SaveAttachment(raw, m.Attachments[0], dir)
		if err != nil {
			t.Fatalf("SaveAttachment() = %v", err)
		}
		want := filepath.Join(dir, "_.._Surat Edaran.pdf")
		if i == 2 {
			want = filepath.Join(dir, "_.._Surat Edaran (2).pdf")
		}
		if p != want {
			t.Errorf("SaveAttachment() #%d = %q, want %q", i, p, want)
		}
		if got := readFile(t, p); !bytes.Equal(got, data) {
			t.Errorf("saved %q, want %q", got, data)
		}
	}
}

func TestReadDemoMessages(t *testing.T) {
	files, err := filepath.Glob("demo/*.eml")
	if err != nil || len(files) < 25 {
		t.Fatalf("demo messages: %d, %v; want at least 25", len(files), err)
	}
	now := time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)
	byName := map[string]*Message{}
	for _, f := range files {
		raw := fillDemo(readFile(t, f), now)
		m := Read(raw)
		checkSafe(t, m)
		if len(m.Problems) > 0 {
			t.Errorf("%s: Problems = %q", f, m.Problems)
		}
		if m.Subject == "" || m.FromAddress == "" || m.Text == "" || !m.Date.Equal(now) {
			t.Errorf("%s: Subject %q, From %q, Date %v, %d bytes of text", f, m.Subject, m.From, m.Date, len(m.Text))
		}
		byName[filepath.Base(f)] = m
	}
	html := byName["04-jateng-bimtek-html.eml"]
	if !html.FromHTML || strings.Contains(html.Text, "tracking") || strings.Contains(html.Text, "font-family") ||
		!strings.Contains(html.Text, "Hal : Undangan Bimbingan Teknis") {
		t.Errorf("HTML-only message read as %q", html.Text)
	}
	if m := byName["06-kemendagri-data-batas-latin1.eml"]; !strings.Contains(m.Text, "± 1 meter") || !strings.Contains(m.Text, "Sdr. André") {
		t.Errorf("ISO-8859-1 message read as %q", m.Text)
	}
	if m := byName["25-jateng-narasumber-cp1252.eml"]; !strings.Contains(m.Text, "“Forum Persandian Daerah Jawa Tengah”") {
		t.Errorf("Windows-1252 message read as %q", m.Text)
	}
	if m := byName["10-komdigi-se-qp.eml"]; !strings.Contains(m.Text, "p=quarantine atau p=reject diwajibkan paling lambat") {
		t.Errorf("quoted-printable message read as %q", m.Text)
	}
	if m := byName["09-bssn-subjek-escape.eml"]; m.Subject != "Pemberitahuan Pemeliharaan Jaringan" || strings.Contains(m.Text, "ZWNo") {
		t.Errorf("hostile message read as subject %q, text %q", m.Subject, m.Text)
	}
	if m := byName["19-jateng-se-tte-rfc2231.eml"]; len(m.Attachments) != 1 || m.Attachments[0].Name != "Surat Edaran TTE – Jateng.pdf" {
		t.Errorf("RFC 2231 attachment read as %+v", m.Attachments)
	}
	if m := byName["17-bssn-webinar-alternative.eml"]; m.FromHTML {
		t.Error("multipart/alternative: the HTML part was chosen over the plain one")
	}
	pdf := byName["01-kemendagri-undangan-rakor.eml"]
	var out bytes.Buffer
	if err := WriteAttachment(&out, fillDemo(readFile(t, "demo/01-kemendagri-undangan-rakor.eml"), now), pdf.Attachments[0]); err != nil {
		t.Fatalf("WriteAttachment() = %v", err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-1.4")) || !bytes.HasSuffix(out.Bytes(), []byte("%%EOF\n")) {
		t.Errorf("demo PDF is not a PDF: %q", out.Bytes())
	}
}

func FuzzRead(f *testing.F) {
	for _, pattern := range []string{"testdata/messages/*.eml", "demo/*.eml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Read(raw)
		checkSafe(t, m)
		for _, a := range m.Attachments {
			var out bytes.Buffer
			if err := WriteAttachment(&out, raw, a); err == nil && !strings.Contains(m.Problem(), "attachment") && int64(out.Len()) != a.Size {
				t.Fatalf("attachment %q: listed %d bytes, wrote %d", a.Name, a.Size, out.Len())
			}
		}
		_ = Propose(m, demoZone)
	})
}

func TestNewIncoming(t *testing.T) {
	at := time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)
	for _, tc := range []struct {
		file, problem, subject string
		attached               bool
	}{
		{"testdata/messages/bad-base64.eml", "broken base64", "Lampiran rusak", true},
		{"testdata/messages/unknown-charset.eml", "unknown charset", "Charset asing", false},
		{"testdata/messages/hostile-html.eml", "", "Judul cod.exe", false},
		{"testdata/messages/nested-message.eml", "", "Fwd: Surat asli yang diteruskan", true},
	} {
		raw := readFile(t, tc.file)
		in := NewIncoming(raw, at, store.Source{File: tc.file})
		if !bytes.Equal(in.Raw, raw) || !in.ReceivedAt.Equal(at) || in.Source.File != tc.file {
			t.Errorf("%s: Raw, ReceivedAt or Source not kept", tc.file)
		}
		if (tc.problem == "") != (in.ParseProblem == "") || !strings.Contains(in.ParseProblem, tc.problem) {
			t.Errorf("%s: ParseProblem = %q, want %q", tc.file, in.ParseProblem, tc.problem)
		}
		if in.Subject != tc.subject || in.HasAttachments != tc.attached || in.From == "" {
			t.Errorf("%s: Subject %q, From %q, HasAttachments %v", tc.file, in.Subject, in.From, in.HasAttachments)
		}
	}
}
