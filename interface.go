package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/tui"
)

// heapBudget is the soft limit of the interface's Go heap.
const heapBudget = 48 << 20

// cmdInterface runs the desk's terminal interface: the store, the mailbox
// watcher (or, with --demo, a demo mailbox and a throwaway store whose
// paper is saved in a temporary folder) and the spooler.
func cmdInterface(a *app, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	// The desk runs all day beside other programs: keep the Go heap near a
	// budget (the GC works harder only close to it), unless GOMEMLIMIT says
	// otherwise.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapBudget)
	}
	ctx, cancel := context.WithCancel(a.ctx)
	defer cancel()

	prompter := tui.NewPrompter()
	var acct *mail.Account
	paperDir := "" // the settings' printer and folder
	if a.demo {
		tmp, err := newDemoDir()
		if err != nil {
			return fmt.Errorf("start the demo: %w", err)
		}
		defer func() {
			if a.db != nil { // close before removing, or Windows keeps the file
				a.db.Close()
				a.db = nil
			}
			a.removeDemoDir(tmp)
		}()
		a.dbPath = filepath.Join(tmp, "desk.db")
		paperDir = filepath.Join(tmp, "kertas") // save only, in the throwaway folder
		demo, err := mail.StartDemo(ctx, mail.DemoOptions{})
		if err != nil {
			return err
		}
		defer demo.Close()
		if acct, err = demo.Account(); err != nil {
			return err
		}
	} else if a.cfg.Mail.URL != "" || os.Getenv(mail.EnvURL) != "" {
		var err error
		if acct, err = a.account(prompter.Ask); err != nil {
			return err
		}
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	// The command line reaches this store through the desk while it runs.
	changed := make(chan struct{}, 1)
	stopServing, err := a.serveCommands(ctx, changed)
	if err != nil {
		return err
	}
	defer stopServing()
	// The day's first start takes the day's backup, beside the work; the
	// store stays open until it is written, and a failure is told once the
	// screen is given back.
	backedUp := make(chan error, 1)
	if a.demo {
		backedUp <- nil
	} else {
		go func() {
			_, err := dailyBackup(db, a.backupDir(), a.cfg.Backup.KeepDays, db.Now())
			backedUp <- err
		}()
	}
	defer func() {
		if err := <-backedUp; err != nil {
			fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(err))
		}
	}()
	pw := a.paperwork(db, paperDir)
	cfg := tui.Config{
		DB: db, Text: a.txt, AgendaFormat: a.cfg.AgendaFormat, Paperwork: pw, Prompter: prompter,
		Settings: a.settingsShown(acct, pw.Spooler), Changed: changed,
	}
	if !a.demo { // the demo's throwaway store is not the office's to keep
		cfg.Backup = func() (string, error) { return backupNow(db, a.backupDir(), db.Now()) }
	}
	if acct != nil {
		cfg.Intake = mail.Watch(ctx, db, acct, mail.WatchOptions{})
	}
	err = tui.Run(ctx, cfg)
	cancel() // the watcher stops before the store closes
	if a.ctx.Err() != nil {
		// A hang-up or a stop signal: the desk ends as if q were pressed,
		// and the demo removes its folder.
		return nil
	}
	if err != nil {
		return fmt.Errorf("run the interface: %w", err)
	}
	return nil
}

// paperDir is where documents are saved before printing: the setting, or
// a "kertas" folder beside the store.
func (a *app) paperDir() string {
	if a.cfg.Paper.Dir != "" {
		return a.cfg.Paper.Dir
	}
	return filepath.Join(filepath.Dir(a.dbPath), "kertas")
}

// settingsShown are the settings in force, for the Directory screen.
func (a *app) settingsShown(acct *mail.Account, spool *print.Spooler) [][2]string {
	t := a.txt
	or := func(s, def string) string {
		if strings.TrimSpace(s) == "" {
			return def
		}
		return s
	}
	mailbox := t.T("settings.none")
	if acct != nil {
		mailbox = acct.String()
	}
	printer := t.T("settings.save_only")
	switch {
	case spool.Command != "":
		printer = spool.Command
	case spool.Printer != "":
		printer = "lp -d " + spool.Printer
	}
	return [][2]string{
		{t.T("settings.file"), a.confPath},
		{t.T("settings.store"), a.dbPath},
		{t.T("settings.operator"), a.db.Operator()},
		{t.T("settings.mailbox"), mailbox},
		{t.T("settings.printer"), printer},
		{t.T("settings.folder"), spool.Dir},
		{t.T("settings.paper"), or(a.cfg.Paper.Size, "A4")},
		{t.T("settings.letterhead"), strings.TrimSpace(a.cfg.Paper.Office + " / " + a.cfg.Paper.Unit)},
		{t.T("settings.card"), or(a.cfg.Paper.CardLayout, "card") + " · " + strings.Join(a.cfg.Paper.CardCopies, ", ")},
		{t.T("settings.agenda_format"), or(a.cfg.AgendaFormat, "%04d/%d")},
		{t.T("settings.calendar"), or(a.cfg.Clock.Calendar, t.T("settings.builtin"))},
	}
}
