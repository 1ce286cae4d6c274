package print

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func testBody() Body {
	var text strings.Builder
	text.WriteString("Yth. Bapak/Ibu,\r\n\r\nDengan hormat, bersama ini kami sampaikan “undangan” rapat – mohon hadir tepat waktu.\r\n")
	text.WriteString("\tAgenda:\t1. Pembukaan\n")
	for i := 1; i <= 150; i++ {
		fmt.Fprintf(&text, "Paragraf %03d: koordinasi persandian dan keamanan informasi di lingkungan pemerintah daerah berjalan baik.\n", i)
	}
	text.WriteString(strings.Repeat("https://sanapati.bssn.go.id/", 12) + "\n")
	text.WriteString("Hormat kami, Sekretaris Jenderal — Café")
	return Body{
		From:    "Tata Usaha Kemendagri <tu@kemendagri.go.id>",
		To:      "diskominfo@pekalongankota.go.id",
		Date:    time.Date(2026, 11, 23, 8, 14, 0, 0, time.FixedZone("WIB", 7*3600)),
		Subject: testSubject,
		Text:    text.String(),
		Attachments: []Attachment{
			{Name: "undangan-rapat.pdf", Type: "application/pdf", Size: 254_000, Printed: true},
			{Name: "daftar hadir.xlsx", Type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Size: 9_300},
		},
	}
}

func TestCopy(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		letter  func(*store.Letter)
		body    func(*Body)
		r       store.Recipient
		want    []string
		notWant []string
		pages   int
	}{
		{
			name: "registered letter, long text over pages",
			r:    testRecipients[2],
			want: []string{
				"SALINAN NASKAH BERITA", "Kepala Dinas Kesehatan", "caraka", "0042/2026", testNumber,
				"23 November 2026 08.14 WIB", "24 November 2026 08.14 WIB",
				"Tata Usaha Kemendagri <tu@kemendagri.go.id>", "Tanggal 23 November 2026 08.14 WIB",
				"Dengan hormat, bersama ini kami sampaikan “undangan” rapat – mohon hadir tepat waktu.",
				"Paragraf 001:", "Paragraf 150:", "Hormat kami, Sekretaris Jenderal — Café",
				"1. undangan-rapat.pdf (application/pdf, 248 KB) · dicetak terlampir",
				"2. daftar hadir.xlsx", "9 KB", "Salinan untuk Kepala Dinas Kesehatan · 0042/2026",
			},
			pages: 5,
		},
		{
			name:   "before registration, in English",
			lang:   "en",
			r:      testRecipients[0],
			letter: func(l *store.Letter) { l.Agenda = store.AgendaNumber{} },
			body:   func(b *Body) { b.Text, b.Attachments, b.LetterNumber = "Short.", nil, "999/MSG" },
			want: []string{
				"COPY OF MESSAGE", "Walikota", "aide", "Short.",
				"Attachments of the message", "none", "24 November 2026 08:14 WIB",
				// A blank box for the agenda number: its label, then the next box.
				"Agenda no. Letter no. " + testNumber,
			},
			// The registered number wins over the message's.
			notWant: []string{"0042/2026", "not registered", "999/MSG"},
			pages:   1,
		},
		{
			name: "the number the message gives, before registration",
			r:    testRecipients[1],
			letter: func(l *store.Letter) {
				l.Agenda, l.LetterNumber, l.RegisteredAt = store.AgendaNumber{}, "", time.Time{}
			},
			body:    func(b *Body) { b.Text, b.LetterNumber = "Nomor : 045/77", "045/77" },
			want:    []string{"No. Agenda No. surat 045/77"},
			notWant: []string{"belum diagendakan", "No. surat -"},
			pages:   1,
		},
		{
			name:   "a due time through a year with no holiday list",
			r:      testRecipients[1],
			letter: func(l *store.Letter) { l.ReceivedAt = at(2026, time.December, 31, 10, 0) },
			body:   func(b *Body) { b.Text = "Pendek." },
			want:   []string{"Batas waktu 4 Januari 2027 10.00 WIB (perkiraan)"},
			pages:  1,
		},
		{
			name: "empty text, no headers",
			r:    testRecipients[3],
			body: func(b *Body) { *b = Body{} },
			want: []string{"(pesan tanpa teks)", "faks", "tu@kemendagri.go.id", testSubject},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, body := testLetter(), testBody()
			if tt.letter != nil {
				tt.letter(l)
			}
			if tt.body != nil {
				tt.body(&body)
			}
			opts := testOptions()
			opts.Lang = tt.lang
			var buf bytes.Buffer
			if err := Copy(&buf, l, tt.r, body, opts); err != nil {
				t.Fatalf("Copy() = %v", err)
			}
			text := flat(t, buf.Bytes())
			for _, w := range tt.want {
				if !contains(text, w) {
					t.Fatalf("Copy() text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.notWant {
				if contains(text, w) {
					t.Fatalf("Copy() text has %q", w)
				}
			}
			n := pages(pdfText(t, buf.Bytes(), "-layout"))
			if tt.pages > 0 && n != tt.pages {
				t.Fatalf("Copy() made %d pages, want %d", n, tt.pages)
			}
			pageOf := "Halaman %d dari %d"
			if tt.lang == "en" {
				pageOf = "Page %d of %d"
			}
			for _, p := range []int{1, n} {
				if w := fmt.Sprintf(pageOf, p, n); !contains(text, w) {
					t.Fatalf("Copy() text lacks %q", w)
				}
			}
			inside(t, buf.Bytes())
		})
	}
}

// TestCopyKeepsLayout checks that the text's own line breaks survive and
// that tabs line up, in the fixed-width face.
func TestCopyKeepsLayout(t *testing.T) {
	var buf bytes.Buffer
	body := Body{Text: "Kolom\tNilai\nA\tsatu\nB\tdua"}
	if err := Copy(&buf, testLetter(), testRecipients[0], body, testOptions()); err != nil {
		t.Fatalf("Copy() = %v", err)
	}
	column := map[string]int{}
	for _, line := range strings.Split(pdfText(t, buf.Bytes(), "-layout"), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && (f[0] == "Kolom" || f[0] == "A" || f[0] == "B") {
			column[f[0]] = strings.Index(line, f[1]) - strings.Index(line, f[0])
		}
	}
	if len(column) != 3 || column["A"] != column["Kolom"] || column["B"] != column["Kolom"] {
		t.Fatalf("Copy() did not keep the lines and tab stops: second columns at %v", column)
	}
}
