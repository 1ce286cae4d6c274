package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// truncate cuts s to at most w cells, ending with an ellipsis when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// fit makes s exactly w cells wide and h lines high: long lines are cut,
// short ones padded, missing lines added and extra ones dropped. Every
// screen's body goes through it, so that the frame never shifts.
func fit(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lw := lipgloss.Width(l)
		switch {
		case lw > w:
			lines[i] = ansi.Truncate(l, w, "")
		case lw < w:
			lines[i] = l + strings.Repeat(" ", w-lw)
		}
	}
	return strings.Join(lines, "\n")
}

// sideBySide joins a left and a right block of h lines, the left one wl
// cells wide.
func sideBySide(left, right string, wl, wr, h int) string {
	return lipgloss.JoinHorizontal(lipgloss.Top, fit(left, wl, h), fit(right, wr, h))
}

// wrapLines wraps text to w cells and returns its lines, tabs expanded.
func wrapLines(text string, w int) []string {
	text = strings.ReplaceAll(text, "\t", "    ")
	if w <= 0 {
		return strings.Split(text, "\n")
	}
	return strings.Split(lipgloss.Wrap(text, w, " -"), "\n")
}

// columnWidths gives each column its width in w cells: fixed ones as
// asked, the others a share of the rest.
func columnWidths(cols []column, w int) []int {
	widths := make([]int, len(cols))
	fixed, flex := 0, 0
	for i, c := range cols {
		widths[i] = c.width
		fixed += c.width + 1
		if c.width == 0 {
			flex++
		}
	}
	if flex > 0 {
		share := max((w-fixed)/flex, 4)
		for i := range widths {
			if widths[i] == 0 {
				widths[i] = share
			}
		}
	}
	return widths
}

// joinCells pads or cuts each cell to its width, one space apart.
func joinCells(cells []string, widths []int) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cell(c, widths[i]))
	}
	return b.String()
}

// cell fits s into exactly w cells.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		return truncate(s, w)
	}
	return s + strings.Repeat(" ", w-lipgloss.Width(s))
}
