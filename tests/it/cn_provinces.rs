//! The long provincial panel in `data/cn-provinces/`: 31 provinces, five indicators,
//! 1992–2023, read with the long-format reader and the provinces table for names and regions.

use yardstick::io::{read_data, read_long};
use yardstick::{Unit, UnitCode};

use crate::shared::data_bytes;

/// Units from `provinces.csv` (GB/T 2260 code, names, NBS regions).
fn provinces() -> Vec<Unit> {
    let table = read_data(
        // The provinces table names its code column `code`; the wide reader wants `uCode`.
        String::from_utf8(data_bytes("cn-provinces/provinces.csv"))
            .unwrap()
            .replacen("code,", "uCode,", 1)
            .as_bytes(),
        "provinces.csv",
        None,
    )
    .unwrap();
    table
        .units()
        .iter()
        .map(|u| {
            let mut unit = Unit::new(
                UnitCode::new(u.code.as_str()).unwrap(),
                &u.groups["name_zh"],
            );
            unit.names.insert("en".into(), u.groups["name_en"].clone());
            for region in ["region4", "region3", "iso"] {
                unit.groups.insert(region.into(), u.groups[region].clone());
            }
            unit
        })
        .collect()
}

#[test]
fn long_panel_loads_every_cell() {
    let units = provinces();
    assert_eq!(units.len(), 31);
    let data = read_long(
        &data_bytes("cn-provinces/panel.csv"),
        "panel.csv",
        Some(units),
    )
    .unwrap();
    assert_eq!(data.n_units(), 31);
    assert_eq!(data.variables().len(), 5);
    assert_eq!(data.periods().first(), Some(&Some(1992)));
    assert_eq!(data.periods().last(), Some(&Some(2023)));
    let present: usize = (0..data.variables().len())
        .map(|v| data.panel_column(v).iter().flatten().count())
        .sum();
    // README: 899 + 403 + 403 + 434 + 434 cells.
    assert_eq!(present, 2_573);
    let gx = data.unit_index("450000").unwrap();
    assert_eq!(data.unit(gx).name_in("en"), "Guangxi");
    assert_eq!(data.unit(gx).groups["region4"], "West");
    let gdp = data.variable_index("gdp").unwrap();
    assert_eq!(
        data.column(gdp, data.period_of_year(2020).unwrap())[gx.index()],
        Some(22_156.7)
    );
}
