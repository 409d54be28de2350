//! The engine's inner loops, written for the CPU: dot products, the per-row scores `δᵢᵀ V aᵢ`
//! and the product with the symmetric inverse that every query runs, and the weighted Gram
//! matrix that assembles the curvature at the cold start. On x86-64 with AVX2 and FMA
//! (detected at run time; the binary itself targets the baseline CPU) they run with 256-bit
//! fused multiply-adds; elsewhere, the same code compiled for the baseline. Work is split over
//! the cores (rayon's pool, which candle uses too).
//!
//! The layouts are chosen so that the innermost loops keep their accumulators in registers and
//! read memory front to back: the score kernel reads eight rows per pair of vector loads from
//! the [`Blocked`] layout (no padding of the units), the inverse is held by its upper triangle
//! ([`Symmetric`], half the bytes a query reads), and the Gram kernel packs its weights by
//! groups and its products by blocks of columns.

use rayon::prelude::*;

use crate::matrix::MatRef;

/// Rows below which splitting over threads costs more than it saves.
const MIN_ROWS_PER_THREAD: usize = 1024;

#[inline(always)]
fn dot_body(a: &[f64], b: &[f64]) -> f64 {
	let n = a.len().min(b.len());
	let (a, b) = (&a[..n], &b[..n]);
	let mut acc = [0.0f64; 8];
	let mut chunks_a = a.chunks_exact(8);
	let mut chunks_b = b.chunks_exact(8);
	for (x, y) in (&mut chunks_a).zip(&mut chunks_b) {
		for k in 0..8 {
			acc[k] = x[k].mul_add(y[k], acc[k]);
		}
	}
	let mut sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
	for (x, y) in chunks_a.remainder().iter().zip(chunks_b.remainder()) {
		sum = x.mul_add(*y, sum);
	}
	sum
}

/// For row `i` of a symmetric matrix held by its upper triangle (`row` = columns `i..n`, `v`
/// and `y` the tails of the vector and the product from `i`): adds `row[k] · v[i]` to `y[k]`
/// for `k > 0` and returns `Σ_k row[k] · v[k]`, each stored element read once for both.
#[inline(always)]
fn symmetric_row_body(row: &[f64], v: &[f64], y: &mut [f64]) -> f64 {
	let n = row.len().min(v.len()).min(y.len());
	let (Some(&first), Some(&vi)) = (row.first(), v.first()) else { return 0.0 };
	let (row, v, y) = (&row[1..n], &v[1..n], &mut y[1..n]);
	let mut acc = [0.0f64; 8];
	let mut rows = row.chunks_exact(8);
	let mut vs = v.chunks_exact(8);
	let mut ys = y.chunks_exact_mut(8);
	for ((r, x), out) in (&mut rows).zip(&mut vs).zip(&mut ys) {
		for k in 0..8 {
			acc[k] = r[k].mul_add(x[k], acc[k]);
			out[k] = r[k].mul_add(vi, out[k]);
		}
	}
	let mut sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
	for ((r, x), out) in rows.remainder().iter().zip(vs.remainder()).zip(ys.into_remainder()) {
		sum = r.mul_add(*x, sum);
		*out = r.mul_add(vi, *out);
	}
	first.mul_add(vi, sum)
}

/// `[Σ a₀[k]·v[k], …, Σ a₃[k]·v[k]]` over `v`'s length (each `a` at least as long): four dot
/// products sharing the loads of `v`.
#[inline(always)]
fn dot4_body(a: [&[f64]; 4], v: &[f64]) -> [f64; 4] {
	let n = a.iter().fold(v.len(), |n, a| n.min(a.len()));
	let (a, v) = (a.map(|a| &a[..n]), &v[..n]);
	let mut acc = [[0.0f64; 4]; 4];
	let (vs, v_tail) = v.as_chunks::<4>();
	let heads = a.map(|a| a.as_chunks::<4>().0);
	let rows = heads[0].iter().zip(heads[1]).zip(heads[2]).zip(heads[3]);
	for (x, (((y0, y1), y2), y3)) in vs.iter().zip(rows) {
		for (t, y) in [y0, y1, y2, y3].into_iter().enumerate() {
			for lane in 0..4 {
				acc[t][lane] = y[lane].mul_add(x[lane], acc[t][lane]);
			}
		}
	}
	let done = vs.len() * 4;
	let mut out = [0.0; 4];
	for t in 0..4 {
		let mut sum = (acc[t][0] + acc[t][2]) + (acc[t][1] + acc[t][3]);
		for (x, y) in v_tail.iter().zip(&a[t][done..]) {
			sum = x.mul_add(*y, sum);
		}
		out[t] = sum;
	}
	out
}

/// Rows per block of the [`Blocked`] layout: two 256-bit vectors of `f64`.
pub const ROWS: usize = 8;

/// Units of `V` one pass of the score kernel keeps in registers: `2 · GROUP` vector
/// accumulators, two vectors of inputs and a broadcast fit AVX2's sixteen registers.
const GROUP: usize = 6;

/// A row-major `rows × cols` matrix stored by blocks of [`ROWS`] rows, each block column by
/// column (`ROWS` consecutive values per column), rows past the end zero: the layout in which
/// the score kernel reads eight rows with two vector loads.
pub struct Blocked {
	data: Vec<f64>,
	rows: usize,
	cols: usize,
}

impl Blocked {
	/// The memory it holds, in bytes.
	pub fn bytes(&self) -> usize {
		self.data.len() * size_of::<f64>()
	}

	/// `m` in the blocked layout.
	pub fn new(m: MatRef) -> Self {
		let (rows, cols) = (m.rows(), m.cols());
		let blocks = rows.div_ceil(ROWS);
		let mut data = vec![0.0; blocks * cols * ROWS];
		for (i, row) in m.as_slice().chunks_exact(cols.max(1)).take(rows).enumerate() {
			let block = &mut data[(i / ROWS) * cols * ROWS..];
			for (c, &value) in row.iter().enumerate() {
				block[c * ROWS + i % ROWS] = value;
			}
		}
		Blocked { data, rows, cols }
	}

	/// The number of rows.
	pub fn rows(&self) -> usize {
		self.rows
	}

	/// The number of columns.
	pub fn cols(&self) -> usize {
		self.cols
	}
}

/// For the eight rows of one block and units `first..first + G`: `s[r] += Σ_g δ[r][g] ·
/// Σ_f vt[f][g] · x[r][f]`, with `x` and `delta` blocks of the [`Blocked`] layout and `vt`
/// row-major `width × units`.
#[inline(always)]
fn score_group<const G: usize>(x: &[f64], delta: &[f64], vt: &[f64], units: usize, first: usize, s: &mut [f64; ROWS]) {
	let mut acc = [[0.0f64; ROWS]; G];
	let (columns, _) = x.as_chunks::<ROWS>();
	for (column, v) in columns.iter().zip(vt.chunks_exact(units)) {
		let Some(v) = v.get(first..first + G) else { return };
		for g in 0..G {
			for r in 0..ROWS {
				acc[g][r] = v[g].mul_add(column[r], acc[g][r]);
			}
		}
	}
	let (deltas, _) = delta.as_chunks::<ROWS>();
	for (a, d) in acc.iter().zip(deltas.iter().skip(first)) {
		for r in 0..ROWS {
			s[r] = a[r].mul_add(d[r], s[r]);
		}
	}
}

/// `out[i] += δᵢᵀ V xᵢ` for the rows of `out` (whole blocks of `x` and `delta`, and `out`
/// at most `ROWS` per block), `vt` being `Vᵀ`, row-major `width × units`. The units are split
/// into passes of at most [`GROUP`], as even as possible; each pass reads the block's inputs
/// again, from the L1 cache.
#[inline(always)]
fn score_body(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
	let blocks = x.chunks_exact((width * ROWS).max(1)).zip(delta.chunks_exact((units * ROWS).max(1)));
	for ((x, delta), out) in blocks.zip(out.chunks_mut(ROWS)) {
		let mut s = [0.0f64; ROWS];
		for (first, size) in groups(units) {
			match size {
				1 => score_group::<1>(x, delta, vt, units, first, &mut s),
				2 => score_group::<2>(x, delta, vt, units, first, &mut s),
				3 => score_group::<3>(x, delta, vt, units, first, &mut s),
				4 => score_group::<4>(x, delta, vt, units, first, &mut s),
				5 => score_group::<5>(x, delta, vt, units, first, &mut s),
				_ => score_group::<GROUP>(x, delta, vt, units, first, &mut s),
			}
		}
		for (o, s) in out.iter_mut().zip(s) {
			*o += s;
		}
	}
}

/// Pairs per panel of the Gram kernel: four blocks of [`COLUMNS`].
pub const PANEL: usize = 32;

/// Columns per register block of the Gram kernel.
const COLUMNS: usize = 8;

/// `(first, size)` of the groups of at most [`GROUP`] that `units` splits into, as even as
/// possible.
fn groups(units: usize) -> impl Iterator<Item = (usize, usize)> {
	let passes = units.div_ceil(GROUP).max(1);
	(0..passes).scan(0, move |first, pass| {
		let size = units / passes + usize::from(pass < units % passes);
		let group = (*first, size);
		*first += size;
		Some(group)
	})
}

/// `acc[g][c] += Σ_r w[r][g] · k[r][c]` for `G` weights (`w`, `rows × G`) and one block of
/// [`COLUMNS`] products (`k`, `rows × COLUMNS`), both read front to back; `acc` holds the
/// group's rows of the panel, [`PANEL`] apart. The `2·G` vector accumulators stay in
/// registers over all the rows.
#[inline(always)]
fn gram_group<const G: usize>(w: &[f64], k: &[f64], acc: &mut [f64]) {
	let mut a = [[0.0f64; COLUMNS]; G];
	for (w, k) in w.as_chunks::<G>().0.iter().zip(k.as_chunks::<COLUMNS>().0) {
		for g in 0..G {
			for c in 0..COLUMNS {
				a[g][c] = w[g].mul_add(k[c], a[g][c]);
			}
		}
	}
	for (row, sum) in acc.chunks_mut(PANEL).zip(a.iter()) {
		for (out, add) in row.iter_mut().zip(sum) {
			*out += add;
		}
	}
}

/// One panel of the Gram kernel: `acc` (`ns × PANEL`, row-major) += `sᵀ k`, with `s` packed
/// by groups of weights ([`groups`]; group `(first, size)` is `rows × size` at `first·rows`)
/// and `k` by blocks of columns (block `b` is `rows × COLUMNS` at `b·rows·COLUMNS`).
#[inline(always)]
fn gram_body(s: &[f64], ns: usize, rows: usize, k: &[f64], acc: &mut [f64]) {
	for (first, size) in groups(ns) {
		let w = &s[first * rows..(first + size) * rows];
		for (block, k) in k.chunks_exact(rows * COLUMNS).enumerate() {
			let acc = &mut acc[first * PANEL + block * COLUMNS..];
			match size {
				1 => gram_group::<1>(w, k, acc),
				2 => gram_group::<2>(w, k, acc),
				3 => gram_group::<3>(w, k, acc),
				4 => gram_group::<4>(w, k, acc),
				5 => gram_group::<5>(w, k, acc),
				_ => gram_group::<GROUP>(w, k, acc),
			}
		}
	}
}

#[cfg(target_arch = "x86_64")]
mod x86 {
	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn dot(a: &[f64], b: &[f64]) -> f64 {
		super::dot_body(a, b)
	}

	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn symmetric_row(row: &[f64], v: &[f64], y: &mut [f64]) -> f64 {
		super::symmetric_row_body(row, v, y)
	}

	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn gram(s: &[f64], ns: usize, rows: usize, k: &[f64], acc: &mut [f64]) {
		super::gram_body(s, ns, rows, k, acc)
	}

	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn dot4(a: [&[f64]; 4], v: &[f64]) -> [f64; 4] {
		super::dot4_body(a, v)
	}

	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn score(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
		super::score_body(x, width, delta, units, vt, out)
	}
}

#[cfg(target_arch = "x86_64")]
fn fast() -> bool {
	std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
}

/// `Σ a[k]·b[k]`.
///
/// # Panics
/// If `a` and `b` differ in length.
#[track_caller]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
	assert_eq!(a.len(), b.len(), "dot: vectors of {} and {} values", a.len(), b.len());
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::dot(a, b) };
	}
	dot_body(a, b)
}

/// Four dot products with one vector: `[Σ a₀[k]·v[k], …, Σ a₃[k]·v[k]]` over `v`'s length.
///
/// # Panics
/// If an `a` is shorter than `v`.
#[track_caller]
pub fn dot4(a: [&[f64]; 4], v: &[f64]) -> [f64; 4] {
	assert!(
		a.iter().all(|a| a.len() >= v.len()),
		"dot4: rows of {:?} values with a vector of {}",
		a.map(<[f64]>::len),
		v.len()
	);
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::dot4(a, v) };
	}
	dot4_body(a, v)
}

fn score_serial(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::score(x, width, delta, units, vt, out) };
	}
	score_body(x, width, delta, units, vt, out)
}

/// Adds `δᵢᵀ V xᵢ` to `out[i]` for every row, on all cores: `x` (`rows × width`) and `delta`
/// (`rows × units`) in the [`Blocked`] layout, `vt` = `Vᵀ` (`width × units`), `out` one value
/// per row.
///
/// # Panics
/// If the shapes do not agree.
#[track_caller]
pub fn score_rows(x: &Blocked, delta: &Blocked, vt: MatRef, out: &mut [f64]) {
	let (rows, width, units) = (x.rows(), x.cols(), delta.cols());
	assert!(
		delta.rows() == rows && vt.rows() == width && vt.cols() == units && out.len() == rows,
		"score_rows: x is {rows}×{width}, delta {}×{units}, vt {}×{} (must be {width}×{units}), out {} (must be {rows})",
		delta.rows(),
		vt.rows(),
		vt.cols(),
		out.len()
	);
	if units == 0 || width == 0 {
		return;
	}
	let vt = vt.as_slice();
	let blocks_per_thread =
		(MIN_ROWS_PER_THREAD / ROWS).max(rows.div_ceil(ROWS).div_ceil(rayon::current_num_threads().max(1)));
	let per = blocks_per_thread * ROWS;
	out.par_chunks_mut(per)
		.zip(x.data.par_chunks(per * width))
		.zip(delta.data.par_chunks(per * units))
		.for_each(|((out, x), delta)| score_serial(x, width, delta, units, vt, out));
}

fn symmetric_row(row: &[f64], v: &[f64], y: &mut [f64]) -> f64 {
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::symmetric_row(row, v, y) };
	}
	symmetric_row_body(row, v, y)
}

/// A symmetric `n × n` matrix held by its upper triangle, row by row (row `i` holds columns
/// `i..n`): half the memory of the full matrix, and half the bytes a product reads.
pub struct Symmetric {
	data: Vec<f64>,
	n: usize,
}

impl Symmetric {
	/// The memory it holds, in bytes.
	pub fn bytes(&self) -> usize {
		self.data.len() * size_of::<f64>()
	}

	/// The symmetric matrix `m`, by its upper triangle (the lower one is not read).
	///
	/// # Panics
	/// If `m` is not square.
	#[track_caller]
	pub fn from_upper(m: MatRef) -> Self {
		let n = m.rows();
		assert_eq!(n, m.cols(), "Symmetric::from_upper: a {n}×{} matrix is not square", m.cols());
		let mut data = Vec::with_capacity(n * (n + 1) / 2);
		for (i, row) in m.as_slice().chunks_exact(n.max(1)).take(n).enumerate() {
			data.extend_from_slice(&row[i..]);
		}
		Symmetric { data, n }
	}

	/// The order of the matrix.
	pub fn dim(&self) -> usize {
		self.n
	}

	/// Where row `i` starts in `data`.
	fn start(&self, i: usize) -> usize {
		i * self.n - i * i.saturating_sub(1) / 2
	}

	/// `M v`, on all cores: the rows are split into one range per thread holding about the same
	/// number of elements, each thread adds into its own copy of the product, and the copies
	/// are summed.
	///
	/// # Panics
	/// If `v`'s length is not the order of the matrix.
	#[track_caller]
	pub fn mul(&self, v: &[f64]) -> Vec<f64> {
		let n = self.n;
		assert_eq!(v.len(), n, "Symmetric::mul: a {n}×{n} matrix times a vector of {}", v.len());
		// Row boundaries splitting the triangle into parts of equal size.
		let parts = if n < 256 { 1 } else { rayon::current_num_threads().max(1) };
		let total = self.data.len();
		let mut bounds = vec![0];
		let mut row = 0;
		for part in 1..parts {
			while row < n && self.start(row) < total * part / parts {
				row += 1;
			}
			bounds.push(row);
		}
		bounds.push(n);
		let products: Vec<Vec<f64>> = bounds
			.windows(2)
			.collect::<Vec<_>>()
			.into_par_iter()
			.map(|range| {
				let mut y = vec![0.0; n];
				let (first, last) = (range[0], range[1]);
				for i in first..last {
					let row = &self.data[self.start(i)..self.start(i) + n - i];
					let dot = symmetric_row(row, &v[i..n], &mut y[i..]);
					y[i] += dot;
				}
				y
			})
			.collect();
		let mut y = vec![0.0; n];
		for part in products {
			y.iter_mut().zip(part).for_each(|(y, p)| *y += p);
		}
		y
	}
}

fn gram_serial(s: &[f64], ns: usize, rows: usize, k: &[f64], acc: &mut [f64]) {
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::gram(s, ns, rows, k, acc) };
	}
	gram_body(s, ns, rows, k, acc)
}

/// A weighted Gram matrix of paired products, the curvature's inner loop: for every weight
/// `p < ns` and pair `q` = `pairs[q]` = `(f, g)`,
/// `acc[p][q] += Σ_r s[r][p] · xl[r][f] · xm[r][g]`, over the rows `r` of `s` (`rows × ns`),
/// `xl` (`rows × wl`) and `xm` (`rows × wm`). `acc` is held by panels of [`PANEL`] pairs
/// (entry `(p, q)` at [`gram_index`]), the pairs past the last one zero; [`gram_len`] is its
/// length. The panels are split over the cores: each builds its pairs' products for the rows,
/// and the weights and the products are packed so that the innermost loop reads both front to
/// back (for a few hundred rows, from the L1 cache).
///
/// # Panics
/// If `s`, `xl` and `xm` differ in rows, `acc` is not [`gram_len`] long, or a pair names a
/// column `xl` or `xm` does not have.
#[track_caller]
pub fn gram(s: MatRef, xl: MatRef, xm: MatRef, pairs: &[(usize, usize)], acc: &mut [f64]) {
	let (rows, ns, wl, wm) = (s.rows(), s.cols(), xl.cols(), xm.cols());
	assert!(
		xl.rows() == rows && xm.rows() == rows,
		"gram: s is {rows}×{ns}, xl {}×{wl} and xm {}×{wm}: the rows differ",
		xl.rows(),
		xm.rows()
	);
	let len = gram_len(ns, pairs.len());
	assert_eq!(
		acc.len(),
		len,
		"gram: acc of {} values for {ns} weights and {} pairs (must be {len})",
		acc.len(),
		pairs.len()
	);
	if let Some((f, g)) = pairs.iter().find(|&&(f, g)| f >= wl || g >= wm) {
		panic!("gram: the pair ({f}, {g}) is outside xl's {wl} and xm's {wm} columns");
	}
	if ns == 0 || rows == 0 {
		return;
	}
	let (s, xl, xm) = (s.as_slice(), xl.as_slice(), xm.as_slice());
	let mut packed = Vec::with_capacity(rows * ns);
	for (first, size) in groups(ns) {
		for row in s.chunks_exact(ns) {
			packed.extend_from_slice(&row[first..first + size]);
		}
	}
	acc.par_chunks_mut(ns * PANEL).zip(pairs.par_chunks(PANEL)).for_each_init(
		|| vec![0.0; rows * PANEL],
		|k, (acc, pairs)| {
			// The products, block by block, zero past the last pair.
			let mut left = [0; PANEL];
			let mut right = [0; PANEL];
			for (c, &(f, g)) in pairs.iter().enumerate() {
				(left[c], right[c]) = (f, g);
			}
			let (x_rows, m_rows) = (xl.chunks_exact(wl.max(1)), xm.chunks_exact(wm.max(1)));
			for (r, (x, y)) in x_rows.zip(m_rows).take(rows).enumerate() {
				for (block, k) in k.chunks_exact_mut(rows * COLUMNS).enumerate() {
					let products = &mut k[r * COLUMNS..(r + 1) * COLUMNS];
					for (c, product) in products.iter_mut().enumerate() {
						let q = block * COLUMNS + c;
						*product = if q < pairs.len() { x[left[q]] * y[right[q]] } else { 0.0 };
					}
				}
			}
			gram_serial(&packed, ns, rows, k, acc);
		},
	);
}

/// Where [`gram`]'s `acc` holds weight `p`'s entry for pair `q`, with `ns` weights.
pub fn gram_index(ns: usize, p: usize, q: usize) -> usize {
	(q / PANEL) * ns * PANEL + p * PANEL + q % PANEL
}

/// The length of [`gram`]'s `acc` for `ns` weights and `pairs` pairs.
pub fn gram_len(ns: usize, pairs: usize) -> usize {
	pairs.div_ceil(PANEL) * ns * PANEL
}

/// `y = M v`, on all cores.
///
/// # Panics
/// If `v`'s length is not `m`'s number of columns.
#[track_caller]
pub fn matvec(m: MatRef, v: &[f64]) -> Vec<f64> {
	assert_eq!(m.cols(), v.len(), "matvec: a {}×{} matrix times a vector of {}", m.rows(), m.cols(), v.len());
	let cols = v.len().max(1);
	let mut y = vec![0.0; m.rows()];
	y.par_chunks_mut(64).zip(m.as_slice().par_chunks(64 * cols)).for_each(|(ys, ms)| {
		for (yi, row) in ys.iter_mut().zip(ms.chunks_exact(cols)) {
			*yi = dot(row, v);
		}
	});
	y
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::rng::Rng;

	fn random(n: usize, seed: u64) -> Vec<f64> {
		let mut rng = Rng::new(seed);
		(0..n).map(|_| rng.normal()).collect()
	}

	#[test]
	fn dot_matches_the_plain_sum() {
		for n in [0, 1, 7, 8, 9, 65, 650] {
			let (a, b) = (random(n, 1), random(n, 2));
			let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
			assert!((dot(&a, &b) - plain).abs() < 1e-12 * (1.0 + plain.abs()), "n = {n}");
		}
	}

	#[test]
	fn scores_match_the_definition() {
		for (rows, units) in [(1, 6), (5, 6), (5000, 6), (7, 10), (3001, 17), (9, 1), (2100, 32), (16, 13)] {
			let width = 13;
			let (x, delta, vt) = (random(rows * width, 3), random(rows * units, 4), random(width * units, 5));
			let mut out = vec![1.0; rows];
			let (x_blocked, delta_blocked) =
				(Blocked::new(MatRef::new(&x, rows, width)), Blocked::new(MatRef::new(&delta, rows, units)));
			score_rows(&x_blocked, &delta_blocked, MatRef::new(&vt, width, units), &mut out);
			for i in 0..rows {
				let mut expected = 1.0;
				for a in 0..units {
					let va: f64 = (0..width).map(|f| vt[f * units + a] * x[i * width + f]).sum();
					expected += delta[i * units + a] * va;
				}
				assert!((out[i] - expected).abs() < 1e-10, "{rows} rows, {units} units: row {i}");
			}
		}
	}

	#[test]
	fn the_blocked_layout_holds_the_matrix() {
		let m: Vec<f64> = (0..27).map(f64::from).collect();
		let b = Blocked::new(MatRef::new(&m, 9, 3));
		assert_eq!((b.rows(), b.cols(), b.data.len()), (9, 3, 2 * 3 * ROWS));
		for i in 0..9 {
			for c in 0..3 {
				assert_eq!(b.data[(i / ROWS) * 3 * ROWS + c * ROWS + i % ROWS], m[i * 3 + c]);
			}
		}
		// The second block holds row 8 alone: its other seven rows are zero.
		for c in 0..3 {
			assert!(b.data[3 * ROWS + c * ROWS + 1..3 * ROWS + (c + 1) * ROWS].iter().all(|&v| v == 0.0));
		}
	}

	#[test]
	fn the_symmetric_product_matches_the_full_one() {
		for n in [1, 2, 9, 17, 300, 650] {
			let a = random(n * n, 8);
			let mut m = vec![0.0; n * n];
			for i in 0..n {
				for j in 0..n {
					m[i * n + j] = a[i.min(j) * n + i.max(j)];
				}
			}
			let v = random(n, 9);
			let packed = Symmetric::from_upper(MatRef::new(&m, n, n));
			assert_eq!((packed.dim(), packed.data.len()), (n, n * (n + 1) / 2));
			let (y, full) = (packed.mul(&v), matvec(MatRef::new(&m, n, n), &v));
			for i in 0..n {
				assert!((y[i] - full[i]).abs() < 1e-10 * (1.0 + full[i].abs()), "n = {n}, row {i}");
			}
		}
	}

	#[test]
	fn the_gram_kernel_matches_the_definition() {
		for (rows, ns, wl, wm, symmetric) in
			[(1, 1, 3, 3, true), (37, 10, 5, 5, true), (300, 55, 13, 13, true), (64, 7, 6, 4, false)]
		{
			let (s, xl, xm) = (random(rows * ns, 10), random(rows * wl, 11), random(rows * wm, 12));
			let pairs: Vec<(usize, usize)> =
				(0..wl).flat_map(|f| (0..wm).map(move |g| (f, g))).filter(|&(f, g)| !symmetric || f <= g).collect();
			let mut acc = vec![0.5; gram_len(ns, pairs.len())];
			gram(MatRef::new(&s, rows, ns), MatRef::new(&xl, rows, wl), MatRef::new(&xm, rows, wm), &pairs, &mut acc);
			for p in 0..ns {
				for (q, &(f, g)) in pairs.iter().enumerate() {
					let expected: f64 =
						0.5 + (0..rows).map(|r| s[r * ns + p] * xl[r * wl + f] * xm[r * wm + g]).sum::<f64>();
					let got = acc[gram_index(ns, p, q)];
					assert!(
						(got - expected).abs() < 1e-10 * (1.0 + expected.abs()),
						"{rows}×{ns}: weight {p}, pair {q}"
					);
				}
			}
		}
	}

	#[test]
	fn dot4_matches_four_dots() {
		for n in [0, 1, 3, 4, 9, 650] {
			let rows: Vec<Vec<f64>> = (0..4).map(|t| random(n + t, 20 + t as u64)).collect();
			let v = random(n, 30);
			let got = dot4([&rows[0], &rows[1], &rows[2], &rows[3]], &v);
			for t in 0..4 {
				let expected = dot(&rows[t][..n], &v);
				assert!((got[t] - expected).abs() < 1e-12 * (1.0 + expected.abs()), "n = {n}, row {t}");
			}
		}
	}

	#[test]
	fn matvec_matches_the_definition() {
		for (rows, cols) in [(3, 4), (700, 650)] {
			let (m, v) = (random(rows * cols, 6), random(cols, 7));
			let y = matvec(MatRef::new(&m, rows, cols), &v);
			for i in 0..rows {
				let expected: f64 = (0..cols).map(|j| m[i * cols + j] * v[j]).sum();
				assert!((y[i] - expected).abs() < 1e-10);
			}
		}
	}

	#[test]
	#[should_panic(expected = "dot: vectors of 3 and 2 values")]
	fn dot_of_vectors_of_different_lengths_panics() {
		dot(&[1.0; 3], &[1.0; 2]);
	}

	#[test]
	#[should_panic(expected = "dot4: rows of [3, 3, 2, 3] values with a vector of 3")]
	fn dot4_with_a_short_row_panics() {
		dot4([&[1.0; 3], &[1.0; 3], &[1.0; 2], &[1.0; 3]], &[1.0; 3]);
	}

	/// `x` and `delta` of `rows` rows (13 and 6 columns) in the blocked layout.
	fn blocked_pair(rows: usize) -> (Blocked, Blocked) {
		(
			Blocked::new(MatRef::new(&random(rows * 13, 1), rows, 13)),
			Blocked::new(MatRef::new(&random(rows * 6, 2), rows, 6)),
		)
	}

	#[test]
	#[should_panic(expected = "score_rows: x is 9×13, delta 8×6")]
	fn scores_of_blocks_of_different_rows_panic() {
		let (x, _) = blocked_pair(9);
		let (_, delta) = blocked_pair(8);
		score_rows(&x, &delta, MatRef::new(&random(13 * 6, 3), 13, 6), &mut [0.0; 9]);
	}

	#[test]
	#[should_panic(expected = "vt 6×13 (must be 13×6)")]
	fn scores_with_a_transposed_vt_panic() {
		let (x, delta) = blocked_pair(9);
		score_rows(&x, &delta, MatRef::new(&random(13 * 6, 3), 6, 13), &mut [0.0; 9]);
	}

	#[test]
	#[should_panic(expected = "out 8 (must be 9)")]
	fn scores_into_a_short_out_panic() {
		let (x, delta) = blocked_pair(9);
		score_rows(&x, &delta, MatRef::new(&random(13 * 6, 3), 13, 6), &mut [0.0; 8]);
	}

	#[test]
	#[should_panic(expected = "Symmetric::from_upper: a 2×3 matrix is not square")]
	fn a_symmetric_matrix_from_a_rectangle_panics() {
		Symmetric::from_upper(MatRef::new(&[0.0; 6], 2, 3));
	}

	#[test]
	#[should_panic(expected = "Symmetric::mul: a 3×3 matrix times a vector of 2")]
	fn a_symmetric_product_with_a_short_vector_panics() {
		Symmetric::from_upper(MatRef::new(&[1.0; 9], 3, 3)).mul(&[1.0; 2]);
	}

	#[test]
	#[should_panic(expected = "Symmetric::mul: a 3×3 matrix times a vector of 4")]
	fn a_symmetric_product_with_a_long_vector_panics() {
		Symmetric::from_upper(MatRef::new(&[1.0; 9], 3, 3)).mul(&[1.0; 4]);
	}

	#[test]
	#[should_panic(expected = "matvec: a 2×3 matrix times a vector of 2")]
	fn matvec_with_a_short_vector_panics() {
		matvec(MatRef::new(&[1.0; 6], 2, 3), &[1.0; 2]);
	}

	/// `s` (`rows × 2`), `xl` (`rows × 3`) and `xm` (`5 × 4`).
	fn gram_inputs(rows: usize) -> [Vec<f64>; 3] {
		[random(rows * 2, 1), random(rows * 3, 2), random(5 * 4, 3)]
	}

	/// Every pair of a column of `xl` and one of `xm`.
	fn gram_pairs() -> Vec<(usize, usize)> {
		(0..3).flat_map(|f| (0..4).map(move |g| (f, g))).collect()
	}

	#[test]
	#[should_panic(expected = "gram: s is 6×2, xl 6×3 and xm 5×4: the rows differ")]
	fn gram_of_matrices_of_different_rows_panics() {
		let ([s, xl, xm], pairs) = (gram_inputs(6), gram_pairs());
		let mut acc = vec![0.0; gram_len(2, pairs.len())];
		gram(MatRef::new(&s, 6, 2), MatRef::new(&xl, 6, 3), MatRef::new(&xm, 5, 4), &pairs, &mut acc);
	}

	#[test]
	#[should_panic(expected = "gram: acc of 12 values for 2 weights and 12 pairs (must be 64)")]
	fn gram_into_a_short_acc_panics() {
		let ([s, xl, xm], pairs) = (gram_inputs(5), gram_pairs());
		let mut acc = vec![0.0; 12];
		gram(MatRef::new(&s, 5, 2), MatRef::new(&xl, 5, 3), MatRef::new(&xm, 5, 4), &pairs, &mut acc);
	}

	#[test]
	#[should_panic(expected = "gram: the pair (3, 0) is outside xl's 3 and xm's 4 columns")]
	fn gram_of_a_pair_outside_the_columns_panics() {
		let ([s, xl, xm], mut pairs) = (gram_inputs(5), gram_pairs());
		pairs.push((3, 0));
		let mut acc = vec![0.0; gram_len(2, pairs.len())];
		gram(MatRef::new(&s, 5, 2), MatRef::new(&xl, 5, 3), MatRef::new(&xm, 5, 4), &pairs, &mut acc);
	}
}
