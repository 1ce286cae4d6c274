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
		name   string
		opts   func(*Options)
		letter func(*store.Letter)
		pages  int
		want   []string // in the flattened text
		layout []string // in pdftotext -layout, each on one line
		size   [2]float64
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
			},
			layout: []string{"0042/2026", testNumber, "Tata Usaha Kementerian Dalam Negeri"},
			size:   [2]float64{595.28, 841.89},
		},
		{
			name:  "cover sheet F4",
			opts:  func(o *Options) { o.CardLayout = "cover"; o.Paper = "F4" },
			pages: 3,
			want: []string{
				"LEMBAR PENGANTAR NASKAH BERITA BIASA", "Lembar 3 (merah)", "1. Walikota",
				"4. Camat Pekalongan Utara", "Jabatan", "23-11-2026 09.05",
			},
			layout: []string{"0042/2026", testNumber},
			size:   [2]float64{609.45, 935.43},
		},
		{
			name:  "English with two colours",
			opts:  func(o *Options) { o.Lang = "en"; o.CardCopies = []string{"kuning", "hijau"} },
			pages: 2,
			want: []string{
				"CONTROL CARD, INCOMING MESSAGE", "Copy 1 (kuning)", "Copy 2 (hijau)", "Due",
				"24 November 2026 08:14 WIB", "Urgent", "Ordinary", "Initials",
			},
			layout: []string{"0042/2026"},
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
			for _, layout := range []string{"card", "cover"} {
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
