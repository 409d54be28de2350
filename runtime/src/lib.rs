//! # OpenLedger runtime
//!
//! The state transition function of the OpenLedger chain, compiled to Wasm and embedded in the
//! node (`WASM_BINARY`).
//!
//! ## Overview
//!
//! Today the runtime holds the chain's foundation: block production (Aura, 6 s slots, the author
//! known to `pallet-authorship`) and finality (GRANDPA) over a validator set that changes at
//! session boundaries (`pallet-session`, `pallet-collator-selection`: invulnerables and bonded
//! candidates, see [`validators`]; GRANDPA equivocations punished, see [`offences`]),
//! the OPEN token (`pallet-balances`, 18 decimals, 1,000,000,000 OPEN minted at genesis, vesting
//! by `pallet-vesting`), fees paid in OPEN (`pallet-transaction-payment`), runtime parameters
//! (`pallet-parameters`), batches (`pallet-utility`) and, on development networks only,
//! `pallet-sudo`; and OpenLedger's own pallets: `Datanets` (curated data, versions,
//! challenges), `Models` (the model registry with lineage), `Attribution` (Proof of
//! Attribution), `Inference` (paid inference and settlement), `Agents` (agent staking) and
//! `Economics` (the cap, the pools, the data-reward boost, the fee split); and governance
//! ([`governance`]): referenda with conviction voting on four tracks, the scheduler, preimages
//! and the treasury; and Ethereum compatibility (`Revive`, see [`configs::revive`]): Solidity
//! contracts and transactions signed by Ethereum keys.
//!
//! ## Fees
//!
//! A transaction pays `base + weight × WEIGHT_FEE + length × TRANSACTION_BYTE_FEE`, adjusted by
//! the usual congestion multiplier, which never falls below 1 (revive's gas price is derived from
//! it). An Ethereum transaction pays the same, rounded up to a whole unit of gas. Fees and tips
//! are not burned: the economics pallet credits
//! `economics.AuthorFeeShare` (20%) of each fee and every tip to the block's author, the rest to
//! the treasury account ([`configs::TreasuryAccount`]), so total issuance stays at the genesis
//! supply.
//!
//! ## Genesis
//!
//! Genesis state comes from the presets in [`genesis_config_presets`]: `development` (one
//! validator, Alice) and `local_testnet` (three, Alice, Bob and Charlie; more join as
//! candidates). In both,
//! total issuance is exactly [`openledger_primitives::TOTAL_SUPPLY`], allocated as
//! [`openledger_primitives::economics::allocation`] says.

#![cfg_attr(not(feature = "std"), no_std)]
// The runtime macros expand recursively, once per pallet.
#![recursion_limit = "256"]
// `construct_runtime!` and `impl_runtime_apis!` expand to code that the workspace lints flag.
#![allow(clippy::arithmetic_side_effects)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

// `define_benchmarks!` defines the `list_benchmarks!` and `add_benchmarks!` macros that `apis`
// uses, so this module comes first.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;

pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod impls;
pub mod offences;
pub mod precompiles;
pub mod validators;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::{runtime_version, RuntimeVersion};

pub use openledger_primitives::{
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, DAYS, DECIMALS, HOURS, MICRO_OPEN, MILLISECS_PER_BLOCK,
	MILLI_OPEN, MINUTES, OPEN, SS58_PREFIX, TOKEN_SYMBOL, TOTAL_SUPPLY,
};

/// Opaque types: what the node and other outer code need to know of the runtime's block without
/// knowing its calls.
pub mod opaque {
	use super::*;
	use alloc::vec::Vec;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator sets for its session (`session.setKeys`): Aura to author, GRANDPA
		/// to finalize, and the attestor key `attr` its off-chain worker may attest with.
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
			pub attr: super::Attribution,
		}
	}
}

/// The version of the runtime. `spec_version` must grow with every runtime that changes
/// behaviour; `transaction_version` with every change to how calls or their extensions encode.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("openledger"),
	impl_name: alloc::borrow::Cow::Borrowed("openledger-node"),
	authoring_version: 1,
	spec_version: 113,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 6,
	system_version: 1,
};

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block signed with a justification (GRANDPA's).
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions every signed transaction carries, in order: they check the sender,
/// the runtime and genesis it was signed for, its mortality, nonce and weight, charge its fee,
/// refund unused weight, and mark an Ethereum transaction's origin as such (`SetOrigin`: nothing
/// in a Substrate transaction's encoding; see [`configs::revive`]).
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
	pallet_revive::evm::tx_extension::SetOrigin<Runtime>,
);

/// The extensions of a transaction with `nonce` valid in `era`, tipping `tip`; `set_origin` is
/// `SetOrigin::new_from_eth_transaction()` for an Ethereum transaction, its default otherwise.
/// The one place the tuple is built: off-chain workers, Ethereum transactions and tests use it.
pub fn tx_extension(
	era: generic::Era,
	nonce: Nonce,
	tip: Balance,
	set_origin: pallet_revive::evm::tx_extension::SetOrigin<Runtime>,
) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
		frame_system::WeightReclaim::<Runtime>::new(),
		set_origin,
	)
}

/// Unchecked extrinsic type as expected by this runtime: the generic one, which also accepts
/// `revive.ethTransact` carrying a transaction signed by an Ethereum key.
pub type UncheckedExtrinsic =
	pallet_revive::evm::runtime::UncheckedExtrinsic<Address, Signature, configs::EthExtraImpl>;

/// The extrinsic format inside [`UncheckedExtrinsic`], to build one from (`.into()`).
pub type GenericUncheckedExtrinsic = generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations to run on the next runtime upgrade: each runs once, by storage version.
type Migrations = (pallet_attribution::migrations::v1::MigrateToV1<Runtime>,);

/// Executive: dispatches incoming extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(8)]
	pub type Parameters = pallet_parameters;

	#[runtime::pallet_index(9)]
	pub type Vesting = pallet_vesting;

	#[runtime::pallet_index(10)]
	pub type Datanets = pallet_datanets;

	#[runtime::pallet_index(11)]
	pub type Models = pallet_models;

	#[runtime::pallet_index(12)]
	pub type Attribution = pallet_attribution;

	#[runtime::pallet_index(13)]
	pub type Inference = pallet_inference;

	#[runtime::pallet_index(14)]
	pub type Agents = pallet_agents;

	// Hooks and genesis builds run in the order of the indices: the author of a block is found (and
	// noted by collator selection) before the session may rotate the validators it is looked up
	// in, and collator selection's genesis (the invulnerables) is built before the session's,
	// which asks it for the first set. Authorship's and CollatorSelection's indices must stay below
	// Session's.
	#[runtime::pallet_index(15)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(16)]
	pub type Economics = pallet_economics;

	#[runtime::pallet_index(17)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(18)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(19)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(20)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(21)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(22)]
	pub type Origins = crate::governance::origins;

	#[runtime::pallet_index(23)]
	pub type CollatorSelection = pallet_collator_selection;

	#[runtime::pallet_index(24)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(25)]
	pub type SessionLength = crate::validators::session_length;

	#[runtime::pallet_index(26)]
	pub type Offences = pallet_offences;

	#[runtime::pallet_index(27)]
	pub type Accountability = crate::offences::accountability;

	#[runtime::pallet_index(28)]
	pub type Bridge = pallet_bridge;

	#[runtime::pallet_index(29)]
	pub type Revive = pallet_revive;

	#[runtime::pallet_index(30)]
	pub type EthChain = crate::configs::revive::eth_chain;
}
