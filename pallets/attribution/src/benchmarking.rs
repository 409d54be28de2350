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
use openledger_primitives::attribution::{commitment, ContributionRef};
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
fn attestors<T: Config>(n: u32) -> Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let who = funded::<T>("attestor", i);
			assert!(Pallet::<T>::register_attestor(RawOrigin::Signed(who.clone()).into(), T::MinBond::get()).is_ok());
			who
		})
		.collect()
}

fn request<T: Config>(model: openledger_primitives::models::ModelId, n: u64) -> JobRequest {
	JobRequest {
		model,
		subject: Subject::Inference { inference: n, input: H256::repeat_byte(1), output: H256::repeat_byte(2) },
	}
}

/// Member `m`'s answer: `MaxShares` contributions of its own.
fn answer<T: Config>(m: u32) -> Vec<Share> {
	let k = T::MaxShares::get();
	let part = PARTS_PER_MILLION_U32 / k;
	(0..k).map(|i| Share { contribution: ContributionRef { datanet: m, index: i }, ppm: part }).collect()
}

const PARTS_PER_MILLION_U32: u32 = openledger_primitives::attribution::PARTS_PER_MILLION;

/// `jobs` open jobs with the whole committee (all `members`) committed to answers of their own,
/// everyone but the last revealed, everyone a strike short of a slash.
fn worst_jobs<T: Config>(jobs: u32) -> (Vec<T::AccountId>, Vec<JobId>) {
	let members = attestors::<T>(T::CommitteeSize::get());
	let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model();
	let salt = [7u8; 32];
	let ids: Vec<JobId> = (0..jobs)
		.map(|n| {
			let id = Pallet::<T>::open(request::<T>(model, u64::from(n))).unwrap_or_default();
			id
		})
		.collect();
	if ids.is_empty() {
		return (members, ids);
	}
	for (m, who) in members.iter().enumerate() {
		let shares = answer::<T>(m as u32);
		let c = commitment(&shares, &salt, who);
		let commits = ids.iter().map(|id| (*id, c)).collect();
		assert!(Pallet::<T>::commit(RawOrigin::Signed(who.clone()).into(), commits).is_ok());
	}
	for (m, who) in members.iter().enumerate().take(members.len().saturating_sub(1)) {
		let reveals = ids.iter().map(|id| Reveal { job: *id, shares: answer::<T>(m as u32), salt }).collect();
		assert!(Pallet::<T>::reveal(RawOrigin::Signed(who.clone()).into(), reveals).is_ok());
	}
	for who in members.iter() {
		Attestors::<T>::mutate(who, |a| {
			if let Some(a) = a {
				a.strikes = T::MaxStrikes::get().saturating_sub(1);
			}
		});
	}
	(members, ids)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_attestor() {
		attestors::<T>(T::MaxAttestors::get().saturating_sub(1));
		let who = funded::<T>("new", 0);
		let bond = T::MinBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bond);

		assert_eq!(ActiveAttestors::<T>::get().len() as u32, T::MaxAttestors::get());
	}

	#[benchmark]
	fn unregister() {
		let all = attestors::<T>(T::MaxAttestors::get());
		let who = all.last().cloned().unwrap_or_else(|| funded::<T>("none", 0));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(matches!(Attestors::<T>::get(&who).map(|a| a.state), Some(AttestorState::Unbonding { .. })));
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let who = attestors::<T>(1).pop().unwrap_or_else(|| funded::<T>("none", 0));
		assert!(Pallet::<T>::unregister(RawOrigin::Signed(who.clone()).into()).is_ok());
		let later = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Attestors::<T>::get(&who).is_none());
	}

	#[benchmark]
	fn commit(n: Linear<1, { T::MaxBatch::get() }>) {
		let members = attestors::<T>(T::CommitteeSize::get());
		let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model();
		let ids: Vec<JobId> =
			(0..n).map(|k| Pallet::<T>::open(request::<T>(model, u64::from(k))).unwrap_or_default()).collect();
		let who = members.first().cloned().unwrap_or_else(|| funded::<T>("none", 0));
		let commits: Vec<(JobId, H256)> = ids.iter().map(|id| (*id, H256::repeat_byte(3))).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commits);

		assert!(ids
			.iter()
			.all(|id| Jobs::<T>::get(id).and_then(|j| j.member(&who).and_then(|m| m.commitment)).is_some()));
	}

	#[benchmark]
	fn reveal(n: Linear<1, { T::MaxBatch::get() }>) {
		let (members, ids) = worst_jobs::<T>(n);
		let last = members.len().saturating_sub(1);
		let who = members.last().cloned().unwrap_or_else(|| funded::<T>("none", 0));
		let reveals: Vec<Reveal> =
			ids.iter().map(|id| Reveal { job: *id, shares: answer::<T>(last as u32), salt: [7u8; 32] }).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), reveals);

		assert!(ids.iter().all(|id| Results::<T>::contains_key(id)));
	}

	#[benchmark]
	fn open_job(b: Linear<0, { T::MaxQueryLen::get().saturating_mul(2) }>) {
		attestors::<T>(T::MaxAttestors::get());
		let model = <T::BenchmarkHelper as crate::BenchmarkHelper>::model();
		let input = vec![1u8; (b / 2) as usize];
		let output = vec![2u8; b.saturating_sub(b / 2) as usize];
		let id = NextJobId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Root, model, 0, input, output);

		assert_eq!(Jobs::<T>::get(id).map(|j| j.committee.len() as u32), Some(T::CommitteeSize::get()));
	}

	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxJobsPerBlock::get() }>) {
		let (_, ids) = worst_jobs::<T>(n);
		let due = Jobs::<T>::get(ids.first().copied().unwrap_or_default())
			.map(|j| j.reveal_deadline)
			.unwrap_or_else(|| frame_system::Pallet::<T>::block_number().saturating_add(One::one()));
		frame_system::Pallet::<T>::set_block_number(due);

		#[block]
		{
			Pallet::<T>::on_initialize(due);
		}

		assert!(ids.iter().all(|id| Results::<T>::contains_key(id)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
