//! The Gauss–Newton curvature of the objective: assembled as a dense matrix from its Kronecker
//! blocks, or applied to a vector.
//!
//! With `Jᵢ` the Jacobian of row `i`'s logits and `Aᵢ = diag(pᵢ) − pᵢpᵢᵀ` the Hessian of the
//! cross-entropy in the logits, the curvature is `G = (1/n) Σᵢ Jᵢᵀ Aᵢ Jᵢ + l2·diag(penalised)`.
//! For softmax regression it is the exact Hessian of the objective; for the MLP it leaves out
//! the term of the logits' own second derivatives, and is positive semi-definite where the exact
//! Hessian may not be.
//!
//! Layer `ℓ`'s logit Jacobian for row `i` is `Eℓᵢ ⊗ aℓᵢᵀ`, with `Eℓᵢ` the derivative of the
//! logits in the layer's outputs (the identity for the output layer, `W₂ diag(activeᵢ)` for the
//! hidden layer) and `aℓᵢ` the layer's augmented input. So the block of layers `(ℓ, m)` is
//! `(1/n) Σᵢ Sᵢ ⊗ aℓᵢ amᵢᵀ` with `Sᵢ = Eℓᵢᵀ Aᵢ Emᵢ`: a weighted Gram matrix over the rows of
//! `vec(Sᵢ)` and `vec(aℓᵢ amᵢᵀ)` ([`crate::kernels::gram`], which forms the products
//! `aℓᵢ[f]·amᵢ[g]` a cache-sized panel at a time). Diagonal blocks are symmetric in both
//! factors, so only their upper pairs are computed; for the output layer `Sᵢ = Aᵢ` directly.

use candle_core::{Device, Tensor};
use rayon::prelude::*;

use crate::{
	kernels::{gram, gram_index, gram_len},
	matrix::{Mat, MatRef},
	model::{Forward, Model},
	Result,
};

/// Rows per chunk when assembling: bounds the memory of the per-row `vec(Sᵢ)` (for the MLP's
/// hidden layer, `hidden·(hidden+1)/2` numbers a row) and keeps a panel of the Gram kernel's
/// products in the L1 and L2 caches.
const CHUNK_ROWS: usize = 256;

/// What the curvature needs of a batch: the forward pass of the trained model.
pub struct Curvature<'a> {
	model: &'a Model,
	inputs: Vec<Tensor>,
	active: Option<Tensor>,
	probs: Tensor,
	n: usize,
	l2: f64,
}

impl<'a> Curvature<'a> {
	/// The curvature of `model`'s objective with penalty `l2`, over the rows of a forward pass.
	pub fn new(model: &'a Model, forward: &Forward, l2: f64) -> Result<Self> {
		let n = forward.probs.dim(0)?;
		Ok(Curvature {
			model,
			inputs: forward.inputs.clone(),
			active: forward.active.clone(),
			probs: forward.probs.clone(),
			n,
			l2,
		})
	}

	fn device(&self) -> &Device {
		self.probs.device()
	}

	/// The dense curvature matrix, `P × P`, parameters ordered as [`Model::params`], without
	/// damping.
	pub fn matrix(&self) -> Result<Mat> {
		let rows = RowData::new(self)?;
		let layers = &self.model.layers;
		let p = self.model.num_params();
		let mut offsets = Vec::with_capacity(layers.len());
		let mut offset = 0;
		for layer in layers {
			offsets.push(offset);
			offset += layer.len();
		}
		let mut h = Mat::zeros(p, p);
		for l in 0..layers.len() {
			for m in l..layers.len() {
				self.add_block(&rows, (l, m), (offsets[l], offsets[m]), &mut h);
			}
		}
		for (k, &penalised) in self.model.penalised().iter().enumerate() {
			h[(k, k)] += self.l2 * penalised;
		}
		fix_output_shift(self.model, &mut h);
		Ok(h)
	}

	/// Adds the block of layers `(l, m)` (and its mirror) to `h`, the layers' parameters
	/// starting at `(off_l, off_m)`.
	fn add_block(&self, rows: &RowData, (l, m): (usize, usize), (off_l, off_m): (usize, usize), h: &mut Mat) {
		let (layer_l, layer_m) = (&self.model.layers[l], &self.model.layers[m]);
		let (out_l, out_m) = (layer_l.out, layer_m.out);
		let (in_l, in_m) = (layer_l.width(), layer_m.width());
		let symmetric = l == m;
		// Which entries of vec(S) and vec(a aᵀ) to keep: all, or the upper pairs when symmetric.
		let pairs = |rows: usize, cols: usize| -> Vec<(usize, usize)> {
			(0..rows).flat_map(|a| (0..cols).map(move |b| (a, b))).filter(|&(a, b)| !symmetric || a <= b).collect()
		};
		let s_pairs = pairs(out_l, out_m);
		let x_pairs = pairs(in_l, in_m);
		let classes = self.model.classes();
		let output_only = l + 1 == self.model.layers.len() && m == l;

		let (ns, nx) = (s_pairs.len(), x_pairs.len());
		let mut acc = vec![0.0; gram_len(ns, nx)];
		// Reused across chunks: a fresh buffer would cost a page fault every 4 KiB.
		let mut s_buffer = vec![0.0; CHUNK_ROWS.min(self.n) * ns];
		let mut start = 0;
		while start < self.n {
			let len = CHUNK_ROWS.min(self.n - start);
			let s = &mut s_buffer[..len * ns];
			// Per row: vec(Sᵢ) on the kept pairs, rows split over the cores.
			s.par_chunks_mut(ns.max(1)).enumerate().for_each_init(
				|| (Vec::new(), Vec::new(), vec![0.0; classes * out_m]),
				|(e_l, e_m, ae_m), (k, s_row)| {
					let i = start + k;
					let probs = rows.probs.row(i);
					if output_only {
						// Both Jacobians are the identity: S = A = diag(p) − p pᵀ.
						for (slot, &(a, b)) in s_row.iter_mut().zip(&s_pairs) {
							*slot = if a == b { probs[a] * (1.0 - probs[a]) } else { -probs[a] * probs[b] };
						}
						return;
					}
					rows.output_jacobian(l, i, e_l);
					rows.output_jacobian(m, i, e_m);
					// A Em = diag(p) Em − p (pᵀ Em), classes × out_m.
					for b in 0..out_m {
						let pe: f64 = (0..classes).map(|c| probs[c] * e_m[c * out_m + b]).sum();
						for c in 0..classes {
							ae_m[c * out_m + b] = probs[c] * (e_m[c * out_m + b] - pe);
						}
					}
					// S = Elᵀ (A Em) on the kept pairs.
					for (slot, &(a, b)) in s_row.iter_mut().zip(&s_pairs) {
						*slot = (0..classes).map(|c| e_l[c * out_l + a] * ae_m[c * out_m + b]).sum();
					}
				},
			);
			// Σᵢ Sᵢ ⊗ aℓᵢ amᵢᵀ over the chunk, on the kept pairs of both.
			let x_l = rows.inputs[l].as_ref().subrows(start, len);
			let x_m = rows.inputs[m].as_ref().subrows(start, len);
			gram(MatRef::new(s, len, ns), x_l, x_m, &x_pairs, &mut acc);
			start += len;
		}
		let scale = 1.0 / self.n.max(1) as f64;
		for (p_index, &(a, b)) in s_pairs.iter().enumerate() {
			for (q, &(f, g)) in x_pairs.iter().enumerate() {
				let value = acc[gram_index(ns, p_index, q)] * scale;
				let i = off_l + a * in_l + f;
				let j = off_m + b * in_m + g;
				h[(i, j)] = value;
				h[(j, i)] = value;
				if symmetric {
					// S and a aᵀ are both symmetric: (a,g),(b,f) holds the same value.
					let i2 = off_l + a * in_l + g;
					let j2 = off_m + b * in_m + f;
					h[(i2, j2)] = value;
					h[(j2, i2)] = value;
				}
			}
		}
	}

	/// The curvature applied to `v` (ordered as [`Model::params`]), plus `damping·v`: one
	/// forward-mode and one reverse-mode pass over the rows.
	///
	/// # Panics
	/// If `v`'s length is not the number of parameters.
	#[track_caller]
	pub fn apply(&self, v: &[f64], damping: f64) -> Result<Vec<f64>> {
		let params = self.model.num_params();
		assert_eq!(v.len(), params, "Curvature::apply: a vector of {} values for {params} parameters", v.len());
		let device = self.device();
		let layers = &self.model.layers;
		let last = layers.len().saturating_sub(1);
		// Split v into per-layer matrices out × (inp + 1).
		let mut offset = 0;
		let mut parts = Vec::with_capacity(layers.len());
		for layer in layers {
			let slice = &v[offset..offset + layer.len()];
			parts.push(Tensor::from_slice(slice, (layer.out, layer.width()), device)?);
			offset += layer.len();
		}
		// Forward: d(logits) = Σℓ Eℓ (Vℓ aℓ).
		let w2 = layers.get(last).map(|l| l.weight_tensor(device)).transpose()?;
		let mut dlogits = self.inputs[last].matmul(&parts[last].t()?)?;
		if last > 0 {
			let active = self.active.as_ref().ok_or_else(|| crate::Error::shape("no activations"))?;
			let dh = (self.inputs[0].matmul(&parts[0].t()?)? * active)?;
			if let Some(w2) = &w2 {
				dlogits = (dlogits + dh.matmul(&w2.t()?)?)?;
			}
		}
		// u = A d(logits) = p ∘ d − p (p·d).
		let pd = (&self.probs * &dlogits)?;
		let u = (&pd - self.probs.broadcast_mul(&pd.sum_keepdim(1)?)?)?;
		// Reverse: Jᵀ u, layer by layer.
		let n = self.n.max(1) as f64;
		let mut out = Vec::with_capacity(v.len());
		let mut grads = vec![None; layers.len()];
		grads[last] = Some(u.t()?.matmul(&self.inputs[last])?);
		if last > 0 {
			let active = self.active.as_ref().ok_or_else(|| crate::Error::shape("no activations"))?;
			if let Some(w2) = &w2 {
				let back = (u.matmul(w2)? * active)?;
				grads[0] = Some(back.t()?.matmul(&self.inputs[0])?);
			}
		}
		for g in grads.into_iter().flatten() {
			out.extend((g / n)?.flatten_all()?.to_vec1::<f64>()?);
		}
		for ((o, &vi), &penalised) in out.iter_mut().zip(v).zip(&self.model.penalised()) {
			*o += (self.l2 * penalised + damping) * vi;
		}
		// The same u uᵀ as `matrix` adds (see `fix_output_shift`).
		if let Some(top) = layers.last() {
			let start = self.model.num_params() - top.len();
			let biases: Vec<usize> = (0..top.out).map(|c| start + c * top.width() + top.inp).collect();
			let shift: f64 = biases.iter().filter_map(|&i| v.get(i)).sum::<f64>() / top.out.max(1) as f64;
			for &i in &biases {
				if let Some(o) = out.get_mut(i) {
					*o += shift;
				}
			}
		}
		Ok(out)
	}
}

/// Makes the curvature invertible along the one direction where it is singular by
/// construction: adding the same constant to every output bias changes no probability, so
/// `u` (that shift, normalised) has `G u = 0`, and neither the penalty (biases are not
/// penalised) nor any row's gradient (its output-bias part `p − e_y` sums to zero) has a
/// component along it. Adding `u uᵀ` to `G` therefore leaves `G⁻¹ g` unchanged for every
/// gradient `g`, and removes the near-infinite eigenvalue of `(G + damping)⁻¹` that would
/// otherwise amplify rounding errors.
///
/// # Panics
/// If `h` is not `P × P` for the model's `P` parameters.
#[track_caller]
pub fn fix_output_shift(model: &Model, h: &mut Mat) {
	let p = model.num_params();
	assert!(
		h.rows() == p && h.cols() == p,
		"fix_output_shift: a {}×{} matrix for {p} parameters (must be {p}×{p})",
		h.rows(),
		h.cols()
	);
	let Some(top) = model.layers.last() else { return };
	let start = p - top.len();
	let biases: Vec<usize> = (0..top.out).map(|c| start + c * top.width() + top.inp).collect();
	let weight = 1.0 / top.out.max(1) as f64;
	for &i in &biases {
		for &j in &biases {
			h[(i, j)] += weight;
		}
	}
}

/// The forward pass as plain row-major numbers, for the per-row loops of the assembly.
struct RowData {
	classes: usize,
	/// `n × classes`.
	probs: Mat,
	/// Per layer: `n × width`.
	inputs: Vec<Mat>,
	/// For the MLP: `n × hidden` activity, and the output layer's weights without bias,
	/// `classes × hidden`.
	hidden: Option<(Mat, Mat)>,
	layers: usize,
}

impl RowData {
	fn new(c: &Curvature) -> Result<Self> {
		let classes = c.model.classes();
		let inputs = c.inputs.iter().map(Mat::from_tensor).collect::<Result<Vec<_>>>()?;
		let hidden = match (&c.active, c.model.layers.last()) {
			(Some(active), Some(top)) if c.model.layers.len() > 1 => {
				Some((Mat::from_tensor(active)?, Mat::from_tensor(&top.weight_tensor(c.device())?)?))
			},
			_ => None,
		};
		Ok(RowData { classes, probs: Mat::from_tensor(&c.probs)?, inputs, hidden, layers: c.model.layers.len() })
	}

	/// `Eℓ` of `row` into `e`: `classes × outℓ`, row-major.
	fn output_jacobian(&self, layer: usize, row: usize, e: &mut Vec<f64>) {
		e.clear();
		let classes = self.classes;
		match &self.hidden {
			Some((active, w2)) if layer + 1 < self.layers => {
				let active = active.row(row);
				for c in 0..classes {
					e.extend(w2.row(c).iter().zip(active).map(|(w, a)| w * a));
				}
			},
			_ => {
				e.resize(classes * classes, 0.0);
				for c in 0..classes {
					e[c * classes + c] = 1.0;
				}
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		model::{Arch, Batch},
		Dataset,
	};

	/// The dense matrix, the matrix-free product and finite differences of the gradient agree
	/// (for softmax regression the Gauss–Newton matrix is the exact Hessian).
	#[test]
	fn matrix_and_product_agree() {
		let data = Dataset::synthetic(40, 3, 3, 1.5, 0.1, 2);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let model = Model::init(arch, 3, 4, 3, 5);
			let theta: Vec<f64> = (0..model.num_params()).map(|k| ((k * 13 % 7) as f64 - 3.0) * 0.2).collect();
			let model = model.with_params(&theta);
			let batch = Batch::new(&data, 3, &Device::Cpu).unwrap();
			let signals = model.signals(&batch.input, &batch.onehot).unwrap();
			let curvature = Curvature::new(&model, &signals.forward, 0.05).unwrap();
			let h = curvature.matrix().unwrap().into_vec();
			let p = model.num_params();
			let mut v: Vec<f64> = (0..p).map(|k| (k as f64 * 0.37).sin()).collect();
			// Orthogonal to the output-bias shift, where the matrix and the true Hessian differ
			// by design (`fix_output_shift`); every gradient is.
			let top = model.layers.last().unwrap();
			let biases: Vec<usize> = (0..3).map(|c| p - top.len() + c * top.width() + top.inp).collect();
			let mean = biases.iter().map(|&i| v[i]).sum::<f64>() / 3.0;
			biases.iter().for_each(|&i| v[i] -= mean);
			let hv = curvature.apply(&v, 0.0).unwrap();
			for i in 0..p {
				let dense: f64 = (0..p).map(|j| h[i * p + j] * v[j]).sum();
				assert!((dense - hv[i]).abs() < 1e-10, "{arch:?} row {i}: {dense} vs {}", hv[i]);
				for j in 0..p {
					assert!((h[i * p + j] - h[j * p + i]).abs() < 1e-12);
				}
			}
			if arch == Arch::Softmax {
				let eps = 1e-6;
				let plus: Vec<f64> = theta.iter().zip(&v).map(|(t, d)| t + eps * d).collect();
				let minus: Vec<f64> = theta.iter().zip(&v).map(|(t, d)| t - eps * d).collect();
				let gp = model.with_params(&plus).objective(&batch, 0.05).unwrap().1;
				let gm = model.with_params(&minus).objective(&batch, 0.05).unwrap().1;
				for i in 0..p {
					let numeric = (gp[i] - gm[i]) / (2.0 * eps);
					assert!((numeric - hv[i]).abs() < 1e-6, "row {i}: {numeric} vs {}", hv[i]);
				}
			}
		}
	}

	fn softmax_curvature_check(check: impl FnOnce(&Model, &Curvature)) {
		let data = Dataset::synthetic(10, 3, 3, 1.5, 0.1, 2);
		let model = Model::init(Arch::Softmax, 3, 4, 3, 5);
		let batch = Batch::new(&data, 3, &Device::Cpu).unwrap();
		let forward = model.forward(&batch.input).unwrap();
		check(&model, &Curvature::new(&model, &forward, 0.05).unwrap());
	}

	#[test]
	#[should_panic(expected = "Curvature::apply: a vector of 11 values for 12 parameters")]
	fn applying_to_a_short_vector_panics() {
		softmax_curvature_check(|_, curvature| {
			let _ = curvature.apply(&[1.0; 11], 0.0);
		});
	}

	#[test]
	#[should_panic(expected = "fix_output_shift: a 11×11 matrix for 12 parameters (must be 12×12)")]
	fn fixing_the_shift_of_a_matrix_of_the_wrong_size_panics() {
		softmax_curvature_check(|model, _| fix_output_shift(model, &mut Mat::zeros(11, 11)));
	}
}
