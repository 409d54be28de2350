#!/usr/bin/env bash
# Runs every test of the project, building once in the release profile:
#   1. the node (and the Wasm runtime it embeds),
#   2. the Rust tests of every crate (`cargo test --release`, reusing those artefacts),
#   3. the end-to-end tests: polkadot-js against a dev node and a four-validator network that
#      the tests start on loopback with the binary built in step 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./scripts/setup.sh

step() { printf '\n== %s\n' "$*"; }

step "build the node (release)"
cargo build --release --locked -p openledger-node

step "Rust tests"
cargo test --release --locked --workspace

step "end-to-end tests"
(cd scripts/e2e && npm test)
