//! The brief's workbook (rust_xlsxwriter): scores, ranks, gaps with contributions, catch-up,
//! the method and the input data, one sheet each, in the language of the brief.
//!
//! Every sheet has a bold header row that stays in view (frozen), an autofilter, column
//! widths fitted to their text (a CJK character counts two) and numbers stored at full
//! precision but shown with the brief's precision. Every text cell, names from the data
//! included, is written with `write_string`: a name such as `=cmd|' /C calc'!A0` stays text,
//! never a formula.

use std::path::Path;

use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatText,
    ConditionalFormatTextRule, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use yardstick::analysis::catchup::Growth;
use yardstick::Error;

use super::brief::Text;
use super::facts::Facts;
use super::text;
use crate::args::Lang;
use crate::html::{name, ranking_order};

/// Excel's widest column, in characters.
const MAX_WIDTH: f64 = 60.0;
/// Scores and gaps as the brief shows them.
const ONE_DECIMAL: &str = "0.0";
/// Rates stored as fractions.
const PERCENT: &str = "0.0%";
/// Light red fill of a gap the focus unit is behind on; light green where it is ahead.
const BEHIND: u32 = 0xFDE8E8;
const AHEAD: u32 = 0xE3F9E5;

/// A cell of a sheet.
enum Cell {
    Text(String),
    /// A number with its number format.
    Number(f64, &'static str),
    Empty,
}

impl Cell {
    fn number(x: Option<f64>, format: &'static str) -> Cell {
        x.map_or(Cell::Empty, |x| Cell::Number(x, format))
    }

    /// Characters it takes on screen, for the column width.
    fn width(&self) -> f64 {
        match self {
            Cell::Text(s) => s
                .chars()
                .map(|c| if c.len_utf8() >= 3 { 2.0 } else { 1.0 })
                .sum(),
            Cell::Number(x, _) => format!("{x:.1}").len() as f64,
            Cell::Empty => 0.0,
        }
    }
}

/// A sheet's name, header and rows.
struct Sheet {
    name: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// How a column is coloured.
    colours: Option<Colours>,
}

/// Conditional formats of a column.
enum Colours {
    /// Gaps: behind in light red, ahead in light green.
    BySign(usize),
    /// Progress classes, by their names in the brief's language (the order of `Words::classes`).
    ByClass(usize, [&'static str; 9]),
}

/// Writes the workbook to `path`.
pub fn write(facts: &Facts, lang: Lang, path: &Path) -> Result<(), Error> {
    let io = |e: XlsxError| crate::output::cannot_write(path.display().to_string(), e);
    let mut workbook = Workbook::new();
    for sheet in sheets(facts, lang) {
        let worksheet = workbook.add_worksheet();
        fill(worksheet, &sheet).map_err(io)?;
    }
    workbook.save(path).map_err(io)
}

/// Writes one sheet: header, cells, widths, frozen header, autofilter, and on the gaps
/// sheet the colours of behind and ahead.
fn fill(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let mut widths: Vec<f64> = sheet
        .header
        .iter()
        .map(|h| Cell::Text(h.clone()).width())
        .collect();
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            if c >= widths.len() {
                widths.push(0.0);
            }
            widths[c] = widths[c].max(cell.width());
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col(c), s)?;
                }
                Cell::Number(x, format) => {
                    ws.write_number_with_format(
                        r,
                        col(c),
                        *x,
                        &Format::new().set_num_format(*format),
                    )?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), (w + 2.0).min(MAX_WIDTH))?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    let last_col = col(sheet.header.len().saturating_sub(1));
    ws.autofilter(0, 0, last_row.max(1), last_col)?;
    match &sheet.colours {
        Some(Colours::BySign(c)) => gap_colours(ws, col(*c), last_row)?,
        Some(Colours::ByClass(c, names)) => class_colours(ws, col(*c), last_row, names)?,
        None => {}
    }
    Ok(())
}

/// A column index as Excel's type; sheets here have a few dozen columns at most.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn sheets(facts: &Facts, lang: Lang) -> Vec<Sheet> {
    let w = lang.words();
    vec![
        values(facts, lang, w.sheet_scores, false),
        values(facts, lang, w.sheet_ranks, true),
        gaps(facts, lang),
        catch_up(facts, lang),
        progress(facts, lang),
        method(facts, lang),
        input(facts, lang),
    ]
}

/// Units by rank (reference rows last), one column per node, index first.
fn values(facts: &Facts, lang: Lang, sheet: &'static str, ranks: bool) -> Sheet {
    let w = lang.words();
    let fw = facts.plan.framework();
    let root = fw.root();
    let nodes: Vec<_> = std::iter::once(root)
        .chain(fw.ids().filter(|&n| n != root))
        .collect();
    let mut header = vec![w.col_code.to_owned(), w.col_unit.to_owned()];
    header.extend(nodes.iter().map(|&n| {
        let node = fw.node(n);
        name(node.code.as_str(), &node.name, &node.names, lang).to_owned()
    }));
    let rows = ranking_order(&facts.data, facts.results.ranks(root))
        .into_iter()
        .map(|u| {
            let unit = facts.data.unit(u);
            let mut row = vec![
                Cell::Text(unit.code.to_string()),
                Cell::Text(name(unit.code.as_str(), &unit.name, &unit.names, lang).to_owned()),
            ];
            row.extend(nodes.iter().map(|&n| {
                if ranks {
                    Cell::number(facts.results.rank(n, u), "0")
                } else {
                    Cell::number(facts.results.value(n, u), ONE_DECIMAL)
                }
            }));
            row
        })
        .collect();
    Sheet {
        name: sheet,
        header,
        rows,
        colours: None,
    }
}

/// A comparison's label as plain text (it is written with `write_string`).
fn label(facts: &Facts, lang: Lang, k: usize) -> String {
    text::comparison_label(facts, lang, k).plain()
}

/// The gaps sheet's column of gaps (after comparison, code, node, level, focus, compared).
const GAP_COLUMN: usize = 6;

/// Every comparison's gap table, one block of rows after the other.
fn gaps(facts: &Facts, lang: Lang) -> Sheet {
    let w = lang.words();
    let fw = facts.plan.framework();
    let mut header: Vec<String> = [
        w.col_comparison,
        w.col_code,
        w.col_node,
        w.col_level,
        w.col_focus,
        w.col_compared,
        w.col_gap,
        w.col_percent,
        w.col_rank_gap,
        w.col_to_parent,
        w.col_to_index,
    ]
    .map(str::to_owned)
    .to_vec();
    if let Some((base, _)) = &facts.base {
        header.push(format!("{} ({base})", w.col_gap));
        header.push(format!("{} ({base})", w.col_rank));
    }
    let mut rows = Vec::new();
    for (k, c) in facts.comparisons.iter().enumerate() {
        let label = label(facts, lang, k);
        for (i, r) in c.table.rows.iter().enumerate() {
            let node = fw.node(yardstick::NodeId::new(i));
            let mut row = vec![
                Cell::Text(label.clone()),
                Cell::Text(r.code.clone()),
                Cell::Text(name(node.code.as_str(), &node.name, &node.names, lang).to_owned()),
                Cell::Number(f64::from(r.level), "0"),
                Cell::number(r.focus, ONE_DECIMAL),
                Cell::number(r.comparison, ONE_DECIMAL),
                Cell::number(r.gap, ONE_DECIMAL),
                Cell::number(r.percent, ONE_DECIMAL),
                Cell::number(r.rank_gap, "0"),
                Cell::number(r.contribution_to_parent, ONE_DECIMAL),
                Cell::number(r.contribution_to_index, ONE_DECIMAL),
            ];
            if let Some(change) = &c.change {
                row.push(Cell::number(change[i].base_gap, ONE_DECIMAL));
                row.push(Cell::number(change[i].base_rank, "0"));
            }
            rows.push(row);
        }
    }
    Sheet {
        name: w.sheet_gaps,
        header,
        rows,
        colours: Some(Colours::BySign(GAP_COLUMN)),
    }
}

/// Both growth measures for every comparison, or the reason a projection is not possible.
fn catch_up(facts: &Facts, lang: Lang) -> Sheet {
    let w = lang.words();
    let header = [
        w.col_comparison,
        w.col_growth,
        w.col_window,
        w.col_focus,
        w.col_compared,
        w.col_focus_growth,
        w.col_compared_growth,
        w.col_years,
        w.col_reached,
        w.col_deadline,
        w.col_target,
        w.col_needed_rate,
        w.col_needed_per_year,
        w.col_note,
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rows = Vec::new();
    for (k, c) in facts.comparisons.iter().enumerate() {
        for p in &c.catch_up {
            let (measure, rate) = match p.growth {
                Growth::Cagr => (w.growth_cagr, PERCENT),
                Growth::LinearTrend => (w.growth_trend, ONE_DECIMAL),
            };
            let mut row = vec![
                Cell::Text(label(facts, lang, k)),
                Cell::Text(measure.to_owned()),
            ];
            match &p.outcome {
                Ok((c, need)) => row.extend([
                    Cell::Text(format!("{}–{}", c.window.0, c.window.1)),
                    Cell::Number(c.focus, ONE_DECIMAL),
                    Cell::Number(c.comparison, ONE_DECIMAL),
                    Cell::Number(c.focus_growth, rate),
                    Cell::Number(c.comparison_growth, rate),
                    c.years.map_or(Cell::Text(w.never.to_owned()), |t| {
                        Cell::Number(t, ONE_DECIMAL)
                    }),
                    Cell::number(c.year_reached.map(f64::ceil), "0"),
                    Cell::Number(f64::from(need.deadline), "0"),
                    Cell::Number(need.target, ONE_DECIMAL),
                    Cell::Number(need.cagr, PERCENT),
                    Cell::Number(need.per_year, ONE_DECIMAL),
                ]),
                Err(reason) => {
                    row.extend((0..11).map(|_| Cell::Empty));
                    row.push(Cell::Text(reason.to_string()));
                }
            }
            rows.push(row);
        }
    }
    Sheet {
        name: w.sheet_catch_up,
        header,
        rows,
        colours: None,
    }
}

/// The focus unit's progress toward each target, as `yardstick progress` assesses it.
fn progress(facts: &Facts, lang: Lang) -> Sheet {
    let w = lang.words();
    let fw = facts.plan.framework();
    let header = [
        w.col_code,
        w.col_node,
        w.col_deadline,
        w.col_target_value,
        w.col_window,
        w.col_start,
        w.col_end,
        w.col_actual_rate,
        w.col_needed_rate,
        w.col_class,
        w.col_trend,
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = facts
        .progress
        .iter()
        .map(|r| {
            let a = &r.assessment;
            let node = fw.node(r.node);
            vec![
                Cell::Text(node.code.to_string()),
                Cell::Text(name(node.code.as_str(), &node.name, &node.names, lang).to_owned()),
                Cell::number(a.target_year.map(f64::from), "0"),
                Cell::number(a.target, "General"),
                Cell::Text(format!("{}–{}", a.window.0, a.window.1)),
                Cell::number(a.start, "General"),
                Cell::number(a.end, "General"),
                Cell::number(a.actual_cagr, PERCENT),
                Cell::number(a.required_cagr, PERCENT),
                Cell::Text(w.class(a.class).to_owned()),
                Cell::Text(a.trend.map(|t| t.arrow().to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    Sheet {
        name: w.sheet_progress,
        header,
        rows,
        colours: Some(Colours::ByClass(PROGRESS_CLASS_COLUMN, w.classes)),
    }
}

/// The progress sheet's class column.
const PROGRESS_CLASS_COLUMN: usize = 9;

/// The method in words, then the effective build spec as JSON, a line a row.
fn method(facts: &Facts, lang: Lang) -> Sheet {
    let w = lang.words();
    let mut rows: Vec<Vec<Cell>> = text::method(facts, lang)
        .into_iter()
        .map(|(item, description): (&str, Text)| {
            vec![Cell::Text(item.to_owned()), Cell::Text(description.plain())]
        })
        .collect();
    for (i, line) in facts.spec.to_json().lines().enumerate() {
        let item = if i == 0 { w.method_json } else { "" };
        rows.push(vec![
            Cell::Text(item.to_owned()),
            Cell::Text(line.to_owned()),
        ]);
    }
    Sheet {
        name: w.sheet_method,
        header: vec![w.col_item.to_owned(), w.col_description.to_owned()],
        rows,
        colours: None,
    }
}

/// iData as read: a row per unit and year, a column per variable.
fn input(facts: &Facts, lang: Lang) -> Sheet {
    let w = lang.words();
    let data = &facts.data;
    let mut header = vec![
        "uCode".to_owned(),
        "uName".to_owned(),
        "uType".to_owned(),
        "Time".to_owned(),
    ];
    header.extend(data.variables().iter().cloned());
    let mut rows = Vec::new();
    for p in data.period_ids() {
        for u in data.unit_ids() {
            let unit = data.unit(u);
            let mut row = vec![
                Cell::Text(unit.code.to_string()),
                Cell::Text(unit.name.clone()),
                Cell::Text(
                    if unit.is_ranked() {
                        "unit"
                    } else {
                        "aggregate"
                    }
                    .to_owned(),
                ),
                data.year(p)
                    .map_or(Cell::Empty, |y| Cell::Number(f64::from(y), "0")),
            ];
            row.extend(
                (0..data.variables().len())
                    .map(|v| Cell::number(data.column(v, p)[u.index()], "General")),
            );
            rows.push(row);
        }
    }
    Sheet {
        name: w.sheet_data,
        header,
        rows,
        colours: None,
    }
}

/// Fill colours of the progress classes, in the order of `Words::classes`: green for
/// achieved and significant progress, yellow for moderate, orange for insufficient, reds for
/// moving away, grey where no class could be given (the traffic lights of Eurostat's SDG
/// reports).
const CLASS_FILLS: [u32; 9] = [
    0xC6EFCE, 0xC6EFCE, 0xFFEB9C, 0xFCD5B4, 0xFFC7CE, 0xFCE4E4, 0xFFC7CE, 0xE7E6E6, 0xE7E6E6,
];

/// The class column's colours: a text rule per class name (no name is part of another's in
/// either language, so `Contains` matches exactly one class).
fn class_colours(
    ws: &mut Worksheet,
    column: u16,
    last_row: u32,
    names: &[&str; 9],
) -> Result<(), XlsxError> {
    for (name, fill) in names.iter().zip(CLASS_FILLS) {
        let rule = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::Contains((*name).to_owned()))
            .set_format(Format::new().set_background_color(fill));
        ws.add_conditional_format(1, column, last_row.max(1), column, &rule)?;
    }
    Ok(())
}

/// The gap column's colours: behind in light red, ahead in light green.
fn gap_colours(ws: &mut Worksheet, column: u16, last_row: u32) -> Result<(), XlsxError> {
    let behind = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(Format::new().set_background_color(BEHIND));
    let ahead = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(Format::new().set_background_color(AHEAD));
    ws.add_conditional_format(1, column, last_row.max(1), column, &behind)?;
    ws.add_conditional_format(1, column, last_row.max(1), column, &ahead)?;
    Ok(())
}
