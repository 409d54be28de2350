//! Benchmarks of every call, each in its worst case; each is also a test.
//!
//! `register_model` needs published datanet versions: the runtime provides them through
//! `Config::BenchmarkHelper`.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::{
	traits::fungible::{Inspect, Mutate},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Get, Saturating};

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let plenty = T::Currency::minimum_balance()
		.saturating_mul(1_000_000u32.into())
		.saturating_add(T::ModelDeposit::get().saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, plenty);
	who
}

fn filled<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; S::get() as usize])
}

fn architecture() -> Architecture {
	crate::benchmark_architecture()
}

/// A registered model owned by a funded account.
fn model<T: Config>() -> Result<(T::AccountId, ModelId), BenchmarkError> {
	let owner = funded::<T>("owner");
	let lineage = BoundedVec::truncate_from(<T::BenchmarkHelper as crate::BenchmarkHelper>::publish_versions(1)?);
	Pallet::<T>::register_model(
		RawOrigin::Signed(owner.clone()).into(),
		filled(),
		filled(),
		architecture(),
		WeightsSource::Inline(crate::benchmark_weights(0)),
		lineage,
		None,
		1u32.into(),
	)?;
	Ok((owner, NextModelId::<T>::get().saturating_sub(1)))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Inline weights of about `b` bytes (checked, hashed and off-chain indexed; at least the
	/// architecture's tensors), a lineage of `l` versions, a base model.
	#[benchmark]
	fn register_model(
		b: Linear<1, { T::MaxWeightsLen::get() }>,
		l: Linear<1, { T::MaxLineage::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, base) = model::<T>()?;
		let owner = funded::<T>("registrant");
		let lineage = BoundedVec::truncate_from(<T::BenchmarkHelper as crate::BenchmarkHelper>::publish_versions(l)?);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			filled(),
			filled(),
			architecture(),
			WeightsSource::Inline(crate::benchmark_weights(b)),
			lineage,
			Some(base),
			1u32.into(),
		);
		assert!(Models::<T>::contains_key(base.saturating_add(1)));
		Ok(())
	}

	#[benchmark]
	fn set_price() -> Result<(), BenchmarkError> {
		let (owner, id) = model::<T>()?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 5u32.into());
		assert_eq!(Models::<T>::get(id).map(|m| m.price), Some(5u32.into()));
		Ok(())
	}

	#[benchmark]
	fn deprecate() -> Result<(), BenchmarkError> {
		let (owner, id) = model::<T>()?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert_eq!(Models::<T>::get(id).map(|m| m.status), Some(ModelStatus::Deprecated));
		Ok(())
	}

	#[benchmark]
	fn transfer_ownership() -> Result<(), BenchmarkError> {
		let (owner, id) = model::<T>()?;
		let new_owner = funded::<T>("new owner");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, new_owner.clone());
		assert_eq!(OwnershipOffers::<T>::get(id), Some(new_owner));
		Ok(())
	}

	/// An active model: the deposit moves from the old owner's hold to the new owner's.
	#[benchmark]
	fn accept_ownership() -> Result<(), BenchmarkError> {
		let (owner, id) = model::<T>()?;
		let new_owner = funded::<T>("new owner");
		Pallet::<T>::transfer_ownership(RawOrigin::Signed(owner).into(), id, new_owner.clone())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(new_owner.clone()), id);
		assert_eq!(Models::<T>::get(id).map(|m| m.owner), Some(new_owner));
		Ok(())
	}

	#[benchmark]
	fn cancel_transfer() -> Result<(), BenchmarkError> {
		let (owner, id) = model::<T>()?;
		Pallet::<T>::transfer_ownership(RawOrigin::Signed(owner.clone()).into(), id, funded::<T>("new owner"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert!(OwnershipOffers::<T>::get(id).is_none());
		Ok(())
	}

	/// Upheld, the worst case: the deposit moves from the owner's hold to the slash destination.
	#[benchmark]
	fn resolve_suspension() -> Result<(), BenchmarkError> {
		let (_, id) = model::<T>()?;
		<Pallet<T> as openledger_primitives::models::ModelCatalog>::suspend(id);
		let origin = T::ArbiterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, false);
		assert_eq!(Models::<T>::get(id).map(|m| m.status), Some(ModelStatus::Revoked));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
