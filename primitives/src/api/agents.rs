//! AI agents.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

use crate::models::ModelId;

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

sp_api::decl_runtime_apis! {
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
}
