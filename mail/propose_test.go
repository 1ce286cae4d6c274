package mail

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

func TestProposeDemo(t *testing.T) {
	now := time.Date(2026, 11, 23, 8, 14, 0, 0, demoZone)
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, demoZone)
	for _, tc := range []struct {
		file string
		want Proposal
	}{
		{"01-kemendagri-undangan-rakor.eml", Proposal{Sender: "Tata Usaha Setjen Kemendagri", LetterNumber: "005/4512/SJ", LetterDate: day,
			Subject: "Undangan Rapat Koordinasi Persandian Tahun 2027", Attachments: "1 (satu) berkas", Urgency: store.UrgencyUrgent, SifatText: "Segera"}},
		{"04-jateng-bimtek-html.eml", Proposal{Sender: "Diskominfo Provinsi Jawa Tengah", LetterNumber: "005/3411/Kominfo", LetterDate: day,
			Subject: "Undangan Bimbingan Teknis Pengelolaan Persandian", Attachments: "-", Class: store.ClassOrdinary, Urgency: store.UrgencyOrdinary, SifatText: "Biasa"}},
		{"07-bssn-rahasia.eml", Proposal{Sender: "Direktorat Persandian Pemda BSSN", LetterNumber: "R-0442/BSSN/D3/PS.01.03/11/2026", LetterDate: day,
			Subject: "Laporan Hasil Uji Kelayakan Jaringan Komunikasi Sandi", Attachments: "1 (satu) berkas", Class: store.ClassSecret, SifatText: "Rahasia"}},
		{"13-bpbd-jateng-peringatan-dini.eml", Proposal{Sender: "Pusdalops BPBD Provinsi Jawa Tengah", LetterNumber: "360/1893/BPBD", LetterDate: day,
			Subject: "Peringatan Dini Cuaca Ekstrem di Wilayah Pantura", Attachments: "-", Urgency: store.UrgencyVeryUrgent, SifatText: "Sangat Segera"}},
		{"22-bssn-kunci-sandi.eml", Proposal{Sender: "Direktorat Persandian Pemda BSSN", LetterNumber: "B-3016/BSSN/D3/PS.02.01/11/2026", LetterDate: day,
			Subject: "Pemberitahuan Jadwal Penggantian Kunci Sandi", Attachments: "-", Class: store.ClassRestricted, SifatText: "Terbatas"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m := Read(fillDemo(readFile(t, "demo/"+tc.file), now))
			if got := Propose(m, demoZone); got != tc.want {
				t.Errorf("Propose() =\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}

func TestProposeFallbacks(t *testing.T) {
	raw := "From: =?UTF-8?Q?Sekretariat_Daerah?= <setda@jatengprov.go.id>\r\n" +
		"Subject: Fwd: RE: [RAHASIA] Laporan\r\nDate: Tue, 24 Nov 2026 23:30:00 +0000\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nSemarang, 20 Nop 2026\r\n\r\nNo. : 045/77\r\nPerihal: Laporan\r\n  bulanan\r\nDerajat : Kilat\r\n" +
		"--b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\nx\r\n--b\r\nContent-Type: application/pdf; name=b.pdf\r\n\r\ny\r\n--b--\r\n"
	got := Propose(Read([]byte(raw)), demoZone)
	want := Proposal{Sender: "Sekretariat Daerah", LetterNumber: "045/77", LetterDate: time.Date(2026, 11, 20, 0, 0, 0, 0, demoZone),
		Subject: "Laporan bulanan", Attachments: "2 berkas", Class: store.ClassSecret, Urgency: store.UrgencyFlash}
	if got != want {
		t.Errorf("Propose() =\n%+v\nwant\n%+v", got, want)
	}
	// Nothing in the text: the headers speak, the date in the desk's zone.
	got = Propose(Read([]byte("From: tu@kemendagri.go.id\r\nSubject: Re: Undangan\r\nDate: Tue, 24 Nov 2026 23:30:00 +0000\r\n\r\nisi\r\n")), demoZone)
	want = Proposal{Sender: "tu@kemendagri.go.id", Subject: "Undangan", LetterDate: time.Date(2026, 11, 25, 0, 0, 0, 0, demoZone)}
	if got != want {
		t.Errorf("Propose() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestParseLetterDate(t *testing.T) {
	for in, want := range map[string]string{
		"23 November 2026":        "2026-11-23",
		"Senin, 7 Desember 2026":  "2026-12-07",
		"1 Agt 2026":              "2026-08-01",
		"05-01-2027":              "2027-01-05",
		"5/1/2027":                "2027-01-05",
		"2026-11-23":              "2026-11-23",
		"31 November 2026":        "",
		"hari/tanggal : -":        "",
		"12 Brumaire 2026":        "",
		"Jakarta, 2 Januari 2026": "2026-01-02",
	} {
		got, ok := parseLetterDate(in, demoZone)
		if s := got.Format("2006-01-02"); (ok && s != want) || (!ok && want != "") {
			t.Errorf("parseLetterDate(%q) = %s, %v; want %q", in, s, ok, want)
		}
	}
}

func TestDeclaredClass(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString([]byte("Nomor : 005/1/2026\r\nSifat : Sangat Rahasia\r\nHal : Uji\r\n"))
	tests := []struct {
		name string
		raw  string
		want store.SecurityClass
	}{
		{"nothing said", "From: a@b.go.id\r\nSubject: Undangan rapat\r\n\r\nNomor : 005/1/2026\r\nHal : Rapat\r\n", ""},
		{"Sifat line", "From: a@b.go.id\r\nSubject: Surat\r\n\r\nNomor : 005/1/2026\r\nSifat : Rahasia\r\n", store.ClassSecret},
		{"Sifat Segera is urgency", "From: a@b.go.id\r\nSubject: Surat\r\n\r\nSifat : Segera\r\n", ""},
		{"subject marker", "From: a@b.go.id\r\nSubject: RAHASIA - laporan\r\n\r\nTerlampir.\r\n", store.ClassSecret},
		{"header", "From: a@b.go.id\r\nX-Sifat: Sangat Rahasia\r\nSubject: Laporan\r\n\r\nTerlampir.\r\n", store.ClassTopSecret},
		{"Terbatas", "From: a@b.go.id\r\nSubject: Surat\r\n\r\nKlasifikasi : Terbatas\r\n", store.ClassRestricted},
		{"hidden in base64", "From: a@b.go.id\r\nSubject: Surat\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n", store.ClassTopSecret},
		{"encoded subject", "From: a@b.go.id\r\nSubject: =?utf-8?q?Rahasia=3A_laporan?=\r\n\r\nTerlampir.\r\n", store.ClassSecret},
	}
	for _, tt := range tests {
		if got := DeclaredClass([]byte(tt.raw)); got != tt.want {
			t.Errorf("%s: DeclaredClass() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The quick look sends to the full look every message whose raw bytes
// show a class word as letters write it, or that holds what could hide
// one; and no other.
func TestQuickLookForClass(t *testing.T) {
	for _, w := range []string{"rahasia", "terbatas"} {
		for _, form := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !hasClassWord([]byte("Sifat : " + form + "\r\n")) {
				t.Errorf("hasClassWord() missed %q", form)
			}
		}
	}
	head := "From: a@b.go.id\r\nSubject: Surat\r\n"
	part := func(header, body string) string {
		return head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nTerlampir.\r\n" +
			"--b\r\n" + header + "\r\n\r\n" + body + "\r\n--b--\r\n"
	}
	b64 := base64.StdEncoding.EncodeToString([]byte("Hal : Uji\r\n"))
	for _, tt := range []struct {
		name string
		raw  string
		may  bool
	}{
		{"plain UTF-8", head + "Content-Type: text/plain; charset=utf-8\r\n\r\nSifat : Biasa\r\n", false},
		{"the word base64 in the text", head + "\r\nKirim berkas dalam base64 atau quoted-printable.\r\n", false},
		{"an image in base64", part("Content-Type: image/png; name=a.png\r\nContent-Transfer-Encoding: base64", b64), false},
		{"text in base64", head + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n", true},
		{"text in quoted-printable", head + "Content-Transfer-Encoding: quoted-printable\r\n\r\nHal =3A Uji\r\n", true},
		{"text in Latin-1", head + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\nHal : Uji\r\n", true},
		{"HTML", head + "Content-Type: text/html\r\n\r\n<p>Raha<b>sia</b></p>\r\n", true},
		{"an encoded subject", "From: a@b.go.id\r\nSubject: =?utf-8?q?Surat?=\r\n\r\nHal : Uji\r\n", true},
		{"a PDF", part("Content-Type: application/pdf; name=surat.pdf\r\nContent-Transfer-Encoding: base64", b64), true},
		{"an attached message in base64", part("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64", b64), true},
		{"an attached message with an encoded subject", part("Content-Type: message/rfc822", "Subject: =?utf-8?q?Surat?=\r\n\r\nHal : Uji"), true},
	} {
		if got := summarize([]byte(tt.raw)).mayHideClass; got != tt.may {
			t.Errorf("%s: mayHideClass = %v, want %v", tt.name, got, tt.may)
		}
	}
}

func TestProposeRecipientsLeavesOutTheSender(t *testing.T) {
	dir := &store.Directory{Recipients: []store.DirectoryRecipient{
		{Name: "Walikota"}, {Name: "Wakil Walikota"}, {Name: "Sekretaris Daerah"},
		{Name: "Kepala Dinas Sosial"}, {Name: "Kepala Dinas Kesehatan"}, {Name: "Kepala Bappeda"},
	}}
	tests := []struct {
		name, from, text string
		want             []string
	}{
		{"signed by the sender's head", "Tata Usaha <tu@dinsos.go.id>",
			"Yth. Walikota Pekalongan\nHal : Bantuan sosial\n\nDemikian.\n\nKEPALA DINAS SOSIAL,\n\nDrs. Budi\n\nTembusan:\n1. Kepala Dinas Kesehatan\n",
			[]string{"Kepala Dinas Kesehatan", "Walikota"}},
		{"on behalf of", "Setda <setda@pekalongankota.go.id>",
			"Yth. Wakil Walikota\n\na.n. Sekretaris Daerah\nAsisten Pemerintahan\n",
			[]string{"Wakil Walikota"}},
		{"the sending office in From", "Dinas Sosial Kota Pekalongan <dinsos@pekalongankota.go.id>",
			"Kepada Yth. Kepala Bappeda dan Kepala Dinas Sosial\n",
			[]string{"Kepala Bappeda"}},
		{"a Dari line", "x@y.go.id",
			"Dari : Kepala Bappeda\nKepada : Walikota\n",
			[]string{"Walikota"}},
	}
	for _, tt := range tests {
		raw := "From: " + tt.from + "\r\nSubject: Surat\r\n\r\n" + strings.ReplaceAll(tt.text, "\n", "\r\n")
		got := ProposeRecipients(dir, Read([]byte(raw)), "")
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: ProposeRecipients() = %q, want %q", tt.name, got, tt.want)
		}
	}
}
