package mail

import (
	"strings"
	"time"
	"unicode"

	"sanapati-desk/store"
)

// LetterFields is what the text of an attached letter says about its
// registration: each field as written ("" when not found), and the
// addressees as written.
type LetterFields struct {
	Number, Subject, Origin, Attachments, SifatText string
	Date                                            time.Time
	Class                                           store.SecurityClass
	Urgency                                         store.Urgency
	// OriginChecked: the letterhead's institution is also named by the
	// signature block.
	OriginChecked bool
	// Addressees are the Yth. addressees, then the Tembusan, as written.
	Addressees []string
	// Signer is the sender's side: the Dari of a nota dinas and the
	// signer's position, each as one line.
	Signer []string
}

// segment is a piece of a laid-out line: text at a column.
type segment struct {
	col  int
	text string
}

var reGap = lazyRegexp(`\S+(?: {1,2}\S+)*`)

// junk are the marks OCR reads from specks in front of a line's words.
const junk = ".,:;'\"“”‘’!_—– "

// streams splits laid-out page text (pdftotext -layout, or OCR laid out
// the same way) into its left column and its right column (the date, a
// "Kepada Yth." block, the signature), each a list of lines; a line of
// the page with nothing in a column is an empty line there. Centred lines
// (the letterhead, a title) belong to the left.
func streams(page string) (left, right []string) {
	lines := strings.Split(strings.ReplaceAll(page, "\r", ""), "\n")
	width := 0
	segs := make([][]segment, len(lines))
	for i, l := range lines {
		l = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\u00a0' {
				return ' '
			}
			return r
		}, l)
		for _, m := range reGap().FindAllStringIndex(l, -1) {
			// OCR leaves specks as stray marks before a line's words
			// (". Yth.", "“di -") and alone in the margins.
			text := strings.TrimLeft(l[m[0]:m[1]], junk)
			if len(text) <= 1 && text != "-" {
				continue
			}
			segs[i] = append(segs[i], segment{col: len([]rune(l[:m[0]])), text: text})
		}
		if n := len([]rune(strings.TrimRight(l, " "))); n > width {
			width = n
		}
	}
	split := width * 2 / 5
	for _, ss := range segs {
		var l, r []string
		for _, s := range ss {
			n := len([]rune(s.text))
			centred := len(ss) == 1 && abs(2*s.col+n-width) < width/8 && s.col > 0
			if (s.col >= split && !centred) || len(r) > 0 {
				r = append(r, s.text)
			} else {
				l = append(l, s.text)
			}
		}
		// A row with text in one column only is no blank line in the
		// other: the columns run on each by itself. Keep the left's
		// indentation: a subject's continuation is indented.
		if len(l) > 0 || len(r) == 0 {
			lt := ""
			if len(l) > 0 {
				lt = strings.Repeat(" ", min(ss[0].col, 40)) + strings.Join(l, "   ")
			}
			left = append(left, lt)
		}
		if len(r) > 0 || len(l) == 0 {
			right = append(right, strings.Join(r, "   "))
		}
	}
	return left, right
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var (
	// reLabel is a field label of a letter's heading, its colon (or what
	// OCR made of it) and the value.
	reLabel = lazyRegexp(`^\W{0,2}\s*(?i:(nomor|no\.?|sifat|lampiran|hal|perihal|tanggal|yth\.?|kepada|dari|tembusan))\s*(?:[:;]\s*|\s+[1l|i!]\s+(?:[:;]\s*)?|\s{2,}|\s*$)(.*)$`)
	// reCapsNumber is the NOMOR line under a surat edaran's or nota
	// dinas's title.
	reCapsNumber = lazyRegexp(`^\s*NOMOR\s*:?\s+(\S.*)$`)
	reDatedLine  = lazyRegexp(`^\s*[A-Z][A-Za-z .'-]{1,40},\s*(\d{1,2}(?:\s+[A-Za-z]{3,9}\.?\s+|[-/.]\d{1,2}[-/.])\d{4})\b`)
	rePadaTgl    = lazyRegexp(`(?i)pada\s+tanggal\s+(\d{1,2}(?:\s+[A-Za-z]{3,9}\.?\s+|[-/.]\d{1,2}[-/.])\d{4})`)
	// reItem is an item of a numbered list: "1.", and as OCR reads it,
	// "|.", "l..", "2:" followed by a stray quote or dash.
	reItem      = lazyRegexp(`^\s*(?:\d{1,2}|[|lI])\s*[.):,;]+\s*['"“”‘’–—-]*\s*(\S.*)$`)
	reStampLine = lazyRegexp(`^\s*(SANGAT\s+RAHASIA|RAHASIA)\s*$`)
	reAddrEnd   = lazyRegexp(`(?i)^\s*(di\b|tempat\b|dengan\s+hormat|sehubungan|dalam\s+rangka|bersama\s+ini|menindaklanjuti|memperhatikan|berdasarkan)`)
)

// labelOf reads a heading line: its field and value, or "".
func labelOf(line string) (field, value string) {
	t := strings.TrimSpace(line)
	if rest, ok := strings.CutPrefix(t, "Kepada"); ok && (strings.TrimSpace(rest) == "" || strings.HasPrefix(strings.TrimSpace(rest), "Yth") || strings.HasPrefix(strings.TrimSpace(rest), ":")) {
		t = strings.TrimLeft(rest, " :")
		if t == "" {
			return "to", ""
		}
	}
	if rest, ok := strings.CutPrefix(t, "Yth"); ok {
		return "to", strings.TrimLeft(rest, ".:; ")
	}
	m := reLabel().FindStringSubmatch(line)
	if m == nil {
		return "", ""
	}
	key := strings.ToLower(strings.TrimSuffix(m[1], "."))
	v := strings.TrimSpace(m[2])
	// OCR reads a colon as "1", "l", "|" or ":" beside another: "Lampiran
	// 1 2 (dua) berkas", "Nomor 1 551/2211/2026".
	if len(v) > 2 && strings.ContainsRune("1l|i!", rune(v[0])) && v[1] == ' ' && (unicode.IsDigit(rune(v[2])) || v[2] == '-') {
		v = strings.TrimSpace(v[2:])
	}
	v = strings.TrimLeft(v, junk)
	if len(v) > 2 && strings.ContainsRune("l|i!", rune(v[0])) && v[1] == ' ' {
		v = strings.TrimSpace(v[2:])
	}
	switch key {
	case "nomor", "no":
		// "Nomor" inside a sentence or an address ("Jalan ... Nomor 7").
		if v == "" || !strings.ContainsAny(v, "/.-0123456789") {
			return "", ""
		}
		return "number", v
	case "hal", "perihal":
		return "subject", v
	case "yth", "kepada":
		return "to", v
	}
	return key, v
}

// ReadLetterFields reads the registration fields from the text of an
// attached letter (pages separated by form feeds, laid out as pdftotext
// -layout lays them out). loc is the time zone of the letter's date.
func ReadLetterFields(text string, loc *time.Location) LetterFields {
	if loc == nil {
		loc = time.Local
	}
	var f LetterFields
	pages := strings.Split(text, "\f")
	var all []string // every stream of every page, in reading order
	for i, p := range pages {
		left, right := streams(p)
		if i == 0 {
			f.Origin = letterhead(left)
			if d, ok := datedLine(right, loc); ok {
				f.Date = d
			} else if d, ok := datedLine(left, loc); ok {
				f.Date = d
			}
		}
		all = append(all, left...)
		all = append(all, "")
		all = append(all, right...)
		all = append(all, "")
	}
	var title []string
	inTitle := false
	for i := 0; i < len(all); i++ {
		line := all[i]
		t := strings.TrimSpace(line)
		if inTitle {
			if t == "" || strings.HasPrefix(t, "Yth") || strings.ToUpper(t) != t {
				inTitle = false
			} else {
				title = append(title, t)
				continue
			}
		}
		if c := reStampLine().FindStringSubmatch(t); c != nil {
			if cl := classOf(c[1]); rank(cl) > rank(f.Class) {
				f.Class = cl
			}
			continue
		}
		if t == "TENTANG" && f.Subject == "" && len(title) == 0 {
			inTitle = true
			continue
		}
		if m := reCapsNumber().FindStringSubmatch(line); m != nil && f.Number == "" {
			f.Number = numberValue(m[1])
			continue
		}
		field, v := labelOf(line)
		switch field {
		case "number":
			if f.Number == "" {
				f.Number = numberValue(v)
			}
		case "subject":
			if f.Subject == "" {
				for i+1 < len(all) && subjectGoesOn(all[i+1]) && strings.Count(v, " ") < 40 {
					i++
					v += " " + strings.TrimSpace(all[i])
				}
				f.Subject = cleanValue(v)
			}
		case "sifat":
			if f.SifatText == "" {
				f.SifatText = cleanValue(v)
			}
		case "lampiran":
			if f.Attachments == "" {
				f.Attachments = lampiranValue(v)
			}
		case "tanggal":
			if f.Date.IsZero() {
				if d, ok := parseLetterDate(v, loc); ok {
					f.Date = d
				}
			}
		case "dari":
			f.Signer = append(f.Signer, cleanValue(v))
		case "to":
			var names []string
			names, i = addressBlock(all, i, v)
			f.Addressees = append(f.Addressees, names...)
		case "tembusan":
			var names []string
			names, i = addressBlock(all, i, v)
			f.Addressees = append(f.Addressees, names...)
		}
	}
	if f.Subject == "" && len(title) > 0 {
		f.Subject = cleanValue(strings.Join(title, " "))
	}
	if f.Date.IsZero() {
		if m := rePadaTgl().FindStringSubmatch(strings.Join(all, "\n")); m != nil {
			if d, ok := parseLetterDate(m[1], loc); ok {
				f.Date = d
			}
		}
	}
	if c := classOf(f.SifatText); rank(c) > rank(f.Class) {
		f.Class = c
	}
	f.Urgency = urgencyOf(f.SifatText)
	if f.Urgency != "" && f.Class == "" {
		// "Sifat: Segera" speaks of urgency; the class is then Biasa.
		f.Class = store.ClassOrdinary
	}
	if f.Class.Classified() || f.Class == store.ClassRestricted {
		f.Urgency = urgencyOf(strings.ReplaceAll(strings.ToLower(f.SifatText), "rahasia", ""))
	}
	sig := signature(all)
	if len(sig) > 0 {
		f.Signer = append(f.Signer, strings.Join(sig, " "))
	}
	if f.Origin == "" && len(sig) > 0 {
		f.Origin = titleCase(strings.TrimPrefix(strings.ToUpper(strings.Join(sig, " ")), "KEPALA "))
	}
	f.OriginChecked = f.Origin != "" && originInSignature(f.Origin, sig)
	return f
}

// rank orders classes by secrecy: the more secret wins when two sources
// disagree.
func rank(c store.SecurityClass) int {
	switch c {
	case store.ClassOrdinary:
		return 1
	case store.ClassRestricted:
		return 2
	case store.ClassSecret:
		return 3
	case store.ClassTopSecret:
		return 4
	}
	return 0
}

// cleanValue trims a field's value of what surrounds it on paper: spaces,
// a closing semicolon or full stop, OCR's stray marks.
func cleanValue(v string) string {
	v = SanitizeLine(v)
	v = strings.TrimLeft(v, junk+"|$")
	// A stray mark left before a colon: "5 : Undangan ...".
	if len(v) > 3 && v[1] == ' ' && v[2] == ':' {
		v = strings.TrimLeft(v[3:], junk)
	}
	v = strings.TrimRight(v, " ;:,|_—")
	v = strings.TrimSuffix(v, ".")
	return strings.TrimSpace(v)
}

var (
	reCount   = lazyRegexp(`(?i)^[Il|]\s*\(`)
	reNumWord = lazyRegexp(`(?i)^\((satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\)`)
	reUnit    = lazyRegexp(`(?i)\b(berkas|lembar|eksemplar|buku|bundel|set|map|keping|halaman)\b`)
)

var numberWords = map[string]string{"satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
	"enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9", "sepuluh": "10"}

var reNumberSpace = lazyRegexp(`\s*([./-])\s*`)

// numberValue is a letter number as written, without the spaces OCR puts
// beside its dots and strokes ("HM. 100/12").
func numberValue(v string) string {
	return reNumberSpace().ReplaceAllString(cleanValue(v), "$1")
}

// lampiranValue is a Lampiran line's value as the agenda book writes it:
// "-" or "1 (satu) berkas". It mends what OCR makes of both: a dash read
// as letters ("Ae", "2 -"), a "1" read as "I", a count lost before its
// word.
func lampiranValue(v string) string {
	v = cleanValue(v)
	v = reCount().ReplaceAllString(v, "1 (")
	if m := reNumWord().FindStringSubmatch(v); m != nil {
		v = numberWords[strings.ToLower(m[1])] + " " + v
	}
	hasDigit := strings.ContainsAny(v, "0123456789")
	if v == "" || (!reUnit().MatchString(v) && (!hasDigit || strings.HasSuffix(v, "-"))) {
		return "-"
	}
	return v
}

// subjectGoesOn reports whether a line continues the subject: indented,
// not a field, not the start of the address block or of the body.
func subjectGoesOn(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || !strings.HasPrefix(line, " ") {
		return false
	}
	if f, _ := labelOf(t); f != "" {
		return false
	}
	return !reAddrEnd().MatchString(t) && !reItem().MatchString(t) && !strings.HasPrefix(t, "Yth")
}
