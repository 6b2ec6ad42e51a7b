//! The native side of the bit-for-bit check: the core itself, without the bindings, must give
//! the digests that the browser test checks (`tests/browser.rs`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Digest;
use yardstick::{io, io::default_data, BuildSpec, Plan};

fn digest(data: &str, meta: &str, spec: &str) -> u64 {
    let (meta, data) =
        io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv").unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::from_json(spec).unwrap()).unwrap();
    let results = plan.run(&data, data.last_period()).unwrap();
    let mut digest = Digest::default();
    for column in results.values.iter().chain(&results.ranks) {
        column.iter().for_each(|&x| digest.cell(x));
    }
    digest.value()
}

#[test]
fn asem_native_digest_is_the_one_the_browser_checks() {
    let got = digest(common::ASEM_DATA, common::ASEM_META, common::ASEM_SPEC);
    assert_eq!(
        got,
        common::ASEM_DIGEST,
        "native ASEM digest is {got:#018x}"
    );
}

#[test]
fn seed_native_digest_is_the_one_the_browser_checks() {
    let got = digest(
        default_data::DEDI_DATA,
        default_data::DEDI_META,
        common::SEED_SPEC,
    );
    assert_eq!(
        got,
        common::SEED_DIGEST,
        "native seed digest is {got:#018x}"
    );
}

#[test]
fn uncertainty_native_digest_is_the_one_the_browser_checks() {
    let got = common::uncertainty_digest();
    assert_eq!(
        got,
        common::UNCERTAINTY_DIGEST,
        "native uncertainty digest is {got:#018x}"
    );
}

fn load(data: &str, meta: &str, spec: &str) -> (yardstick::Dataset, Plan) {
    let (meta, data) =
        io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv").unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::from_json(spec).unwrap()).unwrap();
    (data, plan)
}

fn add_run(digest: &mut Digest, results: &yardstick::Results) {
    for column in results.values.iter().chain(&results.ranks) {
        column.iter().for_each(|&x| digest.cell(x));
    }
}

#[test]
fn provinces_native_digest_over_every_year_is_the_one_the_browser_checks() {
    let (data, plan) = load(
        common::PROVINCES_DATA,
        common::PROVINCES_META,
        common::PROVINCES_SPEC,
    );
    let mut digest = Digest::default();
    for period in data.period_ids() {
        add_run(&mut digest, &plan.run(&data, period).unwrap());
    }
    let got = digest.value();
    assert_eq!(
        got,
        common::PROVINCES_DIGEST,
        "native provinces digest is {got:#018x}"
    );
}

#[test]
fn reweighted_native_digest_is_the_one_the_browser_checks() {
    let (data, mut plan) = load(common::ASEM_DATA, common::ASEM_META, common::ASEM_SPEC);
    for node in plan.framework().ids() {
        plan.set_weight(
            node,
            yardstick::Weight::new(common::reweighted(node.index())).unwrap(),
        );
    }
    let mut digest = Digest::default();
    add_run(&mut digest, &plan.run(&data, data.last_period()).unwrap());
    let got = digest.value();
    assert_eq!(
        got,
        common::REWEIGHTED_DIGEST,
        "native re-weighted digest is {got:#018x}"
    );
}

#[test]
fn catch_up_native_digest_is_the_one_the_browser_checks() {
    use yardstick::analysis::catchup::{catch_up_series, years_to_catch_up, Growth, Source};
    use yardstick::analysis::gap::Comparison;
    let (data, plan) = load(
        common::PROVINCES_DATA,
        common::PROVINCES_META,
        common::PROVINCES_SPEC,
    );
    let focus = data.unit_index("CN-GX").unwrap();
    let node = plan.framework().root();
    let series = catch_up_series(
        &data,
        Source::Score { node },
        focus,
        &Comparison::Leader,
        |p| plan.run(&data, p),
    )
    .unwrap();
    let window = series.common_window().unwrap();
    let c = years_to_catch_up(&series.focus, &series.comparison, window, Growth::Cagr).unwrap();
    let mut digest = Digest::default();
    for x in [
        Some(c.focus_growth),
        Some(c.comparison_growth),
        c.years,
        c.year_reached,
    ] {
        digest.cell(x);
    }
    let got = digest.value();
    assert_eq!(
        got,
        common::CATCH_UP_DIGEST,
        "native catch-up digest is {got:#018x}"
    );
}
