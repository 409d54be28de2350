//! Unit tests of every call, hook and error, and of the off-chain worker.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
};
use openledger_primitives::attribution::{commitment, ContributionRef, DataShares, Share, PARTS_PER_MILLION};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

fn signed(n: u8) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(n))
}

fn held(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AttestorBond.into(), who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Attribution(e) = r.event { Some(e) } else { None })
		.collect()
}

fn check() {
	assert_eq!(Attribution::do_try_state(), Ok(()));
}

/// Accounts `1..=n` bond `MIN_BOND` each.
fn attestors(n: u8) {
	for a in 1..=n {
		assert_ok!(Attribution::register_attestor(signed(a), MIN_BOND));
	}
}

fn open() -> JobId {
	let id = NextJobId::<Test>::get();
	assert_ok!(Attribution::open_job(RuntimeOrigin::root(), 0, 7, b"input".to_vec(), b"output".to_vec()));
	id
}

fn shares(parts: &[(u32, u32, u32)]) -> Vec<Share> {
	parts.iter().map(|&(datanet, index, ppm)| Share { contribution: ContributionRef { datanet, index }, ppm }).collect()
}

fn honest() -> Vec<Share> {
	shares(&[(0, 1, 700_000), (1, 0, 300_000)])
}

fn salt(n: u8) -> [u8; 32] {
	[n; 32]
}

fn committee(job: JobId) -> Vec<AccountId> {
	Jobs::<Test>::get(job).map(|j| j.committee.iter().map(|m| m.account.clone()).collect()).unwrap_or_default()
}

fn commit_as(who: &AccountId, job: JobId, answer: &[Share]) {
	let c = commitment(answer, &salt(1), who);
	assert_ok!(Attribution::commit(RuntimeOrigin::signed(who.clone()), vec![(job, c)]));
}

fn reveal_as(who: &AccountId, job: JobId, answer: &[Share]) {
	assert_ok!(Attribution::reveal(
		RuntimeOrigin::signed(who.clone()),
		vec![Reveal { job, shares: answer.to_vec(), salt: salt(1) }]
	));
}

/// Every member of `members` commits to `answer_of(member)`, then every one reveals it.
fn all_answer(job: JobId, members: &[AccountId], answer_of: impl Fn(&AccountId) -> Vec<Share>) {
	for who in members {
		commit_as(who, job, &answer_of(who));
	}
	for who in members {
		reveal_as(who, job, &answer_of(who));
	}
}

/// Moves to block `n`, running `on_initialize` of every block passed.
fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number().saturating_add(1);
		System::set_block_number(next);
		Attribution::on_initialize(next);
	}
}

// ---- attestors ----

#[test]
fn registering_holds_the_bond_and_joins_the_sorted_set() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Attribution::register_attestor(signed(3), 5_000));
		assert_ok!(Attribution::register_attestor(signed(1), MIN_BOND));
		assert_eq!(held(&account(3)), 5_000);
		assert_eq!(ActiveAttestors::<Test>::get().into_inner(), vec![(account(1), MIN_BOND), (account(3), 5_000)]);
		assert_eq!(
			Attestors::<Test>::get(account(3)),
			Some(Attestor { bond: 5_000, strikes: 0, state: AttestorState::Active })
		);
		assert!(events().contains(&Event::AttestorRegistered { attestor: account(3), bond: 5_000 }));
		check();
	});
}

#[test]
fn registering_refuses_bad_bonds_and_a_full_set() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Attribution::register_attestor(signed(1), MIN_BOND - 1), Error::<Test>::BondTooLow);
		assert_noop!(
			Attribution::register_attestor(signed(1), ENDOWMENT + 1),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_ok!(Attribution::register_attestor(signed(1), MIN_BOND));
		assert_noop!(Attribution::register_attestor(signed(1), MIN_BOND), Error::<Test>::AlreadyRegistered);
		for a in 2..=8 {
			assert_ok!(Attribution::register_attestor(signed(a), MIN_BOND));
		}
		assert_noop!(Attribution::register_attestor(signed(9), MIN_BOND), Error::<Test>::TooManyAttestors);
		assert_eq!(held(&account(9)), 0);
		check();
	});
}

#[test]
fn unregistering_unbonds_after_the_period() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Attribution::unregister(signed(1)), Error::<Test>::NotAttestor);
		assert_noop!(Attribution::withdraw_unbonded(signed(1)), Error::<Test>::NotAttestor);
		attestors(2);
		assert_noop!(Attribution::withdraw_unbonded(signed(1)), Error::<Test>::StillBonded);
		assert_ok!(Attribution::unregister(signed(1)));
		let until = 1 + UNBONDING;
		assert!(events().contains(&Event::AttestorUnregistered { attestor: account(1), until }));
		assert_eq!(ActiveAttestors::<Test>::get().into_inner(), vec![(account(2), MIN_BOND)]);
		assert_noop!(Attribution::unregister(signed(1)), Error::<Test>::NotActive);
		// a returning attestor waits for the unbonding too
		assert_noop!(Attribution::register_attestor(signed(1), MIN_BOND), Error::<Test>::AlreadyRegistered);
		run_to(until - 1);
		assert_noop!(Attribution::withdraw_unbonded(signed(1)), Error::<Test>::StillBonded);
		run_to(until);
		assert_ok!(Attribution::withdraw_unbonded(signed(1)));
		assert_eq!(held(&account(1)), 0);
		assert_eq!(Balances::balance(&account(1)), ENDOWMENT);
		assert!(Attestors::<Test>::get(account(1)).is_none());
		assert!(events().contains(&Event::BondWithdrawn { attestor: account(1), amount: MIN_BOND }));
		check();
	});
}

// ---- jobs and committees ----

#[test]
fn a_job_gets_a_committee_assignments_and_a_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(5);
		let job = open();
		let members = committee(job);
		assert_eq!(members.len(), 3);
		assert!(members.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
		for m in &members {
			assert!(Assignments::<Test>::contains_key(m, job));
		}
		let deadline = 1 + COMMIT + REVEAL;
		assert_eq!(Deadlines::<Test>::get(deadline).into_inner(), vec![job]);
		let input = H256(sp_io::hashing::blake2_256(b"input"));
		let output = H256(sp_io::hashing::blake2_256(b"output"));
		let request = JobRequest { model: 0, subject: Subject::Inference { inference: 7, input, output } };
		assert!(events().contains(&Event::JobOpened {
			job,
			request,
			committee: members.clone(),
			reveal_deadline: deadline
		}));
		// the draw is a function of the job and the randomness
		assert_eq!(Attribution::draw(job).iter().map(|m| m.account.clone()).collect::<Vec<_>>(), members);
		check();
	});
}

#[test]
fn opening_refuses_bad_requests() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		assert_noop!(Attribution::open_job(signed(1), 0, 1, Vec::new(), Vec::new()), DispatchError::BadOrigin);
		assert_noop!(
			Attribution::open_job(RuntimeOrigin::root(), 9, 1, Vec::new(), Vec::new()),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Attribution::open_job(RuntimeOrigin::root(), 0, 1, vec![0; 65], Vec::new()),
			Error::<Test>::QueryTooLarge
		);
		assert_eq!(NextJobId::<Test>::get(), 0);
	});
}

#[test]
fn full_deadline_buckets_push_jobs_later_and_then_refuse() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let natural = 1 + COMMIT + REVEAL;
		let ids: Vec<JobId> = (0..4).map(|_| open()).collect();
		assert_eq!(Deadlines::<Test>::get(natural).into_inner(), ids[..2].to_vec());
		assert_eq!(Deadlines::<Test>::get(natural + 1).into_inner(), ids[2..].to_vec());
		assert_noop!(
			Attribution::open_job(RuntimeOrigin::root(), 0, 1, Vec::new(), Vec::new()),
			Error::<Test>::TooManyJobs
		);
		check();
	});
}

#[test]
fn committees_favour_bond() {
	ExtBuilder::default().build_and_execute(|| {
		for a in 1..=4 {
			assert_ok!(Attribution::register_attestor(signed(a), MIN_BOND));
		}
		assert_ok!(Attribution::register_attestor(signed(5), 100 * MIN_BOND));
		let draws = 200u64;
		let heavy = (0..draws).filter(|id| Attribution::draw(*id).iter().any(|m| m.account == account(5))).count();
		// 100 of 104 parts of the bond: in nearly every committee of three
		assert!(heavy as u64 >= draws * 95 / 100, "heavy attestor in {heavy} of {draws}");
		let light = (0..draws).filter(|id| Attribution::draw(*id).iter().any(|m| m.account == account(1))).count();
		assert!(light > 0 && (light as u64) < draws * 3 / 4, "light attestor in {light} of {draws}");
	});
}

// ---- commit and reveal ----

#[test]
fn commit_refuses_strangers_repeats_late_and_bad_batches() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(5);
		let job = open();
		let members = committee(job);
		let outsider = (1..=5).map(account).find(|a| !members.contains(a)).unwrap_or_else(|| account(9));
		let c = H256::repeat_byte(1);
		assert_noop!(Attribution::commit(RuntimeOrigin::signed(outsider), vec![(job, c)]), Error::<Test>::NotMember);
		let who = RuntimeOrigin::signed(members[0].clone());
		assert_noop!(Attribution::commit(who.clone(), vec![(job + 1, c)]), Error::<Test>::UnknownJob);
		assert_noop!(Attribution::commit(who.clone(), vec![]), Error::<Test>::BadBatch);
		assert_noop!(Attribution::commit(who.clone(), vec![(job, c); 4]), Error::<Test>::BadBatch);
		assert_noop!(Attribution::commit(who.clone(), vec![(job, c), (job, c)]), Error::<Test>::DuplicateInBatch);
		assert_ok!(Attribution::commit(who.clone(), vec![(job, c)]));
		assert!(events().contains(&Event::Committed { job, attestor: members[0].clone() }));
		assert_noop!(Attribution::commit(who, vec![(job, c)]), Error::<Test>::AlreadyCommitted);
		run_to(1 + COMMIT);
		assert_noop!(
			Attribution::commit(RuntimeOrigin::signed(members[1].clone()), vec![(job, c)]),
			Error::<Test>::CommitClosed
		);
		check();
	});
}

#[test]
fn reveal_checks_timing_commitment_and_answer() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		let answer = honest();
		commit_as(&m[0], job, &answer);
		commit_as(&m[1], job, &answer);
		let reveal = |who: &AccountId, shares: Vec<Share>, s: u8| {
			Attribution::reveal(RuntimeOrigin::signed(who.clone()), vec![Reveal { job, shares, salt: salt(s) }])
		};
		// one member has not committed and the commit period runs
		assert_noop!(reveal(&m[0], answer.clone(), 1), Error::<Test>::RevealClosed);
		run_to(1 + COMMIT);
		assert_noop!(reveal(&m[2], answer.clone(), 1), Error::<Test>::NotCommitted);
		assert_noop!(reveal(&account(9), answer.clone(), 1), Error::<Test>::NotMember);
		assert_noop!(reveal(&m[0], answer.clone(), 2), Error::<Test>::CommitmentMismatch);
		assert_noop!(reveal(&m[0], shares(&[(0, 1, 600_000)]), 1), Error::<Test>::CommitmentMismatch);
		let five = shares(&[(0, 0, 1), (0, 1, 1), (0, 2, 1), (0, 3, 1), (1, 0, 1)]);
		assert_noop!(reveal(&m[0], five, 1), Error::<Test>::TooManyShares);
		assert_noop!(reveal(&m[0], shares(&[(0, 2, 1), (0, 1, 1)]), 1), Error::<Test>::MalformedShares);
		assert_noop!(reveal(&m[0], shares(&[(0, 1, 1_000_001)]), 1), Error::<Test>::MalformedShares);
		assert_ok!(reveal(&m[0], answer.clone(), 1));
		assert!(events().contains(&Event::Revealed { job, attestor: m[0].clone() }));
		assert_noop!(reveal(&m[0], answer.clone(), 1), Error::<Test>::AlreadyRevealed);
		run_to(1 + COMMIT + REVEAL - 1);
		check();
		// the deadline makes it final; later reveals find no job
		run_to(1 + COMMIT + REVEAL);
		assert_noop!(reveal(&m[1], answer, 1), Error::<Test>::UnknownJob);
		check();
	});
}

// ---- consensus ----

#[test]
fn unanimous_answers_are_final_when_the_last_reveals() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		let answer = honest();
		for who in &m {
			commit_as(who, job, &answer);
		}
		// everyone committed: reveals open before the commit deadline
		reveal_as(&m[0], job, &answer);
		reveal_as(&m[1], job, &answer);
		assert!(Results::<Test>::get(job).is_none());
		reveal_as(&m[2], job, &answer);
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(answer.clone().try_into().expect("fits")));
		assert_eq!(result.agreed.into_inner(), m.clone());
		assert_eq!(result.final_at, 1);
		assert!(Jobs::<Test>::get(job).is_none());
		assert!(Deadlines::<Test>::get(1 + COMMIT + REVEAL).is_empty());
		assert_eq!(Reveals::<Test>::iter_prefix(job).count(), 0);
		assert!(events().contains(&Event::AttributionFinal { job, shares: 2, agreed: m.clone() }));
		let heard = Heard::all();
		assert_eq!(heard.len(), 1);
		assert_eq!(heard[0].data, DataShares::Contributions(answer));
		assert_eq!(heard[0].agreed, m);
		check();
	});
}

#[test]
fn an_outlier_is_outvoted_and_struck() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		let near = shares(&[(0, 1, 690_000), (1, 0, 310_000)]);
		let wrong = shares(&[(0, 3, 1_000_000)]);
		commit_as(&m[0], job, &honest());
		commit_as(&m[1], job, &near);
		commit_as(&m[2], job, &wrong);
		reveal_as(&m[0], job, &honest());
		reveal_as(&m[1], job, &near);
		reveal_as(&m[2], job, &wrong);
		let result = Results::<Test>::get(job).expect("final");
		// medians: (0,1) → 690k, (1,0) → 300k, (0,3) → 0; renormalised
		let expected = shares(&[(0, 1, 696_970), (1, 0, 303_030)]);
		assert_eq!(result.data, StoredShares::Contributions(expected.clone().try_into().expect("fits")));
		assert_eq!(expected.iter().map(|s| s.ppm).sum::<u32>(), PARTS_PER_MILLION);
		assert_eq!(result.agreed.into_inner(), vec![m[0].clone(), m[1].clone()]);
		assert_eq!(Attestors::<Test>::get(&m[2]).map(|a| a.strikes), Some(1));
		assert!(events().contains(&Event::AttestorStruck { job, attestor: m[2].clone(), strikes: 1 }));
		check();
	});
}

#[test]
fn strikes_past_the_threshold_slash_and_remove() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let outlier = account(3);
		for round in 1..=MAX_STRIKES {
			let job = open();
			let m = committee(job);
			assert!(m.contains(&outlier));
			all_answer(job, &m, |who| if who == &outlier { shares(&[(0, 3, 1_000_000)]) } else { honest() });
			if round < MAX_STRIKES {
				assert_eq!(Attestors::<Test>::get(&outlier).map(|a| a.strikes), Some(round));
			}
		}
		let slash = MIN_BOND / 10;
		let record = Attestors::<Test>::get(&outlier).expect("still bonded");
		assert_eq!(record.bond, MIN_BOND - slash);
		assert_eq!(record.strikes, 0);
		assert_eq!(record.state, AttestorState::Unbonding { until: 1 + UNBONDING });
		assert_eq!(held(&outlier), MIN_BOND - slash);
		assert_eq!(Balances::balance(&TREASURY), 1 + slash);
		assert!(!ActiveAttestors::<Test>::get().iter().any(|(a, _)| a == &outlier));
		assert!(events().contains(&Event::AttestorSlashed {
			attestor: outlier.clone(),
			amount: slash,
			until: 1 + UNBONDING
		}));
		// the honest kept a clean record
		assert_eq!(Attestors::<Test>::get(account(1)).map(|a| a.strikes), Some(0));
		// and the slashed one sits on no new committee
		let job = open();
		assert!(!committee(job).contains(&outlier));
		check();
	});
}

#[test]
fn agreeing_answers_take_strikes_off() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		Attestors::<Test>::mutate(account(1), |a| {
			if let Some(a) = a {
				a.strikes = 2;
			}
		});
		let job = open();
		all_answer(job, &committee(job), |_| honest());
		assert_eq!(Attestors::<Test>::get(account(1)).map(|a| a.strikes), Some(1));
	});
}

#[test]
fn a_member_who_does_not_reveal_is_struck_at_the_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		for who in &m {
			commit_as(who, job, &honest());
		}
		reveal_as(&m[0], job, &honest());
		reveal_as(&m[1], job, &honest());
		// two of three equal bonds reveal (67% ≥ 60%): final only at the deadline, since one
		// committed member is still due
		assert!(Results::<Test>::get(job).is_none());
		run_to(1 + COMMIT + REVEAL);
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(honest().try_into().expect("fits")));
		assert_eq!(result.agreed.into_inner(), vec![m[0].clone(), m[1].clone()]);
		assert_eq!(result.final_at, 1 + COMMIT + REVEAL);
		assert_eq!(Attestors::<Test>::get(&m[2]).map(|a| a.strikes), Some(1));
		check();
	});
}

#[test]
fn without_a_quorum_the_data_share_falls_back_to_the_lineage() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		commit_as(&m[0], job, &honest());
		run_to(1 + COMMIT);
		reveal_as(&m[0], job, &honest());
		run_to(1 + COMMIT + REVEAL);
		let result = Results::<Test>::get(job).expect("final");
		// datanet 0 version 1 has 4 members, datanet 1 version 1 has 2
		let expected = vec![(0, 666_667), (1, 333_333)];
		assert_eq!(result.data, StoredShares::Datanets(expected.clone().try_into().expect("fits")));
		assert!(result.agreed.is_empty());
		assert!(events().contains(&Event::AttributionFellBack { job, datanets: expected.clone(), agreed: vec![] }));
		assert_eq!(Heard::all()[0].data, DataShares::Datanets(expected));
		// the lone revealer is not judged; the silent are struck
		assert_eq!(Attestors::<Test>::get(&m[0]).map(|a| a.strikes), Some(0));
		assert_eq!(Attestors::<Test>::get(&m[1]).map(|a| a.strikes), Some(1));
		assert_eq!(Attestors::<Test>::get(&m[2]).map(|a| a.strikes), Some(1));
		check();
	});
}

#[test]
fn no_attestors_means_fallback_at_the_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let job = open();
		assert!(committee(job).is_empty());
		run_to(1 + COMMIT + REVEAL);
		let result = Results::<Test>::get(job).expect("final");
		assert!(matches!(result.data, StoredShares::Datanets(_)));
		check();
	});
}

#[test]
fn answers_that_credit_nobody_fall_back_but_agree() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		all_answer(job, &m, |_| Vec::new());
		let result = Results::<Test>::get(job).expect("final");
		assert!(matches!(result.data, StoredShares::Datanets(_)));
		assert_eq!(result.agreed.into_inner(), m);
		check();
	});
}

#[test]
fn batches_commit_and_reveal_several_jobs() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let jobs = [open(), open()];
		let m = committee(jobs[0]);
		assert_eq!(committee(jobs[1]), m);
		for who in &m {
			let cs = jobs.iter().map(|j| (*j, commitment(&honest(), &salt(1), who))).collect();
			assert_ok!(Attribution::commit(RuntimeOrigin::signed(who.clone()), cs));
		}
		// all or nothing: one bad reveal in the batch undoes the batch
		let bad = vec![
			Reveal { job: jobs[0], shares: honest(), salt: salt(1) },
			Reveal { job: jobs[1], shares: honest(), salt: salt(2) },
		];
		assert_noop!(Attribution::reveal(RuntimeOrigin::signed(m[0].clone()), bad), Error::<Test>::CommitmentMismatch);
		for who in &m {
			let rs = jobs.iter().map(|j| Reveal { job: *j, shares: honest(), salt: salt(1) }).collect();
			assert_ok!(Attribution::reveal(RuntimeOrigin::signed(who.clone()), rs));
		}
		assert!(jobs.iter().all(|j| Results::<Test>::get(j).is_some()));
		check();
	});
}

#[test]
fn try_state_catches_a_broken_record() {
	ExtBuilder::default().build().execute_with(|| {
		attestors(2);
		check();
		Attestors::<Test>::mutate(account(1), |a| {
			if let Some(a) = a {
				a.bond += 1;
			}
		});
		assert!(Attribution::do_try_state().is_err());
	});
}

// ---- the off-chain worker ----

mod worker {
	use super::*;
	use codec::Decode;
	use frame_support::traits::UnfilteredDispatchable;
	use openledger_primitives::attribution::{
		engine::{AttributionExt, Scorer},
		ScoreError, ScoreRequest,
	};
	use sp_core::offchain::{testing, OffchainDbExt, OffchainWorkerExt, TransactionPoolExt};
	use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
	use std::sync::{Arc, Mutex};

	/// An engine that answers `honest()` and remembers what it was asked.
	struct FixedScorer(Arc<Mutex<Vec<ScoreRequest>>>);

	impl Scorer for FixedScorer {
		fn score(&mut self, request: &ScoreRequest) -> Result<Vec<Share>, ScoreError> {
			self.0.lock().map_err(|_| ScoreError::Invalid)?.push(request.clone());
			Ok(honest())
		}
	}

	/// A test runtime with an `attr` key in the keystore (its account endowed), off-chain
	/// storage and a transaction pool: the externalities, the key's account, and a function that
	/// takes the newest transaction out of the pool.
	fn worker_ext() -> (sp_io::TestExternalities, AccountId, impl Fn() -> Option<Vec<u8>>) {
		let keystore = MemoryKeystore::new();
		let public = keystore
			.sr25519_generate_new(openledger_primitives::attribution::KEY_TYPE, Some("//Attestor"))
			.expect("key");
		let me = account_of(public);
		let mut ext = ExtBuilder::default().with_accounts(vec![me.clone()]).build();
		let (offchain, _state) = testing::TestOffchainExt::new();
		let (pool, pool_state) = testing::TestTransactionPoolExt::new();
		ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
		ext.register_extension(OffchainDbExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));
		ext.register_extension(KeystoreExt::new(keystore));
		(ext, me, move || pool_state.write().transactions.pop())
	}

	#[test]
	fn the_worker_scores_commits_and_reveals() {
		let (mut ext, me, pop) = worker_ext();
		let asked = Arc::new(Mutex::new(Vec::new()));
		ext.register_extension(AttributionExt::new(FixedScorer(asked.clone())));

		ext.execute_with(|| {
			assert_ok!(Attribution::register_attestor(RuntimeOrigin::signed(me.clone()), MIN_BOND));
			let job = open();
			assert_eq!(committee(job), vec![me.clone()]);

			Attribution::work(1);
			let tx = pop().expect("a commitment");
			let tx = Extrinsic::decode(&mut &*tx).expect("decodes");
			let commit = tx.function.clone();
			assert!(
				matches!(&commit, RuntimeCall::Attribution(Call::commit { commitments }) if commitments.len() == 1)
			);
			// the engine got the lineage members in order and the query
			let request = asked.lock().map(|a| a[0].clone()).expect("asked");
			assert_eq!(request.contributions.len(), 6);
			assert_eq!(request.contributions[0].0, ContributionRef { datanet: 0, index: 0 });
			assert_eq!(request.contributions[5].0, ContributionRef { datanet: 1, index: 1 });
			assert_eq!(request.weights, H256::repeat_byte(0xee));
			assert_eq!(request.top_k, 4);

			// no second submission while the first may still land
			Attribution::work(1);
			assert!(pop().is_none());

			assert_ok!(commit.dispatch_bypass_filter(RuntimeOrigin::signed(me.clone())));
			System::set_block_number(2);
			Attribution::work(2);
			let tx = pop().expect("a reveal");
			let tx = Extrinsic::decode(&mut &*tx).expect("decodes");
			assert!(
				matches!(&tx.function, RuntimeCall::Attribution(Call::reveal { reveals }) if reveals[0].shares == honest())
			);
			// the engine was asked once: the answer was kept with its salt
			assert_eq!(asked.lock().map(|a| a.len()).expect("asked"), 1);
			assert_ok!(tx.function.dispatch_bypass_filter(RuntimeOrigin::signed(me.clone())));
			let result = Results::<Test>::get(job).expect("final");
			assert_eq!(result.agreed.into_inner(), vec![me.clone()]);
			check();
		});
	}

	#[test]
	fn without_an_engine_the_worker_stays_silent() {
		let (mut ext, me, pop) = worker_ext();
		ext.execute_with(|| {
			assert_ok!(Attribution::register_attestor(RuntimeOrigin::signed(me.clone()), MIN_BOND));
			open();
			Attribution::work(1);
			assert!(pop().is_none());
			check();
		});
	}
}
