//! The attestor key `attr` as one of a validator's session keys.
//!
//! One `author_rotateKeys` gives a validator's node the key its off-chain worker attests with.
//! The session itself does nothing with it: who attests is decided by `register_attestor`, not
//! by the validator set.

use openledger_primitives::attribution as attr;

use crate::{Config, Pallet};

impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
	type Public = attr::crypto::Public;
}

impl<T: Config> frame_support::traits::OneSessionHandler<T::AccountId> for Pallet<T> {
	type Key = attr::crypto::Public;

	fn on_genesis_session<'a, I>(_validators: I)
	where
		I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
		T::AccountId: 'a,
	{
	}

	fn on_new_session<'a, I>(_changed: bool, _validators: I, _queued: I)
	where
		I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
		T::AccountId: 'a,
	{
	}

	fn on_disabled(_validator_index: u32) {}
}
