// Weights generated on the development machine by scripts/benchmark-weights.sh
// (`openledger-node benchmark pallet`); regenerate them with it after changing a call.

//! Weights of `pallet_datanets`, measured by its benchmarks.
//!
//! Benchmark CLI 64.0.0, 2026-11-24, on `vm` (AMD EPYC): 50 steps,
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
	fn update_metadata() -> Weight;
	fn set_copy_radius() -> Weight;
	fn commit_contribution() -> Weight;
	fn cancel_commitment() -> Weight;
	fn contribute_superseding(b: u32, ) -> Weight;
	fn set_curators(c: u32, ) -> Weight;
	fn contribute(b: u32, ) -> Weight;
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:0 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	fn create_datanet() -> Weight {
		// Proof size: measured 109, estimated 3593 bytes. Fastest run: 84_247_000 ps.
		Weight::from_parts(90_749_000, 3593)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(4))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	fn update_metadata() -> Weight {
		// Proof size: measured 1362, estimated 5290 bytes. Fastest run: 23_113_000 ps.
		Weight::from_parts(43_841_000, 5290)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1829), added: 4304, mode: `MaxEncodedLen`)
	fn set_copy_radius() -> Weight {
		// Not yet measured: update_metadata's figures, the same reads and writes.
		Weight::from_parts(43_841_000, 5294)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	fn commit_contribution() -> Weight {
		// Not yet measured.
		Weight::from_parts(60_000_000, 5294)
			.saturating_add(D::get().reads(3))
			.saturating_add(D::get().writes(3))
	}
	fn cancel_commitment() -> Weight {
		// Not yet measured.
		Weight::from_parts(60_000_000, 5294)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(2))
	}
	fn contribute_superseding(b: u32, ) -> Weight {
		// Not yet measured.
		Weight::from_parts(400_000_000, 20_000)
			.saturating_add(Weight::from_parts(10_000, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(40))
			.saturating_add(D::get().writes(40))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// `c` ranges over `[0, 16]`.
	fn set_curators(_c: u32, ) -> Weight {
		// Proof size: measured 1362, estimated 5290 bytes. Fastest run: 21_751_000 ps.
		Weight::from_parts(33_364_417, 5290)
			.saturating_add(D::get().reads(1))
			.saturating_add(D::get().writes(1))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:1 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:0 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// `b` ranges over `[8, 131072]`.
	fn contribute(b: u32, ) -> Weight {
		// Proof size: measured 1370, estimated 51790 bytes. Fastest run: 180_306_000 ps.
		Weight::from_parts(231_793_561, 51790)
			.saturating_add(Weight::from_parts(1_936, 0).saturating_mul(b.into()))
			.saturating_add(D::get().reads(23))
			.saturating_add(D::get().writes(25))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:1 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:0 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	fn contribute_reference() -> Weight {
		// Proof size: measured 1362, estimated 51790 bytes. Fastest run: 176_329_000 ps.
		Weight::from_parts(266_065_000, 51790)
			.saturating_add(D::get().reads(23))
			.saturating_add(D::get().writes(25))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn review_accept() -> Weight {
		// Proof size: measured 1759, estimated 51790 bytes. Fastest run: 224_578_000 ps.
		Weight::from_parts(351_896_000, 51790)
			.saturating_add(D::get().reads(25))
			.saturating_add(D::get().writes(26))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn review_reject() -> Weight {
		// Proof size: measured 1862, estimated 6196 bytes. Fastest run: 96_711_000 ps.
		Weight::from_parts(115_024_000, 6196)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(6))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributionByHash` (r:0 w:1)
	/// Proof: `Datanets::ContributionByHash` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size: measured 1759, estimated 5290 bytes. Fastest run: 87_011_000 ps.
		Weight::from_parts(117_920_000, 5290)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Versions` (r:1 w:1)
	/// Proof: `Datanets::Versions` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	fn publish_version() -> Weight {
		// Proof size: measured 1549, estimated 5290 bytes. Fastest run: 33_653_000 ps.
		Weight::from_parts(36_558_000, 5290)
			.saturating_add(D::get().reads(2))
			.saturating_add(D::get().writes(2))
	}
	/// Storage: `Datanets::Datanets` (r:1 w:0)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:0)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:1 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::NextChallengeId` (r:1 w:1)
	/// Proof: `Datanets::NextChallengeId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Challenges` (r:0 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	fn challenge() -> Weight {
		// Proof size: measured 499, estimated 5290 bytes. Fastest run: 94_576_000 ps.
		Weight::from_parts(98_994_000, 5290)
			.saturating_add(D::get().reads(6))
			.saturating_add(D::get().writes(5))
	}
	/// Storage: `Datanets::Challenges` (r:1 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Datanets` (r:1 w:1)
	/// Proof: `Datanets::Datanets` (`max_values`: None, `max_size`: Some(1825), added: 4300, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::Contributions` (r:1 w:1)
	/// Proof: `Datanets::Contributions` (`max_values`: None, `max_size`: Some(394), added: 2869, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::MerkleNodes` (r:20 w:21)
	/// Proof: `Datanets::MerkleNodes` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ContributorStats` (r:1 w:1)
	/// Proof: `Datanets::ContributorStats` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:0 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn resolve_challenge_upheld() -> Weight {
		// Proof size: measured 2757, estimated 51790 bytes. Fastest run: 306_080_000 ps.
		Weight::from_parts(324_104_000, 51790)
			.saturating_add(D::get().reads(27))
			.saturating_add(D::get().writes(29))
	}
	/// Storage: `Datanets::Challenges` (r:1 w:1)
	/// Proof: `Datanets::Challenges` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Datanets::ChallengeOf` (r:0 w:1)
	/// Proof: `Datanets::ChallengeOf` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn resolve_challenge_rejected() -> Weight {
		// Proof size: measured 632, estimated 6196 bytes. Fastest run: 82_023_000 ps.
		Weight::from_parts(87_533_000, 6196)
			.saturating_add(D::get().reads(4))
			.saturating_add(D::get().writes(5))
	}
}

/// The measured weights with ParityDB's database costs, for tests and mocks.
impl WeightInfo for () {
	fn create_datanet() -> Weight {
		Measured::<ParityDbWeight>::create_datanet()
	}
	fn update_metadata() -> Weight {
		Measured::<ParityDbWeight>::update_metadata()
	}
	fn set_copy_radius() -> Weight {
		Measured::<ParityDbWeight>::set_copy_radius()
	}
	fn commit_contribution() -> Weight {
		Measured::<ParityDbWeight>::commit_contribution()
	}
	fn cancel_commitment() -> Weight {
		Measured::<ParityDbWeight>::cancel_commitment()
	}
	fn contribute_superseding(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::contribute_superseding(b)
	}
	fn set_curators(c: u32, ) -> Weight {
		Measured::<ParityDbWeight>::set_curators(c, )
	}
	fn contribute(b: u32, ) -> Weight {
		Measured::<ParityDbWeight>::contribute(b, )
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
