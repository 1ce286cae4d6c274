package tui

import (
	"context"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"sanapati-desk/mail"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// Config is what the interface works with. main builds it from the
// settings; only DB is required.
type Config struct {
	// DB is the desk's store.
	DB *store.DB
	// Text is the catalogue to speak; nil means Indonesian.
	Text *Text
	// AgendaFormat shows agenda numbers; "" means store.DefaultAgendaFormat.
	AgendaFormat string
	// Paperwork draws the documents and hands them to the spooler, as
	// the command line does; nil means printing is not set up, and the
	// printing keys say so. What it leaves empty (AgendaFormat, the
	// options' language, calendar and clock) is filled from the rest.
	Paperwork *paperwork.Clerk
	// Intake streams the mailbox watcher's events; nil means the desk runs
	// without a mailbox (files are imported from the command line).
	Intake <-chan mail.Event
	// Changed tells of changes made to the store outside the interface
	// (commands the open desk ran for the command line): what shows
	// reloads.
	Changed <-chan struct{}
	// Prompter lets the mailbox ask for its password; nil means no prompt.
	Prompter *Prompter
	// SaveDir is where attachments are saved; ExportDir where exports of
	// the agenda book and the monthly report are written. "" means the
	// spooler's folder, or the working directory.
	SaveDir, ExportDir string
	// Open shows a file with the system's viewer; nil means the usual
	// opener of the platform (xdg-open, open, start).
	Open func(path string) error
	// Settings are shown on the Directory screen, as label and value.
	Settings [][2]string
	// NoColor draws without colour; New also sets it when NO_COLOR is set.
	NoColor bool
	// Backup copies the store now into the backup folder and returns the
	// copy's path (B on the Today screen); nil means backups are not set
	// up. ImportDir fills the import form (I): "" means none.
	Backup    func() (string, error)
	ImportDir string
}

// env is what every view and command needs; it does not change once the
// model is built.
type env struct {
	db           *store.DB
	t            *Text
	keys         keyMap
	agendaFormat string
	paper        *paperwork.Clerk
	intake       <-chan mail.Event
	changed      <-chan struct{}
	prompter     *Prompter
	saveDir      string
	exportDir    string
	open         func(path string) error
	settings     [][2]string
	noColor      bool
	backup       func() (string, error)
	importDir    string
	// tick moves the clock every few seconds; tests turn it off.
	tick bool
}

// screen is one of the desk's screens.
type screen int

// The screens; tab walks the first five in this order.
const (
	screenToday screen = iota
	screenInbox
	screenAgenda
	screenSearch
	screenDirectory
	screenLetter
)

var tabs = [...]screen{screenToday, screenInbox, screenAgenda, screenSearch, screenDirectory}

// Model is the desk's Bubble Tea model: the operator's whole day. Build it
// with New and run it with tea.NewProgram.
type Model struct {
	e      *env
	st     styles
	w, h   int
	now    time.Time
	screen screen
	// back is where esc from the Letter screen returns.
	back screen

	today  todayModel
	inbox  listModel
	agenda agendaModel
	search listModel
	dir    directoryModel
	letter letterModel

	help     help.Model
	showHelp bool
	asking   bool // "quit while a print or sync runs?"
	// quitting is true once the operator said yes: the desk ends when the
	// last job has recorded its step.
	quitting bool
	status   string
	isErr    bool
	// jobs holds +1 for a job started and not yet ended, -1 for one whose
	// end came before its start: see track.
	jobs map[uint64]int
	// pending are the keys and pastes that wait for the work in flight.
	pending  []tea.Msg
	intake   intakeState
	password *formModel
	pwReq    promptRequest
}

// Run shows the desk on the terminal until the operator quits. It is the
// command line's one door to the screen, so that package main imports no
// Bubble Tea package.
//
// The interface ends when ctx is cancelled (the terminal hung up, the
// desk was told to stop): Run then gives the terminal back and returns
// ctx's error.
func Run(ctx context.Context, cfg Config) error {
	_, err := tea.NewProgram(New(cfg), tea.WithContext(ctx)).Run()
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// New builds the interface over cfg.
func New(cfg Config) Model {
	t := cfg.Text
	if t == nil {
		t = Catalog("id")
	}
	e := &env{
		db: cfg.DB, t: t, keys: newKeyMap(t), agendaFormat: cfg.AgendaFormat, intake: cfg.Intake, changed: cfg.Changed,
		prompter: cfg.Prompter, saveDir: cfg.SaveDir, exportDir: cfg.ExportDir, open: cfg.Open,
		settings: cfg.Settings, noColor: cfg.NoColor || os.Getenv("NO_COLOR") != "", tick: true,
		backup: cfg.Backup, importDir: cfg.ImportDir,
	}
	if e.agendaFormat == "" {
		e.agendaFormat = store.DefaultAgendaFormat
	}
	if cfg.Paperwork != nil {
		pw := *cfg.Paperwork
		if pw.AgendaFormat == "" {
			pw.AgendaFormat = e.agendaFormat
		}
		o := &pw.Options
		if o.Lang == "" {
			o.Lang = t.Lang
		}
		if o.AgendaFormat == "" {
			o.AgendaFormat = e.agendaFormat
		}
		if o.Calendar == nil {
			o.Calendar = cfg.DB.Calendar()
		}
		if o.Now == nil {
			o.Now = cfg.DB.Now
		}
		e.paper = &pw
		if e.saveDir == "" && pw.Spooler != nil {
			e.saveDir = pw.Spooler.Dir
		}
	}
	if e.exportDir == "" {
		e.exportDir = e.saveDir
	}
	if e.open == nil {
		e.open = openWithSystem
	}
	return newModel(e)
}

func newModel(e *env) Model {
	m := Model{e: e, st: newStyles(true, e.noColor), w: 80, h: 24, now: e.db.Now(), help: help.New(), jobs: map[uint64]int{}}
	m.help.Styles = m.st.help
	m.today = newToday()
	m.inbox = newInbox(e)
	m.agenda = newAgenda(e, m.now.In(e.db.Calendar().Location()).Year())
	m.search = newSearch(e)
	m.dir = newDirectory()
	m.resize(m.w, m.h)
	return m
}

// Init loads the start screen and starts listening to the mailbox.
func (m Model) Init() tea.Cmd {
	return tea.Batch(
		tea.RequestBackgroundColor,
		m.today.load(m.e),
		m.inbox.first(m.e),
		m.e.tickCmd(),
		waitIntake(m.e.intake),
		waitChanged(m.e.changed),
		m.e.prompter.wait(),
	)
}

// Update routes a message to the part of the desk it is for; a key that
// arrives while work is in flight waits for it (see queue.go).
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if m.holds(msg) {
			m.pending = append(m.pending, msg)
			return m, nil
		}
	}
	next, cmd := m.update(msg)
	return next.(Model).drain(cmd)
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.restyle(msg.IsDark())
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.paste(msg)
	case tickMsg:
		m.now = m.e.db.Now()
		return m, m.e.tickCmd()
	case errMsg:
		m.setError(msg.err)
		m.loadFailed()
	case noticeMsg:
		m.setNotice(msg.text)
	case busyMsg:
		m.track(msg.id, 1)
	case jobMsg:
		return m.jobDone(msg)
	case intakeMsg:
		return m.handleIntake(msg)
	case outsideChangeMsg:
		return m, tea.Batch(waitChanged(m.e.changed), m.refresh(m.letter.l))
	case promptMsg:
		m.askPassword(msg.req)
	default:
		return m.forward(msg)
	}
	return m, nil
}

// forward hands a sub-model's own message to it.
func (m Model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		switch msg.screen {
		case screenInbox:
			m.inbox.setPage(msg)
		case screenAgenda:
			m.agenda.list.setPage(msg)
		case screenSearch:
			m.search.setPage(msg)
		}
	case countsMsg, overviewMsg, chartMsg:
		m.today = m.today.update(msg)
	case letterMsg:
		if msg.err != nil && msg.seq == m.letter.seq {
			m.setError(msg.err)
		}
		var cmd tea.Cmd
		m.letter, cmd = m.letter.loaded(m.e, msg)
		return m, cmd
	case attachTextMsg:
		var cmd tea.Cmd
		m.letter, cmd = m.letter.textRead(m.e, msg)
		return m, cmd
	case dirMsg:
		m.dir = m.dir.loaded(msg)
	case unlistedMsg:
		m.today.unlisted, m.dir.unlisted = msg.years, msg.years
	}
	return m, nil
}

// View draws the frame: the tab bar, the screen, the status line and the
// short help.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.e.t.T("app.title")
	return v
}

func (m *Model) resize(w, h int) {
	m.w, m.h = max(w, 20), max(h, 8)
	bh := m.bodyHeight()
	m.inbox.resize(bh - 3)
	m.agenda.list.resize(bh - 2)
	m.search.resize(bh - 3)
	m.letter.resize(m.w, bh)
	m.help.SetWidth(m.w)
}

func (m *Model) bodyHeight() int { return m.h - 3 }

func (m *Model) restyle(dark bool) {
	m.st = newStyles(dark, m.e.noColor)
	m.help.Styles = m.st.help
}

func (m *Model) setError(err error) {
	m.status, m.isErr = m.e.t.Sentence(err), true
}

func (m *Model) setNotice(s string) { m.status, m.isErr = s, false }

// track counts job id as started (d = 1) or ended (d = -1): each id
// comes once each way, in either order, and is forgotten after both.
func (m *Model) track(id uint64, d int) {
	if m.jobs[id] += d; m.jobs[id] == 0 {
		delete(m.jobs, id)
	}
}

// busy is the number of jobs running.
func (m *Model) busy() int {
	n := 0
	for _, v := range m.jobs {
		if v > 0 {
			n++
		}
	}
	return n
}

// jobDone takes the result of a step, a print or an export. While the
// desk is quitting, the last job to end quits it; a failed one stops the
// quitting and says that its step was not recorded.
func (m Model) jobDone(msg jobMsg) (tea.Model, tea.Cmd) {
	m.track(msg.id, -1)
	if msg.err != nil {
		m.setError(msg.err)
		m.finished(msg)
		if m.quitting {
			m.quitting = false
			m.status = m.e.t.T("quit.failed", m.status)
		}
		return m, nil
	}
	m.finished(msg)
	if m.quitting {
		if m.busy() == 0 {
			return m, tea.Quit
		}
		return m, nil
	}
	if msg.note != "" {
		m.setNotice(msg.note)
	}
	if msg.letter == nil && !msg.changed {
		return m, nil
	}
	cmd := m.refresh(msg.letter)
	return m, cmd
}

// finished ends the wait of the part of the desk the job was for.
func (m *Model) finished(msg jobMsg) {
	switch msg.owner {
	case ownerLetter:
		m.letter.finished(m.e, msg.err)
	case ownerDir:
		m.dir.finished(m.e, msg.err)
	}
}

// refresh reloads what the store's change made stale: the letter shown,
// the start screen's counts and the lists that were loaded.
func (m *Model) refresh(l *store.Letter) tea.Cmd {
	cmds := []tea.Cmd{loadCounts(m.e.db), loadOverview(m.e.db), loadUnlisted(m.e.db)}
	if l == nil || !l.DoneAt.IsZero() {
		cmds = append(cmds, loadChart(m.e.db)) // new letters, or one whose clock stopped
	}
	if l != nil && m.letter.l != nil && m.letter.l.ID == l.ID {
		cmds = append(cmds, m.letter.load(m.e, l.ID))
	}
	for _, lm := range []*listModel{&m.inbox, &m.agenda.list, &m.search} {
		if lm.loaded {
			cmds = append(cmds, lm.reload(m.e))
		}
	}
	if m.dir.loadedOnce {
		cmds = append(cmds, m.dir.load(m.e))
	}
	return tea.Batch(cmds...)
}

// openLetter shows a letter on the Letter screen.
func (m Model) openLetter(l *store.Letter) (tea.Model, tea.Cmd) {
	if l == nil {
		return m, nil
	}
	m.back, m.screen = m.screen, screenLetter
	m.letter = newLetter(l)
	m.letter.resize(m.w, m.bodyHeight())
	cmd := m.letter.load(m.e, l.ID)
	return m, cmd
}

// switchTo shows screen s, loading it the first time.
func (m Model) switchTo(s screen) (tea.Model, tea.Cmd) {
	m.screen = s
	switch s {
	case screenToday:
		return m, m.today.load(m.e)
	case screenInbox:
		return m, m.inbox.reload(m.e)
	case screenAgenda:
		if !m.agenda.list.loaded {
			return m, m.agenda.list.first(m.e)
		}
		return m, m.agenda.list.reload(m.e)
	case screenSearch:
		if !m.search.loaded {
			return m, m.search.first(m.e)
		}
		return m, m.search.reload(m.e)
	case screenDirectory:
		return m, m.dir.load(m.e)
	}
	return m, nil
}
