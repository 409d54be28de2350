//! The records the pallet stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::models::ModelId;
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// An amount of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A report's id, counting from 0.
pub type ReportId = u64;

/// What an agent tells the world about itself.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Metadata<T: Config> {
	/// Its name (UTF-8 by convention, not checked).
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// The models it uses.
	pub models: BoundedVec<ModelId, T::MaxModels>,
	/// Where it is reached (a URL by convention, not checked).
	pub endpoint: BoundedVec<u8, T::MaxEndpointLen>,
}

/// Stake on its way out: still slashable until `until`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Unbonding<T: Config> {
	/// How much.
	pub amount: BalanceOf<T>,
	/// The block from which it can be withdrawn.
	pub until: BlockNumberFor<T>,
}

/// What an agent has done.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Reputation {
	/// Payments it made.
	pub payments: u64,
	/// Reports against it that were upheld.
	pub upheld: u32,
	/// Reports against it that were rejected.
	pub rejected: u32,
}

/// A registered agent.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Agent<T: Config> {
	/// Who bonds for it and pays what it spends.
	pub operator: T::AccountId,
	/// What it tells the world.
	pub metadata: Metadata<T>,
	/// Its active stake, held on the operator.
	pub bonded: BalanceOf<T>,
	/// Stake unbonding, held on the operator until withdrawn.
	pub unbonding: BoundedVec<Unbonding<T>, T::MaxUnbonding>,
	/// What it may spend per allowance period.
	pub allowance: BalanceOf<T>,
	/// What it spent in period `period`.
	pub spent: BalanceOf<T>,
	/// The allowance period `spent` counts in.
	pub period: BlockNumberFor<T>,
	/// Whether it may not spend: an upheld report left its stake below the minimum (until the
	/// operator tops it up), or its operator unbonded below it.
	pub suspended: bool,
	/// What it has done.
	pub reputation: Reputation,
	/// Reports against it not yet resolved or expired.
	pub open_reports: u32,
}

impl<T: Config> Agent<T> {
	/// The stake unbonding, in all.
	pub fn unbonding_total(&self) -> BalanceOf<T> {
		self.unbonding
			.iter()
			.fold(Default::default(), |sum: BalanceOf<T>, u| sp_runtime::Saturating::saturating_add(sum, u.amount))
	}
}

/// A report against an agent.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Report<T: Config> {
	/// The agent reported.
	pub agent: T::AccountId,
	/// Who reported, and holds the bond.
	pub reporter: T::AccountId,
	/// The hash of the evidence (kept off chain).
	pub evidence: H256,
	/// The reporter's bond.
	pub bond: BalanceOf<T>,
	/// The block from which, unresolved, it can be expired and its bond returned.
	pub expires: BlockNumberFor<T>,
}
