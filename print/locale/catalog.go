package locale

import (
	"fmt"
	"strconv"
	"strings"
)

// The desk's catalogue: every sentence its packages say to the operator,
// keyed, in both languages ({Indonesian, English}, Printf formats), in
// parts by who says it: the mail intake and the print spooler here, the
// desk's steps and command line (desk.go), the screens (screens.go), the
// keys and forms (steps.go), and the command line's help, looked up by
// its English (help.go). A key lives in exactly one part.
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

// parts are the catalogue's tables. They are looked up in turn rather
// than merged at start, so that a run of the command line does not pay
// for building one map of them.
var parts = [...]map[string][2]string{catalogue, deskText, screenText, stepText, paperText}

// Lookup returns the sentence pair of key.
func Lookup(key string) ([2]string, bool) {
	for _, p := range parts {
		if pair, ok := p[key]; ok {
			return pair, true
		}
	}
	return [2]string{}, false
}

// T returns the sentence for key in lang ("en", or Indonesian for
// anything else) with args filled in; an unknown key is returned as it
// is, so a missing entry shows rather than hides.
func T(lang, key string, args ...any) string {
	pair, ok := Lookup(key)
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
	return fmt.Sprintf(plural(s, args), args...)
}

// Keys returns every key of the catalogue, for tests that check each
// sentence.
func Keys() []string {
	var out []string
	for _, p := range parts {
		for k := range p {
			out = append(out, k)
		}
	}
	return out
}

// Parts returns the catalogue's tables, for the test that each key lives
// in one of them only.
func Parts() []map[string][2]string { return parts[:] }

// plural chooses the forms of a sentence by number: "{copy|copies}" is
// "copy" when the nearest number argument before it is 1 (or -1), else
// "copies". English needs it ("1 copy", "2 copies"); Indonesian does not
// ("1 salinan", "2 salinan") but may use it too. The forms hold no verbs.
func plural(format string, args []any) string {
	if !strings.Contains(format, "{") {
		return format
	}
	var b strings.Builder
	next, last := 0, -1 // the next argument a verb takes, the last number's
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '%' && i+1 < len(format) && format[i+1] == '%':
			b.WriteString("%%")
			i++
			continue
		case c == '%':
			j := i + 1
			if j+2 < len(format) && format[j] == '[' {
				if k := strings.IndexByte(format[j:], ']'); k > 0 {
					if n, err := strconv.Atoi(format[j+1 : j+k]); err == nil {
						next = n - 1
					}
					j += k + 1
				}
			}
			for j < len(format) && strings.IndexByte("+-# 0123456789.*", format[j]) >= 0 {
				if format[j] == '*' {
					next++ // a width or precision taken from the arguments
				}
				j++
			}
			if j >= len(format) {
				b.WriteString(format[i:]) // a lone % at the end: Sprintf says so
				return b.String()
			}
			if next >= 0 && next < len(args) {
				if _, ok := number(args[next]); ok {
					last = next
				}
			}
			next++
			b.WriteString(format[i : j+1])
			i = j
			continue
		case c == '{':
			if k := strings.IndexByte(format[i:], '}'); k > 0 {
				one, other, ok := strings.Cut(format[i+1:i+k], "|")
				if ok {
					n, _ := number(argAt(args, last))
					if n == 1 || n == -1 {
						b.WriteString(one)
					} else {
						b.WriteString(other)
					}
					i += k
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func argAt(args []any, i int) any {
	if i < 0 || i >= len(args) {
		return nil
	}
	return args[i]
}

// number is v as an integer, when it is one.
func number(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case int32:
		return int64(n), true
	case uint64:
		return int64(n), true
	case uint32:
		return int64(n), true
	}
	return 0, false
}
