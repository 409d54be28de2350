//! From row scores to what the chain records: per-contribution shares in parts per million.
//!
//! 1. Only positive rows count: a row that hurt the answer earns nothing. Negative scores are
//!    cut per row, whatever the grouping of rows into contributions, so splitting a
//!    contribution into many, or merging many into one, changes no contribution's credit.
//!    (Rows that copy earlier rows are not scored at all: [`crate::copies`].)
//! 2. A contribution's credit is the sum of its positive rows.
//! 3. Top-K: the `k` largest credits, ties broken by the lower contribution id. (The chain's
//!    consensus keeps the top K of the committee's medians the same way.)
//! 4. Shares: the kept credits normalised to parts per million, rounded down, and the units
//!    left over given one each to the largest remainders (ties: larger credit, then lower id),
//!    so the shares sum to exactly 1,000,000.

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

/// Per-contribution shares of row `scores`: `contribution_of_row[i]` names row `i`'s
/// contribution. See the module docs for the rules.
pub fn aggregate(scores: &[f64], contribution_of_row: &[u64], top_k: usize) -> Result<Vec<Share>> {
	if scores.len() != contribution_of_row.len() {
		return Err(Error::shape(format!("{} scores for {} rows", scores.len(), contribution_of_row.len())));
	}
	let mut credits: BTreeMap<u64, f64> = BTreeMap::new();
	for (i, (&score, &contribution)) in scores.iter().zip(contribution_of_row).enumerate() {
		if !score.is_finite() {
			return Err(Error::NotFinite { what: format!("the score of row {i}") });
		}
		if score > 0.0 {
			*credits.entry(contribution).or_default() += score;
		}
	}
	shares(credits.into_iter().collect(), top_k)
}

/// Shares of per-contribution `credits` (steps 3–4 of the module docs; credits ≤ 0 earn
/// nothing).
pub fn shares(credits: Vec<(u64, f64)>, top_k: usize) -> Result<Vec<Share>> {
	let mut positive: Vec<(u64, f64)> = Vec::with_capacity(credits.len());
	for (contribution, credit) in credits {
		if !credit.is_finite() {
			return Err(Error::NotFinite { what: format!("the credit of contribution {contribution}") });
		}
		if credit > 0.0 {
			positive.push((contribution, credit));
		}
	}
	positive.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
	positive.truncate(top_k);
	let sum: f64 = positive.iter().map(|(_, t)| t).sum();
	if positive.is_empty() || !sum.is_finite() || sum <= 0.0 {
		return Ok(Vec::new());
	}
	let mut result: Vec<(Share, f64)> = positive
		.iter()
		.map(|&(contribution, credit)| {
			let quota = credit / sum * f64::from(PPM);
			let floor = quota.floor().min(f64::from(PPM));
			(Share { contribution, ppm: floor as u32 }, quota - floor)
		})
		.collect();
	let assigned: u32 = result.iter().map(|(s, _)| s.ppm).sum();
	let left = PPM.saturating_sub(assigned) as usize;
	// Indices in the order the leftover units go: largest remainder first; `result` is already
	// ordered by credit then id, which breaks the ties (a stable sort keeps that order).
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
	fn negative_rows_are_cut_one_by_one() {
		// Contribution 7: 0.25 + 0.25; contribution 3: 0.5, and its −0.25 row earns nothing
		// rather than costing its other row; contribution 9: −1.
		let scores = [0.25, 0.5, 0.25, -1.0, -0.25];
		let rows = [7, 3, 7, 9, 3];
		assert_eq!(aggregate(&scores, &rows, 10).unwrap(), vec![share(3, 500_000), share(7, 500_000)]);
	}

	#[test]
	fn splitting_or_merging_contributions_changes_no_credit() {
		let scores = [0.4, -0.3, 0.2, 0.1, -0.5, 0.6];
		// One contribution of all six rows, against six of one row each: contribution 1's
		// credit is the sum of what its rows earn apart.
		let merged = aggregate(&scores, &[1, 1, 1, 1, 1, 2], 10).unwrap();
		let split = aggregate(&scores, &[1, 11, 12, 13, 14, 2], 10).unwrap();
		let of = |shares: &[Share], ids: &[u64]| -> u32 {
			shares.iter().filter(|s| ids.contains(&s.contribution)).map(|s| s.ppm).sum()
		};
		// 0.7 and 0.6 of 1.3 either way; the leftover unit of rounding may land elsewhere.
		assert_eq!((of(&merged, &[1]), of(&merged, &[2])), (538_462, 461_538));
		assert_eq!((of(&split, &[1, 11, 12, 13, 14]), of(&split, &[2])), (538_461, 461_539));
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
		assert!(matches!(shares(vec![(1, f64::INFINITY)], 5), Err(Error::NotFinite { .. })));
		assert!(matches!(aggregate(&[f64::NAN], &[1], 5), Err(Error::NotFinite { .. })));
	}
}
