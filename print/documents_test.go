package print

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestReceipt(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		letter  func(*store.Letter)
		want    []string
		notWant []string
		proofs  int // rows with a line for the proof of sending
	}{
		{
			name: "assigned, one receipt back",
			letter: func(l *store.Letter) {
				l.Courier = "Slamet Riyadi"
				l.Recipients[1].DeliveredAt = at(2026, time.November, 24, 9, 30)
				l.Recipients[1].ReceivedBy = "Ajudan Sekda"
			},
			want: []string{
				"TANDA TERIMA NASKAH BERITA", "Slamet Riyadi", "Melalui (ajudan/caraka/faks/aplikasi)",
				"Nama penerima", "Tanggal, jam", "Paraf / bukti kirim", "Keterangan", "ajudan", "caraka", "faks",
				"Ajudan Sekda", "24-11-2026 09.30",
				"Camat Pekalongan Utara faks Bukti kirim (laporan faks): ____",
				"Caraka yang mengantar ( Slamet Riyadi )",
			},
			proofs: 1,
		},
		{
			name:   "English, no courier yet",
			lang:   "en",
			letter: func(l *store.Letter) { l.Recipients[0].Channel = store.ChannelOnline },
			want: []string{"RECEIPT FOR MESSAGE COPIES", "Courier", "online app", "Received by", "Initials / proof of sending",
				"Remarks", "Walikota online app Proof of sending (application reference): ____",
				"Proof of sending (fax report):", "Courier who delivered"},
			proofs: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLetter()
			tt.letter(l)
			opts := testOptions()
			opts.Lang = tt.lang
			var buf bytes.Buffer
			if err := Receipt(&buf, l, opts); err != nil {
				t.Fatalf("Receipt() = %v", err)
			}
			text := flat(t, buf.Bytes())
			want := append([]string{"0042/2026", testNumber, testSubject, testOrigin}, tt.want...)
			for _, r := range l.Recipients {
				want = append(want, r.Name)
			}
			for _, w := range want {
				if !contains(text, w) {
					t.Fatalf("Receipt() text lacks %q:\n%s", w, text)
				}
			}
			proof := "Bukti kirim ("
			if tt.lang == "en" {
				proof = "Proof of sending ("
			}
			if n := strings.Count(text, proof); n != tt.proofs {
				t.Fatalf("Receipt() has %d lines for a proof of sending, want %d (one per fax or online row):\n%s", n, tt.proofs, text)
			}
			inside(t, buf.Bytes())
		})
	}
}

// bookLetters are n registered letters of 2026, one a day from January.
func bookLetters(n int) []store.Letter {
	base := testLetter()
	out := make([]store.Letter, n)
	for i := range out {
		l := *base
		l.ID = uint64(i + 1)
		l.Agenda = store.AgendaNumber{Year: 2026, Seq: i + 1}
		l.ReceivedAt = at(2026, time.January, 2, 8, 0).Add(time.Duration(i) * 7 * time.Hour)
		l.LetterNumber = fmt.Sprintf("%03d/%d/SJ", i%1000, 4000+i)
		l.Summary = fmt.Sprintf("Perihal nomor %d: %s", i+1, testSubject)
		if i%7 == 0 {
			l.Summary += " — dengan uraian panjang tentang koordinasi, pelaporan, dan evaluasi penyelenggaraan persandian di seluruh perangkat daerah"
		}
		out[i] = l
	}
	return out
}

func TestAgendaBook(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		opts   func(*Options)
		header string
		total  string
		size   [2]float64
	}{
		{"A4, several pages", 130, nil, "Asal surat", "Jumlah: 130 naskah berita", [2]float64{841.89, 595.28}},
		{"F4 in English", 40, func(o *Options) { o.Paper, o.Lang = "F4", "en" }, "Origin", "Total: 40 messages", [2]float64{935.43, 609.45}},
		{"empty book", 0, nil, "Asal surat", "Jumlah: 0 naskah berita", [2]float64{841.89, 595.28}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			letters := bookLetters(tt.n)
			var buf bytes.Buffer
			if err := AgendaBook(&buf, letters, "Tahun 2026", opts); err != nil {
				t.Fatalf("AgendaBook() = %v", err)
			}
			layout := pdfText(t, buf.Bytes(), "-layout")
			text := flat(t, buf.Bytes())
			n := pages(layout)
			if tt.n > 100 && n < 3 {
				t.Fatalf("AgendaBook(%d letters) made %d pages", tt.n, n)
			}
			for i, page := range strings.Split(strings.TrimSuffix(layout, "\f"), "\f") {
				if !strings.Contains(page, tt.header) {
					t.Fatalf("AgendaBook() page %d lacks the column header %q:\n%s", i+1, tt.header, page)
				}
			}
			pageOf := "Halaman %d dari %d"
			if opts.Lang == "en" {
				pageOf = "Page %d of %d"
			}
			for p := 1; p <= n; p++ {
				if w := fmt.Sprintf(pageOf, p, n); !contains(text, w) {
					t.Fatalf("AgendaBook() lacks %q", w)
				}
			}
			if !contains(text, tt.total) {
				t.Fatalf("AgendaBook() lacks the closing line %q", tt.total)
			}
			for _, l := range letters {
				for _, w := range []string{l.Agenda.String(), l.LetterNumber} {
					if !strings.Contains(layout, w) {
						t.Fatalf("AgendaBook() lacks %q", w)
					}
				}
				if !contains(text, fmt.Sprintf("Perihal nomor %d:", l.Agenda.Seq)) {
					t.Fatalf("AgendaBook() lacks the subject of %s", l.Agenda)
				}
			}
			if w, h := pageSize(t, buf.Bytes()); !near(w, tt.size[0]) || !near(h, tt.size[1]) {
				t.Fatalf("AgendaBook() page is %gx%g pt, want %gx%g", w, h, tt.size[0], tt.size[1])
			}
			inside(t, buf.Bytes())
		})
	}
}

// TestAgendaBookColumns checks the book's one title, its Sifat and Kode
// klasifikasi columns, and what Keterangan says of a set-aside letter and
// of a duplicate.
func TestAgendaBookColumns(t *testing.T) {
	tests := []struct {
		name, title, lang string
		heading           string
		want              []string
	}{
		{"period only", "Tahun 2026", "", "BUKU AGENDA NASKAH BERITA MASUK TAHUN 2026",
			[]string{"Sifat", "Kode klasifikasi", "Terbatas", "000.1.2", "100.2.3", "disisihkan: Bukan naskah dinas",
				"duplikat dari 0001/2026; Mohon segera"}},
		{"the caller names the book", "Buku Agenda Surat Masuk Tahun 2026 (November 2026)", "",
			"BUKU AGENDA NASKAH BERITA MASUK TAHUN 2026 (NOVEMBER 2026)", []string{"Sifat", "Kode klasifikasi"}},
		{"English", "Incoming Agenda Book 2026", "en", "INCOMING MESSAGES AGENDA BOOK 2026",
			[]string{"Security", "Classification code", "Restricted", "set aside: Bukan naskah dinas", "duplicate of 0001/2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			letters := bookLetters(4)
			letters[1].Class, letters[1].ClassCode = store.ClassRestricted, "100.2.3"
			letters[2].Stage, letters[2].SetAsideReason = store.StageSetAside, "Bukan naskah dinas"
			letters[3].DuplicateOf = letters[0].Agenda
			opts := testOptions()
			opts.Lang = tt.lang
			var buf bytes.Buffer
			if err := AgendaBook(&buf, letters, tt.title, opts); err != nil {
				t.Fatalf("AgendaBook() = %v", err)
			}
			text := flat(t, buf.Bytes())
			for _, w := range append([]string{tt.heading}, tt.want...) {
				if !contains(text, w) {
					t.Fatalf("AgendaBook() text lacks %q:\n%s", w, text)
				}
			}
			layout := pdfText(t, buf.Bytes(), "-layout")
			// The title once on the page, and once more in the footer.
			for _, name := range []string{"BUKU AGENDA", "Buku Agenda", "AGENDA BOOK", "Agenda Book"} {
				if n := strings.Count(layout, name); n > 2 {
					t.Fatalf("AgendaBook() names the book %d times (%q), want one title and the footer:\n%s", n, name, layout)
				}
			}
			if !strings.Contains(layout, tt.heading) {
				t.Fatalf("AgendaBook() has no one-line title %q:\n%s", tt.heading, layout)
			}
			inside(t, buf.Bytes())
		})
	}
}

func TestMonthlyReport(t *testing.T) {
	tests := []struct {
		name string
		lang string
		want []string
	}{
		{"Indonesian", "", []string{
			"LAPORAN BULANAN PELAYANAN PENERIMAAN NASKAH BERITA BIASA", "November 2026",
			"Naskah berita diterima 6", "Bersifat rahasia (ke Kasi Persandian) 0", "Disisihkan 1", "Selesai dalam 1 hari kerja 1",
			"Persentase tepat waktu 33,3%", "Terlambat 2", "Masih berjalan, belum jatuh tempo 2",
			"0011/2026", "0012/2026", "Terlambat selesai", "Caraka sakit", "belum selesai",
			"1,00", "0,17", "ajudan 1 1,17", "caraka 1 0,97", "faks 1 0,89", "Volume harian",
		}},
		{"English", "en", []string{
			"MONTHLY SERVICE REPORT", "November 2026", "Messages received 6", "Share on time 33.3%",
			"still open", "aide 1 1.17", "courier 1 0.97", "fax 1 0.89", "Daily volume",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.Lang = tt.lang
			var buf bytes.Buffer
			if err := MonthlyReport(&buf, monthLetters(), time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC), opts); err != nil {
				t.Fatalf("MonthlyReport() = %v", err)
			}
			text := flat(t, buf.Bytes())
			for _, w := range tt.want {
				if !contains(text, w) {
					t.Fatalf("MonthlyReport() text lacks %q:\n%s", w, text)
				}
			}
			inside(t, buf.Bytes())
		})
	}
}

// TestRender draws every kind of document with pdftoppm: each page must
// come out as an image with ink on it.
func TestRender(t *testing.T) {
	l := testLetter()
	opts := testOptions()
	cover := opts
	cover.CardLayout = "cover"
	f4 := opts
	f4.Paper = "F4"
	onA5, three := opts, opts
	onA5.CardLayout, three.CardLayout = "a5", "three"
	kinds := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"card", func(b *bytes.Buffer) error { return ControlCard(b, l, opts) }},
		{"cover sheet", func(b *bytes.Buffer) error { return ControlCard(b, l, cover) }},
		{"card on A5", func(b *bytes.Buffer) error { return ControlCard(b, l, onA5) }},
		{"three cards a sheet", func(b *bytes.Buffer) error { return ControlCard(b, l, three) }},
		{"copy", func(b *bytes.Buffer) error { return Copy(b, l, l.Recipients[0], testBody(), opts) }},
		{"receipt", func(b *bytes.Buffer) error { return Receipt(b, l, opts) }},
		{"agenda book", func(b *bytes.Buffer) error { return AgendaBook(b, bookLetters(60), "Tahun 2026", f4) }},
		{"monthly report", func(b *bytes.Buffer) error {
			return MonthlyReport(b, monthLetters(), time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC), opts)
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := k.write(&buf); err != nil {
				t.Fatalf("%s: %v", k.name, err)
			}
			drawn := render(t, buf.Bytes())
			if want := pages(pdfText(t, buf.Bytes(), "-layout")); drawn != want {
				t.Fatalf("pdftoppm drew %d pages of %d", drawn, want)
			}
		})
	}
}

// yearOne matches a date and time in year 1, the zero time's year.
var yearOne = regexp.MustCompile(`[a-z] 1 \d\d\.\d\d`)

// TestBareLetter prints every per-letter document for a letter that has
// nothing but an ID: each must come out, with dashes in the empty boxes.
func TestBareLetter(t *testing.T) {
	l := &store.Letter{ID: 9}
	opts := testOptions()
	cover, three := opts, opts
	cover.CardLayout, three.CardLayout = "cover", "three"
	for name, write := range map[string]func(*bytes.Buffer) error{
		"card":    func(b *bytes.Buffer) error { return ControlCard(b, l, opts) },
		"cover":   func(b *bytes.Buffer) error { return ControlCard(b, l, cover) },
		"three":   func(b *bytes.Buffer) error { return ControlCard(b, l, three) },
		"copy":    func(b *bytes.Buffer) error { return Copy(b, l, store.Recipient{}, Body{}, opts) },
		"receipt": func(b *bytes.Buffer) error { return Receipt(b, l, opts) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatalf("%s of a bare letter = %v", name, err)
			}
			text := pdfText(t, buf.Bytes(), "-layout")
			if !strings.Contains(text, " - ") && !strings.Contains(text, " -\n") {
				t.Fatalf("%s of a bare letter shows no dash for the empty fields:\n%s", name, text)
			}
			if yearOne.MatchString(text) {
				t.Fatalf("%s of a bare letter shows a year-one date:\n%s", name, text)
			}
			inside(t, buf.Bytes())
		})
	}
}
