//! Each datanet's Merkle tree over its members, kept up to date one leaf at a time.
//!
//! The tree has depth [`MERKLE_DEPTH`]: leaf `i` is the content hash of contribution `i` while it
//! is a member (accepted and not removed) and 32 zero bytes otherwise; an inner node is
//! `blake2_256(left ‖ right)`. Only nodes that differ from an empty subtree are stored, so a
//! datanet of `n` members stores about `2n` nodes, and accepting or removing a contribution
//! costs `MERKLE_DEPTH` reads, `MERKLE_DEPTH + 1` writes and `MERKLE_DEPTH` hashes — however
//! large the datanet. Publishing a version copies the root.
//!
//! Anyone can recompute a version's root from the contributions' hashes with [`root_of`].

use alloc::{collections::BTreeMap, vec::Vec};
use openledger_primitives::datanets::{ContributionIndex, DatanetId, MERKLE_DEPTH};
use sp_core::H256;
use sp_io::hashing::blake2_256;

use crate::{Config, MerkleNodes};

/// The parent of two nodes.
pub fn parent(left: &H256, right: &H256) -> H256 {
	let mut both = [0u8; 64];
	both[..32].copy_from_slice(left.as_bytes());
	both[32..].copy_from_slice(right.as_bytes());
	H256(blake2_256(&both))
}

/// The roots of empty subtrees: `empty[k]` is the root of an empty subtree of height `k`.
pub fn empty_roots() -> [H256; MERKLE_DEPTH as usize + 1] {
	let mut empty = [H256::zero(); MERKLE_DEPTH as usize + 1];
	let mut root = H256::zero();
	for slot in empty.iter_mut() {
		*slot = root;
		root = parent(&root, &root);
	}
	empty
}

/// The root of a tree with no members.
pub fn empty_root() -> H256 {
	let [.., root] = empty_roots();
	root
}

/// Sets leaf `index` of `datanet`'s tree to `leaf` (zero to clear it) and returns the new root.
pub fn set_leaf<T: Config>(datanet: DatanetId, index: ContributionIndex, leaf: H256) -> H256 {
	let empty = empty_roots();
	let mut node = leaf;
	let mut position = index;
	let store = |level: u8, position: u32, node: H256, empty: &H256| {
		if &node == empty {
			MerkleNodes::<T>::remove(datanet, (level, position));
		} else {
			MerkleNodes::<T>::insert(datanet, (level, position), node);
		}
	};
	// the levels below the root, each with the root of its empty subtree
	for (level, empty_here) in (0..MERKLE_DEPTH as u8).zip(empty.iter()) {
		store(level, position, node, empty_here);
		let sibling = MerkleNodes::<T>::get(datanet, (level, position ^ 1)).unwrap_or(*empty_here);
		node = if position & 1 == 0 { parent(&node, &sibling) } else { parent(&sibling, &node) };
		position >>= 1;
	}
	let [.., empty_root] = empty;
	store(MERKLE_DEPTH as u8, 0, node, &empty_root);
	node
}

/// The root of the tree whose non-empty leaves are `leaves` (index, hash); any order, indices
/// below `2^MERKLE_DEPTH`.
pub fn root_of(leaves: impl IntoIterator<Item = (ContributionIndex, H256)>) -> H256 {
	let empty = empty_roots();
	let mut level: BTreeMap<u32, H256> = leaves.into_iter().filter(|(_, h)| !h.is_zero()).collect();
	for empty_here in empty.iter().take(MERKLE_DEPTH as usize) {
		let mut next = BTreeMap::new();
		let positions: Vec<u32> = level.keys().map(|p| p >> 1).collect();
		for p in positions {
			if next.contains_key(&p) {
				continue;
			}
			// p < 2^(MERKLE_DEPTH - 1): its children's positions fit in a u32
			let left_child = p << 1;
			let left = level.get(&left_child).copied().unwrap_or(*empty_here);
			let right = level.get(&(left_child | 1)).copied().unwrap_or(*empty_here);
			next.insert(p, parent(&left, &right));
		}
		level = next;
	}
	let [.., empty_root] = empty;
	level.get(&0).copied().unwrap_or(empty_root)
}
