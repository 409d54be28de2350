// Proof of Attribution on a three-validator network: every validator an attestor with its `attr`
// key inserted by `key insert`; a tabular datanet with contributions from several accounts, a
// model trained on it by the engine's `train` command, a job opened — the three off-chain
// workers commit and reveal, consensus is final within a bounded number of blocks, and the shares
// equal the engine's run directly on the same inputs. Charlie's node perturbs its answers: it is
// outvoted and struck, and the shares do not move. Then a paid inference of that model settles:
// the contributors and the agreeing attestors are credited by the attribution and claim; two more
// inferences, paid by receipts their payers sign in polkadot-js, settle as one batch with the same
// shares (a replay of them is rejected); and the balance changes of every account sum to zero.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { u8aToHex } from '@polkadot/util';

import { connect, devAccounts, findEvent, palletAccount, receiptMessage, submit } from '../../lib/chain.mjs';
import { OPEN } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { localNetwork } from '../../lib/network.mjs';
import { freePorts, influenceBinary, nodeBinary, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';

const FEATURES = 4;
const CLASSES = 3;
const L2 = 0.01;
/** Blocks from a job's opening to its final attribution that the test accepts. */
const MAX_BLOCKS_TO_FINAL = 10;

let network;
let basePath;
let api;
/** What the first test set up for the second: the model, the query, the consensus shares. */
let setup;

before(async () => {
	basePath = mkdtempSync(join(tmpdir(), 'openledger-attr-'));
	const ports = await freePorts(9);
	network = localNetwork({
		count: 3,
		basePath,
		ports: (i) => ({ p2p: ports[3 * i], rpc: ports[3 * i + 1], prometheus: ports[3 * i + 2] }),
		// Charlie's engine answers wrongly.
		extraArgs: (i) => (i === 2 ? ['--attestor-perturb'] : []),
	});
	// Each validator's attestor key, as an operator would insert it.
	for (const node of network.nodes) {
		const name = node.name[0].toUpperCase() + node.name.slice(1);
		execFileSync(nodeBinary(), [
			'key', 'insert', '--base-path', node.basePath, '--chain', 'local',
			'--key-type', 'attr', '--scheme', 'sr25519', '--suri', `//${name}`,
		]);
	}
	await withLogsOnFailure(network.nodes, async () => {
		await network.start();
		api = await connect(network.nodes[0]);
	});
});

after(async () => {
	await api?.disconnect();
	await network?.stop();
	if (basePath) rmSync(basePath, { recursive: true, force: true });
});

/** Examples whose values f32 holds exactly: per class a centre, per row an offset in quarters. */
function rows(count, seed) {
	const out = [];
	for (let i = 0; i < count; i++) {
		const label = (i + seed) % CLASSES;
		const xs = Array.from({ length: FEATURES }, (_, k) => (k === label ? 2 : 0) + (((i * 7 + k * 3 + seed) % 9) - 4) / 4);
		out.push([label, xs]);
	}
	return out;
}

const csv = (examples) => examples.map(([label, xs]) => [label, ...xs].join(',')).join('\n') + '\n';

/** A contribution as the engine numbers it: datanet in the high 32 bits. */
const contributionId = (datanet, index) => (BigInt(datanet) << 32n) | BigInt(index);

test('three attestors reach consensus; the perturbed one is outvoted and struck', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();

		for (const who of [alice, bob, charlie]) {
			await submit(api, api.tx.attribution.registerAttestor(100n * OPEN), who);
		}
		assert.equal((await api.query.attribution.activeAttestors()).length, 3);

		// An open tabular datanet; four contributors, several examples each. The model: trained by
		// the engine on exactly the version's rows, in index order. Dave provides inferences of it.
		const dir = mkdtempSync(join(tmpdir(), 'openledger-attr-model-'));
		const train = join(dir, 'train.csv');
		const owners = join(dir, 'contributions.txt');
		const weights = join(dir, 'model.safetensors');
		const { model } = await setupPaidModel(api, {
			owner: alice, contributors: [bob, dave, eve, ferdie], features: FEATURES, classes: CLASSES,
			examples: (n) => rows(6 + n, n), name: 'attribution', description: 'softmax regression', l2: L2 * 1e9,
			price: 1n * OPEN, provider: dave,
			weights: (contributions, id) => {
				const contributed = [...contributions].sort((a, b) => a.index - b.index);
				writeFileSync(train, contributed.map((c) => csv(c.examples)).join(''));
				writeFileSync(owners, contributed.flatMap((c) => c.examples.map(() => contributionId(id, c.index).toString())).join('\n') + '\n');
				execFileSync(influenceBinary(), ['train', '--arch', 'softmax', '--l2', String(L2), '--train', train, '--out', weights]);
				return readFileSync(weights);
			},
		});

		// A query the model answers with class 1.
		const query = [0.25, 2, -0.5, 0];
		const answer = 1;
		const input = new Uint8Array(new Float32Array(query).buffer);
		const output = new Uint8Array(new Uint32Array([answer]).buffer);
		// Eve pays Dave for it: the payment opens the attribution job (the local network has no
		// sudo to open one by hand).
		const events = await submit(api, api.tx.inference.payInference(model, dave.address, u8aToHex(input), u8aToHex(output), 1n * OPEN), eve);
		const opened = findEvent(events, 'attribution', 'JobOpened');
		assert.ok(opened, 'JobOpened');
		const job = opened.data.job.toNumber();
		const openedAt = (await api.query.attribution.jobs(job)).unwrap().openedAt.toNumber();
		assert.deepEqual(opened.data.committee.map((a) => a.toString()).sort(), [alice, bob, charlie].map((a) => a.address).sort());

		const result = await waitFor(`job ${job} to be final`, async () => {
			const r = await api.query.attribution.results(job);
			return r.isSome ? r.unwrap() : undefined;
		}, { timeout: 180_000, interval: 1_000 });
		const blocks = result.finalAt.toNumber() - openedAt;
		console.log(`job ${job}: final in block #${result.finalAt} (${blocks} blocks after it opened)`);
		assert.ok(blocks <= MAX_BLOCKS_TO_FINAL, `final ${blocks} blocks after opening`);

		// Consensus is the honest answer: the engine run directly on the same inputs.
		assert.ok(result.data.isContributions, `consensus, not fallback: ${result.data.toString()}`);
		const onChain = result.data.asContributions.map((s) => [
			contributionId(s.contribution.datanet.toNumber(), s.contribution.index.toNumber()).toString(),
			s.ppm.toNumber(),
		]);
		const queries = join(dir, 'query.csv');
		writeFileSync(queries, csv([[answer, query]]));
		const sharesFile = join(dir, 'shares.csv');
		execFileSync(influenceBinary(), [
			'score', '--model', weights, '--arch', 'softmax', '--l2', String(L2), '--train', train,
			'--queries', queries, '--out', join(dir, 'scores.csv'), '--contributions', owners,
			'--shares', sharesFile, '--top-k', '32',
		]);
		const direct = readFileSync(sharesFile, 'utf8').trim().split('\n').map((line) => {
			const [, contribution, ppm] = line.split(',');
			return [contribution, Number(ppm)];
		}).sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1));
		assert.deepEqual(onChain, direct);
		rmSync(dir, { recursive: true, force: true });
		setup = { model, input, output, shares: result.data.asContributions };

		// Alice and Bob agreed; Charlie was outvoted and struck.
		const agreed = result.agreed.map((a) => a.toString()).sort();
		assert.deepEqual(agreed, [alice.address, bob.address].sort());
		const record = (await api.query.attribution.attestors(charlie.address)).unwrap();
		assert.equal(record.strikes.toNumber(), 1);
		for (const who of [alice, bob]) {
			assert.equal((await api.query.attribution.attestors(who.address)).unwrap().strikes.toNumber(), 0);
		}
	});
});

/** Free plus reserved (held) balance of each of `accounts`. */
async function balances(accounts) {
	const infos = await api.query.system.account.multi(accounts);
	return infos.map((i) => i.data.free.toBigInt() + i.data.reserved.toBigInt());
}

test('a paid inference settles by attribution: contributors and agreeing attestors claim their parts', async () => {
	assert.ok(setup, 'the first test set up a model');
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
		const everyone = [alice, bob, charlie, dave, eve, ferdie].map((a) => a.address);
		const treasury = palletAccount('py/trsry');
		const escrow = palletAccount('py/infer');
		// the pools pay data contributors their boost
		const pools = (await rpc(network.nodes[0].rpcPort, 'openledger_supply', [])).pools.map((p) => p.account);
		const all = [...everyone, treasury, escrow, ...pools];
		const issuance = (await api.query.balances.totalIssuance()).toBigInt();
		const before = await balances(all);

		await submit(api, api.tx.inference.registerProvider(), ferdie);
		const fee = 1n * OPEN;
		const port = network.nodes[0].rpcPort;
		const estimate = await rpc(port, 'openledger_estimateFee', [setup.model]);
		assert.deepEqual(
			[estimate.fee, estimate.provider, estimate.owner, estimate.data, estimate.attestors, estimate.treasury, estimate.active],
			[fee, fee / 5n, fee / 5n, (fee * 45n) / 100n, fee / 10n, fee / 20n, true].map((x) => (typeof x === 'bigint' ? x.toString() : x)),
		);
		const events = await submit(
			api,
			api.tx.inference.payInference(setup.model, ferdie.address, u8aToHex(setup.input), u8aToHex(setup.output), fee),
			eve,
		);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.ok(paid, 'InferencePaid');
		assert.equal(paid.data.fee.toBigInt(), fee);
		const inference = paid.data.inference.toNumber();

		await waitFor(`inference ${inference} to settle`, async () => {
			const r = await api.query.inference.inferences(inference);
			return r.isSome && r.unwrap().escrow.settled.isTrue;
		}, { timeout: 180_000, interval: 1_000 });

		// The provider, owner and treasury parts at once; the data part (45%) by the attribution's
		// shares, the attestor part (10%) to Alice and Bob.
		const payouts = (await api.query.inference.payouts(inference)).unwrap();
		const data = (fee * 45n) / 100n;
		for (const s of setup.shares) {
			const contributor = (await api.query.datanets.contributions(s.contribution.datanet, s.contribution.index)).unwrap().contributor.toString();
			const amount = (data * s.ppm.toBigInt()) / 1_000_000n;
			assert.ok(payouts.some((p) => p.to.toString() === contributor && p.amount.toBigInt() === amount),
				`contribution ${s.contribution.index} pays ${amount} to its contributor`);
		}
		const attestors = (fee * 10n) / 100n;
		const agreed = payouts.filter((p) => p.kind.isAttestor).map((p) => [p.to.toString(), p.amount.toBigInt()]).sort();
		assert.deepEqual(agreed, [alice.address, bob.address].sort().map((a) => [a, attestors / 2n]),
			'Alice and Bob share the attestor part; the outvoted Charlie earns nothing');
		assert.equal(payouts.reduce((sum, p) => sum + p.amount.toBigInt(), 0n), fee, 'the fee is paid out exactly');

		// The same, over JSON-RPC: the receipt, the attribution, every payout of the fee.
		const view = await rpc(port, 'openledger_inference', [inference]);
		assert.equal(view.settled, true);
		assert.equal(view.fee, fee.toString());
		assert.equal(view.payouts.reduce((sum, p) => sum + BigInt(p.amount), 0n), fee, 'the payouts sum to the fee');
		assert.deepEqual(view.attribution.contributions.map((c) => c.ppm), setup.shares.map((s) => s.ppm.toNumber()));
		assert.deepEqual([...view.attribution.agreed].sort(), [alice.address, bob.address].sort());
		const earnings = await rpc(port, 'openledger_earnings', [dave.address]);
		assert.equal(earnings.unclaimed, (await api.query.inference.unclaimed(dave.address)).toBigInt().toString());

		// Dave and Eve sign receipts for the same query; Ferdie submits them in one batch: one job,
		// the same shares (the batch's scores are the sum of two equal queries'), twice the fee.
		const genesis = api.genesisHash.toU8a();
		const receipts = [dave, eve].map((payer) => ({
			payer: payer.address,
			nonce: 1,
			maxFee: fee,
			input: u8aToHex(setup.input),
			output: u8aToHex(setup.output),
			signature: u8aToHex(payer.sign(receiptMessage({
				genesis, provider: ferdie.publicKey, model: setup.model, nonce: 1, input: setup.input, output: setup.output, maxFee: fee,
			}))),
		}));
		const batchPaid = findEvent(await submit(api, api.tx.inference.submitReceipts(setup.model, receipts), ferdie), 'inference', 'BatchPaid');
		assert.ok(batchPaid, 'BatchPaid');
		assert.deepEqual([batchPaid.data.receipts.toNumber(), batchPaid.data.rejected.toNumber()], [2, 0]);
		assert.equal(batchPaid.data.fee.toBigInt(), 2n * fee);
		const batch = batchPaid.data.batch.toNumber();
		// The same receipts again: replays, rejected, charging nothing.
		const replay = await submit(api, api.tx.inference.submitReceipts(setup.model, receipts), ferdie);
		const stale = replay.filter(({ event }) => event.method === 'ReceiptRejected' && event.data.reason.isStaleNonce);
		assert.equal(stale.length, 2, 'both replays are rejected as stale');
		assert.equal(findEvent(replay, 'inference', 'BatchPaid').data.receipts.toNumber(), 0);
		await waitFor(`batch ${batch} to settle`, async () => {
			const b = await api.query.inference.batches(batch);
			return b.isSome && b.unwrap().escrow.settled.isTrue;
		}, { timeout: 180_000, interval: 1_000 });
		const batchView = await rpc(port, 'openledger_batch', [batch]);
		assert.equal(batchView.receipts, 2);
		assert.equal(batchView.fee, (2n * fee).toString());
		assert.equal(batchView.payouts.reduce((sum, p) => sum + BigInt(p.amount), 0n), 2n * fee, 'the batch pays out its fees exactly');
		assert.deepEqual(batchView.attribution.contributions.map((c) => c.ppm), setup.shares.map((s) => s.ppm.toNumber()));

		// Everyone credited claims exactly what they are owed.
		for (const who of [alice, bob, charlie, dave, eve, ferdie]) {
			const owed = (await api.query.inference.unclaimed(who.address)).toBigInt();
			if (owed === 0n) continue;
			const claimed = findEvent(await submit(api, api.tx.inference.claim(), who), 'inference', 'Claimed');
			assert.equal(claimed.data.amount.toBigInt(), owed);
			assert.equal((await api.query.inference.unclaimed(who.address)).toBigInt(), 0n);
		}

		// Value is conserved: every balance change (fees included: they go to the authors and the
		// treasury; boosts come from the community pool) sums to zero.
		const after = await balances(all);
		const change = after.reduce((sum, b, i) => sum + b - before[i], 0n);
		assert.equal(change, 0n, 'the balance changes of all accounts sum to zero');
		assert.equal((await api.query.balances.totalIssuance()).toBigInt(), issuance);
	});
});

