//! Variance-based (Sobol') sensitivity analysis, and a one-at-a-time screen, for any model of
//! d inputs in the unit cube: the uncertainty analysis plugs the index pipeline in as the model.
//!
//! A [`SobolDesign`] lists the input points, the caller evaluates the model once per point
//! (any number of outputs per point, e.g. the rank of every unit), and [`sobol_indices`] (or
//! [`sobol_indices_multi`]) turns the outputs into first-order and total-order indices with
//! bootstrap confidence intervals. [`analyse`] does all three for a closure. Inputs are uniform
//! on [0, 1); map them to the real factor (a weight range, a choice among normalisation
//! methods) inside the model, e.g. by an inverse distribution function.
//!
//! ```
//! use yardstick::robustness::sensitivity::analyse;
//!
//! // Y = X₁ + 2 X₂ with independent uniform inputs: V₁ = 1/12, V₂ = 4/12, no interaction,
//! // so S₁ = S_T1 = 0.2 and S₂ = S_T2 = 0.8.
//! let indices = analyse(2, 4096, 7, |x| x[0] + 2.0 * x[1], 200, 0.95)?;
//! let first = indices.first[1].unwrap();
//! let (low, high) = indices.total_ci[1].unwrap();
//! assert!((first - 0.8).abs() < 0.05);
//! assert!(low < high);
//! println!("S₂ = {first:.3}, S_T2 95% CI [{low:.3}, {high:.3}]");
//! # Ok::<(), yardstick::Error>(())
//! ```
//!
//! # Formula
//!
//! For Y = f(X₁, …, X_d) with independent inputs, the first-order index of input i is
//! S_i = V[E(Y | X_i)] / V(Y), the share of the variance that X_i explains alone, and the
//! total-order index is S_Ti = E[V(Y | X₋ᵢ)] / V(Y), its share including every interaction
//! (Sobol' 1993, 2001; Homma & Saltelli 1996). Σ S_i ≤ 1 and S_Ti ≥ S_i; S_Ti − S_i measures
//! the interactions of X_i.
//!
//! Estimation follows Saltelli et al. (2010): two independent N × d sample matrices A and B,
//! and for each i the matrix A_B⁽ⁱ⁾, A with column i taken from B, so N·(d + 2) model runs.
//! With the outputs centred on the mean of f over A and B (Sobol' & Levitan 1999; this
//! changes no expectation but removes the cancellation error of a large mean),
//!
//! - V = (1/2N) Σⱼ (f(A)ⱼ² + f(B)ⱼ²), the variance of f over A and B together (divisor 2N);
//! - S_i = (1/N) Σⱼ f(B)ⱼ (f(A_B⁽ⁱ⁾)ⱼ − f(A)ⱼ) / V (Saltelli et al. 2010, table 2);
//! - S_Ti = (1/2N) Σⱼ (f(A)ⱼ − f(A_B⁽ⁱ⁾)ⱼ)² / V (Jansen 1999; Saltelli et al. 2010, table 2).
//!
//! These are the estimators of SALib's `sobol.analyze` and SciPy's `sobol_indices` (method
//! `saltelli_2010`). Monte Carlo estimates are not clipped: an index whose true value is 0 may
//! come out slightly negative, and its confidence interval says by how much.
//!
//! # Conventions
//!
//! - Confidence intervals are bootstrap percentile intervals (Efron & Tibshirani 1993, ch. 13;
//!   Archer, Saltelli & Sobol' 1997): the N rows j (each with its f(A)ⱼ, f(B)ⱼ and f(A_B⁽ⁱ⁾)ⱼ)
//!   are resampled with replacement, the indices recomputed, and the (1 − level)/2 and
//!   (1 + level)/2 quantiles taken with linear interpolation (Hyndman & Fan type 7, NumPy's
//!   default).
//! - An output with zero variance over A and B (a constant) has no indices: every index and
//!   interval is `None`, never NaN. A bootstrap resample of zero variance is left out of the
//!   intervals ([`SobolIndices::replicates`] counts those kept).
//! - Model outputs must be finite; missing values are the model's business (e.g. report a rank
//!   as the number of units when a unit drops out), and a non-finite output is a typed error.
//! - Everything is seeded through [`crate::rng::Rng`], so a seed gives the same bits on every
//!   platform, native or WebAssembly.
//!
//! # References
//!
//! - Sobol', I. M. (1993). Sensitivity estimates for nonlinear mathematical models.
//!   *Mathematical Modelling and Computational Experiments* 1(4), 407–414.
//! - Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and
//!   their Monte Carlo estimates. *Mathematics and Computers in Simulation* 55(1–3), 271–280.
//! - Saltelli, A. (2002). Making best use of model evaluations to compute sensitivity indices.
//!   *Computer Physics Communications* 145(2), 280–297.
//! - Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S. (2010).
//!   Variance based sensitivity analysis of model output. Design and estimator for the total
//!   sensitivity index. *Computer Physics Communications* 181(2), 259–270.
//! - Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
//!   Communications* 117(1–2), 35–43.
//! - Homma, T., Saltelli, A. (1996). Importance measures in global sensitivity analysis of
//!   nonlinear models. *Reliability Engineering & System Safety* 52(1), 1–17.
//! - Sobol', I. M., Levitan, Y. L. (1999). On the use of variance reducing multipliers in Monte
//!   Carlo computations of a global sensitivity index. *Computer Physics Communications*
//!   117(1–2), 52–61.
//! - Archer, G. E. B., Saltelli, A., Sobol', I. M. (1997). Sensitivity measures, ANOVA-like
//!   techniques and the use of bootstrap. *Journal of Statistical Computation and Simulation*
//!   58(2), 99–120.
//! - Saltelli, A., Ratto, M., Andres, T., et al. (2008). *Global Sensitivity Analysis: The
//!   Primer*. Wiley. (Test functions, and the JRC/OECD (2008) *Handbook on Constructing
//!   Composite Indicators*, step 7, for the use in composite indicators.)

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::rng::{Rng, SplitMix64};
use crate::stats::quantile;

/// A set of input points at which a model is evaluated, in a fixed order of runs.
///
/// Outputs are passed back as a row-major matrix: run r, output k at `outputs[r * n_outputs +
/// k]`, which is what [`Design::evaluate_multi`] builds. Evaluating the model once per point
/// yields every output, so a model with one output per unit costs no more than one with a
/// single output.
pub trait Design {
    /// Number of inputs.
    fn d(&self) -> usize;

    /// Number of model runs (points).
    fn runs(&self) -> usize;

    /// Writes the point of run `run` into `out`.
    ///
    /// # Panics
    ///
    /// If `run >= self.runs()` or `out.len() != self.d()`, like slice indexing: a caller's
    /// bug, not a data problem.
    fn point(&self, run: usize, out: &mut [f64]);

    /// The points in run order, one vector each.
    fn points(&self) -> Points<'_, Self>
    where
        Self: Sized,
    {
        Points {
            design: self,
            next: 0,
        }
    }

    /// Evaluates a one-output model at every point, in run order, reusing one input buffer.
    fn evaluate(&self, mut model: impl FnMut(&[f64]) -> f64) -> Vec<f64>
    where
        Self: Sized,
    {
        let mut x = vec![0.0; self.d()];
        (0..self.runs())
            .map(|run| {
                self.point(run, &mut x);
                model(&x)
            })
            .collect()
    }

    /// Evaluates a model with `n_outputs` outputs at every point: `model(x, y)` writes the
    /// outputs at `x` into `y` (length `n_outputs`). Returns the runs × outputs matrix, row-major.
    fn evaluate_multi(
        &self,
        n_outputs: usize,
        mut model: impl FnMut(&[f64], &mut [f64]),
    ) -> Vec<f64>
    where
        Self: Sized,
    {
        let infallible: std::result::Result<Vec<f64>, std::convert::Infallible> = self
            .try_evaluate_multi(n_outputs, |x, y| {
                model(x, y);
                Ok(())
            });
        match infallible {
            Ok(outputs) => outputs,
            Err(never) => match never {},
        }
    }

    /// [`Design::evaluate_multi`] for a fallible model (such as the index pipeline): stops at
    /// the first error and returns it.
    fn try_evaluate_multi<E>(
        &self,
        n_outputs: usize,
        mut model: impl FnMut(&[f64], &mut [f64]) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<f64>, E>
    where
        Self: Sized,
    {
        let mut x = vec![0.0; self.d()];
        let mut outputs = vec![0.0; self.runs() * n_outputs];
        if n_outputs == 0 {
            return Ok(outputs);
        }
        for (run, y) in outputs.chunks_exact_mut(n_outputs).enumerate() {
            self.point(run, &mut x);
            model(&x, y)?;
        }
        Ok(outputs)
    }
}

/// Iterator over the points of a [`Design`], from [`Design::points`].
#[derive(Debug, Clone)]
pub struct Points<'a, D> {
    design: &'a D,
    next: usize,
}

impl<D: Design> Iterator for Points<'_, D> {
    type Item = Vec<f64>;

    fn next(&mut self) -> Option<Vec<f64>> {
        if self.next >= self.design.runs() {
            return None;
        }
        let mut x = vec![0.0; self.design.d()];
        self.design.point(self.next, &mut x);
        self.next += 1;
        Some(x)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.design.runs().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl<D: Design> ExactSizeIterator for Points<'_, D> {}

/// The sampling design of Saltelli et al. (2010) for first- and total-order Sobol' indices:
/// N·(d + 2) points in [0, 1)^d.
///
/// # Formula
///
/// Runs come in d + 2 blocks of N: block 0 is A (rows A₁ … A_N), block 1 is B, and block
/// 2 + i is A_B⁽ⁱ⁾, row j being Aⱼ with coordinate i replaced by Bⱼ,ᵢ. So run r is row
/// j = r mod N of block r div N, the layout of SciPy's `f_A`, `f_B`, `f_AB`.
///
/// Aⱼ and Bⱼ together are one point of [0, 1)^{2d} drawn by plain Monte Carlo from
/// [`Rng::seed_from_u64`]`(seed)`, Aⱼ's d coordinates then Bⱼ's, row after row: the first N
/// rows of a design with a larger N are the design with N (so a study can be extended), and the
/// points are the same on every platform.
///
/// # References
///
/// Saltelli (2002), section 3; Saltelli et al. (2010), section 3 and table 2. See the
/// [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub struct SobolDesign {
    n: usize,
    d: usize,
    seed: u64,
    /// A, then B, row-major N × d each.
    a: Vec<f64>,
    b: Vec<f64>,
}

impl SobolDesign {
    /// A design with `n` base rows for `d` inputs, seeded.
    ///
    /// # Errors
    ///
    /// A spec error when `n < 2` (no variance from one row), `d = 0`, or the design's size
    /// overflows `usize`.
    pub fn new(n: usize, d: usize, seed: u64) -> Result<Self> {
        if n < 2 {
            return Err(Error::spec(
                Place::default().column("n"),
                format!("at least 2 base samples (rows of A and B), found {n}"),
            ));
        }
        if d == 0 {
            return Err(Error::spec(
                Place::default().column("d"),
                "at least 1 input",
            ));
        }
        let cells = d
            .checked_add(2)
            .and_then(|blocks| blocks.checked_mul(n))
            .and_then(|runs| runs.checked_mul(d));
        if cells.is_none() {
            return Err(Error::spec(
                Place::default().column("n"),
                format!("a design of N·(d + 2) points that fits in memory, found N = {n}, d = {d}"),
            ));
        }
        let mut rng = Rng::seed_from_u64(seed);
        let mut a = Vec::with_capacity(n * d);
        let mut b = Vec::with_capacity(n * d);
        for _ in 0..n {
            a.extend((0..d).map(|_| rng.next_f64()));
            b.extend((0..d).map(|_| rng.next_f64()));
        }
        Ok(SobolDesign { n, d, seed, a, b })
    }

    /// Number of base rows N.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The seed the design was drawn from.
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

impl Design for SobolDesign {
    fn d(&self) -> usize {
        self.d
    }

    /// N·(d + 2).
    fn runs(&self) -> usize {
        self.n * (self.d + 2)
    }

    fn point(&self, run: usize, out: &mut [f64]) {
        assert!(run < self.runs(), "run {run} of {}", self.runs());
        let (block, j) = (run / self.n, run % self.n);
        let row = j * self.d..(j + 1) * self.d;
        match block {
            0 => out.copy_from_slice(&self.a[row]),
            1 => out.copy_from_slice(&self.b[row]),
            _ => {
                let i = block - 2;
                out.copy_from_slice(&self.a[row.clone()]);
                out[i] = self.b[row.start + i];
            }
        }
    }
}

/// First- and total-order Sobol' indices of one output, with bootstrap confidence intervals.
///
/// Vectors have one entry per input. Every entry is `None` when the output has zero variance
/// over A and B; an interval is also `None` when no bootstrap was asked for or no resample had
/// variance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolIndices {
    /// First-order indices S_i (Saltelli et al. 2010 estimator).
    pub first: Vec<Option<f64>>,
    /// Total-order indices S_Ti (Jansen 1999 estimator).
    pub total: Vec<Option<f64>>,
    /// Bootstrap percentile interval of each S_i at [`SobolIndices::level`].
    pub first_ci: Vec<Option<(f64, f64)>>,
    /// Bootstrap percentile interval of each S_Ti at [`SobolIndices::level`].
    pub total_ci: Vec<Option<(f64, f64)>>,
    /// Variance of the output over A and B together (divisor 2N).
    pub variance: f64,
    /// Number of base rows N (the model ran N·(d + 2) times).
    pub n: usize,
    /// Confidence level of the intervals, in (0, 1).
    pub level: f64,
    /// Bootstrap resamples the intervals are based on (those with nonzero variance).
    pub replicates: usize,
}

/// Sobol' indices of a one-output model from its outputs at the points of `design`, in run
/// order, with `n_boot` bootstrap resamples (0 for none) giving percentile intervals at `level`
/// (e.g. 0.95), seeded by `seed`.
///
/// # Formula
///
/// V, S_i (Saltelli et al. 2010) and S_Ti (Jansen 1999) as in the
/// [module documentation](self); intervals from resampling the N rows with replacement
/// (Archer, Saltelli & Sobol' 1997).
///
/// # Errors
///
/// A structure error when `outputs.len() != design.runs()`, a value error naming the run of a
/// non-finite output, a spec error when `level` is not strictly between 0 and 1.
pub fn sobol_indices(
    design: &SobolDesign,
    outputs: &[f64],
    n_boot: usize,
    level: f64,
    seed: u64,
) -> Result<SobolIndices> {
    let mut all = sobol_indices_multi(design, outputs, 1, n_boot, level, seed)?;
    // One output column was asked for, so there is exactly one result.
    Ok(all.remove(0))
}

/// Sobol' indices of each output of a multi-output model (e.g. the rank of every unit):
/// `outputs` is the runs × `n_outputs` matrix, row-major, as built by
/// [`Design::evaluate_multi`].
///
/// # Formula
///
/// As [`sobol_indices`], output by output. All outputs share the bootstrap resamples, so the
/// result for output k is exactly the one [`sobol_indices`] gives on column k with the same
/// seed.
///
/// # Errors
///
/// As [`sobol_indices`], plus a spec error when `n_outputs` is 0.
pub fn sobol_indices_multi(
    design: &SobolDesign,
    outputs: &[f64],
    n_outputs: usize,
    n_boot: usize,
    level: f64,
    seed: u64,
) -> Result<Vec<SobolIndices>> {
    check_outputs(design, outputs, n_outputs)?;
    if !(level > 0.0 && level < 1.0) {
        return Err(Error::spec(
            Place::default().column("level"),
            format!("a confidence level strictly between 0 and 1, found {level}"),
        ));
    }
    let (n, d) = (design.n, design.d);
    let columns: Vec<Column> = (0..n_outputs)
        .map(|k| Column::new(outputs, n_outputs, k, n, d))
        .collect();

    let mut first = vec![0.0; d];
    let mut total = vec![0.0; d];
    let mut results: Vec<SobolIndices> = columns
        .iter()
        .map(|column| {
            let variance = column.variance;
            let estimated = column.constant.is_none()
                && column.estimate(0..n, &mut first, &mut total).is_some();
            let some = |values: &[f64]| values.iter().map(|&s| Some(s)).collect();
            SobolIndices {
                first: if estimated {
                    some(&first)
                } else {
                    vec![None; d]
                },
                total: if estimated {
                    some(&total)
                } else {
                    vec![None; d]
                },
                first_ci: vec![None; d],
                total_ci: vec![None; d],
                variance,
                n,
                level,
                replicates: 0,
            }
        })
        .collect();

    if n_boot == 0 {
        return Ok(results);
    }
    // Replicate values, per output then per input: [k][i] holds up to n_boot values.
    let mut boot_first: Vec<Vec<Vec<f64>>> = vec![vec![Vec::with_capacity(n_boot); d]; n_outputs];
    let mut boot_total = boot_first.clone();
    let mut rng = Rng::seed_from_u64(seed);
    let mut rows = vec![0usize; n];
    for _ in 0..n_boot {
        for row in rows.iter_mut() {
            // below(n) < n, and n is a usize, so the cast back is lossless.
            *row = rng.below(n as u64) as usize;
        }
        for (k, column) in columns.iter().enumerate() {
            if results[k].first[0].is_none() {
                continue;
            }
            if column
                .estimate(rows.iter().copied(), &mut first, &mut total)
                .is_some()
            {
                for i in 0..d {
                    boot_first[k][i].push(first[i]);
                    boot_total[k][i].push(total[i]);
                }
            }
        }
    }
    let (low_q, high_q) = ((1.0 - level) / 2.0, (1.0 + level) / 2.0);
    for (k, result) in results.iter_mut().enumerate() {
        result.replicates = boot_first[k][0].len();
        if result.replicates == 0 {
            continue;
        }
        for i in 0..d {
            result.first_ci[i] = Some(percentile_interval(&mut boot_first[k][i], low_q, high_q));
            result.total_ci[i] = Some(percentile_interval(&mut boot_total[k][i], low_q, high_q));
        }
    }
    Ok(results)
}

/// Sobol' indices of `model` on [0, 1)^d in one call: draws a [`SobolDesign`] of `n` base rows,
/// evaluates `model` at its N·(d + 2) points and estimates with `n_boot` bootstrap resamples at
/// `level`.
///
/// # Formula
///
/// As [`sobol_indices`]. The design and the bootstrap get the first and second outputs of
/// [`SplitMix64::new`]`(seed)` as their seeds, so one seed fixes the whole result.
///
/// # Errors
///
/// As [`SobolDesign::new`] and [`sobol_indices`].
pub fn analyse(
    d: usize,
    n: usize,
    seed: u64,
    model: impl FnMut(&[f64]) -> f64,
    n_boot: usize,
    level: f64,
) -> Result<SobolIndices> {
    let mut seeds = SplitMix64::new(seed);
    let design = SobolDesign::new(n, d, seeds.next_u64())?;
    let outputs = design.evaluate(model);
    sobol_indices(&design, &outputs, n_boot, level, seeds.next_u64())
}

/// One output of a [`SobolDesign`], centred, split into its blocks.
struct Column {
    /// f(A)ⱼ − mean, length N.
    fa: Vec<f64>,
    /// f(B)ⱼ − mean, length N.
    fb: Vec<f64>,
    /// f(A_B⁽ⁱ⁾)ⱼ − mean at `i * N + j`.
    fab: Vec<f64>,
    /// Variance over A and B, divisor 2N.
    variance: f64,
    /// The value when f is the same at every point of A and B.
    constant: Option<f64>,
    d: usize,
}

impl Column {
    fn new(outputs: &[f64], n_outputs: usize, k: usize, n: usize, d: usize) -> Self {
        let value = |run: usize| outputs[run * n_outputs + k];
        let base = (0..2 * n).map(value);
        let first = value(0);
        let constant = base.clone().all(|y| y == first).then_some(first);
        let mean = base.clone().sum::<f64>() / (2 * n) as f64;
        let variance = base.map(|y| (y - mean) * (y - mean)).sum::<f64>() / (2 * n) as f64;
        let centred = |runs: std::ops::Range<usize>| runs.map(|r| value(r) - mean).collect();
        Column {
            fa: centred(0..n),
            fb: centred(n..2 * n),
            fab: centred(2 * n..(d + 2) * n),
            variance,
            constant,
            d,
        }
    }

    /// Writes S_i and S_Ti estimated on the given rows (all rows, or a bootstrap resample) into
    /// `first` and `total`, and returns the variance; `None` when f(A) and f(B) are constant on
    /// those rows.
    fn estimate(
        &self,
        rows: impl Iterator<Item = usize> + Clone,
        first: &mut [f64],
        total: &mut [f64],
    ) -> Option<f64> {
        first.fill(0.0);
        total.fill(0.0);
        let n = self.fa.len();
        let (mut count, mut sum, mut sum_sq) = (0usize, 0.0, 0.0);
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for j in rows {
            let (fa, fb) = (self.fa[j], self.fb[j]);
            count += 1;
            sum += fa + fb;
            sum_sq += fa * fa + fb * fb;
            low = low.min(fa).min(fb);
            high = high.max(fa).max(fb);
            for i in 0..self.d {
                let fab = self.fab[i * n + j];
                first[i] += fb * (fab - fa);
                total[i] += (fa - fab) * (fa - fab);
            }
        }
        let m = count as f64;
        let mean = sum / (2.0 * m);
        // Data are centred on the full-sample mean, so the one-pass formula loses nothing.
        let variance = sum_sq / (2.0 * m) - mean * mean;
        if low == high || !(variance > 0.0 && variance.is_finite()) {
            return None;
        }
        for s in first.iter_mut() {
            *s /= m * variance;
        }
        for s in total.iter_mut() {
            *s /= 2.0 * m * variance;
        }
        Some(variance)
    }
}

/// Checks the output matrix against a design: the right size, finite values.
fn check_outputs(design: &impl Design, outputs: &[f64], n_outputs: usize) -> Result<()> {
    if n_outputs == 0 {
        return Err(Error::spec(
            Place::default().column("n_outputs"),
            "at least 1 output per run",
        ));
    }
    let expected = design.runs().checked_mul(n_outputs);
    if expected != Some(outputs.len()) {
        return Err(Error::structure(
            Place::default().column("outputs"),
            format!(
                "{} runs × {n_outputs} outputs = {} values, found {}",
                design.runs(),
                expected.map_or("too many".to_string(), |e| e.to_string()),
                outputs.len()
            ),
        ));
    }
    if let Some(at) = outputs.iter().position(|y| !y.is_finite()) {
        return Err(Error::value(
            Place::default()
                .line(at as u64 / n_outputs as u64 + 1)
                .column(format!("output {}", at % n_outputs + 1)),
            "a finite model output",
            &outputs[at].to_string(),
        ));
    }
    Ok(())
}

/// The percentile interval of bootstrap replicates (sorted in place).
fn percentile_interval(values: &mut [f64], low_q: f64, high_q: f64) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (quantile(values, low_q), quantile(values, high_q))
}

/// A one-at-a-time design: the nominal point, then each input moved along its own grid with the
/// others held at nominal.
///
/// # Formula
///
/// Run 0 is the nominal point x⁰; then, input by input, for each grid value g of input i, the
/// point x⁰ with xᵢ = g. So 1 + Σᵢ |gridᵢ| runs.
///
/// OAT shows how far the output moves when one choice changes, and it is what the JRC/OECD
/// *Handbook on Constructing Composite Indicators* (2008, step 7) starts from; but it explores
/// a vanishing fraction of the input space and misses every interaction (Saltelli & Annoni
/// 2010, "How to avoid a perfunctory sensitivity analysis", *Environmental Modelling &
/// Software* 25(12), 1508–1517), so use it beside [`SobolDesign`], not instead of it.
#[derive(Debug, Clone, PartialEq)]
pub struct OatDesign {
    nominal: Vec<f64>,
    grids: Vec<Vec<f64>>,
    /// Run (after the nominal one) where input i's grid starts; one extra entry at the end.
    starts: Vec<usize>,
}

impl OatDesign {
    /// A design from the nominal point and one grid per input. Points may lie anywhere; the
    /// model decides what the numbers mean.
    ///
    /// # Errors
    ///
    /// A spec error when there is no input, a grid is empty, or the number of grids is not the
    /// number of inputs; a value error for a non-finite value.
    pub fn new(nominal: Vec<f64>, grids: Vec<Vec<f64>>) -> Result<Self> {
        if nominal.is_empty() {
            return Err(Error::spec(
                Place::default().column("nominal"),
                "at least 1 input",
            ));
        }
        if grids.len() != nominal.len() {
            return Err(Error::spec(
                Place::default().column("grids"),
                format!(
                    "one grid per input ({}), found {}",
                    nominal.len(),
                    grids.len()
                ),
            ));
        }
        if let Some(i) = nominal.iter().position(|x| !x.is_finite()) {
            return Err(Error::value(
                Place::default().column(format!("nominal {}", i + 1)),
                "a finite number",
                &nominal[i].to_string(),
            ));
        }
        let mut starts = Vec::with_capacity(grids.len() + 1);
        let mut next = 0usize;
        for (i, grid) in grids.iter().enumerate() {
            if grid.is_empty() {
                return Err(Error::spec(
                    Place::default().column(format!("grid {}", i + 1)),
                    "at least 1 grid value",
                ));
            }
            if let Some(g) = grid.iter().find(|g| !g.is_finite()) {
                return Err(Error::value(
                    Place::default().column(format!("grid {}", i + 1)),
                    "a finite number",
                    &g.to_string(),
                ));
            }
            starts.push(next);
            next += grid.len();
        }
        starts.push(next);
        Ok(OatDesign {
            nominal,
            grids,
            starts,
        })
    }

    /// A design on the unit cube: every input takes the `levels` midpoints (k + ½)/levels,
    /// k = 0 … levels − 1, of equal-probability strata of [0, 1).
    ///
    /// # Errors
    ///
    /// As [`OatDesign::new`], plus a spec error when `levels` is 0.
    pub fn unit_grid(nominal: Vec<f64>, levels: usize) -> Result<Self> {
        if levels == 0 {
            return Err(Error::spec(
                Place::default().column("levels"),
                "at least 1 level",
            ));
        }
        let grid: Vec<f64> = (0..levels)
            .map(|k| (k as f64 + 0.5) / levels as f64)
            .collect();
        let grids = vec![grid; nominal.len()];
        OatDesign::new(nominal, grids)
    }

    /// The nominal point.
    pub fn nominal(&self) -> &[f64] {
        &self.nominal
    }

    /// The grid of each input.
    pub fn grids(&self) -> &[Vec<f64>] {
        &self.grids
    }
}

impl Design for OatDesign {
    fn d(&self) -> usize {
        self.nominal.len()
    }

    /// 1 + Σᵢ |gridᵢ|.
    fn runs(&self) -> usize {
        1 + self.starts[self.grids.len()]
    }

    fn point(&self, run: usize, out: &mut [f64]) {
        assert!(run < self.runs(), "run {run} of {}", self.runs());
        out.copy_from_slice(&self.nominal);
        if run > 0 {
            let r = run - 1;
            // Starts ascend from 0, so the partition point is at least 1.
            let i = self.starts.partition_point(|&s| s <= r) - 1;
            out[i] = self.grids[i][r - self.starts[i]];
        }
    }
}

/// How one output responds when one input moves along its grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OatEffect {
    /// Output at each grid value of the input, in grid order.
    pub outputs: Vec<f64>,
    /// Smallest output over the grid and the nominal point.
    pub low: f64,
    /// Largest output over the grid and the nominal point.
    pub high: f64,
    /// high − low.
    pub range: f64,
}

/// One-at-a-time effects of every input on one output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OatEffects {
    /// Output at the nominal point.
    pub nominal: f64,
    /// One entry per input.
    pub effects: Vec<OatEffect>,
}

/// One-at-a-time effects of each output of a model evaluated at the points of `design`:
/// `outputs` is the runs × `n_outputs` matrix, row-major.
///
/// # Formula
///
/// For input i and output k: low = min(y⁰, minₘ yᵢₘ), high = max(y⁰, maxₘ yᵢₘ),
/// range = high − low, where y⁰ is the nominal output and yᵢₘ the output at grid value m of
/// input i (others nominal). See [`OatDesign`] for what OAT can and cannot tell.
///
/// # Errors
///
/// A structure error when `outputs.len() != design.runs() · n_outputs`, a value error for a
/// non-finite output, a spec error when `n_outputs` is 0.
pub fn oat_effects_multi(
    design: &OatDesign,
    outputs: &[f64],
    n_outputs: usize,
) -> Result<Vec<OatEffects>> {
    check_outputs(design, outputs, n_outputs)?;
    let effects = (0..n_outputs)
        .map(|k| {
            let value = |run: usize| outputs[run * n_outputs + k];
            let nominal = value(0);
            let effects = design
                .grids
                .iter()
                .enumerate()
                .map(|(i, grid)| {
                    let start = 1 + design.starts[i];
                    let outputs: Vec<f64> = (start..start + grid.len()).map(value).collect();
                    let low = outputs.iter().copied().fold(nominal, f64::min);
                    let high = outputs.iter().copied().fold(nominal, f64::max);
                    OatEffect {
                        outputs,
                        low,
                        high,
                        range: high - low,
                    }
                })
                .collect();
            OatEffects { nominal, effects }
        })
        .collect();
    Ok(effects)
}

/// One-at-a-time effects of a one-output model, evaluated here at every point of `design`.
///
/// # Formula
///
/// As [`oat_effects_multi`].
///
/// # Errors
///
/// A value error when the model returns a non-finite value.
pub fn one_at_a_time(design: &OatDesign, model: impl FnMut(&[f64]) -> f64) -> Result<OatEffects> {
    let outputs = design.evaluate(model);
    let mut all = oat_effects_multi(design, &outputs, 1)?;
    // One output column was asked for, so there is exactly one result.
    Ok(all.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// Largest accepted |estimate − analytic| for the Monte Carlo tests at N = 2^14 base rows.
    /// The 95% bootstrap intervals observed at that N have half-widths of 0.005–0.02 (largest
    /// for S₁ and S_T1 of Ishigami), so 0.03 is about three standard errors: loose enough for
    /// any seed, tight enough to catch a wrong estimator (a swapped A/B, a missing factor 2 in
    /// Jansen's formula or the wrong variance would each be off by 0.1 or more).
    const MC_TOL: f64 = 0.03;

    /// Base rows for the validation tests: 2^14, so N·(d + 2) = 163 840 runs of the 8-input G
    /// function, well under a second in a debug build.
    const N: usize = 1 << 14;

    /// Bootstrap resamples for the validation tests.
    const N_BOOT: usize = 200;

    /// Checks estimates against analytic indices: within [`MC_TOL`], and the analytic value
    /// inside the 99% bootstrap interval.
    fn check(name: &str, got: &SobolIndices, first: &[f64], total: &[f64]) {
        assert_eq!(got.level, 0.99);
        for i in 0..first.len() {
            let (s, st) = (got.first[i].unwrap(), got.total[i].unwrap());
            let (s_ci, st_ci) = (got.first_ci[i].unwrap(), got.total_ci[i].unwrap());
            println!(
                "{name} x{}: S = {s:.4} (analytic {:.4}, 99% CI [{:.4}, {:.4}])   \
                 ST = {st:.4} (analytic {:.4}, 99% CI [{:.4}, {:.4}])",
                i + 1,
                first[i],
                s_ci.0,
                s_ci.1,
                total[i],
                st_ci.0,
                st_ci.1
            );
            assert!((s - first[i]).abs() < MC_TOL, "{name} S{}", i + 1);
            assert!((st - total[i]).abs() < MC_TOL, "{name} ST{}", i + 1);
            assert!(
                s_ci.0 <= first[i] && first[i] <= s_ci.1,
                "{name} S{} CI",
                i + 1
            );
            assert!(
                st_ci.0 <= total[i] && total[i] <= st_ci.1,
                "{name} ST{} CI",
                i + 1
            );
            assert!(s_ci.1 - s_ci.0 < 2.0 * MC_TOL && st_ci.1 - st_ci.0 < 2.0 * MC_TOL);
        }
    }

    /// Ishigami & Homma (1990) with a = 7, b = 0.1, inputs uniform on [−π, π).
    fn ishigami(u: &[f64]) -> f64 {
        let x: Vec<f64> = u.iter().map(|&u| -PI + 2.0 * PI * u).collect();
        x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
    }

    /// Analytic indices of the Ishigami function, Sobol' & Levitan (1999) and Saltelli et al.
    /// (2008, The Primer): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V₁ = (1 + bπ⁴/5)²/2, V₂ = a²/8,
    /// V₃ = 0, V₁₃ = b²π⁸ (1/18 − 1/50) = 8b²π⁸/225, no other interaction.
    fn ishigami_analytic() -> ([f64; 3], [f64; 3]) {
        let (a, b) = (7.0_f64, 0.1_f64);
        let pi4 = PI.powi(4);
        let v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi4 * pi4 / 18.0 + 0.5;
        let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = 8.0 * b * b * pi4 * pi4 / 225.0;
        ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
    }

    #[test]
    fn ishigami_analytic_indices_match_the_primer() {
        // The 4-place values of Saltelli et al. (2008), The Primer; the closed forms above also
        // match grama's and UQTestFuns' Ishigami ground truth.
        let (first, total) = ishigami_analytic();
        let primer_first = [0.3139, 0.4424, 0.0];
        let primer_total = [0.5576, 0.4424, 0.2437];
        for i in 0..3 {
            assert!((first[i] - primer_first[i]).abs() < 5e-5);
            assert!((total[i] - primer_total[i]).abs() < 5e-5);
        }
    }

    /// Acceptance: the estimators reproduce the analytic indices of the Ishigami function.
    #[test]
    fn ishigami_estimates_match_analytic_indices() {
        let got = analyse(3, N, 2024, ishigami, N_BOOT, 0.99).unwrap();
        let (first, total) = ishigami_analytic();
        check("Ishigami", &got, &first, &total);
        // Total variance, analytic 13.8446.
        assert!((got.variance - 13.8446).abs() / 13.8446 < MC_TOL);
    }

    /// Sobol' G function (Saltelli & Sobol' 1995; Saltelli et al. 2008, The Primer):
    /// G(x) = Πᵢ (|4xᵢ − 2| + aᵢ) / (1 + aᵢ), inputs uniform on [0, 1).
    fn sobol_g(a: &[f64], x: &[f64]) -> f64 {
        a.iter()
            .zip(x)
            .map(|(&a, &x)| ((4.0 * x - 2.0).abs() + a) / (1.0 + a))
            .product()
    }

    /// Acceptance: the estimators reproduce the analytic indices of the G function with
    /// a = (0, 1, 4.5, 9, 99, 99, 99, 99): Vᵢ = 1 / (3 (1 + aᵢ)²), V = Πᵢ (1 + Vᵢ) − 1,
    /// Sᵢ = Vᵢ / V, S_Ti = Vᵢ Π_{j≠i} (1 + Vⱼ) / V.
    #[test]
    fn sobol_g_estimates_match_analytic_indices() {
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];
        let partial: Vec<f64> = a
            .iter()
            .map(|a| 1.0 / (3.0 * (1.0 + a) * (1.0 + a)))
            .collect();
        let product: f64 = partial.iter().map(|v| 1.0 + v).product();
        let v = product - 1.0;
        let first: Vec<f64> = partial.iter().map(|vi| vi / v).collect();
        let total: Vec<f64> = partial
            .iter()
            .map(|vi| vi * product / (1.0 + vi) / v)
            .collect();
        let got = analyse(a.len(), N, 1993, |x| sobol_g(&a, x), N_BOOT, 0.99).unwrap();
        check("G", &got, &first, &total);
        assert!((got.variance - v).abs() / v < MC_TOL);
    }

    #[test]
    fn same_seed_gives_identical_bits_and_other_seeds_differ() {
        let run = |seed| analyse(3, 512, seed, ishigami, 50, 0.9).unwrap();
        let bits = |r: &SobolIndices| -> Vec<u64> {
            let intervals = r.first_ci.iter().chain(&r.total_ci).flatten();
            r.first
                .iter()
                .chain(&r.total)
                .flatten()
                .copied()
                .chain(intervals.flat_map(|&(l, h)| [l, h]))
                .chain([r.variance])
                .map(f64::to_bits)
                .collect()
        };
        let (a, b, c) = (run(5), run(5), run(6));
        assert_eq!(bits(&a).len(), 3 * 2 + 3 * 4 + 1);
        assert_eq!(bits(&a), bits(&b));
        assert_ne!(a.first, c.first);
        assert_ne!(a.total, c.total);
        // Pinned: a change here changes every published result for the same seed.
        let design = SobolDesign::new(2, 1, 0).unwrap();
        let mut rng = Rng::seed_from_u64(0);
        let (a0, b0) = (rng.next_f64(), rng.next_f64());
        let first_points: Vec<Vec<f64>> = design.points().take(2).collect();
        assert_eq!(first_points[0], vec![a0]);
        assert_eq!(first_points[1], vec![rng.next_f64()]);
        assert_eq!(design.points().nth(2).unwrap(), vec![b0]);
    }

    #[test]
    fn design_has_saltelli_layout() {
        let (n, d) = (5, 3);
        let design = SobolDesign::new(n, d, 9).unwrap();
        assert_eq!(design.runs(), n * (d + 2));
        let points: Vec<Vec<f64>> = design.points().collect();
        assert_eq!(points.len(), design.runs());
        assert!(points.iter().flatten().all(|&u| (0.0..1.0).contains(&u)));
        for j in 0..n {
            let (a, b) = (&points[j], &points[n + j]);
            assert_ne!(a, b);
            for i in 0..d {
                let ab = &points[(2 + i) * n + j];
                for c in 0..d {
                    assert_eq!(ab[c], if c == i { b[c] } else { a[c] });
                }
            }
        }
        // A larger design starts with the smaller one's A and B rows.
        let larger = SobolDesign::new(2 * n, d, 9).unwrap();
        let larger_points: Vec<Vec<f64>> = larger.points().collect();
        for j in 0..n {
            assert_eq!(larger_points[j], points[j]);
            assert_eq!(larger_points[2 * n + j], points[n + j]);
        }
    }

    #[test]
    fn additive_model_has_equal_first_and_total_indices_summing_to_one() {
        // Y = X₁ + 2 X₂ + 3 X₃: Sᵢ = S_Ti = cᵢ² / Σ c² = 1/14, 4/14, 9/14.
        let got = analyse(3, 4096, 3, |x| x[0] + 2.0 * x[1] + 3.0 * x[2], 0, 0.95).unwrap();
        for (i, c) in [1.0, 4.0, 9.0].iter().enumerate() {
            assert!((got.first[i].unwrap() - c / 14.0).abs() < MC_TOL);
            assert!((got.total[i].unwrap() - c / 14.0).abs() < MC_TOL);
        }
        assert_eq!(got.first_ci, vec![None; 3]);
        assert_eq!(got.replicates, 0);
    }

    #[test]
    fn multi_output_evaluates_once_per_point_and_matches_single_output() {
        let design = SobolDesign::new(256, 3, 17).unwrap();
        let mut calls = 0;
        let outputs = design.evaluate_multi(3, |x, y| {
            calls += 1;
            y[0] = ishigami(x);
            y[1] = x[0] + 2.0 * x[1];
            y[2] = 4.0; // constant: no indices
        });
        assert_eq!(calls, design.runs());
        let all = sobol_indices_multi(&design, &outputs, 3, 40, 0.9, 8).unwrap();
        assert_eq!(all.len(), 3);
        for k in 0..2 {
            let column: Vec<f64> = outputs.chunks(3).map(|row| row[k]).collect();
            let single = sobol_indices(&design, &column, 40, 0.9, 8).unwrap();
            assert_eq!(all[k], single);
        }
        assert_eq!(all[0].replicates, 40);
        assert_eq!(all[2].first, vec![None; 3]);
        assert_eq!(all[2].total_ci, vec![None; 3]);
        assert_eq!(all[2].variance, 0.0);
        assert_eq!(all[2].replicates, 0);
    }

    #[test]
    fn zero_variance_gives_none_never_nan() {
        let got = analyse(2, 64, 1, |_| 0.1 + 0.2, 20, 0.95).unwrap();
        assert_eq!(got.first, vec![None, None]);
        assert_eq!(got.total, vec![None, None]);
        assert_eq!(got.first_ci, vec![None, None]);
        let json = serde_json::to_string(&got).unwrap();
        assert!(!json.contains("NaN") && json.contains("null"), "{json}");
        // A model constant on A and B but not elsewhere has no defined variance either.
        let design = SobolDesign::new(4, 1, 2).unwrap();
        let mut outputs = vec![1.0; design.runs()];
        outputs[2 * 4] = 5.0;
        let got = sobol_indices(&design, &outputs, 10, 0.95, 0).unwrap();
        assert_eq!(got.first, vec![None]);
    }

    #[test]
    fn results_round_trip_through_json() {
        let got = analyse(2, 64, 1, |x| x[0] * x[1], 20, 0.95).unwrap();
        let json = serde_json::to_string(&got).unwrap();
        let back: SobolIndices = serde_json::from_str(&json).unwrap();
        // serde_json parses floats to within an ulp or so unless its `float_roundtrip`
        // feature is on, so compare the numbers with a tolerance and the rest exactly.
        let close = |a: &[Option<f64>], b: &[Option<f64>]| {
            a.iter()
                .zip(b)
                .all(|(a, b)| (a.unwrap() - b.unwrap()).abs() < 1e-15)
        };
        assert!(close(&back.first, &got.first) && close(&back.total, &got.total));
        assert_eq!(back.first_ci.len(), 2);
        assert!((back.variance - got.variance).abs() < 1e-15);
        assert_eq!(
            (back.n, back.level, back.replicates),
            (got.n, got.level, got.replicates)
        );
    }

    #[test]
    fn bad_arguments_are_typed_errors() {
        use crate::error::ErrorKind;
        let spec = |e: Error| matches!(e.kind(), ErrorKind::Spec { .. });
        assert!(spec(SobolDesign::new(1, 3, 0).unwrap_err()));
        assert!(spec(SobolDesign::new(0, 3, 0).unwrap_err()));
        assert!(spec(SobolDesign::new(8, 0, 0).unwrap_err()));
        assert!(spec(SobolDesign::new(usize::MAX / 2, 3, 0).unwrap_err()));
        let design = SobolDesign::new(4, 2, 0).unwrap();
        let outputs: Vec<f64> = (0..design.runs()).map(|r| r as f64).collect();
        let err = sobol_indices(&design, &outputs[1..], 0, 0.95, 0).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Structure { .. }), "{err}");
        assert!(err
            .to_string()
            .contains("16 runs × 1 outputs = 16 values, found 15"));
        let err = sobol_indices_multi(&design, &outputs, 3, 0, 0.95, 0).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Structure { .. }), "{err}");
        assert!(spec(
            sobol_indices_multi(&design, &[], 0, 0, 0.95, 0).unwrap_err()
        ));
        for level in [0.0, 1.0, -0.5, f64::NAN] {
            assert!(spec(
                sobol_indices(&design, &outputs, 10, level, 0).unwrap_err()
            ));
        }
        let mut bad = outputs.clone();
        bad[6] = f64::NAN;
        let err = sobol_indices(&design, &bad, 0, 0.95, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 7, column 'output 1': expected a finite model output, found 'NaN'"
        );
        assert!(analyse(2, 8, 0, |_| f64::INFINITY, 0, 0.95).is_err());
    }

    #[test]
    fn percentile_interval_sorts_then_interpolates() {
        let mut values = vec![5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(percentile_interval(&mut values, 0.25, 0.75), (2.0, 4.0));
    }

    #[test]
    fn try_evaluate_stops_at_the_first_error() {
        let design = SobolDesign::new(4, 2, 0).unwrap();
        let mut calls = 0;
        let result = design.try_evaluate_multi(2, |_, y| {
            calls += 1;
            y.fill(1.0);
            if calls == 3 {
                Err("pipeline failed")
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err("pipeline failed"));
        assert_eq!(calls, 3);
    }

    #[test]
    fn one_at_a_time_reports_the_range_per_input() {
        let design = OatDesign::new(
            vec![0.5, 0.5, 0.5],
            vec![vec![0.75, 1.0], vec![0.1, 0.2, 0.9], vec![0.3]],
        )
        .unwrap();
        assert_eq!(design.runs(), 1 + 2 + 3 + 1);
        let points: Vec<Vec<f64>> = design.points().collect();
        assert_eq!(points[0], vec![0.5, 0.5, 0.5]);
        assert_eq!(points[2], vec![1.0, 0.5, 0.5]);
        assert_eq!(points[5], vec![0.5, 0.9, 0.5]);
        assert_eq!(points[6], vec![0.5, 0.5, 0.3]);
        let got = one_at_a_time(&design, |x| x[0] + 2.0 * x[1] + 0.0 * x[2]).unwrap();
        assert_eq!(got.nominal, 1.5);
        let rounding = 1e-12;
        let ranges: Vec<f64> = got.effects.iter().map(|e| e.range).collect();
        for (got, expected) in ranges.iter().zip([0.5, 1.6, 0.0]) {
            assert!((got - expected).abs() < rounding, "{ranges:?}");
        }
        assert_eq!(
            got.effects[1].outputs,
            vec![0.5 + 0.2, 0.5 + 0.4, 0.5 + 1.8]
        );
        assert_eq!(
            (got.effects[1].low, got.effects[1].high),
            (0.5 + 0.2, 0.5 + 1.8)
        );
        // The nominal output counts: input 0's grid only moves the output up from 1.5.
        assert_eq!(got.effects[0].outputs, vec![1.75, 2.0]);
        assert_eq!((got.effects[0].low, got.effects[0].high), (1.5, 2.0));
        assert_eq!((got.effects[2].low, got.effects[2].high), (1.5, 1.5));
    }

    #[test]
    fn one_at_a_time_multi_output_and_unit_grid() {
        let design = OatDesign::unit_grid(vec![0.5, 0.5], 4).unwrap();
        assert_eq!(design.grids()[0], vec![0.125, 0.375, 0.625, 0.875]);
        let outputs = design.evaluate_multi(2, |x, y| {
            y[0] = x[0];
            y[1] = -x[1];
        });
        let got = oat_effects_multi(&design, &outputs, 2).unwrap();
        assert_eq!(got[0].effects[0].range, 0.75);
        assert_eq!(got[0].effects[1].range, 0.0);
        assert_eq!(got[1].effects[1].range, 0.75);
        assert_eq!(got[1].effects[1].low, -0.875);
    }

    #[test]
    fn one_at_a_time_rejects_bad_designs() {
        assert!(OatDesign::new(vec![], vec![]).is_err());
        assert!(OatDesign::new(vec![0.5], vec![]).is_err());
        assert!(OatDesign::new(vec![0.5], vec![vec![]]).is_err());
        assert!(OatDesign::new(vec![f64::NAN], vec![vec![0.1]]).is_err());
        assert!(OatDesign::new(vec![0.5], vec![vec![f64::INFINITY]]).is_err());
        assert!(OatDesign::unit_grid(vec![0.5], 0).is_err());
        let design = OatDesign::unit_grid(vec![0.5], 2).unwrap();
        assert!(oat_effects_multi(&design, &[1.0, 2.0], 1).is_err());
        assert!(one_at_a_time(&design, |_| f64::NAN).is_err());
    }
}
