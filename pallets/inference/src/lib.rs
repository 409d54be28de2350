//! # Inference
//!
//! ## Overview
//!
//! Paid inference and its settlement: where value becomes real. A payer pays a model's price
//! for one answer from a provider; the fee is split at once between the provider, the model's
//! owner and the treasury, while the data contributors' and the attestors' shares wait in escrow
//! until the answer's attribution is final; then they are credited to the contributors (pro rata
//! to their attributed parts) and to the attestors who agreed, and each account claims what it
//! earned.
//!
//! ## The split
//!
//! [`FeeSplit`] (from `Config::Split`, a runtime parameter governance changes): the provider's,
//! the owner's, the data's and the attestors' parts of the fee, each rounded down; the treasury
//! gets the rest — its own part and every rounding remainder — so the five always sum to the fee.
//! If the four parts exceed the whole fee they are cut in that order.
//!
//! Settlement of the escrow, when the attribution is final:
//! - contributions: each gets `data × ppm / 10⁶` (rounded down), credited to its contributor —
//!   unless it has been removed since (a successful challenge), whose part goes to the treasury;
//! - fallback (no consensus): the lineage datanets' parts are credited to their owners;
//! - attestors: the agreeing ones share the attestor part equally; with none it goes to the
//!   treasury;
//! - every remainder goes to the treasury;
//! - the data credits (contributions' or datanet owners', not the attestors') are then handed to
//!   `Rewards`, which pays each a boost from the community pool (the economics pallet).
//!
//! ## Calls
//!
//! - `register_provider`, `unregister_provider` — an account offers (or stops offering)
//!   inference; only registered providers can be paid.
//! - `pay_inference(model, provider, input, output, max_fee)` — charges the payer the model's
//!   price (refusing a price above `max_fee` or a deprecated model), writes input and output to
//!   the off-chain index under their hashes for the attestors, and opens an attribution job. An
//!   agent's payment is charged to its operator within its allowance (`Config::Agents`); batched
//!   receipts are charged to the account that signed them.
//! - `submit_receipts(model, receipts)` — a provider submits many paid inferences of one model
//!   at once, each signed off-chain by its payer (see [`SignedReceipt`] and
//!   [`openledger_primitives::inference::ReceiptMessage`] for the signed bytes). Each receipt is
//!   checked on its own — the payer's signature, a nonce above the payer's last accepted one (no
//!   replay), the price within the payer's `max_fee`, a balance that pays it — and a bad one is
//!   reported in a `ReceiptRejected` event and skipped while the rest pay. The receipts that paid
//!   form one batch: its parts are split as one inference's times the count, paid and escrowed
//!   the same way, and one attribution job ([`Subject::Batch`]) explains the batch's queries
//!   together. A batch is one model's, so its receipts share one price and one lineage.
//! - `claim` — transfers the caller's accrued earnings from the escrow account.
//!
//! ## Assumptions
//!
//! - The escrow account holds exactly `EscrowReserve` plus every open escrow (of inferences and of
//!   batches) plus every unclaimed earning. `try_state` checks it.
//! - Total issuance never changes here: every payout is a transfer.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use openledger_primitives::{
	attribution::{
		AttributionProvider, BatchId, DataShares, FinalAttribution, InferenceId, JobRequest, OnAttributionFinal,
		Subject, PARTS_PER_MILLION,
	},
	datanets::{ContributionLedger, ContributionStatus, DatanetId},
	inference::{ReceiptMessage, ReceiptRejection, RECEIPT_CONTEXT},
	models::{ModelId, ModelMarket, ModelStatus},
};

/// Registers models and contributions and signs receipts for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// The `index`th payer's account and their signature over `message`.
	fn sign(index: u32, message: &[u8]) -> (AccountId, Signature);

	/// Registers a model owned by `owner` at `price` and returns its id.
	fn model(owner: &AccountId, price: u128) -> ModelId;

	/// Makes `n` accepted contributions (of distinct contributors) and returns them.
	fn contributions(n: u32) -> Vec<openledger_primitives::attribution::ContributionRef>;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::Preservation,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::{AccountIdConversion, IdentifyAccount, One, Saturating, Verify, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees are paid in.
		type Currency: Mutate<Self::AccountId>;

		/// The model registry: owners, prices, statuses.
		type Models: ModelMarket<Self::AccountId, BalanceOf<Self>>;

		/// The datanets: contributors and owners to pay.
		type Datanets: ContributionLedger<Self::AccountId>;

		/// Who pays what an account spends: its operator, if it is an agent within its
		/// allowance.
		type Agents: openledger_primitives::agents::AgentSpending<Self::AccountId, BalanceOf<Self>>;

		/// Opens the attribution job of each paid inference.
		type Attribution: AttributionProvider;

		/// Pays data contributors a reward on top of what settlement credits them.
		type Rewards: openledger_primitives::economics::DataRewards<Self::AccountId, BalanceOf<Self>>;

		/// The parts of a fee (runtime parameters).
		type Split: Get<FeeSplit>;

		/// The treasury account: its part, removed contributions' parts, remainders.
		type Treasury: Get<Self::AccountId>;

		/// The id of the escrow account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// What the escrow account keeps so that it is never reaped (its existential deposit,
		/// endowed at genesis).
		#[pallet::constant]
		type EscrowReserve: Get<BalanceOf<Self>>;

		/// The largest input or output of `pay_inference`, in bytes.
		#[pallet::constant]
		type MaxQueryLen: Get<u32>;

		/// The most payouts one settlement records (contributions, datanets and attestors).
		#[pallet::constant]
		type MaxPayouts: Get<u32>;

		/// A payer's signature on a receipt (sr25519 in the runtime).
		type Signature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>> + Parameter;

		/// The most receipts one `submit_receipts` holds.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The largest input or output of a signed receipt, in bytes (each receipt is weighed at
		/// this length).
		#[pallet::constant]
		type MaxReceiptQueryLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Registers models for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// Registered providers.
	#[pallet::storage]
	pub type Providers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// The id the next inference gets.
	#[pallet::storage]
	pub type NextInferenceId<T> = StorageValue<_, InferenceId, ValueQuery>;

	/// Paid inferences.
	#[pallet::storage]
	pub type Inferences<T: Config> = StorageMap<_, Twox64Concat, InferenceId, Receipt<T>>;

	/// What each inference paid, to whom and why: the provider's, owner's and treasury's parts
	/// when paid, the escrow's at settlement.
	#[pallet::storage]
	pub type Payouts<T: Config> = StorageMap<_, Twox64Concat, InferenceId, BoundedVec<Payout<T>, T::MaxPayouts>>;

	/// The nonce of each payer's last accepted signed receipt.
	#[pallet::storage]
	pub type ReceiptNonces<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// The id the next batch of signed receipts gets.
	#[pallet::storage]
	pub type NextBatchId<T> = StorageValue<_, BatchId, ValueQuery>;

	/// Batches of signed receipts that paid.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Twox64Concat, BatchId, Batch<T>>;

	/// What each batch paid, to whom and why (as [`Payouts`] for an inference).
	#[pallet::storage]
	pub type BatchPayouts<T: Config> = StorageMap<_, Twox64Concat, BatchId, BoundedVec<Payout<T>, T::MaxPayouts>>;

	/// The sum of the open escrows.
	#[pallet::storage]
	pub type Escrowed<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Earnings not yet claimed, per account.
	#[pallet::storage]
	pub type Unclaimed<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// The sum of [`Unclaimed`].
	#[pallet::storage]
	pub type TotalUnclaimed<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Everything each account has earned from settlements (claimed or not).
	#[pallet::storage]
	pub type Earned<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// Everything paid for each datanet's data (to its contributors, or to its owner in
	/// fallback).
	#[pallet::storage]
	pub type DatanetEarned<T: Config> = StorageMap<_, Blake2_128Concat, DatanetId, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account registered as a provider.
		ProviderRegistered { provider: T::AccountId },
		/// A provider stopped offering inference.
		ProviderUnregistered { provider: T::AccountId },
		/// An inference was paid: the provider, owner and treasury parts are paid, `escrowed`
		/// waits for attribution job `job`.
		InferencePaid {
			inference: InferenceId,
			payer: T::AccountId,
			provider: T::AccountId,
			model: ModelId,
			fee: BalanceOf<T>,
			escrowed: BalanceOf<T>,
			job: openledger_primitives::attribution::JobId,
		},
		/// An inference's escrow was paid out; `to_treasury` includes removed contributions and
		/// remainders.
		InferenceSettled { inference: InferenceId, credited: BalanceOf<T>, to_treasury: BalanceOf<T> },
		/// Receipt `index` of batch `batch` was skipped: it paid nothing and used no nonce.
		ReceiptRejected { batch: BatchId, index: u32, payer: T::AccountId, reason: ReceiptRejection },
		/// A provider's batch of signed receipts: `receipts` paid `fee` together (the provider,
		/// owner and treasury parts are paid, `escrowed` waits for attribution job `job`),
		/// `rejected` were skipped. With no receipt paid there is no job and no record.
		BatchPaid {
			batch: BatchId,
			provider: T::AccountId,
			model: ModelId,
			receipts: u32,
			rejected: u32,
			fee: BalanceOf<T>,
			escrowed: BalanceOf<T>,
			job: Option<openledger_primitives::attribution::JobId>,
		},
		/// A batch's escrow was paid out (as `InferenceSettled` for an inference).
		BatchSettled { batch: BatchId, credited: BalanceOf<T>, to_treasury: BalanceOf<T> },
		/// An account claimed its earnings.
		Claimed { who: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a provider.
		AlreadyProvider,
		/// The account is not a registered provider.
		UnknownProvider,
		/// No registered model has this id.
		UnknownModel,
		/// The model is deprecated: it takes no new inferences.
		ModelDeprecated,
		/// The model's price is above the payer's `max_fee`.
		PriceAboveMax,
		/// The input or output is longer than `MaxQueryLen`.
		QueryTooLarge,
		/// The caller has nothing to claim.
		NothingToClaim,
		/// A batch of receipts must hold at least one.
		EmptyBatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as an inference provider.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider())]
		pub fn register_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Providers::<T>::contains_key(&who), Error::<T>::AlreadyProvider);
			Providers::<T>::insert(&who, ());
			Self::deposit_event(Event::ProviderRegistered { provider: who });
			Ok(())
		}

		/// Stops the caller's offer: they can no longer be paid for inference.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unregister_provider())]
		pub fn unregister_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Providers::<T>::take(&who).is_some(), Error::<T>::UnknownProvider);
			Self::deposit_event(Event::ProviderUnregistered { provider: who });
			Ok(())
		}

		/// Pays `model`'s price for `provider`'s answer `output` to `input`: the provider, owner
		/// and treasury parts at once, the data and attestor parts into escrow; opens the
		/// attribution job. Fails if the price is above `max_fee`, the model is deprecated or
		/// unknown, the provider unregistered, or the payer cannot pay without being reaped.
		/// An agent's payment is charged to its operator, within the agent's allowance; past it,
		/// or suspended, it fails and charges nothing.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pay_inference(input.len().saturating_add(output.len()) as u32)
			.saturating_add(T::Attribution::open_job_weight())
			// an agent's spending record (the benchmark's payer is no agent)
			.saturating_add(T::DbWeight::get().writes(1)))]
		pub fn pay_inference(
			origin: OriginFor<T>,
			model: ModelId,
			provider: T::AccountId,
			input: Vec<u8>,
			output: Vec<u8>,
			max_fee: BalanceOf<T>,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let max = T::MaxQueryLen::get() as usize;
			ensure!(input.len() <= max && output.len() <= max, Error::<T>::QueryTooLarge);
			ensure!(Providers::<T>::contains_key(&provider), Error::<T>::UnknownProvider);
			let offer = T::Models::offer(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(offer.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
			ensure!(offer.price <= max_fee, Error::<T>::PriceAboveMax);

			let fee = offer.price;
			let payer = <T::Agents as openledger_primitives::agents::AgentSpending<_, _>>::payer(&caller, fee)?;
			let split = T::Split::get().apply(fee);
			let pay = |to: &T::AccountId, amount: BalanceOf<T>| -> DispatchResult {
				if !amount.is_zero() {
					T::Currency::transfer(&payer, to, amount, Preservation::Preserve)?;
				}
				Ok(())
			};
			pay(&provider, split.provider)?;
			pay(&offer.owner, split.owner)?;
			pay(&T::Treasury::get(), split.treasury)?;
			let paid_now = [
				(provider.clone(), split.provider, PayoutKind::Provider),
				(offer.owner.clone(), split.owner, PayoutKind::Owner),
				(T::Treasury::get(), split.treasury, PayoutKind::Treasury),
			];
			let paid_now: Vec<Payout<T>> = paid_now
				.into_iter()
				.filter(|(_, amount, _)| !amount.is_zero())
				.map(|(to, amount, kind)| Payout { to, amount, kind })
				.collect();
			let escrowed = split.data.saturating_add(split.attestors);
			pay(&Self::escrow_account(), escrowed)?;
			Escrowed::<T>::mutate(|e| *e = e.saturating_add(escrowed));

			let id = NextInferenceId::<T>::get();
			let input_hash = H256(sp_io::hashing::blake2_256(&input));
			let output_hash = H256(sp_io::hashing::blake2_256(&output));
			let job = T::Attribution::open_job(JobRequest {
				model,
				subject: Subject::Inference { inference: id, input: input_hash, output: output_hash },
			})?;
			sp_io::offchain_index::set(input_hash.as_bytes(), &input);
			sp_io::offchain_index::set(output_hash.as_bytes(), &output);
			NextInferenceId::<T>::put(id.saturating_add(1));
			Payouts::<T>::insert(id, BoundedVec::truncate_from(paid_now));
			Inferences::<T>::insert(
				id,
				Receipt {
					payer: payer.clone(),
					provider: provider.clone(),
					model,
					input: input_hash,
					output: output_hash,
					fee,
					data: split.data,
					attestors: split.attestors,
					treasury: split.treasury,
					job,
					paid_at: frame_system::Pallet::<T>::block_number(),
					settled: false,
				},
			);
			Self::deposit_event(Event::InferencePaid { inference: id, payer, provider, model, fee, escrowed, job });
			Ok(())
		}

		/// Pays for `receipts`, the caller's answers from `model`, each signed by its payer.
		///
		/// Each receipt is checked and paid on its own: a bad signature, a nonce not above the
		/// payer's last accepted one, a price above the payer's `max_fee` or a payer who cannot pay
		/// skips that receipt (a `ReceiptRejected` event) and the rest pay. Those that paid are
		/// split as one inference each (the provider, owner and treasury parts paid, the data and
		/// attestor parts escrowed), their queries go to the off-chain index, and one attribution
		/// job opens for them. Fails as a whole only if the batch is empty, the caller is not a
		/// registered provider, or the model is unknown or deprecated.
		///
		/// Weighed as if every receipt had its own payer; the database accesses of a payer's
		/// second and later receipts in the batch (their account and nonce are already written)
		/// are refunded.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::submit_receipts(receipts.len() as u32)
			.saturating_add(T::Attribution::open_job_weight()))]
		pub fn submit_receipts(
			origin: OriginFor<T>,
			model: ModelId,
			receipts: BoundedVec<SignedReceipt<T>, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			ensure!(!receipts.is_empty(), Error::<T>::EmptyBatch);
			ensure!(Providers::<T>::contains_key(&provider), Error::<T>::UnknownProvider);
			let offer = T::Models::offer(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(offer.status == ModelStatus::Active, Error::<T>::ModelDeprecated);

			let count = receipts.len() as u32;
			let payers = receipts.iter().map(|r| &r.payer).collect::<alloc::collections::BTreeSet<_>>().len() as u32;
			let actual =
				T::WeightInfo::submit_receipts(count).saturating_add(T::Attribution::open_job_weight()).saturating_sub(
					T::DbWeight::get().reads_writes(2, 2).saturating_mul(u64::from(count.saturating_sub(payers))),
				);
			let batch = NextBatchId::<T>::get();
			NextBatchId::<T>::put(batch.saturating_add(1));
			let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			let escrow = Self::escrow_account();
			let price = offer.price;
			let mut queries: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(receipts.len());
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
				} else if T::Currency::transfer(&payer, &escrow, price, Preservation::Preserve).is_err() {
					Err(ReceiptRejection::InsufficientBalance)
				} else {
					Ok(())
				};
				match verdict {
					Ok(()) => {
						ReceiptNonces::<T>::insert(&payer, nonce);
						queries.push((input.into_inner(), output.into_inner()));
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
			let count = BalanceOf::<T>::from(paid);
			let split = T::Split::get().apply(price);
			let times = |part: BalanceOf<T>| part.saturating_mul(count);
			let (fee, data, attestors) = (times(price), times(split.data), times(split.attestors));
			let mut payouts = Vec::new();
			for (to, amount, kind) in [
				(provider.clone(), times(split.provider), PayoutKind::Provider),
				(offer.owner.clone(), times(split.owner), PayoutKind::Owner),
				(T::Treasury::get(), times(split.treasury), PayoutKind::Treasury),
			] {
				if !amount.is_zero() {
					T::Currency::transfer(&escrow, &to, amount, Preservation::Preserve)?;
					payouts.push(Payout { to, amount, kind });
				}
			}
			let escrowed = data.saturating_add(attestors);
			Escrowed::<T>::mutate(|e| *e = e.saturating_add(escrowed));

			let blob = queries.encode();
			let hash = H256(sp_io::hashing::blake2_256(&blob));
			let job = T::Attribution::open_job(JobRequest { model, subject: Subject::Batch { batch, queries: hash } })?;
			sp_io::offchain_index::set(hash.as_bytes(), &blob);
			BatchPayouts::<T>::insert(batch, BoundedVec::truncate_from(payouts));
			Batches::<T>::insert(
				batch,
				Batch {
					provider: provider.clone(),
					model,
					receipts: paid,
					fee,
					data,
					attestors,
					treasury: times(split.treasury),
					queries: hash,
					job,
					paid_at: frame_system::Pallet::<T>::block_number(),
					settled: false,
				},
			);
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

		/// Transfers the caller's unclaimed earnings from the escrow account to them.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let amount = Unclaimed::<T>::take(&who);
			ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
			T::Currency::transfer(&Self::escrow_account(), &who, amount, Preservation::Preserve)?;
			TotalUnclaimed::<T>::mutate(|t| *t = t.saturating_sub(amount));
			Self::deposit_event(Event::Claimed { who, amount });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account escrows and unclaimed earnings are held in.
		pub fn escrow_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
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

		/// Pays out the escrow of the inference or batch `attribution` explains.
		pub fn settle(attribution: &FinalAttribution<T::AccountId>) {
			match attribution.request.subject {
				Subject::Inference { inference, .. } => {
					let Some(mut receipt) = Inferences::<T>::get(inference) else { return };
					if receipt.settled || receipt.job != attribution.job {
						return;
					}
					let mut payouts = Payouts::<T>::get(inference).map(|p| p.into_inner()).unwrap_or_default();
					let (credited, to_treasury) =
						Self::pay_out(receipt.data, receipt.attestors, receipt.treasury, attribution, &mut payouts);
					receipt.settled = true;
					Inferences::<T>::insert(inference, receipt);
					Payouts::<T>::insert(inference, BoundedVec::truncate_from(payouts));
					Self::deposit_event(Event::InferenceSettled { inference, credited, to_treasury });
				},
				Subject::Batch { batch, .. } => {
					let Some(mut record) = Batches::<T>::get(batch) else { return };
					if record.settled || record.job != attribution.job {
						return;
					}
					let mut payouts = BatchPayouts::<T>::get(batch).map(|p| p.into_inner()).unwrap_or_default();
					let (credited, to_treasury) =
						Self::pay_out(record.data, record.attestors, record.treasury, attribution, &mut payouts);
					record.settled = true;
					Batches::<T>::insert(batch, record);
					BatchPayouts::<T>::insert(batch, BoundedVec::truncate_from(payouts));
					Self::deposit_event(Event::BatchSettled { batch, credited, to_treasury });
				},
			}
		}

		/// Pays out an escrow of `data` and `attestors` as `attribution` says, appending to
		/// `payouts`, and has `Rewards` boost the data credits by less than `treasury` (what the
		/// treasury got of the same fees); returns what was credited and what went to the
		/// treasury (they sum to the escrow).
		fn pay_out(
			data: BalanceOf<T>,
			attestors: BalanceOf<T>,
			treasury: BalanceOf<T>,
			attribution: &FinalAttribution<T::AccountId>,
			payouts: &mut Vec<Payout<T>>,
		) -> (BalanceOf<T>, BalanceOf<T>) {
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
							Some((contributor, status)) if status != ContributionStatus::Removed => pay(
								contributor,
								amount,
								PayoutKind::Contribution { datanet: c.datanet, index: c.index },
							),
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
				if T::Currency::transfer(
					&Self::escrow_account(),
					&T::Treasury::get(),
					to_treasury,
					Preservation::Preserve,
				)
				.is_err()
				{
					log::error!(target: "inference", "job {}: escrow short of {to_treasury:?}", attribution.job);
				}
				payouts.push(Payout { to: T::Treasury::get(), amount: to_treasury, kind: PayoutKind::Treasury });
			}
			Escrowed::<T>::mutate(|e| *e = e.saturating_sub(escrowed));
			// Below the treasury's part of these very fees, whatever the parameters have become
			// since they were paid: whoever held every other role still pays for the loop.
			let limit = treasury.saturating_sub(One::one());
			<T::Rewards as openledger_primitives::economics::DataRewards<_, _>>::reward(&data_credits, limit);
			(credited, to_treasury)
		}

		/// Recorded payouts as the runtime API shows them.
		fn payout_views(
			payouts: Option<BoundedVec<Payout<T>, T::MaxPayouts>>,
		) -> Vec<openledger_primitives::api::PayoutView<T::AccountId, BalanceOf<T>>> {
			payouts
				.map(|p| {
					p.into_iter()
						.map(|p| openledger_primitives::api::PayoutView { to: p.to, amount: p.amount, kind: p.kind })
						.collect()
				})
				.unwrap_or_default()
		}

		/// Inference `id` as the runtime API shows it, with `attribution` (the final attribution
		/// of its job, which the attribution pallet holds).
		pub fn inference_view(
			id: InferenceId,
			attribution: impl FnOnce(
				openledger_primitives::attribution::JobId,
			) -> Option<openledger_primitives::api::AttributionView<T::AccountId>>,
		) -> Option<openledger_primitives::api::InferenceView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let r = Inferences::<T>::get(id)?;
			let payouts = Self::payout_views(Payouts::<T>::get(id));
			Some(openledger_primitives::api::InferenceView {
				id,
				payer: r.payer,
				provider: r.provider,
				model: r.model,
				input: r.input,
				output: r.output,
				fee: r.fee,
				paid_at: r.paid_at,
				job: r.job,
				settled: r.settled,
				attribution: attribution(r.job),
				payouts,
			})
		}

		/// Batch `id` as the runtime API shows it, with `attribution` (as for an inference).
		pub fn batch_view(
			id: BatchId,
			attribution: impl FnOnce(
				openledger_primitives::attribution::JobId,
			) -> Option<openledger_primitives::api::AttributionView<T::AccountId>>,
		) -> Option<openledger_primitives::api::BatchView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let b = Batches::<T>::get(id)?;
			let payouts = Self::payout_views(BatchPayouts::<T>::get(id));
			Some(openledger_primitives::api::BatchView {
				id,
				provider: b.provider,
				model: b.model,
				receipts: b.receipts,
				fee: b.fee,
				queries: b.queries,
				paid_at: b.paid_at,
				job: b.job,
				settled: b.settled,
				attribution: attribution(b.job),
				payouts,
			})
		}

		/// What `who` has earned and not claimed.
		pub fn earnings(who: &T::AccountId) -> openledger_primitives::api::EarningsView<BalanceOf<T>> {
			openledger_primitives::api::EarningsView {
				unclaimed: Unclaimed::<T>::get(who),
				earned: Earned::<T>::get(who),
			}
		}

		/// What one inference of `model` costs now, split.
		pub fn estimate_fee(model: ModelId) -> Option<openledger_primitives::api::FeeEstimate<BalanceOf<T>>> {
			let offer = T::Models::offer(model)?;
			let split = T::Split::get().apply(offer.price);
			Some(openledger_primitives::api::FeeEstimate {
				fee: offer.price,
				provider: split.provider,
				owner: split.owner,
				data: split.data,
				attestors: split.attestors,
				treasury: split.treasury,
				active: offer.status == ModelStatus::Active,
			})
		}

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let open = Inferences::<T>::iter_values()
				.filter(|r| !r.settled)
				.fold(BalanceOf::<T>::zero(), |sum, r| sum.saturating_add(r.data).saturating_add(r.attestors));
			let open = Batches::<T>::iter_values()
				.filter(|b| !b.settled)
				.fold(open, |sum, b| sum.saturating_add(b.data).saturating_add(b.attestors));
			ensure!(open == Escrowed::<T>::get(), "Escrowed differs from the open escrows");
			let unclaimed = Unclaimed::<T>::iter_values().fold(BalanceOf::<T>::zero(), |sum, u| sum.saturating_add(u));
			ensure!(unclaimed == TotalUnclaimed::<T>::get(), "TotalUnclaimed differs from the unclaimed earnings");
			let expected = T::EscrowReserve::get().saturating_add(open).saturating_add(unclaimed);
			ensure!(
				T::Currency::balance(&Self::escrow_account()) == expected,
				"escrow balance differs from what it owes"
			);
			Ok(())
		}
	}
}

impl<T: Config> OnAttributionFinal<T::AccountId> for Pallet<T> {
	fn on_attribution_final(attribution: &FinalAttribution<T::AccountId>) {
		Pallet::<T>::settle(attribution);
	}

	fn weight() -> frame_support::weights::Weight {
		let payouts = <T::MaxPayouts as frame_support::traits::Get<u32>>::get();
		T::WeightInfo::settle(payouts)
			.saturating_add(<T::Rewards as openledger_primitives::economics::DataRewards<_, _>>::weight(payouts))
	}
}
