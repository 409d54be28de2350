//! Suffix arrays in linear time: induced sorting (SA-IS, Nong, Zhang and Chan, 2009).
//!
//! Every suffix is typed S (smaller than the suffix after it) or L (larger); an S suffix right
//! after an L one is *LMS*. Sorting the LMS suffixes is enough: one left-to-right pass over the
//! array then places every L suffix after the suffix it precedes, and one right-to-left pass every
//! S suffix. The LMS suffixes are sorted by naming their substrings (up to the next LMS position)
//! after one induced pass, and, when two names coincide, by sorting the string of names the same
//! way, recursively (it is at most half as long). The end of the text is a virtual sentinel,
//! smaller than every symbol.
//!
//! Offsets are `u32`: a text of up to `u32::MAX - 1` bytes (4 GiB) needs 4 bytes of array per
//! byte, and the recursion reuses that array for its string and its own array; the other memory
//! is a bit per symbol for the types and a counter per symbol of the alphabet.

use crate::{Error, Result};

/// An empty slot of the array.
const EMPTY: u32 = u32::MAX;

/// The longest text [`suffix_array`] sorts.
pub const MAX_LEN: usize = (u32::MAX - 1) as usize;

/// The suffix array of `text`: the start offsets of its suffixes in lexicographic order (a suffix
/// sorts before its extensions).
pub fn suffix_array(text: &[u8]) -> Result<Vec<u32>> {
	if text.len() > MAX_LEN {
		return Err(Error::invalid("corpus", format!("{} bytes is more than an index holds ({MAX_LEN})", text.len())));
	}
	let mut sa = vec![EMPTY; text.len()];
	sais(text, &mut sa, 256);
	Ok(sa)
}

/// A symbol of a text being sorted: a byte at the top level, a name in the recursion.
trait Symbol: Copy + Ord {
	fn index(self) -> usize;
}

impl Symbol for u8 {
	fn index(self) -> usize {
		usize::from(self)
	}
}

impl Symbol for u32 {
	fn index(self) -> usize {
		self as usize
	}
}

/// One bit per position: set for S-type suffixes.
struct Types(Vec<u64>);

impl Types {
	fn of<T: Symbol>(text: &[T]) -> Self {
		let n = text.len();
		let mut bits = vec![0u64; n.div_ceil(64)];
		// The last suffix is L: the sentinel after it is smaller.
		let mut next_s = false;
		for i in (0..n.saturating_sub(1)).rev() {
			let s = text[i] < text[i + 1] || (text[i] == text[i + 1] && next_s);
			if s {
				bits[i / 64] |= 1 << (i % 64);
			}
			next_s = s;
		}
		Types(bits)
	}

	fn s(&self, i: usize) -> bool {
		self.0[i / 64] >> (i % 64) & 1 == 1
	}

	fn lms(&self, i: usize) -> bool {
		i > 0 && self.s(i) && !self.s(i - 1)
	}
}

/// Where each symbol's bucket starts (`heads`) or ends (`tails`) in the array.
fn buckets<T: Symbol>(text: &[T], alphabet: usize, tails: bool) -> Vec<u32> {
	let mut counts = vec![0u32; alphabet];
	for &c in text {
		counts[c.index()] += 1;
	}
	let mut sum = 0u32;
	for count in &mut counts {
		let size = *count;
		if tails {
			sum += size;
			*count = sum;
		} else {
			*count = sum;
			sum += size;
		}
	}
	counts
}

/// Induces the L suffixes' places from the LMS suffixes placed in `sa`, then the S suffixes'.
fn induce<T: Symbol>(text: &[T], sa: &mut [u32], types: &Types, alphabet: usize) {
	let n = text.len();
	let mut heads = buckets(text, alphabet, false);
	// The last suffix follows the sentinel: it is first of its bucket.
	let last = text[n - 1].index();
	sa[heads[last] as usize] = (n - 1) as u32;
	heads[last] += 1;
	for i in 0..n {
		let j = sa[i];
		if j != EMPTY && j > 0 && !types.s(j as usize - 1) {
			let c = text[j as usize - 1].index();
			sa[heads[c] as usize] = j - 1;
			heads[c] += 1;
		}
	}
	let mut tails = buckets(text, alphabet, true);
	for i in (0..n).rev() {
		let j = sa[i];
		if j != EMPTY && j > 0 && types.s(j as usize - 1) {
			let c = text[j as usize - 1].index();
			tails[c] -= 1;
			sa[tails[c] as usize] = j - 1;
		}
	}
}

/// Whether the LMS substrings at `p` and `q` (up to and including the next LMS position) are
/// equal in symbols and types.
fn same_lms_substring<T: Symbol>(text: &[T], types: &Types, p: usize, q: usize) -> bool {
	let n = text.len();
	let mut d = 0;
	loop {
		let (a, b) = (p + d, q + d);
		if a == n || b == n {
			// The sentinel is unique.
			return false;
		}
		if text[a] != text[b] || types.s(a) != types.s(b) {
			return false;
		}
		if d > 0 {
			let (la, lb) = (types.lms(a), types.lms(b));
			if la || lb {
				return la && lb;
			}
		}
		d += 1;
	}
}

/// Sorts the suffixes of `text` (symbols below `alphabet`) into `sa` (of the text's length).
fn sais<T: Symbol>(text: &[T], sa: &mut [u32], alphabet: usize) {
	let n = text.len();
	match n {
		0 => return,
		1 => {
			sa[0] = 0;
			return;
		},
		_ => {},
	}
	let types = Types::of(text);

	// 1. The LMS suffixes at the ends of their buckets, in text order, then one induced pass:
	// the LMS substrings come out sorted.
	sa.fill(EMPTY);
	let mut tails = buckets(text, alphabet, true);
	for i in (1..n).rev() {
		if types.lms(i) {
			let c = text[i].index();
			tails[c] -= 1;
			sa[tails[c] as usize] = i as u32;
		}
	}
	drop(tails);
	induce(text, sa, &types, alphabet);

	// 2. The sorted LMS positions to the front, then their names: equal substrings share one.
	let mut m = 0;
	for i in 0..n {
		let j = sa[i];
		if j != EMPTY && types.lms(j as usize) {
			sa[m] = j;
			m += 1;
		}
	}
	if m == 0 {
		// No LMS suffix (the text never rises): induction from the last suffix alone sorted it.
		sa.fill(EMPTY);
		induce(text, sa, &types, alphabet);
		return;
	}
	sa[m..].fill(EMPTY);
	// LMS positions are at least two apart, so `m + j / 2` is a free and unique slot.
	let mut names = 0u32;
	let mut previous: Option<usize> = None;
	for k in 0..m {
		let p = sa[k] as usize;
		if previous.is_none_or(|q| !same_lms_substring(text, &types, p, q)) {
			names += 1;
		}
		previous = Some(p);
		sa[m + p / 2] = names - 1;
	}
	// The reduced string (names in text order) to the tail of the array.
	let mut w = n;
	for i in (m..n).rev() {
		if sa[i] != EMPTY {
			w -= 1;
			sa[w] = sa[i];
		}
	}

	// 3. The LMS suffixes sorted: by the names when they are all distinct, else recursively.
	{
		let (head, tail) = sa.split_at_mut(n - m);
		let reduced = &tail[..];
		let order = &mut head[..m];
		if (names as usize) < m {
			sais(reduced, order, names as usize);
		} else {
			for (i, &name) in reduced.iter().enumerate() {
				order[name as usize] = i as u32;
			}
		}
	}
	// The LMS positions in text order replace the reduced string; the order maps onto them.
	let mut w = n - m;
	for i in 1..n {
		if types.lms(i) {
			sa[w] = i as u32;
			w += 1;
		}
	}
	for k in 0..m {
		sa[k] = sa[n - m + sa[k] as usize];
	}
	sa[m..].fill(EMPTY);

	// 4. The sorted LMS suffixes at the ends of their buckets (last first, so none is
	// overwritten before it moves), then the final induced pass.
	let mut tails = buckets(text, alphabet, true);
	for k in (0..m).rev() {
		let j = sa[k];
		sa[k] = EMPTY;
		let c = text[j as usize].index();
		tails[c] -= 1;
		sa[tails[c] as usize] = j;
	}
	drop(tails);
	induce(text, sa, &types, alphabet);
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::rng::Rng;

	/// The suffix array by sorting the suffixes themselves.
	fn naive(text: &[u8]) -> Vec<u32> {
		let mut sa: Vec<u32> = (0..text.len() as u32).collect();
		sa.sort_by(|&a, &b| text[a as usize..].cmp(&text[b as usize..]));
		sa
	}

	fn check(text: &[u8]) {
		assert_eq!(suffix_array(text).unwrap(), naive(text), "text {:?}", String::from_utf8_lossy(text));
	}

	#[test]
	fn small_and_classic_texts() {
		for text in [
			&b""[..],
			b"a",
			b"aa",
			b"ab",
			b"ba",
			b"banana",
			b"mmiissiissiippii",
			b"abracadabra",
			b"banana\xffbandana\xff",
			b"\xff\xff\xff",
			b"\x00\xff\x00\xff",
		] {
			check(text);
		}
	}

	#[test]
	fn random_texts_over_small_and_full_alphabets() {
		let mut rng = Rng::new(7);
		for round in 0..400 {
			let len = (rng.next_u64() % 300) as usize;
			let alphabet = [2u64, 3, 4, 26, 256][round % 5];
			let text: Vec<u8> = (0..len).map(|_| (rng.next_u64() % alphabet) as u8).collect();
			check(&text);
		}
	}

	#[test]
	fn adversarial_texts() {
		// Long runs of one byte (no LMS position at all, or one).
		check(&[b'a'; 1000]);
		check(&[0xff; 777]);
		let mut rising: Vec<u8> = (0..=255).collect();
		rising.extend(0..=255u8);
		check(&rising);
		let falling: Vec<u8> = (0..=255u8).rev().collect();
		check(&falling);
		// Periodic texts, which recurse deepest.
		check(&b"ab".repeat(500));
		check(&b"abc".repeat(333));
		check(&b"aab".repeat(400));
		check(&b"abaababaabaab".repeat(60));
		// Fibonacci words.
		let (mut a, mut b) = (b"a".to_vec(), b"ab".to_vec());
		for _ in 0..14 {
			let next = [b.clone(), a].concat();
			a = b;
			b = next;
		}
		check(&b);
		// Texts joined by the separator, with repeats across them.
		let texts = ["the cat sat", "the cat sat on the mat", "", "mat mat mat", "the cat sat"];
		let mut joined = Vec::new();
		for t in texts {
			joined.extend_from_slice(t.as_bytes());
			joined.push(0xff);
		}
		check(&joined);
	}

	#[test]
	fn a_large_random_text_is_a_permutation_in_order() {
		let mut rng = Rng::new(11);
		let text: Vec<u8> = (0..200_000).map(|_| b"acgt"[(rng.next_u64() % 4) as usize]).collect();
		let sa = suffix_array(&text).unwrap();
		let mut seen = vec![false; text.len()];
		for &s in &sa {
			assert!(!std::mem::replace(&mut seen[s as usize], true));
		}
		for w in sa.windows(2) {
			assert!(text[w[0] as usize..] < text[w[1] as usize..]);
		}
	}
}
