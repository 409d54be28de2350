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

/// What an account signs to agree to be `operator`'s agent: the SCALE encoding of this, signed
/// with the agent's key, is the consent `register_agent` asks for. Bound to the chain (its
/// genesis hash) and to the operator; it stands until block `until`, so an operator that
/// deregisters an agent can register it again only while the agent's consent stands.
#[derive(codec::Encode, Clone, PartialEq, Eq, Debug)]
pub struct AgentConsent<AccountId, BlockNumber, Hash> {
	/// [`AGENT_CONSENT_CONTEXT`].
	pub context: [u8; 16],
	/// The hash of the chain's genesis block.
	pub genesis: Hash,
	/// The operator the agent agrees to act for.
	pub operator: AccountId,
	/// The last block the consent may be used in.
	pub until: BlockNumber,
}

/// The first bytes of every [`AgentConsent`]: no other message the chain asks for begins so.
pub const AGENT_CONSENT_CONTEXT: [u8; 16] = *b"openledger/agent";
