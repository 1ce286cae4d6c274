package mail

import (
	"context"
	"net"
	"testing"
	"time"
)

func TestPreconnect(t *testing.T) {
	srv := startMemServer(t, nil)
	srv.appendMessages(t, testMessage(1))
	db := openStore(t)
	tests := []struct {
		name     string
		password string // "" leaves it to a prompt
		stale    bool   // the early connection waits past earlyFresh
		wantConn int    // connections the proxy sees
	}{
		{"taken up", testPassword, false, 1},
		{"stale, dialled again", testPassword, true, 2},
		{"password still to be asked", "", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := StartProxy(t, srv.Addr)
			acct := testAccount(t, p.Addr, tt.password)
			if tt.password == "" {
				acct.prompt = func(context.Context, string, string) (string, error) { return testPassword, nil }
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			acct.Preconnect(ctx)
			if tt.password == "" {
				if acct.early != nil {
					t.Fatal("Preconnect() dialled with the password still to be asked")
				}
			} else {
				eventually(t, 5*time.Second, "the early connection", func() bool { return p.Accepted() == 1 })
			}
			if tt.stale {
				e := <-acct.early
				e.at = e.at.Add(-earlyFresh)
				acct.early <- e
			}
			if _, err := Sync(ctx, db, acct, SyncOptions{}); err != nil {
				t.Fatalf("Sync() = %v", err)
			}
			if got := p.Accepted(); got != tt.wantConn {
				t.Fatalf("the proxy accepted %d connections, want %d", got, tt.wantConn)
			}
		})
	}
}

func TestPreconnectNotTakenIsClosed(t *testing.T) {
	srv := startMemServer(t, nil)
	p := StartProxy(t, srv.Addr)
	acct := testAccount(t, p.Addr, testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	acct.Preconnect(ctx)
	eventually(t, 5*time.Second, "the early connection", func() bool { return p.Accepted() == 1 })
	cancel()
	eventually(t, 5*time.Second, "the early connection closed", func() bool {
		acct.mu.Lock()
		defer acct.mu.Unlock()
		return acct.early == nil
	})
	// Taken by the cancellation: a later Sync dials its own.
	db := openStore(t)
	if _, err := Sync(context.Background(), db, acct, SyncOptions{}); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	if got := p.Accepted(); got != 2 {
		t.Fatalf("the proxy accepted %d connections, want 2", got)
	}
}

func TestDialLocalhostWithoutResolver(t *testing.T) {
	for _, network := range []string{"tcp4", "tcp6"} {
		t.Run(network, func(t *testing.T) {
			host := "127.0.0.1"
			if network == "tcp6" {
				host = "::1"
			}
			ln, err := net.Listen(network, net.JoinHostPort(host, "0"))
			if err != nil {
				t.Skipf("no %s loopback here: %v", network, err)
			}
			defer ln.Close()
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			acct := testAccount(t, "LocalHost:"+port, testPassword)
			c, err := acct.dialNow(context.Background())
			if err != nil {
				t.Fatalf("dialNow() to localhost with the server on %s = %v", host, err)
			}
			c.Close()
		})
	}
}
