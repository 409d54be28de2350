//! Jobs and their committees: opening a job (its fee held, its deadline set), drawing its
//! committee in the next block, commitments and reveals, and finalisation — a result, an
//! unscorable verdict or a fallback; strikes; the fee paid; the result announced to settlement.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get, Randomness,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	attribution::{
		self as attr, Answer, AttributionProvider, DataShares, FinalAttribution, JobId, JobLoad, JobRequest,
		LineageShare, OnAttributionFinal, Share, Unscorable,
	},
	datanets::{DatanetId, DatanetVersions, VersionNumber, VersionSummary},
	models::{bounds, ModelCatalog, ModelId, ModelSummary},
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128,
};

use crate::{
	consensus, Assignments, BalanceOf, CommitteeMember, Config, Deadlines, DrawCursor, Error, Event, ExpiryCursor,
	HoldReason, Job, JobFeeMultiplier, JobResult, Jobs, NextJobId, Pallet, Results, Reveal, Reveals, StoredAnswer,
	StoredShares, Waiting, WaitingTotal, WaitingWork, WeightInfo, WorkBacklog, DOMAIN,
};

/// How a job ends, decided by the seats of its committee.
pub(crate) enum Outcome<T: Config> {
	/// More than half of the seats revealed shares within tolerance of `shares` (which may be
	/// empty: nothing influenced the answer).
	Result { shares: Vec<Share>, agreed: Vec<T::AccountId> },
	/// More than half of the seats reported the job unscorable, `reason` the one most gave (by
	/// `named`); `proven` when more than half of the seats gave it.
	Unscorable { reason: Unscorable, reporters: Vec<T::AccountId>, named: Vec<T::AccountId>, proven: bool },
	/// Neither: no quorum, or no majority either way.
	Fallback,
}

impl<T: Config> Pallet<T> {
	/// What a job of `model` whose queries are `load` asks of an attestor's engine, in
	/// microseconds of the reference machine, counted from its lineage's versions: the model's
	/// first job ([`bounds::cold_start`]) and the job's own work ([`bounds::job_work`]). Nothing
	/// for a model beyond the bounds (registered before they were checked), which every attestor
	/// reports without computing anything.
	pub fn work_of(model: ModelId, load: JobLoad) -> (u64, u64) {
		T::Models::model(model).map_or((0, 0), |model| Self::work_of_summary(&model, load))
	}

	/// [`Pallet::work_of`] a model already read.
	fn work_of_summary(model: &ModelSummary, load: JobLoad) -> (u64, u64) {
		let versions = Self::lineage_versions(&model.lineage);
		let rows = bounds::rows(&versions);
		match bounds::check(&model.architecture, &versions) {
			Ok(()) => {
				(bounds::cold_start(&model.architecture, rows), bounds::job_work(&model.architecture, rows, load))
			},
			Err(_) => (0, 0),
		}
	}

	/// The summaries of a lineage's versions (those that exist).
	pub(crate) fn lineage_versions(lineage: &[(DatanetId, VersionNumber)]) -> Vec<VersionSummary> {
		lineage.iter().filter_map(|&(d, v)| T::Datanets::version(d, v)).collect()
	}

	/// The work one job fee pays for: what the attestors get through in a block shared by the
	/// jobs a block draws (62.5 ms in the runtime). A block's worth of the attestors' time costs
	/// a block's draws' fees, whether it is taken by 32 light jobs or by a sixth of a 12 s one,
	/// so holding the attestors busy costs the same per block whatever the jobs' sizes.
	pub fn fee_unit() -> u64 {
		T::WorkPerBlock::get().checked_div(u64::from(T::MaxJobsPerBlock::get())).unwrap_or(0).max(1)
	}

	/// What a job that puts `work` (µs) in the waiting line costs now: `JobFee` times the
	/// multiplier, once for each [`Pallet::fee_unit`] of the work begun, and at least once.
	pub fn fee_for(work: u64) -> BalanceOf<T> {
		let units = FixedU128::saturating_from_integer(work.div_ceil(Self::fee_unit()).max(1));
		JobFeeMultiplier::<T>::get().saturating_mul(units).saturating_mul_int(T::JobFee::get())
	}

	/// What a job of `model` whose queries are `load` costs now: the fee for the work it puts
	/// in the waiting line, its model's first job and its own queries (every job pays for the
	/// first job, as any may be the first of its model drawn in its block; a batch pays it once
	/// for all its queries). One fee for an unknown model.
	pub fn job_fee(model: ModelId, load: JobLoad) -> BalanceOf<T> {
		let work = T::Models::model(model).map_or(0, |m| {
			let (cold, own) = Self::work_of_summary(&m, load);
			cold.saturating_add(own)
		});
		Self::fee_for(work)
	}

	/// Opens a job whose queries are `load`, holding its fee (see [`Pallet::job_fee`]) from
	/// `payer` (none for root's jobs). It waits for its committee behind the jobs opened before it (see
	/// [`Pallet::draw_waiting`]). Refused if it alone, as its model's first job, is more work
	/// than the attestors answer in time (`JobTooLarge`), or if the waiting jobs are already
	/// `MaxWaitingJobs` (`TooManyJobs`) or hold `MaxWaitingWork` (`AttestorsBusy`): conditions
	/// that do not depend on the job's own size, so that a heavy model waits its turn like a
	/// light one rather than being shut out by light traffic.
	pub fn open(request: JobRequest, load: JobLoad, payer: Option<&T::AccountId>) -> Result<JobId, DispatchError> {
		let model = T::Models::model(request.model).ok_or(Error::<T>::UnknownModel)?;
		let (cold, own) = Self::work_of_summary(&model, load);
		let work = WaitingWork { cold, own };
		ensure!(work.total() <= T::MaxWorkBacklog::get(), Error::<T>::JobTooLarge);
		ensure!(Self::waiting_jobs() < u64::from(T::MaxWaitingJobs::get()), Error::<T>::TooManyJobs);
		let id = NextJobId::<T>::get();
		let total = WaitingTotal::<T>::get();
		ensure!(total <= T::MaxWaitingWork::get(), Error::<T>::AttestorsBusy);
		let fee = if payer.is_some() { Self::fee_for(work.total()) } else { Zero::zero() };
		if let Some(payer) = payer {
			if !fee.is_zero() {
				T::Currency::hold(&HoldReason::JobFee.into(), payer, fee)?;
			}
		}
		Waiting::<T>::insert(id, work);
		WaitingTotal::<T>::put(total.saturating_add(work.total()));
		let zero = BlockNumberFor::<T>::zero();
		Jobs::<T>::insert(
			id,
			Job {
				request,
				committee: BoundedVec::new(),
				opened_at: frame_system::Pallet::<T>::block_number(),
				commit_deadline: zero,
				reveal_deadline: zero,
				payer: payer.cloned(),
				fee,
			},
		);
		NextJobId::<T>::put(id.saturating_add(1));
		Self::deposit_event(Event::JobOpened { job: id, request, fee });
		Ok(id)
	}

	/// How many jobs wait for their committees: those from the draw cursor to the next id.
	pub(crate) fn waiting_jobs() -> u64 {
		NextJobId::<T>::get().saturating_sub(DrawCursor::<T>::get())
	}

	/// Draws the committees of waiting jobs, oldest first, in the first hook of block `now`
	/// (the seed mixes the last block's hash, which nobody knew when they were paid for): each
	/// adds its work to [`WorkBacklog`] (its model's first job only for the block's first draw on
	/// the model), and the draws stop at the first job that would take the backlog past
	/// `MaxWorkBacklog`, or after `MaxJobsPerBlock`. A drawn job's commit period starts now.
	/// Returns how many it drew.
	pub(crate) fn draw_waiting(now: BlockNumberFor<T>) -> u32 {
		let (mut cursor, end) = (DrawCursor::<T>::get(), NextJobId::<T>::get());
		if cursor >= end {
			return 0;
		}
		let mut backlog = WorkBacklog::<T>::get();
		let mut total = WaitingTotal::<T>::get();
		let mut counted: Vec<ModelId> = Vec::new();
		let commit_deadline = now.saturating_add(T::CommitPeriod::get());
		let reveal_deadline = commit_deadline.saturating_add(T::RevealPeriod::get());
		let mut due = Deadlines::<T>::get(reveal_deadline);
		let mut drawn = 0u32;
		while cursor < end && drawn < T::MaxJobsPerBlock::get() {
			// every id in the line is a job the pallet opened, with its work; were one not, it
			// is passed over (the line holds at most `MaxWaitingJobs`)
			let Some(work) = Waiting::<T>::get(cursor) else {
				cursor = cursor.saturating_add(1);
				continue;
			};
			let Some(mut job) = Jobs::<T>::get(cursor) else {
				Waiting::<T>::remove(cursor);
				total = total.saturating_sub(work.total());
				cursor = cursor.saturating_add(1);
				continue;
			};
			let model = job.request.model;
			let cold = if counted.contains(&model) { 0 } else { work.cold };
			let added = backlog.saturating_add(cold).saturating_add(work.own);
			// past the bound, the job waits; but a job alone above it (only after a runtime lowered
			// the bound while it waited) is drawn from an empty backlog rather than stall the line
			let over = added > T::MaxWorkBacklog::get() && backlog > 0;
			if over || due.try_push(cursor).is_err() {
				break;
			}
			if cold > 0 {
				counted.push(model);
			}
			backlog = added;
			total = total.saturating_sub(work.total());
			Waiting::<T>::remove(cursor);
			job.commit_deadline = commit_deadline;
			job.reveal_deadline = reveal_deadline;
			Self::seat_committee(cursor, job);
			cursor = cursor.saturating_add(1);
			drawn = drawn.saturating_add(1);
		}
		DrawCursor::<T>::put(cursor);
		WaitingTotal::<T>::put(total);
		WorkBacklog::<T>::put(backlog);
		if drawn > 0 {
			Deadlines::<T>::insert(reveal_deadline, due);
		}
		drawn
	}

	/// Draws job `id`'s committee, assigns its members to it and stores it.
	pub(crate) fn seat_committee(id: JobId, mut job: Job<T>) {
		job.committee = Self::draw(id);
		for member in job.committee.iter() {
			Assignments::<T>::insert(&member.account, id, ());
		}
		let committee = job.committee.iter().map(|m| m.account.clone()).collect();
		let (commit_deadline, reveal_deadline) = (job.commit_deadline, job.reveal_deadline);
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::CommitteeDrawn { job: id, committee, commit_deadline, reveal_deadline });
	}

	/// Moves the job fee multiplier towards the load this block's draws met, after `drawn` were
	/// drawn: the jobs that waited for them (those drawn and those still waiting) as a share of
	/// `MaxJobsPerBlock`, or the work still waiting as a share of `MaxWorkBacklog`, whichever is
	/// larger. Up by up to an eighth when the jobs would fill a block's draws, down as much
	/// when none waited, unchanged at half; a heavy job drawn at once raises nothing.
	pub(crate) fn adjust_job_fee(drawn: u32) {
		let waiting = Self::waiting_jobs().saturating_add(u64::from(drawn));
		let by_count = FixedU128::checked_from_rational(waiting, T::MaxJobsPerBlock::get().max(1)).unwrap_or_default();
		let by_work = FixedU128::checked_from_rational(WaitingTotal::<T>::get(), T::MaxWorkBacklog::get().max(1))
			.unwrap_or_default();
		let load = by_count.max(by_work).min(FixedU128::from_u32(1));
		let half = FixedU128::from_rational(1, 2);
		// (load − 1/2) / 4: within ±1/8
		let quarter = FixedU128::from_rational(1, 4);
		let step =
			if load > half { load.saturating_sub(half) } else { half.saturating_sub(load) }.saturating_mul(quarter);
		let max = FixedU128::saturating_from_integer(T::MaxJobFeeMultiplier::get().max(1));
		JobFeeMultiplier::<T>::mutate(|m| {
			let change = m.saturating_mul(step);
			*m = if load > half { m.saturating_add(change) } else { m.saturating_sub(change) };
			*m = (*m).max(FixedU128::from_u32(1)).min(max);
		});
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

	/// Whether `job` has its quorum: `Quorum` of its seats and of its bond revealed, each seat's
	/// bond counted up to the committee's median bond — so that no large bond can withhold the
	/// quorum (and force the fallback) by staying silent.
	fn has_quorum(job: &Job<T>) -> bool {
		let mut bonds: Vec<u128> = job.committee.iter().map(|m| Self::weight_of(m.bond)).collect();
		bonds.sort_unstable();
		let median = bonds.get(bonds.len() / 2).copied().unwrap_or(0);
		let (mut all, mut revealed, mut seats) = (0u128, 0u128, 0u32);
		for m in job.committee.iter() {
			let counted = Self::weight_of(m.bond).min(median);
			all = all.saturating_add(counted);
			if m.revealed {
				revealed = revealed.saturating_add(counted);
				seats = seats.saturating_add(1);
			}
		}
		let quorum = T::Quorum::get();
		seats > 0 && revealed >= quorum.mul_ceil(all) && seats >= quorum.mul_ceil(job.committee.len() as u32)
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

	/// Whether `contribution` is a member of one of `request`'s model's lineage versions.
	fn in_lineage(lineage: &[(DatanetId, openledger_primitives::datanets::VersionNumber)], share: &Share) -> bool {
		let c = share.contribution;
		lineage
			.iter()
			.any(|&(datanet, version)| datanet == c.datanet && T::Datanets::is_member(datanet, version, c.index))
	}

	/// `answer` as stored, if it is well formed: at most `MaxShares` shares, ascending, positive,
	/// summing to at most a million.
	fn stored_answer(answer: Answer) -> Result<StoredAnswer<T>, DispatchError> {
		match answer {
			Answer::Shares(shares) => {
				let shares: BoundedVec<Share, T::MaxShares> =
					shares.try_into().map_err(|_| Error::<T>::TooManyShares)?;
				ensure!(attr::well_formed(&shares), Error::<T>::MalformedShares);
				Ok(StoredAnswer::Shares(shares))
			},
			Answer::Unscorable(reason) => Ok(StoredAnswer::Unscorable(reason)),
		}
	}

	/// Whether every share of `answer` names a member of `request`'s model's lineage versions.
	fn answer_in_lineage(answer: &StoredAnswer<T>, request: &JobRequest) -> bool {
		match answer.shares() {
			Some(shares) if !shares.is_empty() => {
				let lineage = T::Models::model(request.model).map(|m| m.lineage).unwrap_or_default();
				shares.iter().all(|s| Self::in_lineage(&lineage, s))
			},
			_ => true,
		}
	}

	/// Records `who`'s reveals, making final each job they complete; all or nothing. Returns
	/// how many jobs became final.
	pub(crate) fn do_reveal(who: T::AccountId, reveals: Vec<Reveal>) -> Result<u32, DispatchError> {
		Self::check_batch(reveals.iter().map(|r| r.job))?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut finalised = 0u32;
		for Reveal { job: id, answer, salt } in reveals {
			let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
			ensure!(job.reveal_open(now), Error::<T>::RevealClosed);
			let commitment_of_answer = attr::commitment(&answer, &salt, &who);
			let stored = Self::stored_answer(answer)?;
			let member = job.committee.iter_mut().find(|m| m.account == who).ok_or(Error::<T>::NotMember)?;
			let commitment = member.commitment.ok_or(Error::<T>::NotCommitted)?;
			ensure!(!member.revealed, Error::<T>::AlreadyRevealed);
			ensure!(commitment_of_answer == commitment, Error::<T>::CommitmentMismatch);
			ensure!(Self::answer_in_lineage(&stored, &job.request), Error::<T>::NotInLineage);
			member.revealed = true;
			Reveals::<T>::insert(id, &who, stored);
			let complete = job.all_committed_revealed() && Self::has_quorum(&job);
			let deadline = job.reveal_deadline;
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::Revealed { job: id, attestor: who.clone() });
			if complete {
				Deadlines::<T>::mutate(deadline, |due| due.retain(|j| *j != id));
				Self::finalise(id, now);
				finalised = finalised.saturating_add(1);
			}
		}
		Ok(finalised)
	}

	/// How `job` ends, given the answers revealed: (member, answer) in committee order.
	pub(crate) fn outcome(job: &Job<T>, answers: &[(T::AccountId, StoredAnswer<T>)]) -> Outcome<T> {
		if !Self::has_quorum(job) {
			return Outcome::Fallback;
		}
		let seats = job.committee.len();
		let majority = |count: usize| count.saturating_mul(2) > seats;
		// every seat's answer counts the same: a large bond buys seats, never a heavier vote
		let scored: Vec<(&T::AccountId, &[Share])> =
			answers.iter().filter_map(|(who, a)| a.shares().map(|s| (who, s))).collect();
		let weighed: Vec<(&[Share], u128)> = scored.iter().map(|(_, s)| (*s, 1u128)).collect();
		let shares = consensus::consensus(&weighed, T::MaxShares::get() as usize);
		let agreed: Vec<T::AccountId> = scored
			.iter()
			.filter(|(_, s)| consensus::distance(s, &shares) <= T::Tolerance::get())
			.map(|(who, _)| (*who).clone())
			.collect();
		if majority(agreed.len()) {
			return Outcome::Result { shares, agreed };
		}
		let reporters: Vec<(T::AccountId, Unscorable)> =
			answers.iter().filter_map(|(who, a)| a.unscorable().map(|r| (who.clone(), r))).collect();
		if majority(reporters.len()) {
			// the reason most of them gave (ties to the first in declaration order)
			let mut counts: Vec<(Unscorable, usize)> = Vec::new();
			for (_, reason) in &reporters {
				match counts.iter_mut().find(|(r, _)| r == reason) {
					Some((_, n)) => *n = n.saturating_add(1),
					None => counts.push((*reason, 1)),
				}
			}
			counts.sort_by(|(ra, na), (rb, nb)| nb.cmp(na).then(ra.cmp(rb)));
			let (reason, named) = counts.first().copied().unwrap_or((Unscorable::MissingData, 0));
			let by_reason = reporters.iter().filter(|(_, r)| *r == reason).map(|(who, _)| who.clone()).collect();
			let reporters = reporters.into_iter().map(|(who, _)| who).collect();
			return Outcome::Unscorable { reason, reporters, named: by_reason, proven: majority(named) };
		}
		Outcome::Fallback
	}

	/// Makes job `id` final at `now`: its outcome, strikes, the fee paid, the result stored and
	/// announced, the job's records removed.
	pub fn finalise(id: JobId, now: BlockNumberFor<T>) {
		let Some(job) = Jobs::<T>::take(id) else { return };
		let answers: Vec<(T::AccountId, StoredAnswer<T>)> = job
			.committee
			.iter()
			.filter_map(|m| Reveals::<T>::take(id, &m.account).map(|a| (m.account.clone(), a)))
			.collect();
		let outcome = Self::outcome(&job, &answers);
		for m in job.committee.iter() {
			Assignments::<T>::remove(&m.account, id);
			let answered = answers.iter().any(|(a, _)| a == &m.account);
			let carried = match &outcome {
				Outcome::Result { agreed, .. } => agreed.contains(&m.account),
				Outcome::Unscorable { reporters, .. } => reporters.contains(&m.account),
				Outcome::Fallback => false,
			};
			if carried {
				Self::pardon(&m.account);
			} else if !answered || matches!(outcome, Outcome::Result { .. }) {
				// silent members always; with a result, members whose answers disagree with it
				Self::strike(&m.account, id);
			}
		}
		let fall_back = |agreed: Vec<T::AccountId>| {
			let lineage = Self::fallback(&job.request);
			Self::deposit_event(Event::AttributionFellBack {
				job: id,
				lineage: lineage.clone(),
				agreed: agreed.clone(),
			});
			(DataShares::Lineage(lineage), agreed.clone(), agreed)
		};
		// where the data share goes, who earns the attestor share, who carried the job (its fee)
		let (data, agreed, carriers) = match outcome {
			Outcome::Result { shares, agreed } if !shares.is_empty() => {
				Self::deposit_event(Event::AttributionFinal {
					job: id,
					shares: shares.len() as u32,
					agreed: agreed.clone(),
				});
				(DataShares::Contributions(shares), agreed.clone(), agreed)
			},
			Outcome::Result { agreed, .. } => fall_back(agreed),
			Outcome::Fallback => fall_back(Vec::new()),
			Outcome::Unscorable { reason: Unscorable::FalseOutput, reporters, named, proven: true } => {
				// A proven false output: the data share to the treasury (a refund would make
				// lying about the output a discount; the lineage's owner may be the liar); the
				// seats that proved it earn the attestor share and the fee.
				Self::deposit_event(Event::AttributionUnscorable {
					job: id,
					reason: Unscorable::FalseOutput,
					reporters: reporters.clone(),
				});
				(DataShares::FalseOutput, named.clone(), named)
			},
			Outcome::Unscorable { reason, reporters, proven, .. } => {
				// The model's own fault suspends it: an owner cannot keep selling answers whose
				// data share always goes back to the payers, nor a lineage it was not trained on.
				if proven && reason.models_fault() {
					T::Models::suspend(job.request.model);
				}
				Self::deposit_event(Event::AttributionUnscorable { job: id, reason, reporters: reporters.clone() });
				(DataShares::Unscorable { reason, proven }, Vec::new(), reporters)
			},
		};
		Self::pay_fee(&job, &carriers);
		let stored = match &data {
			DataShares::Contributions(c) => StoredShares::Contributions(BoundedVec::truncate_from(c.clone())),
			DataShares::Lineage(l) => StoredShares::Lineage(BoundedVec::truncate_from(l.clone())),
			DataShares::Unscorable { reason, .. } => StoredShares::Unscorable(*reason),
			DataShares::FalseOutput => StoredShares::FalseOutput,
		};
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

	/// Pays `job`'s fee from its payer's hold to `to`, equally (remainder, or all of it with
	/// nobody to pay, to the slash destination, the treasury).
	fn pay_fee(job: &Job<T>, to: &[T::AccountId]) {
		let Some(payer) = &job.payer else { return };
		if job.fee.is_zero() {
			return;
		}
		let reason = HoldReason::JobFee.into();
		let each = sp_runtime::traits::CheckedDiv::checked_div(&job.fee, &BalanceOf::<T>::from(to.len() as u32))
			.unwrap_or_else(Zero::zero);
		let mut left = job.fee;
		for who in to {
			if each.is_zero() {
				break;
			}
			let paid = T::Currency::transfer_on_hold(
				&reason,
				payer,
				who,
				each,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero());
			left = left.saturating_sub(paid);
		}
		if !left.is_zero() {
			let _ = T::Currency::transfer_on_hold(
				&reason,
				payer,
				&T::SlashDestination::get(),
				left,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			);
		}
	}

	/// The lineage versions of the request's model, pro rata to their rows: each datanet
	/// once, at the latest of its versions the lineage names, so that every row of the
	/// lineage counts once and the same.
	pub fn fallback(request: &JobRequest) -> Vec<LineageShare> {
		let Some(model) = T::Models::model(request.model) else { return Vec::new() };
		let mut latest: Vec<(DatanetId, VersionNumber)> = Vec::new();
		for (datanet, version) in model.lineage.into_iter().take(T::MaxLineage::get() as usize) {
			match latest.iter_mut().find(|(d, _)| *d == datanet) {
				Some((_, v)) => *v = (*v).max(version),
				None => latest.push((datanet, version)),
			}
		}
		let rows: Vec<((DatanetId, VersionNumber), u128)> = latest
			.into_iter()
			.map(|key| (key, T::Datanets::version(key.0, key.1).map_or(0, |v| u128::from(v.rows))))
			.collect();
		consensus::pro_rata(&rows)
			.into_iter()
			.map(|((datanet, version), ppm)| LineageShare { datanet, version, ppm })
			.collect()
	}

	/// Forgets the results whose retention is over, in order of job id from [`ExpiryCursor`],
	/// at most twice `MaxJobsPerBlock`: each with its query bytes in the off-chain index and,
	/// through [`OnAttributionFinal::on_attribution_expired`], settlement's records of its
	/// subject. Stops at the first job still open or kept. Returns how many ids it passed.
	pub(crate) fn expire(now: BlockNumberFor<T>) -> u32 {
		let retention = T::Retention::get();
		let first = ExpiryCursor::<T>::get();
		let end = NextJobId::<T>::get();
		let budget = T::MaxJobsPerBlock::get().saturating_mul(2);
		let (mut next, mut passed) = (first, 0u32);
		while next < end && passed < budget {
			match Results::<T>::get(next) {
				Some(result) if result.final_at.saturating_add(retention) < now => {
					Results::<T>::remove(next);
					for key in result.request.subject.query_keys() {
						sp_io::offchain_index::clear(&key);
					}
					T::OnFinal::on_attribution_expired(next, &result.request.subject);
				},
				Some(_) => break,
				None if Jobs::<T>::contains_key(next) => break,
				// no job had this id at all: nothing to forget
				None => {},
			}
			next = next.saturating_add(1);
			passed = passed.saturating_add(1);
		}
		if next != first {
			ExpiryCursor::<T>::put(next);
			Self::deposit_event(Event::ResultsExpired { from: first, to: next });
		}
		passed
	}

	/// The final attribution of `job`, as the runtime APIs show it.
	pub fn result_view(job: JobId) -> Option<openledger_primitives::api::AttributionView<T::AccountId>> {
		let result = Results::<T>::get(job)?;
		let (contributions, lineage, unscorable) = match result.data {
			StoredShares::Contributions(c) => (c.into_inner(), Vec::new(), None),
			StoredShares::Lineage(l) => (Vec::new(), l.into_inner(), None),
			StoredShares::Unscorable(reason) => (Vec::new(), Vec::new(), Some(reason)),
			StoredShares::FalseOutput => (Vec::new(), Vec::new(), Some(Unscorable::FalseOutput)),
		};
		Some(openledger_primitives::api::AttributionView {
			contributions,
			lineage,
			unscorable,
			agreed: result.agreed.into_inner(),
		})
	}

	/// Every open job waits for its draw or is due in the deadline bucket of its reveal
	/// deadline; its committee members are assigned to it; its reveals belong to members who
	/// revealed; every assignment is to a job the attestor sits on; every payer holds exactly the
	/// fees of their open jobs; the waiting line and the work backlog are within their bounds.
	pub(crate) fn try_state_jobs() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, job) in Jobs::<T>::iter() {
			ensure!(
				Waiting::<T>::contains_key(id) || Deadlines::<T>::get(job.reveal_deadline).contains(&id),
				"open job neither waiting nor due"
			);
			for m in job.committee.iter() {
				ensure!(Assignments::<T>::contains_key(&m.account, id), "member not assigned");
				ensure!(m.revealed == Reveals::<T>::contains_key(id, &m.account), "reveal without a revealed member");
			}
			match &job.payer {
				Some(payer) => {
					let sum = fees.entry(payer.clone()).or_default();
					*sum = sum.saturating_add(job.fee);
				},
				None => ensure!(job.fee.is_zero(), "a fee without a payer"),
			}
		}
		for (who, id, ()) in Assignments::<T>::iter() {
			ensure!(Jobs::<T>::get(id).is_some_and(|j| j.member(&who).is_some()), "assignment to no job");
		}
		for (payer, fee) in fees {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::JobFee.into(), &payer) == fee,
				"a payer's job fee hold differs from its open jobs' fees"
			);
		}
		// the waiting line: the jobs from the draw cursor on, each with its work, within bounds
		let (first, end) = (DrawCursor::<T>::get(), NextJobId::<T>::get());
		ensure!(first <= end, "the draw cursor is past the last job");
		ensure!(Self::waiting_jobs() <= u64::from(T::MaxWaitingJobs::get()), "more jobs wait than may");
		let mut total = 0u64;
		for (id, work) in Waiting::<T>::iter() {
			ensure!(id >= first && id < end, "a waiting job outside the waiting line");
			let job = Jobs::<T>::get(id).ok_or("a waiting job that is not open")?;
			ensure!(job.committee.is_empty(), "a waiting job drawn");
			total = total.saturating_add(work.total());
		}
		ensure!(total == WaitingTotal::<T>::get(), "the waiting work is not the sum of the waiting jobs'");
		ensure!(
			total <= T::MaxWaitingWork::get().saturating_add(T::MaxWorkBacklog::get()),
			"the waiting work is past its bound"
		);
		ensure!(WorkBacklog::<T>::get() <= T::MaxWorkBacklog::get(), "the work backlog is past its bound");
		let cursor = ExpiryCursor::<T>::get();
		ensure!(cursor <= NextJobId::<T>::get(), "the expiry cursor is past the last job");
		ensure!(Jobs::<T>::iter_keys().all(|id| id >= cursor), "an open job behind the expiry cursor");
		ensure!(Results::<T>::iter_keys().all(|id| id >= cursor), "a result behind the expiry cursor was kept");
		Ok(())
	}
}

impl<T: Config> AttributionProvider<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn job_fee(model: ModelId, load: JobLoad) -> BalanceOf<T> {
		Pallet::<T>::job_fee(model, load)
	}

	fn open_job(request: JobRequest, load: JobLoad, payer: &T::AccountId) -> Result<JobId, DispatchError> {
		Pallet::<T>::open(request, load, Some(payer))
	}

	fn open_job_weight() -> frame_support::weights::Weight {
		T::WeightInfo::open_job(0)
	}
}
