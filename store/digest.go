package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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

// digestOf computes the digest of raw. A message a server served ends
// every line with CRLF already, so its content key is its SHA-256: it is
// hashed once.
func digestOf(raw []byte) digest {
	sum := sha256.Sum256(raw)
	key := sum[:]
	if !crlfLines(raw) {
		key = contentKey(raw)
	}
	return digest{hex.EncodeToString(sum[:]), key}
}

// contentKey identifies a message by its content: the SHA-256 of its bytes
// with every LF that no CR comes before read as CRLF, since a server
// serves CRLF and a webmail export often writes LF for the same message.
func contentKey(raw []byte) []byte {
	h := sha256.New()
	// The lines go to the hash through a buffer: one write per line costs
	// more than the hashing itself.
	var buf [8 << 10]byte
	n := 0
	write := func(p []byte) {
		for len(p) > 0 {
			if n == len(buf) {
				h.Write(buf[:])
				n = 0
			}
			c := copy(buf[n:], p)
			n += c
			p = p[c:]
		}
	}
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\n')
		switch {
		case i < 0:
			write(raw)
			i = len(raw) - 1
		case i > 0 && raw[i-1] == '\r':
			write(raw[:i+1])
		default:
			write(raw[:i])
			write([]byte("\r\n"))
		}
		raw = raw[i+1:]
	}
	h.Write(buf[:n])
	return h.Sum(nil)
}

// crlfLines reports whether a CR comes before every LF of raw, so that
// contentKey would hash raw as it is.
func crlfLines(raw []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(raw[i:], '\n')
		if j < 0 {
			return true
		}
		if i+j == 0 || raw[i+j-1] != '\r' {
			return false
		}
		i += j + 1
	}
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
	in.digest = &earlyDigest{digestOf(in.Raw), in.Raw}
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
			d.out[i] = digestOf(in[i].Raw)
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
				d.out[i] = digestOf(in[i].Raw)
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
