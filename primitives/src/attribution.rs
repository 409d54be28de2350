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
	datanets::{ContributionIndex, DatanetId},
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

/// What an attestor commits to before revealing `shares`: BLAKE2b-256 of the SCALE encoding of
/// `(shares, salt, attestor)`. Binding the attestor stops one member from copying another's
/// commitment.
pub fn commitment<AccountId: Encode>(shares: &[Share], salt: &[u8; 32], attestor: &AccountId) -> H256 {
	<BlakeTwo256 as Hash>::hash_of(&(shares, salt, attestor))
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

/// Where the data share of a final job goes.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub enum DataShares {
	/// Consensus reached: these contributions, these parts (summing to exactly
	/// [`PARTS_PER_MILLION`]).
	Contributions(Vec<Share>),
	/// No consensus (no quorum, or no contribution influenced the answer): the model's lineage
	/// datanets, pro rata to their accepted contributions (summing to exactly
	/// [`PARTS_PER_MILLION`], or empty if the lineage holds nothing).
	Datanets(Vec<(DatanetId, u32)>),
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
pub trait AttributionProvider {
	/// Opens a job for `request` and returns its id. Fails if the model is unknown or the job
	/// cannot be scheduled.
	fn open_job(request: JobRequest) -> Result<JobId, DispatchError>;

	/// What one [`AttributionProvider::open_job`] may weigh.
	fn open_job_weight() -> Weight;
}

/// Hears final attributions: implemented by whoever settles them.
pub trait OnAttributionFinal<AccountId> {
	/// `attribution` is final.
	fn on_attribution_final(attribution: &FinalAttribution<AccountId>);

	/// The most one call of [`OnAttributionFinal::on_attribution_final`] may weigh.
	fn weight() -> Weight;
}

impl<AccountId> OnAttributionFinal<AccountId> for () {
	fn on_attribution_final(_attribution: &FinalAttribution<AccountId>) {}

	fn weight() -> Weight {
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
	/// The training contributions — the members of the model's lineage versions, in lineage and
	/// index order — with the hashes their payloads are stored under.
	pub contributions: Vec<(ContributionRef, H256)>,
	/// What to explain.
	pub subject: Subject,
	/// How many contributions to report at most.
	pub top_k: u32,
}

/// Why the engine gave no answer.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub enum ScoreError {
	/// This node runs no attribution engine.
	NoEngine,
	/// The bytes stored under this hash are not in the node's off-chain store.
	Missing(H256),
	/// The model, the data or the subject cannot be read as the architecture requires.
	Invalid,
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
	#[runtime_interface]
	pub trait Attribution {
		/// Scores `request` with the engine of this node's off-chain worker and writes the SCALE
		/// encoding of `Result<Vec<Share>, ScoreError>` to the start of `out`
		/// ([`ScoreError::NoEngine`] where there is no engine: outside the worker, or a node
		/// without the extension). Returns the encoding's length; if that exceeds `out`'s,
		/// nothing was written.
		fn score_into(
			&mut self,
			request: PassFatPointerAndDecode<ScoreRequest>,
			out: PassFatPointerAndWrite<&mut [u8]>,
		) -> u32 {
			let result = match self.extension::<AttributionExt>() {
				Some(ext) => ext.0.score(&request),
				None => Err(ScoreError::NoEngine),
			};
			let encoded = codec::Encode::encode(&result);
			if let Some(target) = out.get_mut(..encoded.len()) {
				target.copy_from_slice(&encoded);
			}
			u32::try_from(encoded.len()).unwrap_or(u32::MAX)
		}
	}

	/// Scores `request` with the node's engine, through [`attribution::score_into`]. An answer
	/// longer than `request.top_k` shares is refused as [`ScoreError::Invalid`].
	pub fn score(request: ScoreRequest) -> Result<Vec<Share>, ScoreError> {
		use codec::{Decode, MaxEncodedLen};
		// The result's tag, the vector's length prefix, and the shares.
		let capacity = (request.top_k as usize).saturating_mul(Share::max_encoded_len()).saturating_add(16);
		let mut out = alloc::vec![0u8; capacity];
		let len = attribution::score_into(request, &mut out[..]) as usize;
		out.get(..len)
			.and_then(|mut bytes| Result::<Vec<Share>, ScoreError>::decode(&mut bytes).ok())
			.unwrap_or(Err(ScoreError::Invalid))
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
	fn commitments_bind_shares_salt_and_attestor() {
		let shares = [share(0, 1, 1_000_000)];
		let c = commitment(&shares, &[7; 32], &1u64);
		assert_eq!(c, commitment(&shares, &[7; 32], &1u64));
		assert_ne!(c, commitment(&shares, &[8; 32], &1u64));
		assert_ne!(c, commitment(&shares, &[7; 32], &2u64));
		assert_ne!(c, commitment(&[share(0, 1, 999_999)], &[7; 32], &1u64));
	}
}
