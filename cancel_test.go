package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"sanapati-desk/store"
)

// TestCtrlCCancelsAPrint: a command whose root context is cancelled (as
// ctrl+c does) ends with one sentence and records no step.
func TestCtrlCCancelsAPrint(t *testing.T) {
	d := newDesk(t, sample(1))
	d.must("route", "1", "--to", "Walikota")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := runContext(ctx, []string{"--db", d.db, "--config", d.conf, "copies", "1", "-o", t.TempDir()},
		strings.NewReader(""), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "Dibatalkan.") {
		t.Fatalf("copies under a cancelled context: exit %d, stderr %q", code, errOut.String())
	}
	if l := d.letter("1"); l.Stage != store.StageChecked {
		t.Fatalf("the cancelled print left the letter %s, want it still checked", l.Stage)
	}
}
