//! What the runtime's integration tests share: genesis from a preset, blocks, signed
//! transactions.
#![allow(dead_code)]

use codec::Encode;
use frame_support::{assert_ok, genesis_builder_helper::build_state};
use openledger_primitives::attribution::{
	DataShares, FinalAttribution, JobRequest, OnAttributionFinal, Share, Subject,
};
use openledger_runtime::{
	genesis_config_presets, AccountId, Address, Agents, Attribution, Balance, Datanets, Economics, Executive,
	GenericUncheckedExtrinsic, Header, Inference, Models, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, RuntimeOrigin, Signature, SignedPayload, System, UncheckedExtrinsic,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Hash as _, Header as _},
	Perbill,
};

/// How revive maps accounts to Ethereum addresses and back, in this runtime.
pub type Mapper = <Runtime as pallet_revive::Config>::AddressMapper;

/// State built from the preset `name`, as the node builds genesis: the preset's JSON, read back
/// by the runtime's `build_state`. Every test run in it ends by checking every pallet's
/// invariants ([`try_state_all`]).
pub fn genesis(name: &str) -> Checked {
	genesis_with(name, |_| ())
}

/// [`genesis`] from the preset `name` changed by `patch`, as a network's chain spec changes it.
pub fn genesis_with(name: &str, patch: impl FnOnce(&mut serde_json::Value)) -> Checked {
	let json = genesis_config_presets::get_preset(&name.into()).expect("the preset exists");
	let mut value: serde_json::Value = serde_json::from_slice(&json).expect("the preset is JSON");
	patch(&mut value);
	let json = serde_json::to_vec(&value).expect("JSON");
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("the preset builds a genesis state"));
	let mut checked = Checked(ext);
	checked.execute_with(|| ());
	checked
}

/// Test state whose every run ends with [`try_state_all`].
pub struct Checked(pub sp_io::TestExternalities);

impl Checked {
	/// Runs `test`, then checks every pallet's invariants.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			try_state_all();
			result
		})
	}
}

/// Every OpenLedger pallet's `try_state` and the validators' accountability pallet's (the checks
/// `try-runtime` runs on a live chain), each failure naming its pallet.
pub fn try_state_all() {
	type Check = fn() -> Result<(), sp_runtime::TryRuntimeError>;
	let checks: [(&str, Check); 8] = [
		("datanets", Datanets::do_try_state),
		("models", Models::do_try_state),
		("attribution", Attribution::do_try_state),
		("inference", Inference::do_try_state),
		("agents", Agents::do_try_state),
		("economics", Economics::do_try_state),
		("accountability", openledger_runtime::Accountability::do_try_state),
		("bridge", openledger_runtime::Bridge::do_try_state),
	];
	for (pallet, check) in checks {
		if let Err(e) = check() {
			panic!("the {pallet} pallet's try_state failed: {e:?}");
		}
	}
}

/// Opens block #1 on top of genesis, with no author, so that extrinsics can be applied.
pub fn open_block() {
	let parent = System::block_hash(0);
	let header = Header::new(1, Default::default(), Default::default(), parent, Default::default());
	Executive::initialize_block(&header);
}

/// Opens block `number` (after the current one) authored in Aura slot `slot`, as a validator's
/// node would: the slot in the pre-runtime digest names the author.
pub fn open_authored_block(number: u32, slot: u64) {
	let parent = System::block_hash(number.saturating_sub(1));
	let digest = Digest { logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
}

/// Opens block `number` authored by `who`, a validator of the current session: in Aura slot
/// `number × validators + who's index`, which is theirs and grows with `number`.
pub fn open_block_authored_by(number: u32, who: &AccountId) {
	let validators = pallet_session::Validators::<Runtime>::get();
	let index = validators.iter().position(|v| v == who).expect("a validator of the session");
	open_authored_block(number, u64::from(number) * validators.len() as u64 + index as u64);
}

/// A transaction signed by `signer`, immortal, with no tip, as a wallet would build it.
pub fn signed(signer: Sr25519Keyring, nonce: Nonce, call: RuntimeCall) -> UncheckedExtrinsic {
	signed_with_tip(signer, nonce, call, 0)
}

/// A transaction signed by `signer`, immortal, tipping `tip`.
pub fn signed_with_tip(signer: Sr25519Keyring, nonce: Nonce, call: RuntimeCall, tip: Balance) -> UncheckedExtrinsic {
	let extension = openledger_runtime::tx_extension(Era::Immortal, nonce, tip, Default::default());
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("payload builds");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	GenericUncheckedExtrinsic::new_signed(
		call,
		Address::Id(signer.to_account_id()),
		Signature::Sr25519(signature),
		extension,
	)
	.into()
}

pub fn transfer(to: &AccountId, value: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death { dest: Address::Id(to.clone()), value })
}

pub fn free(who: &AccountId) -> Balance {
	pallet_balances::Pallet::<Runtime>::free_balance(who)
}

/// The fee `TransactionFeePaid` reports for `who` in this block, its tip included.
pub fn fee_paid_by(who: &AccountId) -> Balance {
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::TransactionPayment(pallet_transaction_payment::Event::TransactionFeePaid {
				who: payer,
				actual_fee,
				..
			}) if &payer == who => Some(actual_fee),
			_ => None,
		})
		.expect("a TransactionFeePaid event for the signer")
}

/// An account no preset funds.
pub fn fresh_account() -> AccountId {
	AccountId::from(<[u8; 32]>::from(sp_runtime::traits::BlakeTwo256::hash(b"fresh account")))
}

/// A signed origin of `who`.
pub fn signed_origin(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// A tabular datanet of `owner` with one contribution of `contributor`, published; a model of
/// `owner` on it at `price`. Returns the model and the contribution's index.
pub fn model_on_one_contribution(owner: &AccountId, contributor: &AccountId, price: Balance) -> (u32, u32) {
	let datanet = pallet_datanets::NextDatanetId::<Runtime>::get();
	assert_ok!(Datanets::create_datanet(
		signed_origin(owner),
		b"loop".to_vec().try_into().expect("short"),
		Default::default(),
		Default::default(),
		openledger_primitives::datanets::DataKind::Tabular { features: 2, classes: 2 },
		openledger_primitives::datanets::CurationPolicy::Open,
		0,
		None,
	));
	let example = openledger_primitives::datanets::tabular::encode_examples([(1, &[0.5f32, -1.0][..])]);
	assert_ok!(Datanets::contribute(signed_origin(contributor), datanet, example));
	assert_ok!(Datanets::publish_version(signed_origin(owner), datanet));
	let model = pallet_models::NextModelId::<Runtime>::get();
	assert_ok!(Models::register_model(
		signed_origin(owner),
		b"loop".to_vec().try_into().expect("short"),
		Default::default(),
		openledger_primitives::models::Architecture::SoftmaxRegression {
			features: 2,
			classes: 2,
			l2: Perbill::from_percent(1)
		},
		pallet_models::WeightsSource::Inline(openledger_primitives::models::safetensors::encode_f32(
			&[("weight", &[2, 2], &[0.5, -0.5, -0.5, 0.5]), ("bias", &[2], &[0.0, 0.0])],
			&[],
		)),
		vec![(datanet, 1)].try_into().expect("one version"),
		None,
		price,
	));
	(model, 0)
}

/// The attribution of inference `id` comes back final: all of the data part to contribution
/// `index` of the model's datanet, `attestors` agreeing.
pub fn settle(id: u64, model: u32, index: u32, attestors: Vec<AccountId>) {
	let receipt = pallet_inference::Inferences::<Runtime>::get(id).expect("paid");
	let datanet = pallet_datanets::NextDatanetId::<Runtime>::get() - 1;
	Inference::on_attribution_final(&FinalAttribution {
		job: receipt.escrow.job,
		request: JobRequest {
			model,
			subject: Subject::Inference { inference: id, input: receipt.input, output: receipt.output },
		},
		data: DataShares::Contributions(vec![Share {
			contribution: openledger_primitives::attribution::ContributionRef { datanet, index },
			ppm: 1_000_000,
		}]),
		agreed: attestors,
	});
	assert!(pallet_inference::Inferences::<Runtime>::get(id).is_some_and(|r| r.escrow.settled));
}
