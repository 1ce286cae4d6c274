package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The demo works in a throwaway folder: its store and its paper. It is
// removed on every exit the desk sees (quitting, ctrl+c, the terminal
// closing); a folder left by a demo that was killed outright is removed
// by the next demo.

const (
	demoPattern = "sanapati-demo-"
	demoPIDFile = "pid"
)

// newDemoDir makes the demo's folder, owner-only, with the desk's process
// ID in it, after removing those of demos that are no longer running.
func newDemoDir() (string, error) {
	sweepDemoDirs(os.TempDir())
	dir, err := os.MkdirTemp("", demoPattern)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, demoPIDFile), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// sweepDemoDirs removes the demo folders in tmp whose desk is gone.
func sweepDemoDirs(tmp string) {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), demoPattern) {
			continue
		}
		dir := filepath.Join(tmp, e.Name())
		b, err := os.ReadFile(filepath.Join(dir, demoPIDFile))
		if err != nil {
			continue // not ours, or still being made
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// removeDemoDir says how much paper the demo made, and where, then
// removes its folder.
func (a *app) removeDemoDir(dir string) {
	n := 0
	filepath.WalkDir(filepath.Join(dir, "kertas"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".pdf") {
			n++
		}
		return nil
	})
	if n > 0 {
		fmt.Fprintln(a.stderr, a.txt.T("demo.paper_removed", n, filepath.Join(dir, "kertas")))
	}
	os.RemoveAll(dir)
}
