// Package tui is the operator's screen: Bubble Tea models over the store,
// the intake and the paper, and the catalogue of every text the desk shows.
package tui

import (
	"errors"
	"fmt"
	"time"

	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// Text is the catalogue of every sentence and label the desk shows, in one
// language. Indonesian is the default; English is the other.
type Text struct {
	// Lang is "id" or "en".
	Lang string
}

// Catalog returns the catalogue for lang ("id" or "en"; anything else is
// Indonesian).
func Catalog(lang string) *Text {
	if lang == "en" {
		return &Text{Lang: "en"}
	}
	return &Text{Lang: "id"}
}

// messages holds each sentence as {Indonesian, English}, Printf formats.
var messages = map[string][2]string{
	// Stages.
	"stage.received":   {"Diterima", "Received"},
	"stage.checked":    {"Penerima dipilih", "Recipients chosen"},
	"stage.printed":    {"Dicetak", "Printed"},
	"stage.registered": {"Diagendakan", "Registered"},
	"stage.forwarded":  {"Ke pemeriksa", "With examiner"},
	"stage.initialled": {"Diparaf", "Initialled"},
	"stage.assigned":   {"Dibawa caraka", "With courier"},
	"stage.delivered":  {"Tersampaikan", "Delivered"},
	"stage.archived":   {"Diarsipkan", "Archived"},
	"stage.set_aside":  {"Disisihkan", "Set aside"},
	// Security classes.
	"class.B":  {"Biasa", "Ordinary"},
	"class.T":  {"Terbatas", "Restricted"},
	"class.R":  {"Rahasia", "Secret"},
	"class.SR": {"Sangat Rahasia", "Top secret"},
	// Channels.
	"channel.ajudan": {"Ajudan", "Aide"},
	"channel.caraka": {"Caraka", "Courier"},
	"channel.fax":    {"Faks", "Fax"},
	"channel.online": {"Aplikasi", "Online app"},
	// Errors the operator can fix.
	"err.not_found":         {"Naskah %s tidak ada. Periksa nomornya dengan 'list'.", "Letter %s does not exist. Check its number with 'list'."},
	"err.out_of_order":      {"Langkah \"%s\" tidak dapat dilakukan untuk naskah berstatus %s. Kerjakan langkah berikutnya: %s.", "Step \"%s\" is not possible for a letter that is %s. Do the next step: %s."},
	"err.out_of_order_end":  {"Langkah \"%s\" tidak dapat dilakukan untuk naskah berstatus %s.", "Step \"%s\" is not possible for a letter that is %s."},
	"err.unknown_recipient": {"\"%s\" tidak ada di daftar penerima. Lihat 'directory'.", "\"%s\" is not in the recipients list. See 'directory'."},
	"err.unknown_official":  {"\"%s\" bukan pejabat yang memaraf naskah ini.", "\"%s\" is not an official who initials this letter."},
	"err.initial_order":     {"Paraf berurutan: berikutnya %s.", "Initials go in order: next is %s."},
	"err.classified": {"Naskah bersifat %s tidak boleh melalui jalur biasa: serahkan dalam keadaan tertutup kepada Kepala Seksi Persandian, lalu sisihkan dengan alasannya. Bila tanda sifatnya keliru, lepaskan dengan alasannya.",
		"A letter classified %s must not go down the ordinary path: hand it unopened to the Kepala Seksi Persandian, then set it aside with a reason. If it was wrongly marked, release it with a reason."},
	"err.not_classified":    {"Naskah ini tidak bersifat Rahasia atau Sangat Rahasia; tidak ada yang dilepaskan.", "This letter is not classified R or SR; there is nothing to release."},
	"err.release_class":     {"Naskah rahasia hanya dilepaskan menjadi B (Biasa) atau T (Terbatas), bukan %s.", "A classified letter is released only to B (ordinary) or T (restricted), not %s."},
	"err.before_arrival":    {"Waktu itu sebelum naskah diterima (%s). Tulis waktu sesudahnya.", "That time is before the letter arrived (%s). Give a later time."},
	"err.before_step":       {"Waktu itu sebelum langkah \"%s\" (%s). Tulis waktu sesudahnya.", "That time is before the step \"%s\" (%s). Give a later time."},
	"err.after_step":        {"Waktu diterima tidak boleh sesudah langkah \"%s\" (%s).", "The arrival cannot be after the step \"%s\" (%s)."},
	"err.in_future":         {"Waktu itu di depan jam meja; paling lambat %s.", "That time is ahead of the desk's clock; %s at the latest."},
	"err.not_late":          {"Naskah ini tidak terlambat; tidak ada alasan keterlambatan yang dicatat.", "This letter is not late; there is no reason for lateness to record."},
	"err.duplicate":         {"Naskah dengan asal dan nomor surat yang sama sudah diagendakan sebagai %s. Agendakan lagi hanya bila memang duplikat.", "A letter with the same sender and letter number is already registered as %s. Register it again only as a duplicate."},
	"err.reason_required":   {"Tuliskan alasannya.", "Give a reason."},
	"err.nothing_to_undo":   {"Tidak ada langkah yang bisa dibatalkan.", "There is no step to undo."},
	"err.already_delivered": {"Tanda terima untuk %s sudah dicatat.", "The receipt for %s is already recorded."},
	"err.locked":            {"Meja sudah dibuka di jendela lain. Tutup yang itu dulu.", "The desk is already open elsewhere. Close that one first."},
	"err.file_missing":      {"Berkas atau folder %s tidak ada. Periksa namanya.", "The file or folder %s does not exist. Check its name."},
	"err.file_denied":       {"Berkas atau folder %s tidak boleh dibaca atau ditulis oleh pengguna ini.", "This user may not read or write the file or folder %s."},
	"err.cancelled":         {"Dibatalkan. Yang sudah tersimpan tetap tersimpan; langkah yang belum selesai tidak dicatat.", "Cancelled. What was stored stays stored; a step not finished is not recorded."},
	"err.invalid":           {"Isian tidak valid: %s.", "Invalid input: %s."},
	// The command line's own output.
	"cli.list_header":       {"ID\tTAHAP\tAGENDA\tDITERIMA\tBATAS\tDARI\tPERIHAL", "ID\tSTAGE\tAGENDA\tRECEIVED\tDUE\tFROM\tSUBJECT"},
	"cli.show.stage":        {"Tahap", "Stage"},
	"cli.show.agenda":       {"No. agenda", "Agenda no."},
	"cli.show.due":          {"Batas waktu", "Due"},
	"cli.show.overdue":      {"(TERLAMBAT)", "(OVERDUE)"},
	"cli.show.delivered":    {" - tersampaikan kepada %s, %s", " - received by %s, %s"},
	"cli.show.not_yet":      {"belum", "not yet"},
	"cli.show.initial":      {"Paraf", "Initial"},
	"cli.show.courier":      {"Caraka", "Courier"},
	"cli.show.location":     {"Lokasi simpan", "Kept at"},
	"cli.show.late_reason":  {"Alasan terlambat", "Why late"},
	"cli.show.duplicate_of": {"Duplikat dari", "Duplicate of"},
	"cli.show.problem":      {"Masalah", "Problem"},
	"cli.show.next":         {"Berikutnya", "Next"},
	"cli.dir.recipients":    {"PENERIMA\tSALURAN", "RECIPIENT\tCHANNEL"},
	"cli.dir.officials":     {"PEJABAT PARAF (urut)\t", "OFFICIALS WHO INITIAL (in order)\t"},
	"cli.dir.couriers":      {"CARAKA\t", "COURIERS\t"},
	"cli.verify":            {"%d naskah, %d peristiwa jejak audit, %s pesan", "%d letters, %d audit events, %s of messages"},
	"cli.verify_ok":         {"Semuanya utuh.", "All intact."},
	"cli.verify_failed":     {"Pemeriksaan data meja menemukan %d masalah.", "Verification found %d problem(s) in the store."},
	"cli.fetched":           {"%d naskah baru, %d di kotak surat", "%d new letter(s), %d in the mailbox"},
	"cli.problems":          {"%d naskah tidak terbaca sempurna: disimpan utuh dan ditandai", "%d letter(s) not fully readable: stored whole and marked"},
	"cli.imported":          {"%d berkas, %d pesan: %d baru, %d sudah ada", "%d file(s), %d message(s): %d new, %d already stored"},
	"cli.password":          {"Kata sandi %s@%s: ", "Password for %s@%s: "},
	// The demo.
	"demo.paper_removed": {"Demo selesai: %d dokumen PDF demo di %s dihapus bersama data demonya. Pakai meja sungguhan untuk menyimpan kertas.", "Demo over: %d demo PDF document(s) in %s removed with its store. Use a real desk to keep paper."},
	// The command line beside the open desk.
	"share.lost": {"Meja ditutup sebelum perintah selesai; periksa hasilnya dengan 'show' atau 'list'.", "The desk closed before the command finished; check the outcome with 'show' or 'list'."},
	// The calendar command.
	"calendar.loaded":   {"Kalender diperbarui: %d baris berubah. Batas waktu naskah yang masih berjalan mengikuti.", "Calendar updated: %d line(s) changed. Due times of open letters follow."},
	"calendar.changed":  {"Kalender diperbarui. Batas waktu naskah yang masih berjalan mengikuti.", "Calendar updated. Due times of open letters follow."},
	"calendar.zone":     {"Zona waktu", "Time zone"},
	"calendar.unlisted": {"Belum ada daftar hari libur tahun %d: hanya hari libur bertanggal tetap yang dikenal.", "No holiday list for %d yet: only the fixed-date holidays are known."},
	// Warnings.
	"warn.received_estimated": {"Peringatan: %d naskah tanpa waktu terima dari server atau header Received; waktunya diambil dari berkas dan ditandai perkiraan. Koreksi dengan 'correct ID --received \"YYYY-MM-DD HH:MM\" --reason ...': %s",
		"Warning: %d letter(s) with no arrival time from the server or a Received header; the file's time is used and marked as estimated. Correct it with 'correct ID --received \"YYYY-MM-DD HH:MM\" --reason ...': %s"},
	"letter.received_estimated": {"(perkiraan)", "(estimated)"},
	"warn.no_calendar": {"Peringatan: belum ada daftar hari libur tahun %[1]d; batas waktu yang melewati tahun itu hanya perkiraan. Muat daftarnya: sanapati-desk calendar --load BERKAS (satu baris per hari: %[1]d-01-01 libur Tahun Baru Masehi).",
		"Warning: no holiday list for %[1]d yet; due times that run through that year are estimates. Load the list: sanapati-desk calendar --load FILE (one line per day: %[1]d-01-01 libur Tahun Baru Masehi)."},
	// Actions, as the operator names them.
	"action.route":         {"pilih penerima", "choose recipients"},
	"action.print_copies":  {"cetak salinan", "print copies"},
	"action.register":      {"agendakan", "register"},
	"action.print_card":    {"cetak kartu kendali", "print control card"},
	"action.initial":       {"catat paraf", "record initial"},
	"action.assign":        {"tugaskan caraka", "assign courier"},
	"action.deliver":       {"catat tanda terima", "record receipt"},
	"action.archive":       {"arsipkan", "archive"},
	"action.set_aside":     {"sisihkan", "set aside"},
	"action.undo":          {"batalkan langkah", "undo step"},
	"action.receive":       {"terima", "receive"},
	"action.directory":     {"ubah direktori", "edit directory"},
	"action.classify":      {"lepaskan sifat rahasia", "release the classification"},
	"action.late":          {"catat alasan terlambat", "record why late"},
	"action.correct":       {"koreksi waktu diterima", "correct the arrival time"},
	"action.print_receipt": {"cetak tanda terima", "print the receipt sheet"},
	// The attached letter (issue 13).
	"action.read_attachment":     {"baca lampiran", "read attachment"},
	"route.no_proposal":          {"Surat ini tidak menyebut penerima yang ada di direktori: sebutkan penerimanya dengan --to (lihat 'directory').", "The letter names no recipient the directory knows: name the recipients with --to (see 'directory')."},
	"route.new_recipient":        {"Surat ini juga ditujukan kepada %q, yang belum ada di direktori: tambahkan dengan 'directory --set' bila perlu, lalu tetapkan lagi penerimanya.", "The letter is also addressed to %q, who is not in the directory: add it with 'directory --set' if needed, then route again."},
	"letter.err_no_ocr":          {"Lampiran ini hasil pindaian dan Tesseract belum terpasang (apt-get install tesseract-ocr tesseract-ocr-ind), jadi isinya tidak dapat dibaca: isi data surat secara manual.", "The attachment is a scan and Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind), so it cannot be read: fill in the letter's fields by hand."},
	"letter.err_no_poppler":      {"Pembaca PDF (poppler-utils) belum terpasang: isi data surat secara manual.", "The PDF reader (poppler-utils) is not installed: fill in the letter's fields by hand."},
	"letter.err_encrypted":       {"PDF lampiran dilindungi kata sandi dan tidak dapat dibaca: buka dengan kata sandinya di program lain dan isi data surat secara manual.", "The attached PDF is protected by a password and cannot be read: open it with its password elsewhere and fill in the fields by hand."},
	"letter.err_broken":          {"PDF lampiran rusak dan tidak dapat dibaca: minta pengirim mengirim ulang, atau isi data surat secara manual.", "The attached PDF is damaged and cannot be read: ask the sender to send it again, or fill in the fields by hand."},
	"letter.err_too_large":       {"PDF lampiran terlalu besar untuk dibaca di meja: isi data surat secara manual.", "The attached PDF is too large to read at the desk: fill in the fields by hand."},
	"letter.err_timeout":         {"Membaca PDF lampiran terlalu lama dan dihentikan: coba lagi, atau isi data surat secara manual.", "Reading the attached PDF took too long and was stopped: try again, or fill in the fields by hand."},
	"letter.err_not_pdf":         {"Lampiran ini bukan PDF: bukalah di program lain.", "The attachment is not a PDF: open it in another program."},
	"letter.ocr":                 {" (OCR): hasil pindaian, periksa kembali", " (OCR): a scan, check it"},
	"letter.text_heading":        {"Lampiran %d: %s%s; %d dari %d halaman", "Attachment %d: %s%s; %d of %d page(s)"},
	"letter.page":                {"--- halaman %d ---", "--- page %d ---"},
	"source.pdf":                 {"PDF", "PDF"},
	"source.ocr":                 {"OCR", "OCR"},
	"source.email":               {"e-mail", "e-mail"},
	"source.header":              {"header", "header"},
	"source_long.pdf":            {"Diusulkan dari surat terlampir (PDF).", "Proposed from the attached letter (PDF)."},
	"source_long.ocr":            {"Diusulkan dari surat terlampir hasil pindaian (OCR): periksa kembali.", "Proposed from the attached letter, a scan read by OCR: check it."},
	"source_long.email":          {"Diusulkan dari baris isi e-mail.", "Proposed from a line of the e-mail."},
	"source_long.header":         {"Diusulkan dari kepala e-mail (pengirim, subjek, berkas).", "Proposed from the e-mail's headers (sender, subject, files)."},
	"form.alternative":           {"* %s menyebut lain: %s (ctrl+t memakai itu)", "* the %s says otherwise: %s (ctrl+t takes it)"},
	"key.swap_alt":               {"pakai nilai sumber lain", "take the other source's value"},
	"register.origin_unchecked":  {"Asal surat dibaca dari kop surat; blok tanda tangan tidak menyebutnya: periksa kembali.", "The origin was read from the letterhead; the signature block does not name it: check it."},
	"route.new_note":             {"(baru: belum di direktori; centang untuk menambahkannya)", "(new: not in the directory; check it to add it)"},
	"route.added_reason":         {"ditambahkan saat menetapkan penerima naskah #%d", "added while routing letter #%d"},
	"letter.text_heading_unread": {"Lampiran %d: %s", "Attachment %d: %s"},
	"letter.text_empty":          {"PDF ini tidak berisi teks yang terbaca.", "This PDF holds no readable text."},
	"letter.more_pages":          {"--- %d halaman lagi: G membaca halaman berikutnya ---", "--- %d more page(s): G reads the next ones ---"},
	"letter.reading":             {"Membaca lampiran... (hasil pindaian dibaca dengan OCR, beberapa detik; tombol lain tetap dapat dipakai)", "Reading the attachment... (a scan is read by OCR, a few seconds; every other key still works)"},
	"letter.read_failed":         {"Lampiran surat tidak dapat dibaca.", "The attached letter could not be read."},
	"err.no_pdf":                 {"Naskah ini tidak berlampiran PDF: isinya ada di badan e-mail.", "This letter has no PDF attachment: its text is the e-mail's body."},
	"key.view_text":              {"isi lampiran PDF / badan e-mail", "PDF attachment text / e-mail body"},
	"letter.no_attachment":       {"Naskah ini tidak punya lampiran ke-%d (ada %d).", "The letter has no attachment %d (it has %d)."},
	"flag.route_to":              {"nama penerima, dipisah koma; NAMA=fax memilih saluran; tanpa --to, penerima yang disebut surat", "recipient names, comma-separated; NAME=fax picks a channel; without --to, the recipients the letter names"},
	"flag.show_text":             {"tampilkan teks lampiran ke-N (PDF: lapisan teksnya, atau OCR bila hasil pindaian)", "print the text of attachment N (a PDF: its text layer, or OCR for a scan)"},
	"flag.show_pages":            {"dengan --text, paling banyak sekian halaman", "with --text, at most this many pages"},
}

// T returns the sentence for key with args filled in; an unknown key is
// returned as it is, so a missing entry shows rather than hides.
func (t *Text) T(key string, args ...any) string {
	m, ok := sentence(key)
	if !ok {
		return key
	}
	s := m[0]
	if t.Lang == "en" {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Stage names a stage.
func (t *Text) Stage(s store.Stage) string { return t.T("stage." + string(s)) }

// Class names a security class: Biasa, Terbatas, Rahasia, Sangat Rahasia.
func (t *Text) Class(c store.SecurityClass) string {
	if c == "" {
		c = store.ClassOrdinary
	}
	return t.T("class." + string(c))
}

// Channel names a delivery channel.
func (t *Text) Channel(c store.Channel) string { return t.T("channel." + string(c)) }

// Action names an action.
func (t *Text) Action(a store.Action) string { return t.T("action." + string(a)) }

// Error turns an error into one sentence that says what to do next. Errors
// the operator caused are translated; others are shown as they are.
func (t *Text) Error(err error) string {
	var e *store.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	switch e.Code {
	case store.ErrClassified:
		return t.T("err.classified", t.Class(store.SecurityClass(e.Subject)))
	case store.ErrNotFound, store.ErrUnknownRecipient, store.ErrUnknownOfficial,
		store.ErrInitialOrder, store.ErrAlreadyDelivered:
		return t.T("err."+string(e.Code), e.Subject)
	case store.ErrOutOfOrder:
		if next := store.NextAction(e.Stage); next != "" {
			return t.T("err.out_of_order", t.Action(e.Action), t.Stage(e.Stage), t.Action(next))
		}
		return t.T("err.out_of_order_end", t.Action(e.Action), t.Stage(e.Stage))
	case store.ErrReasonRequired, store.ErrNothingToUndo, store.ErrLocked, store.ErrNotClassified, store.ErrNotLate:
		return t.T("err." + string(e.Code))
	case store.ErrReleaseClass, store.ErrDuplicate:
		return t.T("err."+string(e.Code), e.Subject)
	case store.ErrBeforeArrival, store.ErrInFuture:
		return t.T("err."+string(e.Code), t.DateTime(e.At))
	case store.ErrBeforeStep, store.ErrAfterStep:
		return t.T("err."+string(e.Code), t.Action(e.Action), t.DateTime(e.At))
	case store.ErrInvalid:
		if e.Format != "" {
			return t.T("err.invalid", t.Helpf(e.Format, e.Args...))
		}
		return t.T("err.invalid", e.Detail)
	}
	return err.Error()
}

// Date shows a day as "27 November 2026" (print/locale writes it for the
// screens and the paper alike).
func (t *Text) Date(tm time.Time) string { return locale.Date(tm, t.Lang) }

// DateTime shows a moment as "27 November 2026 08.14 WIB" (08:14 in
// English).
func (t *Text) DateTime(tm time.Time) string { return locale.DateTime(tm, t.Lang) }

// Clock shows a time of day with its zone, "08.14 WIB" (08:14 in English).
func (t *Text) Clock(tm time.Time) string { return locale.Clock(tm, t.Lang) }

// Weekday names a day of the week.
func (t *Text) Weekday(d time.Weekday) string { return locale.Weekday(d, t.Lang) }
