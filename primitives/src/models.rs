//! Models: their architectures and status.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use sp_runtime::Perbill;

use crate::datanets::{DataKind, DatanetId, VersionNumber};

/// The id of a model: its registration order, from 0.
pub type ModelId = u32;

/// How a model computes its answers; the attribution engine must know it to score influence.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Architecture {
	/// Softmax regression, trained on `(1/n) Σ CE + (l2/2)·‖weights‖²`.
	SoftmaxRegression {
		/// Inputs per example.
		features: u32,
		/// Output classes.
		classes: u32,
		/// The L2 penalty of training (at most 1).
		l2: Perbill,
	},
	/// One hidden ReLU layer, trained on the same objective.
	Mlp {
		/// Inputs per example.
		features: u32,
		/// Hidden units.
		hidden: u32,
		/// Output classes.
		classes: u32,
		/// The L2 penalty of training (at most 1).
		l2: Perbill,
	},
	/// Text generation attributed by span matching against text datanets.
	TextSpans,
}

impl Architecture {
	/// Whether the model can be trained on data of `kind`.
	pub fn fits(&self, kind: &DataKind) -> bool {
		match (self, kind) {
			(
				Architecture::SoftmaxRegression { features, classes, .. } | Architecture::Mlp { features, classes, .. },
				DataKind::Tabular { features: f, classes: c },
			) => features == f && classes == c,
			(Architecture::TextSpans, DataKind::Text) => true,
			_ => false,
		}
	}
}

/// Whether a model can be used.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ModelStatus {
	/// Serves inference.
	Active,
	/// Retired by its owner: no new inference.
	Deprecated,
}

/// What the attribution pallet needs to know of a model.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ModelSummary {
	/// How the model computes.
	pub architecture: Architecture,
	/// The BLAKE2b-256 hash of its weights, under which inline weights are in the off-chain
	/// index.
	pub weights: sp_core::H256,
	/// The datanet versions it was trained on.
	pub lineage: alloc::vec::Vec<(DatanetId, VersionNumber)>,
	/// Whether it is active.
	pub status: ModelStatus,
}

/// The model registry, as the attribution and inference pallets ask about it.
pub trait ModelCatalog {
	/// The model `id`, if registered.
	fn model(id: ModelId) -> Option<ModelSummary>;
}

/// What a paid inference needs to know of a model.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ModelOffer<AccountId, Balance> {
	/// Who is paid the owner's share.
	pub owner: AccountId,
	/// Its price per inference.
	pub price: Balance,
	/// Whether it takes new inferences (deprecated models do not).
	pub status: ModelStatus,
}

/// The model registry's prices, as the inference pallet asks about them.
pub trait ModelMarket<AccountId, Balance> {
	/// The terms of model `id`, if registered.
	fn offer(id: ModelId) -> Option<ModelOffer<AccountId, Balance>>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn architectures_fit_matching_data() {
		let tabular = DataKind::Tabular { features: 4, classes: 3 };
		let l2 = Perbill::from_percent(1);
		assert!(Architecture::SoftmaxRegression { features: 4, classes: 3, l2 }.fits(&tabular));
		assert!(Architecture::Mlp { features: 4, hidden: 8, classes: 3, l2 }.fits(&tabular));
		assert!(!Architecture::SoftmaxRegression { features: 5, classes: 3, l2 }.fits(&tabular));
		assert!(!Architecture::Mlp { features: 4, hidden: 8, classes: 2, l2 }.fits(&tabular));
		assert!(!Architecture::TextSpans.fits(&tabular));
		assert!(Architecture::TextSpans.fits(&DataKind::Text));
		assert!(!Architecture::SoftmaxRegression { features: 4, classes: 3, l2 }.fits(&DataKind::Text));
	}
}
