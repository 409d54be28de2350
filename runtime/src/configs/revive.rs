//! Ethereum compatibility: `pallet-revive` runs Solidity contracts (plain EVM bytecode from
//! `solc`) and accepts transactions signed by Ethereum keys. Everything revive asks of the runtime
//! is here, so that the next polkadot-sdk line (revive's API changes with each) is adapted in one
//! place: its configuration, the Ethereum chain id, and [`EthExtraImpl`], the bridge between an
//! Ethereum transaction and this runtime's transaction extensions. (The extrinsic type, the
//! extension `SetOrigin` and the runtime APIs are wired in `lib.rs` and `apis.rs`.)
//!
//! Accounts are one: an Ethereum key's account is the 32-byte account `address ++ 0xEE × 12`,
//! and a Substrate account is seen by contracts at the last 20 bytes of the Keccak-256 of its 32
//! bytes — recorded for every account when it comes into existence (`AutoMap`), so no one calls
//! `revive.mapAccount`. OPEN has 18 decimals, like ether: one wei is one unit of OPEN.

use crate::{
	configs::TreasuryAccount, Address, Balance, Balances, Nonce, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason,
	RuntimeOrigin, Signature, Timestamp, TxExtension, MILLI_OPEN,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstBool, ConstU32},
};
use frame_system::EnsureSigned;
use sp_runtime::{FixedU128, Perbill};

/// The EIP-155 chain id of networks whose genesis sets no other: `0x4f50454e`, "OPEN" in ASCII,
/// the development networks'. Not registered with chainlist.org. A public network registers its
/// own and sets it at genesis ([`eth_chain::GenesisConfig`]): the chain id is what keeps an
/// Ethereum transaction signed for one network from being replayed on another, and it cannot
/// change after launch (it is part of every signature).
pub const ETH_CHAIN_ID: u64 = 0x4f50_454e;

/// This network's EIP-155 chain id: its genesis's, or [`ETH_CHAIN_ID`].
pub struct EthChainId;

impl frame_support::traits::Get<u64> for EthChainId {
	fn get() -> u64 {
		eth_chain::ChainId::<Runtime>::get().unwrap_or(ETH_CHAIN_ID)
	}
}

/// The network's Ethereum chain id, if its genesis set one.
// FRAME's pallet macros expand to `expect`s that carry their proofs (that the pallet is part of
// the runtime), spanned on this module's attributes: the lint is allowed for what the macros
// generate and denied again on the module's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod eth_chain {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The EIP-155 chain id, if not [`super::ETH_CHAIN_ID`] (set at genesis only).
	#[pallet::storage]
	pub type ChainId<T> = StorageValue<_, u64>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The network's registered chain id (not zero).
		pub chain_id: Option<u64>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	#[deny(clippy::expect_used)]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(id) = self.chain_id {
				assert!(id > 0, "an Ethereum chain id is not zero");
				ChainId::<T>::put(id);
			}
		}
	}
}

impl eth_chain::Config for Runtime {}

/// Revive's gas scale: a unit of gas costs this many wei (units of OPEN) times the fee multiplier,
/// so 1 gwei while blocks are not congested. The cost of a transaction does not depend on it,
/// only how it is counted: a transfer of OPEN takes about 27 million gas (0.027 OPEN), not
/// Ethereum's 21,000, so wallets must estimate gas (`eth_estimateGas`) rather than assume it.
/// (The largest scale revive allows, `u32::MAX`, would still count about 6 million.)
pub const ETH_GAS_SCALE: u32 = 1_000_000_000;

parameter_types! {
	/// Storage a contract creates is paid for by a deposit, refunded when it is freed: a
	/// thousandth of an OPEN a byte (a 10 KB contract holds 10 OPEN), a tenth for each item in
	/// the chain's state, a thousandth for each of a contract's own storage slots.
	pub const ReviveDepositPerByte: Balance = MILLI_OPEN;
	pub const ReviveDepositPerItem: Balance = 100 * MILLI_OPEN;
	pub const ReviveDepositPerChildTrieItem: Balance = MILLI_OPEN;
	/// Instantiating a contract holds 30% of its code's deposit, so code in use stays stored.
	pub const ReviveCodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
	/// An Ethereum transaction may use up to 90% of a block's normal weight.
	pub ReviveMaxEthExtrinsicWeight: FixedU128 = FixedU128::from_rational(9, 10);
}

/// Revive: Solidity (EVM bytecode) and PolkaVM contracts, Ethereum-signed transactions.
///
/// Contract accounts and the pallet's own account hold an existential deposit that revive mints
/// and marks inactive; it is burned when the contract is destroyed. It cannot move (the account
/// holds a consumer reference), so the economics pallet's cap does not count it
/// (`crate::impls::ContractDeposits`).
/// Gas rounding and other burns go to the treasury, as the dust of reaped accounts does.
impl pallet_revive::Config for Runtime {
	type Time = Timestamp;
	type Balance = Balance;
	type Currency = Balances;
	type OnBurn = ResolveTo<TreasuryAccount, Balances>;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WeightInfo = pallet_revive::weights::SubstrateWeight<Runtime>;
	// `IInference` at 0x…4f500000: paid inference, attribution and earnings (see `crate::precompiles`).
	type Precompiles = (crate::precompiles::InferencePrecompile<Runtime>,);
	type FindAuthor = <Runtime as pallet_authorship::Config>::FindAuthor;
	type DepositPerByte = ReviveDepositPerByte;
	type DepositPerItem = ReviveDepositPerItem;
	type DepositPerChildTrieItem = ReviveDepositPerChildTrieItem;
	type CodeHashLockupDepositPercent = ReviveCodeHashLockupDepositPercent;
	type AddressMapper = pallet_revive::AccountId32Mapper<Runtime>;
	type AllowEVMBytecode = ConstBool<true>;
	// Anyone may upload and instantiate code, paying its deposit.
	type UploadOrigin = EnsureSigned<crate::AccountId>;
	type InstantiateOrigin = EnsureSigned<crate::AccountId>;
	type RuntimeMemory = ConstU32<{ 128 * 1024 * 1024 }>;
	type PVFMemory = ConstU32<{ 512 * 1024 * 1024 }>;
	type ChainId = EthChainId;
	type NativeToEthRatio = ConstU32<1>;
	type FeeInfo = pallet_revive::evm::fees::Info<Address, Signature, EthExtraImpl>;
	type Deposit = ();
	type MaxEthExtrinsicWeight = ReviveMaxEthExtrinsicWeight;
	type DebugEnabled = ConstBool<false>;
	type AutoMap = ConstBool<true>;
	type GasScale = ConstU32<ETH_GAS_SCALE>;
}

/// How an Ethereum transaction (`revive.ethTransact`, submitted unsigned with the Ethereum
/// signature inside) becomes a signed transaction of this runtime: the signer's account, the
/// transaction's nonce, an immortal era (Ethereum transactions do not expire), and every check a
/// Substrate transaction passes; `SetOrigin` then marks the origin as an Ethereum transaction's.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EthExtraImpl;

impl pallet_revive::evm::runtime::EthExtra for EthExtraImpl {
	type Config = Runtime;
	type ExtensionV0 = TxExtension;
	type ExtensionOtherVersions = sp_runtime::traits::InvalidVersion;

	fn get_eth_extension(nonce: Nonce, tip: Balance) -> TxExtension {
		let set_origin = pallet_revive::evm::tx_extension::SetOrigin::<Runtime>::new_from_eth_transaction();
		crate::tx_extension(sp_runtime::generic::Era::Immortal, nonce, tip, set_origin)
	}
}
