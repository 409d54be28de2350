//! Storage migrations.

/// Version 1: jobs wait for their committees in a line ([`DrawCursor`](crate::DrawCursor),
/// [`Waiting`](crate::Waiting)) instead of being drawn by the block after the one that opened
/// them (`PendingDraws`, `ColdCounted`, removed).
pub mod v1 {
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	use openledger_primitives::{attribution::JobId, models::ModelId};

	use crate::{Config, DrawCursor, Jobs, NextJobId, Pallet};

	/// The jobs the last block opened, for this block to draw (version 0).
	#[storage_alias]
	type PendingDraws<T: Config> = StorageValue<
		Pallet<T>,
		BoundedVec<JobId, <T as Config>::MaxJobsPerBlock>,
		frame_support::pallet_prelude::ValueQuery,
	>;

	/// The models whose first job this block counted (version 0).
	#[storage_alias]
	type ColdCounted<T: Config> = StorageValue<
		Pallet<T>,
		BoundedVec<ModelId, <T as Config>::MaxJobsPerBlock>,
		frame_support::pallet_prelude::ValueQuery,
	>;

	/// Draws the committees of the jobs the last block opened, with the deadlines they were
	/// given (as version 0 would have in this block), and starts the waiting line empty, at the
	/// next job.
	pub struct Inner<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Inner<T> {
		fn on_runtime_upgrade() -> Weight {
			let pending = PendingDraws::<T>::take();
			ColdCounted::<T>::kill();
			let count = pending.len() as u64;
			for id in pending {
				if let Some(job) = Jobs::<T>::get(id) {
					Pallet::<T>::seat_committee(id, job);
				}
			}
			DrawCursor::<T>::put(NextJobId::<T>::get());
			// per job: it, the active set and the seed read, it and its members' assignments
			// written
			let per_job = T::DbWeight::get().reads_writes(3, u64::from(T::CommitteeSize::get()).saturating_add(1));
			T::DbWeight::get().reads_writes(3, 3).saturating_add(per_job.saturating_mul(count))
		}
	}

	/// [`Inner`], run once: from storage version 0 to 1.
	pub type MigrateToV1<T> = VersionedMigration<0, 1, Inner<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
