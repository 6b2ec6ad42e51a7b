//! Ranks: higher is better, rank 1 is the best, ties follow a [`TiePolicy`].

use serde::{Deserialize, Serialize};

/// How tied values share ranks (names as in R's `rank(ties.method = ...)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TiePolicy {
    /// Competition ranking "1, 2, 2, 4": ties share the best rank (COINr's and UNDP's choice).
    #[default]
    Min,
    /// Dense ranking "1, 2, 2, 3".
    Dense,
    /// Fractional ranking "1, 2.5, 2.5, 4": ties share the mean of their positions.
    Average,
    /// Ordinal ranking "1, 2, 3, 4": ties broken by input order.
    First,
}

/// The ranking step of a build spec.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ranking {
    /// Tie policy.
    pub ties: TiePolicy,
    /// Round values to this many decimals before ranking (UNDP ranks the HDI on its published
    /// three decimals). Scores themselves are returned unrounded.
    pub round: Option<u32>,
    /// Rank within each group of this group column (e.g. `region4`) instead of over all units.
    pub within: Option<String>,
}

/// Ranks `values` (higher is better) into `out`; `None` stays `None`.
///
/// # Formula
/// For unit `i` with value `xᵢ`, let `b = #{j : xⱼ > xᵢ}` and `t = #{j : xⱼ = xᵢ}`:
/// min → `b + 1`; average → `b + (t + 1) / 2`; first → `b + 1 +` (position of `i` among its
/// ties in input order); dense → 1 + the number of distinct values above `xᵢ`.
/// This is R's `rank(-x, ties.method = ..., na.last = "keep")` (COINr `rank_df`).
pub fn rank_values(values: &[Option<f64>], ties: TiePolicy, out: &mut [Option<f64>]) {
    let mut scratch = Vec::with_capacity(values.len());
    rank_with(values, |_| true, ties, &mut scratch, out);
}

/// Ranks the units for which `eligible` is true, reusing `scratch`; other units get `None`.
pub(crate) fn rank_with(
    values: &[Option<f64>],
    eligible: impl Fn(usize) -> bool,
    ties: TiePolicy,
    scratch: &mut Vec<(f64, u32)>,
    out: &mut [Option<f64>],
) {
    scratch.clear();
    for (i, (v, o)) in values.iter().zip(out.iter_mut()).enumerate() {
        *o = None;
        if let Some(v) = *v {
            if eligible(i) {
                // u32 holds every unit index: a dataset has far fewer than 4 billion rows.
                scratch.push((v, i as u32));
            }
        }
    }
    // Descending by value, then by input order so that `First` is stable.
    scratch.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut start = 0;
    let mut dense = 0.0;
    while start < scratch.len() {
        let value = scratch[start].0;
        let end = start
            + scratch[start..]
                .iter()
                .take_while(|(v, _)| *v == value)
                .count();
        dense += 1.0;
        for (k, &(_, i)) in scratch[start..end].iter().enumerate() {
            out[i as usize] = Some(match ties {
                TiePolicy::Min => start as f64 + 1.0,
                TiePolicy::Average => (start + end + 1) as f64 / 2.0,
                TiePolicy::First => (start + k) as f64 + 1.0,
                TiePolicy::Dense => dense,
            });
        }
        start = end;
    }
}

/// Rounds `x` to `decimals` the way a published table shows it: the decimal expansion of the
/// exact binary value, rounded half to even (Rust's formatting), then read back.
pub fn round_as_published(x: f64, decimals: u32, buffer: &mut String) -> f64 {
    use std::fmt::Write;
    buffer.clear();
    // Writing to a String cannot fail.
    let _ = write!(buffer, "{:.*}", decimals as usize, x);
    buffer.parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks(values: &[f64], ties: TiePolicy) -> Vec<f64> {
        let vals: Vec<Option<f64>> = values.iter().copied().map(Some).collect();
        let mut out = vec![None; values.len()];
        rank_values(&vals, ties, &mut out);
        out.into_iter().map(Option::unwrap).collect()
    }

    #[test]
    fn tie_policies_match_r() {
        // R: rank(-c(5, 3, 3, 1), ties.method = "min") == c(1, 2, 2, 4), and so on.
        let x = [5.0, 3.0, 3.0, 1.0];
        assert_eq!(ranks(&x, TiePolicy::Min), vec![1.0, 2.0, 2.0, 4.0]);
        assert_eq!(ranks(&x, TiePolicy::Average), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(ranks(&x, TiePolicy::First), vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(ranks(&x, TiePolicy::Dense), vec![1.0, 2.0, 2.0, 3.0]);
    }

    #[test]
    fn missing_values_are_not_ranked() {
        let mut out = vec![None; 3];
        rank_values(&[Some(1.0), None, Some(2.0)], TiePolicy::Min, &mut out);
        assert_eq!(out, vec![Some(2.0), None, Some(1.0)]);
    }

    #[test]
    fn rounding_follows_the_decimal_expansion() {
        let mut buf = String::new();
        // 0.9615 is stored as 0.96150000000000002…, so it rounds up; 0.0625 is an exact tie.
        assert_eq!(round_as_published(0.9615, 3, &mut buf), 0.962);
        assert_eq!(round_as_published(0.0625, 3, &mut buf), 0.062);
        assert_eq!(round_as_published(0.7686, 3, &mut buf), 0.769);
    }
}
