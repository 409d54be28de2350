//! Runtime parameters that the parameters track of governance (or root) changes without a
//! runtime upgrade: the fee split, attribution's consensus, the economics.

use super::*;
use crate::{Balance, Runtime, RuntimeEvent};
use frame_support::dynamic_params::{dynamic_pallet_params, dynamic_params};
use sp_runtime::Perbill;

/// The default fee split: provider 20%, model owner 20%, data contributors 45%, attestors 10%;
/// the treasury gets the rest (5%) and every rounding remainder.
pub fn default_split() -> pallet_inference::FeeSplit {
	pallet_inference::FeeSplit {
		provider: Perbill::from_percent(20),
		owner: Perbill::from_percent(20),
		data: Perbill::from_percent(45),
		attestors: Perbill::from_percent(10),
	}
}

/// The default data boost: 10%. With the default split, 10% × 45% = 4.5% stays below the
/// treasury's 5%.
pub fn default_data_boost() -> Perbill {
	Perbill::from_percent(10)
}

/// Runtime parameters that the parameters track of governance (or root) changes without a
/// runtime upgrade.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Paid inference.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod inference {
		/// The fee split ([`default_split`]).
		#[codec(index = 0)]
		pub static Split: pallet_inference::FeeSplit = default_split();

		/// What an inference provider holds to be paid: 100 OPEN, from which a proven false
		/// output is penalised.
		#[codec(index = 1)]
		pub static ProviderBond: Balance = 100 * crate::OPEN;

		/// What a proven false output (not the model's answer to its input) costs its provider,
		/// from its bond: 10 OPEN, up to the fee to the payer, the rest to the treasury.
		#[codec(index = 2)]
		pub static FalseOutputPenalty: Balance = 10 * crate::OPEN;
	}

	/// Proof of Attribution's consensus.
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod attribution {
		/// The part of a committee's seats, and of its bond, that must reveal for a result: half.
		/// (A result needs more than half of the seats to agree with it anyway; a higher quorum
		/// would let a minority of seats force a fallback by staying silent.)
		#[codec(index = 0)]
		pub static Quorum: Perbill = Perbill::from_percent(50);

		/// An answer agrees when its total-variation distance from consensus is at most this,
		/// in parts per million: 5%.
		#[codec(index = 1)]
		pub static Tolerance: u32 = 50_000;

		/// Strikes at which an attestor is slashed and leaves the active set: 3.
		#[codec(index = 2)]
		pub static MaxStrikes: u32 = 3;

		/// The part of the bond a slash takes: 10%.
		#[codec(index = 3)]
		pub static StrikeSlash: Perbill = Perbill::from_percent(10);

		/// What opening an attribution job costs before congestion, on top of the model's
		/// price: 0.2 OPEN, above what the committee's fourteen commits and reveals would cost
		/// in transaction fees (they pay none), so that a job paid at price 0 still pays for its
		/// committee's work.
		#[codec(index = 4)]
		pub static JobFee: Balance = 200 * crate::MILLI_OPEN;

		/// Blocks a final job's result, with its inference's or batch's record and query bytes,
		/// is kept after it became final: a week. The runtime APIs and RPC answer for them within
		/// it; an unscorable batch's payers claim their refunds within it (then what is unclaimed
		/// goes to the treasury).
		#[codec(index = 5)]
		pub static Retention: crate::BlockNumber = 7 * crate::DAYS;
	}

	/// OPEN economics.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod economics {
		/// The boost `m` of each settled data credit, paid by the community pool
		/// ([`default_data_boost`]).
		#[codec(index = 0)]
		pub static DataBoost: Perbill = default_data_boost();

		/// What the community pool releases per block: its allocation over 48 months.
		#[codec(index = 1)]
		pub static CommunityRelease: Balance = openledger_primitives::economics::allocation::COMMUNITY_PER_BLOCK;

		/// What the ecosystem pool releases per block: its allocation over 48 months.
		#[codec(index = 2)]
		pub static EcosystemRelease: Balance = openledger_primitives::economics::allocation::ECOSYSTEM_PER_BLOCK;

		/// The block author's part of each transaction fee: 20% (the treasury gets 80%; tips go
		/// to the author whole).
		#[codec(index = 3)]
		pub static AuthorFeeShare: Perbill = Perbill::from_percent(20);
	}
}

/// Parameters: root or the parameters track sets them.
impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = frame_support::traits::AsEnsureOriginWithArg<RootOr<crate::governance::Parameters>>;
	// pallet-parameters exports no runtime-generic weights: its `()` holds its benchmarked ones.
	type WeightInfo = ();
}
