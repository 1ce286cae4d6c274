package store

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// digest is what the store computes of a message before storing it: the
// SHA-256 of its bytes, which the letter records, and its content key,
// which finds it again however its lines end.
type digest struct {
	sha256  string
	content []byte
}

// digestParallelBytes is the size of a batch above which digestAll hashes
// on every core: below it, starting goroutines costs more than it saves.
const digestParallelBytes = 256 << 10

// digestAll computes the digests of a batch before its write transaction,
// on every core for a large batch: hashing is a fifth of what storing a
// message costs, and the transaction runs on one core.
func digestAll(in []Incoming) []digest {
	out := make([]digest, len(in))
	var size int
	for i := range in {
		size += len(in[i].Raw)
	}
	workers := min(runtime.GOMAXPROCS(0), len(in))
	if size < digestParallelBytes || workers < 2 {
		for i := range in {
			out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(in) {
					return
				}
				out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
			}
		})
	}
	wg.Wait()
	return out
}
