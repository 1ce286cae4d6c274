package tui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sanapati-desk/print"
	"sanapati-desk/store"
)

// The stages the Inbox shows (not yet in the agenda book) and the stages
// whose clock still runs.
var (
	inboxStages = []store.Stage{store.StageReceived, store.StageChecked, store.StagePrinted}
	openStages  = []store.Stage{store.StageReceived, store.StageChecked, store.StagePrinted,
		store.StageRegistered, store.StageForwarded, store.StageInitialled, store.StageAssigned}
)

type (
	countsMsg   struct{ counts map[store.Stage]int }
	overviewMsg struct{ ov overview }
	chartMsg    struct{ days []dayStat }
)

// overview counts the open letters by their clock.
type overview struct{ overdue, dueToday int }

// dayStat is one working day of the chart: letters received, and of those
// whose clock has run out or stopped, how many were done in time.
type dayStat struct {
	day                    time.Time
	received, onTime, late int
}

// todayRow is one line of the start screen: a count, what it counts, and
// the list enter opens.
type todayRow struct {
	label, next       string
	stages            []store.Stage
	overdue, dueToday bool
	screen            screen
}

var todayRows = []todayRow{
	{label: "today.new", next: "today.new_next", stages: inboxStages, screen: screenInbox},
	{label: "today.due", next: "today.due_next", stages: openStages, dueToday: true},
	{label: "today.overdue", next: "today.overdue_next", stages: openStages, overdue: true},
	{label: "today.card", next: "today.card_next", stages: []store.Stage{store.StageRegistered}},
	{label: "today.initials", next: "today.initials_next", stages: []store.Stage{store.StageForwarded}},
	{label: "today.courier", next: "today.courier_next", stages: []store.Stage{store.StageInitialled}},
	{label: "today.out", next: "today.out_next", stages: []store.Stage{store.StageAssigned}},
	{label: "today.archive", next: "today.archive_next", stages: []store.Stage{store.StageDelivered}},
}

// todayTarget is the list a row of the start screen opens.
type todayTarget struct {
	screen screen
	// loadYear is the year whose holiday list the Directory's calendar
	// section asks for (the warning's key).
	loadYear          int
	stages            []store.Stage
	overdue, dueToday bool
}

// todayModel is the start screen: what waits for the operator today.
type todayModel struct {
	counts map[store.Stage]int
	ov     *overview
	chart  []dayStat
	cursor int
	// unlisted are the years without a holiday list that an open
	// letter's clock reaches.
	unlisted []int
	// form is the import form (I) while it is open.
	form *formModel
}

func newToday() todayModel { return todayModel{} }

// load counts the letters by stage (fast), then by their clock and the
// last 30 working days (slower), each in its own command.
func (m todayModel) load(e *env) tea.Cmd {
	return tea.Batch(loadCounts(e.db), loadOverview(e.db), loadChart(e.db), loadUnlisted(e.db))
}

func loadCounts(db *store.DB) tea.Cmd {
	return run(func() tea.Msg {
		c, err := db.StageCounts()
		return failed(err, countsMsg{c})
	})
}

func loadOverview(db *store.DB) tea.Cmd {
	return run(func() tea.Msg {
		ov, err := countOpen(db)
		return failed(err, overviewMsg{ov})
	})
}

func loadChart(db *store.DB) tea.Cmd {
	return run(func() tea.Msg {
		days, err := lastDays(db, 30)
		return failed(err, chartMsg{days})
	})
}

// countOpen counts the open letters that are overdue or due today, from
// the store's indexes (no letter is read).
func countOpen(db *store.DB) (overview, error) {
	ov, err := db.Overview(db.Now())
	return overview{overdue: ov.Overdue, dueToday: ov.DueToday}, err
}

// lastDays gathers the chart of the last n working days, today included.
// A letter that arrived on a day off counts on the next working day, when
// its clock starts; whether each was on time is judged as the monthly
// report judges it (print.MonthFigures), one day at a time.
func lastDays(db *store.DB, n int) ([]dayStat, error) {
	cal, now := db.Calendar(), db.Now()
	loc := cal.Location()
	y, mo, d := now.In(loc).Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	var days []dayStat
	for i := 0; len(days) < n && i < 4*n; i++ {
		dd := day.AddDate(0, 0, -i)
		if cal.IsWorkingDay(dd) {
			days = append([]dayStat{{day: dd}}, days...)
		}
	}
	if len(days) == 0 {
		return nil, nil
	}
	byDay := make([][]store.Letter, len(days))
	err := db.EachReceived(days[0].day, day.AddDate(0, 0, 1), func(l *store.Letter) error {
		at := l.ReceivedAt.In(loc)
		on := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, loc)
		for j := range days {
			if !days[j].day.Before(on) {
				byDay[j] = append(byDay[j], *l)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for j := range days {
		for _, f := range dayFigures(byDay[j], cal, now) {
			days[j].received += f.Received
			days[j].onTime += f.OnTime
			days[j].late += f.Late
		}
	}
	return days, nil
}

// dayFigures are the report's figures of one column's letters, a
// print.MonthFigures per month they arrived in (a column after a long
// weekend may hold the last days of the month before).
func dayFigures(letters []store.Letter, cal *store.Calendar, now time.Time) []print.Figures {
	loc := cal.Location()
	var out []print.Figures
	seen := map[time.Month]bool{}
	for _, l := range letters {
		at := l.ReceivedAt.In(loc)
		if seen[at.Month()] {
			continue
		}
		seen[at.Month()] = true
		out = append(out, print.MonthFigures(letters, time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, loc), cal, now))
	}
	return out
}

func (m todayModel) update(msg tea.Msg) todayModel {
	switch msg := msg.(type) {
	case countsMsg:
		m.counts = msg.counts
	case overviewMsg:
		m.ov = &msg.ov
	case chartMsg:
		m.chart = msg.days
	}
	return m
}

// inboxCount is the number of letters not yet in the agenda book.
func (m todayModel) inboxCount() int { return m.count(todayRows[0]) }

// count is a row's number, -1 while it is being counted.
func (m todayModel) count(r todayRow) int {
	switch {
	case r.overdue || r.dueToday:
		if m.ov == nil {
			return -1
		}
		if r.overdue {
			return m.ov.overdue
		}
		return m.ov.dueToday
	case m.counts == nil:
		return -1
	}
	n := 0
	for _, s := range r.stages {
		n += m.counts[s]
	}
	return n
}

// updateKeys moves between the rows; enter opens the list a row counts.
func (m todayModel) updateKeys(e *env, msg tea.KeyPressMsg) (todayModel, *todayTarget) {
	k := &e.keys
	switch {
	case key.Matches(msg, k.Down):
		m.cursor = min(m.cursor+1, len(todayRows)-1)
	case key.Matches(msg, k.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, k.Top):
		m.cursor = 0
	case key.Matches(msg, k.Bottom):
		m.cursor = len(todayRows) - 1
	case key.Matches(msg, k.CalLoad) && len(m.unlisted) > 0:
		return m, &todayTarget{screen: screenDirectory, loadYear: m.unlisted[0]}
	case key.Matches(msg, k.Open):
		r := todayRows[m.cursor]
		return m, &todayTarget{screen: r.screen, stages: r.stages, overdue: r.overdue, dueToday: r.dueToday}
	}
	return m, nil
}

func (m todayModel) view(e *env, st *styles, now time.Time, w, h int) string {
	if m.form != nil {
		return m.form.view(st, e.t, w, h)
	}
	t := e.t
	var b strings.Builder
	b.WriteString(st.heading.Render(t.T("today.title", t.LongDate(now.In(e.db.Calendar().Location())))))
	b.WriteString("\n\n")
	labelW := 28
	for i, r := range todayRows {
		n := m.count(r)
		num := "…"
		if n >= 0 {
			num = t.Num(n)
		}
		mark := "  "
		if r.overdue && n > 0 {
			mark = "! "
		}
		line := fmt.Sprintf("%s%6s  %s %s", mark, num, cell(t.T(r.label), labelW), t.T(r.next))
		line = truncate(line, w)
		switch {
		case i == m.cursor:
			line = st.selected.Render(cell(line, w))
		case r.overdue && n > 0:
			line = st.overdue.Render(line)
		case n == 0:
			line = st.dim.Render(line)
		default:
			line = st.row.Render(line)
		}
		b.WriteString(line + "\n")
	}
	if h >= len(todayRows)+7 {
		b.WriteString("\n" + m.chartView(e, st, w))
	}
	if len(m.unlisted) > 0 {
		b.WriteString("\n")
		for _, l := range wrapLines(t.T("today.calendar_warning", yearList(m.unlisted), e.keys.CalLoad.Help().Key), w) {
			b.WriteString("\n" + st.warn.Render(l))
		}
	}
	return b.String()
}

const sparks = "▁▂▃▄▅▆▇█"

// chartView draws the last working days' volume and on-time share as two
// rows of bars, one column per day.
func (m todayModel) chartView(e *env, st *styles, w int) string {
	t := e.t
	if m.chart == nil {
		return st.dim.Render(t.T("today.chart_loading"))
	}
	labelW := 28
	days := m.chart
	var most, received, onTime, judged int
	sum := func() {
		most, received, onTime, judged = 0, 0, 0, 0
		for _, d := range days {
			most = max(most, d.received)
			received += d.received
			onTime += d.onTime
			judged += d.onTime + d.late
		}
	}
	sum()
	// The totals are what matters: the bars give up days to keep them whole.
	if n := w - labelW - lipgloss.Width("  "+t.T("today.chart_max", t.Num(most), t.Num(received))); len(days) > n {
		days = days[len(days)-max(n, 1):]
		sum()
	}
	totals := "  " + t.T("today.chart_max", t.Num(most), t.Num(received))
	bars := []rune(sparks)
	var vol, share strings.Builder
	for _, d := range days {
		switch {
		case d.received == 0:
			vol.WriteRune('·')
		default:
			vol.WriteRune(bars[min((d.received*len(bars)-1)/max(most, 1), len(bars)-1)])
		}
		switch {
		case d.onTime+d.late == 0:
			share.WriteRune('·')
		default:
			share.WriteRune(bars[min(d.onTime*(len(bars)-1)/(d.onTime+d.late), len(bars)-1)])
		}
	}
	pct := "-"
	if judged > 0 {
		pct = fmt.Sprintf("%d%%", int(math.Round(float64(onTime)*100/float64(judged))))
	}
	head := st.label.Render(cell(t.T("today.chart_volume", len(days)), labelW))
	line1 := head + st.heading.Render(vol.String()) + st.dim.Render(totals)
	head = st.label.Render(cell(t.T("today.chart_on_time"), labelW))
	line2 := head + st.good.Render(share.String()) + st.dim.Render("  "+t.T("today.chart_share", pct))
	return line1 + "\n" + line2
}
