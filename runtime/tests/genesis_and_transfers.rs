//! The runtime, executed natively on the real genesis of its presets: the OPEN supply, and
//! transfers signed, fee-charged and applied as the node applies them.

// Test code: it may unwrap, expect, index and do unchecked arithmetic (clippy's test allowances
// do not reach an integration test's helper functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use codec::Encode;
use common::*;
use frame_support::assert_ok;
use openledger_primitives::economics::{allocation, PoolId};
use openledger_runtime::{
	configs::TreasuryAccount,
	genesis_config_presets::{self, TEST_ACCOUNT_ENDOWMENT},
	Address, Balance, Balances, Economics, Executive, Runtime, RuntimeEvent, System, DECIMALS, OPEN, TOTAL_SUPPLY,
};
use pallet_revive::AddressMapper;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DispatchError, Perbill, TokenError};

#[test]
fn open_has_18_decimals_and_a_billion_supply() {
	assert_eq!(DECIMALS, 18);
	assert_eq!(OPEN, 10u128.pow(18));
	assert_eq!(TOTAL_SUPPLY, 1_000_000_000 * 10u128.pow(18));
}

#[test]
fn both_presets_mint_exactly_the_total_supply() {
	let alice = Some(Sr25519Keyring::Alice.to_account_id());
	for (preset, validators, sudo) in [(DEV_RUNTIME_PRESET, 1, alice), (LOCAL_TESTNET_RUNTIME_PRESET, 3, None)] {
		genesis(preset).execute_with(|| {
			assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY, "issuance of {preset}");
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), validators);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), sudo, "only the development network has sudo");

			// Where the supply sits: the pools and the vesting accounts their allocations; out of
			// the liquidity part, each test account its endowment, the inference escrow its
			// existential deposit, the bridge's reserve its part, revive's account its existential
			// deposit, the treasury the rest.
			assert_eq!(free(&Economics::account(PoolId::Community)), 517_100_000 * OPEN);
			assert_eq!(free(&Economics::account(PoolId::Ecosystem)), 100_000_000 * OPEN);
			assert_eq!(free(&genesis_config_presets::team_account()), 150_000_000 * OPEN);
			assert_eq!(free(&genesis_config_presets::investors_account()), 182_900_000 * OPEN);
			let mut accounts = genesis_config_presets::test_accounts();
			assert_eq!(accounts.len(), 12);
			// the account an Ethereum wallet holding the development key signs for: funded on
			// `development` only (operators export `local_testnet` to start their own networks)
			let eth_dev = genesis_config_presets::eth_dev_account();
			assert_eq!(Mapper::to_address(&eth_dev), genesis_config_presets::ETH_DEV_ADDRESS);
			if preset == DEV_RUNTIME_PRESET {
				accounts.push(eth_dev);
			} else {
				assert_eq!(free(&eth_dev), 0, "no well-known Ethereum key funded on {preset}");
			}
			for account in &accounts {
				assert_eq!(free(account), TEST_ACCOUNT_ENDOWMENT);
			}
			let escrow = openledger_runtime::configs::EscrowReserve::get();
			assert_eq!(free(&openledger_runtime::Inference::escrow_account()), escrow);
			let reserve = genesis_config_presets::BRIDGE_RESERVE;
			assert_eq!(free(&openledger_runtime::Bridge::reserve_account()), reserve);
			assert_eq!(reserve, 10_000_000 * OPEN);
			// revive's account its existential deposit, given rather than minted
			let ed = openledger_runtime::configs::EXISTENTIAL_DEPOSIT;
			assert_eq!(free(&openledger_runtime::Revive::account_id()), ed);
			let endowed = TEST_ACCOUNT_ENDOWMENT * accounts.len() as Balance;
			assert_eq!(free(&TreasuryAccount::get()), allocation::LIQUIDITY - endowed - escrow - reserve - ed);
			// the bridge starts closed
			assert!(
				pallet_bridge::Committee::<Runtime>::get().is_empty()
					&& pallet_bridge::Vault::<Runtime>::get().is_none()
			);
		});
	}
}

#[test]
fn a_transfer_moves_the_amount_and_charges_a_fee() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		// Alice, the development network's only validator, authors the block
		open_authored_block(1, 1);
		assert_eq!(pallet_authorship::Pallet::<Runtime>::author(), Some(Sr25519Keyring::Alice.to_account_id()));
		let (alice, bob) = (Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		let to = fresh_account();
		let treasury = TreasuryAccount::get();
		let treasury_before = free(&treasury);
		let amount = 5 * OPEN;

		let xt = signed(Sr25519Keyring::Bob, 0, transfer(&to, amount));
		let len = xt.encoded_size() as u32;
		let quoted = pallet_transaction_payment::Pallet::<Runtime>::query_info(xt.clone(), len);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));

		let fee = fee_paid_by(&bob);
		assert!(fee > 0, "a fee is charged");
		assert!(fee <= quoted.partial_fee, "no more than quoted: {fee} > {}", quoted.partial_fee);
		assert_eq!(free(&to), amount);
		assert_eq!(free(&bob), TEST_ACCOUNT_ENDOWMENT - amount - fee);
		System::assert_has_event(RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: bob.clone(),
			to: to.clone(),
			amount,
		}));
		// The fee is split, 20% to the author and the rest to the treasury: nothing is burned,
		// nothing minted.
		let to_author = Perbill::from_percent(20).mul_floor(fee);
		assert_eq!(free(&alice), TEST_ACCOUNT_ENDOWMENT + to_author);
		assert_eq!(free(&treasury), treasury_before + fee - to_author);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		assert_eq!(System::account_nonce(&bob), 1);
		println!("transfer fee: {fee} ({} OPEN), {len} bytes", fee as f64 / OPEN as f64);
	});
}

#[test]
fn a_transfer_of_more_than_the_balance_fails_and_only_the_fee_is_charged() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let to = fresh_account();
		let too_much = TEST_ACCOUNT_ENDOWMENT + 1;

		let xt = signed(Sr25519Keyring::Bob, 0, transfer(&to, too_much));
		// Included (the fee is paid) but the call fails: pallet-balances reports a withdrawal
		// beyond the free balance as the fungible `FundsUnavailable` token error.
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Err(DispatchError::Token(TokenError::FundsUnavailable))));

		let fee = fee_paid_by(&bob);
		assert!(fee > 0);
		assert_eq!(free(&bob), TEST_ACCOUNT_ENDOWMENT - fee);
		assert_eq!(free(&to), 0);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

#[test]
fn a_transfer_signed_by_someone_else_is_refused_before_any_fee() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block();
		let alice = Sr25519Keyring::Alice.to_account_id();
		let mut xt = signed(Sr25519Keyring::Alice, 0, transfer(&fresh_account(), OPEN));
		// Claim the transaction is Bob's: the signature no longer matches.
		if let sp_runtime::generic::Preamble::Signed(address, _, _) = &mut xt.0.preamble {
			*address = Address::Id(Sr25519Keyring::Bob.to_account_id());
		}
		assert!(Executive::apply_extrinsic(xt).is_err());
		assert_eq!(free(&alice), TEST_ACCOUNT_ENDOWMENT);
		assert_eq!(free(&Sr25519Keyring::Bob.to_account_id()), TEST_ACCOUNT_ENDOWMENT);
	});
}

#[test]
fn dust_goes_to_the_treasury_not_out_of_the_supply() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block();
		let alice = Sr25519Keyring::Alice.to_account_id();
		let spender = fresh_account();
		let ed = openledger_runtime::configs::EXISTENTIAL_DEPOSIT;
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		assert_ok!(<Balances as Mutate<_>>::transfer(&alice, &spender, OPEN, Preservation::Preserve));
		let treasury = free(&TreasuryAccount::get());
		// The spender sends all but half an existential deposit and allows its account to go:
		// the half left over is dust.
		assert_ok!(<Balances as Mutate<_>>::transfer(&spender, &alice, OPEN - ed / 2, Preservation::Expendable));
		assert_eq!(free(&spender), 0);
		assert_eq!(free(&TreasuryAccount::get()), treasury + ed / 2);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}
