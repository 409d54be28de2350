//! The configuration of each pallet in the runtime, by area, in the layout of polkadot-sdk's
//! templates: [`system`] (system and consensus), [`tokens`] (the OPEN token and fees),
//! [`openledger`] (OpenLedger's own pallets), [`parameters`] (runtime parameters),
//! [`governance`], [`validators`] and [`revive`] (Ethereum compatibility). The glue types the configurations use are in
//! [`crate::impls`]; the benchmarks' set-up in `crate::benchmarks`.
//!
//! Every public item of the submodules is re-exported here, so `configs::TreasuryAccount` names
//! the treasury account wherever it is configured.

pub mod governance;
pub mod openledger;
pub mod parameters;
pub mod revive;
pub mod system;
pub mod tokens;
pub mod validators;

pub use governance::*;
pub use openledger::*;
pub use parameters::*;
pub use revive::*;
pub use system::*;
pub use tokens::*;
pub use validators::*;
