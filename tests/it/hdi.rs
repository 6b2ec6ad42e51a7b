//! The UNDP Human Development Index, HDR 2021/22 method (technical note 1), expressed as
//! `examples/hdi/iMeta.csv` + `examples/hdi/build.json`, checked against the published values
//! in `../shared/data/hdi/official_sample.csv`.

use yardstick::rank::round_as_published;
use yardstick::{io, BuildSpec, Plan};

use crate::shared::{data_bytes, reference_table};

const META: &str = include_str!("../../examples/hdi/iMeta.csv");
const SPEC: &str = include_str!("../../examples/hdi/build.json");

#[test]
fn hdi_2021_reproduces_published_values_and_ranks() {
    let (meta, data) = io::read_coin(
        &data_bytes("hdi/iData.csv"),
        "iData.csv",
        META.as_bytes(),
        "iMeta.csv",
    )
    .unwrap();
    assert_eq!(data.n_units(), 191);
    let spec = BuildSpec::from_json(SPEC).unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    let results = plan.run(&data, 0).unwrap();
    let hdi = meta.framework.index_of("HDI").unwrap();

    let (columns, published) = reference_table("hdi/official_sample.csv");
    assert_eq!(columns, ["hdi", "hdi_rank"]);
    assert_eq!(published.len(), 10);
    let mut buf = String::new();
    for (code, row) in published {
        let u = data.unit_index(&code).unwrap();
        let value = results.values(hdi)[u].unwrap();
        assert_eq!(
            round_as_published(value, 3, &mut buf),
            row[0].unwrap(),
            "HDI of {code} ({value})"
        );
        assert_eq!(results.ranks(hdi)[u], row[1], "HDI rank of {code}");
    }
}
