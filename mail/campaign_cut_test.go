//go:build linux

package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// cutKind is where the cut-lines campaign aims a cut.
type cutKind int

const (
	cutLogin  cutKind = iota // at a byte of the TLS handshake, greeting or login
	cutLarge                 // in the middle of a 1 MB message still to fetch
	cutMid                   // at a random byte of what is left to fetch
	cutSelect                // found after the fact: in STATUS, EXAMINE or SEARCH, before any message
)

var cutKindNames = [...]string{"during login", "inside a 1 MB message", "mid-fetch", "before the first message"}

// cutOverhead is about what Dovecot sends per message of a FETCH besides
// the message (the FETCH line, UID, INTERNALDATE, TLS framing), measured
// by the crash campaign's calibration. It only aims the cuts at large
// messages, which are aimed 20-80% of the way in: 200 KB to spare.
const cutOverhead = 123

// TestCampaignCutLines is campaign 3: one mail.Sync of 2,000 messages
// through a proxy that drops the connection at a chosen byte of what
// Dovecot sends, on each of the first 36 connections, in random order: 8
// in the login, 8 aimed at the middle of the next 1 MB message to fetch,
// 20 at a random byte of the next 1.5 MB to fetch. Each connection's cut is
// planned when it is accepted, from the store (watermark and letters
// already there), so the cuts follow the sync as it advances. Where a cut
// fell is told by its byte and by the error the sync retried on. The sync
// must complete with every message stored once, byte-exact. The waits
// between attempts are cut to 1 ms (SyncOptions.backoff): 36 retries
// with the production backoff would take about 15 minutes.
func TestCampaignCutLines(t *testing.T) {
	if testing.Short() {
		t.Skip("the cut-lines campaign is not run with -short")
	}
	d := StartDovecot(t)
	rng := campaignRand(t)
	m := seedCampaign(t, d, rng)
	p := StartProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
	login := loginBytes(t, d, p)
	db := openStore(t)
	acct := d.Account(t, d.URL(p.Addr), d.Password)

	var kinds []cutKind
	for _, k := range []struct {
		c cutKind
		n int
	}{{cutLogin, 8}, {cutLarge, 8}, {cutMid, campaignCuts - 16}} {
		for range k.n {
			kinds = append(kinds, k.c)
		}
	}
	rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })

	type cutPlan struct {
		kind cutKind
		at   int64    // server bytes before the cut
		uid  imap.UID // the large message aimed at
	}
	var (
		mu    sync.Mutex
		plans = map[int]cutPlan{} // by connection
		prng  = rand.New(rand.NewPCG(rng.Uint64(), 3))
		first = p.Accepted() // the connection of the first attempt
	)
	p.PlanCuts(func(conn int) int64 {
		mu.Lock()
		defer mu.Unlock()
		k := conn - first
		if k < 0 || k >= len(kinds) {
			return 0
		}
		// What this connection will be asked for: the UIDs above the
		// watermark that are not stored yet.
		st, err := db.MailboxState("INBOX")
		if err != nil {
			t.Errorf("MailboxState() = %v", err)
		}
		have := storedUIDSet(t, db)
		var pending []imap.UID
		for _, u := range m.uids {
			if uint32(u) >= st.UIDNext && !have[u] {
				pending = append(pending, u)
			}
		}
		// Where each of them starts and ends in what Dovecot will send,
		// were the messages sent in UID order. They are not quite: Dovecot
		// interleaves the answers to the FETCH commands in flight. So a
		// cut aimed at a large message may hit another; the error the sync
		// retried on tells which it hit.
		type span struct {
			uid        imap.UID
			start, end int64
		}
		var layout []span
		at, messages := login, int64(0)
		for _, u := range pending {
			at += cutOverhead
			layout = append(layout, span{u, at, at + m.sizes[u]})
			at += m.sizes[u]
			messages += m.sizes[u]
		}
		plan := cutPlan{kind: kinds[k]}
		var large *span // the nearest large message still to fetch
		for i := range layout {
			if slices.Contains(m.large, layout[i].uid) {
				large = &layout[i]
				break
			}
		}
		if plan.kind == cutLarge && large == nil {
			plan.kind = cutMid
		}
		switch plan.kind {
		case cutLogin:
			plan.at = 1 + prng.Int64N(login)
		case cutLarge:
			plan.uid = large.uid
			plan.at = large.start + (large.end-large.start)*int64(20+prng.IntN(60))/100
		case cutMid:
			// Within the next 1.5 MB, so that the cuts spread over the
			// whole sync rather than halve what is left each time.
			plan.at = login + 1 + prng.Int64N(max(min(messages, 1_500_000), 1))
		}
		// Always before the last message's end, whatever the overhead
		// and the order: every planned cut happens.
		plan.at = min(plan.at, login+max(messages, 1))
		plans[conn] = plan
		return plan.at
	})

	var retries []error
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := Sync(ctx, db, acct, SyncOptions{
		Retries: 3 * campaignCuts,
		OnRetry: func(err error, _ time.Duration) { retries = append(retries, err) },
		backoff: func(int) time.Duration { return time.Millisecond },
	})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("Sync() through %d cuts = %v", len(p.Cuts()), err)
	}
	served := p.Served()

	// Where each cut fell: its byte, and what the sync saw.
	readUID := regexp.MustCompile(`read message UID (\d+)`)
	var byKind [len(cutKindNames)]int
	aimedLarge := 0
	cuts := p.Cuts()
	for _, c := range cuts {
		i := c.Conn - first
		why := "(no retry)"
		if i >= 0 && i < len(retries) {
			why = retries[i].Error()
		}
		mu.Lock()
		plan := plans[c.Conn]
		mu.Unlock()
		kind := cutSelect
		switch g := readUID.FindStringSubmatch(why); {
		case c.At <= login:
			kind = cutLogin
		case g != nil:
			kind = cutMid
			if u, _ := strconv.ParseUint(g[1], 10, 32); slices.Contains(m.large, imap.UID(u)) {
				kind = cutLarge
			}
		case strings.Contains(why, "UID FETCH"):
			kind = cutMid
		}
		if plan.kind == cutLarge {
			aimedLarge++
		}
		byKind[kind]++
		t.Logf("connection %d: cut %s at byte %d (aimed %s%s): %s", c.Conn, cutKindNames[kind], c.At,
			cutKindNames[plan.kind], map[bool]string{true: fmt.Sprintf(" UID %d", plan.uid)}[plan.uid != 0], why)
	}
	if len(retries) != len(cuts) {
		t.Errorf("%d cuts but %d retries", len(cuts), len(retries))
	}
	if len(cuts) < 30 {
		t.Errorf("only %d cuts, want at least 30", len(cuts))
	}
	if byKind[cutLogin] == 0 || byKind[cutLarge] == 0 {
		t.Errorf("cuts by place %v: none during login or none inside a large message", byKind)
	}

	tl := m.checkStore(t, db, "after the sync")
	lost := len(m.uids) - tl.stored
	if lost != 0 || tl.duplicated != 0 || res.New != len(m.uids) {
		t.Errorf("after the sync: %d of %d stored, %d duplicated; Sync() = %d new", tl.stored, len(m.uids), tl.duplicated, res.New)
	}
	if again, err := Sync(ctx, db, acct, SyncOptions{}); err != nil || again.New != 0 {
		t.Errorf("a sync with nothing new = %+v, %v", again, err)
	}
	var places []string
	for k, n := range byKind {
		places = append(places, fmt.Sprintf("%d %s", n, cutKindNames[k]))
	}
	figures(t, "cut lines: 1 run (one Sync), %d cuts, %d lost, %d duplicated (cuts %s; %d aimed at a 1 MB message; "+
		"%d connections, %d retries; %d messages, %.1f MB, %d of 1 MB; %.0f MB passed on, %d messages fetched twice; %v)",
		len(cuts), lost, tl.duplicated, strings.Join(places, ", "), aimedLarge, len(retries)+1, len(retries),
		len(m.uids), float64(m.bytes)/1e6, len(m.large), float64(served)/1e6, res.Duplicates, elapsed.Round(100*time.Millisecond))
}

// storedUIDSet is the UIDs of the INBOX letters in db.
func storedUIDSet(t *testing.T, db *store.DB) map[imap.UID]bool {
	t.Helper()
	letters, err := db.List(store.Query{})
	if err != nil {
		t.Errorf("List() = %v", err)
	}
	have := map[imap.UID]bool{}
	for _, l := range letters {
		have[imap.UID(l.Source.UID)] = true
	}
	return have
}
