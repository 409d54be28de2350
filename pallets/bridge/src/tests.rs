//! The bridge's tests: attested releases, replays, thresholds, governance, locks, and the
//! attacks a committee or a relayer could try.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, traits::fungible::Inspect};
use sp_core::{ecdsa, H160, H256};
use sp_runtime::{DispatchError, TokenError};

fn balance(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn reserve() -> Balance {
	balance(&Bridge::reserve_account())
}

/// The signatures of `keys` over deposit `nonce`'s digest, in the keys' order.
fn signed_by(keys: &[ecdsa::Pair], nonce: u64, recipient: &AccountId, amount: Balance) -> Vec<[u8; 65]> {
	let digest = Bridge::release_digest(nonce, *recipient.as_ref(), amount).expect("a vault is set");
	keys.iter().map(|k| sign(k, &digest)).collect()
}

fn release(
	nonce: u64,
	recipient: &AccountId,
	amount: Balance,
	signatures: Vec<[u8; 65]>,
) -> DispatchResultWithPostInfo {
	Bridge::release(RuntimeOrigin::signed(account(9)), nonce, *recipient.as_ref(), amount, signatures)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Bridge(e) = r.event { Some(e) } else { None })
		.collect()
}

use frame_support::dispatch::DispatchResultWithPostInfo;

#[test]
fn a_release_signed_by_the_threshold_pays_the_recipient_once() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		let issuance = Balances::total_issuance();
		// two of three, ascending: the first and the last
		let signatures = signed_by(&[keys[0].clone(), keys[2].clone()], 7, &to, 1_000);
		let post = release(7, &to, 1_000, signatures.clone()).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(balance(&to), 1_000);
		assert_eq!(reserve(), RESERVE - 1_000);
		assert_eq!(Balances::total_issuance(), issuance, "nothing minted");
		assert_eq!(events().last(), Some(&Event::Released { nonce: 7, recipient: to.clone(), amount: 1_000 }));
		// the same attestation again, or with the other signers, pays nothing more
		assert_noop!(release(7, &to, 1_000, signatures), Error::<Test>::AlreadyReleased);
		assert_noop!(release(7, &to, 1_000, signed_by(&keys, 7, &to, 1_000)), Error::<Test>::AlreadyReleased);
		// every signer of the committee may sign
		assert_ok!(release(8, &to, 1_000, signed_by(&keys, 8, &to, 1_000)));
		assert_eq!(balance(&to), 2_000);
	});
}

#[test]
fn deposit_numbers_are_released_independently() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		for nonce in [0, 127, 128, 255, 256, u64::MAX] {
			assert_ok!(release(nonce, &to, 100, signed_by(&keys, nonce, &to, 100)));
		}
		for nonce in [1, 126, 129, u64::MAX - 1] {
			assert_ok!(release(nonce, &to, 100, signed_by(&keys, nonce, &to, 100)));
		}
		for nonce in [0, 127, 128, u64::MAX] {
			assert_noop!(release(nonce, &to, 100, signed_by(&keys, nonce, &to, 100)), Error::<Test>::AlreadyReleased);
		}
		assert_eq!(balance(&to), 1_000);
		// 2^64 − 1's page is the last
		assert_eq!(Released::<Test>::iter().count(), 4);
	});
}

/// A relayer or a single member tries to release without the committee: too few signatures,
/// an outsider's, one member's twice, out of order, malleated (high `s`), a bad `v`, or padded
/// past the committee. Nothing moves.
#[test]
fn releases_without_the_committees_threshold_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		let sigs = |signers: &[ecdsa::Pair]| signed_by(signers, 1, &to, 500);
		assert_noop!(release(1, &to, 500, sigs(&keys[..1])), Error::<Test>::TooFewSignatures);
		assert_noop!(release(1, &to, 500, Vec::new()), Error::<Test>::TooFewSignatures);
		// an outsider in place of a member
		let outsider = key(40);
		let mut with_outsider = vec![keys[0].clone(), outsider.clone()];
		with_outsider.sort_by_key(address);
		assert_noop!(release(1, &to, 500, sigs(&with_outsider)), Error::<Test>::NotMember);
		// one member twice, or two out of order
		let twice = sigs(&[keys[1].clone(), keys[1].clone()]);
		assert_noop!(release(1, &to, 500, twice), Error::<Test>::SignersNotAscending);
		let descending = sigs(&[keys[2].clone(), keys[0].clone()]);
		assert_noop!(release(1, &to, 500, descending), Error::<Test>::SignersNotAscending);
		// a malleated signature (s → n − s, v flipped) recovers the same key: refused
		let mut malleated = sigs(&keys[..2]);
		malleate(&mut malleated[1]);
		assert_noop!(release(1, &to, 500, malleated), Error::<Test>::BadSignature);
		let mut bad_v = sigs(&keys[..2]);
		bad_v[0][64] -= 27;
		assert_noop!(release(1, &to, 500, bad_v), Error::<Test>::BadSignature);
		// more signatures than members
		let mut padded = sigs(&keys);
		padded.push(padded[2]);
		assert_noop!(release(1, &to, 500, padded), Error::<Test>::TooManySignatures);
		assert_eq!(reserve(), RESERVE);
	});
}

/// `s → n − s` and `v` flipped: the same signer, a different signature (EIP-2's malleability).
fn malleate(signature: &mut [u8; 65]) {
	const ORDER: [u8; 32] = hex_literal::hex!("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
	let mut borrow = 0i16;
	for i in (0..32).rev() {
		let d = i16::from(ORDER[i]) - i16::from(signature[32 + i]) - borrow;
		(signature[32 + i], borrow) = if d < 0 { ((d + 256) as u8, 1) } else { (d as u8, 0) };
	}
	signature[64] = if signature[64] == 27 { 28 } else { 27 };
}

/// The malleated signature is what an attacker would send: the same key recovers from it, so
/// only the low-`s` rule refuses it.
#[test]
fn a_malleated_signature_recovers_its_signer() {
	ExtBuilder::default().build_and_execute(|| {
		let k = key(1);
		let digest = [9u8; 32];
		let mut signature = sign(&k, &digest);
		assert_eq!(eip712::signer(&digest, &signature), Ok(address(&k)));
		malleate(&mut signature);
		let mut as_is = signature;
		as_is[64] -= 27;
		let public = sp_io::crypto::secp256k1_ecdsa_recover(&as_is, &digest).ok().unwrap();
		assert_eq!(eip712::address_of(&public), address(&k));
		assert_eq!(eip712::signer(&digest, &signature), Err(eip712::SignatureError::HighS));
	});
}

/// Signatures bind the deposit's number, recipient and amount, the vault, the Ethereum chain
/// and this chain: changing any of them makes them someone else's (an outsider's address).
#[test]
fn an_attestation_is_valid_for_its_deposit_vault_and_chains_only() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		let signatures = signed_by(&keys[..2], 3, &to, 500);
		assert_noop!(release(3, &to, 501, signatures.clone()), Error::<Test>::NotMember);
		assert_noop!(release(4, &to, 500, signatures.clone()), Error::<Test>::NotMember);
		assert_noop!(release(3, &account(21), 500, signatures.clone()), Error::<Test>::NotMember);
		// another vault, another Ethereum chain
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), CHAIN_ID, H160([0x22; 20])));
		assert_noop!(release(3, &to, 500, signatures.clone()), Error::<Test>::NotMember);
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), 1, VAULT));
		assert_noop!(release(3, &to, 500, signatures.clone()), Error::<Test>::NotMember);
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), CHAIN_ID, VAULT));
		// another OpenLedger chain (a testnet with the same vault)
		frame_system::BlockHash::<Test>::insert(0, H256([0x43; 32]));
		assert_noop!(release(3, &to, 500, signatures.clone()), Error::<Test>::NotMember);
		frame_system::BlockHash::<Test>::insert(0, H256([0x42; 32]));
		assert_ok!(release(3, &to, 500, signatures));
	});
}

/// The attack the committee itself can make: `threshold` members (colluding, or their keys
/// stolen) sign releases of deposits never made. This side pays at most `MaxReleasePerPeriod` a
/// period; governance then replaces the committee, and the old one's signatures are worthless.
#[test]
fn a_committee_that_turns_bad_takes_at_most_a_periods_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let bad = committee(3);
		let thief = account(30);
		let mut nonce = 1_000;
		let mut taken = 0;
		while release(nonce, &thief, MaxTransfer::get(), signed_by(&bad, nonce, &thief, MaxTransfer::get())).is_ok() {
			nonce += 1;
			taken += MaxTransfer::get();
		}
		assert_noop!(
			release(nonce, &thief, MaxTransfer::get(), signed_by(&bad, nonce, &thief, MaxTransfer::get())),
			Error::<Test>::PeriodLimitReached
		);
		// what fits under the limit still goes
		let rest = PER_PERIOD - taken;
		assert_ok!(release(nonce, &thief, rest, signed_by(&bad, nonce, &thief, rest)));
		assert_eq!(balance(&thief), PER_PERIOD);
		// governance replaces the committee before the next period
		let good = committee(5)[..]
			.iter()
			.filter(|k| !bad.iter().any(|b| address(b) == address(k)))
			.cloned()
			.collect::<Vec<_>>();
		assert_eq!(good.len(), 2);
		let members: Vec<H160> = good.iter().map(address).collect();
		assert_ok!(Bridge::set_committee(RuntimeOrigin::root(), members.clone(), 2));
		assert_eq!(Epoch::<Test>::get(), 1);
		assert_eq!(events().last(), Some(&Event::CommitteeChanged { epoch: 1, members, threshold: 2 }));
		System::set_block_number(PERIOD);
		nonce += 1;
		assert_noop!(release(nonce, &thief, 100, signed_by(&bad[..2], nonce, &thief, 100)), Error::<Test>::NotMember);
		// the new committee releases honest deposits in the new period
		assert_ok!(release(nonce, &account(20), 100, signed_by(&good, nonce, &account(20), 100)));
		assert_eq!(PeriodReleased::<Test>::get(), (1, 100));
	});
}

#[test]
fn a_release_pays_only_what_the_reserve_holds_above_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		// the reserve down to 100 above its existential deposit
		let drain = reserve() - ED - 100;
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
			&Bridge::reserve_account(),
			&account(1),
			drain,
			frame_support::traits::tokens::Preservation::Preserve
		));
		assert_noop!(release(1, &to, 101, signed_by(&keys, 1, &to, 101)), Error::<Test>::ReserveExhausted);
		assert_ok!(release(1, &to, 100, signed_by(&keys, 1, &to, 100)));
		assert_eq!(reserve(), ED);
	});
}

#[test]
fn releases_are_within_the_transfer_bounds_and_to_someone() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		assert_noop!(release(1, &to, 9, signed_by(&keys, 1, &to, 9)), Error::<Test>::BelowMinimum);
		assert_noop!(release(1, &to, 3_001, signed_by(&keys, 1, &to, 3_001)), Error::<Test>::AboveMaximum);
		let nobody = AccountId::new([0; 32]);
		assert_noop!(release(1, &nobody, 100, signed_by(&keys, 1, &nobody, 100)), Error::<Test>::ZeroRecipient);
		// the reserve paying itself would leave the deposit in the vault for nothing
		let reserve = Bridge::reserve_account();
		assert_noop!(release(1, &reserve, 100, signed_by(&keys, 1, &reserve, 100)), Error::<Test>::ZeroRecipient);
		// a release opens a new account: the minimum is at least the existential deposit
		assert_ok!(release(1, &to, 10, signed_by(&keys, 1, &to, 10)));
		assert_eq!(balance(&to), 10);
	});
}

#[test]
fn locking_moves_open_into_the_reserve_and_numbers_it() {
	ExtBuilder::default().build_and_execute(|| {
		let who = account(1);
		let eth = H160([0xee; 20]);
		let issuance = Balances::total_issuance();
		assert_ok!(Bridge::lock(RuntimeOrigin::signed(who.clone()), eth, 2_000));
		assert_ok!(Bridge::lock(RuntimeOrigin::signed(who.clone()), eth, 3_000));
		assert_eq!(balance(&who), ENDOWMENT - 5_000);
		assert_eq!(reserve(), RESERVE + 5_000);
		assert_eq!(Balances::total_issuance(), issuance, "nothing burned");
		let locked: Vec<_> = events().into_iter().filter(|e| matches!(e, Event::Locked { .. })).collect();
		assert_eq!(
			locked,
			vec![
				Event::Locked { nonce: 0, from: who.clone(), recipient: eth, amount: 2_000, vault: VAULT },
				Event::Locked { nonce: 1, from: who.clone(), recipient: eth, amount: 3_000, vault: VAULT },
			]
		);
		assert_eq!(NextLock::<Test>::get(), 2);
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who.clone()), eth, 9), Error::<Test>::BelowMinimum);
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who.clone()), eth, 3_001), Error::<Test>::AboveMaximum);
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who.clone()), H160::zero(), 100), Error::<Test>::ZeroRecipient);
		// the vault itself would keep it, unreleasable
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who.clone()), VAULT, 100), Error::<Test>::ZeroRecipient);
		// the caller keeps their existential deposit
		for _ in 0..3 {
			assert_ok!(Bridge::lock(RuntimeOrigin::signed(account(2)), eth, 3_000));
		}
		assert_noop!(
			Bridge::lock(RuntimeOrigin::signed(account(2)), eth, 1_000),
			DispatchError::Token(TokenError::NotExpendable)
		);
		// closed: no vault, or no committee
		Vault::<Test>::kill();
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who.clone()), eth, 100), Error::<Test>::NoVault);
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), CHAIN_ID, VAULT));
		assert_ok!(Bridge::set_committee(RuntimeOrigin::root(), Vec::new(), 0));
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(who), eth, 100), Error::<Test>::NoCommittee);
	});
}

#[test]
fn governance_sets_the_committee_within_the_rules() {
	ExtBuilder::default().build_and_execute(|| {
		let members: Vec<H160> = committee(5).iter().map(address).collect();
		assert_noop!(
			Bridge::set_committee(RuntimeOrigin::signed(account(1)), members.clone(), 3),
			DispatchError::BadOrigin
		);
		assert_noop!(Bridge::set_vault(RuntimeOrigin::signed(account(1)), 1, VAULT), DispatchError::BadOrigin);
		let mut unsorted = members.clone();
		unsorted.swap(0, 1);
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), unsorted, 3), Error::<Test>::MembersNotAscending);
		let repeated = vec![members[0], members[0]];
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), repeated, 2), Error::<Test>::MembersNotAscending);
		let zero = vec![H160::zero(), members[0]];
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), zero, 2), Error::<Test>::MembersNotAscending);
		// more than half, at most all
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), members.clone(), 2), Error::<Test>::BadThreshold);
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), members.clone(), 6), Error::<Test>::BadThreshold);
		assert_noop!(
			Bridge::set_committee(RuntimeOrigin::root(), members[..4].to_vec(), 2),
			Error::<Test>::BadThreshold
		);
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), Vec::new(), 1), Error::<Test>::BadThreshold);
		let six: Vec<H160> = committee(6).iter().map(address).collect();
		assert_noop!(Bridge::set_committee(RuntimeOrigin::root(), six, 4), Error::<Test>::TooManyMembers);
		assert_ok!(Bridge::set_committee(RuntimeOrigin::root(), members.clone(), 3));
		assert_eq!(Committee::<Test>::get().into_inner(), members);
		assert_eq!((Threshold::<Test>::get(), Epoch::<Test>::get()), (3, 1));
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), 5, H160([5; 20])));
		assert_eq!(events().last(), Some(&Event::VaultSet { chain_id: 5, vault: H160([5; 20]) }));
		assert_noop!(Bridge::set_vault(RuntimeOrigin::root(), 5, H160::zero()), Error::<Test>::ZeroRecipient);
		// an empty committee closes the bridge
		assert_ok!(Bridge::set_committee(RuntimeOrigin::root(), Vec::new(), 0));
		assert_eq!(Epoch::<Test>::get(), 2);
		let to = account(20);
		assert_noop!(release(1, &to, 100, Vec::new()), Error::<Test>::NoCommittee);
	});
}

#[test]
fn the_digest_is_eip712_over_the_release_message() {
	ExtBuilder::default().build_and_execute(|| {
		let to = account(20);
		let domain = eip712::Domain { chain_id: CHAIN_ID, vault: VAULT };
		let message = eip712::release_on_openledger(H256([0x42; 32]), 5, *to.as_ref(), 700);
		assert_eq!(Bridge::release_digest(5, *to.as_ref(), 700), Some(domain.digest(message)));
		Vault::<Test>::kill();
		assert_eq!(Bridge::release_digest(5, *to.as_ref(), 700), None);
		assert_noop!(release(5, &to, 700, Vec::new()), Error::<Test>::NoVault);
	});
}

/// A new vault numbers its deposits from zero: its deposit 0 is not the old vault's.
#[test]
fn deposits_are_kept_apart_by_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		assert_ok!(release(0, &to, 100, signed_by(&keys, 0, &to, 100)));
		let other = H160([0x33; 20]);
		assert_ok!(Bridge::set_vault(RuntimeOrigin::root(), CHAIN_ID, other));
		assert_ok!(release(0, &to, 100, signed_by(&keys, 0, &to, 100)));
		assert_noop!(release(0, &to, 100, signed_by(&keys, 0, &to, 100)), Error::<Test>::AlreadyReleased);
		assert_eq!(Released::<Test>::get(VAULT, 0), 1);
		assert_eq!(Released::<Test>::get(other, 0), 1);
		// a lock names the vault that releases it
		assert_ok!(Bridge::lock(RuntimeOrigin::signed(account(1)), H160([0xee; 20]), 100));
		assert!(matches!(events().last(), Some(Event::Locked { vault, .. }) if *vault == other));
	});
}

/// The attack the pause answers: a threshold of the committee turns bad. One honest member's
/// signature pauses the bridge at once — nothing is locked or released, even with the
/// threshold's signatures — until governance sets a committee.
#[test]
fn one_member_pauses_the_bridge_until_governance_sets_a_committee() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = committee(3);
		let to = account(20);
		let digest = Bridge::pause_digest().unwrap();
		assert_eq!(
			digest,
			eip712::Domain { chain_id: CHAIN_ID, vault: VAULT }.digest(eip712::pause(H256([0x42; 32]), 0))
		);
		// an outsider cannot pause, nor a member's signature of another epoch
		assert_noop!(
			Bridge::pause(RuntimeOrigin::signed(account(9)), sign(&key(40), &digest)),
			Error::<Test>::NotMember
		);
		let stale = eip712::Domain { chain_id: CHAIN_ID, vault: VAULT }.digest(eip712::pause(H256([0x42; 32]), 1));
		assert_noop!(
			Bridge::pause(RuntimeOrigin::signed(account(9)), sign(&keys[1], &stale)),
			Error::<Test>::NotMember
		);
		let post = Bridge::pause(RuntimeOrigin::signed(account(9)), sign(&keys[1], &digest)).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(events().last(), Some(&Event::BridgePaused { by: address(&keys[1]) }));
		assert_noop!(release(1, &to, 100, signed_by(&keys, 1, &to, 100)), Error::<Test>::Paused);
		assert_noop!(Bridge::lock(RuntimeOrigin::signed(account(1)), H160([0xee; 20]), 100), Error::<Test>::Paused);
		assert_noop!(Bridge::pause(RuntimeOrigin::signed(account(9)), sign(&keys[0], &digest)), Error::<Test>::Paused);
		// governance sets a committee: the pause is lifted, the new epoch's committee releases
		let members: Vec<H160> = keys.iter().map(address).collect();
		assert_ok!(Bridge::set_committee(RuntimeOrigin::root(), members, 2));
		assert!(!Paused::<Test>::get());
		assert_ok!(release(1, &to, 100, signed_by(&keys, 1, &to, 100)));
	});
}
