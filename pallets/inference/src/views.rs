//! The runtime API's views of paid inferences, batches, earnings and fees.

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	api::{AttributionView, BatchView, EarningsView, FeeEstimate, InferenceView, PayoutView},
	attribution::{AttributionProvider, BatchId, InferenceId, JobId, JobLoad},
	models::{ModelId, ModelMarket, ModelStatus},
};
use sp_runtime::traits::Saturating;

use crate::{BalanceOf, BatchPayouts, Batches, Config, Earned, Inferences, Pallet, Payout, Payouts, Unclaimed};

impl<T: Config> Pallet<T> {
	/// Recorded payouts as the runtime API shows them.
	fn payout_views(
		payouts: Option<BoundedVec<Payout<T>, T::MaxPayouts>>,
	) -> Vec<PayoutView<T::AccountId, BalanceOf<T>>> {
		payouts
			.map(|p| p.into_iter().map(|p| PayoutView { to: p.to, amount: p.amount, kind: p.kind }).collect())
			.unwrap_or_default()
	}

	/// Inference `id` as the runtime API shows it, with `attribution` (the final attribution
	/// of its job, which the attribution pallet holds).
	pub fn inference_view(
		id: InferenceId,
		attribution: impl FnOnce(JobId) -> Option<AttributionView<T::AccountId>>,
	) -> Option<InferenceView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let r = Inferences::<T>::get(id)?;
		let payouts = Self::payout_views(Payouts::<T>::get(id));
		Some(InferenceView {
			id,
			payer: r.payer,
			provider: r.provider,
			model: r.model,
			input: r.input,
			output: r.output,
			fee: r.fee,
			paid_at: r.paid_at,
			job: r.escrow.job,
			settled: r.escrow.settled,
			attribution: attribution(r.escrow.job),
			payouts,
		})
	}

	/// Batch `id` as the runtime API shows it, with `attribution` (as for an inference).
	pub fn batch_view(
		id: BatchId,
		attribution: impl FnOnce(JobId) -> Option<AttributionView<T::AccountId>>,
	) -> Option<BatchView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let b = Batches::<T>::get(id)?;
		let payouts = Self::payout_views(BatchPayouts::<T>::get(id));
		Some(BatchView {
			id,
			provider: b.provider,
			model: b.model,
			receipts: b.receipts,
			fee: b.fee,
			queries: b.queries,
			paid_at: b.paid_at,
			job: b.escrow.job,
			settled: b.escrow.settled,
			attribution: attribution(b.escrow.job),
			payouts,
		})
	}

	/// What `who` has earned and not claimed.
	pub fn earnings(who: &T::AccountId) -> EarningsView<BalanceOf<T>> {
		EarningsView { unclaimed: Unclaimed::<T>::get(who), earned: Earned::<T>::get(who) }
	}

	/// What one inference of `model` costs now, split: its job fee is that of an output of
	/// `MaxQueryLen` bytes, the most any one inference's costs (exact for a tabular model, whose
	/// work does not depend on its output; a text model's shorter outputs may cost less).
	pub fn estimate_fee(model: ModelId) -> Option<FeeEstimate<BalanceOf<T>>> {
		let offer = T::Models::offer(model)?;
		let split = T::Split::get().apply(offer.price);
		let load = JobLoad { queries: 1, output_bytes: u64::from(T::MaxQueryLen::get()) };
		let job_fee = T::Attribution::job_fee(model, load);
		Some(FeeEstimate {
			fee: offer.price,
			provider: split.provider,
			owner: split.owner,
			data: split.data,
			attestors: split.attestors,
			treasury: split.treasury,
			job_fee,
			total: offer.price.saturating_add(job_fee),
			active: offer.status == ModelStatus::Active,
		})
	}
}
