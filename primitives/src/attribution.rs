//! Proof of Attribution: what the attribution pallet, its callers, its listeners and the node's
//! engine share.
//!
//! - A pallet that records a paid inference opens a job through [`AttributionProvider`]; the
//!   job names the model and the [`Subject`] to explain.
//! - Attestors' off-chain workers answer with [`Share`]s: the contributions that influenced the
//!   answer most, in parts per million ([`PARTS_PER_MILLION`]), sorted by contribution, summing
//!   to at most one million. They commit to an answer with [`commitment`] before revealing it.
//! - When the job is final, [`OnAttributionFinal`] hands the result to whoever settles it.
//! - The worker computes its answer natively through the [`engine`] host function.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError, Weight,
};

use crate::{
	datanets::{ContributionIndex, DatanetId, VersionNumber},
	models::ModelId,
};

/// A job's id, counting from 0.
pub type JobId = u64;

/// A paid inference's id, as the pallet that records inferences numbers them.
pub type InferenceId = u64;

/// A batch of signed receipts' id, as the pallet that records inferences numbers them.
pub type BatchId = u64;

/// The whole of a share: shares are parts per million.
pub const PARTS_PER_MILLION: u32 = 1_000_000;

/// The shortest span of a generated text, in bytes, that credits the contribution quoted: the
/// figure every attestor scores text with, and the engine's command line's default (the node
/// checks the two agree when it is built).
pub const MIN_SPAN: u32 = 32;

/// One contribution, across datanets.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ContributionRef {
	/// The datanet it was made to.
	pub datanet: DatanetId,
	/// Its index there.
	pub index: ContributionIndex,
}

impl ContributionRef {
	/// The contribution as one number (datanet in the high 32 bits), which orders the same way.
	pub fn to_u64(self) -> u64 {
		(u64::from(self.datanet) << 32) | u64::from(self.index)
	}

	/// The inverse of [`ContributionRef::to_u64`].
	pub fn from_u64(value: u64) -> Self {
		let [d0, d1, d2, d3, i0, i1, i2, i3] = value.to_be_bytes();
		Self { datanet: u32::from_be_bytes([d0, d1, d2, d3]), index: u32::from_be_bytes([i0, i1, i2, i3]) }
	}
}

/// A contribution's part in an answer, in parts per million.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Share {
	/// The contribution.
	pub contribution: ContributionRef,
	/// Its part, out of [`PARTS_PER_MILLION`].
	pub ppm: u32,
}

/// Whether `shares` is a well-formed answer: contributions strictly ascending (so each at most
/// once), every part positive, the parts summing to at most [`PARTS_PER_MILLION`].
pub fn well_formed(shares: &[Share]) -> bool {
	let ascending = shares.windows(2).all(|pair| matches!(pair, [a, b] if a.contribution < b.contribution));
	let total = shares.iter().try_fold(0u32, |sum, s| if s.ppm == 0 { None } else { sum.checked_add(s.ppm) });
	ascending && total.is_some_and(|t| t <= PARTS_PER_MILLION)
}

/// Why an attestor's engine could not score a job: what it reports instead of shares.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Unscorable {
	/// Training data (a lineage member's payload) or a query's bytes are not in the node's
	/// off-chain store, or cannot be read as their datanet's kind.
	MissingData,
	/// The model's weights cannot be read as its architecture's tensors.
	InvalidWeights,
	/// The query's input or output does not fit the model.
	InvalidQuery,
	/// The engine failed on inputs it could read.
	EngineFailure,
	/// The model's weights are not what training on its declared lineage gives: they are not a
	/// stationary point of the declared objective over the lineage's rows (the engine's
	/// `verify::lineage`). The model owner's fault.
	FalseLineage,
	/// An output is not the model's answer to its input (for a deterministic architecture:
	/// not the class of its largest logit, ties accepted). The provider's fault; in a batch,
	/// one false output makes the whole batch's.
	FalseOutput,
}

impl Unscorable {
	/// Whether this reason blames the model (its weights or its lineage): proven, it suspends
	/// the model.
	pub fn models_fault(self) -> bool {
		matches!(self, Unscorable::InvalidWeights | Unscorable::EngineFailure | Unscorable::FalseLineage)
	}
}

/// An attestor's answer to a job: the shares its engine found, or why it could not score.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Answer {
	/// The contributions that influenced the answer (see [`well_formed`]).
	Shares(Vec<Share>),
	/// The engine could not score the job.
	Unscorable(Unscorable),
}

/// What an attestor commits to before revealing `answer`: BLAKE2b-256 of the SCALE encoding of
/// `(answer, salt, attestor)`. Binding the attestor stops one member from copying another's
/// commitment.
pub fn commitment<AccountId: Encode>(answer: &Answer, salt: &[u8; 32], attestor: &AccountId) -> H256 {
	<BlakeTwo256 as Hash>::hash_of(&(answer, salt, attestor))
}

/// What a job explains.
///
/// One paid inference, or a batch of a model's paid inferences submitted together. The engine's
/// scores are linear in the query, so a batch is scored as the sum of its queries' scores (one
/// gradient sum, one pass over the training side) and committed, revealed and settled like a
/// single inference.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Subject {
	/// One paid inference: the BLAKE2b-256 hashes of its input and output, whose bytes are in
	/// the off-chain index under those hashes.
	Inference {
		/// The inference.
		inference: InferenceId,
		/// The hash of its input.
		input: H256,
		/// The hash of its output.
		output: H256,
	},
	/// A batch of paid inferences of one model: `queries` is the BLAKE2b-256 hash of the SCALE
	/// encoding of their `(input, output)` pairs (`Vec<(Vec<u8>, Vec<u8>)>`, each in the same
	/// bytes as a single inference's), which are in the off-chain index under it.
	Batch {
		/// The batch.
		batch: BatchId,
		/// The hash of its queries.
		queries: H256,
	},
}

impl Subject {
	/// The hashes of the bytes this subject explains: a single inference's input and output, or
	/// a batch's queries.
	pub fn query_hashes(&self) -> Vec<H256> {
		match *self {
			Subject::Inference { input, output, .. } => alloc::vec![input, output],
			Subject::Batch { queries, .. } => alloc::vec![queries],
		}
	}

	/// The keys of the off-chain index under which the bytes this subject explains are kept (see
	/// [`query_key`]), in the order of [`Subject::query_hashes`].
	pub fn query_keys(&self) -> Vec<Vec<u8>> {
		self.query_hashes().iter().map(|hash| query_key(self, hash)).collect()
	}
}

/// The off-chain index key of the bytes hashing to `hash` that `subject` explains: scoped by the
/// inference or batch, not by the content alone, so that forgetting one subject's bytes never
/// removes another's identical ones (a payer could otherwise have its own job's query cleared
/// by repeating an expiring one's, and be refunded as unscorable).
pub fn query_key(subject: &Subject, hash: &H256) -> Vec<u8> {
	let scope = match subject {
		Subject::Inference { inference, .. } => (b'i', *inference),
		Subject::Batch { batch, .. } => (b'b', *batch),
	};
	(QUERY_KEY_PREFIX, scope, hash).encode()
}

/// What every [`query_key`] starts with (before its SCALE length prefix).
const QUERY_KEY_PREFIX: &[u8] = b"openledger/query/";

/// A request to attribute one answer of one model.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct JobRequest {
	/// The model that answered.
	pub model: ModelId,
	/// What it answered.
	pub subject: Subject,
}

/// What a job asks of its committee's engines besides its model's first job: the queries they
/// score (an inference one, a batch one a receipt) and the bytes of their outputs (what a text
/// model's spans are matched over). Counted by the attribution pallet against what attestors
/// answer in time (`models::bounds::job_work`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct JobLoad {
	/// The queries scored.
	pub queries: u32,
	/// Their outputs' bytes, summed.
	pub output_bytes: u64,
}

impl JobLoad {
	/// One query whose output is `output`.
	pub fn one(output: &[u8]) -> Self {
		JobLoad { queries: 1, output_bytes: output.len() as u64 }
	}
}

/// One lineage version's part of a data share that no consensus attributed: its members share
/// it pro rata to their rows.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct LineageShare {
	/// The datanet.
	pub datanet: DatanetId,
	/// Its version (the latest of the datanet's versions the lineage names).
	pub version: VersionNumber,
	/// Parts per million of the data share.
	pub ppm: u32,
}

/// Where the data share of a final job goes.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub enum DataShares {
	/// Consensus reached: these contributions, these parts (summing to exactly
	/// [`PARTS_PER_MILLION`]).
	Contributions(Vec<Share>),
	/// No consensus (no quorum, or no contribution influenced the answer): the members of the
	/// model's lineage versions, pro rata to their rows — each datanet once, at the latest of its
	/// versions the lineage names. The parts go to the versions pro rata to their rows and sum
	/// to exactly [`PARTS_PER_MILLION`] (empty if the lineage holds no rows).
	Lineage(Vec<LineageShare>),
	/// More than half of the committee's seats proved an output false (not the model's answer
	/// to its input): nothing is attributed by it, and the data share goes to the treasury —
	/// not back to the payer (lying about an output would buy the answer at a discount), nor to
	/// the lineage (its owner, also the provider or the model owner, would profit from answers
	/// it never computed). The attestor share goes to the seats that proved it (`agreed`). A
	/// provider who vouched for the output (it submitted the batch) answers for it.
	FalseOutput,
	/// A majority of the committee found the job unscorable: nothing is attributed, and the
	/// payer's escrowed parts go back to the payer.
	Unscorable {
		/// The reason most of them gave (ties to the first in declaration order).
		reason: Unscorable,
		/// Whether more than half of the committee's seats gave it: what a reason that blames
		/// someone (the model, the provider) needs before anyone is penalised for it.
		proven: bool,
	},
}

/// A final job: where the data share goes and which attestors earned the attestor share.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct FinalAttribution<AccountId> {
	/// The job.
	pub job: JobId,
	/// What it explained.
	pub request: JobRequest,
	/// Where the data share goes.
	pub data: DataShares,
	/// The attestors whose answers were within tolerance of consensus.
	pub agreed: Vec<AccountId>,
}

/// Opens attribution jobs: implemented by the attribution pallet, called by whoever records a
/// paid inference.
pub trait AttributionProvider<AccountId, Balance> {
	/// What opening a job of `model` whose queries are `load` costs now: the job fee, which pays
	/// the committee's work, once for each share of a block's work the job asks of the
	/// attestors, and rises while jobs wait for their committees.
	fn job_fee(model: ModelId, load: JobLoad) -> Balance;

	/// Opens a job for `request`, whose queries are `load`, holding
	/// [`AttributionProvider::job_fee`] (as it is in this block) from `payer` until the job is
	/// final, and returns its id.
	/// Fails if the model is unknown, this block's job slots are taken, the attestors have as
	/// much work before them as they answer in time, the job alone is more than that, or `payer`
	/// cannot pay the fee.
	fn open_job(request: JobRequest, load: JobLoad, payer: &AccountId) -> Result<JobId, DispatchError>;

	/// What one [`AttributionProvider::open_job`] may weigh.
	fn open_job_weight() -> Weight;
}

/// Hears final attributions: implemented by whoever settles them.
pub trait OnAttributionFinal<AccountId> {
	/// `attribution` is final.
	fn on_attribution_final(attribution: &FinalAttribution<AccountId>);

	/// The most one call of [`OnAttributionFinal::on_attribution_final`] may weigh.
	fn weight() -> Weight;

	/// Job `job`, which explained `subject`, became final more than the retention period ago
	/// and its result is forgotten: the records of `subject` it settled may be forgotten too.
	fn on_attribution_expired(job: JobId, subject: &Subject);

	/// The most one call of [`OnAttributionFinal::on_attribution_expired`] may weigh.
	fn expired_weight() -> Weight;
}

impl<AccountId> OnAttributionFinal<AccountId> for () {
	fn on_attribution_final(_attribution: &FinalAttribution<AccountId>) {}

	fn weight() -> Weight {
		Weight::zero()
	}

	fn on_attribution_expired(_job: JobId, _subject: &Subject) {}

	fn expired_weight() -> Weight {
		Weight::zero()
	}
}

/// The question an attestor's worker puts to the native engine.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ScoreRequest {
	/// The model's architecture.
	pub architecture: crate::models::Architecture,
	/// The hash of the model's weights (safetensors), whose bytes are in the off-chain store
	/// under it.
	pub weights: H256,
	/// The training contributions — the members of the model's lineage versions, in order of
	/// arrival — with the hashes their payloads are stored under.
	pub contributions: Vec<TrainingContribution>,
	/// What to explain.
	pub subject: Subject,
	/// How many contributions to report at most.
	pub top_k: u32,
}

/// A contribution a model was trained on, as the engine needs it.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub struct TrainingContribution {
	/// The contribution.
	pub contribution: ContributionRef,
	/// The hash its payload is stored under in the off-chain store.
	pub payload: H256,
	/// Its place in the chain-wide order of arrival: data belongs to whoever brought it first.
	pub arrival: u64,
	/// Its datanet's copy radius, in thousandths of a feature unit: a tabular row within it of
	/// one of this contribution's rows, with the same label, arriving later, is a copy.
	pub copy_radius: u32,
}

/// Why the engine gave no answer.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub enum ScoreError {
	/// This node runs no attribution engine.
	NoEngine,
	/// The bytes stored under this hash are not in the node's off-chain store.
	Missing(H256),
	/// The model's weights cannot be read as its architecture's tensors.
	InvalidWeights,
	/// A training payload cannot be read as its datanet's kind.
	InvalidData,
	/// The query's input or output does not fit the model.
	InvalidQuery,
	/// The engine failed on inputs it could read.
	Failed,
	/// The weights are not what training on the lineage gives.
	FalseLineage,
	/// An output is not the model's answer to its input.
	FalseOutput,
}

impl ScoreError {
	/// What an attestor reports for this error; `None` where it has no engine to answer with.
	pub fn unscorable(self) -> Option<Unscorable> {
		match self {
			ScoreError::NoEngine => None,
			ScoreError::Missing(_) | ScoreError::InvalidData => Some(Unscorable::MissingData),
			ScoreError::InvalidWeights => Some(Unscorable::InvalidWeights),
			ScoreError::InvalidQuery => Some(Unscorable::InvalidQuery),
			ScoreError::Failed => Some(Unscorable::EngineFailure),
			ScoreError::FalseLineage => Some(Unscorable::FalseLineage),
			ScoreError::FalseOutput => Some(Unscorable::FalseOutput),
		}
	}
}

/// The host function through which a worker scores a job with the node's native engine.
///
/// The engine lives in the node, in an off-chain worker extension ([`engine::AttributionExt`]).
/// Block import never calls this function, but the runtime imports it, so every node's executor
/// must list [`engine::attribution::HostFunctions`].
pub mod engine {
	use super::{ScoreError, ScoreRequest, Share};
	use alloc::vec::Vec;
	#[cfg(not(substrate_runtime))]
	use sp_externalities::ExternalitiesExt;
	use sp_runtime_interface::{
		pass_by::{PassFatPointerAndDecode, PassFatPointerAndWrite},
		runtime_interface,
	};

	/// What the node's engine does: answer a [`ScoreRequest`] with shares (see
	/// [`super::well_formed`]).
	#[cfg(not(substrate_runtime))]
	pub trait Scorer: Send {
		/// Scores `request`.
		fn score(&mut self, request: &ScoreRequest) -> Result<Vec<Share>, ScoreError>;
	}

	#[cfg(not(substrate_runtime))]
	sp_externalities::decl_extension! {
		/// The off-chain worker extension that carries the node's attribution engine.
		pub struct AttributionExt(alloc::boxed::Box<dyn Scorer>);
	}

	#[cfg(not(substrate_runtime))]
	impl AttributionExt {
		/// Wraps `scorer`.
		pub fn new(scorer: impl Scorer + 'static) -> Self {
			Self(alloc::boxed::Box::new(scorer))
		}
	}

	/// Attribution by the node's native engine: the host side.
	///
	/// The version is the node's promise about its engine: a runtime imports the latest
	/// version, and a node without it cannot run that runtime at all (its executor refuses
	/// missing host functions), so it stops at the upgrade rather than scoring jobs the chain
	/// sized for another engine. Bump it with every change to the engine that the runtime
	/// depends on. Version 2: retraining capped as `bounds::cold_start` counts it (spec 110).
	#[runtime_interface]
	pub trait Attribution {
		/// Version 1, kept for the runtimes before spec 111; the same as version 2.
		fn score_into(
			&mut self,
			request: PassFatPointerAndDecode<ScoreRequest>,
			out: PassFatPointerAndWrite<&mut [u8]>,
		) -> u32 {
			score_with(*self, &request, out)
		}

		/// Scores `request` with the engine of this node's off-chain worker and writes the SCALE
		/// encoding of `Result<Vec<Share>, ScoreError>` to the start of `out`
		/// ([`ScoreError::NoEngine`] where there is no engine: outside the worker, or a node
		/// without the extension). Returns the encoding's length; if that exceeds `out`'s,
		/// nothing was written.
		#[version(2)]
		fn score_into(
			&mut self,
			request: PassFatPointerAndDecode<ScoreRequest>,
			out: PassFatPointerAndWrite<&mut [u8]>,
		) -> u32 {
			score_with(*self, &request, out)
		}
	}

	/// [`attribution::score_into`] on the host.
	#[cfg(not(substrate_runtime))]
	fn score_with(mut ext: &mut dyn sp_externalities::Externalities, request: &ScoreRequest, out: &mut [u8]) -> u32 {
		let result = match ext.extension::<AttributionExt>() {
			Some(ext) => ext.0.score(request),
			None => Err(ScoreError::NoEngine),
		};
		let encoded = codec::Encode::encode(&result);
		if let Some(target) = out.get_mut(..encoded.len()) {
			target.copy_from_slice(&encoded);
		}
		u32::try_from(encoded.len()).unwrap_or(u32::MAX)
	}

	/// Scores `request` with the node's engine, through [`attribution::score_into`]. An answer
	/// longer than `request.top_k` shares, or one that does not decode, is refused as
	/// [`ScoreError::Failed`].
	pub fn score(request: ScoreRequest) -> Result<Vec<Share>, ScoreError> {
		use codec::{Decode, MaxEncodedLen};
		// The result's tag, the vector's length prefix, and the shares.
		let capacity = (request.top_k as usize).saturating_mul(Share::max_encoded_len()).saturating_add(16);
		let mut out = alloc::vec![0u8; capacity];
		let len = attribution::score_into(request, &mut out[..]) as usize;
		out.get(..len)
			.and_then(|mut bytes| Result::<Vec<Share>, ScoreError>::decode(&mut bytes).ok())
			.unwrap_or(Err(ScoreError::Failed))
	}
}

/// The key type of attestors' keys (`attr`), which sign their commitments and reveals.
pub const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"attr");

/// Attestors' sr25519 application keys (key type [`KEY_TYPE`]).
pub mod crypto {
	use super::KEY_TYPE;
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

#[cfg(test)]
mod tests {
	use super::*;

	fn share(datanet: u32, index: u32, ppm: u32) -> Share {
		Share { contribution: ContributionRef { datanet, index }, ppm }
	}

	/// A node lists every version of the engine's host function: runtimes before spec 111
	/// import the first, later ones the second.
	#[test]
	fn the_node_provides_every_version_of_the_engine() {
		use sp_runtime_interface::sp_wasm_interface::HostFunctions as _;
		let names: Vec<&str> = engine::attribution::HostFunctions::host_functions().iter().map(|f| f.name()).collect();
		assert!(names.contains(&"ext_attribution_score_into_version_1"), "{names:?}");
		assert!(names.contains(&"ext_attribution_score_into_version_2"), "{names:?}");
	}

	#[test]
	fn contribution_numbers_round_trip_and_keep_order() {
		let a = ContributionRef { datanet: 1, index: u32::MAX };
		let b = ContributionRef { datanet: 2, index: 0 };
		assert_eq!(ContributionRef::from_u64(a.to_u64()), a);
		assert_eq!(ContributionRef::from_u64(b.to_u64()), b);
		assert!(a < b && a.to_u64() < b.to_u64());
	}

	#[test]
	fn well_formed_answers() {
		assert!(well_formed(&[]));
		assert!(well_formed(&[share(0, 1, 400_000), share(0, 2, 600_000)]));
		assert!(well_formed(&[share(0, 1, 1)]));
		// out of order, repeated, zero, too much
		assert!(!well_formed(&[share(0, 2, 1), share(0, 1, 1)]));
		assert!(!well_formed(&[share(0, 1, 1), share(0, 1, 1)]));
		assert!(!well_formed(&[share(0, 1, 0)]));
		assert!(!well_formed(&[share(0, 1, 600_000), share(0, 2, 400_001)]));
		assert!(!well_formed(&[share(0, 1, u32::MAX), share(0, 2, 2)]));
	}

	#[test]
	fn query_keys_are_scoped_by_subject() {
		let hash = H256::repeat_byte(7);
		let inference = |inference| Subject::Inference { inference, input: hash, output: hash };
		let batch = |batch| Subject::Batch { batch, queries: hash };
		// the same bytes, in another inference or a batch of the same number, under another key
		assert_ne!(query_key(&inference(1), &hash), query_key(&inference(2), &hash));
		assert_ne!(query_key(&inference(1), &hash), query_key(&batch(1), &hash));
		assert_ne!(query_key(&batch(1), &hash), query_key(&batch(1), &H256::repeat_byte(8)));
		assert_eq!(batch(3).query_keys(), vec![query_key(&batch(3), &hash)]);
		let single = Subject::Inference { inference: 4, input: H256::zero(), output: hash };
		assert_eq!(single.query_keys(), vec![query_key(&single, &H256::zero()), query_key(&single, &hash)]);
	}

	#[test]
	fn commitments_bind_answer_salt_and_attestor() {
		let shares = Answer::Shares(vec![share(0, 1, 1_000_000)]);
		let c = commitment(&shares, &[7; 32], &1u64);
		assert_eq!(c, commitment(&shares, &[7; 32], &1u64));
		assert_ne!(c, commitment(&shares, &[8; 32], &1u64));
		assert_ne!(c, commitment(&shares, &[7; 32], &2u64));
		assert_ne!(c, commitment(&Answer::Shares(vec![share(0, 1, 999_999)]), &[7; 32], &1u64));
		assert_ne!(c, commitment(&Answer::Unscorable(Unscorable::MissingData), &[7; 32], &1u64));
	}
}
