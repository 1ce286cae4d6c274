package print

import (
	"sanapati-desk/print/locale"
	"sanapati-desk/store"
)

// labels are every word the documents print, in one language.
type labels struct {
	cardColours []string
	// cardPurposes say what the card's copies are for, in copy order.
	cardPurposes []string
	channels     map[store.Channel]string
	classes      map[store.SecurityClass]string
	urgencies    map[store.Urgency]string

	// Page furniture.
	pageOf, printedAt string

	// Fields of the card, the copy and the book.
	index, classCode, serial, summary, attachments     string
	from, letterDate, letterNumber, to, received, due  string
	class, urgency, classAndUrgency, initials          string
	receivedDate, registeredDate, forwardedDate        string
	handler, examiner, operator                        string
	initialDate, notes, no, position, dateCol, subject string
	origin, subjectSummary, forwardedTo, remarks       string
	cc, msgDate                                        string
	setAsideBecause                                    string

	// The control card and cover sheet.
	cardTitle, coverTitle, copyLabel, more, copyPurpose, cutHere string

	// The copy.
	copyTitle, copyFor, copyRecipient, via     string
	noText, attachmentList, none, printedAlong string

	// The receipt.
	receiptTitle, courier, recipient, viaChannels, receiverName string
	dateTime, receiptNote, noRecipients                         string
	initialOrProof, proofFax, proofOnline, courierSignature     string

	// The agenda book.
	agendaTitle, agendaTotal, noLetters string

	// The monthly report.
	reportTitle, reportShort, summaryHeading, measure, value       string
	standard, oneWorkingDay, setAside, onTime, onTimeShare, late   string
	classified, duplicateOf, estimated                             string
	pending, noHolidays, dailyHeading, nonWorkingDay, lateHeading  string
	done, delay, reason, stillOpen, noneLate, channelHeading       string
	channel, deliveries, averageDays, noDeliveries, daysReceived   string
	lateSheet, channelSheet, dailySheet, summarySheet, agendaSheet string
	day, receivedCount                                             string

	// lang is the language the labels are in.
	lang string
}

// The labels of each language, built once.
var labelsID, labelsEN = newLabels("id"), newLabels("en")

// newLabels builds the labels in lang from the catalogue (locale).
func newLabels(lang string) *labels {
	t := func(key string) string { return locale.T(lang, "paper."+key) }
	return &labels{
		cardColours:  []string{t("card_colour.0"), t("card_colour.1"), t("card_colour.2")},
		cardPurposes: []string{t("card_purpose.0"), t("card_purpose.1"), t("card_purpose.2")},
		channels: map[store.Channel]string{
			store.ChannelAide: t("channel.ajudan"), store.ChannelCourier: t("channel.caraka"),
			store.ChannelFax: t("channel.fax"), store.ChannelOnline: t("channel.online"),
		},
		classes: map[store.SecurityClass]string{
			store.ClassOrdinary: t("class.B"), store.ClassRestricted: t("class.T"),
			store.ClassSecret: t("class.R"), store.ClassTopSecret: t("class.SR"),
		},
		urgencies: map[store.Urgency]string{
			store.UrgencyOrdinary: t("urgency.Biasa"), store.UrgencyUrgent: t("urgency.Segera"),
			store.UrgencyVeryUrgent: t("urgency.Sangat Segera"), store.UrgencyFlash: t("urgency.Kilat"),
		},
		lang:             lang,
		pageOf:           t("page_of"),
		printedAt:        t("printed_at"),
		index:            t("index"),
		classCode:        t("class_code"),
		serial:           t("serial"),
		summary:          t("summary"),
		attachments:      t("attachments"),
		receivedDate:     t("received_date"),
		registeredDate:   t("registered_date"),
		forwardedDate:    t("forwarded_date"),
		handler:          t("handler"),
		examiner:         t("examiner"),
		operator:         t("operator"),
		from:             t("from"),
		letterDate:       t("letter_date"),
		letterNumber:     t("letter_number"),
		to:               t("to"),
		received:         t("received"),
		due:              t("due"),
		class:            t("class"),
		urgency:          t("urgency"),
		classAndUrgency:  t("class_and_urgency"),
		initials:         t("initials"),
		initialDate:      t("initial_date"),
		notes:            t("notes"),
		no:               t("no"),
		position:         t("position"),
		dateCol:          t("date_col"),
		subject:          t("subject"),
		origin:           t("origin"),
		subjectSummary:   t("subject_summary"),
		forwardedTo:      t("forwarded_to"),
		remarks:          t("remarks"),
		cc:               t("cc"),
		msgDate:          t("msg_date"),
		setAsideBecause:  t("set_aside_because"),
		cardTitle:        t("card_title"),
		coverTitle:       t("cover_title"),
		copyLabel:        t("copy_label"),
		copyPurpose:      t("copy_purpose"),
		cutHere:          t("cut_here"),
		more:             t("more"),
		copyTitle:        t("copy_title"),
		copyFor:          t("copy_for"),
		copyRecipient:    t("copy_recipient"),
		via:              t("via"),
		noText:           t("no_text"),
		attachmentList:   t("attachment_list"),
		none:             t("none"),
		printedAlong:     t("printed_along"),
		receiptTitle:     t("receipt_title"),
		courier:          t("courier"),
		recipient:        t("recipient"),
		viaChannels:      t("via_channels"),
		receiverName:     t("receiver_name"),
		dateTime:         t("date_time"),
		receiptNote:      t("receipt_note"),
		noRecipients:     t("no_recipients"),
		initialOrProof:   t("initial_or_proof"),
		proofFax:         t("proof_fax"),
		proofOnline:      t("proof_online"),
		courierSignature: t("courier_signature"),
		agendaTitle:      t("agenda_title"),
		agendaTotal:      t("agenda_total"),
		noLetters:        t("no_letters"),
		reportTitle:      t("report_title"),
		reportShort:      t("report_short"),
		summaryHeading:   t("summary_heading"),
		measure:          t("measure"),
		value:            t("value"),
		standard:         t("standard"),
		oneWorkingDay:    t("one_working_day"),
		classified:       t("classified"),
		duplicateOf:      t("duplicate_of"),
		estimated:        t("estimated"),
		setAside:         t("set_aside"),
		onTime:           t("on_time"),
		onTimeShare:      t("on_time_share"),
		late:             t("late"),
		pending:          t("pending"),
		noHolidays:       t("no_holidays"),
		dailyHeading:     t("daily_heading"),
		nonWorkingDay:    t("non_working_day"),
		lateHeading:      t("late_heading"),
		done:             t("done"),
		delay:            t("delay"),
		reason:           t("reason"),
		stillOpen:        t("still_open"),
		noneLate:         t("none_late"),
		channelHeading:   t("channel_heading"),
		channel:          t("channel"),
		deliveries:       t("deliveries"),
		averageDays:      t("average_days"),
		noDeliveries:     t("no_deliveries"),
		daysReceived:     t("days_received"),
		summarySheet:     t("summary_sheet"),
		lateSheet:        t("late_sheet"),
		channelSheet:     t("channel_sheet"),
		dailySheet:       t("daily_sheet"),
		agendaSheet:      t("agenda_sheet"),
		day:              t("day"),
		receivedCount:    t("received_count"),
	}
}
