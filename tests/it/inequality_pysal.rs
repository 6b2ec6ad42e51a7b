//! Disparity and convergence measures on PySAL's Mexico state income panel (32 states,
//! 1940–2000; Rey & Sastre Gutiérrez 2010), checked against the peer libraries' output in
//! `tests/data/mexico/pysal_expected.json`, written by `tests/reference/mexico_inequality.py`
//! with PySAL `inequality` 1.1.2, scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6 (versions also
//! recorded in the JSON under `generated_with`).

use approx::relative_eq;
use serde_json::Value;
use yardstick::analysis::inequality::{
    beta_convergence_of, gini_by_group, measure_of, sigma_convergence_of, theil_by_group, Measure,
    TheilIndex,
};
use yardstick::stats::{Regression, SdConvention};
use yardstick::PeriodId;
use yardstick::{Dataset, Unit, UnitCode};

/// Byte-identical copy of libpysal's `examples/mexico/mexico.csv`.
const MEXICO: &str = include_str!("../../data/mexico/mexico.csv");
const EXPECTED: &str = include_str!("../data/mexico/pysal_expected.json");

/// Relative agreement with PySAL, scipy and statsmodels: the same formulas evaluated in a
/// different order, so only rounding separates them.
const PYSAL_TOL: f64 = 1e-12;
/// p-values: ours through the incomplete beta continued fraction, scipy's through Boost.
const P_VALUE_TOL: f64 = 1e-12;
/// Agreement with the O(n²) numpy transcription of Dagum (1997) in the reference script.
const TRANSCRIPTION_TOL: f64 = 1e-12;
/// Decomposition identities (components sum to the total) hold to rounding of a few terms.
const IDENTITY_TOL: f64 = 1e-13;

const GROUPINGS: [&str; 5] = ["hanson03", "hanson98", "esquivel99", "inegi", "inegi2"];

/// The CSV has a `State` column rather than COINr's `uCode`, and its group codes are numbers
/// (`2.000`), so `io::read_data` would take them for variables: parse it here (no quotes in
/// the file) into a panel with one variable, `pcgdp`, and the groupings as group columns.
fn mexico() -> Dataset {
    let mut lines = MEXICO.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let years: Vec<(usize, i32)> = header
        .iter()
        .enumerate()
        .filter_map(|(c, h)| h.strip_prefix("pcgdp").map(|y| (c, y.parse().unwrap())))
        .collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let units: Vec<Unit> = rows
        .iter()
        .map(|row| {
            let mut unit = Unit::new(UnitCode::new(row[0]).unwrap(), row[0]);
            for g in GROUPINGS {
                let c = header.iter().position(|h| *h == g).unwrap();
                unit.groups.insert(g.to_owned(), row[c].to_owned());
            }
            unit
        })
        .collect();
    let values: Vec<Option<f64>> = years
        .iter()
        .flat_map(|&(c, _)| rows.iter().map(move |row| Some(row[c].parse().unwrap())))
        .collect();
    Dataset::new(
        units,
        years.iter().map(|&(_, y)| Some(y)).collect(),
        vec!["pcgdp".into()],
        vec![values],
    )
    .unwrap()
}

fn expected() -> Value {
    serde_json::from_str(EXPECTED).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("number expected, found {v}"))
}

fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        relative_eq!(got, want, epsilon = 0.0, max_relative = tol),
        "{what}: got {got:e}, expected {want:e} (relative difference {:e})",
        ((got - want) / want).abs()
    );
}

#[test]
fn reference_was_generated_with_the_cited_versions() {
    let e = expected();
    assert_eq!(e["generated_with"]["inequality"], "1.1.2");
    assert_eq!(e["generated_with"]["statsmodels"], "0.15.0");
    assert_eq!(e["generated_with"]["scipy"], "1.17.1");
}

/// PySAL `inequality.theil.Theil` and `inequality.theil.TheilD` (1.1.2), every decade and
/// every regional grouping of the file.
#[test]
fn theil_t_and_its_decomposition_match_pysal_theild() {
    let data = mexico();
    let e = expected();
    for p in data.period_ids() {
        let year = data.year(p).unwrap().to_string();
        let pysal = &e["theil"][&year];
        for g in GROUPINGS {
            let d = theil_by_group(&data, 0, p, g, TheilIndex::T).unwrap();
            assert_eq!((d.n, d.skipped_missing), (32, 0));
            let what = format!("{year} {g}");
            assert_close(
                d.total,
                num(&pysal["T"]),
                PYSAL_TOL,
                &format!("{what} Theil"),
            );
            assert_close(d.total, num(&pysal[g]["total"]), PYSAL_TOL, &what);
            assert_close(d.between, num(&pysal[g]["between"]), PYSAL_TOL, &what);
            assert_close(d.within, num(&pysal[g]["within"]), PYSAL_TOL, &what);
        }
    }
}

/// PySAL `inequality.gini.Gini` (1.1.2), every decade.
#[test]
fn gini_matches_pysal_gini() {
    let data = mexico();
    let e = expected();
    for p in data.period_ids() {
        let year = data.year(p).unwrap().to_string();
        let g = measure_of(&data, 0, p, Measure::Gini).unwrap();
        assert_close(g.value, num(&e["gini"][&year]), PYSAL_TOL, &year);
    }
}

/// Dagum (1997), Empirical Economics 22: 515–531. PySAL has no Dagum decomposition; the
/// reference is the script's direct double-sum transcription of the paper's definitions.
#[test]
fn dagum_decomposition_matches_transcription_and_sums_to_gini() {
    let data = mexico();
    let e = expected();
    for p in data.period_ids() {
        let year = data.year(p).unwrap().to_string();
        for g in GROUPINGS {
            let d = gini_by_group(&data, 0, p, g).unwrap();
            let want = &e["dagum"][&year][g];
            let what = format!("{year} {g}");
            assert_close(d.total, num(&e["gini"][&year]), PYSAL_TOL, &what);
            assert_close(d.within, num(&want["within"]), TRANSCRIPTION_TOL, &what);
            let nb = num(&want["net_between"]);
            assert_close(d.net_between, nb, TRANSCRIPTION_TOL, &what);
            let t = num(&want["transvariation"]);
            assert_close(d.transvariation, t, TRANSCRIPTION_TOL, &what);
            let sum = d.within + d.net_between + d.transvariation;
            assert_close(sum, d.total, IDENTITY_TOL, &format!("{what} identity"));
        }
    }
}

/// Theil L has no PySAL counterpart: check the exact decomposition identity on real data.
#[test]
fn theil_l_between_plus_within_is_total() {
    let data = mexico();
    for p in data.period_ids() {
        for g in GROUPINGS {
            let d = theil_by_group(&data, 0, p, g, TheilIndex::L).unwrap();
            assert_close(d.between + d.within, d.total, IDENTITY_TOL, g);
            assert!(d.between > 0.0 && d.within > 0.0);
        }
    }
}

/// `scipy.stats.variation` (ddof 0 and 1) and `numpy.std` of logs (ddof 0 and 1): PySAL's
/// `inequality` package has no coefficient of variation.
#[test]
fn dispersion_matches_scipy_and_numpy() {
    let data = mexico();
    let e = expected();
    let measures = [
        (
            "cv_population",
            Measure::CoefficientOfVariation(SdConvention::Population),
        ),
        (
            "cv_sample",
            Measure::CoefficientOfVariation(SdConvention::Sample),
        ),
        (
            "sd_log_population",
            Measure::SdOfLogs(SdConvention::Population),
        ),
        ("sd_log_sample", Measure::SdOfLogs(SdConvention::Sample)),
    ];
    for p in data.period_ids() {
        let year = data.year(p).unwrap().to_string();
        for (key, m) in measures {
            let got = measure_of(&data, 0, p, m).unwrap().value;
            let want = num(&e["dispersion"][&year][key]);
            assert_close(got, want, PYSAL_TOL, &format!("{year} {key}"));
        }
    }
}

fn assert_regression(got: &Regression, want: &Value, what: &str) {
    assert_eq!(got.n as u64, want["n"].as_u64().unwrap(), "{what}");
    let pairs = [
        ("slope", got.slope, PYSAL_TOL),
        ("intercept", got.intercept, PYSAL_TOL),
        ("slope_se", got.slope_se, PYSAL_TOL),
        ("intercept_se", got.intercept_se, PYSAL_TOL),
        ("slope_t", got.slope_t.unwrap(), PYSAL_TOL),
        ("intercept_t", got.intercept_t.unwrap(), PYSAL_TOL),
        ("slope_p", got.slope_p.unwrap(), P_VALUE_TOL),
        ("intercept_p", got.intercept_p.unwrap(), P_VALUE_TOL),
        ("r_squared", got.r_squared.unwrap(), PYSAL_TOL),
    ];
    for (key, value, tol) in pairs {
        assert_close(value, num(&want[key]), tol, &format!("{what} {key}"));
    }
}

/// σ-convergence trend: statsmodels `OLS` (0.15.0) of each dispersion series on the year.
#[test]
fn sigma_convergence_trend_matches_statsmodels() {
    let data = mexico();
    let e = expected();
    let measures = [
        (
            "cv_population",
            Measure::CoefficientOfVariation(SdConvention::Population),
        ),
        (
            "cv_sample",
            Measure::CoefficientOfVariation(SdConvention::Sample),
        ),
        (
            "sd_log_population",
            Measure::SdOfLogs(SdConvention::Population),
        ),
        ("sd_log_sample", Measure::SdOfLogs(SdConvention::Sample)),
    ];
    for (key, m) in measures {
        let sigma =
            sigma_convergence_of(&data, 0, PeriodId::new(0)..=data.last_period(), m).unwrap();
        assert_eq!(sigma.series.len(), 7);
        assert_regression(sigma.trend.as_ref().unwrap(), &e["sigma_trend"][key], key);
    }
}

/// β-convergence: statsmodels `OLS` (0.15.0) of ln(y_T/y_0)/T on ln(y_0), 1940–2000 and each
/// decade; λ and half-life by Barro & Sala-i-Martin (1992).
#[test]
fn beta_convergence_matches_statsmodels() {
    let data = mexico();
    let e = expected();
    for want in e["beta"].as_array().unwrap() {
        let (first, last) = (
            want["first"].as_i64().unwrap(),
            want["last"].as_i64().unwrap(),
        );
        let what = format!("{first}–{last}");
        let p0 = data.period_of_year(first as i32).unwrap();
        let p1 = data.period_of_year(last as i32).unwrap();
        let b = beta_convergence_of(&data, 0, p0, p1).unwrap();
        assert_eq!((b.n, b.skipped_missing), (32, 0));
        assert_eq!(b.span, (last - first) as f64);
        assert_regression(&b.regression, want, &what);
        match (b.speed, want["speed"].as_f64()) {
            (Some(got), Some(expected)) => {
                assert_close(got, expected, PYSAL_TOL, &format!("{what} speed"));
                let half = num(&want["half_life"]);
                assert_close(
                    b.half_life.unwrap(),
                    half,
                    PYSAL_TOL,
                    &format!("{what} half-life"),
                );
            }
            (None, None) => assert_eq!(b.half_life, None),
            (got, expected) => panic!("{what}: speed {got:?}, expected {expected:?}"),
        }
    }
    // Rey & Sastre Gutiérrez (2010): the Mexican states converged over 1940–2000.
    let whole = beta_convergence_of(&data, 0, PeriodId::new(0), data.last_period()).unwrap();
    assert!(whole.regression.slope < 0.0 && whole.regression.slope_p.unwrap() < 1e-4);
}
