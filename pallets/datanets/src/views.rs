//! The runtime API's views of datanets and contributions.

use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	api::{ContributionView, DatanetView, MAX_CONTRIBUTIONS_PAGE},
	datanets::{ContributionIndex, DatanetId, VersionNumber},
};

use crate::{BalanceOf, Config, Contributions, Datanets, Pallet, Versions};

impl<T: Config> Pallet<T> {
	/// The datanet `id` as the runtime API shows it.
	pub fn datanet_view(id: DatanetId) -> Option<DatanetView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let d = Datanets::<T>::get(id)?;
		let versions = (1..=d.versions).filter_map(|v| Versions::<T>::get(id, v).map(|version| (v, version))).collect();
		Some(DatanetView {
			id,
			owner: d.owner,
			name: d.name.into_inner(),
			description: d.description.into_inner(),
			license: d.license.into_inner(),
			kind: d.kind,
			policy: d.policy,
			copy_radius: d.copy_radius,
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
					arrival: c.arrival,
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
}
