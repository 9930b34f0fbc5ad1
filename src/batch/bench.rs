//! `whitecell bench`: a fixed, documented set of games, timed, with one signature hash over their
//! final state hashes — the same idea as a chess engine's `bench` node count. The signature is the
//! same on every machine, build and thread count; a different one means the rules (or the engine)
//! changed, and [`SIGNATURE`] records the one of the current rules revision.
//!
//! The set is [`SET_SIZE`] games in four groups, game `k` of the set belonging to group `k % 4` with
//! seed `k / 4 + 1`:
//! - `eastern-med/default`: `scenarios/eastern-med-2018.ron` with the scenario's own policies
//!   (`random` for Russia, Syria, the US and the armed groups; `hold` for Iran and Turkey);
//! - `eastern-med/cautious`: the same scenario, every side `cautious`;
//! - `tutorial/default`: `scenarios/tutorial.ron` with its own policies (`random` for both sides);
//! - `tutorial/duel`: the tutorial, blue `cautious` and red `aggressive`.
//!
//! `--games N` plays N games going round the set (game `j` plays game `j % SET_SIZE` of the set),
//! so any N times the set well; each repeat must give the same final hash as the first, or the bench
//! fails. The scenarios are built into the binary, so the bench needs no files.

use super::exec;
use crate::dice::Dice;
use crate::model::Compiled;
use crate::policy::PolicySpec;
use crate::scenario::load;
use crate::sim::Engine;
use crate::sim::autoplay::play_out;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Games in the fixed set.
pub const SET_SIZE: u64 = 200;

/// The signature of the full set under the current rules revision (`whitecell::VERSION`).
pub const SIGNATURE: &str = "498594166181630a";

/// Games played when `--games` is not given.
pub const DEFAULT_GAMES: u64 = 10_000;

const TUTORIAL: &str = include_str!("../../scenarios/tutorial.ron");
const EASTERN_MED: &str = include_str!("../../scenarios/eastern-med-2018.ron");
use crate::scenario::builtin::DEFAULT_RULESET;

/// The names of the groups, in set order.
pub const GROUPS: [&str; 4] = [
    "eastern-med/default",
    "eastern-med/cautious",
    "tutorial/default",
    "tutorial/duel",
];

/// One group of the set: a scenario and each side's policy.
pub struct Group {
    /// `scenario/policies`, e.g. `eastern-med/default`.
    pub name: &'static str,
    /// The scenario.
    pub scenario: Arc<Compiled>,
    /// Each side's policy, in side order.
    pub policies: Vec<PolicySpec>,
}

fn compile(file: &str, text: &str) -> Result<Arc<Compiled>, String> {
    // The built-in scenarios name only the default ruleset.
    let read = |p: &Path| {
        if p.ends_with("rulesets/default.ron") {
            Ok(DEFAULT_RULESET.to_string())
        } else {
            Err(std::io::Error::other(format!(
                "the built-in scenario names {}, which the bench does not carry",
                p.display()
            )))
        }
    };
    let loaded = load::load_str(Path::new(file), text, &read).map_err(|r| r.to_string())?;
    Ok(Arc::new(Compiled::new(&loaded)?))
}

fn policies(c: &Compiled, by_side: &dyn Fn(&str, Option<&str>) -> String) -> Vec<PolicySpec> {
    c.scenario
        .sides
        .iter()
        .map(|s| {
            PolicySpec::parse(&by_side(&s.id, s.policy.as_deref()))
                .expect("the bench's policies parse")
        })
        .collect()
}

/// The four groups of the set, in order.
pub fn groups() -> Result<Vec<Group>, String> {
    let med = compile("scenarios/eastern-med-2018.ron", EASTERN_MED)?;
    let tut = compile("scenarios/tutorial.ron", TUTORIAL)?;
    let own = |_: &str, p: Option<&str>| p.unwrap_or("random").to_string();
    Ok(vec![
        Group {
            name: GROUPS[0],
            policies: policies(&med, &own),
            scenario: med.clone(),
        },
        Group {
            name: GROUPS[1],
            policies: policies(&med, &|_, _| "cautious".into()),
            scenario: med,
        },
        Group {
            name: GROUPS[2],
            policies: policies(&tut, &own),
            scenario: tut.clone(),
        },
        Group {
            name: GROUPS[3],
            policies: policies(&tut, &|side, _| {
                if side == "blue" {
                    "cautious"
                } else {
                    "aggressive"
                }
                .into()
            }),
            scenario: tut,
        },
    ])
}

/// The group and seed of game `k` of the set.
pub fn game_of_set(k: u64) -> (usize, u64) {
    let k = k % SET_SIZE;
    ((k % 4) as usize, k / 4 + 1)
}

/// What a bench measured.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Games played.
    pub games: u64,
    /// Worker threads used.
    pub threads: usize,
    /// Wall-clock time of all the games.
    pub wall: Duration,
    /// Per group: its name, games played and the time they took on their threads.
    pub groups: Vec<(&'static str, u64, Duration)>,
    /// The signature over the set's final hashes (over as much of the set as was played).
    pub signature: String,
    /// The set was played whole, so the signature can be compared with [`SIGNATURE`].
    pub whole_set: bool,
}

impl Measured {
    /// Games per second of wall-clock time.
    pub fn games_per_second(&self) -> f64 {
        self.games as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// The game of the set the `j`th game played is: going round the whole set, or round one group's
/// games only.
fn pick(j: u64, only: Option<usize>) -> u64 {
    match only {
        None => j % SET_SIZE,
        Some(g) => g as u64 + 4 * (j % (SET_SIZE / 4)),
    }
}

/// Plays `games` games of the set (or of one group of it, `only`) on `threads` workers. Fails if a
/// repeat of a game of the set ends differently from its first play.
pub fn run(games: u64, threads: usize, only: Option<usize>) -> Result<Measured, String> {
    let groups = groups()?;
    let work = |j: u64, engine: &mut Option<Engine>| {
        let (g, seed) = game_of_set(pick(j, only));
        let group = &groups[g];
        let t = Instant::now();
        let dice = Dice::seeded(seed);
        let e = match engine.take() {
            Some(mut e) => {
                e.reset(group.scenario.clone(), dice);
                e
            }
            None => {
                let mut e = Engine::new(group.scenario.clone(), dice);
                // As a batch plays: nobody reads the log, and only the final state is hashed.
                e.keep_log(false);
                e.hash_every_turn(false);
                e
            }
        };
        let e = engine.insert(e);
        play_out(e, &group.policies);
        let hash = e.state_hash();
        (hash, t.elapsed())
    };
    let mut firsts: Vec<String> = Vec::with_capacity(SET_SIZE.min(games) as usize);
    let mut per_group: Vec<(&'static str, u64, Duration)> =
        groups.iter().map(|g| (g.name, 0, Duration::ZERO)).collect();
    let mut bad = None;
    let start = Instant::now();
    let distinct = if only.is_some() {
        SET_SIZE / 4
    } else {
        SET_SIZE
    };
    exec::ordered(0..games, threads, &work, &mut |j, (hash, took)| {
        let (g, seed) = game_of_set(pick(j, only));
        per_group[g].1 += 1;
        per_group[g].2 += took;
        let k = (j % distinct) as usize;
        if k == firsts.len() {
            firsts.push(hash);
        } else if firsts[k] != hash && bad.is_none() {
            bad = Some(format!(
                "game {j} ({} seed {seed}) ended with hash {hash}, but its first play ended with {}: \
                 the engine is not deterministic",
                per_group[g].0, firsts[k]
            ));
        }
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    let wall = start.elapsed();
    if let Some(b) = bad {
        return Err(b);
    }
    Ok(Measured {
        games,
        threads: threads.clamp(1, (games.max(1) as usize).min(exec::MAX_THREADS)),
        wall,
        groups: per_group,
        signature: signature(&firsts),
        whole_set: only.is_none() && firsts.len() as u64 == SET_SIZE,
    })
}

/// The signature of a list of final hashes: the first 64 bits of the SHA-256 of their text, each
/// followed by a newline, as 16 hex digits.
pub fn signature(hashes: &[String]) -> String {
    let mut h = Sha256::new();
    for x in hashes {
        h.update(x.as_bytes());
        h.update(b"\n");
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
