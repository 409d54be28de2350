#!/usr/bin/env bash
# Benchmarks OpenLedger's pallets on this machine and writes each pallet's src/weights.rs.
#
#   ./scripts/benchmark-weights.sh [PALLET...]      (default: every pallet under pallets/)
#
# Builds the node with the `runtime-benchmarks` feature in a target directory of its own
# (BENCH_TARGET_DIR, default <target>/benchmarks), so that the everyday build stays as it is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-$root/target}/benchmarks}"

if [ "$#" -gt 0 ]; then
	pallets=("$@")
else
	pallets=()
	for dir in pallets/*/; do pallets+=("$(basename "$dir")"); done
fi

# frame-benchmarking-cli links a test runtime for `benchmark storage`, which we do not run; its
# Wasm build cannot find itself in this workspace's metadata (the CLI is an optional dependency).
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	CARGO_TARGET_DIR="$target" cargo build --release --locked -p openledger-node --features runtime-benchmarks

for pallet in "${pallets[@]}"; do
	echo "benchmarking pallet-$pallet"
	"$target/release/openledger-node" benchmark pallet \
		--chain dev \
		--pallet "pallet_${pallet//-/_}" \
		--extrinsic '*' \
		--steps 50 \
		--repeat 20 \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header scripts/benchmark-header.txt \
		--template scripts/weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done
