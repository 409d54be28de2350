//! `claims-bench`: what the checks of what model owners and providers claim cost, and what the
//! attacks they close earned before them (issue 22). It prints figures and asserts nothing; the
//! tests check the rules.
//!
//! ```text
//! cargo run --release -p openledger-influence --bin claims-bench -- --digits digits.csv
//! ```
//!
//! The set-up: the first 600 rows of the 8×8 digits in 60 contributions of 10, softmax
//! regression at the optimum (L2 1e-2); queries are the next rows, answered with the model's
//! own prediction.
//! - Lineage: the gradient norm [`openledger_influence::verify::lineage`] measures for the
//!   honest lineage and for false ones, and its time at 600 and 10,000 rows (the digits repeated
//!   with noise of σ 0.5, the model trained on them).
//! - Outputs: the time of one output check ([`openledger_influence::verify::answers`]).
//! - Batches: one crafted query (an input of huge norm, answered as the model answers it, so
//!   that the output check passes) among 1,000 honest ones: the share of the batch the
//!   contribution it favours most takes, summing the queries' raw scores (before) and as the
//!   chain scores a batch now (queries clipped to the lineage's range, the mean of their
//!   shares); and the time of each.
//! - Poison: 50 rows of class 3 relabelled 8; where the audit ranks them.

use std::{path::PathBuf, time::Instant};

use clap::Parser;
use openledger_influence::{
	aggregate::aggregate,
	engine::{Method, Settings, TrainingSide},
	model::{Arch, Model},
	rng::Rng,
	train::{train, Options},
	verify::{answers, lineage, Range},
	Dataset, Result,
};

#[derive(Parser)]
struct Args {
	/// The digits as `label,f1,...,f64` CSV (`scripts/bench/export_digits.py`).
	#[arg(long)]
	digits: PathBuf,
	#[arg(long, default_value_t = 1e-2)]
	l2: f64,
	/// Rows of the larger lineage whose check is timed.
	#[arg(long, default_value_t = 10_000)]
	large: usize,
}

fn first(data: &Dataset, n: usize) -> Dataset {
	data.select(&(0..n.min(data.len())).collect::<Vec<_>>())
}

fn trained(arch: Arch, data: &Dataset, l2: f64) -> Result<Model> {
	Ok(train(arch, data, Some(10), &Options { l2, hidden: 16, ..Options::default() })?.model)
}

/// The model's answers to `inputs`.
fn predict(model: &Model, inputs: &Dataset) -> Result<Vec<u32>> {
	(0..inputs.len())
		.map(|q| {
			let logits = model.logits(inputs.row(q))?;
			Ok((0..logits.len()).max_by(|&a, &b| logits[a].total_cmp(&logits[b])).unwrap_or(0) as u32)
		})
		.collect()
}

/// `data` with `rows` more rows appended.
fn plus(data: &Dataset, rows: &Dataset) -> Dataset {
	let mut out = data.clone();
	out.features.extend_from_slice(&rows.features);
	out.labels.extend_from_slice(&rows.labels);
	out
}

fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(T, f64)> {
	let started = Instant::now();
	let value = f()?;
	Ok((value, started.elapsed().as_secs_f64() * 1e3))
}

fn main() -> Result<()> {
	let args = Args::parse();
	let all = Dataset::read_csv(&args.digits)?;
	let data = first(&all, 600);
	let owners: Vec<u64> = (0..600u64).map(|i| i / 10).collect();
	let settings = Settings { l2: args.l2, damping: 1e-6 };

	println!("## Lineage: |∇| of the objective over the declared rows (tolerance 1e-5)");
	let softmax = trained(Arch::Softmax, &data, args.l2)?;
	let f32_weights: Vec<f64> = softmax.params().iter().map(|&w| f64::from(w as f32)).collect();
	let mlp = trained(Arch::Mlp, &data, args.l2)?;
	let half = first(&data, 300);
	let crafted = {
		// a row the model never saw, far out, labelled against its own answer
		let mut row = Dataset::new(vec![16.0; 64], vec![3], 64)?;
		row.labels[0] = (predict(&softmax, &row)?[0] + 1) % 10;
		plus(&data, &row)
	};
	let mut relabelled = data.clone();
	relabelled.labels.iter_mut().take(5).for_each(|y| *y = (*y + 1) % 10);
	let other = all.select(&(600..1200).collect::<Vec<_>>());
	let mut reversed = data.select(&(0..600).rev().collect::<Vec<_>>());
	reversed.dim = data.dim;
	println!("| lineage declared | softmax | softmax, f32 weights | MLP (16 hidden), output layer |");
	println!("| --- | --- | --- | --- |");
	let cases: [(&str, &Dataset); 6] = [
		("the rows it was trained on", &data),
		("the same rows, reversed", &reversed),
		("half of them", &half),
		("them and one crafted row", &crafted),
		("them with 5 labels changed", &relabelled),
		("other rows (600 other digits)", &other),
	];
	for (name, rows) in cases {
		let a = lineage(&softmax, rows, args.l2)?.gradient;
		let b = lineage(&softmax.with_params(&f32_weights), rows, args.l2)?.gradient;
		let c = lineage(&mlp, rows, args.l2)?.gradient;
		println!("| {name} | {a:.1e} | {b:.1e} | {c:.1e} |");
	}
	// the time of one check, at 600 rows and at `large`
	let mut rng = Rng::new(3);
	let mut large = Dataset { features: Vec::new(), labels: Vec::new(), dim: 64 };
	for i in 0..args.large {
		let source = i % all.len();
		large.features.extend(all.row(source).iter().map(|x| x + 0.5 * rng.normal()));
		large.labels.push(all.labels[source]);
	}
	for (name, model_rows) in [("600", &data), ("large", &large)] {
		for arch in [Arch::Softmax, Arch::Mlp] {
			let model = if name == "600" && arch == Arch::Softmax {
				softmax.clone()
			} else if name == "600" {
				mlp.clone()
			} else {
				trained(arch, model_rows, args.l2)?
			};
			let (verdict, ms) = timed(|| lineage(&model, model_rows, args.l2))?;
			println!(
				"verify-lineage, {} rows, {}: {ms:.1} ms (|∇| {:.1e}, consistent: {})",
				model_rows.len(),
				arch.name(),
				verdict.gradient,
				verdict.consistent()
			);
		}
	}

	println!("\n## Outputs: one check");
	let inputs = all.select(&(600..1600).collect::<Vec<_>>());
	let answered = predict(&softmax, &inputs)?;
	for (arch, model) in [(Arch::Softmax, &softmax), (Arch::Mlp, &mlp)] {
		let labels = predict(model, &inputs)?;
		let (ok, ms) = timed(|| {
			(0..inputs.len()).try_fold(0usize, |n, q| Ok(n + usize::from(answers(model, inputs.row(q), labels[q])?)))
		})?;
		println!(
			"{}: {:.2} µs per query ({ok} of {} answered as the model answers)",
			arch.name(),
			ms * 1e3 / 1000.0,
			1000
		);
	}

	println!("\n## Batches: one crafted query among 1,000 honest ones");
	let side = TrainingSide::new(&softmax, &data, Method::Exact, settings)?;
	let mut honest = inputs.clone();
	honest.labels = answered;
	// the crafted query: huge norm, labelled against the model's answer (the output check
	// refuses that label now; the figures show what the batch rule alone bounds)
	let mut crafted_query = Dataset::new(inputs.row(0).iter().map(|x| x * 1e4).collect(), vec![0], 64)?;
	crafted_query.labels[0] = (predict(&softmax, &crafted_query)?[0] + 1) % 10;
	let batch = plus(&honest, &crafted_query);
	let share_of = |scores: &[f64], contribution: u64| -> Result<f64> {
		let shares = aggregate(scores, &owners, 32)?;
		Ok(f64::from(shares.iter().find(|s| s.contribution == contribution).map_or(0, |s| s.ppm)) / 1e4)
	};
	// the contribution the crafted query favours most
	let alone = side.scores(&crafted_query)?;
	let favoured = aggregate(&alone[0], &owners, 1)?.first().map_or(0, |s| s.contribution);
	let summed = |queries: &Dataset| -> Result<Vec<f64>> {
		let each = side.scores(queries)?;
		Ok((0..data.len()).map(|i| each.iter().map(|q| q[i]).sum()).collect())
	};
	let (honest_sum, _) = timed(|| summed(&honest))?;
	let (batch_sum, sum_ms) = timed(|| summed(&batch))?;
	let mut clipped = batch.clone();
	let moved = Range::of(&data).clip(&mut clipped);
	let (honest_mean, _) = timed(|| side.mean_scores(&honest))?;
	let (batch_mean, mean_ms) = timed(|| side.mean_scores(&clipped))?;
	println!(
		"contribution {favoured}, the crafted query's favourite ({moved} of its values clipped now; the output check refuses its label outright):"
	);
	println!("| rule | honest batch | with the crafted query | time for 1,001 queries |");
	println!("| --- | --- | --- | --- |");
	println!(
		"| sum of raw scores (before) | {:.1}% | {:.1}% | {sum_ms:.0} ms |",
		share_of(&honest_sum, favoured)?,
		share_of(&batch_sum, favoured)?
	);
	println!(
		"| mean of shares, clipped (now) | {:.1}% | {:.1}% | {mean_ms:.0} ms |",
		share_of(&honest_mean, favoured)?,
		share_of(&batch_mean, favoured)?
	);

	println!("\n## Poison: 50 rows of class 3 relabelled 8");
	let mut poisoned = data.clone();
	let flipped: Vec<usize> = (0..600).filter(|&i| data.labels[i] == 3).take(50).collect();
	for &i in &flipped {
		poisoned.labels[i] = 8;
	}
	let model = trained(Arch::Softmax, &poisoned, args.l2)?;
	let side = TrainingSide::new(&model, &poisoned, Method::Exact, settings)?;
	let holdout = all.select(&(600..1000).collect::<Vec<_>>());
	let on_holdout = side.scores(&holdout)?;
	let harm: Vec<f64> = (0..600).map(|i| on_holdout.iter().map(|q| q[i]).sum()).collect();
	let mut ranked: Vec<usize> = (0..600).collect();
	ranked.sort_by(|&a, &b| harm[a].total_cmp(&harm[b]));
	let in_top = |ranked: &[usize], k: usize| ranked.iter().take(k).filter(|i| flipped.contains(i)).count();
	println!(
		"audit, rows by influence on 400 held-out rows' loss: of the 50 flipped rows, {} rank in the first 50, {} in the first 100",
		in_top(&ranked, 50),
		in_top(&ranked, 100)
	);
	let own = side.self_scores(&poisoned)?;
	let mut by_self: Vec<usize> = (0..600).collect();
	by_self.sort_by(|&a, &b| own[b].total_cmp(&own[a]));
	println!(
		"audit, rows by self-influence: of the 50 flipped rows, {} rank in the first 50, {} in the first 100",
		in_top(&by_self, 50),
		in_top(&by_self, 100)
	);
	// by contribution of 10 rows, as the chain groups them
	let owner_of = |i: usize| i / 10;
	let mut harm_of = [0.0f64; 60];
	for (i, h) in harm.iter().enumerate() {
		harm_of[owner_of(i)] += h;
	}
	let mut contributions: Vec<usize> = (0..60).collect();
	contributions.sort_by(|&a, &b| harm_of[a].total_cmp(&harm_of[b]));
	let holding: Vec<usize> = (0..60).filter(|c| flipped.iter().any(|&i| owner_of(i) == *c)).collect();
	let first = contributions.iter().take(holding.len()).filter(|c| holding.contains(c)).count();
	println!(
		"audit, contributions by influence on the held-out loss: {} contributions hold flipped rows; {first} of them rank in the first {}",
		holding.len(),
		holding.len()
	);
	Ok(())
}
