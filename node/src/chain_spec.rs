//! The networks the node knows by name (`--chain dev`, `--chain local`), built from the runtime's
//! genesis presets; any other `--chain` value is read as a chain-spec file.

use openledger_primitives::{DECIMALS, SS58_PREFIX, TOKEN_SYMBOL};
use openledger_runtime::WASM_BINARY;
use sc_service::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A chain spec of this node's runtime. Genesis comes from the runtime's presets, so it has no
/// extension fields.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The chain properties wallets read: token symbol, decimals and the SS58 address prefix.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's Wasm binary is not available: this node was built with SKIP_WASM_BUILD set".to_string()
	})
}

/// `--dev`: one validator (Alice), temporary state, blocks at once.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("OpenLedger Development")
		.with_id("openledger_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_protocol_id("openledger")
		.with_properties(properties())
		.build())
}

/// `--chain local`: three genesis validators (Alice, Bob, Charlie) on one machine; more join as
/// candidates (docs/VALIDATOR.md).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("OpenLedger Local Testnet")
		.with_id("openledger_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_protocol_id("openledger")
		.with_properties(properties())
		.build())
}
