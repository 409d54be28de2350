//! A runtime with balances and attribution, fake models and datanets, for the tests.

use std::collections::BTreeMap;

use codec::Encode;

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
};
use frame_system::EnsureRoot;
use openledger_primitives::{
	attribution::{FinalAttribution, JobId, OnAttributionFinal, Subject},
	datanets::{ContributionIndex, DataKind, DatanetId, DatanetVersions, Member, VersionNumber, VersionSummary},
	models::{Architecture, ModelCatalog, ModelId, ModelStatus, ModelSummary},
};
use sp_core::H256;
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	AccountId32, BuildStorage, MultiSignature, MultiSigner, Perbill, Weight,
};

use crate as pallet_attribution;

pub type AccountId = AccountId32;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;
/// What the worker's signed transactions are, in the tests.
pub type Extrinsic = sp_runtime::generic::UncheckedExtrinsic<AccountId, RuntimeCall, (), ()>;

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
	pub type Attribution = pallet_attribution;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU128<1>;
}

impl frame_system::offchain::SigningTypes for Test {
	type Public = <MultiSignature as Verify>::Signer;
	type Signature = MultiSignature;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateSignedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<A: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		_public: MultiSigner,
		account: AccountId,
		nonce: <Test as frame_system::Config>::Nonce,
	) -> Option<Extrinsic> {
		SignedNonces::mutate(|nonces| nonces.push(nonce));
		Some(Extrinsic::new_signed(call, account, (), ()))
	}
}

parameter_types! {
	/// The nonces the off-chain worker signed transactions with, in order.
	pub static SignedNonces: Vec<u32> = Vec::new();
	/// The models of the tests' registry.
	pub static RegisteredModels: BTreeMap<ModelId, ModelSummary> = BTreeMap::new();
	/// The published versions of the tests' datanets and their members.
	pub static PublishedVersions: BTreeMap<(DatanetId, VersionNumber), Vec<Member>> =
		BTreeMap::new();
	/// The final attributions settlement heard, in order.
	pub static HeardFinal: Vec<FinalAttribution<AccountId>> = Vec::new();
	/// The jobs whose results were forgotten, and their subjects, in order.
	pub static HeardExpired: Vec<(JobId, Subject)> = Vec::new();
}

/// The model registry of the tests.
pub struct FakeModels;

impl FakeModels {
	/// Registers model `id` trained on `lineage`.
	pub fn register(id: ModelId, lineage: Vec<(DatanetId, VersionNumber)>) {
		Self::register_as(
			id,
			lineage,
			Architecture::SoftmaxRegression { features: 2, classes: 2, l2: Perbill::from_percent(1) },
		);
	}

	/// Registers model `id` of `architecture` on `lineage`.
	pub fn register_as(id: ModelId, lineage: Vec<(DatanetId, VersionNumber)>, architecture: Architecture) {
		let summary =
			ModelSummary { architecture, weights: H256::repeat_byte(0xee), lineage, status: ModelStatus::Active };
		RegisteredModels::mutate(|m| m.insert(id, summary));
	}
}

impl ModelCatalog for FakeModels {
	fn model(id: ModelId) -> Option<ModelSummary> {
		RegisteredModels::get().get(&id).cloned()
	}

	fn suspend(id: ModelId) {
		RegisteredModels::mutate(|m| {
			if let Some(model) = m.get_mut(&id).filter(|m| m.status == ModelStatus::Active) {
				model.status = ModelStatus::Suspended;
			}
		});
	}
}

/// The datanets of the tests.
pub struct FakeDatanets;

impl FakeDatanets {
	/// Publishes version `version` of `datanet` with `members` contributions (indices 0..),
	/// which arrived in datanet and index order.
	pub fn publish(datanet: DatanetId, version: VersionNumber, members: u32) {
		let list = (0..members)
			.map(|index| {
				let n = u64::from(datanet) << 32 | u64::from(index);
				Member { index, hash: H256::from_low_u64_be(n), arrival: 1 + n }
			})
			.collect();
		PublishedVersions::mutate(|v| v.insert((datanet, version), list));
	}

	/// Says that member `index` of every version of `datanet` arrived `arrival`-th.
	pub fn set_arrival(datanet: DatanetId, index: ContributionIndex, arrival: u64) {
		PublishedVersions::mutate(|versions| {
			for ((d, _), members) in versions.iter_mut() {
				members.iter_mut().filter(|m| *d == datanet && m.index == index).for_each(|m| m.arrival = arrival);
			}
		});
	}
}

impl DatanetVersions for FakeDatanets {
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary> {
		PublishedVersions::get().get(&(datanet, version)).map(|m| VersionSummary {
			kind: DataKind::Tabular { features: 2, classes: 2 },
			// one radius per datanet, so that the worker's request can be seen to carry it
			copy_radius: 100 + datanet,
			contributions: m.len() as u32,
			references: 0,
			rows: m.len() as u64,
		})
	}

	fn members(datanet: DatanetId, version: VersionNumber) -> Vec<Member> {
		PublishedVersions::get().get(&(datanet, version)).cloned().unwrap_or_default()
	}

	fn is_member(datanet: DatanetId, version: VersionNumber, index: ContributionIndex) -> bool {
		PublishedVersions::get().get(&(datanet, version)).is_some_and(|m| m.iter().any(|m| m.index == index))
	}
}

/// Settlement in the tests: remembers what it heard.
pub struct Heard;

impl Heard {
	/// The final attributions heard so far.
	pub fn all() -> Vec<FinalAttribution<AccountId>> {
		HeardFinal::get()
	}
}

impl OnAttributionFinal<AccountId> for Heard {
	fn on_attribution_final(attribution: &FinalAttribution<AccountId>) {
		HeardFinal::mutate(|f| f.push(attribution.clone()));
	}

	fn weight() -> Weight {
		Weight::zero()
	}

	fn on_attribution_expired(job: JobId, subject: &Subject) {
		HeardExpired::mutate(|e| e.push((job, *subject)));
	}

	fn expired_weight() -> Weight {
		Weight::zero()
	}
}

/// Committee draws in the tests: a hash of the subject and the parent block's hash (as the
/// runtime's).
pub struct TestRandomness;

impl frame_support::traits::Randomness<H256, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		(H256(sp_io::hashing::blake2_256(&(subject, System::parent_hash()).encode())), System::block_number())
	}
}

pub const TREASURY: AccountId = AccountId32::new([0xfe; 32]);
pub const ENDOWMENT: Balance = 1_000_000;
pub const MIN_BOND: Balance = 1_000;
pub const COMMIT: u64 = 3;
pub const REVEAL: u64 = 3;
pub const UNBONDING: u64 = 50;
pub const MAX_STRIKES: u32 = 3;
pub const TOLERANCE: u32 = 50_000;
pub const RETAINED: u64 = 20;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const MinBond: Balance = MIN_BOND;
	pub static MaxAttestors: u32 = 8;
	pub static CommitteeSize: u32 = 3;
	pub const CommitPeriod: u64 = COMMIT;
	pub const RevealPeriod: u64 = REVEAL;
	pub const UnbondingPeriod: u64 = UNBONDING;
	pub const Quorum: Perbill = Perbill::from_percent(60);
	pub const Tolerance: u32 = TOLERANCE;
	pub const MaxStrikes: u32 = MAX_STRIKES;
	pub const StrikeSlash: Perbill = Perbill::from_percent(10);
	pub const MaxShares: u32 = 4;
	pub const MaxLineage: u32 = 4;
	pub const MaxJobsPerBlock: u32 = 2;
	pub const MaxBatch: u32 = 3;
	pub const MaxQueryLen: u32 = 64;
	/// As the runtime: two seconds of first-job work a block, twelve at most before the attestors.
	pub const WorkPerBlock: u64 = 2_000_000;
	pub static MaxWorkBacklog: u64 = 12_000_000;
	/// Three blocks' draws wait at most, and jobs are refused past 12 s of work waiting.
	pub const MaxWaitingJobs: u32 = 6;
	pub const MaxWaitingWork: u64 = 12_000_000;
	/// What opening a job costs before congestion: nothing unless a test sets it.
	pub static JobFee: Balance = 0;
	pub static Retention: u64 = RETAINED;
}

impl pallet_attribution::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = FakeModels;
	type Datanets = FakeDatanets;
	type Randomness = TestRandomness;
	type OnFinal = Heard;
	type SlashDestination = Treasury;
	type JobOrigin = EnsureRoot<AccountId>;
	type JobFee = JobFee;
	type MaxJobFeeMultiplier = ConstU32<100>;
	type AuthorityId = crate::AttestorAuthId;
	type MinBond = MinBond;
	type MaxAttestors = MaxAttestors;
	type CommitteeSize = CommitteeSize;
	type CommitPeriod = CommitPeriod;
	type RevealPeriod = RevealPeriod;
	type UnbondingPeriod = UnbondingPeriod;
	type Quorum = Quorum;
	type Tolerance = Tolerance;
	type MaxStrikes = MaxStrikes;
	type StrikeSlash = StrikeSlash;
	type MaxShares = MaxShares;
	type MaxLineage = MaxLineage;
	type MaxJobsPerBlock = MaxJobsPerBlock;
	type MaxBatch = MaxBatch;
	type MaxQueryLen = MaxQueryLen;
	type WorkPerBlock = WorkPerBlock;
	type MaxWorkBacklog = MaxWorkBacklog;
	type MaxWaitingJobs = MaxWaitingJobs;
	type MaxWaitingWork = MaxWaitingWork;
	type Retention = Retention;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FakeModels;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for FakeModels {
	fn model(
		members: u32,
	) -> Result<(ModelId, Vec<openledger_primitives::attribution::ContributionRef>), frame_benchmarking::BenchmarkError>
	{
		FakeDatanets::publish(5, 1, members);
		// a new model each call
		let id = RegisteredModels::get().keys().last().map_or(1, |last| last + 1);
		FakeModels::register(id, vec![(5, 1)]);
		let refs = (0..members).map(|index| openledger_primitives::attribution::ContributionRef { datanet: 5, index });
		Ok((id, refs.collect()))
	}
}

/// Test account `n`.
pub fn account(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}

/// The account of an sr25519 key.
pub fn account_of(public: sp_core::sr25519::Public) -> AccountId {
	MultiSigner::from(public).into_account()
}

/// The tests' externalities: accounts 1 to 9 (and any [`ExtBuilder::with_accounts`]) hold
/// [`ENDOWMENT`]; the treasury exists; model 0 is trained on datanet 0 version 1 (4 members) and
/// datanet 1 version 1 (2 members); block 1.
#[derive(Default)]
pub struct ExtBuilder {
	extra: Vec<AccountId>,
}

impl ExtBuilder {
	/// Endows `extra` accounts too.
	pub fn with_accounts(mut self, extra: Vec<AccountId>) -> Self {
		self.extra = extra;
		self
	}

	/// The externalities, without the invariant check at the end (for tests that break them).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("system genesis");
		let mut balances: Vec<(AccountId, Balance)> = (1..=9).map(|n| (account(n), ENDOWMENT)).collect();
		balances.extend(self.extra.into_iter().map(|a| (a, ENDOWMENT)));
		balances.push((TREASURY, 1));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("balances genesis");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			RegisteredModels::reset();
			PublishedVersions::reset();
			HeardFinal::reset();
			HeardExpired::reset();
			Retention::reset();
			JobFee::reset();
			MaxAttestors::reset();
			CommitteeSize::reset();
			FakeDatanets::publish(0, 1, 4);
			FakeDatanets::publish(1, 1, 2);
			FakeModels::register(0, vec![(0, 1), (1, 1)]);
		});
		ext
	}

	/// Runs `test` in the externalities, then checks the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Attribution::do_try_state().expect("the pallet's invariants hold after the test");
		});
	}
}
