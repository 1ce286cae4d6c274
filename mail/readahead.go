package mail

import (
	"bufio"
	"net"
)

// readAheadBytes is how much one read from the TCP connection may bring.
const readAheadBytes = 128 << 10

// readAheadConn reads the connection through a large buffer, under TLS:
// crypto/tls asks for little more than one record (at most 16 KB) at a
// time, so a full sync made one system call for every 8 KB on average.
// Through the buffer, one call takes whatever the kernel holds, up to
// readAheadBytes. Writes, deadlines and Close go to the connection.
type readAheadConn struct {
	net.Conn
	r *bufio.Reader
}

func newReadAheadConn(c net.Conn) *readAheadConn {
	return &readAheadConn{Conn: c, r: bufio.NewReaderSize(c, readAheadBytes)}
}

func (c *readAheadConn) Read(p []byte) (int, error) { return c.r.Read(p) }
