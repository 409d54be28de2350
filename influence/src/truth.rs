//! Ground truth for the scores: actual retraining.
//!
//! - Leave-one-out: retrain without row `i` and measure each query's loss change — what the
//!   `exact` score estimates.
//! - The linear datamodeling score (LDS): retrain on random subsets and correlate each query's
//!   loss with the scores summed over the rows left out.
//!
//! Retraining starts from the full model (warm start) and runs to the training tolerance.

use std::thread;

use crate::{
	model::Model,
	rng::Rng,
	stats::{mean, spearman},
	train::{train_from, Options},
	Dataset, Error, Result,
};

/// Runs `job(i)` for `i` in `0..count` on all cores, keeping the order of the results.
fn parallel<T: Send>(count: usize, job: impl Fn(usize) -> Result<T> + Sync) -> Result<Vec<T>> {
	let threads = thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(count.max(1));
	let results: Vec<Result<Vec<(usize, T)>>> = thread::scope(|scope| {
		let handles: Vec<_> = (0..threads)
			.map(|t| {
				let job = &job;
				scope.spawn(move || (t..count).step_by(threads).map(|i| job(i).map(|r| (i, r))).collect())
			})
			.collect();
		handles
			.into_iter()
			.map(|h| h.join().unwrap_or_else(|_| Err(Error::invalid("retraining", "a worker panicked"))))
			.collect()
	});
	let mut all = Vec::with_capacity(count);
	for part in results {
		all.extend(part?);
	}
	all.sort_by_key(|(i, _)| *i);
	Ok(all.into_iter().map(|(_, r)| r).collect())
}

/// Leave-one-out retraining for the first `rows` rows: `result[q][i]` is query `q`'s loss after
/// retraining without row `i`, minus its loss under `model` (positive = the row helped).
pub fn leave_one_out(
	model: &Model,
	data: &Dataset,
	queries: &Dataset,
	rows: usize,
	options: &Options,
) -> Result<Vec<Vec<f64>>> {
	if rows > data.len() {
		return Err(Error::invalid("rows", format!("{rows}, but the data has {} rows", data.len())));
	}
	let base = model.losses(queries)?;
	let per_row = parallel(rows, |i| {
		let retrained = train_from(model.clone(), &data.without(i), options)?.model;
		retrained.losses(queries)
	})?;
	Ok((0..queries.len()).map(|q| per_row.iter().map(|losses| losses[q] - base[q]).collect()).collect())
}

/// The random subsets of the rows the linear datamodeling score retrains on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Subsets {
	/// How many subsets.
	pub count: usize,
	/// The fraction of the rows each holds.
	pub fraction: f64,
	/// The seed that draws them.
	pub seed: u64,
}

/// The linear datamodeling score of `scores` (`scores[q][i]`, one row of scores per query and
/// one score per training row): retrain on each of the random `subsets`, and per query take
/// Spearman's correlation between its loss and the sum of its scores over the rows left out
/// (what the scores predict the loss rises by); the mean over queries.
///
/// # Panics
/// If `scores` is not one row per query of one score per training row.
#[track_caller]
pub fn linear_datamodeling_score(
	model: &Model,
	data: &Dataset,
	queries: &Dataset,
	scores: &[Vec<f64>],
	subsets: Subsets,
	options: &Options,
) -> Result<f64> {
	let n = data.len();
	if let Some((q, row)) = scores.iter().enumerate().find(|(_, row)| row.len() != n) {
		panic!("linear_datamodeling_score: query {q} has {} scores, the data {n} rows", row.len());
	}
	assert_eq!(
		scores.len(),
		queries.len(),
		"linear_datamodeling_score: {} rows of scores for {} queries",
		scores.len(),
		queries.len()
	);
	let Subsets { count, fraction, seed } = subsets;
	let keep = ((n as f64) * fraction).round() as usize;
	let mut rng = Rng::new(seed);
	let chosen: Vec<Vec<bool>> = (0..count)
		.map(|_| {
			// A uniformly random subset of `keep` rows (partial Fisher–Yates).
			let mut order: Vec<usize> = (0..n).collect();
			for i in 0..keep.min(n) {
				let j = i + rng.below(n - i);
				order.swap(i, j);
			}
			let mut kept = vec![false; n];
			for &i in &order[..keep.min(n)] {
				kept[i] = true;
			}
			kept
		})
		.collect();
	let losses = parallel(count, |s| {
		let rows: Vec<usize> = (0..n).filter(|&i| chosen[s][i]).collect();
		train_from(model.clone(), &data.select(&rows), options)?.model.losses(queries)
	})?;
	let per_query: Vec<f64> = (0..queries.len())
		.map(|q| {
			let predicted: Vec<f64> =
				chosen.iter().map(|kept| (0..n).filter(|&i| !kept[i]).map(|i| scores[q][i]).sum()).collect();
			let actual: Vec<f64> = losses.iter().map(|l| l[q]).collect();
			spearman(&predicted, &actual)
		})
		.collect();
	Ok(mean(&per_query))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::model::Arch;

	const SUBSETS: Subsets = Subsets { count: 2, fraction: 0.5, seed: 0 };

	/// The linear datamodeling score of `scores` for a softmax model, 4 rows and 2 queries.
	fn score(scores: &[Vec<f64>]) -> Result<f64> {
		let model = Model::init(Arch::Softmax, 2, 0, 2, 0);
		let (data, queries) = (Dataset::synthetic(4, 2, 2, 1.0, 0.0, 1), Dataset::synthetic(2, 2, 2, 1.0, 0.0, 2));
		linear_datamodeling_score(&model, &data, &queries, scores, SUBSETS, &Options::default())
	}

	#[test]
	#[should_panic(expected = "linear_datamodeling_score: query 1 has 3 scores, the data 4 rows")]
	fn scores_for_another_number_of_rows_panic() {
		let _ = score(&[vec![0.0; 4], vec![0.0; 3]]);
	}

	#[test]
	#[should_panic(expected = "linear_datamodeling_score: 1 rows of scores for 2 queries")]
	fn scores_for_another_number_of_queries_panic() {
		let _ = score(&[vec![0.0; 4]]);
	}
}
