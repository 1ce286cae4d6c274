package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The end-to-end tests build the desk, run it with --demo inside tmux and
// drive it with keys, as an operator would (see ../shared/docs/peers.md).

// tmuxDesk is the desk running in a private tmux server.
type tmuxDesk struct {
	t    *testing.T
	sock string
	tmp  string
	bin  string
}

func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("SANAPATI_STRICT") == "1" {
			t.Fatal("tmux is not installed, and SANAPATI_STRICT=1 makes that a failure")
		}
		t.Skip("tmux is not installed: the end-to-end tests of the interface need it")
	}
}

// startDesk builds the binary and starts it with --demo in a 100x30 tmux
// session whose clipboard setting lets an OSC 52 write land in a buffer.
func startDesk(t *testing.T) *tmuxDesk {
	t.Helper()
	d := buildDesk(t)
	d.start("● tersambung", "--demo")
	return d
}

// buildDesk builds the binary into a fresh temporary folder that also
// holds the desk's home, so that no real settings are read.
func buildDesk(t *testing.T) *tmuxDesk {
	t.Helper()
	needTmux(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin", "sanapati-desk")
	if err := os.MkdirAll(filepath.Join(tmp, "home"), 0o700); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return &tmuxDesk{t: t, tmp: tmp, bin: bin}
}

// env is the environment the desk runs in: the temporary home, and no
// mailbox from the environment of whoever runs the tests.
func (d *tmuxDesk) env() []string {
	home := filepath.Join(d.tmp, "home")
	return []string{"-u", "SANAPATI_URL", "-u", "SANAPATI_PASSWORD", "-u", "SANAPATI_DB", "-u", "SANAPATI_CONFIG",
		"TMPDIR=" + d.tmp, "HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home}
}

// command runs the desk with args outside tmux, in the desk's environment.
func (d *tmuxDesk) command(args ...string) *exec.Cmd {
	return exec.Command("env", append(append(d.env(), d.bin), args...)...)
}

// start runs the desk with args in a 100x30 tmux session whose clipboard
// setting lets an OSC 52 write land in a buffer, and waits until the
// screen shows ready.
func (d *tmuxDesk) start(ready string, args ...string) {
	t := d.t
	t.Helper()
	conf := filepath.Join(d.tmp, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g set-clipboard on\nset -g remain-on-exit on\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.sock = fmt.Sprintf("sanapati-e2e-%d", time.Now().UnixNano())
	var words []string
	for _, w := range append(append(append([]string{"env"}, d.env()...), d.bin), args...) {
		words = append(words, shellQuote(w))
	}
	cmd := strings.Join(words, " ") + " 2>" + shellQuote(filepath.Join(d.tmp, "stderr"))
	d.tmux("-f", conf, "new-session", "-d", "-s", "desk", "-x", "100", "-y", "30", cmd)
	t.Cleanup(func() { exec.Command("tmux", "-L", d.sock, "kill-server").Run() })
	d.waitFor(ready)
}

// shellQuote quotes s for the shell tmux runs a command with.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (d *tmuxDesk) tmux(args ...string) string {
	d.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", d.sock}, args...)...).CombinedOutput()
	if err != nil {
		d.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (d *tmuxDesk) screen() string { return d.tmux("capture-pane", "-p", "-t", "desk") }

// press sends one key, then waits until the screen shows want.
func (d *tmuxDesk) press(key, want string) {
	d.t.Helper()
	d.tmux("send-keys", "-t", "desk", key)
	d.waitFor(want)
}

func (d *tmuxDesk) waitFor(want string) {
	d.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := d.screen()
		if strings.Contains(s, want) {
			return
		}
		if time.Now().After(deadline) {
			errs, _ := os.ReadFile(filepath.Join(d.tmp, "stderr"))
			d.t.Fatalf("the screen never showed %q:\n%s\nstderr: %s", want, s, errs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestEndToEndNewLetterToCard walks the newest demo message from the Inbox
// to its printed control card with the README's keys, and finds the card's
// PDF where the demo's spooler saved it.
func TestEndToEndNewLetterToCard(t *testing.T) {
	d := startDesk(t)
	d.press("Tab", "Sisa waktu")
	steps := []struct{ key, want string }{
		{"Enter", "enter › pilih penerima"},
		{"Enter", "dipilih)"},
		{"Enter", "penerima dipilih."},
		{"Enter", "salinan disimpan"},
		{"Enter", "nomor agenda diberikan saat disimpan"},
		{"Enter", "Diagendakan dengan nomor 0001/"},
		{"Enter", "Kartu kendali disimpan"},
	}
	for _, s := range steps {
		d.press(s.key, s.want)
	}
	d.waitFor("▶  6 Paraf")
	cards, _ := filepath.Glob(filepath.Join(d.tmp, "sanapati-demo-*", "kertas", "0001-*-kartu.pdf"))
	if len(cards) != 1 {
		t.Fatalf("cards written: %v\n%s", cards, d.screen())
	}
	if b, err := os.ReadFile(cards[0]); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("%s is not a PDF: %v", cards[0], err)
	}
	d.tmux("send-keys", "-t", "desk", "q")
	deadline := time.Now().Add(10 * time.Second)
	for strings.TrimSpace(d.tmux("display", "-p", "-t", "desk", "#{pane_dead}")) != "1" {
		if time.Now().After(deadline) {
			t.Fatalf("q did not end the desk:\n%s", d.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestEndToEndHostileMessage opens the demo message whose subject and body
// carry a window title, a clipboard write, a screen clear and hidden text:
// the pane title, tmux's clipboard buffers and the screen stay the desk's.
func TestEndToEndHostileMessage(t *testing.T) {
	d := startDesk(t)
	d.press("Tab", "Sisa waktu")
	d.press("/", "no. agenda, no. surat")
	d.tmux("send-keys", "-t", "desk", "-l", "Pemeliharaan Jaringan")
	d.press("Enter", `cari "Pemeliharaan Jaringan"`)
	d.press("Enter", "Pusat Operasi Keamanan Siber")
	d.waitFor("Mohon maaf atas ketidaknyamanan ini.")
	s := d.screen()
	for _, bad := range []string{"DIRETAS", "ZWNobyBkaXJldGFz"} {
		if strings.Contains(s, bad) {
			t.Errorf("the screen shows %q:\n%s", bad, s)
		}
	}
	for _, want := range []string{"Hari ini", "› Naskah #", "Perihal  Pemberitahuan Pemeliharaan Jaringan", "▶  2 Penerima"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lost %q (cleared or overwritten?):\n%s", want, s)
		}
	}
	if title := strings.TrimSpace(d.tmux("display", "-p", "-t", "desk", "#{pane_title}")); title != "Sanapati Desk" {
		t.Errorf("pane title = %q, want the desk's own", title)
	}
	if bufs := strings.TrimSpace(d.tmux("list-buffers")); bufs != "" {
		t.Errorf("a clipboard write reached tmux: %s", bufs)
	}
	// The test can fail: a raw OSC 52 from a pane does land in a buffer.
	d.tmux("new-window", "-d", "-t", "desk", `printf '\033]52;c;cHJvYmU=\a'; sleep 2`)
	time.Sleep(700 * time.Millisecond)
	if bufs := d.tmux("list-buffers"); !strings.Contains(bufs, "probe") {
		t.Errorf("an OSC 52 written on purpose did not reach a tmux buffer (%q): the check above proves nothing", bufs)
	}
}

// TestEndToEndCommandLineBesideDesk runs the command line on the running
// demo desk's store: it answers at once (the desk serves it), and the desk
// goes on answering keys.
func TestEndToEndCommandLineBesideDesk(t *testing.T) {
	d := startDesk(t)
	stores, _ := filepath.Glob(filepath.Join(d.tmp, "sanapati-demo-*", "desk.db"))
	if len(stores) != 1 {
		t.Fatalf("found %d demo stores under %s, want 1", len(stores), d.tmp)
	}
	start := time.Now()
	out, err := d.command("--db", stores[0], "list").CombinedOutput()
	took := time.Since(start)
	if err != nil || !strings.Contains(string(out), "Diterima") {
		t.Fatalf("list beside the open desk: err %v, output %q", err, out)
	}
	t.Logf("the command line beside the desk answered in %v", took.Round(time.Millisecond))
	if took > 2*time.Second {
		t.Fatalf("list took %v beside the open desk", took)
	}
	// A step taken from the command line shows on the open desk's screen
	// within a second of the command's end.
	d.press("Tab", "Sisa waktu")
	d.press("Enter", "Naskah #")
	m := regexp.MustCompile(`Naskah #(\d+)`).FindStringSubmatch(d.screen())
	if m == nil {
		t.Fatalf("no letter number on the screen:\n%s", d.screen())
	}
	const routed = "✓  2 Penerima"
	if strings.Contains(d.screen(), routed) {
		t.Fatalf("letter %s shows its recipients chosen before the command line chose them:\n%s", m[1], d.screen())
	}
	if out, err := d.command("--db", stores[0], "route", m[1], "--to", "Walikota").CombinedOutput(); err != nil {
		t.Fatalf("route %s beside the open desk: %v\n%s", m[1], err, out)
	}
	done := time.Now()
	for !strings.Contains(d.screen(), routed) {
		if time.Since(done) > time.Second {
			t.Fatalf("a second after the command line chose the recipients the desk still shows:\n%s", d.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the desk showed the command line's step %v after it ended", time.Since(done).Round(time.Millisecond))
	// A second interface on the same store is refused at once.
	out, err = d.command("--db", stores[0]).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Meja sudah dibuka di jendela lain") {
		t.Fatalf("a second interface: err %v, output %q; want refused", err, out)
	}
}

// TestEndToEndBurst sends the README's 7-key path to a control card in one
// tmux send-keys call, five times on five new letters (the enter path and
// the step-key path in turn), then i i i in one call: each burst ends with
// the card printed and the letter with the examiner, then initialled by
// all three officials.
func TestEndToEndBurst(t *testing.T) {
	d := startDesk(t)
	d.press("Tab", "Sisa waktu")
	paths := [][]string{
		{"Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter"},
		{"Enter", "t", "Enter", "p", "r", "Enter", "c"},
	}
	const runs = 5
	for run := 1; run <= runs; run++ {
		d.tmux(append([]string{"send-keys", "-t", "desk"}, paths[(run-1)%2]...)...)
		d.waitFor(fmt.Sprintf("%04d/", run))
		d.waitFor("▶  6 Paraf")
		d.waitFor("Ke pemeriksa")
		cards, _ := filepath.Glob(filepath.Join(d.tmp, "sanapati-demo-*", "kertas", "*-kartu.pdf"))
		if len(cards) != run {
			t.Fatalf("run %d: %d cards printed, want %d\n%s", run, len(cards), run, d.screen())
		}
		d.tmux("send-keys", "-t", "desk", "i", "i", "i")
		d.waitFor("▶  7 Caraka")
		d.waitFor("Diparaf")
		t.Logf("run %d: card printed, stage forwarded, then three initials", run)
		d.press("Escape", "Sisa waktu")
	}
}

// TestEndToEndHangUp kills the demo's terminal: the desk ends by itself
// (it does not linger without a screen) and removes its folder.
func TestEndToEndHangUp(t *testing.T) {
	d := startDesk(t)
	dirs, _ := filepath.Glob(filepath.Join(d.tmp, "sanapati-demo-*"))
	if len(dirs) != 1 {
		t.Fatalf("found %d demo folders, want 1", len(dirs))
	}
	pid := strings.TrimSpace(d.tmux("display-message", "-p", "-t", "desk", "#{pane_pid}"))
	d.tmux("kill-server")
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := os.Stat(dirs[0])
		gone := exec.Command("kill", "-0", pid).Run() != nil // the pane's shell and the desk in it
		if os.IsNotExist(err) && gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after the hang-up: folder %v (stat %v), process %s gone %v", dirs[0], err, pid, gone)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
