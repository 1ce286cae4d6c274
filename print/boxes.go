package print

// Boxed fields and tables: the two shapes every form on paper is made of.

// field is one labelled box in a row of boxes.
type field struct {
	label, value string
	// w is the box's width; 0 shares what the fixed boxes leave.
	w float64
	// labelW puts the label in a column of this width left of the value;
	// 0 puts it above the value.
	labelW float64
	// lines caps the value's lines (0: 3); minH is the least height.
	lines int
	minH  float64
	big   bool // the value in a larger bold face, for the agenda number
}

const (
	labelPt = 7
	valuePt = 9
	bigPt   = 12
)

// sizes are the label, value and agenda-number sizes in points and the
// inner padding of a box in millimetres: smaller on a dense page, where a
// card must fit a third of a sheet.
func (d *doc) sizes() (label, value, big, inner float64) {
	if d.dense {
		return 6, 7.5, 10, 1
	}
	return labelPt, valuePt, bigPt, pad
}

// fieldRow draws boxes side by side across the content width from y and
// returns the row's height. All boxes take the height of the tallest.
func (d *doc) fieldRow(y float64, fs []field) float64 {
	labelSize, valueSize, bigSize, in := d.sizes()
	widths := make([]float64, len(fs))
	fixed, shared := 0.0, 0
	for _, f := range fs {
		fixed += f.w
		if f.w == 0 {
			shared++
		}
	}
	for i, f := range fs {
		widths[i] = f.w
		if f.w == 0 {
			widths[i] = (d.width() - fixed) / float64(shared)
		}
	}
	type laid struct {
		label, value []string
		labelLH      float64
		valueLH      float64
		valueStyle   style
		valuePt      float64
	}
	out := make([]laid, len(fs))
	h := 0.0
	for i, f := range fs {
		l := &out[i]
		d.setFont(bold, labelSize)
		l.labelLH = d.lineH()
		lw := f.labelW
		if lw == 0 {
			lw = widths[i]
		}
		l.label = d.wrap(f.label, lw-2*in, 2)
		l.valueStyle, l.valuePt = regular, valueSize
		if f.big {
			l.valueStyle, l.valuePt = bold, bigSize
		}
		d.setFont(l.valueStyle, l.valuePt)
		l.valueLH = d.lineH()
		maxLines := f.lines
		if maxLines == 0 {
			maxLines = 3
		}
		l.value = d.wrap(f.value, widths[i]-f.labelW-2*in, maxLines)
		var need float64
		if f.labelW > 0 {
			need = max2(float64(len(l.label))*l.labelLH, float64(len(l.value))*l.valueLH)
		} else {
			need = float64(len(l.label))*l.labelLH + float64(len(l.value))*l.valueLH
		}
		h = max2(h, max2(need+2*in, f.minH))
	}
	x := d.left
	for i, f := range fs {
		l := out[i]
		d.pdf.Rect(x, y, widths[i], h, "D")
		d.setFont(bold, labelSize)
		d.text(x+in, y+in, widths[i]-2*in, l.label, "L")
		d.setFont(l.valueStyle, l.valuePt)
		if f.labelW > 0 {
			d.text(x+f.labelW+in, y+in, widths[i]-f.labelW-2*in, l.value, "L")
		} else {
			d.text(x+in, y+in+float64(len(l.label))*l.labelLH, widths[i]-2*in, l.value, "L")
		}
		x += widths[i]
	}
	return h
}

func max2(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// column is one column of a table.
type column struct {
	title string
	// weight shares the content width among the columns.
	weight float64
	align  string // "L" (default), "C" or "R"
}

// table draws rows that wrap within their cells, across pages, repeating
// the header on each new page.
type table struct {
	d      *doc
	cols   []column
	widths []float64
	pt     float64 // body size in points
	minH   float64 // least row height, room for a signature
	lines  int     // cap per cell; 0 means no cap
	rowNo  int     // rows drawn, for shading
	shade  bool
}

// newTable lays out columns across the content width.
func (d *doc) newTable(cols []column, pt float64) *table {
	t := &table{d: d, cols: cols, pt: pt, widths: make([]float64, len(cols))}
	total := 0.0
	for _, c := range cols {
		total += c.weight
	}
	for i, c := range cols {
		t.widths[i] = d.width() * c.weight / total
	}
	return t
}

// header draws the column titles from y and returns the y below them.
func (t *table) header(y float64) float64 {
	d := t.d
	d.setFont(bold, t.pt)
	lh := d.lineH()
	cells := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		cells[i] = d.wrap(c.title, t.widths[i]-2*pad, 3)
		n = max(n, len(cells[i]))
	}
	h := float64(n)*lh + 2*pad
	y = d.ensure(y, h+lh+2*pad)
	d.pdf.SetFillColor(225, 225, 225)
	x := d.left
	for i := range t.cols {
		d.pdf.Rect(x, y, t.widths[i], h, "FD")
		d.text(x+pad, y+pad, t.widths[i]-2*pad, cells[i], "C")
		x += t.widths[i]
	}
	return y + h
}

// row draws one row from y, on a new page under a repeated header when it
// does not fit, and returns the y below it.
func (t *table) row(y float64, cells []string) float64 {
	d := t.d
	d.setFont(regular, t.pt)
	lh := d.lineH()
	laid := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		laid[i] = d.wrap(c, t.widths[i]-2*pad, t.lines)
		n = max(n, len(laid[i]))
	}
	h := max2(float64(n)*lh+2*pad, t.minH)
	if y+h > d.bottom {
		d.pdf.AddPage()
		y = t.header(d.top)
		d.setFont(regular, t.pt)
	}
	t.rowNo++
	style := "D"
	if t.shade && t.rowNo%2 == 0 {
		d.pdf.SetFillColor(244, 244, 244)
		style = "FD"
	}
	x := d.left
	for i := range cells {
		d.pdf.Rect(x, y, t.widths[i], h, style)
		align := t.cols[i].align
		if align == "" {
			align = "L"
		}
		d.text(x+pad, y+pad, t.widths[i]-2*pad, laid[i], align)
		x += t.widths[i]
	}
	return y + h
}
