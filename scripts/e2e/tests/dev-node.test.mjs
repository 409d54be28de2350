// A dev node (`--dev --tmp`) seen through polkadot-js: chain properties, a transfer and its fee,
// finality, Prometheus metrics, and garbage sent to author_submitExtrinsic.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { devNode, heads, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

const OPEN = 10n ** 18n;

let node;
let api;

before(async () => {
	node = await devNode();
	await withLogsOnFailure([node], async () => {
		await node.ready();
		const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, false);
		await provider.connect();
		api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
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
	assert.equal(properties.ss58Format.unwrap().toNumber(), 4242);
	assert.equal(api.registry.chainSS58, 4242);
	assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 1_000_000_000n * OPEN);
});

test('Alice transfers to a fresh account: the amount arrives and a fee is charged', async () => {
	await withLogsOnFailure([node], async () => {
		const keyring = new Keyring({ type: 'sr25519', ss58Format: 4242 });
		const alice = keyring.addFromUri('//Alice');
		const fresh = keyring.addFromMnemonic(mnemonicGenerate());
		const amount = 5n * OPEN;

		const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
		const events = await new Promise((ok, fail) => {
			const timer = setTimeout(() => fail(new Error('transfer not in a block within 60 s')), 60_000);
			api.tx.balances
				.transferKeepAlive(fresh.address, amount)
				.signAndSend(alice, ({ status, events, dispatchError }) => {
					if (dispatchError) {
						clearTimeout(timer);
						fail(new Error(`transfer failed: ${dispatchError.toString()}`));
					} else if (status.isInBlock) {
						clearTimeout(timer);
						ok(events);
					}
				})
				.catch((e) => {
					clearTimeout(timer);
					fail(e);
				});
		});

		const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
		assert.ok(transfer, 'a balances.Transfer event');
		assert.equal(transfer.event.data.from.toString(), alice.address);
		assert.equal(transfer.event.data.to.toString(), fresh.address);
		assert.equal(transfer.event.data.amount.toBigInt(), amount);

		const feePaid = events.find(({ event }) =>
			api.events.transactionPayment.TransactionFeePaid.is(event),
		);
		assert.ok(feePaid, 'a transactionPayment.TransactionFeePaid event');
		assert.equal(feePaid.event.data.who.toString(), alice.address);
		const fee = feePaid.event.data.actualFee.toBigInt();
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
