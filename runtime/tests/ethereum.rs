//! Ethereum compatibility (`pallet-revive`), executed natively on the development genesis:
//! transactions signed by an Ethereum key move OPEN and pay fees like any other; a transaction for
//! another chain, or replayed, is refused; a runtime call sent from Ethereum meets the same call
//! filter as a Substrate one; the `IInference` precompile pays an inference as the extrinsic does
//! and reads what the runtime API reads.

// Test code: it may unwrap, expect, index and do unchecked arithmetic (clippy's test allowances
// do not reach an integration test's helper functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get, Hooks},
	weights::Weight,
};
use openledger_primitives::inference::PayoutKind;
use openledger_runtime::{
	configs::{dynamic_params, RuntimeParameters, TreasuryAccount, ETH_CHAIN_ID},
	precompiles::{IInference, InferencePrecompile},
	AccountId, Address, Attribution, Balance, Balances, Economics, Executive, GenericUncheckedExtrinsic, Inference,
	Revive, Runtime, RuntimeCall, RuntimeEvent, System, UncheckedExtrinsic, OPEN, TOTAL_SUPPLY,
};
use pallet_revive::{
	evm::{Account, Transaction1559Unsigned, TransactionUnsigned, TypeEip1559},
	precompiles::alloy::{
		self,
		primitives::{FixedBytes, U256 as AU256},
		sol_types::{SolCall, SolError},
	},
	AddressMapper, H160, U256,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, Perbill,
};

/// What the Ethereum development key holds at genesis on the development networks.
const FUNDS: u128 = openledger_runtime::genesis_config_presets::TEST_ACCOUNT_ENDOWMENT;

/// An EIP-1559 transaction from `signer` to `to` (or deploying `input`), as a wallet builds it: at
/// the chain's gas price, for `chain_id`, with the gas a dry run of it estimates unless `gas` is
/// given; submitted as revive's unsigned `eth_transact`, which carries the Ethereum signature.
fn eth_transaction(
	signer: &Account,
	nonce: u32,
	to: Option<H160>,
	value: u128,
	input: Vec<u8>,
	gas: Option<U256>,
	chain_id: u64,
) -> UncheckedExtrinsic {
	let gas_price = Revive::evm_base_fee();
	let mut tx = Transaction1559Unsigned {
		chain_id: chain_id.into(),
		nonce: nonce.into(),
		to,
		value: value.into(),
		input: input.into(),
		max_fee_per_gas: gas_price,
		max_priority_fee_per_gas: U256::zero(),
		gas_price,
		r#type: TypeEip1559 {},
		..Default::default()
	};
	tx.gas = gas.unwrap_or_else(|| {
		let mut generic = pallet_revive::evm::GenericTransaction::from_unsigned(
			TransactionUnsigned::Transaction1559Unsigned(tx.clone()),
			gas_price,
			Some(signer.address()),
		);
		// no gas limit: the estimate is what the dry run used
		generic.gas = None;
		// as the RPC adapter estimates: a dry run, undone
		frame_support::storage::with_transaction(|| {
			sp_runtime::TransactionOutcome::Rollback(Ok::<_, DispatchError>(Revive::dry_run_eth_transact(
				generic, None, true, None,
			)))
		})
		.expect("rolled back")
		.expect("the dry run succeeds")
		.eth_gas
	});
	let signed = signer.sign_transaction(TransactionUnsigned::Transaction1559Unsigned(tx));
	GenericUncheckedExtrinsic::new_bare(RuntimeCall::Revive(pallet_revive::Call::eth_transact {
		payload: signed.signed_payload(),
	}))
	.into()
}

/// Applies `xt`, an Ethereum transaction that fails: it is included, as on Ethereum, with
/// revive's `EthExtrinsicRevert` event naming the error, which this returns.
fn reverted(xt: UncheckedExtrinsic) -> DispatchError {
	System::reset_events();
	assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
	System::events()
		.into_iter()
		.find_map(|r| match r.event {
			RuntimeEvent::Revive(pallet_revive::Event::EthExtrinsicRevert { dispatch_error }) => Some(dispatch_error),
			_ => None,
		})
		.expect("an EthExtrinsicRevert event")
}

/// The development genesis in block 1 (Alice authoring), with the well-known Ethereum
/// development key (`alith`, address `0xf24f…6cac`), which the genesis gives [`FUNDS`].
fn with_funded_ethereum_key(test: impl FnOnce(Account)) {
	funded_ethereum_key_in(genesis(DEV_RUNTIME_PRESET), test)
}

fn funded_ethereum_key_in(mut state: Checked, test: impl FnOnce(Account)) {
	state.execute_with(|| {
		open_authored_block(1, 1);
		let key = Account::default();
		assert_eq!(key.address(), openledger_runtime::genesis_config_presets::ETH_DEV_ADDRESS);
		assert_eq!(free(&key.substrate_account()), FUNDS);
		test(key);
	});
}

#[test]
fn substrate_accounts_have_their_ethereum_address_without_asking() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		// Bob exists from genesis: his address maps back to his account (AutoMap)
		let bob = Sr25519Keyring::Bob.to_account_id();
		let address = Mapper::to_address(&bob);
		assert_eq!(Mapper::to_account_id(&address), bob);
		// an account that does not exist has none: its address leads to the fallback account
		let nobody = fresh_account();
		let address = Mapper::to_address(&nobody);
		assert_ne!(Mapper::to_account_id(&address), nobody);
		// until it is created, by a transfer, and loses it when it is reaped
		open_block();
		assert_eq!(Executive::apply_extrinsic(signed(Sr25519Keyring::Bob, 0, transfer(&nobody, OPEN))), Ok(Ok(())));
		assert_eq!(Mapper::to_account_id(&address), nobody);
	});
}

#[test]
fn an_ethereum_signed_transfer_moves_open_and_pays_its_fee() {
	with_funded_ethereum_key(|key| {
		let sender = key.substrate_account();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let (bob_before, treasury_before) = (free(&bob), free(&TreasuryAccount::get()));
		let amount = 5 * OPEN;

		let xt = eth_transaction(&key, 0, Some(Mapper::to_address(&bob)), amount, vec![], None, ETH_CHAIN_ID);
		let len = xt.encoded_size();
		assert_eq!(Executive::apply_extrinsic(xt.clone()), Ok(Ok(())));

		// Bob, seen by Ethereum at his mapped address, receives the amount; the key pays it and
		// the fee, which the author and the treasury share as for any transaction
		// (An Ethereum transaction costs a whole number of gas units: the fraction of a unit the
		// fee is rounded up by goes to the treasury too.)
		let fee = fee_paid_by(&sender);
		assert!(fee > 0);
		assert_eq!(free(&bob), bob_before + amount);
		let paid = FUNDS - amount - free(&sender);
		let gas_price = Revive::evm_base_fee().as_u128();
		assert!(paid >= fee && paid - fee < gas_price, "{paid} is the fee {fee} rounded up to a unit of gas");
		assert_eq!(paid % gas_price, 0, "a whole number of gas units");
		let to_author = Perbill::from_percent(20).mul_floor(fee);
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + paid - to_author);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		assert_eq!(System::account_nonce(&sender), 1);
		System::assert_has_event(RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: sender.clone(),
			to: bob.clone(),
			amount,
		}));
		println!(
			"Ethereum transfer: {paid} ({} OPEN) for {} gas, {len} bytes",
			paid as f64 / OPEN as f64,
			paid / gas_price
		);

		// replayed, it is refused: its nonce is spent
		assert_eq!(Executive::apply_extrinsic(xt), Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)));
		assert_eq!(free(&bob), bob_before + amount);
	});
}

#[test]
fn a_transaction_signed_for_another_chain_is_refused() {
	with_funded_ethereum_key(|key| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bob_before = free(&bob);
		// signed for Ethereum's mainnet (chain id 1): replayed here, it does nothing
		let gas = Some(U256::from(1_000_000u32));
		let xt = eth_transaction(&key, 0, Some(Mapper::to_address(&bob)), OPEN, vec![], gas, 1);
		assert_eq!(Executive::apply_extrinsic(xt), Err(TransactionValidityError::Invalid(InvalidTransaction::Call)));
		assert_eq!(free(&bob), bob_before);
		assert_eq!(free(&key.substrate_account()), FUNDS);
	});
}

fn boost_call(boost: Perbill) -> Vec<u8> {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Economics(dynamic_params::economics::Parameters::DataBoost(
			dynamic_params::economics::DataBoost,
			Some(boost),
		)),
	})
	.encode()
}

#[test]
fn a_runtime_call_sent_from_ethereum_meets_the_call_filter() {
	with_funded_ethereum_key(|key| {
		let runtime = Some(pallet_revive::RUNTIME_PALLETS_ADDR);
		// The sender signs off on at most 1 OPEN of gas (refunded but for the fee).
		let gas = Some(U256::from(OPEN) / Revive::evm_base_fee());

		// A runtime call sent to revive's runtime-call address is dispatched as the sender's own
		// (a remark here)...
		let remark = RuntimeCall::System(frame_system::Call::remark_with_event { remark: b"from Ethereum".to_vec() });
		let xt = eth_transaction(&key, 0, runtime, 0, remark.encode(), None, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::System(frame_system::Event::Remarked { sender, .. }) if sender == &key.substrate_account()
		)));

		// ...through the runtime's call filter: a data-reward boost that would pay wash trading
		// (12% against the default split) is refused as filtered, before its origin is checked;
		// an allowed boost fails on its origin (only governance sets parameters).
		let xt = eth_transaction(&key, 1, runtime, 0, boost_call(Perbill::from_percent(12)), gas, ETH_CHAIN_ID);
		assert_eq!(reverted(xt), frame_system::Error::<Runtime>::CallFiltered.into());
		let xt = eth_transaction(&key, 2, runtime, 0, boost_call(Perbill::from_percent(11)), gas, ETH_CHAIN_ID);
		assert_eq!(reverted(xt), DispatchError::BadOrigin);
		assert_eq!(Economics::boost(), Perbill::from_percent(10));
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

/// Calls the `IInference` precompile from `who`'s account with `data`, sending `value`.
fn call_precompile(who: &AccountId, value: Balance, data: Vec<u8>) -> pallet_revive::ExecReturnValue {
	let limits = pallet_revive::precompiles::TransactionLimits::WeightAndDeposit {
		weight_limit: Weight::from_parts(1_000_000_000_000, 100 * 1024 * 1024),
		deposit_limit: 10 * OPEN,
	};
	Revive::bare_call(
		signed_origin(who),
		InferencePrecompile::<Runtime>::address(),
		value.into(),
		limits,
		data,
		&pallet_revive::ExecConfig::new_substrate_tx(),
	)
	.result
	.expect("the precompile reverts rather than trap")
}

/// A revert's reason (`Error(string)`).
fn reason(returned: &pallet_revive::ExecReturnValue) -> String {
	assert!(returned.did_revert(), "reverted");
	alloy::sol_types::Revert::abi_decode(&returned.data).expect("Error(string)").reason
}

fn bytes32(who: &AccountId) -> FixedBytes<32> {
	FixedBytes(*<AccountId as AsRef<[u8; 32]>>::as_ref(who))
}

#[test]
fn the_precompile_pays_an_inference_as_the_extrinsic_does() {
	with_funded_ethereum_key(|key| {
		let eth = key.substrate_account();
		let [alice, bob, charlie, dave] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
				.map(|k| k.to_account_id());
		let (model, index) = model_on_one_contribution(&alice, &charlie, OPEN);
		assert_ok!(Inference::register_provider(signed_origin(&dave)));
		let input = openledger_primitives::datanets::tabular::encode_values(&[0.5, -1.0]);
		let output = 1u32.to_le_bytes().to_vec();
		let max_fee = 10 * OPEN;

		// Bob pays by the extrinsic...
		let (bob_before, by_extrinsic) = (free(&bob), pallet_inference::NextInferenceId::<Runtime>::get());
		let call = RuntimeCall::Inference(pallet_inference::Call::pay_inference {
			model,
			provider: dave.clone(),
			input: input.clone(),
			output: output.clone(),
			max_fee,
		});
		assert_ok!(call.dispatch(signed_origin(&bob)));
		let bob_paid = bob_before - free(&bob);

		// ...the Ethereum key through the precompile, with the same arguments
		let pay = IInference::payInferenceCall {
			model,
			provider: bytes32(&dave),
			input: input.clone().into(),
			output: output.clone().into(),
			maxFee: AU256::from(max_fee),
		};
		let returned = call_precompile(&eth, 0, pay.abi_encode());
		assert!(!returned.did_revert(), "paid: {:?}", returned.data);
		let id = IInference::payInferenceCall::abi_decode_returns(&returned.data).expect("an id");
		assert_eq!(id, by_extrinsic + 1);
		assert_eq!(FUNDS - free(&eth), bob_paid, "the same price and job fee");

		// the same inference, payouts and settlement but for the payer and the job
		let same = |view: openledger_primitives::api::InferenceView<AccountId, Balance, u32>| {
			(view.model, view.provider, view.input, view.output, view.fee, view.settled, view.payouts)
		};
		let view = |id| Inference::inference_view(id, Attribution::result_view).expect("paid");
		assert_eq!(view(id).payer, eth);
		assert_eq!(same(view(id)), same(view(by_extrinsic)));
		settle(by_extrinsic, model, index, vec![]);
		settle(id, model, index, vec![]);
		assert_eq!(same(view(id)), same(view(by_extrinsic)));

		// reads through the precompile give what the runtime API gives
		let read = call_precompile(&eth, 0, IInference::inferenceCall { id }.abi_encode());
		let read = IInference::inferenceCall::abi_decode_returns(&read.data).expect("an inference");
		let expected = view(id);
		assert_eq!((read.payer, read.provider, read.model), (bytes32(&eth), bytes32(&dave), model));
		assert_eq!((read.fee, read.settled), (AU256::from(expected.fee), true));
		let payouts: Vec<_> = read.payouts.iter().map(|p| (p.to, p.amount, p.kind, p.datanet, p.index)).collect();
		let datanet = pallet_datanets::NextDatanetId::<Runtime>::get() - 1;
		let kind = |k: PayoutKind| match k {
			PayoutKind::Provider => (0, 0, 0),
			PayoutKind::Owner => (1, 0, 0),
			PayoutKind::Contribution { datanet, index } => (2, datanet, index),
			PayoutKind::Attestor => (4, 0, 0),
			PayoutKind::Treasury => (5, 0, 0),
			other => panic!("not paid here: {other:?}"),
		};
		let expected_payouts: Vec<_> = expected
			.payouts
			.iter()
			.map(|p| {
				let (k, d, i) = kind(p.kind);
				(bytes32(&p.to), AU256::from(p.amount), k, d, i)
			})
			.collect();
		assert_eq!(payouts, expected_payouts);
		assert!(payouts.iter().any(|p| p.0 == bytes32(&charlie) && p.2 == 2 && p.3 == datanet && p.4 == index));
		let attribution = call_precompile(&eth, 0, IInference::attributionCall { id }.abi_encode());
		let attribution = IInference::attributionCall::abi_decode_returns(&attribution.data).expect("an attribution");
		assert_eq!(attribution.attributed, expected.attribution.is_some());

		// Charlie, the contributor, reads and claims her earnings through the precompile
		let earned = Inference::earnings(&charlie);
		let read = call_precompile(&eth, 0, IInference::earningsCall { account: bytes32(&charlie) }.abi_encode());
		let read = IInference::earningsCall::abi_decode_returns(&read.data).expect("earnings");
		assert_eq!((read.unclaimed, read.earned), (AU256::from(earned.unclaimed), AU256::from(earned.earned)));
		assert!(earned.unclaimed > 0);
		let charlie_before = free(&charlie);
		let claimed = call_precompile(&charlie, 0, IInference::claimCall {}.abi_encode());
		assert_eq!(
			IInference::claimCall::abi_decode_returns(&claimed.data).expect("claimed"),
			AU256::from(earned.unclaimed)
		);
		assert_eq!(free(&charlie), charlie_before + earned.unclaimed);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

#[test]
fn the_precompile_refuses_value_a_low_max_fee_and_unknown_ids_and_charges_nothing() {
	with_funded_ethereum_key(|key| {
		let eth = key.substrate_account();
		let [alice, charlie, dave] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Charlie, Sr25519Keyring::Dave].map(|k| k.to_account_id());
		let (model, _) = model_on_one_contribution(&alice, &charlie, OPEN);
		assert_ok!(Inference::register_provider(signed_origin(&dave)));
		let pay = |max_fee: Balance| {
			IInference::payInferenceCall {
				model,
				provider: bytes32(&dave),
				input: openledger_primitives::datanets::tabular::encode_values(&[0.5, -1.0]).into(),
				output: 1u32.to_le_bytes().to_vec().into(),
				maxFee: AU256::from(max_fee),
			}
			.abi_encode()
		};
		let next = pallet_inference::NextInferenceId::<Runtime>::get();

		// value sent along is refused (and goes back): the precompile is not payable, views neither
		assert_eq!(reason(&call_precompile(&eth, OPEN, pay(10 * OPEN))), "IInference takes no value");
		let view = IInference::estimateFeeCall { model }.abi_encode();
		assert_eq!(reason(&call_precompile(&eth, OPEN, view)), "IInference takes no value");
		// a max fee below the price: the runtime's error, nothing paid
		assert_eq!(reason(&call_precompile(&eth, 0, pay(OPEN / 2))), "inference.payInference: PriceAboveMax");
		// a fee too large for a balance
		let mut huge = IInference::payInferenceCall::abi_decode(&pay(0)).expect("decodes");
		huge.maxFee = AU256::MAX;
		assert_eq!(reason(&call_precompile(&eth, 0, huge.abi_encode())), "maxFee is too large");
		assert_eq!(free(&eth), FUNDS);
		assert_eq!(pallet_inference::NextInferenceId::<Runtime>::get(), next);

		// reads of what does not exist revert
		assert_eq!(
			reason(&call_precompile(&eth, 0, IInference::inferenceCall { id: 99 }.abi_encode())),
			"unknown inference"
		);
		assert_eq!(
			reason(&call_precompile(&eth, 0, IInference::estimateFeeCall { model: 99 }.abi_encode())),
			"unknown model"
		);
		// an estimate equals the runtime API's
		let estimate = Inference::estimate_fee(model).expect("a model");
		let read = call_precompile(&eth, 0, IInference::estimateFeeCall { model }.abi_encode());
		let read = IInference::estimateFeeCall::abi_decode_returns(&read.data).expect("an estimate");
		assert_eq!(
			(read.total, read.price, read.jobFee, read.active),
			(AU256::from(estimate.total), AU256::from(estimate.fee), AU256::from(estimate.job_fee), true)
		);
	});
}

#[test]
fn the_interface_names_the_precompiles_address() {
	let solidity = include_str!("../../contracts/ethereum/IInference.sol");
	let address = format!("{:?}", InferencePrecompile::<Runtime>::address());
	let line = solidity.lines().find(|l| l.starts_with("address constant INFERENCE_PRECOMPILE")).expect("the constant");
	assert!(line.to_lowercase().contains(&address.to_lowercase()), "{line} names {address}");
}

/// EVM code deploying a contract whose code is the one byte `STOP`: copy the byte after these
/// twelve bytes into memory and return it.
const TINY_CONTRACT: [u8; 13] = [0x60, 0x01, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x01, 0x60, 0x00, 0xf3, 0x00];

#[test]
fn a_contracts_minted_deposit_is_not_counted_against_the_cap() {
	with_funded_ethereum_key(|key| {
		// the treasury marks its pot inactive each block; that is supply, and counted
		<pallet_treasury::Pallet<Runtime> as Hooks<u32>>::on_initialize(System::block_number());
		assert!(Balances::active_issuance() < TOTAL_SUPPLY);
		assert_eq!(Economics::supply(), TOTAL_SUPPLY);
		assert_ok!(Economics::do_try_state());

		// a contract's account is given an existential deposit revive mints
		let xt = eth_transaction(&key, 0, None, 0, TINY_CONTRACT.to_vec(), None, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		let contract = System::events()
			.into_iter()
			.find_map(|r| match r.event {
				RuntimeEvent::Revive(pallet_revive::Event::Instantiated { contract, .. }) => Some(contract),
				_ => None,
			})
			.expect("a contract");
		let ed = openledger_runtime::configs::EXISTENTIAL_DEPOSIT;
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY + ed);
		assert_eq!(openledger_runtime::impls::ContractDeposits::get(), ed);
		assert!(Balances::free_balance(Mapper::to_account_id(&contract)) >= ed);
		// the supply, which the cap bounds, is what it was
		assert_eq!(Economics::supply(), TOTAL_SUPPLY);
		assert_ok!(Economics::do_try_state());
	});
}

#[test]
fn an_ethereum_key_cannot_reap_its_account_and_have_its_transactions_replayed() {
	with_funded_ethereum_key(|key| {
		let sender = key.substrate_account();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let runtime = Some(pallet_revive::RUNTIME_PALLETS_ADDR);
		let gas = Some(U256::from(OPEN) / Revive::evm_base_fee());
		let pay_bob = eth_transaction(&key, 0, Some(Mapper::to_address(&bob)), OPEN, vec![], None, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(pay_bob.clone()), Ok(Ok(())));

		// Sending everything away and letting the account die would reset its nonce, and the
		// transaction above would pay Bob again once anyone funded the address: refused, alone
		// or in a batch (the transaction fails as a whole, filtered, paying its fee).
		let alice = Address::Id(Sr25519Keyring::Alice.to_account_id());
		let transfer_all =
			|keep_alive| RuntimeCall::Balances(pallet_balances::Call::transfer_all { dest: alice.clone(), keep_alive });
		let filtered: DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
		let xt = eth_transaction(&key, 1, runtime, 0, transfer_all(false).encode(), gas, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Err(filtered)));
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let burn = RuntimeCall::Balances(pallet_balances::Call::burn { value: FUNDS, keep_alive: false });
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![remark, burn] });
		let xt = eth_transaction(&key, 2, runtime, 0, batch.encode(), gas, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Err(filtered)));
		assert!(free(&sender) > 0);

		// what keeps the account alive goes through
		System::reset_events();
		let xt = eth_transaction(&key, 3, runtime, 0, transfer_all(true).encode(), gas, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::Revive(pallet_revive::Event::EthExtrinsicRevert { .. }))));
		assert_eq!(System::account_nonce(&sender), 4);
		assert_eq!(
			Executive::apply_extrinsic(pay_bob),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
		);
	});
}

#[test]
fn a_network_sets_its_own_chain_id_at_genesis() {
	let genesis = genesis_with(DEV_RUNTIME_PRESET, |json| json["ethChain"] = serde_json::json!({ "chainId": 7 }));
	funded_ethereum_key_in(genesis, |key| {
		assert_eq!(<openledger_runtime::configs::EthChainId as Get<u64>>::get(), 7);
		let bob = Mapper::to_address(&Sr25519Keyring::Bob.to_account_id());
		// a transaction signed for the development networks' chain id does not replay here
		let gas = Some(U256::from(1_000_000_000u64));
		let xt = eth_transaction(&key, 0, Some(bob), OPEN, vec![], gas, ETH_CHAIN_ID);
		assert_eq!(Executive::apply_extrinsic(xt), Err(TransactionValidityError::Invalid(InvalidTransaction::Call)));
		let xt = eth_transaction(&key, 0, Some(bob), OPEN, vec![], None, 7);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
	});
}
