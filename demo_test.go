package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sanapati-desk/tui"
)

// TestDemoFoldersAreSwept: a folder left by a demo whose desk is gone is
// removed; one whose desk runs, and other folders, stay.
func TestDemoFoldersAreSwept(t *testing.T) {
	tmp := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	make := func(name string, pid int) string {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(dir, "kertas"), 0o700); err != nil {
			t.Fatal(err)
		}
		if pid > 0 {
			if err := os.WriteFile(filepath.Join(dir, demoPIDFile), []byte(strconv.Itoa(pid)), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	dead := make(demoPattern+"1", gone.Process.Pid)
	live := make(demoPattern+"2", os.Getpid())
	other := make("lain", gone.Process.Pid)
	sweepDemoDirs(tmp)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the folder of a demo that is gone stays: %v", err)
	}
	for _, dir := range []string{live, other} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s was removed: %v", dir, err)
		}
	}
}

// TestDemoSaysWhatItRemoves: on exit the demo names the paper it made
// before removing its folder.
func TestDemoSaysWhatItRemoves(t *testing.T) {
	dir := filepath.Join(t.TempDir(), demoPattern+"x")
	if err := os.MkdirAll(filepath.Join(dir, "kertas"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.pdf", "b.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, "kertas", name), []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var errOut bytes.Buffer
	a := &app{stderr: &errOut, txt: tui.Catalog("id")}
	a.removeDemoDir(dir)
	if !strings.Contains(errOut.String(), "2 dokumen PDF demo di "+filepath.Join(dir, "kertas")) {
		t.Fatalf("the demo said %q", errOut.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the demo folder stays: %v", err)
	}
}
