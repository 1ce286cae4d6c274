package mail

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"sanapati-desk/store"
)

// SettleClasses reads the class of each letter the intake stored with its
// class pending (a PDF whose first page may declare one) and records it
// (store.DB.SettleClass): pdftotext on as many letters at once as there
// are cores. The intake stores first and reads after, so that a mailbox of
// PDF letters is stored at the speed of the network and the disk, not of
// one start of pdftotext per letter; until its class is read, the store
// holds a letter as it holds one classified R or SR. It returns how many
// letters it settled; when ctx ends, the rest wait for the next call.
func SettleClasses(ctx context.Context, db *store.DB) (int, error) {
	ids, err := db.ClassPending()
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	var (
		mu      sync.Mutex
		settled int
		errs    []error
		wg      sync.WaitGroup
	)
	next := make(chan uint64)
	for range min(len(ids), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for id := range next {
				err := settleClass(ctx, db, id)
				mu.Lock()
				if err == nil {
					settled++
				} else if ctx.Err() == nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		})
	}
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
	return settled, errors.Join(errs...)
}

// settleClass reads and records the class of letter id.
func settleClass(ctx context.Context, db *store.DB, id uint64) error {
	raw, err := db.Raw(id)
	if err != nil {
		return err
	}
	class := readClass(ctx, raw, summarize(raw))
	if err := ctx.Err(); err != nil {
		return err // the look was cut short: the letter waits for the next call
	}
	return db.SettleClass(id, class)
}
