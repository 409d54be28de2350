//! Benchmarks of every call and of settlement, each in its worst case; each is also a test.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use openledger_primitives::{
	attribution::{DataShares, FinalAttribution, JobRequest, Share, Subject, Unscorable, PARTS_PER_MILLION},
	inference::{ReceiptMessage, RECEIPT_CONTEXT},
};
use sp_runtime::traits::{Saturating, Zero};

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into()));
	who
}

/// A model priced at [`price`] and a registered provider (both funded), and the escrow account.
fn market<T: Config>() -> Result<(ModelId, T::AccountId), BenchmarkError> {
	let owner = funded::<T>("owner", 0);
	let provider = funded::<T>("provider", 0);
	T::Currency::set_balance(&Pallet::<T>::escrow_account(), T::EscrowReserve::get());
	let price = price::<T>().try_into().map_err(|_| "the price fits no u128")?;
	let model = <T::BenchmarkHelper as crate::BenchmarkHelper<T::AccountId, T::Signature>>::model(&owner, price)?;
	Pallet::<T>::register_provider(RawOrigin::Signed(provider.clone()).into())?;
	Ok((model, provider))
}

/// A paid inference of a model priced at a million units, by a registered provider.
fn paid<T: Config>() -> Result<InferenceId, BenchmarkError> {
	let (model, provider) = market::<T>()?;
	let payer = funded::<T>("payer", 0);
	let id = NextInferenceId::<T>::get();
	// whatever the job fee is now, the payer's balance covers it
	let max = T::Currency::balance(&payer);
	Pallet::<T>::pay_inference(RawOrigin::Signed(payer).into(), model, provider, vec![], vec![], max)?;
	Ok(id)
}

/// `n` valid receipts of distinct payers (funded) at the longest input and output, for
/// `model`'s answers through `provider`.
fn receipts<T: Config>(
	n: u32,
	model: ModelId,
	provider: &T::AccountId,
) -> Result<BoundedVec<SignedReceipt<T>, T::MaxBatch>, BenchmarkError> {
	let price = price::<T>();
	let genesis = frame_system::Pallet::<T>::block_hash(frame_system::pallet_prelude::BlockNumberFor::<T>::from(0u32));
	let len = T::MaxReceiptQueryLen::get() as usize;
	let mut receipts = Vec::new();
	for i in 0..n {
		// text: any input, an output of valid UTF-8
		let input = vec![(i % 251) as u8; len];
		let output = vec![(i % 127) as u8; len];
		let message = ReceiptMessage {
			context: RECEIPT_CONTEXT,
			genesis,
			provider: provider.clone(),
			model,
			nonce: 1,
			input: sp_core::H256(sp_io::hashing::blake2_256(&input)),
			output: sp_core::H256(sp_io::hashing::blake2_256(&output)),
			max_fee: price,
		};
		let (payer, signature) = <T::BenchmarkHelper as crate::BenchmarkHelper<T::AccountId, T::Signature>>::sign(
			i,
			&codec::Encode::encode(&message),
		);
		T::Currency::set_balance(&payer, price.saturating_mul(10u32.into()));
		receipts.push(SignedReceipt {
			payer,
			nonce: 1,
			max_fee: price,
			input: input.try_into().map_err(|_| BenchmarkError::Stop("input too long"))?,
			output: output.try_into().map_err(|_| BenchmarkError::Stop("output too long"))?,
			signature,
		});
	}
	receipts.try_into().map_err(|_| BenchmarkError::Stop("batch too long"))
}

/// A price whose every part is positive.
fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000_000u32.into())
}

/// A batch of `MaxBatch` payers whose provider's output was proven false, its refunds unclaimed:
/// its id, its job and its subject.
fn refundable_batch<T: Config>() -> Result<(BatchId, openledger_primitives::attribution::JobId, Subject), BenchmarkError>
{
	let (model, provider) = market::<T>()?;
	let receipts = receipts::<T>(T::MaxBatch::get(), model, &provider)?;
	let batch = NextBatchId::<T>::get();
	Pallet::<T>::submit_receipts(RawOrigin::Signed(provider).into(), model, receipts)?;
	let record = Batches::<T>::get(batch).ok_or("no batch")?;
	let (job, subject) = (record.escrow.job, Subject::Batch { batch, queries: record.queries });
	Pallet::<T>::settle(&FinalAttribution {
		job,
		request: JobRequest { model, subject },
		data: DataShares::Unscorable { reason: Unscorable::FalseOutput, proven: true },
		agreed: vec![],
	});
	Ok((batch, job, subject))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_provider() -> Result<(), BenchmarkError> {
		let who = funded::<T>("provider", 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Providers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn unregister_provider() -> Result<(), BenchmarkError> {
		let who = funded::<T>("provider", 1);
		Pallet::<T>::register_provider(RawOrigin::Signed(who.clone()).into())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Providers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn pay_inference(b: Linear<0, { T::MaxQueryLen::get().saturating_mul(2) }>) -> Result<(), BenchmarkError> {
		let (model, provider) = market::<T>()?;
		let payer = funded::<T>("payer", 0);
		let input = vec![1u8; (b / 2) as usize];
		let output = vec![2u8; b.saturating_sub(b / 2) as usize];
		let max = T::Currency::balance(&payer);
		let id = NextInferenceId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), model, provider, input, output, max);

		assert!(Inferences::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn claim() -> Result<(), BenchmarkError> {
		let who = funded::<T>("earner", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		T::Currency::set_balance(&Pallet::<T>::escrow_account(), T::EscrowReserve::get().saturating_add(amount));
		Unclaimed::<T>::insert(&who, amount);
		TotalUnclaimed::<T>::put(amount);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Unclaimed::<T>::get(&who) == 0u32.into());
		Ok(())
	}

	/// `p` payouts: `p` attributed contributions of distinct contributors (attestors pay out like
	/// contributions: one credit each).
	#[benchmark]
	fn settle(p: Linear<1, { T::MaxPayouts::get() }>) -> Result<(), BenchmarkError> {
		let id = paid::<T>()?;
		let receipt = Inferences::<T>::get(id).ok_or(BenchmarkError::Stop("no inference"))?;
		let contributions =
			<T::BenchmarkHelper as crate::BenchmarkHelper<T::AccountId, T::Signature>>::contributions(p)?;
		let each = PARTS_PER_MILLION.checked_div(p).ok_or("no payouts")?;
		let mut shares: Vec<Share> =
			contributions.into_iter().map(|contribution| Share { contribution, ppm: each }).collect();
		if let Some(last) = shares.last_mut() {
			last.ppm = last.ppm.saturating_add(PARTS_PER_MILLION.saturating_sub(each.saturating_mul(p)));
		}
		let request = JobRequest {
			model: receipt.model,
			subject: Subject::Inference { inference: id, input: receipt.input, output: receipt.output },
		};
		let attribution = FinalAttribution {
			job: receipt.escrow.job,
			request,
			data: DataShares::Contributions(shares),
			agreed: vec![],
		};

		#[block]
		{
			Pallet::<T>::settle(&attribution);
		}

		assert!(Inferences::<T>::get(id).is_some_and(|r| r.escrow.settled));
		Ok(())
	}

	/// `n` receipts of distinct payers, each valid and at the longest input and output: every
	/// one verified, charged and remembered, and their queries indexed.
	#[benchmark]
	fn submit_receipts(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let (model, provider) = market::<T>()?;
		let receipts = receipts::<T>(n, model, &provider)?;
		let batch = NextBatchId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), model, receipts);

		assert!(Batches::<T>::get(batch).is_some_and(|b| b.receipts == n));
		Ok(())
	}

	/// A member of a version whose pool holds a fallback's data share draws its part.
	#[benchmark]
	fn claim_lineage() -> Result<(), BenchmarkError> {
		let (datanet, version, index) =
			<T::BenchmarkHelper as crate::BenchmarkHelper<T::AccountId, T::Signature>>::lineage_member()?;
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		T::Currency::set_balance(&Pallet::<T>::escrow_account(), T::EscrowReserve::get().saturating_add(amount));
		LineagePools::<T>::insert((datanet, version), amount);
		TotalPooled::<T>::put(amount);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), datanet, version, index);

		assert!(!LineageDrawn::<T>::get((datanet, version), index).is_zero());
		Ok(())
	}

	/// An upheld challenge, the worst case: earnings held for the contribution go to the
	/// challenger and the treasury, and the rest of the penalty comes from the contributor's
	/// unclaimed earnings.
	#[benchmark]
	fn clawback() -> Result<(), BenchmarkError> {
		use openledger_primitives::datanets::ChallengedEarnings;
		let (contributor, challenger) = (funded::<T>("contributor", 0), funded::<T>("challenger", 0));
		let escrow = Pallet::<T>::escrow_account();
		let held: BalanceOf<T> = T::Currency::minimum_balance().saturating_mul(100u32.into());
		let unclaimed: BalanceOf<T> = T::Currency::minimum_balance().saturating_mul(50u32.into());
		T::Currency::set_balance(&escrow, T::EscrowReserve::get().saturating_add(held).saturating_add(unclaimed));
		HeldEarnings::<T>::insert(7, 3, held);
		TotalHeld::<T>::put(held);
		Unclaimed::<T>::insert(&contributor, unclaimed);
		Earned::<T>::insert(&contributor, unclaimed);
		TotalUnclaimed::<T>::put(unclaimed);
		// more than the held earnings, so that the unclaimed ones pay too; the held ones are
		// split, so that the treasury is paid
		let penalty = held.saturating_add(unclaimed.saturating_sub(T::Currency::minimum_balance()));
		let paid;

		#[block]
		{
			paid = Pallet::<T>::upheld(7, 3, &contributor, &challenger, penalty);
		}

		assert_eq!(paid, penalty);
		Ok(())
	}

	/// A batch of `MaxBatch` payers whose provider's output was proven false; the last payer
	/// in its list claims.
	#[benchmark]
	fn claim_refund() -> Result<(), BenchmarkError> {
		let (batch, _, _) = refundable_batch::<T>()?;
		let who = BatchPayers::<T>::get(batch).and_then(|p| p.last().map(|(who, _)| who.clone())).ok_or("no payer")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), batch);

		assert!(BatchPayers::<T>::get(batch).is_some_and(|p| !p.iter().any(|(p, _)| p == &who)));
		Ok(())
	}

	/// The worst record to forget: a batch of `MaxBatch` payers found unscorable, none of whom
	/// claimed; its unclaimed refunds go to the treasury.
	#[benchmark]
	fn expire() -> Result<(), BenchmarkError> {
		let (batch, job, subject) = refundable_batch::<T>()?;
		assert!(BatchRefunds::<T>::contains_key(batch));

		#[block]
		{
			Pallet::<T>::expire(job, &subject);
		}

		assert!(!Batches::<T>::contains_key(batch) && !BatchPayers::<T>::contains_key(batch));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
