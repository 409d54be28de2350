//! A runtime with balances and the bridge, and a committee of test keys, for the tests.

use frame_support::{derive_impl, parameter_types, traits::ConstU128, PalletId};
use sp_core::{ecdsa, Pair, H160};
use sp_runtime::{AccountId32, BuildStorage};

use crate as pallet_bridge;

pub type AccountId = AccountId32;
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
	pub type Bridge = pallet_bridge;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

pub const ED: Balance = 5;
pub const RESERVE: Balance = 1_000_000;
pub const ENDOWMENT: Balance = 10_000;
pub const PERIOD: u64 = 10;
pub const PER_PERIOD: Balance = 5_000;
/// The Ethereum chain and vault of the tests.
pub const CHAIN_ID: u64 = 31_337;
pub const VAULT: H160 = H160([0x11; 20]);

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<ED>;
}

parameter_types! {
	pub const BridgePalletId: PalletId = PalletId(*b"ol/bridg");
	pub const MaxMembers: u32 = 5;
	pub const MinTransfer: Balance = 10;
	pub const MaxTransfer: Balance = 3_000;
	pub const ReleasePeriod: u64 = PERIOD;
	pub const MaxReleasePerPeriod: Balance = PER_PERIOD;
}

impl pallet_bridge::Config for Test {
	type Currency = Balances;
	type PalletId = BridgePalletId;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxMembers = MaxMembers;
	type MinTransfer = MinTransfer;
	type MaxTransfer = MaxTransfer;
	type ReleasePeriod = ReleasePeriod;
	type MaxReleasePerPeriod = MaxReleasePerPeriod;
	type WeightInfo = ();
}

/// Account `n` of the tests.
pub fn account(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}

/// Committee key `n` (from a fixed seed).
pub fn key(n: u8) -> ecdsa::Pair {
	ecdsa::Pair::from_seed(&[n.wrapping_add(1); 32])
}

/// The Ethereum address of `pair`.
pub fn address(pair: &ecdsa::Pair) -> H160 {
	let public = libsecp_public(pair);
	crate::eip712::address_of(&public)
}

/// `pair`'s uncompressed public key without its prefix, recovered from a signature of its own.
fn libsecp_public(pair: &ecdsa::Pair) -> [u8; 64] {
	let digest = [7u8; 32];
	let signature = pair.sign_prehashed(&digest);
	sp_io::crypto::secp256k1_ecdsa_recover(&signature.0, &digest).ok().expect("own signature recovers")
}

/// `pair`'s signature of `digest` as Ethereum makes it (`v` 27 or 28; `s` is low, as
/// libsecp256k1 signs).
pub fn sign(pair: &ecdsa::Pair, digest: &[u8; 32]) -> [u8; 65] {
	let mut signature = pair.sign_prehashed(digest).0;
	signature[64] += 27;
	signature
}

/// The committee's keys, ascending by address: `n` of them.
pub fn committee(n: u8) -> Vec<ecdsa::Pair> {
	let mut keys: Vec<ecdsa::Pair> = (0..n).map(key).collect();
	keys.sort_by_key(address);
	keys
}

/// The tests' externalities: the reserve holds [`RESERVE`], accounts 1 to 9 [`ENDOWMENT`]; a
/// committee of three (threshold two) and the vault set; block 1.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|a| (account(a), ENDOWMENT)).collect();
		balances.push((Bridge::reserve_account(), RESERVE));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("genesis");
		pallet_bridge::GenesisConfig::<Test> {
			committee: committee(3).iter().map(address).collect(),
			threshold: 2,
			vault: Some((CHAIN_ID, VAULT)),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		// the benchmarks' committee keys live in a keystore
		ext.register_extension(sp_keystore::KeystoreExt::new(sp_keystore::testing::MemoryKeystore::new()));
		ext.execute_with(|| {
			// block 1's hash of its parent: the genesis hash every message carries
			System::initialize(&1, &sp_core::H256([0x42; 32]), &Default::default());
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Bridge::do_try_state().expect("the bridge's invariants hold after the test");
		});
	}
}
