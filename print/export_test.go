package print

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sanapati-desk/store"
)

// openXLSX opens an exported workbook and closes it with the test.
func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize.OpenFile(%s) = %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkCell checks a cell's shown value, that its stored value is a
// number or not, and its number format when format is set.
func checkCell(t *testing.T, f *excelize.File, sheet, cell, shown string, number bool, format string) {
	t.Helper()
	got, err := f.GetCellValue(sheet, cell)
	if err != nil || got != shown {
		t.Fatalf("%s!%s shows %q (%v), want %q", sheet, cell, got, err, shown)
	}
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	typ, _ := f.GetCellType(sheet, cell)
	isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
	if _, err := strconv.ParseFloat(raw, 64); number && (err != nil || isText) {
		t.Fatalf("%s!%s holds %q (type %d), want a number", sheet, cell, raw, typ)
	}
	if !number && !isText {
		t.Fatalf("%s!%s holds %q as type %d, want text", sheet, cell, raw, typ)
	}
	if format != "" {
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != format {
			t.Fatalf("%s!%s has style %+v (%v), want number format %q", sheet, cell, st, err, format)
		}
	}
}

// checkFrozen checks that the header row stays in view.
func checkFrozen(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	p, err := f.GetPanes(sheet)
	if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Fatalf("GetPanes(%s) = %+v, %v; want the first row frozen", sheet, p, err)
	}
}

func TestExportAgendaXLSX(t *testing.T) {
	letters := bookLetters(25)
	letters[3].Summary = "=HYPERLINK(\"http://evil\") Rapat “penting” – Café"
	letters[4].Agenda = store.AgendaNumber{} // not registered: no number
	letters[6].Stage, letters[6].SetAsideReason = store.StageSetAside, "Bukan naskah dinas"
	letters[7].DuplicateOf = letters[2].Agenda
	path := filepath.Join(t.TempDir(), "agenda.xlsx")
	if err := ExportAgenda(path, letters, "Tahun 2026", testOptions()); err != nil {
		t.Fatalf("ExportAgenda() = %v", err)
	}
	f := openXLSX(t, path)
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Agenda" {
		t.Fatalf("sheets = %v, want [Agenda]", got)
	}
	rows, err := f.GetRows("Agenda")
	if err != nil || len(rows) != 26 {
		t.Fatalf("GetRows() = %d rows, %v; want a header and 25 rows", len(rows), err)
	}
	if want := []string{"No", "No. Agenda", "Diterima", "Asal surat", "No. surat", "Tgl. surat",
		"Perihal / isi ringkas", "Sifat", "Kode klasifikasi", "Lampiran", "Diteruskan kepada", "Keterangan"}; strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Fatalf("header = %q, want %q", rows[0], want)
	}
	checkFrozen(t, f, "Agenda")
	checkCell(t, f, "Agenda", "A2", "1", true, "")
	checkCell(t, f, "Agenda", "B2", "0001/2026", false, "")
	checkCell(t, f, "Agenda", "C2", "02-01-2026 08:00", true, "dd-mm-yyyy hh:mm")
	checkCell(t, f, "Agenda", "E2", letters[0].LetterNumber, false, "")
	checkCell(t, f, "Agenda", "F2", "20-11-2026", true, "dd-mm-yyyy")
	checkCell(t, f, "Agenda", "G5", letters[3].Summary, false, "")
	checkCell(t, f, "Agenda", "H2", "Biasa", false, "")
	checkCell(t, f, "Agenda", "I2", "000.1.2", false, "")
	checkCell(t, f, "Agenda", "K2", "Walikota; Sekretaris Daerah; Kepala Dinas Kesehatan; Camat Pekalongan Utara", false, "")
	checkCell(t, f, "Agenda", "L8", "disisihkan: Bukan naskah dinas; Mohon segera – dibahas Senin", false, "")
	checkCell(t, f, "Agenda", "L9", "duplikat dari 0003/2026; Mohon segera – dibahas Senin", false, "")
	checkCell(t, f, "Agenda", "A7", "6", true, "")
	for _, cell := range []string{"A6", "B6"} {
		if v, _ := f.GetCellValue("Agenda", cell); v != "" {
			t.Fatalf("Agenda!%s = %q for a letter not registered, want it empty", cell, v)
		}
	}
	// 7 hours a row from 2 January 08.00: row 4 is 3 January 05.00.
	checkCell(t, f, "Agenda", "C5", "03-01-2026 05:00", true, "dd-mm-yyyy hh:mm")
	if props, err := f.GetDocProps(); err != nil || props.Title != "BUKU AGENDA NASKAH BERITA MASUK TAHUN 2026" {
		t.Fatalf("GetDocProps() = %+v, %v; want the title", props, err)
	}
}

func TestExportAgendaCSV(t *testing.T) {
	letters := bookLetters(3)
	letters[1].Summary = "=HYPERLINK(\"http://evil\") Rapat “penting” – Café"
	letters[2].Remarks = "baris\r\nkedua; dengan titik koma, dan koma"
	tests := []struct {
		name string
		sep  rune
	}{{"comma", 0}, {"semicolon", ';'}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.CSVSeparator = tt.sep
			path := filepath.Join(t.TempDir(), "agenda.CSV")
			if err := ExportAgenda(path, letters, "Tahun 2026", opts); err != nil {
				t.Fatalf("ExportAgenda() = %v", err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
				t.Fatalf("CSV starts with % x, want the UTF-8 byte order mark", b[:min(len(b), 3)])
			}
			r := csv.NewReader(bytes.NewReader(b[3:]))
			r.Comma = ','
			if tt.sep != 0 {
				r.Comma = tt.sep
			}
			recs, err := r.ReadAll()
			if err != nil || len(recs) != 4 {
				t.Fatalf("csv.ReadAll() = %d records, %v; want a header and 3 rows", len(recs), err)
			}
			want := [][]string{
				{"No", "No. Agenda", "Diterima", "Asal surat", "No. surat", "Tgl. surat", "Perihal / isi ringkas", "Sifat", "Kode klasifikasi", "Lampiran", "Diteruskan kepada", "Keterangan"},
				{"1", "0001/2026", "2026-01-02 08:00", testOrigin, letters[0].LetterNumber, "2026-11-20", letters[0].Summary, "Biasa", "000.1.2", "1 berkas",
					"Walikota; Sekretaris Daerah; Kepala Dinas Kesehatan; Camat Pekalongan Utara", "Mohon segera – dibahas Senin"},
			}
			for i, w := range want {
				if strings.Join(recs[i], "|") != strings.Join(w, "|") {
					t.Fatalf("record %d = %q, want %q", i, recs[i], w)
				}
			}
			if got := recs[2][6]; got != "'"+letters[1].Summary {
				t.Fatalf("formula-like subject = %q, want it quoted as text", got)
			}
			if got := recs[3][11]; got != "baris\nkedua; dengan titik koma, dan koma" {
				t.Fatalf("remarks = %q, want the two lines kept", got)
			}
		})
	}
}

func TestExportReport(t *testing.T) {
	month := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	letters := append(monthLetters(), stepLetters()...)

	path := filepath.Join(dir, "laporan.xlsx")
	if err := ExportReport(path, letters, month, fixedOptions(t)); err != nil {
		t.Fatalf("ExportReport(xlsx) = %v", err)
	}
	f := openXLSX(t, path)
	if got, want := strings.Join(f.GetSheetList(), ","), "Ringkasan,Terlambat,Per langkah,Per tujuan,Per saluran,Harian"; got != want {
		t.Fatalf("sheets = %s, want %s", got, want)
	}
	for _, sh := range f.GetSheetList() {
		checkFrozen(t, f, sh)
	}
	checkCell(t, f, "Ringkasan", "A2", "Naskah berita diterima", false, "")
	checkCell(t, f, "Ringkasan", "B2", "13", true, "")
	checkCell(t, f, "Ringkasan", "A5", "Batas waktu perkiraan (dihitung terpisah)", false, "")
	checkCell(t, f, "Ringkasan", "B8", "8", true, "") // 3 on time, 5 late
	// A number format's point is the decimal mark: the spreadsheet shows
	// the locale's, so the cell stays a number.
	checkCell(t, f, "Ringkasan", "B9", "37.5%", true, "0.0%")
	checkCell(t, f, "Terlambat", "B2", "", false, "")
	checkCell(t, f, "Terlambat", "B5", "0011/2026", false, "")
	checkCell(t, f, "Terlambat", "D5", "25-11-2026 10:00", true, "dd-mm-yyyy hh:mm")
	checkCell(t, f, "Terlambat", "G5", "1.00", true, "")
	checkCell(t, f, "Per langkah", "A2", "Pencatatan di buku agenda", false, "")
	checkCell(t, f, "Per langkah", "B2", "5", true, "")
	checkCell(t, f, "Per langkah", "C2", "0.50", true, "")
	checkCell(t, f, "Per langkah", "D2", "3.00", true, "")
	// The copies took 2, 3, 3.5, 7.5, 8.27 and 11 hours: 90 % of 6 is 5.4, rank 6.
	checkCell(t, f, "Per langkah", "C6", "5.50", true, "")
	checkCell(t, f, "Per langkah", "D6", "11.00", true, "")
	checkCell(t, f, "Per tujuan", "A4", "Walikota", false, "")
	checkCell(t, f, "Per tujuan", "B4", "3", true, "")
	checkCell(t, f, "Per tujuan", "F4", "50.0%", true, "0.0%")
	checkCell(t, f, "Per saluran", "A2", "ajudan", false, "")
	checkCell(t, f, "Per saluran", "C2", "0.63", true, "")
	checkCell(t, f, "Per saluran", "E2", "3.00", true, "")
	checkCell(t, f, "Harian", "A2", "01-11-2026", true, "dd-mm-yyyy")
	checkCell(t, f, "Harian", "B28", "2", true, "")

	tests := []struct {
		name string
		lang string
		sep  rune
		want []string
	}{
		{"Indonesian, comma", "", 0, []string{bom + "Ringkasan\r\n", "Naskah berita diterima,13\r\n",
			"Persentase tepat waktu,\"37,5%\"\r\n", "Dasar persentase (selesai + terlambat),8\r\n",
			"\r\n\r\nTerlambat\r\n", "5,0012/2026,Terlambat selesai,2026-11-27 15:00,2026-11-30 15:00,2026-12-01 09:00,\"0,29\",Caraka sakit\r\n",
			"Pencatatan di buku agenda,5,\"0,50\",\"3,00\"\r\n", "Pengarsipan,1,\"3,50\",\"3,50\"\r\n",
			"Walikota,3,\"5,33\",\"3,00\",2,\"50,0%\"\r\n", "Camat Pekalongan Utara,1,\"7,50\",\"7,50\",1,\"50,0%\"\r\n",
			"ajudan,3,\"0,63\",\"5,33\",\"3,00\"\r\n", "2026-11-27,2\r\n"}},
		{"Indonesian, semicolon", "", ';', []string{"Persentase tepat waktu;37,5%\r\n",
			"Pencatatan di buku agenda;5;0,50;3,00\r\n", "Walikota;3;5,33;3,00;2;50,0%\r\n", "ajudan;3;0,63;5,33;3,00\r\n"}},
		{"English, comma", "en", 0, []string{bom + "Summary\r\n", "Share on time,37.5%\r\n",
			"Registered in the agenda book,5,0.50,3.00\r\n", "Walikota,3,5.33,3.00,2,50.0%\r\n", "aide,3,0.63,5.33,3.00\r\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "laporan.csv")
			opts := fixedOptions(t)
			opts.Lang, opts.CSVSeparator = tt.lang, tt.sep
			if err := ExportReport(path, letters, month, opts); err != nil {
				t.Fatalf("ExportReport(csv) = %v", err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Fatalf("report CSV lacks %q:\n%s", w, text)
				}
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, bom)))
			r.Comma, r.FieldsPerRecord = cmp.Or(tt.sep, ','), -1
			if _, err := r.ReadAll(); err != nil {
				t.Fatalf("report CSV does not read back: %v", err)
			}
		})
	}

	path = filepath.Join(dir, "laporan.pdf")
	if err := ExportReport(path, monthLetters(), month, testOptions()); err != nil {
		t.Fatalf("ExportReport(pdf) = %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("ExportReport(pdf) wrote no PDF")
	}
}

func TestExportRejectsUnknownFormat(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"agenda.ods", "agenda"} {
		if err := ExportAgenda(filepath.Join(dir, name), nil, "", testOptions()); err == nil {
			t.Fatalf("ExportAgenda(%s) = nil, want an error", name)
		}
		if err := ExportReport(filepath.Join(dir, name), nil, time.Now(), testOptions()); err == nil {
			t.Fatalf("ExportReport(%s) = nil, want an error", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a failed export left %d files behind", len(entries))
	}
}
