//! Reports against agents: filed with a bond, resolved by the arbiter (an upheld report slashes
//! the operator's stake to the reporter and the treasury), or expired unresolved.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

use crate::{
	AgentReports, BalanceOf, Config, Error, Event, HoldReason, NextReportId, Pallet, Registry, Report, ReportId,
	Reports,
};

impl<T: Config> Pallet<T> {
	/// Files `reporter`'s report against `agent`, holding `ReportBond`.
	pub(crate) fn do_report(reporter: T::AccountId, agent: T::AccountId, evidence: H256) -> DispatchResult {
		let mut record = Registry::<T>::get(&agent).ok_or(Error::<T>::UnknownAgent)?;
		ensure!(reporter != agent && reporter != record.operator, Error::<T>::SelfReport);
		ensure!(record.open_reports < T::MaxOpenReports::get(), Error::<T>::TooManyReports);
		let bond = T::ReportBond::get();
		T::Currency::hold(&HoldReason::ReportBond.into(), &reporter, bond)?;
		record.open_reports = record.open_reports.saturating_add(1);
		Registry::<T>::insert(&agent, record);
		let id = NextReportId::<T>::get();
		NextReportId::<T>::put(id.saturating_add(1));
		let now = frame_system::Pallet::<T>::block_number();
		let expires = now.saturating_add(T::ReportPeriod::get());
		Reports::<T>::insert(id, Report { agent: agent.clone(), reporter: reporter.clone(), evidence, bond, expires });
		AgentReports::<T>::insert(&agent, id, now);
		Self::deposit_event(Event::Reported { report: id, agent, reporter, evidence, bond });
		Ok(())
	}

	/// Resolves report `report`: upheld, `slash` of the agent's stake goes to the reporter and the
	/// treasury and the bond is returned; rejected, the bond goes to the treasury.
	pub(crate) fn do_resolve_report(report: ReportId, upheld: bool, slash: Perbill) -> DispatchResult {
		let r = Reports::<T>::take(report).ok_or(Error::<T>::UnknownReport)?;
		AgentReports::<T>::remove(&r.agent, report);
		let mut record = Registry::<T>::get(&r.agent).ok_or(Error::<T>::UnknownAgent)?;
		record.open_reports = record.open_reports.saturating_sub(1);
		if upheld {
			T::Currency::release(&HoldReason::ReportBond.into(), &r.reporter, r.bond, Precision::BestEffort)?;
			let mut due = slash.mul_floor(record.bonded);
			record.bonded = record.bonded.saturating_sub(due);
			for chunk in record.unbonding.iter_mut() {
				let part = slash.mul_floor(chunk.amount);
				chunk.amount = chunk.amount.saturating_sub(part);
				due = due.saturating_add(part);
			}
			record.unbonding.retain(|u| !u.amount.is_zero());
			let to_reporter = T::ReporterShare::get().mul_floor(due);
			let to_treasury = due.saturating_sub(to_reporter);
			Self::transfer_held(HoldReason::AgentStake, &record.operator, &r.reporter, to_reporter)?;
			Self::transfer_held(HoldReason::AgentStake, &record.operator, &T::Treasury::get(), to_treasury)?;
			record.reputation.upheld = record.reputation.upheld.saturating_add(1);
			let suspended = !record.suspended && record.bonded < T::MinStake::get();
			if suspended {
				record.suspended = true;
			}
			Registry::<T>::insert(&r.agent, record);
			Self::deposit_event(Event::ReportUpheld {
				report,
				agent: r.agent.clone(),
				slashed: due,
				to_reporter,
				to_treasury,
			});
			if suspended {
				Self::deposit_event(Event::AgentSuspended { agent: r.agent });
			}
		} else {
			Self::transfer_held(HoldReason::ReportBond, &r.reporter, &T::Treasury::get(), r.bond)?;
			record.reputation.rejected = record.reputation.rejected.saturating_add(1);
			Registry::<T>::insert(&r.agent, record);
			Self::deposit_event(Event::ReportRejected { report, agent: r.agent, bond: r.bond });
		}
		Ok(())
	}

	/// Expires report `report`, unresolved past its period, returning its bond.
	pub(crate) fn do_expire_report(report: ReportId) -> DispatchResult {
		let r = Reports::<T>::get(report).ok_or(Error::<T>::UnknownReport)?;
		ensure!(frame_system::Pallet::<T>::block_number() >= r.expires, Error::<T>::NotExpired);
		Reports::<T>::remove(report);
		AgentReports::<T>::remove(&r.agent, report);
		T::Currency::release(&HoldReason::ReportBond.into(), &r.reporter, r.bond, Precision::BestEffort)?;
		Registry::<T>::mutate(&r.agent, |a| {
			if let Some(a) = a {
				a.open_reports = a.open_reports.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::ReportExpired { report, agent: r.agent });
		Ok(())
	}

	/// Moves exactly `amount` held for `reason` on `from` to `to`'s free balance.
	fn transfer_held(
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::transfer_on_hold(
			&reason.into(),
			from,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Ok(())
	}
}
