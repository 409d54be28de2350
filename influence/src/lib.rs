//! # openledger-influence
//!
//! The Proof of Attribution engine: how much did each training row — and so each contribution of
//! a datanet — influence one answer of a model? The off-chain workers of OpenLedger attestors call
//! it; it knows nothing of the chain.
//!
//! ## Models
//!
//! Two architectures, with the parameters a `.safetensors` file names ([`model`]):
//! - softmax regression: `weight` `[classes, features]`, `bias` `[classes]`;
//! - a one-hidden-layer ReLU MLP: `fc1.weight` `[hidden, features]`, `fc1.bias` `[hidden]`,
//!   `fc2.weight` `[classes, hidden]`, `fc2.bias` `[classes]`.
//!
//! Both are trained on the objective `(1/n) Σᵢ CE(xᵢ, yᵢ) + (l2/2)·‖weights‖²` (biases are not
//! penalised); [`train`] finds its optimum deterministically, full-batch, in double precision.
//!
//! ## Methods ([`engine::Method`])
//!
//! - `exact`: the influence function. With `gᵢ` the gradient of row `i`'s loss and `H` the
//!   (damped, Gauss–Newton) Hessian of the objective at the trained parameters, the score of
//!   row `i` for query `q` is `(1/n)·g_qᵀ H⁻¹ gᵢ`: the estimated change of `q`'s loss if row `i`
//!   were removed and the model retrained. Positive means the row helped `q`. `H` is assembled
//!   from its Kronecker blocks and factorised (Cholesky) while the parameter count allows
//!   ([`engine::CHOLESKY_MAX_PARAMS`]); beyond it `H⁻¹ g_q` is solved by conjugate gradients
//!   on Hessian–vector products, within a budget of steps and time ([`engine::solve_budget`]).
//! - `tracin`: `(1/n)·g_qᵀ gᵢ`, gradient similarity with no Hessian — the cheap baseline.
//! - `trak`: gradients projected to `k` dimensions by a seeded Gaussian matrix, with the
//!   projected empirical Fisher (damped) in place of `H` — for parameter counts where `H` is out
//!   of reach.
//!
//! The training side of a method (factorisation, per-row error signals and activations,
//! projected gradients) is computed once per (model hash, data hash) and cached in an
//! [`engine::Engine`] (within a count and a memory budget, one side computed at a time); a query then costs one gradient, one solve and one pass over the
//! cached rows. Per-example gradients are never materialised: for a linear layer the gradient
//! of row `i` is the outer product `δᵢ ⊗ aᵢ` of its output error and its input activation, so
//! `vᵀ gᵢ = δᵢᵀ V aᵢ` is computed for all rows in one pass over the cached rows per layer.
//!
//! ## For the chain
//!
//! [`copies`] finds the rows that copy earlier-arrived rows (within a datanet's copy radius, in
//! integer arithmetic), which [`engine::Engine::attribution_side`] leaves out, retraining the
//! model without them; [`aggregate`] turns row scores into per-contribution shares in parts per
//! million (negatives cut per row, top-K, deterministic ties, summing to exactly 1,000,000); [`spans`]
//! credits the first-arrived text of a text datanet that holds each span a generated output
//! quotes, through a suffix array.
//!
//! ## Numbers
//!
//! Everything is computed in `f64`. Results differ across machines in the last bits; the chain
//! compares quantised top-K shares with a tolerance, never raw floats.
//!
//! Matrices are row-major and carry their shape ([`matrix::MatRef`], [`matrix::Mat`]). Shapes
//! that do not agree are a bug of the caller, not a property of the data: the kernels and the
//! solvers assert them where they are called, naming both, and never truncate.

pub mod aggregate;
pub mod copies;
pub mod curvature;
pub mod data;
pub mod engine;
pub mod error;
pub mod kernels;
pub mod linalg;
pub mod matrix;
pub mod model;
pub mod rng;
pub mod sais;
pub mod spans;
pub mod stats;
pub mod train;
pub mod truth;
pub mod verify;

pub use data::Dataset;
pub use error::{Error, Result};

/// The device candle computes on: the CPU, or the first CUDA GPU with the `cuda` feature.
pub fn device() -> candle_core::Device {
	#[cfg(feature = "cuda")]
	{
		candle_core::Device::cuda_if_available(0).unwrap_or(candle_core::Device::Cpu)
	}
	#[cfg(not(feature = "cuda"))]
	{
		candle_core::Device::Cpu
	}
}
