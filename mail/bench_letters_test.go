//go:build linux

package mail

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sanapati-desk/store"
)

// TestBenchPDFLetters syncs a mailbox of real letters, each e-mail with its
// letter as a PDF (the 23 of testdata/letters, ten times over), and times
// the intake's two halves apart, in turns with mbsync: the sync that stores
// them (the child process), and the reading of each PDF's class after
// (SettleClasses, in this process).
func TestBenchPDFLetters(t *testing.T) {
	if os.Getenv("SANAPATI_BENCH") != "1" {
		t.Skip("set SANAPATI_BENCH=1 to run the speed bench")
	}
	for _, p := range []string{"mbsync", "pdftotext"} {
		if _, err := exec.LookPath(p); err != nil {
			SkipOrFail(t, p+" is not installed (apt-get install isync poppler-utils)")
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "letters", "*.eml"))
	if len(files) == 0 {
		t.Fatal("no letters in ../testdata/letters")
	}
	d := StartDovecot(t)
	n := 0
	for range 10 {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n++
			d.Deliver(t, append([]byte(fmt.Sprintf("X-Copy: %d\r\n", n)), raw...))
		}
	}
	d.chown(t)
	syscall.Sync()
	d.Doveadm(t, "fetch", "-u", d.User, "uid size.physical", "mailbox", "INBOX")

	tmp := t.TempDir()
	var stored, settled, mbs []time.Duration
	for r := range 3 {
		db := filepath.Join(tmp, fmt.Sprintf("letters-%d.db", r))
		res, wall, _ := runChild(t, d.URL(""), d.CAFile, d.Password, db)
		if res.New != n {
			t.Fatalf("the sync stored %d letters, want %d", res.New, n)
		}
		stored = append(stored, wall)
		settled = append(settled, settleAll(t, db, n))
		mbs = append(mbs, runMbsync(t, d, filepath.Join(tmp, fmt.Sprintf("mbsync-%d", r)), true, n))
		syscall.Sync()
	}
	figures(t, "%d letters with their PDF: stored in %v as a process (median of 3), their classes read after in %v; mbsync %v; stored/mbsync = %.2f",
		n, roundFig(median(stored)), roundFig(median(settled)), roundFig(median(mbs)), median(stored).Seconds()/median(mbs).Seconds())
}

// settleAll reads the classes the sync into dbPath left pending, and checks
// that every letter is then settled and that the R and SR letters of the
// corpus (three in each copy of it) are held.
func settleAll(t *testing.T, dbPath string, n int) time.Duration {
	t.Helper()
	db, err := store.Open(dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := SettleClasses(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	if ids, err := db.ClassPending(); err != nil || len(ids) != 0 {
		t.Fatalf("after SettleClasses, %d letters wait (%v)", len(ids), err)
	}
	held := 0
	for id := uint64(1); id <= uint64(n); id++ {
		l, err := db.Letter(id)
		if err != nil {
			t.Fatal(err)
		}
		if l.Class.Classified() {
			held++
		}
	}
	if held < 3*n/23 {
		t.Fatalf("%d of %d letters held as R or SR, want %d", held, n, 3*n/23)
	}
	return el
}
