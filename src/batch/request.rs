//! A batch as a front end asks for one: the scenario file and the flags' text (`--runs`,
//! `--master-seed`, `--policy`, `--set`, `--sweep`) checked and turned into a [`Plan`]. The CLI's
//! `batch` and the Python package's `whitecell.batch(...)` both come through here, so they plan the
//! same games for the same arguments.

use super::{Edit, Plan, Sweep};
use crate::model::Compiled;
use crate::scenario::Report;
use std::path::Path;

/// The most runs per point a batch takes.
pub const MAX_RUNS: u64 = 1_000_000_000;

/// Why a batch could not be planned. Both are the user's to fix (exit 1).
#[derive(Debug)]
pub enum RequestError {
    /// The scenario file's problems, each located.
    Scenario(Report),
    /// A flag that does not parse or does not fit the scenario; the message starts `error: `.
    Flag(String),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::Scenario(r) => write!(f, "{r}"),
            RequestError::Flag(m) => f.write_str(m),
        }
    }
}

/// What to play, as the flags give it.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// Games per sweep point (1 to [`MAX_RUNS`]).
    pub runs: u64,
    /// The master seed.
    pub master_seed: u64,
    /// `SIDE=NAME` policy choices.
    pub policies: &'a [String],
    /// `PATH=VALUE` edits for every game.
    pub sets: &'a [String],
    /// `PATH=V1,V2,...` sweeps.
    pub sweeps: &'a [String],
}

/// Loads `scenario` and plans every game of `r`, checking every point before anything is played.
pub fn plan(scenario: &Path, r: &Request) -> Result<Plan, RequestError> {
    if r.runs == 0 || r.runs > MAX_RUNS {
        return Err(RequestError::Flag(format!(
            "error: --runs must be 1 to {MAX_RUNS}"
        )));
    }
    let sets = parse_all(r.sets, Edit::parse, "--set")?;
    let sweeps = parse_all(r.sweeps, Sweep::parse, "--sweep")?;
    let policy_sides: Vec<String> = r
        .policies
        .iter()
        .filter_map(|p| p.split_once('=').map(|(s, _)| s.trim().to_string()))
        .collect();
    super::plan::conflicts(&policy_sides, &sets, &sweeps)
        .map_err(|e| RequestError::Flag(format!("error: {e}")))?;
    let loaded = crate::scenario::load_file(scenario).map_err(RequestError::Scenario)?;
    // The plan's errors get one `error: ` below: take the policies' own off.
    let policies = |c: &Compiled| {
        crate::policy::assign::assign(c, r.policies)
            .map_err(|e| e.strip_prefix("error: ").map(str::to_string).unwrap_or(e))
    };
    Plan::new(&loaded, r.master_seed, r.runs, sets, sweeps, &policies)
        .map_err(|e| RequestError::Flag(format!("error: {e}")))
}

fn parse_all<T>(
    flags: &[String],
    f: impl Fn(&str) -> Result<T, String>,
    what: &str,
) -> Result<Vec<T>, RequestError> {
    flags
        .iter()
        .map(|s| f(s).map_err(|e| RequestError::Flag(format!("error: {what} {e}"))))
        .collect()
}
