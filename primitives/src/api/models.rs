//! The model registry.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::{
	datanets::{DatanetId, VersionNumber},
	models::{Architecture, ModelId, ModelStatus},
};

/// A model, its lineage and how many distinct contributors its lineage holds.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
	))
)]
pub struct ModelView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: ModelId,
	/// Its owner.
	pub owner: AccountId,
	/// Its name.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub name: Vec<u8>,
	/// Its description.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::text::serialize"))]
	pub description: Vec<u8>,
	/// How it computes.
	pub architecture: Architecture,
	/// The BLAKE2b-256 hash of its weights file.
	pub weights_hash: H256,
	/// The size of its weights file in bytes.
	pub weights_size: u64,
	/// Where the weights can be fetched, if they were registered by reference.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::optional_text::serialize"))]
	pub weights_uri: Option<Vec<u8>>,
	/// The datanet versions it was trained on.
	pub lineage: Vec<(DatanetId, VersionNumber)>,
	/// The model it was fine-tuned from, if any.
	pub base_model: Option<ModelId>,
	/// What one inference costs.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::serde_helpers::display::serialize"))]
	pub price: Balance,
	/// Whether it serves inference.
	pub status: ModelStatus,
	/// The block it was registered in.
	pub registered_at: BlockNumber,
	/// How many distinct accounts contributed to the versions of its lineage.
	pub contributors: u32,
}

sp_api::decl_runtime_apis! {
	/// The model registry.
	pub trait ModelsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The model `id` with its lineage, if it exists.
		fn model(id: ModelId) -> Option<ModelView<AccountId, Balance, BlockNumber>>;
	}
}
