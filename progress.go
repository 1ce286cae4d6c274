package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"sanapati-desk/mail"
)

// progressLine shows a sync's progress on one line of the terminal,
// redrawn at most ten times a second, and clears it at the end. It is a
// few lines where a progress-bar library linked in net/http, whose
// package initialisation every run of the program paid for.
type progressLine struct {
	w       io.Writer
	mailbox string
	start   time.Time
	last    time.Time
	drawn   bool
}

// progressEvery is the least time between two redraws.
const progressEvery = 100 * time.Millisecond

// update redraws the line for p, unless it was drawn a moment ago and the
// sync is not done.
func (l *progressLine) update(p mail.Progress, now time.Time) {
	if l.start.IsZero() {
		l.start = now
	}
	if l.drawn && now.Sub(l.last) < progressEvery && p.Messages < p.Total {
		return
	}
	l.last, l.drawn = now, true
	fmt.Fprintf(l.w, "\r\x1b[K%s", progressText(l.mailbox, p, now.Sub(l.start)))
}

// finish clears the line.
func (l *progressLine) finish() {
	if l.drawn {
		io.WriteString(l.w, "\r\x1b[K")
		l.drawn = false
	}
}

// progressText is the line itself: the mailbox, the megabytes and the
// messages so far, and once there is a rate to go by, the rate and the
// time left.
func progressText(mailbox string, p mail.Progress, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %.1f MB  %d/%d pesan", mail.SanitizeLine(mailbox), float64(p.Bytes)/1e6, p.Messages, p.Total)
	if elapsed >= time.Second && p.Messages > 0 {
		rate := float64(p.Messages) / elapsed.Seconds()
		fmt.Fprintf(&b, "  %.0f pesan/s", rate)
		if left := p.Total - p.Messages; left > 0 {
			fmt.Fprintf(&b, ", sisa %v", time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second))
		}
	}
	return b.String()
}
