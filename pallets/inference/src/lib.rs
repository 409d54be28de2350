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
//! - fallback (no consensus): each lineage version's part goes to its pool, from which each
//!   member of the version draws its part pro rata to its rows with `claim_lineage` (a datanet
//!   has up to millions of members: more than one settlement can pay); a member removed since
//!   draws nothing, and its part stays in the pool;
//! - attestors: the agreeing ones share the attestor part equally; with none it goes to the
//!   treasury;
//! - every remainder goes to the treasury;
//! - the contributions' credits (not the attestors', nor the pools') are then handed to
//!   `Rewards`, which pays each a boost from the community pool (the economics pallet): a job
//!   without consensus earns no boost;
//! - poison loses its pay: a contribution under an open challenge
//!   ([`ContributionLedger::challenged`]) is not credited; its part is held
//!   ([`HeldEarnings`]), earns no boost, and waits for the challenge: rejected, it is credited
//!   to the contributor; upheld, it is clawed back — the penalty the contributor owes the
//!   challenger taken from it first, then from the contributor's unclaimed earnings, the rest
//!   to the treasury (the datanets pallet calls the
//!   [`ChallengedEarnings`](openledger_primitives::datanets::ChallengedEarnings) this pallet
//!   implements).
//!
//! ## Calls
//!
//! - `register_provider`, `unregister_provider` — an account offers (or stops offering)
//!   inference, holding `ProviderBond` while it does; only registered providers whose bond is
//!   whole can be paid (a provider penalised below it calls `register_provider` again to top
//!   it up). A provider with unsettled work that unregisters takes no new payments and leaves,
//!   its bond released, when the last of that work settles.
//! - False outputs: for a deterministic architecture the attestors check each output against
//!   the model's own answer to its input. An output proven false (by more than half of a job's
//!   committee) is not refunded — a payer who lied about its answer would otherwise buy it at a
//!   discount — nor paid to the lineage, whose owner may be the liar: the data share goes to the
//!   treasury, the attestor share to the seats that proved it. A provider vouches for the
//!   outputs of the receipts it submits: its part of a batch waits in escrow until the batch is
//!   attributed, and a proven false output in the batch forfeits it to the batch's payers, with
//!   a penalty from its bond — `FalseOutputPenalty`, or what the payers lost beyond the
//!   forfeited part if more — to them up to what they paid (they are whole while the bond
//!   lasts), the rest to the treasury; claimed with `claim_refund`. Its bond must cover
//!   `FalseOutputPenalty` for every batch of its in flight (`TooManyOpenBatches`).
//!   `pay_inference`'s output is the payer's word, not the provider's: no provider is penalised
//!   for it. A text model's output cannot be re-run: no text output is ever found false.
//! - `pay_inference(model, provider, input, output, max_fee)` — charges the payer the model's
//!   price (refusing a price above `max_fee`, a deprecated model, or a query that does not fit
//!   the model's architecture — which no attestor could attribute), writes input and output to
//!   the off-chain index for the attestors (under their
//!   [`query_key`](openledger_primitives::attribution::query_key)s), and opens an attribution job. An
//!   agent's payment is charged to its operator within its allowance (`Config::Agents`); batched
//!   receipts are charged to the account that signed them.
//! - `submit_receipts(model, receipts)` — a provider submits many paid inferences of one model
//!   at once, each signed off-chain by its payer (see [`SignedReceipt`] and
//!   [`openledger_primitives::inference::ReceiptMessage`] for the signed bytes). Each receipt is
//!   checked on its own — the payer's signature, a nonce above the payer's last accepted one (no
//!   replay), the price within the payer's `max_fee`, a query that fits the model, a balance
//!   that pays it — and a bad one is
//!   reported in a `ReceiptRejected` event and skipped while the rest pay. The receipts that paid
//!   form one batch: its parts are split as one inference's times the count, paid and escrowed
//!   the same way — except the provider's part, escrowed until the batch is attributed (the
//!   provider vouched for its outputs) — and one attribution job ([`Subject::Batch`]) explains
//!   the batch's queries together. A batch is one model's, so its receipts share one price and one lineage.
//! - `claim` — transfers the caller's accrued earnings from the escrow account.
//! - `claim_refund(batch)` — a payer takes back its receipts' escrowed parts of a batch whose
//!   committee found it unscorable (an inference's are refunded at once), within the attribution
//!   pallet's retention period: when it is over, what is still unclaimed goes to the treasury
//!   (`RefundsExpired`).
//! - `claim_lineage(datanet, version, index)` — anyone credits a member of a lineage version
//!   what it has earned from the version's pool since it last drew, to claim as any earning.
//!
//! ## Retention
//!
//! A settled inference's or batch's record and payouts are kept for as long as the attribution
//! pallet keeps its job's result (its `Retention`) — the runtime APIs and RPC answer for them
//! within that time — and are forgotten with it
//! ([`OnAttributionFinal::on_attribution_expired`](openledger_primitives::attribution::OnAttributionFinal::on_attribution_expired)).
//! Receipt nonces are kept: a receipt carries no expiry, so a forgotten nonce would let it be
//! replayed.
//!
//! ## Assumptions
//!
//! - The escrow account holds exactly `EscrowReserve` plus every open escrow (of inferences and of
//!   batches), every unclaimed earning, every unclaimed batch refund, what the lineage pools
//!   hold and the held earnings of challenged contributions. `try_state` checks it.
//! - Total issuance never changes here: every payout is a transfer.
//!
//! ## Code layout
//!
//! `lib.rs` declares the pallet (config, storage, events, errors, thin calls); `payment.rs` pays
//! for an inference or a batch of receipts over one pay-and-escrow step; `providers.rs` keeps
//! providers' bonds and unsettled work and takes the false-output penalty; `settlement.rs` pays an
//! escrow out when its attribution is final (one path for inferences and batches), claims, and
//! the held earnings of challenged contributions;
//! `views.rs` builds the runtime API's views; `types.rs` the fee split and the stored records
//! (an inference's and a batch's [`Escrow`] are the same record).

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

mod payment;
mod providers;
mod settlement;
mod types;
mod views;
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
	attribution::{AttributionProvider, BatchId, InferenceId},
	datanets::{ContributionIndex, ContributionLedger, DatanetId, VersionNumber},
	inference::ReceiptRejection,
	models::{ModelId, ModelMarket},
};

/// Registers models and contributions and signs receipts for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// The `index`th payer's account and their signature over `message`.
	fn sign(index: u32, message: &[u8]) -> (AccountId, Signature);

	/// Registers a model owned by `owner` at `price` and returns its id.
	fn model(owner: &AccountId, price: u128) -> Result<ModelId, frame_benchmarking::BenchmarkError>;

	/// Makes `n` accepted contributions (of distinct contributors) and returns them.
	fn contributions(
		n: u32,
	) -> Result<Vec<openledger_primitives::attribution::ContributionRef>, frame_benchmarking::BenchmarkError>;

	/// Publishes a version of a datanet with a member: the version and the member.
	fn lineage_member() -> Result<(DatanetId, VersionNumber, ContributionIndex), frame_benchmarking::BenchmarkError>;
}

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
		PalletId,
	};
	use frame_system::pallet_prelude::*;

	use sp_runtime::traits::{AccountIdConversion, IdentifyAccount, Verify};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees are paid in, and providers' bonds held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// What a provider holds to be paid (a runtime parameter).
		type ProviderBond: Get<BalanceOf<Self>>;

		/// What a proven false output costs its provider, from its bond (a runtime parameter).
		type FalseOutputPenalty: Get<BalanceOf<Self>>;

		/// The model registry: owners, prices, statuses.
		type Models: ModelMarket<Self::AccountId, BalanceOf<Self>>;

		/// The datanets: contributors to pay, and lineage versions' members and their rows.
		type Datanets: ContributionLedger<Self::AccountId>;

		/// Who pays what an account spends: its operator, if it is an agent within its
		/// allowance.
		type Agents: openledger_primitives::agents::AgentSpending<Self::AccountId, BalanceOf<Self>>;

		/// Opens the attribution job of each paid inference.
		type Attribution: AttributionProvider<Self::AccountId, BalanceOf<Self>>;

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

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond.
		ProviderBond,
	}

	/// Registered providers.
	#[pallet::storage]
	pub type Providers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Provider<T>>;

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

	/// Who paid for each unsettled batch, and for how many of its receipts: whom an unscorable
	/// batch refunds. Removed at settlement.
	#[pallet::storage]
	pub type BatchPayers<T: Config> =
		StorageMap<_, Twox64Concat, BatchId, BoundedVec<(T::AccountId, u32), T::MaxBatch>>;

	/// What each receipt of an unscorable batch gets back, until all its payers have claimed.
	#[pallet::storage]
	pub type BatchRefunds<T: Config> = StorageMap<_, Twox64Concat, BatchId, BalanceOf<T>>;

	/// The sum of the unclaimed refunds of unscorable batches.
	#[pallet::storage]
	pub type TotalRefundable<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

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

	/// Everything paid for each datanet's data (to its contributors, or to its versions' pools
	/// in fallback).
	#[pallet::storage]
	pub type DatanetEarned<T: Config> = StorageMap<_, Blake2_128Concat, DatanetId, BalanceOf<T>, ValueQuery>;

	/// What each lineage version's pool has received from fallback settlements, ever: a
	/// member's part of it is `received × its rows / the version's rows`.
	#[pallet::storage]
	pub type LineagePools<T: Config> =
		StorageMap<_, Blake2_128Concat, (DatanetId, VersionNumber), BalanceOf<T>, ValueQuery>;

	/// What each member of a version has drawn from its pool so far.
	#[pallet::storage]
	pub type LineageDrawn<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(DatanetId, VersionNumber),
		Twox64Concat,
		ContributionIndex,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// What all members of each version have drawn from its pool: never more than it received,
	/// whatever the members' rows say.
	#[pallet::storage]
	pub type LineagePoolDrawn<T: Config> =
		StorageMap<_, Blake2_128Concat, (DatanetId, VersionNumber), BalanceOf<T>, ValueQuery>;

	/// What the pools hold: everything they received less everything drawn.
	#[pallet::storage]
	pub type TotalPooled<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// What contributions earned while challenged, held in the escrow account until their
	/// challenge resolves: by datanet and index.
	#[pallet::storage]
	pub type HeldEarnings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatanetId, Twox64Concat, ContributionIndex, BalanceOf<T>, ValueQuery>;

	/// The sum of [`HeldEarnings`].
	#[pallet::storage]
	pub type TotalHeld<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account registered as a provider, holding `bond`.
		ProviderRegistered {
			/// The provider.
			provider: T::AccountId,
			/// What it holds.
			bond: BalanceOf<T>,
		},
		/// A provider penalised below the bond topped it up.
		ProviderBondRestored {
			/// The provider.
			provider: T::AccountId,
			/// What it holds now.
			bond: BalanceOf<T>,
		},
		/// A provider with unsettled work asked to leave: it takes no new payments, and leaves
		/// when that work settles.
		ProviderRetiring {
			/// The provider.
			provider: T::AccountId,
		},
		/// A provider stopped offering inference; its bond was released.
		ProviderUnregistered {
			/// The former provider.
			provider: T::AccountId,
		},
		/// An output in a provider's batch was proven false by an attribution committee:
		/// `to_payers` of its bond went to the batch's refunds, `to_treasury` to the treasury.
		ProviderPenalised {
			/// The provider.
			provider: T::AccountId,
			/// The job that proved it.
			job: openledger_primitives::attribution::JobId,
			/// What went to the batch's refunds.
			to_payers: BalanceOf<T>,
			/// What went to the treasury.
			to_treasury: BalanceOf<T>,
		},
		/// An inference was paid: the provider, owner and treasury parts are paid, `escrowed`
		/// waits for attribution job `job`.
		InferencePaid {
			/// The paid inference.
			inference: InferenceId,
			/// Who paid (an agent's operator, for an agent).
			payer: T::AccountId,
			/// Who answered.
			provider: T::AccountId,
			/// The model that answered.
			model: ModelId,
			/// What the payer paid.
			fee: BalanceOf<T>,
			/// The data and attestor parts, waiting for the attribution.
			escrowed: BalanceOf<T>,
			/// The attribution job.
			job: openledger_primitives::attribution::JobId,
		},
		/// An inference's escrow was paid out; `to_treasury` includes removed contributions and
		/// remainders.
		InferenceSettled {
			/// The inference.
			inference: InferenceId,
			/// What was credited to contributions (or lineage pools) and attestors.
			credited: BalanceOf<T>,
			/// What went to the treasury.
			to_treasury: BalanceOf<T>,
		},
		/// Receipt `index` of batch `batch` was skipped: it paid nothing and used no nonce.
		ReceiptRejected {
			/// The batch.
			batch: BatchId,
			/// The receipt's position in it.
			index: u32,
			/// The receipt's payer.
			payer: T::AccountId,
			/// Why it was skipped.
			reason: ReceiptRejection,
		},
		/// A provider's batch of signed receipts: `receipts` paid `fee` together (the provider,
		/// owner and treasury parts are paid, `escrowed` waits for attribution job `job`),
		/// `rejected` were skipped. With no receipt paid there is no job and no record.
		BatchPaid {
			/// The batch.
			batch: BatchId,
			/// Who answered and submitted it.
			provider: T::AccountId,
			/// The model that answered.
			model: ModelId,
			/// How many receipts paid.
			receipts: u32,
			/// How many were skipped.
			rejected: u32,
			/// What the receipts that paid paid together.
			fee: BalanceOf<T>,
			/// Their data and attestor parts, waiting for the attribution.
			escrowed: BalanceOf<T>,
			/// The attribution job; `None` when no receipt paid.
			job: Option<openledger_primitives::attribution::JobId>,
		},
		/// A majority of an inference's attribution committee found it unscorable: its escrowed
		/// parts went back to its payer.
		InferenceRefunded {
			/// The inference.
			inference: InferenceId,
			/// What went back.
			refunded: BalanceOf<T>,
		},
		/// The retention of an unscorable batch's result is over: the refunds its payers did not
		/// claim went to the treasury.
		RefundsExpired {
			/// The batch.
			batch: BatchId,
			/// What went to the treasury.
			amount: BalanceOf<T>,
		},
		/// A majority of a batch's attribution committee found it unscorable: its escrowed parts
		/// wait for its receipts' payers to claim them (`claim_refund`).
		BatchRefunded {
			/// The batch.
			batch: BatchId,
			/// What its payers may claim, together.
			refundable: BalanceOf<T>,
		},
		/// A payer took back its part of an unscorable batch.
		RefundClaimed {
			/// The batch.
			batch: BatchId,
			/// The payer.
			who: T::AccountId,
			/// What it got back.
			amount: BalanceOf<T>,
		},
		/// A batch's escrow was paid out (as `InferenceSettled` for an inference).
		BatchSettled {
			/// The batch.
			batch: BatchId,
			/// What was credited to contributions (or lineage pools) and attestors.
			credited: BalanceOf<T>,
			/// What went to the treasury.
			to_treasury: BalanceOf<T>,
		},
		/// A member of a lineage version drew its part of the version's pool, credited to its
		/// contributor's earnings.
		LineageDrawn {
			/// The datanet.
			datanet: DatanetId,
			/// The version.
			version: VersionNumber,
			/// The member.
			index: ContributionIndex,
			/// Its contributor, credited.
			contributor: T::AccountId,
			/// What was credited.
			amount: BalanceOf<T>,
		},
		/// A challenged contribution's earnings from a settlement are held until its challenge
		/// resolves.
		EarningsHeld {
			/// The contribution's datanet.
			datanet: DatanetId,
			/// The contribution.
			index: ContributionIndex,
			/// What was held.
			amount: BalanceOf<T>,
		},
		/// A challenge was rejected: what its contribution earned meanwhile was credited to the
		/// contributor.
		HeldEarningsReleased {
			/// The contribution's datanet.
			datanet: DatanetId,
			/// The contribution.
			index: ContributionIndex,
			/// Its contributor, credited.
			contributor: T::AccountId,
			/// What was credited.
			amount: BalanceOf<T>,
		},
		/// A challenge was upheld: what its contribution earned meanwhile was clawed back, to the
		/// challenger (the penalty) and the treasury; `from_unclaimed` more of the penalty came
		/// from the contributor's unclaimed earnings.
		EarningsClawedBack {
			/// The contribution's datanet.
			datanet: DatanetId,
			/// The contribution.
			index: ContributionIndex,
			/// The challenger, credited.
			challenger: T::AccountId,
			/// What the challenger was credited from the held earnings.
			to_challenger: BalanceOf<T>,
			/// What went to the treasury.
			to_treasury: BalanceOf<T>,
			/// What the challenger was credited from the contributor's unclaimed earnings.
			from_unclaimed: BalanceOf<T>,
		},
		/// An account claimed its earnings.
		Claimed {
			/// Who claimed.
			who: T::AccountId,
			/// What was transferred to them.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a provider, its bond whole.
		AlreadyProvider,
		/// The account is not a registered provider.
		UnknownProvider,
		/// The provider's bond is below `ProviderBond` (it was penalised, or the parameter
		/// rose): `register_provider` tops it up.
		ProviderBondShort,
		/// The provider is leaving: it takes no new payments (`register_provider` makes it
		/// stay).
		ProviderRetiring,
		/// The provider's bond does not cover the false-output penalty of one more unsettled
		/// batch (`FalseOutputPenalty` each): wait for its batches to settle.
		TooManyOpenBatches,
		/// The contribution is under an open challenge: what it earns waits for the challenge.
		UnderChallenge,
		/// No registered model has this id.
		UnknownModel,
		/// The model is deprecated: it takes no new inferences.
		ModelDeprecated,
		/// The model is suspended: a committee of attestors found its weights unreadable, or not
		/// trained on its lineage; or it was revoked.
		ModelSuspended,
		/// The model's price is above the payer's `max_fee`.
		PriceAboveMax,
		/// The input or output is longer than `MaxQueryLen`.
		QueryTooLarge,
		/// The caller has nothing to claim.
		NothingToClaim,
		/// The caller has no refund to claim in this batch.
		NothingToRefund,
		/// The contribution is not a member of the version, or has been removed since.
		NotAMember,
		/// The member has drawn everything the version's pool owes it.
		NothingToDraw,
		/// A batch of receipts must hold at least one.
		EmptyBatch,
		/// The input does not fit the model's architecture: a tabular model takes exactly
		/// `features` finite `f32` LE values (see `Architecture::check_query`).
		InvalidInput,
		/// The output does not fit the model's architecture: a tabular model answers one `u32`
		/// LE class below `classes`, a text model UTF-8.
		InvalidOutput,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as an inference provider, holding `ProviderBond` from them; or,
		/// for a provider whose bond is below it (penalised for a false output, or the parameter
		/// rose), holds the difference.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider())]
		pub fn register_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_provider(who)
		}

		/// Stops the caller's offer: they can no longer be paid for inference, and their bond is
		/// released — at once, or, while any of their paid inferences or batches is unsettled,
		/// when the last of them settles (`ProviderRetiring`).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unregister_provider())]
		pub fn unregister_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister_provider(who)
		}

		/// Pays `model`'s price for `provider`'s answer `output` to `input`: the provider, owner
		/// and treasury parts at once, the data and attestor parts into escrow; opens the
		/// attribution job, whose fee (for the work of scoring this output) is paid on top. Fails
		/// if the price and the job fee are above `max_fee`, the model is deprecated or
		/// unknown, the input or output does not fit the model's architecture, the provider is
		/// unregistered, or the payer cannot pay without being reaped.
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
			Self::do_pay_inference(caller, model, provider, input, output, max_fee)
		}

		/// Pays for `receipts`, the caller's answers from `model`, each signed by its payer.
		///
		/// Each receipt is checked and paid on its own: a bad signature, a nonce not above the
		/// payer's last accepted one, a price above the payer's `max_fee`, a query that does not
		/// fit the model (`InvalidQuery`) or a payer who cannot pay skips that receipt (a `ReceiptRejected` event) and the rest pay. Those that paid are
		/// split as one inference each (the provider, owner and treasury parts paid, the data and
		/// attestor parts escrowed), their queries go to the off-chain index, and one attribution
		/// job opens for them, its job fee paid by the provider (with no cap but the provider's
		/// balance: check `estimate_fee` when blocks are busy). Fails as a whole only if the batch
		/// is empty, the caller is not a registered provider with its bond whole and not leaving,
		/// its bond does not cover the false-output penalty of one more unsettled batch
		/// (`TooManyOpenBatches`), the model is unknown, deprecated or suspended, the attribution
		/// jobs' waiting line is full (`TooManyJobs`, `AttestorsBusy`) or the batch alone is more
		/// work than attestors answer in time (`JobTooLarge`), or the provider cannot pay the job fee. The provider's
		/// part of the fees waits in escrow until the batch is attributed.
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
			Self::do_submit_receipts(provider, model, receipts)
		}

		/// Transfers the caller's unclaimed earnings from the escrow account to them.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who)
		}

		/// Transfers to the caller what its receipts in `batch` paid into escrow: a majority of
		/// the batch's attribution committee found it unscorable. Until the batch's result is
		/// forgotten (the attribution pallet's `Retention`); then what is unclaimed goes to the
		/// treasury.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(origin: OriginFor<T>, batch: BatchId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_refund(who, batch)
		}

		/// Credits contribution `index` of `datanet`, a member of its version `version`, with
		/// what the version's pool owes it since it last drew: `received × rows / version rows`
		/// less what it drew. Anyone may call it; the contributor then claims as any earning.
		/// Fails for a contribution that is not a member, or was removed since.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::claim_lineage())]
		pub fn claim_lineage(
			origin: OriginFor<T>,
			datanet: DatanetId,
			version: VersionNumber,
			index: ContributionIndex,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim_lineage(datanet, version, index)
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// The account escrows and unclaimed earnings are held in.
		pub fn escrow_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::try_state_escrow()
		}
	}
}
