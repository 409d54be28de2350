//! Benchmarks of the economics pallet: a spend, a boost of `n` data credits (every recipient a
//! new account, so that each transfer creates one), and a block's release.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Hooks};

/// Funds `pool`'s account with `amount` and records all of it as released.
fn released<T: Config>(pool: PoolId, amount: BalanceOf<T>) {
	let _ = T::Currency::set_balance(&Pallet::<T>::account(pool), amount);
	Pools::<T>::insert(pool, Pool { allocation: amount, released: amount, spent: Zero::zero() });
}

fn plenty<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn spend() -> Result<(), BenchmarkError> {
		let origin = T::SpendOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		released::<T>(PoolId::Ecosystem, plenty::<T>());
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PoolId::Ecosystem, beneficiary.clone(), amount);

		assert_eq!(T::Currency::balance(&beneficiary), amount);
		Ok(())
	}

	#[benchmark]
	fn reward(n: Linear<1, 64>) -> Result<(), BenchmarkError> {
		released::<T>(PoolId::Community, plenty::<T>());
		// a credit large enough that any boost worth paying reaches a new account
		let credit = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
		let credits: alloc::vec::Vec<_> =
			(0..n).map(|i| (account::<T::AccountId>("contributor", i, 0), credit)).collect();

		#[block]
		{
			<Pallet<T> as DataRewards<_, _>>::reward(&credits, plenty::<T>());
		}
		Ok(())
	}

	#[benchmark]
	fn on_initialize() -> Result<(), BenchmarkError> {
		for pool in PoolId::ALL {
			Pools::<T>::insert(pool, Pool { allocation: plenty::<T>(), released: Zero::zero(), spent: Zero::zero() });
		}
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert!(Pools::<T>::get(PoolId::Community)
			.is_some_and(|p| !p.released.is_zero() || Pallet::<T>::release_rate(PoolId::Community).is_zero()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
