// The OPEN bridge end to end: a dev node, a local Ethereum node (Hardhat's), the vault and a
// test ERC-20 compiled with solc-js, and the development relayer. Root (sudo) opens the bridge
// with a committee of three Ethereum keys (two sign); a deposit in the vault is released on
// OpenLedger from the bridge's reserve; OPEN locked on OpenLedger is released from the vault;
// a replayed attestation is refused on both sides; governance replaces the committee and the
// vault follows when the old committee signs the change, after which the old committee's
// signatures are worthless on both sides; one member pauses both sides.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseEventLogs } from 'viem';

import { devAccounts, findEvent, palletAccount, submit, u8aToHex, withDevNode } from '../../lib/chain.mjs';
import { OPEN, SS58_PREFIX } from '../../lib/constants.mjs';
import { ETHEREUM_CHAIN_ID, compileContracts, deploy, ethereumClients, ethereumNode, send } from '../../lib/ethereum.mjs';
import { waitFor, withLogsOnFailure } from '../../lib/node-process.mjs';
import { Relayer, byAddress } from '../../bridge/relayer.mjs';

let node;
let api;
let ethereum;
let clients;
let contracts;
/** The deployer's wallet, the token's and the vault's addresses, the relayer. */
let deployer;
let token;
let vault;
let relayer;

withDevNode((chain) => ({ node, api } = chain));

before(async () => {
	ethereum = await ethereumNode();
	clients = ethereumClients(ethereum.url);
	contracts = compileContracts();
});

after(async () => {
	await ethereum?.stop();
});

const free = async (address) => (await api.query.system.account(address)).data.free.toBigInt();
const erc20 = (address) => clients.public.readContract({ address: token, abi: contracts.TestOpen.abi, functionName: 'balanceOf', args: [address] });
const funded = async () => {
	const account = privateKeyToAccount(generatePrivateKey());
	await clients.test.setBalance({ address: account.address, value: 10n ** 20n });
	return account;
};

/** Expects `promise` to revert with the vault's custom error `name`. */
async function reverts(promise, name) {
	await assert.rejects(promise, (e) => {
		const found = e.walk?.((c) => c.data?.errorName)?.data?.errorName;
		assert.equal(found, name, `reverted with ${found}: ${e.shortMessage ?? e.message}`);
		return true;
	});
}

test('OPEN crosses the bridge both ways, attested by the committee, once', async () => {
	await withLogsOnFailure([node, ethereum], async () => {
		const { alice, bob } = devAccounts();
		const committee = byAddress(Array.from({ length: 3 }, () => privateKeyToAccount(generatePrivateKey())));
		const members = committee.map((a) => a.address);

		// Root opens the bridge on OpenLedger: the committee (epoch 1), then the vault below.
		let events = await submit(api, api.tx.sudo.sudo(api.tx.bridge.setCommittee(members, 2)), alice);
		const changed = findEvent(events, 'bridge', 'CommitteeChanged');
		assert.ok(changed, 'CommitteeChanged');
		const epoch = changed.data.epoch.toNumber();
		assert.equal(epoch, 1);

		// Ethereum: the token (its supply to the deployer) and the vault, bound to this chain.
		deployer = clients.wallet(await funded());
		token = await deploy(clients, deployer, contracts.TestOpen, [1_000_000_000n * OPEN]);
		const reserve = palletAccount('ol/bridg');
		// the deployer is the vault's guardian: it lifts pauses
		vault = await deploy(clients, deployer, contracts.OpenLedgerVault, [
			token, api.genesisHash.toHex(), u8aToHex(reserve), deployer.account.address, members, 2, BigInt(epoch),
			OPEN, 1_000_000n * OPEN, 2_000_000n * OPEN,
		]);
		// the vault holds ERC-20 OPEN for what circulates on OpenLedger (here, enough for the test)
		await send(clients, deployer, token, contracts.TestOpen.abi, 'transfer', [vault, 1_000n * OPEN]);
		events = await submit(api, api.tx.sudo.sudo(api.tx.bridge.setVault(ETHEREUM_CHAIN_ID, vault)), alice);
		assert.ok(findEvent(events, 'bridge', 'VaultSet'), 'VaultSet');
		relayer = new Relayer({ api, submitter: bob, clients, wallet: clients.wallet(await funded()), vault, committee, threshold: 2 });
		await relayer.check();

		// Ethereum → OpenLedger: a holder deposits 100 OPEN in the vault for a new account.
		const holder = clients.wallet(await funded());
		await send(clients, deployer, token, contracts.TestOpen.abi, 'transfer', [holder.account.address, 500n * OPEN]);
		const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });
		const newcomer = keyring.addFromMnemonic(mnemonicGenerate());
		const recipient = u8aToHex(newcomer.publicKey);
		await send(clients, holder, token, contracts.TestOpen.abi, 'approve', [vault, 100n * OPEN]);
		const receipt = await send(clients, holder, vault, contracts.OpenLedgerVault.abi, 'deposit', [recipient, 100n * OPEN]);
		const [deposited] = parseEventLogs({ abi: contracts.OpenLedgerVault.abi, logs: receipt.logs, eventName: 'Deposited' });
		assert.equal(deposited.args.nonce, 0n);
		assert.equal(await erc20(vault), 1_100n * OPEN);

		const reserveBefore = await free(reserve);
		const bobBefore = await free(bob.address);
		const { inbound } = await relayer.relay();
		assert.equal(inbound, 1, 'the relayer released the deposit');
		assert.equal(await free(newcomer.address), 100n * OPEN, 'the new account holds the deposit');
		assert.equal(reserveBefore - (await free(reserve)), 100n * OPEN, 'out of the reserve');
		assert.equal(await free(bob.address), bobBefore, 'a valid release costs its submitter nothing');

		// the same attestation again is refused, and a second pass finds nothing to do
		const signatures = await relayer.attestDeposit(deposited.args);
		await assert.rejects(relayer.releaseOnOpenLedger(deposited.args, signatures), (e) => /bridge\.AlreadyReleased/.test(e.message));
		assert.equal((await relayer.relay()).inbound, 0);
		// one signature is not enough
		const next = { nonce: 1n, recipient, amount: 100n * OPEN };
		const one = await relayer.sign('ReleaseOnOpenLedger', { chain: relayer.chain, ...next }, committee.slice(0, 1));
		await assert.rejects(relayer.releaseOnOpenLedger(next, one), (e) => /bridge\.TooFewSignatures/.test(e.message));

		// OpenLedger → Ethereum: Bob locks 50 OPEN for an Ethereum address.
		const ethRecipient = privateKeyToAccount(generatePrivateKey()).address;
		const start = (await api.rpc.chain.getHeader()).number.toNumber();
		events = await submit(api, api.tx.bridge.lock(ethRecipient, 50n * OPEN), bob);
		const locked = findEvent(events, 'bridge', 'Locked');
		assert.ok(locked, 'Locked');
		assert.equal(locked.data.recipient.toHex().toLowerCase(), ethRecipient.toLowerCase());
		assert.equal(locked.data.vault.toHex(), vault.toLowerCase());
		// the committee signs only what is final
		const lockedIn = (await api.rpc.chain.getHeader()).number.toNumber();
		await waitFor('the lock to be finalized', async () => (await relayer.finalized()) >= lockedIn, { timeout: 60_000 });
		const { outbound } = await relayer.relay({ ethereumFrom: receipt.blockNumber + 1n, openledgerFrom: start });
		assert.equal(outbound, 1, 'the relayer released the lock');
		assert.equal(await erc20(ethRecipient), 50n * OPEN);
		assert.equal(await erc20(vault), 1_050n * OPEN);
		const lock = { nonce: locked.data.nonce.toBigInt(), recipient: ethRecipient, amount: 50n * OPEN };
		await reverts(relayer.releaseOnEthereum(lock), 'AlreadyReleased');

		// Governance replaces the committee; the old committee signs the hand-over to the vault.
		const next3 = byAddress(Array.from({ length: 3 }, () => privateKeyToAccount(generatePrivateKey())));
		events = await submit(api, api.tx.sudo.sudo(api.tx.bridge.setCommittee(next3.map((a) => a.address), 2)), alice);
		const epoch2 = findEvent(events, 'bridge', 'CommitteeChanged').data.epoch.toNumber();
		assert.equal(epoch2, 2);
		const old = relayer.committee;
		await relayer.handOver(epoch2, next3, 2);
		const onVault = await clients.public.readContract({ address: vault, abi: contracts.OpenLedgerVault.abi, functionName: 'committee' });
		assert.deepEqual(onVault.map((a) => a.toLowerCase()), next3.map((a) => a.address.toLowerCase()));
		// the old committee's signatures are worthless on both sides now
		events = await submit(api, api.tx.bridge.lock(ethRecipient, 20n * OPEN), bob);
		const second = { nonce: findEvent(events, 'bridge', 'Locked').data.nonce.toBigInt(), recipient: ethRecipient, amount: 20n * OPEN };
		const stale = await relayer.sign('ReleaseOnEthereum', { chain: relayer.chain, ...second }, old.slice(0, 2));
		await reverts(relayer.releaseOnEthereum(second, stale), 'NotMember');
		await relayer.releaseOnEthereum(second);
		assert.equal(await erc20(ethRecipient), 70n * OPEN);
		await send(clients, holder, token, contracts.TestOpen.abi, 'approve', [vault, 10n * OPEN]);
		const again = await send(clients, holder, vault, contracts.OpenLedgerVault.abi, 'deposit', [recipient, 10n * OPEN]);
		const [redeposit] = parseEventLogs({ abi: contracts.OpenLedgerVault.abi, logs: again.logs, eventName: 'Deposited' });
		const staleIn = await relayer.sign('ReleaseOnOpenLedger', { chain: relayer.chain, ...redeposit.args }, old.slice(0, 2));
		await assert.rejects(relayer.releaseOnOpenLedger(redeposit.args, staleIn), (e) => /bridge\.NotMember/.test(e.message));
		await relayer.releaseOnOpenLedger(redeposit.args);
		assert.equal(await free(newcomer.address), 110n * OPEN);

		// One member pauses both sides with one signature: nothing moves until governance (here)
		// sets a committee and the guardian lifts the vault's pause.
		const [pauser] = relayer.committee;
		const pauseSig = await relayer.sign('Pause', { chain: relayer.chain, epoch: BigInt(epoch2) }, [pauser]);
		events = await submit(api, api.tx.bridge.pause(pauseSig[0]), alice);
		assert.equal(findEvent(events, 'bridge', 'BridgePaused').data.by.toHex(), pauser.address.toLowerCase());
		await send(clients, relayer.wallet, vault, contracts.OpenLedgerVault.abi, 'pause', [pauseSig[0]]);
		await assert.rejects(submit(api, api.tx.bridge.lock(ethRecipient, 5n * OPEN), bob), (e) => /bridge\.Paused/.test(e.message));
		await send(clients, holder, token, contracts.TestOpen.abi, 'approve', [vault, 5n * OPEN]);
		await reverts(send(clients, holder, vault, contracts.OpenLedgerVault.abi, 'deposit', [recipient, 5n * OPEN]), 'IsPaused');
		await submit(api, api.tx.sudo.sudo(api.tx.bridge.setCommittee(next3.map((a) => a.address), 2)), alice);
		await send(clients, deployer, vault, contracts.OpenLedgerVault.abi, 'unpause', []);
		await send(clients, holder, vault, contracts.OpenLedgerVault.abi, 'deposit', [recipient, 5n * OPEN]);
		console.log(`bridge: 110 OPEN in from Ethereum, 70 OPEN out to it; the vault holds ${(await erc20(vault)) / OPEN} OPEN, the reserve ${(await free(reserve)) / OPEN} OPEN`);
	});
});
