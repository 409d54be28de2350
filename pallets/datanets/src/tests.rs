//! Every call, every error, and the invariants after each scenario.

use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
	BoundedVec,
};
use openledger_primitives::datanets::{
	ContributionIndex, ContributionStatus, Counters, CurationPolicy, DataKind, DatanetId, DatanetVersions, Member,
	Version, VersionSummary, DEFAULT_COPY_RADIUS,
};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

use crate::{
	merkle, mock::*, Challenges, Commitments, Contribution, ContributionByHash, Contributions, ContributorStats,
	Datanets as DatanetStore, Error, Event, HoldReason, NextDatanetId, StorageDeposits, Versions, COMMITMENT_ARRIVALS,
};

const TABULAR: DataKind = DataKind::Tabular { features: 2, classes: 3 };
const OWNER: AccountId = 1;
const CURATOR: AccountId = 2;
const ALICE: AccountId = 3;
const BOB: AccountId = 4;
const CHARLIE: AccountId = 5;
const DEPOSIT: Balance = 20;

fn text<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn create(kind: DataKind, policy: CurationPolicy) -> DatanetId {
	let id = NextDatanetId::<Test>::get();
	assert_ok!(Datanets::create_datanet(
		RuntimeOrigin::signed(OWNER),
		text("digits"),
		b"handwritten digits".to_vec().try_into().unwrap(),
		b"CC-BY-4.0".to_vec().try_into().unwrap(),
		kind,
		policy,
		DEPOSIT,
		None,
	));
	id
}

/// A tabular payload of `(label, [x, y])` examples in the documented byte format.
fn examples(rows: &[(u32, [f32; 2])]) -> Vec<u8> {
	openledger_primitives::datanets::tabular::encode_examples(rows.iter().map(|(label, xs)| (*label, &xs[..])))
}

fn hash(payload: &[u8]) -> H256 {
	H256(sp_io::hashing::blake2_256(payload))
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Datanets(reason), &who)
}

/// The last event of this pallet.
fn last_event() -> RuntimeEvent {
	System::events()
		.into_iter()
		.rev()
		.map(|r| r.event)
		.find(|e| matches!(e, RuntimeEvent::Datanets(_)))
		.expect("an event of the pallet")
}

fn contribution(d: DatanetId, i: ContributionIndex) -> Contribution<Test> {
	Contributions::<Test>::get(d, i).expect("the contribution exists")
}

#[test]
fn create_datanet_holds_the_deposit_and_records_the_datanet() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_eq!(d, 0);
		let net = DatanetStore::<Test>::get(d).unwrap();
		assert_eq!(
			(net.owner, net.kind, net.policy, net.contribution_deposit),
			(OWNER, TABULAR, CurationPolicy::Curated, DEPOSIT)
		);
		assert_eq!(net.root, merkle::empty_root());
		assert_eq!(held(OWNER, HoldReason::DatanetDeposit), DATANET_DEPOSIT);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::DatanetCreated {
				datanet: 0,
				owner: OWNER,
				kind: TABULAR,
				policy: CurationPolicy::Curated,
				copy_radius: DEFAULT_COPY_RADIUS
			})
		);
		assert_eq!(create(DataKind::Text, CurationPolicy::Open), 1);
	});
}

#[test]
fn create_datanet_refuses_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Datanets::create_datanet(
				RuntimeOrigin::signed(OWNER),
				BoundedVec::new(),
				BoundedVec::new(),
				BoundedVec::new(),
				TABULAR,
				CurationPolicy::Open,
				0,
				None
			),
			Error::<Test>::EmptyName
		);
		for kind in [DataKind::Tabular { features: 0, classes: 3 }, DataKind::Tabular { features: 2, classes: 1 }] {
			assert_noop!(
				Datanets::create_datanet(
					RuntimeOrigin::signed(OWNER),
					text("x"),
					BoundedVec::new(),
					BoundedVec::new(),
					kind,
					CurationPolicy::Open,
					0,
					None
				),
				Error::<Test>::InvalidKind
			);
		}
		// An account that cannot hold the deposit.
		assert_noop!(
			Datanets::create_datanet(
				RuntimeOrigin::signed(77),
				text("x"),
				BoundedVec::new(),
				BoundedVec::new(),
				TABULAR,
				CurationPolicy::Open,
				0,
				None
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn update_metadata_and_set_curators_are_the_owners() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::update_metadata(
			RuntimeOrigin::signed(OWNER),
			d,
			text("digits v2"),
			BoundedVec::new(),
			text("MIT")
		));
		assert_eq!(DatanetStore::<Test>::get(d).unwrap().name.to_vec(), b"digits v2".to_vec());
		assert_eq!(last_event(), RuntimeEvent::Datanets(Event::MetadataUpdated { datanet: d }));
		assert_noop!(
			Datanets::update_metadata(
				RuntimeOrigin::signed(ALICE),
				d,
				text("mine"),
				BoundedVec::new(),
				BoundedVec::new()
			),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datanets::update_metadata(
				RuntimeOrigin::signed(OWNER),
				d,
				BoundedVec::new(),
				BoundedVec::new(),
				BoundedVec::new()
			),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Datanets::update_metadata(RuntimeOrigin::signed(OWNER), 9, text("x"), BoundedVec::new(), BoundedVec::new()),
			Error::<Test>::UnknownDatanet
		);

		let curators: BoundedVec<_, _> = vec![CURATOR, BOB].try_into().unwrap();
		assert_ok!(Datanets::set_curators(RuntimeOrigin::signed(OWNER), d, curators.clone()));
		assert_eq!(DatanetStore::<Test>::get(d).unwrap().curators, curators);
		assert_eq!(last_event(), RuntimeEvent::Datanets(Event::CuratorsSet { datanet: d, curators }));
		assert_noop!(
			Datanets::set_curators(RuntimeOrigin::signed(CURATOR), d, BoundedVec::new()),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datanets::set_curators(RuntimeOrigin::signed(OWNER), d, vec![BOB, BOB].try_into().unwrap()),
			Error::<Test>::DuplicateCurator
		);
		assert_noop!(
			Datanets::set_curators(RuntimeOrigin::signed(OWNER), 9, BoundedVec::new()),
			Error::<Test>::UnknownDatanet
		);
	});
}

#[test]
fn a_tabular_contribution_is_validated_indexed_and_pending_with_its_deposit_held() {
	let mut ext = ExtBuilder::default().build();
	let payload = examples(&[(0, [1.0, 2.0]), (2, [-0.5, 3.25])]);
	ext.execute_with(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
		let c = contribution(d, 0);
		assert_eq!(
			(c.contributor, c.hash, c.size, c.status, c.deposit),
			(ALICE, hash(&payload), 24, ContributionStatus::Pending, DEPOSIT)
		);
		assert_eq!(c.uri, None);
		assert_eq!(held(ALICE, HoldReason::ContributionDeposit), DEPOSIT);
		assert_eq!(ContributionByHash::<Test>::get(hash(&payload)), Some((d, 0)));
		assert_eq!(c.arrival, crate::arrival(1, 0));
		let net = DatanetStore::<Test>::get(d).unwrap();
		assert_eq!((net.next_index, net.pending, net.members), (1, 1, 0));
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionSubmitted {
				datanet: d,
				index: 0,
				contributor: ALICE,
				hash: hash(&payload),
				size: 24,
				arrival: crate::arrival(1, 0)
			})
		);
		Datanets::do_try_state().unwrap();
	});
	// The payload is in the off-chain index under its hash.
	ext.persist_offchain_overlay();
	assert_eq!(ext.offchain_db().get(hash(&payload).as_bytes()), Some(payload));
}

#[test]
fn malformed_payloads_are_refused_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		let t = create(DataKind::Text, CurationPolicy::Curated);
		let cases: Vec<(DatanetId, Vec<u8>, Error<Test>)> = vec![
			(d, vec![], Error::<Test>::EmptyPayload),
			(d, vec![0u8; 13], Error::<Test>::MalformedExamples),
			(d, examples(&[(3, [0.0, 0.0])]), Error::<Test>::LabelOutOfRange),
			(d, examples(&[(1, [f32::NAN, 0.0])]), Error::<Test>::NonFiniteFeature),
			(d, examples(&[(1, [0.0, f32::INFINITY])]), Error::<Test>::NonFiniteFeature),
			(d, vec![0u8; 1025], Error::<Test>::PayloadTooLarge),
			(t, vec![0xff, 0xfe], Error::<Test>::InvalidUtf8),
			(t, vec![], Error::<Test>::EmptyPayload),
			(9, b"hello".to_vec(), Error::<Test>::UnknownDatanet),
		];
		for (datanet, payload, error) in cases {
			assert_noop!(Datanets::contribute(RuntimeOrigin::signed(ALICE), datanet, payload), error);
		}
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), t, "ünïcode text".as_bytes().to_vec()));
	});
}

#[test]
fn content_belongs_chain_wide_to_its_first_contribution() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		let other = create(TABULAR, CurationPolicy::Open);
		let payload = examples(&[(1, [1.0, 1.0])]);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
		// Neither this datanet nor any other takes it again, from anybody; the owner is named.
		for datanet in [d, other] {
			assert_noop!(
				Datanets::contribute(RuntimeOrigin::signed(BOB), datanet, payload.clone()),
				Error::<Test>::DuplicateContribution
			);
		}
		let uri: BoundedVec<u8, MaxUriLen> = b"ipfs://copy".to_vec().try_into().unwrap();
		assert_noop!(
			Datanets::contribute_reference(RuntimeOrigin::signed(BOB), other, hash(&payload), 12, uri.clone()),
			Error::<Test>::DuplicateContribution
		);
		assert_eq!(ContributionByHash::<Test>::get(hash(&payload)), Some((d, 0)));
		// A referenced hash is owned the same way.
		let h = H256::repeat_byte(3);
		assert_ok!(Datanets::contribute_reference(RuntimeOrigin::signed(ALICE), other, h, 9, uri.clone()));
		assert_noop!(
			Datanets::contribute_reference(RuntimeOrigin::signed(BOB), d, h, 9, uri),
			Error::<Test>::DuplicateContribution
		);
		// A rejected contribution was never a member: its content is free again, anywhere.
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, false));
		assert_eq!(ContributionByHash::<Test>::get(hash(&payload)), None);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), other, payload.clone()));
		assert_eq!(ContributionByHash::<Test>::get(hash(&payload)), Some((other, 1)));
		// Arrivals count contributions chain-wide, in order, block by block.
		let arrivals = (contribution(d, 0).arrival, contribution(other, 0).arrival, contribution(other, 1).arrival);
		assert_eq!(arrivals, (crate::arrival(1, 0), crate::arrival(1, 1), crate::arrival(1, 2)));
		System::set_block_number(2);
		let uri: BoundedVec<u8, MaxUriLen> = b"ipfs://next".to_vec().try_into().unwrap();
		assert_ok!(Datanets::contribute_reference(RuntimeOrigin::signed(BOB), other, H256::repeat_byte(4), 9, uri));
		assert_eq!(contribution(other, 2).arrival, crate::arrival(2, 0));
	});
}

#[test]
fn a_removed_contribution_keeps_its_content_out() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(DataKind::Text, CurationPolicy::Open);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, b"poison".to_vec()));
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, 0, H256::zero()));
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		assert_eq!(contribution(d, 0).status, ContributionStatus::Removed);
		let other = create(DataKind::Text, CurationPolicy::Open);
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(CHARLIE), other, b"poison".to_vec()),
			Error::<Test>::DuplicateContribution
		);
	});
}

#[test]
fn the_owner_sets_the_copy_radius() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_eq!(DatanetStore::<Test>::get(d).map(|n| n.copy_radius), Some(DEFAULT_COPY_RADIUS));
		assert_noop!(Datanets::set_copy_radius(RuntimeOrigin::signed(ALICE), d, 5), Error::<Test>::NotOwner);
		assert_noop!(Datanets::set_copy_radius(RuntimeOrigin::signed(OWNER), 9, 5), Error::<Test>::UnknownDatanet);
		assert_ok!(Datanets::set_copy_radius(RuntimeOrigin::signed(OWNER), d, 2_500));
		assert_eq!(last_event(), RuntimeEvent::Datanets(Event::CopyRadiusSet { datanet: d, copy_radius: 2_500 }));
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, examples(&[(1, [1.0, 1.0])])));
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, true));
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
		assert_eq!(<Datanets as DatanetVersions>::version(d, 1).map(|v| v.copy_radius), Some(2_500));
		// A published version keeps the radius of its day; the next takes the new one.
		assert_ok!(Datanets::set_copy_radius(RuntimeOrigin::signed(OWNER), d, 900));
		assert_eq!(<Datanets as DatanetVersions>::version(d, 1).map(|v| v.copy_radius), Some(2_500));
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), d, examples(&[(2, [3.0, 1.0])])));
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 1, true));
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
		assert_eq!(<Datanets as DatanetVersions>::version(d, 2).map(|v| v.copy_radius), Some(900));
		assert_noop!(
			Datanets::set_copy_radius(RuntimeOrigin::signed(OWNER), d, MaxCopyRadius::get() + 1),
			Error::<Test>::CopyRadiusTooLarge
		);
		// Set at creation.
		let id = NextDatanetId::<Test>::get();
		assert_ok!(Datanets::create_datanet(
			RuntimeOrigin::signed(OWNER),
			text("tight"),
			Default::default(),
			Default::default(),
			TABULAR,
			CurationPolicy::Open,
			0,
			Some(10),
		));
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::DatanetCreated {
				datanet: id,
				owner: OWNER,
				kind: TABULAR,
				policy: CurationPolicy::Open,
				copy_radius: 10
			})
		);
	});
}

#[test]
fn a_contribution_without_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		// Account 77 has nothing to hold.
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(77), d, examples(&[(1, [1.0, 1.0])])),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn under_the_open_policy_a_contribution_is_accepted_at_once_and_nothing_is_held() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(DataKind::Text, CurationPolicy::Open);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, b"open data".to_vec()));
		let c = contribution(d, 0);
		assert_eq!((c.status, c.deposit, c.accepted_at), (ContributionStatus::Accepted, 0, Some(1)));
		assert_eq!(held(ALICE, HoldReason::ContributionDeposit), 0);
		let net = DatanetStore::<Test>::get(d).unwrap();
		assert_eq!((net.pending, net.members), (0, 1));
		assert_eq!(net.root, merkle::root_of([(0, hash(b"open data"))]));
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionAccepted {
				datanet: d,
				index: 0,
				contributor: ALICE,
				reviewer: None
			})
		);
	});
}

#[test]
fn a_reference_is_recorded_with_its_uri() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		let h = H256::repeat_byte(7);
		let uri: BoundedVec<u8, MaxUriLen> = b"ipfs://bafy".to_vec().try_into().unwrap();
		assert_ok!(Datanets::contribute_reference(RuntimeOrigin::signed(ALICE), d, h, 5_000_000, uri.clone()));
		let c = contribution(d, 0);
		assert_eq!((c.hash, c.size, c.uri), (h, 5_000_000, Some(uri.clone())));
		assert_noop!(
			Datanets::contribute_reference(RuntimeOrigin::signed(BOB), d, H256::zero(), 0, uri.clone()),
			Error::<Test>::EmptyPayload
		);
		assert_noop!(
			Datanets::contribute_reference(RuntimeOrigin::signed(BOB), 9, h, 5, uri),
			Error::<Test>::UnknownDatanet
		);
	});
}

#[test]
fn accepting_releases_the_deposit_and_makes_a_member() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::set_curators(RuntimeOrigin::signed(OWNER), d, vec![CURATOR].try_into().unwrap()));
		let payload = examples(&[(1, [1.0, 1.0])]);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
		System::set_block_number(5);
		assert_ok!(Datanets::review(RuntimeOrigin::signed(CURATOR), d, 0, true));
		let c = contribution(d, 0);
		assert_eq!((c.status, c.deposit, c.accepted_at), (ContributionStatus::Accepted, 0, Some(5)));
		assert_eq!(held(ALICE, HoldReason::ContributionDeposit), 0);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT);
		let net = DatanetStore::<Test>::get(d).unwrap();
		assert_eq!((net.pending, net.members, net.counters.accepted), (0, 1, 1));
		assert_eq!(net.root, merkle::root_of([(0, hash(&payload))]));
		assert_eq!(ContributorStats::<Test>::get(ALICE), Counters { accepted: 1, rejected: 0, removed: 0 });
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionAccepted {
				datanet: d,
				index: 0,
				contributor: ALICE,
				reviewer: Some(CURATOR)
			})
		);
	});
}

/// The attack: grow the chain's state for free, one record a contribution, in an open datanet
/// (nothing held for review) or a curated one whose deposit is 0 (rejected, the record stays).
/// Every contribution holds `StorageDeposit` for good, whatever the policy.
#[test]
fn every_contribution_holds_its_storage_deposit_for_good() {
	ExtBuilder::default().build_and_execute(|| {
		StorageDeposit::set(7);
		let open = create(DataKind::Text, CurationPolicy::Open);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), open, b"open data".to_vec()));
		assert_eq!(held(ALICE, HoldReason::ContributionStorage), 7);
		let curated = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), curated, examples(&[(1, [1.0, 1.0])])));
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), curated, 0, false));
		// rejected, its record kept: the storage deposit stays
		assert_eq!(contribution(curated, 0).status, ContributionStatus::Rejected);
		assert_eq!(held(ALICE, HoldReason::ContributionStorage), 14);
		assert_eq!(StorageDeposits::<Test>::get(ALICE), 14);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - DEPOSIT - 14);
		// an account that cannot hold it adds nothing
		Balances::set_balance(&BOB, 7);
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(BOB), open, b"more open data".to_vec()),
			TokenError::FundsUnavailable
		);
		assert_eq!(Datanets::do_try_state(), Ok(()));
	});
}

#[test]
fn rejecting_slashes_the_deposit_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, examples(&[(1, [1.0, 1.0])])));
		let treasury = Balances::balance(&TREASURY);
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, false));
		assert_eq!(contribution(d, 0).status, ContributionStatus::Rejected);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - DEPOSIT);
		assert_eq!(Balances::balance(&TREASURY), treasury + DEPOSIT);
		assert_eq!(DatanetStore::<Test>::get(d).unwrap().counters.rejected, 1);
		assert_eq!(ContributorStats::<Test>::get(ALICE).rejected, 1);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionRejected {
				datanet: d,
				index: 0,
				contributor: ALICE,
				reviewer: OWNER,
				slashed: DEPOSIT
			})
		);
	});
}

#[test]
fn review_refuses_strangers_second_reviews_and_unknown_contributions() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, examples(&[(1, [1.0, 1.0])])));
		assert_noop!(Datanets::review(RuntimeOrigin::signed(BOB), d, 0, true), Error::<Test>::NotCurator);
		assert_noop!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 1, true), Error::<Test>::UnknownContribution);
		assert_noop!(Datanets::review(RuntimeOrigin::signed(OWNER), 9, 0, true), Error::<Test>::UnknownDatanet);
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, true));
		assert_noop!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, false), Error::<Test>::NotPending);
	});
}

#[test]
fn withdrawing_releases_the_deposit_and_frees_the_content() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		let payload = examples(&[(1, [1.0, 1.0])]);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
		assert_noop!(Datanets::withdraw(RuntimeOrigin::signed(BOB), d, 0), Error::<Test>::NotContributor);
		assert_ok!(Datanets::withdraw(RuntimeOrigin::signed(ALICE), d, 0));
		assert_eq!(contribution(d, 0).status, ContributionStatus::Withdrawn);
		assert_eq!(held(ALICE, HoldReason::ContributionDeposit), 0);
		assert_eq!(DatanetStore::<Test>::get(d).unwrap().pending, 0);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionWithdrawn { datanet: d, index: 0, contributor: ALICE })
		);
		assert_noop!(Datanets::withdraw(RuntimeOrigin::signed(ALICE), d, 0), Error::<Test>::NotPending);
		assert_noop!(Datanets::withdraw(RuntimeOrigin::signed(ALICE), d, 5), Error::<Test>::UnknownContribution);
		// The same content may be contributed again.
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), d, payload));
		assert_eq!(contribution(d, 1).contributor, BOB);
	});
}

#[test]
fn a_version_holds_the_members_below_its_bound_and_is_immutable() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(TABULAR, CurationPolicy::Curated);
		assert_noop!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d), Error::<Test>::NothingNew);
		let payloads: Vec<Vec<u8>> = (0..4).map(|k| examples(&[(k % 3, [k as f32, 1.0])])).collect();
		for (who, p) in [ALICE, BOB, CHARLIE, ALICE].into_iter().zip(&payloads) {
			assert_ok!(Datanets::contribute(RuntimeOrigin::signed(who), d, p.clone()));
		}
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, true));
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 1, false));
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 3, true));
		System::set_block_number(9);
		assert_noop!(Datanets::publish_version(RuntimeOrigin::signed(ALICE), d), Error::<Test>::NotCurator);
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
		let root = merkle::root_of([(0, hash(&payloads[0])), (3, hash(&payloads[3]))]);
		let v1 = Versions::<Test>::get(d, 1).unwrap();
		// two members of one example each, after two membership changes
		assert_eq!(
			v1,
			Version {
				bound: 4,
				contributions: 2,
				references: 0,
				rows: 2,
				changes: 2,
				copy_radius: DEFAULT_COPY_RADIUS,
				root,
				block: 9
			}
		);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::VersionPublished { datanet: d, version: 1, contributions: 2, root })
		);
		assert_eq!(
			Datanets::version(d, 1),
			Some(VersionSummary {
				kind: TABULAR,
				copy_radius: DEFAULT_COPY_RADIUS,
				contributions: 2,
				references: 0,
				rows: 2
			})
		);
		assert_eq!(Datanets::version(d, 2), None);
		let members: Vec<Member> = (0..4)
			.map(|i| (i, contribution(d, i)))
			.filter(|(i, c)| Datanets::in_version(c, *i, &v1))
			.map(|(index, c)| Member { index, hash: c.hash, arrival: c.arrival })
			.collect();
		assert_eq!(members.len(), 2);
		assert_eq!(Datanets::members(d, 1), members);
		// Nothing changed: no new version.
		assert_noop!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d), Error::<Test>::NothingNew);
		// Accepting the pending one changes the members; version 1 stays as it was.
		System::set_block_number(10);
		assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 2, true));
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
		assert_eq!(Versions::<Test>::get(d, 1).unwrap(), v1);
		assert_eq!(Versions::<Test>::get(d, 2).unwrap().contributions, 3);
		let c2 = contribution(d, 2);
		assert!(!Datanets::in_version(&c2, 2, &v1), "accepted after version 1");
		assert!(Datanets::in_version(&c2, 2, &Versions::<Test>::get(d, 2).unwrap()));
		// what dispatch asks: membership, and a member's contributor and rows beside the version's
		use openledger_primitives::datanets::ContributionLedger;
		assert!(Datanets::is_member(d, 1, 0) && !Datanets::is_member(d, 1, 2) && !Datanets::is_member(d, 1, 1));
		assert_eq!(Datanets::member_rows(d, 1, 3), Some((ALICE, 1, 2)));
		assert_eq!(Datanets::member_rows(d, 2, 2), Some((CHARLIE, 1, 3)));
		assert_eq!(Datanets::member_rows(d, 1, 2), None);
		assert_eq!(Datanets::member_rows(d, 7, 0), None);
		assert_noop!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), 9), Error::<Test>::UnknownDatanet);
	});
}

/// A datanet with one member (ALICE's contribution 0) and a published version.
fn with_member() -> DatanetId {
	let d = create(TABULAR, CurationPolicy::Curated);
	assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, examples(&[(1, [1.0, 1.0])])));
	assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), d, examples(&[(2, [2.0, 2.0])])));
	assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 0, true));
	assert_ok!(Datanets::review(RuntimeOrigin::signed(OWNER), d, 1, true));
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
	d
}

#[test]
fn a_challenge_holds_its_bond_and_only_members_can_be_challenged_once() {
	ExtBuilder::default().build_and_execute(|| {
		let d = with_member();
		let evidence = H256::repeat_byte(1);
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 0, evidence));
		assert_eq!(held(CHARLIE, HoldReason::ChallengeBond), CHALLENGE_BOND);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ChallengeOpened {
				challenge: 0,
				datanet: d,
				index: 0,
				challenger: CHARLIE,
				evidence
			})
		);
		assert_noop!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, 0, evidence), Error::<Test>::AlreadyChallenged);
		assert_noop!(
			Datanets::challenge(RuntimeOrigin::signed(BOB), d, 7, evidence),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(Datanets::challenge(RuntimeOrigin::signed(BOB), 9, 0, evidence), Error::<Test>::UnknownDatanet);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, examples(&[(0, [5.0, 5.0])])));
		assert_noop!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, 2, evidence), Error::<Test>::NotMember);
		assert_noop!(Datanets::challenge(RuntimeOrigin::signed(77), d, 1, evidence), TokenError::FundsUnavailable);
	});
}

#[test]
fn an_upheld_challenge_removes_the_contribution_and_pays_the_challenger() {
	ExtBuilder::default().build_and_execute(|| {
		let d = with_member();
		let v1 = Versions::<Test>::get(d, 1).unwrap();
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 0, H256::zero()));
		assert_noop!(Datanets::resolve_challenge(RuntimeOrigin::signed(OWNER), 0, true), DispatchError::BadOrigin);
		System::set_block_number(20);
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		let c = contribution(d, 0);
		assert_eq!((c.status, c.removed_at), (ContributionStatus::Removed, Some(20)));
		let paid = DEPOSIT + CHALLENGE_PENALTY;
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - paid);
		assert_eq!(Balances::balance(&CHARLIE), ENDOWMENT + paid);
		assert_eq!(held(CHARLIE, HoldReason::ChallengeBond), 0);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ChallengeUpheld {
				challenge: 0,
				datanet: d,
				index: 0,
				challenger: CHARLIE,
				paid
			})
		);
		let net = DatanetStore::<Test>::get(d).unwrap();
		assert_eq!((net.members, net.counters), (1, Counters { accepted: 2, rejected: 0, removed: 1 }));
		assert_eq!(ContributorStats::<Test>::get(ALICE).removed, 1);
		// Version 1 still holds it; the next version does not.
		assert!(Datanets::in_version(&c, 0, &v1));
		assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(OWNER), d));
		let v2 = Versions::<Test>::get(d, 2).unwrap();
		assert!(!Datanets::in_version(&c, 0, &v2));
		assert_eq!(v2.contributions, 1);
		assert_noop!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true), Error::<Test>::UnknownChallenge);
		// Removed contributions cannot be challenged again.
		assert_noop!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, 0, H256::zero()), Error::<Test>::NotMember);
	});
}

#[test]
fn a_contributor_who_spent_everything_pays_what_they_have() {
	ExtBuilder::default().build_and_execute(|| {
		let d = with_member();
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 0, H256::zero()));
		// ALICE keeps 10.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), BOB, ENDOWMENT - 10));
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		assert_eq!(Balances::balance(&CHARLIE), ENDOWMENT + 10);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ChallengeUpheld {
				challenge: 0,
				datanet: d,
				index: 0,
				challenger: CHARLIE,
				paid: 10
			})
		);
	});
}

/// The attack: poison's contributor empties its account before the challenge lands, so the
/// penalty found nothing. Now the penalty is paid from what settlement holds for it (its
/// earnings while challenged, then its unclaimed ones) first, its balance only for the rest.
#[test]
fn an_emptied_account_pays_the_penalty_from_its_held_earnings() {
	ExtBuilder::default().build_and_execute(|| {
		let d = with_member();
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 0, H256::zero()));
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), BOB, ENDOWMENT - 10));
		HeldForContributor::set(DEPOSIT);
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		assert_eq!(Resolutions::get(), vec![(d, 0, ALICE, true)]);
		// the deposit from the held earnings, 10 of the penalty from the balance
		assert_eq!(Balances::balance(&CHARLIE), ENDOWMENT + 10);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ChallengeUpheld {
				challenge: 0,
				datanet: d,
				index: 0,
				challenger: CHARLIE,
				paid: DEPOSIT + 10
			})
		);
		// a rejected challenge releases what was held to the contributor
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 1, H256::zero()));
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 1, false));
		assert_eq!(Resolutions::get()[1], (d, 1, contribution(d, 1).contributor, false));
	});
}

#[test]
fn a_rejected_challenge_slashes_the_bond_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let d = with_member();
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), d, 1, H256::zero()));
		let treasury = Balances::balance(&TREASURY);
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, false));
		assert_eq!(Balances::balance(&CHARLIE), ENDOWMENT - CHALLENGE_BOND);
		assert_eq!(Balances::balance(&TREASURY), treasury + CHALLENGE_BOND);
		assert_eq!(contribution(d, 1).status, ContributionStatus::Accepted);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ChallengeRejected {
				challenge: 0,
				challenger: CHARLIE,
				slashed: CHALLENGE_BOND
			})
		);
		// It may be challenged again.
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, 1, H256::zero()));
	});
}

/// The incrementally kept root always equals the root computed from scratch.
#[test]
fn the_merkle_root_follows_every_acceptance_and_removal() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(DataKind::Text, CurationPolicy::Open);
		let mut members = Vec::new();
		for k in 0..40u32 {
			let payload = format!("text number {k}").into_bytes();
			assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
			members.push((k, hash(&payload)));
			assert_eq!(DatanetStore::<Test>::get(d).unwrap().root, merkle::root_of(members.clone()));
		}
		for (challenge, k) in [3u32, 17, 0, 39].into_iter().enumerate() {
			assert_ok!(Datanets::challenge(RuntimeOrigin::signed(BOB), d, k, H256::zero()));
			assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), challenge as u32, true));
			members.retain(|(i, _)| *i != k);
			assert_eq!(DatanetStore::<Test>::get(d).unwrap().root, merkle::root_of(members.clone()));
		}
	});
}

#[test]
fn the_invariant_check_catches_a_corrupted_counter() {
	ExtBuilder::default().build().execute_with(|| {
		let d = with_member();
		Datanets::do_try_state().unwrap();
		DatanetStore::<Test>::mutate(d, |net| net.as_mut().unwrap().members = 5);
		assert!(Datanets::do_try_state().is_err());
	});
}

/// `who`'s commitment to `payload`.
fn commit(who: AccountId, payload: &[u8]) -> H256 {
	let commitment = Datanets::commitment(&who, &hash(payload));
	assert_ok!(Datanets::commit_contribution(RuntimeOrigin::signed(who), commitment));
	commitment
}

fn datanet_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Datanets(e) = r.event { Some(e) } else { None })
		.collect()
}

#[test]
fn a_commitment_keeps_its_priority_against_a_copy_included_first() {
	ExtBuilder::default().build_and_execute(|| {
		let mine = create(TABULAR, CurationPolicy::Curated);
		let open = create(TABULAR, CurationPolicy::Open);
		let curated = create(TABULAR, CurationPolicy::Curated);
		let payload = examples(&[(1, [0.5, 1.5])]);
		// Alice commits: the commitment holds its deposit and the next arrival.
		let commitment = commit(ALICE, &payload);
		assert_eq!(held(ALICE, HoldReason::CommitmentDeposit), COMMITMENT_DEPOSIT);
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::ContributionCommitted {
				who: ALICE,
				commitment,
				arrival: crate::arrival(1, COMMITMENT_ARRIVALS),
				expires: 11
			})
		);
		// Bob sees the payload in the pool and gets it in first, into an open datanet (a member
		// at once) — and, as pending, a near-copy into a curated one.
		System::set_block_number(2);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), open, payload.clone()));
		let near = examples(&[(1, [0.5, 1.501])]);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), curated, near.clone()));
		// Bob cannot use Alice's commitment: it is bound to her account. Holding the same hash
		// himself blocks nothing of hers, and gives his contribution no priority.
		assert_ok!(Datanets::commit_contribution(RuntimeOrigin::signed(BOB), commitment));
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(BOB), mine, payload.clone()),
			Error::<Test>::DuplicateContribution
		);
		assert_noop!(
			Datanets::commit_contribution(RuntimeOrigin::signed(ALICE), commitment),
			Error::<Test>::AlreadyCommitted
		);
		System::set_block_number(11);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), mine, payload.clone()));
		// Alice's contribution holds the content and the arrival of her commitment, before
		// both of Bob's; Bob's member lost it and left the datanet.
		let alices = contribution(mine, 0);
		assert_eq!((alices.contributor, alices.arrival), (ALICE, crate::arrival(1, COMMITMENT_ARRIVALS)));
		assert_eq!(ContributionByHash::<Test>::get(hash(&payload)), Some((mine, 0)));
		let copy = contribution(open, 0);
		assert_eq!((copy.status, copy.removed_at), (ContributionStatus::Removed, Some(11)));
		assert!(copy.arrival > alices.arrival && contribution(curated, 0).arrival > alices.arrival);
		assert_eq!(DatanetStore::<Test>::get(open).map(|d| (d.members, d.root)), Some((0, merkle::empty_root())));
		assert_eq!(held(ALICE, HoldReason::CommitmentDeposit), 0);
		assert!(Commitments::<Test>::get(ALICE, commitment).is_none());
		assert!(Commitments::<Test>::get(BOB, commitment).is_some());
		let events = datanet_events();
		assert!(events.contains(&Event::CommitmentClosed { who: ALICE, commitment, kept_arrival: true }));
		assert!(events.contains(&Event::ContributionSuperseded {
			datanet: open,
			index: 0,
			contributor: BOB,
			by: (mine, 0)
		}));
	});
}

#[test]
fn a_pending_copy_gets_its_deposit_back_and_a_challenge_of_a_member_copy_still_resolves() {
	ExtBuilder::default().build_and_execute(|| {
		let mine = create(DataKind::Text, CurationPolicy::Open);
		let curated = create(DataKind::Text, CurationPolicy::Curated);
		let open = create(DataKind::Text, CurationPolicy::Open);
		let (first, second) = (b"first text".to_vec(), b"second text".to_vec());
		commit(ALICE, &first);
		commit(ALICE, &second);
		System::set_block_number(2);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), curated, first.clone()));
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), open, second.clone()));
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(CHARLIE), open, 0, H256::zero()));
		let treasury = Balances::balance(&TREASURY);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), DEPOSIT);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), mine, first));
		// Bob's pending copy: rejected, its deposit released (a one-step contribution may be the
		// original: which of the two copied cannot be shown).
		assert_eq!(contribution(curated, 0).status, ContributionStatus::Rejected);
		assert_eq!((held(BOB, HoldReason::ContributionDeposit), Balances::balance(&TREASURY)), (0, treasury));
		assert_eq!(DatanetStore::<Test>::get(curated).map(|d| (d.pending, d.counters.rejected)), Some((0, 1)));
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), mine, second));
		// Bob's member copy: removed; Charlie's challenge of it stays open, and upheld, Bob
		// still pays him.
		assert_eq!(contribution(open, 0).status, ContributionStatus::Removed);
		assert!(Challenges::<Test>::get(0).is_some());
		let charlie = Balances::balance(&CHARLIE);
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		assert_eq!(Balances::balance(&CHARLIE), charlie + CHALLENGE_BOND + DEPOSIT + CHALLENGE_PENALTY);
		assert_eq!(held(CHARLIE, HoldReason::ChallengeBond), 0);
		assert_eq!(DatanetStore::<Test>::get(open).map(|d| d.counters.removed), Some(1));
		assert_eq!(ContributorStats::<Test>::get(BOB), Counters { accepted: 1, rejected: 1, removed: 1 });
	});
}

#[test]
fn a_commitment_past_its_reveal_period_gives_no_priority_and_can_be_cancelled() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(DataKind::Text, CurationPolicy::Open);
		let payload = b"late text".to_vec();
		let commitment = commit(ALICE, &payload);
		assert_noop!(
			Datanets::commit_contribution(RuntimeOrigin::signed(ALICE), commitment),
			Error::<Test>::AlreadyCommitted
		);
		System::set_block_number(2);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), d, payload.clone()));
		System::set_block_number(12);
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()),
			Error::<Test>::DuplicateContribution
		);
		// Only Alice cancels it; that releases the deposit.
		assert_noop!(
			Datanets::cancel_commitment(RuntimeOrigin::signed(BOB), commitment),
			Error::<Test>::UnknownCommitment
		);
		assert_ok!(Datanets::cancel_commitment(RuntimeOrigin::signed(ALICE), commitment));
		assert_eq!(
			last_event(),
			RuntimeEvent::Datanets(Event::CommitmentClosed { who: ALICE, commitment, kept_arrival: false })
		);
		assert_eq!(held(ALICE, HoldReason::CommitmentDeposit), 0);
		assert_noop!(
			Datanets::cancel_commitment(RuntimeOrigin::signed(ALICE), commitment),
			Error::<Test>::UnknownCommitment
		);
		// A commitment used after its period: the contribution takes a fresh arrival.
		let fresh = b"fresh text".to_vec();
		let commitment = commit(ALICE, &fresh);
		System::set_block_number(30);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, fresh));
		assert_eq!(contribution(d, 1).arrival, crate::arrival(30, 0));
		assert!(datanet_events().contains(&Event::CommitmentClosed { who: ALICE, commitment, kept_arrival: false }));
		// A removed contribution cannot be superseded: its content stays out.
		let poison = b"poison".to_vec();
		commit(CHARLIE, &poison);
		System::set_block_number(31);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(BOB), d, poison.clone()));
		assert_ok!(Datanets::challenge(RuntimeOrigin::signed(ALICE), d, 2, H256::zero()));
		assert_ok!(Datanets::resolve_challenge(RuntimeOrigin::root(), 0, true));
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(CHARLIE), d, poison),
			Error::<Test>::DuplicateContribution
		);
	});
}

#[test]
fn a_commitment_slipped_in_before_a_contribution_in_its_block_cannot_take_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(DataKind::Text, CurationPolicy::Open);
		let payload = b"seen in the pool".to_vec();
		// Bob sees Alice's contribution in the pool and gets a commitment to it in first, in the
		// same block: commitments rank after the block's contributions.
		commit(BOB, &payload);
		assert_ok!(Datanets::contribute(RuntimeOrigin::signed(ALICE), d, payload.clone()));
		assert!(contribution(d, 0).arrival < crate::arrival(1, COMMITMENT_ARRIVALS));
		System::set_block_number(2);
		assert_noop!(
			Datanets::contribute(RuntimeOrigin::signed(BOB), d, payload),
			Error::<Test>::DuplicateContribution
		);
	});
}
