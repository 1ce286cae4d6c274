package mail

import (
	"strings"
	"time"
	"unicode"
)

// The parts of a letter around its fields: the addressee block, the
// letterhead, the signature and the dated line.

// addressBlock reads the addressees that start at all[i], whose label's
// value is first: one addressee (which may run over lines) or a numbered
// list. It returns them and the index of the block's last line.
func addressBlock(all []string, i int, first string) ([]string, int) {
	var out []string
	cur := ""
	flush := func() {
		if c := cleanAddressee(cur); c != "" {
			out = append(out, c)
		}
		cur = ""
	}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "Yth") {
			s = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(s, "Yth"), ".:; "))
		}
		if s == "" {
			return
		}
		if m := reItem().FindStringSubmatch(s); m != nil {
			flush()
			s = m[1]
		}
		if cur != "" {
			cur += " "
		}
		cur += s
	}
	add(first)
	blank := 0
	for i+1 < len(all) {
		t := strings.TrimSpace(all[i+1])
		if t == "" {
			// One blank line may fall inside a list that OCR spaced out;
			// not before a first addressee is there.
			if cur == "" && len(out) == 0 && blank == 0 {
				blank++
				i++
				continue
			}
			break
		}
		if reAddrEnd().MatchString(t) {
			i++
			break
		}
		if f, _ := labelOf(t); f != "" && f != "to" {
			break
		}
		if reStampLine().MatchString(t) {
			break
		}
		// A finished addressee (closed by ";") is followed only by the next
		// item of the list.
		if c := strings.TrimSpace(cur); c != "" && strings.ContainsAny(c[len(c)-1:], ";:,") && reItem().FindStringSubmatch(t) == nil {
			break
		}
		i++
		add(t)
	}
	flush()
	return out, i
}

var reParen = lazyRegexp(`\s*\([^)]*\)`)

// cleanAddressee trims an addressee as written of its list punctuation,
// "(sebagai laporan)" and the like.
func cleanAddressee(s string) string {
	s = reParen().ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	for _, suffix := range []string{"dan", "serta"} {
		s = strings.TrimSuffix(s, " "+suffix)
	}
	return cleanValue(strings.TrimRight(s, ";:,. "))
}

// letterhead reads the institution from the capital lines at the top of
// the first page: "PEMERINTAH PROVINSI JAWA TENGAH / DINAS KESEHATAN"
// becomes "Dinas Kesehatan Provinsi Jawa Tengah", "KEMENTERIAN DALAM
// NEGERI / REPUBLIK INDONESIA" becomes "Kementerian Dalam Negeri".
func letterhead(left []string) string {
	var head []string
	for _, l := range left {
		t := strings.Trim(l, junk+"|")
		if t == "" {
			if len(head) > 0 {
				break
			}
			continue
		}
		if reStampLine().MatchString(t) {
			continue
		}
		if !isCaps(t) || strings.HasPrefix(t, "SURAT EDARAN") || strings.HasPrefix(t, "NOTA DINAS") || strings.HasPrefix(t, "NOMOR") {
			break
		}
		head = append(head, t)
		if len(head) == 4 {
			break
		}
	}
	if len(head) == 0 {
		return ""
	}
	if strings.HasPrefix(head[0], "PEMERINTAH ") && len(head) > 1 {
		return titleCase(strings.Join(head[1:], " ") + " " + strings.TrimPrefix(head[0], "PEMERINTAH "))
	}
	if len(head) > 1 && head[len(head)-1] == "REPUBLIK INDONESIA" {
		head = head[:len(head)-1]
	}
	return titleCase(strings.Join(head, " "))
}

// isCaps reports whether a line is written in capitals (letters mostly
// upper case).
func isCaps(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 3 && upper*10 >= letters*9
}

// titleCase writes an institution's name in capitals the way the books
// write it: "DINAS KOMUNIKASI DAN INFORMATIKA" as "Dinas Komunikasi dan
// Informatika".
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		switch lw := strings.ToLower(w); {
		case acronyms[strings.Trim(w, ",.")]:
		case i > 0 && smallWords[lw]:
			words[i] = lw
		default:
			r := []rune(lw)
			if len(r) > 0 {
				r[0] = unicode.ToUpper(r[0])
			}
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// datedLine finds the "Semarang, 20 November 2026" line of a heading.
func datedLine(lines []string, loc *time.Location) (time.Time, bool) {
	for i, l := range lines {
		if i > 60 {
			break
		}
		if m := reDatedLine().FindStringSubmatch(l); m != nil {
			if d, ok := parseLetterDate(m[1], loc); ok {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// signature finds the signer's position: the capital lines that end with a
// comma after the body (with the lines of capitals just above them), as
// "KEPALA DINAS KESEHATAN / PROVINSI JAWA TENGAH,"; the a.n. line is left
// out.
func signature(all []string) []string {
	for i := len(all) - 1; i >= 0; i-- {
		t := strings.TrimSpace(all[i])
		if !strings.HasSuffix(t, ",") || !isCaps(t) {
			continue
		}
		lines := []string{strings.TrimSuffix(t, ",")}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			u := strings.TrimSpace(all[j])
			if u == "" || !isCaps(u) || reOnBehalf().MatchString(u) || strings.HasSuffix(u, ",") {
				break
			}
			lines = append([]string{u}, lines...)
		}
		return lines
	}
	return nil
}

// originInSignature reports whether the signature block names the
// institution of the letterhead (its words, but for the region).
func originInSignature(origin string, sig []string) bool {
	s := sameName(strings.Join(sig, " "))
	words := strings.Fields(sameName(origin))
	if len(words) == 0 {
		return false
	}
	hit := 0
	for _, w := range words {
		if strings.Contains(s, w) {
			hit++
		}
	}
	return hit*2 >= len(words)
}

// smallWords stay lower case inside a name; acronyms stay upper case.
var (
	smallWords = map[string]bool{"dan": true, "di": true, "ke": true, "dari": true, "untuk": true, "se": true, "serta": true, "atas": true}
	acronyms   = map[string]bool{"DPRD": true, "RSUD": true, "BPBD": true, "PUPR": true, "UKM": true, "PTSP": true, "RI": true, "BSSN": true, "BPS": true, "OPD": true}
)
