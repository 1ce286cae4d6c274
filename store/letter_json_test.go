package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestEncodeLetter checks encodeLetter against encoding/json on letters as
// intake makes them and on letters further along, drawn at random.
func TestEncodeLetter(t *testing.T) {
	if n := reflect.TypeFor[Letter]().NumField(); n != letterFields {
		t.Fatalf("Letter has %d fields, appendNewLetter knows %d: teach it the new ones", n, letterFields)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	strs := []string{"", "a", "Tata Usaha <tu@kemendagri.go.id>", "\"q\"\\ & <>", "\u2028\x01\xff é", "Undangan nomor 7"}
	times := []time.Time{{}, time.Date(2026, 11, 23, 8, 14, 0, 0, time.FixedZone("", 7*3600)),
		time.Date(2026, 11, 23, 8, 14, 0, 123456789, time.UTC), time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 30))}
	str := func() string { return strs[rng.IntN(len(strs))] }
	tm := func() time.Time { return times[rng.IntN(len(times))] }
	fast := 0
	for i := 0; i < 20_000; i++ {
		l := &Letter{ID: rng.Uint64N(1 << 40), Stage: Stage(str()), SHA256: str(), Size: rng.Int64N(1<<30) - 5,
			Source:    Source{Mailbox: str(), UIDValidity: uint32(rng.IntN(3)), UID: uint32(rng.IntN(3)), File: str()},
			MessageID: str(), From: str(), Subject: str(), Date: tm(), HasAttachments: rng.IntN(2) == 0,
			ParseProblem: str(), ReceivedAt: tm()}
		if rng.IntN(4) == 0 {
			switch rng.IntN(5) {
			case 0:
				l.Summary = str()
			case 1:
				l.Agenda = AgendaNumber{Year: 2026, Seq: rng.IntN(2)}
			case 2:
				l.ArchivedAt = tm()
			case 3:
				l.Recipients = []Recipient{}
			case 4:
				l.SetAsideReason = str()
			}
		}
		want, werr := json.Marshal(l)
		got, gerr := encodeLetter(l)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("encodeLetter(%+v) = %s, %v; json.Marshal = %s, %v", l, got, gerr, want, werr)
		}
		if _, ok := appendNewLetter(nil, l); ok {
			fast++
		}
	}
	if fast < 5000 {
		t.Fatalf("only %d letters took the shortcut: the test checks too little", fast)
	}
}
