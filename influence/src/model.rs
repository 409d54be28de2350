//! The two model architectures, their safetensors files, and their forward and backward passes.
//!
//! Internally every linear layer keeps its bias as an extra last column of its weight matrix
//! (`out × (inp + 1)`), and every layer input is augmented with a constant 1, so that a layer is
//! one matrix product and the gradient of a row's loss with respect to a layer is the outer
//! product `δ ⊗ a` of the layer's output error and its augmented input.

use std::{collections::HashMap, path::Path};

use blake2::{digest::consts::U32, Blake2b, Digest};
use candle_core::{DType, Device, Tensor, D};

use crate::{
	data::{Dataset, Hash},
	kernels::dot,
	rng::Rng,
	Error, Result,
};

/// A model architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
	/// Softmax (multinomial logistic) regression: `weight` `[classes, features]`, `bias`
	/// `[classes]`.
	Softmax,
	/// One hidden ReLU layer: `fc1.weight` `[hidden, features]`, `fc1.bias` `[hidden]`,
	/// `fc2.weight` `[classes, hidden]`, `fc2.bias` `[classes]`.
	Mlp,
}

impl Arch {
	/// The name the command line uses.
	pub fn name(self) -> &'static str {
		match self {
			Arch::Softmax => "softmax",
			Arch::Mlp => "mlp",
		}
	}

	fn tensor_names(self) -> &'static [(&'static str, &'static str)] {
		match self {
			Arch::Softmax => &[("weight", "bias")],
			Arch::Mlp => &[("fc1.weight", "fc1.bias"), ("fc2.weight", "fc2.bias")],
		}
	}

	fn expected(self) -> &'static str {
		match self {
			Arch::Softmax => "`weight` and `bias`",
			Arch::Mlp => "`fc1.weight`, `fc1.bias`, `fc2.weight` and `fc2.bias`",
		}
	}
}

impl std::str::FromStr for Arch {
	type Err = Error;

	fn from_str(s: &str) -> Result<Self> {
		match s {
			"softmax" => Ok(Arch::Softmax),
			"mlp" => Ok(Arch::Mlp),
			other => Err(Error::invalid("architecture", format!("`{other}` (use softmax or mlp)"))),
		}
	}
}

/// A linear layer: `out × (inp + 1)` row-major weights, the bias in the last column.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
	/// Output units.
	pub out: usize,
	/// Inputs (without the constant 1 of the bias).
	pub inp: usize,
	/// Row-major `out × (inp + 1)`.
	pub weights: Vec<f64>,
}

impl Layer {
	/// A layer of zeros.
	pub fn zeros(out: usize, inp: usize) -> Self {
		Layer { out, inp, weights: vec![0.0; out * (inp + 1)] }
	}

	/// Columns of the weight matrix: inputs plus the bias.
	pub fn width(&self) -> usize {
		self.inp + 1
	}

	/// The number of parameters.
	pub fn len(&self) -> usize {
		self.out * self.width()
	}

	/// Whether the layer has no parameters.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The weights as an `out × (inp + 1)` tensor.
	pub fn tensor(&self, device: &Device) -> Result<Tensor> {
		Ok(Tensor::from_slice(&self.weights, (self.out, self.width()), device)?)
	}

	/// The weights without the bias column, `out × inp`.
	pub fn weight_tensor(&self, device: &Device) -> Result<Tensor> {
		Ok(self.tensor(device)?.narrow(1, 0, self.inp)?)
	}
}

/// A model: its architecture and its layers (one for softmax, two for the MLP).
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
	/// The architecture.
	pub arch: Arch,
	/// The layers, input first.
	pub layers: Vec<Layer>,
}

/// The activations of a forward pass over `n` rows.
#[derive(Clone)]
pub struct Forward {
	/// The augmented input of each layer, `n × (inp + 1)`.
	pub inputs: Vec<Tensor>,
	/// For the MLP: 1 where the hidden pre-activation is positive, else 0, `n × hidden`.
	pub active: Option<Tensor>,
	/// The logits, `n × classes`.
	pub logits: Tensor,
	/// The class probabilities, `n × classes`.
	pub probs: Tensor,
}

impl Forward {
	/// The memory its tensors hold, in bytes.
	pub fn bytes(&self) -> usize {
		let tensors = self.inputs.iter().chain(self.active.as_ref()).chain([&self.logits, &self.probs]);
		tensors.map(|t| t.elem_count() * t.dtype().size_in_bytes()).sum()
	}
}

/// The per-row gradient factors of a batch: row `i`'s loss gradient with respect to layer `ℓ`
/// is `deltas[ℓ][i] ⊗ inputs[ℓ][i]`.
pub struct Signals {
	/// The forward pass.
	pub forward: Forward,
	/// The output error of each layer, `n × out`.
	pub deltas: Vec<Tensor>,
}

/// Labelled rows prepared for the model: augmented features and one-hot labels.
pub struct Batch {
	/// `n × (features + 1)`, last column 1.
	pub input: Tensor,
	/// `n × classes`.
	pub onehot: Tensor,
	/// The labels.
	pub labels: Vec<u32>,
}

impl Batch {
	/// Prepares `data` for a model with `classes` classes.
	pub fn new(data: &Dataset, classes: usize, device: &Device) -> Result<Self> {
		let n = data.len();
		let x = data.tensor(device)?;
		let input = Tensor::cat(&[&x, &Tensor::ones((n, 1), DType::F64, device)?], 1)?;
		let mut onehot = vec![0.0; n * classes];
		for (i, &label) in data.labels.iter().enumerate() {
			let label = label as usize;
			if label >= classes {
				return Err(Error::invalid("label", format!("{label} in a model of {classes} classes")));
			}
			if let Some(slot) = onehot.get_mut(i * classes + label) {
				*slot = 1.0;
			}
		}
		Ok(Batch { input, onehot: Tensor::from_vec(onehot, (n, classes), device)?, labels: data.labels.clone() })
	}

	/// The number of rows.
	pub fn len(&self) -> usize {
		self.labels.len()
	}

	/// Whether there are no rows.
	pub fn is_empty(&self) -> bool {
		self.labels.is_empty()
	}
}

impl Model {
	/// A model of the given shape: softmax weights are zeros; MLP weights are drawn from a
	/// seeded normal distribution (He for the hidden layer), biases are zeros.
	pub fn init(arch: Arch, features: usize, hidden: usize, classes: usize, seed: u64) -> Self {
		match arch {
			Arch::Softmax => Model { arch, layers: vec![Layer::zeros(classes, features)] },
			Arch::Mlp => {
				let mut rng = Rng::new(seed);
				let mut layer = |out: usize, inp: usize, scale: f64| {
					let mut l = Layer::zeros(out, inp);
					for o in 0..out {
						for i in 0..inp {
							if let Some(w) = l.weights.get_mut(o * (inp + 1) + i) {
								*w = rng.normal() * scale;
							}
						}
					}
					l
				};
				let fc1 = layer(hidden, features, (2.0 / features.max(1) as f64).sqrt());
				let fc2 = layer(classes, hidden, (1.0 / hidden.max(1) as f64).sqrt());
				Model { arch, layers: vec![fc1, fc2] }
			},
		}
	}

	/// Features per input row.
	pub fn features(&self) -> usize {
		self.layers.first().map_or(0, |l| l.inp)
	}

	/// Output classes.
	pub fn classes(&self) -> usize {
		self.layers.last().map_or(0, |l| l.out)
	}

	/// The number of parameters.
	pub fn num_params(&self) -> usize {
		self.layers.iter().map(Layer::len).sum()
	}

	/// All parameters, layer by layer, each row-major with its bias column.
	pub fn params(&self) -> Vec<f64> {
		self.layers.iter().flat_map(|l| l.weights.iter().copied()).collect()
	}

	/// The same model with the parameters `theta` (as [`Model::params`] orders them).
	///
	/// # Panics
	/// If `theta`'s length is not the number of parameters.
	#[track_caller]
	pub fn with_params(&self, theta: &[f64]) -> Self {
		let params = self.num_params();
		assert_eq!(theta.len(), params, "Model::with_params: {} values for {params} parameters", theta.len());
		let mut model = self.clone();
		let mut offset = 0;
		for layer in &mut model.layers {
			let len = layer.len();
			layer.weights.copy_from_slice(&theta[offset..offset + len]);
			offset += len;
		}
		model
	}

	/// 1 for each penalised parameter (weights), 0 for each bias.
	pub fn penalised(&self) -> Vec<f64> {
		self.layers
			.iter()
			.flat_map(|l| (0..l.len()).map(move |k| if k % l.width() == l.inp { 0.0 } else { 1.0 }))
			.collect()
	}

	/// A content hash of the architecture and parameters: the cache key of the training side.
	pub fn hash(&self) -> Hash {
		let mut hasher = Blake2b::<U32>::new();
		hasher.update(self.arch.name().as_bytes());
		for layer in &self.layers {
			hasher.update((layer.out as u64).to_le_bytes());
			hasher.update((layer.inp as u64).to_le_bytes());
			for w in &layer.weights {
				hasher.update(w.to_le_bytes());
			}
		}
		hasher.finalize().into()
	}

	/// Reads a `.safetensors` model of architecture `arch`. Fails naming a missing tensor, a
	/// shape that does not fit the architecture, or a value that is not finite.
	pub fn load(path: &Path, arch: Arch) -> Result<Self> {
		let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
		Self::from_safetensors(&bytes, arch, &path.display())
	}

	/// Reads a model of architecture `arch` from the bytes of a `.safetensors` file.
	pub fn from_bytes(bytes: &[u8], arch: Arch) -> Result<Self> {
		Self::from_safetensors(bytes, arch, &"the model")
	}

	/// `bytes` as a `.safetensors` model of `arch`; `source` names them in the error.
	fn from_safetensors(bytes: &[u8], arch: Arch, source: &dyn std::fmt::Display) -> Result<Self> {
		let tensors = candle_core::safetensors::load_buffer(bytes, &Device::Cpu)
			.map_err(|e| Error::invalid("model file", format!("{source} is not a safetensors file: {e}")))?;
		Self::from_tensors(arch, &tensors)
	}

	/// A model of architecture `arch` from named tensors.
	pub fn from_tensors(arch: Arch, tensors: &HashMap<String, Tensor>) -> Result<Self> {
		let get = |name: &str| {
			tensors.get(name).ok_or_else(|| Error::MissingTensor {
				name: name.to_string(),
				arch: arch.name(),
				expected: arch.expected(),
			})
		};
		let mut layers = Vec::new();
		for &(weight_name, bias_name) in arch.tensor_names() {
			let weight = get(weight_name)?;
			let bias = get(bias_name)?;
			let (out, inp) = match weight.dims() {
				&[out, inp] => (out, inp),
				dims => return Err(Error::shape(format!("`{weight_name}` has shape {dims:?}, not [out, in]"))),
			};
			if bias.dims() != [out] {
				return Err(Error::shape(format!(
					"`{bias_name}` has shape {:?}, `{weight_name}` needs [{out}]",
					bias.dims()
				)));
			}
			if let Some(previous) = layers.last().map(|l: &Layer| l.out) {
				if previous != inp {
					return Err(Error::shape(format!(
						"`{weight_name}` takes {inp} inputs, the layer before gives {previous}"
					)));
				}
			}
			let w: Vec<Vec<f64>> = weight.to_dtype(DType::F64)?.to_vec2()?;
			let b: Vec<f64> = bias.to_dtype(DType::F64)?.to_vec1()?;
			let mut layer = Layer::zeros(out, inp);
			for (o, (row, bias)) in w.iter().zip(&b).enumerate() {
				for (i, &value) in row.iter().chain(std::iter::once(bias)).enumerate() {
					if !value.is_finite() {
						let name = if i == inp { bias_name } else { weight_name };
						return Err(Error::NotFinite { what: format!("a value of `{name}`") });
					}
					if let Some(slot) = layer.weights.get_mut(o * (inp + 1) + i) {
						*slot = value;
					}
				}
			}
			if out == 0 || inp == 0 {
				return Err(Error::shape(format!("`{weight_name}` has shape [{out}, {inp}]")));
			}
			layers.push(layer);
		}
		Ok(Model { arch, layers })
	}

	/// The named tensors of the model's `.safetensors` file (in `f64`).
	pub fn tensors(&self) -> Result<HashMap<String, Tensor>> {
		let mut map = HashMap::new();
		for (layer, &(weight_name, bias_name)) in self.layers.iter().zip(self.arch.tensor_names()) {
			let t = layer.tensor(&Device::Cpu)?;
			map.insert(weight_name.to_string(), t.narrow(1, 0, layer.inp)?.contiguous()?);
			map.insert(bias_name.to_string(), t.narrow(1, layer.inp, 1)?.flatten_all()?);
		}
		Ok(map)
	}

	/// Writes the model as `.safetensors`.
	pub fn save(&self, path: &Path) -> Result<()> {
		candle_core::safetensors::save(&self.tensors()?, path).map_err(|e| match e {
			candle_core::Error::Io(source) => Error::Io { path: path.to_path_buf(), source },
			other => Error::Candle(other),
		})
	}

	/// The forward pass over a batch of augmented inputs (`n × (features + 1)`).
	pub fn forward(&self, input: &Tensor) -> Result<Forward> {
		let device = input.device();
		let mut inputs = vec![input.clone()];
		let mut active = None;
		let mut x = input.clone();
		let last = self.layers.len().saturating_sub(1);
		for (k, layer) in self.layers.iter().enumerate() {
			let z = x.matmul(&layer.tensor(device)?.t()?)?;
			if k == last {
				x = z;
			} else {
				active = Some(z.gt(0.0)?.to_dtype(DType::F64)?);
				let h = z.relu()?;
				let n = h.dim(0)?;
				x = Tensor::cat(&[&h, &Tensor::ones((n, 1), DType::F64, device)?], 1)?;
				inputs.push(x.clone());
			}
		}
		let logits = x;
		let max = logits.max_keepdim(D::Minus1)?;
		let e = logits.broadcast_sub(&max)?.exp()?;
		let probs = e.broadcast_div(&e.sum_keepdim(D::Minus1)?)?;
		Ok(Forward { inputs, active, logits, probs })
	}

	/// The forward pass and the output error of every layer, for rows labelled `onehot`.
	pub fn signals(&self, input: &Tensor, onehot: &Tensor) -> Result<Signals> {
		let forward = self.forward(input)?;
		let output_error = (&forward.probs - onehot)?;
		let mut deltas = vec![output_error];
		// Back through the hidden layer: δ₁ = (δ₂ W₂) ∘ 1[z₁ > 0].
		if let (Some(active), Some(top)) = (&forward.active, self.layers.last()) {
			let w2 = top.weight_tensor(input.device())?;
			let back = deltas.first().map(|d| d.matmul(&w2)).transpose()?;
			if let Some(back) = back {
				deltas.insert(0, (back * active)?);
			}
		}
		Ok(Signals { forward, deltas })
	}

	/// The cross-entropy loss of each row.
	pub fn row_losses(forward: &Forward, labels: &[u32]) -> Result<Vec<f64>> {
		let logits: Vec<Vec<f64>> = forward.logits.to_vec2()?;
		Ok(logits
			.iter()
			.zip(labels)
			.map(|(row, &label)| {
				let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
				let lse = max + row.iter().map(|z| (z - max).exp()).sum::<f64>().ln();
				lse - row.get(label as usize).copied().unwrap_or(f64::NAN)
			})
			.collect())
	}

	/// The training objective `(1/n) Σ CE + (l2/2)‖weights‖²` and its gradient.
	pub fn objective(&self, batch: &Batch, l2: f64) -> Result<(f64, Vec<f64>)> {
		let n = batch.len().max(1) as f64;
		let signals = self.signals(&batch.input, &batch.onehot)?;
		let losses = Self::row_losses(&signals.forward, &batch.labels)?;
		let mut grad = Vec::with_capacity(self.num_params());
		for (delta, input) in signals.deltas.iter().zip(&signals.forward.inputs) {
			let g: Vec<f64> = (delta.t()?.matmul(input)? / n)?.flatten_all()?.to_vec1()?;
			grad.extend(g);
		}
		let theta = self.params();
		let mask = self.penalised();
		let mut penalty = 0.0;
		for ((g, &t), &m) in grad.iter_mut().zip(&theta).zip(&mask) {
			*g += l2 * m * t;
			penalty += m * t * t;
		}
		Ok((losses.iter().sum::<f64>() / n + 0.5 * l2 * penalty, grad))
	}

	/// The magnitude of one row's logit computation: the largest over classes of the sum of
	/// the absolute values of the terms that make its logit (through the hidden layer, for the
	/// MLP, with absolute weights and inputs). Rounding in a computation of that size errs by
	/// about the precision times it — the scale of the tie rule ([`crate::verify::answers`]).
	pub fn logit_magnitude(&self, features: &[f64]) -> Result<f64> {
		self.check_row(features)?;
		let mut x: Vec<f64> = features.iter().map(|v| v.abs()).chain([1.0]).collect();
		let last = self.layers.len().saturating_sub(1);
		for (k, layer) in self.layers.iter().enumerate() {
			let z: Vec<f64> = layer
				.weights
				.chunks_exact(layer.width())
				.map(|row| row.iter().zip(&x).map(|(w, v)| w.abs() * v).sum())
				.collect();
			x = if k == last { z } else { z.into_iter().chain([1.0]).collect() };
		}
		Ok(x.into_iter().fold(0.0, f64::max))
	}

	/// Whether `data` can be this model's training rows: some, of its width.
	pub fn check_training_rows(&self, data: &Dataset) -> Result<()> {
		if data.is_empty() {
			return Err(Error::Empty("the training data".into()));
		}
		if data.dim != self.features() {
			return Err(Error::shape(format!(
				"training rows have {} features, the model expects {}",
				data.dim,
				self.features()
			)));
		}
		Ok(())
	}

	/// The logits of one row, in plain arithmetic.
	pub fn logits(&self, features: &[f64]) -> Result<Vec<f64>> {
		self.check_row(features)?;
		Ok(self.plain_forward(features).2)
	}

	fn check_row(&self, features: &[f64]) -> Result<()> {
		if features.len() != self.features() {
			return Err(Error::shape(format!(
				"a query with {} features, the model expects {}",
				features.len(),
				self.features()
			)));
		}
		if let Some(k) = features.iter().position(|x| !x.is_finite()) {
			return Err(Error::NotFinite { what: format!("query feature {}", k + 1) });
		}
		Ok(())
	}

	/// One row's forward pass: the augmented input of each layer, the hidden units' activity
	/// (empty for softmax regression), the logits.
	fn plain_forward(&self, features: &[f64]) -> (Vec<Vec<f64>>, Vec<bool>, Vec<f64>) {
		let mut inputs: Vec<Vec<f64>> = Vec::with_capacity(self.layers.len());
		let mut active: Vec<bool> = Vec::new();
		let mut x: Vec<f64> = features.iter().copied().chain([1.0]).collect();
		let last = self.layers.len().saturating_sub(1);
		for (k, layer) in self.layers.iter().enumerate() {
			let z: Vec<f64> = layer.weights.chunks_exact(layer.width()).map(|row| dot(row, &x)).collect();
			inputs.push(std::mem::take(&mut x));
			if k == last {
				x = z;
			} else {
				active = z.iter().map(|&v| v > 0.0).collect();
				x = z.iter().map(|&v| v.max(0.0)).chain([1.0]).collect();
			}
		}
		(inputs, active, x)
	}

	/// The gradient of one row's loss (no penalty), computed directly in plain arithmetic: the
	/// query side of every method, where a tensor pass would cost more in overhead than in
	/// work.
	pub fn row_gradient(&self, features: &[f64], label: u32) -> Result<Vec<f64>> {
		self.check_row(features)?;
		let classes = self.classes();
		if label as usize >= classes {
			return Err(Error::invalid("label", format!("{label} in a model of {classes} classes")));
		}
		let (inputs, active, x) = self.plain_forward(features);
		// Output error p − e_y, then back through the hidden layer.
		let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
		let exp: Vec<f64> = x.iter().map(|z| (z - max).exp()).collect();
		let total: f64 = exp.iter().sum();
		let mut output_error: Vec<f64> = exp.iter().map(|e| e / total).collect();
		if let Some(e) = output_error.get_mut(label as usize) {
			*e -= 1.0;
		}
		let mut deltas = vec![output_error];
		if let (Some(top), false) = (self.layers.last(), active.is_empty()) {
			let top_error = &deltas[0];
			let hidden: Vec<f64> = (0..top.inp)
				.map(|j| {
					let back: f64 = (0..top.out).map(|c| top_error[c] * top.weights[c * top.width() + j]).sum();
					if active[j] {
						back
					} else {
						0.0
					}
				})
				.collect();
			deltas.insert(0, hidden);
		}
		let mut grad = Vec::with_capacity(self.num_params());
		for (delta, input) in deltas.iter().zip(&inputs) {
			for &d in delta {
				grad.extend(input.iter().map(|a| d * a));
			}
		}
		Ok(grad)
	}

	/// The loss of each row of `data`.
	pub fn losses(&self, data: &Dataset) -> Result<Vec<f64>> {
		let batch = Batch::new(data, self.classes(), &crate::device())?;
		Self::row_losses(&self.forward(&batch.input)?, &batch.labels)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn model(arch: Arch) -> Model {
		let mut m = Model::init(arch, 3, 4, 2, 11);
		// Non-zero softmax weights and biases, so that every term matters.
		let theta: Vec<f64> = (0..m.num_params()).map(|k| ((k * 7 % 5) as f64 - 2.0) * 0.3).collect();
		m = m.with_params(&theta);
		m
	}

	#[test]
	fn gradient_matches_finite_differences() {
		let data = Dataset::synthetic(12, 3, 2, 1.0, 0.2, 3);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let m = model(arch);
			let batch = Batch::new(&data, 2, &Device::Cpu).unwrap();
			let (_, grad) = m.objective(&batch, 0.1).unwrap();
			let theta = m.params();
			for k in 0..theta.len() {
				let h = 1e-6;
				let mut plus = theta.clone();
				plus[k] += h;
				let mut minus = theta.clone();
				minus[k] -= h;
				let fp = m.with_params(&plus).objective(&batch, 0.1).unwrap().0;
				let fm = m.with_params(&minus).objective(&batch, 0.1).unwrap().0;
				let numeric = (fp - fm) / (2.0 * h);
				assert!((numeric - grad[k]).abs() < 1e-6, "{arch:?} param {k}: {numeric} vs {}", grad[k]);
			}
		}
	}

	#[test]
	fn a_row_gradient_is_the_gradient_of_that_row_alone() {
		let data = Dataset::synthetic(5, 3, 2, 1.0, 0.2, 9);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let m = model(arch);
			for i in 0..data.len() {
				let one = data.select(&[i]);
				let batch = Batch::new(&one, 2, &Device::Cpu).unwrap();
				let (_, expected) = m.objective(&batch, 0.0).unwrap();
				let got = m.row_gradient(data.row(i), data.labels[i]).unwrap();
				for (a, b) in got.iter().zip(&expected) {
					assert!((a - b).abs() < 1e-14, "{arch:?} row {i}: {a} vs {b}");
				}
			}
			assert!(matches!(m.row_gradient(&[1.0], 0), Err(Error::ShapeMismatch { .. })));
			assert!(matches!(m.row_gradient(&[1.0, 2.0, 3.0], 2), Err(Error::Invalid { .. })));
		}
	}

	#[test]
	fn saves_and_loads_the_same_model() {
		let dir = std::env::temp_dir().join(format!("influence-model-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		for arch in [Arch::Softmax, Arch::Mlp] {
			let m = model(arch);
			let path = dir.join(format!("{}.safetensors", arch.name()));
			m.save(&path).unwrap();
			assert_eq!(Model::load(&path, arch).unwrap(), m);
			assert_eq!(Model::load(&path, arch).unwrap().hash(), m.hash());
		}
		// A softmax file is not an MLP.
		let error = Model::load(&dir.join("softmax.safetensors"), Arch::Mlp).unwrap_err();
		assert!(error.to_string().contains("no tensor `fc1.weight`"), "{error}");
	}

	#[test]
	fn refuses_bad_tensors() {
		let dev = Device::Cpu;
		let mut t = HashMap::new();
		t.insert("weight".to_string(), Tensor::zeros((2, 3), DType::F32, &dev).unwrap());
		t.insert("bias".to_string(), Tensor::zeros(3, DType::F32, &dev).unwrap());
		assert!(matches!(Model::from_tensors(Arch::Softmax, &t), Err(Error::ShapeMismatch { .. })));
		t.insert("bias".to_string(), Tensor::new(&[0f32, f32::NAN], &dev).unwrap());
		let error = Model::from_tensors(Arch::Softmax, &t).unwrap_err();
		assert!(error.to_string().contains("`bias` is not a finite number"), "{error}");
		t.insert("bias".to_string(), Tensor::zeros(2, DType::F32, &dev).unwrap());
		assert!(Model::from_tensors(Arch::Softmax, &t).is_ok());
	}

	#[test]
	#[should_panic(expected = "Model::with_params: 16 values for 17 parameters")]
	fn parameters_of_the_wrong_count_panic() {
		let m = Model::init(Arch::Mlp, 3, 2, 3, 1);
		m.with_params(&vec![0.0; m.num_params() - 1]);
	}
}
