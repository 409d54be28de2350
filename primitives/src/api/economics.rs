//! The OPEN supply and the pools.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

use crate::economics::PoolId;

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
	/// What exists: total issuance less the existential deposits revive mints into contract
	/// accounts, which cannot move.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub total: Balance,
	/// What is in neither a pool, nor the treasury, nor locked by vesting, nor the bridge's
	/// reserve (which holds the OPEN circulating on Ethereum).
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
}
