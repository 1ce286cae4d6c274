package print

import "sanapati-desk/store"

// labels are every word the documents print, in one language.
type labels struct {
	cardColours []string
	// cardPurposes say what the card's copies are for, in copy order.
	cardPurposes []string
	channels     map[store.Channel]string
	classes      map[store.SecurityClass]string
	urgencies    map[store.Urgency]string

	// Page furniture.
	pageOf, printedAt string

	// Fields of the card, the copy and the book.
	index, classCode, serial, summary, attachments     string
	from, letterDate, letterNumber, to, received, due  string
	class, urgency, classAndUrgency, initials          string
	receivedDate, registeredDate, forwardedDate        string
	handler, examiner, operator                        string
	initialDate, notes, no, position, dateCol, subject string
	origin, subjectSummary, forwardedTo, remarks       string
	cc, msgDate                                        string
	setAsideBecause                                    string

	// The control card and cover sheet.
	cardTitle, coverTitle, copyLabel, more, copyPurpose, cutHere string

	// The copy.
	copyTitle, copyFor, copyRecipient, via     string
	noText, attachmentList, none, printedAlong string

	// The receipt.
	receiptTitle, courier, recipient, viaChannels, receiverName string
	dateTime, receiptNote, noRecipients                         string
	initialOrProof, proofFax, proofOnline, courierSignature     string

	// The agenda book.
	agendaTitle, agendaTotal, noLetters string

	// The monthly report.
	reportTitle, reportShort, summaryHeading, measure, value       string
	standard, oneWorkingDay, setAside, onTime, onTimeShare, late   string
	classified, duplicateOf, estimated                             string
	pending, noHolidays, dailyHeading, nonWorkingDay, lateHeading  string
	done, delay, reason, stillOpen, noneLate, channelHeading       string
	channel, deliveries, averageDays, noDeliveries, daysReceived   string
	lateSheet, channelSheet, dailySheet, summarySheet, agendaSheet string
	day, receivedCount                                             string
}

var labelsID = labels{
	cardColours:  []string{"putih", "kuning", "merah"},
	cardPurposes: []string{"arsip operator", "pemeriksa", "caraka"},
	channels: map[store.Channel]string{
		store.ChannelAide: "ajudan", store.ChannelCourier: "caraka",
		store.ChannelFax: "faks", store.ChannelOnline: "aplikasi",
	},
	classes: map[store.SecurityClass]string{
		store.ClassOrdinary: "Biasa", store.ClassRestricted: "Terbatas",
		store.ClassSecret: "Rahasia", store.ClassTopSecret: "Sangat Rahasia",
	},
	urgencies: map[store.Urgency]string{},

	pageOf:    "Halaman %d dari %d",
	printedAt: "Dicetak",

	index: "Indeks", classCode: "Kode klasifikasi", serial: "No. Agenda",
	summary: "Isi ringkas", attachments: "Lampiran",
	receivedDate: "Tgl. diterima", registeredDate: "Tgl. diagendakan", forwardedDate: "Tgl. diteruskan",
	handler: "Pengolah", examiner: "Pemeriksa", operator: "Operator Transmisi Sandi",
	from: "Dari", letterDate: "Tgl. surat", letterNumber: "No. surat", to: "Kepada",
	received: "Diterima", due: "Batas waktu", class: "Sifat", urgency: "Urgensi",
	classAndUrgency: "Sifat / urgensi", initials: "Paraf",
	initialDate: "tgl.", notes: "Catatan", no: "No", position: "Jabatan",
	dateCol: "Tanggal, jam", subject: "Perihal", origin: "Asal surat",
	subjectSummary: "Perihal / isi ringkas", forwardedTo: "Diteruskan kepada",
	remarks: "Keterangan", cc: "Tembusan", msgDate: "Tanggal",
	setAsideBecause: "disisihkan: %s",

	cardTitle:   "KARTU KENDALI NASKAH BERITA MASUK",
	coverTitle:  "LEMBAR PENGANTAR NASKAH BERITA BIASA",
	copyLabel:   "Lembar %d",
	copyPurpose: "untuk %s",
	cutHere:     "potong di sini",
	more:        "… dan %d penerima lain",

	copyTitle: "SALINAN NASKAH BERITA", copyFor: "Salinan untuk %s",
	copyRecipient: "Untuk", via: "Melalui",
	noText: "(pesan tanpa teks)", attachmentList: "Lampiran pesan",
	none: "tidak ada", printedAlong: "dicetak terlampir",

	receiptTitle: "TANDA TERIMA NASKAH BERITA", courier: "Caraka",
	recipient: "Penerima", viaChannels: "Melalui (ajudan/caraka/faks/aplikasi)",
	receiverName: "Nama penerima", dateTime: "Tanggal, jam",
	receiptNote:    "Tanda terima yang telah diparaf dikembalikan kepada operator transmisi sandi.",
	noRecipients:   "(belum ada penerima)",
	initialOrProof: "Paraf / bukti kirim", proofFax: "Bukti kirim (laporan faks):",
	proofOnline: "Bukti kirim (no. referensi aplikasi):", courierSignature: "Caraka yang mengantar",

	agendaTitle: "BUKU AGENDA NASKAH BERITA MASUK",
	agendaTotal: "Jumlah: %s naskah berita", noLetters: "(tidak ada naskah berita)",

	reportTitle:    "LAPORAN BULANAN PELAYANAN PENERIMAAN NASKAH BERITA BIASA",
	reportShort:    "Laporan bulanan",
	summaryHeading: "Ringkasan", measure: "Ukuran", value: "Nilai",
	standard: "Standar waktu pelayanan", oneWorkingDay: "1 hari kerja",
	classified: "Bersifat rahasia (ke Kasi Persandian)", duplicateOf: "duplikat dari %s", estimated: "(perkiraan)",
	setAside: "Disisihkan", onTime: "Selesai dalam 1 hari kerja",
	onTimeShare: "Persentase tepat waktu", late: "Terlambat",
	pending:       "Masih berjalan, belum jatuh tempo",
	noHolidays:    "Kalender tahun %d belum memuat hari libur: hari kerja dihitung Senin–Jumat.",
	dailyHeading:  "Volume harian",
	nonWorkingDay: "hari libur, Sabtu dan Minggu",
	lateHeading:   "Naskah berita terlambat",
	done:          "Selesai", delay: "Terlambat (hari kerja)", reason: "Alasan",
	stillOpen: "belum selesai", noneLate: "(tidak ada yang terlambat)",
	channelHeading: "Rata-rata waktu pengantaran per saluran",
	channel:        "Saluran", deliveries: "Jumlah pengantaran",
	averageDays: "Rata-rata (hari kerja)", noDeliveries: "(belum ada pengantaran)",
	daysReceived: "Diterima",
	summarySheet: "Ringkasan", lateSheet: "Terlambat", channelSheet: "Per saluran",
	dailySheet: "Harian", agendaSheet: "Agenda",
	day: "Tanggal", receivedCount: "Naskah berita diterima",
}

var labelsEN = labels{
	cardColours:  []string{"white", "yellow", "red"},
	cardPurposes: []string{"operator's file", "examiner", "courier"},
	channels: map[store.Channel]string{
		store.ChannelAide: "aide", store.ChannelCourier: "courier",
		store.ChannelFax: "fax", store.ChannelOnline: "online app",
	},
	classes: map[store.SecurityClass]string{
		store.ClassOrdinary: "Ordinary", store.ClassRestricted: "Restricted",
		store.ClassSecret: "Secret", store.ClassTopSecret: "Top secret",
	},
	urgencies: map[store.Urgency]string{
		store.UrgencyOrdinary: "Ordinary", store.UrgencyUrgent: "Urgent",
		store.UrgencyVeryUrgent: "Very urgent", store.UrgencyFlash: "Flash",
	},

	pageOf:    "Page %d of %d",
	printedAt: "Printed",

	index: "Index", classCode: "Classification code", serial: "Agenda no.",
	summary: "Summary", attachments: "Attachments",
	receivedDate: "Date received", registeredDate: "Date registered", forwardedDate: "Date forwarded",
	handler: "Handler", examiner: "Examiner", operator: "Cipher transmission operator",
	from: "From", letterDate: "Letter date", letterNumber: "Letter no.", to: "To",
	received: "Received", due: "Due", class: "Security", urgency: "Urgency",
	classAndUrgency: "Security / urgency", initials: "Initials",
	initialDate: "date", notes: "Notes", no: "No", position: "Position",
	dateCol: "Date, time", subject: "Subject", origin: "Origin",
	subjectSummary: "Subject / summary", forwardedTo: "Forwarded to",
	remarks: "Remarks", cc: "Cc", msgDate: "Date",
	setAsideBecause: "set aside: %s",

	cardTitle:   "CONTROL CARD, INCOMING MESSAGE",
	coverTitle:  "COVER SHEET, ORDINARY MESSAGE",
	copyLabel:   "Copy %d",
	copyPurpose: "for the %s",
	cutHere:     "cut here",
	more:        "… and %d more recipients",

	copyTitle: "COPY OF MESSAGE", copyFor: "Copy for %s",
	copyRecipient: "For", via: "Via",
	noText: "(message without text)", attachmentList: "Attachments of the message",
	none: "none", printedAlong: "printed along",

	receiptTitle: "RECEIPT FOR MESSAGE COPIES", courier: "Courier",
	recipient: "Recipient", viaChannels: "Via (aide/courier/fax/app)",
	receiverName: "Received by", dateTime: "Date, time",
	receiptNote:    "Return the initialled receipt to the operator.",
	noRecipients:   "(no recipients yet)",
	initialOrProof: "Initials / proof of sending", proofFax: "Proof of sending (fax report):",
	proofOnline: "Proof of sending (application reference):", courierSignature: "Courier who delivered",

	agendaTitle: "INCOMING MESSAGES AGENDA BOOK",
	agendaTotal: "Total: %s messages", noLetters: "(no messages)",

	reportTitle:    "MONTHLY SERVICE REPORT, ORDINARY MESSAGES RECEIVED",
	reportShort:    "Monthly report",
	summaryHeading: "Summary", measure: "Measure", value: "Value",
	standard: "Service standard", oneWorkingDay: "1 working day",
	classified: "Classified (to the Kepala Seksi Persandian)", duplicateOf: "duplicate of %s", estimated: "(estimated)",
	setAside: "Set aside", onTime: "Done within 1 working day",
	onTimeShare: "Share on time", late: "Late",
	pending:       "Open, not yet due",
	noHolidays:    "The calendar lists no holidays for %d: working days counted as Monday–Friday.",
	dailyHeading:  "Daily volume",
	nonWorkingDay: "holidays and weekends",
	lateHeading:   "Late messages",
	done:          "Done", delay: "Late by (working days)", reason: "Reason",
	stillOpen: "still open", noneLate: "(none late)",
	channelHeading: "Average time to deliver by channel",
	channel:        "Channel", deliveries: "Deliveries",
	averageDays: "Average (working days)", noDeliveries: "(no deliveries yet)",
	daysReceived: "Received",
	summarySheet: "Summary", lateSheet: "Late", channelSheet: "By channel",
	dailySheet: "Daily", agendaSheet: "Agenda",
	day: "Date", receivedCount: "Messages received",
}
