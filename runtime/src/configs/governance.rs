//! Governance: the treasury, preimages, the scheduler, conviction voting, referenda on the
//! tracks of [`crate::governance`], and sudo (set only by the `development` preset).

use super::*;
use crate::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin,
	System, DAYS, MILLI_OPEN, OPEN,
};
use frame_support::{parameter_types, traits::ConstU32, weights::Weight, PalletId};
use sp_runtime::{traits::AccountIdConversion, Perbill};

parameter_types! {
	/// The pallet id of the treasury. `pallet-treasury` (the governance issue) derives its account
	/// from the same id, so what accrues here before it lands is its own.
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury account: it receives transaction fees and holds the undistributed supply.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

/// Who spends from the treasury and the pools, and how much at once: root without a limit, the
/// treasury track up to `governance::MAX_TREASURY_SPEND`.
pub type TreasurySpendOrigin = frame_support::traits::EitherOf<
	frame_system::EnsureRootWithSuccess<AccountId, MaxBalance>,
	crate::governance::TreasurySpender,
>;

/// Root, or the origin `O` of a governance track.
pub type RootOr<O> = frame_support::traits::EitherOf<frame_system::EnsureRoot<AccountId>, O>;

parameter_types! {
	/// A noted preimage holds 1 OPEN and 0.01 OPEN per byte.
	pub const PreimageBaseDeposit: Balance = OPEN;
	pub const PreimageByteDeposit: Balance = 10 * MILLI_OPEN;
	pub const PreimageHoldReason: RuntimeHoldReason = RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

/// Preimages: the calls referenda propose, noted with a deposit held on the noter.
impl pallet_preimage::Config for Runtime {
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type ManagerOrigin = frame_system::EnsureRoot<AccountId>;
	type Consideration = frame_support::traits::fungible::HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		frame_support::traits::LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls may use 80% of a block.
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

/// Scheduler: enacts approved referenda and wakes the referenda pallet up.
impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = crate::OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type OriginPrivilegeCmp = frame_support::traits::EqualPrivilegeOnly;
	type Preimages = crate::Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// A treasury spend must be paid out within 30 days of becoming valid.
	pub const TreasuryPayoutPeriod: BlockNumber = 30 * DAYS;
	pub const TreasurySpendPeriod: BlockNumber = DAYS;
	pub const MaxBalance: Balance = Balance::MAX;
}

/// Treasury: the account fees, slashes and remainders already go to (`py/trsry`). Nothing is
/// burned; the treasury track (up to `governance::MAX_TREASURY_SPEND` a spend) or root spends.
impl pallet_treasury::Config for Runtime {
	type PalletId = TreasuryPalletId;
	type Currency = Balances;
	type RejectOrigin = frame_system::EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = TreasurySpendPeriod;
	type Burn = ();
	type BurnDestination = ();
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendOrigin = TreasurySpendOrigin;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type Paymaster = crate::impls::PayFromTreasury;
	type BalanceConverter = frame_support::traits::tokens::UnityAssetBalanceConversion;
	type PayoutPeriod = TreasuryPayoutPeriod;
	type BlockNumberProvider = System;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::TreasuryArguments;
}

parameter_types! {
	/// A vote with conviction `n`× locks its balance for `2^(n-1)` weeks after the referendum.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

/// Conviction voting: token holders vote on referenda, locking their balance for more weight.
impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = ConstU32<512>;
	type MaxTurnout = frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type Polls = crate::Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const AlarmInterval: BlockNumber = 1;
	/// Submitting a referendum reserves 10 OPEN.
	pub const SubmissionDeposit: Balance = 10 * OPEN;
	/// A referendum without a decision deposit times out after 14 days.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

/// Referenda on the tracks of [`crate::governance`].
impl pallet_referenda::Config for Runtime {
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = crate::Scheduler;
	type Currency = Balances;
	type SubmitOrigin = frame_system::EnsureSigned<AccountId>;
	type CancelOrigin = frame_system::EnsureRoot<AccountId>;
	type KillOrigin = frame_system::EnsureRoot<AccountId>;
	type Slash = crate::Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = crate::governance::TracksInfo;
	type Preimages = crate::Preimage;
	type BlockNumberProvider = System;
}

impl crate::governance::origins::Config for Runtime {}

/// Sudo: its key is set only by the `development` preset.
impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
