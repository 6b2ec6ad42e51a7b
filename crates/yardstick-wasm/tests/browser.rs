//! Browser tests of the full package: the bindings in headless Chromium (`cargo xtask test`),
//! checked against the native core bit for bit through the digests in `common`. The kernel's
//! tests (compiled documents) are in `kernel.rs`.
#![cfg(all(target_arch = "wasm32", feature = "full"))]

mod common;

use common::Digest;
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
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

/// Digest of the plain-object result (`plan.result()`).
fn object_digest(result: &JsValue) -> u64 {
    let nodes: Array = get(result, "nodes").unchecked_into();
    let mut digest = Digest::default();
    for key in ["scores", "ranks"] {
        for node in nodes.iter() {
            let cells: Array = get(&node, key).unchecked_into();
            cells.iter().for_each(|x| digest.cell(cell(x)));
        }
    }
    digest.value()
}

/// Digest of the typed-array path (`scoresInto`, `ranksInto`), where NaN marks missing.
fn typed_digest(plan: &mut Plan) -> u64 {
    let n = plan.node_count() * plan.unit_count();
    let scores = Float64Array::new_with_length(n as u32);
    let ranks = Float64Array::new_with_length(n as u32);
    plan.scores_into(&scores).unwrap();
    plan.ranks_into(&ranks).unwrap();
    let mut digest = Digest::default();
    for array in [scores, ranks] {
        for x in array.to_vec() {
            digest.cell((!x.is_nan()).then_some(x));
        }
    }
    digest.value()
}

fn asem() -> Data {
    Data::from_csv(common::ASEM_DATA, common::ASEM_META, None, None).unwrap()
}

#[wasm_bindgen_test]
fn asem_in_the_browser_is_bit_identical_to_native() {
    let data = asem();
    assert_eq!((data.unit_count(), data.node_count()), (51, 60));
    let result = data.compute(Some(common::ASEM_SPEC.into()), None).unwrap();
    assert_eq!(object_digest(&result), common::ASEM_DIGEST);
    let mut plan = data.plan(Some(common::ASEM_SPEC.into()), None).unwrap();
    assert_eq!(typed_digest(&mut plan), common::ASEM_DIGEST);
}

#[wasm_bindgen_test]
fn seed_in_the_browser_is_bit_identical_to_native() {
    let data = Data::default_data().unwrap();
    let result = data.compute(Some(common::SEED_SPEC.into()), None).unwrap();
    assert_eq!(object_digest(&result), common::SEED_DIGEST);
    assert_eq!(get(&result, "year").as_f64(), Some(2020.0));
}

/// The seeded uncertainty analysis (generator, sampling, pipeline) gives the same bits in
/// the browser as natively: the core runs here compiled to wasm32.
#[wasm_bindgen_test]
fn uncertainty_in_the_browser_is_bit_identical_to_native() {
    assert_eq!(common::uncertainty_digest(), common::UNCERTAINTY_DIGEST);
}

/// `Data.uncertainty` gives the statistics of the core's engine bit for bit (the digest the
/// native test checks).
#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn uncertainty_through_the_binding_is_bit_identical_to_native() {
    let spec = js_sys::JSON::parse(common::UNCERTAINTY_SPEC).unwrap();
    let options = js_sys::JSON::parse(&format!(
        r#"{{"runs": {}, "seed": {}, "top": 10}}"#,
        common::UNCERTAINTY_RUNS,
        common::UNCERTAINTY_SEED
    ))
    .unwrap();
    let result = asem().uncertainty(spec, Some(options)).unwrap();
    let units: Array = get(&result, "units").unchecked_into();
    let mut digest = Digest::default();
    for unit in units.iter() {
        for key in [
            "nominal",
            "median",
            "p05",
            "p95",
            "meanScore",
            "sdScore",
            "topProbability",
            "meanAbsShift",
        ] {
            digest.cell(cell(get(&unit, key)));
        }
    }
    assert_eq!(digest.value(), common::UNCERTAINTY_DIGEST);
    assert_eq!(
        get(&result, "runs").as_f64(),
        Some(common::UNCERTAINTY_RUNS as f64)
    );
    let bad = js_sys::JSON::parse(r#"{"runs": 10, "sed": 1}"#).unwrap();
    let error: js_sys::Error = asem()
        .uncertainty(JsValue::from(js_sys::Object::new()), Some(bad))
        .unwrap_err()
        .dyn_into()
        .unwrap();
    let message: String = error.message().into();
    assert!(message.contains("unknown field `sed`"), "{message}");
}

#[wasm_bindgen_test]
fn spec_as_an_object_equals_spec_as_text() {
    let data = Data::default_data().unwrap();
    let spec = js_sys::JSON::parse(common::SEED_SPEC).unwrap();
    let result = data.compute(Some(spec), None).unwrap();
    assert_eq!(object_digest(&result), common::SEED_DIGEST);
}

fn message_of(error: JsValue) -> String {
    let error: js_sys::Error = error.dyn_into().expect("a JS Error object");
    error.message().into()
}

/// Specs are read from the JS value itself, as objects or text, with the JSON reader's checks:
/// a misspelt key is named, levels are keyed by text.
#[wasm_bindgen_test]
fn spec_objects_and_text_are_checked_like_json() {
    let data = asem();
    for spec in [
        JsValue::from(r#"{"normalize": {}}"#),
        js_sys::JSON::parse(r#"{"normalize": {}}"#).unwrap(),
    ] {
        let message = message_of(data.compute(Some(spec), None).unwrap_err());
        assert!(
            message.starts_with("build spec: unknown field `normalize`, expected one of"),
            "{message}"
        );
    }
    let message = message_of(
        data.compute(
            Some(r#"{"aggregate": {"default": {"method": "power"}}}"#.into()),
            None,
        )
        .unwrap_err(),
    );
    assert_eq!(message, "build spec: missing field `p`");
    let message = message_of(data.compute(Some("{".into()), None).unwrap_err());
    assert!(message.starts_with("build spec: "), "{message}");

    let levels = r#"{"aggregate": {"levels": {"2": {"method": "gmean", "shift": 1}}}}"#;
    let text = data.compute(Some(levels.into()), None).unwrap();
    let object = data
        .compute(Some(js_sys::JSON::parse(levels).unwrap()), None)
        .unwrap();
    let plain = data.compute(None, None).unwrap();
    assert_eq!(object_digest(&text), object_digest(&object));
    assert_ne!(object_digest(&text), object_digest(&plain));
}

#[wasm_bindgen_test]
fn gap_of_guangxi_to_the_leader_and_the_national_average() {
    let plan = Data::default_data()
        .unwrap()
        .plan(Some(common::SEED_SPEC.into()), None)
        .unwrap();
    let leader = js_sys::JSON::parse(r#"{"kind": "leader"}"#).unwrap();
    let gap = plan.gap("CN-GX", leader, None).unwrap();
    assert_eq!(get(&gap, "focus").as_f64(), Some(26.2));
    assert_eq!(get(&gap, "comparison").as_f64(), Some(65.3));
    assert_eq!(get(&gap, "gap").as_f64(), Some(65.3 - 26.2));
    let national = js_sys::JSON::parse(r#"{"kind": "unit", "unit": "CN"}"#).unwrap();
    let gap = plan.gap("CN-GX", national, Some("DEDI".into())).unwrap();
    assert_eq!(get(&gap, "gap").as_f64(), Some(29.6 - 26.2));
    let group = js_sys::JSON::parse(
        r#"{"kind": "group", "units": ["CN-ZJ", "CN-FJ"], "statistic": "best"}"#,
    )
    .unwrap();
    let gap = plan.gap("CN-GX", group, None).unwrap();
    assert_eq!(get(&gap, "comparison").as_f64(), Some(51.5));
    let message = message_of(
        plan.gap(
            "CN-GX",
            js_sys::JSON::parse(r#"{"kind": "unit"}"#).unwrap(),
            None,
        )
        .unwrap_err(),
    );
    assert_eq!(message, "Comparison: missing field `unit`");
    let unknown = js_sys::JSON::parse(r#"{"kind": "unit", "unit": "CN-XX"}"#).unwrap();
    let error: js_sys::Error = plan
        .gap("CN-GX", unknown, None)
        .unwrap_err()
        .dyn_into()
        .unwrap();
    let message: String = error.message().into();
    assert!(message.contains("CN-XX"), "{message}");
}

#[wasm_bindgen_test]
fn gap_table_rows_are_the_cores_with_their_contributions() {
    let plan = asem().plan(None, None).unwrap();
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
        assert_eq!(cell(get(&row, "rankGap")), want.rank_gap);
        assert_eq!(
            cell(get(&row, "contributionToParent")),
            want.contribution_to_parent
        );
        assert_eq!(
            cell(get(&row, "contributionToIndex")),
            want.contribution_to_index
        );
    }
}

#[wasm_bindgen_test]
fn catch_up_of_a_unit_doubling_in_ten_years_to_a_flat_reference() {
    // The focus doubles from 2010 to 2020 (CAGR 2^0.1 − 1), the reference row stays at 200:
    // 100 → 200 takes another ten years at that rate.
    let data = "uCode,uType,Time,x\nA,unit,2010,50\nB,unit,2010,80\nN,aggregate,2010,200\n\
                A,unit,2020,100\nB,unit,2020,90\nN,aggregate,2020,200\n";
    let meta = "iCode,Parent,Direction,Weight,Type\nx,I,1,1,Indicator\nI,,1,1,Aggregate\n";
    let plan = Data::from_csv(data, meta, None, None)
        .unwrap()
        .plan(Some(common::SEED_SPEC.into()), None)
        .unwrap();
    let national = js_sys::JSON::parse(r#"{"kind": "unit", "unit": "N"}"#).unwrap();
    let options = js_sys::JSON::parse(r#"{"deadline": 2025}"#).unwrap();
    let catch_up = plan.catch_up("A", national, Some(options)).unwrap();
    assert_eq!(
        get(&catch_up, "growth").as_string().as_deref(),
        Some("cagr")
    );
    assert_eq!(
        get(&catch_up, "window")
            .dyn_into::<Array>()
            .unwrap()
            .to_vec(),
        [JsValue::from(2010), JsValue::from(2020)]
    );
    // A ratio of logarithms, and one power: a few ulps each.
    const LOGARITHMS: f64 = 1e-9;
    const ONE_POWER: f64 = 1e-12;
    let years = get(&catch_up, "years").as_f64().unwrap();
    assert!((years - 10.0).abs() < LOGARITHMS, "{years}");
    let needed = get(&catch_up, "needed");
    assert_eq!(get(&needed, "target").as_f64(), Some(200.0));
    let cagr = get(&needed, "cagr").as_f64().unwrap();
    assert!((cagr - (2f64.powf(0.2) - 1.0)).abs() < ONE_POWER, "{cagr}");

    // B grows slower than the leader it trails: never.
    let leader = js_sys::JSON::parse(r#"{"kind": "leader"}"#).unwrap();
    let never = plan.catch_up("B", leader, None).unwrap();
    assert!(get(&never, "years").is_null());

    let bad = js_sys::JSON::parse(r#"{"growth": "fast"}"#).unwrap();
    let leader = js_sys::JSON::parse(r#"{"kind": "leader"}"#).unwrap();
    let error: js_sys::Error = plan
        .catch_up("B", leader, Some(bad))
        .unwrap_err()
        .dyn_into()
        .unwrap();
    let message: String = error.message().into();
    assert!(message.contains("CatchUpOptions"), "{message}");
}

#[wasm_bindgen_test]
fn bad_csv_throws_a_js_error_naming_row_and_column() {
    let data = "uCode,uName,x\nA,a,1\nB,b,abc\n";
    let meta = "iCode,iName,Parent,Direction,Weight,Type\nx,X,,1,1,Indicator\n";
    let thrown = Data::from_csv(data, meta, None, None)
        .err()
        .expect("bad CSV is an error");
    let code = js_sys::Reflect::get(&thrown, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("value"));
    let error: js_sys::Error = thrown.dyn_into().expect("a JS Error object");
    let message: String = error.message().into();
    console_log!("bad CSV: {message}");
    assert!(message.contains("iData.csv"), "{message}");
    assert!(message.contains("row 3"), "{message}");
    assert!(message.contains("column 'x'"), "{message}");
    assert!(message.contains("'abc'"), "{message}");
}

#[wasm_bindgen_test]
fn data_from_objects_and_typed_arrays_equals_data_from_csv() {
    let input = js_sys::JSON::parse(
        r#"{"units": [{"code": "A"}, {"code": "B"}, {"code": "C"}, {"code": "N", "kind": "aggregate"}],
            "nodes": [{"code": "x", "parent": "I", "weight": 2},
                      {"code": "y", "parent": "I", "direction": -1},
                      {"code": "I", "kind": "aggregate"}],
            "values": {"y": [3, null, 1, 2]},
            "spec": {"note": "fields beside the data are ignored"}}"#,
    )
    .unwrap();
    // A typed array column, with NaN for the missing cell.
    let x = Float64Array::from(&[1.0, 2.0, f64::NAN, 1.5][..]);
    Reflect::set(&get(&input, "values"), &"x".into(), &x).unwrap();
    let from_objects = Data::from_objects(input).unwrap().compute(None, None);

    let data =
        "uCode,uName,uType,x,y\nA,A,unit,1,3\nB,B,unit,2,\nC,C,unit,,1\nN,N,aggregate,1.5,2\n";
    let meta = "iCode,iName,Parent,Direction,Weight,Type\n\
                x,x,I,1,2,Indicator\ny,y,I,-1,1,Indicator\nI,I,,1,1,Aggregate\n";
    let from_csv = Data::from_csv(data, meta, None, None)
        .unwrap()
        .compute(None, None);
    assert_eq!(
        object_digest(&from_objects.unwrap()),
        object_digest(&from_csv.unwrap())
    );
}

#[wasm_bindgen_test]
fn invalid_weight_is_an_error_naming_the_node_and_changes_nothing() {
    let mut plan = asem().plan(None, None).unwrap();
    let before = plan.weights().to_vec();
    let mut weights = before.clone();
    weights[0] = -1.0;
    let error: js_sys::Error = plan
        .set_weights(&Float64Array::from(&weights[..]))
        .unwrap_err()
        .dyn_into()
        .unwrap();
    let message: String = error.message().into();
    assert!(message.contains("indicator 'LPI'"), "{message}");
    assert_eq!(plan.weights().to_vec(), before);
}

/// Re-weighting ASEM as a slider would: printed, not asserted (timings vary by machine).
#[wasm_bindgen_test]
fn reweighting_asem_costs_well_under_a_millisecond() {
    const CALLS: u32 = 1_000;
    let mut plan = asem().plan(None, None).unwrap();
    let n = (plan.node_count() * plan.unit_count()) as u32;
    let (scores, ranks) = (
        Float64Array::new_with_length(n),
        Float64Array::new_with_length(n),
    );
    let base = plan.weights().to_vec();
    let weights = Float64Array::from(&base[..]);
    let conn = (0..base.len()).find(|&i| base[i] > 0.0).unwrap_or(0) as u32;
    let performance = web_sys::window().unwrap().performance().unwrap();
    let start = performance.now();
    for call in 0..CALLS {
        // A slider moving over one weight: every call sees new weights.
        weights.set_index(conn, 1.0 + f64::from(call % 100) / 10.0);
        plan.rerank(&weights, &scores, &ranks).unwrap();
    }
    let per_call = (performance.now() - start) / f64::from(CALLS);
    console_log!(
        "re-weighting ASEM ({} units × {} nodes): {:.1} µs per call over {CALLS} calls",
        plan.unit_count(),
        plan.node_count(),
        per_call * 1000.0
    );
    // The last call's results equal a fresh build with the same weights.
    let mut fresh = asem().plan(None, None).unwrap();
    fresh.set_weights(&weights).unwrap();
    fresh.run().unwrap();
    assert_eq!(typed_digest(&mut fresh), typed_digest(&mut plan));
}
