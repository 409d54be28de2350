//! Serde helpers for the JSON the node's RPC returns: amounts as decimal strings (JavaScript
//! numbers lose precision past 2⁵³) and byte strings as text.

/// Serialises any `Display` value (an amount) as a string.
pub mod display {
	/// See the module docs.
	pub fn serialize<S: serde::Serializer, T: core::fmt::Display>(value: &T, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(value)
	}
}

/// Serialises bytes as a UTF-8 string (invalid sequences replaced).
pub mod text {
	/// See the module docs.
	pub fn serialize<S: serde::Serializer, B: AsRef<[u8]>>(bytes: &B, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&String::from_utf8_lossy(bytes.as_ref()))
	}
}

/// Serialises optional bytes (a URI) as an optional UTF-8 string (invalid sequences replaced).
pub mod optional_text {
	/// See the module docs.
	pub fn serialize<S: serde::Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
		match bytes {
			Some(bytes) => s.serialize_some(&String::from_utf8_lossy(bytes)),
			None => s.serialize_none(),
		}
	}
}
