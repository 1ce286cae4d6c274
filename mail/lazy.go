package mail

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles expr on its first use, so that a run of the desk
// that reads no message (a fetch with nothing new) does not compile it
// at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
