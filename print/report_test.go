package print

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMonthlyReportSections reads the report's new parts back from the
// PDF: the time per step, the deliveries per destination, the letters
// counted apart and the signature block.
func TestMonthlyReportSections(t *testing.T) {
	tests := []struct {
		name   string
		lang   string
		signed bool
		// channels heads the last table, sign the signature block.
		channels, sign string
		want           []string
		absent         []string
	}{
		{"Indonesian, signed", "", true, "Rata-rata waktu pengantaran per saluran", "Mengetahui,", []string{
			"Waktu kerja dari penerimaan sampai setiap langkah (jam kerja)",
			"Langkah Jumlah Median (jam) Persentil ke-90 (jam)",
			"Pencatatan di buku agenda 5 0,50 3,00",
			"Kartu kendali dicetak 3 1,00 2,00",
			"Paraf terakhir 2 1,50 2,00",
			"Penunjukan caraka 2 2,00 2,50",
			"Pengantaran (per salinan) 3 3,00 3,50",
			"Pengarsipan 1 3,50 3,50",
			"Pengantaran per tujuan",
			"Camat Pekalongan Utara 0 - - 1 0,0%",
			"Kepala Dinas Kesehatan 1 3,50 3,50 0 100,0%",
			"Walikota 2 2,50 2,50 0 100,0%",
			"ajudan 2 0,29 2,50 2,50",
			"Bersifat rahasia (ke Kasi Persandian) 1", "Disisihkan 1",
			"Batas waktu perkiraan (dihitung terpisah) 0",
			"Selesai dalam 1 hari kerja 2 Terlambat 3 Dasar persentase (selesai + terlambat) 5 Persentase tepat waktu 40,0%",
			"Mengetahui, Kepala Dinas Dr. Siti Aminah, M.Kom. NIP. 19700101 199503 2 001",
			"Pekalongan, 27 November 2026 Kepala Seksi Persandian dan Keamanan Informasi " +
				"Bambang Wicaksono, S.Kom. NIP. 19800202 200501 1 002",
		}, []string{"...................."}},
		{"English, blank signatures", "en", false, "Average time to deliver by channel", "Acknowledged by,", []string{
			"Working time from arrival to each step (office hours)",
			"Registered in the agenda book 5 0.50 3.00",
			"Delivered (per copy) 3 3.00 3.50",
			"Walikota 2 2.50 2.50 0 100.0%",
			"Basis of the share (done + late) 5 Share on time 40.0%",
			"Acknowledged by, Kepala Dinas (......................................) NIP. ..............................",
			"...................., 27 November 2026 Kepala Seksi Persandian dan Keamanan Informasi " +
				"(......................................) NIP. ..............................",
		}, []string{"Siti Aminah", "Bambang"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := fixedOptions(t)
			opts.Lang = tt.lang
			if tt.signed {
				opts.Place = "Pekalongan"
				opts.SignerName, opts.SignerNIP = "Bambang Wicaksono, S.Kom.", "19800202 200501 1 002"
				opts.HeadName, opts.HeadNIP = "Dr. Siti Aminah, M.Kom.", "19700101 199503 2 001"
			}
			var buf bytes.Buffer
			if err := MonthlyReport(&buf, stepLetters(), time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC), opts); err != nil {
				t.Fatalf("MonthlyReport() = %v", err)
			}
			text := flat(t, buf.Bytes())
			for _, w := range tt.want {
				if !contains(text, w) {
					t.Fatalf("MonthlyReport() text lacks %q:\n%s", w, text)
				}
			}
			// The signature block comes last, after the table by channel.
			channels, sign := strings.Index(text, tt.channels), strings.Index(text, tt.sign)
			if channels < 0 || sign < channels {
				t.Fatalf("MonthlyReport() has %q at %d, before %q at %d:\n%s", tt.sign, sign, tt.channels, channels, text)
			}
			for _, w := range tt.absent {
				if contains(text, w) {
					t.Fatalf("MonthlyReport() text has %q:\n%s", w, text)
				}
			}
			inside(t, buf.Bytes())
		})
	}
}

func TestMonthlyReportJSON(t *testing.T) {
	var buf bytes.Buffer
	letters := append(stepLetters(), monthLetters()...)
	if err := MonthlyReportJSON(&buf, letters, time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC), fixedOptions(t)); err != nil {
		t.Fatalf("MonthlyReportJSON() = %v", err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("json.Unmarshal() = %v:\n%s", err, buf.String())
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"channels", "classified", "daily", "destinations", "estimated_due", "late", "late_letters", "month",
		"no_holiday_list", "on_time", "on_time_share", "pending", "received", "set_aside", "share_basis",
		"standard_working_days", "steps"}
	if !slices.Equal(keys, want) {
		t.Fatalf("report JSON keys = %v, want %v", keys, want)
	}
	// Re-encode pieces to compare them as text: key order and rounding are
	// part of the contract.
	for key, w := range map[string]string{
		"month": `"2026-11"`, "received": `13`, "classified": `1`, "set_aside": `2`, "estimated_due": `0`,
		"on_time": `3`, "late": `5`, "share_basis": `8`, "on_time_share": `0.375`, "pending": `2`,
	} {
		if b, _ := json.Marshal(got[key]); string(b) != w {
			t.Fatalf("report JSON %s = %s, want %s", key, b, w)
		}
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`{"step":"registration","count":5,"median_hours":0.5,"p90_hours":3}`,
		`{"step":"last_initial","count":2,"median_hours":1.5,"p90_hours":2}`,
		`{"step":"delivery","count":6,"median_hours":5.5,"p90_hours":11}`,
		`{"recipient":"Walikota","deliveries":3,"average_hours":5.33,"median_hours":3,"on_time":2,"late":2,"on_time_share":0.5}`,
		`{"channel":"ajudan","deliveries":3,"average_working_days":0.63,"average_hours":5.33,"median_hours":3}`,
		`{"id":2,"agenda_number":"0012/2026","subject":"Terlambat selesai","received_at":"2026-11-27T15:00:00+07:00",` +
			`"due_at":"2026-11-30T15:00:00+07:00","done_at":"2026-12-01T09:00:00+07:00","delay_working_days":0.29,"reason":"Caraka sakit"}`,
		`"agenda_number":"0011/2026","subject":"Terlambat terbuka"`, `"done_at":""`,
		`{"date":"2026-11-23","received":8}`,
	} {
		if !strings.Contains(compact.String(), w) {
			t.Fatalf("report JSON lacks %s:\n%s", w, buf.String())
		}
	}
}

// A month without letters has nothing to share: the shares and times are
// null, not 0, and the lists are empty arrays.
func TestMonthlyReportJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := MonthlyReportJSON(&buf, nil, time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC), fixedOptions(t)); err != nil {
		t.Fatalf("MonthlyReportJSON() = %v", err)
	}
	for _, w := range []string{`"on_time_share": null`, `"median_hours": null`, `"p90_hours": null`,
		`"destinations": []`, `"channels": []`, `"late_letters": []`} {
		if !strings.Contains(buf.String(), w) {
			t.Fatalf("report JSON lacks %s:\n%s", w, buf.String())
		}
	}
}
