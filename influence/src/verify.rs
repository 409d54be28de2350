//! Checking what model owners and providers claim, with what an attestor already holds: the
//! weights, the declared training rows and each query.
//!
//! - **Lineage** ([`lineage`]). Weights trained on rows are a stationary point of the objective
//!   over those rows, `(1/n)·Σ CE + (l2/2)·‖weights‖²`: its gradient there is zero up to the
//!   rounding of the weights to `f32`. Weights trained on other rows — a copy in another datanet
//!   stands in for the same rows, so the copy is not caught; but one foreign row, a few changed
//!   labels, half the data — are not: each row of the declared data the model never saw adds
//!   its own loss gradient over `n`. The check cannot be fooled by a row that it misses but
//!   that earns much: a foreign row passes only if its gradient is below `n·tolerance`, and a
//!   row's influence on any query is proportional to its gradient.
//!   - Softmax regression is convex and smooth: the whole gradient is checked.
//!   - The ReLU MLP's objective has kinks (a hidden unit turning on or off for some row), and its
//!     optimum often sits on one, where the gradient of the hidden layer does not vanish (it
//!     jumps by about `1/n`). The output layer sees no kink: given the hidden layer, the objective
//!     is a smooth convex function of it, and [`crate::train`] polishes it to its optimum. So
//!     for the MLP the check covers the output layer's gradient only. What that proves: the
//!     output layer is what training on the declared rows gives, for the hidden layer the model
//!     has; a foreign row, changed labels or missing rows show there as in softmax regression.
//!     What it does not prove: that the hidden layer was trained on those rows — a hidden layer
//!     trained anywhere, with the output layer then fitted to the declared rows, passes.
//! - **Outputs** ([`answers`]). For these deterministic architectures an output is the model's
//!   answer when its class has the largest logit. Tie rule: any class whose logit is within
//!   [`TIE`] of the largest, relative to the magnitude of the logits' computation, is accepted,
//!   so that the rounding of a provider running the model in `f32` cannot make its honest answer
//!   false, whatever the input. The output is checked on the input as given (a provider answers
//!   that), before the input is clipped for scoring.
//! - **Query range** ([`Range`]). A query's features are clipped to the training rows' range per
//!   feature, widened by [`RANGE_MARGIN`] of its span on each side, before it is scored: an
//!   input of huge norm cannot carry a huge gradient.

use crate::{
	model::{Arch, Batch, Model},
	Dataset, Error, Result,
};

/// The largest Euclidean norm of the checked gradient (see the module docs) that weights
/// consistent with their declared rows may show. Honest `f32` weights of the 8×8 digits show
/// about 1e-7 (softmax regression) and 1e-9 (the MLP's output layer); one foreign row, five
/// changed labels or half the rows show 1e-3 and more (`docs/PERFORMANCE.md`).
pub const LINEAGE_TOLERANCE: f64 = 1e-5;

/// The tie rule of [`answers`]: an output class is the model's answer when its logit is at
/// least the largest minus `TIE × (1 + m)`, `m` the magnitude of the logits' computation
/// ([`Model::logit_magnitude`]: the sum of its terms' absolute values). Rounding errs by about
/// the precision times `m` — 6e-8 × `m` for a provider running the model in `f32` — so no
/// input, however large or however its terms cancel, can make an honest provider's answer
/// false; the classes within the margin are ones the model cannot tell apart, so choosing among
/// them steers nothing.
pub const TIE: f64 = 1e-4;

/// How far beyond the training rows' range a query feature may lie before it is clipped, as a
/// fraction of that feature's span in the training rows.
pub const RANGE_MARGIN: f64 = 0.1;

/// Which parameters the lineage check covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
	/// Every parameter (softmax regression).
	All,
	/// The output layer's (the MLP: see the module docs).
	OutputLayer,
}

/// What [`lineage`] measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lineage {
	/// The Euclidean norm of the objective's gradient over the checked parameters.
	pub gradient: f64,
	/// The largest norm consistent with the declared rows ([`LINEAGE_TOLERANCE`]).
	pub tolerance: f64,
	/// The parameters checked.
	pub scope: Scope,
}

impl Lineage {
	/// Whether the weights are consistent with the declared rows.
	pub fn consistent(&self) -> bool {
		self.gradient <= self.tolerance
	}
}

/// Whether `model` is a stationary point of `(1/n)·Σ CE + (l2/2)·‖weights‖²` over `data` (see
/// the module docs). The order of the rows does not matter.
pub fn lineage(model: &Model, data: &Dataset, l2: f64) -> Result<Lineage> {
	model.check_training_rows(data)?;
	if !(l2.is_finite() && l2 >= 0.0) {
		return Err(Error::invalid("l2", format!("{l2} (it must be a finite number ≥ 0)")));
	}
	if let Some(label) = data.labels.iter().find(|&&y| y as usize >= model.classes()) {
		return Err(Error::invalid("label", format!("{label} in a model of {} classes", model.classes())));
	}
	let batch = Batch::new(data, model.classes(), &crate::device())?;
	let (_, gradient) = model.objective(&batch, l2)?;
	let (scope, checked) = match model.arch {
		Arch::Softmax => (Scope::All, &gradient[..]),
		Arch::Mlp => {
			let top = model.layers.last().map_or(0, |l| l.len());
			(Scope::OutputLayer, gradient.get(gradient.len().saturating_sub(top)..).unwrap_or(&[]))
		},
	};
	let norm = checked.iter().map(|g| g * g).sum::<f64>().sqrt();
	if !norm.is_finite() {
		return Err(Error::NotFinite { what: "the objective's gradient".into() });
	}
	Ok(Lineage { gradient: norm, tolerance: LINEAGE_TOLERANCE, scope })
}

/// Whether `label` is `model`'s answer to `features`, under the tie rule [`TIE`].
pub fn answers(model: &Model, features: &[f64], label: u32) -> Result<bool> {
	let logits = model.logits(features)?;
	let largest = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
	let Some(&given) = logits.get(label as usize) else {
		return Err(Error::invalid("label", format!("{label} in a model of {} classes", logits.len())));
	};
	let margin = TIE * (1.0 + model.logit_magnitude(features)?);
	Ok(given >= largest - margin)
}

/// The range of each feature over some training rows, widened by [`RANGE_MARGIN`].
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
	low: Vec<f64>,
	high: Vec<f64>,
}

impl Range {
	/// The widened range of `data`'s features (none, for no rows: nothing is clipped).
	pub fn of(data: &Dataset) -> Self {
		let mut low = vec![f64::INFINITY; data.dim];
		let mut high = vec![f64::NEG_INFINITY; data.dim];
		for i in 0..data.len() {
			for ((l, h), &x) in low.iter_mut().zip(high.iter_mut()).zip(data.row(i)) {
				*l = l.min(x);
				*h = h.max(x);
			}
		}
		for (l, h) in low.iter_mut().zip(high.iter_mut()) {
			let margin = RANGE_MARGIN * (*h - *l);
			*l -= margin;
			*h += margin;
		}
		Range { low, high }
	}

	/// `queries` with every feature clipped into the range; returns how many values moved.
	pub fn clip(&self, queries: &mut Dataset) -> usize {
		let mut moved = 0;
		let dim = queries.dim.max(1);
		for (k, x) in queries.features.iter_mut().enumerate() {
			let (Some(&l), Some(&h)) = (self.low.get(k % dim), self.high.get(k % dim)) else { continue };
			if l > h {
				continue;
			}
			let clipped = x.clamp(l, h);
			if clipped != *x {
				*x = clipped;
				moved += 1;
			}
		}
		moved
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::train::{train, Options};

	fn trained(arch: Arch, data: &Dataset) -> Model {
		let options = Options { l2: 1e-2, hidden: 8, tolerance: 1e-10, ..Default::default() };
		let model = train(arch, data, None, &options).unwrap().model;
		// rounded to f32, as weights exported by other tools are
		let rounded: Vec<f64> = model.params().iter().map(|&w| f64::from(w as f32)).collect();
		model.with_params(&rounded)
	}

	fn shuffled(data: &Dataset, seed: u64) -> Dataset {
		let mut order: Vec<usize> = (0..data.len()).collect();
		let mut rng = crate::rng::Rng::new(seed);
		for i in (1..order.len()).rev() {
			order.swap(i, rng.below(i + 1));
		}
		data.select(&order)
	}

	/// The weights are consistent with the rows they were trained on, in any order, and with no
	/// other rows: half of them, the rows plus one crafted row, five changed labels, other data.
	#[test]
	fn a_lineage_is_consistent_with_its_own_rows_only() {
		let data = Dataset::synthetic(300, 6, 3, 1.5, 0.05, 21);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let model = trained(arch, &data);
			let own = lineage(&model, &data, 1e-2).unwrap();
			assert!(own.consistent(), "{arch:?}: {own:?}");
			assert_eq!(own.scope, if arch == Arch::Softmax { Scope::All } else { Scope::OutputLayer });
			let reordered = lineage(&model, &shuffled(&data, 5), 1e-2).unwrap();
			assert!(reordered.consistent() && (reordered.gradient - own.gradient).abs() < 1e-9);

			let half = data.select(&(0..150).collect::<Vec<_>>());
			let mut crafted = data.clone();
			crafted.features.extend([3.0, -2.0, 0.5, 1.0, 0.0, 2.0]);
			crafted.labels.push(2);
			let mut relabelled = data.clone();
			for y in relabelled.labels.iter_mut().take(5) {
				*y = (*y + 1) % 3;
			}
			let other = Dataset::synthetic(300, 6, 3, 1.5, 0.05, 22);
			for (name, rows) in [("half", half), ("crafted", crafted), ("relabelled", relabelled), ("other", other)] {
				let verdict = lineage(&model, &rows, 1e-2).unwrap();
				assert!(!verdict.consistent(), "{arch:?} {name}: {verdict:?}");
			}
			// another penalty than the one trained with
			assert!(!lineage(&model, &data, 2e-2).unwrap().consistent(), "{arch:?} l2");
		}
	}

	#[test]
	fn bad_lineage_input_is_an_error() {
		let data = Dataset::synthetic(30, 4, 3, 1.5, 0.05, 2);
		let model = trained(Arch::Softmax, &data);
		let narrow = Dataset::synthetic(30, 3, 3, 1.5, 0.05, 2);
		assert!(matches!(lineage(&model, &narrow, 1e-2), Err(Error::ShapeMismatch { .. })));
		assert!(matches!(lineage(&model, &data, -1.0), Err(Error::Invalid { what: "l2", .. })));
		let mut four = data.clone();
		four.labels[0] = 3;
		assert!(matches!(lineage(&model, &four, 1e-2), Err(Error::Invalid { what: "label", .. })));
	}

	/// The model's answer is its largest logit's class; a class within the tie rule of it also
	/// counts.
	#[test]
	fn outputs_are_checked_against_the_models_answer() {
		let data = Dataset::synthetic(200, 5, 4, 2.0, 0.0, 8);
		for arch in [Arch::Softmax, Arch::Mlp] {
			let model = trained(arch, &data);
			for i in 0..20 {
				let logits = model.logits(data.row(i)).unwrap();
				let best = (0..4).max_by(|&a, &b| logits[a].total_cmp(&logits[b])).unwrap() as u32;
				for label in 0..4 {
					assert_eq!(answers(&model, data.row(i), label).unwrap(), label == best, "{arch:?} row {i}");
				}
			}
			assert!(answers(&model, data.row(0), 4).is_err());
		}
		// a tie: zero weights answer every class equally
		let zeros = Model::init(Arch::Softmax, 5, 0, 4, 0);
		assert!((0..4).all(|label| answers(&zeros, data.row(0), label).unwrap()));
	}

	/// The attack the tie rule's scale closes: inputs so large that a provider computing in `f32`
	/// answers differently from the attestors' `f64`. Whatever class the `f32` computation gives
	/// is accepted.
	#[test]
	fn a_provider_computing_in_f32_is_never_framed() {
		let data = Dataset::synthetic(200, 5, 4, 2.0, 0.0, 8);
		let model = trained(Arch::Softmax, &data);
		let layer = &model.layers[0];
		let mut rng = crate::rng::Rng::new(9);
		let mut differed = 0;
		for i in 0..400 {
			let scale = 10f64.powi(i % 31);
			let x: Vec<f64> = (0..5).map(|_| f64::from((rng.normal() * scale) as f32)).collect();
			// the provider's f32 logits
			let logits: Vec<f32> = layer
				.weights
				.chunks_exact(6)
				.map(|row| row[..5].iter().zip(&x).map(|(w, v)| *w as f32 * *v as f32).sum::<f32>() + row[5] as f32)
				.collect();
			let best = (0..4).max_by(|&a, &b| logits[a].total_cmp(&logits[b])).unwrap() as u32;
			let f64_best = {
				let l = model.logits(&x).unwrap();
				(0..4).max_by(|&a, &b| l[a].total_cmp(&l[b])).unwrap() as u32
			};
			differed += usize::from(best != f64_best);
			assert!(answers(&model, &x, best).unwrap(), "input {i} at scale {scale:e}");
		}
		// the rule is not so loose that it accepts anything: wrong classes are still refused
		let refused = (0..200).filter(|&i| !answers(&model, data.row(i), (data.labels[i] + 2) % 4).unwrap()).count();
		assert!(refused > 150, "{refused} of 200 wrong answers refused ({differed} f32 answers differed)");
	}

	#[test]
	fn queries_are_clipped_to_the_training_range() {
		let data = Dataset::new(vec![0.0, 10.0, 1.0, 20.0, 2.0, 10.0], vec![0, 1, 0], 2).unwrap();
		let range = Range::of(&data);
		let mut queries = Dataset::new(vec![1.5, 15.0, -100.0, 1e9, 2.1, 9.5], vec![0, 1, 1], 2).unwrap();
		assert_eq!(range.clip(&mut queries), 2);
		assert_eq!(queries.features, vec![1.5, 15.0, -0.2, 21.0, 2.1, 9.5]);
	}
}
