package mail

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"sanapati-desk/store"
)

// SettleClasses reads the class of each letter the intake stored with its
// class pending (a PDF whose first page may declare one) and records it
// (store.DB.SettleClasses): pdftotext on as many letters at once as there
// are cores. The intake stores first and reads after, so that a mailbox of
// PDF letters is stored at the speed of the network and the disk, not of
// one start of pdftotext per letter; until its class is read, the store
// holds a letter as it holds one classified R or SR. It returns how many
// letters it settled; when ctx ends, the rest wait for the next call.
func SettleClasses(ctx context.Context, db *store.DB) (int, error) {
	return settleClasses(ctx, db, nil)
}

// settleClasses is SettleClasses, calling recorded (unless nil) with the
// number of letters of each transaction it commits.
func settleClasses(ctx context.Context, db *store.DB, recorded func(n int)) (int, error) {
	ids, err := db.ClassPending()
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	next := make(chan uint64)
	read := make(chan settled)
	var wg sync.WaitGroup
	for range min(len(ids), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for id := range next {
				c, err := readStoredClass(ctx, db, id)
				read <- settled{store.ClassRead{ID: id, Class: c}, err}
			}
		})
	}
	go func() {
	feed:
		for _, id := range ids {
			select {
			case next <- id:
			case <-ctx.Done():
				break feed
			}
		}
		close(next)
		wg.Wait()
		close(read)
	}()
	// The classes read are recorded as they come, those that came together
	// in one transaction.
	var (
		n, failed int
		first     error
	)
	fail := func(err error, letters int) {
		if failed += letters; first == nil {
			first = err
		}
	}
	for r := range read {
		batch := []store.ClassRead{}
		for more := true; more; {
			if r.err == nil {
				batch = append(batch, r.ClassRead)
			} else if ctx.Err() == nil {
				fail(r.err, 1)
			}
			select {
			case r, more = <-read:
			default:
				more = false
			}
		}
		if len(batch) == 0 {
			continue
		}
		if err := db.SettleClasses(batch); err != nil {
			fail(err, len(batch))
			continue
		}
		n += len(batch)
		if recorded != nil {
			recorded(len(batch))
		}
	}
	if failed > 1 {
		first = fmt.Errorf("the class of %d letters is still to be read, the first: %w", failed, first)
	}
	return n, first
}

// settled is a class read, or why it could not be.
type settled struct {
	store.ClassRead
	err error
}

// readStoredClass reads the class letter id declares, its PDF included.
func readStoredClass(ctx context.Context, db *store.DB, id uint64) (store.SecurityClass, error) {
	raw, err := db.Raw(id)
	if err != nil {
		return "", err
	}
	// A look cut short leaves the letter waiting for the next call.
	return readClass(ctx, raw, summarize(raw))
}
