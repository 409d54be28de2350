//! Governance in the runtime, on the development preset's genesis (short periods): a referendum
//! on the parameters track changes the fee split (the end-to-end test pays an inference under
//! it); a rejected one changes nothing; one that would break the boost rule is enacted and
//! refused; a treasury spend passes on the treasury track; a data challenge is resolved on the
//! arbiter track.

// Test code: it may unwrap, expect, index and do unchecked arithmetic (clippy's test allowances
// do not reach an integration test's helper functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	assert_ok,
	traits::{Bounded, Get, OnInitialize, StorePreimage},
};
use openledger_runtime::{
	configs::{dynamic_params, RuntimeParameters, TreasuryAccount},
	genesis_config_presets::DEVELOPMENT_PERIODS,
	governance::{origins::Origin, Periods, TracksInfo},
	AccountId, AllPalletsWithSystem, Balances, OriginCaller, Preimage, Referenda, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System, OPEN,
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_referenda::{ReferendumInfo, TracksInfo as _};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Perbill};

fn signed_origin(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Runs every pallet's `on_initialize` block by block up to `n` (the scheduler enacts and wakes
/// the referenda pallet there).
fn run_to(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		AllPalletsWithSystem::on_initialize(next);
	}
}

/// Alice notes `call`, submits it on the track of `origin`, places the decision deposit; the
/// voters vote aye (or nay) with 1× conviction and 900,000 OPEN each. Returns the index.
fn referendum(call: RuntimeCall, origin: OriginCaller, voters: &[(Sr25519Keyring, bool)]) -> u32 {
	let alice = Sr25519Keyring::Alice;
	let encoded = call.encode();
	assert_ok!(Preimage::note_preimage(signed_origin(alice), encoded.clone()));
	let proposal: Bounded<RuntimeCall, _> = <Preimage as StorePreimage>::bound(call).expect("a bounded call");
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	assert_ok!(Referenda::submit(
		signed_origin(alice),
		Box::new(origin),
		proposal,
		frame_support::traits::schedule::DispatchTime::After(0),
	));
	assert_ok!(Referenda::place_decision_deposit(signed_origin(alice), index));
	for (voter, aye) in voters {
		let vote = AccountVote::Standard {
			vote: Vote { aye: *aye, conviction: Conviction::Locked1x },
			balance: 900_000 * OPEN,
		};
		assert_ok!(pallet_conviction_voting::Pallet::<Runtime>::vote(signed_origin(*voter), index, vote));
	}
	index
}

fn approved(index: u32) -> bool {
	matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Approved(..)))
}

fn rejected(index: u32) -> bool {
	matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Rejected(..)))
}

const AYES: [(Sr25519Keyring, bool); 3] =
	[(Sr25519Keyring::Alice, true), (Sr25519Keyring::Bob, true), (Sr25519Keyring::Charlie, true)];

fn set_split(data: u32) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(
			dynamic_params::inference::Split,
			Some(pallet_inference::FeeSplit {
				provider: Perbill::from_percent(20),
				owner: Perbill::from_percent(20),
				data: Perbill::from_percent(data),
				attestors: Perbill::from_percent(10),
			}),
		)),
	})
}

/// The block the enacted call of referendum `index` ran in, from `scheduler.Dispatched`.
fn dispatched() -> Vec<Result<(), sp_runtime::DispatchError>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { id: Some(_), result, .. }) => Some(result),
			_ => None,
		})
		.collect()
}

#[test]
fn the_tracks_are_sorted_and_take_the_genesis_periods() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_ok!(TracksInfo::check_integrity());
		let names: Vec<_> = TracksInfo::tracks().map(|t| (t.id, t.info.decision_period)).collect();
		assert_eq!(names, vec![(0, 10), (1, 10), (2, 10), (3, 10)]);
		assert_eq!(TracksInfo::track_for(&OriginCaller::Origins(Origin::Arbiter)), Ok(3));
		assert_eq!(TracksInfo::track_for(&OriginCaller::system(frame_system::RawOrigin::Root)), Ok(0));
		assert!(TracksInfo::track_for(&OriginCaller::system(frame_system::RawOrigin::None)).is_err());
	});
	// a network whose genesis sets no periods gets the production ones
	sp_io::TestExternalities::default().execute_with(|| {
		let decision: Vec<_> = TracksInfo::tracks().map(|t| t.info.decision_period).collect();
		assert_eq!(decision[0], Periods::production(0).decision);
		assert_eq!(decision[1], Periods::production(1).decision);
		assert!(Periods::production(1).decision > DEVELOPMENT_PERIODS.decision * 1000);
	});
}

#[test]
fn a_parameters_referendum_changes_the_split() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(1);
		let index = referendum(set_split(40), OriginCaller::Origins(Origin::Parameters), &AYES);
		let mut enacted_at = None;
		for n in 2..=30 {
			run_to(n);
			if dynamic_params::inference::Split::get().data == Perbill::from_percent(40) {
				enacted_at = Some(n);
				break;
			}
		}
		assert!(approved(index), "the referendum passed");
		assert!(enacted_at.is_some(), "the split changed within 30 blocks");
		assert_eq!(dispatched(), vec![Ok(())]);
	});
}

#[test]
fn a_rejected_referendum_changes_nothing() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(1);
		let voters = [(Sr25519Keyring::Alice, true), (Sr25519Keyring::Bob, false), (Sr25519Keyring::Charlie, false)];
		let index = referendum(set_split(40), OriginCaller::Origins(Origin::Parameters), &voters);
		run_to(30);
		assert!(rejected(index));
		assert_eq!(dynamic_params::inference::Split::get().data, Perbill::from_percent(45));
		assert!(dispatched().is_empty());
	});
}

#[test]
fn an_enacted_change_that_would_pay_wash_trading_is_refused() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(1);
		// 50% to data leaves the treasury nothing: the 10% boost would pay a self-dealer
		let index = referendum(set_split(50), OriginCaller::Origins(Origin::Parameters), &AYES);
		run_to(30);
		assert!(approved(index));
		assert_eq!(dispatched(), vec![Err(frame_system::Error::<Runtime>::CallFiltered.into())]);
		assert_eq!(dynamic_params::inference::Split::get().data, Perbill::from_percent(45));
	});
}

#[test]
fn a_treasury_spend_passes_on_the_treasury_track() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(1);
		let beneficiary: AccountId = fresh_account();
		let spend = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(()),
			amount: 1_000 * OPEN,
			beneficiary: Box::new(beneficiary.clone()),
			valid_from: None,
		});
		let index = referendum(spend, OriginCaller::Origins(Origin::Treasurer), &AYES);
		run_to(30);
		assert!(approved(index));
		assert_eq!(dispatched(), vec![Ok(())]);
		let treasury_before = Balances::free_balance(TreasuryAccount::get());
		assert_ok!(pallet_treasury::Pallet::<Runtime>::payout(signed_origin(Sr25519Keyring::Dave), 0));
		assert_eq!(Balances::free_balance(&beneficiary), 1_000 * OPEN);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury_before - 1_000 * OPEN);
		// more than the track may spend is refused at enactment
		let too_much = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(()),
			amount: openledger_runtime::governance::MAX_TREASURY_SPEND + 1,
			beneficiary: Box::new(beneficiary),
			valid_from: None,
		});
		assert!(too_much.dispatch(OriginCaller::Origins(Origin::Treasurer).into()).is_err());
	});
}

#[test]
fn the_arbiter_track_resolves_a_data_challenge() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(1);
		let (owner, contributor, challenger) = (Sr25519Keyring::Ferdie, Sr25519Keyring::Eve, Sr25519Keyring::Dave);
		assert_ok!(openledger_runtime::Datanets::create_datanet(
			signed_origin(owner),
			b"texts".to_vec().try_into().expect("short"),
			Default::default(),
			Default::default(),
			openledger_primitives::datanets::DataKind::Text,
			openledger_primitives::datanets::CurationPolicy::Open,
			0,
			None,
		));
		assert_ok!(openledger_runtime::Datanets::contribute(signed_origin(contributor), 0, b"spam".to_vec()));
		let challenge = pallet_datanets::NextChallengeId::<Runtime>::get();
		assert_ok!(openledger_runtime::Datanets::challenge(signed_origin(challenger), 0, 0, Default::default()));
		// a signed account cannot resolve it; the arbiter track can
		let resolve = RuntimeCall::Datanets(pallet_datanets::Call::resolve_challenge { challenge, upheld: true });
		assert!(resolve.clone().dispatch(signed_origin(challenger)).is_err());
		let index = referendum(resolve, OriginCaller::Origins(Origin::Arbiter), &AYES);
		run_to(30);
		assert!(approved(index));
		assert_eq!(dispatched(), vec![Ok(())]);
		assert!(pallet_datanets::Challenges::<Runtime>::get(challenge).is_none());
		let status = pallet_datanets::Contributions::<Runtime>::get(0, 0).map(|c| c.status);
		assert_eq!(status, Some(openledger_primitives::datanets::ContributionStatus::Removed));
	});
}
