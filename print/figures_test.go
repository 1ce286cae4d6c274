package print

import (
	"math"
	"strings"
	"testing"
	"time"

	"sanapati-desk/store"
)

// hours is a span of office time in working days of 8.5 hours (07.30-16.00).
func hours(h float64) float64 { return h / 8.5 }

// fixedCal is the built-in holiday list with office hours of 07.30-16.00
// Monday to Friday, so that the hand-computed figures below hold whatever
// the office's default hours become.
func fixedCal(t testing.TB) *store.Calendar {
	t.Helper()
	var b strings.Builder
	if err := store.DefaultCalendar().Write(&b); err != nil {
		t.Fatalf("DefaultCalendar().Write() = %v", err)
	}
	cal, err := store.LoadCalendar(strings.NewReader(b.String()), store.CalendarSettings{
		Location: wib, OpenAt: 7*time.Hour + 30*time.Minute, CloseAt: 16 * time.Hour, AfterHoursNextDay: true,
	})
	if err != nil {
		t.Fatalf("LoadCalendar() = %v", err)
	}
	return cal
}

// fixedOptions are testOptions on fixedCal.
func fixedOptions(t testing.TB) Options {
	opts := testOptions()
	opts.Calendar = fixedCal(t)
	return opts
}

// monthLetters are November 2026 as the figures test sees it at Friday
// 27 November 10.00, with a letter on each side of the month's edges.
func monthLetters() []store.Letter {
	delivered := func(name string, ch store.Channel, t time.Time) store.Recipient {
		return store.Recipient{Name: name, Channel: ch, DeliveredAt: t, ReceivedBy: "Staf"}
	}
	return []store.Letter{
		{ // on time: due Tue 24 Nov 08.14, done 08.00
			ID: 1, Agenda: store.AgendaNumber{Year: 2026, Seq: 10}, Subject: "Tepat waktu",
			ReceivedAt: at(2026, time.November, 23, 8, 14), DoneAt: at(2026, time.November, 24, 8, 0),
			Stage:      store.StageDelivered,
			Recipients: []store.Recipient{delivered("Kepala Dinas Kesehatan", store.ChannelCourier, at(2026, time.November, 24, 8, 0))},
		},
		{ // late: Fri 15.00 is due Mon 30 Nov 15.00, done Tue 1 Dec 09.00
			ID: 2, Agenda: store.AgendaNumber{Year: 2026, Seq: 12}, Subject: "Terlambat selesai",
			ReceivedAt: at(2026, time.November, 27, 15, 0), DoneAt: at(2026, time.December, 1, 9, 0),
			Stage: store.StageDelivered, LateReason: "Caraka sakit",
			Recipients: []store.Recipient{delivered("Walikota", store.ChannelAide, at(2026, time.December, 1, 9, 0))},
		},
		{ // late and still open: due Thu 26 Nov 10.00, one copy delivered
			ID: 3, Agenda: store.AgendaNumber{Year: 2026, Seq: 11}, Subject: "Terlambat terbuka",
			ReceivedAt: at(2026, time.November, 25, 10, 0), Stage: store.StageAssigned,
			Recipients: []store.Recipient{
				delivered("Camat Pekalongan Utara", store.ChannelFax, at(2026, time.November, 26, 9, 0)),
				{Name: "Walikota", Channel: store.ChannelAide},
			},
		},
		{ // open, due Mon 30 Nov 09.00: pending
			ID: 4, Subject: "Berjalan", ReceivedAt: at(2026, time.November, 27, 9, 0), Stage: store.StageChecked,
		},
		{ // set aside
			ID: 5, Subject: "Bukan naskah dinas", ReceivedAt: at(2026, time.November, 2, 11, 0),
			Stage: store.StageSetAside, SetAsideReason: "iklan",
		},
		{ // the last minutes of November in Jakarta, already December in UTC
			ID: 6, Subject: "Akhir bulan", ReceivedAt: at(2026, time.November, 30, 23, 30), Stage: store.StageReceived,
		},
		{ // the first minutes of December in Jakarta, still November in UTC
			ID: 7, Subject: "Awal Desember", ReceivedAt: at(2026, time.December, 1, 0, 30), Stage: store.StageReceived,
		},
		{ // October
			ID: 8, Subject: "Oktober", ReceivedAt: at(2026, time.October, 30, 9, 0), Stage: store.StageArchived,
			DoneAt: at(2026, time.October, 30, 10, 0),
		},
	}
}

func TestMonthFigures(t *testing.T) {
	cal := fixedCal(t)
	type late struct {
		id    uint64
		delay float64
	}
	tests := []struct {
		name     string
		letters  []store.Letter
		month    time.Time
		received int
		setAside int
		onTime   int
		late     []late
		pending  int
		share    float64
		channels []ChannelFigure
		daily    map[int]int // day -> count; other days 0
		days     int
		noHols   bool
	}{
		{
			name:     "november 2026",
			letters:  monthLetters(),
			month:    time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC),
			received: 6, setAside: 1, onTime: 1, pending: 2,
			late: []late{
				{3, hours(6 + 2.5)}, // Thu 10.00-16.00, Fri 07.30-10.00 (now)
				{2, hours(1 + 1.5)}, // Mon 15.00-16.00, Tue 07.30-09.00
			},
			share: 1.0 / 3,
			channels: []ChannelFigure{
				{Channel: store.ChannelAide, Deliveries: 1, AverageDays: hours(1 + 8.5 + 1.5)},
				{Channel: store.ChannelCourier, Deliveries: 1, AverageDays: hours(7+46.0/60) + hours(0.5)},
				{Channel: store.ChannelFax, Deliveries: 1, AverageDays: hours(6 + 1.5)},
			},
			daily: map[int]int{2: 1, 23: 1, 25: 1, 27: 2, 30: 1},
			days:  30,
		},
		{
			name:   "a month with no letters and no holiday list",
			month:  time.Date(2031, time.February, 10, 0, 0, 0, 0, time.UTC),
			days:   28,
			noHols: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := MonthFigures(tt.letters, tt.month, cal, testNow())
			if f.Received != tt.received || f.SetAside != tt.setAside || f.OnTime != tt.onTime ||
				f.Late != len(tt.late) || f.Pending != tt.pending {
				t.Fatalf("MonthFigures() received %d set aside %d on time %d late %d pending %d, want %d %d %d %d %d",
					f.Received, f.SetAside, f.OnTime, f.Late, f.Pending,
					tt.received, tt.setAside, tt.onTime, len(tt.late), tt.pending)
			}
			if math.Abs(f.OnTimeShare-tt.share) > 1e-9 {
				t.Fatalf("MonthFigures().OnTimeShare = %v, want %v", f.OnTimeShare, tt.share)
			}
			if len(f.LateLetters) != len(tt.late) {
				t.Fatalf("MonthFigures().LateLetters = %+v, want %d", f.LateLetters, len(tt.late))
			}
			for i, w := range tt.late {
				got := f.LateLetters[i]
				if got.ID != w.id || math.Abs(got.Delay-w.delay) > 1e-9 {
					t.Fatalf("MonthFigures().LateLetters[%d] = letter %d delay %v, want letter %d delay %v",
						i, got.ID, got.Delay, w.id, w.delay)
				}
			}
			if len(f.LateLetters) > 0 && (f.LateLetters[1].Reason != "Caraka sakit" || f.LateLetters[0].DoneAt != (time.Time{})) {
				t.Fatalf("MonthFigures().LateLetters = %+v, want the reason and an open letter", f.LateLetters)
			}
			if len(f.Channels) != len(tt.channels) {
				t.Fatalf("MonthFigures().Channels = %+v, want %+v", f.Channels, tt.channels)
			}
			for i, w := range tt.channels {
				got := f.Channels[i]
				if got.Channel != w.Channel || got.Deliveries != w.Deliveries || math.Abs(got.AverageDays-w.AverageDays) > 1e-9 {
					t.Fatalf("MonthFigures().Channels[%d] = %+v, want %+v", i, got, w)
				}
			}
			if len(f.Daily) != tt.days {
				t.Fatalf("MonthFigures().Daily has %d days, want %d", len(f.Daily), tt.days)
			}
			for i, n := range f.Daily {
				if n != tt.daily[i+1] {
					t.Fatalf("MonthFigures().Daily[day %d] = %d, want %d", i+1, n, tt.daily[i+1])
				}
			}
			if f.NoHolidays != tt.noHols {
				t.Fatalf("MonthFigures().NoHolidays = %v, want %v", f.NoHolidays, tt.noHols)
			}
			if want := time.Date(tt.month.Year(), tt.month.Month(), 1, 0, 0, 0, 0, cal.Location()); !f.Month.Equal(want) {
				t.Fatalf("MonthFigures().Month = %v, want %v", f.Month, want)
			}
		})
	}
}

// A classified letter is counted apart, never as late: it goes to the
// Kepala Seksi Persandian, not down the ordinary path.
func TestMonthFiguresCountClassifiedApart(t *testing.T) {
	cal := store.DefaultCalendar()
	letters := []store.Letter{
		{ID: 1, Subject: "Rahasia terbuka", Class: store.ClassSecret, Stage: store.StageReceived,
			ReceivedAt: at(2026, time.November, 23, 8, 0)},
		{ID: 2, Subject: "Sangat rahasia disisihkan", Class: store.ClassTopSecret, Stage: store.StageSetAside,
			ReceivedAt: at(2026, time.November, 23, 9, 0), SetAsideReason: "ke Kasi Persandian"},
		{ID: 3, Subject: "Biasa terlambat", Stage: store.StageChecked, ReceivedAt: at(2026, time.November, 23, 10, 0)},
	}
	f := MonthFigures(letters, at(2026, time.November, 1, 0, 0), cal, testNow())
	if f.Received != 3 || f.Classified != 2 || f.SetAside != 0 || f.Late != 1 || len(f.LateLetters) != 1 || f.LateLetters[0].ID != 3 {
		t.Fatalf("MonthFigures() = received %d classified %d set aside %d late %d %+v; want 3, 2, 0, 1 (letter 3)",
			f.Received, f.Classified, f.SetAside, f.Late, f.LateLetters)
	}
}

// stepLetters are letters of Monday 23 November 2026 whose steps all fall
// in that morning, so their office time is plain clock time.
func stepLetters() []store.Letter {
	mon := func(h, m int) time.Time { return at(2026, time.November, 23, h, m) }
	initials := func(ts ...time.Time) []store.Initial {
		in := make([]store.Initial, len(ts))
		for i, t := range ts {
			in[i] = store.Initial{Position: "Pejabat " + string(rune('A'+i)), At: t}
		}
		return in
	}
	return []store.Letter{
		{ // every step: registration 0.5 h, card 1, last initial 2, courier 2.5, deliveries 3 and 3.5, archive 3.5
			ID: 1, Stage: store.StageArchived, ReceivedAt: mon(8, 0), RegisteredAt: mon(8, 30), CardPrintedAt: mon(9, 0),
			Initials: initials(mon(9, 30), mon(10, 0)), AssignedAt: mon(10, 30), DoneAt: mon(11, 30), ArchivedAt: mon(11, 30),
			Recipients: []store.Recipient{
				{Name: "Walikota", Channel: store.ChannelAide, DeliveredAt: mon(11, 0)},
				{Name: "Kepala Dinas Kesehatan", Channel: store.ChannelCourier, DeliveredAt: mon(11, 30)},
			},
		},
		{ // registration 1, card 2; one official of two has initialled: no last initial; its copy is late
			ID: 2, Stage: store.StageForwarded, ReceivedAt: mon(8, 0), RegisteredAt: mon(9, 0), CardPrintedAt: mon(10, 0),
			Initials:   initials(mon(10, 30), time.Time{}),
			Recipients: []store.Recipient{{Name: "Camat Pekalongan Utara", Channel: store.ChannelFax}},
		},
		{ // registration 0.25, card 0.5, last initial 1 (initialled out of order), courier 1.5, delivery 2
			ID: 3, Stage: store.StageDelivered, ReceivedAt: mon(8, 15), RegisteredAt: mon(8, 30), CardPrintedAt: mon(8, 45),
			Initials: initials(mon(9, 15), mon(9, 0)), AssignedAt: mon(9, 45), DoneAt: mon(10, 15),
			Recipients: []store.Recipient{{Name: "Walikota", Channel: store.ChannelAide, DeliveredAt: mon(10, 15)}},
		},
		{ // registration 3
			ID: 4, Stage: store.StageRegistered, ReceivedAt: mon(8, 0), RegisteredAt: mon(11, 0),
		},
		{ // registration 0.1
			ID: 5, Stage: store.StageRegistered, ReceivedAt: mon(9, 0), RegisteredAt: mon(9, 6),
		},
		{ // classified and set aside: their times count nowhere
			ID: 6, Stage: store.StageSetAside, Class: store.ClassSecret, ReceivedAt: mon(8, 0), RegisteredAt: mon(8, 1),
		},
		{
			ID: 7, Stage: store.StageSetAside, ReceivedAt: mon(8, 0), RegisteredAt: mon(8, 2), CardPrintedAt: mon(8, 3),
			Recipients: []store.Recipient{{Name: "Walikota", Channel: store.ChannelAide, DeliveredAt: mon(8, 4)}},
		},
	}
}

func TestMonthFiguresSteps(t *testing.T) {
	f := MonthFigures(stepLetters(), at(2026, time.November, 1, 0, 0), fixedCal(t), testNow())
	want := []StepFigure{
		// 0.1 0.25 0.5 1 3: the middle is 0.5; 90 % of 5 is 4.5, rank 5.
		{StepRegistration, 5, 0.5, 3},
		// 0.5 1 2: rank 3 of 3.
		{StepCard, 3, 1, 2},
		// 1 2: the mean of both; rank 2.
		{StepLastInitial, 2, 1.5, 2},
		{StepCourier, 2, 2, 2.5},
		// a copy each: 2 3 3.5.
		{StepDelivery, 3, 3, 3.5},
		{StepArchive, 1, 3.5, 3.5},
	}
	if len(f.Steps) != len(want) {
		t.Fatalf("MonthFigures().Steps = %+v, want %+v", f.Steps, want)
	}
	for i, w := range want {
		got := f.Steps[i]
		if got.Step != w.Step || got.Count != w.Count || math.Abs(got.MedianHours-w.MedianHours) > 1e-9 ||
			math.Abs(got.P90Hours-w.P90Hours) > 1e-9 {
			t.Fatalf("MonthFigures().Steps[%d] = %+v, want %+v", i, got, w)
		}
	}
	wantDest := []DestinationFigure{
		{Name: "Camat Pekalongan Utara", Late: 1},
		{Name: "Kepala Dinas Kesehatan", Deliveries: 1, AverageHours: 3.5, MedianHours: 3.5, OnTime: 1, OnTimeShare: 1},
		{Name: "Walikota", Deliveries: 2, AverageHours: 2.5, MedianHours: 2.5, OnTime: 2, OnTimeShare: 1},
	}
	if len(f.Destinations) != len(wantDest) {
		t.Fatalf("MonthFigures().Destinations = %+v, want %+v", f.Destinations, wantDest)
	}
	for i, w := range wantDest {
		got := f.Destinations[i]
		if got.Name != w.Name || got.Deliveries != w.Deliveries || got.OnTime != w.OnTime || got.Late != w.Late ||
			math.Abs(got.AverageHours-w.AverageHours) > 1e-9 || math.Abs(got.MedianHours-w.MedianHours) > 1e-9 ||
			math.Abs(got.OnTimeShare-w.OnTimeShare) > 1e-9 {
			t.Fatalf("MonthFigures().Destinations[%d] = %+v, want %+v", i, got, w)
		}
	}
	if len(f.Channels) != 2 || f.Channels[0].Channel != store.ChannelAide || f.Channels[0].MedianHours != 2.5 ||
		f.Channels[0].AverageHours != 2.5 || f.Channels[1].MedianHours != 3.5 {
		t.Fatalf("MonthFigures().Channels = %+v, want aide 2.5 h and courier 3.5 h", f.Channels)
	}
}

func TestMedianAndP90(t *testing.T) {
	seq := func(n int) []float64 {
		vs := make([]float64, n)
		for i := range vs {
			vs[n-1-i] = float64(i + 1) // given in reverse: they must be sorted
		}
		return vs
	}
	tests := []struct {
		name        string
		vs          []float64
		median, p90 float64
	}{
		{"none", nil, 0, 0},
		{"one", []float64{4}, 4, 4},
		{"two", []float64{5, 1}, 3, 5},
		{"ten", seq(10), 5.5, 9},
		{"eleven", seq(11), 6, 10},
		{"twenty", seq(20), 10.5, 18},
		{"twenty-one", seq(21), 11, 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(append([]float64(nil), tt.vs...)); got != tt.median {
				t.Fatalf("median(%v) = %v, want %v", tt.vs, got, tt.median)
			}
			if got := p90(append([]float64(nil), tt.vs...)); got != tt.p90 {
				t.Fatalf("p90(%v) = %v, want %v", tt.vs, got, tt.p90)
			}
		})
	}
}

// A due time counted into 2027, a year without a holiday list, is an
// estimate: such letters are counted apart from the share on time.
func TestMonthFiguresCountEstimatedApart(t *testing.T) {
	letters := []store.Letter{
		{ID: 1, Stage: store.StageDelivered, ReceivedAt: at(2026, time.December, 30, 9, 0),
			DoneAt: at(2026, time.December, 31, 8, 0)},
		{ID: 2, Stage: store.StageDelivered, ReceivedAt: at(2026, time.December, 31, 10, 0),
			DoneAt: at(2027, time.January, 4, 9, 0)},
		{ID: 3, Stage: store.StageAssigned, ReceivedAt: at(2026, time.December, 31, 11, 0)},
	}
	f := MonthFigures(letters, at(2026, time.December, 1, 0, 0), fixedCal(t), at(2027, time.January, 8, 10, 0))
	if f.Received != 3 || f.Estimated != 2 || f.OnTime != 1 || f.Late != 0 || f.Pending != 0 || f.OnTimeShare != 1 {
		t.Fatalf("MonthFigures() = received %d estimated %d on time %d late %d pending %d share %v; want 3, 2, 1, 0, 0, 1",
			f.Received, f.Estimated, f.OnTime, f.Late, f.Pending, f.OnTimeShare)
	}
}
