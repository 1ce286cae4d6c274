package store

import (
	"runtime"
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
// did not, beside its transaction; a caller that reads messages on
// several goroutines can call Digest on each as it arrives, so that the
// hashing takes nothing from the store's one writer. Raw must not change
// afterwards.
func (in *Incoming) Digest() {
	in.digest = &earlyDigest{digest{sha256Hex(in.Raw), contentKey(in.Raw)}, in.Raw}
}

// digestParallelBytes is the size of a batch above which its digests are
// computed on other goroutines: below it, starting them costs more than
// it saves.
const digestParallelBytes = 256 << 10

// digester hands out the digests of a batch. For a large batch they are
// computed on other goroutines, in the batch's order, while the write
// transaction stores the messages before: the transaction, which runs on
// one core and is the sync's bottleneck, does not wait for the hashing.
type digester struct {
	out   []digest
	ready []chan struct{} // closed when out[i] is set; nil when all are set
}

func startDigests(in []Incoming) *digester {
	d := &digester{out: make([]digest, len(in))}
	var size int
	todo := make([]int, 0, len(in))
	for i := range in {
		if e := in[i].digest; e.of(in[i].Raw) {
			d.out[i] = e.digest
			continue
		}
		size += len(in[i].Raw)
		todo = append(todo, i)
	}
	if size < digestParallelBytes || len(todo) < 2 {
		for _, i := range todo {
			d.out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
		}
		return d
	}
	d.ready = make([]chan struct{}, len(in))
	for _, i := range todo {
		d.ready[i] = make(chan struct{})
	}
	// Half the cores: the transaction and the network need the others.
	workers := max(1, runtime.GOMAXPROCS(0)/2)
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				n := int(next.Add(1)) - 1
				if n >= len(todo) {
					return
				}
				i := todo[n]
				d.out[i] = digest{sha256Hex(in[i].Raw), contentKey(in[i].Raw)}
				close(d.ready[i])
			}
		}()
	}
	return d
}

// get returns the digest of message i, waiting for it if need be.
func (d *digester) get(i int) digest {
	if d.ready != nil && d.ready[i] != nil {
		<-d.ready[i]
	}
	return d.out[i]
}
