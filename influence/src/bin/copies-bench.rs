//! `copies-bench`: what copying a well-paid contribution earns, under the rules the chain paid
//! before (a contribution's rows summed, then cut at zero; the top K renormalised) and under
//! the rules it pays now (copies left out and the model retrained without them,
//! [`openledger_influence::engine::Engine::attribution_side`]; negative scores cut per row,
//! [`openledger_influence::aggregate`]). It prints figures and asserts
//! nothing; the tests check the rules.
//!
//! ```text
//! cargo run --release -p openledger-influence --bin copies-bench -- --digits digits.csv
//! ```
//!
//! The set-up of issue 21: the first 600 rows of the 8×8 digits in 60 contributions of 10, a
//! softmax model at the optimum (L2 1e-2) trained on everything in the datanet, 40 paid
//! inferences (the next 40 rows) answered with the model's own prediction. The attacker copies
//! the best-paid contribution k times, with Gaussian noise of σ per feature, as later
//! contributions; the model is retrained on everything, and the answers are its new predictions.
//! A contribution's pay is the sum of its shares over the 40 inferences (each pays the same fee).

use std::{collections::BTreeMap, path::PathBuf};

use clap::Parser;
use openledger_influence::{
	aggregate::{aggregate, shares, Share},
	copies::Radius,
	engine::{Engine, Method, Rows, Settings},
	model::{Arch, Model},
	rng::Rng,
	train::{train, Options},
	Dataset, Result,
};

#[derive(Parser)]
struct Args {
	/// The digits as `label,f1,...,f64` CSV (`scripts/bench/export_digits.py`).
	#[arg(long)]
	digits: PathBuf,
	/// Training rows, and rows per contribution.
	#[arg(long, default_value_t = 600)]
	rows: usize,
	#[arg(long, default_value_t = 10)]
	per: usize,
	/// Paid inferences: the rows after the training rows.
	#[arg(long, default_value_t = 40)]
	queries: usize,
	#[arg(long, default_value_t = 1e-2)]
	l2: f64,
	#[arg(long, default_value_t = 32)]
	top_k: usize,
	/// The copy radius, in feature units.
	#[arg(long, default_value_t = Radius::DEFAULT.units())]
	copy_radius: f64,
	#[arg(long, default_value_t = 21)]
	seed: u64,
}

/// The rules a contribution was paid by.
#[derive(Clone, Copy, PartialEq)]
enum Rules {
	/// Before issue 21: per-contribution sums cut at zero, the top K renormalised.
	Before,
	/// Now: copies left out, negative rows cut one by one.
	Now,
}

/// A datanet: its rows, the contribution of each, in arrival order (ids ascending).
struct Datanet {
	data: Dataset,
	owner: Vec<u64>,
}

fn predict(model: &Model, inputs: &Dataset) -> Result<Vec<u32>> {
	let mut best: Vec<(f64, u32)> = vec![(f64::INFINITY, 0); inputs.len()];
	for class in 0..model.classes() as u32 {
		let labelled = Dataset::new(inputs.features.clone(), vec![class; inputs.len()], inputs.dim)?;
		for (b, loss) in best.iter_mut().zip(model.losses(&labelled)?) {
			if loss < b.0 {
				*b = (loss, class);
			}
		}
	}
	Ok(best.into_iter().map(|(_, c)| c).collect())
}

/// The model trained on everything in `datanet`, and its answers to `inputs`.
fn answers(datanet: &Datanet, inputs: &Dataset, args: &Args) -> Result<(Model, Vec<u32>)> {
	let options = Options { l2: args.l2, ..Options::default() };
	let model = train(Arch::Softmax, &datanet.data, Some(10), &options)?.model;
	let answers = predict(&model, inputs)?;
	Ok((model, answers))
}

/// Each contribution's pay over the inferences, in parts per million summed over them.
fn pay(datanet: &Datanet, inputs: &Dataset, args: &Args, rules: Rules) -> Result<BTreeMap<u64, u64>> {
	let (model, labels) = answers(datanet, inputs, args)?;
	let queries = Dataset::new(inputs.features.clone(), labels, inputs.dim)?;
	let settings = Settings { l2: args.l2, damping: 1e-6 };
	let radius = vec![Radius::from_units(args.copy_radius)?; datanet.data.len()];
	let (side, owner) = match rules {
		Rules::Now => {
			let rows =
				Rows { data: &datanet.data, contribution: &datanet.owner, arrival: &datanet.owner, radius: &radius };
			let paid = Engine::new(1).attribution_side(&model, rows, Method::Exact, settings)?;
			(paid.side.clone(), paid.contribution.clone())
		},
		Rules::Before => {
			(Engine::new(1).training_side(&model, &datanet.data, Method::Exact, settings)?, datanet.owner.clone())
		},
	};
	let mut paid: BTreeMap<u64, u64> = BTreeMap::new();
	for scores in side.scores(&queries)? {
		let answer: Vec<Share> = match rules {
			Rules::Now => aggregate(&scores, &owner, args.top_k)?,
			Rules::Before => {
				let mut totals: BTreeMap<u64, f64> = BTreeMap::new();
				for (s, c) in scores.iter().zip(&owner) {
					*totals.entry(*c).or_default() += s;
				}
				let mut kept: Vec<(u64, f64)> = totals.into_iter().filter(|t| t.1 > 0.0).collect();
				kept.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
				kept.truncate(args.top_k);
				shares(kept, args.top_k)?
			},
		};
		for share in answer {
			*paid.entry(share.contribution).or_default() += u64::from(share.ppm);
		}
	}
	Ok(paid)
}

fn of(paid: &BTreeMap<u64, u64>, ids: impl Iterator<Item = u64>) -> f64 {
	ids.map(|c| paid.get(&c).copied().unwrap_or(0) as f64).sum()
}

fn main() -> Result<()> {
	let args = Args::parse();
	let all = Dataset::read_csv(&args.digits)?;
	let contributions = (args.rows / args.per) as u64;
	let honest = Datanet {
		data: all.select(&(0..args.rows).collect::<Vec<_>>()),
		owner: (0..args.rows).map(|i| (i / args.per) as u64).collect(),
	};
	let inputs = all.select(&(args.rows..args.rows + args.queries).collect::<Vec<_>>());
	println!(
		"{} rows in {contributions} contributions of {}, {} inferences, top {}, copy radius {}",
		args.rows, args.per, args.queries, args.top_k, args.copy_radius
	);
	nearest_neighbours(&honest.data);
	for rules in [Rules::Before, Rules::Now] {
		let name = if rules == Rules::Before { "before (issue 21's table)" } else { "now" };
		let before = pay(&honest, &inputs, &args, rules)?;
		let (best, best_pay) = before.iter().max_by_key(|(_, p)| **p).map(|(c, p)| (*c, *p as f64)).unwrap_or((0, 0.0));
		let rows_of_best: Vec<usize> = (0..args.rows).filter(|&i| honest.owner.get(i) == Some(&best)).collect();
		let others_before = of(&before, (0..contributions).filter(|&c| c != best));
		println!(
			"\n## {name}: the best-paid contribution is {best} ({:.1}% of all pay)",
			best_pay / 1e4 / args.queries as f64
		);
		println!("| k, σ | the copies earn ÷ the original before | the original keeps | the others keep | the worst-off other keeps | owner of original + copies ÷ before | answers changed by the copies |");
		println!("| --- | --- | --- | --- | --- | --- | --- |");
		let honest_answers = answers(&honest, &inputs, &args)?.1;
		for (k, sigma) in [(1usize, 0.01f64), (10, 0.01), (50, 0.01), (1, 0.05), (10, 0.05), (50, 0.05)] {
			let mut rng = Rng::new(args.seed ^ ((k as u64) << 8) ^ sigma.to_bits());
			let mut data = honest.data.clone();
			let mut owner = honest.owner.clone();
			for copy in 0..k as u64 {
				for &i in &rows_of_best {
					data.features.extend(honest.data.row(i).iter().map(|x| x + sigma * rng.normal()));
					data.labels.push(honest.data.labels.get(i).copied().unwrap_or_default());
					owner.push(contributions + copy);
				}
			}
			let copied = Datanet { data, owner };
			let changed =
				answers(&copied, &inputs, &args)?.1.iter().zip(&honest_answers).filter(|(a, b)| a != b).count();
			let after = pay(&copied, &inputs, &args, rules)?;
			let copies = of(&after, contributions..contributions + k as u64);
			let original = of(&after, std::iter::once(best));
			let others_after = of(&after, (0..contributions).filter(|&c| c != best));
			let worst = (0..contributions)
				.filter(|&c| c != best && before.get(&c).copied().unwrap_or(0) >= 10_000)
				.map(|c| of(&after, std::iter::once(c)) / of(&before, std::iter::once(c)))
				.fold(f64::INFINITY, f64::min);
			println!(
				"| {k}, {sigma} | {:.2}× | {:.0}% | {:.1}% | {:.0}% | {:.2}× | {changed} of {} |",
				copies / best_pay,
				100.0 * original / best_pay,
				100.0 * others_after / others_before,
				100.0 * worst,
				(copies + original) / best_pay,
				args.queries
			);
		}
		// Splitting the best contribution into single rows, from its owner's other accounts.
		let mut split = Datanet { data: honest.data.clone(), owner: honest.owner.clone() };
		for (n, &i) in rows_of_best.iter().enumerate() {
			if let Some(o) = split.owner.get_mut(i) {
				*o = contributions + n as u64;
			}
		}
		let after = pay(&split, &inputs, &args, rules)?;
		let parts = of(&after, contributions..contributions + rows_of_best.len() as u64);
		println!(
			"split into {} single-row contributions: they earn {:.3}× what it did",
			rows_of_best.len(),
			parts / best_pay
		);
	}
	Ok(())
}

/// The distance from each row to its nearest other row with the same label: what a copy radius
/// must stay under to leave honest rows their own.
fn nearest_neighbours(data: &Dataset) {
	let mut nearest: Vec<f64> = (0..data.len())
		.map(|i| {
			(0..data.len())
				.filter(|&j| j != i && data.labels.get(j) == data.labels.get(i))
				.map(|j| data.row(i).iter().zip(data.row(j)).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt())
				.fold(f64::INFINITY, f64::min)
		})
		.collect();
	nearest.sort_by(f64::total_cmp);
	let at = |p: f64| nearest.get(((nearest.len() as f64 - 1.0) * p) as usize).copied().unwrap_or(f64::NAN);
	let identical = nearest.iter().filter(|&&d| d == 0.0).count();
	println!(
		"nearest same-label neighbour of each training row: min {:.2}, 1% {:.2}, 10% {:.2}, median {:.2}, max {:.2}; {identical} rows have an identical twin",
		at(0.0),
		at(0.01),
		at(0.1),
		at(0.5),
		at(1.0)
	);
}
