package tui

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/store"
)

// message builds a raw official message as Sanapati delivers them.
type message struct {
	from, subject, number, sifat, hal, to, body string
	date                                        time.Time
	pdf                                         string // name of a PDF attachment, if any
}

func (m message) raw() []byte {
	var b strings.Builder
	boundary := "=_desk_test"
	fmt.Fprintf(&b, "From: %s\r\nTo: Diskominfo Kota Pekalongan <persandian@pekalongankota.go.id>\r\n", m.from)
	fmt.Fprintf(&b, "Subject: %s\r\nDate: %s\r\nMessage-ID: <%d.%s@test>\r\nMIME-Version: 1.0\r\n",
		m.subject, m.date.Format(time.RFC1123Z), m.date.Unix(), strings.ReplaceAll(m.number, "/", "."))
	text := fmt.Sprintf("Jakarta, %d November 2026\r\n\r\nNomor    : %s\r\nSifat    : %s\r\nLampiran : -\r\nHal      : %s\r\n\r\nYth. %s\r\ndi\r\n    Pekalongan\r\n\r\n%s\r\n",
		m.date.Day(), m.number, m.sifat, m.hal, m.to, m.body)
	if m.pdf == "" {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
		return []byte(b.String())
	}
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n--%s\r\n", boundary, boundary)
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
	fmt.Fprintf(&b, "\r\n--%s\r\nContent-Type: application/pdf; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n", boundary, m.pdf, m.pdf)
	b.WriteString(base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n% test attachment\n%%EOF\n")) + "\r\n")
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return []byte(b.String())
}

var deskMessages = []message{
	{
		from: "Tata Usaha Kemendagri <tu@kemendagri.go.id>", subject: "Undangan Rapat Koordinasi Persandian Tahun 2027",
		number: "005/4512/SJ", sifat: "Biasa", hal: "Undangan Rapat Koordinasi Persandian Tahun 2027",
		to: "Walikota Pekalongan", pdf: "undangan-rakor.pdf",
		body: "Dengan hormat, dalam rangka penyusunan rencana kerja persandian tahun 2027, kami mengundang\r\nSaudara atau pejabat yang ditunjuk untuk hadir pada rapat koordinasi.\r\n\r\nTembusan: Sekretaris Daerah",
		date: time.Date(2026, 11, 27, 8, 5, 0, 0, wib),
	},
	{
		from: "Diskominfo Provinsi Jawa Tengah <diskominfo@jatengprov.go.id>", subject: "Permohonan Data Aplikasi Layanan Publik",
		number: "045/2231/Kominfo", sifat: "Segera", hal: "Permohonan Data Aplikasi Layanan Publik",
		to:   "Kepala Dinas Komunikasi dan Informatika Kota Pekalongan",
		body: "Sehubungan dengan pemutakhiran katalog aplikasi, kami mohon data aplikasi layanan publik.",
		date: time.Date(2026, 11, 26, 7, 40, 0, 0, wib),
	},
	{
		from: "Biro Umum BSSN <umum@bssn.go.id>", subject: "RAHASIA - Laporan Uji Kelayakan Jaringan Sandi",
		number: "R-118/BSSN/D3/11/2026", sifat: "Rahasia", hal: "Laporan Uji Kelayakan Jaringan Sandi",
		to: "Walikota Pekalongan", body: "Isi laporan terlampir dalam amplop tertutup.",
		date: time.Date(2026, 11, 26, 14, 30, 0, 0, wib),
	},
	{
		from: "Bappeda Kota Pekalongan <bappeda@pekalongankota.go.id>", subject: "Undangan Musrenbang Kecamatan",
		number: "050/812/Bappeda", sifat: "Biasa", hal: "Undangan Musrenbang Kecamatan",
		to: "Camat Pekalongan Utara", body: "Musrenbang kecamatan dilaksanakan pada pekan depan.",
		date: time.Date(2026, 11, 25, 10, 0, 0, 0, wib),
	},
	{
		from: "Deputi RB KemenPANRB <deputirb@menpan.go.id>", subject: "Surat Edaran Jam Kerja Akhir Tahun",
		number: "B/411/M.SM.02.03/2026", sifat: "Biasa", hal: "Surat Edaran Jam Kerja Akhir Tahun",
		to: "Sekretaris Daerah Kota Pekalongan", body: "Bersama ini disampaikan surat edaran tentang jam kerja.",
		date: time.Date(2026, 11, 24, 9, 30, 0, 0, wib),
	},
}

// seedDesk stores the desk messages: the first three new (one of them
// classified), the fourth registered, the fifth out with a courier.
// settleClasses is the intake's second half, after a test stored messages
// as the intake does (mail.NewIncoming, Add): the classes their PDFs
// declare are read.
func settleClasses(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := mail.SettleClasses(context.Background(), db); err != nil {
		t.Fatalf("SettleClasses() = %v", err)
	}
}

func seedDesk(t testing.TB) func(db *store.DB) {
	return func(db *store.DB) {
		t.Helper()
		var in []store.Incoming
		for i := len(deskMessages) - 1; i >= 0; i-- {
			m := deskMessages[i]
			in = append(in, mail.NewIncoming(m.raw(), m.date.Add(9*time.Minute), store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(len(in) + 1)}))
		}
		res, err := db.Add(in)
		if err != nil || len(res.Added) != len(deskMessages) {
			t.Fatalf("Add() = %+v, %v", res, err)
		}
		settleClasses(t, db)
		// IDs run oldest first: 1 is the PANRB letter, 2 Bappeda.
		must := func(_ *store.Letter, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("seed step: %v", err)
			}
		}
		for _, id := range []uint64{1, 2} {
			must(db.Route(id, []store.Recipient{{Name: "Sekretaris Daerah"}, {Name: "Camat Pekalongan Utara"}}))
			must(db.RecordCopiesPrinted(id))
			must(db.Register(id, store.Registration{LetterNumber: deskMessages[5-id].number}))
		}
		must(db.RecordCardPrinted(1))
		for range 3 {
			must(db.Initial(1, "", time.Time{}))
		}
		must(db.Assign(1, "Pak Darto", time.Time{}))
		must(db.Deliver(1, "Sekretaris Daerah", "", "Ajudan Sekda", time.Time{}))
	}
}

// hostile is a message whose headers and body try to take over the
// terminal: retitle the window, write the clipboard, clear the screen,
// hide and reverse text.
func hostile() []byte {
	return []byte("From: =?UTF-8?Q?Pusat_Operasi_=1B]0;DIRETAS=07?= <soc@bssn.go.id>\r\n" +
		"To: persandian@pekalongankota.go.id\r\n" +
		"Subject: =?UTF-8?Q?Pemeliharaan_Jaringan_=1B]0;SISTEM_DIRETAS=07=1B[2J?=\r\n" +
		"Date: Fri, 27 Nov 2026 08:30:00 +0700\r\nMessage-ID: <hostile@bssn.go.id>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Nomor : B-2201/BSSN/D2/11/2026\r\nHal   : Pemeliharaan Jaringan\r\n\r\n" +
		"Layanan \x1b[31mtidak dapat diakses\x1b[0m malam ini.\r\n" +
		"\x1b]52;c;ZWNobyBkaXJldGFz\x07Mohon maaf.\x1b[8m teks tersembunyi\x1b[0m\r\n" +
		"Rekening: \u202e1234-5678\u202c (teks terbalik)\x1bP+q544e\x1b\\\r\n")
}
