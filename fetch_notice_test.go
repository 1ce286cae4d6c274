package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
)

// TestFetchRetryNoticeSanitised: a server that first answers LOGIN with
// NO [UNAVAILABLE] and escape sequences gets a retry notice that is the
// operator's sentence, with nothing that can act on the terminal, and the
// next attempt syncs.
func TestFetchRetryNoticeSanitised(t *testing.T) {
	honest, _ := startMemMailbox(t)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for n := 0; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if n == 0 {
				go func() {
					defer c.Close()
					io.WriteString(c, "* OK [CAPABILITY IMAP4rev1] ready\r\n")
					l, err := bufio.NewReader(c).ReadString('\n')
					if err != nil {
						return
					}
					tag, _, _ := strings.Cut(l, " ")
					fmt.Fprintf(c, "%s NO [UNAVAILABLE] \x1b]0;DIRETAS\x07down for maintenance\x1b[2J\r\n", tag)
				}()
				continue
			}
			s, err := net.Dial("tcp", honest)
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()

	t.Setenv("SANAPATI_URL", "imap://operator@"+ln.Addr().String()+"/INBOX")
	t.Setenv("SANAPATI_PASSWORD", "rahasia")
	d := newDesk(t)
	code, out, errOut := d.run("fetch")
	if code != 0 {
		t.Fatalf("fetch: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "0 naskah baru") {
		t.Errorf("fetch printed %q", out)
	}
	if !strings.Contains(errOut, "tidak dapat melayani") || !strings.Contains(errOut, "down for maintenance") ||
		!strings.Contains(errOut, "Mencoba lagi dalam") {
		t.Errorf("retry notice %q does not give the sentence", errOut)
	}
	// The notice's own CR, at a line's start, clears a progress bar.
	for _, r := range strings.ReplaceAll(strings.TrimPrefix(errOut, "\r"), "\n\r", "\n") {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) {
			t.Errorf("retry notice %q holds control byte %U", errOut, r)
			break
		}
	}
}
