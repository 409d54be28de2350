//! Paid inference: what the inference pallet records of each payout, as its runtime API shows it,
//! and the message a payer signs to pay for an inference that a provider submits in a batch.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use sp_core::H256;

use crate::{
	datanets::{ContributionIndex, DatanetId},
	models::ModelId,
};

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
	/// For a lineage version (no consensus), at settlement: to the version's pool in the
	/// escrow account, which its members draw from pro rata to their rows.
	Lineage {
		/// The datanet.
		datanet: DatanetId,
		/// The version.
		version: crate::datanets::VersionNumber,
	},
	/// For agreeing with consensus, at settlement.
	Attestor,
	/// The treasury's part, removed contributions' parts, unpaid attestor parts and remainders.
	Treasury,
	/// The payer's escrowed parts, back to it: a majority of the committee found the job
	/// unscorable.
	Refund,
	/// For an attributed contribution under an open challenge, at settlement: held until the
	/// challenge resolves (rejected: its contributor's; upheld: clawed back).
	Held {
		/// Its datanet.
		datanet: DatanetId,
		/// Its index.
		index: ContributionIndex,
	},
}

/// What a payer signs so that a provider can submit their paid inference in a batch.
///
/// The signed bytes are the SCALE encoding of this struct, which is every field's bytes back to
/// back with no length prefixes: the 18 ASCII bytes `openledger/receipt`, the 32-byte genesis
/// hash, the provider's 32-byte account, the model (`u32` LE), the payer's receipt nonce (`u64`
/// LE), the BLAKE2b-256 hashes of the input and the output (32 bytes each) and the most the payer
/// agrees to pay (`u128` LE). The genesis hash keeps a receipt to one chain, the provider to the
/// provider the payer chose, the nonce to one use.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ReceiptMessage<AccountId, Balance, Hash> {
	/// [`RECEIPT_CONTEXT`].
	pub context: [u8; 18],
	/// The hash of the chain's genesis block.
	pub genesis: Hash,
	/// The provider who answered and submits the receipt.
	pub provider: AccountId,
	/// The model that answered.
	pub model: ModelId,
	/// The payer's receipt nonce: greater than that of any receipt of theirs already accepted.
	pub nonce: u64,
	/// BLAKE2b-256 of the input.
	pub input: H256,
	/// BLAKE2b-256 of the output.
	pub output: H256,
	/// The most the payer agrees to pay; the model's price at submission is charged.
	pub max_fee: Balance,
}

/// The first bytes of every signed receipt.
pub const RECEIPT_CONTEXT: [u8; 18] = *b"openledger/receipt";

/// Why a receipt of a batch was skipped.
#[derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ReceiptRejection {
	/// The signature is not the payer's over this receipt, this provider, this model and this
	/// chain.
	BadSignature,
	/// The payer already used this nonce or a greater one (a replay).
	StaleNonce,
	/// The model's price is above the payer's `max_fee`.
	PriceAboveMax,
	/// The input or output does not fit the model's architecture, so no attestor could
	/// attribute it (see `Architecture::check_query`).
	InvalidQuery,
	/// The payer cannot pay the price without their account being reaped.
	InsufficientBalance,
}

/// A payer's sr25519 signature on a receipt, verified against the payer's 32-byte account as
/// their sr25519 public key (as for the accounts polkadot-js creates by default).
#[derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ReceiptSignature(pub sp_core::sr25519::Signature);

impl sp_runtime::traits::Verify for ReceiptSignature {
	type Signer = sp_runtime::MultiSigner;

	fn verify<L: sp_runtime::traits::Lazy<[u8]>>(&self, message: L, signer: &sp_runtime::AccountId32) -> bool {
		let public = sp_core::sr25519::Public::from_raw(*signer.as_ref());
		sp_runtime::traits::Verify::verify(&self.0, message, &public)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{sr25519, Pair};
	use sp_runtime::{traits::Verify, AccountId32};

	/// The signed bytes are the fields back to back, as the docs promise to clients, and a
	/// signature holds for its payer and message only.
	#[test]
	fn receipts_sign_their_documented_bytes() {
		let message = ReceiptMessage {
			context: RECEIPT_CONTEXT,
			genesis: H256::repeat_byte(1),
			provider: AccountId32::new([2; 32]),
			model: 3u32,
			nonce: 4u64,
			input: H256::repeat_byte(5),
			output: H256::repeat_byte(6),
			max_fee: 7u128,
		};
		let bytes = message.encode();
		let mut expected = b"openledger/receipt".to_vec();
		expected.extend([1; 32]);
		expected.extend([2; 32]);
		expected.extend(3u32.to_le_bytes());
		expected.extend(4u64.to_le_bytes());
		expected.extend([5; 32]);
		expected.extend([6; 32]);
		expected.extend(7u128.to_le_bytes());
		assert_eq!(bytes, expected);

		let payer = sr25519::Pair::from_seed(&[9; 32]);
		let signature = ReceiptSignature(payer.sign(&bytes));
		let account = AccountId32::new(payer.public().0);
		assert!(signature.verify(&bytes[..], &account));
		assert!(!signature.verify(&bytes[1..], &account));
		assert!(!signature.verify(&bytes[..], &AccountId32::new([2; 32])));
	}
}
