// Proof of Attribution on a three-validator network: every validator an attestor with its `attr`
// key inserted by `key insert`; a tabular datanet with contributions from several accounts, a
// model trained on it by the engine's `train` command, a job opened — the three off-chain
// workers commit and reveal, consensus is final within a bounded number of blocks, and the shares
// equal the engine's run directly on the same inputs. Charlie's node perturbs its answers: it is
// outvoted and struck, and the shares do not move. Then a paid inference of that model settles:
// the contributors and the agreeing attestors are credited by the attribution and claim; two more
// inferences, paid by receipts their payers sign in polkadot-js, settle as one batch with the same
// shares (a replay of them is rejected); and the balance changes of every account sum to zero.
// A Solidity contract pays for the same query through the `IInference` precompile, and reads
// back through it the shares openledger_inference gives.
// Last, an attacker floods payments no engine could score (refused, charging nothing) and price-0
// payments (each paying the job fee): the honest attestors' bonds and strikes stay as they were,
// and an honest inference paid amid the flood settles by attribution. Then ten accounts
// contribute near-copies of one contribution: a paid inference settles, as the engine's command
// line prints it, and pays the copiers nothing. A text datanet's paid inferences are attributed to
// the texts they quote, as the command line prints it; the attestors index the version once, and
// answer its second job from that index on disk. Last, the claims are checked: a model declared on
// a lineage its weights were not trained on is caught by the committee, paid nothing and
// suspended; a provider's false output in its receipts is refunded and costs it its bond.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import {
	account, connect, devAccounts, findEvent, palletAccount, receiptMessage, softmaxWeights, submit, tabularPayload,
} from '../../lib/chain.mjs';
import { JOB_FEE, OPEN } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { localNetwork } from '../../lib/network.mjs';
import { freePorts, influenceBinary, nodeBinary, rpc, waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';
import { accountOf, compileInferenceContracts, deploy, read, send } from '../../lib/revive.mjs';

const FEATURES = 4;
const CLASSES = 3;
const L2 = 0.01;
/** Blocks from a job's opening to its final attribution that the test accepts (the committee
 * is drawn in the block after the payment, then commits and reveals). */
const MAX_BLOCKS_TO_FINAL = 12;

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
		// Charlie's engine answers wrongly (a flag only a node built with the `attestor-perturb`
		// feature has, as scripts/test.sh builds it).
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

/**
 * The engine's command line over files in `dir`: `weights(contributions, datanet)` trains a
 * model on exactly the version's rows, in index order (for `setupPaidModel`); `shares(query,
 * answer, extra)` is what the engine run directly pays for that answer, `[contribution, ppm]`
 * sorted by contribution, as the chain records them.
 */
function engine(dir) {
	const [train, owners, model] = ['train.csv', 'contributions.txt', 'model.safetensors'].map((f) => join(dir, f));
	return {
		model,
		weights: (contributions, id) => {
			const contributed = [...contributions].sort((a, b) => a.index - b.index);
			writeFileSync(train, contributed.map((c) => csv(c.examples)).join(''));
			writeFileSync(owners, contributed.flatMap((c) => c.examples.map(() => contributionId(id, c.index).toString())).join('\n') + '\n');
			execFileSync(influenceBinary(), ['train', '--arch', 'softmax', '--l2', String(L2), '--train', train, '--out', model]);
			return readFileSync(model);
		},
		shares: (query, answer, extra = []) => {
			const queries = join(dir, 'query.csv');
			writeFileSync(queries, csv([[answer, query]]));
			const sharesFile = join(dir, 'shares.csv');
			execFileSync(influenceBinary(), [
				'score', '--model', model, '--arch', 'softmax', '--l2', String(L2), '--train', train,
				'--queries', queries, '--out', join(dir, 'scores.csv'), '--contributions', owners,
				'--shares', sharesFile, ...extra,
			]);
			return readFileSync(sharesFile, 'utf8').trim().split('\n').map((line) => {
				const [, contribution, ppm] = line.split(',');
				return [contribution, Number(ppm)];
			}).sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1));
		},
	};
}

/** `payer`'s signed receipt for `provider`'s answer `output` to the first test's query, of its model. */
const signedReceipt = ({ payer, nonce, provider, output, maxFee }) => ({
	payer: payer.address,
	nonce,
	maxFee,
	input: u8aToHex(setup.input),
	output: u8aToHex(output),
	signature: u8aToHex(payer.sign(receiptMessage({
		genesis: api.genesisHash.toU8a(), provider: provider.publicKey, model: setup.model, nonce, input: setup.input, output, maxFee,
	}))),
});

/** Waits for inference (`'inferences'`) or batch (`'batches'`) `id`'s escrow to be settled. */
const settled = (records, id) => waitFor(`${records} ${id} to settle`, async () => {
	const r = await api.query.inference[records](id);
	return r.isSome && r.unwrap().escrow.settled.isTrue;
}, { timeout: 180_000, interval: 1_000 });

/** A final attribution's shares as `[contribution, ppm]`, numbered as the engine numbers them. */
const chainShares = (result) => result.data.asContributions.map((s) => [
	contributionId(s.contribution.datanet.toNumber(), s.contribution.index.toNumber()).toString(),
	s.ppm.toNumber(),
]);

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
		const direct = engine(dir);
		const { model, datanet, version } = await setupPaidModel(api, {
			owner: alice, contributors: [bob, dave, eve, ferdie], features: FEATURES, classes: CLASSES,
			examples: (n) => rows(6 + n, n), name: 'attribution', description: 'softmax regression', l2: L2 * 1e9,
			price: 1n * OPEN, provider: dave, weights: direct.weights,
		});

		// A query the model answers with class 1.
		const query = [0.25, 2, -0.5, 0];
		const answer = 1;
		const input = new Uint8Array(new Float32Array(query).buffer);
		const output = new Uint8Array(new Uint32Array([answer]).buffer);
		// Eve pays Dave for it, with the job fee: the payment opens the attribution job (the local
		// network has no sudo to open one by hand), whose committee the next block draws.
		const events = await submit(api, api.tx.inference.payInference(model, dave.address, u8aToHex(input), u8aToHex(output), 1n * OPEN + JOB_FEE), eve);
		const opened = findEvent(events, 'attribution', 'JobOpened');
		assert.ok(opened, 'JobOpened');
		assert.equal(opened.data.fee.toBigInt(), JOB_FEE);
		const job = opened.data.job.toNumber();
		const openedAt = (await api.query.attribution.jobs(job)).unwrap().openedAt.toNumber();
		const committee = await waitFor(`job ${job}'s committee`, async () => {
			const j = await api.query.attribution.jobs(job);
			const members = j.isSome ? j.unwrap().committee.map((m) => m.account.toString()) : [];
			return members.length ? members : undefined;
		}, { timeout: 60_000, interval: 500 });
		assert.deepEqual([...committee].sort(), [alice, bob, charlie].map((a) => a.address).sort());

		const result = await waitFor(`job ${job} to be final`, async () => {
			const r = await api.query.attribution.results(job);
			return r.isSome ? r.unwrap() : undefined;
		}, { timeout: 180_000, interval: 1_000 });
		const blocks = result.finalAt.toNumber() - openedAt;
		console.log(`job ${job}: final in block #${result.finalAt} (${blocks} blocks after it opened)`);
		assert.ok(blocks <= MAX_BLOCKS_TO_FINAL, `final ${blocks} blocks after opening`);

		// Consensus is the honest answer: the engine run directly on the same inputs.
		assert.ok(result.data.isContributions, `consensus, not fallback: ${result.data.toString()}`);
		assert.deepEqual(chainShares(result), direct.shares(query, answer, ['--top-k', '32']));
		const weights = readFileSync(direct.model);
		rmSync(dir, { recursive: true, force: true });
		setup = { model, datanet, version, input, output, weights, shares: result.data.asContributions };

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
			[estimate.fee, estimate.provider, estimate.owner, estimate.data, estimate.attestors, estimate.treasury,
				estimate.jobFee, estimate.total, estimate.active],
			[fee, fee / 5n, fee / 5n, (fee * 45n) / 100n, fee / 10n, fee / 20n, JOB_FEE, fee + JOB_FEE, true]
				.map((x) => (typeof x === 'bigint' ? x.toString() : x)),
		);
		const events = await submit(
			api,
			api.tx.inference.payInference(setup.model, ferdie.address, u8aToHex(setup.input), u8aToHex(setup.output), fee + JOB_FEE),
			eve,
		);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.ok(paid, 'InferencePaid');
		assert.equal(paid.data.fee.toBigInt(), fee);
		const inference = paid.data.inference.toNumber();

		await settled('inferences', inference);

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
		// the same shares (a batch's shares are the mean of its queries'), twice the fee.
		const receipts = [dave, eve].map((payer) => signedReceipt({ payer, nonce: 1, provider: ferdie, output: setup.output, maxFee: fee }));
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
		await settled('batches', batch);
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


test('a Solidity contract pays through IInference; after attribution, the precompile reads the shares openledger_inference gives', async () => {
	assert.ok(setup, 'the first test set up a model');
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, ferdie } = devAccounts();
		const { InferenceUser } = compileInferenceContracts();
		const key = privateKeyToAccount(generatePrivateKey());
		await submit(api, api.tx.balances.transferKeepAlive(accountOf(key.address), 50n * OPEN), alice);
		const contract = await deploy(api, key, InferenceUser);
		await submit(api, api.tx.balances.transferKeepAlive(accountOf(contract), 5n * OPEN), alice);

		// Ferdie (a provider since the test before) answered the first test's query
		const fee = 1n * OPEN;
		const args = [setup.model, u8aToHex(decodeAddress(ferdie.address)), u8aToHex(setup.input), u8aToHex(setup.output), fee + JOB_FEE];
		const paid = findEvent(await send(api, key, contract, InferenceUser.abi, 'pay', args), 'inference', 'InferencePaid');
		assert.ok(paid, 'inference.InferencePaid');
		assert.equal(u8aToHex(paid.data.payer.toU8a()), accountOf(contract));
		const inference = paid.data.inference.toNumber();
		await settled('inferences', inference);

		// the contract reads the attribution through the precompile: the consensus shares
		const view = await rpc(network.nodes[0].rpcPort, 'openledger_inference', [inference]);
		const [attributed, contributions] = await read(api, accountOf(contract), contract, InferenceUser.abi, 'shares', [BigInt(inference)]);
		assert.equal(attributed, true);
		assert.deepEqual(
			contributions.map((c) => [c.datanet, c.index, c.ppm]),
			view.attribution.contributions.map((c) => [c.contribution.datanet, c.contribution.index, c.ppm]),
		);
		assert.deepEqual(contributions.map((c) => c.ppm), setup.shares.map((s) => s.ppm.toNumber()));
	});
});

test('a flood of unscorable and price-0 payments strikes no honest attestor; honest inferences keep settling', async () => {
	assert.ok(setup, 'the first test set up a model');
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, dave, eve, ferdie } = devAccounts();
		const attacker = ferdie;
		const honest = async () => Promise.all([alice, bob].map(async (who) => {
			const record = (await api.query.attribution.attestors(who.address)).unwrap();
			return [record.bond.toBigInt(), record.strikes.toNumber(), record.state.isActive];
		}));
		const before = await honest();
		assert.deepEqual(before.map(([, strikes, active]) => [strikes, active]), [[0, true], [0, true]]);
		const held = async (who) => (await api.query.system.account(who)).data;
		const total = async (who) => { const d = await held(who); return d.free.toBigInt() + d.reserved.toBigInt(); };

		// Payments no engine could score are refused outright: an input of three values (the
		// model takes four), an output that names no class.
		const three = u8aToHex(new Uint8Array(new Float32Array([1, 2, 3]).buffer));
		const noClass = u8aToHex(new Uint8Array(new Uint32Array([CLASSES]).buffer));
		await assert.rejects(
			submit(api, api.tx.inference.payInference(setup.model, attacker.address, three, u8aToHex(setup.output), 2n * OPEN), attacker),
			(e) => e.module === 'inference.InvalidInput',
		);
		await assert.rejects(
			submit(api, api.tx.inference.payInference(setup.model, attacker.address, u8aToHex(setup.input), noClass, 2n * OPEN), attacker),
			(e) => e.module === 'inference.InvalidOutput',
		);

		// A price-0 model on the same data, and a flood of payments for it in one transaction:
		// each opens a job, and each pays the job fee.
		let events = await submit(api, api.tx.models.registerModel('free', 'price 0',
			{ SoftmaxRegression: { features: FEATURES, classes: CLASSES, l2: L2 * 1e9 } },
			{ Inline: u8aToHex(softmaxWeights(FEATURES, CLASSES, 0.1)) }, [[setup.datanet, setup.version]], null, 0), attacker);
		const free = findEvent(events, 'models', 'ModelRegistered').data.model.toNumber();
		const FLOOD = 24;
		const spentBefore = await total(attacker.address);
		const pay = () => api.tx.inference.payInference(free, attacker.address, u8aToHex(setup.input), u8aToHex(setup.output), 10n * JOB_FEE);
		events = await submit(api, api.tx.utility.batchAll(Array.from({ length: FLOOD }, pay)), attacker);
		const flood = events.filter(({ event }) => event.section === 'attribution' && event.method === 'JobOpened').map(({ event }) => event.data);
		assert.equal(flood.length, FLOOD, 'every price-0 payment opened a job');
		const fees = flood.reduce((sum, e) => sum + e.fee.toBigInt(), 0n);
		assert.ok(fees >= BigInt(FLOOD) * JOB_FEE, `the flood paid ${fees} in job fees`);

		// An honest inference amid the flood.
		events = await submit(api, api.tx.inference.payInference(setup.model, dave.address, u8aToHex(setup.input), u8aToHex(setup.output), OPEN + 10n * JOB_FEE), eve);
		const honestJob = findEvent(events, 'attribution', 'JobOpened').data.job.toNumber();

		const jobs = [...flood.map((e) => e.job.toNumber()), honestJob];
		const results = await waitFor(`${jobs.length} jobs to be final`, async () => {
			const all = await api.query.attribution.results.multi(jobs);
			return all.every((r) => r.isSome) ? all.map((r) => r.unwrap()) : undefined;
		}, { timeout: 240_000, interval: 2_000 });
		const honestResult = results[results.length - 1];
		assert.ok(honestResult.data.isContributions, `the honest inference settles by attribution: ${honestResult.data.toString()}`);
		assert.deepEqual(honestResult.data.asContributions.map((s) => s.ppm.toNumber()), setup.shares.map((s) => s.ppm.toNumber()));
		console.log(`flood: ${FLOOD} price-0 jobs cost the attacker ${fees} in job fees (${Number(fees / (OPEN / 1000n)) / 1000} OPEN); `
			+ `${results.filter((r) => r.data.isContributions).length} of ${jobs.length} jobs final by attribution`);

		// The honest attestors' bonds, strikes and places are as they were.
		assert.deepEqual(await honest(), before, "Alice's and Bob's bonds and strikes are untouched");
		assert.ok(spentBefore - (await total(attacker.address)) >= fees, 'the flood cost the attacker at least its job fees');
	});
});

test('copies earn nothing: ten near-copies of a contribution, from other accounts, are paid nothing', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, dave, eve } = devAccounts();
		// Ten copiers, funded for their fees.
		const copiers = Array.from({ length: 10 }, (_, i) => account(`//Copier${i}`));
		await submit(api, api.tx.utility.batchAll(copiers.map((c) => api.tx.balances.transferKeepAlive(c.address, 10n * OPEN))), alice);

		// Bob's rows; Dave's; then each copier's: Bob's rows with every value moved by up to 0.01,
		// differently for each copier (identical bytes would be refused outright): a distance of
		// 0.02 at most, under the datanet's copy radius of 0.1; distinct rows of this data are at
		// least 0.25 apart.
		// (Seeds the first test did not use: content is owned chain-wide, and its rows are on chain.)
		const original = rows(8, 4);
		// Dave's: honest rows of their own, every value moved by 1/8 off the grid Bob's lie on.
		const other = rows(7, 5).map(([label, xs]) => [label, xs.map((x) => x + 0.125)]);
		const noisy = (c) => original.map(([label, xs], r) => [label, xs.map((x, k) => x + 0.01 * Math.sin(12.9898 * c + 78.233 * r + 37.719 * k))]);
		const dir = mkdtempSync(join(tmpdir(), 'openledger-copies-'));
		const direct = engine(dir);
		const { model, datanet } = await setupPaidModel(api, {
			owner: alice, contributors: [bob, dave, copiers], features: FEATURES, classes: CLASSES,
			examples: (n) => (n === 0 ? original : n === 1 ? other : noisy(n)), name: 'copies', l2: L2 * 1e9,
			// Dave, the provider, registered in the first test.
			price: 1n * OPEN, copyRadius: 100,
			// The model is trained on everything in the datanet, copies included.
			weights: direct.weights,
		});

		const query = [2.25, 0, -0.25, 0.5];
		const answer = 0;
		const input = new Uint8Array(new Float32Array(query).buffer);
		const output = new Uint8Array(new Uint32Array([answer]).buffer);
		const events = await submit(api, api.tx.inference.payInference(model, dave.address, u8aToHex(input), u8aToHex(output), 1n * OPEN + JOB_FEE), eve);
		const inference = findEvent(events, 'inference', 'InferencePaid').data.inference.toNumber();
		await settled('inferences', inference);

		// Settled by attribution, as the engine's command line prints it (a lower contribution id
		// is an earlier arrival there, as it is on the chain within one datanet).
		const receipt = (await api.query.inference.inferences(inference)).unwrap();
		const result = (await api.query.attribution.results(receipt.escrow.job.toNumber())).unwrap();
		assert.ok(result.data.isContributions, `settled by attribution: ${result.data.toString()}`);
		assert.deepEqual(chainShares(result), direct.shares(query, answer, ['--copy-radius', '0.1']));
		rmSync(dir, { recursive: true, force: true });

		// The copiers are paid nothing; Bob, whose rows answered the query, is.
		const payouts = (await api.query.inference.payouts(inference)).unwrap();
		const paidTo = (who) => payouts.filter((p) => p.kind.isContribution && p.to.toString() === who.address)
			.reduce((sum, p) => sum + p.amount.toBigInt(), 0n);
		for (const c of copiers) assert.equal(paidTo(c), 0n, `copier ${c.address} is paid nothing`);
		assert.ok(paidTo(bob) > 0n, 'the original is paid');
		assert.ok(result.data.asContributions.every((s) => s.contribution.datanet.toNumber() === datanet && s.contribution.index.toNumber() < 2),
			'only the original and the other honest contribution hold shares');
		console.log(`copies: Bob's original earned ${paidTo(bob)} of the ${(1n * OPEN * 45n) / 100n} data part; ten copies earned 0`);
	});
});

test('text: a paid text inference is attributed to the texts it quotes; the second job of the version is answered from the persistent index', async () => {
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, dave, eve } = devAccounts();
		const texts = [
			'Tide tables for the harbour of Port Wren: the spring tide peaks forty minutes after moonrise, '
				+ 'and the neap tide leaves the northern slip dry for two hours.',
			'Ferry notes: the evening crossing to Gull Island waits for the mail van, whatever the timetable '
				+ 'says, and the galley serves kedgeree on Thursdays only.',
		];
		let events = await submit(api, api.tx.datanets.createDatanet('harbour', 'notes on a harbour', 'CC0', 'Text', 'Open', 0, null), alice);
		const datanet = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		for (const [who, text] of [[bob, texts[0]], [dave, texts[1]]]) {
			await submit(api, api.tx.datanets.contribute(datanet, u8aToHex(new TextEncoder().encode(text))), who);
		}
		events = await submit(api, api.tx.datanets.publishVersion(datanet), alice);
		const version = findEvent(events, 'datanets', 'VersionPublished').data.version.toNumber();
		events = await submit(api, api.tx.models.registerModel('harbour-spans', '', 'TextSpans',
			{ Inline: u8aToHex(new TextEncoder().encode('spans')) }, [[datanet, version]], null, 1n * OPEN), alice);
		const model = findEvent(events, 'models', 'ModelRegistered').data.model.toNumber();

		const dir = mkdtempSync(join(tmpdir(), 'openledger-text-'));
		const files = texts.map((t, k) => join(dir, `${k}.txt`));
		texts.forEach((t, k) => writeFileSync(files[k], t));
		// Dave, the provider, registered in the first test.
		const pay = async (answer) => {
			const bytes = (t) => u8aToHex(new TextEncoder().encode(t));
			const events = await submit(api, api.tx.inference.payInference(model, dave.address, bytes('tell me about the harbour'),
				bytes(answer), 1n * OPEN + JOB_FEE), eve);
			const inference = findEvent(events, 'inference', 'InferencePaid').data.inference.toNumber();
			await settled('inferences', inference);
			const receipt = (await api.query.inference.inferences(inference)).unwrap();
			const result = (await api.query.attribution.results(receipt.escrow.job.toNumber())).unwrap();
			assert.ok(result.data.isContributions, `settled by attribution: ${result.data.toString()}`);
			// As the engine's command line prints it (its ids 0, 1 are the contributions' indexes).
			const cli = execFileSync(influenceBinary(), ['spans', '--corpus', ...files, '--query', answer], { encoding: 'utf8' });
			const direct = cli.trim().split('\n').slice(cli.trim().split('\n').indexOf('contribution,file,ppm') + 1)
				.map((line) => line.split(',')).map(([k, , ppm]) => [contributionId(datanet, Number(k)).toString(), Number(ppm)])
				.sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1));
			assert.deepEqual(chainShares(result), direct);
			return chainShares(result);
		};
		const logged = (text) => network.nodes.filter((n) => n.lines.some((l) => l.includes(text))).map((n) => n.name);

		const first = await pay('At Port Wren: the spring tide peaks forty minutes after moonrise, and the neap tide leaves the northern slip dry, they say.');
		assert.deepEqual(first.map(([c]) => c), [contributionId(datanet, 0).toString()], 'the tide table is quoted');
		const built = logged('built the persistent index');
		assert.ok(built.length >= 2, `a majority of the attestors indexed the version: ${built}`);

		const second = await pay('Remember: the evening crossing to Gull Island waits for the mail van, and the spring tide peaks forty minutes after moonrise.');
		assert.equal(second.length, 2, 'both texts are quoted');
		assert.ok(second[1][1] > second[0][1], 'the longer quote earns more');
		// Every attestor that built the index answered the second job from it.
		await waitFor('the second job to be answered from the persistent index', async () =>
			built.every((name) => logged('answered from the persistent index').includes(name)));
		rmSync(dir, { recursive: true, force: true });
	});
});

test('a false lineage is caught: the committee finds the weights not trained on it, the lineage is paid nothing and the model suspended', async () => {
	assert.ok(setup, 'the first test set up a model');
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, dave, eve } = devAccounts();
		// The forger trained nothing: it takes the honest model's weights and declares them trained
		// on the honest version plus one row of its own, which the model never saw — so that the
		// crafted row takes the data share.
		const forger = account('//Forger');
		await submit(api, api.tx.balances.transferKeepAlive(forger.address, 1_000n * OPEN), alice);
		let events = await submit(api, api.tx.datanets.createDatanet('forged', '', 'CC0',
			{ Tabular: { features: FEATURES, classes: CLASSES } }, 'Open', 0, null), forger);
		const own = findEvent(events, 'datanets', 'DatanetCreated').data.datanet.toNumber();
		const crafted = tabularPayload([[1, [0.5, 3, -0.75, 0.25]]]);
		await submit(api, api.tx.datanets.contribute(own, u8aToHex(crafted)), forger);
		await submit(api, api.tx.datanets.publishVersion(own), forger);
		events = await submit(api, api.tx.models.registerModel('forged-softmax', 'a false lineage',
			{ SoftmaxRegression: { features: FEATURES, classes: CLASSES, l2: L2 * 1e9 } },
			{ Inline: u8aToHex(setup.weights) }, [[setup.datanet, setup.version], [own, 1]], null, 1n * OPEN), forger);
		const model = findEvent(events, 'models', 'ModelRegistered').data.model.toNumber();

		// The engine's own check, as a curator would run it: not consistent (exit status 3).
		const dir = mkdtempSync(join(tmpdir(), 'openledger-lineage-'));
		const [weightsFile, trainFile] = [join(dir, 'm.safetensors'), join(dir, 'train.csv')];
		writeFileSync(weightsFile, setup.weights);
		// the honest version's rows, as the first test contributed them
		const honestRows = Array.from({ length: 4 }, (_, n) => rows(6 + n, n)).flat();
		writeFileSync(trainFile, csv([...honestRows, [1, [0.5, 3, -0.75, 0.25]]]));
		const verify = spawnSync(influenceBinary(), ['verify-lineage', '--model', weightsFile, '--arch', 'softmax',
			'--l2', String(L2), '--train', trainFile], { encoding: 'utf8' });
		assert.equal(verify.status, 3, `verify-lineage: ${verify.stdout}${verify.stderr}`);
		writeFileSync(trainFile, csv(honestRows));
		const honestVerify = spawnSync(influenceBinary(), ['verify-lineage', '--model', weightsFile, '--arch', 'softmax',
			'--l2', String(L2), '--train', trainFile], { encoding: 'utf8' });
		assert.equal(honestVerify.status, 0, `the honest lineage: ${honestVerify.stdout}${honestVerify.stderr}`);
		rmSync(dir, { recursive: true, force: true });

		// Eve pays Dave for an answer of the forged model.
		events = await submit(api, api.tx.inference.payInference(model, dave.address, u8aToHex(setup.input), u8aToHex(setup.output), OPEN + JOB_FEE), eve);
		const inference = findEvent(events, 'inference', 'InferencePaid').data.inference.toNumber();
		await settled('inferences', inference);
		const receipt = (await api.query.inference.inferences(inference)).unwrap();
		const result = (await api.query.attribution.results(receipt.escrow.job.toNumber())).unwrap();
		assert.ok(result.data.isUnscorable && result.data.asUnscorable.isFalseLineage, `caught: ${result.data.toString()}`);

		// The lineage is paid nothing (the payer gets the data and attestor parts back); the model
		// is suspended and takes no more payments.
		const payouts = (await api.query.inference.payouts(inference)).unwrap();
		assert.ok(!payouts.some((p) => p.kind.isContribution || p.kind.isLineage), 'no contribution is paid');
		const refund = payouts.find((p) => p.kind.isRefund);
		assert.equal(refund?.to.toString(), eve.address);
		assert.equal(refund.amount.toBigInt(), (OPEN * 55n) / 100n);
		assert.ok((await api.query.models.models(model)).unwrap().status.isSuspended, 'suspended');
		await assert.rejects(
			submit(api, api.tx.inference.payInference(model, dave.address, u8aToHex(setup.input), u8aToHex(setup.output), OPEN + JOB_FEE), eve),
			(e) => e.module === 'inference.ModelSuspended',
		);
		console.log(`false lineage: job ${receipt.escrow.job} found ${result.data.asUnscorable.type}; model ${model} suspended`);
	});
});

test("a provider's false output pays no contribution, and costs the provider its part and its bond", async () => {
	assert.ok(setup, 'the first test set up a model');
	await withLogsOnFailure(network.nodes, async () => {
		const { alice, bob, eve, ferdie } = devAccounts();
		const fee = 1n * OPEN;
		const bondOf = async (who) => (await api.query.inference.providers(who)).unwrap().bond.toBigInt();
		const bond = await bondOf(ferdie.address);
		// Ferdie, a provider, submits two receipts: Eve's with the model's answer, Bob's with
		// another class than the model's — a chosen output, to steer the data share.
		const falseOutput = new Uint8Array(new Uint32Array([0]).buffer);
		const receipts = [[eve, 2, setup.output], [bob, 1, falseOutput]]
			.map(([payer, nonce, output]) => signedReceipt({ payer, nonce, provider: ferdie, output, maxFee: fee }));
		const paid = findEvent(await submit(api, api.tx.inference.submitReceipts(setup.model, receipts), ferdie), 'inference', 'BatchPaid');
		assert.equal(paid.data.receipts.toNumber(), 2);
		const batch = paid.data.batch.toNumber();
		await settled('batches', batch);
		const record = (await api.query.inference.batches(batch)).unwrap();
		const result = (await api.query.attribution.results(record.escrow.job.toNumber())).unwrap();
		assert.ok(result.data.isFalseOutput, `caught: ${result.data.toString()}`);
		// No one steers the data share: it goes to the treasury; the provider is not paid.
		const payouts = (await api.query.inference.batchPayouts(batch)).unwrap();
		assert.ok(!payouts.some((p) => p.kind.isContribution || p.kind.isLineage || p.kind.isProvider),
			'no contribution or lineage is paid, nor the provider');

		// Ferdie's part of the batch and, from its bond, the rest of each price go back to the
		// payers: they are whole. Ferdie's bond lost the penalty (10 OPEN), and it cannot be paid
		// until it tops it up.
		assert.equal((await api.query.inference.batchRefunds(batch)).unwrap().toBigInt(), fee, 'each payer gets its whole price back');
		const penalty = 10n * OPEN;
		assert.equal(await bondOf(ferdie.address), bond - penalty);
		for (const payer of [eve, bob]) {
			const refund = findEvent(await submit(api, api.tx.inference.claimRefund(batch), payer), 'inference', 'RefundClaimed');
			assert.equal(refund.data.amount.toBigInt(), fee);
		}
		await assert.rejects(
			submit(api, api.tx.inference.payInference(setup.model, ferdie.address, u8aToHex(setup.input), u8aToHex(setup.output), fee + JOB_FEE), alice),
			(e) => e.module === 'inference.ProviderBondShort',
		);
		await submit(api, api.tx.inference.registerProvider(), ferdie);
		assert.equal(await bondOf(ferdie.address), bond);
		console.log(`false output: batch ${batch}: its payers refunded whole, the data share to the treasury; the provider lost its part and ${penalty} of its bond`);
	});
});
