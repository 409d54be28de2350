//! What other pallets ask of datanets, through the primitives' traits: published versions and
//! their members (the model registry, attribution), contributors and members' rows (settlement).

use alloc::vec::Vec;
use openledger_primitives::datanets::{
	ContributionIndex, ContributionLedger, ContributionStatus, DatanetId, DatanetVersions, VersionNumber,
	VersionSummary,
};

use crate::{Config, Contributions, Datanets, Pallet, Versions};

impl<T: Config> DatanetVersions for Pallet<T> {
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary> {
		let kind = Datanets::<T>::get(datanet)?.kind;
		let v = Versions::<T>::get(datanet, version)?;
		Some(VersionSummary { kind, contributions: v.contributions, references: v.references, rows: v.rows })
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

	fn is_member(datanet: DatanetId, version: VersionNumber, index: ContributionIndex) -> bool {
		let Some(v) = Versions::<T>::get(datanet, version) else { return false };
		Contributions::<T>::get(datanet, index).is_some_and(|c| Pallet::<T>::in_version(&c, index, &v))
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
		let v = Versions::<T>::get(datanet, version)?;
		let c = Contributions::<T>::get(datanet, index)?;
		let member = Pallet::<T>::in_version(&c, index, &v) && c.status != ContributionStatus::Removed;
		member.then_some((c.contributor, c.rows, v.rows))
	}
}
