//! The node's JSON-RPC methods beyond Substrate's standard ones (those `sc-service` adds itself):
//! `system_accountNextIndex`, `payment_queryInfo`/`payment_queryFeeDetails`, and OpenLedger's
//! own `openledger_*` methods, each answered by a runtime API at the best block (or at the
//! block hash given as the last parameter).

use std::sync::Arc;

use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned, RpcModule};
use openledger_primitives::{
	api::{
		AgentView, AgentsApi, BatchView, ContributionView, DatanetView, DatanetsApi, EarningsView, EconomicsApi,
		FeeEstimate, InferenceApi, InferenceView, ModelView, ModelsApi, SupplyView,
	},
	attribution::{BatchId, InferenceId},
	datanets::{ContributionIndex, DatanetId},
	models::ModelId,
};
use openledger_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client, to call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool, for the next nonce of an account.
	pub pool: Arc<P>,
}

/// OpenLedger's own methods.
#[rpc(server)]
pub trait OpenLedgerApi {
	/// A datanet: owner, metadata, kind, policy, curators, counters, Merkle root and versions.
	#[method(name = "openledger_datanet")]
	fn datanet(
		&self,
		id: DatanetId,
		at: Option<Hash>,
	) -> RpcResult<Option<DatanetView<AccountId, Balance, BlockNumber>>>;

	/// Up to `count` (at most 1,000) contributions of a datanet from index `start` on.
	#[method(name = "openledger_contributions")]
	fn contributions(
		&self,
		datanet: DatanetId,
		start: ContributionIndex,
		count: u32,
		at: Option<Hash>,
	) -> RpcResult<Vec<ContributionView<AccountId, BlockNumber>>>;

	/// A model: owner, architecture, weights, lineage, price, status, and how many distinct
	/// accounts contributed to its lineage.
	#[method(name = "openledger_model")]
	fn model(&self, id: ModelId, at: Option<Hash>) -> RpcResult<Option<ModelView<AccountId, Balance, BlockNumber>>>;

	/// A paid inference: receipt, final attribution (once there is one), every payout. `None`
	/// once the retention after its attribution is over (`attribution.Retention`, a week).
	#[method(name = "openledger_inference")]
	fn inference(
		&self,
		id: InferenceId,
		at: Option<Hash>,
	) -> RpcResult<Option<InferenceView<AccountId, Balance, BlockNumber>>>;

	/// A batch of signed receipts: totals, final attribution (once there is one), every payout.
	/// `None` once the retention after its attribution is over.
	#[method(name = "openledger_batch")]
	fn batch(&self, id: BatchId, at: Option<Hash>) -> RpcResult<Option<BatchView<AccountId, Balance, BlockNumber>>>;

	/// An agent: operator, metadata, stake, unbonding, allowance left this period, reputation,
	/// open reports.
	#[method(name = "openledger_agent")]
	fn agent(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Option<AgentView<AccountId, Balance, BlockNumber>>>;

	/// The OPEN supply: cap, total, circulating, vesting-locked, the treasury, and each pool's
	/// balance and release schedule.
	#[method(name = "openledger_supply")]
	fn supply(&self, at: Option<Hash>) -> RpcResult<SupplyView<AccountId, Balance, BlockNumber>>;

	/// What an account has earned from settlements: unclaimed and in all.
	#[method(name = "openledger_earnings")]
	fn earnings(&self, who: AccountId, at: Option<Hash>) -> RpcResult<EarningsView<Balance>>;

	/// What one inference of a model costs now (at most: its job fee is for the longest output),
	/// and how the fee would be split.
	#[method(name = "openledger_estimateFee")]
	fn estimate_fee(&self, model: ModelId, at: Option<Hash>) -> RpcResult<Option<FeeEstimate<Balance>>>;
}

/// The implementation of [`OpenLedgerApiServer`] over a client.
pub struct OpenLedger<C> {
	client: Arc<C>,
}

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(1, format!("runtime API call failed: {e}"), None::<()>)
}

impl<C> OpenLedger<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	fn at(&self, at: Option<Hash>) -> Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C> OpenLedgerApiServer for OpenLedger<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DatanetsApi<Block, AccountId, Balance, BlockNumber>
		+ ModelsApi<Block, AccountId, Balance, BlockNumber>
		+ InferenceApi<Block, AccountId, Balance, BlockNumber>
		+ AgentsApi<Block, AccountId, Balance, BlockNumber>
		+ EconomicsApi<Block, AccountId, Balance, BlockNumber>,
{
	fn datanet(
		&self,
		id: DatanetId,
		at: Option<Hash>,
	) -> RpcResult<Option<DatanetView<AccountId, Balance, BlockNumber>>> {
		self.client.runtime_api().datanet(self.at(at), id).map_err(runtime_error)
	}

	fn contributions(
		&self,
		datanet: DatanetId,
		start: ContributionIndex,
		count: u32,
		at: Option<Hash>,
	) -> RpcResult<Vec<ContributionView<AccountId, BlockNumber>>> {
		self.client.runtime_api().contributions(self.at(at), datanet, start, count).map_err(runtime_error)
	}

	fn model(&self, id: ModelId, at: Option<Hash>) -> RpcResult<Option<ModelView<AccountId, Balance, BlockNumber>>> {
		self.client.runtime_api().model(self.at(at), id).map_err(runtime_error)
	}

	fn inference(
		&self,
		id: InferenceId,
		at: Option<Hash>,
	) -> RpcResult<Option<InferenceView<AccountId, Balance, BlockNumber>>> {
		self.client.runtime_api().inference(self.at(at), id).map_err(runtime_error)
	}

	fn batch(&self, id: BatchId, at: Option<Hash>) -> RpcResult<Option<BatchView<AccountId, Balance, BlockNumber>>> {
		self.client.runtime_api().batch(self.at(at), id).map_err(runtime_error)
	}

	fn agent(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Option<AgentView<AccountId, Balance, BlockNumber>>> {
		self.client.runtime_api().agent(self.at(at), who).map_err(runtime_error)
	}

	fn supply(&self, at: Option<Hash>) -> RpcResult<SupplyView<AccountId, Balance, BlockNumber>> {
		self.client.runtime_api().supply(self.at(at)).map_err(runtime_error)
	}

	fn earnings(&self, who: AccountId, at: Option<Hash>) -> RpcResult<EarningsView<Balance>> {
		self.client.runtime_api().earnings(self.at(at), who).map_err(runtime_error)
	}

	fn estimate_fee(&self, model: ModelId, at: Option<Hash>) -> RpcResult<Option<FeeEstimate<Balance>>> {
		self.client.runtime_api().estimate_fee(self.at(at), model).map_err(runtime_error)
	}
}

/// Builds the RPC module of a full node.
pub fn create_full<C, P>(deps: FullDeps<C, P>) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ DatanetsApi<Block, AccountId, Balance, BlockNumber>
		+ ModelsApi<Block, AccountId, Balance, BlockNumber>
		+ InferenceApi<Block, AccountId, Balance, BlockNumber>
		+ AgentsApi<Block, AccountId, Balance, BlockNumber>
		+ EconomicsApi<Block, AccountId, Balance, BlockNumber>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(OpenLedger { client }.into_rpc())?;

	Ok(module)
}
