//! The arithmetic of consensus: weighted medians, renormalisation to parts per million, the
//! distance between two answers. Integer only, deterministic, and total: no input panics.

use alloc::{collections::BTreeMap, vec::Vec};
use openledger_primitives::attribution::{ContributionRef, Share, PARTS_PER_MILLION};

/// The weighted lower median of `values` (value, weight): the smallest value at which the
/// weight of the values at or below it reaches half the total. 0 for no values or no weight.
pub fn weighted_median(mut values: Vec<(u32, u128)>) -> u32 {
	values.sort_unstable();
	let total = values.iter().fold(0u128, |sum, (_, w)| sum.saturating_add(*w));
	let mut below = 0u128;
	for (value, weight) in values {
		below = below.saturating_add(weight);
		// below ≥ total / 2, without rounding: 2·below ≥ total
		if below.saturating_mul(2) >= total && total > 0 {
			return value;
		}
	}
	0
}

/// Splits [`PARTS_PER_MILLION`] pro rata to `weights`, exactly: each key gets the floor of its
/// part, and what the floors leave goes one part each to the heaviest keys (ties to the
/// smaller key). Keys of zero weight are left out; no weight at all gives nothing. The result is
/// in key order.
pub fn pro_rata<K: Ord + Copy>(weights: &[(K, u128)]) -> Vec<(K, u32)> {
	// Weights above 2^100 in total are scaled down (shifted right) first, so that a weight
	// times one million cannot overflow and the parts stay exact.
	let raw_total = weights.iter().fold(0u128, |sum, (_, w)| sum.saturating_add(*w));
	let shift = 128u32.saturating_sub(raw_total.leading_zeros()).saturating_sub(100);
	let mut ranked: Vec<(K, u128)> =
		weights.iter().map(|(k, w)| (*k, w.checked_shr(shift).unwrap_or(0))).filter(|(_, w)| *w > 0).collect();
	let total = ranked.iter().fold(0u128, |sum, (_, w)| sum.saturating_add(*w));
	if total == 0 {
		return Vec::new();
	}
	ranked.sort_by(|(ka, wa), (kb, wb)| wb.cmp(wa).then(ka.cmp(kb)));
	let whole = u128::from(PARTS_PER_MILLION);
	let mut parts: Vec<(K, u32)> = ranked
		.iter()
		.map(|(k, w)| {
			// w ≤ total < 2^101, so w · 10^6 fits in u128 and the quotient is at most a million.
			let part = w.saturating_mul(whole).checked_div(total).unwrap_or(0);
			(*k, u32::try_from(part).unwrap_or(PARTS_PER_MILLION))
		})
		.collect();
	let given = parts.iter().fold(0u32, |sum, (_, p)| sum.saturating_add(*p));
	let mut left = PARTS_PER_MILLION.saturating_sub(given);
	for (_, part) in parts.iter_mut() {
		if left == 0 {
			break;
		}
		*part = part.saturating_add(1);
		left = left.saturating_sub(1);
	}
	parts.sort_by_key(|(k, _)| *k);
	parts
}

/// Consensus over revealed `answers` (shares, weight — the pallet weighs every seat one): per
/// contribution named by any answer, the weighted median of its parts (0 where an answer leaves it out); the `max` largest
/// positive medians (ties to the smaller contribution), renormalised to exactly one million.
/// Empty if no median is positive. Sorted by contribution.
pub fn consensus(answers: &[(&[Share], u128)], max: usize) -> Vec<Share> {
	let mut named: BTreeMap<ContributionRef, Vec<(u32, u128)>> = BTreeMap::new();
	for (shares, _) in answers {
		for share in shares.iter() {
			named.entry(share.contribution).or_default();
		}
	}
	for (contribution, values) in named.iter_mut() {
		for (shares, bond) in answers {
			let part = shares.iter().find(|s| &s.contribution == contribution).map_or(0, |s| s.ppm);
			values.push((part, *bond));
		}
	}
	let mut medians: Vec<(ContributionRef, u128)> = named
		.into_iter()
		.map(|(contribution, values)| (contribution, u128::from(weighted_median(values))))
		.filter(|(_, median)| *median > 0)
		.collect();
	medians.sort_by(|(ca, ma), (cb, mb)| mb.cmp(ma).then(ca.cmp(cb)));
	medians.truncate(max);
	pro_rata(&medians).into_iter().map(|(contribution, ppm)| Share { contribution, ppm }).collect()
}

/// The total-variation distance between two answers, in parts per million: half the sum over
/// contributions of the difference of their parts. Both sorted by contribution.
pub fn distance(a: &[Share], b: &[Share]) -> u32 {
	let (mut i, mut j, mut diff) = (0usize, 0usize, 0u64);
	loop {
		let step = match (a.get(i), b.get(j)) {
			(Some(x), Some(y)) if x.contribution == y.contribution => {
				i = i.saturating_add(1);
				j = j.saturating_add(1);
				x.ppm.abs_diff(y.ppm)
			},
			(Some(x), Some(y)) if x.contribution < y.contribution => {
				i = i.saturating_add(1);
				x.ppm
			},
			(_, Some(y)) => {
				j = j.saturating_add(1);
				y.ppm
			},
			(Some(x), None) => {
				i = i.saturating_add(1);
				x.ppm
			},
			(None, None) => break,
		};
		diff = diff.saturating_add(u64::from(step));
	}
	u32::try_from(diff / 2).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn c(index: u32) -> ContributionRef {
		ContributionRef { datanet: 0, index }
	}

	fn shares(parts: &[(u32, u32)]) -> Vec<Share> {
		parts.iter().map(|&(index, ppm)| Share { contribution: c(index), ppm }).collect()
	}

	fn total(shares: &[Share]) -> u32 {
		shares.iter().map(|s| s.ppm).sum()
	}

	#[test]
	fn median_is_weighted_by_bond() {
		assert_eq!(weighted_median(vec![(10, 1), (20, 1), (30, 1)]), 20);
		// one heavy voter carries the median
		assert_eq!(weighted_median(vec![(10, 5), (20, 1), (30, 1)]), 10);
		assert_eq!(weighted_median(vec![(10, 1), (20, 1), (30, 5)]), 30);
		// an even split takes the lower value
		assert_eq!(weighted_median(vec![(10, 1), (20, 1)]), 10);
		assert_eq!(weighted_median(vec![]), 0);
		assert_eq!(weighted_median(vec![(7, 0)]), 0);
		assert_eq!(weighted_median(vec![(7, u128::MAX), (9, u128::MAX)]), 7);
	}

	#[test]
	fn pro_rata_is_exact_and_deterministic() {
		let parts = pro_rata(&[(1u32, 1), (2, 1), (3, 1)]);
		assert_eq!(parts, vec![(1, 333_334), (2, 333_333), (3, 333_333)]);
		let parts = pro_rata(&[(5u32, 1), (2, 2), (9, 0)]);
		assert_eq!(parts, vec![(2, 666_667), (5, 333_333)]);
		assert!(pro_rata::<u32>(&[]).is_empty());
		assert!(pro_rata(&[(1u32, 0)]).is_empty());
		let huge = pro_rata(&[(1u32, u128::MAX / 3), (2, u128::MAX / 3)]);
		assert_eq!(huge.iter().map(|(_, p)| p).sum::<u32>(), PARTS_PER_MILLION);
	}

	#[test]
	fn consensus_takes_medians_and_renormalises() {
		let a = shares(&[(1, 600_000), (2, 400_000)]);
		let b = shares(&[(1, 500_000), (2, 500_000)]);
		let outlier = shares(&[(3, 1_000_000)]);
		let result = consensus(&[(&a, 1), (&b, 1), (&outlier, 1)], 16);
		// medians: 1 → 500k, 2 → 400k, 3 → 0
		assert_eq!(result, shares(&[(1, 555_556), (2, 444_444)]));
		assert_eq!(total(&result), PARTS_PER_MILLION);
	}

	#[test]
	fn a_bond_majority_decides_consensus() {
		let honest = shares(&[(1, 1_000_000)]);
		let other = shares(&[(2, 1_000_000)]);
		assert_eq!(consensus(&[(&honest, 3), (&other, 1), (&other, 1)], 16), shares(&[(1, 1_000_000)]));
		assert_eq!(consensus(&[(&honest, 1), (&other, 3)], 16), shares(&[(2, 1_000_000)]));
	}

	#[test]
	fn consensus_keeps_the_largest() {
		let a = shares(&[(1, 100_000), (2, 300_000), (3, 600_000)]);
		let result = consensus(&[(&a, 1)], 2);
		assert_eq!(result, shares(&[(2, 333_333), (3, 666_667)]));
	}

	#[test]
	fn nothing_positive_means_no_consensus() {
		let empty: Vec<Share> = Vec::new();
		let a = shares(&[(1, 1_000_000)]);
		assert!(consensus(&[(&empty, 1), (&empty, 1), (&a, 1)], 16).is_empty());
		assert!(consensus(&[], 16).is_empty());
	}

	#[test]
	fn distance_is_total_variation() {
		let a = shares(&[(1, 600_000), (2, 400_000)]);
		let b = shares(&[(1, 500_000), (3, 500_000)]);
		assert_eq!(distance(&a, &a), 0);
		assert_eq!(distance(&a, &b), (100_000 + 400_000 + 500_000) / 2);
		assert_eq!(distance(&a, &b), distance(&b, &a));
		assert_eq!(distance(&a, &[]), 500_000);
		assert_eq!(distance(&shares(&[(1, 1_000_000)]), &shares(&[(2, 1_000_000)])), 1_000_000);
	}
}
