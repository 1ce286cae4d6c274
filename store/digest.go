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

// earlyDigest is a digest computed by Incoming.Digest, with the bytes it
// was computed of: Add does not trust it for a Raw replaced since.
type earlyDigest struct {
	digest
	raw []byte
}

func (d *earlyDigest) of(raw []byte) bool {
	return d != nil && len(d.raw) == len(raw) && (len(raw) == 0 || &d.raw[0] == &raw[0])
}

// Digest computes, ahead of Add, what the store reads of the message's
// bytes: their SHA-256 and their content key. Add computes what a caller
// did not, on every core; a caller that reads messages on several
// goroutines can call Digest on each as it arrives, so that the store's
// one writer does not wait for it. Raw must not change afterwards.
func (in *Incoming) Digest() {
	in.digest = &earlyDigest{digest{sha256Hex(in.Raw), contentKey(in.Raw)}, in.Raw}
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
	todo := make([]int, 0, len(in))
	for i := range in {
		if d := in[i].digest; d.of(in[i].Raw) {
			out[i] = d.digest
			continue
		}
		size += len(in[i].Raw)
		todo = append(todo, i)
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	if size < digestParallelBytes || workers < 2 {
		for _, i := range todo {
			out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				n := int(next.Add(1)) - 1
				if n >= len(todo) {
					return
				}
				i := todo[n]
				out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
			}
		})
	}
	wg.Wait()
	return out
}
