// Datanets and models through polkadot-js on a dev node: a tabular datanet, three contributors,
// one rejected, a version, a model on it — read back over the openledger_* RPC, and a payload
// read back from the node's off-chain storage by its hash; then a contributor who committed to a
// payload first keeps it against a copy included before their contribution.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';

import { devAccounts, eventField, findEvent, softmaxWeights, submit, tabularPayload, withDevNode } from '../../lib/chain.mjs';
import { OPEN } from '../../lib/constants.mjs';
import { rpc, withLogsOnFailure } from '../../lib/node-process.mjs';

const FEATURES = 4;
const CLASSES = 3;

let node;
let api;

withDevNode((chain) => ({ node, api } = chain));

test('a datanet with three contributors, one rejected, a version and a model on it', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie, dave, eve } = devAccounts();
		const deposit = 1n * OPEN;

		// Alice creates a curated tabular datanet.
		let events = await submit(
			api,
			api.tx.datanets.createDatanet('iris-like', 'four measurements, three species', 'CC-BY-4.0',
				{ Tabular: { features: FEATURES, classes: CLASSES } }, 'Curated', deposit, null),
			alice,
		);
		const created = findEvent(events, 'datanets', 'DatanetCreated');
		assert.ok(created, 'DatanetCreated');
		const datanet = created.data.datanet.toNumber();

		// Bob, Charlie and Dave contribute in the same block.
		const payloads = {
			bob: tabularPayload([[0, [5.1, 3.5, 1.4, 0.2]], [1, [7.0, 3.2, 4.7, 1.4]]]),
			charlie: tabularPayload([[2, [0, 0, 0, 0]]]),
			dave: tabularPayload([[2, [6.3, 3.3, 6.0, 2.5]]]),
		};
		const submitted = await Promise.all(
			[[bob, payloads.bob], [charlie, payloads.charlie], [dave, payloads.dave]].map(([who, payload]) =>
				submit(api, api.tx.datanets.contribute(datanet, u8aToHex(payload)), who)),
		);
		const index = {};
		for (const [name, evts] of [['bob', submitted[0]], ['charlie', submitted[1]], ['dave', submitted[2]]]) {
			const e = findEvent(evts, 'datanets', 'ContributionSubmitted');
			assert.ok(e, `${name}'s contribution submitted`);
			assert.equal(eventField(e, 'hash').toHex(), blake2AsHex(payloads[name], 256));
			index[name] = e.data.index.toNumber();
		}
		const held = await api.query.balances.holds(bob.address);
		assert.ok(held.some((h) => h.amount.toBigInt() === deposit), "Bob's deposit is on hold");

		// A malformed payload is refused with the pallet's error.
		await assert.rejects(
			submit(api, api.tx.datanets.contribute(datanet, '0x0102030405'), eve),
			(e) => e.module === 'datanets.MalformedExamples',
		);

		// Alice accepts Bob's and Dave's, rejects Charlie's, publishes a version: one block.
		events = await submit(api, api.tx.utility.batchAll([
			api.tx.datanets.review(datanet, index.bob, true),
			api.tx.datanets.review(datanet, index.charlie, false),
			api.tx.datanets.review(datanet, index.dave, true),
			api.tx.datanets.publishVersion(datanet),
		]), alice);
		const published = findEvent(events, 'datanets', 'VersionPublished');
		assert.ok(published, 'VersionPublished');
		assert.equal(published.data.contributions.toNumber(), 2);

		// Eve registers a softmax model trained on version 1; weights that are not the
		// architecture's tensors are refused, for no attestor could score the model.
		await assert.rejects(
			submit(api, api.tx.models.registerModel('iris-softmax', 'softmax regression',
				{ SoftmaxRegression: { features: FEATURES, classes: CLASSES, l2: 10_000_000 } },
				{ Inline: u8aToHex(new TextEncoder().encode('not safetensors')) }, [[datanet, 1]], null, 2n * OPEN), eve),
			(e) => e.module === 'models.WeightsNotSafetensors',
		);
		await assert.rejects(
			submit(api, api.tx.models.registerModel('iris-softmax', 'softmax regression',
				{ SoftmaxRegression: { features: FEATURES, classes: CLASSES, l2: 10_000_000 } },
				{ Inline: u8aToHex(softmaxWeights(FEATURES + 1, CLASSES)) }, [[datanet, 1]], null, 2n * OPEN), eve),
			(e) => e.module === 'models.WeightsWrongShape',
		);
		const weights = softmaxWeights(FEATURES, CLASSES, 0.5);
		events = await submit(api, api.tx.models.registerModel('iris-softmax', 'softmax regression',
			{ SoftmaxRegression: { features: FEATURES, classes: CLASSES, l2: 10_000_000 } },
			{ Inline: u8aToHex(weights) }, [[datanet, 1]], null, 2n * OPEN), eve);
		const registered = findEvent(events, 'models', 'ModelRegistered');
		assert.ok(registered, 'ModelRegistered');
		const model = registered.data.model.toNumber();

		// A lineage that does not fit is refused.
		await assert.rejects(
			submit(api, api.tx.models.registerModel('wrong', '', { SoftmaxRegression: { features: 5, classes: CLASSES, l2: 0 } },
				{ Inline: '0x01' }, [[datanet, 1]], null, 1), eve),
			(e) => e.module === 'models.LineageDoesNotFit',
		);

		// Everything read back over openledger_* RPC.
		const d = await rpc(node.rpcPort, 'openledger_datanet', [datanet]);
		assert.equal(d.owner, alice.address);
		assert.equal(d.name, 'iris-like');
		assert.equal(d.license, 'CC-BY-4.0');
		assert.deepEqual(d.kind, { tabular: { features: FEATURES, classes: CLASSES } });
		assert.equal(d.policy, 'curated');
		assert.equal(d.contributionDeposit, deposit.toString());
		assert.deepEqual([d.submitted, d.pending, d.members], [3, 0, 2]);
		assert.deepEqual(d.counters, { accepted: 2, rejected: 1, removed: 0 });
		assert.equal(d.versions.length, 1);
		const [number, version] = d.versions[0];
		assert.equal(number, 1);
		assert.equal(version.contributions, 2);
		assert.equal(version.bound, 3);
		assert.equal(version.root, d.root);

		const page = await rpc(node.rpcPort, 'openledger_contributions', [datanet, 0, 10]);
		assert.equal(page.length, 3);
		const byIndex = Object.fromEntries(page.map((c) => [c.index, c]));
		assert.equal(byIndex[index.bob].contributor, bob.address);
		assert.equal(byIndex[index.bob].status, 'accepted');
		assert.equal(byIndex[index.charlie].status, 'rejected');
		assert.equal(byIndex[index.dave].status, 'accepted');
		assert.equal(byIndex[index.bob].size, payloads.bob.length);

		const m = await rpc(node.rpcPort, 'openledger_model', [model]);
		assert.equal(m.owner, eve.address);
		assert.deepEqual(m.lineage, [[datanet, 1]]);
		assert.equal(m.contributors, 2, 'Bob and Dave');
		assert.equal(m.price, (2n * OPEN).toString());
		assert.equal(m.status, 'active');
		assert.equal(m.weightsHash, blake2AsHex(weights, 256));
		assert.equal(m.weightsSize, weights.length);
		assert.equal(await rpc(node.rpcPort, 'openledger_model', [model + 1]), null);

		// The payloads are in the node's off-chain storage under their hashes.
		for (const name of ['bob', 'dave']) {
			const stored = await rpc(node.rpcPort, 'offchain_localStorageGet', ['PERSISTENT', blake2AsHex(payloads[name], 256)]);
			assert.equal(stored, u8aToHex(payloads[name]));
		}
		assert.equal(await rpc(node.rpcPort, 'offchain_localStorageGet', ['PERSISTENT', blake2AsHex(weights, 256)]), u8aToHex(weights));
	});
});

test('a contributor who committed first keeps the content against a copy included before them', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, charlie } = devAccounts();
		let events = await submit(api, api.tx.datanets.createDatanet('commit', 'commit first', 'CC0', 'Text', 'Open', 0, null), alice);
		const datanet = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		const payload = new TextEncoder().encode('a sentence worth committing to first');
		// As the README shows it: blake2(account ‖ blake2(payload)).
		const commitment = blake2AsU8a(u8aConcat(bob.publicKey, blake2AsU8a(payload)));
		events = await submit(api, api.tx.datanets.commitContribution(commitment), bob);
		const committed = findEvent(events, 'datanets', 'ContributionCommitted');
		assert.ok(committed, 'ContributionCommitted');

		// Charlie gets the same bytes in first, in a later block.
		events = await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(payload)), charlie);
		const copy = findEvent(events, 'datanets', 'ContributionSubmitted').data.index.toNumber();
		// Bob's contribution takes his commitment's place, and Charlie's loses the content.
		events = await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(payload)), bob);
		const mine = findEvent(events, 'datanets', 'ContributionSubmitted');
		assert.equal(mine.data.arrival.toBigInt(), committed.data.arrival.toBigInt());
		const superseded = findEvent(events, 'datanets', 'ContributionSuperseded');
		assert.ok(superseded, 'ContributionSuperseded');
		assert.equal(superseded.data.index.toNumber(), copy);
		assert.ok((await api.query.datanets.contributions(datanet, copy)).unwrap().status.isRemoved);
		const owner = (await api.query.datanets.contributionByHash(blake2AsHex(payload))).unwrap();
		assert.deepEqual([owner[0].toNumber(), owner[1].toNumber()], [datanet, mine.data.index.toNumber()]);
		// A second datanet refuses the content.
		events = await submit(api, api.tx.datanets.createDatanet('other', '', 'CC0', 'Text', 'Open', 0, null), alice);
		const other = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		await assert.rejects(submit(api, api.tx.datanets.contribute(other, u8aToHex(payload)), charlie),
			(e) => e.module === 'datanets.DuplicateContribution');
	});
});
