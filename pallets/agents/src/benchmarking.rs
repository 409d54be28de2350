//! Benchmarks of every call, each in its worst case; each is also a test.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(
		&who,
		T::MinStake::get().saturating_mul(1_000u32.into()).saturating_add(T::ReportBond::get()),
	);
	who
}

/// The longest metadata.
fn metadata<T: Config>() -> Metadata<T> {
	Metadata {
		name: BoundedVec::truncate_from(alloc::vec![b'n'; T::MaxNameLen::get() as usize]),
		models: BoundedVec::truncate_from(alloc::vec![7; T::MaxModels::get() as usize]),
		endpoint: BoundedVec::truncate_from(alloc::vec![b'e'; T::MaxEndpointLen::get() as usize]),
	}
}

/// An agent and its consent to act for `operator`, standing for a thousand blocks.
fn consenting<T: Config>(operator: &T::AccountId) -> (T::AccountId, BlockNumberFor<T>, T::Signature) {
	let until = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
	let message = Pallet::<T>::consent_message(operator, until);
	let (agent, signature) = <T::BenchmarkHelper as crate::BenchmarkHelper<_, _>>::sign(&message);
	(agent, until, signature)
}

/// An operator and its agent, registered with twice the minimum stake, unbonding chunks all but
/// one of `MaxUnbonding`.
fn registered<T: Config>() -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
	let operator = funded::<T>("operator", 0);
	let (agent, until, consent) = consenting::<T>(&operator);
	let stake = T::MinStake::get().saturating_mul(2u32.into());
	Pallet::<T>::register_agent(
		RawOrigin::Signed(operator.clone()).into(),
		agent.clone(),
		metadata::<T>(),
		stake,
		stake,
		until,
		consent,
	)
	.map_err(|_| BenchmarkError::Stop("register"))?;
	for _ in 1..T::MaxUnbonding::get() {
		Pallet::<T>::unbond(RawOrigin::Signed(operator.clone()).into(), agent.clone(), 1u32.into())
			.map_err(|_| BenchmarkError::Stop("unbond"))?;
	}
	Ok((operator, agent))
}

/// A report against `agent`.
fn reported<T: Config>(agent: &T::AccountId) -> Result<(T::AccountId, ReportId), BenchmarkError> {
	let reporter = funded::<T>("reporter", 0);
	let id = NextReportId::<T>::get();
	Pallet::<T>::report(RawOrigin::Signed(reporter.clone()).into(), agent.clone(), H256::repeat_byte(1))
		.map_err(|_| BenchmarkError::Stop("report"))?;
	Ok((reporter, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_agent() -> Result<(), BenchmarkError> {
		let operator = funded::<T>("operator", 0);
		let (agent, until, consent) = consenting::<T>(&operator);
		let stake = T::MinStake::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone(), metadata::<T>(), stake, stake, until, consent);

		assert!(Registry::<T>::contains_key(&agent));
		Ok(())
	}

	/// Resuming a suspended agent.
	#[benchmark]
	fn bond_more() -> Result<(), BenchmarkError> {
		let (operator, agent) = registered::<T>()?;
		Registry::<T>::mutate(&agent, |a| {
			if let Some(a) = a {
				a.suspended = true;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone(), T::MinStake::get());

		assert!(Registry::<T>::get(&agent).is_some_and(|a| !a.suspended));
		Ok(())
	}

	/// Unbonding below the minimum: suspended.
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let (operator, agent) = registered::<T>()?;
		let bonded = Registry::<T>::get(&agent).map(|a| a.bonded).unwrap_or_default();

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone(), bonded);

		assert!(Registry::<T>::get(&agent).is_some_and(|a| a.suspended));
		Ok(())
	}

	#[benchmark]
	/// The chunks all due, with the most open reports (filed after the chunks matured, so that
	/// none holds them) to look through.
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		let (operator, agent) = registered::<T>()?;
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get()),
		);
		for i in 0..T::MaxOpenReports::get() {
			let reporter = funded::<T>("reporter", i);
			Pallet::<T>::report(RawOrigin::Signed(reporter).into(), agent.clone(), H256::repeat_byte(3))
				.map_err(|_| BenchmarkError::Stop("report"))?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone());

		assert!(Registry::<T>::get(&agent).is_some_and(|a| a.unbonding.is_empty()));
		Ok(())
	}

	#[benchmark]
	fn set_allowance() -> Result<(), BenchmarkError> {
		let (operator, agent) = registered::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone(), 5u32.into());

		assert!(Registry::<T>::get(&agent).is_some_and(|a| a.allowance == 5u32.into()));
		Ok(())
	}

	#[benchmark]
	fn deregister() -> Result<(), BenchmarkError> {
		let operator = funded::<T>("operator", 0);
		let (agent, until, consent) = consenting::<T>(&operator);
		Pallet::<T>::register_agent(
			RawOrigin::Signed(operator.clone()).into(),
			agent.clone(),
			metadata::<T>(),
			T::MinStake::get(),
			Zero::zero(),
			until,
			consent,
		)
		.map_err(|_| BenchmarkError::Stop("register"))?;
		Registry::<T>::mutate(&agent, |a| {
			if let Some(a) = a {
				a.bonded = Zero::zero();
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), agent.clone());

		assert!(!Registry::<T>::contains_key(&agent));
		Ok(())
	}

	#[benchmark]
	fn report() -> Result<(), BenchmarkError> {
		let (_, agent) = registered::<T>()?;
		let reporter = funded::<T>("reporter", 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), agent.clone(), H256::repeat_byte(2));

		assert!(Registry::<T>::get(&agent).is_some_and(|a| a.open_reports == 1));
		Ok(())
	}

	/// Upheld, slashing the bonded stake and every unbonding chunk, suspending the agent.
	#[benchmark]
	fn resolve_report() -> Result<(), BenchmarkError> {
		let (_, agent) = registered::<T>()?;
		let (_, id) = reported::<T>(&agent)?;
		let origin = T::ArbiterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true, Perbill::from_percent(90));

		assert!(Registry::<T>::get(&agent).is_some_and(|a| a.suspended && a.open_reports == 0));
		Ok(())
	}

	#[benchmark]
	fn expire_report() -> Result<(), BenchmarkError> {
		let (_, agent) = registered::<T>()?;
		let (reporter, id) = reported::<T>(&agent)?;
		let later: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number().saturating_add(T::ReportPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), id);

		assert!(!Reports::<T>::contains_key(id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
