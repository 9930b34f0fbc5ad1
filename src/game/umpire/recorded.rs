//! A classroom game's save as a [`Recorded`] game, for forking it ([`crate::batch::fork`]): the
//! seed, and per turn of the live line of play the orders every side played (a team's accepted
//! file, or the orders the filling policy gave a side that sent none), the umpire events applied
//! after it and the recorded state hash. Entries a rollback discarded are skipped, exactly as
//! opening the game skips them.
//!
//! The journal is played on an engine as it is read, the way [`crate::game::Game::from_save`] plays it,
//! because a side filled by a policy has no orders in the save: the policy's orders are worked out
//! from the state and dice at that turn. Every recorded hash is checked on the way; a save that
//! does not replay is refused.

use crate::batch::fork::{Recorded, TurnInput};
use crate::dice::Dice;
use crate::game::GameError;
use crate::game::store::folder::{compile, submit_turn};
use crate::game::store::save::{Entry, Save};
use crate::log::LogEvent;
use crate::model::Compiled;
use crate::orders::OrdersFile;
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The scenario of `save`, compiled, and the save's live line of play as a [`Recorded`] game.
pub fn recorded(save: &Save) -> Result<(Arc<Compiled>, Recorded), GameError> {
    let c = compile(save)?;
    let mut e = Engine::new(c.clone(), Dice::seeded(save.seed));
    e.set_hash_rules(crate::rules_of(&save.engine).unwrap_or(crate::RULES));
    let mut rec = Recorded {
        rules: crate::rules_of(&save.engine).unwrap_or(crate::RULES),
        seed: save.seed,
        ..Recorded::default()
    };
    let mut pending: BTreeMap<&str, &OrdersFile> = BTreeMap::new();
    for entry in save.live() {
        match entry {
            Entry::Orders { file, .. } => {
                pending.insert(file.side.as_str(), file);
            }
            Entry::Umpire { events, hash, .. } => {
                let what = match events.first() {
                    Some(LogEvent::Umpire { action, .. }) => format!("umpire: {action}"),
                    _ => "umpire action".into(),
                };
                e.apply_events(events.clone()).map_err(|m| {
                    GameError::rejected(format!("error: the save's {what} does not apply: {m}"))
                })?;
                check(save, &mut e, &what, hash)?;
                umpire(&mut rec, events.iter().cloned());
                if let Some(t) = rec.turns.last_mut() {
                    t.hash = Some(hash.clone());
                }
            }
            Entry::Turn {
                turn, filled, hash, ..
            } => {
                let next = rec.turns.len() as u32 + 1;
                if *turn != next {
                    return Err(GameError::rejected(format!(
                        "error: the save's journal is out of order: it records turn {turn} where turn {next} was due; run `whitecell replay GAME_DIR` for the full account"
                    )));
                }
                let t = play_turn(&c, &mut e, &pending, filled)?;
                pending.clear();
                check(save, &mut e, &format!("turn {turn}"), hash)?;
                rec.turns.push(TurnInput {
                    hash: Some(hash.clone()),
                    ..t
                });
            }
            Entry::Rollback {
                to_turn, reason, ..
            } => {
                // The same note opening the game applies: no change to the state, only the log.
                let note = crate::game::store::journal::rollback_note(*to_turn, reason);
                e.apply_events(vec![note.clone()])
                    .map_err(GameError::rejected)?;
                umpire(&mut rec, std::iter::once(note));
            }
        }
    }
    Ok((c, rec))
}

/// Umpire events go after the last turn played, or before turn 1 if none has been.
fn umpire(rec: &mut Recorded, events: impl Iterator<Item = LogEvent>) {
    match rec.turns.last_mut() {
        Some(t) => t.umpire.extend(events),
        None => rec.start.extend(events),
    }
}

/// Submits every side's orders for the coming turn as the game did, plays it, and records them.
fn play_turn(
    c: &Arc<Compiled>,
    e: &mut Engine,
    pending: &BTreeMap<&str, &OrdersFile>,
    filled: &BTreeMap<String, String>,
) -> Result<TurnInput, GameError> {
    let submitted = submit_turn(c, e, &|side| pending.get(side).copied(), filled)?;
    let mut t = TurnInput::default();
    for (side, orders, unresolved) in submitted {
        t.orders.push((side, orders));
        if !unresolved.is_empty() {
            t.unresolved.push((side, unresolved));
        }
    }
    e.step_turn()
        .map_err(|m| GameError::rejected(format!("error: the save's turn does not play: {m}")))?;
    Ok(t)
}

/// Refuses a save whose replay leaves a recorded hash.
fn check(save: &Save, e: &mut Engine, what: &str, recorded: &str) -> Result<(), GameError> {
    let now = e.state_hash();
    if now == recorded {
        return Ok(());
    }
    Err(GameError::rejected(format!(
        "error: the save does not replay: after {what} the state hash is {now} but the save recorded {recorded}; run `whitecell replay GAME_DIR` for the full account (was the save made by another whitecell? it says {})",
        save.engine
    )))
}
