//! Linear algebra for principal components, written once: the eigen-decomposition of a
//! symmetric matrix and the varimax rotation of loadings. PCA weights (`pipeline::weight`)
//! and the audit's variance explained (`robustness::audit`) both use them.
//!
//! Own code rather than a linear-algebra crate: the matrices are a node's children (a handful
//! to a few dozen), the cyclic Jacobi method is a page of code with accuracy to the last bits,
//! and a crate such as `nalgebra` would bring its LAPACK-style machinery into the full browser
//! package for two functions. Trigonometry comes from `math` (the `libm` crate), so a rotation
//! is the same bits natively and in WebAssembly.

use crate::math::{atan2, cos, sin};

/// Cap on Jacobi sweeps; the cyclic method converges quadratically, usually in under 10.
const JACOBI_MAX_SWEEPS: usize = 100;

/// Cap on varimax sweeps over all pairs of factors.
const VARIMAX_MAX_SWEEPS: usize = 1000;

/// Varimax stops when no pair rotates by more than this angle (as its sine, which equals
/// the angle in radians to well below this size).
const VARIMAX_ANGLE_TOL: f64 = 1e-13;

/// Eigenvalues (largest first) and unit eigenvectors (`n × n` row-major, column `f` belongs to
/// eigenvalue `f`) of the symmetric `n × n` row-major matrix `a`, by the cyclic Jacobi method
/// (Golub & Van Loan, *Matrix Computations*, "the symmetric Jacobi method").
pub(crate) fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; n * n];
    (0..n).for_each(|i| v[i * n + i] = 1.0);
    let scale: f64 = a.iter().map(|x| x * x).sum::<f64>();
    for _ in 0..JACOBI_MAX_SWEEPS {
        let off: f64 = (0..n)
            .flat_map(|p| (p + 1..n).map(move |q| (p, q)))
            .map(|(p, q)| a[p * n + q].powi(2))
            .sum();
        if off <= scale * f64::EPSILON * f64::EPSILON {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                // The rotation that zeroes a[p][q] with the smaller angle (Numerical Recipes'
                // form): θ = (a_qq − a_pp) / 2a_pq, t = sgn θ / (|θ| + √(θ² + 1)).
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + theta.hypot(1.0));
                let c = 1.0 / t.hypot(1.0);
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    // Descending eigenvalues, ties in index order (a stable sort).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[j * n + j].total_cmp(&a[i * n + i]));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let mut vectors = vec![0.0; n * n];
    for (f, &i) in order.iter().enumerate() {
        for k in 0..n {
            vectors[k * n + f] = v[k * n + i];
        }
    }
    (values, vectors)
}

/// Varimax rotation, in place, of the `n × k` row-major `loadings`, with Kaiser row
/// normalisation; Kaiser's (1958) pairwise rotations until no angle exceeds the tolerance.
pub(crate) fn varimax(loadings: &mut [f64], n: usize, k: usize) {
    if k < 2 {
        return;
    }
    let communality: Vec<f64> = (0..n)
        .map(|j| {
            let h = loadings[j * k..(j + 1) * k]
                .iter()
                .map(|x| x * x)
                .sum::<f64>()
                .sqrt();
            // A row without loadings stays as it is.
            if h > 0.0 {
                h
            } else {
                1.0
            }
        })
        .collect();
    for j in 0..n {
        loadings[j * k..(j + 1) * k]
            .iter_mut()
            .for_each(|x| *x /= communality[j]);
    }
    let rows = n as f64;
    for _ in 0..VARIMAX_MAX_SWEEPS {
        let mut largest = 0.0_f64;
        for p in 0..k {
            for q in p + 1..k {
                let (mut a, mut b, mut c, mut d) = (0.0, 0.0, 0.0, 0.0);
                for j in 0..n {
                    let (x, y) = (loadings[j * k + p], loadings[j * k + q]);
                    let u = x * x - y * y;
                    let v = 2.0 * x * y;
                    a += u;
                    b += v;
                    c += u * u - v * v;
                    d += 2.0 * u * v;
                }
                let numerator = d - 2.0 * a * b / rows;
                let denominator = c - (a * a - b * b) / rows;
                // Kaiser's angle: tan 4φ = numerator / denominator, in the quadrant atan2 gives.
                let phi = atan2(numerator, denominator) / 4.0;
                let (sin, cos) = (sin(phi), cos(phi));
                largest = largest.max(sin.abs());
                for j in 0..n {
                    let (x, y) = (loadings[j * k + p], loadings[j * k + q]);
                    loadings[j * k + p] = x * cos + y * sin;
                    loadings[j * k + q] = -x * sin + y * cos;
                }
            }
        }
        if largest < VARIMAX_ANGLE_TOL {
            break;
        }
    }
    for j in 0..n {
        loadings[j * k..(j + 1) * k]
            .iter_mut()
            .for_each(|x| *x *= communality[j]);
    }
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;

    #[test]
    fn jacobi_reconstructs_the_matrix_with_orthonormal_vectors() {
        let n = 4;
        let a = vec![
            4.0, 1.0, -2.0, 0.5, //
            1.0, 3.0, 0.0, 1.5, //
            -2.0, 0.0, 5.0, -1.0, //
            0.5, 1.5, -1.0, 2.0,
        ];
        let (values, vectors) = symmetric_eigen(a.clone(), n);
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
        for i in 0..n {
            for j in 0..n {
                let back: f64 = (0..n)
                    .map(|f| vectors[i * n + f] * values[f] * vectors[j * n + f])
                    .sum();
                assert_abs_diff_eq!(back, a[i * n + j], epsilon = 1e-12);
                let dot: f64 = (0..n)
                    .map(|k| vectors[k * n + i] * vectors[k * n + j])
                    .sum();
                assert_abs_diff_eq!(dot, if i == j { 1.0 } else { 0.0 }, epsilon = 1e-12);
            }
        }
    }

    #[test]
    fn varimax_keeps_a_simple_structure_and_rotates_a_mixed_one_back() {
        // Two factors loading on disjoint children are already simple: varimax keeps them.
        let simple = [0.9, 0.0, 0.8, 0.0, 0.0, 0.7];
        let mut rotated = simple;
        varimax(&mut rotated, 3, 2);
        for (got, want) in rotated.iter().zip(simple) {
            assert_abs_diff_eq!(*got, want, epsilon = 1e-12);
        }
        // The same structure turned by 30°: varimax turns it back (up to the factors' signs).
        let (s, c) = (0.5_f64, 0.75_f64.sqrt());
        let mut mixed: Vec<f64> = simple
            .chunks(2)
            .flat_map(|row| [row[0] * c - row[1] * s, row[0] * s + row[1] * c])
            .collect();
        varimax(&mut mixed, 3, 2);
        for (got, want) in mixed.iter().zip(simple) {
            assert_abs_diff_eq!(got.abs(), want, epsilon = 1e-12);
        }
    }
}
