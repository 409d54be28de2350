//! `influence-bench`: measures the engine and prints figures (it asserts nothing; the tests
//! check correctness).
//!
//! ```text
//! cargo run --release -p openledger-influence --bin influence-bench -- [OPTIONS]
//! ```
//!
//! 1. Softmax regression on generated data (default 10,000 rows × 64 features × 10 classes):
//!    training time, cold start of `exact` (the training side: Hessian and its factorisation)
//!    and per-query latency with the training side cached; the same for a vectorised numpy
//!    implementation of the same method (`scripts/bench/influence_numpy.py`) on the same data
//!    and model, with the ratio and the largest difference between the two engines' scores.
//! 2. The MLP on the same data: cold start and per-query latency.
//! 3. Peak memory of the `exact` training side and one query for `--memory-rows` rows, measured
//!    in a child process.
//! 4. Accuracy against actual retraining on smaller problems: the mean Spearman correlation of
//!    `exact`, `tracin` and `trak` with leave-one-out retraining, and the linear datamodeling
//!    score, for softmax regression and the MLP (and for `--digits FILE`, e.g. the 8×8 digits
//!    exported by `scripts/bench/export_digits.py`).

use std::{
	path::{Path, PathBuf},
	process::Command,
	time::{Duration, Instant},
};

use clap::Parser;
use openledger_influence::{
	engine::{Method, Settings, TrainingSide},
	model::{Arch, Model},
	stats::{mean, spearman},
	train::{train, Options},
	truth::{leave_one_out, linear_datamodeling_score, Subsets},
	Dataset, Result,
};

#[derive(Parser)]
struct Args {
	/// Training rows of the speed benchmark.
	#[arg(long, default_value_t = 10_000)]
	rows: usize,
	#[arg(long, default_value_t = 64)]
	features: usize,
	#[arg(long, default_value_t = 10)]
	classes: usize,
	/// Queries timed one by one.
	#[arg(long, default_value_t = 200)]
	queries: usize,
	#[arg(long, default_value_t = 1e-2)]
	l2: f64,
	/// Hidden units of the MLP.
	#[arg(long, default_value_t = 32)]
	hidden: usize,
	/// Rows of the peak-memory measurement (0: skip).
	#[arg(long, default_value_t = 100_000)]
	memory_rows: usize,
	/// The numpy reference (skipped if python3 with numpy is missing).
	#[arg(long, default_value = "scripts/bench/influence_numpy.py")]
	numpy_script: PathBuf,
	/// Skip the accuracy measurements.
	#[arg(long)]
	no_accuracy: bool,
	/// A CSV dataset (e.g. the 8×8 digits) to measure accuracy on, besides generated data.
	#[arg(long)]
	digits: Option<PathBuf>,
	/// Internal: measure peak memory for this many rows and exit.
	#[arg(long, hide = true)]
	memory_child: Option<usize>,
}

fn millis(d: Duration) -> f64 {
	d.as_secs_f64() * 1e3
}

fn median(mut xs: Vec<f64>) -> f64 {
	xs.sort_by(f64::total_cmp);
	xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(mut xs: Vec<f64>, p: f64) -> f64 {
	xs.sort_by(f64::total_cmp);
	let i = ((xs.len() as f64 - 1.0) * p).round() as usize;
	xs.get(i).copied().unwrap_or(f64::NAN)
}

/// The peak resident memory of this process, in MiB (Linux).
fn peak_memory_mib() -> Option<f64> {
	let status = std::fs::read_to_string("/proc/self/status").ok()?;
	let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
	let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
	Some(kib / 1024.0)
}

struct Timing {
	train: Duration,
	cold: Duration,
	per_query_ms: Vec<f64>,
}

fn time_engine(
	model: &Model,
	data: &Dataset,
	queries: &Dataset,
	settings: Settings,
) -> Result<(Timing, Vec<Vec<f64>>)> {
	let mut colds = Vec::new();
	let mut side = None;
	for _ in 0..3 {
		let started = Instant::now();
		side = Some(TrainingSide::new(model, data, Method::Exact, settings)?);
		colds.push(started.elapsed());
	}
	colds.sort();
	let side = side.ok_or_else(|| openledger_influence::Error::Empty("timings".into()))?;
	let mut per_query_ms = Vec::with_capacity(queries.len());
	let mut first = Vec::new();
	for q in 0..queries.len() {
		let one = queries.select(&[q]);
		let started = Instant::now();
		let scores = side.scores(&one)?;
		per_query_ms.push(millis(started.elapsed()));
		if q < 3 {
			first.extend(scores);
		}
	}
	Ok((Timing { train: Duration::ZERO, cold: colds[1], per_query_ms }, first))
}

fn write_weights(path: &Path, model: &Model) -> std::io::Result<()> {
	let layer = &model.layers[0];
	let mut text = String::new();
	for row in layer.weights.chunks(layer.width()) {
		let cells: Vec<String> = row.iter().map(|x| format!("{x:e}")).collect();
		text.push_str(&cells.join(","));
		text.push('\n');
	}
	std::fs::write(path, text)
}

/// What the numpy reference measured.
struct Numpy {
	cold: f64,
	cold_structured: f64,
	per_query: Vec<f64>,
	per_query_structured: Vec<f64>,
	/// Scores of the first three queries.
	scores: Vec<Vec<f64>>,
}

/// Runs the numpy reference.
fn numpy_reference(
	script: &Path,
	model: &Model,
	data: &Dataset,
	queries: &Dataset,
	settings: Settings,
) -> std::result::Result<Numpy, String> {
	let dir = std::env::temp_dir().join(format!("influence-bench-{}", std::process::id()));
	std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
	let (weights, train, query_file, scores) =
		(dir.join("weights.csv"), dir.join("train.csv"), dir.join("queries.csv"), dir.join("scores.csv"));
	write_weights(&weights, model).map_err(|e| e.to_string())?;
	std::fs::write(&train, data.to_csv()).map_err(|e| e.to_string())?;
	std::fs::write(&query_file, queries.to_csv()).map_err(|e| e.to_string())?;
	let output = Command::new("python3")
		.arg(script)
		.args(["--weights".as_ref(), weights.as_os_str(), "--train".as_ref(), train.as_os_str()])
		.args(["--queries".as_ref(), query_file.as_os_str(), "--scores".as_ref(), scores.as_os_str()])
		.args(["--l2", &settings.l2.to_string(), "--damping", &settings.damping.to_string()])
		.output()
		.map_err(|e| format!("cannot run python3: {e}"))?;
	if !output.status.success() {
		return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
	}
	let stdout = String::from_utf8_lossy(&output.stdout);
	let field = |name: &str| -> Option<String> {
		stdout.lines().find_map(|l| l.strip_prefix(&format!("{name}=")).map(str::to_string))
	};
	let number = |name: &str| -> std::result::Result<f64, String> {
		field(name).and_then(|v| v.parse().ok()).ok_or(format!("no {name} from numpy"))
	};
	let list = |name: &str| -> std::result::Result<Vec<f64>, String> {
		Ok(field(name).ok_or(format!("no {name} from numpy"))?.split(',').filter_map(|v| v.parse().ok()).collect())
	};
	let text = std::fs::read_to_string(&scores).map_err(|e| e.to_string())?;
	let rows = text.lines().map(|l| l.split(',').filter_map(|v| v.parse().ok()).collect()).collect();
	let _ = std::fs::remove_dir_all(&dir);
	Ok(Numpy {
		cold: number("cold_s")?,
		cold_structured: number("cold_structured_s")?,
		per_query: list("per_query_ms")?,
		per_query_structured: list("per_query_structured_ms")?,
		scores: rows,
	})
}

fn speed(args: &Args, arch: Arch) -> Result<()> {
	let data = Dataset::synthetic(args.rows, args.features, args.classes, 0.5, 0.05, 1);
	let queries = Dataset::synthetic(args.queries, args.features, args.classes, 0.5, 0.05, 2);
	let options = Options { l2: args.l2, hidden: args.hidden, tolerance: 1e-8, max_steps: 3000, ..Options::default() };
	let started = Instant::now();
	let trained = match train(arch, &data, Some(args.classes), &options) {
		Ok(report) => report.model,
		// The speed figures do not need the exact optimum.
		Err(openledger_influence::Error::NotConverged(what)) if arch == Arch::Mlp => {
			println!("  (MLP training stopped at {} steps: {what}; timing the model as it is)", options.max_steps);
			train(arch, &data, Some(args.classes), &Options { tolerance: 1e-3, ..options.clone() })?.model
		},
		Err(e) => return Err(e),
	};
	let train_time = started.elapsed();
	let settings = Settings { l2: args.l2, damping: 1e-6 };
	let (mut timing, first) = time_engine(&trained, &data, &queries, settings)?;
	timing.train = train_time;
	println!(
		"{} — {} rows × {} features × {} classes, {} parameters",
		arch.name(),
		args.rows,
		args.features,
		args.classes,
		trained.num_params()
	);
	println!("  training to the optimum: {:.2} s", timing.train.as_secs_f64());
	println!("  exact, cold start (training side, median of 3): {:.3} s", timing.cold.as_secs_f64());
	println!(
		"  exact, per query with the cache: median {:.3} ms, p90 {:.3} ms ({} queries)",
		median(timing.per_query_ms.clone()),
		percentile(timing.per_query_ms.clone(), 0.9),
		timing.per_query_ms.len()
	);
	if arch == Arch::Softmax {
		match numpy_reference(&args.numpy_script, &trained, &data, &queries, settings) {
			Ok(numpy) => {
				let diff = first
					.iter()
					.flatten()
					.zip(numpy.scores.iter().flatten())
					.map(|(a, b)| (a - b).abs())
					.fold(0.0, f64::max);
				let scale = first.iter().flatten().fold(0.0f64, |m, x| m.max(x.abs()));
				let ours = (timing.cold.as_secs_f64(), median(timing.per_query_ms.clone()));
				for (variant, cold, per_query) in [
					("standard (per-example gradients materialised)", numpy.cold, numpy.per_query),
					("structured (the engine's Kronecker form)", numpy.cold_structured, numpy.per_query_structured),
				] {
					let per_query = median(per_query);
					println!(
						"  numpy, {variant}: cold start {cold:.3} s, per query median {per_query:.3} ms → engine {:.1}× faster cold, {:.1}× per query",
						cold / ours.0,
						per_query / ours.1
					);
				}
				println!("  largest score difference to numpy: {diff:.2e} (largest score {scale:.2e})");
			},
			Err(e) => println!("  numpy reference skipped: {e}"),
		}
	}
	Ok(())
}

fn memory_child(rows: usize, args: &Args) -> Result<()> {
	let data = Dataset::synthetic(rows, args.features, args.classes, 0.5, 0.05, 3);
	let model = Model::init(Arch::Softmax, args.features, 0, args.classes, 0);
	// A few Newton steps' worth of a model is not needed: memory does not depend on the weights.
	let model = model.with_params(&vec![0.01; model.num_params()]);
	let side = TrainingSide::new(&model, &data, Method::Exact, Settings { l2: args.l2, damping: 1e-6 })?;
	side.scores(&data.select(&[0]))?;
	println!("peak_mib={:.0}", peak_memory_mib().unwrap_or(f64::NAN));
	Ok(())
}

fn memory(args: &Args) {
	let exe = match std::env::current_exe() {
		Ok(exe) => exe,
		Err(e) => return println!("peak memory: skipped ({e})"),
	};
	let output = Command::new(exe)
		.args(["--memory-child", &args.memory_rows.to_string()])
		.args(["--features", &args.features.to_string(), "--classes", &args.classes.to_string()])
		.output();
	match output {
		Ok(out) if out.status.success() => {
			let text = String::from_utf8_lossy(&out.stdout);
			let peak = text.lines().find_map(|l| l.strip_prefix("peak_mib=")).unwrap_or("?");
			println!(
				"peak memory, softmax exact training side + one query, {} rows × {} features: {peak} MiB",
				args.memory_rows, args.features
			);
		},
		Ok(out) => println!("peak memory: failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
		Err(e) => println!("peak memory: skipped ({e})"),
	}
}

fn accuracy(name: &str, arch: Arch, data: &Dataset, queries: &Dataset, l2: f64, hidden: usize) -> Result<()> {
	let options = Options { l2, hidden, tolerance: 1e-11, max_steps: 200_000, ..Options::default() };
	let classes = data.classes_seen().max(queries.classes_seen());
	let model = train(arch, data, Some(classes), &options)?.model;
	let settings = Settings { l2, damping: 1e-6 };
	let started = Instant::now();
	let loo = leave_one_out(&model, data, queries, data.len(), &options)?;
	let loo_time = started.elapsed();
	let mut line =
		format!("{name}: {} rows, {} queries, {} parameters —", data.len(), queries.len(), model.num_params());
	let mut exact_scores = Vec::new();
	for (label, method) in
		[("exact", Method::Exact), ("tracin", Method::Tracin), ("trak-256", Method::Trak { dim: 256, seed: 0 })]
	{
		let scores = TrainingSide::new(&model, data, method, settings)?.scores(queries)?;
		let rho = mean(&scores.iter().zip(&loo).map(|(s, l)| spearman(s, l)).collect::<Vec<_>>());
		line.push_str(&format!(" {label} {rho:.4}"));
		if method == Method::Exact {
			exact_scores = scores;
		}
	}
	println!("{line} (mean Spearman with leave-one-out; retraining took {:.1} s)", loo_time.as_secs_f64());
	let subsets = Subsets { count: 100, fraction: 0.5, seed: 7 };
	let lds = linear_datamodeling_score(&model, data, queries, &exact_scores, subsets, &options)?;
	println!("  {name}: linear datamodeling score of exact (100 half subsets): {lds:.4}");
	Ok(())
}

fn main() -> Result<()> {
	let args = Args::parse();
	if let Some(rows) = args.memory_child {
		return memory_child(rows, &args);
	}
	println!("threads: {}", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
	speed(&args, Arch::Softmax)?;
	speed(&args, Arch::Mlp)?;
	if args.memory_rows > 0 {
		memory(&args);
	}
	if !args.no_accuracy {
		let data = Dataset::synthetic(600, 10, 4, 1.0, 0.1, 42);
		let queries = Dataset::synthetic(20, 10, 4, 1.0, 0.1, 43);
		accuracy("softmax, generated", Arch::Softmax, &data, &queries, 1e-2, 0)?;
		let data = Dataset::synthetic(300, 8, 3, 1.0, 0.1, 44);
		let queries = Dataset::synthetic(20, 8, 3, 1.0, 0.1, 45);
		accuracy("mlp (8 hidden), generated", Arch::Mlp, &data, &queries, 1e-2, 8)?;
		if let Some(path) = &args.digits {
			let all = Dataset::read_csv(path)?;
			// Standardise the pixel values (0..16) to about unit scale.
			let scaled = Dataset::new(all.features.iter().map(|x| x / 16.0).collect(), all.labels.clone(), all.dim)?;
			let train_rows: Vec<usize> = (0..scaled.len().min(600)).collect();
			let query_rows: Vec<usize> = (scaled.len().saturating_sub(20)..scaled.len()).collect();
			accuracy(
				"softmax, 8×8 digits",
				Arch::Softmax,
				&scaled.select(&train_rows),
				&scaled.select(&query_rows),
				1e-2,
				0,
			)?;
		}
	}
	Ok(())
}
