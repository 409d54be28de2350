//! Benchmarks of the bridge pallet: a lock, a release checking `s` signatures (to a new
//! account, on a new page of released numbers), a committee of `m` members, a vault.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet::{BalanceOf, Committee, Threshold, Vault};
use sp_core::{crypto::KeyTypeId, H160};
use sp_runtime::traits::Saturating;

/// The benchmarks' committee keys, in the benchmark's keystore.
const KEY: KeyTypeId = KeyTypeId(*b"brdg");

/// `n` committee keys with their addresses, ascending by address.
fn keys(n: u32) -> Result<Vec<(sp_core::ecdsa::Public, H160)>, BenchmarkError> {
	let mut keys = Vec::new();
	for _ in 0..n {
		let public = sp_io::crypto::ecdsa_generate(KEY, None);
		let digest = [1u8; 32];
		let signature = sp_io::crypto::ecdsa_sign_prehashed(KEY, &public, &digest).ok_or("signs")?;
		let full = sp_io::crypto::secp256k1_ecdsa_recover(&signature.0, &digest).map_err(|_| "recovers")?;
		keys.push((public, eip712::address_of(&full)));
	}
	keys.sort_by_key(|(_, address)| *address);
	Ok(keys)
}

/// `public`'s signature of `digest` as Ethereum makes it (`v` 27 or 28).
fn sign(public: &sp_core::ecdsa::Public, digest: &[u8; 32]) -> Result<Signature, BenchmarkError> {
	let mut signature = sp_io::crypto::ecdsa_sign_prehashed(KEY, public, digest).ok_or("signs")?.0;
	signature[64] = signature[64].saturating_add(27);
	Ok(signature)
}

/// Sets a committee of `keys`, all of them needed, and a vault.
fn open_bridge<T: Config>(keys: &[(sp_core::ecdsa::Public, H160)]) {
	let members: Vec<H160> = keys.iter().map(|(_, a)| *a).collect();
	Committee::<T>::put(BoundedVec::truncate_from(members));
	Threshold::<T>::put(keys.len() as u32);
	Vault::<T>::put((1u64, H160::repeat_byte(0x11)));
}

/// Enough OPEN for anything the benchmarks move.
fn plenty<T: Config>() -> BalanceOf<T> {
	T::MaxTransfer::get().saturating_mul(4u32.into()).saturating_add(T::Currency::minimum_balance())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn lock() -> Result<(), BenchmarkError> {
		open_bridge::<T>(&keys(1)?);
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, plenty::<T>());
		T::Currency::set_balance(&Pallet::<T>::reserve_account(), plenty::<T>());
		let amount = T::MaxTransfer::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), H160::repeat_byte(0xee), amount);

		assert_eq!(NextLock::<T>::get(), 1);
		Ok(())
	}

	#[benchmark]
	fn release(s: Linear<1, { T::MaxMembers::get() }>) -> Result<(), BenchmarkError> {
		let keys = keys(s)?;
		open_bridge::<T>(&keys);
		T::Currency::set_balance(&Pallet::<T>::reserve_account(), plenty::<T>());
		let recipient = [0x5au8; 32];
		let amount = T::MinTransfer::get();
		let nonce = 1_000u64;
		let digest = Pallet::<T>::release_digest(nonce, recipient, amount).ok_or("a vault is set")?;
		let signatures = keys.iter().map(|(public, _)| sign(public, &digest)).collect::<Result<Vec<_>, _>>()?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), nonce, recipient, amount, signatures);

		let (page, bit) = Pallet::<T>::released_bit(nonce);
		assert_eq!(Released::<T>::get(H160::repeat_byte(0x11), page), bit);
		Ok(())
	}

	#[benchmark]
	fn set_committee(m: Linear<0, { T::MaxMembers::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let members: Vec<H160> = (1..=m).map(|i| H160::repeat_byte(i as u8)).collect();
		let threshold = if m == 0 { 0 } else { (m / 2).saturating_add(1) };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, members, threshold);

		assert_eq!(Committee::<T>::get().len() as u32, m);
		Ok(())
	}

	#[benchmark]
	fn set_vault() -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1u64, H160::repeat_byte(0x22));

		assert_eq!(Vault::<T>::get(), Some((1, H160::repeat_byte(0x22))));
		Ok(())
	}

	#[benchmark]
	fn pause() -> Result<(), BenchmarkError> {
		let keys = keys(T::MaxMembers::get())?;
		open_bridge::<T>(&keys);
		let (public, _) = keys.last().ok_or("a member")?;
		let signature = sign(public, &Pallet::<T>::pause_digest().ok_or("a vault is set")?)?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), signature);

		assert!(pallet::Paused::<T>::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
