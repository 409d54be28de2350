// A local network of validators on loopback, from the `local_testnet` preset (`--chain local`):
// Alice, Bob, Charlie and Dave are its authorities. Used by scripts/local-testnet.mjs and by the
// network end-to-end tests.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { NodeProcess, nodeBinary, peerIdOf } from './node-process.mjs';

/** Validator names, in the order the network starts them; the first four are authorities. */
export const VALIDATORS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

/** A fixed node key per validator, so that the first one's peer id (the bootnode) is known. */
const nodeKey = (index) => (index + 1).toString(16).padStart(64, '0');

/**
 * Describes a network of `count` validators. `ports(index)` gives each node's
 * `{ p2p, rpc, prometheus }` ports; every node keeps its state under `basePath/<name>`;
 * `extraArgs(index)` adds arguments to a node's command line.
 */
export function localNetwork({
	count = 4,
	basePath,
	ports,
	binary = nodeBinary(),
	echo = false,
	extraArgs = () => [],
}) {
	if (!Number.isInteger(count) || count < 1 || count > VALIDATORS.length) {
		throw new Error(`a local network has 1 to ${VALIDATORS.length} validators, not ${count}`);
	}
	const bootPorts = ports(0);
	const bootnode = `/ip4/127.0.0.1/tcp/${bootPorts.p2p}/p2p/${peerIdOf(nodeKey(0), binary)}`;

	const nodes = VALIDATORS.slice(0, count).map((name, index) => {
		const { p2p, rpc, prometheus } = ports(index);
		const dir = join(basePath, name);
		mkdirSync(dir, { recursive: true });
		const args = [
			'--chain', 'local',
			`--${name}`,
			'--base-path', dir,
			'--port', String(p2p),
			'--rpc-port', String(rpc),
			'--prometheus-port', String(prometheus),
			'--node-key', nodeKey(index),
			// Peers are found through the bootnode, not mDNS: other networks on the same
			// machine stay out.
			'--no-mdns',
		];
		if (index > 0) args.push('--bootnodes', bootnode);
		args.push(...extraArgs(index));
		const node = new NodeProcess({ name, args, rpcPort: rpc, binary, echo });
		node.basePath = dir;
		return node;
	});

	return {
		nodes,
		bootnode,
		/** Starts every node and waits until each answers RPC. */
		async start(timeout = 60_000) {
			for (const node of nodes) node.start();
			await Promise.all(nodes.map((node) => node.ready(timeout)));
		},
		/** Stops every node that is still running (SIGINT, then SIGKILL after a grace period). */
		async stop() {
			await Promise.all(nodes.map((node) => node.stop()));
		},
	};
}
