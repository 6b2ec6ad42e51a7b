//! The UNDP Human Development Index, HDR 2021/22 method (technical note 1), expressed as
//! `examples/hdi/iMeta.csv` + `examples/hdi/build.json`, checked against the published values
//! in `data/hdi/official_sample.csv`.

use yardstick::pipeline::rounding::round_as_published;
use yardstick::PeriodId;
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
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    let hdi = meta.framework.index_of("HDI").unwrap();

    let published = reference_table("hdi/official_sample.csv");
    assert_eq!(published.variables(), ["hdi", "hdi_rank"]);
    assert_eq!(published.n_units(), 10);
    for (p, unit) in published.units().iter().enumerate() {
        let u = data.unit_index(unit.code.as_str()).unwrap();
        let value = results.value(hdi, u).unwrap();
        assert_eq!(
            Some(round_as_published(value, 3)),
            published.column(0, PeriodId::new(0))[p],
            "HDI of {} ({value})",
            unit.code
        );
        assert_eq!(
            results.rank(hdi, u),
            published.column(1, PeriodId::new(0))[p],
            "HDI rank of {}",
            unit.code
        );
    }
}

/// The same method with the goalposts in iMeta (COINr's `use_iMeta` columns) and
/// `indicator_goalposts` as the normalisation gives bit-identical scores.
#[test]
fn hdi_goalposts_from_imeta_match_the_spec() {
    let meta_with_goalposts = "\
iCode,Level,Parent,Type,goalpost_lower,goalpost_upper,goalpost_log
le,1,Health,Indicator,20,85,
eys,1,Education,Indicator,0,18,
mys,1,Education,Indicator,0,15,
gnipc,1,Income,Indicator,100,75000,TRUE
Health,2,HDI,Aggregate,,,
Education,2,HDI,Aggregate,,,
Income,2,HDI,Aggregate,,,
HDI,3,,Aggregate,,,
";
    let data = data_bytes("hdi/iData.csv");
    let run = |meta: &[u8], spec: &str| {
        let (meta, ds) = io::read_coin(&data, "iData.csv", meta, "iMeta.csv").unwrap();
        let plan =
            Plan::compile(&meta.framework, &ds, &BuildSpec::from_json(spec).unwrap()).unwrap();
        let hdi = meta.framework.index_of("HDI").unwrap();
        plan.run(&ds, PeriodId::new(0))
            .unwrap()
            .values(hdi)
            .to_vec()
    };
    let from_spec = run(META.as_bytes(), SPEC);
    let from_meta = run(
        meta_with_goalposts.as_bytes(),
        r#"{"normalise": {"default": {"method": "indicator_goalposts"}},
            "aggregate": {"nodes": {"HDI": {"method": "gmean"}}}}"#,
    );
    assert_eq!(from_spec, from_meta);
}
