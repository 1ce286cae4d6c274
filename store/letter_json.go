package store

import (
	"encoding/json"
	"strconv"
	"time"
)

// encodeLetter is json.Marshal(l), byte for byte. A letter as intake makes
// it (only the fields up to received_at set) is written without
// reflection: the full sync writes ten thousand of them in its one writer
// transaction at a time. Any other letter goes through encoding/json.
func encodeLetter(l *Letter) ([]byte, error) {
	if b, ok := appendNewLetter(make([]byte, 0, 384+len(l.From)+len(l.Subject)+len(l.ParseProblem)), l); ok {
		return b, nil
	}
	return json.Marshal(l)
}

// letterFields is the number of fields of Letter that appendNewLetter
// knows; a test fails when Letter grows, so that a new field is not left
// out of the shortcut.
const letterFields = 40

// appendNewLetter appends l as encoding/json writes it, when every field
// after received_at is one that encoding/json leaves out; ok is false
// otherwise, and then b is to be dropped.
func appendNewLetter(b []byte, l *Letter) (_ []byte, ok bool) {
	if !l.DoneAt.IsZero() || len(l.Recipients) > 0 || !l.CopiesPrintedAt.IsZero() || !l.Agenda.IsZero() ||
		!l.RegisteredAt.IsZero() || l.LetterNumber != "" || !l.LetterDate.IsZero() || l.Origin != "" ||
		l.Summary != "" || l.Attachments != "" || l.Class != "" || l.Urgency != "" || l.ClassCode != "" ||
		l.Index != "" || l.Remarks != "" || !l.CardPrintedAt.IsZero() || l.Examiner != "" ||
		len(l.Initials) > 0 || l.Courier != "" || !l.AssignedAt.IsZero() || l.ArchiveLocation != "" ||
		!l.ArchivedAt.IsZero() || l.SetAsideReason != "" || l.ReceivedEstimated || l.LateReason != "" ||
		!l.DuplicateOf.IsZero() || len(l.ProposedFrom) > 0 || l.ClassPending {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, l.ID, 10)
	b = append(b, `,"stage":`...)
	b = appendJSONString(b, string(l.Stage))
	b = append(b, `,"sha256":`...)
	b = appendJSONString(b, l.SHA256)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, l.Size, 10)
	b = append(b, `,"source":{`...)
	s, sep := l.Source, ""
	if s.Mailbox != "" {
		b = appendJSONString(append(b, `"mailbox":`...), s.Mailbox)
		sep = ","
	}
	if s.UIDValidity != 0 {
		b = strconv.AppendUint(append(append(b, sep...), `"uidvalidity":`...), uint64(s.UIDValidity), 10)
		sep = ","
	}
	if s.UID != 0 {
		b = strconv.AppendUint(append(append(b, sep...), `"uid":`...), uint64(s.UID), 10)
		sep = ","
	}
	if s.File != "" {
		b = appendJSONString(append(append(b, sep...), `"file":`...), s.File)
	}
	b = append(b, `},"message_id":`...)
	b = appendJSONString(b, l.MessageID)
	b = append(b, `,"from":`...)
	b = appendJSONString(b, l.From)
	b = append(b, `,"subject":`...)
	b = appendJSONString(b, l.Subject)
	if !l.Date.IsZero() {
		if b, ok = appendJSONTime(append(b, `,"date":`...), l.Date); !ok {
			return b, false
		}
	}
	if l.HasAttachments {
		b = append(b, `,"has_attachments":true`...)
	}
	if l.ParseProblem != "" {
		b = append(b, `,"parse_problem":`...)
		b = appendJSONString(b, l.ParseProblem)
	}
	if b, ok = appendJSONTime(append(b, `,"received_at":`...), l.ReceivedAt); !ok {
		return b, false
	}
	return append(b, '}'), true
}

// appendJSONTime appends t as encoding/json writes it (its MarshalJSON);
// ok is false when t cannot be written so.
func appendJSONTime(b []byte, t time.Time) ([]byte, bool) {
	v, err := t.MarshalJSON()
	if err != nil {
		return b, false
	}
	return append(b, v...), true
}
