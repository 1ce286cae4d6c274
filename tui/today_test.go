package tui

import (
	"testing"
	"time"

	"sanapati-desk/mail"
	"sanapati-desk/print"
	"sanapati-desk/store"
)

// TestTodayChartCountsEveryArrival adds letters that arrived on a Saturday
// and a Sunday: the 30-day chart counts them (on the Monday their clock
// starts), and judges on time and late exactly as the monthly report does.
func TestTodayChartCountsEveryArrival(t *testing.T) {
	h := newHarness(t, 80, 24, func(db *store.DB) {
		seedDesk(t)(db)
		var in []store.Incoming
		for i, at := range []time.Time{time.Date(2026, 11, 21, 10, 0, 0, 0, wib), time.Date(2026, 11, 22, 16, 0, 0, 0, wib)} {
			m := deskMessages[1]
			m.number = "weekend/" + string(rune('a'+i))
			m.date = at.Add(-time.Hour)
			in = append(in, mail.NewIncoming(m.raw(), at, store.Source{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(100 + i)}))
		}
		if res, err := db.Add(in); err != nil || len(res.Added) != 2 {
			t.Fatalf("Add() = %+v, %v", res, err)
		}
		settleClasses(t, db)
	})
	received, onTime, late := 0, 0, 0
	for _, d := range h.m.today.chart {
		received, onTime, late = received+d.received, onTime+d.onTime, late+d.late
	}
	letters, err := h.db.Received(time.Date(2026, 11, 1, 0, 0, 0, 0, wib), time.Date(2026, 12, 1, 0, 0, 0, 0, wib))
	if err != nil {
		t.Fatal(err)
	}
	f := print.MonthFigures(letters, time.Date(2026, 11, 1, 0, 0, 0, 0, wib), h.db.Calendar(), testNow)
	if received != 7 || received != f.Received {
		t.Errorf("chart counts %d arrivals, want 7 (the report: %d)", received, f.Received)
	}
	if onTime != f.OnTime || late != f.Late {
		t.Errorf("chart: %d on time, %d late; the report: %d, %d", onTime, late, f.OnTime, f.Late)
	}
	h.contains("total 7")
}
