//! # Datanets
//!
//! ## Overview
//!
//! A datanet is a curated collection of data that models are trained on. Contributors submit
//! data with a deposit; the datanet's owner or curators review it; accepted data becomes part of
//! every version published afterwards; anyone may challenge accepted data, and an arbiter
//! decides. State holds only ids, owners, hashes, sizes, statuses and counters: an inline
//! payload is written to every node's off-chain index under its hash (the node indexes by
//! default), where attestors read it.
//!
//! ## Terminology
//!
//! - **Datanet**: owner, metadata (name, description, license), a [`DataKind`], a
//!   [`CurationPolicy`], a contribution deposit, a copy radius and up to `MaxCurators` curators.
//! - **Contribution**: a payload (at most `MaxPayloadLen` bytes, written to the off-chain index
//!   under its BLAKE2b-256 hash) or a reference `(hash, size, uri)` to a larger artefact. Its
//!   content hash is owned chain-wide by the first contribution that brought it to any datanet
//!   ([`ContributionByHash`]); every datanet refuses it after that.
//! - **Arrival**: every contribution's place in the chain-wide order in which data came
//!   ([`BlockArrivals`]); attribution credits data to the earliest arrival that holds it.
//! - **Copy radius**: how close, in thousandths of a feature unit, a tabular row must be to an
//!   earlier-arrived row with the same label to be its copy, which attribution leaves out.
//! - **Commitment**: `blake2_256(SCALE(account) ‖ content hash)`, committed before the content
//!   is shown: the contribution of that content by that account within `RevealPeriod` blocks
//!   takes the commitment's arrival, and a copy that arrived in between loses the content to it.
//! - **Payload formats**: `Text` — UTF-8. `Tabular { features, classes }` — one or more
//!   examples back to back, each a little-endian `u32` label below `classes` followed by
//!   `features` little-endian IEEE-754 `f32` values, all finite: `4 × (1 + features)` bytes per
//!   example, no header. [`openledger_primitives::datanets::tabular`] reads and writes it in
//!   Rust; in JavaScript, `tabularPayload` of `scripts/lib/chain.mjs`.
//! - **Member**: an accepted contribution that has not been removed.
//! - **Version**: an immutable snapshot — the members with an index below the then next index,
//!   their count, the Merkle root over them ([`merkle`]) and the block. Models train on
//!   versions.
//! - **Challenge**: a bonded claim that an accepted contribution is bad, resolved by the
//!   arbiter origin.
//!
//! ## Calls
//!
//! - `create_datanet`, `update_metadata`, `set_curators`, `set_copy_radius` — the owner's.
//! - `contribute(datanet, payload)`, `contribute_reference(datanet, hash, size, uri)` — anyone;
//!   the datanet's contribution deposit is held until review (under the open policy a
//!   contribution is accepted when submitted, and nothing is held for review), and
//!   `StorageDeposit` for good: a contribution's record is never forgotten (lineages and the
//!   first-comer rule need it), so whoever adds one pays for the state it takes, whatever the
//!   datanet's policy and deposit. Content owned by another
//!   contribution is refused, unless the caller committed to it before that one arrived: then
//!   that one is superseded — rejected (its deposit released: which of the two copied cannot be
//!   shown) if pending, removed if a member (an open challenge of it stays open).
//! - `commit_contribution(commitment)` — anyone, holding `CommitmentDeposit` until the
//!   commitment is used by the contribution it commits to, or `cancel_commitment`ed.
//! - `review(datanet, index, accept)` — owner or curator: accepting releases the deposit,
//!   rejecting transfers it to `SlashDestination` (the treasury).
//! - `withdraw(datanet, index)` — the contributor, while pending: the deposit is released.
//! - `publish_version(datanet)` — owner or curator, when the members changed since the last
//!   version.
//! - `challenge(datanet, index, evidence)` — anyone, on a member, holding `ChallengeBond`.
//! - `resolve_challenge(challenge, upheld)` — `ArbiterOrigin`. While a challenge is open, what
//!   the contribution earns is held by settlement (`Config::Earnings`), not claimable. Upheld:
//!   the contribution is removed (out of later versions and later attribution payouts), the
//!   challenger's bond is released, the held earnings are clawed back, and the contributor pays
//!   the challenger the contribution's deposit plus `ChallengePenalty` — from the clawed-back
//!   earnings first, then from the earnings the chain holds unclaimed for them, then from their
//!   free balance, as much as they have (their deposit was released at acceptance); the rest of
//!   the clawed-back earnings goes to the treasury. Rejected: the held earnings go to the
//!   contributor and the bond to `SlashDestination`.
//!
//! ## Assumptions
//!
//! - Every pending contribution's deposit, every open challenge's bond, every commitment's
//!   deposit, every datanet's creation deposit and every contributor's storage deposits are on
//!   hold under this pallet's hold reasons, and nothing else is.
//! - A datanet's counters match its contributions' statuses; its root is the Merkle root of its
//!   members; every pending or accepted contribution owns its hash, and so does every removed
//!   one but those superseded by an earlier commitment; arrivals are distinct. (Content removed
//!   by a challenge stays owned, so it cannot come back; content a superseding contribution
//!   held is free again if that one is withdrawn or rejected.)
//! - A datanet holds at most `2^MERKLE_DEPTH` contributions.
//!
//! `try_state` checks all of these, as named checks: `try_state_datanets`, `try_state_holds`
//! (per [`HoldReason`]) and `try_state_contributor_stats`.
//!
//! ## Code layout
//!
//! `lib.rs` declares the pallet (config, storage, events, errors, calls); `contributions.rs`
//! validates, submits, reviews and withdraws contributions; `challenges.rs` opens and resolves
//! challenges; `merkle.rs` keeps each datanet's Merkle tree; `impl_ledger.rs` answers the
//! primitives' traits other pallets ask through; `views.rs` builds the runtime API's views;
//! `try_state.rs` checks the invariants; `types.rs` the stored records.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

mod challenges;
mod contributions;
mod impl_ledger;
pub mod merkle;
mod try_state;
mod types;
mod views;
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
use openledger_primitives::datanets::{ContributionIndex, DataKind, DatanetId, Version, VersionNumber};

/// Within a block, commitments' arrivals count from this ([`BlockArrivals`]).
pub const COMMITMENT_ARRIVALS: u32 = 1 << 31;

/// The arrival of the `n`-th taker in `block` (see [`BlockArrivals`]).
pub fn arrival(block: u64, n: u32) -> u64 {
	block.saturating_mul(1 << 32).saturating_add(u64::from(n))
}

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::datanets::{Counters, CurationPolicy};
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A datanet's creation deposit, held from its owner while it exists.
		DatanetDeposit,
		/// A pending contribution's deposit, held from its contributor until review.
		ContributionDeposit,
		/// A challenge's bond, held from its challenger until resolution.
		ChallengeBond,
		/// A commitment's deposit, held from its committer until the commitment is used or
		/// cancelled.
		CommitmentDeposit,
		/// What a contribution's record costs in state, held from its contributor for good (the
		/// record is kept for good).
		ContributionStorage,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits and bonds are held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where rejected contributions' deposits and rejected challenges' bonds go (the
		/// treasury).
		type SlashDestination: Get<Self::AccountId>;

		/// Who resolves challenges (in the runtime: the arbiter track of governance, or root).
		type ArbiterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What settlement held for a challenged contribution: clawed back when its challenge
		/// is upheld, released when it is rejected.
		type Earnings: openledger_primitives::datanets::ChallengedEarnings<Self::AccountId, BalanceOf<Self>>;

		/// What creating a datanet holds from its owner.
		#[pallet::constant]
		type DatanetDeposit: Get<BalanceOf<Self>>;

		/// What a challenge holds from its challenger.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// What an upheld challenge takes from the contributor for the challenger, beyond the
		/// contribution's deposit.
		#[pallet::constant]
		type ChallengePenalty: Get<BalanceOf<Self>>;

		/// The largest inline payload, in bytes.
		#[pallet::constant]
		type MaxPayloadLen: Get<u32>;

		/// The longest datanet name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest datanet description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest license name, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// The longest URI of a referenced artefact, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// The most curators a datanet has.
		#[pallet::constant]
		type MaxCurators: Get<u32>;

		/// What a commitment to a payload holds from its committer until it is used or cancelled.
		#[pallet::constant]
		type CommitmentDeposit: Get<BalanceOf<Self>>;

		/// What each contribution holds from its contributor for good, for the record it leaves in
		/// state (kept for good: lineages and the first-comer rule need it), whatever its
		/// datanet's policy and contribution deposit.
		#[pallet::constant]
		type StorageDeposit: Get<BalanceOf<Self>>;

		/// For how many blocks after it lands a commitment gives its payload priority: a
		/// contribution made later takes the arrival it would have taken then.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;

		/// The largest copy radius a datanet may set, in thousandths of a feature unit.
		#[pallet::constant]
		type MaxCopyRadius: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next datanet gets.
	#[pallet::storage]
	pub type NextDatanetId<T> = StorageValue<_, DatanetId, ValueQuery>;

	/// Datanets by id.
	#[pallet::storage]
	pub type Datanets<T: Config> = StorageMap<_, Blake2_128Concat, DatanetId, Datanet<T>>;

	/// Contributions by datanet and index.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, ContributionIndex, Contribution<T>>;

	/// The contribution that owns each content hash, chain-wide: the first to bring it to any
	/// datanet. Every contribution but withdrawn and rejected ones (which end without having been
	/// a member) keeps its hash; a removed one keeps it too, so removed data cannot come back.
	#[pallet::storage]
	pub type ContributionByHash<T> = StorageMap<_, Blake2_128Concat, H256, (DatanetId, ContributionIndex)>;

	/// The arrivals taken in the current block: `(block, contributions, commitments)`. A
	/// contribution's or commitment's arrival is `block << 32 | n`, `n` counting the block's
	/// contributions from 0 and its commitments from `2^31` ([`arrival`]): every arrival is
	/// distinct, a later block's come after an earlier block's, and within a block commitments
	/// come after contributions — so that a commitment slipped in before a contribution seen in
	/// the transaction pool cannot take its place.
	#[pallet::storage]
	pub type BlockArrivals<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32, u32)>;

	/// Commitments to content not yet contributed, by committer and commitment
	/// ([`Pallet::commitment`]: `blake2_256(SCALE(account) ‖ content hash)`). Keyed by the
	/// committer too, so that nobody can take another account's commitment first.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, H256, Commitment<T>>;

	/// Published versions by datanet and number (from 1).
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, VersionNumber, Version<BlockNumberFor<T>>>;

	/// The non-empty nodes of each datanet's Merkle tree, by (height, position).
	#[pallet::storage]
	pub type MerkleNodes<T> = StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, (u8, u32), H256>;

	/// Per contributor, across datanets: accepted, rejected and removed counts.
	#[pallet::storage]
	pub type ContributorStats<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Counters, ValueQuery>;

	/// What each contributor holds under `ContributionStorage` for its contributions' records.
	#[pallet::storage]
	pub type StorageDeposits<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// The id the next challenge gets.
	#[pallet::storage]
	pub type NextChallengeId<T> = StorageValue<_, ChallengeId, ValueQuery>;

	/// Open challenges by id.
	#[pallet::storage]
	pub type Challenges<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, Challenge<T>>;

	/// The open challenge of a contribution, if any.
	#[pallet::storage]
	pub type ChallengeOf<T> =
		StorageDoubleMap<_, Blake2_128Concat, DatanetId, Twox64Concat, ContributionIndex, ChallengeId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A datanet was created.
		DatanetCreated {
			/// The new datanet.
			datanet: DatanetId,
			/// Its owner, whose creation deposit is held.
			owner: T::AccountId,
			/// What its contributions hold.
			kind: DataKind,
			/// Who accepts its contributions.
			policy: CurationPolicy,
			/// Its copy radius, in thousandths of a feature unit.
			copy_radius: u32,
		},
		/// A datanet's copy radius changed.
		CopyRadiusSet {
			/// The datanet.
			datanet: DatanetId,
			/// Its copy radius now, in thousandths of a feature unit.
			copy_radius: u32,
		},
		/// A datanet's name, description or license changed.
		MetadataUpdated {
			/// The datanet.
			datanet: DatanetId,
		},
		/// A datanet's curators were replaced.
		CuratorsSet {
			/// The datanet.
			datanet: DatanetId,
			/// Its curators now.
			curators: BoundedVec<T::AccountId, T::MaxCurators>,
		},
		/// A contribution was submitted (and, under the open policy, accepted in the same call).
		ContributionSubmitted {
			/// The datanet.
			datanet: DatanetId,
			/// The contribution's index in it.
			index: ContributionIndex,
			/// Who contributed.
			contributor: T::AccountId,
			/// BLAKE2b-256 of the payload or referenced artefact.
			hash: H256,
			/// Its size in bytes.
			size: u64,
			/// Its place in the chain-wide order of arrival.
			arrival: u64,
		},
		/// A contribution became a member; `reviewer` is `None` under the open policy.
		ContributionAccepted {
			/// The datanet.
			datanet: DatanetId,
			/// The contribution's index.
			index: ContributionIndex,
			/// Who contributed.
			contributor: T::AccountId,
			/// Who accepted it; `None` under the open policy.
			reviewer: Option<T::AccountId>,
		},
		/// A contribution was rejected and its deposit slashed to the slash destination.
		ContributionRejected {
			/// The datanet.
			datanet: DatanetId,
			/// The contribution's index.
			index: ContributionIndex,
			/// Who contributed.
			contributor: T::AccountId,
			/// Who rejected it.
			reviewer: T::AccountId,
			/// The deposit that went to the slash destination.
			slashed: BalanceOf<T>,
		},
		/// A commitment to a payload landed: the payload, contributed by `who` within the reveal
		/// period, arrives `arrival`-th.
		ContributionCommitted {
			/// Who committed.
			who: T::AccountId,
			/// The commitment.
			commitment: H256,
			/// The arrival it holds for the payload.
			arrival: u64,
			/// The last block in which contributing the payload keeps the arrival.
			expires: BlockNumberFor<T>,
		},
		/// A commitment was used by the contribution it committed to, or cancelled; its deposit
		/// was released.
		CommitmentClosed {
			/// Who committed.
			who: T::AccountId,
			/// The commitment.
			commitment: H256,
			/// Whether the contribution came within the reveal period and took its arrival.
			kept_arrival: bool,
		},
		/// A contribution of content that an earlier commitment covered lost its content to the
		/// committer's contribution: it was rejected if pending (its deposit released: which of
		/// the two copied cannot be shown) or removed if a member (an open challenge of it stays
		/// open).
		ContributionSuperseded {
			/// Its datanet.
			datanet: DatanetId,
			/// Its index.
			index: ContributionIndex,
			/// Who contributed it.
			contributor: T::AccountId,
			/// The committer's contribution that now holds the content: its datanet and index.
			by: (DatanetId, ContributionIndex),
		},
		/// A pending contribution was withdrawn and its deposit released.
		ContributionWithdrawn {
			/// The datanet.
			datanet: DatanetId,
			/// The contribution's index.
			index: ContributionIndex,
			/// Who contributed and withdrew it.
			contributor: T::AccountId,
		},
		/// A version was published.
		VersionPublished {
			/// The datanet.
			datanet: DatanetId,
			/// The version's number.
			version: VersionNumber,
			/// How many contributions it holds.
			contributions: u32,
			/// The Merkle root over them.
			root: H256,
		},
		/// A member was challenged.
		ChallengeOpened {
			/// The new challenge.
			challenge: ChallengeId,
			/// The challenged contribution's datanet.
			datanet: DatanetId,
			/// The challenged contribution's index.
			index: ContributionIndex,
			/// Who challenged, whose bond is held.
			challenger: T::AccountId,
			/// The hash of the evidence the challenger keeps for the arbiter.
			evidence: H256,
		},
		/// A challenge was upheld: the contribution was removed and its contributor paid the
		/// challenger `paid`.
		ChallengeUpheld {
			/// The challenge.
			challenge: ChallengeId,
			/// The removed contribution's datanet.
			datanet: DatanetId,
			/// The removed contribution's index.
			index: ContributionIndex,
			/// Who challenged; their bond was released.
			challenger: T::AccountId,
			/// What the contributor paid the challenger (from its held and unclaimed earnings,
			/// then its free balance).
			paid: BalanceOf<T>,
		},
		/// A challenge was rejected and its bond slashed to the slash destination.
		ChallengeRejected {
			/// The challenge.
			challenge: ChallengeId,
			/// Who challenged.
			challenger: T::AccountId,
			/// The bond that went to the slash destination.
			slashed: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No datanet has this id.
		UnknownDatanet,
		/// The datanet has no contribution at this index.
		UnknownContribution,
		/// No open challenge has this id.
		UnknownChallenge,
		/// Only the datanet's owner may do this.
		NotOwner,
		/// Only the datanet's owner or a curator may do this.
		NotCurator,
		/// Only the contribution's contributor may do this.
		NotContributor,
		/// The contribution is not pending: it has been reviewed or withdrawn.
		NotPending,
		/// The contribution is not a member (accepted and not removed).
		NotMember,
		/// The contribution already has an open challenge.
		AlreadyChallenged,
		/// The payload is larger than `MaxPayloadLen`.
		PayloadTooLarge,
		/// The payload (or referenced artefact) is empty.
		EmptyPayload,
		/// A tabular payload is not a whole number of examples of the datanet's width.
		MalformedExamples,
		/// A tabular example's label is not below the datanet's class count.
		LabelOutOfRange,
		/// A tabular example holds a NaN or infinite value.
		NonFiniteFeature,
		/// A text payload is not UTF-8.
		InvalidUtf8,
		/// This content (payload or referenced hash) was already contributed, to this or another
		/// datanet: its data belongs to that contribution, which the storage map
		/// `contributionByHash(hash)` names.
		DuplicateContribution,
		/// The datanet holds the most contributions it can (`2^MERKLE_DEPTH`).
		DatanetFull,
		/// The members have not changed since the last version.
		NothingNew,
		/// A datanet needs a name.
		EmptyName,
		/// A tabular datanet needs at least one feature and two classes.
		InvalidKind,
		/// An account is listed twice among the curators.
		DuplicateCurator,
		/// A counter would overflow.
		Overflow,
		/// The caller already holds this commitment.
		AlreadyCommitted,
		/// The caller holds no commitment with this hash.
		UnknownCommitment,
		/// The copy radius is above `MaxCopyRadius`.
		CopyRadiusTooLarge,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Creates a datanet owned by the caller, holding `DatanetDeposit` from them.
		///
		/// `contribution_deposit` is what each contribution holds until it is reviewed; under
		/// `Open` policy contributions are accepted (and the deposit released) at once.
		/// `copy_radius` (thousandths of a feature unit; `None`:
		/// [`DEFAULT_COPY_RADIUS`](openledger_primitives::datanets::DEFAULT_COPY_RADIUS)) is how
		/// close a tabular row must be to an earlier row with the same label to be its copy,
		/// which attribution leaves out: set it under the distance between honest rows of the
		/// data, above the noise a copier would add.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_datanet())]
		// A call's arguments are what a wallet shows and signs, one field each.
		#[allow(clippy::too_many_arguments)]
		pub fn create_datanet(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			license: BoundedVec<u8, T::MaxLicenseLen>,
			kind: DataKind,
			policy: CurationPolicy,
			contribution_deposit: BalanceOf<T>,
			copy_radius: Option<u32>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let copy_radius = copy_radius.unwrap_or(openledger_primitives::datanets::DEFAULT_COPY_RADIUS);
			ensure!(copy_radius <= T::MaxCopyRadius::get(), Error::<T>::CopyRadiusTooLarge);
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			if let DataKind::Tabular { features, classes } = kind {
				ensure!(features > 0 && classes >= 2, Error::<T>::InvalidKind);
			}
			let id = NextDatanetId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let deposit = T::DatanetDeposit::get();
			T::Currency::hold(&HoldReason::DatanetDeposit.into(), &owner, deposit)?;
			Datanets::<T>::insert(
				id,
				Datanet {
					owner: owner.clone(),
					name,
					description,
					license,
					kind,
					policy,
					contribution_deposit,
					copy_radius,
					curators: BoundedVec::new(),
					deposit,
					next_index: 0,
					pending: 0,
					members: 0,
					referenced: 0,
					member_rows: 0,
					counters: Counters::default(),
					versions: 0,
					root: merkle::empty_root(),
				},
			);
			NextDatanetId::<T>::put(next);
			Self::deposit_event(Event::DatanetCreated { datanet: id, owner, kind, policy, copy_radius });
			Ok(())
		}

		/// Sets a datanet's copy radius (see `create_datanet`), in thousandths of a feature
		/// unit, at most `MaxCopyRadius`. Owner only. Versions published from then on carry it;
		/// published versions keep theirs.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_copy_radius())]
		pub fn set_copy_radius(origin: OriginFor<T>, datanet: DatanetId, copy_radius: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(copy_radius <= T::MaxCopyRadius::get(), Error::<T>::CopyRadiusTooLarge);
			Datanets::<T>::try_mutate(datanet, |d| {
				let d = d.as_mut().ok_or(Error::<T>::UnknownDatanet)?;
				ensure!(d.owner == who, Error::<T>::NotOwner);
				d.copy_radius = copy_radius;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::CopyRadiusSet { datanet, copy_radius });
			Ok(())
		}

		/// Commits to content before revealing it, so that nobody who sees it in the
		/// transaction pool can contribute it first: `commitment` is
		/// `blake2_256(SCALE(caller) ‖ blake2_256(payload))` (for a reference, its hash in place
		/// of the payload's). Holds `CommitmentDeposit` and takes the next arrival now; a
		/// `contribute` or `contribute_reference` of that content by the caller within
		/// `RevealPeriod` blocks takes this arrival — before any copy that arrived since, even
		/// one included first, which loses the content to it — and releases the deposit.
		/// Commitments are the committer's own: another account holding the same hash blocks
		/// nothing.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::commit_contribution())]
		pub fn commit_contribution(origin: OriginFor<T>, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, commitment)
		}

		/// Cancels the caller's unused commitment, releasing its deposit.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cancel_commitment())]
		pub fn cancel_commitment(origin: OriginFor<T>, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_commitment(who, commitment)
		}

		/// Replaces a datanet's name, description and license. Owner only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			datanet: DatanetId,
			name: BoundedVec<u8, T::MaxNameLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			license: BoundedVec<u8, T::MaxLicenseLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			Datanets::<T>::try_mutate(datanet, |d| {
				let d = d.as_mut().ok_or(Error::<T>::UnknownDatanet)?;
				ensure!(d.owner == who, Error::<T>::NotOwner);
				d.name = name;
				d.description = description;
				d.license = license;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::MetadataUpdated { datanet });
			Ok(())
		}

		/// Replaces a datanet's curators. Owner only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_curators(curators.len() as u32))]
		pub fn set_curators(
			origin: OriginFor<T>,
			datanet: DatanetId,
			curators: BoundedVec<T::AccountId, T::MaxCurators>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			for (i, c) in curators.iter().enumerate() {
				ensure!(!curators.iter().skip(i.saturating_add(1)).any(|o| o == c), Error::<T>::DuplicateCurator);
			}
			Datanets::<T>::try_mutate(datanet, |d| {
				let d = d.as_mut().ok_or(Error::<T>::UnknownDatanet)?;
				ensure!(d.owner == who, Error::<T>::NotOwner);
				d.curators = curators.clone();
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::CuratorsSet { datanet, curators });
			Ok(())
		}

		/// Contributes `payload` to a datanet: validates it against the datanet's kind (see
		/// the crate docs for the byte formats), writes it to the off-chain index under its
		/// BLAKE2b-256 hash and holds the datanet's contribution deposit. Content already
		/// contributed anywhere is refused — unless the caller committed to it
		/// (`commit_contribution`) before that contribution arrived, which then loses it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::contribute_superseding(payload.len() as u32))]
		pub fn contribute(origin: OriginFor<T>, datanet: DatanetId, payload: Vec<u8>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(payload.len() <= T::MaxPayloadLen::get() as usize, Error::<T>::PayloadTooLarge);
			let d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			Self::validate(&d.kind, &payload)?;
			let hash = H256(sp_io::hashing::blake2_256(&payload));
			let superseded = Self::submit(who, datanet, d, hash, payload.len() as u64, None)?;
			sp_io::offchain_index::set(hash.as_bytes(), &payload);
			Ok((!superseded).then(|| T::WeightInfo::contribute(payload.len() as u32)).into())
		}

		/// Contributes an artefact too large for a block by reference: its BLAKE2b-256 `hash`,
		/// its `size` in bytes and where to fetch it. Attestors fetch it and check the hash.
		/// Its content is owned chain-wide as `contribute`'s is, and may be committed to first.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::contribute_reference().saturating_add(T::WeightInfo::contribute_superseding(0)))]
		pub fn contribute_reference(
			origin: OriginFor<T>,
			datanet: DatanetId,
			hash: H256,
			size: u64,
			uri: BoundedVec<u8, T::MaxUriLen>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(size > 0, Error::<T>::EmptyPayload);
			let d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			let superseded = Self::submit(who, datanet, d, hash, size, Some(uri))?;
			Ok((!superseded).then(T::WeightInfo::contribute_reference).into())
		}

		/// Accepts or rejects a pending contribution. Owner or curator only. Accepting
		/// releases the deposit and makes the contribution a member; rejecting transfers the
		/// deposit to the slash destination.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::review_accept().max(T::WeightInfo::review_reject()))]
		pub fn review(
			origin: OriginFor<T>,
			datanet: DatanetId,
			index: ContributionIndex,
			accept: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, datanet, index, accept)
		}

		/// Withdraws a pending contribution, releasing its deposit. Its content may be
		/// contributed again. The contributor only.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, datanet: DatanetId, index: ContributionIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, datanet, index)
		}

		/// Publishes a version: the current members, their count and Merkle root, and this
		/// block. Owner or curator only; fails if the members are those of the last version.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::publish_version())]
		pub fn publish_version(origin: OriginFor<T>, datanet: DatanetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut d = Datanets::<T>::get(datanet).ok_or(Error::<T>::UnknownDatanet)?;
			ensure!(d.may_curate(&who), Error::<T>::NotCurator);
			let unchanged = match Versions::<T>::get(datanet, d.versions) {
				Some(last) => last.root == d.root,
				None => d.members == 0,
			};
			ensure!(!unchanged, Error::<T>::NothingNew);
			let number = d.versions.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let version = Version {
				bound: d.next_index,
				contributions: d.members,
				references: d.referenced,
				rows: d.member_rows,
				changes: d.changes(),
				copy_radius: d.copy_radius,
				root: d.root,
				block: frame_system::Pallet::<T>::block_number(),
			};
			Versions::<T>::insert(datanet, number, version);
			d.versions = number;
			let (contributions, root) = (d.members, d.root);
			Datanets::<T>::insert(datanet, d);
			Self::deposit_event(Event::VersionPublished { datanet, version: number, contributions, root });
			Ok(())
		}

		/// Challenges a member's quality, holding `ChallengeBond`. `evidence` is the hash of the
		/// evidence the challenger keeps off chain for the arbiter.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(
			origin: OriginFor<T>,
			datanet: DatanetId,
			index: ContributionIndex,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, datanet, index, evidence)
		}

		/// Resolves a challenge. Arbiter only. See the crate docs for what each outcome moves.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::resolve_challenge_upheld()
			.max(T::WeightInfo::resolve_challenge_rejected())
			.saturating_add(<T::Earnings as openledger_primitives::datanets::ChallengedEarnings<_, _>>::weight()))]
		pub fn resolve_challenge(origin: OriginFor<T>, challenge: ChallengeId, upheld: bool) -> DispatchResult {
			T::ArbiterOrigin::ensure_origin(origin)?;
			Self::do_resolve_challenge(challenge, upheld)
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Checks the pallet's assumptions (see the crate docs): each datanet's records, the
		/// held funds by hold reason, the contributors' counters.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::try_state_datanets()?;
			Self::try_state_holds()?;
			Self::try_state_contributor_stats()
		}
	}
}
