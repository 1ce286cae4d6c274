package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestEndToEndPDFOnlyLetter: a letter whose e-mail says only "terlampir"
// walks the README's 7-key path, sent in one burst, to its control card:
// the recipients and every registration field come from the attached PDF.
func TestEndToEndPDFOnlyLetter(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	d := buildDesk(t)
	db := filepath.Join(d.tmp, "desk.db")
	conf := filepath.Join(d.tmp, "config.toml")
	if err := os.WriteFile(conf, []byte("operator = \"penguji\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	eml, err := filepath.Abs(filepath.Join("..", "testdata", "letters", "01-kemendagri-undangan.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := d.command("--db", db, "--config", conf, "import", eml).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	d.start("Hari ini", "--db", db, "--config", conf)
	d.press("Tab", "Sisa waktu")
	d.tmux("send-keys", "-t", "desk", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter")
	d.waitFor("▶  6 Paraf")

	// The open desk serves the command line: show --json reads the letter.
	out, err := d.command("--db", db, "--config", conf, "show", "1", "--json").Output()
	if err != nil {
		t.Fatalf("show --json: %v", err)
	}
	var l struct {
		Stage        string `json:"stage"`
		LetterNumber string `json:"letter_number"`
		Origin       string `json:"origin"`
		Recipients   []struct {
			Name string `json:"name"`
		} `json:"recipients"`
	}
	if err := json.Unmarshal(out, &l); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if l.Stage != "forwarded" || l.LetterNumber != "000.1.2.3/4512/SJ" || l.Origin != "Kementerian Dalam Negeri" ||
		len(l.Recipients) != 1 || l.Recipients[0].Name != "Walikota" {
		t.Errorf("after the burst: %+v; want forwarded, registered and routed from the PDF\n%s", l, d.screen())
	}
}
