//! # Agents
//!
//! ## Overview
//!
//! AI agents act economically on the network; the stake their operators bond is what answers for
//! them. An operator registers an agent account with metadata, a stake (held on the operator
//! under [`HoldReason::AgentStake`], at least `MinStake`), a spending allowance and the agent's
//! consent — its signature on an [`AgentConsent`] naming the operator, so that nobody makes an
//! account their agent (whose own payments would then be charged against an allowance it never
//! agreed to) without it; the agent then
//! pays — inference, through [`AgentSpending`] — on its operator's behalf, up to the allowance
//! in each period of `AllowancePeriod` blocks, and the payment is charged to the operator.
//!
//! Anyone may report an agent with a bond (`ReportBond`, held under [`HoldReason::ReportBond`]);
//! the arbiter origin resolves the report:
//! - upheld, with a slash fraction: that fraction of the agent's bonded and of each unbonding
//!   chunk is taken from the operator's hold — `ReporterShare` of it to the reporter, the rest
//!   (and every rounding remainder) to the treasury — the reporter's bond is returned, and an
//!   agent left below `MinStake` is suspended until its operator tops it up;
//! - rejected: the reporter's bond goes to the treasury.
//!
//! A report left unresolved for `ReportPeriod` blocks can be expired by anyone, returning its
//! bond.
//!
//! ## Calls
//!
//! - `register_agent(agent, metadata, stake, allowance, consent_until, consent)`,
//!   `bond_more(agent, amount)`, `unbond(agent, amount)` (slashable for `UnbondingPeriod`),
//!   `withdraw_unbonded(agent)` (a chunk still unbonding when an open report was filed waits
//!   for the report),
//!   `set_allowance(agent, allowance)`, `deregister(agent)` (nothing bonded or unbonding, no open
//!   report) — by the operator;
//! - `report(agent, evidence)` — by anyone but the operator and the agent;
//! - `resolve_report(id, upheld, slash)` — by `ArbiterOrigin`;
//! - `expire_report(id)` — by anyone, once the report has expired.
//!
//! ## Assumptions
//!
//! - Each operator's `AgentStake` hold equals the bonded and unbonding stake of its agents; each
//!   reporter's `ReportBond` hold equals the bonds of its open reports; each agent's
//!   `open_reports` counts its reports, and `AgentReports` lists exactly them. `try_state`
//!   checks them.
//! - Slashes are transfers: the reporter's part plus the treasury's equals what left the hold.
//!
//! ## Code layout
//!
//! `lib.rs` declares the pallet (config, storage, events, errors, calls) and registers agents;
//! `stake.rs` bonds, unbonds and withdraws; `reports.rs` files, resolves and expires reports;
//! `impl_spending.rs` answers [`AgentSpending`] for the inference pallet; `types.rs` the stored
//! records.

#![cfg_attr(not(feature = "std"), no_std)]
// Test code may do unchecked arithmetic (the workspace lints forbid it in runtime code), and its
// mock's `ExtBuilder::default()` is FRAME's idiom.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::default_constructed_unit_structs))]

extern crate alloc;

mod impl_spending;
mod reports;
mod stake;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub use openledger_primitives::agents::{AgentConsent, AgentSpending, AGENT_CONSENT_CONTEXT};

/// What the benchmarks need of the runtime: an agent's key to sign its consent with.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// An agent's account and its signature over `message`.
	fn sign(message: &[u8]) -> (AccountId, Signature);
}

// FRAME's pallet macros expand to `expect`s that carry their proofs (for instance, that the
// pallet is part of the runtime), spanned on this module's attributes: the lint is allowed for
// what the macros generate and denied again on every block of the pallet's own code.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{
		traits::{CheckedDiv, IdentifyAccount, Saturating, Verify, Zero},
		Perbill,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the pallet holds funds for.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An operator's stake for its agents, bonded or unbonding.
		AgentStake,
		/// A reporter's bond on an open report.
		ReportBond,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency stakes and bonds are held in.
		type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// Resolves reports (in the runtime: the arbiter track of governance, or root).
		type ArbiterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where slashes (but the reporter's part) and rejected reports' bonds go.
		type Treasury: Get<Self::AccountId>;

		/// The least an agent's bonded stake may be when registered, and below which an upheld
		/// report suspends it.
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;

		/// Blocks unbonding stake stays held (and slashable).
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Unbonding chunks one agent may have at once.
		#[pallet::constant]
		type MaxUnbonding: Get<u32>;

		/// Blocks in an allowance period: what an agent spent counts against its allowance until
		/// the period ends.
		#[pallet::constant]
		type AllowancePeriod: Get<BlockNumberFor<Self>>;

		/// The bond a report holds.
		#[pallet::constant]
		type ReportBond: Get<BalanceOf<Self>>;

		/// Blocks after which an unresolved report can be expired.
		#[pallet::constant]
		type ReportPeriod: Get<BlockNumberFor<Self>>;

		/// Open reports one agent may have at once.
		#[pallet::constant]
		type MaxOpenReports: Get<u32>;

		/// The reporter's part of a slash; the treasury gets the rest.
		#[pallet::constant]
		type ReporterShare: Get<Perbill>;

		/// The longest name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The most model ids in an agent's metadata.
		#[pallet::constant]
		type MaxModels: Get<u32>;

		/// The longest endpoint, in bytes.
		#[pallet::constant]
		type MaxEndpointLen: Get<u32>;

		/// An agent's signature on its consent (sr25519 in the runtime).
		type Signature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>> + Parameter;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Signs agents' consents in the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// Registered agents.
	#[pallet::storage]
	pub type Registry<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Agent<T>>;

	/// Each operator's agents.
	#[pallet::storage]
	pub type OperatorAgents<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, T::AccountId, ()>;

	/// Open reports.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, ReportId, Report<T>>;

	/// The id the next report gets.
	#[pallet::storage]
	pub type NextReportId<T> = StorageValue<_, ReportId, ValueQuery>;

	/// Each agent's open reports, with the block each was filed in: an unbonding chunk that was
	/// still unbonding when a report was filed answers for it, and is not withdrawn, until the
	/// report is resolved or expires.
	#[pallet::storage]
	pub type AgentReports<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ReportId, BlockNumberFor<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `operator` registered `agent` with `stake` bonded and `allowance` per period.
		AgentRegistered {
			/// The agent's account.
			agent: T::AccountId,
			/// Its operator, whose stake is held.
			operator: T::AccountId,
			/// What was bonded.
			stake: BalanceOf<T>,
			/// What the agent may spend per period.
			allowance: BalanceOf<T>,
		},
		/// The operator bonded `amount` more for `agent`.
		Bonded {
			/// The agent.
			agent: T::AccountId,
			/// What was added to its stake.
			amount: BalanceOf<T>,
		},
		/// `amount` of `agent`'s stake unbonds, withdrawable from block `until`.
		Unbonding {
			/// The agent.
			agent: T::AccountId,
			/// What unbonds.
			amount: BalanceOf<T>,
			/// The first block it can be withdrawn in.
			until: BlockNumberFor<T>,
		},
		/// `amount` of unbonded stake was released to the operator.
		Withdrawn {
			/// The agent.
			agent: T::AccountId,
			/// What was released to the operator.
			amount: BalanceOf<T>,
		},
		/// The operator set `agent`'s allowance per period.
		AllowanceSet {
			/// The agent.
			agent: T::AccountId,
			/// What it may spend per period now.
			allowance: BalanceOf<T>,
		},
		/// `agent` is gone.
		AgentDeregistered {
			/// The former agent.
			agent: T::AccountId,
		},
		/// `agent` spent `amount`, charged to its operator.
		AgentSpent {
			/// The agent.
			agent: T::AccountId,
			/// What it spent, charged to its operator.
			amount: BalanceOf<T>,
		},
		/// `agent` may not spend until its operator tops its stake up to the minimum.
		AgentSuspended {
			/// The agent.
			agent: T::AccountId,
		},
		/// `agent` may spend again.
		AgentResumed {
			/// The agent.
			agent: T::AccountId,
		},
		/// `reporter` reported `agent`, holding `bond`.
		Reported {
			/// The new report.
			report: ReportId,
			/// The reported agent.
			agent: T::AccountId,
			/// Who reported.
			reporter: T::AccountId,
			/// The hash of the evidence the reporter keeps for the arbiter.
			evidence: H256,
			/// What is held from the reporter.
			bond: BalanceOf<T>,
		},
		/// The report was upheld: `slashed` left the operator's hold, `to_reporter` of it to the
		/// reporter and `to_treasury` to the treasury (they sum to `slashed`).
		ReportUpheld {
			/// The report.
			report: ReportId,
			/// The agent.
			agent: T::AccountId,
			/// What left the operator's hold.
			slashed: BalanceOf<T>,
			/// The reporter's part of it.
			to_reporter: BalanceOf<T>,
			/// The treasury's part of it.
			to_treasury: BalanceOf<T>,
		},
		/// The report was rejected: the reporter's bond went to the treasury.
		ReportRejected {
			/// The report.
			report: ReportId,
			/// The agent.
			agent: T::AccountId,
			/// The reporter's bond, which went to the treasury.
			bond: BalanceOf<T>,
		},
		/// The report expired unresolved: its bond was returned.
		ReportExpired {
			/// The report.
			report: ReportId,
			/// The agent.
			agent: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered agent.
		AlreadyRegistered,
		/// The agent's consent is past its last block.
		ConsentExpired,
		/// The consent is not the agent's signature on its consent to this operator.
		BadConsent,
		/// An operator cannot be its own agent.
		AgentIsOperator,
		/// No agent is registered under this account.
		UnknownAgent,
		/// The caller is not the agent's operator.
		NotOperator,
		/// The stake would be below the minimum.
		StakeBelowMinimum,
		/// The amount must be more than zero.
		ZeroAmount,
		/// The agent has less bonded than that.
		InsufficientBond,
		/// The agent has as many unbonding chunks as it may: withdraw first.
		TooManyUnbonding,
		/// Nothing unbonded can be withdrawn yet.
		NothingToWithdraw,
		/// The agent still has stake bonded.
		StillBonded,
		/// The agent still has stake unbonding.
		StillUnbonding,
		/// The agent has open reports.
		OpenReports,
		/// The agent is suspended: its stake is below the minimum.
		AgentSuspended,
		/// The payment would take the agent past its allowance for this period.
		AllowanceExceeded,
		/// The operator and the agent cannot report the agent.
		SelfReport,
		/// The agent has as many open reports as it may.
		TooManyReports,
		/// No open report has this id.
		UnknownReport,
		/// The report has not expired yet.
		NotExpired,
	}

	#[pallet::hooks]
	#[deny(clippy::expect_used)]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(!T::AllowancePeriod::get().is_zero(), "the allowance period must be at least one block");
		}
	}

	#[pallet::call]
	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// Registers `agent` as the caller's, bonding `stake` (held on the caller; at least
		/// `MinStake`) and letting it spend `allowance` per period. `consent` is the agent's
		/// signature on the SCALE encoding of
		/// [`AgentConsent`]` { context: AGENT_CONSENT_CONTEXT, genesis, operator: caller, until:
		/// consent_until }`; it must stand (`consent_until` not past).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_agent())]
		pub fn register_agent(
			origin: OriginFor<T>,
			agent: T::AccountId,
			metadata: Metadata<T>,
			stake: BalanceOf<T>,
			allowance: BalanceOf<T>,
			consent_until: BlockNumberFor<T>,
			consent: T::Signature,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			ensure!(agent != operator, Error::<T>::AgentIsOperator);
			ensure!(!Registry::<T>::contains_key(&agent), Error::<T>::AlreadyRegistered);
			ensure!(frame_system::Pallet::<T>::block_number() <= consent_until, Error::<T>::ConsentExpired);
			let message = Self::consent_message(&operator, consent_until);
			ensure!(consent.verify(&message[..], &agent), Error::<T>::BadConsent);
			ensure!(stake >= T::MinStake::get(), Error::<T>::StakeBelowMinimum);
			T::Currency::hold(&HoldReason::AgentStake.into(), &operator, stake)?;
			Registry::<T>::insert(
				&agent,
				Agent {
					operator: operator.clone(),
					metadata,
					bonded: stake,
					unbonding: BoundedVec::new(),
					allowance,
					spent: Zero::zero(),
					period: Self::current_period(),
					suspended: false,
					reputation: Reputation::default(),
					open_reports: 0,
				},
			);
			OperatorAgents::<T>::insert(&operator, &agent, ());
			Self::deposit_event(Event::AgentRegistered { agent, operator, stake, allowance });
			Ok(())
		}

		/// Bonds `amount` more for the caller's `agent`; a suspended agent back at the minimum
		/// resumes.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_more())]
		pub fn bond_more(origin: OriginFor<T>, agent: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_bond_more(operator, agent, amount)
		}

		/// Starts unbonding `amount` of the caller's `agent`'s stake: held, and slashable, for
		/// `UnbondingPeriod` blocks. An agent left below the minimum is suspended.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>, agent: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_unbond(operator, agent, amount)
		}

		/// Releases the caller's `agent`'s unbonded stake whose period has passed, but for chunks
		/// that were still unbonding when an open report on the agent was filed: those answer for
		/// it until it is resolved or expires (`OpenReports` if nothing else is due). A report
		/// filed after a chunk's period ended does not hold it, so reports cannot keep stake
		/// locked for longer than `ReportPeriod` past its unbonding.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>, agent: T::AccountId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(operator, agent)
		}

		/// Sets what the caller's `agent` may spend per period (from now on; what it spent this
		/// period still counts).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_allowance())]
		pub fn set_allowance(origin: OriginFor<T>, agent: T::AccountId, allowance: BalanceOf<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut record = Self::operated(&agent, &operator)?;
			record.allowance = allowance;
			Registry::<T>::insert(&agent, record);
			Self::deposit_event(Event::AllowanceSet { agent, allowance });
			Ok(())
		}

		/// Removes the caller's `agent`: only with nothing bonded or unbonding and no open
		/// report.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deregister())]
		pub fn deregister(origin: OriginFor<T>, agent: T::AccountId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let record = Self::operated(&agent, &operator)?;
			ensure!(record.bonded.is_zero(), Error::<T>::StillBonded);
			ensure!(record.unbonding.is_empty(), Error::<T>::StillUnbonding);
			ensure!(record.open_reports == 0, Error::<T>::OpenReports);
			Registry::<T>::remove(&agent);
			OperatorAgents::<T>::remove(&operator, &agent);
			Self::deposit_event(Event::AgentDeregistered { agent });
			Ok(())
		}

		/// Reports `agent`, with the hash of the evidence; holds `ReportBond` from the caller
		/// until the report is resolved or expires.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report())]
		pub fn report(origin: OriginFor<T>, agent: T::AccountId, evidence: H256) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			Self::do_report(reporter, agent, evidence)
		}

		/// Resolves report `report`. Upheld: `slash` of the agent's bonded and unbonding stake is
		/// taken (the reporter's share to the reporter, the rest to the treasury) and the bond
		/// returned; an agent left below the minimum is suspended. Rejected: the bond goes to the
		/// treasury (`slash` is ignored).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::resolve_report())]
		pub fn resolve_report(origin: OriginFor<T>, report: ReportId, upheld: bool, slash: Perbill) -> DispatchResult {
			T::ArbiterOrigin::ensure_origin(origin)?;
			Self::do_resolve_report(report, upheld, slash)
		}

		/// Expires report `report`, unresolved past its period: its bond is returned.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::expire_report())]
		pub fn expire_report(origin: OriginFor<T>, report: ReportId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_report(report)
		}
	}

	#[deny(clippy::expect_used)]
	impl<T: Config> Pallet<T> {
		/// The allowance period now.
		pub fn current_period() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number().checked_div(&T::AllowancePeriod::get()).unwrap_or_default()
		}

		/// The bytes an agent signs to consent to act for `operator` until block `until`.
		pub fn consent_message(operator: &T::AccountId, until: BlockNumberFor<T>) -> alloc::vec::Vec<u8> {
			AgentConsent {
				context: AGENT_CONSENT_CONTEXT,
				genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
				operator: operator.clone(),
				until,
			}
			.encode()
		}

		/// `agent`'s record, if `operator` operates it.
		pub(crate) fn operated(agent: &T::AccountId, operator: &T::AccountId) -> Result<Agent<T>, DispatchError> {
			let record = Registry::<T>::get(agent).ok_or(Error::<T>::UnknownAgent)?;
			ensure!(&record.operator == operator, Error::<T>::NotOperator);
			Ok(record)
		}

		/// What `agent` may still spend in the current period (zero if suspended or unknown).
		pub fn allowance_left(agent: &T::AccountId) -> BalanceOf<T> {
			let Some(record) = Registry::<T>::get(agent) else { return Zero::zero() };
			if record.suspended {
				return Zero::zero();
			}
			let spent = if record.period == Self::current_period() { record.spent } else { Zero::zero() };
			record.allowance.saturating_sub(spent)
		}

		/// `agent` as the runtime API shows it.
		pub fn agent_view(
			agent: &T::AccountId,
		) -> Option<openledger_primitives::api::AgentView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let record = Registry::<T>::get(agent)?;
			let open_reports: alloc::vec::Vec<ReportId> =
				Reports::<T>::iter().filter(|(_, r)| &r.agent == agent).map(|(id, _)| id).collect();
			Some(openledger_primitives::api::AgentView {
				operator: record.operator.clone(),
				name: record.metadata.name.to_vec(),
				models: record.metadata.models.to_vec(),
				endpoint: record.metadata.endpoint.to_vec(),
				bonded: record.bonded,
				unbonding: record
					.unbonding
					.iter()
					.map(|u| openledger_primitives::api::UnbondingView { amount: u.amount, until: u.until })
					.collect(),
				allowance: record.allowance,
				allowance_left: Self::allowance_left(agent),
				suspended: record.suspended,
				payments: record.reputation.payments,
				reports_upheld: record.reputation.upheld,
				reports_rejected: record.reputation.rejected,
				open_reports,
			})
		}

		/// Checks the pallet's assumptions (see the crate docs).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut staked: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (agent, record) in Registry::<T>::iter() {
				let total = record.bonded.saturating_add(record.unbonding_total());
				let sum = staked.entry(record.operator.clone()).or_default();
				*sum = sum.saturating_add(total);
				ensure!(
					OperatorAgents::<T>::contains_key(&record.operator, &agent),
					"an agent missing from its operator"
				);
				let reports = Reports::<T>::iter_values().filter(|r| r.agent == agent).count() as u32;
				ensure!(reports == record.open_reports, "open_reports differs from the agent's reports");
			}
			ensure!(
				OperatorAgents::<T>::iter().all(|(_, agent, _)| Registry::<T>::contains_key(&agent)),
				"an operator lists an unknown agent"
			);
			for (operator, total) in staked {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::AgentStake.into(), &operator) == total,
					"an operator's stake hold differs from its agents' stake"
				);
			}
			ensure!(
				AgentReports::<T>::iter().all(|(agent, id, _)| Reports::<T>::get(id).is_some_and(|r| r.agent == agent)),
				"an agent's open report that is not open"
			);
			ensure!(
				Reports::<T>::iter().all(|(id, r)| AgentReports::<T>::contains_key(&r.agent, id)),
				"an open report missing from its agent's"
			);
			let mut bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for report in Reports::<T>::iter_values() {
				let sum = bonds.entry(report.reporter).or_default();
				*sum = sum.saturating_add(report.bond);
			}
			for (reporter, total) in bonds {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ReportBond.into(), &reporter) == total,
					"a reporter's bond hold differs from its open reports' bonds"
				);
			}
			Ok(())
		}
	}
}
