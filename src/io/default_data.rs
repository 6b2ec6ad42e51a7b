//! The embedded default data: CCID's Digital Economy Development Index 2020 for the provinces a
//! 2021 Guangxi Information Center brief benchmarks against, and the national average.
//! Compiled in so that examples and the demo work without any file.

/// iData of DEDI 2020 (seven provinces and the national-average reference row).
pub const DEDI_DATA: &str = include_str!("../../data/dedi/iData.csv");

/// iMeta of DEDI 2020 (one indicator, the published index).
pub const DEDI_META: &str = include_str!("../../data/dedi/iMeta.csv");

/// The build that shows the published index as it is: no rescaling of the one indicator.
pub const DEDI_SPEC: &str = r#"{"normalise": {"default": {"method": "none"}}}"#;

/// The DEDI 2020 data read and validated: its metadata (with the framework) and dataset.
pub fn dedi() -> crate::Result<(crate::io::Meta, crate::Dataset)> {
    crate::io::read_coin(
        DEDI_DATA.as_bytes(),
        "dedi/iData.csv",
        DEDI_META.as_bytes(),
        "dedi/iMeta.csv",
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn seed_data_loads_with_seven_ranked_provinces_and_one_reference_row() {
        let (meta, data) = super::dedi().unwrap();
        assert_eq!(meta.framework.len(), 1);
        assert_eq!(data.units().iter().filter(|u| u.is_ranked()).count(), 7);
        assert_eq!(data.n_units(), 8);
    }
}
