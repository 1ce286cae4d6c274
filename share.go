package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sanapati-desk/tui"
	"slices"
	"strings"
	"sync"
	"time"
)

// The open desk and the command line share the store: bbolt lets one
// process hold the file, so while the interface runs it listens on a Unix
// socket beside the store (owner-only), and a command given on the command
// line for that store is sent there and run by the desk, against its open
// store, with the same rules and sentences. Its output comes back as it is
// written, and the interface shows the change at once. A second interface
// on the same store is refused at once, as before.

// socketPath is where the desk listens for the store at dbPath: beside
// it, or, when that path is too long for a Unix socket, in the user's
// runtime folder under a name made from it.
func socketPath(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		abs = dbPath
	}
	p := abs + ".sock"
	if len(p) < 100 {
		return p
	}
	sum := sha256.Sum256([]byte(abs))
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "sanapati-desk-"+hex.EncodeToString(sum[:8])+".sock")
}

// request is what the command line sends: its arguments, global flags
// included, with file names made absolute.
type request struct {
	Args []string `json:"args"`
}

// frame is one piece of what the desk sends back: output, or the exit
// status that ends the answer.
type frame struct {
	Out  string `json:"o,omitempty"`
	Err  string `json:"e,omitempty"`
	Code *int   `json:"code,omitempty"`
}

// forward sends the command line args to a desk open on the same store
// and copies its answer; ok is false when no desk is listening, and the
// command then runs here.
func (a *app) forward(args []string) (code int, ok bool) {
	path := socketPath(a.dbPath)
	if _, err := os.Stat(path); err != nil {
		return 0, false
	}
	conn, err := net.DialTimeout("unix", path, time.Second)
	if err != nil {
		return 0, false // a socket left behind by a desk that was killed
	}
	defer conn.Close()
	if a.ctx.Err() != nil {
		fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(context.Canceled))
		return 1, true
	}
	cwd, _ := os.Getwd()
	if err := json.NewEncoder(conn).Encode(request{Args: absolute(args, cwd)}); err != nil {
		return 0, false
	}
	// ctrl+c closes the connection, which cancels the command in the desk.
	stop := context.AfterFunc(a.ctx, func() { conn.Close() })
	defer stop()
	dec := json.NewDecoder(conn)
	for {
		var f frame
		if err := dec.Decode(&f); err != nil {
			if a.ctx.Err() != nil {
				fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(context.Canceled))
				return 1, true
			}
			fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.T("share.lost"))
			return 1, true
		}
		io.WriteString(a.stdout, f.Out)
		io.WriteString(a.stderr, f.Err)
		if f.Code != nil {
			return *f.Code, true
		}
	}
}

// fileFlags are the flags whose value is a file or folder name;
// valueFlags the other global flags that take a value.
var (
	fileFlags  = []string{"o", "set", "load", "db", "config"}
	valueFlags = []string{"lang"}
)

// fileArgs are the commands whose arguments are file names.
var fileArgs = []string{"import", "backup"}

// absolute makes the file names in args absolute from cwd, so that the
// desk, which runs elsewhere, reads and writes the same files.
func absolute(args []string, cwd string) []string {
	out := slices.Clone(args)
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(cwd, p)
	}
	command := ""
	for i := 0; i < len(out); i++ {
		arg := out[i]
		if strings.HasPrefix(arg, "-") {
			flagName, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
			switch {
			case hasValue && slices.Contains(fileFlags, flagName):
				out[i] = "--" + flagName + "=" + abs(value)
			case hasValue:
			case slices.Contains(fileFlags, flagName) && i+1 < len(out):
				out[i+1] = abs(out[i+1])
				i++
			case command == "" && slices.Contains(valueFlags, flagName):
				i++
			}
			continue
		}
		if command == "" {
			command = arg
			continue
		}
		if slices.Contains(fileArgs, command) {
			out[i] = abs(arg)
		}
	}
	return out
}

// serveCommands runs, for the command line, the commands given for the
// store the desk has open, until ctx ends; changed is told after each
// command, so that the interface reloads what it shows. It returns a
// function that stops listening and removes the socket.
func (a *app) serveCommands(ctx context.Context, changed chan<- struct{}) (func(), error) {
	path := socketPath(a.dbPath)
	ln, err := listenOwnerOnly(path)
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				a.serveOne(ctx, conn)
				select {
				case changed <- struct{}{}:
				default: // a reload is already due
				}
			}()
		}
	}()
	stop := func() {
		ln.Close()
		os.Remove(path)
		wg.Wait()
	}
	return stop, nil
}

// listenOwnerOnly listens on a Unix socket only its owner may connect
// to; a socket a killed desk left behind is replaced.
func listenOwnerOnly(path string) (net.Listener, error) {
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("another desk already serves this store at %s", path)
	}
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listen for the command line: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("listen for the command line: %w", err)
	}
	return ln, nil
}

// frameWriter sends what a command writes to one stream as frames.
type frameWriter struct {
	mu     *sync.Mutex
	enc    *json.Encoder
	stderr bool
}

func (w frameWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f := frame{Out: string(p)}
	if w.stderr {
		f = frame{Err: string(p)}
	}
	if err := w.enc.Encode(f); err != nil {
		return 0, err
	}
	return len(p), nil
}

// serveOne runs one command line's command against the desk's open store.
func (a *app) serveOne(ctx context.Context, conn net.Conn) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	var req request
	dec := json.NewDecoder(io.LimitReader(conn, 1<<20))
	if err := dec.Decode(&req); err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The command line hung up (ctrl+c): the command is cancelled.
	go func() {
		io.Copy(io.Discard, conn)
		cancel()
	}()
	var mu sync.Mutex
	enc := json.NewEncoder(conn)
	out, errOut := frameWriter{&mu, enc, false}, frameWriter{&mu, enc, true}
	code := a.runShared(ctx, req.Args, out, errOut)
	mu.Lock()
	defer mu.Unlock()
	enc.Encode(frame{Code: &code})
}

// runShared runs a command line against the desk's open store: the global
// flags are read as on the command line, but the store is the desk's.
func (a *app) runShared(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	r := &app{ctx: ctx, cfg: a.cfg, dbPath: a.dbPath, confPath: a.confPath, txt: a.txt,
		stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, db: a.db, shared: true}
	var lang string
	name, rest := "", []string(nil)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		flagName, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch {
		case !strings.HasPrefix(arg, "-"):
			name, rest = arg, args[i+1:]
			i = len(args)
		case flagName == "lang":
			if !hasValue && i+1 < len(args) {
				value, i = args[i+1], i+1
			}
			lang = value
		case flagName == "db" || flagName == "config":
			if !hasValue {
				i++
			}
		}
	}
	if lang == "id" || lang == "en" {
		r.cfg.Lang, r.txt = lang, tui.Catalog(lang)
	}
	cmd, ok := findCommand(name)
	if !ok || name == "" {
		return r.exitCode(name, usagef("unknown command %q", name))
	}
	return r.exitCode(name, cmd.run(r, rest))
}
