// Governance through polkadot-js on a dev node (its genesis sets short referendum periods: one
// block to prepare, ten to decide, one to confirm, one to enactment). Token holders propose four
// referenda at once — each call noted as a preimage, submitted on its track, given its decision
// deposit — and vote on them with conviction from several accounts: on the parameters track a
// new fee split passes (and the next inference is split by it) while another, voted down,
// changes nothing; a treasury spend passes on the treasury track and is paid out; a data
// challenge is resolved on the arbiter track.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { devAccounts, findEvent, palletAccount, submit, u8aToHex, withDevNode } from '../../lib/chain.mjs';
import { JOB_FEE, OPEN, SS58_PREFIX } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

let node;
let api;
/** What the first test proposed: the referenda's indices and what they act on. */
let proposed;

withDevNode((chain) => ({ node, api } = chain));

/** A `parameters.setParameter` of the fee split with `data`% to data (provider and owner 20%, attestors 10%). */
const split = (data) => api.tx.parameters.setParameter({
	Inference: { Split: [null, { provider: 200_000_000, owner: 200_000_000, data: data * 10_000_000, attestors: 100_000_000 }] },
});

/**
 * Proposes each `{ call, origin, votes }` as token holders do, all at once: Alice, in one batch,
 * notes each call's preimage, submits it on the track of `origin` and places its decision
 * deposit; then each voter, in one batch, votes on every referendum it has a say in ([account,
 * aye]) with 1× conviction and 900,000 OPEN. Returns the referenda's indices.
 */
async function propose(proposals) {
	const { alice } = devAccounts();
	const first = (await api.query.referenda.referendumCount()).toNumber();
	const calls = proposals.flatMap(({ call, origin }, i) => [
		api.tx.preimage.notePreimage(call.method.toHex()),
		api.tx.referenda.submit(origin, { Lookup: { hash: call.method.hash.toHex(), len: call.method.encodedLength } }, { After: 0 }),
		api.tx.referenda.placeDecisionDeposit(first + i),
	]);
	const events = await submit(api, api.tx.utility.batchAll(calls), alice);
	const submitted = events.filter(({ event }) => event.section === 'referenda' && event.method === 'Submitted');
	assert.deepEqual(submitted.map(({ event }) => event.data.index.toNumber()), proposals.map((_, i) => first + i));
	const ballots = new Map();
	proposals.forEach(({ votes }, i) => {
		for (const [voter, aye] of votes) {
			const vote = api.tx.convictionVoting.vote(first + i, {
				Standard: { vote: { aye, conviction: 'Locked1x' }, balance: 900_000n * OPEN },
			});
			ballots.set(voter, [...(ballots.get(voter) ?? []), vote]);
		}
	});
	await Promise.all([...ballots].map(([voter, votes]) => submit(api, api.tx.utility.batchAll(votes), voter)));
	return proposals.map((_, i) => first + i);
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

test('token holders propose four referenda and vote on them with conviction', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
		// A contribution Dave challenges, for the arbiter to resolve.
		let events = await submit(api, api.tx.datanets.createDatanet('arbiter', 'arbiter test', 'CC0', 'Text', 'Open', 0, null), ferdie);
		const datanet = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		events = await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(new TextEncoder().encode('spam spam spam'))), eve);
		const index = findEvent(events, 'datanets', 'ContributionSubmitted').data.index.toNumber();
		events = await submit(api, api.tx.datanets.challenge(datanet, index, `0x${'cd'.repeat(32)}`), dave);
		const challenge = findEvent(events, 'datanets', 'ChallengeOpened').data.challenge.toNumber();

		const beneficiary = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromMnemonic(mnemonicGenerate()).address;
		const ayes = [[alice, true], [bob, true], [charlie, true]];
		const [passing, failing, spend, arbiter] = await propose([
			{ call: split(40), origin: { Origins: 'Parameters' }, votes: ayes },
			{ call: split(35), origin: { Origins: 'Parameters' }, votes: [[alice, true], [bob, false], [charlie, false]] },
			{ call: api.tx.treasury.spend(null, 1_000n * OPEN, beneficiary, null), origin: { Origins: 'Treasurer' }, votes: ayes },
			{ call: api.tx.datanets.resolveChallenge(challenge, true), origin: { Origins: 'Arbiter' }, votes: ayes },
		]);
		for (const r of [passing, failing, spend, arbiter]) {
			const info = (await api.query.referenda.referendumInfoFor(r)).unwrap();
			assert.ok(info.isOngoing && info.asOngoing.decisionDeposit.isSome, `referendum ${r} is ongoing with its deposit`);
		}
		proposed = { passing, failing, spend, arbiter, beneficiary, datanet, index };
	});
});

test('the parameters track changes the fee split and the next inference is split by it; a rejected change leaves it', async () => {
	assert.ok(proposed, 'the first test proposed the referenda');
	await withLogsOnFailure([node], async () => {
		const { alice, bob, ferdie } = devAccounts();
		assert.equal(await outcome(proposed.passing), 'approved');
		assert.equal(await outcome(proposed.failing), 'rejected');
		await waitFor('the new split to be enacted', async () => {
			const value = await api.query.parameters.parameters({ Inference: { Split: null } });
			return value.isSome && value.unwrap().asInference.asSplit.data.toNumber() === 400_000_000;
		}, { timeout: 60_000, interval: 1_000 });

		// A model and a provider: the next inference escrows 40% + 10% of its fee.
		const price = 10n * OPEN;
		const { model } = await setupPaidModel(api, { owner: alice, name: 'gov', price, provider: ferdie });
		const estimate = await rpc(node.rpcPort, 'openledger_estimateFee', [model]);
		assert.equal(estimate.data, ((price * 40n) / 100n).toString());
		const input = u8aToHex(new Uint8Array(new Float32Array([1, 0]).buffer));
		const output = u8aToHex(new Uint8Array(new Uint32Array([0]).buffer));
		const events = await submit(api, api.tx.inference.payInference(model, ferdie.address, input, output, price + JOB_FEE), bob);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.equal(paid.data.escrowed.toBigInt(), (price * 50n) / 100n, 'data 40% and attestors 10% escrowed');
	});
});

test('a treasury spend passes on the treasury track and is paid out', async () => {
	assert.ok(proposed, 'the first test proposed the referenda');
	await withLogsOnFailure([node], async () => {
		const { dave } = devAccounts();
		assert.equal(await outcome(proposed.spend), 'approved');
		const spends = await waitFor('the spend to be approved', async () => {
			const entries = await api.query.treasury.spends.entries();
			return entries.length > 0 ? entries : undefined;
		}, { timeout: 60_000, interval: 1_000 });
		const [[key, spend]] = spends;
		assert.equal(spend.unwrap().beneficiary.toString(), proposed.beneficiary);
		const treasury = palletAccount('py/trsry');
		const before = (await api.query.system.account(treasury)).data.free.toBigInt();
		const events = await submit(api, api.tx.treasury.payout(key.args[0]), dave);
		assert.ok(findEvent(events, 'treasury', 'Paid'), 'treasury.Paid');
		assert.equal((await api.query.system.account(proposed.beneficiary)).data.free.toBigInt(), 1_000n * OPEN);
		const after = (await api.query.system.account(treasury)).data.free.toBigInt();
		assert.ok(before - after >= 999n * OPEN, 'the treasury paid it (fees flow in meanwhile)');
	});
});

test('a data challenge is resolved through the arbiter track', async () => {
	assert.ok(proposed, 'the first test proposed the referenda');
	await withLogsOnFailure([node], async () => {
		assert.equal(await outcome(proposed.arbiter), 'approved');
		await waitFor('the challenge to be resolved', async () => {
			const c = await api.query.datanets.contributions(proposed.datanet, proposed.index);
			return c.isSome && c.unwrap().status.isRemoved;
		}, { timeout: 60_000, interval: 1_000 });
	});
});
