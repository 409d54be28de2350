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
	[pallet_bridge, crate::Bridge]
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
	models::ModelId,
};

use crate::{AccountId, Balances, Datanets, Models, Runtime, RuntimeOrigin, OPEN};

/// The state other pallets' benchmarks need, made through the pallets' own calls: datanets and
/// their versions, contributions, models, and signed receipts (for the models, attribution and
/// inference benchmarks). A call that fails stops the benchmark with its error.
pub struct BenchmarkFixtures;

/// The account that registers [`BenchmarkFixtures`]' models.
const MODEL_OWNER: [u8; 32] = [8u8; 32];

/// The owner of [`BenchmarkFixtures`]' text datanets.
const TEXT_OWNER: [u8; 32] = [9u8; 32];

/// A bounded copy of `bytes`, or the benchmark stops.
fn bounded<S: frame_support::traits::Get<u32>>(
	bytes: &[u8],
) -> Result<frame_support::BoundedVec<u8, S>, BenchmarkError> {
	bytes.to_vec().try_into().map_err(|_| BenchmarkError::Stop("longer than its bound"))
}

impl BenchmarkFixtures {
	/// A new open tabular datanet of the benchmark models' shape, owned by `owner` (funded):
	/// its id and a function that gives its owner's origin.
	fn tabular_datanet(owner: [u8; 32]) -> Result<(DatanetId, impl Fn() -> RuntimeOrigin), BenchmarkError> {
		let owner = AccountId::new(owner);
		Balances::set_balance(&owner, 1_000_000 * OPEN);
		let kind = DataKind::Tabular {
			features: pallet_models::BENCHMARK_FEATURES,
			classes: pallet_models::BENCHMARK_CLASSES,
		};
		let id = pallet_datanets::NextDatanetId::<Runtime>::get();
		let origin = move || RuntimeOrigin::signed(owner.clone());
		Datanets::create_datanet(
			origin(),
			bounded(b"benchmark")?,
			Default::default(),
			Default::default(),
			kind,
			CurationPolicy::Open,
			0,
			None,
		)?;
		Ok((id, origin))
	}

	/// One example, label 0, whose features are `k + shift`.
	fn example(shift: f32) -> Vec<u8> {
		let values: Vec<f32> = (0..pallet_models::BENCHMARK_FEATURES).map(|k| k as f32 + shift).collect();
		tabular::encode_examples([(0, &values[..])])
	}

	/// A tabular datanet whose one published version holds `members` contributions, one
	/// example each: the version and the contributions.
	fn tabular_version(members: u32) -> Result<((DatanetId, VersionNumber), Vec<ContributionRef>), BenchmarkError> {
		let (id, origin) = Self::tabular_datanet([6u8; 32])?;
		let refs = (0..members.max(1))
			.map(|i| {
				let index = pallet_datanets::Datanets::<Runtime>::get(id).map_or(0, |d| d.next_index);
				// unique chain-wide, whichever datanets the benchmark made before
				Datanets::contribute(origin(), id, Self::example(-(i as f32) - 1_000.0 * id as f32))?;
				Ok(ContributionRef { datanet: id, index })
			})
			.collect::<Result<Vec<_>, BenchmarkError>>()?;
		Datanets::publish_version(origin(), id)?;
		Ok(((id, 1), refs.into_iter().take(members as usize).collect()))
	}
}

impl pallet_models::BenchmarkHelper for BenchmarkFixtures {
	fn publish_versions(count: u32) -> Result<Vec<(DatanetId, VersionNumber)>, BenchmarkError> {
		let (id, origin) = Self::tabular_datanet([7u8; 32])?;
		(0..count)
			.map(|v| {
				// One example per version, with features that differ per version and per datanet
				// (content is unique chain-wide).
				Datanets::contribute(origin(), id, Self::example(v as f32 + 1_000.0 * id as f32))?;
				Datanets::publish_version(origin(), id)?;
				Ok((id, v.saturating_add(1)))
			})
			.collect()
	}
}

impl pallet_attribution::BenchmarkHelper for BenchmarkFixtures {
	fn model(members: u32) -> Result<(ModelId, Vec<ContributionRef>), BenchmarkError> {
		use pallet_models::BenchmarkHelper;
		let owner = AccountId::new(MODEL_OWNER);
		Balances::set_balance(&owner, 1_000_000 * OPEN);
		// the members in the lineage's last version: checking a share reads every version
		let mut lineage = Self::publish_versions(crate::configs::MaxLineage::get().saturating_sub(1))?;
		let (last, members) = Self::tabular_version(members)?;
		lineage.push(last);
		let id = pallet_models::NextModelId::<Runtime>::get();
		Models::register_model(
			RuntimeOrigin::signed(owner),
			bounded(b"benchmark")?,
			Default::default(),
			pallet_models::benchmark_architecture(),
			pallet_models::WeightsSource::Inline(pallet_models::benchmark_weights(0)),
			lineage.try_into().map_err(|_| BenchmarkError::Stop("lineage longer than its bound"))?,
			None,
			OPEN,
		)?;
		Ok((id, members))
	}
}

impl pallet_agents::BenchmarkHelper<AccountId, ReceiptSignature> for BenchmarkFixtures {
	/// The agent's key signs its consent, as a payer's signs a receipt.
	fn sign(message: &[u8]) -> (AccountId, ReceiptSignature) {
		<Self as pallet_inference::BenchmarkHelper<AccountId, ReceiptSignature>>::sign(u32::MAX, message)
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

	/// A text model: its queries may be as long as the pallet allows (a tabular model's are
	/// fixed by its features).
	fn model(owner: &AccountId, price: u128) -> Result<ModelId, BenchmarkError> {
		let members = Self::contributions(1)?;
		let datanet = members.first().map(|c| c.datanet).ok_or(BenchmarkError::Stop("no contribution"))?;
		Datanets::publish_version(RuntimeOrigin::signed(AccountId::new(TEXT_OWNER)), datanet)?;
		let id = pallet_models::NextModelId::<Runtime>::get();
		Models::register_model(
			RuntimeOrigin::signed(owner.clone()),
			bounded(b"benchmark text")?,
			Default::default(),
			openledger_primitives::models::Architecture::TextSpans,
			// a text model's weights are any non-empty bytes: the engine does not read them
			pallet_models::WeightsSource::Inline(b"span matching".to_vec()),
			alloc::vec![(datanet, 1)].try_into().map_err(|_| BenchmarkError::Stop("lineage longer than its bound"))?,
			None,
			price,
		)?;
		Ok(id)
	}

	fn lineage_member() -> Result<(DatanetId, VersionNumber, u32), BenchmarkError> {
		let member = Self::contributions(1)?.pop().ok_or(BenchmarkError::Stop("no contribution"))?;
		Datanets::publish_version(RuntimeOrigin::signed(AccountId::new(TEXT_OWNER)), member.datanet)?;
		Ok((member.datanet, 1, member.index))
	}

	fn contributions(n: u32) -> Result<Vec<ContributionRef>, BenchmarkError> {
		let owner = AccountId::new(TEXT_OWNER);
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
			None,
		)?;
		(0..n)
			.map(|i| {
				let contributor = AccountId::new([(i % 251) as u8; 32]);
				Balances::set_balance(&contributor, 1_000 * OPEN);
				// unique chain-wide: content belongs to its first contribution
				let text = alloc::format!("benchmark contribution {id}/{i}").into_bytes();
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
