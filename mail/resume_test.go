package mail

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

func TestStoredUIDsMissing(t *testing.T) {
	s := &storedUIDs{}
	in := func(uids ...uint32) []store.Incoming {
		var out []store.Incoming
		for _, u := range uids {
			out = append(out, store.Incoming{Source: store.Source{Mailbox: "INBOX", UIDValidity: 7, UID: u}})
		}
		return out
	}
	s.add("INBOX", 7, in(3, 4, 5, 9, 20))
	for _, tc := range []struct {
		name     string
		mailbox  string
		validity uint32
		lo, hi   imap.UID
		want     string
		have     int
	}{
		{"gaps", "INBOX", 7, 1, 12, "1:2,6:8,10:12", 4},
		{"starts stored", "INBOX", 7, 3, 10, "6:8,10", 4},
		{"ends stored", "INBOX", 7, 6, 9, "6:8", 1},
		{"all stored", "INBOX", 7, 3, 5, "", 3},
		{"none stored", "INBOX", 7, 10, 19, "10:19", 0},
		{"other UIDVALIDITY", "INBOX", 8, 1, 5, "1:5", 0},
		{"other mailbox", "Arsip", 7, 1, 5, "1:5", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, have := s.missing(tc.mailbox, tc.validity, tc.lo, tc.hi)
			if set.String() != tc.want || have != tc.have {
				t.Errorf("missing(%d, %d) = %q, %d; want %q, %d", tc.lo, tc.hi, set.String(), have, tc.want, tc.have)
			}
		})
	}
	if !s.has("INBOX", 7, 9) || s.has("INBOX", 7, 10) || s.has("INBOX", 8, 9) {
		t.Error("has() does not answer from what was added")
	}
	// A new UIDVALIDITY starts afresh.
	s.add("INBOX", 8, []store.Incoming{{Source: store.Source{Mailbox: "INBOX", UIDValidity: 8, UID: 1}}})
	if s.has("INBOX", 7, 9) || !s.has("INBOX", 8, 1) {
		t.Error("add() under a new UIDVALIDITY kept the old UIDs")
	}
	s.forget()
	if s.has("INBOX", 8, 1) {
		t.Error("forget() kept a UID")
	}
	var none *storedUIDs
	if set, have := none.missing("INBOX", 7, 1, 3); set.String() != "1:3" || have != 0 || none.has("INBOX", 7, 1) {
		t.Errorf("a nil storedUIDs remembers something: %q, %d", set.String(), have)
	}
}
