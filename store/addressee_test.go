package store

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestDirectoryMatch(t *testing.T) {
	d := DefaultDirectory()
	camat := []string{"Camat Pekalongan Barat", "Camat Pekalongan Timur", "Camat Pekalongan Utara", "Camat Pekalongan Selatan"}
	for _, tc := range []struct {
		addressee string
		want      []string
		fresh     string
	}{
		{"Wali Kota Pekalongan", []string{"Walikota"}, ""},
		{"Walikota", []string{"Walikota"}, ""},
		{"Wakil Wali Kota Pekalongan", []string{"Wakil Walikota"}, ""},
		{"Kepala Dinas Kesehatan Kota Pekalongan", []string{"Kepala Dinas Kesehatan"}, ""},
		{"Kepala Pelaksana BPBD Kabupaten/Kota se-Jawa Tengah", []string{"Kepala BPBD"}, ""},
		{"Kepala Badan Penanggulangan Bencana Daerah Kota Pekalongan", []string{"Kepala BPBD"}, ""},
		{"Direktur RSUD Bendan", []string{"Direktur RSUD"}, ""},
		{"Camat se-Kota Pekalongan", camat, ""},
		{"Para Camat", camat, ""},
		{"Para Asisten", []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum"}, ""},
		{"Bupati/Wali Kota se-Jawa Tengah", []string{"Walikota"}, ""},
		{"Bupati / Walikota se-Jawa Tengah", []string{"Walikota"}, ""},
		{"Ketua DPRD Kota Pekalongan", nil, "Ketua DPRD"},
		{"Lurah Kergon Kota Pekalongan", nil, "Lurah Kergon"},
		{"Kepala Dinas Kesehatan Provinsi Jawa Tengah", nil, ""},
		{"Kepala Dinas Kesehatan Provinsi seluruh Indonesia", nil, ""},
		{"Gubernur Jawa Tengah", nil, ""},
		{"Para Asisten Sekretaris Daerah Kota Pekabayan", []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum"}, ""},
		{"", nil, ""},
	} {
		t.Run(tc.addressee, func(t *testing.T) {
			m := d.Match(tc.addressee)
			if !slices.Equal(m.Recipients, tc.want) || m.New != tc.fresh {
				t.Fatalf("Match(%q) = %q new %q, want %q new %q", tc.addressee, m.Recipients, m.New, tc.want, tc.fresh)
			}
		})
	}
}

func TestDirectoryAliasesJSON(t *testing.T) {
	d := DefaultDirectory()
	if err := d.Validate(); err != nil {
		t.Fatalf("DefaultDirectory().Validate() = %v", err)
	}
	b, err := json.Marshal(&d)
	if err != nil {
		t.Fatal(err)
	}
	var back Directory
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if r, ok := back.Recipient("Wali Kota"); !ok || r.Name != "Walikota" || len(back.Groups) != len(d.Groups) || !back.Places[0].Own {
		t.Fatalf("after JSON: Recipient(Wali Kota) = %+v, %v; %d groups; places %v", r, ok, len(back.Groups), back.Places)
	}
	// A directory written before aliases and groups still reads.
	var old Directory
	if err := json.Unmarshal([]byte(`{"recipients":[{"name":"Walikota","channel":"ajudan"}],"officials":[{"position":"Kepala Seksi"}],"couriers":[]}`), &old); err != nil || old.Validate() != nil {
		t.Fatalf("old JSON: %v, %v", err, old.Validate())
	}
	if m := old.Match("Walikota"); !slices.Equal(m.Recipients, []string{"Walikota"}) {
		t.Fatalf("old directory Match(Walikota) = %+v", m)
	}
	bad := d
	bad.Groups = []Group{{Name: "Para Lurah", Members: []string{"Lurah Kergon"}}}
	if err := bad.Validate(); err == nil {
		t.Fatal("Validate() accepted a group with a member the directory lacks")
	}
}
