package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sanapati-desk/print"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// printOptions are the settings every document is drawn with.
func (a *app) printOptions(db *store.DB) print.Options {
	p := a.cfg.Paper
	return print.Options{
		Paper: p.Size, Office: p.Office, Unit: p.Unit, Address: p.Address, Lang: a.cfg.Lang,
		AgendaFormat: a.cfg.AgendaFormat, CardCopies: p.CardCopies, CardLayout: p.CardLayout,
		Calendar: db.Calendar(), Now: db.Now, CSVSeparator: p.csvSeparator(),
		Place: p.Place, SignerName: p.SignerName, SignerNIP: p.SignerNIP, HeadName: p.HeadName, HeadNIP: p.HeadNIP,
		Handler: p.Handler,
	}
}

// paperwork is the shared document maker; dir, when not "", saves there
// and prints nothing (the -o flags).
func (a *app) paperwork(db *store.DB, dir string) *paperwork.Clerk {
	p := a.cfg.Paper
	sp := &print.Spooler{Dir: a.paperDir(), Printer: p.Printer, Command: p.Command, Paper: p.Size}
	if dir != "" {
		sp = &print.Spooler{Dir: dir}
	}
	return &paperwork.Clerk{Spooler: sp, Options: a.printOptions(db), AgendaFormat: a.cfg.AgendaFormat,
		PrintAttachments: p.Attachments == nil || *p.Attachments}
}

// saved reports a file the command wrote, moving it to out when -o named
// a file.
func (a *app) saved(path, out string) error {
	if out != "" && out != path {
		if err := os.Rename(path, out); err != nil {
			return fmt.Errorf("save %s: %w", out, err)
		}
		path = out
	}
	fmt.Fprintln(a.stdout, path)
	return nil
}

// outDir is the folder an -o FILE is written through.
func outDir(out string) string {
	if out == "" {
		return ""
	}
	return filepath.Dir(out)
}

// letterArg parses a command's flags and its one letter ID, opens the
// store and reads the letter.
func (a *app) letterArg(fs *flag.FlagSet, args []string) (*store.DB, *store.Letter, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, nil, err
	}
	id, err := letterID(pos)
	if err != nil {
		return nil, nil, err
	}
	db, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	l, err := db.Letter(id)
	return db, l, err
}

func cmdCopies(a *app, args []string) error {
	fs := newFlags(a, "copies")
	out := fs.String("o", "", "save the copies in this folder instead of printing them")
	db, l, err := a.letterArg(fs, args)
	if err != nil {
		return err
	}
	paths, _, err := a.paperwork(db, *out).CopiesStep(a.ctx, db, l)
	for _, p := range paths {
		fmt.Fprintln(a.stdout, p)
	}
	return err
}

func cmdCard(a *app, args []string) error {
	fs := newFlags(a, "card")
	out := fs.String("o", "", "write the card to this PDF file instead of printing it")
	db, l, err := a.letterArg(fs, args)
	if err != nil {
		return err
	}
	path, _, err := a.paperwork(db, outDir(*out)).CardStep(a.ctx, db, l)
	if err != nil {
		return err
	}
	return a.saved(path, *out)
}

func cmdReceipt(a *app, args []string) error {
	fs := newFlags(a, "receipt")
	out := fs.String("o", "", "write the sheet to this PDF file instead of printing it")
	db, l, err := a.letterArg(fs, args)
	if err != nil {
		return err
	}
	path, err := a.paperwork(db, outDir(*out)).Receipt(a.ctx, l)
	if err != nil {
		return err
	}
	return a.saved(path, *out)
}

// period reads --year or --month into a year and month (0 for the whole year).
func period(year int, month string, now time.Time) (int, time.Month, error) {
	if month != "" {
		m, err := time.Parse("2006-01", month)
		if err != nil {
			return 0, 0, usagef("--month %q is not a month like 2026-11", month)
		}
		return m.Year(), m.Month(), nil
	}
	if year == 0 {
		year = now.Year()
	}
	if year < 1900 || year > 9999 {
		return 0, 0, usagef("--year %d is not a year", year)
	}
	return year, 0, nil
}

// exportable says whether -o names a file format the exports write.
func exportable(out string) error {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".pdf", ".xlsx", ".csv":
		return nil
	}
	return usagef("-o %q: the file must end in .pdf, .xlsx or .csv", out)
}

func cmdAgenda(a *app, args []string) error {
	fs := newFlags(a, "agenda")
	year := fs.Int("year", 0, "the year's book; default this year")
	month := fs.String("month", "", "only the rows registered in this month, YYYY-MM")
	out := fs.String("o", "", "write the book to FILE.pdf, .xlsx or .csv instead of printing it")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *out != "" {
		if err := exportable(*out); err != nil {
			return err
		}
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	y, m, err := period(*year, *month, db.Now().In(db.Calendar().Location()))
	if err != nil {
		return err
	}
	letters, err := db.Agenda(y, m)
	if err != nil {
		return err
	}
	title := a.txt.T("agenda.book_title", y)
	name := fmt.Sprintf("%s-%d", print.KindAgenda, y)
	if m != 0 {
		title = fmt.Sprintf("%s (%s)", title, strings.TrimPrefix(a.txt.Date(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)), "1 "))
		name = fmt.Sprintf("%s-%d-%02d", print.KindAgenda, y, m)
	}
	opts := a.printOptions(db)
	return a.exportOrPrint(db, *out, name,
		func(path string) error { return print.ExportAgenda(path, letters, title, opts) },
		func(w io.Writer) error { return print.AgendaBook(w, letters, title, opts) })
}

// exportOrPrint writes a book or report to out (its format chosen by the
// extension) when -o was given, else draws it as a PDF and sends it to the
// spooler under name; it prints where the file is.
func (a *app) exportOrPrint(db *store.DB, out, name string, export func(path string) error, draw func(w io.Writer) error) error {
	if out != "" {
		if err := export(out); err != nil {
			return err
		}
		return a.saved(out, "")
	}
	path, err := a.paperwork(db, "").Send(a.ctx, name, 1, nil, draw)
	if err != nil {
		return err
	}
	return a.saved(path, "")
}

func cmdReport(a *app, args []string) error {
	fs := newFlags(a, "report")
	month := fs.String("month", "", "the month, YYYY-MM")
	out := fs.String("o", "", "write the report to FILE.pdf, .xlsx or .csv instead of printing it")
	asJSON := fs.Bool("json", false, "print the month's figures as JSON instead of printing the report")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *month == "" {
		return usagef("give --month YYYY-MM")
	}
	if *asJSON && *out != "" {
		return usagef("give --json or -o, not both")
	}
	if *out != "" {
		if err := exportable(*out); err != nil {
			return err
		}
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	y, m, err := period(0, *month, db.Now())
	if err != nil {
		return err
	}
	start := time.Date(y, m, 1, 0, 0, 0, 0, db.Calendar().Location())
	letters, err := db.Received(start, start.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	opts := a.printOptions(db)
	if *asJSON {
		return print.MonthlyReportJSON(a.stdout, letters, start, opts)
	}
	return a.exportOrPrint(db, *out, fmt.Sprintf("%s-%d-%02d", print.KindReport, y, m),
		func(path string) error { return print.ExportReport(path, letters, start, opts) },
		func(w io.Writer) error { return print.MonthlyReport(w, letters, start, opts) })
}
