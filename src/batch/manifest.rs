//! A shard's manifest: what was played (engine version, scenario and its hash, seed derivation,
//! sets, sweeps, policies, runs, shard, format, columns), what came of it (rows, failures), and
//! its provenance (the command line, start and end times, the build's git description). A Parquet
//! part carries it in its key-value metadata; a CSV part has it beside it, in
//! `_part-00003-of-00016.manifest.json` (the `_` keeps folder readers off it). See
//! [`super::folder`] for where everything lives.

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
    /// Whether a per-turn history table is written too (`--history`).
    #[serde(default)]
    pub history: bool,
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
    /// Which table the part holds: `games` (one row per game) or `history` (one row per game
    /// and turn, `--history`).
    #[serde(default = "games")]
    pub table: String,
    /// The columns, in order, with their types and meanings.
    pub columns: Vec<super::table::Column>,
    /// Rows written.
    pub rows: u64,
    /// Rows whose game failed.
    pub failed: u64,
    /// Every row was written and the part renamed into place.
    pub complete: bool,
    /// The command line that played it (or the caller's description of the call).
    #[serde(default)]
    pub command: Vec<String>,
    /// When the shard was first started (UTC, RFC 3339).
    #[serde(default)]
    pub started: String,
    /// When it was completed (UTC, RFC 3339).
    #[serde(default)]
    pub finished: String,
    /// `git describe` of the build, where it was built from a git checkout.
    #[serde(default)]
    pub git: Option<String>,
    /// Every objective of the scenario, with its column (`None` in a batch written before they
    /// were recorded).
    #[serde(default)]
    pub objectives: Option<Vec<super::outline::Objective>>,
    /// Every sudden death of the scenario and who wins it, so a report lists one that never
    /// fired (`None` in a batch written before they were recorded).
    #[serde(default)]
    pub sudden_deaths: Option<Vec<super::outline::SuddenDeath>>,
}

fn games() -> String {
    "games".into()
}

/// The build's `git describe`, if it was built from a git checkout.
pub fn git_describe() -> Option<String> {
    option_env!("WHITECELL_GIT_DESCRIBE")
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Now, in UTC, as RFC 3339 (`2026-12-07T03:21:09Z`).
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

impl Key {
    /// The key of `plan`'s shard `shard` written as `format`.
    pub fn new(plan: &Plan, shard: Shard, format: Format) -> Key {
        Key {
            engine_version: crate::VERSION.to_string(),
            scenario_hash: plan.scenario_hash.clone(),
            master_seed: plan.master_seed,
            seed_derivation: match plan.common_seeds {
                true => super::seed::DERIVATION_COMMON,
                false => super::seed::DERIVATION,
            }
            .to_string(),
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
            history: plan.history,
        }
    }

    /// The key of the whole batch: this one without the shard's index.
    pub fn batch(&self) -> Key {
        Key {
            shard: Shard {
                index: 0,
                count: self.shard.count,
            },
            ..self.clone()
        }
    }
}
