//! System and consensus: accounts and blocks, Aura authorship, GRANDPA finality, time,
//! batches, and the signed transactions attestors' off-chain workers send.

use super::*;
use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, CollatorSelection, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, Signature, SignedPayload, System, UncheckedExtrinsic,
	MILLISECS_PER_BLOCK, SS58_PREFIX, VERSION,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::Verify, Perbill};

/// The share of a block's weight and length that normal (non-operational) transactions may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The time a block may spend on execution: two of its six seconds.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

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
	type BaseCallFilter =
		frame_support::traits::InsideBoth<crate::impls::EconomicsGuard, crate::impls::EthereumSendersStay>;
	/// FRAME's benchmarked weights priced with this runtime's `DbWeight` (ParityDB), not the
	/// preset's `()` (the same benchmarks priced for RocksDB).
	type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	/// Every new account is given its Ethereum address at once (`pallet_revive::AutoMapper`), and
	/// loses it when reaped: contracts and Ethereum tools see one account, not two.
	type OnNewAccount = pallet_revive::AutoMapper<Runtime>;
	type OnKilledAccount = pallet_revive::AutoMapper<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	// An offender disabled by the session pallet authors no block for the rest of the session.
	type DisabledValidators = crate::Session;
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

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	// A new GRANDPA set starts at most once a session: the sets of the reportable sessions.
	type MaxSetIdSessionEntries = ConstU64<{ 2 * crate::offences::BOND_HELD_SESSIONS as u64 }>;
	type KeyOwnerProof = crate::offences::KeyOwnership;
	type EquivocationReportSystem = crate::offences::OncePerSession;
}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ MILLISECS_PER_BLOCK / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

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

/// Unsigned transactions a node submits from its own pool: GRANDPA equivocation reports.
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		crate::GenericUncheckedExtrinsic::new_bare(call).into()
	}
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
		let era = sp_runtime::generic::Era::mortal(MORTALITY, current);
		let tx_ext = crate::tx_extension(era, nonce, 0, Default::default());
		let payload = SignedPayload::new(call, tx_ext).ok()?;
		let signature = codec::Encode::using_encoded(&payload, |bytes| A::sign(bytes, public))?;
		let (call, tx_ext, _) = payload.deconstruct();
		Some(
			crate::GenericUncheckedExtrinsic::new_signed(
				call,
				sp_runtime::MultiAddress::Id(account),
				signature,
				tx_ext,
			)
			.into(),
		)
	}
}
