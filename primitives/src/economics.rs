//! OPEN economics: the genesis allocation, the pools that release the community's and the
//! ecosystem's parts over time, and the data-reward boost that settlement asks of them.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{Perbill, Weight};

/// A pool of the genesis allocation that releases linearly and is spent on chain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, TypeInfo,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum PoolId {
	/// Data rewards (the boost of settled inferences' data credit) and community incentives.
	Community,
	/// Ecosystem grants, spent by governance.
	Ecosystem,
}

impl PoolId {
	/// Every pool.
	pub const ALL: [PoolId; 2] = [PoolId::Community, PoolId::Ecosystem];
}

/// The genesis allocation of [`crate::TOTAL_SUPPLY`], and the schedules that release it.
pub mod allocation {
	use crate::{Balance, BlockNumber, DAYS, OPEN};

	/// The community pool: 51.71%, released over 48 months.
	pub const COMMUNITY: Balance = 517_100_000 * OPEN;
	/// Investors: 18.29%, vesting after a 12-month cliff over 36 months.
	pub const INVESTORS: Balance = 182_900_000 * OPEN;
	/// The team: 15%, vesting after a 12-month cliff over 36 months.
	pub const TEAM: Balance = 150_000_000 * OPEN;
	/// The ecosystem pool: 10%, released over 48 months.
	pub const ECOSYSTEM: Balance = 100_000_000 * OPEN;
	/// Liquidity: 5%, free at genesis (development networks fund their test accounts from it).
	pub const LIQUIDITY: Balance = 50_000_000 * OPEN;

	/// A month of blocks: a twelfth of 365 days.
	pub const MONTH: BlockNumber = DAYS * 365 / 12;
	/// Team and investors vest nothing for 12 months…
	pub const VESTING_CLIFF: BlockNumber = 12 * MONTH;
	/// …then linearly over 36 months.
	pub const VESTING_LENGTH: BlockNumber = 36 * MONTH;
	/// The pools release linearly over 48 months.
	pub const POOL_RELEASE: BlockNumber = 48 * MONTH;

	/// The community pool's default release per block.
	pub const COMMUNITY_PER_BLOCK: Balance = COMMUNITY / POOL_RELEASE as Balance;
	/// The ecosystem pool's default release per block.
	pub const ECOSYSTEM_PER_BLOCK: Balance = ECOSYSTEM / POOL_RELEASE as Balance;
}

/// Pays data contributors a reward on top of their credit: implemented by the economics pallet,
/// called by settlement with what it credited to data.
pub trait DataRewards<AccountId, Balance> {
	/// Rewards each `(account, credit)` with the boost multiple of `credit`, from what the
	/// community pool has released and not spent, in order, until that is spent, and paying
	/// `limit` at the most in all. Returns what was paid.
	fn reward(credits: &[(AccountId, Balance)], limit: Balance) -> Balance;

	/// What one [`DataRewards::reward`] of `n` credits may weigh.
	fn weight(n: u32) -> Weight;
}

/// No rewards.
impl<AccountId, Balance: Default> DataRewards<AccountId, Balance> for () {
	fn reward(_credits: &[(AccountId, Balance)], _limit: Balance) -> Balance {
		Balance::default()
	}

	fn weight(_n: u32) -> Weight {
		Weight::zero()
	}
}

/// The rule that keeps wash trading unprofitable. Whoever holds every role of a paid inference
/// but the treasury gets back the fee less the treasury's part, plus the boost of the data part:
/// `(1 − treasury) + boost × data`. That must stay below the fee they paid, so
/// `boost × data < treasury`.
pub fn boost_is_safe(boost: Perbill, data: Perbill, treasury: Perbill) -> bool {
	// in parts per billion squared, so that nothing rounds
	let lhs = u64::from(boost.deconstruct()).saturating_mul(u64::from(data.deconstruct()));
	let rhs = u64::from(treasury.deconstruct()).saturating_mul(u64::from(Perbill::one().deconstruct()));
	// no boost pays nothing, whatever the shares
	boost.is_zero() || lhs < rhs
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_allocation_sums_to_the_supply() {
		use allocation::*;
		assert_eq!(COMMUNITY + INVESTORS + TEAM + ECOSYSTEM + LIQUIDITY, crate::TOTAL_SUPPLY);
		assert_eq!(MONTH, 438_000);
		// 48 months at the default rate release all but less than a block's worth
		let released = COMMUNITY_PER_BLOCK * POOL_RELEASE as crate::Balance;
		assert!(released <= COMMUNITY && COMMUNITY - released < COMMUNITY_PER_BLOCK);
	}

	#[test]
	fn the_boost_rule_is_strict() {
		let pct = Perbill::from_percent;
		// 10% of a 45% data part is 4.5% < 5%
		assert!(boost_is_safe(pct(10), pct(45), pct(5)));
		// 50% of a 10% data part is exactly a 5% treasury part: breaking even is not allowed
		assert!(!boost_is_safe(pct(50), pct(10), pct(5)));
		// one part per billion either side of 1/9 of 45% against 5%
		assert!(boost_is_safe(Perbill::from_parts(111_111_111), pct(45), pct(5)));
		assert!(!boost_is_safe(Perbill::from_parts(111_111_112), pct(45), pct(5)));
		assert!(!boost_is_safe(pct(20), pct(45), pct(5)));
		// no treasury part: no boost at all
		assert!(!boost_is_safe(Perbill::from_parts(1), pct(45), Perbill::zero()));
		assert!(boost_is_safe(Perbill::zero(), pct(45), Perbill::from_parts(1)));
		assert!(boost_is_safe(Perbill::zero(), pct(45), Perbill::zero()));
	}
}
