package print

import "sanapati-desk/print/locale"

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
	var what string
	switch e.Code {
	case SpoolNoLP:
		what = locale.T(lang, "spool.no_lp")
	case SpoolNoCUPS:
		what = locale.T(lang, "spool.no_cups")
	case SpoolNoPrinter:
		what = locale.T(lang, "spool.no_printer", e.Printer)
	case SpoolRejected:
		what = locale.T(lang, "spool.rejected", e.Printer, detail)
	case SpoolNoCommand:
		what = locale.T(lang, "spool.no_command", e.Command)
	default:
		what = locale.T(lang, "spool.command", detail)
	}
	return locale.T(lang, "spool.failed", what, e.Path)
}
