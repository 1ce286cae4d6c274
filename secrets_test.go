package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanapati-desk/mail"
)

// TestPasswordIsNeverWritten runs a session whose password comes from
// password-cmd (fetch, copies, register, card) and scans every byte the
// desk wrote, the store, the settings, the documents and its output, for
// the password. The store and the documents must be owner-only.
func TestPasswordIsNeverWritten(t *testing.T) {
	t.Setenv("SANAPATI_PASSWORD", "")
	t.Setenv("SANAPATI_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	demo, err := mail.StartDemo(ctx, mail.DemoOptions{Every: -1})
	if err != nil {
		t.Fatalf("StartDemo() = %v", err)
	}
	defer demo.Close()

	secretDir, work := t.TempDir(), t.TempDir()
	secret := filepath.Join(secretDir, "secret")
	if err := os.WriteFile(secret, []byte(demo.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	paper := filepath.Join(work, "kertas")
	conf := filepath.Join(work, "config.toml")
	settings := fmt.Sprintf("[mail]\nurl = %q\npassword-cmd = %q\n[paper]\ndir = %q\n", demo.URL, "cat "+secret, paper)
	if err := os.WriteFile(conf, []byte(settings), 0o600); err != nil {
		t.Fatal(err)
	}
	d := &desk{t: t, db: filepath.Join(work, "desk.db"), conf: conf}
	var output bytes.Buffer
	step := func(args ...string) string {
		t.Helper()
		code, out, errOut := d.run(args...)
		output.WriteString(out + errOut)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	var fetched struct{ New, Total int }
	if err := json.Unmarshal([]byte(step("fetch", "--json")), &fetched); err != nil || fetched.New == 0 {
		t.Fatalf("fetch --json = %+v, %v", fetched, err)
	}
	step("route", "1", "--to", "Walikota")
	step("copies", "1")
	step("register", "1", "--class", "B")
	step("card", "1")
	step("list")

	written := map[string][]byte{"output": output.Bytes()}
	filepath.WalkDir(work, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		written[path] = data
		return nil
	})
	pdfs := 0
	for path, data := range written {
		if bytes.Contains(data, []byte(demo.Password)) {
			t.Fatalf("the password is written in %s", path)
		}
		if path == "output" || path == conf {
			continue
		}
		if strings.HasSuffix(path, ".pdf") {
			pdfs++
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Fatalf("%s has mode %v, want owner-only", path, fi.Mode().Perm())
		}
	}
	if pdfs < 2 || len(written[d.db]) == 0 {
		t.Fatalf("the session wrote %d PDFs and a store of %d bytes; the scan saw too little", pdfs, len(written[d.db]))
	}
	if fi, _ := os.Stat(paper); fi.Mode().Perm()&0o077 != 0 {
		t.Fatalf("the paper folder has mode %v, want owner-only", fi.Mode().Perm())
	}
}
