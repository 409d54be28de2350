//! The messages the bridge's committee signs, hashed as EIP-712 typed data, so that one
//! signature is checked the same way here (by this module) and by the Ethereum vault (by
//! `ecrecover` over the same digest), and so that an Ethereum wallet shows what it signs.
//!
//! The domain is `EIP712Domain(string name,string version,uint256 chainId,address
//! verifyingContract)` with name [`NAME`], version [`VERSION`], the Ethereum chain's id and the
//! vault's address: a signature for one vault or one Ethereum chain is worthless on another.
//! Every message also carries `chain`, the OpenLedger chain's genesis hash, so that a testnet's
//! signatures are worthless on the main network even with the same vault. The types are
//! [`RELEASE_ON_OPENLEDGER`] and [`PAUSE`], which this pallet checks, and
//! [`RELEASE_ON_ETHEREUM`], [`COMMITTEE_CHANGE`] and [`PAUSE`], which the vault contract
//! (`contracts/ethereum/OpenLedgerVault.sol`) checks with the same strings.

use alloc::vec::Vec;
use sp_core::{H160, H256};
use sp_io::hashing::keccak_256;

/// The domain's name.
pub const NAME: &[u8] = b"OpenLedger Bridge";
/// The domain's version.
pub const VERSION: &[u8] = b"1";
/// The domain's type.
pub const DOMAIN: &[u8] = b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
/// OPEN locked in the vault, to be released here from the reserve: `recipient` is the
/// OpenLedger account's 32 bytes.
pub const RELEASE_ON_OPENLEDGER: &[u8] =
	b"ReleaseOnOpenLedger(bytes32 chain,uint64 nonce,bytes32 recipient,uint256 amount)";
/// OPEN locked here, to be released on Ethereum from the vault.
pub const RELEASE_ON_ETHEREUM: &[u8] =
	b"ReleaseOnEthereum(bytes32 chain,uint64 nonce,address recipient,uint256 amount)";
/// The committee governance chose here, for the vault: `members` ascending.
pub const COMMITTEE_CHANGE: &[u8] = b"CommitteeChange(bytes32 chain,uint64 epoch,address[] members,uint8 threshold)";
/// One member's order to stop both sides: the pallet and the vault pause on it.
pub const PAUSE: &[u8] = b"Pause(bytes32 chain,uint64 epoch)";

/// Half the order of secp256k1's group: a signature's `s` must not exceed it (EIP-2), so that
/// no one can make a second valid signature from a first.
const HALF_ORDER: [u8; 32] = [
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e,
	0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// Where signatures are valid: the Ethereum chain and the vault on it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Domain {
	/// The Ethereum chain's id (EIP-155).
	pub chain_id: u64,
	/// The vault contract's address.
	pub vault: H160,
}

/// A number as an ABI word (big-endian, 32 bytes).
fn word(n: u128) -> [u8; 32] {
	let mut w = [0u8; 32];
	w[16..].copy_from_slice(&n.to_be_bytes());
	w
}

/// An address as an ABI word.
fn address_word(a: H160) -> [u8; 32] {
	let mut w = [0u8; 32];
	w[12..].copy_from_slice(a.as_bytes());
	w
}

/// `keccak256(typeHash ‖ words)`.
fn hash_struct(type_string: &[u8], words: &[[u8; 32]]) -> [u8; 32] {
	let mut encoded = Vec::with_capacity(words.len().saturating_add(1).saturating_mul(32));
	encoded.extend_from_slice(&keccak_256(type_string));
	for w in words {
		encoded.extend_from_slice(w);
	}
	keccak_256(&encoded)
}

impl Domain {
	/// The domain separator.
	pub fn separator(&self) -> [u8; 32] {
		hash_struct(
			DOMAIN,
			&[keccak_256(NAME), keccak_256(VERSION), word(u128::from(self.chain_id)), address_word(self.vault)],
		)
	}

	/// What is signed for a message whose struct hash is `message`:
	/// `keccak256(0x19 0x01 ‖ separator ‖ message)`.
	pub fn digest(&self, message: [u8; 32]) -> [u8; 32] {
		let mut encoded = [0u8; 66];
		encoded[0] = 0x19;
		encoded[1] = 0x01;
		encoded[2..34].copy_from_slice(&self.separator());
		encoded[34..].copy_from_slice(&message);
		keccak_256(&encoded)
	}
}

/// The struct hash of a [`RELEASE_ON_OPENLEDGER`] message.
pub fn release_on_openledger(chain: H256, nonce: u64, recipient: [u8; 32], amount: u128) -> [u8; 32] {
	hash_struct(RELEASE_ON_OPENLEDGER, &[chain.0, word(u128::from(nonce)), recipient, word(amount)])
}

/// The struct hash of a [`PAUSE`] message for committee `epoch`.
pub fn pause(chain: H256, epoch: u64) -> [u8; 32] {
	hash_struct(PAUSE, &[chain.0, word(u128::from(epoch))])
}

/// Why a signature names no signer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SignatureError {
	/// `v` is neither 27 nor 28.
	BadV,
	/// `s` is in the upper half of the group's order (EIP-2), or zero.
	HighS,
	/// No public key recovers from it.
	Unrecoverable,
}

/// The Ethereum address of a public key (its 64 bytes without the `0x04` prefix).
pub fn address_of(public: &[u8; 64]) -> H160 {
	H160::from_slice(&keccak_256(public)[12..])
}

/// The address that signed `digest` with `signature` (`r ‖ s ‖ v`, `v` 27 or 28, `s` in the
/// lower half of the order, as Ethereum wallets and the vault require).
pub fn signer(digest: &[u8; 32], signature: &[u8; 65]) -> Result<H160, SignatureError> {
	let v = signature[64];
	if v != 27 && v != 28 {
		return Err(SignatureError::BadV);
	}
	let s = &signature[32..64];
	if s > &HALF_ORDER[..] || s.iter().all(|b| *b == 0) {
		return Err(SignatureError::HighS);
	}
	let public =
		sp_io::crypto::secp256k1_ecdsa_recover(signature, digest).map_err(|_| SignatureError::Unrecoverable)?;
	Ok(address_of(&public))
}

#[cfg(test)]
mod tests {
	use super::*;
	use hex_literal::hex;

	/// EIP-712's own example domain ("Ether Mail"), whose separator the EIP publishes: our
	/// encoding of a domain is the standard one.
	#[test]
	fn the_eips_example_domain_has_the_published_separator() {
		let name = b"Ether Mail";
		let separator = hash_struct(
			DOMAIN,
			&[
				keccak_256(name),
				keccak_256(VERSION),
				word(1),
				address_word(H160(hex!("CcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"))),
			],
		);
		assert_eq!(separator, hex!("f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));
	}

	/// The type hash of the EIP's `Person(string name,address wallet)`, also published.
	#[test]
	fn type_hashes_are_keccak_of_the_type_string() {
		assert_eq!(
			keccak_256(b"Mail(Person from,Person to,string contents)Person(string name,address wallet)"),
			hex!("a0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2")
		);
	}
}
