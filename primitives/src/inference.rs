//! Paid inference: what the inference pallet records of each payout, as its runtime API shows it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::datanets::{ContributionIndex, DatanetId};

/// Why an inference paid someone.
#[derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum PayoutKind {
	/// The provider's part, paid with the fee.
	Provider,
	/// The model owner's part, paid with the fee.
	Owner,
	/// For an attributed contribution, at settlement.
	Contribution {
		/// Its datanet.
		datanet: DatanetId,
		/// Its index.
		index: ContributionIndex,
	},
	/// For a lineage datanet, to its owner (no consensus), at settlement.
	Datanet {
		/// The datanet.
		datanet: DatanetId,
	},
	/// For agreeing with consensus, at settlement.
	Attestor,
	/// The treasury's part, removed contributions' parts, unpaid attestor parts and remainders.
	Treasury,
}
