// A development relayer for the OPEN bridge: it carries each transfer across with the
// signatures of committee keys it holds. On a real network each committee member watches both
// chains' finalized blocks and signs on its own machine, and anyone relays; this relayer plays
// all of them, for the local network and the end-to-end test.
//
//   OPENLEDGER_WS=ws://127.0.0.1:9944 ETHEREUM_RPC=http://127.0.0.1:8545 BRIDGE_VAULT=0x… \
//   BRIDGE_COMMITTEE_KEYS=0x…,0x…,0x… ETHEREUM_RELAYER_KEY=0x… OPENLEDGER_RELAYER=//Alice \
//   node scripts/bridge/relayer.mjs
//
// relays every `Deposited` of the vault to `bridge.release` and every `bridge.Locked` for the
// vault to the vault's `release`, every six seconds, skipping what the other side has released
// already. It signs only what is final: OpenLedger's finalized blocks, and Ethereum blocks
// ETHEREUM_CONFIRMATIONS (default 64) deep. It signs both ways with one committee: between a
// committee change on OpenLedger and the vault's hand-over the two sides' committees differ, and
// it must be restarted with the new keys once the vault has followed.

import { pathToFileURL } from 'node:url';

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { privateKeyToAccount } from 'viem/accounts';

import { submit } from '../lib/chain.mjs';
import { SS58_PREFIX } from '../lib/constants.mjs';
import { BRIDGE_DOMAIN, BRIDGE_TYPES, ETHEREUM_CHAIN_ID, compileContracts, ethereumClients, send } from '../lib/ethereum.mjs';
import { sleep } from '../lib/node-process.mjs';

/** `accounts` ordered by address, as the chain and the vault require signers and members. */
export function byAddress(accounts) {
	return [...accounts].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
}

export class Relayer {
	/**
	 * `api`: polkadot-js on OpenLedger; `submitter`: the OpenLedger account that submits
	 * releases; `clients`: viem clients of the Ethereum node (`ethereumClients`); `wallet`: the
	 * Ethereum wallet that submits the vault's releases; `vault`: its address; `committee`: viem
	 * accounts of the committee's keys; `threshold`: how many sign.
	 */
	constructor({ api, submitter, clients, wallet, vault, committee, threshold, chainId = ETHEREUM_CHAIN_ID, confirmations = 0n }) {
		Object.assign(this, { api, submitter, clients, wallet, vault, threshold, chainId, confirmations });
		this.committee = byAddress(committee);
		this.abi = compileContracts().OpenLedgerVault.abi;
	}

	/** The EIP-712 domain: this Ethereum chain and the vault. */
	get domain() {
		return { ...BRIDGE_DOMAIN, chainId: this.chainId, verifyingContract: this.vault };
	}

	/** The OpenLedger genesis hash every message carries. */
	get chain() {
		return this.api.genesisHash.toHex();
	}

	/** The signatures of the first `threshold` members (ascending) of `message` of `primaryType`. */
	async sign(primaryType, message, signers = this.committee.slice(0, this.threshold)) {
		return Promise.all(
			byAddress(signers).map((a) => a.signTypedData({ domain: this.domain, types: BRIDGE_TYPES, primaryType, message })),
		);
	}

	/** The committee's attestation of vault deposit `{ nonce, recipient, amount }`: its signatures. */
	attestDeposit({ nonce, recipient, amount }) {
		return this.sign('ReleaseOnOpenLedger', { chain: this.chain, nonce: BigInt(nonce), recipient, amount: BigInt(amount) });
	}

	/** Releases a vault deposit on OpenLedger (given `signatures`, or the committee's): its events. */
	async releaseOnOpenLedger(deposit, signatures) {
		const sigs = signatures ?? (await this.attestDeposit(deposit));
		const tx = this.api.tx.bridge.release(deposit.nonce, deposit.recipient, deposit.amount, sigs);
		return submit(this.api, tx, this.submitter);
	}

	/** The committee's attestation of OpenLedger lock `{ nonce, recipient, amount }`. */
	attestLock({ nonce, recipient, amount }) {
		return this.sign('ReleaseOnEthereum', { chain: this.chain, nonce: BigInt(nonce), recipient, amount: BigInt(amount) });
	}

	/** Releases an OpenLedger lock from the vault (given `signatures`, or the committee's): the receipt. */
	async releaseOnEthereum(lock, signatures) {
		const sigs = signatures ?? (await this.attestLock(lock));
		return send(this.clients, this.wallet, this.vault, this.abi, 'release', [BigInt(lock.nonce), lock.recipient, BigInt(lock.amount), sigs]);
	}

	/**
	 * Hands the vault over to the committee governance chose on OpenLedger (`epoch`, `next`:
	 * viem accounts, `threshold`): the current committee signs the change. The relayer then
	 * signs with the new committee.
	 */
	async handOver(epoch, next, threshold) {
		const members = byAddress(next).map((a) => a.address);
		const sigs = await this.sign('CommitteeChange', { chain: this.chain, epoch: BigInt(epoch), members, threshold });
		const receipt = await send(this.clients, this.wallet, this.vault, this.abi, 'changeCommittee', [BigInt(epoch), members, threshold, sigs]);
		this.committee = byAddress(next);
		this.threshold = threshold;
		return receipt;
	}

	/** Checks that OpenLedger's bridge is bound to this Ethereum chain and vault. */
	async check() {
		const bound = (await this.api.query.bridge.vault()).unwrap();
		const [chainId, vault] = [bound[0].toNumber(), bound[1].toHex()];
		const actual = await this.clients.public.getChainId();
		if (chainId !== this.chainId || chainId !== actual || vault.toLowerCase() !== this.vault.toLowerCase()) {
			throw new Error(`the bridge is bound to vault ${vault} on chain ${chainId}, not ${this.vault} on ${actual}`);
		}
	}

	/** The vault's deposits from Ethereum block `fromBlock` to the last `confirmations` deep. */
	async deposits(fromBlock = 0n) {
		const toBlock = (await this.clients.public.getBlockNumber()) - this.confirmations;
		if (toBlock < fromBlock) return [];
		const logs = await this.clients.public.getContractEvents({ address: this.vault, abi: this.abi, eventName: 'Deposited', fromBlock, toBlock });
		return logs.map((l) => ({ ...l.args, block: l.blockNumber }));
	}

	/** Whether vault deposit `nonce` was released on OpenLedger. */
	async releasedOnOpenLedger(nonce) {
		const page = await this.api.query.bridge.released(this.vault, BigInt(nonce) / 128n);
		return ((page.toBigInt() >> (BigInt(nonce) % 128n)) & 1n) === 1n;
	}

	/** OpenLedger's locks for this vault in blocks `from` to `to`. */
	async locks(from, to) {
		const found = [];
		for (let n = from; n <= to; n++) {
			const hash = await this.api.rpc.chain.getBlockHash(n);
			const events = await (await this.api.at(hash)).query.system.events();
			for (const { event } of events) {
				if (event.section === 'bridge' && event.method === 'Locked' && event.data.vault.toHex() === this.vault.toLowerCase()) {
					const { nonce, recipient, amount } = event.data;
					found.push({ nonce: nonce.toBigInt(), recipient: recipient.toHex(), amount: amount.toBigInt(), block: n });
				}
			}
		}
		return found;
	}

	/** OpenLedger's last finalized block. */
	async finalized() {
		const hash = await this.api.rpc.chain.getFinalizedHead();
		return (await this.api.rpc.chain.getHeader(hash)).number.toNumber();
	}

	/**
	 * One pass over both chains from the given blocks (OpenLedger's up to its finalized head):
	 * what it released each way, and what failed (logged, left for the next pass).
	 */
	async relay({ ethereumFrom = 0n, openledgerFrom = 1 } = {}) {
		let [inbound, outbound, failed] = [0, 0, 0];
		const attempt = async (what, action) => {
			try {
				await action();
				return true;
			} catch (e) {
				console.error(`relayer: ${what}: ${e.shortMessage ?? e.message}`);
				failed++;
				return false;
			}
		};
		for (const deposit of await this.deposits(ethereumFrom)) {
			if (!(await this.releasedOnOpenLedger(deposit.nonce)) && (await attempt(`deposit ${deposit.nonce}`, () => this.releaseOnOpenLedger(deposit)))) {
				inbound++;
			}
		}
		const finalized = await this.finalized();
		for (const lock of await this.locks(openledgerFrom, finalized)) {
			const done = await this.clients.public.readContract({ address: this.vault, abi: this.abi, functionName: 'isReleased', args: [lock.nonce] });
			if (!done && (await attempt(`lock ${lock.nonce}`, () => this.releaseOnEthereum(lock)))) outbound++;
		}
		return { inbound, outbound, failed, openledgerFinalized: finalized };
	}
}

/** The command line: relays every six seconds until interrupted. */
async function main() {
	const need = (name) => process.env[name] || (() => { throw new Error(`set ${name}`); })();
	await cryptoWaitReady();
	const api = await ApiPromise.create({ provider: new WsProvider(need('OPENLEDGER_WS')), noInitWarn: true });
	const submitter = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX }).addFromUri(process.env.OPENLEDGER_RELAYER || '//Alice');
	const clients = ethereumClients(need('ETHEREUM_RPC'));
	const committee = need('BRIDGE_COMMITTEE_KEYS').split(',').map((k) => privateKeyToAccount(k.trim()));
	const threshold = (await api.query.bridge.threshold()).toNumber();
	const chainId = (await api.query.bridge.vault()).unwrap()[0].toNumber();
	const relayer = new Relayer({
		chainId,
		confirmations: BigInt(process.env.ETHEREUM_CONFIRMATIONS ?? 64),
		api,
		submitter,
		clients,
		wallet: clients.wallet(privateKeyToAccount(need('ETHEREUM_RELAYER_KEY'))),
		vault: need('BRIDGE_VAULT'),
		committee,
		threshold,
	});
	await relayer.check();
	let from = { ethereumFrom: 0n, openledgerFrom: 1 };
	for (;;) {
		const { inbound, outbound, failed, openledgerFinalized } = await relayer.relay(from);
		if (inbound || outbound) console.log(`released ${inbound} deposits on OpenLedger, ${outbound} locks on Ethereum`);
		// what failed is found again by the next pass: OpenLedger's blocks move on only when all went
		if (!failed) from = { ethereumFrom: from.ethereumFrom, openledgerFrom: openledgerFinalized + 1 };
		await sleep(6_000);
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
