// The four-validator local network on loopback: peering, finality, one validator killed and
// restarted.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { localNetwork } from '../../lib/network.mjs';
import { freePorts, heads, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

let network;
let basePath;

before(async () => {
	basePath = mkdtempSync(join(tmpdir(), 'openledger-net-'));
	const ports = await freePorts(12);
	network = localNetwork({
		count: 4,
		basePath,
		ports: (i) => ({ p2p: ports[3 * i], rpc: ports[3 * i + 1], prometheus: ports[3 * i + 2] }),
	});
	await withLogsOnFailure(network.nodes, () => network.start());
});

after(async () => {
	await network?.stop();
	if (basePath) rmSync(basePath, { recursive: true, force: true });
});

const finalized = async (node) => (await heads(node.rpcPort)).finalized;

test('each of the four validators sees the three others and blocks finalize past #3', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		for (const node of network.nodes) {
			await waitFor(`${node.name} to see 3 peers`, async () => {
				return (await rpc(node.rpcPort, 'system_health')).peers === 3;
			}, { timeout: 90_000 });
		}
		for (const node of network.nodes) {
			await waitFor(`${node.name} to finalize past #3`, async () => (await finalized(node)) > 3, {
				timeout: 120_000,
			});
		}
	});
});

test('with one validator killed, the other three keep finalizing; restarted, it catches up', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const [alice, bob, charlie, dave] = network.nodes;
		await dave.kill();
		assert.equal(dave.exit.signal, 'SIGKILL');

		const survivors = [alice, bob, charlie];
		const before = Math.max(...(await Promise.all(survivors.map(finalized))));
		for (const node of survivors) {
			await waitFor(`${node.name} to finalize past #${before + 2} without dave`, async () => {
				return (await finalized(node)) > before + 2;
			}, { timeout: 120_000 });
		}

		dave.start();
		await dave.ready();
		const target = Math.min(...(await Promise.all(survivors.map(finalized))));
		await waitFor(`dave to catch up to finalized #${target}`, async () => {
			return (await finalized(dave)) >= target;
		}, { timeout: 120_000 });
	});
});
