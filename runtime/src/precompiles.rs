//! The `IInference` precompile: paid inference, its attribution and earnings, for Solidity
//! contracts and Ethereum wallets. The interface is `contracts/ethereum/IInference.sol`, read here
//! by alloy's `sol!`, so the Solidity and the Rust sides are one text.
//!
//! What changes state is the runtime's own call (`inference.payInference`, `inference.claim`),
//! dispatched with the caller as its signed origin: the same checks, fee and weight as the
//! extrinsic, through the runtime's call filter. The precompile charges the call's declared
//! weight before it runs and refunds what the call reports unused; the reads charge their
//! database reads (not benchmarked: a bound on the reads and 10 µs). It takes no value, refuses `delegatecall` (the delegating contract's caller
//! would otherwise act as its own), and refuses to change state in a static call. Any failure
//! reverts everything the call did.

use alloc::{format, vec::Vec};
use core::{marker::PhantomData, num::NonZero};

use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	weights::Weight,
};
use pallet_revive::precompiles::{
	alloy::{
		self,
		primitives::{FixedBytes, U256},
		sol_types::SolCall,
	},
	AddressMatcher, Error, Ext, Precompile,
};
use sp_runtime::{traits::Dispatchable, DispatchError, ModuleError};

use openledger_primitives::inference::PayoutKind;

use crate::{AccountId, Attribution, Balance, Inference, Runtime, RuntimeCall};

alloy::sol!("../contracts/ethereum/IInference.sol");

use IInference::IInferenceCalls;

/// The suffix of the precompile's address, `0x…4f500000` (`INFERENCE_PRECOMPILE` in the
/// Solidity interface): "OP".
const ADDRESS_SUFFIX: u16 = 0x4f50;

/// The database reads a view of an inference charges: the inference, its payouts, its result
/// (three), with room.
const INFERENCE_READS: u64 = 6;

/// The database reads an estimate charges: the model, its lineage's versions (at most
/// `MaxLineage`, 16) and the fee's parameters and load.
const ESTIMATE_READS: u64 = 24;

/// The `IInference` precompile (see the module docs).
pub struct InferencePrecompile<T>(PhantomData<T>);

impl InferencePrecompile<Runtime> {
	/// The precompile's address.
	pub fn address() -> pallet_revive::H160 {
		pallet_revive::H160(<Self as Precompile>::MATCHER.base_address())
	}
}

/// A failed call as Solidity sees it: a revert with `Error(string)` naming the chain's error
/// (`inference.payInference: PriceAboveMax`).
fn revert(call: &str, error: DispatchError) -> Error {
	let reason = match error {
		DispatchError::Module(ModuleError { message: Some(name), .. }) => name.into(),
		other => format!("{other:?}"),
	};
	Error::Revert(format!("{call}: {reason}").into())
}

fn account(bytes: &FixedBytes<32>) -> AccountId {
	AccountId::new(bytes.0)
}

fn amount(value: Balance) -> U256 {
	U256::from(value)
}

impl InferencePrecompile<Runtime> {
	/// Dispatches `call` as the caller's signed transaction would, charging its declared weight
	/// first and refunding what it did not use.
	fn dispatch(env: &mut impl Ext<T = Runtime>, name: &str, call: RuntimeCall) -> Result<PostDispatchInfo, Error> {
		let declared = call.get_dispatch_info().call_weight;
		let charged = env.charge(declared)?;
		if env.is_read_only() {
			return Err(pallet_revive::Error::<Runtime>::StateChangeDenied.into());
		}
		let who = env.caller().account_id()?.clone();
		let result = call.dispatch(frame_system::RawOrigin::Signed(who).into());
		let post = match result {
			Ok(post) => post,
			Err(e) => return Err(revert(name, e.error)),
		};
		env.adjust_gas(charged, post.actual_weight.map_or(declared, |actual| actual.min(declared)));
		Ok(post)
	}

	/// Charges `reads` database reads and 10 µs of execution: a view's cost, or what a call
	/// reads around its dispatch.
	fn charge_reads(env: &mut impl Ext<T = Runtime>, reads: u64) -> Result<(), Error> {
		let weight = <Runtime as frame_system::Config>::DbWeight::get().reads(reads);
		env.charge(weight.saturating_add(Weight::from_parts(10_000_000, 0)))?;
		Ok(())
	}
}

/// A payout as the interface gives it: kind, datanet and index (or version).
fn payout(to: &AccountId, value: Balance, kind: PayoutKind) -> IInference::Payout {
	let (kind, datanet, index) = match kind {
		PayoutKind::Provider => (0, 0, 0),
		PayoutKind::Owner => (1, 0, 0),
		PayoutKind::Contribution { datanet, index } => (2, datanet, index),
		PayoutKind::Lineage { datanet, version } => (3, datanet, version),
		PayoutKind::Attestor => (4, 0, 0),
		PayoutKind::Treasury => (5, 0, 0),
		PayoutKind::Refund => (6, 0, 0),
		PayoutKind::Held { datanet, index } => (7, datanet, index),
	};
	let to: &[u8; 32] = to.as_ref();
	IInference::Payout { to: FixedBytes(*to), amount: amount(value), kind, datanet, index }
}

impl Precompile for InferencePrecompile<Runtime> {
	type T = Runtime;
	type Interface = IInferenceCalls;
	const MATCHER: AddressMatcher = AddressMatcher::Fixed(match NonZero::new(ADDRESS_SUFFIX) {
		Some(suffix) => suffix,
		None => panic!("the suffix is not zero"),
	});
	const HAS_CONTRACT_INFO: bool = false;

	fn call(_address: &[u8; 20], input: &Self::Interface, env: &mut impl Ext<T = Self::T>) -> Result<Vec<u8>, Error> {
		if env.is_delegate_call() {
			return Err(pallet_revive::Error::<Runtime>::PrecompileDelegateDenied.into());
		}
		// Value sent along would stay in the precompile's account, which no one controls.
		if !env.value_transferred().is_zero() {
			return Err(Error::Revert("IInference takes no value".into()));
		}
		match input {
			IInferenceCalls::payInference(IInference::payInferenceCall { model, provider, input, output, maxFee }) => {
				Self::charge_reads(env, 1)?;
				let id = pallet_inference::NextInferenceId::<Runtime>::get();
				let max_fee = Balance::try_from(*maxFee).map_err(|_| Error::Revert("maxFee is too large".into()))?;
				Self::dispatch(
					env,
					"inference.payInference",
					RuntimeCall::Inference(pallet_inference::Call::pay_inference {
						model: *model,
						provider: account(provider),
						input: input.to_vec(),
						output: output.to_vec(),
						max_fee,
					}),
				)?;
				Ok(IInference::payInferenceCall::abi_encode_returns(&id))
			},
			IInferenceCalls::claim(IInference::claimCall {}) => {
				Self::charge_reads(env, 2)?;
				let who = env.caller().account_id()?.clone();
				let before = Inference::earnings(&who).unclaimed;
				Self::dispatch(env, "inference.claim", RuntimeCall::Inference(pallet_inference::Call::claim {}))?;
				let claimed = before.saturating_sub(Inference::earnings(&who).unclaimed);
				Ok(IInference::claimCall::abi_encode_returns(&amount(claimed)))
			},
			IInferenceCalls::estimateFee(IInference::estimateFeeCall { model }) => {
				Self::charge_reads(env, ESTIMATE_READS)?;
				let estimate = Inference::estimate_fee(*model).ok_or_else(|| Error::Revert("unknown model".into()))?;
				Ok(IInference::estimateFeeCall::abi_encode_returns(&IInference::estimateFeeReturn {
					total: amount(estimate.total),
					price: amount(estimate.fee),
					jobFee: amount(estimate.job_fee),
					active: estimate.active,
				}))
			},
			IInferenceCalls::inference(IInference::inferenceCall { id }) => {
				Self::charge_reads(env, INFERENCE_READS)?;
				let view = Inference::inference_view(*id, |_| None)
					.ok_or_else(|| Error::Revert("unknown inference".into()))?;
				let payer: &[u8; 32] = view.payer.as_ref();
				let provider: &[u8; 32] = view.provider.as_ref();
				Ok(IInference::inferenceCall::abi_encode_returns(&IInference::inferenceReturn {
					payer: FixedBytes(*payer),
					provider: FixedBytes(*provider),
					model: view.model,
					fee: amount(view.fee),
					settled: view.settled,
					payouts: view.payouts.iter().map(|p| payout(&p.to, p.amount, p.kind)).collect(),
				}))
			},
			IInferenceCalls::attribution(IInference::attributionCall { id }) => {
				Self::charge_reads(env, INFERENCE_READS)?;
				let view = Inference::inference_view(*id, Attribution::result_view)
					.ok_or_else(|| Error::Revert("unknown inference".into()))?;
				let contributions = view.attribution.as_ref().map(|a| {
					a.contributions
						.iter()
						.map(|s| IInference::Share {
							datanet: s.contribution.datanet,
							index: s.contribution.index,
							ppm: s.ppm,
						})
						.collect()
				});
				Ok(IInference::attributionCall::abi_encode_returns(&IInference::attributionReturn {
					attributed: view.attribution.is_some(),
					contributions: contributions.unwrap_or_default(),
				}))
			},
			IInferenceCalls::earnings(IInference::earningsCall { account: who }) => {
				Self::charge_reads(env, INFERENCE_READS)?;
				let earnings = Inference::earnings(&account(who));
				Ok(IInference::earningsCall::abi_encode_returns(&IInference::earningsReturn {
					unclaimed: amount(earnings.unclaimed),
					earned: amount(earnings.earned),
				}))
			},
		}
	}
}
