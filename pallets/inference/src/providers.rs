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
			Some(p) if p.bond >= bond => Err(Error::<T>::AlreadyProvider.into()),
			Some(mut p) => {
				T::Currency::hold(&reason, &who, bond.saturating_sub(p.bond))?;
				p.bond = bond;
				Providers::<T>::insert(&who, p);
				Self::deposit_event(Event::ProviderBondRestored { provider: who, bond });
				Ok(())
			},
			None => {
				T::Currency::hold(&reason, &who, bond)?;
				Providers::<T>::insert(&who, Provider { bond, open: 0 });
				Self::deposit_event(Event::ProviderRegistered { provider: who, bond });
				Ok(())
			},
		}
	}

	/// Removes provider `who` and releases its bond, if nothing of its work is unsettled.
	pub(crate) fn do_unregister_provider(who: T::AccountId) -> DispatchResult {
		let p = Providers::<T>::get(&who).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(p.open == 0, Error::<T>::ProviderBusy);
		if !p.bond.is_zero() {
			T::Currency::release(&HoldReason::ProviderBond.into(), &who, p.bond, Precision::BestEffort)?;
		}
		Providers::<T>::remove(&who);
		Self::deposit_event(Event::ProviderUnregistered { provider: who });
		Ok(())
	}

	/// Whether `provider` may be paid: registered, its bond whole.
	pub(crate) fn check_provider(provider: &T::AccountId) -> DispatchResult {
		let p = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(p.bond >= T::ProviderBond::get(), Error::<T>::ProviderBondShort);
		Ok(())
	}

	/// One more (`opened`) or one fewer of `provider`'s inferences and batches is unsettled.
	pub(crate) fn count_open(provider: &T::AccountId, opened: bool) {
		Providers::<T>::mutate(provider, |p| {
			if let Some(p) = p {
				p.open = if opened { p.open.saturating_add(1) } else { p.open.saturating_sub(1) };
			}
		});
	}

	/// Takes `FalseOutputPenalty` (at most the bond) from `provider`'s bond for a false output
	/// in a batch it submitted, which job `job` proved: up to `lost` (what the batch's payers
	/// paid and the refund of its escrow does not give back) into the escrow account, for the
	/// caller to add to the batch's refunds, the rest to the treasury. Returns what went to the
	/// refunds.
	pub(crate) fn penalise(provider: &T::AccountId, job: JobId, lost: BalanceOf<T>) -> BalanceOf<T> {
		let Some(mut p) = Providers::<T>::get(provider) else { return Zero::zero() };
		let penalty = T::FalseOutputPenalty::get().min(p.bond);
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
