//! The parts of the OpenLedger node that are tested on their own: the attribution engine of the
//! off-chain worker ([`attestor`]). The binary (`main.rs`) holds the CLI, the service and RPC.

pub mod attestor;
