//! Contributions: validating a payload against its datanet's kind, submitting (and, under the
//! open policy, accepting) it, review, withdrawal, and membership of versions.

use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::datanets::{
	tabular::{self, FormatError},
	ContributionIndex, ContributionStatus, CurationPolicy, DataKind, DatanetId, Version, MERKLE_DEPTH,
};
use sp_core::H256;
use sp_runtime::{
	traits::{SaturatedConversion, Saturating, Zero},
	DispatchError,
};

use crate::{
	merkle, BalanceOf, BlockArrivals, Commitment, Commitments, Config, Contribution, ContributionByHash, Contributions,
	ContributorStats, Datanet, Datanets, Error, Event, HoldReason, Pallet, StorageDeposits, COMMITMENT_ARRIVALS,
};

impl<T: Config> Pallet<T> {
	/// Checks a payload against the datanet's kind (the byte formats are
	/// [`tabular`]'s and UTF-8).
	pub fn validate(kind: &DataKind, payload: &[u8]) -> DispatchResult {
		ensure!(!payload.is_empty(), Error::<T>::EmptyPayload);
		match *kind {
			DataKind::Text => {
				core::str::from_utf8(payload).map_err(|_| Error::<T>::InvalidUtf8)?;
			},
			DataKind::Tabular { features, classes } => {
				tabular::check_examples(payload, features, classes).map_err(|e| match e {
					FormatError::Malformed => Error::<T>::MalformedExamples,
					FormatError::LabelOutOfRange => Error::<T>::LabelOutOfRange,
					FormatError::NonFinite => Error::<T>::NonFiniteFeature,
				})?;
			},
		}
		Ok(())
	}

	/// The commitment of `who` to content with hash `hash`: `blake2_256(SCALE(who) ‖ hash)`.
	pub fn commitment(who: &T::AccountId, hash: &H256) -> H256 {
		H256(sp_io::hashing::blake2_256(&(who, hash).encode()))
	}

	/// Takes this block's next arrival for a contribution or, with `commitment`, a commitment
	/// (see [`BlockArrivals`]).
	fn next_arrival(commitment: bool) -> Result<u64, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let (mut contributions, mut commitments) = match BlockArrivals::<T>::get() {
			Some((block, contributions, commitments)) if block == now => (contributions, commitments),
			_ => (0, 0),
		};
		let taker = if commitment { &mut commitments } else { &mut contributions };
		let n = *taker;
		ensure!(n < COMMITMENT_ARRIVALS, Error::<T>::Overflow);
		*taker = n.saturating_add(1);
		BlockArrivals::<T>::put((now, contributions, commitments));
		let offset = if commitment { COMMITMENT_ARRIVALS } else { 0 };
		Ok(crate::arrival(now.saturated_into(), n.saturating_add(offset)))
	}

	/// Records `who`'s commitment, holding its deposit and taking the next arrival.
	pub(crate) fn do_commit(who: T::AccountId, commitment: H256) -> DispatchResult {
		ensure!(!Commitments::<T>::contains_key(&who, commitment), Error::<T>::AlreadyCommitted);
		let deposit = T::CommitmentDeposit::get();
		T::Currency::hold(&HoldReason::CommitmentDeposit.into(), &who, deposit)?;
		let arrival = Self::next_arrival(true)?;
		let expires = frame_system::Pallet::<T>::block_number().saturating_add(T::RevealPeriod::get());
		Commitments::<T>::insert(&who, commitment, Commitment { arrival, expires, deposit });
		Self::deposit_event(Event::ContributionCommitted { who, commitment, arrival, expires });
		Ok(())
	}

	/// Cancels `who`'s commitment, releasing its deposit.
	pub(crate) fn do_cancel_commitment(who: T::AccountId, commitment: H256) -> DispatchResult {
		let c = Commitments::<T>::get(&who, commitment).ok_or(Error::<T>::UnknownCommitment)?;
		Self::close_commitment(who, commitment, c, false)
	}

	/// Removes `who`'s commitment and releases its deposit.
	fn close_commitment(who: T::AccountId, commitment: H256, c: Commitment<T>, kept_arrival: bool) -> DispatchResult {
		T::Currency::release(&HoldReason::CommitmentDeposit.into(), &who, c.deposit, Precision::BestEffort)?;
		Commitments::<T>::remove(&who, commitment);
		Self::deposit_event(Event::CommitmentClosed { who, commitment, kept_arrival });
		Ok(())
	}

	/// The arrival `who`'s contribution of content `hash` takes: that of their commitment to
	/// it if it is still within its reveal period, else the next one. A commitment is used up
	/// either way.
	fn arrival_of(who: &T::AccountId, hash: &H256) -> Result<u64, DispatchError> {
		let commitment = Self::commitment(who, hash);
		match Commitments::<T>::get(who, commitment) {
			Some(c) => {
				let kept = frame_system::Pallet::<T>::block_number() <= c.expires;
				let arrival = c.arrival;
				Self::close_commitment(who.clone(), commitment, c, kept)?;
				if kept {
					Ok(arrival)
				} else {
					Self::next_arrival(false)
				}
			},
			None => Self::next_arrival(false),
		}
	}

	/// Records a new contribution, holding its deposit (and accepting it at once under the
	/// open policy). Content owned by a contribution that arrived before this one is refused;
	/// owned by a pending or member contribution that arrived after it (the caller committed
	/// first), it passes to this one and that one is superseded. Returns whether one was.
	pub(crate) fn submit(
		who: T::AccountId,
		datanet: DatanetId,
		mut d: Datanet<T>,
		hash: H256,
		size: u64,
		uri: Option<BoundedVec<u8, T::MaxUriLen>>,
	) -> Result<bool, DispatchError> {
		let arrival = Self::arrival_of(&who, &hash)?;
		let owner = ContributionByHash::<T>::get(hash);
		let copy = match owner {
			None => None,
			Some((od, oi)) => {
				let c = Contributions::<T>::get(od, oi).ok_or(Error::<T>::UnknownContribution)?;
				let live = matches!(c.status, ContributionStatus::Pending | ContributionStatus::Accepted);
				ensure!(live && c.arrival > arrival, Error::<T>::DuplicateContribution);
				Some((od, oi, c))
			},
		};
		let index = d.next_index;
		ensure!(u64::from(index) < 1u64 << MERKLE_DEPTH, Error::<T>::DatanetFull);
		d.next_index = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut c = Contribution {
			contributor: who.clone(),
			hash,
			size,
			rows: d.kind.rows(size),
			uri,
			status: ContributionStatus::Pending,
			deposit: Zero::zero(),
			arrival,
			submitted_at: frame_system::Pallet::<T>::block_number(),
			accepted_at: None,
			removed_at: None,
			joined: None,
			left: None,
		};
		// the record is kept for good: its contributor pays for the state it takes
		let storage = T::StorageDeposit::get();
		if !storage.is_zero() {
			T::Currency::hold(&HoldReason::ContributionStorage.into(), &who, storage)?;
			StorageDeposits::<T>::mutate(&who, |held| *held = held.saturating_add(storage));
		}
		let superseded = copy.is_some();
		if let Some((od, oi, mut copy)) = copy {
			if od == datanet {
				Self::supersede(od, oi, &mut d, &mut copy, (datanet, index))?;
			} else {
				let mut other = Datanets::<T>::get(od).ok_or(Error::<T>::UnknownDatanet)?;
				Self::supersede(od, oi, &mut other, &mut copy, (datanet, index))?;
				Datanets::<T>::insert(od, other);
			}
			Contributions::<T>::insert(od, oi, copy);
		}
		ContributionByHash::<T>::insert(hash, (datanet, index));
		Self::deposit_event(Event::ContributionSubmitted {
			datanet,
			index,
			contributor: who.clone(),
			hash,
			size,
			arrival,
		});
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
		Ok(superseded)
	}

	/// Contribution `index` of `datanet` (`d`, `c`) loses its content to `by`, whose committer
	/// committed to it first. Pending, it is rejected and its deposit released: a one-step
	/// contribution left in the pool may be the original, and which of the two copied cannot be
	/// shown. A member, it is removed; an open challenge of it stays open and is resolved as
	/// any other (its contributor still pays if it is upheld).
	fn supersede(
		datanet: DatanetId,
		index: ContributionIndex,
		d: &mut Datanet<T>,
		c: &mut Contribution<T>,
		by: (DatanetId, ContributionIndex),
	) -> DispatchResult {
		if c.status == ContributionStatus::Pending {
			Self::release_deposit(c)?;
			d.pending = d.pending.saturating_sub(1);
			Self::reject(d, c)?;
		} else {
			Self::remove(datanet, index, d, c);
		}
		Self::deposit_event(Event::ContributionSuperseded { datanet, index, contributor: c.contributor.clone(), by });
		Ok(())
	}

	/// Releases pending contribution `c`'s deposit to its contributor.
	fn release_deposit(c: &mut Contribution<T>) -> DispatchResult {
		if !c.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::ContributionDeposit.into(),
				&c.contributor,
				c.deposit,
				Precision::BestEffort,
			)?;
		}
		c.deposit = Zero::zero();
		Ok(())
	}

	/// Rejects pending contribution `c` of `d` (whose pending count the caller updated): its
	/// deposit goes to the slash destination, its content is free again. Returns the slashed
	/// amount.
	pub(crate) fn reject(d: &mut Datanet<T>, c: &mut Contribution<T>) -> Result<BalanceOf<T>, DispatchError> {
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
		ContributionByHash::<T>::remove(c.hash);
		d.counters.rejected = d.counters.rejected.saturating_add(1);
		ContributorStats::<T>::mutate(&c.contributor, |s| s.rejected = s.rejected.saturating_add(1));
		Ok(slashed)
	}

	/// Removes member `index` of `datanet` (`d`, `c`): out of later versions and payouts; it
	/// keeps its content, so that the content cannot come back.
	pub(crate) fn remove(datanet: DatanetId, index: ContributionIndex, d: &mut Datanet<T>, c: &mut Contribution<T>) {
		c.status = ContributionStatus::Removed;
		c.removed_at = Some(frame_system::Pallet::<T>::block_number());
		c.left = Some(d.changes());
		d.members = d.members.saturating_sub(1);
		d.member_rows = d.member_rows.saturating_sub(c.rows);
		if c.uri.is_some() {
			d.referenced = d.referenced.saturating_sub(1);
		}
		d.counters.removed = d.counters.removed.saturating_add(1);
		d.root = merkle::set_leaf::<T>(datanet, index, H256::zero());
		ContributorStats::<T>::mutate(&c.contributor, |s| s.removed = s.removed.saturating_add(1));
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
		c.joined = Some(d.changes());
		d.members = d.members.checked_add(1).ok_or(Error::<T>::Overflow)?;
		d.member_rows = d.member_rows.checked_add(c.rows).ok_or(Error::<T>::Overflow)?;
		if c.uri.is_some() {
			d.referenced = d.referenced.saturating_add(1);
		}
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

	/// Reviews the pending contribution `index` of `datanet` as `who`: accepted, it becomes a
	/// member and its deposit is released; rejected, its deposit goes to the slash destination.
	pub(crate) fn do_review(
		who: T::AccountId,
		datanet: DatanetId,
		index: ContributionIndex,
		accept: bool,
	) -> DispatchResult {
		let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		ensure!(d.may_curate(&who), Error::<T>::NotCurator);
		let mut c = Contributions::<T>::get(datanet, index).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(c.status == ContributionStatus::Pending, Error::<T>::NotPending);
		d.pending = d.pending.saturating_sub(1);
		if accept {
			Self::release_deposit(&mut c)?;
			Self::accept(datanet, index, &mut d, &mut c, Some(who))?;
		} else {
			let slashed = Self::reject(&mut d, &mut c)?;
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

	/// Withdraws `who`'s pending contribution `index` of `datanet`, releasing its deposit.
	pub(crate) fn do_withdraw(who: T::AccountId, datanet: DatanetId, index: ContributionIndex) -> DispatchResult {
		let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
		let mut c = Contributions::<T>::get(datanet, index).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(c.contributor == who, Error::<T>::NotContributor);
		ensure!(c.status == ContributionStatus::Pending, Error::<T>::NotPending);
		Self::release_deposit(&mut c)?;
		c.status = ContributionStatus::Withdrawn;
		d.pending = d.pending.saturating_sub(1);
		ContributionByHash::<T>::remove(c.hash);
		Contributions::<T>::insert(datanet, index, c);
		Datanets::<T>::insert(datanet, d);
		Self::deposit_event(Event::ContributionWithdrawn { datanet, index, contributor: who });
		Ok(())
	}

	/// Whether contribution `c` belongs to version `v`: below its bound, accepted before the
	/// version's publication and not removed before it (in the order of the datanet's membership
	/// changes, so that a review in the block of a publication falls on the right side of it).
	pub fn in_version(c: &Contribution<T>, index: ContributionIndex, v: &Version<BlockNumberFor<T>>) -> bool {
		index < v.bound && c.joined.is_some_and(|j| j < v.changes) && c.left.is_none_or(|l| l >= v.changes)
	}
}
