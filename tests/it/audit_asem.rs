//! Golden test: the statistical audit of ASEM after COINr's default build (min-max 0–100,
//! arithmetic means), against numpy 2.4 / scipy 1.17 run on COINr 1.1.14's own normalised and
//! aggregated table. `tests/reference/audit_asem.py` writes `tests/data/audit/asem_expected.json`
//! (versions recorded inside); it reads no Yardstick output.

use approx::assert_abs_diff_eq;
use serde_json::Value;
use yardstick::robustness::audit::{
    audit, audit_with, AuditOptions, Correlation, NodeAudit, ValueBasis,
};
use yardstick::PeriodId;
use yardstick::{BuildSpec, Dataset, Plan, Results};

/// Correlations: Yardstick's values and COINr's differ in the last bits (R sums in extended
/// precision), and r moves by about as much (largest difference seen: 7e-16).
const CORRELATION_TOL: f64 = 1e-12;
/// Cronbach's alpha divides by the variance of the totals (largest difference seen: 4e-16).
const ALPHA_TOL: f64 = 1e-12;
/// Eigenvalues (cyclic Jacobi against LAPACK's `eigvalsh`) and variance shares (largest
/// difference seen: 3e-15).
const PCA_TOL: f64 = 1e-12;

fn expected() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/audit/asem_expected.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("expected audit")).unwrap()
}

fn asem() -> (Plan, Dataset, Results) {
    let (meta, data) = crate::shared::asem();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    (plan, data, results)
}

fn opt(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

fn assert_correlation(got: &Correlation, want: &Value, what: &str) {
    assert_eq!(got.n as u64, want["n"].as_u64().unwrap(), "n of {what}");
    for (g, w, kind) in [
        (got.pearson, opt(&want["pearson"]), "pearson"),
        (got.spearman, opt(&want["spearman"]), "spearman"),
    ] {
        match (g, w) {
            (Some(g), Some(w)) => assert_abs_diff_eq!(g, w, epsilon = CORRELATION_TOL),
            (g, w) => assert_eq!(g, w, "{kind} of {what}"),
        }
    }
}

fn pair_codes(pairs: impl Iterator<Item = (String, String)>) -> Vec<Vec<String>> {
    pairs.map(|(a, b)| vec![a, b]).collect()
}

fn check_node(node: &NodeAudit, want: &Value) {
    let code = node.code.as_str();
    assert_eq!(node.level as u64, want["level"].as_u64().unwrap(), "{code}");
    assert_eq!(node.children, codes(&want["children"]), "{code}");

    let with_parent = want["with_parent"].as_array().unwrap();
    assert_eq!(node.with_parent.len(), with_parent.len(), "{code}");
    for (got, want) in node.with_parent.iter().zip(with_parent) {
        assert_eq!(got.child, want["child"].as_str().unwrap());
        assert_correlation(&got.correlation, want, &format!("{}–{code}", got.child));
    }
    let siblings = want["siblings"].as_array().unwrap();
    assert_eq!(node.siblings.len(), siblings.len(), "{code}");
    for (got, want) in node.siblings.iter().zip(siblings) {
        assert_eq!(
            (got.a.as_str(), got.b.as_str()),
            (want["a"].as_str().unwrap(), want["b"].as_str().unwrap())
        );
        assert_correlation(&got.correlation, want, &format!("{}–{}", got.a, got.b));
    }

    assert_eq!(
        node.complete_cases as u64,
        want["complete_cases"].as_u64().unwrap(),
        "{code}"
    );
    let alpha = node.cronbach_alpha.expect("alpha of every ASEM aggregate");
    assert_abs_diff_eq!(
        alpha,
        want["cronbach_alpha"].as_f64().unwrap(),
        epsilon = ALPHA_TOL
    );
    let pca = node.pca.as_ref().expect("PCA of every ASEM aggregate");
    for (field, got) in [
        ("pca_eigenvalues", &pca.eigenvalues),
        ("pca_shares", &pca.shares),
    ] {
        let want: Vec<f64> = want[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(got.len(), want.len(), "{field} of {code}");
        for (g, w) in got.iter().zip(&want) {
            assert_abs_diff_eq!(*g, *w, epsilon = PCA_TOL);
        }
    }

    let flags = &want["flags"];
    let collinear = pair_codes(
        node.flags
            .collinear
            .iter()
            .map(|f| (f.a.clone(), f.b.clone())),
    );
    let negative = pair_codes(
        node.flags
            .negative
            .iter()
            .map(|f| (f.a.clone(), f.b.clone())),
    );
    let weak: Vec<String> = node
        .flags
        .weak_with_parent
        .iter()
        .map(|f| f.child.clone())
        .collect();
    let want_pairs =
        |v: &Value| -> Vec<Vec<String>> { v.as_array().unwrap().iter().map(codes).collect() };
    assert_eq!(
        collinear,
        want_pairs(&flags["collinear"]),
        "collinear in {code}"
    );
    assert_eq!(
        negative,
        want_pairs(&flags["negative"]),
        "negative in {code}"
    );
    assert_eq!(weak, codes(&flags["weak_with_parent"]), "weak in {code}");
}

#[test]
fn asem_audit_matches_numpy_scipy_on_coinr_output() {
    let (plan, data, results) = asem();
    let expected = expected();
    let report = audit(&plan, &data, &results).unwrap();
    let nodes = expected["nodes"].as_object().unwrap();
    assert_eq!(report.nodes.len(), nodes.len());
    assert_eq!(report.nodes.len(), 11);
    for node in &report.nodes {
        check_node(node, &nodes[node.code.as_str()]);
    }
}

#[test]
fn asem_audit_on_raw_values_matches_numpy_scipy_on_direction_times_idata() {
    let (plan, data, results) = asem();
    let expected = expected();
    let options = AuditOptions {
        basis: ValueBasis::Treated,
        ..AuditOptions::default()
    };
    let report = audit_with(&plan, &data, &results, &options).unwrap();
    let raw = expected["raw_siblings"].as_object().unwrap();
    assert_eq!(raw.len(), 8, "the eight pillars have indicator children");
    for (code, siblings) in raw {
        let node = report.node(code).unwrap();
        let siblings = siblings.as_array().unwrap();
        assert_eq!(node.siblings.len(), siblings.len());
        for (got, want) in node.siblings.iter().zip(siblings) {
            assert_eq!(got.a, want["a"].as_str().unwrap());
            assert_eq!(got.b, want["b"].as_str().unwrap());
            assert_correlation(&got.correlation, want, &format!("raw {}–{}", got.a, got.b));
        }
    }
}

#[test]
fn asem_data_availability_matches_pandas_count_of_idata() {
    let (plan, data, results) = asem();
    let expected = &expected()["availability"];
    let report = audit(&plan, &data, &results).unwrap();
    let availability = &report.availability;
    let (n_units, n_indicators) = (
        expected["n_units"].as_u64().unwrap() as usize,
        expected["n_indicators"].as_u64().unwrap() as usize,
    );
    assert_eq!(report.ranked_units, n_units);
    assert_eq!(availability.units.len(), n_units);
    assert_eq!(availability.indicators.len(), n_indicators);
    for unit in &availability.units {
        let want = expected["units"][unit.code.as_str()].as_u64().unwrap() as usize;
        assert_eq!(
            (unit.present, unit.of),
            (want, n_indicators),
            "{}",
            unit.code
        );
        assert_eq!(unit.share, Some(want as f64 / n_indicators as f64));
    }
    for indicator in &availability.indicators {
        let want = expected["indicators"][indicator.code.as_str()]
            .as_u64()
            .unwrap() as usize;
        assert_eq!(
            (indicator.present, indicator.of),
            (want, n_units),
            "{}",
            indicator.code
        );
    }
    // ASEM's README: 63 missing indicator cells, ConSpeed missing 8.
    let missing: usize = availability
        .indicators
        .iter()
        .map(|i| i.of - i.present)
        .sum();
    assert_eq!(missing, 63);
    let con_speed = availability
        .indicators
        .iter()
        .find(|i| i.code == "ConSpeed")
        .unwrap();
    assert_eq!(con_speed.of - con_speed.present, 8);
}
