//! The manifest written beside each part (`part-00003-of-00016.manifest.json`): what was played
//! (engine version, scenario and its hash, seed derivation, sets, sweeps, policies, runs, shard,
//! format, columns) and what came of it (rows, failures). A part whose manifest is present, says
//! `complete`, matches the plan, and whose file is there, is a finished shard and is not played
//! again.

use super::plan::{Plan, Sweep};
use super::shard::Shard;
use super::write::Format;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What defines a shard's rows: two runs with equal keys write the same part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// `whitecell::VERSION`.
    pub engine_version: String,
    /// The scenario hash before edits.
    pub scenario_hash: String,
    /// The master seed.
    pub master_seed: u64,
    /// How each run's seed is derived.
    pub seed_derivation: String,
    /// Runs per sweep point.
    pub runs_per_point: u64,
    /// `--set` edits as `PATH=VALUE`.
    pub sets: Vec<String>,
    /// `--sweep`s.
    pub sweeps: Vec<Sweep>,
    /// Per point, each side's policy in full (`side -> policy`).
    pub policies: Vec<BTreeMap<String, String>>,
    /// This shard.
    pub shard: Shard,
    /// The part's format.
    pub format: Format,
}

/// A shard's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// What was played.
    pub key: Key,
    /// The scenario file as given.
    pub scenario: String,
    /// Per point, the hash of the edited scenario that was played.
    pub point_hashes: Vec<String>,
    /// Points in the sweep.
    pub points: u64,
    /// Runs in the whole batch (points x runs per point).
    pub total_runs: u64,
    /// The run indices of this shard: `first_run..end_run`.
    pub first_run: u64,
    /// One past the last run index of this shard.
    pub end_run: u64,
    /// The part file, relative to the manifest.
    pub part: String,
    /// The columns, in order.
    pub columns: Vec<String>,
    /// Rows written.
    pub rows: u64,
    /// Rows whose game failed.
    pub failed: u64,
    /// Every row was written and the part renamed into place.
    pub complete: bool,
}

impl Key {
    /// The key of `plan`'s shard `shard` written as `format`.
    pub fn new(plan: &Plan, shard: Shard, format: Format) -> Key {
        Key {
            engine_version: crate::VERSION.to_string(),
            scenario_hash: plan.scenario_hash.clone(),
            master_seed: plan.master_seed,
            seed_derivation: super::seed::DERIVATION.to_string(),
            runs_per_point: plan.runs,
            sets: plan.sets.iter().map(|e| e.to_string()).collect(),
            sweeps: plan.sweeps.clone(),
            policies: plan
                .points
                .iter()
                .map(|p| {
                    plan.sides
                        .iter()
                        .cloned()
                        .zip(p.policies.iter().map(|x| x.to_string()))
                        .collect()
                })
                .collect(),
            shard,
            format,
        }
    }
}
