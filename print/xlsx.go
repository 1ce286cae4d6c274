package print

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The workbook is written as Office Open XML (ECMA-376) by hand: the
// desk needs one fixed set of styles, frozen header rows, and cells of six
// kinds, and a spreadsheet library linked in for that cost every run of
// the program, fetch included, about 7 ms of start-up.

// Cell styles, by their index in styles.xml's cellXfs.
const (
	xfDefault = iota
	xfHeader
	xfText
	xfDay
	xfMoment
	xfDecimal
	xfPercent
)

const xlsxStyles = xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="3"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/><numFmt numFmtId="165" formatCode="dd-mm-yyyy hh:mm"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right>` +
	`<top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="7">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>` +
	`<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>` +
	`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

const xlsxRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

// writeXLSX writes sheets as one workbook: each header row bold and frozen,
// dates as dates, numbers as numbers, text inline.
func writeXLSX(w io.Writer, s *settings, title string, sheets []sheet) error {
	z := zip.NewWriter(w)
	lang, created := "id-ID", time.Now().UTC()
	if s.lab == &labelsEN {
		lang = "en-US"
	}
	if s.Deterministic {
		created = fixedDate
	}
	names := make([]string, len(sheets))
	for i, sh := range sheets {
		names[i] = sheetName(sh.name)
	}
	parts := []struct {
		name string
		body func(*bufio.Writer)
	}{
		{"[Content_Types].xml", func(b *bufio.Writer) { xlsxContentTypes(b, len(sheets)) }},
		{"_rels/.rels", func(b *bufio.Writer) { b.WriteString(xlsxRels) }},
		{"docProps/core.xml", func(b *bufio.Writer) { xlsxCore(b, plain(title), lang, created) }},
		{"xl/workbook.xml", func(b *bufio.Writer) { xlsxWorkbook(b, names) }},
		{"xl/_rels/workbook.xml.rels", func(b *bufio.Writer) { xlsxWorkbookRels(b, len(sheets)) }},
		{"xl/styles.xml", func(b *bufio.Writer) { b.WriteString(xlsxStyles) }},
	}
	for i := range sheets {
		sh := &sheets[i]
		parts = append(parts, struct {
			name string
			body func(*bufio.Writer)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(b *bufio.Writer) { xlsxSheet(b, s, sh) }})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
		b := bufio.NewWriter(f)
		p.body(b)
		if err := b.Flush(); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func xlsxContentTypes(b *bufio.Writer, n int) {
	b.WriteString(xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	b.WriteString(`</Types>`)
}

func xlsxCore(b *bufio.Writer, title, lang string, created time.Time) {
	at := created.Format("2006-01-02T15:04:05Z")
	b.WriteString(xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	xmlText(b, title)
	b.WriteString(`</dc:title><dc:creator>sanapati-desk</dc:creator><dc:language>` + lang + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified></cp:coreProperties>`)
}

func xlsxWorkbook(b *bufio.Writer, names []string) {
	b.WriteString(xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, n := range names {
		b.WriteString(`<sheet name="`)
		xmlText(b, n)
		fmt.Fprintf(b, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
}

func xlsxWorkbookRels(b *bufio.Writer, n int) {
	b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	b.WriteString(`</Relationships>`)
}

// xlsxSheet writes one worksheet: the column widths, the header row frozen
// above the rest, then the rows.
func xlsxSheet(b *bufio.Writer, s *settings, sh *sheet) {
	b.WriteString(xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(sh.widths) > 0 {
		b.WriteString(`<cols>`)
		for i, w := range sh.widths {
			fmt.Fprintf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(w, 'f', -1, 64))
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData><row r="1" ht="30" customHeight="1">`)
	for i, h := range sh.header {
		xlsxCell(b, i, 1, xfHeader, h)
	}
	b.WriteString(`</row>`)
	for r, row := range sh.rows {
		fmt.Fprintf(b, `<row r="%d">`, r+2)
		for i, v := range row {
			style, val := s.xlsxValue(v)
			xlsxCell(b, i, r+2, style, val)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
}

// xlsxValue is the style and stored value of one cell: a string is text,
// a float64 a number.
func (s *settings) xlsxValue(v any) (int, any) {
	switch v := v.(type) {
	case day:
		return xfDay, excelSerial(s.wall(time.Time(v)))
	case moment:
		return xfMoment, excelSerial(s.wall(time.Time(v)))
	case percent:
		return xfPercent, float64(v)
	case float64:
		return xfDecimal, v
	case int:
		return xfText, float64(v)
	case string:
		return xfText, v
	}
	return xfText, fmt.Sprint(v)
}

// xlsxCell writes one cell at column col (from 0) of row; an empty string
// leaves the cell with its style and no value.
func xlsxCell(b *bufio.Writer, col, row, style int, v any) {
	b.WriteString(`<c r="`)
	b.WriteString(columnName(col))
	b.WriteString(strconv.Itoa(row))
	b.WriteString(`" s="`)
	b.WriteString(strconv.Itoa(style))
	switch v := v.(type) {
	case float64:
		b.WriteString(`"><v>`)
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		b.WriteString(`</v></c>`)
	case string:
		v = plain(v)
		if v == "" {
			b.WriteString(`"/>`)
			return
		}
		if utf8.RuneCountInString(v) > maxCellChars {
			v = string([]rune(v)[:maxCellChars])
		}
		b.WriteString(`" t="inlineStr"><is><t xml:space="preserve">`)
		xmlText(b, v)
		b.WriteString(`</t></is></c>`)
	}
}

// columnName is the letters of column i (from 0): A, ..., Z, AA, ...
func columnName(i int) string {
	var name []byte
	for i++; i > 0; i = (i - 1) / 26 {
		name = append([]byte{byte('A' + (i-1)%26)}, name...)
	}
	return string(name)
}

// excelEpoch is day 0 of a spreadsheet's date numbers (the 1900 date
// system, whose day 60 is the 29 February 1900 that never was).
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is t's wall clock as a spreadsheet date number: days since
// excelEpoch, the time of day as the fraction.
func excelSerial(t time.Time) float64 {
	d := t.Sub(excelEpoch)
	days := d / (24 * time.Hour)
	return float64(days) + float64(d%(24*time.Hour))/float64(24*time.Hour)
}

// xmlText escapes s for XML text and attributes, dropping the characters
// XML 1.0 cannot hold at all.
func xmlText(b *bufio.Writer, s string) {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return -1
	}, s)
	xml.EscapeText(b, []byte(s))
}
