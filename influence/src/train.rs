//! Training to the optimum: full-batch, deterministic, double precision — so that
//! leave-one-out retraining measures the effect of one row and nothing else.
//!
//! Softmax regression is convex: Newton's method with the exact Hessian (a Cholesky solve per
//! step) and a backtracking line search converges to machine precision in a few steps. The MLP
//! is trained with L-BFGS and the same line search. Both stop when the largest gradient entry
//! is below the tolerance, or when no step decreases the objective any more.
//!
//! A ReLU network's objective has kinks (where a hidden unit turns on or off for some row), and
//! its optimum often sits on one: there the gradient jumps by about `1/n` and never vanishes.
//! L-BFGS therefore also stops when the objective has stopped decreasing: less than
//! [`STALL_DECREASE`] (relative) over the last [`STALL_STEPS`] steps.

use crate::{
	curvature::Curvature,
	engine::CHOLESKY_MAX_PARAMS,
	linalg::{dot, Cholesky},
	model::{Arch, Batch, Model},
	Dataset, Error, Result,
};

/// See the module docs: L-BFGS stops when the objective decreased by less than this
/// (relative) over the last [`STALL_STEPS`] steps.
pub const STALL_DECREASE: f64 = 1e-13;

/// See [`STALL_DECREASE`].
pub const STALL_STEPS: usize = 50;

/// How to train.
#[derive(Clone, Debug)]
pub struct Options {
	/// The penalty `l2` of the objective.
	pub l2: f64,
	/// Stop when `max |∇|` is below this.
	pub tolerance: f64,
	/// Give up after this many steps.
	pub max_steps: usize,
	/// Newton's method gives up after this many steps (each a Hessian and its factorisation),
	/// if `max_steps` has not stopped it first; at most [`NEWTON_MAX_STEPS`].
	pub newton_steps: usize,
	/// Give up after this many passes over the rows in line searches (each an objective and its
	/// gradient; a line search may take up to 60), Newton's method's or L-BFGS's: retraining's
	/// budget. Unlimited by default.
	pub max_passes: usize,
	/// Hidden units of a new MLP.
	pub hidden: usize,
	/// Seed of a new MLP's initial weights.
	pub seed: u64,
	/// When `max_steps` run out before the tolerance is met, return the point reached rather
	/// than [`Error::NotConverged`]. Always so for the MLP, whose hidden layer the kinks may
	/// stop for good (see the module docs), and whose output layer is then polished.
	pub best_effort: bool,
}

impl Default for Options {
	fn default() -> Self {
		Options {
			l2: 1e-2,
			tolerance: 1e-9,
			max_steps: 20_000,
			newton_steps: NEWTON_MAX_STEPS,
			max_passes: usize::MAX,
			hidden: 32,
			seed: 0,
			best_effort: false,
		}
	}
}

/// What training did.
#[derive(Clone, Debug)]
pub struct Report {
	/// The trained model.
	pub model: Model,
	/// The objective at the end.
	pub objective: f64,
	/// `max |∇|` at the end.
	pub gradient: f64,
	/// Steps taken.
	pub steps: usize,
}

fn max_abs(v: &[f64]) -> f64 {
	v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// Trains a new model of `arch` on `data` (classes: the largest label plus one, or `classes`
/// if given and larger).
pub fn train(arch: Arch, data: &Dataset, classes: Option<usize>, options: &Options) -> Result<Report> {
	if data.is_empty() {
		return Err(Error::Empty("the training data".into()));
	}
	let classes = classes.unwrap_or(0).max(data.classes_seen());
	if classes < 2 {
		return Err(Error::invalid("training data", "a classifier needs at least two classes"));
	}
	let start = Model::init(arch, data.dim, options.hidden, classes, options.seed);
	train_from(start, data, options)
}

/// Trains `start` further on `data` until the tolerance: leave-one-out retraining starts from
/// the full model.
pub fn train_from(start: Model, data: &Dataset, options: &Options) -> Result<Report> {
	if !(options.l2.is_finite() && options.l2 >= 0.0) {
		return Err(Error::invalid("l2", format!("{} (it must be a finite number ≥ 0)", options.l2)));
	}
	let batch = Batch::new(data, start.classes(), &crate::device())?;
	if start.arch == Arch::Softmax && start.num_params() <= CHOLESKY_MAX_PARAMS {
		newton(start, &batch, options)
	} else if start.arch == Arch::Mlp {
		// The kinks may stop the hidden layer short of the tolerance for good: the steps run out
		// and the point reached is kept, its output layer then taken to its optimum.
		let reached = lbfgs(start, &batch, &Options { best_effort: true, ..options.clone() })?;
		polish_output_layer(reached, &batch, options)
	} else {
		lbfgs(start, &batch, options)
	}
}

/// Takes an MLP's output layer to its optimum given the hidden layer: there the objective is
/// softmax regression on the hidden units (smooth and convex), which Newton's method solves to
/// machine precision. L-BFGS leaves the whole network where the kinks of the hidden layer stop
/// it (see the module docs), with the output layer's gradient small but not vanishing; the
/// lineage check ([`crate::verify::lineage`]) needs it to vanish. L-BFGS takes Newton's place
/// when the output layer has more parameters than Newton's method factorises.
fn polish_output_layer(report: Report, batch: &Batch, options: &Options) -> Result<Report> {
	let model = report.model;
	let Some(top) = model.layers.last().cloned() else { return Err(Error::invalid("model", "no layers")) };
	let forward = model.forward(&batch.input)?;
	let Some(hidden) = forward.inputs.last() else { return Err(Error::invalid("model", "no layers")) };
	// the hidden units' activity with the constant 1 of the bias: the output layer's input
	let hidden_batch = Batch { input: hidden.clone(), onehot: batch.onehot.clone(), labels: batch.labels.clone() };
	// to the rounding floor of the gradient, whatever the tolerance asked of the whole network
	let floor = Options { tolerance: 0.0, best_effort: true, ..options.clone() };
	let output_layer = Model { arch: Arch::Softmax, layers: vec![top] };
	let polished = if output_layer.num_params() <= CHOLESKY_MAX_PARAMS {
		newton(output_layer, &hidden_batch, &floor)?.model
	} else {
		// too many parameters to factorise: L-BFGS, which converges on this smooth convex problem
		lbfgs(output_layer, &hidden_batch, &Options { tolerance: 1e-12, ..floor })?.model
	};
	let mut layers = model.layers;
	if let (Some(last), Some(layer)) = (layers.last_mut(), polished.layers.into_iter().next()) {
		*last = layer;
	}
	let model = Model { arch: Arch::Mlp, layers };
	let (objective, grad) = model.objective(batch, options.l2)?;
	Ok(Report { model, objective, gradient: max_abs(&grad), steps: report.steps })
}

/// A point of the search: the parameters, the objective there and its gradient.
type Point = (Vec<f64>, f64, Vec<f64>);

/// Passes over the rows (objective and gradient) a training run has made in its line searches,
/// and the most it may make.
struct Passes {
	made: usize,
	max: usize,
}

impl Passes {
	/// Whether every pass allowed has been made.
	fn spent(&self) -> bool {
		self.made >= self.max
	}

	/// Whether another pass may be made (and counts it).
	fn take(&mut self) -> bool {
		let free = self.made < self.max;
		self.made = self.made.saturating_add(usize::from(free));
		free
	}
}

/// Backtracking (Armijo) along `direction` from `(theta, value, grad)`; returns the new point,
/// its objective and gradient, or `None` when no step decreases the objective (or `passes` run
/// out first).
fn line_search(
	model: &Model,
	batch: &Batch,
	l2: f64,
	(theta, value, grad): (&[f64], f64, &[f64]),
	direction: &[f64],
	passes: &mut Passes,
) -> Result<Option<Point>> {
	let slope = dot(grad, direction);
	if slope.is_nan() || slope >= 0.0 {
		return Ok(None);
	}
	let mut step = 1.0;
	for _ in 0..60 {
		if !passes.take() {
			break;
		}
		let next: Vec<f64> = theta.iter().zip(direction).map(|(t, d)| t + step * d).collect();
		let (next_value, next_grad) = model.with_params(&next).objective(batch, l2)?;
		if next_value.is_finite() && next_value <= value + 1e-4 * step * slope {
			return Ok(Some((next, next_value, next_grad)));
		}
		step *= 0.5;
	}
	Ok(None)
}

/// Newton steps needed at most: it converges quadratically, so more means something is wrong.
pub const NEWTON_MAX_STEPS: usize = 200;

fn newton(start: Model, batch: &Batch, options: &Options) -> Result<Report> {
	let mut theta = start.params();
	let (mut value, mut grad) = start.objective(batch, options.l2)?;
	let mut polishing = 0;
	let max_steps = options.max_steps.min(options.newton_steps).min(NEWTON_MAX_STEPS);
	let mut passes = Passes { made: 0, max: options.max_passes };
	let mut taken = max_steps;
	for step in 0..max_steps {
		let done = |theta: &[f64], value, grad: &[f64]| Report {
			model: start.with_params(theta),
			objective: value,
			gradient: max_abs(grad),
			steps: step,
		};
		if max_abs(&grad) <= options.tolerance {
			return Ok(done(&theta, value, &grad));
		}
		let model = start.with_params(&theta);
		let forward = model.forward(&batch.input)?;
		let hessian = Curvature::new(&model, &forward, options.l2)?.matrix()?;
		// A tiny damping keeps the bias block (unpenalised) invertible on separable data.
		let direction: Vec<f64> =
			Cholesky::factor(hessian, 1e-12, "the training Hessian")?.solve(&grad).into_iter().map(|d| -d).collect();
		// Within rounding of the objective the line search cannot tell steps apart; this close
		// to the optimum the full Newton step is safe, and a few of them reach the gradient's
		// rounding floor.
		if -dot(&grad, &direction) <= 1e-14 * value.abs().max(1.0) {
			if polishing == 3 || !passes.take() {
				return Ok(done(&theta, value, &grad));
			}
			polishing += 1;
			theta = theta.iter().zip(&direction).map(|(t, d)| t + d).collect();
			(value, grad) = start.with_params(&theta).objective(batch, options.l2)?;
			continue;
		}
		match line_search(&model, batch, options.l2, (&theta, value, &grad), &direction, &mut passes)? {
			Some((t, v, g)) => {
				theta = t;
				value = v;
				grad = g;
			},
			None if passes.spent() => {
				taken = step;
				break;
			},
			// No decrease possible: the optimum to machine precision.
			None => return Ok(done(&theta, value, &grad)),
		}
	}
	out_of_steps("Newton's method", start.with_params(&theta), (value, &grad), taken, options)
}

/// Where training that ran out of steps (or passes) after `taken` steps ends: at `model`, whose
/// objective and gradient are `value` and `grad`, if `options` take the best effort; else
/// [`Error::NotConverged`].
fn out_of_steps(
	method: &str,
	model: Model,
	(value, grad): (f64, &[f64]),
	taken: usize,
	options: &Options,
) -> Result<Report> {
	if options.best_effort {
		return Ok(Report { model, objective: value, gradient: max_abs(grad), steps: taken });
	}
	Err(Error::NotConverged(format!("{method} in {taken} steps (max |∇| = {:e})", max_abs(grad))))
}

fn lbfgs(start: Model, batch: &Batch, options: &Options) -> Result<Report> {
	const MEMORY: usize = 20;
	let mut theta = start.params();
	let (mut value, mut grad) = start.objective(batch, options.l2)?;
	let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
	let mut recent: std::collections::VecDeque<f64> = Default::default();
	let mut passes = Passes { made: 0, max: options.max_passes };
	let mut taken = options.max_steps;
	for step in 0..options.max_steps {
		recent.push_back(value);
		if recent.len() > STALL_STEPS {
			recent.pop_front();
		}
		let stalled = recent.len() == STALL_STEPS
			&& recent.front().is_some_and(|&old| old - value <= STALL_DECREASE * value.abs().max(1.0));
		if max_abs(&grad) <= options.tolerance || stalled {
			return Ok(Report {
				model: start.with_params(&theta),
				objective: value,
				gradient: max_abs(&grad),
				steps: step,
			});
		}
		// Two-loop recursion: direction = −H⁻¹ ∇ with the L-BFGS inverse-Hessian estimate.
		let mut q = grad.clone();
		let mut alphas = Vec::with_capacity(history.len());
		for (s, y, rho) in history.iter().rev() {
			let alpha = rho * dot(s, &q);
			for (qi, yi) in q.iter_mut().zip(y) {
				*qi -= alpha * yi;
			}
			alphas.push(alpha);
		}
		if let Some((s, y, _)) = history.back() {
			let gamma = dot(s, y) / dot(y, y);
			q.iter_mut().for_each(|qi| *qi *= gamma);
		}
		for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
			let beta = rho * dot(y, &q);
			for (qi, si) in q.iter_mut().zip(s) {
				*qi += (alpha - beta) * si;
			}
		}
		let mut direction: Vec<f64> = q.into_iter().map(|d| -d).collect();
		let model = start.with_params(&theta);
		let mut found = line_search(&model, batch, options.l2, (&theta, value, &grad), &direction, &mut passes)?;
		if found.is_none() && !history.is_empty() {
			// Restart from steepest descent.
			history.clear();
			direction = grad.iter().map(|g| -g).collect();
			found = line_search(&model, batch, options.l2, (&theta, value, &grad), &direction, &mut passes)?;
		}
		let Some((next, next_value, next_grad)) = found else {
			if passes.spent() {
				taken = step;
				break;
			}
			return Ok(Report { model, objective: value, gradient: max_abs(&grad), steps: step });
		};
		let s: Vec<f64> = next.iter().zip(&theta).map(|(a, b)| a - b).collect();
		let y: Vec<f64> = next_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
		let sy = dot(&s, &y);
		if sy > 1e-300 {
			if history.len() == MEMORY {
				history.pop_front();
			}
			history.push_back((s, y, 1.0 / sy));
		}
		theta = next;
		value = next_value;
		grad = next_grad;
	}
	out_of_steps("L-BFGS", start.with_params(&theta), (value, &grad), taken, options)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn softmax_reaches_a_stationary_point() {
		let data = Dataset::synthetic(200, 4, 3, 1.0, 0.1, 1);
		let report = train(Arch::Softmax, &data, None, &Options { l2: 1e-2, ..Default::default() }).unwrap();
		assert!(report.gradient <= 1e-9, "max |∇| = {}", report.gradient);
		assert!(report.steps < 30, "{} Newton steps", report.steps);
		// Better than chance on its own training data.
		let losses = report.model.losses(&data).unwrap();
		assert!(losses.iter().sum::<f64>() / 200.0 < (3f64).ln());
	}

	/// Retraining's budgets (`engine::RETRAIN_NEWTON_STEPS`, `engine::RETRAIN_PASSES`) stop
	/// training where they say, at the point reached, or with an error when it must converge.
	#[test]
	fn step_and_pass_budgets_stop_training() {
		let data = Dataset::synthetic(200, 4, 3, 1.0, 0.1, 1);
		let capped = Options { l2: 1e-2, newton_steps: 2, best_effort: true, ..Default::default() };
		let report = train(Arch::Softmax, &data, None, &capped).unwrap();
		assert_eq!(report.steps, 2);
		assert!(report.gradient > capped.tolerance, "max |∇| = {}", report.gradient);
		let strict = Options { best_effort: false, ..capped };
		assert!(matches!(train(Arch::Softmax, &data, None, &strict), Err(Error::NotConverged(_))));
		// Newton's line searches: one pass, one step
		let one = Options { l2: 1e-2, max_passes: 1, best_effort: true, ..Default::default() };
		assert!(train(Arch::Softmax, &data, None, &one).unwrap().steps <= 1);
		// L-BFGS: at most one step a pass (a line search makes one or more)
		let few = Options { l2: 1e-2, hidden: 6, max_passes: 5, ..Default::default() };
		let report = train(Arch::Mlp, &data, None, &few).unwrap();
		assert!(report.steps <= 5, "{} L-BFGS steps on 5 passes", report.steps);
		let unlimited = train(Arch::Mlp, &data, None, &Options { max_passes: usize::MAX, ..few }).unwrap();
		assert!(unlimited.steps > 5 && unlimited.objective < report.objective);
	}

	#[test]
	fn mlp_training_reaches_a_point_it_cannot_improve() {
		let data = Dataset::synthetic(120, 3, 3, 1.5, 0.05, 2);
		let options = Options { l2: 1e-2, hidden: 6, tolerance: 1e-7, ..Default::default() };
		let first = train(Arch::Mlp, &data, None, &options).unwrap();
		// Training on from there decreases the objective by no more than the stall threshold.
		let again = train_from(first.model.clone(), &data, &options).unwrap();
		assert!(first.objective - again.objective <= 1e-12, "{} → {}", first.objective, again.objective);
		assert!(first.objective < (3f64).ln());
	}

	#[test]
	fn training_is_deterministic() {
		let data = Dataset::synthetic(60, 3, 3, 1.5, 0.05, 3);
		let options = Options { l2: 1e-2, hidden: 4, tolerance: 1e-8, ..Default::default() };
		let a = train(Arch::Mlp, &data, None, &options).unwrap().model;
		let b = train(Arch::Mlp, &data, None, &options).unwrap().model;
		assert_eq!(a.hash(), b.hash());
	}

	#[test]
	fn refuses_a_negative_penalty_and_empty_data() {
		let data = Dataset::synthetic(10, 2, 2, 1.0, 0.0, 4);
		let options = Options { l2: -1.0, ..Default::default() };
		assert!(matches!(train(Arch::Softmax, &data, None, &options), Err(Error::Invalid { what: "l2", .. })));
		let empty = Dataset::new(vec![], vec![], 2).unwrap();
		assert!(matches!(train(Arch::Softmax, &empty, None, &Options::default()), Err(Error::Empty(_))));
	}
}
