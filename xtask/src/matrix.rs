//! `cargo xtask gen-matrix`: a synthetic index as iData/iMeta CSV, the same bytes on every
//! machine, for timing the command line at the sizes the performance targets name.
//!
//! Values come from SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014), written in shortest round-trip form as R's `write.csv` and the
//! library do.

use std::fmt::Write as _;
use std::path::Path;

use crate::Failure;

/// Indicators per pillar: ten pillars of ten at 100 indicators, two of ten at 20.
const PER_PILLAR: usize = 10;

/// Share of missing cells, in thousandths.
const MISSING_PER_MILLE: u64 = 10;

/// The seed of every generated matrix.
const SEED: u64 = 2844;

/// SplitMix64: one 64-bit state, one multiply-xorshift output per step.
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator with this seed.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The iData text: `uCode,uName,i0,…`; one row per unit; 1% of cells missing unless
/// `complete` (MCDA methods need every cell).
pub fn idata(units: usize, indicators: usize, complete: bool) -> String {
    let mut rng = SplitMix::new(SEED);
    let mut out = String::with_capacity(units * indicators * 20);
    out.push_str("uCode,uName");
    for i in 0..indicators {
        let _ = write!(out, ",i{i}");
    }
    out.push('\n');
    for u in 0..units {
        let _ = write!(out, "U{u:06},Unit {u}");
        for _ in 0..indicators {
            out.push(',');
            // Two decimals in [0.01, 1000]: about 7 bytes a cell, as published statistics
            // are, and positive, as entropy weights need.
            let x = ((rng.next_f64() * 100_000.0).floor() + 1.0) / 100.0;
            if rng.next_u64() % 1000 >= MISSING_PER_MILLE || complete {
                let _ = write!(out, "{x}");
            }
        }
        out.push('\n');
    }
    out
}

/// The iMeta text: indicators `i<k>` in pillars `P<k % pillars>` under `Index`.
pub fn imeta(indicators: usize) -> String {
    let pillars = indicators.div_ceil(PER_PILLAR).max(1);
    let mut out = String::from("Level,iCode,iName,Direction,Weight,Parent,Type\n");
    for i in 0..indicators {
        let direction = if i % 7 == 3 { -1 } else { 1 };
        let _ = writeln!(
            out,
            "1,i{i},Indicator {i},{direction},1,P{},Indicator",
            i % pillars
        );
    }
    for p in 0..pillars {
        let _ = writeln!(out, "2,P{p},Pillar {p},,1,Index,Aggregate");
    }
    out.push_str("3,Index,Index,,1,,Aggregate\n");
    out
}

/// Writes `iData.csv` and `iMeta.csv` of `units` × `indicators` into `dir`.
pub fn write(dir: &Path, units: usize, indicators: usize, complete: bool) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    for (name, text) in [
        ("iData.csv", idata(units, indicators, complete)),
        ("iMeta.csv", imeta(indicators)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

/// `cargo xtask gen-matrix UNITS INDICATORS DIR [--complete]`.
pub fn command(args: &[String]) -> Result<(), Failure> {
    let usage = || Failure::new("usage: cargo xtask gen-matrix UNITS INDICATORS DIR [--complete]");
    let (complete, args) = match args {
        [rest @ .., last] if last == "--complete" => (true, rest),
        _ => (false, args),
    };
    let [units, indicators, dir] = args else {
        return Err(usage());
    };
    let units: usize = units.parse().map_err(|_| usage())?;
    let indicators: usize = indicators.parse().map_err(|_| usage())?;
    write(Path::new(dir), units, indicators, complete)?;
    println!("wrote {dir}/iData.csv and {dir}/iMeta.csv: {units} units × {indicators} indicators");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_shape() {
        let a = idata(5, 12, false);
        assert_eq!(a, idata(5, 12, false));
        assert!(!idata(50, 12, true).contains(",,"));
        let lines: Vec<&str> = a.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines.iter().all(|l| l.split(',').count() == 14));
        // 12 indicators make two pillars.
        assert!(imeta(12).contains("2,P1,Pillar 1"));
        assert!(!imeta(12).contains("P2"));
    }
}
