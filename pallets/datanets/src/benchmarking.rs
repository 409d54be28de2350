//! Benchmarks of every call, each in its worst case; each is also a test.

use super::*;
use alloc::vec;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use openledger_primitives::datanets::{tabular, CurationPolicy};
use sp_core::H256;
use sp_runtime::traits::{Get, Saturating};

/// An account holding enough for any deposit and bond.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let plenty = T::Currency::minimum_balance()
		.saturating_mul(1_000_000u32.into())
		.saturating_add(T::DatanetDeposit::get().saturating_mul(10u32.into()))
		.saturating_add(T::ChallengeBond::get().saturating_mul(10u32.into()))
		.saturating_add(T::ChallengePenalty::get().saturating_mul(10u32.into()))
		.saturating_add(T::CommitmentDeposit::get().saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, plenty);
	who
}

fn filled<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; S::get() as usize])
}

/// A datanet of `kind` and `policy` owned by a funded account, with the largest metadata.
fn datanet<T: Config>(kind: DataKind, policy: CurationPolicy) -> Result<(T::AccountId, DatanetId), BenchmarkError> {
	let owner = funded::<T>("owner", 0);
	let id = NextDatanetId::<T>::get();
	let deposit = T::Currency::minimum_balance();
	Pallet::<T>::create_datanet(
		RawOrigin::Signed(owner.clone()).into(),
		filled(),
		filled(),
		filled(),
		kind,
		policy,
		deposit,
		None,
	)?;
	Ok((owner, id))
}

/// A text contribution `k` by `who` to `id`.
fn text_contribution<T: Config>(who: &T::AccountId, id: DatanetId, k: u32) -> Result<(), BenchmarkError> {
	let payload = k.to_le_bytes().iter().chain(b" text").copied().collect::<Vec<u8>>();
	Pallet::<T>::contribute(RawOrigin::Signed(who.clone()).into(), id, payload)?;
	Ok(())
}

/// An accepted contribution in a curated text datanet with a challenge on it: (challenge id,
/// contributor).
fn challenged<T: Config>() -> Result<(ChallengeId, T::AccountId), BenchmarkError> {
	let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
	let contributor = funded::<T>("contributor", 0);
	text_contribution::<T>(&contributor, id, 0)?;
	Pallet::<T>::review(RawOrigin::Signed(owner).into(), id, 0, true)?;
	let challenger = funded::<T>("challenger", 0);
	Pallet::<T>::challenge(RawOrigin::Signed(challenger).into(), id, 0, H256::zero())?;
	Ok((NextChallengeId::<T>::get().saturating_sub(1), contributor))
}

/// A tabular payload of about `b` bytes: examples of one feature.
fn tabular_payload(b: u32) -> Vec<u8> {
	let examples = (b / 8).max(1);
	let mut payload = Vec::with_capacity((examples as usize).saturating_mul(8));
	for k in 0..examples {
		tabular::encode_example(&mut payload, k % 2, &[k as f32]);
	}
	payload
}

/// `who` commits to content `hash`; then the next block begins or, with `expire`, the first
/// block past the reveal period (the commitment is closed and a fresh arrival taken: the most
/// work a contribution does without superseding).
fn committed<T: Config>(who: &T::AccountId, hash: H256, expire: bool) -> Result<(), BenchmarkError> {
	let commitment = Pallet::<T>::commitment(who, &hash);
	Pallet::<T>::commit_contribution(RawOrigin::Signed(who.clone()).into(), commitment)?;
	let now = frame_system::Pallet::<T>::block_number();
	let later = if expire { T::RevealPeriod::get().saturating_add(1u32.into()) } else { 1u32.into() };
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(later));
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_datanet() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			filled(),
			filled(),
			filled(),
			DataKind::Tabular { features: 64, classes: 10 },
			CurationPolicy::Curated,
			T::Currency::minimum_balance(),
			Some(1_000),
		);
		assert!(Datanets::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_copy_radius() -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Tabular { features: 64, classes: 10 }, CurationPolicy::Curated)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 2_000);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.copy_radius), Some(2_000));
		Ok(())
	}

	#[benchmark]
	fn update_metadata() -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, filled(), filled(), filled());
		assert!(Datanets::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn set_curators(c: Linear<0, { T::MaxCurators::get() }>) -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
		let curators: Vec<T::AccountId> = (0..c).map(|i| account("curator", i, 0)).collect();
		let curators = BoundedVec::truncate_from(curators);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, curators);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.curators.len() as u32), Some(c));
		Ok(())
	}

	/// A tabular payload of one-feature examples (the most labels and values to check per
	/// byte) into an open datanet (accepted at once: the Merkle update too), closing the
	/// contributor's expired commitment; nothing to supersede.
	#[benchmark]
	fn contribute(b: Linear<8, { T::MaxPayloadLen::get() }>) -> Result<(), BenchmarkError> {
		let (_, id) = datanet::<T>(DataKind::Tabular { features: 1, classes: 2 }, CurationPolicy::Open)?;
		let who = funded::<T>("contributor", 0);
		let payload = tabular_payload(b);
		committed::<T>(&who, H256(sp_io::hashing::blake2_256(&payload)), true)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, payload);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.members), Some(1));
		Ok(())
	}

	/// The worst case: the contributor's commitment gives the payload to them, and the copy
	/// included since — a member of another datanet, challenged — is removed.
	#[benchmark]
	fn contribute_superseding(b: Linear<8, { T::MaxPayloadLen::get() }>) -> Result<(), BenchmarkError> {
		let kind = DataKind::Tabular { features: 1, classes: 2 };
		let (_, id) = datanet::<T>(kind, CurationPolicy::Open)?;
		let (_, copies) = datanet::<T>(kind, CurationPolicy::Open)?;
		let who = funded::<T>("contributor", 0);
		let payload = tabular_payload(b);
		committed::<T>(&who, H256(sp_io::hashing::blake2_256(&payload)), false)?;
		let copier = funded::<T>("copier", 0);
		Pallet::<T>::contribute(RawOrigin::Signed(copier).into(), copies, payload.clone())?;
		let challenger = funded::<T>("challenger", 0);
		Pallet::<T>::challenge(RawOrigin::Signed(challenger).into(), copies, 0, H256::zero())?;
		#[extrinsic_call]
		contribute(RawOrigin::Signed(who), id, payload);
		let copy = Contributions::<T>::get(copies, 0).map(|c| c.status);
		assert_eq!(copy, Some(openledger_primitives::datanets::ContributionStatus::Removed));
		Ok(())
	}

	#[benchmark]
	fn commit_contribution() -> Result<(), BenchmarkError> {
		let who = funded::<T>("contributor", 0);
		let commitment = H256::repeat_byte(5);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commitment);
		assert!(Commitments::<T>::contains_key(who, commitment));
		Ok(())
	}

	#[benchmark]
	fn cancel_commitment() -> Result<(), BenchmarkError> {
		let who = funded::<T>("contributor", 0);
		let commitment = H256::repeat_byte(5);
		Pallet::<T>::commit_contribution(RawOrigin::Signed(who.clone()).into(), commitment)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commitment);
		assert!(!Commitments::<T>::contains_key(who, commitment));
		Ok(())
	}

	/// Closing the contributor's expired commitment; nothing to supersede.
	#[benchmark]
	fn contribute_reference() -> Result<(), BenchmarkError> {
		let (_, id) = datanet::<T>(DataKind::Text, CurationPolicy::Open)?;
		let who = funded::<T>("contributor", 0);
		committed::<T>(&who, H256::repeat_byte(1), true)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, H256::repeat_byte(1), u64::MAX, filled());
		assert_eq!(Datanets::<T>::get(id).map(|d| d.members), Some(1));
		Ok(())
	}

	#[benchmark]
	fn review_accept() -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
		let who = funded::<T>("contributor", 0);
		text_contribution::<T>(&who, id, 0)?;
		#[extrinsic_call]
		review(RawOrigin::Signed(owner), id, 0, true);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.members), Some(1));
		Ok(())
	}

	#[benchmark]
	fn review_reject() -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
		let who = funded::<T>("contributor", 0);
		text_contribution::<T>(&who, id, 0)?;
		#[extrinsic_call]
		review(RawOrigin::Signed(owner), id, 0, false);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.counters.rejected), Some(1));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let (_, id) = datanet::<T>(DataKind::Text, CurationPolicy::Curated)?;
		let who = funded::<T>("contributor", 0);
		text_contribution::<T>(&who, id, 0)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, 0);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.pending), Some(0));
		Ok(())
	}

	#[benchmark]
	fn publish_version() -> Result<(), BenchmarkError> {
		let (owner, id) = datanet::<T>(DataKind::Text, CurationPolicy::Open)?;
		let who = funded::<T>("contributor", 0);
		text_contribution::<T>(&who, id, 0)?;
		Pallet::<T>::publish_version(RawOrigin::Signed(owner.clone()).into(), id)?;
		text_contribution::<T>(&who, id, 1)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert_eq!(Datanets::<T>::get(id).map(|d| d.versions), Some(2));
		Ok(())
	}

	#[benchmark]
	fn challenge() -> Result<(), BenchmarkError> {
		let (_, id) = datanet::<T>(DataKind::Text, CurationPolicy::Open)?;
		let who = funded::<T>("contributor", 0);
		text_contribution::<T>(&who, id, 0)?;
		let challenger = funded::<T>("challenger", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id, 0, H256::repeat_byte(9));
		assert!(ChallengeOf::<T>::contains_key(id, 0));
		Ok(())
	}

	#[benchmark]
	fn resolve_challenge_upheld() -> Result<(), BenchmarkError> {
		let (id, _) = challenged::<T>()?;
		let origin = T::ArbiterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		resolve_challenge(origin as T::RuntimeOrigin, id, true);
		assert!(!Challenges::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn resolve_challenge_rejected() -> Result<(), BenchmarkError> {
		let (id, _) = challenged::<T>()?;
		let origin = T::ArbiterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		resolve_challenge(origin as T::RuntimeOrigin, id, false);
		assert!(!Challenges::<T>::contains_key(id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
