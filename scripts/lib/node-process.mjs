// Starting, watching and stopping `openledger-node` processes, for the local network script and
// the end-to-end tests. Dependency-free: JSON-RPC goes over HTTP with Node's fetch.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The release build of `name` in the cargo target directory, or $`env` if set. */
function releaseBinary(name, env) {
	const target = process.env.CARGO_TARGET_DIR
		? resolve(repoRoot, process.env.CARGO_TARGET_DIR)
		: join(repoRoot, 'target');
	const binary = process.env[env] || join(target, 'release', name);
	if (!existsSync(binary)) {
		throw new Error(
			`no ${name} binary at ${binary}: build it with \`cargo build --release -p ${name}\` ` +
				`(or point ${env} at one)`,
		);
	}
	return binary;
}

/** The node binary: $OPENLEDGER_NODE, else the release build in the cargo target directory. */
export function nodeBinary() {
	return releaseBinary('openledger-node', 'OPENLEDGER_NODE');
}

/** The attribution engine's command line: $OPENLEDGER_INFLUENCE, else the release build. */
export function influenceBinary() {
	return releaseBinary('openledger-influence', 'OPENLEDGER_INFLUENCE');
}

/** `count` distinct TCP ports that were free on loopback a moment ago. */
export async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const server = createServer();
			await new Promise((ok, fail) => {
				server.once('error', fail);
				server.listen(0, '127.0.0.1', ok);
			});
			servers.push(server);
		}
		return servers.map((s) => s.address().port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
	}
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Polls `probe` every `interval` ms until it returns a truthy value, which it returns. Fails after
 * `timeout` ms with a message naming `what` and the last value or error seen.
 */
export async function waitFor(what, probe, { timeout = 60_000, interval = 500 } = {}) {
	const deadline = Date.now() + timeout;
	let last;
	for (;;) {
		try {
			const value = await probe();
			if (value) return value;
			last = value;
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline) {
			const seen = last instanceof Error ? last.message : JSON.stringify(last);
			throw new Error(`timed out after ${timeout} ms waiting for ${what} (last seen: ${seen})`);
		}
		await sleep(interval);
	}
}

/** One JSON-RPC call over HTTP; resolves to the result, rejects with the RPC error. */
export async function rpc(port, method, params = [], { timeout = 10_000 } = {}) {
	const response = await fetch(`http://127.0.0.1:${port}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
		signal: AbortSignal.timeout(timeout),
	});
	const body = await response.json();
	if (body.error) {
		const error = new Error(`${method}: ${body.error.message} (code ${body.error.code})`);
		error.rpc = body.error;
		throw error;
	}
	return body.result;
}

/** The number of the best and of the finalized block a node reports. */
export async function heads(port) {
	const best = await rpc(port, 'chain_getHeader');
	const finalizedHash = await rpc(port, 'chain_getFinalizedHead');
	const finalized = await rpc(port, 'chain_getHeader', [finalizedHash]);
	return { best: parseInt(best.number, 16), finalized: parseInt(finalized.number, 16) };
}

/** The peer id of a node key (hex), as the node itself computes it. */
export function peerIdOf(nodeKeyHex, binary = nodeBinary()) {
	const dir = mkdtempSync(join(tmpdir(), 'openledger-key-'));
	try {
		const file = join(dir, 'node-key');
		writeFileSync(file, nodeKeyHex);
		return execFileSync(binary, ['key', 'inspect-node-key', '--file', file], {
			encoding: 'utf8',
		}).trim();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const LOG_LINES_KEPT = 400;

/**
 * A running node. `args` are its command-line arguments; `rpcPort` is where it answers
 * JSON-RPC. Keeps the last lines of its output for `logTail`.
 */
export class NodeProcess {
	constructor({ name, args, rpcPort, binary = nodeBinary(), echo = false }) {
		this.name = name;
		this.args = args;
		this.rpcPort = rpcPort;
		this.binary = binary;
		this.echo = echo;
		this.lines = [];
		this.child = null;
		this.exit = null;
	}

	/** Starts the process; `ready` waits until it answers RPC. */
	start() {
		if (this.child) throw new Error(`${this.name} is already running`);
		this.exit = null;
		const child = spawn(this.binary, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		const keep = (chunk) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line) continue;
				if (this.echo) process.stdout.write(`[${this.name}] ${line}\n`);
				this.lines.push(line);
				if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
			}
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		this.exited = new Promise((ok) =>
			child.once('exit', (code, signal) => {
				this.exit = { code, signal };
				this.child = null;
				ok(this.exit);
			}),
		);
		return this;
	}

	get running() {
		return this.child !== null;
	}

	/** Waits until the node answers `system_health`, failing early if it exits. */
	async ready(timeout = 60_000) {
		await waitFor(
			`${this.name} to answer RPC on port ${this.rpcPort}`,
			async () => {
				if (this.exit) {
					throw new Error(`${this.name} exited (${JSON.stringify(this.exit)})`);
				}
				return await rpc(this.rpcPort, 'system_health');
			},
			{ timeout },
		);
		return this;
	}

	/** Stops the node: SIGINT, then SIGKILL if it has not exited within `grace` ms. */
	async stop(grace = 20_000) {
		const child = this.child;
		if (!child) return this.exit;
		child.kill('SIGINT');
		const timer = setTimeout(() => child.kill('SIGKILL'), grace);
		const exit = await this.exited;
		clearTimeout(timer);
		return exit;
	}

	/** Kills the node at once (SIGKILL), as a crash would. */
	async kill() {
		const child = this.child;
		if (!child) return this.exit;
		child.kill('SIGKILL');
		return await this.exited;
	}

	/** The last `n` lines the node printed. */
	logTail(n = 60) {
		return this.lines.slice(-n).join('\n');
	}
}

/**
 * A dev node (`--dev --tmp`) on free loopback ports, started (not yet ready). Its Prometheus
 * port is `prometheusPort`.
 */
export async function devNode({ echo = false } = {}) {
	const [p2p, rpcPort, prometheus] = await freePorts(3);
	const node = new NodeProcess({
		name: 'dev',
		rpcPort,
		echo,
		args: [
			'--dev',
			'--tmp',
			'--port', String(p2p),
			'--rpc-port', String(rpcPort),
			'--prometheus-port', String(prometheus),
			'--no-mdns',
		],
	});
	node.prometheusPort = prometheus;
	return node.start();
}

/**
 * Runs `body`; if it throws, prints the log tail of every node in `nodes` before rethrowing, so
 * that a failed test shows what the nodes were doing.
 */
export async function withLogsOnFailure(nodes, body) {
	try {
		return await body();
	} catch (e) {
		for (const node of nodes) {
			console.error(`\n----- last lines of ${node.name} (exit: ${JSON.stringify(node.exit)}) -----`);
			console.error(node.logTail());
		}
		throw e;
	}
}
