//go:build linux

package mail

import (
	"testing"
	"time"

	"sanapati-desk/store"
)

// BenchmarkNewIncoming summarises the speed bench's mailbox in its
// proportions: 2,000 messages of about 5 KB for each 1 MB attachment.
// One op is one message.
func BenchmarkNewIncoming(b *testing.B) {
	small := make([][]byte, 2000)
	for i := range small {
		small[i] = benchMessage(i+1, 5000)
	}
	big := bigMessage(1)
	src := store.Source{Mailbox: "INBOX", UIDValidity: 1}
	now := time.Now()
	b.ReportAllocs()
	b.SetBytes(int64(len(small[0])))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		raw := small[i%len(small)]
		if i%len(small) == len(small)-1 {
			raw = big
		}
		if in := NewIncoming(raw, now, src); in.ParseProblem != "" {
			b.Fatalf("ParseProblem = %q", in.ParseProblem)
		}
	}
}

// BenchmarkNewIncomingSmall and BenchmarkNewIncomingBig summarise one kind
// each.
func BenchmarkNewIncomingSmall(b *testing.B) {
	raw := benchMessage(1, 5000)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		NewIncoming(raw, time.Time{}, store.Source{})
	}
}

func BenchmarkNewIncomingBig(b *testing.B) {
	raw := bigMessage(1)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		NewIncoming(raw, time.Time{}, store.Source{})
	}
}
