//! Benchmarks of every call and of the hooks, each in its worst case; each is also a test.
//!
//! The worst job to finalise: its committee drawn from a full active set, every member one
//! strike short of `MaxStrikes`; a bare majority of the seats revealed one answer naming
//! `MaxShares` lineage contributions, every other member an answer of its own naming as many
//! others, so consensus weighs the most distinct contributions, the result pays `MaxShares`
//! contributions, and every member outside the majority is struck and slashed. Jobs need a
//! registered model whose lineage holds those contributions: the runtime provides one through
//! `Config::BenchmarkHelper`.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get, Hooks,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use openledger_primitives::attribution::{commitment, Answer, ContributionRef, JobLoad, Share, PARTS_PER_MILLION};
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

/// The seats that agree in the worst job: a bare majority.
fn majority<T: Config>() -> u32 {
	T::CommitteeSize::get().saturating_div(2).saturating_add(1)
}

/// The lineage contributions the worst jobs' answers name: `MaxShares` for the majority and as
/// many for each other seat.
fn contributions_needed<T: Config>() -> u32 {
	let others = T::CommitteeSize::get().saturating_sub(majority::<T>());
	T::MaxShares::get().saturating_mul(others.saturating_add(1))
}

/// Seat `seat`'s answer in the worst job: the majority's shares, or shares of its own.
fn answer<T: Config>(seat: u32, lineage: &[ContributionRef]) -> Answer {
	let k = T::MaxShares::get();
	// k > 0: the pallet's integrity test requires it
	let part = PARTS_PER_MILLION.checked_div(k).unwrap_or(PARTS_PER_MILLION);
	let block = seat.saturating_add(1).saturating_sub(majority::<T>());
	let first = block.saturating_mul(k) as usize;
	Answer::Shares(lineage.iter().skip(first).take(k as usize).map(|c| Share { contribution: *c, ppm: part }).collect())
}

/// Moves to the next block and draws the committees of the jobs waiting (the attestors' work
/// worked off first, as the block's hook does).
fn next_block<T: Config>() {
	let next = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
	frame_system::Pallet::<T>::set_block_number(next);
	WorkBacklog::<T>::kill();
	Pallet::<T>::draw_waiting(next);
}

/// Opens `n` jobs of `model`, paid by `payer`, as many a block as a block draws; leaves the
/// last block's jobs waiting.
fn open_jobs<T: Config>(
	n: u32,
	model: openledger_primitives::models::ModelId,
	payer: &T::AccountId,
) -> Result<Vec<JobId>, BenchmarkError> {
	(0..n)
		.map(|k| {
			if Pallet::<T>::waiting_jobs() >= u64::from(T::MaxJobsPerBlock::get()) {
				next_block::<T>();
			}
			Ok(Pallet::<T>::open(request(model, u64::from(k)), JobLoad::one(&[]), Some(payer))?)
		})
		.collect()
}

/// The worst jobs' committee (in committee order), the jobs, and their lineage's contributions.
type WorstJobs<T> = (Vec<<T as frame_system::Config>::AccountId>, Vec<JobId>, Vec<ContributionRef>);

/// The worst jobs (see the module docs), `jobs` of them, opened and drawn: every member
/// committed, every member but the last (in committee order) revealed. Exactly a committee
/// of attestors is active, so every job has the same members (drawing is measured apart).
fn worst_jobs<T: Config>(jobs: u32) -> Result<WorstJobs<T>, BenchmarkError> {
	attestors::<T>(T::CommitteeSize::get())?;
	let (model, lineage) = <T::BenchmarkHelper as crate::BenchmarkHelper>::model(contributions_needed::<T>())?;
	let payer = funded::<T>("payer", 0);
	let ids = open_jobs::<T>(jobs, model, &payer)?;
	next_block::<T>();
	let salt = [7u8; 32];
	let Some(first) = ids.first() else { return Ok((Vec::new(), ids, lineage)) };
	let members: Vec<T::AccountId> =
		Jobs::<T>::get(first).ok_or("job not open")?.committee.iter().map(|m| m.account.clone()).collect();
	for id in ids.iter() {
		let job = Jobs::<T>::get(id).ok_or("job not open")?;
		for (seat, m) in job.committee.iter().enumerate() {
			let c = commitment(&answer::<T>(seat as u32, &lineage), &salt, &m.account);
			Pallet::<T>::commit(RawOrigin::Signed(m.account.clone()).into(), vec![(*id, c)])?;
		}
		for (seat, m) in job.committee.iter().enumerate().take(job.committee.len().saturating_sub(1)) {
			let reveal = Reveal { job: *id, answer: answer::<T>(seat as u32, &lineage), salt };
			Pallet::<T>::reveal(RawOrigin::Signed(m.account.clone()).into(), vec![reveal])?;
		}
		for m in job.committee.iter() {
			Attestors::<T>::mutate(&m.account, |a| {
				if let Some(a) = a {
					a.strikes = T::MaxStrikes::get().saturating_sub(1);
				}
			});
		}
	}
	Ok((members, ids, lineage))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_attestor() -> Result<(), BenchmarkError> {
		attestors::<T>(T::MaxAttestors::get())?;
		let who = funded::<T>("new", 0);
		// a full set: the newcomer displaces the smallest bond
		let bond = T::MinBond::get().saturating_add(One::one());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bond);

		let active = ActiveAttestors::<T>::get();
		assert_eq!(active.len() as u32, T::MaxAttestors::get());
		assert!(active.iter().any(|(a, _)| a == &who));
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
		let (model, _) = <T::BenchmarkHelper as crate::BenchmarkHelper>::model(0)?;
		let ids = open_jobs::<T>(n, model, &funded::<T>("payer", 0))?;
		next_block::<T>();
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
		let (members, ids, lineage) = worst_jobs::<T>(n)?;
		let last = members.len().saturating_sub(1) as u32;
		let who = members.last().cloned().ok_or("no attestor")?;
		let reveals: Vec<Reveal> =
			ids.iter().map(|id| Reveal { job: *id, answer: answer::<T>(last, &lineage), salt: [7u8; 32] }).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), reveals);

		assert!(ids.iter().all(Results::<T>::contains_key));
		Ok(())
	}

	#[benchmark]
	fn open_job(b: Linear<0, { T::MaxQueryLen::get().saturating_mul(2) }>) -> Result<(), BenchmarkError> {
		// its lineage's versions are read for its work
		let (model, _) = <T::BenchmarkHelper as crate::BenchmarkHelper>::model(0)?;
		let input = vec![1u8; (b / 2) as usize];
		let output = vec![2u8; b.saturating_sub(b / 2) as usize];
		let id = NextJobId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Root, model, 0, input, output);

		assert!(Waiting::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn draw_committees(n: Linear<0, { T::MaxJobsPerBlock::get() }>) -> Result<(), BenchmarkError> {
		attestors::<T>(T::MaxAttestors::get())?;
		let (model, _) = <T::BenchmarkHelper as crate::BenchmarkHelper>::model(0)?;
		let ids = open_jobs::<T>(n, model, &funded::<T>("payer", 0))?;
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::draw_waiting(now);
		}

		assert!(ids
			.iter()
			.all(|id| Jobs::<T>::get(id).is_some_and(|j| j.committee.len() as u32 == T::CommitteeSize::get())));
		Ok(())
	}

	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxJobsPerBlock::get() }>) -> Result<(), BenchmarkError> {
		let (_, ids, _) = worst_jobs::<T>(n)?;
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

	#[benchmark]
	fn expire(n: Linear<0, { T::MaxJobsPerBlock::get().saturating_mul(2) }>) -> Result<(), BenchmarkError> {
		// `n` results at their longest encoding, final in block 1, whose retention is over
		let shares: Vec<Share> = (0..T::MaxShares::get())
			.map(|index| Share { contribution: ContributionRef { datanet: 0, index }, ppm: 1 })
			.collect();
		let agreed: Vec<T::AccountId> = (0..T::CommitteeSize::get()).map(|i| account("attestor", i, 0)).collect();
		for id in 0..u64::from(n) {
			let result = JobResult::<T> {
				request: request(0, id),
				data: StoredShares::Contributions(BoundedVec::truncate_from(shares.clone())),
				agreed: BoundedVec::truncate_from(agreed.clone()),
				final_at: One::one(),
			};
			Results::<T>::insert(id, result);
		}
		NextJobId::<T>::put(u64::from(n));
		let now = T::Retention::get().saturating_add(2u32.into());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::expire(now);
		}

		assert_eq!(ExpiryCursor::<T>::get(), u64::from(n));
		assert_eq!(Results::<T>::iter_keys().count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
