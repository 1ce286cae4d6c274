package mail

import (
	"strings"
	"testing"
)

func TestReflow(t *testing.T) {
	wrapped := strings.Join([]string{
		"Nomor    : 005/4512/SJ",
		"Hal      : Undangan Rapat Koordinasi",
		"",
		"Dalam rangka penyusunan rencana kerja persandian pemerintah daerah tahun",
		"2027, dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat",
		"koordinasi yang akan dilaksanakan pada hari Senin.",
		"",
		"Agenda rapat:",
		"1. Pembukaan oleh Sekretaris Jenderal Kementerian Dalam Negeri Republik",
		"2. Paparan",
		"",
		"Demikian disampaikan, atas perhatiannya diucapkan terima kasih banyak.",
		"Hormat kami,",
	}, "\n")
	got := Reflow(wrapped)
	want := strings.Join([]string{
		"Nomor    : 005/4512/SJ",
		"Hal      : Undangan Rapat Koordinasi",
		"",
		"Dalam rangka penyusunan rencana kerja persandian pemerintah daerah tahun 2027, dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat koordinasi yang akan dilaksanakan pada hari Senin.",
		"",
		"Agenda rapat:",
		"1. Pembukaan oleh Sekretaris Jenderal Kementerian Dalam Negeri Republik",
		"2. Paparan",
		"",
		"Demikian disampaikan, atas perhatiannya diucapkan terima kasih banyak.",
		"Hormat kami,",
	}, "\n")
	if got != want {
		t.Fatalf("Reflow() =\n%s\nwant\n%s", got, want)
	}
	// format=flowed: a trailing space is a soft break whatever the width.
	if got := Reflow("Satu baris \nyang berlanjut.\nBaris baru."); got != "Satu baris yang berlanjut.\nBaris baru." {
		t.Fatalf("Reflow(flowed) = %q", got)
	}
	// Short lines, as a letter's address block, keep their breaks.
	block := "Yth. Walikota Pekalongan\ndi\nPekalongan"
	if got := Reflow(block); got != block {
		t.Fatalf("Reflow(address block) = %q", got)
	}
}
