// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_attribution`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-05, on `vm` (AMD EPYC): 50 steps,
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
	fn draw_committees(n: u32, ) -> Weight;
	fn on_initialize(n: u32, ) -> Weight;
	fn expire(n: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Attribution::Attestors` (r:2 w:2)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn register_attestor() -> Weight {
		// Proof size: measured 5045, estimated 6086 bytes. Fastest run: 92_438_000 ps.
		Weight::from_parts(97_024_000, 6086)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Attribution::Attestors` (r:1 w:1)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	fn unregister() -> Weight {
		// Proof size: measured 3917, estimated 4559 bytes. Fastest run: 29_003_000 ps.
		Weight::from_parts(32_308_000, 4559)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Attribution::Attestors` (r:1 w:1)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured 323, estimated 3748 bytes. Fastest run: 52_789_000 ps.
		Weight::from_parts(61_311_000, 3748)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 32]`.
	fn commit(n: u32, ) -> Weight {
		// Proof size: measured 228, estimated 990 bytes. Fastest run: 21_562_000 ps.
		Weight::from_parts(14_486_700, 990)
			.saturating_add(Weight::from_parts(9_109_663, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3204).saturating_mul(n.into()))
	}
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:1 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:32 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:4 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Reveals` (r:192 w:224)
	/// Proof: `Attribution::Reveals` (`max_values`: None, `max_size`: Some(450), added: 2925, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Attestors` (r:7 w:7)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:4 w:4)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inferences` (r:32 w:0)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Results` (r:0 w:32)
	/// Proof: `Attribution::Results` (`max_values`: None, `max_size`: Some(708), added: 3183, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:224)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 32]`.
	fn reveal(n: u32, ) -> Weight {
		// Proof size: measured 12024, estimated 93630 bytes. Fastest run: 919_156_000 ps.
		Weight::from_parts(471_661_229, 93630)
			.saturating_add(Weight::from_parts(564_173_565, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(60))
			.saturating_add(D::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(22))
			.saturating_add(D::get().writes((16_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 17550).saturating_mul(n.into()))
	}
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:2 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:16 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::DrawCursor` (r:1 w:0)
	/// Proof: `Attribution::DrawCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WaitingTotal` (r:1 w:1)
	/// Proof: `Attribution::WaitingTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Waiting` (r:0 w:1)
	/// Proof: `Attribution::Waiting` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// `b` ranges over `[0, 131072]`.
	fn open_job(b: u32, ) -> Weight {
		// Proof size: measured 2338, estimated 42126 bytes. Fastest run: 141_501_000 ps.
		Weight::from_parts(144_035_544, 42126)
			.saturating_add(Weight::from_parts(1_269, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(22))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Attribution::DrawCursor` (r:1 w:1)
	/// Proof: `Attribution::DrawCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:0)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WorkBacklog` (r:1 w:1)
	/// Proof: `Attribution::WorkBacklog` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WaitingTotal` (r:1 w:1)
	/// Proof: `Attribution::WaitingTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Waiting` (r:32 w:32)
	/// Proof: `Attribution::Waiting` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:0)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:224)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `n` ranges over `[0, 32]`.
	fn draw_committees(n: u32, ) -> Weight {
		// Proof size: measured 3269, estimated 4559 bytes. Fastest run: 4_556_000 ps.
		Weight::from_parts(16_600_355, 4559)
			.saturating_add(Weight::from_parts(44_191_654, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(3))
			.saturating_add(D::get().writes((9_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3204).saturating_mul(n.into()))
	}
	/// Storage: `Attribution::WorkBacklog` (r:1 w:1)
	/// Proof: `Attribution::WorkBacklog` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:0)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::DrawCursor` (r:1 w:0)
	/// Proof: `Attribution::DrawCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WaitingTotal` (r:1 w:0)
	/// Proof: `Attribution::WaitingTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::JobFeeMultiplier` (r:1 w:1)
	/// Proof: `Attribution::JobFeeMultiplier` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:32 w:32)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Reveals` (r:224 w:192)
	/// Proof: `Attribution::Reveals` (`max_values`: None, `max_size`: Some(450), added: 2925, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:5 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Attestors` (r:7 w:7)
	/// Proof: `Attribution::Attestors` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:4 w:4)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:1)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inferences` (r:32 w:0)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ExpiryCursor` (r:1 w:0)
	/// Proof: `Attribution::ExpiryCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Results` (r:0 w:32)
	/// Proof: `Attribution::Results` (`max_values`: None, `max_size`: Some(708), added: 3183, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Assignments` (r:0 w:224)
	/// Proof: `Attribution::Assignments` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// `n` ranges over `[0, 32]`.
	fn on_initialize(n: u32, ) -> Weight {
		// Proof size: measured 4170, estimated 24417 bytes. Fastest run: 21_392_000 ps.
		Weight::from_parts(171_161_321, 24417)
			.saturating_add(Weight::from_parts(368_179_082, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(29))
			.saturating_add(D::get().reads((9_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(21))
			.saturating_add(D::get().writes((15_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 20475).saturating_mul(n.into()))
	}
	/// Storage: `Parameters::Parameters` (r:1 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ExpiryCursor` (r:1 w:1)
	/// Proof: `Attribution::ExpiryCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:0)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Results` (r:64 w:64)
	/// Proof: `Attribution::Results` (`max_values`: None, `max_size`: Some(708), added: 3183, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inferences` (r:64 w:0)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// `n` ranges over `[0, 64]`.
	fn expire(n: u32, ) -> Weight {
		// Proof size: measured 211, estimated 3501 bytes. Fastest run: 7_031_000 ps.
		Weight::from_parts(9_633_096, 3501)
			.saturating_add(Weight::from_parts(9_989_686, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(1))
			.saturating_add(D::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3183).saturating_mul(n.into()))
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
	fn draw_committees(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::draw_committees(n, )
	}
	fn on_initialize(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::on_initialize(n, )
	}
	fn expire(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::expire(n, )
	}
}
