package mail

import (
	"strings"
	"time"

	"sanapati-desk/mail/letter"
	"sanapati-desk/store"
)

// Field names a proposed registration field.
type Field string

// The fields a proposal fills.
const (
	FieldNumber      Field = "number"
	FieldDate        Field = "date"
	FieldSubject     Field = "subject"
	FieldOrigin      Field = "origin"
	FieldClass       Field = "class"
	FieldUrgency     Field = "urgency"
	FieldAttachments Field = "attachments"
	FieldRecipients  Field = "recipients"
)

// LetterField is the name of the field in a registered letter's JSON
// (store.Letter): letter_number, letter_date, summary, origin, class,
// urgency, attachments, recipients.
func (f Field) LetterField() string {
	switch f {
	case FieldNumber:
		return "letter_number"
	case FieldDate:
		return "letter_date"
	case FieldSubject:
		return "summary"
	}
	return string(f)
}

// Source says where a proposed field was read.
type Source string

// The sources of a proposal, the most trusted first.
const (
	SourceLetter    Source = "pdf"    // the attached letter's text layer
	SourceLetterOCR Source = "ocr"    // the attached letter, read by OCR
	SourceMail      Source = "email"  // a "Label : value" line of the e-mail's text
	SourceHeader    Source = "header" // the e-mail's headers, or its list of files
)

// Alternative is the value another source gives a field where it
// disagrees with the value proposed; the operator chooses.
type Alternative struct {
	Field  Field  `json:"field"`
	Value  string `json:"value"`
	Source Source `json:"source"`
}

// AttachedText is the text read from one attachment.
type AttachedText struct {
	// Index is the attachment's position among the message's attachments.
	Index int
	// Source is letter.SourceText or letter.SourceOCR.
	Source string
	// Text is the pages read, each ended by a form feed.
	Text string
}

// LetterProposal is what every source of a message proposes for its
// registration and routing: the attached letter first, then the e-mail's
// own lines, then its headers. Each field says where it was read, and a
// second source that disagrees is kept beside it.
type LetterProposal struct {
	Proposal
	// Sources says where each field was read.
	Sources map[Field]Source
	// Alternatives are what a second source says where it disagrees.
	Alternatives []Alternative
	// Recipients are the directory's recipients the letter is addressed or
	// copied to (Yth. and Tembusan), the sender's side left out.
	Recipients []string
	// NewRecipients are addressees of the desk's own area the directory
	// lacks ("Ketua DPRD"): proposed entries, added only when the operator
	// confirms.
	NewRecipients []string
	// Letter is the attachment the letter's fields were read from, -1 when
	// none was.
	Letter int
	// OriginChecked: the letterhead's institution is named by the
	// signature block too.
	OriginChecked bool
}

// ProposeLetter proposes the registration fields and recipients of m from
// the texts of its attached letters (as ReadAttachment gives them) and its
// own text. dir maps addressees to recipients; loc is the desk's time
// zone.
func ProposeLetter(m *Message, letters []AttachedText, dir *store.Directory, loc *time.Location) LetterProposal {
	if loc == nil {
		loc = time.Local
	}
	mp := Propose(m, loc)
	lines := scanFields(m.Text)
	p := LetterProposal{Proposal: mp, Sources: map[Field]Source{}, Letter: -1}

	var lf LetterFields
	src := SourceLetter
	for _, l := range letters {
		f := ReadLetterFields(l.Text, loc)
		if f.Number == "" && f.Subject == "" && len(f.Addressees) == 0 {
			continue
		}
		lf, p.Letter = f, l.Index
		if l.Source == letter.SourceOCR {
			src = SourceLetterOCR
		}
		break
	}
	haveLetter := p.Letter >= 0

	// mailLine is the e-mail's own line for a field; header what the
	// headers give when no line does.
	mailDate := ""
	if d, ok := parseLetterDate(lines["date"], loc); ok {
		mailDate = d.Format("2006-01-02")
	} else if d, ok := placeDate(m.Text, loc); ok {
		mailDate = d.Format("2006-01-02")
	}
	choose := func(f Field, pdf, line, header string, set func(string)) {
		switch {
		case pdf != "":
			set(pdf)
			p.Sources[f] = src
			if line != "" && !sameValue(line, pdf) {
				p.Alternatives = append(p.Alternatives, Alternative{Field: f, Value: line, Source: SourceMail})
			}
		case line != "":
			set(line)
			p.Sources[f] = SourceMail
		case header != "":
			set(header)
			p.Sources[f] = SourceHeader
		default:
			set("")
		}
	}
	header := func(v string) string {
		if haveLetter {
			return "" // the letter itself is the source; no guesses from headers
		}
		return v
	}
	pdfDate := ""
	if !lf.Date.IsZero() {
		pdfDate = lf.Date.Format("2006-01-02")
	}
	headerDate := ""
	if !mp.LetterDate.IsZero() {
		headerDate = mp.LetterDate.Format("2006-01-02")
	}
	choose(FieldNumber, lf.Number, lines["number"], "", func(v string) { p.LetterNumber = v })
	choose(FieldSubject, lf.Subject, lines["subject"], mp.Subject, func(v string) { p.Subject = v })
	choose(FieldOrigin, lf.Origin, lines["sender"], mp.Sender, func(v string) { p.Sender = v })
	choose(FieldAttachments, lf.Attachments, lines["attachments"], header(mp.Attachments), func(v string) { p.Attachments = v })
	choose(FieldDate, pdfDate, mailDate, headerDate, func(v string) {
		p.LetterDate = time.Time{}
		if v != "" {
			p.LetterDate, _ = time.ParseInLocation("2006-01-02", v, loc)
		}
	})
	if lf.SifatText != "" {
		p.SifatText = lf.SifatText
	}
	// The class: the most secret any source says, so that a letter marked
	// Rahasia anywhere is held.
	p.Class, p.Urgency = "", ""
	for _, c := range []struct {
		class store.SecurityClass
		src   Source
	}{{lf.Class, src}, {mp.Class, SourceMail}} {
		if rank(c.class) > rank(p.Class) {
			if p.Class != "" {
				p.Alternatives = append(p.Alternatives, Alternative{Field: FieldClass, Value: string(p.Class), Source: p.Sources[FieldClass]})
			}
			p.Class, p.Sources[FieldClass] = c.class, c.src
		} else if c.class != "" && c.class != p.Class {
			p.Alternatives = append(p.Alternatives, Alternative{Field: FieldClass, Value: string(c.class), Source: c.src})
		}
	}
	choose(FieldUrgency, string(lf.Urgency), string(mp.Urgency), "", func(v string) { p.Urgency = store.Urgency(v) })
	p.OriginChecked = lf.OriginChecked

	if dir != nil {
		if haveLetter && len(lf.Addressees) > 0 {
			p.Recipients, p.NewRecipients = mapAddressees(dir, lf)
			p.Sources[FieldRecipients] = src
		} else if rs := ProposeRecipients(dir, m, p.Sender); len(rs) > 0 {
			p.Recipients = rs
			p.Sources[FieldRecipients] = SourceMail
		}
	}
	return p
}

// mapAddressees maps a letter's addressees to the directory, leaving out
// the sender's side (the signer's own position, the Dari of a nota dinas).
func mapAddressees(dir *store.Directory, lf LetterFields) (known, fresh []string) {
	sender := map[string]bool{}
	for _, s := range lf.Signer {
		if m := dir.Match(s); len(m.Recipients) == 1 {
			sender[m.Recipients[0]] = true
		}
	}
	seen := map[string]bool{}
	for _, a := range lf.Addressees {
		m := dir.Match(a)
		if len(m.Recipients) == 1 && sender[m.Recipients[0]] {
			continue
		}
		for _, n := range m.Recipients {
			if !seen[n] {
				seen[n] = true
				known = append(known, n)
			}
		}
		if m.New != "" && reNewName().MatchString(m.New) && !seen["new:"+sameName(m.New)] {
			seen["new:"+sameName(m.New)] = true
			fresh = append(fresh, m.New)
		}
	}
	return known, fresh
}

// reNewName is what a proposed new entry must look like: words of
// letters, no marks that a misread scan would leave.
var reNewName = lazyRegexp(`^[A-Z][A-Za-z]+(?: [A-Za-z][A-Za-z/.-]*)+$`)

// sameValue reports whether two values of a field say the same, but for
// case, spacing and closing punctuation.
func sameValue(a, b string) bool {
	norm := func(s string) string { return strings.Trim(sameName(s), " .;,") }
	return norm(a) == norm(b)
}
