package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"sanapati-desk/mail"
	"sanapati-desk/tui"
)

// account builds the mailbox account from the settings and the
// environment; prompt asks for a password neither of them gives.
func (a *app) account(prompt mail.PromptFunc) (*mail.Account, error) {
	c := a.cfg.Mail
	return mail.NewAccount(mail.AccountConfig{
		URL: c.URL, CAFile: c.CAFile, PasswordCmd: c.PasswordCmd, InsecurePlaintext: c.InsecurePlaintext,
	}, os.Getenv, prompt)
}

// promptPassword asks for the password on the terminal; with no terminal
// there is no one to ask.
func (a *app) promptPassword(_ context.Context, user, host string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("no password for %s at %s: set SANAPATI_PASSWORD or password-cmd", user, host)
	}
	fmt.Fprint(a.stderr, a.txt.T("cli.password", user, host))
	pw, err := term.ReadPassword(fd)
	fmt.Fprintln(a.stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return string(pw), nil
}

// stderrIsTerminal reports whether a progress bar would be seen.
func (a *app) stderrIsTerminal() bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func cmdFetch(a *app, args []string) error {
	fs := newFlags(a, "fetch")
	asJSON := fs.Bool("json", false, `print {"new": N, "total": M, ...}`)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	acct, err := a.account(a.promptPassword)
	if err != nil {
		return err
	}
	ctx := a.ctx
	// The server takes a while to greet a new connection; the store opens
	// meanwhile.
	acct.Preconnect(ctx)
	db, err := a.open()
	if err != nil {
		return err
	}

	var opts mail.SyncOptions
	var bar *progressLine
	if a.stderrIsTerminal() {
		bar = &progressLine{w: a.stderr, mailbox: acct.Mailbox}
		opts.Progress = func(p mail.Progress) { bar.update(p, time.Now()) }
	}
	opts.OnRetry = func(err error, wait time.Duration) {
		// The sentence carries the server's words: sanitised, whatever they were.
		fmt.Fprintf(a.stderr, "\r%s\n", mail.SanitizeLine(a.txt.T("intake.retry_in", a.txt.Sentence(err), wait.Round(time.Second))))
	}
	res, err := mail.Sync(ctx, db, acct, opts)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		return err
	}
	// The letters are stored; the classes their PDFs declare are read now
	// (a letter left waiting by ctrl+c is read at the next fetch).
	read, err := mail.SettleClasses(ctx, db)
	if err != nil && ctx.Err() == nil {
		return err
	}
	notes := tui.IntakeNotes(a.txt, res)
	if *asJSON {
		skipped := []uint32{}
		for _, sk := range res.Skipped {
			skipped = append(skipped, sk.Source.UID)
		}
		return a.writeJSON(map[string]any{"new": res.New, "total": res.Total,
			"duplicates": res.Duplicates, "problems": res.Problems,
			"skipped": skipped, "vanished": res.Vanished, "resynced": res.Resynced, "notes": notes,
			"classes_read": read})
	}
	fmt.Fprintln(a.stdout, a.txt.T("cli.fetched", res.New, res.Total))
	if read > 0 {
		fmt.Fprintln(a.stdout, a.txt.T("cli.classes_read", read))
	}
	if res.Problems > 0 {
		fmt.Fprintln(a.stdout, a.txt.T("cli.problems", res.Problems))
	}
	for _, n := range notes {
		fmt.Fprintln(a.stdout, mail.SanitizeLine(n))
	}
	return nil
}

func cmdImport(a *app, args []string) error {
	fs := newFlags(a, "import")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("give one or more .eml or mbox files, or folders of them")
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	res, err := mail.Import(db, paths...)
	// As after a fetch: the classes the letters' PDFs declare, of what was
	// imported even when a file failed.
	if _, serr := mail.SettleClasses(a.ctx, db); serr != nil && a.ctx.Err() == nil {
		err = errors.Join(err, serr)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return a.writeJSON(map[string]any{"files": res.Files, "messages": res.Messages, "new": res.New,
			"duplicates": res.Duplicates, "problems": res.Problems, "added": res.Added, "estimated": res.Estimated})
	}
	fmt.Fprintln(a.stdout, a.txt.T("cli.imported", res.Files, res.Messages, res.New, res.Duplicates))
	if res.Problems > 0 {
		fmt.Fprintln(a.stdout, a.txt.T("cli.problems", res.Problems))
	}
	if len(res.Estimated) > 0 {
		ids := make([]string, len(res.Estimated))
		for i, id := range res.Estimated {
			ids[i] = strconv.FormatUint(id, 10)
		}
		fmt.Fprintln(a.stderr, a.txt.T("warn.received_estimated", len(ids), strings.Join(ids, ", ")))
	}
	return nil
}
