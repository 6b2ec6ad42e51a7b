//! The compiled document: a run from the recorded first half gives the native run's bits, on
//! every year, before and after re-weighting; the format is checked and described by its
//! schema.

use std::path::Path;

use yardstick::io::document::{self, Document, Header};
use yardstick::{
    io, io::default_data, BuildSpec, Dataset, Plan, Rerank, Results, Variation, Weight,
};

use crate::shared::asem;

/// Every value, rank, raw value and weight of two runs, compared by bit pattern.
fn assert_same_bits(native: &Results, replayed: &Results, what: &str) {
    assert_eq!(native.year, replayed.year, "{what}: year");
    for (name, a, b) in [
        ("values", &native.values, &replayed.values),
        ("ranks", &native.ranks, &replayed.ranks),
        ("treated", &native.treated, &replayed.treated),
    ] {
        let bits = |c: &Vec<Vec<Option<f64>>>| -> Vec<Vec<Option<u64>>> {
            c.iter()
                .map(|col| col.iter().map(|x| x.map(f64::to_bits)).collect())
                .collect()
        };
        assert_eq!(bits(a), bits(b), "{what}: {name}");
    }
    let weights = |r: &Results| r.weights.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
    assert_eq!(weights(native), weights(replayed), "{what}: weights");
    assert_eq!(
        native.report.dropped_units, replayed.report.dropped_units,
        "{what}: dropped units"
    );
    assert_eq!(
        native.report.below_min_share, replayed.report.below_min_share,
        "{what}: below min_share"
    );
}

/// Compiles `spec` on the data, writes the document as JSON, reads it back and checks every
/// year, then a re-weighting of every node, against the native plan.
fn check_round_trip(meta: &io::Meta, data: &Dataset, spec: &str, what: &str) {
    let spec = BuildSpec::from_json(spec).unwrap();
    let mut native = Plan::compile(&meta.framework, data, &spec).unwrap();
    let json = Document::compile(&native, data).unwrap().to_json();
    let mut compiled = Document::from_json(&json).unwrap().load().unwrap();
    assert_eq!(compiled.dataset.units(), data.units(), "{what}: units");
    assert_eq!(compiled.dataset.periods(), data.periods(), "{what}: years");
    for period in data.period_ids() {
        let replayed = compiled
            .recorded
            .run(&compiled.plan, &compiled.dataset, period)
            .unwrap();
        let expected = native.run(data, period).unwrap();
        assert_same_bits(&expected, &replayed, &format!("{what}, {period}"));
    }
    // A reader moves every slider: new weights, the second half only, as the widget runs it.
    let period = data.last_period();
    let mut ws = yardstick::Workspace::default();
    let mut replayed = Results::default();
    compiled
        .recorded
        .run_into(
            &compiled.plan,
            &compiled.dataset,
            period,
            &mut ws,
            &mut replayed,
        )
        .unwrap();
    for node in native.framework().ids() {
        let w = Weight::new(1.0 + (node.index() % 4) as f64 * 0.75).unwrap();
        native.set_weight(node, w);
        compiled.plan.set_weight(node, w);
    }
    let again = Variation {
        ranks: Rerank::Aggregates,
        ..Variation::default()
    };
    compiled
        .recorded
        .aggregate_into(
            &compiled.plan,
            &compiled.dataset,
            &mut ws,
            &mut replayed,
            &again,
        )
        .unwrap();
    let expected = native.run(data, period).unwrap();
    assert_same_bits(&expected, &replayed, &format!("{what}, re-weighted"));
}

#[test]
fn asem_replays_bit_for_bit() {
    let (meta, data) = asem();
    check_round_trip(&meta, &data, "{}", "ASEM, COINr's default build");
}

#[test]
fn asem_with_data_driven_weights_screening_and_groups_replays_bit_for_bit() {
    let (meta, data) = asem();
    let spec = r#"{
        "impute": {"method": "group_mean", "group": "GDP_group"},
        "screen": {"min_share": 0.9},
        "treat": {"default": {"method": "winsorise"}},
        "weights": {"nodes": {"ConEcFin": {"method": "entropy"}, "Political": {"method": "pca"}}},
        "aggregate": {"levels": {"2": {"method": "gmean", "shift": 1}}, "min_share": 0.5},
        "rank": {"ties": "dense", "round": 1, "within": "GDP_group"}
    }"#;
    check_round_trip(&meta, &data, spec, "ASEM, a demanding build");
}

#[test]
fn data_driven_weights_above_aggregates_are_refused_with_the_node_named() {
    let (meta, data) = asem();
    let spec =
        BuildSpec::from_json(r#"{"weights": {"nodes": {"Conn": {"method": "pca"}}}}"#).unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    let e = Document::compile(&plan, &data).unwrap_err().to_string();
    assert!(
        e.contains("Conn") && e.contains("aggregate children"),
        "{e}"
    );
}

#[test]
fn seed_replays_bit_for_bit() {
    let (meta, data) = default_data::dedi().unwrap();
    let spec = r#"{"normalise": {"default": {"method": "none"}}}"#;
    check_round_trip(&meta, &data, spec, "the seed data");
}

/// The 31-province example: its iMeta, its panel and its build spec (JSON).
fn provinces() -> (io::Meta, Dataset, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/provinces");
    let (meta, data) =
        io::read_coin_files(&root.join("iData.csv"), &root.join("iMeta.csv")).unwrap();
    let spec = std::fs::read_to_string(root.join("build.json")).unwrap();
    (meta, data, spec)
}

#[test]
fn the_31_province_panel_replays_bit_for_bit_in_every_year() {
    let (meta, data, spec) = provinces();
    assert!(data.periods().len() > 10, "a panel of many years");
    check_round_trip(&meta, &data, &spec, "31 provinces");
}

/// On a panel a consuming run copies each year's slice (the other years stay for imputation
/// from history) and gives a run's values in every year.
#[test]
fn a_consuming_run_on_the_panel_gives_the_values_of_a_run_in_every_year() {
    let (meta, data, spec) = provinces();
    let spec = BuildSpec::from_json(&spec).unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    for p in 0..data.periods().len() {
        let period = yardstick::PeriodId::new(p);
        let full = plan.run(&data, period).unwrap();
        let lean = plan.run_consuming(&mut data.clone(), period).unwrap();
        assert_eq!(lean.values, full.values, "period {p}");
        assert_eq!(lean.report.imputed, full.report.imputed, "period {p}");
    }
}

#[test]
fn another_version_or_format_is_named_with_what_to_do() {
    let (meta, data) = default_data::dedi().unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let json = Document::compile(&plan, &data).unwrap().to_json();
    let newer = json.replacen("\"version\": 1", "\"version\": 2", 1);
    let e = Document::from_json(&newer).unwrap_err().to_string();
    assert!(
        e.contains("version 1, found version 2") && e.contains("yardstick export --widget"),
        "{e}"
    );
    let foreign = r#"{"data": "uCode,x\nA,1\n", "meta": "iCode\n", "spec": {}}"#;
    let e = Document::from_json(foreign).unwrap_err().to_string();
    assert!(e.contains("has no format field"), "{e}");
    let other = json.replacen(document::FORMAT, "geojson", 1);
    let e = Document::from_json(&other).unwrap_err().to_string();
    assert!(e.contains("found format \"geojson\""), "{e}");
    let header = Header {
        format: Some(document::FORMAT.into()),
        version: Some(document::VERSION),
    };
    assert!(header.check().is_ok());
}

#[test]
fn arrays_that_do_not_fit_the_units_or_indicators_are_errors_with_a_place() {
    let (meta, data) = default_data::dedi().unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let mut doc = Document::compile(&plan, &data).unwrap();
    doc.years[0].values[0].pop();
    let e = doc.load().unwrap_err().to_string();
    assert!(e.contains("one cell per unit"), "{e}");
    assert!(e.contains("values"), "{e}");
}

/// A document's progress section: written by the CLI's export with targets, read back by
/// `DocumentProgress::from_document_json`, and read over by the document's own reader (the
/// browser kernel's path), which must still accept the key.
#[test]
fn the_progress_section_round_trips_and_the_second_half_skips_it() {
    use yardstick::analysis::progress::{progress, Class};
    use yardstick::io::document::DocumentProgress;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (meta, data) = io::read_coin_files(
        &root.join("examples/provinces/iData.csv"),
        &root.join("examples/provinces/iMeta.csv"),
    )
    .unwrap();
    let targets = io::read_targets(
        &std::fs::read(root.join("examples/provinces/targets.csv")).unwrap(),
        "targets.csv",
        &meta.framework,
        &data,
    )
    .unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let assessed = progress(&plan, &data, &targets, None, |p| plan.run(&data, p)).unwrap();
    let document = Document::compile(&plan, &data).unwrap();
    let section = DocumentProgress::of(&assessed, &meta.framework, &data);
    let json = document.to_json_with_progress(&section);
    assert_eq!(
        Document::from_json(&json).unwrap(),
        document,
        "the document reads over the section"
    );
    let read = DocumentProgress::from_document_json(&json)
        .unwrap()
        .unwrap();
    assert_eq!(read, section, "the section reads back");
    assert_eq!(read.rows.len(), 31 * 4);
    let gx = read
        .rows
        .iter()
        .find(|r| r.unit.as_str() == "CN-GX" && r.node.as_str() == "patents_granted")
        .unwrap();
    assert_eq!(gx.assessment.class, Class::MovingAway);
    assert_eq!(
        DocumentProgress::from_document_json(&document.to_json()).unwrap(),
        None
    );
    // The section comes after the document's own fields, which keep their bytes.
    let own = document.to_json();
    let head = own.trim_end().strip_suffix('}').unwrap().trim_end();
    assert!(json.starts_with(head));
    let derived: Document = serde_json::from_str(&json).unwrap();
    assert!(derived.load().is_ok());
}
