// Governance through polkadot-js on a dev node (its genesis sets short referendum periods: one
// block to prepare, ten to decide, one to confirm, one to enactment): referenda on the
// parameters track change the fee split (and the next inference is split by it) or, voted down,
// leave it as it was; a treasury spend passes on the treasury track and is paid out; a data
// challenge is resolved on the arbiter track. Each referendum is noted as a preimage, submitted,
// given its decision deposit and voted on with conviction by several accounts.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { devNode, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';
import { connect, devAccounts, findEvent, palletAccount, submit, tabularPayload, u8aToHex } from '../lib/chain.mjs';
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

/**
 * Proposes `call` on the track of `origin` as a token holder would: Alice notes its preimage,
 * submits the referendum and places its decision deposit; each of `votes` ([account, aye]) votes
 * with 1× conviction and 900,000 OPEN. Returns the referendum's index.
 */
async function propose(call, origin, votes) {
	const { alice } = devAccounts();
	await submit(api, api.tx.preimage.notePreimage(call.method.toHex()), alice);
	const lookup = { Lookup: { hash: call.method.hash.toHex(), len: call.method.encodedLength } };
	const events = await submit(api, api.tx.referenda.submit(origin, lookup, { After: 0 }), alice);
	const submitted = findEvent(events, 'referenda', 'Submitted');
	assert.ok(submitted, 'referenda.Submitted');
	const index = submitted.data.index.toNumber();
	await submit(api, api.tx.referenda.placeDecisionDeposit(index), alice);
	await Promise.all(votes.map(([voter, aye]) => submit(api, api.tx.convictionVoting.vote(index, {
		Standard: { vote: { aye, conviction: 'Locked1x' }, balance: 900_000n * OPEN },
	}), voter)));
	return index;
}

/** Waits for referendum `index` to be decided; returns `approved` or `rejected`. */
async function outcome(index) {
	let state;
	await waitFor(`referendum ${index} to be decided`, async () => {
		const info = await api.query.referenda.referendumInfoFor(index);
		state = info.isSome ? info.unwrap().type : undefined;
		return state === 'Approved' || state === 'Rejected';
	}, { timeout: 180_000, interval: 1_000 });
	return state.toLowerCase();
}

const split = (data) => api.tx.parameters.setParameter({
	Inference: { Split: [null, { provider: 200_000_000, owner: 200_000_000, data: data * 10_000_000, attestors: 100_000_000 }] },
});

test('a referendum on the parameters track changes the fee split; the next inference is split by it', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie, ferdie } = devAccounts();
		const ayes = [[alice, true], [bob, true], [charlie, true]];
		// two referenda at once: 40% to data (passes), 35% (voted down)
		const passing = await propose(split(40), { Origins: 'Parameters' }, ayes);
		const failing = await propose(split(35), { Origins: 'Parameters' }, [[alice, true], [bob, false], [charlie, false]]);
		assert.equal(await outcome(passing), 'approved');
		assert.equal(await outcome(failing), 'rejected');
		await waitFor('the new split to be enacted', async () => {
			const value = await api.query.parameters.parameters({ Inference: { Split: null } });
			return value.isSome && value.unwrap().asInference.asSplit.data.toNumber() === 400_000_000;
		}, { timeout: 60_000, interval: 1_000 });

		// A model and a provider: the next inference escrows 40% + 10% of its fee.
		const price = 10n * OPEN;
		let events = await submit(api, api.tx.datanets.createDatanet('gov', 'governance test', 'CC0',
			{ Tabular: { features: 2, classes: 2 } }, 'Open', 0), alice);
		const datanet = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(tabularPayload([[0, [1, 0]], [1, [0, 1]]]))), alice);
		await submit(api, api.tx.datanets.publishVersion(datanet), alice);
		events = await submit(api, api.tx.models.registerModel('gov-model', '', { SoftmaxRegression: { features: 2, classes: 2, l2: 0 } },
			{ Inline: '0x01' }, [[datanet, 1]], null, price), alice);
		const model = findEvent(events, 'models', 'ModelRegistered').data.model.toNumber();
		await submit(api, api.tx.inference.registerProvider(), ferdie);
		const estimate = await rpc(node.rpcPort, 'openledger_estimateFee', [model]);
		assert.equal(estimate.data, ((price * 40n) / 100n).toString());
		const input = u8aToHex(new Uint8Array(new Float32Array([1, 0]).buffer));
		const output = u8aToHex(new Uint8Array(new Uint32Array([0]).buffer));
		events = await submit(api, api.tx.inference.payInference(model, ferdie.address, input, output, price), bob);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.equal(paid.data.escrowed.toBigInt(), (price * 50n) / 100n, 'data 40% and attestors 10% escrowed');
	});
});

test('a treasury spend passes on the treasury track and is paid out', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie, dave } = devAccounts();
		const beneficiary = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromMnemonic(mnemonicGenerate());
		const amount = 1_000n * OPEN;
		const spend = api.tx.treasury.spend(null, amount, beneficiary.address, null);
		const index = await propose(spend, { Origins: 'Treasurer' }, [[alice, true], [bob, true], [charlie, true]]);
		assert.equal(await outcome(index), 'approved');
		let spendIndex;
		await waitFor('the spend to be approved', async () => {
			const count = (await api.query.treasury.spendCount()).toNumber();
			spendIndex = count - 1;
			return count > 0;
		}, { timeout: 60_000, interval: 1_000 });
		const treasury = palletAccount('py/trsry');
		const before = (await api.query.system.account(treasury)).data.free.toBigInt();
		const events = await submit(api, api.tx.treasury.payout(spendIndex), dave);
		assert.ok(findEvent(events, 'treasury', 'Paid'), 'treasury.Paid');
		assert.equal((await api.query.system.account(beneficiary.address)).data.free.toBigInt(), amount);
		const after = (await api.query.system.account(treasury)).data.free.toBigInt();
		assert.ok(before - after >= amount - OPEN, 'the treasury paid it (fees flow in meanwhile)');
	});
});

test('a data challenge is resolved through the arbiter track', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
		let events = await submit(api, api.tx.datanets.createDatanet('arbiter', 'arbiter test', 'CC0', 'Text', 'Open', 0), ferdie);
		const datanet = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		events = await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(new TextEncoder().encode('spam spam spam'))), eve);
		const index = findEvent(events, 'datanets', 'ContributionSubmitted').data.index.toNumber();
		events = await submit(api, api.tx.datanets.challenge(datanet, index, `0x${'cd'.repeat(32)}`), dave);
		const challenge = findEvent(events, 'datanets', 'ChallengeOpened').data.challenge.toNumber();
		const resolve = api.tx.datanets.resolveChallenge(challenge, true);
		const referendum = await propose(resolve, { Origins: 'Arbiter' }, [[alice, true], [bob, true], [charlie, true]]);
		assert.equal(await outcome(referendum), 'approved');
		await waitFor('the challenge to be resolved', async () => {
			const c = await api.query.datanets.contributions(datanet, index);
			return c.isSome && c.unwrap().status.isRemoved;
		}, { timeout: 60_000, interval: 1_000 });
	});
});
