//! A runtime with balances and agents, for the tests.

use frame_support::{derive_impl, parameter_types, traits::ConstU128};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_agents;

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
	pub type Agents = pallet_agents;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU128<1>;
}

pub const TREASURY: AccountId = 999;
pub const ENDOWMENT: Balance = 10_000;
pub const MIN_STAKE: Balance = 1_000;
pub const REPORT_BOND: Balance = 100;
pub const UNBONDING: u64 = 10;
pub const PERIOD: u64 = 10;
pub const REPORT_PERIOD: u64 = 20;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const MinStake: Balance = MIN_STAKE;
	pub const UnbondingPeriod: u64 = UNBONDING;
	pub const MaxUnbonding: u32 = 3;
	pub const AllowancePeriod: u64 = PERIOD;
	pub const ReportBond: Balance = REPORT_BOND;
	pub const ReportPeriod: u64 = REPORT_PERIOD;
	pub const MaxOpenReports: u32 = 2;
	pub const ReporterShare: Perbill = Perbill::from_percent(30);
	pub const MaxNameLen: u32 = 16;
	pub const MaxModels: u32 = 4;
	pub const MaxEndpointLen: u32 = 32;
}

impl pallet_agents::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ArbiterOrigin = EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type MinStake = MinStake;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnbonding = MaxUnbonding;
	type AllowancePeriod = AllowancePeriod;
	type ReportBond = ReportBond;
	type ReportPeriod = ReportPeriod;
	type MaxOpenReports = MaxOpenReports;
	type ReporterShare = ReporterShare;
	type MaxNameLen = MaxNameLen;
	type MaxModels = MaxModels;
	type MaxEndpointLen = MaxEndpointLen;
	type Signature = sp_runtime::testing::TestSignature;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

/// The tests' externalities: accounts 1 to 9 hold [`ENDOWMENT`]; the treasury exists; block 1.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|a| (a, ENDOWMENT)).collect();
		balances.push((TREASURY, 1));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Agents::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}

/// Signs agents' consents in the benchmarks: the test signature of account 77.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, sp_runtime::testing::TestSignature> for TestSigner {
	fn sign(message: &[u8]) -> (AccountId, sp_runtime::testing::TestSignature) {
		(77, sp_runtime::testing::TestSignature(77, message.to_vec()))
	}
}
