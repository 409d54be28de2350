//! What other pallets ask of datanets, through the primitives' traits: published versions and
//! their members (the model registry, attribution), contributors and members' rows (settlement).

use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::datanets::{
	ContributionIndex, ContributionLedger, ContributionStatus, DatanetId, DatanetVersions, Member, Version,
	VersionNumber, VersionSummary,
};

use crate::{Config, Contribution, Contributions, Datanets, Pallet, Versions};

impl<T: Config> DatanetVersions for Pallet<T> {
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary> {
		let d = Datanets::<T>::get(datanet)?;
		let v = Versions::<T>::get(datanet, version)?;
		Some(VersionSummary {
			kind: d.kind,
			copy_radius: v.copy_radius,
			contributions: v.contributions,
			references: v.references,
			rows: v.rows,
		})
	}

	fn members(datanet: DatanetId, version: VersionNumber) -> Vec<Member> {
		let Some(v) = Versions::<T>::get(datanet, version) else { return Vec::new() };
		let mut members: Vec<_> = Contributions::<T>::iter_prefix(datanet)
			.filter(|(index, c)| Pallet::<T>::in_version(c, *index, &v))
			.map(|(index, c)| Member { index, hash: c.hash, arrival: c.arrival })
			.collect();
		members.sort_unstable_by_key(|m| m.index);
		members
	}

	fn is_member(datanet: DatanetId, version: VersionNumber, index: ContributionIndex) -> bool {
		Pallet::<T>::member(datanet, version, index).is_some()
	}
}

impl<T: Config> ContributionLedger<T::AccountId> for Pallet<T> {
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(T::AccountId, ContributionStatus)> {
		Contributions::<T>::get(datanet, index).map(|c| (c.contributor, c.status))
	}

	fn member_rows(
		datanet: DatanetId,
		version: VersionNumber,
		index: ContributionIndex,
	) -> Option<(T::AccountId, u64, u64)> {
		let (c, v) = Pallet::<T>::member(datanet, version, index)?;
		(c.status != ContributionStatus::Removed).then_some((c.contributor, c.rows, v.rows))
	}

	fn challenged(datanet: DatanetId, index: ContributionIndex) -> bool {
		crate::ChallengeOf::<T>::contains_key(datanet, index)
	}
}

impl<T: Config> Pallet<T> {
	/// Contribution `index` of `datanet` and its version `version`, if it is a member of it
	/// (two reads).
	fn member(
		datanet: DatanetId,
		version: VersionNumber,
		index: ContributionIndex,
	) -> Option<(Contribution<T>, Version<BlockNumberFor<T>>)> {
		let v = Versions::<T>::get(datanet, version)?;
		let c = Contributions::<T>::get(datanet, index)?;
		Pallet::<T>::in_version(&c, index, &v).then_some((c, v))
	}
}
