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

    let published = reference_table("hdi/official_sample.csv");
    assert_eq!(published.variables(), ["hdi", "hdi_rank"]);
    assert_eq!(published.n_units(), 10);
    let mut buf = String::new();
    for (p, unit) in published.units().iter().enumerate() {
        let u = data.unit_index(unit.code.as_str()).unwrap();
        let value = results.values(hdi)[u].unwrap();
        assert_eq!(
            Some(round_as_published(value, 3, &mut buf)),
            published.column(0, 0)[p],
            "HDI of {} ({value})",
            unit.code
        );
        assert_eq!(
            results.ranks(hdi)[u],
            published.column(1, 0)[p],
            "HDI rank of {}",
            unit.code
        );
    }
}
