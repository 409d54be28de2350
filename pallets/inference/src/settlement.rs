//! Settlement: when an attribution is final, the escrow of the inference or batch it explains is
//! paid out — to the attributed contributions (or, on fallback, the lineage versions' pools,
//! which their members draw from), the agreeing attestors and the treasury — and the
//! contributions' credits are boosted. Earnings accrue until their owner claims them.

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
	attribution::{BatchId, DataShares, FinalAttribution, JobId, OnAttributionFinal, Subject, PARTS_PER_MILLION},
	datanets::{ContributionIndex, ContributionLedger, ContributionStatus, DatanetId, VersionNumber},
	economics::DataRewards,
};
use sp_runtime::traits::{CheckedDiv, One, SaturatedConversion, Saturating, Zero};

use crate::{
	BalanceOf, BatchPayers, BatchPayouts, BatchRefunds, Batches, Config, DatanetEarned, Earned, Error, Escrow,
	Escrowed, Event, HeldEarnings, Inferences, LineageDrawn, LineagePoolDrawn, LineagePools, Pallet, Payout,
	PayoutKind, Payouts, Providers, TotalHeld, TotalPooled, TotalRefundable, TotalUnclaimed, Unclaimed, WeightInfo,
};

impl<T: Config> Pallet<T> {
	/// Pays out the escrow of the inference or batch `attribution` explains — or, if its
	/// committee found it unscorable, refunds it to whoever paid.
	pub fn settle(attribution: &FinalAttribution<T::AccountId>) {
		let unscorable = matches!(attribution.data, DataShares::Unscorable { .. });
		// proven by more than half of the committee: the data share goes to the treasury, not
		// back to the payer (`pay_out`)
		let false_output = matches!(attribution.data, DataShares::FalseOutput);
		let job = attribution.job;
		match attribution.request.subject {
			Subject::Inference { inference, .. } => {
				let Some(mut receipt) = Inferences::<T>::get(inference) else { return };
				if !receipt.escrow.awaits(job) {
					return;
				}
				let mut payouts = Payouts::<T>::get(inference).map(|p| p.into_inner()).unwrap_or_default();
				if unscorable {
					let refunded = Self::refund(&mut receipt.escrow, &receipt.payer.clone(), &mut payouts);
					Self::deposit_event(Event::InferenceRefunded { inference, refunded });
				} else {
					// A false output's data share goes to the treasury, and nobody is penalised:
					// `pay_inference`'s output is its payer's word, not the provider's, and a
					// payer could otherwise burn a provider's bond.
					let (credited, to_treasury) = Self::pay_out(&mut receipt.escrow, attribution, &mut payouts);
					Self::deposit_event(Event::InferenceSettled { inference, credited, to_treasury });
				}
				Self::count_open(&receipt.provider, false, false);
				Inferences::<T>::insert(inference, receipt);
				Payouts::<T>::insert(inference, BoundedVec::truncate_from(payouts));
			},
			Subject::Batch { batch, .. } => {
				let Some(mut record) = Batches::<T>::get(batch) else { return };
				if !record.escrow.awaits(job) {
					return;
				}
				let mut payouts = BatchPayouts::<T>::get(batch).map(|p| p.into_inner()).unwrap_or_default();
				if false_output {
					// The provider vouched for a false output: its escrowed part and a penalty
					// from its bond go to the batch's payers; the data share to the treasury.
					let forfeited = Self::take_provider_part(&mut record.escrow);
					let (credited, to_treasury) = Self::pay_out(&mut record.escrow, attribution, &mut payouts);
					Self::deposit_event(Event::BatchSettled { batch, credited, to_treasury });
					let lost = record.fee.saturating_sub(forfeited);
					let penalty = Self::penalise(&record.provider, job, lost);
					Self::refund_batch(batch, record.receipts, forfeited.saturating_add(penalty), &mut payouts);
				} else if unscorable {
					// The provider is paid; refunds wait for each payer to claim them: a batch
					// has up to `MaxBatch` payers, more transfers than a settlement may make.
					Self::pay_provider_part(&mut record.escrow, &record.provider, &mut payouts);
					let escrowed = Self::close(&mut record.escrow);
					Self::refund_batch(batch, record.receipts, escrowed, &mut payouts);
				} else {
					BatchPayers::<T>::remove(batch);
					Self::pay_provider_part(&mut record.escrow, &record.provider, &mut payouts);
					let (credited, to_treasury) = Self::pay_out(&mut record.escrow, attribution, &mut payouts);
					Self::deposit_event(Event::BatchSettled { batch, credited, to_treasury });
				}
				Self::count_open(&record.provider, false, true);
				Batches::<T>::insert(batch, record);
				BatchPayouts::<T>::insert(batch, BoundedVec::truncate_from(payouts));
			},
		}
	}

	/// Makes `amount`, in the escrow account, the refunds of batch `batch`'s `receipts`
	/// receipts, equally per receipt (the remainder to the treasury), for its payers to claim.
	fn refund_batch(batch: BatchId, receipts: u32, amount: BalanceOf<T>, payouts: &mut Vec<Payout<T>>) {
		let each = amount.checked_div(&BalanceOf::<T>::from(receipts)).unwrap_or_else(Zero::zero);
		let refundable = each.saturating_mul(BalanceOf::<T>::from(receipts));
		Self::to_treasury(amount.saturating_sub(refundable), payouts);
		BatchRefunds::<T>::insert(batch, each);
		TotalRefundable::<T>::mutate(|t| *t = t.saturating_add(refundable));
		Self::deposit_event(Event::BatchRefunded { batch, refundable });
	}

	/// Takes a batch's escrowed provider part off `escrow` and [`Escrowed`], leaving it in the
	/// escrow account for the caller; returns it.
	fn take_provider_part(escrow: &mut Escrow<T>) -> BalanceOf<T> {
		let part = core::mem::take(&mut escrow.provider);
		Escrowed::<T>::mutate(|e| *e = e.saturating_sub(part));
		part
	}

	/// Pays a batch's escrowed provider part to `provider` (or, if its account cannot take it,
	/// to its earnings), appending to `payouts`.
	fn pay_provider_part(escrow: &mut Escrow<T>, provider: &T::AccountId, payouts: &mut Vec<Payout<T>>) {
		let part = Self::take_provider_part(escrow);
		if !part.is_zero() {
			Self::pay_from_escrow(provider, part);
			payouts.push(Payout { to: provider.clone(), amount: part, kind: PayoutKind::Provider });
		}
	}

	/// Transfers `amount` from the escrow account to `to`, or, if its account cannot take it
	/// (reaped, and `amount` below the existential deposit), credits it to `to`'s earnings.
	fn pay_from_escrow(to: &T::AccountId, amount: BalanceOf<T>) {
		if T::Currency::transfer(&Self::escrow_account(), to, amount, Preservation::Preserve).is_err() {
			Unclaimed::<T>::mutate(to, |u| *u = u.saturating_add(amount));
			TotalUnclaimed::<T>::mutate(|t| *t = t.saturating_add(amount));
		}
	}

	/// Gives an inference's `escrow` back to `payer`, appending to `payouts`; marks it settled.
	/// A refund the payer's account cannot take (it was reaped and the escrow is below the
	/// existential deposit) waits for the payer to claim it. Returns what was refunded.
	fn refund(escrow: &mut Escrow<T>, payer: &T::AccountId, payouts: &mut Vec<Payout<T>>) -> BalanceOf<T> {
		let escrowed = Self::close(escrow);
		if !escrowed.is_zero() {
			Self::pay_from_escrow(payer, escrowed);
			payouts.push(Payout { to: payer.clone(), amount: escrowed, kind: PayoutKind::Refund });
		}
		escrowed
	}

	/// Marks `escrow` settled and takes what it holds off [`Escrowed`]; returns that, for the
	/// caller to pay out.
	fn close(escrow: &mut Escrow<T>) -> BalanceOf<T> {
		let escrowed = escrow.open();
		Escrowed::<T>::mutate(|e| *e = e.saturating_sub(escrowed));
		escrow.settled = true;
		escrowed
	}

	/// Sends `amount` of the escrow account to the treasury, appending to `payouts`.
	fn to_treasury(amount: BalanceOf<T>, payouts: &mut Vec<Payout<T>>) {
		if amount.is_zero() {
			return;
		}
		// The escrow holds every open escrow above its reserve: this cannot fail unless that
		// invariant is broken, which `try_state` reports.
		if T::Currency::transfer(&Self::escrow_account(), &T::Treasury::get(), amount, Preservation::Preserve).is_err()
		{
			log::error!(target: "inference", "escrow short of {amount:?} for the treasury");
		}
		payouts.push(Payout { to: T::Treasury::get(), amount, kind: PayoutKind::Treasury });
	}

	/// Forgets the settled inference or batch `subject` names, whose job `job`'s result is
	/// forgotten: its record and payouts, and a batch's unclaimed refunds, which go to the
	/// treasury. Nothing if it is not settled by `job`.
	pub fn expire(job: JobId, subject: &Subject) {
		match *subject {
			Subject::Inference { inference, .. } => {
				if Inferences::<T>::get(inference).is_some_and(|r| r.escrow.settled && r.escrow.job == job) {
					Inferences::<T>::remove(inference);
					Payouts::<T>::remove(inference);
				}
			},
			Subject::Batch { batch, .. } => {
				if !Batches::<T>::get(batch).is_some_and(|b| b.escrow.settled && b.escrow.job == job) {
					return;
				}
				if let Some(each) = BatchRefunds::<T>::take(batch) {
					let receipts = BatchPayers::<T>::take(batch).map_or(0, |payers| receipts(&payers));
					let amount = each.saturating_mul(BalanceOf::<T>::from(receipts));
					TotalRefundable::<T>::mutate(|t| *t = t.saturating_sub(amount));
					// to the treasury's earnings if its account cannot take it: nothing is lost
					Self::pay_from_escrow(&T::Treasury::get(), amount);
					Self::deposit_event(Event::RefundsExpired { batch, amount });
				}
				Batches::<T>::remove(batch);
				BatchPayouts::<T>::remove(batch);
			},
		}
	}

	/// Pays `who` the refunds of its receipts in batch `batch`, which its committee found
	/// unscorable.
	pub(crate) fn do_claim_refund(who: T::AccountId, batch: BatchId) -> DispatchResult {
		let each = BatchRefunds::<T>::get(batch).ok_or(Error::<T>::NothingToRefund)?;
		let mut payers = BatchPayers::<T>::get(batch).ok_or(Error::<T>::NothingToRefund)?;
		let at = payers.iter().position(|(p, _)| p == &who).ok_or(Error::<T>::NothingToRefund)?;
		let (_, count) = payers.remove(at);
		let amount = each.saturating_mul(BalanceOf::<T>::from(count));
		T::Currency::transfer(&Self::escrow_account(), &who, amount, Preservation::Preserve)?;
		TotalRefundable::<T>::mutate(|t| *t = t.saturating_sub(amount));
		if payers.is_empty() {
			BatchPayers::<T>::remove(batch);
			BatchRefunds::<T>::remove(batch);
		} else {
			BatchPayers::<T>::insert(batch, payers);
		}
		Self::deposit_event(Event::RefundClaimed { batch, who, amount });
		Ok(())
	}

	/// Credits member `index` of version `version` of `datanet` with what the version's pool
	/// owes it since it last drew.
	pub(crate) fn do_claim_lineage(
		datanet: DatanetId,
		version: VersionNumber,
		index: ContributionIndex,
	) -> DispatchResult {
		let (contributor, rows, version_rows) =
			T::Datanets::member_rows(datanet, version, index).ok_or(Error::<T>::NotAMember)?;
		// what a challenged contribution earns waits for its challenge
		ensure!(!T::Datanets::challenged(datanet, index), Error::<T>::UnderChallenge);
		let pool = (datanet, version);
		let received = LineagePools::<T>::get(pool);
		// A member's rows never exceed its version's; and whatever they say, the pool pays out
		// no more than it received.
		let share = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			received.saturated_into(),
			u128::from(rows.min(version_rows)),
			u128::from(version_rows),
			sp_runtime::Rounding::Down,
		)
		.unwrap_or(0);
		let share: BalanceOf<T> = share.saturated_into();
		let drawn = LineageDrawn::<T>::get(pool, index);
		let left = received.saturating_sub(LineagePoolDrawn::<T>::get(pool));
		let amount = share.saturating_sub(drawn).min(left);
		ensure!(!amount.is_zero(), Error::<T>::NothingToDraw);
		LineageDrawn::<T>::insert(pool, index, drawn.saturating_add(amount));
		LineagePoolDrawn::<T>::mutate(pool, |d| *d = d.saturating_add(amount));
		TotalPooled::<T>::mutate(|p| *p = p.saturating_sub(amount));
		Self::credit(&contributor, amount);
		Self::deposit_event(Event::LineageDrawn { datanet, version, index, contributor, amount });
		Ok(())
	}

	/// Pays out `escrow` as `attribution` says, appending to `payouts`, and has `Rewards` boost
	/// the data credits by less than what the treasury got of the same fees; marks it settled.
	/// Returns what was credited and what went to the treasury (they sum to the escrow).
	fn pay_out(
		escrow: &mut Escrow<T>,
		attribution: &FinalAttribution<T::AccountId>,
		payouts: &mut Vec<Payout<T>>,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let (data, attestors) = (escrow.data, escrow.attestors);
		let mut credited = BalanceOf::<T>::zero();
		let mut data_credits = Vec::new();
		let mut pay = |to: T::AccountId, amount: BalanceOf<T>, kind: PayoutKind| {
			if amount.is_zero() {
				return;
			}
			match kind {
				PayoutKind::Contribution { datanet, .. } => {
					DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_add(amount));
					data_credits.push((to.clone(), amount));
					Self::credit(&to, amount);
				},
				// challenged: held in the escrow account until the challenge resolves, no boost
				PayoutKind::Held { datanet, index } => {
					DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_add(amount));
					HeldEarnings::<T>::mutate(datanet, index, |h| *h = h.saturating_add(amount));
					TotalHeld::<T>::mutate(|t| *t = t.saturating_add(amount));
					Self::deposit_event(Event::EarningsHeld { datanet, index, amount });
				},
				// into the version's pool, kept in the escrow account for its members to draw
				PayoutKind::Lineage { datanet, version } => {
					DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_add(amount));
					LineagePools::<T>::mutate((datanet, version), |p| *p = p.saturating_add(amount));
					TotalPooled::<T>::mutate(|p| *p = p.saturating_add(amount));
				},
				_ => Self::credit(&to, amount),
			}
			credited = credited.saturating_add(amount);
			payouts.push(Payout { to, amount, kind });
		};
		match &attribution.data {
			DataShares::Contributions(shares) => {
				for share in shares {
					let c = share.contribution;
					let amount = Self::part(data, share.ppm);
					match T::Datanets::contribution(c.datanet, c.index) {
						Some((_, status))
							if status != ContributionStatus::Removed && T::Datanets::challenged(c.datanet, c.index) =>
						{
							pay(Self::escrow_account(), amount, PayoutKind::Held { datanet: c.datanet, index: c.index })
						},
						Some((contributor, status)) if status != ContributionStatus::Removed => {
							pay(contributor, amount, PayoutKind::Contribution { datanet: c.datanet, index: c.index })
						},
						// removed since, or gone: the treasury's
						_ => {},
					}
				}
			},
			DataShares::Lineage(versions) => {
				for v in versions {
					let kind = PayoutKind::Lineage { datanet: v.datanet, version: v.version };
					pay(Self::escrow_account(), Self::part(data, v.ppm), kind);
				}
			},
			// refunded by `settle`, never paid out
			DataShares::Unscorable { .. } => {},
			// a proven false output: the data share is the treasury's (the remainder below)
			DataShares::FalseOutput => {},
		}
		let agreed = attribution.agreed.len() as u32;
		if agreed > 0 {
			let each = attestors.checked_div(&BalanceOf::<T>::from(agreed)).unwrap_or_else(Zero::zero);
			for who in attribution.agreed.iter() {
				pay(who.clone(), each, PayoutKind::Attestor);
			}
		}
		let escrowed = Self::close(escrow);
		let to_treasury = escrowed.saturating_sub(credited);
		Self::to_treasury(to_treasury, payouts);
		// Below the treasury's part of these very fees, whatever the parameters have become
		// since they were paid: whoever held every other role still pays for the loop.
		let limit = escrow.treasury.saturating_sub(One::one());
		T::Rewards::reward(&data_credits, limit);
		(credited, to_treasury)
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
		let refundable = BatchRefunds::<T>::iter().fold(BalanceOf::<T>::zero(), |sum, (batch, each)| {
			let receipts = BatchPayers::<T>::get(batch).map_or(0, |payers| receipts(&payers));
			sum.saturating_add(each.saturating_mul(BalanceOf::<T>::from(receipts)))
		});
		ensure!(refundable == TotalRefundable::<T>::get(), "TotalRefundable differs from the batches' refunds");
		let mut pooled = BalanceOf::<T>::zero();
		for (pool, received) in LineagePools::<T>::iter() {
			let drawn = LineageDrawn::<T>::iter_prefix_values(pool)
				.fold(BalanceOf::<T>::zero(), |sum, d| sum.saturating_add(d));
			ensure!(drawn == LineagePoolDrawn::<T>::get(pool), "a pool's drawn total differs from its members'");
			ensure!(drawn <= received, "a pool paid out more than it received");
			pooled = pooled.saturating_add(received.saturating_sub(drawn));
		}
		ensure!(pooled == TotalPooled::<T>::get(), "TotalPooled differs from the pools");
		let held = HeldEarnings::<T>::iter_values().fold(BalanceOf::<T>::zero(), |sum, h| sum.saturating_add(h));
		ensure!(held == TotalHeld::<T>::get(), "TotalHeld differs from the held earnings");
		let expected = T::EscrowReserve::get()
			.saturating_add(open)
			.saturating_add(unclaimed)
			.saturating_add(refundable)
			.saturating_add(pooled)
			.saturating_add(held);
		ensure!(T::Currency::balance(&Self::escrow_account()) == expected, "escrow balance differs from what it owes");
		ensure!(
			BatchPayers::<T>::iter().all(|(batch, payers)| Batches::<T>::get(batch).is_some_and(|b| {
				let receipts = receipts(&payers);
				if b.escrow.settled {
					// only a refundable batch keeps its payers, the ones yet to claim
					BatchRefunds::<T>::contains_key(batch) && receipts <= b.receipts
				} else {
					receipts == b.receipts
				}
			})),
			"a batch's payers differ from its receipts"
		);
		ensure!(
			Batches::<T>::iter().all(|(batch, b)| b.escrow.settled || BatchPayers::<T>::contains_key(batch)),
			"an unsettled batch without its payers"
		);
		// Each provider holds its bond, and counts its unsettled work.
		let mut open: alloc::collections::BTreeMap<T::AccountId, (u32, u32)> = Default::default();
		let unsettled = Inferences::<T>::iter_values()
			.filter(|r| !r.escrow.settled)
			.map(|r| (r.provider, false))
			.chain(Batches::<T>::iter_values().filter(|b| !b.escrow.settled).map(|b| (b.provider, true)));
		for (provider, batch) in unsettled {
			let (n, b) = open.entry(provider).or_default();
			*n = n.saturating_add(1);
			*b = b.saturating_add(u32::from(batch));
		}
		ensure!(
			Inferences::<T>::iter_values().all(|r| r.escrow.provider.is_zero()),
			"an inference escrows its provider's part"
		);
		let reason = crate::HoldReason::ProviderBond.into();
		for (who, p) in Providers::<T>::iter() {
			ensure!(
				<T::Currency as frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(&reason, &who)
					== p.bond,
				"a provider's bond differs from its hold"
			);
			ensure!(
				open.remove(&who).unwrap_or_default() == (p.open, p.batches),
				"a provider's open counts differ from its work"
			);
			ensure!(!p.retiring || p.open > 0, "a retiring provider with nothing open");
		}
		ensure!(open.is_empty(), "unsettled work of an unregistered provider");
		Ok(())
	}
}

/// The receipts a batch's payers (each with its count) hold together.
fn receipts<AccountId>(payers: &[(AccountId, u32)]) -> u32 {
	payers.iter().fold(0u32, |n, (_, k)| n.saturating_add(*k))
}

impl<T: Config> OnAttributionFinal<T::AccountId> for Pallet<T> {
	fn on_attribution_final(attribution: &FinalAttribution<T::AccountId>) {
		Pallet::<T>::settle(attribution);
	}

	fn weight() -> frame_support::weights::Weight {
		let payouts = T::MaxPayouts::get();
		T::WeightInfo::settle(payouts).saturating_add(T::Rewards::weight(payouts))
	}

	fn on_attribution_expired(job: JobId, subject: &Subject) {
		Pallet::<T>::expire(job, subject);
	}

	fn expired_weight() -> frame_support::weights::Weight {
		T::WeightInfo::expire()
	}
}

impl<T: Config> openledger_primitives::datanets::ChallengedEarnings<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn upheld(
		datanet: DatanetId,
		index: ContributionIndex,
		contributor: &T::AccountId,
		challenger: &T::AccountId,
		penalty: BalanceOf<T>,
	) -> BalanceOf<T> {
		let held = HeldEarnings::<T>::take(datanet, index);
		TotalHeld::<T>::mutate(|t| *t = t.saturating_sub(held));
		// clawed back: not the datanet's earnings after all
		DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_sub(held));
		let to_challenger = held.min(penalty);
		Self::credit(challenger, to_challenger);
		let to_treasury = held.saturating_sub(to_challenger);
		let mut payouts = Vec::new();
		Self::to_treasury(to_treasury, &mut payouts);
		// the rest of the penalty from what the chain holds unclaimed for the contributor
		let from_unclaimed = Unclaimed::<T>::get(contributor).min(penalty.saturating_sub(to_challenger));
		if !from_unclaimed.is_zero() {
			Unclaimed::<T>::mutate(contributor, |u| *u = u.saturating_sub(from_unclaimed));
			Earned::<T>::mutate(contributor, |e| *e = e.saturating_sub(from_unclaimed));
			TotalUnclaimed::<T>::mutate(|t| *t = t.saturating_sub(from_unclaimed));
			Self::credit(challenger, from_unclaimed);
		}
		Self::deposit_event(Event::EarningsClawedBack {
			datanet,
			index,
			challenger: challenger.clone(),
			to_challenger,
			to_treasury,
			from_unclaimed,
		});
		to_challenger.saturating_add(from_unclaimed)
	}

	fn rejected(datanet: DatanetId, index: ContributionIndex, contributor: &T::AccountId) {
		let amount = HeldEarnings::<T>::take(datanet, index);
		if amount.is_zero() {
			return;
		}
		TotalHeld::<T>::mutate(|t| *t = t.saturating_sub(amount));
		Self::credit(contributor, amount);
		Self::deposit_event(Event::HeldEarningsReleased { datanet, index, contributor: contributor.clone(), amount });
	}

	fn weight() -> frame_support::weights::Weight {
		// the upheld case: releasing costs less
		T::WeightInfo::clawback()
	}
}
