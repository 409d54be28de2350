// Ethereum JSON-RPC through the adapter (`eth-rpc`), as a wallet or a dapp uses the chain: viem
// over HTTP reads the chain id and a balance, deploys a contract, funds it, and the contract pays
// for an inference through the `IInference` precompile; each waits for its receipt, and what the
// receipts say was paid is what left the account. Run with `scripts/eth-rpc.sh test` (it installs
// the adapter first): the adapter is not built in CI, so this file is not in `npm test`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { createPublicClient, createWalletClient, defineChain, http, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

import { devAccounts, startDevNode } from '../../lib/chain.mjs';
import { ETH_CHAIN_ID, ETH_DEV_KEY, JOB_FEE, OPEN } from '../../lib/constants.mjs';
import { setupPaidModel } from '../../lib/fixtures.mjs';
import { rpc, withLogsOnFailure } from '../../lib/node-process.mjs';
import { INFERENCE_PRECOMPILE, accountOf, compileInferenceContracts, ethRpcAdapter } from '../../lib/revive.mjs';

let node;
let api;
let adapter;
let chain;
let client;
let wallet;

// (one hook: node's test runner does not wait for one root hook before starting the next)
before(async () => {
	({ node, api } = await startDevNode());
	adapter = await ethRpcAdapter(node);
	await withLogsOnFailure([node, adapter], () => adapter.ready());
	const url = `http://127.0.0.1:${adapter.rpcPort}`;
	// What a wallet is told: the chain id, the currency, the RPC URL.
	chain = defineChain({
		id: api.consts.revive.chainId.toNumber(),
		name: 'OpenLedger development',
		nativeCurrency: { name: 'OPEN', symbol: 'OPEN', decimals: 18 },
		rpcUrls: { default: { http: [url] } },
	});
	client = createPublicClient({ chain, transport: http(url), pollingInterval: 500 });
	wallet = createWalletClient({ account: privateKeyToAccount(ETH_DEV_KEY), chain, transport: http(url) });
});

after(async () => {
	await adapter?.stop();
	await Promise.allSettled([api?.disconnect()]);
	await node?.stop();
});

/** What `hash` cost its sender, by its receipt (`gasUsed × effectiveGasPrice`), once it is in a block. */
async function receiptOf(hash) {
	const receipt = await client.waitForTransactionReceipt({ hash, timeout: 60_000 });
	return { receipt, cost: receipt.gasUsed * receipt.effectiveGasPrice };
}

test('a wallet reads the chain id, the block number and its balance over Ethereum JSON-RPC', async () => {
	await withLogsOnFailure([node, adapter], async () => {
		assert.equal(await client.getChainId(), api.consts.revive.chainId.toNumber());
		assert.equal(chain.id, ETH_CHAIN_ID, 'the development chain id the README gives wallets');
		const best = (await api.rpc.chain.getHeader()).number.toNumber();
		const number = Number(await client.getBlockNumber());
		assert.ok(Math.abs(number - best) <= 2, `the adapter's block ${number}, the node's ${best}`);
		// the development key's account holds its genesis endowment (what it can spend: less the
		// existential deposit), as the runtime's ReviveApi tells
		const balance = await client.getBalance({ address: wallet.account.address });
		assert.equal(balance, (await api.call.reviveApi.balance(wallet.account.address)).toBigInt());
		const free = (await api.query.system.account(accountOf(wallet.account.address))).data.free.toBigInt();
		assert.ok(balance > 0n && balance <= free && free - balance <= OPEN, `${balance} spendable of ${free}`);
		console.log(`# eth-rpc: chain id ${chain.id}, block ${number}, the development key holds ${balance} wei`);
	});
});

test('a wallet deploys a contract and funds it, the contract pays for an inference, and the receipts tell what was paid', async () => {
	await withLogsOnFailure([node, adapter], async () => {
		const { charlie, dave } = devAccounts();
		const { IInference, InferenceUser } = compileInferenceContracts();
		const price = OPEN;
		const { model } = await setupPaidModel(api, { owner: charlie, price, provider: dave });
		const provider = u8aToHex(decodeAddress(dave.address));
		// a query of the model's two features (f32 LE) and its answer, class 1 (u32 LE)
		const input = u8aToHex(new Uint8Array(new Float32Array([0.5, -1]).buffer));
		const output = '0x01000000';
		const me = wallet.account.address;
		const before = await client.getBalance({ address: me });

		// deploy: the wallet estimates the gas (eth_estimateGas) and signs; the adapter submits
		let started = Date.now();
		const deployed = await receiptOf(await wallet.deployContract({ abi: InferenceUser.abi, bytecode: InferenceUser.bytecode }));
		const deployMs = Date.now() - started;
		assert.equal(deployed.receipt.status, 'success');
		const contract = deployed.receipt.contractAddress;
		assert.ok(contract, 'the receipt names the contract');
		assert.notEqual(await client.getCode({ address: contract }), undefined, 'its code is on chain');

		const deposit = 5n * OPEN;
		const funded = await receiptOf(await wallet.sendTransaction({ to: contract, value: deposit }));
		assert.equal(funded.receipt.status, 'success');
		const held = await client.getBalance({ address: contract });
		assert.equal(held, (await api.call.reviveApi.balance(contract)).toBigInt());
		assert.ok(held >= deposit, `the contract holds what it was sent (${held})`);

		// a price above the caller's maximum: the simulation reverts with the chain's error
		await assert.rejects(
			client.simulateContract({ account: wallet.account, address: contract, abi: InferenceUser.abi, functionName: 'pay', args: [model, provider, input, output, price - 1n] }),
			/PriceAboveMax/,
		);

		started = Date.now();
		const { request } = await client.simulateContract({
			account: wallet.account, address: contract, abi: InferenceUser.abi, functionName: 'pay', args: [model, provider, input, output, price + JOB_FEE],
		});
		const paid = await receiptOf(await wallet.writeContract(request));
		const payMs = Date.now() - started;
		assert.equal(paid.receipt.status, 'success');
		const [log] = parseEventLogs({ abi: InferenceUser.abi, eventName: 'Paid', logs: paid.receipt.logs });
		assert.ok(log, 'the contract\'s Paid log is in the receipt');
		const id = log.args.id;

		// the chain recorded the payment from the contract's account, at the model's price
		const view = await rpc(node.rpcPort, 'openledger_inference', [Number(id)]);
		assert.equal(u8aToHex(decodeAddress(view.payer)), accountOf(contract));
		assert.equal(BigInt(view.fee), price);
		assert.equal(held - (await client.getBalance({ address: contract })), price + JOB_FEE, 'the price and the job fee, from the contract');
		// and the precompile, read over eth_call, says the same
		const [, readProvider, readModel, fee] = await client.readContract({ address: INFERENCE_PRECOMPILE, abi: IInference.abi, functionName: 'inference', args: [id] });
		assert.deepEqual([readProvider, readModel, fee], [provider, model, price]);

		// What left the wallet's account is the value it sent and what its receipts say it paid.
		const spent = before - (await client.getBalance({ address: me }));
		assert.equal(spent, deposit + deployed.cost + funded.cost + paid.cost);
		const opens = (wei) => (Number(wei) / 1e18).toFixed(4);
		console.log(`# eth-rpc: deploying InferenceUser ${deployed.receipt.gasUsed} gas (${opens(deployed.cost)} OPEN, ${deployMs} ms to its receipt); ` +
			`a transfer to it ${funded.receipt.gasUsed} gas (${opens(funded.cost)} OPEN); ` +
			`its payment for an inference ${paid.receipt.gasUsed} gas (${opens(paid.cost)} OPEN, ${payMs} ms to its receipt)`);
	});
});

test('a wallet pays for an inference through IInference itself', async () => {
	await withLogsOnFailure([node, adapter], async () => {
		const { charlie, ferdie } = devAccounts();
		const { IInference } = compileInferenceContracts();
		const price = OPEN / 2n;
		const examples = [[0, [2, 0]], [1, [0, 2]]]; // not the first model's: a datanet refuses a copy
		const { model } = await setupPaidModel(api, { owner: charlie, price, provider: ferdie, name: 'direct', examples });
		const provider = u8aToHex(decodeAddress(ferdie.address));
		const input = u8aToHex(new Uint8Array(new Float32Array([1, 0]).buffer));
		const args = [model, provider, input, '0x00000000', price + JOB_FEE];
		const before = await client.getBalance({ address: wallet.account.address });

		const { request, result: id } = await client.simulateContract({ account: wallet.account, address: INFERENCE_PRECOMPILE, abi: IInference.abi, functionName: 'payInference', args });
		const { receipt, cost } = await receiptOf(await wallet.writeContract(request));
		assert.equal(receipt.status, 'success');
		const view = await rpc(node.rpcPort, 'openledger_inference', [Number(id)]);
		assert.equal(u8aToHex(decodeAddress(view.payer)), accountOf(wallet.account.address), 'the wallet paid');
		assert.equal(view.model, model);
		const spent = before - (await client.getBalance({ address: wallet.account.address }));
		assert.equal(spent, price + JOB_FEE + cost, 'the price, the job fee and the gas of the receipt');
		console.log(`# eth-rpc: a wallet's payment through IInference ${receipt.gasUsed} gas (${(Number(cost) / 1e18).toFixed(4)} OPEN)`);
	});
});
