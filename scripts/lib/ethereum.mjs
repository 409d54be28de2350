// The Ethereum side of the bridge, for its end-to-end test and its relayer: a local Hardhat node
// on a free loopback port, the contracts in contracts/ethereum compiled with solc-js (also for
// the contracts tests deploy on OpenLedger itself), and viem clients.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import solc from 'solc';
import { createPublicClient, createTestClient, createWalletClient, defineChain, http } from 'viem';

import { NodeProcess, freePorts, repoRoot, waitFor } from './node-process.mjs';

/** The local node's chain id (Hardhat's). */
export const ETHEREUM_CHAIN_ID = 31337;

/** The EIP-712 domain's name and version (as `pallet_bridge::eip712`). */
export const BRIDGE_DOMAIN = { name: 'OpenLedger Bridge', version: '1' };

/** The EIP-712 types the committee signs (as `pallet_bridge::eip712` and the vault declare them). */
export const BRIDGE_TYPES = {
	ReleaseOnOpenLedger: [
		{ name: 'chain', type: 'bytes32' },
		{ name: 'nonce', type: 'uint64' },
		{ name: 'recipient', type: 'bytes32' },
		{ name: 'amount', type: 'uint256' },
	],
	ReleaseOnEthereum: [
		{ name: 'chain', type: 'bytes32' },
		{ name: 'nonce', type: 'uint64' },
		{ name: 'recipient', type: 'address' },
		{ name: 'amount', type: 'uint256' },
	],
	CommitteeChange: [
		{ name: 'chain', type: 'bytes32' },
		{ name: 'epoch', type: 'uint64' },
		{ name: 'members', type: 'address[]' },
		{ name: 'threshold', type: 'uint8' },
	],
	Pause: [
		{ name: 'chain', type: 'bytes32' },
		{ name: 'epoch', type: 'uint64' },
	],
};

/**
 * Compiles `files` of contracts/ethereum with solc-js (their imports among them): a function of
 * `(file, name)` giving that contract's `{ abi, bytecode }`.
 */
export function compileSolidity(files) {
	const sources = Object.fromEntries(
		files.map((path) => [path, { content: readFileSync(join(repoRoot, 'contracts', 'ethereum', path), 'utf8') }]),
	);
	const input = {
		language: 'Solidity',
		sources,
		settings: {
			optimizer: { enabled: true, runs: 200 },
			evmVersion: 'cancun',
			outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
		},
	};
	const output = JSON.parse(solc.compile(JSON.stringify(input)));
	const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
	if (errors.length) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join('\n')}`);
	return (file, name) => {
		const c = output.contracts[file][name];
		return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
	};
}

/** Compiles the vault and the test token: `{ OpenLedgerVault, TestOpen }`, each `{ abi, bytecode }`. */
export function compileContracts() {
	const contract = compileSolidity(['OpenLedgerVault.sol', 'test/TestOpen.sol']);
	return { OpenLedgerVault: contract('OpenLedgerVault.sol', 'OpenLedgerVault'), TestOpen: contract('test/TestOpen.sol', 'TestOpen') };
}

/** A Hardhat node on a free loopback port, started and answering; `node.url` is its RPC URL. */
export async function ethereumNode({ echo = false } = {}) {
	const [port] = await freePorts(1);
	const cli = join(repoRoot, 'scripts', 'node_modules', 'hardhat', 'internal', 'cli', 'bootstrap.js');
	process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = 'true';
	const node = new NodeProcess({
		name: 'ethereum',
		rpcPort: port,
		echo,
		binary: process.execPath,
		args: [cli, '--config', join(repoRoot, 'scripts', 'hardhat.config.cjs'), 'node', '--hostname', '127.0.0.1', '--port', String(port)],
	});
	node.url = `http://127.0.0.1:${port}`;
	node.start();
	const chain = ethereumChain(node.url);
	const client = createPublicClient({ chain, transport: http(node.url) });
	await waitFor(`the Ethereum node to answer on port ${port}`, async () => {
		if (node.exit) throw new Error(`the Ethereum node exited (${JSON.stringify(node.exit)})`);
		return await client.getChainId();
	}, { timeout: 60_000 });
	return node;
}

/** The local chain, for viem. */
export function ethereumChain(url) {
	return defineChain({
		id: ETHEREUM_CHAIN_ID,
		name: 'local',
		nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
		rpcUrls: { default: { http: [url] } },
	});
}

/** viem clients of the node at `url`: `public`, `test` (Hardhat's), and `wallet(account)`. */
export function ethereumClients(url) {
	const chain = ethereumChain(url);
	const transport = http(url);
	return {
		public: createPublicClient({ chain, transport }),
		test: createTestClient({ chain, transport, mode: 'hardhat' }),
		wallet: (account) => createWalletClient({ account, chain, transport }),
	};
}

/** Deploys `contract` (`{ abi, bytecode }`) from `wallet` with `args`: its address. */
export async function deploy(clients, wallet, contract, args) {
	const hash = await wallet.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
	const receipt = await clients.public.waitForTransactionReceipt({ hash });
	if (receipt.status !== 'success') throw new Error(`deployment failed: ${hash}`);
	return receipt.contractAddress;
}

/** Sends `functionName(args)` to `address` from `wallet` and waits for it: the receipt. */
export async function send(clients, wallet, address, abi, functionName, args) {
	const { request } = await clients.public.simulateContract({ account: wallet.account, address, abi, functionName, args });
	const hash = await wallet.writeContract(request);
	const receipt = await clients.public.waitForTransactionReceipt({ hash });
	if (receipt.status !== 'success') throw new Error(`${functionName} failed: ${hash}`);
	return receipt;
}
