//! A runtime with balances and inference, fake models, datanets and attribution, for the tests.

use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU128, PalletId};
use openledger_primitives::{
	attribution::{AttributionProvider, JobId, JobLoad, JobRequest},
	datanets::{ContributionIndex, ContributionLedger, ContributionStatus, DatanetId, VersionNumber},
	models::{Architecture, ModelId, ModelMarket, ModelOffer, ModelStatus},
};
use sp_runtime::{BuildStorage, DispatchError, Weight};

use crate as pallet_inference;
use crate::FeeSplit;

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(2)]
	pub type Inference = pallet_inference;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<1>;
}

parameter_types! {
	/// The offers of the tests' model registry.
	pub static Offers: BTreeMap<ModelId, ModelOffer<AccountId, Balance>> = BTreeMap::new();
	/// The contributions of the tests' datanets: contributor and status.
	pub static Ledger: BTreeMap<(DatanetId, ContributionIndex), (AccountId, ContributionStatus)> = BTreeMap::new();
	/// The members of the tests' published versions: contributor, rows, the version's rows.
	pub static Members: BTreeMap<(DatanetId, VersionNumber, ContributionIndex), (AccountId, u64, u64)> =
		BTreeMap::new();
	/// The contributions under an open challenge.
	pub static Challenged: std::collections::BTreeSet<(DatanetId, ContributionIndex)> = Default::default();
	/// The job requests opened so far and who opened them; a job's id is its position.
	pub static OpenedJobs: Vec<(JobRequest, AccountId)> = Vec::new();
	pub static OpenedLoads: Vec<JobLoad> = Vec::new();
	/// What opening a job costs: nothing unless a test sets it.
	pub static JobFee: Balance = 0;
	/// The fee split of the tests: the default, or what a test set.
	pub static TestSplit: FeeSplit = FeeSplit::default();
	/// What the agent [`AGENT`] has spent.
	pub static AgentSpent: Balance = 0;
	/// The data credits handed to the rewards, in order.
	pub static Rewarded: Vec<(AccountId, Balance)> = Vec::new();
	/// The limit of each reward, in order.
	pub static RewardLimits: Vec<Balance> = Vec::new();
}

/// The model registry of the tests.
pub struct FakeModels;

impl FakeModels {
	/// Model `id`, owned by `owner`, at `price`, with `status`: a text model (any UTF-8 output
	/// fits it).
	pub fn set(id: ModelId, owner: AccountId, price: Balance, status: ModelStatus) {
		let architecture = Architecture::TextSpans;
		Offers::mutate(|m| m.insert(id, ModelOffer { owner, price, status, architecture }));
	}

	/// Makes model `id` one of `architecture`.
	pub fn set_architecture(id: ModelId, architecture: Architecture) {
		Offers::mutate(|m| m.get_mut(&id).map(|offer| offer.architecture = architecture));
	}
}

impl ModelMarket<AccountId, Balance> for FakeModels {
	fn offer(id: ModelId) -> Option<ModelOffer<AccountId, Balance>> {
		Offers::get().get(&id).cloned()
	}
}

/// The datanets of the tests.
pub struct FakeDatanets;

impl FakeDatanets {
	/// Contribution `index` of `datanet`, by `contributor`, with `status`.
	pub fn set(datanet: DatanetId, index: ContributionIndex, contributor: AccountId, status: ContributionStatus) {
		Ledger::mutate(|c| c.insert((datanet, index), (contributor, status)));
	}

	/// Contribution `index` of `datanet`, by `contributor`, is a member of `version` with `rows`
	/// rows of the version's `version_rows`.
	pub fn set_member(
		(datanet, version, index): (DatanetId, VersionNumber, ContributionIndex),
		contributor: AccountId,
		rows: u64,
		version_rows: u64,
	) {
		Members::mutate(|m| m.insert((datanet, version, index), (contributor, rows, version_rows)));
	}
}

impl ContributionLedger<AccountId> for FakeDatanets {
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(AccountId, ContributionStatus)> {
		Ledger::get().get(&(datanet, index)).copied()
	}

	fn member_rows(
		datanet: DatanetId,
		version: VersionNumber,
		index: ContributionIndex,
	) -> Option<(AccountId, u64, u64)> {
		let removed = Ledger::get().get(&(datanet, index)).is_some_and(|(_, s)| *s == ContributionStatus::Removed);
		Members::get().get(&(datanet, version, index)).copied().filter(|_| !removed)
	}

	fn challenged(datanet: DatanetId, index: ContributionIndex) -> bool {
		Challenged::get().contains(&(datanet, index))
	}
}

/// Agents in the tests: account [`AGENT`] spends for [`AGENT_OPERATOR`] up to [`AGENT_ALLOWANCE`]
/// in all.
pub struct FakeAgents;

pub const AGENT: AccountId = 70;
pub const AGENT_OPERATOR: AccountId = 7;
pub const AGENT_ALLOWANCE: Balance = 1_500;

impl openledger_primitives::agents::AgentSpending<AccountId, Balance> for FakeAgents {
	fn payer(spender: &AccountId, amount: Balance) -> Result<AccountId, DispatchError> {
		if *spender != AGENT {
			return Ok(*spender);
		}
		let spent = AgentSpent::get() + amount;
		if spent > AGENT_ALLOWANCE {
			return Err(DispatchError::Other("allowance exceeded"));
		}
		AgentSpent::set(spent);
		Ok(AGENT_OPERATOR)
	}
}

/// Attribution in the tests: jobs are numbered from 0 and remembered with who opened them; a
/// job costs [`JobFee`] for each query and each whole 32 bytes of output (as the attribution
/// pallet's fee, it grows with the work), which the fake moves to the treasury at once.
pub struct FakeAttribution;

impl FakeAttribution {
	/// The requests opened so far.
	pub fn opened() -> Vec<JobRequest> {
		OpenedJobs::get().into_iter().map(|(request, _)| request).collect()
	}

	/// Who opened each job so far.
	pub fn openers() -> Vec<AccountId> {
		OpenedJobs::get().into_iter().map(|(_, payer)| payer).collect()
	}

	/// What each job opened so far asks of the attestors (its queries).
	pub fn loads() -> Vec<JobLoad> {
		OpenedLoads::get()
	}
}

impl AttributionProvider<AccountId, Balance> for FakeAttribution {
	fn job_fee(_model: ModelId, load: JobLoad) -> Balance {
		JobFee::get() * (Balance::from(load.queries) + Balance::from(load.output_bytes / 32))
	}

	fn open_job(request: JobRequest, load: JobLoad, payer: &AccountId) -> Result<JobId, DispatchError> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		let fee = Self::job_fee(request.model, load);
		if fee > 0 {
			Balances::transfer(payer, &TREASURY, fee, Preservation::Preserve)?;
		}
		OpenedLoads::mutate(|loads| loads.push(load));
		OpenedJobs::mutate(|jobs| {
			jobs.push((request, *payer));
			Ok(jobs.len() as u64 - 1)
		})
	}

	fn open_job_weight() -> Weight {
		Weight::zero()
	}
}

/// Rewards that record the data credits settlement hands them and pay nothing.
pub struct FakeRewards;

impl FakeRewards {
	/// The credits handed over so far, in order.
	pub fn credits() -> Vec<(AccountId, Balance)> {
		Rewarded::get()
	}

	/// The limit of each reward so far, in order.
	pub fn limits() -> Vec<Balance> {
		RewardLimits::get()
	}
}

impl openledger_primitives::economics::DataRewards<AccountId, Balance> for FakeRewards {
	fn reward(credits: &[(AccountId, Balance)], limit: Balance) -> Balance {
		Rewarded::mutate(|r| r.extend_from_slice(credits));
		RewardLimits::mutate(|l| l.push(limit));
		0
	}

	fn weight(_n: u32) -> Weight {
		Weight::zero()
	}
}

pub const TREASURY: AccountId = 999;
pub const ENDOWMENT: Balance = 1_000_000;
pub const RESERVE: Balance = 1;
pub const PROVIDER: AccountId = 50;
pub const OWNER: AccountId = 60;
pub const PRICE: Balance = 1_000;
pub const PROVIDER_STAKE: Balance = 5_000;
pub const FALSE_OUTPUT_PENALTY: Balance = 1_000;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const InferencePalletId: PalletId = PalletId(*b"py/infer");
	pub const EscrowReserve: Balance = RESERVE;
	pub const MaxQueryLen: u32 = 64;
	pub const MaxPayouts: u32 = 40;
	pub const MaxBatch: u32 = 16;
	pub const MaxReceiptQueryLen: u32 = 16;
	/// What a provider holds: the tests may change it.
	pub static ProviderBond: Balance = PROVIDER_STAKE;
	pub const FalseOutputPenalty: Balance = FALSE_OUTPUT_PENALTY;
}

impl pallet_inference::Config for Test {
	type Currency = Balances;
	type Models = FakeModels;
	type Datanets = FakeDatanets;
	type Agents = FakeAgents;
	type Attribution = FakeAttribution;
	type Rewards = FakeRewards;
	type Split = TestSplit;
	type Treasury = Treasury;
	type PalletId = InferencePalletId;
	type EscrowReserve = EscrowReserve;
	type MaxQueryLen = MaxQueryLen;
	type MaxPayouts = MaxPayouts;
	type Signature = sp_runtime::testing::TestSignature;
	type MaxBatch = MaxBatch;
	type MaxReceiptQueryLen = MaxReceiptQueryLen;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProviderBond = ProviderBond;
	type FalseOutputPenalty = FalseOutputPenalty;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FakeModels;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, sp_runtime::testing::TestSignature> for FakeModels {
	fn sign(index: u32, message: &[u8]) -> (AccountId, sp_runtime::testing::TestSignature) {
		let payer = 10_000 + u64::from(index);
		(payer, sp_runtime::testing::TestSignature(payer, message.to_vec()))
	}

	fn model(owner: &AccountId, price: u128) -> Result<ModelId, frame_benchmarking::BenchmarkError> {
		FakeModels::set(0, *owner, price, ModelStatus::Active);
		Ok(0)
	}

	fn contributions(
		n: u32,
	) -> Result<Vec<openledger_primitives::attribution::ContributionRef>, frame_benchmarking::BenchmarkError> {
		Ok((0..n)
			.map(|index| {
				FakeDatanets::set(0, index, 1_000 + u64::from(index), ContributionStatus::Accepted);
				openledger_primitives::attribution::ContributionRef { datanet: 0, index }
			})
			.collect())
	}

	fn lineage_member() -> Result<(DatanetId, VersionNumber, ContributionIndex), frame_benchmarking::BenchmarkError> {
		FakeDatanets::set_member((3, 1, 0), 1_000, 1, 4);
		Ok((3, 1, 0))
	}
}

/// The tests' externalities: accounts 1 to 9 hold [`ENDOWMENT`]; the treasury, the provider,
/// the owner and the escrow account (its reserve) exist; model 0 costs [`PRICE`] from
/// [`OWNER`]; the provider is registered.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|a| (a, ENDOWMENT)).collect();
		balances.extend([
			(TREASURY, 1),
			(PROVIDER, 1 + PROVIDER_STAKE),
			(OWNER, 1),
			(crate::Pallet::<Test>::escrow_account(), RESERVE),
		]);
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Offers::reset();
			Ledger::reset();
			Challenged::reset();
			Members::reset();
			OpenedJobs::reset();
			OpenedLoads::reset();
			JobFee::reset();
			TestSplit::reset();
			AgentSpent::reset();
			Rewarded::reset();
			RewardLimits::reset();
			FakeModels::set(0, OWNER, PRICE, ModelStatus::Active);
			ProviderBond::reset();
			// registered, without an event: its free balance is 1
			let reason = RuntimeHoldReason::Inference(crate::HoldReason::ProviderBond);
			<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(&reason, &PROVIDER, PROVIDER_STAKE)
				.expect("endowed");
			crate::Providers::<Test>::insert(
				PROVIDER,
				crate::Provider { bond: PROVIDER_STAKE, open: 0, batches: 0, retiring: false },
			);
		});
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Inference::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}
