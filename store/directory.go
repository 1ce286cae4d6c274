package store

import (
	"fmt"
	"strings"
)

// DirectoryRecipient is an addressee the operator can route a letter to,
// named by position, with the channel its copies usually travel by.
type DirectoryRecipient struct {
	Name     string  `json:"name"`
	Position string  `json:"position,omitempty"`
	Channel  Channel `json:"channel"`
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
}

// Recipient returns the directory entry named name, case-insensitively.
func (d *Directory) Recipient(name string) (DirectoryRecipient, bool) {
	name = strings.TrimSpace(name)
	for _, r := range d.Recipients {
		if strings.EqualFold(r.Name, name) {
			return r, true
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
			return fmt.Errorf("a recipient has no name")
		}
		if seen[key] {
			return fmt.Errorf("recipient %q is listed twice", r.Name)
		}
		seen[key] = true
		if _, err := ParseChannel(string(r.Channel)); err != nil {
			return fmt.Errorf("recipient %q: %w", r.Name, err)
		}
	}
	if len(d.Officials) == 0 {
		return fmt.Errorf("no officials to initial the control card")
	}
	for _, o := range d.Officials {
		if strings.TrimSpace(o.Position) == "" {
			return fmt.Errorf("an official has no position")
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
	return d
}
