package print

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sanapati-desk/store"
)

// Kind names a kind of document in its file name.
type Kind string

// The kinds of document, as file names spell them.
const (
	KindCard    Kind = "kartu"
	KindCover   Kind = "pengantar"
	KindCopy    Kind = "salinan"
	KindReceipt Kind = "tanda-terima"
	KindAgenda  Kind = "agenda"
	KindReport  Kind = "laporan"
)

// FileName names a letter's document for the spooler's folder, without
// extension: the agenda number (or "surat-ID" before registration), the
// kind, and a qualifier such as the recipient of a copy, for example
// "0042-2026-kartu" or "surat-17-salinan-kepala-dinas-kesehatan".
func FileName(l *store.Letter, kind Kind, qualifier string, agendaFormat string) string {
	base := fmt.Sprintf("surat-%d", l.ID)
	if !l.Agenda.IsZero() {
		base = slug(l.Agenda.Format(agendaFormat))
	}
	name := base + "-" + string(kind)
	if q := slug(qualifier); q != "" {
		name += "-" + q
	}
	return name
}

// slug keeps ASCII letters and digits, lower-cased with accents dropped,
// and joins the rest with single dashes: safe on any file system and in
// any print command.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case unicode.Is(unicode.Mn, r):
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	return b.String()
}

// Document is a PDF to save and print.
type Document struct {
	// Name is the file name without extension, as FileName builds it.
	Name string
	// PDF is the document.
	PDF []byte
	// Copies is how many copies to print; less than 1 means 1.
	Copies int
	// Extra are PDF files printed after the document, as many copies each:
	// a copy's PDF attachments. They are saved beside it, not merged.
	Extra []Extra
}

// Extra is one more PDF file that travels with a document.
type Extra struct {
	Name string
	PDF  []byte
}

// Spooler saves documents in a folder and sends them to a printer: through
// CUPS's lp when Printer is set, through Command when that is set (it wins),
// and nowhere (save only) when neither is.
type Spooler struct {
	// Dir is the folder every document is saved in before it is sent.
	Dir string
	// Printer is the CUPS queue lp prints to.
	Printer string
	// Command prints a file on systems without CUPS, for example
	// `"C:\Program Files\SumatraPDF\SumatraPDF.exe" -print-to-default -silent {file}`.
	// {file} is the saved file (appended when absent), {printer} the
	// Printer, and {copies} the number of copies; without {copies} the
	// command runs once per copy. It runs directly, not through a shell;
	// double or single quotes group an argument.
	Command string
	// Paper is the media lp asks for: "A4" (the default) or "F4".
	Paper string
}

// Print saves doc (and its extras) under Dir, then sends each file to the
// printer. It returns the document's saved path, also when sending fails,
// so that nothing is lost and the print can be retried with PrintFile.
// A failure to send is a *SpoolError.
func (s *Spooler) Print(ctx context.Context, doc Document) (string, error) {
	if !bytes.HasPrefix(doc.PDF, []byte("%PDF-")) {
		return "", fmt.Errorf("print %s: the document is not a PDF", doc.Name)
	}
	for _, x := range doc.Extra {
		if !bytes.HasPrefix(x.PDF, []byte("%PDF-")) {
			return "", fmt.Errorf("print %s: attachment %q is not a PDF", doc.Name, x.Name)
		}
	}
	if strings.TrimSpace(s.Dir) == "" {
		return "", fmt.Errorf("print %s: no folder is set to save documents in", doc.Name)
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return "", fmt.Errorf("print %s: %w", doc.Name, err)
	}
	name := slug(doc.Name)
	if name == "" {
		name = "dokumen"
	}
	path := filepath.Join(s.Dir, name+".pdf")
	if err := atomicWrite(path, doc.PDF); err != nil {
		return "", fmt.Errorf("print %s: %w", doc.Name, err)
	}
	paths := []string{path}
	for i, x := range doc.Extra {
		p := filepath.Join(s.Dir, fmt.Sprintf("%s-lampiran-%d", name, i+1))
		if q := slug(strings.TrimSuffix(x.Name, filepath.Ext(x.Name))); q != "" {
			p += "-" + q
		}
		p += ".pdf"
		if err := atomicWrite(p, x.PDF); err != nil {
			return path, fmt.Errorf("print %s: %w", doc.Name, err)
		}
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := s.PrintFile(ctx, p, doc.Copies); err != nil {
			return path, err
		}
	}
	return path, nil
}

// PrintFile sends a saved PDF to the printer, copies times; with no
// printer and no command it does nothing.
func (s *Spooler) PrintFile(ctx context.Context, path string, copies int) error {
	copies = max(copies, 1)
	switch {
	case strings.TrimSpace(s.Command) != "":
		return s.command(ctx, path, copies)
	case s.Printer != "":
		return s.lp(ctx, path, copies)
	}
	return nil
}

// lp sends path to the CUPS queue.
func (s *Spooler) lp(ctx context.Context, path string, copies int) error {
	e := &SpoolError{Path: path, Printer: s.Printer}
	bin, err := exec.LookPath("lp")
	if err != nil {
		e.Code, e.Err = SpoolNoLP, err
		return e
	}
	media := "A4"
	if strings.EqualFold(s.Paper, "F4") || strings.EqualFold(s.Paper, "folio") {
		media = "Custom.215x330mm"
	}
	cmd := exec.CommandContext(ctx, bin, "-d", s.Printer, "-n", strconv.Itoa(copies),
		"-o", "media="+media, "-t", filepath.Base(path), "--", path)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	e.Err = err
	e.Detail = firstLine(out)
	msg := strings.ToLower(string(out))
	switch {
	case ctx.Err() != nil:
		e.Code, e.Err = SpoolRejected, ctx.Err()
	case strings.Contains(msg, "does not exist"), strings.Contains(msg, "unknown destination"),
		strings.Contains(msg, "no such destination"):
		// lp says the printer does not exist also when the scheduler is
		// not running at all: ask the scheduler before blaming the name.
		e.Code = SpoolNoPrinter
		if !schedulerRunning(ctx) {
			e.Code = SpoolNoCUPS
		}
	case strings.Contains(msg, "scheduler not responding"), strings.Contains(msg, "connection refused"),
		strings.Contains(msg, "no such file or directory"):
		e.Code = SpoolNoCUPS
	default:
		e.Code = SpoolRejected
	}
	return e
}

// schedulerRunning asks lpstat whether the CUPS scheduler answers.
func schedulerRunning(ctx context.Context) bool {
	out, err := exec.CommandContext(ctx, "lpstat", "-r").Output()
	if errors.Is(err, exec.ErrNotFound) {
		return true // cannot tell: keep lp's word
	}
	return !strings.Contains(string(out), "not running")
}

// command runs the configured print command on path.
func (s *Spooler) command(ctx context.Context, path string, copies int) error {
	e := &SpoolError{Path: path, Printer: s.Printer, Command: s.Command}
	args, err := splitCommand(s.Command)
	if err != nil {
		e.Code, e.Err = SpoolCommandFailed, err
		return e
	}
	hasFile, hasCopies := false, false
	for i, a := range args {
		hasFile = hasFile || strings.Contains(a, "{file}")
		hasCopies = hasCopies || strings.Contains(a, "{copies}")
		args[i] = strings.NewReplacer("{file}", path, "{printer}", s.Printer,
			"{copies}", strconv.Itoa(copies)).Replace(a)
	}
	if !hasFile {
		args = append(args, path)
	}
	runs := copies
	if hasCopies {
		runs = 1
	}
	bin, err := exec.LookPath(args[0])
	if err != nil {
		e.Code, e.Err = SpoolNoCommand, err
		return e
	}
	for range runs {
		out, err := exec.CommandContext(ctx, bin, args[1:]...).CombinedOutput()
		if err != nil {
			e.Code, e.Err, e.Detail = SpoolCommandFailed, err, firstLine(out)
			if ctx.Err() != nil {
				e.Err = ctx.Err()
			}
			return e
		}
	}
	return nil
}

// splitCommand splits a command line into arguments at spaces outside
// quotes. Backslashes are kept as they are: Windows paths are full of them.
func splitCommand(line string) ([]string, error) {
	var args []string
	var cur strings.Builder
	var quote rune
	inArg := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inArg = r, true
		case unicode.IsSpace(r):
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote in the print command", quote)
	}
	if inArg {
		args = append(args, cur.String())
	}
	if len(args) == 0 {
		return nil, errors.New("the print command is empty")
	}
	return args, nil
}

// firstLine is the first non-empty line of a program's output.
func firstLine(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}
