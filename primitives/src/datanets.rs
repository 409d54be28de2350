//! Datanets: what a datanet holds, how its contributions are curated, and what its published
//! versions are.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// The id of a datanet: its creation order, from 0.
pub type DatanetId = u32;

/// The index of a contribution within its datanet: its submission order, from 0.
pub type ContributionIndex = u32;

/// The number of a published version of a datanet, from 1.
pub type VersionNumber = u32;

/// What a datanet's contributions hold.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum DataKind {
	/// Labelled examples of `features` numbers each, labels below `classes`. A payload is one
	/// or more examples, each a little-endian `u32` label followed by `features` little-endian
	/// IEEE-754 `f32` values (`4 × (1 + features)` bytes per example, no header).
	Tabular {
		/// Numbers per example.
		features: u32,
		/// Labels are `0..classes`.
		classes: u32,
	},
	/// UTF-8 text.
	Text,
}

/// Who accepts contributions.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum CurationPolicy {
	/// Contributions wait for the owner or a curator to review them.
	Curated,
	/// Contributions are accepted when submitted.
	Open,
}

/// Where a contribution stands.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ContributionStatus {
	/// Submitted, waiting for review; the deposit is held.
	Pending,
	/// Accepted into the datanet: part of every version published after.
	Accepted,
	/// Refused by a reviewer; the deposit was slashed.
	Rejected,
	/// Taken back by its contributor before review.
	Withdrawn,
	/// Accepted, then removed by an upheld challenge: in no later version and earning nothing.
	Removed,
}

/// Counts of contributions by outcome, per datanet and per contributor.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, Default, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Counters {
	/// Accepted, ever (removed ones included).
	pub accepted: u32,
	/// Rejected by a reviewer.
	pub rejected: u32,
	/// Removed by an upheld challenge.
	pub removed: u32,
}

/// A published version: immutable once published.
///
/// Its contributions are those with an index below `bound` that were accepted and not removed
/// when it was published (at `block`), in index order. `root` commits to them: the root of a
/// binary Merkle tree of depth [`MERKLE_DEPTH`] whose leaf `i` is the content hash of
/// contribution `i` if it is one of them and 32 zero bytes otherwise, each inner node being
/// `blake2_256(left ‖ right)`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Version<BlockNumber> {
	/// Contributions with an index below this were considered.
	pub bound: ContributionIndex,
	/// How many contributions the version holds.
	pub contributions: u32,
	/// The Merkle root over them.
	pub root: H256,
	/// The block it was published in.
	pub block: BlockNumber,
}

/// The depth of a datanet's contribution Merkle tree: a datanet holds at most `2^20`
/// (1,048,576) contributions.
pub const MERKLE_DEPTH: u32 = 20;

/// What other pallets need to know of a published version.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub struct VersionSummary {
	/// The kind of the datanet.
	pub kind: DataKind,
	/// How many contributions the version holds.
	pub contributions: u32,
}

/// The published versions of datanets, as the model registry and the attribution pallet ask
/// about them.
pub trait DatanetVersions {
	/// The version `version` of datanet `datanet`, if it has been published.
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary>;

	/// The members of a version, in index order, with the hashes their payloads are stored
	/// under; empty if the version does not exist. It reads every contribution of the datanet:
	/// for off-chain workers and runtime APIs, never for dispatch.
	fn members(datanet: DatanetId, version: VersionNumber) -> alloc::vec::Vec<(ContributionIndex, H256)>;
}

/// Who a payout for data goes to, as settlement asks.
pub trait ContributionLedger<AccountId> {
	/// The contributor of contribution `index` of `datanet` and its status, if it exists.
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(AccountId, ContributionStatus)>;

	/// The owner of `datanet`, if it exists.
	fn owner(datanet: DatanetId) -> Option<AccountId>;
}
