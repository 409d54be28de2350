//! The fee split and the records the pallet stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
pub use openledger_primitives::inference::PayoutKind;
use openledger_primitives::{attribution::JobId, models::ModelId};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, Saturating, Zero},
	Perbill,
};

use crate::Config;

/// An amount of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The parts of a fee. The treasury gets what the four leave: its own part and every rounding
/// remainder.
#[derive(Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct FeeSplit {
	/// The inference provider's part.
	pub provider: Perbill,
	/// The model owner's part.
	pub owner: Perbill,
	/// The data contributors' part, paid by attribution.
	pub data: Perbill,
	/// The agreeing attestors' part.
	pub attestors: Perbill,
}

impl Default for FeeSplit {
	/// 20% provider, 20% owner, 45% data, 10% attestors; 5% (and the remainders) treasury.
	fn default() -> Self {
		Self {
			provider: Perbill::from_percent(20),
			owner: Perbill::from_percent(20),
			data: Perbill::from_percent(45),
			attestors: Perbill::from_percent(10),
		}
	}
}

/// A fee, split.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SplitFee<Balance> {
	/// The provider's part.
	pub provider: Balance,
	/// The owner's part.
	pub owner: Balance,
	/// The data part (escrowed).
	pub data: Balance,
	/// The attestors' part (escrowed).
	pub attestors: Balance,
	/// The rest.
	pub treasury: Balance,
}

impl<Balance: AtLeast32BitUnsigned + Copy> SplitFee<Balance> {
	/// Each part `count` times: the split of `count` equal fees (saturating).
	pub fn times(self, count: u32) -> Self {
		let times = |part: Balance| part.saturating_mul(Balance::from(count));
		SplitFee {
			provider: times(self.provider),
			owner: times(self.owner),
			data: times(self.data),
			attestors: times(self.attestors),
			treasury: times(self.treasury),
		}
	}
}

impl FeeSplit {
	/// Splits `fee`: each of the four parts rounded down and cut to what is left of the fee,
	/// the rest to the treasury. The five sum to `fee`.
	pub fn apply<Balance: AtLeast32BitUnsigned + Copy>(&self, fee: Balance) -> SplitFee<Balance> {
		let mut left = fee;
		let mut take = |part: Perbill| {
			let amount = part.mul_floor(fee).min(left);
			left = left.saturating_sub(amount);
			amount
		};
		let provider = take(self.provider);
		let owner = take(self.owner);
		let data = take(self.data);
		let attestors = take(self.attestors);
		SplitFee { provider, owner, data, attestors, treasury: left }
	}

	/// The treasury's own part: what the four others leave of the whole (nothing if they take
	/// it all). Rounding remainders come on top of it.
	pub fn treasury(&self) -> Perbill {
		Perbill::one()
			.saturating_sub(self.provider)
			.saturating_sub(self.owner)
			.saturating_sub(self.data)
			.saturating_sub(self.attestors)
	}
}

/// What a payment leaves waiting for its attribution: the data and attestor parts, escrowed until
/// job `job` is final, and what the treasury got of the same fees. One inference's or one
/// batch's; settlement pays it out the same way for both.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Escrow<T: Config> {
	/// The data part, escrowed until settlement.
	pub data: BalanceOf<T>,
	/// The attestors' part, escrowed until settlement.
	pub attestors: BalanceOf<T>,
	/// The provider's part of a batch, escrowed until settlement (the provider vouched for the
	/// batch's outputs: a proven false one forfeits it to the batch's payers); nothing for an
	/// inference, whose provider is paid at once.
	pub provider: BalanceOf<T>,
	/// What the treasury got of the fees when they were paid: the data-reward boost of the
	/// settlement stays below it.
	pub treasury: BalanceOf<T>,
	/// The attribution job whose final attribution settles it.
	pub job: JobId,
	/// Whether it has been paid out.
	pub settled: bool,
}

impl<T: Config> Escrow<T> {
	/// Whether it waits for job `job` to be final: not settled, and `job` is its job.
	pub fn awaits(&self, job: JobId) -> bool {
		!self.settled && self.job == job
	}

	/// What waits in the escrow account for it: nothing once settled.
	pub fn open(&self) -> BalanceOf<T> {
		if self.settled {
			Zero::zero()
		} else {
			self.data.saturating_add(self.attestors).saturating_add(self.provider)
		}
	}
}

/// A registered inference provider: its bond, held under the pallet's `ProviderBond` hold
/// reason, and how many of its paid inferences and batches wait for their attribution (it
/// cannot leave while any does: a false output among them is paid for from the bond).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Provider<T: Config> {
	/// What it holds.
	pub bond: BalanceOf<T>,
	/// Its inferences and batches not yet settled.
	pub open: u32,
	/// Of those, its batches: the outputs it vouched for. Its bond must cover the penalty of
	/// each, so that no false output in flight goes unpenalised.
	pub batches: u32,
	/// It asked to leave: it takes no new payments, and leaves (its bond released) when its
	/// last unsettled work settles.
	pub retiring: bool,
}

/// A paid inference.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Receipt<T: Config> {
	/// Who paid.
	pub payer: T::AccountId,
	/// Who answered.
	pub provider: T::AccountId,
	/// The model.
	pub model: ModelId,
	/// BLAKE2b-256 of the input.
	pub input: H256,
	/// BLAKE2b-256 of the output.
	pub output: H256,
	/// What the payer paid.
	pub fee: BalanceOf<T>,
	/// What waits for the attribution.
	pub escrow: Escrow<T>,
	/// The block it was paid in.
	pub paid_at: BlockNumberFor<T>,
}

/// One payout of an inference.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Payout<T: Config> {
	/// Who.
	pub to: T::AccountId,
	/// How much.
	pub amount: BalanceOf<T>,
	/// Why.
	pub kind: PayoutKind,
}

/// A paid inference a provider submits in a batch, signed by its payer (see
/// [`openledger_primitives::inference::ReceiptMessage`] for the signed bytes).
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct SignedReceipt<T: Config> {
	/// Who pays.
	pub payer: T::AccountId,
	/// The payer's receipt nonce: greater than that of any receipt of theirs already accepted.
	pub nonce: u64,
	/// The most the payer agrees to pay.
	pub max_fee: BalanceOf<T>,
	/// The input the provider answered.
	pub input: BoundedVec<u8, T::MaxReceiptQueryLen>,
	/// The provider's answer.
	pub output: BoundedVec<u8, T::MaxReceiptQueryLen>,
	/// The payer's signature over the receipt message.
	pub signature: T::Signature,
}

/// A batch of signed receipts that paid: the sums of its receipts' fees and parts.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Batch<T: Config> {
	/// Who answered and submitted it.
	pub provider: T::AccountId,
	/// The model.
	pub model: ModelId,
	/// How many receipts paid.
	pub receipts: u32,
	/// What they paid together.
	pub fee: BalanceOf<T>,
	/// BLAKE2b-256 of the SCALE-encoded `(input, output)` pairs of the receipts that paid.
	pub queries: H256,
	/// What waits for the attribution: the sums of the receipts' parts.
	pub escrow: Escrow<T>,
	/// The block it was submitted in.
	pub paid_at: BlockNumberFor<T>,
}
