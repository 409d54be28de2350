//! The runtime, executed natively on the real genesis of its presets: the OPEN supply, and
//! transfers signed, fee-charged and applied as the node applies them.

use codec::Encode;
use frame_support::genesis_builder_helper::build_state;
use openledger_runtime::{
	configs::TreasuryAccount,
	genesis_config_presets::{self, TEST_ACCOUNT_ENDOWMENT},
	AccountId, Address, Balance, Balances, Executive, Header, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, Signature, SignedPayload, System, TxExtension, UncheckedExtrinsic, DECIMALS, OPEN,
	TOTAL_SUPPLY,
};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Hash as _, Header as _},
	DispatchError, TokenError,
};

/// State built from the preset `name`, as the node builds genesis: the preset's JSON, read back
/// by the runtime's `build_state`.
fn genesis(name: &str) -> sp_io::TestExternalities {
	let json = genesis_config_presets::get_preset(&name.into()).expect("the preset exists");
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds a genesis state"));
	ext
}

/// Opens block #1 on top of genesis, so that extrinsics can be applied.
fn open_block() {
	let parent = System::block_hash(0);
	let header = Header::new(1, Default::default(), Default::default(), parent, Default::default());
	Executive::initialize_block(&header);
}

/// A transaction signed by `signer`, immortal, with no tip, as a wallet would build it.
fn signed(signer: Sr25519Keyring, nonce: Nonce, call: RuntimeCall) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_system::WeightReclaim::new(),
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("payload builds");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, Address::Id(signer.to_account_id()), Signature::Sr25519(signature), extension)
}

fn transfer(to: &AccountId, value: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death { dest: Address::Id(to.clone()), value })
}

fn free(who: &AccountId) -> Balance {
	pallet_balances::Pallet::<Runtime>::free_balance(who)
}

/// The fee `TransactionFeePaid` reports for `who` in this block.
fn fee_paid_by(who: &AccountId) -> Balance {
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::TransactionPayment(pallet_transaction_payment::Event::TransactionFeePaid {
				who: payer,
				actual_fee,
				tip,
			}) if &payer == who => {
				assert_eq!(tip, 0);
				Some(actual_fee)
			},
			_ => None,
		})
		.expect("a TransactionFeePaid event for the signer")
}

/// An account no preset funds.
fn fresh_account() -> AccountId {
	AccountId::from(<[u8; 32]>::from(sp_runtime::traits::BlakeTwo256::hash(b"fresh account")))
}

#[test]
fn open_has_18_decimals_and_a_billion_supply() {
	assert_eq!(DECIMALS, 18);
	assert_eq!(OPEN, 10u128.pow(18));
	assert_eq!(TOTAL_SUPPLY, 1_000_000_000 * 10u128.pow(18));
}

#[test]
fn both_presets_mint_exactly_the_total_supply() {
	for (preset, validators) in [(DEV_RUNTIME_PRESET, 1), (LOCAL_TESTNET_RUNTIME_PRESET, 4)] {
		genesis(preset).execute_with(|| {
			assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY, "issuance of {preset}");
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), validators);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));

			// Where the supply sits: each test account its endowment, the inference escrow its
			// existential deposit, the treasury the rest.
			let accounts = genesis_config_presets::test_accounts();
			assert_eq!(accounts.len(), 12);
			for account in &accounts {
				assert_eq!(free(account), TEST_ACCOUNT_ENDOWMENT);
			}
			let escrow = openledger_runtime::configs::EscrowReserve::get();
			assert_eq!(free(&openledger_runtime::Inference::escrow_account()), escrow);
			let endowed = TEST_ACCOUNT_ENDOWMENT * accounts.len() as Balance;
			assert_eq!(free(&TreasuryAccount::get()), TOTAL_SUPPLY - endowed - escrow);
		});
	}
}

#[test]
fn a_transfer_moves_the_amount_and_charges_a_fee() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		open_block();
		let alice = Sr25519Keyring::Alice.to_account_id();
		let to = fresh_account();
		let treasury = TreasuryAccount::get();
		let treasury_before = free(&treasury);
		let amount = 5 * OPEN;

		let xt = signed(Sr25519Keyring::Alice, 0, transfer(&to, amount));
		let len = xt.encoded_size() as u32;
		let quoted = pallet_transaction_payment::Pallet::<Runtime>::query_info(xt.clone(), len);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));

		let fee = fee_paid_by(&alice);
		assert!(fee > 0, "a fee is charged");
		assert!(fee <= quoted.partial_fee, "no more than quoted: {fee} > {}", quoted.partial_fee);
		assert_eq!(free(&to), amount);
		assert_eq!(free(&alice), TEST_ACCOUNT_ENDOWMENT - amount - fee);
		System::assert_has_event(RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: alice.clone(),
			to: to.clone(),
			amount,
		}));
		// The fee goes to the treasury: nothing is burned, nothing minted.
		assert_eq!(free(&treasury), treasury_before + fee);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		assert_eq!(System::account_nonce(&alice), 1);
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
		if let sp_runtime::generic::Preamble::Signed(address, _, _) = &mut xt.preamble {
			*address = Address::Id(Sr25519Keyring::Bob.to_account_id());
		}
		assert!(Executive::apply_extrinsic(xt).is_err());
		assert_eq!(free(&alice), TEST_ACCOUNT_ENDOWMENT);
		assert_eq!(free(&Sr25519Keyring::Bob.to_account_id()), TEST_ACCOUNT_ENDOWMENT);
	});
}
