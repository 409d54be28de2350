//! Glue types the pallets' configurations use: the call filter that guards the boost rule, the
//! committee draws' randomness, the settlement shares the boost rule compares, the block author.
//! (Transaction fees are dealt with by `pallet_economics::DealWithFees`.)

use crate::configs::{default_data_boost, default_split, dynamic_params, RuntimeParameters};
use crate::{AccountId, Balance, Balances, BlockNumber, Hash, Runtime, RuntimeCall, System};
use frame_support::traits::Contains;
use sp_runtime::traits::{BlakeTwo256, Hash as HashT};

/// Lets every call through but a parameter change that would break the boost rule of the
/// economics pallet (`boost × data share < treasury share`; see `pallet_economics`): governance
/// tracks dispatch with filtered origins, so a referendum enacting such a change fails with
/// `CallFiltered` and changes nothing. (Root — a referendum on the root track, or the development
/// network's sudo key — is not filtered; if it breaks the rule, the boost pays nothing until the
/// rule holds again.)
pub struct EconomicsGuard;

impl Contains<RuntimeCall> for EconomicsGuard {
	fn contains(call: &RuntimeCall) -> bool {
		let RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value }) = call else {
			return true;
		};
		use frame_support::traits::Get;
		let (mut split, mut boost) =
			(dynamic_params::inference::Split::get(), dynamic_params::economics::DataBoost::get());
		// a value of `None` restores the default
		match key_value {
			RuntimeParameters::Inference(dynamic_params::inference::Parameters::Split(_, value)) => {
				split = (*value).unwrap_or_else(default_split)
			},
			RuntimeParameters::Economics(dynamic_params::economics::Parameters::DataBoost(_, value)) => {
				boost = value.unwrap_or_else(default_data_boost)
			},
			_ => return true,
		}
		pallet_economics::boost_is_safe(boost, split.data, split.treasury())
	}
}

/// Refuses, in a runtime call an Ethereum transaction sends to revive's runtime-call address
/// (`revive.eth_substrate_call`), every call that can reap its sender: `balances`'
/// `transfer_allow_death`, and `transfer_all` and `burn` without `keep_alive`, alone or in a
/// batch. Reaping an account resets its nonce, and an Ethereum transaction cannot be mortal: once
/// the address was funded again, every transaction the key signed could be replayed in order.
/// (Revive's own value transfers keep the sender alive; so do inference payments.)
pub struct EthereumSendersStay;

impl Contains<RuntimeCall> for EthereumSendersStay {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Revive(pallet_revive::Call::eth_substrate_call { call, .. }) => !may_reap_sender(call),
			_ => true,
		}
	}
}

/// Whether `call` can leave its sender below the existential deposit.
fn may_reap_sender(call: &RuntimeCall) -> bool {
	use pallet_balances::Call as B;
	use pallet_utility::Call as U;
	match call {
		RuntimeCall::Balances(B::transfer_allow_death { .. }) => true,
		RuntimeCall::Balances(B::transfer_all { keep_alive, .. } | B::burn { keep_alive, .. }) => !keep_alive,
		RuntimeCall::Utility(U::batch { calls } | U::batch_all { calls } | U::force_batch { calls }) => {
			calls.iter().any(may_reap_sender)
		},
		RuntimeCall::Utility(U::if_else { main, fallback }) => may_reap_sender(main) || may_reap_sender(fallback),
		_ => false,
	}
}

/// Committee draws: BLAKE2 of the subject and the parent block's hash. A block author could
/// withhold a block to redraw, at the cost of its slot; good enough while attestors are
/// bonded and outvoted by the committee's bond majority, and replaceable by a VRF-based source.
pub struct ParentHashRandomness;

impl frame_support::traits::Randomness<Hash, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let parent = System::parent_hash();
		(<BlakeTwo256 as HashT>::hash_of(&(subject, parent)), System::block_number())
	}
}

/// The settlement shares the boost rule compares, from the `inference.Split` parameter.
pub struct SettlementShares;

impl frame_support::traits::Get<pallet_economics::Shares> for SettlementShares {
	fn get() -> pallet_economics::Shares {
		let split = dynamic_params::inference::Split::get();
		pallet_economics::Shares { data: split.data, treasury: split.treasury() }
	}
}

/// The current block's author, as the authorship pallet finds it.
pub struct BlockAuthor;

impl frame_support::traits::Get<Option<AccountId>> for BlockAuthor {
	fn get() -> Option<AccountId> {
		pallet_authorship::Pallet::<Runtime>::author()
	}
}

/// Pays treasury spends from the treasury account, which always keeps its existential deposit:
/// never reaped, it takes every fee, slash and dust credit sent to it, so none is dropped (a
/// dropped credit would leave the supply).
pub struct PayFromTreasury;

impl frame_support::traits::tokens::Pay for PayFromTreasury {
	type Balance = crate::Balance;
	type Beneficiary = AccountId;
	type AssetKind = ();
	type Id = ();
	type Error = sp_runtime::DispatchError;

	fn pay(who: &AccountId, _: (), amount: crate::Balance) -> Result<(), sp_runtime::DispatchError> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		<crate::Balances as Mutate<AccountId>>::transfer(
			&crate::configs::TreasuryAccount::get(),
			who,
			amount,
			Preservation::Preserve,
		)?;
		Ok(())
	}

	fn check_payment(_: ()) -> frame_support::traits::tokens::PaymentStatus {
		frame_support::traits::tokens::PaymentStatus::Success
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: &AccountId, _: (), amount: crate::Balance) {
		use frame_support::traits::fungible::Mutate;
		// the treasury keeps its existential deposit beside what it pays
		let _ = <crate::Balances as Mutate<AccountId>>::mint_into(
			&crate::configs::TreasuryAccount::get(),
			amount.saturating_add(crate::configs::tokens::EXISTENTIAL_DEPOSIT),
		);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(_: ()) {}
}

/// The existential deposits revive has minted into contract accounts: inactive issuance less the
/// treasury's, which deactivates its own pot every block (`pallet_treasury::Deactivated`). Revive
/// and the treasury are the only two that mark issuance inactive here. The economics pallet's cap
/// does not count them: each is held by its contract's account while it exists (a consumer
/// reference: it cannot move) and burned with it.
pub struct ContractDeposits;

impl frame_support::traits::Get<Balance> for ContractDeposits {
	fn get() -> Balance {
		use frame_support::traits::fungible::Inspect;
		let inactive = Balances::total_issuance().saturating_sub(Balances::active_issuance());
		inactive.saturating_sub(pallet_treasury::Deactivated::<Runtime>::get())
	}
}
