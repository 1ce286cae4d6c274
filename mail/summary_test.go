package mail

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	netmail "net/mail"
	"os"
	"path/filepath"
	"testing"

	message "github.com/emersion/go-message"
)

// TestCleanBase64Size checks the shortcut against the decoder it stands
// for: whenever it says a body decodes cleanly, copyDecoded decodes it
// without error to that many bytes, and it says so for the bodies real
// mail carries.
func TestCleanBase64Size(t *testing.T) {
	h := message.Header{}
	h.Set("Content-Transfer-Encoding", "base64")
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"", true},
		{"QUJD\r\n", true},
		{"QUI=\r\n", true},
		{"QQ==", true},
		{"QQ==\r\n \r\n", true},
		{" QU\tJD ", true},
		{"QUJ", false},
		{"QQ=", false},
		{"QQ==QUJD", false},
		{"Q===", false},
		{"QU*D", false},
		{"QUJD\v", false},
	} {
		if _, ok := cleanBase64Size([]byte(tc.body)); ok != tc.want {
			t.Errorf("cleanBase64Size(%q) ok = %v, want %v", tc.body, ok, tc.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const chars = "QUJDZa09+/=== \t\r\n\r\n*-\v."
	clean := 0
	for i := 0; i < 200_000; i++ {
		b := make([]byte, rng.IntN(14))
		for j := range b {
			b[j] = chars[rng.IntN(len(chars))]
		}
		size, ok := cleanBase64Size(b)
		if !ok {
			continue
		}
		clean++
		var out bytes.Buffer
		if err := copyDecoded(&out, h, b); err != nil || int64(out.Len()) != size {
			t.Fatalf("cleanBase64Size(%q) = %d, true; copyDecoded gives %d bytes, %v", b, size, out.Len(), err)
		}
	}
	if clean < 1000 {
		t.Fatalf("only %d clean bodies drawn: the test checks too little", clean)
	}
}

// TestParseDateFast checks the shortcut gives what net/mail.ParseDate
// gives, zone and all, whenever it answers.
func TestParseDateFast(t *testing.T) {
	for _, v := range []string{
		"Mon, 23 Nov 2026 08:14:00 +0700",
		"Mon, 2 Nov 2026 08:14:00 -0000",
		"23 Nov 2026 08:14:00 +0000",
		"Tue, 1 Dec 2026 23:59:59 +1400",
		"Fri, 30 Feb 2026 08:14:00 +0700",
		"Mon, 23 Nov 26 08:14:00 +0700",
		"Mon, 23 Nov 2026 08:14 +0700",
		"Xyz, 23 Nov 2026 08:14:00 +0700",
		"mon, 23 nov 2026 08:14:00 +0700",
		"Mon, 23 Nov 2026 08:14:00 +0700 (WIB)",
		"Mon, 23 Nov 2026 08:14:00 GMT",
		"2026-11-23 08:14:00 +0700",
		"Mon,  23 Nov 2026 08:14:00 +0700",
		"Mon, 23 Nov 2026 24:14:00 +0700",
		"Mon, 23 Nov 2026 08:14:00 +9959",
	} {
		got, ok := parseDateFast(v)
		want, err := netmail.ParseDate(v)
		if !ok {
			continue
		}
		if err != nil || !got.Equal(want) || got.Location().String() != want.Location().String() || got.String() != want.String() {
			t.Errorf("parseDateFast(%q) = %v; net/mail.ParseDate = %v, %v", v, got, want, err)
		}
	}
	if _, ok := parseDateFast("Mon, 23 Nov 2026 08:14:00 +0700"); !ok {
		t.Errorf("parseDateFast misses the common form")
	}
}

// TestHeaderShortcuts checks simpleMailbox and sanitizeLine against the
// general reading on plain and not so plain values, listed and drawn at
// random: where a shortcut answers, it answers the same.
func TestHeaderShortcuts(t *testing.T) {
	values := []string{
		"Tata Usaha Kemendagri <tu@kemendagri.go.id>",
		"tu@kemendagri.go.id",
		"BSSN <persuratan@bssn.go.id>",
		"a <b@c>",
		"a+b_c-d <x.y@z>",
		"A  B <a@b.c>",
		"A <a@b..c>",
		"A <.a@b.c>",
		"A <a@b.c.>",
		"<a@b.c>",
		"A <a@b.c>, B <d@e.f>",
		"\"Quoted\" <a@b.c>",
		"Dr. Who <who@tardis.uk>",
		"=?utf-8?q?x?= <a@b.c>",
		"a@b@c",
		"a@",
		"@b",
		" A <a@b>",
		"A <a@b> ",
		"A<a@b>",
		"A <a@-b>",
		"A <a@b_c>",
		"A <a@[1.2.3.4]>",
		"Undangan Rapat Koordinasi Persandian nomor 1",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const chars = "aZ09-_+.@<> =?\"(),\t"
	for i := 0; i < 100_000; i++ {
		b := make([]byte, 1+rng.IntN(16))
		for j := range b {
			b[j] = chars[rng.IntN(len(chars))]
		}
		values = append(values, string(b))
		values = append(values, draw(rng, "aZ0 -_+.=\"(", 8)+" <"+draw(rng, "a0.-_+@", 10)+">", draw(rng, "aZ0.-_+@[]", 10))
	}
	answered := 0
	for _, v := range values {
		if got, want := sanitizeLine(v), SanitizeLine(v); got != want {
			t.Fatalf("sanitizeLine(%q) = %q, SanitizeLine gives %q", v, got, want)
		}
		n, a, ok := simpleMailbox(v)
		if !ok {
			continue
		}
		answered++
		all := a
		if n != "" {
			all = n + " <" + a + ">"
		}
		wa, wn, wad := parseAddresses(v, "")
		if all != wa || n != wn || a != wad {
			t.Fatalf("simpleMailbox(%q) = %q, %q, %q; parseAddresses gives %q, %q, %q", v, all, n, a, wa, wn, wad)
		}
	}
	if answered < 2000 {
		t.Fatalf("simpleMailbox answered only %d values: the test checks too little", answered)
	}
	if _, _, ok := simpleMailbox(values[0]); !ok {
		t.Errorf("simpleMailbox declines the common form")
	}
}

func draw(rng *rand.Rand, chars string, n int) string {
	b := make([]byte, 1+rng.IntN(n))
	for j := range b {
		b[j] = chars[rng.IntN(len(chars))]
	}
	return string(b)
}

// TestSkimReadsTheSameText: the intake's skim (attachments measured, not
// decoded) gives the same text and the same list of attachments as Read,
// for every message of the hostile corpus and of ../shared/realmail.
func TestSkimReadsTheSameText(t *testing.T) {
	files := hostileAndRealFiles(t)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue // a folder
		}
		want, got := Read(raw), skim(raw)
		if got.Text != want.Text {
			t.Errorf("%s: the skimmed text differs from Read's", f)
		}
		if len(got.Attachments) != len(want.Attachments) {
			t.Errorf("%s: skim lists %d attachments, Read %d", f, len(got.Attachments), len(want.Attachments))
			continue
		}
		for i := range got.Attachments {
			if got.Attachments[i].Name != want.Attachments[i].Name {
				t.Errorf("%s: attachment %d is %q skimmed, %q read", f, i, got.Attachments[i].Name, want.Attachments[i].Name)
			}
		}
	}
}

// The quick look of the intake never changes the class a message
// declares: for the messages of the test corpus, the real-world corpus and
// the attached letters, DeclaredClass gives what the full look gives.
func TestQuickLookKeepsTheClass(t *testing.T) {
	letters, _ := filepath.Glob(filepath.Join("..", "testdata", "letters", "*.eml"))
	files := append(hostileAndRealFiles(t), letters...)
	classified := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue // a folder
		}
		full, err := readClass(context.Background(), raw, &Message{mayHideClass: true})
		if err != nil {
			t.Fatalf("%s: the full look: %v", f, err)
		}
		if full.Classified() {
			classified++
		}
		if got := DeclaredClass(raw); got != full && (got.Classified() || full.Classified()) {
			t.Errorf("%s: DeclaredClass() = %q, the full look %q", f, got, full)
		}
	}
	if classified < 3 {
		t.Errorf("only %d messages declare a class to hold: the comparison proves little", classified)
	}
}

// hostileAndRealFiles are the messages of the hostile corpus and of the
// real-world corpus (../shared/realmail, or EnvRealmail); the test skips
// (fails under SANAPATI_STRICT=1) when the latter is missing.
func hostileAndRealFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "messages", "*.eml"))
	dir := os.Getenv(EnvRealmail)
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "realmail", "corpus")
	}
	real, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(real) < 400 {
		SkipOrFail(t, fmt.Sprintf("the real-mail corpus is not at %s (set %s)", dir, EnvRealmail))
	}
	return append(files, real...)
}
