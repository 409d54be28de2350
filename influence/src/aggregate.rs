//! From row scores to what the chain records: per-contribution shares in parts per million.
//!
//! 1. Rows → contributions: a contribution may hold several rows; its score is their sum.
//! 2. Only positive totals count (a contribution that hurt the answer earns nothing).
//! 3. Top-K: the `k` largest totals, ties broken by the lower contribution id.
//! 4. Shares: those totals normalised to parts per million, rounded down, and the units left
//!    over given one each to the largest remainders (ties: larger total, then lower id), so
//!    the shares sum to exactly 1,000,000.

use std::collections::BTreeMap;

use crate::{Error, Result};

/// One million: the whole of an attribution.
pub const PPM: u32 = 1_000_000;

/// A contribution's share of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
	/// The contribution.
	pub contribution: u64,
	/// Its share, in parts per million.
	pub ppm: u32,
}

/// Per-contribution shares of row `scores`; `contribution_of_row[i]` names row `i`'s
/// contribution. See the module docs for the rules.
pub fn aggregate(scores: &[f64], contribution_of_row: &[u64], top_k: usize) -> Result<Vec<Share>> {
	if scores.len() != contribution_of_row.len() {
		return Err(Error::shape(format!("{} scores for {} rows", scores.len(), contribution_of_row.len())));
	}
	let mut totals: BTreeMap<u64, f64> = BTreeMap::new();
	for (i, (&score, &contribution)) in scores.iter().zip(contribution_of_row).enumerate() {
		if !score.is_finite() {
			return Err(Error::NotFinite { what: format!("the score of row {i}") });
		}
		*totals.entry(contribution).or_default() += score;
	}
	shares(totals.into_iter().collect(), top_k)
}

/// Shares of per-contribution `totals` (steps 2–4 of the module docs).
pub fn shares(totals: Vec<(u64, f64)>, top_k: usize) -> Result<Vec<Share>> {
	let mut positive: Vec<(u64, f64)> = Vec::with_capacity(totals.len());
	for (contribution, total) in totals {
		if !total.is_finite() {
			return Err(Error::NotFinite { what: format!("the total of contribution {contribution}") });
		}
		if total > 0.0 {
			positive.push((contribution, total));
		}
	}
	positive.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
	positive.truncate(top_k);
	let sum: f64 = positive.iter().map(|(_, t)| t).sum();
	if positive.is_empty() || sum.is_nan() || sum <= 0.0 {
		return Ok(Vec::new());
	}
	let mut result: Vec<(Share, f64)> = positive
		.iter()
		.map(|&(contribution, total)| {
			let quota = total / sum * f64::from(PPM);
			let floor = quota.floor().min(f64::from(PPM));
			(Share { contribution, ppm: floor as u32 }, quota - floor)
		})
		.collect();
	let assigned: u32 = result.iter().map(|(s, _)| s.ppm).sum();
	let left = PPM.saturating_sub(assigned) as usize;
	// Indices in the order the leftover units go: largest remainder first; `result` is already
	// ordered by total then id, which breaks the ties (a stable sort keeps that order).
	let mut order: Vec<usize> = (0..result.len()).collect();
	order.sort_by(|&a, &b| result[b].1.total_cmp(&result[a].1));
	for &i in order.iter().cycle().take(left) {
		result[i].0.ppm += 1;
	}
	Ok(result.into_iter().map(|(s, _)| s).collect())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn share(contribution: u64, ppm: u32) -> Share {
		Share { contribution, ppm }
	}

	#[test]
	fn rows_are_summed_per_contribution_and_negatives_earn_nothing() {
		// Contribution 7: 0.25 + 0.25; contribution 3: 0.5 − 0.25; contribution 9: −1.
		let scores = [0.25, 0.5, 0.25, -1.0, -0.25];
		let rows = [7, 3, 7, 9, 3];
		assert_eq!(aggregate(&scores, &rows, 10).unwrap(), vec![share(7, 666_667), share(3, 333_333)]);
	}

	#[test]
	fn top_k_keeps_the_largest_and_breaks_ties_by_lower_id() {
		let scores = [1.0, 3.0, 2.0, 2.0];
		let rows = [40, 10, 30, 20];
		// Top 3 of {10: 3, 20: 2, 30: 2, 40: 1}: 10, then the tie 20 before 30; sum 7.
		assert_eq!(
			aggregate(&scores, &rows, 3).unwrap(),
			vec![share(10, 428_572), share(20, 285_714), share(30, 285_714)]
		);
	}

	#[test]
	fn shares_sum_to_exactly_one_million() {
		// Thirds: 333,333 each and one unit left, to the lowest id among equal remainders.
		let thirds = aggregate(&[1.0, 1.0, 1.0], &[5, 6, 7], 3).unwrap();
		assert_eq!(thirds, vec![share(5, 333_334), share(6, 333_333), share(7, 333_333)]);
		let scores: Vec<f64> = (1..=97).map(|i| 1.0 / i as f64).collect();
		let rows: Vec<u64> = (0..97).collect();
		let shares = aggregate(&scores, &rows, 50).unwrap();
		assert_eq!(shares.len(), 50);
		assert_eq!(shares.iter().map(|s| s.ppm).sum::<u32>(), PPM);
	}

	#[test]
	fn nothing_positive_is_no_shares() {
		assert!(aggregate(&[-1.0, 0.0], &[1, 2], 5).unwrap().is_empty());
		assert!(aggregate(&[1.0], &[1], 0).unwrap().is_empty());
	}

	#[test]
	fn bad_input_is_refused() {
		assert!(matches!(aggregate(&[1.0], &[1, 2], 5), Err(Error::ShapeMismatch { .. })));
		assert!(matches!(aggregate(&[f64::NAN], &[1], 5), Err(Error::NotFinite { .. })));
	}
}
