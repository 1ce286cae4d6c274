package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// EnvStrict, when "1", turns the skip of an integration test whose peer is
// missing into a failure (CI sets it).
const EnvStrict = "SANAPATI_STRICT"

// SkipOrFail skips t with reason, or fails it under SANAPATI_STRICT=1.
func SkipOrFail(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv(EnvStrict) == "1" {
		t.Fatalf("%s (and %s=1)", reason, EnvStrict)
	}
	t.Skip(reason)
}

// Dovecot is a private Dovecot started by a test: its own configuration,
// TLS certificate from a test CA, one user, on free loopback ports.
type Dovecot struct {
	Dir      string // everything lives here
	Port     int    // IMAP with STARTTLS
	TLSPort  int    // IMAP over TLS
	User     string // the mailbox user
	Password string
	CAFile   string // PEM of the CA that signed the server certificate
	Maildir  string // the user's INBOX
	Conf     string // dovecot.conf

	sysUser *user.User
	seq     atomic.Int64
}

// dovecotSysUser is the unprivileged system user Dovecot runs as when the
// tests run as root.
const dovecotSysUser = "sanapatitest"

// StartDovecot starts Dovecot for t and stops it when t ends. It skips (or
// fails, under SANAPATI_STRICT=1) when Dovecot is not installed.
func StartDovecot(t testing.TB) *Dovecot {
	t.Helper()
	bin, err := exec.LookPath("dovecot")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/dovecot"); err2 != nil {
			SkipOrFail(t, "dovecot is not installed (apt-get install dovecot-imapd)")
		}
		bin = "/usr/sbin/dovecot"
	}
	sys := dovecotUser(t)
	dir, err := os.MkdirTemp("", "sanapati-dovecot-")
	if err != nil {
		t.Fatalf("MkdirTemp() = %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	d := &Dovecot{Dir: dir, User: "operator", Password: "sandi-uji-" + randomToken(4), sysUser: sys}
	d.Maildir = filepath.Join(dir, "mail", d.User)
	for _, sub := range []string{"run", "state", "mail", filepath.Join("mail", d.User, "cur"),
		filepath.Join("mail", d.User, "new"), filepath.Join("mail", d.User, "tmp")} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatalf("MkdirAll() = %v", err)
		}
	}
	d.CAFile = filepath.Join(dir, "ca.pem")
	writeTestCerts(t, dir)
	d.Port, d.TLSPort = freePort(t), freePort(t)
	if err := os.WriteFile(filepath.Join(dir, "users"), []byte(fmt.Sprintf("%s:{PLAIN}%s::::::\n", d.User, d.Password)), 0o644); err != nil {
		t.Fatalf("write users: %v", err)
	}
	d.Conf = filepath.Join(dir, "dovecot.conf")
	conf := strings.NewReplacer("DIR", dir, "USER", sys.Username, "NAME", "sanapati"+strconv.Itoa(d.TLSPort),
		"TLSPORT", strconv.Itoa(d.TLSPort), "PORT", strconv.Itoa(d.Port)).Replace(dovecotConf)
	if err := os.WriteFile(d.Conf, []byte(conf), 0o644); err != nil {
		t.Fatalf("write dovecot.conf: %v", err)
	}
	d.chown(t)
	if out, err := d.start(bin); err != nil {
		t.Fatalf("dovecot -c %s: %v\n%s", d.Conf, err, out)
	}
	t.Cleanup(func() { d.Stop() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(d.TLSPort)))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("dovecot did not listen on %d: %v\n%s", d.TLSPort, err, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return d
}

const dovecotConf = `instance_name = NAME
base_dir = DIR/run
state_dir = DIR/state
log_path = DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
default_login_user = USER
default_internal_user = USER
default_internal_group = USER
ssl = yes
ssl_cert = <DIR/cert.pem
ssl_key = <DIR/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:DIR/mail/%u
mail_fsync = never
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN DIR/users
}
userdb {
  driver = passwd-file
  args = DIR/users
  default_fields = uid=USER gid=USER home=DIR/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = PORT
  }
  inet_listener imaps {
    port = TLSPORT
    ssl = yes
  }
}
service anvil {
  chroot =
}
`

// dovecotUser returns the user Dovecot runs as: an unprivileged system user
// made on first use when the tests run as root, else the current user.
func dovecotUser(t testing.TB) *user.User {
	t.Helper()
	if os.Geteuid() != 0 {
		u, err := user.Current()
		if err != nil {
			t.Fatalf("user.Current() = %v", err)
		}
		return u
	}
	u, err := user.Lookup(dovecotSysUser)
	if err != nil {
		out, err := exec.Command("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", dovecotSysUser).CombinedOutput()
		if err != nil && !strings.Contains(string(out), "already exists") {
			SkipOrFail(t, fmt.Sprintf("cannot create the system user %s for Dovecot: %v: %s", dovecotSysUser, err, out))
		}
		if u, err = user.Lookup(dovecotSysUser); err != nil {
			t.Fatalf("user.Lookup(%s) = %v", dovecotSysUser, err)
		}
	}
	return u
}

// chown gives the whole folder to the user Dovecot runs as.
func (d *Dovecot) chown(t testing.TB) {
	t.Helper()
	uid, _ := strconv.Atoi(d.sysUser.Uid)
	gid, _ := strconv.Atoi(d.sysUser.Gid)
	err := filepath.Walk(d.Dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
	if err != nil && os.Geteuid() == 0 {
		t.Fatalf("chown %s: %v", d.Dir, err)
	}
}

// Deliver writes messages straight into the INBOX, as a delivery agent
// would.
func (d *Dovecot) Deliver(t testing.TB, msgs ...[]byte) {
	t.Helper()
	uid, _ := strconv.Atoi(d.sysUser.Uid)
	gid, _ := strconv.Atoi(d.sysUser.Gid)
	for _, m := range msgs {
		n := d.seq.Add(1)
		name := fmt.Sprintf("%d.M%dP%d.sanapati", time.Now().Unix(), n, os.Getpid())
		tmp := filepath.Join(d.Maildir, "tmp", name)
		if err := os.WriteFile(tmp, m, 0o644); err != nil {
			t.Fatalf("deliver: %v", err)
		}
		os.Lchown(tmp, uid, gid)
		if err := os.Rename(tmp, filepath.Join(d.Maildir, "new", name)); err != nil {
			t.Fatalf("deliver: %v", err)
		}
	}
}

// Doveadm runs doveadm against this instance.
func (d *Dovecot) Doveadm(t testing.TB, args ...string) string {
	t.Helper()
	out, err := exec.Command("doveadm", append([]string{"-c", d.Conf}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs dovecot, which daemonises. Its output goes to a file: the
// daemon keeps the descriptors open, so a pipe would never reach EOF.
func (d *Dovecot) start(bin string) ([]byte, error) {
	logPath := filepath.Join(d.Dir, "start.log")
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cmd := exec.Command(bin, "-c", d.Conf)
	cmd.Stdout, cmd.Stderr = f, f
	err = cmd.Run()
	out, _ := os.ReadFile(logPath)
	return out, err
}

// Restart starts Dovecot again after Stop.
func (d *Dovecot) Restart(t testing.TB) {
	t.Helper()
	if out, err := d.start("dovecot"); err != nil {
		t.Fatalf("restart dovecot: %v\n%s", err, out)
	}
}

// Stop stops Dovecot.
func (d *Dovecot) Stop() {
	pid := filepath.Join(d.Dir, "run", "master.pid")
	if b, err := os.ReadFile(pid); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			if p, err := os.FindProcess(n); err == nil {
				p.Signal(syscall.SIGTERM)
			}
		}
	}
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(pid); err != nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// URL is the account URL for the imaps port (host "localhost", which the
// certificate names), or for another address such as a proxy's.
func (d *Dovecot) URL(addr string) string {
	if addr == "" {
		addr = net.JoinHostPort("localhost", strconv.Itoa(d.TLSPort))
	}
	return "imaps://" + d.User + "@" + addr + "/INBOX"
}

// Account returns an account for url with this instance's CA and password.
func (d *Dovecot) Account(t testing.TB, url, password string) *Account {
	t.Helper()
	a, err := NewAccount(AccountConfig{URL: url, CAFile: d.CAFile, Timeout: 10 * time.Second},
		envMap(map[string]string{EnvPassword: password}), nil)
	if err != nil {
		t.Fatalf("NewAccount() = %v", err)
	}
	return a
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen() = %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// writeTestCerts makes a CA and a server certificate for 127.0.0.1 and
// localhost, signed by it, into dir: ca.pem, cert.pem, key.pem.
func writeTestCerts(t testing.TB, dir string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Sanapati Desk Test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	for name, block := range map[string]*pem.Block{
		"ca.pem":   {Type: "CERTIFICATE", Bytes: caDER},
		"cert.pem": {Type: "CERTIFICATE", Bytes: der},
		"key.pem":  {Type: "PRIVATE KEY", Bytes: keyDER},
	} {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
