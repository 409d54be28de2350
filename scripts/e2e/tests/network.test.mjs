// The local network on loopback, and a validator joining it: Alice, Bob and Charlie (the genesis
// validators) peer and finalize; Dave's operator starts a fourth node with an empty keystore,
// rotates its session keys, sets them and bonds as a candidate from polkadot-js, as
// docs/VALIDATOR.md says; within two sessions the node authors and GRANDPA finalizes with it —
// with Charlie killed, Dave's votes are needed for the two thirds; Dave leaves and the three
// keep finalizing. Bad input on the way is refused and changes nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { compactAddLength, u8aToHex } from '@polkadot/util';

import { connect, devAccounts, findEvent, submit } from '../../lib/chain.mjs';
import { OPEN } from '../../lib/constants.mjs';
import { localNetwork } from '../../lib/network.mjs';
import { freePorts, heads, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

/** Blocks per session of the local preset; a change applies at the second boundary after it. */
const SESSION = 10;
/** Bounded waits: two boundaries and a little, in milliseconds of 6 s blocks. */
const TWO_SESSIONS = (2 * SESSION + 6) * 6_000;

let network;
let dave;
let api;
let basePath;
let keys;

before(async () => {
	basePath = mkdtempSync(join(tmpdir(), 'openledger-net-'));
	const ports = await freePorts(12);
	const at = (i) => ({ p2p: ports[3 * i], rpc: ports[3 * i + 1], prometheus: ports[3 * i + 2] });
	network = localNetwork({ count: 3, basePath, ports: at });
	dave = network.joiner('dave', at(3));
	await withLogsOnFailure(network.nodes, async () => {
		for (const node of network.nodes.slice(0, 3)) node.start();
		await Promise.all(network.nodes.slice(0, 3).map((node) => node.ready()));
		api = await connect(network.nodes[0]);
	});
});

after(async () => {
	await api?.disconnect();
	await network?.stop();
	if (basePath) rmSync(basePath, { recursive: true, force: true });
});

const finalized = async (node) => (await heads(node.rpcPort)).finalized;

/** Waits until each of `nodes` finalizes a block past what any of them had finalized before. */
async function finalityAdvances(nodes, by = 2, timeout = 120_000) {
	const from = Math.max(...(await Promise.all(nodes.map(finalized))));
	for (const node of nodes) {
		await waitFor(`${node.name} to finalize past #${from + by}`, async () => (await finalized(node)) > from + by, {
			timeout,
		});
	}
}

/** The current validators, as addresses. */
const validators = async () => (await api.query.session.validators()).map((v) => v.toString());

/**
 * GRANDPA's authorities (their ed25519 keys, hex) in the state of the last finalized block: the
 * set that votes now (a change in a newer block applies only once that block is final).
 */
const grandpaKeys = async () => {
	const at = await api.rpc.chain.getFinalizedHead();
	return (await api.query.grandpa.authorities.at(at)).map(([id]) => id.toHex());
};

test('the three genesis validators peer and finalize', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const [alice, bob, charlie] = network.nodes;
		for (const node of [alice, bob, charlie]) {
			await waitFor(`${node.name} to see 2 peers`, async () => (await rpc(node.rpcPort, 'system_health')).peers === 2, {
				timeout: 90_000,
			});
			await waitFor(`${node.name} to finalize past #3`, async () => (await finalized(node)) > 3, { timeout: 120_000 });
		}
		assert.equal((await validators()).length, 3);
		assert.equal((await grandpaKeys()).length, 3);
	});
});

test('a fourth node joins: its operator rotates and sets keys and bonds, it authors, GRANDPA finalizes with it', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const { dave: operator } = devAccounts();
		dave.start();
		await dave.ready();
		const target = await finalized(network.nodes[0]);
		await waitFor('the new node to sync as a full node', async () => (await heads(dave.rpcPort)).best >= target, {
			timeout: 60_000,
		});

		// No keys yet: not a candidate.
		await assert.rejects(submit(api, api.tx.collatorSelection.registerAsCandidate(), operator), {
			module: 'collatorSelection.ValidatorNotRegistered',
		});

		// New keys in the node's keystore, with the proof that the operator's account owns them.
		const generated = await rpc(dave.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(operator.publicKey)]);
		keys = generated.keys;
		assert.equal(keys.length, 2 + 2 * 96, 'aura, grandpa and attr: 32 bytes each');
		assert.equal(await rpc(dave.rpcPort, 'author_hasSessionKeys', [keys]), true);
		await assert.rejects(rpc(dave.rpcPort, 'author_hasSessionKeys', [keys.slice(0, -2)]), /Session keys are not encoded correctly/);

		// A proof that does not match: refused on chain. A malformed call (its proof cut short):
		// refused by the node.
		await assert.rejects(submit(api, api.tx.session.setKeys(keys, '0x00'), operator), {
			module: 'session.InvalidProof',
		});
		const setKeys = api.tx.session.setKeys(keys, generated.proof);
		await setKeys.signAsync(operator);
		const bare = setKeys.toU8a(true);
		const malformed = u8aToHex(compactAddLength(bare.subarray(0, bare.length - 1)));
		await assert.rejects(rpc(network.nodes[0].rpcPort, 'author_submitExtrinsic', [malformed]));
		assert.ok((await api.query.session.nextKeys(operator.address)).isNone, 'no keys set by bad input');

		await submit(api, api.tx.session.setKeys(keys, generated.proof), operator);
		assert.equal((await api.query.session.nextKeys(operator.address)).unwrap().toHex(), keys);
		const events = await submit(api, api.tx.collatorSelection.registerAsCandidate(), operator);
		const added = findEvent(events, 'collatorSelection', 'CandidateAdded');
		assert.equal(added.data.deposit.toBigInt(), 10_000n * OPEN);
		await assert.rejects(submit(api, api.tx.collatorSelection.updateBond(10_000n * OPEN - 1n), operator), {
			module: 'collatorSelection.DepositTooLow',
		});

		// Within two session boundaries: a validator, authoring; GRANDPA's set holds its key.
		await waitFor('dave in the validator set', async () => (await validators()).includes(operator.address), {
			timeout: TWO_SESSIONS,
		});
		await waitFor('the new node to author a block', async () => dave.lines.some((l) => l.includes('Pre-sealed block')), {
			timeout: 60_000,
		});
		const grandpaKey = `0x${keys.slice(2 + 64, 2 + 128)}`;
		await waitFor("the finalized GRANDPA set to hold dave's key", async () => (await grandpaKeys()).includes(grandpaKey), {
			timeout: 60_000,
		});
		assert.equal((await grandpaKeys()).length, 4);
		await finalityAdvances(network.nodes);
	});
});

test('with Charlie down, Alice, Bob and Dave finalize (3 of 4); Charlie restarted catches up', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const [alice, bob, charlie] = network.nodes;
		await charlie.kill();
		await finalityAdvances([alice, bob, dave]);
		charlie.start();
		await charlie.ready();
		const target = await finalized(alice);
		await waitFor(`charlie to catch up to finalized #${target}`, async () => (await finalized(charlie)) >= target, {
			timeout: 120_000,
		});
	});
});

test('Dave leaves: his bond is held, the set is back to three within two sessions, finality goes on', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const { dave: operator } = devAccounts();
		const reserved = async () => (await api.query.system.account(operator.address)).data.reserved.toBigInt();
		assert.equal(await reserved(), 10_000n * OPEN + OPEN, 'the bond and the session key deposit');
		const events = await submit(api, api.tx.collatorSelection.leaveIntent(), operator);
		assert.ok(findEvent(events, 'collatorSelection', 'CandidateRemoved'));
		// The bond stays reserved while an offence of his could still be reported.
		assert.equal(await reserved(), 10_000n * OPEN + OPEN, 'the bond held and the key deposit');
		const held = (await api.query.accountability.held(operator.address)).unwrap();
		assert.equal(held.length, 1);
		assert.equal(held[0].amount.toBigInt(), 10_000n * OPEN);
		// held for `bondHeldSessions` from the session of the leaving block (this one, or the last)
		const ahead = held[0].until.toNumber() - (await api.query.session.currentIndex()).toNumber();
		const sessions = api.consts.accountability.bondHeldSessions.toNumber();
		assert.ok(ahead === sessions || ahead === sessions - 1, `held ${ahead} sessions ahead`);
		await assert.rejects(submit(api, api.tx.accountability.releaseBond(), operator), {
			module: 'accountability.StillHeld',
		});
		await assert.rejects(submit(api, api.tx.collatorSelection.leaveIntent(), operator), {
			module: 'collatorSelection.NotCandidate',
		});
		await waitFor('dave out of the validator set', async () => !(await validators()).includes(operator.address), {
			timeout: TWO_SESSIONS,
		});
		// Only once the finalized set is the three may Dave's node stop (3 of 4 would be needed
		// before).
		await waitFor('the finalized GRANDPA set back to three', async () => (await grandpaKeys()).length === 3, {
			timeout: 60_000,
		});
		await dave.stop();
		await finalityAdvances(network.nodes.slice(0, 3));
	});
});
