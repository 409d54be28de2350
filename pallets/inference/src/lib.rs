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
//! - every remainder goes to the treasury.
//!
//! ## Calls
//!
//! - `register_provider`, `unregister_provider` — an account offers (or stops offering)
//!   inference; only registered providers can be paid.
//! - `pay_inference(model, provider, input, output, max_fee)` — charges the payer the model's
//!   price (refusing a price above `max_fee` or a deprecated model), writes input and output to
//!   the off-chain index under their hashes for the attestors, and opens an attribution job.
//! - `claim` — transfers the caller's accrued earnings from the escrow account.
//!
//! ## Assumptions
//!
//! - The escrow account holds exactly `EscrowReserve` plus every open escrow plus every unclaimed
//!   earning. `try_state` checks it.
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
		AttributionProvider, DataShares, FinalAttribution, InferenceId, JobRequest, OnAttributionFinal, Subject,
		PARTS_PER_MILLION,
	},
	datanets::{ContributionLedger, ContributionStatus, DatanetId},
	models::{ModelId, ModelMarket, ModelStatus},
};

/// Registers models and contributions for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
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
	use sp_runtime::traits::{AccountIdConversion, Saturating, Zero};

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

		/// Opens the attribution job of each paid inference.
		type Attribution: AttributionProvider;

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

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Registers models for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
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
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pay_inference(input.len().saturating_add(output.len()) as u32)
			.saturating_add(T::Attribution::open_job_weight()))]
		pub fn pay_inference(
			origin: OriginFor<T>,
			model: ModelId,
			provider: T::AccountId,
			input: Vec<u8>,
			output: Vec<u8>,
			max_fee: BalanceOf<T>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let max = T::MaxQueryLen::get() as usize;
			ensure!(input.len() <= max && output.len() <= max, Error::<T>::QueryTooLarge);
			ensure!(Providers::<T>::contains_key(&provider), Error::<T>::UnknownProvider);
			let offer = T::Models::offer(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(offer.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
			ensure!(offer.price <= max_fee, Error::<T>::PriceAboveMax);

			let fee = offer.price;
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
					job,
					paid_at: frame_system::Pallet::<T>::block_number(),
					settled: false,
				},
			);
			Self::deposit_event(Event::InferencePaid { inference: id, payer, provider, model, fee, escrowed, job });
			Ok(())
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

		/// Pays out the escrow of the inference `final` attributes.
		pub fn settle(attribution: &FinalAttribution<T::AccountId>) {
			let Subject::Inference { inference, .. } = attribution.request.subject;
			let Some(mut receipt) = Inferences::<T>::get(inference) else { return };
			if receipt.settled || receipt.job != attribution.job {
				return;
			}
			let mut payouts: Vec<Payout<T>> = Payouts::<T>::get(inference).map(|p| p.into_inner()).unwrap_or_default();
			let mut credited = BalanceOf::<T>::zero();
			let mut pay = |to: T::AccountId, amount: BalanceOf<T>, kind: PayoutKind| {
				if amount.is_zero() {
					return;
				}
				if let PayoutKind::Contribution { datanet, .. } | PayoutKind::Datanet { datanet } = kind {
					DatanetEarned::<T>::mutate(datanet, |e| *e = e.saturating_add(amount));
				}
				Self::credit(&to, amount);
				credited = credited.saturating_add(amount);
				payouts.push(Payout { to, amount, kind });
			};
			match &attribution.data {
				DataShares::Contributions(shares) => {
					for share in shares {
						let c = share.contribution;
						let amount = Self::part(receipt.data, share.ppm);
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
							pay(owner, Self::part(receipt.data, *ppm), PayoutKind::Datanet { datanet: *datanet });
						}
					}
				},
			}
			let attestors = attribution.agreed.len() as u32;
			if attestors > 0 {
				let each = receipt.attestors.checked_div(&BalanceOf::<T>::from(attestors)).unwrap_or_else(Zero::zero);
				for who in attribution.agreed.iter() {
					pay(who.clone(), each, PayoutKind::Attestor);
				}
			}
			let escrowed = receipt.data.saturating_add(receipt.attestors);
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
					log::error!(target: "inference", "inference {inference}: escrow short of {to_treasury:?}");
				}
				payouts.push(Payout { to: T::Treasury::get(), amount: to_treasury, kind: PayoutKind::Treasury });
			}
			Escrowed::<T>::mutate(|e| *e = e.saturating_sub(escrowed));
			receipt.settled = true;
			Inferences::<T>::insert(inference, receipt);
			Payouts::<T>::insert(inference, BoundedVec::truncate_from(payouts));
			Self::deposit_event(Event::InferenceSettled { inference, credited, to_treasury });
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
			let payouts = Payouts::<T>::get(id)
				.map(|p| {
					p.into_iter()
						.map(|p| openledger_primitives::api::PayoutView { to: p.to, amount: p.amount, kind: p.kind })
						.collect()
				})
				.unwrap_or_default();
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
		T::WeightInfo::settle(<T::MaxPayouts as frame_support::traits::Get<u32>>::get())
	}
}
