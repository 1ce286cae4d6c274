package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sanapati-desk/store"
)

// ImportResult is what an import did.
type ImportResult struct {
	// Files were read, holding Messages messages.
	Files, Messages int
	// New counts letters added; Added are their IDs.
	New   int
	Added []uint64
	// Duplicates counts messages the store already had.
	Duplicates int
	// Problems counts messages read with a ParseProblem (stored raw and
	// flagged).
	Problems int
	// Estimated are the new letters whose arrival time came from neither
	// the server nor a Received header, but from the file's time: the
	// operator should correct them.
	Estimated []uint64
}

// importBatch bounds how many messages, and bytes, one transaction holds.
const (
	importBatch      = 500
	importBatchBytes = 16 << 20
)

// Import stores the messages of .eml files and mbox files (as webmail
// exports them: mboxrd or mboxo, "From " lines between messages) through
// the same path as a sync, with the same dedupe: importing a file twice
// adds nothing. A file that cannot be read does not stop the others; the
// error names every file that failed. A folder stands for the .eml and
// mbox files directly in it (ImportFolderExts), in name order. The class
// of a letter with a PDF is read after (SettleClasses), as after a sync.
func Import(db *store.DB, paths ...string) (ImportResult, error) {
	var (
		res  ImportResult
		errs []error
	)
	for _, p := range paths {
		files, err := folderFiles(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if err := importFile(db, f, &res); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return res, errors.Join(errs...)
}

// ImportFolderExts are the names a folder's files are imported by.
var ImportFolderExts = []string{".eml", ".mbox", ".mbx", ".mbs"}

// folderFiles is path itself, or for a folder the files in it whose names
// end in one of ImportFolderExts, sorted.
func folderFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		return []string{path}, nil // importFile says what is wrong
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, &ImportError{Path: path, Err: err}
	}
	var out []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		// Apple Mail exports a mailbox as Inbox.mbox/mbox.
		if !slices.Contains(ImportFolderExts, ext) && e.Name() != "mbox" {
			continue
		}
		p := filepath.Join(path, e.Name())
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() { // a link to a file counts
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, &ImportError{Path: path, Err: ErrEmptyFolder}
	}
	return out, nil
}

// The failures of one file of an import, wrapped in an ImportError that
// names the file; the catalogue says each in the desk's language.
var (
	// ErrEmptyFolder: a folder given to Import holds no .eml or mbox file.
	ErrEmptyFolder = errors.New("the folder holds no .eml or mbox file")
	// ErrEmptyFile: the file holds nothing.
	ErrEmptyFile = errors.New("the file is empty")
	// ErrIsFolder: a folder where a file was wanted.
	ErrIsFolder = errors.New("is a folder, not a file")
	// ErrMessageTooLarge: a message over MaxMessageMB.
	ErrMessageTooLarge = errors.New("larger than the largest message the desk accepts")
)

// MaxMessageMB is the largest message the desk accepts, in megabytes.
func MaxMessageMB() int64 { return maxMessageBytes >> 20 }

// ImportError is a file of an import that could not be taken in.
type ImportError struct {
	Path string
	Err  error
}

func (e *ImportError) Error() string { return "import " + e.Path + ": " + e.Err.Error() }
func (e *ImportError) Unwrap() error { return e.Err }

func importFile(db *store.DB, path string, res *ImportResult) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	f, err := os.Open(path)
	if err != nil {
		return &ImportError{Path: path, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return &ImportError{Path: path, Err: err}
	}
	if fi.IsDir() {
		return &ImportError{Path: path, Err: ErrIsFolder}
	}
	res.Files++
	loc := db.Calendar().Location()
	var pending []store.Incoming
	var size int
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		r, err := db.Add(pending)
		if err != nil {
			return &ImportError{Path: path, Err: err}
		}
		res.New += len(r.Added)
		res.Added = append(res.Added, r.Added...)
		for _, id := range r.Added {
			if l, err := db.Letter(id); err == nil && l.ReceivedEstimated {
				res.Estimated = append(res.Estimated, id)
			}
		}
		res.Duplicates += r.Duplicates
		for _, in := range pending {
			if in.ParseProblem != "" {
				res.Problems++
			}
		}
		pending, size = nil, 0
		return nil
	}
	add := func(raw []byte, src string, received time.Time) error {
		res.Messages++
		if received.IsZero() {
			received = receivedHeaderTime(raw)
		}
		estimated := received.IsZero()
		if estimated {
			received = fi.ModTime()
		}
		in := NewIncoming(raw, received, store.Source{File: src})
		in.ReceivedEstimated = estimated
		pending = append(pending, in)
		size += len(raw)
		if len(pending) >= importBatch || size >= importBatchBytes {
			return flush()
		}
		return nil
	}

	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(5)
	if string(head) == "From " {
		n := 0
		err := readMbox(br, func(raw []byte, fromLine string) error {
			n++
			return add(raw, fmt.Sprintf("%s#%d", abs, n), fromLineTime(fromLine, loc))
		})
		if err != nil {
			flush()
			return &ImportError{Path: path, Err: err}
		}
		return flush()
	}
	raw, err := io.ReadAll(io.LimitReader(br, maxMessageBytes+1))
	if err != nil {
		return &ImportError{Path: path, Err: err}
	}
	if int64(len(raw)) > maxMessageBytes {
		return &ImportError{Path: path, Err: ErrMessageTooLarge}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return &ImportError{Path: path, Err: ErrEmptyFile}
	}
	if err := add(raw, abs, time.Time{}); err != nil {
		return err
	}
	return flush()
}

// readMbox calls fn for each message of an mbox. A "From " line starts a
// message when it follows an empty line (or starts the file) or looks like
// a real separator (it carries a date); ">From " lines are unescaped the
// mboxrd way, which reads mboxo files correctly too.
func readMbox(r *bufio.Reader, fn func(raw []byte, fromLine string) error) error {
	var (
		cur       bytes.Buffer
		fromLine  string
		started   bool
		prevBlank = true
	)
	emit := func() error {
		b := cur.Bytes()
		// The empty line before the next separator belongs to the mbox.
		if bytes.HasSuffix(b, []byte("\r\n")) {
			b = b[:len(b)-2]
		} else if bytes.HasSuffix(b, []byte("\n")) {
			b = b[:len(b)-1]
		}
		if len(bytes.TrimSpace(b)) == 0 {
			return nil
		}
		raw := make([]byte, len(b))
		copy(raw, b)
		return fn(raw, fromLine)
	}
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if bytes.HasPrefix(line, []byte("From ")) && (prevBlank || reFromLine().Match(line)) {
				if started {
					if err := emit(); err != nil {
						return err
					}
				}
				started, fromLine, prevBlank = true, strings.TrimRight(string(line), "\r\n"), false
				cur.Reset()
			} else {
				if isEscapedFrom(line) {
					line = line[1:]
				}
				cur.Write(line)
				prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
				if int64(cur.Len()) > maxMessageBytes {
					return ErrMessageTooLarge
				}
			}
		}
		if err == io.EOF {
			if started || cur.Len() > 0 {
				return emit()
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// reFromLine matches a separator line that carries a date, as mbox writers
// put there: "From sender Sat Jan  3 01:05:34 1996" and variants.
var reFromLine = lazyRegexp(`^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}(:\d{2})?( [+-]\d{4})? \d{4}`)

func isEscapedFrom(line []byte) bool {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	return i > 0 && bytes.HasPrefix(line[i:], []byte("From "))
}

// fromLineTime reads the delivery time an mbox separator line carries; a
// time without a zone is read in loc, the desk's time zone, where the
// mailbox that wrote it most likely was.
func fromLineTime(line string, loc *time.Location) time.Time {
	f := strings.Fields(line)
	if len(f) < 3 {
		return time.Time{}
	}
	s := strings.Join(f[2:], " ")
	for _, layout := range []string{"Mon Jan 2 15:04:05 2006", "Mon Jan 2 15:04:05 -0700 2006", "Mon Jan 2 15:04 2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}

// receivedHeaderTime reads the time in the topmost Received header: when
// the last server took the message in.
func receivedHeaderTime(raw []byte) time.Time {
	hb, _ := splitMessage(raw)
	h, _ := parseHeader(hb)
	v := h.Get("Received")
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return time.Time{}
	}
	t, err := parseDate(v[i+1:])
	if err != nil {
		return time.Time{}
	}
	return t
}
