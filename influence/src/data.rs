//! Labelled examples: reading and writing the CSV format of the command line (`label,f1,...,fn`
//! per line, no header), generating data for tests and benchmarks, and hashing.

use std::{fmt::Write as _, path::Path};

use blake2::{digest::consts::U32, Blake2b, Digest};
use candle_core::{Device, Tensor};

use crate::{rng::Rng, Error, Result};

/// A 32-byte content hash (BLAKE2b-256), as the chain hashes contributions.
pub type Hash = [u8; 32];

/// Labelled examples: `n` rows of `features` numbers and a class label each.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
	/// Row-major `n × features`.
	pub features: Vec<f64>,
	/// One class label per row.
	pub labels: Vec<u32>,
	/// Numbers per row.
	pub dim: usize,
}

impl Dataset {
	/// A dataset from row-major features and labels; fails when their sizes disagree or a
	/// value is not finite.
	pub fn new(features: Vec<f64>, labels: Vec<u32>, dim: usize) -> Result<Self> {
		if features.len() != labels.len().saturating_mul(dim) {
			return Err(Error::shape(format!("{} feature values for {} rows of {dim}", features.len(), labels.len())));
		}
		if let Some(i) = features.iter().position(|x| !x.is_finite()) {
			return Err(Error::NotFinite { what: format!("feature {} of row {}", i % dim.max(1), i / dim.max(1)) });
		}
		Ok(Dataset { features, labels, dim })
	}

	/// The number of rows.
	pub fn len(&self) -> usize {
		self.labels.len()
	}

	/// Whether there are no rows.
	pub fn is_empty(&self) -> bool {
		self.labels.is_empty()
	}

	/// The features of row `i`.
	pub fn row(&self, i: usize) -> &[f64] {
		self.features.get(i * self.dim..(i + 1) * self.dim).unwrap_or(&[])
	}

	/// The rows whose indices `keep` lists, in that order.
	pub fn select(&self, keep: &[usize]) -> Dataset {
		let mut features = Vec::with_capacity(keep.len() * self.dim);
		let mut labels = Vec::with_capacity(keep.len());
		for &i in keep {
			features.extend_from_slice(self.row(i));
			labels.push(self.labels.get(i).copied().unwrap_or_default());
		}
		Dataset { features, labels, dim: self.dim }
	}

	/// All rows but row `i`.
	pub fn without(&self, i: usize) -> Dataset {
		let keep: Vec<usize> = (0..self.len()).filter(|&j| j != i).collect();
		self.select(&keep)
	}

	/// The features as an `n × dim` tensor.
	pub fn tensor(&self, device: &Device) -> Result<Tensor> {
		Ok(Tensor::from_slice(&self.features, (self.len(), self.dim), device)?)
	}

	/// The largest label plus one (0 for no rows).
	pub fn classes_seen(&self) -> usize {
		self.labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0)
	}

	/// A content hash of the rows: the cache key of the training side.
	pub fn hash(&self) -> Hash {
		let mut hasher = Blake2b::<U32>::new();
		hasher.update((self.dim as u64).to_le_bytes());
		hasher.update((self.len() as u64).to_le_bytes());
		for label in &self.labels {
			hasher.update(label.to_le_bytes());
		}
		for x in &self.features {
			hasher.update(x.to_le_bytes());
		}
		hasher.finalize().into()
	}

	/// Reads a CSV file of `label,f1,...,fn` rows (no header). Blank lines are skipped. Fails
	/// naming the line of a malformed row, a non-finite number or a row of another length.
	pub fn read_csv(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
		let bad = |line: usize, message: String| Error::Csv { path: path.to_path_buf(), line, message };
		let mut features = Vec::new();
		let mut labels = Vec::new();
		let mut dim: Option<usize> = None;
		for (index, line) in text.lines().enumerate() {
			let number = index + 1;
			let line = line.trim();
			if line.is_empty() {
				continue;
			}
			let mut fields = line.split(',').map(str::trim);
			let label = fields.next().unwrap_or_default();
			let label: u32 =
				label.parse().map_err(|_| bad(number, format!("label `{label}` is not a non-negative integer")))?;
			let start = features.len();
			for (column, field) in fields.enumerate() {
				let value: f64 = field
					.parse()
					.map_err(|_| bad(number, format!("feature {} (`{field}`) is not a number", column + 1)))?;
				if !value.is_finite() {
					return Err(bad(number, format!("feature {} is {value}", column + 1)));
				}
				features.push(value);
			}
			let width = features.len() - start;
			match dim {
				None if width == 0 => return Err(bad(number, "a row has no features".into())),
				None => dim = Some(width),
				Some(d) if d != width => {
					return Err(bad(number, format!("{width} features where earlier rows have {d}")))
				},
				Some(_) => {},
			}
			labels.push(label);
		}
		let dim = dim.ok_or_else(|| Error::Empty(format!("{}", path.display())))?;
		Ok(Dataset { features, labels, dim })
	}

	/// Checks that every label is below `classes` and that rows have `features` numbers.
	pub fn check_against(&self, path: &Path, features: usize, classes: usize) -> Result<()> {
		if self.dim != features {
			return Err(Error::shape(format!(
				"{} has {} features per row, the model expects {features}",
				path.display(),
				self.dim
			)));
		}
		if let Some((i, &label)) = self.labels.iter().enumerate().find(|(_, &l)| l as usize >= classes) {
			return Err(Error::LabelOutOfRange { path: path.to_path_buf(), row: i + 1, label: label.into(), classes });
		}
		Ok(())
	}

	/// The dataset as CSV text.
	pub fn to_csv(&self) -> String {
		let mut out = String::new();
		for i in 0..self.len() {
			let _ = write!(out, "{}", self.labels.get(i).copied().unwrap_or_default());
			for x in self.row(i) {
				let _ = write!(out, ",{x}");
			}
			out.push('\n');
		}
		out
	}

	/// Generates `n` rows of a Gaussian mixture: each class has a random centre (spread
	/// `separation`), each row is its class centre plus unit noise, and a fraction `flip` of the
	/// labels is changed at random — so some rows help and some hurt. Deterministic in `seed`.
	pub fn synthetic(n: usize, features: usize, classes: usize, separation: f64, flip: f64, seed: u64) -> Dataset {
		let mut rng = Rng::new(seed);
		let centres: Vec<f64> = (0..classes * features).map(|_| rng.normal() * separation).collect();
		let mut data = Vec::with_capacity(n * features);
		let mut labels = Vec::with_capacity(n);
		for _ in 0..n {
			let class = rng.below(classes);
			let centre = centres.get(class * features..(class + 1) * features).unwrap_or(&[]);
			data.extend(centre.iter().map(|c| c + rng.normal()));
			let label = if rng.uniform() < flip { rng.below(classes) } else { class };
			labels.push(label as u32);
		}
		Dataset { features: data, labels, dim: features }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn write(name: &str, text: &str) -> std::path::PathBuf {
		let dir = std::env::temp_dir().join(format!("influence-data-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join(name);
		std::fs::write(&path, text).unwrap();
		path
	}

	#[test]
	fn reads_what_it_writes() {
		let data = Dataset::synthetic(20, 3, 4, 2.0, 0.1, 5);
		let path = write("roundtrip.csv", &data.to_csv());
		assert_eq!(Dataset::read_csv(&path).unwrap(), data);
		assert_eq!(data.hash(), Dataset::read_csv(&path).unwrap().hash());
	}

	#[test]
	fn names_the_line_of_a_bad_row() {
		let path = write("bad.csv", "0,1.0,2.0\n1,NaN,2.0\n");
		let error = Dataset::read_csv(&path).unwrap_err().to_string();
		assert!(error.contains("line 2") && error.contains("NaN"), "{error}");

		let path = write("ragged.csv", "0,1.0,2.0\n\n1,2.0\n");
		let error = Dataset::read_csv(&path).unwrap_err().to_string();
		assert!(error.contains("line 3") && error.contains("1 features where earlier rows have 2"), "{error}");

		let path = write("label.csv", "x,1.0\n");
		assert!(Dataset::read_csv(&path).unwrap_err().to_string().contains("label `x`"));

		let path = write("empty.csv", "\n\n");
		assert!(matches!(Dataset::read_csv(&path), Err(Error::Empty(_))));
	}

	#[test]
	fn checks_labels_and_width_against_the_model() {
		let path = Path::new("t.csv");
		let data = Dataset::new(vec![0.0, 1.0, 2.0, 3.0], vec![0, 3], 2).unwrap();
		assert!(data.check_against(path, 2, 4).is_ok());
		assert!(matches!(
			data.check_against(path, 2, 3),
			Err(Error::LabelOutOfRange { row: 2, label: 3, classes: 3, .. })
		));
		assert!(matches!(data.check_against(path, 3, 4), Err(Error::ShapeMismatch { .. })));
	}

	#[test]
	fn without_drops_one_row() {
		let data = Dataset::new(vec![0.0, 1.0, 2.0], vec![0, 1, 2], 1).unwrap();
		let rest = data.without(1);
		assert_eq!(rest.features, vec![0.0, 2.0]);
		assert_eq!(rest.labels, vec![0, 2]);
	}
}
