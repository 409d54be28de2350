//! Spending through an agent ([`AgentSpending`]): the inference pallet asks who pays for what an
//! account spends — its operator, within the agent's allowance.

use frame_support::{ensure, pallet_prelude::DispatchError};
use openledger_primitives::agents::AgentSpending;
use sp_runtime::traits::{Saturating, Zero};

use crate::{BalanceOf, Config, Error, Event, Pallet, Registry};

impl<T: Config> AgentSpending<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn payer(spender: &T::AccountId, amount: BalanceOf<T>) -> Result<T::AccountId, DispatchError> {
		let Some(mut record) = Registry::<T>::get(spender) else { return Ok(spender.clone()) };
		ensure!(!record.suspended, Error::<T>::AgentSuspended);
		let period = Self::current_period();
		if record.period != period {
			record.period = period;
			record.spent = Zero::zero();
		}
		let spent = record.spent.saturating_add(amount);
		ensure!(spent <= record.allowance, Error::<T>::AllowanceExceeded);
		record.spent = spent;
		record.reputation.payments = record.reputation.payments.saturating_add(1);
		let operator = record.operator.clone();
		Registry::<T>::insert(spender, record);
		Self::deposit_event(Event::AgentSpent { agent: spender.clone(), amount });
		Ok(operator)
	}
}
