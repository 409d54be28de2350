//! OPEN economics in the runtime, on the development preset's genesis: vesting on schedule, the
//! pools' release, the fee split, the data-reward boost through a real settlement, the
//! self-dealing loop that must lose money, the guard on the boost rule, and the cap under random
//! sequences of calls.

// Test code: it may unwrap, expect, index and do unchecked arithmetic (clippy's test allowances
// do not reach an integration test's helper functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Contains, Hooks, VestingSchedule},
};
use openledger_primitives::economics::{allocation, PoolId};
use openledger_runtime::{
	configs::{dynamic_params, RuntimeParameters, TreasuryAccount},
	genesis_config_presets,
	impls::EconomicsGuard,
	AccountId, Balance, Balances, Economics, Executive, Inference, Runtime, RuntimeCall, RuntimeOrigin, System,
	Vesting, OPEN, TOTAL_SUPPLY,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, DispatchError, Perbill};

fn dev() -> common::Checked {
	genesis(DEV_RUNTIME_PRESET)
}

/// Everything `who` owns: free and held.
fn total(who: &AccountId) -> Balance {
	Balances::total_balance(who)
}

/// Sets a runtime parameter as root.
fn set(parameter: RuntimeParameters) {
	assert_ok!(openledger_runtime::Parameters::set_parameter(RuntimeOrigin::root(), parameter));
}

/// Runs the economics pallet's block hook from the current block to `n`.
fn run_to(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Economics::on_initialize(next);
	}
}

#[test]
fn the_runtime_passes_its_integrity_tests() {
	dev().execute_with(|| {
		<openledger_runtime::AllPalletsWithSystem as frame_support::traits::IntegrityTest>::integrity_test();
	});
}

/// However an attestor orders its jobs, the first-job work ahead of any of them is answered on
/// the reference machine before its commit is due, with a quarter of the time to spare. A job
/// opened in block b is drawn in b + 1, when the worker first sees it, and its commit must be in
/// a block before b + 1 + `CommitPeriod`: `CommitPeriod − 1` blocks of work. Ahead of it: the
/// backlog the chain admitted with it (at most `MaxWorkBacklog`), and the work admitted in the
/// blocks drawn before its commit is due, `WorkPerBlock` each.
#[test]
fn first_job_work_ahead_of_a_job_fits_its_commit_period() {
	use openledger_runtime::configs::{CommitPeriod, MaxWorkBacklog, WorkPerBlock};
	let window = u64::from(CommitPeriod::get() - 1) * openledger_runtime::MILLISECS_PER_BLOCK * 1_000;
	let ahead = MaxWorkBacklog::get() + WorkPerBlock::get() * u64::from(CommitPeriod::get() - 2);
	assert!(ahead * 4 <= window * 3, "{ahead} µs of work ahead of a job with {window} µs to answer");
	assert!(MaxWorkBacklog::get() >= openledger_primitives::models::bounds::MAX_COLD_START_MICROS);
}

/// A job pays the job fee once for each 62.5 ms of work it asks of the attestors, a block's
/// share of what they get through in a block: a job at the work bound, which takes six blocks
/// of their time, pays what six blocks' 32 draws pay.
#[test]
fn a_job_pays_the_fee_for_each_share_of_a_blocks_work() {
	use openledger_runtime::{
		configs::{MaxJobsPerBlock, MaxWorkBacklog, WorkPerBlock},
		Attribution, MILLI_OPEN,
	};
	dev().execute_with(|| {
		let fee = 200 * MILLI_OPEN;
		assert_eq!(Attribution::fee_unit(), 62_500);
		assert_eq!((Attribution::fee_for(0), Attribution::fee_for(62_500)), (fee, fee));
		assert_eq!(Attribution::fee_for(62_501), 2 * fee);
		let blocks = MaxWorkBacklog::get() / WorkPerBlock::get();
		assert_eq!(blocks, 6);
		assert_eq!(Attribution::fee_for(MaxWorkBacklog::get()), Balance::from(MaxJobsPerBlock::get()) * 6 * fee);
	});
}

#[test]
fn team_and_investors_vest_after_the_cliff_and_linearly_after_it() {
	dev().execute_with(|| {
		let team = genesis_config_presets::team_account();
		let (cliff, length) = (allocation::VESTING_CLIFF, allocation::VESTING_LENGTH);
		let locked = |at: u32| {
			System::set_block_number(at);
			Vesting::vesting_balance(&team).expect("the team vests")
		};
		assert_eq!(locked(1), allocation::TEAM);
		assert_eq!(locked(cliff), allocation::TEAM, "nothing before the cliff ends");
		let per_block = allocation::TEAM / Balance::from(length);
		assert_eq!(locked(cliff + 1), allocation::TEAM - per_block);
		assert_eq!(locked(cliff + length / 2), allocation::TEAM - per_block * Balance::from(length / 2));
		// per block rounds down: the last units unlock in the block after the 36 months
		assert!(locked(cliff + length) < per_block);
		assert_eq!(locked(cliff + length + 1), 0);

		// locked funds cannot move; vested ones can, once `vest` applies the schedule
		System::set_block_number(cliff / 2);
		let send = |amount| {
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: Sr25519Keyring::Bob.to_account_id().into(),
				value: amount,
			})
		};
		assert!(send(OPEN).dispatch(signed_origin(&team)).is_err());
		System::set_block_number(cliff + length / 4);
		assert_ok!(Vesting::vest(signed_origin(&team)));
		let vested = per_block * Balance::from(length / 4);
		assert_ok!(send(vested).dispatch(signed_origin(&team)));
		assert!(send(per_block).dispatch(signed_origin(&team)).is_err());

		let investors = genesis_config_presets::investors_account();
		System::set_block_number(cliff);
		assert_eq!(Vesting::vesting_balance(&investors), Some(allocation::INVESTORS));
	});
}

#[test]
fn a_pool_releases_per_block_and_stops_at_its_allocation() {
	dev().execute_with(|| {
		let pool = Economics::account(PoolId::Ecosystem);
		run_to(3);
		let view = Economics::pool_view(PoolId::Ecosystem);
		assert_eq!(view.released, 3 * allocation::ECOSYSTEM_PER_BLOCK);
		assert_eq!(view.fully_released_at, Some(allocation::POOL_RELEASE + 1));
		// governance speeds the release up: it stops at the allocation, which the account holds
		let rate = 40_000_000 * OPEN;
		set(RuntimeParameters::Economics(dynamic_params::economics::Parameters::EcosystemRelease(
			dynamic_params::economics::EcosystemRelease,
			Some(rate),
		)));
		run_to(6);
		assert_eq!(Economics::pool_view(PoolId::Ecosystem).released, allocation::ECOSYSTEM);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let spend = |amount| Economics::spend(RuntimeOrigin::root(), PoolId::Ecosystem, bob.clone(), amount);
		assert_eq!(
			spend(allocation::ECOSYSTEM + 1),
			Err(pallet_economics::Error::<Runtime>::InsufficientRelease.into())
		);
		// all of it but the existential deposit, which keeps the pool's account
		let ed = openledger_runtime::configs::EXISTENTIAL_DEPOSIT;
		assert_eq!(spend(allocation::ECOSYSTEM), Err(pallet_economics::Error::<Runtime>::InsufficientRelease.into()));
		assert_ok!(spend(allocation::ECOSYSTEM - ed));
		assert_eq!(total(&pool), ed);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		assert_ok!(Economics::do_try_state());
	});
}

#[test]
fn transaction_fees_split_between_author_and_treasury_and_tips_go_to_the_author() {
	genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let author = Sr25519Keyring::Charlie.to_account_id();
		open_block_authored_by(1, &author);
		assert_eq!(pallet_authorship::Pallet::<Runtime>::author(), Some(author.clone()));
		let treasury = TreasuryAccount::get();
		let (author_before, treasury_before) = (total(&author), total(&treasury));
		let (mut fees, mut tips) = (0, 0);
		for (i, signer) in [Sr25519Keyring::Eve, Sr25519Keyring::Ferdie, Sr25519Keyring::Dave].into_iter().enumerate() {
			let tip = (i as Balance) * OPEN;
			let xt = signed_with_tip(signer, 0, transfer(&fresh_account(), OPEN), tip);
			assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
			let paid = fee_paid_by(&signer.to_account_id());
			fees += paid - tip;
			tips += tip;
		}
		let to_author: Balance = total(&author) - author_before;
		assert_eq!(total(&treasury) - treasury_before + to_author, fees + tips, "every fee and tip is paid on");
		assert!(to_author >= tips + Perbill::from_percent(20).mul_floor(fees) - 3);
		assert!(to_author <= tips + Perbill::from_percent(20).mul_floor(fees));
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

/// The treasury pays spends but never below its existential deposit: a spend of everything it
/// holds fails at payout, and the treasury, never reaped, still takes the fees that follow
/// (a credit it could not take would be dropped, leaving the supply).
#[test]
fn the_treasury_keeps_its_existential_deposit_and_takes_every_fee() {
	dev().execute_with(|| {
		open_block();
		let treasury = TreasuryAccount::get();
		let ed: Balance =
			<<Runtime as pallet_balances::Config>::ExistentialDeposit as frame_support::traits::Get<_>>::get();
		let all = Balances::free_balance(&treasury);
		let beneficiary = fresh_account();
		for amount in [all, all - ed] {
			assert_ok!(openledger_runtime::Treasury::spend(
				RuntimeOrigin::root(),
				Box::new(()),
				amount,
				Box::new(beneficiary.clone()),
				None
			));
		}
		let payer = signed_origin(&Sr25519Keyring::Dave.to_account_id());
		assert!(pallet_treasury::Pallet::<Runtime>::payout(payer.clone(), 0).is_err(), "would reap the treasury");
		assert_ok!(pallet_treasury::Pallet::<Runtime>::payout(payer, 1));
		assert_eq!(Balances::free_balance(&treasury), ed);
		let xt = signed(Sr25519Keyring::Eve, 0, transfer(&fresh_account(), OPEN));
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		let fee = fee_paid_by(&Sr25519Keyring::Eve.to_account_id());
		// no author in this block: the whole fee to the treasury
		assert_eq!(Balances::free_balance(&treasury), ed + fee);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

/// `payer` pays one inference of `model` from `provider`; returns its id.
fn pay(payer: &AccountId, provider: &AccountId, model: u32) -> u64 {
	let id = pallet_inference::NextInferenceId::<Runtime>::get();
	assert_ok!(Inference::pay_inference(
		signed_origin(payer),
		model,
		provider.clone(),
		openledger_primitives::datanets::tabular::encode_values(&[0.5, -1.0]),
		1u32.to_le_bytes().to_vec(),
		Balance::MAX
	));
	id
}

fn pay_and_settle(payer: &AccountId, provider: &AccountId, model: u32, index: u32, attestors: Vec<AccountId>) {
	settle(pay(payer, provider, model), model, index, attestors);
}

#[test]
fn settlement_boosts_the_data_credit_from_the_community_pool() {
	dev().execute_with(|| {
		run_to(2);
		let [owner, contributor, provider, payer] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
				.map(|k| k.to_account_id());
		let price = 100 * OPEN;
		let (model, index) = model_on_one_contribution(&owner, &contributor, price);
		assert_ok!(Inference::register_provider(signed_origin(&provider)));
		let (before, pool_before) = (total(&contributor), total(&Economics::account(PoolId::Community)));
		pay_and_settle(&payer, &provider, model, index, vec![]);
		// 45 OPEN credited to the contribution, 10% of it paid at once from the pool
		assert_eq!(pallet_inference::Unclaimed::<Runtime>::get(&contributor), 45 * OPEN);
		assert_eq!(total(&contributor), before + 45 * OPEN / 10);
		assert_eq!(total(&Economics::account(PoolId::Community)), pool_before - 45 * OPEN / 10);
		assert_eq!(Economics::pool_view(PoolId::Community).spent, 45 * OPEN / 10);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		assert_ok!(Economics::do_try_state());
		assert_ok!(Inference::do_try_state());
	});
}

#[test]
fn whoever_holds_every_role_but_the_treasury_loses_money_on_each_loop() {
	dev().execute_with(|| {
		// about 24.6 OPEN released per block: enough for every round's boost
		run_to(20);
		// Eve is the payer, the provider, the model's owner, the contributor and the attestor
		let eve = Sr25519Keyring::Eve.to_account_id();
		let price = 1_000 * OPEN;
		let (model, index) = model_on_one_contribution(&eve, &eve, price);
		assert_ok!(Inference::register_provider(signed_origin(&eve)));
		for round in 1..=5u32 {
			let before = total(&eve);
			pay_and_settle(&eve, &eve, model, index, vec![eve.clone()]);
			assert_ok!(Inference::claim(signed_origin(&eve)));
			let after = total(&eve);
			// she paid 1,000 and got back 950 (all but the treasury's 5%) and a boost of 10% of
			// her 450 data credit: 45; she is 5 OPEN poorer each time
			assert_eq!(before - after, 5 * OPEN, "round {round}");
		}

		// She pays under the default split (the treasury keeps 50), then governance moves to a
		// split that leaves the treasury 1.5% and a boost of 14% (1.4% < 1.5%: allowed) before her
		// inference settles. 14% of her 450 would be 63 OPEN; the boost stays below the 50 OPEN the
		// treasury kept of her fee, so she still loses (one unit: the boost stops just short of it).
		let before = total(&eve);
		let id = pay(&eve, &eve, model);
		set(RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(
			dynamic_params::inference::Split,
			Some(pallet_inference::FeeSplit {
				provider: Perbill::from_percent(20),
				owner: Perbill::from_percent(20),
				data: Perbill::from_percent(10),
				attestors: Perbill::from_parts(485_000_000),
			}),
		)));
		set(RuntimeParameters::Economics(dynamic_params::economics::Parameters::DataBoost(
			dynamic_params::economics::DataBoost,
			Some(Perbill::from_percent(14)),
		)));
		assert_eq!(Economics::boost(), Perbill::from_percent(14));
		settle(id, model, index, vec![eve.clone()]);
		assert_ok!(Inference::claim(signed_origin(&eve)));
		assert_eq!(before - total(&eve), 1, "one unit poorer");
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

fn boost_call(boost: Perbill) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Economics(dynamic_params::economics::Parameters::DataBoost(
			dynamic_params::economics::DataBoost,
			Some(boost),
		)),
	})
}

fn split_call(data: u32, treasury_left: bool) -> RuntimeCall {
	// provider and owner 20% each, attestors 10%, data `data`%; the treasury what is left
	let split = pallet_inference::FeeSplit {
		provider: Perbill::from_percent(20),
		owner: Perbill::from_percent(20),
		data: Perbill::from_percent(data),
		attestors: Perbill::from_percent(if treasury_left { 10 } else { 60 - data }),
	};
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(
			dynamic_params::inference::Split,
			Some(split),
		)),
	})
}

#[test]
fn parameter_changes_that_would_pay_wash_trading_are_refused() {
	dev().execute_with(|| {
		// with the default split (data 45%, treasury 5%): up to 1/9 is safe
		assert!(EconomicsGuard::contains(&boost_call(Perbill::from_percent(11))));
		assert!(!EconomicsGuard::contains(&boost_call(Perbill::from_percent(12))));
		// a split with more to data, or nothing left for the treasury, breaks the default 10%
		assert!(EconomicsGuard::contains(&split_call(40, true)));
		assert!(!EconomicsGuard::contains(&split_call(50, true)));
		assert!(!EconomicsGuard::contains(&split_call(45, false)));
		// other calls pass
		assert!(EconomicsGuard::contains(&transfer(&fresh_account(), OPEN)));

		// A filtered origin (any but root: a governance track's) is refused before anything
		// else; the parameter keeps its value.
		let alice = signed_origin(&Sr25519Keyring::Alice.to_account_id());
		let refused = boost_call(Perbill::from_percent(12)).dispatch(alice.clone());
		assert_eq!(refused.map_err(|e| e.error), Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		let allowed = boost_call(Perbill::from_percent(11)).dispatch(alice);
		assert_eq!(allowed.map_err(|e| e.error), Err(DispatchError::BadOrigin));
		assert_eq!(Economics::boost(), Perbill::from_percent(10));

		// Root is not filtered; if it breaks the rule, the boost pays nothing.
		assert_ok!(boost_call(Perbill::from_percent(12)).dispatch(RuntimeOrigin::root()));
		assert_eq!(Economics::boost(), Perbill::zero());
		assert!(Economics::do_try_state().is_err());
		// Set back, it holds again (as every test's end checks).
		assert_ok!(boost_call(Perbill::from_percent(10)).dispatch(RuntimeOrigin::root()));
	});
}

#[test]
#[should_panic(expected = "the economics pallet's try_state failed")]
fn a_test_that_leaves_an_invariant_broken_fails_naming_the_pallet() {
	dev().execute_with(|| {
		// Root breaks the boost rule and leaves it broken: the end-of-test check catches it.
		assert_ok!(boost_call(Perbill::from_percent(12)).dispatch(RuntimeOrigin::root()));
	});
}

/// Draws from BLAKE2 of a seed and a counter, so that failures replay.
struct Draws(u64, u64);

impl Draws {
	fn next(&mut self, bound: u64) -> u64 {
		self.1 += 1;
		let hash = sp_io::hashing::blake2_256(&(self.0, self.1).encode());
		u64::from_le_bytes(hash[..8].try_into().expect("8 bytes")) % bound
	}
}

#[test]
fn no_sequence_of_calls_exceeds_the_cap() {
	for seed in 1..=8u64 {
		dev().execute_with(|| {
			let mut rng = Draws(seed, 0);
			let accounts = genesis_config_presets::test_accounts();
			let pick = |rng: &mut Draws| accounts[rng.next(accounts.len() as u64) as usize].clone();
			let owner = pick(&mut rng);
			let (model, index) = model_on_one_contribution(&owner, &pick(&mut rng), 10 * OPEN);
			for provider in &accounts {
				assert_ok!(Inference::register_provider(signed_origin(provider)));
			}
			for _ in 0..60 {
				let who = pick(&mut rng);
				match rng.next(6) {
					0 => run_to(System::block_number() + 1 + rng.next(20) as u32),
					1 => pay_and_settle(&who, &pick(&mut rng), model, index, vec![pick(&mut rng)]),
					2 => {
						let _ = Inference::claim(signed_origin(&who));
					},
					3 => {
						let pool = PoolId::ALL[rng.next(2) as usize];
						let _ =
							Economics::spend(RuntimeOrigin::root(), pool, who, Balance::from(rng.next(1_000)) * OPEN);
					},
					4 => {
						let _ = transfer(&pick(&mut rng), Balance::from(rng.next(1_000)) * OPEN)
							.dispatch(signed_origin(&who));
					},
					_ => {
						// boosts up to 11% (11% × 45% < 5%: safe), any release rate
						let boost = Perbill::from_percent(rng.next(12) as u32);
						assert_ok!(boost_call(boost).dispatch(RuntimeOrigin::root()));
						set(RuntimeParameters::Economics(dynamic_params::economics::Parameters::CommunityRelease(
							dynamic_params::economics::CommunityRelease,
							Some(Balance::from(rng.next(1_000_000)) * OPEN),
						)));
					},
				}
				assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
				for pool in PoolId::ALL {
					let view = Economics::pool_view(pool);
					assert_eq!(view.balance, view.allocation - view.spent, "{pool:?}'s books");
				}
				assert_ok!(Economics::do_try_state());
				assert_ok!(Inference::do_try_state());
			}
		});
	}
}
