#!/usr/bin/env bash
# Runs every test of the project, building once in the release profile:
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

step "build the node and the engine's command line (release)"
cargo build --release --locked -p openledger-node -p openledger-influence

pallets=()
for dir in pallets/*/; do pallets+=("pallet-$(basename "$dir")"); done

step "Rust tests"
cargo test --release --locked --workspace $(printf -- '--exclude %s ' "${pallets[@]}")

step "pallet tests and benchmarks-as-tests"
cargo test --release --locked $(printf -- '-p %s ' "${pallets[@]}") --features runtime-benchmarks

step "end-to-end tests"
(cd scripts/e2e && npm test)
