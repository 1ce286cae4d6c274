package mail

import (
	"context"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestZZProf(t *testing.T) {
	if os.Getenv("ZZPROF") == "" {
		t.Skip()
	}
	d := StartDovecot(t)
	for i := 1; i <= 10_000; i++ {
		d.Deliver(t, benchMessage(i, 5000))
	}
	d.chown(t)
	d.Doveadm(t, "mailbox", "status", "-u", d.User, "messages", "INBOX")
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"), store.Options{NoSync: os.Getenv("NOSYNC") != ""})
	if err != nil {
		t.Fatal(err)
	}
	acct := d.Account(t, d.URL(""), d.Password)
	f, _ := os.Create("/tmp/cpu2.out")
	pprof.StartCPUProfile(f)
	start := time.Now()
	res, err := Sync(context.Background(), db, acct, SyncOptions{})
	el := time.Since(start)
	pprof.StopCPUProfile()
	t.Logf("%+v %v %v", res.New, err, el)
}
