//! The runtime APIs behind the node's `openledger_*` JSON-RPC methods, and the views they
//! return, by domain: [`datanets`], [`models`], [`inference`], [`agents`], [`economics`]. Views
//! serialise to the JSON the RPC answers with: camelCase fields, amounts as decimal strings,
//! names as text, hashes as `0x…` hex, accounts as SS58.
//!
//! For a new read-only query that clients can make through metadata, prefer the pallet's
//! `#[pallet::view_functions]` to a runtime API and an RPC method here.

pub mod agents;
pub mod datanets;
pub mod economics;
pub mod inference;
pub mod models;

pub use agents::*;
pub use datanets::*;
pub use economics::*;
pub use inference::*;
pub use models::*;
