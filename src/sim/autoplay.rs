//! Playing a game to its end with bot policies: the loop behind `run`, `batch` and `bench`.

use super::Engine;
use crate::model::SideId;
use crate::policy::PolicySpec;
use crate::report::LogEvent;

/// Plays turns until the game ends, each side's orders from its policy; `on_turn` sees each turn's
/// events as they happen.
pub fn play_to_end(
    engine: &mut Engine,
    policies: &[PolicySpec],
    mut on_turn: impl FnMut(&[LogEvent]),
) {
    let c = engine.compiled().clone();
    let dice = engine.dice().clone();
    while engine.outcome().is_none() {
        let state = engine.state();
        for (i, p) in policies.iter().enumerate() {
            let side = SideId(i as u16);
            let orders = p.orders(&c, &state, side, &dice);
            engine.submit(side, orders, Vec::new());
        }
        match engine.step_turn() {
            Ok(events) => on_turn(events),
            Err(_) => break,
        }
    }
}
