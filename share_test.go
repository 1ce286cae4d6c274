package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
	"sanapati-desk/tui"
)

// openDesk holds the store of d open as the interface does and serves the
// command line beside it, until the test ends.
func openDesk(t *testing.T, d *desk) (*app, <-chan struct{}) {
	t.Helper()
	cfg, err := loadConfig(d.conf, true)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{ctx: context.Background(), cfg: cfg, dbPath: d.db, confPath: d.conf, txt: nil,
		stdout: io.Discard, stderr: io.Discard}
	a.txt = tui.Catalog(cfg.Lang)
	if _, err := a.open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	changed := make(chan struct{}, 1)
	stop, err := a.serveCommands(ctx, changed)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		stop()
		a.db.Close()
	})
	return a, changed
}

// TestCommandLineBesideTheOpenDesk: with the desk open on the store, every
// command works through it, reads and steps alike, and the desk hears of
// each change.
func TestCommandLineBesideTheOpenDesk(t *testing.T) {
	d := newDesk(t, sample(1), sample(2))
	a, changed := openDesk(t, d)
	if _, err := store.Open(d.db, store.Options{Timeout: 100 * time.Millisecond}); store.Code(err) != store.ErrLocked {
		t.Fatalf("a second Open of the desk's store = %v, want locked", err)
	}
	if fi, err := os.Stat(socketPath(d.db)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the socket: %v, mode %v; want owner-only", err, fi.Mode())
	}
	var letters []letterJSON
	if err := json.Unmarshal([]byte(d.must("list", "--json")), &letters); err != nil || len(letters) != 2 {
		t.Fatalf("list --json beside the desk = %d letters, %v", len(letters), err)
	}
	<-changed
	d.must("route", "1", "--to", "Walikota")
	select {
	case <-changed:
	case <-time.After(time.Second):
		t.Fatal("the desk was not told of the change within a second")
	}
	// The change is in the desk's own store.
	if l, err := a.db.Letter(1); err != nil || l.Stage != store.StageChecked {
		t.Fatalf("the desk sees letter 1 as %v, %v; want checked", l, err)
	}
	// Refusals come back with the same sentence and exit status.
	code, _, errOut := d.run("register", "1")
	if code != 1 || !strings.Contains(errOut, "Kerjakan langkah berikutnya: cetak salinan") {
		t.Fatalf("register beside the desk: exit %d, stderr %q", code, errOut)
	}
	// A relative file name is the command line's, not the desk's.
	t.Chdir(t.TempDir())
	d.must("backup", "cadangan.db")
	backup, err := store.Open("cadangan.db", store.Options{})
	if err != nil {
		t.Fatalf("the backup beside the desk: %v", err)
	}
	defer backup.Close()
	if r, err := backup.Verify(); err != nil || !r.OK() || r.Letters != 2 {
		t.Fatalf("the backup verifies %+v, %v", r, err)
	}
	d.must("copies", "1", "-o", "salinan")
	if _, err := os.Stat(filepath.Join("salinan", "surat-1-salinan-walikota.pdf")); err != nil {
		t.Fatalf("copies -o with a relative folder beside the desk: %v", err)
	}
	if out := d.must("--lang", "en", "show", "1"); !strings.Contains(out, "Stage     Printed") {
		t.Fatalf("show in English beside the desk printed %q", out)
	}
}

// TestForwardedCommandIsCancelled: ctrl+c on the command line cancels the
// command in the desk and says so.
func TestForwardedCommandIsCancelled(t *testing.T) {
	d := newDesk(t, sample(1))
	openDesk(t, d)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut strings.Builder
	code := runContext(ctx, []string{"--db", d.db, "--config", d.conf, "list"}, strings.NewReader(""), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "Dibatalkan") {
		t.Fatalf("a cancelled command beside the desk: exit %d, stderr %q", code, errOut.String())
	}
}

// TestLeftSocket: a socket a killed desk left behind does not stop the
// command line, which runs on the store itself.
func TestLeftSocket(t *testing.T) {
	d := newDesk(t, sample(1))
	if err := os.WriteFile(socketPath(d.db), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if out := d.must("show", "1"); !strings.Contains(out, "Diterima") {
		t.Fatalf("show with a stale socket printed %q", out)
	}
}

func TestAbsoluteFileNames(t *testing.T) {
	got := absolute([]string{"--lang", "en", "--db", "d.db", "import", "a.eml", "/x/b.eml", "--json"}, "/home/op")
	want := []string{"--lang", "en", "--db", "/home/op/d.db", "import", "/home/op/a.eml", "/x/b.eml", "--json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("absolute() = %q, want %q", got, want)
	}
	got = absolute([]string{"card", "3", "-o", "k.pdf", "--set=dir.json"}, "/w")
	want = []string{"card", "3", "-o", "/w/k.pdf", "--set=/w/dir.json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("absolute() = %q, want %q", got, want)
	}
}
