// polkadot-js helpers shared by the end-to-end tests and the benchmarks.

import { after, before } from 'node:test';

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

import { devNode, withLogsOnFailure } from './node-process.mjs';
import { SS58_PREFIX } from './constants.mjs';

/**
 * Gives a test file a dev node and polkadot-js connected to it: started before its tests
 * (`ready` receives `{ node, api }`), disconnected and stopped after them.
 */
export function withDevNode(ready) {
	let node;
	let api;
	before(async () => {
		({ node, api } = await startDevNode());
		ready({ node, api });
	});
	after(async () => {
		await api?.disconnect();
		await node?.stop();
	});
}

/**
 * A dev node, ready, and polkadot-js connected to it: `{ node, api }`. If it fails to start, its
 * log is printed and it is stopped.
 */
export async function startDevNode() {
	const node = await devNode();
	try {
		const api = await withLogsOnFailure([node], async () => {
			await node.ready();
			return await connect(node);
		});
		return { node, api };
	} catch (e) {
		await node.stop();
		throw e;
	}
}

/** Connects polkadot-js to a node's RPC port (failing, not retrying, if it is down). */
export async function connect(node) {
	const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, false);
	await provider.connect();
	return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** The well-known development accounts, with OpenLedger addresses. */
export function devAccounts() {
	const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });
	return Object.fromEntries(
		['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]),
	);
}

/**
 * Signs and submits `tx` (submits it unsigned if there is no `signer`); resolves to its events
 * once it is in a block, rejects (naming the module error) if it fails or is not included within
 * `timeout` ms.
 */
export function submit(api, tx, signer, timeout = 60_000) {
	return new Promise((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`${tx.method.section}.${tx.method.method}: not in a block within ${timeout} ms`)), timeout);
		const watch = ({ status, events, dispatchError }) => {
			if (dispatchError) {
				clearTimeout(timer);
				let message = dispatchError.toString();
				if (dispatchError.isModule) {
					const { section, name } = api.registry.findMetaError(dispatchError.asModule);
					message = `${section}.${name}`;
				}
				const error = new Error(`${tx.method.section}.${tx.method.method} failed: ${message}`);
				error.module = message;
				fail(error);
			} else if (status.isInBlock) {
				clearTimeout(timer);
				ok(events);
			}
		};
		(signer ? tx.signAndSend(signer, watch) : tx.send(watch)).catch((e) => {
			clearTimeout(timer);
			fail(e);
		});
	});
}

/** The first event `section.method` among `events`, or undefined. */
export function findEvent(events, section, method) {
	return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

/**
 * Field `name` of an event's data. Use this rather than `event.data.name` for fields whose names
 * shadow a codec property (`hash` is the hash of the encoded data, not a field).
 */
export function eventField(event, name) {
	const position = event.meta.fields.findIndex((f) => f.name.isSome && f.name.unwrap().toString() === name);
	if (position < 0) throw new Error(`${event.section}.${event.method} has no field ${name}`);
	return event.data[position];
}

/**
 * A tabular datanet payload in the documented format: per example (`[label, features]`) a u32 LE
 * label, then each feature as an f32 LE. The one JavaScript encoder of that format.
 */
export function tabularPayload(examples) {
	const width = examples.length ? 4 * (1 + examples[0][1].length) : 0;
	const view = new DataView(new ArrayBuffer(examples.length * width));
	examples.forEach(([label, xs], i) => {
		if (4 * (1 + xs.length) !== width) throw new Error(`example ${i} has ${xs.length} features, not ${width / 4 - 1}`);
		view.setUint32(i * width, label, true);
		xs.forEach((x, k) => view.setFloat32(i * width + 4 + 4 * k, x, true));
	});
	return new Uint8Array(view.buffer);
}

/**
 * Softmax-regression weights as the model registry takes them: a safetensors file of an f32
 * `weight` (classes × features) and `bias` (classes), every value `fill`.
 */
export function softmaxWeights(features, classes, fill = 0) {
	const header = {};
	let offset = 0;
	for (const [name, shape] of [['weight', [classes, features]], ['bias', [classes]]]) {
		const size = 4 * shape.reduce((a, b) => a * b, 1);
		header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + size] };
		offset += size;
	}
	const json = new TextEncoder().encode(JSON.stringify(header));
	const bytes = new Uint8Array(8 + json.length + offset);
	const view = new DataView(bytes.buffer);
	view.setBigUint64(0, BigInt(json.length), true);
	bytes.set(json, 8);
	for (let at = 8 + json.length; at < bytes.length; at += 4) view.setFloat32(at, fill, true);
	return bytes;
}

/** An sr25519 account from a secret URI (`//payer7`), with an OpenLedger address. */
export function account(uri) {
	return new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromUri(uri);
}

/**
 * The bytes a payer signs for a batched receipt (`ReceiptMessage` in the primitives): the context
 * `openledger/receipt`, the genesis hash, the provider's public key, the model (u32 LE), the
 * payer's receipt nonce (u64 LE), the BLAKE2b-256 of input and output, the max fee (u128 LE).
 */
export function receiptMessage({ genesis, provider, model, nonce, input, output, maxFee }) {
	const le = (value, bitLength) => bnToU8a(value, { bitLength, isLe: true });
	return u8aConcat(stringToU8a('openledger/receipt'), genesis, provider, le(model, 32), le(nonce, 64),
		blake2AsU8a(input, 256), blake2AsU8a(output, 256), le(maxFee, 128));
}

/**
 * The bytes an account signs to consent to be `operator`'s agent (`AgentConsent` in the
 * primitives): the context `openledger/agent`, the genesis hash, the operator's public key, and
 * the last block the consent may be used in (u32 LE).
 */
export function agentConsentMessage({ genesis, operator, until }) {
	return u8aConcat(stringToU8a('openledger/agent'), genesis, operator, bnToU8a(until, { bitLength: 32, isLe: true }));
}

/// The account of a FRAME pallet id (`PalletId::into_account_truncating`): `modl`, the 8-byte
/// id, zeros.
export function palletAccount(id) {
	return u8aConcat(stringToU8a('modl'), stringToU8a(id), new Uint8Array(20));
}

export { u8aToHex } from '@polkadot/util';
export { cryptoWaitReady } from '@polkadot/util-crypto';
