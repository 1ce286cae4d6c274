package print

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// startCUPS runs a private cupsd for the test, on a socket in a folder of
// its own, and points lp at it through CUPS_SERVER.
func startCUPS(t *testing.T) {
	t.Helper()
	need(t, "cupsd", "lp", "lpadmin", "lpstat", "cupsreject")
	// Not t.TempDir: cupsd runs its backends as the lp user, who must be
	// able to reach the spooled files, and t.TempDir's parent is private.
	dir, err := os.MkdirTemp("", "sanapati-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, sub := range []string{"", "spool", "cache", "state", "tmp", "log", "ppd"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chmod(filepath.Join(dir, sub), 0o755)
	}
	sock := filepath.Join(dir, "cups.sock")
	conf := fmt.Sprintf(`Listen %s
LogLevel warn
Browsing Off
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
`, sock)
	files := fmt.Sprintf(`ServerRoot %[1]s
RequestRoot %[1]s/spool
StateDir %[1]s/state
CacheDir %[1]s/cache
TempDir %[1]s/tmp
ErrorLog %[1]s/log/error_log
AccessLog %[1]s/log/access_log
PageLog %[1]s/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
Sandboxing Relaxed
`, dir)
	// cupsd refuses to run its children as root, and as any other user it
	// can only run them as itself.
	if os.Getuid() != 0 {
		if u, err := user.Current(); err == nil {
			files += "User " + u.Username + "\n"
			if g, err := user.LookupGroupId(u.Gid); err == nil {
				files += "Group " + g.Name + "\n"
			}
		}
	}
	confPath, filesPath := filepath.Join(dir, "cupsd.conf"), filepath.Join(dir, "cups-files.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filesPath, []byte(files), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(program("cupsd"), "-f", "-c", confPath, "-s", filesPath)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start cupsd: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	t.Setenv("CUPS_SERVER", sock)
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "log", "error_log"))
			t.Fatalf("cupsd exited: %v\n%s\n%s", err, out.String(), log)
		default:
		}
		if o, _ := exec.Command(program("lpstat"), "-r").Output(); strings.Contains(string(o), "scheduler is running") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cupsd did not answer on %s within 15 s:\n%s", sock, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// jetdirect listens like a network printer on port 9100 would and keeps
// every byte it is sent.
type jetdirect struct {
	ln  net.Listener
	mu  sync.Mutex
	got bytes.Buffer
}

func listenJetdirect(t *testing.T) *jetdirect {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	j := &jetdirect{ln: ln}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				b, _ := io.ReadAll(c)
				j.mu.Lock()
				j.got.Write(b)
				j.mu.Unlock()
			}()
		}
	}()
	return j
}

func (j *jetdirect) received() []byte {
	j.mu.Lock()
	defer j.mu.Unlock()
	return bytes.Clone(j.got.Bytes())
}

// waitFor waits until the printer has received n bytes or more.
func (j *jetdirect) waitFor(t *testing.T, n int) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := j.received(); len(got) >= n {
			time.Sleep(300 * time.Millisecond) // anything more would be a stray copy
			return j.received()
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := j.received()
	t.Fatalf("the printer received %d bytes within 20 s, want %d", len(got), n)
	return nil
}

func lpadmin(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command(program("lpadmin"), args...).CombinedOutput(); err != nil {
		t.Fatalf("lpadmin %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestCUPS prints a control card with three copies through a real, private
// CUPS to a socket queue and checks that exactly the card's bytes came out
// three times; then that a missing queue and a queue refusing jobs are
// told apart.
func TestCUPS(t *testing.T) {
	startCUPS(t)
	printer := listenJetdirect(t)
	// A raw queue sends the PDF as it is, as it would to a printer that
	// reads PDF itself.
	lpadmin(t, "-p", "desk", "-E", "-v", "socket://"+printer.ln.Addr().String(), "-m", "raw")

	var card bytes.Buffer
	l := testLetter()
	if err := ControlCard(&card, l, testOptions()); err != nil {
		t.Fatalf("ControlCard() = %v", err)
	}
	s := &Spooler{Dir: t.TempDir(), Printer: "desk"}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	path, err := s.Print(ctx, Document{Name: FileName(l, KindCard, "", ""), PDF: card.Bytes(), Copies: 3})
	if err != nil {
		t.Fatalf("Print() = %v", err)
	}
	if filepath.Base(path) != "0042-2026-kartu.pdf" {
		t.Fatalf("Print() saved %s, want 0042-2026-kartu.pdf", path)
	}
	want := bytes.Repeat(card.Bytes(), 3)
	if got := printer.waitFor(t, len(want)); !bytes.Equal(got, want) {
		t.Fatalf("the printer received %d bytes, want the card's %d bytes three times (equal prefix: %v)",
			len(got), len(card.Bytes()), bytes.HasPrefix(got, card.Bytes()))
	}

	var se *SpoolError
	s.Printer = "no-such-printer"
	if _, err := s.Print(ctx, Document{Name: "x", PDF: card.Bytes()}); !errors.As(err, &se) || se.Code != SpoolNoPrinter {
		t.Fatalf("Print() to a missing queue = %v, want %s", err, SpoolNoPrinter)
	}
	if out, err := exec.Command(program("cupsreject"), "desk").CombinedOutput(); err != nil {
		t.Fatalf("cupsreject: %v %s", err, out)
	}
	s.Printer = "desk"
	if _, err := s.Print(ctx, Document{Name: "x", PDF: card.Bytes()}); !errors.As(err, &se) || se.Code != SpoolRejected {
		t.Fatalf("Print() to a queue refusing jobs = %v, want %s", err, SpoolRejected)
	}
}
