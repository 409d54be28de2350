//! Challenges: a bonded claim that a member is bad, and its resolution by the arbiter.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get,
	},
};
use openledger_primitives::datanets::{ChallengedEarnings, ContributionIndex, ContributionStatus, DatanetId};
use sp_core::H256;
use sp_runtime::traits::{Saturating, Zero};

use crate::{
	Challenge, ChallengeId, ChallengeOf, Challenges, Config, Contributions, Datanets, Error, Event, HoldReason,
	NextChallengeId, Pallet,
};

impl<T: Config> Pallet<T> {
	/// Opens `who`'s challenge of member `index` of `datanet`, holding `ChallengeBond`.
	pub(crate) fn do_challenge(
		who: T::AccountId,
		datanet: DatanetId,
		index: ContributionIndex,
		evidence: H256,
	) -> DispatchResult {
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

	/// Resolves challenge `challenge`: upheld, the contribution is removed and its contributor
	/// pays the challenger; rejected, the bond goes to the slash destination.
	pub(crate) fn do_resolve_challenge(challenge: ChallengeId, upheld: bool) -> DispatchResult {
		let ch = Challenges::<T>::get(challenge).ok_or(Error::<T>::UnknownChallenge)?;
		let reason = HoldReason::ChallengeBond.into();
		if upheld {
			let mut d = Datanets::<T>::get(ch.datanet).ok_or(Error::<T>::UnknownDatanet)?;
			let mut c = Contributions::<T>::get(ch.datanet, ch.index).ok_or(Error::<T>::UnknownContribution)?;
			T::Currency::release(&reason, &ch.challenger, ch.bond, Precision::BestEffort)?;
			// The contributor's deposit was released at acceptance: they pay it again, with
			// the penalty — from what it earned while challenged and what the chain holds
			// unclaimed for them first, then from what they have.
			let owed = d.contribution_deposit.saturating_add(T::ChallengePenalty::get());
			let from_earnings = T::Earnings::upheld(ch.datanet, ch.index, &c.contributor, &ch.challenger, owed);
			let owed = owed.saturating_sub(from_earnings);
			let available = T::Currency::reducible_balance(&c.contributor, Preservation::Expendable, Fortitude::Polite);
			let from_balance = owed.min(available);
			if !from_balance.is_zero() {
				T::Currency::transfer(&c.contributor, &ch.challenger, from_balance, Preservation::Expendable)?;
			}
			let paid = from_earnings.saturating_add(from_balance);
			// Removed already if it lost its content to an earlier commitment since.
			if c.status == ContributionStatus::Accepted {
				Self::remove(ch.datanet, ch.index, &mut d, &mut c);
			}
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
			if let Some(c) = Contributions::<T>::get(ch.datanet, ch.index) {
				T::Earnings::rejected(ch.datanet, ch.index, &c.contributor);
			}
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
