package mail

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// The intake stores a letter whose class only its PDF declares at once,
// held; SettleClasses reads the PDFs and records their classes. A call
// whose context has ended reads none and leaves them waiting.
func TestSettleClasses(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		SkipOrFail(t, "pdftotext is not installed (apt-get install poppler-utils)")
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]store.SecurityClass{
		"07-kesbangpol-rahasia": store.ClassSecret, "08-bin-sangat-rahasia": store.ClassTopSecret,
		"23-bkd-provinsi-terbatas": store.ClassRestricted, "05-dinkes-provinsi": "",
	}
	var in []store.Incoming
	var names []string
	for name := range want {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", name+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		m := NewIncoming(raw, time.Now(), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(len(in) + 1)})
		if !m.ClassPending || m.Class.Classified() {
			t.Fatalf("%s: NewIncoming() class %q, pending %v; want the PDF left to read", name, m.Class, m.ClassPending)
		}
		in, names = append(in, m), append(names, name)
	}
	if _, err := db.Add(in); err != nil {
		t.Fatal(err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := SettleClasses(done, db); n != 0 || err != nil {
		t.Fatalf("SettleClasses(ended context) = %d, %v; want none read and no error", n, err)
	}
	if ids, _ := db.ClassPending(); len(ids) != len(in) {
		t.Fatalf("after an ended call, %d letters wait, want %d", len(ids), len(in))
	}
	if n, err := SettleClasses(context.Background(), db); n != len(in) || err != nil {
		t.Fatalf("SettleClasses() = %d, %v; want %d", n, err, len(in))
	}
	for i, name := range names {
		l, err := db.Letter(uint64(i + 1))
		if err != nil {
			t.Fatal(err)
		}
		if l.ClassPending || l.Class != want[name] {
			t.Errorf("%s: class %q, pending %v; want %q", name, l.Class, l.ClassPending, want[name])
		}
	}
}

// A reading cut short (pdftotext stopped by a signal, as ctrl+c stops it)
// leaves the letter waiting, held, and says why; a reading that cannot
// ever be done (no poppler) lets it go as a letter whose PDF says nothing.
func TestSettleClassesCutShort(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", "07-kesbangpol-rahasia.eml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, script string
		pending      bool
	}{
		{"stopped by a signal", "#!/bin/sh\nkill -KILL $$\n", true},
		{"no poppler", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := t.TempDir()
			if tc.script != "" {
				if err := os.WriteFile(filepath.Join(bin, "pdftotext"), []byte(tc.script), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("PATH", bin)
			db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Add([]store.Incoming{NewIncoming(raw, time.Now(), store.Source{File: "surat.eml"})}); err != nil {
				t.Fatal(err)
			}
			n, err := SettleClasses(context.Background(), db)
			ids, _ := db.ClassPending()
			if tc.pending && (n != 0 || !errors.Is(err, letter.ErrStopped) || len(ids) != 1) {
				t.Fatalf("SettleClasses() = %d, %v, %d waiting; want the letter left waiting and ErrStopped", n, err, len(ids))
			}
			if !tc.pending && (n != 1 || err != nil || len(ids) != 0) {
				t.Fatalf("SettleClasses() = %d, %v, %d waiting; want the letter settled", n, err, len(ids))
			}
		})
	}
}
