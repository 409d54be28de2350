//! The validator set: sessions and their keys, collator selection (see [`crate::validators`]).

use crate::{AccountId, Balance, Balances, Runtime, RuntimeEvent, OPEN};
use frame_support::{parameter_types, traits::ConstU32, PalletId};

parameter_types! {
	/// What `session.setKeys` holds from an account while it has keys set.
	pub const SessionKeyDeposit: Balance = OPEN;
	/// The collator-selection pot's pallet id (see [`crate::validators::pot_account`]).
	pub const ValidatorPotId: PalletId = PalletId(*b"ol/vapot");
}

/// Sessions of [`SessionLength`](crate::validators::SessionLength) blocks, the first starting at
/// genesis.
type Sessions = pallet_session::PeriodicSessions<crate::validators::SessionLength, ConstU32<0>>;

/// Sessions: the validators and their keys (Aura, GRANDPA, `attr`) change at session boundaries,
/// every [`SessionLength`](crate::validators::SessionLength) blocks. See [`crate::validators`].
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = crate::offences::ValidatorSets;
	type SessionHandler = <crate::opaque::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::opaque::SessionKeys;
	// An offender (see `crate::offences`) is disabled for the rest of the session, up to a
	// third of the set.
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Most validators a session may have: the invulnerables and the candidates together must fit in
/// Aura's and GRANDPA's authority bounds.
pub const MAX_VALIDATORS: u32 = 32;

/// Collator selection: invulnerables set by root, candidates bonding OPEN; see
/// [`crate::validators`].
impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Bonds given back stay reserved for a while, so that an offence can still be punished.
	type Currency = crate::offences::HeldBondCurrency;
	type UpdateOrigin = frame_system::EnsureRoot<AccountId>;
	type PotId = ValidatorPotId;
	type MaxCandidates = ConstU32<{ MAX_VALIDATORS / 2 }>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<{ MAX_VALIDATORS / 2 }>;
	type KickThreshold = crate::validators::KickThreshold;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	// An offender may not be a candidate again while its punishment can be reported.
	type ValidatorRegistration = crate::offences::RegisteredAndNotPunished;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

impl crate::validators::session_length::Config for Runtime {}

/// Offence reports (GRANDPA equivocations), punished by [`crate::offences::SlashCandidacyBond`].
impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = AccountId;
	type OnOffenceHandler = crate::offences::SlashCandidacyBond;
}

impl crate::offences::accountability::Config for Runtime {}
