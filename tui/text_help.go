package tui

import (
	"fmt"

	"sanapati-desk/print/locale"
)

// Help says s, a text of the command line written in English, in the
// catalogue's language (locale.Help).
func (t *Text) Help(s string) string { return locale.Help(t.Lang, s) }

// Helpf formats format, looked up as Help looks it up, with args.
func (t *Text) Helpf(format string, args ...any) string {
	return fmt.Sprintf(t.Help(format), args...)
}

// HasHelp reports whether s has its Indonesian, for the test that no
// English reaches an Indonesian screen.
func HasHelp(s string) bool { return locale.HasHelp(s) }
