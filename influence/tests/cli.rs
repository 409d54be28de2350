//! The command line: a train → score → loo round trip, span matching, and bad input.

// Test code may unwrap (clippy.toml), and clippy counts only `#[test]` functions as tests, not
// the helpers of an integration test.
#![allow(clippy::unwrap_used)]

use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
};

use openledger_influence::Dataset;

fn bin() -> Command {
	Command::new(env!("CARGO_BIN_EXE_openledger-influence"))
}

fn dir(name: &str) -> PathBuf {
	let dir = std::env::temp_dir().join(format!("influence-cli-{}-{name}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	dir
}

fn run(args: &[&str]) -> Output {
	bin().args(args).output().unwrap()
}

fn s(p: &Path) -> &str {
	p.to_str().unwrap()
}

fn read_matrix(path: &Path) -> Vec<Vec<f64>> {
	std::fs::read_to_string(path).unwrap().lines().map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect()
}

/// Fails with a non-zero status and a message containing `needle`.
fn fails_with(output: Output, needle: &str) {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "expected a failure, got success; stderr: {stderr}");
	assert!(stderr.contains(needle), "expected `{needle}` in: {stderr}");
}

#[test]
fn train_score_and_leave_one_out_round_trip() {
	let d = dir("roundtrip");
	let (train, queries, model) = (d.join("train.csv"), d.join("queries.csv"), d.join("m.safetensors"));
	std::fs::write(&train, Dataset::synthetic(40, 3, 3, 1.5, 0.1, 1).to_csv()).unwrap();
	std::fs::write(&queries, Dataset::synthetic(2, 3, 3, 1.5, 0.1, 2).to_csv()).unwrap();

	for arch in ["softmax", "mlp"] {
		let out =
			run(&["train", "--arch", arch, "--l2", "0.05", "--train", s(&train), "--out", s(&model), "--hidden", "4"]);
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
		for method in ["exact", "tracin", "trak"] {
			let scores = d.join(format!("{arch}-{method}.csv"));
			let out = run(&[
				"score",
				"--model",
				s(&model),
				"--arch",
				arch,
				"--l2",
				"0.05",
				"--train",
				s(&train),
				"--queries",
				s(&queries),
				"--out",
				s(&scores),
				"--method",
				method,
				"--trak-dim",
				"16",
			]);
			assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
			let matrix = read_matrix(&scores);
			assert_eq!(matrix.len(), 2, "one row per query");
			assert!(matrix.iter().all(|r| r.len() == 40), "one column per training row");
		}
	}
	let truth = d.join("loo.csv");
	let out = run(&["train", "--arch", "softmax", "--l2", "0.05", "--train", s(&train), "--out", s(&model)]);
	assert!(out.status.success());
	let out = run(&[
		"loo",
		"--model",
		s(&model),
		"--arch",
		"softmax",
		"--l2",
		"0.05",
		"--train",
		s(&train),
		"--queries",
		s(&queries),
		"--rows",
		"5",
		"--out",
		s(&truth),
	]);
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let matrix = read_matrix(&truth);
	assert_eq!(matrix.len(), 2);
	assert!(matrix.iter().all(|r| r.len() == 5));
}

#[test]
fn bad_input_names_the_problem() {
	let d = dir("bad");
	let (train, model) = (d.join("train.csv"), d.join("m.safetensors"));
	std::fs::write(&train, Dataset::synthetic(30, 3, 3, 1.5, 0.1, 1).to_csv()).unwrap();
	assert!(run(&["train", "--arch", "softmax", "--l2", "0.05", "--train", s(&train), "--out", s(&model)])
		.status
		.success());
	let score = |queries: &Path, arch: &str| {
		run(&[
			"score",
			"--model",
			s(&model),
			"--arch",
			arch,
			"--l2",
			"0.05",
			"--train",
			s(&train),
			"--queries",
			s(queries),
			"--out",
			s(&d.join("out.csv")),
		])
	};
	let file = |name: &str, text: &str| {
		let path = d.join(name);
		std::fs::write(&path, text).unwrap();
		path
	};

	fails_with(score(&file("wide.csv", "0,1,2,3,4\n"), "softmax"), "4 features per row, the model expects 3");
	fails_with(score(&file("nan.csv", "0,1,NaN,3\n"), "softmax"), "line 1: feature 2 is NaN");
	fails_with(score(&file("label.csv", "7,1,2,3\n"), "softmax"), "label 7 is out of range (the model has 3 classes)");
	fails_with(score(&file("ok.csv", "0,1,2,3\n"), "mlp"), "no tensor `fc1.weight`");
	fails_with(score(&d.join("missing.csv"), "softmax"), "cannot access");
	fails_with(
		run(&[
			"score",
			"--model",
			s(&train),
			"--arch",
			"softmax",
			"--l2",
			"0.05",
			"--train",
			s(&train),
			"--queries",
			s(&train),
			"--out",
			s(&d.join("o.csv")),
		]),
		"is not a safetensors file",
	);
	fails_with(run(&["train", "--arch", "softmax", "--l2=-1", "--train", s(&train), "--out", s(&model)]), "invalid l2");
	fails_with(
		run(&["train", "--arch", "tree", "--l2", "1", "--train", s(&train), "--out", s(&model)]),
		"use softmax or mlp",
	);
}

#[test]
fn spans_credit_the_quoted_texts_from_the_corpus_or_its_index() {
	let d = dir("spans");
	let (a, b, c) = (d.join("a.txt"), d.join("b.txt"), d.join("c.txt"));
	std::fs::write(&a, "alpha beta gamma").unwrap();
	std::fs::write(&b, "delta epsilon").unwrap();
	std::fs::write(&c, "alpha beta zeta").unwrap();
	let query = ["--query", "alpha beta gamma delta eps", "--min-len", "6"];
	let direct = run(&[&["spans", "--corpus", s(&a), s(&b), s(&c)][..], &query].concat());
	assert!(direct.status.success());
	let stdout = String::from_utf8_lossy(&direct.stdout);
	assert!(stdout.contains(&format!("0,{},763670", s(&a))), "{stdout}");
	assert!(stdout.contains(&format!("1,{},236330", s(&b))), "{stdout}");
	assert!(stdout.contains("0,16,2,0 2,\"alpha beta gamma\""), "{stdout}");
	// Indexed once, answered from disk: the same answer, each contribution with its file.
	let index = d.join("index");
	let built = run(&["index", "--corpus", s(&a), s(&b), s(&c), "--out", s(&index)]);
	assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
	assert!(String::from_utf8_lossy(&built.stderr).contains("indexed 3 texts"));
	let answered = run(&[&["spans", "--index", s(&index)][..], &query].concat());
	assert!(answered.status.success());
	assert_eq!(answered.stdout, direct.stdout);
	// One or the other, and an index that is not one is named.
	fails_with(run(&["spans", "--query", "x"]), "--corpus");
	fails_with(run(&[&["spans", "--index", s(&d), "--corpus", s(&a)][..], &query].concat()), "cannot be used with");
	fails_with(run(&[&["spans", "--index", s(&d)][..], &query].concat()), "texts.tsv");
	// A directory that is not an index is never replaced by one.
	fails_with(run(&["index", "--corpus", s(&a), "--out", s(&d)]), "not an index");
	assert!(a.exists());
}

/// The files of a `score --contributions … --shares …` run in directory `name`, over a softmax
/// model trained with L2 0.05.
struct ScoreRun {
	train: PathBuf,
	queries: PathBuf,
	model: PathBuf,
	owners: PathBuf,
	shares: PathBuf,
	scores: PathBuf,
}

impl ScoreRun {
	fn new(name: &str) -> Self {
		let d = dir(name);
		ScoreRun {
			train: d.join("train.csv"),
			queries: d.join("queries.csv"),
			model: d.join("m.safetensors"),
			owners: d.join("owners.txt"),
			shares: d.join("shares.csv"),
			scores: d.join("scores.csv"),
		}
	}

	/// Trains the model on the training file.
	fn train(&self) {
		let args = ["train", "--arch", "softmax", "--l2", "0.05", "--train", s(&self.train), "--out", s(&self.model)];
		assert!(run(&args).status.success());
	}

	/// Scores, with `extra` arguments.
	fn score(&self, extra: &[&str]) -> Output {
		let mut args = vec![
			"score",
			"--model",
			s(&self.model),
			"--arch",
			"softmax",
			"--l2",
			"0.05",
			"--train",
			s(&self.train),
			"--queries",
			s(&self.queries),
			"--out",
			s(&self.scores),
			"--contributions",
			s(&self.owners),
			"--shares",
			s(&self.shares),
		];
		args.extend_from_slice(extra);
		run(&args)
	}

	/// The shares written: `(query, contribution, ppm)`.
	fn shares(&self) -> Vec<(usize, u64, u32)> {
		std::fs::read_to_string(&self.shares)
			.unwrap()
			.lines()
			.map(|l| {
				let f: Vec<&str> = l.split(',').collect();
				(f[0].parse().unwrap(), f[1].parse().unwrap(), f[2].parse().unwrap())
			})
			.collect()
	}
}

#[test]
fn score_aggregates_shares_by_contribution() {
	let r = ScoreRun::new("shares");
	std::fs::write(&r.train, Dataset::synthetic(40, 3, 3, 1.5, 0.1, 1).to_csv()).unwrap();
	std::fs::write(&r.queries, Dataset::synthetic(2, 3, 3, 1.5, 0.1, 2).to_csv()).unwrap();
	// Rows 0–9 are contribution 100, 10–19 contribution 101, and so on.
	std::fs::write(&r.owners, (0..40).map(|i| format!("{}\n", 100 + i / 10)).collect::<String>()).unwrap();
	r.train();
	// Generated rows of three features crowd closer than the default radius.
	let score = || r.score(&["--top-k", "3", "--copy-radius", "0"]);
	let out = score();
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let matrix = read_matrix(&r.scores);
	let written = r.shares();
	for (q, row) in matrix.iter().enumerate() {
		let mine: Vec<(u64, u32)> = written.iter().filter(|w| w.0 == q).map(|w| (w.1, w.2)).collect();
		let owner_of: Vec<u64> = (0..40).map(|i| 100 + i / 10).collect();
		let expected = openledger_influence::aggregate::aggregate(row, &owner_of, 3).unwrap();
		assert_eq!(mine, expected.iter().map(|s| (s.contribution, s.ppm)).collect::<Vec<_>>());
		assert!(mine.len() <= 3 && mine.iter().map(|m| m.1).sum::<u32>() == 1_000_000);
	}
	// one id short
	std::fs::write(&r.owners, "100\n".repeat(39)).unwrap();
	fails_with(score(), "names 39 contributions for 40 training rows");
}

#[test]
fn score_leaves_copies_of_earlier_contributions_out() {
	let r = ScoreRun::new("copies");
	// Contributions 0–3 of ten rows each, and contribution 4: rows 0–9 again, each feature moved
	// by 0.01 — a copy of contribution 0 from somebody else, arriving later.
	let honest = Dataset::synthetic(40, 3, 3, 1.5, 0.1, 1);
	let copies = honest.select(&(0..10).collect::<Vec<_>>());
	let moved: Vec<f64> = copies.features.iter().map(|x| x + 0.01).collect();
	let mut all = honest.clone();
	all.features.extend(moved);
	all.labels.extend(copies.labels);
	std::fs::write(&r.train, all.to_csv()).unwrap();
	std::fs::write(&r.queries, Dataset::synthetic(4, 3, 3, 1.5, 0.1, 2).to_csv()).unwrap();
	std::fs::write(&r.owners, (0..50).map(|i| format!("{}\n", i / 10)).collect::<String>()).unwrap();
	r.train();
	let shares_with = |radius: &str| {
		let out = r.score(&["--copy-radius", radius]);
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
		r.shares()
	};
	// The default radius: the copy earns nothing; contribution 0 earns.
	let default = shares_with("0.75");
	assert!(default.iter().all(|&(_, c, _)| c != 4), "{default:?}");
	assert!(default.iter().any(|&(_, c, _)| c == 0), "{default:?}");
	// A radius under the copies' distance (0.01·√3 ≈ 0.017): the copy is a row of its own and earns.
	let tight = shares_with("0.01");
	assert!(tight.iter().any(|&(_, c, _)| c == 4), "{tight:?}");
	fails_with(r.score(&["--copy-radius=-1"]), "copy radius");
}

/// `verify-lineage` accepts the weights against the rows they were trained on (in any order),
/// refuses them (status 3) against half the rows, one crafted row more, five changed labels or
/// other data, and fails (status 1) on bad input.
#[test]
fn verify_lineage_tells_the_declared_data_from_any_other() {
	let d = dir("verify");
	let data = Dataset::synthetic(200, 4, 3, 1.5, 0.05, 31);
	let model = d.join("m.safetensors");
	let file = |name: &str, rows: &Dataset| {
		let path = d.join(name);
		std::fs::write(&path, rows.to_csv()).unwrap();
		path
	};
	let train = file("train.csv", &data);
	let mut reversed = data.clone();
	let order: Vec<usize> = (0..data.len()).rev().collect();
	reversed = reversed.select(&order);
	let half = data.select(&(0..100).collect::<Vec<_>>());
	let mut crafted = data.clone();
	crafted.features.extend([4.0, -4.0, 4.0, -4.0]);
	crafted.labels.push(1);
	let mut relabelled = data.clone();
	relabelled.labels.iter_mut().take(5).for_each(|y| *y = (*y + 1) % 3);
	let other = Dataset::synthetic(200, 4, 3, 1.5, 0.05, 32);
	for arch in ["softmax", "mlp"] {
		let out =
			run(&["train", "--arch", arch, "--l2", "0.01", "--hidden", "6", "--train", s(&train), "--out", s(&model)]);
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
		let verify = |rows: &Path, l2: &str| {
			let l2 = format!("--l2{}", if l2.starts_with('=') { l2.to_string() } else { format!("={l2}") });
			run(&["verify-lineage", "--model", s(&model), "--arch", arch, &l2, "--train", s(rows)])
		};
		for (name, rows) in [("train", train.clone()), ("reversed", file("reversed.csv", &reversed))] {
			let out = verify(&rows, "0.01");
			assert_eq!(out.status.code(), Some(0), "{arch} {name}: {}", String::from_utf8_lossy(&out.stderr));
			let stdout = String::from_utf8_lossy(&out.stdout);
			assert!(stdout.starts_with("gradient_norm,tolerance,consistent\n") && stdout.contains(",true"));
		}
		for (name, rows) in [("half", &half), ("crafted", &crafted), ("relabelled", &relabelled), ("other", &other)] {
			let out = verify(&file(&format!("{name}.csv"), rows), "0.01");
			assert_eq!(out.status.code(), Some(3), "{arch} {name}: {}", String::from_utf8_lossy(&out.stderr));
			assert!(String::from_utf8_lossy(&out.stdout).contains(",false"));
		}
		let out = verify(&train, "=-1");
		assert_eq!(out.status.code(), Some(1));
		fails_with(out, "l2");
		let narrow = file("narrow.csv", &Dataset::synthetic(20, 3, 3, 1.5, 0.05, 1));
		fails_with(verify(&narrow, "0.01"), "features");
	}
}

/// `audit` ranks the contributions whose labels were flipped first: removing them lowers the
/// held-out loss.
#[test]
fn audit_ranks_flipped_labels_first() {
	let d = dir("audit");
	// one draw, split: the held-out rows come from the training rows' distribution
	let all = Dataset::synthetic(500, 4, 3, 2.0, 0.0, 41);
	let mut data = all.select(&(0..300).collect::<Vec<_>>());
	let held = all.select(&(300..500).collect::<Vec<_>>());
	// contribution 7 (rows 70–79): every label moved to the next class
	data.labels.iter_mut().skip(70).take(10).for_each(|y| *y = (*y + 1) % 3);
	let (train, holdout, owners, model) =
		(d.join("train.csv"), d.join("holdout.csv"), d.join("owners.txt"), d.join("m.safetensors"));
	std::fs::write(&train, data.to_csv()).unwrap();
	std::fs::write(&holdout, held.to_csv()).unwrap();
	std::fs::write(&owners, (0..300).map(|i| format!("{}\n", i / 10)).collect::<String>()).unwrap();
	let out = run(&["train", "--arch", "softmax", "--l2", "0.01", "--train", s(&train), "--out", s(&model)]);
	assert!(out.status.success());
	let common = ["--model", s(&model), "--arch", "softmax", "--l2", "0.01", "--train", s(&train)];
	let out = bin()
		.arg("audit")
		.args(common)
		.args(["--holdout", s(&holdout), "--contributions", s(&owners)])
		.output()
		.unwrap();
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let stdout = String::from_utf8_lossy(&out.stdout);
	let mut lines = stdout.lines();
	assert_eq!(lines.next(), Some("rank,contribution,rows,self_influence,holdout_influence"));
	let first: Vec<&str> = lines.next().unwrap().split(',').collect();
	assert_eq!((first[0], first[1], first[2]), ("1", "7", "10"), "{stdout}");
	assert!(first[4].parse::<f64>().unwrap() < 0.0, "harmful: {stdout}");
	assert_eq!(stdout.lines().count(), 31);
	// without contributions, row by row: the first eight are flipped rows, and nine of the ten
	// are among the first fifteen
	let out = bin().arg("audit").args(common).args(["--holdout", s(&holdout)]).output().unwrap();
	let top: Vec<usize> = String::from_utf8_lossy(&out.stdout)
		.lines()
		.skip(1)
		.take(15)
		.map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
		.collect();
	assert!(top[..8].iter().all(|row| (70..80).contains(row)), "{top:?}");
	assert!((70..80).filter(|row| top.contains(row)).count() >= 9, "{top:?}");
}
