package tui

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"charm.land/lipgloss/v2"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// The hostile corpus of ../mail/testdata/messages, and one message made
// here that is too big to commit, printed to paper and shown on the
// screen: no escape sequence in it may act on the terminal.

// hostileCorpus returns the corpus's paths: the committed messages and the
// generated one with a 25 MB attachment, written into dir.
func hostileCorpus(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "mail", "testdata", "messages", "*.eml"))
	if err != nil || len(files) < 32 {
		t.Fatalf("../mail/testdata/messages holds %d messages (%v), want at least 32", len(files), err)
	}
	return append(files, writeBigMessage(t, dir))
}

// writeBigMessage writes a message whose PDF attachment is 25 MB of random
// bytes, under a name that carries a window title and a clipboard write,
// and returns its path (the same message as mail's hostile test makes).
func writeBigMessage(t *testing.T, dir string) string {
	t.Helper()
	data := make([]byte, 25<<20)
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

// canaries are the payloads the corpus hides inside escape sequences (a
// window title, a clipboard write in base64): seen anywhere, a sequence was
// cut in half and shown.
var canaries = []string{"DIRETAS", "ZGlyZXRhcw"}

// controlIn returns the first character of s that a terminal or a viewer
// would act on rather than show (C0 and C1 controls but line ends, tabs and
// form feeds; bidi formatting), or "".
func controlIn(s string) string {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\f':
		case r < 0x20, r >= 0x7f && r <= 0x9f,
			unicode.Is(unicode.Bidi_Control, r), r == 0x2028, r == 0x2029:
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// reportFigures logs a campaign's figures and appends them to the file
// $SANAPATI_FIGURES names, which CI prints: go test shows nothing a passing
// package logs.
func reportFigures(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	if path := os.Getenv("SANAPATI_FIGURES"); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatalf("figures: %v", err)
		}
		defer f.Close()
		fmt.Fprintf(f, "%s: %s\n", t.Name(), line)
	}
}

// needProgram skips the test when a program is missing, and fails it when
// SANAPATI_STRICT=1, as CI sets it.
func needProgram(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatalf("%s is not installed (%s), and SANAPATI_STRICT=1 makes that a failure", name, pkg)
		}
		t.Skipf("%s is not installed (%s); set SANAPATI_STRICT=1 to fail instead", name, pkg)
	}
}

// pdfToText reads a saved PDF back with pdftotext.
func pdfToText(t *testing.T, path string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext %s: %v: %s", filepath.Base(path), err, stderr.String())
	}
	return string(out)
}

// TestHostileCorpusPrinted takes every hostile message through the store's
// steps 2 to 5 and prints its paper as the desk does: one copy per
// recipient and the control card, saved by a save-only spooler. Every PDF
// is made without error, and pdftotext reads it back with no control
// character or hidden payload in it.
func TestHostileCorpusPrinted(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	tmp := t.TempDir()
	files := hostileCorpus(t, tmp)
	db, err := store.Open(filepath.Join(tmp, "desk.db"), store.Options{
		Now: func() time.Time { return testNow }, Operator: "operator", NoSync: true,
	})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	defer db.Close()
	res, err := mail.Import(db, files...)
	if err != nil || res.New != len(files) {
		t.Fatalf("Import() = %+v, %v; want %d new letters", res, err, len(files))
	}
	settleClasses(t, db)
	spool := filepath.Join(tmp, "kertas")
	pw := &paperwork.Clerk{
		Spooler:          &print.Spooler{Dir: spool},
		Options:          print.Options{Deterministic: true, Lang: "id", Calendar: db.Calendar(), Now: db.Now},
		AgendaFormat:     store.DefaultAgendaFormat,
		PrintAttachments: true,
	}
	recipients := []store.Recipient{{Name: "Sekretaris Daerah"}, {Name: "Camat Pekalongan Utara"}}
	ctx := context.Background()
	start := time.Now()
	var pdfs, failed atomic.Int32
	t.Run("letters", func(t *testing.T) {
		for i, id := range res.Added {
			t.Run(filepath.Base(files[i]), func(t *testing.T) {
				t.Parallel()
				defer func() {
					if t.Failed() {
						failed.Add(1)
					}
				}()
				pdfs.Add(int32(printLetter(t, ctx, db, pw, id, recipients)))
			})
		}
	})
	reportFigures(t, "hostile mail, paper: %d messages, %d PDFs (a copy per recipient and the card) read back in %v, %d letters failed",
		len(files), pdfs.Load(), time.Since(start).Round(time.Millisecond), failed.Load())
}

// printLetter takes letter id through steps 2 to 5 with its paper, reads
// every PDF back, and returns how many it read.
func printLetter(t *testing.T, ctx context.Context, db *store.DB, pw *paperwork.Clerk, id uint64, recipients []store.Recipient) int {
	t.Helper()
	raw, err := db.Raw(id)
	if err != nil {
		t.Fatalf("Raw() = %v", err)
	}
	prop := mail.Propose(mail.Read(raw), db.Calendar().Location())
	l, err := db.Route(id, recipients)
	if err != nil {
		t.Fatalf("Route() = %v", err)
	}
	copies, err := pw.Copies(ctx, l, raw)
	if err != nil || len(copies) != len(recipients) {
		t.Fatalf("Copies() = %q, %v; want one copy per recipient", copies, err)
	}
	if _, err := db.RecordCopiesPrinted(id); err != nil {
		t.Fatalf("PrintCopies() = %v", err)
	}
	l, err = db.Register(id, store.Registration{
		LetterNumber: prop.LetterNumber, LetterDate: prop.LetterDate, Origin: prop.Sender,
		Summary: prop.Subject, Attachments: prop.Attachments, Class: store.ClassOrdinary, Urgency: prop.Urgency,
	})
	if err != nil {
		t.Fatalf("Register() = %v", err)
	}
	dir, err := db.Directory()
	if err != nil {
		t.Fatalf("Directory() = %v", err)
	}
	card, err := pw.Card(ctx, l, dir)
	if err != nil {
		t.Fatalf("Card() = %v", err)
	}
	if _, err := db.RecordCardPrinted(id); err != nil {
		t.Fatalf("PrintCard() = %v", err)
	}
	agenda := l.Agenda.Format(store.DefaultAgendaFormat)
	for j, p := range append(copies, card) {
		text := pdfToText(t, p)
		want := agenda
		if j < len(recipients) {
			want = recipients[j].Name
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s does not read %q:\n%.600s", filepath.Base(p), want, text)
		}
		if c := controlIn(text); c != "" {
			t.Errorf("%s holds the control character %s", filepath.Base(p), c)
		}
		for _, c := range canaries {
			if strings.Contains(text, c) {
				t.Errorf("%s shows %q, the payload of an escape sequence", filepath.Base(p), c)
			}
		}
	}
	return len(copies) + 1
}

var reLetterTab = regexp.MustCompile(`› Naskah #(\d+)`)

// paneState is what a terminal keeps that an escape sequence could change:
// the title, and the modes tmux tracks.
func (d *tmuxDesk) paneState() string {
	return strings.TrimSpace(d.tmux("display", "-p", "-t", "desk",
		"title=#{pane_title} alt=#{alternate_on} cursor=#{cursor_flag} insert=#{insert_flag} keypad=#{keypad_flag}"+
			" keypad_cursor=#{keypad_cursor_flag} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}"+
			"#{mouse_all_flag}#{mouse_sgr_flag}#{mouse_utf8_flag} origin=#{origin_flag} wrap=#{wrap_flag} mode=#{pane_in_mode}"))
}

// waitUntil polls the screen until ok holds, and returns that screen.
func (d *tmuxDesk) waitUntil(what string, ok func(screen string) bool) string {
	d.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := d.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			errs, _ := os.ReadFile(filepath.Join(d.tmp, "stderr"))
			d.t.Fatalf("the screen never showed %s:\n%s\nstderr: %s", what, s, errs)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// checkIntact reports whether the screen is intact, and fails the test when
// it shows signs of an escape sequence having acted on the terminal: a
// payload shown, the frame broken (the tab bar, the help line, or the
// letter's step panel out of its column), the title or a mode changed, or
// a clipboard write in tmux's buffers.
func (d *tmuxDesk) checkIntact(what, screen, state string, panel int) bool {
	t := d.t
	t.Helper()
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf(what+": "+format, args...)
		ok = false
	}
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) != 30 {
		fail("the screen has %d lines, want 30:\n%s", len(lines), screen)
		return false
	}
	if !strings.HasPrefix(lines[0], " Hari ini  Masuk") || !strings.HasSuffix(strings.TrimRight(lines[0], " "), "WIB") {
		fail("the tab bar is gone:\n%s", screen)
	}
	if !strings.Contains(lines[29], "? bantuan") {
		fail("the help line is gone:\n%s", screen)
	}
	if panel > 0 {
		for i := 1; i < 27; i++ {
			col := strings.Index(lines[i], "│")
			if col < 0 || lipgloss.Width(lines[i][:col]) != panel {
				fail("line %d lost the step panel's edge at column %d:\n%s", i+1, panel, screen)
				break
			}
		}
	}
	for _, c := range canaries {
		if strings.Contains(screen, c) {
			fail("the screen shows %q, the payload of an escape sequence:\n%s", c, screen)
		}
	}
	if c := controlIn(screen); c != "" {
		fail("the screen holds %s", c)
	}
	if got := d.paneState(); got != state {
		fail("the pane changed: %s, was %s", got, state)
	}
	if bufs := strings.TrimSpace(d.tmux("list-buffers")); bufs != "" {
		fail("a clipboard write reached tmux: %s", bufs)
	}
	return ok
}

// TestEndToEndHostileCorpus imports the hostile corpus with the command
// line (where list and show print no control character and show --raw
// gives each message back byte for byte), runs the desk on that store in
// tmux with no mailbox, and opens every letter in turn from the Inbox:
// after each, the pane's title and modes are the desk's, tmux's clipboard
// buffers are empty, and the frame is whole.
func TestEndToEndHostileCorpus(t *testing.T) {
	d := buildDesk(t)
	files := hostileCorpus(t, d.tmp)
	db := filepath.Join(d.tmp, "desk.db")
	conf := filepath.Join(d.tmp, "config.toml")
	if err := os.WriteFile(conf, []byte("operator = \"penguji\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	desk := func(args ...string) []byte {
		t.Helper()
		cmd := d.command(append([]string{"--db", db, "--config", conf}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("sanapati-desk %s: %v: %s", args[0], err, stderr.Bytes())
		}
		return out
	}
	var imported struct{ New int }
	if err := json.Unmarshal(desk(append([]string{"import", "--json"}, files...)...), &imported); err != nil || imported.New != len(files) {
		t.Fatalf("import --json: %+v, %v; want %d new letters", imported, err, len(files))
	}
	// The command line shows the same letters: their records safely, their
	// messages byte for byte. A fresh store numbers them in file order.
	if c := controlIn(string(desk("list"))); c != "" {
		t.Errorf("list prints %s", c)
	}
	for i, f := range files {
		id := strconv.Itoa(i + 1)
		want, _ := os.ReadFile(f)
		if raw := desk("show", id, "--raw"); !bytes.Equal(raw, want) {
			t.Errorf("show %s --raw printed %d bytes that differ from %s", id, len(raw), filepath.Base(f))
		}
		if c := controlIn(string(desk("show", id))); c != "" {
			t.Errorf("show %s prints %s (%s)", id, c, filepath.Base(f))
		}
	}
	start := time.Now()
	d.start("Hari ini", "--db", db, "--config", conf)
	state := d.paneState()
	if !strings.HasPrefix(state, "title=Sanapati Desk ") {
		t.Fatalf("pane state %q: the desk did not set its title", state)
	}
	count := fmt.Sprintf(" dari %d", len(files)) // the Inbox's "1-46 dari 46", a page of up to 50
	d.press("Tab", count)
	d.checkIntact("Inbox", d.screen(), state, 0)

	seen := map[int]bool{}
	broken := 0 // letters after which the terminal was not intact
	for i := range files {
		d.tmux("send-keys", "-t", "desk", "Enter")
		s := d.waitUntil("a letter", func(s string) bool {
			return reLetterTab.MatchString(s) && strings.Contains(s, "esc kembali") && !strings.Contains(s, "Memuat…")
		})
		id, _ := strconv.Atoi(reLetterTab.FindStringSubmatch(s)[1])
		what := fmt.Sprintf("letter %d (#%d)", i+1, id)
		if seen[id] {
			t.Fatalf("%s opened twice: j did not move down the Inbox", what)
		}
		seen[id] = true
		ok := d.checkIntact(what, s, state, 68)
		if lines := strings.Split(s, "\n"); !strings.HasPrefix(lines[1], fmt.Sprintf("#%d · ", id)) {
			t.Errorf("%s: the heading is gone:\n%s", what, s)
			ok = false
		}
		d.tmux("send-keys", "-t", "desk", "Escape")
		s = d.waitUntil("the Inbox", func(s string) bool { return strings.Contains(s, count) && !reLetterTab.MatchString(s) })
		if !d.checkIntact(what+", back in the Inbox", s, state, 0) || !ok {
			broken++
		}
		d.tmux("send-keys", "-t", "desk", "j")
	}
	if len(seen) != len(files) {
		t.Errorf("opened %d letters, want %d", len(seen), len(files))
	}
	reportFigures(t, "hostile mail, screen: %d letters opened in tmux in %v, %d left the title, a mode, the clipboard or the frame changed",
		len(seen), time.Since(start).Round(time.Millisecond), broken)

	// The checks can fail: a raw title and clipboard write from a pane do
	// land in tmux.
	d.tmux("new-window", "-d", "-t", "desk", `printf '\033]2;probe-title\a\033]52;c;cHJvYmU=\a'; sleep 3`)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(d.tmux("list-buffers"), "probe") ||
		strings.TrimSpace(d.tmux("display", "-p", "-t", "desk:1", "#{pane_title}")) != "probe-title" {
		if time.Now().After(deadline) {
			t.Fatalf("a title and an OSC 52 written on purpose did not reach tmux: the checks above prove nothing")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
