//! A runtime with balances and datanets, for the tests.

use frame_support::{derive_impl, parameter_types, traits::ConstU128};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_datanets;

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
	pub type Datanets = pallet_datanets;
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

/// The slash destination.
pub const TREASURY: AccountId = 999;
/// What each test account starts with.
pub const ENDOWMENT: Balance = 10_000;
pub const DATANET_DEPOSIT: Balance = 100;
pub const CHALLENGE_BOND: Balance = 50;
pub const CHALLENGE_PENALTY: Balance = 30;
pub const COMMITMENT_DEPOSIT: Balance = 5;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const MaxPayloadLen: u32 = 1024;
	pub const MaxNameLen: u32 = 16;
	pub const MaxDescriptionLen: u32 = 64;
	pub const MaxLicenseLen: u32 = 16;
	pub const MaxUriLen: u32 = 32;
	pub const MaxCurators: u32 = 3;
	pub const RevealPeriod: u64 = 10;
	pub const MaxCopyRadius: u32 = 16_000;
	/// What settlement holds for the contributor of a challenged contribution, in the tests.
	pub static HeldForContributor: Balance = 0;
	/// The resolutions heard by settlement: (datanet, index, contributor, upheld).
	pub static Resolutions: Vec<(u32, u32, AccountId, bool)> = Vec::new();
	/// What a contribution's record holds for good: nothing unless a test sets it.
	pub static StorageDeposit: Balance = 0;
}

/// Settlement's side of challenges in the tests: it holds [`HeldForContributor`] for the
/// contributor and pays the penalty from it first.
pub struct FakeEarnings;

impl openledger_primitives::datanets::ChallengedEarnings<AccountId, Balance> for FakeEarnings {
	fn upheld(datanet: u32, index: u32, contributor: &AccountId, _: &AccountId, penalty: Balance) -> Balance {
		Resolutions::mutate(|r| r.push((datanet, index, *contributor, true)));
		let paid = HeldForContributor::get().min(penalty);
		HeldForContributor::set(HeldForContributor::get() - paid);
		paid
	}

	fn rejected(datanet: u32, index: u32, contributor: &AccountId) {
		Resolutions::mutate(|r| r.push((datanet, index, *contributor, false)));
	}

	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

impl pallet_datanets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SlashDestination = Treasury;
	type ArbiterOrigin = EnsureRoot<AccountId>;
	type Earnings = FakeEarnings;
	type DatanetDeposit = ConstU128<DATANET_DEPOSIT>;
	type ChallengeBond = ConstU128<CHALLENGE_BOND>;
	type ChallengePenalty = ConstU128<CHALLENGE_PENALTY>;
	type CommitmentDeposit = ConstU128<COMMITMENT_DEPOSIT>;
	type StorageDeposit = StorageDeposit;
	type RevealPeriod = RevealPeriod;
	type MaxCopyRadius = MaxCopyRadius;
	type MaxPayloadLen = MaxPayloadLen;
	type MaxNameLen = MaxNameLen;
	type MaxDescriptionLen = MaxDescriptionLen;
	type MaxLicenseLen = MaxLicenseLen;
	type MaxUriLen = MaxUriLen;
	type MaxCurators = MaxCurators;
	type WeightInfo = ();
}

/// The tests' externalities: accounts 1 to 6 hold [`ENDOWMENT`]; the treasury exists.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=6).map(|a| (a, ENDOWMENT)).collect();
		balances.push((TREASURY, 1));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			HeldForContributor::reset();
			Resolutions::reset();
			StorageDeposit::reset();
		});
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Datanets::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}
