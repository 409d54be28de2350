// Ethereum compatibility on a dev node, with no Ethereum RPC adapter: viem signs EIP-1559
// transactions with an Ethereum key, polkadot-js submits them as `revive.ethTransact`, and the
// runtime's `ReviveApi` answers what a wallet asks (gas price, nonce, a Substrate account's
// Ethereum address). A key moves OPEN to a Substrate account; a runtime call sent from Ethereum
// meets the call filter; a solc-compiled contract pays for an inference through the `IInference`
// precompile, which refuses a delegatecall and a static call.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import { devAccounts, findEvent, submit, withDevNode } from '../../lib/chain.mjs';
import { ETH_CHAIN_ID, JOB_FEE, OPEN } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { rpc, withLogsOnFailure } from '../../lib/node-process.mjs';
import {
	INFERENCE_PRECOMPILE, accountOf, compileInferenceContracts, deploy, ethTransact, read, send,
} from '../../lib/revive.mjs';

let node;
let api;

withDevNode((chain) => ({ node, api } = chain));

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();

test('a transaction signed by an Ethereum key moves OPEN to a Substrate account, and pays its fee', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, bob } = devAccounts();
		assert.equal(api.consts.revive.chainId.toNumber(), ETH_CHAIN_ID, 'the development networks\' chain id');
		const key = privateKeyToAccount(generatePrivateKey());
		const sender = accountOf(key.address);
		await submit(api, api.tx.balances.transferKeepAlive(sender, 10n * OPEN), alice);

		// Bob's Ethereum address, which the runtime gave him when his account was created
		const bobAddress = (await api.call.reviveApi.address(bob.address)).toHex();
		assert.match(bobAddress, /^0x[0-9a-f]{40}$/);
		const bobBefore = await free(bob.address);
		const amount = 2n * OPEN;
		const events = await ethTransact(api, key, { to: bobAddress, value: amount });

		const transfer = findEvent(events, 'balances', 'Transfer');
		assert.ok(transfer, 'a balances.Transfer event');
		assert.equal(transfer.data.to.toString(), bob.address);
		assert.equal(transfer.data.amount.toBigInt(), amount);
		const feePaid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
		const fee = feePaid.data.actualFee.toBigInt();
		assert.ok(fee > 0n && fee < OPEN / 10n, `a fee, refunded down to what the transfer used (${fee})`);
		assert.equal((await free(bob.address)) - bobBefore, amount);
		// the cost is a whole number of gas units: the fee, rounded up (the rest goes to the treasury)
		const paid = 10n * OPEN - amount - (await free(sender));
		const gasPrice = (await api.call.reviveApi.gasPrice()).toBigInt();
		assert.ok(paid >= fee && paid - fee < gasPrice && paid % gasPrice === 0n, `${paid} is ${fee} rounded up to a unit of gas`);
		assert.equal((await api.call.reviveApi.nonce(key.address)).toNumber(), 1);
		console.log(`# Ethereum transfer: ${paid} (${Number(paid) / 1e18} OPEN), ${paid / gasPrice} gas at ${gasPrice}`);
	});
});

test('a runtime call sent from Ethereum to the runtime-call address is dispatched as the sender, through the call filter', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice } = devAccounts();
		const key = privateKeyToAccount(generatePrivateKey());
		const sender = accountOf(key.address);
		await submit(api, api.tx.balances.transferKeepAlive(sender, 10n * OPEN), alice);
		const runtime = (await api.call.reviveApi.runtimePalletsAddress()).toHex();

		const remark = api.tx.system.remarkWithEvent('from Ethereum').method.toHex();
		const events = await ethTransact(api, key, { to: runtime, data: remark });
		const remarked = findEvent(events, 'system', 'Remarked');
		assert.ok(remarked, 'a system.Remarked event');
		assert.equal(u8aToHex(remarked.data.sender.toU8a()), sender);

		// a data-reward boost the economics guard refuses (12% against the default split)
		const boost = api.tx.parameters
			.setParameter({ Economics: { DataBoost: [null, 120_000_000] } })
			.method.toHex();
		// (a failed Ethereum transaction is included, with revive's EthExtrinsicRevert event)
		const reverted = findEvent(await ethTransact(api, key, { to: runtime, data: boost }), 'revive', 'EthExtrinsicRevert');
		assert.ok(reverted, 'revive.EthExtrinsicRevert');
		const { section, name } = api.registry.findMetaError(reverted.data.dispatchError.asModule);
		assert.equal(`${section}.${name}`, 'system.CallFiltered');
	});
});

test('a Solidity contract pays for an inference through IInference; a delegatecall or a static call cannot', async () => {
	await withLogsOnFailure([node], async () => {
		const { alice, charlie, dave } = devAccounts();
		const { IInference, InferenceUser } = compileInferenceContracts();
		const price = OPEN;
		const { model } = await setupPaidModel(api, { owner: charlie, price, provider: dave });
		const key = privateKeyToAccount(generatePrivateKey());
		await submit(api, api.tx.balances.transferKeepAlive(accountOf(key.address), 50n * OPEN), alice);

		const contract = await deploy(api, key, InferenceUser);
		const payer = accountOf(contract);
		await submit(api, api.tx.balances.transferKeepAlive(payer, 5n * OPEN), alice);
		const provider = u8aToHex(decodeAddress(dave.address));
		// a query of the model's two features (f32 LE) and its answer, class 1 (u32 LE)
		const input = u8aToHex(new Uint8Array(new Float32Array([0.5, -1]).buffer));
		const output = '0x01000000';
		const args = [model, provider, input, output, price + JOB_FEE];

		const before = await free(payer);
		const events = await send(api, key, contract, InferenceUser.abi, 'pay', args);
		const paid = findEvent(events, 'inference', 'InferencePaid');
		assert.ok(paid, 'inference.InferencePaid');
		assert.equal(u8aToHex(paid.data.payer.toU8a()), payer, 'the contract paid');
		assert.equal(paid.data.fee.toBigInt(), price);
		assert.equal(before - (await free(payer)), price + JOB_FEE, 'the price and the job fee, from the contract');
		const id = paid.data.inference.toNumber();
		assert.equal((await read(api, payer, contract, InferenceUser.abi, 'last', [])).toString(), id.toString());

		// The precompile reads what openledger_inference gives.
		const view = await rpc(node.rpcPort, 'openledger_inference', [id]);
		const [, readProvider, readModel, fee, settled, payouts] = await read(api, payer, INFERENCE_PRECOMPILE, IInference.abi, 'inference', [BigInt(id)]);
		assert.deepEqual([readProvider, readModel, fee, settled], [provider, model, BigInt(view.fee), view.settled]);
		assert.deepEqual(
			payouts.map((p) => [p.to, p.amount.toString()]),
			view.payouts.map((p) => [u8aToHex(decodeAddress(p.to)), p.amount]),
		);

		// A contract cannot pay in its caller's name by delegatecall, nor pay in a static call.
		assert.equal(await read(api, payer, contract, InferenceUser.abi, 'payByDelegatecall', args), false);
		assert.equal(await read(api, payer, contract, InferenceUser.abi, 'payInStaticcall', args), false);
		const refused = await send(api, key, contract, InferenceUser.abi, 'payByDelegatecall', args);
		assert.equal(findEvent(refused, 'inference', 'InferencePaid'), undefined);
		// What the transaction cost, beside the same payment by the extrinsic (the price and the
		// job fee aside): the contract's own execution and revive's Ethereum bookkeeping on top.
		const txFee = (evs) => findEvent(evs, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
		const { eve } = devAccounts();
		const direct = await submit(api, api.tx.inference.payInference(model, dave.address, input, output, price + JOB_FEE), eve);
		console.log(`# paying for an inference: ${txFee(events)} through a contract and IInference, ${txFee(direct)} by the extrinsic`);
	});
});
