package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// commands returns every subcommand, in the order the help lists them:
// the desk's day (intake, the eleven steps, the corrections), then the
// paper, then the books' upkeep. The empty name is the interface. (A
// function, not a variable: the interface runs commands for the command
// line, so the table refers to itself.)
func commands() []command {
	return []command{
		{"", "start the desk's interface", cmdInterface},
		{"fetch", "step 1, sync the Sanapati mailbox: [--json]", cmdFetch},
		{"import", "take .eml or mbox files (or folders of them) when the mailbox is out of reach: FILE...", cmdImport},
		{"list", "list letters: [--stage S] [--overdue] [--search TEXT] [--json]", cmdList},
		{"show", "show one letter: ID [--json | --raw]", cmdShow},
		{"route", "step 2, choose recipients: ID --to NAME[=CHANNEL][,NAME...]", cmdRoute},
		{"copies", "step 3, print one copy per recipient: ID [-o DIR]", cmdCopies},
		{"register", "step 4, write in the agenda book: ID [--number N] [--date D] [--subject S] [--duplicate] ...", cmdRegister},
		{"card", "step 5, print the control card: ID [-o FILE]", cmdCard},
		{"initial", "step 6, record an official's initial: ID [--by POSITION] [--at TIME]", cmdInitial},
		{"assign", "step 7, hand to a courier: ID --courier NAME [--at TIME]", cmdAssign},
		{"receipt", "print the courier's receipt sheet: ID [-o FILE]", cmdReceipt},
		{"deliver", "steps 8-10, record a receipt: ID --to NAME --via CHANNEL --received-by NAME [--at TIME]", cmdDeliver},
		{"archive", "step 11, archive: ID --location TEXT [--at TIME]", cmdArchive},
		{"set-aside", "take off the ordinary path: ID --reason TEXT [--class R|SR]", cmdSetAside},
		{"classify", "release a letter wrongly marked R/SR: ID --class B|T --reason TEXT", cmdClassify},
		{"late", "record why an overdue letter is late: ID --reason TEXT", cmdLate},
		{"correct", "correct the arrival time: ID --received TIME --reason TEXT", cmdCorrect},
		{"undo", "correct the last step: ID --reason TEXT", cmdUndo},
		{"agenda", "the agenda book: [--year Y | --month YYYY-MM] [-o FILE.pdf|.xlsx|.csv]", cmdAgenda},
		{"report", "the monthly service report: --month YYYY-MM [-o FILE.pdf|.xlsx|.csv]", cmdReport},
		{"directory", "recipients, officials, couriers: [--json] [--set FILE.json]", cmdDirectory},
		{"calendar", "working days and hours: [--year Y] [--json] | --load FILE | --add LINE | --remove DAY [--reason TEXT]", cmdCalendar},
		{"backup", "copy the store while it runs: FILE", cmdBackup},
		{"verify", "check the audit chain, messages and agenda book", cmdVerify},
	}
}

// findCommand returns the subcommand called name.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// letterID reads the single ID argument of a step command.
func letterID(pos []string) (uint64, error) {
	if len(pos) != 1 {
		return 0, usagef("give one letter ID (see 'list')")
	}
	id, err := strconv.ParseUint(pos[0], 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not a letter ID (see 'list')", pos[0])
	}
	return id, nil
}

// letterJSON is the stable JSON form of a letter (documented in README.md).
type letterJSON struct {
	ID           uint64      `json:"id"`
	Stage        store.Stage `json:"stage"`
	AgendaNumber string      `json:"agenda_number"`
	ReceivedAt   string      `json:"received_at"`
	DueAt        string      `json:"due_at"`
	Overdue      bool        `json:"overdue"`
	// DueEstimated: the due time ran through a year with no holiday list.
	DueEstimated bool         `json:"due_estimated"`
	DoneAt       string       `json:"done_at,omitempty"`
	From         string       `json:"from"`
	Subject      string       `json:"subject"`
	MessageID    string       `json:"message_id"`
	SHA256       string       `json:"sha256"`
	Size         int64        `json:"size"`
	Source       store.Source `json:"source"`
	LetterNumber string       `json:"letter_number,omitempty"`
	LetterDate   string       `json:"letter_date,omitempty"`
	Origin       string       `json:"origin,omitempty"`
	Summary      string       `json:"summary,omitempty"`
	Class        string       `json:"class,omitempty"`
	// ClassPending: the class is still being read from the attached PDF.
	ClassPending    bool              `json:"class_pending,omitempty"`
	Urgency         string            `json:"urgency,omitempty"`
	ClassCode       string            `json:"class_code,omitempty"`
	Attachments     string            `json:"attachments,omitempty"` // the Lampiran as registered
	Index           string            `json:"index,omitempty"`
	Remarks         string            `json:"remarks,omitempty"`
	RegisteredAt    string            `json:"registered_at,omitempty"`
	Recipients      []store.Recipient `json:"recipients"`
	Initials        []store.Initial   `json:"initials"`
	Courier         string            `json:"courier,omitempty"`
	ArchiveLocation string            `json:"archive_location,omitempty"`
	SetAsideReason  string            `json:"set_aside_reason,omitempty"`
	ParseProblem    string            `json:"parse_problem,omitempty"`
	// ReceivedEstimated: the arrival came from an imported file's time.
	ReceivedEstimated bool   `json:"received_estimated"`
	LateReason        string `json:"late_reason,omitempty"`
	// ProposedFrom: where each registered field the desk proposed was read.
	ProposedFrom map[string]string `json:"proposed_from,omitempty"`
	DuplicateOf  string            `json:"duplicate_of,omitempty"`
}

func (a *app) letterJSON(l *store.Letter) letterJSON {
	cal := a.db.Calendar()
	loc := cal.Location()
	tm := l.Timing(cal, a.db.Now())
	rfc := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format(time.RFC3339)
	}
	j := letterJSON{
		ID: l.ID, Stage: l.Stage, AgendaNumber: l.Agenda.Format(a.cfg.AgendaFormat),
		ReceivedAt: rfc(l.ReceivedAt), DueAt: rfc(tm.Due), Overdue: tm.Overdue, DueEstimated: tm.Estimated, DoneAt: rfc(l.DoneAt),
		From: l.From, Subject: l.Subject, MessageID: l.MessageID, SHA256: l.SHA256, Size: l.Size,
		Source: l.Source, LetterNumber: l.LetterNumber, Origin: l.Origin, Summary: l.Summary,
		Class: string(l.Class), ClassPending: l.ClassPending, Urgency: string(l.Urgency), ClassCode: l.ClassCode,
		Recipients: l.Recipients, Initials: l.Initials, Courier: l.Courier,
		ArchiveLocation: l.ArchiveLocation, SetAsideReason: l.SetAsideReason, ParseProblem: l.ParseProblem,
		ReceivedEstimated: l.ReceivedEstimated, LateReason: l.LateReason, ProposedFrom: l.ProposedFrom,
		DuplicateOf: l.DuplicateOf.Format(a.cfg.AgendaFormat),
		Attachments: l.Attachments, Index: l.Index, Remarks: l.Remarks, RegisteredAt: rfc(l.RegisteredAt),
	}
	if !l.LetterDate.IsZero() {
		j.LetterDate = l.LetterDate.Format("2006-01-02")
	}
	if j.Recipients == nil {
		j.Recipients = []store.Recipient{}
	}
	if j.Initials == nil {
		j.Initials = []store.Initial{}
	}
	return j
}

func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdList(a *app, args []string) error {
	fs := newFlags(a, "list")
	stage := fs.String("stage", "", "only letters at this stage")
	overdue := fs.Bool("overdue", false, "only letters past their due time")
	search := fs.String("search", "", "agenda number, letter number, sender or subject text")
	limit := fs.Int("limit", 0, "at most this many letters")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	q := store.Query{Overdue: *overdue, Text: *search, Limit: *limit}
	if *stage != "" {
		s, err := store.ParseStage(*stage)
		if err != nil {
			return badInput(err)
		}
		q.Stages = []store.Stage{s}
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	letters, err := db.List(q)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]letterJSON, len(letters))
		for i := range letters {
			out[i] = a.letterJSON(&letters[i])
		}
		return a.writeJSON(out)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, a.txt.T("cli.list_header"))
	for i := range letters {
		l := &letters[i]
		tm := l.Timing(db.Calendar(), db.Now())
		due := tm.Due.Format("02-01 " + locale.ClockLayout(a.cfg.Lang))
		if tm.Overdue {
			due += " !"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", l.ID, a.txt.Stage(l.Stage), l.Agenda.Format(a.cfg.AgendaFormat),
			l.ReceivedAt.In(db.Calendar().Location()).Format("02-01-2006 "+locale.ClockLayout(a.cfg.Lang)), due,
			clip(l.Sender(), 28), clip(l.Title(), 50))
	}
	return tw.Flush()
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func cmdShow(a *app, args []string) error {
	fs := newFlags(a, "show")
	asJSON := fs.Bool("json", false, "print JSON")
	raw := fs.Bool("raw", false, "print the original message's bytes")
	text := fs.Int("text", 0, a.txt.T("flag.show_text"))
	pages := fs.Int("pages", 20, a.txt.T("flag.show_pages"))
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	id, err := letterID(pos)
	if err != nil {
		return err
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	if *raw {
		b, err := db.Raw(id)
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(b)
		return err
	}
	l, err := db.Letter(id)
	if err != nil {
		return err
	}
	if *text > 0 {
		return a.printAttachmentText(db, l, *text, *pages)
	}
	if *asJSON {
		return a.writeJSON(a.letterJSON(l))
	}
	return a.printLetter(l)
}

func (a *app) printLetter(l *store.Letter) error {
	t, db := a.txt, a.db
	tm := l.Timing(db.Calendar(), db.Now())
	loc := db.Calendar().Location()
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	row("ID", strconv.FormatUint(l.ID, 10))
	row(t.T("cli.show.stage"), t.Stage(l.Stage))
	row(t.T("cli.show.agenda"), l.Agenda.Format(a.cfg.AgendaFormat))
	row(t.T("hdr.from"), l.From)
	row(t.T("hdr.subject"), l.Subject)
	received := t.DateTime(l.ReceivedAt.In(loc))
	if l.ReceivedEstimated {
		received += "  " + t.T("letter.received_estimated")
	}
	row(t.T("hdr.received"), received)
	due := t.DateTime(tm.Due.In(loc))
	if tm.Estimated {
		due += "  " + t.T("letter.received_estimated")
	}
	if tm.Overdue {
		due += "  " + t.T("cli.show.overdue")
	}
	row(t.T("cli.show.due"), due)
	row(t.T("register.number"), l.LetterNumber)
	row(t.T("register.origin"), l.Origin)
	row(t.T("register.summary"), l.Summary)
	class := string(l.Class)
	if l.ClassPending {
		class = strings.TrimSpace(class + " " + t.T("cli.show.class_pending"))
	}
	row(t.T("register.class"), class)
	row(t.T("register.urgency"), string(l.Urgency))
	for _, r := range l.Recipients {
		state := ""
		if r.Delivered() {
			state = t.T("cli.show.delivered", r.ReceivedBy, t.DateTime(r.DeliveredAt.In(loc)))
		}
		row(t.T("hdr.to"), fmt.Sprintf("%s (%s)%s", r.Name, t.Channel(r.Channel), state))
	}
	for _, in := range l.Initials {
		state := t.T("cli.show.not_yet")
		if in.Done() {
			state = t.DateTime(in.At.In(loc))
		}
		row(t.T("cli.show.initial"), fmt.Sprintf("%s: %s", in.Position, state))
	}
	row(t.T("cli.show.courier"), l.Courier)
	row(t.T("cli.show.location"), l.ArchiveLocation)
	row(t.T("stage.set_aside"), l.SetAsideReason)
	row(t.T("cli.show.late_reason"), l.LateReason)
	row(t.T("cli.show.duplicate_of"), l.DuplicateOf.Format(a.cfg.AgendaFormat))
	row(t.T("cli.show.problem"), l.ParseProblem)
	row("SHA-256", l.SHA256)
	if next := store.NextAction(l.Stage); next != "" {
		row(t.T("cli.show.next"), t.Action(next))
	}
	return tw.Flush()
}

// printAttachmentText prints the text of attachment n (from 1) of letter
// l, page by page, read once and kept in the store; "(OCR)" marks a text
// read from a scan. A letter classified R or SR is not opened here.
func (a *app) printAttachmentText(db *store.DB, l *store.Letter, n, pages int) error {
	if err := l.Sealed(); err != nil {
		return err
	}
	raw, err := db.Raw(l.ID)
	if err != nil {
		return err
	}
	m := mail.Read(raw)
	if n > len(m.Attachments) {
		return usagef("%s", a.txt.T("letter.no_attachment", n, len(m.Attachments)))
	}
	t, err := mail.ReadAttachment(a.ctx, db, l.ID, raw, n-1, letter.Options{Pages: max(pages, 1)})
	if err != nil {
		return usagef("%s", a.txt.Sentence(err))
	}
	how := ""
	if t.Source == letter.SourceOCR {
		how = a.txt.T("letter.ocr")
	}
	shown := min(len(t.Pages), max(pages, 1))
	fmt.Fprintln(a.stdout, a.txt.T("letter.text_heading", n, m.Attachments[n-1].Name, how, shown, t.PageCount))
	for i, p := range t.Pages[:shown] {
		fmt.Fprintln(a.stdout, a.txt.T("letter.page", i+1))
		fmt.Fprintln(a.stdout, strings.TrimRight(p, "\n "))
	}
	return nil
}
