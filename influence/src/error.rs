//! What can go wrong, each variant naming the problem for the command line to print.

use std::path::PathBuf;

/// An error of the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// A file could not be read or written.
	#[error("cannot access {path}: {source}")]
	Io {
		/// The file.
		path: PathBuf,
		/// What the OS said.
		source: std::io::Error,
	},
	/// A line of a CSV file is not `label,f1,...,fn`.
	#[error("{path}, line {line}: {message}")]
	Csv {
		/// The file.
		path: PathBuf,
		/// The line, counted from 1.
		line: usize,
		/// What is wrong with it.
		message: String,
	},
	/// A model file lacks a tensor its architecture needs.
	#[error("the model has no tensor `{name}` (a {arch} model needs {expected})")]
	MissingTensor {
		/// The missing tensor.
		name: String,
		/// The architecture that needs it.
		arch: &'static str,
		/// Every tensor the architecture needs.
		expected: &'static str,
	},
	/// Two shapes that must agree do not.
	#[error("shape mismatch: {what}")]
	ShapeMismatch {
		/// Which shapes, and what they are.
		what: String,
	},
	/// A value is NaN or infinite.
	#[error("{what} is not a finite number")]
	NotFinite {
		/// Where it is.
		what: String,
	},
	/// A label names a class the model does not have.
	#[error("{path}, row {row}: label {label} is out of range (the model has {classes} classes)")]
	LabelOutOfRange {
		/// The file.
		path: PathBuf,
		/// The row, counted from 1.
		row: usize,
		/// The label.
		label: u64,
		/// How many classes there are.
		classes: usize,
	},
	/// An input that must not be empty is.
	#[error("{0} is empty")]
	Empty(String),
	/// A parameter has a value the engine cannot use.
	#[error("invalid {what}: {message}")]
	Invalid {
		/// The parameter.
		what: &'static str,
		/// Why.
		message: String,
	},
	/// An iterative method did not reach its tolerance.
	#[error("{0} did not converge")]
	NotConverged(String),
	/// A matrix that must be positive definite is not (try a larger damping or l2).
	#[error("the matrix of {0} is not positive definite (increase l2 or the damping)")]
	NotPositiveDefinite(&'static str),
	/// An error of candle, the tensor library.
	#[error("tensor computation failed: {0}")]
	Candle(#[from] candle_core::Error),
}

/// The result of an engine operation.
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
	/// An [`Error::Invalid`] for `what`.
	pub fn invalid(what: &'static str, message: impl Into<String>) -> Self {
		Error::Invalid { what, message: message.into() }
	}

	/// An [`Error::ShapeMismatch`].
	pub fn shape(what: impl Into<String>) -> Self {
		Error::ShapeMismatch { what: what.into() }
	}
}
