//! Offences: a validator that casts two GRANDPA votes in one round loses part of its candidacy
//! bond and leaves the validator set.
//!
//! - **Evidence.** A node that sees two signed votes of one authority in one round and stage
//!   (`sc-consensus-grandpa` watches for them) asks the runtime for a proof that the key was a
//!   validator's in that GRANDPA set (`GrandpaApi::generate_key_ownership_proof`) and submits
//!   `grandpa.reportEquivocationUnsigned` from its own pool. Anyone may also sign
//!   `grandpa.reportEquivocation` with the same proofs. The runtime checks both signatures, that
//!   the votes differ, and the key's ownership.
//! - **Key ownership.** At the start of each session [`accountability`] records the GRANDPA key
//!   each validator of the session uses (session keys queued a session earlier: a key set during
//!   the session changes nothing in it) and keeps the records of [`REPORTABLE_SESSIONS`] sessions.
//!   A proof ([`KeyOwnership`]) names the session of the GRANDPA set and the size of its set;
//!   checking it is a look-up. (`pallet-session`'s historical module would rebuild a session's
//!   tree from the keys *now* set, so a validator that set new keys would be unprovable.)
//! - **Record.** `pallet-offences` keeps the report (one per offender and round) and calls
//!   [`SlashCandidacyBond`].
//! - **Punishment** ([`accountability::Pallet::punish`]). Offences count per session: with `k`
//!   validators punished for offences of a session of `n`, each pays min(1, (3k / n)²) of its bond
//!   (the bond it validates with, and any bond given back and still held), to the treasury; a
//!   new offender of the session raises what the earlier ones pay (they pay the difference), so
//!   that offenders who double vote alone first, cheaply, gain nothing when they then double
//!   vote together. A report of an offender already punished for the session adds nobody and is
//!   refused ([`OncePerSession`]: reports are free, and could otherwise fill blocks). A
//!   candidate leaves the candidates at once (unless it is the last validator the chain would
//!   have), everything it holds is held for [`BOND_HELD_SESSIONS`] from the punishment, and it
//!   may not be a candidate again while the punishment is reportable
//!   ([`RegisteredAndNotPunished`]). A validator of the current set is disabled for the rest of
//!   the session (Aura skips its slots), within `pallet-session`'s limit of a third of the set,
//!   and is out of the set from the second boundary on. An invulnerable has no bond (unless one
//!   given back is still held): it is disabled, and the event names it for governance to
//!   remove.
//! - **No escape by leaving.** Collator selection gives a bond back at once when a candidate
//!   leaves, lowers its bond, is outbid or is removed as idle. Here it pays through
//!   [`HeldBondCurrency`], which keeps what is given back reserved for [`BOND_HELD_SESSIONS`]
//!   sessions (the two sessions a validator may still validate after leaving, then
//!   [`REPORTABLE_SESSIONS`] in which its votes can still be proven); the account then releases
//!   it with `accountability.releaseBond`. The slash takes reserved funds even under a lock (a
//!   vote or delegation may lock reserved OPEN).
//!
//! Aura equivocations (two blocks for one slot) are not punished: FRAME's Aura pallet has no
//! report; see `docs/VALIDATOR.md`.

use crate::{AccountId, Balance, Balances, BlockNumber, Runtime};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	traits::{
		BalanceStatus, Currency, ExistenceRequirement, Get, KeyOwnerProofSystem, ReservableCurrency, SignedImbalance,
		WithdrawReasons,
	},
	weights::Weight,
};
use scale_info::TypeInfo;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, DispatchResult, KeyTypeId, Perbill,
};
use sp_staking::{
	offence::{OffenceDetails, OffenceReportSystem, OnOffenceHandler},
	SessionIndex,
};

/// Sessions after its own during which an equivocation in a session can be reported (the keys
/// of its validators are kept).
pub const REPORTABLE_SESSIONS: SessionIndex = 6;

/// Sessions a candidacy bond stays reserved after collator selection gives it back: the two
/// sessions a leaving validator may still validate, then [`REPORTABLE_SESSIONS`].
pub const BOND_HELD_SESSIONS: SessionIndex = REPORTABLE_SESSIONS + 2;

/// How long (in blocks) a node keeps its unsigned equivocation report in its pool:
/// [`REPORTABLE_SESSIONS`] sessions.
pub struct ReportLongevity;

impl Get<u64> for ReportLongevity {
	fn get() -> u64 {
		let session: BlockNumber = crate::validators::SessionLength::get();
		u64::from(session).saturating_mul(u64::from(REPORTABLE_SESSIONS))
	}
}

/// The proof that a GRANDPA key was a validator's: the session of the GRANDPA set it voted in,
/// and the number of validators of that session. Checked against the keys
/// [`accountability`] recorded for the session.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct KeyOwnership {
	/// The session.
	pub session: SessionIndex,
	/// Its validators.
	pub validator_count: u32,
}

impl sp_session::GetSessionNumber for KeyOwnership {
	fn session(&self) -> SessionIndex {
		self.session
	}
}

impl sp_session::GetValidatorCount for KeyOwnership {
	fn validator_count(&self) -> u32 {
		self.validator_count
	}
}

/// The owners of GRANDPA keys, by session, as [`accountability`] recorded them.
pub struct GrandpaKeyOwners;

impl KeyOwnerProofSystem<(KeyTypeId, GrandpaId)> for GrandpaKeyOwners {
	type Proof = KeyOwnership;
	type IdentificationTuple = AccountId;

	/// The key's ownership in the current session.
	fn prove((key_type, key): (KeyTypeId, GrandpaId)) -> Option<KeyOwnership> {
		if key_type != sp_consensus_grandpa::KEY_TYPE {
			return None;
		}
		accountability::Pallet::<Runtime>::prove(crate::Session::current_index(), &key)
	}

	fn check_proof((key_type, key): (KeyTypeId, GrandpaId), proof: KeyOwnership) -> Option<AccountId> {
		if key_type != sp_consensus_grandpa::KEY_TYPE {
			return None;
		}
		accountability::Pallet::<Runtime>::owner(&proof, &key)
	}
}

/// GRANDPA's equivocation reports as `pallet-grandpa` checks and records them.
type GrandpaReports =
	pallet_grandpa::EquivocationReportSystem<Runtime, crate::Offences, GrandpaKeyOwners, ReportLongevity>;

/// The equivocation report evidence: the equivocation and the key-ownership proof.
type Evidence = (sp_consensus_grandpa::EquivocationProof<crate::Hash, BlockNumber>, KeyOwnership);

/// GRANDPA's reports, with two checks of ours first:
/// - the proof names the session of the GRANDPA set the votes are in (`pallet-grandpa` accepts
///   any session the set spanned), so that an offence has one session;
/// - an offender already punished for an offence of that session is not reported again: the
///   report would add no offender to the session and cost it nothing more, while reports are
///   free. Refused, unsigned as stale, signed with a fee paid.
pub struct OncePerSession;

/// Why a report is refused before `pallet-grandpa` looks at it.
enum Refusal {
	/// The proof names another session than the set's.
	OtherSession,
	/// The offender was punished for this session already.
	Punished,
}

impl OncePerSession {
	fn refusal(evidence: &Evidence) -> Option<Refusal> {
		let (equivocation, ownership) = evidence;
		if crate::Grandpa::session_for_set(equivocation.set_id()) != Some(ownership.session) {
			return Some(Refusal::OtherSession);
		}
		GrandpaKeyOwners::check_proof(
			(sp_consensus_grandpa::KEY_TYPE, equivocation.offender().clone()),
			ownership.clone(),
		)
		.filter(|who| accountability::Pallet::<Runtime>::punished_in(who, ownership.session))
		.map(|_| Refusal::Punished)
	}
}

impl OffenceReportSystem<Option<AccountId>, Evidence> for OncePerSession {
	type Longevity = ReportLongevity;

	fn publish_evidence(evidence: Evidence) -> Result<(), ()> {
		GrandpaReports::publish_evidence(evidence)
	}

	fn check_evidence(evidence: Evidence) -> Result<(), TransactionValidityError> {
		match Self::refusal(&evidence) {
			Some(Refusal::OtherSession) => Err(InvalidTransaction::BadProof.into()),
			Some(Refusal::Punished) => Err(InvalidTransaction::Stale.into()),
			None => GrandpaReports::check_evidence(evidence),
		}
	}

	fn process_evidence(reporter: Option<AccountId>, evidence: Evidence) -> Result<(), DispatchError> {
		match Self::refusal(&evidence) {
			Some(Refusal::OtherSession) => Err(pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof.into()),
			Some(Refusal::Punished) => Err(accountability::Error::<Runtime>::AlreadyPunished.into()),
			None => GrandpaReports::process_evidence(reporter, evidence),
		}
	}
}

/// Whether an account may be a candidate: its session keys are set and it was not punished for
/// an offence in the last [`REPORTABLE_SESSIONS`] sessions (an offender does not buy its seat
/// back at once with a new bond).
pub struct RegisteredAndNotPunished;

impl frame_support::traits::ValidatorRegistration<AccountId> for RegisteredAndNotPunished {
	fn is_registered(who: &AccountId) -> bool {
		<crate::Session as frame_support::traits::ValidatorRegistration<AccountId>>::is_registered(who)
			&& !accountability::Pallet::<Runtime>::barred(who)
	}
}

/// The session manager: collator selection's sets; at each session's start the GRANDPA keys of
/// its validators are recorded ([`accountability`]).
pub struct ValidatorSets;

type Selection = crate::CollatorSelection;

impl pallet_session::SessionManager<AccountId> for ValidatorSets {
	fn new_session(index: SessionIndex) -> Option<alloc::vec::Vec<AccountId>> {
		<Selection as pallet_session::SessionManager<AccountId>>::new_session(index)
	}

	fn new_session_genesis(index: SessionIndex) -> Option<alloc::vec::Vec<AccountId>> {
		<Selection as pallet_session::SessionManager<AccountId>>::new_session_genesis(index)
	}

	fn start_session(index: SessionIndex) {
		accountability::Pallet::<Runtime>::note_session(index);
		<Selection as pallet_session::SessionManager<AccountId>>::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		<Selection as pallet_session::SessionManager<AccountId>>::end_session(index)
	}
}

/// What `pallet-offences` calls for each report: the offenders of the round are punished by
/// [`accountability::Pallet::punish`].
pub struct SlashCandidacyBond;

impl OnOffenceHandler<AccountId, AccountId, Weight> for SlashCandidacyBond {
	fn on_offence(
		offenders: &[OffenceDetails<AccountId, AccountId>],
		fractions: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		// `pallet-offences` gives every offender of the round the same fraction
		let fraction = fractions.iter().copied().max().unwrap_or_default();
		accountability::Pallet::<Runtime>::punish(offenders.iter().map(|details| &details.offender), fraction, session)
	}
}

/// Balances as collator selection sees them, except that a bond it gives back is kept reserved
/// for [`BOND_HELD_SESSIONS`] (see [`accountability`]).
pub struct HeldBondCurrency;

type PositiveImbalance = <Balances as Currency<AccountId>>::PositiveImbalance;
type NegativeImbalance = <Balances as Currency<AccountId>>::NegativeImbalance;

impl Currency<AccountId> for HeldBondCurrency {
	type Balance = Balance;
	type PositiveImbalance = PositiveImbalance;
	type NegativeImbalance = NegativeImbalance;

	fn total_balance(who: &AccountId) -> Balance {
		Balances::total_balance(who)
	}
	fn can_slash(who: &AccountId, value: Balance) -> bool {
		<Balances as Currency<AccountId>>::can_slash(who, value)
	}
	fn total_issuance() -> Balance {
		<Balances as Currency<AccountId>>::total_issuance()
	}
	fn minimum_balance() -> Balance {
		<Balances as Currency<AccountId>>::minimum_balance()
	}
	fn burn(amount: Balance) -> PositiveImbalance {
		<Balances as Currency<AccountId>>::burn(amount)
	}
	fn issue(amount: Balance) -> NegativeImbalance {
		<Balances as Currency<AccountId>>::issue(amount)
	}
	fn free_balance(who: &AccountId) -> Balance {
		Balances::free_balance(who)
	}
	fn ensure_can_withdraw(
		who: &AccountId,
		amount: Balance,
		reasons: WithdrawReasons,
		new_balance: Balance,
	) -> DispatchResult {
		<Balances as Currency<AccountId>>::ensure_can_withdraw(who, amount, reasons, new_balance)
	}
	fn transfer(
		source: &AccountId,
		dest: &AccountId,
		value: Balance,
		existence: ExistenceRequirement,
	) -> DispatchResult {
		<Balances as Currency<AccountId>>::transfer(source, dest, value, existence)
	}
	fn slash(who: &AccountId, value: Balance) -> (NegativeImbalance, Balance) {
		<Balances as Currency<AccountId>>::slash(who, value)
	}
	fn deposit_into_existing(who: &AccountId, value: Balance) -> Result<PositiveImbalance, DispatchError> {
		<Balances as Currency<AccountId>>::deposit_into_existing(who, value)
	}
	fn deposit_creating(who: &AccountId, value: Balance) -> PositiveImbalance {
		<Balances as Currency<AccountId>>::deposit_creating(who, value)
	}
	fn withdraw(
		who: &AccountId,
		value: Balance,
		reasons: WithdrawReasons,
		liveness: ExistenceRequirement,
	) -> Result<NegativeImbalance, DispatchError> {
		<Balances as Currency<AccountId>>::withdraw(who, value, reasons, liveness)
	}
	fn make_free_balance_be(who: &AccountId, balance: Balance) -> SignedImbalance<Balance, PositiveImbalance> {
		<Balances as Currency<AccountId>>::make_free_balance_be(who, balance)
	}
}

impl ReservableCurrency<AccountId> for HeldBondCurrency {
	fn can_reserve(who: &AccountId, value: Balance) -> bool {
		<Balances as ReservableCurrency<AccountId>>::can_reserve(who, value)
	}
	fn slash_reserved(who: &AccountId, value: Balance) -> (NegativeImbalance, Balance) {
		<Balances as ReservableCurrency<AccountId>>::slash_reserved(who, value)
	}
	fn reserved_balance(who: &AccountId) -> Balance {
		<Balances as ReservableCurrency<AccountId>>::reserved_balance(who)
	}
	fn reserve(who: &AccountId, value: Balance) -> DispatchResult {
		<Balances as ReservableCurrency<AccountId>>::reserve(who, value)
	}
	/// Keeps `value` reserved for [`BOND_HELD_SESSIONS`] instead; returns what of it is not
	/// reserved at all.
	fn unreserve(who: &AccountId, value: Balance) -> Balance {
		let held = accountability::Pallet::<Runtime>::hold(who, value);
		value.saturating_sub(held)
	}
	fn repatriate_reserved(
		slashed: &AccountId,
		beneficiary: &AccountId,
		value: Balance,
		status: BalanceStatus,
	) -> Result<Balance, DispatchError> {
		<Balances as ReservableCurrency<AccountId>>::repatriate_reserved(slashed, beneficiary, value, status)
	}
}

/// Validators' accountability: the GRANDPA keys each recent session's validators used, the
/// candidacy bonds given back and still held, and the punishment of offenders.
// FRAME's pallet macros expand to `expect`s that carry their proofs (that the pallet is part of
// the runtime), spanned on this module's attributes: the lint is allowed for what the macros
// generate and denied again on the module's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod accountability {
	use super::{KeyOwnership, BOND_HELD_SESSIONS, REPORTABLE_SESSIONS};
	use crate::{configs::MAX_VALIDATORS, AccountId, Balance, Balances, Runtime, Session};
	use frame_support::{
		pallet_prelude::*,
		traits::{Currency, Get, ReservableCurrency},
	};
	use frame_system::pallet_prelude::*;
	use sp_consensus_grandpa::AuthorityId as GrandpaId;
	use sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	};
	use sp_staking::{offence::OffenceSeverity, SessionIndex};

	/// Most separate held bonds an account has; a later one is added to the last.
	pub const MAX_HELD_BONDS: u32 = 4;

	#[pallet::config]
	pub trait Config: frame_system::Config<AccountId = AccountId, RuntimeEvent: From<Event<Self>>> {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// A candidacy bond given back by collator selection and still reserved.
	#[derive(Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug)]
	pub struct HeldBond {
		/// What is held.
		pub amount: Balance,
		/// The first session in which it can be released.
		pub until: SessionIndex,
	}

	/// An offender's punishment for its offences of one session.
	#[derive(Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug)]
	pub struct Punishment {
		/// The session of the offences.
		pub session: SessionIndex,
		/// The highest fraction reported.
		pub fraction: Perbill,
		/// The bond the fraction is of: what it had bonded and held when first punished.
		pub bond: Balance,
	}

	/// The GRANDPA key of each validator of a session, in the session's order, for the last
	/// [`REPORTABLE_SESSIONS`] sessions and the current one.
	#[pallet::storage]
	pub type GrandpaKeys<T: Config> =
		StorageMap<_, Twox64Concat, SessionIndex, BoundedVec<(AccountId, GrandpaId), ConstU32<MAX_VALIDATORS>>>;

	/// Candidacy bonds given back and still held, by account, earliest first.
	#[pallet::storage]
	pub type Held<T: Config> =
		StorageMap<_, Blake2_128Concat, AccountId, BoundedVec<HeldBond, ConstU32<MAX_HELD_BONDS>>>;

	/// The offenders punished for offences of a session, for the sessions that can still be
	/// reported: the fraction each pays grows with their number.
	#[pallet::storage]
	pub type SessionOffenders<T: Config> =
		StorageMap<_, Twox64Concat, SessionIndex, BoundedVec<AccountId, ConstU32<MAX_VALIDATORS>>, ValueQuery>;

	/// The punishments of an account for the sessions that can still be reported.
	#[pallet::storage]
	pub type Punished<T: Config> =
		StorageMap<_, Blake2_128Concat, AccountId, BoundedVec<Punishment, ConstU32<{ REPORTABLE_SESSIONS + 1 }>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Collator selection gave a bond back: `amount` stays reserved until session `until`.
		BondHeld { who: AccountId, amount: Balance, until: SessionIndex },
		/// Held bonds were released to their account.
		BondReleased { who: AccountId, amount: Balance },
		/// A validator was punished for an offence (a GRANDPA equivocation) in `session`, at
		/// `fraction`: it is no longer a candidate, `slashed` of its bond went to the treasury,
		/// `held` of it stays held. An invulnerable with nothing held loses nothing: governance
		/// may remove it.
		OffenderPunished {
			who: AccountId,
			session: SessionIndex,
			fraction: Perbill,
			slashed: Balance,
			held: Balance,
			invulnerable: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no bond held.
		NothingHeld,
		/// Every bond held is held until a later session.
		StillHeld,
		/// The offender was already punished for an offence of this session.
		AlreadyPunished,
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// Sessions a candidacy bond stays held after collator selection gives it back.
		#[pallet::constant_name(BondHeldSessions)]
		fn bond_held_sessions() -> SessionIndex {
			BOND_HELD_SESSIONS
		}

		/// Sessions after its own in which an offence can be reported.
		#[pallet::constant_name(ReportableSessions)]
		fn reportable_sessions() -> SessionIndex {
			REPORTABLE_SESSIONS
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Releases the caller's held candidacy bonds whose session has come (`BondReleased`).
		#[pallet::call_index(0)]
		#[pallet::weight(release_bond_weight::<T>())]
		pub fn release_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut held = Held::<T>::get(&who).ok_or(Error::<T>::NothingHeld)?;
			let now = Session::current_index();
			let due = |h: &HeldBond| h.until <= now;
			ensure!(held.iter().any(due), Error::<T>::StillHeld);
			let amount = held.iter().filter(|h| due(h)).fold(0, |sum: Balance, h| sum.saturating_add(h.amount));
			held.retain(|h| !due(h));
			if held.is_empty() {
				Held::<T>::remove(&who);
			} else {
				Held::<T>::insert(&who, held);
			}
			let _ = <Balances as ReservableCurrency<AccountId>>::unreserve(&who, amount);
			// punishments no longer reportable are forgotten
			Punished::<T>::mutate_exists(&who, |punished| {
				if let Some(p) = punished {
					p.retain(|p| Self::reportable(p.session, now));
					if p.is_empty() {
						*punished = None;
					}
				}
			});
			Self::deposit_event(Event::BondReleased { who, amount });
			Ok(())
		}
	}

	/// `release_bond`: the session index, the held bonds, the punishments, the account's balance,
	/// priced by the database weights with the execution of a balance transfer.
	fn release_bond_weight<T: frame_system::Config>() -> Weight {
		T::DbWeight::get().reads_writes(4, 3).saturating_add(Weight::from_parts(40_000_000, 3_600 + 2 * 3_593))
	}

	impl<T: Config> Pallet<T> {
		/// Records the GRANDPA keys of session `index`'s validators (those queued for it) and
		/// forgets those of the session no longer reportable.
		pub fn note_session(index: SessionIndex) {
			let keys: alloc::vec::Vec<(AccountId, GrandpaId)> = if index == 0 {
				Session::validators()
					.into_iter()
					.filter_map(|v| pallet_session::NextKeys::<Runtime>::get(&v).map(|k| (v, k.grandpa)))
					.collect()
			} else {
				pallet_session::QueuedKeys::<Runtime>::get().into_iter().map(|(v, k)| (v, k.grandpa)).collect()
			};
			GrandpaKeys::<T>::insert(index, BoundedVec::truncate_from(keys));
			if let Some(expired) = index.checked_sub(REPORTABLE_SESSIONS.saturating_add(1)) {
				GrandpaKeys::<T>::remove(expired);
				SessionOffenders::<T>::remove(expired);
			}
		}

		/// The proof that `key` was a validator's in `session`, if it was and the session is kept.
		pub fn prove(session: SessionIndex, key: &GrandpaId) -> Option<KeyOwnership> {
			let keys = GrandpaKeys::<T>::get(session)?;
			keys.iter().any(|(_, k)| k == key).then(|| KeyOwnership { session, validator_count: keys.len() as u32 })
		}

		/// The validator whose GRANDPA key `key` was in the session `proof` names, if the proof
		/// holds (the session is kept and had that many validators).
		pub fn owner(proof: &KeyOwnership, key: &GrandpaId) -> Option<AccountId> {
			let keys = GrandpaKeys::<T>::get(proof.session)?;
			if keys.len() as u32 != proof.validator_count {
				return None;
			}
			keys.into_iter().find(|(_, k)| k == key).map(|(v, _)| v)
		}

		/// Whether `who` was punished for an offence of `session`.
		pub fn punished_in(who: &AccountId, session: SessionIndex) -> bool {
			Punished::<T>::get(who).is_some_and(|p| p.iter().any(|p| p.session == session))
		}

		/// Whether an offence of `session` can still be reported in session `current`.
		fn reportable(session: SessionIndex, current: SessionIndex) -> bool {
			session.saturating_add(REPORTABLE_SESSIONS) >= current
		}

		/// Whether `who` was punished for an offence of a session still reportable.
		pub fn barred(who: &AccountId) -> bool {
			let current = Session::current_index();
			Punished::<T>::get(who).is_some_and(|p| p.iter().any(|p| Self::reportable(p.session, current)))
		}

		/// What `who` has held.
		pub fn held(who: &AccountId) -> Balance {
			Held::<T>::get(who).map_or(0, |h| h.iter().fold(0, |sum: Balance, h| sum.saturating_add(h.amount)))
		}

		/// Keeps `value` of `who`'s reserve held for [`BOND_HELD_SESSIONS`] (no more than what is
		/// reserved and not already held); returns what it holds.
		pub fn hold(who: &AccountId, value: Balance) -> Balance {
			let reserved = <Balances as ReservableCurrency<AccountId>>::reserved_balance(who);
			let held = value.min(reserved.saturating_sub(Self::held(who)));
			if held == 0 {
				return 0;
			}
			let until = Session::current_index().saturating_add(BOND_HELD_SESSIONS);
			Self::add_held(who, held, until);
			Self::deposit_event(Event::BondHeld { who: who.clone(), amount: held, until });
			held
		}

		/// Adds a held bond; to the last one if it is due in the same session, or if the account
		/// has [`MAX_HELD_BONDS`] already (which then waits for the later session).
		fn add_held(who: &AccountId, amount: Balance, until: SessionIndex) {
			Held::<T>::mutate(who, |held| {
				let held = held.get_or_insert_with(BoundedVec::new);
				let full = held.is_full();
				match held.last_mut() {
					Some(last) if last.until == until || full => {
						last.amount = last.amount.saturating_add(amount);
						last.until = last.until.max(until);
					},
					_ => {
						// not full: the push succeeds
						let _ = held.try_push(HeldBond { amount, until });
					},
				}
			});
		}

		/// Takes `amount` out of `who`'s held bonds, latest first.
		fn take_held(who: &AccountId, mut amount: Balance) {
			Held::<T>::mutate_exists(who, |held| {
				if let Some(bonds) = held {
					for bond in bonds.iter_mut().rev() {
						let taken = bond.amount.min(amount);
						bond.amount = bond.amount.saturating_sub(taken);
						amount = amount.saturating_sub(taken);
					}
					bonds.retain(|b| !b.amount.is_zero());
					if bonds.is_empty() {
						*held = None;
					}
				}
			});
		}

		/// Punishes `round`'s offenders for an offence in `session`: they join the session's
		/// offenders, and each of those pays min(1, (3k/n)²) of its bond, `k` the session's
		/// offenders and `n` its validators (or `fraction`, what `pallet-offences` computed for
		/// the round, if higher). Returns the weight it used.
		pub fn punish<'a>(
			round: impl IntoIterator<Item = &'a AccountId>,
			fraction: Perbill,
			session: SessionIndex,
		) -> Weight {
			let db = T::DbWeight::get();
			let mut offenders = SessionOffenders::<T>::get(session);
			for who in round {
				if !offenders.contains(who) {
					// at most the session's validators are its offenders
					let _ = offenders.try_push(who.clone());
				}
			}
			SessionOffenders::<T>::insert(session, &offenders);
			let validators = GrandpaKeys::<T>::get(session).map_or(1, |keys| keys.len().max(1)) as u32;
			let of_session = Perbill::from_rational((offenders.len() as u32).saturating_mul(3), validators).square();
			let fraction = fraction.max(of_session);
			offenders.iter().fold(db.reads_writes(2, 1), |weight, offender| {
				weight.saturating_add(Self::raise(offender, fraction, session))
			})
		}

		/// Punishes `who` for its offences in `session` at `fraction`, if it was not already at
		/// that fraction or more: see the module docs. Returns the weight it used.
		fn raise(who: &AccountId, fraction: Perbill, session: SessionIndex) -> Weight {
			let db = T::DbWeight::get();
			let current = Session::current_index();
			let mut punished = Punished::<T>::get(who).unwrap_or_default();
			punished.retain(|p| Self::reportable(p.session, current));
			let earlier = punished.iter().position(|p| p.session == session);
			if earlier.and_then(|at| punished.get(at)).is_some_and(|p| p.fraction >= fraction) {
				return db.reads(1);
			}

			// Its bond leaves the candidates and joins what is held — unless it is among the
			// last validators the chain must have: then it keeps its seat and its bond pays in
			// the list — and all it holds is held for the full period again.
			let invulnerables = pallet_collator_selection::Invulnerables::<Runtime>::decode_len().unwrap_or(0);
			let min_eligible =
				<<Runtime as pallet_collator_selection::Config>::MinEligibleCollators as Get<u32>>::get() as usize;
			let (mut bond, mut listed) = (0, 0);
			pallet_collator_selection::CandidateList::<Runtime>::mutate(|candidates| {
				if let Some(at) = candidates.iter().position(|c| &c.who == who) {
					if invulnerables.saturating_add(candidates.len()) > min_eligible {
						bond = candidates.remove(at).deposit;
					} else {
						listed = candidates.get(at).map_or(0, |c| c.deposit);
					}
				}
			});
			let until = current.saturating_add(BOND_HELD_SESSIONS);
			if bond > 0 {
				pallet_collator_selection::LastAuthoredBlock::<Runtime>::remove(who);
				Self::add_held(who, bond, until);
			}
			Held::<T>::mutate_exists(who, |held| {
				if let Some(bonds) = held {
					bonds.iter_mut().for_each(|b| b.until = b.until.max(until));
				}
			});
			let held = Self::held(who);
			let stake = held.saturating_add(listed);

			let (base, before) = match earlier.and_then(|at| punished.get_mut(at)) {
				Some(p) => {
					let before = p.fraction;
					p.fraction = fraction;
					(p.bond, before)
				},
				None => {
					// Only sessions still reportable are kept, so there is room.
					let _ = punished.try_push(Punishment { session, fraction, bond: stake });
					(stake, Perbill::zero())
				},
			};
			Punished::<T>::insert(who, punished);

			// The slash ignores locks (a vote may lock reserved OPEN): what it takes is the
			// treasury's. It comes out of what is held, then out of a bond still listed.
			let owed = fraction.saturating_sub(before).mul_floor(base).min(stake);
			let (imbalance, unpaid) = <Balances as ReservableCurrency<AccountId>>::slash_reserved(who, owed);
			<Balances as Currency<AccountId>>::resolve_creating(&crate::configs::TreasuryAccount::get(), imbalance);
			let slashed = owed.saturating_sub(unpaid);
			Self::take_held(who, slashed.min(held));
			let from_list = slashed.saturating_sub(held);
			if from_list > 0 {
				pallet_collator_selection::CandidateList::<Runtime>::mutate(|candidates| {
					if let Some(c) = candidates.iter_mut().find(|c| &c.who == who) {
						c.deposit = c.deposit.saturating_sub(from_list);
					}
				});
			}

			Session::report_offence(who.clone(), OffenceSeverity(fraction));
			let invulnerable = pallet_collator_selection::Invulnerables::<Runtime>::get().contains(who);
			Self::deposit_event(Event::OffenderPunished {
				who: who.clone(),
				session,
				fraction,
				slashed,
				held: Self::held(who),
				invulnerable,
			});
			db.reads_writes(10, 9).saturating_add(Weight::from_parts(60_000_000, 0))
		}

		/// Every held bond is reserved: for each account, its candidacy bond and held bonds
		/// together are no more than what it has reserved, and a held bond is not empty. The
		/// keys of no more than the reportable sessions are kept.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let candidates = pallet_collator_selection::CandidateList::<Runtime>::get();
			for (who, held) in Held::<T>::iter() {
				let bond = candidates.iter().find(|c| c.who == who).map_or(0, |c| c.deposit);
				let reserved = <Balances as ReservableCurrency<AccountId>>::reserved_balance(&who);
				ensure!(bond.saturating_add(Self::held(&who)) <= reserved, "a held bond is not reserved");
				ensure!(!held.is_empty() && held.iter().all(|h| h.amount > 0), "an empty held bond is kept");
			}
			ensure!(
				GrandpaKeys::<T>::iter_keys().count() <= REPORTABLE_SESSIONS.saturating_add(1) as usize,
				"the keys of a session no longer reportable are kept"
			);
			ensure!(
				SessionOffenders::<T>::iter_keys().count() <= REPORTABLE_SESSIONS.saturating_add(1) as usize,
				"the offenders of a session no longer reportable are kept"
			);
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
