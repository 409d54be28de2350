//! The attestor's off-chain worker: for each job whose committee holds one of the node's `attr`
//! keys, it asks the node's engine for an answer (through the
//! [`engine`](openledger_primitives::attribution::engine) host function), keeps the answer and a
//! salt in off-chain local storage, commits, and reveals once reveals open — both as signed
//! transactions.
//!
//! Worker runs may overlap (a run per imported block, and scoring takes time):
//! - a (job, key) is scored by one run at a time (a lock in local storage), and a stored answer
//!   and salt are never replaced (compare-and-set): the salt a commitment was made with is the
//!   salt revealed;
//! - transactions are sent one at a time per key (a lock), each with the nonce after the last
//!   one the worker sent if the chain has not counted that one yet — unless the chain's nonce
//!   has not moved for `RESUBMIT_AFTER` blocks (a transaction was dropped, and those after it
//!   wait for it): then the chain's nonce again, replacing it; a commitment or reveal not sent
//!   (the lock busy, the pool refusing) is tried again the next run;
//! - the locks expire within seconds, so that a run that died holding one (a trap does not
//!   unwind) delays nothing by more than two blocks;
//! - the keys of a job are removed from local storage [`CLEAR_AFTER`] blocks after its reveal
//!   deadline (by then it is final, beyond any fork that could bring it back).

use alloc::vec::Vec;
use codec::Encode;
use frame_support::traits::Get;
use frame_system::{
	offchain::{Account, CreateSignedTransaction, Signer, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use openledger_primitives::{
	attribution::{self as attr, Answer, ContributionRef, JobId, JobRequest, ScoreRequest, TrainingContribution},
	datanets::DatanetVersions,
	models::{bounds, ModelCatalog},
};
use sp_core::H256;
use sp_runtime::{
	offchain::{
		storage::{MutateStorageError, StorageRetrievalError, StorageValueRef},
		storage_lock::{StorageLock, Time},
		Duration,
	},
	traits::{CheckedSub, One, Saturating},
};

use crate::{Assignments, Call, Config, Job, Jobs, Pallet, Reveal, DOMAIN};

/// The identifier through which the runtime's signing types meet attestors' `attr` keys.
pub struct AttestorAuthId;

impl frame_system::offchain::AppCrypto<sp_runtime::MultiSigner, sp_runtime::MultiSignature> for AttestorAuthId {
	type RuntimeAppPublic = attr::crypto::Public;
	type GenericSignature = sp_core::sr25519::Signature;
	type GenericPublic = sp_core::sr25519::Public;
}

/// Blocks the worker waits for a submitted commitment or reveal to land before it submits again.
const RESUBMIT_AFTER: u32 = 4;

/// Blocks after a job's reveal deadline at which the worker removes the job's keys from local
/// storage: an hour of 6 s blocks.
pub const CLEAR_AFTER: u32 = 600;

/// Most reveal deadlines' worth of jobs the worker clears in one run (it catches up over runs).
const CLEAR_PER_RUN: u32 = 1_024;

/// How long the lock on scoring a job holds if its run dies without releasing it (a trap in
/// the worker does not unwind): two blocks, well within a commit period. A scoring that takes
/// longer may be asked for twice: the node's engine computes a model's training side once (the
/// second run waits for the first's and reuses it), and the first answer stored is the one kept.
const SCORE_LOCK_EXPIRES: Duration = Duration::from_millis(12_000);

/// How long the lock on sending an account's transaction holds if its run dies without
/// releasing it: signing and submitting take milliseconds.
const SEND_LOCK_EXPIRES: Duration = Duration::from_millis(3_000);

/// What the worker keeps of an account's nonces: the next one after those it sent, the chain's
/// when it last looked, and the block at which it last saw the chain's move.
#[derive(codec::Encode, codec::Decode)]
struct NonceRecord<T: Config> {
	next: T::Nonce,
	chain: T::Nonce,
	moved_at: BlockNumberFor<T>,
}

impl<T: Config> Pallet<T> {
	/// The question job `job` puts to the engine, or `None` if its model is gone. Its training
	/// contributions are the members of the lineage versions, each once (a contribution in two
	/// versions of one datanet is one contribution, trained on once), in order of arrival, each
	/// with its datanet's copy radius: the engine credits data to whoever brought it first.
	pub fn score_request(request: &JobRequest) -> Option<ScoreRequest> {
		let model = T::Models::model(request.model)?;
		let mut seen = alloc::collections::BTreeSet::new();
		let mut contributions: Vec<TrainingContribution> = model
			.lineage
			.iter()
			.flat_map(|&(datanet, version)| {
				let copy_radius = T::Datanets::version(datanet, version).map_or(0, |v| v.copy_radius);
				T::Datanets::members(datanet, version).into_iter().map(move |m| TrainingContribution {
					contribution: ContributionRef { datanet, index: m.index },
					payload: m.hash,
					arrival: m.arrival,
					copy_radius,
				})
			})
			.filter(|t| seen.insert(t.contribution))
			.collect();
		contributions.sort_by_key(|t| (t.arrival, t.contribution));
		Some(ScoreRequest {
			architecture: model.architecture,
			weights: model.weights,
			contributions,
			subject: request.subject,
			top_k: T::MaxShares::get(),
		})
	}

	/// Whether job `request`'s model and lineage are beyond what one job may ask of an
	/// attestor's engine ([`bounds`]), counted from its versions before their members are
	/// collected into the worker's heap: a model registered before spec 108, when the chain
	/// began to check them, may be (one of several hundred thousand members would trap the
	/// worker building its request).
	fn beyond_bounds(request: &JobRequest) -> bool {
		let Some(model) = T::Models::model(request.model) else { return false };
		bounds::check(&model.architecture, &Self::lineage_versions(&model.lineage)).is_err()
	}

	/// The worker: for each local `attr` key on a committee, commit or reveal; then clear what
	/// it kept of jobs long over. Jobs are taken model by model (then oldest first), so that a run
	/// computes a model's training side once however many of its jobs it answers: the chain counts
	/// a model's first-job work once a block ([`crate::WorkBacklog`]), and an engine keeps only a
	/// few models' sides.
	pub fn work(now: BlockNumberFor<T>) {
		for account in Signer::<T, T::AuthorityId>::keystore_accounts() {
			let mut commits: Vec<(JobId, H256)> = Vec::new();
			let mut reveals: Vec<Reveal> = Vec::new();
			let mut jobs: Vec<(JobId, Job<T>)> = Assignments::<T>::iter_key_prefix(&account.id)
				.filter_map(|id| Jobs::<T>::get(id).map(|job| (id, job)))
				.collect();
			jobs.sort_by_key(|(id, job)| (job.request.model, *id));
			for (id, job) in jobs {
				if commits.len().max(reveals.len()) >= T::MaxBatch::get() as usize {
					break;
				}
				let Some(member) = job.member(&account.id) else { continue };
				if member.commitment.is_none() && now < job.commit_deadline {
					if let Some((answer, salt)) = Self::answer(id, &account.id, &job) {
						if Self::due_to_submit(b"sent-commit", id, &account.id, now) {
							commits.push((id, attr::commitment(&answer, &salt, &account.id)));
						}
					}
				} else if member.commitment.is_some() && !member.revealed && job.reveal_open(now) {
					if let Some((answer, salt)) = Self::local_answer(id, &account.id) {
						if Self::due_to_submit(b"sent-reveal", id, &account.id, now) {
							reveals.push(Reveal { job: id, answer, salt });
						}
					}
				}
			}
			if !commits.is_empty() {
				let jobs: Vec<JobId> = commits.iter().map(|c| c.0).collect();
				Self::send(&account, b"sent-commit", &jobs, Call::commit { commitments: commits }, now);
			}
			if !reveals.is_empty() {
				let jobs: Vec<JobId> = reveals.iter().map(|r| r.job).collect();
				Self::send(&account, b"sent-reveal", &jobs, Call::reveal { reveals }, now);
			}
			Self::clear_over(&account.id, now);
		}
	}

	/// Submits `call` (`what`, commitments or reveals, for `jobs`) and, if it was submitted,
	/// records it as sent for each job. What was not sent (the sending lock busy, the pool
	/// refusing) is tried again the next run.
	fn send(account: &Account<T>, what: &[u8], jobs: &[JobId], call: Call<T>, now: BlockNumberFor<T>) {
		let sent = Self::submit(account, call, now);
		if sent {
			jobs.iter().for_each(|job| Self::note_sent(what, *job, &account.id, now));
		}
		log::debug!(target: "attribution", "{} {jobs:?}: sent {sent}", alloc::string::String::from_utf8_lossy(what));
	}

	/// Signs `call` with `account`'s key and submits it, under the account's sending lock, with
	/// [`Pallet::next_nonce`]. Whether it was submitted.
	fn submit(account: &Account<T>, call: Call<T>, now: BlockNumberFor<T>) -> bool {
		let lock_key = Self::local_key(b"send-lock", 0, &account.id);
		let mut lock = StorageLock::<Time>::with_deadline(&lock_key, SEND_LOCK_EXPIRES);
		let Ok(_guard) = lock.try_lock() else { return false };
		let (nonce, record) = Self::next_nonce_record(&account.id, now);
		let Some(xt) = <T as CreateSignedTransaction<Call<T>>>::create_signed_transaction::<T::AuthorityId>(
			call.into(),
			account.public.clone(),
			account.id.clone(),
			nonce,
		) else {
			return false;
		};
		let sent = SubmitTransaction::<T, Call<T>>::submit_transaction(xt).is_ok();
		if sent {
			let key = Self::local_key(b"nonce", 0, &account.id);
			StorageValueRef::persistent(&key).set(&NonceRecord { next: nonce.saturating_add(One::one()), ..record });
		}
		sent
	}

	/// The nonce of `who`'s next transaction: the chain's, unless the worker sent transactions
	/// the chain has not counted yet — then the one after the last it sent, as long as the
	/// chain's nonce moved in the last [`RESUBMIT_AFTER`] blocks. If it has not (a transaction
	/// was dropped, and those after it wait for it forever), the chain's again.
	#[cfg(test)]
	pub(crate) fn next_nonce(who: &T::AccountId, now: BlockNumberFor<T>) -> T::Nonce {
		Self::next_nonce_record(who, now).0
	}

	/// [`Pallet::next_nonce`], and the record to keep once a transaction with it is sent.
	fn next_nonce_record(who: &T::AccountId, now: BlockNumberFor<T>) -> (T::Nonce, NonceRecord<T>) {
		let chain = frame_system::Pallet::<T>::account_nonce(who);
		let fresh = NonceRecord { next: chain, chain, moved_at: now };
		let key = Self::local_key(b"nonce", 0, who);
		match StorageValueRef::persistent(&key).get::<NonceRecord<T>>() {
			Ok(Some(kept)) if kept.next > chain => {
				// the chain counted some of them since: it is moving
				let moved_at = if chain > kept.chain { now.max(kept.moved_at) } else { kept.moved_at };
				if now < moved_at.saturating_add(RESUBMIT_AFTER.into()) {
					(kept.next, NonceRecord { next: kept.next, chain, moved_at })
				} else {
					(chain, fresh)
				}
			},
			_ => (chain, fresh),
		}
	}

	/// Removes the local keys of `who`'s jobs whose reveal deadline was [`CLEAR_AFTER`] blocks
	/// ago or more, up to [`CLEAR_PER_RUN`] deadlines from where the last run stopped.
	fn clear_over(who: &T::AccountId, now: BlockNumberFor<T>) {
		let Some(last) = now.checked_sub(&CLEAR_AFTER.into()) else { return };
		let cursor_key = Self::local_key(b"cleared-to", 0, who);
		let cursor = StorageValueRef::persistent(&cursor_key);
		// The first run starts at the deadline now due (nothing the worker kept is older).
		let from = cursor.get::<BlockNumberFor<T>>().ok().flatten().map_or(last, |c| c.saturating_add(One::one()));
		let mut deadline = from;
		let mut cleared = 0;
		while deadline <= last && cleared < CLEAR_PER_RUN {
			let bucket_key = Self::deadline_key(deadline, who);
			let mut bucket = StorageValueRef::persistent(&bucket_key);
			for job in bucket.get::<Vec<JobId>>().ok().flatten().unwrap_or_default() {
				for kind in [&b"answer"[..], b"sent-commit", b"sent-reveal", b"score-lock"] {
					StorageValueRef::persistent(&Self::local_key(kind, job, who)).clear();
				}
			}
			bucket.clear();
			cursor.set(&deadline);
			deadline = deadline.saturating_add(One::one());
			cleared = cleared.saturating_add(1);
		}
	}

	/// The local storage key of the jobs of `who` whose reveal deadline is `deadline`.
	fn deadline_key(deadline: BlockNumberFor<T>, who: &T::AccountId) -> Vec<u8> {
		(DOMAIN, b"by-deadline", deadline, who).encode()
	}

	/// The local storage key of `kind` for (job, who).
	fn local_key(kind: &[u8], job: JobId, who: &T::AccountId) -> Vec<u8> {
		(DOMAIN, kind, job, who).encode()
	}

	/// The answer stored for (job, who), if any.
	pub(crate) fn local_answer(job: JobId, who: &T::AccountId) -> Option<(Answer, [u8; 32])> {
		let key = Self::local_key(b"answer", job, who);
		StorageValueRef::persistent(&key).get::<(Answer, [u8; 32])>().ok().flatten()
	}

	/// The answer for (job, who): stored, or asked of the engine now and stored with a fresh
	/// salt — its shares, or, if it cannot score the job, why. `None` where there is no engine
	/// (or no model) to answer with, or while another run scores the job: the member then stays
	/// silent (this run).
	fn answer(id: JobId, who: &T::AccountId, job: &Job<T>) -> Option<(Answer, [u8; 32])> {
		if let Some(stored) = Self::local_answer(id, who) {
			return Some(stored);
		}
		let lock_key = Self::local_key(b"score-lock", id, who);
		let mut lock = StorageLock::<Time>::with_deadline(&lock_key, SCORE_LOCK_EXPIRES);
		let _guard = lock.try_lock().ok()?;
		if let Some(stored) = Self::local_answer(id, who) {
			return Some(stored);
		}
		let scored = if Self::beyond_bounds(&job.request) {
			// every attestor finds the same from the same state: the model's failure
			Err(attr::ScoreError::Failed)
		} else {
			attr::engine::score(Self::score_request(&job.request)?)
		};
		let answer = match scored {
			Ok(mut shares) => {
				shares.truncate(T::MaxShares::get() as usize);
				if !attr::well_formed(&shares) {
					log::warn!(target: "attribution", "job {id}: the engine's answer is malformed");
					return None;
				}
				Answer::Shares(shares)
			},
			Err(e) => {
				let reason = e.unscorable()?;
				log::warn!(target: "attribution", "job {id}: the engine cannot score it ({e:?}): reporting {reason:?}");
				Answer::Unscorable(reason)
			},
		};
		let kept = Self::keep_answer(id, who, (answer, sp_io::offchain::random_seed()))?;
		// noted for clearing once the job is long over
		let bucket = Self::deadline_key(job.reveal_deadline, who);
		for _ in 0..4 {
			let noted = StorageValueRef::persistent(&bucket).mutate::<Vec<JobId>, (), _>(|jobs| {
				let mut jobs = jobs.ok().flatten().unwrap_or_default();
				if !jobs.contains(&id) {
					jobs.push(id);
				}
				Ok(jobs)
			});
			// another run noted a job of the same deadline meanwhile: again
			if !matches!(noted, Err(MutateStorageError::ConcurrentModification(_))) {
				break;
			}
		}
		Some(kept)
	}

	/// Stores `fresh` as the answer and salt of (job, who) unless one is stored already, which
	/// is kept (compare-and-set: a run that lost the race takes the winner's). What is stored.
	pub(crate) fn keep_answer(job: JobId, who: &T::AccountId, fresh: (Answer, [u8; 32])) -> Option<(Answer, [u8; 32])> {
		let key = Self::local_key(b"answer", job, who);
		let stored = StorageValueRef::persistent(&key).mutate::<(Answer, [u8; 32]), (), _>(
			|stored: Result<Option<(Answer, [u8; 32])>, StorageRetrievalError>| match stored {
				Ok(Some(stored)) => Ok(stored),
				_ => Ok(fresh),
			},
		);
		match stored {
			Ok(kept) => Some(kept),
			Err(MutateStorageError::ConcurrentModification(_)) => Self::local_answer(job, who),
			Err(MutateStorageError::ValueFunctionFailed(())) => None,
		}
	}

	/// Whether the worker should submit `what` (a commitment or a reveal) for (job, who) at
	/// `now`: not if it sent one in the last `RESUBMIT_AFTER` blocks.
	fn due_to_submit(what: &[u8], job: JobId, who: &T::AccountId, now: BlockNumberFor<T>) -> bool {
		let key = Self::local_key(what, job, who);
		match StorageValueRef::persistent(&key).get::<BlockNumberFor<T>>() {
			Ok(Some(at)) => now >= at.saturating_add(RESUBMIT_AFTER.into()),
			_ => true,
		}
	}

	/// Records that `what` for (job, who) was sent at `now`.
	fn note_sent(what: &[u8], job: JobId, who: &T::AccountId, now: BlockNumberFor<T>) {
		StorageValueRef::persistent(&Self::local_key(what, job, who)).set(&now);
	}
}
