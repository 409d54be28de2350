#!/usr/bin/env bash
# Installs what a clean machine lacks to build and test the OpenLedger node. Idempotent: a second
# run finds everything in place and changes nothing.
#
#   - rustup target wasm32-unknown-unknown and component rust-src (the runtime is built to Wasm),
#     and components rustfmt and clippy (the lints `scripts/test.sh` runs first)
#   - protoc (sc-network's litep2p generates code from .proto files at build time)
#   - the npm packages of the end-to-end tests and benchmarks (scripts/, pinned by package-lock.json)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'setup: %s\n' "$*"; }

if ! command -v rustup >/dev/null 2>&1; then
	say "rustup is required (https://rustup.rs); install it and run this script again" >&2
	exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
	say "adding rustup target wasm32-unknown-unknown"
	rustup target add wasm32-unknown-unknown
fi
for component in rust-src rustfmt clippy; do
	if ! rustup component list --installed | grep -q "^$component"; then
		say "adding rustup component $component"
		rustup component add "$component"
	fi
done

if ! command -v protoc >/dev/null 2>&1; then
	say "installing protoc (protobuf-compiler)"
	sudo_cmd=""
	if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
	if command -v apt-get >/dev/null 2>&1; then
		$sudo_cmd apt-get update -qq
		$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
	elif command -v brew >/dev/null 2>&1; then
		brew install protobuf
	else
		say "no apt-get or brew: install protoc yourself (package protobuf-compiler)" >&2
		exit 1
	fi
fi

scripts="$root/scripts"
if ! command -v npm >/dev/null 2>&1; then
	say "npm (Node.js 20 or newer) is required by the end-to-end tests" >&2
	exit 1
fi
# `npm ci` installs exactly what package-lock.json pins; it runs again when the lock changes.
if [ ! -f "$scripts/node_modules/.package-lock.json" ] ||
	[ "$scripts/package-lock.json" -nt "$scripts/node_modules/.package-lock.json" ]; then
	say "installing the npm packages of scripts/ (npm ci)"
	(cd "$scripts" && npm ci --no-audit --no-fund --loglevel=error)
fi
# The packages were once installed in scripts/e2e; a second copy there would shadow these.
if [ -d "$scripts/e2e/node_modules" ]; then
	say "removing scripts/e2e/node_modules (the packages are in scripts/node_modules now)"
	rm -rf "$scripts/e2e/node_modules"
fi

say "ready"
