//! How long an attestor's worker takes to score one job: the node's engine over an in-memory
//! off-chain store holding a tabular datanet of ROWS rows (default 10,000) in contributions of
//! 100 rows, FEATURES features (default 64), CLASSES classes (default 10), and a softmax model
//! trained on it (with HIDDEN > 0, an MLP of HIDDEN hidden units). With COPIES, the last COPIES
//! rows are copies of the first ones (later contributions): the first job then leaves them out
//! and retrains the model without them.
//!
//! ```sh
//! cargo run --release -p openledger-node --example attestor-bench [-- ROWS [FEATURES CLASSES [COPIES [HIDDEN]]]]
//! ```
//!
//! At the chain's bounds for one job (`openledger_primitives::models::bounds`): `16384 63 64`
//! (4,096 parameters, 2²⁶ rows × parameters).
//!
//! Prints the cold job (reading and parsing the rows, checking the lineage, building the
//! training side) and the warm job (a second query on the same model and data: the output
//! check, one gradient and a pass over the cache).

use std::time::Instant;

use openledger_influence::{
	model::Arch,
	train::{train, Options},
	Dataset,
};
use openledger_node::attestor::NodeScorer;
use openledger_primitives::{
	attribution::{engine::Scorer, query_key, ContributionRef, ScoreRequest, Subject, TrainingContribution},
	datanets::{tabular, DEFAULT_COPY_RADIUS},
	models::Architecture,
};
use sp_core::{
	offchain::{storage::InMemOffchainStorage, OffchainStorage, STORAGE_PREFIX},
	H256,
};

const PER_CONTRIBUTION: usize = 100;

fn put(store: &mut InMemOffchainStorage, bytes: &[u8]) -> H256 {
	let hash = H256(sp_io::hashing::blake2_256(bytes));
	store.set(STORAGE_PREFIX, hash.as_bytes(), bytes);
	hash
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let arg = |n: usize, default: usize| -> Result<usize, std::num::ParseIntError> {
		Ok(std::env::args().nth(n).map(|a| a.parse()).transpose()?.unwrap_or(default))
	};
	let (rows, features, classes, copies) = (arg(1, 10_000)?, arg(2, 64)?, arg(3, 10)?, arg(4, 0)?);
	let hidden = arg(5, 0)?;
	let copies = copies.min(rows / 2);
	let mut data = Dataset::synthetic(rows - copies, features, classes, 1.0, 0.5, 42);
	for i in 0..copies {
		let copy = data.row(i).to_vec();
		data.features.extend(copy);
		data.labels.push(data.labels[i]);
	}
	// the rows as the chain stores them, in f32: the model is trained on exactly those, as the
	// attestors' lineage check requires
	data.features.iter_mut().for_each(|x| *x = f64::from(*x as f32));
	let started = Instant::now();
	let (arch, name) = if hidden == 0 { (Arch::Softmax, "softmax") } else { (Arch::Mlp, "MLP") };
	let options = Options { l2: 0.01, hidden, max_steps: 2_000, ..Default::default() };
	let model = train(arch, &data, Some(classes), &options)?.model;
	println!("trained {name} {rows}×{features}→{classes} in {:.2?}", started.elapsed());

	let mut store = InMemOffchainStorage::default();
	let path = std::env::temp_dir().join(format!("attestor-bench-{}.safetensors", std::process::id()));
	model.save(&path)?;
	let weights = put(&mut store, &std::fs::read(&path)?);
	std::fs::remove_file(&path)?;

	// Rows as the chain stores them (the tabular payload format).
	let row = |i: usize| -> Vec<f32> { data.row(i).iter().map(|x| *x as f32).collect() };
	let mut contributions = Vec::new();
	for (c, start) in (0..rows).step_by(PER_CONTRIBUTION).enumerate() {
		let mut bytes = Vec::new();
		for i in start..(start + PER_CONTRIBUTION).min(rows) {
			tabular::encode_example(&mut bytes, data.labels[i], &row(i));
		}
		contributions.push(TrainingContribution {
			contribution: ContributionRef { datanet: 0, index: c as u32 },
			payload: put(&mut store, &bytes),
			arrival: c as u64,
			copy_radius: DEFAULT_COPY_RADIUS,
		});
	}
	let mut queries = Vec::new();
	for k in 0..2 {
		let input = tabular::encode_values(&row(k));
		// the model's own answer, as the attestors check it
		let logits = model.logits(data.row(k))?;
		let answer = (0..classes).max_by(|&a, &b| logits[a].total_cmp(&logits[b])).unwrap_or(0) as u32;
		let output = answer.to_le_bytes();
		// under the keys of inference `k`, as the chain's off-chain index keeps a query
		let hash = |bytes: &[u8]| H256(sp_io::hashing::blake2_256(bytes));
		let subject = Subject::Inference { inference: k as u64, input: hash(&input), output: hash(&output) };
		store.set(STORAGE_PREFIX, &query_key(&subject, &hash(&input)), &input);
		store.set(STORAGE_PREFIX, &query_key(&subject, &hash(&output)), &output);
		queries.push(subject);
	}
	let mut scorer = NodeScorer::new(store, false);
	for (k, subject) in queries.into_iter().enumerate() {
		let request = ScoreRequest {
			architecture: if hidden == 0 {
				Architecture::SoftmaxRegression {
					features: features as u32,
					classes: classes as u32,
					l2: sp_runtime::Perbill::from_percent(1),
				}
			} else {
				Architecture::Mlp {
					features: features as u32,
					hidden: hidden as u32,
					classes: classes as u32,
					l2: sp_runtime::Perbill::from_percent(1),
				}
			},
			weights,
			contributions: contributions.clone(),
			subject,
			top_k: 32,
		};
		let started = Instant::now();
		let shares = scorer.score(&request).map_err(|e| format!("{e:?}"))?;
		let label = if k == 0 { "cold (the model's first job)" } else { "warm (its next job, cached)" };
		println!("{label}: {:.1} ms, {} shares", started.elapsed().as_secs_f64() * 1e3, shares.len());
	}
	Ok(())
}
