//! `openledger-influence`: the attribution engine on the command line.
//!
//! ```text
//! openledger-influence train  --arch softmax|mlp --l2 L --train T.csv --out M.safetensors
//! openledger-influence score  --model M.safetensors --arch softmax|mlp --l2 L --train T.csv
//!                             --queries Q.csv --out S.csv [--method exact|tracin|trak]
//!                             [--contributions C.txt --shares SH.csv [--top-k K] [--copy-radius E]]
//! openledger-influence loo    --model M.safetensors --arch softmax|mlp --l2 L --train T.csv
//!                             --queries Q.csv --rows K --out S.csv
//! openledger-influence index  --corpus FILE... --out DIR
//! openledger-influence spans  --corpus FILE... | --index DIR  --query TEXT [--min-len M] [--top-k K]
//! openledger-influence verify-lineage --model M.safetensors --arch softmax|mlp --l2 L --train T.csv
//! openledger-influence audit  --model M.safetensors --arch softmax|mlp --l2 L --train T.csv
//!                             --holdout H.csv [--contributions C.txt]
//! ```
//!
//! CSV rows are `label,f1,...,fn`, no header. `score` and `loo` write one row per query and one
//! column per training row: the (estimated, for `score`; actual, for `loo`) change in the
//! query's loss if that row were removed and the model retrained — positive means the row
//! helped. With `--contributions` (one id per training row) `score` also writes each query's
//! shares as the chain pays them: `query,contribution,ppm` (query values clipped to the training
//! rows' range, widened by a tenth of it, as attestors clip them). A lower contribution id is an
//! earlier arrival, as on the chain: a row within the copy radius of an earlier row with the same label
//! is a copy and is left out (the model retrained without the copies), and of the texts given
//! to `spans` the first holding a span owns it.
//!
//! `index` builds a text corpus's suffix array once and writes it, with the texts, to a directory;
//! `spans --index` answers from it, reading only the pages its searches touch (`spans --corpus`
//! builds the same index in memory for one query). `spans` prints the output's maximal spans of
//! at least `--min-len` bytes (by default the chain's figure) and the contributions' shares, each
//! with its file.
//!
//! `verify-lineage` checks that the weights are what training on `T.csv` with penalty `L` gives
//! (a stationary point of the objective; see `openledger_influence::verify`): it prints the
//! gradient norm it measured and the tolerance, and exits with status 0 when the weights are
//! consistent with the data, 3 when they are not. `audit` ranks the training rows (or, with
//! `--contributions`, the contributions) by their influence on the held-out rows' loss, most
//! harmful first, beside their self-influence: the evidence a curator attaches to a challenge.
//!
//! Bad input exits with status 1 and a message naming the problem.

use std::{
	fmt::Write as _,
	path::{Path, PathBuf},
	process::ExitCode,
	sync::Arc,
	time::Instant,
};

use clap::{Parser, Subcommand};
use openledger_influence::{
	aggregate::aggregate,
	copies::Radius,
	engine::{Engine, Method, Rows, Settings},
	model::{Arch, Model},
	spans::{self, Corpus},
	train::{train, Options},
	truth::leave_one_out,
	verify::{lineage, Scope},
	Dataset, Error, Result,
};

#[derive(Parser)]
#[command(name = "openledger-influence", version, about = "Influence of training rows on a model's answers")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Train a model to the optimum of (1/n) Σ CE + (l2/2)‖weights‖² (full batch, deterministic).
	Train {
		#[arg(long, value_parser = parse_arch)]
		arch: Arch,
		#[arg(long)]
		l2: f64,
		/// Training rows, `label,f1,...,fn`.
		#[arg(long)]
		train: PathBuf,
		/// Where to write the model (`.safetensors`).
		#[arg(long)]
		out: PathBuf,
		/// Hidden units (MLP).
		#[arg(long, default_value_t = 32)]
		hidden: usize,
		/// Seed of the MLP's initial weights.
		#[arg(long, default_value_t = 0)]
		seed: u64,
		/// Number of classes, if more than the largest label plus one.
		#[arg(long)]
		classes: Option<usize>,
	},
	/// Score every training row for every query.
	Score {
		#[command(flatten)]
		trained: Trained,
		#[arg(long)]
		queries: PathBuf,
		#[arg(long)]
		out: PathBuf,
		/// exact, tracin or trak.
		#[arg(long, default_value = "exact")]
		method: String,
		/// Added to the Hessian's diagonal before inverting it.
		#[arg(long, default_value_t = 1e-6)]
		damping: f64,
		/// The projected dimension of trak.
		#[arg(long, default_value_t = 512)]
		trak_dim: usize,
		/// The contribution of each training row: one id per line, in row order. With
		/// `--shares`, the scores are also aggregated as the chain records them.
		#[arg(long, requires = "shares")]
		contributions: Option<PathBuf>,
		/// Where to write each query's per-contribution shares: `query,contribution,ppm` lines.
		#[arg(long, requires = "contributions")]
		shares: Option<PathBuf>,
		/// How many contributions the shares keep.
		#[arg(long, default_value_t = 32)]
		top_k: usize,
		/// The copy radius ε in feature units (rounded to thousandths, as the chain stores it):
		/// a row within ε of a row of an earlier contribution with the same label is its copy.
		#[arg(long, default_value_t = Radius::DEFAULT.units())]
		copy_radius: f64,
	},
	/// Actual leave-one-out retraining for the first K training rows: the ground truth.
	Loo {
		#[command(flatten)]
		trained: Trained,
		#[arg(long)]
		queries: PathBuf,
		/// How many training rows (the first K) to leave out, one at a time.
		#[arg(long)]
		rows: usize,
		#[arg(long)]
		out: PathBuf,
	},
	/// Whether the weights are a stationary point of the objective over the training rows
	/// (exit status 0: consistent; 3: not).
	VerifyLineage {
		#[command(flatten)]
		trained: Trained,
	},
	/// Each training row's (or contribution's) influence on held-out rows' loss and its
	/// self-influence, most harmful first.
	Audit {
		#[command(flatten)]
		trained: Trained,
		/// Held-out rows, `label,f1,...,fn`, whose loss measures harm.
		#[arg(long)]
		holdout: PathBuf,
		/// The contribution of each training row: one id per line, in row order.
		#[arg(long)]
		contributions: Option<PathBuf>,
		/// Added to the Hessian's diagonal before inverting it.
		#[arg(long, default_value_t = 1e-6)]
		damping: f64,
	},
	/// Builds a text corpus's index once, on disk, for `spans --index` to answer from.
	Index {
		/// One file per contributed text, in arrival order (contribution ids are 0, 1, … in this
		/// order).
		#[arg(long, required = true, num_args = 1..)]
		corpus: Vec<PathBuf>,
		/// The index's directory (created; an index there is replaced).
		#[arg(long)]
		out: PathBuf,
	},
	/// Which texts of a corpus a generated text quotes, and their shares.
	Spans {
		/// One file per contributed text, in arrival order (contribution ids are 0, 1, … in this
		/// order), indexed for this one query.
		#[arg(long, num_args = 1.., required_unless_present = "index", conflicts_with = "index")]
		corpus: Vec<PathBuf>,
		/// An index written by `index`.
		#[arg(long)]
		index: Option<PathBuf>,
		/// The generated text.
		#[arg(long)]
		query: String,
		/// Shortest span that counts, in bytes (the chain's attestors use the default).
		#[arg(long, default_value_t = spans::MIN_SPAN)]
		min_len: usize,
		/// Keep the top K contributions.
		#[arg(long, default_value_t = 100)]
		top_k: usize,
	},
}

/// A model and the rows it is said to be trained on: what every command but `train` and `spans`
/// starts from.
#[derive(clap::Args)]
struct Trained {
	/// The model (`.safetensors`).
	#[arg(long)]
	model: PathBuf,
	#[arg(long, value_parser = parse_arch)]
	arch: Arch,
	/// The penalty the model was (or is said to be) trained with.
	#[arg(long)]
	l2: f64,
	/// Its training rows, `label,f1,...,fn`.
	#[arg(long)]
	train: PathBuf,
}

impl Trained {
	/// The model and its training rows, read and checked against each other.
	fn load(&self) -> Result<(Model, Dataset)> {
		check_l2(self.l2)?;
		let model = Model::load(&self.model, self.arch)?;
		let data = read_data(&self.train, &model)?;
		Ok((model, data))
	}
}

fn parse_arch(name: &str) -> std::result::Result<Arch, String> {
	name.parse().map_err(|e: Error| e.to_string())
}

fn read_data(path: &Path, model: &Model) -> Result<Dataset> {
	let data = Dataset::read_csv(path)?;
	data.check_against(path, model.features(), model.classes())?;
	Ok(data)
}

fn check_l2(l2: f64) -> Result<()> {
	if l2.is_finite() && l2 >= 0.0 {
		Ok(())
	} else {
		Err(Error::invalid("l2", format!("{l2} (it must be a finite number ≥ 0)")))
	}
}

fn write_matrix(path: &Path, rows: &[Vec<f64>]) -> Result<()> {
	let mut out = String::new();
	for row in rows {
		let line: Vec<String> = row.iter().map(|x| format!("{x:e}")).collect();
		let _ = writeln!(out, "{}", line.join(","));
	}
	std::fs::write(path, out).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// One contribution id per line, `rows` of them.
fn read_contributions(path: &Path, rows: usize) -> Result<Vec<u64>> {
	let text = read_text(path)?;
	let ids = text
		.lines()
		.filter(|l| !l.trim().is_empty())
		.enumerate()
		.map(|(i, l)| {
			l.trim().parse::<u64>().map_err(|_| {
				Error::invalid("contributions file", format!("line {}: `{l}` is not a contribution id", i + 1))
			})
		})
		.collect::<Result<Vec<u64>>>()?;
	if ids.len() != rows {
		return Err(Error::invalid(
			"contributions file",
			format!("{} names {} contributions for {rows} training rows", path.display(), ids.len()),
		));
	}
	Ok(ids)
}

fn read_text(path: &Path) -> Result<String> {
	let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
	String::from_utf8(bytes).map_err(|_| Error::invalid("corpus file", format!("{} is not UTF-8", path.display())))
}

/// The corpus files indexed in memory, read one at a time: contribution ids 0, 1, … in file
/// order, each named by its file.
fn index_files(paths: &[PathBuf]) -> Result<Corpus> {
	let mut builder = spans::Builder::default();
	for (i, path) in paths.iter().enumerate() {
		builder.push(i as u64, path.display().to_string(), read_text(path)?.as_bytes())?;
	}
	builder.finish()
}

/// This process's peak resident memory in MB, where the system reports it.
fn peak_memory() -> Option<u64> {
	let status = std::fs::read_to_string("/proc/self/status").ok()?;
	let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
	let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
	Some(kb / 1024)
}

/// The exit status of weights inconsistent with their declared training data.
const INCONSISTENT: u8 = 3;

fn run(command: Command) -> Result<ExitCode> {
	match command {
		Command::Train { arch, l2, train: path, out, hidden, seed, classes } => {
			check_l2(l2)?;
			let data = Dataset::read_csv(&path)?;
			let started = Instant::now();
			let options = Options { l2, hidden, seed, ..Options::default() };
			let report = train(arch, &data, classes, &options)?;
			report.model.save(&out)?;
			eprintln!(
				"trained {} on {} rows in {} steps ({:.2?}): objective {:.6}, max |∇| {:e}",
				arch.name(),
				data.len(),
				report.steps,
				started.elapsed(),
				report.objective,
				report.gradient
			);
		},
		Command::Score {
			trained,
			queries,
			out,
			method,
			damping,
			trak_dim,
			contributions,
			shares,
			top_k,
			copy_radius,
		} => {
			let radius = Radius::from_units(copy_radius)?;
			let method = Method::parse(&method, trak_dim)?;
			let (model, data) = trained.load()?;
			let l2 = trained.l2;
			let queries = read_data(&queries, &model)?;
			let engine = Engine::new(2);
			let settings = Settings { l2, damping };
			let started = Instant::now();
			let side = engine.training_side(&model, &data, method, settings)?;
			let cold = started.elapsed();
			let scores = side.scores(&queries)?;
			eprintln!(
				"scored {} rows for {} queries: training side {cold:.2?}, queries {:.2?}",
				data.len(),
				queries.len(),
				started.elapsed() - cold
			);
			write_matrix(&out, &scores)?;
			if let (Some(contributions), Some(shares)) = (contributions, shares) {
				let owners = read_contributions(&contributions, data.len())?;
				// As the chain pays: copies left out, their originals scored.
				let radii = vec![radius; owners.len()];
				let rows = Rows { data: &data, contribution: &owners, arrival: &owners, radius: &radii };
				let paid = engine.attribution_side(&model, rows, method, settings)?;
				// As the chain scores queries: clipped to the training rows' range.
				let mut clipped = queries.clone();
				let moved = paid.range.clip(&mut clipped);
				if moved > 0 {
					eprintln!("{moved} query values outside the training rows' range were clipped into it");
				}
				// Without copies or clipping, the side and the queries are the ones just scored.
				if paid.copies > 0 {
					eprintln!("{} rows copy earlier rows: the shares leave them out", paid.copies);
				}
				let paid_scores =
					if Arc::ptr_eq(&paid.side, &side) && moved == 0 { scores } else { paid.side.scores(&clipped)? };
				let mut lines = String::new();
				for (q, row_scores) in paid_scores.iter().enumerate() {
					for share in aggregate(row_scores, &paid.contribution, top_k)? {
						let _ = writeln!(lines, "{q},{},{}", share.contribution, share.ppm);
					}
				}
				std::fs::write(&shares, lines).map_err(|source| Error::Io { path: shares.clone(), source })?;
			}
		},
		Command::Loo { trained, queries, rows, out } => {
			let (model, data) = trained.load()?;
			let l2 = trained.l2;
			let queries = read_data(&queries, &model)?;
			let options = Options { l2, tolerance: 1e-11, ..Options::default() };
			write_matrix(&out, &leave_one_out(&model, &data, &queries, rows, &options)?)?;
		},
		Command::VerifyLineage { trained } => {
			let (model, data) = trained.load()?;
			let l2 = trained.l2;
			let started = Instant::now();
			let verdict = lineage(&model, &data, l2)?;
			let scope = match verdict.scope {
				Scope::All => "all parameters",
				Scope::OutputLayer => "the output layer (see the engine docs for what this proves of an MLP)",
			};
			println!("gradient_norm,tolerance,consistent");
			println!("{:e},{:e},{}", verdict.gradient, verdict.tolerance, verdict.consistent());
			eprintln!(
				"{} rows, {scope}: |∇| = {:e} {} tolerance {:e} ({:.2?}): {}",
				data.len(),
				verdict.gradient,
				if verdict.consistent() { "≤" } else { ">" },
				verdict.tolerance,
				started.elapsed(),
				if verdict.consistent() {
					"the weights are consistent with this data"
				} else {
					"the weights were not trained on this data"
				}
			);
			if !verdict.consistent() {
				return Ok(ExitCode::from(INCONSISTENT));
			}
		},
		Command::Audit { trained, holdout, contributions, damping } => {
			let (model, data) = trained.load()?;
			let l2 = trained.l2;
			let holdout = read_data(&holdout, &model)?;
			let owners = match contributions {
				Some(path) => read_contributions(&path, data.len())?,
				None => (0..data.len() as u64).collect(),
			};
			let side = Engine::new(1).training_side(&model, &data, Method::Exact, Settings { l2, damping })?;
			let on_holdout = side.scores(&holdout)?;
			let own = side.self_scores(&data)?;
			// per contribution: rows, self-influence, influence on the held-out loss (summed)
			let mut audit: std::collections::BTreeMap<u64, (usize, f64, f64)> = Default::default();
			for (i, &owner) in owners.iter().enumerate() {
				let entry = audit.entry(owner).or_default();
				entry.0 += 1;
				entry.1 += own.get(i).copied().unwrap_or_default();
				entry.2 += on_holdout.iter().map(|q| q.get(i).copied().unwrap_or_default()).sum::<f64>();
			}
			let mut ranked: Vec<(u64, (usize, f64, f64))> = audit.into_iter().collect();
			ranked.sort_by(|a, b| a.1 .2.total_cmp(&b.1 .2).then(a.0.cmp(&b.0)));
			println!("rank,contribution,rows,self_influence,holdout_influence");
			for (rank, (id, (rows, own, held))) in ranked.iter().enumerate() {
				println!("{},{id},{rows},{own:e},{held:e}", rank + 1);
			}
			eprintln!(
				"{} contributions over {} rows, {} held-out rows: negative holdout_influence = removing it lowers the held-out loss (harmful)",
				ranked.len(),
				data.len(),
				holdout.len()
			);
		},
		Command::Index { corpus, out } => {
			let started = Instant::now();
			let index = index_files(&corpus)?;
			index.write(&out)?;
			eprintln!(
				"indexed {} texts ({} bytes) into {} in {:.1} s{}",
				index.texts(),
				index.len(),
				out.display(),
				started.elapsed().as_secs_f64(),
				peak_memory().map(|mb| format!("; peak memory {mb} MB")).unwrap_or_default()
			);
		},
		Command::Spans { corpus, index, query, min_len, top_k } => {
			let index = match index {
				Some(dir) => Corpus::open(&dir)?,
				None => index_files(&corpus)?,
			};
			let (spans, shares) = index.attribute(&query, min_len, top_k)?;
			let mut out = String::from("span_start,span_len,occurrences,contributions,text\n");
			for span in &spans {
				let text = query.as_bytes().get(span.start..span.start + span.len).unwrap_or(&[]);
				let ids: Vec<String> = span.contributions.iter().map(u64::to_string).collect();
				let _ = writeln!(
					out,
					"{},{},{},{},{:?}",
					span.start,
					span.len,
					span.occurrences,
					ids.join(" "),
					String::from_utf8_lossy(text)
				);
			}
			out.push_str("contribution,file,ppm\n");
			for share in shares {
				let _ = writeln!(
					out,
					"{},{},{}",
					share.contribution,
					index.name(share.contribution).unwrap_or_default(),
					share.ppm
				);
			}
			print!("{out}");
		},
	}
	Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(cli.command) {
		Ok(status) => status,
		Err(e) => {
			eprintln!("openledger-influence: {e}");
			ExitCode::FAILURE
		},
	}
}
