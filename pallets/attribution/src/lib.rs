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
//! Whoever records a paid inference opens a job through
//! [`AttributionProvider`](openledger_primitives::attribution::AttributionProvider) (the root-only
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
//! builds a [`ScoreRequest`](openledger_primitives::attribution::ScoreRequest) — the model's
//! weights hash and architecture, the members of its lineage versions with their payload
//! hashes, the query — and asks the node's engine through
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
//!
//! ## Code layout
//!
//! `lib.rs` declares the pallet (config, storage, events, errors, hooks, thin calls);
//! `attestors.rs` the registry, bonds and strikes; `jobs.rs` jobs, committees, commit–reveal
//! and finalisation; `consensus.rs` the integer arithmetic of consensus; `offchain.rs` the
//! attestor's worker; `impl_session.rs` the `attr` session key; `types.rs` the stored records.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

mod attestors;
pub mod consensus;
mod impl_session;
mod jobs;
mod offchain;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use offchain::AttestorAuthId;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use openledger_primitives::{
	attribution::{self as attr, JobId, JobRequest, OnAttributionFinal, Share, Subject},
	datanets::{DatanetId, DatanetVersions},
	models::ModelCatalog,
};

/// Registers a model for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Registers a model whose lineage is as long as the registry allows, and returns its id.
	fn model() -> Result<openledger_primitives::models::ModelId, frame_benchmarking::BenchmarkError>;
}

/// The pallet's domain tag: it separates committee draws' random subjects and prefixes the
/// off-chain worker's local storage keys.
const DOMAIN: &[u8] = b"openledger/attribution/";

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			Randomness,
		},
	};
	use frame_system::{
		offchain::{AppCrypto, CreateSignedTransaction},
		pallet_prelude::*,
	};
	use sp_core::H256;
	use sp_runtime::{
		traits::{Saturating, Zero},
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
		AttestorRegistered {
			/// The attestor.
			attestor: T::AccountId,
			/// What is held from them.
			bond: BalanceOf<T>,
		},
		/// An attestor left the active set; the bond can be withdrawn from block `until` on.
		AttestorUnregistered {
			/// The attestor.
			attestor: T::AccountId,
			/// The first block the bond can be withdrawn in.
			until: BlockNumberFor<T>,
		},
		/// An unbonded attestor's bond was released.
		BondWithdrawn {
			/// The former attestor.
			attestor: T::AccountId,
			/// What was released.
			amount: BalanceOf<T>,
		},
		/// A job opened with this committee.
		JobOpened {
			/// The new job.
			job: JobId,
			/// What it attributes.
			request: JobRequest,
			/// Its members, sorted by account.
			committee: Vec<T::AccountId>,
			/// Reveals are accepted before this block, in which it is final at the latest.
			reveal_deadline: BlockNumberFor<T>,
		},
		/// A member committed to an answer.
		Committed {
			/// The job.
			job: JobId,
			/// The member.
			attestor: T::AccountId,
		},
		/// A member revealed their answer.
		Revealed {
			/// The job.
			job: JobId,
			/// The member.
			attestor: T::AccountId,
		},
		/// A job reached consensus: `shares` contributions share the data share; `agreed`
		/// attestors share the attestor share.
		AttributionFinal {
			/// The job.
			job: JobId,
			/// How many contributions share the data share.
			shares: u32,
			/// The members whose answers agreed with consensus.
			agreed: Vec<T::AccountId>,
		},
		/// A job ended without consensus: the data share goes to the lineage datanets.
		AttributionFellBack {
			/// The job.
			job: JobId,
			/// The lineage datanets and their parts per million.
			datanets: Vec<(DatanetId, u32)>,
			/// The members whose answers agreed with consensus (none without a quorum).
			agreed: Vec<T::AccountId>,
		},
		/// A member missed a job or answered outside tolerance.
		AttestorStruck {
			/// The job.
			job: JobId,
			/// The member.
			attestor: T::AccountId,
			/// Their strikes now.
			strikes: u32,
		},
		/// An attestor reached `MaxStrikes`: `amount` of the bond went to the slash destination
		/// and they left the active set.
		AttestorSlashed {
			/// The attestor.
			attestor: T::AccountId,
			/// What went to the slash destination.
			amount: BalanceOf<T>,
			/// The first block the rest of the bond can be withdrawn in.
			until: BlockNumberFor<T>,
		},
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
	#[deny(clippy::expect_used)]
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
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Bonds `bond` (at least `MinBond`) from the caller, held under `AttestorBond`, and
		/// joins the active set. The caller's account should be that of an `attr` key in their
		/// node's keystore, or their node cannot answer for them.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_attestor())]
		pub fn register_attestor(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, bond)
		}

		/// Leaves the active set. The bond stays on hold — still answerable for the jobs the
		/// caller sits on — for `UnbondingPeriod` blocks, then `withdraw_unbonded` releases it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unregister())]
		pub fn unregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister(who)
		}

		/// Releases the bond of an attestor whose unbonding period is over, and forgets them.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(who)
		}

		/// Commits the caller to answers of one or more jobs: `(job, commitment)` pairs, each
		/// commitment [`commitment`](attr::commitment)`(shares, salt, caller)`. The caller must sit
		/// on each job's committee, not have committed, and be within its commit period. All or
		/// nothing.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commit(commitments.len() as u32))]
		pub fn commit(origin: OriginFor<T>, commitments: Vec<(JobId, H256)>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, commitments)
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
			Self::do_reveal(who, reveals)
		}

		/// Opens a job for `model`'s answer `output` to `input` in inference `inference`, as a
		/// paid inference does through [`AttributionProvider`](attr::AttributionProvider), with
		/// nothing paid and nothing to settle; the input and output go to the off-chain index
		/// under their hashes. For tests and operators (`JobOrigin`: root).
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

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Checks the pallet's assumptions (see the crate docs): the attestors' records, then the
		/// jobs'.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::try_state_attestors()?;
			Self::try_state_jobs()
		}
	}
}
