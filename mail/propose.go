package mail

import (
	"fmt"
	"strings"
	"time"

	"sanapati-desk/store"
)

// Proposal is what the message itself says about the registration fields,
// for the operator to confirm or correct. Empty fields were not found.
type Proposal struct {
	// Sender is the origin (asal surat): a "Dari :" line, else the From
	// name, else its address.
	Sender string
	// LetterNumber is the sender's own number, from a "Nomor :" line.
	LetterNumber string
	// LetterDate is the letter's date: a "Tanggal :" line, a "City, 23
	// November 2026" line, else the Date header; midnight in the location
	// given to Propose.
	LetterDate time.Time
	// Subject is the "Hal :" or "Perihal :" line, else the Subject header
	// without Re:/Fwd: prefixes.
	Subject string
	// Attachments is the "Lampiran :" line, else "N berkas" when files are
	// attached.
	Attachments string
	// Class is the security class from a "Sifat :" or "Klasifikasi :"
	// line, or a subject marked RAHASIA; "" when nothing says.
	Class store.SecurityClass
	// Urgency is from a "Sifat :", "Urgensi :" or "Derajat :" line; ""
	// when nothing says.
	Urgency store.Urgency
	// SifatText is the "Sifat :" line as written.
	SifatText string
}

var (
	reField     = lazyRegexp(`^\s*([A-Za-z][A-Za-z .]{0,30}?)\s*:\s*(.*?)\s*$`)
	rePlaceDate = lazyRegexp(`^\s*[A-Z][A-Za-z .'-]{1,40},\s*(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})\s*$`)
	reSubjTag   = lazyRegexp(`(?i)^\s*((re|fw|fwd|tr|bls|balas|trs)\s*:\s*)+`)
	reSecret    = lazyRegexp(`(?i)\b(sangat\s+rahasia|rahasia)\b`)
)

// fieldKeys maps the Indonesian labels of a letter's heading to fields.
var fieldKeys = map[string]string{
	"nomor": "number", "no": "number", "nomor surat": "number", "no surat": "number", "nomor naskah": "number",
	"hal": "subject", "perihal": "subject",
	"sifat": "sifat", "klasifikasi": "class", "sifat surat": "sifat",
	"urgensi": "urgency", "derajat": "urgency", "derajat kecepatan": "urgency",
	"lampiran": "attachments",
	"tanggal":  "date", "tgl": "date", "tanggal surat": "date",
	"dari": "sender", "pengirim": "sender", "asal": "sender", "asal surat": "sender",
}

// Propose reads the registration fields a message suggests. loc is the
// desk's time zone, in which the letter date is a calendar day.
func Propose(m *Message, loc *time.Location) Proposal {
	if loc == nil {
		loc = time.Local
	}
	fields := scanFields(m.Text)
	p := Proposal{
		Sender:       fields["sender"],
		LetterNumber: fields["number"],
		Subject:      fields["subject"],
		Attachments:  fields["attachments"],
		SifatText:    fields["sifat"],
	}
	if p.Sender == "" {
		p.Sender = m.FromName
	}
	if p.Sender == "" {
		p.Sender = m.FromAddress
	}
	if p.Subject == "" {
		p.Subject = strings.TrimSpace(reSubjTag().ReplaceAllString(m.Subject, ""))
	}
	if p.Attachments == "" && len(m.Attachments) > 0 {
		p.Attachments = fmt.Sprintf("%d berkas", len(m.Attachments))
	}
	if d, ok := parseLetterDate(fields["date"], loc); ok {
		p.LetterDate = d
	} else if d, ok := placeDate(m.Text, loc); ok {
		p.LetterDate = d
	} else if !m.Date.IsZero() {
		t := m.Date.In(loc)
		p.LetterDate = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	}
	for _, v := range []string{fields["sifat"], fields["class"]} {
		if c := classOf(v); c != "" && p.Class == "" {
			p.Class = c
		}
	}
	for _, v := range []string{fields["urgency"], fields["sifat"]} {
		if u := urgencyOf(v); u != "" && p.Urgency == "" {
			p.Urgency = u
		}
	}
	if p.Class == "" {
		if s := reSecret().FindString(m.Subject); s != "" {
			p.Class = classOf(s)
		}
	}
	return p
}

// scanFields reads "Label : value" lines; the first of each field wins, and
// an indented line after the subject continues it.
func scanFields(text string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines) && i < 400; i++ {
		m := reField().FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(m[1], ". ")), " "))
		key = strings.TrimSuffix(key, ".")
		field, ok := fieldKeys[key]
		if !ok || out[field] != "" || m[2] == "" {
			continue
		}
		v := m[2]
		if field == "subject" {
			for i+1 < len(lines) && continues(lines[i+1]) {
				i++
				v += " " + strings.TrimSpace(lines[i])
			}
		}
		out[field] = SanitizeLine(v)
	}
	return out
}

// continues reports whether a line carries on the previous field's value:
// indented, not empty, and not a field of its own.
func continues(line string) bool {
	if strings.TrimSpace(line) == "" || !(strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")) {
		return false
	}
	if m := reField().FindStringSubmatch(line); m != nil {
		key := strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(m[1], ". ")), " "))
		if _, ok := fieldKeys[key]; ok {
			return false
		}
	}
	return true
}

// placeDate finds the "Jakarta, 23 November 2026" line that dates a
// letter.
func placeDate(text string, loc *time.Location) (time.Time, bool) {
	for i, line := range strings.Split(text, "\n") {
		if i > 400 {
			break
		}
		if m := rePlaceDate().FindStringSubmatch(line); m != nil {
			if d, ok := parseLetterDate(m[1], loc); ok {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

func classOf(v string) store.SecurityClass {
	v = strings.ToLower(strings.Join(strings.Fields(v), " "))
	switch {
	case strings.Contains(v, "sangat rahasia"):
		return store.ClassTopSecret
	case strings.Contains(v, "rahasia"):
		return store.ClassSecret
	case strings.Contains(v, "terbatas"):
		return store.ClassRestricted
	case strings.Contains(v, "biasa"):
		return store.ClassOrdinary
	}
	return ""
}

func urgencyOf(v string) store.Urgency {
	v = strings.ToLower(strings.Join(strings.Fields(v), " "))
	switch {
	case strings.Contains(v, "sangat segera"):
		return store.UrgencyVeryUrgent
	case strings.Contains(v, "segera"):
		return store.UrgencyUrgent
	case strings.Contains(v, "kilat"):
		return store.UrgencyFlash
	case strings.Contains(v, "biasa"):
		return store.UrgencyOrdinary
	}
	return ""
}
