package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// corpusIncoming is a letter of the corpus as the intake stores it.
func corpusIncoming(t *testing.T, name string, n int) store.Incoming {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(lettersDir, name+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	return mail.NewIncoming(raw, time.Now().Add(-time.Duration(n)*time.Minute), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(n)})
}

// TestLetterHeldAtIntake: every letter of the corpus whose attached letter
// says Rahasia or Sangat Rahasia is held at the door as one whose e-mail
// says so, and no other is: stored with its class pending, then read from
// the PDF (newDesk settles as the intake does).
func TestLetterHeldAtIntake(t *testing.T) {
	held := 0
	for i, c := range loadCorpus(t) {
		in := corpusIncoming(t, c.name, i+1)
		want := store.SecurityClass(c.truth.Class)
		if !in.ClassPending && in.Class != want && (want.Classified() || in.Class.Classified()) {
			t.Errorf("%s: class %q and none pending at intake, want %q", c.name, in.Class, want)
		}
		got := store.SecurityClass(newDesk(t, in).letter("1").Class)
		if want.Classified() {
			held++
			if got != want {
				t.Errorf("%s: intake class %q, want %q", c.name, got, want)
			}
		} else if got.Classified() {
			t.Errorf("%s: intake class %q, want it not held", c.name, got)
		}
	}
	if held < 3 {
		t.Fatalf("the corpus has %d R/SR letters, want at least 3", held)
	}
	d := newDesk(t, corpusIncoming(t, "08-bin-sangat-rahasia", 1))
	for _, args := range [][]string{{"route", "1", "--to", "Walikota"}, {"route", "1"}, {"show", "1", "--text", "1"}} {
		want := sentence(&store.Error{Code: store.ErrClassified, Subject: string(store.ClassTopSecret)})
		if code, _, errOut := d.run(args...); code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("%v on an SR letter: exit %d, %q; want it refused", args, code, errOut)
		}
	}
}

func TestLetterCommandLine(t *testing.T) {
	plain := store.Incoming{Raw: []byte("From: a@b.go.id\r\nSubject: Halo\r\n\r\nTerlampir.\r\n"), ReceivedAt: time.Now().Add(-time.Hour),
		Source: store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 99}}
	d := newDesk(t, corpusIncoming(t, "04-setda-undangan", 1), plain)
	d.must("route", "1")
	l := d.letter("1")
	var names []string
	for _, r := range l.Recipients {
		names = append(names, r.Name+"="+string(r.Channel))
	}
	want := "Kepala Dinas Kesehatan=caraka,Kepala Dinas Pendidikan=caraka,Camat Pekalongan Barat=caraka,Camat Pekalongan Timur=caraka,Camat Pekalongan Utara=caraka,Camat Pekalongan Selatan=caraka,Walikota=ajudan,Wakil Walikota=ajudan"
	if strings.Join(names, ",") != want {
		t.Fatalf("route without --to: %v, want %s", names, want)
	}
	d.must("copies", "1", "-o", t.TempDir())
	d.must("register", "1")
	l = d.letter("1")
	if l.LetterNumber != "005/1187" || l.LetterDate != "2026-11-24" || l.Origin != "Sekretariat Daerah Kota Pekalongan" ||
		l.Summary != "Undangan Rapat Evaluasi Penyelenggaraan Pemerintahan Daerah" || l.Class != "B" || l.Urgency != "Segera" || l.Attachments != "-" {
		t.Fatalf("register without flags: %+v", l)
	}
	if want := map[string]string{"letter_number": "pdf", "letter_date": "pdf", "origin": "pdf", "summary": "pdf", "class": "pdf", "urgency": "pdf", "attachments": "pdf"}; !maps.Equal(l.ProposedFrom, want) {
		t.Errorf("proposed_from %v, want every field from the pdf", l.ProposedFrom)
	}
	out := d.must("show", "1", "--text", "1")
	if !strings.Contains(out, "005/1187") || !strings.Contains(out, "halaman 1") || strings.Contains(out, "(OCR)") {
		t.Fatalf("show --text 1 = %q", out)
	}
	// The text was kept: the audit trail says so, once.
	db := d.store()
	events, err := db.Events(1)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, e := range events {
		if e.Action == store.ActionReadAttachment {
			reads++
		}
	}
	if reads != 1 {
		t.Fatalf("%d read_attachment events, want 1 (the text is kept)", reads)
	}
	code, _, errOut := d.run("route", "2")
	if code != 2 || !strings.Contains(errOut, "--to") {
		t.Fatalf("route without --to and no proposal: exit %d, %q", code, errOut)
	}
	if code, _, errOut := d.run("show", "2", "--text", "1"); code == 0 {
		t.Fatalf("show --text of a missing attachment: exit 0, %q", errOut)
	}
}

func TestLetterScanCommandLine(t *testing.T) {
	needOCR(t)
	raw, err := os.ReadFile(filepath.Join(lettersDir, "02-bssn-permohonan-data-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	eml := string(letterMail(corpus()[1], "scan.pdf", raw, 50))
	in := mail.NewIncoming([]byte(eml), time.Now().Add(-time.Hour), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
	d := newDesk(t, in)
	out := d.must("show", "1", "--text", "1")
	if !strings.Contains(out, "(OCR)") || !strings.Contains(out, "Permohonan Data") {
		t.Fatalf("show --text of a scan = %q", out)
	}
	d.must("route", "1")
	if l := d.letter("1"); len(l.Recipients) != 1 || l.Recipients[0].Name != "Kepala Dinas Komunikasi dan Informatika" {
		t.Fatalf("route of a scan: %+v", l.Recipients)
	}

	// A scan that says Rahasia passes the intake (no text layer to look
	// at) but is held as soon as it is read.
	secret, err := os.ReadFile(filepath.Join(lettersDir, "07-kesbangpol-rahasia-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	in = mail.NewIncoming(letterMail(corpus()[6], "scan.pdf", secret, 51), time.Now().Add(-time.Hour), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 2})
	d = newDesk(t, in)
	if code, _, errOut := d.run("route", "1"); code == 0 || !strings.Contains(errOut, "R") {
		t.Fatalf("route of a scan marked Rahasia: exit %d, %q; want it refused", code, errOut)
	}
}

func TestDirectoryCommandAliases(t *testing.T) {
	d := newDesk(t)
	var dir store.Directory
	if err := json.Unmarshal([]byte(d.must("directory", "--json")), &dir); err != nil {
		t.Fatal(err)
	}
	if r, ok := dir.Recipient("Wali Kota"); !ok || r.Name != "Walikota" || len(dir.Groups) == 0 || len(dir.Places) == 0 {
		t.Fatalf("directory --json: Recipient(Wali Kota) = %+v, %v; groups %d; places %d", r, ok, len(dir.Groups), len(dir.Places))
	}
	dir.Recipients[0].Aliases = append(dir.Recipients[0].Aliases, "Bapak Wali")
	b, _ := json.Marshal(&dir)
	file := filepath.Join(t.TempDir(), "dir.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	d.must("directory", "--set", file)
	var back store.Directory
	if err := json.Unmarshal([]byte(d.must("directory", "--json")), &back); err != nil {
		t.Fatal(err)
	}
	if r, ok := back.Recipient("Bapak Wali"); !ok || r.Name != "Walikota" {
		t.Fatalf("after directory --set: Recipient(Bapak Wali) = %+v, %v", r, ok)
	}
}

// TestLetterClassPendingCommandLine: a letter stored before its PDF's
// class is read (a fetch cut short) is held on the command line with its
// own sentence, says so in show, and its text is not printed.
func TestLetterClassPendingCommandLine(t *testing.T) {
	d := newDesk(t)
	in := corpusIncoming(t, "07-kesbangpol-rahasia", 1)
	if !in.ClassPending {
		t.Fatal("the letter whose class only its PDF declares is not left to read")
	}
	db := d.store()
	_, err := db.Add([]store.Incoming{in})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := sentence(&store.Error{Code: store.ErrClassPending})
	for _, args := range [][]string{{"route", "1", "--to", "Walikota"}, {"register", "1"}, {"show", "1", "--text", "1"}} {
		if code, _, errOut := d.run(args...); code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("%v while the class is read: exit %d, %q; want %q", args, code, errOut, want)
		}
	}
	if out := d.must("show", "1"); !strings.Contains(out, "masih dibaca dari PDF terlampir") {
		t.Errorf("show of a letter whose class is read does not say so:\n%s", out)
	}
	var l struct {
		ClassPending bool `json:"class_pending"`
	}
	if err := json.Unmarshal([]byte(d.must("show", "1", "--json")), &l); err != nil || !l.ClassPending {
		t.Errorf("show --json: class_pending = %v, %v; want true", l.ClassPending, err)
	}
}
