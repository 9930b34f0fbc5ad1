//! Research at scale: a scenario played many times by bot policies, over seeds and parameter
//! sweeps, on all cores and across a cluster's array jobs.
//!
//! A [`Plan`] is checked whole before anything runs (every `--set`/`--sweep` point is edited and
//! validated as a scenario). [`run_shard`] plays one shard of it on worker threads ([`exec`]) and
//! streams one row per game ([`row`], [`table`]) as CSV or Parquet ([`write`](mod@write), [`parquet`]) into
//! a part file that is renamed into place when the shard completes, then writes its
//! [`manifest`]. A finished shard is not played again. The rows depend only on the plan: not on
//! the thread count, nor on how the runs are split into shards ([`seed`], [`shard`]).

pub mod bench;
pub mod edit;
pub mod exec;
pub mod fork;
pub mod load;
pub mod manifest;
pub mod merge;
pub mod parquet;
pub mod plan;
pub mod row;
pub mod seed;
pub mod shard;
pub mod summary;
pub mod table;
pub mod write;

pub use edit::Edit;
pub use plan::{Plan, Sweep};
pub use shard::Shard;
pub use summary::Summary;
pub use write::Format;

use manifest::{Key, Manifest};
use std::path::{Path, PathBuf};

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
    },
    /// The shard was already complete; nothing was played.
    AlreadyDone(Manifest),
}

/// Why a shard could not be played.
#[derive(Debug)]
pub enum BatchError {
    /// The output folder holds a part of a different batch under the same name.
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

/// The part and manifest paths of a shard.
pub fn paths(opt: &Options) -> (PathBuf, PathBuf) {
    let stem = opt.shard.stem();
    (
        opt.out.join(format!("{stem}.{}", opt.format.ext())),
        opt.out.join(format!("{stem}.manifest.json")),
    )
}

/// Plays one shard of `plan`, calling `progress(done, of)` after each row is written.
pub fn run_shard(
    plan: &Plan,
    opt: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Done, BatchError> {
    let io = |what: &str, p: &Path, e: std::io::Error| {
        let full = if e.kind() == std::io::ErrorKind::StorageFull {
            "\nthe disk is full: nothing of this shard was kept; free some space (or give another \
             --out) and run the same command again: finished shards are skipped, this one is played"
        } else {
            ""
        };
        BatchError::Io(format!("error: cannot {what} {}: {e}{full}", p.display()))
    };
    std::fs::create_dir_all(&opt.out).map_err(|e| io("create the folder", &opt.out, e))?;
    let (part, mpath) = paths(opt);
    let key = Key::new(plan, opt.shard, opt.format);
    if let Some(old) = finished(&mpath, &part) {
        if old.key == key {
            return Ok(Done::AlreadyDone(old));
        }
        return Err(BatchError::Conflict(format!(
            "error: {} holds {} from a different batch (another scenario, seed, runs, policy, \
             set or sweep); give another --out folder, or remove it to play this batch there",
            opt.out.display(),
            part.display()
        )));
    }
    let range = opt.shard.range(plan.total());
    let of = range.end - range.start;
    let cols = table::columns(plan);
    let mut summary = Summary::new(plan);
    let (mut rows, mut failed) = (0u64, 0u64);
    crate::disk::atomic::write_with(&part, |w| {
        let mut sink = write::sink(opt.format, &mut *w, &cols)?;
        exec::run_range(plan, range.clone(), opt.threads, &mut |row| {
            summary.add(&row);
            failed += u64::from(row.result.is_err());
            rows += 1;
            sink.row(table::cells(plan, &row))?;
            progress(rows, of);
            Ok(())
        })?;
        sink.finish()
    })
    .map_err(|e| io("write", &part, e))?;
    let manifest = Manifest {
        key,
        scenario: plan.scenario.clone(),
        point_hashes: plan
            .points
            .iter()
            .map(|p| p.compiled.hash.clone())
            .collect(),
        points: plan.points.len() as u64,
        total_runs: plan.total(),
        first_run: range.start,
        end_run: range.end,
        part: part
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        columns: cols.into_iter().map(|c| c.0).collect(),
        rows,
        failed,
        complete: true,
    };
    let text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| BatchError::Io(format!("error: cannot write the manifest: {e}")))?;
    if let Err(e) = crate::disk::atomic::write(&mpath, format!("{text}\n").as_bytes()) {
        // A part is in place only with its manifest: without one it would be played again anyway,
        // and a part alone reads as finished work to anyone listing the folder.
        let _ = std::fs::remove_file(&part);
        return Err(io("write", &mpath, e));
    }
    Ok(Done::Played {
        manifest,
        summary: Box::new(summary),
    })
}

/// The manifest of a finished shard: present, readable, complete, with its part file there.
pub fn finished(manifest: &Path, part: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let m: Manifest = serde_json::from_str(&text).ok()?;
    (m.complete && part.is_file() && m.rows == m.end_run - m.first_run).then_some(m)
}
