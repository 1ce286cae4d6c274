package mail

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// envHugeLiteral sets the size of the literal TestSyncDrainsAHugeLiteral
// streams; CI sets 4 GiB (without -race) and reports the figures.
const envHugeLiteral = "SANAPATI_HUGE_LITERAL"

// A literal announced far larger than the desk accepts is read through in
// bounded memory, the message recorded as skipped, and the rest of the
// mailbox stored: never a deadlock, never a silent skip.
func TestSyncDrainsAHugeLiteral(t *testing.T) {
	size := int64(256 << 20)
	if v := os.Getenv(envHugeLiteral); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", envHugeLiteral, v, err)
		}
		size = n
	}
	old := maxMessageBytes
	maxMessageBytes = 1 << 20
	t.Cleanup(func() { maxMessageBytes = old })

	srv := startScriptedServer(t)
	srv.add(testMessage(1), testMessage(2), testMessage(3))
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	srv.set(func(s *scriptedServer) {
		s.fetch = func(w io.Writer, seq int, m scriptedMessage, pass int) {
			if m.uid != 2 {
				wellFormed(w, seq, m)
				return
			}
			fmt.Fprintf(w, "* %d FETCH (UID %d BODY[] {%d}\r\n", seq, m.uid, size)
			for left := size; left > 0; {
				n := min(left, int64(len(chunk)))
				if _, err := w.Write(chunk[:n]); err != nil {
					return
				}
				left -= n
			}
			fmt.Fprintf(w, ")\r\n")
		}
	})
	db := openStore(t)

	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	res, err := syncScripted(t, srv, db)
	took := time.Since(start)
	close(stop)
	<-sampled
	if err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if res.New != 2 || len(res.Skipped) != 1 || res.Skipped[0].Source.UID != 2 || res.Skipped[0].Size != size {
		t.Fatalf("Sync() = %d new, skipped %+v; want 2 new, UID 2 of %d bytes skipped", res.New, res.Skipped, size)
	}
	checkStore(t, db, 2)
	grew := int64(peak.Load()) - int64(base.HeapInuse)
	if grew > 64<<20 {
		t.Errorf("the heap grew by %d MB while a %d MB literal was drained; want it bounded (< 64 MB)", grew>>20, size>>20)
	}
	figures(t, "huge literal: %d MB drained in %v, heap grew %d MB, its UID recorded as skipped",
		size>>20, took.Round(time.Millisecond), max(grew, 0)>>20)
}
