//! Benchmarks of every call and of the deadline hook, each in its worst case; each is also a
//! test.
//!
//! The worst job to finalise: every member revealed `MaxShares` contributions no other member
//! named, so every median is zero — consensus computes in full, finds nothing, and falls back to
//! the lineage — and every member, one strike short of `MaxStrikes`, is struck and slashed.
//! Jobs need a registered model: the runtime provides one through `Config::BenchmarkHelper`.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get, Hooks,
};
use frame_system::RawOrigin;
use openledger_primitives::attribution::{commitment, ContributionRef, PARTS_PER_MILLION};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating};

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let plenty = T::Currency::minimum_balance()
		.saturating_mul(1_000_000u32.into())
		.saturating_add(T::MinBond::get().saturating_mul(1_000u32.into()));
	T::Currency::set_balance(&who, plenty);
	who
}

/// `n` registered attestors.
fn attestors<T: Config>(n: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	(0..n)
		.map(|i| {
			let who = funded::<T>("attestor", i);
			Pallet::<T>::register_attestor(RawOrigin::Signed(who.clone()).into(), T::MinBond::get())?;
			Ok(who)
		})
		.collect()
}

fn request(model: openledger_primitives::models::ModelId, n: u64) -> JobRequest {
	JobRequest {
		model,
		subject: Subject::Inference { inference: n, input: H256::repeat_byte(1), output: H256::repeat_byte(2) },
	}
}

/// Member `m`'s answer: `MaxShares` contributions of its own.
fn answer<T: Config>(m: u32) -> Vec<Share> {
	let k = T::MaxShares::get();
	// k > 0: the pallet's integrity test requires it
	let part = PARTS_PER_MILLION.checked_div(k).unwrap_or(PARTS_PER_MILLION);
	(0..k).map(|i| Share { contribution: ContributionRef { datanet: m, index: i }, ppm: part }).collect()
}

/// `jobs` open jobs with the whole committee (all `members`) committed to answers of their own,
/// everyone but the last revealed, everyone a strike short of a slash.
fn worst_jobs<T: Config>(jobs: u32) -> Result<(Vec<T::AccountId>, Vec<JobId>), BenchmarkError> {
	let members = attestors::<T>(T::CommitteeSize::get())?;
	let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model()?;
	let salt = [7u8; 32];
	let ids = (0..jobs).map(|n| Pallet::<T>::open(request(model, u64::from(n)))).collect::<Result<Vec<_>, _>>()?;
	if ids.is_empty() {
		return Ok((members, ids));
	}
	for (m, who) in members.iter().enumerate() {
		let shares = answer::<T>(m as u32);
		let c = commitment(&shares, &salt, who);
		let commits = ids.iter().map(|id| (*id, c)).collect();
		Pallet::<T>::commit(RawOrigin::Signed(who.clone()).into(), commits)?;
	}
	for (m, who) in members.iter().enumerate().take(members.len().saturating_sub(1)) {
		let reveals = ids.iter().map(|id| Reveal { job: *id, shares: answer::<T>(m as u32), salt }).collect();
		Pallet::<T>::reveal(RawOrigin::Signed(who.clone()).into(), reveals)?;
	}
	for who in members.iter() {
		Attestors::<T>::mutate(who, |a| {
			if let Some(a) = a {
				a.strikes = T::MaxStrikes::get().saturating_sub(1);
			}
		});
	}
	Ok((members, ids))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_attestor() -> Result<(), BenchmarkError> {
		attestors::<T>(T::MaxAttestors::get().saturating_sub(1))?;
		let who = funded::<T>("new", 0);
		let bond = T::MinBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bond);

		assert_eq!(ActiveAttestors::<T>::get().len() as u32, T::MaxAttestors::get());
		Ok(())
	}

	#[benchmark]
	fn unregister() -> Result<(), BenchmarkError> {
		let who = attestors::<T>(T::MaxAttestors::get())?.pop().ok_or("no attestor")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(matches!(Attestors::<T>::get(&who).map(|a| a.state), Some(AttestorState::Unbonding { .. })));
		Ok(())
	}

	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		let who = attestors::<T>(1)?.pop().ok_or("no attestor")?;
		Pallet::<T>::unregister(RawOrigin::Signed(who.clone()).into())?;
		let later = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Attestors::<T>::get(&who).is_none());
		Ok(())
	}

	#[benchmark]
	fn commit(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let members = attestors::<T>(T::CommitteeSize::get())?;
		let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model()?;
		let ids = (0..n).map(|k| Pallet::<T>::open(request(model, u64::from(k)))).collect::<Result<Vec<_>, _>>()?;
		let who = members.first().cloned().ok_or("no attestor")?;
		let commits: Vec<(JobId, H256)> = ids.iter().map(|id| (*id, H256::repeat_byte(3))).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commits);

		assert!(ids
			.iter()
			.all(|id| Jobs::<T>::get(id).and_then(|j| j.member(&who).and_then(|m| m.commitment)).is_some()));
		Ok(())
	}

	#[benchmark]
	fn reveal(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let (members, ids) = worst_jobs::<T>(n)?;
		let last = members.len().saturating_sub(1);
		let who = members.last().cloned().ok_or("no attestor")?;
		let reveals: Vec<Reveal> =
			ids.iter().map(|id| Reveal { job: *id, shares: answer::<T>(last as u32), salt: [7u8; 32] }).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), reveals);

		assert!(ids.iter().all(Results::<T>::contains_key));
		Ok(())
	}

	#[benchmark]
	fn open_job(b: Linear<0, { T::MaxQueryLen::get().saturating_mul(2) }>) -> Result<(), BenchmarkError> {
		attestors::<T>(T::MaxAttestors::get())?;
		let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model()?;
		let input = vec![1u8; (b / 2) as usize];
		let output = vec![2u8; b.saturating_sub(b / 2) as usize];
		let id = NextJobId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Root, model, 0, input, output);

		assert_eq!(Jobs::<T>::get(id).map(|j| j.committee.len() as u32), Some(T::CommitteeSize::get()));
		Ok(())
	}

	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxJobsPerBlock::get() }>) -> Result<(), BenchmarkError> {
		let (_, ids) = worst_jobs::<T>(n)?;
		let due = match ids.first() {
			Some(first) => Jobs::<T>::get(first).map(|j| j.reveal_deadline).ok_or("job not open")?,
			None => frame_system::Pallet::<T>::block_number().saturating_add(One::one()),
		};
		frame_system::Pallet::<T>::set_block_number(due);

		#[block]
		{
			Pallet::<T>::on_initialize(due);
		}

		assert!(ids.iter().all(Results::<T>::contains_key));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
