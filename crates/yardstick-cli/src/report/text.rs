//! The brief's sentences, tables and charts, written from the facts with the language's
//! templates: which numbers to say, in which order, and what they are called.

use yardstick::analysis::catchup::Growth;
use yardstick::analysis::gap::{Comparison, GroupStatistic, NodeGap};
use yardstick::analysis::progress::{Class, ProgressRow};
use yardstick::{NodeId, UnitId};

use super::brief::{fill, join, Block, Brief, Figure, Row, Section, Table, Text};
use super::facts::{Compared, Facts, Projection};
use super::lang::{Number, Words};
use super::svg::{self, Bar, Line};
use crate::args::Lang;
use crate::html::{decimal, name, ranking_order};

/// At most this many pillars or indicators are named as explaining the gap.
const DRIVERS: usize = 3;

/// A difference shown as `0.0` at one decimal is level: neither behind nor ahead.
const LEVEL: f64 = 0.05;

/// Writes the brief.
pub fn brief(facts: &Facts, lang: Lang) -> Brief {
    let w = lang.words();
    let c = Context { facts, lang, w };
    let mut sections = vec![c.summary(), c.ranking()];
    // Without comparisons (the leader, with no reference rows) there is no gap to show.
    if !c.facts.comparisons.is_empty() {
        sections.push(c.gaps());
        sections.push(c.catch_up());
    }
    if !c.facts.progress.is_empty() {
        sections.push(c.progress());
    }
    if let Some(s) = c.uncertainty() {
        sections.push(s);
    }
    sections.push(c.method());
    Brief {
        title: fill(w.title, &[("focus", c.focus()), ("index", c.index())]),
        subtitle: fill(
            w.subtitle,
            &[
                ("year", c.year()),
                ("units", c.num(Number::Count(facts.n_ranked))),
            ],
        ),
        sections,
    }
}

/// What comparison `k` is called in the brief.
pub fn comparison_label(facts: &Facts, lang: Lang, k: usize) -> Text {
    let c = Context {
        facts,
        lang,
        w: lang.words(),
    };
    c.label(&facts.comparisons[k])
}

/// The method in words: an item and its description per row.
pub fn method(facts: &Facts, lang: Lang) -> Vec<(&'static str, Text)> {
    method_rows(&Context {
        facts,
        lang,
        w: lang.words(),
    })
}

/// What every sentence needs.
struct Context<'a> {
    facts: &'a Facts,
    lang: Lang,
    w: &'static Words,
}

impl Context<'_> {
    fn num(&self, n: Number) -> Text {
        Text::own(self.lang.number(n))
    }

    fn year(&self) -> Text {
        Text::own(
            self.facts
                .results
                .year
                .map(|y| y.to_string())
                .unwrap_or_default(),
        )
    }

    fn unit_name(&self, u: UnitId) -> String {
        let unit = self.facts.data.unit(u);
        name(unit.code.as_str(), &unit.name, &unit.names, self.lang).to_owned()
    }

    fn node_name(&self, n: NodeId) -> String {
        let node = self.facts.plan.framework().node(n);
        name(node.code.as_str(), &node.name, &node.names, self.lang).to_owned()
    }

    fn focus(&self) -> Text {
        Text::data(self.unit_name(self.facts.focus))
    }

    fn root(&self) -> NodeId {
        self.facts.plan.framework().root()
    }

    fn index(&self) -> Text {
        Text::data(self.node_name(self.root()))
    }

    fn named_units(&self, codes: &[String]) -> Text {
        let names = codes
            .iter()
            .map(|code| match self.facts.data.unit_index(code) {
                Some(u) => Text::data(self.unit_name(u)),
                None => Text::data(code.clone()),
            })
            .collect();
        join(names, self.w.name_separator, self.w.enumeration_last)
    }

    /// What a comparison is called in the text.
    fn label(&self, c: &Compared) -> Text {
        let w = self.w;
        match &c.comparison {
            Comparison::Leader => {
                // The table's first unit: the best rank, ties in data order, which is the
                // unit the gap analysis takes as the leader.
                let ranks = self.facts.results.ranks(self.root());
                let leader = ranking_order(&self.facts.data, ranks).first().copied();
                let name = leader.map_or_else(String::new, |u| self.unit_name(u));
                fill(w.leader, &[("name", Text::data(name))])
            }
            Comparison::Frontier => Text::own(w.frontier),
            Comparison::Average => Text::own(w.average),
            Comparison::Unit(code) => self.named_units(std::slice::from_ref(code)),
            Comparison::Group { .. } if c.text == "median" => Text::own(w.median),
            Comparison::Group { units, statistic } => {
                let template = match statistic {
                    GroupStatistic::Mean => w.group_mean,
                    GroupStatistic::Median => w.group_median,
                    GroupStatistic::Best => w.group_best,
                };
                fill(template, &[("names", self.named_units(units))])
            }
            Comparison::Target(v) => fill(w.target, &[("value", self.num(Number::Score(*v)))]),
        }
    }

    /// A chart drawn by `draw` from its title and its description (`desc` with the focus
    /// unit's name filled in).
    fn figure(
        &self,
        file: &'static str,
        title: Text,
        desc: &str,
        draw: impl FnOnce(&str, &str) -> String,
    ) -> Block {
        let title = title.plain();
        let desc = fill(desc, &[("focus", self.focus())]).plain();
        Block::Figure(Figure {
            file,
            svg: draw(&title, &desc),
            title,
        })
    }

    fn index_row<'t>(&self, c: &'t Compared) -> &'t NodeGap {
        &c.table.rows[self.root().index()]
    }

    fn summary(&self) -> Section {
        let f = self.facts;
        let w = self.w;
        let root = self.root();
        let score = f.results.value(root, f.focus);
        let rank = f.results.rank(root, f.focus);
        let mut sentences = vec![match rank {
            Some(r) => fill(
                w.headline,
                &[
                    ("year", self.year()),
                    ("focus", self.focus()),
                    ("index", self.index()),
                    ("score", self.num(Number::Score(score.unwrap_or_default()))),
                    ("units", self.num(Number::Count(f.n_ranked))),
                    ("rank", self.num(Number::Rank(r))),
                ],
            ),
            None => fill(
                w.headline_unranked,
                &[
                    ("year", self.year()),
                    ("focus", self.focus()),
                    ("index", self.index()),
                    ("score", self.num(Number::Score(score.unwrap_or_default()))),
                ],
            ),
        }];
        let items: Vec<Text> = f
            .comparisons
            .iter()
            .filter_map(|c| {
                let row = self.index_row(c);
                let (gap, value) = (row.gap?, row.comparison?);
                let template = if gap.abs() < LEVEL {
                    w.level
                } else if gap > 0.0 {
                    w.behind
                } else {
                    w.ahead
                };
                Some(fill(
                    template,
                    &[
                        // The sentence gives the value next to the name: a target is not
                        // named by its value a second time.
                        (
                            "comparison",
                            match c.comparison {
                                Comparison::Target(_) => Text::own(w.the_target),
                                _ => self.label(c),
                            },
                        ),
                        ("value", self.num(Number::Score(value))),
                        ("gap", self.num(Number::Points(gap))),
                    ],
                ))
            })
            .collect();
        if !items.is_empty() {
            sentences.push(fill(
                w.compared,
                &[
                    ("focus", self.focus()),
                    ("items", join(items, w.list_separator, w.list_last)),
                ],
            ));
        }
        sentences.extend(self.since_base());
        Section {
            heading: Text::own(w.section_summary),
            blocks: vec![Block::Paragraph(sentences)],
        }
    }

    /// The rank change since the base year and the change of the gap to the first comparison.
    fn since_base(&self) -> Vec<Text> {
        let f = self.facts;
        let w = self.w;
        let root = self.root();
        let Some((base, base_results)) = &f.base else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let base_text = Text::own(base.to_string());
        if let (Some(r0), Some(r)) = (
            base_results.rank(root, f.focus),
            f.results.rank(root, f.focus),
        ) {
            let places = r0 - r;
            let template = if places > 0.0 {
                w.rank_up
            } else if places < 0.0 {
                w.rank_down
            } else {
                w.rank_same
            };
            out.push(fill(
                template,
                &[
                    ("base", base_text.clone()),
                    ("base_rank", self.num(Number::Rank(r0))),
                    ("places", self.places(places.abs())),
                    ("rank", self.num(Number::Rank(r))),
                ],
            ));
        }
        let first = f.comparisons.first();
        if let Some((c, change)) = first.and_then(|c| Some((c, c.change.as_ref()?))) {
            let row = &change[root.index()];
            if let (Some(g0), Some(g), Some(closing)) = (row.base_gap, row.gap, row.closing) {
                let template = if closing {
                    w.gap_narrowed
                } else {
                    w.gap_widened
                };
                out.push(fill(
                    template,
                    &[
                        ("comparison", self.label(c)),
                        ("base", base_text),
                        ("base_gap", self.num(Number::Points(g0))),
                        ("gap", self.num(Number::Points(g))),
                    ],
                ));
            }
        }
        out
    }

    /// `3` in Chinese (the template adds 位), `3 places` / `1 place` in English.
    fn places(&self, n: f64) -> Text {
        let digits = if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            decimal(Some(n))
        };
        Text::own(match self.lang {
            Lang::ZhCn => digits,
            Lang::En if n == 1.0 => "1 place".to_owned(),
            Lang::En => format!("{digits} places"),
        })
    }

    fn ranking(&self) -> Section {
        let f = self.facts;
        let w = self.w;
        let fw = f.plan.framework();
        let root = self.root();
        let pillars: Vec<NodeId> = fw.children(root).to_vec();
        let order = ranking_order(&f.data, f.results.ranks(root));
        let label = |u: UnitId| {
            let name = Text::data(self.unit_name(u));
            if f.data.unit(u).is_ranked() {
                name.plain()
            } else {
                fill(
                    w.with_note,
                    &[("name", name), ("note", Text::own(w.not_ranked))],
                )
                .plain()
            }
        };
        let chart_bars: Vec<Bar> = order
            .iter()
            .filter_map(|&u| {
                let value = f.results.value(root, u)?;
                Some(Bar {
                    label: label(u),
                    value,
                    text: decimal(Some(value)),
                    focus: u == f.focus,
                    reference: !f.data.unit(u).is_ranked(),
                })
            })
            .collect();
        let figure = self.figure(
            "ranking.svg",
            fill(
                w.chart_ranking,
                &[("index", self.index()), ("year", self.year())],
            ),
            w.chart_ranking_desc,
            |title, desc| svg::bars("ranking", title, desc, &chart_bars),
        );
        let mut header = vec![
            Text::own(w.col_rank),
            Text::own(w.col_unit),
            Text::own(w.col_score),
        ];
        header.extend(pillars.iter().map(|&n| Text::data(self.node_name(n))));
        let rows = order
            .iter()
            .map(|&u| {
                let rank = f
                    .results
                    .rank(root, u)
                    .map_or_else(|| Text::own(w.not_ranked), |r| Text::own(rank_cell(r)));
                let mut cells = vec![rank, Text::data(self.unit_name(u))];
                cells.extend(
                    std::iter::once(root)
                        .chain(pillars.iter().copied())
                        .map(|n| Text::own(decimal(f.results.value(n, u)))),
                );
                Row {
                    cells,
                    focus: u == f.focus,
                }
            })
            .collect();
        let n = header.len();
        Section {
            heading: Text::own(w.section_ranking),
            blocks: vec![
                figure,
                Block::Table(Table {
                    caption: Text::own(w.table_ranking),
                    header,
                    numeric: (0..n).map(|i| i != 1).collect(),
                    rows,
                }),
            ],
        }
    }

    fn gaps(&self) -> Section {
        let f = self.facts;
        let w = self.w;
        let fw = f.plan.framework();
        let root = self.root();
        let pillars = fw.children(root);
        let mut blocks = Vec::new();
        // Gaps to every comparison on the index.
        let mut rows = Vec::new();
        let mut gap_bars = Vec::new();
        for c in &f.comparisons {
            let row = self.index_row(c);
            let label = self.label(c);
            rows.push(Row {
                cells: vec![
                    label.clone(),
                    Text::own(decimal(row.comparison)),
                    Text::own(decimal(row.gap)),
                    Text::own(decimal(row.percent)),
                    Text::own(row.rank_gap.map(rank_cell).unwrap_or_default()),
                ],
                focus: false,
            });
            if let Some(gap) = row.gap {
                gap_bars.push(Bar {
                    label: label.plain(),
                    value: gap,
                    text: decimal(Some(gap)),
                    focus: false,
                    reference: false,
                });
            }
        }
        let first = f.comparisons.first();
        if let (Some(c), false) = (first, pillars.is_empty()) {
            blocks.push(Block::Paragraph(self.drivers(c)));
            let contribution_bars: Vec<Bar> = pillars
                .iter()
                .filter_map(|&n| {
                    let value = c.table.rows[n.index()].contribution_to_index?;
                    Some(Bar {
                        label: self.node_name(n),
                        value,
                        text: decimal(Some(value)),
                        focus: false,
                        reference: false,
                    })
                })
                .collect();
            blocks.push(self.figure(
                "gaps.svg",
                fill(
                    w.chart_contributions,
                    &[("comparison", self.label(c)), ("year", self.year())],
                ),
                w.chart_contributions_desc,
                |title, desc| svg::bars("gaps", title, desc, &contribution_bars),
            ));
            blocks.push(Block::Table(self.contribution_table(c)));
        } else if !gap_bars.is_empty() {
            blocks.push(self.figure(
                "gaps.svg",
                fill(w.chart_gaps, &[("year", self.year())]),
                w.chart_gaps_desc,
                |title, desc| svg::bars("gaps", title, desc, &gap_bars),
            ));
        }
        if !rows.is_empty() {
            blocks.push(Block::Table(Table {
                caption: Text::own(w.table_gaps),
                header: [
                    w.col_comparison,
                    w.col_compared,
                    w.col_gap,
                    w.col_percent,
                    w.col_rank_gap,
                ]
                .map(Text::own)
                .to_vec(),
                numeric: vec![false, true, true, true, true],
                rows,
            }));
        }
        Section {
            heading: Text::own(w.section_gaps),
            blocks,
        }
    }

    /// Which pillars and indicators explain the gap to comparison `c`, and where the focus is
    /// ahead.
    fn drivers(&self, c: &Compared) -> Vec<Text> {
        let w = self.w;
        let fw = self.facts.plan.framework();
        let root = self.root();
        let gap = self.index_row(c).gap.unwrap_or_default();
        if gap < LEVEL {
            return vec![fill(
                w.nothing_to_explain,
                &[("focus", self.focus()), ("comparison", self.label(c))],
            )];
        }
        let contributions = |nodes: &mut dyn Iterator<Item = NodeId>| {
            let mut v: Vec<(NodeId, f64)> = nodes
                .filter_map(|n| Some((n, c.table.rows[n.index()].contribution_to_index?)))
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1));
            v
        };
        let pillars = contributions(&mut fw.children(root).iter().copied());
        let item = |&(n, x): &(NodeId, f64)| {
            fill(
                w.driver,
                &[
                    ("node", Text::data(self.node_name(n))),
                    ("contribution", self.num(Number::Points(x))),
                    ("share", self.num(Number::Percent(x / gap * 100.0))),
                ],
            )
        };
        let behind: Vec<Text> = pillars
            .iter()
            .filter(|(_, x)| *x >= LEVEL)
            .take(DRIVERS)
            .map(item)
            .collect();
        let mut out = Vec::new();
        if !behind.is_empty() {
            out.push(fill(
                w.drivers,
                &[
                    ("comparison", self.label(c)),
                    ("items", join(behind, w.name_separator, w.enumeration_last)),
                ],
            ));
        }
        // A node with its contribution, without its share.
        let node_item = |&(n, x): &(NodeId, f64)| {
            fill(
                w.ahead_item,
                &[
                    ("node", Text::data(self.node_name(n))),
                    ("contribution", self.num(Number::Points(x))),
                ],
            )
        };
        let ahead: Vec<Text> = pillars
            .iter()
            .rev()
            .filter(|(_, x)| *x <= -LEVEL)
            .map(node_item)
            .collect();
        if !ahead.is_empty() {
            out.push(fill(
                w.ahead_on,
                &[
                    ("focus", self.focus()),
                    ("items", join(ahead, w.name_separator, w.enumeration_last)),
                ],
            ));
        }
        // Indicators are named only when pillars stand between them and the index.
        let indicators: Vec<NodeId> = fw
            .indicators()
            .filter(|&n| fw.parent(n) != Some(root))
            .collect();
        if !indicators.is_empty() {
            let top: Vec<Text> = contributions(&mut indicators.into_iter())
                .iter()
                .filter(|(_, x)| *x >= LEVEL)
                .take(DRIVERS)
                .map(node_item)
                .collect();
            if !top.is_empty() {
                out.push(fill(
                    w.indicator_drivers,
                    &[("items", join(top, w.name_separator, w.enumeration_last))],
                ));
            }
        }
        out
    }

    /// Every node below the index against comparison `c`: values, gap and contributions.
    fn contribution_table(&self, c: &Compared) -> Table {
        let w = self.w;
        let fw = self.facts.plan.framework();
        let rows = fw
            .ids()
            .filter(|&n| n != self.root())
            .map(|n| {
                let r = &c.table.rows[n.index()];
                Row {
                    cells: vec![
                        Text::data(self.node_name(n)),
                        Text::own(r.level.to_string()),
                        Text::own(decimal(r.focus)),
                        Text::own(decimal(r.comparison)),
                        Text::own(decimal(r.gap)),
                        Text::own(decimal(r.contribution_to_index)),
                    ],
                    focus: false,
                }
            })
            .collect();
        Table {
            caption: fill(w.table_contributions, &[("comparison", self.label(c))]),
            header: [
                w.col_node,
                w.col_level,
                w.col_focus,
                w.col_compared,
                w.col_gap,
                w.col_to_index,
            ]
            .map(Text::own)
            .to_vec(),
            numeric: vec![false, true, true, true, true, true],
            rows,
        }
    }

    fn catch_up(&self) -> Section {
        let f = self.facts;
        let w = self.w;
        let mut blocks = Vec::new();
        if f.focus_series.is_empty() {
            blocks.push(Block::Paragraph(vec![Text::own(w.catch_up_one_year)]));
        }
        // A paragraph per comparison: each is a projection of its own.
        for c in f.comparisons.iter().filter(|c| !c.catch_up.is_empty()) {
            blocks.push(Block::Paragraph(self.projection(c)));
        }
        if !f.focus_series.is_empty() {
            let mut lines = vec![Line {
                label: self.unit_name(f.focus),
                points: f.focus_series.clone(),
                focus: true,
            }];
            lines.extend(f.comparisons.iter().map(|c| Line {
                label: self.label(c).plain(),
                points: c.series.clone(),
                focus: false,
            }));
            blocks.push(self.figure(
                "trend.svg",
                fill(w.chart_trend, &[("index", self.index())]),
                w.chart_trend_desc,
                |title, desc| svg::lines("trend", title, desc, &lines),
            ));
        }
        Section {
            heading: Text::own(w.section_catch_up),
            blocks,
        }
    }

    /// The catch-up sentences of one comparison: by compound rate where the scores allow it,
    /// else by linear trend.
    fn projection(&self, c: &Compared) -> Vec<Text> {
        let w = self.w;
        let label = self.label(c);
        let Some(Projection { growth, outcome }) = c
            .catch_up
            .iter()
            .find(|p| p.outcome.is_ok())
            .or(c.catch_up.first())
        else {
            return Vec::new();
        };
        let (catch_up, need) = match outcome {
            Ok(x) => x,
            Err(reason) => {
                return vec![fill(
                    w.catch_up_failed,
                    &[("comparison", label), ("reason", reason_text(w, reason))],
                )]
            }
        };
        if catch_up.years == Some(0.0) {
            return vec![fill(
                w.catch_up_done,
                &[("focus", self.focus()), ("comparison", label)],
            )];
        }
        let rate = |x: f64| match growth {
            Growth::Cagr => Number::Rate(x),
            Growth::LinearTrend => Number::Points(x),
        };
        let difference = match growth {
            Growth::Cagr => Number::PercentagePoints(
                (catch_up.comparison_growth - catch_up.focus_growth) * 100.0,
            ),
            Growth::LinearTrend => {
                Number::Points(catch_up.comparison_growth - catch_up.focus_growth)
            }
        };
        let window = self.window(catch_up.window);
        let mut out = Vec::new();
        if *growth == Growth::LinearTrend {
            out.push(fill(
                w.catch_up_trend,
                &[
                    ("window", window.clone()),
                    ("focus", self.focus()),
                    ("comparison", label.clone()),
                    ("focus_growth", self.num(rate(catch_up.focus_growth))),
                    (
                        "comparison_growth",
                        self.num(rate(catch_up.comparison_growth)),
                    ),
                ],
            ));
        }
        let args = [
            ("window", window),
            ("focus", self.focus()),
            ("comparison", label.clone()),
            ("focus_growth", self.num(rate(catch_up.focus_growth))),
            (
                "comparison_growth",
                self.num(rate(catch_up.comparison_growth)),
            ),
            ("difference", self.num(difference)),
            (
                "years",
                self.num(Number::Years(catch_up.years.unwrap_or_default())),
            ),
            (
                "reached",
                Text::own(format!(
                    "{:.0}",
                    catch_up.year_reached.unwrap_or_default().ceil()
                )),
            ),
        ];
        out.push(match catch_up.years {
            Some(_) => fill(w.catch_up_years, &args),
            None => fill(w.catch_up_never, &args),
        });
        out.push(fill(
            w.catch_up_needed,
            &[
                ("deadline", Text::own(need.deadline.to_string())),
                ("comparison", label),
                ("target", self.num(Number::Score(need.target))),
                ("focus", self.focus()),
                ("rate", self.num(Number::Rate(need.cagr))),
                ("per_year", self.num(Number::Points(need.per_year))),
            ],
        ));
        out
    }

    /// Whether node `n` is measured in percent (its iMeta unit has a `%`).
    fn in_percent(&self, n: NodeId) -> bool {
        self.facts
            .plan
            .framework()
            .node(n)
            .unit_of_measure
            .as_deref()
            .is_some_and(|u| u.contains('%'))
    }

    /// A raw value of node `n`, with `%` for an indicator measured in percent.
    fn raw(&self, n: NodeId, x: Option<f64>) -> Text {
        let Some(x) = x else {
            return Text::own("–");
        };
        let digits = self.lang.number(Number::Value(x));
        Text::own(if self.in_percent(n) {
            digits + "%"
        } else {
            digits
        })
    }

    /// A difference of raw values of node `n`: percentage points for a percentage.
    fn raw_difference(&self, n: NodeId, d: Option<f64>) -> Text {
        match d {
            None => Text::own("–"),
            Some(d) if self.in_percent(n) => self.num(Number::PercentagePoints(d)),
            Some(d) => self.num(Number::Value(d.abs())),
        }
    }

    fn rate(&self, x: Option<f64>) -> Text {
        x.map_or_else(|| Text::own("–"), |x| self.num(Number::Rate(x)))
    }

    /// Progress toward each target of the focus unit: a summary, a sentence per target, a
    /// table.
    fn progress(&self) -> Section {
        let w = self.w;
        let rows = &self.facts.progress;
        let good = rows
            .iter()
            .filter(|r| {
                matches!(
                    r.assessment.class,
                    Class::Achieved | Class::SignificantProgress
                )
            })
            .count();
        let mut blocks = vec![Block::Paragraph(vec![fill(
            w.progress_summary,
            &[
                ("n", Text::own(rows.len().to_string())),
                ("k", Text::own(good.to_string())),
            ],
        )])];
        blocks.extend(
            rows.iter()
                .map(|r| Block::Paragraph(vec![self.progress_sentence(r)])),
        );
        let table_rows = rows
            .iter()
            .map(|r| {
                let a = &r.assessment;
                Row {
                    cells: vec![
                        Text::data(self.node_name(r.node)),
                        Text::own(a.target_year.map(|y| y.to_string()).unwrap_or_default()),
                        self.raw(r.node, a.target),
                        self.raw(r.node, a.start),
                        self.raw(r.node, a.end),
                        self.rate(a.actual_cagr),
                        self.rate(a.required_cagr),
                        Text::own(w.class(a.class)),
                        Text::own(a.trend.map(|t| t.arrow().to_string()).unwrap_or_default()),
                    ],
                    focus: false,
                }
            })
            .collect();
        Section {
            heading: Text::own(w.section_progress),
            blocks: {
                blocks.push(Block::Table(Table {
                    caption: Text::own(w.section_progress),
                    header: [
                        w.col_node,
                        w.col_deadline,
                        w.col_target_value,
                        w.col_start,
                        w.col_end,
                        w.col_actual_rate,
                        w.col_needed_rate,
                        w.col_class,
                        w.col_trend,
                    ]
                    .map(Text::own)
                    .to_vec(),
                    numeric: vec![false, true, true, true, true, true, true, false, false],
                    rows: table_rows,
                }));
                blocks
            },
        }
    }

    fn progress_sentence(&self, r: &ProgressRow) -> Text {
        let w = self.w;
        let a = &r.assessment;
        let window = self.window(a.window);
        let args = [
            ("node", Text::data(self.node_name(r.node))),
            ("end_year", Text::own(a.window.1.to_string())),
            ("end", self.raw(r.node, a.end)),
            (
                "target_year",
                Text::own(a.target_year.map(|y| y.to_string()).unwrap_or_default()),
            ),
            ("target", self.raw(r.node, a.target)),
            (
                "remaining",
                self.raw_difference(r.node, a.target.zip(a.end).map(|(t, e)| t - e)),
            ),
            ("window", window),
            ("actual", self.rate(a.actual_cagr)),
            ("required", self.rate(a.required_cagr)),
            ("class", Text::own(w.class(a.class))),
            (
                "arrow",
                Text::own(a.trend.map(|t| t.arrow().to_string()).unwrap_or_default()),
            ),
        ];
        let template = match a.class {
            Class::Achieved => w.progress_achieved,
            Class::InsufficientData | Class::NotAssessable => w.progress_unclassified,
            _ => w.progress_item,
        };
        fill(template, &args)
    }

    /// A range of years: `2011—2023` in Chinese, `2011–2023` in English.
    fn window(&self, (start, end): (i32, i32)) -> Text {
        Text::own(match self.lang {
            Lang::ZhCn => format!("{start}—{end}"),
            Lang::En => format!("{start}–{end}"),
        })
    }

    fn uncertainty(&self) -> Option<Section> {
        let u = self.facts.uncertainty.as_ref()?;
        let s = &u.unit;
        let sentence = fill(
            self.w.uncertainty,
            &[
                ("runs", Text::own((u.runs - u.failed).to_string())),
                ("focus", self.focus()),
                ("low", self.num(Number::Rank(s.p05?))),
                ("high", self.num(Number::Rank(s.p95?))),
                ("median", self.num(Number::Rank(s.median?))),
            ],
        );
        Some(Section {
            heading: Text::own(self.w.section_uncertainty),
            blocks: vec![Block::Paragraph(vec![sentence])],
        })
    }

    fn method(&self) -> Section {
        let w = self.w;
        let rows = method_rows(self)
            .into_iter()
            .map(|(item, description)| Row {
                cells: vec![Text::own(item), description],
                focus: false,
            })
            .collect();
        Section {
            heading: Text::own(w.section_method),
            blocks: vec![Block::Table(Table {
                caption: Text::own(w.section_method),
                header: vec![Text::own(w.col_item), Text::own(w.col_description)],
                numeric: vec![false, false],
                rows,
            })],
        }
    }
}

/// A rank in a table cell: whole ranks without decimals.
fn rank_cell(rank: f64) -> String {
    if rank.fract() == 0.0 {
        format!("{rank:.0}")
    } else {
        decimal(Some(rank))
    }
}

/// The method in words, one row per choice: what was compared, the years, and each step of
/// the effective build spec as its method and parameters.
fn method_rows(c: &Context) -> Vec<(&'static str, Text)> {
    let f = c.facts;
    let w = c.w;
    let spec = serde_json::to_value(&f.spec).unwrap_or_default();
    let code = f.data.unit(f.focus).code.as_str();
    let focus = fill(
        w.with_note,
        &[("name", c.focus()), ("note", Text::data(code))],
    );
    // Comparisons' labels may hold enumerations of names themselves.
    let comparisons = join(
        f.comparisons.iter().map(|x| c.label(x)).collect(),
        w.list_separator,
        w.list_last,
    );
    let years = match &f.base {
        Some((base, _)) => fill(
            w.years_with_base,
            &[("year", c.year()), ("base", Text::own(base.to_string()))],
        ),
        None => c.year(),
    };
    let mut rows = vec![
        (w.method_focus, focus),
        (w.method_comparisons, comparisons),
        (w.method_years, years),
    ];
    for (item, key) in [
        (w.method_impute, "impute"),
        (w.method_treat, "treat"),
        (w.method_normalise, "normalise"),
        (w.method_weights, "weights"),
        (w.method_aggregate, "aggregate"),
        (w.method_rank, "rank"),
    ] {
        rows.push((item, Text::data(describe(&spec[key]))));
    }
    rows.push((w.method_precision, Text::own(w.method_precision_text)));
    if !f.focus_series.is_empty() {
        rows.push((w.method_deadline, Text::own(f.deadline.to_string())));
    }
    if let Some(u) = &f.uncertainty {
        rows.push((
            w.method_uncertainty,
            fill(
                w.method_uncertainty_text,
                &[
                    ("runs", Text::own(u.runs.to_string())),
                    ("seed", Text::own(u.seed.to_string())),
                    ("file", Text::data(u.file.clone())),
                ],
            ),
        ));
    }
    rows
}

/// A spec section in words: a method object as `name (key value, …)`, the `default` of a
/// per-indicator section first, other settings as `key value`; empty settings left out.
pub fn describe(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut head = String::new();
            let mut method = false;
            let mut rest = Vec::new();
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("method", Value::String(m)) => (head, method) = (m.clone(), true),
                    ("default", _) => head = describe(v),
                    (_, Value::Null) => {}
                    (_, Value::Object(m)) if m.is_empty() => {}
                    _ => rest.push(format!("{key} {}", describe(v))),
                }
            }
            match (head.is_empty(), rest.is_empty()) {
                (_, true) => head,
                (true, false) => rest.join(", "),
                (false, false) if method => format!("{head} ({})", rest.join(", ")),
                (false, false) => format!("{head}; {}", rest.join(", ")),
            }
        }
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Why a catch-up cannot be projected, in the brief's language. The error's place names the
/// condition that failed (the window or the deadline); any other reason keeps the library's
/// message, as data, inside a sentence of the brief's language.
fn reason_text(w: &Words, e: &yardstick::Error) -> Text {
    match e.place().column.as_deref() {
        Some("window") => Text::own(w.reason_window),
        Some("deadline") => Text::own(w.reason_deadline),
        _ => fill(w.reason_other, &[("detail", Text::data(e.to_string()))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_section_reads_as_its_method_and_parameters() {
        let v = serde_json::json!({
            "default": {"method": "min_max", "low": 0.0, "high": 100.0},
            "indicators": {},
            "include_aggregate_rows": false
        });
        assert_eq!(
            describe(&v),
            "min_max (high 100.0, low 0.0); include_aggregate_rows false"
        );
        assert_eq!(
            describe(&serde_json::json!({"ties": "min", "round": null})),
            "ties min"
        );
    }

    #[test]
    fn catch_up_reasons_read_in_the_brief_s_language() {
        use yardstick::analysis::catchup::years_to_catch_up;
        let series = [(2020, 1.0), (2021, 2.0)];
        // A window of one year: the library names the window as the place.
        let window = years_to_catch_up(&series, &series, (2021, 2021), Growth::Cagr).unwrap_err();
        let zh = Lang::ZhCn.words();
        assert_eq!(
            reason_text(zh, &window).plain(),
            "用于测算增长的年份不足两个"
        );
        assert_eq!(
            reason_text(Lang::En.words(), &window).plain(),
            "the growth window holds fewer than two years"
        );
        // A value missing at an end of the window: the library's message, inside a Chinese
        // sentence and kept as data.
        let missing = years_to_catch_up(&series, &series, (2019, 2021), Growth::Cagr).unwrap_err();
        let text = reason_text(zh, &missing).plain();
        assert!(text.starts_with("计算条件不满足（"), "{text}");
        assert!(text.contains("2019"), "{text}");
    }
}
