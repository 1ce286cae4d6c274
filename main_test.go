package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// desk is a store file and settings for command-line tests.
type desk struct {
	t    *testing.T
	db   string
	conf string
}

func newDesk(t *testing.T, messages ...store.Incoming) *desk {
	t.Helper()
	dir := t.TempDir()
	d := &desk{t: t, db: filepath.Join(dir, "desk.db"), conf: filepath.Join(dir, "config.toml")}
	if err := os.WriteFile(d.conf, []byte("operator = \"Operator Uji\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	defer db.Close()
	if _, err := db.Add(messages); err != nil {
		t.Fatalf("Add() = %v", err)
	}
	// The intake's second half: the classes attached PDFs declare.
	if _, err := mail.SettleClasses(context.Background(), db); err != nil {
		t.Fatalf("SettleClasses() = %v", err)
	}
	return d
}

// run runs the command line and returns its exit status, stdout and stderr.
func (d *desk) run(args ...string) (int, string, string) {
	d.t.Helper()
	var out, errOut bytes.Buffer
	all := append([]string{"--db", d.db, "--config", d.conf}, args...)
	code := run(all, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// must runs the command line and fails the test unless it exits 0.
func (d *desk) must(args ...string) string {
	d.t.Helper()
	code, out, errOut := d.run(args...)
	if code != 0 {
		d.t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
	}
	return out
}

func (d *desk) store() *store.DB {
	d.t.Helper()
	db, err := store.Open(d.db, store.Options{})
	if err != nil {
		d.t.Fatalf("store.Open() = %v", err)
	}
	return db
}

func sample(n int) store.Incoming {
	raw := "From: Tata Usaha <tu@kemendagri.go.id>\r\nSubject: Undangan Rapat\r\n\r\nNomor : 005/4512/SJ\r\n"
	return store.Incoming{
		Raw:        []byte(raw + strings.Repeat("x", n)),
		ReceivedAt: time.Now().Add(-time.Duration(n) * time.Minute),
		Source:     store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(n)},
		From:       "Tata Usaha <tu@kemendagri.go.id>",
		Subject:    "Undangan Rapat",
		MessageID:  "<1@kemendagri.go.id>",
	}
}

func TestCommandLineSteps(t *testing.T) {
	d := newDesk(t, sample(1), sample(2))
	d.must("route", "1", "--to", "Walikota, Kepala Dinas Kesehatan=fax")

	code, _, errOut := d.run("register", "1")
	if code != 1 || !strings.Contains(errOut, "Kerjakan langkah berikutnya: cetak salinan") {
		t.Fatalf("register before copies: exit %d, stderr %q", code, errOut)
	}
	paper := t.TempDir()
	out := d.must("copies", "1", "-o", paper)
	if n := strings.Count(out, ".pdf"); n != 2 {
		t.Fatalf("copies printed %q, want two files", out)
	}
	for _, name := range []string{"surat-1-salinan-walikota.pdf", "surat-1-salinan-kepala-dinas-kesehatan.pdf"} {
		if fi, err := os.Stat(filepath.Join(paper, name)); err != nil || fi.Size() == 0 {
			t.Fatalf("copy %s: %v", name, err)
		}
	}

	out = d.must("register", "1", "--date", "2026-11-20", "--urgency", "segera")
	if !strings.Contains(out, "0001/") {
		t.Fatalf("register printed %q, want the agenda number", out)
	}
	card := filepath.Join(paper, "kartu.pdf")
	if out := d.must("card", "1", "-o", card); strings.TrimSpace(out) != card {
		t.Fatalf("card printed %q, want %s", out, card)
	}
	if fi, err := os.Stat(card); err != nil || fi.Size() < 1000 {
		t.Fatalf("card PDF: %v", err)
	}
	// A second card is a reprint: the letter stays with the examiner.
	d.must("card", "1", "-o", filepath.Join(paper, "kartu-2.pdf"))
	if out := d.must("show", "1"); !strings.Contains(out, "Ke pemeriksa") {
		t.Fatalf("after a reprint the letter shows %q, want it still with the examiner", out)
	}
	for range 3 {
		d.must("initial", "1")
	}
	d.must("assign", "1", "--courier", "Pak Darto")
	d.must("deliver", "1", "--to", "walikota", "--received-by", "Ajudan Budi")
	// A receipt recorded after the fact, in the desk's time zone.
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Minute).In(jakarta).Format(store.TimeLayout)
	d.must("deliver", "1", "--to", "Kepala Dinas Kesehatan", "--via", "caraka", "--received-by", "Bu Sri", "--at", later)
	d.must("archive", "1", "--location", "Lemari 2")

	var l letterJSON
	if err := json.Unmarshal([]byte(d.must("show", "1", "--json")), &l); err != nil {
		t.Fatalf("show --json: %v", err)
	}
	if l.Stage != store.StageArchived || l.LetterNumber != "005/4512/SJ" || l.Urgency != "Segera" ||
		l.Courier != "Pak Darto" || len(l.Recipients) != 2 || l.Recipients[1].ReceivedBy != "Bu Sri" {
		t.Fatalf("show --json = %+v", l)
	}
	if !strings.Contains(d.must("directory"), "Pak Darto") {
		t.Fatalf("the new courier is not in the directory")
	}
	if out := d.must("verify"); !strings.Contains(out, "2 naskah") {
		t.Fatalf("verify printed %q", out)
	}
}

func TestCommandLineErrors(t *testing.T) {
	d := newDesk(t, sample(1))
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"route", "1", "--to", "Presiden"}, 1, `"Presiden" tidak ada di daftar penerima`},
		{[]string{"--lang", "en", "route", "1", "--to", "Presiden"}, 1, `"Presiden" is not in the recipients list`},
		{[]string{"archive", "1", "--location", "Lemari"}, 1, "Kerjakan langkah berikutnya: pilih penerima"},
		{[]string{"show", "9"}, 1, "Naskah 9 tidak ada"},
		{[]string{"copies", "1", "-o", os.TempDir()}, 1, "Kerjakan langkah berikutnya: pilih penerima"},
		{[]string{"card", "1", "-o", filepath.Join(os.TempDir(), "x.pdf")}, 1, "Kerjakan langkah berikutnya: pilih penerima"},
		{[]string{"undo", "1"}, 1, "Tuliskan alasannya"},
		{[]string{"show", "abc"}, 2, `"abc" bukan nomor naskah`},
		{[]string{"--lang", "en", "show", "abc"}, 2, `"abc" is not a letter ID`},
		{[]string{"list", "--stage", "lost"}, 2, `tahap "lost" tidak dikenal`},
		{[]string{"frobnicate"}, 2, `perintah "frobnicate" tidak dikenal`},
		{[]string{"--lang", "en", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"register", "1", "--class", "X"}, 2, `sifat "X" tidak dikenal`},
		{[]string{"--lang", "en", "register", "1", "--class", "X"}, 2, `unknown security class "X"`},
		{[]string{"list", "--bogus"}, 2, "pilihan -bogus tidak dikenal"},
		{[]string{"list", "lebih"}, 2, `argumen "lebih" tidak dikenal`},
		{[]string{"calendar", "2027"}, 2, `argumen "2027" tidak dikenal`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := d.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	var l letterJSON
	json.Unmarshal([]byte(d.must("show", "1", "--json")), &l)
	if l.Stage != store.StageReceived || len(l.Recipients) != 0 {
		t.Fatalf("a refused command changed the letter: %+v", l)
	}
}

func TestListJSONKeys(t *testing.T) {
	d := newDesk(t, sample(1), sample(2), sample(3))
	var list []map[string]any
	if err := json.Unmarshal([]byte(d.must("list", "--json")), &list); err != nil {
		t.Fatalf("list --json: %v", err)
	}
	if len(list) != 3 {
		t.Fatalf("list --json has %d letters, want 3", len(list))
	}
	for _, key := range []string{"id", "stage", "agenda_number", "received_at", "due_at", "overdue",
		"from", "subject", "message_id", "sha256", "size"} {
		if _, ok := list[0][key]; !ok {
			t.Fatalf("list --json lacks %q: %v", key, list[0])
		}
	}
	for _, key := range []string{"received_at", "due_at"} {
		if _, err := time.Parse(time.RFC3339, list[0][key].(string)); err != nil {
			t.Fatalf("%s = %v is not RFC 3339", key, list[0][key])
		}
	}
	raw := d.must("show", "2", "--raw")
	if raw != string(sample(2).Raw) {
		t.Fatalf("show --raw = %q, want the original bytes", raw)
	}
	var dir map[string][]map[string]any
	if err := json.Unmarshal([]byte(d.must("directory", "--json")), &dir); err != nil {
		t.Fatalf("directory --json: %v", err)
	}
	if len(dir["recipients"]) == 0 || dir["recipients"][0]["channel"] == nil || len(dir["officials"]) != 3 || dir["couriers"] == nil {
		t.Fatalf("directory --json = %v", dir)
	}
}

func TestBackupCommand(t *testing.T) {
	d := newDesk(t, sample(1))
	path := filepath.Join(t.TempDir(), "copy.db")
	d.must("backup", path)
	code, out, _ := (&desk{t: t, db: path, conf: d.conf}).run("verify")
	if code != 0 || !strings.Contains(out, "1 naskah") {
		t.Fatalf("verify of the backup: exit %d, %q", code, out)
	}
}

func TestBooksAndReports(t *testing.T) {
	d := newDesk(t, sample(1))
	paper := t.TempDir()
	d.must("route", "1", "--to", "Walikota")
	d.must("copies", "1", "-o", paper)
	d.must("register", "1")
	year := time.Now().Year()
	book := filepath.Join(paper, "agenda.csv")
	d.must("agenda", "--year", fmt.Sprint(year), "-o", book)
	data, err := os.ReadFile(book)
	if err != nil || !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || !bytes.Contains(data, []byte(fmt.Sprintf("0001/%d", year))) {
		t.Fatalf("agenda CSV = %q, %v; want the BOM and 0001/%d", data, err, year)
	}
	report := filepath.Join(paper, "laporan.xlsx")
	d.must("report", "--month", time.Now().Format("2006-01"), "-o", report)
	if fi, err := os.Stat(report); err != nil || fi.Size() == 0 {
		t.Fatalf("report XLSX: %v", err)
	}
	if code, _, errOut := d.run("agenda", "-o", filepath.Join(paper, "a.txt")); code != 2 || !strings.Contains(errOut, ".pdf, .xlsx atau .csv") {
		t.Fatalf("agenda -o a.txt: exit %d, %q", code, errOut)
	}
}
