//! Row-major `f64` matrices that carry their shape: the borrowed view the kernels and the
//! solvers take ([`MatRef`]), and the owned matrix the curvature, the factorisation and the
//! training side hold ([`Mat`]).
//!
//! A shape that does not fit is a bug of the caller, never a state of the data: the
//! constructors, and every function of the engine that takes matrices, check the dimensions
//! once, where they are called, with a `#[track_caller]` assertion naming the shapes (as faer's
//! solvers do). Inner loops then run on slices of known length.

use std::ops::{Index, IndexMut};

use candle_core::Tensor;

use crate::Result;

/// A borrowed row-major `rows × cols` matrix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatRef<'a> {
	data: &'a [f64],
	rows: usize,
	cols: usize,
}

impl<'a> MatRef<'a> {
	/// `data` as a row-major `rows × cols` matrix.
	///
	/// # Panics
	/// If `data` does not hold exactly `rows · cols` values.
	#[track_caller]
	pub fn new(data: &'a [f64], rows: usize, cols: usize) -> Self {
		assert!(
			rows.checked_mul(cols) == Some(data.len()),
			"a {rows}×{cols} matrix needs {} values, not {}",
			rows.saturating_mul(cols),
			data.len()
		);
		MatRef { data, rows, cols }
	}

	/// The number of rows.
	pub fn rows(self) -> usize {
		self.rows
	}

	/// The number of columns.
	pub fn cols(self) -> usize {
		self.cols
	}

	/// All values, row after row.
	pub fn as_slice(self) -> &'a [f64] {
		self.data
	}

	/// Row `i`.
	///
	/// # Panics
	/// If `i` is not below [`MatRef::rows`].
	#[track_caller]
	pub fn row(self, i: usize) -> &'a [f64] {
		assert!(i < self.rows, "row {i} of a {}×{} matrix", self.rows, self.cols);
		&self.data[i * self.cols..(i + 1) * self.cols]
	}

	/// The `count` rows from row `first` on.
	///
	/// # Panics
	/// If they are not all rows of the matrix.
	#[track_caller]
	pub fn subrows(self, first: usize, count: usize) -> Self {
		assert!(
			first.checked_add(count).is_some_and(|end| end <= self.rows),
			"rows {first}..{first}+{count} of a {}×{} matrix",
			self.rows,
			self.cols
		);
		MatRef { data: &self.data[first * self.cols..(first + count) * self.cols], rows: count, cols: self.cols }
	}
}

/// An owned row-major `rows × cols` matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Mat {
	data: Vec<f64>,
	rows: usize,
	cols: usize,
}

impl Mat {
	/// The memory it holds, in bytes.
	pub fn bytes(&self) -> usize {
		self.data.len() * size_of::<f64>()
	}

	/// A `rows × cols` matrix of zeros.
	pub fn zeros(rows: usize, cols: usize) -> Self {
		Mat { data: vec![0.0; rows * cols], rows, cols }
	}

	/// `data` as a row-major `rows × cols` matrix.
	///
	/// # Panics
	/// If `data` does not hold exactly `rows · cols` values.
	#[track_caller]
	pub fn from_vec(data: Vec<f64>, rows: usize, cols: usize) -> Self {
		MatRef::new(&data, rows, cols);
		Mat { data, rows, cols }
	}

	/// The values of a two-dimensional tensor; fails if it has another number of dimensions.
	pub fn from_tensor(t: &Tensor) -> Result<Self> {
		let (rows, cols) = t.dims2()?;
		Ok(Mat { data: t.flatten_all()?.to_vec1()?, rows, cols })
	}

	/// The number of rows.
	pub fn rows(&self) -> usize {
		self.rows
	}

	/// The number of columns.
	pub fn cols(&self) -> usize {
		self.cols
	}

	/// The matrix as a view.
	pub fn as_ref(&self) -> MatRef<'_> {
		MatRef { data: &self.data, rows: self.rows, cols: self.cols }
	}

	/// All values, row after row.
	pub fn as_slice(&self) -> &[f64] {
		&self.data
	}

	/// Row `i`.
	///
	/// # Panics
	/// If `i` is not below [`Mat::rows`].
	#[track_caller]
	pub fn row(&self, i: usize) -> &[f64] {
		self.as_ref().row(i)
	}

	/// The values, row after row.
	pub fn into_vec(self) -> Vec<f64> {
		self.data
	}

	#[track_caller]
	fn offset(&self, (i, j): (usize, usize)) -> usize {
		assert!(i < self.rows && j < self.cols, "entry ({i}, {j}) of a {}×{} matrix", self.rows, self.cols);
		i * self.cols + j
	}
}

impl Index<(usize, usize)> for Mat {
	type Output = f64;

	/// Entry `(i, j)`; panics outside the matrix.
	#[track_caller]
	fn index(&self, at: (usize, usize)) -> &f64 {
		&self.data[self.offset(at)]
	}
}

impl IndexMut<(usize, usize)> for Mat {
	/// Entry `(i, j)`; panics outside the matrix.
	#[track_caller]
	fn index_mut(&mut self, at: (usize, usize)) -> &mut f64 {
		let offset = self.offset(at);
		&mut self.data[offset]
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_view_reads_rows() {
		let values: Vec<f64> = (0..6).map(f64::from).collect();
		let m = MatRef::new(&values, 2, 3);
		assert_eq!((m.rows(), m.cols()), (2, 3));
		assert_eq!(m.row(1), &[3.0, 4.0, 5.0]);
		assert_eq!(m.subrows(1, 1).as_slice(), &[3.0, 4.0, 5.0]);
		assert_eq!(m.subrows(2, 0).rows(), 0);
		let mut owned = Mat::from_vec(values.clone(), 3, 2);
		owned[(2, 1)] += 1.0;
		assert_eq!((owned[(0, 1)], owned[(2, 1)], owned.row(1)), (1.0, 6.0, &[2.0, 3.0][..]));
		assert_eq!(Mat::zeros(0, 4).as_ref().rows(), 0);
	}

	#[test]
	#[should_panic(expected = "a 2×3 matrix needs 6 values, not 5")]
	fn a_view_of_the_wrong_length_panics() {
		MatRef::new(&[0.0; 5], 2, 3);
	}

	#[test]
	#[should_panic(expected = "a 3×3 matrix needs 9 values, not 8")]
	fn an_owned_matrix_of_the_wrong_length_panics() {
		Mat::from_vec(vec![0.0; 8], 3, 3);
	}

	#[test]
	#[should_panic(expected = "row 2 of a 2×3 matrix")]
	fn a_row_past_the_end_panics() {
		MatRef::new(&[0.0; 6], 2, 3).row(2);
	}

	#[test]
	#[should_panic(expected = "rows 1..1+2 of a 2×3 matrix")]
	fn rows_past_the_end_panic() {
		MatRef::new(&[0.0; 6], 2, 3).subrows(1, 2);
	}

	#[test]
	#[should_panic(expected = "entry (0, 3) of a 2×3 matrix")]
	fn an_entry_past_the_end_panics() {
		let _ = Mat::zeros(2, 3)[(0, 3)];
	}
}
