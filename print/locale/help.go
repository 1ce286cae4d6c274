package locale

// The command line's words: its help, its usage mistakes, and the details
// the store gives of an invalid input. They are written in English in the
// code (as flag.FlagSet takes them) and looked up here by that text, as a
// gettext catalogue does; a test fails when one has no Indonesian.

// Help says s, a text of the command line written in English, in lang.
func Help(lang, s string) string {
	if lang == "en" {
		return s
	}
	if id, ok := helpID[s]; ok {
		return id
	}
	return s
}

// HasHelp reports whether s has its Indonesian, for the test that no
// English reaches an Indonesian screen.
func HasHelp(s string) bool {
	_, ok := helpID[s]
	return ok
}

// helpID is the Indonesian of each English text of the command line.
var helpID = map[string]string{
	// The global usage.
	"usage: sanapati-desk [--db PATH] [--config PATH] [--lang id|en] [--demo] [COMMAND [ARGS]]": "pemakaian: sanapati-desk [--db BERKAS] [--config BERKAS] [--lang id|en] [--demo] [PERINTAH [ARGUMEN]]",
	"With no command, the desk's interface starts. Commands:":                                   "Tanpa perintah, tampilan meja dibuka. Perintah:",
	"usage: sanapati-desk %s %s":                            "pemakaian: sanapati-desk %s %s",
	"Flags:":                                                "Pilihan:",
	"store file (also SANAPATI_DB)":                         "berkas data meja (juga SANAPATI_DB)",
	"settings file (also SANAPATI_CONFIG)":                  "berkas pengaturan (juga SANAPATI_CONFIG)",
	"language of messages and paper: id or en":              "bahasa pesan dan kertas: id atau en",
	"run on a built-in demo mailbox with a throwaway store": "jalankan dengan kotak surat contoh dan data sementara",

	// The commands.
	"start the desk's interface":                                                                            "buka tampilan meja",
	"step 1, sync the Sanapati mailbox: [--json]":                                                           "langkah 1, ambil surat dari kotak Sanapati: [--json]",
	"take .eml or mbox files (or folders of them) when the mailbox is out of reach: FILE...":                "masukkan berkas .eml atau mbox (atau folder berisi berkas itu) bila kotak surat tak terjangkau: BERKAS...",
	"list letters: [--stage S] [--overdue] [--search TEXT] [--json]":                                        "daftar naskah: [--stage S] [--overdue] [--search TEKS] [--json]",
	"show one letter: ID [--json | --raw]":                                                                  "tampilkan satu naskah: ID [--json | --raw]",
	"step 2, choose recipients: ID --to NAME[=CHANNEL][,NAME...]":                                           "langkah 2, pilih penerima: ID --to NAMA[=SALURAN][,NAMA...]",
	"step 3, print one copy per recipient: ID [-o DIR]":                                                     "langkah 3, cetak salinan untuk tiap penerima: ID [-o FOLDER]",
	"step 4, write in the agenda book: ID [--number N] [--date D] [--subject S] [--duplicate] ...":          "langkah 4, catat di buku agenda: ID [--number N] [--date T] [--subject P] [--duplicate] ...",
	"step 5, print the control card: ID [-o FILE]":                                                          "langkah 5, cetak kartu kendali: ID [-o BERKAS]",
	"step 6, record an official's initial: ID [--by POSITION] [--at TIME]":                                  "langkah 6, catat paraf pejabat: ID [--by JABATAN] [--at WAKTU]",
	"step 7, hand to a courier: ID --courier NAME [--at TIME]":                                              "langkah 7, serahkan kepada caraka: ID --courier NAMA [--at WAKTU]",
	"print the courier's receipt sheet: ID [-o FILE]":                                                       "cetak lembar tanda terima caraka: ID [-o BERKAS]",
	"steps 8-10, record a receipt: ID --to NAME --via CHANNEL --received-by NAME [--at TIME]":               "langkah 8-10, catat tanda terima: ID --to NAMA --via SALURAN --received-by NAMA [--at WAKTU]",
	"step 11, archive: ID --location TEXT [--at TIME]":                                                      "langkah 11, arsipkan: ID --location TEMPAT [--at WAKTU]",
	"take off the ordinary path: ID --reason TEXT [--class R|SR]":                                           "sisihkan dari jalur biasa: ID --reason ALASAN [--class R|SR]",
	"release a letter wrongly marked R/SR: ID --class B|T --reason TEXT":                                    "lepaskan naskah yang keliru ditandai R/SR: ID --class B|T --reason ALASAN",
	"record why an overdue letter is late: ID --reason TEXT":                                                "catat alasan naskah terlambat: ID --reason ALASAN",
	"correct the arrival time: ID --received TIME --reason TEXT":                                            "koreksi waktu naskah diterima: ID --received WAKTU --reason ALASAN",
	"correct the last step: ID --reason TEXT":                                                               "batalkan langkah terakhir: ID --reason ALASAN",
	"the agenda book: [--year Y | --month YYYY-MM] [-o FILE.pdf|.xlsx|.csv]":                                "buku agenda: [--year T | --month TTTT-BB] [-o BERKAS.pdf|.xlsx|.csv]",
	"the monthly service report: --month YYYY-MM [-o FILE.pdf|.xlsx|.csv]":                                  "laporan bulanan pelayanan: --month TTTT-BB [-o BERKAS.pdf|.xlsx|.csv]",
	"the monthly service report: --month YYYY-MM [-o FILE.pdf|.xlsx|.csv | --json]":                         "laporan bulanan pelayanan: --month TTTT-BB [-o BERKAS.pdf|.xlsx|.csv | --json]",
	"recipients, officials, couriers: [--json] [--set FILE.json]":                                           "penerima, pejabat paraf, caraka: [--json] [--set BERKAS.json]",
	"working days and hours: [--year Y] [--json] | --load FILE | --add LINE | --remove DAY [--reason TEXT]": "hari dan jam kerja: [--year T] [--json] | --load BERKAS | --add BARIS | --remove HARI [--reason ALASAN]",
	"copy the store while it runs: FILE":                                                                    "salin data meja selagi berjalan: BERKAS",
	"check the audit chain, messages and agenda book":                                                       "periksa rantai jejak audit, pesan dan buku agenda",

	// The flags: the kinds of value, then what each flag does.
	"string":                                "teks",
	"int":                                   "angka",
	"Biasa, Segera, Sangat Segera or Kilat": "Biasa, Segera, Sangat Segera atau Kilat",
	"agenda number, letter number, sender or subject text":                     "nomor agenda, nomor surat, pengirim atau perihal",
	"ajudan, caraka, fax or online; default as routed":                         "ajudan, caraka, fax atau online; bawaan: seperti saat penerima dipilih",
	"at most this many letters":                                                "paling banyak sejumlah ini",
	"only letters at this stage":                                               "hanya naskah pada tahap ini",
	"only letters past their due time":                                         "hanya naskah yang melewati batas waktu",
	"only the rows registered in this month, YYYY-MM":                          "hanya baris yang diagendakan pada bulan ini, TTTT-BB",
	`print {"new": N, "total": M, ...}`:                                        `tampilkan {"new": N, "total": M, ...}`,
	"print JSON":                                                               "tampilkan JSON",
	"print the result as JSON":                                                 "tampilkan hasilnya sebagai JSON",
	"print the original message's bytes":                                       "tampilkan pesan asli apa adanya",
	"print the month's figures as JSON instead of printing the report":         "tampilkan angka bulan itu sebagai JSON alih-alih mencetak laporan",
	"recipient names, comma-separated; NAME=fax picks a channel":               "nama penerima, dipisah koma; NAMA=fax memilih saluran",
	"register although the same sender's letter number is already in the book": "agendakan walaupun nomor surat dari pengirim yang sama sudah ada di buku",
	"save the copies in this folder instead of printing them":                  "simpan salinan di folder ini alih-alih mencetaknya",
	"security class: B, T, R or SR":                                            "sifat: B, T, R atau SR",
	"the class the letter really has: B or T":                                  "sifat naskah yang sebenarnya: B atau T",
	"the courier's name; a new name joins the list":                            "nama caraka; nama baru masuk daftar",
	"the letter's date, YYYY-MM-DD":                                            "tanggal surat, TTTT-BB-HH",
	"the month, YYYY-MM":                                                       "bulan, TTTT-BB",
	"the official's position; default the next in order":                       "jabatan pejabat; bawaan: berikutnya menurut urutan",
	"the recipient, as routed":                                                 "penerima, seperti saat dipilih",
	"the year to show; default this year":                                      "tahun yang ditampilkan; bawaan: tahun ini",
	"the year's book; default this year":                                       "buku tahun itu; bawaan: tahun ini",
	"when the letter really arrived, YYYY-MM-DD HH:MM":                         "kapan naskah sebenarnya diterima, TTTT-BB-HH JJ:MM",
	"when, YYYY-MM-DD HH:MM in the desk's time zone; default now":              "kapan, TTTT-BB-HH JJ:MM menurut zona waktu meja; bawaan: sekarang",
	"who signed the receipt":                                                   "siapa yang menandatangani tanda terima",
	"why the letter was wrongly marked R or SR":                                "mengapa naskah keliru ditandai R atau SR",
	"write the book to FILE.pdf, .xlsx or .csv instead of printing it":         "tulis buku ke BERKAS.pdf, .xlsx atau .csv alih-alih mencetaknya",
	"write the card to this PDF file instead of printing it":                   "tulis kartu ke berkas PDF ini alih-alih mencetaknya",
	"write the report to FILE.pdf, .xlsx or .csv instead of printing it":       "tulis laporan ke BERKAS.pdf, .xlsx atau .csv alih-alih mencetaknya",
	"write the sheet to this PDF file instead of printing it":                  "tulis lembar ke berkas PDF ini alih-alih mencetaknya",
	"how the time is known":                                                    "dari mana waktu itu diketahui",
	"where the paper is kept (cabinet/box/folder)":                             "tempat kertas disimpan (lemari/boks/map)",
	"why the calendar changes (e.g. the decree)":                               "mengapa kalender berubah (mis. surat keputusannya)",
	"R or SR: the letter is classified, though it was marked otherwise":        "R atau SR: naskah ternyata bersifat rahasia walau ditandai lain",
	"a letter is set aside as classified R or SR, not %q":                      "naskah disisihkan sebagai rahasia R atau SR, bukan %q",
	"why: not an official message, or classified":                              "alasannya: bukan naskah dinas, atau bersifat rahasia",
	"why the step is corrected":                                                "mengapa langkah dibatalkan",
	"why the letter is late":                                                   "mengapa naskah terlambat",
	"replace the directory with this JSON file (as --json prints it)":          "ganti direktori dengan berkas JSON ini (seperti keluaran --json)",
	"take a holiday file (one line per day: YYYY-MM-DD libur|cuti Name) as the list of each year it names":                "pakai berkas hari libur (satu baris per hari: TTTT-BB-HH libur|cuti Nama) sebagai daftar tiap tahun yang disebutnya",
	`add one line: "YYYY-MM-DD libur|cuti Name" or "YYYY-MM-DD..YYYY-MM-DD jam mon-thu=08.00-15.15 fri=08.00-14.30 Name"`: `tambah satu baris: "TTTT-BB-HH libur|cuti Nama" atau "TTTT-BB-HH..TTTT-BB-HH jam mon-thu=08.00-15.15 fri=08.00-14.30 Nama"`,
	"take out a day (YYYY-MM-DD) or a period (YYYY-MM-DD..YYYY-MM-DD)":                                                    "hapus satu hari (TTTT-BB-HH) atau satu masa (TTTT-BB-HH..TTTT-BB-HH)",
	"the letter's own number (nomor surat)":                                                                               "nomor surat dari pengirim",
	"sender (asal surat); default the message's From":                                                                     "asal surat; bawaan: pengirim pesan",
	"summary (perihal); default the message's subject":                                                                    "perihal; bawaan: subjek pesan",
	"classification code (kode klasifikasi)":                                                                              "kode klasifikasi",
	"attachments (lampiran)":                                                                                              "lampiran",
	"index (indeks)":                                                                                                      "indeks",
	"remarks (keterangan)":                                                                                                "keterangan",

	// Mistakes in a command line.
	"unexpected argument %q":                                  "argumen %q tidak dikenal",
	"unknown command %q":                                      "perintah %q tidak dikenal",
	"give one letter ID (see 'list')":                         "sebutkan satu nomor naskah (lihat 'list')",
	"%q is not a letter ID (see 'list')":                      "%q bukan nomor naskah (lihat 'list')",
	"give one or more .eml or mbox files, or folders of them": "sebutkan satu atau lebih berkas .eml atau mbox, atau folder berisinya",
	"give the backup file's path":                             "sebutkan berkas cadangannya",
	"--month %q is not a month like 2026-11":                  "--month %q bukan bulan seperti 2026-11",
	"--year %d is not a year":                                 "--year %d bukan tahun",
	"-o %q: the file must end in .pdf, .xlsx or .csv":         "-o %q: nama berkas harus berakhiran .pdf, .xlsx atau .csv",
	"give --month YYYY-MM":                                    "sebutkan --month TTTT-BB",
	"give --json or -o, not both":                             "pilih --json atau -o, jangan keduanya",
	"name the recipients with --to (see 'directory')":         "sebutkan penerima dengan --to (lihat 'directory')",
	"--date %q is not a date like 2026-11-23":                 "--date %q bukan tanggal seperti 2026-11-23",
	"give --to and --received-by":                             "sebutkan --to dan --received-by",
	"give --class B or --class T":                             "sebutkan --class B atau --class T",
	`give --received "YYYY-MM-DD HH:MM"`:                      `sebutkan --received "TTTT-BB-HH JJ:MM"`,
	"--%s %q is not a time like 2026-11-23 14:05":             "--%s %q bukan waktu seperti 2026-11-23 14:05",
	"--lang must be id or en, not %q":                         "--lang harus id atau en, bukan %q",
	"flag provided but not defined: %s":                       "pilihan %s tidak dikenal",
	"flag needs an argument: %s":                              "pilihan %s perlu nilai",
	"invalid value for flag %s":                               "nilai pilihan %s tidak valid",

	// What the store says of an invalid input.
	"choose at least one recipient":                                   "pilih paling sedikit satu penerima",
	"no officials in the directory to initial the card":               "tidak ada pejabat paraf di direktori",
	"name the courier":                                                "sebutkan nama caraka",
	"name who received the copy":                                      "sebutkan siapa yang menerima salinan",
	"say where the paper is kept":                                     "sebutkan tempat kertas disimpan",
	"unknown stage %q (one of %s)":                                    "tahap %q tidak dikenal (salah satu dari %s)",
	"unknown channel %q (one of ajudan, caraka, fax, online)":         "saluran %q tidak dikenal (salah satu dari ajudan, caraka, fax, online)",
	"unknown security class %q (one of B, T, R, SR)":                  "sifat %q tidak dikenal (salah satu dari B, T, R, SR)",
	"unknown urgency %q (one of Biasa, Segera, Sangat Segera, Kilat)": "urgensi %q tidak dikenal (salah satu dari Biasa, Segera, Sangat Segera, Kilat)",
	// The store's details of a directory or calendar that cannot be kept.
	"%q is not a weekday (mon, tue, wed, thu, fri, sat, sun) or a range like mon-thu": "%q bukan nama hari (mon, tue, wed, thu, fri, sat, sun) atau rentang seperti mon-thu",
	"%q is not office hours like 07.30-16.30":                                         "%q bukan jam kerja seperti 07.30-16.30",
	"%s is listed twice":  "%s tercantum dua kali",
	"%s: %v":              "%s: %v",
	"a group has no name": "ada kelompok tanpa nama",
	"a period needs hours like mon-thu=08.00-15.15 and a name":              "masa khusus perlu jam seperti mon-thu=08.00-15.15 dan sebuah nama",
	"a period starts with its days as YYYY-MM-DD..YYYY-MM-DD, not %q":       "masa khusus diawali tanggalnya sebagai TTTT-BB-HH..TTTT-BB-HH, bukan %q",
	"a recipient has no name":                                               "ada penerima tanpa nama",
	"an official has no position":                                           "ada pejabat tanpa jabatan",
	"bad date %q, want YYYY-MM-DD":                                          "tanggal %q keliru, tulis TTTT-BB-HH",
	"bad kind %q, want libur, cuti or jam":                                  "jenis %q keliru, tulis libur, cuti atau jam",
	"calendar settings: office hours of %s, %s, are not within one day":     "pengaturan kalender: jam kerja hari %s, %s, tidak berada dalam satu hari",
	"calendar settings: period %s: hours of %s, %s, are not within one day": "pengaturan kalender: masa %s: jam hari %s, %s, tidak berada dalam satu hari",
	"calendar settings: no weekday has office hours":                        "pengaturan kalender: tidak ada hari yang punya jam kerja",
	"calendar settings: period %s ends (%s) before it starts (%s)":          "pengaturan kalender: masa %s berakhir (%s) sebelum dimulai (%s)",
	"group %q: %q is not in the directory":                                  "kelompok %q: %q tidak ada di direktori",
	"line %d: %v":                                                           "baris %d: %v",
	"no officials to initial the control card":                              "tidak ada pejabat yang memaraf kartu kendali",
	"not UTF-8 text": "bukan teks UTF-8",
	"office hours %q do not open before they close within one day": "jam kerja %q tidak buka sebelum tutup dalam satu hari",
	"period %s ends before it starts":                              "masa %s berakhir sebelum dimulai",
	"periods are not read here":                                    "masa khusus tidak dibaca di sini",
	"recipient %q is listed twice":                                 "penerima %q tercantum dua kali",
	"recipient %q: %v":                                             "penerima %q: %v",
	"want YYYY-MM-DD, libur or cuti, and a name, got %q":           "tulis TTTT-BB-HH, libur atau cuti, dan nama harinya; tertulis %q",
	"an empty line adds nothing":                                   "baris kosong tidak menambah apa pun",
	"bad day %q":                                                   "hari %q keliru",
}
