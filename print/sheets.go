package print

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCellChars is the most characters a spreadsheet cell holds.
const maxCellChars = 32767

// writeXLSX writes sheets as one workbook: each header row bold and frozen,
// dates as dates, numbers as numbers. A sheet streams its rows, so ten
// thousand of them cost little memory.
func writeXLSX(w io.Writer, s *settings, title string, sheets []sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	props := &excelize.DocProperties{Title: plain(title), Creator: "sanapati-desk", Language: "id-ID"}
	if s.lab.lang == "en" {
		props.Language = "en-US"
	}
	if s.Deterministic {
		props.Created = fixedDate.Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("xlsx properties: %w", err)
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		name := sheetName(sh.name)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", name, err)
		}
		if err := st.stream(f, s, name, sh); err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", name, err)
		}
	}
	// The first sheet is already the active one; SetActiveSheet would read
	// the streamed sheets back into memory.
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

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

// xlsxStyles are the workbook's cell styles.
type xlsxStyles struct {
	header, text, day, moment, decimal, percent int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	var st xlsxStyles
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dayFmt, momentFmt, percentFmt := "dd-mm-yyyy", "dd-mm-yyyy hh:mm", "0.0%"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDDDDD"}},
			Border:    border,
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true},
		}},
		{&st.text, excelize.Style{Alignment: top}},
		{&st.day, excelize.Style{CustomNumFmt: &dayFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.moment, excelize.Style{CustomNumFmt: &momentFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.decimal, excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.percent, excelize.Style{CustomNumFmt: &percentFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("xlsx style: %w", err)
		}
		*s.id = id
	}
	return &st, nil
}

// stream writes one sheet's header and rows.
func (st *xlsxStyles) stream(f *excelize.File, s *settings, name string, sh sheet) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range sh.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	head := make([]any, len(sh.header))
	for i, h := range sh.header {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	cells := make([]any, len(sh.header))
	for r, row := range sh.rows {
		for i, v := range row {
			cells[i] = st.cell(s, v)
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells[:len(row)]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (st *xlsxStyles) cell(s *settings, v any) excelize.Cell {
	switch v := v.(type) {
	case day:
		return excelize.Cell{StyleID: st.day, Value: s.wall(time.Time(v))}
	case moment:
		return excelize.Cell{StyleID: st.moment, Value: s.wall(time.Time(v))}
	case percent:
		return excelize.Cell{StyleID: st.percent, Value: float64(v)}
	case float64:
		return excelize.Cell{StyleID: st.decimal, Value: v}
	case string:
		v = plain(v)
		if utf8.RuneCountInString(v) > maxCellChars {
			v = string([]rune(v)[:maxCellChars])
		}
		return excelize.Cell{StyleID: st.text, Value: v}
	}
	return excelize.Cell{StyleID: st.text, Value: v}
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
