//! Forking a game: take a real game at turn N and play it out K times from there with bots, to see
//! where the actual outcome falls among them — how much of it the position at turn N already held,
//! and how much came from the luck and decisions after it (for the instructor's hotwash).
//!
//! A game is given as its seed and, per turn played, the orders each side handed in and the umpire
//! events applied after the turn ([`Recorded`]). [`replay`] plays it back to turn N (checking it
//! against the recorded state hash when one is given); each fork then continues with the dice of
//! seed `run_seed(master_seed, game_seed, k)` (see [`super::seed`]) and the bot policies. The
//! classroom game folder's reader (and the `fork` command) build a [`Recorded`] from the folder.

mod standing;

pub use standing::{Rank, Standing, render};

use super::exec;
use super::row::{Played, summarise};
use super::seed::run_seed;
use crate::dice::Dice;
use crate::log::LogEvent;
use crate::model::{Compiled, SideId};
use crate::orders::SideOrders;
use crate::orders::file::Unresolved;
use crate::policy::PolicySpec;
use crate::sim::Engine;
use crate::sim::autoplay::play_out;
use std::sync::Arc;

/// What was handed in for one turn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TurnInput {
    /// Each side's orders.
    pub orders: Vec<(SideId, SideOrders)>,
    /// Per side, the orders that named unknown things (logged as rejected when the turn plays).
    pub unresolved: Vec<(SideId, Vec<Unresolved>)>,
    /// Umpire events applied after the turn was adjudicated (amendments, injects).
    pub umpire: Vec<LogEvent>,
    /// The state hash recorded at the end of the turn (after the umpire events), if known.
    pub hash: Option<String>,
}

/// A game as played: its seed and every turn's input.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The rules revision its hashes were recorded under (see [`crate::RULES`]).
    pub rules: u32,
    /// The game seed.
    pub seed: u64,
    /// Umpire events applied before turn 1 (an inject at the start).
    pub start: Vec<LogEvent>,
    /// Turn 1, 2, ... as played.
    pub turns: Vec<TurnInput>,
}

impl Default for Recorded {
    /// No turns, under this build's rules revision.
    fn default() -> Self {
        Recorded {
            rules: crate::RULES,
            seed: 0,
            start: Vec::new(),
            turns: Vec::new(),
        }
    }
}

/// Plays `game` back to the end of turn `upto` (0: the start).
pub fn replay(c: &Arc<Compiled>, game: &Recorded, upto: u32) -> Result<Engine, String> {
    if upto as usize > game.turns.len() {
        return Err(format!(
            "the game has {} turn(s) recorded; cannot fork from turn {upto}",
            game.turns.len()
        ));
    }
    let mut e = Engine::new(c.clone(), Dice::seeded(game.seed));
    e.set_hash_rules(game.rules);
    e.apply_events(game.start.clone())
        .map_err(|err| format!("an umpire event before turn 1 does not apply: {err}"))?;
    for (i, t) in game.turns.iter().take(upto as usize).enumerate() {
        let turn = i + 1;
        for (side, orders) in &t.orders {
            let unresolved = t
                .unresolved
                .iter()
                .find(|(s, _)| s == side)
                .map(|(_, u)| u.clone())
                .unwrap_or_default();
            e.submit(*side, orders.clone(), unresolved);
        }
        e.step_turn()
            .map_err(|err| format!("turn {turn} cannot be replayed: {err}"))?;
        e.apply_events(t.umpire.clone())
            .map_err(|err| format!("turn {turn}: an umpire event does not apply: {err}"))?;
        if let Some(h) = &t.hash {
            let now = e.state_hash();
            if *h != now {
                return Err(format!(
                    "the replay left the recorded game at turn {turn}: state hash {now}, recorded {h}"
                ));
            }
        }
    }
    Ok(e)
}

/// The actual result of `game` played back in full (`None` if it has not ended).
pub fn actual(c: &Arc<Compiled>, game: &Recorded) -> Result<Option<Played>, String> {
    let mut e = replay(c, game, game.turns.len() as u32)?;
    Ok(e.outcome().is_some().then(|| summarise(&mut e)))
}

/// K plays of a game from turn N.
#[derive(Debug, Clone, PartialEq)]
pub struct Fork {
    /// The turn forked from.
    pub from_turn: u32,
    /// The state hash at the fork.
    pub hash_at_fork: String,
    /// Each fork's seed, in order.
    pub seeds: Vec<u64>,
    /// The result of each fork that played to the end, in order.
    pub runs: Vec<Played>,
    /// The forks that failed inside the engine: (fork, seed, what went wrong). The others are
    /// played and ranked without them, as a batch records a failed game and goes on.
    pub failed: Vec<(u64, u64, String)>,
}

/// Plays `runs` forks of `game` from turn `from_turn` with `policies`, on `threads` workers. The
/// game is played back to turn N once; every fork starts from a copy of that position in an engine
/// its worker keeps ([`exec::ordered`], as a batch plays). The result does not depend on the thread
/// count.
pub fn fork(
    c: &Arc<Compiled>,
    game: &Recorded,
    from_turn: u32,
    runs: u64,
    master_seed: u64,
    policies: &[PolicySpec],
    threads: usize,
) -> Result<Fork, String> {
    let mut quiet = |_: u64, _: u64| {};
    fork_with_progress(
        c,
        game,
        (from_turn, runs, master_seed),
        policies,
        threads,
        &mut quiet,
    )
}

/// [`fork`], calling `progress(done, of)` as each fork's result comes in; `what` is
/// (from turn, runs, master seed).
pub fn fork_with_progress(
    c: &Arc<Compiled>,
    game: &Recorded,
    what: (u32, u64, u64),
    policies: &[PolicySpec],
    threads: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Fork, String> {
    let (from_turn, runs, master_seed) = what;
    if policies.len() != c.side_count() {
        return Err(format!(
            "{} policies given for {} sides",
            policies.len(),
            c.side_count()
        ));
    }
    let mut at = replay(c, game, from_turn)?;
    let hash_at_fork = at.state_hash();
    let start = at.snapshot();
    drop(at);
    let seeds: Vec<u64> = (0..runs)
        .map(|k| run_seed(master_seed, game.seed, k))
        .collect();
    let work = |k: u64, engine: &mut Option<Engine>| {
        let dice = Dice::seeded(seeds[k as usize]);
        // A fork that fails is reported with its seed; it does not take the others down with it.
        let one = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let e = match engine.take() {
                Some(mut e) => {
                    e.restore(&start, dice);
                    e
                }
                None => {
                    let mut e = Engine::new(c.clone(), dice.clone());
                    e.set_hash_rules(game.rules);
                    e.keep_log(false);
                    e.hash_every_turn(false);
                    e.restore(&start, dice);
                    e
                }
            };
            let e = engine.insert(e);
            crate::disk::testhook::panic_point_n("fork", k);
            play_out(e, policies);
            summarise(e)
        }));
        one.map_err(|panic| {
            *engine = None;
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown failure".into())
        })
    };
    let mut out = Fork {
        from_turn,
        hash_at_fork,
        seeds: seeds.clone(),
        runs: Vec::with_capacity(seeds.len()),
        failed: Vec::new(),
    };
    exec::ordered(0..runs, threads, &work, &mut |k, r| {
        match r {
            Ok(p) => out.runs.push(p),
            Err(why) => out.failed.push((k, seeds[k as usize], why)),
        }
        progress(k + 1, runs);
        Ok(())
    })
    .map_err(|e| format!("the forks could not be played: {e}"))?;
    Ok(out)
}
