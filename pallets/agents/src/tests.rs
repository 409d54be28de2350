//! Unit tests of every call and error, spending through `AgentSpending`, slashing (bonded and
//! unbonding stake) and value conservation.

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;
use sp_runtime::{testing::TestSignature, DispatchError, Perbill};

const OPERATOR: AccountId = 1;
const AGENT: AccountId = 2;
const REPORTER: AccountId = 3;

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Agents(e) = r.event { Some(e) } else { None })
		.collect()
}

fn check() {
	assert_eq!(Agents::do_try_state(), Ok(()));
}

fn balance(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn stake_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AgentStake.into(), &who)
}

fn bond_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ReportBond.into(), &who)
}

fn metadata() -> Metadata<Test> {
	Metadata {
		name: b"summariser".to_vec().try_into().expect("short"),
		models: vec![0, 3].try_into().expect("short"),
		endpoint: b"https://agent.example".to_vec().try_into().expect("short"),
	}
}

fn register(stake: Balance, allowance: Balance) {
	assert_ok!(Agents::register_agent(
		RuntimeOrigin::signed(OPERATOR),
		AGENT,
		metadata(),
		stake,
		allowance,
		UNTIL,
		consent(AGENT, OPERATOR, UNTIL)
	));
}

/// The last block of the tests' consents.
const UNTIL: u64 = 100;

/// `agent`'s consent to act for `operator` until `until`.
fn consent(agent: AccountId, operator: AccountId, until: u64) -> TestSignature {
	TestSignature(agent, Agents::consent_message(&operator, until))
}

fn agent() -> Agent<Test> {
	Registry::<Test>::get(AGENT).expect("registered")
}

fn run_to(n: u64) {
	System::set_block_number(n);
}

#[test]
fn operators_register_agents_holding_their_stake() {
	ExtBuilder::default().build_and_execute(|| {
		register(2_000, 300);
		assert_eq!(stake_held(OPERATOR), 2_000);
		assert_eq!(balance(OPERATOR), ENDOWMENT - 2_000);
		let a = agent();
		assert_eq!((a.operator, a.bonded, a.allowance, a.suspended), (OPERATOR, 2_000, 300, false));
		assert!(OperatorAgents::<Test>::contains_key(OPERATOR, AGENT));
		assert!(events().contains(&Event::AgentRegistered {
			agent: AGENT,
			operator: OPERATOR,
			stake: 2_000,
			allowance: 300
		}));
		// one operator, several agents
		assert_ok!(Agents::register_agent(
			RuntimeOrigin::signed(OPERATOR),
			5,
			metadata(),
			MIN_STAKE,
			0,
			UNTIL,
			consent(5, OPERATOR, UNTIL)
		));
		assert_eq!(stake_held(OPERATOR), 3_000);
		check();
	});
}

#[test]
fn registration_refuses_bad_requests_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |operator: AccountId, agent: AccountId, stake: Balance| {
			Agents::register_agent(
				RuntimeOrigin::signed(operator),
				agent,
				metadata(),
				stake,
				0,
				UNTIL,
				consent(agent, operator, UNTIL),
			)
		};
		assert_noop!(call(OPERATOR, AGENT, MIN_STAKE - 1), Error::<Test>::StakeBelowMinimum);
		assert_noop!(call(OPERATOR, OPERATOR, MIN_STAKE), Error::<Test>::AgentIsOperator);
		assert_noop!(
			call(OPERATOR, AGENT, ENDOWMENT + 1),
			DispatchError::Token(sp_runtime::TokenError::FundsUnavailable)
		);
		register(MIN_STAKE, 0);
		// an agent has one operator
		assert_noop!(call(4, AGENT, MIN_STAKE), Error::<Test>::AlreadyRegistered);
		check();
	});
}

/// The attack: anyone made any account their agent with an allowance of 0, and that account's
/// own payments were then refused (`AllowanceExceeded`) for good. Registration now needs the
/// agent's signature on its consent to this operator, on this chain, standing now.
#[test]
fn an_account_becomes_an_agent_only_with_its_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |signature: TestSignature, until: u64| {
			Agents::register_agent(RuntimeOrigin::signed(OPERATOR), AGENT, metadata(), MIN_STAKE, 0, until, signature)
		};
		// no consent: a signature by someone else, on the agent's words
		assert_noop!(
			call(TestSignature(OPERATOR, Agents::consent_message(&OPERATOR, UNTIL)), UNTIL),
			Error::<Test>::BadConsent
		);
		// the agent's consent to another operator
		assert_noop!(call(consent(AGENT, 4, UNTIL), UNTIL), Error::<Test>::BadConsent);
		// a consent to this operator with another last block than the one claimed
		assert_noop!(call(consent(AGENT, OPERATOR, UNTIL), UNTIL + 1), Error::<Test>::BadConsent);
		// a consent bound to another chain
		let other_chain = AgentConsent {
			context: AGENT_CONSENT_CONTEXT,
			genesis: sp_core::H256::repeat_byte(9),
			operator: OPERATOR,
			until: UNTIL,
		};
		assert_noop!(call(TestSignature(AGENT, other_chain.encode()), UNTIL), Error::<Test>::BadConsent);
		// a consent past its last block
		run_to(UNTIL + 1);
		assert_noop!(call(consent(AGENT, OPERATOR, UNTIL), UNTIL), Error::<Test>::ConsentExpired);
		assert!(Registry::<Test>::get(AGENT).is_none());
		// the agent's own, standing consent
		assert_ok!(call(consent(AGENT, OPERATOR, UNTIL + 5), UNTIL + 5));
		assert_eq!(agent().operator, OPERATOR);
		check();
	});
}

#[test]
fn bonding_unbonding_and_withdrawing() {
	ExtBuilder::default().build_and_execute(|| {
		register(2_000, 0);
		assert_noop!(Agents::bond_more(RuntimeOrigin::signed(4), AGENT, 10), Error::<Test>::NotOperator);
		assert_noop!(Agents::bond_more(RuntimeOrigin::signed(OPERATOR), 7, 10), Error::<Test>::UnknownAgent);
		assert_noop!(Agents::bond_more(RuntimeOrigin::signed(OPERATOR), AGENT, 0), Error::<Test>::ZeroAmount);
		assert_ok!(Agents::bond_more(RuntimeOrigin::signed(OPERATOR), AGENT, 500));
		assert_eq!((agent().bonded, stake_held(OPERATOR)), (2_500, 2_500));

		assert_noop!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 2_501), Error::<Test>::InsufficientBond);
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 1_000));
		assert!(events().contains(&Event::Unbonding { agent: AGENT, amount: 1_000, until: 1 + UNBONDING }));
		// unbonding stays held until its period ends
		assert_eq!((agent().bonded, agent().unbonding_total(), stake_held(OPERATOR)), (1_500, 1_000, 2_500));
		assert_noop!(
			Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT),
			Error::<Test>::NothingToWithdraw
		);
		run_to(5);
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 100));
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 100));
		assert_noop!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 100), Error::<Test>::TooManyUnbonding);
		run_to(1 + UNBONDING);
		let before = balance(OPERATOR);
		assert_ok!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT));
		assert_eq!(balance(OPERATOR) - before, 1_000);
		assert_eq!((agent().unbonding.len(), stake_held(OPERATOR)), (2, 1_500));
		check();
	});
}

#[test]
fn deregistering_needs_nothing_bonded_unbonding_or_reported() {
	ExtBuilder::default().build_and_execute(|| {
		register(MIN_STAKE, 0);
		assert_noop!(Agents::deregister(RuntimeOrigin::signed(4), AGENT), Error::<Test>::NotOperator);
		assert_noop!(Agents::deregister(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::StillBonded);
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, MIN_STAKE));
		assert!(agent().suspended, "nothing bonded: it may not spend");
		assert_noop!(Agents::deregister(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::StillUnbonding);
		assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), AGENT, H256::repeat_byte(1)));
		run_to(1 + UNBONDING);
		// the stake answers for the open report: it stays, and so does the agent
		assert_noop!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::OpenReports);
		assert_noop!(Agents::deregister(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::StillUnbonding);
		assert_ok!(Agents::resolve_report(RuntimeOrigin::root(), 0, false, Perbill::zero()));
		assert_ok!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT));
		assert_ok!(Agents::deregister(RuntimeOrigin::signed(OPERATOR), AGENT));
		assert!(Registry::<Test>::get(AGENT).is_none());
		assert!(!OperatorAgents::<Test>::contains_key(OPERATOR, AGENT));
		assert_eq!(stake_held(OPERATOR), 0);
		// leaving twice
		assert_noop!(Agents::deregister(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::UnknownAgent);
		check();
	});
}

#[test]
fn agents_spend_within_their_allowance_charged_to_the_operator() {
	ExtBuilder::default().build_and_execute(|| {
		register(MIN_STAKE, 300);
		// not an agent: pays for itself
		assert_eq!(<Agents as AgentSpending<_, _>>::payer(&7, 1_000), Ok(7));
		assert_eq!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 200), Ok(OPERATOR));
		assert_eq!(Agents::allowance_left(&AGENT), 100);
		assert_noop!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 101), Error::<Test>::AllowanceExceeded);
		assert_eq!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 100), Ok(OPERATOR));
		assert_eq!(agent().reputation.payments, 2);
		// the allowance rolls over at the period boundary
		run_to(PERIOD - 1);
		assert_noop!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 1), Error::<Test>::AllowanceExceeded);
		run_to(PERIOD);
		assert_eq!(Agents::allowance_left(&AGENT), 300);
		assert_eq!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 300), Ok(OPERATOR));
		// the operator changes it
		assert_ok!(Agents::set_allowance(RuntimeOrigin::signed(OPERATOR), AGENT, 500));
		assert_noop!(Agents::set_allowance(RuntimeOrigin::signed(4), AGENT, 500), Error::<Test>::NotOperator);
		assert_eq!(Agents::allowance_left(&AGENT), 200);
		// suspended: nothing
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 1));
		assert!(events().contains(&Event::AgentSuspended { agent: AGENT }));
		assert_noop!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 1), Error::<Test>::AgentSuspended);
		assert_eq!(Agents::allowance_left(&AGENT), 0);
		assert_ok!(Agents::bond_more(RuntimeOrigin::signed(OPERATOR), AGENT, 1));
		assert!(events().contains(&Event::AgentResumed { agent: AGENT }));
		assert_eq!(<Agents as AgentSpending<_, _>>::payer(&AGENT, 1), Ok(OPERATOR));
		check();
	});
}

#[test]
fn upheld_reports_slash_bonded_and_unbonding_stake() {
	ExtBuilder::default().build_and_execute(|| {
		register(3_000, 0);
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 1_000));
		assert_noop!(Agents::report(RuntimeOrigin::signed(OPERATOR), AGENT, H256::zero()), Error::<Test>::SelfReport);
		assert_noop!(Agents::report(RuntimeOrigin::signed(AGENT), AGENT, H256::zero()), Error::<Test>::SelfReport);
		assert_noop!(Agents::report(RuntimeOrigin::signed(REPORTER), 7, H256::zero()), Error::<Test>::UnknownAgent);
		assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), AGENT, H256::repeat_byte(9)));
		assert_eq!((bond_held(REPORTER), agent().open_reports), (REPORT_BOND, 1));
		check();

		let issuance = Balances::total_issuance();
		let (reporter, treasury) = (balance(REPORTER), balance(TREASURY));
		assert_noop!(
			Agents::resolve_report(RuntimeOrigin::signed(4), 0, true, Perbill::from_percent(60)),
			DispatchError::BadOrigin
		);
		assert_ok!(Agents::resolve_report(RuntimeOrigin::root(), 0, true, Perbill::from_percent(60)));
		// 60% of 2,000 bonded and of 1,000 unbonding: 1,800; 30% of it to the reporter
		assert_eq!((agent().bonded, agent().unbonding_total(), stake_held(OPERATOR)), (800, 400, 1_200));
		assert!(events().contains(&Event::ReportUpheld {
			report: 0,
			agent: AGENT,
			slashed: 1_800,
			to_reporter: 540,
			to_treasury: 1_260
		}));
		assert_eq!(balance(REPORTER) - reporter, 540 + REPORT_BOND);
		assert_eq!(balance(TREASURY) - treasury, 1_260);
		assert_eq!(bond_held(REPORTER), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		let a = agent();
		assert_eq!((a.reputation.upheld, a.open_reports, a.suspended), (1, 0, true));
		assert!(events().contains(&Event::AgentSuspended { agent: AGENT }));
		assert_noop!(
			Agents::resolve_report(RuntimeOrigin::root(), 0, true, Perbill::zero()),
			Error::<Test>::UnknownReport
		);
		// topped up, it resumes
		assert_ok!(Agents::bond_more(RuntimeOrigin::signed(OPERATOR), AGENT, 200));
		assert!(!agent().suspended);
		check();
	});
}

/// The attack: an operator reported for its agent unbonds everything and withdraws it once the
/// unbonding period ends, before the arbiter rules, leaving nothing to slash. Stake that was
/// still unbonding when the report was filed stays held until the report is resolved or
/// expires.
#[test]
fn stake_under_an_open_report_cannot_be_withdrawn() {
	ExtBuilder::default().build_and_execute(|| {
		register(2_000, 0);
		assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), AGENT, H256::repeat_byte(4)));
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 2_000));
		run_to(1 + UNBONDING);
		assert_noop!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::OpenReports);
		// upheld, the slash reaches the unbonding stake; what is left can then be withdrawn
		assert_ok!(Agents::resolve_report(RuntimeOrigin::root(), 0, true, Perbill::from_percent(50)));
		assert_eq!(stake_held(OPERATOR), 1_000);
		assert_ok!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT));
		assert_eq!(stake_held(OPERATOR), 0);
		check();
	});
}

/// The attack the lock above invites: a rival keeps one cheap report open at all times (each
/// refunded when it expires) so that the operator's stake is never withdrawn. A report holds
/// only the stake that was still unbonding when it was filed: a chunk is withdrawn at the latest
/// `REPORT_PERIOD` after its unbonding ends, however many reports follow.
#[test]
fn a_stream_of_reports_cannot_lock_stake_for_good() {
	ExtBuilder::default().build_and_execute(|| {
		register(2_000, 0);
		assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), AGENT, 2_000));
		// a report while the stake unbonds: it holds the stake past its unbonding
		assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), AGENT, H256::repeat_byte(1)));
		run_to(1 + UNBONDING);
		assert_noop!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::OpenReports);
		// the next report is filed after the stake finished unbonding: it holds nothing
		run_to(1 + UNBONDING + 3);
		assert_ok!(Agents::report(RuntimeOrigin::signed(4), AGENT, H256::repeat_byte(2)));
		assert_noop!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT), Error::<Test>::OpenReports);
		// the first report expires, unresolved: the stake is free, the later report open
		run_to(1 + REPORT_PERIOD);
		assert_ok!(Agents::expire_report(RuntimeOrigin::signed(6), 0));
		assert_eq!(agent().open_reports, 1);
		assert_ok!(Agents::withdraw_unbonded(RuntimeOrigin::signed(OPERATOR), AGENT));
		assert_eq!(stake_held(OPERATOR), 0);
		check();
	});
}

#[test]
fn rejected_reports_lose_their_bond_and_unresolved_ones_expire() {
	ExtBuilder::default().build_and_execute(|| {
		register(MIN_STAKE, 0);
		assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), AGENT, H256::repeat_byte(1)));
		assert_ok!(Agents::report(RuntimeOrigin::signed(4), AGENT, H256::repeat_byte(2)));
		assert_noop!(
			Agents::report(RuntimeOrigin::signed(5), AGENT, H256::repeat_byte(3)),
			Error::<Test>::TooManyReports
		);

		let treasury = balance(TREASURY);
		assert_ok!(Agents::resolve_report(RuntimeOrigin::root(), 0, false, Perbill::from_percent(50)));
		assert_eq!(balance(TREASURY) - treasury, REPORT_BOND);
		assert_eq!(balance(REPORTER), ENDOWMENT - REPORT_BOND);
		assert_eq!((agent().bonded, agent().reputation.rejected), (MIN_STAKE, 1));
		assert!(events().contains(&Event::ReportRejected { report: 0, agent: AGENT, bond: REPORT_BOND }));

		assert_noop!(Agents::expire_report(RuntimeOrigin::signed(6), 1), Error::<Test>::NotExpired);
		run_to(1 + REPORT_PERIOD);
		assert_ok!(Agents::expire_report(RuntimeOrigin::signed(6), 1));
		assert_eq!((balance(4), bond_held(4)), (ENDOWMENT, 0));
		assert_eq!(agent().open_reports, 0);
		assert!(events().contains(&Event::ReportExpired { report: 1, agent: AGENT }));
		assert_noop!(Agents::expire_report(RuntimeOrigin::signed(6), 1), Error::<Test>::UnknownReport);
		check();
	});
}

/// Slashes of every fraction conserve value: what leaves the hold is what the reporter and the
/// treasury receive, and issuance never changes.
#[test]
fn slashes_conserve_value() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		for (round, percent) in [0u32, 1, 33, 50, 77, 100].into_iter().enumerate() {
			let agent = 20 + round as AccountId;
			assert_ok!(Agents::register_agent(
				RuntimeOrigin::signed(OPERATOR),
				agent,
				metadata(),
				1_001,
				0,
				UNTIL,
				consent(agent, OPERATOR, UNTIL)
			));
			assert_ok!(Agents::unbond(RuntimeOrigin::signed(OPERATOR), agent, 333));
			assert_ok!(Agents::report(RuntimeOrigin::signed(REPORTER), agent, H256::zero()));
			let id = NextReportId::<Test>::get() - 1;
			let (held, reporter, treasury) = (stake_held(OPERATOR), balance(REPORTER), balance(TREASURY));
			assert_ok!(Agents::resolve_report(RuntimeOrigin::root(), id, true, Perbill::from_percent(percent)));
			let slashed = held - stake_held(OPERATOR);
			let received = (balance(REPORTER) - reporter - REPORT_BOND) + (balance(TREASURY) - treasury);
			assert_eq!(slashed, received, "{percent}%");
			assert_eq!(Balances::total_issuance(), issuance);
			check();
		}
	});
}

#[test]
fn try_state_catches_a_stake_that_differs_from_the_hold() {
	ExtBuilder::default().build().execute_with(|| {
		register(MIN_STAKE, 0);
		check();
		Registry::<Test>::mutate(AGENT, |a| {
			if let Some(a) = a {
				a.bonded += 1;
			}
		});
		assert!(Agents::do_try_state().is_err());
	});
}
