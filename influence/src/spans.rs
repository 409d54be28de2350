//! Span matching for text generation (Infini-gram-style): which contributed texts does a
//! generated output quote?
//!
//! The contributed texts are concatenated in arrival order, each followed by a byte that UTF-8
//! never contains (`0xFF`), so no match runs from one text into the next, and indexed by a
//! suffix array built in linear time ([`crate::sais`]). The index is built once and can be
//! written to a directory ([`Corpus::write`]) and memory-mapped from it ([`Corpus::open`]): a
//! query then reads only the pages its binary searches touch, so its cost grows with the
//! logarithm of the corpus, not with the corpus.
//!
//! For each position of the output the longest substring starting there that occurs in the
//! corpus is found by one binary search (its length is the matching statistic). A match is
//! *maximal* when the match one position earlier does not already cover it; maximal matches of
//! at least `min_len` bytes are the output's spans.
//!
//! **Credit.** Each byte of the output is explained once, by the longest span covering it (ties:
//! the earlier span). A span credits the bytes it explains, each weighing `c · ln(1 + D/df)`:
//! `D` the number of texts, `df` the number holding the span, so that a phrase the corpus is full
//! of says little about where the output came from (a text repeating a phrase counts once); and
//! `c` the span's *confidence*, rising from `1/(3·min_len + 1)` at `min_len` bytes to 1 at
//! `4·min_len` ([`FULL_SPAN`], 128 bytes, at the chain's minimum) — a match of a few dozen bytes
//! is what chance (or a common idiom) gives in a large corpus, a match of a hundred is a quote.
//! Outputs whose spans explain less than `min_len / 2` bytes at full confidence, or less than a
//! fiftieth of their bytes, have no shares. A batch's outputs add their credits before shares
//! are taken ([`Credit`]); credits become shares with [`crate::aggregate::shares`].
//!
//! **Ownership.** All of a span's credit goes to the *first* text (in arrival order) that holds
//! its core ([`TRIM`] bytes off each end) or the span less [`CONTEXT`] bytes at either end: later
//! copies of a text earn nothing, however many there are (they only make its spans less rare),
//! and a later text holding a quote with a little likely context around it does not take it
//! from the text that holds the quote. `df` is the core's. A match is looked for at most
//! [`MAX_MATCH`] bytes ahead, so a query's work is linear in its length.

use std::{
	fs,
	io::{BufWriter, Write},
	path::{Path, PathBuf},
};

use rayon::prelude::*;

use crate::{
	aggregate::{shares, Share},
	sais::{suffix_array, MAX_LEN},
	Error, Result,
};

/// The shortest span of a generated output that credits a contribution, in bytes: the figure
/// the chain's attestors use, and the command line's default.
pub const MIN_SPAN: usize = 32;

/// A span [`FULL`] times the minimum span long is not chance: each byte it explains counts in
/// full (see the module's docs).
pub const FULL: usize = 4;

/// The span whose bytes count in full at the chain's minimum span, in bytes.
pub const FULL_SPAN: usize = FULL * MIN_SPAN;

/// The separator after each text: not a byte of any UTF-8 string.
const SEPARATOR: u8 = 0xFF;

/// Suffixes per stored minimum offset (`mins.bin`, in levels: of the suffixes, then of those
/// minima, …): the first text holding a frequent span is found reading at most `2 · BLOCK`
/// values per level, not its occurrences.
const BLOCK: usize = 64;

/// At most this many of a span's occurrences are read to count and list the texts holding it.
pub const LISTED: usize = 256;

/// The longest match looked for at one position of an output, in bytes (a span's bytes count in
/// full long before): a query's work is linear in the output's length, however long the quote.
pub const MAX_MATCH: usize = 1024;

/// Bytes left off each end of a span to find who owns it (as long as `min_len` bytes are left):
/// a later text that holds the quote with a little of its likely context around it (a newline,
/// quotation marks) does not take the quote from the earlier text that holds the quote itself.
/// (Nor does one that adds a lead-in or a sign-off of up to [`CONTEXT`] bytes.)
pub const TRIM: usize = 16;

/// The longest lead-in or sign-off, in bytes, that a later text holding a quote with it cannot
/// take the quote by: the first text holding the span less this many bytes (at most a quarter of
/// it) at either end owns it too. Longer, and a text that predicted the output's context takes
/// the quote: the cut is a trade, since an earlier text holding all of a span but its last bytes
/// (an older version of a file) also takes it (precision 0.982 at 100 MB with no cut, 0.971 with
/// 32 bytes, 0.962 with 64, 0.948 with a quarter of the span).
pub const CONTEXT: usize = 32;

/// The index's files in its directory.
const TEXT_FILE: &str = "text.bin";
const SUFFIXES_FILE: &str = "suffixes.bin";
const MINS_FILE: &str = "mins.bin";
const TEXTS_FILE: &str = "texts.tsv";
/// The first line of `texts.tsv`: the format's name and version.
const HEADER: &str = "openledger-spans-index\t1";

/// One span of the output found in the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
	/// Byte offset in the output.
	pub start: usize,
	/// Length in bytes.
	pub len: usize,
	/// How many times its *core* — the span less [`TRIM`] bytes at each end, as far as it stays
	/// `min_len` long — occurs in the corpus.
	pub occurrences: usize,
	/// How many texts hold its core: exact when it occurs at most [`LISTED`] times, else
	/// estimated from [`LISTED`] of its occurrences spread over them.
	pub texts: usize,
	/// The contributions of the texts holding its core, ascending and distinct (of the sampled
	/// occurrences and the owner, when it occurs more than [`LISTED`] times).
	pub contributions: Vec<u64>,
	/// The contribution of the first text (in arrival order) that holds its core: the one it
	/// credits.
	pub owner: u64,
}

/// Bytes held in memory or mapped from a file.
enum Bytes {
	Owned(Vec<u8>),
	Mapped(memmap2::Mmap),
}

impl Bytes {
	fn bytes(&self) -> &[u8] {
		match self {
			Bytes::Owned(v) => v,
			Bytes::Mapped(m) => m,
		}
	}
}

/// Little-endian `u32`s held in memory or mapped from a file.
enum Words {
	Owned(Vec<u32>),
	Mapped(memmap2::Mmap),
}

impl Words {
	fn words(&self) -> &[u32] {
		match self {
			Words::Owned(v) => v,
			// Checked at open: a whole number of words, page-aligned.
			Words::Mapped(m) => bytemuck::try_cast_slice(m).unwrap_or(&[]),
		}
	}
}

/// A corpus being gathered, text by text in arrival order (only the concatenation is kept).
#[derive(Default)]
pub struct Builder {
	text: Vec<u8>,
	starts: Vec<usize>,
	ids: Vec<u64>,
	names: Vec<String>,
}

impl Builder {
	/// Adds contribution `id`'s UTF-8 `text`, called `name`.
	pub fn push(&mut self, id: u64, name: String, text: &[u8]) -> Result<()> {
		if text.contains(&SEPARATOR) {
			return Err(Error::invalid("corpus", format!("text {name:?} is not UTF-8")));
		}
		if self.text.len() + text.len() + 1 > MAX_LEN {
			return Err(Error::invalid("corpus", format!("more than an index holds ({MAX_LEN} bytes)")));
		}
		self.starts.push(self.text.len());
		self.ids.push(id);
		self.names.push(name);
		self.text.extend_from_slice(text);
		self.text.push(SEPARATOR);
		Ok(())
	}

	/// The corpus indexed.
	pub fn finish(self) -> Result<Corpus> {
		let Builder { text, starts, ids, names } = self;
		let suffixes = suffix_array(&text)?;
		let mins = block_minima(&suffixes);
		Ok(Corpus {
			levels: minima_levels(text.len()),
			text: Bytes::Owned(text),
			suffixes: Words::Owned(suffixes),
			mins: Words::Owned(mins),
			starts,
			ids,
			names,
		})
	}
}

/// Contributed texts indexed by a suffix array, in memory or mapped from disk.
pub struct Corpus {
	text: Bytes,
	suffixes: Words,
	/// The levels of minima ([`block_minima`]), concatenated.
	mins: Words,
	/// Where each level lies in `mins` ([`minima_levels`] of the text's length).
	levels: Vec<std::ops::Range<usize>>,
	/// Start offset of each text in `text`, ascending.
	starts: Vec<usize>,
	/// The contribution of each text.
	ids: Vec<u64>,
	/// What each text is called (its file, or its payload's hash).
	names: Vec<String>,
}

impl Corpus {
	/// Indexes `texts`: `(contribution, text)` pairs in arrival order (the first text holding a
	/// span owns it).
	pub fn new<'a>(texts: impl IntoIterator<Item = (u64, &'a str)>) -> Result<Self> {
		Self::named(texts.into_iter().map(|(id, t)| (id, String::new(), t.as_bytes())))
	}

	/// Indexes `(contribution, name, UTF-8 text)` triples in arrival order.
	pub fn named<'a>(texts: impl IntoIterator<Item = (u64, String, &'a [u8])>) -> Result<Self> {
		let mut builder = Builder::default();
		for (id, name, text) in texts {
			builder.push(id, name, text)?;
		}
		builder.finish()
	}

	/// Writes the index to `dir` (created; an index already there is replaced, any other
	/// directory that is not empty refused), through a sibling directory renamed into place, so
	/// that a reader never sees half an index.
	pub fn write(&self, dir: &Path) -> Result<()> {
		if dir.exists() {
			let header = fs::read_to_string(dir.join(TEXTS_FILE)).ok();
			let is_index = header.as_deref().and_then(|t| t.lines().next()) == Some(HEADER);
			let empty = fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
			if !is_index && !empty {
				return Err(Error::invalid(
					"index directory",
					format!("{} exists and is not an index: not replaced", dir.display()),
				));
			}
		}
		// One name per writer, among the threads of a process too.
		static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
		let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
		let partial = sibling(dir, &format!("partial-{}-{n}", std::process::id()));
		let io = |path: &Path| {
			let path = path.to_path_buf();
			move |source| Error::Io { path, source }
		};
		let _ = fs::remove_dir_all(&partial);
		fs::create_dir_all(&partial).map_err(io(&partial))?;
		let write = |name: &str, body: &dyn Fn(&mut BufWriter<fs::File>) -> std::io::Result<()>| -> Result<()> {
			let path = partial.join(name);
			let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(&path).map_err(io(&path))?);
			body(&mut out).and_then(|()| out.flush()).map_err(io(&path))?;
			out.get_ref().sync_all().map_err(io(&path))
		};
		let written = (|| {
			write(TEXT_FILE, &|out| out.write_all(self.text.bytes()))?;
			write(SUFFIXES_FILE, &|out| write_words(out, self.suffixes.words()))?;
			write(MINS_FILE, &|out| write_words(out, self.mins.words()))?;
			write(TEXTS_FILE, &|out| {
				writeln!(out, "{HEADER}")?;
				for ((start, id), name) in self.starts.iter().zip(&self.ids).zip(&self.names) {
					writeln!(out, "{start}\t{id}\t{}", name.replace(['\t', '\n', '\r'], " "))?;
				}
				Ok(())
			})?;
			if dir.exists() {
				fs::remove_dir_all(dir).map_err(io(dir))?;
			}
			fs::rename(&partial, dir).map_err(io(dir))
		})();
		// Nothing half-written is left behind.
		written.inspect_err(|_| {
			let _ = fs::remove_dir_all(&partial);
		})
	}

	/// Maps the index written to `dir`; its files are checked against one another, not read.
	pub fn open(dir: &Path) -> Result<Self> {
		if cfg!(target_endian = "big") {
			return Err(Error::invalid("index", "the index's files are little-endian"));
		}
		let bad =
			|file: &str, message: String| Error::invalid("index", format!("{}: {message}", dir.join(file).display()));
		let listing = dir.join(TEXTS_FILE);
		let listing = fs::read_to_string(&listing).map_err(|source| Error::Io { path: listing, source })?;
		let mut lines = listing.lines();
		if lines.next() != Some(HEADER) {
			return Err(bad(TEXTS_FILE, format!("not an index (the first line is not {HEADER:?})")));
		}
		let (mut starts, mut ids, mut names) = (Vec::new(), Vec::new(), Vec::new());
		for (k, line) in lines.enumerate() {
			let mut fields = line.splitn(3, '\t');
			let mut number = || fields.next().and_then(|f| f.parse::<u64>().ok());
			let (Some(start), Some(id)) = (number(), number()) else {
				return Err(bad(TEXTS_FILE, format!("line {} is not `start<TAB>contribution<TAB>name`", k + 2)));
			};
			starts.push(start as usize);
			ids.push(id);
			names.push(fields.next().unwrap_or_default().to_string());
		}
		let text = map(&dir.join(TEXT_FILE))?;
		let suffixes = map(&dir.join(SUFFIXES_FILE))?;
		let mins = map(&dir.join(MINS_FILE))?;
		let n = text.len();
		if suffixes.len() != 4 * n || bytemuck::try_cast_slice::<u8, u32>(&suffixes).is_err() {
			return Err(bad(SUFFIXES_FILE, format!("{} bytes for a text of {n}", suffixes.len())));
		}
		let levels = minima_levels(n);
		let stored = levels.last().map_or(0, |r| r.end);
		if mins.len() != 4 * stored || bytemuck::try_cast_slice::<u8, u32>(&mins).is_err() {
			return Err(bad(MINS_FILE, format!("{} bytes for a text of {n}", mins.len())));
		}
		let ordered = starts.windows(2).all(|w| w[0] < w[1]) && starts.last().is_none_or(|&s| s < n);
		if !ordered || starts.first().is_some_and(|&s| s != 0) || (starts.is_empty() && n > 0) {
			return Err(bad(TEXTS_FILE, "the texts' offsets do not cover the text".into()));
		}
		Ok(Corpus {
			text: Bytes::Mapped(text),
			suffixes: Words::Mapped(suffixes),
			mins: Words::Mapped(mins),
			levels,
			starts,
			ids,
			names,
		})
	}

	/// The number of texts.
	pub fn texts(&self) -> usize {
		self.ids.len()
	}

	/// The size of the indexed text, separators included, in bytes.
	pub fn len(&self) -> usize {
		self.text.bytes().len()
	}

	/// Whether no text is indexed.
	pub fn is_empty(&self) -> bool {
		self.ids.is_empty()
	}

	/// The name given to contribution `id`'s first text, if it has one.
	pub fn name(&self, id: u64) -> Option<&str> {
		let k = self.ids.iter().position(|&i| i == id)?;
		self.names.get(k).map(String::as_str).filter(|n| !n.is_empty())
	}

	/// The length of the common prefix of `pattern` and suffix `s`, knowing the first `from`
	/// bytes agree.
	fn common(&self, pattern: &[u8], s: u32, from: usize) -> usize {
		let suffix = self.text.bytes().get(s as usize..).unwrap_or(&[]);
		let (a, b) = (pattern.get(from..).unwrap_or(&[]), suffix.get(from..).unwrap_or(&[]));
		from + a.iter().zip(b).take_while(|(x, y)| x == y).count()
	}

	/// Binary search for `pattern`: the first suffix not below it (with `prefix`, the first not
	/// below it and not starting with it). Returns that place and the common prefix of `pattern`
	/// with the suffixes on either side of it, the longer of which is the longest prefix of
	/// `pattern` in the corpus.
	fn search(&self, pattern: &[u8], prefix: bool) -> (usize, usize) {
		let suffixes = self.suffixes.words();
		let text = self.text.bytes();
		let (mut lo, mut hi) = (0, suffixes.len());
		// Common prefixes of `pattern` with the suffixes just below `lo` and at `hi`.
		let (mut below, mut above) = (0, 0);
		while lo < hi {
			let mid = lo + (hi - lo) / 2;
			let s = suffixes.get(mid).copied().unwrap_or_default();
			let k = self.common(pattern, s, below.min(above));
			// The suffix starts with the whole pattern, or differs from it at byte `k`.
			let go_right = match (pattern.get(k), text.get((s as usize).saturating_add(k))) {
				(None, _) => prefix,
				(Some(_), None) => true,
				(Some(p), Some(t)) => p > t,
			};
			if go_right {
				lo = mid + 1;
				below = k;
			} else {
				hi = mid;
				above = k;
			}
		}
		(lo, below.max(above))
	}

	/// The longest prefix of `pattern` that occurs in the corpus, in bytes.
	fn longest_match(&self, pattern: &[u8]) -> usize {
		self.search(pattern, false).1
	}

	/// The suffixes starting with `pattern`.
	fn occurrences(&self, pattern: &[u8]) -> std::ops::Range<usize> {
		self.search(pattern, false).0..self.search(pattern, true).0
	}

	/// The smallest offset among suffixes `range`: where the first text holding them is. At most
	/// `2 · BLOCK` values are read per level of minima, however many suffixes `range` holds.
	fn first_offset(&self, range: std::ops::Range<usize>) -> usize {
		self.least(0, range).unwrap_or_default() as usize
	}

	/// The smallest value in `range` of level `level` (0: the suffixes; then the minima of each
	/// [`BLOCK`] of the level below).
	fn least(&self, level: usize, range: std::ops::Range<usize>) -> Option<u32> {
		let values = match level {
			0 => self.suffixes.words(),
			_ => self.levels.get(level - 1).and_then(|r| self.mins.words().get(r.clone())).unwrap_or(&[]),
		};
		let scan = |r: std::ops::Range<usize>| values.get(r).unwrap_or(&[]).iter().copied().min();
		let (first_block, last_block) = (range.start.div_ceil(BLOCK), range.end / BLOCK);
		if range.len() <= 2 * BLOCK || first_block >= last_block || level >= self.levels.len() {
			return scan(range);
		}
		[
			scan(range.start..first_block * BLOCK),
			self.least(level + 1, first_block..last_block),
			scan(last_block * BLOCK..range.end),
		]
		.into_iter()
		.flatten()
		.min()
	}

	/// The text (index) holding corpus offset `at`.
	fn text_of(&self, at: usize) -> usize {
		self.starts.partition_point(|&s| s <= at).saturating_sub(1)
	}

	/// The maximal spans of `output` of at least `min_len` bytes.
	pub fn spans(&self, output: &str, min_len: usize) -> Vec<Span> {
		let output = output.as_bytes();
		// The matching statistics, one binary search each (the positions are independent), each
		// looking at most MAX_MATCH bytes ahead: a query's work is linear in its length.
		let lengths: Vec<usize> = (0..output.len())
			.into_par_iter()
			.with_min_len(64)
			.map(|start| self.longest_match(output.get(start..output.len().min(start + MAX_MATCH)).unwrap_or(&[])))
			.collect();
		let mut maximal = Vec::new();
		let (mut previous, mut run) = (0usize, 0usize);
		for (start, &len) in lengths.iter().chain([&0]).enumerate() {
			if len == MAX_MATCH && previous == MAX_MATCH {
				// Inside a quote longer than MAX_MATCH: a span every MAX_MATCH bytes...
				run += 1;
				if run % MAX_MATCH == 0 {
					maximal.push((start, len));
				}
				previous = len;
				continue;
			}
			if previous == MAX_MATCH && run % MAX_MATCH != 0 {
				// ... and one at its last window.
				maximal.push((start - 1, MAX_MATCH));
			}
			run = 0;
			// Not covered by the match one position earlier (that is, len ≤ previous − 1).
			if start < lengths.len() && (start == 0 || len >= previous) && len >= min_len.max(1) {
				maximal.push((start, len));
			}
			previous = len;
		}
		maximal.into_par_iter().map(|(start, len)| self.span(output, start, len, min_len)).collect()
	}

	/// The span of `len` bytes at `start` of `output`: its owner and rarity are its core's.
	fn span(&self, output: &[u8], start: usize, len: usize, min_len: usize) -> Span {
		let part = |from: usize, to: usize| self.occurrences(output.get(start + from..start + to).unwrap_or(&[]));
		let first = |range: std::ops::Range<usize>| self.text_of(self.first_offset(range));
		let trim = TRIM.min(len.saturating_sub(min_len) / 2);
		let core = part(trim, len - trim);
		// The first text holding the core, or the span less CONTEXT bytes at either end: a later
		// text cannot take a quote by holding it with a lead-in or a sign-off.
		let cut = CONTEXT.min(len / 4);
		let owner = first(core.clone()).min(first(part(0, len - cut))).min(first(part(cut, len)));
		// The texts of (up to LISTED of) the core's occurrences, spread over them.
		let suffixes = self.suffixes.words();
		let sample: Vec<u32> = if core.len() <= LISTED {
			suffixes.get(core.clone()).unwrap_or(&[]).to_vec()
		} else {
			(0..LISTED).filter_map(|k| suffixes.get(core.start + k * core.len() / LISTED).copied()).collect()
		};
		let mut sampled: Vec<usize> = sample.iter().map(|&s| self.text_of(s as usize)).collect();
		sampled.sort_unstable();
		// Texts seen once in the sample, for the estimate of those not seen (Good–Turing): a
		// text repeating the span hundreds of times is seen many times, and counts once.
		let once = sampled.chunk_by(|a, b| a == b).filter(|run| run.len() == 1).count();
		let unseen = core.len().saturating_sub(sampled.len()) * once / sampled.len().max(1);
		let mut texts = sampled;
		texts.push(owner);
		texts.sort_unstable();
		texts.dedup();
		let holding = texts.len() + unseen;
		let mut contributions: Vec<u64> = texts.iter().filter_map(|&t| self.ids.get(t).copied()).collect();
		contributions.sort_unstable();
		contributions.dedup();
		let owner = self.ids.get(owner).copied().unwrap_or_default();
		Span { start, len, occurrences: core.len(), texts: holding, contributions, owner }
	}

	/// The spans of `output` and the contributions' shares of it (top `top_k`; see
	/// [`Credit::shares`]).
	pub fn attribute(&self, output: &str, min_len: usize, top_k: usize) -> Result<(Vec<Span>, Vec<Share>)> {
		let spans = self.spans(output, min_len);
		let credit = credit(&spans, output.len(), self.texts(), min_len);
		Ok((spans, credit.shares(min_len, top_k)?))
	}

	/// What `output` credits each contribution: for one output of a batch, to be added to the
	/// others' before the batch's shares are taken.
	pub fn credit(&self, output: &str, min_len: usize) -> Credit {
		credit(&self.spans(output, min_len), output.len(), self.texts(), min_len)
	}
}

/// What outputs credit each contribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Credit {
	/// Each contribution's credit.
	pub credit: std::collections::BTreeMap<u64, f64>,
	/// The output bytes explained, each counted at its confidence.
	pub confident: f64,
	/// The outputs' bytes.
	pub bytes: usize,
}

impl Credit {
	/// Adds `other`'s outputs to these.
	pub fn add(&mut self, other: Credit) {
		for (contribution, credit) in other.credit {
			*self.credit.entry(contribution).or_default() += credit;
		}
		self.confident += other.confident;
		self.bytes += other.bytes;
	}

	/// The contributions' shares (top `top_k`). Outputs that quote less than `min_len / 2` bytes
	/// at full confidence, or less than one byte in [`CONFIDENT_PART`], quote nothing with
	/// confidence: they have no shares (the chain then pays the lineage as a whole, not the first
	/// holder of the idioms they happen to contain).
	pub fn shares(self, min_len: usize, top_k: usize) -> Result<Vec<Share>> {
		let needed = (min_len as f64 / 2.0).max(self.bytes as f64 / CONFIDENT_PART as f64);
		if self.confident < needed {
			return Ok(Vec::new());
		}
		shares(self.credit.into_iter().collect(), top_k)
	}
}

/// Outputs must quote at least one byte in this many, at full confidence, to have shares.
pub const CONFIDENT_PART: usize = 50;

/// Each contribution's credit for `spans` of an output of `len` bytes over a corpus of `texts`
/// texts (see the module's docs).
fn credit(spans: &[Span], len: usize, texts: usize, min_len: usize) -> Credit {
	let mut order: Vec<&Span> = spans.iter().collect();
	order.sort_by_key(|s| (std::cmp::Reverse(s.len), s.start));
	let mut explained = vec![false; len];
	let mut credit = std::collections::BTreeMap::<u64, f64>::new();
	let texts = texts.max(1) as f64;
	let mut confident = 0.0;
	for span in order {
		let bytes = explained.get_mut(span.start..span.start + span.len).unwrap_or(&mut []);
		let new = bytes.iter().filter(|&&e| !e).count();
		bytes.fill(true);
		if new > 0 {
			let rarity = (1.0 + texts / span.texts.max(1) as f64).ln();
			let counted = new as f64 * confidence(span.len, min_len);
			confident += counted;
			*credit.entry(span.owner).or_default() += counted * rarity;
		}
	}
	Credit { credit, confident, bytes: len }
}

/// How much a byte of a span of `len` bytes counts: a span of `min_len` bytes is about what
/// chance gives in a large corpus and counts little; from [`FULL`] times `min_len` bytes on
/// ([`FULL_SPAN`] for the chain's minimum), a byte counts in full; in between, in proportion.
fn confidence(len: usize, min_len: usize) -> f64 {
	let ramp = (FULL * min_len).saturating_sub(min_len).max(1) + 1;
	((len + 1).saturating_sub(min_len) as f64 / ramp as f64).min(1.0)
}

/// The levels of minima over `suffixes`, concatenated: the minimum of each [`BLOCK`] of the
/// suffixes, then of each block of those, until a level fits in one block.
fn block_minima(suffixes: &[u32]) -> Vec<u32> {
	let minima = |values: &[u32]| -> Vec<u32> {
		values.chunks(BLOCK).map(|b| b.iter().copied().min().unwrap_or_default()).collect()
	};
	let mut all: Vec<u32> = Vec::new();
	// The level below, in `all`; none: the suffixes.
	let mut below: Option<std::ops::Range<usize>> = None;
	for level in minima_levels(suffixes.len()) {
		let values = match &below {
			None => minima(suffixes),
			Some(r) => minima(all.get(r.clone()).unwrap_or(&[])),
		};
		all.extend(values);
		below = Some(level);
	}
	all
}

/// Where each level of minima lies in `mins.bin`, for `n` suffixes.
fn minima_levels(n: usize) -> Vec<std::ops::Range<usize>> {
	let (mut levels, mut len, mut at) = (Vec::new(), n, 0);
	while len > BLOCK {
		len = len.div_ceil(BLOCK);
		levels.push(at..at + len);
		at += len;
	}
	levels
}

/// Writes `values` little-endian.
fn write_words(out: &mut impl Write, values: &[u32]) -> std::io::Result<()> {
	if cfg!(target_endian = "little") {
		out.write_all(bytemuck::cast_slice(values))
	} else {
		values.iter().try_for_each(|v| out.write_all(&v.to_le_bytes()))
	}
}

/// Maps `path` read-only.
fn map(path: &Path) -> Result<memmap2::Mmap> {
	let io = |source| Error::Io { path: path.to_path_buf(), source };
	let file = fs::File::open(path).map_err(io)?;
	// SAFETY: the index's files are written once, renamed into place, and never modified: a
	// mapping of them does not change under the reader. (Another process truncating them would
	// break that; the index's directory is this program's own.)
	let mapped = unsafe { memmap2::MmapOptions::new().map(&file) }.map_err(io)?;
	// Binary searches jump: reading ahead would fetch pages no search needs.
	#[cfg(unix)]
	let _ = mapped.advise(memmap2::Advice::Random);
	Ok(mapped)
}

/// `dir` with `.suffix` appended to its last component.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
	let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
	name.push(format!(".{suffix}"));
	dir.with_file_name(name)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{aggregate::Share, rng::Rng};

	fn corpus() -> Corpus {
		Corpus::new([(1, "alpha beta gamma"), (2, "delta epsilon"), (3, "alpha beta zeta")]).unwrap()
	}

	#[test]
	fn finds_the_maximal_spans() {
		let spans = corpus().spans("alpha beta gamma delta eps", 6);
		assert_eq!(
			spans,
			vec![
				// Its core "a beta" (five bytes off each end) is in text 3 too.
				Span { start: 0, len: 16, occurrences: 2, texts: 2, contributions: vec![1, 3], owner: 1 },
				Span { start: 17, len: 9, occurrences: 1, texts: 1, contributions: vec![2], owner: 2 },
			]
		);
	}

	#[test]
	fn credits_a_span_by_its_bytes_and_its_confidence() {
		// Their bytes count 11/19 and 4/19; the first's core is in two texts of three, the
		// second's in one: credits 16·11·ln(5/2) and 9·4·ln 4.
		let (_, shares) = corpus().attribute("alpha beta gamma delta eps", 6, 10).unwrap();
		assert_eq!(shares, vec![Share { contribution: 1, ppm: 763_670 }, Share { contribution: 2, ppm: 236_330 }]);
		// A span of FULL_SPAN bytes counts in full, a longer one no more per byte.
		assert_eq!(confidence(FULL_SPAN, MIN_SPAN), 1.0);
		assert_eq!(confidence(3 * FULL_SPAN, MIN_SPAN), 1.0);
		assert!(confidence(MIN_SPAN, MIN_SPAN) < 0.02);
	}

	#[test]
	fn a_span_in_two_texts_belongs_to_the_first() {
		// "alpha beta " is in texts 1 and 3, nothing longer is: text 1 arrived first.
		let (spans, shares) = corpus().attribute("alpha beta xx", 6, 10).unwrap();
		assert_eq!(
			spans,
			vec![Span { start: 0, len: 11, occurrences: 2, texts: 2, contributions: vec![1, 3], owner: 1 }]
		);
		assert_eq!(shares, vec![Share { contribution: 1, ppm: 1_000_000 }]);
		// Arrival, not the id, decides: contribution 3 first.
		let reversed = Corpus::new([(3, "alpha beta zeta"), (1, "alpha beta gamma")]).unwrap();
		assert_eq!(
			reversed.attribute("alpha beta xx", 6, 10).unwrap().1,
			vec![Share { contribution: 3, ppm: 1_000_000 }]
		);
	}

	#[test]
	fn the_first_holder_owns_a_span_however_many_occurrences_it_has() {
		// Enough copies that the owner is found through the stored block minima.
		let phrase = "a phrase everyone repeats";
		let mut texts = vec![(7u64, format!("first {phrase} here"))];
		texts.extend((0..5 * BLOCK as u64).map(|c| (100 + c, format!("{c} {phrase} {c}"))));
		let corpus = Corpus::new(texts.iter().map(|(id, t)| (*id, t.as_str()))).unwrap();
		// Reversed order: the copies first, the text of contribution 7 last.
		let late = Corpus::new(texts.iter().rev().map(|(id, t)| (*id, t.as_str()))).unwrap();
		let spans = corpus.spans(&format!("x{phrase}y"), 8);
		assert_eq!(spans.len(), 1);
		assert_eq!(spans[0].owner, 7);
		assert_eq!(spans[0].occurrences, 1 + 5 * BLOCK);
		assert!(spans[0].contributions.len() <= LISTED + 1 && spans[0].contributions.contains(&7));
		assert_eq!(late.spans(&format!("x{phrase}y"), 8)[0].owner, 100 + 5 * BLOCK as u64 - 1);
	}

	#[test]
	fn copies_of_a_text_earn_nothing_however_many() {
		let original = "the quick brown fox jumps over the lazy dog";
		let other = "a completely different sentence about cats";
		let output = "the quick brown fox jumps over a completely different sentence";
		for k in [1u64, 10, 50] {
			let mut texts = vec![(1, original), (2, other)];
			texts.extend((0..k).map(|c| (100 + c, original)));
			let (_, shares) = Corpus::new(texts).unwrap().attribute(output, 8, 10).unwrap();
			assert!(shares.iter().all(|s| s.contribution < 100), "{k} copies earned {shares:?}");
			// The original keeps its span's credit; the copies only make that span less rare.
			let mut ids: Vec<u64> = shares.iter().map(|s| s.contribution).collect();
			ids.sort_unstable();
			assert_eq!(ids, [1, 2], "{k} copies");
		}
	}

	#[test]
	fn rare_spans_outweigh_common_ones_of_the_same_length() {
		let corpus = Corpus::new([(1, "one shared phrase"), (2, "two shared phrase"), (3, "a rare phrasing")]).unwrap();
		// " shared phrase" (14 bytes) is in two texts; "a rare phrasi" (13) in one.
		let (spans, shares) = corpus.attribute(" shared phrase|a rare phrasi", 6, 10).unwrap();
		assert_eq!(spans.len(), 2);
		assert_eq!(shares.first().map(|s| s.contribution), Some(3));
		assert_eq!(shares.iter().map(|s| s.ppm).sum::<u32>(), 1_000_000);
	}

	#[test]
	fn a_byte_is_explained_once() {
		// The output quotes text 1 whole; a span starting inside it runs on into text 2's words.
		// The overlap is text 1's: text 2 is credited only for the bytes past the quote.
		let corpus = Corpus::new([(1, "0123456789abcdefghij"), (2, "efghijKLMNOP")]).unwrap();
		let (spans, shares) = corpus.attribute("0123456789abcdefghijKLMN", 4, 10).unwrap();
		assert_eq!(spans.len(), 2);
		// Text 1: 20 bytes in full (from 16 bytes on); text 2: 4 new bytes at 7/13 — both in one
		// text.
		assert_eq!(shares, vec![Share { contribution: 1, ppm: 902_778 }, Share { contribution: 2, ppm: 97_222 }]);
	}

	#[test]
	fn short_matches_and_unknown_text_credit_nobody() {
		let (spans, shares) = corpus().attribute("zzzz alp", 6, 10).unwrap();
		assert!(spans.is_empty());
		assert!(shares.is_empty());
		let (_, shares) = Corpus::new([]).unwrap().attribute("anything", 1, 10).unwrap();
		assert!(shares.is_empty());
	}

	#[test]
	fn a_near_copy_wrapping_a_quote_in_likely_context_does_not_take_it() {
		let quote = "the harbour master rings the bell twice before the ferry leaves the slip";
		let original = format!("notes: {quote}; more notes");
		// Later: the quote wrapped in the context an output is likely to give it.
		let wrapper = format!("\n{quote}\n {quote}. \"{quote}\" ({quote})");
		let corpus = Corpus::new([(1, original.as_str()), (2, wrapper.as_str())]).unwrap();
		for output in [format!("a\n{quote}\nb"), format!("he said \"{quote}\" and"), format!("x {quote}. y")] {
			let (spans, shares) = corpus.attribute(&output, MIN_SPAN, 10).unwrap();
			assert_eq!(shares, vec![Share { contribution: 1, ppm: 1_000_000 }], "{output:?}: {spans:?}");
		}
	}

	#[test]
	fn a_later_text_holding_a_quote_and_its_likely_sign_off_does_not_take_it() {
		let quote = "Remember that the harbour gates close at dusk in winter and at nine in summer, and that boats \
		             moored past the gates pay the night fee to the harbour master in the morning.";
		let original = format!("From the almanac: {quote} More to follow.");
		// Lead-ins and sign-offs of up to CONTEXT bytes, on either side.
		for (lead, sign_off) in [("", " Let me know if this helps you!"), ("Sure, here it is:\n", "")] {
			assert!(lead.len() <= CONTEXT && sign_off.len() <= CONTEXT);
			let later = format!("{lead}{quote}{sign_off}");
			let corpus = Corpus::new([(1, original.as_str()), (2, later.as_str())]).unwrap();
			let (spans, shares) = corpus.attribute(&format!("OK. {lead}{quote}{sign_off}"), MIN_SPAN, 10).unwrap();
			assert_eq!(shares, vec![Share { contribution: 1, ppm: 1_000_000 }], "{spans:?}");
		}
	}

	#[test]
	fn the_first_offset_of_any_range_is_its_least_suffix() {
		let mut rng = Rng::new(9);
		// Enough suffixes for three levels of minima.
		let text: String = (0..300_000).map(|_| (b'a' + rng.below(3) as u8) as char).collect();
		let corpus = Corpus::new([(1, text.as_str())]).unwrap();
		assert_eq!(corpus.levels.len(), 3);
		let suffixes = corpus.suffixes.words();
		for _ in 0..300 {
			let (a, b) = (rng.below(suffixes.len()), rng.below(suffixes.len()));
			let range = a.min(b)..a.max(b) + 1;
			let least = suffixes[range.clone()].iter().copied().min().unwrap() as usize;
			assert_eq!(corpus.first_offset(range), least);
		}
	}

	#[test]
	fn a_batch_of_outputs_that_quote_little_has_no_shares() {
		let quote = "the ferry to Gull Island waits for the mail van whatever the timetable says, and the galley \
		             serves kedgeree on Thursdays";
		let corpus = Corpus::new([(1, quote), (2, "nothing much here, just some filler text of its own")]).unwrap();
		let credit = |output: &str| corpus.credit(output, MIN_SPAN);
		// One output quoting it: shares.
		assert_eq!(credit(&format!("so: {quote}.")).shares(MIN_SPAN, 10).unwrap().len(), 1);
		// The same output among many original ones: under one quoted byte in fifty, none.
		let mut batch = credit(&format!("so: {quote}."));
		for k in 0..100 {
			batch.add(credit(&format!(
				"an original answer number {k}, written for this question alone and long enough to count"
			)));
		}
		assert!(batch.shares(MIN_SPAN, 10).unwrap().is_empty());
	}

	#[test]
	fn a_text_repeating_a_phrase_counts_once_for_its_rarity() {
		let phrase = "a phrase that a rival repeats over and over again";
		let repeated = format!("{phrase} ").repeat(LISTED * 2);
		let once = Corpus::new([(1, phrase), (2, "x"), (3, "y")]).unwrap();
		let flooded = Corpus::new([(1, phrase), (2, repeated.as_str()), (3, "y")]).unwrap();
		let copied = Corpus::new([(1, phrase), (2, phrase), (3, "y")]).unwrap();
		let output = format!("<{phrase}>");
		let texts = |c: &Corpus| c.spans(&output, MIN_SPAN).iter().map(|s| (s.owner, s.texts)).collect::<Vec<_>>();
		assert_eq!(texts(&once), [(1, 1)]);
		// Hundreds of occurrences in one rival text weigh as one copy (estimated: a few).
		assert_eq!(texts(&copied), [(1, 2)]);
		let [(owner, holding)] = texts(&flooded)[..] else { panic!("one span") };
		assert_eq!(owner, 1);
		assert!(holding <= 4, "{holding} texts estimated");
	}

	#[test]
	fn a_quote_longer_than_the_longest_match_is_credited_whole_in_few_spans() {
		let mut rng = Rng::new(5);
		let long: String = (0..5_000).map(|_| (b'a' + rng.below(26) as u8) as char).collect();
		let corpus = Corpus::new([(1, long.as_str()), (2, "something else entirely, at some length")]).unwrap();
		let output = format!("begin {long} end");
		let spans = corpus.spans(&output, MIN_SPAN);
		assert!(spans.len() <= 5_000 / MAX_MATCH + 2, "{} spans", spans.len());
		assert!(spans.iter().all(|s| s.owner == 1 && s.len <= MAX_MATCH));
		// Every byte of the quote is explained.
		let mut explained = vec![false; output.len()];
		for s in &spans {
			explained[s.start..s.start + s.len].fill(true);
		}
		assert!(explained[6..6 + 5_000].iter().all(|&e| e));
	}

	#[test]
	fn a_text_that_is_not_utf8_is_refused() {
		assert!(Corpus::named([(1, "bad".to_string(), &b"a\xffb"[..])]).is_err());
	}

	/// The matching statistic by scanning every text.
	fn naive_longest(texts: &[String], pattern: &[u8]) -> usize {
		let mut best = 0;
		for t in texts {
			let t = t.as_bytes();
			for s in 0..t.len() {
				let k = pattern.iter().zip(&t[s..]).take_while(|(a, b)| a == b).count();
				best = best.max(k);
			}
		}
		best
	}

	#[test]
	fn the_index_on_disk_answers_exactly_as_in_memory() {
		let mut rng = Rng::new(3);
		let words = ["the ", "cat ", "sat ", "on ", "mat ", "a ", "dog ", "ran\n", "é ", "fn main() {} "];
		let mut texts: Vec<String> =
			(0..40).map(|_| (0..rng.below(60)).map(|_| words[rng.below(words.len())]).collect()).collect();
		texts.push(String::new());
		let memory =
			Corpus::named(texts.iter().enumerate().map(|(i, t)| (i as u64 * 3, format!("t{i}"), t.as_bytes())))
				.unwrap();
		let dir = std::env::temp_dir().join(format!("spans-index-test-{}", std::process::id()));
		memory.write(&dir).unwrap();
		let disk = Corpus::open(&dir).unwrap();
		assert_eq!((disk.texts(), disk.len(), disk.name(3)), (memory.texts(), memory.len(), Some("t1")));
		for q in 0..30 {
			let output: String = (0..rng.below(40)).map(|_| words[rng.below(words.len())]).collect();
			let from_disk = disk.attribute(&output, 6, 10).unwrap();
			assert_eq!(from_disk, memory.attribute(&output, 6, 10).unwrap(), "query {q}");
			for start in 0..output.len() {
				let pattern = &output.as_bytes()[start..];
				assert_eq!(disk.longest_match(pattern), naive_longest(&texts, pattern));
			}
		}
		// Written again over itself: replaced, not merged.
		Corpus::new([(9, "other")]).unwrap().write(&dir).unwrap();
		assert_eq!(Corpus::open(&dir).unwrap().texts(), 1);
		std::fs::remove_dir_all(&dir).unwrap();
	}

	#[test]
	fn a_damaged_index_is_refused_with_its_file_named() {
		let dir = std::env::temp_dir().join(format!("spans-damaged-test-{}", std::process::id()));
		corpus().write(&dir).unwrap();
		std::fs::write(dir.join(SUFFIXES_FILE), [0u8; 8]).unwrap();
		let error = Corpus::open(&dir).err().expect("refused").to_string();
		assert!(error.contains(SUFFIXES_FILE), "{error}");
		std::fs::write(dir.join(TEXTS_FILE), "something else").unwrap();
		assert!(Corpus::open(&dir).err().expect("refused").to_string().contains("not an index"));
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
