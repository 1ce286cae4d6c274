package mail

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// The misbehaviours that used to lose a letter for good: each is played by
// the scripted server; after it, the store verifies, holds every message
// once, and a later honest sync fetches what is new.
func TestSyncKeepsBodiesWhateverTheFetchOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fetch func(w io.Writer, seq int, m scriptedMessage, pass int)
	}{
		{"flags before the body", func(w io.Writer, seq int, m scriptedMessage, pass int) {
			// Another client marks the message read during the sync.
			fmt.Fprintf(w, "* %d FETCH (UID %d FLAGS (\\Seen))\r\n", seq, m.uid)
			wellFormed(w, seq, m)
		}},
		{"UID after the body", func(w io.Writer, seq int, m scriptedMessage, pass int) {
			fmt.Fprintf(w, "* %d FETCH (BODY[] {%d}\r\n%s UID %d INTERNALDATE \"23-Nov-2026 08:14:00 +0700\")\r\n", seq, len(m.raw), m.raw, m.uid)
		}},
		{"flags and a body with the UID after it", func(w io.Writer, seq int, m scriptedMessage, pass int) {
			fmt.Fprintf(w, "* %d FETCH (FLAGS (\\Seen) UID %d)\r\n", seq, m.uid)
			fmt.Fprintf(w, "* %d FETCH (BODY[] {%d}\r\n%s UID %d)\r\n", seq, len(m.raw), m.raw, m.uid)
		}},
		{"no body until asked again", func(w io.Writer, seq int, m scriptedMessage, pass int) {
			if pass == 0 && m.uid%2 == 0 {
				fmt.Fprintf(w, "* %d FETCH (UID %d FLAGS ())\r\n", seq, m.uid)
				return
			}
			wellFormed(w, seq, m)
		}},
		{"a body for another UID than asked", func(w io.Writer, seq int, m scriptedMessage, pass int) {
			wellFormed(w, seq, m)
			if m.uid == 2 {
				// Unsolicited: message 5 comes early, and again later.
				wellFormed(w, 5, scriptedMessage{uid: 5, raw: testMessage(5)})
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startScriptedServer(t)
			for i := 1; i <= 7; i++ {
				srv.add(testMessage(i))
			}
			srv.set(func(s *scriptedServer) { s.fetch = tc.fetch })
			db := openStore(t)
			res, err := syncScripted(t, srv, db)
			if err != nil {
				t.Fatalf("Sync() = %v", err)
			}
			if res.New != 7 {
				t.Errorf("Sync() stored %d new letters, want 7", res.New)
			}
			checkStore(t, db, 7)
			if got := watermarkOf(t, db); got != 8 {
				t.Errorf("watermark after the sync = %d, want 8", got)
			}
			// Honest mail later is fetched, nothing twice.
			srv.set(func(s *scriptedServer) { s.fetch = nil })
			srv.add(testMessage(8), testMessage(9))
			if res, err = syncScripted(t, srv, db); err != nil || res.New != 2 {
				t.Fatalf("later Sync() = %d new, %v; want 2 new", res.New, err)
			}
			checkStore(t, db, 9)
		})
	}
}

// A server that names a message but never sends its body does not move the
// watermark past it: the sync says which UID, and a later honest sync
// fetches it.
func TestSyncNeverPassesAUIDWithoutItsBody(t *testing.T) {
	srv := startScriptedServer(t)
	for i := 1; i <= 7; i++ {
		srv.add(testMessage(i))
	}
	srv.set(func(s *scriptedServer) {
		s.fetch = func(w io.Writer, seq int, m scriptedMessage, pass int) {
			if m.uid == 5 {
				fmt.Fprintf(w, "* %d FETCH (UID %d FLAGS (\\Seen))\r\n", seq, m.uid)
				return
			}
			wellFormed(w, seq, m)
		}
	})
	db := openStore(t)
	res, err := syncScripted(t, srv, db)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindProtocol || e.UIDs != "5" || !errors.Is(err, errNoBody) {
		t.Fatalf("Sync() = %v, want a protocol error naming UID 5", err)
	}
	if msg := e.Message("id"); !strings.Contains(msg, "UID FETCH 5") {
		t.Errorf("the sentence %q does not name UID 5", msg)
	}
	// The other batches may or may not have finished when the sync
	// stopped; whatever they stored is kept.
	first := res.New
	if first > 6 {
		t.Errorf("Sync() stored %d, more than the 6 that came whole", first)
	}
	checkStore(t, db, first)
	if got := watermarkOf(t, db); got > 5 {
		t.Fatalf("watermark = %d, moved past UID 5 whose body never came", got)
	}
	srv.set(func(s *scriptedServer) { s.fetch = nil })
	res, err = syncScripted(t, srv, db)
	// Messages past the watermark come again and are known by their UID:
	// none is stored twice.
	if err != nil || res.New != 7-first {
		t.Fatalf("honest Sync() = %d new, %v; want %d new", res.New, err, 7-first)
	}
	checkStore(t, db, 7)
	if got := watermarkOf(t, db); got != 8 {
		t.Errorf("watermark = %d, want 8", got)
	}
}

// One report of a UIDNEXT far ahead leaves a watermark the honest server
// never reaches; the desk notices, says so once, and reads the mailbox
// again without losing or duplicating a letter.
func TestSyncCatchesAWatermarkAheadOfTheServer(t *testing.T) {
	srv := startScriptedServer(t)
	srv.add(testMessage(1), testMessage(2))
	srv.set(func(s *scriptedServer) { s.uidNext = 4294967000 })
	db := openStore(t)
	if _, err := syncScripted(t, srv, db); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if got := watermarkOf(t, db); got != 4294967000 {
		t.Fatalf("watermark = %d; the test expects the poisoned one", got)
	}
	// The server is honest again and new mail arrives.
	srv.set(func(s *scriptedServer) { s.uidNext = 0 })
	srv.add(testMessage(3), testMessage(4))
	res, err := syncScripted(t, srv, db)
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if !res.Resynced || res.New != 2 || res.Duplicates != 0 {
		t.Fatalf("Sync() = resynced %v, %d new, %d duplicates; want resynced, 2 new, 0 duplicates", res.Resynced, res.New, res.Duplicates)
	}
	checkStore(t, db, 4)
	if got := watermarkOf(t, db); got != 5 {
		t.Fatalf("watermark = %d, want 5", got)
	}
	// Said once: the next syncs are ordinary.
	srv.add(testMessage(5))
	res, err = syncScripted(t, srv, db)
	if err != nil || res.Resynced || res.New != 1 {
		t.Fatalf("next Sync() = resynced %v, %d new, %v; want 1 new, no resync", res.Resynced, res.New, err)
	}
	checkStore(t, db, 5)
}

// A message larger than the desk accepts is read through, recorded as
// skipped with its UID, and passed; the connection goes on.
func TestSyncSkipsAnOversizeMessageAndSaysWhich(t *testing.T) {
	old := maxMessageBytes
	maxMessageBytes = 2000
	t.Cleanup(func() { maxMessageBytes = old })
	srv := startScriptedServer(t)
	big := append(testMessage(3), make([]byte, 5000)...)
	srv.add(testMessage(1), testMessage(2), big, testMessage(4))
	db := openStore(t)
	res, err := syncScripted(t, srv, db)
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if res.New != 3 || len(res.Skipped) != 1 || res.Skipped[0].Source.UID != 3 || res.Skipped[0].Size != int64(len(big)) {
		t.Fatalf("Sync() = %d new, skipped %+v; want 3 new and UID 3 of %d bytes skipped", res.New, res.Skipped, len(big))
	}
	checkStore(t, db, 3)
	skipped, err := db.Skipped("INBOX")
	if err != nil || len(skipped) != 1 || skipped[0].Source.UID != 3 {
		t.Fatalf("Skipped() = %+v, %v; want UID 3 recorded", skipped, err)
	}
	if got := watermarkOf(t, db); got != 5 {
		t.Fatalf("watermark = %d, want 5", got)
	}
	// Later mail comes; the skipped message is not read through again.
	srv.add(testMessage(5))
	srv.set(func(s *scriptedServer) { s.fetches = 0 })
	res, err = syncScripted(t, srv, db)
	if err != nil || res.New != 1 || len(res.Skipped) != 0 {
		t.Fatalf("later Sync() = %d new, skipped %+v, %v; want 1 new, none skipped", res.New, res.Skipped, err)
	}
	checkStore(t, db, 4)
}
