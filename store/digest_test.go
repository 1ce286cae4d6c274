package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// The content key is the SHA-256 of the message with each lone LF read as
// CRLF: a stored key changes only with a migration that rebuilds the
// by_hash index (schema 4).
func TestContentKeyReadsLFAsCRLF(t *testing.T) {
	long := strings.Repeat("x", 9000)
	for _, s := range []string{
		"", "a", "\r\n", "\r", "\n", "\n\n", "\r\r\n", "a\r\nb\r\n", "a\nb\n", "a\r\nb\n", "a\r\r\nb\rc\n", "\r\n\r\n", "tail\r",
		long + "\r\n" + long, long + "\n" + long, strings.Repeat("baris\r\n", 5000), strings.Repeat("baris\n", 5000),
		strings.Repeat("y", 8191) + "\n" + "z", strings.Repeat("y", 8192) + "\n", strings.Repeat("y", 8193) + "\r\nz",
	} {
		// Written apart from contentKey: every LF gets a CR before it, and
		// a CR already there is not doubled.
		var norm []byte
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
				norm = append(norm, '\r')
			}
			norm = append(norm, s[i])
		}
		want := sha256.Sum256(norm)
		if got := contentKey([]byte(s)); !bytes.Equal(got, want[:]) {
			t.Errorf("contentKey(%q...) differs from SHA-256 with LF read as CRLF", s[:min(len(s), 16)])
		}
		d := digestOf([]byte(s))
		if exact := sha256.Sum256([]byte(s)); d.sha256 != hex.EncodeToString(exact[:]) || !bytes.Equal(d.content, want[:]) {
			t.Errorf("digestOf(%q...) = %s %x, want the SHA-256 and the content key", s[:min(len(s), 16)], d.sha256, d.content)
		}
	}
	crlf, lf := []byte("Subject: a\r\n\r\nisi\r\n"), []byte("Subject: a\n\nisi\n")
	if !bytes.Equal(contentKey(crlf), contentKey(lf)) {
		t.Error("a message and its LF form have different content keys")
	}
}

func TestDigestsAlongsideTheTransaction(t *testing.T) {
	var in []Incoming
	for n := range 200 {
		m := message(n)
		m.Raw = append(m.Raw, strings.Repeat("isi\r\n", 300*(n%7))...)
		in = append(in, m)
	}
	for _, batch := range [][]Incoming{in[:3], in} {
		d := startDigests(batch)
		for i, m := range batch {
			got := d.get(i)
			if got.sha256 != sha256Hex(m.Raw) || !bytes.Equal(got.content, contentKey(m.Raw)) || len(got.content) != sha256.Size {
				t.Fatalf("digest %d of %d is not the message's", i, len(batch))
			}
		}
	}
}

func TestDigestAheadOfAdd(t *testing.T) {
	db, _ := openTest(t)
	a, b, c := message(1), message(2), message(3)
	for _, m := range []*Incoming{&a, &b, &c} {
		m.Digest()
	}
	b.Raw = message(20).Raw // replaced after Digest: not trusted
	res, err := db.Add([]Incoming{a, b, c})
	if err != nil || len(res.Added) != 3 {
		t.Fatalf("Add() = %+v, %v", res, err)
	}
	for i, m := range []Incoming{a, b, c} {
		l, _ := db.Letter(res.Added[i])
		if l.SHA256 != sha256Hex(m.Raw) {
			t.Fatalf("letter %d records the SHA-256 of other bytes", i+1)
		}
	}
	if res, err := db.Add([]Incoming{message(20)}); err != nil || res.Duplicates != 1 {
		t.Fatalf("Add() of the replaced bytes again = %+v, %v; want a duplicate", res, err)
	}
	if rep, err := db.Verify(); err != nil || !rep.OK() {
		t.Fatalf("Verify() = %v, %v", rep.Problems, err)
	}
}
