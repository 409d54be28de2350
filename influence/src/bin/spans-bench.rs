//! `spans-bench`: text attribution at the size of real datanets. It prints figures and asserts
//! nothing; the tests check the rules.
//!
//! ```text
//! cargo build --release -p openledger-influence
//! cargo run --release -p openledger-influence --bin spans-bench -- --sizes 1,10,100 \
//!     [--source ~/.cargo/registry/src] [--baseline OLD-BINARY --baseline-up-to 10]
//! ```
//!
//! The corpus is text that packages ship: the Rust sources of the cargo registry (`--source`),
//! in path order, cut into contributions of at most 128 KiB, one crate in eight held out. Each
//! query splices three passages of 200–500 bytes (whole lines, from random contributions)
//! between four pieces of 100–300 bytes of the held-out crates' sources that the corpus does not
//! quote (no match of 64 bytes or more: crates copy code from one another). For each size the
//! command line itself is timed, as a user runs it: `openledger-influence index` (wall time,
//! index size, peak memory) and one `openledger-influence spans --index` process per query
//! (wall time and peak memory of the whole process). *Precision* is the share of the credited
//! parts per million that goes to contributions holding one of the query's passages whole.
//! `--baseline` times another build of the command line (`spans --corpus`, which builds the
//! index for every query) on the same queries, up to `--baseline-up-to` MB.

use std::{
	io::{Read, Write},
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::Instant,
};

use clap::Parser;
use openledger_influence::{
	rng::Rng,
	spans::{Corpus, MIN_SPAN},
};

#[derive(Parser)]
struct Args {
	/// Corpus sizes, in MB.
	#[arg(long, value_delimiter = ',', default_value = "1,10,100")]
	sizes: Vec<usize>,
	/// Where the texts come from (every `.rs` file under it).
	#[arg(long)]
	source: Option<PathBuf>,
	/// Queries per size.
	#[arg(long, default_value_t = 20)]
	queries: usize,
	/// The command line to time (by default the one built beside this benchmark).
	#[arg(long)]
	binary: Option<PathBuf>,
	/// Another build of the command line to time on the same queries with `spans --corpus`.
	#[arg(long)]
	baseline: Option<PathBuf>,
	/// The largest corpus (MB) the baseline runs on.
	#[arg(long, default_value_t = 10)]
	baseline_up_to: usize,
	/// Queries the baseline answers per size.
	#[arg(long, default_value_t = 3)]
	baseline_queries: usize,
	/// The baseline's minimum span (its own default otherwise).
	#[arg(long)]
	baseline_min_len: Option<usize>,
	/// Working directory (corpus files and indexes; removed at the end).
	#[arg(long)]
	work: Option<PathBuf>,
	#[arg(long, default_value_t = 23)]
	seed: u64,
	/// The minimum span the command line is run with (its default otherwise).
	#[arg(long)]
	min_len: Option<usize>,
	/// Prints the answers whose precision is below this.
	#[arg(long)]
	show_below: Option<f64>,
	/// Internal: run the program after `--` and report its time and memory.
	#[arg(long, hide = true)]
	measure: bool,
	#[arg(last = true)]
	program: Vec<String>,
}

/// A match this long (bytes) is copied text, not new.
const COPIED: usize = 64;

/// The largest contribution, as the measurements of issue 23 cut them.
const CONTRIBUTION: usize = 128 * 1024;

fn main() -> std::io::Result<()> {
	let args = Args::parse();
	if args.measure {
		return measure(&args.program);
	}
	let source = args.source.clone().unwrap_or_else(|| {
		PathBuf::from(std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{}/.cargo", env("HOME"))))
			.join("registry/src")
	});
	let binary = args.binary.clone().unwrap_or_else(|| {
		std::env::current_exe()
			.ok()
			.and_then(|p| p.parent().map(|d| d.join("openledger-influence")))
			.unwrap_or_default()
	});
	let work =
		args.work.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("spans-bench-{}", std::process::id())));
	std::fs::create_dir_all(&work)?;
	let mut files = Vec::new();
	walk(&source, &mut files)?;
	files.sort();
	println!("{} source files under {}; minimum span {MIN_SPAN} bytes", files.len(), source.display());
	println!(
		"size_mb,contributions,build_s,index_mb,build_peak_mb,queries,query_ms_median,query_ms_max,query_peak_mb,precision,baseline_query_ms,baseline_precision"
	);
	for &mb in &args.sizes {
		let mut rng = Rng::new(args.seed);
		let (texts, held_out) = corpus(&files, mb << 20)?;
		let dir = work.join(format!("corpus-{mb}"));
		std::fs::create_dir_all(&dir)?;
		let paths: Vec<PathBuf> = texts
			.iter()
			.enumerate()
			.map(|(i, t)| {
				let path = dir.join(format!("{i:06}.rs"));
				std::fs::write(&path, t).map(|()| path)
			})
			.collect::<std::io::Result<_>>()?;
		let index = work.join(format!("index-{mb}"));
		let mut build = Command::new(&binary);
		build.arg("index").arg("--corpus").args(&paths).arg("--out").arg(&index);
		let (built, _, build_peak) = run(build)?;
		let index_bytes: u64 =
			std::fs::read_dir(&index)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
		let corpus = Corpus::open(&index).map_err(std::io::Error::other)?;
		let queries: Vec<(String, Vec<String>)> =
			(0..args.queries).map(|_| query(&texts, &held_out, &corpus, &mut rng)).collect();
		drop(corpus);

		let (mut times, mut peak, mut precision) = (Vec::new(), 0, 0.0);
		for (q, passages) in &queries {
			let mut spans = Command::new(&binary);
			spans.arg("spans").arg("--index").arg(&index).arg("--query").arg(q);
			if let Some(m) = args.min_len {
				spans.arg("--min-len").arg(m.to_string());
			}
			let (ms, out, rss) = run(spans)?;
			times.push(ms);
			peak = peak.max(rss);
			let p = precise(&out, &texts, passages, &paths);
			if args.show_below.is_some_and(|b| p < b) {
				println!("--- precision {p:.3}\n{out}");
			}
			precision += p;
		}
		times.sort_by(f64::total_cmp);
		let (mut baseline_ms, mut baseline_precision) = (String::new(), String::new());
		if let Some(old) = args.baseline.as_ref().filter(|_| mb <= args.baseline_up_to) {
			let (mut total, mut right) = (0.0, 0.0);
			let n = args.baseline_queries.min(queries.len()).max(1);
			for (q, passages) in queries.iter().take(n) {
				let mut spans = Command::new(old);
				spans.arg("spans").arg("--corpus").args(&paths).arg("--query").arg(q);
				if let Some(m) = args.baseline_min_len {
					spans.arg("--min-len").arg(m.to_string());
				}
				let (ms, out, _) = run(spans)?;
				total += ms;
				right += precise(&out, &texts, passages, &paths);
			}
			baseline_ms = format!("{:.0}", total / n as f64);
			baseline_precision = format!("{:.3}", right / n as f64);
		}
		println!(
			"{mb},{},{:.1},{:.0},{},{},{:.1},{:.1},{},{:.3},{baseline_ms},{baseline_precision}",
			texts.len(),
			built / 1e3,
			index_bytes as f64 / 1e6,
			build_peak,
			queries.len(),
			times.get(times.len() / 2).copied().unwrap_or_default(),
			times.last().copied().unwrap_or_default(),
			peak,
			precision / queries.len().max(1) as f64,
		);
		std::fs::remove_dir_all(&index)?;
		std::fs::remove_dir_all(&dir)?;
	}
	std::fs::remove_dir_all(&work)
}

fn env(name: &str) -> String {
	std::env::var(name).unwrap_or_default()
}

/// Every `.rs` file under `dir`.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
	for entry in std::fs::read_dir(dir)? {
		let path = entry?.path();
		if path.is_dir() {
			walk(&path, files)?;
		} else if path.extension().is_some_and(|e| e == "rs") {
			files.push(path);
		}
	}
	Ok(())
}

/// Contributions of about `bytes` in all, and the held-out crates' texts.
fn corpus(files: &[PathBuf], bytes: usize) -> std::io::Result<(Vec<String>, Vec<String>)> {
	let (mut texts, mut held_out) = (Vec::new(), Vec::new());
	let (mut current, mut total) = (String::new(), 0);
	for path in files {
		if total >= bytes {
			break;
		}
		let Ok(text) = std::fs::read_to_string(path) else { continue };
		if held(path) {
			if held_out.len() < 400 {
				held_out.push(text);
			}
			continue;
		}
		for line in text.split_inclusive('\n') {
			if current.len() + line.len() > CONTRIBUTION && !current.is_empty() {
				total += current.len();
				texts.push(std::mem::take(&mut current));
			}
			current.push_str(line.get(..line.len().min(CONTRIBUTION)).unwrap_or(line));
		}
	}
	if !current.is_empty() {
		texts.push(current);
	}
	Ok((texts, held_out))
}

/// Whether `path` is in a held-out crate: one crate in eight, by its name's hash.
fn held(path: &Path) -> bool {
	let name = path
		.ancestors()
		.find(|a| a.parent().and_then(|p| p.parent()).and_then(|p| p.file_name()).is_some_and(|n| n == "src"))
		.and_then(|a| a.file_name())
		.map(|n| n.to_string_lossy().rsplit_once('-').map_or(n.to_string_lossy().to_string(), |(c, _)| c.to_string()))
		.unwrap_or_default();
	name.bytes().fold(1469598103934665603u64, |h, b| (h ^ u64::from(b)).wrapping_mul(1099511628211)) % 8 == 0
}

/// Whole lines of `text` from a random place, `min..max` bytes of them.
fn passage(text: &str, min: usize, max: usize, rng: &mut Rng) -> String {
	let lines: Vec<&str> = text.split_inclusive('\n').collect();
	let start = rng.below(lines.len().max(1));
	let want = min + rng.below(max - min);
	let mut out = String::new();
	for line in lines.iter().skip(start) {
		if out.len() >= want {
			break;
		}
		out.push_str(line);
	}
	out.get(..out.len().min(max)).map(str::to_string).unwrap_or(out)
}

/// A query: three passages between new text; and the passages.
fn query(texts: &[String], held_out: &[String], corpus: &Corpus, rng: &mut Rng) -> (String, Vec<String>) {
	let mut passages = Vec::new();
	let mut out = new_text(held_out, corpus, rng);
	for _ in 0..3 {
		let mut p = String::new();
		while p.len() < 100 {
			p = passage(&texts[rng.below(texts.len())], 200, 500, rng);
		}
		out.push_str(&p);
		passages.push(p);
		out.push_str(&new_text(held_out, corpus, rng));
	}
	(out, passages)
}

/// A piece of a held-out crate's source that the corpus does not quote: no match of
/// [`COPIED`] bytes or more (crates copy code from one another).
fn new_text(held_out: &[String], corpus: &Corpus, rng: &mut Rng) -> String {
	loop {
		let piece = passage(&held_out[rng.below(held_out.len())], 100, 300, rng);
		if piece.len() >= 50 && corpus.spans(&piece, COPIED).is_empty() {
			return piece;
		}
	}
}

/// Runs `command`: its wall time (ms), its standard output and its peak memory (MB).
///
/// The peak is measured by a copy of this benchmark (`--measure`) that runs the command as its
/// own child: a child of this process would be charged this process's memory (the corpus) when it
/// replaces itself with the command.
fn run(command: Command) -> std::io::Result<(f64, String, u64)> {
	let mut measured = Command::new(std::env::current_exe()?);
	measured.arg("--measure").arg("--").arg(command.get_program()).args(command.get_args());
	let output = measured.output()?;
	let err = String::from_utf8_lossy(&output.stderr);
	let report = err.lines().rev().find_map(|l| l.strip_prefix("measured: "));
	let fields: Vec<f64> = report.unwrap_or_default().split_whitespace().filter_map(|f| f.parse().ok()).collect();
	match (output.status.success(), fields.as_slice()) {
		(true, [ms, kb]) => Ok((*ms, String::from_utf8_lossy(&output.stdout).into_owned(), *kb as u64 / 1024)),
		_ => Err(std::io::Error::other(format!("{command:?} failed: {err}"))),
	}
}

/// `--measure -- PROGRAM ARGS...`: runs the program, passes its output through and reports its
/// wall time (ms) and peak resident memory (KB) as `measured: MS KB` on standard error.
fn measure(program: &[String]) -> std::io::Result<()> {
	let [program, args @ ..] = program else { return Err(std::io::Error::other("--measure needs a program")) };
	let started = Instant::now();
	let mut child = Command::new(program).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
	let (mut out, mut err) = (Vec::new(), Vec::new());
	if let Some(mut o) = child.stdout.take() {
		o.read_to_end(&mut out)?;
	}
	if let Some(mut e) = child.stderr.take() {
		e.read_to_end(&mut err)?;
	}
	let mut status = 0;
	// SAFETY: an all-zero `rusage` is a valid value; `wait4` fills it for our own child.
	let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
	let pid = child.id() as libc::pid_t;
	// SAFETY: `pid` is our child, not yet waited for; `status` and `usage` outlive the call.
	let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
	let ms = started.elapsed().as_secs_f64() * 1e3;
	std::io::stdout().write_all(&out)?;
	std::io::stderr().write_all(&err)?;
	if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
		return Err(std::io::Error::other(format!("{program} failed")));
	}
	eprintln!("measured: {ms:.3} {}", usage.ru_maxrss);
	Ok(())
}

/// The share of the credited ppm in `out` (a `spans` answer) that went to contributions holding
/// one of `passages` whole.
fn precise(out: &str, texts: &[String], passages: &[String], paths: &[PathBuf]) -> f64 {
	let (mut right, mut all) = (0u64, 0u64);
	let shares = out.lines().skip_while(|l| *l != "contribution,file,ppm").skip(1);
	for line in shares {
		let mut fields = line.rsplitn(3, ',');
		let ppm: u64 = fields.next().and_then(|p| p.parse().ok()).unwrap_or_default();
		let _file = fields.next();
		let id: usize = fields.next().and_then(|c| c.parse().ok()).unwrap_or(usize::MAX);
		all += ppm;
		let holds = texts.get(id).is_some_and(|t| passages.iter().any(|p| t.contains(p.as_str())));
		if holds && id < paths.len() {
			right += ppm;
		}
	}
	if all == 0 {
		0.0
	} else {
		right as f64 / all as f64
	}
}
