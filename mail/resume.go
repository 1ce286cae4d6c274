package mail

import (
	"slices"
	"sync"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// storedUIDs remembers which UIDs a sync has stored, across the attempts
// of one Sync call or one watcher, so that after a dropped connection the
// next attempt asks only for the rest. The stored watermark moves only
// past whole batches: on a line that drops more often than a batch takes
// to arrive, asking for whole batches again would never finish. A nil
// *storedUIDs remembers nothing.
type storedUIDs struct {
	mu       sync.Mutex
	mailbox  string
	validity uint32
	uids     map[imap.UID]struct{}
}

// add notes messages the store now holds (new or already there).
func (s *storedUIDs) add(mailbox string, validity uint32, in []store.Incoming) {
	if s == nil || len(in) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.uids == nil || s.mailbox != mailbox || s.validity != validity {
		s.mailbox, s.validity, s.uids = mailbox, validity, map[imap.UID]struct{}{}
	}
	for i := range in {
		s.uids[imap.UID(in[i].Source.UID)] = struct{}{}
	}
}

// missing returns the UIDs lo..hi not noted as stored, as a set, and how
// many of lo..hi were.
func (s *storedUIDs) missing(mailbox string, validity uint32, lo, hi imap.UID) (imap.UIDSet, int) {
	var have []imap.UID
	if s != nil {
		s.mu.Lock()
		if s.mailbox == mailbox && s.validity == validity {
			for u := range s.uids {
				if u >= lo && u <= hi {
					have = append(have, u)
				}
			}
		}
		s.mu.Unlock()
	}
	slices.Sort(have)
	var set imap.UIDSet
	next := lo
	for _, u := range have {
		if u > next {
			set.AddRange(next, u-1)
		}
		next = u + 1
	}
	if next <= hi {
		set.AddRange(next, hi)
	}
	return set, len(have)
}

// has reports whether uid is noted as stored.
func (s *storedUIDs) has(mailbox string, validity uint32, uid imap.UID) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.uids[uid]
	return ok && s.mailbox == mailbox && s.validity == validity
}

// forget drops everything: the watermark has passed it all.
func (s *storedUIDs) forget() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.uids = nil
	s.mu.Unlock()
}
