//! OpenLedger's own pallets: datanets, models, Proof of Attribution, inference and agents.

use super::*;
use crate::{
	AccountId, Agents, Attribution, Balance, Balances, BlockNumber, Datanets, Economics, Inference, Models, Runtime,
	RuntimeHoldReason, DAYS, HOURS, OPEN,
};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::Perbill;

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
	/// What a commitment to a payload holds until it is used or cancelled.
	pub const CommitmentDeposit: Balance = OPEN;
	/// What each contribution holds for good for its record (about 540 bytes of state, kept for
	/// good): 0.1 OPEN, so that a million records cost their makers 100,000 OPEN.
	pub const ContributionStorageDeposit: Balance = OPEN / 10;
	/// How long a commitment keeps its payload's place in the order of arrival: 10 minutes.
	pub const ContributionRevealPeriod: BlockNumber = 100;
	/// The largest copy radius: 16 feature units, a sanity bound (the digits' pixels span 16).
	pub const MaxCopyRadius: u32 = 16_000;
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
	type Earnings = Inference;
	type DatanetDeposit = DatanetDeposit;
	type ChallengeBond = ChallengeBond;
	type ChallengePenalty = ChallengePenalty;
	type MaxPayloadLen = MaxPayloadLen;
	type MaxNameLen = MaxNameLen;
	type MaxDescriptionLen = MaxDescriptionLen;
	type MaxLicenseLen = MaxLicenseLen;
	type MaxUriLen = MaxUriLen;
	type MaxCurators = MaxCurators;
	type CommitmentDeposit = CommitmentDeposit;
	type StorageDeposit = ContributionStorageDeposit;
	type RevealPeriod = ContributionRevealPeriod;
	type MaxCopyRadius = MaxCopyRadius;
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
	type ArbiterOrigin = RootOr<crate::governance::Arbiter>;
	type SlashDestination = TreasuryAccount;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::BenchmarkFixtures;
}

parameter_types! {
	/// The smallest attestor bond.
	pub const AttestorMinBond: Balance = 100 * OPEN;
	pub const MaxAttestors: u32 = 64;
	/// Attestors per attribution job: seven seats, each answer counting the same, a result
	/// needing four to agree. Fourteen signed transactions per job (a commit and a reveal per
	/// member, each batched with the member's other jobs of the block).
	pub const CommitteeSize: u32 = 7;
	/// 30 s to commit, then 30 s to reveal.
	pub const CommitPeriod: BlockNumber = 5;
	pub const RevealPeriod: BlockNumber = 5;
	pub const AttestorUnbonding: BlockNumber = 7 * DAYS;
	/// Contributions in an attribution: the top 32.
	pub const MaxShares: u32 = 32;
	/// The most committees a block draws (and so the most jobs that fall due in one).
	pub const MaxJobsPerBlock: u32 = 32;
	/// The most jobs waiting for their committees: four blocks' draws.
	pub const MaxWaitingJobs: u32 = 128;
	/// Jobs are refused while the waiting ones hold a minute of attestors' work: a job waits at
	/// most about 40 blocks (that minute and its own twelve seconds, at two a block, and up to a
	/// block more for each job ahead of it above ten seconds: the line is first come, first
	/// drawn).
	pub const MaxWaitingWork: u64 = 60_000_000;
	/// The job fee's multiplier stops at 10,000: 2,000 OPEN for each 62.5 ms of a job's work at the
	/// default fee.
	pub const MaxJobFeeMultiplier: u32 = 10_000;
	pub const MaxAttributionBatch: u32 = 32;
	/// The largest query input or output `open_job` takes: 64 KiB.
	pub const MaxQueryLen: u32 = 64 * 1024;
	/// Attestors get through two seconds of work a block (a third of its six, on the reference
	/// machine: models' first jobs and jobs' queries), and have at most twelve before them (a
	/// model's first job at the bounds takes up to twelve): a job waits behind at most that and
	/// the three blocks' worth drawn before its commit is due, 18 s of the 24 s a worker has.
	pub const WorkPerBlock: u64 = 2_000_000;
	pub const MaxWorkBacklog: u64 = openledger_primitives::models::bounds::MAX_COLD_START_MICROS;
}

/// Proof of Attribution: paid inferences open jobs (root may too, by hand); slashed bonds go to
/// the treasury; final attributions settle the inference escrows.
impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Datanets = Datanets;
	type Randomness = crate::impls::ParentHashRandomness;
	type OnFinal = Inference;
	type SlashDestination = TreasuryAccount;
	type JobOrigin = frame_system::EnsureRoot<AccountId>;
	type JobFee = dynamic_params::attribution::JobFee;
	type MaxJobFeeMultiplier = MaxJobFeeMultiplier;
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
	type WorkPerBlock = WorkPerBlock;
	type MaxWorkBacklog = MaxWorkBacklog;
	type MaxWaitingJobs = MaxWaitingJobs;
	type MaxWaitingWork = MaxWaitingWork;
	type Retention = dynamic_params::attribution::Retention;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::BenchmarkFixtures;
}

parameter_types! {
	pub const InferencePalletId: PalletId = PalletId(*b"py/infer");
	/// The escrow account keeps its existential deposit (endowed at genesis).
	pub const EscrowReserve: Balance = EXISTENTIAL_DEPOSIT;
	/// Payouts one settlement records: 32 contributions, 7 attestors and the treasury.
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
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProviderBond = dynamic_params::inference::ProviderBond;
	type FalseOutputPenalty = dynamic_params::inference::FalseOutputPenalty;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::BenchmarkFixtures;
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
	/// An agent's consent is an sr25519 signature, as a payer's receipt is.
	type Signature = openledger_primitives::inference::ReceiptSignature;
	type WeightInfo = pallet_agents::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::BenchmarkFixtures;
}
