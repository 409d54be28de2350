//! # Economics
//!
//! ## Overview
//!
//! The OPEN supply is minted once, at genesis, and capped at `Cap`: this pallet mints nothing,
//! and `try_state` checks that the supply — total issuance less `Uncapped`, what others mint that
//! can never move (the existential deposit `pallet-revive` mints into each contract's account,
//! held there while the contract exists and burned with it) — never exceeds the cap. Of the genesis allocation,
//! two parts sit in pool accounts of this pallet and are released over time:
//!
//! - the **community** pool pays the data-reward boost ([`DataRewards`]) and community
//!   incentives;
//! - the **ecosystem** pool pays grants.
//!
//! Each pool releases `CommunityRelease` / `EcosystemRelease` OPEN per block (governance
//! parameters; by default its allocation over 48 months), at the start of each block, until it
//! has released its whole allocation. What a pool may pay is what it has released and not spent,
//! and never more than its account holds above its existential deposit. `SpendOrigin` spends it with [`Pallet::spend`];
//! settlement spends the community pool's with the boost.
//!
//! ## The data-reward boost, and why it cannot pay wash trading
//!
//! When an inference's escrow settles, each data contributor credited `c` is also paid
//! `Boost × c` from the community pool's release, in order, until the release is spent (then the
//! rest of that settlement, and the next ones, get no boost until more is released), and in all
//! less than the treasury got of the same fees when they were paid. It is a
//! multiple of each settled inference's own data credit, not a fixed budget shared pro rata, so
//! nobody can capture it with tiny fees. Someone holding every role of an inference but the
//! treasury's pays the fee and gets back `(1 − treasury) + Boost × data` of it, so the boost is
//! paid only while `Boost × data < treasury` for the current settlement shares (`Shares`):
//! `integrity_test` checks the defaults, the runtime refuses parameter changes that break it,
//! and if the parameters break it anyway the boost pays nothing. Because the parameters may
//! change between an inference's payment and its settlement, settlement also caps each boost
//! below the treasury's part of that inference's own fees.
//!
//! ## Transaction fees
//!
//! [`DealWithFees`] splits each transaction's fee: `AuthorFeeShare` (a governance parameter) to
//! the block's author, the rest to the treasury; tips go to the author whole. With no known
//! author, or an author account the credit cannot be paid to, everything goes to the treasury;
//! a treasury that cannot take it (an account reaped, a credit below the existential deposit)
//! leaves it to the author. The runtime's treasury keeps its existential deposit through every
//! spend, so it takes every credit.
//!
//! ## Calls
//!
//! - `spend(pool, beneficiary, amount)` — by `SpendOrigin`, within the pool's available release.
//!
//! ## Assumptions
//!
//! - Total issuance less `Uncapped` ≤ `Cap`; each pool's `spent` ≤ `released` ≤ `allocation`. `try_state`
//!   checks them, and that the boost rule holds.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

pub use openledger_primitives::economics::{boost_is_safe, DataRewards, PoolId};

use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Balanced, Credit, Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Imbalance, OnUnbalanced,
	},
	PalletId,
};
use openledger_primitives::api::{PoolView, SupplyView};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
	Perbill,
};

/// An amount of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A pool's allocation and what it has released and spent of it.
#[derive(Encode, Decode, MaxEncodedLen, Clone, PartialEq, Eq, Debug, Default, TypeInfo)]
pub struct Pool<Balance> {
	/// What the pool held at genesis.
	pub allocation: Balance,
	/// What it has released so far (at most `allocation`).
	pub released: Balance,
	/// What it has paid out (at most `released`).
	pub spent: Balance,
}

impl<Balance: Copy + Saturating + Ord> Pool<Balance> {
	/// Released and not spent.
	pub fn unspent(&self) -> Balance {
		self.released.saturating_sub(self.spent)
	}
}

/// The settlement shares the boost rule compares: the data contributors' part of a fee and the
/// treasury's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Shares {
	/// The data contributors' part.
	pub data: Perbill,
	/// The treasury's part.
	pub treasury: Perbill,
}

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// OPEN.
		type Currency: Mutate<Self::AccountId> + Balanced<Self::AccountId>;

		/// What the supply (total issuance less `Uncapped`) may never exceed.
		#[pallet::constant]
		type Cap: Get<BalanceOf<Self>>;

		/// Issuance the cap does not count: minted by others, it can never move (revive's
		/// existential deposits of contract accounts).
		type Uncapped: Get<BalanceOf<Self>>;

		/// The pools' accounts derive from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// What the community pool releases per block.
		type CommunityRelease: Get<BalanceOf<Self>>;

		/// What the ecosystem pool releases per block.
		type EcosystemRelease: Get<BalanceOf<Self>>;

		/// The boost multiple `m` of a settled data credit.
		type Boost: Get<Perbill>;

		/// The settlement shares the boost rule compares.
		type Shares: Get<Shares>;

		/// The block author's part of transaction fees (the treasury gets the rest).
		type AuthorFeeShare: Get<Perbill>;

		/// The current block's author, if known.
		type BlockAuthor: Get<Option<Self::AccountId>>;

		/// The treasury account.
		type Treasury: Get<Self::AccountId>;

		/// Spends from the pools, up to the amount it succeeds with (in the runtime: the treasury
		/// track of governance, or root).
		type SpendOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = BalanceOf<Self>>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The pools.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Twox64Concat, PoolId, Pool<BalanceOf<T>>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	#[deny(clippy::expect_used)]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Records each pool with what its account holds as its allocation (the balances
		/// pallet, built first, funds it). A genesis whose issuance exceeds the cap is refused.
		fn build(&self) {
			let issuance = T::Currency::total_issuance();
			assert!(issuance <= T::Cap::get(), "genesis issuance {issuance:?} exceeds the cap {:?}", T::Cap::get());
			for pool in PoolId::ALL {
				let allocation = T::Currency::balance(&Pallet::<T>::account(pool));
				Pools::<T>::insert(pool, Pool { allocation, released: Zero::zero(), spent: Zero::zero() });
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `SpendOrigin` paid `amount` from `pool` to `to`.
		Spent {
			/// The pool that paid.
			pool: PoolId,
			/// Who was paid.
			to: T::AccountId,
			/// What was paid.
			amount: BalanceOf<T>,
		},
		/// A settlement's data credits were boosted: `paid` to `recipients` accounts from the
		/// community pool; `short` could not be paid, the pool's release being spent.
		DataRewarded {
			/// What the community pool paid.
			paid: BalanceOf<T>,
			/// How many accounts it paid.
			recipients: u32,
			/// What it could not pay, its release being spent.
			short: BalanceOf<T>,
		},
		/// `pool` has released its whole allocation.
		FullyReleased {
			/// The pool.
			pool: PoolId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount must be more than zero.
		ZeroAmount,
		/// The pool has not released that much that is not spent (see `openledger_supply`).
		InsufficientRelease,
		/// The origin may not spend that much at once.
		AboveSpendLimit,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Releases each pool's per-block amount.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			for pool in PoolId::ALL {
				Self::release(pool);
			}
			T::WeightInfo::on_initialize()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let shares = T::Shares::get();
			assert!(
				boost_is_safe(T::Boost::get(), shares.data, shares.treasury),
				"the default boost {:?} × data share {:?} must be below the treasury share {:?}",
				T::Boost::get(),
				shares.data,
				shares.treasury,
			);
		}
	}

	#[pallet::call]
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Pays `amount` from `pool` to `beneficiary`, out of what the pool has released and not
		/// spent, up to what the origin may spend at once.
		///
		/// Origin: `SpendOrigin`. Emits `Spent`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::spend())]
		pub fn spend(
			origin: OriginFor<T>,
			pool: PoolId,
			beneficiary: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let limit = T::SpendOrigin::ensure_origin(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(amount <= limit, Error::<T>::AboveSpendLimit);
			let mut state = Pools::<T>::get(pool).unwrap_or_default();
			ensure!(amount <= Self::available(pool, &state), Error::<T>::InsufficientRelease);
			T::Currency::transfer(&Self::account(pool), &beneficiary, amount, Preservation::Preserve)?;
			state.spent = state.spent.saturating_add(amount);
			Pools::<T>::insert(pool, state);
			Self::deposit_event(Event::Spent { pool, to: beneficiary, amount });
			Ok(())
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// The account of `pool`: the pallet id's, with the pool's name as sub-account.
		pub fn account(pool: PoolId) -> T::AccountId {
			let name: &[u8; 9] = match pool {
				PoolId::Community => b"community",
				PoolId::Ecosystem => b"ecosystem",
			};
			T::PalletId::get().into_sub_account_truncating(name)
		}

		/// What `pool` releases per block.
		pub fn release_rate(pool: PoolId) -> BalanceOf<T> {
			match pool {
				PoolId::Community => T::CommunityRelease::get(),
				PoolId::Ecosystem => T::EcosystemRelease::get(),
			}
		}

		/// What `pool` may pay now: released, not spent, and in its account above the existential
		/// deposit (a pool's account is never reaped).
		pub fn available(pool: PoolId, state: &Pool<BalanceOf<T>>) -> BalanceOf<T> {
			let spendable =
				T::Currency::reducible_balance(&Self::account(pool), Preservation::Preserve, Fortitude::Polite);
			state.unspent().min(spendable)
		}

		/// Releases one block's amount of `pool`, up to its allocation.
		fn release(pool: PoolId) {
			let Some(mut state) = Pools::<T>::get(pool) else { return };
			if state.released >= state.allocation {
				return;
			}
			state.released = state.released.saturating_add(Self::release_rate(pool)).min(state.allocation);
			if state.released == state.allocation {
				Self::deposit_event(Event::FullyReleased { pool });
			}
			Pools::<T>::insert(pool, state);
		}

		/// The boost in force: `Boost`, or nothing if it breaks the rule for the current shares.
		pub fn boost() -> Perbill {
			let (boost, shares) = (T::Boost::get(), T::Shares::get());
			if boost_is_safe(boost, shares.data, shares.treasury) {
				boost
			} else {
				Perbill::zero()
			}
		}

		/// `pool` as the runtime API shows it.
		pub fn pool_view(pool: PoolId) -> PoolView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> {
			let state = Pools::<T>::get(pool).unwrap_or_default();
			let rate = Self::release_rate(pool);
			let left = state.allocation.saturating_sub(state.released);
			// blocks to release the rest: ⌈left / rate⌉, never at a zero rate
			let (left, rate_u128): (u128, u128) = (left.unique_saturated_into(), rate.unique_saturated_into());
			let blocks = if left == 0 {
				Some(0)
			} else {
				left.saturating_add(rate_u128.saturating_sub(1)).checked_div(rate_u128)
			};
			let now = frame_system::Pallet::<T>::block_number();
			PoolView {
				pool,
				account: Self::account(pool),
				balance: T::Currency::balance(&Self::account(pool)),
				allocation: state.allocation,
				release_per_block: rate,
				released: state.released,
				spent: state.spent,
				available: Self::available(pool, &state),
				fully_released_at: blocks.map(|b| now.saturating_add(BlockNumberFor::<T>::unique_saturated_from(b))),
			}
		}

		/// The supply the cap bounds: total issuance less `Uncapped`.
		pub fn supply() -> BalanceOf<T> {
			T::Currency::total_issuance().saturating_sub(T::Uncapped::get())
		}

		/// The supply as the runtime API shows it, given what vesting locks and what is held for
		/// OPEN circulating on other chains (the bridge's reserve): neither circulates here.
		pub fn supply_view(
			vesting_locked: BalanceOf<T>,
			held_for_other_chains: BalanceOf<T>,
		) -> SupplyView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> {
			let pools: alloc::vec::Vec<_> = PoolId::ALL.iter().map(|p| Self::pool_view(*p)).collect();
			let total = Self::supply();
			let treasury = T::Currency::balance(&T::Treasury::get());
			let circulating = pools.iter().fold(
				total.saturating_sub(vesting_locked).saturating_sub(treasury).saturating_sub(held_for_other_chains),
				|c, p| c.saturating_sub(p.balance),
			);
			SupplyView { cap: T::Cap::get(), total, circulating, vesting_locked, treasury, pools }
		}

		/// Checks the cap, the pools' books and the boost rule.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(Self::supply() <= T::Cap::get(), "the supply exceeds the cap");
			for pool in PoolId::ALL {
				let state = Pools::<T>::get(pool).unwrap_or_default();
				ensure!(state.released <= state.allocation, "a pool released more than its allocation");
				ensure!(state.spent <= state.released, "a pool spent more than it released");
				ensure!(
					T::Currency::balance(&Self::account(pool)) >= state.allocation.saturating_sub(state.spent),
					"a pool's account holds less than its allocation less what it spent"
				);
			}
			let shares = T::Shares::get();
			ensure!(
				boost_is_safe(T::Boost::get(), shares.data, shares.treasury),
				"boost × data share is not below the treasury share"
			);
			Ok(())
		}
	}
}

impl<T: Config> DataRewards<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn reward(credits: &[(T::AccountId, BalanceOf<T>)], limit: BalanceOf<T>) -> BalanceOf<T> {
		let boost = Self::boost();
		if boost.is_zero() || credits.is_empty() || limit.is_zero() {
			return Zero::zero();
		}
		let pool = PoolId::Community;
		let mut state = Pools::<T>::get(pool).unwrap_or_default();
		let mut available = Self::available(pool, &state);
		let mut allowed = limit;
		let (mut paid, mut short, mut recipients) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero(), 0u32);
		for (who, credit) in credits {
			let due = boost.mul_floor(*credit).min(allowed);
			let amount = due.min(available);
			short = short.saturating_add(due.saturating_sub(amount));
			// an account the amount cannot reach (below the existential deposit) goes without
			if !amount.is_zero()
				&& T::Currency::transfer(&Self::account(pool), who, amount, Preservation::Preserve).is_ok()
			{
				available = available.saturating_sub(amount);
				allowed = allowed.saturating_sub(amount);
				paid = paid.saturating_add(amount);
				recipients = recipients.saturating_add(1);
			}
		}
		if !paid.is_zero() || !short.is_zero() {
			state.spent = state.spent.saturating_add(paid);
			Pools::<T>::insert(pool, state);
			Self::deposit_event(Event::DataRewarded { paid, recipients, short });
		}
		paid
	}

	fn weight(n: u32) -> Weight {
		T::WeightInfo::reward(n)
	}
}

/// Splits transaction fees between the block author and the treasury (see the crate docs).
pub struct DealWithFees<T>(core::marker::PhantomData<T>);

impl<T: Config> OnUnbalanced<Credit<T::AccountId, T::Currency>> for DealWithFees<T> {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<T::AccountId, T::Currency>>) {
		let Some(fees) = fees_then_tips.next() else { return };
		let author_part = T::AuthorFeeShare::get().mul_floor(fees.peek());
		let (mut to_author, to_treasury) = fees.split(author_part);
		for tip in fees_then_tips {
			to_author = to_author.merge(tip);
		}
		let to_treasury = match T::BlockAuthor::get() {
			Some(author) => match T::Currency::resolve(&author, to_author) {
				Ok(()) => to_treasury,
				Err(unpaid) => to_treasury.merge(unpaid),
			},
			None => to_treasury.merge(to_author),
		};
		// A treasury that cannot take the credit (reaped, and the credit below the existential
		// deposit) leaves it to the author rather than drop it; the runtime keeps its treasury
		// from being reaped, so that the fallback is never needed there.
		if let Err(unpaid) = T::Currency::resolve(&T::Treasury::get(), to_treasury) {
			if let Some(author) = T::BlockAuthor::get() {
				let _ = T::Currency::resolve(&author, unpaid);
			}
		}
	}
}
