//! Benchmarks: the benchmarked pallets (`define_benchmarks!`, which defines the `list_benchmarks!`
//! and `add_benchmarks!` macros that [`crate::apis`] uses) and the set-up some of them need from
//! other pallets, made through those pallets' own calls.

// `define_benchmarks!` names each pallet by its path in this crate, where the macros it defines
// are used.
#![allow(clippy::crate_in_macro_def)]

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, crate::Balances]
	[pallet_datanets, crate::Datanets]
	[pallet_models, crate::Models]
	[pallet_attribution, crate::Attribution]
	[pallet_inference, crate::Inference]
	[pallet_agents, crate::Agents]
	[pallet_economics, crate::Economics]
	[pallet_parameters, crate::Parameters]
	[pallet_preimage, crate::Preimage]
	[pallet_scheduler, crate::Scheduler]
	[pallet_treasury, crate::Treasury]
	[pallet_conviction_voting, crate::ConvictionVoting]
	[pallet_referenda, crate::Referenda]
);

use alloc::vec::Vec;
use frame_benchmarking::BenchmarkError;
use frame_support::traits::fungible::Mutate;
use openledger_primitives::{
	attribution::ContributionRef,
	datanets::{tabular, CurationPolicy, DataKind, DatanetId, VersionNumber},
	inference::ReceiptSignature,
	models::{Architecture, ModelId},
};

use crate::{AccountId, Balances, Datanets, Models, Runtime, RuntimeOrigin, OPEN};

/// The state other pallets' benchmarks need, made through the pallets' own calls: datanets and
/// their versions, contributions, models, and signed receipts (for the models, attribution and
/// inference benchmarks). A call that fails stops the benchmark with its error.
pub struct BenchmarkFixtures;

/// The account that registers [`BenchmarkFixtures`]' models.
const MODEL_OWNER: [u8; 32] = [8u8; 32];

/// A bounded copy of `bytes`, or the benchmark stops.
fn bounded<S: frame_support::traits::Get<u32>>(
	bytes: &[u8],
) -> Result<frame_support::BoundedVec<u8, S>, BenchmarkError> {
	bytes.to_vec().try_into().map_err(|_| BenchmarkError::Stop("longer than its bound"))
}

impl pallet_models::BenchmarkHelper for BenchmarkFixtures {
	fn publish_versions(count: u32) -> Result<Vec<(DatanetId, VersionNumber)>, BenchmarkError> {
		let owner = AccountId::new([7u8; 32]);
		Balances::set_balance(&owner, 1_000_000 * OPEN);
		let kind = DataKind::Tabular {
			features: pallet_models::BENCHMARK_FEATURES,
			classes: pallet_models::BENCHMARK_CLASSES,
		};
		let id = pallet_datanets::NextDatanetId::<Runtime>::get();
		let origin = || RuntimeOrigin::signed(owner.clone());
		Datanets::create_datanet(
			origin(),
			bounded(b"benchmark")?,
			Default::default(),
			Default::default(),
			kind,
			CurationPolicy::Open,
			0,
		)?;
		(0..count)
			.map(|v| {
				// One example per version: label 0, features that differ per version.
				let values: Vec<f32> = (0..pallet_models::BENCHMARK_FEATURES).map(|k| k as f32 + v as f32).collect();
				Datanets::contribute(origin(), id, tabular::encode_examples([(0, &values[..])]))?;
				Datanets::publish_version(origin(), id)?;
				Ok((id, v.saturating_add(1)))
			})
			.collect()
	}
}

impl pallet_attribution::BenchmarkHelper for BenchmarkFixtures {
	fn model() -> Result<ModelId, BenchmarkError> {
		use pallet_models::BenchmarkHelper;
		let owner = AccountId::new(MODEL_OWNER);
		Balances::set_balance(&owner, 1_000_000 * OPEN);
		let lineage = Self::publish_versions(crate::configs::MaxLineage::get())?;
		let id = pallet_models::NextModelId::<Runtime>::get();
		let architecture = Architecture::SoftmaxRegression {
			features: pallet_models::BENCHMARK_FEATURES,
			classes: pallet_models::BENCHMARK_CLASSES,
			l2: sp_runtime::Perbill::from_percent(1),
		};
		Models::register_model(
			RuntimeOrigin::signed(owner),
			bounded(b"benchmark")?,
			Default::default(),
			architecture,
			pallet_models::WeightsSource::Inline(alloc::vec![1u8; 64]),
			lineage.try_into().map_err(|_| BenchmarkError::Stop("lineage longer than its bound"))?,
			None,
			OPEN,
		)?;
		Ok(id)
	}
}

impl pallet_inference::BenchmarkHelper<AccountId, ReceiptSignature> for BenchmarkFixtures {
	fn sign(index: u32, message: &[u8]) -> (AccountId, ReceiptSignature) {
		const PAYERS: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"bpay");
		// a raw seed, not a derivation path: key generation stays cheap at a thousand payers
		let seed = alloc::format!("0x{:064x}", u64::from(index).saturating_add(1));
		let public = sp_io::crypto::sr25519_generate(PAYERS, Some(seed.into_bytes()));
		// a key that cannot sign gives a signature the benchmark's receipts fail on, loudly
		let signature = sp_io::crypto::sr25519_sign(PAYERS, &public, message)
			.unwrap_or_else(|| sp_core::sr25519::Signature::from_raw([0; 64]));
		(AccountId::new(public.0), ReceiptSignature(signature))
	}

	fn model(owner: &AccountId, price: u128) -> Result<ModelId, BenchmarkError> {
		use pallet_attribution::BenchmarkHelper;
		let id = <Self as BenchmarkHelper>::model()?;
		Models::transfer_ownership(RuntimeOrigin::signed(AccountId::new(MODEL_OWNER)), id, owner.clone())?;
		Models::set_price(RuntimeOrigin::signed(owner.clone()), id, price)?;
		Ok(id)
	}

	fn contributions(n: u32) -> Result<Vec<ContributionRef>, BenchmarkError> {
		let owner = AccountId::new([9u8; 32]);
		Balances::set_balance(&owner, 1_000_000 * OPEN);
		let id = pallet_datanets::NextDatanetId::<Runtime>::get();
		Datanets::create_datanet(
			RuntimeOrigin::signed(owner),
			bounded(b"benchmark")?,
			Default::default(),
			Default::default(),
			DataKind::Text,
			CurationPolicy::Open,
			0,
		)?;
		(0..n)
			.map(|i| {
				let contributor = AccountId::new([(i % 251) as u8; 32]);
				Balances::set_balance(&contributor, 1_000 * OPEN);
				let text = alloc::format!("benchmark contribution {i}").into_bytes();
				let index = pallet_datanets::Datanets::<Runtime>::get(id).map_or(0, |d| d.next_index);
				Datanets::contribute(RuntimeOrigin::signed(contributor), id, text)?;
				Ok(ContributionRef { datanet: id, index })
			})
			.collect()
	}
}

/// The treasury's benchmarks' spends: the native token to an account.
pub struct TreasuryArguments;

impl pallet_treasury::ArgumentsFactory<(), AccountId> for TreasuryArguments {
	fn create_asset_kind(_seed: u32) {}

	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		AccountId::new(seed)
	}
}

/// The parameter `pallet-parameters`' benchmarks set: the fee split.
impl Default for crate::configs::RuntimeParameters {
	fn default() -> Self {
		crate::configs::RuntimeParameters::Inference(crate::configs::dynamic_params::inference::Parameters::Split(
			crate::configs::dynamic_params::inference::Split,
			Some(pallet_inference::FeeSplit::default()),
		))
	}
}
