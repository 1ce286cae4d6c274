package tui

import (
	"strings"
	"testing"

	"sanapati-desk/store"
)

// TestPickerKeepsInput: in the recipient picker, space checks and → changes
// the channel while the filter is typed, and esc clears the filter only,
// keeping the checks; a second esc closes the picker.
func TestPickerKeepsInput(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "enter", "t", "/")
	h.typeText("kesehatan")
	h.press("space", "right")
	p := h.m.letter.picker
	if p == nil || !p.filtering {
		t.Fatal("the picker closed or stopped filtering")
	}
	var got *pickItem
	for i := range p.items {
		if p.items[i].name == "Kepala Dinas Kesehatan" {
			got = &p.items[i]
		}
	}
	if got == nil || !got.checked || got.channel == store.ChannelCourier {
		t.Fatalf("space and → while filtering: %+v", got)
	}
	h.press("esc")
	if h.m.letter.picker == nil || h.m.letter.picker.filter.Value() != "" {
		t.Fatal("esc in the filter did more than clear it")
	}
	h.press("/")
	h.typeText("walikota")
	h.press("enter") // the filter stays, the list narrowed
	h.press("esc")
	if p := h.m.letter.picker; p == nil || p.filter.Value() != "" || len(p.checked()) != 3 {
		t.Fatalf("esc with a kept filter: picker %v", p != nil)
	}
	h.press("?")
	if !h.m.showHelp || h.m.letter.picker == nil {
		t.Fatal("? in the picker's list did not show the help")
	}
	h.press("?", "esc")
	if h.m.letter.picker != nil {
		t.Fatal("the second esc did not close the picker")
	}
}

// TestCourierNewName types a new courier's name although the list has
// couriers, and one that matches part of a listed name: the new name is a
// row of its own that enter picks.
func TestCourierNewName(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab")
	h.burst("enter", "enter", "enter", "enter", "enter", "enter", "enter", "i", "i", "i")
	h.press("a", "/")
	h.typeText("Pak")
	h.contains("Pak Darto", "+ Enter: pakai nama baru \"Pak\"")
	h.press("esc", "/")
	h.typeText("Bu Sri")
	h.press("enter")
	if l := h.letter(5); l.Stage != store.StageAssigned || l.Courier != "Bu Sri" {
		t.Fatalf("courier %q, stage %s\n%s", l.Courier, l.Stage, h.screen())
	}
}

// TestFormErrorBelongsToForm: a form's error does not follow the operator
// into the next form.
func TestFormErrorBelongsToForm(t *testing.T) {
	h := newHarness(t, 100, 30, seedDesk(t))
	h.press("tab", "enter", "enter", "enter", "enter", "enter")
	for range 5 {
		h.press("tab")
	}
	for range 3 {
		h.press("backspace")
	}
	h.typeText("X")
	h.press("enter")
	h.contains("Periksa isian")
	h.press("esc", "x")
	if s := h.screen(); strings.Contains(s, "Periksa isian") {
		t.Fatalf("the set-aside form shows the register form's error:\n%s", s)
	}
}
