//! The engine against the ground truth: actual leave-one-out retraining.

use openledger_influence::{
	engine::{Method, Settings, TrainingSide},
	model::Arch,
	stats::{mean, spearman},
	train::{train, Options},
	truth::leave_one_out,
	Dataset,
};

/// Mean over queries of Spearman's correlation between scores and leave-one-out changes.
fn correlation(scores: &[Vec<f64>], truth: &[Vec<f64>]) -> f64 {
	mean(&scores.iter().zip(truth).map(|(s, t)| spearman(s, t)).collect::<Vec<_>>())
}

/// Softmax regression trained to the optimum on 600 generated rows (four classes of Gaussian
/// clusters with 10% of the labels flipped): over 20 queries, `exact` scores rank the rows
/// as retraining without each of them does.
#[test]
fn exact_scores_rank_rows_like_leave_one_out_retraining() {
	let l2 = 1e-2;
	let data = Dataset::synthetic(600, 10, 4, 1.0, 0.1, 42);
	let queries = Dataset::synthetic(20, 10, 4, 1.0, 0.1, 43);
	let options = Options { l2, tolerance: 1e-11, ..Options::default() };
	let model = train(Arch::Softmax, &data, Some(4), &options).unwrap().model;
	let truth = leave_one_out(&model, &data, &queries, data.len(), &options).unwrap();

	let settings = Settings { l2, damping: 1e-6 };
	let exact = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap().scores(&queries).unwrap();
	let tracin = TrainingSide::new(&model, &data, Method::Tracin, settings).unwrap().scores(&queries).unwrap();
	let (rho_exact, rho_tracin) = (correlation(&exact, &truth), correlation(&tracin, &truth));
	println!("mean Spearman with leave-one-out: exact {rho_exact:.4}, tracin {rho_tracin:.4}");
	assert!(rho_exact >= 0.98, "exact: {rho_exact}");
	// The baseline is reported, and exact must beat it.
	assert!(rho_exact > rho_tracin, "exact {rho_exact} vs tracin {rho_tracin}");

	// The estimates are of the right size too, not only in the right order: per query, the
	// least-squares slope of the actual changes on the estimated ones is close to 1.
	let slopes: Vec<f64> = exact
		.iter()
		.zip(&truth)
		.map(|(s, t)| s.iter().zip(t).map(|(a, b)| a * b).sum::<f64>() / s.iter().map(|a| a * a).sum::<f64>())
		.collect();
	let pearson =
		mean(&exact.iter().zip(&truth).map(|(s, t)| openledger_influence::stats::pearson(s, t)).collect::<Vec<_>>());
	println!(
		"mean Pearson {pearson:.4}; slopes from {:.3} to {:.3}",
		slopes.iter().copied().fold(f64::INFINITY, f64::min),
		slopes.iter().copied().fold(0.0, f64::max)
	);
	assert!(pearson >= 0.98, "Pearson {pearson}");
	assert!(slopes.iter().all(|&k| (0.8..1.25).contains(&k)), "slopes {slopes:?}");
}
