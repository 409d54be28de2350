//! Governance: the referendum tracks and the origins they dispatch with.
//!
//! Token holders decide by referendum (`pallet-referenda`) with conviction voting
//! (`pallet-conviction-voting`); an approved proposal is enacted by the scheduler with its track's
//! origin. Four tracks:
//!
//! | id | track | origin | may |
//! |---|---|---|---|
//! | 0 | `root` | `Root` | anything (runtime upgrades; the validator set's invulnerables, bond and desired count) |
//! | 1 | `parameters` | `Origins.Parameters` | `parameters.setParameter` (the fee split, the attribution consensus, the boost, the release rates, the author's fee share) |
//! | 2 | `treasury` | `Origins.Treasurer` | `treasury.spend` and `economics.spend`, each up to [`MAX_TREASURY_SPEND`] |
//! | 3 | `arbiter` | `Origins.Arbiter` | resolve data challenges and agent reports |
//!
//! Periods: the production values are below ([`Periods::production`]); a network's genesis may
//! set shorter ones for all tracks ([`origins::GenesisConfig::periods`]: the `development` and
//! `local_testnet` presets do), so that tests need no second build of the runtime.

use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array as name, Perbill};

use crate::{AccountId, Balance, BlockNumber, RuntimeOrigin, DAYS, HOURS, OPEN};

pub use origins::{Arbiter, Parameters, Treasurer};

/// The most one `treasury.spend` or `economics.spend` on the treasury track may pay.
pub const MAX_TREASURY_SPEND: Balance = 10_000_000 * OPEN;

/// The periods of a referendum, in blocks.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Periods {
	/// From submission until deciding may start (the decision deposit placed).
	pub prepare: BlockNumber,
	/// How long a referendum is decided before it is rejected.
	pub decision: BlockNumber,
	/// How long it must keep passing to be approved.
	pub confirm: BlockNumber,
	/// The least time from approval to enactment (at least one block).
	pub enactment: BlockNumber,
}

impl Periods {
	/// The production periods of track `id`: the root track's are longer.
	pub const fn production(id: u16) -> Self {
		if id == 0 {
			Periods { prepare: 2 * HOURS, decision: 14 * DAYS, confirm: DAYS, enactment: DAYS }
		} else {
			Periods { prepare: HOURS, decision: 7 * DAYS, confirm: 3 * HOURS, enactment: HOURS }
		}
	}
}

/// The origins of the governance tracks, and the periods a network's genesis may shorten.
// FRAME's pallet macros expand to `expect`s that carry their proofs (that the pallet is part of
// the runtime), spanned on this module's attributes: the lint is allowed for what the macros
// generate and denied again on the module's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod origins {
	use super::Periods;
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The tracks' origins.
	#[derive(PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
	#[pallet::origin]
	pub enum Origin {
		/// Changes runtime parameters.
		Parameters,
		/// Spends from the treasury and the pools.
		Treasurer,
		/// Resolves data challenges and agent reports.
		Arbiter,
	}

	/// The periods every track uses instead of its production ones, if set (at genesis only).
	#[pallet::storage]
	pub type TrackPeriods<T> = StorageValue<_, Periods>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Shorter periods for every track, for development networks.
		pub periods: Option<Periods>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	#[deny(clippy::expect_used)]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(periods) = self.periods {
				assert!(periods.enactment > 0, "enactment must be at least one block");
				TrackPeriods::<T>::put(periods);
			}
		}
	}

	macro_rules! ensure_origin {
		($($name:ident),*) => { $(
			#[doc = concat!("Ensures the `", stringify!($name), "` origin.")]
			pub struct $name;

			impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
				type Success = ();

				fn try_origin(o: O) -> Result<(), O> {
					o.into().and_then(|o| match o {
						Origin::$name => Ok(()),
						other => Err(O::from(other)),
					})
				}

				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		)* };
	}

	ensure_origin!(Parameters, Treasurer, Arbiter);
}

/// The treasury track's spending power: up to [`MAX_TREASURY_SPEND`].
pub struct TreasurySpender;

impl<O: Into<Result<origins::Origin, O>> + From<origins::Origin>> frame_support::traits::EnsureOrigin<O>
	for TreasurySpender
{
	type Success = Balance;

	fn try_origin(o: O) -> Result<Balance, O> {
		o.into().and_then(|o| match o {
			origins::Origin::Treasurer => Ok(MAX_TREASURY_SPEND),
			other => Err(O::from(other)),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(origins::Origin::Treasurer))
	}
}

/// A curve falling linearly over the decision period from `ceil` to `floor` (per mille).
const fn linear(floor_per_mille: u32, ceil_per_mille: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::one(),
		floor: Perbill::from_perthousand(floor_per_mille),
		ceil: Perbill::from_perthousand(ceil_per_mille),
	}
}

/// Approval (ayes / (ayes + nays), conviction-weighted): from 100% down to a simple majority.
const APPROVAL: Curve = linear(500, 1_000);
/// Root's support (aye capital / active issuance): from 20% down to 1%.
const ROOT_SUPPORT: Curve = linear(10, 200);
/// The other tracks' support: from 10% down to 0.1%.
const SUPPORT: Curve = linear(1, 100);

/// The referendum tracks (see the module docs).
pub struct TracksInfo;

impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		let short = origins::TrackPeriods::<crate::Runtime>::get();
		let track = move |id: u16, track_name: &str, max_deciding: u32, deposit: Balance, support: Curve| {
			let periods = short.unwrap_or(Periods::production(id));
			Cow::Owned(Track {
				id,
				info: TrackInfo {
					name: name(track_name),
					max_deciding,
					decision_deposit: deposit,
					prepare_period: periods.prepare,
					decision_period: periods.decision,
					confirm_period: periods.confirm,
					min_enactment_period: periods.enactment,
					min_approval: APPROVAL,
					min_support: support,
				},
			})
		};
		// sorted by id, as the referenda pallet requires
		[
			track(0, "root", 1, 10_000 * OPEN, ROOT_SUPPORT),
			track(1, "parameters", 10, 1_000 * OPEN, SUPPORT),
			track(2, "treasury", 10, 1_000 * OPEN, SUPPORT),
			track(3, "arbiter", 10, 100 * OPEN, SUPPORT),
		]
		.into_iter()
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<u16, ()> {
		if let Ok(system) = frame_system::RawOrigin::<AccountId>::try_from(origin.clone()) {
			return match system {
				frame_system::RawOrigin::Root => Ok(0),
				_ => Err(()),
			};
		}
		match origins::Origin::try_from(origin.clone()).map_err(|_| ())? {
			origins::Origin::Parameters => Ok(1),
			origins::Origin::Treasurer => Ok(2),
			origins::Origin::Arbiter => Ok(3),
		}
	}
}
