//! Numbers as text: the shortest decimal that reads back as the same f64, written exactly as
//! Rust's `Display` writes it (`12.5`, `3`, `-0`, `0.0000001`, never an exponent), but by `ryu`.
//!
//! Why not `write!(out, "{x}")`: the standard library finds the digits with Grisu and a
//! Dragon4 fallback and goes through the formatting machinery; for a results table of
//! 300,000 cells that was half of `yardstick compute`'s instructions (480 per number, by
//! `valgrind --tool=callgrind`), and `ryu` finds the same digits in about a third. Both
//! give the shortest digits that round-trip and, among those, the closest to the value, so
//! only the layout differs: `ryu` writes `3.0` and `1e-7`, which are rewritten here.

/// Appends `x` to `out` as `format!("{x}")` would.
///
/// # Formula
/// The digits are the shortest decimal d₁…dₙ × 10ᵉ that rounds to `x` (ties to the closest
/// to `x`): Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018. They are laid out
/// without an exponent, with no trailing `.0` for whole numbers (Rust's `Display` for `f64`).
pub fn push_shortest(out: &mut String, x: f64) {
    if !x.is_finite() {
        // Results hold no such value; written as Display does all the same.
        out.push_str(if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        });
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x);
    // An exponent is at most `e-324`: only the last five bytes can hold the `e`, and
    // searching them alone keeps the common case to a few comparisons.
    let tail = text.len().saturating_sub(5);
    match text.as_bytes()[tail..].iter().position(|&b| b == b'e') {
        None => out.push_str(text.strip_suffix(".0").unwrap_or(text)),
        Some(e) => expand(out, &text[..tail + e], &text[tail + e + 1..]),
    }
}

/// Lays out `mantissa` × 10^`exponent` (as `ryu` writes them: `-1.25`, `-7`) without an
/// exponent.
fn expand(out: &mut String, mantissa: &str, exponent: &str) {
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // `ryu` writes an exponent of at most three digits: it always parses.
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let point = whole.len() as i64 + exponent;
    out.push_str(sign);
    let digits = || whole.chars().chain(fraction.chars());
    let n = (whole.len() + fraction.len()) as i64;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.extend(digits());
    } else if point >= n {
        out.extend(digits());
        out.extend(std::iter::repeat_n('0', (point - n) as usize));
    } else {
        let point = point as usize;
        out.extend(digits().take(point));
        out.push('.');
        out.extend(digits().skip(point));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(x: f64) -> String {
        let mut s = String::new();
        push_shortest(&mut s, x);
        s
    }

    #[test]
    fn lays_out_as_display_does() {
        for x in [
            0.0,
            -0.0,
            3.0,
            12.5,
            -0.1,
            1e-7,
            -1.25e-300,
            1e20,
            1.234e21,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            123456789012345680.0,
            0.000123,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(shown(x), format!("{x}"), "{x:e}");
        }
    }

    proptest! {
        #[test]
        fn any_bits_as_display(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(shown(x), format!("{x}"));
        }

        #[test]
        fn ordinary_magnitudes_as_display(x in -1e6f64..1e6) {
            prop_assert_eq!(shown(x), format!("{x}"));
        }
    }
}
