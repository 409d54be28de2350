//! Rank correlation, for measuring scores against ground truth.

/// The ranks of `xs` (1-based), ties sharing their average rank.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
	let mut order: Vec<usize> = (0..xs.len()).collect();
	order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
	let mut ranks = vec![0.0; xs.len()];
	let mut start = 0;
	while start < order.len() {
		let mut end = start + 1;
		while end < order.len() && xs[order[end]] == xs[order[start]] {
			end += 1;
		}
		// Positions start..end (0-based) share the ranks start+1..=end.
		let average = (start + 1 + end) as f64 / 2.0;
		for &i in &order[start..end] {
			ranks[i] = average;
		}
		start = end;
	}
	ranks
}

/// Pearson's correlation of two equally long samples (0 when either is constant).
///
/// # Panics
/// If the samples differ in length.
#[track_caller]
pub fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
	assert_eq!(xs.len(), ys.len(), "pearson: samples of {} and {} values", xs.len(), ys.len());
	let n = xs.len() as f64;
	if n == 0.0 {
		return 0.0;
	}
	let mx = xs.iter().sum::<f64>() / n;
	let my = ys.iter().sum::<f64>() / n;
	let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
	for (x, y) in xs.iter().zip(ys) {
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) * (x - mx);
		syy += (y - my) * (y - my);
	}
	if sxx == 0.0 || syy == 0.0 {
		0.0
	} else {
		sxy / (sxx * syy).sqrt()
	}
}

/// Spearman's rank correlation.
///
/// # Panics
/// If the samples differ in length.
#[track_caller]
pub fn spearman(xs: &[f64], ys: &[f64]) -> f64 {
	pearson(&ranks(xs), &ranks(ys))
}

/// The mean of `xs` (0 for none).
pub fn mean(xs: &[f64]) -> f64 {
	if xs.is_empty() {
		0.0
	} else {
		xs.iter().sum::<f64>() / xs.len() as f64
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ties_share_their_average_rank() {
		assert_eq!(ranks(&[10.0, 20.0, 10.0, 5.0]), vec![2.5, 4.0, 2.5, 1.0]);
	}

	#[test]
	fn spearman_of_monotone_and_reversed_samples() {
		let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
		let ys = [1.0, 4.0, 9.0, 16.0, 100.0];
		assert!((spearman(&xs, &ys) - 1.0).abs() < 1e-12);
		let reversed: Vec<f64> = ys.iter().map(|y| -y).collect();
		assert!((spearman(&xs, &reversed) + 1.0).abs() < 1e-12);
		// Hand-computed: d = (0, 1, -1) → 1 − 6·2/(3·8) = 0.5.
		assert!((spearman(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]) - 0.5).abs() < 1e-12);
	}

	#[test]
	#[should_panic(expected = "pearson: samples of 3 and 2 values")]
	fn samples_of_different_lengths_panic() {
		spearman(&[1.0, 2.0, 3.0], &[1.0, 2.0]);
	}
}
