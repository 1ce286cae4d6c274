package tui

import (
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The attached letter at the desk: its text on screen (v), the
// registration form and the recipient picker filled from it, each field
// naming its source. The letters are the corpus of testdata/letters.

// seedLetters stores the corpus letters named, in order (IDs from 1); edit
// may change a message's bytes first.
func seedLetters(t testing.TB, edit func(name string, raw []byte) []byte, names ...string) func(db *store.DB) {
	return func(db *store.DB) {
		t.Helper()
		var in []store.Incoming
		for i, n := range names {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", n+".eml"))
			if err != nil {
				t.Fatal(err)
			}
			if edit != nil {
				raw = edit(n, raw)
			}
			in = append(in, mail.NewIncoming(raw, testNow.Add(-time.Hour), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1)}))
		}
		if res, err := db.Add(in); err != nil || len(res.Added) != len(names) {
			t.Fatalf("Add() = %+v, %v", res, err)
		}
		settleClasses(t, db)
	}
}

func TestLetterFromAttachment(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	h := newHarness(t, 100, 30, seedLetters(t, nil, "01-kemendagri-undangan"))
	h.open(1)

	// The route picker opens with the addressee of the attached letter
	// (Yth. Wali Kota) checked: the e-mail itself names nobody.
	h.press("t")
	if h.m.letter.picker == nil {
		t.Fatalf("t opened no picker:\n%s", h.screen())
	}
	var checked []string
	for _, it := range h.m.letter.picker.checked() {
		checked = append(checked, it.name)
	}
	if !slices.Equal(checked, []string{"Walikota"}) {
		t.Errorf("picker checks %q, want [Walikota]", checked)
	}
	h.press("enter", "p")

	// The registration form: every field from the PDF, marked so.
	h.press("r")
	f := h.m.letter.form
	if f == nil {
		t.Fatalf("r opened no form:\n%s", h.screen())
	}
	want := []string{"000.1.2.3/4512/SJ", "20-11-2026", "Kementerian Dalam Negeri",
		"Undangan Rapat Koordinasi Persandian dan Keamanan Informasi Pemerintah Daerah Tahun 2027",
		"1 (satu) berkas", "B", "Segera"}
	for i, w := range want {
		if got := f.value(i); got != w {
			t.Errorf("field %d (%s) = %q, want %q", i, f.fields[i].label, got, w)
		}
		if f.fields[i].source != mail.SourceLetter {
			t.Errorf("field %d (%s) source = %q, want %q", i, f.fields[i].label, f.fields[i].source, mail.SourceLetter)
		}
	}
	h.contains("PDF", "Diusulkan dari surat terlampir (PDF).")
	h.press("enter")
	l := h.letter(1)
	if l.LetterNumber != want[0] || l.Origin != want[2] || l.Urgency != store.UrgencyUrgent || l.LetterDate.Format("02-01-2006") != want[1] {
		t.Errorf("registered %q %q %q %v, want the PDF's fields", l.LetterNumber, l.Origin, l.Urgency, l.LetterDate)
	}
	// The register event records where each field kept was read.
	evs := h.events(1)
	reg := evs[len(evs)-1]
	if reg.Action != store.ActionRegister || string(reg.After["proposed_from"]) == "" {
		t.Fatalf("last event %s, after %v: want the register event with proposed_from", reg.Action, reg.After)
	}
	if got := l.ProposedFrom; got["letter_number"] != "pdf" || got["summary"] != "pdf" || got["letter_date"] != "pdf" {
		t.Errorf("proposed_from %v, want the number, subject and date from the pdf", got)
	}
	h.press("h")
	if history := flat(strings.Join(h.m.letter.historyLines(h.m.e, &styles{}, 300), "\n")); !strings.Contains(history, "diusulkan dari: lampiran: PDF · sifat: PDF · tanggal surat: PDF · nomor surat: PDF") {
		t.Errorf("the history does not say where the fields were read:\n%s", history)
	}
	h.press("h")

	// v shows the attachment's text with its page marked, v again the
	// e-mail's body.
	h.press("v")
	h.contains("Lampiran 1: 01-kemendagri-undangan.pdf; 1 dari 1 halaman", "--- halaman 1 ---", "000.1.2.3/4512/SJ")
	h.press("v")
	h.contains("Terlampir kami sampaikan")
	if strings.Contains(h.screen(), "--- halaman 1 ---") {
		t.Errorf("the second v still shows the attachment:\n%s", h.screen())
	}
}

// TestLetterAlternative: where the e-mail's own line disagrees with the
// attached letter, the form shows both and ctrl+t takes the other.
func TestLetterAlternative(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	edit := func(_ string, raw []byte) []byte {
		return []byte(strings.Replace(string(raw), "Terima kasih.", "Nomor : 999/XX/2026\n\nTerima kasih.", 1))
	}
	h := newHarness(t, 100, 30, seedLetters(t, edit, "01-kemendagri-undangan"))
	h.open(1)
	h.press("t", "enter", "p", "r")
	f := h.m.letter.form
	if f == nil || f.value(0) != "000.1.2.3/4512/SJ" || f.fields[0].alt != "999/XX/2026" {
		t.Fatalf("number field = %+v, want the PDF's with the e-mail's as alternative", f)
	}
	h.contains("* e-mail menyebut lain: 999/XX/2026 (ctrl+t memakai itu)")
	h.press("ctrl+t")
	if got := h.m.letter.form.value(0); got != "999/XX/2026" {
		t.Errorf("after ctrl+t the number is %q, want the e-mail's", got)
	}
	h.press("ctrl+t")
	if got := h.m.letter.form.value(0); got != "000.1.2.3/4512/SJ" {
		t.Errorf("after ctrl+t twice the number is %q, want the PDF's", got)
	}
	h.press("ctrl+t", "enter")
	if l := h.letter(1); l.LetterNumber != "999/XX/2026" || l.ProposedFrom["letter_number"] != "email" {
		t.Errorf("registered number %q from %q, want the e-mail's, recorded so", l.LetterNumber, l.ProposedFrom["letter_number"])
	}
}

// TestLetterNewRecipient: an addressee the directory lacks is offered
// unchecked; checking it adds it to the directory as the letter is routed.
func TestLetterNewRecipient(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	h := newHarness(t, 100, 40, seedLetters(t, nil, "17-dpupr-undangan-dprd"))
	h.open(1)
	h.press("t")
	p := h.m.letter.picker
	if p == nil {
		t.Fatal("t opened no picker")
	}
	fresh := -1
	for i, it := range p.items {
		if it.name == "Ketua DPRD" {
			fresh = i
			if !it.fresh || it.checked {
				t.Errorf("Ketua DPRD offered as %+v, want new and unchecked", it)
			}
		}
	}
	if fresh < 0 {
		t.Fatalf("the picker does not offer Ketua DPRD:\n%s", h.screen())
	}
	h.contains("Ketua DPRD", "(baru: belum di direktori")
	for range fresh {
		h.press("down")
	}
	h.press("space", "enter")
	l := h.letter(1)
	var names []string
	for _, r := range l.Recipients {
		names = append(names, r.Name)
	}
	for _, w := range []string{"Kepala Bappeda", "Camat Pekalongan Utara", "Walikota", "Sekretaris Daerah", "Ketua DPRD"} {
		if !slices.Contains(names, w) {
			t.Errorf("routed to %q, lacks %q", names, w)
		}
	}
	dir, err := h.db.Directory()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dir.Recipient("Ketua DPRD"); !ok {
		t.Error("Ketua DPRD was not added to the directory")
	}
}

// TestLetterTextClassified: the text of a letter held as Rahasia is not
// shown at the desk, with the store's sentence.
func TestLetterTextClassified(t *testing.T) {
	h := newHarness(t, 140, 30, seedLetters(t, nil, "07-kesbangpol-rahasia"))
	h.open(1)
	if c := h.letter(1).Class; c != store.ClassSecret {
		t.Fatalf("letter class %q at intake, want R from the attached letter", c)
	}
	h.press("v")
	h.refused(&store.Error{Code: store.ErrClassified, Subject: string(store.ClassSecret)})
	if h.m.letter.att.shown >= 0 {
		t.Error("v showed the attachment of a classified letter")
	}
	h.press("o")
	h.refused(&store.Error{Code: store.ErrClassified, Subject: string(store.ClassSecret)})
}

// TestLetterClassPending: a letter whose PDF's class is still being read
// says so, and neither its text nor its steps open until it is read; then
// the watcher's event shows it as it is.
func TestLetterClassPending(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	h := newHarness(t, 140, 30, func(db *store.DB) {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "letters", "07-kesbangpol-rahasia.eml"))
		if err != nil {
			t.Fatal(err)
		}
		in := mail.NewIncoming(raw, testNow.Add(-time.Hour), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
		if _, err := db.Add([]store.Incoming{in}); err != nil {
			t.Fatal(err)
		}
	})
	h.open(1)
	h.contains("Sifat naskah masih dibaca dari PDF terlampirnya")
	pending := &store.Error{Code: store.ErrClassPending}
	for _, k := range []string{"v", "o", "t"} {
		h.press(k)
		h.refused(pending)
	}
	if n, err := mail.SettleClasses(context.Background(), h.db); n != 1 || err != nil {
		t.Fatalf("SettleClasses() = %d, %v", n, err)
	}
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateClassesRead, At: testNow, Settled: 1}})
	h.contains("Bersifat Rahasia")
	h.press("v")
	h.refused(&store.Error{Code: store.ErrClassified, Subject: string(store.ClassSecret)})
}

// TestLetterBrokenPDF: a PDF that cannot be read says so in one sentence,
// on the letter and where its text would be, and the letter stays
// workable by hand.
func TestLetterBrokenPDF(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	h := newHarness(t, 100, 30, seedDesk(t))
	h.open(5) // its "PDF" is a few bytes of nothing
	broken := "PDF lampiran rusak dan tidak dapat dibaca"
	h.contains(broken)
	h.press("v")
	h.contains("Lampiran 1: undangan-rakor.pdf", broken)
	h.press("v", "t", "enter")
	if l := h.letter(5); len(l.Recipients) == 0 {
		t.Errorf("the letter with a broken PDF could not be routed:\n%s", h.screen())
	}
}

// TestLetterFromScan: a letter that came only as a scanned PDF is read by
// OCR in the background as soon as it is opened; the form then proposes
// its fields marked OCR, and v shows the text marked (OCR).
func TestLetterFromScan(t *testing.T) {
	needProgram(t, "pdftoppm", "poppler-utils")
	needProgram(t, "tesseract", "tesseract-ocr tesseract-ocr-ind")
	h := newHarness(t, 100, 30, seedLetters(t, withScan(t), "01-kemendagri-undangan"))
	h.open(1)
	if h.m.letter.prop.Sources[mail.FieldNumber] != mail.SourceLetterOCR {
		t.Fatalf("after opening, the number comes from %q, want OCR (proposal %+v)", h.m.letter.prop.Sources[mail.FieldNumber], h.m.letter.prop)
	}
	h.press("t", "enter", "p", "r")
	f := h.m.letter.form
	if f == nil || f.value(0) != "000.1.2.3/4512/SJ" || f.fields[0].source != mail.SourceLetterOCR {
		t.Fatalf("number field %+v, want the scan's number marked OCR", f)
	}
	h.press("esc", "v")
	h.contains("(OCR)", "--- halaman 1 ---")
}

// TestLetterScanWithoutOCR: on a machine without Tesseract a scanned
// letter says so in one sentence, and is registered by hand.
func TestLetterScanWithoutOCR(t *testing.T) {
	bin := t.TempDir()
	for _, p := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		needProgram(t, p, "poppler-utils")
		path, _ := exec.LookPath(p)
		if err := os.Symlink(path, filepath.Join(bin, p)); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, 160, 30, seedLetters(t, withScan(t), "01-kemendagri-undangan"))
	t.Setenv("PATH", bin)
	h.open(1)
	if err := h.m.letter.readErr; err == nil || Catalog("id").Sentence(err) != Catalog("id").T("letter.err_no_ocr") {
		t.Errorf("the letter's reading failed with %v, want the sentence for a missing Tesseract", err)
	}
	h.contains("Lampiran ini hasil pindaian dan Tesseract belum terpasang")
	h.press("t", "enter", "p")
	if h.m.letter.readErr == nil {
		t.Error("after two steps the letter no longer says why its scan was not read")
	}
	h.press("r")
	if f := h.m.letter.form; f == nil || f.value(0) != "" {
		t.Fatalf("without OCR the form proposes %+v, want the number left to the operator", f)
	}
	h.typeText("000.1.2.3/4512/SJ")
	h.press("enter")
	if l := h.letter(1); l.LetterNumber != "000.1.2.3/4512/SJ" || l.ProposedFrom["letter_number"] != "" {
		t.Errorf("registered by hand: %q from %q", l.LetterNumber, l.ProposedFrom["letter_number"])
	}
}

// withScan is an edit for seedLetters: the letter's attached text PDF is
// replaced by the scan of the same letter.
func withScan(t *testing.T) func(string, []byte) []byte {
	t.Helper()
	scan, err := os.ReadFile(filepath.Join("..", "testdata", "letters", "01-kemendagri-undangan-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return func(_ string, raw []byte) []byte {
		s := string(raw)
		i := strings.Index(s, "JVBERi0") // the text PDF's base64
		j := strings.Index(s[i:], "\n--batas")
		return []byte(s[:i] + wrap76(base64.StdEncoding.EncodeToString(scan)) + s[i+j:])
	}
}

// wrap76 breaks base64 into lines of 76 characters, as MIME wants.
func wrap76(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return b.String() + s
}

// TestScanReadWhileRegistering: a scan read while the registration form
// is open leaves what was typed alone and says how to fill the form from
// the letter.
func TestScanReadWhileRegistering(t *testing.T) {
	needProgram(t, "pdftotext", "poppler-utils")
	h := newHarness(t, 120, 30, seedLetters(t, nil, "01-kemendagri-undangan"))
	h.open(1)
	h.press("t", "enter", "p", "r")
	if h.m.letter.form == nil {
		t.Fatal("r opened no form")
	}
	h.press("ctrl+u")
	h.typeText("ketikan operator")
	p := h.m.letter.prop
	h.send(attachTextMsg{id: 1, seq: h.m.letter.att.readSeq, index: 0, prop: &p,
		text: &store.AttachmentText{Index: 0, Source: "ocr", PageCount: 1, Pages: []string{"x"}}})
	f := h.m.letter.form
	if f == nil || f.value(0) != "ketikan operator" {
		t.Fatalf("the form after the reading: %+v", f)
	}
	if want := Catalog("id").T("register.ocr_done"); f.note != want {
		t.Errorf("form note %q, want %q", f.note, want)
	}
	h.contains("Surat terlampir hasil pindaian selesai dibaca")
}
