//! # OpenLedger primitives
//!
//! The `no_std` types and constants that the runtime, the pallets and the node agree on. A pallet
//! never depends on another pallet's crate; what two of them share is named here: the domain
//! types of datanets ([`datanets`]), models ([`models`]) and Proof of Attribution
//! ([`attribution`]), the traits through which pallets ask each other
//! ([`datanets::DatanetVersions`], [`models::ModelCatalog`],
//! [`attribution::AttributionProvider`], [`attribution::OnAttributionFinal`]), the host
//! function through which attestors' workers reach the node's engine
//! ([`attribution::engine`]), and the runtime APIs behind the node's `openledger_*` JSON-RPC
//! methods ([`api`]).
//!
//! ## The OPEN token
//!
//! OPEN is the chain's native token. It has [`DECIMALS`] = 18 decimals, so one OPEN is
//! [`OPEN`] = 10¹⁸ of the smallest unit ([`Balance`] counts smallest units). The supply is capped
//! at [`TOTAL_SUPPLY`] = 1,000,000,000 OPEN, all of it minted at genesis.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub mod agents;
pub mod api;
pub mod attribution;
pub mod datanets;
pub mod economics;
pub mod inference;
pub mod models;
#[cfg(feature = "std")]
pub mod serde_helpers;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// An index to a block.
pub type BlockNumber = u32;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of OPEN, in its smallest unit (10⁻¹⁸ OPEN).
pub type Balance = u128;

/// Index of a transaction in the chain: an account's nonce.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// The token's ticker, as chain properties report it (`tokenSymbol`).
pub const TOKEN_SYMBOL: &str = "OPEN";

/// The number of decimals of OPEN, as chain properties report it (`tokenDecimals`).
pub const DECIMALS: u8 = 18;

/// One OPEN in the smallest unit.
pub const OPEN: Balance = 1_000_000_000_000_000_000;

/// One thousandth of an OPEN.
pub const MILLI_OPEN: Balance = OPEN / 1_000;

/// One millionth of an OPEN.
pub const MICRO_OPEN: Balance = OPEN / 1_000_000;

/// The whole supply of OPEN: 1,000,000,000 OPEN, minted at genesis and never more.
pub const TOTAL_SUPPLY: Balance = 1_000_000_000 * OPEN;

/// The SS58 address prefix of OpenLedger accounts. 4242 is unregistered in the SS58 registry at
/// the time of writing; addresses with it start with a letter that sets them apart from
/// Polkadot's and Kusama's.
pub const SS58_PREFIX: u16 = 4242;

/// Milliseconds between two blocks: Aura gives each slot this long.
pub const MILLISECS_PER_BLOCK: u64 = 6_000;

/// Blocks in a minute, an hour and a day at [`MILLISECS_PER_BLOCK`].
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks in an hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks in a day.
pub const DAYS: BlockNumber = HOURS * 24;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn supply_is_a_billion_open_in_smallest_units() {
		assert_eq!(OPEN, 10u128.pow(u32::from(DECIMALS)));
		assert_eq!(TOTAL_SUPPLY / OPEN, 1_000_000_000);
		assert_eq!(TOTAL_SUPPLY % OPEN, 0);
	}

	#[test]
	fn six_second_blocks_make_ten_a_minute() {
		assert_eq!(MINUTES, 10);
		assert_eq!(DAYS, 14_400);
	}
}
