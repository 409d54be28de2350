//! The configuration of each pallet in the runtime.

use frame_support::dynamic_params::{dynamic_pallet_params, dynamic_params};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Contains, VariantCountOf, WithdrawReasons},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, Weight,
	},
	PalletId,
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{AccountIdConversion, BlakeTwo256, ConvertInto, Hash as HashT, Verify},
	FixedPointNumber, Perbill, Perquintill,
};

use crate::{
	AccountId, Agents, Attribution, Aura, Balance, Balances, Block, BlockNumber, CollatorSelection, Datanets,
	Economics, Hash, Inference, Models, Nonce, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session, Signature, SignedPayload, System, TxExtension,
	UncheckedExtrinsic, DAYS, HOURS, MICRO_OPEN, MILLISECS_PER_BLOCK, MILLI_OPEN, OPEN, SS58_PREFIX, VERSION,
};

/// The share of a block's weight and length that normal (non-operational) transactions may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The time a block may spend on execution: two of its six seconds.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

/// The smallest balance an account may hold; below it the account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_OPEN;

/// The fee per unit of `ref_time` weight, a picosecond of execution on reference hardware: one
/// millisecond of execution costs 0.03 OPEN.
pub const WEIGHT_FEE: Balance = 30_000_000;

/// The fee per byte of an encoded transaction: 10 micro-OPEN.
pub const TRANSACTION_BYTE_FEE: Balance = 10 * MICRO_OPEN;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;

	/// 2 s of compute per block; 75% of it for normal transactions.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		MAXIMUM_BLOCK_WEIGHT,
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB per block; 75% of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;

	/// The pallet id of the treasury. `pallet-treasury` (the governance issue) derives its account
	/// from the same id, so what accrues here before it lands is its own.
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury account: it receives transaction fees and holds the undistributed supply.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

/// System: accounts, blocks, events. Defaults from FRAME's solochain preset, except what is
/// written here. Database accesses are priced for ParityDB, the node's only database.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = EconomicsGuard;
}

/// Lets every call through but a parameter change that would break the boost rule of the
/// economics pallet (`boost × data share < treasury share`; see `pallet_economics`): governance
/// tracks dispatch with filtered origins, so a referendum enacting such a change fails with
/// `CallFiltered` and changes nothing. (Root — a referendum on the root track, or the development
/// network's sudo key — is not filtered; if it breaks the rule, the boost pays nothing until the
/// rule holds again.)
pub struct EconomicsGuard;

impl Contains<RuntimeCall> for EconomicsGuard {
	fn contains(call: &RuntimeCall) -> bool {
		let RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value }) = call else {
			return true;
		};
		use frame_support::traits::Get;
		let (mut split, mut boost) =
			(dynamic_params::inference::Split::get(), dynamic_params::economics::DataBoost::get());
		// a value of `None` restores the default
		match key_value {
			RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(_, value)) => {
				split = value.clone().unwrap_or_else(default_split)
			},
			RuntimeParameters::Economics(dynamic_params::economics::Parameters::DataBoost(_, value)) => {
				boost = value.unwrap_or_else(default_data_boost)
			},
			_ => return true,
		}
		pallet_economics::boost_is_safe(boost, split.data, split.treasury())
	}
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

/// Authorship: who authored the current block — the validator of the session whose Aura slot it
/// is — for the author's part of transaction fees and collator selection's reward and liveness
/// record.
impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = CollatorSelection;
}

parameter_types! {
	/// What `session.setKeys` holds from an account while it has keys set.
	pub const SessionKeyDeposit: Balance = OPEN;
	/// The collator-selection pot's pallet id (see [`crate::validators::pot_account`]).
	pub const ValidatorPotId: PalletId = PalletId(*b"ol/vapot");
}

/// Sessions of [`SessionLength`](crate::validators::SessionLength) blocks, the first starting at
/// genesis.
type Sessions = pallet_session::PeriodicSessions<crate::validators::SessionLength, ConstU32<0>>;

/// Sessions: the validators and their keys (Aura, GRANDPA, `attr`) change at session boundaries,
/// every [`SessionLength`](crate::validators::SessionLength) blocks. See [`crate::validators`].
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = CollatorSelection;
	type SessionHandler = <crate::opaque::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::opaque::SessionKeys;
	// Nothing reports offences on this chain, so nobody is disabled.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Most validators a session may have: the invulnerables and the candidates together must fit in
/// Aura's and GRANDPA's authority bounds.
pub const MAX_VALIDATORS: u32 = 32;

/// Collator selection: invulnerables set by root, candidates bonding OPEN; see
/// [`crate::validators`].
impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = frame_system::EnsureRoot<AccountId>;
	type PotId = ValidatorPotId;
	type MaxCandidates = ConstU32<{ MAX_VALIDATORS / 2 }>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<{ MAX_VALIDATORS / 2 }>;
	type KickThreshold = crate::validators::KickThreshold;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ MILLISECS_PER_BLOCK / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
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
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(100);
}

/// Fees are paid in OPEN and split by the economics pallet between the block author
/// (`economics.AuthorFeeShare`, and every tip) and the treasury.
impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, pallet_economics::DealWithFees<Runtime>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<WEIGHT_FEE>>;
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<TRANSACTION_BYTE_FEE>>;
	type FeeMultiplierUpdate =
		TargetedFeeAdjustment<Self, TargetBlockFullness, AdjustmentVariable, MinimumMultiplier, MaximumMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A datanet's creation deposit.
	pub const DatanetDeposit: Balance = 10 * OPEN;
	/// A data-quality challenge's bond.
	pub const ChallengeBond: Balance = 10 * OPEN;
	/// What an upheld challenge takes from the contributor for the challenger, beyond the
	/// contribution's deposit.
	pub const ChallengePenalty: Balance = 10 * OPEN;
	/// The largest inline contribution: 128 KiB (about 500 examples of 64 features).
	pub const MaxPayloadLen: u32 = 128 * 1024;
	pub const MaxNameLen: u32 = 64;
	pub const MaxDescriptionLen: u32 = 1024;
	pub const MaxLicenseLen: u32 = 64;
	pub const MaxUriLen: u32 = 256;
	pub const MaxCurators: u32 = 16;
	/// A model's registration deposit.
	pub const ModelDeposit: Balance = 10 * OPEN;
	/// The largest inline weights file: 1 MiB.
	pub const MaxWeightsLen: u32 = 1024 * 1024;
	/// The most datanet versions a model's lineage names.
	pub const MaxLineage: u32 = 16;
}

/// Datanets: challenges are resolved by the arbiter track (or root); slashed deposits and bonds
/// go to the treasury.
impl pallet_datanets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SlashDestination = TreasuryAccount;
	type ArbiterOrigin = RootOr<crate::governance::Arbiter>;
	type DatanetDeposit = DatanetDeposit;
	type ChallengeBond = ChallengeBond;
	type ChallengePenalty = ChallengePenalty;
	type MaxPayloadLen = MaxPayloadLen;
	type MaxNameLen = MaxNameLen;
	type MaxDescriptionLen = MaxDescriptionLen;
	type MaxLicenseLen = MaxLicenseLen;
	type MaxUriLen = MaxUriLen;
	type MaxCurators = MaxCurators;
	type WeightInfo = pallet_datanets::weights::SubstrateWeight<Runtime>;
}

/// Models: lineages are checked against the datanets' published versions.
impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = Datanets;
	type ModelDeposit = ModelDeposit;
	type MaxWeightsLen = MaxWeightsLen;
	type MaxNameLen = MaxNameLen;
	type MaxDescriptionLen = MaxDescriptionLen;
	type MaxUriLen = MaxUriLen;
	type MaxLineage = MaxLineage;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DatanetVersions;
}

parameter_types! {
	/// The smallest attestor bond.
	pub const AttestorMinBond: Balance = 100 * OPEN;
	pub const MaxAttestors: u32 = 64;
	/// Attestors per attribution job.
	pub const CommitteeSize: u32 = 3;
	/// 30 s to commit, then 30 s to reveal.
	pub const CommitPeriod: BlockNumber = 5;
	pub const RevealPeriod: BlockNumber = 5;
	pub const AttestorUnbonding: BlockNumber = 7 * DAYS;
	/// Contributions in an attribution: the top 32.
	pub const MaxShares: u32 = 32;
	pub const MaxJobsPerBlock: u32 = 32;
	pub const MaxAttributionBatch: u32 = 32;
	/// The largest query input or output `open_job` takes: 64 KiB.
	pub const MaxQueryLen: u32 = 64 * 1024;
}

/// Committee draws: BLAKE2 of the subject and the parent block's hash. A block author could
/// withhold a block to redraw, at the cost of its slot; good enough while attestors are
/// bonded and outvoted by the committee's bond majority, and replaceable by a VRF-based source.
pub struct ParentHashRandomness;

impl frame_support::traits::Randomness<Hash, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let parent = System::parent_hash();
		(<BlakeTwo256 as HashT>::hash_of(&(subject, parent)), System::block_number())
	}
}

/// Proof of Attribution: paid inferences open jobs (root may too, by hand); slashed bonds go to
/// the treasury; final attributions settle the inference escrows.
impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Datanets = Datanets;
	type Randomness = ParentHashRandomness;
	type OnFinal = Inference;
	type SlashDestination = TreasuryAccount;
	type JobOrigin = frame_system::EnsureRoot<AccountId>;
	type AuthorityId = pallet_attribution::AttestorAuthId;
	type MinBond = AttestorMinBond;
	type MaxAttestors = MaxAttestors;
	type CommitteeSize = CommitteeSize;
	type CommitPeriod = CommitPeriod;
	type RevealPeriod = RevealPeriod;
	type UnbondingPeriod = AttestorUnbonding;
	type Quorum = dynamic_params::attribution::Quorum;
	type Tolerance = dynamic_params::attribution::Tolerance;
	type MaxStrikes = dynamic_params::attribution::MaxStrikes;
	type StrikeSlash = dynamic_params::attribution::StrikeSlash;
	type MaxShares = MaxShares;
	type MaxLineage = MaxLineage;
	type MaxJobsPerBlock = MaxJobsPerBlock;
	type MaxBatch = MaxAttributionBatch;
	type MaxQueryLen = MaxQueryLen;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DatanetVersions;
}

/// The default fee split: provider 20%, model owner 20%, data contributors 45%, attestors 10%;
/// the treasury gets the rest (5%) and every rounding remainder.
pub fn default_split() -> pallet_inference::FeeSplit {
	pallet_inference::FeeSplit {
		provider: Perbill::from_percent(20),
		owner: Perbill::from_percent(20),
		data: Perbill::from_percent(45),
		attestors: Perbill::from_percent(10),
	}
}

/// The default data boost: 10%. With the default split, 10% × 45% = 4.5% stays below the
/// treasury's 5%.
pub fn default_data_boost() -> Perbill {
	Perbill::from_percent(10)
}

/// Runtime parameters that the parameters track of governance (or root) changes without a
/// runtime upgrade.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Paid inference.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod inference {
		/// The fee split ([`default_split`]).
		#[codec(index = 0)]
		pub static Split: pallet_inference::FeeSplit = default_split();
	}

	/// Proof of Attribution's consensus.
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod attribution {
		/// The part of a committee's bond that must reveal for consensus: two thirds.
		#[codec(index = 0)]
		pub static Quorum: Perbill = Perbill::from_rational(2u32, 3u32);

		/// An answer agrees when its total-variation distance from consensus is at most this,
		/// in parts per million: 5%.
		#[codec(index = 1)]
		pub static Tolerance: u32 = 50_000;

		/// Strikes at which an attestor is slashed and leaves the active set: 3.
		#[codec(index = 2)]
		pub static MaxStrikes: u32 = 3;

		/// The part of the bond a slash takes: 10%.
		#[codec(index = 3)]
		pub static StrikeSlash: Perbill = Perbill::from_percent(10);
	}

	/// OPEN economics.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod economics {
		/// The boost `m` of each settled data credit, paid by the community pool
		/// ([`default_data_boost`]).
		#[codec(index = 0)]
		pub static DataBoost: Perbill = default_data_boost();

		/// What the community pool releases per block: its allocation over 48 months.
		#[codec(index = 1)]
		pub static CommunityRelease: Balance = openledger_primitives::economics::allocation::COMMUNITY_PER_BLOCK;

		/// What the ecosystem pool releases per block: its allocation over 48 months.
		#[codec(index = 2)]
		pub static EcosystemRelease: Balance = openledger_primitives::economics::allocation::ECOSYSTEM_PER_BLOCK;

		/// The block author's part of each transaction fee: 20% (the treasury gets 80%; tips go
		/// to the author whole).
		#[codec(index = 3)]
		pub static AuthorFeeShare: Perbill = Perbill::from_percent(20);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(
			dynamic_params::inference::Split,
			Some(pallet_inference::FeeSplit::default()),
		))
	}
}

/// Parameters: root or the parameters track sets them.
impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = frame_support::traits::AsEnsureOriginWithArg<RootOr<crate::governance::Parameters>>;
	// pallet-parameters exports no runtime-generic weights: its `()` holds its benchmarked ones.
	type WeightInfo = ();
}

parameter_types! {
	pub const InferencePalletId: PalletId = PalletId(*b"py/infer");
	/// The escrow account keeps its existential deposit (endowed at genesis).
	pub const EscrowReserve: Balance = EXISTENTIAL_DEPOSIT;
	/// Payouts one settlement records: 32 contributions, 3 attestors, the treasury, and room.
	pub const MaxPayouts: u32 = 40;
	/// Receipts one `submit_receipts` holds: about a seventh of a block's normal weight.
	pub const MaxReceiptBatch: u32 = 1_024;
	/// A signed receipt's input or output: a tabular query of up to 127 features, or a short
	/// text (longer ones are paid one by one with `pay_inference`).
	pub const MaxReceiptQueryLen: u32 = 512;
}

/// Inference: fees split by the `inference.Split` parameter; escrows settle when the
/// attribution pallet announces a final attribution.
impl pallet_inference::Config for Runtime {
	type Currency = Balances;
	type Models = Models;
	type Datanets = Datanets;
	type Attribution = Attribution;
	type Split = dynamic_params::inference::Split;
	type Treasury = TreasuryAccount;
	type PalletId = InferencePalletId;
	type EscrowReserve = EscrowReserve;
	type MaxQueryLen = MaxQueryLen;
	type MaxPayouts = MaxPayouts;
	type Agents = Agents;
	type Rewards = Economics;
	type Signature = openledger_primitives::inference::ReceiptSignature;
	type MaxBatch = MaxReceiptBatch;
	type MaxReceiptQueryLen = MaxReceiptQueryLen;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DatanetVersions;
}

parameter_types! {
	/// The least an agent's stake may be.
	pub const AgentMinStake: Balance = 100 * OPEN;
	/// Unbonding agent stake stays slashable for a week.
	pub const AgentUnbondingPeriod: BlockNumber = 7 * DAYS;
	/// Allowances are per hour.
	pub const AgentAllowancePeriod: BlockNumber = HOURS;
	/// A report holds 10 OPEN.
	pub const AgentReportBond: Balance = 10 * OPEN;
	/// An unresolved report expires after two weeks.
	pub const AgentReportPeriod: BlockNumber = 14 * DAYS;
	/// The reporter's part of a slash: 30% (the treasury gets 70% and the remainders).
	pub const AgentReporterShare: Perbill = Perbill::from_percent(30);
}

/// Agents: stake held on operators; reports resolved by the arbiter track (or root); slashes to
/// the reporter and the treasury.
impl pallet_agents::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ArbiterOrigin = RootOr<crate::governance::Arbiter>;
	type Treasury = TreasuryAccount;
	type MinStake = AgentMinStake;
	type UnbondingPeriod = AgentUnbondingPeriod;
	type MaxUnbonding = ConstU32<8>;
	type AllowancePeriod = AgentAllowancePeriod;
	type ReportBond = AgentReportBond;
	type ReportPeriod = AgentReportPeriod;
	type MaxOpenReports = ConstU32<16>;
	type ReporterShare = AgentReporterShare;
	type MaxNameLen = ConstU32<64>;
	type MaxModels = ConstU32<16>;
	type MaxEndpointLen = ConstU32<256>;
	type WeightInfo = pallet_agents::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const EconomicsPalletId: PalletId = PalletId(*b"ol/econo");
	pub const SupplyCap: Balance = crate::TOTAL_SUPPLY;
}

/// The settlement shares the boost rule compares, from the `inference.Split` parameter.
pub struct SettlementShares;

impl frame_support::traits::Get<pallet_economics::Shares> for SettlementShares {
	fn get() -> pallet_economics::Shares {
		let split = dynamic_params::inference::Split::get();
		pallet_economics::Shares { data: split.data, treasury: split.treasury() }
	}
}

/// Economics: the cap, the pools (released per the `economics.*Release` parameters, spent by the
/// treasury track or root), the data-reward boost and the fee split.
impl pallet_economics::Config for Runtime {
	type Currency = Balances;
	type Cap = SupplyCap;
	type PalletId = EconomicsPalletId;
	type CommunityRelease = dynamic_params::economics::CommunityRelease;
	type EcosystemRelease = dynamic_params::economics::EcosystemRelease;
	type Boost = dynamic_params::economics::DataBoost;
	type Shares = SettlementShares;
	type AuthorFeeShare = dynamic_params::economics::AuthorFeeShare;
	type BlockAuthor = BlockAuthor;
	type Treasury = TreasuryAccount;
	type SpendOrigin = TreasurySpendOrigin;
	type WeightInfo = pallet_economics::weights::SubstrateWeight<Runtime>;
}

/// The current block's author, as the authorship pallet finds it.
pub struct BlockAuthor;

impl frame_support::traits::Get<Option<AccountId>> for BlockAuthor {
	fn get() -> Option<AccountId> {
		pallet_authorship::Pallet::<Runtime>::author()
	}
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
	type Paymaster = frame_support::traits::tokens::PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = frame_support::traits::tokens::UnityAssetBalanceConversion;
	type PayoutPeriod = TreasuryPayoutPeriod;
	type BlockNumberProvider = System;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::TreasuryArguments;
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

impl crate::validators::session_length::Config for Runtime {}

impl frame_system::offchain::SigningTypes for Runtime {
	type Public = <Signature as Verify>::Signer;
	type Signature = Signature;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Off-chain workers (attestors') sign ordinary transactions: mortal for a few minutes, no tip.
impl<C> frame_system::offchain::CreateSignedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<A: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		public: <Signature as Verify>::Signer,
		account: AccountId,
		nonce: Nonce,
	) -> Option<UncheckedExtrinsic> {
		const MORTALITY: u64 = 64;
		let current = u64::from(System::block_number()).saturating_sub(1);
		let tx_ext: TxExtension = (
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::mortal(MORTALITY, current)),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_system::WeightReclaim::<Runtime>::new(),
		);
		let payload = SignedPayload::new(call, tx_ext).ok()?;
		let signature = codec::Encode::using_encoded(&payload, |bytes| A::sign(bytes, public))?;
		let (call, tx_ext, _) = payload.deconstruct();
		Some(UncheckedExtrinsic::new_signed(call, sp_runtime::MultiAddress::Id(account), signature, tx_ext))
	}
}

/// What the model registry's benchmarks need of the datanets pallet.
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers {
	use alloc::vec::Vec;
	use frame_support::traits::fungible::Mutate;
	use openledger_primitives::datanets::{CurationPolicy, DataKind, DatanetId, VersionNumber};

	use crate::{AccountId, Balances, Datanets, RuntimeOrigin, OPEN};

	/// Publishes datanet versions through the datanets pallet's own calls.
	pub struct DatanetVersions;

	impl pallet_attribution::BenchmarkHelper for DatanetVersions {
		fn model() -> openledger_primitives::models::ModelId {
			use pallet_models::BenchmarkHelper;
			let owner = AccountId::new([8u8; 32]);
			Balances::set_balance(&owner, 1_000_000 * OPEN);
			let lineage = Self::publish_versions(super::MaxLineage::get());
			let id = pallet_models::NextModelId::<crate::Runtime>::get();
			let architecture = openledger_primitives::models::Architecture::SoftmaxRegression {
				features: pallet_models::BENCHMARK_FEATURES,
				classes: pallet_models::BENCHMARK_CLASSES,
				l2: sp_runtime::Perbill::from_percent(1),
			};
			let _ = crate::Models::register_model(
				RuntimeOrigin::signed(owner),
				b"benchmark".to_vec().try_into().unwrap_or_default(),
				Default::default(),
				architecture,
				pallet_models::WeightsSource::Inline(alloc::vec![1u8; 64]),
				lineage.try_into().unwrap_or_default(),
				None,
				OPEN,
			);
			id
		}
	}

	impl pallet_inference::BenchmarkHelper<AccountId, openledger_primitives::inference::ReceiptSignature>
		for DatanetVersions
	{
		fn sign(index: u32, message: &[u8]) -> (AccountId, openledger_primitives::inference::ReceiptSignature) {
			const PAYERS: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"bpay");
			// a raw seed, not a derivation path: key generation stays cheap at a thousand payers
			let seed = alloc::format!("0x{:064x}", u64::from(index).saturating_add(1));
			let public = sp_io::crypto::sr25519_generate(PAYERS, Some(seed.into_bytes()));
			let signature = sp_io::crypto::sr25519_sign(PAYERS, &public, message)
				.unwrap_or_else(|| sp_core::sr25519::Signature::from_raw([0; 64]));
			(AccountId::new(public.0), openledger_primitives::inference::ReceiptSignature(signature))
		}

		fn model(owner: &AccountId, price: u128) -> openledger_primitives::models::ModelId {
			use pallet_attribution::BenchmarkHelper;
			let id = <Self as BenchmarkHelper>::model();
			let _ =
				crate::Models::transfer_ownership(RuntimeOrigin::signed(AccountId::new([8u8; 32])), id, owner.clone());
			let _ = crate::Models::set_price(RuntimeOrigin::signed(owner.clone()), id, price);
			id
		}

		fn contributions(n: u32) -> Vec<openledger_primitives::attribution::ContributionRef> {
			let owner = AccountId::new([9u8; 32]);
			Balances::set_balance(&owner, 1_000_000 * OPEN);
			let id = pallet_datanets::NextDatanetId::<crate::Runtime>::get();
			let _ = Datanets::create_datanet(
				RuntimeOrigin::signed(owner),
				b"benchmark".to_vec().try_into().unwrap_or_default(),
				Default::default(),
				Default::default(),
				DataKind::Text,
				CurationPolicy::Open,
				0,
			);
			(0..n)
				.map(|i| {
					let contributor = AccountId::new([(i % 251) as u8; 32]);
					Balances::set_balance(&contributor, 1_000 * OPEN);
					let text = alloc::format!("benchmark contribution {i}").into_bytes();
					let index = pallet_datanets::Datanets::<crate::Runtime>::get(id).map_or(0, |d| d.next_index);
					let _ = Datanets::contribute(RuntimeOrigin::signed(contributor), id, text);
					openledger_primitives::attribution::ContributionRef { datanet: id, index }
				})
				.collect()
		}
	}

	/// The treasury's benchmarks' spends: the native token to an account.
	pub struct TreasuryArguments;

	impl pallet_treasury::ArgumentsFactory<(), AccountId> for TreasuryArguments {
		fn create_asset_kind(_seed: u32) {}

		fn create_beneficiary(seed: [u8; 32]) -> AccountId {
			AccountId::new(seed)
		}
	}

	impl pallet_models::BenchmarkHelper for DatanetVersions {
		fn publish_versions(count: u32) -> Vec<(DatanetId, VersionNumber)> {
			let owner = AccountId::new([7u8; 32]);
			Balances::set_balance(&owner, 1_000_000 * OPEN);
			let kind = DataKind::Tabular {
				features: pallet_models::BENCHMARK_FEATURES,
				classes: pallet_models::BENCHMARK_CLASSES,
			};
			let id = pallet_datanets::NextDatanetId::<crate::Runtime>::get();
			let origin = || RuntimeOrigin::signed(owner.clone());
			let name = b"benchmark".to_vec().try_into().unwrap_or_default();
			let _ = Datanets::create_datanet(
				origin(),
				name,
				Default::default(),
				Default::default(),
				kind,
				CurationPolicy::Open,
				0,
			);
			(0..count)
				.map(|v| {
					// One example per version: label 0, features that differ per version.
					let mut example = 0u32.to_le_bytes().to_vec();
					example.extend(
						(0..pallet_models::BENCHMARK_FEATURES).flat_map(|k| (k as f32 + v as f32).to_le_bytes()),
					);
					let _ = Datanets::contribute(origin(), id, example);
					let _ = Datanets::publish_version(origin(), id);
					(id, v.saturating_add(1))
				})
				.collect()
		}
	}
}

/// Sudo: its key is set only by the `development` preset.
impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
