//! The attestor's off-chain worker: for each job whose committee holds one of the node's `attr`
//! keys, it asks the node's engine for an answer (through the
//! [`engine`](openledger_primitives::attribution::engine) host function), keeps the answer and a
//! salt in off-chain local storage, commits, and reveals once reveals open — both as signed
//! transactions.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::traits::Get;
use frame_system::{
	offchain::{SendSignedTransaction, Signer},
	pallet_prelude::BlockNumberFor,
};
use openledger_primitives::{
	attribution::{self as attr, Answer, ContributionRef, JobId, JobRequest, ScoreRequest, TrainingContribution},
	datanets::DatanetVersions,
	models::ModelCatalog,
};
use sp_core::H256;
use sp_runtime::traits::Saturating;

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

	/// The worker: for each local `attr` key on a committee, commit or reveal.
	pub fn work(now: BlockNumberFor<T>) {
		for account in Signer::<T, T::AuthorityId>::keystore_accounts() {
			let mut commits: Vec<(JobId, H256)> = Vec::new();
			let mut reveals: Vec<Reveal> = Vec::new();
			for (id, ()) in Assignments::<T>::iter_prefix(&account.id) {
				if commits.len().max(reveals.len()) >= T::MaxBatch::get() as usize {
					break;
				}
				let Some(job) = Jobs::<T>::get(id) else { continue };
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
			let signer = Signer::<T, T::AuthorityId>::all_accounts().with_filter(Vec::from([account.public.clone()]));
			if !commits.is_empty() {
				let sent = signer.send_signed_transaction(|_| Call::commit { commitments: commits.clone() });
				log::debug!(target: "attribution", "commitments {:?}: {:?}", commits, sent.first().map(|r| r.1));
			}
			if !reveals.is_empty() {
				let jobs: Vec<JobId> = reveals.iter().map(|r| r.job).collect();
				let sent = signer.send_signed_transaction(|_| Call::reveal { reveals: reveals.clone() });
				log::debug!(target: "attribution", "reveals {:?}: {:?}", jobs, sent.first().map(|r| r.1));
			}
		}
	}

	/// The local storage key of `kind` for (job, who).
	fn local_key(kind: &[u8], job: JobId, who: &T::AccountId) -> Vec<u8> {
		(DOMAIN, kind, job, who).encode()
	}

	/// The answer stored for (job, who), if any.
	fn local_answer(job: JobId, who: &T::AccountId) -> Option<(Answer, [u8; 32])> {
		let key = Self::local_key(b"answer", job, who);
		sp_runtime::offchain::storage::StorageValueRef::persistent(&key).get::<(Answer, [u8; 32])>().ok().flatten()
	}

	/// The answer for (job, who): stored, or asked of the engine now and stored with a fresh
	/// salt — its shares, or, if it cannot score the job, why. `None` where there is no engine
	/// (or no model) to answer with: the member then stays silent.
	fn answer(id: JobId, who: &T::AccountId, job: &Job<T>) -> Option<(Answer, [u8; 32])> {
		if let Some(stored) = Self::local_answer(id, who) {
			return Some(stored);
		}
		let request = Self::score_request(&job.request)?;
		let answer = match attr::engine::score(request) {
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
		let answer = (answer, sp_io::offchain::random_seed());
		let key = Self::local_key(b"answer", id, who);
		sp_runtime::offchain::storage::StorageValueRef::persistent(&key).set(&answer);
		Some(answer)
	}

	/// Whether the worker should submit `what` (a commitment or a reveal) for (job, who) at
	/// `now`: not if it did in the last `RESUBMIT_AFTER` blocks. Records `now` if so.
	fn due_to_submit(what: &[u8], job: JobId, who: &T::AccountId, now: BlockNumberFor<T>) -> bool {
		let key = Self::local_key(what, job, who);
		sp_runtime::offchain::storage::StorageValueRef::persistent(&key)
			.mutate::<BlockNumberFor<T>, (), _>(|last| match last {
				Ok(Some(at)) if now < at.saturating_add(RESUBMIT_AFTER.into()) => Err(()),
				_ => Ok(now),
			})
			.is_ok()
	}
}
