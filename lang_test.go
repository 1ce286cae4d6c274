package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Words that give away the other language on a screen of the command line:
// the Indonesian ones never appear in an English sentence of the desk,
// nor the English ones in an Indonesian one. Data (names, subjects) is
// chosen so as not to hold them.
var (
	englishWords    = regexp.MustCompile(`(?i)\b(the|is not|unknown|give|letter|letters|step|usage|flag|print|choose|default|receipt|recipient|not yet)\b`)
	indonesianWords = regexp.MustCompile(`(?i)\b(tidak|yang|untuk|naskah|langkah|belum|atau|pilihan|pemakaian|sebutkan|bukan|tersampaikan|berkas|peringatan)\b`)
)

// TestOneLanguageAtATime runs every command's help, the usual error paths
// and the usual outputs in both languages, and fails on a word of the
// other language.
func TestOneLanguageAtATime(t *testing.T) {
	d := newDesk(t, sample(1), classified(2))
	d.must("route", "1", "--to", "Walikota")
	// Files that cannot be kept: the details of what is wrong are said in
	// the desk's language too.
	tmp := t.TempDir()
	badCalendar, badKind, badDir := filepath.Join(tmp, "cal.txt"), filepath.Join(tmp, "cal2.txt"), filepath.Join(tmp, "dir.json")
	os.WriteFile(badCalendar, []byte("2027-01-01 libur X\n2027-02-30 libur Y\n"), 0o600)
	os.WriteFile(badKind, []byte("2027-01-01 liburan X\n2027-01-02 jam x=1 Z\n"), 0o600)
	os.WriteFile(badDir, []byte(`{"recipients":[{"name":"A","channel":"pos"}],"officials":[{"position":"X"}]}`), 0o600)
	runs := [][]string{
		{"--help"}, {"frobnicate"}, {"list", "--bogus"}, {"list", "--limit", "x"},
		{"show", "abc"}, {"show", "9"}, {"list", "--stage", "lost"}, {"route", "1", "--to", "X=pos"},
		{"register", "1", "--class", "X"}, {"register", "1"}, {"route", "2", "--to", "Walikota"},
		{"undo", "1"}, {"late", "1", "--reason", "x"}, {"classify", "1", "--class", "B", "--reason", "x"},
		{"initial", "1", "--at", "besok"}, {"deliver", "1"}, {"receipt", "1"},
		{"list"}, {"show", "1"}, {"verify"}, {"calendar", "--year", "2026"},
		{"calendar", "--load", badCalendar}, {"calendar", "--load", badKind}, {"directory", "--set", badDir},
		{"calendar", "--add", "2027-01-05..2027-01-04 jam mon=08.00-12.00 P"}, {"calendar", "--add", "2027-01-05..2027-01-09 jam xyz=08.00-12.00 P"},
	}
	for _, c := range commands() {
		if c.name != "" {
			runs = append(runs, []string{c.name, "--help"})
		}
	}
	var names []string
	for _, c := range commands() {
		if c.name != "" {
			names = append(names, regexp.QuoteMeta(c.name))
		}
	}
	commandNames := regexp.MustCompile(`(?m)(^ +|sanapati-desk:? )(` + strings.Join(names, "|") + `)\b`)
	for _, lang := range []string{"id", "en"} {
		other, name := englishWords, "English"
		if lang == "en" {
			other, name = indonesianWords, "Indonesian"
		}
		for _, args := range runs {
			_, out, errOut := d.run(append([]string{"--lang", lang}, args...)...)
			for _, text := range []string{out, errOut} {
				// Names of commands and flags, and the letters' own data, are
				// the same in both languages.
				text = commandNames.ReplaceAllString(text, "$1")
				text = strings.NewReplacer("sanapati-desk", "", "Undangan Rapat", "", "Tata Usaha", "").Replace(text)
				if w := other.FindString(text); w != "" {
					t.Errorf("--lang %s %s: %q is %s in\n%s", lang, strings.Join(args, " "), w, name, text)
					break
				}
			}
		}
	}
}

// TestFileErrorsSpeakTheDesksLanguage: a file that is not there is said
// in the desk's language, naming it.
func TestFileErrorsSpeakTheDesksLanguage(t *testing.T) {
	d := newDesk(t, sample(1))
	for lang, want := range map[string]string{"id": "Berkas atau folder", "en": "The file or folder"} {
		code, _, errOut := d.run("--lang", lang, "import", "/tidak/ada.eml")
		if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "/tidak/ada.eml") {
			t.Errorf("--lang %s import of a missing file: exit %d, %q", lang, code, errOut)
		}
		if other := map[string]*regexp.Regexp{"id": englishWords, "en": indonesianWords}[lang]; other.MatchString(strings.ReplaceAll(errOut, "/tidak/ada.eml", "")) {
			t.Errorf("--lang %s: %q mixes languages", lang, errOut)
		}
	}
}
