//! Golden tests against outputs that COINr 1.1.14 itself printed in its published
//! documentation, for ASEM settings other than the plain min-max + arithmetic mean build of
//! `coinr_asem`.
//!
//! Source of every number: the pkgdown site of bluefoxr/COINr as stored at commit
//! `cb1fa25c65ecd09bf92ba7c1a980a96ba1556e8f` (site built for COINr 1.1.14, the version whose
//! `news/index.md` tops that site), files `articles/*.md` and `reference/*.md`. Each test names
//! its file and the R call that printed the numbers. Printed values are compared at the
//! precision they were printed with: half a unit in the last printed decimal.
//!
//! Row order: a coin's data sets are sorted by `uCode` (`AUS, AUT, BEL, BGD, BGR, ...`), so
//! `head(..., 5)` shows those five units, not the first rows of `iData.csv`.
//!
//! COINr's `Screen()` deletes units from the data set; Yardstick keeps them with no scores
//! and no ranks and lists them in `report.dropped_units`, so "not in COINr's table" is
//! compared as "missing here".

use approx::assert_abs_diff_eq;
use yardstick::io::{self, Meta};
use yardstick::{BuildSpec, Dataset, Plan, Results};
use yardstick::{NodeId, PeriodId, UnitId};

use crate::shared::data_bytes;

/// Slack on top of half a printed unit: the printed decimal itself is a rounded binary value.
const PRINT_SLACK: f64 = 1e-9;

/// Half a unit in the second decimal (`get_results()` and `get_unit_summary()` round to 2).
const PRINTED_2DP: f64 = 0.005 + PRINT_SLACK;

/// The spec of `build_example_coin()`, kept beside the other examples.
const EXAMPLE_BUILD: &str = include_str!("../../examples/asem/coinr_example_build.json");

/// The ASEM input data and metadata.
fn asem() -> (Meta, Dataset) {
    asem_with_meta(&data_bytes("asem/iMeta.csv"))
}

fn asem_with_meta(meta: &[u8]) -> (Meta, Dataset) {
    io::read_coin(
        &data_bytes("asem/iData.csv"),
        "iData.csv",
        meta,
        "iMeta.csv",
    )
    .expect("ASEM reads")
}

fn run(meta: &Meta, data: &Dataset, spec: &str) -> Results {
    let spec = BuildSpec::from_json(spec).expect("spec parses");
    Plan::compile(&meta.framework, data, &spec)
        .expect("spec compiles")
        .run(data, PeriodId::new(0))
        .expect("pipeline runs")
}

/// A spec that changes one part of `build_example_coin()`'s spec.
fn example_build_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut spec: serde_json::Value = serde_json::from_str(EXAMPLE_BUILD).expect("example JSON");
    edit(&mut spec);
    spec.to_string()
}

/// Accessors by code, panicking with the code when it is unknown.
struct Lookup<'a> {
    meta: &'a Meta,
    data: &'a Dataset,
    results: &'a Results,
}

impl Lookup<'_> {
    fn node(&self, code: &str) -> NodeId {
        self.meta
            .framework
            .index_of(code)
            .unwrap_or_else(|| panic!("no node {code}"))
    }
    fn unit(&self, code: &str) -> UnitId {
        self.data
            .unit_index(code)
            .unwrap_or_else(|| panic!("no unit {code}"))
    }
    fn value(&self, unit: &str, node: &str) -> Option<f64> {
        self.results.value(self.node(node), self.unit(unit))
    }
    fn rank(&self, unit: &str, node: &str) -> Option<f64> {
        self.results.rank(self.node(node), self.unit(unit))
    }
    fn treated(&self, unit: &str, node: &str) -> Option<f64> {
        self.results.treated[self.node(node).index()][self.unit(unit).index()]
    }
    /// Units of `dropped_units`, by code, sorted.
    fn dropped(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .results
            .report
            .dropped_units
            .iter()
            .map(|&u| self.data.unit(u).code.as_str())
            .collect();
        codes.sort_unstable();
        codes
    }
}

/// Half a unit in the last decimal of a number as R printed it.
fn printed_tolerance(printed: &str) -> f64 {
    let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len());
    0.5 * 10f64.powi(-(decimals as i32)) + PRINT_SLACK
}

/// Half a unit in the last of `digits` significant digits of `value` (R's `signif()`, whose
/// printout pads a column to common decimals, so the printed decimals overstate it).
fn significant_tolerance(value: f64, digits: i32) -> f64 {
    0.5 * 10f64.powi(value.abs().log10().floor() as i32 - digits + 1) + PRINT_SLACK
}

/// Compares a printed table (header of node codes, then `uCode value...` rows) with the
/// values of `get`, each at its printed precision.
fn assert_printed_table(table: &str, what: &str, get: impl Fn(&str, &str) -> Option<f64>) {
    assert_table(table, what, printed_tolerance_of, get);
}

fn printed_tolerance_of(printed: &str, _: f64) -> f64 {
    printed_tolerance(printed)
}

/// [`assert_printed_table`] with the tolerance of each cell given by `tolerance(printed,
/// value)`.
fn assert_table(
    table: &str,
    what: &str,
    tolerance: impl Fn(&str, f64) -> f64,
    get: impl Fn(&str, &str) -> Option<f64>,
) {
    let mut lines = table.lines().map(str::trim).filter(|l| !l.is_empty());
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    let mut cells = 0;
    for line in lines {
        let mut fields = line.split_whitespace();
        let unit = fields.next().expect("uCode");
        for (code, printed) in header.iter().zip(fields) {
            let expected: f64 = printed.parse().expect("printed number");
            let got = get(unit, code).unwrap_or_else(|| panic!("{what}: {unit}/{code} missing"));
            assert_abs_diff_eq!(got, expected, epsilon = tolerance(printed, expected));
            cells += 1;
        }
    }
    assert!(cells > 0, "{what}: empty table");
}

/// Compares a column of printed ranks (`uCode rank`, `NA` for a unit COINr removed).
fn assert_ranks(l: &Lookup<'_>, node: &str, table: &str) {
    let mut n = 0;
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (unit, rank) = line.split_once(' ').expect("uCode rank");
        let expected = match rank.trim() {
            "NA" => None,
            r => Some(r.parse::<f64>().expect("rank")),
        };
        assert_eq!(l.rank(unit, node), expected, "rank of {unit} in {node}");
        n += 1;
    }
    assert_eq!(n, l.data.n_units(), "every unit has a printed rank");
}

// ---------------------------------------------------------------------------------------
// (a) build_example_coin(): Denominate → Impute(i_mean_grp, EurAsia_group) → Screen(0.9,
// byNA, on the imputed data) → Treat(default) → Normalise(min-max 0–100) → Aggregate(a_amean)
// ---------------------------------------------------------------------------------------

/// `articles/results.md` (also `reference/get_results.md`):
/// `head(get_results(coin, dset = "Aggregated", tab_type = "Aggs"))`, scores rounded to 2.
#[test]
fn example_build_matches_coinr_results_md_top_six() {
    let (meta, data) = asem();
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    // Imputation fills every gap, so the 0.9 screen on imputed data drops nobody.
    assert!(l.dropped().is_empty());
    assert_printed_table(
        "Rank Index  Conn  Sust Physical ConEcFin Political Instit   P2P Environ Social SusEcFin
         CHE    1 68.38 62.79 73.98    63.41    32.87     74.78  85.94 56.93   77.21  87.85    56.88
         NLD    2 64.82 61.94 67.70    64.87    46.62     84.55  71.74 41.92   58.73  86.58    57.78
         DNK    3 64.80 57.10 72.51    50.52    30.43     78.13  75.35 51.04   69.83  86.40    61.29
         NOR    4 64.47 57.44 71.50    58.18    25.70     80.03  89.46 33.80   70.90  87.00    56.59
         BEL    5 63.54 63.99 63.09    71.97    48.22     80.84  75.60 43.32   53.01  86.17    50.09
         SWE    6 63.00 53.87 72.12    51.51    23.87     80.98  74.51 38.50   66.37  87.74    62.27",
        "results.md",
        |unit, code| match code {
            "Rank" => l.rank(unit, "Index"),
            _ => l.value(unit, code),
        },
    );
    for (unit, rank) in [("CHE", 1.0), ("NLD", 2.0), ("DNK", 3.0), ("NOR", 4.0)] {
        assert_eq!(l.rank(unit, "Index"), Some(rank));
    }
}

/// `articles/results.md` and `reference/get_unit_summary.md`:
/// `get_unit_summary(coin, usel = "IND", Levels = c(4,3,2), dset = "Aggregated")`.
#[test]
fn example_build_matches_coinr_unit_summary_of_india() {
    let (meta, data) = asem();
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    for (code, score, rank) in [
        ("Index", 39.79, 45.0),
        ("Conn", 28.60, 44.0),
        ("Sust", 50.99, 43.0),
        ("Physical", 18.78, 48.0),
        ("ConEcFin", 6.38, 49.0),
        ("Political", 51.90, 33.0),
        ("Instit", 59.84, 37.0),
        ("P2P", 6.07, 47.0),
        ("Environ", 75.34, 6.0),
        ("Social", 22.74, 51.0),
        ("SusEcFin", 54.88, 36.0),
    ] {
        let got = l.value("IND", code).expect("IND scored");
        assert_abs_diff_eq!(got, score, epsilon = PRINTED_2DP);
        assert_eq!(l.rank("IND", code), Some(rank), "IND rank in {code}");
    }
}

/// `articles/results.md`: `get_results(coin, dset = "Aggregated", tab_type = "Aggs",
/// use_group = "GDPpc_group", use = "groupranks")`, the first six rows of groups XL and L.
#[test]
fn example_build_matches_coinr_group_ranks_by_gdppc_group() {
    let (meta, data) = asem();
    let spec = example_build_with(|s| s["rank"] = serde_json::json!({"within": "GDPpc_group"}));
    let results = run(&meta, &data, &spec);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_printed_table(
        "Index Conn Sust Physical ConEcFin Political Instit P2P Environ Social SusEcFin
         CHE      1    2    1        3        5         8      2   2       1      1        8
         NLD      2    3    6        2        4         2     10   6       8      4        7
         DNK      3    6    2        8        6         6      6   5       3      5        5
         NOR      4    5    4        4        8         4      1  11       2      3       10
         SWE      5   10    3        7       10         3      8  10       5      2        3
         AUT      6    7    5       11        7         5      4   4       4      9        2
         BEL      1    1    2        1        2         4      7   3      10      1        9
         MLT      2    2    5        3        1        12      4   1       2     10        3
         SVN      3    4    1        2        6         9      6   5       5      3        2
         GBR      4    3    3        4        8         5      5   7       3      2        8
         CZE      5    5    4        9        5         8     10   6      12      9        1
         ESP      6    7    7        7       10         2      3   9       6      6       10",
        "results.md group ranks",
        |unit, code| l.rank(unit, code),
    );
}

/// `articles/adjustments.md` (also `reference/compare_coins.md`): the `Nominal` column of
/// `compare_coins_multi(...)`, i.e. the Index rank of every unit in the example coin.
const EXAMPLE_BUILD_INDEX_RANKS: &str = "
    CHE 1\n NLD 2\n DNK 3\n NOR 4\n BEL 5\n SWE 6\n AUT 7\n LUX 8\n DEU 9\n MLT 10
    SVN 11\n IRL 12\n FIN 13\n SGP 14\n GBR 15\n LTU 16\n CZE 17\n HRV 18\n ESP 19\n HUN 20
    FRA 21\n EST 22\n LVA 23\n SVK 24\n ROU 25\n POL 26\n PRT 27\n ITA 28\n CYP 29\n BGR 30
    KOR 31\n GRC 32\n NZL 33\n JPN 34\n AUS 35\n VNM 36\n KHM 37\n PHL 38\n MYS 39\n BRN 40
    MMR 41\n THA 42\n IDN 43\n MNG 44\n IND 45\n BGD 46\n KAZ 47\n LAO 48\n CHN 49\n PAK 50
    RUS 51";

#[test]
fn example_build_matches_coinr_adjustments_md_index_ranks_of_all_units() {
    let (meta, data) = asem();
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_ranks(&l, "Index", EXAMPLE_BUILD_INDEX_RANKS);
}

/// `articles/data_selection.md`: `head(get_dset(coin, dset = "Normalised")[1:5], 5)` and
/// `head(get_data(coin, dset = "Aggregated", iCodes = "Sust", Level = 2), 5)`, 7 significant
/// digits. BEL's Bord is 100 because Bord was winsorised (BEL is in the top tied set).
#[test]
fn example_build_matches_coinr_data_selection_md_normalised_and_pillars() {
    let (meta, data) = asem();
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_printed_table(
        "LPI    Flights     Ship      Bord
         AUS 79.96112 12.3223217 66.14497   0.00000
         AUT 94.07137 27.8763185  0.00000  42.01269
         BEL 94.56023 23.3967426 97.14314 100.00000
         BGD 27.63906  0.1243185 45.80661  10.85013
         BGR 34.29965 10.8828790 37.40495  16.34359",
        "data_selection.md Normalised",
        |unit, code| l.value(unit, code),
    );
    assert_printed_table(
        "Environ   Social SusEcFin
         AUS 31.92211 71.88108 55.69987
         AUT 69.47511 72.76415 62.88150
         BEL 53.00859 86.16783 50.09020
         BGD 81.66988 27.51138 64.58884
         BGR 55.69922 53.30489 61.68677",
        "data_selection.md Aggregated",
        |unit, code| l.value(unit, code),
    );
}

/// `articles/aggregate.md`: `dset_aggregated[(nc - 10) : nc] |> head(5) |> signif(3)`:
/// 3 significant digits ("39.50" is `signif(39.468, 3)` padded to the column's decimals).
#[test]
fn example_build_matches_coinr_aggregate_md_three_significant_digits() {
    let (meta, data) = asem();
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_table(
        "ConEcFin Environ Instit   P2P Physical Political Social SusEcFin Conn Sust Index
         AUS     12.6    31.9   52.4 39.50     34.8      52.5   71.9     55.7 38.4 53.2  45.8
         AUT     26.2    69.5   77.5 54.10     41.1      78.2   72.8     62.9 55.4 68.4  61.9
         BEL     48.2    53.0   75.6 43.30     72.0      80.8   86.2     50.1 64.0 63.1  63.5
         BGD     13.3    81.7   26.5  5.85     22.9      32.4   27.5     64.6 20.2 57.9  39.0
         BGR     24.6    55.7   75.9 27.10     28.4      67.5   53.3     61.7 44.7 56.9  50.8",
        "aggregate.md",
        |_, value| significant_tolerance(value, 3),
        |unit, code| l.value(unit, code),
    );
}

/// Pearson correlation over the units where both columns are present.
fn pearson(a: &[Option<f64>], b: &[Option<f64>]) -> f64 {
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .zip(b)
        .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
        .collect();
    let n = pairs.len() as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x / n, sy + y / n));
    let (sxy, sxx, syy) = pairs
        .iter()
        .fold((0.0, 0.0, 0.0), |(sxy, sxx, syy), (x, y)| {
            (
                sxy + (x - mx) * (y - my),
                sxx + (x - mx) * (x - mx),
                syy + (y - my) * (y - my),
            )
        });
    sxy / (sxx * syy).sqrt()
}

/// `articles/weights.md`: `get_corr(coin, dset = "Aggregated", Levels = c(3, 4))` with the
/// iMeta weights, then again after `Aggregate(coin, dset = "Normalised", w = "OptLev3")` with
/// the optimised sub-index weights printed as Conn 0.3902439, Sust 0.6097561.
#[test]
fn example_build_matches_coinr_weights_md_index_correlations() {
    let (meta, data) = asem();
    let nominal = run(&meta, &data, EXAMPLE_BUILD);
    let reweighted = run(
        &meta,
        &data,
        &example_build_with(|s| {
            s["weights"] = serde_json::json!({"nodes": {"Index": {"method": "explicit",
                "weights": {"Conn": 0.3902439, "Sust": 0.6097561}}}});
        }),
    );
    let fw = &meta.framework;
    let [index, conn, sust] = ["Index", "Conn", "Sust"].map(|c| fw.index_of(c).expect("node"));
    for (results, r_conn, r_sust) in [
        (&nominal, 0.9397805, 0.8382873),
        (&reweighted, 0.8971336, 0.8925119),
    ] {
        let v = |n: NodeId| results.values(n);
        assert_abs_diff_eq!(
            pearson(v(index), v(conn)),
            r_conn,
            epsilon = printed_tolerance("0.9397805")
        );
        assert_abs_diff_eq!(
            pearson(v(index), v(sust)),
            r_sust,
            epsilon = printed_tolerance("0.8382873")
        );
    }
}

/// `articles/adjustments.md` (also `reference/compare_coins.md`): the example coin with
/// `coin2$Log$Normalise$global_specs <- list(f_n = "n_prank")`, regenerated; the `Prank`
/// column of `compare_coins_multi(...)`.
#[test]
fn percentile_rank_variant_matches_coinr_adjustments_md_ranks() {
    let (meta, data) = asem();
    let spec = example_build_with(|s| {
        s["normalise"] = serde_json::json!({"default": {"method": "percentile"}});
    });
    let results = run(&meta, &data, &spec);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_ranks(
        &l,
        "Index",
        "CHE 1\n NLD 4\n DNK 2\n NOR 3\n BEL 7\n SWE 5\n AUT 6\n LUX 10\n DEU 8\n MLT 19
         SVN 9\n IRL 14\n FIN 13\n SGP 15\n GBR 12\n LTU 11\n CZE 18\n HRV 23\n ESP 24\n HUN 22
         FRA 21\n EST 16\n LVA 20\n SVK 26\n ROU 25\n POL 28\n PRT 17\n ITA 27\n CYP 30\n BGR 29
         KOR 33\n GRC 32\n NZL 34\n JPN 31\n AUS 35\n VNM 37\n KHM 36\n PHL 40\n MYS 38\n BRN 41
         MMR 42\n THA 43\n IDN 49\n MNG 48\n IND 46\n BGD 44\n KAZ 45\n LAO 39\n CHN 51\n PAK 47
         RUS 50",
    );
}

/// `articles/adjustments.md`: `change_ind(coin, drop = c("LPI", "Forest"), regen = TRUE)`,
/// the `NoLPIFor` column of `compare_coins_multi(...)`. Dropping indicators is done the
/// COINr way, by leaving them out of the metadata.
#[test]
fn example_build_without_lpi_and_forest_matches_coinr_adjustments_md_ranks() {
    let meta_text = String::from_utf8(data_bytes("asem/iMeta.csv")).expect("UTF-8");
    let kept: String = meta_text
        .lines()
        .filter(|line| !line.contains(r#","LPI","#) && !line.contains(r#","Forest","#))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(kept.lines().count() + 2, meta_text.lines().count());
    let (meta, data) = asem_with_meta(kept.as_bytes());
    assert_eq!(meta.framework.indicators().count(), 47);
    let results = run(&meta, &data, EXAMPLE_BUILD);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_ranks(
        &l,
        "Index",
        "CHE 1\n NLD 4\n DNK 2\n NOR 3\n BEL 6\n SWE 5\n AUT 7\n LUX 8\n DEU 11\n MLT 9
         SVN 10\n IRL 12\n FIN 13\n SGP 14\n GBR 16\n LTU 15\n CZE 19\n HRV 21\n ESP 20\n HUN 22
         FRA 25\n EST 23\n LVA 17\n SVK 24\n ROU 26\n POL 27\n PRT 18\n ITA 28\n CYP 29\n BGR 30
         KOR 31\n GRC 32\n NZL 33\n JPN 34\n AUS 37\n VNM 36\n KHM 35\n PHL 40\n MYS 38\n BRN 45
         MMR 39\n THA 42\n IDN 41\n MNG 47\n IND 46\n BGD 44\n KAZ 49\n LAO 43\n CHN 50\n PAK 48
         RUS 51",
    );
}

// ---------------------------------------------------------------------------------------
// Screen before imputation, no imputation: Denominate → Screen(Denominated, 0.9, byNA) →
// Treat(Screened) → Normalise → Aggregate. This is both the overview vignette's build (whose
// Impute result is not used: `Treat(ASEM, dset = "Screened")`) and `coin90` of the
// adjustments vignette (`coin90$Log$Impute <- NULL`, Screen on "Denominated").
// ---------------------------------------------------------------------------------------

const SCREEN_90_NO_IMPUTATION: &str = r#"{
    "denominate": true,
    "screen": {"min_share": 0.9, "before_imputation": true},
    "treat": {"default": {"method": "winsorise"}}
}"#;

/// `articles/overview.md`: "Screened (46 units)" and
/// `head(get_results(ASEM, dset = "Aggregated", tab_type = "Aggs"))`.
#[test]
fn screen_90_without_imputation_matches_coinr_overview_md_top_six() {
    let (meta, data) = asem();
    let results = run(&meta, &data, SCREEN_90_NO_IMPUTATION);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_eq!(data.n_units() - l.dropped().len(), 46);
    assert_printed_table(
        "Rank Index  Conn  Sust Physical ConEcFin Political Instit   P2P Environ Social SusEcFin
         CHE    1 68.33 62.18 74.48    64.37    33.30     73.03  83.32 56.87   78.13  87.63    57.67
         DNK    2 64.47 56.05 72.90    50.17    30.52     76.98  71.59 51.01   70.53  86.17    61.99
         NLD    3 64.46 61.32 67.60    68.15    45.11     83.49  67.96 41.86   57.14  86.00    59.65
         NOR    4 64.23 56.53 71.93    57.45    25.39     78.95  87.10 33.75   71.55  87.04    57.20
         BEL    5 63.11 63.02 63.19    71.80    48.65     79.57  71.84 43.27   52.00  85.36    52.22
         SWE    6 62.82 52.88 72.77    51.90    23.93     80.10  70.04 38.43   68.34  86.92    63.04",
        "overview.md",
        |unit, code| match code {
            "Rank" => l.rank(unit, "Index"),
            _ => l.value(unit, code),
        },
    );
}

/// `articles/adjustments.md`: the `Screen90` column of `compare_coins_multi(...)` (`NA` for
/// the five units COINr removed) and the same units as `NA` in `compare_coins(coin, coin90)`.
#[test]
fn screen_90_without_imputation_matches_coinr_adjustments_md_ranks() {
    let (meta, data) = asem();
    let results = run(&meta, &data, SCREEN_90_NO_IMPUTATION);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_eq!(l.dropped(), ["BGD", "BRN", "KHM", "LAO", "MMR"]);
    assert_ranks(
        &l,
        "Index",
        "CHE 1\n NLD 3\n DNK 2\n NOR 4\n BEL 5\n SWE 6\n AUT 7\n LUX 8\n DEU 9\n MLT 13
         SVN 10\n IRL 12\n FIN 14\n SGP 11\n GBR 15\n LTU 16\n CZE 17\n HRV 19\n ESP 24\n HUN 20
         FRA 18\n EST 23\n LVA 21\n SVK 22\n ROU 25\n POL 27\n PRT 26\n ITA 28\n CYP 29\n BGR 31
         KOR 30\n GRC 33\n NZL 32\n JPN 34\n AUS 35\n VNM 36\n KHM NA\n PHL 39\n MYS 38\n BRN NA
         MMR NA\n THA 37\n IDN 41\n MNG 42\n IND 40\n BGD NA\n KAZ 43\n LAO NA\n CHN 45\n PAK 44
         RUS 46",
    );
}

// ---------------------------------------------------------------------------------------
// Single steps on the raw data
// ---------------------------------------------------------------------------------------

/// `articles/screening.md` and `reference/Screen.coin.md`: `Screen(coin, dset = "Raw",
/// unit_screen = "byNA", dat_thresh = 0.85)` keeps 48 units and
/// `coin$Analysis$Filtered_85pc$RemovedUnits` is `"BRN" "LAO" "MMR"`.
#[test]
fn screen_raw_at_85_percent_removes_the_units_coinr_removes() {
    let (meta, data) = asem();
    let results = run(&meta, &data, r#"{"screen": {"min_share": 0.85}}"#);
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_eq!(l.dropped(), ["BRN", "LAO", "MMR"]);
    for unit in ["BRN", "LAO", "MMR"] {
        assert_eq!(l.value(unit, "Index"), None);
        assert_eq!(l.rank(unit, "Index"), None);
    }
}

/// `reference/Impute.coin.md`: `Impute(coin, dset = "Raw", f_i = "i_mean_grp",
/// use_group = "Pop_group", out2 = "df")`. Every cell that is missing in the raw data, as
/// printed (7 significant digits per column, so each cell's own decimals give its precision).
#[test]
fn pop_group_mean_imputation_matches_coinr_impute_coin_md() {
    let (meta, data) = asem();
    let results = run(
        &meta,
        &data,
        r#"{"impute": {"method": "group_mean", "group": "Pop_group"}}"#,
    );
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    let printed = [
        ("BGD", "ConSpeed", "11.65000"),
        ("BRN", "ConSpeed", "13.65455"),
        ("KAZ", "ConSpeed", "14.74000"),
        ("KHM", "ConSpeed", "14.74000"),
        ("LAO", "ConSpeed", "16.68333"),
        ("MMR", "ConSpeed", "14.74000"),
        ("MNG", "ConSpeed", "13.65455"),
        ("PAK", "ConSpeed", "11.65000"),
        ("BRN", "ForPort", "1642.16572"),
        ("KHM", "ForPort", "1857.95820"),
        ("LAO", "ForPort", "743.46552"),
        ("MMR", "Tariff", "3.000833"),
        ("MNG", "Tariff", "1.432500"),
        ("THA", "Tariff", "4.296364"),
        ("BGD", "TBTs", "526.9091"),
        ("BGD", "Pat", "627.1600"),
        ("BRN", "Pat", "41.9250"),
        ("KHM", "Pat", "398.4545"),
        ("LAO", "Pat", "321.1083"),
        ("MMR", "Pat", "398.4545"),
        ("VNM", "Pat", "627.1600"),
        ("BRN", "CultServ", "1.1553375"),
        ("ESP", "CultServ", "1.5920175"),
        ("LAO", "CultServ", "0.8463708"),
        ("VNM", "CultServ", "2.2552382"),
        ("BGD", "CultGood", "22.26911"),
        ("IDN", "CultGood", "22.26911"),
        ("KHM", "CultGood", "14.11330"),
        ("KOR", "CultGood", "14.11330"),
        ("LAO", "CultGood", "7.01150"),
        ("MMR", "CultGood", "14.11330"),
        ("VNM", "CultGood", "22.26911"),
        ("LAO", "PrimEner", "99.50804"),
        ("BRN", "Poverty", "0.3363636"),
        ("ITA", "Poverty", "0.8100000"),
        ("JPN", "Poverty", "6.0545455"),
        ("KHM", "Poverty", "0.8100000"),
        ("MYS", "Poverty", "0.8100000"),
        ("NZL", "Poverty", "0.3363636"),
        ("SGP", "Poverty", "2.4000000"),
        ("BRN", "Palma", "1.239000"),
        ("KOR", "Palma", "1.311818"),
        ("MLT", "Palma", "1.239000"),
        ("MMR", "Palma", "1.311818"),
        ("NZL", "Palma", "1.239000"),
        ("SGP", "Palma", "1.198333"),
        ("BGD", "TertGrad", "14.60314"),
        ("BRN", "TertGrad", "25.99135"),
        ("KAZ", "TertGrad", "22.91112"),
        ("KHM", "TertGrad", "22.91112"),
        ("LAO", "TertGrad", "23.22077"),
        ("MMR", "TertGrad", "22.91112"),
        ("VNM", "TertGrad", "14.60314"),
        ("BRN", "FemLab", "0.8618006"),
        ("MMR", "FemLab", "0.8208780"),
        ("MNG", "PubDebt", "49.245"),
        ("BRN", "PrivDebt", "189.43663"),
        ("BGD", "RDExp", "1.196272"),
        ("BRN", "RDExp", "1.124665"),
        ("LAO", "RDExp", "2.092836"),
        ("MMR", "RDExp", "1.563575"),
        ("CHN", "NEET", "16.09091"),
        ("KOR", "NEET", "11.99167"),
    ];
    // Every missing indicator cell of iData is here (README: 63 of them), and only those
    // were filled.
    assert_eq!(printed.len(), 63);
    assert_eq!(results.report.imputed.len(), 63);
    for (unit, code, value) in printed {
        let var = data.variable_index(code).expect("column");
        assert_eq!(
            data.column(var, PeriodId::new(0))[l.unit(unit).index()],
            None,
            "{unit}/{code} is raw NA"
        );
        let got = l.treated(unit, code).expect("imputed");
        let expected: f64 = value.parse().expect("number");
        assert_abs_diff_eq!(got, expected, epsilon = printed_tolerance(value));
    }
}

/// `articles/normalise.md`: `Normalise(coin, dset = "Raw", indiv_specs = list(LPI =
/// list(f_n = "n_borda"), Flights = list(f_n = "n_zscore", f_n_para = list(m_sd = c(10,
/// 2)))))` with min-max for the rest; `get_dset(coin, "Normalised")[1:4] |> head(10)`.
/// Borda scores are `rank − 1` (the vignette's formula), so LPI is compared as
/// Yardstick's rank normalisation minus one.
#[test]
fn raw_borda_zscore_and_minmax_match_coinr_normalise_md() {
    let (meta, data) = asem();
    let results = run(
        &meta,
        &data,
        r#"{"normalise": {"indicators": {"LPI": {"method": "rank"},
            "Flights": {"method": "z_score", "mean": 10, "sd": 2}}}}"#,
    );
    let l = Lookup {
        meta: &meta,
        data: &data,
        results: &results,
    };
    assert_printed_table(
        "LPI   Flights      Ship
         AUS  36  9.889993  66.14497
         AUT  44  9.588735   0.00000
         BEL  45  9.711512  97.14314
         BGD   4  8.529810  45.80661
         BGR   7  8.741971  37.40495
         BRN   9  8.433044  35.38920
         CHE  42 10.563483   0.00000
         CHN  30 13.235114 100.00000
         CYP  14  8.721372  55.21211
         CZE  31  9.001961   0.00000",
        "normalise.md",
        |unit, code| match code {
            "LPI" => l.value(unit, code).map(|rank| rank - 1.0),
            _ => l.value(unit, code),
        },
    );
}
