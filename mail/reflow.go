package mail

import (
	"strings"
	"unicode/utf8"
)

// Reflow joins the lines of paragraphs that a mail program wrapped by
// hand (at about 72 columns, or with format=flowed's trailing space), so
// that a narrower or wider screen wraps them again as paragraphs rather
// than leaving a word alone on every other line. Blank lines, list items,
// "Label : value" lines, indented lines and short lines keep their breaks:
// an official letter's heading and its lists mean them.
func Reflow(text string) string {
	lines := strings.Split(text, "\n")
	width := wrapWidth(lines)
	var b strings.Builder
	for i, line := range lines {
		b.WriteString(line)
		if i == len(lines)-1 {
			break
		}
		if joins(line, lines[i+1], width) {
			if !strings.HasSuffix(line, " ") {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// wrapWidth guesses the column a text was wrapped at: the longest line
// when most long lines end near it, else 0 (not wrapped by hand).
func wrapWidth(lines []string) int {
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	if longest < 40 || longest > 100 {
		return 0
	}
	near, long := 0, 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		if n >= longest/2 {
			long++
			if n >= longest-15 {
				near++
			}
		}
	}
	if long < 3 || near*10 < long*6 {
		return 0
	}
	return longest
}

// joins reports whether line was broken only by wrapping, so that next
// carries on its sentence.
func joins(line, next string, width int) bool {
	if strings.HasSuffix(line, " ") && strings.TrimSpace(line) != "" && strings.TrimSpace(next) != "" {
		return true // format=flowed: a soft break
	}
	if width == 0 || strings.TrimSpace(next) == "" || strings.TrimSpace(line) == "" {
		return false
	}
	if utf8.RuneCountInString(line) < width-20 || startsBlock(next) || startsBlock(line) {
		return false
	}
	// A sentence that ends the line, then a short one: a closing such as
	// "Hormat kami," rather than the rest of the paragraph.
	if strings.ContainsAny(line[len(line)-1:], ".!?:") && utf8.RuneCountInString(next) < width/2 {
		return false
	}
	return true
}

// startsBlock reports whether a line stands on its own: indented, a list
// item, a "Label : value" field, or a quoted line.
func startsBlock(line string) bool {
	if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '>' {
		return true
	}
	if reField().MatchString(line) {
		return true
	}
	f := strings.Fields(line)
	if len(f) == 0 {
		return true
	}
	first := strings.TrimRight(f[0], ".)")
	if first != f[0] && (len(first) <= 2) {
		return true // 1. 2) a. b)
	}
	return f[0] == "-" || f[0] == "*" || f[0] == "•"
}
