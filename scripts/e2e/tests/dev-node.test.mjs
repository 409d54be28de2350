// A dev node (`--dev --tmp`) seen through polkadot-js: chain properties, a transfer and its fee
// (split between Alice, the author, and the treasury), the supply over JSON-RPC, finality,
// Prometheus metrics, and garbage sent to author_submitExtrinsic.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { devAccounts, findEvent, palletAccount, submit, withDevNode } from '../../lib/chain.mjs';
import { OPEN, SS58_PREFIX } from '../../lib/constants.mjs';
import { heads, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

let node;
let api;

withDevNode((chain) => ({ node, api } = chain));

test('chain properties name the OPEN token with 18 decimals', async () => {
	const properties = await api.rpc.system.properties();
	assert.deepEqual(properties.tokenSymbol.unwrap().toJSON(), ['OPEN']);
	assert.deepEqual(properties.tokenDecimals.unwrap().toJSON(), [18]);
	assert.equal(properties.ss58Format.unwrap().toNumber(), SS58_PREFIX);
	assert.equal(api.registry.chainSS58, SS58_PREFIX);
	assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 1_000_000_000n * OPEN);
});

test('Bob transfers to a fresh account: the amount arrives, the fee goes to Alice and the treasury', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob } = devAccounts();
		const fresh = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromMnemonic(mnemonicGenerate());
		const amount = 5n * OPEN;
		const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
		const treasury = palletAccount('py/trsry');

		// the same block's state before and after: nothing else moves the three accounts
		const [bobBefore, aliceBefore, treasuryBefore] = [await free(bob.address), await free(alice.address), await free(treasury)];
		const events = await submit(api, api.tx.balances.transferKeepAlive(fresh.address, amount), bob);

		const transfer = findEvent(events, 'balances', 'Transfer');
		assert.ok(transfer, 'a balances.Transfer event');
		assert.equal(transfer.data.from.toString(), bob.address);
		assert.equal(transfer.data.to.toString(), fresh.address);
		assert.equal(transfer.data.amount.toBigInt(), amount);

		const feePaid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
		assert.ok(feePaid, 'a transactionPayment.TransactionFeePaid event');
		assert.equal(feePaid.data.who.toString(), bob.address);
		const fee = feePaid.data.actualFee.toBigInt();
		assert.ok(fee > 0n, `the fee is positive (${fee})`);

		assert.equal(await free(fresh.address), amount);
		assert.equal(bobBefore - (await free(bob.address)), amount + fee);
		// Alice authors every block of the dev chain: 20% of the fee is hers, 80% the treasury's
		const toAlice = (await free(alice.address)) - aliceBefore;
		assert.equal(toAlice, (fee * 20n) / 100n);
		assert.equal((await free(treasury)) - treasuryBefore, fee - toAlice);
		console.log(`# transfer fee: ${fee} (${Number(fee) / 1e18} OPEN)`);
	});
});

test('openledger_supply: the cap, the allocation, vesting and the pools', async () => {
	const supply = await rpc(node.rpcPort, 'openledger_supply', []);
	const cap = 1_000_000_000n * OPEN;
	assert.equal(supply.cap, cap.toString());
	assert.equal(supply.total, cap.toString());
	// the team's 15% and the investors' 18.29% vest after a 12-month cliff
	assert.equal(supply.vestingLocked, (332_900_000n * OPEN).toString());
	assert.deepEqual(supply.pools.map((p) => [p.pool, p.allocation]), [
		['community', (517_100_000n * OPEN).toString()],
		['ecosystem', (100_000_000n * OPEN).toString()],
	]);
	const community = supply.pools[0];
	assert.ok(BigInt(community.released) > 0n, 'the community pool has released some');
	assert.equal(BigInt(community.released) % BigInt(community.releasePerBlock), 0n, 'a whole number of blocks');
	assert.equal(BigInt(community.balance), BigInt(community.allocation) - BigInt(community.spent));
	assert.ok(community.fullyReleasedAt > 21_000_000, 'in about 48 months');
	const held = supply.pools.reduce((sum, p) => sum + BigInt(p.balance), 0n);
	// the bridge's reserve holds what circulates on Ethereum: 10,000,000 OPEN at genesis
	const bridged = 10_000_000n * OPEN;
	assert.equal(BigInt(supply.circulating), cap - BigInt(supply.vestingLocked) - BigInt(supply.treasury) - held - bridged);
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
