// Package mail is the desk's intake: it syncs the Sanapati mailbox over IMAP
// into the store, imports .eml and mbox files when the mailbox is out of
// reach, reads MIME messages into safe, readable text with the fields the
// registration form needs, and runs an in-memory demo mailbox.
//
// It is the only package that imports go-imap and go-message. Every string
// it hands out that came from a message has been through Sanitize.
package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// The environment variables an account reads.
const (
	EnvURL      = "SANAPATI_URL"
	EnvPassword = "SANAPATI_PASSWORD"
)

// AccountConfig is the account as the desk's settings hold it. The password
// itself is never part of it.
type AccountConfig struct {
	// URL is imaps://USER@HOST[:PORT]/MAILBOX (TLS from the start, port 993
	// by default) or imap://USER@HOST[:PORT]/MAILBOX (STARTTLS required,
	// port 143 by default). The mailbox defaults to INBOX.
	URL string
	// CAFile is a PEM file of certificates to trust besides the system's,
	// for a server whose certificate a private CA signed.
	CAFile string
	// PasswordCmd is a shell command whose first line of output is the
	// password (for example `pass show sanapati`).
	PasswordCmd string
	// InsecurePlaintext allows an imap:// connection without TLS to a host
	// that is not a loopback address. The password then travels in clear.
	InsecurePlaintext bool
	// Timeout bounds connecting and logging in (dial, greeting, STARTTLS,
	// TLS handshake and LOGIN together), and each silence of the server
	// while the desk waits for an answer; zero means 30 s. A server that
	// answers but trickles is cut too (see the watchdog in deadline.go).
	Timeout time.Duration
}

// PromptFunc asks the operator for the password of user at host.
type PromptFunc func(ctx context.Context, user, host string) (string, error)

// Account is a parsed, ready-to-dial mailbox account.
type Account struct {
	// User is the login name.
	User string
	// Host and Port locate the server.
	Host, Port string
	// Mailbox is the mailbox synced, INBOX by default.
	Mailbox string
	// ImplicitTLS is true for imaps://.
	ImplicitTLS bool
	// InsecurePlaintext is the setting of the same name.
	InsecurePlaintext bool
	// Timeout bounds connecting and logging in, and each silence of the
	// server while the desk waits (see AccountConfig.Timeout).
	Timeout time.Duration

	tlsConfig   *tls.Config
	sent        io.Writer // tests: a copy of the bytes written to the server
	passwordCmd string
	envPassword string
	prompt      PromptFunc

	mu       sync.Mutex
	password string
	early    chan early // the connection Preconnect started, until taken
}

// NewAccount parses cfg. getenv reads the environment (os.Getenv in the
// program, a map in tests): SANAPATI_URL overrides cfg.URL and
// SANAPATI_PASSWORD, when set, is the password. prompt, which may be nil,
// asks the operator when neither the environment nor cfg.PasswordCmd gives
// one.
func NewAccount(cfg AccountConfig, getenv func(string) string, prompt PromptFunc) (*Account, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	raw := cfg.URL
	if v := getenv(EnvURL); v != "" {
		raw = v
	}
	if raw == "" {
		return nil, errors.New("no mailbox configured: set the account URL or " + EnvURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("read mailbox URL: %w", err)
	}
	a := &Account{
		InsecurePlaintext: cfg.InsecurePlaintext,
		Timeout:           cfg.Timeout,
		passwordCmd:       cfg.PasswordCmd,
		envPassword:       getenv(EnvPassword),
		prompt:            prompt,
	}
	if a.Timeout <= 0 {
		a.Timeout = 30 * time.Second
	}
	switch strings.ToLower(u.Scheme) {
	case "imaps":
		a.ImplicitTLS, a.Port = true, "993"
	case "imap":
		a.Port = "143"
	default:
		return nil, fmt.Errorf("mailbox URL %q: scheme must be imaps or imap", redact(u))
	}
	if u.User == nil || u.User.Username() == "" {
		return nil, fmt.Errorf("mailbox URL %q: no user name (imaps://USER@HOST/MAILBOX)", redact(u))
	}
	if _, ok := u.User.Password(); ok {
		return nil, fmt.Errorf("mailbox URL %q: a password does not belong in the URL; use %s or password-cmd", redact(u), EnvPassword)
	}
	a.User = u.User.Username()
	a.Host = u.Hostname()
	if a.Host == "" {
		return nil, fmt.Errorf("mailbox URL %q: no host", redact(u))
	}
	if p := u.Port(); p != "" {
		a.Port = p
	}
	a.Mailbox = strings.TrimPrefix(u.Path, "/")
	if a.Mailbox == "" {
		a.Mailbox = "INBOX"
	}
	if a.tlsConfig, err = tlsConfig(a.Host, cfg.CAFile); err != nil {
		return nil, err
	}
	return a, nil
}

// redact returns the URL without any password in it.
func redact(u *url.URL) string { return u.Redacted() }

// String shows the account as a URL, without a password.
func (a *Account) String() string {
	scheme := "imap"
	if a.ImplicitTLS {
		scheme = "imaps"
	}
	u := url.URL{Scheme: scheme, User: url.User(a.User), Host: net.JoinHostPort(a.Host, a.Port), Path: "/" + a.Mailbox}
	return u.String()
}

// Addr is HOST:PORT.
func (a *Account) Addr() string { return net.JoinHostPort(a.Host, a.Port) }

// Loopback reports whether the host is a loopback address or localhost.
func (a *Account) Loopback() bool {
	if strings.EqualFold(a.Host, "localhost") {
		return true
	}
	ip := net.ParseIP(a.Host)
	return ip != nil && ip.IsLoopback()
}

func tlsConfig(host, caFile string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if caFile == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("read ca-file: %w", err)
	}
	own := x509.NewCertPool()
	if !own.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("read ca-file %s: no PEM certificate in it", caFile)
	}
	// The ca-file's certificates are trusted besides the system's. The
	// system's are read only when the ca-file's do not verify the server:
	// reading them costs more than a whole sync with nothing new.
	// crypto/tls's own checks are replaced by the same checks, done here.
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		return verifyPeer(cs, host, own)
	}
	return cfg, nil
}

// verifyPeer verifies the server's chain for host against own, then
// against the system's roots: what crypto/tls does when RootCAs holds
// both.
func verifyPeer(cs tls.ConnectionState, host string, own *x509.CertPool) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("tls: the server sent no certificate")
	}
	opts := x509.VerifyOptions{DNSName: host, Roots: own, Intermediates: x509.NewCertPool()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	leaf := cs.PeerCertificates[0]
	_, err := leaf.Verify(opts)
	if err == nil {
		return nil
	}
	var uaerr x509.UnknownAuthorityError
	if !errors.As(err, &uaerr) {
		return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
	}
	sys, serr := x509.SystemCertPool()
	if serr != nil || sys == nil {
		return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
	}
	opts.Roots = sys
	if _, err := leaf.Verify(opts); err != nil {
		return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
	}
	return nil
}

// Password returns the account's password: SANAPATI_PASSWORD, else the
// output of password-cmd, else the operator's answer to the prompt. It is
// asked once and kept in memory only.
func (a *Account) Password(ctx context.Context) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.password != "" {
		return a.password, nil
	}
	var (
		pw  string
		err error
	)
	switch {
	case a.envPassword != "":
		pw = a.envPassword
	case a.passwordCmd != "":
		pw, err = runPasswordCmd(ctx, a.passwordCmd)
	case a.prompt != nil:
		pw, err = a.prompt(ctx, a.User, a.Host)
	default:
		return "", fmt.Errorf("no password for %s: set %s or password-cmd", a.User, EnvPassword)
	}
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", fmt.Errorf("empty password for %s", a.User)
	}
	a.password = pw
	return pw, nil
}

// forgetPassword drops a password the server refused, so the next attempt
// asks again.
func (a *Account) forgetPassword() {
	a.mu.Lock()
	a.password = ""
	a.mu.Unlock()
}

func runPasswordCmd(ctx context.Context, command string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		cmd = exec.CommandContext(ctx, "cmd", "/C", command)
	} else {
		cmd = exec.CommandContext(ctx, "/bin/sh", "-c", command)
	}
	cmd.Stdin = os.Stdin
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg != "" {
			return "", fmt.Errorf("run password-cmd: %w: %s", err, firstLine(msg))
		}
		return "", fmt.Errorf("run password-cmd: %w", err)
	}
	pw := strings.TrimRight(firstLine(string(out)), "\r")
	if pw == "" {
		return "", errors.New("run password-cmd: it printed no password")
	}
	return pw, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
