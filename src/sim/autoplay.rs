//! Playing a game to its end with bot policies: the loop behind `run`, `batch`, `fork` and `bench`.

use super::Engine;
use crate::log::LogEvent;
use crate::policy::PolicySpec;

/// Plays turns until the game ends, each side played by its policy; `on_turn` sees each turn's
/// events, with names, as they happen.
pub fn play_to_end(
    engine: &mut Engine,
    policies: &[PolicySpec],
    mut on_turn: impl FnMut(&[LogEvent]),
) {
    engine.set_bots(policies);
    while !engine.ended() {
        match engine.step_turn() {
            Ok(events) => on_turn(&events),
            Err(_) => break,
        }
    }
    engine.clear_bots();
}

/// Plays turns until the game ends, each side played by its policy, rendering nothing.
pub fn play_out(engine: &mut Engine, policies: &[PolicySpec]) {
    engine.set_bots(policies);
    while engine.step().is_ok() {}
    engine.clear_bots();
}
