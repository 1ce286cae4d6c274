package paperwork

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sanapati-desk/print"
	"sanapati-desk/store"
)

// message is a letter whose own text gives its number, and which carries
// a PDF to print along with its copies.
const message = "From: Tata Usaha <tu@kemendagri.go.id>\r\nSubject: Undangan Rapat\r\n" +
	"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
	"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNomor : 005/77/SJ\r\nHal : Undangan Rapat\r\n" +
	"--b\r\nContent-Type: text/plain; name=catatan.txt\r\nContent-Disposition: attachment; filename=catatan.txt\r\n\r\nbukan PDF\r\n" +
	"--b--\r\n"

func setup(t *testing.T) (*store.DB, *store.Letter, *Clerk) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{Operator: "uji"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	res, err := db.Add([]store.Incoming{{Raw: []byte(message), From: "Tata Usaha", Subject: "Undangan Rapat"}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := db.Route(res.Added[0], []store.Recipient{{Name: "Walikota"}, {Name: "Sekretaris Daerah"}})
	if err != nil {
		t.Fatal(err)
	}
	c := &Clerk{Spooler: &print.Spooler{Dir: filepath.Join(t.TempDir(), "kertas")},
		Options: print.Options{Deterministic: true, Lang: "id", Calendar: db.Calendar(), Now: db.Now}, PrintAttachments: true}
	return db, l, c
}

// TestCopiesStepRecordsOnceAllWentOut: the copies of step 3 are one file
// per recipient, with the number the message gives, and the step is
// recorded with them.
func TestCopiesStepRecordsOnceAllWentOut(t *testing.T) {
	db, l, c := setup(t)
	paths, nl, err := c.CopiesStep(context.Background(), db, l)
	if err != nil || len(paths) != 2 || nl == nil || nl.Stage != store.StagePrinted {
		t.Fatalf("CopiesStep() = %v, %v, %v; want two copies and the letter printed", paths, nl, err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatal("pdftotext is not installed and SANAPATI_STRICT=1")
		}
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", paths[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "005/77/SJ") || !strings.Contains(text, "catatan.txt") {
		t.Fatalf("the copy lacks the message's number or its attachment:\n%s", text)
	}
	// A reprint records nothing more.
	if _, again, err := c.CopiesStep(context.Background(), db, nl); err != nil || again != nil {
		t.Fatalf("reprint = %v, %v; want paper and no step", again, err)
	}
}

// TestCancelledOrFailedPrintRecordsNothing: a print cancelled (ctrl+c,
// quitting) or failing leaves the step unrecorded.
func TestCancelledOrFailedPrintRecordsNothing(t *testing.T) {
	db, l, c := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, nl, err := c.CopiesStep(ctx, db, l); !errors.Is(err, context.Canceled) || nl != nil {
		t.Fatalf("CopiesStep(cancelled) = %v, %v; want cancelled and no step", nl, err)
	}
	blocked := filepath.Join(t.TempDir(), "berkas")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c.Spooler.Dir = filepath.Join(blocked, "kertas") // a folder inside a file
	if _, nl, err := c.CopiesStep(context.Background(), db, l); err == nil || nl != nil {
		t.Fatalf("CopiesStep(unwritable) = %v, %v; want an error and no step", nl, err)
	}
	if now, err := db.Letter(l.ID); err != nil || now.Stage != store.StageChecked {
		t.Fatalf("the letter is %v after failed prints, %v; want it still checked", now.Stage, err)
	}
}

// TestReceiptSheetWaitsForInitials: the receipt sheet is refused with the
// store's rule before every official has initialled.
func TestReceiptSheetWaitsForInitials(t *testing.T) {
	_, l, c := setup(t)
	if _, err := c.Receipt(context.Background(), l); store.Code(err) != store.ErrOutOfOrder {
		t.Fatalf("Receipt(checked) = %v, want out of order", err)
	}
}
