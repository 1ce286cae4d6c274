package store

import (
	"slices"
	"sort"
	"strings"
)

// AddresseeMatch is what the directory makes of one addressee as a letter
// writes it.
type AddresseeMatch struct {
	// Recipients are the directory's names it stands for: one entry, or a
	// group's members.
	Recipients []string
	// New is the name of an addressee of the desk's own city (a Place
	// marked Own) that the directory lacks ("Ketua DPRD" for "Ketua DPRD Kota Pekalongan"), to
	// propose as a new entry; "" otherwise.
	New string
}

// Match finds the recipients a letter's addressee stands for: an entry by
// its name or an alias, a group by its name or an alias, with a phrase of
// Places after it ("Kota Pekalongan", "Kabupaten/Kota se-Jawa Tengah") or
// not. An addressee elsewhere ("Kepala Dinas
// Kesehatan Provinsi Jawa Tengah", "Gubernur") matches nothing.
func (d *Directory) Match(addressee string) AddresseeMatch {
	key := addresseeKey(addressee)
	if key == "" {
		return AddresseeMatch{}
	}
	if m, ok := d.matchKey(key); ok {
		return m
	}
	places := slices.Clone(d.Places)
	sort.SliceStable(places, func(i, j int) bool { return len(places[i].Name) > len(places[j].Name) })
	for _, p := range places {
		pk := addresseeKey(p.Name)
		rest, ok := strings.CutSuffix(key, " "+pk)
		if !ok || rest == "" {
			continue
		}
		rest = strings.TrimSuffix(rest, " se")
		if m, ok := d.matchKey(rest); ok {
			return m
		}
		if p.Own {
			// Written as the area's own: cut the area off the name as written.
			words := strings.Fields(addressee)
			n := len(strings.Fields(p.Name))
			if len(words) > n {
				return AddresseeMatch{New: strings.Join(words[:len(words)-n], " ")}
			}
		}
		return AddresseeMatch{}
	}
	// A scan read by OCR misspells a letter here and there ("Kota
	// Pekabayan"): accept a near spelling of a name and of a place.
	if m, ok := d.matchNear(key); ok {
		return m
	}
	words := strings.Fields(key)
	for _, p := range places {
		pk := addresseeKey(p.Name)
		n := len(strings.Fields(pk))
		if len(words) <= n {
			continue
		}
		if distance(strings.Join(words[len(words)-n:], " "), pk) > len(pk)/3 {
			continue
		}
		rest := strings.TrimSuffix(strings.Join(words[:len(words)-n], " "), " se")
		if m, ok := d.matchKey(rest); ok {
			return m
		}
		if m, ok := d.matchNear(rest); ok {
			return m
		}
	}
	return AddresseeMatch{}
}

// matchNear is matchKey for a key that differs from a name or alias by
// about one letter in ten.
func (d *Directory) matchNear(key string) (AddresseeMatch, bool) {
	near := func(name string) bool {
		k := addresseeKey(name)
		return len(k) >= 8 && distance(key, k) <= max(1, len(k)/10)
	}
	for _, r := range d.Recipients {
		if near(r.Name) {
			return AddresseeMatch{Recipients: []string{r.Name}}, true
		}
		for _, a := range r.Aliases {
			if near(a) {
				return AddresseeMatch{Recipients: []string{r.Name}}, true
			}
		}
	}
	for _, g := range d.Groups {
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			if near(n) {
				return AddresseeMatch{Recipients: append([]string(nil), g.Members...)}, true
			}
		}
	}
	return AddresseeMatch{}, false
}

// distance is the Levenshtein distance between a and b, in bytes (the
// names compared are ASCII).
func distance(a, b string) int {
	if a == b {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// matchKey finds an entry or group whose name or alias is key.
func (d *Directory) matchKey(key string) (AddresseeMatch, bool) {
	for _, r := range d.Recipients {
		if addresseeKey(r.Name) == key {
			return AddresseeMatch{Recipients: []string{r.Name}}, true
		}
	}
	for _, r := range d.Recipients {
		for _, a := range r.Aliases {
			if addresseeKey(a) == key {
				return AddresseeMatch{Recipients: []string{r.Name}}, true
			}
		}
	}
	for _, g := range d.Groups {
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			if addresseeKey(n) == key {
				return AddresseeMatch{Recipients: append([]string(nil), g.Members...)}, true
			}
		}
	}
	return AddresseeMatch{}, false
}

// addresseeKey is an addressee as names are compared: lower case, one
// space between words, "se-" and "/" spaced alike, courtesy words and list
// punctuation dropped.
func addresseeKey(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("se-", "se ", " / ", "/", "/ ", "/", " /", "/", ",", " ", ";", " ", ":", " ", "'", " ", "\"", " ").Replace(s)
	f := strings.Fields(s)
	for len(f) > 0 {
		switch strings.TrimRight(f[0], ".:") {
		case "yth", "kepada", "bapak", "ibu", "bapak/ibu", "sdr", "saudara":
			f = f[1:]
			continue
		}
		break
	}
	// Dots inside a name are OCR's specks ("Wali. Kota") or
	// abbreviations written either way; words compare without them.
	for i, w := range f {
		f[i] = strings.Trim(w, ".")
	}
	return strings.Join(strings.Fields(strings.Join(f, " ")), " ")
}
