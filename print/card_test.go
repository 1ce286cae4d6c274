package print

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestControlCard(t *testing.T) {
	tests := []struct {
		name    string
		opts    func(*Options)
		letter  func(*store.Letter)
		pages   int
		want    []string // in the flattened text
		notWant []string
		layout  []string // in pdftotext -layout, each on one line
		size    [2]float64
		// officials whose boxes the card must show; nil means the default
		// directory's, which testLetter carries.
		officials []store.Official
	}{
		{
			name:  "card A4 Indonesian",
			pages: 3,
			want: []string{
				"KARTU KENDALI NASKAH BERITA MASUK", "Lembar 1 (putih)", "Lembar 2 (kuning)", "Lembar 3 (merah)",
				"Batas waktu", "24 November 2026 08.14 WIB", "23 November 2026 08.14 WIB",
				"tgl. 23-11-2026 09.05", "Segera", "Biasa", "000.1.2", "PERSANDIAN", "1 berkas",
				"Mohon segera – dibahas Senin",
				"Tgl. diterima 23 November 2026 08.14 WIB", "Tgl. diagendakan 23 November 2026 08.40 WIB",
				"Tgl. diteruskan 23 November 2026 08.55 WIB", "Tgl. surat 20 November 2026",
				"Pengolah Operator Transmisi Sandi", "Pemeriksa Kepala Seksi Persandian dan Keamanan Informasi",
				"Lembar 1 (putih) untuk arsip operator", "Lembar 2 (kuning) untuk pemeriksa", "Lembar 3 (merah) untuk caraka",
			},
			notWant: []string{"Pengolah / pemeriksa", "Tanggal 23", "(perkiraan)", "potong di sini"},
			layout:  []string{"0042/2026", testNumber, "Tata Usaha Kementerian Dalam Negeri"},
			size:    [2]float64{595.28, 841.89},
		},
		{
			name:  "a5, one card a sheet",
			opts:  func(o *Options) { o.CardLayout = "a5" },
			pages: 3,
			want: []string{
				"KARTU KENDALI NASKAH BERITA MASUK", "Lembar 3 (merah) untuk caraka", "Tgl. diteruskan",
				"Pengolah", "Pemeriksa", "Mohon segera – dibahas Senin",
			},
			notWant: []string{"potong di sini"},
			layout:  []string{"0042/2026"},
			size:    [2]float64{419.53, 595.28},
		},
		{
			name:  "three to a sheet with cut lines",
			opts:  func(o *Options) { o.CardLayout = "three" },
			pages: 1,
			want: []string{
				"Lembar 1 (putih) untuk arsip operator", "Lembar 2 (kuning) untuk pemeriksa", "Lembar 3 (merah) untuk caraka",
				"Tgl. diteruskan 23 November 2026 08.55 WIB", "Pemeriksa Kepala Seksi Persandian dan Keamanan Informasi",
				"potong di sini", "Mohon segera – dibahas Senin",
			},
			layout: []string{"0042/2026", testNumber},
			size:   [2]float64{595.28, 841.89},
		},
		{
			name: "three to a sheet, four copies on F4",
			opts: func(o *Options) {
				o.CardLayout, o.Paper = "three", "F4"
				o.CardCopies = []string{"putih", "kuning", "merah", "hijau: arsip sekretariat"}
			},
			pages: 2,
			want:  []string{"Lembar 4 (hijau) untuk arsip sekretariat", "potong di sini"},
			size:  [2]float64{609.45, 935.43},
		},
		{
			name: "a due time that is an estimate, an arrival that is too",
			letter: func(l *store.Letter) {
				l.ReceivedAt, l.ReceivedEstimated = at(2026, time.December, 31, 10, 0), true
			},
			pages: 3,
			want: []string{
				"Tgl. diterima 31 Desember 2026 10.00 WIB (perkiraan)",
				"Batas waktu 4 Januari 2027 10.00 WIB (perkiraan)",
			},
		},
		{
			name:  "cover sheet F4",
			opts:  func(o *Options) { o.CardLayout = "cover"; o.Paper = "F4" },
			pages: 3,
			want: []string{
				"LEMBAR PENGANTAR NASKAH BERITA BIASA", "Lembar 3 (merah): untuk caraka", "1. Walikota",
				"4. Camat Pekalongan Utara", "Jabatan", "23-11-2026 09.05",
				"Tgl. diterima 23 November 2026 08.14 WIB", "Tgl. diagendakan 23 November 2026 08.40 WIB",
				"Tgl. diteruskan 23 November 2026 08.55 WIB", "Pengolah Operator Transmisi Sandi",
				"Pemeriksa Kepala Seksi Persandian dan Keamanan Informasi",
			},
			notWant: []string{"Pengolah / pemeriksa"},
			layout:  []string{"0042/2026", testNumber},
			size:    [2]float64{609.45, 935.43},
		},
		{
			name:  "English with two colours",
			opts:  func(o *Options) { o.Lang = "en"; o.CardCopies = []string{"kuning", "hijau"} },
			pages: 2,
			want: []string{
				"CONTROL CARD, INCOMING MESSAGE", "Copy 1 (kuning) for the operator's file", "Copy 2 (hijau) for the examiner", "Due",
				"24 November 2026 08:14 WIB", "Urgent", "Ordinary", "Initials",
				"Date received", "Date registered", "Date forwarded 23 November 2026 08:55 WIB", "Letter date",
				"Handler Cipher transmission operator", "Examiner Kepala Seksi",
			},
			notWant: []string{"Handler / examiner"},
			layout:  []string{"0042/2026"},
		},
		{
			name:  "one unlabelled copy, before the card went out",
			opts:  func(o *Options) { o.CardCopies = []string{""} },
			pages: 1,
			letter: func(l *store.Letter) {
				l.Initials, l.Examiner = nil, ""
			},
			want: []string{"KARTU KENDALI", "Kepala Seksi Persandian dan Keamanan Informasi"},
		},
		{
			name:      "officials from the settings",
			opts:      func(o *Options) { o.Officials = fiveOfficials() },
			pages:     3,
			officials: fiveOfficials(),
			letter: func(l *store.Letter) {
				l.Initials, l.Examiner = nil, ""
			},
			want: []string{"Sekretaris Dinas Komunikasi dan Informatika", "Kepala Sub Bagian Umum dan Kepegawaian"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLetter()
			if tt.letter != nil {
				tt.letter(l)
			}
			opts := testOptions()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			var buf bytes.Buffer
			if err := ControlCard(&buf, l, opts); err != nil {
				t.Fatalf("ControlCard() = %v", err)
			}
			layout := pdfText(t, buf.Bytes(), "-layout")
			if got := pages(layout); got != tt.pages {
				t.Fatalf("ControlCard() made %d pages, want %d", got, tt.pages)
			}
			text := flat(t, buf.Bytes())
			want := append([]string{testSubject, "PEMERINTAH KOTA PEKALONGAN", "DINAS KOMUNIKASI DAN INFORMATIKA"}, tt.want...)
			for _, r := range l.Recipients {
				want = append(want, r.Name)
			}
			officials := tt.officials
			if officials == nil {
				officials = store.DefaultDirectory().Officials
			}
			for _, o := range officials {
				want = append(want, o.Position)
			}
			for _, w := range want {
				if !contains(text, w) {
					t.Fatalf("ControlCard() text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.notWant {
				if contains(text, w) {
					t.Fatalf("ControlCard() text has %q:\n%s", w, text)
				}
			}
			for _, w := range tt.layout {
				if !strings.Contains(layout, w) {
					t.Fatalf("ControlCard() layout text lacks %q:\n%s", w, layout)
				}
			}
			if tt.size[0] > 0 {
				if w, h := pageSize(t, buf.Bytes()); !near(w, tt.size[0]) || !near(h, tt.size[1]) {
					t.Fatalf("ControlCard() page is %gx%g pt, want %gx%g", w, h, tt.size[0], tt.size[1])
				}
			}
			inside(t, buf.Bytes())
		})
	}
}

func near(a, b float64) bool { return a-b < 1 && b-a < 1 }

func fiveOfficials() []store.Official {
	return []store.Official{
		{Position: "Kepala Seksi Persandian dan Keamanan Informasi", Examiner: true},
		{Position: "Kepala Bidang Aplikasi dan Persandian"},
		{Position: "Kepala Sub Bagian Umum dan Kepegawaian"},
		{Position: "Sekretaris Dinas Komunikasi dan Informatika"},
		{Position: "Kepala Dinas Komunikasi dan Informatika"},
	}
}

// TestControlCardHostileText feeds the card what a hostile or broken
// message can carry: it must stay on its page, print placeholders, and
// never fail.
func TestControlCardHostileText(t *testing.T) {
	long := strings.Repeat("Sangat panjang perihal yang tidak berakhir ", 60)
	tests := []struct {
		name    string
		subject string
		want    []string
		notWant []string
	}{
		{"long subject wraps and is cut", long, []string{"Sangat panjang perihal", "…"}, nil},
		{"one unbroken word", strings.Repeat("X", 900), []string{"XXXXXXXX"}, nil},
		{"characters the font lacks", "Rapat 会议 😀 ok", []string{"Rapat", "\uFFFD", "ok"}, []string{"会", "😀"}},
		{"control and bidi characters", "Ra\x00pat\x1b[31m \u202Eevil\u202C\x07 selesai", []string{"Rapat[31m evil selesai"}, []string{"\x1b", "\u202E"}},
		{"decomposed accents", "Cafe\u0301 Pemda", []string{"Café Pemda"}, nil},
		{"invalid UTF-8", "Rapat \xff\xfe akhir", []string{"Rapat \uFFFD\uFFFD akhir"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLetter()
			l.Summary, l.Subject = tt.subject, tt.subject
			l.Origin = tt.subject
			l.Remarks = tt.subject
			for i := 0; i < 40; i++ {
				l.Recipients = append(l.Recipients, store.Recipient{Name: "Kepala Dinas Kependudukan dan Pencatatan Sipil " + tt.subject[:min(len(tt.subject), 8)]})
			}
			opts := testOptions()
			opts.CardCopies = []string{"putih"}
			for _, layout := range []string{"card", "cover", "a5", "three"} {
				opts.CardLayout = layout
				var buf bytes.Buffer
				if err := ControlCard(&buf, l, opts); err != nil {
					t.Fatalf("ControlCard(%s) = %v", layout, err)
				}
				text := flat(t, buf.Bytes())
				for _, w := range tt.want {
					if !contains(text, w) {
						t.Fatalf("ControlCard(%s) text lacks %q:\n%s", layout, w, text)
					}
				}
				for _, w := range tt.notWant {
					if contains(text, w) {
						t.Fatalf("ControlCard(%s) text has %q:\n%s", layout, w, text)
					}
				}
				if n := pages(pdfText(t, buf.Bytes(), "-layout")); n != 1 {
					t.Fatalf("ControlCard(%s) spilled onto %d pages", layout, n)
				}
				inside(t, buf.Bytes())
			}
		})
	}
}

func TestControlCardDeterministic(t *testing.T) {
	render := func(now time.Time) []byte {
		opts := testOptions()
		opts.Now = func() time.Time { return now }
		var buf bytes.Buffer
		if err := ControlCard(&buf, testLetter(), opts); err != nil {
			t.Fatalf("ControlCard() = %v", err)
		}
		return buf.Bytes()
	}
	a, b := render(testNow()), render(testNow())
	if !bytes.Equal(a, b) {
		t.Fatalf("ControlCard() gave different bytes for the same input")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("ControlCard() output is not a PDF: %q", a[:min(len(a), 16)])
	}
	if c := render(testNow().Add(time.Minute)); bytes.Equal(a, c) {
		t.Fatalf("ControlCard() ignored the clock in the printed-at line")
	}
}

func TestOptionsRejectUnknownValues(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"paper", Options{Paper: "Letter"}},
		{"language", Options{Lang: "jv"}},
		{"layout", Options{CardLayout: "folder"}},
		{"separator", Options{CSVSeparator: '|'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ControlCard(&bytes.Buffer{}, testLetter(), tt.opts); err == nil {
				t.Fatalf("ControlCard(%+v) = nil, want an error", tt.opts)
			}
		})
	}
}

// TestDocumentsDrawnAtOnce draws documents in parallel, as the desk's
// print jobs may overlap; under -race it fails if documents share the font
// bytes gofpdf writes into.
func TestDocumentsDrawnAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	body := Body{Text: "Dengan hormat – “kutipan” café\n\tkolom\tkedua", Attachments: []Attachment{{Name: "a.pdf", Size: 10}}}
	for range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			errs <- ControlCard(&buf, testLetter(), Options{})
		}()
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			l := testLetter()
			errs <- Copy(&buf, l, l.Recipients[0], body, Options{})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("ControlCard() = %v", err)
		}
	}
}

// TestControlCardThreeToASheet renders the three-to-a-sheet layout and
// checks where things land: each copy's card in its own third of the
// page, and a dashed cut line between two cards that runs across the
// whole sheet, into the margins no box reaches. A full-page card has no
// such line.
func TestControlCardThreeToASheet(t *testing.T) {
	tests := []struct {
		layout string
		cuts   int // cut lines on the first page
	}{{"three", 2}, {"card", 0}, {"a5", 0}}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			opts := testOptions()
			opts.CardLayout = tt.layout
			var buf bytes.Buffer
			if err := ControlCard(&buf, testLetter(), opts); err != nil {
				t.Fatalf("ControlCard() = %v", err)
			}
			pageW, _ := pageSize(t, buf.Bytes())
			const dpi = 100
			img := images(t, buf.Bytes(), dpi)[0]
			b := img.Bounds()
			px := func(mm float64) int { return int(mm / 25.4 * dpi) }
			if got, want := b.Dx(), px(pageW*25.4/72); got < want-2 || got > want+2 {
				t.Fatalf("page image is %d px wide, want %d", got, want)
			}
			// Rows with ink in the left margin, 4 to 7 mm from the edge:
			// nothing but a cut line reaches there.
			var rows []int
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := px(4); x < px(7); x++ {
					if dark(img, x, y) {
						if len(rows) == 0 || y > rows[len(rows)-1]+3 {
							rows = append(rows, y)
						}
						break
					}
				}
			}
			if len(rows) != tt.cuts {
				t.Fatalf("%s: %d lines reach the margin (at rows %v), want %d cut lines", tt.layout, len(rows), rows, tt.cuts)
			}
			for i, y := range rows {
				// The cuts part the sheet into thirds, give or take the
				// margins and the footer.
				want := b.Dy() * (i + 1) / 3
				if y < want-px(12) || y > want+px(4) {
					t.Fatalf("cut line %d at row %d, want near %d", i+1, y, want)
				}
				// The right margin too: the line runs across the sheet.
				ink := false
				for x := b.Max.X - px(7); x < b.Max.X-px(4); x++ {
					for dy := -1; dy <= 1; dy++ {
						ink = ink || dark(img, x, y+dy)
					}
				}
				if !ink {
					t.Fatalf("cut line %d does not reach the right margin", i+1)
				}
			}
			if tt.cuts == 0 {
				return
			}
			// "Lembar n" heads card n: card 1 above the first cut, card 2
			// between the cuts, card 3 below the second.
			var labels []float64
			for _, w := range words(t, buf.Bytes()) {
				if w.page == 1 && w.text == "Lembar" {
					labels = append(labels, w.yMin/72*dpi)
				}
			}
			if len(labels) != 3 {
				t.Fatalf("page 1 has %d copy labels, want 3", len(labels))
			}
			if !(labels[0] < float64(rows[0]) && float64(rows[0]) < labels[1] && labels[1] < float64(rows[1]) && float64(rows[1]) < labels[2]) {
				t.Fatalf("copy labels at rows %.0f, cut lines at %v: want one card between each pair of cuts", labels, rows)
			}
		})
	}
}

// TestCardFitsItsSpace draws the fullest card a letter can make (a long
// subject, forty recipients, seven officials) in each card-size space: it
// must end within the space, or it would run over the cut line or off the
// sheet.
func TestCardFitsItsSpace(t *testing.T) {
	long := strings.Repeat("Sangat panjang perihal yang tidak berakhir ", 40)
	l := testLetter()
	l.Summary, l.Origin, l.Remarks, l.Index, l.Attachments = long, long, long, long, long
	for i := 0; i < 40; i++ {
		l.Recipients = append(l.Recipients, store.Recipient{Name: "Kepala Dinas Kependudukan dan Pencatatan Sipil"})
	}
	for _, o := range fiveOfficials()[1:] {
		l.Initials = append(l.Initials, store.Initial{Position: o.Position})
	}
	opts := testOptions()
	opts.Office = strings.Repeat("PEMERINTAH KOTA PEKALONGAN ", 6)
	opts.CardCopies = []string{"putih: " + long}
	for _, paper := range []string{"A4", "F4"} {
		opts.CardLayout, opts.Paper = "three", paper
		s, err := opts.settings()
		if err != nil {
			t.Fatal(err)
		}
		d, err := cardDoc(s, "")
		if err != nil {
			t.Fatal(err)
		}
		d.pdf.AddPage()
		for n := range 3 {
			top, bottom, _ := d.third(n)
			if end := d.card(l, s.cardCopies()[0], top, bottom); end > bottom+0.01 {
				t.Fatalf("card %d of three on %s ends at %.1f mm, below its space (%.1f mm)", n+1, paper, end, bottom)
			}
		}
	}
	opts.CardLayout = "a5"
	s, err := opts.settings()
	if err != nil {
		t.Fatal(err)
	}
	d, err := cardDoc(s, "")
	if err != nil {
		t.Fatal(err)
	}
	d.pdf.AddPage()
	if end := d.card(l, s.cardCopies()[0], d.top, d.bottom); end > d.bottom+0.01 {
		t.Fatalf("card on A5 ends at %.1f mm, below the page's content (%.1f mm)", end, d.bottom)
	}
}
