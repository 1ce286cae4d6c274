//go:build linux

package mail

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// noopRuns is how many times the bench times each side of the no-op
// comparison; it compares medians.
const noopRuns = 20

// bareSession is the least an IMAP client can do to learn that nothing is
// new, written on a plain socket so that it is the floor of a no-op fetch:
// connect, STARTTLS, TLS handshake, LOGIN, STATUS INBOX (MESSAGES UIDNEXT
// UIDVALIDITY), LOGOUT, each command waiting for its tagged answer.
func bareSession(d *Dovecot, cfg *tls.Config) error {
	raw, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(d.Port)))
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(raw)
	if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("greeting %q: %v", line, err)
	}
	if err := bareCommand(raw, r, "a", "STARTTLS"); err != nil {
		return err
	}
	if r.Buffered() > 0 {
		return fmt.Errorf("the server sent %d bytes before the TLS handshake", r.Buffered())
	}
	c := tls.Client(raw, cfg)
	if err := c.Handshake(); err != nil {
		return fmt.Errorf("TLS handshake: %w", err)
	}
	tr := bufio.NewReader(c)
	for _, cmd := range []string{
		"LOGIN " + strconv.Quote(d.User) + " " + strconv.Quote(d.Password),
		"STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)",
		"LOGOUT",
	} {
		if err := bareCommand(c, tr, "b", cmd); err != nil {
			return err
		}
	}
	return nil
}

// bareCommand sends one command and reads to its tagged answer, which must
// be OK.
func bareCommand(w io.Writer, r *bufio.Reader, tag, cmd string) error {
	if _, err := fmt.Fprintf(w, "%s %s\r\n", tag, cmd); err != nil {
		return err
	}
	name, _, _ := strings.Cut(cmd, " ")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if rest, ok := strings.CutPrefix(line, tag+" "); ok {
			if !strings.HasPrefix(rest, "OK") {
				return fmt.Errorf("%s: %s", name, strings.TrimSpace(line))
			}
			return nil
		}
	}
}

// benchNoop times, noopRuns times each and in turns, a bare STARTTLS
// session in this process, the desk's `fetch` with nothing new as a whole
// process (the built binary, imap:// on loopback, so STARTTLS) on the store
// at dbPath, and the bare session as a process of its own, and returns the
// medians. In turns, so that a slow moment of the machine falls on all
// three alike.
func benchNoop(t *testing.T, d *Dovecot, dbPath string) (bare, desk, bareProc time.Duration) {
	t.Helper()
	pem, err := os.ReadFile(d.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}

	bin := buildDesk(t)
	tmp := t.TempDir()
	confPath := filepath.Join(tmp, "desk.toml")
	url := fmt.Sprintf("imap://%s@localhost:%d/INBOX", d.User, d.Port)
	if err := os.WriteFile(confPath, []byte(fmt.Sprintf("[mail]\nurl = %q\nca-file = %q\n", url, d.CAFile)), 0o600); err != nil {
		t.Fatal(err)
	}
	fetch := func() error {
		cmd := exec.Command(bin, "--db", dbPath, "--config", confPath, "fetch", "--json")
		cmd.Env = append(os.Environ(), EnvPassword+"="+d.Password, "HOME="+tmp,
			"XDG_CONFIG_HOME="+filepath.Join(tmp, "config"), "XDG_DATA_HOME="+filepath.Join(tmp, "data"))
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("sanapati-desk fetch: %v\n%s%s", err, out, exitStderr(err))
		}
		var res struct{ New *int }
		if err := json.Unmarshal(out, &res); err != nil || res.New == nil || *res.New != 0 {
			return fmt.Errorf("sanapati-desk fetch with nothing new printed %s (%v)", out, err)
		}
		return nil
	}
	client := buildProgram(t, "bareclient", bareClientSource)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(d.Port))
	clientProc := func() error {
		if out, err := exec.Command(client, addr, d.CAFile, d.User, d.Password).CombinedOutput(); err != nil {
			return fmt.Errorf("bare client: %v\n%s", err, out)
		}
		return nil
	}
	sides := []func() error{
		func() error { return bareSession(d, cfg) },
		fetch,
		clientProc,
	}
	// One of each first: the binaries and their libraries into the page
	// cache, Dovecot's login processes started.
	for _, run := range sides {
		if err := run(); err != nil {
			t.Fatal(err)
		}
	}
	times := make([][]time.Duration, len(sides))
	for i := range noopRuns {
		for k := range sides {
			// Each side goes first in a third of the rounds.
			j := (k + i) % len(sides)
			start := time.Now()
			if err := sides[j](); err != nil {
				t.Fatal(err)
			}
			times[j] = append(times[j], time.Since(start))
		}
	}
	return median(times[0]), median(times[1]), median(times[2])
}

// buildProgram builds the Go program src, a main package of the standard
// library only, and returns the binary's path.
func buildProgram(t *testing.T, name, src string) string {
	t.Helper()
	sub := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "go.mod"), []byte("module "+name+"\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(sub, name)
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = sub
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", name, err, out)
	}
	return bin
}

// bareClientSource is bareSession as a program of its own: the least a Go
// process can do to learn that nothing is new, start and exit included.
const bareClientSource = `package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
)

func command(w io.Writer, r *bufio.Reader, tag, cmd string) {
	fmt.Fprintf(w, "%s %s\r\n", tag, cmd)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			fmt.Fprintln(os.Stderr, cmd, err)
			os.Exit(1)
		}
		if rest, ok := strings.CutPrefix(line, tag+" "); ok {
			if !strings.HasPrefix(rest, "OK") {
				fmt.Fprintln(os.Stderr, line)
				os.Exit(1)
			}
			return
		}
	}
}

func main() {
	addr, caFile, user, password := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	pem, err := os.ReadFile(caFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r := bufio.NewReader(raw)
	if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "* OK") {
		fmt.Fprintln(os.Stderr, "greeting", line, err)
		os.Exit(1)
	}
	command(raw, r, "a", "STARTTLS")
	c := tls.Client(raw, &tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12})
	if err := c.Handshake(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tr := bufio.NewReader(c)
	command(c, tr, "b", fmt.Sprintf("LOGIN %q %q", user, password))
	command(c, tr, "c", "STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)")
	command(c, tr, "d", "LOGOUT")
	raw.Close()
}
`

// emptyProgram times, noopRuns times, a Go program that does nothing, and
// returns the median: what any Go process costs to start and end here.
func emptyProgram(t *testing.T) time.Duration {
	t.Helper()
	empty := buildProgram(t, "empty", "package main\n\nfunc main() {}\n")
	var times []time.Duration
	for i := 0; i <= noopRuns; i++ {
		start := time.Now()
		if out, err := exec.Command(empty).CombinedOutput(); err != nil {
			t.Fatalf("empty program: %v\n%s", err, out)
		}
		if i > 0 {
			times = append(times, time.Since(start))
		}
	}
	return median(times)
}

// median is the middle of ds (the mean of the two middle ones for an even
// count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
