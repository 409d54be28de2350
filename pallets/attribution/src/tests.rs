//! Unit tests of every call, hook and error, of the attacks the pallet must withstand, and of
//! the off-chain worker; and a simulation of committee capture that prints its figures.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::Pays,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
};
use openledger_primitives::{
	attribution::{
		commitment, Answer, AttributionProvider, ContributionRef, DataShares, JobLoad, LineageShare, Share, Unscorable,
		PARTS_PER_MILLION,
	},
	models::{bounds, Architecture, ModelCatalog, ModelId, ModelStatus},
};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill, TokenError};

fn signed(n: u8) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(n))
}

fn held(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AttestorBond.into(), who)
}

fn fee_held(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::JobFee.into(), who)
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

/// Opens a job (root, no fee) in this block, without drawing its committee.
fn open_now() -> JobId {
	let id = NextJobId::<Test>::get();
	assert_ok!(Attribution::open_job(RuntimeOrigin::root(), 0, 7, b"input".to_vec(), b"output".to_vec()));
	id
}

/// Whether job `id`'s committee has been drawn (it may be empty if no attestor is active).
fn drawn(id: JobId) -> bool {
	id < DrawCursor::<Test>::get() && !Waiting::<Test>::contains_key(id)
}

/// Opens a job and moves to the next block, which draws its committee.
fn open() -> JobId {
	let id = open_now();
	next_block();
	id
}

/// The blocks of a job opened in block `opened`: its draw, commit deadline, reveal deadline.
fn deadlines(opened: u64) -> (u64, u64, u64) {
	let drawn = opened + 1;
	(drawn, drawn + COMMIT, drawn + COMMIT + REVEAL)
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

fn commit_answer(who: &AccountId, job: JobId, answer: &Answer) {
	let c = commitment(answer, &salt(1), who);
	assert_ok!(Attribution::commit(RuntimeOrigin::signed(who.clone()), vec![(job, c)]));
}

fn reveal_answer(who: &AccountId, job: JobId, answer: &Answer) {
	assert_ok!(Attribution::reveal(
		RuntimeOrigin::signed(who.clone()),
		vec![Reveal { job, answer: answer.clone(), salt: salt(1) }]
	));
}

fn commit_as(who: &AccountId, job: JobId, shares: &[Share]) {
	commit_answer(who, job, &Answer::Shares(shares.to_vec()));
}

fn reveal_as(who: &AccountId, job: JobId, shares: &[Share]) {
	reveal_answer(who, job, &Answer::Shares(shares.to_vec()));
}

/// Every member of `members` commits to `answer_of(member)`, then every one reveals it.
fn all_answer(job: JobId, members: &[AccountId], answer_of: impl Fn(&AccountId) -> Vec<Share>) {
	all_report(job, members, |who| Answer::Shares(answer_of(who)));
}

/// As [`all_answer`], with any answer.
fn all_report(job: JobId, members: &[AccountId], answer_of: impl Fn(&AccountId) -> Answer) {
	for who in members {
		commit_answer(who, job, &answer_of(who));
	}
	for who in members {
		reveal_answer(who, job, &answer_of(who));
	}
}

/// `payer` pays for a job of model 0 explaining batch `batch`, as settlement opens them.
fn paid_job(payer: &AccountId, batch: u64) -> Result<JobId, DispatchError> {
	let request = JobRequest { model: 0, subject: Subject::Batch { batch, queries: H256::zero() } };
	<Attribution as AttributionProvider<_, _>>::open_job(request, JobLoad::one(b"output"), payer)
}

/// Moves one block on, running its `on_initialize`; each block's parent hash differs.
fn next_block() {
	let next = System::block_number().saturating_add(1);
	System::set_parent_hash(H256::from_low_u64_be(next));
	System::set_block_number(next);
	Attribution::on_initialize(next);
}

/// Moves to block `n`, running `on_initialize` of every block passed.
fn run_to(n: u64) {
	while System::block_number() < n {
		next_block();
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
fn registering_refuses_bad_bonds_and_a_full_set_of_larger_bonds() {
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
		// a full set of equal bonds: an equal bond does not get in
		assert_noop!(Attribution::register_attestor(signed(9), MIN_BOND), Error::<Test>::TooManyAttestors);
		assert_eq!(held(&account(9)), 0);
		check();
	});
}

/// The attack: attackers fill the active set (64 in the runtime) while honest attestors are out
/// (struck, unbonding), and hold it: a full set had no eviction. Now a larger bond displaces the
/// smallest, whose bond unbonds.
#[test]
fn a_full_set_admits_a_larger_bond() {
	ExtBuilder::default().build_and_execute(|| {
		for a in 1..=8 {
			assert_ok!(Attribution::register_attestor(signed(a), MIN_BOND + u128::from(a)));
		}
		// account 1 holds the smallest bond
		assert_ok!(Attribution::register_attestor(signed(9), MIN_BOND + 5));
		let until = System::block_number() + UNBONDING;
		assert!(events().contains(&Event::AttestorDisplaced { attestor: account(1), by: account(9), until }));
		let active = ActiveAttestors::<Test>::get();
		assert_eq!(active.len(), 8);
		assert!(active.iter().any(|(a, _)| a == &account(9)));
		assert!(!active.iter().any(|(a, _)| a == &account(1)));
		assert_eq!(Attestors::<Test>::get(account(1)).map(|a| a.state), Some(AttestorState::Unbonding { until }));
		// its bond stays held, slashable, until it unbonds
		assert_eq!(held(&account(1)), MIN_BOND + 1);
		run_to(until);
		assert_ok!(Attribution::withdraw_unbonded(signed(1)));
		assert_eq!(Balances::balance(&account(1)), ENDOWMENT);
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
fn a_job_gets_a_committee_in_the_next_block_assignments_and_a_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(5);
		let job = open_now();
		// nobody sits on it yet: the draw waits for a block hash nobody knows at payment
		assert!(committee(job).is_empty());
		let (drawn, commit_deadline, deadline) = deadlines(1);
		assert!(Waiting::<Test>::contains_key(job) && Deadlines::<Test>::get(deadline).is_empty());
		let input = H256(sp_io::hashing::blake2_256(b"input"));
		let output = H256(sp_io::hashing::blake2_256(b"output"));
		let request = JobRequest { model: 0, subject: Subject::Inference { inference: 7, input, output } };
		assert!(events().contains(&Event::JobOpened { job, request, fee: 0 }));
		next_block();
		assert_eq!(System::block_number(), drawn);
		assert_eq!(Deadlines::<Test>::get(deadline).into_inner(), vec![job]);
		assert!(!Waiting::<Test>::contains_key(job));
		let members = committee(job);
		assert_eq!(members.len(), 3);
		assert!(members.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
		for m in &members {
			assert!(Assignments::<Test>::contains_key(m, job));
		}
		assert!(events().contains(&Event::CommitteeDrawn {
			job,
			committee: members.clone(),
			commit_deadline,
			reveal_deadline: deadline
		}));
		// the draw is a function of the job and the randomness of the block that drew it
		assert_eq!(Attribution::draw(job).iter().map(|m| m.account.clone()).collect::<Vec<_>>(), members);
		check();
	});
}

/// The attack: the committee's seed (parent hash and job id) was known when the job was paid
/// for, so a payer could pad with dummy jobs to land a chosen job on a chosen committee. Now the
/// committee is drawn in the block after the payment, from that block's parent hash: the hash of
/// the block that included the payment, which the payer does not know when it signs.
#[test]
fn the_committee_depends_on_a_hash_the_payer_could_not_know() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(8);
		// the same job id drawn after different blocks: different committees, for some hashes
		let mut seen = std::collections::BTreeSet::new();
		for parent in 0..20u64 {
			System::set_parent_hash(H256::from_low_u64_be(1_000 + parent));
			seen.insert(Attribution::draw(0).iter().map(|m| m.account.clone()).collect::<Vec<_>>());
		}
		assert!(seen.len() > 5, "{} committees from 20 parent hashes", seen.len());
		// and a job is drawn from the hash of its own block, in the next
		let job = open_now();
		System::set_parent_hash(H256::repeat_byte(0x42));
		let expected: Vec<AccountId> = Attribution::draw(job).iter().map(|m| m.account.clone()).collect();
		System::set_block_number(2);
		Attribution::on_initialize(2);
		assert_eq!(committee(job), expected);
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
fn a_block_draws_at_most_its_slots_and_later_jobs_wait_in_order() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		// the line holds six (`MaxWaitingJobs`); a block draws two (`MaxJobsPerBlock`)
		let ids: Vec<JobId> = (0..MaxWaitingJobs::get()).map(|_| open_now()).collect();
		assert_noop!(
			Attribution::open_job(RuntimeOrigin::root(), 0, 1, Vec::new(), Vec::new()),
			Error::<Test>::TooManyJobs
		);
		let (_, _, deadline) = deadlines(1);
		next_block();
		assert_eq!(Deadlines::<Test>::get(deadline).into_inner(), ids[..2]);
		assert!(committee(ids[2]).is_empty() && Waiting::<Test>::contains_key(ids[2]));
		// room again, behind the four still waiting
		let later = open_now();
		for (k, drawn) in ids[2..].chunks(2).enumerate() {
			next_block();
			assert_eq!(Deadlines::<Test>::get(deadline + 1 + k as u64).into_inner(), drawn);
		}
		assert!(committee(later).is_empty());
		next_block();
		assert_eq!(Deadlines::<Test>::get(deadline + 3).into_inner(), vec![later]);
		assert_eq!(DrawCursor::<Test>::get(), NextJobId::<Test>::get());
		assert_eq!(WaitingTotal::<Test>::get(), 0);
		check();
	});
}

/// The attack: a model owner registers models whose first job takes an attestor's engine
/// seconds, and pays jobs on several of them in a block, cycling through more than an engine
/// keeps, so that every job is a first one and every committee misses its commit deadline and
/// is struck; or a provider submits batches of many queries, each a pass over the lineage. The
/// chain draws no more work than the attestors answer in time: a job whose draw would take the
/// backlog past `MaxWorkBacklog` waits; a block's second draw on a model adds only its own
/// queries; each block works off `WorkPerBlock`; a job larger than the whole backlog is refused
/// outright.
///
/// And the attack on that defence: light traffic that keeps the backlog up would shut out a
/// heavy model if a job were admitted only when it fits. Jobs wait in the order they opened,
/// so the light jobs paid after a heavy one wait behind it, and a full line refuses a light job
/// as it refuses a heavy one.
#[test]
fn work_beyond_what_attestors_answer_in_time_waits_its_turn() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		JobFee::set(10);
		// 2,400 parameters: its Hessian's factorisations alone take seconds
		let heavy = Architecture::SoftmaxRegression { features: 47, classes: 50, l2: Perbill::from_percent(1) };
		for model in 1..=3 {
			FakeModels::register_as(model, vec![(0, 1)], heavy);
		}
		let one = JobLoad::one(b"");
		let (cold, own) = Attribution::work_of(1, one);
		let (light_cold, light_own) = Attribution::work_of(0, one);
		assert_eq!((cold, own), (bounds::cold_start(&heavy, 4), bounds::job_work(&heavy, 4, one)));
		let cost = cold + own;
		assert!(cold > 4_000_000 && own > 0 && 2 * cost <= MaxWorkBacklog::get() && 3 * cost > MaxWorkBacklog::get());
		assert!(light_cold + light_own < 100_000);
		let payer = account(8);
		let job = |model: ModelId, batch: u64, load: JobLoad| {
			let request = JobRequest { model, subject: Subject::Batch { batch, queries: H256::zero() } };
			<Attribution as AttributionProvider<_, _>>::open_job(request, load, &payer)
		};
		// block 1: three heavy models; the line's work is then past `MaxWaitingWork`, and a
		// light job is refused like a heavy one, nothing held
		let heavies: Vec<JobId> = (1..=3).map(|m| job(m, u64::from(m), one).unwrap()).collect();
		assert_eq!(WaitingTotal::<Test>::get(), 3 * cost);
		let before = fee_held(&payer);
		assert_noop!(job(0, 9, one), Error::<Test>::AttestorsBusy);
		assert_noop!(job(1, 9, one), Error::<Test>::AttestorsBusy);
		assert_eq!(fee_held(&payer), before);
		next_block();
		// block 2: two are drawn, filling the backlog nearly to its top; the third waits
		assert_eq!(WorkBacklog::<Test>::get(), 2 * cost);
		assert!(drawn(heavies[1]) && !drawn(heavies[2]));
		assert_eq!(DrawCursor::<Test>::get(), heavies[2]);
		// light traffic each block would keep the backlog above what the heavy job needs; it
		// waits behind the heavy job instead
		let mut light = Vec::new();
		let mut waited = 0u64;
		let behind = 2 * cost;
		while !drawn(heavies[2]) {
			light.push(job(0, 10 + waited, one).unwrap());
			next_block();
			waited += 1;
			assert!(light.iter().all(|l| !drawn(*l) || drawn(heavies[2])));
		}
		// drawn as soon as the backlog had room for it, light jobs paid meanwhile behind it
		assert!(waited > 0 && !light.is_empty());
		assert_eq!(waited, (behind + cost - MaxWorkBacklog::get()).div_ceil(WorkPerBlock::get()));
		assert!(WorkBacklog::<Test>::get() <= MaxWorkBacklog::get());
		// a second draw on a model in one block adds only its own queries
		run_to(System::block_number() + 10);
		assert_eq!(WorkBacklog::<Test>::get(), 0);
		let (a, b) = (job(0, 20, one).unwrap(), job(0, 21, one).unwrap());
		next_block();
		assert!(drawn(a) && drawn(b));
		assert_eq!(WorkBacklog::<Test>::get(), light_cold + 2 * light_own);
		// a batch whose queries alone are more than the attestors answer in time: split it
		let many = JobLoad { queries: 10_000, output_bytes: 0 };
		assert!(Attribution::work_of(1, many).1 > MaxWorkBacklog::get());
		assert_noop!(job(1, 30, many), Error::<Test>::JobTooLarge);
		// a model beyond the bounds costs nothing: attestors report it without computing
		let beyond = Architecture::SoftmaxRegression { features: 63, classes: 64, l2: Perbill::from_percent(1) };
		FakeModels::register_as(4, vec![(0, 1)], beyond);
		assert_eq!(Attribution::work_of(4, many), (0, 0));
		check();
	});
}

/// The attack: a heavy job paid a light job's fee, so a few of the heaviest jobs filled the
/// waiting line's work and refused every payer for the price of a few light jobs. A job now pays
/// the fee once for each share of the attestors' work in a block (`WorkPerBlock /
/// MaxJobsPerBlock`) that it asks: filling the line with heavy jobs costs what the same work in
/// light jobs costs, and the fees go to the attestors who do it.
#[test]
fn a_job_pays_the_fee_for_each_share_of_a_blocks_work_it_asks() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		JobFee::set(10);
		let unit = Attribution::fee_unit();
		assert_eq!(unit, WorkPerBlock::get() / u64::from(MaxJobsPerBlock::get()));
		// 2,912 parameters: its first job alone is several seconds
		let heavy = Architecture::SoftmaxRegression { features: 55, classes: 52, l2: Perbill::from_percent(1) };
		for model in 1..=3 {
			FakeModels::register_as(model, vec![(0, 1)], heavy);
		}
		let one = JobLoad::one(b"");
		let (cold, own) = Attribution::work_of(1, one);
		let units = (cold + own).div_ceil(unit);
		assert!(units > 2 && cold + own <= MaxWorkBacklog::get(), "{} µs", cold + own);
		let heavy_fee = 10 * u128::from(units);
		// the fee follows the work: a light job one fee, a heavy one a fee a unit, an unknown
		// model one
		assert_eq!(Attribution::job_fee(0, one), 10);
		assert_eq!(Attribution::job_fee(1, one), heavy_fee);
		assert_eq!(Attribution::job_fee(99, one), 10);
		assert_eq!((Attribution::fee_for(unit), Attribution::fee_for(unit + 1)), (10, 20));
		// the attacker fills the line's work with heavy jobs, each holding its fee
		let attacker = account(9);
		let mut opened = 0u64;
		for model in 1..=3u32 {
			let request =
				JobRequest { model, subject: Subject::Batch { batch: u64::from(model), queries: H256::zero() } };
			match <Attribution as AttributionProvider<_, _>>::open_job(request, one, &attacker) {
				Ok(job) => {
					assert_eq!(Jobs::<Test>::get(job).map(|j| j.fee), Some(heavy_fee));
					opened += 1;
				},
				Err(e) => assert_eq!(e, Error::<Test>::AttestorsBusy.into()),
			}
		}
		assert!(WaitingTotal::<Test>::get() > MaxWaitingWork::get());
		assert_noop!(paid_job(&account(8), 7), Error::<Test>::AttestorsBusy);
		// it paid a fee for every unit of the work it put in the line, as light jobs of the
		// same work would (one flat fee a job paid a fraction of that)
		let held = fee_held(&attacker);
		assert_eq!(held, u128::from(opened) * heavy_fee);
		assert!(held * u128::from(unit) >= JobFee::get() * u128::from(WaitingTotal::<Test>::get()));
		// the line moves on, and the fees pay the attestors who carried the jobs
		run_to(System::block_number() + 40);
		assert_eq!(fee_held(&attacker), 0);
		check();
	});
}

/// A chain at storage version 0 upgraded in the block after jobs opened: the jobs the last block
/// opened (`PendingDraws`, with their deadlines set) are drawn with those deadlines, the old
/// values are removed, and the waiting line starts empty at the next job.
#[test]
fn the_upgrade_to_a_waiting_line_draws_the_jobs_the_last_block_opened() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open_now();
		// as version 0 left it: the job due at its deadline, pending its draw
		let (_, commit_deadline, reveal_deadline) = deadlines(1);
		Waiting::<Test>::remove(job);
		WaitingTotal::<Test>::kill();
		DrawCursor::<Test>::kill();
		Jobs::<Test>::mutate(job, |j| {
			let j = j.as_mut().unwrap();
			(j.commit_deadline, j.reveal_deadline) = (commit_deadline, reveal_deadline);
		});
		Deadlines::<Test>::insert(reveal_deadline, frame_support::BoundedVec::truncate_from(vec![job]));
		let key = |name: &[u8]| frame_support::storage::storage_prefix(b"Attribution", name).to_vec();
		frame_support::storage::unhashed::put(&key(b"PendingDraws"), &vec![job]);
		frame_support::storage::unhashed::put(&key(b"ColdCounted"), &vec![0u32]);
		StorageVersion::new(0).put::<Attribution>();
		System::set_block_number(2);

		crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Attribution::on_chain_storage_version(), 1);
		assert_eq!(committee(job).len(), 3);
		let job_now = Jobs::<Test>::get(job).unwrap();
		assert_eq!((job_now.commit_deadline, job_now.reveal_deadline), (commit_deadline, reveal_deadline));
		assert!(frame_support::storage::unhashed::get_raw(&key(b"PendingDraws")).is_none());
		assert!(frame_support::storage::unhashed::get_raw(&key(b"ColdCounted")).is_none());
		assert_eq!(DrawCursor::<Test>::get(), NextJobId::<Test>::get());
		check();
		// run again, it does nothing
		crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(DrawCursor::<Test>::get(), NextJobId::<Test>::get());
		next_block();
		assert!(Deadlines::<Test>::get(reveal_deadline).contains(&job));
		check();
	});
}

/// A heavy job drawn at once raises no fee; and a job whose work is above the bound (only after a
/// runtime lowered it while the job waited) is drawn from an empty backlog rather than stall
/// the line for good.
#[test]
fn a_job_above_a_lowered_bound_is_drawn_rather_than_stall_the_line() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		JobFee::set(10);
		let heavy = Architecture::SoftmaxRegression { features: 47, classes: 50, l2: Perbill::from_percent(1) };
		FakeModels::register_as(1, vec![(0, 1)], heavy);
		let one = JobLoad::one(b"");
		let (cold, own) = Attribution::work_of(1, one);
		let payer = account(8);
		let job = |model: ModelId, batch: u64| {
			let request = JobRequest { model, subject: Subject::Batch { batch, queries: H256::zero() } };
			<Attribution as AttributionProvider<_, _>>::open_job(request, one, &payer)
		};
		let first = job(1, 0).unwrap();
		next_block();
		assert!(drawn(first));
		assert_eq!(Attribution::fee_for(0), 10, "drawn at once: nothing waited, no fee rise");
		run_to(System::block_number() + 5);
		assert_eq!(WorkBacklog::<Test>::get(), 0);
		// the bound falls below the job's work while it waits, behind a light job
		let (stuck, light) = (job(1, 1).unwrap(), job(0, 2).unwrap());
		MaxWorkBacklog::set(cold + own - 1);
		next_block();
		assert!(drawn(stuck), "drawn from an empty backlog");
		assert!(!drawn(light), "the backlog is past the bound: the next waits");
		run_to(System::block_number() + 5);
		assert!(drawn(light));
		MaxWorkBacklog::set(12_000_000);
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

// ---- fees ----

/// The attack: a job cost its opener only a transaction fee while each member's reveal was
/// charged the worst-case settlement; about 32 price-0 payments a block filled every deadline
/// slot and every honest payment failed. Now a job holds a fee from its opener until it is final
/// (it pays the members who carried it), a block draws at most `MaxJobsPerBlock` committees,
/// later jobs wait in order, and the fee rises by up to an eighth each block while more than
/// half a block's draws wait: filling the draws costs exponentially more, and filling the line
/// refuses the attacker as it refuses anyone.
#[test]
fn filling_the_draws_costs_more_each_block() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		JobFee::set(100);
		let attacker = account(9);
		let mut paid = Vec::new();
		for _ in 0..6 {
			let before = Balances::balance(&attacker);
			for _ in 0..2 {
				assert_ok!(paid_job(&attacker, 0));
			}
			paid.push(before - Balances::balance(&attacker));
			next_block();
		}
		// full draws: +1/8 a block (100, 112, 126, 142, 160, 180 per job, rounded down)
		assert_eq!(paid, vec![200, 224, 252, 284, 320, 360]);
		// an honest payment still opens, and is drawn with the next block's
		let honest = paid_job(&account(8), 1).unwrap();
		next_block();
		assert!(!committee(honest).is_empty());
		// the attacker fills the line: then anyone is refused alike, nothing held
		while paid_job(&attacker, 0).is_ok() {}
		assert_eq!(NextJobId::<Test>::get() - DrawCursor::<Test>::get(), u64::from(MaxWaitingJobs::get()));
		assert_noop!(paid_job(&account(8), 1), Error::<Test>::TooManyJobs);
		assert!(Attribution::fee_for(0) > 200);
		// and it falls back as the line empties
		let high = Attribution::fee_for(0);
		run_to(System::block_number() + 60);
		assert!(Attribution::fee_for(0) < high);
		assert_eq!(Attribution::fee_for(0), 100, "back at the base after enough empty blocks");
		check();
	});
}

#[test]
fn the_job_fee_is_held_and_pays_the_members_who_carried_the_job() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		JobFee::set(300);
		let payer = account(9);
		let job = NextJobId::<Test>::get();
		assert_ok!(paid_job(&payer, 0));
		assert_eq!(fee_held(&payer), 300);
		let request = JobRequest { model: 0, subject: Subject::Batch { batch: 0, queries: H256::zero() } };
		assert!(events().contains(&Event::JobOpened { job, request, fee: 300 }));
		next_block();
		let m = committee(job);
		let before: Vec<Balance> = m.iter().map(Balances::balance).collect();
		all_answer(job, &m, |who| if who == &m[2] { shares(&[(0, 3, 1_000_000)]) } else { honest() });
		assert_eq!(fee_held(&payer), 0);
		assert_eq!(Balances::balance(&payer), ENDOWMENT - 300);
		// the two who agreed share it; the outlier gets nothing
		assert_eq!(Balances::balance(&m[0]) - before[0], 150);
		assert_eq!(Balances::balance(&m[1]) - before[1], 150);
		assert_eq!(Balances::balance(&m[2]), before[2]);
		check();
	});
}

#[test]
fn a_job_nobody_carries_pays_its_fee_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		JobFee::set(300);
		assert_ok!(paid_job(&account(9), 0));
		run_to(deadlines(1).2);
		assert_eq!(Balances::balance(&TREASURY), 1 + 300);
		assert_eq!(fee_held(&account(9)), 0);
		check();
	});
}

#[test]
fn valid_commits_and_reveals_pay_no_fee_and_invalid_ones_pay() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		let c = commitment(&Answer::Shares(honest()), &salt(1), &m[0]);
		let info = Attribution::commit(RuntimeOrigin::signed(m[0].clone()), vec![(job, c)]).expect("commits");
		assert_eq!(info.pays_fee, Pays::No);
		let refused = Attribution::commit(RuntimeOrigin::signed(account(9)), vec![(job, c)]).expect_err("no member");
		assert_eq!(refused.post_info.pays_fee, Pays::Yes);
		for who in &m[1..] {
			commit_as(who, job, &honest());
		}
		let reveal = |who: &AccountId| {
			Attribution::reveal(
				RuntimeOrigin::signed(who.clone()),
				vec![Reveal { job, answer: Answer::Shares(honest()), salt: salt(1) }],
			)
		};
		let info = reveal(&m[0]).expect("reveals");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::reveal(1)), "no finalisation in this reveal");
		assert_eq!(reveal(&m[0]).expect_err("again").post_info.pays_fee, Pays::Yes);
		reveal(&m[1]).expect("reveals");
		// the last reveal finalises the job: charged (as weight) the settlement it ran
		let info = reveal(&m[2]).expect("reveals");
		assert_eq!(info.pays_fee, Pays::No);
		assert!(info.actual_weight.is_some_and(|w| w.all_gte(<() as WeightInfo>::reveal(1))));
		check();
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
		run_to(deadlines(1).1);
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
			Attribution::reveal(
				RuntimeOrigin::signed(who.clone()),
				vec![Reveal { job, answer: Answer::Shares(shares), salt: salt(s) }],
			)
		};
		// one member has not committed and the commit period runs
		assert_noop!(reveal(&m[0], answer.clone(), 1), Error::<Test>::RevealClosed);
		let (_, commit_deadline, deadline) = deadlines(1);
		run_to(commit_deadline);
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
		run_to(deadline - 1);
		check();
		// the deadline makes it final; later reveals find no job
		run_to(deadline);
		assert_noop!(reveal(&m[1], answer, 1), Error::<Test>::UnknownJob);
		check();
	});
}

/// The attack: a reveal could name any contribution — even one outside the model's lineage —
/// and a committee the attacker decided paid it. Now a reveal may name only members of the
/// job's lineage versions: a contribution of another datanet, one beyond a version's members,
/// or one of a version the lineage does not hold is refused.
#[test]
fn a_reveal_outside_the_lineage_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		// datanet 0 version 2 holds six contributions; the model is trained on version 1 (four)
		FakeDatanets::publish(0, 2, 6);
		FakeDatanets::publish(7, 1, 3);
		let job = open();
		let m = committee(job);
		let outside = [
			shares(&[(7, 0, 1_000_000)]),                // another datanet
			shares(&[(0, 5, 1_000_000)]),                // in version 2, not version 1
			shares(&[(0, 1, 500_000), (1, 2, 500_000)]), // datanet 1 version 1 has two members
		];
		for (who, answer) in m.iter().zip(outside) {
			commit_as(who, job, &answer);
		}
		for (who, answer) in m.iter().zip([
			shares(&[(7, 0, 1_000_000)]),
			shares(&[(0, 5, 1_000_000)]),
			shares(&[(0, 1, 500_000), (1, 2, 500_000)]),
		]) {
			assert_noop!(
				Attribution::reveal(
					RuntimeOrigin::signed(who.clone()),
					vec![Reveal { job, answer: Answer::Shares(answer), salt: salt(1) }]
				),
				Error::<Test>::NotInLineage
			);
		}
		// members of the lineage are accepted
		let job = open();
		all_answer(job, &committee(job), |_| honest());
		assert!(Results::<Test>::get(job).is_some());
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
		assert_eq!(result.final_at, deadlines(1).0);
		assert!(Jobs::<Test>::get(job).is_none());
		assert!(Deadlines::<Test>::get(deadlines(1).2).is_empty());
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

/// A job whose committee is two attestors of `MIN_BOND` and one (account 3) of 900 times as
/// much: the job, its committee, the large bond.
fn whale_job() -> (JobId, Vec<AccountId>, AccountId) {
	assert_ok!(Attribution::register_attestor(signed(1), MIN_BOND));
	assert_ok!(Attribution::register_attestor(signed(2), MIN_BOND));
	assert_ok!(Attribution::register_attestor(signed(3), 900 * MIN_BOND));
	let job = open();
	let m = committee(job);
	assert_eq!(m.len(), 3);
	(job, m, account(3))
}

/// The attack: committees were weighed by bond, the median taken bond-weighted with ties to the
/// lower value, so one member holding half a committee's bond decided its result alone. Now
/// every seat counts the same: the largest bond outvoted by two small ones changes nothing, is
/// struck, and earns nothing.
#[test]
fn one_large_bond_decides_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (job, m, whale) = whale_job();
		let own = shares(&[(0, 3, 1_000_000)]);
		all_answer(job, &m, |who| if who == &whale { own.clone() } else { honest() });
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(honest().try_into().expect("fits")));
		assert!(!result.agreed.contains(&whale));
		assert_eq!(Attestors::<Test>::get(&whale).map(|a| a.strikes), Some(1));
		check();
	});
}

/// The attack: a member whose bond exceeds the rest of its committee's withheld the bond quorum
/// by staying silent, forcing the fallback on every job it sat on. Each seat's bond now counts
/// up to the committee's median bond: the others' reveals carry the quorum and the result.
#[test]
fn a_silent_large_bond_cannot_withhold_the_quorum() {
	ExtBuilder::default().build_and_execute(|| {
		let (job, m, whale) = whale_job();
		let honest_members: Vec<AccountId> = m.iter().filter(|a| **a != whale).cloned().collect();
		for who in &honest_members {
			commit_as(who, job, &honest());
		}
		let (_, commit_deadline, deadline) = deadlines(1);
		run_to(commit_deadline);
		for who in &honest_members {
			reveal_as(who, job, &honest());
		}
		run_to(deadline);
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(honest().try_into().expect("fits")));
		assert_eq!(Attestors::<Test>::get(&whale).map(|a| a.strikes), Some(1));
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
		let until = System::block_number() + UNBONDING;
		let slash = MIN_BOND / 10;
		let record = Attestors::<Test>::get(&outlier).expect("still bonded");
		assert_eq!(record.bond, MIN_BOND - slash);
		assert_eq!(record.strikes, 0);
		assert_eq!(record.state, AttestorState::Unbonding { until });
		assert_eq!(held(&outlier), MIN_BOND - slash);
		assert_eq!(Balances::balance(&TREASURY), 1 + slash);
		assert!(!ActiveAttestors::<Test>::get().iter().any(|(a, _)| a == &outlier));
		assert!(events().contains(&Event::AttestorSlashed { attestor: outlier.clone(), amount: slash, until }));
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
		// two of three seats reveal (67% ≥ 60%) and agree: final only at the deadline, since one
		// committed member is still due
		assert!(Results::<Test>::get(job).is_none());
		let deadline = deadlines(1).2;
		run_to(deadline);
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(honest().try_into().expect("fits")));
		assert_eq!(result.agreed.into_inner(), vec![m[0].clone(), m[1].clone()]);
		assert_eq!(result.final_at, deadline);
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
		let (_, commit_deadline, deadline) = deadlines(1);
		run_to(commit_deadline);
		reveal_as(&m[0], job, &honest());
		run_to(deadline);
		let result = Results::<Test>::get(job).expect("final");
		// datanet 0 version 1 has 4 rows, datanet 1 version 1 has 2
		let expected = vec![
			LineageShare { datanet: 0, version: 1, ppm: 666_667 },
			LineageShare { datanet: 1, version: 1, ppm: 333_333 },
		];
		assert_eq!(result.data, StoredShares::Lineage(expected.clone().try_into().expect("fits")));
		assert!(result.agreed.is_empty());
		assert!(events().contains(&Event::AttributionFellBack { job, lineage: expected.clone(), agreed: vec![] }));
		assert_eq!(Heard::all()[0].data, DataShares::Lineage(expected));
		// the lone revealer is not judged; the silent are struck
		assert_eq!(Attestors::<Test>::get(&m[0]).map(|a| a.strikes), Some(0));
		assert_eq!(Attestors::<Test>::get(&m[1]).map(|a| a.strikes), Some(1));
		assert_eq!(Attestors::<Test>::get(&m[2]).map(|a| a.strikes), Some(1));
		check();
	});
}

/// The attack: the fallback paid the lineage datanets' owners, so a datanet owner who made
/// jobs unscorable (or a committee that stayed silent) routed the data share to itself. It now
/// names the lineage versions, pro rata to their rows, for their members; a datanet named at
/// two versions counts once, at the later one (its rows entered the engine twice before).
#[test]
fn the_fallback_names_each_lineage_datanet_once_by_rows() {
	ExtBuilder::default().build_and_execute(|| {
		FakeDatanets::publish(0, 2, 6);
		FakeModels::register(2, vec![(0, 1), (1, 1), (0, 2)]);
		let request = JobRequest {
			model: 2,
			subject: Subject::Inference { inference: 0, input: H256::zero(), output: H256::zero() },
		};
		// datanet 0 once, at version 2 (6 rows), beside datanet 1 version 1 (2 rows)
		assert_eq!(
			Attribution::fallback(&request),
			vec![
				LineageShare { datanet: 0, version: 2, ppm: 750_000 },
				LineageShare { datanet: 1, version: 1, ppm: 250_000 },
			]
		);
	});
}

#[test]
fn without_a_majority_of_seats_the_result_falls_back() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		// three revealed answers, no two within tolerance
		let answers = [honest(), shares(&[(0, 2, 1_000_000)]), shares(&[(0, 3, 1_000_000)])];
		for (who, a) in m.iter().zip(&answers) {
			commit_as(who, job, a);
		}
		for (who, a) in m.iter().zip(&answers) {
			reveal_as(who, job, a);
		}
		let result = Results::<Test>::get(job).expect("final");
		assert!(matches!(result.data, StoredShares::Lineage(_)));
		assert!(result.agreed.is_empty());
		// everyone answered: nobody is struck
		assert!(m.iter().all(|a| Attestors::<Test>::get(a).is_some_and(|r| r.strikes == 0)));
		check();
	});
}

#[test]
fn no_attestors_means_fallback_at_the_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let job = open();
		assert!(committee(job).is_empty());
		run_to(deadlines(1).2);
		let result = Results::<Test>::get(job).expect("final");
		assert!(matches!(result.data, StoredShares::Lineage(_)));
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
		assert!(matches!(result.data, StoredShares::Lineage(_)));
		assert_eq!(result.agreed.into_inner(), m);
		check();
	});
}

#[test]
fn batches_commit_and_reveal_several_jobs() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let jobs = [open_now(), open_now()];
		next_block();
		let m = committee(jobs[0]);
		assert_eq!(committee(jobs[1]), m);
		let answer = Answer::Shares(honest());
		for who in &m {
			let cs = jobs.iter().map(|j| (*j, commitment(&answer, &salt(1), who))).collect();
			assert_ok!(Attribution::commit(RuntimeOrigin::signed(who.clone()), cs));
		}
		// all or nothing: one bad reveal in the batch undoes the batch
		let bad = vec![
			Reveal { job: jobs[0], answer: answer.clone(), salt: salt(1) },
			Reveal { job: jobs[1], answer: answer.clone(), salt: salt(2) },
		];
		assert_noop!(Attribution::reveal(RuntimeOrigin::signed(m[0].clone()), bad), Error::<Test>::CommitmentMismatch);
		for who in &m {
			let rs = jobs.iter().map(|j| Reveal { job: *j, answer: answer.clone(), salt: salt(1) }).collect();
			assert_ok!(Attribution::reveal(RuntimeOrigin::signed(who.clone()), rs));
		}
		assert!(jobs.iter().all(|j| Results::<Test>::get(j).is_some()));
		check();
	});
}

// ---- unscorable jobs ----

/// The attack: a payer opened jobs no engine can score (weights that are not safetensors, a
/// query that does not fit, data no node holds); no member could answer, every member was
/// struck, and three strikes slashed and removed honest attestors — at a few hundredths of an
/// OPEN a job, the whole set within minutes. Now members report why they cannot score, a
/// majority of reports makes the job unscorable, and nobody who reported is struck: a thousand
/// such jobs strike and slash no honest attestor, and every payer's escrow is refunded.
#[test]
fn a_thousand_unscorable_jobs_strike_no_honest_attestor() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		// every result kept, to be counted
		Retention::set(u64::MAX);
		let bonds: Vec<Balance> = (1..=3).map(|a| held(&account(a))).collect();
		let mut jobs = 0;
		while jobs < 1_000 {
			let opened = [open_now(), open_now()];
			next_block();
			for job in opened {
				let members = committee(job);
				assert_eq!(members.len(), 3);
				all_report(job, &members, |_| Answer::Unscorable(Unscorable::InvalidQuery));
				jobs += 1;
			}
		}
		assert_eq!(Results::<Test>::iter().count(), 1_000);
		assert!(Results::<Test>::iter_values().all(|r| r.data == StoredShares::Unscorable(Unscorable::InvalidQuery)));
		assert!(Heard::all()
			.iter()
			.all(|f| f.data == DataShares::Unscorable { reason: Unscorable::InvalidQuery, proven: true }));
		for a in 1..=3 {
			let record = Attestors::<Test>::get(account(a)).expect("bonded");
			assert_eq!((record.strikes, record.state), (0, AttestorState::Active));
		}
		assert_eq!((1..=3).map(|a| held(&account(a))).collect::<Vec<_>>(), bonds);
		assert!(!events().iter().any(|e| matches!(e, Event::AttestorStruck { .. } | Event::AttestorSlashed { .. })));
		check();
	});
}

#[test]
fn an_unscorable_job_strikes_only_the_silent_and_names_the_reason() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		commit_answer(&m[0], job, &Answer::Unscorable(Unscorable::MissingData));
		commit_answer(&m[1], job, &Answer::Unscorable(Unscorable::MissingData));
		commit_as(&m[2], job, &honest());
		let (_, commit_deadline, deadline) = deadlines(1);
		run_to(commit_deadline);
		reveal_answer(&m[0], job, &Answer::Unscorable(Unscorable::MissingData));
		reveal_answer(&m[1], job, &Answer::Unscorable(Unscorable::MissingData));
		// the third stays silent
		run_to(deadline);
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Unscorable(Unscorable::MissingData));
		assert!(events().contains(&Event::AttributionUnscorable {
			job,
			reason: Unscorable::MissingData,
			reporters: vec![m[0].clone(), m[1].clone()],
		}));
		assert_eq!(Attestors::<Test>::get(&m[0]).map(|a| a.strikes), Some(0));
		assert_eq!(Attestors::<Test>::get(&m[2]).map(|a| a.strikes), Some(1));
		// missing data says nothing against the model
		assert_eq!(<FakeModels as ModelCatalog>::model(0).map(|m| m.status), Some(ModelStatus::Active));
		check();
	});
}

/// A majority naming the model's own fault suspends it: weights the engine cannot read,
/// weights that pass the registry's checks but make the engine fail — an owner could otherwise
/// sell answers whose data share always went back to the payers, the contributors cut out — or
/// weights that are not what training on the declared lineage gives (a lineage routing the
/// data share to the owner's own datanet). Missing data and a false output say nothing against
/// the model; a reason is proven, and settlement may penalise for it, only when more than half
/// of the seats gave it.
#[test]
fn a_majority_reporting_the_models_fault_suspends_it() {
	use Unscorable::*;
	for (reports, reason, proven, status) in [
		([InvalidWeights, InvalidWeights, MissingData], InvalidWeights, true, ModelStatus::Suspended),
		([EngineFailure; 3], EngineFailure, true, ModelStatus::Suspended),
		([FalseLineage, MissingData, FalseLineage], FalseLineage, true, ModelStatus::Suspended),
		([MissingData, MissingData, InvalidWeights], MissingData, true, ModelStatus::Active),
		// two of three: proven, but not the model's fault
		([FalseOutput, MissingData, MissingData], MissingData, true, ModelStatus::Active),
		// one each: the first in declaration order, proven by no majority
		([FalseOutput, FalseLineage, InvalidQuery], InvalidQuery, false, ModelStatus::Active),
	] {
		ExtBuilder::default().build_and_execute(|| {
			attestors(3);
			let job = open();
			let m = committee(job);
			all_report(job, &m, |who| {
				let seat = m.iter().position(|a| a == who).unwrap_or(0);
				Answer::Unscorable(reports[seat])
			});
			assert_eq!(Results::<Test>::get(job).map(|r| r.data), Some(StoredShares::Unscorable(reason)));
			assert_eq!(Heard::all().last().map(|f| f.data.clone()), Some(DataShares::Unscorable { reason, proven }));
			assert_eq!(<FakeModels as ModelCatalog>::model(0).map(|m| m.status), Some(status), "{reports:?}");
			check();
		});
	}
}

/// A proven false output is not refunded — a payer who lied about the output would otherwise
/// buy the answer at a discount — nor paid to the lineage, whose owner may be the liar: the
/// data share goes to the treasury. The seats that proved it — only those who gave that reason
/// — earn the attestor share and the fee. The model is not at fault.
#[test]
fn a_proven_false_output_pays_the_seats_that_proved_it_and_no_lineage() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		all_report(job, &m, |who| {
			Answer::Unscorable(if who == &m[2] { Unscorable::MissingData } else { Unscorable::FalseOutput })
		});
		assert_eq!(Results::<Test>::get(job).map(|r| r.data), Some(StoredShares::FalseOutput));
		let heard = Heard::all().last().cloned().expect("heard");
		assert_eq!(heard.data, DataShares::FalseOutput);
		let mut proved = heard.agreed.clone();
		proved.sort();
		let mut expected = vec![m[0].clone(), m[1].clone()];
		expected.sort();
		assert_eq!(proved, expected, "the seats that proved it earn the attestor share");
		assert_eq!(<FakeModels as ModelCatalog>::model(0).map(|m| m.status), Some(ModelStatus::Active));
		assert!(m.iter().all(|a| Attestors::<Test>::get(a).map(|r| r.strikes) == Some(0)));
		check();
	});
}

/// A lazy member who always reports "unscorable" is outvoted and struck when the others score.
#[test]
fn a_false_unscorable_report_is_struck_when_the_majority_scores() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let job = open();
		let m = committee(job);
		all_report(job, &m, |who| {
			if who == &m[0] {
				Answer::Unscorable(Unscorable::EngineFailure)
			} else {
				Answer::Shares(honest())
			}
		});
		let result = Results::<Test>::get(job).expect("final");
		assert_eq!(result.data, StoredShares::Contributions(honest().try_into().expect("fits")));
		assert_eq!(Attestors::<Test>::get(&m[0]).map(|a| a.strikes), Some(1));
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

// ---- retention ----

/// Whether a result of `job` is kept, and settlement heard it forgotten.
fn kept(job: JobId) -> bool {
	let heard = HeardExpired::get().iter().any(|(j, _)| *j == job);
	assert_eq!(Results::<Test>::contains_key(job), !heard, "a result both kept and forgotten");
	!heard
}

#[test]
fn a_result_is_kept_for_the_retention_then_forgotten_with_its_query() {
	let mut ext = ExtBuilder::default().build();
	let job = ext.execute_with(|| {
		attestors(3);
		let opened = System::block_number();
		let job = open();
		let members = committee(job);
		all_answer(job, &members, |_| honest());
		let final_at = System::block_number();
		assert_eq!(Results::<Test>::get(job).map(|r| r.final_at), Some(final_at));
		run_to(final_at + RETAINED);
		assert!(kept(job));
		next_block();
		assert!(!kept(job));
		let subject = Subject::Inference {
			inference: 7,
			input: H256(sp_io::hashing::blake2_256(b"input")),
			output: H256(sp_io::hashing::blake2_256(b"output")),
		};
		assert_eq!(HeardExpired::get(), vec![(job, subject)]);
		assert!(events().contains(&Event::ResultsExpired { from: job, to: job + 1 }));
		assert_eq!(ExpiryCursor::<Test>::get(), job + 1);
		assert!(opened < final_at);
		check();
		job
	});
	// The query bytes the job explained are gone from the off-chain index.
	ext.persist_offchain_overlay();
	let subject = Subject::Inference {
		inference: 7,
		input: H256(sp_io::hashing::blake2_256(b"input")),
		output: H256(sp_io::hashing::blake2_256(b"output")),
	};
	assert_eq!(job, 0);
	for key in subject.query_keys() {
		assert_eq!(ext.offchain_db().get(&key), None);
	}
}

#[test]
fn the_query_of_a_kept_job_stays_in_the_index() {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		attestors(3);
		open();
	});
	ext.persist_offchain_overlay();
	let subject = Subject::Inference {
		inference: 7,
		input: H256(sp_io::hashing::blake2_256(b"input")),
		output: H256(sp_io::hashing::blake2_256(b"output")),
	};
	let keys = subject.query_keys();
	assert_eq!(ext.offchain_db().get(&keys[0]), Some(b"input".to_vec()));
	assert_eq!(ext.offchain_db().get(&keys[1]), Some(b"output".to_vec()));
}

#[test]
fn results_are_forgotten_in_the_order_jobs_opened() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		// the first job falls back at its deadline; the second, opened a block later, is final
		// at once
		let first = open();
		let second = open();
		let members = committee(second);
		all_answer(second, &members, |_| honest());
		let early = System::block_number();
		let (_, _, deadline) = deadlines(1);
		run_to(early + RETAINED + 1);
		// the second's retention is over, but the first's is not: both are kept
		assert!(early < deadline && kept(first) && kept(second));
		assert!(Jobs::<Test>::get(first).is_none());
		run_to(deadline + RETAINED);
		assert!(kept(first) && kept(second));
		next_block();
		assert!(!kept(first) && !kept(second));
		assert!(events().contains(&Event::ResultsExpired { from: first, to: second + 1 }));
		check();
	});
}

#[test]
fn an_open_job_stops_the_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		Retention::set(0);
		let job = open();
		let (_, _, deadline) = deadlines(1);
		run_to(deadline);
		// final in `deadline`'s on_initialize, forgotten in the next block's
		assert!(kept(job));
		let later = open_now();
		next_block();
		assert!(!kept(job));
		assert!(Jobs::<Test>::contains_key(later));
		assert_eq!(ExpiryCursor::<Test>::get(), later);
		check();
	});
}

#[test]
fn a_block_forgets_at_most_twice_its_job_slots() {
	ExtBuilder::default().build_and_execute(|| {
		attestors(3);
		let per_block = MaxJobsPerBlock::get();
		// three blocks' full slots, all falling back at their deadlines
		let mut jobs = Vec::new();
		for _ in 0..3 {
			for _ in 0..per_block {
				jobs.push(open_now());
			}
			next_block();
		}
		let (_, _, last_deadline) = deadlines(3);
		// every retention over at once: a runtime upgrade that shortened it, say
		run_to(last_deadline);
		Retention::set(0);
		next_block();
		let forgotten = jobs.iter().filter(|j| !kept(**j)).count() as u32;
		assert_eq!(forgotten, 2 * per_block);
		next_block();
		assert!(jobs.iter().all(|j| !kept(*j)));
		check();
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
	struct FixedScorer(Asked);

	impl Scorer for FixedScorer {
		fn score(&mut self, request: &ScoreRequest) -> Result<Vec<Share>, ScoreError> {
			self.0.lock().map_err(|_| ScoreError::Failed)?.push(request.clone());
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

	/// Runs `during` while another run holds the worker's lock of `kind` for (job, who).
	fn while_locked(kind: &[u8], job: JobId, who: &AccountId, during: impl FnOnce()) {
		use sp_runtime::offchain::storage_lock::{StorageLock, Time};
		let key = codec::Encode::encode(&(DOMAIN, kind, job, who));
		let mut lock = StorageLock::<Time>::new(&key);
		let guard = lock.try_lock().expect("the other run's lock");
		during();
		drop(guard);
	}

	/// What the test engine was asked.
	type Asked = Arc<Mutex<Vec<ScoreRequest>>>;

	/// [`worker_ext`] with an engine answering `honest()` (what it was asked, too) and the key's
	/// account registered as an attestor.
	fn attestor_with_engine() -> (sp_io::TestExternalities, AccountId, impl Fn() -> Option<Vec<u8>>, Asked) {
		let (mut ext, me, pop) = worker_ext();
		let asked = Arc::new(Mutex::new(Vec::new()));
		ext.register_extension(AttributionExt::new(FixedScorer(asked.clone())));
		ext.execute_with(|| {
			assert_ok!(Attribution::register_attestor(RuntimeOrigin::signed(me.clone()), MIN_BOND));
		});
		(ext, me, pop, asked)
	}

	#[test]
	fn the_worker_scores_commits_and_reveals() {
		let (mut ext, me, pop, asked) = attestor_with_engine();
		ext.execute_with(|| {
			// the last member of the lineage's second datanet arrived before all the others
			FakeDatanets::set_arrival(1, 1, 0);
			let job = open();
			assert_eq!(committee(job), vec![me.clone()]);

			Attribution::work(1);
			let tx = pop().expect("a commitment");
			let tx = Extrinsic::decode(&mut &*tx).expect("decodes");
			let commit = tx.function.clone();
			assert!(
				matches!(&commit, RuntimeCall::Attribution(Call::commit { commitments }) if commitments.len() == 1)
			);
			// the engine got the lineage members in order of arrival, each with its datanet's
			// copy radius, and the query
			let request = asked.lock().map(|a| a[0].clone()).expect("asked");
			let got: Vec<(u32, u32, u64, u32)> = request
				.contributions
				.iter()
				.map(|t| (t.contribution.datanet, t.contribution.index, t.arrival, t.copy_radius))
				.collect();
			let first = 1 << 32;
			assert_eq!(
				got,
				[(1, 1, 0, 101), (0, 0, 1, 100), (0, 1, 2, 100), (0, 2, 3, 100), (0, 3, 4, 100), (1, 0, first + 1, 101)]
			);
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
				matches!(&tx.function, RuntimeCall::Attribution(Call::reveal { reveals }) if reveals[0].answer == Answer::Shares(honest()))
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

	/// The attack: a model registered before the chain checked the engine's bounds (spec 108)
	/// is paid for, so that every attestor's worker builds a score request of its huge lineage
	/// in its Wasm heap and traps, never answers, and is struck. The worker counts the lineage
	/// from its versions first and reports the model's failure without building the request or
	/// asking the engine.
	#[test]
	fn a_model_beyond_the_engines_bounds_is_reported_without_asking_the_engine() {
		let (mut ext, me, pop, asked) = attestor_with_engine();
		ext.execute_with(|| {
			let wide = Architecture::SoftmaxRegression { features: 5_000, classes: 2, l2: Perbill::from_percent(1) };
			RegisteredModels::mutate(|m| m.values_mut().for_each(|model| model.architecture = wide));
			let job = open();
			Attribution::work(1);
			assert!(pop().is_some(), "a commitment");
			let (answer, _) = Attribution::local_answer(job, &me).expect("stored");
			assert_eq!(answer, Answer::Unscorable(Unscorable::EngineFailure));
			assert!(asked.lock().expect("asked").is_empty(), "the engine was not asked");
			check();
		});
	}

	#[test]
	fn a_stored_salt_is_never_replaced_and_a_job_is_scored_by_one_run_at_a_time() {
		let (mut ext, me, pop, asked) = attestor_with_engine();
		ext.execute_with(|| {
			let job = open();
			// Another run holds the job's scoring lock: this one neither scores nor commits.
			while_locked(b"score-lock", job, &me, || {
				Attribution::work(2);
				assert!(pop().is_none());
				assert!(asked.lock().expect("asked").is_empty());
			});
			Attribution::work(2);
			assert!(pop().is_some(), "the commitment, once the lock is free");
			let first = Attribution::local_answer(job, &me).expect("stored");
			// A run that scored too and stores later keeps the first answer and salt.
			let late = (Answer::Shares(shares(&[(0, 0, PARTS_PER_MILLION)])), [9; 32]);
			assert_eq!(Attribution::keep_answer(job, &me, late), Some(first.clone()));
			assert_eq!(Attribution::local_answer(job, &me), Some(first));
			assert_eq!(asked.lock().expect("asked").len(), 1);
		});
	}

	#[test]
	fn the_worker_does_not_reuse_the_nonce_of_a_transaction_not_yet_included() {
		let (mut ext, me, pop, _) = attestor_with_engine();
		ext.execute_with(|| {
			SignedNonces::take();
			let nonce = System::account_nonce(&me);
			open();
			Attribution::work(2);
			assert!(pop().is_some());
			// A second job, and a run on a block that does not hold the first commitment.
			open();
			Attribution::work(3);
			assert!(pop().is_some());
			assert_eq!(SignedNonces::get(), vec![nonce, nonce + 1]);
			// The next one would follow them; but once nothing has landed for `RESUBMIT_AFTER`
			// blocks the worker signs with the chain's nonce again, replacing what the pool may
			// have dropped.
			assert_eq!(Attribution::next_nonce(&me, 5), nonce + 2);
			assert_eq!(Attribution::next_nonce(&me, 6), nonce);
			// Sending more does not keep a gap alive: what counts is when the chain's nonce last
			// moved. Once the chain counts the first, the rest follow it.
			frame_system::Account::<Test>::mutate(&me, |a| a.nonce = nonce + 1);
			assert_eq!(Attribution::next_nonce(&me, 9), nonce + 2);
		});
	}

	#[test]
	fn a_commitment_not_sent_is_sent_the_next_run() {
		let (mut ext, me, pop, _) = attestor_with_engine();
		ext.execute_with(|| {
			open();
			// another run is sending for the key: this one sends nothing, and does not count
			// the commitment as sent
			while_locked(b"send-lock", 0, &me, || {
				Attribution::work(2);
				assert!(pop().is_none());
			});
			Attribution::work(3);
			assert!(pop().is_some(), "sent the next run, not RESUBMIT_AFTER blocks later");
		});
	}

	#[test]
	fn the_worker_clears_a_job_s_keys_an_hour_after_its_reveal_deadline() {
		let (mut ext, me, pop, _) = attestor_with_engine();
		ext.execute_with(|| {
			let opened = System::block_number();
			let job = open();
			let (_, _, reveal_deadline) = deadlines(opened);
			Attribution::work(2);
			let commit = Extrinsic::decode(&mut &*pop().expect("a commitment")).expect("decodes");
			assert_ok!(commit.function.dispatch_bypass_filter(RuntimeOrigin::signed(me.clone())));
			let sent = codec::Encode::encode(&(DOMAIN, &b"sent-commit"[..], job, &me));
			let stored =
				|key: &[u8]| sp_io::offchain::local_storage_get(sp_core::offchain::StorageKind::PERSISTENT, key);
			assert!(Attribution::local_answer(job, &me).is_some() && stored(&sent).is_some());
			Attribution::work(reveal_deadline + u64::from(crate::offchain::CLEAR_AFTER) - 1);
			assert!(Attribution::local_answer(job, &me).is_some(), "kept until an hour after the deadline");
			Attribution::work(reveal_deadline + u64::from(crate::offchain::CLEAR_AFTER));
			assert_eq!(Attribution::local_answer(job, &me), None);
			assert_eq!(stored(&sent), None);
		});
	}
}

// ---- committee capture: a simulation that prints its figures ----

mod capture {
	use super::*;
	use frame_support::traits::fungible::Mutate;

	/// One OPEN in the simulation's units (the mock's `MIN_BOND` is one OPEN).
	const OPEN: Balance = MIN_BOND;
	const HONEST: u32 = 60;
	const HONEST_BOND: Balance = 100 * OPEN;
	/// The bond of each of an attacker's accounts when it splits its stake.
	const SPLIT_BOND: Balance = 10 * OPEN;
	const JOBS: u64 = 4_000;
	const SEATS: u32 = 7;

	fn bonded(id: u32, bond: Balance) -> AccountId {
		let mut raw = [0u8; 32];
		raw[..4].copy_from_slice(&id.to_le_bytes());
		raw[4] = 0xa7;
		let who = AccountId::new(raw);
		<Balances as Mutate<AccountId>>::set_balance(&who, bond + OPEN);
		assert_ok!(Attribution::register_attestor(RuntimeOrigin::signed(who.clone()), bond));
		who
	}

	/// Honest member `k`'s answer: engines agree to within a few per cent.
	fn honest_answer(k: usize) -> Vec<Share> {
		let d = (k % 5) as u32 * 5_000;
		shares(&[(0, 1, 690_000 + d), (1, 0, 310_000 - d)])
	}

	/// What the attacker's seats would answer were they honest: the middle of the honest spread.
	fn plain_answer() -> Vec<Share> {
		shares(&[(0, 1, 700_000), (1, 0, 300_000)])
	}

	/// What the attacker wants: the whole data share to a contribution of its own.
	fn evil_answer() -> Vec<Share> {
		shares(&[(1, 0, PARTS_PER_MILLION)])
	}

	fn result_of(job: &Job<Test>, answers: &[(AccountId, StoredAnswer<Test>)]) -> Option<Vec<Share>> {
		match Attribution::outcome(job, answers) {
			crate::jobs::Outcome::Result { shares, .. } => Some(shares),
			_ => None,
		}
	}

	/// Runs `JOBS` committee draws with the attacker bonding `stake` in accounts of `per_account`
	/// (all of it in one when `None`), every honest and attacking seat revealing. Returns the
	/// fractions of jobs whose result the attacker decides (the result is its answer) and can
	/// move at all (the result differs from the one with its seats answering honestly).
	fn simulate(stake: Balance, per_account: Option<Balance>) -> (f64, f64) {
		let mut decided = 0u64;
		let mut moved = 0u64;
		ExtBuilder::default().build_and_execute(|| {
			MaxAttestors::set(2_000);
			CommitteeSize::set(SEATS);
			let honest: Vec<AccountId> = (0..HONEST).map(|i| bonded(i, HONEST_BOND)).collect();
			let attacker: Vec<AccountId> = match per_account {
				None => vec![bonded(10_000, stake)],
				Some(each) => (0..(stake / each) as u32).map(|i| bonded(10_000 + i, each)).collect(),
			};
			let request = JobRequest {
				model: 0,
				subject: Subject::Inference { inference: 0, input: H256::zero(), output: H256::zero() },
			};
			for id in 0..JOBS {
				System::set_parent_hash(H256::from_low_u64_be(id.wrapping_mul(0x9e37_79b9_7f4a_7c15)));
				let mut committee = Attribution::draw(id);
				for m in committee.iter_mut() {
					m.commitment = Some(H256::zero());
					m.revealed = true;
				}
				let job = Job::<Test> {
					request,
					committee,
					opened_at: 1,
					commit_deadline: 2,
					reveal_deadline: 3,
					payer: None,
					fee: 0,
				};
				let answers_with = |attacking: &Vec<Share>| -> Vec<(AccountId, StoredAnswer<Test>)> {
					job.committee
						.iter()
						.map(|m| {
							let answer = match honest.iter().position(|h| h == &m.account) {
								Some(k) => honest_answer(k),
								None => attacking.clone(),
							};
							(m.account.clone(), StoredAnswer::Shares(answer.try_into().expect("fits")))
						})
						.collect()
				};
				let evil = result_of(&job, &answers_with(&evil_answer()));
				let plain = result_of(&job, &answers_with(&plain_answer()));
				if evil.as_deref() == Some(&evil_answer()[..]) {
					decided += 1;
				}
				if evil != plain {
					moved += 1;
				}
			}
			assert!(attacker.iter().all(Attestors::<Test>::contains_key));
		});
		(decided as f64 / JOBS as f64, moved as f64 / JOBS as f64)
	}

	/// The attacker's part of all bond.
	fn part(stake: Balance) -> f64 {
		stake as f64 / (stake + Balance::from(HONEST) * HONEST_BOND) as f64
	}

	/// The attack: one account bonding several times an honest attestor's stake weighed that much
	/// more in a committee of three's bond-weighted median, and decided a fifth of jobs at 500
	/// OPEN. Now seats weigh the same and a result needs a majority of seats: one account
	/// decides nothing at any size, and an attacker splitting its stake over many accounts needs
	/// a majority of a committee of seven.
	#[test]
	fn committee_capture_figures() {
		println!("committees of {SEATS}, {HONEST} honest attestors of 100 OPEN, {JOBS} jobs per row");
		println!("{:>14} {:>10} {:>9} {:>8} {:>8}", "attacker OPEN", "accounts", "of bond", "decides", "moves");
		for stake in [100, 500, 1_000, 2_000, 5_000, 10_000].map(|o| o * OPEN) {
			let (decides, moves) = simulate(stake, None);
			println!(
				"{:>14} {:>10} {:>8.1}% {:>7.2}% {:>7.2}%",
				stake / OPEN,
				1,
				100.0 * part(stake),
				100.0 * decides,
				100.0 * moves
			);
			assert_eq!(decides, 0.0, "one account decided a job at {} OPEN", stake / OPEN);
		}
		for stake in [100, 670, 1_000, 1_500, 2_000, 5_000, 10_000].map(|o| o * OPEN) {
			let (decides, moves) = simulate(stake, Some(SPLIT_BOND));
			println!(
				"{:>14} {:>10} {:>8.1}% {:>7.2}% {:>7.2}%",
				stake / OPEN,
				stake / SPLIT_BOND,
				100.0 * part(stake),
				100.0 * decides,
				100.0 * moves
			);
			if part(stake) <= 0.10 {
				assert!(decides < 0.01, "{:.1}% of bond decided {:.2}% of jobs", 100.0 * part(stake), 100.0 * decides);
			}
			if part(stake) <= 0.20 {
				assert!(decides < 0.05, "{:.1}% of bond decided {:.2}% of jobs", 100.0 * part(stake), 100.0 * decides);
			}
		}
	}
}
