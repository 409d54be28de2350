//! # Bridge
//!
//! ## Overview
//!
//! OPEN moves between Ethereum, where it is an ERC-20 token, and OpenLedger, where it is the
//! native token, by lock and release: the OPEN supply is capped, so neither side mints.
//!
//! - **Ethereum → OpenLedger.** A holder locks ERC-20 OPEN in the vault contract
//!   (`contracts/ethereum/OpenLedgerVault.sol`), which numbers the deposit. The committee signs
//!   a [`ReleaseOnOpenLedger`](eip712::RELEASE_ON_OPENLEDGER) message for it; anyone submits
//!   [`Pallet::release`] with at least `threshold` of the signatures, and the pallet pays the
//!   recipient from its reserve account. Each deposit number is released once.
//! - **OpenLedger → Ethereum.** A holder calls [`Pallet::lock`]: their OPEN moves into the
//!   reserve and the pallet numbers the lock ([`Event::Locked`]). The committee signs a
//!   [`ReleaseOnEthereum`](eip712::RELEASE_ON_ETHEREUM) message for it, which the vault checks
//!   before it pays out ERC-20 OPEN; the vault releases each number once.
//!
//! The reserve holds the OPEN that circulates on Ethereum; the vault holds the ERC-20 OPEN that
//! circulates here. A network starts with its reserve funded at genesis and its vault holding
//! as much ERC-20 OPEN as OpenLedger's genesis put in circulation outside the reserve; after
//! that every lock on one side is a release on the other, and the two supplies together stay
//! the cap.
//!
//! ## Trust
//!
//! Releases are attested by an M-of-N committee of Ethereum keys (ECDSA over secp256k1, so that
//! the vault checks them with `ecrecover`), not proven: the bridge is as safe as the committee.
//! `threshold` members who collude, or whose keys are stolen, can release OPEN that was never
//! locked, here and from the vault, and can hand the vault to a committee of their own (the
//! vault follows a committee change the current committee signs: it cannot see OpenLedger's
//! governance). Bounds on the damage: the threshold must be more than half of the committee;
//! each side releases at most a daily cap (here `MaxReleasePerPeriod` every `ReleasePeriod`
//! blocks, counted in fixed periods, so up to twice the cap across a period's end); each
//! transfer is at most `MaxTransfer`; and any one member can pause both sides (here
//! [`Pallet::pause`], lifted only when governance sets a committee; the vault's pause is lifted
//! only by its guardian), so a single honest member stops the theft. Replacing a committee here
//! takes a root referendum, days, not hours: the pause is what acts in hours.
//! A light client (each side verifying the other's consensus — GRANDPA finality proofs on
//! Ethereum, Ethereum's sync committee here) would remove the committee from the trust
//! assumption; it is not built.
//!
//! Signatures are EIP-712 typed data ([`eip712`]) bound to the Ethereum chain id, the vault's
//! address and this chain's genesis hash; `s` must be in the lower half of the curve's order
//! and signers must be listed in ascending address order, so that a signature set cannot be
//! replayed on another chain, vault or deposit, nor padded with copies.
//!
//! ## Calls
//!
//! - `lock(recipient, amount)` — signed: moves `amount` into the reserve for `recipient` on
//!   Ethereum.
//! - `release(nonce, recipient, amount, signatures)` — anyone: pays a vault deposit out of the
//!   reserve, given the committee's signatures. A valid release pays no fee (so that a relayer
//!   can carry a new account's first OPEN); an invalid one pays.
//! - `set_committee(members, threshold)` — `AdminOrigin` (governance): the next epoch's
//!   committee; the vault follows when the old committee signs a
//!   [`CommitteeChange`](eip712::COMMITTEE_CHANGE) for it. An empty committee closes the bridge.
//! - `set_vault(chain_id, vault)` — `AdminOrigin`: the Ethereum chain and vault the signatures
//!   are bound to. A new vault numbers its deposits from zero: they are kept apart by vault.
//! - `pause(signature)` — anyone, with one committee member's signature: stops locks and
//!   releases until `AdminOrigin` sets a committee.
//!
//! ## Storage growth
//!
//! Released deposit numbers are kept forever (replay protection), by vault, as bits: 16 bytes
//! and a key per 128 consecutive deposits. Locks are events only (each names its vault).
//!
//! ## Assumptions
//!
//! - The committee is strictly ascending, without the zero address, at most `MaxMembers`, and
//!   its threshold is more than half of it and at most all of it (zero only for an empty one).
//! - What this period released is within `MaxReleasePerPeriod`.
//!
//! `try_state` checks these.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

pub mod eip712;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

// FRAME's macros expand to `expect` in generated code; our own code denies it again below.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::{eip712, WeightInfo};
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::{Fortitude, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::{H160, H256};
	use sp_runtime::traits::{AccountIdConversion, CheckedDiv, Saturating, Zero};

	/// An amount of OPEN.
	pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A committee member's signature: `r ‖ s ‖ v`, as Ethereum wallets make it.
	pub type Signature = [u8; 65];

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// OPEN.
		type Currency: Mutate<Self::AccountId, Balance: Into<u128>>;

		/// The reserve's account derives from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Who sets the committee and the vault: governance.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most committee members (and so signatures in a release).
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// The least a transfer moves either way (at least the existential deposit, so that a
		/// release can open its recipient's account).
		#[pallet::constant]
		type MinTransfer: Get<BalanceOf<Self>>;

		/// The most a transfer moves either way.
		#[pallet::constant]
		type MaxTransfer: Get<BalanceOf<Self>>;

		/// The length, in blocks, of the periods releases are counted over.
		#[pallet::constant]
		type ReleasePeriod: Get<BlockNumberFor<Self>>;

		/// The most the reserve releases in a period: what a committee that turned bad can take
		/// before governance replaces it.
		#[pallet::constant]
		type MaxReleasePerPeriod: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The committee's Ethereum addresses, strictly ascending.
	#[pallet::storage]
	pub type Committee<T: Config> = StorageValue<_, BoundedVec<H160, T::MaxMembers>, ValueQuery>;

	/// How many of the committee must sign a release.
	#[pallet::storage]
	pub type Threshold<T> = StorageValue<_, u32, ValueQuery>;

	/// The committee's epoch: one more with every change.
	#[pallet::storage]
	pub type Epoch<T> = StorageValue<_, u64, ValueQuery>;

	/// The Ethereum chain and vault signatures are bound to; none: the bridge is not open.
	#[pallet::storage]
	pub type Vault<T> = StorageValue<_, (u64, H160)>;

	/// The vault deposits released here, by vault, 128 numbers a page: bit `n % 128` of page
	/// `n / 128` (a new vault numbers its deposits from zero again).
	#[pallet::storage]
	pub type Released<T> = StorageDoubleMap<_, Twox64Concat, H160, Twox64Concat, u64, u128, ValueQuery>;

	/// Whether a committee member paused the bridge: nothing is locked or released until root
	/// sets a committee.
	#[pallet::storage]
	pub type Paused<T> = StorageValue<_, bool, ValueQuery>;

	/// The number the next lock gets.
	#[pallet::storage]
	pub type NextLock<T> = StorageValue<_, u64, ValueQuery>;

	/// The current release period (its first block divided by `ReleasePeriod`) and what it has
	/// released.
	#[pallet::storage]
	pub type PeriodReleased<T: Config> = StorageValue<_, (BlockNumberFor<T>, BalanceOf<T>), ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first committee (strictly ascending) and its threshold; empty: closed.
		pub committee: Vec<H160>,
		/// How many of it must sign.
		pub threshold: u32,
		/// The Ethereum chain id and the vault's address.
		pub vault: Option<(u64, H160)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	#[deny(clippy::expect_used)]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Sets the first committee and vault. A committee that breaks the pallet's rules is
		/// refused.
		fn build(&self) {
			let members = Pallet::<T>::checked_committee(self.committee.clone(), self.threshold)
				.unwrap_or_else(|e| panic!("the bridge's genesis committee is invalid: {e:?}"));
			Committee::<T>::put(members);
			Threshold::<T>::put(self.threshold);
			if let Some(vault) = self.vault {
				Vault::<T>::put(vault);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// OPEN moved into the reserve, for the committee to release on Ethereum.
		Locked {
			/// The lock's number: the vault releases each once.
			nonce: u64,
			/// Who locked it.
			from: T::AccountId,
			/// Who receives it on Ethereum.
			recipient: H160,
			/// How much.
			amount: BalanceOf<T>,
			/// The vault that releases it: the committee signs its release for this vault only.
			vault: H160,
		},
		/// A vault deposit was paid out of the reserve.
		Released {
			/// The deposit's number in the vault.
			nonce: u64,
			/// Who received it.
			recipient: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// Governance chose a committee; the vault follows when the old committee signs the
		/// change.
		CommitteeChanged {
			/// Its epoch.
			epoch: u64,
			/// Its members, ascending.
			members: Vec<H160>,
			/// How many must sign.
			threshold: u32,
		},
		/// A committee member paused the bridge.
		BridgePaused {
			/// The member who signed the pause.
			by: H160,
		},
		/// Governance bound the signatures to an Ethereum chain and vault.
		VaultSet {
			/// The Ethereum chain id.
			chain_id: u64,
			/// The vault's address.
			vault: H160,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No vault is set: the bridge is not open.
		NoVault,
		/// The committee is empty: the bridge is closed.
		NoCommittee,
		/// Below `MinTransfer`.
		BelowMinimum,
		/// Above `MaxTransfer`.
		AboveMaximum,
		/// The zero address or account, the reserve or the vault receives nothing.
		ZeroRecipient,
		/// A committee member paused the bridge: root must set a committee first.
		Paused,
		/// A signature's `v` is not 27 or 28, its `s` is in the upper half of the order, or no key
		/// recovers from it.
		BadSignature,
		/// A signature is by someone outside the committee.
		NotMember,
		/// The signers are not in strictly ascending address order (or one signed twice).
		SignersNotAscending,
		/// Fewer signatures than the threshold.
		TooFewSignatures,
		/// More signatures than the committee has members.
		TooManySignatures,
		/// This deposit was released already.
		AlreadyReleased,
		/// The reserve has released `MaxReleasePerPeriod` this period: try in the next.
		PeriodLimitReached,
		/// The reserve holds less than the release, beyond its existential deposit.
		ReserveExhausted,
		/// More members than `MaxMembers`.
		TooManyMembers,
		/// The members are not strictly ascending, or one is the zero address.
		MembersNotAscending,
		/// The threshold is not more than half of the members and at most all of them.
		BadThreshold,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MinTransfer::get() >= T::Currency::minimum_balance(),
				"a release must be able to open its recipient's account"
			);
			assert!(T::MinTransfer::get() <= T::MaxTransfer::get(), "the transfer bounds must admit something");
			assert!(!T::ReleasePeriod::get().is_zero(), "a release period has blocks");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Moves `amount` (within `MinTransfer` and `MaxTransfer`) of the caller's OPEN into the
		/// reserve, for `recipient` on Ethereum: the committee signs its release from the vault
		/// under the number in [`Event::Locked`]. Refused while no vault or committee is set.
		/// The caller keeps their existential deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::lock())]
		pub fn lock(origin: OriginFor<T>, recipient: H160, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (_, vault) = Vault::<T>::get().ok_or(Error::<T>::NoVault)?;
			ensure!(!Paused::<T>::get(), Error::<T>::Paused);
			ensure!(!Committee::<T>::get().is_empty(), Error::<T>::NoCommittee);
			ensure!(!recipient.is_zero() && recipient != vault, Error::<T>::ZeroRecipient);
			Self::check_amount(amount)?;
			T::Currency::transfer(&who, &Self::reserve_account(), amount, Preservation::Preserve)?;
			let nonce = NextLock::<T>::get();
			NextLock::<T>::put(nonce.saturating_add(1));
			Self::deposit_event(Event::Locked { nonce, from: who, recipient, amount, vault });
			Ok(())
		}

		/// Pays vault deposit `nonce` — `amount` to the account whose 32 bytes are
		/// `recipient` — out of the reserve, given `signatures` of its
		/// [`ReleaseOnOpenLedger`](eip712::RELEASE_ON_OPENLEDGER) digest by at least `threshold`
		/// committee members in ascending address order. Anyone may submit it; a valid release
		/// pays no fee. Refused if the deposit was released already, the period's releases would
		/// pass `MaxReleasePerPeriod`, or the reserve cannot pay.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::release(signatures.len() as u32))]
		pub fn release(
			origin: OriginFor<T>,
			nonce: u64,
			recipient: [u8; 32],
			amount: BalanceOf<T>,
			signatures: Vec<Signature>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_release(nonce, recipient, amount, signatures)?;
			Ok(Pays::No.into())
		}

		/// Sets the committee (strictly ascending Ethereum addresses, none zero, at most
		/// `MaxMembers`) and its threshold (more than half of it, at most all of it; zero with no
		/// members, which closes the bridge), as the next epoch, and lifts a pause. `AdminOrigin`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_committee(members.len() as u32))]
		pub fn set_committee(origin: OriginFor<T>, members: Vec<H160>, threshold: u32) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let bounded = Self::checked_committee(members, threshold)?;
			let epoch = Epoch::<T>::get().saturating_add(1);
			let members = bounded.to_vec();
			Committee::<T>::put(bounded);
			Threshold::<T>::put(threshold);
			Epoch::<T>::put(epoch);
			Paused::<T>::kill();
			Self::deposit_event(Event::CommitteeChanged { epoch, members, threshold });
			Ok(())
		}

		/// Binds signatures to Ethereum chain `chain_id` and the vault at `vault`. `AdminOrigin`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_vault())]
		pub fn set_vault(origin: OriginFor<T>, chain_id: u64, vault: H160) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!vault.is_zero(), Error::<T>::ZeroRecipient);
			Vault::<T>::put((chain_id, vault));
			Self::deposit_event(Event::VaultSet { chain_id, vault });
			Ok(())
		}

		/// Pauses the bridge, given one committee member's signature of a
		/// [`Pause`](eip712::PAUSE) for the current epoch: the way an honest minority stops a
		/// threshold that turned bad before governance replaces it (setting a committee lifts the
		/// pause). Anyone may submit it; a valid pause pays no fee.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>, signature: Signature) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let digest = Self::pause_digest().ok_or(Error::<T>::NoVault)?;
			let by = eip712::signer(&digest, &signature).map_err(|_| Error::<T>::BadSignature)?;
			ensure!(Committee::<T>::get().binary_search(&by).is_ok(), Error::<T>::NotMember);
			ensure!(!Paused::<T>::get(), Error::<T>::Paused);
			Paused::<T>::put(true);
			Self::deposit_event(Event::BridgePaused { by });
			Ok(Pays::No.into())
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// The reserve: what circulates on Ethereum, held here.
		pub fn reserve_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// This chain's genesis hash, which every message carries.
		pub fn chain() -> H256 {
			let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			let mut bytes = [0u8; 32];
			let source = hash.as_ref();
			if let Some(target) = bytes.get_mut(..source.len().min(32)) {
				target.copy_from_slice(source.get(..target.len()).unwrap_or_default());
			}
			H256(bytes)
		}

		/// The digest the committee signs for vault deposit `nonce`, or `None` with no vault.
		pub fn release_digest(nonce: u64, recipient: [u8; 32], amount: BalanceOf<T>) -> Option<[u8; 32]> {
			Self::release_vault_digest(nonce, recipient, amount).map(|(_, digest)| digest)
		}

		/// The digest a committee member signs to pause the bridge in the current epoch, or `None`
		/// with no vault.
		pub fn pause_digest() -> Option<[u8; 32]> {
			Self::vault_digest(eip712::pause(Self::chain(), Epoch::<T>::get())).map(|(_, digest)| digest)
		}

		/// The vault, and [`Pallet::release_digest`] in its domain.
		fn release_vault_digest(nonce: u64, recipient: [u8; 32], amount: BalanceOf<T>) -> Option<(H160, [u8; 32])> {
			Self::vault_digest(eip712::release_on_openledger(Self::chain(), nonce, recipient, amount.into()))
		}

		/// The vault, and the digest of the message whose struct hash is `message` in the vault's
		/// domain; `None` with no vault.
		fn vault_digest(message: [u8; 32]) -> Option<(H160, [u8; 32])> {
			let (chain_id, vault) = Vault::<T>::get()?;
			Some((vault, eip712::Domain { chain_id, vault }.digest(message)))
		}

		/// `members` bounded, if they and `threshold` make a valid committee.
		pub(crate) fn checked_committee(
			members: Vec<H160>,
			threshold: u32,
		) -> Result<BoundedVec<H160, T::MaxMembers>, Error<T>> {
			let members: BoundedVec<H160, T::MaxMembers> =
				members.try_into().map_err(|_| Error::<T>::TooManyMembers)?;
			ensure!(
				members.first().is_none_or(|m| !m.is_zero())
					&& members.iter().zip(members.iter().skip(1)).all(|(a, b)| a < b),
				Error::<T>::MembersNotAscending
			);
			let len = members.len() as u32;
			let valid = if len == 0 { threshold == 0 } else { threshold <= len && threshold.saturating_mul(2) > len };
			ensure!(valid, Error::<T>::BadThreshold);
			Ok(members)
		}

		/// Where deposit `nonce` is marked released: its page, and its bit in the page.
		pub(crate) fn released_bit(nonce: u64) -> (u64, u128) {
			(
				nonce.checked_div(128).unwrap_or_default(),
				1u128.checked_shl((nonce.checked_rem(128).unwrap_or_default()) as u32).unwrap_or_default(),
			)
		}

		/// Within `MinTransfer` and `MaxTransfer`.
		fn check_amount(amount: BalanceOf<T>) -> DispatchResult {
			ensure!(amount >= T::MinTransfer::get(), Error::<T>::BelowMinimum);
			ensure!(amount <= T::MaxTransfer::get(), Error::<T>::AboveMaximum);
			Ok(())
		}

		/// Checks `signatures` over `digest`: each a committee member's, strictly ascending, at
		/// least `threshold` of them.
		fn check_signatures(digest: &[u8; 32], signatures: &[Signature]) -> DispatchResult {
			let committee = Committee::<T>::get();
			ensure!(!committee.is_empty(), Error::<T>::NoCommittee);
			ensure!(signatures.len() <= committee.len(), Error::<T>::TooManySignatures);
			ensure!(signatures.len() as u32 >= Threshold::<T>::get(), Error::<T>::TooFewSignatures);
			let mut last: Option<H160> = None;
			for signature in signatures {
				let signer = eip712::signer(digest, signature).map_err(|_| Error::<T>::BadSignature)?;
				ensure!(last.is_none_or(|l| l < signer), Error::<T>::SignersNotAscending);
				ensure!(committee.binary_search(&signer).is_ok(), Error::<T>::NotMember);
				last = Some(signer);
			}
			Ok(())
		}

		/// [`Pallet::release`], without the origin.
		pub(crate) fn do_release(
			nonce: u64,
			recipient: [u8; 32],
			amount: BalanceOf<T>,
			signatures: Vec<Signature>,
		) -> DispatchResult {
			let (vault, digest) = Self::release_vault_digest(nonce, recipient, amount).ok_or(Error::<T>::NoVault)?;
			ensure!(!Paused::<T>::get(), Error::<T>::Paused);
			Self::check_amount(amount)?;
			Self::check_signatures(&digest, &signatures)?;
			ensure!(recipient != [0u8; 32], Error::<T>::ZeroRecipient);
			let (page, bit) = Self::released_bit(nonce);
			let released = Released::<T>::get(vault, page);
			ensure!(released & bit == 0, Error::<T>::AlreadyReleased);
			let now = frame_system::Pallet::<T>::block_number();
			let period = now.checked_div(&T::ReleasePeriod::get()).unwrap_or_default();
			let (stored, so_far) = PeriodReleased::<T>::get();
			let so_far = if stored == period { so_far } else { Zero::zero() };
			let total = so_far.saturating_add(amount);
			ensure!(total <= T::MaxReleasePerPeriod::get(), Error::<T>::PeriodLimitReached);
			let reserve = Self::reserve_account();
			let available = T::Currency::reducible_balance(&reserve, Preservation::Preserve, Fortitude::Polite);
			ensure!(available >= amount, Error::<T>::ReserveExhausted);
			let who = T::AccountId::decode(&mut &recipient[..]).map_err(|_| Error::<T>::ZeroRecipient)?;
			ensure!(who != reserve, Error::<T>::ZeroRecipient);
			T::Currency::transfer(&reserve, &who, amount, Preservation::Preserve)?;
			Released::<T>::insert(vault, page, released | bit);
			PeriodReleased::<T>::put((period, total));
			Self::deposit_event(Event::Released { nonce, recipient: who, amount });
			Ok(())
		}

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let members = Committee::<T>::get().into_inner();
			ensure!(
				Self::checked_committee(members, Threshold::<T>::get()).is_ok(),
				"the committee or its threshold breaks the rules"
			);
			ensure!(PeriodReleased::<T>::get().1 <= T::MaxReleasePerPeriod::get(), "a period released past its bound");
			Ok(())
		}
	}
}
