package mail

import (
	"bytes"
	"io"
	"net"
	"testing"
)

// countingConn is a connection whose reads give whatever its data holds,
// as a socket gives what the kernel holds, and counts them.
type countingConn struct {
	net.Conn
	data  *bytes.Reader
	reads int
}

func (c *countingConn) Read(p []byte) (int, error) {
	c.reads++
	return c.data.Read(p)
}

// Small reads above a readAheadConn (crypto/tls asks for a record at a
// time) take what the connection holds in few reads of it, and lose or
// reorder nothing.
func TestReadAheadConn(t *testing.T) {
	want := make([]byte, 1<<20)
	for i := range want {
		want[i] = byte(i * 7)
	}
	under := &countingConn{data: bytes.NewReader(want)}
	c := newReadAheadConn(under)
	var got []byte
	buf := make([]byte, 5<<10)
	for {
		n, err := c.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Read() = %v", err)
		}
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, not the %d written", len(got), len(want))
	}
	if max := len(want)/readAheadBytes + 2; under.reads > max {
		t.Errorf("%d reads of the connection for %d bytes, want at most %d", under.reads, len(want), max)
	}
}
