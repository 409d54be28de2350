// Agents through polkadot-js on a dev node: Bob registers Dave as his agent, with Dave's signed
// consent (a consent Eve signed is refused), a stake and an allowance; Dave pays an inference within it (charged to Bob); the next payment, past the
// allowance, fails and charges Bob nothing; Eve reports Dave, root upholds the report, and Bob's
// stake hold shrinks by exactly the slash, which the reporter and the treasury receive.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	agentConsentMessage,
	devAccounts,
	findEvent,
	palletAccount,
	submit,
	u8aToHex,
	withDevNode,
} from '../../lib/chain.mjs';
import { JOB_FEE, OPEN } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { rpc, withLogsOnFailure } from '../../lib/node-process.mjs';

let node;
let api;

withDevNode((chain) => ({ node, api } = chain));

/** `who`'s balance held for the agents pallet's `reason`. */
async function held(who, reason) {
	const holds = await api.query.balances.holds(who);
	const hold = holds.find((h) => h.id.isAgents && h.id.asAgents.type === reason);
	return hold ? hold.amount.toBigInt() : 0n;
}

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();

test('an agent spends within its allowance, charged to its operator, and is slashed on a report', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob, dave, eve, ferdie } = devAccounts();
		const price = 1n * OPEN;

		// A model to pay for, and a provider.
		const { model } = await setupPaidModel(api, { owner: alice, name: 'agents', price, provider: ferdie });

		// Bob bonds 200 OPEN for Dave, who may spend 1.5 OPEN an hour.
		const stake = 200n * OPEN;
		const allowance = (3n * OPEN) / 2n;
		const metadata = { name: 'dave-the-agent', models: [model], endpoint: 'https://agents.example/dave' };
		// Dave consents, for the next 100 blocks, to act for Bob: without it nobody can make him
		// an agent (whose own payments would then go against an allowance).
		const until = (await api.query.system.number()).toNumber() + 100;
		const message = agentConsentMessage({ genesis: api.genesisHash.toU8a(), operator: bob.publicKey, until });
		const forged = u8aToHex(eve.sign(message));
		await assert.rejects(
			submit(api, api.tx.agents.registerAgent(dave.address, metadata, stake, allowance, until, forged), bob),
			/BadConsent/,
		);
		const consent = u8aToHex(dave.sign(message));
		let events = await submit(
			api,
			api.tx.agents.registerAgent(dave.address, metadata, stake, allowance, until, consent),
			bob,
		);
		assert.ok(findEvent(events, 'agents', 'AgentRegistered'), 'AgentRegistered');
		assert.equal(await held(bob.address, 'AgentStake'), stake);
		let view = await rpc(node.rpcPort, 'openledger_agent', [dave.address]);
		assert.equal(view.operator, bob.address);
		assert.equal(view.name, 'dave-the-agent');
		assert.deepEqual(view.models, [model]);
		assert.equal(view.bonded, stake.toString());
		assert.equal(view.allowanceLeft, allowance.toString());

		// Dave pays an inference: Bob is charged the price and the attribution's job fee, Dave only
		// his transaction fee.
		const bobBefore = await free(bob.address);
		const input = u8aToHex(new Uint8Array(new Float32Array([1, 0]).buffer));
		const output = u8aToHex(new Uint8Array(new Uint32Array([0]).buffer));
		const charged = price + JOB_FEE;
		events = await submit(api, api.tx.inference.payInference(model, ferdie.address, input, output, charged), dave);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.equal(paid.data.payer.toString(), bob.address, 'the operator pays');
		assert.equal(await free(bob.address), bobBefore - charged);
		view = await rpc(node.rpcPort, 'openledger_agent', [dave.address]);
		assert.equal(view.allowanceLeft, (allowance - charged).toString());
		assert.equal(view.payments, 1);

		// Past the allowance: refused with its own error, nothing charged to Bob.
		await assert.rejects(
			submit(api, api.tx.inference.payInference(model, ferdie.address, input, output, charged), dave),
			(e) => e.module === 'agents.AllowanceExceeded',
		);
		assert.equal(await free(bob.address), bobBefore - charged);

		// Eve reports Dave; root upholds it with a 50% slash.
		events = await submit(api, api.tx.agents.report(dave.address, `0x${'ab'.repeat(32)}`), eve);
		const report = findEvent(events, 'agents', 'Reported').data.report.toNumber();
		const treasury = palletAccount('py/trsry');
		const [eveBefore, treasuryBefore] = [await free(eve.address), await free(treasury)];
		events = await submit(api, api.tx.sudo.sudo(api.tx.agents.resolveReport(report, true, 500_000_000)), alice);
		const upheld = findEvent(events, 'agents', 'ReportUpheld');
		assert.ok(upheld, 'ReportUpheld');
		const slashed = upheld.data.slashed.toBigInt();
		assert.equal(slashed, stake / 2n);
		assert.equal(await held(bob.address, 'AgentStake'), stake - slashed, "the operator's hold shrinks by exactly the slash");
		const toReporter = upheld.data.toReporter.toBigInt();
		assert.equal(toReporter + upheld.data.toTreasury.toBigInt(), slashed);
		const reportBond = 10n * OPEN;
		assert.equal(await free(eve.address), eveBefore + toReporter + reportBond, 'the reporter gets its part and its bond back');
		assert.ok((await free(treasury)) - treasuryBefore >= upheld.data.toTreasury.toBigInt(), 'the treasury gets the rest (and fees)');
		view = await rpc(node.rpcPort, 'openledger_agent', [dave.address]);
		assert.equal(view.reportsUpheld, 1);
		assert.equal(view.bonded, (stake - slashed).toString());
		assert.deepEqual(view.openReports, []);
	});
});
