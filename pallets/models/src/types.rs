//! The records the pallet stores and the weights argument of `register_model`.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	datanets::{DatanetId, VersionNumber},
	models::{Architecture, ModelId, ModelStatus},
};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// An amount of the currency deposits are held in.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A registered model.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Model<T: Config> {
	/// Who registered it (or was given it), and is paid its owner share.
	pub owner: T::AccountId,
	/// Its name.
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// What it does.
	pub description: BoundedVec<u8, T::MaxDescriptionLen>,
	/// How it computes.
	pub architecture: Architecture,
	/// The BLAKE2b-256 hash of its weights file (the off-chain index key of inline weights).
	pub weights_hash: H256,
	/// The size of its weights file in bytes.
	pub weights_size: u64,
	/// Where referenced weights are; `None` for inline weights.
	pub weights_uri: Option<BoundedVec<u8, T::MaxUriLen>>,
	/// The datanet versions it was trained on.
	pub lineage: BoundedVec<(DatanetId, VersionNumber), T::MaxLineage>,
	/// The model it was fine-tuned from.
	pub base_model: Option<ModelId>,
	/// What one inference costs.
	pub price: BalanceOf<T>,
	/// Whether it takes inference.
	pub status: ModelStatus,
	/// What its owner holds while it is active.
	pub deposit: BalanceOf<T>,
	/// The block it was registered in.
	pub registered_at: BlockNumberFor<T>,
}

/// How `register_model` receives the weights.
#[derive(Encode, Decode, DecodeWithMemTracking, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo)]
#[scale_info(skip_type_params(MaxUriLen))]
pub enum WeightsSource<MaxUriLen: Get<u32>> {
	/// The `.safetensors` bytes themselves (at most `MaxWeightsLen`), written to the off-chain
	/// index under their hash.
	Inline(Vec<u8>),
	/// A file too large for a block: its BLAKE2b-256 hash, size and URI.
	Reference {
		/// The hash of the file.
		hash: H256,
		/// Its size in bytes.
		size: u64,
		/// Where to fetch it.
		uri: BoundedVec<u8, MaxUriLen>,
	},
}

impl<MaxUriLen: Get<u32>> WeightsSource<MaxUriLen> {
	/// The length of inline weights (0 for a reference): what the weight of the call depends
	/// on.
	pub fn inline_len(&self) -> u32 {
		match self {
			WeightsSource::Inline(bytes) => bytes.len() as u32,
			WeightsSource::Reference { .. } => 0,
		}
	}
}
