//! The two loops every query runs, written for the CPU: a dot product, and the per-row scores
//! `δᵢᵀ V aᵢ`. On x86-64 with AVX2 and FMA (detected at run time; the binary itself targets
//! the baseline CPU) they run with 256-bit fused multiply-adds; elsewhere, the same code
//! compiled for the baseline. Rows are split over the cores (rayon's pool, which candle uses
//! too).

use rayon::prelude::*;

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

/// Units per register block of the score kernel.
pub const BLOCK: usize = 8;

/// `units` rounded up to whole [`BLOCK`]s: the row length of the padded `Vᵀ` the score kernel
/// reads.
pub fn padded(units: usize) -> usize {
	units.div_ceil(BLOCK) * BLOCK
}

/// `Σ_f vt[f][block] · x[f]` for one block of units, for two rows at once (sharing the loads
/// of `vt`).
#[inline(always)]
fn block_pair(x0: &[f64], x1: &[f64], vt: &[f64], stride: usize, block: usize) -> ([f64; BLOCK], [f64; BLOCK]) {
	let mut a0 = [0.0f64; BLOCK];
	let mut a1 = [0.0f64; BLOCK];
	for ((&f0, &f1), row) in x0.iter().zip(x1).zip(vt.chunks_exact(stride)) {
		if let Some(v) = row.get(block * BLOCK..(block + 1) * BLOCK) {
			for k in 0..BLOCK {
				a0[k] = f0.mul_add(v[k], a0[k]);
				a1[k] = f1.mul_add(v[k], a1[k]);
			}
		}
	}
	(a0, a1)
}

/// For every row `i`: `out[i] += Σₐ δᵢ[a] · Σ_f vt[f·padded(units) + a] · xᵢ[f]`, with `x`
/// row-major `rows × width`, `delta` row-major `rows × units`, and `vt` the transposed V,
/// `width × padded(units)`, zero in the padding — so the inner loops run over whole register
/// blocks of contiguous units, two rows at a time.
#[inline(always)]
fn score_body(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
	let stride = padded(units);
	let blocks = stride / BLOCK;
	let rows = out.len();
	let mut i = 0;
	while i < rows {
		let second = if i + 1 < rows { i + 1 } else { i };
		let (x0, x1) = (&x[i * width..(i + 1) * width], &x[second * width..(second + 1) * width]);
		let (d0, d1) = (&delta[i * units..(i + 1) * units], &delta[second * units..(second + 1) * units]);
		let (mut s0, mut s1) = (0.0, 0.0);
		for block in 0..blocks {
			let (a0, a1) = block_pair(x0, x1, vt, stride, block);
			let valid = (units - block * BLOCK).min(BLOCK);
			for k in 0..valid {
				s0 = a0[k].mul_add(d0[block * BLOCK + k], s0);
				s1 = a1[k].mul_add(d1[block * BLOCK + k], s1);
			}
		}
		out[i] += s0;
		if second != i {
			out[second] += s1;
		}
		i += 2;
	}
}

#[cfg(target_arch = "x86_64")]
mod x86 {
	#[target_feature(enable = "avx2,fma")]
	pub unsafe fn dot(a: &[f64], b: &[f64]) -> f64 {
		super::dot_body(a, b)
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

/// `Σ a[k]·b[k]` over the shorter length.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::dot(a, b) };
	}
	dot_body(a, b)
}

fn score_serial(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
	#[cfg(target_arch = "x86_64")]
	if fast() {
		// SAFETY: the CPU supports AVX2 and FMA, checked just above.
		return unsafe { x86::score(x, width, delta, units, vt, out) };
	}
	score_body(x, width, delta, units, vt, out)
}

/// Adds `δᵢᵀ V xᵢ` to `out[i]` for every row (see `score_body` for the layouts: `vt` is
/// `width × padded(units)`), on all cores.
pub fn score_rows(x: &[f64], width: usize, delta: &[f64], units: usize, vt: &[f64], out: &mut [f64]) {
	let per = MIN_ROWS_PER_THREAD.max(out.len().div_ceil(rayon::current_num_threads().max(1)));
	out.par_chunks_mut(per)
		.zip(x.par_chunks(per * width))
		.zip(delta.par_chunks(per * units))
		.for_each(|((out, x), delta)| score_serial(x, width, delta, units, vt, out));
}

/// `y = M v` for a row-major `rows × v.len()` matrix `m`, on all cores.
pub fn matvec(m: &[f64], v: &[f64]) -> Vec<f64> {
	let cols = v.len().max(1);
	let mut y = vec![0.0; m.len() / cols];
	y.par_chunks_mut(64).zip(m.par_chunks(64 * cols)).for_each(|(ys, ms)| {
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
		for (rows, units) in [(1, 6), (5, 6), (5000, 6), (7, 10), (3001, 17)] {
			let width = 13;
			let (x, delta) = (random(rows * width, 3), random(rows * units, 4));
			let stride = padded(units);
			let mut vt = random(width * stride, 5);
			for f in 0..width {
				for a in units..stride {
					vt[f * stride + a] = 0.0;
				}
			}
			let mut out = vec![1.0; rows];
			score_rows(&x, width, &delta, units, &vt, &mut out);
			for i in 0..rows {
				let mut expected = 1.0;
				for a in 0..units {
					let va: f64 = (0..width).map(|f| vt[f * stride + a] * x[i * width + f]).sum();
					expected += delta[i * units + a] * va;
				}
				assert!((out[i] - expected).abs() < 1e-10, "row {i}");
			}
		}
	}

	#[test]
	fn matvec_matches_the_definition() {
		for (rows, cols) in [(3, 4), (700, 650)] {
			let (m, v) = (random(rows * cols, 6), random(cols, 7));
			let y = matvec(&m, &v);
			for i in 0..rows {
				let expected: f64 = (0..cols).map(|j| m[i * cols + j] * v[j]).sum();
				assert!((y[i] - expected).abs() < 1e-10);
			}
		}
	}
}
