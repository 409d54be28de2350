//! Dense symmetric positive-definite solves: Cholesky factorisation and conjugate gradients.
//! candle has no factorisations; these work on row-major [`Mat`]rices.

use std::time::{Duration, Instant};

use crate::{matrix::Mat, Error, Result};

pub use crate::kernels::dot;
use crate::kernels::dot4;
use rayon::prelude::*;

/// The lower Cholesky factor `L` of a symmetric positive-definite matrix (`A = L Lᵀ`).
#[derive(Clone, Debug)]
pub struct Cholesky {
	/// `n × n`, zero above the diagonal.
	l: Mat,
}

impl Cholesky {
	/// The memory it holds, in bytes.
	pub fn bytes(&self) -> usize {
		self.l.bytes()
	}

	/// Factorises the square matrix `a` plus `damping` on its diagonal. Only the lower triangle
	/// of `a` is read. `what` names the matrix in the error if it is not positive definite.
	///
	/// # Panics
	/// If `a` is not square.
	#[track_caller]
	pub fn factor(a: Mat, damping: f64, what: &'static str) -> Result<Self> {
		let n = a.rows();
		assert_eq!(n, a.cols(), "Cholesky::factor: a {n}×{} matrix is not square", a.cols());
		let mut a = a.into_vec();
		// Row-oriented (Cholesky–Banachiewicz), four rows at a time: each finished row `j`
		// before the four is read once for all of them (`dot4`), then the four finish their
		// own 4 × 4 diagonal block.
		let mut first = 0;
		while first < n {
			let count = (n - first).min(4);
			let (done, rest) = a.split_at_mut(first * n);
			let block = &mut rest[..count * n];
			for j in 0..first {
				let lj = &done[j * n..j * n + j];
				let ljj = done[j * n + j];
				let row = |t: usize| &block[t.min(count - 1) * n..t.min(count - 1) * n + j];
				let sums = dot4([row(0), row(1), row(2), row(3)], lj);
				for (t, sum) in sums.into_iter().enumerate().take(count) {
					block[t * n + j] = (block[t * n + j] - sum) / ljj;
				}
			}
			for t in 0..count {
				let i = first + t;
				for j in first..=i {
					let lj = j - first;
					let s = dot(&block[t * n..t * n + j], &block[lj * n..lj * n + j]);
					if j == i {
						let s = block[t * n + i] + damping - s;
						if !(s.is_finite() && s > 0.0) {
							return Err(Error::NotPositiveDefinite(what));
						}
						block[t * n + i] = s.sqrt();
					} else {
						block[t * n + j] = (block[t * n + j] - s) / block[lj * n + j];
					}
				}
				for x in &mut block[t * n + i + 1..(t + 1) * n] {
					*x = 0.0;
				}
			}
			first += count;
		}
		Ok(Cholesky { l: Mat::from_vec(a, n, n) })
	}

	/// The dimension.
	pub fn dim(&self) -> usize {
		self.l.rows()
	}

	/// Solves `L Lᵀ x = b` in place.
	///
	/// # Panics
	/// If `b`'s length is not the dimension.
	#[track_caller]
	pub fn solve_in_place(&self, b: &mut [f64]) {
		let (n, l) = (self.dim(), self.l.as_slice());
		assert_eq!(b.len(), n, "Cholesky::solve: a {n}×{n} system with a right-hand side of {}", b.len());
		// L y = b, forward.
		for i in 0..n {
			let row = &l[i * n..i * n + i];
			b[i] = (b[i] - dot(row, &b[..i])) / l[i * n + i];
		}
		// Lᵀ x = y, backward, column by column of Lᵀ = row by row of L.
		for i in (0..n).rev() {
			b[i] /= l[i * n + i];
			let xi = b[i];
			let row = &l[i * n..i * n + i];
			for (bj, lij) in b[..i].iter_mut().zip(row) {
				*bj -= lij * xi;
			}
		}
	}

	/// Solves `L Lᵀ x = b`.
	///
	/// # Panics
	/// If `b`'s length is not the dimension.
	#[track_caller]
	pub fn solve(&self, b: &[f64]) -> Vec<f64> {
		let mut x = b.to_vec();
		self.solve_in_place(&mut x);
		x
	}

	/// The inverse `(L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹`: `L⁻¹` by forward substitution, four columns at a
	/// time, and then the upper triangle of `L⁻ᵀ L⁻¹` (`n³/6` each), both split over the cores.
	pub fn inverse(&self) -> Result<Mat> {
		let n = self.dim();
		let l = self.l.as_slice();
		// Row j of `lt` is column j of L⁻¹ (zero before position j).
		let mut lt = vec![0.0; n * n];
		lt.par_chunks_mut(4 * n.max(1)).enumerate().for_each(|(block, columns)| {
			let first = block * 4;
			let count = columns.len() / n.max(1);
			for (t, column) in columns.chunks_exact_mut(n).enumerate() {
				column[first + t] = 1.0 / l[(first + t) * n + first + t];
			}
			for i in first + 1..n {
				// Column t's entries from `first` on (zero before its own diagonal).
				let column = |t: usize| {
					let t = t.min(count - 1);
					&columns[t * n + first..t * n + i]
				};
				let sums = dot4([column(0), column(1), column(2), column(3)], &l[i * n + first..i * n + i]);
				for (t, sum) in sums.into_iter().enumerate().take(count) {
					if i > first + t {
						columns[t * n + i] = -sum / l[i * n + i];
					}
				}
			}
		});
		// (L⁻ᵀ L⁻¹)[i][j] = Σ_k lt[i][k] lt[j][k], over k ≥ j for i ≤ j; four rows i at once.
		let mut inverse = vec![0.0; n * n];
		inverse.par_chunks_mut(4 * n.max(1)).enumerate().for_each(|(block, rows)| {
			let first = block * 4;
			let count = rows.len() / n.max(1);
			for j in first..n {
				let row = |t: usize| {
					let t = t.min(count - 1);
					&lt[(first + t) * n + j..(first + t + 1) * n]
				};
				let sums = dot4([row(0), row(1), row(2), row(3)], &lt[j * n + j..(j + 1) * n]);
				for (t, sum) in sums.into_iter().enumerate().take(count) {
					if first + t <= j {
						rows[t * n + j] = sum;
					}
				}
			}
		});
		// The lower triangle from the upper.
		for i in 0..n {
			for j in 0..i {
				inverse[i * n + j] = inverse[j * n + i];
			}
		}
		Ok(Mat::from_vec(inverse, n, n))
	}
}

/// How long an iterative solver may run: at most `iterations` steps, and no step begun after
/// `time` has passed since it started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
	/// The most steps.
	pub iterations: usize,
	/// The most time.
	pub time: Duration,
}

/// Solves `A x = b` for a symmetric positive-definite `A` given only as `apply(v) = A v`, by
/// conjugate gradients from `x = 0`, until `‖A x − b‖ ≤ tolerance·‖b‖`; an
/// [`Error::NotConverged`] when the `budget` of steps or time runs out first.
///
/// # Panics
/// If `apply` returns a vector of another length than `b`.
#[track_caller]
pub fn conjugate_gradient(
	apply: impl Fn(&[f64]) -> Result<Vec<f64>>,
	b: &[f64],
	tolerance: f64,
	budget: Budget,
) -> Result<Vec<f64>> {
	let started = Instant::now();
	let mut x = vec![0.0; b.len()];
	let mut r = b.to_vec();
	let mut p = r.clone();
	let mut rr = dot(&r, &r);
	let target = tolerance * tolerance * rr;
	if rr == 0.0 {
		return Ok(x);
	}
	for _ in 0..budget.iterations {
		if started.elapsed() > budget.time {
			return Err(Error::NotConverged(format!("conjugate gradients in {:?}", budget.time)));
		}
		let ap = apply(&p)?;
		assert_eq!(ap.len(), b.len(), "conjugate_gradient: A v of {} values for a vector of {}", ap.len(), b.len());
		let pap = dot(&p, &ap);
		if pap.is_nan() || pap <= 0.0 {
			return Err(Error::NotPositiveDefinite("the conjugate-gradient system"));
		}
		let alpha = rr / pap;
		for ((xi, ri), (pi, api)) in x.iter_mut().zip(r.iter_mut()).zip(p.iter().zip(&ap)) {
			*xi += alpha * pi;
			*ri -= alpha * api;
		}
		let rr_next = dot(&r, &r);
		if rr_next <= target {
			return Ok(x);
		}
		let beta = rr_next / rr;
		for (pi, ri) in p.iter_mut().zip(&r) {
			*pi = ri + beta * *pi;
		}
		rr = rr_next;
	}
	Err(Error::NotConverged(format!("conjugate gradients in {} iterations", budget.iterations)))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::rng::Rng;

	/// A random symmetric positive-definite matrix `M Mᵀ + n·I`.
	fn spd(n: usize, seed: u64) -> Vec<f64> {
		let mut rng = Rng::new(seed);
		let m: Vec<f64> = (0..n * n).map(|_| rng.normal()).collect();
		let mut a = vec![0.0; n * n];
		for i in 0..n {
			for j in 0..n {
				a[i * n + j] = dot(&m[i * n..(i + 1) * n], &m[j * n..(j + 1) * n]);
			}
			a[i * n + i] += n as f64;
		}
		a
	}

	fn mul(a: &[f64], x: &[f64]) -> Vec<f64> {
		let n = x.len();
		(0..n).map(|i| dot(&a[i * n..(i + 1) * n], x)).collect()
	}

	#[test]
	fn cholesky_solves() {
		for n in [1, 2, 7, 33] {
			let a = spd(n, n as u64);
			let b: Vec<f64> = (0..n).map(|i| i as f64 - 3.0).collect();
			let x = Cholesky::factor(Mat::from_vec(a.clone(), n, n), 0.0, "test").unwrap().solve(&b);
			for (ax, bi) in mul(&a, &x).iter().zip(&b) {
				assert!((ax - bi).abs() < 1e-9, "{ax} vs {bi}");
			}
		}
	}

	#[test]
	fn the_inverse_inverts() {
		let n = 9;
		let a = spd(n, 4);
		let inv = Cholesky::factor(Mat::from_vec(a.clone(), n, n), 0.0, "test").unwrap().inverse().unwrap().into_vec();
		for i in 0..n {
			for j in 0..n {
				let product: f64 = (0..n).map(|k| a[i * n + k] * inv[k * n + j]).sum();
				assert!((product - if i == j { 1.0 } else { 0.0 }).abs() < 1e-10);
			}
		}
	}

	#[test]
	fn cholesky_adds_the_damping() {
		let a = vec![1.0, 0.0, 0.0, 1.0];
		let x = Cholesky::factor(Mat::from_vec(a, 2, 2), 1.0, "test").unwrap().solve(&[2.0, 4.0]);
		assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12);
	}

	#[test]
	fn cholesky_refuses_an_indefinite_matrix() {
		let a = Mat::from_vec(vec![1.0, 2.0, 2.0, 1.0], 2, 2);
		assert!(matches!(Cholesky::factor(a, 0.0, "test"), Err(Error::NotPositiveDefinite("test"))));
	}

	#[test]
	fn conjugate_gradient_agrees_with_cholesky() {
		let n = 20;
		let a = spd(n, 9);
		let b: Vec<f64> = (0..n).map(|i| (i as f64).sin()).collect();
		let direct = Cholesky::factor(Mat::from_vec(a.clone(), n, n), 0.0, "test").unwrap().solve(&b);
		let iterative = conjugate_gradient(|v| Ok(mul(&a, v)), &b, 1e-12, budget(100)).unwrap();
		for (d, i) in direct.iter().zip(&iterative) {
			assert!((d - i).abs() < 1e-8);
		}
	}

	/// `iterations` steps and all the time needed.
	fn budget(iterations: usize) -> Budget {
		Budget { iterations, time: Duration::from_secs(3600) }
	}

	/// Conjugate gradients on a system of 20 that takes more than a few steps, with `budget`;
	/// each product takes `pause`. The result and the products computed.
	fn solve_within(budget: Budget, pause: Duration) -> (Result<Vec<f64>>, usize) {
		let n = 20;
		let a = spd(n, 9);
		let b: Vec<f64> = (0..n).map(|i| (i as f64).cos()).collect();
		let steps = std::cell::Cell::new(0);
		let apply = |v: &[f64]| {
			steps.set(steps.get() + 1);
			std::thread::sleep(pause);
			Ok(mul(&a, v))
		};
		(conjugate_gradient(apply, &b, 1e-12, budget), steps.get())
	}

	#[test]
	fn conjugate_gradient_stops_when_its_steps_run_out() {
		let (result, steps) = solve_within(budget(3), Duration::ZERO);
		assert!(matches!(&result, Err(Error::NotConverged(m)) if m.contains("3 iterations")), "{result:?}");
		assert_eq!(steps, 3);
	}

	#[test]
	fn conjugate_gradient_stops_when_its_time_runs_out() {
		// every product takes longer than the whole budget: no second step is begun
		let budget = Budget { iterations: 1_000, time: Duration::from_millis(1) };
		let (result, steps) = solve_within(budget, Duration::from_millis(5));
		assert!(matches!(&result, Err(Error::NotConverged(m)) if m.contains("1ms")), "{result:?}");
		assert!(steps <= 1, "{steps} steps");
	}

	#[test]
	#[should_panic(expected = "Cholesky::factor: a 2×3 matrix is not square")]
	fn factoring_a_rectangle_panics() {
		let _ = Cholesky::factor(Mat::zeros(2, 3), 1.0, "test");
	}

	#[test]
	#[should_panic(expected = "Cholesky::solve: a 3×3 system with a right-hand side of 2")]
	fn solving_with_a_short_right_hand_side_panics() {
		Cholesky::factor(Mat::from_vec(spd(3, 1), 3, 3), 0.0, "test").unwrap().solve_in_place(&mut [1.0; 2]);
	}

	#[test]
	#[should_panic(expected = "Cholesky::solve: a 3×3 system with a right-hand side of 4")]
	fn solving_with_a_long_right_hand_side_panics() {
		Cholesky::factor(Mat::from_vec(spd(3, 1), 3, 3), 0.0, "test").unwrap().solve(&[1.0; 4]);
	}

	#[test]
	#[should_panic(expected = "conjugate_gradient: A v of 2 values for a vector of 3")]
	fn conjugate_gradients_with_a_product_of_the_wrong_length_panic() {
		let _ = conjugate_gradient(|v| Ok(v[..2].to_vec()), &[1.0; 3], 1e-12, budget(10));
	}
}
