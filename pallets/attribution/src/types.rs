//! The records the pallet stores and the reveal argument.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::attribution::{Answer, JobRequest, LineageShare, Share, Unscorable};
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
	/// Who attributes it, sorted by account: empty while it waits for its draw.
	pub committee: BoundedVec<CommitteeMember<T>, T::CommitteeSize>,
	/// The block it opened in.
	pub opened_at: BlockNumberFor<T>,
	/// Commitments are accepted before this block (zero while the job waits for its draw).
	pub commit_deadline: BlockNumberFor<T>,
	/// Reveals are accepted before this block, in which the job is final at the latest (zero
	/// while the job waits for its draw).
	pub reveal_deadline: BlockNumberFor<T>,
	/// Who pays the job fee, held from them until the job is final; `None` for a job root
	/// opened.
	pub payer: Option<T::AccountId>,
	/// The job fee held.
	pub fee: BalanceOf<T>,
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

/// What a job waiting for its committee will ask of the attestors, in microseconds of the
/// reference machine ([`Pallet::work_of`](crate::Pallet::work_of)).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct WaitingWork {
	/// Its model's first job (the first of a block's draws on the model counts it).
	pub cold: u64,
	/// The job's own work (its queries).
	pub own: u64,
}

impl WaitingWork {
	/// Both, as if the job were its model's first.
	pub fn total(&self) -> u64 {
		self.cold.saturating_add(self.own)
	}
}

/// Where a final job's data share goes, as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub enum StoredShares<T: Config> {
	/// Consensus: contributions and their parts per million.
	Contributions(BoundedVec<Share, T::MaxShares>),
	/// Fallback: the lineage versions (one per datanet) and their parts per million.
	Lineage(BoundedVec<LineageShare, T::MaxLineage>),
	/// A majority of the committee found the job unscorable, for this reason.
	Unscorable(Unscorable),
	/// More than half of the seats proved an output false: the data share went to the treasury.
	FalseOutput,
}

/// A revealed answer, as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub enum StoredAnswer<T: Config> {
	/// The contributions that influenced the answer.
	Shares(BoundedVec<Share, T::MaxShares>),
	/// The member's engine could not score the job.
	Unscorable(Unscorable),
}

impl<T: Config> StoredAnswer<T> {
	/// The shares, if the answer has them.
	pub fn shares(&self) -> Option<&[Share]> {
		match self {
			StoredAnswer::Shares(shares) => Some(shares),
			StoredAnswer::Unscorable(_) => None,
		}
	}

	/// The reason, if the member reported the job unscorable.
	pub fn unscorable(&self) -> Option<Unscorable> {
		match self {
			StoredAnswer::Shares(_) => None,
			StoredAnswer::Unscorable(reason) => Some(*reason),
		}
	}
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
	/// The answer: shares — at most `MaxShares` contributions of the job's lineage versions,
	/// strictly ascending, positive parts per million summing to at most one million — or why
	/// the member's engine could not score the job.
	pub answer: Answer,
	/// The salt of the commitment.
	pub salt: [u8; 32],
}
