//! The records the pallet stores.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::datanets::{
	ContributionIndex, ContributionStatus, Counters, CurationPolicy, DataKind, DatanetId, VersionNumber,
};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// An amount of the currency deposits are held in.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The id of a challenge: its opening order, from 0.
pub type ChallengeId = u32;

/// A datanet.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Datanet<T: Config> {
	/// Its creator, who curates it and may update it.
	pub owner: T::AccountId,
	/// Its name.
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// What it is about.
	pub description: BoundedVec<u8, T::MaxDescriptionLen>,
	/// The license its data is contributed under.
	pub license: BoundedVec<u8, T::MaxLicenseLen>,
	/// What its contributions hold.
	pub kind: DataKind,
	/// Who accepts contributions.
	pub policy: CurationPolicy,
	/// What each contributor puts on hold until their contribution is reviewed.
	pub contribution_deposit: BalanceOf<T>,
	/// How close, in thousandths of a feature unit, a tabular row must be to an earlier row
	/// with the same label to be its copy (attribution leaves copies out); each published
	/// version keeps the radius of its day.
	pub copy_radius: u32,
	/// Accounts besides the owner that may review contributions and publish versions.
	pub curators: BoundedVec<T::AccountId, T::MaxCurators>,
	/// What the owner holds while the datanet exists.
	pub deposit: BalanceOf<T>,
	/// The index the next contribution gets: how many have been submitted.
	pub next_index: ContributionIndex,
	/// Contributions waiting for review.
	pub pending: u32,
	/// Contributions accepted and not removed.
	pub members: u32,
	/// Of the members, those that are referenced artefacts (not inline payloads).
	pub referenced: u32,
	/// The rows of the members: see [`Contribution::rows`].
	pub member_rows: u64,
	/// Accepted, rejected and removed counts.
	pub counters: Counters,
	/// Versions published.
	pub versions: VersionNumber,
	/// The Merkle root over the current members (see [`crate::merkle`]).
	pub root: H256,
}

impl<T: Config> Datanet<T> {
	/// How many membership changes (acceptances and removals) it has seen.
	pub fn changes(&self) -> u32 {
		self.counters.accepted.saturating_add(self.counters.removed)
	}

	/// Whether `who` may review contributions and publish versions: the owner or a curator.
	pub fn may_curate(&self, who: &T::AccountId) -> bool {
		&self.owner == who || self.curators.contains(who)
	}
}

/// A contribution to a datanet. The content itself is not in state: an inline payload is in
/// every node's off-chain index under its hash, a referenced artefact at its URI.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Contribution<T: Config> {
	/// Who contributed it.
	pub contributor: T::AccountId,
	/// The BLAKE2b-256 hash of the content.
	pub hash: H256,
	/// The content's size in bytes.
	pub size: u64,
	/// How much data it is: its examples in a tabular datanet, its bytes in a text datanet
	/// ([`DataKind::rows`]). Fallback pays pro rata to it.
	pub rows: u64,
	/// Where a referenced artefact is; `None` for an inline payload.
	pub uri: Option<BoundedVec<u8, T::MaxUriLen>>,
	/// Where it stands.
	pub status: ContributionStatus,
	/// What its contributor holds while it is pending.
	pub deposit: BalanceOf<T>,
	/// Its place in the chain-wide order of arrival ([`crate::BlockArrivals`]): its
	/// submission's, or its commitment's if it was committed to first.
	pub arrival: u64,
	/// The block it was submitted in.
	pub submitted_at: BlockNumberFor<T>,
	/// The block it was accepted in.
	pub accepted_at: Option<BlockNumberFor<T>>,
	/// The block it was removed in.
	pub removed_at: Option<BlockNumberFor<T>>,
	/// Its place in the datanet's membership changes when it was accepted: the number of
	/// acceptances and removals before it ([`Version::changes`](openledger_primitives::datanets::Version::changes)
	/// orders it against versions, also within a block).
	pub joined: Option<u32>,
	/// Its place in the membership changes when it was removed.
	pub left: Option<u32>,
}

/// An open challenge of an accepted contribution's quality.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Challenge<T: Config> {
	/// The datanet of the contribution.
	pub datanet: DatanetId,
	/// The contribution.
	pub index: ContributionIndex,
	/// Who challenged it.
	pub challenger: T::AccountId,
	/// The hash of the evidence (kept off chain by the challenger).
	pub evidence: H256,
	/// What the challenger holds until the challenge is resolved.
	pub bond: BalanceOf<T>,
}

/// A commitment to content not yet contributed (see `commit_contribution`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Commitment<T: Config> {
	/// The arrival it holds for the content.
	pub arrival: u64,
	/// The last block in which contributing the content keeps the arrival.
	pub expires: BlockNumberFor<T>,
	/// What it holds from `who`.
	pub deposit: BalanceOf<T>,
}
