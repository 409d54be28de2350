//! The runtime APIs behind the node's `openledger_*` JSON-RPC methods, and the views they
//! return. Views serialise to the JSON the RPC answers with: camelCase fields, amounts as
//! decimal strings, names as text, hashes as `0x…` hex, accounts as SS58.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::{
	attribution::{BatchId, InferenceId, JobId, Share},
	datanets::{
		ContributionIndex, ContributionStatus, Counters, CurationPolicy, DataKind, DatanetId, Version, VersionNumber,
	},
	economics::PoolId,
	inference::PayoutKind,
	models::{Architecture, ModelId, ModelStatus},
};

/// Contributions one `contributions` call returns at most.
pub const MAX_CONTRIBUTIONS_PAGE: u32 = 1_000;

/// A datanet, its counters and its published versions.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct DatanetView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: DatanetId,
	/// Its owner.
	pub owner: AccountId,
	/// Its name.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub name: Vec<u8>,
	/// Its description.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub description: Vec<u8>,
	/// The license of its data.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub license: Vec<u8>,
	/// What its contributions hold.
	pub kind: DataKind,
	/// Who accepts contributions.
	pub policy: CurationPolicy,
	/// What a contributor puts on hold per contribution until it is reviewed.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub contribution_deposit: Balance,
	/// Its curators.
	pub curators: Vec<AccountId>,
	/// Contributions submitted (the next index).
	pub submitted: u32,
	/// Contributions waiting for review.
	pub pending: u32,
	/// Contributions accepted and not removed: what the next version would hold.
	pub members: u32,
	/// Accepted, rejected and removed counts.
	pub counters: Counters,
	/// The Merkle root over the current members.
	pub root: H256,
	/// Its published versions, oldest first.
	pub versions: Vec<(VersionNumber, Version<BlockNumber>)>,
}

/// A contribution.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ContributionView<AccountId, BlockNumber> {
	/// Its index in the datanet.
	pub index: ContributionIndex,
	/// Who contributed it.
	pub contributor: AccountId,
	/// The BLAKE2b-256 hash of its content: the key of the payload in the off-chain index.
	pub hash: H256,
	/// The content's size in bytes.
	pub size: u64,
	/// Where a referenced (not inline) artefact can be fetched.
	#[cfg_attr(feature = "std", serde(serialize_with = "serialize_uri"))]
	pub uri: Option<Vec<u8>>,
	/// Where it stands.
	pub status: ContributionStatus,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
	/// The block it was accepted in.
	pub accepted_at: Option<BlockNumber>,
	/// The block it was removed in.
	pub removed_at: Option<BlockNumber>,
}

#[cfg(feature = "std")]
fn serialize_uri<S: serde::Serializer>(uri: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
	match uri {
		Some(bytes) => s.serialize_some(&String::from_utf8_lossy(bytes)),
		None => s.serialize_none(),
	}
}

/// A model, its lineage and how many distinct contributors its lineage holds.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct ModelView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: ModelId,
	/// Its owner.
	pub owner: AccountId,
	/// Its name.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub name: Vec<u8>,
	/// Its description.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub description: Vec<u8>,
	/// How it computes.
	pub architecture: Architecture,
	/// The BLAKE2b-256 hash of its weights file.
	pub weights_hash: H256,
	/// The size of its weights file in bytes.
	pub weights_size: u64,
	/// Where the weights can be fetched, if they were registered by reference.
	#[cfg_attr(feature = "std", serde(serialize_with = "serialize_uri"))]
	pub weights_uri: Option<Vec<u8>>,
	/// The datanet versions it was trained on.
	pub lineage: Vec<(DatanetId, VersionNumber)>,
	/// The model it was fine-tuned from, if any.
	pub base_model: Option<ModelId>,
	/// What one inference costs.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub price: Balance,
	/// Whether it serves inference.
	pub status: ModelStatus,
	/// The block it was registered in.
	pub registered_at: BlockNumber,
	/// How many distinct accounts contributed to the versions of its lineage.
	pub contributors: u32,
}

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

/// An agent: its operator, metadata, stake, allowance, reputation and open reports.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct AgentView<AccountId, Balance, BlockNumber> {
	/// Who bonds for it and pays what it spends.
	pub operator: AccountId,
	/// Its name.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub name: Vec<u8>,
	/// The models it uses.
	pub models: Vec<ModelId>,
	/// Where it is reached.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub endpoint: Vec<u8>,
	/// Its active stake.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub bonded: Balance,
	/// Stake unbonding (still slashable).
	pub unbonding: Vec<UnbondingView<Balance, BlockNumber>>,
	/// What it may spend per period.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub allowance: Balance,
	/// What it may still spend this period.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub allowance_left: Balance,
	/// Whether it may not spend (stake below the minimum).
	pub suspended: bool,
	/// Payments it made.
	pub payments: u64,
	/// Reports against it upheld.
	pub reports_upheld: u32,
	/// Reports against it rejected.
	pub reports_rejected: u32,
	/// The ids of the reports against it still open.
	pub open_reports: Vec<u64>,
}

/// Stake unbonding.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "std", serde(bound(serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize")))]
pub struct UnbondingView<Balance, BlockNumber> {
	/// How much.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub amount: Balance,
	/// The block from which it can be withdrawn.
	pub until: BlockNumber,
}

/// A final attribution.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AttributionView<AccountId> {
	/// The contributions and their parts per million (consensus), or empty.
	pub contributions: Vec<Share>,
	/// The lineage datanets and their parts per million (fallback), or empty.
	pub datanets: Vec<(DatanetId, u32)>,
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
	/// Whether the model takes inferences (it is not deprecated).
	pub active: bool,
}

/// The OPEN supply: how much exists, how much circulates, and the pools.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct SupplyView<AccountId, Balance, BlockNumber> {
	/// The cap: what exists can never exceed it.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub cap: Balance,
	/// What exists (total issuance).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub total: Balance,
	/// What is in neither a pool, nor the treasury, nor locked by vesting.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub circulating: Balance,
	/// What vesting schedules still lock.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub vesting_locked: Balance,
	/// The treasury account's balance.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub treasury: Balance,
	/// The pools.
	pub pools: Vec<PoolView<AccountId, Balance, BlockNumber>>,
}

/// A pool and its release schedule.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct PoolView<AccountId, Balance, BlockNumber> {
	/// Which pool.
	pub pool: PoolId,
	/// Its account.
	pub account: AccountId,
	/// Its account's balance.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub balance: Balance,
	/// Its genesis allocation.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub allocation: Balance,
	/// What it releases per block (a governance parameter).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub release_per_block: Balance,
	/// What it has released so far (at most its allocation).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub released: Balance,
	/// What it has paid out.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub spent: Balance,
	/// What it may pay out now: released, not spent, and in its account.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub available: Balance,
	/// The block by which, at the current rate, it will have released its whole allocation
	/// (none at a zero rate).
	pub fully_released_at: Option<BlockNumber>,
}

sp_api::decl_runtime_apis! {
	/// Datanets and their contributions.
	pub trait DatanetsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The datanet `id` with its versions, if it exists.
		fn datanet(id: DatanetId) -> Option<DatanetView<AccountId, Balance, BlockNumber>>;

		/// Up to `count` (at most [`MAX_CONTRIBUTIONS_PAGE`]) contributions of `datanet` from
		/// index `start` on.
		fn contributions(
			datanet: DatanetId,
			start: ContributionIndex,
			count: u32,
		) -> Vec<ContributionView<AccountId, BlockNumber>>;
	}

	/// The model registry.
	pub trait ModelsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The model `id` with its lineage, if it exists.
		fn model(id: ModelId) -> Option<ModelView<AccountId, Balance, BlockNumber>>;
	}

	/// AI agents.
	pub trait AgentsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The agent `who`, if it is registered.
		fn agent(who: AccountId) -> Option<AgentView<AccountId, Balance, BlockNumber>>;
	}

	/// The OPEN supply.
	pub trait EconomicsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Total, circulating and vesting-locked supply, the treasury and each pool.
		fn supply() -> SupplyView<AccountId, Balance, BlockNumber>;
	}

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

		/// What one inference of `model` costs now, split.
		fn estimate_fee(model: ModelId) -> Option<FeeEstimate<Balance>>;
	}
}
