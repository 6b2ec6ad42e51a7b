//! UN E-Government Development Index: EGDI = (OSI + TII + HCI) / 3 on a four-edition panel
//! (`examples/egdi/`), checked against the top three of each UN E-Government Survey.

use yardstick::{io, BuildSpec, Plan};

use crate::shared::data_bytes;

const META: &str = include_str!("../../examples/egdi/iMeta.csv");
const SPEC: &str = include_str!("../../examples/egdi/build.json");

/// UN DESA averages unrounded components; the published components carry 4–5 decimals, so the
/// mean of them may differ from the published EGDI in the 4th decimal.
const FROM_ROUNDED_COMPONENTS: f64 = 2e-4;

#[test]
fn egdi_panel_reproduces_each_surveys_leaders() {
    let (meta, data) = io::read_coin(
        &data_bytes("egdi/iData.csv"),
        "iData.csv",
        META.as_bytes(),
        "iMeta.csv",
    )
    .unwrap();
    assert_eq!(data.n_units(), 193);
    assert_eq!(
        data.periods(),
        &[Some(2016), Some(2018), Some(2022), Some(2024)]
    );
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::from_json(SPEC).unwrap()).unwrap();
    let egdi = meta.framework.index_of("EGDI").unwrap();
    // United Nations E-Government Surveys 2016, 2018, 2022 and 2024: ranks 1–3.
    let published = [
        (2016, [("GBR", 0.9193), ("AUS", 0.9143), ("KOR", 0.8915)]),
        (2018, [("DNK", 0.9150), ("AUS", 0.9053), ("KOR", 0.9010)]),
        (2022, [("DNK", 0.9717), ("FIN", 0.9533), ("KOR", 0.9529)]),
        (2024, [("DNK", 0.9847), ("EST", 0.9727), ("SGP", 0.9691)]),
    ];
    for (year, top) in published {
        let results = plan.run(&data, data.period_of_year(year).unwrap()).unwrap();
        for (rank, (code, value)) in top.iter().enumerate() {
            let u = data.unit_index(code).unwrap();
            let got = results.value(egdi, u).unwrap();
            assert!(
                (got - value).abs() <= FROM_ROUNDED_COMPONENTS,
                "{year} {code}: {got}"
            );
            assert_eq!(
                results.rank(egdi, u),
                Some(rank as f64 + 1.0),
                "{year} {code}"
            );
        }
    }
}
