//! # Attribution
//!
//! ## Overview
//!
//! Proof of Attribution on chain. When a model answers a paid request, a job opens; a committee
//! of bonded attestors scores, off chain, how much each training contribution influenced the
//! answer; they commit to their answers, then reveal them; the bond-weighted median of the
//! revealed answers becomes the job's final attribution, which settlement pays out.
//!
//! ## Attestors
//!
//! `register_attestor(bond)` holds at least `MinBond` from the caller and puts them in the active
//! set (at most `MaxAttestors`). `unregister` takes them out of it; their bond stays on hold for
//! `UnbondingPeriod` blocks — long enough to be slashed for jobs they still sit on — and then
//! `withdraw_unbonded` releases it. An attestor's account is the account of its `attr` key: the
//! node's off-chain worker signs with that key from the keystore. The `attr` key is also one of
//! the session keys a validator's node generates (`author_rotateKeys`); the pallet is that key's
//! session handler and does nothing on a new session.
//!
//! ## Jobs
//!
//! Whoever records a paid inference opens a job through [`AttributionProvider`] (the root-only
//! `open_job` call does the same for tests and operators). The job names the model and the
//! hashes of the query's input and output. Its committee is `CommitteeSize` attestors drawn
//! without replacement, with probability proportional to bond, from a seed of `Randomness` and
//! the job id. Then:
//!
//! 1. **Commit**, before `opened + CommitPeriod`: each member submits
//!    [`commitment`](openledger_primitives::attribution::commitment)`(shares, salt, account)`.
//! 2. **Reveal**, once every member has committed or the commit period is over, and before
//!    `commit deadline + RevealPeriod`: the shares and the salt, which must match the commitment.
//! 3. **Final**, as soon as every member who committed has revealed and the revealed bond is at
//!    least `Quorum` of the committee's — or at the reveal deadline, in `on_initialize`:
//!    - with a quorum, per contribution the bond-weighted median of the revealed parts; the
//!      `MaxShares` largest, renormalised to exactly one million parts. Members whose answer is
//!      within `Tolerance` (total-variation distance, in parts per million) of it agreed and earn
//!      the attestor share; the others get a strike.
//!    - without a quorum, or if no contribution has a positive median, the data share falls back
//!      to the model's lineage datanets pro rata to their accepted contributions.
//!    - members who did not reveal get a strike. Each agreeing answer takes a strike off. At
//!      `MaxStrikes` an attestor loses `StrikeSlash` of their bond to `SlashDestination` and
//!      leaves the active set, unbonding the rest.
//!
//! The result is stored in `Results` and announced through [`OnAttributionFinal`].
//!
//! Security rests on an honest majority of committee bond: a bond majority decides every median.
//!
//! ## Off-chain worker
//!
//! On each block, for every job whose committee holds one of the node's `attr` keys, the worker
//! builds a [`ScoreRequest`] — the model's weights hash and architecture, the members of its
//! lineage versions with their payload hashes, the query — and asks the node's engine through
//! the [`engine`](openledger_primitives::attribution::engine) host function. It keeps the answer
//! and a random salt in off-chain local storage, submits the commitment, and reveals once
//! reveals open, both as signed transactions. A node without the engine extension scores
//! nothing and its attestor misses the job.
//!
//! ## Bounds
//!
//! Every hook does bounded work: at most `MaxJobsPerBlock` jobs fall due in a block; a job opens
//! at the first block from its natural deadline with room (within `MaxJobsPerBlock` blocks).
//! Committee draws read one bounded value, the active set.
//!
//! ## Assumptions
//!
//! - Exactly the bond of every attestor record is on hold under `AttestorBond`.
//! - The active set is the active records, sorted by account, with their bonds.
//! - Every open job is due in the deadline bucket of its reveal deadline; its committee members
//!   are assigned to it; its reveals belong to members who revealed.
//!
//! `try_state` checks these.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod consensus;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use openledger_primitives::{
	attribution::{
		self as attr, AttributionProvider, ContributionRef, DataShares, FinalAttribution, JobId, JobRequest,
		OnAttributionFinal, ScoreRequest, Share, Subject,
	},
	datanets::{DatanetId, DatanetVersions},
	models::ModelCatalog,
};

/// The identifier through which the runtime's signing types meet attestors' `attr` keys.
pub struct AttestorAuthId;

impl frame_system::offchain::AppCrypto<sp_runtime::MultiSigner, sp_runtime::MultiSignature> for AttestorAuthId {
	type RuntimeAppPublic = attr::crypto::Public;
	type GenericSignature = sp_core::sr25519::Signature;
	type GenericPublic = sp_core::sr25519::Public;
}

/// Attestors' `attr` key is one of a validator's session keys, so that one `author_rotateKeys`
/// gives a validator's node the key its off-chain worker attests with. The session itself does
/// nothing with it: who attests is decided by `register_attestor`, not by the validator set.
impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
	type Public = attr::crypto::Public;
}

impl<T: Config> frame_support::traits::OneSessionHandler<T::AccountId> for Pallet<T> {
	type Key = attr::crypto::Public;

	fn on_genesis_session<'a, I: 'a>(_validators: I)
	where
		I: Iterator<Item = (&'a T::AccountId, Self::Key)>,
		T::AccountId: 'a,
	{
	}

	fn on_new_session<'a, I: 'a>(_changed: bool, _validators: I, _queued: I)
	where
		I: Iterator<Item = (&'a T::AccountId, Self::Key)>,
		T::AccountId: 'a,
	{
	}

	fn on_disabled(_validator_index: u32) {}
}

/// A revealed answer at finalisation: the member, their weight, their shares.
type Answer<T> =
	(<T as frame_system::Config>::AccountId, u128, frame_support::BoundedVec<Share, <T as pallet::Config>::MaxShares>);

/// Registers a model for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Registers a model whose lineage is as long as the registry allows, and returns its id.
	fn model() -> openledger_primitives::models::ModelId;
}

/// Prefix of the off-chain local storage entries of the worker: per (job, attestor), the answer
/// and salt it committed to, and the block it last submitted a transaction for that job in.
const LOCAL_PREFIX: &[u8] = b"openledger/attribution/";

/// Blocks the worker waits for a submitted commitment or reveal to land before it submits again.
const RESUBMIT_AFTER: u32 = 4;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
			Randomness,
		},
	};
	use frame_system::{
		offchain::{AppCrypto, CreateSignedTransaction, SendSignedTransaction, Signer},
		pallet_prelude::*,
	};
	use sp_core::H256;
	use sp_runtime::{
		traits::{One, Saturating, Zero},
		Perbill,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An attestor's bond, held while they attest and unbond.
		AttestorBond,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateSignedTransaction<Call<Self>> {
		/// The currency bonds are held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The model registry: architectures, weights, lineage.
		type Models: ModelCatalog;

		/// The datanets: versions and their members.
		type Datanets: DatanetVersions;

		/// The source of committee draws.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Who hears final attributions (settlement).
		type OnFinal: OnAttributionFinal<Self::AccountId>;

		/// Where slashed bonds go (the treasury).
		type SlashDestination: Get<Self::AccountId>;

		/// Who may open jobs with the `open_job` call (root).
		type JobOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The keys attestors' workers sign with.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// The smallest bond.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// The most attestors in the active set.
		#[pallet::constant]
		type MaxAttestors: Get<u32>;

		/// Attestors per job (fewer if fewer are active).
		#[pallet::constant]
		type CommitteeSize: Get<u32>;

		/// Blocks from a job's opening to its commit deadline.
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks from the commit deadline to the reveal deadline.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks an unregistered attestor's bond stays on hold.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The part of a committee's bond that must reveal for consensus (a runtime parameter).
		type Quorum: Get<Perbill>;

		/// The largest total-variation distance, in parts per million, between an answer and
		/// consensus for the answer to agree.
		type Tolerance: Get<u32>;

		/// Strikes at which an attestor is slashed and leaves the active set (a runtime parameter).
		type MaxStrikes: Get<u32>;

		/// The part of the bond a slash takes (a runtime parameter).
		type StrikeSlash: Get<Perbill>;

		/// The most contributions in an answer and in consensus.
		#[pallet::constant]
		type MaxShares: Get<u32>;

		/// The most datanet versions in a model's lineage (as the model registry bounds it).
		#[pallet::constant]
		type MaxLineage: Get<u32>;

		/// The most jobs that fall due in one block.
		#[pallet::constant]
		type MaxJobsPerBlock: Get<u32>;

		/// The most jobs in one `commit` or `reveal` call.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The largest query input or output the `open_job` call takes, in bytes.
		#[pallet::constant]
		type MaxQueryLen: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Registers models for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// Active attestors, sorted by account, with their bonds: the pool committees are drawn from.
	#[pallet::storage]
	pub type ActiveAttestors<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, BalanceOf<T>), T::MaxAttestors>, ValueQuery>;

	/// Every bonded attestor, active or unbonding.
	#[pallet::storage]
	pub type Attestors<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Attestor<T>>;

	/// The id the next job gets.
	#[pallet::storage]
	pub type NextJobId<T> = StorageValue<_, JobId, ValueQuery>;

	/// Open jobs.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, Job<T>>;

	/// Revealed answers of open jobs, by job and member.
	#[pallet::storage]
	pub type Reveals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, JobId, Blake2_128Concat, T::AccountId, BoundedVec<Share, T::MaxShares>>;

	/// The open jobs of each attestor: where its worker looks.
	#[pallet::storage]
	pub type Assignments<T: Config> = StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// The open jobs whose reveal deadline is a block: finalised in its `on_initialize`.
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<JobId, T::MaxJobsPerBlock>, ValueQuery>;

	/// Final jobs.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, JobId, JobResult<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An attestor bonded and joined the active set.
		AttestorRegistered { attestor: T::AccountId, bond: BalanceOf<T> },
		/// An attestor left the active set; the bond can be withdrawn from block `until` on.
		AttestorUnregistered { attestor: T::AccountId, until: BlockNumberFor<T> },
		/// An unbonded attestor's bond was released.
		BondWithdrawn { attestor: T::AccountId, amount: BalanceOf<T> },
		/// A job opened with this committee.
		JobOpened { job: JobId, request: JobRequest, committee: Vec<T::AccountId>, reveal_deadline: BlockNumberFor<T> },
		/// A member committed to an answer.
		Committed { job: JobId, attestor: T::AccountId },
		/// A member revealed their answer.
		Revealed { job: JobId, attestor: T::AccountId },
		/// A job reached consensus: `shares` contributions share the data share; `agreed`
		/// attestors share the attestor share.
		AttributionFinal { job: JobId, shares: u32, agreed: Vec<T::AccountId> },
		/// A job ended without consensus: the data share goes to the lineage datanets.
		AttributionFellBack { job: JobId, datanets: Vec<(DatanetId, u32)>, agreed: Vec<T::AccountId> },
		/// A member missed a job or answered outside tolerance.
		AttestorStruck { job: JobId, attestor: T::AccountId, strikes: u32 },
		/// An attestor reached `MaxStrikes`: `amount` of the bond went to the slash destination
		/// and they left the active set.
		AttestorSlashed { attestor: T::AccountId, amount: BalanceOf<T>, until: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already an attestor (active or unbonding).
		AlreadyRegistered,
		/// The account is not an attestor.
		NotAttestor,
		/// The bond is below `MinBond`.
		BondTooLow,
		/// The active set holds `MaxAttestors`.
		TooManyAttestors,
		/// The attestor is not active.
		NotActive,
		/// The attestor is not unbonding, or the unbonding period is not over.
		StillBonded,
		/// No open job has this id.
		UnknownJob,
		/// No registered model has this id.
		UnknownModel,
		/// The caller is not on the job's committee.
		NotMember,
		/// The commit period of the job is over.
		CommitClosed,
		/// The member already committed.
		AlreadyCommitted,
		/// The member has not committed.
		NotCommitted,
		/// Reveals are not open yet (members still committing) or no longer (deadline passed).
		RevealClosed,
		/// The member already revealed.
		AlreadyRevealed,
		/// The answer names more than `MaxShares` contributions.
		TooManyShares,
		/// The answer's contributions are not strictly ascending, a part is zero, or the parts
		/// exceed one million.
		MalformedShares,
		/// The answer and salt do not match the commitment.
		CommitmentMismatch,
		/// A batch is empty or longer than `MaxBatch`.
		BadBatch,
		/// A job names one job twice.
		DuplicateInBatch,
		/// The query input or output is longer than `MaxQueryLen`.
		QueryTooLarge,
		/// No block within reach has room for another deadline.
		TooManyJobs,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due = Deadlines::<T>::take(now);
			let count = due.len() as u32;
			for job in due {
				Self::finalise(job, now);
			}
			T::WeightInfo::on_initialize(count).saturating_add(T::OnFinal::weight().saturating_mul(u64::from(count)))
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::work(now);
		}

		fn integrity_test() {
			assert!(T::CommitteeSize::get() > 0, "a committee needs a member");
			assert!(!T::MinBond::get().is_zero(), "bonds weigh committees: the smallest must be positive");
			assert!(T::MaxShares::get() > 0 && T::MaxJobsPerBlock::get() > 0 && T::MaxBatch::get() > 0);
			// A job is due at most MaxJobsPerBlock blocks after its natural deadline.
			let longest_job = T::CommitPeriod::get()
				.saturating_add(T::RevealPeriod::get())
				.saturating_add(T::MaxJobsPerBlock::get().into());
			assert!(
				T::UnbondingPeriod::get() > longest_job,
				"an unbonding attestor must stay slashable for every job it sits on"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bonds `bond` (at least `MinBond`) from the caller, held under `AttestorBond`, and
		/// joins the active set. The caller's account should be that of an `attr` key in their
		/// node's keystore, or their node cannot answer for them.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_attestor())]
		pub fn register_attestor(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Attestors::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
			ensure!(bond >= T::MinBond::get(), Error::<T>::BondTooLow);
			let mut active = ActiveAttestors::<T>::get();
			let at = active.binary_search_by(|(a, _)| a.cmp(&who)).err().ok_or(Error::<T>::AlreadyRegistered)?;
			active.try_insert(at, (who.clone(), bond)).map_err(|_| Error::<T>::TooManyAttestors)?;
			T::Currency::hold(&HoldReason::AttestorBond.into(), &who, bond)?;
			ActiveAttestors::<T>::put(active);
			Attestors::<T>::insert(&who, Attestor { bond, strikes: 0, state: AttestorState::Active });
			Self::deposit_event(Event::AttestorRegistered { attestor: who, bond });
			Ok(())
		}

		/// Leaves the active set. The bond stays on hold — still answerable for the jobs the
		/// caller sits on — for `UnbondingPeriod` blocks, then `withdraw_unbonded` releases it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unregister())]
		pub fn unregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Attestors::<T>::get(&who).ok_or(Error::<T>::NotAttestor)?;
			ensure!(record.state == AttestorState::Active, Error::<T>::NotActive);
			let until = Self::leave(&who, &mut record);
			Attestors::<T>::insert(&who, record);
			Self::deposit_event(Event::AttestorUnregistered { attestor: who, until });
			Ok(())
		}

		/// Releases the bond of an attestor whose unbonding period is over, and forgets them.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Attestors::<T>::get(&who).ok_or(Error::<T>::NotAttestor)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				matches!(record.state, AttestorState::Unbonding { until } if until <= now),
				Error::<T>::StillBonded
			);
			let amount =
				T::Currency::release(&HoldReason::AttestorBond.into(), &who, record.bond, Precision::BestEffort)?;
			Attestors::<T>::remove(&who);
			Self::deposit_event(Event::BondWithdrawn { attestor: who, amount });
			Ok(())
		}

		/// Commits the caller to answers of one or more jobs: `(job, commitment)` pairs, each
		/// commitment [`commitment`](attr::commitment)`(shares, salt, caller)`. The caller must sit
		/// on each job's committee, not have committed, and be within its commit period. All or
		/// nothing.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commit(commitments.len() as u32))]
		pub fn commit(origin: OriginFor<T>, commitments: Vec<(JobId, H256)>) -> DispatchResult {
			let who = ensure_signed(origin)?;
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

		/// Reveals the caller's answers of one or more jobs. Each must match the caller's
		/// commitment, be well formed, and come while the job's reveals are open. A job whose
		/// committed members have all revealed, with a quorum, becomes final in this call. All or
		/// nothing.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reveal(reveals.len() as u32)
			.saturating_add(T::OnFinal::weight().saturating_mul(reveals.len() as u64)))]
		pub fn reveal(origin: OriginFor<T>, reveals: Vec<Reveal>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::check_batch(reveals.iter().map(|r| r.job))?;
			let now = frame_system::Pallet::<T>::block_number();
			for Reveal { job: id, shares, salt } in reveals {
				let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
				ensure!(job.reveal_open(now), Error::<T>::RevealClosed);
				let shares: BoundedVec<Share, T::MaxShares> =
					shares.try_into().map_err(|_| Error::<T>::TooManyShares)?;
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

		/// Opens a job for `model`'s answer `output` to `input` in inference `inference`, as a
		/// paid inference would; the input and output go to the off-chain index under their
		/// hashes. For tests and operators until inferences open jobs themselves.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::open_job(input.len().saturating_add(output.len()) as u32))]
		pub fn open_job(
			origin: OriginFor<T>,
			model: openledger_primitives::models::ModelId,
			inference: attr::InferenceId,
			input: Vec<u8>,
			output: Vec<u8>,
		) -> DispatchResult {
			T::JobOrigin::ensure_origin(origin)?;
			let max = T::MaxQueryLen::get() as usize;
			ensure!(input.len() <= max && output.len() <= max, Error::<T>::QueryTooLarge);
			let input_hash = H256(sp_io::hashing::blake2_256(&input));
			let output_hash = H256(sp_io::hashing::blake2_256(&output));
			Self::open(JobRequest {
				model,
				subject: Subject::Inference { inference, input: input_hash, output: output_hash },
			})?;
			sp_io::offchain_index::set(input_hash.as_bytes(), &input);
			sp_io::offchain_index::set(output_hash.as_bytes(), &output);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
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

		/// Takes `who` out of the active set and starts unbonding; returns when it ends.
		fn leave(who: &T::AccountId, record: &mut Attestor<T>) -> BlockNumberFor<T> {
			ActiveAttestors::<T>::mutate(|active| active.retain(|(a, _)| a != who));
			let until = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
			record.state = AttestorState::Unbonding { until };
			until
		}

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
			let (seed, _) = T::Randomness::random(&(LOCAL_PREFIX, b"committee", id).encode());
			let mut pool: Vec<(T::AccountId, BalanceOf<T>)> = ActiveAttestors::<T>::get().into_inner();
			let mut chosen: Vec<CommitteeMember<T>> = Vec::new();
			for k in 0..T::CommitteeSize::get() {
				let total: u128 = pool.iter().fold(0u128, |sum, (_, b)| sum.saturating_add(Self::weight_of(*b)));
				if total == 0 {
					break;
				}
				let draw = (seed, k).using_encoded(sp_io::hashing::blake2_256);
				let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, ..] = draw;
				let mut point =
					u128::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15])
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

		/// Makes job `id` final at `now`: consensus or fallback, strikes, the result stored and
		/// announced, the job's records removed.
		pub fn finalise(id: JobId, now: BlockNumberFor<T>) {
			let Some(job) = Jobs::<T>::take(id) else { return };
			let answers: Vec<Answer<T>> = job
				.committee
				.iter()
				.filter_map(|m| {
					Reveals::<T>::take(id, &m.account).map(|s| (m.account.clone(), Self::weight_of(m.bond), s))
				})
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
				DataShares::Contributions(c) => Self::deposit_event(Event::AttributionFinal {
					job: id,
					shares: c.len() as u32,
					agreed: agreed.clone(),
				}),
				DataShares::Datanets(d) => Self::deposit_event(Event::AttributionFellBack {
					job: id,
					datanets: d.clone(),
					agreed: agreed.clone(),
				}),
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

		/// One strike for `who` over job `job`; at `MaxStrikes`, the slash.
		fn strike(who: &T::AccountId, job: JobId) {
			let Some(mut record) = Attestors::<T>::get(who) else { return };
			record.strikes = record.strikes.saturating_add(1);
			Self::deposit_event(Event::AttestorStruck { job, attestor: who.clone(), strikes: record.strikes });
			if record.strikes >= T::MaxStrikes::get() {
				let due = T::StrikeSlash::get().mul_floor(record.bond);
				let amount = T::Currency::transfer_on_hold(
					&HoldReason::AttestorBond.into(),
					who,
					&T::SlashDestination::get(),
					due,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)
				.unwrap_or_else(|_| Zero::zero());
				record.bond = record.bond.saturating_sub(amount);
				record.strikes = 0;
				let until = match record.state {
					AttestorState::Active => Self::leave(who, &mut record),
					AttestorState::Unbonding { until } => until,
				};
				Self::deposit_event(Event::AttestorSlashed { attestor: who.clone(), amount, until });
			}
			Attestors::<T>::insert(who, record);
		}

		/// An agreeing answer takes a strike off.
		fn pardon(who: &T::AccountId) {
			Attestors::<T>::mutate(who, |record| {
				if let Some(r) = record {
					r.strikes = r.strikes.saturating_sub(1);
				}
			});
		}

		/// The question job `job` puts to the engine, or `None` if its model is gone.
		pub fn score_request(request: &JobRequest) -> Option<ScoreRequest> {
			let model = T::Models::model(request.model)?;
			let contributions = model
				.lineage
				.iter()
				.flat_map(|&(datanet, version)| {
					T::Datanets::members(datanet, version)
						.into_iter()
						.map(move |(index, hash)| (ContributionRef { datanet, index }, hash))
				})
				.collect();
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
						if let Some((shares, salt)) = Self::answer(id, &account.id, &job) {
							if Self::due_to_submit(b"sent-commit", id, &account.id, now) {
								commits.push((id, attr::commitment(&shares, &salt, &account.id)));
							}
						}
					} else if member.commitment.is_some() && !member.revealed && job.reveal_open(now) {
						if let Some((shares, salt)) = Self::stored_answer(id, &account.id) {
							if Self::due_to_submit(b"sent-reveal", id, &account.id, now) {
								reveals.push(Reveal { job: id, shares, salt });
							}
						}
					}
				}
				let signer =
					Signer::<T, T::AuthorityId>::all_accounts().with_filter(Vec::from([account.public.clone()]));
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

		fn local_key(kind: &[u8], job: JobId, who: &T::AccountId) -> Vec<u8> {
			(LOCAL_PREFIX, kind, job, who).encode()
		}

		/// The answer stored for (job, who), if any.
		fn stored_answer(job: JobId, who: &T::AccountId) -> Option<(Vec<Share>, [u8; 32])> {
			let key = Self::local_key(b"answer", job, who);
			sp_runtime::offchain::storage::StorageValueRef::persistent(&key)
				.get::<(Vec<Share>, [u8; 32])>()
				.ok()
				.flatten()
		}

		/// The answer for (job, who): stored, or scored now by the engine and stored with a fresh
		/// salt. `None` if the engine cannot answer.
		fn answer(id: JobId, who: &T::AccountId, job: &Job<T>) -> Option<(Vec<Share>, [u8; 32])> {
			if let Some(stored) = Self::stored_answer(id, who) {
				return Some(stored);
			}
			let request = Self::score_request(&job.request)?;
			match attr::engine::score(request) {
				Ok(mut shares) => {
					shares.truncate(T::MaxShares::get() as usize);
					if !attr::well_formed(&shares) {
						log::warn!(target: "attribution", "job {id}: the engine's answer is malformed");
						return None;
					}
					let salt = sp_io::offchain::random_seed();
					let answer = (shares, salt);
					let key = Self::local_key(b"answer", id, who);
					sp_runtime::offchain::storage::StorageValueRef::persistent(&key).set(&answer);
					Some(answer)
				},
				Err(e) => {
					log::warn!(target: "attribution", "job {id}: no answer from the engine: {e:?}");
					None
				},
			}
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

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectHold;
			let active = ActiveAttestors::<T>::get();
			ensure!(active.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)), "active set not sorted");
			let mut active_records = 0usize;
			for (who, record) in Attestors::<T>::iter() {
				let held = T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &who);
				ensure!(held == record.bond, "attestor bond differs from its hold");
				if record.state == AttestorState::Active {
					active_records = active_records.saturating_add(1);
					ensure!(
						active.iter().any(|(a, b)| a == &who && *b == record.bond),
						"active attestor not in the set"
					);
				}
			}
			ensure!(active_records == active.len(), "active set holds an inactive attestor");
			for (id, job) in Jobs::<T>::iter() {
				ensure!(Deadlines::<T>::get(job.reveal_deadline).contains(&id), "open job not due");
				for m in job.committee.iter() {
					ensure!(Assignments::<T>::contains_key(&m.account, id), "member not assigned");
					ensure!(
						m.revealed == Reveals::<T>::contains_key(id, &m.account),
						"reveal without a revealed member"
					);
				}
			}
			for (who, id, ()) in Assignments::<T>::iter() {
				ensure!(Jobs::<T>::get(id).is_some_and(|j| j.member(&who).is_some()), "assignment to no job");
			}
			Ok(())
		}
	}
}

impl<T: Config> AttributionProvider for Pallet<T> {
	fn open_job(request: JobRequest) -> Result<JobId, sp_runtime::DispatchError> {
		Pallet::<T>::open(request)
	}

	fn open_job_weight() -> frame_support::weights::Weight {
		T::WeightInfo::open_job(0)
	}
}
