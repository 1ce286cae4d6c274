package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// The commands of the steps and of their corrections. Each parses its
// flags and calls one store method, which applies the rule; the refusal
// the store gives is what the operator reads, in the catalogue's words.

// step runs a step that takes a letter ID and some flags, then
// prints the letter's new stage.
func (a *app) step(pos []string, do func(db *store.DB, id uint64) (*store.Letter, error)) error {
	id, err := letterID(pos)
	if err != nil {
		return err
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	l, err := do(db, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d: %s", l.ID, a.txt.Stage(l.Stage))
	if !l.Agenda.IsZero() {
		fmt.Fprintf(a.stdout, " (%s)", l.Agenda.Format(a.cfg.AgendaFormat))
	}
	fmt.Fprintln(a.stdout)
	return nil
}

func cmdRoute(a *app, args []string) error {
	fs := newFlags(a, "route")
	to := fs.String("to", "", a.txt.T("flag.route_to"))
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	var rs []store.Recipient
	for _, item := range splitList(*to) {
		name, ch, _ := strings.Cut(item, "=")
		r := store.Recipient{Name: strings.TrimSpace(name)}
		if ch != "" {
			c, err := store.ParseChannel(ch)
			if err != nil {
				return badInput(err)
			}
			r.Channel = c
		}
		rs = append(rs, r)
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) {
		if len(rs) > 0 {
			return db.Route(id, rs)
		}
		// No --to: the recipients the letter names, with their default
		// channels (the store fills a channel left empty). A letter whose
		// text may not be opened is not read for them.
		if err := sealed(db, id); err != nil {
			return nil, err
		}
		p := a.proposal(db, id)
		if p.Class.Classified() {
			return nil, &store.Error{Code: store.ErrClassified, Subject: string(p.Class)}
		}
		for _, n := range p.Recipients {
			rs = append(rs, store.Recipient{Name: n})
		}
		for _, n := range p.NewRecipients {
			fmt.Fprintln(a.stderr, a.txt.T("route.new_recipient", n))
		}
		if len(rs) == 0 {
			return nil, usagef("%s", a.txt.T("route.no_proposal"))
		}
		return db.Route(id, rs)
	})
}

// proposal is what the letter's attachments and text propose, read (by
// OCR too) and kept as ReadAttachment does; what could not be read is
// said in a sentence on stderr and the proposal comes from the e-mail.
func (a *app) proposal(db *store.DB, id uint64) mail.LetterProposal {
	p, errs := mail.ProposeFor(a.ctx, db, id, true)
	for _, err := range errs {
		fmt.Fprintln(a.stderr, "sanapati-desk:", a.txt.Sentence(err))
	}
	return p
}

func cmdRegister(a *app, args []string) error {
	fs := newFlags(a, "register")
	var r store.Registration
	fs.StringVar(&r.LetterNumber, "number", "", "the letter's own number (nomor surat)")
	date := fs.String("date", "", "the letter's date, YYYY-MM-DD")
	fs.StringVar(&r.Summary, "subject", "", "summary (perihal); default the message's subject")
	fs.StringVar(&r.Origin, "origin", "", "sender (asal surat); default the message's From")
	class := fs.String("class", "", "security class: B, T, R or SR")
	urgency := fs.String("urgency", "", "Biasa, Segera, Sangat Segera or Kilat")
	fs.StringVar(&r.ClassCode, "code", "", "classification code (kode klasifikasi)")
	fs.StringVar(&r.Attachments, "attachments", "", "attachments (lampiran)")
	fs.StringVar(&r.Index, "index", "", "index (indeks)")
	fs.StringVar(&r.Remarks, "remarks", "", "remarks (keterangan)")
	fs.BoolVar(&r.Duplicate, "duplicate", false, "register although the same sender's letter number is already in the book")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *date != "" {
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return usagef("--date %q is not a date like 2026-11-23", *date)
		}
		r.LetterDate = d
	}
	if r.Class, err = store.ParseClass(*class); err != nil {
		return badInput(err)
	}
	if *class == "" {
		r.Class = ""
	}
	if r.Urgency, err = store.ParseUrgency(*urgency); err != nil {
		return badInput(err)
	}
	if *urgency == "" {
		r.Urgency = ""
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) {
		if err := sealed(db, id); err != nil {
			return nil, err
		}
		return db.Register(id, proposed(r, a.proposal(db, id)))
	})
}

// sealed is the letter's Sealed: why its text may not be read for a
// proposal.
func sealed(db *store.DB, id uint64) error {
	l, err := db.Letter(id)
	if err != nil {
		return err
	}
	return l.Sealed()
}

// proposed fills the registration fields the operator left empty with what
// the letter proposes: its attached letter (Nomor, date, Hal or the title
// of a surat edaran, the letterhead, Sifat, Lampiran), else the e-mail's
// own lines and headers. Where each field taken was read is recorded with
// the registration (Registration.Sources).
func proposed(r store.Registration, p mail.LetterProposal) store.Registration {
	taken := func(f mail.Field) {
		if s := p.Sources[f]; s != "" {
			if r.Sources == nil {
				r.Sources = map[string]string{}
			}
			r.Sources[f.LetterField()] = string(s)
		}
	}
	fill := func(dst *string, v string, f mail.Field) {
		if *dst == "" && v != "" {
			*dst = v
			taken(f)
		}
	}
	fill(&r.LetterNumber, p.LetterNumber, mail.FieldNumber)
	fill(&r.Origin, p.Sender, mail.FieldOrigin)
	fill(&r.Summary, p.Subject, mail.FieldSubject)
	fill(&r.Attachments, p.Attachments, mail.FieldAttachments)
	if r.LetterDate.IsZero() && !p.LetterDate.IsZero() {
		r.LetterDate = p.LetterDate
		taken(mail.FieldDate)
	}
	if r.Class == "" && p.Class != "" {
		r.Class = p.Class
		taken(mail.FieldClass)
	}
	if r.Urgency == "" && p.Urgency != "" {
		r.Urgency = p.Urgency
		taken(mail.FieldUrgency)
	}
	return r
}

func cmdDeliver(a *app, args []string) error {
	fs := newFlags(a, "deliver")
	to := fs.String("to", "", "the recipient, as routed")
	via := fs.String("via", "", "ajudan, caraka, fax or online; default as routed")
	by := fs.String("received-by", "", "who signed the receipt")
	at := atFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *to == "" || *by == "" {
		return usagef("give --to and --received-by")
	}
	var ch store.Channel
	if *via != "" {
		if ch, err = store.ParseChannel(*via); err != nil {
			return badInput(err)
		}
	}
	return a.timedStep(pos, "at", *at, func(db *store.DB, id uint64, at time.Time) (*store.Letter, error) {
		return db.Deliver(id, *to, ch, *by, at)
	})
}

func cmdInitial(a *app, args []string) error {
	fs := newFlags(a, "initial")
	by := fs.String("by", "", "the official's position; default the next in order")
	at := atFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	return a.timedStep(pos, "at", *at, func(db *store.DB, id uint64, at time.Time) (*store.Letter, error) {
		return db.Initial(id, *by, at)
	})
}

func cmdAssign(a *app, args []string) error {
	fs := newFlags(a, "assign")
	courier := fs.String("courier", "", "the courier's name; a new name joins the list")
	at := atFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	return a.timedStep(pos, "at", *at, func(db *store.DB, id uint64, at time.Time) (*store.Letter, error) {
		return db.Assign(id, *courier, at)
	})
}

func cmdArchive(a *app, args []string) error {
	fs := newFlags(a, "archive")
	location := fs.String("location", "", "where the paper is kept (cabinet/box/folder)")
	at := atFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	return a.timedStep(pos, "at", *at, func(db *store.DB, id uint64, at time.Time) (*store.Letter, error) {
		return db.Archive(id, *location, at)
	})
}

// reasonStep runs the command of a correction that takes a letter ID and
// a reason; the store says when the reason is missing.
func (a *app) reasonStep(args []string, name, usage string, do func(db *store.DB, id uint64, reason string) (*store.Letter, error)) error {
	fs := newFlags(a, name)
	reason := fs.String("reason", "", usage)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) { return do(db, id, *reason) })
}

func cmdSetAside(a *app, args []string) error {
	fs := newFlags(a, "set-aside")
	reason := fs.String("reason", "", "why: not an official message, or classified")
	class := fs.String("class", "", "R or SR: the letter is classified, though it was marked otherwise")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *class == "" {
		return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) { return db.SetAside(id, *reason) })
	}
	c, err := store.ParseClass(*class)
	if err != nil {
		return badInput(err)
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) { return db.SetAsideClassified(id, c, *reason) })
}

func cmdUndo(a *app, args []string) error {
	return a.reasonStep(args, "undo", "why the step is corrected", (*store.DB).Undo)
}

func cmdLate(a *app, args []string) error {
	return a.reasonStep(args, "late", "why the letter is late", (*store.DB).Late)
}

func cmdClassify(a *app, args []string) error {
	fs := newFlags(a, "classify")
	class := fs.String("class", "", "the class the letter really has: B or T")
	reason := fs.String("reason", "", "why the letter was wrongly marked R or SR")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *class == "" {
		return usagef("give --class B or --class T")
	}
	c, err := store.ParseClass(*class)
	if err != nil {
		return badInput(err)
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) { return db.Classify(id, c, *reason) })
}

func cmdCorrect(a *app, args []string) error {
	fs := newFlags(a, "correct")
	received := fs.String("received", "", "when the letter really arrived, YYYY-MM-DD HH:MM")
	reason := fs.String("reason", "", "how the time is known")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *received == "" {
		return usagef("give --received \"YYYY-MM-DD HH:MM\"")
	}
	return a.timedStep(pos, "received", *received, func(db *store.DB, id uint64, at time.Time) (*store.Letter, error) {
		return db.CorrectReceived(id, at, *reason)
	})
}

// atFlag is the --at flag of a step recorded after the fact.
func atFlag(fs *flag.FlagSet) *string {
	return fs.String("at", "", "when, YYYY-MM-DD HH:MM in the desk's time zone; default now")
}

// timedStep runs a step that takes a time, given as text in the flag
// named flagName: empty is the zero time (now).
func (a *app) timedStep(pos []string, flagName, text string, do func(db *store.DB, id uint64, at time.Time) (*store.Letter, error)) error {
	var at time.Time
	if text != "" {
		db, err := a.open()
		if err != nil {
			return err
		}
		if at, err = time.ParseInLocation(store.TimeLayout, strings.TrimSpace(text), db.Calendar().Location()); err != nil {
			return usagef("--%s %q is not a time like 2026-11-23 14:05", flagName, text)
		}
	}
	return a.step(pos, func(db *store.DB, id uint64) (*store.Letter, error) { return do(db, id, at) })
}
