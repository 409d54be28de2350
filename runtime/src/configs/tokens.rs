//! The OPEN token and fees: balances, transaction fees, vesting, the economics pallet (the
//! cap, the pools, the data-reward boost, the fee split) and the bridge to Ethereum.

use super::*;
use crate::{
	Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System, MICRO_OPEN, MILLI_OPEN,
	OPEN,
};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU8, VariantCountOf, WithdrawReasons},
	weights::ConstantMultiplier,
	PalletId,
};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_runtime::{traits::ConvertInto, FixedPointNumber, Perquintill};

/// The smallest balance an account may hold; below it the account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_OPEN;

/// The fee per unit of `ref_time` weight, a picosecond of execution on reference hardware: one
/// millisecond of execution costs 0.03 OPEN.
pub const WEIGHT_FEE: Balance = 30_000_000;

/// The fee per byte of an encoded transaction: 10 micro-OPEN.
pub const TRANSACTION_BYTE_FEE: Balance = 10 * MICRO_OPEN;

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	// An account reaped below the existential deposit leaves its dust to the treasury: nothing
	// leaves the supply.
	type DustRemoval = frame_support::traits::tokens::imbalance::ResolveTo<TreasuryAccount, Balances>;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees rise when blocks are more than a quarter full and fall when they are less.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100_000);
	/// Fees never fall below the figures documented: revive prices Ethereum gas at the multiplier
	/// times one unit of OPEN a wei, which must not round to nothing.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_integer(1);
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(100);
}

/// Fees are paid in OPEN and split by the economics pallet between the block author
/// (`economics.AuthorFeeShare`, and every tip) and the treasury.
impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, pallet_economics::DealWithFees<Runtime>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	// `WEIGHT_FEE` a unit of `ref_time`, in the one form revive accepts (its gas mapping depends
	// on it). Blocks have no proof-size limit (a solochain), so proof size costs next to nothing.
	type WeightToFee = pallet_revive::evm::fees::BlockRatioFee<WEIGHT_FEE, 1, Runtime, Balance>;
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<TRANSACTION_BYTE_FEE>>;
	type FeeMultiplierUpdate =
		TargetedFeeAdjustment<Self, TargetBlockFullness, AdjustmentVariable, MinimumMultiplier, MaximumMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const EconomicsPalletId: PalletId = PalletId(*b"ol/econo");
	pub const SupplyCap: Balance = crate::TOTAL_SUPPLY;
}

/// Economics: the cap, the pools (released per the `economics.*Release` parameters, spent by the
/// treasury track or root), the data-reward boost and the fee split.
impl pallet_economics::Config for Runtime {
	type Currency = Balances;
	type Cap = SupplyCap;
	type Uncapped = crate::impls::ContractDeposits;
	type PalletId = EconomicsPalletId;
	type CommunityRelease = dynamic_params::economics::CommunityRelease;
	type EcosystemRelease = dynamic_params::economics::EcosystemRelease;
	type Boost = dynamic_params::economics::DataBoost;
	type Shares = crate::impls::SettlementShares;
	type AuthorFeeShare = dynamic_params::economics::AuthorFeeShare;
	type BlockAuthor = crate::impls::BlockAuthor;
	type Treasury = TreasuryAccount;
	type SpendOrigin = TreasurySpendOrigin;
	type WeightInfo = pallet_economics::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The least a vested transfer may move.
	pub const MinVestedTransfer: Balance = OPEN;
	/// The reasons a vesting lock leaves out (pallet-balances freezes the locked amount for every
	/// withdrawal regardless: unvested funds move for nothing, fees included).
	pub UnvestedFundsAllowedWithdrawReasons: WithdrawReasons =
		WithdrawReasons::except(WithdrawReasons::TRANSFER | WithdrawReasons::RESERVE);
}

/// Vesting: the team's and investors' allocations (and any vested transfer) unlock on schedule.
impl pallet_vesting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type BlockNumberToBalance = ConvertInto;
	type MinVestedTransfer = MinVestedTransfer;
	type WeightInfo = pallet_vesting::weights::SubstrateWeight<Runtime>;
	type UnvestedFundsAllowedWithdrawReasons = UnvestedFundsAllowedWithdrawReasons;
	type BlockNumberProvider = System;
	const MAX_VESTING_SCHEDULES: u32 = 28;
}

parameter_types! {
	pub const BridgePalletId: PalletId = PalletId(*b"ol/bridg");
	/// At most sixteen committee members sign a release.
	pub const BridgeMaxMembers: u32 = 16;
	/// A transfer moves at least one OPEN and at most a million.
	pub const BridgeMinTransfer: Balance = OPEN;
	pub const BridgeMaxTransfer: Balance = 1_000_000 * OPEN;
	/// The reserve releases at most two million OPEN a day: what a committee that turned bad
	/// could take before governance replaces it.
	pub const BridgeReleasePeriod: crate::BlockNumber = crate::DAYS;
	pub const BridgeMaxReleasePerPeriod: Balance = 2_000_000 * OPEN;
}

/// The bridge to Ethereum: OPEN locked into and released from the reserve, releases attested by
/// a committee of Ethereum keys that root (a referendum) sets.
impl pallet_bridge::Config for Runtime {
	type Currency = Balances;
	type PalletId = BridgePalletId;
	type AdminOrigin = frame_system::EnsureRoot<crate::AccountId>;
	type MaxMembers = BridgeMaxMembers;
	type MinTransfer = BridgeMinTransfer;
	type MaxTransfer = BridgeMaxTransfer;
	type ReleasePeriod = BridgeReleasePeriod;
	type MaxReleasePerPeriod = BridgeMaxReleasePerPeriod;
	type WeightInfo = pallet_bridge::weights::SubstrateWeight<Runtime>;
}
