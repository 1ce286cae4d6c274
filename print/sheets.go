package print

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxCellChars is the most characters a spreadsheet cell holds.
const maxCellChars = 32767

// sheetName fits a name to a sheet tab: at most 31 characters, none of
// the few a tab forbids.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/?*[]:`, r) {
			return '-'
		}
		return r
	}, plain(name))
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	return name
}

// bom starts a CSV file so that spreadsheet programs read it as UTF-8.
const bom = "\uFEFF"

// writeCSV writes sheets as CSV after a byte order mark. A single sheet is
// the header and its rows; several are written one after another, each
// under a line with its name and followed by an empty line.
func writeCSV(w io.Writer, s *settings, sheets []sheet) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = s.CSVSeparator
	cw.UseCRLF = true
	for i, sh := range sheets {
		if len(sheets) > 1 {
			if i > 0 {
				cw.Write(nil)
			}
			cw.Write([]string{csvText(sh.name)})
		}
		cw.Write(sh.header)
		rec := make([]string, len(sh.header))
		for _, row := range sh.rows {
			for j, v := range row {
				rec[j] = s.csvField(v)
			}
			cw.Write(rec[:len(row)])
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func (s *settings) csvField(v any) string {
	decimal := func(f float64, places int) string {
		out := strconv.FormatFloat(f, 'f', places, 64)
		if s.CSVSeparator == ';' {
			out = strings.Replace(out, ".", ",", 1)
		}
		return out
	}
	switch v := v.(type) {
	case day:
		return s.wall(time.Time(v)).Format("2006-01-02")
	case moment:
		return s.wall(time.Time(v)).Format("2006-01-02 15:04")
	case percent:
		return decimal(float64(v)*100, 1) + "%"
	case float64:
		return decimal(v, 2)
	case int:
		return strconv.Itoa(v)
	case string:
		return csvText(v)
	}
	return csvText(fmt.Sprint(v))
}

// csvText cleans a text field and keeps a spreadsheet from reading it as a
// formula: a message's subject is not to be trusted with "=HYPERLINK(".
func csvText(v string) string {
	v = plain(v)
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}
