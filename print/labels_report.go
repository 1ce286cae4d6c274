package print

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

var reportLabelsID = reportLabels{
	estimated:  "Batas waktu perkiraan (dihitung terpisah)",
	shareBasis: "Dasar persentase (selesai + terlambat)",
	shareNote: "Persentase tepat waktu dihitung atas naskah berita biasa yang selesai atau terlambat. " +
		"Naskah bersifat rahasia (R/SR), yang disisihkan, dan yang batas waktunya perkiraan " +
		"(tahun tanpa daftar hari libur) dihitung terpisah.",

	stepsHeading: "Waktu kerja dari penerimaan sampai setiap langkah (jam kerja)",
	step:         "Langkah", count: "Jumlah", medianHours: "Median (jam)", p90Hours: "Persentil ke-90 (jam)",
	steps: map[Step]string{
		StepRegistration: "Pencatatan di buku agenda",
		StepCard:         "Kartu kendali dicetak",
		StepLastInitial:  "Paraf terakhir",
		StepCourier:      "Penunjukan caraka",
		StepDelivery:     "Pengantaran (per salinan)",
		StepArchive:      "Pengarsipan",
	},

	destHeading: "Pengantaran per tujuan", destination: "Tujuan",
	averageHours: "Rata-rata (jam)", lateCopies: "Terlambat", onTimeShare: "Tepat waktu",
	noDestinations: "(belum ada tujuan)",

	stepsSheet: "Per langkah", destSheet: "Per tujuan",

	acknowledged: "Mengetahui,", headTitle: "Kepala Dinas",
	signerTitle: "Kepala Seksi Persandian dan Keamanan Informasi", nip: "NIP.",
	blankName: "(......................................)", blankNIP: "..............................",
	blankPlace: "....................",
}

var reportLabelsEN = reportLabels{
	estimated:  "Due time estimated (counted apart)",
	shareBasis: "Basis of the share (done + late)",
	shareNote: "The share on time is counted over the ordinary messages that are done or late. " +
		"Classified messages (R/SR), those set aside and those whose due time is an estimate " +
		"(a year without a holiday list) are counted apart.",

	stepsHeading: "Working time from arrival to each step (office hours)",
	step:         "Step", count: "Count", medianHours: "Median (hours)", p90Hours: "90th percentile (hours)",
	steps: map[Step]string{
		StepRegistration: "Registered in the agenda book",
		StepCard:         "Control card printed",
		StepLastInitial:  "Last initial",
		StepCourier:      "Courier assigned",
		StepDelivery:     "Delivered (per copy)",
		StepArchive:      "Archived",
	},

	destHeading: "Deliveries by destination", destination: "Destination",
	averageHours: "Average (hours)", lateCopies: "Late", onTimeShare: "On time",
	noDestinations: "(no destinations yet)",

	stepsSheet: "By step", destSheet: "By destination",

	acknowledged: "Acknowledged by,", headTitle: "Kepala Dinas",
	signerTitle: "Kepala Seksi Persandian dan Keamanan Informasi", nip: "NIP.",
	blankName: "(......................................)", blankNIP: "..............................",
	blankPlace: "....................",
}

// rep returns the report's labels in the document's language.
func (s *settings) rep() *reportLabels {
	if s.lab == &labelsEN {
		return &reportLabelsEN
	}
	return &reportLabelsID
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
