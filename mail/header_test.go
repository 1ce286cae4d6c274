package mail

import (
	"bytes"
	"io"
	"testing"

	message "github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
)

func TestHeaderText(t *testing.T) {
	for _, tc := range []struct {
		name, in, cs, want string
	}{
		{"plain", "Surat dinas", "", "Surat dinas"},
		{"word", "=?utf-8?q?Caf=C3=A9?=", "", "Café"},
		{"raw byte in a Q word", "=?iso-8859-1?Q?Die_Hasen_und_die_Fr\xf6sche?=", "", "Die Hasen und die Frösche"},
		{"space in a Q word", "=?iso-8859-1?Q?Die Hasen?=", "", "Die Hasen"},
		{"fold before the encoding", "=?utf-8? Q?Caf=C3=A9?=", "", "Café"},
		{"utf-7", "=?utf-7?Q?Die_Hasen_und_die_Fr+APY-sche?=", "", "Die Hasen und die Frösche"},
		{"unicodebig", "=?unicodebig?B?JjoAIABkAHUAbQBtAHkAICY7?=", "", "☺ dummy ☻"},
		{"unknown charset read like a body", "=?X-IAS-German?B?bXlHb3Y=?=", "", "myGov"},
		{"charset NONE, bad padding", "=?NONE?B?VEVTVA=?=", "", "TEST"},
		{"unknown charset, 8-bit", "=?x-klingon?Q?m=E9canique?=", "", "mécanique"},
		{"language suffix", "=?utf-8*id?q?Halo?=", "", "Halo"},
		{"character split over words", "=?utf-8?q?=E2?= =?utf-8?q?=98=BA?=", "", "☺"},
		{"space between words dropped", "=?utf-8?q?a?= \t =?iso-8859-1?q?b?=", "", "ab"},
		{"text between words kept", "x =?utf-8?q?a?= y =?utf-8?q?b?= z", "", "x a y b z"},
		{"gb2312 read as GBK", "=?gb2312?B?0fjA1rbg?=", "", "养乐多"},
		{"raw UTF-8", "J\xc3\xb6hn", "big5", "Jöhn"},
		{"raw in the declared charset", "\xbei\xbc\xd6\xa6h", "big5", "養樂多"},
		{"raw, declared charset unknown", "Fr\xf6sche", "x-klingon", "Frösche"},
		{"raw Latin-1, no charset", "Fr\xf6sche", "", "Frösche"},
		{"raw UTF-8 with a stray byte", "\xd0\xae\xd0\xbd\xd0\xb8\xd0\xba\xd0\xbe\xd0\xb4\xf1", "", "Юникод\uFFFD"},
		{"raw beside a word", "Fr\xf6sche =?utf-8?q?und_Hasen?=", "", "Frösche und Hasen"},
		{"not a word", "=?utf-8?x?abc?= =?", "", "=?utf-8?x?abc?= =?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headerText(tc.in, tc.cs); got != tc.want {
				t.Errorf("headerText(%q, %q) = %q, want %q", tc.in, tc.cs, got, tc.want)
			}
		})
	}
}

func TestHeaderAddresses(t *testing.T) {
	for _, tc := range []struct {
		name, in, cs, want string
	}{
		{"raw 8-bit name", "Ingo L\xfctkebohle <ingo@example.org>", "", "Ingo Lütkebohle <ingo@example.org>"},
		{"raw big5 name", "\xbei\xbc\xd6\xa6h <c@example.org>", "big5", "養樂多 <c@example.org>"},
		{"word with a raw byte", "=?iso-8859-1?Q?Andr\xe9?= Pirard <p@example.org>", "", "André Pirard <p@example.org>"},
		{"words split mid-name", "=?UTF-8?B?TXlTdXJ2ZXk=?= =?UTF-8?B?LmNvbSAmIEM=?= <c@example.org>", "", "MySurvey.com & C <c@example.org>"},
		{"unknown charset", "=?X-IAS-German?B?bXlHb3Y=?= <info@example.org>", "", "myGov <info@example.org>"},
		{"two addresses", "=?utf-8?q?A?= <a@example.org>, b@example.org", "", "A <a@example.org>, b@example.org"},
		{"not an address list", "a@example.org b@example.org", "", "a@example.org b@example.org"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := testHeader(t, "From: "+tc.in)
			if got, _, _ := (&reader{m: &Message{}}).addresses(h, "From", tc.cs); got != tc.want {
				t.Errorf("addresses(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMessageStart(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"mbox envelope", "From a@example.org  Sun Jul 12 09:36:01 2015\nSubject: x\n\nbody", "Subject: x\n\nbody"},
		{"lines of spaces", "     \r\n\t\nSubject: x\r\n\r\nbody", "Subject: x\r\n\r\nbody"},
		{"indented first field", "  From: a@example.org\nSubject: x\n\nbody", "From: a@example.org\nSubject: x\n\nbody"},
		{"empty header kept", "\nbody", "\nbody"},
		{"indented text is not a header", "  just text\n", "  just text\n"},
		{"a From field is no envelope", "From: a@example.org\n\nbody", "From: a@example.org\n\nbody"},
		{"text that starts with From", "From the desk of the secretary\nwe greet you.\n", "From the desk of the secretary\nwe greet you.\n"},
		{"spaces before text", "   \nDear all,\n", "   \nDear all,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(messageStart([]byte(tc.in))); got != tc.want {
				t.Errorf("messageStart(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFileNameRFC2231(t *testing.T) {
	for _, tc := range []struct {
		name, field, want string
	}{
		{"Latin-1 over sections", "Content-Disposition: attachment; filename*0*=iso-8859-1''Caf%E9; filename*1*=%20menu; filename*2=.pdf", "Café menu.pdf"},
		{"Outlook", "Content-Disposition: attachment;\r\n filename*0*=windows-1252''Surat%20Dinas%20%96%20; filename*1*=Undangan.pdf", "Surat Dinas – Undangan.pdf"},
		{"UTF-8 split inside a character", "Content-Disposition: attachment; filename*0*=utf-8''%E2%98; filename*1*=%BA.txt", "☺.txt"},
		{"plain section keeps its percent", "Content-Type: application/pdf; name*0*=utf-8''a%20; name*1=100%25.pdf", "a 100%25.pdf"},
		{"one encoded value", "Content-Disposition: attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt", "Grüße.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := testHeader(t, tc.field)
			_, ctp, _ := contentType(h)
			_, dp := disposition(h)
			if got := fileName(h, ctp, dp); got != tc.want {
				t.Errorf("fileName(%q) = %q, want %q", tc.field, got, tc.want)
			}
		})
	}
}

func TestUTF7(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hi +Jjo!", "Hi ☺!"},
		{"A+ImIDkQ.", "A≢Α."},
		{"1 +- 1", "1 + 1"},
		{"+2DTdHg-", "𝄞"},
		{"+2DQ-x", "\uFFFDx"}, // a high surrogate alone
		{"caf\xe9", "caf\uFFFD"},
	} {
		r, err := charset.Reader("UTF-7", bytes.NewReader([]byte(tc.in)))
		if err != nil {
			t.Fatalf("charset.Reader(UTF-7) = %v", err)
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != tc.want {
			t.Errorf("UTF-7 %q = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// testHeader parses one header field.
func testHeader(t *testing.T, field string) message.Header {
	t.Helper()
	h, probs := parseHeader([]byte(field + "\r\n"))
	if len(probs) > 0 {
		t.Fatalf("parseHeader(%q): %q", field, probs)
	}
	return h
}
