//! The attestor registry: bonding into the active set, leaving it, withdrawing the bond, and the
//! strikes that slash it.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

use crate::{ActiveAttestors, Attestor, AttestorState, Attestors, Config, Error, Event, HoldReason, JobId, Pallet};

impl<T: Config> Pallet<T> {
	/// Bonds `bond` from `who` and puts them in the active set. A full set admits a bond larger
	/// than its smallest: the smallest (the last by account among equals) leaves, unbonding, so
	/// that nobody can hold a full set against newcomers.
	pub(crate) fn do_register(who: T::AccountId, bond: crate::BalanceOf<T>) -> DispatchResult {
		ensure!(!Attestors::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		ensure!(bond >= T::MinBond::get(), Error::<T>::BondTooLow);
		let mut active = ActiveAttestors::<T>::get();
		let displaced = if active.is_full() {
			let smallest = active
				.iter()
				.min_by(|(a, x), (b, y)| x.cmp(y).then(b.cmp(a)))
				.map(|(a, b)| (a.clone(), *b))
				.ok_or(Error::<T>::TooManyAttestors)?;
			ensure!(bond > smallest.1, Error::<T>::TooManyAttestors);
			active.retain(|(a, _)| a != &smallest.0);
			Some(smallest.0)
		} else {
			None
		};
		let at = active.binary_search_by(|(a, _)| a.cmp(&who)).err().ok_or(Error::<T>::AlreadyRegistered)?;
		active.try_insert(at, (who.clone(), bond)).map_err(|_| Error::<T>::TooManyAttestors)?;
		T::Currency::hold(&HoldReason::AttestorBond.into(), &who, bond)?;
		ActiveAttestors::<T>::put(active);
		if let Some(out) = displaced {
			if let Some(mut record) = Attestors::<T>::get(&out) {
				// already out of the set written above
				let until = Self::unbond(&mut record);
				Attestors::<T>::insert(&out, record);
				Self::deposit_event(Event::AttestorDisplaced { attestor: out, by: who.clone(), until });
			}
		}
		Attestors::<T>::insert(&who, Attestor { bond, strikes: 0, state: AttestorState::Active });
		Self::deposit_event(Event::AttestorRegistered { attestor: who, bond });
		Ok(())
	}

	/// Takes the active attestor `who` out of the active set; their bond starts unbonding.
	pub(crate) fn do_unregister(who: T::AccountId) -> DispatchResult {
		let mut record = Attestors::<T>::get(&who).ok_or(Error::<T>::NotAttestor)?;
		ensure!(record.state == AttestorState::Active, Error::<T>::NotActive);
		let until = Self::leave(&who, &mut record);
		Attestors::<T>::insert(&who, record);
		Self::deposit_event(Event::AttestorUnregistered { attestor: who, until });
		Ok(())
	}

	/// Releases the bond of `who`, whose unbonding is over, and forgets them.
	pub(crate) fn do_withdraw_unbonded(who: T::AccountId) -> DispatchResult {
		let record = Attestors::<T>::get(&who).ok_or(Error::<T>::NotAttestor)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(matches!(record.state, AttestorState::Unbonding { until } if until <= now), Error::<T>::StillBonded);
		let amount = T::Currency::release(&HoldReason::AttestorBond.into(), &who, record.bond, Precision::BestEffort)?;
		Attestors::<T>::remove(&who);
		Self::deposit_event(Event::BondWithdrawn { attestor: who, amount });
		Ok(())
	}

	/// Takes `who` out of the active set and starts unbonding; returns when it ends.
	fn leave(who: &T::AccountId, record: &mut Attestor<T>) -> BlockNumberFor<T> {
		ActiveAttestors::<T>::mutate(|active| active.retain(|(a, _)| a != who));
		Self::unbond(record)
	}

	/// Starts `record`'s unbonding; returns when it ends.
	fn unbond(record: &mut Attestor<T>) -> BlockNumberFor<T> {
		let until = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		record.state = AttestorState::Unbonding { until };
		until
	}

	/// One strike for `who` over job `job`; at `MaxStrikes`, the slash.
	pub(crate) fn strike(who: &T::AccountId, job: JobId) {
		let Some(mut record) = Attestors::<T>::get(who) else { return };
		record.strikes = record.strikes.saturating_add(1);
		Self::deposit_event(Event::AttestorStruck { job, attestor: who.clone(), strikes: record.strikes });
		if record.strikes >= T::MaxStrikes::get() {
			let due = T::StrikeSlash::get().mul_floor(record.bond);
			let amount = T::Currency::transfer_on_hold(
				&HoldReason::AttestorBond.into(),
				who,
				&T::SlashDestination::get(),
				due,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero());
			record.bond = record.bond.saturating_sub(amount);
			record.strikes = 0;
			let until = match record.state {
				AttestorState::Active => Self::leave(who, &mut record),
				AttestorState::Unbonding { until } => until,
			};
			Self::deposit_event(Event::AttestorSlashed { attestor: who.clone(), amount, until });
		}
		Attestors::<T>::insert(who, record);
	}

	/// An agreeing answer takes a strike off.
	pub(crate) fn pardon(who: &T::AccountId) {
		Attestors::<T>::mutate(who, |record| {
			if let Some(r) = record {
				r.strikes = r.strikes.saturating_sub(1);
			}
		});
	}

	/// Every attestor's bond is on hold, exactly; the active set is the active records, sorted by
	/// account, with their bonds.
	pub(crate) fn try_state_attestors() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let active = ActiveAttestors::<T>::get();
		ensure!(active.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)), "active set not sorted");
		let mut active_records = 0usize;
		for (who, record) in Attestors::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &who);
			ensure!(held == record.bond, "attestor bond differs from its hold");
			if record.state == AttestorState::Active {
				active_records = active_records.saturating_add(1);
				ensure!(active.iter().any(|(a, b)| a == &who && *b == record.bond), "active attestor not in the set");
			}
		}
		ensure!(active_records == active.len(), "active set holds an inactive attestor");
		Ok(())
	}
}
