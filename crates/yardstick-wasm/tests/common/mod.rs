//! What the native and the browser tests share: the data, the specs, and a digest of every
//! f64 bit pattern of a build, so that "identical" means bit for bit.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

/// ASEM (51 countries, 49 indicators, 4 levels, missing cells), the shared real data set
/// beside the repository (`../shared/data/asem`), embedded at compile time.
pub const ASEM_DATA: &str = include_str!("../../../../../shared/data/asem/iData.csv");
/// ASEM's iMeta.
pub const ASEM_META: &str = include_str!("../../../../../shared/data/asem/iMeta.csv");

/// COINr's default build (min-max 0–100, iMeta weights, arithmetic means).
pub const ASEM_SPEC: &str = "{}";
/// The seed data's build: the published index as it is (the demo page's spec).
pub const SEED_SPEC: &str = r#"{"normalise": {"default": {"method": "none"}}}"#;

/// Digests of the native build, checked by the native test and by the browser test: the same
/// constant on both sides means the same bits. If the core's numbers change on purpose, the
/// native test fails first and prints the new digest to put here.
pub const ASEM_DIGEST: u64 = 0x1794_b3f5_9e82_d45a;
/// Digest of the seed data's build.
pub const SEED_DIGEST: u64 = 0x8da8_e599_60b2_1cd4;

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
