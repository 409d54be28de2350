//! Inference providers: their bonds, their unsettled work, and the penalty for a false output.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use openledger_primitives::attribution::JobId;
use sp_runtime::traits::{Saturating, Zero};

use crate::{BalanceOf, Config, Error, Event, HoldReason, Pallet, Provider, Providers};

impl<T: Config> Pallet<T> {
	/// Registers `who`, holding the bond; or tops up the bond of a provider below it.
	pub(crate) fn do_register_provider(who: T::AccountId) -> DispatchResult {
		let bond = T::ProviderBond::get();
		let reason = HoldReason::ProviderBond.into();
		match Providers::<T>::get(&who) {
			Some(p) if p.bond >= bond && !p.retiring => Err(Error::<T>::AlreadyProvider.into()),
			Some(mut p) => {
				// tops up a bond penalised below the parameter, and stays if it was leaving
				T::Currency::hold(&reason, &who, bond.saturating_sub(p.bond))?;
				p.bond = p.bond.max(bond);
				p.retiring = false;
				let bond = p.bond;
				Providers::<T>::insert(&who, p);
				Self::deposit_event(Event::ProviderBondRestored { provider: who, bond });
				Ok(())
			},
			None => {
				T::Currency::hold(&reason, &who, bond)?;
				Providers::<T>::insert(&who, Provider { bond, open: 0, batches: 0, retiring: false });
				Self::deposit_event(Event::ProviderRegistered { provider: who, bond });
				Ok(())
			},
		}
	}

	/// Provider `who` leaves: at once if nothing of its work is unsettled (its bond released);
	/// else it takes no new payments and leaves when its last unsettled work settles — so that
	/// no one can keep its bond locked by paying it for inferences it never served.
	pub(crate) fn do_unregister_provider(who: T::AccountId) -> DispatchResult {
		let mut p = Providers::<T>::get(&who).ok_or(Error::<T>::UnknownProvider)?;
		if p.open == 0 {
			Self::remove_provider(&who, &p);
		} else {
			ensure!(!p.retiring, Error::<T>::ProviderRetiring);
			p.retiring = true;
			Providers::<T>::insert(&who, p);
			Self::deposit_event(Event::ProviderRetiring { provider: who });
		}
		Ok(())
	}

	fn remove_provider(who: &T::AccountId, p: &Provider<T>) {
		if !p.bond.is_zero() {
			let _ = T::Currency::release(&HoldReason::ProviderBond.into(), who, p.bond, Precision::BestEffort);
		}
		Providers::<T>::remove(who);
		Self::deposit_event(Event::ProviderUnregistered { provider: who.clone() });
	}

	/// Whether `provider` may be paid: registered, not leaving, its bond whole.
	pub(crate) fn check_provider(provider: &T::AccountId) -> DispatchResult {
		let p = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(!p.retiring, Error::<T>::ProviderRetiring);
		ensure!(p.bond >= T::ProviderBond::get(), Error::<T>::ProviderBondShort);
		Ok(())
	}

	/// Whether `provider`'s bond covers the penalty of one more unsettled batch.
	pub(crate) fn check_batch_cover(provider: &T::AccountId) -> DispatchResult {
		let p = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		let covered = T::FalseOutputPenalty::get().saturating_mul(p.batches.saturating_add(1).into());
		ensure!(covered <= p.bond, Error::<T>::TooManyOpenBatches);
		Ok(())
	}

	/// One more (`opened`) or one fewer of `provider`'s inferences and batches (`batch`) is
	/// unsettled; a leaving provider whose last work settled leaves.
	pub(crate) fn count_open(provider: &T::AccountId, opened: bool, batch: bool) {
		let Some(mut p) = Providers::<T>::get(provider) else { return };
		let step = |n: u32| if opened { n.saturating_add(1) } else { n.saturating_sub(1) };
		p.open = step(p.open);
		if batch {
			p.batches = step(p.batches);
		}
		if p.retiring && p.open == 0 {
			Self::remove_provider(provider, &p);
		} else {
			Providers::<T>::insert(provider, p);
		}
	}

	/// Takes the larger of `FalseOutputPenalty` and `lost` (what the batch's payers paid and
	/// its refund does not give back), at most the bond, from `provider`'s bond for a false
	/// output in a batch it submitted, which job `job` proved: up to `lost` into the escrow
	/// account, for the caller to add to the batch's refunds, the rest to the treasury. Returns
	/// what went to the refunds.
	pub(crate) fn penalise(provider: &T::AccountId, job: JobId, lost: BalanceOf<T>) -> BalanceOf<T> {
		let Some(mut p) = Providers::<T>::get(provider) else { return Zero::zero() };
		// at least what the payers lost, so that they are whole while the bond lasts
		let penalty = T::FalseOutputPenalty::get().max(lost).min(p.bond);
		let reason = HoldReason::ProviderBond.into();
		let take = |to: &T::AccountId, amount: BalanceOf<T>| -> BalanceOf<T> {
			if amount.is_zero() {
				return Zero::zero();
			}
			T::Currency::transfer_on_hold(
				&reason,
				provider,
				to,
				amount,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero())
		};
		let to_payers = take(&Self::escrow_account(), penalty.min(lost));
		let to_treasury = take(&T::Treasury::get(), penalty.saturating_sub(to_payers));
		p.bond = p.bond.saturating_sub(to_payers.saturating_add(to_treasury));
		Providers::<T>::insert(provider, p);
		Self::deposit_event(Event::ProviderPenalised { provider: provider.clone(), job, to_payers, to_treasury });
		to_payers
	}
}
