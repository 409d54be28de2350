// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_economics`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-11-24, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_economics --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/economics/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_economics`.
pub trait WeightInfo {
	fn spend() -> Weight;
	fn reward(n: u32, ) -> Weight;
	fn on_initialize() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Economics::Pools` (r:1 w:1)
	/// Proof: `Economics::Pools` (`max_values`: None, `max_size`: Some(57), added: 2532, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn spend() -> Weight {
		// Proof size: measured 302, estimated 6196 bytes. Fastest run: 82_354_000 ps.
		Weight::from_parts(126_496_000, 6196)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Parameters::Parameters` (r:2 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Economics::Pools` (r:1 w:1)
	/// Proof: `Economics::Pools` (`max_values`: None, `max_size`: Some(57), added: 2532, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:65 w:65)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 64]`.
	fn reward(n: u32, ) -> Weight {
		// Proof size: measured 506, estimated 6012 bytes. Fastest run: 86_821_000 ps.
		Weight::from_parts(74_950_380, 6012)
			.saturating_add(Weight::from_parts(73_704_357, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(2))
			.saturating_add(D::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `Economics::Pools` (r:2 w:2)
	/// Proof: `Economics::Pools` (`max_values`: None, `max_size`: Some(57), added: 2532, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:2 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn on_initialize() -> Weight {
		// Proof size: measured 176, estimated 6054 bytes. Fastest run: 21_951_000 ps.
		Weight::from_parts(23_745_000, 6054)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(2))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn spend() -> Weight {
		Measured::<ParityDbWeight>::spend()
	}
	fn reward(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::reward(n, )
	}
	fn on_initialize() -> Weight {
		Measured::<ParityDbWeight>::on_initialize()
	}
}
