//! Research at scale: a scenario played many times by bot policies, over seeds and parameter
//! sweeps, on all cores and across a cluster's array jobs.
//!
//! A [`Plan`] is checked whole before anything runs (every `--set`/`--sweep` point is edited and
//! validated as a scenario, conflicting flags refused). [`table`] gives its typed columns and a
//! game's typed cells, the same for every writer and caller. [`run_shard`] plays one shard of it
//! on worker threads ([`exec`]) into its folder ([`folder`]: one folder, one batch), resumably, as
//! CSV or Parquet ([`write`](mod@write), [`parquet`]), with its [`manifest`]. A finished shard is
//! not played again; [`merge`] joins a finished batch into one verified file. The rows depend only
//! on the plan: not on the thread count, nor on how the runs are split into shards ([`seed`],
//! [`shard`]).

pub mod bench;
pub mod claim;
pub mod edit;
pub mod exec;
pub mod folder;
pub mod fork;
pub mod history;
pub mod load;
pub mod manifest;
pub mod merge;
pub mod outline;
pub mod parquet;
pub mod plan;
pub mod play;
pub mod request;
pub mod row;
pub mod seed;
pub mod shard;
pub mod summary;
pub mod table;
pub mod why;
pub mod write;

pub use edit::Edit;
pub use plan::{Plan, Sweep};
pub use shard::Shard;
pub use summary::Summary;
pub use write::Format;

use manifest::Manifest;
use std::path::PathBuf;

/// How to play a shard.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which shard.
    pub shard: Shard,
    /// Worker threads.
    pub threads: usize,
    /// Part format.
    pub format: Format,
    /// The output folder.
    pub out: PathBuf,
    /// The command line (or a caller's description of the call), for the manifest.
    pub command: Vec<String>,
    /// Rows per chunk: what an interrupted shard keeps (default [`parquet::GROUP`]).
    pub chunk_rows: u64,
    /// The folder of the history table, when the plan records history.
    pub history: Option<PathBuf>,
}

impl Options {
    /// Options for shard `shard` into `out` as `format`, on every core.
    pub fn new(shard: Shard, format: Format, out: PathBuf) -> Options {
        Options {
            shard,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            format,
            out,
            command: Vec::new(),
            chunk_rows: parquet::GROUP as u64,
            history: None,
        }
    }
}

/// What [`run_shard`] did.
#[derive(Debug)]
pub enum Done {
    /// Played the shard.
    Played {
        /// Its manifest, as written.
        manifest: Manifest,
        /// Its summary.
        summary: Box<Summary>,
        /// Rows kept from an interrupted run of the shard (0 when it started afresh).
        kept: u64,
        /// Why no other process was kept off the shard, if none could be (a filesystem without
        /// file locks): a note for the user.
        unguarded: Option<String>,
    },
    /// The shard was already complete; nothing was played.
    AlreadyDone(Manifest),
}

/// Why a shard could not be played.
#[derive(Debug)]
pub enum BatchError {
    /// The output folder holds a file of another batch (or a file that is no batch's).
    Conflict(String),
    /// Reading or writing failed.
    Io(String),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Conflict(m) | BatchError::Io(m) => f.write_str(m),
        }
    }
}

pub use play::run_shard;
