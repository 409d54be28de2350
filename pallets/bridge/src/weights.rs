// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_bridge`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-05, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_bridge --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/bridge/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_bridge`.
pub trait WeightInfo {
	fn lock() -> Weight;
	fn release(s: u32, ) -> Weight;
	fn set_committee(m: u32, ) -> Weight;
	fn set_vault() -> Weight;
	fn pause() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Bridge::Vault` (r:1 w:0)
	/// Proof: `Bridge::Vault` (`max_values`: Some(1), `max_size`: Some(28), added: 523, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Paused` (r:1 w:0)
	/// Proof: `Bridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Committee` (r:1 w:0)
	/// Proof: `Bridge::Committee` (`max_values`: Some(1), `max_size`: Some(321), added: 816, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::NextLock` (r:1 w:1)
	/// Proof: `Bridge::NextLock` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn lock() -> Weight {
		// Proof size: measured 245, estimated 3593 bytes. Fastest run: 59_458_000 ps.
		Weight::from_parts(64_676_000, 3593)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Bridge::Vault` (r:1 w:0)
	/// Proof: `Bridge::Vault` (`max_values`: Some(1), `max_size`: Some(28), added: 523, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Paused` (r:1 w:0)
	/// Proof: `Bridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Committee` (r:1 w:0)
	/// Proof: `Bridge::Committee` (`max_values`: Some(1), `max_size`: Some(321), added: 816, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Threshold` (r:1 w:0)
	/// Proof: `Bridge::Threshold` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Released` (r:1 w:1)
	/// Proof: `Bridge::Released` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::PeriodReleased` (r:1 w:1)
	/// Proof: `Bridge::PeriodReleased` (`max_values`: Some(1), `max_size`: Some(20), added: 515, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// `s` ranges over `[1, 16]`.
	fn release(s: u32, ) -> Weight {
		// Proof size: measured 385, estimated 6196 bytes. Fastest run: 129_182_000 ps.
		Weight::from_parts(98_355_618, 6196)
			.saturating_add(Weight::from_parts(46_169_370, 0).saturating_mul(s.into()))
			.saturating_add(D::get().reads(9))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Bridge::Epoch` (r:1 w:1)
	/// Proof: `Bridge::Epoch` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Paused` (r:0 w:1)
	/// Proof: `Bridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Committee` (r:0 w:1)
	/// Proof: `Bridge::Committee` (`max_values`: Some(1), `max_size`: Some(321), added: 816, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Threshold` (r:0 w:1)
	/// Proof: `Bridge::Threshold` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// `m` ranges over `[0, 16]`.
	fn set_committee(m: u32, ) -> Weight {
		// Proof size: measured 53, estimated 1493 bytes. Fastest run: 9_384_000 ps.
		Weight::from_parts(10_605_483, 1493)
			.saturating_add(Weight::from_parts(324_088, 0).saturating_mul(m.into()))
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Bridge::Vault` (r:0 w:1)
	/// Proof: `Bridge::Vault` (`max_values`: Some(1), `max_size`: Some(28), added: 523, mode: `MaxEncodedLen`)
	fn set_vault() -> Weight {
		// Proof size: measured 0, estimated 0 bytes. Fastest run: 6_179_000 ps.
		Weight::from_parts(6_831_000, 0)
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Bridge::Vault` (r:1 w:0)
	/// Proof: `Bridge::Vault` (`max_values`: Some(1), `max_size`: Some(28), added: 523, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Epoch` (r:1 w:0)
	/// Proof: `Bridge::Epoch` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Committee` (r:1 w:0)
	/// Proof: `Bridge::Committee` (`max_values`: Some(1), `max_size`: Some(321), added: 816, mode: `MaxEncodedLen`)
	/// Storage: `Bridge::Paused` (r:1 w:1)
	/// Proof: `Bridge::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn pause() -> Weight {
		// Proof size: measured 479, estimated 3509 bytes. Fastest run: 80_169_000 ps.
		Weight::from_parts(93_289_000, 3509)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(1))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn lock() -> Weight {
		Measured::<ParityDbWeight>::lock()
	}
	fn release(s: u32, ) -> Weight {
		Measured::<ParityDbWeight>::release(s, )
	}
	fn set_committee(m: u32, ) -> Weight {
		Measured::<ParityDbWeight>::set_committee(m, )
	}
	fn set_vault() -> Weight {
		Measured::<ParityDbWeight>::set_vault()
	}
	fn pause() -> Weight {
		Measured::<ParityDbWeight>::pause()
	}
}
