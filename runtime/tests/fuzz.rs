//! The runtime fuzzer: random sequences of calls and blocks from the development genesis, with
//! the chain's invariants checked after every block.
//!
//! One harness, [`run`], takes its choices from a byte source: a seeded BLAKE2 stream (the CI
//! test, a fixed budget of seeds) or any bytes (a coverage-guided fuzzer can drive the same
//! entry). After a prologue that creates attestors, datanets (tabular and text), models (inline
//! and by reference), providers and an agent, it plays:
//!
//! - structured calls of every OpenLedger pallet and of balances over small id and amount
//!   domains, signed by the development accounts and applied through the runtime's real
//!   transaction extensions; root and governance origins from an allow-list; receipts signed by
//!   payers; and a share of raw calls, decoded from random bytes;
//! - blocks one at a time, each in the next Aura slot with its timestamp, never skipped (the
//!   pallets' deadlines fall due in `on_initialize`);
//! - the attestors' off-chain workers, by a stub scorer: five honest attestors answer what an
//!   honest engine would (shares of the lineage, or the job reported unscorable; now and then,
//!   as a node without the data would, `MissingData`), three others are, job by job, silent,
//!   invalid (a reveal that does not open its commitment, or shares outside the lineage) or
//!   perturbed (other shares).
//!
//! After every block it checks: total issuance plus what was burned is the 10⁹ OPEN supply;
//! free and reserved balances add up to it; no account holds more than it reserves; every
//! unsettled inference and batch waits for a live job; each pool's books; every pallet's
//! `try_state`; an honest attestor is struck only by a result its answer disagreed with (which
//! takes a dishonest majority of its committee), and its commits and reveals are never refused
//! (but for a full block); no account that never agreed to be an agent is refused payment as
//! one. And before each transaction, its call alone is dispatched and rolled back, recording the
//! storage proof it reads: a call of a pallet whose weights carry proof sizes may not read more
//! than the weight it is charged (a weight that misses storage its benchmark did not read). The
//! check is as fine as the benchmarks' slack: a benchmark prices each item at its largest
//! encoding, so a small unbenchmarked read can hide in it.
//!
//! `cargo test --release -p openledger-runtime --test fuzz -- --nocapture` runs [`SEEDS`] seeds
//! of [`BLOCKS`] blocks and prints the calls and blocks it ran. A longer campaign:
//! `OPENLEDGER_FUZZ_SEEDS=1000..1400 OPENLEDGER_FUZZ_BLOCKS=400 cargo test --release -p
//! openledger-runtime --test fuzz -- --nocapture random_sequences`. A failing seed prints
//! itself; it is kept in [`regressions`].

// Test code: it may unwrap, expect, index and do unchecked arithmetic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use codec::{DecodeLimit, Encode};
use common::try_state_all;
use frame_support::traits::{fungible::InspectHold, Get, PalletInfo as _};
use openledger_primitives::{
	attribution::{Answer, ContributionRef, JobId, Share, Unscorable},
	datanets::{tabular, CurationPolicy, DataKind},
	economics::PoolId,
	inference::{ReceiptMessage, ReceiptSignature, RECEIPT_CONTEXT},
	models::Architecture,
};
use openledger_runtime::{
	AccountId, Address, Attribution, Balance, Balances, Economics, Executive, GenericUncheckedExtrinsic, Header,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, OPEN, TOTAL_SUPPLY,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::{Dispatchable, Header as _},
	BoundedVec, Perbill,
};
use std::collections::{BTreeMap, BTreeSet};

/// Bridge committee key `n` of the fuzzer (0..3 are the committee).
fn bridge_key(n: u8) -> sp_core::ecdsa::Pair {
	use sp_core::Pair;
	sp_core::ecdsa::Pair::from_seed(&[n.wrapping_add(100); 32])
}

/// The bridge committee's keys.
fn bridge_keys() -> Vec<sp_core::ecdsa::Pair> {
	(0..3).map(bridge_key).collect()
}

/// `key`'s signature of `digest` as Ethereum makes it (`v` 27 or 28).
fn bridge_sign(key: &sp_core::ecdsa::Pair, digest: &[u8; 32]) -> [u8; 65] {
	let mut signature = key.sign_prehashed(digest).0;
	signature[64] += 27;
	signature
}

/// The Ethereum address of a bridge key.
fn bridge_address(key: &sp_core::ecdsa::Pair) -> sp_core::H160 {
	let digest = [1u8; 32];
	let public = sp_io::crypto::secp256k1_ecdsa_recover(&key.sign_prehashed(&digest).0, &digest).ok().unwrap();
	pallet_bridge::eip712::address_of(&public)
}

/// Seeds the CI test runs.
const SEEDS: std::ops::Range<u64> = 0..40;
/// Blocks each seed plays.
const BLOCKS: u32 = 150;
/// Blocks a final job's result is kept in the runs: short, so that results, their records and
/// the unclaimed refunds of unscorable batches are forgotten within each run.
const RETENTION: u32 = 30;

/// Attestors whose stub answers as an honest engine.
const HONEST: [Sr25519Keyring; 5] =
	[Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave, Sr25519Keyring::Eve, Sr25519Keyring::Ferdie];
/// Attestors whose stub is, job by job, honest, silent, invalid or perturbed.
const DISHONEST: [Sr25519Keyring; 3] =
	[Sr25519Keyring::BobStash, Sr25519Keyring::CharlieStash, Sr25519Keyring::DaveStash];
/// Everyone else: users, data contributors, model owners, providers, agents' operators.
const USERS: [Sr25519Keyring; 4] =
	[Sr25519Keyring::Alice, Sr25519Keyring::AliceStash, Sr25519Keyring::EveStash, Sr25519Keyring::FerdieStash];

/// Where the fuzzer's choices come from.
enum Source {
	/// A BLAKE2 stream of a seed, for `budget` blocks.
	Seeded { seed: u64, counter: u64, buffer: Vec<u8> },
	/// Given bytes; the run ends when they do.
	Bytes { data: Vec<u8>, position: usize },
}

impl Source {
	fn byte(&mut self) -> u8 {
		match self {
			Source::Seeded { seed, counter, buffer } => {
				if buffer.is_empty() {
					*counter += 1;
					buffer.extend_from_slice(&sp_io::hashing::blake2_256(&(*seed, *counter).encode()));
				}
				buffer.pop().expect("refilled")
			},
			Source::Bytes { data, position } => {
				let byte = data.get(*position).copied().unwrap_or(0);
				*position += 1;
				byte
			},
		}
	}

	/// Whether the bytes given are used up.
	fn exhausted(&self) -> bool {
		matches!(self, Source::Bytes { data, position } if *position >= data.len())
	}

	/// A number below `bound` (at least 1).
	fn below(&mut self, bound: u64) -> u64 {
		let mut bytes = [0u8; 8];
		for b in &mut bytes {
			*b = self.byte();
		}
		u64::from_le_bytes(bytes) % bound.max(1)
	}

	fn pick<T: Clone>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize].clone()
	}

	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}

	/// An amount from a small domain around the thresholds that matter.
	fn amount(&mut self) -> Balance {
		let ed: Balance = <Runtime as pallet_balances::Config>::ExistentialDeposit::get();
		match self.below(8) {
			0 => 0,
			1 => ed.saturating_sub(1),
			2 => ed,
			3 => OPEN,
			4 => 100 * OPEN,
			5 => 1_000 * OPEN,
			6 => Balance::from(self.below(10_000)) * OPEN,
			_ => Balance::from(self.below(1_000_000_000)),
		}
	}
}

/// How a dishonest attestor's stub answers one job.
#[derive(Clone, Copy, Debug)]
enum Stub {
	Honest,
	/// An honest node without the data: reports the job unscorable (`MissingData`).
	MissingData,
	Silent,
	/// Reveals with another salt than it committed with.
	BadSalt,
	/// Commits and reveals shares of a contribution outside the lineage.
	OutsideLineage,
	/// Commits and reveals other shares than the honest ones.
	Perturbed,
}

/// What a run counted.
#[derive(Default, Debug, Clone, Copy)]
pub struct Figures {
	pub calls: u64,
	pub applied: u64,
	pub blocks: u64,
	pub jobs_final: u64,
	pub results_expired: u64,
	/// Locks and releases through the bridge.
	pub bridged: u64,
}

/// The fuzzer's state beside the chain's.
struct Fuzzer {
	ext: sp_io::TestExternalities,
	source: Source,
	figures: Figures,
	/// The stub workers' answers and salts, by job and attestor.
	answers: BTreeMap<(JobId, AccountId), (Answer, [u8; 32], Stub)>,
	/// The (agent, operator) pairs the agents signed a consent for that stood when signed: the
	/// only registrations the runtime may accept.
	consents: BTreeSet<(AccountId, AccountId)>,
	/// Each job's committee size, as the stubs first saw it.
	committees: BTreeMap<JobId, usize>,
	/// The (job, attestor) reveals the runtime accepted.
	revealed: BTreeSet<(JobId, AccountId)>,
	/// Receipt nonces the payers signed.
	receipt_nonces: BTreeMap<AccountId, u64>,
	/// What was burned (the balances pallet's `Burned` events).
	burned: Balance,
}

fn key(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn all_keys() -> Vec<Sr25519Keyring> {
	HONEST.iter().chain(DISHONEST.iter()).chain(USERS.iter()).copied().collect()
}

fn name(bytes: &[u8]) -> BoundedVec<u8, <Runtime as pallet_datanets::Config>::MaxNameLen> {
	bytes.to_vec().try_into().expect("short")
}

/// Inline weights of a 2-feature, 2-class softmax regression.
fn softmax_weights(w: f32) -> Vec<u8> {
	openledger_primitives::models::safetensors::encode_f32(
		&[("weight", &[2, 2], &[w, -w, -w, w]), ("bias", &[2], &[0.0, 0.0])],
		&[],
	)
}

fn softmax() -> Architecture {
	Architecture::SoftmaxRegression { features: 2, classes: 2, l2: Perbill::from_percent(1) }
}

impl Fuzzer {
	fn new(source: Source) -> Self {
		Fuzzer {
			ext: common::genesis(DEV_RUNTIME_PRESET).0,
			source,
			figures: Figures::default(),
			answers: BTreeMap::new(),
			consents: BTreeSet::new(),
			committees: BTreeMap::new(),
			revealed: BTreeSet::new(),
			receipt_nonces: BTreeMap::new(),
			burned: 0,
		}
	}

	/// Opens the block after the current one, in the next Aura slot, with its timestamp.
	fn open_block(&mut self) {
		let parent = self.ext.execute_with(|| {
			if System::block_number() == 0 {
				System::block_hash(0)
			} else {
				// The parent hash seeds the committees. sr25519 signatures are randomized and
				// some reach the state, so the state root (and the extrinsics root) would make a
				// seed's run differ from one run to the next: the hash is taken without them.
				let mut header = Executive::finalize_block();
				header.state_root = Default::default();
				header.extrinsics_root = Default::default();
				header.hash()
			}
		});
		// The chain so far is in the backend now, and what this block writes stays in the
		// overlay: a call's proof is then what it reads that the block has not written (as the
		// proof of a block would hold it).
		self.ext.commit_all().expect("commits");
		self.ext.execute_with(|| {
			let number = System::block_number();
			let slot = u64::from(pallet_aura::CurrentSlot::<Runtime>::get()) + 1;
			let digest =
				Digest { logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())] };
			let header = Header::new(number + 1, Default::default(), Default::default(), parent, digest);
			Executive::initialize_block(&header);
			let now = slot * pallet_aura::Pallet::<Runtime>::slot_duration();
			let inherent =
				GenericUncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now })).into();
			Executive::apply_extrinsic(inherent).expect("the timestamp applies").expect("and dispatches");
		});
		self.figures.blocks += 1;
	}

	/// Applies `call` signed by `signer` through the runtime's transaction extensions, after
	/// [`Fuzzer::check_proof`]. Returns the dispatch result, or why the transaction was invalid.
	fn signed(&mut self, signer: Sr25519Keyring, call: RuntimeCall) -> sp_runtime::ApplyExtrinsicResult {
		self.figures.calls += 1;
		self.check_proof(signer, call.clone());
		let result = self.ext.execute_with(|| {
			let nonce = System::account_nonce(signer.to_account_id());
			Executive::apply_extrinsic(common::signed(signer, nonce, call))
		});
		if result.is_ok() {
			self.figures.applied += 1;
		}
		result
	}

	/// Dispatches `call` from `signer` alone, recording the storage proof it reads, and rolls
	/// it back: a call of a pallet whose weights carry proof sizes that reads more proof than
	/// the weight it is charged (its benchmarked
	/// weight, or the actual weight it reports) reads storage its benchmark did not.
	fn check_proof(&mut self, signer: Sr25519Keyring, call: RuntimeCall) {
		use frame_support::{
			dispatch::GetDispatchInfo,
			storage::{with_transaction, TransactionOutcome},
		};
		let origin = RuntimeOrigin::signed(signer.to_account_id());
		let probe = call.clone();
		let (charged, proof) = self.ext.execute_and_prove(|| {
			let declared = probe.get_dispatch_info().call_weight;
			let post = with_transaction(|| {
				let post = match probe.dispatch(origin) {
					Ok(post) => post,
					Err(e) => e.post_info,
				};
				TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(post))
			})
			.expect("rolled back");
			post.calc_actual_weight(&frame_support::dispatch::DispatchInfo {
				call_weight: declared,
				..Default::default()
			})
		});
		let read: u64 = proof.into_iter_nodes().map(|node| node.len() as u64).sum();
		assert!(
			!benchmarked_with_proof(&call) || read <= charged.proof_size(),
			"weight under-charged: {call:?} read a proof of {read} bytes but was charged {charged:?}"
		);
	}

	/// Dispatches `call` from `origin` (root or a governance origin) directly.
	fn dispatch(&mut self, origin: RuntimeOrigin, call: RuntimeCall) {
		self.figures.calls += 1;
		self.ext.execute_with(|| {
			let _ = call.dispatch(origin);
		});
	}

	/// The prologue: attestors, a tabular and a text datanet with contributions, published;
	/// models on them inline and by reference; two providers; an agent.
	fn prologue(&mut self) {
		self.open_block();
		for (i, k) in HONEST.iter().chain(DISHONEST.iter()).enumerate() {
			let bond = (100 + 10 * i as Balance) * OPEN;
			let call = RuntimeCall::Attribution(pallet_attribution::Call::register_attestor { bond });
			assert_eq!(self.signed(*k, call), Ok(Ok(())), "{k:?} registers as an attestor");
		}
		let alice = Sr25519Keyring::Alice;
		for (kind, datanet) in [(DataKind::Tabular { features: 2, classes: 2 }, 0u32), (DataKind::Text, 1)] {
			let call = RuntimeCall::Datanets(pallet_datanets::Call::create_datanet {
				name: name(b"fuzz"),
				description: Default::default(),
				license: Default::default(),
				kind,
				policy: CurationPolicy::Open,
				contribution_deposit: 0,
				copy_radius: None,
			});
			assert_eq!(self.signed(alice, call), Ok(Ok(())), "a datanet");
			for (i, k) in USERS.iter().enumerate() {
				let payload = self.payload(datanet, i as u8);
				let call = RuntimeCall::Datanets(pallet_datanets::Call::contribute { datanet, payload });
				assert_eq!(self.signed(*k, call), Ok(Ok(())), "a contribution");
			}
			let call = RuntimeCall::Datanets(pallet_datanets::Call::publish_version { datanet });
			assert_eq!(self.signed(alice, call), Ok(Ok(())), "a version");
		}
		for call in [
			register_model(softmax(), pallet_models::WeightsSource::Inline(softmax_weights(0.5)), 0, OPEN),
			register_model(
				softmax(),
				pallet_models::WeightsSource::Reference {
					hash: sp_core::H256::repeat_byte(7),
					size: 100,
					uri: b"https://example.org/w".to_vec().try_into().expect("short"),
				},
				0,
				2 * OPEN,
			),
			register_model(Architecture::TextSpans, pallet_models::WeightsSource::Inline(b"spans".to_vec()), 1, OPEN),
		] {
			let outcome = self.signed(Sr25519Keyring::AliceStash, call.clone());
			assert!(outcome.is_ok(), "a model: {call:?} {outcome:?}");
		}
		for k in [Sr25519Keyring::Alice, Sr25519Keyring::EveStash] {
			let call = RuntimeCall::Inference(pallet_inference::Call::register_provider {});
			assert_eq!(self.signed(k, call), Ok(Ok(())), "a provider");
		}
		let call = self.register_agent(Sr25519Keyring::FerdieStash, Sr25519Keyring::One, 100 * OPEN, 50 * OPEN, 0);
		assert_eq!(self.signed(Sr25519Keyring::FerdieStash, call), Ok(Ok(())), "an agent");
		// the agent's own account, to pay from
		let call = common::transfer(&key(Sr25519Keyring::One), 10 * OPEN);
		assert_eq!(self.signed(Sr25519Keyring::Alice, call), Ok(Ok(())));
		// results (and their inferences' and batches' records) are forgotten within a run
		let retention = openledger_runtime::configs::dynamic_params::attribution::Parameters::Retention(
			openledger_runtime::configs::dynamic_params::attribution::Retention,
			Some(RETENTION),
		);
		let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: openledger_runtime::configs::RuntimeParameters::Attribution(retention),
		});
		self.ext.execute_with(|| {
			assert_eq!(call.dispatch(RuntimeOrigin::root()).map(|_| ()), Ok(()), "a short retention");
		});
		// the bridge opened: a committee of three fuzz keys (two sign), a vault
		let members = bridge_keys().iter().map(bridge_address).collect();
		let calls = [
			RuntimeCall::Bridge(pallet_bridge::Call::set_committee { members, threshold: 2 }),
			RuntimeCall::Bridge(pallet_bridge::Call::set_vault {
				chain_id: 31_337,
				vault: sp_core::H160::repeat_byte(1),
			}),
		];
		self.ext.execute_with(|| {
			for call in calls {
				assert_eq!(call.dispatch(RuntimeOrigin::root()).map(|_| ()), Ok(()), "the bridge opened");
			}
		});
		self.check_block();
	}

	/// A bridge action: a lock to Ethereum, a release signed by some of the committee (or by an
	/// outsider, or replayed: deposit numbers come from a small range), a member's (or an
	/// outsider's) pause, or governance closing or reopening the bridge (which lifts a pause).
	fn bridge(&mut self) -> Option<RuntimeCall> {
		match self.source.below(10) {
			0..=3 => Some(RuntimeCall::Bridge(pallet_bridge::Call::lock {
				recipient: sp_core::H160::repeat_byte(self.source.byte()),
				amount: self.source.amount(),
			})),
			4..=8 => {
				let nonce = self.source.below(8);
				let recipient: [u8; 32] = self.account().into();
				let amount = self.source.amount();
				let digest =
					self.ext.execute_with(|| openledger_runtime::Bridge::release_digest(nonce, recipient, amount))?;
				let mut keys: Vec<sp_core::ecdsa::Pair> =
					bridge_keys().into_iter().filter(|_| self.source.chance(70)).collect();
				if self.source.chance(10) {
					keys.push(bridge_key(9));
				}
				keys.sort_by_key(bridge_address);
				let signatures = keys.iter().map(|k| bridge_sign(k, &digest)).collect();
				Some(RuntimeCall::Bridge(pallet_bridge::Call::release { nonce, recipient, amount, signatures }))
			},
			9 if self.source.chance(50) => {
				// one member (or an outsider) pauses the bridge
				let key = bridge_key(self.source.below(4) as u8);
				let digest = self.ext.execute_with(openledger_runtime::Bridge::pause_digest)?;
				Some(RuntimeCall::Bridge(pallet_bridge::Call::pause { signature: bridge_sign(&key, &digest) }))
			},
			_ => {
				let members: Vec<sp_core::H160> = if self.source.chance(50) {
					Vec::new()
				} else {
					bridge_keys().iter().map(bridge_address).collect()
				};
				let threshold = if members.is_empty() { 0 } else { 2 };
				let call = RuntimeCall::Bridge(pallet_bridge::Call::set_committee { members, threshold });
				let origin = self.governance();
				self.dispatch(origin, call);
				None
			},
		}
	}

	/// A contribution's payload for `datanet` (0: tabular, 1: text, else garbage).
	fn payload(&mut self, datanet: u32, salt: u8) -> Vec<u8> {
		match datanet {
			0 => {
				let x = f32::from(salt) / 4.0 - 1.0;
				tabular::encode_examples([(u32::from(salt % 2), &[x, 0.5 - x][..])])
			},
			1 => format!("harbour {salt}: the tide comes in twice a day and the boats wait for it").into_bytes(),
			_ => vec![salt; 3],
		}
	}

	/// The call that makes `agent` an agent of `operator`, with what the runtime asks of the
	/// agent to agree: its standing consent (`flaw` 0), or one the runtime must refuse — past its
	/// last block (1), to another operator (2), signed by another key (3).
	fn register_agent(
		&mut self,
		operator: Sr25519Keyring,
		agent: Sr25519Keyring,
		stake: Balance,
		allowance: Balance,
		flaw: u64,
	) -> RuntimeCall {
		let (consent_until, message) = self.ext.execute_with(|| {
			let now = System::block_number();
			let until = if flaw == 1 { now - 1 } else { now + 10 };
			let named = if flaw == 2 { key(Sr25519Keyring::Two) } else { operator.to_account_id() };
			(until, Agents::consent_message(&named, until))
		});
		let signer = if flaw == 3 { Sr25519Keyring::Ferdie } else { agent };
		let consent = ReceiptSignature(signer.sign(&message));
		if flaw == 0 {
			self.consents.insert((agent.to_account_id(), operator.to_account_id()));
		}
		let metadata = pallet_agents::Metadata::<Runtime> {
			name: b"fuzz".to_vec().try_into().expect("short"),
			models: Default::default(),
			endpoint: Default::default(),
		};
		RuntimeCall::Agents(pallet_agents::Call::register_agent {
			agent: agent.to_account_id(),
			metadata,
			stake,
			allowance,
			consent_until,
			consent,
		})
	}

	/// One block: the stub workers' transactions, then up to a few random actions.
	fn block(&mut self) {
		self.open_block();
		self.stub_workers();
		let actions = self.source.below(6);
		for _ in 0..actions {
			self.action();
		}
		self.check_block();
	}

	/// The attestors' off-chain workers: commit and reveal as each stub does.
	fn stub_workers(&mut self) {
		for attestor in HONEST.iter().chain(DISHONEST.iter()).copied() {
			let who = attestor.to_account_id();
			let honest = HONEST.contains(&attestor);
			let work = self.ext.execute_with(|| {
				let now = System::block_number();
				pallet_attribution::Assignments::<Runtime>::iter_prefix(&who)
					.filter_map(|(id, ())| {
						let job = pallet_attribution::Jobs::<Runtime>::get(id)?;
						let member = job.member(&who)?;
						if member.commitment.is_none() && now < job.commit_deadline {
							Some((id, true, (honest_answer(&job.request), job.committee.len())))
						} else if member.commitment.is_some() && !member.revealed && job.reveal_open(now) {
							Some((id, false, (Answer::Unscorable(Unscorable::MissingData), job.committee.len())))
						} else {
							None
						}
					})
					.take(<Runtime as pallet_attribution::Config>::MaxBatch::get() as usize)
					.collect::<Vec<_>>()
			});
			let mut commits = Vec::new();
			let mut reveals = Vec::new();
			for (id, commit, (honest_answer, committee)) in work {
				self.committees.insert(id, committee);
				if commit {
					let stub = if honest {
						// an honest node may lack a payload or the query: it says so
						if self.source.chance(15) {
							Stub::MissingData
						} else {
							Stub::Honest
						}
					} else {
						self.source.pick(&[
							Stub::Honest,
							Stub::Silent,
							Stub::BadSalt,
							Stub::OutsideLineage,
							Stub::Perturbed,
						])
					};
					let answer = match (stub, &honest_answer) {
						(Stub::OutsideLineage, _) => Answer::Shares(vec![Share {
							contribution: ContributionRef { datanet: 999, index: 0 },
							ppm: 1_000_000,
						}]),
						(Stub::Perturbed, Answer::Shares(shares)) if !shares.is_empty() => {
							Answer::Shares(vec![Share {
								contribution: shares[shares.len() - 1].contribution,
								ppm: 1_000_000,
							}])
						},
						(Stub::Perturbed, _) => Answer::Unscorable(Unscorable::EngineFailure),
						(Stub::MissingData, _) => Answer::Unscorable(Unscorable::MissingData),
						_ => honest_answer,
					};
					let mut salt = [0u8; 32];
					for b in &mut salt {
						*b = self.source.byte();
					}
					if matches!(stub, Stub::Silent) {
						continue;
					}
					commits.push((id, openledger_primitives::attribution::commitment(&answer, &salt, &who)));
					self.answers.insert((id, who.clone()), (answer, salt, stub));
				} else if let Some((answer, salt, stub)) = self.answers.get(&(id, who.clone())).cloned() {
					let salt = if matches!(stub, Stub::BadSalt) { [0xEE; 32] } else { salt };
					reveals.push(pallet_attribution::Reveal { job: id, answer, salt });
				}
			}
			if !commits.is_empty() {
				let call = RuntimeCall::Attribution(pallet_attribution::Call::commit { commitments: commits });
				let outcome = self.signed(attestor, call);
				if honest {
					assert!(accepted(&outcome), "an honest attestor's commitments are accepted: {outcome:?}");
				}
			}
			if !reveals.is_empty() {
				let count = reveals.len();
				let jobs: Vec<JobId> = reveals.iter().map(|r| r.job).collect();
				let call = RuntimeCall::Attribution(pallet_attribution::Call::reveal { reveals });
				let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
				let outcome = self.signed(attestor, call);
				if honest {
					assert!(
						accepted(&outcome),
						"an honest attestor's reveals of {count} jobs are accepted (weight {info:?}): {outcome:?}"
					);
				}
				if outcome == Ok(Ok(())) {
					self.revealed.extend(jobs.into_iter().map(|job| (job, who.clone())));
				}
			}
		}
	}

	fn user(&mut self) -> Sr25519Keyring {
		let all = all_keys();
		self.source.pick(&all)
	}

	fn account(&mut self) -> AccountId {
		if self.source.chance(10) {
			common::fresh_account()
		} else {
			self.user().to_account_id()
		}
	}

	/// Ids in use, and one past them.
	fn ids(&mut self) -> (u32, u32, u64) {
		self.ext.execute_with(|| {
			(
				pallet_datanets::NextDatanetId::<Runtime>::get(),
				pallet_models::NextModelId::<Runtime>::get(),
				pallet_inference::NextBatchId::<Runtime>::get(),
			)
		})
	}

	/// One random action.
	fn action(&mut self) {
		let (datanets, models, batches) = self.ids();
		let datanet = self.source.below(u64::from(datanets) + 1) as u32;
		let model = self.source.below(u64::from(models) + 1) as u32;
		let index = self.source.below(6) as u32;
		let who = self.user();
		let call = match self.source.below(44) {
			0..=2 => {
				let to = Address::Id(self.account());
				let value = self.source.amount();
				if self.source.chance(50) {
					RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death { dest: to, value })
				} else {
					RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest: to, value })
				}
			},
			3 => RuntimeCall::Datanets(pallet_datanets::Call::create_datanet {
				name: name(b"more"),
				description: Default::default(),
				license: Default::default(),
				kind: if self.source.chance(50) {
					DataKind::Text
				} else {
					DataKind::Tabular { features: 2, classes: 2 }
				},
				policy: if self.source.chance(50) { CurationPolicy::Open } else { CurationPolicy::Curated },
				contribution_deposit: self.source.amount() % (10 * OPEN),
				copy_radius: None,
			}),
			4..=6 => {
				let salt = self.source.byte();
				let kind = self.ext.execute_with(|| pallet_datanets::Datanets::<Runtime>::get(datanet).map(|d| d.kind));
				let payload = match kind {
					Some(DataKind::Text) => self.payload(1, salt),
					Some(DataKind::Tabular { .. }) if !salt.is_multiple_of(8) => self.payload(0, salt),
					_ => self.payload(2, salt),
				};
				RuntimeCall::Datanets(pallet_datanets::Call::contribute { datanet, payload })
			},
			7 => RuntimeCall::Datanets(pallet_datanets::Call::publish_version { datanet }),
			8 => RuntimeCall::Datanets(pallet_datanets::Call::withdraw { datanet, index }),
			9 => {
				let accept = self.source.chance(70);
				RuntimeCall::Datanets(pallet_datanets::Call::review { datanet, index, accept })
			},
			10 => RuntimeCall::Datanets(pallet_datanets::Call::challenge {
				datanet,
				index,
				evidence: sp_core::H256::repeat_byte(1),
			}),
			11 => {
				let challenge = self.source.below(4);
				let upheld = self.source.chance(50);
				let call = RuntimeCall::Datanets(pallet_datanets::Call::resolve_challenge {
					challenge: challenge as _,
					upheld,
				});
				let origin = self.governance();
				self.dispatch(origin, call);
				return;
			},
			12 => {
				let (datanet, version) =
					(self.source.below(u64::from(datanets)) as u32, 1 + self.source.below(2) as u32);
				let kind = self.ext.execute_with(|| pallet_datanets::Datanets::<Runtime>::get(datanet).map(|d| d.kind));
				let (architecture, weights) = match kind {
					Some(DataKind::Text) => (Architecture::TextSpans, b"spans".to_vec()),
					_ => (softmax(), softmax_weights(0.25)),
				};
				let price = self.source.amount() % (100 * OPEN);
				register_model(architecture, pallet_models::WeightsSource::Inline(weights), datanet, price)
					.with_version(version)
			},
			13 => {
				let price = self.source.amount() % (100 * OPEN);
				RuntimeCall::Models(pallet_models::Call::set_price { model, price })
			},
			14 => RuntimeCall::Models(pallet_models::Call::deprecate { model }),
			15 => RuntimeCall::Models(pallet_models::Call::transfer_ownership { model, new_owner: self.account() }),
			16 => {
				let cleared = self.source.chance(50);
				let origin = self.governance();
				self.dispatch(origin, RuntimeCall::Models(pallet_models::Call::resolve_suspension { model, cleared }));
				return;
			},
			17..=22 => {
				let provider =
					self.source.pick(&[Sr25519Keyring::Alice, Sr25519Keyring::EveStash, who]).to_account_id();
				let (input, output) = self.query(model);
				let max_fee = if self.source.chance(90) { Balance::MAX } else { self.source.amount() };
				let payer = who.to_account_id();
				let call = RuntimeCall::Inference(pallet_inference::Call::pay_inference {
					model,
					provider,
					input,
					output,
					max_fee,
				});
				let outcome = self.signed(who, call);
				self.check_payment(&payer, outcome);
				return;
			},
			23..=24 => self.receipts(model),
			25 => RuntimeCall::Inference(pallet_inference::Call::claim {}),
			26 => {
				RuntimeCall::Inference(pallet_inference::Call::claim_refund { batch: self.source.below(batches + 1) })
			},
			27 => RuntimeCall::Inference(pallet_inference::Call::claim_lineage {
				datanet,
				version: 1 + self.source.below(2) as u32,
				index,
			}),
			28 => {
				if self.source.chance(50) {
					RuntimeCall::Inference(pallet_inference::Call::register_provider {})
				} else {
					RuntimeCall::Inference(pallet_inference::Call::unregister_provider {})
				}
			},
			29 => {
				// attestors come and go; only the stubs' accounts, so that every seat answers
				let attestor = self.source.pick(&[&HONEST[..], &DISHONEST[..]].concat());
				let call = match self.source.below(3) {
					0 => {
						let bond = 100 * OPEN + self.source.amount() % (1_000 * OPEN);
						RuntimeCall::Attribution(pallet_attribution::Call::register_attestor { bond })
					},
					1 => RuntimeCall::Attribution(pallet_attribution::Call::unregister {}),
					_ => RuntimeCall::Attribution(pallet_attribution::Call::withdraw_unbonded {}),
				};
				let _ = self.signed(attestor, call);
				return;
			},
			30..=32 => match self.agents() {
				Some(call) => call,
				None => return,
			},
			33 => {
				let pool = self.source.pick(&PoolId::ALL);
				let beneficiary = self.account();
				let amount = self.source.amount();
				let origin = self.governance();
				self.dispatch(
					origin,
					RuntimeCall::Economics(pallet_economics::Call::spend { pool, beneficiary, amount }),
				);
				return;
			},
			34..=35 => {
				// raw calls, signed by anyone but the sudo key
				let Some(call) = self.raw_call() else { return };
				let signer = self.source.pick(&[&HONEST[..], &DISHONEST[..]].concat());
				let _ = self.signed(signer, call);
				return;
			},
			40 => RuntimeCall::Models(pallet_models::Call::accept_ownership { model }),
			41 => RuntimeCall::Models(pallet_models::Call::cancel_transfer { model }),
			42..=43 => match self.bridge() {
				Some(call) => call,
				None => return,
			},
			_ => {
				// a payment from the agent's own account
				let (input, output) = self.query(model);
				let call = RuntimeCall::Inference(pallet_inference::Call::pay_inference {
					model,
					provider: key(Sr25519Keyring::Alice),
					input,
					output,
					max_fee: Balance::MAX,
				});
				let outcome = self.signed(Sr25519Keyring::One, call);
				self.check_payment(&key(Sr25519Keyring::One), outcome);
				return;
			},
		};
		let _ = self.signed(who, call);
	}

	/// A governance origin: root, or the arbiter's or treasurer's track.
	fn governance(&mut self) -> RuntimeOrigin {
		match self.source.below(3) {
			0 => RuntimeOrigin::root(),
			1 => openledger_runtime::governance::origins::Origin::Arbiter.into(),
			_ => openledger_runtime::governance::origins::Origin::Treasurer.into(),
		}
	}

	/// A query of `model`: the right shape mostly, sometimes not.
	fn query(&mut self, model: u32) -> (Vec<u8>, Vec<u8>) {
		let architecture =
			self.ext.execute_with(|| pallet_models::Models::<Runtime>::get(model).map(|m| m.architecture));
		let x = f32::from(self.source.byte()) / 64.0 - 2.0;
		match (architecture, self.source.below(10)) {
			(_, 0) => (vec![self.source.byte(); 3], vec![1]),
			(Some(Architecture::TextSpans), _) => (
				b"when does the tide come in?".to_vec(),
				b"the tide comes in twice a day and the boats wait for it".to_vec(),
			),
			_ => (tabular::encode_values(&[x, 0.5]), u32::from(x > 0.0).to_le_bytes().to_vec()),
		}
	}

	/// A provider's batch of receipts signed by payers.
	fn receipts(&mut self, model: u32) -> RuntimeCall {
		let count = 1 + self.source.below(3);
		let provider = self.source.pick(&[Sr25519Keyring::Alice, Sr25519Keyring::EveStash]);
		let genesis = self.ext.execute_with(|| System::block_hash(0));
		let mut receipts = Vec::new();
		for _ in 0..count {
			let payer = self.source.pick(&USERS);
			let (input, output) = self.query(model);
			let nonce = self.receipt_nonces.entry(payer.to_account_id()).or_default();
			*nonce += 1;
			let nonce = if self.source.chance(10) { 0 } else { *nonce };
			let max_fee = 1_000 * OPEN;
			let message = ReceiptMessage {
				context: RECEIPT_CONTEXT,
				genesis,
				provider: provider.to_account_id(),
				model,
				nonce,
				input: sp_io::hashing::blake2_256(&input).into(),
				output: sp_io::hashing::blake2_256(&output).into(),
				max_fee,
			};
			receipts.push(pallet_inference::SignedReceipt::<Runtime> {
				payer: payer.to_account_id(),
				nonce,
				max_fee,
				input: input.try_into().expect("short"),
				output: output.try_into().expect("short"),
				signature: ReceiptSignature(payer.sign(&message.encode())),
			});
		}
		let receipts = receipts.try_into().expect("a few");
		RuntimeCall::Inference(pallet_inference::Call::submit_receipts { model, receipts })
	}

	/// Agents: registering (with the agent's agreement), bonding, allowances, reports.
	fn agents(&mut self) -> Option<RuntimeCall> {
		let agent = self.source.pick(&[&[Sr25519Keyring::One, Sr25519Keyring::Two][..], &USERS[..]].concat());
		let agent_id = agent.to_account_id();
		Some(match self.source.below(12) {
			0..=3 => {
				let stake = if self.source.chance(70) { 100 * OPEN } else { self.source.amount() };
				let allowance = self.source.amount();
				let operator = self.source.pick(&USERS);
				let flaw = if self.source.chance(70) { 0 } else { 1 + self.source.below(3) };
				self.register_agent(operator, agent, stake, allowance, flaw)
			},
			4 => RuntimeCall::Agents(pallet_agents::Call::bond_more { agent: agent_id, amount: self.source.amount() }),
			5 => RuntimeCall::Agents(pallet_agents::Call::unbond { agent: agent_id, amount: self.source.amount() }),
			6 => RuntimeCall::Agents(pallet_agents::Call::withdraw_unbonded { agent: agent_id }),
			7 => RuntimeCall::Agents(pallet_agents::Call::set_allowance {
				agent: agent_id,
				allowance: self.source.amount(),
			}),
			8 => RuntimeCall::Agents(pallet_agents::Call::deregister { agent: agent_id }),
			9 => RuntimeCall::Agents(pallet_agents::Call::report {
				agent: agent_id,
				evidence: sp_core::H256::repeat_byte(2),
			}),
			10 => {
				let report = self.source.below(4);
				let upheld = self.source.chance(50);
				let slash = Perbill::from_percent(self.source.below(101) as u32);
				let origin = self.governance();
				self.dispatch(
					origin,
					RuntimeCall::Agents(pallet_agents::Call::resolve_report { report: report as _, upheld, slash }),
				);
				return None;
			},
			_ => RuntimeCall::Agents(pallet_agents::Call::expire_report { report: self.source.below(4) as _ }),
		})
	}

	/// A call decoded from random bytes: a pallet and call index among the runtime's, then
	/// random arguments.
	fn raw_call(&mut self) -> Option<RuntimeCall> {
		for _ in 0..16 {
			let len = self.source.below(48) as usize;
			let mut bytes = vec![self.source.below(48) as u8, self.source.below(16) as u8];
			for _ in 0..len {
				bytes.push(self.source.byte());
			}
			if let Ok(call) = RuntimeCall::decode_with_depth_limit(8, &mut &bytes[..]) {
				return Some(call);
			}
		}
		None
	}

	/// A payment by `payer` that failed as an agent's spending is a failure unless `payer`
	/// agreed to be an agent.
	fn check_payment(&mut self, payer: &AccountId, outcome: sp_runtime::ApplyExtrinsicResult) {
		if let Ok(Err(sp_runtime::DispatchError::Module(error))) = outcome {
			let agents = <Runtime as frame_system::Config>::PalletInfo::index::<Agents>();
			if Some(usize::from(error.index)) == agents && !self.consents.iter().any(|(agent, _)| agent == payer) {
				panic!("{payer} never agreed to be an agent, but its payment was refused as an agent's: {error:?}");
			}
		}
	}

	/// The chain's invariants, after a block.
	fn check_block(&mut self) {
		let (answers, committees, revealed) = (&self.answers, &self.committees, &self.revealed);
		let (burned, finals, expired, bridged) = self.ext.execute_with(|| {
			let mut burned = 0;
			let mut expired = 0;
			let mut bridged = 0;
			let mut finals: BTreeMap<JobId, Vec<AccountId>> = BTreeMap::new();
			let mut struck = Vec::new();
			for record in System::events() {
				match record.event {
					RuntimeEvent::Balances(pallet_balances::Event::Burned { amount, .. }) => burned += amount,
					RuntimeEvent::Bridge(
						pallet_bridge::Event::Locked { .. } | pallet_bridge::Event::Released { .. },
					) => bridged += 1,
					RuntimeEvent::Balances(pallet_balances::Event::Minted { amount, who }) => {
						panic!("{amount} minted to {who}: nothing mints after genesis")
					},
					RuntimeEvent::Attribution(pallet_attribution::Event::AttributionFinal { job, agreed, .. }) => {
						finals.insert(job, agreed);
					},
					// a result that credits nobody falls back, with the members who agreed on it
					RuntimeEvent::Attribution(pallet_attribution::Event::AttributionFellBack {
						job, agreed, ..
					}) if !agreed.is_empty() => {
						finals.insert(job, agreed);
					},
					RuntimeEvent::Attribution(pallet_attribution::Event::AttestorStruck { job, attestor, .. }) => {
						struck.push((job, attestor));
					},
					RuntimeEvent::Attribution(pallet_attribution::Event::ResultsExpired { from, to }) => {
						expired += to - from;
					},
					_ => {},
				}
			}
			// An honest attestor that revealed may be struck only by a result, and only if its
			// answer was not the answer of more than half of the committee's seats (judged from
			// the stubs' records, not the runtime's): only then can a result go against it.
			for (job, attestor) in struck {
				let honest = HONEST.iter().any(|k| k.to_account_id() == attestor);
				if !honest || !revealed.contains(&(job, attestor.clone())) {
					continue;
				}
				let (answer, ..) = &answers[&(job, attestor.clone())];
				let alike = revealed
					.iter()
					.filter(|(j, member)| {
						*j == job && answers.get(&(job, member.clone())).is_some_and(|a| &a.0 == answer)
					})
					.count();
				assert!(
					finals.contains_key(&job),
					"honest attestor {attestor} struck for job {job}, which reached no result: {answer:?}"
				);
				assert!(
					2 * alike <= committees[&job],
					"honest attestor {attestor} struck for job {job} although {alike} of its {} seats revealed its \
					 answer {answer:?}",
					committees[&job]
				);
			}
			(burned, finals.len(), expired, bridged)
		});
		self.figures.bridged += bridged;
		self.burned += burned;
		self.figures.jobs_final += finals as u64;
		self.figures.results_expired += expired;
		let burned = self.burned;
		let consents = &self.consents;
		self.ext.execute_with(|| {
			let issuance = Balances::total_issuance();
			assert_eq!(issuance + burned, TOTAL_SUPPLY, "the supply: issued {issuance}, burned {burned}");
			for (agent, record) in pallet_agents::Registry::<Runtime>::iter() {
				assert!(
					consents.contains(&(agent.clone(), record.operator.clone())),
					"{agent} is an agent of {} without a standing consent to it",
					record.operator
				);
			}
			let mut total = 0;
			for (who, account) in frame_system::Account::<Runtime>::iter() {
				total += account.data.free + account.data.reserved;
				let held = pallet_balances::Holds::<Runtime>::get(&who).iter().map(|h| h.amount).sum::<Balance>();
				assert!(held <= account.data.reserved, "{who} holds {held} but reserves {}", account.data.reserved);
				assert_eq!(held, Balances::total_balance_on_hold(&who));
			}
			assert_eq!(total, issuance, "free and reserved balances add up to the issuance");
			for (id, receipt) in pallet_inference::Inferences::<Runtime>::iter() {
				assert!(
					receipt.escrow.settled || pallet_attribution::Jobs::<Runtime>::contains_key(receipt.escrow.job),
					"inference {id} is unsettled without a live job"
				);
			}
			for (id, batch) in pallet_inference::Batches::<Runtime>::iter() {
				assert!(
					batch.escrow.settled || pallet_attribution::Jobs::<Runtime>::contains_key(batch.escrow.job),
					"batch {id} is unsettled without a live job"
				);
			}
			for pool in PoolId::ALL {
				let view = Economics::pool_view(pool);
				assert_eq!(view.balance, view.allocation - view.spent, "{pool:?}'s books");
			}
			try_state_all();
		});
		// the stubs forget jobs that are over
		let live: BTreeSet<JobId> =
			self.ext.execute_with(|| pallet_attribution::Jobs::<Runtime>::iter_keys().collect());
		self.answers.retain(|(job, _), _| live.contains(job));
		self.committees.retain(|job, _| live.contains(job));
		self.revealed.retain(|(job, _)| live.contains(job));
	}
}

use openledger_runtime::Agents;

/// Whether `call`'s weight is benchmarked with the proof it reads: the OpenLedger pallets', and
/// those of the FRAME pallets whose weights carry proof sizes. (Collator selection's and
/// GRANDPA's carry none: on this chain, whose blocks have no proof-size limit, their reads are
/// priced in time only.)
fn benchmarked_with_proof(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Datanets(_)
			| RuntimeCall::Models(_)
			| RuntimeCall::Attribution(_)
			| RuntimeCall::Inference(_)
			| RuntimeCall::Agents(_)
			| RuntimeCall::Economics(_)
			| RuntimeCall::Bridge(_)
			| RuntimeCall::Balances(_)
			| RuntimeCall::Vesting(_)
			| RuntimeCall::Treasury(_)
			| RuntimeCall::Referenda(_)
			| RuntimeCall::ConvictionVoting(_)
			| RuntimeCall::Preimage(_)
			| RuntimeCall::Session(_)
			| RuntimeCall::Timestamp(_)
	)
}

/// Whether a transaction was accepted: dispatched without error, or left for a later block
/// because this one is full (as a transaction pool would keep it; the block that rotates a
/// session is full: `pallet_session` charges it the block's whole weight).
fn accepted(outcome: &sp_runtime::ApplyExtrinsicResult) -> bool {
	use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
	matches!(outcome, Ok(Ok(())) | Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)))
}

/// What an honest engine answers for a job: shares of up to three of the lineage's
/// contributions (equal parts, ascending), or — for one query in five, chosen by its hash, as
/// a query no engine can read — the job reported unscorable.
fn honest_answer(request: &openledger_primitives::attribution::JobRequest) -> Answer {
	let Some(score) = Attribution::score_request(request) else { return Answer::Unscorable(Unscorable::MissingData) };
	if sp_io::hashing::blake2_256(&request.subject.encode())[0].is_multiple_of(5) {
		return Answer::Unscorable(Unscorable::InvalidQuery);
	}
	let mut picked: Vec<ContributionRef> = score.contributions.iter().take(3).map(|c| c.contribution).collect();
	if picked.is_empty() {
		return Answer::Unscorable(Unscorable::MissingData);
	}
	picked.sort();
	let each = 1_000_000 / picked.len() as u32;
	Answer::Shares(picked.into_iter().map(|contribution| Share { contribution, ppm: each }).collect())
}

fn register_model(
	architecture: Architecture,
	weights: pallet_models::WeightsSource<<Runtime as pallet_models::Config>::MaxUriLen>,
	datanet: u32,
	price: Balance,
) -> RuntimeCall {
	RuntimeCall::Models(pallet_models::Call::register_model {
		name: b"fuzz".to_vec().try_into().expect("short"),
		description: Default::default(),
		architecture,
		weights,
		lineage: vec![(datanet, 1)].try_into().expect("one"),
		base_model: None,
		price,
	})
}

trait WithVersion {
	fn with_version(self, version: u32) -> Self;
}

impl WithVersion for RuntimeCall {
	/// The same model registration on another version of its datanet.
	fn with_version(mut self, version: u32) -> Self {
		if let RuntimeCall::Models(pallet_models::Call::register_model { lineage, .. }) = &mut self {
			for entry in lineage.iter_mut() {
				entry.1 = version;
			}
		}
		self
	}
}

/// Runs the fuzzer on `source` for at most `blocks` blocks (bytes end a run sooner).
fn run_source(source: Source, blocks: u32) -> Figures {
	let mut fuzzer = Fuzzer::new(source);
	fuzzer.prologue();
	for _ in 0..blocks {
		if fuzzer.source.exhausted() {
			break;
		}
		fuzzer.block();
	}
	fuzzer.figures
}

/// The entry a coverage-guided fuzzer drives: plays `data` as the fuzzer's choices.
pub fn run(data: &[u8]) -> Figures {
	run_source(Source::Bytes { data: data.to_vec(), position: 0 }, u32::MAX)
}

/// Runs seed `seed` for `blocks` blocks, printing the seed if it fails.
fn run_seed(seed: u64, blocks: u32) -> Figures {
	match std::panic::catch_unwind(|| run_source(Source::Seeded { seed, counter: 0, buffer: Vec::new() }, blocks)) {
		Ok(figures) => figures,
		Err(e) => {
			eprintln!("the fuzzer failed on seed {seed} ({blocks} blocks): keep it in `regressions`");
			std::panic::resume_unwind(e)
		},
	}
}

fn report(seeds: u64, figures: &[Figures], elapsed: std::time::Duration) {
	let sum = figures.iter().fold(Figures::default(), |a, f| Figures {
		calls: a.calls + f.calls,
		applied: a.applied + f.applied,
		blocks: a.blocks + f.blocks,
		jobs_final: a.jobs_final + f.jobs_final,
		results_expired: a.results_expired + f.results_expired,
		bridged: a.bridged + f.bridged,
	});
	println!(
		"fuzz: {seeds} seeds, {} blocks, {} calls ({} applied as transactions), {} jobs final, {} results \
		 forgotten, {} bridge locks and releases, {:.1} s, {:.0} calls/s",
		sum.blocks,
		sum.calls,
		sum.applied,
		sum.jobs_final,
		sum.results_expired,
		sum.bridged,
		elapsed.as_secs_f64(),
		sum.calls as f64 / elapsed.as_secs_f64()
	);
}

/// The fuzzer over [`SEEDS`] for [`BLOCKS`] blocks each, or, for a longer campaign, over the
/// seeds and blocks the environment names: `OPENLEDGER_FUZZ_SEEDS=a..b`,
/// `OPENLEDGER_FUZZ_BLOCKS=n`.
#[test]
fn random_sequences_of_calls_keep_every_invariant() {
	let seeds = std::env::var("OPENLEDGER_FUZZ_SEEDS").map_or(SEEDS, |seeds| {
		let (a, b) = seeds.split_once("..").expect("OPENLEDGER_FUZZ_SEEDS=a..b");
		a.parse().expect("a number")..b.parse().expect("a number")
	});
	let blocks = std::env::var("OPENLEDGER_FUZZ_BLOCKS").map_or(BLOCKS, |b| b.parse().expect("a number"));
	let start = std::time::Instant::now();
	let figures: Vec<Figures> = seeds.clone().map(|seed| run_seed(seed, blocks)).collect();
	report(seeds.end - seeds.start, &figures, start.elapsed());
	let total: u64 = figures.iter().map(|f| f.jobs_final).sum();
	assert!(total > 0, "the fuzzer's jobs reach a final attribution");
	let expired: u64 = figures.iter().map(|f| f.results_expired).sum();
	assert!(expired > 0, "the fuzzer's results outlive their retention");
	assert!(figures.iter().any(|f| f.bridged > 0), "the fuzzer's bridge calls lock and release");
}

/// Seeds (and blocks) that once failed, each with what it found.
const REGRESSIONS: &[(u64, u32)] = &[
	// anyone could make any account their agent with no allowance, refusing its payments
	// (`an_account_becomes_an_agent_only_with_its_consent`)
	(1, 100),
];

/// Seeds that once failed, each with what it found (fixed since). A seed replays the sequence it
/// failed on only with the harness it was found with; each bug is also a pallet test.
#[test]
fn regressions() {
	for &(seed, blocks) in REGRESSIONS {
		run_seed(seed, blocks);
	}
}

/// The bytes entry plays, and ends when its bytes do.
#[test]
fn bytes_drive_the_same_harness() {
	let data: Vec<u8> = (0..4_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
	let figures = run(&data);
	assert!(figures.blocks > 1, "{figures:?}");
}
