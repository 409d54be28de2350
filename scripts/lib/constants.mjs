// Constants of the OpenLedger chain the tests and benchmarks check against.

/** The SS58 address prefix of OpenLedger accounts. */
export const SS58_PREFIX = 4242;

/** One OPEN in its smallest unit. */
export const OPEN = 10n ** 18n;
