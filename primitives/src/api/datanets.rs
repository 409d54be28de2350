//! Datanets and their contributions.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::datanets::{
	ContributionIndex, ContributionStatus, Counters, CurationPolicy, DataKind, DatanetId, Version, VersionNumber,
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
	/// How close, in thousandths of a feature unit, a tabular row must be to an earlier row with
	/// the same label to be its copy (attribution leaves copies out).
	pub copy_radius: u32,
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
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::optional_text::serialize"))]
	pub uri: Option<Vec<u8>>,
	/// Where it stands.
	pub status: ContributionStatus,
	/// Its place in the chain-wide order of arrival (its commitment's, if it was committed to
	/// first): the data it holds belongs to it unless an earlier arrival holds it too.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub arrival: u64,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
	/// The block it was accepted in.
	pub accepted_at: Option<BlockNumber>,
	/// The block it was removed in.
	pub removed_at: Option<BlockNumber>,
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
}
