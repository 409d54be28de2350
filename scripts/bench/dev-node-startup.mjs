#!/usr/bin/env node
// Measures how long a dev node (`--dev --tmp`) takes from process start to answering RPC, to its
// first block and to its first finalized block. Prints one line per run and the median.
//
//   node scripts/bench/dev-node-startup.mjs [RUNS]      (default 3; needs a release build)

import { devNode, heads, waitFor } from '../lib/node-process.mjs';

const runs = Number(process.argv[2] ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
	console.error('usage: node scripts/bench/dev-node-startup.mjs [RUNS]');
	process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let run = 1; run <= runs; run++) {
	const t0 = performance.now();
	const node = await devNode();
	const rpcPort = node.rpcPort;
	try {
		await node.ready(60_000);
		const rpcReady = performance.now() - t0;
		await waitFor('block #1', async () => (await heads(rpcPort)).best >= 1, { interval: 50 });
		const firstBlock = performance.now() - t0;
		await waitFor('finalized #1', async () => (await heads(rpcPort)).finalized >= 1, {
			interval: 50,
		});
		const firstFinalized = performance.now() - t0;
		results.push({ rpcReady, firstBlock, firstFinalized });
		console.log(
			`run ${run}: RPC ${(rpcReady / 1000).toFixed(2)} s, first block ` +
				`${(firstBlock / 1000).toFixed(2)} s, first finalized ${(firstFinalized / 1000).toFixed(2)} s`,
		);
	} catch (e) {
		console.error(`run ${run} failed: ${e.message}\n${node.logTail()}`);
		process.exitCode = 1;
	} finally {
		await node.stop();
	}
}
if (results.length) {
	const m = (k) => (median(results.map((r) => r[k])) / 1000).toFixed(2);
	console.log(
		`median of ${results.length}: RPC ${m('rpcReady')} s, first block ${m('firstBlock')} s, ` +
			`first finalized ${m('firstFinalized')} s`,
	);
}
