//! Golden test: COINr 1.1.14's own output for ASEM (min-max 0–100, arithmetic means, iMeta
//! weights), as shipped in `../shared/data/asem/coinr_reference/`.

use approx::assert_abs_diff_eq;
use yardstick::{io, BuildSpec, Plan};

use crate::shared::{data_bytes, reference_table};

/// Absolute tolerance on the 0–100 scale: R sums in extended precision, f64 does not.
const COINR_ABS: f64 = 1e-9;

#[test]
fn asem_minmax_amean_matches_coinr_at_every_level() {
    let (meta, data) = io::read_coin(
        &data_bytes("asem/iData.csv"),
        "iData.csv",
        &data_bytes("asem/iMeta.csv"),
        "iMeta.csv",
    )
    .unwrap();
    let fw = &meta.framework;
    assert_eq!(data.n_units(), 51);
    assert_eq!(fw.indicators().count(), 49);
    assert_eq!(fw.aggregates().count(), 11);

    let plan = Plan::compile(fw, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, 0).unwrap();

    let (codes, expected) = reference_table("asem/coinr_reference/minmax_amean_aggregated.csv");
    let (rank_codes, expected_ranks) =
        reference_table("asem/coinr_reference/minmax_amean_ranks.csv");
    assert_eq!(codes.len(), 60);
    let mut compared = 0;
    for (unit_code, row) in &expected {
        let u = data.unit_index(unit_code).expect("unit of the reference");
        for (code, want) in codes.iter().zip(row) {
            let node = fw.index_of(code).expect("node of the reference");
            let got = results.values(node)[u];
            match (got, want) {
                (Some(g), Some(w)) => assert_abs_diff_eq!(g, *w, epsilon = COINR_ABS),
                (None, None) => {}
                _ => panic!("{unit_code}/{code}: got {got:?}, COINr {want:?}"),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 51 * 60);
    for (unit_code, row) in &expected_ranks {
        let u = data.unit_index(unit_code).unwrap();
        for (code, want) in rank_codes.iter().zip(row) {
            let node = fw.index_of(code).unwrap();
            assert_eq!(
                results.ranks(node)[u],
                *want,
                "rank of {unit_code} on {code}"
            );
        }
    }
}
