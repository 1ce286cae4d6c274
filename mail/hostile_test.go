package mail

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanapati-desk/store"
)

// The hostile corpus is testdata/messages/*.eml (see its README.md) and one
// message generated here, too big to commit: a 25 MB attachment.

// minCorpus is how many committed messages the corpus must keep.
const minCorpus = 32

// corpusFiles returns the corpus's paths: the committed messages and the
// generated big one, written into dir.
func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "messages", "*.eml"))
	if err != nil || len(files) < minCorpus {
		t.Fatalf("testdata/messages holds %d messages (%v), want at least %d", len(files), err, minCorpus)
	}
	return append(files, writeBigMessage(t, dir))
}

// bigAttachment is the size of the generated message's attachment.
const bigAttachment = 25 << 20

// writeBigMessage writes a message whose PDF attachment is 25 MB of random
// bytes, under a name that carries a window title and a clipboard write,
// and returns its path. The bytes are the same at every run.
func writeBigMessage(t testing.TB, dir string) string {
	t.Helper()
	data := make([]byte, bigAttachment)
	rand.NewChaCha8([32]byte{25}).Read(data)
	copy(data, "%PDF-1.4\n")
	var b bytes.Buffer
	b.WriteString("From: Arsip Nasional <arsip@anri.go.id>\r\nTo: persandian@pekalongankota.go.id\r\n" +
		"Date: Mon, 23 Nov 2026 08:40:00 +0700\r\nMessage-ID: <big-attachment@corpus.sanapati.test>\r\n" +
		"Subject: Lampiran 25 MB\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"big\"\r\n\r\n" +
		"--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNomor : 045/25/ANRI\r\nHal : Lampiran 25 MB\r\n" +
		"--big\r\nContent-Type: application/pdf\r\n" +
		"Content-Disposition: attachment; filename=\"arsip\x1b]0;DIRETAS\x07\x1b]52;c;ZGlyZXRhcw==\x07.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--big--\r\n")
	p := filepath.Join(dir, "big-attachment.eml")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHostileCorpusStored imports every hostile message into a real store:
// each is stored once and byte for byte, whatever it holds; what the store
// records of it cannot act on a terminal; a second import adds nothing; two
// different messages with one Message-ID are two letters.
func TestHostileCorpusStored(t *testing.T) {
	files := corpusFiles(t, t.TempDir())
	db := openStore(t)
	res, err := Import(db, files...)
	if err != nil {
		t.Fatalf("Import() = %v", err)
	}
	if res.Files != len(files) || res.Messages != len(files) || res.New != len(files) || res.Duplicates != 0 {
		t.Fatalf("Import() = %+v, want %d files, each one new letter", res, len(files))
	}
	letters, err := db.List(store.Query{})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	byFile := map[string]store.Letter{}
	for _, l := range letters {
		byFile[l.Source.File] = l
	}
	byMessageID := map[string][]uint64{}
	sharedID := 0 // files that carry the Message-ID of the first malformed ones
	exact := 0    // files stored byte for byte
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		l, ok := byFile[abs]
		if !ok {
			t.Errorf("%s: no letter", f)
			continue
		}
		want := readFile(t, f)
		if bytes.Contains(want, []byte("Message-ID: <m1@kemendagri.go.id>")) {
			sharedID++
		}
		raw, err := db.Raw(l.ID)
		if err != nil {
			t.Fatalf("%s: Raw(%d) = %v", f, l.ID, err)
		}
		if bytes.Equal(raw, want) {
			exact++
		} else {
			t.Errorf("%s: stored %d bytes that differ from the file's %d", f, len(raw), len(want))
		}
		if l.Size != int64(len(want)) {
			t.Errorf("%s: Size = %d, want %d", f, l.Size, len(want))
		}
		for k, v := range map[string]string{"From": l.From, "Subject": l.Subject, "MessageID": l.MessageID, "ParseProblem": l.ParseProblem} {
			if why := terminalUnsafe(v); why != "" || strings.ContainsAny(v, "\n\t") {
				t.Errorf("%s: stored %s = %q: %s", f, k, v, why)
			}
		}
		byMessageID[l.MessageID] = append(byMessageID[l.MessageID], l.ID)
	}

	if ids := byMessageID["kembar@bssn.go.id"]; len(ids) != 2 {
		t.Errorf("letters with Message-ID kembar@bssn.go.id: %v, want the two different messages", ids)
	}
	if ids := byMessageID["m1@kemendagri.go.id"]; len(ids) != sharedID || sharedID < 2 {
		t.Errorf("letters with Message-ID m1@kemendagri.go.id: %v, want the %d messages that carry it", ids, sharedID)
	}

	res, err = Import(db, files...)
	if err != nil || res.New != 0 || res.Duplicates != len(files) {
		t.Errorf("Import() again = %+v, %v; want %d duplicates and nothing new", res, err, len(files))
	}
	n := storedCount(t, db)
	if n != len(files) {
		t.Errorf("stored %d letters after two imports, want %d", n, len(files))
	}
	figures(t, "hostile mail, store: %d messages imported twice, %d stored byte-exact, %d lost, %d duplicated",
		len(files), exact, len(files)-exact, max(n-len(files), 0))
}

// TestHostileCorpusRead reads every hostile message: nothing of it that
// reaches the desk can act on a terminal, every attachment listed can be
// written out, and the text around the escapes is kept.
func TestHostileCorpusRead(t *testing.T) {
	// What the escape messages read as: the sequences gone, their
	// neighbours kept.
	want := map[string]struct {
		from, to, subject, id string
		files                 []string
	}{
		"esc-from.eml":             {from: `"Pusat Operasi Siber" <soc@bssn.go.id>, Tim Insiden <insiden@bssn.go.id>`},
		"esc-to-cc.eml":            {to: `"Walikota" <walikota@pekalongankota.go.id>, Sekda <sekda@pekalongankota.go.id>`},
		"esc-subject-raw.eml":      {subject: "Undangan Rapat Koordinasi merah"},
		"esc-subject-encoded.eml":  {subject: "Surat Edaran klikNomor Bagian akhir"},
		"esc-message-id.eml":       {id: "id@corpus.sanapati.test"},
		"esc-filename-plain.eml":   {files: []string{"laporantahunanfdp.exe.pdf", "klikdata.bin", "daftar"}},
		"esc-filename-rfc2047.eml": {files: []string{"Surat fdp.exe", "Nota .pdf", "ab.pdf"}},
		"esc-filename-rfc2231.eml": {files: []string{"Surat fdp.exe.pdf", "Notaakhir.pdf", "xy.bin"}},
		"c1-controls.eml":          {from: "Pengirim <c1@bssn.go.id>", subject: "Kendali C1"},
		"bidi-overrides.eml":       {subject: "Tagihan 0001 pR xy", files: []string{"fakturfdp.exe"}},
		"folded-headers.eml":       {subject: "Lipatan header 2J selesai", id: "folded@corpus.sanapati.test"},
		"big-attachment.eml":       {files: []string{"arsip.pdf"}},
	}
	for _, f := range corpusFiles(t, t.TempDir()) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw := readFile(t, f)
			m := Read(raw)
			checkSafe(t, m)
			checkProposal(t, Propose(m, demoZone), demoZone)
			for i, a := range m.Attachments[:min(len(m.Attachments), 5)] {
				var out bytes.Buffer
				err := WriteAttachment(&out, raw, a)
				if err == nil && int64(out.Len()) != a.Size {
					t.Errorf("attachment %d %q: listed %d bytes, wrote %d", i, a.Name, a.Size, out.Len())
				}
			}
			if filepath.Base(f) == "big-attachment.eml" && (len(m.Attachments) != 1 || m.Attachments[0].Size != bigAttachment) {
				t.Errorf("Attachments = %+v, want one of %d bytes", m.Attachments, bigAttachment)
			}
			w, ok := want[filepath.Base(f)]
			if !ok {
				return
			}
			for _, c := range [][3]string{{"From", m.From, w.from}, {"To", m.To, w.to}, {"Subject", m.Subject, w.subject}, {"MessageID", m.MessageID, w.id}} {
				if c[2] != "" && c[1] != c[2] {
					t.Errorf("%s = %q, want %q", c[0], c[1], c[2])
				}
			}
			if w.files != nil {
				var names []string
				for _, a := range m.Attachments {
					names = append(names, a.Name)
				}
				if strings.Join(names, "|") != strings.Join(w.files, "|") {
					t.Errorf("attachments = %q, want %q", names, w.files)
				}
			}
		})
	}
}
