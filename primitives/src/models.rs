//! Models: their architectures and status.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use sp_runtime::Perbill;

use crate::datanets::{DataKind, DatanetId, VersionNumber};

/// The id of a model: its registration order, from 0.
pub type ModelId = u32;

/// How a model computes its answers; the attribution engine must know it to score influence.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Architecture {
	/// Softmax regression, trained on `(1/n) Σ CE + (l2/2)·‖weights‖²`.
	SoftmaxRegression {
		/// Inputs per example.
		features: u32,
		/// Output classes.
		classes: u32,
		/// The L2 penalty of training (at most 1).
		l2: Perbill,
	},
	/// One hidden ReLU layer, trained on the same objective.
	Mlp {
		/// Inputs per example.
		features: u32,
		/// Hidden units.
		hidden: u32,
		/// Output classes.
		classes: u32,
		/// The L2 penalty of training (at most 1).
		l2: Perbill,
	},
	/// Text generation attributed by span matching against text datanets.
	TextSpans,
}

impl Architecture {
	/// Whether the model can be trained on data of `kind`.
	pub fn fits(&self, kind: &DataKind) -> bool {
		match (self, kind) {
			(
				Architecture::SoftmaxRegression { features, classes, .. } | Architecture::Mlp { features, classes, .. },
				DataKind::Tabular { features: f, classes: c },
			) => features == f && classes == c,
			(Architecture::TextSpans, DataKind::Text) => true,
			_ => false,
		}
	}
}

impl Architecture {
	/// Whether `input` and `output` are a query the engine can attribute for this architecture:
	/// for softmax regression and the MLP, exactly `features` finite `f32` LE values in and one
	/// `u32` LE class below `classes` out ([`crate::datanets::tabular`]); for text, a UTF-8
	/// output (the input is not used).
	pub fn check_query(&self, input: &[u8], output: &[u8]) -> Result<(), QueryError> {
		use crate::datanets::tabular;
		match *self {
			Architecture::SoftmaxRegression { features, classes, .. } | Architecture::Mlp { features, classes, .. } => {
				tabular::values(input, features).map_err(|_| QueryError::Input)?;
				tabular::label(output, classes).map_err(|_| QueryError::Output)?;
			},
			Architecture::TextSpans => {
				core::str::from_utf8(output).map_err(|_| QueryError::Output)?;
			},
		}
		Ok(())
	}

	/// The tensors a model of this architecture has: name and shape. Text span matching has
	/// none (the engine does not read its weights).
	pub fn tensors(&self) -> alloc::vec::Vec<(&'static str, alloc::vec::Vec<u64>)> {
		use alloc::vec;
		match *self {
			Architecture::SoftmaxRegression { features, classes, .. } => {
				vec![("weight", vec![u64::from(classes), u64::from(features)]), ("bias", vec![u64::from(classes)])]
			},
			Architecture::Mlp { features, hidden, classes, .. } => vec![
				("fc1.weight", vec![u64::from(hidden), u64::from(features)]),
				("fc1.bias", vec![u64::from(hidden)]),
				("fc2.weight", vec![u64::from(classes), u64::from(hidden)]),
				("fc2.bias", vec![u64::from(classes)]),
			],
			Architecture::TextSpans => vec![],
		}
	}
}

/// Why a query does not fit a model's architecture.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum QueryError {
	/// The input is not `features` finite `f32` LE values.
	Input,
	/// The output is not one `u32` LE class below `classes` (or, for text, not UTF-8).
	Output,
}

/// Why a model's inline weights are not what its architecture needs.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum WeightsError {
	/// Not a safetensors file: too short, a header that is not a JSON object of tensors
	/// (`dtype`, `shape`, `data_offsets`), or offsets that do not cover the data exactly.
	NotSafetensors,
	/// A tensor of the architecture is missing.
	MissingTensor,
	/// A tensor the architecture does not have.
	UnexpectedTensor,
	/// A tensor is not `F32` or `F64`.
	UnsupportedDtype,
	/// A tensor's shape is not the architecture's.
	WrongShape,
	/// A value is NaN or infinite.
	NonFinite,
}

/// What one attribution job may ask of an attestor's engine, checked when a model registers (its
/// architecture and lineage never change after): a model or lineage beyond these is refused with
/// a clear error, rather than found out by an out-of-memory kill of a validator or by a whole
/// committee missing its commit deadline. With them a tabular job holds at most a few hundred MiB
/// (softmax at 64 features × 10 classes: up to ≈ 103,000 rows, ≈ 280 MB; the engine's exact
/// Hessian path, never its conjugate-gradient one), a text job's corpus ≈ 5.5 × 32 MiB, and the
/// worker's score request (52 bytes a contribution) ≈ 3.4 MB of the Wasm heap; and a model's
/// first job, on an attestor whose engine has not seen the model, takes at most
/// [`MAX_COLD_START_MICROS`] of the reference machine ([`cold_start`]).
pub mod bounds {
	use super::Architecture;
	use crate::datanets::VersionSummary;

	/// The most parameters a tabular model has: its Hessian (8 × P² bytes) is inverted exactly.
	/// (The time bound refuses a softmax model above about 3,200 parameters however few its
	/// rows: its six factorisations alone; an MLP factorises all of them once.)
	pub const MAX_PARAMETERS: u64 = 4_096;
	/// The most contributions a lineage's versions hold together.
	pub const MAX_CONTRIBUTIONS: u64 = 65_536;
	/// The most rows × parameters of a tabular lineage: the engine's work per pass.
	pub const MAX_TABULAR_WORK: u64 = 1 << 26;
	/// The most rows × values per row (features, label, classes, and the hidden layer's twice)
	/// of a tabular lineage: what the engine holds of its rows.
	pub const MAX_TABULAR_CELLS: u64 = 1 << 24;
	/// The most bytes of a text lineage: its corpus, held in memory while it is indexed.
	pub const MAX_TEXT_BYTES: u64 = 32 << 20;
	/// The longest a model's first job may take an attestor's engine, in microseconds of the
	/// reference machine (two cores; `docs/PERFORMANCE.md`), as [`cold_start`] estimates it: half
	/// of the commit period's 24 seconds of work, so that a first job at the bound is answered in
	/// time behind as much work again (the attribution pallet admits no more than that).
	pub const MAX_COLD_START_MICROS: u64 = 12_000_000;

	/// Newton steps, each a Hessian and its factorisation, the engine retrains a model with at
	/// most when it leaves copies out of the lineage (the MLP: its output layer, after L-BFGS),
	/// beyond what [`RETRAIN_FREE_WORK`] allows; their line searches make at most two passes over
	/// the rows a step. `openledger_influence::engine` holds to these three constants (the
	/// node's tests check that they agree).
	pub const RETRAIN_NEWTON_STEPS: u64 = 5;
	/// Work (rows × parameters² + parameters³ a step, summed over the steps) within which the
	/// engine may retrain a small model with more Newton steps, to its optimum.
	pub const RETRAIN_FREE_WORK: u64 = 1 << 26;
	/// Passes over the rows (an objective and its gradient) the engine's L-BFGS retraining of an
	/// MLP makes at most, and its output layer's Newton steps again.
	pub const RETRAIN_PASSES: u64 = 250;
	/// Later rows each row is compared with, feature by feature, when the engine looks for
	/// copies (`openledger_influence::copies::CANDIDATES`).
	pub const COPY_CANDIDATES: u64 = 256;

	/// Picoseconds of the reference machine per row and squared layer input (features + 1, for
	/// the MLP hidden + 1 as well): forming the products of the Hessian's Gram matrix.
	const GATHER_PS: u128 = 250;
	/// Picoseconds per row and squared parameter: the Hessian's multiply-adds.
	const HESSIAN_PS: u128 = 8;
	/// Picoseconds per cubed parameter: factorising the Hessian.
	const FACTOR_PS: u128 = 60;
	/// Picoseconds per row and value the engine holds of it: reading, checking the lineage.
	const ROW_VALUE_PS: u128 = 100_000;
	/// Picoseconds per row, candidate and feature of the search for copies (data crafted so that
	/// no comparison stops early).
	const COPY_PS: u128 = 1_000;
	/// Picoseconds per row and parameter of one pass over the rows (an objective and its
	/// gradient, as a line search makes).
	const PASS_PS: u128 = 500;
	/// Picoseconds per unit of [`RETRAIN_FREE_WORK`], its steps' passes included.
	const FREE_WORK_PS: u128 = 300;
	/// Picoseconds per byte of a text lineage: reading it and building its suffix array.
	const TEXT_BYTE_PS: u128 = 150_000;
	/// Picoseconds per query, row and parameter of a job: a query's scores, one per row.
	const QUERY_PS: u128 = 100;
	/// Picoseconds per query and squared parameter: a query's `H⁻¹ g`.
	const SOLVE_PS: u128 = 1_000;
	/// Picoseconds per row and value the engine holds of it, read again by every job (to find
	/// the model's cached side).
	const REREAD_PS: u128 = 30_000;
	/// Picoseconds per byte of a text job's outputs: the spans matched against the index (4.2–5.4 ms
	/// measured for 2 KB over 100 MB).
	const OUTPUT_BYTE_PS: u128 = 5_000_000;
	/// Picoseconds per query of a text job, beside its bytes.
	const TEXT_QUERY_PS: u128 = 1_000_000_000;

	/// What is over the bounds.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum OverBound {
		/// The model has more than [`MAX_PARAMETERS`] parameters.
		Parameters,
		/// The lineage holds more than the engine is bounded to for one job.
		Lineage,
	}

	/// Whether `architecture`, trained on lineage versions `versions`, is within the bounds. A
	/// lineage is counted as the sum of its versions (two versions of a datanet share members:
	/// the sum is an upper bound).
	pub fn check(architecture: &Architecture, versions: &[VersionSummary]) -> Result<(), OverBound> {
		within(architecture, contributions(versions), rows(versions))
	}

	/// The contributions of lineage versions `versions`, summed.
	pub fn contributions(versions: &[VersionSummary]) -> u64 {
		versions.iter().map(|v| u64::from(v.contributions)).fold(0, u64::saturating_add)
	}

	/// The rows (a text lineage: bytes) of lineage versions `versions`, summed.
	pub fn rows(versions: &[VersionSummary]) -> u64 {
		versions.iter().map(|v| v.rows).fold(0, u64::saturating_add)
	}

	/// Whether `architecture`, trained on `contributions` contributions of `rows` rows (a text
	/// lineage: bytes), is within the bounds. The bounds only grow with the counts, so an
	/// attestor reading a lineage may check what it has read so far and stop at the first
	/// contribution over them.
	pub fn within(architecture: &Architecture, contributions: u64, rows: u64) -> Result<(), OverBound> {
		let parameters = architecture.parameters();
		if parameters > MAX_PARAMETERS {
			return Err(OverBound::Parameters);
		}
		let within = contributions <= MAX_CONTRIBUTIONS
			&& cold_start(architecture, rows) <= MAX_COLD_START_MICROS
			&& match architecture {
				Architecture::TextSpans => rows <= MAX_TEXT_BYTES,
				_ => {
					rows.saturating_mul(parameters) <= MAX_TABULAR_WORK
						&& rows.saturating_mul(architecture.row_width()) <= MAX_TABULAR_CELLS
				},
			};
		if within {
			Ok(())
		} else {
			Err(OverBound::Lineage)
		}
	}

	/// How long a first job of `architecture` on a lineage of `rows` rows (text: bytes) may
	/// take an attestor's engine that has not seen the model, in microseconds of the reference
	/// machine: an upper bound from measurements of the engine (`docs/PERFORMANCE.md`, "At the
	/// bounds of one job"), whatever copies the lineage holds. For a tabular model: looking for
	/// copies, building its training side (a Hessian and its factorisation), retraining it without copies
	/// ([`RETRAIN_NEWTON_STEPS`] more and their line searches, the MLP's on its output layer after
	/// [`RETRAIN_PASSES`] passes of L-BFGS), and reading the rows; for text, indexing the corpus.
	/// Grows with `rows`.
	pub fn cold_start(architecture: &Architecture, rows: u64) -> u64 {
		let n = u128::from(rows);
		// one Newton step on a layer stack: inputs² summed over its layers, and its parameters
		let step = |inputs_squared: u128, parameters: u128| {
			n.saturating_mul(
				GATHER_PS
					.saturating_mul(inputs_squared)
					.saturating_add(HESSIAN_PS.saturating_mul(parameters).saturating_mul(parameters)),
			)
			.saturating_add(FACTOR_PS.saturating_mul(parameters).saturating_mul(parameters).saturating_mul(parameters))
		};
		// `count` passes over the rows of a layer stack of `parameters`
		let passes =
			|count: u128, parameters: u128| count.saturating_mul(n).saturating_mul(parameters).saturating_mul(PASS_PS);
		// Newton's retraining steps of a layer stack of `parameters`
		let retrain = |inputs_squared: u128, parameters: u128| {
			step(inputs_squared, parameters).saturating_mul(u128::from(RETRAIN_NEWTON_STEPS))
		};
		let retrain_passes = u128::from(RETRAIN_PASSES);
		let squared = |x: u32| u128::from(x).saturating_add(1).saturating_mul(u128::from(x).saturating_add(1));
		let free = u128::from(RETRAIN_FREE_WORK).saturating_mul(FREE_WORK_PS);
		let reading = n.saturating_mul(u128::from(architecture.row_width())).saturating_mul(ROW_VALUE_PS);
		let copies = |features: u32| {
			n.saturating_mul(u128::from(COPY_CANDIDATES)).saturating_mul(u128::from(features)).saturating_mul(COPY_PS)
		};
		let all = u128::from(architecture.parameters());
		let picoseconds = match *architecture {
			Architecture::SoftmaxRegression { features, .. } => step(squared(features), all)
				.saturating_add(copies(features))
				.saturating_add(retrain(squared(features), all))
				.saturating_add(passes(u128::from(RETRAIN_NEWTON_STEPS).saturating_mul(2), all)),
			Architecture::Mlp { features, hidden, classes, .. } => {
				let output = u128::from(classes).saturating_mul(u128::from(hidden).saturating_add(1));
				step(squared(features).saturating_add(squared(hidden)), all)
					.saturating_add(copies(features))
					.saturating_add(passes(retrain_passes, all))
					.saturating_add(retrain(squared(hidden), output))
					.saturating_add(passes(retrain_passes, output))
			},
			Architecture::TextSpans => n.saturating_mul(TEXT_BYTE_PS),
		}
		.saturating_add(free)
		.saturating_add(reading);
		u64::try_from(picoseconds / 1_000_000).unwrap_or(u64::MAX)
	}

	/// What a job of `architecture` on a lineage of `rows` rows (text: bytes) asks of an
	/// attestor's engine besides its model's first job ([`cold_start`]), in microseconds of
	/// the reference machine: reading the rows again, and for each query a pass over them and a solve
	/// (for text, matching the outputs' bytes). An upper bound from the engine's per-query figures
	/// (`docs/PERFORMANCE.md`: 0.23–0.36 ms a query at 10,000 rows × 650 parameters).
	pub fn job_work(architecture: &Architecture, rows: u64, load: crate::attribution::JobLoad) -> u64 {
		let (n, queries) = (u128::from(rows), u128::from(load.queries));
		let picoseconds = match *architecture {
			Architecture::TextSpans => u128::from(load.output_bytes)
				.saturating_mul(OUTPUT_BYTE_PS)
				.saturating_add(queries.saturating_mul(TEXT_QUERY_PS)),
			_ => {
				let p = u128::from(architecture.parameters());
				let query = n
					.saturating_mul(p)
					.saturating_mul(QUERY_PS)
					.saturating_add(p.saturating_mul(p).saturating_mul(SOLVE_PS));
				queries
					.saturating_mul(query)
					.saturating_add(n.saturating_mul(u128::from(architecture.row_width())).saturating_mul(REREAD_PS))
			},
		};
		u64::try_from(picoseconds / 1_000_000).unwrap_or(u64::MAX)
	}
}

impl Architecture {
	/// The model's parameters: weights and biases (none for text span matching).
	pub fn parameters(&self) -> u64 {
		match *self {
			Architecture::SoftmaxRegression { features, classes, .. } => {
				u64::from(classes).saturating_mul(u64::from(features).saturating_add(1))
			},
			Architecture::Mlp { features, hidden, classes, .. } => u64::from(hidden)
				.saturating_mul(u64::from(features).saturating_add(1))
				.saturating_add(u64::from(classes).saturating_mul(u64::from(hidden).saturating_add(1))),
			Architecture::TextSpans => 0,
		}
	}

	/// The values the engine holds per training row: features, label and classes, and for the
	/// MLP its hidden layer twice and one more.
	fn row_width(&self) -> u64 {
		match *self {
			Architecture::SoftmaxRegression { features, classes, .. } => {
				u64::from(features).saturating_add(1).saturating_add(u64::from(classes))
			},
			Architecture::Mlp { features, hidden, classes, .. } => u64::from(features)
				.saturating_add(1)
				.saturating_add(u64::from(classes))
				.saturating_add(u64::from(hidden).saturating_mul(2))
				.saturating_add(1),
			Architecture::TextSpans => 0,
		}
	}
}

/// The safetensors format, as far as the chain checks it: a model's inline weights must be a
/// file the attestors' engine reads as the architecture's tensors.
///
/// A file is an 8-byte little-endian header length `n`, a UTF-8 JSON header of `n` bytes — an
/// object mapping each tensor's name to `{"dtype", "shape", "data_offsets": [begin, end]}`, and
/// optionally `"__metadata__"` to an object of strings — then the data: the tensors' bytes back
/// to back, their offsets starting at 0, contiguous, and ending at the end of the file. The
/// chain accepts exactly the architecture's tensors ([`Architecture::tensors`]), each `F32` or
/// `F64` little-endian with every value finite: a subset of what the engine reads.
pub mod safetensors {
	use super::{Architecture, WeightsError};
	use alloc::{string::String, vec::Vec};
	use serde_json::Value;

	/// The largest header the format allows (as the reference implementation).
	const MAX_HEADER: u64 = 100_000_000;

	/// One tensor's entry in the header.
	struct Entry<'a> {
		name: &'a str,
		dtype: &'a str,
		shape: Vec<u64>,
		begin: u64,
		end: u64,
	}

	/// A non-negative JSON integer.
	fn index(value: &Value) -> Option<u64> {
		value.as_u64()
	}

	/// `entry` of the header, read as a tensor.
	fn entry<'a>(name: &'a str, value: &'a Value) -> Result<Entry<'a>, WeightsError> {
		let object = value.as_object().ok_or(WeightsError::NotSafetensors)?;
		let dtype = object.get("dtype").and_then(Value::as_str).ok_or(WeightsError::NotSafetensors)?;
		let shape = object
			.get("shape")
			.and_then(Value::as_array)
			.ok_or(WeightsError::NotSafetensors)?
			.iter()
			.map(index)
			.collect::<Option<Vec<u64>>>()
			.ok_or(WeightsError::NotSafetensors)?;
		let offsets = object.get("data_offsets").and_then(Value::as_array).ok_or(WeightsError::NotSafetensors)?;
		let (begin, end) = match offsets.as_slice() {
			[begin, end] => (index(begin), index(end)),
			_ => (None, None),
		};
		let (begin, end) = begin.zip(end).ok_or(WeightsError::NotSafetensors)?;
		Ok(Entry { name, dtype, shape, begin, end })
	}

	/// Checks that `bytes` are a safetensors file of exactly the tensors of `architecture`, each
	/// `F32` or `F64` with finite values. Anything goes for [`Architecture::TextSpans`], whose
	/// weights the engine does not read.
	pub fn check(bytes: &[u8], architecture: &Architecture) -> Result<(), WeightsError> {
		let expected = architecture.tensors();
		if expected.is_empty() {
			return Ok(());
		}
		let (length, rest) = bytes.split_first_chunk::<8>().ok_or(WeightsError::NotSafetensors)?;
		let n = u64::from_le_bytes(*length);
		if n > MAX_HEADER {
			return Err(WeightsError::NotSafetensors);
		}
		let n = usize::try_from(n).map_err(|_| WeightsError::NotSafetensors)?;
		let (header, data) = (rest.get(..n), rest.get(n..));
		let (header, data) = header.zip(data).ok_or(WeightsError::NotSafetensors)?;
		let header: Value = serde_json::from_slice(header).map_err(|_| WeightsError::NotSafetensors)?;
		let header = header.as_object().ok_or(WeightsError::NotSafetensors)?;
		let mut entries: Vec<Entry> = Vec::new();
		for (name, value) in header.iter() {
			if name == "__metadata__" {
				let strings = value.as_object().is_some_and(|m| m.values().all(Value::is_string));
				if !strings {
					return Err(WeightsError::NotSafetensors);
				}
				continue;
			}
			entries.push(entry(name, value)?);
		}
		// The data: every tensor's bytes, in offset order, contiguous from 0 to the end.
		entries.sort_by_key(|e| (e.begin, e.end));
		let mut covered = 0u64;
		for e in &entries {
			let width: u64 = match e.dtype {
				"F32" => 4,
				"F64" => 8,
				_ => return Err(WeightsError::UnsupportedDtype),
			};
			let elements =
				e.shape.iter().try_fold(1u64, |n, d| n.checked_mul(*d)).ok_or(WeightsError::NotSafetensors)?;
			let size = elements.checked_mul(width).ok_or(WeightsError::NotSafetensors)?;
			if e.begin != covered || e.end.checked_sub(e.begin) != Some(size) {
				return Err(WeightsError::NotSafetensors);
			}
			covered = e.end;
		}
		if Some(covered) != u64::try_from(data.len()).ok() {
			return Err(WeightsError::NotSafetensors);
		}
		// The architecture's tensors, nothing else, each of its shape and finite.
		for e in &entries {
			let (_, shape) = expected.iter().find(|(name, _)| *name == e.name).ok_or(WeightsError::UnexpectedTensor)?;
			if &e.shape != shape {
				return Err(WeightsError::WrongShape);
			}
			let begin = usize::try_from(e.begin).map_err(|_| WeightsError::NotSafetensors)?;
			let end = usize::try_from(e.end).map_err(|_| WeightsError::NotSafetensors)?;
			let values = data.get(begin..end).ok_or(WeightsError::NotSafetensors)?;
			let finite = match e.dtype {
				"F32" => values
					.chunks_exact(4)
					.all(|c| <[u8; 4]>::try_from(c).is_ok_and(|b| f32::from_le_bytes(b).is_finite())),
				_ => values
					.chunks_exact(8)
					.all(|c| <[u8; 8]>::try_from(c).is_ok_and(|b| f64::from_le_bytes(b).is_finite())),
			};
			if !finite {
				return Err(WeightsError::NonFinite);
			}
		}
		if expected.iter().any(|(name, _)| !entries.iter().any(|e| e.name == *name)) {
			return Err(WeightsError::MissingTensor);
		}
		Ok(())
	}

	/// A safetensors file of `tensors` (name, shape, `f32` values), for tests and benchmarks,
	/// with `metadata` (if any) under `"__metadata__"`.
	pub fn encode_f32(tensors: &[(&str, &[u64], &[f32])], metadata: &[(String, String)]) -> Vec<u8> {
		let mut header = serde_json::Map::new();
		if !metadata.is_empty() {
			let entries = metadata.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
			header.insert(String::from("__metadata__"), Value::Object(entries));
		}
		let mut data = Vec::new();
		for (name, shape, values) in tensors {
			let begin = data.len() as u64;
			data.extend(values.iter().flat_map(|v| v.to_le_bytes()));
			let mut entry = serde_json::Map::new();
			entry.insert(String::from("dtype"), Value::String(String::from("F32")));
			entry.insert(String::from("shape"), Value::Array(shape.iter().map(|d| Value::from(*d)).collect()));
			entry.insert(
				String::from("data_offsets"),
				Value::Array(alloc::vec![Value::from(begin), Value::from(data.len() as u64)]),
			);
			header.insert(String::from(*name), Value::Object(entry));
		}
		let header = serde_json::to_vec(&Value::Object(header)).unwrap_or_default();
		let mut file = (header.len() as u64).to_le_bytes().to_vec();
		file.extend(header);
		file.extend(data);
		file
	}
}

/// Whether a model can be used.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ModelStatus {
	/// Serves inference.
	Active,
	/// Retired by its owner: no new inference.
	Deprecated,
	/// A committee of attestors found its weights unreadable, or not trained on its lineage:
	/// no new inference, until the arbiter clears it.
	Suspended,
	/// The arbiter upheld its suspension: its deposit was slashed; no new inference, ever.
	Revoked,
}

/// What the attribution pallet needs to know of a model.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ModelSummary {
	/// How the model computes.
	pub architecture: Architecture,
	/// The BLAKE2b-256 hash of its weights, under which inline weights are in the off-chain
	/// index.
	pub weights: sp_core::H256,
	/// The datanet versions it was trained on.
	pub lineage: alloc::vec::Vec<(DatanetId, VersionNumber)>,
	/// Whether it is active.
	pub status: ModelStatus,
}

/// The model registry, as the attribution and inference pallets ask about it.
pub trait ModelCatalog {
	/// The model `id`, if registered.
	fn model(id: ModelId) -> Option<ModelSummary>;

	/// Suspends model `id` from paid inference: a committee found that the engine cannot read
	/// its weights, or fails on them, or that they are not trained on its lineage. Nothing
	/// happens to a model that is not active.
	fn suspend(id: ModelId);
}

/// What a paid inference needs to know of a model.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ModelOffer<AccountId, Balance> {
	/// Who is paid the owner's share.
	pub owner: AccountId,
	/// Its price per inference.
	pub price: Balance,
	/// Whether it takes new inferences (deprecated models do not).
	pub status: ModelStatus,
	/// How it computes: the queries it can be paid for must fit it.
	pub architecture: Architecture,
}

/// The model registry's prices, as the inference pallet asks about them.
pub trait ModelMarket<AccountId, Balance> {
	/// The terms of model `id`, if registered.
	fn offer(id: ModelId) -> Option<ModelOffer<AccountId, Balance>>;
}

#[cfg(test)]
mod tests {
	use super::*;

	fn softmax_of(features: u32, classes: u32) -> Architecture {
		Architecture::SoftmaxRegression { features, classes, l2: Perbill::from_percent(1) }
	}

	fn mlp_of(features: u32, hidden: u32, classes: u32) -> Architecture {
		Architecture::Mlp { features, hidden, classes, l2: Perbill::from_percent(1) }
	}

	fn softmax() -> Architecture {
		Architecture::SoftmaxRegression { features: 3, classes: 2, l2: Perbill::from_percent(1) }
	}

	fn file(tensors: &[(&str, &[u64], &[f32])]) -> alloc::vec::Vec<u8> {
		safetensors::encode_f32(tensors, &[])
	}

	fn version(kind: DataKind, contributions: u32, rows: u64) -> crate::datanets::VersionSummary {
		crate::datanets::VersionSummary { kind, copy_radius: 0, contributions, references: 0, rows }
	}

	#[test]
	fn models_and_lineages_beyond_the_engines_bounds_are_refused() {
		use bounds::{check, OverBound};
		let digits = Architecture::SoftmaxRegression { features: 64, classes: 10, l2: Perbill::from_percent(1) };
		let tabular = DataKind::Tabular { features: 64, classes: 10 };
		assert_eq!(digits.parameters(), 650);
		// 103,000 rows: 66.95 M of work, 7.7 M cells
		assert_eq!(check(&digits, &[version(tabular, 1_000, 103_000)]), Ok(()));
		assert_eq!(check(&digits, &[version(tabular, 1_000, 104_000)]), Err(OverBound::Lineage));
		// two versions count together
		assert_eq!(check(&digits, &[version(tabular, 1_000, 60_000); 2]), Err(OverBound::Lineage));
		assert_eq!(
			check(&digits, &[version(tabular, 40_000, 10), version(tabular, 30_000, 10)]),
			Err(OverBound::Lineage)
		);
		let mlp = Architecture::Mlp { features: 64, hidden: 32, classes: 10, l2: Perbill::from_percent(1) };
		assert_eq!(mlp.parameters(), 32 * 65 + 10 * 33);
		// 27,000 rows are within rows × parameters, not in time
		assert_eq!(check(&mlp, &[version(tabular, 100, 26_000)]), Ok(()));
		assert_eq!(check(&mlp, &[version(tabular, 100, 27_000)]), Err(OverBound::Lineage));
		let wide = Architecture::SoftmaxRegression { features: 1023, classes: 8, l2: Perbill::from_percent(1) };
		assert_eq!(check(&wide, &[version(tabular, 1, 1)]), Err(OverBound::Parameters));
		// within the parameters, but a first job would take too long however few the rows: its
		// Hessian's factorisations alone (4,096 parameters)
		let large = Architecture::SoftmaxRegression { features: 63, classes: 64, l2: Perbill::from_percent(1) };
		assert_eq!(large.parameters(), bounds::MAX_PARAMETERS);
		assert_eq!(
			check(&large, &[version(DataKind::Tabular { features: 63, classes: 64 }, 1, 1)]),
			Err(OverBound::Lineage)
		);
		// 1,023 features and 2 classes: within rows × parameters and row values, not in time
		let binary = Architecture::SoftmaxRegression { features: 1023, classes: 2, l2: Perbill::from_percent(1) };
		let kind = DataKind::Tabular { features: 1023, classes: 2 };
		assert_eq!(check(&binary, &[version(kind, 100, 4_000)]), Ok(()));
		assert_eq!(check(&binary, &[version(kind, 100, 5_000)]), Err(OverBound::Lineage));
		assert_eq!(check(&Architecture::TextSpans, &[version(DataKind::Text, 10, 32 << 20)]), Ok(()));
		assert_eq!(
			check(&Architecture::TextSpans, &[version(DataKind::Text, 10, (32 << 20) + 1)]),
			Err(OverBound::Lineage)
		);
	}

	/// The chain's estimate of a first job is above what the engine took on the reference machine
	/// (`docs/PERFORMANCE.md`, "At the bounds of one job": lineages whose last tenth are copies,
	/// so that the model is retrained); so the time bound refuses every shape measured above it.
	#[test]
	fn a_first_jobs_estimate_is_above_its_measured_time() {
		use bounds::{cold_start, MAX_COLD_START_MICROS};
		// (model, rows, microseconds measured)
		let measured = [
			(softmax_of(64, 10), 10_000, 146_200),
			(softmax_of(63, 32), 32_768, 4_764_700),
			// before retraining was capped (it took about five steps)
			(softmax_of(63, 64), 4_096, 21_747_300),
			(softmax_of(63, 64), 16_384, 22_904_200),
			(softmax_of(1023, 2), 4_500, 7_348_500),
			(softmax_of(1023, 2), 16_351, 17_137_400),
			(mlp_of(64, 32, 10), 16_384, 4_643_000),
			// a wide hidden layer: its curvature's products
			(mlp_of(2, 800, 2), 3_000, 4_957_500),
		];
		for (model, rows, took) in measured {
			let estimate = cold_start(&model, rows);
			assert!(estimate >= took, "{model:?} on {rows} rows: estimated {estimate} µs, took {took} µs");
			// the estimate is an upper bound, not a wild one
			assert!(estimate <= 5 * took.max(250_000), "{model:?} on {rows} rows: estimated {estimate} µs");
		}
		// more rows never cost less
		let digits = softmax_of(64, 10);
		assert!((0..20u64).all(|k| cold_start(&digits, k * 5_000) <= cold_start(&digits, (k + 1) * 5_000)));
		// text: the corpus indexed
		assert!(cold_start(&Architecture::TextSpans, 32 << 20) <= MAX_COLD_START_MICROS);
	}

	/// A job's own work, as the chain counts it, is above what a job on a model whose side the
	/// engine holds took (`attestor-bench`'s next job: the rows read again and one query), and
	/// grows with its queries: a batch of a thousand at the bounds must be split.
	#[test]
	fn a_jobs_own_work_is_above_its_measured_time() {
		use crate::attribution::JobLoad;
		use bounds::{job_work, MAX_COLD_START_MICROS};
		let one = JobLoad::one(&[0; 4]);
		// (model, rows, microseconds measured for the next job)
		let measured = [
			(softmax_of(64, 10), 10_000, 13_100),
			(softmax_of(63, 32), 32_768, 31_400),
			(softmax_of(63, 64), 16_384, 29_700),
			(softmax_of(1023, 2), 4_500, 90_200),
			(softmax_of(2047, 2), 8_184, 232_200),
			(mlp_of(64, 32, 10), 16_384, 20_200),
			(mlp_of(2, 800, 2), 3_000, 15_000),
		];
		for (model, rows, took) in measured {
			let estimate = job_work(&model, rows, one);
			assert!(estimate >= took, "{model:?} on {rows} rows: estimated {estimate} µs, took {took} µs");
		}
		// a query: 0.23–0.36 ms measured at 10,000 rows × 650 parameters
		let digits = softmax_of(64, 10);
		let batch = job_work(&digits, 10_000, JobLoad { queries: 1_024, output_bytes: 4_096 });
		assert!(batch >= job_work(&digits, 10_000, one) + 1_023 * 360);
		// at the bounds, a batch of 1,024 fills what attestors answer in time: with its model's
		// first job it is more
		let top = softmax_of(63, 32);
		let full = job_work(&top, 32_768, JobLoad { queries: 1_024, output_bytes: 0 });
		assert!(full > MAX_COLD_START_MICROS / 2);
		assert!(full + bounds::cold_start(&top, 32_768) > MAX_COLD_START_MICROS);
		// text: the outputs' bytes
		let text = |bytes| job_work(&Architecture::TextSpans, 32 << 20, JobLoad { queries: 1, output_bytes: bytes });
		assert!(text(64 << 10) > text(2 << 10) && text(2 << 10) >= 5_400);
	}

	#[test]
	fn weights_must_be_the_architectures_tensors() {
		let w = [0.5f32; 6];
		let b = [0.0f32; 2];
		let good = file(&[("weight", &[2, 3], &w), ("bias", &[2], &b)]);
		assert_eq!(safetensors::check(&good, &softmax()), Ok(()));
		// metadata is allowed
		let note = [(alloc::string::String::from("note"), alloc::string::String::from("trained on v1"))];
		let noted = safetensors::encode_f32(&[("weight", &[2, 3], &w), ("bias", &[2], &b)], &note);
		assert_eq!(safetensors::check(&noted, &softmax()), Ok(()));
		// text models' weights are not read
		assert_eq!(safetensors::check(b"anything", &Architecture::TextSpans), Ok(()));
		let cases: [(alloc::vec::Vec<u8>, WeightsError); 8] = [
			(b"not safetensors".to_vec(), WeightsError::NotSafetensors),
			(good[..good.len() - 1].to_vec(), WeightsError::NotSafetensors),
			([good.clone(), alloc::vec![0]].concat(), WeightsError::NotSafetensors),
			(file(&[("weight", &[2, 3], &w)]), WeightsError::MissingTensor),
			(
				file(&[("weight", &[2, 3], &w), ("bias", &[2], &b), ("extra", &[1], &[1.0])]),
				WeightsError::UnexpectedTensor,
			),
			(file(&[("weight", &[3, 2], &w), ("bias", &[2], &b)]), WeightsError::WrongShape),
			(
				file(&[("weight", &[2, 3], &[0.0, 0.0, f32::NAN, 0.0, 0.0, 0.0]), ("bias", &[2], &b)]),
				WeightsError::NonFinite,
			),
			(
				{
					// the same file with its first tensor's dtype changed, at the same length
					let mut f = good.clone();
					if let Some(at) = f.windows(3).position(|w| w == b"F32") {
						f[at] = b'I';
					}
					f
				},
				WeightsError::UnsupportedDtype,
			),
		];
		for (bytes, error) in cases {
			assert_eq!(safetensors::check(&bytes, &softmax()), Err(error));
		}
		let mlp = Architecture::Mlp { features: 3, hidden: 4, classes: 2, l2: Perbill::zero() };
		assert_eq!(safetensors::check(&good, &mlp), Err(WeightsError::UnexpectedTensor));
	}

	#[test]
	fn queries_must_fit_the_architecture() {
		use crate::datanets::tabular::encode_values;
		let input = encode_values(&[1.0, 2.0, 3.0]);
		assert_eq!(softmax().check_query(&input, &1u32.to_le_bytes()), Ok(()));
		assert_eq!(softmax().check_query(&input, &2u32.to_le_bytes()), Err(QueryError::Output));
		assert_eq!(softmax().check_query(&input[..8], &1u32.to_le_bytes()), Err(QueryError::Input));
		assert_eq!(softmax().check_query(&encode_values(&[1.0, f32::INFINITY, 3.0]), &[0; 4]), Err(QueryError::Input));
		assert_eq!(Architecture::TextSpans.check_query(&[0xff], b"an answer"), Ok(()));
		assert_eq!(Architecture::TextSpans.check_query(b"", &[0xff]), Err(QueryError::Output));
	}

	#[test]
	fn architectures_fit_matching_data() {
		let tabular = DataKind::Tabular { features: 4, classes: 3 };
		let l2 = Perbill::from_percent(1);
		assert!(Architecture::SoftmaxRegression { features: 4, classes: 3, l2 }.fits(&tabular));
		assert!(Architecture::Mlp { features: 4, hidden: 8, classes: 3, l2 }.fits(&tabular));
		assert!(!Architecture::SoftmaxRegression { features: 5, classes: 3, l2 }.fits(&tabular));
		assert!(!Architecture::Mlp { features: 4, hidden: 8, classes: 2, l2 }.fits(&tabular));
		assert!(!Architecture::TextSpans.fits(&tabular));
		assert!(Architecture::TextSpans.fits(&DataKind::Text));
		assert!(!Architecture::SoftmaxRegression { features: 4, classes: 3, l2 }.fits(&DataKind::Text));
	}
}
