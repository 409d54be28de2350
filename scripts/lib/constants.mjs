// Constants of the OpenLedger chain the tests and benchmarks check against.

/** The SS58 address prefix of OpenLedger accounts. */
export const SS58_PREFIX = 4242;

/** One OPEN in its smallest unit. */
export const OPEN = 10n ** 18n;

/**
 * The attribution job fee every paid inference carries on top of the price: the runtime
 * parameter `attribution::JobFee`'s default, for a job of at most 62.5 ms of the attestors' work
 * (every model the tests register), while at most half a block's draws wait.
 */
export const JOB_FEE = OPEN / 5n;

/** The development networks' EIP-155 chain id: `0x4f50454e`, "OPEN" in ASCII (a network's genesis may set another). */
export const ETH_CHAIN_ID = 0x4f50454e;

/**
 * The well-known Ethereum development key (`alith`, address 0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac), whose
 * account the development networks fund at genesis as they fund Alice's.
 */
export const ETH_DEV_KEY = '0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133';
