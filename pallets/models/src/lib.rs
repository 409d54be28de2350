//! # Models
//!
//! ## Overview
//!
//! The registry of the models that answer paid inference. A model names its architecture, its
//! weights (by hash), the datanet versions it was trained on (its lineage — what attribution
//! pays), an optional base model, and its price per inference. The weights are submitted
//! inline and written to every node's off-chain index under their hash, where the attestors'
//! engine reads them.
//!
//! ## Terminology
//!
//! - **Architecture**: [`Architecture`] — softmax regression or a one-hidden-layer MLP over a
//!   tabular datanet's features and classes (with their L2 penalty), or span-matched text
//!   generation over text datanets.
//! - **Weights**: the model's `.safetensors` file, identified by its BLAKE2b-256 hash and size,
//!   inline (at most `MaxWeightsLen` bytes, off-chain indexed under the hash). Registration
//!   checks that they are exactly the architecture's tensors, `F32` or `F64`, every value
//!   finite ([`openledger_primitives::models::safetensors`]), so that no paid job can fail on
//!   weights the engine cannot read. Weights by reference (hash, size, URI) are refused:
//!   attestors do not fetch by-reference artefacts yet, and a model whose weights no attestor
//!   holds could never be attributed.
//! - **Lineage**: one to `MaxLineage` distinct `(datanet, version)` pairs, each a published
//!   version whose kind fits the architecture and that holds no referenced artefact (for the
//!   same reason).
//! - **Bounds**: a model and its lineage must be within what an attestor's engine holds for one
//!   job ([`openledger_primitives::models::bounds`]: parameters, and the lineage's contributions,
//!   rows and text, its versions summed): beyond them, registration is refused
//!   (`ModelTooLarge`, `LineageTooLarge`) rather than every attestor's node running out of memory
//!   or time on the model's first paid inference.
//!
//! ## Calls
//!
//! - `register_model` — anyone; holds `ModelDeposit` from the owner while the model is active.
//! - `set_price`, `deprecate`, `transfer_ownership`, `cancel_transfer` — the owner's.
//!   Deprecating releases the deposit and stops new inference. Transferring only offers the
//!   model: nothing is held from the new owner until they `accept_ownership`, which moves an
//!   active model's deposit from the old owner to them. An offer stands until it is accepted,
//!   cancelled, replaced by another, or the model is deprecated or revoked (a suspended model's
//!   offer waits for the arbiter); at most one stands per model.
//! - Suspension: when a majority of a job's committee reports that the engine cannot read the
//!   model's weights, or fails on them, or that the weights are not what training on the
//!   declared lineage gives (they are not a stationary point of its objective), the attribution
//!   pallet suspends it ([`ModelCatalog::suspend`]): it takes no new inference. The deposit
//!   stays held — a suspended model cannot be deprecated — until `ArbiterOrigin` rules with
//!   `resolve_suspension` (the owner asks for that by a referendum on the arbiter track):
//!   cleared, the model is active again; upheld, its deposit goes to `SlashDestination` (the
//!   treasury) and the model is revoked for good. An owner whose lineage was false may instead
//!   register the weights again with their true lineage.
//!
//! ## Assumptions
//!
//! - Every active or suspended model's deposit is on hold from its owner under this pallet's
//!   hold reason, and nothing else is.
//! - Every standing ownership offer is of a model that is not revoked, to someone other than
//!   its owner.
//! - Lineage versions are immutable (the datanets pallet never changes a published version), so
//!   a lineage checked at registration stays valid.
//!
//! `try_state` checks the holds and the ids.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

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

use openledger_primitives::{
	api::ModelView,
	models::{Architecture, ModelCatalog, ModelId, ModelStatus, ModelSummary},
};

/// The features of the datanet versions the benchmarks register models on.
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_FEATURES: u32 = 64;
/// The classes of the datanet versions the benchmarks register models on.
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_CLASSES: u32 = 10;

/// The architecture the benchmarks register models of: softmax regression over
/// [`BENCHMARK_FEATURES`] features and [`BENCHMARK_CLASSES`] classes.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_architecture() -> Architecture {
	Architecture::SoftmaxRegression {
		features: BENCHMARK_FEATURES,
		classes: BENCHMARK_CLASSES,
		l2: sp_runtime::Perbill::from_percent(1),
	}
}

/// Valid inline weights of [`benchmark_architecture`], padded with metadata (short entries, the
/// costliest header to read) to about `len` bytes if that is more than the tensors take.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_weights(len: u32) -> alloc::vec::Vec<u8> {
	use alloc::{format, string::String, vec, vec::Vec};
	use openledger_primitives::models::safetensors;
	let tensors = benchmark_architecture().tensors();
	let values: Vec<Vec<f32>> =
		tensors.iter().map(|(_, shape)| vec![0.25; shape.iter().product::<u64>() as usize]).collect();
	let parts: Vec<(&str, &[u64], &[f32])> =
		tensors.iter().zip(&values).map(|((name, shape), v)| (*name, &shape[..], &v[..])).collect();
	let bare = safetensors::encode_f32(&parts, &[]).len();
	// each entry `"m000000":"x",` is 14 bytes
	let entries = (len as usize).saturating_sub(bare).saturating_sub(20) / 14;
	let metadata: Vec<(String, String)> = (0..entries).map(|i| (format!("m{i:06}"), String::from("x"))).collect();
	safetensors::encode_f32(&parts, &metadata)
}

/// Publishes datanet versions for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Publishes `count` distinct tabular versions of [`BENCHMARK_FEATURES`] features and
	/// [`BENCHMARK_CLASSES`] classes and returns them.
	fn publish_versions(
		count: u32,
	) -> Result<
		alloc::vec::Vec<(openledger_primitives::datanets::DatanetId, openledger_primitives::datanets::VersionNumber)>,
		frame_benchmarking::BenchmarkError,
	>;
}

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
// `register_model` takes its eight arguments as one extrinsic does.
#[allow(clippy::expect_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::datanets::{DatanetId, DatanetVersions, VersionNumber};
	use sp_core::H256;
	use sp_runtime::traits::Zero;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An active model's registration deposit, held from its owner.
		ModelDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The published datanet versions lineages are checked against.
		type Datanets: DatanetVersions;

		/// What registering a model holds from its owner.
		#[pallet::constant]
		type ModelDeposit: Get<BalanceOf<Self>>;

		/// The largest inline weights file, in bytes.
		#[pallet::constant]
		type MaxWeightsLen: Get<u32>;

		/// The longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest model description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest URI of referenced weights, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// The most datanet versions a lineage names.
		#[pallet::constant]
		type MaxLineage: Get<u32>;

		/// Who rules on a suspended model (the arbiter track).
		type ArbiterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where the deposit of a model whose suspension is upheld goes (the treasury).
		type SlashDestination: Get<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Publishes the datanet versions the benchmarks register models on.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// The id the next model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, Model<T>>;

	/// Ownership offers standing: the account a model's owner offered it to, until they accept.
	#[pallet::storage]
	pub type OwnershipOffers<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, T::AccountId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered {
			/// The new model.
			model: ModelId,
			/// Its owner, whose registration deposit is held.
			owner: T::AccountId,
			/// Its architecture.
			architecture: Architecture,
			/// BLAKE2b-256 of its weights.
			weights_hash: H256,
			/// What one inference costs.
			price: BalanceOf<T>,
		},
		/// A model's price changed.
		PriceSet {
			/// The model.
			model: ModelId,
			/// What one inference costs now.
			price: BalanceOf<T>,
		},
		/// A model was deprecated: it takes no new inference.
		ModelDeprecated {
			/// The model.
			model: ModelId,
		},
		/// A committee of attestors found that the engine cannot read a model's weights, or fails
		/// on them, or that they are not trained on its lineage: it takes no new inference until
		/// the arbiter rules (`resolve_suspension`).
		ModelSuspended {
			/// The model.
			model: ModelId,
		},
		/// The arbiter cleared a suspended model: it serves inference again.
		SuspensionCleared {
			/// The model.
			model: ModelId,
		},
		/// The arbiter upheld a model's suspension: its deposit was slashed and it is revoked.
		SuspensionUpheld {
			/// The model.
			model: ModelId,
			/// What went to the slash destination.
			slashed: BalanceOf<T>,
		},
		/// A model's owner offered it to another account, which becomes its owner by accepting
		/// (`accept_ownership`).
		OwnershipOffered {
			/// The model.
			model: ModelId,
			/// Its owner.
			from: T::AccountId,
			/// Who may accept it.
			to: T::AccountId,
		},
		/// An ownership offer was withdrawn: cancelled by the owner, or ended by the model's
		/// deprecation or revocation.
		OwnershipOfferWithdrawn {
			/// The model.
			model: ModelId,
			/// Who could have accepted it.
			to: T::AccountId,
		},
		/// A model changed hands.
		OwnershipTransferred {
			/// The model.
			model: ModelId,
			/// Its former owner.
			from: T::AccountId,
			/// Its owner now.
			to: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		UnknownModel,
		/// The base model does not exist.
		UnknownBaseModel,
		/// Only the model's owner may do this.
		NotOwner,
		/// The model is suspended: only the arbiter can end that (`resolve_suspension`).
		Suspended,
		/// The model is not suspended.
		NotSuspended,
		/// The model's suspension was upheld: it is revoked for good.
		Revoked,
		/// The model is deprecated already.
		AlreadyDeprecated,
		/// A model needs a name.
		EmptyName,
		/// The inline weights are larger than `MaxWeightsLen`.
		WeightsTooLarge,
		/// The weights are empty.
		EmptyWeights,
		/// The architecture has a zero size (features, hidden units) or fewer than two classes.
		InvalidArchitecture,
		/// A model needs at least one datanet version in its lineage.
		EmptyLineage,
		/// A `(datanet, version)` pair appears twice in the lineage.
		DuplicateLineage,
		/// A lineage version has not been published.
		UnknownVersion,
		/// A lineage version's data does not fit the architecture (features, classes, or text).
		LineageDoesNotFit,
		/// The new owner is the owner.
		SameOwner,
		/// No ownership offer of this model stands for the caller.
		NoOffer,
		/// The weights are given by reference: attestors do not fetch by-reference artefacts,
		/// so a model's weights must be inline.
		WeightsByReference,
		/// A lineage version holds referenced artefacts, which attestors do not fetch: a model
		/// must be trained on inline data.
		ReferencedLineage,
		/// The model has more parameters than an attestor's engine is bounded to
		/// ([`openledger_primitives::models::bounds::MAX_PARAMETERS`]).
		ModelTooLarge,
		/// The lineage holds more contributions, rows or text than an attestor's engine is
		/// bounded to for one job (see [`openledger_primitives::models::bounds`]).
		LineageTooLarge,
		/// The inline weights are not a safetensors file (see
		/// [`openledger_primitives::models::safetensors`]).
		WeightsNotSafetensors,
		/// The inline weights lack a tensor of the architecture.
		WeightsMissingTensor,
		/// The inline weights hold a tensor the architecture does not have.
		WeightsUnexpectedTensor,
		/// An inline tensor is not `F32` or `F64`.
		WeightsUnsupportedDtype,
		/// An inline tensor's shape is not the architecture's.
		WeightsWrongShape,
		/// An inline weight is NaN or infinite.
		WeightsNonFinite,
		/// A counter would overflow.
		Overflow,
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
		/// Registers a model owned by the caller, holding `ModelDeposit` from them. Every
		/// lineage version must be published and fit the architecture; inline weights are
		/// written to the off-chain index under their BLAKE2b-256 hash.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(weights.inline_len(), lineage.len() as u32))]
		pub fn register_model(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			architecture: Architecture,
			weights: WeightsSource<T::MaxUriLen>,
			lineage: BoundedVec<(DatanetId, VersionNumber), T::MaxLineage>,
			base_model: Option<ModelId>,
			price: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			Self::check_architecture(&architecture)?;
			Self::check_lineage(&architecture, &lineage)?;
			if let Some(base) = base_model {
				ensure!(Models::<T>::contains_key(base), Error::<T>::UnknownBaseModel);
			}
			let (weights_hash, weights_size, weights_uri, inline) = match weights {
				WeightsSource::Inline(bytes) => {
					ensure!(!bytes.is_empty(), Error::<T>::EmptyWeights);
					ensure!(bytes.len() <= T::MaxWeightsLen::get() as usize, Error::<T>::WeightsTooLarge);
					Self::check_weights(&bytes, &architecture)?;
					let hash = H256(sp_io::hashing::blake2_256(&bytes));
					(hash, bytes.len() as u64, None, Some(bytes))
				},
				WeightsSource::Reference { .. } => return Err(Error::<T>::WeightsByReference.into()),
			};
			let id = NextModelId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let deposit = T::ModelDeposit::get();
			T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;
			if let Some(bytes) = inline {
				sp_io::offchain_index::set(weights_hash.as_bytes(), &bytes);
			}
			Models::<T>::insert(
				id,
				Model {
					owner: owner.clone(),
					name,
					description,
					architecture,
					weights_hash,
					weights_size,
					weights_uri,
					lineage,
					base_model,
					price,
					status: ModelStatus::Active,
					deposit,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			NextModelId::<T>::put(next);
			Self::deposit_event(Event::ModelRegistered { model: id, owner, architecture, weights_hash, price });
			Ok(())
		}

		/// Sets the price of one inference. Owner only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_price())]
		pub fn set_price(origin: OriginFor<T>, model: ModelId, price: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Models::<T>::try_mutate(model, |m| {
				let m = m.as_mut().ok_or(Error::<T>::UnknownModel)?;
				ensure!(m.owner == who, Error::<T>::NotOwner);
				m.price = price;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::PriceSet { model, price });
			Ok(())
		}

		/// Deprecates a model: it takes no new inference, and its deposit is released. Owner
		/// only; final.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deprecate())]
		pub fn deprecate(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut m = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(m.owner == who, Error::<T>::NotOwner);
			match m.status {
				ModelStatus::Active => {},
				ModelStatus::Deprecated => return Err(Error::<T>::AlreadyDeprecated.into()),
				// the deposit answers for the suspension until the arbiter rules
				ModelStatus::Suspended => return Err(Error::<T>::Suspended.into()),
				ModelStatus::Revoked => return Err(Error::<T>::Revoked.into()),
			}
			if !m.deposit.is_zero() {
				T::Currency::release(&HoldReason::ModelDeposit.into(), &who, m.deposit, Precision::BestEffort)?;
			}
			m.deposit = Zero::zero();
			m.status = ModelStatus::Deprecated;
			Models::<T>::insert(model, m);
			Self::deposit_event(Event::ModelDeprecated { model });
			Self::withdraw_offer(model);
			Ok(())
		}

		/// Offers a model to `new_owner`, who becomes its owner by accepting
		/// (`accept_ownership`): nothing is held from them before they do. Replaces the model's
		/// standing offer, if any. Owner only; not while the model is suspended (its deposit
		/// answers for the suspension) or revoked.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(origin: OriginFor<T>, model: ModelId, new_owner: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let m = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(m.owner == who, Error::<T>::NotOwner);
			ensure!(new_owner != who, Error::<T>::SameOwner);
			ensure!(m.status != ModelStatus::Suspended, Error::<T>::Suspended);
			ensure!(m.status != ModelStatus::Revoked, Error::<T>::Revoked);
			if let Some(replaced) = OwnershipOffers::<T>::mutate(model, |offer| offer.replace(new_owner.clone())) {
				if replaced != new_owner {
					Self::deposit_event(Event::OwnershipOfferWithdrawn { model, to: replaced });
				}
			}
			Self::deposit_event(Event::OwnershipOffered { model, from: who, to: new_owner });
			Ok(())
		}

		/// Accepts the standing offer of `model` to the caller: they become its owner, and for an
		/// active model the deposit moves — held from them (who must be able to pay it), released
		/// to the former owner. Not while the model is suspended.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(OwnershipOffers::<T>::get(model).as_ref() == Some(&who), Error::<T>::NoOffer);
			let mut m = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(m.status != ModelStatus::Suspended, Error::<T>::Suspended);
			let from = m.owner.clone();
			if m.status == ModelStatus::Active {
				let reason = HoldReason::ModelDeposit.into();
				let deposit = T::ModelDeposit::get();
				T::Currency::hold(&reason, &who, deposit)?;
				if !m.deposit.is_zero() {
					T::Currency::release(&reason, &from, m.deposit, Precision::BestEffort)?;
				}
				m.deposit = deposit;
			}
			m.owner = who.clone();
			Models::<T>::insert(model, m);
			OwnershipOffers::<T>::remove(model);
			Self::deposit_event(Event::OwnershipTransferred { model, from, to: who });
			Ok(())
		}

		/// Withdraws the standing offer of `model`. Owner only.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_transfer())]
		pub fn cancel_transfer(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let m = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(m.owner == who, Error::<T>::NotOwner);
			let to = OwnershipOffers::<T>::take(model).ok_or(Error::<T>::NoOffer)?;
			Self::deposit_event(Event::OwnershipOfferWithdrawn { model, to });
			Ok(())
		}

		/// Rules on a suspended model: `cleared`, it serves inference again (the committee that
		/// suspended it was wrong); otherwise its deposit goes to `SlashDestination` and it is
		/// revoked for good. `ArbiterOrigin` only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::resolve_suspension())]
		pub fn resolve_suspension(origin: OriginFor<T>, model: ModelId, cleared: bool) -> DispatchResult {
			T::ArbiterOrigin::ensure_origin(origin)?;
			let mut m = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(m.status == ModelStatus::Suspended, Error::<T>::NotSuspended);
			if cleared {
				m.status = ModelStatus::Active;
				Models::<T>::insert(model, m);
				Self::deposit_event(Event::SuspensionCleared { model });
			} else {
				let slashed = T::Currency::transfer_on_hold(
					&HoldReason::ModelDeposit.into(),
					&m.owner,
					&T::SlashDestination::get(),
					m.deposit,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?;
				m.deposit = Zero::zero();
				m.status = ModelStatus::Revoked;
				Models::<T>::insert(model, m);
				Self::deposit_event(Event::SuspensionUpheld { model, slashed });
				Self::withdraw_offer(model);
			}
			Ok(())
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		fn check_architecture(architecture: &Architecture) -> DispatchResult {
			let valid = match *architecture {
				Architecture::SoftmaxRegression { features, classes, .. } => features > 0 && classes >= 2,
				Architecture::Mlp { features, hidden, classes, .. } => features > 0 && hidden > 0 && classes >= 2,
				Architecture::TextSpans => true,
			};
			ensure!(valid, Error::<T>::InvalidArchitecture);
			Ok(())
		}

		/// Inline weights must be what the attestors' engine reads as the architecture's tensors.
		fn check_weights(bytes: &[u8], architecture: &Architecture) -> DispatchResult {
			use openledger_primitives::models::{safetensors, WeightsError};
			safetensors::check(bytes, architecture).map_err(|e| match e {
				WeightsError::NotSafetensors => Error::<T>::WeightsNotSafetensors,
				WeightsError::MissingTensor => Error::<T>::WeightsMissingTensor,
				WeightsError::UnexpectedTensor => Error::<T>::WeightsUnexpectedTensor,
				WeightsError::UnsupportedDtype => Error::<T>::WeightsUnsupportedDtype,
				WeightsError::WrongShape => Error::<T>::WeightsWrongShape,
				WeightsError::NonFinite => Error::<T>::WeightsNonFinite,
			})?;
			Ok(())
		}

		fn check_lineage(architecture: &Architecture, lineage: &[(DatanetId, VersionNumber)]) -> DispatchResult {
			use openledger_primitives::models::bounds::{self, OverBound};
			ensure!(!lineage.is_empty(), Error::<T>::EmptyLineage);
			let mut versions = alloc::vec::Vec::with_capacity(lineage.len());
			for (i, &(datanet, version)) in lineage.iter().enumerate() {
				ensure!(
					!lineage.iter().skip(i.saturating_add(1)).any(|other| *other == (datanet, version)),
					Error::<T>::DuplicateLineage
				);
				let summary = T::Datanets::version(datanet, version).ok_or(Error::<T>::UnknownVersion)?;
				ensure!(architecture.fits(&summary.kind), Error::<T>::LineageDoesNotFit);
				ensure!(summary.references == 0, Error::<T>::ReferencedLineage);
				versions.push(summary);
			}
			bounds::check(architecture, &versions).map_err(|over| match over {
				OverBound::Parameters => Error::<T>::ModelTooLarge,
				OverBound::Lineage => Error::<T>::LineageTooLarge,
			})?;
			Ok(())
		}

		/// Ends `model`'s standing ownership offer, if any.
		fn withdraw_offer(model: ModelId) {
			if let Some(to) = OwnershipOffers::<T>::take(model) {
				Self::deposit_event(Event::OwnershipOfferWithdrawn { model, to });
			}
		}

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			use sp_runtime::traits::Saturating;

			let next = NextModelId::<T>::get();
			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (id, m) in Models::<T>::iter() {
				ensure!(id < next, "a model id beyond the next id");
				ensure!(m.base_model.is_none_or(|b| b < id), "a base model registered after its child");
				match m.status {
					ModelStatus::Active | ModelStatus::Suspended => {
						let slot = held.entry(m.owner.clone()).or_default();
						*slot = slot.saturating_add(m.deposit);
					},
					ModelStatus::Deprecated | ModelStatus::Revoked => {
						ensure!(m.deposit.is_zero(), "a deposit on a deprecated or revoked model")
					},
				}
			}
			for (id, to) in OwnershipOffers::<T>::iter() {
				let m = Models::<T>::get(id).ok_or("an ownership offer of no model")?;
				ensure!(m.status != ModelStatus::Revoked, "an ownership offer of a revoked model");
				ensure!(m.owner != to, "an ownership offer to the owner");
			}
			let reason = HoldReason::ModelDeposit.into();
			for (owner, amount) in held {
				ensure!(
					T::Currency::balance_on_hold(&reason, &owner) == amount,
					"held deposits differ from the records"
				);
			}
			Ok(())
		}

		/// The model `id` as the runtime API shows it, with `contributors` (which this pallet
		/// does not know: the runtime counts them in the lineage's datanets).
		pub fn model_view(
			id: ModelId,
			contributors: u32,
		) -> Option<ModelView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let m = Models::<T>::get(id)?;
			Some(ModelView {
				id,
				owner: m.owner,
				name: m.name.into_inner(),
				description: m.description.into_inner(),
				architecture: m.architecture,
				weights_hash: m.weights_hash,
				weights_size: m.weights_size,
				weights_uri: m.weights_uri.map(|u| u.into_inner()),
				lineage: m.lineage.into_inner(),
				base_model: m.base_model,
				price: m.price,
				status: m.status,
				registered_at: m.registered_at,
				contributors,
			})
		}

		/// The lineage of `model`, if it exists.
		pub fn lineage(model: ModelId) -> Option<Vec<(DatanetId, VersionNumber)>> {
			Models::<T>::get(model).map(|m| m.lineage.into_inner())
		}
	}
}

impl<T: Config> ModelCatalog for Pallet<T> {
	fn model(id: ModelId) -> Option<ModelSummary> {
		Models::<T>::get(id).map(|m| ModelSummary {
			architecture: m.architecture,
			weights: m.weights_hash,
			lineage: m.lineage.into_inner(),
			status: m.status,
		})
	}

	fn suspend(id: ModelId) {
		Models::<T>::mutate(id, |m| {
			if let Some(m) = m.as_mut().filter(|m| m.status == ModelStatus::Active) {
				m.status = ModelStatus::Suspended;
				Pallet::<T>::deposit_event(Event::ModelSuspended { model: id });
			}
		});
	}
}

impl<T: Config> openledger_primitives::models::ModelMarket<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn offer(id: ModelId) -> Option<openledger_primitives::models::ModelOffer<T::AccountId, BalanceOf<T>>> {
		Models::<T>::get(id).map(|m| openledger_primitives::models::ModelOffer {
			owner: m.owner,
			price: m.price,
			status: m.status,
			architecture: m.architecture,
		})
	}
}
