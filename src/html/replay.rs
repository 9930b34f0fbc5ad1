//! The game's log cut into turns, with the state at the end of each: the log (re-adjudicated from
//! the save, so it is what `replay` checks) is applied event by event to a fresh engine of the
//! same scenario — state changes only by applying events — and the state is taken at the end of
//! each turn's events. Slice 0 holds what came before turn 1 (an umpire's inject at the start);
//! slice `n` runs from turn `n`'s start to the next turn's, so the umpire's injects, amendments
//! and rollbacks after a turn belong to it, as `account` and the views count them.

use crate::dice::Dice;
use crate::log::LogEvent;
use crate::model::{Compiled, State};
use crate::sim::Engine;
use std::ops::Range;
use std::sync::Arc;

/// One turn of the log and the state after it.
#[derive(Debug, Clone)]
pub struct Slice {
    /// The turn (0: before the first).
    pub turn: u32,
    /// Its events' positions in the log.
    pub range: Range<usize>,
    /// The state at its end.
    pub state: State,
}

/// Cuts `log` into turns and works out the state after each by applying the events to a fresh
/// engine of `c`. Fails if an event does not apply, or if the state reached is not `final_hash`
/// (the state hash of the game the log was taken from).
pub fn slices(c: &Arc<Compiled>, log: &[LogEvent], final_hash: &str) -> Result<Vec<Slice>, String> {
    let mut starts: Vec<usize> = log
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, LogEvent::TurnStarted { .. }))
        .map(|(i, _)| i)
        .collect();
    starts.insert(0, 0);
    starts.push(log.len());
    // The dice are never rolled: every roll is in the log.
    let mut e = Engine::new(c.clone(), Dice::seeded(0));
    let mut out = Vec::with_capacity(starts.len() - 1);
    for (k, w) in starts.windows(2).enumerate() {
        let range = w[0]..w[1];
        e.apply_events(log[range.clone()].to_vec())
            .map_err(|m| format!("the game's log does not apply at turn {k}: {m}"))?;
        let turn = match log.get(range.start) {
            Some(LogEvent::TurnStarted { turn, .. }) if k > 0 => *turn,
            _ => 0,
        };
        out.push(Slice {
            turn,
            range,
            state: e.state(),
        });
    }
    let reached = e.state_hash();
    if reached != final_hash {
        return Err(format!(
            "the game's log does not rebuild the game (state hash {reached}, the game's {final_hash})"
        ));
    }
    Ok(out)
}
