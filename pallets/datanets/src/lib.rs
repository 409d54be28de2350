//! # Datanets
//!
//! ## Overview
//!
//! A datanet is a curated collection of data that models are trained on. Contributors submit
//! data with a deposit; the datanet's owner or curators review it; accepted data becomes part of
//! every version published afterwards; anyone may challenge accepted data, and an arbiter
//! decides. State holds only ids, owners, hashes, sizes, statuses and counters: an inline
//! payload is written to every node's off-chain index under its hash (the node indexes by
//! default), where attestors read it.
//!
//! ## Terminology
//!
//! - **Datanet**: owner, metadata (name, description, license), a [`DataKind`], a
//!   [`CurationPolicy`], a contribution deposit and up to `MaxCurators` curators.
//! - **Contribution**: a payload (at most `MaxPayloadLen` bytes, written to the off-chain index
//!   under its BLAKE2b-256 hash) or a reference `(hash, size, uri)` to a larger artefact. A
//!   datanet refuses a hash it already holds.
//! - **Payload formats**: `Text` — UTF-8. `Tabular { features, classes }` — one or more
//!   examples back to back, each a little-endian `u32` label below `classes` followed by
//!   `features` little-endian IEEE-754 `f32` values, all finite: `4 × (1 + features)` bytes per
//!   example, no header. In JavaScript: `new DataView(buf).setUint32(o, label, true)` and
//!   `setFloat32(o + 4 + 4 * k, x[k], true)`.
//! - **Member**: an accepted contribution that has not been removed.
//! - **Version**: an immutable snapshot — the members with an index below the then next index,
//!   their count, the Merkle root over them ([`merkle`]) and the block. Models train on
//!   versions.
//! - **Challenge**: a bonded claim that an accepted contribution is bad, resolved by the
//!   arbiter origin.
//!
//! ## Calls
//!
//! - `create_datanet`, `update_metadata`, `set_curators` — the owner's.
//! - `contribute(datanet, payload)`, `contribute_reference(datanet, hash, size, uri)` — anyone;
//!   the datanet's contribution deposit is held until review (under the open policy a
//!   contribution is accepted when submitted, and nothing is held).
//! - `review(datanet, index, accept)` — owner or curator: accepting releases the deposit,
//!   rejecting transfers it to `SlashDestination` (the treasury).
//! - `withdraw(datanet, index)` — the contributor, while pending: the deposit is released.
//! - `publish_version(datanet)` — owner or curator, when the members changed since the last
//!   version.
//! - `challenge(datanet, index, evidence)` — anyone, on a member, holding `ChallengeBond`.
//! - `resolve_challenge(challenge, upheld)` — `ArbiterOrigin`. Upheld: the contribution is
//!   removed (out of later versions and later attribution payouts), the challenger's bond is
//!   released, and the contributor pays the challenger the contribution's deposit plus
//!   `ChallengePenalty` from their free balance — as much of it as they have, since their
//!   deposit was released at acceptance. Rejected: the bond goes to `SlashDestination`.
//!
//! ## Assumptions
//!
//! - Every pending contribution's deposit, every open challenge's bond and every datanet's
//!   creation deposit is on hold under this pallet's hold reasons, and nothing else is.
//! - A datanet's counters match its contributions' statuses; its root is the Merkle root of its
//!   members; every non-withdrawn contribution is indexed by its hash.
//! - A datanet holds at most `2^MERKLE_DEPTH` contributions.
//!
//! `try_state` checks all of these.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod merkle;
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
	api::{ContributionView, DatanetView, MAX_CONTRIBUTIONS_PAGE},
	datanets::{
		ContributionIndex, ContributionStatus, DataKind, DatanetId, DatanetVersions, Version, VersionNumber,
		VersionSummary, MERKLE_DEPTH,
	},
};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Preservation, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::datanets::{Counters, CurationPolicy};
	use sp_core::H256;
	use sp_runtime::traits::{Saturating, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A datanet's creation deposit, held from its owner while it exists.
		DatanetDeposit,
		/// A pending contribution's deposit, held from its contributor until review.
		ContributionDeposit,
		/// A challenge's bond, held from its challenger until resolution.
		ChallengeBond,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits and bonds are held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where rejected contributions' deposits and rejected challenges' bonds go (the
		/// treasury).
		type SlashDestination: Get<Self::AccountId>;

		/// Who resolves challenges (in the runtime: the arbiter track of governance, or root).
		type ArbiterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What creating a datanet holds from its owner.
		#[pallet::constant]
		type DatanetDeposit: Get<BalanceOf<Self>>;

		/// What a challenge holds from its challenger.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// What an upheld challenge takes from the contributor for the challenger, beyond the
		/// contribution's deposit.
		#[pallet::constant]
		type ChallengePenalty: Get<BalanceOf<Self>>;

		/// The largest inline payload, in bytes.
		#[pallet::constant]
		type MaxPayloadLen: Get<u32>;

		/// The longest datanet name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest datanet description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest license name, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// The longest URI of a referenced artefact, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// The most curators a datanet has.
		#[pallet::constant]
		type MaxCurators: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next datanet gets.
	#[pallet::storage]
	pub type NextDatanetId<T> = StorageValue<_, DatanetId, ValueQuery>;

	/// Datanets by id.
	#[pallet::storage]
	pub type Datanets<T: Config> = StorageMap<_, Blake2_128Concat, DatanetId, Datanet<T>>;

	/// Contributions by datanet and index.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, ContributionIndex, Contribution<T>>;

	/// The index of the contribution of each content hash a datanet holds (all but withdrawn
	/// contributions).
	#[pallet::storage]
	pub type ContributionByHash<T> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Identity, H256, ContributionIndex>;

	/// Published versions by datanet and number (from 1).
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, VersionNumber, Version<BlockNumberFor<T>>>;

	/// The non-empty nodes of each datanet's Merkle tree, by (height, position).
	#[pallet::storage]
	pub type MerkleNodes<T> = StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, (u8, u32), H256>;

	/// Per contributor, across datanets: accepted, rejected and removed counts.
	#[pallet::storage]
	pub type ContributorStats<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Counters, ValueQuery>;

	/// The id the next challenge gets.
	#[pallet::storage]
	pub type NextChallengeId<T> = StorageValue<_, ChallengeId, ValueQuery>;

	/// Open challenges by id.
	#[pallet::storage]
	pub type Challenges<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, Challenge<T>>;

	/// The open challenge of a contribution, if any.
	#[pallet::storage]
	pub type ChallengeOf<T> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, ContributionIndex, ChallengeId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A datanet was created.
		DatanetCreated { datanet: DatanetId, owner: T::AccountId, kind: DataKind, policy: CurationPolicy },
		/// A datanet's name, description or license changed.
		MetadataUpdated { datanet: DatanetId },
		/// A datanet's curators were replaced.
		CuratorsSet { datanet: DatanetId, curators: BoundedVec<T::AccountId, T::MaxCurators> },
		/// A contribution was submitted (and, under the open policy, accepted in the same call).
		ContributionSubmitted {
			datanet: DatanetId,
			index: ContributionIndex,
			contributor: T::AccountId,
			hash: H256,
			size: u64,
		},
		/// A contribution became a member; `reviewer` is `None` under the open policy.
		ContributionAccepted {
			datanet: DatanetId,
			index: ContributionIndex,
			contributor: T::AccountId,
			reviewer: Option<T::AccountId>,
		},
		/// A contribution was rejected and its deposit slashed to the slash destination.
		ContributionRejected {
			datanet: DatanetId,
			index: ContributionIndex,
			contributor: T::AccountId,
			reviewer: T::AccountId,
			slashed: BalanceOf<T>,
		},
		/// A pending contribution was withdrawn and its deposit released.
		ContributionWithdrawn { datanet: DatanetId, index: ContributionIndex, contributor: T::AccountId },
		/// A version was published.
		VersionPublished { datanet: DatanetId, version: VersionNumber, contributions: u32, root: H256 },
		/// A member was challenged.
		ChallengeOpened {
			challenge: ChallengeId,
			datanet: DatanetId,
			index: ContributionIndex,
			challenger: T::AccountId,
			evidence: H256,
		},
		/// A challenge was upheld: the contribution was removed and its contributor paid the
		/// challenger `paid`.
		ChallengeUpheld {
			challenge: ChallengeId,
			datanet: DatanetId,
			index: ContributionIndex,
			challenger: T::AccountId,
			paid: BalanceOf<T>,
		},
		/// A challenge was rejected and its bond slashed to the slash destination.
		ChallengeRejected { challenge: ChallengeId, challenger: T::AccountId, slashed: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No datanet has this id.
		UnknownDatanet,
		/// The datanet has no contribution at this index.
		UnknownContribution,
		/// No open challenge has this id.
		UnknownChallenge,
		/// Only the datanet's owner may do this.
		NotOwner,
		/// Only the datanet's owner or a curator may do this.
		NotCurator,
		/// Only the contribution's contributor may do this.
		NotContributor,
		/// The contribution is not pending: it has been reviewed or withdrawn.
		NotPending,
		/// The contribution is not a member (accepted and not removed).
		NotMember,
		/// The contribution already has an open challenge.
		AlreadyChallenged,
		/// The payload is larger than `MaxPayloadLen`.
		PayloadTooLarge,
		/// The payload (or referenced artefact) is empty.
		EmptyPayload,
		/// A tabular payload is not a whole number of examples of the datanet's width.
		MalformedExamples,
		/// A tabular example's label is not below the datanet's class count.
		LabelOutOfRange,
		/// A tabular example holds a NaN or infinite value.
		NonFiniteFeature,
		/// A text payload is not UTF-8.
		InvalidUtf8,
		/// The datanet already holds content with this hash.
		DuplicateContribution,
		/// The datanet holds the most contributions it can (`2^MERKLE_DEPTH`).
		DatanetFull,
		/// The members have not changed since the last version.
		NothingNew,
		/// A datanet needs a name.
		EmptyName,
		/// A tabular datanet needs at least one feature and two classes.
		InvalidKind,
		/// An account is listed twice among the curators.
		DuplicateCurator,
		/// A counter would overflow.
		Overflow,
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
		/// Creates a datanet owned by the caller, holding `DatanetDeposit` from them.
		///
		/// `contribution_deposit` is what each contribution holds until it is reviewed; under
		/// `Open` policy contributions are accepted (and the deposit released) at once.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_datanet())]
		pub fn create_datanet(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			license: BoundedVec<u8, T::MaxLicenseLen>,
			kind: DataKind,
			policy: CurationPolicy,
			contribution_deposit: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			if let DataKind::Tabular { features, classes } = kind {
				ensure!(features > 0 && classes >= 2, Error::<T>::InvalidKind);
			}
			let id = NextDatanetId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let deposit = T::DatanetDeposit::get();
			T::Currency::hold(&HoldReason::DatanetDeposit.into(), &owner, deposit)?;
			Datanets::<T>::insert(
				id,
				Datanet {
					owner: owner.clone(),
					name,
					description,
					license,
					kind,
					policy,
					contribution_deposit,
					curators: BoundedVec::new(),
					deposit,
					next_index: 0,
					pending: 0,
					members: 0,
					counters: Counters::default(),
					versions: 0,
					root: merkle::empty_root(),
				},
			);
			NextDatanetId::<T>::put(next);
			Self::deposit_event(Event::DatanetCreated { datanet: id, owner, kind, policy });
			Ok(())
		}

		/// Replaces a datanet's name, description and license. Owner only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			datanet: DatanetId,
			name: BoundedVec<u8, T::MaxNameLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			license: BoundedVec<u8, T::MaxLicenseLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			Datanets::<T>::try_mutate(datanet, |d| {
				let d = d.as_mut().ok_or(Error::<T>::UnknownDatanet)?;
				ensure!(d.owner == who, Error::<T>::NotOwner);
				d.name = name;
				d.description = description;
				d.license = license;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::MetadataUpdated { datanet });
			Ok(())
		}

		/// Replaces a datanet's curators. Owner only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_curators(curators.len() as u32))]
		pub fn set_curators(
			origin: OriginFor<T>,
			datanet: DatanetId,
			curators: BoundedVec<T::AccountId, T::MaxCurators>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			for (i, c) in curators.iter().enumerate() {
				ensure!(!curators.iter().skip(i.saturating_add(1)).any(|o| o == c), Error::<T>::DuplicateCurator);
			}
			Datanets::<T>::try_mutate(datanet, |d| {
				let d = d.as_mut().ok_or(Error::<T>::UnknownDatanet)?;
				ensure!(d.owner == who, Error::<T>::NotOwner);
				d.curators = curators.clone();
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::CuratorsSet { datanet, curators });
			Ok(())
		}

		/// Contributes `payload` to a datanet: validates it against the datanet's kind (see
		/// the crate docs for the byte formats), writes it to the off-chain index under its
		/// BLAKE2b-256 hash and holds the datanet's contribution deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::contribute(payload.len() as u32))]
		pub fn contribute(origin: OriginFor<T>, datanet: DatanetId, payload: Vec<u8>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(payload.len() <= T::MaxPayloadLen::get() as usize, Error::<T>::PayloadTooLarge);
			let d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			Self::validate(&d.kind, &payload)?;
			let hash = H256(sp_io::hashing::blake2_256(&payload));
			Self::submit(who, datanet, d, hash, payload.len() as u64, None)?;
			sp_io::offchain_index::set(hash.as_bytes(), &payload);
			Ok(())
		}

		/// Contributes an artefact too large for a block by reference: its BLAKE2b-256 `hash`,
		/// its `size` in bytes and where to fetch it. Attestors fetch it and check the hash.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::contribute_reference())]
		pub fn contribute_reference(
			origin: OriginFor<T>,
			datanet: DatanetId,
			hash: H256,
			size: u64,
			uri: BoundedVec<u8, T::MaxUriLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(size > 0, Error::<T>::EmptyPayload);
			let d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			Self::submit(who, datanet, d, hash, size, Some(uri))
		}

		/// Accepts or rejects a pending contribution. Owner or curator only. Accepting
		/// releases the deposit and makes the contribution a member; rejecting transfers the
		/// deposit to the slash destination.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::review_accept().max(T::WeightInfo::review_reject()))]
		pub fn review(
			origin: OriginFor<T>,
			datanet: DatanetId,
			index: ContributionIndex,
			accept: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			ensure!(d.may_curate(&who), Error::<T>::NotCurator);
			let mut c = Contributions::<T>::get(datanet, index).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(c.status == ContributionStatus::Pending, Error::<T>::NotPending);
			d.pending = d.pending.saturating_sub(1);
			if accept {
				if !c.deposit.is_zero() {
					T::Currency::release(
						&HoldReason::ContributionDeposit.into(),
						&c.contributor,
						c.deposit,
						Precision::BestEffort,
					)?;
				}
				c.deposit = Zero::zero();
				Self::accept(datanet, index, &mut d, &mut c, Some(who))?;
			} else {
				let slashed = if c.deposit.is_zero() {
					Zero::zero()
				} else {
					T::Currency::transfer_on_hold(
						&HoldReason::ContributionDeposit.into(),
						&c.contributor,
						&T::SlashDestination::get(),
						c.deposit,
						Precision::BestEffort,
						Restriction::Free,
						Fortitude::Force,
					)?
				};
				c.deposit = Zero::zero();
				c.status = ContributionStatus::Rejected;
				d.counters.rejected = d.counters.rejected.saturating_add(1);
				ContributorStats::<T>::mutate(&c.contributor, |s| s.rejected = s.rejected.saturating_add(1));
				Self::deposit_event(Event::ContributionRejected {
					datanet,
					index,
					contributor: c.contributor.clone(),
					reviewer: who,
					slashed,
				});
			}
			Contributions::<T>::insert(datanet, index, c);
			Datanets::<T>::insert(datanet, d);
			Ok(())
		}

		/// Withdraws a pending contribution, releasing its deposit. Its content may be
		/// contributed again. The contributor only.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, datanet: DatanetId, index: ContributionIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			let mut c = Contributions::<T>::get(datanet, index).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(c.contributor == who, Error::<T>::NotContributor);
			ensure!(c.status == ContributionStatus::Pending, Error::<T>::NotPending);
			if !c.deposit.is_zero() {
				T::Currency::release(&HoldReason::ContributionDeposit.into(), &who, c.deposit, Precision::BestEffort)?;
			}
			c.deposit = Zero::zero();
			c.status = ContributionStatus::Withdrawn;
			d.pending = d.pending.saturating_sub(1);
			ContributionByHash::<T>::remove(datanet, c.hash);
			Contributions::<T>::insert(datanet, index, c);
			Datanets::<T>::insert(datanet, d);
			Self::deposit_event(Event::ContributionWithdrawn { datanet, index, contributor: who });
			Ok(())
		}

		/// Publishes a version: the current members, their count and Merkle root, and this
		/// block. Owner or curator only; fails if the members are those of the last version.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::publish_version())]
		pub fn publish_version(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			ensure!(d.may_curate(&who), Error::<T>::NotCurator);
			let unchanged = match Versions::<T>::get(datanet, d.versions) {
				Some(last) => last.root == d.root,
				None => d.members == 0,
			};
			ensure!(!unchanged, Error::<T>::NothingNew);
			let number = d.versions.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let version = Version {
				bound: d.next_index,
				contributions: d.members,
				root: d.root,
				block: frame_system::Pallet::<T>::block_number(),
			};
			Versions::<T>::insert(datanet, number, version);
			d.versions = number;
			let (contributions, root) = (d.members, d.root);
			Datanets::<T>::insert(datanet, d);
			Self::deposit_event(Event::VersionPublished { datanet, version: number, contributions, root });
			Ok(())
		}

		/// Challenges a member's quality, holding `ChallengeBond`. `evidence` is the hash of the
		/// evidence the challenger keeps off chain for the arbiter.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(
			origin: OriginFor<T>,
			datanet: DatanetId,
			index: ContributionIndex,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Datanets::<T>::contains_key(datanet), Error::<T>::UnknownDatanet);
			let c = Contributions::<T>::get(datanet, index).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(c.status == ContributionStatus::Accepted, Error::<T>::NotMember);
			ensure!(!ChallengeOf::<T>::contains_key(datanet, index), Error::<T>::AlreadyChallenged);
			let id = NextChallengeId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let bond = T::ChallengeBond::get();
			T::Currency::hold(&HoldReason::ChallengeBond.into(), &who, bond)?;
			Challenges::<T>::insert(id, Challenge { datanet, index, challenger: who.clone(), evidence, bond });
			ChallengeOf::<T>::insert(datanet, index, id);
			NextChallengeId::<T>::put(next);
			Self::deposit_event(Event::ChallengeOpened { challenge: id, datanet, index, challenger: who, evidence });
			Ok(())
		}

		/// Resolves a challenge. Arbiter only. See the crate docs for what each outcome moves.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::resolve_challenge_upheld().max(T::WeightInfo::resolve_challenge_rejected()))]
		pub fn resolve_challenge(origin: OriginFor<T>, challenge: ChallengeId, upheld: bool) -> DispatchResult {
			T::ArbiterOrigin::ensure_origin(origin)?;
			let ch = Challenges::<T>::get(challenge).ok_or(Error::<T>::UnknownChallenge)?;
			let reason = HoldReason::ChallengeBond.into();
			if upheld {
				let mut d = Datanets::<T>::get(ch.datanet).ok_or(Error::<T>::UnknownDatanet)?;
				let mut c = Contributions::<T>::get(ch.datanet, ch.index).ok_or(Error::<T>::UnknownContribution)?;
				T::Currency::release(&reason, &ch.challenger, ch.bond, Precision::BestEffort)?;
				// The contributor's deposit was released at acceptance: they pay it again, with
				// the penalty, from what they have.
				let owed = d.contribution_deposit.saturating_add(T::ChallengePenalty::get());
				let available =
					T::Currency::reducible_balance(&c.contributor, Preservation::Expendable, Fortitude::Polite);
				let paid = owed.min(available);
				if !paid.is_zero() {
					T::Currency::transfer(&c.contributor, &ch.challenger, paid, Preservation::Expendable)?;
				}
				c.status = ContributionStatus::Removed;
				c.removed_at = Some(frame_system::Pallet::<T>::block_number());
				d.members = d.members.saturating_sub(1);
				d.counters.removed = d.counters.removed.saturating_add(1);
				d.root = merkle::set_leaf::<T>(ch.datanet, ch.index, H256::zero());
				ContributorStats::<T>::mutate(&c.contributor, |s| s.removed = s.removed.saturating_add(1));
				Contributions::<T>::insert(ch.datanet, ch.index, c);
				Datanets::<T>::insert(ch.datanet, d);
				Self::deposit_event(Event::ChallengeUpheld {
					challenge,
					datanet: ch.datanet,
					index: ch.index,
					challenger: ch.challenger,
					paid,
				});
			} else {
				let slashed = T::Currency::transfer_on_hold(
					&reason,
					&ch.challenger,
					&T::SlashDestination::get(),
					ch.bond,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?;
				Self::deposit_event(Event::ChallengeRejected { challenge, challenger: ch.challenger, slashed });
			}
			Challenges::<T>::remove(challenge);
			ChallengeOf::<T>::remove(ch.datanet, ch.index);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks a payload against the datanet's kind.
		pub fn validate(kind: &DataKind, payload: &[u8]) -> DispatchResult {
			ensure!(!payload.is_empty(), Error::<T>::EmptyPayload);
			match *kind {
				DataKind::Text => {
					core::str::from_utf8(payload).map_err(|_| Error::<T>::InvalidUtf8)?;
				},
				DataKind::Tabular { features, classes } => {
					let width = (features as usize).saturating_add(1).saturating_mul(4);
					ensure!(width > 4 && payload.len() % width == 0, Error::<T>::MalformedExamples);
					for example in payload.chunks_exact(width) {
						let mut words = example.chunks_exact(4).map(|w| {
							let mut bytes = [0u8; 4];
							bytes.copy_from_slice(w);
							bytes
						});
						let label = words.next().map(u32::from_le_bytes).ok_or(Error::<T>::MalformedExamples)?;
						ensure!(label < classes, Error::<T>::LabelOutOfRange);
						ensure!(words.all(|w| f32::from_le_bytes(w).is_finite()), Error::<T>::NonFiniteFeature);
					}
				},
			}
			Ok(())
		}

		/// Records a new contribution, holding its deposit (and accepting it at once under the
		/// open policy).
		fn submit(
			who: T::AccountId,
			datanet: DatanetId,
			mut d: Datanet<T>,
			hash: H256,
			size: u64,
			uri: Option<BoundedVec<u8, T::MaxUriLen>>,
		) -> DispatchResult {
			ensure!(!ContributionByHash::<T>::contains_key(datanet, hash), Error::<T>::DuplicateContribution);
			let index = d.next_index;
			ensure!(u64::from(index) < 1u64 << MERKLE_DEPTH, Error::<T>::DatanetFull);
			d.next_index = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let mut c = Contribution {
				contributor: who.clone(),
				hash,
				size,
				uri,
				status: ContributionStatus::Pending,
				deposit: Zero::zero(),
				submitted_at: frame_system::Pallet::<T>::block_number(),
				accepted_at: None,
				removed_at: None,
			};
			ContributionByHash::<T>::insert(datanet, hash, index);
			Self::deposit_event(Event::ContributionSubmitted { datanet, index, contributor: who.clone(), hash, size });
			match d.policy {
				CurationPolicy::Open => Self::accept(datanet, index, &mut d, &mut c, None)?,
				CurationPolicy::Curated => {
					T::Currency::hold(&HoldReason::ContributionDeposit.into(), &who, d.contribution_deposit)?;
					c.deposit = d.contribution_deposit;
					d.pending = d.pending.saturating_add(1);
				},
			}
			Contributions::<T>::insert(datanet, index, c);
			Datanets::<T>::insert(datanet, d);
			Ok(())
		}

		/// Makes a contribution a member: status, counters, Merkle root.
		fn accept(
			datanet: DatanetId,
			index: ContributionIndex,
			d: &mut Datanet<T>,
			c: &mut Contribution<T>,
			reviewer: Option<T::AccountId>,
		) -> DispatchResult {
			c.status = ContributionStatus::Accepted;
			c.accepted_at = Some(frame_system::Pallet::<T>::block_number());
			d.members = d.members.checked_add(1).ok_or(Error::<T>::Overflow)?;
			d.counters.accepted = d.counters.accepted.saturating_add(1);
			d.root = merkle::set_leaf::<T>(datanet, index, c.hash);
			ContributorStats::<T>::mutate(&c.contributor, |s| s.accepted = s.accepted.saturating_add(1));
			Self::deposit_event(Event::ContributionAccepted {
				datanet,
				index,
				contributor: c.contributor.clone(),
				reviewer,
			});
			Ok(())
		}

		/// Whether contribution `c` belongs to version `v`: below its bound, accepted by its
		/// block and not removed by then.
		pub fn in_version(c: &Contribution<T>, index: ContributionIndex, v: &Version<BlockNumberFor<T>>) -> bool {
			index < v.bound
				&& c.accepted_at.is_some_and(|at| at <= v.block)
				&& c.removed_at.is_none_or(|at| at > v.block)
		}

		/// The datanet `id` as the runtime API shows it.
		pub fn datanet_view(id: DatanetId) -> Option<DatanetView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let d = Datanets::<T>::get(id)?;
			let versions =
				(1..=d.versions).filter_map(|v| Versions::<T>::get(id, v).map(|version| (v, version))).collect();
			Some(DatanetView {
				id,
				owner: d.owner,
				name: d.name.into_inner(),
				description: d.description.into_inner(),
				license: d.license.into_inner(),
				kind: d.kind,
				policy: d.policy,
				contribution_deposit: d.contribution_deposit,
				curators: d.curators.into_inner(),
				submitted: d.next_index,
				pending: d.pending,
				members: d.members,
				counters: d.counters,
				root: d.root,
				versions,
			})
		}

		/// Up to `count` (at most [`MAX_CONTRIBUTIONS_PAGE`]) contributions of `datanet` from
		/// index `start` on, as the runtime API shows them.
		pub fn contributions_view(
			datanet: DatanetId,
			start: ContributionIndex,
			count: u32,
		) -> Vec<ContributionView<T::AccountId, BlockNumberFor<T>>> {
			let end = start.saturating_add(count.min(MAX_CONTRIBUTIONS_PAGE));
			(start..end)
				.map_while(|index| {
					Contributions::<T>::get(datanet, index).map(|c| ContributionView {
						index,
						contributor: c.contributor,
						hash: c.hash,
						size: c.size,
						uri: c.uri.map(|u| u.into_inner()),
						status: c.status,
						submitted_at: c.submitted_at,
						accepted_at: c.accepted_at,
						removed_at: c.removed_at,
					})
				})
				.collect()
		}

		/// The contributors of the contributions in `version` of `datanet` (one entry per
		/// contribution). Reads every contribution below the version's bound: for queries, not
		/// for block execution.
		pub fn version_contributors(datanet: DatanetId, version: VersionNumber) -> Vec<T::AccountId> {
			let Some(v) = Versions::<T>::get(datanet, version) else { return Vec::new() };
			Contributions::<T>::iter_prefix(datanet)
				.filter(|(index, c)| Self::in_version(c, *index, &v))
				.map(|(_, c)| c.contributor)
				.collect()
		}

		/// Checks the assumptions of the crate docs.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			let mut held: BTreeMap<(T::AccountId, u8), BalanceOf<T>> = BTreeMap::new();
			let mut add = |who: &T::AccountId, reason: u8, amount: BalanceOf<T>| {
				let slot = held.entry((who.clone(), reason)).or_default();
				*slot = slot.saturating_add(amount);
			};
			let mut stats: BTreeMap<T::AccountId, Counters> = BTreeMap::new();
			let mut datanets = 0u32;
			for (id, d) in Datanets::<T>::iter() {
				datanets = datanets.saturating_add(1);
				add(&d.owner, 0, d.deposit);
				let (mut pending, mut members, mut rejected, mut removed, mut count) = (0u32, 0u32, 0u32, 0u32, 0u32);
				let mut leaves = alloc::vec::Vec::new();
				for (index, c) in Contributions::<T>::iter_prefix(id) {
					count = count.saturating_add(1);
					ensure!(index < d.next_index, "a contribution index beyond the next index");
					let s = stats.entry(c.contributor.clone()).or_default();
					match c.status {
						ContributionStatus::Pending => {
							pending = pending.saturating_add(1);
							add(&c.contributor, 1, c.deposit);
						},
						ContributionStatus::Accepted => {
							members = members.saturating_add(1);
							s.accepted = s.accepted.saturating_add(1);
							leaves.push((index, c.hash));
						},
						ContributionStatus::Rejected => {
							rejected = rejected.saturating_add(1);
							s.rejected = s.rejected.saturating_add(1);
						},
						ContributionStatus::Removed => {
							removed = removed.saturating_add(1);
							s.accepted = s.accepted.saturating_add(1);
							s.removed = s.removed.saturating_add(1);
						},
						ContributionStatus::Withdrawn => {},
					}
					if c.status != ContributionStatus::Pending {
						ensure!(c.deposit.is_zero(), "a deposit recorded on a reviewed contribution");
					}
					let indexed = ContributionByHash::<T>::get(id, c.hash);
					if c.status == ContributionStatus::Withdrawn {
						ensure!(indexed != Some(index), "a withdrawn contribution still indexed by hash");
					} else {
						ensure!(indexed == Some(index), "a contribution not indexed by its hash");
					}
				}
				ensure!(count == d.next_index, "contributions missing below the next index");
				ensure!(pending == d.pending, "pending count");
				ensure!(members == d.members, "member count");
				ensure!(rejected == d.counters.rejected, "rejected count");
				ensure!(removed == d.counters.removed, "removed count");
				ensure!(members.saturating_add(removed) == d.counters.accepted, "accepted count");
				ensure!(merkle::root_of(leaves) == d.root, "the Merkle root does not match the members");
				ensure!(Versions::<T>::iter_prefix(id).count() as u32 == d.versions, "version count");
			}
			ensure!(
				Datanets::<T>::iter_keys().all(|id| id < NextDatanetId::<T>::get()),
				"a datanet id beyond the next id"
			);
			ensure!(datanets == Datanets::<T>::iter_keys().count() as u32, "datanet count");
			for (id, c) in Challenges::<T>::iter() {
				add(&c.challenger, 2, c.bond);
				ensure!(ChallengeOf::<T>::get(c.datanet, c.index) == Some(id), "a challenge not indexed");
			}
			for (account, s) in ContributorStats::<T>::iter() {
				ensure!(stats.remove(&account).unwrap_or_default() == s, "contributor counters");
			}
			ensure!(stats.values().all(|s| *s == Counters::default()), "contributor counters missing");
			let reasons: [(u8, T::RuntimeHoldReason); 3] = [
				(0, HoldReason::DatanetDeposit.into()),
				(1, HoldReason::ContributionDeposit.into()),
				(2, HoldReason::ChallengeBond.into()),
			];
			let accounts: alloc::collections::BTreeSet<T::AccountId> = held.keys().map(|(a, _)| a.clone()).collect();
			for account in accounts {
				for (code, reason) in &reasons {
					let expected = held.get(&(account.clone(), *code)).copied().unwrap_or_default();
					ensure!(
						T::Currency::balance_on_hold(reason, &account) == expected,
						"held funds differ from the records"
					);
				}
			}
			Ok(())
		}
	}
}

impl<T: Config> DatanetVersions for Pallet<T> {
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary> {
		let kind = Datanets::<T>::get(datanet)?.kind;
		let v = Versions::<T>::get(datanet, version)?;
		Some(VersionSummary { kind, contributions: v.contributions })
	}

	fn members(datanet: DatanetId, version: VersionNumber) -> Vec<(ContributionIndex, sp_core::H256)> {
		let Some(v) = Versions::<T>::get(datanet, version) else { return Vec::new() };
		let mut members: Vec<_> = Contributions::<T>::iter_prefix(datanet)
			.filter(|(index, c)| Pallet::<T>::in_version(c, *index, &v))
			.map(|(index, c)| (index, c.hash))
			.collect();
		members.sort_unstable_by_key(|(index, _)| *index);
		members
	}
}

impl<T: Config> openledger_primitives::datanets::ContributionLedger<T::AccountId> for Pallet<T> {
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(T::AccountId, ContributionStatus)> {
		Contributions::<T>::get(datanet, index).map(|c| (c.contributor, c.status))
	}

	fn owner(datanet: DatanetId) -> Option<T::AccountId> {
		Datanets::<T>::get(datanet).map(|d| d.owner)
	}
}
