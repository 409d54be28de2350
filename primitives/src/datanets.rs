//! Datanets: what a datanet holds, how its contributions are curated, and what its published
//! versions are.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// The id of a datanet: its creation order, from 0.
pub type DatanetId = u32;

/// The index of a contribution within its datanet: its submission order, from 0.
pub type ContributionIndex = u32;

/// The number of a published version of a datanet, from 1.
pub type VersionNumber = u32;

/// What a datanet's contributions hold.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum DataKind {
	/// Labelled examples of `features` numbers each, labels below `classes`. A payload is one
	/// or more examples, each a little-endian `u32` label followed by `features` little-endian
	/// IEEE-754 `f32` values (`4 × (1 + features)` bytes per example, no header).
	Tabular {
		/// Numbers per example.
		features: u32,
		/// Labels are `0..classes`.
		classes: u32,
	},
	/// UTF-8 text.
	Text,
}

impl DataKind {
	/// How much data `size` bytes of this kind are: tabular examples (whole ones), or text bytes.
	pub fn rows(&self, size: u64) -> u64 {
		match *self {
			DataKind::Tabular { features, .. } => {
				size.checked_div(tabular::example_len(features) as u64).unwrap_or_default()
			},
			DataKind::Text => size,
		}
	}
}

/// Who accepts contributions.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum CurationPolicy {
	/// Contributions wait for the owner or a curator to review them.
	Curated,
	/// Contributions are accepted when submitted.
	Open,
}

/// Where a contribution stands.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ContributionStatus {
	/// Submitted, waiting for review; the deposit is held.
	Pending,
	/// Accepted into the datanet: part of every version published after.
	Accepted,
	/// Refused by a reviewer (the deposit slashed), or superseded before review by an earlier
	/// commitment to its content (the deposit released).
	Rejected,
	/// Taken back by its contributor before review.
	Withdrawn,
	/// Accepted, then removed by an upheld challenge: in no later version and earning nothing.
	Removed,
}

/// Counts of contributions by outcome, per datanet and per contributor.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, Default, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Counters {
	/// Accepted, ever (removed ones included).
	pub accepted: u32,
	/// Rejected by a reviewer.
	pub rejected: u32,
	/// Removed by an upheld challenge.
	pub removed: u32,
}

/// A published version: immutable once published.
///
/// Its contributions are those with an index below `bound` that were accepted and not removed
/// when it was published (at `block`), in index order. `root` commits to them: the root of a
/// binary Merkle tree of depth [`MERKLE_DEPTH`] whose leaf `i` is the content hash of
/// contribution `i` if it is one of them and 32 zero bytes otherwise, each inner node being
/// `blake2_256(left ‖ right)`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Version<BlockNumber> {
	/// Contributions with an index below this were considered.
	pub bound: ContributionIndex,
	/// How many contributions the version holds.
	pub contributions: u32,
	/// How many of them are referenced artefacts (not inline payloads).
	pub references: u32,
	/// Their rows ([`DataKind::rows`]), together.
	pub rows: u64,
	/// The datanet's membership changes (acceptances and removals) before it: a contribution
	/// is a member if it joined before this change and did not leave before it.
	pub changes: u32,
	/// The datanet's copy radius when it was published, in thousandths of a feature unit:
	/// what attribution uses for its members, whatever the datanet's radius becomes.
	pub copy_radius: u32,
	/// The Merkle root over them.
	pub root: H256,
	/// The block it was published in.
	pub block: BlockNumber,
}

/// The depth of a datanet's contribution Merkle tree: a datanet holds at most `2^20`
/// (1,048,576) contributions.
pub const MERKLE_DEPTH: u32 = 20;

/// The copy radius a datanet gets unless its creator names another: 0.75 of a feature unit, in
/// thousandths. The 8×8 digits (pixels 0–16) have no two distinct rows closer than 10, while a
/// copy with noise of σ = 0.05 per pixel lies about 0.4 from its original. It equals the
/// attribution engine's default (`openledger_influence::copies::Radius::DEFAULT`).
pub const DEFAULT_COPY_RADIUS: u32 = 750;

/// A member of a published version, as attribution trains on it.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub struct Member {
	/// Its index in the datanet.
	pub index: ContributionIndex,
	/// The hash its payload is stored under.
	pub hash: H256,
	/// Its place in the chain-wide order of arrival (see the datanets pallet): a lower number
	/// arrived first, and owns the data a later contribution copies.
	pub arrival: u64,
}

/// What other pallets need to know of a published version.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub struct VersionSummary {
	/// The kind of the datanet.
	pub kind: DataKind,
	/// The version's copy radius (the datanet's when it was published), in thousandths of a
	/// feature unit: a tabular row within it of an earlier row with the same label is a copy,
	/// and earns nothing.
	pub copy_radius: u32,
	/// How many contributions the version holds.
	pub contributions: u32,
	/// How many of them are referenced artefacts, which attestors do not fetch.
	pub references: u32,
	/// Their rows ([`DataKind::rows`]), together.
	pub rows: u64,
}

/// The published versions of datanets, as the model registry and the attribution pallet ask
/// about them.
pub trait DatanetVersions {
	/// The version `version` of datanet `datanet`, if it has been published.
	fn version(datanet: DatanetId, version: VersionNumber) -> Option<VersionSummary>;

	/// The members of a version, in index order, with the hashes their payloads are stored
	/// under and their arrivals; empty if the version does not exist. It reads every
	/// contribution of the datanet: for off-chain workers and runtime APIs, never for dispatch.
	fn members(datanet: DatanetId, version: VersionNumber) -> alloc::vec::Vec<Member>;

	/// Whether contribution `index` of `datanet` is a member of its version `version` (two
	/// reads: for dispatch).
	fn is_member(datanet: DatanetId, version: VersionNumber, index: ContributionIndex) -> bool;
}

/// Who a payout for data goes to, as settlement asks.
pub trait ContributionLedger<AccountId> {
	/// The contributor of contribution `index` of `datanet` and its status, if it exists.
	fn contribution(datanet: DatanetId, index: ContributionIndex) -> Option<(AccountId, ContributionStatus)>;

	/// The contributor and rows of contribution `index` of `datanet`, and the rows of its
	/// version `version` — if the contribution is a member of that version and has not been
	/// removed since (two reads: for dispatch).
	fn member_rows(
		datanet: DatanetId,
		version: VersionNumber,
		index: ContributionIndex,
	) -> Option<(AccountId, u64, u64)>;

	/// Whether contribution `index` of `datanet` is under an open challenge: what it earns
	/// meanwhile is held until the challenge resolves.
	fn challenged(datanet: DatanetId, index: ContributionIndex) -> bool;
}

/// What settlement holds for challenged contributions, as the datanets pallet resolves their
/// challenges: implemented by whoever credits contributions' earnings (the inference pallet).
pub trait ChallengedEarnings<AccountId, Balance> {
	/// The challenge of contribution `index` of `datanet` was upheld: what it earned while
	/// challenged is clawed back, and `penalty`, which `contributor` owes `challenger`, is paid
	/// from the earnings held for it, then from `contributor`'s unclaimed earnings, the rest of
	/// the clawed-back earnings going to the treasury. Returns what of `penalty` was paid.
	fn upheld(
		datanet: DatanetId,
		index: ContributionIndex,
		contributor: &AccountId,
		challenger: &AccountId,
		penalty: Balance,
	) -> Balance;

	/// The challenge of contribution `index` of `datanet` was rejected: what it earned while
	/// challenged goes to `contributor`.
	fn rejected(datanet: DatanetId, index: ContributionIndex, contributor: &AccountId);

	/// What one call of [`ChallengedEarnings::upheld`] or [`ChallengedEarnings::rejected`]
	/// may weigh.
	fn weight() -> sp_runtime::Weight;
}

impl<AccountId, Balance: Default> ChallengedEarnings<AccountId, Balance> for () {
	fn upheld(_: DatanetId, _: ContributionIndex, _: &AccountId, _: &AccountId, _: Balance) -> Balance {
		Balance::default()
	}

	fn rejected(_: DatanetId, _: ContributionIndex, _: &AccountId) {}

	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// The byte format of [`DataKind::Tabular`] payloads and of tabular queries, for everyone who
/// reads or writes it: the datanets pallet validates contributions with it, the node's attestor
/// decodes training rows and queries with it, benchmarks and tests encode with it.
///
/// - An **example** is a little-endian `u32` label followed by `features` little-endian IEEE-754
///   `f32` values: [`example_len`]`(features)` = `4 × (1 + features)` bytes. A payload is one or
///   more examples back to back, with no header.
/// - A tabular query's **input** is `features` `f32` LE values; its **output** one `u32` LE class.
///
/// Every label is below the kind's `classes` and every value is finite. (The JavaScript encoder
/// of the end-to-end tests is `tabularPayload` in `scripts/lib/`.)
pub mod tabular {
	use alloc::vec::Vec;

	/// Why bytes are not tabular data of a given shape.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum FormatError {
		/// Not a whole, non-zero number of examples (or values) of the expected width.
		Malformed,
		/// A label is not below the class count.
		LabelOutOfRange,
		/// A value is a NaN or an infinity.
		NonFinite,
	}

	/// The bytes of one example of `features` values.
	pub const fn example_len(features: u32) -> usize {
		(features as usize).saturating_add(1).saturating_mul(4)
	}

	/// The `f32` LE values of `bytes` (whose length is a multiple of four).
	fn floats(bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
		bytes.chunks_exact(4).map(|c| <[u8; 4]>::try_from(c).map_or(f32::NAN, f32::from_le_bytes))
	}

	/// Checks `payload` as examples of `features` values with labels below `classes`, and hands
	/// each to `each` as its label and its values' bytes. Stops at the first fault.
	fn visit(
		payload: &[u8],
		features: u32,
		classes: u32,
		mut each: impl FnMut(u32, &[u8]),
	) -> Result<u32, FormatError> {
		let width = example_len(features);
		if features == 0 || payload.is_empty() || !payload.len().is_multiple_of(width) {
			return Err(FormatError::Malformed);
		}
		let mut count = 0u32;
		for example in payload.chunks_exact(width) {
			let (label, values) = example.split_first_chunk::<4>().ok_or(FormatError::Malformed)?;
			let label = u32::from_le_bytes(*label);
			if label >= classes {
				return Err(FormatError::LabelOutOfRange);
			}
			if !floats(values).all(f32::is_finite) {
				return Err(FormatError::NonFinite);
			}
			each(label, values);
			count = count.saturating_add(1);
		}
		Ok(count)
	}

	/// Checks that `payload` is examples of `features` values with labels below `classes`, all
	/// values finite, without copying them; returns how many examples it holds.
	pub fn check_examples(payload: &[u8], features: u32, classes: u32) -> Result<u32, FormatError> {
		visit(payload, features, classes, |_, _| {})
	}

	/// The examples of `payload`, each its label and its values, checked as [`check_examples`]
	/// does.
	pub fn examples(payload: &[u8], features: u32, classes: u32) -> Result<Vec<(u32, Vec<f32>)>, FormatError> {
		let mut out = Vec::new();
		visit(payload, features, classes, |label, values| out.push((label, floats(values).collect())))?;
		Ok(out)
	}

	/// A query input: exactly `features` finite `f32` LE values.
	pub fn values(bytes: &[u8], features: u32) -> Result<Vec<f32>, FormatError> {
		if features == 0 || bytes.len() != (features as usize).saturating_mul(4) {
			return Err(FormatError::Malformed);
		}
		let values: Vec<f32> = floats(bytes).collect();
		if values.iter().all(|v| v.is_finite()) {
			Ok(values)
		} else {
			Err(FormatError::NonFinite)
		}
	}

	/// A query output: one `u32` LE class below `classes`.
	pub fn label(bytes: &[u8], classes: u32) -> Result<u32, FormatError> {
		let label = u32::from_le_bytes(<[u8; 4]>::try_from(bytes).map_err(|_| FormatError::Malformed)?);
		if label < classes {
			Ok(label)
		} else {
			Err(FormatError::LabelOutOfRange)
		}
	}

	/// Appends the example (`label`, `values`) to `out`.
	pub fn encode_example(out: &mut Vec<u8>, label: u32, values: &[f32]) {
		out.extend_from_slice(&label.to_le_bytes());
		out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
	}

	/// A payload of `examples`, each (label, values).
	pub fn encode_examples<'a>(examples: impl IntoIterator<Item = (u32, &'a [f32])>) -> Vec<u8> {
		let mut out = Vec::new();
		for (label, values) in examples {
			encode_example(&mut out, label, values);
		}
		out
	}

	/// A query input of `values`.
	pub fn encode_values(values: &[f32]) -> Vec<u8> {
		values.iter().flat_map(|v| v.to_le_bytes()).collect()
	}

	#[cfg(test)]
	mod tests {
		use super::*;

		#[test]
		fn examples_round_trip() {
			let payload = encode_examples([(1, &[0.5f32, -1.0][..]), (0, &[2.0, 3.0][..])]);
			assert_eq!(payload.len(), 2 * example_len(2));
			assert_eq!(check_examples(&payload, 2, 2), Ok(2));
			assert_eq!(examples(&payload, 2, 2), Ok(vec![(1, vec![0.5, -1.0]), (0, vec![2.0, 3.0])]));
		}

		#[test]
		fn faults_are_named() {
			let good = encode_examples([(1, &[0.5f32, -1.0][..])]);
			assert_eq!(check_examples(&good, 3, 2), Err(FormatError::Malformed));
			assert_eq!(check_examples(&good[..good.len() - 1], 2, 2), Err(FormatError::Malformed));
			assert_eq!(check_examples(&[], 2, 2), Err(FormatError::Malformed));
			assert_eq!(check_examples(&good, 0, 2), Err(FormatError::Malformed));
			assert_eq!(check_examples(&good, 2, 1), Err(FormatError::LabelOutOfRange));
			let nan = encode_examples([(0, &[f32::NAN, 0.0][..])]);
			assert_eq!(check_examples(&nan, 2, 2), Err(FormatError::NonFinite));
			let inf = encode_examples([(0, &[0.0, f32::INFINITY][..])]);
			assert_eq!(examples(&inf, 2, 2), Err(FormatError::NonFinite));
		}

		#[test]
		fn queries_decode_exactly() {
			assert_eq!(label(&7u32.to_le_bytes(), 8), Ok(7));
			assert_eq!(label(&7u32.to_le_bytes(), 7), Err(FormatError::LabelOutOfRange));
			assert_eq!(label(&[7, 0, 0], 8), Err(FormatError::Malformed));
			assert_eq!(values(&encode_values(&[1.5]), 1), Ok(vec![1.5]));
			assert_eq!(values(&encode_values(&[1.5]), 2), Err(FormatError::Malformed));
			assert_eq!(values(&encode_values(&[f32::NAN]), 1), Err(FormatError::NonFinite));
		}
	}
}
