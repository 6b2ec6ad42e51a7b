//! A seeded, portable pseudo-random number generator, so that sampling designs, bootstraps and
//! uncertainty runs give bit-identical streams on every platform (native 64-bit, 32-bit and
//! `wasm32`) and in every release of the crate.
//!
//! [`Rng`] is xoshiro256** (Blackman & Vigna 2021), seeded from one `u64` through
//! [`SplitMix64`] as its authors recommend. Both are written out here from the authors'
//! public-domain reference C code (<https://prng.di.unimi.it/xoshiro256starstar.c>,
//! <https://prng.di.unimi.it/splitmix64.c>) rather than taken from a crate, so that the stream
//! cannot change under a dependency upgrade: only integer shifts, rotations, xors and wrapping
//! multiplications, which are exact everywhere, plus one exact conversion to `f64`.
//!
//! # Stability
//!
//! The streams of [`Rng::seed_from_u64`], [`Rng::next_u64`], [`Rng::next_f64`],
//! [`Rng::uniform`] and [`Rng::below`] are part of the crate's contract: a given seed yields
//! the same values in every future version. The tests pin them to the reference values.
//!
//! ```
//! use yardstick::rng::Rng;
//!
//! let mut a = Rng::seed_from_u64(2024);
//! let mut b = Rng::seed_from_u64(2024);
//! let u = a.next_f64();
//! assert!((0.0..1.0).contains(&u));
//! assert_eq!(u.to_bits(), b.next_f64().to_bits()); // same seed, same bits
//! let die = a.below(6) + 1;
//! assert!((1..=6).contains(&die));
//! ```
//!
//! # References
//!
//! - D. Blackman and S. Vigna (2021), "Scrambled linear pseudorandom number generators",
//!   *ACM Transactions on Mathematical Software* 47(4), article 36.
//! - G. L. Steele Jr., D. Lea and C. H. Flood (2014), "Fast splittable pseudorandom number
//!   generators", *OOPSLA 2014*, pp. 453–472 (SplitMix).
//! - D. Lemire (2019), "Fast random integer generation in an interval", *ACM Transactions on
//!   Modeling and Computer Simulation* 29(1), article 3 ([`Rng::below`]).

use crate::math::{ln, pow};

/// SplitMix64 (Steele, Lea & Flood 2014), used to expand one `u64` seed into the 256-bit state
/// of [`Rng`], and handy on its own to derive several independent seeds from one.
///
/// # Formula
///
/// The state advances by the golden-ratio constant γ = `0x9e3779b97f4a7c15`; the output is the
/// state after the mixing function of Vigna's `splitmix64.c`:
/// z ← (z ⊕ (z ≫ 30)) · `0xbf58476d1ce4e5b9`; z ← (z ⊕ (z ≫ 27)) · `0x94d049bb133111eb`;
/// z ⊕ (z ≫ 31), all modulo 2⁶⁴.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose state is `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The crate's random number generator: xoshiro256** (Blackman & Vigna 2021), period 2²⁵⁶ − 1,
/// 256 bits of state, passes BigCrush. Not for cryptography.
///
/// # Formula
///
/// With state (s₀, s₁, s₂, s₃), the output is rotl(s₁ · 5, 7) · 9 (mod 2⁶⁴); the state then
/// advances by t = s₁ ≪ 17; s₂ ⊕= s₀; s₃ ⊕= s₁; s₁ ⊕= s₂; s₀ ⊕= s₃; s₂ ⊕= t; s₃ = rotl(s₃, 45),
/// as in the reference `xoshiro256starstar.c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator seeded from one `u64`: the four state words are the first four outputs of
    /// [`SplitMix64::new`]`(seed)`, the seeding the xoshiro authors recommend (`rand_xoshiro`'s
    /// `seed_from_u64` seeds the same way).
    ///
    /// Every seed is valid: SplitMix64's output function is a bijection, so four consecutive
    /// outputs are never all zero (the one state xoshiro cannot leave).
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut seeder = SplitMix64::new(seed);
        let s = [
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
        ];
        Rng { s }
    }

    /// A generator with the given raw state, for the reference vectors.
    #[cfg(test)]
    fn from_state(s: [u64; 4]) -> Self {
        Rng { s }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1).
    ///
    /// # Formula
    ///
    /// (x ≫ 11) · 2⁻⁵³ for the next 64-bit output x: the top 53 bits, so every value is a
    /// multiple of 2⁻⁵³ and the conversion is exact (Vigna, "Generating uniform doubles in the
    /// unit interval", <https://prng.di.unimi.it/>). Never returns 1.
    pub fn next_f64(&mut self) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
        (self.next_u64() >> 11) as f64 * SCALE
    }

    /// A uniform number between `low` and `high`.
    ///
    /// # Formula
    ///
    /// low + (high − low) · u with u = [`Rng::next_f64`]. Rounding may return `high` itself when
    /// the interval is wide relative to its endpoints; with `low > high` the roles swap.
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next_f64()
    }

    /// A uniform integer in 0..`n`, without modulo bias; 0 when `n` is 0.
    ///
    /// # Formula
    ///
    /// Lemire's (2019) multiply-and-reject method: m = x · n as a 128-bit product of the next
    /// output x; the result is m ≫ 64, redrawing x while the low 64 bits of m are below
    /// 2⁶⁴ mod n. Exact integer arithmetic, so the same on every platform.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            // Truncation keeps the low 64 bits, which is the point.
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A standard normal draw (Marsaglia's polar method, using two uniforms per attempt).
    ///
    /// # Formula
    /// With `u, v ~ U(−1, 1)` and `s = u² + v²` redrawn until `0 < s < 1`:
    /// `z = u · √(−2 ln s / s)`. Marsaglia & Bray (1964), *SIAM Review* 6(3).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = self.uniform(-1.0, 1.0);
            let v = self.uniform(-1.0, 1.0);
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * ln(s) / s).sqrt();
            }
        }
    }

    /// A Gamma(`shape`, 1) draw; 0 for a shape ≤ 0.
    ///
    /// # Formula
    /// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", *ACM TOMS*
    /// 26(3): for `a ≥ 1`, `d = a − 1/3`, `c = 1/√(9d)`, draw `z` normal and `u` uniform until
    /// `v = (1 + c z)³ > 0` and `ln u < z²/2 + d − d v + d ln v`; return `d v`. For `a < 1`,
    /// `Gamma(a) = Gamma(a + 1) · u^(1/a)`.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape <= 0.0 || !shape.is_finite() {
            return 0.0;
        }
        if shape < 1.0 {
            let u = self.next_f64();
            return self.gamma(shape + 1.0) * pow(u, 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = (1.0 + c * z).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.next_f64();
            if u > 0.0 && ln(u) < 0.5 * z * z + d - d * v + d * ln(v) {
                return d * v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_draws_have_the_right_mean_and_variance() {
        // Gamma(a, 1) has mean a and variance a; 20,000 draws put both within a few percent.
        const MOMENT_TOL: f64 = 0.06;
        let mut rng = Rng::seed_from_u64(7);
        for a in [0.5, 2.0, 9.0] {
            let n = 20_000;
            let draws: Vec<f64> = (0..n).map(|_| rng.gamma(a)).collect();
            let mean = draws.iter().sum::<f64>() / n as f64;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            assert!((mean / a - 1.0).abs() < MOMENT_TOL, "a = {a}: mean {mean}");
            assert!(
                (var / a - 1.0).abs() < MOMENT_TOL,
                "a = {a}: variance {var}"
            );
        }
    }

    /// SplitMix64 from seed 1477776061723855037: the first 10 of the 50 values that the
    /// `rand_xoshiro` crate (rust-random/rngs, `src/splitmix64.rs`, test `reference`) records
    /// as produced by Vigna's reference `splitmix64.c`.
    #[test]
    fn splitmix64_matches_reference_c_output() {
        let expected: [u64; 10] = [
            1985237415132408290,
            2979275885539914483,
            13511426838097143398,
            8488337342461049707,
            15141737807933549159,
            17093170987380407015,
            16389528042912955399,
            13177319091862933652,
            10841969400225389492,
            17094824097954834098,
        ];
        let mut rng = SplitMix64::new(1477776061723855037);
        for e in expected {
            assert_eq!(rng.next_u64(), e);
        }
    }

    /// xoshiro256** from state (1, 2, 3, 4): the values of Blackman & Vigna's reference
    /// `xoshiro256starstar.c`, as recorded in `rand_xoshiro`'s test `reference`
    /// (rust-random/rngs, `src/xoshiro256starstar.rs`) and in morinim/xoshiro256ss's test.
    #[test]
    fn xoshiro256starstar_matches_reference_c_output() {
        let expected: [u64; 10] = [
            11520,
            0,
            1509978240,
            1215971899390074240,
            1216172134540287360,
            607988272756665600,
            16172922978634559625,
            8476171486693032832,
            10595114339597558777,
            2904607092377533576,
        ];
        let mut rng = Rng::from_state([1, 2, 3, 4]);
        for e in expected {
            assert_eq!(rng.next_u64(), e);
        }
    }

    #[test]
    fn seeding_goes_through_splitmix64() {
        let mut seeder = SplitMix64::new(7);
        let state = [
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
        ];
        let mut a = Rng::seed_from_u64(7);
        let mut b = Rng::from_state(state);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    /// Pins the seeded stream of this crate so that a refactor cannot silently change every
    /// published sensitivity or uncertainty result. Values computed by this implementation
    /// after it reproduced both reference vectors above.
    #[test]
    fn seeded_stream_is_pinned() {
        let mut rng = Rng::seed_from_u64(0);
        let got: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(got, PINNED_SEED0);
        let mut rng = Rng::seed_from_u64(0);
        let expected = (PINNED_SEED0[0] >> 11) as f64 / (1u64 << 53) as f64;
        assert_eq!(rng.next_f64().to_bits(), expected.to_bits());
    }

    const PINNED_SEED0: [u64; 3] = [
        11091344671253066420,
        13793997310169335082,
        1900383378846508768,
    ];

    #[test]
    fn next_f64_is_in_unit_interval_with_the_right_mean() {
        let mut rng = Rng::seed_from_u64(42);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = rng.next_f64();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        // Standard error of the mean of U(0,1) is 1/sqrt(12 n) ≈ 0.0009; allow 5 of them.
        assert!((sum / n as f64 - 0.5).abs() < 0.0046);
    }

    #[test]
    fn next_f64_uses_the_top_53_bits() {
        let mut a = Rng::seed_from_u64(3);
        let mut b = Rng::seed_from_u64(3);
        for _ in 0..100 {
            let u = a.next_f64();
            let x = b.next_u64();
            assert_eq!(u * (1u64 << 53) as f64, (x >> 11) as f64);
        }
    }

    #[test]
    fn uniform_stays_in_range() {
        let mut rng = Rng::seed_from_u64(5);
        for _ in 0..10_000 {
            let x = rng.uniform(-std::f64::consts::PI, std::f64::consts::PI);
            assert!((-std::f64::consts::PI..=std::f64::consts::PI).contains(&x));
        }
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut rng = Rng::seed_from_u64(11);
        let mut counts = [0u32; 7];
        let draws = 70_000;
        for _ in 0..draws {
            let k = rng.below(7);
            counts[k as usize] += 1;
        }
        // Each count is Binomial(70000, 1/7): mean 10000, sd ≈ 92.6; allow 5 sd.
        for c in counts {
            assert!((f64::from(c) - 10_000.0).abs() < 463.0, "{counts:?}");
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
        // A bound just above 2^63 rejects almost half the draws and must still terminate.
        let big = (1u64 << 63) + 1;
        assert!(rng.below(big) < big);
    }

    #[test]
    fn different_seeds_give_different_streams() {
        let mut a = Rng::seed_from_u64(1);
        let mut b = Rng::seed_from_u64(2);
        let same = (0..64).filter(|_| a.next_u64() == b.next_u64()).count();
        assert_eq!(same, 0);
    }
}
