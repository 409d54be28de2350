// A local network of validators on loopback, from the `local_testnet` preset (`--chain local`):
// Alice, Bob and Charlie are its genesis validators; more nodes may join (docs/VALIDATOR.md).
// Used by scripts/local-testnet.mjs and by the network end-to-end tests.

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { NodeProcess, nodeBinary, peerIdOf } from './node-process.mjs';

/**
 * Node names, in the order the network starts them, each with its well-known development keys
 * (`--alice`, …); the first three are the genesis validators, the others full nodes ready to join.
 */
export const VALIDATORS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

/** A node of the local chain under `basePath/<name>` on `ports`, with `args` added; not started. */
function localNode({ name, basePath, ports: { p2p, rpc, prometheus }, args, binary, echo }) {
	const dir = join(basePath, name);
	mkdirSync(dir, { recursive: true });
	const node = new NodeProcess({
		name,
		args: [
			'--chain', 'local',
			'--base-path', dir,
			'--port', String(p2p),
			'--rpc-port', String(rpc),
			'--prometheus-port', String(prometheus),
			// Peers are found through the bootnode, not mDNS: other networks on the same
			// machine stay out.
			'--no-mdns',
			...args,
		],
		rpcPort: rpc,
		binary,
		echo,
	});
	node.basePath = dir;
	return node;
}

/** A fixed node key per validator, so that the first one's peer id (the bootnode) is known. */
const nodeKey = (index) => (index + 1).toString(16).padStart(64, '0');

/**
 * Describes a network of `count` validators. `ports(index)` gives each node's
 * `{ p2p, rpc, prometheus }` ports; every node keeps its state under `basePath/<name>`;
 * `extraArgs(index)` adds arguments to a node's command line.
 */
export function localNetwork({
	count = 3,
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
		const args = [`--${name}`, '--node-key', nodeKey(index)];
		if (index > 0) args.push('--bootnodes', bootnode);
		args.push(...extraArgs(index));
		return localNode({ name, basePath, ports: ports(index), args, binary, echo });
	});

	return {
		nodes,
		bootnode,
		/**
		 * A further node, `name`, as a new operator starts one (docs/VALIDATOR.md): a node key
		 * generated into its base path, `--validator` with an empty keystore, peering through the
		 * bootnode. It follows the chain as a full node and authors once its operator's session
		 * keys are set and selected. Not started.
		 */
		joiner(name, nodePorts) {
			execFileSync(binary, ['key', 'generate-node-key', '--chain', 'local', '--base-path', join(basePath, name)], {
				stdio: 'ignore',
			});
			const node = localNode({
				name,
				basePath,
				ports: nodePorts,
				args: ['--validator', '--bootnodes', bootnode],
				binary,
				echo,
			});
			nodes.push(node);
			return node;
		},
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
