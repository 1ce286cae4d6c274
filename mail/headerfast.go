package mail

// Shortcuts for the header fields most mail writes plainly. Each gives
// exactly what the general reading gives for the values it accepts, and
// declines every other value; summary_test.go checks them against it.

// sanitizeLine is SanitizeLine, without its work for a value of printable
// ASCII with single spaces between words and none at its ends, which it
// would return unchanged.
func sanitizeLine(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return SanitizeLine(s)
		}
	}
	return s
}

// simpleMailbox reads an address field holding one mailbox written
// plainly, "Name Words <local@domain>" or "local@domain": printable
// ASCII, words of letters, digits and a few other atom characters (no '=',
// '?', '.', quotes or comments), single spaces, a local part and a domain
// of such words joined by single dots. For such a value net/mail gives the
// words joined by spaces as the name and local@domain as the address, and
// sanitizing changes neither; ok is false for anything else.
func simpleMailbox(v string) (name, addr string, ok bool) {
	if len(v) == 0 || len(v) > 256 || v[len(v)-1] == ' ' {
		return "", "", false
	}
	if v[len(v)-1] != '>' {
		return "", v, simpleAddrSpec(v)
	}
	lt := -1
	for i := 0; i < len(v); i++ {
		if v[i] == '<' {
			lt = i
			break
		}
	}
	if lt < 2 || v[lt-1] != ' ' {
		return "", "", false
	}
	name, addr = v[:lt-1], v[lt+1:len(v)-1]
	if !simpleAddrSpec(addr) {
		return "", "", false
	}
	prev := byte(' ')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == ' ':
			if prev == ' ' {
				return "", "", false
			}
		case !atomChar(c):
			return "", "", false
		}
		prev = c
	}
	if prev == ' ' {
		return "", "", false
	}
	return name, addr, true
}

// simpleAddrSpec reports whether s is local@domain, each a run of atom
// words joined by single dots.
func simpleAddrSpec(s string) bool {
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '@' {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	return at > 0 && dotAtoms(s[:at]) && dotAtoms(s[at+1:])
}

func dotAtoms(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if s[i-1] == '.' {
				return false
			}
			continue
		}
		if !atomChar(c) {
			return false
		}
	}
	return true
}

// atomChar reports whether c is one of the atom characters simpleMailbox
// takes: letters, digits, '-', '_' and '+'.
func atomChar(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c == '-' || c == '_' || c == '+'
}
