// Hardhat's local Ethereum node for the bridge's end-to-end test (`scripts/lib/ethereum.mjs`
// starts it). Only the node is used: contracts are compiled with solc-js, and driven with viem.
module.exports = {
	networks: { hardhat: { chainId: 31337, hardfork: 'cancun' } },
};
