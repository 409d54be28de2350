//! AI agents: accounts that act for an operator, who bonds OPEN for them. What the agents pallet
//! offers the pallets that take payments.

use sp_runtime::DispatchError;

/// Who pays what an account spends: implemented by the agents pallet, asked by whoever charges
/// a payment (the inference pallet).
pub trait AgentSpending<AccountId, Balance> {
	/// The account to charge `amount` that `spender` spends: `spender` itself if it is no
	/// agent; its operator if it is an agent that may spend `amount` now (not suspended, within
	/// its allowance for this period), in which case the spending is recorded. Fails, recording
	/// nothing, if an agent may not spend it. The caller must fail as a whole if the charge
	/// then fails, so that the record is undone with it.
	fn payer(spender: &AccountId, amount: Balance) -> Result<AccountId, DispatchError>;
}

/// No agents: everyone pays for themselves.
impl<AccountId: Clone, Balance> AgentSpending<AccountId, Balance> for () {
	fn payer(spender: &AccountId, _amount: Balance) -> Result<AccountId, DispatchError> {
		Ok(spender.clone())
	}
}
