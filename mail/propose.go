package mail

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

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

// classHeaders are the headers a sending system may declare a letter's
// class in.
var classHeaders = []string{"X-Sifat", "Sifat", "X-Klasifikasi", "Klasifikasi", "X-Classification"}

// DeclaredClass is the security class a message declares, by a header, a
// Sifat or Klasifikasi line, a subject marked RAHASIA, or the first page of
// an attached text PDF (its Sifat line or stamp); "" when it declares none.
func DeclaredClass(raw []byte) store.SecurityClass {
	c, _ := readClass(context.Background(), raw, summarize(raw))
	return c
}

// readClass is DeclaredClass with raw already summarized; the look at
// attached PDFs ends with ctx, and err says it was cut short (see
// attachedClass).
func readClass(ctx context.Context, raw []byte, sum *Message) (store.SecurityClass, error) {
	c, m := emailClass(raw, sum)
	if m == nil {
		return c, nil
	}
	ac, err := attachedClass(ctx, raw, m)
	if err != nil {
		return "", err
	}
	if ac != store.ClassOrdinary && rank(ac) > rank(c) {
		return ac, nil
	}
	return c, nil
}

// emailClass is the class the e-mail itself declares, without a look at
// its attachments; pdfs is the message skimmed when it does not declare R
// or SR and carries a PDF, whose first page may (attachedClass), else nil.
// It is asked of every message the intake stores, so a message none of
// whose bytes can spell a class (no class word, nothing that could hide
// one: sum.mayHideClass) is not read any further.
func emailClass(raw []byte, sum *Message) (c store.SecurityClass, pdfs *Message) {
	if !sum.mayHideClass && !hasClassWord(raw) {
		return "", nil
	}
	hb, _ := splitMessage(raw)
	h, _ := parseHeader(hb)
	for _, name := range classHeaders {
		if c := classOf(h.Get(name)); c != "" {
			return c, nil
		}
	}
	m := skim(raw)
	c = Propose(m, time.UTC).Class
	if c.Classified() || len(PDFAttachments(m)) == 0 {
		return c, nil
	}
	return c, m
}

// hasClassWord reports whether raw may hold a word of a class to hold as
// letters write it (lower, upper or title case): it looks for classHints,
// one pass over raw each.
func hasClassWord(raw []byte) bool {
	for _, h := range classHints {
		if bytes.Contains(raw, h) {
			return true
		}
	}
	return false
}

// classHints are the words of the classes to hold from their rarest
// letter on, in lower and in upper case: "hasia" finds both "rahasia" and
// "Rahasia", "HASIA" finds "RAHASIA". A search runs quickest when the byte
// it looks for first is rare in the text. Finding one only sends the
// message to the full look.
var classHints = [][]byte{[]byte("hasia"), []byte("HASIA"), []byte("batas"), []byte("BATAS")}

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

var (
	// reOnBehalf starts a line of the signature block: a.n. (atas nama),
	// u.b. (untuk beliau), Plt., Plh.
	reOnBehalf = lazyRegexp(`(?i)^\s*(a\.?\s?n\.?|u\.?\s?b\.?|plt\.?|plh\.?)\s`)
	// reSenderField is a line naming the sender: Dari, Pengirim, Asal.
	reSenderField = lazyRegexp(`(?i)^\s*(dari|pengirim|asal(\s+surat)?)\s*:`)
)

// ProposeRecipients returns the directory's recipients a message names
// (in its To and Cc headers, its Yth. and Tembusan lines, anywhere in its
// text), longest name first so that "Wakil Walikota" is not also
// "Walikota". The sender's side is left out: the lines of the signature
// block and the Dari line, and any recipient who is the sender itself
// (the From name, the origin as registered or proposed).
func ProposeRecipients(dir *store.Directory, m *Message, origin string) []string {
	var senders []string
	for _, s := range []string{m.FromName, origin, Propose(m, time.UTC).Sender} {
		if s = sameName(s); s != "" {
			senders = append(senders, s)
		}
	}
	var hay strings.Builder
	hay.WriteString(m.To + "\n" + m.Cc + "\n")
	for _, line := range strings.Split(m.Text, "\n") {
		if senderLine(line) {
			senders = append(senders, sameName(strings.TrimRight(strings.TrimSpace(line), ",")))
			continue
		}
		hay.WriteString(line + "\n")
	}
	names := make([]string, len(dir.Recipients))
	for i, r := range dir.Recipients {
		names[i] = r.Name
	}
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	text := sameName(hay.String())
	var out []string
	for _, n := range names {
		needle := sameName(n)
		if needle == "" || !strings.Contains(text, needle) || isSender(needle, senders) {
			continue
		}
		out = append(out, n)
		text = strings.ReplaceAll(text, needle, strings.Repeat("\x00", len(needle)))
	}
	return out
}

// senderLine reports whether a line of a letter belongs to the sender's
// side: a.n./Plt. lines, a Dari line, or a signer's position written in
// capitals and closed by a comma ("KEPALA DINAS SOSIAL,").
func senderLine(line string) bool {
	if reOnBehalf().MatchString(line) || reSenderField().MatchString(line) {
		return true
	}
	t := strings.TrimSpace(line)
	if !strings.HasSuffix(t, ",") {
		return false
	}
	upper, letters := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 4 && upper*10 >= letters*8
}

// isSender reports whether the recipient name (as sameName gives it) is
// the sender's office: named by a sender text, or naming it ("Kepala Dinas
// Sosial" for a letter from "Dinas Sosial Kota Pekalongan").
func isSender(name string, senders []string) bool {
	office := strings.TrimPrefix(name, "kepala ")
	for _, s := range senders {
		if s != "" && (strings.Contains(s, name) || strings.Contains(s, office)) {
			return true
		}
	}
	return false
}

// sameName is s as names are compared: lower case, one space between
// words.
func sameName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
