// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_models`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-04, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_models --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/models/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_models`.
pub trait WeightInfo {
	fn register_model(b: u32, l: u32, ) -> Weight;
	fn set_price() -> Weight;
	fn deprecate() -> Weight;
	fn transfer_ownership() -> Weight;
	fn accept_ownership() -> Weight;
	fn cancel_transfer() -> Weight;
	fn resolve_suspension() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:16 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:1)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Models::NextModelId` (r:1 w:1)
	/// Proof: `Models::NextModelId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// `b` ranges over `[1, 1048576]`.
	/// `l` ranges over `[1, 16]`.
	fn register_model(b: u32, l: u32, ) -> Weight {
		// Proof size: measured 735, estimated 5306 bytes. Fastest run: 197_002_000 ps.
		Weight::from_parts(198_855_000, 5306)
			.saturating_add(Weight::from_parts(49_579, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().reads((1_u64).saturating_mul(l.into())))
			.saturating_add(D::get().writes(4))
			.saturating_add(Weight::from_parts(0, 2571).saturating_mul(l.into()))
	}
	/// Storage: `Models::Models` (r:1 w:1)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	fn set_price() -> Weight {
		// Proof size: measured 1300, estimated 5096 bytes. Fastest run: 15_913_000 ps.
		Weight::from_parts(17_496_000, 5096)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Models::Models` (r:1 w:1)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `Models::OwnershipOffers` (r:1 w:0)
	/// Proof: `Models::OwnershipOffers` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn deprecate() -> Weight {
		// Proof size: measured 1497, estimated 5096 bytes. Fastest run: 59_829_000 ps.
		Weight::from_parts(62_973_000, 5096)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Models::OwnershipOffers` (r:1 w:1)
	/// Proof: `Models::OwnershipOffers` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn transfer_ownership() -> Weight {
		// Proof size: measured 1300, estimated 5096 bytes. Fastest run: 17_316_000 ps.
		Weight::from_parts(19_068_000, 5096)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Models::OwnershipOffers` (r:1 w:1)
	/// Proof: `Models::OwnershipOffers` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:1)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	fn accept_ownership() -> Weight {
		// Proof size: measured 1712, estimated 6470 bytes. Fastest run: 110_744_000 ps.
		Weight::from_parts(114_530_000, 6470)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(6))
	}
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Models::OwnershipOffers` (r:1 w:1)
	/// Proof: `Models::OwnershipOffers` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn cancel_transfer() -> Weight {
		// Proof size: measured 1375, estimated 5096 bytes. Fastest run: 18_037_000 ps.
		Weight::from_parts(19_569_000, 5096)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Models::Models` (r:1 w:1)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(265), added: 2740, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Models::OwnershipOffers` (r:1 w:0)
	/// Proof: `Models::OwnershipOffers` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn resolve_suspension() -> Weight {
		// Proof size: measured 1637, estimated 6196 bytes. Fastest run: 67_210_000 ps.
		Weight::from_parts(69_994_000, 6196)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(4))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn register_model(b: u32, l: u32, ) -> Weight {
		Measured::<ParityDbWeight>::register_model(b, l, )
	}
	fn set_price() -> Weight {
		Measured::<ParityDbWeight>::set_price()
	}
	fn deprecate() -> Weight {
		Measured::<ParityDbWeight>::deprecate()
	}
	fn transfer_ownership() -> Weight {
		Measured::<ParityDbWeight>::transfer_ownership()
	}
	fn accept_ownership() -> Weight {
		Measured::<ParityDbWeight>::accept_ownership()
	}
	fn cancel_transfer() -> Weight {
		Measured::<ParityDbWeight>::cancel_transfer()
	}
	fn resolve_suspension() -> Weight {
		Measured::<ParityDbWeight>::resolve_suspension()
	}
}
