// Ethereum on the OpenLedger chain. Without an Ethereum RPC adapter: transactions signed by viem
// accounts, submitted by polkadot-js as `revive.ethTransact`; contracts compiled by solc-js; reads
// through the runtime's `ReviveApi`. With it: the adapter (`eth-rpc`, installed by
// scripts/eth-rpc.sh) started in front of a node.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { decodeFunctionResult, encodeFunctionData } from 'viem';

import { findEvent, submit } from './chain.mjs';
import { OPEN } from './constants.mjs';
import { compileSolidity } from './ethereum.mjs';
import { NodeProcess, freePorts, repoRoot } from './node-process.mjs';

/** The 32-byte account of an Ethereum address (a key's or a contract's): the address, then twelve 0xEE bytes. */
export const accountOf = (address) => u8aToHex(u8aConcat(hexToU8a(address), new Uint8Array(12).fill(0xee)));

/**
 * `key` (a viem account) signs an EIP-1559 transaction for the chain's id, at its gas price, offering at most
 * `maxFee` of gas (what is not used is refunded); polkadot-js submits it. `to` undefined deploys
 * `data`. Resolves to the block's events of the transaction; rejects naming the module error.
 */
export async function ethTransact(api, key, { to, value = 0n, data = '0x', maxFee = OPEN }) {
	const gasPrice = (await api.call.reviveApi.gasPrice()).toBigInt();
	const nonce = (await api.call.reviveApi.nonce(key.address)).toNumber();
	const signed = await key.signTransaction({
		type: 'eip1559',
		chainId: api.consts.revive.chainId.toNumber(),
		nonce,
		to,
		value,
		data,
		gas: maxFee / gasPrice,
		maxFeePerGas: gasPrice,
		maxPriorityFeePerGas: 0n,
	});
	return await submit(api, api.tx.revive.ethTransact(signed), undefined);
}

/** Deploys `contract` (`{ abi, bytecode }`) from `key`: its address. */
export async function deploy(api, key, contract, maxFee = 20n * OPEN) {
	const events = await ethTransact(api, key, { data: contract.bytecode, maxFee });
	const instantiated = findEvent(events, 'revive', 'Instantiated');
	if (!instantiated) throw new Error('no revive.Instantiated event');
	return instantiated.data.contract.toHex();
}

/** Sends `functionName(args)` of `abi` to `address` from `key`: the events. */
export function send(api, key, address, abi, functionName, args, options = {}) {
	return ethTransact(api, key, { ...options, to: address, data: encodeFunctionData({ abi, functionName, args }) });
}

/** Reads `functionName(args)` of `abi` at `address` as `origin` (a 32-byte account), without a transaction. */
export async function read(api, origin, address, abi, functionName, args) {
	const data = encodeFunctionData({ abi, functionName, args });
	const result = await api.call.reviveApi.call(origin, address, 0, null, null, data);
	if (result.result.isErr) throw new Error(`${functionName}: ${result.result.asErr.toString()}`);
	const returned = result.result.asOk;
	// ReturnFlags: bit 0 is REVERT (a bitflags struct, `{ bits }` in the metadata)
	const flags = returned.flags.toJSON();
	if ((typeof flags === 'number' ? flags : flags.bits) & 1) throw new Error(`${functionName} reverted: ${returned.data.toHex()}`);
	return decodeFunctionResult({ abi, functionName, data: returned.data.toHex() });
}

/** The `IInference` precompile's address, as the Solidity interface names it. */
export const INFERENCE_PRECOMPILE = readFileSync(join(repoRoot, 'contracts', 'ethereum', 'IInference.sol'), 'utf8')
	.match(/address constant INFERENCE_PRECOMPILE = (0x[0-9a-fA-F]{40});/)[1];

/** `IInference` and the test contract `InferenceUser`, compiled: `{ abi, bytecode }` each. */
export function compileInferenceContracts() {
	const contract = compileSolidity(['IInference.sol', 'test/InferenceUser.sol']);
	return { IInference: contract('IInference.sol', 'IInference'), InferenceUser: contract('test/InferenceUser.sol', 'InferenceUser') };
}

/**
 * The Ethereum JSON-RPC adapter's binary: $OPENLEDGER_ETH_RPC, else where scripts/eth-rpc.sh
 * installs it ($OPENLEDGER_ETH_RPC_ROOT/bin, by default under ~/.cache/openledger-node).
 */
export function ethRpcBinary() {
	const installRoot = process.env.OPENLEDGER_ETH_RPC_ROOT || join(homedir(), '.cache', 'openledger-node', 'eth-rpc');
	const binary = process.env.OPENLEDGER_ETH_RPC || join(installRoot, 'bin', 'eth-rpc');
	if (!existsSync(binary)) {
		throw new Error(`no eth-rpc adapter at ${binary}: install it with \`scripts/eth-rpc.sh install\` (or point OPENLEDGER_ETH_RPC at one)`);
	}
	return binary;
}

/**
 * The Ethereum JSON-RPC adapter in front of `node` (a dev node's process), serving HTTP on a free
 * loopback port (`rpcPort`), its receipts indexed in memory: started, not yet ready.
 */
export async function ethRpcAdapter(node, { echo = false } = {}) {
	const [port] = await freePorts(1);
	return new NodeProcess({
		name: 'eth-rpc',
		binary: ethRpcBinary(),
		rpcPort: port,
		echo,
		args: [
			'--node-rpc-url', `ws://127.0.0.1:${node.rpcPort}`,
			'--rpc-port', String(port),
			'--eth-pruning', '1000',
			'--no-prometheus',
		],
	}).start();
}
