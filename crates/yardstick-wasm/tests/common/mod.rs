//! What the native and the browser tests share: the data, the specs, and a digest of every
//! f64 bit pattern of a build, so that "identical" means bit for bit.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

/// ASEM (51 countries, 49 indicators, 4 levels, missing cells), vendored in the
/// repository's `data/asem/`, embedded at compile time.
pub const ASEM_DATA: &str = include_str!("../../../../data/asem/iData.csv");
/// ASEM's iMeta.
pub const ASEM_META: &str = include_str!("../../../../data/asem/iMeta.csv");

/// The 31-province innovation panel (2011–2023) of `examples/provinces/`.
pub const PROVINCES_DATA: &str = include_str!("../../../../examples/provinces/iData.csv");
/// Its iMeta.
pub const PROVINCES_META: &str = include_str!("../../../../examples/provinces/iMeta.csv");
/// Its build spec.
pub const PROVINCES_SPEC: &str = include_str!("../../../../examples/provinces/build.json");

/// The compiled documents of `www/data/` (`yardstick export --widget` of the data above; a
/// CLI test keeps them current).
pub const ASEM_DOCUMENT: &str = include_str!("../../../../www/data/asem.json");
/// The seed data's document.
pub const SEED_DOCUMENT: &str = include_str!("../../../../www/data/dedi.json");
/// The 31 provinces' document.
pub const PROVINCES_DOCUMENT: &str = include_str!("../../../../www/data/cn-provinces.json");

/// COINr's default build (min-max 0–100, iMeta weights, arithmetic means).
pub const ASEM_SPEC: &str = "{}";
/// The seed data's build: the published index as it is (the demo page's spec).
pub const SEED_SPEC: &str = r#"{"normalise": {"default": {"method": "none"}}}"#;

/// COINr's sensitivity-vignette choices on ASEM (`examples/asem/uncertainty.json`).
pub const UNCERTAINTY_SPEC: &str = include_str!("../../../../examples/asem/uncertainty.json");
/// Replications and seed of the uncertainty check: enough to draw every alternative.
pub const UNCERTAINTY_RUNS: usize = 200;
/// Seed of the uncertainty check.
pub const UNCERTAINTY_SEED: u64 = 1;

/// Digest of every statistic of the uncertainty analysis (see [`uncertainty_digest`]).
pub const UNCERTAINTY_DIGEST: u64 = 0xef4d_70c9_c75d_d206;

/// Runs the uncertainty analysis with the core and digests every per-unit statistic: the
/// seeded generator, the sampling and the pipeline must give the same bits on every target.
pub fn uncertainty_digest() -> u64 {
    use yardstick::robustness::uncertainty::{Engine, UncertaintySpec};
    let (meta, data) = yardstick::io::read_coin(
        ASEM_DATA.as_bytes(),
        "iData.csv",
        ASEM_META.as_bytes(),
        "iMeta.csv",
    )
    .expect("ASEM loads");
    let spec = UncertaintySpec::from_json(UNCERTAINTY_SPEC).expect("spec parses");
    let mut engine = Engine::new(
        &meta.framework,
        &data,
        yardstick::PeriodId::new(0),
        spec,
        UNCERTAINTY_SEED,
    )
    .expect("engine");
    let result = engine
        .uncertainty(UNCERTAINTY_RUNS, UNCERTAINTY_SEED, 10)
        .expect("replications");
    let mut digest = Digest::default();
    for u in &result.units {
        for x in [
            u.nominal,
            u.median,
            u.p05,
            u.p95,
            u.mean_score,
            u.sd_score,
            u.top_probability,
            u.mean_abs_shift,
        ] {
            digest.cell(x);
        }
    }
    digest.value()
}

/// Digests of the native build, checked by the native test and by the browser test: the same
/// constant on both sides means the same bits. If the core's numbers change on purpose, the
/// native test fails first and prints the new digest to put here.
pub const ASEM_DIGEST: u64 = 0x1794_b3f5_9e82_d45a;
/// Digest of the seed data's build.
pub const SEED_DIGEST: u64 = 0x8da8_e599_60b2_1cd4;

/// Digest of the 31 provinces' build in every year, oldest first.
pub const PROVINCES_DIGEST: u64 = 0x4b8e_3e8a_11a9_6f17;
/// Digest of ASEM's build after every node's weight is set by [`reweighted`].
pub const REWEIGHTED_DIGEST: u64 = 0x342f_16b7_0851_d283;
/// Digest of Guangxi's catch-up with the leader on the provinces' index (compound growth,
/// the widest window): both growth rates, the years and the year reached.
pub const CATCH_UP_DIGEST: u64 = 0xd40f_285e_25be_d378;

/// The weight a re-weighting test gives node `node`: unequal, so that every level moves.
pub fn reweighted(node: usize) -> f64 {
    1.0 + (node % 4) as f64 * 0.75
}

/// FNV-1a over cells in node-major order: a missing cell hashes a 0 byte, a present one a 1
/// byte and the 8 bytes of its bit pattern. Scores first, then ranks.
#[derive(Debug, Clone, Copy)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    /// Adds one cell.
    pub fn cell(&mut self, x: Option<f64>) {
        match x {
            None => self.byte(0),
            Some(x) => {
                self.byte(1);
                x.to_bits().to_le_bytes().iter().for_each(|&b| self.byte(b));
            }
        }
    }

    /// The digest so far.
    pub fn value(self) -> u64 {
        self.0
    }
}
