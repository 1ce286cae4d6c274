package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanapati-desk/store"
)

// TestBackupKey: B on the Today screen takes a backup now through the
// desk's own function and says where it went; without one it says so.
func TestBackupKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadangan.db")
	var db *store.DB
	h := newHarness(t, 100, 30, func(d *store.DB) { db = d; seedDesk(t)(d) }, func(c *Config) {
		c.Backup = func() (string, error) { return path, db.BackupFile(path) }
	})
	h.press("B")
	if want := "Cadangan disimpan: " + path; h.m.status != want || h.m.isErr {
		t.Errorf("status %q, want %q", h.m.status, want)
	}
	b, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer b.Close()
	if r, err := b.Verify(); err != nil || !r.OK() || r.Letters != len(deskMessages) {
		t.Errorf("the backup verifies %+v, %v; want %d letters", r, err, len(deskMessages))
	}

	plain := newHarness(t, 100, 30, nil)
	plain.press("B")
	if want := Catalog("id").T("err.no_backup"); plain.m.status != want || !plain.m.isErr {
		t.Errorf("without backups set up: status %q, want the error %q", plain.m.status, want)
	}
}

// TestImportKey: I on the Today screen imports a folder of .eml files;
// the form refuses an empty path, and a folder without mail is said.
func TestImportKey(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"01-kemendagri-undangan", "02-bssn-permohonan-data"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", n+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n+".eml"), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("I")
	if h.m.today.form == nil {
		t.Fatalf("I opened no form:\n%s", h.screen())
	}
	h.contains("enter simpan", "esc batal") // the form's keys, not the start screen's
	h.press("enter")
	h.contains("Sebutkan berkas atau folder yang diimpor.")
	h.typeText(dir)
	h.press("enter")
	if want := "2 berkas, 2 pesan: 2 baru, 0 sudah ada 2 naskah tanpa waktu terima yang pasti: koreksi dengan W."; h.m.status != want {
		t.Errorf("status %q, want %q", h.m.status, want)
	}
	if h.m.today.form != nil {
		t.Error("the import form stayed open")
	}
	if n := h.m.today.inboxCount(); n != 5 {
		t.Errorf("Today counts %d new letters after the import, want 5", n)
	}

	// A folder with one good file and one empty: what was imported is said
	// before what was not.
	mixed := t.TempDir()
	raw, _ := os.ReadFile(filepath.Join("..", "testdata", "letters", "03-gubernur-surat-edaran.eml"))
	os.WriteFile(filepath.Join(mixed, "a.eml"), raw, 0o600)
	os.WriteFile(filepath.Join(mixed, "b.eml"), nil, 0o600)
	h.press("I")
	h.setField(mixed)
	h.press("enter")
	if !h.m.isErr || !strings.HasPrefix(h.m.status, "2 berkas, 1 pesan: 1 baru, 0 sudah ada") || !strings.Contains(h.m.status, "b.eml kosong: tidak ada pesan di dalamnya.") {
		t.Errorf("a partly failed import: status %q, want what was imported first", h.m.status)
	}

	empty := t.TempDir()
	h.press("I")
	h.setField(empty)
	h.press("enter")
	if want := Catalog("id").T("err.empty_folder"); h.m.status != want || !h.m.isErr {
		t.Errorf("an empty folder: status %q, want the error %q", h.m.status, want)
	}
}
