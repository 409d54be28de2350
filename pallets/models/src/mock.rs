//! A runtime with balances and the model registry; datanet versions come from a fake.

use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU128};
use openledger_primitives::datanets::{DataKind, DatanetId, DatanetVersions, VersionNumber, VersionSummary};
use sp_runtime::BuildStorage;

use crate as pallet_models;

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
	pub type ModelRegistry = pallet_models;
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

parameter_types! {
	/// The published versions of the tests' datanets.
	pub static PublishedVersions: BTreeMap<(DatanetId, VersionNumber), VersionSummary> = BTreeMap::new();
}

/// Published datanet versions, as the test sets them.
pub struct FakeDatanets;

impl FakeDatanets {
	/// Publishes version `version` of `datanet`, of `kind`: three inline contributions.
	pub fn publish(datanet: DatanetId, version: VersionNumber, kind: DataKind) {
		Self::publish_with_references(datanet, version, kind, 0);
	}

	/// As [`FakeDatanets::publish`], `references` of the three being referenced artefacts.
	pub fn publish_with_references(datanet: DatanetId, version: VersionNumber, kind: DataKind, references: u32) {
		let summary = VersionSummary { kind, copy_radius: 0, contributions: 3, references, rows: 3 };
		PublishedVersions::mutate(|v| v.insert((datanet, version), summary));
	}
}

impl DatanetVersions for FakeDatanets {
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary> {
		PublishedVersions::get().get(&(datanet, version)).copied()
	}

	fn members(_datanet: DatanetId, _version: VersionNumber) -> Vec<openledger_primitives::datanets::Member> {
		Vec::new()
	}

	fn is_member(_datanet: DatanetId, _version: VersionNumber, _index: u32) -> bool {
		false
	}
}

pub const ENDOWMENT: Balance = 10_000;
pub const MODEL_DEPOSIT: Balance = 200;
pub const TREASURY: AccountId = 99;

parameter_types! {
	pub const MaxWeightsLen: u32 = 4096;
	pub const MaxNameLen: u32 = 16;
	pub const MaxDescriptionLen: u32 = 32;
	pub const MaxUriLen: u32 = 32;
	pub const MaxLineage: u32 = 3;
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datanets = FakeDatanets;
	type ModelDeposit = ConstU128<MODEL_DEPOSIT>;
	type MaxWeightsLen = MaxWeightsLen;
	type MaxNameLen = MaxNameLen;
	type MaxDescriptionLen = MaxDescriptionLen;
	type MaxUriLen = MaxUriLen;
	type MaxLineage = MaxLineage;
	type ArbiterOrigin = frame_system::EnsureRoot<AccountId>;
	type SlashDestination = Treasury;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FakeDatanets;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for FakeDatanets {
	fn publish_versions(count: u32) -> Result<Vec<(DatanetId, VersionNumber)>, frame_benchmarking::BenchmarkError> {
		let kind = DataKind::Tabular { features: crate::BENCHMARK_FEATURES, classes: crate::BENCHMARK_CLASSES };
		Ok((0..count)
			.map(|v| {
				Self::publish(100, v + 1, kind);
				(100, v + 1)
			})
			.collect())
	}
}

/// The tests' externalities: accounts 1 to 4 hold [`ENDOWMENT`]; datanet 0 (tabular, 4
/// features, 3 classes) has versions 1 and 2, datanet 1 (text) version 1.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=4).map(|a| (a, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			PublishedVersions::reset();
			FakeDatanets::publish(0, 1, DataKind::Tabular { features: 4, classes: 3 });
			FakeDatanets::publish(0, 2, DataKind::Tabular { features: 4, classes: 3 });
			FakeDatanets::publish(1, 1, DataKind::Text);
		});
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ModelRegistry::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}
