//! Unit tests: genesis and the cap, pool release, spends, the data-reward boost and its rule,
//! the transaction-fee split, and a property test over random sequences of all of them.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Balanced, Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		OnUnbalanced,
	},
};
use sp_runtime::{BuildStorage, DispatchError, Perbill, TokenError};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Economics(e) = r.event { Some(e) } else { None })
		.collect()
}

fn check() {
	assert_eq!(Economics::do_try_state(), Ok(()));
}

fn balance(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn pool(id: PoolId) -> Pool<Balance> {
	Pools::<Test>::get(id).expect("genesis records every pool")
}

fn community() -> AccountId {
	Economics::account(PoolId::Community)
}

/// The boost of `credits`, with no limit but the pool's.
fn reward(credits: &[(AccountId, Balance)]) -> Balance {
	<Economics as DataRewards<_, _>>::reward(credits, Balance::MAX)
}

#[test]
fn genesis_records_each_pool_with_its_balance() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ne!(community(), Economics::account(PoolId::Ecosystem));
		assert_eq!(pool(PoolId::Community), Pool { allocation: COMMUNITY, released: 0, spent: 0 });
		assert_eq!(pool(PoolId::Ecosystem), Pool { allocation: ECOSYSTEM, released: 0, spent: 0 });
		assert_eq!(Balances::total_issuance(), CAP - ENDOWMENT);
		check();
	});
}

#[test]
#[should_panic(expected = "exceeds the cap")]
fn a_genesis_above_the_cap_is_refused() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap_or_default();
	pallet_balances::GenesisConfig::<Test> { balances: vec![(1, CAP + 1)], ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap_or_default();
	let _ = crate::GenesisConfig::<Test>::default().assimilate_storage(&mut storage);
}

#[test]
fn pools_release_each_block_up_to_their_allocation() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(4);
		assert_eq!(pool(PoolId::Community).released, 3 * 1_000);
		assert_eq!(pool(PoolId::Ecosystem).released, 3 * 300);
		// a faster rate releases the rest, and not a unit more
		CommunityRelease::set(&200_000);
		run_to_block(6);
		assert_eq!(pool(PoolId::Community).released, 3_000 + 2 * 200_000);
		run_to_block(7);
		assert_eq!(pool(PoolId::Community).released, COMMUNITY);
		run_to_block(20);
		assert_eq!(pool(PoolId::Community).released, COMMUNITY);
		let fully: Vec<_> = events().into_iter().filter(|e| matches!(e, Event::FullyReleased { .. })).collect();
		assert_eq!(fully, vec![Event::FullyReleased { pool: PoolId::Community }]);
		// nothing released moves funds: the pools' accounts still hold their allocations
		assert_eq!(balance(community()), COMMUNITY);
		check();
	});
}

#[test]
fn spend_pays_out_of_the_release() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(3); // 2 × 300 released by the ecosystem pool
		let (ecosystem, before) = (Economics::account(PoolId::Ecosystem), balance(42));
		assert_noop!(Economics::spend(RuntimeOrigin::signed(1), PoolId::Ecosystem, 42, 100), DispatchError::BadOrigin);
		assert_noop!(Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 601),
			Error::<Test>::InsufficientRelease
		);
		assert_ok!(Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 450));
		assert_eq!(balance(42), before + 450);
		assert_eq!(balance(ecosystem), ECOSYSTEM - 450);
		assert_eq!(pool(PoolId::Ecosystem).spent, 450);
		assert_eq!(events().last(), Some(&Event::Spent { pool: PoolId::Ecosystem, to: 42, amount: 450 }));
		assert_noop!(
			Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 151),
			Error::<Test>::InsufficientRelease
		);
		assert_ok!(Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 150));
		// more than the origin may spend at once
		run_to_block(400);
		assert_noop!(
			Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 100_001),
			Error::<Test>::AboveSpendLimit
		);
		// below the existential deposit, a new account cannot be created: an error, nothing moves
		run_to_block(4);
		assert_noop!(Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 43, ED - 1), TokenError::BelowMinimum);
		check();
	});
}

#[test]
fn a_pool_never_pays_more_than_its_account_holds() {
	// The pool's books are broken on purpose, so the invariants are not checked at the end.
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		// the pool's account somehow holds less than its unspent release (2 × 300)
		let ecosystem = Economics::account(PoolId::Ecosystem);
		assert_ok!(Balances::burn_from(
			&ecosystem,
			ECOSYSTEM - 200,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Force
		));
		// what it may pay keeps the account alive
		assert_eq!(Economics::pool_view(PoolId::Ecosystem).available, 200 - ED);
		assert_noop!(
			Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 200 - ED + 1),
			Error::<Test>::InsufficientRelease
		);
		assert_ok!(Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, 42, 200 - ED));
		assert_eq!(balance(ecosystem), ED);
	});
}

#[test]
fn the_boost_pays_a_multiple_of_each_data_credit() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(3); // 2_000 released by the community pool
		let before = (balance(1), balance(2));
		let paid = reward(&[(1, 4_000), (2, 1_234)]);
		// 10% of each credit, rounded down
		assert_eq!(paid, 400 + 123);
		assert_eq!((balance(1), balance(2)), (before.0 + 400, before.1 + 123));
		assert_eq!(pool(PoolId::Community).spent, 523);
		assert_eq!(balance(community()), COMMUNITY - 523);
		assert_eq!(events().last(), Some(&Event::DataRewarded { paid: 523, recipients: 2, short: 0 }));
		check();
	});
}

#[test]
fn the_boost_stops_when_the_release_is_spent() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(2); // 1_000 released
		let before = balance(2);
		// 600 due to each: the first is paid whole, the second gets what is left
		assert_eq!(reward(&[(1, 6_000), (2, 6_000)]), 1_000);
		assert_eq!(balance(2), before + 400);
		assert_eq!(events().last(), Some(&Event::DataRewarded { paid: 1_000, recipients: 2, short: 200 }));
		// nothing left until the next block's release
		assert_eq!(reward(&[(3, 6_000)]), 0);
		assert_eq!(events().last(), Some(&Event::DataRewarded { paid: 0, recipients: 0, short: 600 }));
		run_to_block(3);
		assert_eq!(reward(&[(3, 6_000)]), 600);
		assert_eq!(pool(PoolId::Community).spent, 1_600);
		check();
	});
}

#[test]
fn the_boost_of_a_settlement_stays_within_its_limit() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(3);
		let before = (balance(1), balance(2));
		// 400 and 123 due; at most 450 in all: the second gets what is left
		assert_eq!(<Economics as DataRewards<_, _>>::reward(&[(1, 4_000), (2, 1_234)], 450), 450);
		assert_eq!((balance(1), balance(2)), (before.0 + 400, before.1 + 50));
		assert_eq!(events().last(), Some(&Event::DataRewarded { paid: 450, recipients: 2, short: 0 }));
		assert_eq!(<Economics as DataRewards<_, _>>::reward(&[(1, 4_000)], 0), 0);
		assert_eq!(pool(PoolId::Community).spent, 450);
		check();
	});
}

#[test]
fn a_boost_that_breaks_the_rule_pays_nothing() {
	// The boost rule is broken on purpose, so the invariants are not checked at the end.
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		// 12% of 45% is 5.4%, above the treasury's 5%
		Boost::set(&Perbill::from_percent(12));
		assert_eq!(Economics::boost(), Perbill::zero());
		let before = balance(1);
		assert_eq!(reward(&[(1, 4_000)]), 0);
		assert_eq!(balance(1), before);
		assert!(Economics::do_try_state().is_err());
		// the treasury's share raised: the same boost is safe again
		TreasuryShare::set(&Perbill::from_percent(6));
		assert_eq!(reward(&[(1, 4_000)]), 480);
		check();
	});
}

#[test]
fn the_boost_skips_an_account_it_cannot_reach() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(3);
		// 10% of 30 is 3, below the existential deposit of a new account
		assert_eq!(reward(&[(50, 30), (1, 100)]), 10);
		assert_eq!(balance(50), 0);
		assert_eq!(events().last(), Some(&Event::DataRewarded { paid: 10, recipients: 1, short: 0 }));
		assert_eq!(pool(PoolId::Community).spent, 10);
		check();
	});
}

/// Pays a fee of `fee` and a tip of `tip`, withdrawn from account 1, as transaction payment does.
fn pay_fees(fee: Balance, tip: Balance) {
	pay_fees_from(1, fee, tip)
}

fn pay_fees_from(payer: AccountId, fee: Balance, tip: Balance) {
	let credit = |amount| {
		<Balances as Balanced<AccountId>>::withdraw(
			&payer,
			amount,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.expect("the payer can pay")
	};
	DealWithFees::<Test>::on_unbalanceds([credit(fee), credit(tip)].into_iter());
}

#[test]
fn fees_go_to_the_author_and_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Balances::mint_into(&AUTHOR, ED));
		let (author, treasury, payer, issuance) =
			(balance(AUTHOR), balance(TREASURY), balance(1), Balances::total_issuance());
		pay_fees(1_001, 7);
		// 20% of the fee, rounded down, and the whole tip to the author; the rest to the treasury
		assert_eq!(balance(AUTHOR), author + 200 + 7);
		assert_eq!(balance(TREASURY), treasury + 801);
		assert_eq!(balance(1), payer - 1_008);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn fees_go_to_the_treasury_without_an_author_to_pay() {
	ExtBuilder::default().build_and_execute(|| {
		let (treasury, issuance) = (balance(TREASURY), Balances::total_issuance());
		// the author's account does not exist and 20% of 10 cannot create it
		pay_fees(10, 0);
		assert_eq!(balance(AUTHOR), 0);
		assert_eq!(balance(TREASURY), treasury + 10);
		// no author at all
		Author::set(&None);
		pay_fees(1_000, 5);
		assert_eq!(balance(TREASURY), treasury + 10 + 1_005);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn the_views_show_the_pools_and_the_supply() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(5);
		assert_ok!(Economics::spend(RuntimeOrigin::root(), PoolId::Community, 42, 1_500));
		let view = Economics::pool_view(PoolId::Community);
		assert_eq!(view.account, community());
		assert_eq!((view.allocation, view.released, view.spent, view.available), (COMMUNITY, 4_000, 1_500, 2_500));
		assert_eq!(view.balance, COMMUNITY - 1_500);
		assert_eq!(view.release_per_block, 1_000);
		// 496_000 left at 1_000 per block, from block 5
		assert_eq!(view.fully_released_at, Some(5 + 496));
		EcosystemRelease::set(&0);
		assert_eq!(Economics::pool_view(PoolId::Ecosystem).fully_released_at, None);
		let supply = Economics::supply_view(3_000, 0);
		assert_eq!(supply.cap, CAP);
		assert_eq!(supply.total, CAP - ENDOWMENT);
		assert_eq!(supply.vesting_locked, 3_000);
		assert_eq!(supply.treasury, balance(TREASURY));
		assert_eq!(supply.circulating, CAP - ENDOWMENT - 3_000 - balance(TREASURY) - (COMMUNITY - 1_500) - ECOSYSTEM);
		assert_eq!(supply.pools.len(), 2);
		// what is held for another chain does not circulate here
		assert_eq!(Economics::supply_view(3_000, 400).circulating, supply.circulating - 400);
	});
}

#[test]
fn try_state_catches_issuance_above_the_cap() {
	ExtBuilder::default().build().execute_with(|| {
		assert_ok!(Balances::mint_into(&1, ENDOWMENT));
		check();
		assert_ok!(Balances::mint_into(&1, 1));
		assert!(Economics::do_try_state().is_err());
	});
}

/// A small deterministic generator (xorshift), so that failures replay.
struct Rng(u64);

impl Rng {
	fn next(&mut self, bound: u64) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0 % bound
	}
}

#[test]
fn no_sequence_of_operations_exceeds_the_cap_or_loses_value() {
	for seed in 1..=20u64 {
		ExtBuilder::default().build_and_execute(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
			let issuance = Balances::total_issuance();
			for _ in 0..200 {
				let who = AccountId::from(rng.next(12) + 1);
				match rng.next(6) {
					0 => run_to_block(System::block_number() + rng.next(50)),
					1 => {
						let pool = PoolId::ALL[rng.next(2) as usize];
						let _ = Economics::spend(RuntimeOrigin::root(), pool, who, u128::from(rng.next(3_000)));
					},
					2 => {
						let credits: Vec<_> =
							(0..rng.next(5)).map(|i| (who + u128::from(i), u128::from(rng.next(20_000)))).collect();
						let before = balance(community());
						let paid = reward(&credits);
						assert_eq!(balance(community()), before - paid);
					},
					3 => pay_fees_from(TREASURY, u128::from(rng.next(500)), u128::from(rng.next(50))),
					4 => {
						let _ = Balances::transfer(&1, &who, u128::from(rng.next(5_000)), Preservation::Preserve);
					},
					_ => {
						CommunityRelease::set(&u128::from(rng.next(100_000)));
						Boost::set(&Perbill::from_percent(rng.next(12) as u32));
					},
				}
				// value moves, none appears or vanishes; the books and the rule hold
				assert_eq!(Balances::total_issuance(), issuance);
				assert!(Balances::total_issuance() <= CAP);
				let state = pool(PoolId::Community);
				assert_eq!(balance(community()), COMMUNITY - state.spent);
				// boosts up to 11% are drawn: 11% × 45% = 4.95% < 5%, still safe
				check();
			}
		});
	}
}
