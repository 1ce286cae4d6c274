package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestImportEMLAndMbox(t *testing.T) {
	dir := t.TempDir()
	eml := filepath.Join(dir, "surat.eml")
	if err := os.WriteFile(eml, testMessage(1), 0o600); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	os.Chtimes(eml, mtime, mtime)

	// An mboxrd export: a body line starting with "From " is escaped, an
	// escaped one is escaped twice; LF line endings as webmail writes them.
	m2 := "From: BSSN <persuratan@bssn.go.id>\nSubject: Kedua\nMessage-ID: <dua@bssn.go.id>\n" +
		"Received: from mx.bssn.go.id by mx.sanapati.go.id; Tue, 24 Nov 2026 09:30:00 +0700\n\n" +
		">From the desk of the Kepala\n>>From escaped\nakhir\n"
	m3 := "From: Kemendagri <tu@kemendagri.go.id>\nSubject: Ketiga\nMessage-ID: <tiga@kemendagri.go.id>\n\nisi ketiga\n"
	mbox := "From MAILER-DAEMON Wed Nov 25 10:00:00 2026\n" + m2 + "\n" +
		"From tu@kemendagri.go.id Thu Nov 26 11:30:00 +0700 2026\n" + m3 + "\n"
	mboxPath := filepath.Join(dir, "ekspor.mbox")
	if err := os.WriteFile(mboxPath, []byte(mbox), 0o600); err != nil {
		t.Fatal(err)
	}

	db := openStore(t)
	res, err := Import(db, eml, mboxPath)
	if err != nil {
		t.Fatalf("Import() = %v", err)
	}
	if res.Files != 2 || res.Messages != 3 || res.New != 3 || res.Duplicates != 0 {
		t.Fatalf("Import() = %+v, want 2 files, 3 messages, 3 new", res)
	}
	letters, err := db.List(store.Query{OldestFirst: true})
	if err != nil {
		t.Fatalf("List() = %v", err)
	}
	bySubject := map[string]store.Letter{}
	for _, l := range letters {
		bySubject[l.Subject] = l
		if !l.Source.FromFile() || l.Source.Mailbox != "" {
			t.Errorf("letter %q: Source = %+v, want a file", l.Subject, l.Source)
		}
	}
	first := bySubject["Surat uji nomor 1"]
	if first.Source.File != eml || !first.ReceivedAt.Equal(mtime) {
		t.Errorf("eml letter: Source %+v, ReceivedAt %v; want %s and the file's time", first.Source, first.ReceivedAt, eml)
	}
	// Only the file's time says when the .eml arrived: it is marked, and
	// the result names it.
	if !first.ReceivedEstimated || len(res.Estimated) != 1 || res.Estimated[0] != first.ID {
		t.Errorf("eml letter estimated = %v, result's Estimated = %v; want it marked and named", first.ReceivedEstimated, res.Estimated)
	}
	second := bySubject["Kedua"]
	raw, err := db.Raw(second.ID)
	if err != nil {
		t.Fatalf("Raw() = %v", err)
	}
	if want := strings.Replace(strings.Replace(m2, ">From the", "From the", 1), ">>From", ">From", 1); string(raw) != want {
		t.Errorf("mbox message stored as %q, want %q", raw, want)
	}
	// The separator line's time has no zone: it is read in the desk's.
	if second.Source.File != mboxPath+"#1" || !second.ReceivedAt.Equal(time.Date(2026, 11, 25, 10, 0, 0, 0, db.Calendar().Location())) {
		t.Errorf("mbox letter: Source %+v, ReceivedAt %v", second.Source, second.ReceivedAt)
	}
	if second.ReceivedEstimated {
		t.Errorf("an mbox letter with a dated separator is marked estimated")
	}
	third := bySubject["Ketiga"]
	if !third.ReceivedAt.Equal(time.Date(2026, 11, 26, 11, 30, 0, 0, demoZone)) {
		t.Errorf("third letter ReceivedAt = %v", third.ReceivedAt)
	}
	if raw, _ := db.Raw(third.ID); !bytes.Equal(raw, []byte(m3)) {
		t.Errorf("last mbox message stored as %q, want %q", raw, m3)
	}

	// A re-import adds nothing.
	res, err = Import(db, eml, mboxPath)
	if err != nil {
		t.Fatalf("Import() again = %v", err)
	}
	if res.New != 0 || res.Duplicates != 3 {
		t.Errorf("Import() again = %+v, want 3 duplicates and nothing new", res)
	}
	if got := storedCount(t, db); got != 3 {
		t.Errorf("stored %d letters, want 3", got)
	}
}

func TestImportSameAsSync(t *testing.T) {
	// A message fetched from the mailbox and the same bytes saved from
	// webmail are one letter.
	srv := startMemServer(t, nil)
	srv.appendMessages(t, testMessage(7))
	db := openStore(t)
	if _, err := Sync(t.Context(), db, testAccount(t, srv.Addr, testPassword), SyncOptions{}); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	p := filepath.Join(t.TempDir(), "tujuh.eml")
	os.WriteFile(p, testMessage(7), 0o600)
	res, err := Import(db, p)
	if err != nil || res.New != 0 || res.Duplicates != 1 {
		t.Errorf("Import() of a synced message = %+v, %v; want a duplicate", res, err)
	}
}

// TestImportFolder: a folder imports the .eml and mbox files in it, and
// nothing else.
func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.eml"), testMessage(4), 0o600)
	os.WriteFile(filepath.Join(dir, "b.EML"), testMessage(5), 0o600)
	os.WriteFile(filepath.Join(dir, "catatan.txt"), testMessage(6), 0o600)
	db := openStore(t)
	res, err := Import(db, dir)
	if err != nil || res.Files != 2 || res.New != 2 {
		t.Errorf("Import(folder) = %+v, %v; want its 2 .eml files", res, err)
	}
	// Apple Mail exports a mailbox as a folder Inbox.mbox holding "mbox".
	apple := filepath.Join(t.TempDir(), "Inbox.mbox")
	os.Mkdir(apple, 0o700)
	os.WriteFile(filepath.Join(apple, "mbox"), append([]byte("From a@b Mon Nov 23 08:00:00 2026\n"), testMessage(7)...), 0o600)
	os.WriteFile(filepath.Join(apple, "Info.plist"), []byte("<plist/>"), 0o600)
	if res, err := Import(db, apple); err != nil || res.Files != 1 || res.New != 1 {
		t.Errorf("Import(Apple Mail folder) = %+v, %v; want its mbox", res, err)
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "baik.eml")
	os.WriteFile(good, testMessage(2), 0o600)
	empty := filepath.Join(dir, "kosong.eml")
	os.WriteFile(empty, nil, 0o600)
	broken := filepath.Join(dir, "rusak.eml")
	os.WriteFile(broken, readFile(t, "testdata/messages/bad-base64.eml"), 0o600)
	folder := filepath.Join(dir, "map")
	os.Mkdir(folder, 0o700)
	os.WriteFile(filepath.Join(folder, "catatan.txt"), testMessage(3), 0o600)
	db := openStore(t)
	res, err := Import(db, filepath.Join(dir, "tidak-ada.eml"), empty, folder, good, broken)
	if err == nil {
		t.Fatal("Import() of missing, empty and folder paths = nil error")
	}
	for _, want := range []string{"tidak-ada.eml", "kosong.eml: the file is empty", "holds no .eml or mbox file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Import() error %q does not mention %q", err, want)
		}
	}
	if res.New != 2 || res.Problems != 1 {
		t.Errorf("Import() = %+v, want the 2 readable files stored, 1 flagged", res)
	}
	letters, _ := db.List(store.Query{})
	flagged := 0
	for _, l := range letters {
		if l.ParseProblem != "" {
			flagged++
		}
	}
	if flagged != 1 {
		t.Errorf("%d letters flagged, want 1", flagged)
	}
}
