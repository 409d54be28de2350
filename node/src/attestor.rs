//! The attribution engine of this node's off-chain worker.
//!
//! The runtime's worker asks through the `attribution` host function
//! ([`openledger_primitives::attribution::engine`]); this module answers with
//! `openledger-influence`, reading models, training data and queries from the node's off-chain
//! store, where off-chain indexing put them: models and training data under their hashes, a
//! job's queries under their [`query_key`]s (scoped by inference or batch). Training sides are cached per
//! (model, data) across blocks, so a model's second job costs one query.
//!
//! Byte formats (the same as the pallets document):
//! - tabular contributions and queries: [`openledger_primitives::datanets::tabular`] — examples
//!   back to back, each a `u32` LE label and `features` `f32` LE; a query's input is `features`
//!   `f32` LE, its output one `u32` LE class;
//! - text contributions and outputs: UTF-8 (a text query's input is not used);
//! - a batch's queries: the SCALE encoding of their `(input, output)` pairs, each as above; a
//!   batch is scored as the mean of its queries' shares (tabular: each query's positive row
//!   scores normalised, then averaged; text: the outputs' span credits added);
//!
//! Before scoring a tabular job the engine checks what the model owner and the provider
//! claim (`openledger_influence::verify`): that the weights are what training on the lineage
//! gives (once per model and lineage, cached), else it reports [`ScoreError::FalseLineage`];
//! and that every output is the model's answer to its input, else [`ScoreError::FalseOutput`]
//! (a batch with one false output is reported whole). Query inputs are clipped to the lineage
//! rows' range, widened by a tenth of it, before they are scored. A text output cannot be
//! re-run: it is never reported false.
//! - weights: a `.safetensors` file with the tensors of the architecture.

use std::{
	path::{Path, PathBuf},
	sync::Arc,
	time::Duration,
};

use openledger_influence::{
	aggregate,
	copies::Radius,
	engine::{Engine, Method, Rows, Settings},
	model::{Arch, Model},
	spans::{self, Corpus},
	verify, Dataset,
};
use openledger_primitives::{
	attribution::{
		engine::Scorer, query_key, ContributionRef, ScoreError, ScoreRequest, Share, Subject, TrainingContribution,
		PARTS_PER_MILLION,
	},
	datanets::tabular,
	models::{bounds, Architecture},
};
use sp_core::{
	offchain::{OffchainStorage, STORAGE_PREFIX},
	H256,
};

// The chain's default copy radius is the engine's: the command line prints what the chain pays.
const _: () = assert!(Radius::DEFAULT.0 == openledger_primitives::datanets::DEFAULT_COPY_RADIUS);

/// Training sides kept in memory.
const CACHED_SIDES: usize = 8;

/// The most memory the cached training sides hold: 2 GiB. A side of a lineage at the chain's
/// bounds ([`bounds`]) holds up to about 270 MB (a Hessian factor of 4,096 parameters, 134 MB,
/// and its rows' gradient factors, up to 134 MB), so at least three are kept.
const CACHE_MEMORY: usize = 2 << 30;

/// The shortest span of a text output that credits a contribution, in bytes: the chain's figure,
/// which the engine's command line uses by default.
pub const MIN_SPAN: usize = openledger_primitives::attribution::MIN_SPAN as usize;
const _: () = assert!(MIN_SPAN == openledger_influence::spans::MIN_SPAN);

// The chain's estimate of a first job (`bounds::cold_start`) counts the retraining and the
// search for copies the engine may do: the two must agree on their budgets.
const _: () = {
	use openledger_influence::engine as e;
	assert!(e::RETRAIN_NEWTON_STEPS as u64 == bounds::RETRAIN_NEWTON_STEPS);
	assert!(e::RETRAIN_FREE_WORK == bounds::RETRAIN_FREE_WORK);
	assert!(e::RETRAIN_PASSES as u64 == bounds::RETRAIN_PASSES);
	assert!(openledger_influence::copies::CANDIDATES as u64 == bounds::COPY_CANDIDATES);
};

/// Damping added to the Hessian's diagonal before it is inverted.
const DAMPING: f64 = 1e-6;

/// A query's input and output bytes.
type Query = (Vec<u8>, Vec<u8>);

/// The node's engine over its off-chain store `S`.
#[derive(Clone)]
pub struct NodeScorer<S> {
	store: S,
	engine: Arc<Engine>,
	perturb: bool,
	indexes: Option<Arc<SpanIndexes>>,
}

impl<S: OffchainStorage> NodeScorer<S> {
	/// An engine reading from `store`. With `perturb`, every answer is deliberately wrong (for the
	/// network test in which one attestor must be outvoted).
	pub fn new(store: S, perturb: bool) -> Self {
		Self { store, engine: Arc::new(Engine::with_memory(CACHED_SIDES, CACHE_MEMORY)), perturb, indexes: None }
	}

	/// Keeps the text corpora's indexes on disk in `indexes` (else a text job indexes its corpus
	/// in memory, every time).
	pub fn with_indexes(mut self, indexes: SpanIndexes) -> Self {
		self.indexes = Some(Arc::new(indexes));
		self
	}

	fn get(&self, hash: &H256) -> Result<Vec<u8>, ScoreError> {
		self.store.get(STORAGE_PREFIX, hash.as_bytes()).ok_or(ScoreError::Missing(*hash))
	}

	/// The bytes hashing to `hash` that `subject` explains, under their key of the subject; or,
	/// for a job a runtime before spec 108 opened (or while the chain still runs one), under
	/// their bare hash, checked against it.
	fn query(&self, subject: &Subject, hash: &H256) -> Result<Vec<u8>, ScoreError> {
		if let Some(bytes) = self.store.get(STORAGE_PREFIX, &query_key(subject, hash)) {
			return Ok(bytes);
		}
		self.get(hash)
			.ok()
			.filter(|bytes| H256(sp_io::hashing::blake2_256(bytes)) == *hash)
			.ok_or(ScoreError::Missing(*hash))
	}

	fn tabular(
		&self,
		request: &ScoreRequest,
		arch: Arch,
		features: u32,
		classes: u32,
		l2: f64,
	) -> Result<Vec<aggregate::Share>, ScoreError> {
		let width = features as usize;
		within_bounds(request, 0)?;
		let model =
			Model::from_bytes(&self.get(&request.weights)?, arch).map_err(|e| named(e, ScoreError::InvalidWeights))?;
		if model.features() != width || model.classes() != classes as usize {
			return Err(ScoreError::InvalidWeights);
		}
		let (mut x, mut y) = (Vec::new(), Vec::new());
		let (mut owner, mut arrival, mut radius) = (Vec::new(), Vec::new(), Vec::new());
		for training in &request.contributions {
			let bytes = self.get(&training.payload)?;
			let rows = tabular::examples(&bytes, features, classes).map_err(|_| ScoreError::InvalidData)?;
			within_bounds(request, y.len().saturating_add(rows.len()))?;
			for (label, values) in rows {
				y.push(label);
				x.extend(values.into_iter().map(f64::from));
				owner.push(training.contribution.to_u64());
				arrival.push(training.arrival);
				radius.push(Radius(training.copy_radius));
			}
		}
		let data = Dataset::new(x, y, width).map_err(|e| named(e, ScoreError::InvalidData))?;
		let settings = Settings { l2, damping: DAMPING };
		// Copies of earlier rows are left out: data belongs to whoever brought it first.
		let rows = Rows { data: &data, contribution: &owner, arrival: &arrival, radius: &radius };
		let paid = self.engine.attribution_side(&model, rows, Method::Exact, settings).map_err(failed)?;
		// The model owner's claim: the weights are what training on the lineage gives.
		if !paid.lineage.consistent() {
			log::warn!(target: "attribution", "the weights are not trained on the declared lineage: reported");
			return Err(ScoreError::FalseLineage);
		}
		let (mut query_x, mut query_y) = (Vec::new(), Vec::new());
		for (input, output) in self.queries(&request.subject)? {
			let values = tabular::values(&input, features).map_err(|_| ScoreError::InvalidQuery)?;
			query_x.extend(values.into_iter().map(f64::from));
			query_y.push(tabular::label(&output, classes).map_err(|_| ScoreError::InvalidQuery)?);
		}
		let mut queries = Dataset::new(query_x, query_y, width).map_err(|e| named(e, ScoreError::InvalidQuery))?;
		// The provider's claim: each output is the model's answer to its input.
		for q in 0..queries.len() {
			let label = queries.labels.get(q).copied().unwrap_or_default();
			if !verify::answers(&model, queries.row(q), label).map_err(|e| named(e, ScoreError::InvalidQuery))? {
				log::warn!(target: "attribution", "output {q} is not the model's answer to its input: reported");
				return Err(ScoreError::FalseOutput);
			}
		}
		// An input far outside the training rows cannot carry a huge gradient.
		paid.range.clip(&mut queries);
		// A batch: the mean of its queries' shares, so that one query moves at most 1/n of it.
		let scores = paid.side.mean_scores(&queries).map_err(failed)?;
		aggregate::aggregate(&scores, &paid.contribution, request.top_k as usize).map_err(failed)
	}

	/// The `(input, output)` pairs a job explains: one for an inference, every one of a batch.
	fn queries(&self, subject: &Subject) -> Result<Vec<Query>, ScoreError> {
		match *subject {
			Subject::Inference { input, output, .. } => {
				Ok(vec![(self.query(subject, &input)?, self.query(subject, &output)?)])
			},
			Subject::Batch { .. } => self.batch(subject),
		}
	}

	/// The outputs a job explains (a text job needs no input).
	fn outputs(&self, subject: &Subject) -> Result<Vec<Vec<u8>>, ScoreError> {
		match *subject {
			Subject::Inference { output, .. } => Ok(vec![self.query(subject, &output)?]),
			Subject::Batch { .. } => Ok(self.batch(subject)?.into_iter().map(|(_, output)| output).collect()),
		}
	}

	/// A batch's `(input, output)` pairs; at least one.
	fn batch(&self, subject: &Subject) -> Result<Vec<Query>, ScoreError> {
		let Subject::Batch { queries, .. } = subject else { return Err(ScoreError::InvalidQuery) };
		let pairs: Vec<Query> =
			codec::Decode::decode(&mut &self.query(subject, queries)?[..]).map_err(|_| ScoreError::InvalidQuery)?;
		if pairs.is_empty() {
			return Err(ScoreError::InvalidQuery);
		}
		Ok(pairs)
	}

	fn text(&self, request: &ScoreRequest) -> Result<Vec<aggregate::Share>, ScoreError> {
		within_bounds(request, 0)?;
		// In order of arrival: a span belongs to the first text that holds it.
		let mut members: Vec<&TrainingContribution> = request.contributions.iter().collect();
		members.sort_by_key(|t| (t.arrival, t.contribution.to_u64()));
		let corpus = match &self.indexes {
			Some(indexes) => indexes.corpus(&members, || self.corpus(request, &members))?,
			None => self.corpus(request, &members)?,
		};
		// A batch's outputs add their credits: an output quoting more weighs more, and outputs
		// that quote little do not add up to shares.
		let mut credit = spans::Credit::default();
		for output in self.outputs(&request.subject)? {
			let output = std::str::from_utf8(&output).map_err(|_| ScoreError::InvalidQuery)?;
			credit.add(corpus.credit(output, MIN_SPAN));
		}
		credit.shares(MIN_SPAN, request.top_k as usize).map_err(failed)
	}

	/// The texts of `members` (in arrival order) indexed in memory, read one at a time.
	fn corpus(&self, request: &ScoreRequest, members: &[&TrainingContribution]) -> Result<Corpus, ScoreError> {
		let mut builder = spans::Builder::default();
		let mut bytes = 0usize;
		for training in members {
			let text = self.get(&training.payload)?;
			bytes = bytes.saturating_add(text.len());
			within_bounds(request, bytes)?;
			if std::str::from_utf8(&text).is_err() {
				return Err(ScoreError::InvalidData);
			}
			builder.push(training.contribution.to_u64(), format!("{:?}", training.payload), &text).map_err(failed)?;
		}
		builder.finish().map_err(failed)
	}
}

impl<S: OffchainStorage + 'static> Scorer for NodeScorer<S> {
	fn score(&mut self, request: &ScoreRequest) -> Result<Vec<Share>, ScoreError> {
		let started = std::time::Instant::now();
		// The engine asserts its internal shapes: a failed assertion is an engine bug, and it must
		// cost this job's answer, not the node's off-chain worker.
		let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match request.architecture {
			Architecture::SoftmaxRegression { features, classes, l2 } => {
				self.tabular(request, Arch::Softmax, features, classes, perbill(l2))
			},
			Architecture::Mlp { features, classes, l2, .. } => {
				self.tabular(request, Arch::Mlp, features, classes, perbill(l2))
			},
			Architecture::TextSpans => self.text(request),
		}));
		let shares = scored.map_err(|_| {
			log::error!(target: "attribution", "the engine panicked scoring a job (an engine bug): reported unscorable");
			ScoreError::Failed
		})??;
		let mut shares = chain_shares(shares);
		if self.perturb {
			shares = perturbed(&shares, request);
		}
		log::info!(
			target: "attribution",
			"scored {} contributions in {} ms: {} shares",
			request.contributions.len(),
			started.elapsed().as_millis(),
			shares.len()
		);
		Ok(shares)
	}
}

/// The span indexes of text corpora, kept on disk: one per set of training texts (a model's
/// lineage: for a model on one datanet version, that version), named by the hash of its members
/// — their arrival, contribution and payload hash — so that every job of that lineage finds it.
/// Built on a job's first use; each use marks it; an index no job has used for `keep` is removed
/// (a job is opened only when the model is paid for).
pub struct SpanIndexes {
	dir: PathBuf,
	keep: Duration,
	budget: u64,
	/// Held while an index is built: two jobs of one lineage build it once, and two builds never
	/// hold their corpora in memory at once.
	building: std::sync::Mutex<()>,
}

/// The version of the index's format and of the spans' rules, in the indexes' names. 2: indexes
/// are built only within the engine's bounds (an index an older node built of a larger corpus
/// would let this node score what others refuse).
const INDEX_VERSION: &[u8] = b"spans-index-2";

/// The file whose modification time is an index's last use.
const USED: &str = "used";

impl SpanIndexes {
	/// Indexes under `dir` (created when first needed), removed after `keep` unused, and the least
	/// recently used removed first while they take more than `budget` bytes.
	pub fn new(dir: PathBuf, keep: Duration, budget: u64) -> Self {
		Self { dir, keep, budget, building: Default::default() }
	}

	/// The index of `members` (in arrival order): opened from disk, or built by `build` and
	/// written there first. A disk that cannot take it costs the persistence, not the answer.
	fn corpus(
		&self,
		members: &[&TrainingContribution],
		build: impl FnOnce() -> Result<Corpus, ScoreError>,
	) -> Result<Corpus, ScoreError> {
		let key: Vec<(u64, u64, H256)> =
			members.iter().map(|t| (t.arrival, t.contribution.to_u64(), t.payload)).collect();
		// The format's version is part of the name: an index an older engine wrote is not reused.
		let hash = sp_io::hashing::blake2_256(&codec::Encode::encode(&(INDEX_VERSION, key)));
		let name = sp_core::hexdisplay::HexDisplay::from(&hash).to_string();
		let dir = self.dir.join(&name);
		let started = std::time::Instant::now();
		if let Some(corpus) = self.open(&dir, &name, started) {
			return Ok(corpus);
		}
		let corpus = {
			// One build at a time; another job may have built this one meanwhile.
			let _building = self.building.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
			if let Some(corpus) = self.open(&dir, &name, started) {
				return Ok(corpus);
			}
			// What is there does not open (a build or a removal interrupted): it goes.
			if dir.exists() {
				self.remove(&dir, "damaged");
			}
			let corpus = build()?;
			let bytes = 5 * corpus.len() as u64;
			if bytes > self.budget {
				log::warn!(target: "attribution", "the index {name} ({bytes} bytes) is over the disk budget: not kept");
			} else {
				let written = std::fs::create_dir_all(&self.dir)
					.map_err(|source| openledger_influence::Error::Io { path: self.dir.clone(), source })
					.and_then(|()| corpus.write(&dir));
				match written {
					Ok(()) => self.used(&dir, &name, &corpus, started, "built"),
					Err(e) => log::warn!(target: "attribution", "cannot keep the index {name} on disk: {e}"),
				}
			}
			corpus
		};
		self.prune(&name);
		Ok(corpus)
	}

	/// The index in `dir`, if there is one that opens.
	fn open(&self, dir: &Path, name: &str, started: std::time::Instant) -> Option<Corpus> {
		if !dir.exists() {
			return None;
		}
		match Corpus::open(dir) {
			Ok(corpus) => {
				self.used(dir, name, &corpus, started, "answered from");
				Some(corpus)
			},
			Err(e) => {
				log::warn!(target: "attribution", "the index {name} cannot be opened ({e}): rebuilt");
				None
			},
		}
	}

	/// Marks the index `name` in `dir` used now, and says so: `what` ("built", "answered from")
	/// the persistent index, since `started`.
	fn used(&self, dir: &Path, name: &str, corpus: &Corpus, started: std::time::Instant, what: &str) {
		if let Err(e) = std::fs::write(dir.join(USED), b"") {
			log::warn!(target: "attribution", "cannot mark {} used: {e}", dir.display());
		}
		log::info!(
			target: "attribution",
			"{what} the persistent index {} ({} texts, {} bytes) in {} ms",
			name.get(..16).unwrap_or(name),
			corpus.texts(),
			corpus.len(),
			started.elapsed().as_millis()
		);
	}

	/// Removes the indexes (and the leftovers of interrupted builds) unused for `keep`, then the
	/// least recently used while the rest take more than the budget; never `current`.
	fn prune(&self, current: &str) {
		let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
		let mut kept = Vec::new();
		for entry in entries.flatten() {
			let path = entry.path();
			if entry.file_name() == current || !path.is_dir() {
				continue;
			}
			// An index's last use; a partial build's creation.
			let last = std::fs::metadata(path.join(USED)).or_else(|_| entry.metadata()).and_then(|m| m.modified());
			let idle = last.as_ref().ok().and_then(|t| t.elapsed().ok()).unwrap_or_default();
			if idle > self.keep {
				self.remove(&path, "unused");
			} else {
				kept.push((idle, size(&path), path));
			}
		}
		let mut total: u64 = size(&self.dir.join(current)) + kept.iter().map(|(_, bytes, _)| bytes).sum::<u64>();
		// Most idle first.
		kept.sort_by_key(|k| std::cmp::Reverse(k.0));
		for (_, bytes, path) in kept {
			if total <= self.budget {
				break;
			}
			self.remove(&path, "over the disk budget");
			total = total.saturating_sub(bytes);
		}
	}

	fn remove(&self, path: &Path, why: &str) {
		match std::fs::remove_dir_all(path) {
			Ok(()) => log::info!(target: "attribution", "removed the index {} ({why})", path.display()),
			Err(e) => log::warn!(target: "attribution", "cannot remove {}: {e}", path.display()),
		}
	}
}

/// The bytes of the files in `dir`.
fn size(dir: &Path) -> u64 {
	let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
	entries.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

/// The engine's shares as the chain takes them: positive parts only, in contribution order.
fn chain_shares(shares: Vec<aggregate::Share>) -> Vec<Share> {
	let mut shares: Vec<Share> = shares
		.into_iter()
		.filter(|s| s.ppm > 0)
		.map(|s| Share { contribution: ContributionRef::from_u64(s.contribution), ppm: s.ppm })
		.collect();
	shares.sort_by_key(|s| s.contribution);
	shares
}

/// A wrong answer: everything to the training contribution the honest answer credits least
/// (one it leaves out, if any).
fn perturbed(honest: &[Share], request: &ScoreRequest) -> Vec<Share> {
	let least = request
		.contributions
		.iter()
		.map(|t| t.contribution)
		.min_by_key(|c| (honest.iter().find(|s| s.contribution == *c).map_or(0, |s| s.ppm), *c));
	least.map(|contribution| vec![Share { contribution, ppm: PARTS_PER_MILLION }]).unwrap_or_default()
}

fn perbill(p: sp_runtime::Perbill) -> f64 {
	f64::from(p.deconstruct()) / 1e9
}

/// Whether `request`'s model, with `rows` rows of its lineage read so far (a text lineage:
/// bytes), is within what the chain lets one job ask of an attestor ([`bounds`]; a model
/// registered before the chain checked them may not be). Over them the job is the model's
/// failure ([`ScoreError::Failed`]): every attestor stops at the same contribution and reports
/// the same, and the model is suspended, not the node's worker knocked over.
fn within_bounds(request: &ScoreRequest, rows: usize) -> Result<(), ScoreError> {
	let contributions = request.contributions.len() as u64;
	bounds::within(&request.architecture, contributions, rows as u64).map_err(|over| {
		log::warn!(target: "attribution", "the model or its lineage is beyond the engine's bounds ({over:?}): reported");
		ScoreError::Failed
	})
}

/// An input the engine refused, as `error` (what the committee reports it as).
fn named(e: openledger_influence::Error, error: ScoreError) -> ScoreError {
	log::warn!(target: "attribution", "cannot score ({error:?}): {e}");
	error
}

/// The engine failed on inputs it could read.
fn failed(e: openledger_influence::Error) -> ScoreError {
	named(e, ScoreError::Failed)
}

#[cfg(test)]
mod tests {
	use super::*;
	use openledger_influence::train::{train, Options};
	use openledger_primitives::attribution::{TrainingContribution, Unscorable};
	use sp_core::offchain::storage::InMemOffchainStorage;

	fn put(store: &mut InMemOffchainStorage, bytes: &[u8]) -> H256 {
		let hash = H256(sp_io::hashing::blake2_256(bytes));
		store.set(STORAGE_PREFIX, hash.as_bytes(), bytes);
		hash
	}

	/// Files the bytes of `subject`'s hashes, stored with [`put`], under the subject's query keys
	/// too, as the chain's off-chain index does.
	fn scoped(store: &mut InMemOffchainStorage, subject: Subject) -> Subject {
		for hash in subject.query_hashes() {
			if let Some(bytes) = store.get(STORAGE_PREFIX, hash.as_bytes()) {
				store.set(STORAGE_PREFIX, &query_key(&subject, &hash), &bytes);
			}
		}
		subject
	}

	fn example(label: u32, x: &[f32]) -> Vec<u8> {
		tabular::encode_examples([(label, x)])
	}

	/// Two contributions per class, the model trained on them, a query near class 1.
	fn setup() -> (InMemOffchainStorage, ScoreRequest, Model, Dataset) {
		let mut store = InMemOffchainStorage::default();
		let payloads = [
			[example(0, &[-2.0, 0.1]), example(0, &[-1.5, -0.2])].concat(),
			[example(0, &[-1.0, 0.3])].concat(),
			[example(1, &[1.8, 0.0]), example(1, &[2.2, 0.4])].concat(),
			[example(1, &[1.1, -0.3])].concat(),
		];
		let data = rows_of(&payloads);
		let (weights, model) = trained_on(&mut store, &data);
		let contributions =
			payloads.iter().enumerate().map(|(i, p)| training(3, i as u32, put(&mut store, p))).collect();
		let input = put(&mut store, &tabular::encode_values(&[1.5, 0.0]));
		let output = put(&mut store, &1u32.to_le_bytes());
		let request = ScoreRequest {
			architecture: Architecture::SoftmaxRegression {
				features: 2,
				classes: 2,
				l2: sp_runtime::Perbill::from_percent(1),
			},
			weights,
			contributions,
			subject: scoped(&mut store, Subject::Inference { inference: 0, input, output }),
			top_k: 32,
		};
		(store, request, model, data)
	}

	/// A softmax model trained on `data` (l2 = 1%), its weights stored: their hash, and it.
	fn trained_on(store: &mut InMemOffchainStorage, data: &Dataset) -> (H256, Model) {
		let options = Options { l2: 0.01, tolerance: 1e-10, ..Default::default() };
		let model = train(Arch::Softmax, data, Some(2), &options).expect("trains").model;
		(put_model(store, &model), model)
	}

	/// Stores `model`'s weights: their hash.
	fn put_model(store: &mut InMemOffchainStorage, model: &Model) -> H256 {
		// One file per call: the tests run in parallel in one process.
		static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
		let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
		let path = std::env::temp_dir().join(format!("openledger-attestor-{}-{call}.safetensors", std::process::id()));
		model.save(&path).expect("saves");
		let bytes = std::fs::read(&path).expect("reads");
		let _ = std::fs::remove_file(&path);
		put(store, &bytes)
	}

	/// The rows of `payloads`, in order.
	fn rows_of(payloads: &[Vec<u8>]) -> Dataset {
		let rows: Vec<(u32, Vec<f32>)> =
			payloads.iter().flat_map(|p| tabular::examples(p, 2, 2).expect("well formed")).collect();
		let features = rows.iter().flat_map(|r| r.1.iter().map(|v| f64::from(*v))).collect();
		Dataset::new(features, rows.iter().map(|r| r.0).collect(), 2).expect("dataset")
	}

	/// The attack: a model owner declares a lineage the weights were not trained on — its own
	/// datanet beside the honest one, one crafted row the model never saw — to route the data
	/// share to itself. The engine reports the lineage false, whatever the row order.
	#[test]
	fn weights_not_trained_on_the_lineage_are_reported() {
		let (mut store, mut request, _, _) = setup();
		// one crafted row, owned by the model's owner, that the model never saw
		let crafted = put(&mut store, &example(0, &[1.9, 0.1]));
		request.contributions.push(training(4, 0, crafted));
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request), Err(ScoreError::FalseLineage));
		assert_eq!(ScoreError::FalseLineage.unscorable(), Some(Unscorable::FalseLineage));
		// the lineage it was trained on, declared in another order, is consistent
		request.contributions.pop();
		request.contributions.reverse();
		assert!(NodeScorer::new(store.clone(), false).score(&request).is_ok());
		// half of it is not
		request.contributions.truncate(2);
		assert_eq!(NodeScorer::new(store, false).score(&request), Err(ScoreError::FalseLineage));
	}

	/// The attack: a provider reports another class than the model's, to steer the data share.
	/// The engine reports the output false — in a batch, one false output among honest ones.
	#[test]
	fn outputs_that_are_not_the_models_answers_are_reported() {
		let (mut store, mut request, model, _) = setup();
		let Subject::Inference { input, .. } = request.subject else { panic!("an inference") };
		assert!(verify::answers(&model, &[1.5, 0.0], 1).expect("answers"));
		let wrong = put(&mut store, &0u32.to_le_bytes());
		request.subject = scoped(&mut store, Subject::Inference { inference: 0, input, output: wrong });
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request), Err(ScoreError::FalseOutput));
		assert_eq!(ScoreError::FalseOutput.unscorable(), Some(Unscorable::FalseOutput));
		let query = |x: [f32; 2], label: u32| (tabular::encode_values(&x), label.to_le_bytes().to_vec());
		let honest = vec![query([1.5, 0.0], 1), query([-1.2, 0.2], 0)];
		let hash = put(&mut store, &codec::Encode::encode(&honest));
		request.subject = scoped(&mut store, Subject::Batch { batch: 1, queries: hash });
		assert!(NodeScorer::new(store.clone(), false).score(&request).is_ok());
		let mut one_false = honest;
		one_false.push(query([-1.8, 0.0], 1));
		let hash = put(&mut store, &codec::Encode::encode(&one_false));
		request.subject = scoped(&mut store, Subject::Batch { batch: 2, queries: hash });
		assert_eq!(NodeScorer::new(store, false).score(&request), Err(ScoreError::FalseOutput));
	}

	#[test]
	fn answers_match_the_engine_run_directly() {
		let (store, request, model, data) = setup();
		let mut scorer = NodeScorer::new(store, false);
		let shares = scorer.score(&request).expect("scores");
		assert!(openledger_primitives::attribution::well_formed(&shares));
		assert_eq!(shares.iter().map(|s| s.ppm).sum::<u32>(), PARTS_PER_MILLION);
		// the same computation by hand
		let query = Dataset::new(vec![1.5, 0.0], vec![1], 2).expect("query");
		let settings = Settings { l2: 0.01, damping: DAMPING };
		let scores = Engine::new(1).scores(&model, &data, &query, Method::Exact, settings).expect("scores");
		let owners = [0u64, 0, 1, 2, 2, 3].map(|i| ContributionRef { datanet: 3, index: i as u32 }.to_u64());
		let direct = chain_shares(aggregate::aggregate(&scores[0], &owners, 32).expect("aggregates"));
		assert_eq!(shares, direct);
		// the class-1 contributions carry the answer
		let class_one: u32 = shares.iter().filter(|s| s.contribution.index >= 2).map(|s| s.ppm).sum();
		assert!(class_one > PARTS_PER_MILLION / 2, "class 1 credited {class_one} ppm");
	}

	#[test]
	fn a_batch_is_scored_as_the_mean_of_its_queries() {
		let (mut store, mut request, model, data) = setup();
		let query = |x: [f32; 2], label: u32| (tabular::encode_values(&x), label.to_le_bytes().to_vec());
		let pairs = vec![query([1.5, 0.0], 1), query([-1.2, 0.2], 0), query([0.6, -0.1], 1)];
		let queries = put(&mut store, &codec::Encode::encode(&pairs));
		let single = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		request.subject = scoped(&mut store, Subject::Batch { batch: 4, queries });
		let shares = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		assert!(openledger_primitives::attribution::well_formed(&shares));
		let batch = Dataset::new(vec![1.5, 0.0, -1.2, 0.2, 0.6, -0.1], vec![1, 0, 1], 2).expect("queries");
		let settings = Settings { l2: 0.01, damping: DAMPING };
		let side = Engine::new(1).training_side(&model, &data, Method::Exact, settings).expect("side");
		let owners = [0u64, 0, 1, 2, 2, 3].map(|i| ContributionRef { datanet: 3, index: i as u32 }.to_u64());
		let direct = chain_shares(
			aggregate::aggregate(&side.mean_scores(&batch).expect("scores"), &owners, 32).expect("aggregates"),
		);
		assert_eq!(shares, direct);
		// the batch is not its first query alone
		assert_ne!(shares, single);

		// an input of huge norm, answered as the model answers it, is clipped to the lineage's
		// range: it weighs one query's part, like any other
		let mut crafted = pairs.clone();
		crafted.push(query([-1e6, 0.0], 0));
		let hash = put(&mut store, &codec::Encode::encode(&crafted));
		request.subject = scoped(&mut store, Subject::Batch { batch: 5, queries: hash });
		let with_crafted = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		let mut clipped =
			Dataset::new(vec![1.5, 0.0, -1.2, 0.2, 0.6, -0.1, -1e6, 0.0], vec![1, 0, 1, 0], 2).expect("queries");
		// the rows' first feature spans [-2, 2.2]: widened by a tenth, it starts at -2.42
		assert_eq!(verify::Range::of(&data).clip(&mut clipped), 1);
		assert!((clipped.row(3)[0] + 2.42).abs() < 1e-6, "{:?}", clipped.row(3));
		let expected =
			chain_shares(aggregate::aggregate(&side.mean_scores(&clipped).expect("s"), &owners, 32).expect("a"));
		assert_eq!(with_crafted, expected);

		// an empty or unreadable batch is no answer
		let empty = put(&mut store, &codec::Encode::encode(&Vec::<(Vec<u8>, Vec<u8>)>::new()));
		request.subject = scoped(&mut store, Subject::Batch { batch: 5, queries: empty });
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request), Err(ScoreError::InvalidQuery));
		let garbage = put(&mut store, &[7u8; 3]);
		request.subject = scoped(&mut store, Subject::Batch { batch: 6, queries: garbage });
		assert_eq!(NodeScorer::new(store, false).score(&request), Err(ScoreError::InvalidQuery));
	}

	#[test]
	fn a_perturbed_engine_answers_far_from_the_truth() {
		let (store, request, _, _) = setup();
		let honest = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		let wrong = NodeScorer::new(store, true).score(&request).expect("scores");
		assert_eq!(wrong.len(), 1);
		let overlap: u32 = honest.iter().filter(|s| s.contribution == wrong[0].contribution).map(|s| s.ppm).sum();
		assert!(overlap < PARTS_PER_MILLION / 4);
	}

	#[test]
	fn missing_and_malformed_inputs_are_errors() {
		let (store, mut request, _, _) = setup();
		let mut scorer = NodeScorer::new(store, false);
		let absent = H256::repeat_byte(9);
		request.contributions.push(training(3, 9, absent));
		assert_eq!(scorer.score(&request), Err(ScoreError::Missing(absent)));
		request.contributions.pop();
		request.architecture =
			Architecture::SoftmaxRegression { features: 3, classes: 2, l2: sp_runtime::Perbill::from_percent(1) };
		// weights of another shape than the architecture's
		assert_eq!(scorer.score(&request), Err(ScoreError::InvalidWeights));
		assert_eq!(ScoreError::InvalidWeights.unscorable(), Some(Unscorable::InvalidWeights));
		assert_eq!(ScoreError::NoEngine.unscorable(), None);
	}

	/// A job reads its query from its own inference's keys: bytes another inference stored do
	/// not stand in for it, so that forgetting one inference's query never removes another's.
	/// Bytes under their bare hash, as a runtime before spec 108 stored them, are read when they
	/// match it.
	#[test]
	fn a_query_is_read_under_its_own_subject() {
		let (mut store, mut request, _, _) = setup();
		let Subject::Inference { input, output, .. } = request.subject else { panic!("an inference") };
		assert!(NodeScorer::new(store.clone(), false).score(&request).is_ok());
		// only under inference 0's keys: inference 1 misses them
		let bare = |store: &InMemOffchainStorage, hash: H256| store.get(STORAGE_PREFIX, hash.as_bytes());
		let (input_bytes, output_bytes) = (bare(&store, input).expect("put"), bare(&store, output).expect("put"));
		store.remove(STORAGE_PREFIX, input.as_bytes());
		store.remove(STORAGE_PREFIX, output.as_bytes());
		assert!(NodeScorer::new(store.clone(), false).score(&request).is_ok());
		request.subject = Subject::Inference { inference: 1, input, output };
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request), Err(ScoreError::Missing(input)));
		// under its bare hash, as an older runtime kept it: read if it matches the hash
		store.set(STORAGE_PREFIX, input.as_bytes(), &input_bytes);
		store.set(STORAGE_PREFIX, output.as_bytes(), &input_bytes);
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request), Err(ScoreError::Missing(output)));
		store.set(STORAGE_PREFIX, output.as_bytes(), &output_bytes);
		assert!(NodeScorer::new(store, false).score(&request).is_ok());
	}

	#[test]
	fn text_outputs_credit_the_texts_they_quote() {
		let mut store = InMemOffchainStorage::default();
		let text =
			b"the quick brown fox jumps over the lazy dog, then naps under the old oak tree until the farmer calls";
		let a = put(&mut store, text);
		let b = put(&mut store, b"an entirely different sentence about ledgers");
		// A long quote credits; a quote shorter than the minimum span does not.
		let output = put(&mut store, &[&b"he said "[..], text, b" and left; an entirely different"].concat());
		let mut request = ScoreRequest {
			architecture: Architecture::TextSpans,
			weights: H256::zero(),
			contributions: vec![training(1, 0, a), training(1, 1, b)],
			subject: scoped(&mut store, Subject::Inference { inference: 0, input: H256::zero(), output }),
			top_k: 32,
		};
		let shares = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		assert_eq!(
			shares,
			vec![Share { contribution: ContributionRef { datanet: 1, index: 0 }, ppm: PARTS_PER_MILLION }]
		);
		// A quote of the minimum span alone is what chance gives: no shares (the chain then pays
		// the lineage as a whole).
		let output = put(&mut store, &[&b"he said "[..], &text[..MIN_SPAN], b" and left"].concat());
		request.subject = scoped(&mut store, Subject::Inference { inference: 1, input: H256::zero(), output });
		assert_eq!(NodeScorer::new(store, false).score(&request), Ok(vec![]));
	}

	/// Member `index` of `datanet`, stored under `payload`, arriving `index`-th, with a copy
	/// radius of 0.1: the set-up's rows are at least 0.5 apart, closer than the default radius.
	fn training(datanet: u32, index: u32, payload: H256) -> TrainingContribution {
		TrainingContribution {
			contribution: ContributionRef { datanet, index },
			payload,
			arrival: u64::from(index),
			copy_radius: 100,
		}
	}

	/// The attack: a model registered before the chain checked the engine's bounds (spec 108)
	/// asks every attestor for a lineage beyond them, to knock their workers over by memory.
	/// The scorer refuses it as the model's failure, reading no further than the contribution
	/// that crosses the bounds (the next one, not stored, is never asked for): every attestor
	/// stops at the same place and reports the same.
	#[test]
	fn a_lineage_beyond_the_engines_bounds_is_refused_before_it_is_held() {
		let l2 = sp_runtime::Perbill::from_percent(1);
		let missing = H256::repeat_byte(0xee);
		let subject = Subject::Inference { inference: 0, input: missing, output: missing };
		let request = |architecture, weights, contributions| ScoreRequest {
			architecture,
			weights,
			contributions,
			subject,
			top_k: 32,
		};
		let mut store = InMemOffchainStorage::default();
		// 2 features, 100 hidden units, 2 classes: 502 parameters and 206 values a row, so at
		// most 81,442 rows (a first job of them within the time bound); two contributions of
		// 45,000 rows each cross the bound together
		let mlp = Architecture::Mlp { features: 2, hidden: 100, classes: 2, l2 };
		assert_eq!(bounds::within(&mlp, 1, 81_442), Ok(()));
		let weights = put_model(&mut store, &Model::init(Arch::Mlp, 2, 100, 2, 1));
		let rows: Vec<u8> = (0..45_000).flat_map(|i| example(i % 2, &[i as f32, 1.0])).collect();
		let half = put(&mut store, &rows);
		let over = vec![training(1, 0, half), training(1, 1, half), training(1, 2, missing)];
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request(mlp, weights, over)), Err(ScoreError::Failed));
		// one of them alone is within the bounds: the scorer reads on, to the next contribution
		let within = vec![training(1, 0, half), training(1, 1, missing)];
		assert_eq!(
			NodeScorer::new(store.clone(), false).score(&request(mlp, weights, within)),
			Err(ScoreError::Missing(missing))
		);
		// more parameters than 4,096: refused before the weights are read
		let wide = Architecture::SoftmaxRegression { features: 2_048, classes: 2, l2 };
		let one = vec![training(1, 0, half)];
		assert_eq!(NodeScorer::new(store.clone(), false).score(&request(wide, missing, one)), Err(ScoreError::Failed));
		// more than 65,536 contributions: refused before any is read
		let many: Vec<_> = (0..65_537).map(|i| training(1, i, missing)).collect();
		let small = Architecture::SoftmaxRegression { features: 2, classes: 2, l2 };
		assert_eq!(
			NodeScorer::new(store.clone(), false).score(&request(small, weights, many)),
			Err(ScoreError::Failed)
		);
		// text: two texts of 17 MiB cross the 32 MiB bound together
		let text = put(&mut store, &vec![b'a'; 17 << 20]);
		let texts = vec![training(2, 0, text), training(2, 1, text), training(2, 2, missing)];
		let spans = request(Architecture::TextSpans, missing, texts);
		assert_eq!(NodeScorer::new(store, false).score(&spans), Err(ScoreError::Failed));
		assert_eq!(ScoreError::Failed.unscorable(), Some(Unscorable::EngineFailure));
		assert!(Unscorable::EngineFailure.models_fault());
	}

	#[test]
	fn copies_from_later_arrivals_earn_nothing_and_the_original_keeps_its_pay() {
		let (mut store, mut request, _, data) = setup();
		let honest = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		// Contribution 2's rows, moved by 0.01, in another datanet's contribution that came later;
		// the model declares it, so it was trained on it too.
		let copy = [example(1, &[1.81, 0.01]), example(1, &[2.21, 0.41])].concat();
		let mut copied = training(9, 0, put(&mut store, &copy));
		copied.arrival = 100;
		request.contributions.push(copied);
		let mut all = data.clone();
		let copy_rows = rows_of(&[copy]);
		all.features.extend(copy_rows.features);
		all.labels.extend(copy_rows.labels);
		request.weights = trained_on(&mut store, &all).0;
		let shares = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		assert_eq!(shares, honest, "the copy is left out and nothing else changes");
		// Had the copy arrived first, it would be the original.
		request.contributions.last_mut().expect("pushed").arrival = 0;
		for t in request.contributions.iter_mut().take(4) {
			t.arrival += 1;
		}
		let shares = NodeScorer::new(store, false).score(&request).expect("scores");
		let paid = |c: ContributionRef| shares.iter().find(|s| s.contribution == c).map_or(0, |s| s.ppm);
		assert_eq!(paid(ContributionRef { datanet: 3, index: 2 }), 0);
		// What contribution 2 earned, within what moving its rows by 0.01 changes.
		let before = honest.iter().find(|s| s.contribution.index == 2).map_or(0, |s| s.ppm);
		let now = paid(ContributionRef { datanet: 9, index: 0 });
		assert!(now.abs_diff(before) < before / 20, "{now} vs {before}");
	}

	#[test]
	fn a_quoted_span_pays_the_text_that_arrived_first() {
		let mut store = InMemOffchainStorage::default();
		let text = b"the quick brown fox jumps over the lazy dog by the river, then naps under the old oak tree";
		let (a, b) = (put(&mut store, text), put(&mut store, &[&text[..], b" again"].concat()));
		let output = put(&mut store, &[&b"he said "[..], text, b" and left"].concat());
		let mut request = ScoreRequest {
			architecture: Architecture::TextSpans,
			weights: H256::zero(),
			contributions: vec![training(1, 0, a), training(2, 0, b)],
			subject: scoped(&mut store, Subject::Inference { inference: 0, input: H256::zero(), output }),
			top_k: 32,
		};
		request.contributions[1].arrival = 5;
		let first = |request: &ScoreRequest| NodeScorer::new(store.clone(), false).score(request).expect("scores");
		let whole =
			|datanet| vec![Share { contribution: ContributionRef { datanet, index: 0 }, ppm: PARTS_PER_MILLION }];
		assert_eq!(first(&request), whole(1));
		// Arrival decides, not the place in the request.
		request.contributions.swap(0, 1);
		assert_eq!(first(&request), whole(1));
		(request.contributions[0].arrival, request.contributions[1].arrival) = (0, 5);
		assert_eq!(first(&request), whole(2));
	}

	#[test]
	fn a_text_corpus_is_indexed_once_and_later_jobs_answer_from_disk() {
		let mut store = InMemOffchainStorage::default();
		let texts: Vec<String> = (0..6)
			.map(|k| {
				format!(
					"contribution {k} says: {} and then it ends here",
					"a long and specific sentence ".repeat(k + 1)
				)
			})
			.collect();
		let payloads: Vec<H256> = texts.iter().map(|t| put(&mut store, t.as_bytes())).collect();
		let output = put(&mut store, format!("quoting {} done", texts[3]).as_bytes());
		let request = ScoreRequest {
			architecture: Architecture::TextSpans,
			weights: H256::zero(),
			contributions: payloads.iter().enumerate().map(|(k, p)| training(1, k as u32, *p)).collect(),
			subject: scoped(&mut store, Subject::Inference { inference: 0, input: H256::zero(), output }),
			top_k: 32,
		};
		let dir = std::env::temp_dir().join(format!("attestor-indexes-{}", std::process::id()));
		let keep = Duration::from_secs(3600);
		let scorer = |store: &InMemOffchainStorage| {
			NodeScorer::new(store.clone(), false).with_indexes(SpanIndexes::new(dir.clone(), keep, u64::MAX))
		};
		let in_memory = NodeScorer::new(store.clone(), false).score(&request).expect("scores");
		assert!(in_memory.iter().any(|s| s.contribution.index == 3));
		// The first job builds the index; the second reads none of the texts.
		assert_eq!(scorer(&store).score(&request), Ok(in_memory.clone()));
		let indexes: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
		assert_eq!(indexes.len(), 1);
		let mut without_texts = InMemOffchainStorage::default();
		put(&mut without_texts, format!("quoting {} done", texts[3]).as_bytes());
		scoped(&mut without_texts, request.subject);
		assert_eq!(scorer(&without_texts).score(&request), Ok(in_memory.clone()));
		// Another lineage (one text fewer) gets its own index; and an index unused for longer
		// than `keep` is removed when the next one is built.
		let old = std::fs::File::options().write(true).open(indexes[0].join(USED)).unwrap();
		old.set_modified(std::time::SystemTime::now() - 2 * keep).unwrap();
		let mut fewer = request.clone();
		fewer.contributions.pop();
		assert!(scorer(&store).score(&fewer).is_ok());
		let now: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
		assert_eq!(now.len(), 1);
		assert_ne!(now[0], indexes[0]);
		let one = size(&now[0]);
		// Without its texts and without its index, a job reports what it misses.
		std::fs::remove_dir_all(&dir).unwrap();
		assert_eq!(scorer(&without_texts).score(&request), Err(ScoreError::Missing(payloads[0])));
		// Over the disk budget, the least recently used index goes first; an index larger than
		// the whole budget is not kept at all.
		let tight = |store: &InMemOffchainStorage| {
			NodeScorer::new(store.clone(), false).with_indexes(SpanIndexes::new(dir.clone(), keep, one * 3 / 2))
		};
		assert!(tight(&store).score(&request).is_ok());
		assert!(tight(&store).score(&fewer).is_ok());
		let now: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
		assert_eq!(now.len(), 1, "the budget keeps the index just built: {now:?}");
		assert!(tight(&without_texts).score(&request).is_err(), "the older index was removed");
		std::fs::remove_dir_all(&dir).unwrap();
		let tiny = NodeScorer::new(store.clone(), false).with_indexes(SpanIndexes::new(dir.clone(), keep, one / 2));
		assert!(tiny.clone().score(&request).is_ok());
		// (Not even the indexes' directory is created.)
		assert!(!dir.exists(), "an index over the whole budget is not kept");
		std::fs::remove_dir_all(&dir).ok();
	}

	/// The runtime imports the engine's latest host function, not the one before: a node
	/// without it cannot run the runtime at all and stops at the upgrade, so no attestor scores
	/// with an engine older than the one the chain's bounds were sized for (spec 110's caps).
	#[test]
	fn the_runtime_needs_the_engine_this_node_provides() {
		let wasm = openledger_runtime::WASM_BINARY_BLOATY.expect("the node is built with its runtime");
		let imports = |name: &[u8]| wasm.windows(name.len()).any(|w| w == name);
		assert!(imports(b"ext_attribution_score_into_version_2"));
		assert!(!imports(b"ext_attribution_score_into_version_1"));
	}
}
