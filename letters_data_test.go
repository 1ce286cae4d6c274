package main

// The corpus of official letters the measurement reads: realistic letters
// after Permendagri Nomor 1 Tahun 2023 on tata naskah dinas (surat biasa,
// undangan, surat edaran, nota dinas, permohonan data) from ministries, the
// province and city offices, with the fields a careful operator would
// register from each. Names of people are made up.

// corpusLetter is one letter of the corpus: how it is laid out and what it
// says, and (in Truth) what should be proposed from it.
type corpusLetter struct {
	Name string
	// Layout: "2023" (date above the heading, Yth. below it), "classic"
	// (Nomor beside the date, Kepada Yth. in a right column), "se" (surat
	// edaran) or "nota" (nota dinas).
	Layout   string
	Head     []string // the letterhead, in capitals
	Address  string
	Stamp    string   // RAHASIA / SANGAT RAHASIA above and below, or ""
	Date     string   // "Semarang, 20 November 2026"; for "se" the date alone
	Place    string   // for "se": Ditetapkan di ...
	Number   string   // as printed after "Nomor"
	Sifat    string   // "" when the letter has no Sifat line
	Lampiran string   // "" when none
	Hal      []string // the subject's lines as printed
	Title    []string // for "se": the title after TENTANG
	Yth      []string // one addressee, or a numbered list
	Dari     string   // for "nota"
	Body     []string
	Sign     []string // the signer's position lines
	Signer   string
	Rank     string
	Tembusan []string
	Long     bool // two pages
	// Subject of the carrying e-mail, and the lines of its body besides
	// "Terlampir ...".
	MailSubject string
	MailLines   []string
	Truth       letterTruth
}

// letterTruth is what should be proposed from a letter.
type letterTruth struct {
	Number        string   `json:"number"`
	Date          string   `json:"date"`
	Subject       string   `json:"subject"`
	Origin        string   `json:"origin"`
	Class         string   `json:"class"`
	Urgency       string   `json:"urgency"`
	Attachments   string   `json:"attachments"`
	Recipients    []string `json:"recipients"`
	NewRecipients []string `json:"new_recipients"`
	Pages         int      `json:"pages"`
}

var (
	bodyInvite = []string{
		"Dalam rangka meningkatkan koordinasi dan sinergi penyelenggaraan pemerintahan daerah, dengan hormat kami mengundang Bapak/Ibu untuk hadir pada kegiatan yang akan dilaksanakan pada:",
		"hari/tanggal : Kamis, 10 Desember 2026; pukul 09.00 WIB s.d. selesai; tempat : Ruang Rapat Utama, Lantai 2.",
		"Mengingat pentingnya acara tersebut, dimohon kehadiran Bapak/Ibu tepat pada waktunya. Konfirmasi kehadiran dapat disampaikan melalui narahubung kami pada jam kerja.",
		"Demikian undangan ini kami sampaikan, atas perhatian dan kehadirannya diucapkan terima kasih.",
	}
	bodyData = []string{
		"Sehubungan dengan penyusunan laporan kinerja dan pemutakhiran basis data yang menjadi kewenangan kami, dengan hormat kami mohon bantuan Bapak/Ibu untuk menyampaikan data sebagaimana tercantum dalam lampiran surat ini.",
		"Data tersebut agar disampaikan paling lambat tanggal 15 Desember 2026 dalam bentuk salinan cetak dan berkas elektronik melalui surat elektronik dinas kami.",
		"Demikian permohonan ini kami sampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih.",
	}
	bodyReport = []string{
		"Dengan hormat kami laporkan bahwa telah terjadi kejadian sebagaimana dimaksud dalam pokok surat ini, yang berdampak pada sejumlah warga dan sarana umum di wilayah terdampak.",
		"Tim reaksi cepat telah diterjunkan ke lokasi untuk melakukan kaji cepat, evakuasi warga rentan, dan pendataan kebutuhan dasar. Perkembangan lebih lanjut akan kami sampaikan secara berkala.",
		"Demikian laporan ini kami sampaikan untuk menjadi periksa dan mohon arahan lebih lanjut.",
	}
	bodySE = []string{
		"Dalam rangka menindaklanjuti ketentuan peraturan perundang-undangan yang berlaku dan memperhatikan perkembangan keadaan di daerah, bersama ini disampaikan hal-hal sebagai berikut:",
		"1. Setiap perangkat daerah agar meningkatkan kesiapsiagaan dan memastikan pelayanan kepada masyarakat tetap berjalan dengan baik.",
		"2. Melakukan koordinasi dengan instansi terkait serta melaporkan perkembangan pelaksanaan secara berkala kepada pimpinan.",
		"3. Surat Edaran ini berlaku sejak tanggal ditetapkan sampai dengan adanya ketentuan lebih lanjut.",
		"Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.",
	}
	bodySecret = []string{
		"Bersama ini kami sampaikan informasi sebagaimana dimaksud dalam pokok surat, untuk menjadi bahan pertimbangan dalam pengambilan kebijakan pimpinan daerah.",
		"Informasi ini hanya untuk diketahui oleh pejabat yang dituju dan tidak untuk disebarluaskan.",
		"Demikian untuk menjadi perhatian.",
	}
)

// long makes a body run onto a second page.
func long(body []string) []string {
	var out []string
	extra := "Pelaksanaan kegiatan ini berpedoman pada ketentuan peraturan perundang-undangan yang berlaku, dengan memperhatikan prinsip efektivitas, efisiensi, akuntabilitas, dan transparansi dalam penggunaan anggaran serta koordinasi lintas perangkat daerah yang terkait dengan urusan pemerintahan dimaksud."
	out = append(out, body[0])
	for i := 0; i < 7; i++ {
		out = append(out, extra)
	}
	return append(out, body[1:]...)
}

var allAsisten = []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum"}
var allCamat = []string{"Camat Pekalongan Barat", "Camat Pekalongan Timur", "Camat Pekalongan Utara", "Camat Pekalongan Selatan"}

func corpus() []corpusLetter {
	return []corpusLetter{
		{
			Name: "01-kemendagri-undangan", Layout: "2023",
			Head: []string{"KEMENTERIAN DALAM NEGERI", "REPUBLIK INDONESIA"}, Address: "Jalan Medan Merdeka Utara Nomor 7 Jakarta 10110 Telepon (021) 3450038 Laman www.kemendagri.go.id",
			Date: "Jakarta, 20 November 2026", Number: "000.1.2.3/4512/SJ", Sifat: "Segera", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Undangan Rapat Koordinasi Persandian dan Keamanan", "Informasi Pemerintah Daerah Tahun 2027"},
			Yth:  []string{"Gubernur seluruh Indonesia", "Bupati/Wali Kota seluruh Indonesia"},
			Body: bodyInvite, Sign: []string{"a.n. MENTERI DALAM NEGERI", "SEKRETARIS JENDERAL,"}, Signer: "Dr. Arif Wicaksono, M.Si.", Rank: "Pembina Utama",
			Tembusan:    []string{"Menteri Dalam Negeri (sebagai laporan)"},
			MailSubject: "Fwd: Undangan Rakor Persandian", MailLines: nil,
			Truth: letterTruth{Number: "000.1.2.3/4512/SJ", Date: "2026-11-20", Subject: "Undangan Rapat Koordinasi Persandian dan Keamanan Informasi Pemerintah Daerah Tahun 2027",
				Origin: "Kementerian Dalam Negeri", Class: "B", Urgency: "Segera", Attachments: "1 (satu) berkas", Recipients: []string{"Walikota"}},
		},
		{
			Name: "02-bssn-permohonan-data", Layout: "2023",
			Head: []string{"BADAN SIBER DAN SANDI NEGARA"}, Address: "Jalan Harsono RM Nomor 70 Ragunan Jakarta Selatan 12550 Telepon (021) 7805814",
			Date: "Jakarta, 23 Nopember 2026", Number: "B-1234/D.3/PI.01.02/11/2026", Sifat: "Biasa", Lampiran: "1 (satu) lembar",
			Hal:  []string{"Permohonan Data Pengelolaan Persandian Pemerintah Daerah"},
			Yth:  []string{"Kepala Dinas Komunikasi dan Informatika Kabupaten/Kota se-Jawa Tengah"},
			Body: bodyData, Sign: []string{"DEPUTI BIDANG KEAMANAN SIBER DAN SANDI", "PEMERINTAHAN DAN PEMBANGUNAN MANUSIA,"}, Signer: "Ir. Bambang Sulistyo, M.T.", Rank: "Pembina Utama Madya",
			Tembusan:    []string{"Kepala Badan Siber dan Sandi Negara", "Gubernur Jawa Tengah"},
			MailSubject: "Surat dari BSSN",
			Truth: letterTruth{Number: "B-1234/D.3/PI.01.02/11/2026", Date: "2026-11-23", Subject: "Permohonan Data Pengelolaan Persandian Pemerintah Daerah",
				Origin: "Badan Siber dan Sandi Negara", Class: "B", Urgency: "Biasa", Attachments: "1 (satu) lembar", Recipients: []string{"Kepala Dinas Komunikasi dan Informatika"}},
		},
		{
			Name: "03-gubernur-surat-edaran", Layout: "se",
			Head: []string{"GUBERNUR JAWA TENGAH"}, Date: "25 November 2026", Place: "Semarang",
			Number: "360/0012345 TAHUN 2026",
			Title:  []string{"KESIAPSIAGAAN MENGHADAPI BENCANA HIDROMETEOROLOGI", "PADA MUSIM PENGHUJAN TAHUN 2026/2027"},
			Yth:    []string{"Bupati/Wali Kota se-Jawa Tengah", "Kepala Pelaksana BPBD Kabupaten/Kota se-Jawa Tengah"},
			Body:   bodySE, Sign: []string{"GUBERNUR JAWA TENGAH,"}, Signer: "HENDRAWAN PRASETYO",
			MailSubject: "SE Gubernur Kesiapsiagaan Bencana",
			Truth: letterTruth{Number: "360/0012345 TAHUN 2026", Date: "2026-11-25", Subject: "KESIAPSIAGAAN MENGHADAPI BENCANA HIDROMETEOROLOGI PADA MUSIM PENGHUJAN TAHUN 2026/2027",
				Origin: "Gubernur Jawa Tengah", Recipients: []string{"Walikota", "Kepala BPBD"}},
		},
		{
			Name: "04-setda-undangan", Layout: "2023",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "SEKRETARIAT DAERAH"}, Address: "Jalan Mataram Nomor 1 Pekalongan 51111 Telepon (0285) 421921 Laman setda.pekalongankota.go.id",
			Date: "Pekalongan, 24-11-2026", Number: "005/1187", Sifat: "Segera", Lampiran: "-",
			Hal:  []string{"Undangan Rapat Evaluasi Penyelenggaraan Pemerintahan Daerah"},
			Yth:  []string{"Kepala Dinas Kesehatan Kota Pekalongan", "Kepala Dinas Pendidikan Kota Pekalongan", "Camat se-Kota Pekalongan"},
			Body: bodyInvite, Sign: []string{"a.n. WALI KOTA PEKALONGAN", "SEKRETARIS DAERAH,"}, Signer: "Ir. Sutanto Wibowo, M.M.", Rank: "Pembina Utama Muda",
			Tembusan:    []string{"Wali Kota Pekalongan (sebagai laporan)", "Wakil Wali Kota Pekalongan"},
			MailSubject: "Undangan rapat evaluasi", MailLines: []string{"Nomor : 005/1187"},
			Truth: letterTruth{Number: "005/1187", Date: "2026-11-24", Subject: "Undangan Rapat Evaluasi Penyelenggaraan Pemerintahan Daerah",
				Origin: "Sekretariat Daerah Kota Pekalongan", Class: "B", Urgency: "Segera", Attachments: "-",
				Recipients: append([]string{"Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan"}, append(allCamat, "Walikota", "Wakil Walikota")...)},
		},
		{
			Name: "05-dinkes-provinsi", Layout: "classic",
			Head: []string{"PEMERINTAH PROVINSI JAWA TENGAH", "DINAS KESEHATAN"}, Address: "Jalan Piere Tendean Nomor 24 Semarang 50131 Telepon (024) 3511351",
			Date: "Semarang, 20/11/2026", Number: "443.5/00987", Sifat: "Biasa", Lampiran: "2 (dua) berkas",
			Hal:  []string{"Pelaksanaan Imunisasi Kejar", "Tahun 2026"},
			Yth:  []string{"Kepala Dinas Kesehatan Kabupaten/Kota se-Jawa Tengah"},
			Body: bodyData, Sign: []string{"KEPALA DINAS KESEHATAN", "PROVINSI JAWA TENGAH,"}, Signer: "dr. Ratna Kusumawati, M.Kes.", Rank: "Pembina Utama Muda",
			Tembusan:    []string{"Gubernur Jawa Tengah (sebagai laporan)", "Direktur RSUD Bendan Kota Pekalongan"},
			MailSubject: "Surat Dinkes Prov",
			Truth: letterTruth{Number: "443.5/00987", Date: "2026-11-20", Subject: "Pelaksanaan Imunisasi Kejar Tahun 2026",
				Origin: "Dinas Kesehatan Provinsi Jawa Tengah", Class: "B", Urgency: "Biasa", Attachments: "2 (dua) berkas",
				Recipients: []string{"Kepala Dinas Kesehatan", "Direktur RSUD"}},
		},
		{
			Name: "06-bpbd-nota-dinas", Layout: "nota",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "BADAN PENANGGULANGAN BENCANA DAERAH"}, Address: "Jalan Sriwijaya Nomor 44 Pekalongan 51119 Telepon (0285) 4416161",
			Date: "26 November 2026", Number: "360/412/BPBD", Sifat: "Sangat Segera", Lampiran: "1 (satu) berkas",
			Hal: []string{"Laporan Kejadian Banjir Rob di Kecamatan", "Pekalongan Utara"},
			Yth: []string{"Wali Kota Pekalongan"}, Dari: "Kepala Pelaksana BPBD",
			Body: bodyReport, Sign: []string{"KEPALA PELAKSANA BPBD", "KOTA PEKALONGAN,"}, Signer: "Agus Priyanto, S.T., M.T.", Rank: "Pembina Tingkat I",
			Tembusan:    []string{"Sekretaris Daerah"},
			MailSubject: "nota dinas bpbd",
			Truth: letterTruth{Number: "360/412/BPBD", Date: "2026-11-26", Subject: "Laporan Kejadian Banjir Rob di Kecamatan Pekalongan Utara",
				Origin: "Badan Penanggulangan Bencana Daerah Kota Pekalongan", Class: "B", Urgency: "Sangat Segera", Attachments: "1 (satu) berkas",
				Recipients: []string{"Walikota", "Sekretaris Daerah"}},
		},
		{
			Name: "07-kesbangpol-rahasia", Layout: "2023", Stamp: "RAHASIA",
			Head: []string{"PEMERINTAH PROVINSI JAWA TENGAH", "BADAN KESATUAN BANGSA DAN POLITIK"}, Address: "Jalan Ahmad Yani Nomor 160 Semarang 50136 Telepon (024) 8454990",
			Date: "Semarang, 27 November 2026", Number: "R-200.1/0321", Sifat: "Rahasia", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Informasi Perkembangan Situasi Keamanan Daerah"},
			Yth:  []string{"Wali Kota Pekalongan"},
			Body: bodySecret, Sign: []string{"KEPALA BADAN KESATUAN BANGSA", "DAN POLITIK PROVINSI JAWA TENGAH,"}, Signer: "Drs. Haryanto Saputro, M.Si.", Rank: "Pembina Utama Muda",
			MailSubject: "Surat Kesbangpol Prov",
			Truth: letterTruth{Number: "R-200.1/0321", Date: "2026-11-27", Subject: "Informasi Perkembangan Situasi Keamanan Daerah",
				Origin: "Badan Kesatuan Bangsa dan Politik Provinsi Jawa Tengah", Class: "R", Attachments: "1 (satu) berkas", Recipients: []string{"Walikota"}},
		},
		{
			Name: "08-bin-sangat-rahasia", Layout: "classic", Stamp: "SANGAT RAHASIA",
			Head: []string{"BADAN INTELIJEN NEGARA", "DAERAH JAWA TENGAH"}, Address: "Jalan Pahlawan Nomor 3 Semarang 50241",
			Date: "Semarang, 28 November 2026", Number: "SR-17/BINDA/XI/2026", Sifat: "Sangat Rahasia", Lampiran: "-",
			Hal:  []string{"Penyampaian Informasi Khusus"},
			Yth:  []string{"Wali Kota Pekalongan"},
			Body: bodySecret, Sign: []string{"KEPALA BADAN INTELIJEN NEGARA", "DAERAH JAWA TENGAH,"}, Signer: "Brigjen TNI (Purn.) Sugeng Riyadi", Rank: "",
			MailSubject: "Fwd: scan surat",
			Truth: letterTruth{Number: "SR-17/BINDA/XI/2026", Date: "2026-11-28", Subject: "Penyampaian Informasi Khusus",
				Origin: "Badan Intelijen Negara Daerah Jawa Tengah", Class: "SR", Attachments: "-", Recipients: []string{"Walikota"}},
		},
		{
			Name: "09-polres-rahasia", Layout: "2023", Stamp: "RAHASIA",
			Head: []string{"KEPOLISIAN NEGARA REPUBLIK INDONESIA", "DAERAH JAWA TENGAH", "RESOR PEKALONGAN KOTA"}, Address: "Jalan Diponegoro Nomor 1 Pekalongan 51111",
			Date: "Pekalongan, 1 Desember 2026", Number: "R/412/XII/2026/Intelkam", Sifat: "Rahasia", Lampiran: "-",
			Hal:  []string{"Pengamanan Kegiatan Perayaan Natal dan", "Tahun Baru 2027"},
			Yth:  []string{"Wali Kota Pekalongan", "Kepala Satuan Polisi Pamong Praja Kota Pekalongan"},
			Body: bodySecret, Sign: []string{"KEPALA KEPOLISIAN RESOR PEKALONGAN KOTA,"}, Signer: "Dwi Haryono, S.I.K., M.H.", Rank: "Ajun Komisaris Besar Polisi",
			MailSubject: "Surat Polres",
			Truth: letterTruth{Number: "R/412/XII/2026/Intelkam", Date: "2026-12-01", Subject: "Pengamanan Kegiatan Perayaan Natal dan Tahun Baru 2027",
				Origin: "Kepolisian Negara Republik Indonesia Daerah Jawa Tengah Resor Pekalongan Kota", Class: "R", Attachments: "-",
				Recipients: []string{"Walikota", "Kepala Satpol PP"}},
		},
		{
			Name: "10-kemenkes-undangan", Layout: "2023", Long: true,
			Head: []string{"KEMENTERIAN KESEHATAN", "REPUBLIK INDONESIA"}, Address: "Jalan H.R. Rasuna Said Blok X-5 Kavling 4-9 Jakarta 12950 Telepon (021) 5201590",
			Date: "Jakarta, 2 Desember 2026", Number: "PS.01.02/III/4567/2026", Sifat: "Segera", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Undangan Sosialisasi Transformasi Layanan", "Kesehatan Primer"},
			Yth:  []string{"Kepala Dinas Kesehatan Provinsi seluruh Indonesia", "Kepala Dinas Kesehatan Kabupaten/Kota seluruh Indonesia", "Direktur Rumah Sakit Umum Daerah seluruh Indonesia"},
			Body: long(bodyInvite), Sign: []string{"a.n. MENTERI KESEHATAN", "DIREKTUR JENDERAL KESEHATAN PRIMER", "DAN KOMUNITAS,"}, Signer: "dr. Maria Endang Lestari, M.P.H.", Rank: "Pembina Utama Madya",
			Tembusan:    []string{"Menteri Kesehatan (sebagai laporan)", "Sekretaris Jenderal Kementerian Kesehatan"},
			MailSubject: "Undangan Kemenkes",
			Truth: letterTruth{Number: "PS.01.02/III/4567/2026", Date: "2026-12-02", Subject: "Undangan Sosialisasi Transformasi Layanan Kesehatan Primer",
				Origin: "Kementerian Kesehatan", Class: "B", Urgency: "Segera", Attachments: "1 (satu) berkas",
				Recipients: []string{"Kepala Dinas Kesehatan", "Direktur RSUD"}},
		},
		{
			Name: "11-diskominfo-provinsi-data", Layout: "classic",
			Head: []string{"PEMERINTAH PROVINSI JAWA TENGAH", "DINAS KOMUNIKASI DAN INFORMATIKA"}, Address: "Jalan Menteri Supeno I Nomor 2 Semarang 50243 Telepon (024) 8319140",
			Date: "Semarang, 18 November 2026", Number: "400.14.1/1523", Sifat: "Biasa", Lampiran: "1 (satu) lembar",
			Hal:  []string{"Permohonan Data Pengguna", "Sertifikat Elektronik"},
			Yth:  []string{"Kepala Dinas Komunikasi dan Informatika Kota Pekalongan"},
			Body: bodyData, Sign: []string{"KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "PROVINSI JAWA TENGAH,"}, Signer: "Rina Marlina, S.Kom., M.T.", Rank: "Pembina Utama Muda",
			MailSubject: "Surat dari Diskominfo Jateng", MailLines: []string{"Hal : Permohonan Data Pengguna Sertifikat Elektronik"},
			Truth: letterTruth{Number: "400.14.1/1523", Date: "2026-11-18", Subject: "Permohonan Data Pengguna Sertifikat Elektronik",
				Origin: "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah", Class: "B", Urgency: "Biasa", Attachments: "1 (satu) lembar",
				Recipients: []string{"Kepala Dinas Komunikasi dan Informatika"}},
		},
		{
			Name: "12-dinsos-permohonan-data", Layout: "2023",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "DINAS SOSIAL"}, Address: "Jalan Majapahit Nomor 5 Pekalongan 51118 Telepon (0285) 423380",
			Date: "Pekalongan, 19 November 2026", Number: "400.9/734/Dinsos", Sifat: "Biasa", Lampiran: "-",
			Hal:  []string{"Permohonan Data Kependudukan Penerima Bantuan Sosial"},
			Yth:  []string{"Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Pekalongan"},
			Body: bodyData, Sign: []string{"KEPALA DINAS SOSIAL", "KOTA PEKALONGAN,"}, Signer: "Siti Aminah, S.Sos., M.M.", Rank: "Pembina Tingkat I",
			Tembusan:    []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat"},
			MailSubject: "Permohonan data",
			Truth: letterTruth{Number: "400.9/734/Dinsos", Date: "2026-11-19", Subject: "Permohonan Data Kependudukan Penerima Bantuan Sosial",
				Origin: "Dinas Sosial Kota Pekalongan", Class: "B", Urgency: "Biasa", Attachments: "-",
				Recipients: []string{"Kepala Dinas Kependudukan dan Pencatatan Sipil", "Asisten Pemerintahan dan Kesejahteraan Rakyat"}},
		},
		{
			Name: "13-walikota-surat-edaran", Layout: "se",
			Head: []string{"WALI KOTA PEKALONGAN"}, Date: "1 Desember 2026", Place: "Pekalongan",
			Number: "800.1.6.2/87 TAHUN 2026",
			Title:  []string{"JAM KERJA PEGAWAI APARATUR SIPIL NEGARA", "PADA BULAN DESEMBER TAHUN 2026"},
			Yth:    []string{"Para Asisten Sekretaris Daerah Kota Pekalongan", "Camat se-Kota Pekalongan"},
			Body:   bodySE, Sign: []string{"WALI KOTA PEKALONGAN,"}, Signer: "MUHAMMAD SOLIHIN",
			MailSubject: "SE Jam Kerja",
			Truth: letterTruth{Number: "800.1.6.2/87 TAHUN 2026", Date: "2026-12-01", Subject: "JAM KERJA PEGAWAI APARATUR SIPIL NEGARA PADA BULAN DESEMBER TAHUN 2026",
				Origin: "Wali Kota Pekalongan", Recipients: append(append([]string{}, allAsisten...), allCamat...)},
		},
		{
			Name: "14-batang-dishub-undangan", Layout: "classic",
			Head: []string{"PEMERINTAH KABUPATEN BATANG", "DINAS PERHUBUNGAN"}, Address: "Jalan Gajah Mada Nomor 112 Batang 51216 Telepon (0285) 391234",
			Date: "Batang, 27 Nopember 2026", Number: "551/2211/2026", Sifat: "Biasa", Lampiran: "-",
			Hal:  []string{"Undangan Rapat Koordinasi", "Arus Mudik Natal dan", "Tahun Baru"},
			Yth:  []string{"Kepala Dinas Perhubungan Kota Pekalongan", "Kepala Satuan Polisi Pamong Praja Kota Pekalongan", "Kepala Kepolisian Resor Batang"},
			Body: bodyInvite, Sign: []string{"KEPALA DINAS PERHUBUNGAN", "KABUPATEN BATANG,"}, Signer: "Teguh Santoso, S.H., M.H.", Rank: "Pembina Tingkat I",
			MailSubject: "Undangan Dishub Batang",
			Truth: letterTruth{Number: "551/2211/2026", Date: "2026-11-27", Subject: "Undangan Rapat Koordinasi Arus Mudik Natal dan Tahun Baru",
				Origin: "Dinas Perhubungan Kabupaten Batang", Class: "B", Urgency: "Biasa", Attachments: "-",
				Recipients: []string{"Kepala Dinas Perhubungan", "Kepala Satpol PP"}},
		},
		{
			Name: "15-kemenpanrb-surat-edaran", Layout: "se", Long: true,
			Head: []string{"KEMENTERIAN PENDAYAGUNAAN APARATUR NEGARA", "DAN REFORMASI BIROKRASI", "REPUBLIK INDONESIA"}, Date: "30 November 2026", Place: "Jakarta",
			Number: "12 TAHUN 2026",
			Title:  []string{"PELAKSANAAN TUGAS KEDINASAN PEGAWAI APARATUR SIPIL NEGARA", "PADA AKHIR TAHUN ANGGARAN 2026"},
			Yth:    []string{"Para Menteri Kabinet Merah Putih", "Gubernur", "Bupati/Wali Kota"},
			Body:   long(bodySE), Sign: []string{"MENTERI PENDAYAGUNAAN APARATUR NEGARA", "DAN REFORMASI BIROKRASI", "REPUBLIK INDONESIA,"}, Signer: "RAHMAT HIDAYAT",
			MailSubject: "SE MenPANRB",
			Truth: letterTruth{Number: "12 TAHUN 2026", Date: "2026-11-30", Subject: "PELAKSANAAN TUGAS KEDINASAN PEGAWAI APARATUR SIPIL NEGARA PADA AKHIR TAHUN ANGGARAN 2026",
				Origin: "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", Recipients: []string{"Walikota"}},
		},
		{
			Name: "16-inspektorat-provinsi", Layout: "classic",
			Head: []string{"PEMERINTAH PROVINSI JAWA TENGAH", "INSPEKTORAT"}, Address: "Jalan Pemuda Nomor 134 Semarang 50132 Telepon (024) 3546012",
			Date: "Semarang, 3 Desember 2026", Number: "700.1.2/0456", Sifat: "Segera", Lampiran: "1 (satu) eksemplar",
			Hal:  []string{"Permintaan Data Tindak Lanjut", "Hasil Pemeriksaan"},
			Yth:  []string{"Inspektur Kota Pekalongan"},
			Body: bodyData, Sign: []string{"INSPEKTUR PROVINSI JAWA TENGAH,"}, Signer: "Drs. Eko Purnomo, M.M.", Rank: "Pembina Utama Muda",
			Tembusan:    []string{"Wali Kota Pekalongan"},
			MailSubject: "Surat Inspektorat Prov",
			Truth: letterTruth{Number: "700.1.2/0456", Date: "2026-12-03", Subject: "Permintaan Data Tindak Lanjut Hasil Pemeriksaan",
				Origin: "Inspektorat Provinsi Jawa Tengah", Class: "B", Urgency: "Segera", Attachments: "1 (satu) eksemplar",
				Recipients: []string{"Inspektur", "Walikota"}},
		},
		{
			Name: "17-dpupr-undangan-dprd", Layout: "2023",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"}, Address: "Jalan Hayam Wuruk Nomor 2 Pekalongan 51111 Telepon (0285) 422531",
			Date: "Pekalongan, 20 November 2026", Number: "600.1/1977", Sifat: "Segera", Lampiran: "-",
			Hal:  []string{"Undangan Peninjauan Lapangan Pembangunan Saluran", "Drainase Kawasan Pesisir"},
			Yth:  []string{"Ketua DPRD Kota Pekalongan", "Kepala Badan Perencanaan Pembangunan Daerah Kota Pekalongan", "Camat Pekalongan Utara"},
			Body: bodyInvite, Sign: []string{"KEPALA DINAS PEKERJAAN UMUM", "DAN PENATAAN RUANG", "KOTA PEKALONGAN,"}, Signer: "Ir. Budi Hartono, M.T.", Rank: "Pembina Tingkat I",
			Tembusan:    []string{"Wali Kota Pekalongan (sebagai laporan)", "Sekretaris Daerah Kota Pekalongan"},
			MailSubject: "Undangan peninjauan", MailLines: []string{"Nomor : 600.1/1977", "Hal : Undangan Peninjauan Lapangan"},
			Truth: letterTruth{Number: "600.1/1977", Date: "2026-11-20", Subject: "Undangan Peninjauan Lapangan Pembangunan Saluran Drainase Kawasan Pesisir",
				Origin: "Dinas Pekerjaan Umum dan Penataan Ruang Kota Pekalongan", Class: "B", Urgency: "Segera", Attachments: "-",
				Recipients: []string{"Kepala Bappeda", "Camat Pekalongan Utara", "Walikota", "Sekretaris Daerah"}, NewRecipients: []string{"Ketua DPRD"}},
		},
		{
			Name: "18-kecamatan-musrenbang", Layout: "2023",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "KECAMATAN PEKALONGAN BARAT"}, Address: "Jalan Merdeka Nomor 21 Pekalongan 51112 Telepon (0285) 421543",
			Date: "Pekalongan, 25/11/2026", Number: "050/388", Sifat: "Biasa", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Permohonan Dukungan Pelaksanaan Musyawarah Perencanaan", "Pembangunan Kelurahan"},
			Yth:  []string{"Kepala Bappeda Kota Pekalongan", "Lurah Kergon Kota Pekalongan"},
			Body: bodyData, Sign: []string{"CAMAT PEKALONGAN BARAT,"}, Signer: "Hadi Susilo, S.STP., M.Si.", Rank: "Pembina",
			Tembusan:    []string{"Wali Kota Pekalongan"},
			MailSubject: "surat kecamatan",
			Truth: letterTruth{Number: "050/388", Date: "2026-11-25", Subject: "Permohonan Dukungan Pelaksanaan Musyawarah Perencanaan Pembangunan Kelurahan",
				Origin: "Kecamatan Pekalongan Barat Kota Pekalongan", Class: "B", Urgency: "Biasa", Attachments: "1 (satu) berkas",
				Recipients: []string{"Kepala Bappeda", "Walikota"}, NewRecipients: []string{"Lurah Kergon"}},
		},
		{
			Name: "19-setwan-paripurna", Layout: "2023", Long: true,
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH"}, Address: "Jalan Sriwijaya Nomor 19 Pekalongan 51111 Telepon (0285) 421094",
			Date: "Pekalongan, 4 Desember 2026", Number: "005/655/DPRD", Sifat: "Segera", Lampiran: "-",
			Hal:  []string{"Undangan Rapat Paripurna Penetapan Peraturan Daerah", "tentang Anggaran Pendapatan dan Belanja Daerah", "Tahun Anggaran 2027"},
			Yth:  []string{"Wali Kota Pekalongan", "Para Asisten Sekretaris Daerah Kota Pekalongan", "Kepala Badan Keuangan Daerah Kota Pekalongan"},
			Body: long(bodyInvite), Sign: []string{"SEKRETARIS DPRD", "KOTA PEKALONGAN,"}, Signer: "Drs. Wahyu Nugroho, M.Si.", Rank: "Pembina Utama Muda",
			Tembusan:    []string{"Ketua DPRD Kota Pekalongan"},
			MailSubject: "Undangan Paripurna",
			Truth: letterTruth{Number: "005/655/DPRD", Date: "2026-12-04", Subject: "Undangan Rapat Paripurna Penetapan Peraturan Daerah tentang Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2027",
				Origin: "Sekretariat Dewan Perwakilan Rakyat Daerah Kota Pekalongan", Class: "B", Urgency: "Segera", Attachments: "-",
				Recipients: append(append([]string{"Walikota"}, allAsisten...), "Kepala Badan Keuangan Daerah"), NewRecipients: []string{"Ketua DPRD"}},
		},
		{
			Name: "20-komdigi-pusat-data", Layout: "2023", Long: true,
			Head: []string{"KEMENTERIAN KOMUNIKASI DAN DIGITAL", "REPUBLIK INDONESIA"}, Address: "Jalan Medan Merdeka Barat Nomor 9 Jakarta 10110 Telepon (021) 3452841",
			Date: "Jakarta, 26 November 2026", Number: "B-2207/DJAI/AI.02.04/11/2026", Sifat: "Biasa", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Pemutakhiran Data Pusat Data Nasional"},
			Yth:  []string{"Kepala Dinas Komunikasi dan Informatika Provinsi dan Kabupaten/Kota seluruh Indonesia"},
			Body: long(bodyData), Sign: []string{"a.n. MENTERI KOMUNIKASI DAN DIGITAL", "DIREKTUR JENDERAL APLIKASI INFORMATIKA,"}, Signer: "Ir. Dimas Anggoro, M.Sc.", Rank: "Pembina Utama Madya",
			Tembusan:    []string{"Menteri Komunikasi dan Digital (sebagai laporan)"},
			MailSubject: "Fwd: Surat Komdigi", MailLines: []string{"Nomor : B-2207/DJAI/AI.02.04/2026"},
			Truth: letterTruth{Number: "B-2207/DJAI/AI.02.04/11/2026", Date: "2026-11-26", Subject: "Pemutakhiran Data Pusat Data Nasional",
				Origin: "Kementerian Komunikasi dan Digital", Class: "B", Urgency: "Biasa", Attachments: "1 (satu) berkas",
				Recipients: []string{"Kepala Dinas Komunikasi dan Informatika"}},
		},
		{
			Name: "21-dinkes-kota-dbd", Layout: "classic",
			Head: []string{"PEMERINTAH KOTA PEKALONGAN", "DINAS KESEHATAN"}, Address: "Jalan Sriwijaya Nomor 36 Pekalongan 51119 Telepon (0285) 423054",
			Date: "Pekalongan, 30-11-2026", Number: "440/1502", Sifat: "Biasa", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Permohonan Data Kasus", "Demam Berdarah Dengue", "Bulan November 2026"},
			Yth:  []string{"Direktur RSUD Bendan Kota Pekalongan"},
			Body: bodyData, Sign: []string{"KEPALA DINAS KESEHATAN", "KOTA PEKALONGAN,"}, Signer: "dr. Yuniarti Dewi, M.Kes.", Rank: "Pembina Tingkat I",
			Tembusan:    []string{"Sekretaris Daerah Kota Pekalongan"},
			MailSubject: "Permohonan data DBD",
			Truth: letterTruth{Number: "440/1502", Date: "2026-11-30", Subject: "Permohonan Data Kasus Demam Berdarah Dengue Bulan November 2026",
				Origin: "Dinas Kesehatan Kota Pekalongan", Class: "B", Urgency: "Biasa", Attachments: "1 (satu) berkas",
				Recipients: []string{"Direktur RSUD", "Sekretaris Daerah"}},
		},
		{
			Name: "22-bps-undangan", Layout: "2023",
			Head: []string{"BADAN PUSAT STATISTIK", "KOTA PEKALONGAN"}, Address: "Jalan Singosari Nomor 11 Pekalongan 51111 Telepon (0285) 421322",
			Date: "Pekalongan, 2 Desember 2026", Number: "B-312/33750/HM.100/12/2026", Sifat: "Biasa", Lampiran: "-",
			Hal:  []string{"Undangan Forum Satu Data Indonesia Tingkat Kota"},
			Yth:  []string{"Kepala Bappeda Kota Pekalongan", "Kepala Dinas Komunikasi dan Informatika Kota Pekalongan", "Kepala Badan Penanggulangan Bencana Daerah Kota Pekalongan"},
			Body: bodyInvite, Sign: []string{"KEPALA BADAN PUSAT STATISTIK", "KOTA PEKALONGAN,"}, Signer: "Nurul Hidayah, S.Si., M.E.", Rank: "",
			MailSubject: "Undangan Forum SDI",
			Truth: letterTruth{Number: "B-312/33750/HM.100/12/2026", Date: "2026-12-02", Subject: "Undangan Forum Satu Data Indonesia Tingkat Kota",
				Origin: "Badan Pusat Statistik Kota Pekalongan", Class: "B", Urgency: "Biasa", Attachments: "-",
				Recipients: []string{"Kepala Bappeda", "Kepala Dinas Komunikasi dan Informatika", "Kepala BPBD"}},
		},
		{
			Name: "23-bkd-provinsi-terbatas", Layout: "2023",
			Head: []string{"PEMERINTAH PROVINSI JAWA TENGAH", "BADAN KEPEGAWAIAN DAERAH"}, Address: "Jalan Stadion Selatan Nomor 1 Semarang 50136 Telepon (024) 8311174",
			Date: "Semarang, 3 Desember 2026", Number: "800.1.11/2291", Sifat: "Terbatas", Lampiran: "1 (satu) berkas",
			Hal:  []string{"Penyampaian Hasil Uji Kompetensi Pejabat", "Pimpinan Tinggi Pratama"},
			Yth:  []string{"Sekretaris Daerah Kota Pekalongan"},
			Body: bodyData, Sign: []string{"KEPALA BADAN KEPEGAWAIAN DAERAH", "PROVINSI JAWA TENGAH,"}, Signer: "Dra. Endang Sulastri, M.M.", Rank: "Pembina Utama Muda",
			Tembusan:    []string{"Kepala BKPSDM Kota Pekalongan"},
			MailSubject: "Surat BKD Prov",
			Truth: letterTruth{Number: "800.1.11/2291", Date: "2026-12-03", Subject: "Penyampaian Hasil Uji Kompetensi Pejabat Pimpinan Tinggi Pratama",
				Origin: "Badan Kepegawaian Daerah Provinsi Jawa Tengah", Class: "T", Attachments: "1 (satu) berkas",
				Recipients: []string{"Sekretaris Daerah", "Kepala BKPSDM"}},
		},
	}
}
