//! The validator set: sessions, session keys, candidates and invulnerables.
//!
//! Blocks are authored by Aura and finalized by GRANDPA over the validators of the current
//! session (`pallet-session`). The set is chosen at each session boundary by
//! `pallet-collator-selection`, the Cumulus pallet that selects Aura authors (it needs only
//! session, authorship and balances, nothing of a relay chain):
//!
//! - **Invulnerables**, set by root (a referendum on the root track, or the development network's
//!   sudo key): always in the set. The presets' genesis validators are invulnerables.
//! - **Candidates**: any account with session keys set (`session.setKeys`) may
//!   `collatorSelection.registerAsCandidate`, which reserves the candidacy bond
//!   (`collatorSelection.candidacyBond`, set by root). At each boundary the
//!   `collatorSelection.desiredCandidates` highest bonds join the invulnerables; a bond can be
//!   raised (`updateBond`) or a lower one outbid (`takeCandidateSlot`). A candidate that has not
//!   authored a block for [`KickThreshold`] blocks is removed at the next boundary and its bond given
//!   back — every candidate, including one waiting outside the selected seats, which cannot
//!   author: registration counts as a block authored `KickThreshold` blocks later, so a waiting
//!   candidate is removed after about twice the threshold. `leaveIntent` leaves the list at once;
//!   the set loses the validator at the second boundary after it. A bond given back (on leaving,
//!   lowering it, being outbid or removed) stays reserved for
//!   [`BOND_HELD_SESSIONS`](crate::offences::BOND_HELD_SESSIONS) sessions, until
//!   `accountability.releaseBond`: an equivocation can still cost it (see [`crate::offences`]).
//!
//! A change takes effect one session after the boundary that queues it: a candidate registered in
//! session `n` is queued at the end of `n` and validates from session `n + 2`. Aura's authorities
//! change at that boundary; GRANDPA's change is signalled in that block and applies once it is
//! final (collator selection reports a new set at every boundary, so from the second boundary on
//! GRANDPA starts a new set id at each, with the same members if nothing changed). Session keys
//! (Aura, GRANDPA and the attestor key `attr`) work the same way: new keys are used from the
//! second boundary after `setKeys`. The block that rotates the session declares the whole
//! block's weight (`pallet-session` does), so it carries no normal transactions.
//!
//! **Session length**: [`PRODUCTION_SESSION_LENGTH`] blocks (one hour), unless a network's genesis
//! sets another ([`session_length::GenesisConfig::length`]; the `development` and `local_testnet`
//! presets use [`crate::genesis_config_presets::DEVELOPMENT_SESSION_LENGTH`]).
//!
//! **Rewards**: the block author receives its share of each transaction fee and the tips
//! (`economics.AuthorFeeShare`, see `pallet_economics::DealWithFees`), and half of what the
//! collator-selection pot holds above its existential deposit (account [`pot_account`]; nothing
//! is paid into it by the runtime — a treasury spend or anyone's transfer funds it).

use crate::{configs::MAX_VALIDATORS, AccountId, BlockNumber, HOURS};

/// Blocks per session on networks whose genesis sets no other length: an hour of 6 s blocks.
pub const PRODUCTION_SESSION_LENGTH: BlockNumber = HOURS;

/// The blocks in a session on this network.
pub struct SessionLength;

impl frame_support::traits::Get<BlockNumber> for SessionLength {
	fn get() -> BlockNumber {
		session_length::Length::<crate::Runtime>::get().unwrap_or(PRODUCTION_SESSION_LENGTH).max(1)
	}
}

/// A candidate that has not authored a block for this long is removed at the next session
/// boundary: two sessions, but never less than two rounds of the largest possible set
/// ([`MAX_VALIDATORS`] slots each), so that a live validator is never taken for a lazy one.
pub struct KickThreshold;

impl frame_support::traits::Get<BlockNumber> for KickThreshold {
	fn get() -> BlockNumber {
		<SessionLength as frame_support::traits::Get<BlockNumber>>::get()
			.saturating_mul(2)
			.max(MAX_VALIDATORS.saturating_mul(2))
	}
}

/// The account of the collator-selection pot, which pays each block's author half its balance
/// above the existential deposit.
pub fn pot_account() -> AccountId {
	pallet_collator_selection::Pallet::<crate::Runtime>::account_id()
}

/// The length of this network's sessions, if its genesis set one.
// FRAME's pallet macros expand to `expect`s that carry their proofs (that the pallet is part of
// the runtime), spanned on this module's attributes: the lint is allowed for what the macros
// generate and denied again on the module's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod session_length {
	use crate::BlockNumber;
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Blocks per session, if not [`super::PRODUCTION_SESSION_LENGTH`] (set at genesis only).
	#[pallet::storage]
	pub type Length<T> = StorageValue<_, BlockNumber>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per session (at least one), for development networks.
		pub length: Option<BlockNumber>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	#[deny(clippy::expect_used)]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.length {
				assert!(length > 0, "a session lasts at least one block");
				Length::<T>::put(length);
			}
		}
	}
}
