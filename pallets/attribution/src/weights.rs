// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_attribution`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-11-24, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_attribution --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/attribution/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_attribution`.
pub trait WeightInfo {
	fn register_attestor() -> Weight;
	fn unregister() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn commit(n: u32, ) -> Weight;
	fn reveal(n: u32, ) -> Weight;
	fn open_job(b: u32, ) -> Weight;
	fn on_initialize(n: u32, ) -> Weight;
	fn draw_committees(n: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Attribution::Attestors` (r:1 w:1)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn register_attestor() -> Weight {
		// Proof size: measured 4812, estimated 4559 bytes. Fastest run: 99_546_000 ps.
		Weight::from_parts(113_211_000, 4559)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Attribution::Attestors` (r:1 w:1)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	fn unregister() -> Weight {
		// Proof size: measured 3880, estimated 4559 bytes. Fastest run: 40_615_000 ps.
		Weight::from_parts(58_288_000, 4559)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Attribution::Attestors` (r:1 w:1)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured 285, estimated 3604 bytes. Fastest run: 70_111_000 ps.
		Weight::from_parts(74_229_000, 3604)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 32]`.
	fn commit(n: u32, ) -> Weight {
		// Proof size: measured 158, estimated 990 bytes. Fastest run: 31_147_000 ps.
		Weight::from_parts(29_738_282, 990)
			.saturating_add(Weight::from_parts(11_503_108, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2827).saturating_mul(n.into()))
	}
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Reveals` (r:64 w:96)
	/// Proof: `Attribution::Reveals` (`max_values`: None, `max_size`: Some(449), added: 2924, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Attestors` (r:3 w:3)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:3 w:3)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:4 w:4)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:16 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Results` (r:0 w:32)
	/// Proof: `Attribution::Results` (`max_values`: None, `max_size`: Some(580), added: 3055, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:96)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 32]`.
	fn reveal(n: u32, ) -> Weight {
		// Proof size: measured 3726, estimated 41806 bytes. Fastest run: 471_578_000 ps.
		Weight::from_parts(192_144_866, 41806)
			.saturating_add(Weight::from_parts(249_544_772, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(30))
			.saturating_add(D::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(12))
			.saturating_add(D::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 5848).saturating_mul(n.into()))
	}
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:0)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:3)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `b` ranges over `[0, 131072]`.
	fn open_job(b: u32, ) -> Weight {
		// Proof size: measured 3482, estimated 5096 bytes. Fastest run: 76_142_000 ps.
		Weight::from_parts(69_410_784, 5096)
			.saturating_add(Weight::from_parts(1_922, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(6))
	}
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Reveals` (r:96 w:64)
	/// Proof: `Attribution::Reveals` (`max_values`: None, `max_size`: Some(449), added: 2924, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Attestors` (r:3 w:3)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:3 w:3)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:4 w:4)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:16 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Results` (r:0 w:32)
	/// Proof: `Attribution::Results` (`max_values`: None, `max_size`: Some(580), added: 3055, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:96)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `n` ranges over `[0, 32]`.
	fn on_initialize(n: u32, ) -> Weight {
		// Proof size: measured 3726, estimated 41806 bytes. Fastest run: 5_991_000 ps.
		Weight::from_parts(288_209_347, 41806)
			.saturating_add(Weight::from_parts(228_643_894, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(26))
			.saturating_add(D::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(10))
			.saturating_add(D::get().writes((7_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8772).saturating_mul(n.into()))
	}
	/// Storage: `Attribution::PendingDraws` (r:1 w:1)
	/// Storage: `Attribution::JobFeeMultiplier` (r:1 w:1)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:0)
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Storage: `Attribution::Assignments` (r:0 w:224)
	/// `n` ranges over `[0, 32]`.
	fn draw_committees(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 4559)
			.saturating_add(Weight::from_parts(80_000_000, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(2))
			.saturating_add(D::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 4600).saturating_mul(n.into()))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn register_attestor() -> Weight {
		Measured::<ParityDbWeight>::register_attestor()
	}
	fn unregister() -> Weight {
		Measured::<ParityDbWeight>::unregister()
	}
	fn withdraw_unbonded() -> Weight {
		Measured::<ParityDbWeight>::withdraw_unbonded()
	}
	fn commit(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::commit(n, )
	}
	fn reveal(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::reveal(n, )
	}
	fn open_job(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::open_job(b, )
	}
	fn on_initialize(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::on_initialize(n, )
	}
	fn draw_committees(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::draw_committees(n, )
	}
}
