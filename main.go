// Command sanapati-desk is the desk of the Operator Transmisi Sandi: it
// fetches official messages from the Sanapati mailbox, walks each one through
// the 11 steps of the service standard, prints its paper, and keeps the
// working-day clock. With no subcommand it starts the terminal interface;
// every step is also a subcommand.
package main

import (
	"bytes"
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
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dbPath, "db", a.dbPath, "store file (also SANAPATI_DB)")
	confFlag := fs.String("config", "", "settings file (also SANAPATI_CONFIG)")
	lang := fs.String("lang", "", "language of messages and paper: id or en")
	fs.BoolVar(&a.demo, "demo", false, "run on a built-in demo mailbox with a throwaway store")
	if err := fs.Parse(args); err != nil {
		a.cfg.Lang, a.txt = "id", tui.Catalog(langOf(args))
		if errors.Is(err, flag.ErrHelp) {
			a.usage(stdout, fs)
			return 0
		}
		fmt.Fprintln(stderr, "sanapati-desk:", a.txt.Helpf(flagError(err)))
		a.usage(stderr, fs)
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
			fmt.Fprintln(stderr, "sanapati-desk:", a.txt.Helpf("--lang must be id or en, not %q", *lang))
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
		fmt.Fprintln(stderr, "sanapati-desk:", a.txt.Helpf("unknown command %q", name))
		a.usage(stderr, fs)
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
	var (
		ue usageError
		he helpShown
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &he):
		io.WriteString(a.stdout, string(he))
		return 0
	case errors.As(err, &ue) && ue.err != nil:
		fmt.Fprintf(a.stderr, "sanapati-desk %s: %s\n", name, a.txt.Sentence(ue.err))
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "sanapati-desk %s: %s\n", name, a.txt.Helpf(ue.format, ue.args...))
		return 2
	default:
		fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(err))
		return 1
	}
}

// usageError is a mistake in a command line: a format the catalogue says
// in the operator's language, or an error of the store's that says it.
type usageError struct {
	format string
	args   []any
	err    error
}

func (e usageError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return fmt.Sprintf(e.format, e.args...)
}

func usagef(format string, args ...any) error { return usageError{format: format, args: args} }

// badInput is a mistake in a command line that the store found (a
// channel, class or stage it does not know).
func badInput(err error) error { return usageError{err: err} }

// helpShown is the help a command printed for -h or --help.
type helpShown string

func (helpShown) Error() string { return "help" }

// flagError turns an error of the flag package into a catalogue format
// and its argument.
func flagError(err error) (string, any) {
	msg := err.Error()
	for _, prefix := range []string{"flag provided but not defined: ", "flag needs an argument: "} {
		if name, ok := strings.CutPrefix(msg, prefix); ok {
			return prefix + "%s", name
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if i := strings.Index(rest, " for flag "); i >= 0 {
			name, _, _ := strings.Cut(rest[i+len(" for flag "):], ":")
			return "invalid value for flag %s", name
		}
	}
	return "%s", msg
}

// langOf finds --lang in args before the flags were read, for the
// language of a mistake in them.
func langOf(args []string) string {
	for i, arg := range args {
		if v, ok := strings.CutPrefix(strings.TrimLeft(arg, "-"), "lang="); ok && strings.HasPrefix(arg, "-") {
			return v
		}
		if strings.TrimLeft(arg, "-") == "lang" && strings.HasPrefix(arg, "-") && i+1 < len(args) {
			return args[i+1]
		}
	}
	return "id"
}

// command is one subcommand.
type command struct {
	name     string
	synopsis string
	run      func(a *app, args []string) error
}

// usage prints the global usage: the global flags and every command.
func (a *app) usage(w io.Writer, fs *flag.FlagSet) {
	t := a.txt
	fmt.Fprintln(w, t.Help("usage: sanapati-desk [--db PATH] [--config PATH] [--lang id|en] [--demo] [COMMAND [ARGS]]"))
	a.flagHelp(w, fs)
	fmt.Fprintln(w, "\n"+t.Help("With no command, the desk's interface starts. Commands:"))
	for _, c := range commands() {
		if c.name != "" {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, t.Help(c.synopsis))
		}
	}
}

// flagHelp lists the flags of fs in the catalogue's language.
func (a *app) flagHelp(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, _ := flag.UnquoteUsage(f)
		if name != "" {
			name = a.txt.Help(name)
		}
		fmt.Fprintf(w, "  -%s %s\n    \t%s\n", f.Name, name, a.txt.Help(f.Usage))
	})
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
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpShown(fs.Output().(*bytes.Buffer).String())
		} else if err != nil {
			format, arg := flagError(err)
			return nil, usagef(format, arg)
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

// newFlags makes the flag set of a command; its help, for -h or --help,
// is in the catalogue's language, and parseFlags hands it back as a
// helpShown.
// parseNoArgs parses the flags of a command that takes no other argument.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}

func newFlags(a *app, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	help := &bytes.Buffer{}
	fs.SetOutput(help)
	fs.Usage = func() {
		help.Reset()
		synopsis := ""
		if c, ok := findCommand(name); ok {
			synopsis = a.txt.Help(c.synopsis)
		}
		fmt.Fprintln(help, a.txt.Helpf("usage: sanapati-desk %s %s", name, synopsis))
		fmt.Fprintln(help, a.txt.Help("Flags:"))
		a.flagHelp(help, fs)
	}
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
