//! The pallet's invariants as named checks (the crate docs' Assumptions): each datanet's records
//! against its contributions, the held funds by hold reason, the contributors' counters.

use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{ensure, traits::fungible::InspectHold};
use openledger_primitives::datanets::{ContributionStatus, Counters};
use sp_runtime::{
	traits::{SaturatedConversion, Saturating, Zero},
	TryRuntimeError,
};

use crate::{
	merkle, BalanceOf, ChallengeOf, Challenges, Commitments, Config, ContributionByHash, Contributions,
	ContributorStats, Datanets, HoldReason, NextDatanetId, Pallet, StorageDeposits, Versions,
};

/// What is held from each account under one hold reason.
type Holds<T> = BTreeMap<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every datanet's counters match its contributions' statuses; its root is the Merkle root
	/// of its members; every pending or accepted contribution owns its hash chain-wide, and so
	/// does every removed one but those that lost it to an earlier commitment's contribution;
	/// nothing else owns one; contributions' and commitments' arrivals are distinct and
	/// from blocks up to this one; reviewed
	/// contributions record no deposit; ids and indices stay below the next ones; every open
	/// challenge is indexed by its contribution.
	pub(crate) fn try_state_datanets() -> Result<(), TryRuntimeError> {
		let mut arrivals = BTreeSet::new();
		for (id, d) in Datanets::<T>::iter() {
			ensure!(id < NextDatanetId::<T>::get(), "a datanet id beyond the next id");
			let (mut pending, mut members, mut rejected, mut removed, mut count) = (0u32, 0u32, 0u32, 0u32, 0u32);
			let (mut referenced, mut rows) = (0u32, 0u64);
			let mut leaves = Vec::new();
			for (index, c) in Contributions::<T>::iter_prefix(id) {
				count = count.saturating_add(1);
				ensure!(index < d.next_index, "a contribution index beyond the next index");
				match c.status {
					ContributionStatus::Pending => pending = pending.saturating_add(1),
					ContributionStatus::Accepted => {
						members = members.saturating_add(1);
						rows = rows.saturating_add(c.rows);
						if c.uri.is_some() {
							referenced = referenced.saturating_add(1);
						}
						leaves.push((index, c.hash));
					},
					ContributionStatus::Rejected => rejected = rejected.saturating_add(1),
					ContributionStatus::Removed => removed = removed.saturating_add(1),
					ContributionStatus::Withdrawn => {},
				}
				if c.status != ContributionStatus::Pending {
					ensure!(c.deposit.is_zero(), "a deposit recorded on a reviewed contribution");
				}
				let member_ever = matches!(c.status, ContributionStatus::Accepted | ContributionStatus::Removed);
				ensure!(c.joined.is_some() == member_ever, "a membership change recorded on a non-member");
				ensure!(c.left.is_some() == (c.status == ContributionStatus::Removed), "a removal not recorded");
				ensure!(
					c.joined.is_none_or(|j| j < d.changes()) && c.left.is_none_or(|l| Some(l) > c.joined),
					"membership changes out of order"
				);
				let owner = ContributionByHash::<T>::get(c.hash);
				if matches!(c.status, ContributionStatus::Withdrawn | ContributionStatus::Rejected) {
					ensure!(owner != Some((id, index)), "a withdrawn or rejected contribution still owns its hash");
				} else if owner != Some((id, index)) {
					// Only a member whose content passed to an earlier commitment's contribution
					// (which may since have been withdrawn or rejected, freeing it).
					let by = owner.and_then(|(d, i)| Contributions::<T>::get(d, i));
					ensure!(
						c.status == ContributionStatus::Removed && by.is_none_or(|b| b.arrival < c.arrival),
						"a contribution does not own its hash"
					);
				}
				ensure!(arrivals.insert(c.arrival), "two contributions share an arrival");
			}
			ensure!(count == d.next_index, "contributions missing below the next index");
			ensure!(pending == d.pending, "pending count");
			ensure!(members == d.members, "member count");
			ensure!(referenced == d.referenced, "referenced member count");
			ensure!(rows == d.member_rows, "member rows");
			ensure!(rejected == d.counters.rejected, "rejected count");
			ensure!(removed == d.counters.removed, "removed count");
			ensure!(members.saturating_add(removed) == d.counters.accepted, "accepted count");
			ensure!(merkle::root_of(leaves) == d.root, "the Merkle root does not match the members");
			ensure!(Versions::<T>::iter_prefix(id).count() as u32 == d.versions, "version count");
			for (_, v) in Versions::<T>::iter_prefix(id) {
				let (mut contributions, mut references, mut rows) = (0u32, 0u32, 0u64);
				for (index, c) in Contributions::<T>::iter_prefix(id) {
					if Self::in_version(&c, index, &v) {
						contributions = contributions.saturating_add(1);
						references = references.saturating_add(u32::from(c.uri.is_some()));
						rows = rows.saturating_add(c.rows);
					}
				}
				ensure!(
					(contributions, references, rows) == (v.contributions, v.references, v.rows),
					"a version's counts differ from its members"
				);
			}
		}
		for (hash, (d, i)) in ContributionByHash::<T>::iter() {
			let owner = Contributions::<T>::get(d, i);
			ensure!(
				owner.is_some_and(|c| c.hash == hash
					&& !matches!(c.status, ContributionStatus::Withdrawn | ContributionStatus::Rejected)),
				"a hash owned by no contribution that holds it"
			);
		}
		// Commitments hold arrivals no contribution has yet.
		for (_, _, c) in Commitments::<T>::iter() {
			ensure!(arrivals.insert(c.arrival), "a commitment's arrival is taken");
		}
		let next_block = frame_system::Pallet::<T>::block_number().saturated_into::<u64>().saturating_add(1);
		ensure!(arrivals.last().is_none_or(|&a| a < crate::arrival(next_block, 0)), "an arrival in a later block");
		for (id, c) in Challenges::<T>::iter() {
			ensure!(ChallengeOf::<T>::get(c.datanet, c.index) == Some(id), "a challenge not indexed");
		}
		Ok(())
	}

	/// What the records say is held under `reason`, per account.
	fn recorded_holds(reason: HoldReason) -> Holds<T> {
		let records: Vec<(T::AccountId, BalanceOf<T>)> = match reason {
			HoldReason::DatanetDeposit => Datanets::<T>::iter_values().map(|d| (d.owner, d.deposit)).collect(),
			HoldReason::ContributionDeposit => Contributions::<T>::iter_values()
				.filter(|c| c.status == ContributionStatus::Pending)
				.map(|c| (c.contributor, c.deposit))
				.collect(),
			HoldReason::ChallengeBond => Challenges::<T>::iter_values().map(|c| (c.challenger, c.bond)).collect(),
			HoldReason::CommitmentDeposit => Commitments::<T>::iter().map(|(who, _, c)| (who, c.deposit)).collect(),
			HoldReason::ContributionStorage => StorageDeposits::<T>::iter().collect(),
		};
		let mut held = BTreeMap::new();
		for (who, amount) in records {
			let slot: &mut BalanceOf<T> = held.entry(who).or_default();
			*slot = slot.saturating_add(amount);
		}
		held
	}

	/// Every account with a recorded deposit or bond holds, under each of the pallet's hold
	/// reasons, exactly what the records say.
	pub(crate) fn try_state_holds() -> Result<(), TryRuntimeError> {
		let reasons = [
			HoldReason::DatanetDeposit,
			HoldReason::ContributionDeposit,
			HoldReason::ChallengeBond,
			HoldReason::CommitmentDeposit,
			HoldReason::ContributionStorage,
		];
		let recorded: Vec<(HoldReason, Holds<T>)> =
			reasons.into_iter().map(|reason| (reason, Self::recorded_holds(reason))).collect();
		let accounts: BTreeSet<T::AccountId> = recorded.iter().flat_map(|(_, held)| held.keys().cloned()).collect();
		for account in accounts {
			for (reason, held) in &recorded {
				let expected = held.get(&account).copied().unwrap_or_default();
				ensure!(
					T::Currency::balance_on_hold(&(*reason).into(), &account) == expected,
					"held funds differ from the records"
				);
			}
		}
		Ok(())
	}

	/// Each contributor's counters across datanets match their contributions' statuses.
	pub(crate) fn try_state_contributor_stats() -> Result<(), TryRuntimeError> {
		let mut stats: BTreeMap<T::AccountId, Counters> = BTreeMap::new();
		for c in Contributions::<T>::iter_values() {
			let s = stats.entry(c.contributor).or_default();
			match c.status {
				ContributionStatus::Accepted => s.accepted = s.accepted.saturating_add(1),
				ContributionStatus::Rejected => s.rejected = s.rejected.saturating_add(1),
				ContributionStatus::Removed => {
					s.accepted = s.accepted.saturating_add(1);
					s.removed = s.removed.saturating_add(1);
				},
				ContributionStatus::Pending | ContributionStatus::Withdrawn => {},
			}
		}
		for (account, s) in ContributorStats::<T>::iter() {
			ensure!(stats.remove(&account).unwrap_or_default() == s, "contributor counters");
		}
		ensure!(stats.values().all(|s| *s == Counters::default()), "contributor counters missing");
		Ok(())
	}
}
