//! Jobs and their committees: opening a job (its committee drawn, its deadline scheduled),
//! commitments and reveals, and finalisation — consensus or fallback, strikes, the result
//! announced to settlement.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::{Get, Randomness},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	attribution::{
		self as attr, AttributionProvider, DataShares, FinalAttribution, JobId, JobRequest, OnAttributionFinal, Share,
	},
	datanets::{DatanetId, DatanetVersions},
	models::ModelCatalog,
};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating};

use crate::{
	consensus, Assignments, BalanceOf, CommitteeMember, Config, Deadlines, Error, Event, Job, JobResult, Jobs,
	NextJobId, Pallet, Results, Reveal, Reveals, StoredShares, WeightInfo, DOMAIN,
};

/// A revealed answer at finalisation: the member, their weight, their shares.
type Answer<T> = (<T as frame_system::Config>::AccountId, u128, BoundedVec<Share, <T as Config>::MaxShares>);

impl<T: Config> Pallet<T> {
	/// Opens a job: draws its committee, assigns it, schedules its deadline.
	pub fn open(request: JobRequest) -> Result<JobId, DispatchError> {
		ensure!(T::Models::model(request.model).is_some(), Error::<T>::UnknownModel);
		let id = NextJobId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let commit_deadline = now.saturating_add(T::CommitPeriod::get());
		let natural = commit_deadline.saturating_add(T::RevealPeriod::get());
		let reveal_deadline = Self::schedule(id, natural)?;
		let committee = Self::draw(id);
		for member in committee.iter() {
			Assignments::<T>::insert(&member.account, id, ());
		}
		let accounts = committee.iter().map(|m| m.account.clone()).collect();
		Jobs::<T>::insert(id, Job { request, committee, opened_at: now, commit_deadline, reveal_deadline });
		NextJobId::<T>::put(id.saturating_add(1));
		Self::deposit_event(Event::JobOpened { job: id, request, committee: accounts, reveal_deadline });
		Ok(id)
	}

	/// Puts `job` in the first deadline bucket from `natural` with room.
	fn schedule(job: JobId, natural: BlockNumberFor<T>) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut at = natural;
		for _ in 0..T::MaxJobsPerBlock::get() {
			if Deadlines::<T>::mutate(at, |due| due.try_push(job).is_ok()) {
				return Ok(at);
			}
			at = at.saturating_add(One::one());
		}
		Err(Error::<T>::TooManyJobs.into())
	}

	/// Draws job `id`'s committee: up to `CommitteeSize` active attestors, without
	/// replacement, each draw proportional to bond. Sorted by account.
	pub fn draw(id: JobId) -> BoundedVec<CommitteeMember<T>, T::CommitteeSize> {
		let (seed, _) = T::Randomness::random(&(DOMAIN, b"committee", id).encode());
		let mut pool: Vec<(T::AccountId, BalanceOf<T>)> = crate::ActiveAttestors::<T>::get().into_inner();
		let mut chosen: Vec<CommitteeMember<T>> = Vec::new();
		for k in 0..T::CommitteeSize::get() {
			let total: u128 = pool.iter().fold(0u128, |sum, (_, b)| sum.saturating_add(Self::weight_of(*b)));
			if total == 0 {
				break;
			}
			let draw = (seed, k).using_encoded(sp_io::hashing::blake2_256);
			let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, ..] = draw;
			let mut point = u128::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15])
				.checked_rem(total)
				.unwrap_or(0);
			let pick = pool
				.iter()
				.position(|(_, bond)| {
					let w = Self::weight_of(*bond);
					if point < w {
						true
					} else {
						point = point.saturating_sub(w);
						false
					}
				})
				.unwrap_or(0);
			if pick < pool.len() {
				let (account, bond) = pool.remove(pick);
				chosen.push(CommitteeMember { account, bond, commitment: None, revealed: false });
			}
		}
		chosen.sort_by(|a, b| a.account.cmp(&b.account));
		BoundedVec::truncate_from(chosen)
	}

	/// A bond as a weight.
	fn weight_of(bond: BalanceOf<T>) -> u128 {
		bond.try_into().unwrap_or(u128::MAX)
	}

	/// Whether the revealed bond of `job` reaches the quorum.
	fn has_quorum(job: &Job<T>) -> bool {
		let (mut all, mut revealed) = (0u128, 0u128);
		for m in job.committee.iter() {
			all = all.saturating_add(Self::weight_of(m.bond));
			if m.revealed {
				revealed = revealed.saturating_add(Self::weight_of(m.bond));
			}
		}
		revealed > 0 && revealed >= T::Quorum::get().mul_ceil(all)
	}

	/// A batch is non-empty, at most `MaxBatch` long, and names each job once.
	fn check_batch(jobs: impl Iterator<Item = JobId> + Clone) -> DispatchResult {
		let len = jobs.clone().count();
		ensure!(len > 0 && len <= T::MaxBatch::get() as usize, Error::<T>::BadBatch);
		let mut seen: Vec<JobId> = jobs.collect();
		seen.sort_unstable();
		seen.dedup();
		ensure!(seen.len() == len, Error::<T>::DuplicateInBatch);
		Ok(())
	}

	/// Records `who`'s commitments; all or nothing.
	pub(crate) fn do_commit(who: T::AccountId, commitments: Vec<(JobId, H256)>) -> DispatchResult {
		Self::check_batch(commitments.iter().map(|(job, _)| *job))?;
		let now = frame_system::Pallet::<T>::block_number();
		for (id, commitment) in commitments {
			let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
			ensure!(now < job.commit_deadline, Error::<T>::CommitClosed);
			let member = job.committee.iter_mut().find(|m| m.account == who).ok_or(Error::<T>::NotMember)?;
			ensure!(member.commitment.is_none(), Error::<T>::AlreadyCommitted);
			member.commitment = Some(commitment);
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::Committed { job: id, attestor: who.clone() });
		}
		Ok(())
	}

	/// Records `who`'s reveals, making final each job they complete; all or nothing.
	pub(crate) fn do_reveal(who: T::AccountId, reveals: Vec<Reveal>) -> DispatchResult {
		Self::check_batch(reveals.iter().map(|r| r.job))?;
		let now = frame_system::Pallet::<T>::block_number();
		for Reveal { job: id, shares, salt } in reveals {
			let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
			ensure!(job.reveal_open(now), Error::<T>::RevealClosed);
			let shares: BoundedVec<Share, T::MaxShares> = shares.try_into().map_err(|_| Error::<T>::TooManyShares)?;
			ensure!(attr::well_formed(&shares), Error::<T>::MalformedShares);
			let member = job.committee.iter_mut().find(|m| m.account == who).ok_or(Error::<T>::NotMember)?;
			let commitment = member.commitment.ok_or(Error::<T>::NotCommitted)?;
			ensure!(!member.revealed, Error::<T>::AlreadyRevealed);
			ensure!(attr::commitment(&shares, &salt, &who) == commitment, Error::<T>::CommitmentMismatch);
			member.revealed = true;
			Reveals::<T>::insert(id, &who, shares);
			let complete = job.all_committed_revealed() && Self::has_quorum(&job);
			let deadline = job.reveal_deadline;
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::Revealed { job: id, attestor: who.clone() });
			if complete {
				Deadlines::<T>::mutate(deadline, |due| due.retain(|j| *j != id));
				Self::finalise(id, now);
			}
		}
		Ok(())
	}

	/// Makes job `id` final at `now`: consensus or fallback, strikes, the result stored and
	/// announced, the job's records removed.
	pub fn finalise(id: JobId, now: BlockNumberFor<T>) {
		let Some(job) = Jobs::<T>::take(id) else { return };
		let answers: Vec<Answer<T>> = job
			.committee
			.iter()
			.filter_map(|m| Reveals::<T>::take(id, &m.account).map(|s| (m.account.clone(), Self::weight_of(m.bond), s)))
			.collect();
		let quorum = Self::has_quorum(&job);
		let agreed_consensus = if quorum {
			let weighed: Vec<(&[Share], u128)> = answers.iter().map(|(_, w, s)| (s.as_slice(), *w)).collect();
			Some(consensus::consensus(&weighed, T::MaxShares::get() as usize))
		} else {
			None
		};
		let mut agreed: Vec<T::AccountId> = Vec::new();
		for m in job.committee.iter() {
			Assignments::<T>::remove(&m.account, id);
			let answer = answers.iter().find(|(a, _, _)| a == &m.account).map(|(_, _, s)| s);
			match (&agreed_consensus, answer) {
				(Some(c), Some(s)) if consensus::distance(s, c) <= T::Tolerance::get() => {
					agreed.push(m.account.clone());
					Self::pardon(&m.account);
				},
				// revealed without a quorum: no consensus to judge against
				(None, Some(_)) => {},
				_ => Self::strike(&m.account, id),
			}
		}
		let data = match agreed_consensus {
			Some(c) if !c.is_empty() => DataShares::Contributions(c),
			_ => DataShares::Datanets(Self::fallback(&job.request)),
		};
		let stored = match &data {
			DataShares::Contributions(c) => StoredShares::Contributions(BoundedVec::truncate_from(c.clone())),
			DataShares::Datanets(d) => StoredShares::Datanets(BoundedVec::truncate_from(d.clone())),
		};
		match &data {
			DataShares::Contributions(c) => {
				Self::deposit_event(Event::AttributionFinal { job: id, shares: c.len() as u32, agreed: agreed.clone() })
			},
			DataShares::Datanets(d) => {
				Self::deposit_event(Event::AttributionFellBack { job: id, datanets: d.clone(), agreed: agreed.clone() })
			},
		}
		Results::<T>::insert(
			id,
			JobResult {
				request: job.request,
				data: stored,
				agreed: BoundedVec::truncate_from(agreed.clone()),
				final_at: now,
			},
		);
		T::OnFinal::on_attribution_final(&FinalAttribution { job: id, request: job.request, data, agreed });
	}

	/// The lineage datanets of the request's model, pro rata to their accepted
	/// contributions (a datanet in several lineage versions counts with its largest).
	pub fn fallback(request: &JobRequest) -> Vec<(DatanetId, u32)> {
		let Some(model) = T::Models::model(request.model) else { return Vec::new() };
		let mut counts: Vec<(DatanetId, u128)> = Vec::new();
		for (datanet, version) in model.lineage.into_iter().take(T::MaxLineage::get() as usize) {
			let n = T::Datanets::version(datanet, version).map_or(0, |v| u128::from(v.contributions));
			match counts.iter_mut().find(|(d, _)| *d == datanet) {
				Some((_, count)) => *count = (*count).max(n),
				None => counts.push((datanet, n)),
			}
		}
		consensus::pro_rata(&counts)
	}

	/// The final attribution of `job`, as the runtime APIs show it.
	pub fn result_view(job: JobId) -> Option<openledger_primitives::api::AttributionView<T::AccountId>> {
		let result = Results::<T>::get(job)?;
		let (contributions, datanets) = match result.data {
			StoredShares::Contributions(c) => (c.into_inner(), Vec::new()),
			StoredShares::Datanets(d) => (Vec::new(), d.into_inner()),
		};
		Some(openledger_primitives::api::AttributionView {
			contributions,
			datanets,
			agreed: result.agreed.into_inner(),
		})
	}

	/// Every open job is due in the deadline bucket of its reveal deadline; its committee
	/// members are assigned to it; its reveals belong to members who revealed; every
	/// assignment is to a job the attestor sits on.
	pub(crate) fn try_state_jobs() -> Result<(), sp_runtime::TryRuntimeError> {
		for (id, job) in Jobs::<T>::iter() {
			ensure!(Deadlines::<T>::get(job.reveal_deadline).contains(&id), "open job not due");
			for m in job.committee.iter() {
				ensure!(Assignments::<T>::contains_key(&m.account, id), "member not assigned");
				ensure!(m.revealed == Reveals::<T>::contains_key(id, &m.account), "reveal without a revealed member");
			}
		}
		for (who, id, ()) in Assignments::<T>::iter() {
			ensure!(Jobs::<T>::get(id).is_some_and(|j| j.member(&who).is_some()), "assignment to no job");
		}
		Ok(())
	}
}

impl<T: Config> AttributionProvider for Pallet<T> {
	fn open_job(request: JobRequest) -> Result<JobId, DispatchError> {
		Pallet::<T>::open(request)
	}

	fn open_job_weight() -> frame_support::weights::Weight {
		T::WeightInfo::open_job(0)
	}
}
