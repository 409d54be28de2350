//! Genesis presets: the initial state of the `development` and `local_testnet` networks.
//!
//! Both mint exactly [`TOTAL_SUPPLY`](crate::TOTAL_SUPPLY) (1,000,000,000 OPEN), allocated as every network is
//! ([`openledger_primitives::economics::allocation`]):
//!
//! | part | OPEN | where |
//! |---|---|---|
//! | community (51.71%) | 517,100,000 | the economics pallet's community pool, released over 48 months |
//! | investors (18.29%) | 182,900,000 | vesting: nothing for 12 months, then linearly over 36 |
//! | team (15%) | 150,000,000 | vesting: nothing for 12 months, then linearly over 36 |
//! | ecosystem (10%) | 100,000,000 | the ecosystem pool, released over 48 months |
//! | liquidity (5%) | 50,000,000 | free |
//!
//! On these development networks the team's and the investors' allocations vest to placeholder
//! accounts nobody holds a key for ([`team_account`], [`investors_account`]), and the liquidity
//! part funds the test accounts: each well-known one ([`Sr25519Keyring::well_known`]: Alice …
//! Ferdie and their `//stash` accounts) and, on `development` only, the account of the well-known
//! Ethereum development key ([`ETH_DEV_ADDRESS`], for a wallet) receive
//! [`TEST_ACCOUNT_ENDOWMENT`], the inference escrow
//! its existential deposit, the bridge's reserve [`BRIDGE_RESERVE`], revive's account its
//! existential deposit, and the treasury the rest.
//! The bridge starts closed (no committee, no vault): root opens it. Only `development` has a sudo key (Alice's);
//! on `local_testnet`, as on any production network, root is reached by referendum only. Both set
//! [`DEVELOPMENT_PERIODS`] for the referendum tracks, sessions of [`DEVELOPMENT_SESSION_LENGTH`]
//! blocks, and their validators as invulnerables with session keys derived from their names.

use alloc::{vec, vec::Vec};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use openledger_primitives::economics::{allocation, PoolId};

use openledger_primitives::attribution::crypto::Public as AttestorId;

use crate::{
	configs::{EscrowReserve, TreasuryAccount},
	opaque::SessionKeys,
	AccountId, Balance, BalancesConfig, CollatorSelectionConfig, RuntimeGenesisConfig, SessionConfig,
	SessionLengthConfig, SudoConfig, VestingConfig, OPEN,
};

/// The referendum periods of development networks, on every track: a block to prepare, ten
/// (one minute) to decide, a block to confirm, a block to enactment.
pub const DEVELOPMENT_PERIODS: crate::governance::Periods =
	crate::governance::Periods { prepare: 1, decision: 10, confirm: 1, enactment: 1 };

/// What each well-known test account holds at genesis on development networks.
pub const TEST_ACCOUNT_ENDOWMENT: Balance = 1_000_000 * OPEN;

/// What the bridge's reserve holds at genesis on development networks, out of the liquidity
/// part: the OPEN that may circulate on Ethereum. (Its vault, on a real network, then holds as
/// much ERC-20 OPEN as circulates here outside the reserve; see `pallet-bridge`.)
pub const BRIDGE_RESERVE: Balance = 10_000_000 * OPEN;

/// The address of the well-known Ethereum development key (`alith`, private key
/// `0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133`, the first account of
/// the mnemonic `bottom drive obey lake curtain smoke basket hold race lonely fit walk`), whose
/// account the `development` preset funds so that a wallet holding that key has OPEN there. Not
/// on `local_testnet`, which operators export to start networks of their own: a key everyone
/// knows must not hold funds on those.
pub const ETH_DEV_ADDRESS: sp_core::H160 = sp_core::H160([
	0xf2, 0x4f, 0xf3, 0xa9, 0xcf, 0x04, 0xc7, 0x1d, 0xbc, 0x94, 0xd0, 0xb5, 0x66, 0xf7, 0xa2, 0x7b, 0x94, 0x56, 0x6c,
	0xac,
]);

/// The well-known development accounts that both presets fund: the sr25519 keyring's.
pub fn test_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The account of [`ETH_DEV_ADDRESS`] (its address followed by twelve `0xEE` bytes), which the
/// `development` preset funds beside [`test_accounts`].
pub fn eth_dev_account() -> AccountId {
	use pallet_revive::AddressMapper;
	<crate::Runtime as pallet_revive::Config>::AddressMapper::to_fallback_account_id(&ETH_DEV_ADDRESS)
}

/// The development networks' placeholder for the team's allocation: BLAKE2-256 of
/// `openledger/dev/team`, an account nobody holds a key for.
pub fn team_account() -> AccountId {
	AccountId::new(sp_io::hashing::blake2_256(b"openledger/dev/team"))
}

/// The development networks' placeholder for the investors' allocation (BLAKE2-256 of
/// `openledger/dev/investors`).
pub fn investors_account() -> AccountId {
	AccountId::new(sp_io::hashing::blake2_256(b"openledger/dev/investors"))
}

/// The genesis balances: the pools', the vesting beneficiaries' and, out of the liquidity part,
/// [`TEST_ACCOUNT_ENDOWMENT`] to each of `accounts`, the existential deposit that keeps the
/// inference escrow account alive, [`BRIDGE_RESERVE`] to the bridge's reserve, the existential
/// deposit of revive's account, and the rest to the treasury. They sum to [`TOTAL_SUPPLY`](crate::TOTAL_SUPPLY).
pub fn genesis_balances(accounts: &[AccountId]) -> Vec<(AccountId, Balance)> {
	let endowed = TEST_ACCOUNT_ENDOWMENT.saturating_mul(accounts.len() as Balance);
	let escrow = (pallet_inference::Pallet::<crate::Runtime>::escrow_account(), EscrowReserve::get());
	let bridge = (crate::Bridge::reserve_account(), BRIDGE_RESERVE);
	// Revive's own account must exist; given its existential deposit here, revive mints none.
	let revive = (crate::Revive::account_id(), crate::configs::EXISTENTIAL_DEPOSIT);
	let treasury = allocation::LIQUIDITY
		.saturating_sub(endowed)
		.saturating_sub(escrow.1)
		.saturating_sub(bridge.1)
		.saturating_sub(revive.1);
	accounts
		.iter()
		.cloned()
		.map(|account| (account, TEST_ACCOUNT_ENDOWMENT))
		.chain([
			(crate::Economics::account(PoolId::Community), allocation::COMMUNITY),
			(crate::Economics::account(PoolId::Ecosystem), allocation::ECOSYSTEM),
			(team_account(), allocation::TEAM),
			(investors_account(), allocation::INVESTORS),
			(TreasuryAccount::get(), treasury),
			escrow,
			bridge,
			revive,
		])
		.collect()
}

/// The genesis vesting schedules: the team's and the investors' whole balances, locked for
/// [`allocation::VESTING_CLIFF`] blocks and then released linearly over
/// [`allocation::VESTING_LENGTH`].
pub fn genesis_vesting() -> Vec<(AccountId, crate::BlockNumber, crate::BlockNumber, Balance)> {
	[team_account(), investors_account()]
		.into_iter()
		.map(|who| (who, allocation::VESTING_CLIFF, allocation::VESTING_LENGTH, 0))
		.collect()
}

/// Blocks per session on development networks: ten (a minute), so that a new validator joins
/// within two minutes.
pub const DEVELOPMENT_SESSION_LENGTH: crate::BlockNumber = 10;

/// The bond a validator candidate reserves on development networks.
pub const DEVELOPMENT_CANDIDACY_BOND: Balance = 10_000 * OPEN;

/// How many candidates (besides the invulnerables) development networks let validate.
pub const DEVELOPMENT_DESIRED_CANDIDATES: u32 = 4;

/// A development validator: the well-known name its session keys derive from (`//Alice`), as
/// its sr25519 (Aura, `attr`, account) and ed25519 (GRANDPA) keyrings.
pub type Validator = (Sr25519Keyring, Ed25519Keyring);

/// The session keys of a development validator, the ones `--alice` (etc.) puts in its node's
/// keystore.
pub fn session_keys((sr25519, ed25519): Validator) -> SessionKeys {
	SessionKeys {
		aura: AuraId::from(sr25519.public()),
		grandpa: GrandpaId::from(ed25519.public()),
		attr: AttestorId::from(sr25519.public()),
	}
}

/// A development network's genesis: `validators` as invulnerables, `endowed` funded with
/// [`TEST_ACCOUNT_ENDOWMENT`] each, `sudo` the sudo key if any.
fn testnet_genesis(validators: &[Validator], endowed: &[AccountId], sudo: Option<AccountId>) -> RuntimeGenesisConfig {
	let accounts: Vec<AccountId> = validators.iter().map(|(v, _)| v.to_account_id()).collect();
	RuntimeGenesisConfig {
		balances: BalancesConfig { balances: genesis_balances(endowed), ..Default::default() },
		vesting: VestingConfig { vesting: genesis_vesting() },
		origins: crate::OriginsConfig { periods: Some(DEVELOPMENT_PERIODS), ..Default::default() },
		session: SessionConfig {
			keys: accounts
				.iter()
				.zip(validators)
				.map(|(account, v)| (account.clone(), account.clone(), session_keys(*v)))
				.collect(),
			..Default::default()
		},
		session_length: SessionLengthConfig { length: Some(DEVELOPMENT_SESSION_LENGTH), ..Default::default() },
		collator_selection: CollatorSelectionConfig {
			invulnerables: accounts,
			candidacy_bond: DEVELOPMENT_CANDIDACY_BOND,
			desired_candidates: DEVELOPMENT_DESIRED_CANDIDATES,
		},
		sudo: SudoConfig { key: sudo },
		..Default::default()
	}
}

/// The `development` preset: Alice alone authors and finalizes; the test accounts and the
/// Ethereum development key's are funded.
pub fn development_config_genesis() -> RuntimeGenesisConfig {
	let endowed: Vec<AccountId> = test_accounts().into_iter().chain([eth_dev_account()]).collect();
	testnet_genesis(
		&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		&endowed,
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `local_testnet` preset: Alice, Bob and Charlie author and finalize, as invulnerables.
/// GRANDPA needs more than two thirds of the validators, so all three; a fourth that joins as a
/// candidate (docs/VALIDATOR.md) lets the network finalize with one of the four down.
pub fn local_config_genesis() -> RuntimeGenesisConfig {
	testnet_genesis(
		&[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		&test_accounts(),
		None,
	)
}

/// The genesis config of the preset `id`, if there is one.
pub fn preset(id: &PresetId) -> Option<RuntimeGenesisConfig> {
	match id.as_ref() {
		DEV_RUNTIME_PRESET => Some(development_config_genesis()),
		LOCAL_TESTNET_RUNTIME_PRESET => Some(local_config_genesis()),
		_ => None,
	}
}

/// The preset `id` as the JSON the node's chain-spec builder reads: the whole genesis config.
#[allow(clippy::expect_used, reason = "serialising a config of plain data cannot fail")]
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	preset(id).map(|config| serde_json::to_vec(&config).expect("a genesis config serializes to JSON; qed"))
}

/// The names of the presets this runtime has.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
