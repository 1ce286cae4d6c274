package print

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sanapati-desk/store"
)

// ExportAgenda writes the agenda book of letters to path in the format the
// extension names: .pdf (as AgendaBook draws it), .xlsx or .csv (UTF-8
// with a byte order mark). title says which period the book covers. The
// file appears whole or not at all.
func ExportAgenda(path string, letters []store.Letter, title string, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("export agenda: %w", err)
	}
	var write func(io.Writer) error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".pdf":
		write = func(w io.Writer) error { return AgendaBook(w, letters, title, opts) }
	case ".xlsx":
		write = func(w io.Writer) error {
			return writeXLSX(w, s, s.bookTitle(title), []sheet{s.agendaSheet(letters)})
		}
	case ".csv":
		write = func(w io.Writer) error { return writeCSV(w, s, []sheet{s.agendaSheet(letters)}) }
	default:
		return fmt.Errorf("export agenda: unknown format %q (use .pdf, .xlsx or .csv)", ext)
	}
	if err := writeFile(path, write); err != nil {
		return fmt.Errorf("export agenda: %w", err)
	}
	return nil
}

// ExportReport writes the monthly report for the month containing month to
// path in the format the extension names: .pdf (as MonthlyReport draws it),
// .xlsx (a sheet each for the summary, the late letters, the time per step,
// the destinations, the channels and the daily volume) or .csv (the same
// tables one after another, decimals and percentages written as the PDF
// writes them: "33,3%" in Indonesian, "33.3%" in English).
//
// The workbook keeps numbers as numbers with the formats "0.00" and
// "0.0%": in a number format the point stands for the decimal mark, which
// the spreadsheet shows as its locale does, so an Indonesian spreadsheet
// shows 33,3% and can still sum the cells.
func ExportReport(path string, letters []store.Letter, month time.Time, opts Options) error {
	s, err := opts.settings()
	if err != nil {
		return fmt.Errorf("export report: %w", err)
	}
	sheets := func() []sheet {
		return s.reportSheets(MonthFigures(letters, month, s.Calendar, s.now))
	}
	var write func(io.Writer) error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".pdf":
		write = func(w io.Writer) error { return MonthlyReport(w, letters, month, opts) }
	case ".xlsx":
		write = func(w io.Writer) error {
			return writeXLSX(w, s, s.lab.reportTitle+" "+s.month(month), sheets())
		}
	case ".csv":
		write = func(w io.Writer) error { return writeCSV(w, s, s.localDecimals(sheets())) }
	default:
		return fmt.Errorf("export report: unknown format %q (use .pdf, .xlsx or .csv)", ext)
	}
	if err := writeFile(path, write); err != nil {
		return fmt.Errorf("export report: %w", err)
	}
	return nil
}

// writeFile writes through a temporary file beside path and renames it
// into place, so a failed export leaves no half file behind.
func writeFile(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return atomicWrite(path, buf.Bytes())
}

// atomicWrite puts data at path whole or not at all.
func atomicWrite(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// sheet is one table of an export: a spreadsheet sheet, or a section of
// a CSV file.
type sheet struct {
	name   string
	header []string
	widths []float64 // column widths in characters
	// rows hold string, int, float64 (two decimals), percent, day and
	// moment values.
	rows [][]any
}

// Typed cells, so that each format writes dates as dates and numbers as
// numbers.
type (
	day     time.Time // a date
	moment  time.Time // a date and time of day
	percent float64   // a share from 0 to 1
)

// dayOf and momentOf leave zero times empty.
func dayOf(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return day(t)
}

func momentOf(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return moment(t)
}

func (s *settings) agendaSheet(letters []store.Letter) sheet {
	lab := s.lab
	sh := sheet{
		name: lab.agendaSheet,
		header: []string{lab.no, lab.serial, lab.received, lab.origin, lab.letterNumber,
			lab.letterDate, lab.subjectSummary, lab.class, lab.classCode, lab.attachments, lab.forwardedTo, lab.remarks},
		widths: []float64{7, 12, 17, 30, 22, 12, 50, 10, 14, 16, 40, 25},
		rows:   make([][]any, len(letters)),
	}
	for i := range letters {
		r := s.agendaRow(&letters[i])
		var seq any = ""
		if r.seq > 0 {
			seq = r.seq
		}
		number := r.number
		if r.seq == 0 {
			number = ""
		}
		sh.rows[i] = []any{seq, number, momentOf(r.received), r.origin, r.letterNumber,
			dayOf(r.letterDate), r.summary, r.class, r.classCode, r.attachments, r.forwardedTo, r.remarks}
	}
	return sh
}

func (s *settings) reportSheets(f Figures) []sheet {
	lab, rl := s.lab, s.rep()
	var share any = ""
	if f.OnTime+f.Late > 0 {
		share = percent(f.OnTimeShare)
	}
	summary := sheet{
		name: lab.summarySheet, header: []string{lab.measure, lab.value}, widths: []float64{44, 14},
		rows: [][]any{
			{lab.receivedCount, f.Received},
			{lab.classified, f.Classified},
			{lab.setAside, f.SetAside},
			{rl.estimated, f.Estimated},
			{lab.onTime, f.OnTime},
			{lab.late, f.Late},
			{rl.shareBasis, f.OnTime + f.Late},
			{lab.onTimeShare, share},
			{lab.pending, f.Pending},
		},
	}
	late := sheet{
		name: lab.lateSheet,
		header: []string{lab.no, lab.serial, lab.subject, lab.received, lab.due, lab.done,
			lab.delay, lab.reason},
		widths: []float64{6, 12, 50, 17, 17, 17, 12, 40},
	}
	for i, l := range f.LateLetters {
		late.rows = append(late.rows, []any{i + 1, l.Agenda.Format(s.AgendaFormat), l.Subject,
			momentOf(l.ReceivedAt), momentOf(l.Due), momentOf(l.DoneAt), l.Delay, l.Reason})
	}
	steps := sheet{
		name:   rl.stepsSheet,
		header: []string{rl.step, rl.count, rl.medianHours, rl.p90Hours},
		widths: []float64{30, 10, 14, 16},
	}
	for _, st := range f.Steps {
		var median, p90 any = "", ""
		if st.Count > 0 {
			median, p90 = st.MedianHours, st.P90Hours
		}
		steps.rows = append(steps.rows, []any{rl.steps[st.Step], st.Count, median, p90})
	}
	dests := sheet{
		name:   rl.destSheet,
		header: []string{rl.destination, lab.deliveries, rl.averageHours, rl.medianHours, rl.lateCopies, rl.onTimeShare},
		widths: []float64{36, 14, 14, 14, 12, 12},
	}
	for _, d := range f.Destinations {
		var avg, median, share any = "", "", ""
		if d.Deliveries > 0 {
			avg, median = d.AverageHours, d.MedianHours
		}
		if d.OnTime+d.Late > 0 {
			share = percent(d.OnTimeShare)
		}
		dests.rows = append(dests.rows, []any{d.Name, d.Deliveries, avg, median, d.Late, share})
	}
	channels := sheet{
		name:   lab.channelSheet,
		header: []string{lab.channel, lab.deliveries, lab.averageDays, rl.averageHours, rl.medianHours},
		widths: []float64{18, 14, 16, 14, 14},
	}
	for _, c := range f.Channels {
		channels.rows = append(channels.rows, []any{s.channel(c.Channel), c.Deliveries, c.AverageDays,
			c.AverageHours, c.MedianHours})
	}
	daily := sheet{
		name: lab.dailySheet, header: []string{lab.day, lab.daysReceived}, widths: []float64{12, 10},
	}
	for i, n := range f.Daily {
		daily.rows = append(daily.rows, []any{day(f.Month.AddDate(0, 0, i)), n})
	}
	return []sheet{summary, late, steps, dests, channels, daily}
}

// localDecimals turns the decimals and percentages of sheets into text in
// the document's language, as the PDF shows them, for a CSV file: a CSV
// cell has no number format for the spreadsheet to apply.
func (s *settings) localDecimals(sheets []sheet) []sheet {
	for _, sh := range sheets {
		for _, row := range sh.rows {
			for i, v := range row {
				switch v := v.(type) {
				case percent:
					row[i] = s.percentText(float64(v))
				case float64:
					row[i] = s.number(v, 2)
				}
			}
		}
	}
	return sheets
}

// wall re-reads t's clock in the document's zone as UTC: spreadsheets
// have no zones, and the office reads its own clock.
func (s *settings) wall(t time.Time) time.Time {
	t = t.In(s.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
