// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_inference`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-05, on `vm` (AMD EPYC): 50 steps,
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
	fn claim_lineage() -> Weight;
	fn clawback() -> Weight;
	fn claim_refund() -> Weight;
	fn expire() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Parameters::Parameters` (r:1 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn register_provider() -> Weight {
		// Proof size: measured 219, estimated 3748 bytes. Fastest run: 59_879_000 ps.
		Weight::from_parts(62_963_000, 3748)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn unregister_provider() -> Weight {
		// Proof size: measured 370, estimated 3748 bytes. Fastest run: 51_377_000 ps.
		Weight::from_parts(53_650_000, 3748)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:3 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Models::Models` (r:1 w:0)
	/// Proof: `Models::Models` (`max_values`: None, `max_size`: Some(1631), added: 4106, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:1 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::JobFeeMultiplier` (r:1 w:0)
	/// Proof: `Attribution::JobFeeMultiplier` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Agents::Registry` (r:1 w:0)
	/// Proof: `Agents::Registry` (`max_values`: None, `max_size`: Some(703), added: 3178, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:5 w:5)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextInferenceId` (r:1 w:1)
	/// Proof: `Inference::NextInferenceId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::DrawCursor` (r:1 w:0)
	/// Proof: `Attribution::DrawCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WaitingTotal` (r:1 w:1)
	/// Proof: `Attribution::WaitingTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inferences` (r:0 w:1)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Payouts` (r:0 w:1)
	/// Proof: `Inference::Payouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Waiting` (r:0 w:1)
	/// Proof: `Attribution::Waiting` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// `b` ranges over `[0, 131072]`.
	fn pay_inference(b: u32, ) -> Weight {
		// Proof size: measured 1758, estimated 14005 bytes. Fastest run: 304_011_000 ps.
		Weight::from_parts(309_829_065, 14005)
			.saturating_add(Weight::from_parts(1_392, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(20))
			.saturating_add(D::get().writes(15))
	}
	/// Storage: `Inference::Unclaimed` (r:1 w:1)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn claim() -> Weight {
		// Proof size: measured 483, estimated 6196 bytes. Fastest run: 58_908_000 ps.
		Weight::from_parts(61_751_000, 6196)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Inference::Inferences` (r:1 w:1)
	/// Proof: `Inference::Inferences` (`max_values`: None, `max_size`: Some(241), added: 2716, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Payouts` (r:1 w:1)
	/// Proof: `Inference::Payouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:40 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:40 w:0)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DatanetEarned` (r:1 w:1)
	/// Proof: `Inference::DatanetEarned` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Unclaimed` (r:40 w:40)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Earned` (r:40 w:40)
	/// Proof: `Inference::Earned` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:2 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Economics::Pools` (r:1 w:1)
	/// Proof: `Economics::Pools` (`max_values`: None, `max_size`: Some(57), added: 2532, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// `p` ranges over `[1, 40]`.
	fn settle(p: u32, ) -> Weight {
		// Proof size: measured 1648, estimated 8799 bytes. Fastest run: 123_343_000 ps.
		Weight::from_parts(109_930_058, 8799)
			.saturating_add(Weight::from_parts(15_761_424, 0).saturating_mul(p.into()))
			.saturating_add(D::get().reads(12))
			.saturating_add(D::get().reads((4_u64).saturating_mul(p.into())))
			.saturating_add(D::get().writes(9))
			.saturating_add(D::get().writes((2_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2895).saturating_mul(p.into()))
	}
	/// Storage: `Inference::Providers` (r:1 w:1)
	/// Proof: `Inference::Providers` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Parameters::Parameters` (r:4 w:0)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
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
	/// Storage: `Inference::Escrowed` (r:1 w:1)
	/// Proof: `Inference::Escrowed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:1 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::NextJobId` (r:1 w:1)
	/// Proof: `Attribution::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::DrawCursor` (r:1 w:0)
	/// Proof: `Attribution::DrawCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::WaitingTotal` (r:1 w:1)
	/// Proof: `Attribution::WaitingTotal` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::JobFeeMultiplier` (r:1 w:0)
	/// Proof: `Attribution::JobFeeMultiplier` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayers` (r:0 w:1)
	/// Proof: `Inference::BatchPayers` (`max_values`: None, `max_size`: Some(36882), added: 39357, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Batches` (r:0 w:1)
	/// Proof: `Inference::Batches` (`max_values`: None, `max_size`: Some(181), added: 2656, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayouts` (r:0 w:1)
	/// Proof: `Inference::BatchPayouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Jobs` (r:0 w:1)
	/// Proof: `Attribution::Jobs` (`max_values`: None, `max_size`: Some(729), added: 3204, mode: `MaxEncodedLen`)
	/// Storage: `Attribution::Waiting` (r:0 w:1)
	/// Proof: `Attribution::Waiting` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// `n` ranges over `[1, 1024]`.
	fn submit_receipts(n: u32, ) -> Weight {
		// Proof size: measured 1612, estimated 11402 bytes. Fastest run: 327_948_000 ps.
		Weight::from_parts(330_231_000, 11402)
			.saturating_add(Weight::from_parts(99_652_538, 0).saturating_mul(n.into()))
			.saturating_add(D::get().reads(20))
			.saturating_add(D::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(D::get().writes(15))
			.saturating_add(D::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `Datanets::Versions` (r:1 w:0)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:1 w:0)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::LineagePools` (r:1 w:0)
	/// Proof: `Inference::LineagePools` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `Inference::LineageDrawn` (r:1 w:1)
	/// Proof: `Inference::LineageDrawn` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Inference::LineagePoolDrawn` (r:1 w:1)
	/// Proof: `Inference::LineagePoolDrawn` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalPooled` (r:1 w:1)
	/// Proof: `Inference::TotalPooled` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Unclaimed` (r:1 w:1)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Earned` (r:1 w:1)
	/// Proof: `Inference::Earned` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn claim_lineage() -> Weight {
		// Proof size: measured 689, estimated 3885 bytes. Fastest run: 47_301_000 ps.
		Weight::from_parts(50_054_000, 3885)
			.saturating_add(D::get().reads(10))
			.saturating_add(D::get().writes(6))
	}
	/// Storage: `Inference::HeldEarnings` (r:1 w:1)
	/// Proof: `Inference::HeldEarnings` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalHeld` (r:1 w:1)
	/// Proof: `Inference::TotalHeld` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DatanetEarned` (r:1 w:1)
	/// Proof: `Inference::DatanetEarned` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Unclaimed` (r:2 w:2)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Earned` (r:2 w:2)
	/// Proof: `Inference::Earned` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn clawback() -> Weight {
		// Proof size: measured 423, estimated 6068 bytes. Fastest run: 35_143_000 ps.
		Weight::from_parts(37_406_000, 6068)
			.saturating_add(D::get().reads(8))
			.saturating_add(D::get().writes(8))
	}
	/// Storage: `Inference::BatchRefunds` (r:1 w:0)
	/// Proof: `Inference::BatchRefunds` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayers` (r:1 w:1)
	/// Proof: `Inference::BatchPayers` (`max_values`: None, `max_size`: Some(36882), added: 39357, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalRefundable` (r:1 w:1)
	/// Proof: `Inference::TotalRefundable` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn claim_refund() -> Weight {
		// Proof size: measured 38198, estimated 40347 bytes. Fastest run: 138_445_000 ps.
		Weight::from_parts(159_777_000, 40347)
			.saturating_add(D::get().reads(5))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Inference::Batches` (r:1 w:1)
	/// Proof: `Inference::Batches` (`max_values`: None, `max_size`: Some(181), added: 2656, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchRefunds` (r:1 w:1)
	/// Proof: `Inference::BatchRefunds` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayers` (r:1 w:1)
	/// Proof: `Inference::BatchPayers` (`max_values`: None, `max_size`: Some(36882), added: 39357, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalRefundable` (r:1 w:1)
	/// Proof: `Inference::TotalRefundable` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::BatchPayouts` (r:0 w:1)
	/// Proof: `Inference::BatchPayouts` (`max_values`: None, `max_size`: Some(2297), added: 4772, mode: `MaxEncodedLen`)
	fn expire() -> Weight {
		// Proof size: measured 38869, estimated 40347 bytes. Fastest run: 122_292_000 ps.
		Weight::from_parts(138_856_000, 40347)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(7))
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
	fn claim_lineage() -> Weight {
		Measured::<ParityDbWeight>::claim_lineage()
	}
	fn clawback() -> Weight {
		Measured::<ParityDbWeight>::clawback()
	}
	fn claim_refund() -> Weight {
		Measured::<ParityDbWeight>::claim_refund()
	}
	fn expire() -> Weight {
		Measured::<ParityDbWeight>::expire()
	}
}
