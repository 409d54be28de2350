//! Paid inference, batches of receipts, their final attributions, payouts and earnings.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::{
	attribution::{BatchId, InferenceId, JobId, LineageShare, Share, Unscorable},
	inference::PayoutKind,
	models::ModelId,
};

/// A paid inference: its receipt, its final attribution once there is one, and every payout.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct InferenceView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: InferenceId,
	/// Who paid.
	pub payer: AccountId,
	/// Who answered.
	pub provider: AccountId,
	/// The model.
	pub model: ModelId,
	/// BLAKE2b-256 of the input.
	pub input: H256,
	/// BLAKE2b-256 of the output.
	pub output: H256,
	/// What the payer paid.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub fee: Balance,
	/// The block it was paid in.
	pub paid_at: BlockNumber,
	/// Its attribution job.
	pub job: JobId,
	/// Whether its escrow has been paid out.
	pub settled: bool,
	/// The final attribution of its job, once there is one.
	pub attribution: Option<AttributionView<AccountId>>,
	/// Every payout so far: the provider's, owner's and treasury's parts at once, the escrow's at
	/// settlement. They sum to the fee once it is settled.
	pub payouts: Vec<PayoutView<AccountId, Balance>>,
}

/// A batch of signed receipts a provider submitted: what it paid, its final attribution once
/// there is one, and every payout. Each part of a batch's fee is the sum of that part over its
/// receipts.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct BatchView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: BatchId,
	/// Who answered and submitted it.
	pub provider: AccountId,
	/// The model.
	pub model: ModelId,
	/// How many receipts it settled (rejected ones excluded).
	pub receipts: u32,
	/// What its payers paid together.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub fee: Balance,
	/// BLAKE2b-256 of its queries (see [`crate::attribution::Subject::Batch`]).
	pub queries: H256,
	/// The block it was submitted in.
	pub paid_at: BlockNumber,
	/// Its attribution job.
	pub job: JobId,
	/// Whether its escrow has been paid out.
	pub settled: bool,
	/// The final attribution of its job, once there is one.
	pub attribution: Option<AttributionView<AccountId>>,
	/// Every payout so far; they sum to the fee once it is settled.
	pub payouts: Vec<PayoutView<AccountId, Balance>>,
}

/// A final attribution.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AttributionView<AccountId> {
	/// The contributions and their parts per million (consensus), or empty.
	pub contributions: Vec<Share>,
	/// The lineage versions and their parts per million (fallback), or empty.
	pub lineage: Vec<LineageShare>,
	/// Why, if a majority of the committee found the job unscorable.
	pub unscorable: Option<Unscorable>,
	/// The attestors who agreed.
	pub agreed: Vec<AccountId>,
}

/// One payout.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "std", serde(bound(serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display")))]
pub struct PayoutView<AccountId, Balance> {
	/// Who.
	pub to: AccountId,
	/// How much.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub amount: Balance,
	/// Why.
	pub kind: PayoutKind,
}

/// An account's earnings from settlements.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "std", serde(bound(serialize = "Balance: core::fmt::Display")))]
pub struct EarningsView<Balance> {
	/// Credited and not yet claimed.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub unclaimed: Balance,
	/// Credited in all, claimed or not.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub earned: Balance,
}

/// What one inference of a model costs now, and how it would be split.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "std", serde(bound(serialize = "Balance: core::fmt::Display")))]
pub struct FeeEstimate<Balance> {
	/// The model's price.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub fee: Balance,
	/// The provider's part.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub provider: Balance,
	/// The model owner's part.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub owner: Balance,
	/// The data contributors' part (escrowed until attribution).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub data: Balance,
	/// The attestors' part (escrowed until attribution).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub attestors: Balance,
	/// The treasury's part.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub treasury: Balance,
	/// The job fee on top of the price: what opening the inference's attribution job costs now,
	/// for an output of the longest length (it pays the committee for the job's work, and rises
	/// while jobs wait for their committees; a text model's shorter outputs may cost less).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub job_fee: Balance,
	/// What a payer's `max_fee` must cover: the price and the job fee.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub total: Balance,
	/// Whether the model takes inferences (it is neither deprecated nor suspended).
	pub active: bool,
}

sp_api::decl_runtime_apis! {
	/// Paid inference and earnings.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The inference `id`: receipt, attribution, payouts.
		fn inference(id: InferenceId) -> Option<InferenceView<AccountId, Balance, BlockNumber>>;

		/// The batch of signed receipts `id`: totals, attribution, payouts.
		fn batch(id: BatchId) -> Option<BatchView<AccountId, Balance, BlockNumber>>;

		/// What `who` has earned and not claimed.
		fn earnings(who: AccountId) -> EarningsView<Balance>;

		/// What one inference of `model` costs now, at most, split.
		fn estimate_fee(model: ModelId) -> Option<FeeEstimate<Balance>>;
	}
}
