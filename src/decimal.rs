//! Decimal text of numbers, and published rounding, by integer arithmetic.
//!
//! The standard library's float formatting (shortest and fixed-precision, with their tables)
//! is a large part of the browser build, and the crate needs only two things of it: numbers
//! in messages ([`Shown`]) and rounding as a published table shows a value
//! ([`round_as_published`]). Both are done here with integers, so that the formatting code
//! stays out of the WebAssembly module.

use std::fmt::{self, Write};

/// Significant digits of a number in a message: enough to tell any two values a user would
/// type apart, few enough that the scaling's rounding error (a few units in the 16th digit)
/// never shows.
const SHOWN_DIGITS: i32 = 12;

/// `10^SHOWN_DIGITS`, the first integer with one digit too many.
const SHOWN_LIMIT: f64 = 1e12;

/// Most decimals [`round_as_published`] rounds to: beyond 15, an `f64` has no more digits to
/// round (it holds about 15 significant digits), and up to 15 the exact comparison below
/// needs only `x` and its two neighbours.
pub const MAX_DECIMALS: u32 = 15;

/// A number as a message shows it: integers in full, other values to 12 significant digits
/// without trailing zeros, in positional notation from `1e-5` to `1e15` and as `1.5e-7`
/// outside; `NaN`, `inf` and `-inf` as Rust writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown(pub f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        let x = x.abs();
        if x.is_infinite() {
            return f.write_str("inf");
        }
        // Integers below 2^53 convert exactly.
        if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
            return write!(f, "{}", x as u64);
        }
        let (digits, exponent) = significant_digits(x);
        let text = digits.to_string();
        let text = text.trim_end_matches('0');
        if (-5..15).contains(&exponent) {
            if exponent < 0 {
                f.write_str("0.")?;
                for _ in 0..-exponent - 1 {
                    f.write_str("0")?;
                }
                f.write_str(text)
            } else {
                let whole = exponent as usize + 1;
                write_digits(f, text, whole)?;
                for _ in text.len()..whole {
                    f.write_str("0")?;
                }
                Ok(())
            }
        } else {
            write_digits(f, text, 1)?;
            write!(f, "e{exponent}")
        }
    }
}

/// `digits` with a decimal point after the first `whole` of them, if any follow. Digit by
/// digit: slicing a str would bring its panic message (and Unicode tables) into the browser
/// build.
fn write_digits(f: &mut fmt::Formatter<'_>, digits: &str, whole: usize) -> fmt::Result {
    for (i, digit) in digits.chars().enumerate() {
        if i == whole {
            f.write_str(".")?;
        }
        f.write_char(digit)?;
    }
    Ok(())
}

/// The 12 significant digits of a finite `x > 0` as an integer `d` with
/// `10^11 ≤ d < 10^12`, and the decimal exponent of the first: `x ≈ d · 10^(e − 11)`.
fn significant_digits(x: f64) -> (u64, i32) {
    // Subnormals and the smallest normals: scale up first, so that the powers of ten below
    // stay finite.
    let (x, offset) = if x < 1e-280 {
        (x * 1e300, -300)
    } else {
        (x, 0)
    };
    // log10(x) from the binary exponent, then corrected by at most one either way.
    let binary = ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut exponent = (f64::from(binary) * std::f64::consts::LOG10_2).floor() as i32;
    let scaled = |exponent: i32| {
        let shift = SHOWN_DIGITS - 1 - exponent;
        if shift >= 0 {
            x * 10f64.powi(shift)
        } else {
            x / 10f64.powi(-shift)
        }
    };
    let mut digits = scaled(exponent).round();
    if digits >= SHOWN_LIMIT {
        exponent += 1;
        digits = scaled(exponent).round();
    } else if digits < SHOWN_LIMIT / 10.0 {
        exponent -= 1;
        digits = scaled(exponent).round();
    }
    // Rounding up may carry into a 13th digit: 9.9999999999996 shows as 10.
    if digits >= SHOWN_LIMIT {
        digits /= 10.0;
        exponent += 1;
    }
    (digits as u64, exponent + offset)
}

/// Rounds `x` to `decimals` the way a published table shows it: the decimal expansion of the
/// exact binary value rounded half to even at that decimal (as Rust's `{:.3}` prints it), read
/// back as the nearest `f64`. Decimals beyond [`MAX_DECIMALS`] round at [`MAX_DECIMALS`].
///
/// # Formula
/// With `x = m · 2^q` exactly (`m < 2^53`) and `n = m · 10^d`, the rounded decimal is
/// `r / 10^d` where `r = round_half_even(n / 2^−q)` (for `q ≥ 0`, `x` is an integer and is
/// returned). For `r < 2^53` both `r` and `10^d` are exact `f64`s, and IEEE division rounds
/// their quotient to the nearest `f64` as reading the text would (Clinger 1990, the fast
/// path). Otherwise `r / 10^d` lies within half a unit of the last decimal of `x`, which
/// is less than one of `x`'s steps, so the nearest `f64` is `x` or a neighbour: the one of the
/// three closest to `r / 10^d`, compared exactly in integers.
pub fn round_as_published(x: f64, decimals: u32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let d = decimals.min(MAX_DECIMALS);
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, q) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if q >= 0 {
        return x;
    }
    let shift = q.unsigned_abs();
    let power = 10u128.pow(d);
    // m < 2^53 and 10^15 < 2^50: n < 2^103.
    let n = u128::from(m) * power;
    if shift > 104 {
        // n < 2^103 < half of 2^shift: the value rounds to zero at this decimal.
        return 0.0f64.copysign(x);
    }
    let quotient = n >> shift;
    let remainder = n & ((1 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let up = remainder > half || (remainder == half && quotient & 1 == 1);
    let r = quotient + u128::from(up);
    if r < 1 << 53 {
        let value = r as f64 / power as f64;
        return value.copysign(x);
    }
    // (r · 2^shift − n) / 2^shift, in units of 10^−d: how far the decimal is from x.
    let above = if up {
        ((1u128 << shift) - remainder) as i128
    } else {
        -(remainder as i128)
    };
    // x + k steps is (m + k) · 2^q; its distance to the decimal, in the same units, is
    // |above − k · 10^d|. |above| < 2^shift < 10^d here, so k is −1, 0 or 1; and x is not
    // a power of two (where the step below is half as long): that needs |x| < 1 and
    // |x| · 10^d ≥ 2^53, so d ≥ 17.
    let step = power as i128;
    let best = [0i128, 1, -1]
        .into_iter()
        .min_by_key(|&k| ((above - k * step).unsigned_abs(), (i128::from(m) + k) & 1))
        .unwrap_or(0);
    let neighbour = match best {
        1 => f64::from_bits(x.abs().to_bits() + 1),
        -1 => f64::from_bits(x.abs().to_bits() - 1),
        _ => x.abs(),
    };
    neighbour.copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The standard library's exact formatting, read back: the definition being replaced.
    fn by_formatting(x: f64, decimals: u32) -> f64 {
        format!("{:.*}", decimals as usize, x).parse().unwrap()
    }

    #[test]
    fn rounding_follows_the_decimal_expansion() {
        // 0.9615 is stored as 0.96150000000000002…, so it rounds up; 0.0625 is an exact tie.
        assert_eq!(round_as_published(0.9615, 3), 0.962);
        assert_eq!(round_as_published(0.0625, 3), 0.062);
        assert_eq!(round_as_published(0.7686, 3), 0.769);
        assert_eq!(round_as_published(2.5, 0), 2.0);
        assert_eq!(round_as_published(-2.675, 2), -2.67);
        assert_eq!(round_as_published(1e-30, 15), 0.0);
        assert!(round_as_published(-1e-30, 15).is_sign_negative());
        assert_eq!(round_as_published(f64::MIN_POSITIVE / 8.0, 15), 0.0);
        assert!(round_as_published(f64::NAN, 3).is_nan());
        assert_eq!(round_as_published(f64::INFINITY, 3), f64::INFINITY);
        assert_eq!(round_as_published(123_456_789.0, 3), 123_456_789.0);
    }

    proptest! {
        #[test]
        fn rounding_equals_formatting_and_reading_back(
            mantissa in 1u64..(1 << 53),
            exponent in -80i32..60,
            decimals in 0u32..=MAX_DECIMALS,
            negative in any::<bool>(),
        ) {
            let x = mantissa as f64 * 2f64.powi(exponent - 52);
            let x = if negative { -x } else { x };
            prop_assert_eq!(
                round_as_published(x, decimals).to_bits(),
                by_formatting(x, decimals).to_bits(),
                "{} to {} decimals", x, decimals
            );
        }

        #[test]
        fn rounding_scores_equals_formatting(x in -1e3..1e3_f64, decimals in 0u32..=15) {
            prop_assert_eq!(
                round_as_published(x, decimals).to_bits(),
                by_formatting(x, decimals).to_bits()
            );
        }

        #[test]
        fn shown_reads_back_to_twelve_digits(x in any::<f64>()) {
            prop_assume!(x.is_finite());
            let text = Shown(x).to_string();
            let back: f64 = text.parse().unwrap();
            let tolerance = 5e-12 * x.abs();
            prop_assert!((back - x).abs() <= tolerance, "{x} shown as {text}");
            prop_assert_eq!(format!("{:.11e}", x).parse::<f64>().unwrap(), {
                let again: f64 = format!("{:.11e}", back).parse().unwrap();
                again
            }, "{} shown as {}", x, text);
        }
    }

    #[test]
    fn shown_texts() {
        for (x, text) in [
            (0.0, "0"),
            (-0.0, "-0"),
            (3.0, "3"),
            (-1.0, "-1"),
            (0.1, "0.1"),
            (-0.5, "-0.5"),
            (26.2, "26.2"),
            (39.1, "39.1"),
            (1.234567, "1.234567"),
            (0.1 + 0.2, "0.3"),
            (1e-5, "0.00001"),
            (1.5e-7, "1.5e-7"),
            (1e15, "1000000000000000"),
            (1.5e20, "1.5e20"),
            (1.25e300, "1.25e300"),
            (5e-324, "4.94065645841e-324"),
            (123456.7, "123456.7"),
            (9.99999999999996, "10"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(Shown(x).to_string(), text, "{x:e}");
        }
    }
}
