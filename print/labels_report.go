package print

import "sanapati-desk/print/locale"

// reportLabels are the words the monthly report prints beside those of
// labels, in one language.
type reportLabels struct {
	// The summary.
	estimated, shareBasis, shareNote string

	// Time per step.
	stepsHeading, step, count, medianHours, p90Hours string
	steps                                            map[Step]string

	// Per destination and per channel.
	destHeading, destination, averageHours, lateCopies, onTimeShare string
	noDestinations                                                  string

	// Sheets of the spreadsheet.
	stepsSheet, destSheet string

	// The signature block.
	acknowledged, headTitle, signerTitle, nip, blankName, blankNIP, blankPlace string
}

// The report's labels of each language, built once.
var reportLabelsID, reportLabelsEN = newReportLabels("id"), newReportLabels("en")

// newReportLabels builds the reportLabels in lang from the catalogue (locale).
func newReportLabels(lang string) *reportLabels {
	t := func(key string) string { return locale.T(lang, "paper.report."+key) }
	return &reportLabels{
		steps: map[Step]string{
			StepRegistration: t("step.registration"), StepCard: t("step.card"),
			StepLastInitial: t("step.last_initial"), StepCourier: t("step.courier"),
			StepDelivery: t("step.delivery"), StepArchive: t("step.archive"),
		},
		estimated:      t("estimated"),
		shareBasis:     t("share_basis"),
		shareNote:      t("share_note"),
		stepsHeading:   t("steps_heading"),
		step:           t("step"),
		count:          t("count"),
		medianHours:    t("median_hours"),
		p90Hours:       t("p90_hours"),
		destHeading:    t("dest_heading"),
		destination:    t("destination"),
		averageHours:   t("average_hours"),
		lateCopies:     t("late_copies"),
		onTimeShare:    t("on_time_share"),
		noDestinations: t("no_destinations"),
		stepsSheet:     t("steps_sheet"),
		destSheet:      t("dest_sheet"),
		acknowledged:   t("acknowledged"),
		headTitle:      t("head_title"),
		signerTitle:    t("signer_title"),
		nip:            t("nip"),
		blankName:      t("blank_name"),
		blankNIP:       t("blank_nip"),
		blankPlace:     t("blank_place"),
	}
}

// rep returns the report's labels in the document's language.
func (s *settings) rep() *reportLabels {
	if s.lab.lang == "en" {
		return reportLabelsEN
	}
	return reportLabelsID
}

// percentText shows a share from 0 to 1 as a percentage with one decimal, in the
// document's language: "33,3%" or "33.3%".
func (s *settings) percentText(v float64) string {
	return s.number(v*100, 1) + "%"
}

// hoursText shows a span of office hours with two decimals.
func (s *settings) hoursText(h float64) string {
	return s.number(h, 2)
}
