//! The open validator set, on the `local_testnet` preset's genesis (Alice, Bob and Charlie
//! invulnerable, sessions of ten blocks), block by block as the node executes them: a candidate
//! with keys and bond joins at the second session boundary, Aura and GRANDPA follow it, it
//! leaves the same way; who is refused and why; the author's reward; inactive candidates removed.

// Test code: it may unwrap, expect, index and do unchecked arithmetic (clippy's test allowances
// do not reach an integration test's helper functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use accountability::Error as BondsError;
use codec::{Decode, Encode};
use common::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use openledger_runtime::{
	configs::{SessionKeyDeposit, MAX_VALIDATORS},
	genesis_config_presets::{DEVELOPMENT_CANDIDACY_BOND, DEVELOPMENT_SESSION_LENGTH},
	offences::{accountability, KeyOwnership, BOND_HELD_SESSIONS, REPORTABLE_SESSIONS},
	opaque::SessionKeys,
	validators::{pot_account, KickThreshold, SessionLength},
	AccountId, Accountability, Balances, CollatorSelection, Executive, GenericUncheckedExtrinsic, Header, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, Session, System, UncheckedExtrinsic, OPEN,
};
use pallet_collator_selection::Error as SelectionError;
use pallet_session::Error as SessionError;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::{Get, Header as _},
	DispatchError,
};

/// The local network's genesis, with a keystore for generating session keys.
fn local() -> common::Checked {
	LAST.with(|last| last.set(None));
	let mut ext = genesis(LOCAL_TESTNET_RUNTIME_PRESET);
	ext.0.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext
}

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// Fresh session keys in the keystore and the proof that `owner` holds them, as
/// `author_rotateKeysWithOwner` makes them.
fn rotate_keys(owner: &AccountId) -> (SessionKeys, Vec<u8>) {
	let generated = SessionKeys::generate(&owner.encode(), None);
	(generated.keys, generated.proof.encode())
}

std::thread_local! {
	/// The hash of the last block `run_blocks` executed: the next one's parent.
	static LAST: core::cell::Cell<Option<sp_core::H256>> = const { core::cell::Cell::new(None) };
}

/// Executes the next block to the end, as the node would: authored in the next Aura slot of the
/// current validator whose turn it is (round robin by block number), skipping those in `offline`,
/// with that slot's timestamp. Returns its number and author.
fn execute_block(offline: &[AccountId]) -> (u32, AccountId) {
	let (number, author, _) = execute_block_with(offline, Vec::new());
	(number, author)
}

/// [`execute_block`], with `extrinsics` applied after the timestamp; their results.
fn execute_block_with(
	offline: &[AccountId],
	extrinsics: Vec<UncheckedExtrinsic>,
) -> (u32, AccountId, Vec<sp_runtime::ApplyExtrinsicResult>) {
	let number = System::block_number() + 1;
	let parent = LAST.with(|last| last.get()).unwrap_or_else(|| System::block_hash(0));
	let validators = pallet_session::Validators::<Runtime>::get();
	let n = validators.len() as u64;
	let mut index = u64::from(number) % n;
	while offline.contains(&validators[index as usize]) {
		index = (index + 1) % n;
	}
	let mut slot = u64::from(pallet_aura::CurrentSlot::<Runtime>::get()) + 1;
	slot += (index + n - slot % n) % n;
	let digest = Digest { logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())] };
	Executive::initialize_block(&Header::new(number, Default::default(), Default::default(), parent, digest));
	let author = pallet_authorship::Pallet::<Runtime>::author().expect("the slot's author");
	assert_eq!(author, validators[index as usize]);
	let now = slot * pallet_aura::Pallet::<Runtime>::slot_duration();
	let timestamp =
		GenericUncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now })).into();
	assert_eq!(Executive::apply_extrinsic(timestamp), Ok(Ok(())));
	let results = extrinsics.into_iter().map(Executive::apply_extrinsic).collect();
	let header = Executive::finalize_block();
	LAST.with(|last| last.set(Some(header.hash())));
	(number, author, results)
}

/// What the consensus pallets say the authorities are: the session's validators, Aura's keys,
/// GRANDPA's keys.
fn authorities() -> (Vec<AccountId>, Vec<AuraId>, Vec<GrandpaId>) {
	(
		Session::validators(),
		pallet_aura::Authorities::<Runtime>::get().into_inner(),
		pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().into_iter().map(|(id, _)| id).collect(),
	)
}

/// Executes blocks up to `last` (none of them authored by `offline`), calling `each` after each
/// with its number and author.
fn run_blocks(last: u32, offline: &[AccountId], mut each: impl FnMut(u32, &AccountId)) {
	while System::block_number() < last {
		let (number, author) = execute_block(offline);
		each(number, &author);
	}
}

/// The blocks up to `last` in which the authorities changed.
fn changes_until(last: u32) -> Vec<u32> {
	let mut changes = Vec::new();
	let mut before = authorities();
	run_blocks(last, &[], |number, _| {
		let now = authorities();
		if now != before {
			changes.push(number);
			before = now;
		}
	});
	changes
}

#[test]
fn genesis_validators_are_the_invulnerables_with_their_keys() {
	local().execute_with(|| {
		let mut expected =
			vec![account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob), account(Sr25519Keyring::Charlie)];
		expected.sort();
		assert_eq!(pallet_collator_selection::Invulnerables::<Runtime>::get().into_inner(), expected);
		let (validators, aura, grandpa) = authorities();
		assert_eq!(validators, expected);
		// Aura's and GRANDPA's keys in the validators' order
		for (i, who) in validators.iter().enumerate() {
			let keys = pallet_session::NextKeys::<Runtime>::get(who).expect("genesis keys");
			assert_eq!(aura.get(i), Some(&keys.aura));
			assert_eq!(grandpa.get(i), Some(&keys.grandpa));
		}
		assert_eq!(SessionLength::get(), DEVELOPMENT_SESSION_LENGTH);
		// two sessions would be 20 blocks, less than two rounds of the largest set
		assert_eq!(KickThreshold::get(), 2 * MAX_VALIDATORS);
		assert_eq!(pallet_collator_selection::CandidacyBond::<Runtime>::get(), DEVELOPMENT_CANDIDACY_BOND);
	});
}

#[test]
fn a_candidate_joins_and_leaves_only_at_session_boundaries_and_grandpa_follows() {
	local().execute_with(|| {
		let dave = account(Sr25519Keyring::Dave);
		let genesis_set = authorities();
		run_blocks(3, &[], |_, _| {});
		let (keys, proof) = rotate_keys(&dave);
		let free_before = Balances::balance(&dave);
		assert_ok!(Session::set_keys(signed(&dave), keys.clone(), proof));
		assert_ok!(CollatorSelection::register_as_candidate(signed(&dave)));
		let held = DEVELOPMENT_CANDIDACY_BOND + SessionKeyDeposit::get();
		assert_eq!(Balances::reserved_balance(&dave), held);
		assert_eq!(Balances::balance(&dave), free_before - held);

		// Registered in session 0 (blocks 1–9): queued at the boundary of block 10, validating from
		// that of block 20. Nothing changes anywhere else.
		run_blocks(10, &[], |_, _| {});
		assert!(Session::queued_keys().iter().any(|(who, _)| who == &dave), "queued at the first boundary");
		assert_eq!(authorities(), genesis_set);
		assert_eq!(changes_until(19), Vec::<u32>::new());
		assert_eq!(changes_until(25), vec![20], "the set changes at the second boundary only");
		let (validators, aura, grandpa) = authorities();
		assert_eq!(validators.len(), 4);
		let position = validators.iter().position(|v| v == &dave).expect("dave validates");
		assert_eq!(aura.get(position), Some(&keys.aura));
		assert_eq!(grandpa.get(position), Some(&keys.grandpa));
		assert_eq!(grandpa.len(), 4);
		assert_eq!(pallet_grandpa::CurrentSetId::<Runtime>::get(), 1, "GRANDPA's first new set");
		assert_eq!(Session::current_index(), 2);

		// Dave authors in his slots, and his liveness is recorded.
		let mut authored = Vec::new();
		run_blocks(29, &[], |number, author| {
			if author == &dave {
				authored.push(number)
			}
		});
		assert!(!authored.is_empty(), "dave authored after joining");
		assert_eq!(pallet_collator_selection::LastAuthoredBlock::<Runtime>::get(&dave), *authored.last().unwrap());

		// He leaves: his bond is held (an offence of his could still be reported), the set
		// shrinks two boundaries later.
		assert_ok!(CollatorSelection::leave_intent(signed(&dave)));
		assert_eq!(Balances::reserved_balance(&dave), held);
		let until = Session::current_index() + BOND_HELD_SESSIONS;
		assert_eq!(
			accountability::Held::<Runtime>::get(&dave).map(|held| held.into_inner()),
			Some(vec![accountability::HeldBond { amount: DEVELOPMENT_CANDIDACY_BOND, until }])
		);
		assert_eq!(changes_until(45), vec![40]);
		assert_eq!(authorities(), genesis_set);
		// a new set id at every boundary from the first change on (20, 30, 40)
		assert_eq!(pallet_grandpa::CurrentSetId::<Runtime>::get(), 3);

		// The bond is released once its session has come, not before.
		assert_noop!(Accountability::release_bond(signed(&dave)), BondsError::<Runtime>::StillHeld);
		run_blocks(until * DEVELOPMENT_SESSION_LENGTH, &[], |_, _| {});
		assert_eq!(Session::current_index(), until);
		assert_ok!(Accountability::release_bond(signed(&dave)));
		assert_eq!(Balances::reserved_balance(&dave), SessionKeyDeposit::get());
		assert_eq!(Balances::balance(&dave), free_before - SessionKeyDeposit::get());
		assert_noop!(Accountability::release_bond(signed(&dave)), BondsError::<Runtime>::NothingHeld);
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}

#[test]
fn a_candidate_without_keys_or_bond_is_refused_and_nothing_changes() {
	local().execute_with(|| {
		run_blocks(1, &[], |_, _| {});
		let dave = account(Sr25519Keyring::Dave);
		// no keys
		assert_noop!(
			CollatorSelection::register_as_candidate(signed(&dave)),
			SelectionError::<Runtime>::ValidatorNotRegistered
		);

		// keys, but less than the bond
		let poor = fresh_account();
		assert_ok!(Balances::transfer_keep_alive(signed(&dave), poor.clone().into(), DEVELOPMENT_CANDIDACY_BOND / 2));
		let (keys, proof) = rotate_keys(&poor);
		assert_ok!(Session::set_keys(signed(&poor), keys, proof));
		assert_noop!(
			CollatorSelection::register_as_candidate(signed(&poor)),
			pallet_balances::Error::<Runtime>::InsufficientBalance
		);
		assert!(pallet_collator_selection::CandidateList::<Runtime>::get().is_empty());

		// a registered candidate may not bond below the minimum, nor leave twice
		let (keys, proof) = rotate_keys(&dave);
		assert_ok!(Session::set_keys(signed(&dave), keys, proof));
		assert_ok!(CollatorSelection::register_as_candidate(signed(&dave)));
		assert_noop!(
			CollatorSelection::update_bond(signed(&dave), DEVELOPMENT_CANDIDACY_BOND - 1),
			SelectionError::<Runtime>::DepositTooLow
		);
		assert_noop!(
			CollatorSelection::take_candidate_slot(signed(&poor), DEVELOPMENT_CANDIDACY_BOND - 1, dave.clone()),
			SelectionError::<Runtime>::InsufficientBond
		);
		assert_ok!(CollatorSelection::leave_intent(signed(&dave)));
		assert_noop!(CollatorSelection::leave_intent(signed(&dave)), SelectionError::<Runtime>::NotCandidate);
		assert_eq!(Balances::reserved_balance(&dave), SessionKeyDeposit::get() + DEVELOPMENT_CANDIDACY_BOND, "held");
	});
}

#[test]
fn session_keys_need_a_valid_proof_and_well_formed_bytes() {
	local().execute_with(|| {
		run_blocks(1, &[], |_, _| {});
		let (dave, eve) = (account(Sr25519Keyring::Dave), account(Sr25519Keyring::Eve));
		// a proof made for Eve does not let Dave set the keys; nor does none, nor junk
		let (keys, proof_for_eve) = rotate_keys(&eve);
		for proof in [proof_for_eve.clone(), Vec::new(), vec![7; 200]] {
			assert_noop!(Session::set_keys(signed(&dave), keys.clone(), proof), SessionError::<Runtime>::InvalidProof);
		}
		// Eve's own: accepted; the same keys for Dave (with a valid proof for him): taken
		assert_ok!(Session::set_keys(signed(&eve), keys.clone(), proof_for_eve));
		assert_eq!(pallet_session::NextKeys::<Runtime>::get(&eve), Some(keys.clone()));
		let proof_for_dave =
			keys.clone().create_ownership_proof(&dave.encode()).expect("keys in the keystore").encode();
		assert_noop!(
			Session::set_keys(signed(&dave), keys.clone(), proof_for_dave),
			SessionError::<Runtime>::DuplicatedKey
		);

		// malformed keys (95 bytes instead of 96) decode neither as a call nor through the runtime
		// API the node checks keys with
		let call = RuntimeCall::Session(pallet_session::Call::set_keys { keys: keys.clone(), proof: vec![] }).encode();
		let mut malformed = call[..2].to_vec(); // the pallet's and the call's indices
		malformed.extend_from_slice(&keys.encode()[..95]);
		malformed.push(0); // an empty proof
		assert!(RuntimeCall::decode(&mut &malformed[..]).is_err());
		assert!(SessionKeys::decode_into_raw_public_keys(&keys.encode()[..95]).is_none());
		assert_eq!(SessionKeys::decode_into_raw_public_keys(&keys.encode()).map(|k| k.len()), Some(3));
		assert!(pallet_session::NextKeys::<Runtime>::get(&dave).is_none());
	});
}

#[test]
fn invulnerables_and_the_desired_count_are_for_root_only() {
	local().execute_with(|| {
		run_blocks(1, &[], |_, _| {});
		let dave = account(Sr25519Keyring::Dave);
		let parameters = RuntimeOrigin::from(openledger_runtime::governance::origins::Origin::Parameters);
		assert_noop!(CollatorSelection::set_desired_candidates(parameters, 0), DispatchError::BadOrigin);
		assert_noop!(CollatorSelection::set_desired_candidates(signed(&dave), 0), DispatchError::BadOrigin);

		// with no seat for candidates, a registered one stays out of the set
		let (keys, proof) = rotate_keys(&dave);
		assert_ok!(Session::set_keys(signed(&dave), keys, proof));
		assert_ok!(CollatorSelection::register_as_candidate(signed(&dave)));
		assert_ok!(CollatorSelection::set_desired_candidates(RuntimeOrigin::root(), 0));
		run_blocks(25, &[], |_, _| {});
		assert_eq!(Session::validators().len(), 3);
		// root makes Dave invulnerable instead: he validates from the second boundary
		assert_ok!(CollatorSelection::add_invulnerable(RuntimeOrigin::root(), dave.clone()));
		assert!(pallet_collator_selection::CandidateList::<Runtime>::get().is_empty(), "no longer a candidate");
		assert_eq!(Accountability::held(&dave), DEVELOPMENT_CANDIDACY_BOND, "bond given back, held");
		run_blocks(45, &[], |_, _| {});
		assert!(Session::validators().contains(&dave));
	});
}

#[test]
fn a_candidate_that_never_authors_is_removed_and_gets_its_bond_back() {
	local().execute_with(|| {
		run_blocks(1, &[], |_, _| {});
		let dave = account(Sr25519Keyring::Dave);
		let (keys, proof) = rotate_keys(&dave);
		assert_ok!(Session::set_keys(signed(&dave), keys, proof));
		assert_ok!(CollatorSelection::register_as_candidate(signed(&dave)));
		// Dave's node is down: he is in the set from block 20, misses his slots, and is removed at
		// the first boundary after the kick threshold.
		let mut removed_at = None;
		run_blocks(140, std::slice::from_ref(&dave), |number, _| {
			let removed = System::events().iter().any(|record| {
				matches!(&record.event, RuntimeEvent::CollatorSelection(pallet_collator_selection::Event::CandidateRemoved { account_id }) if account_id == &dave)
			});
			if removed && removed_at.is_none() {
				removed_at = Some(number);
			}
		});
		// registering in block 1 counted as authoring in block 1 + threshold; removed at the first
		// boundary a threshold after that
		let threshold = KickThreshold::get();
		assert_eq!(removed_at, Some((1 + 2 * threshold).next_multiple_of(DEVELOPMENT_SESSION_LENGTH)));
		// the bond is held for a while, then his to release
		assert_eq!(Balances::reserved_balance(&dave), SessionKeyDeposit::get() + DEVELOPMENT_CANDIDACY_BOND);
		let until = accountability::Held::<Runtime>::get(&dave).expect("held")[0].until;
		run_blocks(until * DEVELOPMENT_SESSION_LENGTH, std::slice::from_ref(&dave), |_, _| {});
		assert_ok!(Accountability::release_bond(signed(&dave)));
		assert_eq!(Balances::reserved_balance(&dave), SessionKeyDeposit::get());
	});
}

#[test]
fn the_author_receives_half_the_pot() {
	local().execute_with(|| {
		run_blocks(1, &[], |_, _| {});
		let pot = pot_account();
		assert_ok!(Balances::transfer_keep_alive(
			signed(&account(Sr25519Keyring::Eve)),
			pot.clone().into(),
			100 * OPEN
		));
		let ed = openledger_runtime::configs::EXISTENTIAL_DEPOSIT;
		// block 2 is authored in slot 2, by validator 2 % 3
		let author = Session::validators()[2].clone();
		let before = Balances::balance(&author);
		run_blocks(2, &[], |_, by| assert_eq!(by, &author));
		assert_eq!(Balances::balance(&author) - before, (100 * OPEN - ed) / 2);
		assert_eq!(Balances::balance(&pot), 100 * OPEN - (100 * OPEN - ed) / 2);
		assert_eq!(pallet_collator_selection::LastAuthoredBlock::<Runtime>::get(&author), 2);
	});
}

/// A GRANDPA equivocation of `key`'s holder in the current set: two prevotes in `round` for
/// different blocks, each signed with the key in the test's keystore.
fn double_prevote(key: &GrandpaId, round: u64) -> sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32> {
	prevotes(key, round, 2, false)
}

/// Two prevotes of `key`'s holder in `round`, for block hashes of bytes 1 and `second`; with
/// `forged`, the second carries the first's signature.
fn prevotes(
	key: &GrandpaId,
	round: u64,
	second: u8,
	forged: bool,
) -> sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32> {
	let set_id = pallet_grandpa::CurrentSetId::<Runtime>::get();
	let vote = |target: u8| {
		let prevote = finality_grandpa::Prevote { target_hash: sp_core::H256::repeat_byte(target), target_number: 1 };
		let payload = sp_consensus_grandpa::localized_payload(
			round,
			set_id,
			&finality_grandpa::Message::Prevote(prevote.clone()),
		);
		let public: sp_core::ed25519::Public = key.clone().into();
		let signature = sp_io::crypto::ed25519_sign(sp_consensus_grandpa::KEY_TYPE, &public, &payload).expect("signs");
		(prevote, signature.into())
	};
	sp_consensus_grandpa::EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: key.clone(),
			first: vote(1),
			second: {
				let (prevote, signature) = vote(second);
				(prevote, if forged { vote(1).1 } else { signature })
			},
		}),
	)
}

/// The unsigned report a node submits: the equivocation and the key-ownership proof the runtime
/// API gives for the key.
fn report(proof: sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32>, owner: &GrandpaId) -> UncheckedExtrinsic {
	use sp_consensus_grandpa::runtime_decl_for_grandpa_api::GrandpaApi;
	let opaque =
		<Runtime as GrandpaApi<openledger_runtime::Block>>::generate_key_ownership_proof(proof.set_id(), owner.clone())
			.expect("the key is in a kept session");
	let key_owner_proof = opaque.decode().expect("a membership proof");
	GenericUncheckedExtrinsic::new_bare(RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned {
		equivocation_proof: Box::new(proof),
		key_owner_proof,
	}))
	.into()
}

/// `who` with keys (their GRANDPA keys in the keystore) and bond, validating from block 20;
/// their GRANDPA keys.
fn validating(who: &[Sr25519Keyring]) -> Vec<GrandpaId> {
	run_blocks(1, &[], |_, _| {});
	let keys = who
		.iter()
		.map(|k| {
			let (keys, proof) = rotate_keys(&account(*k));
			assert_ok!(Session::set_keys(signed(&account(*k)), keys.clone(), proof));
			assert_ok!(CollatorSelection::register_as_candidate(signed(&account(*k))));
			keys.grandpa
		})
		.collect();
	run_blocks(25, &[], |_, _| {});
	assert!(who.iter().all(|k| Session::validators().contains(&account(*k))));
	keys
}

/// Dave with keys and bond, validating from block 20 (GRANDPA set 1, session 2).
fn dave_validates() -> (AccountId, GrandpaId) {
	let keys = validating(&[Sr25519Keyring::Dave]);
	(account(Sr25519Keyring::Dave), keys[0].clone())
}

/// The punishment events of `who`: (fraction, slashed, held).
fn punishments(who: &AccountId) -> Vec<(sp_runtime::Perbill, u128, u128)> {
	System::events()
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::Accountability(accountability::Event::OffenderPunished {
				who: w,
				fraction,
				slashed,
				held,
				..
			}) if w == who => Some((*fraction, *slashed, *held)),
			_ => None,
		})
		.collect()
}

fn punished(who: &AccountId) -> Option<(u128, u128)> {
	punishments(who).last().map(|(_, slashed, held)| (*slashed, *held))
}

/// (3k/n)² of a bond, the slash of `k` offenders of a round in a set of `n`.
fn slash(k: u32, n: u32, bond: u128) -> u128 {
	sp_runtime::Perbill::from_rational(3 * k, n).square().mul_floor(bond)
}

#[test]
fn a_grandpa_double_vote_costs_the_bond_and_the_seat() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		let treasury = openledger_runtime::configs::TreasuryAccount::get();
		let treasury_before = Balances::balance(&treasury);
		let reserved_before = Balances::reserved_balance(&dave);
		let set = Session::validators();
		let index = set.iter().position(|v| v == &dave).unwrap() as u32;

		// Dave prevotes twice in round 3; Alice's node reports it.
		let (_, _, results) = execute_block_with(&[], vec![report(double_prevote(&key, 3), &key)]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		// one offender of four: (3/4)² of the bond to the treasury, the rest held
		let slashed = slash(1, 4, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punished(&dave), Some((slashed, DEVELOPMENT_CANDIDACY_BOND - slashed)));
		assert_eq!(Balances::balance(&treasury), treasury_before + slashed);
		assert_eq!(Balances::reserved_balance(&dave), reserved_before - slashed);
		assert!(pallet_collator_selection::CandidateList::<Runtime>::get().iter().all(|c| c.who != dave));
		// disabled for the rest of the session: Aura gives his slots to nobody
		assert_eq!(Session::disabled_validators(), vec![index]);
		assert!(<pallet_session::Pallet<Runtime> as frame_support::traits::DisabledValidators>::is_disabled(index));

		// The same report again is stale, and so is one of another round of the session (it
		// would cost him nothing more, and reports are free); signed, it pays its fee.
		for round in [3, 4] {
			let (_, _, results) =
				execute_block_with(std::slice::from_ref(&dave), vec![report(double_prevote(&key, round), &key)]);
			assert_eq!(results, vec![Err(sp_runtime::transaction_validity::InvalidTransaction::Stale.into())]);
		}
		let eve = Sr25519Keyring::Eve;
		let signed_report = match report(double_prevote(&key, 5), &key).0.function {
			RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned {
				equivocation_proof,
				key_owner_proof,
			}) => RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation { equivocation_proof, key_owner_proof }),
			_ => unreachable!(),
		};
		let eve_before = Balances::balance(&account(eve));
		let nonce = System::account_nonce(account(eve));
		let (_, _, results) =
			execute_block_with(std::slice::from_ref(&dave), vec![common::signed(eve, nonce, signed_report)]);
		let already: DispatchError = accountability::Error::<Runtime>::AlreadyPunished.into();
		assert!(matches!(&results[..], [Ok(Err(e))] if e == &already), "{results:?}");
		assert!(Balances::balance(&account(eve)) < eve_before, "the signed report paid its fee");
		assert_eq!(Balances::reserved_balance(&dave), reserved_before - slashed, "and cost Dave nothing more");

		// He may not bond again while the punishment can be reported.
		assert_noop!(
			CollatorSelection::register_as_candidate(signed(&dave)),
			SelectionError::<Runtime>::ValidatorNotRegistered
		);

		// He is out of Aura's and GRANDPA's sets from the second boundary on (block 40).
		run_blocks(39, std::slice::from_ref(&dave), |_, _| {});
		assert!(Session::validators().contains(&dave), "still in the queued set of session 3");
		run_blocks(40, std::slice::from_ref(&dave), |_, _| {});
		let (validators, _, grandpa) = authorities();
		assert!(!validators.contains(&dave));
		assert!(!grandpa.contains(&key));
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}

#[test]
fn a_report_that_does_not_prove_an_equivocation_changes_nothing() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		let alice_key = pallet_session::NextKeys::<Runtime>::get(account(Sr25519Keyring::Alice)).unwrap().grandpa;
		// the same vote twice; a signature that is not the second vote's
		let same = prevotes(&key, 3, 1, false);
		let forged = prevotes(&key, 3, 2, true);
		let invalid_proof: sp_runtime::DispatchError =
			pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof.into();
		let (_, _, results) = execute_block_with(&[], vec![report(same, &key), report(forged, &key)]);
		assert_eq!(results, vec![Ok(Err(invalid_proof)), Ok(Err(invalid_proof))]);
		// Key-ownership proofs that do not hold: a session in which the key was nobody's (and
		// which the votes' GRANDPA set did not end in: pallet-grandpa would take any session the
		// set spanned), and the right session with another number of validators.
		let session = Session::current_index();
		let bad =
			[KeyOwnership { session: session - 1, validator_count: 3 }, KeyOwnership { session, validator_count: 5 }]
				.into_iter()
				.map(|key_owner_proof| {
					GenericUncheckedExtrinsic::new_bare(RuntimeCall::Grandpa(
						pallet_grandpa::Call::report_equivocation_unsigned {
							equivocation_proof: Box::new(double_prevote(&key, 3)),
							key_owner_proof,
						},
					))
					.into()
				})
				.collect();
		let (_, _, results) = execute_block_with(&[], bad);
		let bad_proof = Err(sp_runtime::transaction_validity::InvalidTransaction::BadProof.into());
		assert_eq!(results, vec![bad_proof, bad_proof]);
		// The proof of Alice's key is the session's: it proves Dave's key as well, and only
		// Dave's votes can name him.
		assert_eq!(Accountability::prove(session, &alice_key), Some(KeyOwnership { session, validator_count: 4 }));
		// nobody was punished and Dave is still a candidate
		assert_eq!(punished(&dave), None);
		assert!(pallet_collator_selection::CandidateList::<Runtime>::get().iter().any(|c| c.who == dave));
		assert!(Session::disabled_validators().is_empty());
		let (_, _, results) = execute_block_with(&[], vec![report(double_prevote(&key, 3), &key)]);
		assert_eq!(results, vec![Ok(Ok(()))], "the genuine report still lands");
	});
}

#[test]
fn leaving_before_the_report_does_not_escape_it() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		let treasury = openledger_runtime::configs::TreasuryAccount::get();
		let treasury_before = Balances::balance(&treasury);
		// Dave equivocates and leaves in the same block, before the report (made by a node that
		// saw the votes, with the key-ownership proof of that set) is included.
		let report = report(double_prevote(&key, 3), &key);
		assert_ok!(CollatorSelection::leave_intent(signed(&dave)));
		assert_eq!(Balances::reserved_balance(&dave), DEVELOPMENT_CANDIDACY_BOND + SessionKeyDeposit::get());
		// The report is included sessions later, within the reportable ones: the held bond pays.
		run_blocks(55, std::slice::from_ref(&dave), |_, _| {});
		assert!(!Session::validators().contains(&dave));
		let (_, _, results) = execute_block_with(&[], vec![report]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		let slashed = slash(1, 4, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punished(&dave), Some((slashed, DEVELOPMENT_CANDIDACY_BOND - slashed)));
		assert_eq!(Balances::balance(&treasury), treasury_before + slashed);
		// and what is left is still held, released later
		assert_noop!(Accountability::release_bond(signed(&dave)), BondsError::<Runtime>::StillHeld);
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}

#[test]
fn new_session_keys_do_not_hide_a_double_vote() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		let set_id = pallet_grandpa::CurrentSetId::<Runtime>::get();
		let votes = double_prevote(&key, 3);
		// Dave sets new keys at once, and they are in use from block 40: his old key is still
		// his in the set he voted in, and a node asks for the proof of that set.
		let (keys, proof) = rotate_keys(&dave);
		assert_ok!(Session::set_keys(signed(&dave), keys.clone(), proof));
		run_blocks(45, &[], |_, _| {});
		assert_ne!(pallet_grandpa::CurrentSetId::<Runtime>::get(), set_id);
		let (_, _, grandpa) = authorities();
		assert!(grandpa.contains(&keys.grandpa) && !grandpa.contains(&key));
		let (_, _, results) = execute_block_with(&[], vec![report(votes, &key)]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		let slashed = slash(1, 4, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punished(&dave), Some((slashed, DEVELOPMENT_CANDIDACY_BOND - slashed)));
	});
}

#[test]
fn a_double_vote_is_reportable_for_six_sessions_after_its_own() {
	for (included, lands) in [(REPORTABLE_SESSIONS + 2, true), (REPORTABLE_SESSIONS + 3, false)] {
		local().execute_with(|| {
			// Dave double votes in session 2; a node makes the report then, and it is included
			// in session `included`.
			let (dave, key) = dave_validates();
			let report = report(double_prevote(&key, 3), &key);
			assert_eq!(Session::current_index(), 2);
			run_blocks(included * DEVELOPMENT_SESSION_LENGTH + 1, &[], |_, _| {});
			assert_eq!(Session::current_index(), included);
			let (_, _, results) = execute_block_with(&[], vec![report]);
			if lands {
				assert_eq!(results, vec![Ok(Ok(()))]);
				assert!(punished(&dave).is_some());
			} else {
				assert_eq!(results, vec![Err(sp_runtime::transaction_validity::InvalidTransaction::BadProof.into())]);
				assert_eq!(punished(&dave), None);
				assert_eq!(accountability::GrandpaKeys::<Runtime>::iter_keys().count(), 7);
			}
		});
	}
}

#[test]
fn a_lock_on_the_bond_does_not_stop_the_slash() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		// Dave delegates his whole balance, reserved bond included, so that a lock covers it.
		let total = Balances::total_balance(&dave);
		assert_ok!(pallet_conviction_voting::Pallet::<Runtime>::delegate(
			signed(&dave),
			0,
			account(Sr25519Keyring::Alice).into(),
			pallet_conviction_voting::Conviction::Locked1x,
			total,
		));
		let treasury = openledger_runtime::configs::TreasuryAccount::get();
		let treasury_before = Balances::balance(&treasury);
		let (_, _, results) = execute_block_with(&[], vec![report(double_prevote(&key, 3), &key)]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		let slashed = slash(1, 4, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punished(&dave), Some((slashed, DEVELOPMENT_CANDIDACY_BOND - slashed)));
		assert_eq!(Balances::balance(&treasury), treasury_before + slashed);
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}

#[test]
fn offenders_of_one_session_each_pay_the_fraction_of_all() {
	local().execute_with(|| {
		let keys = validating(&[Sr25519Keyring::Dave, Sr25519Keyring::Eve]);
		let (dave, eve) = (account(Sr25519Keyring::Dave), account(Sr25519Keyring::Eve));
		assert_eq!(Session::validators().len(), 5);
		let treasury = openledger_runtime::configs::TreasuryAccount::get();
		let treasury_before = Balances::balance(&treasury);
		// A coalition's trick: each double votes alone in a round of its own, to be punished
		// cheaply, before they double vote together. Dave is reported alone: (3/5)².
		let (_, _, results) = execute_block_with(&[], vec![report(double_prevote(&keys[0], 1), &keys[0])]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		let first = slash(1, 5, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punishments(&dave).iter().map(|p| p.1).collect::<Vec<_>>(), vec![first]);
		// Eve, in another round of the session: two offenders of five, (6/5)² — all of both
		// bonds; Dave pays the difference.
		let (_, _, results) =
			execute_block_with(std::slice::from_ref(&dave), vec![report(double_prevote(&keys[1], 2), &keys[1])]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		assert_eq!(punishments(&dave), vec![(sp_runtime::Perbill::one(), DEVELOPMENT_CANDIDACY_BOND - first, 0)]);
		assert_eq!(punishments(&eve), vec![(sp_runtime::Perbill::one(), DEVELOPMENT_CANDIDACY_BOND, 0)]);
		// Their joint round adds no offender: its reports are refused.
		let (_, _, results) = execute_block_with(
			&[dave.clone(), eve.clone()],
			vec![report(double_prevote(&keys[0], 3), &keys[0]), report(double_prevote(&keys[1], 3), &keys[1])],
		);
		let stale = Err(sp_runtime::transaction_validity::InvalidTransaction::Stale.into());
		assert_eq!(results, vec![stale, stale]);
		assert_eq!(Balances::balance(&treasury), treasury_before + 2 * DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(Balances::reserved_balance(&dave), SessionKeyDeposit::get());
		assert_eq!(Balances::reserved_balance(&eve), SessionKeyDeposit::get());
		assert!(accountability::Held::<Runtime>::get(&dave).is_none());
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}

#[test]
fn a_proof_names_the_session_its_grandpa_set_ended_in() {
	local().execute_with(|| {
		// GRANDPA's first set spans sessions 0 and 1; Alice (a genesis validator, her key from
		// the well-known seed) double votes in it.
		let pair = sp_keyring::Ed25519Keyring::Alice.pair();
		let key: GrandpaId = sp_core::Pair::public(&pair).into();
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(pallet_session::NextKeys::<Runtime>::get(&alice).map(|k| k.grandpa), Some(key.clone()));
		run_blocks(12, &[], |_, _| {});
		assert_eq!((Session::current_index(), pallet_grandpa::CurrentSetId::<Runtime>::get()), (1, 0));
		let vote = |target: u8| {
			let prevote =
				finality_grandpa::Prevote { target_hash: sp_core::H256::repeat_byte(target), target_number: 1 };
			let payload =
				sp_consensus_grandpa::localized_payload(1, 0, &finality_grandpa::Message::Prevote(prevote.clone()));
			(prevote, sp_core::Pair::sign(&pair, &payload).into())
		};
		let proof = sp_consensus_grandpa::EquivocationProof::new(
			0,
			sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
				round_number: 1,
				identity: key.clone(),
				first: vote(1),
				second: vote(2),
			}),
		);
		let call = |session| {
			GenericUncheckedExtrinsic::new_bare(RuntimeCall::Grandpa(
				pallet_grandpa::Call::report_equivocation_unsigned {
					equivocation_proof: Box::new(proof.clone()),
					key_owner_proof: KeyOwnership { session, validator_count: 3 },
				},
			))
			.into()
		};
		// Session 0 was one of the set's, and Alice's key was hers in it, but the set ended in
		// session 1: only that proof counts, so that an offence has one session.
		let (_, _, results) = execute_block_with(&[], vec![call(0), call(1)]);
		assert_eq!(
			results,
			vec![Err(sp_runtime::transaction_validity::InvalidTransaction::BadProof.into()), Ok(Ok(()))]
		);
		assert!(punished(&alice).is_some());
	});
}

#[test]
fn the_last_validator_keeps_its_seat_but_pays() {
	local().execute_with(|| {
		let (dave, key) = dave_validates();
		// Root removes the three invulnerables: Dave is the last validator the chain would have.
		for who in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie] {
			assert_ok!(CollatorSelection::remove_invulnerable(RuntimeOrigin::root(), account(who)));
		}
		let treasury = openledger_runtime::configs::TreasuryAccount::get();
		let treasury_before = Balances::balance(&treasury);
		let (_, _, results) = execute_block_with(&[], vec![report(double_prevote(&key, 3), &key)]);
		assert_eq!(results, vec![Ok(Ok(()))]);
		let slashed = slash(1, 4, DEVELOPMENT_CANDIDACY_BOND);
		assert_eq!(punished(&dave), Some((slashed, 0)));
		assert_eq!(Balances::balance(&treasury), treasury_before + slashed);
		let listed = pallet_collator_selection::CandidateList::<Runtime>::get();
		assert_eq!(
			listed.iter().map(|c| (c.who.clone(), c.deposit)).collect::<Vec<_>>(),
			vec![(dave.clone(), DEVELOPMENT_CANDIDACY_BOND - slashed)]
		);
		assert_eq!(Balances::total_issuance(), openledger_runtime::TOTAL_SUPPLY);
	});
}
