package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sanapati-desk/store"
)

// config is the desk's settings file (TOML). Every field has a default, so
// a missing file is a valid configuration.
type config struct {
	// Operator is the name the audit trail records; "" means the login name.
	Operator string `toml:"operator"`
	// Lang is "id" (default) or "en".
	Lang string `toml:"lang"`
	// AgendaFormat shows agenda numbers, e.g. "%04d/%d" for 0042/2026.
	AgendaFormat string `toml:"agenda_format"`

	Clock  clockConfig  `toml:"clock"`
	Backup backupConfig `toml:"backup"`
	Mail   mailConfig   `toml:"mail"`
	Paper  paperConfig  `toml:"paper"`
}

type clockConfig struct {
	// Timezone is an IANA zone name; default Asia/Jakarta.
	Timezone string `toml:"timezone"`
	// Hours are the office hours of each weekday, keyed mon ... sun (or a
	// range, mon-thu), as "07.30-16.30"; a weekday left out is closed.
	// Default: Kota Pekalongan's, Monday to Thursday 07.30-16.30, Friday
	// 07.30-14.30.
	Hours map[string]string `toml:"hours"`
	// Periods have hours of their own (Ramadan); Ramadan 1447 H is built in.
	Periods []periodConfig `toml:"period"`
	// Open and Close are one opening and closing time for Monday to
	// Friday, as "07.30" (the settings of earlier versions; hours wins).
	Open  string `toml:"open"`
	Close string `toml:"close"`
	// AfterHoursNextDay: a message after closing counts from the next opening.
	AfterHoursNextDay *bool `toml:"after_hours_next_day"`
	// Calendar is the holiday file; "" means the built-in list.
	Calendar string `toml:"calendar"`
}

type periodConfig struct {
	Name  string            `toml:"name"`
	From  string            `toml:"from"`
	To    string            `toml:"to"`
	Hours map[string]string `toml:"hours"`
}

type mailConfig struct {
	// URL is imaps://USER@HOST[:PORT]/MAILBOX or imap://... (STARTTLS).
	URL string `toml:"url"`
	// PasswordCmd is run through the shell; its first line is the password.
	PasswordCmd string `toml:"password-cmd"`
	// CAFile trusts a private certificate authority (PEM).
	CAFile string `toml:"ca-file"`
	// InsecurePlaintext allows a plaintext connection to a non-loopback host.
	InsecurePlaintext bool `toml:"insecure-plaintext-password"`
}

type paperConfig struct {
	// Size is "A4" (default) or "F4".
	Size string `toml:"size"`
	// Office and Unit head every document (kop).
	Office  string `toml:"office"`
	Unit    string `toml:"unit"`
	Address string `toml:"address"`
	// CardLayout is "card" (kartu kendali on a page, default), "a5" (on A5),
	// "three" (three to a page with cut lines) or "cover" (lembar pengantar).
	CardLayout string `toml:"card_layout"`
	// CardCopies labels the coloured copies of the control card.
	CardCopies []string `toml:"card_copies"`
	// Dir is where documents are saved before printing.
	Dir string `toml:"dir"`
	// Printer is a CUPS queue for lp; "" with no Command means save only.
	Printer string `toml:"printer"`
	// Command prints a file on other systems; {file} is replaced by its path.
	Command string `toml:"command"`
	// Attachments prints a message's PDF attachments with its copies.
	Attachments *bool `toml:"attachments"`
	// CSVSeparator is "," (default) or ";" for spreadsheets set to a
	// decimal-comma locale.
	CSVSeparator string `toml:"csv_separator"`
	// Place is the town the monthly report is signed in.
	Place string `toml:"place"`
	// SignerName and SignerNIP sign the monthly report (the Kepala Seksi
	// Persandian dan Keamanan Informasi); HeadName and HeadNIP acknowledge
	// it (the Kepala Dinas). Empty ones leave lines to write on.
	SignerName string `toml:"signer_name"`
	SignerNIP  string `toml:"signer_nip"`
	HeadName   string `toml:"head_name"`
	HeadNIP    string `toml:"head_nip"`
	// Handler is the control card's Pengolah; "" means the operator's
	// office title, Operator Transmisi Sandi.
	Handler string `toml:"handler"`
}

func (p paperConfig) csvSeparator() rune {
	if p.CSVSeparator == ";" {
		return ';'
	}
	return ','
}

// defaultConfig is what a desk with no settings file uses.
func defaultConfig() config {
	return config{
		Lang:         "id",
		AgendaFormat: store.DefaultAgendaFormat,
		Paper: paperConfig{
			Size:       "A4",
			Office:     "PEMERINTAH KOTA PEKALONGAN",
			Unit:       "DINAS KOMUNIKASI DAN INFORMATIKA",
			CardLayout: "card",
			CardCopies: []string{"putih", "kuning", "merah"},
		},
	}
}

// loadConfig reads the settings file at path over the defaults; a missing
// file at the default path is not an error.
func loadConfig(path string, mustExist bool) (config, error) {
	c := defaultConfig()
	md, err := toml.DecodeFile(path, &c)
	if errors.Is(err, fs.ErrNotExist) && !mustExist {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read settings %s: %w", path, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return c, fmt.Errorf("read settings %s: unknown setting %q", path, un[0].String())
	}
	if c.Lang != "id" && c.Lang != "en" {
		return c, fmt.Errorf("read settings %s: lang must be id or en, not %q", path, c.Lang)
	}
	return c, nil
}

// calendar builds the working-day calendar the settings describe.
func (c *config) calendar() (*store.Calendar, error) {
	cc := c.Clock
	if cc.Timezone == "" && cc.Hours == nil && cc.Periods == nil && cc.Open == "" && cc.Close == "" &&
		cc.AfterHoursNextDay == nil && cc.Calendar == "" {
		return store.DefaultCalendar(), nil
	}
	s := store.DefaultCalendarSettings()
	if cc.Timezone != "" {
		loc, err := time.LoadLocation(cc.Timezone)
		if err != nil {
			return nil, fmt.Errorf("settings: timezone %q: %w", cc.Timezone, err)
		}
		s.Location = loc
	}
	for _, h := range []struct {
		text string
		dst  *time.Duration
	}{{cc.Open, &s.OpenAt}, {cc.Close, &s.CloseAt}} {
		if h.text == "" {
			continue
		}
		d, err := parseClock(h.text)
		if err != nil {
			return nil, fmt.Errorf("settings: office hours: %w", err)
		}
		*h.dst = d
		s.Hours = store.Week{} // one time for Monday to Friday
	}
	if cc.Hours != nil {
		w, err := store.ParseHours(cc.Hours)
		if err != nil {
			return nil, fmt.Errorf("settings: [clock] hours: %w", err)
		}
		s.Hours = w
	}
	for i, p := range cc.Periods {
		from, err1 := time.Parse(time.DateOnly, p.From)
		to, err2 := time.Parse(time.DateOnly, p.To)
		if err1 != nil || err2 != nil || p.Name == "" {
			return nil, fmt.Errorf("settings: [[clock.period]] %d needs a name and from and to dates like 2026-02-19", i+1)
		}
		w, err := store.ParseHours(p.Hours)
		if err != nil {
			return nil, fmt.Errorf("settings: [[clock.period]] %s: hours: %w", p.Name, err)
		}
		s.Periods = append(s.Periods, store.Period{Name: p.Name, From: from, To: to, Hours: w})
	}
	if cc.AfterHoursNextDay != nil {
		s.AfterHoursNextDay = *cc.AfterHoursNextDay
	}
	if cc.Calendar == "" {
		var b strings.Builder
		if err := store.DefaultCalendar().Write(&b); err != nil {
			return nil, err
		}
		return store.LoadCalendar(strings.NewReader(b.String()), s)
	}
	f, err := os.Open(cc.Calendar)
	if err != nil {
		return nil, fmt.Errorf("settings: holiday calendar: %w", err)
	}
	defer f.Close()
	cal, err := store.LoadCalendar(f, s)
	if err != nil {
		return nil, fmt.Errorf("settings: holiday calendar %s: %w", cc.Calendar, err)
	}
	return cal, nil
}

// parseClock reads "07.30" or "07:30" as an offset from midnight.
func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.ReplaceAll(strings.TrimSpace(s), ".", ":"))
	if err != nil {
		return 0, fmt.Errorf("%q is not a time like 07.30", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// defaultPaths returns the store and settings paths: the flags, then
// SANAPATI_DB and SANAPATI_CONFIG, then the user's data and config folders.
func defaultPaths() (db, conf string) {
	db, conf = os.Getenv("SANAPATI_DB"), os.Getenv("SANAPATI_CONFIG")
	if db == "" {
		dir, err := os.UserConfigDir()
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			dir, err = d, nil
		} else if home, herr := os.UserHomeDir(); herr == nil && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
			dir, err = filepath.Join(home, ".local", "share"), nil
		}
		if err != nil {
			dir = "."
		}
		db = filepath.Join(dir, "sanapati-desk", "desk.db")
	}
	if conf == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			dir = "."
		}
		conf = filepath.Join(dir, "sanapati-desk", "config.toml")
	}
	return db, conf
}
