//! The full picture of a game as the rest of the library reads it: [`state_of`] turns a world's
//! status and its units into a sorted [`State`] with names (tracks, control, relations, what each
//! side has detected, messages, the outcome). The engine and the apply seam's old hash both use it.

use super::components::Status;
use crate::log::render;
use crate::model::{Compiled, Intel, Message, State, UnitState};

/// The full, sorted state with names of a world's status and its units on the map (by id).
pub fn state_of(c: &Compiled, st: &Status, units: Vec<UnitState>) -> State {
    let (tracks, h, contacts) = (&st.tracks, &st.history, &st.contacts);
    let notes = &st.journal.log.notes;
    let mut intel = Intel::new(c.side_count());
    for side in c.side_ids() {
        for u in (0..c.units.len() as u32).map(crate::model::UnitId) {
            if contacts.sees(side, u) {
                intel.current[side.index()].push(u);
            }
            if let Some(sg) = contacts.sighting(side, u) {
                intel.last_seen[side.index()].insert(u, sg);
            }
        }
    }
    State {
        turn: st.clock,
        units,
        control: st.control.clone(),
        relations: st.relations.clone(),
        tracks: tracks.values.clone(),
        reached: tracks.reached.clone(),
        fired: h.fired.clone(),
        steps_lost: h.steps_lost.clone(),
        intel,
        messages: h
            .messages
            .iter()
            .map(|m| {
                let (to, from, text) = render::message(c, notes, m.msg);
                Message {
                    turn: m.turn,
                    to,
                    from,
                    text,
                }
            })
            .collect(),
        outcome: h.ending.map(|e| render::outcome(c, e, &h.scores)),
    }
}
