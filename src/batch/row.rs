//! One row per game: what a researcher tabulates. [`play`] plays run `i` of a plan in an engine
//! the caller keeps between games, and catches a failing game so the batch goes on and records it.

use super::plan::Plan;
use crate::dice::Dice;
use crate::model::Outcome;
use crate::sim::Engine;
use crate::sim::autoplay::play_out;

/// How a game ended, for a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Played {
    /// `points`, `sudden_death` or `unfinished`.
    pub outcome: String,
    /// The sudden-death condition's id, or empty.
    pub sudden_death: String,
    /// The winning side's id, or empty (a draw, or every side lost).
    pub winner: String,
    /// Turns played.
    pub turns: u32,
    /// Final value of each track, in track order.
    pub tracks: Vec<i32>,
    /// Final victory points of each side, in side order.
    pub points: Vec<u32>,
    /// Steps lost by each side, in side order.
    pub lost: Vec<u32>,
    /// The final controller of each zone (a side id, or empty), in zone order.
    pub control: Vec<String>,
    /// Whether each objective holds at the end, in [`super::outline::Outline::objectives`]
    /// order (the scoring counts them when the game ends on points).
    pub objectives: Vec<bool>,
    /// Engagements fought.
    pub engagements: u32,
    /// The final state hash.
    pub hash: String,
}

/// One turn of a game, for the history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnRow {
    /// The turn just played.
    pub turn: u32,
    /// Each track's value at its end, in track order.
    pub tracks: Vec<i32>,
    /// Each side's points at its end, in side order.
    pub points: Vec<u32>,
    /// Each side's strength on the map (steps) at its end, in side order.
    pub strength: Vec<u32>,
    /// Engagements fought in the turn.
    pub engagements: u32,
}

/// One game's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Run index in the whole batch.
    pub run: u64,
    /// Replicate within its point (what the seed is derived from).
    pub replicate: u64,
    /// The game seed.
    pub seed: u64,
    /// The point of the sweep it played.
    pub point: usize,
    /// The result, or why the game failed.
    pub result: Result<Played, String>,
    /// Each turn, when the plan records history (else empty).
    pub history: Vec<TurnRow>,
}

/// Plays run `i` of `plan` in `engine` (made, or made anew after a failure, as needed).
pub fn play(plan: &Plan, i: u64, engine: &mut Option<Engine>) -> Row {
    let (point, replicate) = plan.locate(i);
    let seed = plan.seed(i);
    let p = &plan.points[point];
    let game = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let dice = Dice::seeded(seed);
        let e = match engine.take() {
            Some(mut e) => {
                e.reset(p.compiled.clone(), dice);
                e
            }
            None => {
                let mut e = Engine::new(p.compiled.clone(), dice);
                // Nobody reads a batch game's log: keep only the current turn's, and hash only
                // the final state (the row's).
                e.keep_log(false);
                e.hash_every_turn(false);
                e
            }
        };
        let e = engine.insert(e);
        let mut turns = Vec::new();
        if plan.history {
            e.set_bots(&p.policies);
            let mut fought = e.engagements();
            while e.step().is_ok() {
                let now = e.engagements();
                turns.push(TurnRow {
                    turn: e.turn(),
                    tracks: e.tracks().to_vec(),
                    points: e.points(),
                    strength: e.strength(),
                    engagements: now - fought,
                });
                fought = now;
            }
            e.clear_bots();
        } else {
            play_out(e, &p.policies);
        }
        (summarise(e), turns)
    }));
    let (game, history) = match game {
        Ok((p, h)) => (Ok(p), h),
        Err(panic) => (Err(panic), Vec::new()),
    };
    let result = game.map_err(|panic| {
        // The engine may be left inconsistent: the next game builds a new one.
        *engine = None;
        let msg = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown failure".into());
        format!("the engine failed: {msg}")
    });
    Row {
        run: i,
        replicate,
        seed,
        point,
        result,
        history,
    }
}

/// The row values of the game `e` has played (read from the engine's counters: no log needed).
pub fn summarise(e: &mut Engine) -> Played {
    let outcome = e.outcome();
    let (kind, sudden_death) = match &outcome {
        Some(Outcome::Points { .. }) => ("points", String::new()),
        Some(Outcome::SuddenDeath { id, .. }) => ("sudden_death", id.clone()),
        None => ("unfinished", String::new()),
    };
    Played {
        outcome: kind.into(),
        sudden_death,
        winner: outcome
            .as_ref()
            .and_then(|o| o.winner())
            .unwrap_or("")
            .to_string(),
        turns: e.turn(),
        tracks: e.tracks().to_vec(),
        points: e.points(),
        lost: e.steps_lost().to_vec(),
        control: e
            .control()
            .iter()
            .map(|c| {
                c.map_or(String::new(), |s| {
                    e.compiled().scenario.sides[s.index()].id.clone()
                })
            })
            .collect(),
        objectives: e.objectives_met(),
        engagements: e.engagements(),
        hash: e.state_hash(),
    }
}
