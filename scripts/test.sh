#!/usr/bin/env bash
# Runs every test of the project, building once in the release profile:
#   0. the lints: `cargo fmt --check`, and clippy on every crate and target with warnings as
#      errors (runtime code may not unwrap, index or do unchecked arithmetic: see Cargo.toml),
#   1. the node (and the Wasm runtime it embeds) and the attribution engine's command line,
#   2. the Rust tests of every crate (`cargo test --release`, reusing those artefacts); the
#      pallets' with the `runtime-benchmarks` feature, so that every benchmark runs as a test,
#   3. the end-to-end tests: polkadot-js against a dev node, and against the three-validator
#      local network (attestors; a fourth validator joining and leaving) that the tests start on
#      loopback with the binaries built in step 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./scripts/setup.sh

step() { printf '\n== %s\n' "$*"; }

# The node is tested as built with the test-only `--attestor-perturb` flag (the network tests
# run one attestor that answers wrongly on purpose); every step builds it alike, so it is built
# once. A release build (`cargo build --release`) has no such flag.
test_features="openledger-node/attestor-perturb"

pallets=()
for dir in pallets/*/; do pallets+=("pallet-$(basename "$dir")"); done

step "lints: rustfmt and clippy"
cargo fmt --all -- --check
# Clippy checks the native code; the Wasm build of the runtime is the release build's business.
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets --features "$test_features" -- -D warnings
# The pallets' benchmarks too (they run as tests below).
SKIP_WASM_BUILD=1 cargo clippy --locked $(printf -- '-p %s ' "${pallets[@]}") --features runtime-benchmarks \
	--all-targets -- -D warnings

step "build the node and the engine's command line (release)"
cargo build --release --locked -p openledger-node -p openledger-influence --features "$test_features"

step "Rust tests"
cargo test --release --locked --workspace $(printf -- '--exclude %s ' "${pallets[@]}") --features "$test_features"

step "pallet tests and benchmarks-as-tests"
cargo test --release --locked $(printf -- '-p %s ' "${pallets[@]}") --features runtime-benchmarks

step "end-to-end tests"
(cd scripts && npm test)
