package print

import "fmt"

// SpoolCode says why a document could not be sent to the printer, so that
// callers can branch on it.
type SpoolCode string

// The reasons a print fails.
const (
	SpoolNoLP          SpoolCode = "no_lp"          // lp is not installed
	SpoolNoCUPS        SpoolCode = "no_cups"        // the CUPS service does not answer
	SpoolNoPrinter     SpoolCode = "no_printer"     // the queue does not exist
	SpoolRejected      SpoolCode = "rejected"       // the queue refused the job
	SpoolNoCommand     SpoolCode = "no_command"     // the print command's program is missing
	SpoolCommandFailed SpoolCode = "command_failed" // the print command failed
)

// SpoolError is a print that did not go through. The document is saved at
// Path all the same, ready for a retry.
type SpoolError struct {
	Code    SpoolCode
	Path    string
	Printer string
	Command string
	// Detail is what lp or the command said, when it said anything.
	Detail string
	Err    error
}

// Error says in one sentence what failed, what to do, and where the
// document waits.
func (e *SpoolError) Error() string { return e.Message("en") }

// Unwrap returns the underlying error.
func (e *SpoolError) Unwrap() error { return e.Err }

// Message is the operator's sentence for the failure, in lang ("id", the
// default, or "en").
func (e *SpoolError) Message(lang string) string {
	detail := e.Detail
	if detail == "" && e.Err != nil {
		detail = e.Err.Error()
	}
	if lang == "en" {
		var what string
		switch e.Code {
		case SpoolNoLP:
			what = "the lp command is not installed: install CUPS or set a print command"
		case SpoolNoCUPS:
			what = "the CUPS print service does not answer: start it, or check the printer settings"
		case SpoolNoPrinter:
			what = fmt.Sprintf("printer %q does not exist: check the printer name in the settings", e.Printer)
		case SpoolRejected:
			what = fmt.Sprintf("printer %q refused the job (%s): check that it is on and accepting jobs", e.Printer, detail)
		case SpoolNoCommand:
			what = fmt.Sprintf("the program of the print command %q was not found: check the print command in the settings", e.Command)
		default:
			what = fmt.Sprintf("the print command failed (%s): check the print command in the settings", detail)
		}
		return fmt.Sprintf("cannot print: %s; the document is saved at %s", what, e.Path)
	}
	var what string
	switch e.Code {
	case SpoolNoLP:
		what = "perintah lp belum terpasang: pasang CUPS atau atur perintah cetak"
	case SpoolNoCUPS:
		what = "layanan cetak CUPS tidak menjawab: jalankan layanan itu atau periksa pengaturan printer"
	case SpoolNoPrinter:
		what = fmt.Sprintf("printer %q tidak ada: periksa nama printer di pengaturan", e.Printer)
	case SpoolRejected:
		what = fmt.Sprintf("printer %q menolak pekerjaan cetak (%s): periksa apakah printer menyala dan menerima pekerjaan", e.Printer, detail)
	case SpoolNoCommand:
		what = fmt.Sprintf("program perintah cetak %q tidak ditemukan: periksa perintah cetak di pengaturan", e.Command)
	default:
		what = fmt.Sprintf("perintah cetak gagal (%s): periksa perintah cetak di pengaturan", detail)
	}
	return fmt.Sprintf("Tidak dapat mencetak: %s; dokumen tersimpan di %s.", what, e.Path)
}
