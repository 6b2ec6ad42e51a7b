//! Portable elementary functions. The platform's own `ln`, `exp`, `pow` and trigonometry (glibc natively,
//! a different implementation in WebAssembly) may round differently in the last bit, so the
//! same seed and data could give different bits in the browser. These call the `libm` crate
//! (a port of musl's libm) everywhere, so results are bit for bit the same on every target.
//! Square roots need nothing: IEEE 754 rounds them exactly everywhere.

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// `eˣ`.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// `atan2(y, x)`: the angle of the point `(x, y)`.
#[inline]
pub fn atan2(y: f64, x: f64) -> f64 {
    libm::atan2(y, x)
}

/// Sine.
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// Cosine.
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// `xʸ`.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within an ulp of the platform's functions: both are faithfully rounded.
    const ULP: f64 = 2.3e-16;

    #[test]
    fn agree_with_the_platform_to_an_ulp() {
        for x in [1e-300, 0.001, 0.5, 1.0, 2.0, 10.0, 12345.678, 1e300] {
            assert!(
                (ln(x) - x.ln()).abs() <= ULP * x.ln().abs().max(1.0),
                "ln {x}"
            );
            assert!(
                (pow(x, 0.37) - x.powf(0.37)).abs() <= ULP * x.powf(0.37),
                "pow {x}"
            );
        }
        for x in [-700.0, -1.0, 0.0, 0.5, 1.0, 20.0, 700.0] {
            assert!((exp(x) - x.exp()).abs() <= ULP * x.exp(), "exp {x}");
        }
    }
}
