// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_datanets`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-12-05, on `vm` (AMD EPYC): 50 steps,
//! 20 repeats, Compiled Wasm, chain `Some("dev")`.
//!
//! Command: /root/.cache/openledger-node/target/benchmarks/release/openledger-node benchmark pallet --chain dev --pallet pallet_datanets --extrinsic * --steps 50 --repeat 20 --wasm-execution compiled --heap-pages 4096 --header scripts/benchmark-header.txt --template scripts/weight-template.hbs --output pallets/datanets/src/weights.rs 

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// The weight of each call and hook of `pallet_datanets`.
pub trait WeightInfo {
	fn create_datanet() -> Weight;
	fn set_copy_radius() -> Weight;
	fn update_metadata() -> Weight;
	fn set_curators(c: u32, ) -> Weight;
	fn contribute(b: u32, ) -> Weight;
	fn contribute_superseding(b: u32, ) -> Weight;
	fn commit_contribution() -> Weight;
	fn cancel_commitment() -> Weight;
	fn contribute_reference() -> Weight;
	fn review_accept() -> Weight;
	fn review_reject() -> Weight;
	fn withdraw() -> Weight;
	fn publish_version() -> Weight;
	fn challenge() -> Weight;
	fn resolve_challenge_upheld() -> Weight;
	fn resolve_challenge_rejected() -> Weight;
}

/// The measured weights, with database accesses priced by `D`.
pub struct Measured<D>(PhantomData<D>);

/// The measured weights, with database accesses priced by the runtime's `DbWeight`.
pub type SubstrateWeight<T> = Measured<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Measured<D> {
	/// Storage: `Datanets::NextDatanetId` (r:1 w:1)
	/// Proof: `Datanets::NextDatanetId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:0 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	fn create_datanet() -> Weight {
		// Proof size: measured 109, estimated 3748 bytes. Fastest run: 63_324_000 ps.
		Weight::from_parts(67_380_000, 3748)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	fn set_copy_radius() -> Weight {
		// Proof size: measured 1386, estimated 5306 bytes. Fastest run: 13_159_000 ps.
		Weight::from_parts(14_482_000, 5306)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	fn update_metadata() -> Weight {
		// Proof size: measured 1378, estimated 5306 bytes. Fastest run: 14_141_000 ps.
		Weight::from_parts(15_392_000, 5306)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// `c` ranges over `[0, 16]`.
	fn set_curators(c: u32, ) -> Weight {
		// Proof size: measured 1378, estimated 5306 bytes. Fastest run: 13_550_000 ps.
		Weight::from_parts(14_987_319, 5306)
			.saturating_add(Weight::from_parts(43_137, 0).saturating_mul(c.into()))
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Commitments` (r:1 w:1)
	/// Proof: `Datanets::Commitments` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::BlockArrivals` (r:1 w:1)
	/// Proof: `Datanets::BlockArrivals` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:1 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::StorageDeposits` (r:1 w:1)
	/// Proof: `Datanets::StorageDeposits` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:0 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// `b` ranges over `[8, 131072]`.
	fn contribute(b: u32, ) -> Weight {
		// Proof size: measured 1797, estimated 51790 bytes. Fastest run: 245_164_000 ps.
		Weight::from_parts(252_493_781, 51790)
			.saturating_add(Weight::from_parts(1_538, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(28))
			.saturating_add(D::get().writes(30))
	}
	/// Storage: `Datanets::Datanets` (r:2 w:2)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Commitments` (r:1 w:1)
	/// Proof: `Datanets::Commitments` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:1 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:2)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::StorageDeposits` (r:1 w:1)
	/// Proof: `Datanets::StorageDeposits` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:40 w:42)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:2 w:2)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// `b` ranges over `[8, 131072]`.
	fn contribute_superseding(b: u32, ) -> Weight {
		// Proof size: measured 4324, estimated 102590 bytes. Fastest run: 416_529_000 ps.
		Weight::from_parts(423_330_881, 102590)
			.saturating_add(Weight::from_parts(1_546, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(50))
			.saturating_add(D::get().writes(53))
	}
	/// Storage: `Datanets::Commitments` (r:1 w:1)
	/// Proof: `Datanets::Commitments` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::BlockArrivals` (r:1 w:1)
	/// Proof: `Datanets::BlockArrivals` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	fn commit_contribution() -> Weight {
		// Proof size: measured 146, estimated 3748 bytes. Fastest run: 60_430_000 ps.
		Weight::from_parts(63_284_000, 3748)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Datanets::Commitments` (r:1 w:1)
	/// Proof: `Datanets::Commitments` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	fn cancel_commitment() -> Weight {
		// Proof size: measured 383, estimated 3748 bytes. Fastest run: 53_149_000 ps.
		Weight::from_parts(55_362_000, 3748)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Commitments` (r:1 w:1)
	/// Proof: `Datanets::Commitments` (`max_values`: None, `max_size`: Some(124), added: 2599, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::BlockArrivals` (r:1 w:1)
	/// Proof: `Datanets::BlockArrivals` (`max_values`: Some(1), `max_size`: Some(12), added: 507, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:1 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::StorageDeposits` (r:1 w:1)
	/// Proof: `Datanets::StorageDeposits` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:0 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	fn contribute_reference() -> Weight {
		// Proof size: measured 1789, estimated 51790 bytes. Fastest run: 240_327_000 ps.
		Weight::from_parts(247_107_000, 51790)
			.saturating_add(D::get().reads(28))
			.saturating_add(D::get().writes(30))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn review_accept() -> Weight {
		// Proof size: measured 1931, estimated 51790 bytes. Fastest run: 184_695_000 ps.
		Weight::from_parts(197_072_000, 51790)
			.saturating_add(D::get().reads(25))
			.saturating_add(D::get().writes(26))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:0 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn review_reject() -> Weight {
		// Proof size: measured 2071, estimated 6196 bytes. Fastest run: 79_618_000 ps.
		Weight::from_parts(83_974_000, 6196)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(7))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:0 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size: measured 1878, estimated 5306 bytes. Fastest run: 66_980_000 ps.
		Weight::from_parts(70_074_000, 5306)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:1 w:1)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn publish_version() -> Weight {
		// Proof size: measured 1617, estimated 5306 bytes. Fastest run: 23_956_000 ps.
		Weight::from_parts(25_859_000, 5306)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:1 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::NextChallengeId` (r:1 w:1)
	/// Proof: `Datanets::NextChallengeId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Challenges` (r:0 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	fn challenge() -> Weight {
		// Proof size: measured 552, estimated 5306 bytes. Fastest run: 72_087_000 ps.
		Weight::from_parts(75_592_000, 5306)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Datanets::Challenges` (r:1 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1841), added: 4316, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `Inference::HeldEarnings` (r:1 w:0)
	/// Proof: `Inference::HeldEarnings` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalHeld` (r:1 w:1)
	/// Proof: `Inference::TotalHeld` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DatanetEarned` (r:1 w:1)
	/// Proof: `Inference::DatanetEarned` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Unclaimed` (r:2 w:1)
	/// Proof: `Inference::Unclaimed` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Earned` (r:1 w:1)
	/// Proof: `Inference::Earned` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Inference::TotalUnclaimed` (r:1 w:1)
	/// Proof: `Inference::TotalUnclaimed` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:0 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn resolve_challenge_upheld() -> Weight {
		// Proof size: measured 3015, estimated 51790 bytes. Fastest run: 273_907_000 ps.
		Weight::from_parts(281_398_000, 51790)
			.saturating_add(D::get().reads(34))
			.saturating_add(D::get().writes(34))
	}
	/// Storage: `Datanets::Challenges` (r:1 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(420), added: 2895, mode: `MaxEncodedLen`)
	/// Storage: `Inference::HeldEarnings` (r:1 w:0)
	/// Proof: `Inference::HeldEarnings` (`max_values`: None, `max_size`: Some(40), added: 2515, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(283), added: 2758, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:0 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn resolve_challenge_rejected() -> Weight {
		// Proof size: measured 1021, estimated 6196 bytes. Fastest run: 77_064_000 ps.
		Weight::from_parts(80_089_000, 6196)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(5))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn create_datanet() -> Weight {
		Measured::<ParityDbWeight>::create_datanet()
	}
	fn set_copy_radius() -> Weight {
		Measured::<ParityDbWeight>::set_copy_radius()
	}
	fn update_metadata() -> Weight {
		Measured::<ParityDbWeight>::update_metadata()
	}
	fn set_curators(c: u32, ) -> Weight {
		Measured::<ParityDbWeight>::set_curators(c, )
	}
	fn contribute(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::contribute(b, )
	}
	fn contribute_superseding(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::contribute_superseding(b, )
	}
	fn commit_contribution() -> Weight {
		Measured::<ParityDbWeight>::commit_contribution()
	}
	fn cancel_commitment() -> Weight {
		Measured::<ParityDbWeight>::cancel_commitment()
	}
	fn contribute_reference() -> Weight {
		Measured::<ParityDbWeight>::contribute_reference()
	}
	fn review_accept() -> Weight {
		Measured::<ParityDbWeight>::review_accept()
	}
	fn review_reject() -> Weight {
		Measured::<ParityDbWeight>::review_reject()
	}
	fn withdraw() -> Weight {
		Measured::<ParityDbWeight>::withdraw()
	}
	fn publish_version() -> Weight {
		Measured::<ParityDbWeight>::publish_version()
	}
	fn challenge() -> Weight {
		Measured::<ParityDbWeight>::challenge()
	}
	fn resolve_challenge_upheld() -> Weight {
		Measured::<ParityDbWeight>::resolve_challenge_upheld()
	}
	fn resolve_challenge_rejected() -> Weight {
		Measured::<ParityDbWeight>::resolve_challenge_rejected()
	}
}
