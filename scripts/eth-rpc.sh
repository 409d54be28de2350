#!/usr/bin/env bash
# The Ethereum JSON-RPC adapter in front of an OpenLedger node: `eth-rpc`, from the crate
# pallet-revive-eth-rpc, at the version built against the runtime's pallet-revive. Wallets
# (MetaMask) and libraries (viem, ethers, Hardhat, Foundry) speak Ethereum JSON-RPC to it over
# HTTP; it speaks Substrate RPC to the node over WebSocket.
#
#   scripts/eth-rpc.sh install         build and install the adapter (once: about 40 minutes cold
#                                      on two cores, about 1,500 crates, RocksDB among them)
#   scripts/eth-rpc.sh [start] [ARG…]  start it (installing it first if needed): it connects to
#                                      $NODE_WS (ws://127.0.0.1:9944, the dev node's default) and
#                                      serves http://127.0.0.1:$ETH_RPC_PORT (8545); ARGs go to
#                                      eth-rpc and replace the script's own value of a flag they name
#   scripts/eth-rpc.sh test            the end-to-end test through the adapter (viem over HTTP
#                                      against a dev node it starts); needs the node built
#   scripts/eth-rpc.sh path            the adapter binary's path
#
# The adapter is installed under $OPENLEDGER_ETH_RPC_ROOT (~/.cache/openledger-node/eth-rpc) and
# built in its own target directory beside it (about 7 GB), apart from the workspace's: it has its
# own lock file (the crate's), and CI does not build it. It needs libclang (RocksDB's bindings);
# on a machine with apt-get this script installs it.
#
# Do not pass eth-rpc's `--dev`: it makes the adapter sign `eth_sendTransaction` with the
# well-known development keys for any caller, one of which the development chain funds.
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

# Whether bindgen will find libclang: $LIBCLANG_PATH, macOS (Xcode's), or a libclang.so in the
# linker cache or in LLVM's usual directories.
have_libclang() {
	[ -n "${LIBCLANG_PATH:-}" ] && return 0
	[ "$(uname -s)" = Darwin ] && return 0
	local cache
	cache="$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)"
	if printf '%s\n' "$cache" | grep 'libclang\(-[0-9.]*\)\?\.so' >/dev/null; then return 0; fi
	compgen -G '/usr/lib/llvm-*/lib/libclang*.so*' >/dev/null
}

install_adapter() {
	if ! have_libclang; then
		if command -v apt-get >/dev/null 2>&1; then
			say "installing libclang (libclang-dev), which RocksDB's bindings need to build"
			local sudo_cmd=""
			if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
			$sudo_cmd apt-get update -qq
			$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev >/dev/null
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
	[ -x "$binary" ] && grep "pallet-revive-eth-rpc $ADAPTER_VERSION " "$install_root/.crates.toml" >/dev/null 2>&1
}

# Installs the adapter unless this version is there. (An `if`, not `installed || install_adapter`:
# bash would not stop on a failure inside a function called from an `||` list.)
ensure_installed() {
	if ! installed; then install_adapter; fi
}

command="${1:-start}"
check_revive
case "$command" in
install)
	install_adapter
	;;
path)
	echo "$binary"
	;;
test)
	ensure_installed
	cd "$root/scripts"
	OPENLEDGER_ETH_RPC="$binary" exec npm run --silent test:eth-rpc
	;;
start | -*)
	if [ $# -gt 0 ] && [ "$1" = start ]; then shift; fi
	ensure_installed
	# The script's values, each unless the arguments name the flag themselves.
	defaults=()
	named() {
		local flag="$1" arg
		shift
		for arg in "$@"; do
			case "$arg" in "$flag" | "$flag"=*) return 0 ;; esac
		done
		return 1
	}
	named --node-rpc-url "$@" || defaults+=(--node-rpc-url "${NODE_WS:-ws://127.0.0.1:9944}")
	port="${ETH_RPC_PORT:-8545}"
	if ! named --rpc-port "$@"; then
		defaults+=(--rpc-port "$port")
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			# (eth-rpc would quietly serve on another port; a wallet would reach whatever holds this one)
			say "port $port is taken (another Ethereum node?): set ETH_RPC_PORT to a free one"
			exit 1
		fi
	fi
	# Receipts are indexed in memory from the adapter's start, for the latest 100,000 blocks
	# (about a week of 6 s blocks): `--eth-pruning archive` indexes the whole history, which
	# needs an archive node (`--state-pruning archive`; a node keeps 256 blocks' state by default).
	named --eth-pruning "$@" || defaults+=(--eth-pruning 100000)
	say "eth-rpc ${defaults[*]} $*"
	exec "$binary" "${defaults[@]}" "$@"
	;;
*)
	say "unknown command '$command': use install, start, test or path"
	exit 2
	;;
esac
