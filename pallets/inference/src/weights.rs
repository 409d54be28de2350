// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_inference`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-11-24, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_inference --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/inference/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_inference`.
pub trait WeightInfo {
	fn register_provider() -> Weight;
	fn unregister_provider() -> Weight;
	fn pay_inference(b: u32, ) -> Weight;
	fn claim() -> Weight;
	fn settle(p: u32, ) -> Weight;
	fn submit_receipts(n: u32, ) -> Weight;
	fn claim_refund() -> Weight;
	fn claim_lineage() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	fn register_provider() -> Weight {
		// Proof size: measured 6, estimated 3513 bytes. Fastest run: 15_920_000 ps.
		Weight::from_parts(17_893_000, 3513)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	fn unregister_provider() -> Weight {
		// Proof size: measured 79, estimated 3513 bytes. Fastest run: 17_773_000 ps.
		Weight::from_parts(19_486_000, 3513)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Inference::Providers` (r:1 w:0)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:1 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:5 w:5)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextInferenceId` (r:1 w:1)
	/// Proof: `Inference::NextInferenceId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:0)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inferences` (r:0 w:1)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(209), added: 2684, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Payouts` (r:0 w:1)
	/// Proof: `Inference::Payouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// `b` ranges over `[0, 131072]`.
	fn pay_inference(b: u32, ) -> Weight {
		// Proof size: measured 999, estimated 14005 bytes. Fastest run: 287_807_000 ps.
		Weight::from_parts(330_389_479, 14005)
			.saturating_add(Weight::from_parts(1_612, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(14))
			.saturating_add(D::get().writes(12))
	}
	/// Storage: `Inference::Unclaimed` (r:1 w:1)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn claim() -> Weight {
		// Proof size: measured 374, estimated 6196 bytes. Fastest run: 75_009_000 ps.
		Weight::from_parts(80_259_000, 6196)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Inference::Inferences` (r:1 w:1)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(209), added: 2684, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Payouts` (r:1 w:1)
	/// Proof: `Inference::Payouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:40 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DatanetEarned` (r:1 w:1)
	/// Proof: `Inference::DatanetEarned` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Unclaimed` (r:40 w:40)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Earned` (r:40 w:40)
	/// Proof: `Inference::Earned` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// `p` ranges over `[1, 40]`.
	fn settle(p: u32, ) -> Weight {
		// Proof size: measured 1079, estimated 6196 bytes. Fastest run: 114_293_000 ps.
		Weight::from_parts(95_006_960, 6196)
			.saturating_add(Weight::from_parts(20_985_771, 0).saturating_mul(p.into()))
			.saturating_add(D::get().reads(7))
			.saturating_add(D::get().reads((3_u64).saturating_mul(p.into())))
			.saturating_add(D::get().writes(7))
			.saturating_add(D::get().writes((2_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2869).saturating_mul(p.into()))
	}
	/// Storage: `Inference::Providers` (r:1 w:0)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextBatchId` (r:1 w:1)
	/// Proof: `Inference::NextBatchId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ReceiptNonces` (r:1023 w:1023)
	/// Proof: `Inference::ReceiptNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1027 w:1027)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:1 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Deadlines` (r:1 w:1)
	/// Proof: `Attribution::Deadlines` (`max_values`: None, `max_size`: Some(269), added: 2744, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::ActiveAttestors` (r:1 w:0)
	/// Proof: `Attribution::ActiveAttestors` (`max_values`: Some(1), `max_size`: Some(3074), added: 3569, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Batches` (r:0 w:1)
	/// Proof: `Inference::Batches` (`max_values`: None, `max_size`: Some(149), added: 2624, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayouts` (r:0 w:1)
	/// Proof: `Inference::BatchPayouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(352), added: 2827, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 1024]`.
	fn submit_receipts(n: u32, ) -> Weight {
		// Proof size: measured 896, estimated 11402 bytes. Fastest run: 381_020_000 ps.
		Weight::from_parts(7_503_331_322, 11402)
			.saturating_add(Weight::from_parts(133_130_154, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(14))
			.saturating_add(D::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(11))
			.saturating_add(D::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `Inference::BatchRefunds` (r:1 w:1)
	/// Storage: `Inference::BatchPayers` (r:1 w:1): up to `MaxBatch` payers, 36 bytes each
	/// Storage: `System::Account` (r:2 w:2)
	/// Storage: `Inference::TotalRefundable` (r:1 w:1)
	fn claim_refund() -> Weight {
		Weight::from_parts(150_000_000, 40_000)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(5))
	}
	fn claim_lineage() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(5))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn register_provider() -> Weight {
		Measured::<ParityDbWeight>::register_provider()
	}
	fn unregister_provider() -> Weight {
		Measured::<ParityDbWeight>::unregister_provider()
	}
	fn pay_inference(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::pay_inference(b, )
	}
	fn claim() -> Weight {
		Measured::<ParityDbWeight>::claim()
	}
	fn settle(p: u32, ) -> Weight {
		Measured::<ParityDbWeight>::settle(p, )
	}
	fn submit_receipts(n: u32, ) -> Weight {
		Measured::<ParityDbWeight>::submit_receipts(n, )
	}
	fn claim_refund() -> Weight {
		Measured::<ParityDbWeight>::claim_refund()
	}
	fn claim_lineage() -> Weight {
		Measured::<ParityDbWeight>::claim_lineage()
	}
}
