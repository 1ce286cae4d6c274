package locale

import "fmt"

// The desk's catalogue: every sentence its packages say to the operator,
// keyed, in both languages ({Indonesian, English}, Printf formats). The
// sentences of the mail intake and of the print spooler are here; the
// screens' and the command line's are added by the package that shows
// them (tui), through Add, so that T finds every one in one place.
var catalogue = map[string][2]string{
	// The mail intake: one sentence per kind of failure. The arguments are
	// the server, the step (with the UIDs being fetched) and what went
	// wrong, by index, since not every sentence names the step.
	"mail.network": {
		"Sambungan ke server surat %[1]s gagal saat %[2]s (%[3]s). Desk mencoba lagi sendiri; jika terus begini, periksa jaringan atau hubungi pengelola server surat.",
		"The connection to the mail server %[1]s failed during %[2]s (%[3]s). The desk tries again by itself; if this goes on, check the network or ask the mail server's administrator.",
	},
	"mail.unavailable": {
		"Server surat %[1]s sedang tidak dapat melayani (%[3]s). Desk mencoba lagi nanti dengan sendirinya; jika berlanjut, hubungi pengelola server surat.",
		"The mail server %[1]s cannot serve now (%[3]s). The desk tries again later by itself; if this goes on, ask the mail server's administrator.",
	},
	"mail.auth": {
		"Server surat %[1]s menolak login (%[3]s). Periksa nama pengguna dan kata sandi di pengaturan.",
		"The mail server %[1]s refused the login (%[3]s). Check the user name and the password in the settings.",
	},
	"mail.insecure": {
		"Sambungan ke server surat %[1]s tidak aman (%[3]s). Periksa alamat kotak surat dan sertifikat (ca-file) di pengaturan.",
		"The connection to the mail server %[1]s would not be safe (%[3]s). Check the mailbox address and the certificate (ca-file) in the settings.",
	},
	"mail.refused": {
		"Server surat %[1]s menolak %[2]s (%[3]s). Periksa nama kotak surat di pengaturan.",
		"The mail server %[1]s refused %[2]s (%[3]s). Check the mailbox name in the settings.",
	},
	"mail.protocol": {
		"Server surat %[1]s mengirim jawaban yang tidak dapat dibaca saat %[2]s (%[3]s). Desk tidak mengulang; laporkan ke pengelola server surat, dan sementara itu masukkan naskah dengan 'import'.",
		"The mail server %[1]s sent an answer the desk cannot read during %[2]s (%[3]s). The desk does not retry; report this to the mail server's administrator, and take letters in with 'import' meanwhile.",
	},
	"mail.other": {
		"Kotak surat di %[1]s gagal saat %[2]s (%[3]s).",
		"The mailbox at %[1]s failed during %[2]s (%[3]s).",
	},

	// The print spooler: what went wrong, then where the document waits.
	"spool.failed":     {"Tidak dapat mencetak: %s; dokumen tersimpan di %s.", "cannot print: %s; the document is saved at %s"},
	"spool.no_lp":      {"perintah lp belum terpasang: pasang CUPS atau atur perintah cetak", "the lp command is not installed: install CUPS or set a print command"},
	"spool.no_cups":    {"layanan cetak CUPS tidak menjawab: jalankan layanan itu atau periksa pengaturan printer", "the CUPS print service does not answer: start it, or check the printer settings"},
	"spool.no_printer": {"printer %q tidak ada: periksa nama printer di pengaturan", "printer %q does not exist: check the printer name in the settings"},
	"spool.rejected":   {"printer %q menolak pekerjaan cetak (%s): periksa apakah printer menyala dan menerima pekerjaan", "printer %q refused the job (%s): check that it is on and accepting jobs"},
	"spool.no_command": {"program perintah cetak %q tidak ditemukan: periksa perintah cetak di pengaturan", "the program of the print command %q was not found: check the print command in the settings"},
	"spool.command":    {"perintah cetak gagal (%s): periksa perintah cetak di pengaturan", "the print command failed (%s): check the print command in the settings"},
}

// Add puts sentences into the catalogue; a key already there is a
// mistake in the program, and panics at start.
func Add(entries map[string][2]string) {
	for k, v := range entries {
		if _, dup := catalogue[k]; dup {
			panic("locale: the catalogue has " + k + " twice")
		}
		catalogue[k] = v
	}
}

// Lookup returns the sentence pair of key.
func Lookup(key string) ([2]string, bool) {
	pair, ok := catalogue[key]
	return pair, ok
}

// T returns the sentence for key in lang ("en", or Indonesian for
// anything else) with args filled in; an unknown key is returned as it
// is, so a missing entry shows rather than hides.
func T(lang, key string, args ...any) string {
	pair, ok := catalogue[key]
	if !ok {
		return key
	}
	s := pair[0]
	if lang == "en" {
		s = pair[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Keys returns every key of the catalogue, for tests that check each
// sentence.
func Keys() []string {
	out := make([]string, 0, len(catalogue))
	for k := range catalogue {
		out = append(out, k)
	}
	return out
}
