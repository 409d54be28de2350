// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

import "../IInference.sol";

/// A contract that pays for inference from its own balance, as an application's contract would:
/// the end-to-end tests' user of the `IInference` precompile. Not for production use.
contract InferenceUser {
	IInference constant INFERENCE = IInference(INFERENCE_PRECOMPILE);

	/// The inference this contract paid last.
	uint64 public last;

	event Paid(uint64 id);

	/// OPEN sent to the contract pays for its inferences.
	receive() external payable {}

	/// Pays for `provider`'s answer `output` to `input` from `model`, from this contract's balance.
	function pay(uint32 model, bytes32 provider, bytes calldata input, bytes calldata output, uint256 maxFee)
		external
		returns (uint64 id)
	{
		id = INFERENCE.payInference(model, provider, input, output, maxFee);
		last = id;
		emit Paid(id);
	}

	/// The final attribution of inference `id`, read through the precompile.
	function shares(uint64 id) external view returns (bool attributed, IInference.Share[] memory contributions) {
		return INFERENCE.attribution(id);
	}

	/// Tries to pay by `delegatecall`, as a contract impersonating its caller would: whether the
	/// precompile accepted it.
	function payByDelegatecall(uint32 model, bytes32 provider, bytes calldata input, bytes calldata output, uint256 maxFee)
		external
		returns (bool accepted)
	{
		(accepted,) = INFERENCE_PRECOMPILE.delegatecall(
			abi.encodeCall(IInference.payInference, (model, provider, input, output, maxFee))
		);
	}

	/// Tries to pay in a static call (through `view` code): whether the precompile accepted it.
	function payInStaticcall(uint32 model, bytes32 provider, bytes calldata input, bytes calldata output, uint256 maxFee)
		external
		view
		returns (bool accepted)
	{
		(accepted,) = INFERENCE_PRECOMPILE.staticcall(
			abi.encodeCall(IInference.payInference, (model, provider, input, output, maxFee))
		);
	}
}
