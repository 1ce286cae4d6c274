package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"runtime"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestReadLetterFields(t *testing.T) {
	head := "                 PEMERINTAH KOTA PEKALONGAN\n            DINAS KOMUNIKASI DAN INFORMATIKA\nJalan Mataram Nomor 1 Pekalongan 51111 Telepon (0285) 421921 Laman www.pekalongankota.go.id\n\n"
	for _, tc := range []struct {
		name, text string
		check      func(f LetterFields) bool
	}{
		{"named month", head + "                                              Pekalongan, 20 November 2026\nNomor    : 1/2\n",
			func(f LetterFields) bool { return f.Date.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) }},
		{"Nopember", head + "                                              Pekalongan, 20 Nopember 2026\n",
			func(f LetterFields) bool { return f.Date.Month() == 11 && f.Date.Day() == 20 }},
		{"dashes", head + "                                              Pekalongan, 20-11-2026\n",
			func(f LetterFields) bool { return f.Date.Month() == 11 && f.Date.Day() == 20 }},
		{"strokes", head + "                                              Pekalongan, 20/11/2026\n",
			func(f LetterFields) bool { return f.Date.Month() == 11 && f.Date.Day() == 20 }},
		{"Segera is urgency", head + "Sifat    : Segera\n",
			func(f LetterFields) bool { return f.Class == store.ClassOrdinary && f.Urgency == store.UrgencyUrgent }},
		{"Rahasia is class", head + "Sifat    : Rahasia\n",
			func(f LetterFields) bool { return f.Class == store.ClassSecret && f.Urgency == "" }},
		{"stamp", "                                   SANGAT RAHASIA\n" + head,
			func(f LetterFields) bool { return f.Class == store.ClassTopSecret }},
		{"Hal over two lines", head + "Hal      : Undangan Rapat Koordinasi\n           Persandian Tahun 2027\n\nYth. Wali Kota Pekalongan\n",
			func(f LetterFields) bool { return f.Subject == "Undangan Rapat Koordinasi Persandian Tahun 2027" }},
		{"surat edaran", "GUBERNUR JAWA TENGAH\n\n        SURAT EDARAN\n   NOMOR 360/12 TAHUN 2026\n          TENTANG\n   KESIAPSIAGAAN BENCANA\n   MUSIM PENGHUJAN\n\nYth. Bupati/Wali Kota se-Jawa Tengah\n",
			func(f LetterFields) bool {
				return f.Subject == "KESIAPSIAGAAN BENCANA MUSIM PENGHUJAN" && f.Number == "360/12 TAHUN 2026" && f.Origin == "Gubernur Jawa Tengah"
			}},
		{"letterhead", head,
			func(f LetterFields) bool { return f.Origin == "Dinas Komunikasi dan Informatika Kota Pekalongan" }},
		{"numbered Yth and Tembusan", head + "Yth.\n1. Kepala Dinas Kesehatan Kota Pekalongan;\n2. Camat se-Kota\n   Pekalongan;\ndi\n   Tempat\n\nDengan hormat,\n\nTembusan:\n1. Wali Kota Pekalongan (sebagai laporan);\n",
			func(f LetterFields) bool {
				return len(f.Addressees) == 3 && f.Addressees[1] == "Camat se-Kota Pekalongan" && f.Addressees[2] == "Wali Kota Pekalongan"
			}},
		{"OCR's stray marks", head + "Nomor 1 551/2211/2026\nLampiran      Ae\n. Yth. Wali. Kota Pekalongan\n",
			func(f LetterFields) bool {
				return f.Number == "551/2211/2026" && f.Attachments == "-" && f.Addressees[0] == "Wali. Kota Pekalongan"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if f := ReadLetterFields(tc.text, time.UTC); !tc.check(f) {
				t.Fatalf("ReadLetterFields() = %+v", f)
			}
		})
	}
}

func TestProposeLetterSources(t *testing.T) {
	dir := store.DefaultDirectory()
	m := &Message{Subject: "Fwd: scan surat", FromName: "Tata Usaha", Text: "Terlampir kami sampaikan surat.\nNomor : 005/999\n"}
	text := "                 PEMERINTAH KOTA PEKALONGAN\n                 SEKRETARIAT DAERAH\n\n" +
		"                                              Pekalongan, 24-11-2026\nNomor    : 005/1187\nSifat    : Segera\nLampiran : -\nHal      : Undangan Rapat\n\n" +
		"Yth. Kepala Dinas Kesehatan Kota Pekalongan\ndi\n   Tempat\n\n" +
		"                                             a.n. WALI KOTA PEKALONGAN\n                                             SEKRETARIS DAERAH,\n"
	p := ProposeLetter(m, []AttachedText{{Index: 0, Source: "pdftotext", Text: text}}, &dir, time.UTC)
	if p.LetterNumber != "005/1187" || p.Sources[FieldNumber] != SourceLetter {
		t.Fatalf("number %q from %q, want 005/1187 from the PDF", p.LetterNumber, p.Sources[FieldNumber])
	}
	if len(p.Alternatives) != 1 || p.Alternatives[0] != (Alternative{Field: FieldNumber, Value: "005/999", Source: SourceMail}) {
		t.Fatalf("alternatives = %+v, want the e-mail's number beside", p.Alternatives)
	}
	if p.Subject != "Undangan Rapat" || p.Sender != "Sekretariat Daerah Kota Pekalongan" || p.Attachments != "-" {
		t.Fatalf("proposal = %+v", p.Proposal)
	}
	if len(p.Recipients) != 1 || p.Recipients[0] != "Kepala Dinas Kesehatan" || p.Sources[FieldRecipients] != SourceLetter {
		t.Fatalf("recipients = %q from %q", p.Recipients, p.Sources[FieldRecipients])
	}
	// No letter: the e-mail alone, as before.
	p = ProposeLetter(m, nil, &dir, time.UTC)
	if p.LetterNumber != "005/999" || p.Sources[FieldNumber] != SourceMail || p.Subject != "scan surat" || p.Sources[FieldSubject] != SourceHeader {
		t.Fatalf("e-mail only: %+v, %v", p.Proposal, p.Sources)
	}
}

func TestDeclaredClassOfAttachedLetter(t *testing.T) {
	for _, tc := range []struct {
		file string
		want store.SecurityClass
	}{
		{"07-kesbangpol-rahasia.eml", store.ClassSecret},
		{"08-bin-sangat-rahasia.eml", store.ClassTopSecret},
		{"23-bkd-provinsi-terbatas.eml", store.ClassRestricted},
		{"05-dinkes-provinsi.eml", ""}, // Sifat: Biasa declares nothing to hold
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile("../testdata/letters/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if got := DeclaredClass(raw); got != tc.want {
				t.Fatalf("DeclaredClass() = %q, want %q", got, tc.want)
			}
		})
	}
}

// A file typed as a PDF that is not one costs the intake's class check its
// first kilobyte, not a decoding of the whole file.
func TestAttachedClassLooksAtTheHeadOfAFakePDF(t *testing.T) {
	data := bytes.Repeat([]byte("not a PDF at all "), 4<<20/17)
	raw := []byte("From: a@b.go.id\r\nSubject: Lampiran\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nTerlampir.\r\n--b\r\nContent-Type: application/pdf; name=surat.pdf\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(data) + "\r\n--b--\r\n")
	m := skim(raw)
	if len(PDFAttachments(m)) != 1 {
		t.Fatalf("PDFAttachments() = %v, want the one file", PDFAttachments(m))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, err := attachedClass(context.Background(), raw, m)
	runtime.ReadMemStats(&after)
	if c != "" || err != nil {
		t.Errorf("attachedClass() = %q, %v for a file that is not a PDF", c, err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > uint64(len(data))/4 {
		t.Errorf("attachedClass() allocated %d bytes for a %d-byte file that is not a PDF: it decoded the file whole", n, len(data))
	}
}
