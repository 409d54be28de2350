//! Builds the runtime to Wasm (the `WASM_BINARY` the node embeds) unless `SKIP_WASM_BUILD` is set.

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
