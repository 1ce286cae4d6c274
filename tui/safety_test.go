package tui

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// sgr matches the only escape sequences the desk itself writes: colours
// and attributes.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// TestHostileLetter opens a message whose headers and body carry escape
// sequences (window title, clipboard, clear screen, hidden and reversed
// text), once as the intake stores it and once written to the store raw:
// nothing of them reaches the terminal.
func TestHostileLetter(t *testing.T) {
	seed := func(db *store.DB) {
		in := mail.NewIncoming(hostile(), testNow.Add(-time.Hour), store.Source{File: "hostile.eml"})
		raw := in
		raw.Raw = append([]byte("X-Copy: 2\r\n"), hostile()...)
		raw.Source = store.Source{File: "raw.eml"}
		raw.From = "Pusat Operasi \x1b]0;DIRETAS\x07<soc@bssn.go.id>"
		raw.Subject = "Pemeliharaan \x1b]52;c;ZWNobyBkaXJldGFz\x07Jaringan \x1b[2J\u202eteks"
		if _, err := db.Add([]store.Incoming{in, raw}); err != nil {
			t.Fatalf("Add() = %v", err)
		}
		settleClasses(t, db)
	}
	for _, sz := range sizes {
		h := newHarness(t, sz[0], sz[1], seed)
		for _, keys := range [][]string{{"tab"}, {"enter"}, {"esc", "j", "enter"}, {"t"}, {"esc", "esc", "tab", "tab"}} {
			h.press(keys...)
			content := h.m.View().Content
			rest := sgr.ReplaceAllString(content, "")
			for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u009d", "\u202e", "\u202c", "DIRETAS", "ZWNobyBkaXJldGFz"} {
				if strings.Contains(rest, bad) {
					t.Fatalf("after %v at %dx%d the frame carries %q:\n%q", keys, sz[0], sz[1], bad, rest)
				}
			}
			if h.m.View().WindowTitle != "Sanapati Desk" {
				t.Fatalf("window title = %q", h.m.View().WindowTitle)
			}
		}
		h = newHarness(t, sz[0], sz[1], seed)
		h.press("tab", "j", "enter")
		h.golden("hostile")
	}
}

// TestNoColor draws without colour when asked (NO_COLOR); with colour the
// same frame has it, so the check can fail.
func TestNoColor(t *testing.T) {
	colour := regexp.MustCompile(`\x1b\[[0-9;:]*[34]8[;:]`)
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "enter")
	if c := h.m.View().Content; colour.MatchString(c) {
		t.Errorf("NoColor frame has colour: %q", colour.FindString(c))
	}
	e := *h.m.e
	e.noColor = false
	coloured := newModel(&e)
	coloured.resize(100, 30)
	if c := coloured.View().Content; !colour.MatchString(c) {
		t.Errorf("the coloured frame has no colour either: the check cannot fail")
	}
}

// TestPanicInCommand shows a panic inside a command in the status line
// instead of crashing.
func TestPanicInCommand(t *testing.T) {
	h := newHarness(t, 100, 30, nil)
	h.run(run(func() tea.Msg { panic("boom") }))
	h.contains("Terjadi kesalahan internal (boom).")
	h.run(job(func() jobMsg { panic("again") }))
	h.contains("Terjadi kesalahan internal (again).")
	if n := h.m.busy(); n != 0 {
		t.Errorf("busy = %d after the failed job", n)
	}
}

// TestQuitAsksWhileBusy asks before quitting while a job runs, and
// then waits for it to end.
func TestQuitAsksWhileBusy(t *testing.T) {
	h := newHarness(t, 100, 30, nil)
	h.send(busyMsg{id: 99})
	h.press("q")
	if h.quit {
		t.Fatal("q quit while a job ran")
	}
	h.contains("Keluar setelah selesai?")
	h.press("n")
	if h.quit || h.m.asking || h.m.quitting {
		t.Fatal("n did not cancel the question")
	}
	h.press("q", "y")
	if h.quit {
		t.Fatal("y quit before the job ended")
	}
	h.contains("Menunggu 1 pekerjaan selesai dan dicatat, lalu keluar")
	h.press("q", "esc", "x")
	if h.quit || !h.m.quitting {
		t.Fatal("a key other than ctrl+c changed the quitting desk")
	}
	h.send(jobMsg{id: 99, note: "done"})
	if !h.quit {
		t.Fatal("the desk did not quit once its job ended")
	}
	h2 := newHarness(t, 100, 30, nil)
	h2.press("q")
	if !h2.quit {
		t.Fatal("q did not quit an idle desk")
	}
}

// TestBusyEitherOrder counts a job right whichever of its start and its
// end tea.Batch delivers first: a job that ended before its start arrived
// does not hide another one that still runs.
func TestBusyEitherOrder(t *testing.T) {
	h := newHarness(t, 100, 30, nil)
	h.send(busyMsg{id: 1})
	h.send(jobMsg{id: 2})
	if n := h.m.busy(); n != 1 {
		t.Fatalf("job 1 runs, job 2 ended before its start: busy = %d, want 1", n)
	}
	h.press("q", "y")
	if h.quit {
		t.Fatal("the desk quit while job 1 ran")
	}
	h.send(busyMsg{id: 2})
	if n := h.m.busy(); n != 1 || h.quit {
		t.Fatalf("job 2's late start: busy = %d, quit = %v", n, h.quit)
	}
	h.send(jobMsg{id: 1})
	if n := h.m.busy(); n != 0 || len(h.m.jobs) != 0 || !h.quit {
		t.Fatalf("both ended: busy = %d, jobs = %v, quit = %v", n, h.m.jobs, h.quit)
	}
}

// TestPasswordPrompt asks for the mailbox password through the interface
// and hands it to the mailbox; nothing of it shows.
func TestPasswordPrompt(t *testing.T) {
	h := newHarness(t, 80, 24, nil)
	p := NewPrompter()
	got := make(chan string, 1)
	go func() {
		pw, err := p.Ask(t.Context(), "operator", "mail.pekalongankota.go.id")
		if err != nil {
			pw = "error: " + err.Error()
		}
		got <- pw
	}()
	h.send(runCmd(p.wait()))
	h.typeText("s3kret!")
	h.golden("password")
	if strings.Contains(h.screen(), "s3kret") {
		t.Fatal("the password shows on screen")
	}
	h.press("enter")
	if pw := <-got; pw != "s3kret!" {
		t.Fatalf("Ask() = %q", pw)
	}
	// Declining answers with ErrPromptCancelled.
	go func() {
		_, err := p.Ask(t.Context(), "operator", "host")
		got <- err.Error()
	}()
	h.send(runCmd(p.wait()))
	h.press("esc")
	if e := <-got; e != ErrPromptCancelled.Error() {
		t.Fatalf("Ask() after esc = %q", e)
	}
}

// TestIntakeStates shows the mailbox's state on the Inbox: syncing with a
// progress bar, new letters arriving, offline with the reason and retry.
func TestIntakeStates(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab")
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateSyncing, At: testNow, Progress: mail.Progress{Messages: 120, Total: 500}}})
	h.contains("⟳ Mengambil naskah 120 dari 500", "[======", "⟳ sinkron")
	h.golden("intake-syncing")
	in := mail.NewIncoming(deskMessages[1].raw(), testNow, store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: 99})
	in.Raw = append([]byte("X-Resent: 1\r\n"), in.Raw...)
	if _, err := h.db.Add([]store.Incoming{in}); err != nil {
		t.Fatal(err)
	}
	settleClasses(t, h.db)
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateWatching, At: testNow, Idle: true, Result: mail.SyncResult{New: 1, Added: []uint64{6}}}})
	h.contains("1 naskah baru masuk.", "1-4 dari 4", "● tersambung", "terakhir 09.00 WIB")
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateOffline, At: testNow, Err: errors.New("dial tcp: connection refused"), Retry: testNow.Add(30 * time.Second)}})
	h.contains("○ Luring: Gagal: dial tcp: connection refused.", "Coba lagi pukul 09.00 WIB.")
	h.send(intakeMsg{ok: true, ev: mail.Event{State: mail.StateStopped, At: testNow, Err: mail.ErrAuth}})
	h.contains("Kotak surat berhenti: nama pengguna atau kata sandi ditolak.")
	h.golden("intake-stopped")
}

// TestAttachments saves the selected attachment byte-exact, and opens it
// with the system's viewer.
func TestAttachments(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	var opened string
	h.m.e.open = func(p string) error { opened = p; return nil }
	h.press("tab", "enter", "s")
	path := filepath.Join(h.spool, "undangan-rakor.pdf")
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "%PDF-1.4\n% test attachment\n%%EOF\n" {
		t.Fatalf("saved attachment %s = %q, %v", path, b, err)
	}
	h.contains("Lampiran disimpan: $SPOOL/undangan-rakor.pdf")
	h.press("o")
	if filepath.Base(opened) != "undangan-rakor.pdf" {
		t.Fatalf("opened %q", opened)
	}
	os.RemoveAll(filepath.Dir(opened))
	// With no viewer on the machine the desk says so, in its words, and
	// where the file is.
	t.Setenv("PATH", t.TempDir())
	h.m.e.open = openWithSystem
	h.press("o")
	if !h.m.isErr || !strings.HasPrefix(h.m.status, "Tidak ada program untuk membuka lampiran di komputer ini; lampiran disimpan di ") {
		t.Errorf("status %q (error %v), want the sentence for a missing viewer", h.m.status, h.m.isErr)
	} else if p, _, ok := strings.Cut(strings.TrimPrefix(h.m.status, "Tidak ada program untuk membuka lampiran di komputer ini; lampiran disimpan di "), ": bukalah"); ok {
		os.RemoveAll(filepath.Dir(p))
	}
	h.press("esc", "j", "enter", "s")
	h.contains("Naskah ini tidak berlampiran.")
}
