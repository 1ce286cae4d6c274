package store

import (
	"strings"
)

// DirectoryRecipient is an addressee the operator can route a letter to,
// named by position, with the channel its copies usually travel by.
type DirectoryRecipient struct {
	Name     string  `json:"name"`
	Position string  `json:"position,omitempty"`
	Channel  Channel `json:"channel"`
	// Aliases are the other ways letters name the same addressee: the
	// official spelling "Wali Kota" beside "Walikota", an agency's name in
	// full beside its acronym.
	Aliases []string `json:"aliases,omitempty"`
}

// Group is an addressee that stands for several recipients: "Camat
// se-Kota Pekalongan" for the four camat, "Bupati/Wali Kota se-Jawa
// Tengah" for the Walikota.
type Group struct {
	// Name and Aliases are how letters write the group.
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Members are names of the directory's recipients.
	Members []string `json:"members"`
}

// Official is one official who initials the control card, by position.
type Official struct {
	Position string `json:"position"`
	// Examiner marks the official who checks first (pemeriksa).
	Examiner bool `json:"examiner,omitempty"`
}

// Courier is a caraka on duty.
type Courier struct {
	Name string `json:"name"`
}

// Directory holds the lists the operator picks from: recipients, the
// officials who initial in their order, and the couriers.
type Directory struct {
	Recipients []DirectoryRecipient `json:"recipients"`
	Officials  []Official           `json:"officials"`
	Couriers   []Courier            `json:"couriers"`
	// Groups are addressees that stand for several recipients.
	Groups []Group `json:"groups,omitempty"`
	// Places are the phrases by which letters name the desk's own area:
	// "Kepala Dinas Kesehatan Kota Pekalongan" and "Kepala Dinas Kesehatan
	// Kabupaten/Kota se-Jawa Tengah" are both the directory's "Kepala Dinas
	// Kesehatan".
	Places []Place `json:"places,omitempty"`
}

// Place is a phrase by which letters name the desk's own area.
type Place struct {
	Name string `json:"name"`
	// Own marks the desk's own city or regency ("Kota Pekalongan"): an
	// addressee of it that the directory lacks ("Ketua DPRD Kota
	// Pekalongan") is proposed as a new entry.
	Own bool `json:"own,omitempty"`
}

// Recipient returns the directory entry named name, case-insensitively;
// an alias names its entry too.
func (d *Directory) Recipient(name string) (DirectoryRecipient, bool) {
	name = strings.TrimSpace(name)
	for _, r := range d.Recipients {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	key := addresseeKey(name)
	for _, r := range d.Recipients {
		for _, a := range r.Aliases {
			if addresseeKey(a) == key {
				return r, true
			}
		}
	}
	return DirectoryRecipient{}, false
}

// Courier returns the courier named name, case-insensitively.
func (d *Directory) Courier(name string) (Courier, bool) {
	name = strings.TrimSpace(name)
	for _, c := range d.Couriers {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return Courier{}, false
}

// Examiner returns the position of the examiner: the official marked so, or
// the first in initialling order.
func (d *Directory) Examiner() string {
	for _, o := range d.Officials {
		if o.Examiner {
			return o.Position
		}
	}
	if len(d.Officials) > 0 {
		return d.Officials[0].Position
	}
	return ""
}

// Validate checks that names are present and unique and channels known.
func (d *Directory) Validate() error {
	seen := map[string]bool{}
	for _, r := range d.Recipients {
		key := strings.ToLower(strings.TrimSpace(r.Name))
		if key == "" {
			return invalid("a recipient has no name")
		}
		if seen[key] {
			return invalid("recipient %q is listed twice", r.Name)
		}
		seen[key] = true
		if _, err := ParseChannel(string(r.Channel)); err != nil {
			return invalid("recipient %q: %v", r.Name, err)
		}
	}
	for _, g := range d.Groups {
		if strings.TrimSpace(g.Name) == "" {
			return invalid("a group has no name")
		}
		for _, m := range g.Members {
			if _, ok := d.Recipient(m); !ok {
				return invalid("group %q: %q is not in the directory", g.Name, m)
			}
		}
	}
	if len(d.Officials) == 0 {
		return invalid("no officials to initial the control card")
	}
	for _, o := range d.Officials {
		if strings.TrimSpace(o.Position) == "" {
			return invalid("an official has no position")
		}
	}
	return nil
}

// DefaultDirectory is the directory a new store starts with: a city's offices
// by position only, the three officials of step 6 in the order they initial
// (the examiner first, as the card goes up the hierarchy), and no couriers.
// The office corrects it to its own.
func DefaultDirectory() Directory {
	d := Directory{
		Officials: []Official{
			{Position: "Kepala Seksi Persandian dan Keamanan Informasi", Examiner: true},
			{Position: "Kepala Bidang Aplikasi dan Persandian"},
			{Position: "Kepala Dinas Komunikasi dan Informatika"},
		},
		Couriers: []Courier{},
	}
	for _, n := range []string{
		"Walikota", "Wakil Walikota", "Sekretaris Daerah",
		"Asisten Pemerintahan dan Kesejahteraan Rakyat",
		"Asisten Perekonomian dan Pembangunan",
		"Asisten Administrasi Umum",
	} {
		d.Recipients = append(d.Recipients, DirectoryRecipient{Name: n, Position: n, Channel: ChannelAide})
	}
	for _, n := range []string{
		"Sekretaris DPRD", "Inspektur", "Kepala Bappeda", "Kepala Badan Keuangan Daerah",
		"Kepala BKPSDM", "Kepala BPBD", "Kepala Kesbangpol", "Kepala Satpol PP",
		"Kepala Dinas Pendidikan", "Kepala Dinas Kesehatan", "Kepala Dinas PUPR",
		"Kepala Dinas Perumahan dan Kawasan Permukiman", "Kepala Dinas Sosial",
		"Kepala Dinas Tenaga Kerja", "Kepala Dinas Lingkungan Hidup",
		"Kepala Dinas Kependudukan dan Pencatatan Sipil", "Kepala Dinas Perhubungan",
		"Kepala Dinas Komunikasi dan Informatika", "Kepala Dinas Koperasi dan UKM",
		"Kepala Dinas Penanaman Modal dan PTSP",
		"Kepala Dinas Kepemudaan Olahraga dan Pariwisata",
		"Kepala Dinas Perpustakaan dan Kearsipan", "Kepala Dinas Pertanian dan Pangan",
		"Kepala Dinas Perdagangan", "Kepala Dinas Perindustrian",
		"Kepala Dinas Kelautan dan Perikanan", "Direktur RSUD",
		"Camat Pekalongan Barat", "Camat Pekalongan Timur",
		"Camat Pekalongan Utara", "Camat Pekalongan Selatan",
	} {
		d.Recipients = append(d.Recipients, DirectoryRecipient{Name: n, Position: n, Channel: ChannelCourier})
	}
	for i, r := range d.Recipients {
		d.Recipients[i].Aliases = defaultAliases[r.Name]
	}
	var agencies []string
	for _, r := range d.Recipients {
		if r.Channel == ChannelCourier && !strings.HasPrefix(r.Name, "Camat ") {
			agencies = append(agencies, r.Name)
		}
	}
	d.Groups = []Group{
		{Name: "Camat se-Kota Pekalongan", Aliases: []string{"Para Camat", "Camat se-Kota Pekalongan", "Para Camat se-Kota Pekalongan"},
			Members: []string{"Camat Pekalongan Barat", "Camat Pekalongan Timur", "Camat Pekalongan Utara", "Camat Pekalongan Selatan"}},
		{Name: "Para Asisten", Aliases: []string{"Para Asisten Sekretaris Daerah", "Para Asisten Sekda", "Asisten Sekretaris Daerah"},
			Members: []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum"}},
		{Name: "Bupati/Wali Kota se-Jawa Tengah", Aliases: []string{
			"Bupati/Walikota se-Jawa Tengah", "Bupati/Wali Kota se-Provinsi Jawa Tengah", "Bupati dan Wali Kota se-Jawa Tengah",
			"Bupati/Wali Kota seluruh Indonesia", "Bupati/Walikota seluruh Indonesia", "Bupati/Wali Kota", "Bupati/Walikota",
			"Para Bupati/Wali Kota", "Wali Kota se-Jawa Tengah"},
			Members: []string{"Walikota"}},
		{Name: "Kepala Perangkat Daerah se-Kota Pekalongan", Aliases: []string{"Para Kepala Perangkat Daerah", "Kepala Perangkat Daerah"},
			Members: agencies},
	}
	d.Places = []Place{{Name: "Kota Pekalongan", Own: true}}
	for _, p := range []string{"Kabupaten/Kota se-Jawa Tengah", "Kabupaten/Kota se-Provinsi Jawa Tengah",
		"Provinsi dan Kabupaten/Kota seluruh Indonesia", "Kabupaten/Kota seluruh Indonesia", "seluruh Indonesia", "se-Jawa Tengah"} {
		d.Places = append(d.Places, Place{Name: p})
	}
	return d
}

// defaultAliases are how letters name the default directory's entries.
var defaultAliases = map[string][]string{
	"Walikota":          {"Wali Kota", "Wali Kota Pekalongan", "Walikota Pekalongan"},
	"Wakil Walikota":    {"Wakil Wali Kota", "Wakil Wali Kota Pekalongan"},
	"Sekretaris Daerah": {"Sekda", "Sekretaris Daerah Kota Pekalongan"},
	"Asisten Pemerintahan dan Kesejahteraan Rakyat":  {"Asisten Pemerintahan dan Kesra", "Asisten I"},
	"Asisten Perekonomian dan Pembangunan":           {"Asisten II"},
	"Asisten Administrasi Umum":                      {"Asisten III"},
	"Sekretaris DPRD":                                {"Sekretaris Dewan Perwakilan Rakyat Daerah", "Sekretaris DPRD Kota Pekalongan"},
	"Inspektur":                                      {"Inspektur Daerah", "Kepala Inspektorat"},
	"Kepala Bappeda":                                 {"Kepala Badan Perencanaan Pembangunan Daerah", "Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"},
	"Kepala Badan Keuangan Daerah":                   {"Kepala BKD", "Kepala Badan Pengelolaan Keuangan Daerah"},
	"Kepala BKPSDM":                                  {"Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"},
	"Kepala BPBD":                                    {"Kepala Pelaksana BPBD", "Kepala Badan Penanggulangan Bencana Daerah", "Kepala Pelaksana Badan Penanggulangan Bencana Daerah"},
	"Kepala Kesbangpol":                              {"Kepala Badan Kesatuan Bangsa dan Politik"},
	"Kepala Satpol PP":                               {"Kepala Satuan Polisi Pamong Praja"},
	"Kepala Dinas PUPR":                              {"Kepala Dinas Pekerjaan Umum dan Penataan Ruang"},
	"Kepala Dinas Kependudukan dan Pencatatan Sipil": {"Kepala Disdukcapil"},
	"Kepala Dinas Komunikasi dan Informatika":        {"Kepala Diskominfo", "Kepala Dinas Kominfo"},
	"Kepala Dinas Koperasi dan UKM":                  {"Kepala Dinas Koperasi, Usaha Kecil dan Menengah"},
	"Kepala Dinas Penanaman Modal dan PTSP":          {"Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
	"Direktur RSUD":                                  {"Direktur RSUD Bendan", "Direktur Rumah Sakit Umum Daerah", "Direktur Rumah Sakit Umum Daerah Bendan"},
}
