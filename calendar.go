package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"sanapati-desk/store"
)

// calendarJSON is the working calendar as `calendar --json` prints it
// (documented in README.md).
type calendarJSON struct {
	Timezone string            `json:"timezone"`
	Hours    map[string]string `json:"hours"`
	Periods  []periodJSON      `json:"periods"`
	Year     int               `json:"year"`
	Listed   bool              `json:"listed"`
	Days     []dayJSON         `json:"days"`
}

type periodJSON struct {
	Name  string            `json:"name"`
	From  string            `json:"from"`
	To    string            `json:"to"`
	Hours map[string]string `json:"hours"`
}

type dayJSON struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func hoursJSON(w store.Week) map[string]string {
	out := map[string]string{}
	for _, d := range weekdays {
		if !w[d].IsZero() {
			out[strings.ToLower(d.String()[:3])] = w[d].String()
		}
	}
	return out
}

func cmdCalendar(a *app, args []string) error {
	fs := newFlags(a, "calendar")
	year := fs.Int("year", 0, "the year to show; default this year")
	asJSON := fs.Bool("json", false, "print JSON")
	load := fs.String("load", "", "take a holiday file (one line per day: YYYY-MM-DD libur|cuti Name) as the list of each year it names")
	add := fs.String("add", "", `add one line: "YYYY-MM-DD libur|cuti Name" or "YYYY-MM-DD..YYYY-MM-DD jam mon-thu=08.00-15.15 fri=08.00-14.30 Name"`)
	remove := fs.String("remove", "", "take out a day (YYYY-MM-DD) or a period (YYYY-MM-DD..YYYY-MM-DD)")
	reason := fs.String("reason", "", "why the calendar changes (e.g. the decree)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	switch {
	case *load != "":
		text, err := os.ReadFile(*load)
		if err != nil {
			return fmt.Errorf("read %s: %w", *load, err)
		}
		why := *reason
		if why == "" {
			why = *load
		}
		n, err := db.LoadCalendarYears(string(text), why)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, a.txt.T("calendar.loaded", n))
		return nil
	case *add != "":
		if err := db.AddCalendarLine(*add, *reason); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, a.txt.T("calendar.changed"))
		return nil
	case *remove != "":
		if err := db.RemoveCalendar(*remove, *reason); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, a.txt.T("calendar.changed"))
		return nil
	}
	cal := db.Calendar()
	if *year == 0 {
		*year = db.Now().In(cal.Location()).Year()
	}
	j := calendarJSON{Timezone: cal.Location().String(), Hours: hoursJSON(cal.Week()), Year: *year,
		Listed: cal.HasYear(*year), Periods: []periodJSON{}, Days: []dayJSON{}}
	for _, p := range cal.Periods() {
		j.Periods = append(j.Periods, periodJSON{Name: p.Name, From: p.From.Format(time.DateOnly),
			To: p.To.Format(time.DateOnly), Hours: hoursJSON(p.Hours)})
	}
	for _, d := range cal.Days(*year) {
		j.Days = append(j.Days, dayJSON{Date: d.Date.Format(time.DateOnly), Kind: d.Kind, Name: d.Name})
	}
	if *asJSON {
		return a.writeJSON(j)
	}
	return a.printCalendar(cal, j)
}

func (a *app) printCalendar(cal *store.Calendar, j calendarJSON) error {
	t := a.txt
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\n", t.T("calendar.zone"), j.Timezone)
	week := cal.Week()
	for _, d := range weekdays {
		fmt.Fprintf(tw, "%s\t%s\n", t.Weekday(d), week[d])
	}
	for _, p := range cal.Periods() {
		fmt.Fprintf(tw, "%s\t%s - %s\t%s\n", p.Name, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), p.Hours)
	}
	fmt.Fprintln(tw)
	if !j.Listed {
		fmt.Fprintln(tw, t.T("calendar.unlisted", j.Year))
	}
	for _, d := range j.Days {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Date, d.Kind, d.Name)
	}
	return tw.Flush()
}
