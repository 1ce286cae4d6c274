package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"path"
	"sanapati-desk/print/locale"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

//go:embed demo/*.eml
var demoFiles embed.FS

// DemoOptions tune the demo mailbox.
type DemoOptions struct {
	// Every is how often a new demo message arrives; 0 means one minute,
	// a negative value none.
	Every time.Duration
	// Now is the clock the demo dates its messages by; nil means time.Now.
	Now func() time.Time
}

// Demo is a running demo mailbox: go-imap's in-memory server on a loopback
// port, seeded with realistic official messages.
type Demo struct {
	// URL, User and Password are what to connect with.
	URL, User, Password string

	srv       *imapserver.Server
	ln        net.Listener
	user      *imapmemserver.User
	templates [][]byte
	now       func() time.Time

	mu   sync.Mutex
	next int
	wg   sync.WaitGroup
	stop context.CancelFunc
}

// demoZone is Western Indonesia Time, the zone the demo letters are
// written in.
var demoZone = time.FixedZone("WIB", 7*3600)

// StartDemo starts the demo mailbox, seeded with the embedded messages
// received over the last days, and delivers a new one every opts.Every
// until ctx ends or Close is called.
func StartDemo(ctx context.Context, opts DemoOptions) (*Demo, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Every == 0 {
		opts.Every = time.Minute
	}
	templates, err := demoTemplates()
	if err != nil {
		return nil, err
	}
	d := &Demo{User: "operator", Password: randomToken(8), templates: templates, now: opts.Now}
	mem := imapmemserver.New()
	d.user = imapmemserver.NewUser(d.User, d.Password)
	if err := d.user.Create("INBOX", nil); err != nil {
		return nil, fmt.Errorf("start demo mailbox: %w", err)
	}
	mem.AddUser(d.user)
	d.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})
	d.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start demo mailbox: %w", err)
	}
	u := url.URL{Scheme: "imap", User: url.User(d.User), Host: d.ln.Addr().String(), Path: "/INBOX"}
	d.URL = u.String()

	now := opts.Now()
	n := len(templates)
	for i, t := range templates {
		// Spread over the last four days, the newest an hour ago.
		age := time.Hour + time.Duration(n-1-i)*(4*24*time.Hour)/time.Duration(n)
		if err := d.append(t, now.Add(-age)); err != nil {
			d.ln.Close()
			return nil, err
		}
	}

	ctx, d.stop = context.WithCancel(ctx)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.srv.Serve(d.ln)
	}()
	context.AfterFunc(ctx, func() { d.srv.Close() })
	if opts.Every > 0 {
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			t := time.NewTicker(opts.Every)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					d.Deliver()
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	return d, nil
}

// Account returns the account to sync the demo mailbox with, its password
// already known.
func (d *Demo) Account() (*Account, error) {
	return NewAccount(AccountConfig{URL: d.URL}, func(k string) string {
		if k == EnvPassword {
			return d.Password
		}
		return ""
	}, nil)
}

// Deliver makes the next demo message arrive now, with a new Message-ID.
func (d *Demo) Deliver() error {
	d.mu.Lock()
	t := d.templates[d.next%len(d.templates)]
	d.next++
	d.mu.Unlock()
	return d.append(t, d.now())
}

// Close stops the server and the deliveries.
func (d *Demo) Close() error {
	d.stop()
	err := d.srv.Close()
	d.wg.Wait()
	return err
}

func (d *Demo) append(template []byte, at time.Time) error {
	raw := fillDemo(template, at)
	_, err := d.user.Append("INBOX", literal{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: at})
	if err != nil {
		return fmt.Errorf("deliver demo message: %w", err)
	}
	return nil
}

type literal struct {
	*bytes.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

func demoTemplates() ([][]byte, error) {
	names, err := demoFiles.ReadDir("demo")
	if err != nil {
		return nil, fmt.Errorf("read demo messages: %w", err)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	var out [][]byte
	for _, n := range names {
		b, err := demoFiles.ReadFile(path.Join("demo", n.Name()))
		if err != nil {
			return nil, fmt.Errorf("read demo messages: %w", err)
		}
		out = append(out, b)
	}
	return out, nil
}

func tanggal(t time.Time) string {
	return locale.Date(t, "id")
}

// fillDemo dates a demo template: the message is sent at, the letter is
// dated that day, the event it announces is a week later.
func fillDemo(template []byte, at time.Time) []byte {
	at = at.In(demoZone)
	event := at.AddDate(0, 0, 7)
	for event.Weekday() == time.Saturday || event.Weekday() == time.Sunday {
		event = event.AddDate(0, 0, 1)
	}
	r := strings.NewReplacer(
		"{{DATE}}", at.Format(time.RFC1123Z),
		"{{TANGGAL}}", tanggal(at),
		"{{ACARA}}", locale.Weekday(event.Weekday(), "id")+", "+tanggal(event),
		"{{TAHUN}}", fmt.Sprint(at.Year()),
		"{{TAHUN_DEPAN}}", fmt.Sprint(at.Year()+1),
		"{{MSGID}}", fmt.Sprintf("%d.%s", at.Unix(), randomToken(6)),
	)
	return []byte(r.Replace(string(template)))
}

func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
