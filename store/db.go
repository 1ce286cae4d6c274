package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout of the store file this code writes.
const SchemaVersion = 4

// The buckets of the store file.
var (
	bucketMeta         = []byte("meta")          // schema version, chain head, agenda counters
	bucketLetters      = []byte("letters")       // id -> letter JSON
	bucketRaw          = []byte("raw")           // id -> the message's bytes, exactly as received
	bucketBySource     = []byte("by_source")     // mailbox NUL uidvalidity uid -> id
	bucketByHash       = []byte("by_hash")       // contentKey of the message -> id
	bucketByReceived   = []byte("by_received")   // received unix nanos, id -> nil
	bucketByStage      = []byte("by_stage")      // stage NUL id -> received unix nanos
	bucketAgenda       = []byte("agenda")        // year, serial -> id
	bucketSearch       = []byte("search")        // id -> lower-case text searched by Search
	bucketEvents       = []byte("events")        // seq -> hash (32 bytes) then event JSON
	bucketLetterEvents = []byte("letter_events") // id, seq -> nil
	bucketMailboxes    = []byte("mailboxes")     // name -> MailboxState JSON
	bucketDirectory    = []byte("directory")     // "current" -> Directory JSON

	allBuckets = [][]byte{bucketMeta, bucketLetters, bucketRaw, bucketBySource, bucketByHash,
		bucketByReceived, bucketByStage, bucketAgenda, bucketSearch, bucketEvents,
		bucketLetterEvents, bucketMailboxes, bucketDirectory, bucketClassPending}

	keySchema    = []byte("schema")
	keyChainHead = []byte("chain_head")
	keyDirectory = []byte("current")
)

// Options configure a store when it is opened. The zero value works.
type Options struct {
	// Calendar sets due times; nil means DefaultCalendar().
	Calendar *Calendar
	// Operator names who makes changes in the audit trail; "" means the
	// login name.
	Operator string
	// Now is the clock; nil means time.Now. Tests replace it.
	Now func() time.Time
	// Timeout bounds the wait for a store that another process holds;
	// zero means half a second, so that a second desk gives up within a
	// second, its start included.
	Timeout time.Duration
	// NoSync skips fsync on commit. Only for tests and benchmarks that
	// measure something else.
	NoSync bool
}

// pageSize is the page size of a new store file.
const pageSize = 16 << 10

// DB is the desk's store: one bbolt file.
type DB struct {
	bolt *bolt.DB
	path string
	// base is the calendar the settings give; cal is it with the changes
	// the operator made in the store, replaced whole on each change.
	base     *Calendar
	cal      atomic.Pointer[Calendar]
	operator func() string
	now      func() time.Time
}

// Open opens (creating if needed) the store at path with owner-only
// permissions. When another process holds the store it fails within
// opts.Timeout with an *Error of code ErrLocked.
func Open(path string, opts Options) (*DB, error) {
	if opts.Timeout == 0 {
		opts.Timeout = 500 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Calendar == nil {
		opts.Calendar = DefaultCalendar()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create store folder: %w", err)
	}
	// Pages of 16 KB for a new file (a file keeps the size it was made
	// with): a leaf then holds three messages of 5 KB where a 4 KB page
	// held two in three pages, so a sync writes fewer pages in fewer
	// writes and leaves a smaller file.
	bopts := &bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync, PageSize: pageSize}
	if runtime.GOOS != "windows" && strconv.IntSize == 64 {
		// Map a gigabyte of address space at once (only what is read takes
		// memory): a store that grows then never remaps its file, which
		// copies every record the writing transaction holds and makes the
		// interface's reads wait for the sync. On Windows the file would be
		// made that large.
		bopts.InitialMmapSize = 1 << 30
	}
	b, err := bolt.Open(path, 0o600, bopts)
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, &Error{Code: ErrLocked, Detail: path}
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// The login name is looked up when an event first needs it: a run
	// that changes nothing (a fetch with nothing new) does without it.
	operator := sync.OnceValue(loginName)
	if name := opts.Operator; name != "" {
		operator = func() string { return name }
	}
	db := &DB{bolt: b, path: path, base: opts.Calendar, operator: operator, now: opts.Now}
	if err := db.init(); err != nil {
		b.Close()
		return nil, err
	}
	if err := db.loadCalendar(); err != nil {
		b.Close()
		return nil, err
	}
	return db, nil
}

func loginName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "operator"
}

// migrations[i] brings a store from schema version i to i+1.
var migrations = []func(tx *bolt.Tx) error{
	0: func(tx *bolt.Tx) error {
		d := DefaultDirectory()
		return putJSON(tx.Bucket(bucketDirectory), keyDirectory, &d)
	},
	// 2: the stage index carries each letter's received time, and each
	// stage has a counter, so that the start screen's counts read no letter.
	1: func(tx *bolt.Tx) error {
		counts := map[Stage]uint64{}
		stages := tx.Bucket(bucketByStage)
		// The new values are gathered first and written after the walk: a
		// bucket must not change under its cursor.
		received := map[string][]byte{}
		c := stages.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			i := bytes.IndexByte(k, 0)
			l, _, err := getLetter(tx, binary.BigEndian.Uint64(k[i+1:]))
			if err != nil {
				return err
			}
			received[string(k)] = u64(uint64(l.ReceivedAt.UnixNano()))
			counts[Stage(k[:i])]++
		}
		for k, v := range received {
			if err := stages.Put([]byte(k), v); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		for s, n := range counts {
			if err := meta.Put(stageCountKey(s), u64(n)); err != nil {
				return err
			}
		}
		return nil
	},
	// 3: messages are matched on their content with line endings made
	// alike, so that a message fetched (CRLF) and the same one imported
	// from a webmail export (LF) are one letter.
	2: rebuildByHash,
	// 4: the content key reads a lone LF as CRLF, where 3 read CRLF as LF:
	// a message served by a server, whose lines end in CRLF already, has
	// its SHA-256 as its key, and the intake hashes it once.
	3: rebuildByHash,
}

// rebuildByHash makes the content index again from the messages stored.
func rebuildByHash(tx *bolt.Tx) error {
	if err := tx.DeleteBucket(bucketByHash); err != nil {
		return err
	}
	byHash, err := tx.CreateBucket(bucketByHash)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRaw).ForEach(func(k, v []byte) error {
		return byHash.Put(contentKey(v), bytes.Clone(k))
	})
}

// init creates the buckets and runs the migrations a store file needs. A
// store that needs neither is only read: opening it writes nothing, and so
// waits for no fsync.
func (db *DB) init() error {
	current := false
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return nil
			}
		}
		v := tx.Bucket(bucketMeta).Get(keySchema)
		current = v != nil && binary.BigEndian.Uint32(v) == SchemaVersion
		return nil
	})
	if err != nil || current {
		return err
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		version := 0
		if v := meta.Get(keySchema); v != nil {
			version = int(binary.BigEndian.Uint32(v))
		}
		if version > SchemaVersion {
			return fmt.Errorf("the store was written by a newer sanapati-desk (schema %d, this one knows %d): update the program", version, SchemaVersion)
		}
		for ; version < SchemaVersion; version++ {
			if err := migrations[version](tx); err != nil {
				return fmt.Errorf("migrate store from schema %d: %w", version, err)
			}
		}
		return meta.Put(keySchema, u32(SchemaVersion))
	})
}

// Close closes the store file.
func (db *DB) Close() error { return db.bolt.Close() }

// Path is the store file's path.
func (db *DB) Path() string { return db.path }

// Calendar is the calendar the store computes due times with.
func (db *DB) Calendar() *Calendar { return db.cal.Load() }

// Now is the store's clock.
func (db *DB) Now() time.Time { return db.now() }

// Operator is the name the audit trail records.
func (db *DB) Operator() string { return db.operator() }

// Backup writes a consistent copy of the whole store to w while the desk
// keeps running.
func (db *DB) Backup(w io.Writer) error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// BackupFile writes a consistent copy of the store to path (mode 0600),
// through a temporary file so that a failed backup never leaves half a file.
func (db *DB) BackupFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".backup-*")
	if err != nil {
		return fmt.Errorf("create backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("create backup: %w", err)
	}
	if err := db.Backup(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write backup: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	return nil
}

func u32(v uint32) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, v)
	return b
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}
