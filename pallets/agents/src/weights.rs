// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_agents`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-04, on `vm` (AMD EPYC): 50 steps,
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
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `Agents::OperatorAgents` (r:0 w:1)
	/// Proof: `Agents::OperatorAgents` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn register_agent() -> Weight {
		// Proof size: measured 304, estimated 4168 bytes. Fastest run: 109_393_000 ps.
		Weight::from_parts(113_308_000, 4168)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof size: measured 1052, estimated 4168 bytes. Fastest run: 66_959_000 ps.
		Weight::from_parts(70_054_000, 4168)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size: measured 822, estimated 4168 bytes. Fastest run: 18_748_000 ps.
		Weight::from_parts(20_320_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `Agents::AgentReports` (r:17 w:0)
	/// Proof: `Agents::AgentReports` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured 2060, estimated 44221 bytes. Fastest run: 127_970_000 ps.
		Weight::from_parts(134_310_000, 44221)
			.saturating_add(D::get().reads(20))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	fn set_allowance() -> Weight {
		// Proof size: measured 822, estimated 4168 bytes. Fastest run: 15_513_000 ps.
		Weight::from_parts(16_805_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `Agents::OperatorAgents` (r:0 w:1)
	/// Proof: `Agents::OperatorAgents` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof size: measured 682, estimated 4168 bytes. Fastest run: 17_496_000 ps.
		Weight::from_parts(18_828_000, 4168)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `Agents::NextReportId` (r:1 w:1)
	/// Proof: `Agents::NextReportId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Agents::AgentReports` (r:0 w:1)
	/// Proof: `Agents::AgentReports` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Reports` (r:0 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	fn report() -> Weight {
		// Proof size: measured 1018, estimated 4168 bytes. Fastest run: 71_176_000 ps.
		Weight::from_parts(74_681_000, 4168)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(6))
	}
	/// Storage: `Agents::Reports` (r:1 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `Agents::AgentReports` (r:0 w:1)
	/// Proof: `Agents::AgentReports` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	fn resolve_report() -> Weight {
		// Proof size: measured 1557, estimated 8799 bytes. Fastest run: 153_538_000 ps.
		Weight::from_parts(158_085_000, 8799)
			.saturating_add(D::get().reads(7))
			.saturating_add(D::get().writes(8))
	}
	/// Storage: `Agents::Reports` (r:1 w:1)
	/// Proof: `Agents::Reports` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Registry` (r:1 w:1)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `Agents::AgentReports` (r:0 w:1)
	/// Proof: `Agents::AgentReports` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	fn expire_report() -> Weight {
		// Proof size: measured 1242, estimated 4168 bytes. Fastest run: 65_307_000 ps.
		Weight::from_parts(68_091_000, 4168)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(5))
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
