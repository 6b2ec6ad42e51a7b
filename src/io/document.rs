//! The compiled document: the first half of a plan, run for every year and written down, so
//! that the second half (re-weight, aggregate, rank, gaps, contributions, catch-up) runs
//! without the data's files, the spec's methods or the code that reads them.
//!
//! A portal page fixes its data and its method; a reader only moves weights and years. So
//! `yardstick export --widget` compiles the index once ([`Document::compile`]) and the widget's
//! small browser package loads the result ([`Document::load`]), running the *same*
//! [`Plan::aggregate_into`](crate::Plan::aggregate_into) code as the native engine on the
//! recorded indicator values. The results are bit for bit those of a native run: the values
//! are written with shortest round-trip formatting and data-driven weights (entropy, PCA, …)
//! are recorded per year exactly as the native run used them.
//!
//! The format is described by `www/schema/document.schema.json`, generated from these types
//! ([`json_schema`]) and checked against them by the tests. A document names its format and
//! version; [`Document::from_json`] rejects any other with a message saying what to do.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::analysis::progress::{Assessment, Progress};
use crate::error::{Error, ErrorKind, Place, Result};
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::{Direction, Indicator, IndicatorCode, NodeKind, Weight};
use crate::model::unit::{Unit, UnitCode};
use crate::pipeline::aggregate::Aggregation;
use crate::pipeline::plan::{Plan, Variation, Workspace};
use crate::pipeline::rank::Ranking;
use crate::pipeline::results::Results;

/// The value of every document's `format` field.
pub const FORMAT: &str = "yardstick-document";

/// The version this release writes and reads. A change of the layout or of the meaning of a
/// field raises it; a document of another version is rejected, never half read.
pub const VERSION: u32 = 1;

/// A compiled index: what the second half of a plan needs, for every year of the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Yardstick compiled document")]
pub struct Document {
    /// The schema of this file, for editors; ignored when reading.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `"yardstick-document"` ([`FORMAT`]; a test checks the schema's constant).
    #[schemars(extend("const" = "yardstick-document"))]
    pub format: String,
    /// The layout's version; this release reads and writes [`VERSION`].
    #[schemars(extend("const" = 1))]
    pub version: u32,
    /// The units in data order: every per-unit array follows it. Reference rows (`kind:
    /// "aggregate"`, such as a national average) are never ranked.
    pub units: Vec<Unit>,
    /// The tree in framework (iMeta) order: every per-node array follows it.
    pub nodes: Vec<DocumentNode>,
    /// How every column is ranked: ties, rounding, groups, which columns.
    pub rank: Ranking,
    /// Minimum share of a node's children (by count) that must be present for a value.
    pub min_share: f64,
    /// The first half's methods, by name, for display: the plan's defaults.
    pub method: Method,
    /// One entry per period of the data, in ascending order.
    pub years: Vec<DocumentYear>,
    /// Progress toward targets, computed natively from the raw data
    /// (`yardstick export --widget --targets`), for a page to show as it is: the second half
    /// does not use it, so a document is read over it (and the browser's kernel carries no
    /// reader for it: the widget reads the section from the JSON itself). Written by
    /// [`Document::to_json_with_progress`], read by [`DocumentProgress::from_document_json`].
    #[serde(
        default,
        skip_serializing_if = "SectionKey::holds_nothing",
        deserialize_with = "skip_section"
    )]
    #[schemars(with = "Option<DocumentProgress>")]
    progress: SectionKey,
}

/// The `progress` key of a document, read over: it holds nothing, so that the kernel, which
/// only replays the second half, neither reads nor drops a progress section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct SectionKey;

impl SectionKey {
    /// Always: the key is written with its section ([`Document::to_json_with_progress`]).
    fn holds_nothing(&self) -> bool {
        true
    }
}

impl Serialize for SectionKey {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }
}

/// Every unit's progress toward its targets, as `yardstick progress` computes it
/// ([`crate::analysis::progress::progress`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentProgress {
    /// The assessment window where a target names no baseline year: first and last year.
    pub window: (i32, i32),
    /// One row per unit and node assessed (every indicator, and each aggregate with a
    /// target), by node in framework order, then by unit in data order.
    pub rows: Vec<DocumentAssessment>,
}

/// One unit's assessment on one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentAssessment {
    /// The unit's code.
    pub unit: UnitCode,
    /// The node's code.
    pub node: IndicatorCode,
    /// The target's baseline year, which started this row's window, if it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i32>,
    /// The assessment: class (`significant_progress`, …), rates, projections.
    pub assessment: Assessment,
}

impl DocumentProgress {
    /// The progress section of a compiled document's JSON text, if it has one.
    ///
    /// # Errors
    /// Text that is not JSON, or a section that does not fit the format.
    pub fn from_document_json(text: &str) -> Result<Option<DocumentProgress>> {
        let section: ProgressSection = crate::pipeline::spec::parse_json(text)?;
        Ok(section.progress)
    }

    /// `progress` with codes in place of positions, for a document.
    pub fn of(progress: &Progress, framework: &Framework, dataset: &Dataset) -> Self {
        DocumentProgress {
            window: progress.window,
            rows: progress
                .rows
                .iter()
                .map(|r| DocumentAssessment {
                    unit: dataset.unit(r.unit).code.clone(),
                    node: framework.node(r.node).code.clone(),
                    baseline_year: r.baseline_year,
                    assessment: r.assessment.clone(),
                })
                .collect(),
        }
    }
}

/// Reads over a section that the second half does not use (`progress`).
fn skip_section<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<SectionKey, D::Error> {
    serde::de::IgnoredAny::deserialize(deserializer).map(|_| SectionKey)
}

/// The progress section alone, for [`DocumentProgress::from_document_json`].
#[derive(Deserialize)]
struct ProgressSection {
    #[serde(default)]
    progress: Option<DocumentProgress>,
}

/// A document with its progress section, for writing.
#[derive(Serialize)]
struct WithProgress<'a> {
    #[serde(flatten)]
    document: &'a Document,
    progress: &'a DocumentProgress,
}

/// A node of the tree with its part in the second half.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentNode {
    /// Node code.
    pub code: IndicatorCode,
    /// Display name.
    pub name: String,
    /// Names in other languages, by language tag (`en`, `zh-CN`).
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Indicator or aggregate.
    pub kind: NodeKind,
    /// Level in the hierarchy (1 = indicators).
    pub level: u32,
    /// The parent's code; none for the root.
    pub parent: Option<IndicatorCode>,
    /// Whether a higher raw value is better.
    pub direction: Direction,
    /// Weight relative to its siblings, as the plan starts with it (iMeta or the spec's
    /// explicit or equal weights): finite and ≥ 0.
    pub weight: Weight,
    /// Unit of measure of an indicator's raw values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_of_measure: Option<String>,
    /// Target value from iMeta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// How an aggregate combines its children; none for indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation>,
    /// True when the children's weights are derived from the data (entropy, PCA, …): they are
    /// in each year's `derived_weights`, and a reader's weights do not replace them.
    #[serde(default)]
    pub derived_weights: bool,
}

/// The first half's methods by name (the plan's defaults; per-indicator overrides are not
/// listed), for a page to say how the index was built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Imputation (`none`, `group_mean`, …).
    pub impute: String,
    /// Outlier treatment (`none`, `winsorise`, …).
    pub treat: String,
    /// Normalisation (`min_max`, `z_score`, `none`, …).
    pub normalise: String,
    /// Weighting (`meta`, `equal`, `entropy`, …).
    pub weights: String,
    /// Aggregation (`amean`, `gmean`, …).
    pub aggregate: String,
}

/// One period's first half: the values the second half starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentYear {
    /// The year; null for data without a time column.
    pub year: Option<i32>,
    /// Normalised values: one array per indicator (the indicators of `nodes`, in that order),
    /// one cell per unit; null = missing.
    pub values: Vec<Vec<Option<f64>>>,
    /// The indicators' values after denominating, imputing and treating, before normalising:
    /// what a gap "in raw units" compares. Same layout as `values`.
    pub raw: Vec<Vec<Option<f64>>>,
    /// Every node's weight before the siblings are rescaled, as this year's run used it; the
    /// children of nodes with `derived_weights` take theirs from here. Omitted when no node
    /// derives weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_weights: Option<Vec<f64>>,
    /// Units screened out this year (too little data): they keep their row, with no values.
    #[serde(default)]
    pub dropped: Vec<UnitCode>,
}

/// The JSON Schema of [`Document`], as pretty JSON with a final newline: the contents of
/// `www/schema/document.schema.json`.
pub fn json_schema() -> String {
    crate::pipeline::spec::schema_text::<Document>()
}

impl Document {
    /// Runs the first half of `plan` on every period of `dataset` and records it.
    ///
    /// # Errors
    /// Any error of a run, in any year: the widget's year slider reaches each one, so a year
    /// that cannot be computed would break the page. Data-driven weights of a node whose
    /// children are aggregates: they depend on the weights below it, which a reader changes,
    /// and the document can only record them for the weights it was compiled with.
    pub fn compile(plan: &Plan, dataset: &Dataset) -> Result<Document> {
        let fw = plan.framework();
        let spec = plan.spec();
        for n in fw.aggregates().filter(|&n| plan.derived()[n.index()]) {
            if fw
                .children(n)
                .iter()
                .any(|&c| fw.node(c).kind == NodeKind::Aggregate)
            {
                return Err(Error::spec(
                    Place::of_indicator(fw.node(n).code.as_str()),
                    "data-driven weights on a node with aggregate children: in a compiled \
                     document they cannot follow a reader's weights below the node; derive them \
                     from indicators, or give explicit weights (e.g. those yardstick compute reports)",
                ));
            }
        }
        let indicators: Vec<NodeId> = fw.indicators().collect();
        let derives = plan.derived().iter().any(|&d| d);
        let mut ws = Workspace::default();
        let mut out = Results::default();
        let mut years = Vec::with_capacity(dataset.periods().len());
        for period in dataset.period_ids() {
            let year = dataset.year(period);
            plan.first_half_into(dataset, period, &mut ws, &mut out)?;
            let mut derived = derives.then(|| plan.weights().to_vec());
            plan.aggregate_with(dataset, &mut ws, &mut out, &Variation::default(), |d| {
                let node = d.node;
                plan.data_weights(
                    dataset,
                    node,
                    d.treated,
                    d.values,
                    d.in_bounds,
                    &mut *d.weights,
                )?;
                if let Some(derived) = derived.as_mut() {
                    for &c in fw.children(node) {
                        derived[c.index()] = d.weights[c.index()];
                    }
                }
                Ok(())
            })?;
            let dropped = out
                .report
                .dropped_units
                .iter()
                .map(|&u| dataset.unit(u).code.clone())
                .collect();
            years.push(DocumentYear {
                year,
                values: indicators.iter().map(|&i| out.values(i).to_vec()).collect(),
                raw: indicators
                    .iter()
                    .map(|&i| out.treated[i.index()].clone())
                    .collect(),
                derived_weights: derived,
                dropped,
            });
        }
        let nodes = fw
            .ids()
            .map(|n| {
                let node = fw.node(n);
                let aggregate = node.kind == NodeKind::Aggregate;
                DocumentNode {
                    code: node.code.clone(),
                    name: node.name.clone(),
                    names: node.names.clone(),
                    kind: node.kind,
                    level: fw.level(n),
                    parent: node.parent.clone(),
                    direction: node.direction,
                    // The plan's weights were validated as weights when it was compiled.
                    weight: Weight::new(plan.weights()[n.index()]).unwrap_or_default(),
                    unit_of_measure: node.unit_of_measure.clone(),
                    target: node.target,
                    aggregation: aggregate.then(|| plan.aggregation(n).clone()),
                    derived_weights: plan.derived()[n.index()],
                }
            })
            .collect();
        Ok(Document {
            schema: None,
            format: FORMAT.to_owned(),
            version: VERSION,
            units: dataset.units().to_vec(),
            nodes,
            rank: spec.rank.clone(),
            min_share: spec.aggregate.min_share,
            method: Method {
                impute: method_name(&spec.impute),
                treat: method_name(&spec.treat.default),
                normalise: method_name(&spec.normalise.default),
                weights: method_name(&spec.weights.default),
                aggregate: method_name(&spec.aggregate.default),
            },
            years,
            progress: SectionKey,
        })
    }

    /// The document as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        // Plain data with string keys and finite numbers: serialising cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The document and its progress section as pretty JSON with a final newline: what
    /// `yardstick export --widget --targets` writes.
    pub fn to_json_with_progress(&self, progress: &DocumentProgress) -> String {
        let with = WithProgress {
            document: self,
            progress,
        };
        // As `to_json`: plain data, finite numbers.
        let mut text = serde_json::to_string_pretty(&with).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a document from JSON text, checking its format and version first.
    ///
    /// # Errors
    /// Not a compiled document, another version, or a field that does not fit the format.
    pub fn from_json(text: &str) -> Result<Document> {
        let header: Header = crate::pipeline::spec::parse_json(text)?;
        header.check()?;
        crate::pipeline::spec::parse_json(text)
    }

    /// The framework, the dataset's layout (units and years; the values are in the
    /// recorded years), the plan's second half and every year's first half.
    ///
    /// # Errors
    /// Another format or version; a tree that is not one (see [`Framework::new`]); arrays
    /// whose lengths do not match the units, nodes or indicators; an unknown dropped unit.
    pub fn load(self) -> Result<Compiled> {
        Header {
            format: Some(self.format),
            version: Some(self.version),
        }
        .check()?;
        // The second half's per-node parts first, then the nodes move into the framework.
        let any_derived = self.nodes.iter().any(|n| n.derived_weights);
        let mut aggregation = Vec::with_capacity(self.nodes.len());
        let mut derived = Vec::with_capacity(self.nodes.len());
        let mut weights = Vec::with_capacity(self.nodes.len());
        let nodes: Vec<Indicator> = self
            .nodes
            .into_iter()
            .map(|node| {
                aggregation.push(node.aggregation.unwrap_or_default());
                derived.push(node.derived_weights);
                weights.push(node.weight.get());
                Indicator {
                    code: node.code,
                    name: node.name,
                    names: node.names,
                    kind: node.kind,
                    level: Some(node.level),
                    parent: node.parent,
                    direction: node.direction,
                    weight: node.weight,
                    unit_of_measure: node.unit_of_measure,
                    target: node.target,
                    target_year: None,
                    denominator: None,
                    goalposts: None,
                }
            })
            .collect();
        let framework = Framework::new(nodes)?;
        let periods: Vec<Option<i32>> = self.years.iter().map(|y| y.year).collect();
        let dataset = Dataset::new(self.units, periods, Vec::new(), Vec::new())?;
        let (n_nodes, n_units) = (framework.len(), dataset.n_units());
        let n_indicators = framework.indicators().count();
        let mut years = Vec::with_capacity(self.years.len());
        for y in self.years {
            let place = || Place::file("document").year(y.year);
            for (what, columns) in [("values", &y.values), ("raw", &y.raw)] {
                if columns.len() != n_indicators {
                    return Err(Error::structure(
                        place().column(what),
                        format!(
                            "one array per indicator ({n_indicators}), found {}",
                            columns.len()
                        ),
                    ));
                }
                for (column, i) in columns.iter().zip(framework.indicators()) {
                    let code = framework.node(i).code.as_str();
                    if column.len() != n_units {
                        return Err(Error::structure(
                            place().column(what).indicator(code),
                            format!("one cell per unit ({n_units}), found {}", column.len()),
                        ));
                    }
                }
            }
            if let Some(w) = &y.derived_weights {
                if w.len() != n_nodes || w.iter().any(|w| Weight::new(*w).is_err()) {
                    return Err(Error::structure(
                        place().column("derived_weights"),
                        format!("one finite weight ≥ 0 per node ({n_nodes})"),
                    ));
                }
            }
            if y.derived_weights.is_none() && any_derived {
                return Err(Error::structure(
                    place().column("derived_weights"),
                    "the weights of the nodes marked derived_weights",
                ));
            }
            let dropped = y
                .dropped
                .iter()
                .map(|code| {
                    dataset.unit_index(code.as_str()).ok_or_else(|| {
                        Error::value(
                            place().column("dropped"),
                            "a unit code of the document",
                            code.as_str(),
                        )
                    })
                })
                .collect::<Result<Vec<UnitId>>>()?;
            years.push(RecordedYear {
                values: y.values,
                raw: y.raw,
                derived_weights: y.derived_weights,
                dropped,
            });
        }
        let plan = Plan::second_half(
            &framework,
            &dataset,
            aggregation,
            derived,
            weights,
            self.rank,
            self.min_share,
        )?;
        Ok(Compiled {
            framework,
            dataset,
            plan,
            recorded: Recorded { years },
        })
    }
}

/// A loaded document: everything the second half runs on.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The tree.
    pub framework: Framework,
    /// The units and years (no variables: the values are recorded per year).
    pub dataset: Dataset,
    /// The plan's second half: aggregation, weights, ranking. Its weights can be changed
    /// ([`Plan::set_weight`]) as a reader moves the sliders.
    pub plan: Plan,
    /// Every year's first half.
    pub recorded: Recorded,
}

/// Every year's first half, as a document recorded it.
#[derive(Debug, Clone)]
pub struct Recorded {
    years: Vec<RecordedYear>,
}

#[derive(Debug, Clone)]
struct RecordedYear {
    values: Vec<Vec<Option<f64>>>,
    raw: Vec<Vec<Option<f64>>>,
    derived_weights: Option<Vec<f64>>,
    dropped: Vec<UnitId>,
}

impl Recorded {
    /// A whole run of `period` on the plan's current weights: the recorded first half, then
    /// [`Recorded::aggregate_into`]. The same results as [`Plan::run_into`] on the data the
    /// document was compiled from, bit for bit.
    ///
    /// # Errors
    /// A period the document does not have; as [`Plan::aggregate_into`].
    pub fn run_into(
        &self,
        plan: &Plan,
        dataset: &Dataset,
        period: PeriodId,
        ws: &mut Workspace,
        out: &mut Results,
    ) -> Result<()> {
        let Some(recorded) = self.years.get(period.index()) else {
            return Err(Error::structure(
                Place::default().column("Time"),
                format!(
                    "a period index below {}, found {}",
                    self.years.len(),
                    period.index()
                ),
            ));
        };
        let fw = plan.framework();
        out.year = dataset.year(period);
        out.root = fw.root();
        out.report = Default::default();
        out.report.dropped_units.clone_from(&recorded.dropped);
        for columns in [&mut out.values, &mut out.ranks, &mut out.treated] {
            columns.resize_with(fw.len(), Vec::new);
        }
        for (k, i) in fw.indicators().enumerate() {
            out.values[i.index()].clone_from(&recorded.values[k]);
            out.treated[i.index()].clone_from(&recorded.raw[k]);
        }
        plan.recorded_bounds(&recorded.dropped, ws);
        plan.flag_implausible(&out.treated, &ws.in_bounds, &mut out.report);
        self.aggregate_year(plan, dataset, period, ws, out, &Variation::default())
    }

    /// The second half again on the values `out` holds from [`Recorded::run_into`] for the
    /// same period: [`Plan::aggregate_into`] with the recorded data-driven weights.
    ///
    /// # Errors
    /// As [`Plan::aggregate_into`].
    pub fn aggregate_into(
        &self,
        plan: &Plan,
        dataset: &Dataset,
        ws: &mut Workspace,
        out: &mut Results,
        variation: &Variation<'_>,
    ) -> Result<()> {
        let period = dataset
            .period_ids()
            .find(|&p| dataset.year(p) == out.year)
            .unwrap_or_default();
        self.aggregate_year(plan, dataset, period, ws, out, variation)
    }

    /// A whole run of `period` into new results.
    ///
    /// # Errors
    /// As [`Recorded::run_into`].
    pub fn run(&self, plan: &Plan, dataset: &Dataset, period: PeriodId) -> Result<Results> {
        let mut results = Results::default();
        self.run_into(
            plan,
            dataset,
            period,
            &mut Workspace::default(),
            &mut results,
        )?;
        Ok(results)
    }

    fn aggregate_year(
        &self,
        plan: &Plan,
        dataset: &Dataset,
        period: PeriodId,
        ws: &mut Workspace,
        out: &mut Results,
        variation: &Variation<'_>,
    ) -> Result<()> {
        let recorded = self
            .years
            .get(period.index())
            .and_then(|y| y.derived_weights.as_deref());
        let fw = plan.framework();
        plan.aggregate_with(dataset, ws, out, variation, |d| {
            // Load checked that a document with derived weights has them in every year.
            if let Some(recorded) = recorded {
                for &c in fw.children(d.node) {
                    d.weights[c.index()] = recorded[c.index()];
                }
            }
            Ok(())
        })
    }
}

/// The first fields of a document, read before the rest so that another format or version
/// is named as such rather than as a field that does not fit.
#[derive(Debug, Deserialize)]
pub struct Header {
    /// `"yardstick-document"` for a compiled document.
    pub format: Option<String>,
    /// Its version.
    pub version: Option<u32>,
}

impl Header {
    /// Checks that the header is this release's format and version.
    ///
    /// # Errors
    /// Another format, another version, or no format field, each with what to do.
    pub fn check(&self) -> Result<()> {
        let place = || Place::file("document").column("format");
        match (self.format.as_deref(), self.version) {
            (Some(FORMAT), Some(VERSION)) => Ok(()),
            (Some(FORMAT), found) => Err(Error::new(
                ErrorKind::DocumentVersion {
                    found,
                    expected: VERSION,
                },
                Place::file("document").column("version"),
            )),
            (Some(other), _) => Err(Error::structure(
                place(),
                format!("a compiled document (format \"{FORMAT}\"), found format \"{other}\""),
            )),
            (None, _) => Err(Error::structure(
                place(),
                format!(
                    "a compiled document (format \"{FORMAT}\", written by yardstick export \
                     --widget); this JSON has no format field"
                ),
            )),
        }
    }
}

/// The `method` name of a spec step's method object (`min_max`, `amean`, …).
fn method_name<T: Serialize>(method: &T) -> String {
    serde_json::to_value(method)
        .ok()
        .and_then(|v| v.get("method")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}
