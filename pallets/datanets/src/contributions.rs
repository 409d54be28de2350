//! Contributions: validating a payload against its datanet's kind, submitting (and, under the
//! open policy, accepting) it, review, withdrawal, and membership of versions.

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
use sp_runtime::traits::Zero;

use crate::{
	merkle, Config, Contribution, ContributionByHash, Contributions, ContributorStats, Datanet, Datanets, Error, Event,
	HoldReason, NextArrival, Pallet,
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

	/// Records a new contribution, holding its deposit (and accepting it at once under the
	/// open policy).
	pub(crate) fn submit(
		who: T::AccountId,
		datanet: DatanetId,
		mut d: Datanet<T>,
		hash: H256,
		size: u64,
		uri: Option<BoundedVec<u8, T::MaxUriLen>>,
	) -> DispatchResult {
		ensure!(!ContributionByHash::<T>::contains_key(hash), Error::<T>::DuplicateContribution);
		let arrival = NextArrival::<T>::get();
		NextArrival::<T>::put(arrival.checked_add(1).ok_or(Error::<T>::Overflow)?);
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
			ContributionByHash::<T>::remove(c.hash);
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

	/// Withdraws `who`'s pending contribution `index` of `datanet`, releasing its deposit.
	pub(crate) fn do_withdraw(who: T::AccountId, datanet: DatanetId, index: ContributionIndex) -> DispatchResult {
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
