//! An agent's stake: bonding more, unbonding (slashable while it unbonds), withdrawing.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::traits::{Saturating, Zero};

use crate::{AgentReports, BalanceOf, Config, Error, Event, HoldReason, Pallet, Registry, Unbonding};

impl<T: Config> Pallet<T> {
	/// Bonds `amount` more for `operator`'s `agent`; a suspended agent back at the minimum
	/// resumes.
	pub(crate) fn do_bond_more(operator: T::AccountId, agent: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut record = Self::operated(&agent, &operator)?;
		T::Currency::hold(&HoldReason::AgentStake.into(), &operator, amount)?;
		record.bonded = record.bonded.saturating_add(amount);
		let resumed = record.suspended && record.bonded >= T::MinStake::get();
		if resumed {
			record.suspended = false;
		}
		Registry::<T>::insert(&agent, record);
		Self::deposit_event(Event::Bonded { agent: agent.clone(), amount });
		if resumed {
			Self::deposit_event(Event::AgentResumed { agent });
		}
		Ok(())
	}

	/// Starts unbonding `amount` of `operator`'s `agent`'s stake; an agent left below the
	/// minimum is suspended.
	pub(crate) fn do_unbond(operator: T::AccountId, agent: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut record = Self::operated(&agent, &operator)?;
		ensure!(amount <= record.bonded, Error::<T>::InsufficientBond);
		let until = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		record.unbonding.try_push(Unbonding { amount, until }).map_err(|_| Error::<T>::TooManyUnbonding)?;
		record.bonded = record.bonded.saturating_sub(amount);
		let suspended = !record.suspended && record.bonded < T::MinStake::get();
		if suspended {
			record.suspended = true;
		}
		Registry::<T>::insert(&agent, record);
		Self::deposit_event(Event::Unbonding { agent: agent.clone(), amount, until });
		if suspended {
			Self::deposit_event(Event::AgentSuspended { agent });
		}
		Ok(())
	}

	/// Releases `operator`'s `agent`'s unbonded stake whose period has passed.
	pub(crate) fn do_withdraw_unbonded(operator: T::AccountId, agent: T::AccountId) -> DispatchResult {
		let mut record = Self::operated(&agent, &operator)?;
		let now = frame_system::Pallet::<T>::block_number();
		// the earliest open report: every chunk still unbonding when it was filed answers for it
		let reported = AgentReports::<T>::iter_prefix_values(&agent).min();
		let mut amount = BalanceOf::<T>::zero();
		let mut held_for_reports = false;
		record.unbonding.retain(|u| {
			let matured = u.until <= now;
			let answers_for_report = reported.is_some_and(|filed| filed < u.until);
			held_for_reports |= matured && answers_for_report;
			let due = matured && !answers_for_report;
			if due {
				amount = amount.saturating_add(u.amount);
			}
			!due
		});
		ensure!(!amount.is_zero() || !held_for_reports, Error::<T>::OpenReports);
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
		T::Currency::release(&HoldReason::AgentStake.into(), &operator, amount, Precision::Exact)?;
		Registry::<T>::insert(&agent, record);
		Self::deposit_event(Event::Withdrawn { agent, amount });
		Ok(())
	}
}
