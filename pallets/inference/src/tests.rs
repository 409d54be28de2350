//! Unit tests of every call and error, settlement on each path, and a property test of value
//! conservation.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, Mutate},
	BoundedVec,
};
use openledger_primitives::{
	attribution::{
		ContributionRef, DataShares, FinalAttribution, JobLoad, JobRequest, LineageShare, OnAttributionFinal, Share,
		Subject,
	},
	datanets::ContributionStatus,
	inference::ReceiptRejection,
	models::ModelStatus,
};
use sp_runtime::{DispatchError, Perbill, TokenError};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Inference(e) = r.event { Some(e) } else { None })
		.collect()
}

fn check() {
	assert_eq!(Inference::do_try_state(), Ok(()));
}

fn balance(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn escrow() -> Balance {
	balance(Inference::escrow_account())
}

fn pay(payer: AccountId) -> InferenceId {
	let id = NextInferenceId::<Test>::get();
	assert_ok!(Inference::pay_inference(
		RuntimeOrigin::signed(payer),
		0,
		PROVIDER,
		b"in".to_vec(),
		b"out".to_vec(),
		PRICE
	));
	id
}

fn share(datanet: u32, index: u32, ppm: u32) -> Share {
	Share { contribution: ContributionRef { datanet, index }, ppm }
}

/// The final attribution of `inference`'s job.
fn attribution(inference: InferenceId, data: DataShares, agreed: Vec<AccountId>) -> FinalAttribution<AccountId> {
	let receipt = Inferences::<Test>::get(inference).expect("paid");
	let request = FakeAttribution::opened()[receipt.escrow.job as usize];
	FinalAttribution { job: receipt.escrow.job, request, data, agreed }
}

fn bond(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Inference(crate::HoldReason::ProviderBond), &who)
}

/// A provider holds its bond while registered; asked to leave with work unsettled, it takes no
/// new payments and leaves when that work settles — so no one can keep its bond locked by paying
/// it for inferences it never served — and gets its bond back.
#[test]
fn providers_bond_to_register_and_leave_when_their_work_settles() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inference::register_provider(RuntimeOrigin::signed(1)));
		assert!(events().contains(&Event::ProviderRegistered { provider: 1, bond: PROVIDER_STAKE }));
		assert_eq!((bond(1), balance(1)), (PROVIDER_STAKE, ENDOWMENT - PROVIDER_STAKE));
		assert_noop!(Inference::register_provider(RuntimeOrigin::signed(1)), Error::<Test>::AlreadyProvider);
		// an account that cannot hold the bond
		assert_noop!(Inference::register_provider(RuntimeOrigin::signed(TREASURY)), TokenError::FundsUnavailable);
		// paid work: leaving waits for it, and no new payment is taken meanwhile
		assert_ok!(Inference::pay_inference(RuntimeOrigin::signed(2), 0, 1, b"in".to_vec(), b"out".to_vec(), PRICE));
		assert_eq!(Providers::<Test>::get(1).map(|p| p.open), Some(1));
		assert_ok!(Inference::unregister_provider(RuntimeOrigin::signed(1)));
		assert!(events().contains(&Event::ProviderRetiring { provider: 1 }));
		assert_eq!(bond(1), PROVIDER_STAKE);
		assert_noop!(
			Inference::pay_inference(RuntimeOrigin::signed(2), 0, 1, b"in".to_vec(), b"out".to_vec(), PRICE),
			Error::<Test>::ProviderRetiring
		);
		assert_noop!(Inference::unregister_provider(RuntimeOrigin::signed(1)), Error::<Test>::ProviderRetiring);
		check();
		Inference::on_attribution_final(&attribution(0, DataShares::Lineage(vec![]), vec![]));
		assert!(events().contains(&Event::ProviderUnregistered { provider: 1 }));
		assert!(Providers::<Test>::get(1).is_none());
		assert_eq!(bond(1), 0);
		assert_noop!(Inference::unregister_provider(RuntimeOrigin::signed(1)), Error::<Test>::UnknownProvider);
		// with nothing open it leaves at once; a leaving provider may stay by registering again
		assert_ok!(Inference::register_provider(RuntimeOrigin::signed(1)));
		assert_ok!(Inference::unregister_provider(RuntimeOrigin::signed(1)));
		assert_eq!(bond(1), 0);
		pay(2);
		assert_ok!(Inference::unregister_provider(RuntimeOrigin::signed(PROVIDER)));
		assert_ok!(Inference::register_provider(RuntimeOrigin::signed(PROVIDER)));
		assert_eq!(Providers::<Test>::get(PROVIDER).map(|p| p.retiring), Some(false));
		// a bond below the parameter (it rose) is refused until topped up
		ProviderBond::set(PROVIDER_STAKE + 10);
		assert_noop!(
			Inference::pay_inference(RuntimeOrigin::signed(2), 0, PROVIDER, b"in".to_vec(), b"out".to_vec(), PRICE),
			Error::<Test>::ProviderBondShort
		);
		Balances::set_balance(&PROVIDER, 11);
		assert_ok!(Inference::register_provider(RuntimeOrigin::signed(PROVIDER)));
		assert!(events().contains(&Event::ProviderBondRestored { provider: PROVIDER, bond: PROVIDER_STAKE + 10 }));
		assert_eq!(bond(PROVIDER), PROVIDER_STAKE + 10);
		pay(2);
		check();
	});
}

/// A false output in a `pay_inference` is not refunded — a payer who lied about the model's
/// answer would otherwise get it at a discount, paid for by the contributors — and nobody is
/// penalised: the output there is the payer's word (else a payer could burn a provider's bond
/// for the price of a job fee). The data share goes to the treasury (not the lineage, whose
/// owner may be the liar); the seats that proved it earn the attestor share.
#[test]
fn a_false_output_a_payer_reported_pays_the_treasury_and_penalises_nobody() {
	ExtBuilder::default().build_and_execute(|| {
		let treasury = balance(TREASURY);
		let id = pay(1);
		Inference::on_attribution_final(&attribution(id, DataShares::FalseOutput, vec![3, 4]));
		assert_eq!(balance(1), ENDOWMENT - PRICE, "no discount for a false output");
		assert_eq!(balance(TREASURY), treasury + 50 + 450);
		assert_eq!(TotalPooled::<Test>::get(), 0);
		assert_eq!((Unclaimed::<Test>::get(3), Unclaimed::<Test>::get(4)), (50, 50));
		assert_eq!(bond(PROVIDER), PROVIDER_STAKE);
		assert!(!events().iter().any(|e| matches!(e, Event::ProviderPenalised { .. })));
		check();
	});
}

/// The attack: a provider reports other outputs than the model's (to steer the data share to a
/// chosen contribution, or to save running the model) in the receipts it submits. The
/// committee proves one false: the data share goes to the treasury (no one steers it), the
/// provider's part of the batch — escrowed until the outputs are verified — and a penalty from
/// its bond (`FalseOutputPenalty`, or what the payers lost if more) go to the batch's payers, up
/// to what they paid (the rest to the treasury). The lie earns the provider nothing and costs it the
/// penalty. An unproven report (no majority) is a plain refund; the penalty never exceeds the
/// bond; a provider below its bond cannot be paid until it tops it up.
#[test]
fn a_proven_false_output_costs_the_provider_its_part_and_its_bond() {
	use openledger_primitives::attribution::Unscorable;
	ExtBuilder::default().build_and_execute(|| {
		let provider_before = balance(PROVIDER) + bond(PROVIDER);
		let treasury_before = balance(TREASURY);
		let batch = submit(vec![receipt(1, 1, PROVIDER, 0, PRICE)]);
		// the provider's part waits in escrow
		assert_eq!(balance(PROVIDER) + bond(PROVIDER), provider_before);
		assert_eq!(Escrowed::<Test>::get(), 750);
		let false_output = DataShares::FalseOutput;
		Inference::on_attribution_final(&batch_attribution(batch, false_output.clone(), vec![3]));
		// the data share to the treasury, the attestors' to the seat that proved it
		assert_eq!(TotalPooled::<Test>::get(), 0);
		assert_eq!(Unclaimed::<Test>::get(3), 100);
		// the payer lost 1,000 and gets back the provider's 200 and 800 of the penalty (1,000)
		assert!(events().contains(&Event::BatchRefunded { batch, refundable: PRICE }));
		assert!(events().contains(&Event::ProviderPenalised {
			provider: PROVIDER,
			job: 0,
			to_payers: 800,
			to_treasury: FALSE_OUTPUT_PENALTY - 800,
		}));
		assert_ok!(Inference::claim_refund(RuntimeOrigin::signed(1), batch));
		assert_eq!(balance(1), ENDOWMENT);
		assert_eq!(bond(PROVIDER), PROVIDER_STAKE - FALSE_OUTPUT_PENALTY);
		assert_eq!(balance(TREASURY), treasury_before + 50 + 450 + (FALSE_OUTPUT_PENALTY - 800));
		assert_eq!(provider_before - balance(PROVIDER) - bond(PROVIDER), FALSE_OUTPUT_PENALTY, "the lie cost it");
		check();
		// penalised below the bond: no more payments until it tops up
		assert_noop!(
			Inference::pay_inference(RuntimeOrigin::signed(2), 0, PROVIDER, b"in".to_vec(), b"out".to_vec(), PRICE),
			Error::<Test>::ProviderBondShort
		);
		Balances::set_balance(&PROVIDER, 1 + FALSE_OUTPUT_PENALTY);
		assert_ok!(Inference::register_provider(RuntimeOrigin::signed(PROVIDER)));
		// a false-output report of a minority: a plain refund; the provider is paid, not penalised
		let batch = submit(vec![receipt(2, 1, PROVIDER, 0, PRICE)]);
		let unproven = DataShares::Unscorable { reason: Unscorable::FalseOutput, proven: false };
		Inference::on_attribution_final(&batch_attribution(batch, unproven, vec![]));
		assert_eq!(bond(PROVIDER), PROVIDER_STAKE);
		assert_eq!(balance(PROVIDER), 1 + 200);
		check();
		// the penalty never exceeds the bond
		ProviderBond::set(100);
		Providers::<Test>::mutate(PROVIDER, |p| p.as_mut().map(|p| p.bond = 100));
		let reason = RuntimeHoldReason::Inference(crate::HoldReason::ProviderBond);
		assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::release(
			&reason,
			&PROVIDER,
			PROVIDER_STAKE - 100,
			frame_support::traits::tokens::Precision::Exact
		));
		// (its bond covers no batch's penalty any more)
		assert_noop!(
			Inference::submit_receipts(
				RuntimeOrigin::signed(PROVIDER),
				0,
				vec![receipt(3, 1, PROVIDER, 0, PRICE)].try_into().expect("bounded")
			),
			Error::<Test>::TooManyOpenBatches
		);
		check();
	});
}

/// The penalty is at least what the payers of a false batch lost: while the bond lasts, they
/// are whole, however large the batch.
#[test]
fn a_large_false_batch_makes_its_payers_whole_from_the_bond() {
	ExtBuilder::default().build_and_execute(|| {
		let batch = submit((1..=4).map(|payer| receipt(payer, 1, PROVIDER, 0, PRICE)).collect());
		Inference::on_attribution_final(&batch_attribution(batch, DataShares::FalseOutput, vec![]));
		// four payers lost 4 × 800 after the forfeited provider parts: more than the 1,000 penalty
		assert!(events().contains(&Event::ProviderPenalised {
			provider: PROVIDER,
			job: 0,
			to_payers: 3_200,
			to_treasury: 0,
		}));
		for payer in 1..=4 {
			assert_ok!(Inference::claim_refund(RuntimeOrigin::signed(payer), batch));
			assert_eq!(balance(payer), ENDOWMENT);
		}
		assert_eq!(bond(PROVIDER), PROVIDER_STAKE - 3_200);
		check();
	});
}

/// A provider's bond must cover the penalty of every batch of its in flight: a provider cannot
/// have more false outputs pending than its bond can pay for.
#[test]
fn a_providers_bond_bounds_its_unsettled_batches() {
	ExtBuilder::default().build_and_execute(|| {
		// 5,000 of bond covers five batches' penalties of 1,000, not six; inferences do not count
		pay(9);
		let first = submit(vec![receipt(1, 1, PROVIDER, 0, PRICE)]);
		for nonce in 2..=5 {
			submit(vec![receipt(1, nonce, PROVIDER, 0, PRICE)]);
		}
		assert_noop!(
			Inference::submit_receipts(
				RuntimeOrigin::signed(PROVIDER),
				0,
				vec![receipt(2, 1, PROVIDER, 0, PRICE)].try_into().expect("bounded")
			),
			Error::<Test>::TooManyOpenBatches
		);
		assert_eq!(Providers::<Test>::get(PROVIDER).map(|p| (p.open, p.batches)), Some((6, 5)));
		Inference::on_attribution_final(&batch_attribution(first, DataShares::Lineage(vec![]), vec![]));
		assert_eq!(Providers::<Test>::get(PROVIDER).map(|p| (p.open, p.batches)), Some((5, 4)));
		submit(vec![receipt(2, 1, PROVIDER, 0, PRICE)]);
		check();
	});
}

/// A suspended or revoked model takes no payment.
#[test]
fn suspended_and_revoked_models_refuse_payments() {
	ExtBuilder::default().build_and_execute(|| {
		for status in [ModelStatus::Suspended, ModelStatus::Revoked] {
			FakeModels::set(0, OWNER, PRICE, status);
			assert_noop!(
				Inference::pay_inference(RuntimeOrigin::signed(1), 0, PROVIDER, b"in".to_vec(), b"out".to_vec(), PRICE),
				Error::<Test>::ModelSuspended
			);
		}
	});
}

#[test]
fn paying_splits_the_fee_escrows_and_opens_a_job() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let id = pay(1);
		// 20% provider, 20% owner, 45% data + 10% attestors escrowed, 5% treasury
		assert_eq!(balance(1), ENDOWMENT - PRICE);
		assert_eq!(balance(PROVIDER), 1 + 200);
		assert_eq!(balance(OWNER), 1 + 200);
		assert_eq!(balance(TREASURY), 1 + 50);
		assert_eq!(escrow(), RESERVE + 550);
		assert_eq!(Escrowed::<Test>::get(), 550);
		assert_eq!(Balances::total_issuance(), issuance);
		let receipt = Inferences::<Test>::get(id).expect("stored");
		assert_eq!(
			(receipt.fee, receipt.escrow.data, receipt.escrow.attestors, receipt.escrow.settled),
			(PRICE, 450, 100, false)
		);
		let opened = FakeAttribution::opened();
		assert_eq!(opened.len(), 1);
		// one query for the attestors, its output's bytes
		assert_eq!(FakeAttribution::loads(), vec![JobLoad { queries: 1, output_bytes: 3 }]);
		let input = sp_core::H256(sp_io::hashing::blake2_256(b"in"));
		let output = sp_core::H256(sp_io::hashing::blake2_256(b"out"));
		assert_eq!(opened[0], JobRequest { model: 0, subject: Subject::Inference { inference: id, input, output } });
		assert!(events().contains(&Event::InferencePaid {
			inference: id,
			payer: 1,
			provider: PROVIDER,
			model: 0,
			fee: PRICE,
			escrowed: 550,
			job: 0
		}));
		check();
	});
}

#[test]
fn paying_refuses_bad_requests_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |payer: AccountId, model: ModelId, provider: AccountId, len: usize, max: Balance| {
			Inference::pay_inference(RuntimeOrigin::signed(payer), model, provider, vec![0; len], Vec::new(), max)
		};
		assert_noop!(call(1, 0, PROVIDER, 0, PRICE - 1), Error::<Test>::PriceAboveMax);
		assert_noop!(call(1, 7, PROVIDER, 0, PRICE), Error::<Test>::UnknownModel);
		assert_noop!(call(1, 0, 2, 0, PRICE), Error::<Test>::UnknownProvider);
		assert_noop!(call(1, 0, PROVIDER, 65, PRICE), Error::<Test>::QueryTooLarge);
		FakeModels::set(1, OWNER, PRICE, ModelStatus::Deprecated);
		assert_noop!(call(1, 1, PROVIDER, 0, PRICE), Error::<Test>::ModelDeprecated);
		// a payer who cannot pay the whole fee and stay alive
		Balances::set_balance(&2, PRICE);
		assert_noop!(call(2, 0, PROVIDER, 0, PRICE), DispatchError::Token(TokenError::NotExpendable));
		assert!(FakeAttribution::opened().is_empty());
		check();
	});
}

#[test]
fn settlement_pays_contributors_and_agreeing_attestors() {
	ExtBuilder::default().build_and_execute(|| {
		FakeDatanets::set(0, 1, 7, ContributionStatus::Accepted);
		FakeDatanets::set(0, 2, 8, ContributionStatus::Accepted);
		let id = pay(1);
		let final_ =
			attribution(id, DataShares::Contributions(vec![share(0, 1, 600_000), share(0, 2, 400_000)]), vec![2, 3, 4]);
		Inference::on_attribution_final(&final_);
		// data 450: 270 and 180; attestors 100: 33 each, 1 to the treasury
		assert_eq!(Unclaimed::<Test>::get(7), 270);
		assert_eq!(Unclaimed::<Test>::get(8), 180);
		for a in [2, 3, 4] {
			assert_eq!(Unclaimed::<Test>::get(a), 33);
		}
		assert_eq!(DatanetEarned::<Test>::get(0), 450);
		// the data credits, not the attestors', go on to be boosted
		assert_eq!(FakeRewards::credits(), vec![(7, 270), (8, 180)]);
		// the boost stays below the 50 the treasury got of this fee
		assert_eq!(FakeRewards::limits(), vec![49]);
		assert_eq!(balance(TREASURY), 1 + 50 + 1);
		assert_eq!(escrow(), RESERVE + 549);
		assert_eq!(Escrowed::<Test>::get(), 0);
		let payouts = Payouts::<Test>::get(id).expect("recorded");
		assert_eq!(payouts.iter().map(|p| p.amount).sum::<Balance>(), PRICE, "every payout of the fee");
		assert!(payouts.contains(&Payout { to: PROVIDER, amount: 200, kind: PayoutKind::Provider }));
		assert!(payouts.contains(&Payout { to: OWNER, amount: 200, kind: PayoutKind::Owner }));
		assert!(payouts.contains(&Payout {
			to: 7,
			amount: 270,
			kind: PayoutKind::Contribution { datanet: 0, index: 1 }
		}));
		assert!(payouts.contains(&Payout { to: TREASURY, amount: 50, kind: PayoutKind::Treasury }));
		assert!(payouts.contains(&Payout { to: TREASURY, amount: 1, kind: PayoutKind::Treasury }));
		// the views the runtime API answers with
		let view = Inference::inference_view(id, |_| None).expect("view");
		assert!(view.settled && view.payouts.len() == payouts.len() && view.fee == PRICE);
		assert_eq!(Inference::earnings(&8), openledger_primitives::api::EarningsView { unclaimed: 180, earned: 180 });
		let estimate = Inference::estimate_fee(0).expect("model 0");
		assert_eq!(
			(estimate.fee, estimate.provider, estimate.data, estimate.treasury, estimate.active),
			(PRICE, 200, 450, 50, true)
		);
		assert!(Inference::estimate_fee(9).is_none());
		assert!(events().contains(&Event::InferenceSettled { inference: id, credited: 549, to_treasury: 1 }));
		check();

		// claiming moves earnings from the escrow to the account
		assert_ok!(Inference::claim(RuntimeOrigin::signed(7)));
		assert_eq!(balance(7), ENDOWMENT + 270);
		assert_eq!(Earned::<Test>::get(7), 270);
		assert!(events().contains(&Event::Claimed { who: 7, amount: 270 }));
		assert_noop!(Inference::claim(RuntimeOrigin::signed(7)), Error::<Test>::NothingToClaim);
		check();

		// a second announcement of the same job pays nothing again
		Inference::on_attribution_final(&final_);
		assert_eq!(Unclaimed::<Test>::get(8), 180);
		check();
	});
}

#[test]
fn removed_contributions_and_missing_attestors_pay_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		FakeDatanets::set(0, 1, 7, ContributionStatus::Accepted);
		FakeDatanets::set(0, 2, 8, ContributionStatus::Removed);
		let id = pay(1);
		Inference::on_attribution_final(&attribution(
			id,
			DataShares::Contributions(vec![share(0, 1, 500_000), share(0, 2, 500_000)]),
			Vec::new(),
		));
		assert_eq!(Unclaimed::<Test>::get(7), 225);
		assert_eq!(Unclaimed::<Test>::get(8), 0);
		// 225 for the removed contribution, 100 for the attestors
		assert_eq!(balance(TREASURY), 1 + 50 + 325);
		check();
	});
}

fn lineage(parts: &[(u32, u32, u32)]) -> DataShares {
	DataShares::Lineage(parts.iter().map(|&(datanet, version, ppm)| LineageShare { datanet, version, ppm }).collect())
}

/// The attack: without consensus the data share went to the lineage datanets' owners, so an
/// owner who made its datanet's jobs unscorable (one never-fetchable reference sufficed) took
/// the contributors' share. Now each version's part goes to a pool its members draw from, pro
/// rata to their rows; the owner, no member, draws nothing.
#[test]
fn without_consensus_the_lineage_members_draw_by_rows_and_the_owner_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// datanet 0 version 2: members 0 (3 rows, account 10) and 1 (1 row, account 11);
		// datanet 1 version 1: member 0 (2 rows, account 12), and member 1 removed since
		FakeDatanets::set_member((0, 2, 0), 10, 3, 4);
		FakeDatanets::set_member((0, 2, 1), 11, 1, 4);
		FakeDatanets::set_member((1, 1, 0), 12, 2, 4);
		FakeDatanets::set_member((1, 1, 1), 13, 2, 4);
		FakeDatanets::set(1, 1, 13, ContributionStatus::Removed);
		let id = pay(1);
		Inference::on_attribution_final(&attribution(id, lineage(&[(0, 2, 500_000), (1, 1, 500_000)]), vec![]));
		// 450 of data: 225 to each pool; the attestor part (100) and the rest to the treasury
		assert_eq!(LineagePools::<Test>::get((0, 2)), 225);
		assert_eq!(LineagePools::<Test>::get((1, 1)), 225);
		assert_eq!(TotalPooled::<Test>::get(), 450);
		assert_eq!(balance(TREASURY), 1 + 50 + 100);
		// no boost for a job without consensus; the owners are credited nothing
		assert!(FakeRewards::credits().is_empty());
		assert_eq!((Unclaimed::<Test>::get(100), Unclaimed::<Test>::get(101)), (0, 0));
		check();

		let draw = |d, v, i| Inference::claim_lineage(RuntimeOrigin::signed(5), d, v, i);
		assert_ok!(draw(0, 2, 0));
		assert_ok!(draw(0, 2, 1));
		assert_ok!(draw(1, 1, 0));
		// 225 × 3/4 = 168.75 → 168; 225 × 1/4 = 56.25 → 56; 225 × 2/4 = 112.5 → 112
		assert_eq!([10, 11, 12].map(Unclaimed::<Test>::get), [168, 56, 112]);
		assert!(events().contains(&Event::LineageDrawn {
			datanet: 0,
			version: 2,
			index: 0,
			contributor: 10,
			amount: 168
		}));
		// nothing more until the pool grows; a removed member, a stranger and the owner draw nothing
		assert_noop!(draw(0, 2, 0), Error::<Test>::NothingToDraw);
		assert_noop!(draw(1, 1, 1), Error::<Test>::NotAMember);
		assert_noop!(draw(0, 2, 7), Error::<Test>::NotAMember);
		check();

		// a second fallback fills the pool again: each draws only what is new
		let id = pay(2);
		Inference::on_attribution_final(&attribution(id, lineage(&[(0, 2, 1_000_000)]), vec![]));
		assert_ok!(draw(0, 2, 0));
		// (225 + 450) × 3/4 = 506.25 → 506, less 168 drawn
		assert_eq!(Unclaimed::<Test>::get(10), 506);
		assert_ok!(Inference::claim(RuntimeOrigin::signed(10)));
		check();
	});
}

/// Whatever rows a member's datanet reports (a count corrupted upstream, a member claiming more
/// rows than its version), a pool pays out no more than it received.
#[test]
fn a_pool_never_pays_out_more_than_it_received() {
	ExtBuilder::default().build_and_execute(|| {
		FakeDatanets::set_member((5, 1, 0), 30, 10_000, 2);
		FakeDatanets::set_member((5, 1, 1), 31, 1, 2);
		let id = pay(1);
		Inference::on_attribution_final(&attribution(id, lineage(&[(5, 1, 1_000_000)]), vec![]));
		assert_eq!(LineagePools::<Test>::get((5, 1)), 450);
		assert_ok!(Inference::claim_lineage(RuntimeOrigin::signed(1), 5, 1, 0));
		// its rows are clamped to the version's: the whole pool, and not a unit more
		assert_eq!(Unclaimed::<Test>::get(30), 450);
		assert_noop!(Inference::claim_lineage(RuntimeOrigin::signed(1), 5, 1, 1), Error::<Test>::NothingToDraw);
		assert_eq!(TotalPooled::<Test>::get(), 0);
		check();
	});
}

#[test]
fn announcements_for_unknown_inferences_are_ignored() {
	ExtBuilder::default().build_and_execute(|| {
		let id = pay(1);
		let mut other = attribution(id, lineage(&[(0, 1, 1_000_000)]), vec![]);
		other.job = 99;
		Inference::on_attribution_final(&other);
		assert!(!Inferences::<Test>::get(id).expect("paid").escrow.settled);
		check();
	});
}

#[test]
fn an_agent_pays_from_its_operator_within_its_allowance() {
	ExtBuilder::default().build_and_execute(|| {
		let call =
			|| Inference::pay_inference(RuntimeOrigin::signed(AGENT), 0, PROVIDER, b"q".to_vec(), b"a".to_vec(), PRICE);
		let id = NextInferenceId::<Test>::get();
		assert_ok!(call());
		assert_eq!(balance(AGENT_OPERATOR), ENDOWMENT - PRICE);
		assert_eq!(Inferences::<Test>::get(id).map(|r| r.payer), Some(AGENT_OPERATOR));
		// the next one is past the allowance: refused, nothing charged
		assert_noop!(call(), DispatchError::Other("allowance exceeded"));
		assert_eq!(balance(AGENT_OPERATOR), ENDOWMENT - PRICE);
		check();
	});
}

/// Payer `payer`'s receipt for `provider`'s answer from model `model`, signed (in the mock, a
/// signature is the payer and the message it covers).
fn receipt(payer: AccountId, nonce: u64, provider: AccountId, model: ModelId, max_fee: Balance) -> SignedReceipt<Test> {
	// the output a text model gave: UTF-8, as `check_query` requires
	let (input, output) = (vec![payer as u8, 1], nonce.to_string().into_bytes());
	let message = openledger_primitives::inference::ReceiptMessage {
		context: openledger_primitives::inference::RECEIPT_CONTEXT,
		genesis: System::block_hash(0),
		provider,
		model,
		nonce,
		input: sp_core::H256(sp_io::hashing::blake2_256(&input)),
		output: sp_core::H256(sp_io::hashing::blake2_256(&output)),
		max_fee,
	};
	SignedReceipt {
		payer,
		nonce,
		max_fee,
		input: input.try_into().expect("short"),
		output: output.try_into().expect("short"),
		signature: sp_runtime::testing::TestSignature(payer, codec::Encode::encode(&message)),
	}
}

fn submit(receipts: Vec<SignedReceipt<Test>>) -> BatchId {
	let batch = NextBatchId::<Test>::get();
	assert_ok!(Inference::submit_receipts(RuntimeOrigin::signed(PROVIDER), 0, receipts.try_into().expect("bounded")));
	batch
}

fn rejections(batch: BatchId) -> Vec<(u32, AccountId, ReceiptRejection)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::ReceiptRejected { batch: b, index, payer, reason } if b == batch => Some((index, payer, reason)),
			_ => None,
		})
		.collect()
}

/// The final attribution of `batch`'s job.
fn batch_attribution(batch: BatchId, data: DataShares, agreed: Vec<AccountId>) -> FinalAttribution<AccountId> {
	let record = Batches::<Test>::get(batch).expect("paid");
	let request = FakeAttribution::opened()[record.escrow.job as usize];
	FinalAttribution { job: record.escrow.job, request, data, agreed }
}

#[test]
fn signed_receipts_pay_as_one_batch_and_open_one_job() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let receipts: Vec<_> = (1..=3).map(|payer| receipt(payer, 1, PROVIDER, 0, PRICE)).collect();
		let queries: Vec<(Vec<u8>, Vec<u8>)> = receipts.iter().map(|r| (r.input.to_vec(), r.output.to_vec())).collect();
		let batch = submit(receipts);
		// the attestors score the three queries: the job's load is theirs, with their outputs' bytes
		let output_bytes = queries.iter().map(|(_, output)| output.len() as u64).sum();
		assert_eq!(FakeAttribution::loads(), vec![JobLoad { queries: 3, output_bytes }]);
		for payer in 1..=3 {
			assert_eq!(balance(payer), ENDOWMENT - PRICE);
			assert_eq!(ReceiptNonces::<Test>::get(payer), 1);
		}
		// the provider's part waits for the outputs it vouched for to be verified
		assert_eq!(balance(PROVIDER), 1);
		assert_eq!(balance(OWNER), 1 + 3 * 200);
		assert_eq!(balance(TREASURY), 1 + 3 * 50);
		assert_eq!(escrow(), RESERVE + 3 * 750);
		assert_eq!(Escrowed::<Test>::get(), 3 * 750);
		assert_eq!(Balances::total_issuance(), issuance);
		let record = Batches::<Test>::get(batch).expect("stored");
		assert_eq!(
			(record.receipts, record.fee, record.escrow.data, record.escrow.attestors, record.escrow.provider),
			(3, 3 * PRICE, 1_350, 300, 600)
		);
		let hash = sp_core::H256(sp_io::hashing::blake2_256(&codec::Encode::encode(&queries)));
		assert_eq!(record.queries, hash);
		assert_eq!(
			FakeAttribution::opened(),
			vec![JobRequest { model: 0, subject: Subject::Batch { batch, queries: hash } }]
		);
		assert!(events().contains(&Event::BatchPaid {
			batch,
			provider: PROVIDER,
			model: 0,
			receipts: 3,
			rejected: 0,
			fee: 3 * PRICE,
			escrowed: 2_250,
			job: Some(0),
		}));
		let paid: Balance = BatchPayouts::<Test>::get(batch).expect("paid").iter().map(|p| p.amount).sum();
		assert_eq!(paid, 3 * (200 + 50));
		check();

		// settled like an inference: 1,350 data to two contributions, 300 to two attestors
		FakeDatanets::set(0, 0, 10, ContributionStatus::Accepted);
		FakeDatanets::set(0, 1, 11, ContributionStatus::Accepted);
		let data = DataShares::Contributions(vec![share(0, 0, 600_000), share(0, 1, 400_000)]);
		Inference::on_attribution_final(&batch_attribution(batch, data, vec![20, 21]));
		assert_eq!((Unclaimed::<Test>::get(10), Unclaimed::<Test>::get(11)), (810, 540));
		assert_eq!((Unclaimed::<Test>::get(20), Unclaimed::<Test>::get(21)), (150, 150));
		assert!(Batches::<Test>::get(batch).is_some_and(|b| b.escrow.settled));
		assert!(events().contains(&Event::BatchSettled { batch, credited: 1_650, to_treasury: 0 }));
		assert_eq!(balance(PROVIDER), 1 + 3 * 200);
		let paid: Balance = BatchPayouts::<Test>::get(batch).expect("paid").iter().map(|p| p.amount).sum();
		assert_eq!(paid, 3 * PRICE);
		assert_eq!(Escrowed::<Test>::get(), 0);
		check();
		// a second announcement changes nothing
		Inference::on_attribution_final(&batch_attribution(batch, DataShares::Lineage(vec![]), vec![]));
		assert_eq!(Unclaimed::<Test>::get(10), 810);
		check();
	});
}

#[test]
fn a_payers_later_receipts_in_a_batch_are_refunded_their_database_weight() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::weights::Weight;
		let receipts = vec![
			receipt(1, 1, PROVIDER, 0, PRICE),
			receipt(2, 1, PROVIDER, 0, PRICE),
			receipt(1, 2, PROVIDER, 0, PRICE),
			receipt(1, 3, PROVIDER, 0, PRICE),
		];
		let info =
			Inference::submit_receipts(RuntimeOrigin::signed(PROVIDER), 0, receipts.try_into().expect("bounded"))
				.expect("pays");
		let full = <() as crate::WeightInfo>::submit_receipts(4);
		let db: Weight = <Test as frame_system::Config>::DbWeight::get().reads_writes(2, 2);
		assert_eq!(info.actual_weight, Some(full - db * 2), "two payers for four receipts");
		assert_eq!(Batches::<Test>::get(0).map(|b| b.receipts), Some(4));
	});
}

#[test]
fn a_bad_signature_skips_that_receipt_only() {
	ExtBuilder::default().build_and_execute(|| {
		let mut forged = receipt(2, 1, PROVIDER, 0, PRICE);
		forged.max_fee = 10 * PRICE; // not what payer 2 signed
		let stolen = receipt(3, 1, 7, 0, PRICE); // signed for another provider
		let other_model = receipt(4, 1, PROVIDER, 1, PRICE); // signed for model 1
		let batch = submit(vec![receipt(1, 1, PROVIDER, 0, PRICE), forged, stolen, other_model]);
		assert_eq!(
			rejections(batch),
			vec![
				(1, 2, ReceiptRejection::BadSignature),
				(2, 3, ReceiptRejection::BadSignature),
				(3, 4, ReceiptRejection::BadSignature)
			]
		);
		for payer in 2..=4 {
			assert_eq!(balance(payer), ENDOWMENT);
			assert_eq!(ReceiptNonces::<Test>::get(payer), 0);
		}
		assert_eq!(balance(1), ENDOWMENT - PRICE);
		assert_eq!(Batches::<Test>::get(batch).map(|b| b.receipts), Some(1));
		check();
	});
}

#[test]
fn a_replayed_nonce_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		submit(vec![receipt(1, 5, PROVIDER, 0, PRICE)]);
		// the same receipt again, a lower nonce, and the same nonce twice in one batch
		let batch = submit(vec![
			receipt(1, 5, PROVIDER, 0, PRICE),
			receipt(1, 4, PROVIDER, 0, PRICE),
			receipt(1, 6, PROVIDER, 0, PRICE),
			receipt(1, 6, PROVIDER, 0, PRICE),
		]);
		assert_eq!(
			rejections(batch),
			vec![
				(0, 1, ReceiptRejection::StaleNonce),
				(1, 1, ReceiptRejection::StaleNonce),
				(3, 1, ReceiptRejection::StaleNonce)
			]
		);
		assert_eq!(balance(1), ENDOWMENT - 2 * PRICE);
		assert_eq!(ReceiptNonces::<Test>::get(1), 6);
		check();
	});
}

#[test]
fn a_payer_who_cannot_pay_in_the_middle_of_a_batch_is_skipped() {
	ExtBuilder::default().build_and_execute(|| {
		// payer 2 can pay once and stay alive, not twice; payer 3 not at all
		Balances::set_balance(&2, PRICE + 10);
		Balances::set_balance(&3, PRICE);
		let batch = submit(vec![
			receipt(1, 1, PROVIDER, 0, PRICE),
			receipt(2, 1, PROVIDER, 0, PRICE),
			receipt(2, 2, PROVIDER, 0, PRICE),
			receipt(3, 1, PROVIDER, 0, PRICE),
			receipt(1, 2, PROVIDER, 0, PRICE),
			receipt(4, 1, PROVIDER, 0, PRICE - 1),
		]);
		assert_eq!(
			rejections(batch),
			vec![
				(2, 2, ReceiptRejection::InsufficientBalance),
				(3, 3, ReceiptRejection::InsufficientBalance),
				(5, 4, ReceiptRejection::PriceAboveMax)
			]
		);
		assert_eq!((balance(1), balance(2), balance(3), balance(4)), (ENDOWMENT - 2 * PRICE, 10, PRICE, ENDOWMENT));
		// an unpaid receipt uses no nonce: it can pay later
		assert_eq!((ReceiptNonces::<Test>::get(2), ReceiptNonces::<Test>::get(3)), (1, 0));
		assert_eq!(Batches::<Test>::get(batch).map(|b| (b.receipts, b.fee)), Some((3, 3 * PRICE)));
		assert!(events().contains(&Event::BatchPaid {
			batch,
			provider: PROVIDER,
			model: 0,
			receipts: 3,
			rejected: 3,
			fee: 3 * PRICE,
			escrowed: 2_250,
			job: Some(0),
		}));
		check();
	});
}

#[test]
fn a_batch_with_nothing_paid_records_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let batch = submit(vec![receipt(1, 1, PROVIDER, 0, PRICE - 1)]);
		assert_eq!(rejections(batch), vec![(0, 1, ReceiptRejection::PriceAboveMax)]);
		assert!(Batches::<Test>::get(batch).is_none());
		assert!(FakeAttribution::opened().is_empty());
		assert_eq!(balance(1), ENDOWMENT);
		check();
	});
}

#[test]
fn submitting_refuses_bad_batches_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |provider: AccountId, model: ModelId, receipts: Vec<SignedReceipt<Test>>| {
			Inference::submit_receipts(RuntimeOrigin::signed(provider), model, receipts.try_into().expect("bounded"))
		};
		assert_noop!(call(PROVIDER, 0, vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(call(2, 0, vec![receipt(1, 1, 2, 0, PRICE)]), Error::<Test>::UnknownProvider);
		assert_noop!(call(PROVIDER, 7, vec![receipt(1, 1, PROVIDER, 7, PRICE)]), Error::<Test>::UnknownModel);
		FakeModels::set(1, OWNER, PRICE, ModelStatus::Deprecated);
		assert_noop!(call(PROVIDER, 1, vec![receipt(1, 1, PROVIDER, 1, PRICE)]), Error::<Test>::ModelDeprecated);
		// a batch longer than MaxBatch does not decode into the call
		let long: Vec<_> = (0..17).map(|n| receipt(1, n + 1, PROVIDER, 0, PRICE)).collect();
		assert!(BoundedVec::<SignedReceipt<Test>, MaxBatch>::try_from(long).is_err());
		check();
	});
}

/// The attack: a payment whose job no engine can score (an input that is not the model's
/// features, an output that is no class) ejected honest attestors for the price of a
/// transaction. The runtime now refuses it, charging nothing.
#[test]
fn a_query_that_does_not_fit_the_model_is_refused_and_charges_nothing() {
	use openledger_primitives::datanets::tabular;
	use openledger_primitives::models::Architecture;
	ExtBuilder::default().build_and_execute(|| {
		let tabular_model = Architecture::SoftmaxRegression { features: 2, classes: 3, l2: Perbill::from_percent(1) };
		FakeModels::set_architecture(0, tabular_model);
		let call = |input: Vec<u8>, output: Vec<u8>| {
			Inference::pay_inference(RuntimeOrigin::signed(1), 0, PROVIDER, input, output, PRICE)
		};
		let good_input = tabular::encode_values(&[0.5, -1.0]);
		let class = |c: u32| c.to_le_bytes().to_vec();
		assert_noop!(call(tabular::encode_values(&[0.5]), class(1)), Error::<Test>::InvalidInput);
		assert_noop!(call(tabular::encode_values(&[0.5, f32::NAN]), class(1)), Error::<Test>::InvalidInput);
		assert_noop!(call(good_input.clone(), class(3)), Error::<Test>::InvalidOutput);
		assert_noop!(call(good_input.clone(), b"yes".to_vec()), Error::<Test>::InvalidOutput);
		assert!(FakeAttribution::opened().is_empty());
		assert_ok!(call(good_input, class(2)));
		assert_eq!(FakeAttribution::opened().len(), 1);

		// a signed receipt of a query that does not fit is rejected, the rest of the batch paid
		let bad = receipt(2, 1, PROVIDER, 0, PRICE);
		let batch = NextBatchId::<Test>::get();
		assert_ok!(Inference::submit_receipts(
			RuntimeOrigin::signed(PROVIDER),
			0,
			vec![bad].try_into().expect("bounded")
		));
		assert_eq!(rejections(batch), vec![(0, 2, ReceiptRejection::InvalidQuery)]);
		assert_eq!(balance(2), ENDOWMENT);
		check();
	});
}

/// The attack: jobs cost their opener nothing on a price-0 model. Every payment now carries
/// the attribution's job fee for its query on top of the price, within the payer's `max_fee`;
/// the estimate quotes the longest output, the most one inference's job costs.
#[test]
fn the_job_fee_is_paid_on_top_of_the_price_within_max_fee() {
	ExtBuilder::default().build_and_execute(|| {
		JobFee::set(30);
		FakeModels::set(0, OWNER, 0, openledger_primitives::models::ModelStatus::Active);
		let call = |output: &[u8], max: Balance| {
			Inference::pay_inference(RuntimeOrigin::signed(1), 0, PROVIDER, b"in".to_vec(), output.to_vec(), max)
		};
		assert_noop!(call(b"out", 29), Error::<Test>::PriceAboveMax);
		let treasury = balance(TREASURY);
		assert_ok!(call(b"out", 30));
		assert_eq!(balance(1), ENDOWMENT - 30);
		assert_eq!(balance(TREASURY), treasury + 30);
		// a longer output is more work for the attestors: it pays its job's fee, not a short one's
		let long = [b'x'; 64];
		assert_noop!(call(&long, 30), Error::<Test>::PriceAboveMax);
		assert_ok!(call(&long, 90));
		assert_eq!(balance(1), ENDOWMENT - 120);
		assert_eq!(balance(TREASURY), treasury + 120);
		assert_eq!(FakeAttribution::openers(), vec![1, 1]);
		let estimate = Inference::estimate_fee(0);
		assert_eq!(estimate.map(|e| (e.job_fee, e.total)), Some((90, 90)));
		check();
	});
}

#[test]
fn a_suspended_model_takes_no_payment() {
	ExtBuilder::default().build_and_execute(|| {
		FakeModels::set(0, OWNER, PRICE, openledger_primitives::models::ModelStatus::Suspended);
		assert_noop!(
			Inference::pay_inference(RuntimeOrigin::signed(1), 0, PROVIDER, vec![], vec![], PRICE),
			Error::<Test>::ModelSuspended
		);
		check();
	});
}

#[test]
fn an_unscorable_inference_refunds_its_escrow_to_the_payer() {
	use openledger_primitives::attribution::Unscorable;
	ExtBuilder::default().build_and_execute(|| {
		let id = pay(1);
		assert_eq!(balance(1), ENDOWMENT - PRICE);
		Inference::on_attribution_final(&attribution(
			id,
			DataShares::Unscorable { reason: Unscorable::MissingData, proven: true },
			vec![],
		));
		// the data and attestor parts (550) come back; provider, owner and treasury keep theirs
		assert_eq!(balance(1), ENDOWMENT - PRICE + 550);
		assert_eq!(Escrowed::<Test>::get(), 0);
		assert!(events().contains(&Event::InferenceRefunded { inference: id, refunded: 550 }));
		assert!(Inferences::<Test>::get(id).is_some_and(|r| r.escrow.settled));
		check();
	});
}

/// A batch of three receipts, two of payer 1 and one of payer 2, found unscorable: its final
/// attribution.
fn unscorable_batch() -> FinalAttribution<AccountId> {
	use openledger_primitives::attribution::Unscorable;
	let batch = submit(vec![
		receipt(1, 1, PROVIDER, 0, PRICE),
		receipt(2, 1, PROVIDER, 0, PRICE),
		receipt(1, 2, PROVIDER, 0, PRICE),
	]);
	let unscorable = DataShares::Unscorable { reason: Unscorable::InvalidQuery, proven: true };
	let final_ = batch_attribution(batch, unscorable, vec![]);
	Inference::on_attribution_final(&final_);
	final_
}

#[test]
fn an_unscorable_batch_refunds_each_payer_on_claim() {
	ExtBuilder::default().build_and_execute(|| {
		let final_ = unscorable_batch();
		let Subject::Batch { batch, .. } = final_.request.subject else { panic!("a batch") };
		assert!(events().contains(&Event::BatchRefunded { batch, refundable: 3 * 550 }));
		assert_eq!(TotalRefundable::<Test>::get(), 3 * 550);
		check();
		assert_noop!(Inference::claim_refund(RuntimeOrigin::signed(3), batch), Error::<Test>::NothingToRefund);
		assert_ok!(Inference::claim_refund(RuntimeOrigin::signed(1), batch));
		assert_eq!(balance(1), ENDOWMENT - 2 * PRICE + 2 * 550);
		assert_noop!(Inference::claim_refund(RuntimeOrigin::signed(1), batch), Error::<Test>::NothingToRefund);
		check();
		assert_ok!(Inference::claim_refund(RuntimeOrigin::signed(2), batch));
		assert_eq!(balance(2), ENDOWMENT - PRICE + 550);
		assert_eq!(TotalRefundable::<Test>::get(), 0);
		assert!(BatchRefunds::<Test>::get(batch).is_none());
		check();
	});
}

// ---- retention ----

#[test]
fn a_settled_inference_is_forgotten_with_its_job_and_its_query() {
	let mut ext = ExtBuilder::default().build();
	let subject = ext.execute_with(|| {
		let id = pay(1);
		let final_ = attribution(id, DataShares::Contributions(vec![share(0, 1, 1_000_000)]), vec![2]);
		let subject = final_.request.subject;
		// not yet settled: nothing is forgotten, whatever the attribution pallet says
		Inference::on_attribution_expired(final_.job, &subject);
		assert!(Inferences::<Test>::contains_key(id) && Payouts::<Test>::contains_key(id));
		Inference::on_attribution_final(&final_);
		// another job's expiry does not forget it
		Inference::on_attribution_expired(final_.job + 1, &subject);
		assert!(Inferences::<Test>::contains_key(id));
		assert!(Inference::inference_view(id, |_| None).is_some());
		Inference::on_attribution_expired(final_.job, &subject);
		assert!(!Inferences::<Test>::contains_key(id) && !Payouts::<Test>::contains_key(id));
		assert!(Inference::inference_view(id, |_| None).is_none());
		check();
		subject
	});
	// the query went to the off-chain index under keys of its own inference
	ext.persist_offchain_overlay();
	let keys = subject.query_keys();
	assert_eq!(ext.offchain_db().get(&keys[0]), Some(b"in".to_vec()));
	assert_eq!(ext.offchain_db().get(&keys[1]), Some(b"out".to_vec()));
}

/// What payers of an unscorable batch do not claim within the retention goes to the treasury,
/// once, and the batch's records go.
#[test]
fn unclaimed_refunds_go_to_the_treasury_when_the_batch_is_forgotten() {
	ExtBuilder::default().build_and_execute(|| {
		let final_ = unscorable_batch();
		let Subject::Batch { batch, .. } = final_.request.subject else { panic!("a batch") };
		assert_ok!(Inference::claim_refund(RuntimeOrigin::signed(2), batch));
		let treasury = balance(TREASURY);
		Inference::on_attribution_expired(final_.job, &final_.request.subject);
		// payer 1's two receipts were never claimed
		assert_eq!(balance(TREASURY), treasury + 2 * 550);
		assert!(events().contains(&Event::RefundsExpired { batch, amount: 2 * 550 }));
		assert_eq!(TotalRefundable::<Test>::get(), 0);
		assert!(!Batches::<Test>::contains_key(batch) && !BatchPayouts::<Test>::contains_key(batch));
		assert!(!BatchPayers::<Test>::contains_key(batch) && !BatchRefunds::<Test>::contains_key(batch));
		assert_noop!(Inference::claim_refund(RuntimeOrigin::signed(1), batch), Error::<Test>::NothingToRefund);
		check();
		// a second expiry changes nothing
		Inference::on_attribution_expired(final_.job, &final_.request.subject);
		assert_eq!(balance(TREASURY), treasury + 2 * 550);
		check();
	});
}

/// A small deterministic generator for the property test.
struct Lcg(u64);

impl Lcg {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
		self.0 >> 11
	}

	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
}

#[test]
fn every_fee_is_paid_out_exactly_and_issuance_never_changes() {
	ExtBuilder::default().build_and_execute(|| {
		let mut rng = Lcg(7);
		for index in 0..20u32 {
			let status = if index % 3 == 0 { ContributionStatus::Removed } else { ContributionStatus::Accepted };
			FakeDatanets::set(index % 4, index, 10 + u64::from(index % 5), status);
		}
		FakeDatanets::set_member((0, 1, 4), 10, 5, 5);
		FakeDatanets::set_member((2, 1, 0), 11, 3, 3);
		FakeDatanets::set_member((11, 1, 0), 12, 1, 1);
		Balances::set_balance(&1, u128::MAX / 4);
		let issuance = Balances::total_issuance();
		let mut nonce = 0;
		for round in 0..300 {
			let price = match round % 3 {
				0 => u128::from(rng.below(10)),
				1 => u128::from(rng.next()),
				_ => u128::from(rng.next()) * u128::from(rng.next()),
			};
			FakeModels::set(0, OWNER, price, openledger_primitives::models::ModelStatus::Active);
			let mut parts = [0u32; 4];
			let mut left = 1_000_000_000u64;
			for p in parts.iter_mut() {
				let v = rng.below(left + 1);
				*p = v as u32;
				left -= v;
			}
			// sometimes the four parts over-commit the fee: the split must still be exact
			if round % 7 == 0 {
				parts = [600_000_000, 600_000_000, 0, 100_000_000];
			}
			TestSplit::set(FeeSplit {
				provider: Perbill::from_parts(parts[0]),
				owner: Perbill::from_parts(parts[1]),
				data: Perbill::from_parts(parts[2]),
				attestors: Perbill::from_parts(parts[3]),
			});
			let payer_before = balance(1);
			let others_before: Balance =
				[PROVIDER, OWNER, TREASURY].iter().map(|a| balance(*a)).sum::<Balance>() + escrow();
			// odd rounds pay through a batch of 1 to 3 signed receipts of payer 1
			let batched = round % 2 == 1;
			let count = if batched { 1 + rng.below(3) as u128 } else { 1 };
			let id = if batched {
				let receipts: Vec<_> = (0..count)
					.map(|_| {
						nonce += 1;
						receipt(1, nonce, PROVIDER, 0, price)
					})
					.collect();
				submit(receipts)
			} else {
				let id = NextInferenceId::<Test>::get();
				assert_ok!(Inference::pay_inference(RuntimeOrigin::signed(1), 0, PROVIDER, vec![], vec![], price));
				id
			};
			let others_after: Balance =
				[PROVIDER, OWNER, TREASURY].iter().map(|a| balance(*a)).sum::<Balance>() + escrow();
			assert_eq!(payer_before - balance(1), count * price);
			assert_eq!(others_after - others_before, count * price);

			// a random attribution: 1 to 5 contributions, parts summing to a million
			let n = 1 + rng.below(5) as usize;
			let mut indices: Vec<u32> = (0..n).map(|_| rng.below(22) as u32).collect();
			indices.sort_unstable();
			indices.dedup();
			let mut left = 1_000_000u32;
			let mut shares = Vec::new();
			for (k, index) in indices.iter().enumerate() {
				let ppm =
					if k + 1 == indices.len() { left } else { (rng.below(u64::from(left)) as u32).max(1).min(left) };
				left -= ppm;
				if ppm > 0 {
					shares.push(share(index % 4, *index, ppm));
				}
			}
			shares.sort_by_key(|s| s.contribution);
			let agreed: Vec<AccountId> = (0..rng.below(4)).map(|a| 20 + a).collect();
			let data = if round % 5 == 0 {
				lineage(&[(0, 1, 500_000), (2, 1, 250_000), (11, 1, 250_000)])
			} else {
				DataShares::Contributions(shares)
			};
			let paid: Balance = if batched {
				Inference::on_attribution_final(&batch_attribution(id, data, agreed));
				BatchPayouts::<Test>::get(id).map(|p| p.iter().map(|x| x.amount).sum()).unwrap_or(0)
			} else {
				Inference::on_attribution_final(&attribution(id, data, agreed));
				Payouts::<Test>::get(id).map(|p| p.iter().map(|x| x.amount).sum()).unwrap_or(0)
			};
			assert_eq!(paid, count * price, "round {round}: the payouts sum to the fees");
			assert_eq!(Balances::total_issuance(), issuance);
			check();
		}
		// the pools' members draw (each the only member of its version: all of it), and everyone
		// can claim what they earned
		for (d, v, i) in [(0, 1, 4), (2, 1, 0), (11, 1, 0)] {
			if Inference::claim_lineage(RuntimeOrigin::signed(1), d, v, i).is_ok() {
				check();
			}
		}
		assert_eq!(TotalPooled::<Test>::get(), 0);
		for who in (10..15).chain(20..23).chain(100..103) {
			if Unclaimed::<Test>::get(who) > 0 {
				assert_ok!(Inference::claim(RuntimeOrigin::signed(who)));
			}
		}
		assert_eq!(escrow(), RESERVE);
		assert_eq!(Balances::total_issuance(), issuance);
		check();
	});
}

#[test]
fn try_state_catches_a_short_escrow() {
	ExtBuilder::default().build().execute_with(|| {
		pay(1);
		check();
		Escrowed::<Test>::put(1);
		assert!(Inference::do_try_state().is_err());
	});
}

/// The attack: label-flipped poison takes the data share of the answers it caused, and its
/// contributor empties the account before a curator's challenge lands, so that the penalty
/// finds nothing. Now what the contribution earns while challenged is held, not claimable; an
/// upheld challenge claws it back — the penalty to the challenger first, the rest to the
/// treasury — and takes the rest of the penalty from the contributor's unclaimed earnings.
#[test]
fn poison_under_challenge_earns_nothing_and_pays_the_penalty_from_held_funds() {
	use openledger_primitives::datanets::ChallengedEarnings;
	ExtBuilder::default().build_and_execute(|| {
		const POISONER: AccountId = 8;
		const CHALLENGER: AccountId = 9;
		FakeDatanets::set(3, 0, POISONER, ContributionStatus::Accepted);
		FakeDatanets::set(3, 1, 2, ContributionStatus::Accepted);
		let shares = vec![share(3, 0, 600_000), share(3, 1, 400_000)];
		// before the challenge: credited as any earning (450 × 60%)
		let id = pay(1);
		Inference::on_attribution_final(&attribution(id, DataShares::Contributions(shares.clone()), vec![]));
		assert_eq!(Unclaimed::<Test>::get(POISONER), 270);
		// under challenge: held, not claimable, no boost
		Challenged::mutate(|c| c.insert((3, 0)));
		let rewarded = Rewarded::get().len();
		for payer in [2, 3] {
			let id = pay(payer);
			Inference::on_attribution_final(&attribution(id, DataShares::Contributions(shares.clone()), vec![]));
		}
		assert_eq!(HeldEarnings::<Test>::get(3, 0), 2 * 270);
		assert_eq!(Unclaimed::<Test>::get(POISONER), 270);
		assert!(events().contains(&Event::EarningsHeld { datanet: 3, index: 0, amount: 270 }));
		assert!(Rewarded::get()[rewarded..].iter().all(|(who, _)| *who != POISONER));
		// nor does it draw from a lineage pool meanwhile
		FakeDatanets::set_member((3, 1, 0), POISONER, 1, 2);
		assert_noop!(Inference::claim_lineage(RuntimeOrigin::signed(1), 3, 1, 0), Error::<Test>::UnderChallenge);
		check();
		// upheld, with a penalty of 700: 540 from the held earnings, 160 from the unclaimed ones
		let treasury = balance(TREASURY);
		Challenged::mutate(|c| c.remove(&(3, 0)));
		assert_eq!(Inference::upheld(3, 0, &POISONER, &CHALLENGER, 700), 700);
		assert_eq!((Unclaimed::<Test>::get(CHALLENGER), Unclaimed::<Test>::get(POISONER)), (700, 110));
		assert_eq!((HeldEarnings::<Test>::get(3, 0), TotalHeld::<Test>::get()), (0, 0));
		assert_eq!(balance(TREASURY), treasury);
		assert!(events().contains(&Event::EarningsClawedBack {
			datanet: 3,
			index: 0,
			challenger: CHALLENGER,
			to_challenger: 540,
			to_treasury: 0,
			from_unclaimed: 160,
		}));
		check();
		// a smaller penalty leaves the rest of the held earnings to the treasury
		Challenged::mutate(|c| c.insert((3, 0)));
		let id = pay(4);
		Inference::on_attribution_final(&attribution(id, DataShares::Contributions(shares.clone()), vec![]));
		assert_eq!(Inference::upheld(3, 0, &POISONER, &CHALLENGER, 100), 100);
		// its part (50), the attestors' (100: none agreed) and the held earnings left (270 - 100)
		assert_eq!(balance(TREASURY), treasury + 50 + 100 + 170);
		check();
		// a rejected challenge credits the contributor what was held
		Challenged::mutate(|c| c.insert((3, 1)));
		let id = pay(5);
		Inference::on_attribution_final(&attribution(id, DataShares::Contributions(shares), vec![]));
		assert_eq!(HeldEarnings::<Test>::get(3, 1), 180);
		let before = Unclaimed::<Test>::get(2);
		Inference::rejected(3, 1, &2);
		assert_eq!(Unclaimed::<Test>::get(2), before + 180);
		assert!(events().contains(&Event::HeldEarningsReleased { datanet: 3, index: 1, contributor: 2, amount: 180 }));
		check();
	});
}
