//! The command line: Substrate's standard `run` options and subcommands.

/// An OpenLedger node. Without a subcommand it runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Make this node's attribution answers deliberately wrong, so that its attestor is
	/// outvoted and struck. For the network tests only: it exists only in a node built with the
	/// `attestor-perturb` feature.
	#[cfg(feature = "attestor-perturb")]
	#[arg(long, hide = true)]
	pub attestor_perturb: bool,

	/// Remove a text corpus's span index (kept under the chain's data directory, in
	/// `attribution/spans`) when no attribution job has used it for this many hours.
	#[arg(long, value_name = "HOURS", default_value_t = 168, value_parser = clap::value_parser!(u64).range(1..))]
	pub attestor_index_keep_hours: u64,

	/// The disk the span indexes may take, in GiB: past it, the least recently used are removed.
	#[arg(long, value_name = "GIB", default_value_t = 16)]
	pub attestor_index_budget_gib: u64,
}

/// The subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert session keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	///
	/// The `build-spec` command is deprecated upstream in favour of `export-chain-spec`; both
	/// work.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a network (`--chain dev|local|FILE`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmark the runtime's pallets (only in a node built with
	/// `--features runtime-benchmarks`; see scripts/benchmark-weights.sh).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
