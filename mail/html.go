package mail

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText turns an HTML body into readable text: block elements become
// line breaks, list items get a dash, links keep their address after the
// text, and scripts, styles, images (tracking pixels among them), forms and
// embedded objects are dropped. The result is not sanitised yet.
func htmlToText(r io.Reader) string {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxTextBytes)
	var (
		b      textBuilder
		skip   int // depth inside elements whose content is dropped
		pre    int
		hrefs  []string
		inHead bool // inside <head>, which ends without </head> too
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text()) // Text may be called once per token
			if inHead {
				// Text ends a head left open (HTML5 "in head" mode).
				if strings.TrimSpace(text) == "" {
					continue
				}
				inHead = false
			}
			if pre > 0 {
				b.raw(Sanitize(text))
			} else {
				b.words(Sanitize(text))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Head:
				inHead = skip == 0
				continue
			case inHead && !headElement(a):
				// Any other element ends a head left open, <body> first.
				inHead = false
			}
			if droppedElement(a) {
				if tt == html.StartTagToken && !voidElement(a) {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				b.newline()
			case atom.Hr:
				b.block()
				b.raw("----")
				b.block()
			case atom.Li:
				if b.newlines == 0 {
					b.newline()
				}
				b.raw("- ")
			case atom.Td, atom.Th:
				b.space()
			case atom.Pre:
				b.block()
				pre++
			case atom.A:
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				if tt == html.StartTagToken {
					hrefs = append(hrefs, href)
				}
			default:
				if blockElement(a) {
					b.block()
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Head {
				inHead = false
				continue
			}
			if droppedElement(a) {
				if skip > 0 && !voidElement(a) {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case a == atom.A && len(hrefs) > 0:
				href := hrefs[len(hrefs)-1]
				hrefs = hrefs[:len(hrefs)-1]
				if showLink(href) && !strings.Contains(b.last(len(href)+8), href) {
					b.words(" <" + href + ">")
				}
			case a == atom.Pre:
				if pre > 0 {
					pre--
				}
				b.block()
			case a == atom.Tr:
				b.newline()
			case blockElement(a):
				b.block()
			}
		}
	}
}

// showLink reports whether a link's address is worth showing: web and mail
// addresses, not scripts or data.
func showLink(href string) bool {
	h := strings.ToLower(strings.TrimSpace(href))
	return strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "mailto:")
}

func droppedElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Noscript, atom.Template,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Img, atom.Picture,
		atom.Video, atom.Audio, atom.Canvas, atom.Form, atom.Select, atom.Button, atom.Link, atom.Meta:
		return true
	}
	return false
}

// headElement reports whether a may stand in <head> (HTML5 "in head"
// insertion mode); any other element closes it.
func headElement(a atom.Atom) bool {
	switch a {
	case atom.Title, atom.Meta, atom.Link, atom.Style, atom.Script, atom.Base,
		atom.Noscript, atom.Template, atom.Basefont, atom.Bgsound:
		return true
	}
	return false
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Img, atom.Embed, atom.Link, atom.Meta, atom.Br, atom.Hr, atom.Input, atom.Source, atom.Wbr:
		return true
	}
	return false
}

func blockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol,
		atom.Table, atom.Blockquote, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Address, atom.Dl, atom.Dt, atom.Dd, atom.Center, atom.Body, atom.Html, atom.Tbody, atom.Thead:
		return true
	}
	return false
}

// textBuilder collects text with collapsed white space and at most one blank
// line between blocks.
type textBuilder struct {
	sb       strings.Builder
	newlines int  // newlines at the end of the text so far
	spaced   bool // the text ends with a space or is empty
}

func (t *textBuilder) words(s string) {
	if startsWithSpace(s) {
		t.space()
	}
	for i, w := range strings.Fields(s) {
		if i > 0 {
			t.space()
		}
		t.write(w)
	}
	if endsWithSpace(s) {
		t.space()
	}
}

func (t *textBuilder) write(s string) {
	if t.sb.Len() >= maxTextBytes {
		return
	}
	if t.spaced && t.newlines == 0 && t.sb.Len() > 0 {
		t.sb.WriteByte(' ')
	}
	t.sb.WriteString(s)
	t.newlines, t.spaced = 0, false
}

func (t *textBuilder) raw(s string) {
	if s == "" || t.sb.Len() >= maxTextBytes {
		return
	}
	if t.spaced && t.newlines == 0 && t.sb.Len() > 0 {
		t.sb.WriteByte(' ')
	}
	t.sb.WriteString(s)
	trailing := len(s) - len(strings.TrimRight(s, "\n"))
	if trailing == len(s) {
		t.newlines += trailing
	} else {
		t.newlines = trailing
	}
	t.spaced = false
}

func (t *textBuilder) space() {
	if t.sb.Len() > 0 && t.newlines == 0 {
		t.spaced = true
	}
}

func (t *textBuilder) newline() {
	if t.sb.Len() == 0 {
		return
	}
	t.sb.WriteByte('\n')
	t.newlines++
	t.spaced = false
}

func (t *textBuilder) block() {
	for t.sb.Len() > 0 && t.newlines < 2 {
		t.newline()
	}
}

func (t *textBuilder) last(n int) string {
	s := t.sb.String()
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func (t *textBuilder) String() string { return strings.TrimSpace(t.sb.String()) }

func startsWithSpace(s string) bool {
	return s != "" && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r')
}

func endsWithSpace(s string) bool {
	return s != "" && strings.ContainsRune(" \n\t\r", rune(s[len(s)-1]))
}
