//! Span matching for text generation (Infini-gram-style): which contributed texts does a
//! generated output quote?
//!
//! The contributed texts are concatenated, each followed by a byte that UTF-8 never contains
//! (`0xFF`), so no match runs from one text into the next, and indexed by a suffix array. For
//! each position of the output the longest substring starting there that occurs in the corpus
//! is found by binary search (its length is the matching statistic). A match is *maximal* when
//! the match one position earlier does not already cover it; maximal matches of at least
//! `min_len` bytes are the output's spans.
//!
//! Each span credits `len · ln(1 + D/df)`, where `D` is the number of texts and `df` the number
//! containing the span (long spans count more, and so do rare ones: a phrase every text contains
//! says little about where the output came from), all of it to the *first* text that contains
//! it. Texts are indexed in arrival order, so whoever contributed a text first owns its spans:
//! later copies of it earn nothing, however many there are. Credits per contribution become
//! shares with [`crate::aggregate::shares`].

use crate::{
	aggregate::{shares, Share},
	Result,
};

/// The separator after each text: not a byte of any UTF-8 string.
const SEPARATOR: u8 = 0xFF;

/// One span of the output found in the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
	/// Byte offset in the output.
	pub start: usize,
	/// Length in bytes.
	pub len: usize,
	/// How many times it occurs in the corpus.
	pub occurrences: usize,
	/// The contribution of each text that contains it, ascending (a contribution with several
	/// such texts is listed once per text).
	pub contributions: Vec<u64>,
	/// The contribution of the first text (in arrival order) that contains it: the one it
	/// credits.
	pub owner: u64,
}

/// Contributed texts indexed by a suffix array.
pub struct Corpus {
	text: Vec<u8>,
	suffixes: Vec<u32>,
	/// Start offset of each text in `text`, ascending.
	starts: Vec<usize>,
	/// The contribution of each text.
	ids: Vec<u64>,
}

impl Corpus {
	/// Indexes `texts`: `(contribution, text)` pairs in arrival order (the first text holding a
	/// span owns it).
	pub fn new<'a>(texts: impl IntoIterator<Item = (u64, &'a str)>) -> Self {
		let mut text = Vec::new();
		let mut starts = Vec::new();
		let mut ids = Vec::new();
		for (id, t) in texts {
			starts.push(text.len());
			ids.push(id);
			text.extend_from_slice(t.as_bytes());
			text.push(SEPARATOR);
		}
		let suffixes = suffix_array(&text);
		Corpus { text, suffixes, starts, ids }
	}

	/// The number of texts.
	pub fn texts(&self) -> usize {
		self.ids.len()
	}

	/// The byte at offset `k` of suffix `s`, or `None` past the end (sorts first).
	fn byte(&self, s: u32, k: usize) -> Option<u8> {
		self.text.get(s as usize + k).copied()
	}

	/// Narrows the suffix range `lo..hi` (suffixes sharing their first `k` bytes) to those whose
	/// byte `k` is `c`.
	fn narrow(&self, lo: usize, hi: usize, k: usize, c: u8) -> (usize, usize) {
		let range = self.suffixes.get(lo..hi).unwrap_or(&[]);
		let first = range.partition_point(|&s| self.byte(s, k) < Some(c));
		let last = range.partition_point(|&s| self.byte(s, k) <= Some(c));
		(lo + first, lo + last)
	}

	/// The longest prefix of `pattern` that occurs in the corpus: its length and the suffix
	/// range of its occurrences.
	fn longest_match(&self, pattern: &[u8]) -> (usize, usize, usize) {
		let (mut lo, mut hi) = (0, self.suffixes.len());
		for (k, &c) in pattern.iter().enumerate() {
			let (l, h) = self.narrow(lo, hi, k, c);
			if l == h {
				return (k, lo, hi);
			}
			(lo, hi) = (l, h);
		}
		(pattern.len(), lo, hi)
	}

	/// The text (index) holding corpus offset `at`.
	fn text_of(&self, at: usize) -> usize {
		self.starts.partition_point(|&s| s <= at).saturating_sub(1)
	}

	/// The maximal spans of `output` of at least `min_len` bytes.
	pub fn spans(&self, output: &str, min_len: usize) -> Vec<Span> {
		let output = output.as_bytes();
		let mut spans = Vec::new();
		let mut previous = 0usize;
		for start in 0..output.len() {
			let (len, lo, hi) = self.longest_match(output.get(start..).unwrap_or(&[]));
			// Covered by the match one position earlier when len ≤ previous − 1.
			let maximal = start == 0 || len >= previous;
			previous = len;
			if !maximal || len < min_len.max(1) {
				continue;
			}
			let mut texts: Vec<usize> =
				self.suffixes.get(lo..hi).unwrap_or(&[]).iter().map(|&s| self.text_of(s as usize)).collect();
			texts.sort_unstable();
			texts.dedup();
			// `texts` is ascending, in arrival order: the first is the owner.
			let Some(owner) = texts.first().and_then(|&t| self.ids.get(t).copied()) else { continue };
			let mut contributions: Vec<u64> = texts.iter().filter_map(|&t| self.ids.get(t).copied()).collect();
			contributions.sort_unstable();
			spans.push(Span { start, len, occurrences: hi - lo, contributions, owner });
		}
		spans
	}

	/// The spans of `output` and the contributions' shares of it (top `top_k`).
	pub fn attribute(&self, output: &str, min_len: usize, top_k: usize) -> Result<(Vec<Span>, Vec<Share>)> {
		let spans = self.spans(output, min_len);
		let texts = self.texts().max(1) as f64;
		let mut credit: std::collections::BTreeMap<u64, f64> = Default::default();
		for span in &spans {
			let df = span.contributions.len().max(1) as f64;
			*credit.entry(span.owner).or_default() += span.len as f64 * (1.0 + texts / df).ln();
		}
		let shares = shares(credit.into_iter().collect(), top_k)?;
		Ok((spans, shares))
	}
}

/// The suffix array of `text` by prefix doubling: suffix start offsets in lexicographic order
/// (a suffix sorts before its extensions).
fn suffix_array(text: &[u8]) -> Vec<u32> {
	let n = text.len();
	let mut suffixes: Vec<u32> = (0..n as u32).collect();
	if n <= 1 {
		return suffixes;
	}
	let mut rank: Vec<u64> = text.iter().map(|&b| u64::from(b) + 1).collect();
	let mut next = vec![0u64; n];
	let mut k = 1;
	loop {
		let key = |i: u32| {
			let i = i as usize;
			(rank[i], rank.get(i + k).copied().unwrap_or(0))
		};
		suffixes.sort_unstable_by_key(|&s| key(s));
		let mut r = 1;
		for w in 0..n {
			if w > 0 && key(suffixes[w - 1]) != key(suffixes[w]) {
				r += 1;
			}
			next[suffixes[w] as usize] = r;
		}
		std::mem::swap(&mut rank, &mut next);
		if r as usize == n {
			break;
		}
		k *= 2;
	}
	suffixes
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::aggregate::Share;

	#[test]
	fn suffixes_are_sorted() {
		let text = b"banana\xffbandana\xff";
		let sa = suffix_array(text);
		for w in sa.windows(2) {
			assert!(text[w[0] as usize..] < text[w[1] as usize..]);
		}
		assert_eq!(sa.len(), text.len());
	}

	fn corpus() -> Corpus {
		Corpus::new([(1, "alpha beta gamma"), (2, "delta epsilon"), (3, "alpha beta zeta")])
	}

	#[test]
	fn finds_the_maximal_spans() {
		let spans = corpus().spans("alpha beta gamma delta eps", 6);
		assert_eq!(
			spans,
			vec![
				Span { start: 0, len: 16, occurrences: 1, contributions: vec![1], owner: 1 },
				Span { start: 17, len: 9, occurrences: 1, contributions: vec![2], owner: 2 },
			]
		);
	}

	#[test]
	fn credits_by_length_when_spans_are_equally_rare() {
		// Both spans are in one text of three: weights 16·ln 4 and 9·ln 4.
		let (_, shares) = corpus().attribute("alpha beta gamma delta eps", 6, 10).unwrap();
		assert_eq!(shares, vec![Share { contribution: 1, ppm: 640_000 }, Share { contribution: 2, ppm: 360_000 }]);
	}

	#[test]
	fn a_span_in_two_texts_belongs_to_the_first() {
		// "alpha beta " is in texts 1 and 3, nothing longer is: text 1 arrived first.
		let (spans, shares) = corpus().attribute("alpha beta xx", 6, 10).unwrap();
		assert_eq!(spans, vec![Span { start: 0, len: 11, occurrences: 2, contributions: vec![1, 3], owner: 1 }]);
		assert_eq!(shares, vec![Share { contribution: 1, ppm: 1_000_000 }]);
		// Arrival, not the id, decides: contribution 3 first.
		let reversed = Corpus::new([(3, "alpha beta zeta"), (1, "alpha beta gamma")]);
		assert_eq!(
			reversed.attribute("alpha beta xx", 6, 10).unwrap().1,
			vec![Share { contribution: 3, ppm: 1_000_000 }]
		);
	}

	#[test]
	fn copies_of_a_text_earn_nothing_however_many() {
		let original = "the quick brown fox jumps over the lazy dog";
		let other = "a completely different sentence about cats";
		let output = "the quick brown fox jumps over a completely different sentence";
		for k in [1u64, 10, 50] {
			let mut texts = vec![(1, original), (2, other)];
			texts.extend((0..k).map(|c| (100 + c, original)));
			let (_, shares) = Corpus::new(texts).attribute(output, 8, 10).unwrap();
			assert!(shares.iter().all(|s| s.contribution < 100), "{k} copies earned {shares:?}");
			// The original keeps its span's credit; the copies only make that span less rare.
			let mut ids: Vec<u64> = shares.iter().map(|s| s.contribution).collect();
			ids.sort_unstable();
			assert_eq!(ids, [1, 2], "{k} copies");
		}
	}

	#[test]
	fn rare_spans_outweigh_common_ones_of_the_same_length() {
		let corpus = Corpus::new([(1, "one shared phrase"), (2, "two shared phrase"), (3, "a rare phrasing")]);
		// " shared phrase" (14 bytes) is in two texts; "a rare phrasi" (13) in one.
		let (spans, shares) = corpus.attribute(" shared phrase|a rare phrasi", 6, 10).unwrap();
		assert_eq!(spans.len(), 2);
		assert_eq!(shares.first().map(|s| s.contribution), Some(3));
		assert_eq!(shares.iter().map(|s| s.ppm).sum::<u32>(), 1_000_000);
	}

	#[test]
	fn short_matches_and_unknown_text_credit_nobody() {
		let (spans, shares) = corpus().attribute("zzzz alp", 6, 10).unwrap();
		assert!(spans.is_empty());
		assert!(shares.is_empty());
		let (_, shares) = Corpus::new([]).attribute("anything", 1, 10).unwrap();
		assert!(shares.is_empty());
	}
}
