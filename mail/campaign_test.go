//go:build linux

package mail

// The intake's proof campaigns (issue 6): against a private Dovecot holding
// 2,000 messages,
//
//   - TestCampaignCrashDuringSync kills `sanapati-desk fetch` with SIGKILL
//     at 20 random moments of a sync and restarts it each time;
//   - TestCampaignCutLines drops the connection at random byte offsets, at
//     least 30 times, during one mail.Sync;
//
// and both then check that every message is in the store exactly once,
// byte-exact to what Dovecot serves, and that the store verifies. Each
// prints one line of figures, "N runs, K kills, 0 lost, 0 duplicated", in
// the test log and in the file $SANAPATI_FIGURES names (see figures).
// SANAPATI_CAMPAIGN_SEED=N replays the random choices of a run whose seed
// it printed (the timing, and so some outcomes, may differ).

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// Campaign sizes.
const (
	campaignMessages = 2000 // in the mailbox, the large ones included
	campaignLarge    = 5    // of about 1 MB each
	campaignKills    = 20   // SIGKILLs in the crash campaign
	campaignCuts     = 36   // dropped connections in the cut-lines campaign
)

// campaignRand returns the campaign's random source and its seed, which
// SANAPATI_CAMPAIGN_SEED replays.
func campaignRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("SANAPATI_CAMPAIGN_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("SANAPATI_CAMPAIGN_SEED=%q: %v", s, err)
		}
		seed = n
	}
	t.Logf("seed %d (SANAPATI_CAMPAIGN_SEED=%d replays this run)", seed, seed)
	return rand.New(rand.NewPCG(seed, 6))
}

// figures reports a campaign's figures in the test log and appends them
// to the file $SANAPATI_FIGURES names: given packages (go test ./...), go
// test shows nothing a passing test logs or prints, on stdout or stderr,
// unless -v is set, so CI reads the figures from that file.
func figures(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	path := os.Getenv("SANAPATI_FIGURES")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Errorf("figures: %v", err)
		return
	}
	defer f.Close()
	if _, err := fmt.Fprintf(f, "%s: %s\n", t.Name(), line); err != nil {
		t.Errorf("figures: %v", err)
	}
}

// campaignMailbox is what the campaigns put into Dovecot, and how Dovecot
// numbered it.
type campaignMailbox struct {
	served [][]byte           // each message as Dovecot serves it (CRLF)
	byUID  map[imap.UID]int   // UID -> index in served
	sizes  map[imap.UID]int64 // UID -> bytes served
	uids   []imap.UID         // ascending
	large  []imap.UID         // the UIDs of the large messages, ascending
	bytes  int64              // the sum of sizes
	lf     int                // messages written with bare LF line endings
}

// campaignMessage is message i of about size bytes; with lf, its lines end
// in a bare LF, as a delivery agent may write them (Dovecot serves CRLF).
func campaignMessage(rng *rand.Rand, i, size int, lf bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Tata Usaha Kemendagri <tu@kemendagri.go.id>\r\nTo: persandian@pekalongankota.go.id\r\n"+
		"Subject: Surat kampanye nomor %d\r\nDate: Mon, 23 Nov 2026 08:14:00 +0700\r\n"+
		"Message-ID: <kampanye-%d@kemendagri.go.id>\r\nMIME-Version: 1.0\r\n", i, i)
	if size < 100_000 {
		fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\r\n\r\nNomor : 005/%d/SJ\r\nHal : Surat kampanye\r\n\r\n", i)
		words := []string{"persandian", "pemerintah", "daerah", "rapat", "koordinasi", "keamanan", "informasi", "surat", "dinas", "kota"}
		for b.Len() < size {
			line := make([]string, 8+rng.IntN(6))
			for k := range line {
				line[k] = words[rng.IntN(len(words))]
			}
			b.WriteString(strings.Join(line, " ") + "\r\n")
		}
	} else {
		data := make([]byte, size*3/4)
		for k := range data {
			data[k] = byte(rng.Uint32())
		}
		enc := base64.StdEncoding.EncodeToString(data)
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nTerlampir.\r\n"+
			"--b\r\nContent-Type: application/pdf; name=lampiran-%d.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n", i)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n--b--\r\n")
	}
	m := []byte(b.String())
	if lf {
		m = bytes.ReplaceAll(m, []byte("\r\n"), []byte("\n"))
	}
	return m
}

// toCRLF is what Dovecot serves for a Maildir file: every line ending CRLF.
func toCRLF(m []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(m, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// seedCampaign writes campaignMessages messages straight into the Maildir
// (every 7th with bare LF line endings, campaignLarge of about 1 MB), lets
// Dovecot index them, and learns the UID of each from doveadm.
func seedCampaign(t *testing.T, d *Dovecot, rng *rand.Rand) *campaignMailbox {
	t.Helper()
	start := time.Now()
	m := &campaignMailbox{byUID: map[imap.UID]int{}, sizes: map[imap.UID]int64{}}
	large := map[int]bool{}
	for len(large) < campaignLarge {
		large[rng.IntN(campaignMessages)] = true
	}
	var files [][]byte
	for i := range campaignMessages {
		size := 800 + rng.IntN(7000)
		if large[i] {
			size = 1 << 20
		}
		lf := i%7 == 3
		if lf {
			m.lf++
		}
		f := campaignMessage(rng, i, size, lf)
		files = append(files, f)
		m.served = append(m.served, toCRLF(f))
	}
	d.Deliver(t, files...)
	d.chown(t)
	out := d.Doveadm(t, "fetch", "-u", d.User, "uid size.virtual hdr.message-id", "mailbox", "INBOX")
	re := regexp.MustCompile(`uid: (\d+)\nsize.virtual: (\d+)\nhdr.message-id: <kampanye-(\d+)@`)
	for _, g := range re.FindAllStringSubmatch(out, -1) {
		uid, _ := strconv.ParseUint(g[1], 10, 32)
		size, _ := strconv.ParseInt(g[2], 10, 64)
		i, _ := strconv.Atoi(g[3])
		u := imap.UID(uid)
		if size != int64(len(m.served[i])) {
			t.Fatalf("Dovecot serves message %d (UID %d) as %d bytes, the campaign expects %d", i, u, size, len(m.served[i]))
		}
		m.byUID[u], m.sizes[u] = i, size
		m.uids = append(m.uids, u)
		m.bytes += size
		if large[i] {
			m.large = append(m.large, u)
		}
	}
	if len(m.uids) != campaignMessages {
		t.Fatalf("doveadm lists %d messages, want %d:\n%.2000s", len(m.uids), campaignMessages, out)
	}
	slices.Sort(m.uids)
	slices.Sort(m.large)
	t.Logf("seeded %d messages (%d with bare LF, %d of about 1 MB at UIDs %v), %.1f MB as served, in %v",
		campaignMessages, m.lf, campaignLarge, m.large, float64(m.bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return m
}

// bytesFrom is what a sync from UID from fetches, message bytes only.
func (m *campaignMailbox) bytesFrom(from imap.UID) int64 {
	var n int64
	for _, u := range m.uids {
		if u >= from {
			n += m.sizes[u]
		}
	}
	return n
}

// storeTally is what checkStore found.
type storeTally struct {
	stored     int    // distinct messages of the mailbox in the store
	duplicated int    // letters beyond one per message
	lost       int    // messages below the watermark that are not stored
	uidNext    uint32 // the watermark
}

// checkStore checks db against the mailbox: the store verifies, every
// letter is a message of the mailbox, byte-exact, stored once, and every
// message below the watermark is stored. Each finding is an error.
func (m *campaignMailbox) checkStore(t *testing.T, db *store.DB, when string) storeTally {
	t.Helper()
	var tl storeTally
	rep, err := db.Verify()
	if err != nil {
		t.Fatalf("%s: Verify() = %v", when, err)
	}
	for _, p := range rep.Problems {
		t.Errorf("%s: Verify(): %v", when, p)
	}
	letters, err := db.List(store.Query{OldestFirst: true})
	if err != nil {
		t.Fatalf("%s: List() = %v", when, err)
	}
	seen := map[imap.UID]int{}
	for _, l := range letters {
		u := imap.UID(l.Source.UID)
		i, ok := m.byUID[u]
		if !ok || l.Source.Mailbox != "INBOX" {
			t.Errorf("%s: letter %d comes from %s UID %d, which the mailbox does not hold", when, l.ID, l.Source.Mailbox, u)
			tl.duplicated++
			continue
		}
		raw, err := db.Raw(l.ID)
		if err != nil {
			t.Fatalf("%s: Raw(%d) = %v", when, l.ID, err)
		}
		if !bytes.Equal(raw, m.served[i]) {
			t.Errorf("%s: letter %d (UID %d) is %d bytes, not byte-exact to the %d Dovecot serves", when, l.ID, u, len(raw), len(m.served[i]))
		}
		if seen[u]++; seen[u] > 1 {
			t.Errorf("%s: UID %d is stored %d times", when, u, seen[u])
			tl.duplicated++
		}
	}
	tl.stored = len(seen)
	st, err := db.MailboxState("INBOX")
	if err != nil {
		t.Fatalf("%s: MailboxState() = %v", when, err)
	}
	tl.uidNext = st.UIDNext
	for _, u := range m.uids {
		if uint32(u) < st.UIDNext && seen[u] == 0 {
			t.Errorf("%s: UID %d is below the watermark %d but not stored: lost", when, u, st.UIDNext)
			tl.lost++
		}
	}
	return tl
}

// loginBytes is how many bytes Dovecot sends through p before a login is
// done: TLS handshake, greeting, the answer to LOGIN.
func loginBytes(t *testing.T, d *Dovecot, p *Proxy) int64 {
	t.Helper()
	before := p.Served()
	s, err := dial(context.Background(), d.Account(t, d.URL(p.Addr), d.Password))
	if err != nil {
		t.Fatalf("dial through the proxy: %v", err)
	}
	n := p.Served() - before
	s.close()
	return n
}

// buildDesk builds the sanapati-desk command into a temporary folder.
func buildDesk(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sanapati-desk")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// exitStderr is what a command that failed wrote on stderr.
func exitStderr(err error) []byte {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.Stderr
	}
	return nil
}
