package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sanapati-desk/store"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

type memLiteral struct {
	*bytes.Reader
	n int64
}

func (l memLiteral) Size() int64 { return l.n }

// startMemMailbox serves go-imap's in-memory server on loopback, with the
// user "operator" (password "rahasia") and an empty INBOX.
func startMemMailbox(t *testing.T) (string, *imapmemserver.User) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("operator", "rahasia")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), user
}

// TestFetchSaysWhenTheMailboxIsReadAgain: a stored watermark ahead of the
// server's UIDNEXT is caught; fetch says so once, in the operator's
// sentence, and brings in the new letter without doubling the old ones.
func TestFetchSaysWhenTheMailboxIsReadAgain(t *testing.T) {
	addr, user := startMemMailbox(t)
	add := func(i int) {
		raw := []byte(fmt.Sprintf("From: tu@kemendagri.go.id\r\nSubject: Surat %d\r\nMessage-ID: <%d@uji>\r\n\r\nIsi %d\r\n", i, i, i))
		if _, err := user.Append("INBOX", memLiteral{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("SANAPATI_URL", "imap://operator@"+addr+"/INBOX")
	t.Setenv("SANAPATI_PASSWORD", "rahasia")

	add(1)
	add(2)
	d := newDesk(t)
	if out := d.must("fetch"); !strings.Contains(out, "2 naskah baru") {
		t.Fatalf("first fetch printed %q", out)
	}
	// A bad report once left the watermark far ahead.
	db := d.store()
	st, err := db.MailboxState("INBOX")
	if err == nil {
		st.UIDNext = 4294967000
		err = db.ResetMailbox("INBOX", st)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	add(3)
	out := d.must("fetch")
	if !strings.Contains(out, "1 naskah baru") || !strings.Contains(out, "dibaca ulang dari awal") {
		t.Fatalf("fetch after the bad watermark printed %q; want 1 new and the sentence", out)
	}
	add(4)
	if out := d.must("fetch"); !strings.Contains(out, "1 naskah baru") || strings.Contains(out, "dibaca ulang") {
		t.Fatalf("the next fetch printed %q; want 1 new and no second notice", out)
	}
	db = d.store()
	defer db.Close()
	if n, err := db.Count(); err != nil || n != 4 {
		t.Fatalf("the store holds %d letters (%v), want 4", n, err)
	}
}

// TestFetchReadsTheClassOfAPDF: a letter whose class only its attached PDF
// declares is stored by the sync and its class read before fetch ends, so
// the command line holds it as an R letter at once.
func TestFetchReadsTheClassOfAPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatal("pdftotext is not installed, and SANAPATI_STRICT=1 makes that a failure")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils); set SANAPATI_STRICT=1 to fail instead")
	}
	addr, user := startMemMailbox(t)
	raw, err := os.ReadFile(filepath.Join(lettersDir, "07-kesbangpol-rahasia.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := user.Append("INBOX", memLiteral{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SANAPATI_URL", "imap://operator@"+addr+"/INBOX")
	t.Setenv("SANAPATI_PASSWORD", "rahasia")
	d := newDesk(t)
	var res struct {
		New         int `json:"new"`
		ClassesRead int `json:"classes_read"`
	}
	if err := json.Unmarshal([]byte(d.must("fetch", "--json")), &res); err != nil || res.New != 1 || res.ClassesRead != 1 {
		t.Fatalf("fetch --json = %+v, %v; want 1 new, its class read", res, err)
	}
	want := sentence(&store.Error{Code: store.ErrClassified, Subject: string(store.ClassSecret)})
	if code, _, errOut := d.run("route", "1", "--to", "Walikota"); code == 0 || !strings.Contains(errOut, want) {
		t.Fatalf("route of the R letter: exit %d, %q; want %q", code, errOut, want)
	}
}
