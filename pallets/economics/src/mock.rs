//! A runtime with balances and economics, for the tests.

use frame_support::{derive_impl, parameter_types, traits::ConstU128, PalletId};
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_economics;

/// Wide enough for the pools' sub-accounts (`modl`, the pallet id and the pool) to differ.
pub type AccountId = u128;
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
	pub type Economics = pallet_economics;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

pub const ED: Balance = 5;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<ED>;
}

pub const CAP: Balance = 1_000_000;
pub const TREASURY: AccountId = 999;
pub const AUTHOR: AccountId = 777;
pub const COMMUNITY: Balance = 500_000;
pub const ECOSYSTEM: Balance = 100_000;
pub const ENDOWMENT: Balance = 10_000;

parameter_types! {
	pub const Cap: Balance = CAP;
	pub const EconomicsPalletId: PalletId = PalletId(*b"ol/econo");
	pub const Treasury: AccountId = TREASURY;
	pub const SpendLimit: Balance = 100_000;
	pub storage CommunityRelease: Balance = 1_000;
	pub storage EcosystemRelease: Balance = 300;
	pub storage Boost: Perbill = Perbill::from_percent(10);
	pub storage DataShare: Perbill = Perbill::from_percent(45);
	pub storage TreasuryShare: Perbill = Perbill::from_percent(5);
	pub storage AuthorFeeShare: Perbill = Perbill::from_percent(20);
	pub storage Author: Option<AccountId> = Some(AUTHOR);
}

pub struct Shares;
impl frame_support::traits::Get<crate::Shares> for Shares {
	fn get() -> crate::Shares {
		crate::Shares { data: DataShare::get(), treasury: TreasuryShare::get() }
	}
}

impl pallet_economics::Config for Test {
	type Currency = Balances;
	type Cap = Cap;
	type Uncapped = ConstU128<0>;
	type PalletId = EconomicsPalletId;
	type CommunityRelease = CommunityRelease;
	type EcosystemRelease = EcosystemRelease;
	type Boost = Boost;
	type Shares = Shares;
	type AuthorFeeShare = AuthorFeeShare;
	type BlockAuthor = Author;
	type Treasury = Treasury;
	type SpendOrigin = frame_system::EnsureRootWithSuccess<AccountId, SpendLimit>;
	type WeightInfo = ();
}

/// The tests' externalities: the pools hold [`COMMUNITY`] and [`ECOSYSTEM`], accounts 1 to 9
/// [`ENDOWMENT`], the treasury the rest of [`CAP`] but [`ENDOWMENT`] left unminted; genesis
/// built; block 1.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|a| (a, ENDOWMENT)).collect();
		balances.push((Economics::account(crate::PoolId::Community), COMMUNITY));
		balances.push((Economics::account(crate::PoolId::Ecosystem), ECOSYSTEM));
		let minted = balances.iter().map(|(_, b)| b).sum::<Balance>();
		balances.push((TREASURY, CAP - minted - ENDOWMENT));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("genesis");
		pallet_economics::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Economics::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}

/// Runs blocks up to `n`, with the pallet's `on_initialize` at each.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Economics::on_initialize(next);
	}
}
