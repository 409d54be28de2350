//! The records the pallet stores and the reveal argument.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	attribution::{JobRequest, Share},
	datanets::DatanetId,
};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// An amount of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Whether an attestor takes new jobs.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum AttestorState<BlockNumber> {
	/// In the active set: eligible for committees.
	Active,
	/// Out of the active set; the bond can be withdrawn from block `until` on.
	Unbonding {
		/// The first block the bond can be withdrawn in.
		until: BlockNumber,
	},
}

/// A bonded attestor.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Attestor<T: Config> {
	/// What is on hold from them.
	pub bond: BalanceOf<T>,
	/// Strikes since their last slash: one per missed or outlying answer, one off per agreeing
	/// answer.
	pub strikes: u32,
	/// Active or unbonding.
	pub state: AttestorState<BlockNumberFor<T>>,
}

/// A committee member of a job.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct CommitteeMember<T: Config> {
	/// The attestor.
	pub account: T::AccountId,
	/// Their bond when the job opened: their weight in this job.
	pub bond: BalanceOf<T>,
	/// What they committed to, once they have.
	pub commitment: Option<H256>,
	/// Whether they have revealed.
	pub revealed: bool,
}

/// An open job.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Job<T: Config> {
	/// What to attribute.
	pub request: JobRequest,
	/// Who attributes it, sorted by account.
	pub committee: BoundedVec<CommitteeMember<T>, T::CommitteeSize>,
	/// The block it opened in.
	pub opened_at: BlockNumberFor<T>,
	/// Commitments are accepted before this block.
	pub commit_deadline: BlockNumberFor<T>,
	/// Reveals are accepted before this block, in which the job is final at the latest.
	pub reveal_deadline: BlockNumberFor<T>,
}

impl<T: Config> Job<T> {
	/// The committee member `who`.
	pub fn member(&self, who: &T::AccountId) -> Option<&CommitteeMember<T>> {
		self.committee.iter().find(|m| &m.account == who)
	}

	/// Whether reveals are accepted at `now`: every member has committed, or the commit
	/// deadline has passed — and the reveal deadline has not.
	pub fn reveal_open(&self, now: BlockNumberFor<T>) -> bool {
		(now >= self.commit_deadline || self.committee.iter().all(|m| m.commitment.is_some()))
			&& now < self.reveal_deadline
	}

	/// Whether every member who committed has revealed.
	pub fn all_committed_revealed(&self) -> bool {
		self.committee.iter().all(|m| m.commitment.is_none() || m.revealed)
	}
}

/// Where a final job's data share goes, as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub enum StoredShares<T: Config> {
	/// Consensus: contributions and their parts per million.
	Contributions(BoundedVec<Share, T::MaxShares>),
	/// Fallback: the lineage datanets and their parts per million.
	Datanets(BoundedVec<(DatanetId, u32), T::MaxLineage>),
}

/// A final job.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct JobResult<T: Config> {
	/// What was attributed.
	pub request: JobRequest,
	/// Where the data share goes.
	pub data: StoredShares<T>,
	/// The members whose answers were within tolerance of consensus.
	pub agreed: BoundedVec<T::AccountId, T::CommitteeSize>,
	/// The block it became final in.
	pub final_at: BlockNumberFor<T>,
}

/// One job's reveal: the answer committed to and the salt.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Reveal {
	/// The job.
	pub job: openledger_primitives::attribution::JobId,
	/// The answer: contributions strictly ascending, positive parts per million summing to at
	/// most one million, at most `MaxShares` of them.
	pub shares: Vec<Share>,
	/// The salt of the commitment.
	pub salt: [u8; 32],
}
