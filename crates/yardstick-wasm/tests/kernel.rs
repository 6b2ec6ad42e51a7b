//! Browser tests of the kernel, the widget's default package: compiled documents loaded in
//! headless Chromium (`cargo xtask test`) give the native engine's results on the raw data bit
//! for bit (the digests in `common`, computed natively by `native.rs`), on ASEM, the seed data
//! and every year of the 31-province panel, before and after re-weighting.
#![cfg(target_arch = "wasm32")]

mod common;

use common::Digest;
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yardstick_wasm::{Data, Plan};

wasm_bindgen_test_configure!(run_in_browser);

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap()
}

fn cell(value: JsValue) -> Option<f64> {
    if value.is_null() {
        None
    } else {
        Some(value.as_f64().expect("a number or null"))
    }
}

/// The message of the error a call must fail with.
fn message_of<T>(result: Result<T, JsValue>) -> String {
    let Err(error) = result else {
        panic!("expected an error")
    };
    let error: js_sys::Error = error.dyn_into().expect("a JS Error object");
    error.message().into()
}

/// The `code` property of a thrown error: the core's stable code of its kind.
fn code_of<T>(result: Result<T, JsValue>) -> Option<String> {
    let Err(error) = result else {
        panic!("expected an error")
    };
    js_sys::Reflect::get(&error, &"code".into())
        .ok()?
        .as_string()
}

/// A document as the widget hands it over: the object of `response.json()`.
fn load(document: &str) -> Data {
    Data::from_document(js_sys::JSON::parse(document).unwrap()).unwrap()
}

/// Adds the scores, then the ranks, of the plan's last run (typed arrays, NaN = missing).
fn add_run(digest: &mut Digest, plan: &mut Plan) {
    let n = plan.node_count() * plan.unit_count();
    let scores = Float64Array::new_with_length(n as u32);
    let ranks = Float64Array::new_with_length(n as u32);
    plan.scores_into(&scores).unwrap();
    plan.ranks_into(&ranks).unwrap();
    for array in [scores, ranks] {
        for x in array.to_vec() {
            digest.cell((!x.is_nan()).then_some(x));
        }
    }
}

fn digest_of(plan: &mut Plan) -> u64 {
    let mut digest = Digest::default();
    add_run(&mut digest, plan);
    digest.value()
}

#[wasm_bindgen_test]
fn asem_from_its_document_is_the_native_build_bit_for_bit() {
    let data = load(common::ASEM_DOCUMENT);
    assert_eq!((data.unit_count(), data.node_count()), (51, 60));
    let mut plan = data.plan(None, None).unwrap();
    assert_eq!(digest_of(&mut plan), common::ASEM_DIGEST);
    // Also as JSON text.
    let data = Data::from_document(common::ASEM_DOCUMENT.into()).unwrap();
    assert_eq!(
        digest_of(&mut data.plan(None, None).unwrap()),
        common::ASEM_DIGEST
    );
}

#[wasm_bindgen_test]
fn reweighting_a_document_is_the_native_reweighting_bit_for_bit() {
    let mut plan = load(common::ASEM_DOCUMENT).plan(None, None).unwrap();
    let weights: Vec<f64> = (0..plan.node_count()).map(common::reweighted).collect();
    let n = plan.node_count() * plan.unit_count();
    let (scores, ranks) = (
        Float64Array::new_with_length(n as u32),
        Float64Array::new_with_length(n as u32),
    );
    plan.rerank(&Float64Array::from(&weights[..]), &scores, &ranks)
        .unwrap();
    assert_eq!(digest_of(&mut plan), common::REWEIGHTED_DIGEST);
}

#[wasm_bindgen_test]
fn every_year_of_the_provinces_document_is_the_native_build_bit_for_bit() {
    let data = load(common::PROVINCES_DOCUMENT);
    let years: Array = data.years().unwrap().unchecked_into();
    assert_eq!(years.length(), 13, "2011–2023");
    let mut plan = data.plan(None, None).unwrap();
    let mut digest = Digest::default();
    for year in years.iter() {
        plan.set_year(year.as_f64().map(|y| y as i32)).unwrap();
        plan.run().unwrap();
        add_run(&mut digest, &mut plan);
    }
    assert_eq!(digest.value(), common::PROVINCES_DIGEST);
}

#[wasm_bindgen_test]
fn catch_up_from_the_provinces_document_is_the_native_one_bit_for_bit() {
    let plan = load(common::PROVINCES_DOCUMENT).plan(None, None).unwrap();
    let leader = js_sys::JSON::parse(r#"{"kind": "leader"}"#).unwrap();
    let result = plan.catch_up("CN-GX", leader, None).unwrap();
    let mut digest = Digest::default();
    for key in ["focusGrowth", "comparisonGrowth", "years", "yearReached"] {
        digest.cell(cell(get(&result, key)));
    }
    assert_eq!(digest.value(), common::CATCH_UP_DIGEST);
}

#[wasm_bindgen_test]
fn the_seed_document_gives_guangxis_gaps() {
    let plan = load(common::SEED_DOCUMENT).plan(None, None).unwrap();
    assert_eq!(
        digest_of(&mut load(common::SEED_DOCUMENT).plan(None, None).unwrap()),
        common::SEED_DIGEST
    );
    let leader = js_sys::JSON::parse(r#"{"kind": "leader"}"#).unwrap();
    let gap = plan.gap("CN-GX", leader, None).unwrap();
    assert_eq!(get(&gap, "gap").as_f64(), Some(65.3 - 26.2));
    let national = js_sys::JSON::parse(r#"{"kind": "unit", "unit": "CN"}"#).unwrap();
    let gap = plan.gap("CN-GX", national, None).unwrap();
    assert_eq!(get(&gap, "gap").as_f64(), Some(29.6 - 26.2));
}

#[wasm_bindgen_test]
fn a_gap_table_from_a_document_is_the_native_one() {
    let plan = load(common::ASEM_DOCUMENT).plan(None, None).unwrap();
    let group = r#"{"kind": "group", "units": ["DEU", "FRA", "JPN"]}"#;
    let table = plan
        .gap_table("GBR", js_sys::JSON::parse(group).unwrap())
        .unwrap();
    let (meta, data) = yardstick::io::read_coin(
        common::ASEM_DATA.as_bytes(),
        "iData.csv",
        common::ASEM_META.as_bytes(),
        "iMeta.csv",
    )
    .unwrap();
    let core = yardstick::Plan::compile(&meta.framework, &data, &Default::default()).unwrap();
    let results = core.run(&data, data.last_period()).unwrap();
    let comparison = yardstick::analysis::gap::Comparison::Group {
        units: vec!["DEU".into(), "FRA".into(), "JPN".into()],
        statistic: yardstick::analysis::gap::GroupStatistic::Mean,
    };
    let gbr = data.unit_index("GBR").unwrap();
    let expected =
        yardstick::analysis::gap::gap_table(&core, &data, &results, gbr, &comparison).unwrap();
    let rows: Array = get(&table, "rows").unchecked_into();
    assert_eq!(rows.length() as usize, expected.rows.len());
    for (row, want) in rows.iter().zip(&expected.rows) {
        assert_eq!(get(&row, "code").as_string().as_deref(), Some(&*want.code));
        assert_eq!(cell(get(&row, "gap")), want.gap);
        assert_eq!(cell(get(&row, "gapRaw")), want.gap_raw);
        assert_eq!(
            cell(get(&row, "contributionToIndex")),
            want.contribution_to_index
        );
    }
}

#[wasm_bindgen_test]
fn another_version_a_foreign_file_or_a_spec_is_an_error_saying_what_to_do() {
    let newer = common::SEED_DOCUMENT.replacen("\"version\": 1", "\"version\": 2", 1);
    assert_eq!(
        code_of(Data::from_document(newer.as_str().into())).as_deref(),
        Some("document_version")
    );
    // The kind's fields and the place travel with it, for a page's own message.
    let thrown = Data::from_document(newer.as_str().into()).err().unwrap();
    let field = |object: &str, name: &str| {
        let object = js_sys::Reflect::get(&thrown, &object.into()).unwrap();
        js_sys::Reflect::get(&object, &name.into()).unwrap()
    };
    assert_eq!(field("kind", "found").as_f64(), Some(2.0));
    assert_eq!(field("kind", "expected").as_f64(), Some(1.0));
    assert_eq!(
        field("place", "column").as_string().as_deref(),
        Some("version")
    );
    let message = message_of(Data::from_document(newer.as_str().into()));
    assert!(
        message.contains("version 1, found version 2")
            && message.contains("yardstick export --widget"),
        "{message}"
    );
    let raw = js_sys::JSON::parse(r#"{"data": "uCode\n", "meta": "iCode\n"}"#).unwrap();
    let message = message_of(Data::from_document(raw));
    assert!(message.contains("has no format field"), "{message}");
    let message = message_of(
        load(common::SEED_DOCUMENT).plan(Some(r#"{"rank": {"ties": "dense"}}"#.into()), None),
    );
    assert!(message.contains("takes no build spec"), "{message}");
}
