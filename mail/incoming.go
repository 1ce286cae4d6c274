package mail

import (
	"time"

	"sanapati-desk/store"
)

// NewIncoming reads raw far enough to fill the store's record of it: the
// sanitised From, Subject, Message-ID and Date, whether files are attached,
// and what could not be read. The raw bytes are kept as they are whatever
// the parser thinks of them.
func NewIncoming(raw []byte, receivedAt time.Time, src store.Source) store.Incoming {
	m := summarize(raw)
	// The look at an attached PDF (a start of pdftotext) waits for
	// SettleClasses, after the letter is stored.
	class, pdfs := emailClass(raw, m)
	has := false
	for _, a := range m.Attachments {
		if !a.Inline {
			has = true
			break
		}
	}
	return store.Incoming{
		Raw:            raw,
		ReceivedAt:     receivedAt,
		Source:         src,
		MessageID:      m.MessageID,
		From:           m.From,
		Subject:        m.Subject,
		Date:           m.Date,
		HasAttachments: has,
		ParseProblem:   m.Problem(),
		Class:          class,
		ClassPending:   pdfs != nil,
	}
}
