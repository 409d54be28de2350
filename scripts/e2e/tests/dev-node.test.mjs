// A dev node (`--dev --tmp`) seen through polkadot-js: chain properties, a transfer and its fee,
// finality, Prometheus metrics, and garbage sent to author_submitExtrinsic.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { devNode, heads, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';
import { connect, devAccounts, findEvent, submit } from '../lib/chain.mjs';
import { OPEN, SS58_PREFIX } from '../lib/constants.mjs';

let node;
let api;

before(async () => {
	node = await devNode();
	await withLogsOnFailure([node], async () => {
		await node.ready();
		api = await connect(node);
	});
});

after(async () => {
	await api?.disconnect();
	await node?.stop();
});

test('chain properties name the OPEN token with 18 decimals', async () => {
	const properties = await api.rpc.system.properties();
	assert.deepEqual(properties.tokenSymbol.unwrap().toJSON(), ['OPEN']);
	assert.deepEqual(properties.tokenDecimals.unwrap().toJSON(), [18]);
	assert.equal(properties.ss58Format.unwrap().toNumber(), SS58_PREFIX);
	assert.equal(api.registry.chainSS58, SS58_PREFIX);
	assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 1_000_000_000n * OPEN);
});

test('Alice transfers to a fresh account: the amount arrives and a fee is charged', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice } = devAccounts();
		const fresh = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromMnemonic(mnemonicGenerate());
		const amount = 5n * OPEN;

		const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
		const events = await submit(api, api.tx.balances.transferKeepAlive(fresh.address, amount), alice);

		const transfer = findEvent(events, 'balances', 'Transfer');
		assert.ok(transfer, 'a balances.Transfer event');
		assert.equal(transfer.data.from.toString(), alice.address);
		assert.equal(transfer.data.to.toString(), fresh.address);
		assert.equal(transfer.data.amount.toBigInt(), amount);

		const feePaid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
		assert.ok(feePaid, 'a transactionPayment.TransactionFeePaid event');
		assert.equal(feePaid.data.who.toString(), alice.address);
		const fee = feePaid.data.actualFee.toBigInt();
		assert.ok(fee > 0n, `the fee is positive (${fee})`);

		const freshAfter = (await api.query.system.account(fresh.address)).data.free.toBigInt();
		assert.equal(freshAfter, amount);
		const aliceAfter = (await api.query.system.account(alice.address)).data.free.toBigInt();
		assert.equal(aliceBefore - aliceAfter, amount + fee);
		console.log(`# transfer fee: ${fee} (${Number(fee) / 1e18} OPEN)`);
	});
});

test('the finalized head advances', async () => {
	await withLogsOnFailure([node], async () => {
		const start = (await heads(node.rpcPort)).finalized;
		await waitFor(`a finalized block past #${start}`, async () => {
			return (await heads(node.rpcPort)).finalized > start;
		}, { timeout: 60_000 });
	});
});

test('Prometheus metrics report the block height', async () => {
	const text = await (await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`)).text();
	assert.match(text, /^substrate_block_height\{status="finalized"/m);
});

test('garbage sent to author_submitExtrinsic gets an RPC error and blocks keep coming', async () => {
	await withLogsOnFailure([node], async () => {
		for (const garbage of ['0xdeadbeef', '0x00', '0x' + 'ff'.repeat(1024)]) {
			await assert.rejects(
				rpc(node.rpcPort, 'author_submitExtrinsic', [garbage]),
				(e) => e.rpc !== undefined && typeof e.rpc.message === 'string',
			);
		}
		const start = (await heads(node.rpcPort)).best;
		await waitFor(`a block past #${start}`, async () => {
			return (await heads(node.rpcPort)).best > start;
		}, { timeout: 30_000 });
		assert.ok(node.running, 'the node is still running');
	});
});
