#!/usr/bin/env node
// Starts a local network of OpenLedger validators on loopback and keeps it running until Ctrl-C,
// then stops every node cleanly.
//
//   node scripts/local-testnet.mjs [--validators N] [--base-path DIR] [--purge]
//
// N is 1 to 6 (default 3: Alice, Bob and Charlie, the genesis validators of `--chain local`;
// Dave, Eve and Ferdie run as nodes that are not validators until their operators join them, see
// docs/VALIDATOR.md). Node i listens for peers on 30333+i, for JSON-RPC on
// 9944+i and for Prometheus on 9615+i. State lives under DIR/<name> (default
// ./local-testnet), kept between runs unless --purge is given. The node binary is
// $OPENLEDGER_NODE or the release build (`cargo build --release`).

import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { localNetwork } from './lib/network.mjs';
import { heads } from './lib/node-process.mjs';

const usage = 'usage: node scripts/local-testnet.mjs [--validators N] [--base-path DIR] [--purge]';

let options;
try {
	({ values: options } = parseArgs({
		options: {
			validators: { type: 'string', default: '3' },
			'base-path': { type: 'string', default: 'local-testnet' },
			purge: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	}));
} catch (e) {
	console.error(`${e.message}\n${usage}`);
	process.exit(2);
}
if (options.help) {
	console.log(usage);
	process.exit(0);
}

const count = Number(options.validators);
const basePath = resolve(options['base-path']);
if (options.purge) rmSync(basePath, { recursive: true, force: true });

let network;
try {
	network = localNetwork({
		count,
		basePath,
		ports: (i) => ({ p2p: 30333 + i, rpc: 9944 + i, prometheus: 9615 + i }),
		echo: true,
	});
} catch (e) {
	console.error(`local-testnet: ${e.message}\n${usage}`);
	process.exit(2);
}

let stopping = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('local-testnet: stopping the nodes');
	await network.stop();
	console.log('local-testnet: stopped');
	process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
	await network.start();
} catch (e) {
	console.error(`local-testnet: ${e.message}`);
	await shutdown(1);
}
for (const node of network.nodes) {
	node.exited.then((exit) => {
		if (!stopping) console.error(`local-testnet: ${node.name} exited (${JSON.stringify(exit)})`);
	});
}
console.log(`local-testnet: ${count} nodes running; bootnode ${network.bootnode}`);
for (const node of network.nodes) {
	console.log(`local-testnet:   ${node.name}: ws://127.0.0.1:${node.rpcPort}`);
}
console.log('local-testnet: Ctrl-C stops them');

// Report progress now and then, from the first node.
setInterval(async () => {
	try {
		const { best, finalized } = await heads(network.nodes[0].rpcPort);
		console.log(`local-testnet: best #${best}, finalized #${finalized}`);
	} catch {
		/* the node may be restarting */
	}
}, 30_000).unref();
