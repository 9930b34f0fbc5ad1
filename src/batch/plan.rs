//! A batch plan: the scenario, its `--set` edits, the points of its `--sweep`s (every combination
//! of values, the first sweep varying slowest), the policies, and how many runs per point. Every
//! point is edited, checked and compiled before any game is played, so a bad path or value stops
//! the batch at once.
//!
//! Run `i` plays point `i / runs` with replicate `i % runs`; its seed comes from the replicate
//! (see [`super::seed`]), so every point plays the same seeds and differences between points come
//! from the parameters, not from luck.

use super::edit::{Edit, flags, load_edited};
use super::outline::Outline;
use super::seed;
use crate::model::Compiled;
use crate::policy::PolicySpec;
use crate::scenario::Loaded;
use std::sync::Arc;

/// One `--sweep PATH=V1,V2,...`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sweep {
    /// The path.
    pub path: String,
    /// Its values, in order.
    pub values: Vec<String>,
}

impl Sweep {
    /// Parses `PATH=V1,V2,...`.
    pub fn parse(flag: &str) -> Result<Sweep, String> {
        let e = Edit::parse(flag).map_err(|m| m.replace("PATH=VALUE", "PATH=V1,V2,..."))?;
        let values: Vec<String> = e.value.split(',').map(|v| v.trim().to_string()).collect();
        if values.iter().any(String::is_empty) {
            return Err(format!("`{flag}`: a value is empty; write PATH=V1,V2,..."));
        }
        Ok(Sweep {
            path: e.path,
            values,
        })
    }
}

/// One combination of swept values, ready to play.
#[derive(Debug, Clone)]
pub struct Point {
    /// The value of each sweep, in sweep order.
    pub values: Vec<String>,
    /// The edited scenario.
    pub compiled: Arc<Compiled>,
    /// The policies per side.
    pub policies: Vec<PolicySpec>,
}

/// Everything a batch plays.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario file as given.
    pub scenario: String,
    /// The hash of the scenario file before edits: part of every seed.
    pub scenario_hash: String,
    /// The master seed.
    pub master_seed: u64,
    /// Runs per point.
    pub runs: u64,
    /// `--set` edits, applied to every point.
    pub sets: Vec<Edit>,
    /// `--sweep`s.
    pub sweeps: Vec<Sweep>,
    /// The points, in run order.
    pub points: Vec<Point>,
    /// Side ids, in side order.
    pub sides: Vec<String>,
    /// Track ids, in track order.
    pub tracks: Vec<String>,
    /// Zone ids, in zone order.
    pub zones: Vec<String>,
    /// Record each game's per-turn history too (`--history`; off unless set).
    pub history: bool,
    /// Derive seeds from the master seed and replicate only, leaving the scenario out
    /// (`--common-seeds`): two versions of a scenario then play the same dice, so a before/after
    /// comparison measures the edit, not the luck. Off unless set.
    pub common_seeds: bool,
    /// The objectives and sudden deaths (of the scenario as given: edits change values only).
    pub outline: Outline,
}

impl Plan {
    /// Builds and checks every point. `policies` gives the sides' policies for an edited scenario.
    pub fn new(
        loaded: &Loaded,
        master_seed: u64,
        runs: u64,
        sets: Vec<Edit>,
        sweeps: Vec<Sweep>,
        policies: &dyn Fn(&Compiled) -> Result<Vec<PolicySpec>, String>,
    ) -> Result<Plan, String> {
        conflicts(&[], &sets, &sweeps)?;
        let count = sweeps
            .iter()
            .try_fold(1usize, |n, s| n.checked_mul(s.values.len()));
        match count {
            Some(n) if n <= 100_000 => {}
            _ => return Err("the sweeps make more than 100000 points; sweep fewer values".into()),
        }
        let base = Compiled::new(loaded)?;
        let sides: Vec<String> = base.scenario.sides.iter().map(|s| s.id.clone()).collect();
        let tracks: Vec<String> = base.scenario.tracks.iter().map(|t| t.id.clone()).collect();
        let zones: Vec<String> = base.scenario.zones.iter().map(|z| z.id.clone()).collect();
        let mut points = Vec::new();
        for values in combinations(&sweeps) {
            let mut edits = sets.clone();
            edits.extend(sweeps.iter().zip(&values).map(|(s, v)| Edit {
                path: s.path.clone(),
                value: v.clone(),
                swept: true,
            }));
            let l = load_edited(loaded, &edits)?;
            let c = Compiled::new(&l)?;
            let ids = |c: &Compiled| -> (Vec<String>, Vec<String>, Vec<usize>, Vec<String>) {
                (
                    c.scenario.sides.iter().map(|s| s.id.clone()).collect(),
                    c.scenario.tracks.iter().map(|t| t.id.clone()).collect(),
                    c.objectives.iter().map(Vec::len).collect(),
                    c.sudden_death.iter().map(|s| s.id.clone()).collect(),
                )
            };
            if ids(&c) != ids(&base) {
                return Err(format!(
                    "{}: edits may change values, not which sides, tracks, zones, objectives or sudden deaths there are",
                    flags(&edits)
                ));
            }
            let policies = policies(&c)?;
            points.push(Point {
                values,
                compiled: Arc::new(c),
                policies,
            });
        }
        Ok(Plan {
            outline: Outline::of(&base),
            scenario: loaded.path.display().to_string(),
            scenario_hash: loaded.hash.clone(),
            master_seed,
            runs,
            sets,
            sweeps,
            points,
            sides,
            tracks,
            zones,
            history: false,
            common_seeds: false,
        })
    }

    /// Runs in all: points x runs.
    pub fn total(&self) -> u64 {
        self.points.len() as u64 * self.runs
    }

    /// The point and replicate of run `i`.
    pub fn locate(&self, i: u64) -> (usize, u64) {
        let runs = self.runs.max(1);
        ((i / runs) as usize, i % runs)
    }

    /// The seed of run `i`.
    pub fn seed(&self, i: u64) -> u64 {
        let key = match self.common_seeds {
            true => 0,
            false => seed::scenario_key(&self.scenario_hash),
        };
        seed::batch_seed(self.master_seed, key, self.locate(i).1)
    }

    /// Per parameter column (sets, then sweeps), every value it takes.
    pub fn param_values(&self) -> Vec<Vec<String>> {
        self.sets
            .iter()
            .map(|e| vec![e.value.clone()])
            .chain(self.sweeps.iter().map(|s| s.values.clone()))
            .collect()
    }

    /// The `PATH=VALUE` edits of run `i` (sets, then its sweep values), for `whitecell run --set`.
    pub fn edits(&self, i: u64) -> Vec<Edit> {
        let (p, _) = self.locate(i);
        let mut e = self.sets.clone();
        e.extend(
            self.sweeps
                .iter()
                .zip(&self.points[p].values)
                .map(|(s, v)| Edit {
                    path: s.path.clone(),
                    value: v.clone(),
                    // `whitecell run` takes a swept value back as a `--set`.
                    swept: false,
                }),
        );
        e
    }

    /// The names of the parameter columns: every set and swept path.
    pub fn param_paths(&self) -> Vec<String> {
        self.sets
            .iter()
            .map(|e| e.path.clone())
            .chain(self.sweeps.iter().map(|s| s.path.clone()))
            .collect()
    }
}

/// Whether one dotted path covers the other (equal, or one is a field inside the other).
fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    b == a || b.strip_prefix(a).is_some_and(|rest| rest.starts_with('.'))
}

/// Refuses flags that would silently undo one another, before anything is played: a path given
/// twice in `--set`/`--sweep` (or one inside another), and a `--policy SIDE=...` for a side whose
/// policy is also set or swept (`sides.SIDE.policy`).
pub fn conflicts(policy_sides: &[String], sets: &[Edit], sweeps: &[Sweep]) -> Result<(), String> {
    let flagged: Vec<(String, &str)> = sets
        .iter()
        .map(|e| (format!("--set {e}"), e.path.as_str()))
        .chain(sweeps.iter().map(|s| {
            (
                format!("--sweep {}={}", s.path, s.values.join(",")),
                s.path.as_str(),
            )
        }))
        .collect();
    for (i, (fa, a)) in flagged.iter().enumerate() {
        for (fb, b) in &flagged[i + 1..] {
            if overlaps(a, b) {
                let what = if a == b {
                    format!("the path `{a}` is given twice")
                } else {
                    format!("`{a}` and `{b}` change the same value")
                };
                return Err(format!(
                    "{fa} and {fb}: {what}; give each value once (a --sweep plays every value, a --set fixes one)"
                ));
            }
        }
    }
    for side in policy_sides {
        let path = format!("sides.{side}.policy");
        if let Some((f, _)) = flagged.iter().find(|(_, p)| overlaps(p, &path)) {
            return Err(format!(
                "--policy {side}=... and {f}: both choose the policy of `{side}`, and --policy \
                 would win for every game; give one of them"
            ));
        }
    }
    Ok(())
}

fn combinations(sweeps: &[Sweep]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for s in sweeps {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                s.values.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(v.clone());
                    p
                })
            })
            .collect();
    }
    out
}
