// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_agents`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-11-24, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_agents --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/agents/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_agents`.
pub trait WeightInfo {
	fn register_agent() -> Weight;
	fn bond_more() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn set_allowance() -> Weight;
	fn deregister() -> Weight;
	fn report() -> Weight;
	fn resolve_report() -> Weight;
	fn expire_report() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Agents::OperatorAgents` (r:0 w:1)
	/// Proof: `Agents::OperatorAgents` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn register_agent() -> Weight {
		// Proof size: measured 182, estimated 4168 bytes. Fastest run: 82_534_000 ps.
		Weight::from_parts(86_010_000, 4168)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof size: measured 983, estimated 4168 bytes. Fastest run: 86_672_000 ps.
		Weight::from_parts(90_749_000, 4168)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size: measured 788, estimated 4168 bytes. Fastest run: 28_003_000 ps.
		Weight::from_parts(30_427_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured 983, estimated 4168 bytes. Fastest run: 75_912_000 ps.
		Weight::from_parts(81_632_000, 4168)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	fn set_allowance() -> Weight {
		// Proof size: measured 788, estimated 4168 bytes. Fastest run: 23_794_000 ps.
		Weight::from_parts(26_440_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `Agents::OperatorAgents` (r:0 w:1)
	/// Proof: `Agents::OperatorAgents` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof size: measured 648, estimated 4168 bytes. Fastest run: 25_868_000 ps.
		Weight::from_parts(28_052_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Agents::NextReportId` (r:1 w:1)
	/// Proof: `Agents::NextReportId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Reports` (r:0 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	fn report() -> Weight {
		// Proof size: measured 983, estimated 4168 bytes. Fastest run: 90_237_000 ps.
		Weight::from_parts(94_256_000, 4168)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Agents::Reports` (r:1 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn resolve_report() -> Weight {
		// Proof size: measured 1489, estimated 8799 bytes. Fastest run: 187_489_000 ps.
		Weight::from_parts(195_765_000, 8799)
			.saturating_add(D::get().reads(7))
			.saturating_add(D::get().writes(7))
	}
	/// Storage: `Agents::Reports` (r:1 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	fn expire_report() -> Weight {
		// Proof size: measured 1207, estimated 4168 bytes. Fastest run: 82_012_000 ps.
		Weight::from_parts(86_451_000, 4168)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn register_agent() -> Weight {
		Measured::<ParityDbWeight>::register_agent()
	}
	fn bond_more() -> Weight {
		Measured::<ParityDbWeight>::bond_more()
	}
	fn unbond() -> Weight {
		Measured::<ParityDbWeight>::unbond()
	}
	fn withdraw_unbonded() -> Weight {
		Measured::<ParityDbWeight>::withdraw_unbonded()
	}
	fn set_allowance() -> Weight {
		Measured::<ParityDbWeight>::set_allowance()
	}
	fn deregister() -> Weight {
		Measured::<ParityDbWeight>::deregister()
	}
	fn report() -> Weight {
		Measured::<ParityDbWeight>::report()
	}
	fn resolve_report() -> Weight {
		Measured::<ParityDbWeight>::resolve_report()
	}
	fn expire_report() -> Weight {
		Measured::<ParityDbWeight>::expire_report()
	}
}
