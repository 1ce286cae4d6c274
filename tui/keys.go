package tui

import "charm.land/bubbles/v2/key"

// keyMap is every key binding of the desk, with its help text in the
// operator's language. It is built once; screens pick the bindings they
// offer and the help shows exactly those.
type keyMap struct {
	// Everywhere.
	Quit, ForceQuit, Help, Back, NextTab, PrevTab, Reload key.Binding
	// Lists and scrolling.
	Up, Down, PageUp, PageDown, Top, Bottom, Open key.Binding
	Search, Filter, Overdue, PrevYear, NextYear   key.Binding
	// The letter and its steps.
	Next, Route, Copies, Register, Card, Initial, Assign      key.Binding
	Receipt, Deliver, Archive, SetAside, Undo                 key.Binding
	InitialAt, Release, Late, Correct, History                key.Binding
	PrevFile, NextFile, OpenFile, SaveFile, SaveAll, ViewText key.Binding
	// The office: a backup now, files imported.
	BackupNow, Import key.Binding
	// The agenda book.
	PrintBook, ExportBook, PrintReport, ExportReport key.Binding
	// The directory.
	PrevSection, NextSection, Add, Edit, Delete, MoveUp, MoveDown, Channel key.Binding
	// The directory's calendar section.
	CalPrevYear, CalNextYear, CalLoad, CalAdd, CalRemove key.Binding
	// Forms, pickers and questions.
	Submit, NextField, PrevField, Cancel, Toggle, ChannelLeft, ChannelRight, Yes, No key.Binding
	EditTime, SwapAlt                                                                key.Binding

	sectionsDesc string
}

func newKeyMap(t *Text) keyMap {
	b := func(keys []string, shown, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, t.T(desc)))
	}
	k := func(keys ...string) []string { return keys }
	return keyMap{
		Quit:      b(k("q"), "q", "key.quit"),
		ForceQuit: b(k("ctrl+c"), "ctrl+c", "key.force_quit"),
		Help:      b(k("?"), "?", "key.help"),
		Back:      b(k("esc"), "esc", "key.back"),
		NextTab:   b(k("tab"), "tab", "key.next_tab"),
		PrevTab:   b(k("shift+tab"), "shift+tab", "key.prev_tab"),
		Reload:    b(k("ctrl+r"), "ctrl+r", "key.reload"),

		Up:       b(k("k", "up"), "k/↑", "key.up"),
		Down:     b(k("j", "down"), "j/↓", "key.down"),
		PageUp:   b(k("pgup", "ctrl+b"), "pgup", "key.page_up"),
		PageDown: b(k("pgdown", "ctrl+f", "space"), "pgdn", "key.page_down"),
		Top:      b(k("g", "home"), "g", "key.top"),
		Bottom:   b(k("G", "end"), "G", "key.bottom"),
		Open:     b(k("enter"), "enter", "key.open"),
		Search:   b(k("/"), "/", "key.search"),
		Filter:   b(k("f"), "f", "key.filter"),
		Overdue:  b(k("o"), "o", "key.overdue"),
		PrevYear: b(k("["), "[", "key.prev_year"),
		NextYear: b(k("]"), "]", "key.next_year"),

		Next:     b(k("enter"), "enter", "key.next_step"),
		Route:    b(k("t"), "t", "key.route"),
		Copies:   b(k("p"), "p", "key.copies"),
		Register: b(k("r"), "r", "key.register"),
		Card:     b(k("c"), "c", "key.card"),
		Initial:  b(k("i"), "i", "key.initial"),
		Assign:   b(k("a"), "a", "key.assign"),
		Receipt:  b(k("e"), "e", "key.receipt"),
		Deliver:  b(k("d"), "d", "key.deliver"),
		Archive:  b(k("A"), "A", "key.archive"),
		SetAside: b(k("x"), "x", "key.set_aside"),
		Undo:     b(k("u"), "u", "key.undo"),
		// The corrections: an initial after the fact, a classification
		// released, why a letter is late, when it really arrived.
		InitialAt: b(k("I"), "I", "key.initial_at"),
		Release:   b(k("R"), "R", "key.release"),
		Late:      b(k("L"), "L", "key.late"),
		Correct:   b(k("W"), "W", "key.correct"),
		History:   b(k("h"), "h", "key.history"),

		PrevFile: b(k("["), "[", "key.prev_file"),
		NextFile: b(k("]"), "]", "key.next_file"),
		OpenFile: b(k("o"), "o", "key.open_file"),
		SaveFile: b(k("s"), "s", "key.save_file"),
		SaveAll:  b(k("S"), "S", "key.save_all"),
		ViewText: b(k("v"), "v", "key.view_text"),

		BackupNow: b(k("B"), "B", "key.backup_now"),
		Import:    b(k("I"), "I", "key.import"),

		PrintBook:    b(k("b"), "b", "key.print_book"),
		ExportBook:   b(k("E"), "E", "key.export_book"),
		PrintReport:  b(k("m"), "m", "key.print_report"),
		ExportReport: b(k("M"), "M", "key.export_report"),

		PrevSection: b(k("["), "[", "key.prev_section"),
		NextSection: b(k("]"), "]", "key.next_section"),
		Add:         b(k("n"), "n", "key.add"),
		Edit:        b(k("enter"), "enter", "key.edit"),
		Delete:      b(k("D"), "D", "key.delete"),
		MoveUp:      b(k("K"), "K", "key.move_up"),
		MoveDown:    b(k("J"), "J", "key.move_down"),
		Channel:     b(k("c"), "c", "key.channel"),
		CalPrevYear: b(k("left", "<"), "←", "key.prev_year"),
		CalNextYear: b(k("right", ">"), "→", "key.next_year"),
		CalLoad:     b(k("L"), "L", "key.cal_load"),
		CalAdd:      b(k("n"), "n", "key.cal_add"),
		CalRemove:   b(k("D"), "D", "key.cal_remove"),

		Submit:       b(k("enter"), "enter", "key.submit"),
		NextField:    b(k("tab", "down"), "tab/↓", "key.next_field"),
		PrevField:    b(k("shift+tab", "up"), "shift+tab/↑", "key.prev_field"),
		Cancel:       b(k("esc"), "esc", "key.cancel"),
		Toggle:       b(k("space", "x"), "space", "key.toggle"),
		ChannelLeft:  b(k("left", "h"), "←/h", "key.channel_prev"),
		ChannelRight: b(k("right", "l"), "→/l", "key.channel_next"),
		Yes:          b(k("y"), "y", "key.yes"),
		No:           b(k("n", "esc"), "n", "key.no"),
		EditTime:     b(k("tab"), "tab", "key.edit_time"),
		SwapAlt:      b(k("ctrl+t"), "ctrl+t", "key.swap_alt"),

		sectionsDesc: t.T("key.sections"),
	}
}

// helpMap is the bindings one screen offers, for the help bar (short) and
// the full help that ? opens (in columns).
type helpMap struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpMap) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpMap) FullHelp() [][]key.Binding { return h.full }

func (k *keyMap) global() []key.Binding {
	return []key.Binding{k.NextTab, k.PrevTab, k.Reload, k.Help, k.Back, k.Quit, k.ForceQuit}
}

func (k *keyMap) moves() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

func (k *keyMap) todayHelp(unlisted bool) helpMap {
	if unlisted {
		return helpMap{
			short: []key.Binding{k.Open, k.CalLoad, k.NextTab, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Open, k.Up, k.Down, k.CalLoad}, {k.Import, k.BackupNow}, k.global()},
		}
	}
	return helpMap{
		short: []key.Binding{k.Open, k.Down, k.NextTab, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Open, k.Up, k.Down}, {k.Import, k.BackupNow}, k.global()},
	}
}

func (k *keyMap) listHelp(extra ...key.Binding) helpMap {
	return helpMap{
		short: []key.Binding{k.Open, k.Search, k.Filter, k.Help, k.Quit},
		full:  [][]key.Binding{k.moves(), append([]key.Binding{k.Open, k.Search, k.Filter, k.Overdue}, extra...), k.global()},
	}
}

func (k *keyMap) inboxHelp() helpMap {
	return helpMap{
		short: []key.Binding{k.Open, k.Search, k.Down, k.NextTab, k.Help, k.Quit},
		full:  [][]key.Binding{k.moves(), {k.Open, k.Search, k.Filter, k.Overdue}, k.global()},
	}
}

func (k *keyMap) agendaHelp() helpMap {
	h := k.listHelp(k.Card, k.PrevYear, k.NextYear)
	h.short = []key.Binding{k.Open, k.Search, k.Card, k.Help, k.Quit}
	h.full = append(h.full[:2:2], []key.Binding{k.PrintBook, k.ExportBook, k.PrintReport, k.ExportReport}, k.global())
	return h
}

func (k *keyMap) letterHelp(next key.Binding) helpMap {
	return helpMap{
		short: []key.Binding{next, k.Down, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Next, k.Route, k.Copies, k.Register, k.Card, k.Initial, k.InitialAt},
			{k.Assign, k.Receipt, k.Deliver, k.Archive, k.SetAside, k.Undo, k.Release},
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.Late, k.Correct, k.History, k.ViewText, k.PrevFile, k.NextFile, k.OpenFile, k.SaveFile, k.SaveAll},
			k.global(),
		},
	}
}

// finishedHelp is the Letter screen's keys once no step is left: no
// "next step", but the history, the corrections and the attachments.
func (k *keyMap) finishedHelp() helpMap {
	return helpMap{
		short: []key.Binding{k.History, k.Down, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.History, k.Undo, k.Late, k.Correct, k.Receipt},
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.ViewText, k.PrevFile, k.NextFile, k.OpenFile, k.SaveFile, k.SaveAll},
			k.global(),
		},
	}
}

// historyHelp is the keys of the letter's history view.
func (k *keyMap) historyHelp() helpMap {
	return helpMap{
		short: []key.Binding{k.Down, k.PageDown, k.History, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.History, k.Back}, k.moves(), k.global()},
	}
}

func (k *keyMap) directoryHelp(calendar bool) helpMap {
	sections := key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[/]", k.sectionsDesc))
	if calendar {
		cal := []key.Binding{k.CalPrevYear, k.CalNextYear, k.CalLoad, k.CalAdd, k.CalRemove}
		return helpMap{
			short: []key.Binding{sections, k.CalLoad, k.CalAdd, k.CalRemove, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.PrevSection, k.NextSection}, cal, k.global()},
		}
	}
	edit := []key.Binding{k.Add, k.Edit, k.Delete, k.MoveUp, k.MoveDown, k.Channel}
	return helpMap{
		short: []key.Binding{sections, k.Add, k.Edit, k.Delete, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.PrevSection, k.NextSection}, edit, k.global()},
	}
}

func (k *keyMap) formHelp() helpMap {
	return helpMap{
		short: []key.Binding{k.Submit, k.NextField, k.PrevField, k.Cancel},
		full:  [][]key.Binding{{k.Submit, k.NextField, k.PrevField, k.Cancel, k.SwapAlt}},
	}
}

func (k *keyMap) pickerHelp(multi, channels, timed bool) helpMap {
	keys := []key.Binding{k.Submit, k.Down}
	if multi {
		keys = append(keys, k.Toggle)
	}
	if channels {
		keys = append(keys, k.ChannelRight)
	}
	if timed {
		keys = append(keys, k.EditTime)
	}
	keys = append(keys, k.Search, k.Cancel)
	return helpMap{short: keys, full: [][]key.Binding{append([]key.Binding{k.Up}, keys...)}}
}

// quittingHelp is what works while the desk waits for its last jobs.
func (k *keyMap) quittingHelp() helpMap {
	return helpMap{short: []key.Binding{k.ForceQuit}, full: [][]key.Binding{{k.ForceQuit}}}
}

func (k *keyMap) questionHelp() helpMap {
	return helpMap{short: []key.Binding{k.Yes, k.No}, full: [][]key.Binding{{k.Yes, k.No}}}
}
