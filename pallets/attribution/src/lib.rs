//! # Attribution
//!
//! ## Overview
//!
//! Proof of Attribution on chain. When a model answers a paid request, a job opens; a committee
//! of bonded attestors scores, off chain, how much each training contribution influenced the
//! answer; they commit to their answers, then reveal them; the seat-by-seat median of the
//! revealed answers becomes the job's final attribution, which settlement pays out. The rules
//! are built to hold against the attacks `docs/DESIGN.md`'s threat model names; the tests
//! perform each one.
//!
//! ## Attestors
//!
//! `register_attestor(bond)` holds at least `MinBond` from the caller and puts them in the active
//! set (at most `MaxAttestors`). A full set admits a larger bond than its smallest: the smallest
//! is displaced (`AttestorDisplaced`) and unbonds, so a full set cannot be held against
//! newcomers. `unregister` takes an attestor out of the set; their bond stays on hold for
//! `UnbondingPeriod` blocks — long enough to be slashed for jobs they still sit on — and then
//! `withdraw_unbonded` releases it. An attestor's account is the account of its `attr` key: the
//! node's off-chain worker signs with that key from the keystore. The `attr` key is also one of
//! the session keys a validator's node generates (`author_rotateKeys`); the pallet is that key's
//! session handler and does nothing on a new session.
//!
//! ## Jobs
//!
//! Whoever records a paid inference opens a job through
//! [`AttributionProvider`](openledger_primitives::attribution::AttributionProvider), paying the
//! **job fee** (`JobFee`, a runtime parameter, once for each `WorkPerBlock / MaxJobsPerBlock`
//! of the work the job asks of the attestors, its model's first job included, so that a block's
//! worth of their time costs a block's draws' fees whatever the jobs' sizes; times a multiplier
//! that rises by up to an eighth a block while more than half a block's draws wait and falls as
//! fast below, up to `MaxJobFeeMultiplier`), held until the job is final. The root-only `open_job`
//! call does the same without a fee, for tests and operators. The job names the model and the
//! hashes of the query's input and output. Its committee is drawn in the **next** block's
//! `on_initialize`, from `Randomness` mixed with that block's parent hash — unknown when the job
//! was paid for — as `CommitteeSize` attestors drawn without replacement, each draw
//! proportional to bond. Then:
//!
//! 1. **Commit**, before `drawn + CommitPeriod`: each member submits
//!    [`commitment`](openledger_primitives::attribution::commitment)`(answer, salt, account)`,
//!    where the answer is shares or a report that the job is
//!    [unscorable](openledger_primitives::attribution::Unscorable) and why.
//! 2. **Reveal**, once every member has committed or the commit period is over, and before
//!    `commit deadline + RevealPeriod`: the answer and the salt, which must match the
//!    commitment; shares may name only members of the model's lineage versions (`NotInLineage`).
//!    A member's valid commits and reveals pay no transaction fee (the job fee pays for them).
//! 3. **Final**, as soon as every member who committed has revealed with a quorum (`Quorum` of
//!    the seats and of the bond revealed) — or at the reveal deadline, in `on_initialize`. Every
//!    seat counts the same, whatever its bond:
//!    - **result**: per contribution the median of the seats' scoring answers, the `MaxShares`
//!      largest renormalised to one million parts; if more than half of the committee's seats
//!      answered within `Tolerance` (total-variation distance) of it, it is final. They earn the
//!      attestor share and the job fee; members who answered otherwise get a strike.
//!    - **unscorable**: else, if more than half of the seats reported the job unscorable, nothing
//!      is attributed and settlement refunds the payer's escrowed parts; the reporters share the
//!      job fee. A reason given by more than half of the seats is *proven*: a proven fault of the
//!      model (invalid weights, an engine failure on them, or a false lineage — weights that
//!      are not what training on the declared lineage gives) suspends the model from paid
//!      inference; a proven false output (not the model's answer to its input) is not
//!      refunded — that would make lying about an output a discount — nor paid to the lineage
//!      (whose owner may be the liar): the data share goes to the treasury, the attestor share
//!      and the job fee to the seats that proved it; settlement penalises a provider who
//!      vouched for the output.
//!    - **fallback**: else (no quorum, no majority either way, or a result crediting nobody),
//!      the data share goes to the members of the model's lineage versions pro rata to their
//!      rows (each datanet once, at the latest version the lineage names), through settlement's
//!      pools; the job fee goes to the agreeing members, or the treasury.
//!    - members who neither answered nor reported get a strike; a member who answered is struck
//!      only when it disagrees with a result. Each carrying answer takes a strike off. At
//!      `MaxStrikes` an attestor loses `StrikeSlash` of their bond to `SlashDestination` and
//!      leaves the active set, unbonding the rest.
//!
//! The result is stored in `Results` and announced through [`OnAttributionFinal`].
//!
//! ## Retention
//!
//! A result is kept for `Retention` blocks (a runtime parameter) after the block it became
//! final in — the runtime APIs and RPC answer for it within that time — and is then forgotten in
//! `on_initialize`, in order of job id, at most twice `MaxJobsPerBlock` a block
//! (`ResultsExpired`). With it go the query bytes the job explained from the off-chain index and,
//! through [`OnAttributionFinal::on_attribution_expired`], the records
//! settlement kept of its inference or batch. Jobs are forgotten in the order they opened, so a
//! job that became final early waits for the jobs opened before it, at most the commit and
//! reveal periods longer.
//!
//! Security assumption: fewer than half of any committee's seats are dishonest. Seats are drawn
//! by bond, so an attacker holding a part `p` of all bond holds each seat with probability about
//! `p`, and decides a job only by holding a majority of its `CommitteeSize` seats; one account
//! holds at most one seat. The simulation in the tests prints the figures.
//!
//! ## Off-chain worker
//!
//! On each block, for every job whose committee holds one of the node's `attr` keys, the worker
//! builds a [`ScoreRequest`](openledger_primitives::attribution::ScoreRequest) — the model's
//! weights hash and architecture, the members of its lineage versions (each once) with their
//! payload hashes, the query — and asks the node's engine through
//! the [`engine`](openledger_primitives::attribution::engine) host function. It keeps the answer
//! (shares, or the reason it cannot score) and a random salt in off-chain local storage,
//! submits the commitment, and reveals once reveals open, both as signed transactions. A node
//! without the engine extension answers nothing and its attestor misses the job. Overlapping
//! runs score a job once (a lock in local storage), never replace a stored salt
//! (compare-and-set), and number their transactions after those not yet included; a job's keys
//! are removed an hour after its reveal deadline (see the `offchain` module).
//!
//! ## Bounds
//!
//! Every hook does bounded work: a block draws at most `MaxJobsPerBlock` committees, and they
//! all fall due in one later block; at most `MaxWaitingJobs` jobs wait for theirs. Committee
//! draws read one bounded value, the active set.
//!
//! So does every attestor's engine. The chain estimates what a job asks of it
//! ([`Pallet::work_of`]: its model's first job, its own queries), and draws a job's committee
//! only while the work drawn and not yet worked off stays within `MaxWorkBacklog`, of which each
//! block takes `WorkPerBlock` off: sized so that a job is answered before its commit is due,
//! however the attestor orders its jobs. Jobs wait for their draw in the order they opened,
//! so that light traffic cannot shut out a heavy model: a job is refused only when the line is
//! full (`TooManyJobs`, `AttestorsBusy` past `MaxWaitingWork`, conditions that do not depend on
//! its size) or when it alone is more than the attestors answer in time (`JobTooLarge`).
//!
//! ## Assumptions
//!
//! - Exactly the bond of every attestor record is on hold under `AttestorBond`.
//! - The active set is the active records, sorted by account, with their bonds.
//! - Every open job waits for its draw or is due in the deadline bucket of its reveal deadline;
//!   its committee members are assigned to it; its reveals belong to members who revealed;
//!   every payer holds exactly its open jobs' fees under `JobFee`.
//! - The jobs from the draw cursor to the next id wait (at most `MaxWaitingJobs`), undrawn,
//!   each with its work; the waiting total is the sum of theirs; the work backlog is within
//!   `MaxWorkBacklog`.
//! - No open job and no kept result is behind the expiry cursor, which is not past the last job.
//!
//! `try_state` checks these.
//!
//! ## Code layout
//!
//! `lib.rs` declares the pallet (config, storage, events, errors, hooks, thin calls);
//! `attestors.rs` the registry, bonds and strikes; `jobs.rs` jobs, fees, committees,
//! commit–reveal and finalisation; `consensus.rs` the integer arithmetic of consensus;
//! `offchain.rs` the attestor's worker; `impl_session.rs` the `attr` session key; `types.rs` the
//! stored records.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

mod attestors;
pub mod consensus;
mod impl_session;
mod jobs;
pub mod migrations;
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
	attribution::{self as attr, JobId, JobRequest, LineageShare, OnAttributionFinal, Subject, Unscorable},
	datanets::DatanetVersions,
	models::ModelCatalog,
};

/// Registers a model for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Registers a model whose lineage is as long as the registry allows and holds at least
	/// `members` contributions; returns its id and `members` of its lineage's contributions.
	fn model(
		members: u32,
	) -> Result<(openledger_primitives::models::ModelId, Vec<attr::ContributionRef>), frame_benchmarking::BenchmarkError>;
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
		dispatch::PostDispatchInfo,
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
		traits::{One, Saturating, Zero},
		FixedU128, Perbill,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An attestor's bond, held while they attest and unbond.
		AttestorBond,
		/// A job's fee, held from whoever opened it until the job is final.
		JobFee,
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

		/// Who may open jobs with the `open_job` call (root), with no fee.
		type JobOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What opening a job costs before congestion, for each `WorkPerBlock / MaxJobsPerBlock`
		/// of its work (a runtime parameter): paid by whoever opens it, it pays the committee
		/// members whose answers carried the job.
		type JobFee: Get<BalanceOf<Self>>;

		/// The most the job fee's multiplier reaches (it starts at one, rises while more than half
		/// a block's draws wait and falls while fewer do).
		#[pallet::constant]
		type MaxJobFeeMultiplier: Get<u32>;

		/// The keys attestors' workers sign with.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// The smallest bond.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// The most attestors in the active set.
		#[pallet::constant]
		type MaxAttestors: Get<u32>;

		/// Attestors per job (fewer if fewer are active). Every member's answer counts the same in
		/// consensus, and a result needs more than half of the seats to agree with it.
		#[pallet::constant]
		type CommitteeSize: Get<u32>;

		/// Blocks from a job's committee draw (the block after it opens) to its commit deadline.
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks from the commit deadline to the reveal deadline.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks an unregistered attestor's bond stays on hold.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The part of a committee's seats, and of its bond, that must reveal for a result (a
		/// runtime parameter).
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

		/// The most committees a block draws: all of their jobs fall due in one later block, whose
		/// finalisation the hooks must afford.
		#[pallet::constant]
		type MaxJobsPerBlock: Get<u32>;

		/// The most jobs waiting for their committee: a job opened while this many wait is
		/// refused (`TooManyJobs`).
		#[pallet::constant]
		type MaxWaitingJobs: Get<u32>;

		/// The most work ([`Pallet::work_of`]) waiting for committees before a job is refused
		/// (`AttestorsBusy`): what bounds how long a job waits. Compared before the job is added,
		/// so that a heavy job and a light one are refused alike.
		#[pallet::constant]
		type MaxWaitingWork: Get<u64>;

		/// The most jobs in one `commit` or `reveal` call.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The work ([`Pallet::work_of`], microseconds of the reference machine) that attestors are
		/// taken to get through in a block: what [`WorkBacklog`] drains by in each.
		#[pallet::constant]
		type WorkPerBlock: Get<u64>;

		/// The most work [`WorkBacklog`] holds: a job whose committee would take it further waits
		/// for a later block, and a job larger than this alone is refused (`JobTooLarge`). With
		/// `WorkPerBlock`, sized so that an attestor on every committee answers each job before its
		/// commit is due, however its jobs are ordered: at most this plus `CommitPeriod − 2`
		/// blocks' worth of work is ahead of it.
		#[pallet::constant]
		type MaxWorkBacklog: Get<u64>;

		/// The largest query input or output the `open_job` call takes, in bytes.
		#[pallet::constant]
		type MaxQueryLen: Get<u32>;

		/// Blocks a final job's result is kept after the block it became final in (a runtime
		/// parameter); then it is forgotten, with its query bytes and its settlement's records.
		type Retention: Get<BlockNumberFor<Self>>;

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
		StorageDoubleMap<_, Twox64Concat, JobId, Blake2_128Concat, T::AccountId, StoredAnswer<T>>;

	/// The open jobs of each attestor: where its worker looks.
	#[pallet::storage]
	pub type Assignments<T: Config> = StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// The open jobs whose reveal deadline is a block: finalised in its `on_initialize`. Only the
	/// jobs opened in one block fall due in a given block, so a bucket never holds more than
	/// `MaxJobsPerBlock`.
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<JobId, T::MaxJobsPerBlock>, ValueQuery>;

	/// The first job whose committee is not drawn yet: every job from it to [`NextJobId`] waits,
	/// and committees are drawn in that order, from randomness nobody knew when the jobs were
	/// paid for.
	#[pallet::storage]
	pub type DrawCursor<T> = StorageValue<_, JobId, ValueQuery>;

	/// What each waiting job will ask of the attestors, for its draw: its model's first job and
	/// its own work ([`Pallet::work_of`]).
	#[pallet::storage]
	pub type Waiting<T: Config> = StorageMap<_, Twox64Concat, JobId, WaitingWork>;

	/// The work of every waiting job, its model's first job counted for each.
	#[pallet::storage]
	pub type WaitingTotal<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The attestors' work drawn and not yet worked off, in microseconds of the reference
	/// machine: every drawn job adds its own (its queries), and the first of a block's draws on a
	/// model the model's first job too; every block takes `WorkPerBlock` off. The chain cannot
	/// know which models an attestor's engine holds (committees differ, nodes restart), so it
	/// counts every block's draws on a model as a first job.
	#[pallet::storage]
	pub type WorkBacklog<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// One, the job fee multiplier's least value.
	#[pallet::type_value]
	pub fn OneMultiplier() -> FixedU128 {
		FixedU128::one()
	}

	/// What the job fee is multiplied by: from one up to `MaxJobFeeMultiplier`, up by up to an
	/// eighth a block while more than half a block's draws wait (or more than half the most work
	/// a block's draws may add), down as fast while fewer do.
	#[pallet::storage]
	pub type JobFeeMultiplier<T> = StorageValue<_, FixedU128, ValueQuery, OneMultiplier>;

	/// Final jobs, kept for `Retention` blocks after they became final.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, JobId, JobResult<T>>;

	/// The first job whose result is not yet forgotten: every result of a smaller id is.
	#[pallet::storage]
	pub type ExpiryCursor<T> = StorageValue<_, JobId, ValueQuery>;

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
		/// A full active set admitted a larger bond: the smallest left it, and its bond unbonds.
		AttestorDisplaced {
			/// The attestor who left the set.
			attestor: T::AccountId,
			/// The attestor who took its place.
			by: T::AccountId,
			/// The first block the displaced bond can be withdrawn in.
			until: BlockNumberFor<T>,
		},
		/// An unbonded attestor's bond was released.
		BondWithdrawn {
			/// The former attestor.
			attestor: T::AccountId,
			/// What was released.
			amount: BalanceOf<T>,
		},
		/// A job opened and waits for its committee: the next block draws it, or a later one
		/// if the attestors have more work before them than they answer in time (in order).
		JobOpened {
			/// The new job.
			job: JobId,
			/// What it attributes.
			request: JobRequest,
			/// The job fee held from whoever opened it (none for a job root opened).
			fee: BalanceOf<T>,
		},
		/// A job's committee was drawn, from randomness nobody knew when the job was paid for.
		CommitteeDrawn {
			/// The job.
			job: JobId,
			/// Its members, sorted by account.
			committee: Vec<T::AccountId>,
			/// Commitments are accepted before this block.
			commit_deadline: BlockNumberFor<T>,
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
		/// A job ended without consensus: the data share goes to the members of the lineage
		/// versions, pro rata to their rows.
		AttributionFellBack {
			/// The job.
			job: JobId,
			/// The lineage versions (one per datanet) and their parts per million.
			lineage: Vec<LineageShare>,
			/// The members whose answers agreed with consensus (none without a quorum).
			agreed: Vec<T::AccountId>,
		},
		/// A majority of the committee found a job unscorable: nothing is attributed, the payer's
		/// escrowed parts go back to the payer, and nobody who answered is struck.
		AttributionUnscorable {
			/// The job.
			job: JobId,
			/// The reason most of the reporters gave.
			reason: Unscorable,
			/// The members who reported it unscorable (they share the job fee).
			reporters: Vec<T::AccountId>,
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
		/// The results of jobs `from` up to (not including) `to` were forgotten, their retention
		/// over, with their query bytes and the records of the inferences and batches they settled.
		ResultsExpired {
			/// The first job forgotten.
			from: JobId,
			/// The job after the last one forgotten.
			to: JobId,
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
		/// The active set holds `MaxAttestors`, none with a bond smaller than the one offered.
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
		/// `MaxWaitingJobs` jobs wait for their committees already; try a later block.
		TooManyJobs,
		/// The answer names a contribution that is not a member of the job's lineage versions.
		NotInLineage,
		/// The jobs waiting for committees hold `MaxWaitingWork` already; try a later block
		/// (each block takes `WorkPerBlock` off the attestors' work).
		AttestorsBusy,
		/// The job's own work (its queries), with its model's first job, is more than the
		/// attestors answer in time (`MaxWorkBacklog`): split the batch.
		JobTooLarge,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			WorkBacklog::<T>::mutate(|backlog| *backlog = backlog.saturating_sub(T::WorkPerBlock::get()));
			let drawn = Self::draw_waiting(now);
			Self::adjust_job_fee(drawn);
			let due = Deadlines::<T>::take(now);
			let count = due.len() as u32;
			for job in due {
				Self::finalise(job, now);
			}
			let expired = Self::expire(now);
			T::WeightInfo::draw_committees(drawn)
				.saturating_add(T::WeightInfo::on_initialize(count))
				.saturating_add(T::OnFinal::weight().saturating_mul(u64::from(count)))
				.saturating_add(T::WeightInfo::expire(expired))
				// the result and job read where `expire` stopped, and the waiting job and its work
				// where the draws stopped, which their benchmarks leave out; the backlog drained
				.saturating_add(T::DbWeight::get().reads_writes(5, 1))
				.saturating_add(T::OnFinal::expired_weight().saturating_mul(u64::from(expired)))
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::work(now);
		}

		fn integrity_test() {
			assert!(T::CommitteeSize::get() > 0, "a committee needs a member");
			assert!(
				T::WorkPerBlock::get() > 0
					&& T::MaxWorkBacklog::get() >= openledger_primitives::models::bounds::MAX_COLD_START_MICROS,
				"the attestors must work off first jobs, and have room for any model's"
			);
			assert!(!T::MinBond::get().is_zero(), "bonds weigh committees: the smallest must be positive");
			assert!(
				T::MaxWaitingJobs::get() >= T::MaxJobsPerBlock::get() && T::MaxWaitingWork::get() > 0,
				"the waiting line must hold at least a block's draws, and some work"
			);
			assert!(T::MaxShares::get() > 0 && T::MaxJobsPerBlock::get() > 0 && T::MaxBatch::get() > 0);
			// A job is due the commit and the reveal periods after the block that draws its
			// committee: only attestors active then sit on it.
			let longest_job = T::CommitPeriod::get().saturating_add(T::RevealPeriod::get()).saturating_add(1u32.into());
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
		/// commitment [`commitment`](attr::commitment)`(answer, salt, caller)`. The caller must sit
		/// on each job's committee, not have committed, and be within its commit period. All or
		/// nothing. A valid batch pays no fee (the job fee pays the committee's work); an invalid
		/// one pays.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commit(commitments.len() as u32))]
		pub fn commit(origin: OriginFor<T>, commitments: Vec<(JobId, H256)>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, commitments)?;
			Ok(Pays::No.into())
		}

		/// Reveals the caller's answers of one or more jobs. Each must match the caller's
		/// commitment, be well formed (shares name only members of the job's lineage versions),
		/// and come while the job's reveals are open. A job whose committed members have all
		/// revealed, with a quorum, becomes final in this call. All or nothing. A valid batch pays
		/// no fee and is charged the weight of the finalisations it did; an invalid one pays.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reveal(reveals.len() as u32)
			.saturating_add(T::OnFinal::weight().saturating_mul(reveals.len() as u64)))]
		pub fn reveal(origin: OriginFor<T>, reveals: Vec<Reveal>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let count = reveals.len() as u32;
			let finalised = Self::do_reveal(who, reveals)?;
			let actual =
				T::WeightInfo::reveal(count).saturating_add(T::OnFinal::weight().saturating_mul(u64::from(finalised)));
			Ok(PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::No })
		}

		/// Opens a job for `model`'s answer `output` to `input` in inference `inference`, as a
		/// paid inference does through [`AttributionProvider`](attr::AttributionProvider), with
		/// no job fee and nothing to settle; the input and output go to the off-chain index
		/// under their [`query_key`](attr::query_key)s. For tests and operators (`JobOrigin`: root).
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
			let subject = Subject::Inference { inference, input: input_hash, output: output_hash };
			Self::open(JobRequest { model, subject }, attr::JobLoad::one(&output), None)?;
			sp_io::offchain_index::set(&attr::query_key(&subject, &input_hash), &input);
			sp_io::offchain_index::set(&attr::query_key(&subject, &output_hash), &output);
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
