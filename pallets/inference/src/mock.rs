//! A runtime with balances and inference, fake models, datanets and attribution, for the tests.

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU128, PalletId};
use openledger_primitives::{
	attribution::{AttributionProvider, JobId, JobRequest},
	datanets::{ContributionIndex, ContributionLedger, ContributionStatus, DatanetId},
	models::{ModelId, ModelMarket, ModelOffer, ModelStatus},
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

thread_local! {
	static MODELS: RefCell<BTreeMap<ModelId, ModelOffer<AccountId, Balance>>> = const { RefCell::new(BTreeMap::new()) };
	static CONTRIBUTIONS: RefCell<BTreeMap<(DatanetId, ContributionIndex), (AccountId, ContributionStatus)>> =
		const { RefCell::new(BTreeMap::new()) };
	static JOBS: RefCell<Vec<JobRequest>> = const { RefCell::new(Vec::new()) };
	static SPLIT: RefCell<Option<FeeSplit>> = const { RefCell::new(None) };
}

/// The model registry of the tests.
pub struct FakeModels;

impl FakeModels {
	/// Model `id`, owned by `owner`, at `price`, with `status`.
	pub fn set(id: ModelId, owner: AccountId, price: Balance, status: ModelStatus) {
		MODELS.with(|m| m.borrow_mut().insert(id, ModelOffer { owner, price, status }));
	}
}

impl ModelMarket<AccountId, Balance> for FakeModels {
	fn offer(id: ModelId) -> Option<ModelOffer<AccountId, Balance>> {
		MODELS.with(|m| m.borrow().get(&id).cloned())
	}
}

/// The datanets of the tests: datanet `d` is owned by account `100 + d`.
pub struct FakeDatanets;

impl FakeDatanets {
	/// Contribution `index` of `datanet`, by `contributor`, with `status`.
	pub fn set(datanet: DatanetId, index: ContributionIndex, contributor: AccountId, status: ContributionStatus) {
		CONTRIBUTIONS.with(|c| c.borrow_mut().insert((datanet, index), (contributor, status)));
	}
}

impl ContributionLedger<AccountId> for FakeDatanets {
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(AccountId, ContributionStatus)> {
		CONTRIBUTIONS.with(|c| c.borrow().get(&(datanet, index)).copied())
	}

	fn owner(datanet: DatanetId) -> Option<AccountId> {
		(datanet < 10).then(|| 100 + u64::from(datanet))
	}
}

/// Agents in the tests: account [`AGENT`] spends for [`AGENT_OPERATOR`] up to [`AGENT_ALLOWANCE`]
/// in all.
pub struct FakeAgents;

thread_local! {
	static AGENT_SPENT: RefCell<Balance> = const { RefCell::new(0) };
}

pub const AGENT: AccountId = 70;
pub const AGENT_OPERATOR: AccountId = 7;
pub const AGENT_ALLOWANCE: Balance = 1_500;

impl openledger_primitives::agents::AgentSpending<AccountId, Balance> for FakeAgents {
	fn payer(spender: &AccountId, amount: Balance) -> Result<AccountId, DispatchError> {
		if *spender != AGENT {
			return Ok(*spender);
		}
		AGENT_SPENT.with(|s| {
			let spent = *s.borrow() + amount;
			if spent > AGENT_ALLOWANCE {
				return Err(DispatchError::Other("allowance exceeded"));
			}
			*s.borrow_mut() = spent;
			Ok(AGENT_OPERATOR)
		})
	}
}

/// Attribution in the tests: jobs are numbered from 0 and remembered.
pub struct FakeAttribution;

impl FakeAttribution {
	/// The requests opened so far.
	pub fn opened() -> Vec<JobRequest> {
		JOBS.with(|j| j.borrow().clone())
	}
}

impl AttributionProvider for FakeAttribution {
	fn open_job(request: JobRequest) -> Result<JobId, DispatchError> {
		JOBS.with(|j| {
			let mut jobs = j.borrow_mut();
			jobs.push(request);
			Ok(jobs.len() as u64 - 1)
		})
	}

	fn open_job_weight() -> Weight {
		Weight::zero()
	}
}

/// Rewards that record the data credits settlement hands them and pay nothing.
pub struct FakeRewards;

thread_local! {
	static REWARDED: RefCell<Vec<(AccountId, Balance)>> = const { RefCell::new(Vec::new()) };
	static LIMITS: RefCell<Vec<Balance>> = const { RefCell::new(Vec::new()) };
}

impl FakeRewards {
	/// The credits handed over so far, in order.
	pub fn credits() -> Vec<(AccountId, Balance)> {
		REWARDED.with(|r| r.borrow().clone())
	}

	/// The limit of each reward so far, in order.
	pub fn limits() -> Vec<Balance> {
		LIMITS.with(|l| l.borrow().clone())
	}
}

impl openledger_primitives::economics::DataRewards<AccountId, Balance> for FakeRewards {
	fn reward(credits: &[(AccountId, Balance)], limit: Balance) -> Balance {
		REWARDED.with(|r| r.borrow_mut().extend_from_slice(credits));
		LIMITS.with(|l| l.borrow_mut().push(limit));
		0
	}

	fn weight(_n: u32) -> Weight {
		Weight::zero()
	}
}

/// The split of the tests: the default, or what a test set.
pub struct TestSplit;

impl TestSplit {
	pub fn set(split: FeeSplit) {
		SPLIT.with(|s| *s.borrow_mut() = Some(split));
	}
}

impl frame_support::traits::Get<FeeSplit> for TestSplit {
	fn get() -> FeeSplit {
		SPLIT.with(|s| s.borrow().unwrap_or_default())
	}
}

pub const TREASURY: AccountId = 999;
pub const ENDOWMENT: Balance = 1_000_000;
pub const RESERVE: Balance = 1;
pub const PROVIDER: AccountId = 50;
pub const OWNER: AccountId = 60;
pub const PRICE: Balance = 1_000;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const InferencePalletId: PalletId = PalletId(*b"py/infer");
	pub const EscrowReserve: Balance = RESERVE;
	pub const MaxQueryLen: u32 = 64;
	pub const MaxPayouts: u32 = 40;
	pub const MaxBatch: u32 = 16;
	pub const MaxReceiptQueryLen: u32 = 16;
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

	fn model(owner: &AccountId, price: u128) -> ModelId {
		FakeModels::set(0, *owner, price, ModelStatus::Active);
		0
	}

	fn contributions(n: u32) -> Vec<openledger_primitives::attribution::ContributionRef> {
		(0..n)
			.map(|index| {
				FakeDatanets::set(0, index, 1_000 + u64::from(index), ContributionStatus::Accepted);
				openledger_primitives::attribution::ContributionRef { datanet: 0, index }
			})
			.collect()
	}
}

/// Accounts 1 to 9 hold [`ENDOWMENT`]; the treasury, the provider, the owner and the escrow
/// account (its reserve) exist; model 0 costs [`PRICE`] from [`OWNER`]; the provider is
/// registered.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap_or_default();
	let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|a| (a, ENDOWMENT)).collect();
	balances.extend([(TREASURY, 1), (PROVIDER, 1), (OWNER, 1), (crate::Pallet::<Test>::escrow_account(), RESERVE)]);
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap_or_default();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		FakeModels::set(0, OWNER, PRICE, ModelStatus::Active);
		crate::Providers::<Test>::insert(PROVIDER, ());
	});
	ext
}
