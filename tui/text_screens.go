package tui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/mail/letter"
	"sanapati-desk/print"
	"sanapati-desk/print/locale"
	"sanapati-desk/print/paperwork"
	"sanapati-desk/store"
)

// screenMessages are the screens' words: tabs, columns, the start screen,
// the lists, the Letter screen, the mailbox's state and the status line.
var screenMessages = map[string][2]string{
	"app.title":      {"Sanapati Desk", "Sanapati Desk"},
	"tab.today":      {"Hari ini", "Today"},
	"tab.inbox":      {"Masuk", "Inbox"},
	"tab.agenda":     {"Agenda", "Agenda"},
	"tab.search":     {"Arsip", "Archive"},
	"tab.directory":  {"Direktori", "Directory"},
	"letter.tab":     {"Naskah #%d", "Letter #%d"},
	"help.title":     {"Tombol di layar ini", "Keys on this screen"},
	"help.close":     {"Tekan ? atau esc untuk menutup bantuan.", "Press ? or esc to close the help."},
	"quit.ask":       {"Masih ada pekerjaan berjalan (cetak atau sinkronisasi). Keluar setelah selesai? y/n", "Work is still running (printing or syncing). Quit once it is done? y/n"},
	"quit.waiting":   {"Menunggu %d pekerjaan selesai dan dicatat, lalu keluar… (ctrl+c: keluar segera, langkahnya tidak dicatat)", "Waiting for %d job(s) to finish and be recorded, then quitting… (ctrl+c: quit now, the step is not recorded)"},
	"quit.failed":    {"%s Langkahnya tidak dicatat; desk tetap terbuka. Tekan q untuk keluar.", "%s The step was not recorded; the desk stays open. Press q to quit."},
	"status.busy":    {"%d pekerjaan berjalan", "%d job(s) running"},
	"status.pending": {"%d tombol menunggu", "%d key(s) waiting"},

	"col.received": {"Diterima", "Received"},
	"col.from":     {"Dari", "From"},
	"col.origin":   {"Asal surat", "Origin"},
	"col.subject":  {"Perihal", "Subject"},
	"col.stage":    {"Status", "Stage"},
	"col.left":     {"Sisa waktu", "Time left"},
	"col.agenda":   {"No. agenda", "Agenda no."},
	"col.number":   {"No. surat", "Letter no."},
	"col.location": {"Lokasi simpan", "Shelf"},

	"left.overdue":   {"lewat %s", "%s late"},
	"left.done":      {"selesai", "done"},
	"left.done_late": {"selesai, terlambat", "done, late"},

	"today.title":            {"Hari ini, %s", "Today, %s"},
	"today.new":              {"Naskah baru", "New letters"},
	"today.new_next":         {"buka, periksa, pilih penerima", "open, check, choose recipients"},
	"today.due":              {"Jatuh tempo hari ini", "Due today"},
	"today.due_next":         {"selesaikan sebelum batas waktu", "finish before the due time"},
	"today.overdue":          {"Terlambat", "Overdue"},
	"today.overdue_next":     {"kerjakan lebih dulu", "do these first"},
	"today.card":             {"Siap cetak kartu kendali", "Control card to print"},
	"today.card_next":        {"cetak kartu, serahkan ke pemeriksa", "print the card, take it to the examiner"},
	"today.initials":         {"Menunggu paraf", "Waiting for initials"},
	"today.initials_next":    {"catat paraf saat kartu kembali", "record initials as the card returns"},
	"today.courier":          {"Siap diserahkan ke caraka", "Ready for a courier"},
	"today.courier_next":     {"tugaskan caraka, cetak tanda terima", "assign a courier, print the receipt"},
	"today.out":              {"Dibawa caraka", "Out with a courier"},
	"today.out_next":         {"catat tanda terima yang kembali", "record the receipts that return"},
	"today.archive":          {"Menunggu diarsipkan", "Waiting to be archived"},
	"today.archive_next":     {"arsipkan dengan kartu dan tanda terima", "archive with card and receipts"},
	"today.chart_loading":    {"Menghitung grafik 30 hari kerja…", "Counting the last 30 working days…"},
	"today.chart_volume":     {"Naskah, %d hari kerja", "Letters, %d working days"},
	"today.chart_on_time":    {"Tepat waktu (1 hari kerja)", "On time (1 working day)"},
	"today.chart_max":        {"maks %s/hari, total %s", "max %s/day, %s in all"},
	"today.chart_share":      {"rata-rata %s", "overall %s"},
	"today.calendar_warning": {"Peringatan: belum ada daftar hari libur tahun %[1]s; batas waktu yang melewati tahun itu hanya perkiraan. Tekan %[2]s untuk memuat daftarnya (Direktori, bagian Kalender).", "Warning: no holiday list for %[1]s yet; due times that run through that year are estimates. Press %[2]s to load it (Directory, Calendar section)."},

	"list.loading":        {"Memuat…", "Loading…"},
	"list.empty":          {"Tidak ada naskah", "No letters"},
	"list.range":          {"%s-%s", "%s-%s"},
	"list.range_of":       {"%s-%s dari %s", "%s-%s of %s"},
	"list.only":           {"hanya %s", "only %s"},
	"list.only_overdue":   {"hanya yang terlambat", "overdue only"},
	"list.only_due_today": {"jatuh tempo hari ini", "due today"},
	"list.matching":       {"cari \"%s\"", "matching \"%s\""},
	"list.search_hint":    {"no. agenda, no. surat, pengirim, perihal", "agenda no., letter no., sender, subject"},
	"search.title":        {"Arsip semua tahun", "Archive, every year"},
	"agenda.title":        {"Buku agenda %d", "Agenda book %d"},
	"agenda.book_title":   {"Buku Agenda Surat Masuk Tahun %d", "Incoming Agenda Book %d"},

	"intake.none":             {"Tanpa kotak surat: naskah masuk lewat 'sanapati-desk import'.", "No mailbox: letters come in with 'sanapati-desk import'."},
	"intake.closed":           {"Pemantau kotak surat berhenti. Mulai ulang desk untuk menyambung lagi.", "The mailbox watcher stopped. Restart the desk to connect again."},
	"intake.connecting":       {"Menghubungkan ke kotak surat…", "Connecting to the mailbox…"},
	"intake.connected":        {"● Tersambung, memeriksa naskah baru…", "● Connected, looking for new letters…"},
	"intake.syncing":          {"⟳ Mengambil naskah %s dari %s", "⟳ Fetching letters %s of %s"},
	"intake.watching":         {"Tersambung, %s", "Connected, %s"},
	"intake.idle":             {"server memberi tahu naskah baru", "the server reports new letters"},
	"intake.polling":          {"memeriksa tiap beberapa detik", "checking every few seconds"},
	"intake.last_sync":        {"terakhir %s", "last %s"},
	"intake.offline":          {"Luring: %s.", "Offline: %s."},
	"intake.retry":            {"Coba lagi pukul %s.", "Trying again at %s."},
	"intake.stopped":          {"Kotak surat berhenti: %s. Periksa pengaturan, lalu mulai ulang desk.", "The mailbox stopped: %s. Check the settings, then restart the desk."},
	"intake.reason_unknown":   {"sebab tidak diketahui", "cause unknown"},
	"intake.reason_auth":      {"nama pengguna atau kata sandi ditolak", "the user name or password was refused"},
	"intake.reason_insecure":  {"sambungan tidak terenkripsi ditolak", "an unencrypted connection was refused"},
	"intake.new":              {"%d naskah baru masuk.", "%d new letter(s) arrived."},
	"intake.resynced":         {"Penanda sinkron kotak surat %s lebih maju dari server (server dipulihkan dari cadangan?): kotak surat dibaca ulang dari awal, tanpa naskah hilang atau ganda.", "The desk's sync mark for mailbox %s was ahead of the server (a server restored from a backup?): the mailbox was read again from the start, nothing lost or doubled."},
	"intake.skipped":          {"Pesan UID %d di %s berukuran %s, melebihi batas desk %s: tidak disimpan. Minta pengirim mengirim ulang dengan lampiran lebih kecil.", "Message UID %d in %s is %s, more than the desk's limit of %s: not stored. Ask the sender to send it again with smaller attachments."},
	"intake.short_connecting": {"menyambung", "connecting"},
	"intake.short_online":     {"tersambung", "online"},
	"intake.short_syncing":    {"sinkron", "syncing"},
	"intake.short_offline":    {"luring", "offline"},
	"intake.short_stopped":    {"kotak surat berhenti", "mailbox stopped"},
	"intake.offline_mail":     {"Luring. %s", "Offline. %s"},
	"intake.stopped_mail":     {"Kotak surat berhenti. %s Setelah itu, mulai ulang desk.", "The mailbox stopped. %s Then restart the desk."},
	"intake.retry_in":         {"%s Mencoba lagi dalam %s.", "%s Trying again in %s."},

	"hdr.from":             {"Dari", "From"},
	"hdr.to":               {"Kepada", "To"},
	"hdr.cc":               {"Tembusan", "Cc"},
	"hdr.date":             {"Tanggal", "Date"},
	"hdr.subject":          {"Perihal", "Subject"},
	"hdr.received":         {"Diterima", "Received"},
	"hdr.files":            {"Lampiran", "Files"},
	"hdr.late_reason":      {"Lambat", "Late"},
	"hdr.duplicate":        {"Duplikat", "Duplicate"},
	"letter.estimated":     {"(perkiraan)", "(estimated)"},
	"letter.duplicate_of":  {"dari %s", "of %s"},
	"letter.due":           {"%s · batas %s", "%s · due %s"},
	"letter.due_only":      {"batas %s", "due %s"},
	"letter.left":          {"sisa %s", "%s left"},
	"letter.problem":       {"Tidak terbaca", "Unreadable"},
	"letter.busy":          {"Sedang dikerjakan…", "Working…"},
	"letter.journey_done":  {"Semua langkah naskah ini selesai.", "Every step of this letter is done."},
	"letter.set_aside":     {"Disisihkan: %s", "Set aside: %s"},
	"letter.classified":    {"Bersifat %s: tidak boleh lewat jalur biasa.", "Classified %s: not for the ordinary path."},
	"letter.restricted":    {"Sifat TERBATAS: boleh diproses, jaga kerahasiaannya.", "Classified RESTRICTED: it may go on; keep it confidential."},
	"letter.parse_problem": {"Sebagian naskah tidak terbaca; yang terbaca ditampilkan, aslinya tersimpan utuh.", "Part of the message could not be read; what could is shown, the original is kept whole."},

	"step.title":      {"Langkah", "Steps"},
	"step.receive":    {"Terima", "Received"},
	"step.route":      {"Penerima", "Recipients"},
	"step.copies":     {"Cetak salinan", "Print copies"},
	"step.register":   {"Agendakan", "Register"},
	"step.card":       {"Kartu kendali", "Control card"},
	"step.initial":    {"Paraf", "Initials"},
	"step.assign":     {"Caraka", "Courier"},
	"step.aide":       {"Lewat ajudan", "Via aides"},
	"step.direct":     {"Caraka/faks", "Courier/fax"},
	"step.receipts":   {"Tanda terima", "Receipts"},
	"step.archive":    {"Arsip", "Archive"},
	"step.recipients": {"Penerima", "Recipients"},
	"step.officials":  {"Paraf", "Initials"},

	"err.panic":            {"Terjadi kesalahan internal (%v). Ulangi langkahnya; jika terulang, laporkan ke pengelola.", "An internal error happened (%v). Try the step again; if it happens again, report it."},
	"err.no_spool":         {"Pencetakan belum diatur. Isi bagian [paper] di berkas pengaturan.", "Printing is not set up. Fill in the [paper] section of the settings file."},
	"err.no_attachments":   {"Naskah ini tidak berlampiran.", "This letter has no attachments."},
	"err.prompt_cancelled": {"Kata sandi tidak diisi: kotak surat tidak disambung.", "No password given: the mailbox is not connected."},
	"err.other":            {"Gagal: %s.", "Failed: %s."},
}

// catalogue is the sentence tables, one per part of the desk; a key
// lives in exactly one of them (TestCatalogueKeysOnce). Looked up in turn
// rather than merged at start, so that a run of the command line does not
// pay for the screens' words.
var catalogue = [...]map[string][2]string{messages, screenMessages, stepMessages}

// sentence is the {Indonesian, English} pair for key.
func sentence(key string) ([2]string, bool) {
	for _, part := range catalogue {
		if m, ok := part[key]; ok {
			return m, true
		}
	}
	return [2]string{}, false
}

// Sentence turns any error into the one sentence the status line shows.
func (t *Text) Sentence(err error) string {
	var (
		pe *panicError
		se *print.SpoolError
		me *mail.Error
		ce *store.Error
	)
	var fe *fs.PathError
	switch {
	case errors.Is(err, context.Canceled):
		return t.T("err.cancelled")
	case errors.As(err, &fe) && errors.Is(err, fs.ErrNotExist):
		return t.T("err.file_missing", mail.SanitizeLine(fe.Path))
	case errors.As(err, &fe) && errors.Is(err, fs.ErrPermission):
		return t.T("err.file_denied", mail.SanitizeLine(fe.Path))
	case errors.As(err, &pe):
		return t.T("err.panic", pe.value)
	case errors.As(err, &se):
		return se.Message(t.Lang)
	case errors.As(err, &me):
		return mail.SanitizeLine(me.Message(t.Lang))
	case errors.As(err, &ce):
		return t.Error(err)
	case errors.Is(err, paperwork.ErrNoSpool):
		return t.T("err.no_spool")
	case letter.Key(err) != "":
		return t.T(letter.Key(err))
	case errors.Is(err, errNoPDF):
		return t.T("err.no_pdf")
	case errors.Is(err, errNoAttachments):
		return t.T("err.no_attachments")
	case errors.Is(err, ErrPromptCancelled):
		return t.T("err.prompt_cancelled")
	case errors.Is(err, mail.ErrAuth):
		return t.T("intake.reason_auth")
	}
	return t.T("err.other", strings.TrimSuffix(mail.SanitizeLine(err.Error()), "."))
}

// Num shows a count with the thousands separated: 99.520 (Indonesian) or
// 99,520.
func (t *Text) Num(n int) string { return locale.Count(n, t.Lang) }

// Span shows a duration briefly: "3j 05m" or "1hr 2j" in Indonesian (jam,
// menit, hari: "hr" so that it does not read as hours), "3h 05m" or
// "1d 2h" in English.
func (t *Text) Span(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	dd, hh, mm := "hr", "j", "m"
	if t.Lang == "en" {
		dd, hh, mm = "d", "h", "m"
	}
	if days > 0 {
		return fmt.Sprintf("%d%s %d%s", days, dd, hours, hh)
	}
	return fmt.Sprintf("%d%s %02d%s", hours, hh, mins, mm)
}

// ShortDateTime shows a moment in 11 cells: "27/11 08.14".
func (t *Text) ShortDateTime(tm time.Time) string {
	if tm.IsZero() {
		return "-"
	}
	return tm.Format("02/01 " + locale.ClockLayout(t.Lang))
}

// LongDate shows a day with its weekday: "Jumat, 27 November 2026".
func (t *Text) LongDate(tm time.Time) string {
	return t.Weekday(tm.Weekday()) + ", " + t.Date(tm)
}

// Size shows a file size: "120 KB".
func (t *Text) Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
