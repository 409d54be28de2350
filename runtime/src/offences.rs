//! Offences: a validator that casts two GRANDPA votes in one round loses part of its candidacy
//! bond and leaves the validator set.
//!
//! - **Evidence.** A node that sees two signed votes of one authority in one round and stage
//!   (`sc-consensus-grandpa` watches for them) asks the runtime for a proof that the key belonged
//!   to a validator of that session (`GrandpaApi::generate_key_ownership_proof`, answered from
//!   the historical session roots of `pallet-session`'s `historical` module) and submits
//!   `grandpa.reportEquivocationUnsigned` from its own pool. Anyone may also sign
//!   `grandpa.reportEquivocation` with the same proofs. The runtime checks both signatures, that
//!   the votes differ, and the key's membership in the session of that GRANDPA set.
//! - **Record.** `pallet-offences` keeps the report (one per offender and round) and calls
//!   [`SlashCandidacyBond`] with the fraction `min(1, (3k / n)²)` of `k` offenders of the round in
//!   a set of `n`.
//! - **Punishment.** A candidate leaves the candidates at once and loses that fraction of its
//!   bond (the bond it validates with plus any bond given back and still held, see below) to the
//!   treasury; the rest of its bond is held for [`BOND_HELD_SESSIONS`] before it can be released.
//!   A validator of the current set is disabled for the rest of the session (Aura skips its
//!   slots), within `pallet-session`'s limit of a third of the set, and is out of the set from
//!   the second boundary on. An invulnerable has no bond: it is disabled, and the event names
//!   it for governance to remove.
//! - **No escape by leaving.** Collator selection gives a bond back at once when a candidate
//!   leaves, lowers its bond, is outbid or is removed as idle. Here it pays through
//!   [`HeldBondCurrency`], which keeps what is given back reserved for [`BOND_HELD_SESSIONS`]
//!   sessions (the two sessions a validator may still validate after leaving, then
//!   [`REPORTABLE_SESSIONS`] in which its votes can still be proven); the account then releases
//!   it with `candidacyBonds.releaseBond`. An equivocation proven in that time still costs it.
//!
//! Aura equivocations (two blocks for one slot) are not punished: FRAME's Aura pallet has no
//! report, and a sound one would need both headers, the author's key ownership at that slot and
//! a rule for blocks that never reached the chain; see `docs/VALIDATOR.md`.

use crate::{AccountId, Balance, Balances, BlockNumber, Runtime};
use frame_support::{
	traits::{
		BalanceStatus, Currency, ExistenceRequirement, Get, ReservableCurrency, SignedImbalance, WithdrawReasons,
	},
	weights::Weight,
};
use sp_runtime::{traits::Convert, DispatchError, DispatchResult, Perbill};
use sp_staking::{
	offence::{OffenceDetails, OnOffenceHandler},
	SessionIndex,
};

/// Sessions after its own during which a session's validator set stays provable (its
/// historical root is kept): an equivocation can be reported this long.
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

/// A validator's full identification in the historical session roots: nothing but its account
/// (its bond is looked up when it is punished).
pub struct FullIdentification;

impl Convert<AccountId, Option<()>> for FullIdentification {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

/// The session manager: collator selection's sets, each noted in the historical session roots
/// (by `pallet_session::historical::NoteHistoricalRoot`, which wraps this), and the roots older
/// than [`REPORTABLE_SESSIONS`] pruned.
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
		if let Some(expired) = index.checked_sub(REPORTABLE_SESSIONS) {
			crate::Historical::prune_up_to(expired);
		}
		<Selection as pallet_session::SessionManager<AccountId>>::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		<Selection as pallet_session::SessionManager<AccountId>>::end_session(index)
	}
}

impl pallet_session::historical::SessionManager<AccountId, ()> for ValidatorSets {
	fn new_session(index: SessionIndex) -> Option<alloc::vec::Vec<(AccountId, ())>> {
		<Self as pallet_session::SessionManager<AccountId>>::new_session(index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(index: SessionIndex) -> Option<alloc::vec::Vec<(AccountId, ())>> {
		<Self as pallet_session::SessionManager<AccountId>>::new_session_genesis(index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn start_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<AccountId>>::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<AccountId>>::end_session(index)
	}
}

/// What `pallet-offences` calls for each report: every offender of the round is punished by
/// [`candidacy_bonds::Pallet::punish`] (once per offender and session, however many reports of
/// the round arrive).
pub struct SlashCandidacyBond;

impl OnOffenceHandler<AccountId, (AccountId, ()), Weight> for SlashCandidacyBond {
	fn on_offence(
		offenders: &[OffenceDetails<AccountId, (AccountId, ())>],
		fractions: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		offenders.iter().zip(fractions).fold(Weight::zero(), |weight, (details, fraction)| {
			weight.saturating_add(candidacy_bonds::Pallet::<Runtime>::punish(&details.offender.0, *fraction, session))
		})
	}
}

/// Balances as collator selection sees them, except that a bond it gives back is kept reserved
/// for [`BOND_HELD_SESSIONS`] (see [`candidacy_bonds`]).
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
		let held = candidacy_bonds::Pallet::<Runtime>::hold(who, value);
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

/// Candidacy bonds given back and still held, and the punishment of offenders.
// FRAME's pallet macros expand to `expect`s that carry their proofs (that the pallet is part of
// the runtime), spanned on this module's attributes: the lint is allowed for what the macros
// generate and denied again on the module's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod candidacy_bonds {
	use super::{BOND_HELD_SESSIONS, REPORTABLE_SESSIONS};
	use crate::{AccountId, Balance, Balances, Runtime, Session};
	use frame_support::{
		pallet_prelude::*,
		traits::{BalanceStatus, ReservableCurrency},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use sp_staking::{offence::OffenceSeverity, SessionIndex};

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

	/// Candidacy bonds given back and still held, by account (one entry: a later bond given back
	/// adds to it and holds the whole until its own session).
	#[pallet::storage]
	pub type Held<T: Config> = StorageMap<_, Blake2_128Concat, AccountId, HeldBond>;

	/// The sessions (within the last [`REPORTABLE_SESSIONS`]) for whose offences an account was
	/// punished: each is punished once per session.
	#[pallet::storage]
	pub type Punished<T: Config> =
		StorageMap<_, Blake2_128Concat, AccountId, BoundedVec<SessionIndex, ConstU32<{ REPORTABLE_SESSIONS + 1 }>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Collator selection gave a bond back: it stays reserved until session `until`.
		BondHeld { who: AccountId, amount: Balance, until: SessionIndex },
		/// A held bond was released to its account.
		BondReleased { who: AccountId, amount: Balance },
		/// A validator was punished for an offence (a GRANDPA equivocation) in `session`: it is
		/// no longer a candidate, `slashed` of its bond went to the treasury and `held` stays held.
		/// An invulnerable has no bond (both zero): governance may remove it.
		OffenderPunished { who: AccountId, session: SessionIndex, slashed: Balance, held: Balance, invulnerable: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no bond held.
		NothingHeld,
		/// The bond is held until a later session.
		StillHeld,
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
		/// Releases the caller's held candidacy bond once its session has come (`BondReleased`).
		#[pallet::call_index(0)]
		#[pallet::weight(release_bond_weight::<T>())]
		pub fn release_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let held = Held::<T>::get(&who).ok_or(Error::<T>::NothingHeld)?;
			ensure!(Session::current_index() >= held.until, Error::<T>::StillHeld);
			Held::<T>::remove(&who);
			let _ = <Balances as ReservableCurrency<AccountId>>::unreserve(&who, held.amount);
			Self::deposit_event(Event::BondReleased { who, amount: held.amount });
			Ok(())
		}
	}

	/// `release_bond`: the session index, the held bond, the account's balance (two writes),
	/// priced by the database weights with the execution of a balance transfer.
	fn release_bond_weight<T: frame_system::Config>() -> Weight {
		T::DbWeight::get().reads_writes(3, 2).saturating_add(Weight::from_parts(40_000_000, 3_600 + 2 * 3_593))
	}

	impl<T: Config> Pallet<T> {
		/// Keeps `value` of `who`'s reserve held for [`BOND_HELD_SESSIONS`] (no more than what is
		/// reserved and not already held); returns what it holds.
		pub fn hold(who: &AccountId, value: Balance) -> Balance {
			let already = Held::<T>::get(who).map_or(0, |h| h.amount);
			let reserved = <Balances as ReservableCurrency<AccountId>>::reserved_balance(who);
			let held = value.min(reserved.saturating_sub(already));
			if held == 0 {
				return 0;
			}
			let until = Session::current_index().saturating_add(BOND_HELD_SESSIONS);
			let amount = already.saturating_add(held);
			Held::<T>::insert(who, HeldBond { amount, until });
			Self::deposit_event(Event::BondHeld { who: who.clone(), amount, until });
			held
		}

		/// Punishes `who` for an offence in `session`, `fraction` of its bond: see the module
		/// docs. Returns the weight it used.
		pub fn punish(who: &AccountId, fraction: Perbill, session: SessionIndex) -> Weight {
			let db = T::DbWeight::get();
			let current = Session::current_index();
			let mut punished = Punished::<T>::get(who).unwrap_or_default();
			if punished.contains(&session) {
				return db.reads(1);
			}
			punished.retain(|s| s.saturating_add(REPORTABLE_SESSIONS) >= current);
			// Nothing older than the kept roots can be proven, so the list fits; a report of
			// an older session (impossible) would go unrecorded rather than fail.
			let _ = punished.try_push(session);
			Punished::<T>::insert(who, punished);

			let mut bond = 0;
			pallet_collator_selection::CandidateList::<Runtime>::mutate(|candidates| {
				if let Some(at) = candidates.iter().position(|c| &c.who == who) {
					bond = candidates.remove(at).deposit;
				}
			});
			pallet_collator_selection::LastAuthoredBlock::<Runtime>::remove(who);
			let invulnerable = pallet_collator_selection::Invulnerables::<Runtime>::get().contains(who);
			let held = Held::<T>::take(who).map_or(0, |h| h.amount);
			let total = bond.saturating_add(held);
			let owed = fraction.mul_floor(total);
			let unpaid = <Balances as ReservableCurrency<AccountId>>::repatriate_reserved(
				who,
				&crate::configs::TreasuryAccount::get(),
				owed,
				BalanceStatus::Free,
			)
			.unwrap_or(owed);
			let slashed = owed.saturating_sub(unpaid);
			let rest = total.saturating_sub(slashed);
			if rest > 0 {
				let until = current.saturating_add(BOND_HELD_SESSIONS);
				Held::<T>::insert(who, HeldBond { amount: rest, until });
			}
			Session::report_offence(who.clone(), OffenceSeverity(fraction));
			Self::deposit_event(Event::OffenderPunished {
				who: who.clone(),
				session,
				slashed,
				held: rest,
				invulnerable,
			});
			db.reads_writes(9, 9).saturating_add(Weight::from_parts(60_000_000, 0))
		}

		/// Every held bond and every candidate's bond is reserved: for each account, its
		/// candidacy bond and held bond together are no more than what it has reserved.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let candidates = pallet_collator_selection::CandidateList::<Runtime>::get();
			for (who, held) in Held::<T>::iter() {
				let bond = candidates.iter().find(|c| c.who == who).map_or(0, |c| c.deposit);
				let reserved = <Balances as ReservableCurrency<AccountId>>::reserved_balance(&who);
				ensure!(bond.saturating_add(held.amount) <= reserved, "a held bond is not reserved");
				ensure!(held.amount > 0, "an empty held bond is kept");
			}
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
