package print

import (
	"bytes"
	"path/filepath"
	"testing"
)

// The budgets: one control card <= 10 ms; the agenda book of
// 10,000 rows <= 2 s as PDF and <= 2 s as XLSX, each under 200 MB resident.

// BenchmarkControlCard renders one card: one page, one copy label.
func BenchmarkControlCard(b *testing.B) {
	l, opts := testLetter(), testOptions()
	opts.CardCopies = []string{"putih"}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := ControlCard(&buf, l, opts); err != nil {
			b.Fatalf("ControlCard() = %v", err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// BenchmarkControlCard3Copies renders the default card: three pages, one
// for each coloured copy.
func BenchmarkControlCard3Copies(b *testing.B) {
	l, opts := testLetter(), testOptions()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := ControlCard(&buf, l, opts); err != nil {
			b.Fatalf("ControlCard() = %v", err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

func BenchmarkAgendaBookPDF10k(b *testing.B) {
	letters, opts := bookLetters(10_000), testOptions()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := AgendaBook(&buf, letters, "Tahun 2026", opts); err != nil {
			b.Fatalf("AgendaBook() = %v", err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

func BenchmarkAgendaXLSX10k(b *testing.B) {
	letters, opts := bookLetters(10_000), testOptions()
	path := filepath.Join(b.TempDir(), "agenda.xlsx")
	for b.Loop() {
		if err := ExportAgenda(path, letters, "Tahun 2026", opts); err != nil {
			b.Fatalf("ExportAgenda() = %v", err)
		}
	}
}

func BenchmarkAgendaCSV10k(b *testing.B) {
	letters, opts := bookLetters(10_000), testOptions()
	path := filepath.Join(b.TempDir(), "agenda.csv")
	for b.Loop() {
		if err := ExportAgenda(path, letters, "Tahun 2026", opts); err != nil {
			b.Fatalf("ExportAgenda() = %v", err)
		}
	}
}
