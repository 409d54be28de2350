#!/usr/bin/env bash
# The Ethereum JSON-RPC adapter in front of an OpenLedger node: `eth-rpc`, from the crate
# pallet-revive-eth-rpc, at the version built against the runtime's pallet-revive. Wallets
# (MetaMask) and libraries (viem, ethers, Hardhat, Foundry) speak Ethereum JSON-RPC to it over
# HTTP; it speaks Substrate RPC to the node over WebSocket.
#
#   scripts/eth-rpc.sh install       build and install the adapter (once; about 30 minutes cold on
#                                    two cores, it compiles about 1,500 crates, RocksDB among them)
#   scripts/eth-rpc.sh [start] [ARG…]  start it (installing it first if needed): it connects to
#                                    $NODE_WS (ws://127.0.0.1:9944, the dev node's default) and
#                                    serves http://127.0.0.1:$ETH_RPC_PORT (8545); ARGs go to eth-rpc
#   scripts/eth-rpc.sh test          the end-to-end test through the adapter (viem over HTTP
#                                    against a dev node it starts); needs the node built
#   scripts/eth-rpc.sh path          the adapter binary's path
#
# The adapter is installed under $OPENLEDGER_ETH_RPC_ROOT (~/.cache/openledger-node/eth-rpc) and
# built in its own target directory beside it, apart from the workspace's: it has its own lock
# file (the crate's), and CI does not build it. It needs libclang (RocksDB's bindings); on a
# machine with apt-get this script installs it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'eth-rpc: %s\n' "$*" >&2; }

# The adapter release built against the runtime's revive: bump both together (the adapter reads
# revive's runtime API and storage with types generated from that revive).
ADAPTER_VERSION=0.24.0
REVIVE_VERSION=0.20.2

install_root="${OPENLEDGER_ETH_RPC_ROOT:-$HOME/.cache/openledger-node/eth-rpc}"
binary="$install_root/bin/eth-rpc"

check_revive() {
	local locked
	locked="$(awk '/^name = "pallet-revive"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
	if [ "$locked" != "$REVIVE_VERSION" ]; then
		say "Cargo.lock has pallet-revive $locked, but eth-rpc $ADAPTER_VERSION is built against $REVIVE_VERSION:"
		say "update ADAPTER_VERSION and REVIVE_VERSION in scripts/eth-rpc.sh to the matching pair"
		exit 1
	fi
}

have_libclang() {
	ldconfig -p 2>/dev/null | grep -q 'libclang\(-[0-9.]*\)\?\.so' ||
		[ -n "${LIBCLANG_PATH:-}" ]
}

install_adapter() {
	check_revive
	if ! have_libclang; then
		if command -v apt-get >/dev/null 2>&1; then
			say "installing libclang (libclang-dev), which RocksDB's bindings need to build"
			local sudo_cmd=""
			if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
			$sudo_cmd apt-get update -qq
			DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libclang-dev >/dev/null
		else
			say "libclang is required to build the adapter (package libclang-dev or llvm); install it and run this again"
			exit 1
		fi
	fi
	say "building pallet-revive-eth-rpc $ADAPTER_VERSION into $install_root (its own lock file)"
	# SKIP_WASM_BUILD: the adapter's build script reads the metadata of revive's development
	# runtime natively; the Wasm build of that runtime would resolve its own dependencies afresh,
	# past the lock file (to an alloy-trie that revive 0.20.2 does not compile with).
	SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="${OPENLEDGER_ETH_RPC_TARGET:-$(dirname "$install_root")/eth-rpc-target}" \
		cargo install --locked pallet-revive-eth-rpc --version "$ADAPTER_VERSION" \
		--root "$install_root" --bin eth-rpc
}

installed() {
	[ -x "$binary" ] && grep -q "pallet-revive-eth-rpc $ADAPTER_VERSION " "$install_root/.crates.toml" 2>/dev/null
}

command="${1:-start}"
case "$command" in
install)
	install_adapter
	;;
path)
	echo "$binary"
	;;
test)
	installed || install_adapter
	cd "$root/scripts"
	OPENLEDGER_ETH_RPC="$binary" exec npm run --silent test:eth-rpc
	;;
start | -*)
	if [ "$command" = start ]; then shift || true; fi
	installed || install_adapter
	node_ws="${NODE_WS:-ws://127.0.0.1:9944}"
	port="${ETH_RPC_PORT:-8545}"
	say "serving Ethereum JSON-RPC on http://127.0.0.1:$port for the node at $node_ws"
	# Receipts are indexed in memory for the latest 100,000 blocks (about a week of 6 s blocks):
	# a development node keeps no history to index from (`--eth-pruning archive` needs an archive
	# node, `--state-pruning archive`). Browsers' wallets need CORS.
	exec "$binary" --node-rpc-url "$node_ws" --rpc-port "$port" --eth-pruning 100000 \
		--rpc-cors all "$@"
	;;
*)
	say "unknown command '$command': use install, start, test or path"
	exit 2
	;;
esac
