package mail

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"

	"sanapati-desk/store"
)

// State is where a watcher stands.
type State int

// The watcher's states, in the order a good day sees them.
const (
	// StateConnecting: dialling and logging in.
	StateConnecting State = iota
	// StateConnected: logged in, about to look for new messages.
	StateConnected
	// StateSyncing: fetching new messages; the event carries progress.
	StateSyncing
	// StateWatching: up to date, waiting for the server to report mail.
	StateWatching
	// StateOffline: the connection failed; the event says why and when the
	// next attempt is.
	StateOffline
	// StateStopped: the watcher gave up (authentication failure, a refusal
	// by the server, a store error) or its context ended. Last event.
	StateStopped
	// StateClassesRead is no change of the connection: the classes of
	// Event.Settled letters were read from their PDFs (SettleClasses),
	// beside it. The state before goes on.
	StateClassesRead
)

var stateNames = [...]string{"connecting", "connected", "syncing", "watching", "offline", "stopped", "classes read"}

// String names the state in English, for logs.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Event is one change the watcher reports to the interface.
type Event struct {
	State State
	At    time.Time
	// Progress of the running sync (StateSyncing).
	Progress Progress
	// Result of the sync just finished (StateWatching); Result.Added are
	// the letters to show.
	Result SyncResult
	// Err says why the watcher is offline or stopped.
	Err error
	// Retry is when the next attempt starts (StateOffline).
	Retry time.Time
	// Idle is true when the server pushes news (IDLE), false when the
	// watcher polls.
	Idle bool
	// Settled counts the letters whose class was read (StateClassesRead).
	Settled int
}

// WatchOptions tune a watcher. The zero value is a good default.
type WatchOptions struct {
	Sync SyncOptions
	// PollInterval is how often a server without IDLE is asked for news;
	// 0 means 4 s, so a new message shows within 5 s.
	PollInterval time.Duration
	// IdleRefresh is how long one IDLE lasts before the watcher checks the
	// connection and the mailbox anyway; 0 means 5 minutes.
	IdleRefresh time.Duration

	noIdle bool // tests: poll even when the server offers IDLE
}

// Watch keeps db in step with the account's mailbox until ctx ends: it
// syncs, then waits for news with IDLE where the server offers it and by
// polling otherwise, reconnecting with exponential backoff (capped at 30 s)
// when the connection fails. Events stream on the returned channel, which
// is closed after the StateStopped event. Progress events are dropped when
// the reader is slow; state changes are not.
func Watch(ctx context.Context, db *store.DB, acct *Account, opts WatchOptions) <-chan Event {
	opts.Sync = opts.Sync.withDefaults()
	if opts.PollInterval <= 0 {
		opts.PollInterval = 4 * time.Second
	}
	if opts.IdleRefresh <= 0 {
		opts.IdleRefresh = 5 * time.Minute
	}
	ch := make(chan Event, 32)
	w := &watcher{ctx: ctx, db: db, acct: acct, opts: opts, ch: ch,
		kick: make(chan struct{}, 1), settlerDone: make(chan struct{})}
	w.settleCtx, w.stopSettle = context.WithCancel(ctx)
	w.kick <- struct{}{} // letters a fetch cut short left waiting
	go w.settle()
	go w.run()
	return ch
}

type watcher struct {
	ctx  context.Context
	db   *store.DB
	acct *Account
	opts WatchOptions
	ch   chan Event
	// kick asks the settler to read the classes the last sync left
	// pending; settlerDone closes when the settler has ended, which
	// stopSettle asks of it.
	kick        chan struct{}
	settlerDone chan struct{}
	settling    atomic.Bool // the settler is reading
	settleCtx   context.Context
	stopSettle  context.CancelFunc
}

// send delivers a state change, waiting for the reader unless ctx ends.
func (w *watcher) send(e Event) {
	e.At = time.Now()
	select {
	case w.ch <- e:
	case <-w.ctx.Done():
	}
}

// progress delivers a progress event if the reader keeps up.
func (w *watcher) progress(p Progress) {
	select {
	case w.ch <- Event{State: StateSyncing, At: time.Now(), Progress: p}:
	default:
	}
}

func (w *watcher) run() {
	defer close(w.ch)
	attempt := 0
	for {
		w.send(Event{State: StateConnecting})
		res, err := w.session(&attempt)
		if w.ctx.Err() != nil || !retryable(err) {
			// The settler ends first: StateStopped is the last event.
			w.stopSettler()
		}
		if w.ctx.Err() != nil {
			// The reader may be gone: do not wait for it.
			select {
			case w.ch <- Event{State: StateStopped, At: time.Now(), Err: w.ctx.Err(), Result: res}:
			default:
			}
			return
		}
		if !retryable(err) {
			w.ch <- Event{State: StateStopped, At: time.Now(), Err: err, Result: res}
			return
		}
		wait := backoff(attempt)
		attempt++
		w.send(Event{State: StateOffline, Err: err, Retry: time.Now().Add(wait), Result: res})
		select {
		case <-time.After(wait):
		case <-w.ctx.Done():
		}
	}
}

// settleInline is how many letters waiting for their class a sync reads
// before it reports them (a fraction of a second of pdftotext): the day's
// new letters show with their class known. More (a first sync of a
// mailbox of PDF letters) show at once and are read beside the connection.
const settleInline = 16

// settleNew reads the classes the last sync left pending: here when they
// are few (and says so before the sync's result), else by the settler.
func (w *watcher) settleNew() {
	ids, err := w.db.ClassPending()
	if err == nil && len(ids) > 0 && len(ids) <= settleInline && !w.settling.Load() {
		var n int
		if n, err = SettleClasses(w.ctx, w.db); n > 0 {
			w.send(Event{State: StateClassesRead, Settled: n})
		}
		if err == nil {
			return
		}
	}
	if err != nil || len(ids) > 0 {
		select {
		case w.kick <- struct{}{}:
		default: // the settler has a call to make already
		}
	}
}

// settleReportEvery is how often the settler says how many classes it
// read while it reads many.
const settleReportEvery = time.Second

// settle reads, each time it is kicked, the classes the intake left
// pending (SettleClasses), beside the connection: IDLE and the next syncs
// go on meanwhile. What it read is reported as it goes, at most once per
// settleReportEvery. It ends when stopSettler asks.
func (w *watcher) settle() {
	defer close(w.settlerDone)
	for {
		select {
		case <-w.kick:
		case <-w.settleCtx.Done():
			return
		}
		w.settling.Store(true)
		unsent, last := 0, time.Now()
		_, err := settleClasses(w.settleCtx, w.db, func(n int) {
			if unsent += n; time.Since(last) >= settleReportEvery {
				w.reportSettled(unsent, nil)
				unsent, last = 0, time.Now()
			}
		})
		w.settling.Store(false)
		if w.settleCtx.Err() != nil {
			err = nil // stopped: what is left waits for the next start
		}
		if unsent > 0 || err != nil {
			w.reportSettled(unsent, err)
		}
	}
}

// reportSettled says that n classes were read, unless the settler is
// being stopped.
func (w *watcher) reportSettled(n int, err error) {
	select {
	case w.ch <- Event{State: StateClassesRead, At: time.Now(), Settled: n, Err: err}:
	case <-w.settleCtx.Done():
	}
}

// stopSettler ends the settler and waits for it: a reading cut short
// leaves its letters waiting.
func (w *watcher) stopSettler() {
	w.stopSettle()
	<-w.settlerDone
}

// session runs one connection until it fails: sync, wait for news, sync.
func (w *watcher) session(attempt *int) (SyncResult, error) {
	s, err := dial(w.ctx, w.acct)
	if err != nil {
		return SyncResult{}, err
	}
	defer s.logout()
	idle := (s.c.Caps().Has(imap.CapIdle) || s.c.Caps().Has(imap.CapIMAP4rev2)) && !w.opts.noIdle
	w.send(Event{State: StateConnected, Idle: idle})
	opts := w.opts.Sync
	opts.Progress = w.progress
	for {
		res, err := s.sync(w.ctx, w.db, opts)
		if err != nil {
			return res, err
		}
		*attempt = 0
		w.settleNew()
		w.send(Event{State: StateWatching, Result: res, Idle: idle})
		if idle {
			err = w.idle(s)
		} else {
			err = w.poll()
		}
		if err != nil {
			return SyncResult{}, err
		}
	}
}

// poll waits one polling interval.
func (w *watcher) poll() error {
	select {
	case <-time.After(w.opts.PollInterval):
		return nil
	case <-w.ctx.Done():
		return w.ctx.Err()
	}
}

// idle waits in IDLE until the server reports new messages, the refresh
// interval passes or the connection ends.
func (w *watcher) idle(s *session) error {
	mailbox := s.acct.Mailbox
	if mb := s.c.Mailbox(); mb == nil || mb.Name != mailbox {
		sel, err := waitFor(w.ctx, s, s.c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait)
		if err != nil {
			return commandError("EXAMINE "+mailbox, err)
		}
		// Mail that arrived between the sync's STATUS and now.
		st, err := w.db.MailboxState(mailbox)
		if err != nil {
			return &storeError{err}
		}
		if sel.UIDValidity != st.UIDValidity || uint32(sel.UIDNext) > st.UIDNext {
			return nil
		}
	} else if err := s.wait(w.ctx, s.c.Noop()); err != nil {
		// Some servers report mail that came during the sync only on the
		// next command, not when IDLE starts.
		return commandError("NOOP", err)
	}
	select {
	case <-s.exists:
		return nil
	default:
	}
	cmd, err := waitFor(w.ctx, s, s.c.Idle)
	if err != nil {
		return commandError("IDLE", err)
	}
	timer := time.NewTimer(w.opts.IdleRefresh)
	defer timer.Stop()
	select {
	case <-s.exists:
	case <-timer.C:
	case <-w.ctx.Done():
	case <-s.c.Closed():
		cmd.Close()
		return classify(s.acct.Addr(), "IDLE", io.ErrUnexpectedEOF, s.raw.whyFailed())
	}
	if err := cmd.Close(); err != nil {
		return commandError("DONE", err)
	}
	if err := s.wait(w.ctx, cmd); err != nil {
		return commandError("IDLE", err)
	}
	return w.ctx.Err()
}
