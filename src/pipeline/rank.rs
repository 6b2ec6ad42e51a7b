//! Ranks: higher is better, rank 1 is the best, ties follow a [`TiePolicy`].

use serde::{Deserialize, Serialize};

/// How tied values share ranks (names as in R's `rank(ties.method = ...)`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Ranking {
    /// Tie policy.
    pub ties: TiePolicy,
    /// Round values to this many decimals before ranking (UNDP ranks the HDI on its published
    /// three decimals). Scores themselves are returned unrounded.
    pub round: Option<u32>,
    /// Rank within each group of this group column (e.g. `region4`) instead of over all units.
    pub within: Option<String>,
    /// Which columns get ranks (default: all, as COINr's results tables).
    pub columns: RankedColumns,
}

/// Which columns of the results are ranked; the others keep no ranks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RankedColumns {
    /// Every indicator and aggregate.
    #[default]
    All,
    /// Aggregates only (pillars, sub-indices, the index).
    Aggregates,
    /// The index (the root) only.
    Index,
}

/// Ranks `values` (higher is better) into `out`; `None` stays `None`.
///
/// # Formula
/// For unit `i` with value `xᵢ`, let `b = #{j : xⱼ > xᵢ}` and `t = #{j : xⱼ = xᵢ}`:
/// min → `b + 1`; average → `b + (t + 1) / 2`; first → `b + 1 +` (position of `i` among its
/// ties in input order); dense → 1 + the number of distinct values above `xᵢ`.
/// This is R's `rank(-x, ties.method = ..., na.last = "keep")` (COINr `rank_df`).
pub fn rank_values(values: &[Option<f64>], ties: TiePolicy, out: &mut [Option<f64>]) {
    rank_with(values, |_| true, ties, &mut RankScratch::default(), out);
}

/// Scratch buffers for ranking, reused across columns and runs.
#[derive(Debug, Default, Clone)]
pub struct RankScratch {
    items: Vec<(u64, u32)>,
    swap: Vec<(u64, u32)>,
}

/// Below this many values a comparison sort beats the radix sort's fixed passes.
const RADIX_MIN_LEN: usize = 64;

/// Ranks the units for which `eligible` is true, reusing `scratch`; other units get `None`.
pub(crate) fn rank_with(
    values: &[Option<f64>],
    eligible: impl Fn(usize) -> bool,
    ties: TiePolicy,
    scratch: &mut RankScratch,
    out: &mut [Option<f64>],
) {
    let items = &mut scratch.items;
    items.clear();
    for (i, (v, o)) in values.iter().zip(out.iter_mut()).enumerate() {
        *o = None;
        if let Some(v) = *v {
            if eligible(i) {
                // u32 holds every unit index: a dataset has far fewer than 4 billion rows.
                items.push((descending_key(v), i as u32));
            }
        }
    }
    // Ascending keys = descending values; ties keep input order (both sorts are stable in
    // effect: the radix sort is stable and the comparison sort compares indices).
    if items.len() < RADIX_MIN_LEN {
        sort_keyed(items);
    } else {
        radix_sort(items, &mut scratch.swap);
    }
    let items = &scratch.items;
    let mut start = 0;
    let mut dense = 0.0;
    while start < items.len() {
        let key = items[start].0;
        let end = start + items[start..].iter().take_while(|(k, _)| *k == key).count();
        dense += 1.0;
        for (k, &(_, i)) in items[start..end].iter().enumerate() {
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

/// Sorts keyed positions by key, then by position: the order a stable sort by key gives.
///
/// Every comparison sort of the pipeline (ranks, medians, eigenvalue order) sorts these pairs,
/// so that the browser build carries one copy of the standard sort, not one per call.
pub(crate) fn sort_keyed(items: &mut [(u64, u32)]) {
    items.sort_unstable();
}

/// Maps `v` to a key whose ascending order is `v`'s ascending order (see [`descending_key`]).
pub(crate) fn ascending_key(v: f64) -> u64 {
    !descending_key(v)
}

/// Maps `v` to a key whose ascending order is `v`'s descending order (IEEE 754 total order,
/// with −0 folded onto +0 so that they tie, as `==` says).
pub(crate) fn descending_key(v: f64) -> u64 {
    let bits = if v == 0.0 { 0 } else { v.to_bits() };
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    !ascending
}

/// Bits of the key sorted by the radix passes (sign, exponent and 20 bits of mantissa);
/// keys equal in these bits are finished by a comparison sort within their run (rare except
/// for exact ties, which are already in input order).
const RADIX_BITS: u32 = 32;
/// Bits per radix pass: four passes of 256 buckets, counts small enough for the stack.
const DIGIT_BITS: u32 = 8;
const BUCKETS: usize = 1 << DIGIT_BITS;
const PASSES: usize = (RADIX_BITS / DIGIT_BITS) as usize;

/// Sorts by key, then by input order: a stable least-significant-digit radix sort on the high
/// 32 bits of the key, skipping passes whose digit is the same for every key (values of one
/// indicator share their sign and most exponent bits), then a comparison sort inside each run
/// of equal high bits.
fn radix_sort(items: &mut Vec<(u64, u32)>, swap: &mut Vec<(u64, u32)>) {
    let digit = |key: u64, pass: usize| {
        (key >> (64 - RADIX_BITS + pass as u32 * DIGIT_BITS)) as usize & (BUCKETS - 1)
    };
    let mut counts = [[0u32; BUCKETS]; PASSES];
    for &(key, _) in items.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(key, pass)] += 1;
        }
    }
    swap.clear();
    swap.resize(items.len(), (0, 0));
    for (pass, count) in counts.iter().enumerate() {
        if count.iter().any(|&c| c as usize == items.len()) {
            continue;
        }
        let mut offsets = [0u32; BUCKETS];
        let mut total = 0;
        for (offset, &c) in offsets.iter_mut().zip(count) {
            *offset = total;
            total += c;
        }
        for &item in items.iter() {
            let d = digit(item.0, pass);
            swap[offsets[d] as usize] = item;
            offsets[d] += 1;
        }
        std::mem::swap(items, swap);
    }
    let high = |key: u64| key >> (64 - RADIX_BITS);
    let mut start = 0;
    while start < items.len() {
        let h = high(items[start].0);
        let end = start
            + items[start..]
                .iter()
                .take_while(|(k, _)| high(*k) == h)
                .count();
        if end - start > 1 {
            sort_keyed(&mut items[start..end]);
        }
        start = end;
    }
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
    fn radix_and_comparison_sorts_agree_on_long_columns_with_ties_and_signs() {
        // Deterministic values with many ties, negatives, zeros of both signs.
        let values: Vec<Option<f64>> = (0..500)
            .map(|i: i32| match i % 7 {
                0 => None,
                1 => Some(-0.0),
                2 => Some(0.0),
                _ => Some(f64::from((i * 37) % 23 - 11) / 3.0),
            })
            .collect();
        for ties in [
            TiePolicy::Min,
            TiePolicy::Dense,
            TiePolicy::Average,
            TiePolicy::First,
        ] {
            let mut fast = vec![None; values.len()];
            rank_values(&values, ties, &mut fast);
            for (i, x) in values.iter().enumerate() {
                let Some(x) = x else {
                    assert_eq!(fast[i], None);
                    continue;
                };
                let above = values.iter().flatten().filter(|&&y| y > *x).count() as f64;
                let tied = values.iter().flatten().filter(|&&y| y == *x).count() as f64;
                let earlier_ties =
                    values[..i].iter().flatten().filter(|&&y| y == *x).count() as f64;
                let mut distinct_above: Vec<f64> = values
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|&y| y > *x)
                    .collect();
                distinct_above.sort_by(f64::total_cmp);
                distinct_above.dedup();
                let want = match ties {
                    TiePolicy::Min => above + 1.0,
                    TiePolicy::Average => above + (tied + 1.0) / 2.0,
                    TiePolicy::First => above + 1.0 + earlier_ties,
                    TiePolicy::Dense => distinct_above.len() as f64 + 1.0,
                };
                assert_eq!(fast[i], Some(want), "{ties:?} at {i}");
            }
        }
    }

    #[test]
    fn missing_values_are_not_ranked() {
        let mut out = vec![None; 3];
        rank_values(&[Some(1.0), None, Some(2.0)], TiePolicy::Min, &mut out);
        assert_eq!(out, vec![Some(2.0), None, Some(1.0)]);
    }
}
