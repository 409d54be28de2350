//! What other pallets ask of datanets, through the primitives' traits: published versions and
//! their members (the model registry, attribution), contributors and owners (settlement).

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

impl<T: Config> ContributionLedger<T::AccountId> for Pallet<T> {
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(T::AccountId, ContributionStatus)> {
		Contributions::<T>::get(datanet, index).map(|c| (c.contributor, c.status))
	}

	fn owner(datanet: DatanetId) -> Option<T::AccountId> {
		Datanets::<T>::get(datanet).map(|d| d.owner)
	}
}
