package mail

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewAccount(t *testing.T) {
	for _, tc := range []struct {
		name, url, envURL string
		want              string // Account.String(), or an error fragment after "error: "
		tls               bool
	}{
		{"imaps default port and mailbox", "imaps://persandian@mail.pekalongankota.go.id", "", "imaps://persandian@mail.pekalongankota.go.id:993/INBOX", true},
		{"imaps port and mailbox", "imaps://persandian@10.1.2.3:1993/Sanapati", "", "imaps://persandian@10.1.2.3:1993/Sanapati", true},
		{"imap starttls", "imap://persandian@mail.example.go.id/INBOX", "", "imap://persandian@mail.example.go.id:143/INBOX", false},
		{"user with at sign", "imaps://persandian%40pekalongankota.go.id@mail.example.go.id/INBOX", "", "imaps://persandian%40pekalongankota.go.id@mail.example.go.id:993/INBOX", true},
		{"environment overrides", "imaps://a@one.example", "imaps://b@two.example:994/Arsip", "imaps://b@two.example:994/Arsip", true},
		{"nothing configured", "", "", "error: no mailbox configured", false},
		{"wrong scheme", "pop3://a@b", "", "error: scheme must be imaps or imap", false},
		{"no user", "imaps://mail.example.go.id/INBOX", "", "error: no user name", false},
		{"password in URL", "imaps://a:rahasia@mail.example.go.id/INBOX", "", "error: a password does not belong in the URL", false},
		{"no host", "imaps://a@/INBOX", "", "error: no host", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewAccount(AccountConfig{URL: tc.url}, envMap(map[string]string{EnvURL: tc.envURL}), nil)
			if frag, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), frag) {
					t.Fatalf("NewAccount(%q) = %v, want an error with %q", tc.url, err, frag)
				}
				if strings.Contains(err.Error(), "rahasia") {
					t.Errorf("error %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewAccount(%q) = %v", tc.url, err)
			}
			if a.String() != tc.want || a.ImplicitTLS != tc.tls {
				t.Errorf("NewAccount(%q) = %s (TLS %v), want %s (TLS %v)", tc.url, a, a.ImplicitTLS, tc.want, tc.tls)
			}
		})
	}
}

func TestAccountCAFile(t *testing.T) {
	dir := t.TempDir()
	writeTestCerts(t, dir)
	if _, err := NewAccount(AccountConfig{URL: "imaps://a@b", CAFile: filepath.Join(dir, "ca.pem")}, nil, nil); err != nil {
		t.Errorf("NewAccount() with a CA file = %v", err)
	}
	if _, err := NewAccount(AccountConfig{URL: "imaps://a@b", CAFile: filepath.Join(dir, "tidak-ada.pem")}, nil, nil); err == nil {
		t.Error("NewAccount() with a missing CA file = nil")
	}
	bad := filepath.Join(dir, "bukan.pem")
	os.WriteFile(bad, []byte("bukan sertifikat"), 0o600)
	if _, err := NewAccount(AccountConfig{URL: "imaps://a@b", CAFile: bad}, nil, nil); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("NewAccount() with a non-PEM CA file = %v", err)
	}
}

func TestAccountPassword(t *testing.T) {
	ctx := context.Background()
	prompted := 0
	prompt := func(_ context.Context, user, host string) (string, error) {
		prompted++
		if user != "operator" || host != "mail.example.go.id" {
			t.Errorf("prompt(%q, %q)", user, host)
		}
		return "dari-prompt", nil
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		cmd  string
		want string // or "error: ..."
	}{
		{"environment first", map[string]string{EnvPassword: "dari-env"}, "echo dari-cmd", "dari-env"},
		{"command, first line", nil, "printf 'dari-cmd\\nbaris dua\\n'", "dari-cmd"},
		{"command fails", nil, "echo keyring terkunci >&2; exit 3", "error: keyring terkunci"},
		{"command prints nothing", nil, "true", "error: printed no password"},
		{"prompt last", nil, "", "dari-prompt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewAccount(AccountConfig{URL: "imaps://operator@mail.example.go.id", PasswordCmd: tc.cmd}, envMap(tc.env), prompt)
			if err != nil {
				t.Fatalf("NewAccount() = %v", err)
			}
			got, err := a.Password(ctx)
			if frag, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), frag) {
					t.Fatalf("Password() = %q, %v; want an error with %q", got, err, frag)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Password() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	// Asked once, kept in memory, asked again after the server refused it.
	prompted = 0
	a, _ := NewAccount(AccountConfig{URL: "imaps://operator@mail.example.go.id"}, nil, prompt)
	a.Password(ctx)
	a.Password(ctx)
	if prompted != 1 {
		t.Errorf("prompted %d times, want once", prompted)
	}
	a.forgetPassword()
	a.Password(ctx)
	if prompted != 2 {
		t.Errorf("prompted %d times after a refusal, want twice", prompted)
	}
	if a, _ := NewAccount(AccountConfig{URL: "imaps://a@b"}, nil, nil); a != nil {
		if _, err := a.Password(ctx); err == nil || !strings.Contains(err.Error(), EnvPassword) {
			t.Errorf("Password() with no source = %v, want it to name %s", err, EnvPassword)
		}
	}
}

func TestPlaintextPolicy(t *testing.T) {
	srv := startMemServer(t, nil) // no TLS at all
	db := openStore(t)
	// Loopback: plaintext is allowed.
	if _, err := Sync(context.Background(), db, testAccount(t, srv.Addr, testPassword), SyncOptions{}); err != nil {
		t.Fatalf("Sync() to a loopback server without TLS = %v", err)
	}
	// Another address: refused unless insecure-plaintext is set.
	ip := nonLoopbackIP(t)
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	go srv.srv.Serve(ln)
	url := "imap://" + testUser + "@" + ln.Addr().String() + "/INBOX"
	env := envMap(map[string]string{EnvPassword: testPassword})
	a, err := NewAccount(AccountConfig{URL: url, Timeout: 5 * time.Second}, env, nil)
	if err != nil {
		t.Fatalf("NewAccount() = %v", err)
	}
	_, err = Sync(context.Background(), db, a, SyncOptions{Retries: 3})
	if !errors.Is(err, ErrInsecure) {
		t.Fatalf("Sync() in clear to %s = %v, want ErrInsecure", ip, err)
	}
	a, _ = NewAccount(AccountConfig{URL: url, InsecurePlaintext: true}, env, nil)
	if _, err := Sync(context.Background(), db, a, SyncOptions{}); err != nil {
		t.Errorf("Sync() with insecure-plaintext = %v", err)
	}
}

// nonLoopbackIP returns an address of this machine that is not loopback.
func nonLoopbackIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				return n.IP.String()
			}
		}
	}
	t.Skip("no non-loopback IPv4 address on this machine")
	return ""
}
