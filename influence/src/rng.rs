//! A small deterministic random number generator (SplitMix64), so that initial weights, TRAK
//! projections and generated data are the same on every machine for a given seed.

/// SplitMix64: a 64-bit generator with a good spread for seeding and sampling.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
	/// A generator from `seed`.
	pub fn new(seed: u64) -> Self {
		Rng(seed)
	}

	/// The next 64 random bits.
	pub fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// A uniform number in `[0, 1)`.
	pub fn uniform(&mut self) -> f64 {
		(self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
	}

	/// A standard normal number (Box–Muller).
	pub fn normal(&mut self) -> f64 {
		let u1 = 1.0 - self.uniform(); // in (0, 1]
		let u2 = self.uniform();
		(-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
	}

	/// A uniform integer in `[0, n)`; `n` must be positive.
	pub fn below(&mut self, n: usize) -> usize {
		(self.uniform() * n as f64) as usize % n.max(1)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn same_seed_same_numbers() {
		let a: Vec<u64> = (0..4).scan(Rng::new(7), |r, _| Some(r.next_u64())).collect();
		let b: Vec<u64> = (0..4).scan(Rng::new(7), |r, _| Some(r.next_u64())).collect();
		assert_eq!(a, b);
		assert_ne!(a, (0..4).scan(Rng::new(8), |r, _| Some(r.next_u64())).collect::<Vec<_>>());
	}

	#[test]
	fn normals_have_mean_zero_and_variance_one() {
		let mut rng = Rng::new(1);
		let xs: Vec<f64> = (0..100_000).map(|_| rng.normal()).collect();
		let mean = xs.iter().sum::<f64>() / xs.len() as f64;
		let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
		assert!(mean.abs() < 0.02, "mean {mean}");
		assert!((var - 1.0).abs() < 0.02, "variance {var}");
	}
}
