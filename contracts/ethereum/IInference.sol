// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// OpenLedger's paid inference, for Solidity contracts and Ethereum wallets on the OpenLedger
/// chain: the runtime's precompile at `INFERENCE_PRECOMPILE`.
///
/// Accounts are the chain's 32-byte accounts. An Ethereum key's or a contract's account is its
/// 20-byte address followed by twelve `0xEE` bytes; a Substrate account is its own 32 bytes.
/// Amounts are in the smallest unit of OPEN (18 decimals, like wei). A call that fails reverts
/// with `Error(string)` naming the chain's error. The precompile takes no value, and refuses
/// `delegatecall` and state changes in a static call.
interface IInference {
	/// Why an inference paid someone (`kind` of a `Payout`).
	/// 0 the provider, 1 the model owner, 2 an attributed contribution (`datanet`, `index`),
	/// 3 a lineage version's pool (`datanet`, `index` = the version), 4 an attestor, 5 the
	/// treasury, 6 a refund to the payer, 7 held for a challenged contribution (`datanet`, `index`).
	struct Payout {
		bytes32 to;
		uint256 amount;
		uint8 kind;
		uint32 datanet;
		uint32 index;
	}

	/// A contribution's part of an inference's data share, in parts per million.
	struct Share {
		uint32 datanet;
		uint32 index;
		uint32 ppm;
	}

	/// Pays `model`'s price for `provider`'s answer `output` to `input`, from the caller's
	/// account, exactly as the extrinsic `inference.payInference` does (same checks, same fee,
	/// same weight); returns the inference's id. Fails if the price and the job fee exceed
	/// `maxFee`.
	function payInference(
		uint32 model,
		bytes32 provider,
		bytes calldata input,
		bytes calldata output,
		uint256 maxFee
	) external returns (uint64 id);

	/// What one inference of `model` costs now: `total` (what `maxFee` must cover), the model's
	/// `price`, the attribution `jobFee` on top; and whether the model takes inferences. Reverts
	/// for an unknown model.
	function estimateFee(uint32 model)
		external
		view
		returns (uint256 total, uint256 price, uint256 jobFee, bool active);

	/// Inference `id`: who paid, who answered, the model, the fee, whether its escrow is paid out,
	/// and every payout so far. Reverts for an unknown inference.
	function inference(uint64 id)
		external
		view
		returns (bytes32 payer, bytes32 provider, uint32 model, uint256 fee, bool settled, Payout[] memory payouts);

	/// The final attribution of inference `id`: whether there is one, and its contributions with
	/// their parts per million (empty if the committee fell back to lineage or found the job
	/// unscorable). Reverts for an unknown inference.
	function attribution(uint64 id) external view returns (bool attributed, Share[] memory contributions);

	/// What `account` has earned from settlements: not yet claimed, and in all.
	function earnings(bytes32 account) external view returns (uint256 unclaimed, uint256 earned);

	/// Transfers the caller's unclaimed earnings to it, as `inference.claim` does; returns the amount.
	function claim() external returns (uint256 amount);
}

// The address of the `IInference` precompile.
address constant INFERENCE_PRECOMPILE = 0x000000000000000000000000000000004f500000;
