//! Forking a game: take a real game at turn N and play it out K times from there with bots, to see
//! where the actual outcome falls among them — how much of it the position at turn N already held,
//! and how much came from the luck and decisions after it (for the instructor's hotwash).
//!
//! A game is given as its seed and, per turn played, the orders each side handed in and the umpire
//! events applied after the turn ([`Recorded`]). [`replay`] plays it back to turn N (checking it
//! against the recorded state hash when one is given); each fork then continues with the dice of
//! seed `run_seed(master_seed, game_seed, k)` (see [`super::seed`]) and the bot policies. The
//! classroom game folder's reader (and the `fork` command) build a [`Recorded`] from the folder.

use super::exec;
use super::row::{Played, summarise};
use super::seed::run_seed;
use super::summary::wilson;
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
        Ok(())
    })
    .map_err(|e| format!("the forks could not be played: {e}"))?;
    Ok(out)
}

/// How many forks came out below, equal to and above the actual value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rank {
    /// Forks with a lower value.
    pub below: u64,
    /// Forks with the same value.
    pub equal: u64,
    /// Forks with a higher value.
    pub above: u64,
}

impl Rank {
    fn of(actual: i64, values: impl Iterator<Item = i64>) -> Rank {
        let mut r = Rank::default();
        for v in values {
            match v.cmp(&actual) {
                std::cmp::Ordering::Less => r.below += 1,
                std::cmp::Ordering::Equal => r.equal += 1,
                std::cmp::Ordering::Greater => r.above += 1,
            }
        }
        r
    }

    /// The mid-rank percentile of the actual value among the forks, 0..=100.
    pub fn percentile(&self) -> f64 {
        let n = self.below + self.equal + self.above;
        if n == 0 {
            return 50.0;
        }
        100.0 * (self.below as f64 + self.equal as f64 / 2.0) / n as f64
    }
}

/// Where the actual result falls among the forks.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Forks with the actual winner (or, if nobody won, with no winner).
    pub same_winner: u64,
    /// Forks in all.
    pub runs: u64,
    /// 95% Wilson interval of the share of forks with the actual winner.
    pub same_winner_ci: (f64, f64),
    /// Forks with the actual ending (points, or the same sudden death).
    pub same_ending: u64,
    /// Per track, the actual final value's rank.
    pub tracks: Vec<Rank>,
    /// Per side, the actual steps lost's rank.
    pub lost: Vec<Rank>,
}

impl Fork {
    /// Where `actual` falls among the forks.
    pub fn standing(&self, actual: &Played) -> Standing {
        let n = self.runs.len() as u64;
        let same_winner = self
            .runs
            .iter()
            .filter(|p| p.winner == actual.winner)
            .count() as u64;
        let same_ending = self
            .runs
            .iter()
            .filter(|p| (&p.outcome, &p.sudden_death) == (&actual.outcome, &actual.sudden_death))
            .count() as u64;
        let tracks = (0..actual.tracks.len())
            .map(|i| {
                let vals = self.runs.iter().map(move |p| i64::from(p.tracks[i]));
                Rank::of(i64::from(actual.tracks[i]), vals)
            })
            .collect();
        let lost = (0..actual.lost.len())
            .map(|i| {
                let vals = self.runs.iter().map(move |p| i64::from(p.lost[i]));
                Rank::of(i64::from(actual.lost[i]), vals)
            })
            .collect();
        Standing {
            same_winner,
            runs: n,
            same_winner_ci: wilson(same_winner, n),
            same_ending,
            tracks,
            lost,
        }
    }

    /// Forks won by each side, in side order, then those with no winner.
    pub fn winners(&self, c: &Compiled) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = c
            .scenario
            .sides
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    self.runs.iter().filter(|p| p.winner == s.id).count() as u64,
                )
            })
            .collect();
        let none = self.runs.iter().filter(|p| p.winner.is_empty()).count() as u64;
        out.push((String::new(), none));
        out
    }
}

/// The forks and the actual result as text for the hotwash.
pub fn render(c: &Compiled, f: &Fork, actual: Option<&Played>) -> String {
    use std::fmt::Write;
    let n = f.runs.len() as u64;
    let mut s = format!(
        "{} forks from turn {} (state hash {}):\n",
        n, f.from_turn, f.hash_at_fork
    );
    for (side, k) in f.winners(c) {
        let (lo, hi) = wilson(k, n);
        let name = if side.is_empty() {
            "no winner"
        } else {
            side.as_str()
        };
        let _ = writeln!(
            s,
            "  {name:<12} {k:>6} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
            100.0 * k as f64 / n.max(1) as f64,
            100.0 * lo,
            100.0 * hi
        );
    }
    for (k, seed, why) in &f.failed {
        let _ = writeln!(
            s,
            "  fork {k} (seed {seed}) failed inside the engine and is left out: {why}"
        );
    }
    let Some(a) = actual else {
        let _ = writeln!(s, "the game has not ended: no actual outcome to compare");
        return s;
    };
    let st = f.standing(a);
    let who = if a.winner.is_empty() {
        "no winner"
    } else {
        a.winner.as_str()
    };
    let _ = writeln!(
        s,
        "actual: {who} ({}{}); {} of {} forks ({:.1}%, 95% CI {:.1}%-{:.1}%) had the same winner, {} the same ending",
        a.outcome,
        if a.sudden_death.is_empty() {
            String::new()
        } else {
            format!(": {}", a.sudden_death)
        },
        st.same_winner,
        st.runs,
        100.0 * st.same_winner as f64 / st.runs.max(1) as f64,
        100.0 * st.same_winner_ci.0,
        100.0 * st.same_winner_ci.1,
        st.same_ending
    );
    for (t, r) in c.tracks.iter().zip(&st.tracks) {
        let _ = writeln!(
            s,
            "  final {}: actual at the {} percentile of the forks",
            t.id,
            ordinal(r.percentile())
        );
    }
    for (side, r) in c.scenario.sides.iter().zip(&st.lost) {
        let _ = writeln!(
            s,
            "  steps lost by {}: actual at the {} percentile",
            side.id,
            ordinal(r.percentile())
        );
    }
    s
}

/// A percentile rounded and written as an English ordinal: `1st`, `33rd`, `50th`, `100th`.
fn ordinal(p: f64) -> String {
    let n = p.round().clamp(0.0, 100.0) as u32;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn percentiles_read_as_ordinals() {
        let got: Vec<String> = [
            0.0, 1.0, 2.4, 3.0, 11.0, 12.0, 13.2, 21.0, 33.3, 50.0, 100.0,
        ]
        .iter()
        .map(|&p| ordinal(p))
        .collect();
        assert_eq!(
            got,
            [
                "0th", "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "33rd", "50th", "100th"
            ]
        );
    }
}
