//! Gaps: how far a focus unit is behind a comparison, on every node, and which indicators
//! explain it.
//!
//! A comparison resolves, on each node, to a weighted set of units (the leader, one unit, the
//! members of a benchmark group, all ranked units) or to a fixed value (a target). Because the
//! comparison's value is a linear combination of unit values, the arithmetic-mean
//! decomposition of the gap into children's contributions is exact for groups too.

use serde::Serialize;

use crate::error::Shown;
use crate::error::{Error, Place, Result};
use crate::math::ln;
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::NodeKind;
use crate::pipeline::aggregate::Aggregation;
use crate::pipeline::plan::Plan;
use crate::pipeline::rank::{ascending_key, sort_keyed};
use crate::pipeline::results::Results;

/// What the focus unit is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Comparison {
    /// The unit ranked first on the index (the root), compared on every node.
    Leader,
    /// The best-ranked unit on each node separately (the frontier).
    Frontier,
    /// A named unit or reference row (e.g. `CN`, the national average).
    Unit(String),
    /// A benchmark group of named units, summarised on each node by a statistic.
    Group {
        /// Unit codes of the group.
        units: Vec<String>,
        /// How the group is summarised.
        statistic: GroupStatistic,
    },
    /// The arithmetic mean of all ranked units.
    Average,
    /// A fixed value of the index (the root); other nodes have no comparison.
    Target(f64),
}

impl Comparison {
    /// Reads a comparison written as text, the language of the command line's `--compare`
    /// and the bindings' `compare`: `leader`, `frontier`, `mean` (or `average`: all ranked
    /// units), `median` (of all ranked units), `group:A,B`, `group-median:A,B`,
    /// `group-best:A,B`, `target:VALUE`, or a unit code.
    ///
    /// Unit codes are not looked up here: [`gap`] and [`gap_table`] reject a code `data`
    /// lacks, and a caller that names the nearest codes checks [`Comparison::unit_codes`]
    /// first.
    ///
    /// # Errors
    /// `target:` followed by something that is not a number.
    pub fn parse(text: &str, data: &Dataset) -> Result<Comparison> {
        let group = |codes: &str, statistic| Comparison::Group {
            units: codes.split(',').map(|c| c.trim().to_owned()).collect(),
            statistic,
        };
        Ok(match text.split_once(':') {
            Some(("group", codes)) => group(codes, GroupStatistic::Mean),
            Some(("group-median", codes)) => group(codes, GroupStatistic::Median),
            Some(("group-best", codes)) => group(codes, GroupStatistic::Best),
            Some(("target", value)) => Comparison::Target(value.trim().parse().map_err(|_| {
                Error::value(
                    Place::default().column("compare"),
                    "a number after target:",
                    value,
                )
            })?),
            _ => match text {
                "leader" => Comparison::Leader,
                "frontier" => Comparison::Frontier,
                "mean" | "average" => Comparison::Average,
                "median" => Comparison::Group {
                    units: data
                        .units()
                        .iter()
                        .filter(|u| u.is_ranked())
                        .map(|u| u.code.to_string())
                        .collect(),
                    statistic: GroupStatistic::Median,
                },
                code => Comparison::Unit(code.to_owned()),
            },
        })
    }

    /// The unit codes the comparison names (a unit, a group's members; empty codes left
    /// out).
    pub fn unit_codes(&self) -> Vec<&str> {
        match self {
            Comparison::Unit(code) => vec![code.as_str()],
            Comparison::Group { units, .. } => units
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// How a benchmark group is summarised on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatistic {
    /// Arithmetic mean of the members' values.
    Mean,
    /// Median of the members' values (mean of the two middle ones for an even count).
    Median,
    /// The best member on the node.
    Best,
}

/// The gap of a focus unit to a comparison on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The focus unit's value.
    pub focus: f64,
    /// The comparison's value.
    pub comparison: f64,
    /// `comparison − focus`: positive when the focus unit is behind.
    pub gap: f64,
    /// `gap / comparison × 100`, when the comparison is not zero.
    pub percent: Option<f64>,
}

/// The gap of unit `focus` to `comparison` on node `node`.
///
/// # Formula
/// `gap = c − x_focus` and `percent = 100 · gap / c`, where `c` is the comparison's value on
/// the node: the leader's, a unit's, a group's mean, median or best value, the mean of all
/// ranked units, or a target.
///
/// # Errors
/// An unknown unit code, an empty group, the focus compared with itself, a focus or
/// comparison without a value on the node.
pub fn gap(
    dataset: &Dataset,
    results: &Results,
    node: NodeId,
    focus: UnitId,
    comparison: &Comparison,
) -> Result<Gap> {
    let focus = focus.index();
    let resolved = Resolved::new(dataset, results, results.root, focus, comparison)?;
    let x = value_of(dataset, results, node, focus)?;
    let c = resolved.value(results, node).ok_or_else(|| {
        Error::data(
            Place::default().unit(comparison_label(comparison)),
            "the comparison has no value on this node",
        )
    })?;
    Ok(Gap {
        focus: x,
        comparison: c,
        gap: c - x,
        percent: percent(c - x, c),
    })
}

/// One row of a gap table: a node of the hierarchy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeGap {
    /// Node code.
    pub code: String,
    /// Level in the hierarchy (1 = indicators).
    pub level: u32,
    /// Parent code (none for the root).
    pub parent: Option<String>,
    /// Focus value on the node (normalised for indicators, aggregated for aggregates).
    pub focus: Option<f64>,
    /// Comparison value on the node.
    pub comparison: Option<f64>,
    /// `comparison − focus` in normalised points: positive when the focus is behind.
    pub gap: Option<f64>,
    /// `100 · gap / comparison`.
    pub percent: Option<f64>,
    /// Focus value in raw units (indicators: after denominating, imputing and treating).
    pub focus_raw: Option<f64>,
    /// Comparison value in raw units.
    pub comparison_raw: Option<f64>,
    /// `comparison_raw − focus_raw` in the indicator's unit (mind its direction: for a
    /// "lower is better" indicator the focus is behind when this is negative).
    pub gap_raw: Option<f64>,
    /// `100 · gap_raw / |comparison_raw|`.
    pub percent_raw: Option<f64>,
    /// Focus rank on the node.
    pub focus_rank: Option<f64>,
    /// Rank the comparison value would have among the ranked units: `1 + #{units above it}`.
    pub comparison_rank: Option<f64>,
    /// `focus_rank − comparison_rank`: places to climb.
    pub rank_gap: Option<f64>,
    /// Share of the parent's gap explained by this node (see [`gap_table`]); sums over
    /// siblings to the parent's gap.
    pub contribution_to_parent: Option<f64>,
    /// Share of the index's gap explained by this node; sums over the nodes of one level
    /// (below the root) to the index's gap.
    pub contribution_to_index: Option<f64>,
}

/// A gap table: every node of the hierarchy, in framework order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapTable {
    /// Focus unit code.
    pub focus: String,
    /// Description of the comparison.
    pub comparison: String,
    /// Year of the results.
    pub year: Option<i32>,
    /// One row per node.
    pub rows: Vec<NodeGap>,
}

/// The gap of unit `focus` to `comparison` on every node, with contributions.
///
/// # Formula
/// On node `n` with children `k`, let `w̃ₖᵘ = wₖ / Σ_{j present for u} wⱼ` be unit `u`'s
/// effective weights (missing children dropped, as in aggregation). The comparison is a
/// weighted set of units `{(v, αᵥ)}` (a group mean has `αᵥ = 1/|G|`), so its value is
/// `c_n = Σᵥ αᵥ x_nᵛ`. Contributions to the parent's gap:
/// - arithmetic mean: `Cₖ = Σᵥ αᵥ w̃ₖᵛ xₖᵛ − w̃ₖᶠ xₖᶠ`, which sums exactly to `c_n − x_nᶠ`
///   (with complete data: effective weight × normalised difference);
/// - geometric mean (log decomposition): `Lₖ = Σᵥ αᵥ w̃ₖᵛ ln xₖᵛ − w̃ₖᶠ ln xₖᶠ`, and
///   `Cₖ = gap_n · Lₖ / Σⱼ Lⱼ` (the shares of the log gap `ln c − ln x` for a single
///   comparison unit, applied to the gap in points); undefined when `Σ Lⱼ = 0`;
/// - other aggregations have no exact additive decomposition: no contribution is reported.
///
/// Contributions to the index are passed down the tree: the root's is its gap and
/// `Iₖ = Cₖ · I_n / gap_n` (for arithmetic means with complete data, `Iₖ` is the product of
/// effective weights down the path times the normalised difference). When `gap_n = 0` the
/// children's differences cancel and `Iₖ = Cₖ · ω_n`, with `ω_n` the product of the focus's
/// effective weights from the root to `n`.
///
/// Sources: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 7
/// (decomposition of composite indicators); the log decomposition is the usual one for
/// geometric means (e.g. UNDP HDR technical notes).
///
/// # Errors
/// As [`gap`], for the index node.
pub fn gap_table(
    plan: &Plan,
    dataset: &Dataset,
    results: &Results,
    focus: UnitId,
    comparison: &Comparison,
) -> Result<GapTable> {
    let fw = plan.framework();
    let root = fw.root();
    let focus = focus.index();
    let resolved = Resolved::new(dataset, results, root, focus, comparison)?;
    value_of(dataset, results, root, focus)?;
    let mut rows: Vec<NodeGap> = fw
        .ids()
        .map(|n| {
            let node = fw.node(n);
            let focus_value = results.value(n, UnitId::new(focus));
            let comparison_value = resolved.value(results, n);
            let gap = focus_value.zip(comparison_value).map(|(x, c)| c - x);
            let (focus_raw, comparison_raw) = if node.kind == NodeKind::Indicator {
                (
                    results.treated[n.index()].get(focus).copied().flatten(),
                    resolved.raw(results, n),
                )
            } else {
                (None, None)
            };
            let gap_raw = focus_raw.zip(comparison_raw).map(|(x, c)| c - x);
            let focus_rank = results.rank(n, UnitId::new(focus));
            let comparison_rank = comparison_value.map(|c| implied_rank(dataset, results, n, c));
            NodeGap {
                code: node.code.to_string(),
                level: fw.level(n),
                parent: node.parent.as_ref().map(|p| p.to_string()),
                focus: focus_value,
                comparison: comparison_value,
                gap,
                percent: gap.zip(comparison_value).and_then(|(g, c)| percent(g, c)),
                focus_raw,
                comparison_raw,
                gap_raw,
                percent_raw: gap_raw
                    .zip(comparison_raw)
                    .and_then(|(g, c)| percent(g, c.abs())),
                focus_rank,
                comparison_rank,
                rank_gap: focus_rank.zip(comparison_rank).map(|(f, c)| f - c),
                contribution_to_parent: None,
                contribution_to_index: None,
            }
        })
        .collect();

    // Contributions to each parent, then passed down from the root.
    for n in fw.aggregates() {
        let Some(parent_gap) = rows[n.index()].gap else {
            continue;
        };
        let children = fw.children(n);
        let terms = match plan.aggregation(n) {
            Aggregation::ArithmeticMean => {
                child_terms(results, children, focus, &resolved, n, |x| x)
            }
            Aggregation::GeometricMean { shift } => {
                let shift = *shift;
                child_terms(results, children, focus, &resolved, n, move |x| {
                    ln(x + shift)
                })
                .map(|logs| {
                    let total: f64 = logs.iter().flatten().sum();
                    logs.into_iter()
                        .map(|l| l.filter(|_| total != 0.0).map(|l| parent_gap * l / total))
                        .collect()
                })
            }
            _ => None,
        };
        if let Some(terms) = terms {
            for (&c, t) in children.iter().zip(terms) {
                rows[c.index()].contribution_to_parent = t;
            }
        }
    }
    rows[root.index()].contribution_to_index = rows[root.index()].gap;
    let mut path_weight = vec![1.0; fw.len()];
    for &n in fw.bottom_up().iter().rev() {
        let (Some(index_share), Some(gap_n)) =
            (rows[n.index()].contribution_to_index, rows[n.index()].gap)
        else {
            continue;
        };
        let children = fw.children(n);
        let weights = effective_weights(results, children, focus);
        for (&c, w) in children.iter().zip(weights) {
            path_weight[c.index()] = path_weight[n.index()] * w.unwrap_or(0.0);
            let row = &mut rows[c.index()];
            row.contribution_to_index = row.contribution_to_parent.map(|cp| {
                if gap_n != 0.0 {
                    cp * index_share / gap_n
                } else {
                    cp * path_weight[n.index()]
                }
            });
        }
    }
    Ok(GapTable {
        focus: dataset.units()[focus].code.to_string(),
        comparison: comparison_label(comparison),
        year: results.year,
        rows,
    })
}

/// How a gap changed between two periods on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapChange {
    /// Node code.
    pub code: String,
    /// Year of the base period.
    pub base_year: Option<i32>,
    /// Year of the current period.
    pub year: Option<i32>,
    /// Gap in the base period.
    pub base_gap: Option<f64>,
    /// Gap now.
    pub gap: Option<f64>,
    /// `gap − base_gap`: negative when the gap is closing.
    pub change: Option<f64>,
    /// `change / (year − base_year)`: points per year.
    pub change_per_year: Option<f64>,
    /// True when the gap shrank (in absolute value).
    pub closing: Option<bool>,
    /// Focus rank in the base period.
    pub base_rank: Option<f64>,
    /// Focus rank now.
    pub rank: Option<f64>,
    /// `base_rank − rank`: places gained.
    pub places_gained: Option<f64>,
}

/// Gap tables of two periods side by side: is the focus unit catching up, and how fast?
///
/// # Formula
/// `change = gapₜ − gap₀`, `change_per_year = change / (t − t₀)`, closing when
/// `|gapₜ| < |gap₀|`; `places_gained = rank₀ − rankₜ`.
///
/// # Errors
/// As [`gap_table`] for either period; a base period not before the current one.
pub fn gap_change(
    plan: &Plan,
    dataset: &Dataset,
    focus: UnitId,
    comparison: &Comparison,
    base_period: PeriodId,
    period: PeriodId,
) -> Result<Vec<GapChange>> {
    if base_period >= period {
        return Err(Error::spec(
            Place::default().column("base year"),
            "a base year before the year compared",
        ));
    }
    gap_change_between(
        plan,
        dataset,
        &plan.run(dataset, base_period)?,
        &plan.run(dataset, period)?,
        focus,
        comparison,
    )
}

/// [`gap_change`] from runs already made: `base`, the base period's, and `now`, the later
/// period's. A caller with several comparisons runs each period once and passes the runs to
/// every one.
///
/// # Formula
/// As [`gap_change`].
///
/// # Errors
/// As [`gap_table`] for either run.
pub fn gap_change_between(
    plan: &Plan,
    dataset: &Dataset,
    base: &Results,
    now: &Results,
    focus: UnitId,
    comparison: &Comparison,
) -> Result<Vec<GapChange>> {
    let base = gap_table(plan, dataset, base, focus, comparison)?;
    let now = gap_table(plan, dataset, now, focus, comparison)?;
    let years = base.year.zip(now.year).map(|(b, y)| f64::from(y - b));
    Ok(base
        .rows
        .iter()
        .zip(&now.rows)
        .map(|(b, n)| {
            let change = n.gap.zip(b.gap).map(|(g, g0)| g - g0);
            GapChange {
                code: n.code.clone(),
                base_year: base.year,
                year: now.year,
                base_gap: b.gap,
                gap: n.gap,
                change,
                change_per_year: change.zip(years).map(|(c, y)| c / y),
                closing: n.gap.zip(b.gap).map(|(g, g0)| g.abs() < g0.abs()),
                base_rank: b.focus_rank,
                rank: n.focus_rank,
                places_gained: b.focus_rank.zip(n.focus_rank).map(|(r0, r)| r0 - r),
            }
        })
        .collect())
}

/// Units with their coefficients `αᵥ` in a comparison's value `Σ αᵥ xᵥ`.
type WeightedUnits = Vec<(usize, f64)>;

/// A comparison resolved against one run: a weighted set of units per node, or a value.
enum Resolved {
    /// The same units on every node.
    Units(WeightedUnits),
    /// Depends on the node (frontier, group median or best).
    PerNode(Vec<Option<WeightedUnits>>),
    /// A fixed value of the root.
    Target { root: NodeId, value: f64 },
}

impl Resolved {
    fn new(
        dataset: &Dataset,
        results: &Results,
        root: NodeId,
        focus: usize,
        comparison: &Comparison,
    ) -> Result<Self> {
        let unit = |code: &str| {
            dataset.unit_index(code).map(UnitId::index).ok_or_else(|| {
                Error::value(Place::default().unit(code), "a unit code of the data", code)
            })
        };
        let not_focus = |u: usize| {
            if u == focus {
                Err(Error::spec(
                    Place::default().unit(dataset.units()[u].code.as_str()),
                    "the comparison is the focus unit itself",
                ))
            } else {
                Ok(u)
            }
        };
        let per_node = |pick: &dyn Fn(&[Option<f64>]) -> Option<WeightedUnits>| {
            Resolved::PerNode(results.values.iter().map(|col| pick(col)).collect())
        };
        Ok(match comparison {
            Comparison::Leader => {
                let leader = best_ranked(results.ranks(root)).ok_or_else(|| {
                    Error::data(Place::default(), "no ranked unit has an index value")
                })?;
                // The leader's gap to itself is 0: a ranking table shows it on every row.
                Resolved::Units(vec![(leader, 1.0)])
            }
            Comparison::Frontier => Resolved::PerNode(
                results
                    .ranks
                    .iter()
                    .map(|r| best_ranked(r).map(|u| vec![(u, 1.0)]))
                    .collect(),
            ),
            Comparison::Unit(code) => Resolved::Units(vec![(not_focus(unit(code)?)?, 1.0)]),
            Comparison::Group { units, statistic } => {
                if units.is_empty() {
                    return Err(Error::spec(
                        Place::default(),
                        "the benchmark group is empty",
                    ));
                }
                let members = units
                    .iter()
                    .map(|c| unit(c))
                    .collect::<Result<Vec<usize>>>()?;
                match statistic {
                    GroupStatistic::Mean => {
                        let share = 1.0 / members.len() as f64;
                        Resolved::Units(members.into_iter().map(|u| (u, share)).collect())
                    }
                    GroupStatistic::Median => per_node(&|col| median_units(col, &members)),
                    GroupStatistic::Best => per_node(&|col| {
                        let values: Option<Vec<f64>> = members.iter().map(|&u| col[u]).collect();
                        let values = values?;
                        let best =
                            (0..members.len()).max_by(|&a, &b| values[a].total_cmp(&values[b]))?;
                        Some(vec![(members[best], 1.0)])
                    }),
                }
            }
            Comparison::Average => {
                let ranked: Vec<usize> = (0..dataset.n_units())
                    .filter(|&u| {
                        dataset.units()[u].is_ranked() && results.values(root)[u].is_some()
                    })
                    .collect();
                if ranked.is_empty() {
                    return Err(Error::data(Place::default(), "no ranked unit has a value"));
                }
                let share = 1.0 / ranked.len() as f64;
                Resolved::Units(ranked.into_iter().map(|u| (u, share)).collect())
            }
            Comparison::Target(value) => Resolved::Target {
                root,
                value: *value,
            },
        })
    }

    fn units(&self, node: NodeId) -> Option<&[(usize, f64)]> {
        match self {
            Resolved::Units(units) => Some(units),
            Resolved::PerNode(per_node) => per_node[node.index()].as_deref(),
            Resolved::Target { .. } => None,
        }
    }

    /// The comparison's value on `node`: `Σ αᵥ x_nᵛ`, missing if any unit lacks a value.
    fn value(&self, results: &Results, node: NodeId) -> Option<f64> {
        match self {
            Resolved::Target { root, value } => (*root == node).then_some(*value),
            _ => combine(self.units(node)?, results.values(node)),
        }
    }

    /// The comparison's raw value on indicator `node`.
    fn raw(&self, results: &Results, node: NodeId) -> Option<f64> {
        combine(self.units(node)?, &results.treated[node.index()])
    }
}

fn combine(units: &[(usize, f64)], column: &[Option<f64>]) -> Option<f64> {
    units
        .iter()
        .map(|&(u, a)| column.get(u).copied().flatten().map(|x| a * x))
        .sum()
}

/// `Σᵥ αᵥ w̃ₖᵛ f(xₖᵛ) − w̃ₖᶠ f(xₖᶠ)` for each child `k` of `node`.
fn child_terms(
    results: &Results,
    children: &[NodeId],
    focus: usize,
    resolved: &Resolved,
    node: NodeId,
    f: impl Fn(f64) -> f64,
) -> Option<Vec<Option<f64>>> {
    let units = resolved.units(node)?;
    let term = |u: usize| -> Vec<f64> {
        let weights = effective_weights(results, children, u);
        children
            .iter()
            .zip(weights)
            .map(|(&c, w)| match (w, results.values(c)[u]) {
                (Some(w), Some(x)) => w * f(x),
                _ => 0.0,
            })
            .collect()
    };
    let focus_terms = term(focus);
    let mut comparison_terms = vec![0.0; children.len()];
    for &(u, a) in units {
        for (t, x) in comparison_terms.iter_mut().zip(term(u)) {
            *t += a * x;
        }
    }
    Some(
        comparison_terms
            .into_iter()
            .zip(focus_terms)
            .map(|(c, f)| Some(c - f))
            .collect(),
    )
}

/// Unit `u`'s weights on `children`: sibling weights renormalised over its present children.
fn effective_weights(results: &Results, children: &[NodeId], u: usize) -> Vec<Option<f64>> {
    let present = |c: NodeId| results.values(c).get(u).copied().flatten().is_some();
    let total: f64 = children
        .iter()
        .filter(|&&c| present(c))
        .map(|&c| results.weights[c.index()])
        .sum();
    children
        .iter()
        .map(|&c| (present(c) && total > 0.0).then(|| results.weights[c.index()] / total))
        .collect()
}

fn best_ranked(ranks: &[Option<f64>]) -> Option<usize> {
    (0..ranks.len())
        .filter(|&u| ranks[u].is_some())
        .min_by(|&a, &b| {
            ranks[a]
                .unwrap_or(f64::MAX)
                .total_cmp(&ranks[b].unwrap_or(f64::MAX))
        })
}

fn median_units(column: &[Option<f64>], members: &[usize]) -> Option<WeightedUnits> {
    // (value, position among the members): ties keep the members' order, as a stable sort
    // would. The pipeline's one sort (see `rank::sort_keyed`).
    let mut present: Vec<(u64, u32)> = members
        .iter()
        .enumerate()
        .map(|(position, &u)| column[u].map(|x| (ascending_key(x), position as u32)))
        .collect::<Option<_>>()?;
    sort_keyed(&mut present);
    let n = present.len();
    let unit = |i: usize| members[present[i].1 as usize];
    Some(if n % 2 == 1 {
        vec![(unit(n / 2), 1.0)]
    } else {
        vec![(unit(n / 2 - 1), 0.5), (unit(n / 2), 0.5)]
    })
}

fn implied_rank(dataset: &Dataset, results: &Results, node: NodeId, value: f64) -> f64 {
    let above = (0..dataset.n_units())
        .filter(|&u| results.ranks(node)[u].is_some())
        .filter(|&u| results.values(node)[u].is_some_and(|x| x > value))
        .count();
    above as f64 + 1.0
}

fn value_of(dataset: &Dataset, results: &Results, node: NodeId, u: usize) -> Result<f64> {
    results.values(node)[u].ok_or_else(|| {
        Error::data(
            Place::default().unit(dataset.units()[u].code.as_str()),
            "the focus unit has no value on this node",
        )
    })
}

fn percent(gap: f64, comparison: f64) -> Option<f64> {
    (comparison != 0.0).then(|| 100.0 * gap / comparison)
}

fn comparison_label(comparison: &Comparison) -> String {
    match comparison {
        Comparison::Leader => "leader".into(),
        Comparison::Frontier => "frontier".into(),
        Comparison::Unit(code) => code.clone(),
        Comparison::Group { units, statistic } => {
            let statistic = match statistic {
                GroupStatistic::Mean => "mean",
                GroupStatistic::Median => "median",
                GroupStatistic::Best => "best",
            };
            format!("{statistic} of {}", units.join(" "))
        }
        Comparison::Average => "average".into(),
        Comparison::Target(v) => format!("target {}", Shown(*v)),
    }
}
