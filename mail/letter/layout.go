package letter

import (
	"sort"
	"strconv"
	"strings"
)

// word is one word Tesseract found, with its box in pixels.
type word struct {
	left, top, width, height int
	text                     string
}

// ocrLine is the words of one line as Tesseract grouped them.
type ocrLine struct {
	top, bottom int
	words       []word
}

// layoutFromTSV lays out Tesseract's TSV output as pdftotext -layout lays
// out a text layer: one line of text per line of the page, each word at a
// column proportional to its distance from the page's left edge, so a
// right-hand column (the date, "Kepada Yth.", the signature) stays apart
// from the left one and the field reader treats both kinds of text alike.
// Lines Tesseract put in different blocks side by side are joined into one.
func layoutFromTSV(tsv string) string {
	lines := map[string]*ocrLine{}
	var order []string
	pageWidth := 0
	for _, row := range strings.Split(tsv, "\n") {
		f := strings.Split(row, "\t")
		if len(f) < 12 || f[0] == "level" {
			continue
		}
		level, _ := strconv.Atoi(f[0])
		num := func(i int) int { n, _ := strconv.Atoi(f[i]); return n }
		if level == 1 {
			pageWidth = num(8)
			continue
		}
		text := strings.TrimSpace(f[11])
		if level != 5 || text == "" {
			continue
		}
		key := f[2] + "/" + f[3] + "/" + f[4]
		l := lines[key]
		if l == nil {
			l = &ocrLine{top: num(7), bottom: num(7) + num(9)}
			lines[key] = l
			order = append(order, key)
		}
		w := word{left: num(6), top: num(7), width: num(8), height: num(9), text: text}
		l.top, l.bottom = min(l.top, w.top), max(l.bottom, w.top+w.height)
		l.words = append(l.words, w)
	}
	if len(order) == 0 {
		return ""
	}
	all := make([]*ocrLine, 0, len(order))
	for _, k := range order {
		all = append(all, lines[k])
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].top < all[j].top })
	// Join lines that share most of their height (two columns, one row).
	var rows []*ocrLine
	for _, l := range all {
		if n := len(rows); n > 0 {
			r := rows[n-1]
			overlap := min(r.bottom, l.bottom) - max(r.top, l.top)
			if overlap*2 > min(r.bottom-r.top, l.bottom-l.top) {
				r.words = append(r.words, l.words...)
				r.top, r.bottom = min(r.top, l.top), max(r.bottom, l.bottom)
				continue
			}
		}
		rows = append(rows, l)
	}
	left := pageWidth
	for _, r := range rows {
		for _, w := range r.words {
			left = min(left, w.left)
		}
	}
	// A column is as wide as pdftotext's for 12-point type on A4: the page
	// is about 115 columns wide.
	col := float64(pageWidth) / 115
	if col <= 0 {
		col = 14
	}
	var b strings.Builder
	prevBottom := -1
	for _, r := range rows {
		sort.Slice(r.words, func(i, j int) bool { return r.words[i].left < r.words[j].left })
		if prevBottom >= 0 && r.top-prevBottom > (r.bottom-r.top) {
			b.WriteByte('\n') // a gap of more than a line: a blank line
		}
		prevBottom = r.bottom
		var line []byte
		prevRight := 0
		for _, w := range r.words {
			at := int(float64(w.left-left) / col)
			if len(line) > 0 {
				// Words closer than two columns are one phrase: one space
				// (capitals are wider than the mean column).
				if float64(w.left-prevRight) < 2*col {
					at = len(line) + 1
				}
				at = max(at, len(line)+1)
			}
			prevRight = w.left + w.width
			for len(line) < at {
				line = append(line, ' ')
			}
			line = append(line, w.text...)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}
