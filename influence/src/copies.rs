//! Near-duplicate rows: which training rows copy earlier ones. Attribution leaves copies out
//! ([`crate::engine::Engine::attribution_side`]): the data is credited to whoever brought it
//! first, and copying a contribution earns nothing.
//!
//! A row is a *copy* of an earlier row when both have the same label and their features are
//! within the copy radius `ε` (Euclidean distance). "Earlier" is arrival order: the chain
//! records when each contribution arrived, and a contribution's rows arrive in payload order.
//! A copy's *original* is the original of the earliest earlier row within `ε` — that row, or
//! the row it copies — so a chain of copies leads back to its first row.
//!
//! Every attestor must find the same copies, so distances are not compared in floating point:
//! each feature is rounded to thousandths ([`Radius::SCALE`]) and the squared distance of the
//! rounded rows is compared with `ε²` in integers, exactly. Identical rows are found by hashing.
//! Near ones by a sweep over rows sorted by the sum of their rounded features, which differ by
//! at most `√d·ε` between rows within `ε` of each other (Cauchy–Schwarz): each row is compared
//! with at most [`CANDIDATES`] rows that follow it in that window, which bounds the work on data
//! crafted to share one sum (a copy hidden behind that many decoy rows of its own sum escapes;
//! the decoys are the copier's own contributions).

use std::collections::BTreeMap;

use crate::{Dataset, Error, Result};

/// The copy radius `ε`, in thousandths of a feature unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Radius(pub u32);

impl Radius {
	/// Thousandths: one feature unit in the fixed point distances are computed in.
	pub const SCALE: f64 = 1_000.0;

	/// The default radius, 0.75 of a feature unit: the 8×8 digits (pixels 0–16) have no two
	/// distinct rows closer than 1, while a copy with noise of σ = 0.05 per pixel lies about
	/// 0.4 from its original (0.05·√64), and 0.55 at most over thousands of copies.
	pub const DEFAULT: Radius = Radius(750);

	/// The radius of `units` feature units, rounded to thousandths; fails unless it is finite,
	/// at least 0 and at most `u32::MAX` thousandths.
	pub fn from_units(units: f64) -> Result<Self> {
		let milli = (units * Self::SCALE).round();
		if !milli.is_finite() || milli < 0.0 || milli > f64::from(u32::MAX) {
			return Err(Error::invalid("copy radius", format!("{units} (it must be a number of feature units ≥ 0)")));
		}
		Ok(Radius(milli as u32))
	}

	/// The radius in feature units.
	pub fn units(self) -> f64 {
		f64::from(self.0) / Self::SCALE
	}

	fn squared(self) -> i128 {
		i128::from(self.0) * i128::from(self.0)
	}
}

/// Rounded features never exceed this in magnitude (2⁴⁰ thousandths), so sums and squared
/// distances fit in `i128` for any width a model could have.
const LIMIT: f64 = 1_099_511_627_776.0;

/// A feature rounded to thousandths, clamped to ±[`LIMIT`].
fn fixed(x: f64) -> i64 {
	(x * Radius::SCALE).round().clamp(-LIMIT, LIMIT) as i64
}

/// Rows compared with each row at most, in the sweep: bounds the work of data crafted to
/// share one feature sum. Exact duplicates are always found (by hashing), whatever their number.
pub const CANDIDATES: usize = 256;

/// For each row of `data`, its original: the original of the earliest earlier row with the same
/// label within the copy radius of it, or itself when there is none.
///
/// `arrival[i]` orders row `i` (its contribution's arrival; ties, as within a contribution, go
/// to the lower row index). `radius[i]` is the copy radius of row `i`'s datanet version; a pair
/// of rows is compared with the smaller of their radii, so that no datanet reaches into another
/// further than that one allows. Identical rows (same label, same rounded features) are always
/// copies; near ones are looked for among the [`CANDIDATES`] rows of the same label whose
/// feature sums follow each row's.
pub fn originals(data: &Dataset, arrival: &[u64], radius: &[Radius]) -> Result<Vec<usize>> {
	let n = data.len();
	if arrival.len() != n || radius.len() != n {
		return Err(Error::shape(format!("{n} rows with {} arrivals and {} radii", arrival.len(), radius.len())));
	}
	let dim = data.dim;
	let rows: Vec<i64> = data.features.iter().map(|&x| fixed(x)).collect();
	let row = |i: usize| rows.get(i * dim..(i + 1) * dim).unwrap_or(&[]);
	let label = |i: usize| data.labels.get(i).copied();
	let before = |a: usize, b: usize| (arrival.get(a), a) < (arrival.get(b), b);
	let mut order: Vec<usize> = (0..n).collect();
	order.sort_by(|&a, &b| (arrival.get(a), a).cmp(&(arrival.get(b), b)));

	// The earliest earlier row within the radius, for each row that has one.
	let mut earliest: Vec<Option<usize>> = vec![None; n];
	// Identical rows: the first in arrival order is everyone's.
	let mut first: BTreeMap<(Option<u32>, &[i64]), usize> = BTreeMap::new();
	let mut distinct = Vec::with_capacity(n);
	for &i in &order {
		match first.get(&(label(i), row(i))) {
			Some(&e) => earliest[i] = Some(e),
			None => {
				first.insert((label(i), row(i)), i);
				distinct.push(i);
			},
		}
	}
	// Near rows: by label, then by feature sum — rows within ε differ by at most √d·ε in it.
	let sums: Vec<i128> = (0..n).map(|i| row(i).iter().map(|&v| i128::from(v)).sum()).collect();
	let sum = |i: usize| sums.get(i).copied().unwrap_or_default();
	let widest = radius.iter().copied().max().unwrap_or(Radius(0)).squared();
	let window = widest.saturating_mul(dim as i128);
	distinct.sort_by_key(|&i| (label(i), sum(i), i));
	for (at, &a) in distinct.iter().enumerate() {
		for &b in distinct.get(at + 1..).unwrap_or(&[]).iter().take(CANDIDATES) {
			let gap = sum(b) - sum(a);
			if label(b) != label(a) || gap.saturating_mul(gap) > window {
				break;
			}
			let reach = radius.get(a).copied().min(radius.get(b).copied()).unwrap_or(Radius(0)).squared();
			if squared_distance(row(a), row(b), reach).is_none() {
				continue;
			}
			let (first, later) = if before(a, b) { (a, b) } else { (b, a) };
			if let Some(slot) = earliest.get_mut(later) {
				if slot.is_none_or(|e| before(first, e)) {
					*slot = Some(first);
				}
			}
		}
	}
	// In arrival order, every row's earlier neighbour has its original already.
	let mut original: Vec<usize> = (0..n).collect();
	for i in order {
		if let Some(e) = earliest.get(i).copied().flatten() {
			let root = original.get(e).copied().unwrap_or(e);
			if let Some(slot) = original.get_mut(i) {
				*slot = root;
			}
		}
	}
	Ok(original)
}

/// The squared distance of two rounded rows if it is at most `reach`, else `None` (stopping
/// as soon as it exceeds it).
fn squared_distance(a: &[i64], b: &[i64], reach: i128) -> Option<i128> {
	let mut total: i128 = 0;
	for (&x, &y) in a.iter().zip(b) {
		let d = i128::from(x) - i128::from(y);
		total += d * d;
		if total > reach {
			return None;
		}
	}
	Some(total)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn data(rows: &[(u32, [f64; 3])]) -> Dataset {
		let features = rows.iter().flat_map(|(_, x)| x.iter().copied()).collect();
		Dataset::new(features, rows.iter().map(|(l, _)| *l).collect(), 3).unwrap()
	}

	fn same(n: usize, r: u32) -> Vec<Radius> {
		vec![Radius(r); n]
	}

	#[test]
	fn a_copy_within_half_the_radius_credits_the_original_and_one_at_twice_is_its_own() {
		// ε = 1: row 1 is 0.5 from row 0, row 2 is 2 from row 0 (and 1.5 from row 1).
		let rows = data(&[(0, [1.0, 2.0, 3.0]), (0, [1.5, 2.0, 3.0]), (0, [3.0, 2.0, 3.0])]);
		assert_eq!(originals(&rows, &[0, 1, 2], &same(3, 1_000)).unwrap(), vec![0, 0, 2]);
	}

	#[test]
	fn the_earlier_arrival_is_the_original_whatever_the_row_order() {
		let rows = data(&[(0, [1.0, 2.0, 3.0]), (0, [1.0, 2.0, 3.1])]);
		// Row 1 arrived first: row 0 is its copy.
		assert_eq!(originals(&rows, &[5, 2], &same(2, 500)).unwrap(), vec![1, 1]);
		// The same arrival (one contribution): the lower row index.
		assert_eq!(originals(&rows, &[3, 3], &same(2, 500)).unwrap(), vec![0, 0]);
	}

	#[test]
	fn another_label_is_never_a_copy() {
		let rows = data(&[(0, [1.0, 2.0, 3.0]), (1, [1.0, 2.0, 3.0])]);
		assert_eq!(originals(&rows, &[0, 1], &same(2, 1_000)).unwrap(), vec![0, 1]);
	}

	#[test]
	fn a_chain_of_copies_credits_its_first_row() {
		// Each 0.8 from the one before, so row 2 is 1.6 from row 0: beyond ε = 1, but it copies row 1.
		let rows = data(&[(2, [0.0, 0.0, 0.0]), (2, [0.8, 0.0, 0.0]), (2, [1.6, 0.0, 0.0])]);
		assert_eq!(originals(&rows, &[0, 1, 2], &same(3, 1_000)).unwrap(), vec![0, 0, 0]);
	}

	#[test]
	fn the_radius_is_exact_at_its_edge_and_zero_still_catches_identical_rows() {
		// Exactly ε apart (3-4-5 in thousandths) is a copy; one thousandth more is not.
		let edge = data(&[(0, [0.0, 0.0, 0.0]), (0, [0.3, 0.4, 0.0]), (0, [-0.3, -0.401, 0.0])]);
		assert_eq!(originals(&edge, &[0, 1, 2], &same(3, 500)).unwrap(), vec![0, 0, 2]);
		let twins = data(&[(0, [1.0, 1.0, 1.0]), (0, [1.0, 1.0, 1.0])]);
		assert_eq!(originals(&twins, &[0, 1], &same(2, 0)).unwrap(), vec![0, 0]);
	}

	#[test]
	fn the_smaller_radius_decides() {
		// 0.6 apart: a copy only if both rows' datanets reach that far.
		let rows = data(&[(0, [0.0, 0.0, 0.0]), (0, [0.6, 0.0, 0.0])]);
		assert_eq!(originals(&rows, &[0, 1], &[Radius(1_000), Radius(700)]).unwrap(), vec![0, 0]);
		assert_eq!(originals(&rows, &[0, 1], &[Radius(u32::MAX), Radius(500)]).unwrap(), vec![0, 1]);
		assert_eq!(originals(&rows, &[0, 1], &[Radius(500), Radius(1_000)]).unwrap(), vec![0, 1]);
	}

	#[test]
	fn twins_are_found_however_many_rows_share_their_sum() {
		// 2,000 distinct rows whose features all sum to 0, then a twin of the first: past the
		// sweep's CANDIDATES, the twin is still found (by hashing), and a near copy of the last
		// row, which follows it in the sweep, too.
		let n = 2_000;
		let mut rows: Vec<(u32, [f64; 3])> = (0..n).map(|k| (0, [k as f64, -(k as f64), 0.0])).collect();
		rows.push((0, [0.0, 0.0, 0.0]));
		rows.push((0, [(n - 1) as f64 + 0.1, -((n - 1) as f64), 0.0]));
		let rows = data(&rows);
		let arrival: Vec<u64> = (0..n as u64 + 2).collect();
		let found = originals(&rows, &arrival, &same(n + 2, 500)).unwrap();
		assert_eq!((found[n], found[n + 1]), (0, n - 1));
		assert!(found[..n].iter().enumerate().all(|(i, &o)| i == o), "rows √2 apart are their own");
	}

	#[test]
	fn huge_values_and_bad_shapes_are_handled() {
		let rows = data(&[(0, [1e300, -1e300, 0.0]), (0, [1e300, -1e300, 0.0])]);
		assert_eq!(originals(&rows, &[0, 1], &same(2, u32::MAX)).unwrap(), vec![0, 0]);
		assert!(matches!(originals(&rows, &[0], &same(2, 1)), Err(Error::ShapeMismatch { .. })));
		assert!(Radius::from_units(-1.0).is_err());
		assert!(Radius::from_units(f64::NAN).is_err());
		assert_eq!(Radius::from_units(0.75).unwrap(), Radius::DEFAULT);
	}
}
