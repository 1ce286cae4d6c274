package print

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// Options are the office's settings every document is drawn with. The zero
// value prints Indonesian on A4 with the default card colours.
type Options struct {
	// Paper is "A4" (the default) or "F4" (Folio, 215 x 330 mm).
	Paper string
	// Office, Unit and Address are the letterhead (kop) lines, for example
	// "PEMERINTAH KOTA PEKALONGAN" and "DINAS KOMUNIKASI DAN INFORMATIKA".
	Office, Unit, Address string
	// Lang is "id" (the default) or "en".
	Lang string
	// AgendaFormat shows agenda numbers; "" means store.DefaultAgendaFormat.
	AgendaFormat string
	// CardCopies labels the control card's copies, one card each, usually
	// their paper colours; nil means putih, kuning, merah (white, yellow,
	// red in English). A single "" prints one unlabelled card. Each copy
	// says what it is for: what follows a colon ("hijau: arsip
	// sekretariat"), else by its place: the first is the operator's file,
	// the second goes to the examiner, the third to the courier.
	CardCopies []string
	// CardLayout is "card" (kartu kendali on a full page of Paper, the
	// default), "a5" (the kartu kendali on A5, one card a sheet), "three"
	// (three cards a sheet of Paper with cut lines between them) or
	// "cover" (lembar pengantar surat biasa).
	CardLayout string
	// Handler fills the card's Pengolah: who handles the letter at the
	// desk; "" means the operator's position, Operator Transmisi Sandi.
	Handler string
	// Officials initial the card, in order; the card uses the letter's own
	// initials once it has them and these before.
	Officials []store.Official
	// Calendar gives due times, the zone dates are shown in, and working
	// days; nil means store.DefaultCalendar().
	Calendar *store.Calendar
	// Now is the clock for "printed at" lines and for what is overdue; nil
	// means time.Now.
	Now func() time.Time
	// Deterministic fixes the PDF's creation date so that the same input
	// gives the same bytes (tests, archives that hash what they keep).
	Deterministic bool
	// CSVSeparator separates CSV fields; 0 means ','. Spreadsheets set to a
	// decimal-comma locale, Indonesian Excel among them, expect ';', and
	// with ';' decimals are written with a comma too.
	CSVSeparator rune
	// Place is the town the monthly report is signed in, e.g. "Pekalongan".
	Place string
	// SignerName and SignerNIP are the Kepala Seksi Persandian dan Keamanan
	// Informasi who signs the monthly report; HeadName and HeadNIP the
	// Kepala Dinas who acknowledges it (Mengetahui). Empty ones print blank
	// lines to write on.
	SignerName, SignerNIP string
	HeadName, HeadNIP     string
}

// settings are Options checked and completed, with what follows from them.
type settings struct {
	Options
	lab *labels
	loc *time.Location
	now time.Time
}

// Papers in millimetres, portrait.
var papers = map[string][2]float64{
	"A4": {210, 297},
	"F4": {215, 330},
}

// a5 is the card-size sheet of the "a5" card layout.
var a5 = [2]float64{148, 210}

func (o Options) settings() (*settings, error) {
	s := &settings{Options: o}
	switch p := strings.ToUpper(strings.TrimSpace(o.Paper)); p {
	case "":
		s.Paper = "A4"
	case "A4", "F4":
		s.Paper = p
	case "FOLIO":
		s.Paper = "F4"
	default:
		return nil, fmt.Errorf("unknown paper size %q (A4 or F4)", o.Paper)
	}
	switch strings.ToLower(strings.TrimSpace(o.Lang)) {
	case "", "id":
		s.lab = labelsID
	case "en":
		s.lab = labelsEN
	default:
		return nil, fmt.Errorf("unknown language %q (id or en)", o.Lang)
	}
	switch strings.ToLower(strings.TrimSpace(o.CardLayout)) {
	case "", "card", "kartu":
		s.CardLayout = "card"
	case "cover", "pengantar":
		s.CardLayout = "cover"
	case "a5":
		s.CardLayout = "a5"
	case "three", "tiga", "3":
		s.CardLayout = "three"
	default:
		return nil, fmt.Errorf("unknown card layout %q (card, a5, three or cover)", o.CardLayout)
	}
	if s.AgendaFormat == "" {
		s.AgendaFormat = store.DefaultAgendaFormat
	}
	if s.CardCopies == nil {
		s.CardCopies = s.lab.cardColours
	}
	if s.Calendar == nil {
		s.Calendar = store.DefaultCalendar()
	}
	s.loc = s.Calendar.Location()
	if s.Now == nil {
		s.Now = time.Now
	}
	s.now = s.Now().In(s.loc)
	switch s.CSVSeparator {
	case 0:
		s.CSVSeparator = ','
	case ',', ';', '\t':
	default:
		return nil, fmt.Errorf("unsupported CSV separator %q (comma, semicolon or tab)", s.CSVSeparator)
	}
	return s, nil
}

// agenda shows a letter's agenda number, or a dash before registration.
func (s *settings) agenda(l *store.Letter) string {
	if l.Agenda.IsZero() {
		return "-"
	}
	return l.Agenda.Format(s.AgendaFormat)
}

// dueTime shows when the letter must be done, marked "(perkiraan)" when
// the clock ran through a year with no holiday list, or "-".
func (s *settings) dueTime(l *store.Letter) string {
	if l.ReceivedAt.IsZero() {
		return "-"
	}
	t := l.Timing(s.Calendar, s.now)
	if t.Estimated {
		return s.dateTime(t.Due) + " " + s.lab.estimated
	}
	return s.dateTime(t.Due)
}

// date shows a day as "27 November 2026", or "-" for the zero time.
func (s *settings) date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return locale.Date(t.In(s.loc), s.Lang)
}

// shortDate shows a day as "27-11-2026", for tight table columns.
func (s *settings) shortDate(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(s.loc).Format("02-01-2006")
}

// clock shows a time of day as "08.14 WIB" (Indonesian) or "08:14 WIB".
func (s *settings) clock(t time.Time) string {
	return locale.Clock(t.In(s.loc), s.Lang)
}

// received shows when the letter arrived, marked when the time is only
// an estimate (an imported file's time) that no one has corrected.
func (s *settings) received(l *store.Letter) string {
	if l.ReceivedEstimated {
		return s.dateTime(l.ReceivedAt) + " " + s.lab.estimated
	}
	return s.dateTime(l.ReceivedAt)
}

// dateTime shows "27 November 2026 08.14 WIB", or "-" for the zero time.
func (s *settings) dateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return s.date(t) + " " + s.clock(t)
}

// shortDateTime shows "27-11-2026 08.14", for tight table columns.
func (s *settings) shortDateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return s.shortDate(t) + " " + t.In(s.loc).Format(locale.ClockLayout(s.Lang))
}

// month shows "November 2026".
func (s *settings) month(t time.Time) string {
	return locale.Month(t.Month(), s.Lang) + " " + strconv.Itoa(t.Year())
}

// number shows v with places decimals, with the language's decimal mark.
func (s *settings) number(v float64, places int) string {
	return locale.Number(v, places, s.Lang)
}

// count shows an integer with the language's thousands separator.
func (s *settings) count(n int) string { return locale.Count(n, s.Lang) }

// channel names a delivery channel in the document's language.
func (s *settings) channel(c store.Channel) string {
	if name, ok := s.lab.channels[c]; ok {
		return name
	}
	if c == "" {
		return "-"
	}
	return string(c)
}

// class names a security class in the document's language.
func (s *settings) class(c store.SecurityClass) string {
	if name, ok := s.lab.classes[c]; ok {
		return name
	}
	if c == "" {
		return s.lab.classes[store.ClassOrdinary]
	}
	return string(c)
}

// urgency names an urgency; the store keeps them in Indonesian.
func (s *settings) urgency(u store.Urgency) string {
	if u == "" {
		u = store.UrgencyOrdinary
	}
	if name, ok := s.lab.urgencies[u]; ok {
		return name
	}
	return string(u)
}

// orDash shows "-" for an empty value, so an empty box reads as empty on
// purpose.
func orDash(v string) string {
	if strings.TrimSpace(v) == "" {
		return "-"
	}
	return v
}

// nonEmpty keeps the values that are not blank, trimmed.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// recipientNames joins the letter's recipients with "; ".
func recipientNames(l *store.Letter) string {
	names := make([]string, len(l.Recipients))
	for i, r := range l.Recipients {
		names[i] = r.Name
	}
	return strings.Join(names, "; ")
}
