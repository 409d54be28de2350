//! Influence scores of training rows on queries, with the training side cached.

use std::{
	collections::VecDeque,
	sync::{Arc, Mutex},
};

use blake2::{digest::consts::U32, Blake2b, Digest};

use candle_core::{DType, Device, Tensor};

use crate::{
	copies::Radius,
	curvature::Curvature,
	data::{Dataset, Hash},
	kernels::{matvec, score_rows, Blocked, Symmetric},
	linalg::{conjugate_gradient, Budget, Cholesky},
	matrix::{Mat, MatRef},
	model::{Arch, Batch, Forward, Model},
	rng::Rng,
	train::{train_from, Options},
	Error, Result,
};

/// Above this many parameters `exact` stops assembling and factorising the Hessian (`P²`
/// memory, `P³/6` work) and solves each query by conjugate gradients instead.
pub const CHOLESKY_MAX_PARAMS: usize = 4096;

/// What one conjugate-gradient solve may spend (`exact` above [`CHOLESKY_MAX_PARAMS`]): ten
/// steps per parameter (rounding makes exact arithmetic's one per parameter too few), at least
/// a thousand and at most a hundred thousand, and a minute. A query it cannot solve within that
/// is an [`Error::NotConverged`], not a worker that never answers.
pub fn solve_budget(params: usize) -> Budget {
	Budget { iterations: params.saturating_mul(10).clamp(1_000, 100_000), time: std::time::Duration::from_secs(60) }
}

/// Rows per chunk when projecting gradients (TRAK): bounds memory.
const PROJECTION_CHUNK_ROWS: usize = 1024;

/// How scores are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
	/// `(1/n) g_qᵀ H⁻¹ gᵢ`: the influence function with the damped Gauss–Newton Hessian.
	Exact,
	/// `(1/n) g_qᵀ gᵢ`: gradient similarity.
	Tracin,
	/// `(1/n) φ_qᵀ K⁻¹ φᵢ` with `φ = Φᵀ g` a seeded Gaussian projection to `dim` dimensions and
	/// `K = (1/n) Σ φᵢφᵢᵀ + (l2 + damping) I`.
	Trak {
		/// The projected dimension.
		dim: usize,
		/// The seed of the projection.
		seed: u64,
	},
}

impl Method {
	/// Parses `exact`, `tracin` or `trak` (with the projection dimension `trak_dim`).
	pub fn parse(name: &str, trak_dim: usize) -> Result<Self> {
		match name {
			"exact" => Ok(Method::Exact),
			"tracin" => Ok(Method::Tracin),
			"trak" if trak_dim > 0 => Ok(Method::Trak { dim: trak_dim, seed: 0 }),
			"trak" => Err(Error::invalid("projection dimension", "it must be positive")),
			other => Err(Error::invalid("method", format!("`{other}` (use exact, tracin or trak)"))),
		}
	}
}

/// The objective's constants the scores depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
	/// The penalty `l2` the model was trained with.
	pub l2: f64,
	/// Added to the Hessian's diagonal before it is inverted. The one direction in which the
	/// curvature is singular by construction (all output biases shifted together) is handled
	/// exactly ([`crate::curvature::fix_output_shift`]); the damping guards against the rest
	/// (dead ReLU units, for instance) and should stay small beside `l2`.
	pub damping: f64,
}

impl Default for Settings {
	fn default() -> Self {
		Settings { l2: 1e-2, damping: 1e-6 }
	}
}

/// Up to this many parameters `exact` keeps the explicit inverse of the Hessian (computed from
/// its Cholesky factor at the cold start), so that a query's solve is one parallel
/// matrix–vector product instead of two sequential triangular solves.
pub const INVERSE_MAX_PARAMS: usize = 1024;

enum Solver {
	/// TracIn: no Hessian.
	Identity,
	/// The inverse of the damped Hessian, by its upper triangle.
	Inverse(Symmetric),
	/// The factorised damped Hessian.
	Cholesky(Cholesky),
	/// Hessian–vector products over the cached forward pass.
	ConjugateGradient(Box<Forward>),
	/// `Φᵀ` (`k × P`), the projected training gradients (`n × k`) and the factorised kernel.
	Trak { projection_t: Mat, features: Mat, kernel: Cholesky },
}

/// One layer's per-row gradient factors, in the score kernel's layout: row `i`'s gradient for
/// the layer is `deltas[i] ⊗ inputs[i]`.
struct LayerRows {
	inputs: Blocked,
	deltas: Blocked,
}

/// The training side of a method for one (model, data): what every query reuses.
pub struct TrainingSide {
	model: Model,
	settings: Settings,
	n: usize,
	rows: Vec<LayerRows>,
	solver: Solver,
}

impl TrainingSide {
	/// Computes the training side of `method` for `model` trained on `data`.
	pub fn new(model: &Model, data: &Dataset, method: Method, settings: Settings) -> Result<Self> {
		model.check_training_rows(data)?;
		if [settings.l2, settings.damping].iter().any(|x| x.is_nan() || *x < 0.0) {
			return Err(Error::invalid("l2 or damping", "they must be ≥ 0"));
		}
		let device = crate::device();
		let batch = Batch::new(data, model.classes(), &device)?;
		let signals = model.signals(&batch.input, &batch.onehot)?;
		let n = data.len();
		let p = model.num_params();
		let solver = match method {
			Method::Tracin => Solver::Identity,
			Method::Exact if p <= CHOLESKY_MAX_PARAMS => {
				let hessian = Curvature::new(model, &signals.forward, settings.l2)?.matrix()?;
				let factor = Cholesky::factor(hessian, settings.damping, "the Hessian")?;
				if p <= INVERSE_MAX_PARAMS {
					Solver::Inverse(Symmetric::from_upper(factor.inverse()?.as_ref()))
				} else {
					Solver::Cholesky(factor)
				}
			},
			Method::Exact => Solver::ConjugateGradient(Box::new(signals.forward.clone())),
			Method::Trak { dim, seed } => {
				let projection = projection(p, dim, seed, &device)?;
				let features = project_rows(model, &signals.forward.inputs, &signals.deltas, &projection)?;
				let gram = Mat::from_tensor(&(features.t()?.matmul(&features)? / n as f64)?)?;
				let kernel = Cholesky::factor(gram, settings.l2 + settings.damping, "the TRAK kernel")?;
				Solver::Trak {
					projection_t: Mat::from_tensor(&projection.t()?.contiguous()?)?,
					features: Mat::from_tensor(&features)?,
					kernel,
				}
			},
		};
		let rows = signals
			.deltas
			.iter()
			.zip(&signals.forward.inputs)
			.map(|(delta, input)| {
				let blocked = |t: &Tensor| -> Result<Blocked> { Ok(Blocked::new(Mat::from_tensor(t)?.as_ref())) };
				Ok(LayerRows { inputs: blocked(input)?, deltas: blocked(delta)? })
			})
			.collect::<Result<Vec<_>>>()?;
		Ok(TrainingSide { model: model.clone(), settings, n, rows, solver })
	}

	/// The number of training rows.
	pub fn rows(&self) -> usize {
		self.n
	}

	/// The memory it holds, in bytes: its rows' gradient factors and its solver (the model's
	/// weights and the struct itself are small beside them, and not counted).
	pub fn bytes(&self) -> usize {
		let rows: usize = self.rows.iter().map(|r| r.inputs.bytes() + r.deltas.bytes()).sum();
		let solver = match &self.solver {
			Solver::Identity => 0,
			Solver::Inverse(inverse) => inverse.bytes(),
			Solver::Cholesky(factor) => factor.bytes(),
			Solver::ConjugateGradient(forward) => forward.bytes(),
			Solver::Trak { projection_t, features, kernel } => projection_t.bytes() + features.bytes() + kernel.bytes(),
		};
		rows + solver
	}

	/// Scores of every training row for every query: `scores[q][i]`, the estimated change in
	/// query `q`'s loss if row `i` were removed and the model retrained (positive = helpful).
	pub fn scores(&self, queries: &Dataset) -> Result<Vec<Vec<f64>>> {
		self.check_queries(queries)?;
		let curvature = self.curvature()?;
		self.query_gradients(queries).map(|g| self.scores_for(&g?, curvature.as_ref())).collect()
	}

	/// What a batch of `queries` credits each training row: the mean over the queries of
	/// each query's positive row scores normalised to sum to one (a query that no row helped
	/// adds nothing). So one query moves at most `1/len` of the batch, however large its
	/// gradient — summing the queries' raw scores would let one crafted query outweigh a
	/// thousand honest ones. Negative scores are cut per row and per query, as
	/// [`crate::aggregate`] cuts them for one query.
	pub fn mean_scores(&self, queries: &Dataset) -> Result<Vec<f64>> {
		self.check_queries(queries)?;
		let curvature = self.curvature()?;
		let mut mean = vec![0.0; self.n];
		let count = queries.len().max(1) as f64;
		for g in self.query_gradients(queries) {
			let scores = self.scores_for(&g?, curvature.as_ref())?;
			let total: f64 = scores.iter().filter(|s| **s > 0.0).sum();
			if !total.is_finite() {
				return Err(Error::NotFinite { what: "a query's scores".into() });
			}
			if total > 0.0 {
				for (m, s) in mean.iter_mut().zip(&scores) {
					*m += s.max(0.0) / total / count;
				}
			}
		}
		Ok(mean)
	}

	/// Each training row's self-influence, `(1/n)·gᵢᵀ H⁻¹ gᵢ` (`(1/n)·‖gᵢ‖²` for `tracin`):
	/// how much the row's own loss depends on the row being there. Large for rows the rest of
	/// the data contradicts — mislabelled or crafted ones. `data` must be the side's rows. Not
	/// for `trak`.
	pub fn self_scores(&self, data: &Dataset) -> Result<Vec<f64>> {
		if data.len() != self.n {
			return Err(Error::shape(format!("{} rows for a training side of {}", data.len(), self.n)));
		}
		let curvature = self.curvature()?;
		let n = self.n as f64;
		(0..data.len())
			.map(|i| {
				let label = data.labels.get(i).copied().unwrap_or_default();
				let g = self.model.row_gradient(data.row(i), label)?;
				let v = self.solve(&g, curvature.as_ref())?;
				Ok(crate::linalg::dot(&v, &g) / n)
			})
			.collect()
	}

	/// Each query's loss gradient at the trained parameters.
	fn query_gradients<'a>(&'a self, queries: &'a Dataset) -> impl Iterator<Item = Result<Vec<f64>>> + 'a {
		(0..queries.len()).map(|q| {
			let label = queries.labels.get(q).copied().unwrap_or_default();
			self.model.row_gradient(queries.row(q), label)
		})
	}

	fn check_queries(&self, queries: &Dataset) -> Result<()> {
		if queries.dim != self.model.features() {
			return Err(Error::shape(format!(
				"queries have {} features, the model expects {}",
				queries.dim,
				self.model.features()
			)));
		}
		Ok(())
	}

	fn curvature(&self) -> Result<Option<Curvature<'_>>> {
		Ok(match &self.solver {
			Solver::ConjugateGradient(forward) => Some(Curvature::new(&self.model, forward, self.settings.l2)?),
			_ => None,
		})
	}

	/// The scores of every training row for a query whose loss gradient is `g`.
	fn scores_for(&self, g: &[f64], curvature: Option<&Curvature>) -> Result<Vec<f64>> {
		let mut scores = match &self.solver {
			Solver::Trak { projection_t, features, kernel } => {
				let w = kernel.solve(&matvec(projection_t.as_ref(), g));
				matvec(features.as_ref(), &w)
			},
			_ => self.dot_rows(&self.solve(g, curvature)?),
		};
		let n = self.n as f64;
		scores.iter_mut().for_each(|s| *s /= n);
		Ok(scores)
	}

	/// `H⁻¹ g` with the side's solver (`g` itself for `tracin`); `trak` solves in its
	/// projection only.
	fn solve(&self, g: &[f64], curvature: Option<&Curvature>) -> Result<Vec<f64>> {
		Ok(match (&self.solver, curvature) {
			(Solver::Inverse(inverse), _) => inverse.mul(g),
			(Solver::Cholesky(factor), _) => factor.solve(g),
			(Solver::Trak { .. }, _) => {
				return Err(Error::invalid("method", "trak scores in its projection, not with H⁻¹ (use exact)"))
			},
			(_, Some(curvature)) => conjugate_gradient(
				|v| curvature.apply(v, self.settings.damping),
				g,
				1e-10,
				solve_budget(self.model.num_params()),
			)?,
			_ => g.to_vec(),
		})
	}

	/// `vᵀ gᵢ` for every training row `i`: per layer `δᵢᵀ V aᵢ`, without forming `gᵢ`.
	#[track_caller]
	fn dot_rows(&self, v: &[f64]) -> Vec<f64> {
		let params = self.model.num_params();
		assert_eq!(v.len(), params, "dot_rows: a vector of {} values for {params} parameters", v.len());
		let mut out = vec![0.0; self.n];
		let mut offset = 0;
		for (layer, rows) in self.model.layers.iter().zip(&self.rows) {
			let (units, width) = (layer.out, layer.width());
			let part = &v[offset..offset + layer.len()];
			// Vᵀ, width × units, so that the kernel's broadcasts for one input are adjacent.
			let mut vt = vec![0.0; width * units];
			for (a, row) in part.chunks_exact(width).enumerate() {
				for (f, &value) in row.iter().enumerate() {
					vt[f * units + a] = value;
				}
			}
			score_rows(&rows.inputs, &rows.deltas, MatRef::new(&vt, width, units), &mut out);
			offset += layer.len();
		}
		out
	}
}

/// The seeded Gaussian projection `Φ`, `params × dim`, scaled by `1/√dim`.
fn projection(params: usize, dim: usize, seed: u64, device: &Device) -> Result<Tensor> {
	let mut rng = Rng::new(seed);
	let scale = 1.0 / (dim as f64).sqrt();
	let values: Vec<f64> = (0..params * dim).map(|_| rng.normal() * scale).collect();
	Ok(Tensor::from_vec(values, (params, dim), device)?)
}

/// `Φᵀ gᵢ` for every training row, `n × dim`, without forming the gradients: for layer `ℓ`,
/// `Σₐ δᵢ[a] · (aᵢᵀ Φℓ[a])`.
fn project_rows(model: &Model, inputs: &[Tensor], deltas: &[Tensor], projection: &Tensor) -> Result<Tensor> {
	let n = inputs.first().map(|t| t.dim(0)).transpose()?.unwrap_or(0);
	let dim = projection.dim(1)?;
	let mut total = Tensor::zeros((n, dim), DType::F64, projection.device())?;
	let mut offset = 0;
	for ((layer, input), delta) in model.layers.iter().zip(inputs).zip(deltas) {
		// Φℓ as (inp + 1) × (out · dim): rows of Φ are ordered (unit, input).
		let phi = projection
			.narrow(0, offset, layer.len())?
			.reshape((layer.out, layer.width(), dim))?
			.transpose(0, 1)?
			.reshape((layer.width(), layer.out * dim))?;
		let mut chunks = Vec::new();
		let mut start = 0;
		while start < n {
			let len = PROJECTION_CHUNK_ROWS.min(n - start);
			let t = input.narrow(0, start, len)?.matmul(&phi)?.reshape((len, layer.out, dim))?;
			chunks.push(t.broadcast_mul(&delta.narrow(0, start, len)?.unsqueeze(2)?)?.sum(1)?);
			start += len;
		}
		total = (total + Tensor::cat(&chunks, 0)?)?;
		offset += layer.len();
	}
	Ok(total)
}

/// The cache key of a training side.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key {
	model: Hash,
	data: Hash,
	method: Method,
	settings: Settings,
	/// Whether the side's model is `model` retrained towards the optimum on `data` (see
	/// [`Engine::attribution_side`]).
	retrained: bool,
}

impl Key {
	fn new(model: &Model, data: &Dataset, method: Method, settings: Settings, retrained: bool) -> Self {
		Key { model: model.hash(), data: data.hash(), method, settings, retrained }
	}
}

/// L-BFGS steps at most when an MLP is retrained without copies: a warm start near the optimum
/// (its output layer is then taken further by Newton steps, see [`RETRAIN_NEWTON_STEPS`]).
pub const RETRAIN_MAX_STEPS: usize = 200;

/// Newton steps a large model is retrained with at most, without its copies (softmax regression;
/// the MLP's output layer after its L-BFGS steps), each a Hessian and its factorisation. The
/// start is the optimum with the copies, from which Newton's method converges quadratically;
/// the cap keeps a first job's time within what the chain charges for it
/// (`openledger_primitives::models::bounds::cold_start`), however many copies there are. Five
/// take the digits model with 50 copies of a contribution to where its owner earns what it did
/// before the copies (three left it 1.02×).
pub const RETRAIN_NEWTON_STEPS: usize = 5;

/// Passes over the rows (an objective and its gradient) the line searches of an MLP's L-BFGS
/// retraining make at most (a step takes one or two near the optimum), and again its output
/// layer's Newton steps; softmax regression's Newton steps make two a step on average.
pub const RETRAIN_PASSES: usize = 250;

/// Work (rows × parameters² + parameters³ a step, summed over the steps) within which retraining
/// may take more Newton steps than [`RETRAIN_NEWTON_STEPS`], up to the optimum: small models are
/// retrained exactly.
pub const RETRAIN_FREE_WORK: u64 = 1 << 26;

/// The Newton steps a model of `parameters` is retrained with on `rows` rows (see
/// [`RETRAIN_NEWTON_STEPS`], [`RETRAIN_FREE_WORK`]).
pub fn retrain_newton_steps(rows: usize, parameters: usize) -> usize {
	let (rows, p) = (rows as u128, parameters as u128);
	let step = rows.saturating_mul(p).saturating_mul(p).saturating_add(p.saturating_mul(p).saturating_mul(p)).max(1);
	let free = (u128::from(RETRAIN_FREE_WORK) / step) as usize;
	free.clamp(RETRAIN_NEWTON_STEPS, crate::train::NEWTON_MAX_STEPS)
}

/// Training rows as the chain knows them: whose they are and when they came.
#[derive(Clone, Copy, Debug)]
pub struct Rows<'a> {
	/// The rows.
	pub data: &'a Dataset,
	/// The contribution of each row.
	pub contribution: &'a [u64],
	/// Each row's arrival: its contribution's place in the order the chain accepted them
	/// (see [`crate::copies::originals`]).
	pub arrival: &'a [u64],
	/// The copy radius of each row's datanet.
	pub radius: &'a [Radius],
}

/// The cache key of an attribution side: the model, and the rows with whose they are and when
/// and how far from each other they came.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RowsKey {
	model: Hash,
	rows: Hash,
	method: Method,
	settings: Settings,
}

impl RowsKey {
	fn new(model: &Model, rows: Rows<'_>, method: Method, settings: Settings) -> Self {
		let mut hasher = Blake2b::<U32>::new();
		hasher.update(rows.data.hash());
		for i in 0..rows.data.len() {
			hasher.update(rows.contribution.get(i).copied().unwrap_or_default().to_le_bytes());
			hasher.update(rows.arrival.get(i).copied().unwrap_or_default().to_le_bytes());
			hasher.update(rows.radius.get(i).map_or(0, |r| r.0).to_le_bytes());
		}
		RowsKey { model: model.hash(), rows: hasher.finalize().into(), method, settings }
	}
}

/// The most recently used values, by key: at most `capacity` of them, and at most `budget` bytes
/// (as each value's `bytes` counts them). A value larger than the whole budget is returned to
/// whoever computed it and not kept.
struct Recent<K, V> {
	capacity: usize,
	budget: usize,
	bytes: fn(&V) -> usize,
	entries: Mutex<VecDeque<(K, Arc<V>, usize)>>,
}

impl<K: PartialEq, V> Recent<K, V> {
	fn new(capacity: usize, budget: usize, bytes: fn(&V) -> usize) -> Self {
		Recent { capacity: capacity.max(1), budget, bytes, entries: Mutex::new(VecDeque::new()) }
	}

	fn entries(&self) -> std::sync::MutexGuard<'_, VecDeque<(K, Arc<V>, usize)>> {
		self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// The value of `key`, now the most recently used.
	fn get(&self, key: &K) -> Option<Arc<V>> {
		let mut entries = self.entries();
		let position = entries.iter().position(|(k, _, _)| k == key)?;
		let entry = entries.remove(position)?;
		let value = entry.1.clone();
		entries.push_front(entry);
		Some(value)
	}

	/// Keeps `value` under `key`, dropping the least recently used beyond the capacity or the
	/// budget.
	fn insert(&self, key: K, value: V) -> Arc<V> {
		let bytes = (self.bytes)(&value);
		let value = Arc::new(value);
		if bytes > self.budget {
			return value;
		}
		let mut entries = self.entries();
		entries.retain(|(k, _, _)| k != &key);
		entries.push_front((key, value.clone(), bytes));
		entries.truncate(self.capacity);
		while held(&entries) > self.budget {
			entries.pop_back();
		}
		value
	}

	fn len(&self) -> usize {
		self.entries().len()
	}

	/// The bytes its values hold.
	fn bytes(&self) -> usize {
		held(&self.entries())
	}
}

/// The bytes `entries` hold.
fn held<K, V>(entries: &VecDeque<(K, Arc<V>, usize)>) -> usize {
	entries.iter().fold(0, |total, (_, _, bytes)| total.saturating_add(*bytes))
}

/// What attribution scores: the training side of the rows that copy no earlier row, and the
/// contribution of each of those rows; and what the rows say of the model and its queries —
/// whether it is trained on them, and the range queries are clipped to.
pub struct AttributionSide {
	/// The training side, whose rows are the originals in their order in the data.
	pub side: Arc<TrainingSide>,
	/// The contribution of each of its rows.
	pub contribution: Vec<u64>,
	/// How many rows were left out as copies.
	pub copies: usize,
	/// Whether the model is what training on all the rows (copies included) with the
	/// settings' penalty gives ([`crate::verify::lineage`]).
	pub lineage: crate::verify::Lineage,
	/// The range of all the rows' features, widened ([`crate::verify::Range`]).
	pub range: crate::verify::Range,
}

/// The engine: training sides cached per (model hash, data hash, method, settings), and
/// attribution sides per (model, rows and their arrivals and radii, method, settings), the most
/// recently used kept within a number and a memory budget. One side is computed at a time:
/// callers on several threads that each miss the cache wait for one another, so that a cold
/// start's memory is never held twice, and the second finds the first's side in the cache.
pub struct Engine {
	sides: Recent<Key, TrainingSide>,
	attributions: Recent<RowsKey, AttributionSide>,
	computing: Mutex<()>,
}

impl AttributionSide {
	/// The memory it holds, in bytes (its training side's, which the engine may cache too).
	pub fn bytes(&self) -> usize {
		self.side.bytes() + self.contribution.len() * size_of::<u64>()
	}
}

impl Engine {
	/// An engine that keeps up to `capacity` training sides (and as many attribution sides),
	/// with no bound on their memory.
	pub fn new(capacity: usize) -> Self {
		Self::with_memory(capacity, usize::MAX)
	}

	/// An engine that keeps up to `capacity` training sides (and as many attribution sides),
	/// holding at most `memory` bytes in them: half for each kind, a side counted in both where
	/// both hold it (so the bound holds whatever they share).
	pub fn with_memory(capacity: usize, memory: usize) -> Self {
		let half = memory / 2;
		Engine {
			sides: Recent::new(capacity, half, TrainingSide::bytes),
			attributions: Recent::new(capacity, half, AttributionSide::bytes),
			computing: Mutex::new(()),
		}
	}

	/// Held while a side is computed.
	fn computing(&self) -> std::sync::MutexGuard<'_, ()> {
		self.computing.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// The training side of `method` for `model` and `data`, from the cache or computed (and
	/// cached).
	pub fn training_side(
		&self,
		model: &Model,
		data: &Dataset,
		method: Method,
		settings: Settings,
	) -> Result<Arc<TrainingSide>> {
		let key = Key::new(model, data, method, settings, false);
		if let Some(side) = self.sides.get(&key) {
			return Ok(side);
		}
		let _computing = self.computing();
		self.cached_training_side(key, model, data)
	}

	/// The training side of `key` from the cache, or computed while [`Engine::computing`] is
	/// held.
	fn cached_training_side(&self, key: Key, model: &Model, data: &Dataset) -> Result<Arc<TrainingSide>> {
		if let Some(side) = self.sides.get(&key) {
			return Ok(side);
		}
		let side = TrainingSide::new(model, data, key.method, key.settings)?;
		Ok(self.sides.insert(key, side))
	}

	/// The training side attribution scores `model`'s answers with: copies are left out
	/// ([`crate::copies`]), and when there are any the model is first retrained from where it is
	/// towards the optimum of the rows left (Newton for softmax regression, which is convex: a
	/// small model to its optimum, a large one [`RETRAIN_NEWTON_STEPS`] steps; for the MLP at most
	/// [`RETRAIN_MAX_STEPS`] L-BFGS steps within [`RETRAIN_PASSES`], then its output layer by
	/// Newton). The original then earns what it would have earned had the copies never come (to
	/// within what the capped steps leave), and the other contributions keep theirs; with no
	/// copies the side is [`Engine::training_side`]'s. With it, the lineage check of `model`
	/// on all the rows and their range. Cached, so that a model's next job neither checks its
	/// lineage, nor looks for copies, nor retrains again.
	pub fn attribution_side(
		&self,
		model: &Model,
		rows: Rows<'_>,
		method: Method,
		settings: Settings,
	) -> Result<Arc<AttributionSide>> {
		let n = rows.data.len();
		if rows.contribution.len() != n {
			return Err(Error::shape(format!("{n} rows with {} contributions", rows.contribution.len())));
		}
		let key = RowsKey::new(model, rows, method, settings);
		if let Some(attribution) = self.attributions.get(&key) {
			return Ok(attribution);
		}
		let _computing = self.computing();
		if let Some(attribution) = self.attributions.get(&key) {
			return Ok(attribution);
		}
		let attribution = self.find_copies(model, rows, method, settings)?;
		Ok(self.attributions.insert(key, attribution))
	}

	/// [`Engine::attribution_side`], computed.
	fn find_copies(
		&self,
		model: &Model,
		rows: Rows<'_>,
		method: Method,
		settings: Settings,
	) -> Result<AttributionSide> {
		let n = rows.data.len();
		let lineage = crate::verify::lineage(model, rows.data, settings.l2)?;
		let range = crate::verify::Range::of(rows.data);
		let originals = crate::copies::originals(rows.data, rows.arrival, rows.radius)?;
		let kept: Vec<usize> = originals.iter().enumerate().filter(|(i, o)| i == *o).map(|(i, _)| i).collect();
		let contribution: Vec<u64> = kept.iter().filter_map(|&i| rows.contribution.get(i).copied()).collect();
		let copies = n - kept.len();
		// A model whose lineage is false is not scored: it is not retrained either, so that
		// weights made up for a lineage with copies cost no more than one Hessian.
		if copies == 0 || !lineage.consistent() {
			return Ok(AttributionSide {
				side: self.cached_training_side(
					Key::new(model, rows.data, method, settings, false),
					model,
					rows.data,
				)?,
				contribution,
				copies,
				lineage,
				range,
			});
		}
		let data = rows.data.select(&kept);
		let key = Key::new(model, &data, method, settings, true);
		if let Some(side) = self.sides.get(&key) {
			return Ok(AttributionSide { side, contribution, copies, lineage, range });
		}
		let newton_steps = retrain_newton_steps(data.len(), model.num_params());
		let options = Options {
			l2: settings.l2,
			max_steps: RETRAIN_MAX_STEPS,
			newton_steps,
			// L-BFGS's budget for the MLP (its output layer's Newton steps then have as much
			// again); for softmax regression two passes a Newton step
			max_passes: if model.arch == Arch::Mlp { RETRAIN_PASSES } else { newton_steps.saturating_mul(2) },
			best_effort: true,
			..Options::default()
		};
		let retrained = train_from(model.clone(), &data, &options)?.model;
		let side = self.sides.insert(key, TrainingSide::new(&retrained, &data, method, settings)?);
		Ok(AttributionSide { side, contribution, copies, lineage, range })
	}

	/// How many training sides are cached.
	pub fn cached(&self) -> usize {
		self.sides.len()
	}

	/// The bytes the cached sides hold (a side both caches hold counted twice).
	pub fn cached_bytes(&self) -> usize {
		self.sides.bytes().saturating_add(self.attributions.bytes())
	}

	/// Scores of every row of `data` for every query (see [`TrainingSide::scores`]).
	pub fn scores(
		&self,
		model: &Model,
		data: &Dataset,
		queries: &Dataset,
		method: Method,
		settings: Settings,
	) -> Result<Vec<Vec<f64>>> {
		self.training_side(model, data, method, settings)?.scores(queries)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		linalg::dot,
		train::{train, Options},
	};

	fn trained(arch: Arch) -> (Model, Dataset) {
		let data = Dataset::synthetic(80, 3, 3, 1.5, 0.1, 7);
		let options = Options { l2: 0.05, hidden: 5, tolerance: 1e-9, ..Default::default() };
		(train(arch, &data, None, &options).unwrap().model, data)
	}

	/// A batch credits each row the mean of its queries' normalised positive scores, for every
	/// method and solver; one query moves at most 1/len of it, however large its input.
	#[test]
	fn a_batch_is_the_mean_of_its_queries_normalised_scores() {
		let queries = Dataset::synthetic(7, 3, 3, 1.5, 0.1, 11);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let (model, data) = trained(arch);
			let settings = Settings { l2: 0.05, damping: 1e-6 };
			for method in [Method::Exact, Method::Tracin, Method::Trak { dim: 8, seed: 3 }] {
				let side = TrainingSide::new(&model, &data, method, settings).unwrap();
				let each = side.scores(&queries).unwrap();
				let mean = side.mean_scores(&queries).unwrap();
				assert_eq!(mean.len(), data.len());
				for (i, m) in mean.iter().enumerate() {
					let expected: f64 = each
						.iter()
						.map(|row| row[i].max(0.0) / row.iter().filter(|s| **s > 0.0).sum::<f64>())
						.sum::<f64>() / 7.0;
					assert!((m - expected).abs() <= 1e-12, "{arch:?} {method:?} row {i}: {m} vs {expected}");
				}
				assert!((mean.iter().sum::<f64>() - 1.0).abs() < 1e-9);
			}
			// One query of huge norm among many honest ones moves the batch by at most 1/len.
			let side = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap();
			let honest = Dataset::synthetic(99, 3, 3, 1.5, 0.1, 12);
			let mut crafted = honest.clone();
			crafted.features.extend([1e6, -1e6, 1e6]);
			crafted.labels.push(2);
			let before = side.mean_scores(&honest).unwrap();
			let after = side.mean_scores(&crafted).unwrap();
			let moved: f64 = before.iter().zip(&after).map(|(b, a)| (a - b).abs()).sum();
			assert!(moved <= 2.0 / 100.0 + 1e-9, "{arch:?}: the crafted query moved {moved}");
		}
	}

	/// Self-influence is `(1/n) gᵢᵀ H⁻¹ gᵢ`, and a mislabelled row's is among the largest.
	#[test]
	fn self_influence_matches_its_definition_and_finds_a_flipped_label() {
		let (model, mut data) = trained(Arch::Softmax);
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		data.labels[3] = (data.labels[3] + 1) % 3;
		let model =
			train_from(model, &data, &Options { l2: 0.05, tolerance: 1e-10, ..Default::default() }).unwrap().model;
		let side = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap();
		let scores = side.self_scores(&data).unwrap();
		let batch = Batch::new(&data, 3, &Device::Cpu).unwrap();
		let forward = model.forward(&batch.input).unwrap();
		let h = Curvature::new(&model, &forward, 0.05).unwrap().matrix().unwrap();
		let chol = Cholesky::factor(h, 1e-6, "test").unwrap();
		for (i, s) in scores.iter().enumerate() {
			let g = model.row_gradient(data.row(i), data.labels[i]).unwrap();
			let expected = dot(&chol.solve(&g), &g) / data.len() as f64;
			assert!((s - expected).abs() < 1e-9 * (1.0 + expected.abs()), "row {i}: {s} vs {expected}");
		}
		let above = scores.iter().filter(|s| **s > scores[3]).count();
		assert!(above < 4, "the flipped row ranks {}", above + 1);
		assert!(side.self_scores(&data.without(0)).is_err());
	}

	/// Scores equal the definition computed naively: per-example gradients and a dense solve.
	#[test]
	fn exact_and_tracin_match_their_definitions() {
		for arch in [Arch::Softmax, Arch::Mlp] {
			let (model, data) = trained(arch);
			let settings = Settings { l2: 0.05, damping: 1e-6 };
			let queries = Dataset::synthetic(3, 3, 3, 1.5, 0.1, 8);
			let grads: Vec<Vec<f64>> =
				(0..data.len()).map(|i| model.row_gradient(data.row(i), data.labels[i]).unwrap()).collect();
			let batch = Batch::new(&data, 3, &Device::Cpu).unwrap();
			let forward = model.forward(&batch.input).unwrap();
			let h = Curvature::new(&model, &forward, 0.05).unwrap().matrix().unwrap();
			let chol = Cholesky::factor(h, 1e-6, "test").unwrap();
			let exact = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap().scores(&queries).unwrap();
			let tracin = TrainingSide::new(&model, &data, Method::Tracin, settings).unwrap().scores(&queries).unwrap();
			let n = data.len() as f64;
			for (q, (exact_q, tracin_q)) in exact.iter().zip(&tracin).enumerate() {
				let gq = model.row_gradient(queries.row(q), queries.labels[q]).unwrap();
				let v = chol.solve(&gq);
				let reference: Vec<f64> = grads.iter().map(|g| dot(&v, g) / n).collect();
				// The MLP's Hessian is ill-conditioned (damping 1e-6 beside units that are nearly
				// dead), so rounding differs between the two solves by more than 1e-12 there.
				let tolerance = 1e-12 + 1e-10 * reference.iter().fold(0.0f64, |m, r| m.max(r.abs()));
				for (i, g) in grads.iter().enumerate() {
					assert!(
						(exact_q[i] - reference[i]).abs() < tolerance,
						"{arch:?} exact q{q} row {i}: {} vs {}",
						exact_q[i],
						reference[i]
					);
					assert!((tracin_q[i] - dot(&gq, g) / n).abs() < 1e-12, "{arch:?} tracin q{q} row {i}");
				}
			}
		}
	}

	/// The three ways `exact` solves (explicit inverse, Cholesky, conjugate gradients, chosen
	/// by the parameter count) give the same scores.
	#[test]
	fn the_solvers_of_exact_agree() {
		let (model, data) = trained(Arch::Mlp);
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		let queries = Dataset::synthetic(2, 3, 3, 1.5, 0.1, 9);
		let inverse = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap();
		assert!(matches!(inverse.solver, Solver::Inverse(_)));
		let batch = Batch::new(&data, model.classes(), &Device::Cpu).unwrap();
		let forward = model.forward(&batch.input).unwrap();
		let hessian = Curvature::new(&model, &forward, 0.05).unwrap().matrix().unwrap();
		let mut cholesky = TrainingSide::new(&model, &data, Method::Tracin, settings).unwrap();
		cholesky.solver = Solver::Cholesky(Cholesky::factor(hessian, 1e-6, "test").unwrap());
		let mut iterative = TrainingSide::new(&model, &data, Method::Tracin, settings).unwrap();
		iterative.solver = Solver::ConjugateGradient(Box::new(forward));
		let a = inverse.scores(&queries).unwrap();
		for other in [&cholesky, &iterative] {
			for (qa, qb) in a.iter().zip(&other.scores(&queries).unwrap()) {
				for (x, y) in qa.iter().zip(qb) {
					assert!((x - y).abs() < 1e-6 * (1.0 + x.abs()), "{x} vs {y}");
				}
			}
		}
	}

	/// TRAK's scores equal their definition computed naively: projected per-example gradients
	/// and a dense solve with the projected empirical Fisher.
	#[test]
	fn trak_matches_its_definition() {
		let (model, data) = trained(Arch::Softmax);
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		let queries = Dataset::synthetic(2, 3, 3, 1.5, 0.1, 10);
		let dim = 7;
		let side = TrainingSide::new(&model, &data, Method::Trak { dim, seed: 3 }, settings).unwrap();
		let scores = side.scores(&queries).unwrap();

		let p = model.num_params();
		let phi: Vec<f64> = projection(p, dim, 3, &Device::Cpu).unwrap().flatten_all().unwrap().to_vec1().unwrap();
		let project =
			|g: &[f64]| -> Vec<f64> { (0..dim).map(|k| (0..p).map(|j| phi[j * dim + k] * g[j]).sum()).collect() };
		let features: Vec<Vec<f64>> =
			(0..data.len()).map(|i| project(&model.row_gradient(data.row(i), data.labels[i]).unwrap())).collect();
		let n = data.len() as f64;
		let mut gram = vec![0.0; dim * dim];
		for f in &features {
			for a in 0..dim {
				for b in 0..dim {
					gram[a * dim + b] += f[a] * f[b] / n;
				}
			}
		}
		let kernel = Cholesky::factor(Mat::from_vec(gram, dim, dim), 0.05 + 1e-6, "test").unwrap();
		for (q, scores_q) in scores.iter().enumerate() {
			let w = kernel.solve(&project(&model.row_gradient(queries.row(q), queries.labels[q]).unwrap()));
			for (i, f) in features.iter().enumerate() {
				let expected = dot(&w, f) / n;
				assert!((scores_q[i] - expected).abs() < 1e-12, "q{q} row {i}: {} vs {expected}", scores_q[i]);
			}
		}
	}

	#[test]
	fn the_engine_caches_per_model_and_data() {
		let (model, data) = trained(Arch::Softmax);
		let engine = Engine::new(2);
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		let a = engine.training_side(&model, &data, Method::Exact, settings).unwrap();
		let b = engine.training_side(&model, &data, Method::Exact, settings).unwrap();
		assert!(Arc::ptr_eq(&a, &b));
		assert_eq!(engine.cached(), 1);
		engine.training_side(&model, &data.without(0), Method::Exact, settings).unwrap();
		engine.training_side(&model, &data, Method::Tracin, settings).unwrap();
		assert_eq!(engine.cached(), 2);
		let c = engine.training_side(&model, &data, Method::Exact, settings).unwrap();
		assert!(!Arc::ptr_eq(&a, &c), "evicted, so computed again");
	}

	/// The cache holds no more bytes than its budget: the least recently used side goes first,
	/// and a side larger than the whole budget is used and not kept.
	#[test]
	fn the_engine_keeps_its_sides_within_its_memory() {
		let (model, data) = trained(Arch::Softmax);
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		let one = TrainingSide::new(&model, &data, Method::Exact, settings).unwrap().bytes();
		assert!(one > 0);
		// room for one side of each kind, not two
		let engine = Engine::with_memory(8, 3 * one);
		let a = engine.training_side(&model, &data, Method::Exact, settings).unwrap();
		assert_eq!((engine.cached(), engine.cached_bytes()), (1, one));
		let other = data.without(0);
		engine.training_side(&model, &other, Method::Exact, settings).unwrap();
		assert_eq!(engine.cached(), 1);
		assert!(engine.cached_bytes() <= 3 * one);
		let again = engine.training_side(&model, &data, Method::Exact, settings).unwrap();
		assert!(!Arc::ptr_eq(&a, &again), "the older side was dropped for the newer");
		// a budget smaller than one side: computed, answered, not kept, and nothing else dropped
		let small = Engine::with_memory(8, one);
		let side = small.training_side(&model, &data, Method::Exact, settings).unwrap();
		assert_eq!(side.rows(), data.len());
		assert_eq!((small.cached(), small.cached_bytes()), (0, 0));
		// attribution sides are kept within their half too
		let owner: Vec<u64> = (0..data.len() as u64).collect();
		let radius = vec![Radius(0); data.len()];
		let rows = Rows { data: &data, contribution: &owner, arrival: &owner, radius: &radius };
		let paid = engine.attribution_side(&model, rows, Method::Exact, settings).unwrap();
		let paid_again = engine.attribution_side(&model, rows, Method::Exact, settings).unwrap();
		assert!(Arc::ptr_eq(&paid, &paid_again), "kept");
		assert!(engine.cached_bytes() <= 3 * one);
		let mut wider = data.clone();
		wider.features.iter_mut().for_each(|x| *x *= 1.01);
		let rows = Rows { data: &wider, ..rows };
		engine.attribution_side(&model, rows, Method::Exact, settings).unwrap();
		assert!(engine.cached_bytes() <= 3 * one);
		let rows = Rows { data: &data, ..rows };
		let third = engine.attribution_side(&model, rows, Method::Exact, settings).unwrap();
		assert!(!Arc::ptr_eq(&paid, &third), "the older attribution side was dropped for the newer");
	}

	/// Workers that miss the cache together compute the side once: the others wait for the
	/// first and take its side, rather than holding a second cold start's memory. (Each side
	/// computed would be a value of its own: the workers get one.)
	#[test]
	fn a_side_asked_for_at_once_is_computed_once() {
		let data = Dataset::synthetic(3_000, 6, 3, 1.5, 0.1, 7);
		let options = Options { l2: 0.05, tolerance: 1e-9, ..Default::default() };
		let model = train(Arch::Softmax, &data, None, &options).unwrap().model;
		let settings = Settings { l2: 0.05, damping: 1e-6 };
		let owner: Vec<u64> = (0..data.len() as u64).map(|i| i / 10).collect();
		let radius = vec![Radius(0); data.len()];
		let engine = Engine::new(4);
		let rows = Rows { data: &data, contribution: &owner, arrival: &owner, radius: &radius };
		let start = std::sync::Barrier::new(4);
		let sides: Vec<Arc<AttributionSide>> = std::thread::scope(|scope| {
			let workers: Vec<_> = (0..4)
				.map(|_| {
					scope.spawn(|| {
						start.wait();
						engine.attribution_side(&model, rows, Method::Exact, settings).unwrap()
					})
				})
				.collect();
			workers.into_iter().map(|w| w.join().unwrap()).collect()
		});
		assert!(sides.iter().all(|s| Arc::ptr_eq(s, &sides[0])));
		assert_eq!(engine.cached(), 1);
	}

	#[test]
	fn queries_of_the_wrong_width_are_refused() {
		let (model, data) = trained(Arch::Softmax);
		let side = TrainingSide::new(&model, &data, Method::Exact, Settings::default()).unwrap();
		let queries = Dataset::synthetic(1, 4, 3, 1.5, 0.1, 10);
		assert!(matches!(side.scores(&queries), Err(Error::ShapeMismatch { .. })));
	}

	#[test]
	#[should_panic(expected = "dot_rows: a vector of 11 values for 12 parameters")]
	fn scoring_against_a_vector_of_the_wrong_length_panics() {
		let (model, data) = trained(Arch::Softmax);
		let side = TrainingSide::new(&model, &data, Method::Tracin, Settings::default()).unwrap();
		side.dot_rows(&vec![0.0; model.num_params() - 1]);
	}

	/// Small models are retrained to their optimum; large ones with a few Newton steps, so that
	/// retraining costs at most a few Hessians (the chain's estimate of a first job counts them).
	#[test]
	fn large_models_are_retrained_with_few_newton_steps() {
		assert_eq!(retrain_newton_steps(90, 21), crate::train::NEWTON_MAX_STEPS);
		assert_eq!(retrain_newton_steps(10_000, 650), RETRAIN_NEWTON_STEPS);
		assert_eq!(retrain_newton_steps(32_768, 2_048), RETRAIN_NEWTON_STEPS);
		// between: what the free work pays for (992 × 32² + 32³ = 2^20 a step: 64 steps)
		assert_eq!(retrain_newton_steps(992, 32), 64);
	}

	/// Copies of contribution 0's rows, from later contributions, are left out: the original's
	/// scores are those it had before they came (softmax regression retrained without them: the
	/// same optimum; the MLP, non-convex, within its step budget: another point nearby), the
	/// copies earn nothing, and the retrained side is cached.
	#[test]
	fn copies_are_left_out_and_the_original_scores_as_before() {
		for arch in [Arch::Softmax, Arch::Mlp] {
			let honest = Dataset::synthetic(60, 6, 3, 1.5, 0.1, 5);
			let owner: Vec<u64> = (0..60).map(|i| i / 10).collect();
			let options = Options { l2: 0.05, hidden: 4, tolerance: 1e-10, ..Default::default() };
			let before = train(arch, &honest, None, &options).unwrap().model;
			// Three copies of contribution 0, each row moved by 0.002 per feature.
			let mut data = honest.clone();
			let mut all_owners = owner.clone();
			for copy in 0..3u64 {
				for i in 0..10 {
					data.features.extend(honest.row(i).iter().map(|x| x + 0.002 * (copy + 1) as f64));
					data.labels.push(honest.labels[i]);
					all_owners.push(6 + copy);
				}
			}
			let with_copies = train_from(before.clone(), &data, &options).unwrap().model;
			let settings = Settings { l2: 0.05, damping: 1e-6 };
			let radius = vec![Radius(20); data.len()];
			let engine = Engine::new(4);
			let rows = Rows { data: &data, contribution: &all_owners, arrival: &all_owners, radius: &radius };
			let paid = engine.attribution_side(&with_copies, rows, Method::Exact, settings).unwrap();
			assert_eq!((paid.copies, &paid.contribution), (30, &owner));
			let queries = Dataset::synthetic(4, 6, 3, 1.5, 0.1, 6);
			let expected =
				TrainingSide::new(&before, &honest, Method::Exact, settings).unwrap().scores(&queries).unwrap();
			let largest = expected.iter().flatten().fold(0.0f64, |m, x| m.max(x.abs()));
			for (got, want) in paid.side.scores(&queries).unwrap().iter().zip(&expected) {
				if arch == Arch::Softmax {
					for (g, w) in got.iter().zip(want) {
						assert!((g - w).abs() < 1e-6 * largest, "{g} vs {w}");
					}
				} else {
					assert!(crate::stats::spearman(got, want) > 0.5, "{got:?} vs {want:?}");
				}
			}
			let again = engine.attribution_side(&with_copies, rows, Method::Exact, settings).unwrap();
			assert!(Arc::ptr_eq(&paid, &again) && Arc::ptr_eq(&paid.side, &again.side));
			// With a radius under the copies' distance, nothing is left out and nothing retrained.
			let tight = vec![Radius(1); data.len()];
			let rows = Rows { radius: &tight, ..rows };
			let plain = engine.attribution_side(&with_copies, rows, Method::Exact, settings).unwrap();
			assert_eq!((plain.copies, plain.contribution.len()), (0, 90));
			assert!(Arc::ptr_eq(
				&plain.side,
				&engine.training_side(&with_copies, &data, Method::Exact, settings).unwrap()
			));
		}
	}
}
