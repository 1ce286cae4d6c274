package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sanapati-desk/store"
)

// TestDailyBackup: the first start of a day takes the day's backup into
// an owner-only folder; a second start that day takes none; backups older
// than the days kept go, other files stay.
func TestDailyBackup(t *testing.T) {
	d := newDesk(t, sample(1))
	db := d.store()
	defer db.Close()
	dir := filepath.Join(t.TempDir(), "cadangan")
	day := time.Date(2026, 12, 2, 8, 0, 0, 0, jakarta())
	path, err := dailyBackup(db, dir, 3, day)
	if err != nil || path != filepath.Join(dir, "desk-2026-12-02.db") {
		t.Fatalf("dailyBackup() = %q, %v", path, err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("backup folder: %v %v, want owner-only", fi.Mode(), err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v, want owner-only", fi.Mode(), err)
	}
	b, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := b.Verify(); err != nil || !r.OK() || r.Letters != 1 {
		t.Fatalf("the backup verifies %+v, %v", r, err)
	}
	b.Close()
	if again, err := dailyBackup(db, dir, 3, day.Add(4*time.Hour)); err != nil || again != "" {
		t.Fatalf("a second start the same day = %q, %v; want no backup", again, err)
	}
	now, err := backupNow(db, dir, day.Add(2*time.Hour+15*time.Second))
	if err != nil || now != filepath.Join(dir, "desk-2026-12-02-100015.db") {
		t.Fatalf("backupNow() = %q, %v", now, err)
	}
	for _, name := range []string{"desk-2026-11-28.db", "desk-2026-11-30.db", "desk-2026-11-30-101500.db", "catatan.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dailyBackup(db, dir, 3, day.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "[catatan.txt desk-2026-12-02-100015.db desk-2026-12-02.db desk-2026-12-03.db]"
	if got := fmt.Sprint(names); got != want {
		t.Fatalf("after a day with 3 days kept the folder holds %s, want %s", got, want)
	}
}
