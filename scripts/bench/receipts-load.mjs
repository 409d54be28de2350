#!/usr/bin/env node
// Load benchmark of batched inference receipts: how many paid inferences per second a dev node
// settles through `inference.submitReceipts`.
//
//   node scripts/bench/receipts-load.mjs [--seconds 60] [--receipts 180000] [--batch 1024]
//                                        [--payers 256] [--providers 4] [--window 24]
//
// It starts a dev node (`--dev --tmp`, release build), sets up a datanet, a version and a model,
// registers `--providers` providers and funds `--payers` payers, then signs every receipt ahead
// of time (sr25519, the bytes `ReceiptMessage` documents) and the batches' extrinsics too. It
// submits batches keeping at most `--window` in the pool and follows the best blocks until
// `--seconds` have passed since the first block that settled a batch. It prints, per block and
// in all: inferences paid (fee split, parts escrowed) over `--seconds` from the first paid batch,
// escrows settled (the attribution job final: a dev node has no attestors, so each job falls
// back to the lineage datanets at its deadline, 10 blocks later) over `--seconds` from the first
// settlement, receipts rejected, block weight and length used, and what limited the rate.

import { parseArgs } from 'node:util';

import { account, connect, cryptoWaitReady, devAccounts, receiptMessage, submit, u8aToHex } from '../lib/chain.mjs';
import { OPEN } from '../lib/constants.mjs';
import { setupPaidModel } from '../lib/fixtures.mjs';
import { devNode } from '../lib/node-process.mjs';

const { values: opts } = parseArgs({
	options: {
		seconds: { type: 'string', default: '60' },
		receipts: { type: 'string', default: '180000' },
		batch: { type: 'string', default: '1024' },
		payers: { type: 'string', default: '256' },
		providers: { type: 'string', default: '4' },
		window: { type: 'string', default: '24' },
	},
});
const num = (name) => {
	const v = Number(opts[name]);
	if (!Number.isInteger(v) || v < 1) {
		console.error(`--${name} must be a positive integer, not ${opts[name]}`);
		process.exit(2);
	}
	return v;
};
const SECONDS = num('seconds');
const RECEIPTS = num('receipts');
const BATCH = num('batch');
const PAYERS = num('payers');
const PROVIDERS = num('providers');
const WINDOW = num('window');

const PRICE = OPEN / 1000n; // 0.001 OPEN per inference
const FEATURES = 4;

await cryptoWaitReady();
const node = await devNode();
let api;
try {
	await node.ready(120_000);
	api = await connect(node);
	const { alice, bob } = devAccounts();
	const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

	// A datanet with one contribution, its version, and a model priced at PRICE.
	log('setting up a datanet, a version and a model');
	const { model } = await setupPaidModel(api, {
		owner: alice, contributors: [bob], features: FEATURES, name: 'load', description: 'load benchmark',
		l2: 10_000_000, price: PRICE,
	});

	// Providers (registered, funded for transaction fees) and payers (funded for their fees).
	const providers = [...Array(PROVIDERS)].map((_, i) => account(`//provider${i}`));
	const payers = [...Array(PAYERS)].map((_, i) => account(`//payer${i}`));
	const perPayer = PRICE * BigInt(Math.ceil(RECEIPTS / PAYERS) + 10);
	log(`funding ${PROVIDERS} providers and ${PAYERS} payers`);
	const transfers = [
		...providers.map((p) => api.tx.balances.transferKeepAlive(p.address, 100_000n * OPEN)),
		...payers.map((p) => api.tx.balances.transferKeepAlive(p.address, perPayer)),
	];
	for (let i = 0; i < transfers.length; i += 200) {
		await submit(api, api.tx.utility.batchAll(transfers.slice(i, i + 200)), alice);
	}
	for (const p of providers) await submit(api, api.tx.inference.registerProvider(), p);

	// Every receipt signed ahead of time, then every batch's extrinsic.
	const genesis = api.genesisHash.toU8a();
	const started = performance.now();
	const nonces = new Array(PAYERS).fill(0);
	const batches = [];
	for (let made = 0, k = 0; made < RECEIPTS; k++) {
		const provider = providers[k % PROVIDERS];
		const receipts = [];
		for (let i = 0; i < BATCH && made < RECEIPTS; i++, made++) {
			// each payer pays through one provider, so that its nonces reach the chain in order
			const p = (k % PROVIDERS) + PROVIDERS * (Math.floor(made / PROVIDERS) % Math.floor(PAYERS / PROVIDERS));
			const nonce = ++nonces[p];
			const input = new Uint8Array(new Float32Array([made % 7, 1, -0.5, (made % 13) / 13]).buffer);
			const output = new Uint8Array(new Uint32Array([made % 2]).buffer);
			const message = receiptMessage({ genesis, provider: provider.publicKey, model, nonce, input, output, maxFee: PRICE });
			receipts.push({
				payer: payers[p].address,
				nonce,
				maxFee: PRICE,
				input: u8aToHex(input),
				output: u8aToHex(output),
				signature: u8aToHex(payers[p].sign(message)),
			});
		}
		batches.push({ provider, call: api.tx.inference.submitReceipts(model, receipts) });
		// let the connection answer the node's pings between batches
		await new Promise((ok) => setImmediate(ok));
	}
	const signedIn = (performance.now() - started) / 1000;
	const next = {};
	for (const p of providers) next[p.address] = (await api.rpc.system.accountNextIndex(p.address)).toNumber();
	const extrinsics = [];
	for (const { provider, call } of batches) {
		extrinsics.push(await call.signAsync(provider, { nonce: next[provider.address]++, era: 0 }));
	}
	const bytes = extrinsics.reduce((s, x) => s + x.encodedLength, 0);
	log(`signed ${RECEIPTS} receipts and ${extrinsics.length} extrinsics (${(bytes / 1e6).toFixed(1)} MB) ` +
		`in ${((performance.now() - started) / 1000).toFixed(1)} s (receipts alone ${signedIn.toFixed(1)} s)`);

	// Limits of a block, for fullness.
	const limits = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
	const maxLength = api.consts.system.blockLength.max.normal.toNumber();

	// Follow best blocks; submit while fewer than WINDOW batches wait.
	let submitted = 0;
	let included = 0;
	let failed = 0;
	const blocks = [];
	const top = async () => {
		while (submitted < extrinsics.length && submitted - included < WINDOW) {
			const x = extrinsics[submitted++];
			api.rpc.author.submitExtrinsic(x).catch((e) => {
				if (finishedAt !== undefined) return;
				failed++;
				console.error(`submit failed: ${e.message}`);
			});
		}
	};
	const reasons = {};
	let firstPaid;
	let firstSettled;
	let finishedAt;
	let done;
	const finished = new Promise((ok) => (done = ok));
	let last = (await api.rpc.chain.getHeader()).number.toNumber();
	const unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
		const number = header.number.toNumber();
		for (let n = last + 1; n <= number; n++) {
			const hash = await api.rpc.chain.getBlockHash(n);
			const at = await api.at(hash);
			const [records, now, weight, block] = await Promise.all([
				at.query.system.events(), at.query.timestamp.now(), at.query.system.blockWeight(),
				api.rpc.chain.getBlock(hash),
			]);
			let paid = 0;
			let settled = 0;
			let rejected = 0;
			let batchesIn = 0;
			for (const { event } of records) {
				if (event.section !== 'inference') continue;
				if (event.method === 'BatchPaid') {
					batchesIn++;
					paid += event.data.receipts.toNumber();
				} else if (event.method === 'BatchSettled') {
					const b = await at.query.inference.batches(event.data.batch);
					settled += b.isSome ? b.unwrap().receipts.toNumber() : 0;
				} else if (event.method === 'ReceiptRejected') {
					rejected++;
					const reason = event.data.reason.type;
					reasons[reason] = (reasons[reason] ?? 0) + 1;
				}
			}
			included += batchesIn;
			const used = weight.normal.refTime.toBigInt();
			const length = block.block.extrinsics.reduce((s, x) => s + x.encodedLength, 0);
			const t = now.toNumber();
			if (firstPaid === undefined && paid > 0) firstPaid = t;
			if (firstSettled === undefined && settled > 0) firstSettled = t;
			const row = { n, t, paid, settled, rejected, pending: submitted - included, fullness: Number((used * 1000n) / limits) / 10, length: length / maxLength * 100 };
			blocks.push(row);
			log(`#${n}: ${paid} paid, ${settled} settled, ${rejected} rejected; weight ${row.fullness.toFixed(1)}%, ` +
				`length ${row.length.toFixed(1)}%; pool ${submitted - included}`);
			if (firstSettled !== undefined && t >= firstSettled + SECONDS * 1000) {
				finishedAt = t;
				done();
			}
		}
		last = Math.max(last, number);
		await top();
	});
	await top();
	const deadline = setTimeout(() => done(), (2 * SECONDS + 300) * 1000);
	await finished;
	clearTimeout(deadline);
	unsubscribe();

	// The measurement windows: blocks stamped in [first, first + SECONDS), from the first block
	// that paid a batch and from the first that settled one.
	const windowFrom = (first) =>
		blocks.filter((b) => first !== undefined && b.t >= first && b.t < first + SECONDS * 1000);
	const inWindow = windowFrom(firstPaid);
	const settledWindow = windowFrom(firstSettled);
	const sum = (rows, k) => rows.reduce((s, b) => s + b[k], 0);
	const mean = (k) => (inWindow.length ? sum(inWindow, k) / inWindow.length : 0);
	const paidRate = sum(inWindow, 'paid') / SECONDS;
	const settledRate = sum(settledWindow, 'settled') / SECONDS;
	const weightFull = mean('fullness');
	const lengthFull = mean('length');
	const backlog = inWindow.every((b) => b.pending > 0);
	const limit = !backlog
		? 'submission: the pool ran dry (raise --window or --receipts)'
		: weightFull >= 80
			? 'block weight: the next batch\'s declared weight does not fit in what is left of the block'
			: lengthFull >= 80
				? 'block length'
				: 'block production and import';
	console.log('');
	console.log(`over ${SECONDS} s from the first paid batch (${inWindow.length} blocks):`);
	console.log(`  paid:     ${sum(inWindow, 'paid')} inferences, ${paidRate.toFixed(0)} per second`);
	console.log(`  settled:  ${sum(settledWindow, 'settled')} inferences' escrows paid out in the ${SECONDS} s from the ` +
		`first settlement (${settledWindow.length} blocks), ${settledRate.toFixed(0)} per second`);
	console.log(`  rejected: ${sum(inWindow, 'rejected')} ${JSON.stringify(reasons)}; failed submissions: ${failed}`);
	console.log(`  blocks:   weight ${weightFull.toFixed(1)}% of normal, length ${lengthFull.toFixed(1)}% of normal`);
	console.log(`  limit:    ${limit}`);
	console.log(`  signing:  ${RECEIPTS} receipts in ${signedIn.toFixed(1)} s`);
} catch (e) {
	console.error(`${e.stack ?? e}\n--- node log ---\n${node.logTail()}`);
	process.exitCode = 1;
} finally {
	await api?.disconnect();
	await node.stop();
}
