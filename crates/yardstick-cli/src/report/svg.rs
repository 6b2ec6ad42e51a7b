//! The brief's charts as SVG written by hand: horizontal bars (the ranking, the gap's
//! contributions) and lines (the index over time).
//!
//! Why no chart crate: the charts are a few rectangles, lines and labels, and they must be
//! accessible (`role="img"`, a `<title>` and a `<desc>`, every value also written as text)
//! and carry names from the data escaped. plotters' SVG backend (the one maintained Rust
//! plotting crate with an SVG output) draws into its own coordinate system, writes no
//! `<title>`/`<desc>` and brings its layout engine and font handling for what is here a
//! hundred lines; so the markup is written directly, and every string goes through
//! [`escape`].

use std::fmt::Write;

use crate::html::escape;

/// Drawing width of every chart, in SVG user units (CSS pixels at 100 %).
const WIDTH: f64 = 640.0;
/// Height of one bar's row.
const ROW: f64 = 20.0;
/// Font size of labels.
const FONT: f64 = 12.0;
/// Space for a value label at the end of a bar.
const VALUE_SPACE: f64 = 52.0;
/// Outer margin.
const MARGIN: f64 = 8.0;
/// Colour of the focus unit (dark red: 7:1 against white).
const FOCUS: &str = "#9b1c1c";
/// Colour of other bars (slate blue: 4.9:1 against white).
const OTHER: &str = "#4a6a8a";
/// Colour of reference rows (grey, with a dashed outline).
const REFERENCE: &str = "#9aa5b1";
/// Line colours of comparisons, after the focus's.
const LINES: [&str; 5] = ["#4a6a8a", "#2f7d4f", "#8a5a00", "#5b4a8a", "#555555"];
/// Dash patterns of comparisons, so lines differ without colour too.
const DASHES: [&str; 5] = ["6 3", "2 3", "8 3 2 3", "1 2", "10 4"];

/// One bar.
pub struct Bar {
    /// Label left of the bar.
    pub label: String,
    /// Value, drawn from zero.
    pub value: f64,
    /// Value as text, at the bar's end.
    pub text: String,
    /// Drawn in the focus colour, label in bold.
    pub focus: bool,
    /// A reference row: grey, dashed outline.
    pub reference: bool,
}

/// One line of a line chart.
pub struct Line {
    /// Legend label.
    pub label: String,
    /// (year, value) points.
    pub points: Vec<(i32, f64)>,
    /// The focus unit's line: thicker, in the focus colour.
    pub focus: bool,
}

/// Width of `text` in user units at [`FONT`], estimated: CJK and other wide characters take
/// one em, the rest about 0.6 em (no font metrics are at hand, and a label may then be a
/// little too far from its bar, never over it).
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.len_utf8() >= 3 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * FONT
}

/// The opening of an accessible SVG document with its title and description.
fn open(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"{WIDTH}\" height=\"{height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"'Noto Sans CJK SC', \
         'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif\" \
         font-size=\"{FONT}\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    )
}

/// A horizontal bar chart with labels on the left and values at the bars' ends; negative
/// values go left of a zero line.
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let label_width = bars
        .iter()
        .map(|b| text_width(&b.label))
        .fold(0.0, f64::max)
        + MARGIN;
    let low = bars.iter().map(|b| b.value).fold(0.0, f64::min);
    let high = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let left = MARGIN + label_width + if low < 0.0 { VALUE_SPACE } else { 0.0 };
    let plot = (WIDTH - left - VALUE_SPACE - MARGIN).max(ROW);
    let span = if high > low { high - low } else { 1.0 };
    let x = |v: f64| left + (v - low) / span * plot;
    let height = MARGIN * 2.0 + ROW * bars.len() as f64;
    let mut out = open(id, height, title, desc);
    for (i, b) in bars.iter().enumerate() {
        let top = MARGIN + ROW * i as f64;
        let middle = top + ROW / 2.0 + FONT * 0.35;
        let (x0, x1) = (x(b.value.min(0.0)), x(b.value.max(0.0)));
        let (fill, stroke) = match (b.focus, b.reference) {
            (true, _) => (FOCUS, ""),
            (false, true) => (
                REFERENCE,
                " stroke=\"#3e4c59\" stroke-dasharray=\"3 2\" stroke-width=\"1\"",
            ),
            (false, false) => (OTHER, ""),
        };
        let weight = if b.focus { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            out,
            "<g><text x=\"{:.1}\" y=\"{middle:.1}\" text-anchor=\"end\"{weight}>{}</text>\
             <rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"{stroke}/>",
            MARGIN + label_width - MARGIN / 2.0,
            escape(&b.label),
            top + 3.0,
            (x1 - x0).max(0.5),
            ROW - 6.0,
        );
        let (anchor, at) = if b.value < 0.0 {
            ("end", x0 - 4.0)
        } else {
            ("start", x1 + 4.0)
        };
        let _ = writeln!(
            out,
            "<text x=\"{at:.1}\" y=\"{middle:.1}\" text-anchor=\"{anchor}\"{weight}>{}</text></g>",
            escape(&b.text)
        );
    }
    let zero = x(0.0);
    let _ = writeln!(
        out,
        "<line x1=\"{zero:.1}\" y1=\"{MARGIN}\" x2=\"{zero:.1}\" y2=\"{:.1}\" stroke=\"#3e4c59\"/>",
        height - MARGIN
    );
    out.push_str("</svg>\n");
    out
}

/// A line chart of yearly values with a legend above; every point is also a labelled circle
/// for screen readers (`<title>` inside the circle).
pub fn lines(id: &str, title: &str, desc: &str, lines: &[Line]) -> String {
    let points = lines.iter().flat_map(|l| l.points.iter());
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(year, value) in points {
        first = first.min(year);
        last = last.max(year);
        low = low.min(value);
        high = high.max(value);
    }
    if first > last {
        (first, last, low, high) = (0, 1, 0.0, 1.0);
    }
    // Scores are read against zero: a scale from the lowest score would make small
    // differences look large.
    low = low.min(0.0);
    let legend_rows = lines.len() as f64;
    let top = MARGIN + legend_rows * ROW + MARGIN;
    let plot_height = 240.0;
    let height = top + plot_height + ROW * 2.0;
    let left = MARGIN + VALUE_SPACE;
    let right = WIDTH - MARGIN - VALUE_SPACE;
    let years = f64::from((last - first).max(1));
    let span = if high > low { high - low } else { 1.0 };
    let x = |year: i32| left + f64::from(year - first) / years * (right - left);
    let y = |v: f64| top + (high - v) / span * plot_height;
    let mut out = open(id, height, title, desc);
    // Axes: the first and last year below, the lowest and highest value at the left.
    let bottom = top + plot_height;
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#3e4c59\"/>\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#3e4c59\"/>\
         <text x=\"{left}\" y=\"{:.1}\" text-anchor=\"middle\">{first}</text>\
         <text x=\"{right}\" y=\"{:.1}\" text-anchor=\"middle\">{last}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{high:.1}</text>\
         <text x=\"{:.1}\" y=\"{bottom}\" text-anchor=\"end\">{low:.1}</text>",
        bottom + ROW,
        bottom + ROW,
        left - 4.0,
        top + FONT * 0.35,
        left - 4.0,
    );
    for (i, line) in lines.iter().enumerate() {
        let k = i.saturating_sub(1) % LINES.len();
        let (colour, dash, width) = if line.focus {
            (FOCUS, String::new(), 3.0)
        } else {
            (
                LINES[k],
                format!(" stroke-dasharray=\"{}\"", DASHES[k]),
                1.5,
            )
        };
        let legend_y = MARGIN + ROW * i as f64 + ROW / 2.0;
        let _ = write!(
            out,
            "<g><line x1=\"{left}\" y1=\"{legend_y}\" x2=\"{:.1}\" y2=\"{legend_y}\" \
             stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left + 28.0,
            left + 34.0,
            legend_y + FONT * 0.35,
            escape(&line.label)
        );
        let path: Vec<String> = line
            .points
            .iter()
            .map(|&(t, v)| format!("{:.1},{:.1}", x(t), y(v)))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
            path.join(" ")
        );
        for &(t, v) in &line.points {
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{colour}\"><title>{} {t}: {v:.1}</title></circle>",
                x(t),
                y(v),
                width,
                escape(&line.label)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64, focus: bool) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: format!("{value:.1}"),
            focus,
            reference: false,
        }
    }

    #[test]
    fn bar_charts_are_accessible_and_escape_labels() {
        let svg = bars(
            "r",
            "A <b> title",
            "desc & more",
            &[
                bar("<script>alert(1)</script>", 2.0, true),
                bar("B", -1.0, false),
            ],
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"r-title\">A &lt;b&gt; title</title>"));
        assert!(svg.contains("<desc id=\"r-desc\">desc &amp; more</desc>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!svg.contains("<script"));
        assert!(svg.contains("font-weight=\"bold\">&lt;script"));
        assert!(svg.contains(">-1.0</text>"), "negative values are labelled");
    }

    #[test]
    fn a_bar_spans_its_value_from_zero() {
        // One bar of 10 and one of 0: the plot area is WIDTH − left − VALUE_SPACE − MARGIN,
        // and the bar of 10 fills all of it.
        let svg = bars(
            "g",
            "t",
            "d",
            &[bar("A", 10.0, false), bar("B", 0.0, false)],
        );
        let left = MARGIN + text_width("A") + MARGIN;
        let plot = WIDTH - left - VALUE_SPACE - MARGIN;
        assert!(
            svg.contains(&format!("x=\"{left:.1}\" y=\"11.0\" width=\"{plot:.1}\"")),
            "{svg}"
        );
    }

    #[test]
    fn line_charts_label_every_point() {
        let svg = lines(
            "t",
            "Trend",
            "d",
            &[Line {
                label: "广西".into(),
                points: vec![(2011, 1.0), (2023, 3.0)],
                focus: true,
            }],
        );
        assert!(svg.contains("<title>广西 2011: 1.0</title>"));
        assert!(svg.contains("<title>广西 2023: 3.0</title>"));
        assert!(svg.contains(">2011</text>") && svg.contains(">2023</text>"));
    }
}
