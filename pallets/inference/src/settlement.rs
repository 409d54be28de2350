//! Settlement: when an attribution is final, the escrow of the inference or batch it explains is
//! paid out — to the attributed contributions (or, on fallback, the lineage datanets' owners),
//! the agreeing attestors and the treasury — and the data credits are boosted. Earnings accrue
//! until their owner claims them.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		Get,
	},
	BoundedVec,
};
use openledger_primitives::{
	attribution::{DataShares, FinalAttribution, OnAttributionFinal, Subject, PARTS_PER_MILLION},
	datanets::{ContributionLedger, ContributionStatus},
	economics::DataRewards,
};
use sp_runtime::traits::{CheckedDiv, One, Saturating, Zero};

use crate::{
	BalanceOf, BatchPayouts, Batches, Config, DatanetEarned, Earned, Error, Escrow, Escrowed, Event, Inferences,
	Pallet, Payout, PayoutKind, Payouts, TotalUnclaimed, Unclaimed, WeightInfo,
};

impl<T: Config> Pallet<T> {
	/// Pays out the escrow of the inference or batch `attribution` explains.
	pub fn settle(attribution: &FinalAttribution<T::AccountId>) {
		match attribution.request.subject {
			Subject::Inference { inference, .. } => {
				let Some(mut receipt) = Inferences::<T>::get(inference) else { return };
				if !receipt.escrow.awaits(attribution.job) {
					return;
				}
				let mut payouts = Payouts::<T>::get(inference).map(|p| p.into_inner()).unwrap_or_default();
				let Some((credited, to_treasury)) = Self::pay_out(&mut receipt.escrow, attribution, &mut payouts)
				else {
					return;
				};
				Inferences::<T>::insert(inference, receipt);
				Payouts::<T>::insert(inference, BoundedVec::truncate_from(payouts));
				Self::deposit_event(Event::InferenceSettled { inference, credited, to_treasury });
			},
			Subject::Batch { batch, .. } => {
				let Some(mut record) = Batches::<T>::get(batch) else { return };
				if !record.escrow.awaits(attribution.job) {
					return;
				}
				let mut payouts = BatchPayouts::<T>::get(batch).map(|p| p.into_inner()).unwrap_or_default();
				let Some((credited, to_treasury)) = Self::pay_out(&mut record.escrow, attribution, &mut payouts) else {
					return;
				};
				Batches::<T>::insert(batch, record);
				BatchPayouts::<T>::insert(batch, BoundedVec::truncate_from(payouts));
				Self::deposit_event(Event::BatchSettled { batch, credited, to_treasury });
			},
		}
	}

	/// Pays out `escrow` as `attribution` says, appending to `payouts`, and has `Rewards` boost
	/// the data credits by less than what the treasury got of the same fees; marks it settled.
	/// Returns what was credited and what went to the treasury (they sum to the escrow), or
	/// `None` if it was settled already or waits for another job.
	fn pay_out(
		escrow: &mut Escrow<T>,
		attribution: &FinalAttribution<T::AccountId>,
		payouts: &mut Vec<Payout<T>>,
	) -> Option<(BalanceOf<T>, BalanceOf<T>)> {
		if !escrow.awaits(attribution.job) {
			return None;
		}
		let (data, attestors) = (escrow.data, escrow.attestors);
		let mut credited = BalanceOf::<T>::zero();
		let mut data_credits = Vec::new();
		let mut pay = |to: T::AccountId, amount: BalanceOf<T>, kind: PayoutKind| {
			if amount.is_zero() {
				return;
			}
			if let PayoutKind::Contribution { datanet, .. } | PayoutKind::Datanet { datanet } = kind {
				DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_add(amount));
				data_credits.push((to.clone(), amount));
			}
			Self::credit(&to, amount);
			credited = credited.saturating_add(amount);
			payouts.push(Payout { to, amount, kind });
		};
		match &attribution.data {
			DataShares::Contributions(shares) => {
				for share in shares {
					let c = share.contribution;
					let amount = Self::part(data, share.ppm);
					match T::Datanets::contribution(c.datanet, c.index) {
						Some((contributor, status)) if status != ContributionStatus::Removed => {
							pay(contributor, amount, PayoutKind::Contribution { datanet: c.datanet, index: c.index })
						},
						// removed since, or gone: the treasury's
						_ => {},
					}
				}
			},
			DataShares::Datanets(datanets) => {
				for (datanet, ppm) in datanets {
					if let Some(owner) = T::Datanets::owner(*datanet) {
						pay(owner, Self::part(data, *ppm), PayoutKind::Datanet { datanet: *datanet });
					}
				}
			},
		}
		let agreed = attribution.agreed.len() as u32;
		if agreed > 0 {
			let each = attestors.checked_div(&BalanceOf::<T>::from(agreed)).unwrap_or_else(Zero::zero);
			for who in attribution.agreed.iter() {
				pay(who.clone(), each, PayoutKind::Attestor);
			}
		}
		let escrowed = data.saturating_add(attestors);
		let to_treasury = escrowed.saturating_sub(credited);
		if !to_treasury.is_zero() {
			// The escrow holds every open escrow above its reserve: this cannot fail unless
			// that invariant is broken, which `try_state` reports.
			if T::Currency::transfer(&Self::escrow_account(), &T::Treasury::get(), to_treasury, Preservation::Preserve)
				.is_err()
			{
				log::error!(target: "inference", "job {}: escrow short of {to_treasury:?}", attribution.job);
			}
			payouts.push(Payout { to: T::Treasury::get(), amount: to_treasury, kind: PayoutKind::Treasury });
		}
		Escrowed::<T>::mutate(|e| *e = e.saturating_sub(escrowed));
		escrow.settled = true;
		// Below the treasury's part of these very fees, whatever the parameters have become
		// since they were paid: whoever held every other role still pays for the loop.
		let limit = escrow.treasury.saturating_sub(One::one());
		T::Rewards::reward(&data_credits, limit);
		Some((credited, to_treasury))
	}

	/// Credits `amount` to `who`'s unclaimed earnings.
	fn credit(who: &T::AccountId, amount: BalanceOf<T>) {
		Unclaimed::<T>::mutate(who, |u| *u = u.saturating_add(amount));
		Earned::<T>::mutate(who, |e| *e = e.saturating_add(amount));
		TotalUnclaimed::<T>::mutate(|t| *t = t.saturating_add(amount));
	}

	/// `whole × ppm / 10⁶`, rounded down.
	fn part(whole: BalanceOf<T>, ppm: u32) -> BalanceOf<T> {
		sp_runtime::Perbill::from_rational(ppm, PARTS_PER_MILLION).mul_floor(whole)
	}

	/// Transfers `who`'s unclaimed earnings from the escrow account to them.
	pub(crate) fn do_claim(who: T::AccountId) -> DispatchResult {
		let amount = Unclaimed::<T>::take(&who);
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		T::Currency::transfer(&Self::escrow_account(), &who, amount, Preservation::Preserve)?;
		TotalUnclaimed::<T>::mutate(|t| *t = t.saturating_sub(amount));
		Self::deposit_event(Event::Claimed { who, amount });
		Ok(())
	}

	/// The escrow account holds exactly its reserve, every open escrow (which `Escrowed` sums)
	/// and every unclaimed earning (which `TotalUnclaimed` sums).
	pub(crate) fn try_state_escrow() -> Result<(), sp_runtime::TryRuntimeError> {
		let open =
			Inferences::<T>::iter_values().fold(BalanceOf::<T>::zero(), |sum, r| sum.saturating_add(r.escrow.open()));
		let open = Batches::<T>::iter_values().fold(open, |sum, b| sum.saturating_add(b.escrow.open()));
		ensure!(open == Escrowed::<T>::get(), "Escrowed differs from the open escrows");
		let unclaimed = Unclaimed::<T>::iter_values().fold(BalanceOf::<T>::zero(), |sum, u| sum.saturating_add(u));
		ensure!(unclaimed == TotalUnclaimed::<T>::get(), "TotalUnclaimed differs from the unclaimed earnings");
		let expected = T::EscrowReserve::get().saturating_add(open).saturating_add(unclaimed);
		ensure!(T::Currency::balance(&Self::escrow_account()) == expected, "escrow balance differs from what it owes");
		Ok(())
	}
}

impl<T: Config> OnAttributionFinal<T::AccountId> for Pallet<T> {
	fn on_attribution_final(attribution: &FinalAttribution<T::AccountId>) {
		Pallet::<T>::settle(attribution);
	}

	fn weight() -> frame_support::weights::Weight {
		let payouts = T::MaxPayouts::get();
		T::WeightInfo::settle(payouts).saturating_add(T::Rewards::weight(payouts))
	}
}
