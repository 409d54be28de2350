//! Paying for inference: one inference (`pay_inference`) or a batch of payer-signed receipts
//! (`submit_receipts`), both over one pay-and-escrow step.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, DispatchResultWithPostInfo},
	traits::{fungible::Mutate, tokens::Preservation, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	agents::AgentSpending,
	attribution::{query_key, AttributionProvider, JobLoad, JobRequest, Subject},
	inference::{ReceiptMessage, ReceiptRejection, RECEIPT_CONTEXT},
	models::{ModelId, ModelMarket, ModelOffer, ModelStatus, QueryError},
};
use sp_core::H256;
use sp_runtime::traits::{Saturating, Verify, Zero};

use crate::{
	BalanceOf, Batch, BatchPayers, BatchPayouts, Batches, Config, Error, Escrow, Escrowed, Event, Inferences,
	NextBatchId, NextInferenceId, Pallet, Payout, PayoutKind, Payouts, Receipt, ReceiptNonces, SignedReceipt, SplitFee,
	WeightInfo,
};

impl<T: Config> Pallet<T> {
	/// Charges `caller` (or its operator, if it is an agent) `model`'s price for `provider`'s
	/// answer `output` to `input`, and opens its attribution job.
	pub(crate) fn do_pay_inference(
		caller: T::AccountId,
		model: ModelId,
		provider: T::AccountId,
		input: Vec<u8>,
		output: Vec<u8>,
		max_fee: BalanceOf<T>,
	) -> DispatchResult {
		let max = T::MaxQueryLen::get() as usize;
		ensure!(input.len() <= max && output.len() <= max, Error::<T>::QueryTooLarge);
		let offer = Self::offer(&provider, model)?;
		let load = JobLoad::one(&output);
		let job_fee = T::Attribution::job_fee(model, load);
		ensure!(offer.price.saturating_add(job_fee) <= max_fee, Error::<T>::PriceAboveMax);
		offer.architecture.check_query(&input, &output).map_err(|e| match e {
			QueryError::Input => Error::<T>::InvalidInput,
			QueryError::Output => Error::<T>::InvalidOutput,
		})?;

		let fee = offer.price;
		let payer = T::Agents::payer(&caller, fee.saturating_add(job_fee))?;
		let split = T::Split::get().apply(fee);
		let paid_now = Self::pay_and_escrow(&payer, &provider, &offer.owner, split, false)?;

		let id = NextInferenceId::<T>::get();
		let input_hash = H256(sp_io::hashing::blake2_256(&input));
		let output_hash = H256(sp_io::hashing::blake2_256(&output));
		let subject = Subject::Inference { inference: id, input: input_hash, output: output_hash };
		let job = T::Attribution::open_job(JobRequest { model, subject }, load, &payer)?;
		sp_io::offchain_index::set(&query_key(&subject, &input_hash), &input);
		sp_io::offchain_index::set(&query_key(&subject, &output_hash), &output);
		NextInferenceId::<T>::put(id.saturating_add(1));
		Payouts::<T>::insert(id, BoundedVec::truncate_from(paid_now));
		let escrow = Self::escrow_of(split, job, false);
		let escrowed = escrow.open();
		Inferences::<T>::insert(
			id,
			Receipt {
				payer: payer.clone(),
				provider: provider.clone(),
				model,
				input: input_hash,
				output: output_hash,
				fee,
				escrow,
				paid_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::count_open(&provider, true, false);
		Self::deposit_event(Event::InferencePaid { inference: id, payer, provider, model, fee, escrowed, job });
		Ok(())
	}

	/// Pays for the signed `receipts` of `provider`'s answers from `model`: each receipt on its
	/// own, the ones that paid as one batch with one attribution job.
	pub(crate) fn do_submit_receipts(
		provider: T::AccountId,
		model: ModelId,
		receipts: BoundedVec<SignedReceipt<T>, T::MaxBatch>,
	) -> DispatchResultWithPostInfo {
		ensure!(!receipts.is_empty(), Error::<T>::EmptyBatch);
		let offer = Self::offer(&provider, model)?;
		Self::check_batch_cover(&provider)?;

		let count = receipts.len() as u32;
		let payers = receipts.iter().map(|r| &r.payer).collect::<alloc::collections::BTreeSet<_>>().len() as u32;
		let actual =
			T::WeightInfo::submit_receipts(count).saturating_add(T::Attribution::open_job_weight()).saturating_sub(
				T::DbWeight::get().reads_writes(2, 2).saturating_mul(u64::from(count.saturating_sub(payers))),
			);
		let batch = NextBatchId::<T>::get();
		NextBatchId::<T>::put(batch.saturating_add(1));
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let escrow_account = Self::escrow_account();
		let price = offer.price;
		let mut queries: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(receipts.len());
		let mut paid_by: alloc::collections::BTreeMap<T::AccountId, u32> = Default::default();
		let mut rejected = 0u32;
		for (index, receipt) in receipts.into_iter().enumerate() {
			let SignedReceipt { payer, nonce, max_fee, input, output, signature } = receipt;
			let message = ReceiptMessage {
				context: RECEIPT_CONTEXT,
				genesis,
				provider: provider.clone(),
				model,
				nonce,
				input: H256(sp_io::hashing::blake2_256(&input)),
				output: H256(sp_io::hashing::blake2_256(&output)),
				max_fee,
			};
			let verdict = if !signature.verify(&message.encode()[..], &payer) {
				Err(ReceiptRejection::BadSignature)
			} else if nonce <= ReceiptNonces::<T>::get(&payer) {
				Err(ReceiptRejection::StaleNonce)
			} else if price > max_fee {
				Err(ReceiptRejection::PriceAboveMax)
			} else if offer.architecture.check_query(&input, &output).is_err() {
				Err(ReceiptRejection::InvalidQuery)
			} else if T::Currency::transfer(&payer, &escrow_account, price, Preservation::Preserve).is_err() {
				Err(ReceiptRejection::InsufficientBalance)
			} else {
				Ok(())
			};
			match verdict {
				Ok(()) => {
					ReceiptNonces::<T>::insert(&payer, nonce);
					queries.push((input.into_inner(), output.into_inner()));
					let n = paid_by.entry(payer).or_default();
					*n = n.saturating_add(1);
				},
				Err(reason) => {
					rejected = rejected.saturating_add(1);
					let index = index as u32;
					Self::deposit_event(Event::ReceiptRejected { batch, index, payer, reason });
				},
			}
		}

		let paid = queries.len() as u32;
		if paid == 0 {
			Self::deposit_event(Event::BatchPaid {
				batch,
				provider,
				model,
				receipts: 0,
				rejected,
				fee: Zero::zero(),
				escrowed: Zero::zero(),
				job: None,
			});
			return Ok(Some(actual).into());
		}
		// The receipts paid their whole price into the escrow account: it pays the parts out.
		let split = T::Split::get().apply(price).times(paid);
		let fee = price.saturating_mul(paid.into());
		// The provider vouches for the outputs: its part waits for their verification.
		let payouts = Self::pay_and_escrow(&escrow_account, &provider, &offer.owner, split, true)?;

		let blob = queries.encode();
		let hash = H256(sp_io::hashing::blake2_256(&blob));
		let subject = Subject::Batch { batch, queries: hash };
		let load = JobLoad {
			queries: paid,
			output_bytes: queries.iter().map(|(_, output)| output.len() as u64).fold(0, u64::saturating_add),
		};
		let job = T::Attribution::open_job(JobRequest { model, subject }, load, &provider)?;
		sp_io::offchain_index::set(&query_key(&subject, &hash), &blob);
		BatchPayouts::<T>::insert(batch, BoundedVec::truncate_from(payouts));
		BatchPayers::<T>::insert(batch, BoundedVec::truncate_from(paid_by.into_iter().collect::<Vec<_>>()));
		let escrow = Self::escrow_of(split, job, true);
		let escrowed = escrow.open();
		Batches::<T>::insert(
			batch,
			Batch {
				provider: provider.clone(),
				model,
				receipts: paid,
				fee,
				queries: hash,
				escrow,
				paid_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::count_open(&provider, true, true);
		Self::deposit_event(Event::BatchPaid {
			batch,
			provider,
			model,
			receipts: paid,
			rejected,
			fee,
			escrowed,
			job: Some(job),
		});
		Ok(Some(actual).into())
	}

	/// `model`'s offer, if `provider` may be paid for its answers: the provider registered with
	/// its bond whole, the model known and active.
	fn offer(provider: &T::AccountId, model: ModelId) -> Result<ModelOffer<T::AccountId, BalanceOf<T>>, DispatchError> {
		Self::check_provider(provider)?;
		let offer = T::Models::offer(model).ok_or(Error::<T>::UnknownModel)?;
		match offer.status {
			ModelStatus::Active => Ok(offer),
			ModelStatus::Deprecated => Err(Error::<T>::ModelDeprecated.into()),
			ModelStatus::Suspended | ModelStatus::Revoked => Err(Error::<T>::ModelSuspended.into()),
		}
	}

	/// Pays `split`'s provider (unless `escrow_provider`), owner and treasury parts from `from`
	/// and escrows its data and attestor parts (and the provider's, if `escrow_provider`),
	/// adding them to [`Escrowed`]. Returns the payouts made.
	///
	/// `from` is either the payer, who then also moves the escrowed parts into the escrow
	/// account, or the escrow account itself, which already holds the whole of the fees (a
	/// batch's receipts each paid their price into it): then the escrowed parts simply stay.
	fn pay_and_escrow(
		from: &T::AccountId,
		provider: &T::AccountId,
		owner: &T::AccountId,
		split: SplitFee<BalanceOf<T>>,
		escrow_provider: bool,
	) -> Result<Vec<Payout<T>>, DispatchError> {
		let mut payouts = Vec::new();
		let provider_now = if escrow_provider { Zero::zero() } else { split.provider };
		for (to, amount, kind) in [
			(provider.clone(), provider_now, PayoutKind::Provider),
			(owner.clone(), split.owner, PayoutKind::Owner),
			(T::Treasury::get(), split.treasury, PayoutKind::Treasury),
		] {
			if !amount.is_zero() {
				T::Currency::transfer(from, &to, amount, Preservation::Preserve)?;
				payouts.push(Payout { to, amount, kind });
			}
		}
		let escrowed =
			split.data.saturating_add(split.attestors).saturating_add(split.provider.saturating_sub(provider_now));
		let escrow_account = Self::escrow_account();
		if from != &escrow_account && !escrowed.is_zero() {
			T::Currency::transfer(from, &escrow_account, escrowed, Preservation::Preserve)?;
		}
		Escrowed::<T>::mutate(|e| *e = e.saturating_add(escrowed));
		Ok(payouts)
	}

	/// The escrow of `split`'s data and attestor parts (and, with `provider`, the provider's),
	/// for job `job`.
	fn escrow_of(
		split: SplitFee<BalanceOf<T>>,
		job: openledger_primitives::attribution::JobId,
		provider: bool,
	) -> Escrow<T> {
		Escrow {
			data: split.data,
			attestors: split.attestors,
			provider: if provider { split.provider } else { Zero::zero() },
			treasury: split.treasury,
			job,
			settled: false,
		}
	}
}
