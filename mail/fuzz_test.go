package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sanapati-desk/store"
)

// The fuzz targets of the intake: FuzzRead (read_test.go) and FuzzSanitize
// (sanitize_test.go), FuzzImport and FuzzPropose here. Their seeds are
// testdata/fuzz/<target>/ and the messages of testdata/messages; .ci/fuzz
// runs each for a bounded time.

// seedLimit bounds the messages taken as seeds: the corpus's enormous ones
// (a 200 KB header, thousands of parts) are read by the hostile tests, and
// as seeds they would only slow the fuzzer down.
const seedLimit = 16 << 10

// corpusSeeds returns the hostile and demo messages up to seedLimit bytes,
// the fuzzers' seeds.
func corpusSeeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, pattern := range []string{"testdata/messages/*.eml", "demo/*.eml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) <= seedLimit {
				out = append(out, b)
			}
		}
	}
	if len(out) < 30 {
		f.Fatalf("%d seed messages in testdata/messages and demo, want at least 30", len(out))
	}
	return out
}

// mboxFrom is the separator line the fuzzer's mbox files carry.
const mboxFrom = "From fuzz@sanapati.test Mon Nov 23 08:14:00 2026"

// writeMbox writes msgs as an mboxrd file, as a webmail export does: each
// message after a "From " line and before an empty line, its lines that
// start with "From " or ">From " escaped with one more '>'. nl is the line
// end of the separators and empty lines.
func writeMbox(msgs [][]byte, nl string) []byte {
	var b bytes.Buffer
	for _, m := range msgs {
		b.WriteString(mboxFrom + nl)
		for len(m) > 0 {
			line := m
			if i := bytes.IndexByte(m, '\n'); i >= 0 {
				line = m[:i+1]
			}
			m = m[len(line):]
			if bytes.HasPrefix(line, []byte("From ")) || isEscapedFrom(line) {
				b.WriteByte('>')
			}
			b.Write(line)
		}
		b.WriteString(nl)
	}
	return b.Bytes()
}

// sameContent is the store's notion of one message: the same bytes, CRLF
// and LF alike.
func sameContent(a, b []byte) bool {
	return bytes.Equal(bytes.ReplaceAll(a, []byte("\r\n"), []byte("\n")), bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")))
}

// FuzzImport imports fuzzed files into a real store. The file as given
// (an .eml, or an mbox when it starts with "From ") must import without a
// panic, an .eml byte for byte. Three fuzzed messages written as an mboxrd
// file must come back exactly: one letter per distinct non-empty message,
// each stored byte for byte.
func FuzzImport(f *testing.F) {
	seeds := corpusSeeds(f)
	for i := range seeds {
		f.Add(seeds[i], seeds[(i+1)%len(seeds)], []byte("From nobody\n>From the desk\n"), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, first, second, third []byte, crlf bool) {
		dir := t.TempDir()

		// The file as given.
		asGiven := filepath.Join(dir, "as-given")
		if err := os.WriteFile(asGiven, first, 0o600); err != nil {
			t.Fatal(err)
		}
		db := openFuzzStore(t, filepath.Join(dir, "given.db"))
		res, err := Import(db, asGiven)
		isMbox := bytes.HasPrefix(first, []byte("From "))
		switch {
		case !isMbox && len(bytes.TrimSpace(first)) == 0:
			if err == nil || res.New != 0 {
				t.Fatalf("Import() of an empty file = %+v, %v; want an error", res, err)
			}
		case err != nil:
			t.Fatalf("Import() = %v", err)
		case !isMbox:
			if res.New != 1 {
				t.Fatalf("Import() of an .eml = %+v, want one letter", res)
			}
			if raw, err := db.Raw(res.Added[0]); err != nil || !bytes.Equal(raw, first) {
				t.Fatalf("Raw() = %q, %v; want the file's %q", raw, err, first)
			}
		default:
			if res.New+res.Duplicates != res.Messages {
				t.Fatalf("Import() = %+v: new and duplicates do not add up to the messages", res)
			}
			for _, id := range res.Added {
				if raw, err := db.Raw(id); err != nil || len(bytes.TrimSpace(raw)) == 0 {
					t.Fatalf("Raw(%d) = %q, %v; want a message", id, raw, err)
				}
			}
		}
		if n := storedCount(t, db); n != res.New {
			t.Fatalf("stored %d letters, Import() said %d", n, res.New)
		}

		// The three messages as an mbox. A message ends with a line end
		// (an mbox cannot tell the last one from the empty line after it);
		// an empty one is no message.
		var msgs, want [][]byte
		for _, m := range [][]byte{first, second, third} {
			if !bytes.HasSuffix(m, []byte("\n")) {
				m = append(m[:len(m):len(m)], '\n')
			}
			msgs = append(msgs, m)
			if len(bytes.TrimSpace(m)) == 0 {
				continue
			}
			dup := false
			for _, w := range want {
				dup = dup || sameContent(w, m)
			}
			if !dup {
				want = append(want, m)
			}
		}
		nl := "\n"
		if crlf {
			nl = "\r\n"
		}
		mbox := filepath.Join(dir, "export.mbox")
		if err := os.WriteFile(mbox, writeMbox(msgs, nl), 0o600); err != nil {
			t.Fatal(err)
		}
		db = openFuzzStore(t, filepath.Join(dir, "mbox.db"))
		res, err = Import(db, mbox)
		if err != nil {
			t.Fatalf("Import() of an mbox = %v", err)
		}
		if res.New != len(want) {
			t.Fatalf("Import() of %d messages (%d distinct) = %+v", len(msgs), len(want), res)
		}
		for i, id := range res.Added {
			raw, err := db.Raw(id)
			if err != nil {
				t.Fatalf("Raw(%d) = %v", id, err)
			}
			if !bytes.Equal(raw, want[i]) {
				t.Fatalf("message %d stored as\n%q\nwant\n%q", i+1, raw, want[i])
			}
		}
		if n := storedCount(t, db); n != len(want) {
			t.Fatalf("stored %d letters, want %d", n, len(want))
		}
	})
}

// openFuzzStore opens a store at path, closed when the test ends.
func openFuzzStore(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkProposal fails when a proposed field could act on a terminal or
// spans lines, or the proposal is not one the store accepts.
func checkProposal(t testing.TB, p Proposal, loc *time.Location) {
	t.Helper()
	for k, v := range map[string]string{"Sender": p.Sender, "LetterNumber": p.LetterNumber, "Subject": p.Subject,
		"Attachments": p.Attachments, "SifatText": p.SifatText} {
		if why := terminalUnsafe(v); why != "" {
			t.Errorf("Proposal.%s = %q: %s", k, v, why)
		}
		if v != SanitizeLine(v) {
			t.Errorf("Proposal.%s = %q is not one clean line", k, v)
		}
	}
	if d := p.LetterDate; !d.IsZero() && (d.Location() != loc || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0) {
		t.Errorf("Proposal.LetterDate = %v, want midnight in %v", d, loc)
	}
	if p.Class != "" {
		if _, err := store.ParseClass(string(p.Class)); err != nil {
			t.Errorf("Proposal.Class = %q: %v", p.Class, err)
		}
	}
	if p.Urgency != "" {
		if _, err := store.ParseUrgency(string(p.Urgency)); err != nil {
			t.Errorf("Proposal.Urgency = %q: %v", p.Urgency, err)
		}
	}
}

// FuzzPropose reads fuzzed messages and proposes their registration
// fields: never a panic, every field one sanitised line, and the same
// proposal each time.
func FuzzPropose(f *testing.F) {
	for _, s := range corpusSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Read(raw)
		p := Propose(m, demoZone)
		checkProposal(t, p, demoZone)
		if again := Propose(m, demoZone); again != p {
			t.Fatalf("Propose() = %+v, then %+v", p, again)
		}
		// The text alone, as a body without headers gives it.
		m = &Message{Text: Sanitize(string(raw)), Subject: SanitizeLine(string(raw))}
		checkProposal(t, Propose(m, time.UTC), time.UTC)
	})
}
