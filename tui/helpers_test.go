package tui

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var wib = time.FixedZone("WIB", 7*3600)

// testNow is the desk's clock in every test: Friday 27 November 2026,
// 09.00 WIB.
var testNow = time.Date(2026, 11, 27, 9, 0, 0, 0, wib)

// harness drives a Model the way Bubble Tea does, but synchronously: each
// command runs to its message, which goes back into Update, until nothing
// is left to do.
type harness struct {
	t     *testing.T
	db    *store.DB
	m     Model
	spool string
	quit  bool
}

type harnessOpt func(*Config)

func withLang(lang string) harnessOpt { return func(c *Config) { c.Text = Catalog(lang) } }

func withIntake(ch <-chan mail.Event) harnessOpt { return func(c *Config) { c.Intake = ch } }

func newHarness(t testing.TB, w, h int, seed func(db *store.DB), opts ...harnessOpt) *harness {
	t.Helper()
	return newHarnessAt(t, testNow, w, h, seed, opts...)
}

// newHarnessAt is newHarness with the desk's clock at now.
func newHarnessAt(t testing.TB, now time.Time, w, h int, seed func(db *store.DB), opts ...harnessOpt) *harness {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{
		Now: func() time.Time { return now }, Operator: "operator", NoSync: true,
	})
	if err != nil {
		t.Fatalf("store.Open() = %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if seed != nil {
		seed(db)
	}
	spool := t.TempDir()
	cfg := Config{
		DB: db, NoColor: true, Settings: [][2]string{{"Printer", "save only"}},
		Paperwork: &paperwork.Clerk{Spooler: &print.Spooler{Dir: spool}, Options: print.Options{Deterministic: true}, PrintAttachments: true},
	}
	for _, o := range opts {
		o(&cfg)
	}
	m := New(cfg)
	m.e.tick = false
	tt, _ := t.(*testing.T)
	hs := &harness{t: tt, db: db, m: m, spool: spool}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send gives msg to the model and runs what it asks for.
func (h *harness) send(msg tea.Msg) {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

// run runs cmd and everything it leads to, in order.
func (h *harness) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			panic("harness: the model never settles")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runCmd(c)
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			next, cmd := h.m.Update(msg)
			h.m = next.(Model)
			queue = append(queue, cmd)
		}
	}
}

// runCmd runs one command, failing loudly when it blocks (a tick, a
// channel nobody writes to): tests must not wait on the clock.
func runCmd(c tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(20 * time.Second):
		panic("harness: a command blocked for 20 s")
	}
}

// press sends keys by name: "enter", "esc", "tab", "shift+tab", "up",
// "down", "space", "pgdown", "ctrl+c", or a single character.
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText sends each character of s as a key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(keyMsg(string(r)))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"left":      {Code: tea.KeyLeft},
		"right":     {Code: tea.KeyRight},
		"pgdown":    {Code: tea.KeyPgDown},
		"pgup":      {Code: tea.KeyPgUp},
		"space":     {Code: tea.KeySpace, Text: " "},
		"backspace": {Code: tea.KeyBackspace},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+r":    {Code: 'r', Mod: tea.ModCtrl},
	}
	if m, ok := special[k]; ok {
		return m
	}
	r := []rune(k)[0]
	if unicode.IsUpper(r) {
		return tea.KeyPressMsg{Code: unicode.ToLower(r), ShiftedCode: r, Text: k, Mod: tea.ModShift}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the frame as a terminal without colour shows it.
func (h *harness) screen() string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.NoTTY}
	fmt.Fprint(w, h.m.View().Content)
	out := b.String()
	if h.spool != "" {
		out = strings.ReplaceAll(out, h.spool, "$SPOOL")
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// golden compares the screen with testdata/name-WxH.golden; -update
// rewrites it.
func (h *harness) golden(name string) {
	h.t.Helper()
	got := h.screen()
	path := filepath.Join("testdata", fmt.Sprintf("%s-%dx%d.golden", name, h.m.w, h.m.h))
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			h.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("read golden %s: %v (run go test ./tui/ -update)", path, err)
	}
	if got != string(want) {
		h.t.Errorf("screen differs from %s (go test ./tui/ -run %s -update to accept):\n--- got\n%s\n--- want\n%s", path, h.t.Name(), got, want)
	}
}

// contains fails unless the screen shows each of texts.
func (h *harness) contains(texts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, x := range texts {
		if !strings.Contains(s, x) {
			h.t.Errorf("screen lacks %q:\n%s", x, s)
		}
	}
}

// letterAt returns the stored letter id.
func (h *harness) letter(id uint64) *store.Letter {
	h.t.Helper()
	l, err := h.db.Letter(id)
	if err != nil {
		h.t.Fatalf("Letter(%d) = %v", id, err)
	}
	return l
}

// sizes are the terminal sizes every golden is taken at.
var sizes = [][2]int{{80, 24}, {120, 40}}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
