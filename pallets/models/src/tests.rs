//! Every call, every error, and the invariants after each scenario.

use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use openledger_primitives::{
	datanets::DataKind,
	models::{safetensors, Architecture, ModelStatus},
};
use sp_core::H256;
use sp_runtime::{Perbill, TokenError};

use crate::{mock::*, Error, Event, HoldReason, Models, NextModelId, OwnershipOffers, WeightsSource};

const OWNER: AccountId = 1;
const BOB: AccountId = 2;

fn softmax(features: u32, classes: u32) -> Architecture {
	Architecture::SoftmaxRegression { features, classes, l2: Perbill::from_percent(1) }
}

fn name<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn lineage(pairs: &[(u32, u32)]) -> BoundedVec<(u32, u32), MaxLineage> {
	pairs.to_vec().try_into().unwrap()
}

fn register(
	who: AccountId,
	architecture: Architecture,
	weights: WeightsSource<MaxUriLen>,
	pairs: &[(u32, u32)],
	base: Option<u32>,
) -> sp_runtime::DispatchResult {
	ModelRegistry::register_model(
		RuntimeOrigin::signed(who),
		name("digits-softmax"),
		name("a classifier"),
		architecture,
		weights,
		lineage(pairs),
		base,
		25,
	)
}

/// Weights the engine reads as `architecture`'s tensors (every value 0.1).
fn weights_of(architecture: &Architecture) -> Vec<u8> {
	let tensors = architecture.tensors();
	let values: Vec<Vec<f32>> =
		tensors.iter().map(|(_, shape)| vec![0.1; shape.iter().product::<u64>() as usize]).collect();
	let parts: Vec<(&str, &[u64], &[f32])> =
		tensors.iter().zip(&values).map(|((name, shape), v)| (*name, &shape[..], &v[..])).collect();
	safetensors::encode_f32(&parts, &[])
}

/// Valid inline weights of softmax(4, 3).
fn inline() -> WeightsSource<MaxUriLen> {
	WeightsSource::Inline(weights_of(&softmax(4, 3)))
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::ModelRegistry(HoldReason::ModelDeposit), &who)
}

fn last_event() -> RuntimeEvent {
	System::events()
		.into_iter()
		.rev()
		.map(|r| r.event)
		.find(|e| matches!(e, RuntimeEvent::ModelRegistry(_)))
		.expect("an event of the pallet")
}

#[test]
fn registering_holds_the_deposit_indexes_inline_weights_and_records_the_lineage() {
	let mut ext = ExtBuilder::default().build();
	let weights = weights_of(&softmax(4, 3));
	let hash = H256(sp_io::hashing::blake2_256(&weights));
	ext.execute_with(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1), (0, 2)], None));
		let m = Models::<Test>::get(0).unwrap();
		let size = weights.len() as u64;
		assert_eq!((m.owner, m.architecture, m.weights_hash, m.weights_size), (OWNER, softmax(4, 3), hash, size));
		assert_eq!(
			(m.weights_uri, m.lineage.into_inner(), m.price, m.status),
			(None, vec![(0, 1), (0, 2)], 25, ModelStatus::Active)
		);
		assert_eq!(held(OWNER), MODEL_DEPOSIT);
		assert_eq!(NextModelId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			RuntimeEvent::ModelRegistry(Event::ModelRegistered {
				model: 0,
				owner: OWNER,
				architecture: softmax(4, 3),
				weights_hash: hash,
				price: 25
			})
		);
		// A fine-tune of model 0; an MLP on the same data; a text model (whose weights the
		// engine does not read).
		assert_ok!(register(BOB, softmax(4, 3), inline(), &[(0, 2)], Some(0)));
		assert_eq!(Models::<Test>::get(1).unwrap().base_model, Some(0));
		let mlp = Architecture::Mlp { features: 4, hidden: 16, classes: 3, l2: Perbill::zero() };
		assert_ok!(register(BOB, mlp, WeightsSource::Inline(weights_of(&mlp)), &[(0, 1)], None));
		let text = WeightsSource::Inline(b"a text model".to_vec());
		assert_ok!(register(BOB, Architecture::TextSpans, text, &[(1, 1)], None));
		ModelRegistry::do_try_state().unwrap();
	});
	ext.persist_offchain_overlay();
	assert_eq!(ext.offchain_db().get(hash.as_bytes()), Some(weights));
}

#[test]
fn a_lineage_that_does_not_fit_is_refused_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let cases = [
			(softmax(5, 3), vec![(0, 1)], Error::<Test>::LineageDoesNotFit),
			(softmax(4, 2), vec![(0, 1)], Error::<Test>::LineageDoesNotFit),
			(softmax(4, 3), vec![(1, 1)], Error::<Test>::LineageDoesNotFit),
			(Architecture::TextSpans, vec![(0, 1)], Error::<Test>::LineageDoesNotFit),
			(softmax(4, 3), vec![(0, 3)], Error::<Test>::UnknownVersion),
			(softmax(4, 3), vec![(7, 1)], Error::<Test>::UnknownVersion),
			(softmax(4, 3), vec![(0, 1), (0, 1)], Error::<Test>::DuplicateLineage),
			(softmax(4, 3), vec![], Error::<Test>::EmptyLineage),
			(softmax(0, 3), vec![(0, 1)], Error::<Test>::InvalidArchitecture),
			(softmax(4, 1), vec![(0, 1)], Error::<Test>::InvalidArchitecture),
			(
				Architecture::Mlp { features: 4, hidden: 0, classes: 3, l2: Perbill::zero() },
				vec![(0, 1)],
				Error::<Test>::InvalidArchitecture,
			),
		];
		for (architecture, pairs, error) in cases {
			let weights = WeightsSource::Inline(weights_of(&architecture));
			assert_noop!(register(OWNER, architecture, weights, &pairs, None), error);
		}
	});
}

/// The attack: register a model whose lineage (or whose size) is more than an attestor's
/// engine can hold for one job, so that every committee member's node runs out of memory (or
/// time) on its first paid inference. Refused at registration, with the bound it passes.
#[test]
fn a_model_or_lineage_beyond_the_engines_bounds_is_refused() {
	use openledger_primitives::datanets::VersionSummary;
	ExtBuilder::default().build_and_execute(|| {
		let tabular = DataKind::Tabular { features: 4, classes: 3 };
		let publish = |datanet, contributions, rows| {
			let summary = VersionSummary { kind: tabular, copy_radius: 0, contributions, references: 0, rows };
			PublishedVersions::mutate(|v| v.insert((datanet, 1), summary));
		};
		// 8 values a row (4 features, the label, 3 classes): 2,097,152 rows are 16.8 M values,
		// one more row too many
		publish(5, 1_000, (1 << 24) / 8);
		publish(6, 1_000, (1 << 24) / 8 + 1);
		publish(7, 65_537, 10);
		let weights = || WeightsSource::Inline(weights_of(&softmax(4, 3)));
		assert_noop!(register(OWNER, softmax(4, 3), weights(), &[(6, 1)], None), Error::<Test>::LineageTooLarge);
		assert_noop!(register(OWNER, softmax(4, 3), weights(), &[(7, 1)], None), Error::<Test>::LineageTooLarge);
		// two versions that each fit count together
		publish(8, 40_000, 10);
		publish(9, 30_000, 10);
		assert_noop!(
			register(OWNER, softmax(4, 3), weights(), &[(8, 1), (9, 1)], None),
			Error::<Test>::LineageTooLarge
		);
		assert_ok!(register(OWNER, softmax(4, 3), weights(), &[(5, 1)], None));
		// more parameters than the exact Hessian path takes (8 × 1,024 = 8,192)
		let wide = DataKind::Tabular { features: 1023, classes: 8 };
		PublishedVersions::mutate(|v| {
			v.insert((10, 1), VersionSummary { kind: wide, copy_radius: 0, contributions: 1, references: 0, rows: 1 })
		});
		let reference =
			WeightsSource::Reference { hash: H256::repeat_byte(3), size: 1 << 20, uri: name("https://x/w") };
		assert_noop!(register(OWNER, softmax(1023, 8), reference, &[(10, 1)], None), Error::<Test>::ModelTooLarge);
	});
}

#[test]
fn bad_weights_names_and_base_models_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			register(OWNER, softmax(4, 3), WeightsSource::Inline(vec![]), &[(0, 1)], None),
			Error::<Test>::EmptyWeights
		);
		assert_noop!(
			register(OWNER, softmax(4, 3), WeightsSource::Inline(vec![0; 4097]), &[(0, 1)], None),
			Error::<Test>::WeightsTooLarge
		);
		assert_noop!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], Some(0)), Error::<Test>::UnknownBaseModel);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(OWNER),
				BoundedVec::new(),
				BoundedVec::new(),
				softmax(4, 3),
				inline(),
				lineage(&[(0, 1)]),
				None,
				1
			),
			Error::<Test>::EmptyName
		);
		// Account 9 cannot hold the deposit.
		assert_noop!(register(9, softmax(4, 3), inline(), &[(0, 1)], None), TokenError::FundsUnavailable);
	});
}

#[test]
fn the_owner_sets_the_price() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		assert_ok!(ModelRegistry::set_price(RuntimeOrigin::signed(OWNER), 0, 99));
		assert_eq!(Models::<Test>::get(0).unwrap().price, 99);
		assert_eq!(last_event(), RuntimeEvent::ModelRegistry(Event::PriceSet { model: 0, price: 99 }));
		assert_noop!(ModelRegistry::set_price(RuntimeOrigin::signed(BOB), 0, 1), Error::<Test>::NotOwner);
		assert_noop!(ModelRegistry::set_price(RuntimeOrigin::signed(OWNER), 5, 1), Error::<Test>::UnknownModel);
	});
}

#[test]
fn deprecating_releases_the_deposit_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		assert_noop!(ModelRegistry::deprecate(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NotOwner);
		assert_ok!(ModelRegistry::deprecate(RuntimeOrigin::signed(OWNER), 0));
		let m = Models::<Test>::get(0).unwrap();
		assert_eq!((m.status, m.deposit), (ModelStatus::Deprecated, 0));
		assert_eq!(held(OWNER), 0);
		assert_eq!(Balances::balance(&OWNER), ENDOWMENT);
		assert_eq!(last_event(), RuntimeEvent::ModelRegistry(Event::ModelDeprecated { model: 0 }));
		assert_noop!(ModelRegistry::deprecate(RuntimeOrigin::signed(OWNER), 0), Error::<Test>::AlreadyDeprecated);
		assert_noop!(ModelRegistry::deprecate(RuntimeOrigin::signed(OWNER), 3), Error::<Test>::UnknownModel);
	});
}

#[test]
fn an_accepted_offer_moves_the_model_and_its_deposit_to_the_new_owner() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		assert_noop!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NoOffer);
		assert_ok!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(OWNER), 0, BOB));
		assert_eq!(
			last_event(),
			RuntimeEvent::ModelRegistry(Event::OwnershipOffered { model: 0, from: OWNER, to: BOB })
		);
		// an offer changes nothing yet, and only the account offered can accept it
		assert_eq!((Models::<Test>::get(0).unwrap().owner, held(OWNER), held(BOB)), (OWNER, MODEL_DEPOSIT, 0));
		assert_noop!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(9), 0), Error::<Test>::NoOffer);
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(Models::<Test>::get(0).unwrap().owner, BOB);
		assert_eq!((held(OWNER), held(BOB)), (0, MODEL_DEPOSIT));
		assert_eq!(
			last_event(),
			RuntimeEvent::ModelRegistry(Event::OwnershipTransferred { model: 0, from: OWNER, to: BOB })
		);
		assert!(OwnershipOffers::<Test>::get(0).is_none());
		assert_noop!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NoOffer);
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(OWNER), 0, OWNER),
			Error::<Test>::NotOwner
		);
		assert_noop!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), 0, BOB), Error::<Test>::SameOwner);
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), 4, OWNER),
			Error::<Test>::UnknownModel
		);
		// An account that cannot hold the deposit cannot accept: refused, nothing moves.
		assert_ok!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), 0, 9));
		assert_noop!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(9), 0), TokenError::FundsUnavailable);
		// The owner withdraws the offer; deprecating ends one too.
		assert_noop!(ModelRegistry::cancel_transfer(RuntimeOrigin::signed(9), 0), Error::<Test>::NotOwner);
		assert_ok!(ModelRegistry::cancel_transfer(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(last_event(), RuntimeEvent::ModelRegistry(Event::OwnershipOfferWithdrawn { model: 0, to: 9 }));
		assert_noop!(ModelRegistry::cancel_transfer(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NoOffer);
		assert_ok!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), 0, OWNER));
		assert_ok!(ModelRegistry::deprecate(RuntimeOrigin::signed(BOB), 0));
		assert!(OwnershipOffers::<Test>::get(0).is_none());
		// A deprecated model changes hands without a deposit.
		assert_ok!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), 0, 9));
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(9), 0));
		assert_eq!((Models::<Test>::get(0).unwrap().owner, held(9)), (9, 0));
		assert_eq!(ModelRegistry::do_try_state(), Ok(()));
	});
}

/// The attack: an owner hands a model to an account that never asked for it, holding its
/// funds as the model's deposit and making it answer for the model (a suspension slashes the
/// holder's deposit). Now an offer holds nothing; only the account's own acceptance does.
#[test]
fn a_model_cannot_be_pushed_onto_an_account_that_did_not_accept_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		let before = Balances::balance(&BOB);
		assert_ok!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(OWNER), 0, BOB));
		use openledger_primitives::models::ModelCatalog;
		ModelRegistry::suspend(0);
		assert_noop!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), 0), Error::<Test>::Suspended);
		assert_ok!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 0, false));
		// the owner's deposit answered for the model; the account offered lost nothing
		assert_eq!((Balances::balance(&BOB), held(BOB)), (before, 0));
		assert_eq!(Models::<Test>::get(0).unwrap().owner, OWNER);
		assert!(OwnershipOffers::<Test>::get(0).is_none());
		assert_eq!(ModelRegistry::do_try_state(), Ok(()));
	});
}

/// A model a committee suspended (its lineage found false, say) keeps its deposit held — the
/// owner cannot deprecate it away — until the arbiter rules: cleared, it serves again; upheld,
/// its deposit goes to the treasury and it is revoked for good.
#[test]
fn the_arbiter_clears_or_upholds_a_suspension() {
	use openledger_primitives::models::ModelCatalog;
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		assert_noop!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 0, true), Error::<Test>::NotSuspended);
		ModelRegistry::suspend(0);
		ModelRegistry::suspend(1);
		assert_eq!(last_event(), RuntimeEvent::ModelRegistry(Event::ModelSuspended { model: 1 }));
		assert_noop!(ModelRegistry::deprecate(RuntimeOrigin::signed(OWNER), 0), Error::<Test>::Suspended);
		// nor handed to someone else, whose funds the deposit would then be
		assert_noop!(ModelRegistry::transfer_ownership(RuntimeOrigin::signed(OWNER), 0, BOB), Error::<Test>::Suspended);
		assert_noop!(
			ModelRegistry::resolve_suspension(RuntimeOrigin::signed(OWNER), 0, true),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 7, true), Error::<Test>::UnknownModel);

		assert_ok!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 0, true));
		assert_eq!(last_event(), RuntimeEvent::ModelRegistry(Event::SuspensionCleared { model: 0 }));
		assert_eq!(Models::<Test>::get(0).unwrap().status, ModelStatus::Active);
		assert_eq!(held(OWNER), 2 * MODEL_DEPOSIT);

		let treasury = Balances::balance(&TREASURY);
		assert_ok!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 1, false));
		assert_eq!(
			last_event(),
			RuntimeEvent::ModelRegistry(Event::SuspensionUpheld { model: 1, slashed: MODEL_DEPOSIT })
		);
		let m = Models::<Test>::get(1).unwrap();
		assert_eq!((m.status, m.deposit), (ModelStatus::Revoked, 0));
		assert_eq!(held(OWNER), MODEL_DEPOSIT);
		assert_eq!(Balances::balance(&TREASURY), treasury + MODEL_DEPOSIT);
		assert_eq!(Balances::balance(&OWNER), ENDOWMENT - 2 * MODEL_DEPOSIT);
		// revoked for good: no ruling, no deprecation, suspension does nothing
		assert_noop!(ModelRegistry::resolve_suspension(RuntimeOrigin::root(), 1, true), Error::<Test>::NotSuspended);
		assert_noop!(ModelRegistry::deprecate(RuntimeOrigin::signed(OWNER), 1), Error::<Test>::Revoked);
		ModelRegistry::suspend(1);
		assert_eq!(Models::<Test>::get(1).unwrap().status, ModelStatus::Revoked);
	});
}

#[test]
fn the_invariant_check_catches_a_missing_hold() {
	ExtBuilder::default().build().execute_with(|| {
		assert_ok!(register(OWNER, softmax(4, 3), inline(), &[(0, 1)], None));
		ModelRegistry::do_try_state().unwrap();
		Models::<Test>::mutate(0, |m| m.as_mut().unwrap().deposit = 1);
		assert!(ModelRegistry::do_try_state().is_err());
	});
}

/// The attack: a model whose weights no engine can read (not safetensors, the wrong tensors, a
/// NaN) or that no attestor holds (by reference, or trained on referenced data) made every job on
/// it unscorable, and its committees were struck for it. Such models are refused at
/// registration, with an error naming the fault, and nothing is held.
#[test]
fn weights_the_engine_cannot_read_are_refused_at_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let good = weights_of(&softmax(4, 3));
		let tensors = |weight: &[u64], bias: &[u64], value: f32| {
			let w = vec![value; weight.iter().product::<u64>() as usize];
			let b = vec![0.0; bias.iter().product::<u64>() as usize];
			safetensors::encode_f32(&[("weight", weight, &w), ("bias", bias, &b)], &[])
		};
		let cases: Vec<(Vec<u8>, Error<Test>)> = vec![
			(b"safetensors bytes".to_vec(), Error::<Test>::WeightsNotSafetensors),
			(good[..good.len() - 4].to_vec(), Error::<Test>::WeightsNotSafetensors),
			(tensors(&[4, 3], &[3], 0.1), Error::<Test>::WeightsWrongShape),
			(tensors(&[3, 4], &[4], 0.1), Error::<Test>::WeightsWrongShape),
			(tensors(&[3, 4], &[3], f32::NAN), Error::<Test>::WeightsNonFinite),
			(tensors(&[3, 4], &[3], f32::INFINITY), Error::<Test>::WeightsNonFinite),
			(safetensors::encode_f32(&[("weight", &[3, 4], &[0.1; 12])], &[]), Error::<Test>::WeightsMissingTensor),
			(
				safetensors::encode_f32(
					&[("weight", &[3, 4], &[0.1; 12]), ("bias", &[3], &[0.0; 3]), ("x", &[1], &[1.0])],
					&[],
				),
				Error::<Test>::WeightsUnexpectedTensor,
			),
			(
				weights_of(&Architecture::Mlp { features: 4, hidden: 2, classes: 3, l2: Perbill::zero() }),
				Error::<Test>::WeightsUnexpectedTensor,
			),
		];
		for (bytes, error) in cases {
			assert_noop!(register(OWNER, softmax(4, 3), WeightsSource::Inline(bytes), &[(0, 1)], None), error);
		}
		let reference =
			WeightsSource::Reference { hash: H256::repeat_byte(3), size: 1 << 30, uri: name("https://x/w") };
		assert_noop!(register(OWNER, softmax(4, 3), reference, &[(0, 1)], None), Error::<Test>::WeightsByReference);
		FakeDatanets::publish_with_references(0, 3, DataKind::Tabular { features: 4, classes: 3 }, 1);
		assert_noop!(
			register(OWNER, softmax(4, 3), inline(), &[(0, 1), (0, 3)], None),
			Error::<Test>::ReferencedLineage
		);
		assert_eq!(held(OWNER), 0);
	});
}
