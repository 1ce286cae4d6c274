// Command sanapati-desk is the desk of the Operator Transmisi Sandi: it
// fetches official messages from the Sanapati mailbox, walks each one through
// the 11 steps of the service standard, prints its paper, and keeps the
// working-day clock. With no subcommand it starts the terminal interface;
// every step is also a subcommand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"sanapati-desk/store"
	"sanapati-desk/tui"
)

func main() {
	// ctrl+c (or a service manager's SIGTERM, or the terminal closing)
	// cancels what the command is doing, a print or a fetch, which then
	// ends cleanly and says so; the demo then removes its folder.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// app is what every subcommand works with.
type app struct {
	cfg      config
	dbPath   string
	confPath string
	demo     bool
	txt      *tui.Text
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	db       *store.DB
	// ctx is cancelled by ctrl+c.
	ctx context.Context
	// shared marks a store the open desk lent to a command it runs for the
	// command line (see share.go): the command must not close it.
	shared bool
}

// run parses the global flags, then runs one subcommand or the interface,
// and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run under ctx, which ctrl+c cancels.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, txt: tui.Catalog("id")}
	a.dbPath, a.confPath = defaultPaths()
	fs := flag.NewFlagSet("sanapati-desk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&a.dbPath, "db", a.dbPath, "store file (also SANAPATI_DB)")
	confFlag := fs.String("config", "", "settings file (also SANAPATI_CONFIG)")
	lang := fs.String("lang", "", "language of messages and paper: id or en")
	fs.BoolVar(&a.demo, "demo", false, "run on a built-in demo mailbox with a throwaway store")
	fs.Usage = func() { usage(stderr) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *confFlag != "" {
		a.confPath = *confFlag
	}
	cfg, err := loadConfig(a.confPath, *confFlag != "" || os.Getenv("SANAPATI_CONFIG") != "")
	if err != nil {
		fmt.Fprintln(stderr, "sanapati-desk:", err)
		return 1
	}
	if *lang != "" {
		if *lang != "id" && *lang != "en" {
			fmt.Fprintf(stderr, "sanapati-desk: --lang must be id or en, not %q\n", *lang)
			return 2
		}
		cfg.Lang = *lang
	}
	a.cfg, a.txt = cfg, tui.Catalog(cfg.Lang)

	name, rest := "", fs.Args()
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	cmd, ok := findCommand(name)
	if !ok {
		fmt.Fprintf(stderr, "sanapati-desk: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	// With the desk open on the same store, the desk runs the command.
	if cmd.name != "" && !a.demo {
		if code, ok := a.forward(args); ok {
			return code
		}
	}
	err = cmd.run(a, rest)
	if a.db != nil && !a.shared {
		if cerr := a.db.Close(); err == nil {
			err = cerr
		}
	}
	return a.exitCode(name, err)
}

// exitCode reports err on stderr and returns the exit status: 0, 1 for an
// error, 2 for a mistake in the command line.
func (a *app) exitCode(name string, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "sanapati-desk %s: %v\n", name, ue.error)
		return 2
	default:
		fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(err))
		return 1
	}
}

// usageError is a mistake in a command line.
type usageError struct{ error }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// command is one subcommand.
type command struct {
	name     string
	synopsis string
	run      func(a *app, args []string) error
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sanapati-desk [--db PATH] [--config PATH] [--lang id|en] [--demo] [COMMAND [ARGS]]")
	fmt.Fprintln(w, "\nWith no command, the desk's interface starts. Commands:")
	for _, c := range commands() {
		if c.name != "" {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, c.synopsis)
		}
	}
}

// open opens the store once, with the settings' calendar and operator.
func (a *app) open() (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	cal, err := a.cfg.calendar()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(a.dbPath, store.Options{Calendar: cal, Operator: a.cfg.Operator})
	if err != nil {
		return nil, err
	}
	a.db = db
	// Once per command, and only when an open letter's clock reaches a
	// year whose holiday list is missing.
	years, err := db.UnlistedYears()
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		fmt.Fprintln(a.stderr, a.txt.T("warn.no_calendar", y))
	}
	return db, nil
}

// parseFlags parses flags that may come before or after positional
// arguments, and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

func newFlags(a *app, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	return fs
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
