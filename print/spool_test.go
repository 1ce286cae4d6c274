package print

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"sanapati-desk/store"
)

func TestFileName(t *testing.T) {
	registered := testLetter()
	fresh := &store.Letter{ID: 17}
	tests := []struct {
		name      string
		l         *store.Letter
		kind      Kind
		qualifier string
		format    string
		want      string
	}{
		{"card", registered, KindCard, "", "", "0042-2026-kartu"},
		{"copy before registration", fresh, KindCopy, "Kepala Dinas Kesehatan", "", "surat-17-salinan-kepala-dinas-kesehatan"},
		{"office format", registered, KindReceipt, "", "B/%03d/%d", "b-042-2026-tanda-terima"},
		{"accents and symbols", fresh, KindCopy, "Café “Pemda” / Ω", "", "surat-17-salinan-cafe-pemda"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FileName(tt.l, tt.kind, tt.qualifier, tt.format); got != tt.want {
				t.Fatalf("FileName() = %q, want %q", got, tt.want)
			}
		})
	}
}

// testPDF is a small real document to spool.
func testPDF(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := testOptions()
	opts.CardCopies = []string{"putih"}
	if err := ControlCard(&buf, testLetter(), opts); err != nil {
		t.Fatalf("ControlCard() = %v", err)
	}
	return buf.Bytes()
}

func TestSpoolerSaveOnly(t *testing.T) {
	pdf := testPDF(t)
	dir := filepath.Join(t.TempDir(), "cetak", "2026")
	s := &Spooler{Dir: dir}
	doc := Document{
		Name:   FileName(testLetter(), KindCopy, "Walikota", ""),
		PDF:    pdf,
		Copies: 2,
		Extra:  []Extra{{Name: "Undangan Rapat.pdf", PDF: []byte("%PDF-1.4 lampiran")}},
	}
	path, err := s.Print(context.Background(), doc)
	if err != nil {
		t.Fatalf("Print() = %v", err)
	}
	if want := filepath.Join(dir, "0042-2026-salinan-walikota.pdf"); path != want {
		t.Fatalf("Print() saved at %s, want %s", path, want)
	}
	for p, want := range map[string][]byte{
		path: pdf,
		filepath.Join(dir, "0042-2026-salinan-walikota-lampiran-1-undangan-rapat.pdf"): doc.Extra[0].PDF,
	} {
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("saved %s = %d bytes, %v; want %d bytes", p, len(got), err, len(want))
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("the folder holds %d files, want the document and its attachment", len(entries))
	}

	doc.Extra = []Extra{{Name: "x.pdf", PDF: []byte("<html>")}}
	if _, err := s.Print(context.Background(), doc); err == nil {
		t.Fatalf("Print() with an attachment that is not a PDF = nil, want an error")
	}
	if _, err := s.Print(context.Background(), Document{Name: "x", PDF: []byte("text")}); err == nil {
		t.Fatalf("Print() of a document that is not a PDF = nil, want an error")
	}
}

// fakeProgram writes an executable shell script named name into dir.
func fakeProgram(t *testing.T, dir, name, script string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestSpoolerCommand(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake print command is a shell script")
	}
	bin := t.TempDir()
	log := filepath.Join(t.TempDir(), "log")
	fakeProgram(t, bin, "fakeprint", `for a in "$@"; do printf '[%s]' "$a" >> `+log+`; done; echo >> `+log+"\n")
	fakeProgram(t, bin, "jammed", "echo 'paper jam in tray 2' >&2; exit 3\n")
	t.Setenv("PATH", bin)
	pdf := testPDF(t)
	tests := []struct {
		name    string
		command string
		extra   bool
		want    string // the log, {dir} standing for the spool folder
	}{
		{"file placeholder, one run per copy", "fakeprint -print-to-default {file}", false,
			"[-print-to-default][{dir}/0042-2026-kartu.pdf]\n[-print-to-default][{dir}/0042-2026-kartu.pdf]\n[-print-to-default][{dir}/0042-2026-kartu.pdf]\n"},
		{"copies placeholder, one run", `fakeprint -P "Printer Lantai 2" -n {copies} {file}`, false,
			"[-P][Printer Lantai 2][-n][3][{dir}/0042-2026-kartu.pdf]\n"},
		{"file appended, attachment after", "fakeprint --copies={copies} -d {printer}", true,
			"[--copies=3][-d][HP][{dir}/0042-2026-kartu.pdf]\n[--copies=3][-d][HP][{dir}/0042-2026-kartu-lampiran-1-undangan.pdf]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(log)
			dir := t.TempDir()
			s := &Spooler{Dir: dir, Printer: "HP", Command: tt.command}
			doc := Document{Name: "0042-2026-kartu", PDF: pdf, Copies: 3}
			if tt.extra {
				doc.Extra = []Extra{{Name: "undangan.pdf", PDF: []byte("%PDF-1.4")}}
			}
			if _, err := s.Print(context.Background(), doc); err != nil {
				t.Fatalf("Print() = %v", err)
			}
			got, _ := os.ReadFile(log)
			if want := strings.ReplaceAll(tt.want, "{dir}", dir); string(got) != want {
				t.Fatalf("the print command ran as\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestSpoolerErrors(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake lp is a shell script")
	}
	pdf := testPDF(t)
	tests := []struct {
		name    string
		s       Spooler
		lp      string // a fake lp's script; "" means no lp at all
		lpstat  string
		code    SpoolCode
		printer bool // the sentence names the printer
		detail  string
	}{
		{name: "no lp", s: Spooler{Printer: "HP"}, code: SpoolNoLP},
		{name: "unknown printer", s: Spooler{Printer: "HP"},
			lp:     "echo 'lp: Error - The printer or class does not exist.' >&2; exit 1\n",
			lpstat: "echo 'scheduler is running'\n", code: SpoolNoPrinter, printer: true},
		{name: "scheduler down", s: Spooler{Printer: "HP"},
			lp:     "echo 'lp: Error - The printer or class does not exist.' >&2; exit 1\n",
			lpstat: "echo 'scheduler is not running'\n", code: SpoolNoCUPS},
		{name: "printer refuses jobs", s: Spooler{Printer: "HP"},
			lp:   "echo 'lp: Destination \"HP\" is not accepting jobs.' >&2; exit 1\n",
			code: SpoolRejected, printer: true, detail: `lp: Destination "HP" is not accepting jobs.`},
		{name: "command missing", s: Spooler{Command: "SumatraPDF.exe -print-to-default {file}"}, code: SpoolNoCommand},
		{name: "command fails", s: Spooler{Command: "jammed {file}"}, code: SpoolCommandFailed, detail: "paper jam in tray 2"},
		{name: "command badly quoted", s: Spooler{Command: `"C:\Program Files\SumatraPDF.exe {file}`}, code: SpoolCommandFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bin := t.TempDir()
			fakeProgram(t, bin, "jammed", "echo 'paper jam in tray 2' >&2; exit 3\n")
			if tt.lp != "" {
				fakeProgram(t, bin, "lp", tt.lp)
			}
			if tt.lpstat != "" {
				fakeProgram(t, bin, "lpstat", tt.lpstat)
			}
			t.Setenv("PATH", bin)
			s := tt.s
			s.Dir = t.TempDir()
			path, err := s.Print(context.Background(), Document{Name: "0042-2026-kartu", PDF: pdf})
			var se *SpoolError
			if !errors.As(err, &se) || se.Code != tt.code {
				t.Fatalf("Print() = %v, want a %s SpoolError", err, tt.code)
			}
			if saved, _ := os.ReadFile(path); !bytes.Equal(saved, pdf) {
				t.Fatalf("Print() failed without the document saved at %q", path)
			}
			for _, msg := range []string{err.Error(), se.Message("id")} {
				if !strings.Contains(msg, path) || strings.Count(msg, "\n") > 0 {
					t.Fatalf("message %q is not one sentence naming the saved file %s", msg, path)
				}
				if tt.printer && !strings.Contains(msg, `"HP"`) {
					t.Fatalf("message %q does not name the printer", msg)
				}
				if tt.detail != "" && !strings.Contains(msg, tt.detail) {
					t.Fatalf("message %q does not say %q", msg, tt.detail)
				}
			}
			if !strings.HasPrefix(se.Message("id"), "Tidak dapat mencetak: ") || !strings.HasPrefix(err.Error(), "cannot print: ") {
				t.Fatalf("messages %q / %q do not open with the failure", se.Message("id"), err)
			}
		})
	}
}

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`lpr -P office {file}`, []string{"lpr", "-P", "office", "{file}"}},
		{`"C:\Program Files\SumatraPDF\SumatraPDF.exe" -print-to-default -silent {file}`,
			[]string{`C:\Program Files\SumatraPDF\SumatraPDF.exe`, "-print-to-default", "-silent", "{file}"}},
		{`print  '/d:\\server\Printer Lantai 2'   {file}`, []string{"print", `/d:\\server\Printer Lantai 2`, "{file}"}},
		{`cmd ""`, []string{"cmd", ""}},
	}
	for _, tt := range tests {
		got, err := splitCommand(tt.line)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Fatalf("splitCommand(%q) = %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "   ", `"unclosed {file}`} {
		if got, err := splitCommand(bad); err == nil {
			t.Fatalf("splitCommand(%q) = %q, want an error", bad, got)
		}
	}
}

func TestSpoolerNeedsAFolder(t *testing.T) {
	if _, err := (&Spooler{}).Print(context.Background(), Document{Name: "x", PDF: testPDF(t)}); err == nil {
		t.Fatalf("Print() with no folder = nil, want an error")
	}
}

func TestSpoolerLPArguments(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake lp is a shell script")
	}
	bin, log := t.TempDir(), filepath.Join(t.TempDir(), "log")
	fakeProgram(t, bin, "lp", `for a in "$@"; do printf '[%s]' "$a" >> `+log+"; done; echo >> "+log+"\n")
	t.Setenv("PATH", bin)
	tests := []struct {
		paper, media string
		copies       int
		n            string
	}{
		{"", "A4", 0, "1"},
		{"F4", "Custom.215x330mm", 3, "3"},
	}
	for _, tt := range tests {
		os.Remove(log)
		dir := t.TempDir()
		s := &Spooler{Dir: dir, Printer: "Lantai-2", Paper: tt.paper}
		path, err := s.Print(context.Background(), Document{Name: "0042-2026-kartu", PDF: testPDF(t), Copies: tt.copies})
		if err != nil {
			t.Fatalf("Print() = %v", err)
		}
		got, _ := os.ReadFile(log)
		want := "[-d][Lantai-2][-n][" + tt.n + "][-o][media=" + tt.media + "][-t][0042-2026-kartu.pdf][--][" + path + "]\n"
		if string(got) != want {
			t.Fatalf("lp ran as %s, want %s", got, want)
		}
	}
}
